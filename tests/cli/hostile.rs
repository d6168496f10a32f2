//! Untrusted input: answers files and packs from a pull request can leak no file, hang
//! nothing and inject nothing into a terminal, a record or a CI log.

use crate::{Test, example};
use std::time::{Duration, Instant};

/// A secret that must never appear in any output.
const SECRET: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

/// A copy of the platform-jvm example pack in the run's folder, under `pack/`.
fn with_pack(test: Test) -> Test {
    crate::with_example_pack(test, "platform-jvm", "pack")
}

#[cfg(unix)]
#[test]
fn a_pack_file_linked_out_of_the_pack_is_not_read() {
    let test = with_pack(Test::new()).file("secret/id_ed25519", SECRET);
    std::os::unix::fs::symlink(test.path().join("secret/id_ed25519"), test.path().join("pack/rules/k.yaml"))
        .unwrap();
    let out = test.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stdout.contains("BEGIN") && !out.stderr.contains("BEGIN"), "{}", out.stderr);
    assert!(
        out.stderr.contains("k.yaml: is a symbolic link to a file outside the pack folder"),
        "{}",
        out.stderr
    );

    // A link that stays inside the pack is followed, as git does.
    let inside = with_pack(Test::new());
    let rules = std::fs::read_dir(inside.path().join("pack/rules")).unwrap().next().unwrap().unwrap().path();
    std::fs::rename(&rules, inside.path().join("pack/real.yaml")).unwrap();
    std::os::unix::fs::symlink(inside.path().join("pack/real.yaml"), &rules).unwrap();
    let out = inside.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A parser that quotes what it could not read echoes at most 60 characters of it.
#[test]
fn a_file_that_is_not_yaml_is_not_echoed() {
    let key = format!("{}{}", "A".repeat(5000), SECRET.replace('\n', ""));
    let test = with_pack(Test::new()).file("pack/rules/k.yaml", &key);
    let out = test.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.contains("BEGIN"), "{}", out.stderr);
    assert!(out.stderr.lines().all(|l| l.chars().count() < 400), "{}", out.stderr);

    let value = "x".repeat(900_000);
    let answers = format!("version = 1\n[answers]\nshape = \"{value}\"\ntask_nature = \"mixed\"\n");
    let out = Test::new().file("a.toml", answers).args(&["recommend", "a.toml"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.len() < 2000, "{} bytes of error", out.stderr.len());
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_at_once() {
    let test = Test::new();
    let fifo = test.path().join("answers.toml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for (args, what) in [
        (vec!["recommend", "answers.toml"], "answers.toml: is a FIFO (named pipe), not a regular file"),
        (vec!["recommend", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
        (vec!["check", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
    ] {
        let started = Instant::now();
        let out = test.run_with(&args);
        assert!(started.elapsed() < Duration::from_secs(5), "{args:?} took {:?}", started.elapsed());
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(what), "{args:?}: {}", out.stderr);
    }

    // The same inside a pack: a rules file that is a FIFO or a link to a device.
    let pack = with_pack(Test::new());
    let status =
        std::process::Command::new("mkfifo").arg(pack.path().join("pack/rules/fifo.yaml")).status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    let out = pack.run_with(&["rules", "check", "--pack", "pack"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("fifo.yaml: is a FIFO (named pipe), not a regular file"), "{}", out.stderr);
}

#[test]
fn standard_input_has_the_same_limit() {
    let big = format!("{}\n", "#".repeat(1024 * 1024 + 10));
    let out = Test::new().stdin(big).args(&["recommend", "-"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("<stdin>: is larger than 1 MiB"), "{}", out.stderr);
    let out = Test::new().stdin(example("realtime-chat.toml")).args(&["recommend", "-"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A repository with a team folder holding an answers file that names its own pack.
fn repository(packs: &str) -> Test {
    let chat = example("realtime-chat.toml");
    let head = &chat[..chat.find("[decision]").unwrap()];
    let answers = head.replacen("version = 1", &format!("version = 1\npacks = {packs}"), 1);
    let test = with_pack(Test::new()).file(".git/HEAD", "ref: refs/heads/main\n");
    test.file("team/advisor.toml", format!("{answers}[decision]\nlanguage = \"elixir\"\n"))
}

#[test]
fn packs_a_file_names_stay_in_its_repository_and_can_be_refused() {
    // Inside the repository: loaded, and every report says so.
    let test = repository("[\"../pack\", \"../pack/\", \"./../team/../pack\"]");
    let out = test.run_with(&["check", "team/advisor.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Rule packs: built-in, then team/../pack (named by team/advisor.toml)"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("named by").count(),
        1,
        "one folder, however spelled, loads once:\n{}",
        out.stdout
    );
    assert!(out.stdout.contains("warning: team/advisor.toml:"), "{}", out.stdout);
    assert!(out.stdout.contains("run `advisor check --no-file-packs`"), "{}", out.stdout);
    let strict = test.run_with(&["check", "team/advisor.toml", "--strict"]);
    assert_eq!(strict.code, 1, "--strict refuses a file that brings its own rules: {}", strict.stdout);
    assert!(strict.stdout.contains("verdict: unverifiable (exit 1)"), "{}", strict.stdout);
    let json = test.run_with(&["recommend", "team/advisor.toml", "--format", "json"]);
    assert!(json.stdout.contains("\"named_by\": \"file\""), "{}", json.stdout);
    let table = test.run_with(&["recommend", "team/advisor.toml"]);
    assert!(table.stdout.contains("Rule packs: built-in, then"), "{}", table.stdout);

    // Refused by a flag or by the environment.
    for refused in [
        test.run_with(&["check", "team/advisor.toml", "--no-file-packs"]),
        Test::new()
            .file(".git/HEAD", "x")
            .file("team/advisor.toml", std::fs::read(test.path().join("team/advisor.toml")).unwrap())
            .env("ADVISOR_NO_FILE_PACKS", "1")
            .args(&["check", "team/advisor.toml"])
            .run(),
    ] {
        assert_eq!(refused.code, 0, "{}", refused.stderr);
        assert!(
            !refused.stdout.contains("Rule packs") && !refused.stdout.contains("warning"),
            "{}",
            refused.stdout
        );
    }

    // Outside the repository: refused, whatever the spelling.
    for outside in ["[\"../..\"]", "[\"/tmp\"]"] {
        let out = repository(outside).run_with(&["check", "team/advisor.toml"]);
        assert_eq!(out.code, 2, "{outside}: {}", out.stdout);
        assert!(out.stderr.contains("which is outside this repository"), "{}", out.stderr);
    }
}

#[test]
fn many_packs_are_refused_before_any_loads() {
    let list: Vec<String> = (0..500).map(|i| format!("\"p{i}\"")).collect();
    let started = Instant::now();
    let out = repository(&format!("[{}]", list.join(", "))).run_with(&["recommend", "team/advisor.toml"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("500 rule packs are named; at most 32 load at once"), "{}", out.stderr);
    assert!(out.stderr.lines().count() < 5, "{}", out.stderr);
}

/// The nesting check cannot be fooled by a quote inside a plain scalar or a `#` without a space.
#[test]
fn deep_nesting_is_refused_at_once_whatever_hides_it() {
    for prefix in ["b'c, ", "C#, "] {
        let text = format!(
            "version: 1\nanswers:\n  shape: [{prefix}{}{}]\n",
            "[".repeat(30_000),
            "]".repeat(30_000)
        );
        let started = Instant::now();
        let out = Test::new().file("a.yaml", text).args(&["recommend", "a.yaml"]).run();
        assert!(started.elapsed() < Duration::from_secs(5), "{prefix}: {:?}", started.elapsed());
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("nest more than 64 levels"), "{}", out.stderr);
    }
}

/// A pack whose text is valid but hostile: HTML, links, Markdown structure, workflow commands
/// and quotes in every field a report shows.
fn hostile_pack(test: Test) -> Test {
    test.file(
        "evil/languages/evil.yaml",
        "languages:\n  - {id: evil, name: \"Evil \\\"<b>x</b>\\\" ``` |\", runtime: \"<iframe src=x>\"}\n",
    )
    .file(
        "evil/sources/evil.yaml",
        "guides:\n  - id: evil\n    title: \"<script>alert(1)</script>\"\n    sections: [\"Section [x](javascript:alert(1))\"]\n",
    )
    .file(
        "evil/rules/evil.yaml",
        "rules:\n  - id: evil-fanout\n    when: {shape: realtime_fanout}\n    points: {evil: 90, elixir: -3}\n    reason: \"<script>alert(1)</script> [click](javascript:alert(1)) ::error::pwn | cell ```fence\"\n    source: \"evil / Section [x](javascript:alert(1))\"\ncaveats:\n  - id: evil-caveat\n    languages: [evil]\n    text: \"# Fake heading <img src=x onerror=alert(1)> ::add-mask::secret\"\n    source: \"evil / Section [x](javascript:alert(1))\"\n",
    )
}

#[test]
fn hostile_pack_text_is_inert_in_every_format() {
    let chat = example("realtime-chat.toml");
    let decided = chat.replace("language = \"elixir\"", "language = \"go\"");
    let test = hostile_pack(Test::new()).file("advisor.toml", &decided);
    let runs = [
        ("table", vec!["recommend", "advisor.toml", "--pack", "evil", "--all"]),
        ("markdown", vec!["recommend", "advisor.toml", "--pack", "evil", "--format", "markdown"]),
        ("json", vec!["recommend", "advisor.toml", "--pack", "evil", "--format", "json"]),
        ("explain", vec!["explain", "evil", "advisor.toml", "--pack", "evil"]),
        ("check", vec!["check", "advisor.toml", "--pack", "evil"]),
        ("github", vec!["check", "advisor.toml", "--pack", "evil", "--format", "github"]),
        ("record", vec!["export", "advisor.toml", "--pack", "evil", "--options", "12"]),
    ];
    for width in ["40", "100"] {
        for (name, args) in &runs {
            let out = test.run_with(&[&["--color", "never"][..], args].concat());
            assert!(out.code == 0 || out.code == 1, "{name}: {}", out.stderr);
            let text = format!("{}{}", out.stdout, out.stderr);
            assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{name}: a control character");
            for line in text.lines() {
                // Only advisor's own annotations start a workflow command.
                let own = *name == "github"
                    && ["::error file=", "::warning file=", "::notice file="]
                        .iter()
                        .any(|c| line.starts_with(c));
                assert!(own || !line.trim_start().starts_with("::"), "{name} at {width}: {line}");
            }
            if ["markdown", "record"].contains(name) {
                // Escaped brackets (`\]`) make no link.
                let unescaped = out.stdout.replace("\\]", "");
                for raw in ["<script", "<img", "<iframe", "<b>", "](javascript:", "\n# Fake"] {
                    assert!(!unescaped.contains(raw), "{name}: raw `{raw}` in\n{}", out.stdout);
                }
                assert!(out.stdout.contains("&lt;script&gt;"), "{name}: the text is still there, escaped");
                // Every fence that opens closes: the language name's ``` cannot break one.
                let fences = out.stdout.lines().filter(|l| l.starts_with("```")).count();
                assert_eq!(fences % 2, 0, "{name}: unbalanced fences");
                assert!(out.stdout.contains("#quot;") || *name == "markdown", "{name}: mermaid labels");
            }
        }
    }
}

#[test]
fn control_characters_in_a_pack_or_an_answers_file_are_refused() {
    let test = hostile_pack(Test::new())
        .file("bad/rules/r.yaml", "rules:\n  - id: bad-rule\n    points: {go: 1}\n    reason: \"clear\\u001b[2Jscreen\"\n    source: 000 / Practical Default\n");
    let out = test.run_with(&["rules", "check", "--pack", "bad"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("r.yaml:2:3: entry `bad-rule`: `reason` contains the control character U+001B"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{1b}'));

    let chat = example("realtime-chat.toml");
    let evil = chat.replace("deciders = [\"platform team\"]", "deciders = [\"x\\n::error::pwn\"]");
    let out = Test::new().file("a.toml", evil).args(&["check", "a.toml", "--format", "github"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("a decider contains the control character U+000A"), "{}", out.stderr);
    assert!(out.stderr.lines().all(|l| !l.trim_start().starts_with("::")), "{}", out.stderr);
}

/// A pack subfolder that cannot be listed is a problem, not a silently empty folder.
#[test]
fn an_unreadable_pack_folder_is_reported() {
    let test = with_pack(Test::new()).file("pack/questions", "not a folder\n");
    let out = test.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("pack/questions: cannot read the folder"), "{}", out.stderr);
}

/// A committed answers file that is a link out of its repository is not followed, and a file
/// that is one long string is not quoted by the parser's message.
#[cfg(unix)]
#[test]
fn an_answers_file_linked_out_of_its_repository_is_not_read() {
    let test = Test::new()
        .file("repo/.git/HEAD", "x")
        .file("cred", "https://x-access-token:ghs_SECRET123@github.com\n");
    std::os::unix::fs::symlink(test.path().join("cred"), test.path().join("repo/advisor.yaml")).unwrap();
    let mut cmd = test.command();
    let out = cmd.current_dir(test.path().join("repo")).args(["check", "advisor.yaml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr.contains("SECRET") && !stderr.contains("ghs_"), "{stderr}");
    assert!(stderr.contains("is a symbolic link to a file outside this repository"), "{stderr}");
    // Inside the repository, a file that is not YAML is named without being quoted.
    let plain = Test::new().file("a.yaml", "ghs_SECRET123\n").args(&["check", "a.yaml"]).run();
    assert_eq!(plain.code, 2);
    assert!(!plain.stderr.contains("SECRET"), "{}", plain.stderr);
}

/// `--force` replaces regular files only: never a device or a FIFO.
#[cfg(unix)]
#[test]
fn force_never_replaces_a_device_or_a_fifo() {
    let test = Test::new().file("team.toml", example("realtime-chat.toml"));
    let fifo = test.path().join("fifo.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for target in ["fifo.md", "/dev/null"] {
        let out = test.run_with(&["export", "team.toml", "--out", target, "--force"]);
        assert_eq!(out.code, 2, "{target}: {}", out.stderr);
        assert!(
            out.stderr.contains("not a regular file; advisor only writes regular files"),
            "{}",
            out.stderr
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::symlink_metadata("/dev/null").unwrap().file_type().is_char_device());
    let init = test.run_with(&["init", "fifo.md", "--force"]);
    assert_eq!(init.code, 2, "{}", init.stderr);
}

#[test]
fn a_record_cannot_supersede_itself() {
    let test = Test::new()
        .file("team.toml", example("realtime-chat.toml"))
        .file("adr/0005-old.md", "---\nstatus: accepted\n---\n# Old\n");
    let out = test.run_with(&[
        "export",
        "team.toml",
        "--out",
        "adr/0005-old.md",
        "--force",
        "--supersedes",
        "adr/0005-old.md",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("the file the new record is written to"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(test.path().join("adr/0005-old.md")).unwrap(),
        "---\nstatus: accepted\n---\n# Old\n"
    );
}

/// GitHub's older `##[command]` syntax is refused in packs and answers and broken in echoes.
#[test]
fn legacy_workflow_commands_are_refused_and_broken() {
    let chat = example("realtime-chat.toml");
    let waiver = chat.replace(
        "language = \"elixir\"",
        "language = \"go\"\nwaiver = { reason = \"##[add-mask]drift\", expires = \"2030-01-01\" }",
    );
    let out = Test::new().file("a.toml", waiver).args(&["check", "a.toml"]).run();
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("contains `#`, `#`, `[` in a row"), "{}", out.stderr);
    let echoed = Test::new()
        .file("a.toml", chat.replace("shape = \"realtime_fanout\"", "shape = \"##[add-mask]x\""))
        .args(&["check", "a.toml", "--format", "github"])
        .run();
    assert_eq!(echoed.code, 2);
    assert!(
        !echoed.stderr.contains("##[") && !echoed.stdout.contains("##["),
        "{}{}",
        echoed.stdout,
        echoed.stderr
    );
    let pack = Test::new()
        .file("p/rules/r.yaml", "rules:\n  - id: r\n    points: {go: 1}\n    reason: \"x ##[warning]y\"\n    source: 000 / Practical Default\n")
        .args(&["rules", "check", "--pack", "p"])
        .run();
    assert_eq!(pack.code, 2);
    assert!(pack.stderr.contains("`reason` contains `#`, `#`, `[` in a row"), "{}", pack.stderr);
}

/// No pack within the file-size limits can make a report take minutes: options and rules are
/// bounded in total.
#[test]
fn packs_are_bounded_in_options() {
    let mut questions = String::from("questions:\n");
    for q in 0..9 {
        questions.push_str(&format!(
            "  - id: q{q}\n    kind: single\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Practical Default\n    default: o0\n    options:\n"
        ));
        for o in 0..120 {
            questions.push_str(&format!("      - {{id: o{o}, label: L, description: D}}\n"));
        }
    }
    let out =
        Test::new().file("p/questions/q.yaml", questions).args(&["rules", "check", "--pack", "p"]).run();
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("options in all; at most 1024 are allowed"), "{}", out.stderr);
}
