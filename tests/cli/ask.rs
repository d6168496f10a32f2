//! `advisor ask` end to end: the real binary in a pseudo-terminal, answered with keystrokes
//! (arrows, space, Enter, Esc, Ctrl-C); the saved file is checked with the scorer.

use crate::Test;
use rexpect::ReadUntil;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const SPACE: &str = " ";

/// Starts `advisor ask ARGS` in a 100x50 pseudo-terminal in `dir`.
fn start(dir: &Path, args: &str) -> PtySession {
    start_in(dir, args, 100)
}

/// Starts `advisor ask ARGS` in a pseudo-terminal `cols` wide and 50 rows high.
fn start_in(dir: &Path, args: &str, cols: u16) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols {cols} rows 50; exec '{}' ask {args}", env!("CARGO_BIN_EXE_advisor")))
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color")
        .env("SOURCE_DATE_EPOCH", "1795219200");
    spawn_command(cmd, Some(15_000)).expect("spawn advisor ask in a pty")
}

/// Sends keys one by one (a lone Esc must not merge with the next key), then waits for `next`;
/// returns what the terminal showed on the way.
fn keys(p: &mut PtySession, keys: &[&str], next: &str) -> String {
    for k in keys {
        p.send(k).expect("send key");
        p.flush().expect("flush");
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    let read = p.exp_string(next).unwrap_or_else(|e| panic!("waiting for {next:?} after {keys:?}: {e}"));
    utf8(&read)
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("advisor ask ended with {other:?}"),
    }
}

fn table(value: &toml::Value, key: &str) -> toml::Table {
    value[key].as_table().cloned().unwrap_or_default()
}

/// rexpect hands over each byte as a char; put the UTF-8 back together.
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The ranked language names of a table report, in order.
/// The language names of the compact ranking `ask` prints last: `  1. Elixir   94.7  +72`.
fn compact_names(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|line| {
            let (rank, rest) = line.trim().split_once(". ")?;
            rank.parse::<u32>().ok()?;
            Some(rest.split("  ").next()?.trim().to_string())
        })
        .collect()
}

fn ranked_names(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(['│', '┆']).map(str::trim).collect();
            (cells.len() > 3 && cells[1].parse::<u32>().is_ok()).then(|| cells[2].to_string())
        })
        .collect()
}

#[test]
fn answering_going_back_reviewing_and_saving() {
    let test = Test::new();
    let mut p = start(test.path(), "--save chat.toml");
    p.exp_string("(1/17)").unwrap();
    // Dominant shape, required: Enter alone answers nothing (the cursor is on a line that is
    // not an option); then realtime fan-out, the sixth option below it.
    keys(&mut p, &[ENTER], "This question needs an answer");
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER], "(2/17)");
    // Secondary shapes: toggle the first (idle connections), accept.
    keys(&mut p, &[SPACE, ENTER], "(3/17)");
    // Esc goes back to the secondary shapes, which keep their selection; add stateful workers.
    keys(&mut p, &[ESC], "(2/17)");
    keys(&mut p, &[DOWN, DOWN, SPACE, ENTER], "(3/17)");
    // Tasks: I/O-bound (the first option, below the unanswered line). Process scale: millions
    // (first; the cursor starts on unsure).
    keys(&mut p, &[DOWN, ENTER], "(4/17)");
    keys(&mut p, &[UP, UP, ENTER], "(5/17)");
    // Failure recovery: the runtime (first; cursor on unsure).
    keys(&mut p, &[UP, UP, UP, ENTER], "(6/17)");
    // Every other question keeps its default.
    for n in 7..=17 {
        keys(&mut p, &[ENTER], &format!("({n}/17)"));
    }
    keys(&mut p, &[ENTER], "Review your answers");
    // Change the delivery pressure from the review screen: it is the 13th row, counting Confirm.
    let mut to_row: Vec<&str> = vec![DOWN; 12];
    to_row.push(ENTER);
    keys(&mut p, &to_row, "How much delivery pressure is there?");
    keys(&mut p, &[UP, ENTER], "Review your answers");
    keys(&mut p, &[ENTER], "Saved chat.toml");
    // The ranking comes after the save, so its top stays on the screen.
    let output = utf8(&p.exp_eof().unwrap_or_default());
    assert_eq!(exit_code(&p), 0, "{output}");
    assert!(
        output.contains("The whole report, every language with every reason: advisor recommend chat.toml"),
        "{output}"
    );

    let saved = std::fs::read_to_string(test.path().join("chat.toml")).unwrap();
    assert!(saved.starts_with("# advisor answers file, written by advisor"), "{saved}");
    assert!(saved.contains("on 2026-11-21."), "the header carries the date");
    let doc: toml::Value = toml::from_str(&saved).unwrap();
    let answers = table(&doc, "answers");
    assert_eq!(answers["shape"].as_str(), Some("realtime_fanout"));
    let secondary: Vec<&str> =
        answers["secondary_shapes"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(secondary, ["idle_connections", "stateful_workers"]);
    assert_eq!(answers["task_nature"].as_str(), Some("io_bound"));
    assert_eq!(answers["process_scale"].as_str(), Some("millions"));
    assert_eq!(answers["failure_recovery"].as_str(), Some("runtime"));
    assert_eq!(answers["delivery_pressure"].as_str(), Some("tight"));
    assert_eq!(answers["static_typing"].as_str(), Some("indifferent"));

    // The saved file scores, and recommend ranks it as ask showed it.
    let out =
        Test::new().args(&["recommend", "--answers", test.path().join("chat.toml").to_str().unwrap()]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown_by_ask = compact_names(&output);
    assert_eq!(shown_by_ask.len(), 5, "ask printed the top five:\n{output}");
    assert_eq!(shown_by_ask, ranked_names(&out.stdout)[..5]);
    assert_eq!(shown_by_ask[0], "Elixir");
}

#[test]
fn ctrl_c_exits_130_and_writes_nothing() {
    let test = Test::new();
    let mut p = start(test.path(), "--save out.toml");
    p.exp_string("(1/17)").unwrap();
    keys(&mut p, &[DOWN, ENTER], "(2/17)");
    p.send_control('c').unwrap();
    let output = p.exp_eof().unwrap_or_default();
    assert_eq!(exit_code(&p), 130, "{output}");
    assert!(output.contains("cancelled: nothing was written"), "{output}");
    assert_eq!(std::fs::read_dir(test.path()).unwrap().count(), 0, "no file appeared");
}

#[test]
fn a_pre_filled_file_is_edited_and_keeps_its_decision() {
    pre_fill_and_save("team.toml", "--answers team.toml");
}

#[test]
fn the_file_to_pre_fill_is_named_like_every_command_names_it() {
    pre_fill_and_save("team.toml", "team.toml");
    pre_fill_and_save("advisor.toml", "");
}

/// Opens `name` (an existing answers file with a decision) with `args`, walks every question
/// with Enter, saves over it, and checks answers and decision survive.
fn pre_fill_and_save(name: &str, args: &str) {
    let original = crate::example("enterprise-backend.toml");
    let test = Test::new().file(name, &original);
    let mut p = start(test.path(), args);
    p.exp_string(&format!("from {name};")).unwrap();
    // Only the questions the file leaves unanswered are asked, each keeping its default: every
    // new prompt draws its key hints once, and Enter accepts it.
    loop {
        let hints = ReadUntil::String("ctrl-c cancel]".into());
        let (_, seen) = p.exp_any(vec![ReadUntil::String("Review your answers".into()), hints]).unwrap();
        if seen.contains("Review") {
            break;
        }
        p.send(ENTER).unwrap();
        p.flush().unwrap();
    }
    keys(&mut p, &[ENTER], "Save these answers?");
    keys(&mut p, &[ENTER], "Save to");
    // The offered path is the pre-filled file, which exists: replacing it needs a yes.
    keys(&mut p, &[ENTER], &format!("{name} exists. Replace it?"));
    keys(&mut p, &["y", ENTER], &format!("Saved {name}"));
    let output = p.exp_eof().unwrap_or_default();
    assert_eq!(exit_code(&p), 0, "{output}");

    let before: toml::Value = toml::from_str(&original).unwrap();
    let after: toml::Value =
        toml::from_str(&std::fs::read_to_string(test.path().join(name)).unwrap()).unwrap();
    for (key, value) in table(&before, "answers") {
        // production_runtime was single-choice: a string now reads, and saves, as a list of one.
        let value = match value {
            toml::Value::String(s) if key == "production_runtime" => toml::Value::Array(vec![s.into()]),
            other => other,
        };
        assert_eq!(table(&after, "answers").get(&key), Some(&value), "answer {key}");
    }
    let decision = table(&after, "decision");
    assert_eq!(decision["language"].as_str(), Some("java"));
    assert_eq!(decision["status"].as_str(), Some("accepted"));
    assert_eq!(decision["date"].as_str(), Some("2026-09-01"));
    assert_eq!(decision["deciders"].as_array().map(Vec::len), Some(1));
}

#[test]
fn declining_to_replace_keeps_the_old_file_and_saves_elsewhere() {
    let test = Test::new().file("advisor.toml", "# the team's file\n");
    let mut p = start(test.path(), "--save advisor.toml");
    p.exp_string("Pre-filled 0 answers from advisor.toml").unwrap();
    p.exp_string("(1/17)").unwrap();
    keys(&mut p, &[DOWN, ENTER], "(2/17)");
    keys(&mut p, &[ENTER], "(3/17)");
    keys(&mut p, &[DOWN, ENTER], "(4/");
    for n in 5..=17 {
        keys(&mut p, &[ENTER], &format!("({n}/"));
    }
    keys(&mut p, &[ENTER], "Review your answers");
    keys(&mut p, &[ENTER], "advisor.toml exists. Replace it?");
    keys(&mut p, &["n", ENTER], "Save to another file");
    keys(&mut p, &["mine.toml", ENTER], "Saved mine.toml");
    let output = p.exp_eof().unwrap_or_default();
    assert_eq!(exit_code(&p), 0, "{output}");
    assert_eq!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), "# the team's file\n");
    assert!(test.path().join("mine.toml").exists());
}

#[test]
fn without_a_terminal_ask_exits_2_at_once() {
    let out = Test::new().args(&["ask"]).run();
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("ask_without_terminal", out.stderr);
}

#[test]
fn the_starter_of_init_opens_and_its_empty_answers_are_asked() {
    // `advisor init` writes a starter whose required answers are still empty.
    let test = Test::new();
    assert_eq!(test.run_with(&["init"]).code, 0);
    let mut p = start(test.path(), "");
    p.exp_string("Pre-filled 15 answers from advisor.toml; 2 questions left to answer.").unwrap();
    p.exp_string("advisor.toml:19:9: `shape` is not answered yet").unwrap();
    p.exp_string("advisor.toml:38:15: `task_nature` is not answered yet").unwrap();
    p.exp_string("(1/17)").unwrap();
    // Only the two required answers are asked: CPU-bound parallel work, then CPU-bound tasks.
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, DOWN, ENTER], "(3/15)");
    keys(&mut p, &[DOWN, DOWN, ENTER], "Review your answers");
    keys(&mut p, &[ENTER], "Save these answers?");
    keys(&mut p, &[ENTER], "Save to");
    keys(&mut p, &[ENTER], "advisor.toml exists. Replace it?");
    let output = keys(&mut p, &["y", ENTER], "Saved advisor.toml");
    p.exp_eof().unwrap_or_default();
    assert_eq!(exit_code(&p), 0, "{output}");
    let scored = test.run_with(&["recommend", "--format", "json"]);
    assert_eq!(scored.code, 0, "the saved starter scores: {}", scored.stderr);
    let report: serde_json::Value = serde_json::from_str(&scored.stdout).unwrap();
    assert_eq!(report["ranking"][0]["language"], "rust");

    // Asked again, the complete file opens on the review screen.
    let mut p = start(test.path(), "");
    p.exp_string("advisor.toml answers every question").unwrap();
    p.exp_string("Review your answers").unwrap();
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn enter_alone_does_not_answer_a_required_question() {
    let test = Test::new();
    let mut p = start(test.path(), "--save out.toml");
    p.exp_string("(1/17)").unwrap();
    keys(&mut p, &[ENTER], "This question needs an answer");
    keys(&mut p, &[ENTER], "This question needs an answer");
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn at_60_columns_every_option_description_is_whole_and_lines_break_between_words() {
    let test = Test::new();
    let mut p = start_in(test.path(), "--save out.toml", 60);
    let shown = utf8(&p.exp_string("(1/17) Dominant concurrency shape").unwrap());
    let pack = advisor::pack::builtin();
    let shape = &pack.questions[pack.question("shape").unwrap()];
    // Every description is printed whole above the list (wrapped), so its last words show.
    for option in shape.options.iter() {
        let words: Vec<&str> = option.description.split_whitespace().collect();
        let tail = words[words.len().saturating_sub(2)..].join(" ");
        let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&tail), "{:?} not shown whole:\n{shown}", option.id);
    }
    // The list shows labels alone, and nothing is cut with an ellipsis.
    assert!(!shown.contains('…'), "{shown}");
    // The question itself wraps at word boundaries.
    for line in shown.lines().filter(|l| l.contains("dominant concurrency")) {
        assert!(!line.trim_end().ends_with('-'));
    }
    keys(&mut p, &[ESC], "there is nothing before it");
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn esc_at_save_returns_to_the_review_with_every_answer_kept() {
    // The starter of `advisor init` with its two required answers filled is complete.
    let test = Test::new();
    assert_eq!(test.run_with(&["init"]).code, 0);
    let starter = std::fs::read_to_string(test.path().join("advisor.toml")).unwrap();
    let complete = starter
        .replace("shape = \"\"", "shape = \"realtime_fanout\"")
        .replace("task_nature = \"\"", "task_nature = \"io_bound\"");
    std::fs::write(test.path().join("advisor.toml"), complete).unwrap();
    let mut p = start(test.path(), "");
    p.exp_string("advisor.toml answers every question").unwrap();
    p.exp_string("Review your answers").unwrap();
    keys(&mut p, &[ENTER], "Save these answers?");
    keys(&mut p, &[ESC], "Review your answers");
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    assert_eq!(exit_code(&p), 130);
}

#[test]
fn a_file_with_bad_and_unknown_answers_keeps_what_is_usable() {
    let text = "version = 1\n[answers]\nteam_size = 4\nshape = \"realtim\"\ntask_nature = \"io_bound\"\nproduct_needs = [\"realtime_browser\", \"queus\"]\n";
    let test = Test::new().file("advisor.toml", text);
    let mut p = start(test.path(), "");
    // In line order: the unknown question, the bad shape, the bad list item.
    let shown = utf8(&p.exp_string("(1/").unwrap());
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    let unknown = flat.find("`team_size` is not a question of this pack").expect(&flat);
    let shape = flat.find("unknown option \"realtim\" for `shape`").expect(&flat);
    let queues = flat.find("\"queus\"").expect(&flat);
    assert!(unknown < shape && shape < queues, "{flat}");
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    // The valid half of the list is kept: checked on the flow's own terms.
    let pack = advisor::pack::builtin();
    let prefill = advisor::answers::prefill("a.toml", text, advisor::answers::Format::Toml, &pack).unwrap();
    let needs = pack.question("product_needs").unwrap();
    let kept: Vec<&str> = prefill.values[needs.get()]
        .expect("realtime_browser is kept")
        .iter()
        .map(|o| pack.questions[needs].options[o].id.as_ref())
        .collect();
    assert_eq!(kept, ["realtime_browser"]);
}
