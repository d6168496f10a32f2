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
/// matches in pack order; failing those, the language one of whose aliases it is (`golang` for
/// `go`, as the pack's `languages` file lists them).
pub fn language_named(languages: &[Language], named: &str) -> Option<LangIdx> {
    let wanted = named.trim().to_lowercase();
    languages
        .iter()
        .position(|l| {
            l.id == wanted
                || l.name.to_lowercase() == wanted
                || l.name.split('/').any(|part| part.trim().to_lowercase() == wanted)
        })
        .or_else(|| languages.iter().position(|l| l.aliases.iter().any(|a| *a == wanted)))
        .map(LangIdx::new)
}

/// ` (did you mean "go"?)` for a language id that is not one: the language it names (as
/// [`language_named`] finds it), else the language whose id or alias is nearest; or nothing.
pub fn language_hint(languages: &[Language], wrong: &str) -> String {
    if wrong.len() > 200 {
        return String::new();
    }
    // A typo of an alias (`gollang`) points to the language the alias names.
    let names = languages.iter().flat_map(|l| std::iter::once(&l.id).chain(&l.aliases).map(|n| n.as_ref()));
    let nearest = crate::suggest::nearest(wrong, names).and_then(|n| language_named(languages, n));
    match language_named(languages, wrong).or(nearest) {
        Some(l) => format!(" (did you mean \"{}\"?)", languages[l.get()].id),
        None => String::new(),
    }
}

/// ` (did you mean "go"?)` for a value that is not an option of `question`: when the options
/// are language ids, the language it names (`golang`); else the nearest option id; or nothing.
pub fn option_hint(languages: &[Language], question: &super::Question, wrong: &str) -> String {
    match language_named(languages, wrong).map(|l| languages[l.get()].id.as_ref()) {
        Some(id) if question.option(id).is_some() => format!(" (did you mean \"{id}\"?)"),
        _ => crate::suggest::did_you_mean(wrong, question.option_ids()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(id: &'static str, name: &'static str, aliases: &[&'static str]) -> Language {
        let aliases = aliases.iter().map(|&a| a.into()).collect();
        Language { id: id.into(), name: name.into(), runtime: "".into(), aliases }
    }

    #[test]
    fn languages_are_found_by_id_name_part_of_a_name_or_alias() {
        let languages = [
            language("go", "Go", &["golang"]),
            language("typescript", "TypeScript / JavaScript", &["node", "nodejs"]),
        ];
        assert_eq!(language_by_id(&languages, "go"), Some(LangIdx::new(0)));
        assert_eq!(language_by_id(&languages, "Go"), None, "ids are exact");
        assert_eq!(language_named(&languages, " Go "), Some(LangIdx::new(0)));
        assert_eq!(language_named(&languages, "javascript"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "typescript / javascript"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "golang"), Some(LangIdx::new(0)));
        assert_eq!(language_named(&languages, "nodejs"), Some(LangIdx::new(1)));
        assert_eq!(language_named(&languages, "rs"), None, "no language of the pack has that alias");
        assert_eq!(language_named(&languages, "gopher"), None);
        assert_eq!(language_hint(&languages, "golang"), " (did you mean \"go\"?)");
        assert_eq!(language_hint(&languages, "typscript"), " (did you mean \"typescript\"?)");
        assert_eq!(language_hint(&languages, "gollang"), " (did you mean \"go\"?)");
        assert_eq!(language_hint(&languages, "cobol"), "");
    }
}
