//! `advisor diff`: identical files, a change of rank 1 (text, Markdown and JSON), a change that
//! moves others only, a change of rule packs, `--exit-code`, and standard input.

use crate::{Test, example};

/// The realtime chat example with one line replaced.
fn chat_with(from: &str, to: &str) -> String {
    let text = example("realtime-chat.toml");
    assert!(text.contains(from), "{from}");
    text.replace(from, to)
}

fn two_files() -> Test {
    Test::new()
        .file("old.toml", example("realtime-chat.toml"))
        .file("new.toml", chat_with("latency = \"soft_realtime\"", "latency = \"hard_realtime\""))
}

#[test]
fn identical_answers_show_no_change() {
    let test = Test::new().file("a.toml", example("realtime-chat.toml"));
    let out = test.run_with(&["diff", "a.toml", "a.toml", "--exit-code"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "advisor diff a.toml -> a.toml\nNo change: the same answers rank the same (Elixir first).\n"
    );
}

#[test]
fn a_change_of_rank_1_is_explained_in_every_format() {
    let test = two_files();
    let text = test.run_with(&["diff", "old.toml", "new.toml"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    insta::assert_snapshot!("diff_rank_1_text", text.stdout);
    let markdown = test.run_with(&["diff", "old.toml", "new.toml", "--format", "markdown"]);
    assert!(
        markdown.stdout.starts_with(
            "**Rank 1 changes: Elixir → Rust (Latency guarantee: Soft realtime → Hard realtime).**\n"
        ),
        "{}",
        markdown.stdout
    );
    insta::assert_snapshot!("diff_rank_1_markdown", markdown.stdout);
    let json = test.run_with(&["diff", "old.toml", "new.toml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["rank_1_changed"], true);
    assert_eq!(report["leader"]["before"], "elixir");
    assert_eq!(report["leader"]["after"], "rust");
    assert_eq!(report["answers"][0]["question"], "latency");
    assert_eq!(report["answers"][0]["after"][0], "hard_realtime");
    let elixir = report["moves"].as_array().unwrap().iter().find(|m| m["language"] == "elixir").unwrap();
    assert_eq!(elixir["before"]["rank"], 1);
    assert!(elixir["after"].is_null());
    // --exit-code fails when rank 1 changes.
    assert_eq!(test.run_with(&["diff", "old.toml", "new.toml", "--exit-code"]).code, 1);
}

#[test]
fn a_change_that_keeps_rank_1_lists_the_moves_and_exits_0() {
    let test = Test::new().file("a.toml", example("realtime-chat.toml"));
    let out = test.run_with(&["diff", "a.toml", "a.toml", "--set", "static_typing=preferred", "--exit-code"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Rank 1 stays Elixir;"), "{}", out.stdout);
    assert!(out.stdout.contains("Static typing: Indifferent -> Preferred"), "{}", out.stdout);
    assert!(out.stdout.contains("Ranking moves"), "{}", out.stdout);
}

#[test]
fn a_change_of_rule_packs_is_named() {
    let test = crate::with_example_pack(
        Test::new().file(".git/HEAD", "x").file("old.toml", example("enterprise-backend.toml")),
        "platform-jvm",
        "jvm",
    );
    let with_pack =
        example("enterprise-backend.toml").replacen("version = 1", "version = 1\npacks = [\"jvm\"]", 1);
    let test = test.file("new.toml", with_pack);
    let out = test.run_with(&["diff", "old.toml", "new.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("different rule packs"), "{}", out.stdout);
    let json = test.run_with(&["diff", "old.toml", "new.toml", "--format", "json"]);
    assert!(json.stdout.contains("\"packs_differ\": true"), "{}", json.stdout);
}

#[test]
fn one_side_can_come_from_standard_input() {
    let piped = Test::new()
        .file("new.toml", chat_with("latency = \"soft_realtime\"", "latency = \"hard_realtime\""))
        .stdin(example("realtime-chat.toml"))
        .args(&["diff", "-", "new.toml"])
        .run();
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(
        piped.stdout.starts_with("advisor diff <stdin> -> new.toml\nRank 1 changes: Elixir -> Rust"),
        "{}",
        piped.stdout
    );
    let both = Test::new().args(&["diff", "-", "-"]).run();
    assert_eq!(both.code, 2);
    assert!(both.stderr.contains("only one of OLD and NEW can be `-`"), "{}", both.stderr);
}
