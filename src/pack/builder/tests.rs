//! The builder's tests: valid packs build, and every problem is reported with its file,
//! line and entry.

use super::*;
use crate::model::RuleIdx;

fn file(name: &str, text: &str) -> PackFile {
    PackFile::new(name, text)
}

const LANGS: &str =
    "languages:\n  - {id: go, name: Go, runtime: native}\n  - {id: rust, name: Rust, runtime: native}\n";
const SOURCES: &str = "guides:\n  - id: \"000\"\n    title: T\n    sections: [Intro, Go Section]\n";
const QUESTIONS: &str = "questions:\n  - id: shape\n    kind: single\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options:\n      - {id: cpu, label: C, description: D}\n      - {id: io, label: I, description: D}\n";

fn pack_with(rules: &str) -> Result<Pack, Error> {
    build(&[
        file("p/languages/l.yaml", LANGS),
        file("p/sources/s.yaml", SOURCES),
        file("p/questions/q.yaml", QUESTIONS),
        file("p/rules/r.yaml", rules),
    ])
}

#[test]
fn a_valid_pack_builds() {
    let pack = pack_with("rules:\n  - id: go-io\n    when: {shape: io}\n    points: {go: 3}\n    reason: R\n    source: 000 / Go Section\n").unwrap();
    assert_eq!(pack.rules().len(), 1);
    assert_eq!(pack.rules()[0].origin.line, Some(2));
    assert_eq!(pack.fingerprint.len(), 16);
}

#[test]
fn every_problem_is_reported_with_file_line_and_entry() {
    let rules = "rules:\n  - id: a\n    when: {shap: io}\n    points: {golang: 3}\n    reason: R\n    source: 000 / Go Sectoin\n  - id: a\n    when: {shape: iox}\n    points: {go: 0}\n    reason: \"\"\n    source: nowhere\n";
    let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(all.contains("p/rules/r.yaml:2:3: entry `a`: condition names `shap`, which is not a question defined before this entry (did you mean \"shape\"?)"), "{all}");
    assert!(all.contains("unknown language `golang`"), "{all}");
    assert!(all.contains("(did you mean \"Go Section\"?)"), "{all}");
    assert!(all.contains("r.yaml:7:3: entry `a`: duplicate id: already used in p/rules/r.yaml:2"), "{all}");
    assert!(all.contains("question `shape` has no option `iox` (did you mean \"io\"?)"), "{all}");
    assert!(all.contains("points for `go` must be a non-zero number"), "{all}");
    assert!(all.contains("`reason` is empty"), "{all}");
    assert!(all.contains("is not of the form"), "{all}");
}

#[test]
fn malformed_groups_offsets_and_requirements_are_named_with_file_and_entry() {
    let rules = "groups:\n  - {id: speed, fact: the work is fast}\n  - {id: lonely, fact: alone}\nrules:\n  - id: a\n    points: {go: 3}\n    group: speed\n    reason: R\n    source: 000 / Go Section\n  - id: b\n    points: {go: -2}\n    group: speed\n    reason: R\n    source: 000 / Go Section\n  - id: c\n    points: {rust: 2}\n    group: lonely\n    reason: R\n    source: 000 / Go Section\n  - id: d\n    points: {go: 2}\n    group: sped\n    offsets: [a]\n    reason: R\n    source: 000 / Go Section\n  - id: e\n    points: {go: -1, rust: 4}\n    offsets: [b, nope]\n    reason: R\n    source: 000 / Go Section\nrequirements:\n  - id: r\n    when: {shap: io}\n    title: \"\"\n    languages: [golang]\n    reason: R\n    source: 000 / Nowhere\n";
    let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    for expected in [
        "p/rules/r.yaml:2:3: entry `speed`: group `speed` restates one fact, but `a` gives go +3 and `b` gives it -2; split the group",
        "p/rules/r.yaml:3:3: entry `lonely`: group `lonely` has only 1 rule; a group holds two or more",
        "entry `d`: `group` names `sped`, which no `groups:` entry defines (did you mean \"speed\"?)",
        "entry `d`: a rule either restates a fact (`group`) or offsets penalties (`offsets`), not both",
        "entry `e`: `offsets` names unknown rule `nope`",
        "entry `e`: a rule with `offsets` cancels penalties, so its points are positive; `go` has -1",
        "entry `e`: `rust` gets points here but no rule in `offsets` takes points from `rust`",
        "entry `r`: condition names `shap`",
        "entry `r`: `title` is empty",
        "entry `r`: unknown language `golang`",
        "entry `r`: source \"000 / Nowhere\" names no section",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
}

#[test]
fn restates_names_a_penalty_of_the_caveats_languages() {
    let rules = "rules:\n  - id: slow\n    points: {go: -2}\n    reason: R\n    source: 000 / Go Section\n  - id: fast\n    points: {go: 2, rust: -1}\n    reason: R\n    source: 000 / Go Section\ncaveats:\n  - id: ok\n    languages: [go]\n    text: T\n    source: 000 / Go Section\n    restates: [slow]\n  - id: bad\n    languages: [go]\n    text: T\n    source: 000 / Go Section\n    restates: [fast, slwo]\n";
    let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].contains("p/rules/r.yaml:16:3: entry `bad`: `restates` names `fast`, which takes no points from a language this caveat is for"), "{all:?}");
    assert!(
        all[1].contains("entry `bad`: `restates` names unknown rule `slwo` (did you mean \"slow\"?)"),
        "{all:?}"
    );
    let fine = rules.split("  - id: bad").next().unwrap();
    let pack = pack_with(fine).unwrap();
    assert_eq!(pack.caveats[0].restates[..], [RuleIdx::new(0)]);
}

#[test]
fn distinct_from_needs_an_earlier_question_with_the_same_options() {
    let more = "questions:\n  - id: second\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options_from: shape\n    distinct_from: shape\n    default: []\n  - id: third\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options: [{id: x, label: X, description: D}]\n    distinct_from: shape\n    default: []\n  - id: fourth\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options_from: shape\n    distinct_from: later\n    default: []\n";
    let Err(Error::Invalid(problems)) = build(&[
        file("p/languages/l.yaml", LANGS),
        file("p/sources/s.yaml", SOURCES),
        file("p/questions/q.yaml", QUESTIONS),
        file("p/questions/r.yaml", more),
    ]) else {
        panic!("expected problems")
    };
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].contains("entry `third`: `distinct_from` names `shape`, whose options differ"), "{all:?}");
    assert!(
        all[1]
            .contains("entry `fourth`: `distinct_from` names `later`, which is not a question listed before"),
        "{all:?}"
    );
}

#[test]
fn yaml_errors_carry_the_parsers_position() {
    let Err(Error::Invalid(problems)) = pack_with("rules:\n  - id: a\n    bogus: 1\n") else { panic!() };
    assert_eq!(problems[0].file, "p/rules/r.yaml");
    assert_eq!(problems[0].position.map(|p| p.line), Some(3));
}

#[test]
fn aliases_are_lower_case_words_that_name_one_language() {
    let langs = "languages:\n  - {id: go, name: Go, runtime: native, aliases: [golang]}\n  - {id: rust, name: Rust, runtime: native, aliases: [Rs, golang, go]}\n";
    let rules = "rules:\n  - id: r\n    when: {shape: io}\n    points: {golang: 3}\n    reason: R\n    source: 000 / Intro\n";
    let Err(Error::Invalid(problems)) = build(&[
        file("p/languages/l.yaml", langs),
        file("p/sources/s.yaml", SOURCES),
        file("p/questions/q.yaml", QUESTIONS),
        file("p/rules/r.yaml", rules),
    ]) else {
        panic!("expected problems")
    };
    let all = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(all.contains("entry `rust`: alias `Rs` is not a lower-case word"), "{all}");
    assert!(all.contains("entry `rust`: alias `golang` already names the language `go`"), "{all}");
    assert!(all.contains("entry `rust`: alias `go` already names the language `go`"), "{all}");
    // A rule that writes an alias for an id is pointed to the id.
    assert!(all.contains("unknown language `golang` (did you mean \"go\"?)"), "{all}");
    assert_eq!(problems.len(), 4, "{all}");
}

#[test]
fn a_confirmation_checklist_comes_from_a_section_of_its_guide() {
    let build_with = |confirmation: &str| {
        let sources = format!("{SOURCES}    confirmation: {confirmation}\n");
        build(&[
            file("p/languages/l.yaml", LANGS),
            file("p/sources/s.yaml", &sources),
            file("p/questions/q.yaml", QUESTIONS),
            file("p/rules/r.yaml", "rules: []\n"),
        ])
    };
    let pack = build_with("{section: Intro, checks: [timeouts]}").unwrap();
    let checklist = pack.guides[0].confirmation.as_ref().unwrap();
    assert_eq!((checklist.section.as_ref(), checklist.checks.len()), ("Intro", 1));
    let Err(Error::Invalid(problems)) = build_with("{section: Outro, checks: []}") else {
        panic!("expected problems")
    };
    let all = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(all.contains("confirmation: section `Outro` is not one of this guide's sections"), "{all}");
    assert!(all.contains("confirmation: a checklist needs at least one check"), "{all}");
}
