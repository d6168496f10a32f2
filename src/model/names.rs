//! Finding a language by what it is called: its id (what packs and answers files write), or
//! what a person or a tech radar calls it (its display name, a part of one, a common alias).
//! The one implementation of language lookup: the checked [`Pack`](super::Pack), the pack
//! builder and the radar import all use it.

use super::{LangIdx, Language};

/// The index of the language with this exact id.
pub fn language_by_id(languages: &[Language], id: &str) -> Option<LangIdx> {
    languages.iter().position(|l| l.id == id).map(LangIdx::new)
}

/// The language a person named, in any case: its id, its display name, or a part of a display
/// name written as alternatives (`JavaScript` for `TypeScript / JavaScript`), the first that
/// matches in pack order; failing those, the language a common alias stands for (`golang` for
/// `go`, see `suggest::alias_target`).
pub fn language_named(languages: &[Language], named: &str) -> Option<LangIdx> {
    let wanted = named.trim().to_lowercase();
    languages
        .iter()
        .position(|l| {
            l.id == wanted
                || l.name.to_lowercase() == wanted
                || l.name.split('/').any(|part| part.trim().to_lowercase() == wanted)
        })
        .map(LangIdx::new)
        .or_else(|| crate::suggest::alias_target(&wanted).and_then(|id| language_by_id(languages, id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(id: &'static str, name: &'static str) -> Language {
        Language { id: id.into(), name: name.into(), runtime: "".into() }
    }

    #[test]
    fn languages_are_found_by_id_name_part_of_a_name_or_alias() {
        let languages = [language("go", "Go"), language("typescript", "TypeScript / JavaScript")];
        assert_eq!(language_by_id(&languages, "go"), Some(LangIdx::new(0)));
        assert_eq!(language_by_id(&languages, "Go"), None, "ids are exact");
        assert_eq!(language_named(&languages, " Go "), Some(LangIdx::new(0)));
        assert_eq!(language_named(&languages, "javascript"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "typescript / javascript"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "golang"), Some(LangIdx::new(0)));
        assert_eq!(language_named(&languages, "nodejs"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "rs"), None, "an alias of a language not in the pack");
        assert_eq!(language_named(&languages, "gopher"), None);
    }
}
