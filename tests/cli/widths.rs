//! What people read fits their terminal: the ranking table, `check` and `explain` at 40, 60,
//! 100 and 160 columns, with no line wider than the terminal and no word split, and snapshots
//! at each width (100 columns is the width of the other snapshots).

use crate::{EXAMPLES, Outcome, TODAY, TODAY_DATE, Test, example};
use std::collections::BTreeSet;

const WIDTHS: [usize; 4] = [40, 60, 100, 160];

/// The words of `text`, lower-cased: runs of letters and digits.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Asserts that no line of `out` is wider than `width` and that every word of it is a word of
/// `vocabulary` (a word cut in two by wrapping is not).
fn assert_fits(out: &str, width: usize, vocabulary: &BTreeSet<String>, context: &str) {
    for line in out.lines() {
        let wide = line.chars().count();
        assert!(wide <= width, "{context} at {width}: {wide} wide: {line}\n{out}");
    }
    for word in out.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1) {
        assert!(
            vocabulary.contains(&word.to_lowercase()),
            "{context} at {width}: `{word}` is a split word:\n{out}"
        );
    }
}

/// Runs `advisor ARGS` in the project folder at `width` columns.
fn at(width: usize, test: Test, args: &[&str]) -> Outcome {
    let today: &[&str] = if args.first() == Some(&"check") { &["--today", TODAY_DATE] } else { &[] };
    test.env("COLUMNS", &width.to_string()).env("SOURCE_DATE_EPOCH", TODAY).args(args).args(today).run()
}

/// Runs `args` at 1000 columns (nothing wraps: the vocabulary) and at every width of
/// [`WIDTHS`], and checks each narrower output fits.
fn fits_every_width(make: impl Fn() -> Test, args: &[&str], expected_code: i32, own_words: &str) {
    let wide = at(1000, make(), args);
    assert_eq!(wide.code, expected_code, "{args:?}: {}", wide.stderr);
    let mut vocabulary = words(&wide.stdout);
    vocabulary.extend(words(own_words));
    for width in WIDTHS {
        let out = at(width, make(), args);
        assert_eq!(out.code, expected_code, "{args:?} at {width}: {}", out.stderr);
        assert_fits(&out.stdout, width, &vocabulary, &format!("{args:?}"));
    }
}

/// The labels the narrow table layout uses that the wide one does not.
const TABLE_LABELS: &str = "Backend language ranking for dominant shape # Language Score Points Strongest reasons \
     MISSES TIED tied for first Also ranked --all shows them in full How robust is this? Caveats of the top \
     and more --all lists them listed above Excluded points no rule fired";

/// The table fits the terminal at every width down to 40 columns, and at 100 columns the
/// default report fits about a screen.
#[test]
fn the_table_fits_every_width_without_splitting_words() {
    for file in EXAMPLES {
        // The Markdown report holds every word the table can show, in either layout.
        let markdown = at(100, Test::new().in_project(), &["recommend", file, "--format", "markdown"]);
        let own = format!("{} {TABLE_LABELS}", markdown.stdout);
        fits_every_width(|| Test::new().in_project(), &["recommend", file], 0, &own);
        let screen = at(100, Test::new().in_project(), &["recommend", file]);
        let lines = screen.stdout.lines().count();
        assert!(lines <= 64, "{file}: {lines} lines at 100 columns");
    }
}

#[test]
fn check_fits_every_width_without_splitting_words() {
    for file in EXAMPLES {
        fits_every_width(|| Test::new().in_project(), &["check", file], 0, "");
    }
    let chat = example("realtime-chat.toml");
    let head = chat[..chat.find("[decision]").unwrap()].to_string();
    for decision in [
        "language = \"go\"\nstatus = \"accepted\"\n",
        "language = \"python\"\nstatus = \"accepted\"\n[decision.waiver]\nreason = \"migration planned for the next quarter\"\nexpires = \"2026-01-01\"\n",
        "language = \"typescript\"\nstatus = \"accepted\"\n[decision.waiver]\nreason = \"the team knows it\"\nexpires = \"2027-06-01\"\n",
    ] {
        let text = format!("{head}[decision]\n{decision}");
        let code = if decision.contains("2027") { 0 } else { 1 };
        fits_every_width(|| Test::new().file("advisor.toml", &text), &["check"], code, "");
    }
    let undecided = head.clone();
    fits_every_width(|| Test::new().file("advisor.toml", &undecided), &["check", "--strict"], 1, "");
}

#[test]
fn explain_fits_every_width_without_splitting_words() {
    for file in EXAMPLES {
        for language in ["go", "python", "elixir", "rust"] {
            fits_every_width(|| Test::new().in_project(), &["explain", language, file], 0, "");
        }
    }
    let hard = "version = 1\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\nlatency = \"hard_realtime\"\n";
    fits_every_width(|| Test::new().file("a.toml", hard), &["explain", "erlang", "a.toml"], 0, "");
}

/// Snapshots at the widths other than 100 (the other snapshots are at 100 columns).
#[test]
fn snapshots_at_every_width() {
    let go = format!(
        "{}[decision]\nlanguage = \"go\"\nstatus = \"accepted\"\n",
        &example("realtime-chat.toml")[..example("realtime-chat.toml").find("[decision]").unwrap()]
    );
    for width in [40, 60, 160] {
        let table = at(width, Test::new().in_project(), &["recommend", "examples/realtime-chat.toml"]);
        insta::assert_snapshot!(format!("table_realtime_chat_{width}"), table.stdout);
        let check = at(width, Test::new().file("advisor.toml", &go), &["check"]);
        insta::assert_snapshot!(format!("check_drift_{width}"), check.stdout);
        let explain = at(width, Test::new().in_project(), &["explain", "go", "examples/realtime-chat.toml"]);
        insta::assert_snapshot!(format!("explain_lower_{width}"), explain.stdout);
    }
    let all = Test::new().in_project().args(&["recommend", "examples/realtime-chat.toml", "--all"]).run();
    assert_eq!(all.code, 0);
    assert!(
        !all.stdout.contains("Also ranked") && !all.stdout.contains("--all lists them"),
        "{}",
        all.stdout
    );
    assert!(all.stdout.contains("Python"), "every language is in the table");
}
