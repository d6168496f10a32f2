//! `advisor team`: three members who agree on most answers, disagree once in a way that
//! changes rank 1, once in a way that does not, and tie once.

use crate::Test;

const BASE: &str = "version = 1\n[answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\nprocess_scale = \"millions\"\nfailure_recovery = \"runtime\"\n";

/// alice and bob want soft realtime, carol hard realtime (flips rank 1); typing splits three
/// ways (a tie); product needs split two to one without moving rank 1.
fn members() -> Test {
    Test::new()
        .file("team/alice.toml", format!("{BASE}latency = \"soft_realtime\"\nstatic_typing = \"preferred\"\nproduct_needs = [\"background_workers\"]\n"))
        .file("team/bob.toml", format!("{BASE}latency = \"soft_realtime\"\nstatic_typing = \"indifferent\"\nproduct_needs = [\"background_workers\"]\n"))
        .file("team/carol.toml", format!("{BASE}latency = \"hard_realtime\"\nstatic_typing = \"preferred\"\nproduct_needs = [\"queues\"]\n"))
}

#[test]
fn disagreements_that_change_rank_1_come_first() {
    let test = members();
    let out = test.run_with(&["team", "team/alice.toml", "team/bob.toml", "team/carol.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("team_text", out.stdout);
    let settle = out.stdout.find("Settle these first").expect("a disagreement matters");
    let quiet = out.stdout.find("Disagreements that move nothing").expect("one does not");
    assert!(settle < quiet);
    let flat = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Soft realtime (alice and bob) / Hard realtime (carol); the consensus is Soft realtime, the majority; Hard realtime would put Rust first"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Each member's own rank 1: alice: Elixir; bob: Elixir; carol: Rust."),
        "{}",
        out.stdout
    );

    // A folder of members gives the same report; Markdown and JSON say the same.
    let folder = test.run_with(&["team", "team"]);
    assert_eq!(folder.stdout.replace("team/", ""), out.stdout.replace("team/", ""));
    let markdown = test.run_with(&["team", "team", "--format", "markdown"]);
    insta::assert_snapshot!("team_markdown", markdown.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&test.run_with(&["team", "team", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["members"], serde_json::json!(["alice", "bob", "carol"]));
    assert_eq!(json["consensus_ranking"][0]["language"], "elixir");
    assert!(
        json["matter"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["question"] == "latency" && m["rank_1"] == "rust")
    );
    let latency = json["questions"].as_array().unwrap().iter().find(|q| q["question"] == "latency").unwrap();
    assert_eq!(latency["settled"], "majority");
}

#[test]
fn ties_are_settled_by_prefer_and_the_consensus_can_be_saved() {
    let test = Test::new()
        .file("a.toml", format!("{BASE}static_typing = \"required\"\n"))
        .file("b.toml", format!("{BASE}static_typing = \"preferred\"\n"));
    let out = test.run_with(&["team", "a.toml", "b.toml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let typing =
        json["questions"].as_array().unwrap().iter().find(|q| q["question"] == "static_typing").unwrap();
    assert_eq!(typing["settled"], "tie_first_listed");
    assert_eq!(typing["consensus"][0], "required");
    let out = test.run_with(&[
        "team",
        "a.toml",
        "b.toml",
        "--prefer",
        "b.toml",
        "--write-consensus",
        "advisor.toml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let flat = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("a tie settled by b, as --prefer asks"), "{}", out.stdout);
    let saved = std::fs::read_to_string(test.path().join("advisor.toml")).unwrap();
    assert!(saved.contains("static_typing = \"preferred\""), "{saved}");
    let scored = test.run_with(&["recommend", "advisor.toml", "--format", "json"]);
    assert_eq!(scored.code, 0, "the consensus is a valid answers file: {}", scored.stderr);
    let again = test.run_with(&["team", "a.toml", "b.toml", "--write-consensus", "advisor.toml"]);
    assert_eq!(again.code, 2, "an existing file is not replaced without --force");

    // A member named twice counts once; --prefer takes a member's name; a folder's advisor.toml
    // (the consensus written there) is not a member.
    let twice = test.run_with(&["team", "a.toml", "b.toml", "./a.toml", "--prefer", "b"]);
    assert_eq!(twice.code, 0, "{}", twice.stderr);
    assert!(twice.stdout.starts_with("advisor team: a, b (2 members)"), "{}", twice.stdout);
    let folder = Test::new()
        .file("m/a.toml", format!("{BASE}static_typing = \"required\"\n"))
        .file("m/b.toml", format!("{BASE}static_typing = \"preferred\"\n"))
        .file("m/advisor.toml", format!("{BASE}static_typing = \"preferred\"\n"));
    let out = folder.run_with(&["team", "m"]);
    assert!(out.stdout.starts_with("advisor team: a, b (2 members)"), "{}", out.stdout);
    let stranger = folder.run_with(&["team", "m", "--prefer", "zed"]);
    assert_eq!(stranger.code, 2);
    assert!(stranger.stderr.contains("the members are a, b"), "{}", stranger.stderr);

    let one = test.run_with(&["team", "a.toml"]);
    assert_eq!(one.code, 2);
    assert!(one.stderr.contains("a team needs two or more answers files"), "{}", one.stderr);
    let stranger = test.run_with(&["team", "a.toml", "b.toml", "--prefer", "c.toml"]);
    assert_eq!(stranger.code, 2);
}

/// `export --team` adds where the members disagreed and how it was settled to the record.
#[test]
fn a_record_tells_how_the_team_settled_its_disagreements() {
    let out = Test::new()
        .in_project()
        .args(&["export", "examples/realtime-chat.toml", "--team", "examples/team"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let section =
        out.stdout.split("### Team Answers").nth(1).expect("a team section").split("\n### ").next().unwrap();
    assert!(section.contains("3 members answered on their own (alice, bob and carol)"), "{section}");
    assert!(
        section.contains("Disagreements that would change rank 1, and how each was settled:"),
        "{section}"
    );
    assert!(section.contains("Hard realtime would put Rust first"), "{section}");
    assert!(
        section.contains("differs from the team's consensus on:"),
        "the record's own answers are not the consensus: {section}"
    );
    assert!(section.contains("Disagreements that move nothing at rank 1:"), "{section}");
    let lone = Test::new()
        .in_project()
        .args(&["export", "examples/realtime-chat.toml", "--team", "examples/team/alice.toml"])
        .run();
    assert_eq!(lone.code, 2);
}
