//! Properties: no input makes the answers parser, the pack loader or the radar import panic;
//! every failure is a diagnostic naming the file; and scoring keeps its invariants for any
//! valid answers. Bounded case counts keep CI fast (PROPTEST_CASES raises them).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use advisor::answers::{self, Format};
use advisor::error::Error;
use advisor::pack::{self, PackFile};
use common::{any_answers, builtin, cases};
use proptest::prelude::*;

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Characters that matter to TOML, YAML and CSV parsers.
const SPECIAL: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "- ",
    "\n",
    " ",
    "=",
    "\\",
    "\t",
    "\u{0}",
    "é",
    "𝄞",
    "version = 2",
    "[answers]",
    "shape",
    "- id: x",
    "\n  ",
];

/// A text edited at random: deletions, insertions of special characters, repeated slices.
fn mutated(base: String) -> impl Strategy<Value = String> {
    let len = base.len().max(1);
    prop::collection::vec((0..3u8, 0..len, 0..len, prop::sample::select(SPECIAL)), 1..8).prop_map(
        move |edits| {
            let mut text = base.clone();
            for (kind, a, b, insert) in edits {
                let at = floor(&text, a);
                match kind {
                    0 => {
                        let end = floor(&text, (at + b % 40).min(text.len()));
                        text.replace_range(at..end.max(at), "");
                    }
                    1 => text.insert_str(at, insert),
                    _ => {
                        let end = floor(&text, (at + b % 80).min(text.len()));
                        let slice = text[at..end.max(at)].to_string();
                        text.insert_str(at, &slice.repeat(3));
                    }
                }
            }
            text
        },
    )
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Parsing either succeeds with one answer per question, or fails with diagnostics that
/// name the file.
fn parses_or_explains(text: &str, format: Format) -> Result<(), TestCaseError> {
    let pack = builtin();
    match answers::parse("f", text, format, pack) {
        Ok(file) => prop_assert_eq!(file.answers.values().len(), pack.questions.len()),
        Err(Error::Invalid(diagnostics)) => {
            prop_assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                prop_assert_eq!(&d.file, "f");
                prop_assert!(!d.message.is_empty());
            }
        }
        Err(other) => prop_assert!(false, "unexpected error kind: {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_text_as_toml_or_yaml_answers(text in "\\PC{0,400}") {
        parses_or_explains(&text, Format::Toml)?;
        parses_or_explains(&text, Format::Yaml)?;
    }

    #[test]
    fn edited_toml_answers(text in mutated(example("enterprise-backend.toml"))) {
        parses_or_explains(&text, Format::Toml)?;
    }

    #[test]
    fn edited_yaml_answers(text in mutated(example("typed-game-sessions.yaml"))) {
        parses_or_explains(&text, Format::Yaml)?;
    }

    #[test]
    fn edited_rule_files(text in mutated(
        pack::builtin_files().into_iter().find(|f| f.name.ends_with("rules/go.yaml")).unwrap().text
    )) {
        let mut files: Vec<PackFile> =
            pack::builtin_files().into_iter().filter(|f| !f.name.ends_with("rules/go.yaml")).collect();
        files.push(PackFile::new("team/rules/go.yaml", text));
        match pack::build(&files) {
            Ok(pack) => prop_assert_eq!(pack.languages.len(), 12),
            Err(Error::Invalid(d)) => prop_assert!(!d.is_empty() && d.iter().all(|d| !d.message.is_empty())),
            Err(other) => prop_assert!(false, "unexpected error kind: {other:?}"),
        }
    }

    #[test]
    fn any_text_as_a_radar(text in prop_oneof![
        "\\PC{0,300}",
        mutated("name,ring,quadrant,isNew,description\nGo,Adopt,L,FALSE,\"a, b\"\nRust,Hold,L,TRUE,x\n".into()),
    ]) {
        let mut files = pack::builtin_files();
        files.push(PackFile::new("team/radar.csv", text));
        match pack::build(&files) {
            Ok(_) => {}
            Err(Error::Invalid(d)) => prop_assert!(d.iter().all(|d| d.file == "team/radar.csv")),
            Err(other) => prop_assert!(false, "unexpected error kind: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn scoring_invariants_hold_for_any_answers(answers in any_answers()) {
        let pack = builtin();
        let evaluation = advisor::engine::evaluate(pack, &answers);
        let mut seen: Vec<usize> = evaluation.ranking.iter().map(|r| r.language.get()).collect();
        seen.extend(evaluation.excluded.iter().map(|x| x.language.get()));
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..pack.languages.len()).collect::<Vec<_>>(), "each language ranked or excluded once");
        for (i, r) in evaluation.ranking.iter().enumerate() {
            prop_assert_eq!(r.rank, i + 1);
            prop_assert!((0.0..=100.0).contains(&r.score));
            let sum: f64 = r.reasons.iter().map(|x| x.points).sum();
            prop_assert!((sum - r.points).abs() < 1e-9, "points are the sum of the reasons");
            if i > 0 {
                let above = &evaluation.ranking[i - 1];
                prop_assert!(
                    (above.unmet.len(), -above.points) <= (r.unmet.len(), -r.points) || (above.points - r.points).abs() < 1e-9,
                    "sorted by missed requirements, then points"
                );
            }
        }
        prop_assert_eq!(
            advisor::engine::top(pack, &answers),
            evaluation.ranking.first().map(|r| (r.language, r.score)),
            "the lean rank-1 path agrees with the full evaluation"
        );
        let what_if = advisor::engine::what_if(pack, &answers);
        prop_assert_eq!(what_if.top, evaluation.ranking.first().map(|r| r.language));
        prop_assert!(what_if.flips.len() <= what_if.tried);
        let json = advisor::report::json::report(pack, &evaluation, &what_if, &[], None).unwrap();
        prop_assert_eq!(&json, &advisor::report::json::report(pack, &advisor::engine::evaluate(pack, &answers), &what_if, &[], None).unwrap());
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }

    /// The what-if evaluates again only the rules that read a changed answer; every change it
    /// tries must still rank exactly as scoring the changed answers from scratch does.
    #[test]
    fn the_what_if_ranks_every_change_as_a_full_evaluation(answers in any_answers()) {
        let pack = builtin();
        let current = advisor::engine::top(pack, &answers).map(|(l, _)| l);
        let what_if = advisor::engine::what_if(pack, &answers);
        let changes = advisor::engine::single_changes(pack, &answers);
        prop_assert_eq!(what_if.tried, changes.len());
        let mut flips = what_if.flips.iter();
        for change in changes {
            let mut changed = answers.clone();
            changed.set(change.question, change.answer);
            let full = advisor::engine::evaluate(pack, &changed).ranking.first().map(|r| (r.language, r.score));
            if full.map(|(l, _)| l) != current {
                let flip = flips.next();
                prop_assert_eq!(flip.map(|f| (f.question, f.answer, f.top)), Some((change.question, change.answer, full)));
            }
        }
        prop_assert!(flips.next().is_none(), "every flip is a change whose full evaluation moves rank 1");
    }
}

/// Arbitrary bytes on disk (not UTF-8, NUL bytes, huge lines): exit 2 with a message, never a panic.
#[test]
fn arbitrary_bytes_on_disk_are_refused_cleanly() {
    let pack = builtin();
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(cases(64));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..2000), |bytes| {
            for name in ["a.toml", "a.yaml"] {
                let path = dir.path().join(name);
                std::fs::write(&path, &bytes).unwrap();
                match answers::read(&path, pack) {
                    Ok(_) => {}
                    Err(Error::Invalid(d)) => prop_assert!(d.iter().all(|d| d.file.ends_with(name))),
                    Err(other) => prop_assert!(false, "unexpected error kind: {other:?}"),
                }
            }
            Ok(())
        })
        .unwrap();
}
