//! Golden advice scenarios: the project's copy of the public scenarios, and the scenarios the
//! project derived from the guides. Every failure of a file is reported at once.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use advisor::{pack, scenario};

fn run(file: &str) {
    let path = format!("{}/tests/scenarios/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("scenario file");
    let pack = pack::builtin();
    let scenarios = scenario::load(file, &text).expect("scenario file parses");
    assert!(!scenarios.is_empty(), "{file} holds no scenario");
    let mut failures = Vec::new();
    for s in &scenarios {
        let problems = scenario::check(&pack, s).unwrap_or_else(|e| panic!("{}: {e}", s.id));
        if !problems.is_empty() {
            failures.push(format!("{} ({}):\n    {}", s.id, s.why, problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios in {file} fail:\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n")
    );
}

#[test]
fn public_scenarios_hold() {
    run("public.toml");
}

#[test]
fn scenarios_of_answers_that_pull_against_each_other_hold() {
    run("requirements.toml");
}

#[test]
fn scenarios_derived_from_the_guides_hold() {
    run("guides.toml");
}

#[test]
fn a_scenario_that_does_not_hold_is_reported() {
    let pack = pack::builtin();
    let scenarios = scenario::load(
        "t.toml",
        "[[scenario]]\nid = \"x\"\nexpect_top = [\"python\"]\nreject_top3 = [\"rust\"]\ncaveat_has = { rust = [\"zebra\"] }\n[scenario.answers]\nshape = \"strict_latency\"\ntask_nature = \"cpu_bound\"\nruntime_needs = [\"no_gc\"]\n",
    )
    .unwrap();
    let problems = scenario::check(&pack, &scenarios[0]).unwrap();
    assert!(problems[0].starts_with("rank 1 is rust"), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("rust in top 3")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("caveats mention none of [\"zebra\"]")), "{problems:?}");
}

#[test]
fn unknown_languages_in_expectations_are_errors() {
    let pack = pack::builtin();
    let scenarios = scenario::load(
        "t.toml",
        "[[scenario]]\nid = \"x\"\nexpect_top = [\"golang\"]\n[scenario.answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n",
    )
    .unwrap();
    let err = scenario::check(&pack, &scenarios[0]).unwrap_err();
    assert!(err.to_string().contains("unknown language `golang`"), "{err}");
}
