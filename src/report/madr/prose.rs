//! The prose of a decision record: labels and reasons lowered mid-sentence, the words that keep
//! their capital (taken from the pack's own texts), the context with its problem statement, and
//! the decision drivers.

use super::super::{defining_question, in_words, signed};
use crate::answers::AnswersFile;
use crate::engine::{self, Influence};
use crate::model::{Answers, LangIdx, QuestionIdx};
use crate::pack::Pack;
use std::collections::BTreeSet;

/// Lower-cases the first letter of a label used mid-sentence, unless it starts an acronym
/// (`CPU-bound`) or a name.
pub(in crate::report) fn mid_sentence(text: &str, names: &BTreeSet<&str>) -> String {
    lowered(text, |w| names.contains(w))
}

/// [`mid_sentence`] for one label, asking the pack about its first word only (no set of every
/// name built): what the table's and Markdown's titles need.
pub(in crate::report) fn mid_sentence_in(pack: &Pack, text: &str) -> String {
    lowered(text, |w| pack.is_name(w))
}

/// `text` with its first letter lower-cased unless it starts an acronym or a word `is_name`
/// keeps.
fn lowered(text: &str, is_name: impl Fn(&str) -> bool) -> String {
    let first_word = text.split([' ', ',', ':', '\'']).next().unwrap_or("");
    let mut chars = text.chars();
    let common = first_word == "A"
        || (first_word.chars().nth(1).is_some_and(char::is_lowercase)
            && !first_word.chars().skip(1).any(char::is_uppercase)
            && !is_name(first_word)
            && !first_word.split('-').next().is_some_and(&is_name));
    match chars.next() {
        Some(c) if c.is_uppercase() && common => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Words that stay capitalised mid-sentence ([`Pack::names`]).
pub(in crate::report) fn names(pack: &Pack) -> BTreeSet<&str> {
    pack.names().iter().map(AsRef::as_ref).collect()
}

/// "Elixir (+16), Erlang (+10) and Gleam (+9)".
fn moved(pack: &Pack, deltas: &[(LangIdx, f64)]) -> String {
    let parts: Vec<String> =
        deltas.iter().map(|(l, d)| format!("{} ({})", pack.languages[*l].name, signed(*d))).collect();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    in_words(&refs)
}

/// The decision drivers: every answer that moves points or rules a language out, the
/// strongest first, in words.
pub(super) fn drivers(pack: &Pack, answers: &Answers, names: &BTreeSet<&str>) -> Vec<String> {
    let mut found: Vec<(f64, String)> =
        (0..pack.questions.len()).filter_map(|i| driver(pack, answers, QuestionIdx::new(i), names)).collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    found.into_iter().map(|(_, text)| text).collect()
}

/// One answer as a driver, with its weight for the order (points moved; a knock-out or a
/// requirement outweighs any points), or `None` when it moves nothing.
fn driver(pack: &Pack, answers: &Answers, q: QuestionIdx, names: &BTreeSet<&str>) -> Option<(f64, String)> {
    let question = &pack.questions[q];
    let Influence { points: delta, excludes: out, requires } = engine::influence(pack, answers, q);
    let weight: f64 = delta.values().map(|d| d.abs()).sum();
    if weight == 0.0 && out.is_empty() && requires.is_empty() {
        return None;
    }
    let mut favours: Vec<(LangIdx, f64)> =
        delta.iter().map(|(l, d)| (l, *d)).filter(|(_, d)| *d > 0.0).collect();
    favours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut against: Vec<(LangIdx, f64)> =
        delta.iter().map(|(l, d)| (l, *d)).filter(|(_, d)| *d < 0.0).collect();
    against.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    // The first label opens the answer; the others run inside it, lower-cased.
    let labels: Vec<String> = answers
        .get(q)
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let label = &question.options[o].label;
            if i == 0 { label.to_string() } else { mid_sentence(label, names) }
        })
        .collect();
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let mut effects = Vec::new();
    if !out.is_empty() {
        let names: Vec<&str> = out.iter().map(|&l| pack.languages[l].name.as_ref()).collect();
        effects.push(format!("rules out {}", in_words(&names)));
    }
    let stated = (!requires.is_empty()).then(|| requirements_stated(pack, &requires));
    if !favours.is_empty() {
        effects.push(format!("favours {}", moved(pack, &favours[..favours.len().min(3)])));
    }
    if !against.is_empty() {
        effects.push(format!("counts against {}", moved(pack, &against[..against.len().min(3)])));
    }
    let effects: Vec<&str> = effects.iter().map(String::as_str).collect();
    let text = match (effects.is_empty(), stated) {
        (true, Some(stated)) => format!("{}: {}, which {stated}", question.title, in_words(&labels)),
        (false, Some(stated)) => {
            format!("{}: {}, which {}; it {stated}", question.title, in_words(&labels), in_words(&effects))
        }
        (_, None) => format!("{}: {}, which {}", question.title, in_words(&labels), in_words(&effects)),
    };
    Some((weight + 100.0 * (out.len() + requires.len()) as f64, text))
}

/// "states hard requirements: A (Go cannot meet it), and B and C (Python cannot meet them)":
/// one clause for every requirement an answer states, grouped by who misses them.
fn requirements_stated(pack: &Pack, requires: &[&crate::model::Requirement]) -> String {
    let mut by_missers: Vec<(&[LangIdx], Vec<&str>)> = Vec::new();
    for r in requires {
        match by_missers.iter_mut().find(|(langs, _)| **langs == *r.languages) {
            Some((_, titles)) => titles.push(&r.title),
            None => by_missers.push((&r.languages, vec![&r.title])),
        }
    }
    let parts: Vec<String> = by_missers
        .iter()
        .map(|(langs, titles)| {
            let names: Vec<&str> = langs.iter().map(|&l| pack.languages[l].name.as_ref()).collect();
            let pronoun = if titles.len() == 1 { "it" } else { "them" };
            format!("{} ({} cannot meet {pronoun})", in_words(titles), in_words(&names))
        })
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let noun = if requires.len() == 1 { "a hard requirement" } else { "hard requirements" };
    format!("states {noun}: {}", in_words(&parts).replace(") and ", "), and "))
}

/// The context: each required or non-default answer as a sentence, then the problem statement.
pub(super) fn context(pack: &Pack, file: &AnswersFile, names: &BTreeSet<&str>) -> String {
    let mut sentences = Vec::new();
    for (q, question) in pack.questions.iter().enumerate() {
        let answer = file.answers.get(QuestionIdx::new(q));
        if question.default.as_ref() == Some(answer) {
            continue;
        }
        // Labels are written capitalised, as for a list; inside a sentence they read lower-case
        // ("the job of the language runtime"), names and acronyms excepted.
        let opens = question.statement.trim_start().starts_with("{answer}");
        let labels: Vec<String> = answer
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let label = &question.options[o].label;
                let label = if opens && i == 0 { label.to_string() } else { mid_sentence(label, names) };
                format!("**{label}**")
            })
            .collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        sentences.push(question.statement.replace("{answer}", &in_words(&refs)));
    }
    sentences.push(problem(pack, names));
    sentences.join(" ")
}

/// The question the record answers, naming the pack's defining question: "Which of the 12
/// candidate languages should the backend be written in, given this dominant concurrency shape
/// and the other answers?"
fn problem(pack: &Pack, names: &BTreeSet<&str>) -> String {
    let given = match defining_question(pack) {
        Some(q) => format!("this {} and the other answers", mid_sentence(&pack.questions[q].title, names)),
        None => "these answers".to_string(),
    };
    format!(
        "Which of the {} candidate languages should the backend be written in, given {given}?",
        pack.languages.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_their_capital_mid_sentence_unless_acronyms_or_names() {
        let names: BTreeSet<&str> = ["Phoenix", "Go"].into_iter().collect();
        assert_eq!(mid_sentence("Realtime fan-out", &names), "realtime fan-out");
        assert_eq!(mid_sentence("CPU-bound work", &names), "CPU-bound work");
        assert_eq!(mid_sentence("Phoenix PubSub", &names), "Phoenix PubSub");
        assert_eq!(mid_sentence("Go is simple", &names), "Go is simple");
        assert_eq!(mid_sentence("GenServers under", &names), "GenServers under");
        assert_eq!(mid_sentence("A BEAM process", &names), "a BEAM process");
        assert_eq!(mid_sentence("I/O-bound", &names), "I/O-bound");
        assert_eq!(mid_sentence("The hiring pool", &names), "the hiring pool");
    }

    #[test]
    fn asking_the_pack_about_one_word_agrees_with_the_set_of_every_name() {
        let pack = crate::pack::builtin();
        let names = names(&pack);
        for title in pack.questions.iter().map(|q| q.title.as_ref()) {
            assert_eq!(mid_sentence_in(&pack, title), mid_sentence(title, &names), "{title}");
        }
    }

    #[test]
    fn the_built_in_names_are_found_in_its_texts() {
        let pack = crate::pack::builtin();
        let names = names(&pack);
        for name in [
            "Phoenix",
            "LiveView",
            "Ecto",
            "Oban",
            "Spark",
            "Android",
            "Windows",
            "Tokio",
            "Django",
            "Rails",
            "Nx",
            "Node.js",
            "Kubernetes",
            "Ruby",
            "Ruby-like",
            "Blazor",
            "Elixir",
            "TypeScript",
        ] {
            assert!(names.contains(name), "{name}");
        }
        assert!(!names.contains("The") && !names.contains("Realtime"));
    }
}
