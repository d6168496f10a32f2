//! `advisor recommend` on valid input: snapshots of the three formats, the contract's JSON
//! invariants, determinism, colour and closed pipes.

use crate::{EXAMPLES, Test, recommend_text, stable};
use serde_json::Value;

fn recommend(file: &str, extra: &[&str]) -> String {
    let mut args = vec!["recommend", "--answers", file];
    args.extend_from_slice(extra);
    let out = Test::new().in_project().args(&args).run();
    assert_eq!(out.code, 0, "{file}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{file}");
    out.stdout
}

#[test]
fn table_snapshots() {
    insta::assert_snapshot!("table_realtime_chat", recommend("examples/realtime-chat.toml", &[]));
    insta::assert_snapshot!(
        "table_control_plane_top5",
        recommend("examples/control-plane.toml", &["--top", "5"])
    );
    insta::assert_snapshot!("table_typed_game_sessions", recommend("examples/typed-game-sessions.yaml", &[]));
}

#[test]
fn json_snapshots() {
    insta::assert_snapshot!(
        "json_realtime_chat",
        stable(&recommend("examples/realtime-chat.toml", &["--format", "json"]))
    );
    insta::assert_snapshot!(
        "json_enterprise_backend",
        stable(&recommend("examples/enterprise-backend.toml", &["--format", "json"]))
    );
}

#[test]
fn markdown_snapshots() {
    insta::assert_snapshot!(
        "markdown_ml_service",
        stable(&recommend("examples/ml-service.toml", &["--format", "markdown"]))
    );
    insta::assert_snapshot!(
        "markdown_realtime_chat_top3",
        stable(&recommend("examples/realtime-chat.toml", &["--format", "markdown", "--top", "3"]))
    );
}

/// A tie at rank 1, a stated hard requirement and an answer to a question that does not apply
/// (process_scale for a latency-bound daemon; the dominant shape repeated as a secondary one):
/// each report says what it means.
const TIE: &str = "version = 1\n[answers]\nshape = \"strict_latency\"\nsecondary_shapes = [\"strict_latency\"]\ntask_nature = \"mixed\"\nprocess_scale = \"millions\"\ndomain = \"infrastructure\"\nruntime_needs = [\"static_binary\"]\n";

#[test]
fn ties_requirements_and_ignored_answers_are_explained() {
    let table = Test::new()
        .file("daemon.toml", TIE)
        .args(&["recommend", "--answers", "daemon.toml", "--top", "3"])
        .run();
    assert_eq!(table.code, 0, "{}", table.stderr);
    insta::assert_snapshot!("table_tie_requirement_ignored", table.stdout);
    let markdown = recommend_text("daemon.toml", TIE, "markdown");
    insta::assert_snapshot!("markdown_tie_requirement_ignored", stable(&markdown.stdout));
    let json: Value = serde_json::from_str(&recommend_text("daemon.toml", TIE, "json").stdout).unwrap();
    assert_eq!(json["lead"]["kind"], "tie");
    let tied: Vec<&str> = json["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["tied"] == true)
        .map(|r| r["language"].as_str().unwrap())
        .collect();
    assert_eq!(tied, ["go", "rust"]);
    assert_eq!(json["requirements"][0]["id"], "requires-static-binary");
    let adjusted: Vec<(&str, &str)> = json["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["question"].as_str().unwrap(), a["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(adjusted, [("secondary_shapes", "repeated"), ("process_scale", "not_asked")]);
}

/// Contract section 4, checked on every example and on a case with exclusions.
fn assert_contract(json: &str, context: &str) {
    let report: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{context}: not JSON: {e}"));
    let ranking = report["ranking"].as_array().expect("ranking array");
    let excluded = report["excluded"].as_array().expect("excluded array");
    let mut seen = Vec::new();
    for (i, r) in ranking.iter().enumerate() {
        assert_eq!(r["rank"].as_u64(), Some(i as u64 + 1), "{context}: ranks are 1..n in order");
        for key in ["language", "name"] {
            assert!(r[key].as_str().is_some_and(|s| !s.is_empty()), "{context}: {key}");
        }
        let score = r["score"].as_f64().expect("score");
        assert!((0.0..=100.0).contains(&score), "{context}: score {score}");
        if i > 0 {
            let above = &ranking[i - 1];
            let (missed_above, missed) =
                (above["unmet"].as_array().unwrap().len(), r["unmet"].as_array().unwrap().len());
            assert!(
                missed_above < missed
                    || (missed_above == missed && above["score"].as_f64().unwrap() >= score),
                "{context}: sorted by missed requirements, then score"
            );
        }
        let mut total = 0.0;
        for reason in r["reasons"].as_array().expect("reasons") {
            assert!(reason["text"].as_str().is_some_and(|s| !s.is_empty()), "{context}: reason text");
            assert!(reason["source"].as_str().is_some_and(|s| !s.is_empty()), "{context}: reason source");
            total += reason["points"].as_f64().expect("points");
        }
        assert!(
            (total - r["points"].as_f64().unwrap()).abs() < 1e-9,
            "{context}: points are the sum of reasons"
        );
        for caveat in r["caveats"].as_array().expect("caveats") {
            assert!(caveat["text"].as_str().is_some_and(|s| !s.is_empty()), "{context}: caveat text");
            assert!(caveat["source"].as_str().is_some_and(|s| !s.is_empty()), "{context}: caveat source");
        }
        seen.push(r["language"].as_str().unwrap().to_string());
    }
    for x in excluded {
        for key in ["language", "name", "reason", "source"] {
            assert!(x[key].as_str().is_some_and(|s| !s.is_empty()), "{context}: excluded {key}");
        }
        let id = x["language"].as_str().unwrap().to_string();
        assert!(!seen.contains(&id), "{context}: {id} is both ranked and excluded");
        seen.push(id);
    }
    seen.sort();
    let mut all = vec![
        "crystal",
        "csharp",
        "elixir",
        "erlang",
        "gleam",
        "go",
        "java",
        "kotlin",
        "python",
        "rust",
        "scala",
        "typescript",
    ];
    all.sort();
    assert_eq!(seen, all, "{context}: every candidate is ranked or excluded");
}

#[test]
fn json_follows_the_contract_for_every_example() {
    for file in EXAMPLES {
        assert_contract(&recommend(file, &["--format", "json"]), file);
    }
    let hard = "version = 1\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\nlatency = \"hard_realtime\"\n";
    let out = crate::recommend_text("hard.toml", hard, "json");
    assert_eq!(out.code, 0);
    assert_contract(&out.stdout, "hard realtime");
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let excluded: Vec<&str> =
        report["excluded"].as_array().unwrap().iter().map(|x| x["language"].as_str().unwrap()).collect();
    assert_eq!(excluded, ["elixir", "erlang", "gleam"]);
}

#[test]
fn json_is_byte_identical_across_runs_and_ignores_top() {
    for file in EXAMPLES {
        let first = recommend(file, &["--format", "json"]);
        assert_eq!(first, recommend(file, &["--format", "json"]), "{file}");
        assert_eq!(
            first,
            recommend(file, &["--format", "json", "--top", "2"]),
            "{file}: JSON keeps every language"
        );
    }
}

#[test]
fn yaml_and_toml_answers_score_the_same() {
    let toml = "version = 1\n[answers]\nshape = \"stateful_workers\"\nsecondary_shapes = [\"realtime_fanout\"]\ntask_nature = \"stateful\"\nprocess_scale = \"millions\"\nfailure_recovery = \"runtime\"\nstatic_typing = \"required\"\nlatency = \"soft_realtime\"\n";
    let from_toml = crate::recommend_text("a.toml", toml, "json");
    assert_eq!(from_toml.stdout, recommend("examples/typed-game-sessions.yaml", &["--format", "json"]));
}

#[test]
fn colour_only_when_asked_for() {
    let plain = recommend("examples/realtime-chat.toml", &[]);
    assert!(!plain.contains('\u{1b}'), "no escape codes when stdout is not a terminal");
    let out = Test::new()
        .in_project()
        .args(&["--color", "always", "recommend", "--answers", "examples/realtime-chat.toml"])
        .run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("\u{1b}["), "--color always colours");
    let out = Test::new()
        .in_project()
        .args(&["recommend", "--answers", "examples/realtime-chat.toml", "--color", "never"])
        .run();
    assert!(!out.stdout.contains('\u{1b}'));
}

/// A reader that goes away early (`advisor recommend ... | head -n 1`) is not an error.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    let test = Test::new().in_project().args(&["recommend", "--answers", "examples/realtime-chat.toml"]);
    let mut cmd = test.command();
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// "How robust is this?" lists the judgment calls a team could have wrong before changes that
/// describe another system (another shape, other tasks, another kind of system).
#[test]
fn robustness_lists_judgment_calls_before_another_system() {
    for file in EXAMPLES {
        let markdown = recommend(file, &["--format", "markdown"]);
        let section = markdown.split("## How robust is this?").nth(1).unwrap().split("\n## ").next().unwrap();
        let kinds: Vec<bool> = section
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .map(|l| {
                ["shape ", "secondary_shapes ", "task_nature ", "domain "].iter().any(|q| l.starts_with(q))
            })
            .collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{file}: {section}");
    }
}
