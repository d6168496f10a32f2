//! Benchmarks: `cargo bench`. Loading the built-in pack (generated, and from its YAML), scoring, what-if and
//! rendering one answers file, and synthetic packs of 1k, 10k and 100k rules to show that the
//! cost of loading and scoring grows linearly with the number of rules.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use advisor::answers::{self, AnswersFile, Format};
use advisor::engine;
use advisor::model::Kind;
use advisor::pack::{self, Pack, PackFile};
use advisor::report::{self, Context};
use divan::Bencher;
use std::fmt::Write as _;

fn main() {
    divan::main();
}

fn chat(pack: &Pack) -> AnswersFile {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml")).unwrap();
    answers::parse("realtime-chat.toml", &text, Format::Toml, pack).unwrap()
}

/// The built-in pack as every run without team packs gets it: made by the code build.rs
/// generated, with no parsing and no checks.
#[divan::bench]
fn load_builtin_pack() -> Pack {
    pack::builtin()
}

/// The built-in pack built from its YAML, parsed and checked: what a run with team packs does
/// before adding theirs.
#[divan::bench(sample_count = 20)]
fn build_builtin_pack_from_yaml() -> Pack {
    pack::build(divan::black_box(&pack::builtin_files())).unwrap()
}

#[divan::bench]
fn parse_answers_file(bencher: Bencher) {
    let pack = pack::builtin();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml")).unwrap();
    bencher.bench(|| answers::parse("f.toml", divan::black_box(&text), Format::Toml, &pack).unwrap());
}

#[divan::bench]
fn score(bencher: Bencher) {
    let pack = pack::builtin();
    let file = chat(&pack);
    bencher.bench(|| engine::evaluate(&pack, divan::black_box(&file.answers)).ranking.len());
}

#[divan::bench]
fn what_if(bencher: Bencher) {
    let pack = pack::builtin();
    let file = chat(&pack);
    bencher.bench(|| engine::what_if(&pack, divan::black_box(&file.answers)).flips.len());
}

#[divan::bench(args = ["table", "json", "markdown"])]
fn render(bencher: Bencher, format: &str) {
    // Markdown renders from the copy of the pack made safe for it, as `recommend` does.
    let builtin = pack::builtin();
    let pack = if format == "markdown" { builtin.for_markdown() } else { builtin };
    let file = chat(&pack);
    let evaluation = engine::evaluate(&pack, &file.answers);
    let what_if = engine::what_if(&pack, &file.answers);
    let ctx = Context {
        pack: &pack,
        file: &file,
        source: "realtime-chat.toml".into(),
        top: None,
        all: false,
        color: false,
        width: 100,
        what_if: &what_if,
        packs: None,
    };
    bencher.bench(|| {
        let mut out = String::new();
        match format {
            "table" => report::table::render(&ctx, &evaluation, &mut out).unwrap(),
            "json" => out = report::json::report(&pack, &evaluation, &what_if, &[], None).unwrap(),
            _ => report::markdown::render(&ctx, &evaluation, &mut out).unwrap(),
        }
        out
    });
}

/// A pack with the built-in languages, sources and questions and `n` generated rules, each
/// reading one to three questions and giving points to one to three languages.
fn synthetic(n: usize) -> Vec<PackFile> {
    let base = pack::builtin();
    let mut files: Vec<PackFile> =
        pack::builtin_files().into_iter().filter(|f| !f.name.contains("/rules/")).collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % bound as u64).unwrap()
    };
    let mut yaml = String::from("rules:\n");
    for i in 0..n {
        let mut when = Vec::new();
        for _ in 0..=next(3) {
            let q = &base.questions[next(base.questions.len())];
            let option = &q.options[next(q.options.len())].id;
            when.push(format!("{}: {option}", q.id));
        }
        let mut points = Vec::new();
        for _ in 0..=next(3) {
            let language = &base.languages[next(base.languages.len())].id;
            if !points.iter().any(|p: &String| p.starts_with(&format!("{language}:"))) {
                points.push(format!("{language}: {}", i64::try_from(next(21)).unwrap() - 10));
            }
        }
        let points: Vec<String> = points.into_iter().filter(|p| !p.ends_with(": 0")).collect();
        if points.is_empty() {
            continue;
        }
        let _ = writeln!(
            yaml,
            "  - id: synthetic-{i}\n    when: {{all: [{{{}}}]}}\n    points: {{{}}}\n    reason: Synthetic rule {i}\n    source: 000 / Practical Default",
            when.join("}, {"),
            points.join(", ")
        );
    }
    files.push(PackFile::new("synthetic/rules/synthetic.yaml", yaml));
    // Sanity: the generated pack is valid and has the rules asked for (give or take empty ones).
    assert!(base.questions.iter().any(|q| q.kind == Kind::Multi));
    files
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn load_synthetic_pack(bencher: Bencher, rules: usize) {
    let files = synthetic(rules);
    bencher.bench(|| pack::build(divan::black_box(&files)).unwrap().rules().len());
}

#[divan::bench(args = [1_000, 10_000, 100_000])]
fn score_synthetic_pack(bencher: Bencher, rules: usize) {
    let pack = pack::build(&synthetic(rules)).unwrap();
    let file = chat(&pack);
    bencher.bench(|| engine::evaluate(&pack, divan::black_box(&file.answers)).ranking.len());
}

#[divan::bench(args = [1_000, 10_000, 100_000])]
fn rank_1_synthetic_pack(bencher: Bencher, rules: usize) {
    let pack = pack::build(&synthetic(rules)).unwrap();
    let file = chat(&pack);
    bencher.bench(|| engine::top(&pack, divan::black_box(&file.answers)));
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn what_if_synthetic_pack(bencher: Bencher, rules: usize) {
    let pack = pack::build(&synthetic(rules)).unwrap();
    let file = chat(&pack);
    bencher.bench(|| engine::what_if(&pack, divan::black_box(&file.answers)).tried);
}

/// Reading the command line, as every run does first.
#[divan::bench]
fn parse_command_line() -> usize {
    use clap::Parser as _;
    let cli = advisor::cli::Cli::try_parse_from(divan::black_box([
        "advisor",
        "recommend",
        "--answers",
        "examples/realtime-chat.toml",
    ]))
    .unwrap();
    std::mem::size_of_val(&cli)
}

/// A whole `advisor recommend` inside the process: everything but starting the process.
#[divan::bench(args = ["table", "json"])]
fn run_recommend(format: &str) -> Vec<u8> {
    let answers = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = advisor::Io {
        stdout: &mut out,
        stderr: &mut err,
        stdin: &mut std::io::empty(),
        stdin_is_terminal: false,
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        no_color: true,
        width: 100,
    };
    let code = advisor::run(["advisor", "recommend", "--answers", answers, "--format", format], &mut io);
    assert_eq!(code, 0);
    out
}
