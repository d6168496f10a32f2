//! `advisor check`: exit codes 0, 1 and 2, tolerance, waivers before and after expiry,
//! `--strict`, GitHub annotations on the right line, and snapshots of text and JSON.

use crate::{Outcome, TODAY_DATE, Test, example};

/// The realtime chat example with its decision replaced by `decision` (TOML lines).
fn chat_with(decision: &str) -> String {
    let text = example("realtime-chat.toml");
    let head = &text[..text.find("[decision]").unwrap()];
    format!("{head}[decision]\n{decision}")
}

fn check(file: &str, content: &str, args: &[&str]) -> Outcome {
    let mut all = vec!["check", file, "--today", TODAY_DATE];
    all.extend_from_slice(args);
    Test::new().file(file, content).args(&all).run()
}

/// The text with every run of whitespace as one space: messages wrap to the terminal.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(prefix)).expect("line present") + 1
}

#[test]
fn a_decision_that_ranks_first_holds() {
    let out = check("advisor.toml", &example("realtime-chat.toml"), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("check_holds_text", out.stdout);
}

#[test]
fn the_file_defaults_to_advisor_toml() {
    let out = Test::new().file("advisor.toml", example("realtime-chat.toml")).args(&["check"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("advisor check advisor.toml\n"));
    let out = Test::new().args(&["check"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no ./advisor.toml here"), "{}", out.stderr);
    assert!(out.stderr.contains("`advisor ask`") && out.stderr.contains("`advisor init`"), "{}", out.stderr);
}

#[test]
fn the_file_can_also_be_named_with_answers_like_other_commands() {
    let chat = example("realtime-chat.toml");
    let positional = Test::new().file("team.toml", &chat).args(&["check", "team.toml"]).run();
    let flag = Test::new().file("team.toml", &chat).args(&["check", "--answers", "team.toml"]).run();
    assert_eq!(flag.code, 0, "{}", flag.stderr);
    assert_eq!(flag.stdout, positional.stdout);
    assert!(flag.stdout.starts_with("advisor check team.toml\n"), "{}", flag.stdout);

    let both = Test::new().file("team.toml", &chat).args(&["check", "team.toml", "-a", "team.toml"]).run();
    assert_eq!(both.code, 2);
    assert!(both.stderr.contains("cannot be used with"), "{}", both.stderr);
}

#[test]
fn a_decision_that_ranks_lower_fails_and_explains() {
    let text = chat_with("language = \"go\"\nstatus = \"accepted\"\n");
    let out = check("advisor.toml", &text, &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let flat = flat(&out.stdout);
    assert!(flat.contains("The decision (Go) does not hold: Elixir ranks first"), "{}", out.stdout);
    assert!(flat.contains("what separates them (points for the recorded decision):"));
    assert!(
        flat.contains("Ways out: record the language that now leads in [decision]; add a [decision.waiver]"),
        "{flat}"
    );
    assert!(flat.contains("-16 Phoenix PubSub"), "a rule for the leader counts against the decision: {flat}");
    insta::assert_snapshot!("check_drift_text", out.stdout);

    let json = check("advisor.toml", &text, &["--format", "json"]);
    assert_eq!(json.code, 1);
    insta::assert_snapshot!("check_drift_json", crate::stable(&json.stdout));
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["verdict"], "drift");
    assert_eq!(report["decision"]["language"], "go");
    let gap = report["decision"]["gap"].as_f64().unwrap();
    let separating: f64 =
        report["decision"]["separating"].as_array().unwrap().iter().map(|d| d["gap"].as_f64().unwrap()).sum();
    assert!((gap - separating).abs() < 1e-9, "the separating rules account for the whole gap");
}

#[test]
fn github_annotations_point_at_the_decision_line() {
    let text = chat_with("status = \"accepted\"\nlanguage = \"go\"\n");
    let out = check("team/advisor.toml", &text, &["--format", "github"]);
    assert_eq!(out.code, 1);
    let line = line_of(&text, "language =");
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first
            .starts_with(&format!("::error file=team/advisor.toml,line={line},col=12,title=advisor check::")),
        "{first}"
    );
    assert!(!first.contains('\n'));
    insta::assert_snapshot!("check_drift_github", out.stdout);
}

#[test]
fn an_excluded_decision_fails() {
    let text = "version = 1\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\nlatency = \"hard_realtime\"\n\n[decision]\nlanguage = \"erlang\"\n";
    let out = check("a.toml", text, &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("Erlang is now excluded (Hard realtime needs"), "{}", out.stdout);
}

#[test]
fn tolerance_is_measured_in_points_behind_rank_1() {
    // Erlang ranks 2 for the chat answers; find its gap to Elixir from the JSON report.
    let text = chat_with("language = \"erlang\"\n");
    let report: serde_json::Value =
        serde_json::from_str(&check("a.toml", &text, &["--format", "json"]).stdout).unwrap();
    let gap = report["decision"]["gap"].as_f64().unwrap();
    assert!(gap > 1.0);
    assert_eq!(check("a.toml", &text, &["--tolerance", &(gap - 1.0).to_string()]).code, 1);
    let within = check("a.toml", &text, &["--tolerance", &gap.to_string()]);
    assert_eq!(within.code, 0, "{}", within.stdout);
    assert!(flat(&within.stdout).contains("within the tolerance"), "{}", within.stdout);
    assert_eq!(check("a.toml", &text, &["--tolerance", "-1"]).code, 2);
}

#[test]
fn a_waiver_warns_until_it_expires_then_fails() {
    let waived = |expires: &str| {
        chat_with(&format!(
            "language = \"go\"\nwaiver = {{ reason = \"the platform team runs Go\", expires = \"{expires}\" }}\n"
        ))
    };
    let before = check("a.toml", &waived("2026-11-21"), &[]);
    assert_eq!(before.code, 0, "a waiver holds through its last day\n{}", before.stdout);
    assert!(before.stdout.contains("warning: a.toml:"), "{}", before.stdout);
    assert!(before.stdout.contains("a waiver keeps it until 2026-11-21"));
    assert!(before.stdout.contains("verdict: waived (exit 0)"));

    let after = check("a.toml", &waived("2026-11-20"), &[]);
    assert_eq!(after.code, 1, "{}", after.stdout);
    assert!(after.stdout.contains("The waiver expired on 2026-11-20"), "{}", after.stdout);

    let github = check("a.toml", &waived("2026-11-20"), &["--format", "github"]);
    let line = line_of(&waived("2026-11-20"), "waiver =");
    assert!(github.stdout.starts_with(&format!("::error file=a.toml,line={line},")), "{}", github.stdout);

    // A waiver on a decision that holds anyway is reported as no longer needed.
    let unneeded = check(
        "a.toml",
        &chat_with("language = \"elixir\"\nwaiver = { reason = \"r\", expires = \"2030-01-01\" }\n"),
        &[],
    );
    assert_eq!(unneeded.code, 0);
    assert!(unneeded.stdout.contains("is no longer needed"), "{}", unneeded.stdout);
}

/// Waivers expire by the calendar: SOURCE_DATE_EPOCH (which dates written files) cannot keep
/// an expired waiver alive, and without --today the system clock decides.
#[test]
fn a_waiver_expires_by_the_real_calendar() {
    let text = chat_with("language = \"go\"\nwaiver = { reason = \"r\", expires = \"2026-01-01\" }\n");
    let out = Test::new()
        .file("a.toml", &text)
        .env("SOURCE_DATE_EPOCH", "1735689600") // 2025-01-01
        .args(&["check", "a.toml"])
        .run();
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("The waiver expired on 2026-01-01"), "{}", out.stdout);
    assert!(out.stdout.contains("extend the waiver's expires date"), "{}", out.stdout);
    let earlier = Test::new().file("a.toml", &text).args(&["check", "a.toml", "--today", "2025-12-31"]).run();
    assert_eq!(earlier.code, 0, "{}", earlier.stdout);
    let bad = Test::new().file("a.toml", &text).args(&["check", "a.toml", "--today", "2025-02-30"]).run();
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("expected a calendar date written YYYY-MM-DD"), "{}", bad.stderr);
}

#[test]
fn strict_fails_on_a_missing_decision_and_a_changed_rule_pack() {
    let no_decision = example("control-plane.toml");
    let out = check("a.toml", &no_decision, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("verdict: no_decision"));
    assert!(out.stdout.contains("ranking:\n   1. Go"), "the ranking is printed\n{}", out.stdout);
    // --strict with no decision is its own verdict, not drift.
    let strict = check("a.toml", &no_decision, &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stdout.contains("verdict: undecided (exit 1)"), "{}", strict.stdout);

    let stale = example("realtime-chat.toml")
        .replace("version = 1", "version = 1\npack_fingerprint = \"0000000000000000\"");
    let out = check("a.toml", &stale, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let line = line_of(&stale, "pack_fingerprint");
    assert!(out.stdout.contains(&format!("warning: a.toml:{line}: The rule pack changed")), "{}", out.stdout);
    let strict = check("a.toml", &stale, &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stdout.contains(&format!("error: a.toml:{line}: The rule pack changed")),
        "{}",
        strict.stdout
    );
}

#[test]
fn decisions_no_longer_in_force_are_not_checked() {
    let text = chat_with("language = \"go\"\nstatus = \"rejected\"\n");
    let out = check("a.toml", &text, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("The decision's status is rejected, so it is not checked."));
    assert_eq!(check("a.toml", &text, &["--strict"]).code, 1);
}

#[test]
fn malformed_files_exit_2_naming_the_line() {
    let out = check("a.toml", &chat_with("language = \"go\"\nwaiver = { reason = \"r\" }\n"), &[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("the waiver needs `expires`"), "{}", out.stderr);
    let out =
        check("a.toml", "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\n", &[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: a.toml:4:21: invalid basic string"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

/// A tie at rank 1 (Go and Rust for a latency-bound daemon that ships one binary) and a
/// requirement the recorded language misses.
const DAEMON: &str = "version = 1\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\ndomain = \"infrastructure\"\nruntime_needs = [\"static_binary\"]\n";

#[test]
fn a_decision_that_ties_for_first_holds_and_one_missing_a_requirement_does_not() {
    for language in ["go", "rust"] {
        let text = format!("{DAEMON}[decision]\nlanguage = \"{language}\"\nstatus = \"accepted\"\n");
        let out = check("advisor.toml", &text, &[]);
        assert_eq!(out.code, 0, "{language}: {}", out.stdout);
        assert!(out.stdout.contains("ties for first with"), "{}", out.stdout);
    }
    // Java misses the single static binary, so no tolerance makes it hold.
    let text = format!("{DAEMON}[decision]\nlanguage = \"java\"\nstatus = \"accepted\"\n");
    let out = check("advisor.toml", &text, &["--tolerance", "100"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        flat(&out.stdout)
            .contains("Java cannot meet a requirement the answers state as hard (a single static binary)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("misses: a single static binary"), "{}", out.stdout);
}

/// A monorepo: one file that holds, one that drifts, one malformed, one without a decision,
/// and a hidden folder that is not searched.
fn monorepo() -> Test {
    Test::new()
        .file("svc/a/advisor.toml", example("realtime-chat.toml"))
        .file("svc/b/advisor.toml", chat_with("language = \"go\"\nstatus = \"accepted\"\n"))
        .file("svc/c/api.advisor.toml", "version = 1\n[answers]\nshape = \"nope\"\ntask_nature = \"mixed\"\n")
        .file("svc/d/advisor.toml", example("control-plane.toml"))
        .file("svc/.cache/advisor.toml", chat_with("language = \"python\"\n"))
        .file("svc/notes.toml", "not an answers file")
}

#[test]
fn many_files_are_checked_one_line_each_with_a_summary() {
    let test = monorepo();
    let out = test.run_with(&["check", "svc", "--today", TODAY_DATE]);
    assert_eq!(out.code, 2, "a malformed file makes it exit 2, after checking the others");
    insta::assert_snapshot!("check_many_text", out.stdout);
    assert!(!out.stdout.contains(".cache"), "hidden folders are not searched");

    // Without the malformed file, the drifting one makes it exit 1.
    let out = test.run_with(&["check", "svc/a/advisor.toml", "svc/b/advisor.toml", "svc/d/advisor.toml"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.ends_with("3 files; holds: 1, does not hold: 1, no decision: 1; exit 1\n"),
        "{}",
        out.stdout
    );
    let out = test.run_with(&["check", "svc/a/advisor.toml", "svc/d/advisor.toml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);

    let github = test.run_with(&["check", "svc", "--format", "github"]);
    assert_eq!(github.code, 2);
    assert!(github.stdout.contains("::error file=svc/b/advisor.toml,line=16,"), "{}", github.stdout);
    assert!(github.stdout.contains("::error file=svc/c/api.advisor.toml,line=3,col=9,"), "{}", github.stdout);
    assert!(
        github.stdout.ends_with(
            "advisor check: 4 files; holds: 1, does not hold: 1, no decision: 1, cannot be checked: 1; exit 2\n"
        ),
        "{}",
        github.stdout
    );

    let json = test.run_with(&["check", "svc", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["malformed"], 1);
    assert_eq!(report["summary"]["exit_code"], 2);
    assert_eq!(report["files"][1]["verdict"], "drift");
    assert_eq!(report["files"][2]["verdict"], "malformed");
    assert_eq!(report["files"][2]["errors"][0]["line"], 3);

    let empty = Test::new().file("x/readme.md", "x").args(&["check", "x"]).run();
    assert_eq!(empty.code, 2);
    assert!(empty.stderr.contains("holds no advisor.toml or *.advisor.toml"), "{}", empty.stderr);
}

/// A single malformed file is annotated in GitHub output too, not only reported on stderr.
#[test]
fn a_malformed_file_is_annotated_for_github() {
    let out = Test::new()
        .file("advisor.toml", "version = 1\n[answers]\nshape = \"nope\"\ntask_nature = \"mixed\"\n")
        .args(&["check", "--format", "github"])
        .run();
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.starts_with("::error file=advisor.toml,line=3,col=9,title=advisor check::unknown option"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("advisor.toml:3:9: unknown option"), "{}", out.stderr);
}
