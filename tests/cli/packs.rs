//! Explain, what-if and team rule packs: `explain` snapshots, packs that add a language,
//! reweight or disable a rule, radar import, and `rules check|list|test`.

use crate::Test;
use serde_json::Value;

fn project(args: &[&str]) -> crate::Outcome {
    Test::new().in_project().args(args).run()
}

fn json(args: &[&str]) -> Value {
    let out = project(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn ranked(report: &Value) -> Vec<(String, f64)> {
    report["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["language"].as_str().unwrap().to_string(), r["points"].as_f64().unwrap()))
        .collect()
}

fn points_of(report: &Value, language: &str) -> f64 {
    ranked(report).into_iter().find(|(l, _)| l == language).map(|(_, p)| p).unwrap()
}

#[test]
fn explain_takes_a_score_apart() {
    let top = project(&["explain", "elixir", "--answers", "examples/realtime-chat.toml"]);
    assert_eq!(top.code, 0, "{}", top.stderr);
    insta::assert_snapshot!("explain_rank_1", top.stdout);
    let lower = project(&["explain", "Go", "--answers", "examples/realtime-chat.toml"]);
    assert_eq!(lower.code, 0);
    assert!(
        lower.stdout.contains("Gap to rank 1: Elixir leads with +72 points, 49 points ahead of Go."),
        "{}",
        lower.stdout
    );
    insta::assert_snapshot!("explain_lower", lower.stdout);
    let hard = Test::new()
        .file("a.toml", "version = 1\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\nlatency = \"hard_realtime\"\n")
        .args(&["explain", "erlang", "--answers", "a.toml"])
        .run();
    assert_eq!(hard.code, 0);
    insta::assert_snapshot!("explain_excluded", hard.stdout);
    let unknown = project(&["explain", "golang", "--answers", "examples/realtime-chat.toml"]);
    let unknown_name = project(&["explain", "cobol", "--answers", "examples/realtime-chat.toml"]);
    assert_eq!(unknown.code, 0, "golang is an alias of go: {}", unknown.stderr);
    assert_eq!(unknown_name.code, 2);
    assert!(unknown_name.stderr.contains("unknown language `cobol`"));
}

#[test]
fn what_if_reports_the_answers_that_flip_rank_1() {
    let fragile = json(&["recommend", "--answers", "examples/enterprise-backend.toml", "--format", "json"]);
    let flips = fragile["what_if"].as_array().unwrap();
    let windows = flips.iter().find(|f| f["toggled"] == "windows").expect("{flips:?}");
    assert_eq!(windows["language"], "csharp");
    assert!(
        flips
            .iter()
            .any(|f| f["question"] == "latency" && f["answer"] == "hard_realtime" && f["language"] == "rust")
    );
    assert!(fragile["what_if_tried"].as_u64().unwrap() > 50);

    let robust = json(&["recommend", "--answers", "examples/ml-service.toml", "--format", "json"]);
    let flips = robust["what_if"].as_array().unwrap();
    assert!(
        flips.iter().all(|f| ["static_typing", "latency", "runtime_needs"].contains(&f["question"].as_str().unwrap())),
        "only a hard requirement Python cannot meet moves the ML service: {flips:?}"
    );
    let table = project(&["recommend", "--answers", "examples/enterprise-backend.toml", "--all"]);
    assert!(table.stdout.contains("ecosystem_ties adds windows: C# leads"), "{}", table.stdout);
}

#[test]
fn a_pack_can_add_a_language_and_a_question() {
    let report = json(&[
        "recommend",
        "--answers",
        "examples/control-plane.toml",
        "--pack",
        "examples/packs/zig",
        "--format",
        "json",
    ]);
    assert_eq!(ranked(&report).len(), 13, "Zig joins the ranking");
    let schema = project(&["schema", "--pack", "examples/packs/zig"]);
    assert!(schema.stdout.contains("\"allocator_control\""));
    let text = "version = 1\npacks = [\"../zig\"]\n[answers]\nshape = \"strict_latency\"\ntask_nature = \"mixed\"\nruntime_needs = [\"no_gc\"]\nallocator_control = \"required\"\nteam_languages = [\"zig\"]\n";
    // The answers file names its pack relative to itself, inside its repository.
    let test = crate::with_example_pack(
        Test::new().file(".git/HEAD", "x").file("team/advisor.toml", text),
        "zig",
        "zig",
    );
    let out = test.run_with(&["recommend", "--answers", "team/advisor.toml", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["ranking"][0]["language"], "zig");
    // Without the pack, the Zig answers are unknown.
    let out = test.run_with(&["recommend", "--answers", "team/advisor.toml", "--no-builtin"]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_pack_can_reweight_and_disable_built_in_rules() {
    let args = ["recommend", "--answers", "examples/control-plane.toml", "--format", "json"];
    let plain = json(&args);
    let mut with_pack = args.to_vec();
    with_pack.extend(["--pack", "examples/packs/platform-jvm"]);
    let packed = json(&with_pack);
    // go-static-binary goes from +10 to +4.
    assert_eq!(points_of(&plain, "go") - points_of(&packed, "go"), 6.0);
    let reasons =
        packed["ranking"].as_array().unwrap().iter().find(|r| r["language"] == "go").unwrap()["reasons"]
            .clone();
    let static_binary = reasons.as_array().unwrap().iter().find(|r| r["rule"] == "go-static-binary").unwrap();
    assert_eq!(static_binary["points"], 4.0);
    assert!(static_binary["adjusted"][0].as_str().unwrap().contains("container image"));
    // requires-hiring-pool is disabled: the hiring pool no longer ranks Elixir below the rest.
    let hiring =
        |report: &Value| {
            report["requirements"].as_array().unwrap().iter().any(|r| r["id"] == "requires-hiring-pool")
                && report["ranking"].as_array().unwrap().iter().any(|r| {
                    r["unmet"].as_array().unwrap().iter().any(|x| x["rule"] == "requires-hiring-pool")
                })
        };
    assert!(hiring(&plain));
    assert!(!hiring(&packed));
    let list = project(&["rules", "list", "--pack", "examples/packs/platform-jvm", "--language", "elixir"]);
    assert!(list.stdout.contains("disabled requirement `requires-hiring-pool` by examples/packs/platform-jvm/rules/platform.yaml: Hiring is remote-first"), "{}", list.stdout);
}

#[test]
fn a_tech_radar_becomes_points_and_caveats() {
    let report = json(&[
        "recommend",
        "--answers",
        "examples/enterprise-backend.toml",
        "--format",
        "json",
        "--pack",
        "examples/packs/tech-radar",
    ]);
    let scala = report["ranking"].as_array().unwrap().iter().find(|r| r["language"] == "scala").unwrap();
    let hold = scala["reasons"].as_array().unwrap().iter().find(|r| r["rule"] == "radar-scala").unwrap();
    assert_eq!(hold["points"], -10.0);
    assert_eq!(hold["source"], "radar / Hold");
    let caveat =
        scala["caveats"].as_array().unwrap().iter().find(|c| c["rule"] == "radar-scala-caveat").unwrap();
    assert!(
        caveat["text"].as_str().unwrap().contains("examples/packs/tech-radar/radar.csv) puts Scala in Hold")
    );
    let kotlin = report["ranking"].as_array().unwrap().iter().find(|r| r["language"] == "kotlin").unwrap();
    assert!(
        kotlin["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "radar-kotlin" && r["points"] == 8.0)
    );
    // Blips that are not languages (Kubernetes, techniques) are skipped.
    let list = project(&["rules", "list", "--pack", "examples/packs/tech-radar"]);
    assert!(!list.stdout.to_lowercase().contains("kubernetes"));
}

#[test]
fn rules_check_reports_every_problem_of_a_broken_pack_with_lines() {
    let test = Test::new()
        .file("broken/sources/s.yaml", "guides:\n  - id: team\n    title: Team notes\n    sections: [Runtimes]\n")
        .file("broken/languages/l.yaml", "languages:\n  - {id: Zig!, name: Zig, runtime: native}\n")
        .file(
            "broken/rules/a.yaml",
            "rules:\n  - id: team-go\n    when: {shap: request_response}\n    points: {golang: 5}\n    reason: Go\n    source: team / Runtime\n  - id: go-static-binary\n    points: {go: 1}\n    reason: dup\n    source: team / Runtimes\n\noverrides:\n  - rule: go-static-binray\n    points: {go: 2}\n    reason: typo\n  - rule: beam-hard-realtime\n    points: {elixir: 2}\n    reason: not a rule\n",
        )
        .file("broken/rules/b.yaml", "rules:\n  - id: x\n    points: [1, 2]\n")
        .file("broken/radar.csv", "name,ring,quadrant,isNew,description\nGo,Adopt,L,FALSE,ok\nRust,Sometimes,L,FALSE,bad ring\nGo,Hold,L,FALSE,twice\n");
    let out = test.run_with(&["rules", "check", "--pack", "broken"]);
    assert_eq!(out.code, 2);
    let stderr = out.stderr;
    for expected in [
        "broken/languages/l.yaml:2:3: entry `Zig!`: ids are lowercase letters",
        "broken/rules/a.yaml:2:3: entry `team-go`: condition names `shap`, which is not a question defined before this entry (did you mean \"shape\"?)",
        "broken/rules/a.yaml:2:3: entry `team-go`: unknown language `golang` (did you mean \"go\"?)",
        "broken/rules/a.yaml:2:3: entry `team-go`: source \"team / Runtime\" names no section of guide team (\"Team notes\") (did you mean \"Runtimes\"?)",
        "broken/rules/a.yaml:7:3: entry `go-static-binary`: duplicate id: already used in <builtin>/rules/go.yaml:",
        "broken/rules/a.yaml:13:3: entry `go-static-binray`: override of unknown entry `go-static-binray` (did you mean \"go-static-binary\"?)",
        "entry `beam-hard-realtime`: only a rule has points",
        "broken/rules/b.yaml:3:13:",
        "broken/radar.csv:3:1: unknown ring `Sometimes`; expected Adopt, Trial, Assess or Hold",
        "broken/radar.csv:4:1: Go is on the radar twice (first on line 2)",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    // Built-in line numbers move whenever a built-in rule file changes.
    let stable: String = stderr
        .lines()
        .map(|l| match l.find("<builtin>/rules/go.yaml:") {
            Some(at) => format!("{}<builtin>/rules/go.yaml:N", &l[..at]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("rules_check_broken", stable);
    let missing = Test::new().args(&["rules", "check", "--pack", "nowhere"]).run();
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nowhere: no such pack folder"));
    let ok = project(&["rules", "check"]);
    assert_eq!(ok.code, 0);
    assert!(ok.stdout.starts_with("ok: 12 languages, 17 questions, "), "{}", ok.stdout);
}

#[test]
fn rules_test_passes_and_fails() {
    let builtin = project(&["rules", "test"]);
    assert_eq!(builtin.code, 0, "{}", builtin.stdout);
    let dir = format!("{}/tests/scenarios", env!("CARGO_MANIFEST_DIR"));
    let shipped: usize = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| std::fs::read_to_string(p).unwrap().matches("[[scenario]]").count())
        .sum();
    assert!(builtin.stdout.ends_with(&format!("{shipped} passed, 0 failed\n")), "{}", builtin.stdout);
    for pack in ["platform-jvm", "tech-radar", "zig"] {
        let out = project(&["rules", "test", "--pack", &format!("examples/packs/{pack}")]);
        assert_eq!(out.code, 0, "{pack}: {}", out.stdout);
        assert!(out.stdout.ends_with("2 passed, 0 failed\n"), "{pack}: {}", out.stdout);
    }
    let failing = Test::new()
        .file("pack/sources/s.yaml", "guides:\n  - {id: team, title: T, sections: [S]}\n")
        .file("pack/tests/t.toml", "[[scenario]]\nid = \"holds\"\nexpect_top = [\"elixir\"]\n[scenario.answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\nfailure_recovery = \"runtime\"\n\n[[scenario]]\nid = \"wrong\"\nexpect_top = [\"python\"]\n[scenario.answers]\nshape = \"cpu_parallel\"\ntask_nature = \"cpu_bound\"\n")
        .args(&["rules", "test", "--pack", "pack"])
        .run();
    assert_eq!(failing.code, 1, "{}", failing.stdout);
    assert!(failing.stdout.contains("ok    holds\n"));
    assert!(
        failing
            .stdout
            .contains("FAIL  wrong (pack/tests/t.toml): rank 1 is rust, expected one of [\"python\"]"),
        "{}",
        failing.stdout
    );
    assert!(failing.stdout.ends_with("1 passed, 1 failed\n"));
}

#[test]
fn when_no_language_meets_every_requirement_the_report_says_so() {
    // A team pack whose platform only runs the JVM, with answers that also rule out a garbage
    // collector: no language meets both, so the ranking is by the fewest missed.
    let pack = "requirements:\n  - id: team-jvm-only\n    when: {shape: [request_response, idle_connections, stateful_workers, event_driven, cpu_parallel, realtime_fanout, distributed, strict_latency]}\n    title: our JVM-only platform\n    languages: [elixir, erlang, gleam, go, crystal, csharp, rust, typescript, python]\n    reason: The platform team deploys and operates JVM services only\n    source: 000 / Practical Default\n";
    let answers = "version = 1\n[answers]\nshape = \"request_response\"\ntask_nature = \"io_bound\"\nruntime_needs = [\"no_gc\"]\n";
    let test = Test::new().file("team/rules/platform.yaml", pack).file("a.toml", answers);
    let out = test.run_with(&["recommend", "--answers", "a.toml", "--pack", "team", "--top", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("No ranked language meets every one of them"), "{}", out.stdout);
    let json = test.run_with(&["recommend", "--answers", "a.toml", "--pack", "team", "--format", "json"]);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    // Java, Kotlin, Scala (a collector) and Rust (not the JVM) miss one; the rest miss both.
    let missed: Vec<(&str, usize)> = report["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["language"].as_str().unwrap(), r["unmet"].as_array().unwrap().len()))
        .collect();
    let (one, two): (Vec<_>, Vec<_>) = missed.iter().partition(|(_, n)| *n == 1);
    let mut one: Vec<&str> = one.iter().map(|(l, _)| *l).collect();
    one.sort_unstable();
    assert_eq!(one, ["java", "kotlin", "rust", "scala"], "{missed:?}");
    assert!(two.iter().all(|(_, n)| *n == 2), "{missed:?}");
    assert!(missed.windows(2).all(|w| w[0].1 <= w[1].1), "fewest missed first: {missed:?}");
}

/// A pack of two languages whose question called `shape` is not the one that defines the
/// system, and whose texts write `Kestrel` mid-sentence: the reports name the pack's own
/// defining question and keep its own names capitalised.
fn tiny_pack() -> Test {
    Test::new()
        .file(
            "tiny/languages/languages.yaml",
            "languages:\n  - {id: zig, name: Zig, runtime: native}\n  - {id: odin, name: Odin, runtime: native}\n",
        )
        .file("tiny/sources/notes.yaml", "guides:\n  - id: notes\n    title: Team notes\n    sections: [Basics]\n")
        .file(
            "tiny/questions/questions.yaml",
            r#"questions:
  - id: shape
    statement: "The team is {answer}."
    title: Team shape
    kind: single
    prompt: How is the team organised?
    help: Size matters for hiring.
    source: notes / Basics
    default: small
    options:
      - {id: small, label: Small team, description: A handful of people.}
      - {id: large, label: Large team, description: Several teams.}
  - id: workload
    statement: "{answer} make up the workload."
    title: Kind of workload
    kind: single
    prompt: What does the system mostly run?
    help: The workload decides the language.
    source: notes / Basics
    defines_the_system: true
    options:
      - {id: kestrel, label: Kestrel pipelines, description: Streams that Kestrel brokers hand on.}
      - {id: batch, label: Batch jobs, description: Nightly jobs.}
"#,
        )
        .file(
            "tiny/rules/rules.yaml",
            r#"rules:
  - id: zig-kestrel
    when: {workload: kestrel}
    points: {zig: 20}
    reason: Zig embeds the brokers that Kestrel pipelines run on
    source: notes / Basics
  - id: odin-batch
    when: {workload: batch}
    points: {odin: 10}
    reason: Odin batch jobs start fast
    source: notes / Basics
"#,
        )
        .file("advisor.toml", "version = 1\n[answers]\nshape = \"large\"\nworkload = \"kestrel\"\n")
        .env("COLUMNS", "200")
}

#[test]
fn reports_take_the_defining_question_and_the_names_from_a_pack_without_the_built_in_one() {
    let test = tiny_pack();
    let pack = ["--no-builtin", "--pack", "tiny"];
    let run = |args: &[&str]| {
        let out = test.run_with(&[args, &pack[..]].concat());
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    let record = run(&["export", "advisor.toml"]);
    // The title answers the defining question, `Kestrel` staying a name as the pack writes it.
    assert!(record.contains("# Backend language for Kestrel pipelines\n"), "{record}");
    assert!(
        record.contains(
            "Which of the 2 candidate languages should the backend be written in, given this kind of \
             workload and the other answers?"
        ),
        "{record}"
    );
    assert!(record.contains("The team is **large team**."), "{record}");
    assert!(!record.contains("concurrency") && !record.contains("ecosystem"), "{record}");
    // The confirmation checklist and its citation are guide 000's, which this pack lacks.
    assert!(!record.contains("000 / ") && !record.contains("backpressure"), "{record}");
    assert!(record.contains("### Confirmation\n\nRecord the decision in a `[decision]` table"), "{record}");
    let table = run(&["recommend", "advisor.toml"]);
    assert!(table.contains("(kind of workload: Kestrel pipelines)"), "{table}");
    assert!(!table.contains("Large team"), "{table}");
    let markdown = run(&["recommend", "advisor.toml", "--format", "markdown"]);
    assert!(markdown.contains("; kind of workload: **Kestrel pipelines**."), "{markdown}");
    assert!(!markdown.contains("shape:"), "{markdown}");
}
