//! Finding a language by what it is called: its id (what packs and answers files write), or
//! what a person or a tech radar calls it (its display name, a part of one, a common alias).
//! The one implementation of language lookup: the checked [`Pack`](super::Pack), the pack
//! builder and the radar import all use it.

use super::{LangIdx, Language, List, Parts, Text};
use std::collections::BTreeSet;

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
    let names =
        languages.iter().flat_map(|l| std::iter::once(&l.id).chain(l.aliases.iter()).map(|n| n.as_ref()));
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

/// The words that keep their capital mid-sentence, sorted: the words of the language names,
/// and every word the pack's texts write capitalised in the middle of a sentence (the
/// frameworks and platforms its rules mention: Phoenix, Tokio, Kubernetes in the built-in
/// pack). The pack builder stores them in the pack ([`super::Pack::names`]), so reports that
/// lower a label mid-sentence read no text of the pack.
pub fn kept_capitalised(parts: &Parts) -> List<Text> {
    let mut names: BTreeSet<&str> =
        parts.languages.iter().flat_map(|l| l.name.split([' ', '/'])).filter(|w| !w.is_empty()).collect();
    for text in texts(parts) {
        names.extend(capitalised_mid_sentence(text));
    }
    names.into_iter().map(|name| Text::from(name.to_string())).collect()
}

/// The pack's sentences, in which a capital mid-sentence marks a name: language runtimes,
/// questions (title, statement, prompt, help, option labels and descriptions), rule reasons,
/// facts, requirements, knock-outs and caveats. (Guide titles and sections are left out:
/// titles capitalise common words.)
fn texts(parts: &Parts) -> impl Iterator<Item = &str> {
    let languages = parts.languages.iter().map(|l| l.runtime.as_ref());
    let questions = parts.questions.iter().flat_map(|q| {
        [q.title.as_ref(), q.statement.as_ref(), q.prompt.as_ref(), q.help.as_ref()]
            .into_iter()
            .chain(q.options.iter().flat_map(|o| [o.label.as_ref(), o.description.as_ref()]))
    });
    let rules = parts.rules.iter().map(|r| r.reason.as_ref());
    let facts = parts.groups.iter().map(|g| g.fact.as_ref());
    let requirements = parts.requirements.iter().flat_map(|r| [r.title.as_ref(), r.reason.as_ref()]);
    let exclusions = parts.exclusions.iter().map(|x| x.reason.as_ref());
    let caveats = parts.caveats.iter().map(|c| c.text.as_ref());
    languages.chain(questions).chain(rules).chain(facts).chain(requirements).chain(exclusions).chain(caveats)
}

/// The words of `text` written with a capital after another word (not after a full stop, a
/// colon or a bracket, where a sentence may start), without trailing punctuation or a
/// possessive: `Phoenix` from "Elixir's Phoenix, LiveView and Ecto".
fn capitalised_mid_sentence(text: &str) -> impl Iterator<Item = &str> {
    let words = text.split_whitespace();
    words.clone().zip(words.skip(1)).filter_map(|(before, word)| {
        let after_a_word = before.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == ';');
        if !after_a_word || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let word = word.split(['\'', '’']).next().unwrap_or(word);
        let word = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"']);
        (!word.is_empty()).then_some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_words_capitalised_after_another_word() {
        let found: Vec<&str> = capitalised_mid_sentence(
            "Elixir's Phoenix, LiveView and Ecto. The BEAM runs on Node.js; Ruby-like: (Spark) runs Oban's queues",
        )
        .collect();
        assert_eq!(found, ["Phoenix", "LiveView", "Ecto", "BEAM", "Node.js", "Ruby-like", "Oban"]);
    }

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
