//! One way to name the answers: an optional FILE on every command that reads answers, the same
//! as `--answers`, `-` for standard input, `--set` flags, and ./advisor.toml by default; the
//! listings; help that ends with examples; man pages for every command.

use crate::{Test, example};
use serde_json::Value;

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// The JSON report without what names its source, for comparing reports of the same answers.
fn report(stdout: &str) -> Value {
    let mut value = json(stdout);
    value.as_object_mut().unwrap().remove("answers_from_flags");
    value
}

#[test]
fn every_way_to_name_the_answers_gives_the_same_report() {
    let chat = example("realtime-chat.toml");
    let test = Test::new().file("advisor.toml", &chat).file("game.toml", &chat).stdin(&chat);
    let default = test.run_with(&["recommend", "--format", "json"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    for args in [
        vec!["recommend", "game.toml", "--format", "json"],
        vec!["recommend", "-a", "game.toml", "--format", "json"],
        vec!["recommend", "--answers", "game.toml", "--format", "json"],
        vec!["recommend", "-", "--format", "json"],
    ] {
        let out = test.run_with(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(report(&out.stdout), report(&default.stdout), "{args:?}");
    }
    // The same answers given entirely as flags.
    let flags = test.run_with(&[
        "recommend",
        "--format",
        "json",
        "--set",
        "shape=realtime_fanout",
        "--set",
        "secondary_shapes=idle_connections,stateful_workers",
        "--set",
        "task_nature=io_bound",
        "--set",
        "process_scale=millions",
        "--set",
        "failure_recovery=runtime",
        "--set",
        "product_needs=realtime_browser,background_workers",
        "--set",
        "domain=realtime_product",
        "--set",
        "latency=soft_realtime",
    ]);
    assert_eq!(flags.code, 0, "{}", flags.stderr);
    let from_file: Value = report(&test.run_with(&["recommend", "game.toml", "--format", "json"]).stdout);
    assert_eq!(report(&flags.stdout)["ranking"], from_file["ranking"], "flags alone score like the file");
    assert_eq!(json(&flags.stdout)["answers_from_flags"].as_array().unwrap().len(), 8);
    // Every command that reads answers takes FILE and `-`.
    for args in [
        vec!["explain", "go", "game.toml"],
        vec!["explain", "go", "-"],
        vec!["export", "game.toml"],
        vec!["export", "-"],
        vec!["check", "game.toml"],
        vec!["check", "-"],
    ] {
        let out = test.run_with(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
}

#[test]
fn set_overrides_the_file_and_the_report_says_so() {
    let test = Test::new().file("game.toml", example("realtime-chat.toml"));
    let out =
        test.run_with(&["recommend", "game.toml", "--set", "latency=hard_realtime", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out.stdout);
    assert_eq!(report["answers_from_flags"], serde_json::json!(["latency"]));
    assert_eq!(report["ranking"][0]["language"], "rust", "hard realtime rules out the BEAM");
    let table = test.run_with(&["recommend", "game.toml", "--set", "latency=hard_realtime", "--top", "1"]);
    assert!(table.stdout.contains("Answers set with --set: latency = hard_realtime."), "{}", table.stdout);
    // An empty value clears a multi-choice answer.
    let cleared = test.run_with(&["recommend", "game.toml", "--set", "product_needs=", "--format", "json"]);
    assert_eq!(cleared.code, 0, "{}", cleared.stderr);
    let with = json(&test.run_with(&["recommend", "game.toml", "--format", "json"]).stdout);
    assert_ne!(json(&cleared.stdout)["ranking"], with["ranking"]);
    // A check re-scores with the override too.
    let check = test.run_with(&["check", "game.toml", "--set", "latency=hard_realtime"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
}

#[test]
fn bad_set_flags_exit_2_with_suggestions() {
    let test = Test::new();
    let out = test.run_with(&["recommend", "--set", "shap=cpu_parallel", "--set", "task_nature=cpu_boundd"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("set_errors", out.stderr);
    let syntax = test.run_with(&["recommend", "--set", "shape"]);
    assert_eq!(syntax.code, 2);
    assert!(syntax.stderr.contains("write it as QUESTION=VALUE"), "{}", syntax.stderr);
    let missing = test.run_with(&["recommend", "--set", "shape=cpu_parallel"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("missing required answer `task_nature`"), "{}", missing.stderr);
    assert!(missing.stderr.contains("--set task_nature="), "{}", missing.stderr);
    let single = test.run_with(&[
        "recommend",
        "--set",
        "shape=cpu_parallel,distributed",
        "--set",
        "task_nature=mixed",
    ]);
    assert_eq!(single.code, 2);
    assert!(single.stderr.contains("`shape` takes one option, not a list"), "{}", single.stderr);
}

#[test]
fn no_answers_anywhere_names_the_next_step() {
    for command in [vec!["recommend"], vec!["explain", "go"], vec!["export"], vec!["check"]] {
        let out = Test::new().args(&command).run();
        assert_eq!(out.code, 2, "{command:?}");
        assert!(out.stderr.contains("no ./advisor.toml here"), "{command:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("`advisor ask`") && out.stderr.contains("`advisor init`"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn standard_input_is_named_in_errors_with_line_and_column() {
    let out = Test::new()
        .stdin("version = 1\n[answers]\nshape = \"realtime\"\ntask_nature = \"io_bound\"\n")
        .args(&["recommend", "-"])
        .run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: <stdin>:3:9: unknown option"), "{}", out.stderr);
    let empty = Test::new().stdin("").args(&["recommend", "-"]).run();
    assert_eq!(empty.code, 2);
    assert!(empty.stderr.contains("<stdin>"), "{}", empty.stderr);
}

#[test]
fn listings_of_questions_and_languages() {
    let test = Test::new();
    let questions = test.run_with(&["questions"]);
    assert_eq!(questions.code, 0, "{}", questions.stderr);
    assert!(questions.stdout.contains("task_nature") && questions.stdout.contains("(asked when"));
    let listed = json(&test.run_with(&["questions", "--format", "json"]).stdout);
    let shape = &listed[0];
    assert_eq!(shape["id"], "shape");
    assert_eq!(shape["default"], Value::Null, "required");
    assert!(shape["options"].as_array().unwrap().iter().any(|o| o["id"] == "realtime_fanout"));
    let scale = listed.as_array().unwrap().iter().find(|q| q["id"] == "process_scale").unwrap();
    assert!(scale["asked_when"].as_str().unwrap().contains("shape ="));
    let markdown = test.run_with(&["questions", "--format", "markdown"]);
    assert!(markdown.stdout.starts_with("| Question | Kind | Options | Default | Asked when |"));
    let languages = json(&test.run_with(&["languages", "--format", "json"]).stdout);
    let go = languages.as_array().unwrap().iter().find(|l| l["id"] == "go").unwrap();
    assert_eq!(go["aliases"], serde_json::json!(["golang"]));
    insta::assert_snapshot!("languages_table", test.run_with(&["languages"]).stdout);
    let rules = json(&test.run_with(&["rules", "list", "--language", "golang", "--format", "json"]).stdout);
    assert!(rules.as_array().unwrap().iter().all(|r| r["kind"] != "rule" || r["points"].get("go").is_some()));
    let explain = Test::new()
        .file("a.toml", example("control-plane.toml"))
        .args(&["explain", "rust", "a.toml", "--format", "json"])
        .run();
    let explained = json(&explain.stdout);
    assert_eq!(explained["language"], "rust");
    assert!(explained["separating"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn reports_name_the_tool_and_the_rule_pack() {
    let out = Test::new()
        .file("a.toml", example("ml-service.toml"))
        .args(&["recommend", "a.toml", "--format", "json"])
        .run();
    let report = json(&out.stdout);
    assert_eq!(report["advisor"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["advisor"]["pack"].as_str().unwrap(), advisor::pack::builtin().fingerprint);
}

#[test]
fn completion_offers_languages_and_answers() {
    let bash = Test::new().args(&["completions", "bash"]).run().stdout;
    assert!(bash.contains("elixir") && !bash.contains("golang"), "language ids, not aliases");
    assert!(bash.contains("shape=realtime_fanout"), "--set offers question=option pairs");
}

#[test]
fn man_pages_exist_for_every_page_the_main_page_names() {
    let test = Test::new();
    let out = test.run_with(&["man", "--dir", "man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let main = std::fs::read_to_string(test.path().join("man/advisor.1")).unwrap();
    for page in
        ["advisor-recommend", "advisor-check", "advisor-rules", "advisor-rules-list", "advisor-questions"]
    {
        assert!(test.path().join(format!("man/{page}.1")).is_file(), "{page}.1 missing");
    }
    for named in main.split("SEE ALSO").nth(1).unwrap_or("").split_whitespace() {
        if let Some(page) = named.strip_prefix("\\fB").and_then(|n| n.split("\\fR").next()) {
            let page = page.trim_end_matches("(1)");
            assert!(
                test.path().join(format!("man/{page}.1")).is_file(),
                "SEE ALSO names {page} which is missing"
            );
        }
    }
    let again = test.run_with(&["man", "--dir", "man"]);
    assert_eq!(again.code, 2, "never overwrites without --force");
    assert!(again.stderr.contains("--force"));
    assert_eq!(test.run_with(&["man", "--dir", "man", "--force"]).code, 0);
}

#[test]
fn help_ends_with_examples_and_keeps_colour_short() {
    for command in
        ["recommend", "ask", "check", "explain", "export", "questions", "languages", "init", "schema", "man"]
    {
        let out = Test::new().args(&[command, "--help"]).run();
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("\nExample"), "{command}: no examples");
        assert!(!out.stdout.contains("contract"), "{command}: internal words");
        assert!(!out.stdout.contains("examples/"), "{command}: points at a folder users do not have");
        let color = out.stdout.find("--color").expect("--color listed");
        let own = out.stdout.find("-h, --help").expect("--help listed");
        let end = out.stdout[color..].find("[default: auto]").expect("default shown") + color;
        assert!(own < color, "{command}: --color comes after the command's own options");
        assert!(out.stdout[color..end].lines().count() <= 4, "{command}: --color is one short entry");
    }
}

#[test]
fn mistakes_a_newcomer_makes_name_the_fix() {
    let chat = example("realtime-chat.toml");
    let test = Test::new().file("advisor.toml", &chat).file("game.toml", &chat);
    // The language forgotten: the file is taken for it.
    let swapped = test.run_with(&["explain", "game.toml"]);
    assert_eq!(swapped.code, 2);
    assert!(
        swapped.stderr.contains("is a file, not a language")
            && swapped.stderr.contains("advisor explain go game.toml"),
        "{}",
        swapped.stderr
    );
    // --set without FILE scores the flags alone, and says how to change ./advisor.toml instead.
    let what_if = test.run_with(&["recommend", "--set", "latency=hard_realtime"]);
    assert_eq!(what_if.code, 2);
    assert!(
        what_if.stderr.contains("name it: `advisor recommend advisor.toml --set ...`"),
        "{}",
        what_if.stderr
    );
    // A missing file names the next step.
    let missing = test.run_with(&["recommend", "nope.toml"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("`advisor ask`") && missing.stderr.contains("`advisor init`"),
        "{}",
        missing.stderr
    );
}

#[test]
fn records_and_reports_say_where_the_answers_came_from() {
    let chat = example("realtime-chat.toml");
    let test = Test::new().file("game.toml", &chat).stdin(&chat);
    let piped = test.run_with(&["export", "-"]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(piped.stdout.contains("`advisor check advisor.toml`"), "CI checks a file, not <stdin>");
    assert!(
        piped.stdout.contains("The answers came from standard input; saved as `advisor.toml`"),
        "{}",
        piped.stdout
    );
    assert!(!piped.stdout.contains("<stdin>"));
    let set = test.run_with(&["export", "game.toml", "--set", "latency=hard_realtime"]);
    assert!(set.stdout.contains("from `game.toml` with --set latency"), "{}", set.stdout);
    let explained = json(
        &test.run_with(&["explain", "go", "game.toml", "--set", "latency=normal", "--format", "json"]).stdout,
    );
    assert_eq!(explained["answers_from_flags"], serde_json::json!(["latency"]));
    assert_eq!(explained["advisor"]["version"], env!("CARGO_PKG_VERSION"));
    let checked = test.run_with(&["check", "game.toml", "--set", "latency=normal", "--format", "json"]);
    assert_eq!(json(&checked.stdout)["answers_from_flags"], serde_json::json!(["latency"]));
    let text = test.run_with(&["check", "game.toml", "--set", "latency=normal"]);
    assert!(text.stdout.contains("Answers set with --set: latency = normal."), "{}", text.stdout);
}
