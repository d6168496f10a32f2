//! Bad input: every case exits 2 with one message naming the file, the line where known, and
//! what was expected. Never a panic, never a backtrace.

use crate::Test;

/// (case, file name, content). Each is scored with `recommend --answers <file>`.
const CASES: &[(&str, &str, &str)] = &[
    ("missing required answers", "a.toml", "version = 1\n[answers]\nprocess_scale = \"millions\"\n"),
    ("no answers table", "a.toml", "version = 1\n"),
    (
        "unknown question",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nshpae = \"x\"\n",
    ),
    (
        "unknown option",
        "a.toml",
        "version = 1\n[answers]\nshape = \"realtime_fanot\"\ntask_nature = \"io_bound\"\n",
    ),
    (
        "unknown option in a list",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nruntime_needs = [\"no_gc\", \"nogc\"]\n",
    ),
    (
        "list for a single question",
        "a.toml",
        "version = 1\n[answers]\nshape = [\"distributed\"]\ntask_nature = \"mixed\"\n",
    ),
    (
        "string for a multi question",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nsecondary_shapes = \"event_driven\"\n",
    ),
    ("number for an option", "a.toml", "version = 1\n[answers]\nshape = 3\ntask_nature = \"mixed\"\n"),
    (
        "option listed twice",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nproduct_needs = [\"queues\", \"queues\"]\n",
    ),
    ("malformed TOML", "a.toml", "version = 1\n[answers]\nshape = \"distributed\n"),
    (
        "duplicate TOML key",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\nshape = \"event_driven\"\n",
    ),
    ("unknown top-level key", "a.toml", "version = 1\nanwsers = 2\n"),
    (
        "unsupported version",
        "a.toml",
        "version = 2\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n",
    ),
    ("empty file", "a.toml", "  \n\n"),
    (
        "decision with unknown language, status and date",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n[decision]\nlanguage = \"golang\"\nstatus = \"acepted\"\ndate = \"20-11-2026\"\n",
    ),
    (
        "decision without a language",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n[decision]\nstatus = \"accepted\"\n",
    ),
    (
        "unknown decision key",
        "a.toml",
        "version = 1\n[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n[decision]\nlanguage = \"go\"\nowner = \"me\"\n",
    ),
    ("malformed YAML", "a.yaml", "version: 1\nanswers:\n  shape: [distributed\n"),
    (
        "unknown option in YAML",
        "a.yml",
        "version: 1\nanswers:\n  task_nature: mixed\n  shape: realtime_fanot\n",
    ),
    (
        "duplicate YAML answer",
        "a.yaml",
        "answers:\n  shape: distributed\n  task_nature: mixed\n  shape: event_driven\n",
    ),
    ("empty YAML answer", "a.yaml", "answers:\n  shape:\n  task_nature: mixed\n"),
    ("YAML that is a list", "a.yaml", "- shape\n- distributed\n"),
    (
        "several problems at once",
        "a.toml",
        "version = 1\n[answers]\nshape = \"x\"\nteam_languages = [\"golang\"]\nfoo = 1\n",
    ),
];

#[test]
fn every_bad_answers_file_exits_2_with_a_located_message() {
    let mut transcript = String::new();
    for (case, name, content) in CASES {
        let out = Test::new().file(name, content).args(&["recommend", "--answers", name]).run();
        assert_eq!(out.code, 2, "{case}: exit code\n{}", out.stderr);
        assert_eq!(out.stdout, "", "{case}: nothing on stdout");
        assert!(out.stderr.starts_with("error: "), "{case}: {}", out.stderr);
        assert!(out.stderr.contains(name), "{case}: the message names the file\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked") && !out.stderr.contains("backtrace"), "{case}");
        transcript.push_str(&format!("## {case}\n{}\n", out.stderr));
    }
    insta::assert_snapshot!("bad_answers_files", transcript);
}

#[test]
fn files_that_cannot_be_read_exit_2() {
    let test = Test::new().file("dir/keep", "").file("latin1.toml", b"version = 1\n# caf\xe9\n".as_slice());
    let big = "#".repeat(1024 * 1024 + 1);
    let test = test.file("big.toml", big);
    let mut transcript = String::new();
    for (case, path) in [
        ("missing file", "nope.toml"),
        ("a directory", "dir"),
        ("not UTF-8", "latin1.toml"),
        ("over the size limit", "big.toml"),
    ] {
        let out = test.run_with(&["recommend", "--answers", path]);
        let stderr = out.stderr;
        assert_eq!(out.code, 2, "{case}: {stderr}");
        assert!(stderr.contains(path), "{case}: {stderr}");
        transcript.push_str(&format!("## {case}\n{stderr}\n"));
    }
    insta::assert_snapshot!("unreadable_files", transcript);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["recommend"],
        vec!["recommend", "--answers", "a.toml", "--format", "xml"],
        vec!["recommend", "--answers", "a.toml", "--top", "0"],
        vec!["frobnicate"],
        vec![],
    ] {
        let out = Test::new().args(&args).run();
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

/// RUST_BACKTRACE set in a user's shell must not turn errors into backtraces.
#[test]
fn errors_stay_plain_with_rust_backtrace_set() {
    let out = Test::new()
        .file("a.toml", "version = 1\n[answers]\nshape = \"nope\"\ntask_nature = \"mixed\"\n")
        .env("RUST_BACKTRACE", "1")
        .args(&["recommend", "--answers", "a.toml"])
        .run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

/// A YAML alias bomb: nine levels of nine references (387 million strings once expanded).
fn alias_bomb(prefix: &str) -> String {
    let mut text = format!("{prefix}[&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!(", &{name} [{refs}]"));
        previous = name;
    }
    text.push_str("]\n");
    text
}

/// Hostile answers files and pack files: each exits 2 at once with a message, never hangs,
/// never panics.
#[test]
fn hostile_inputs_exit_2_quickly() {
    let deep_yaml =
        format!("version: 1\nanswers:\n  shape: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_toml =
        format!("version = 1\n[answers]\nshape = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let long =
        format!("version = 1\n[answers]\nshape = \"{}\"\ntask_nature = \"mixed\"\n", "x".repeat(900_000));
    let cases: Vec<(&str, &str, String, &str)> = vec![
        (
            "alias bomb",
            "a.yaml",
            alias_bomb("version: 1\nanswers:\n  task_nature: mixed\n  shape: "),
            "repetition limit",
        ),
        ("deeply nested YAML", "a.yaml", deep_yaml, "nest more than 64 levels"),
        ("deeply nested TOML", "a.toml", deep_toml, "recursion"),
        (
            "duplicate YAML keys",
            "a.yaml",
            "version: 1\nversion: 1\nanswers: {}\n".into(),
            "duplicate field `version`",
        ),
        ("a very long string", "a.toml", long, "…\" for `shape`"),
    ];
    for (case, name, content, expected) in cases {
        let started = std::time::Instant::now();
        let out = Test::new().file(name, &content).args(&["recommend", "--answers", name]).run();
        assert_eq!(out.code, 2, "{case}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{case}: {}", out.stderr);
        assert!(out.stderr.len() < 1_000, "{case}: the message stays short");
        // Not a timing assertion: a guard against a hang turning into a stuck test run.
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "{case} hung");
    }
    let packs: Vec<(&str, String, &str)> = vec![
        // serde refuses the bomb's first element by type before expanding the rest.
        ("alias bomb", alias_bomb("rules: "), "pack/rules/r.yaml:1:"),
        (
            "deep nesting",
            format!("rules: {}{}\n", "[".repeat(50_000), "]".repeat(50_000)),
            "nest more than 64 levels",
        ),
        (
            "deep conditions",
            format!(
                "rules:\n  - id: x\n    when: {}{{shape: x}}{}\n",
                "{not: ".repeat(5_000),
                "}".repeat(5_000)
            ),
            "nest more than 64 levels",
        ),
    ];
    for (case, content, expected) in packs {
        let out =
            Test::new().file("pack/rules/r.yaml", &content).args(&["rules", "check", "--pack", "pack"]).run();
        assert_eq!(out.code, 2, "{case}: {}", out.stderr);
        assert!(out.stderr.contains("pack/rules/r.yaml"), "{case}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{case}: {}", out.stderr);
    }
}

/// A SOURCE_DATE_EPOCH that is not a number used to fall back to the clock without a word,
/// so a "reproducible" record silently carried today's date.
#[test]
fn a_malformed_source_date_epoch_is_an_error_where_a_date_is_written() {
    let out = Test::new().env("SOURCE_DATE_EPOCH", "yesterday").args(&["init", "-"]).run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: SOURCE_DATE_EPOCH is `yesterday`, not a number of seconds since 1970; set it to one (as \
         `date +%s` prints) or unset it\n"
    );
    // Commands that write no date do not read it.
    let out = Test::new().env("SOURCE_DATE_EPOCH", "yesterday").args(&["languages"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}
