//! Benchmarks: `cargo bench`. Loading and checking the built-in pack, scoring, what-if and
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

#[divan::bench]
fn load_builtin_pack() -> Pack {
    pack::build(divan::black_box(&pack::builtin_files())).unwrap()
}

#[divan::bench]
fn parse_answers_file(bencher: Bencher) {
    let pack = pack::builtin().unwrap();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml")).unwrap();
    bencher.bench(|| answers::parse("f.toml", divan::black_box(&text), Format::Toml, &pack).unwrap());
}

#[divan::bench]
fn score(bencher: Bencher) {
    let pack = pack::builtin().unwrap();
    let file = chat(&pack);
    bencher.bench(|| engine::evaluate(&pack, divan::black_box(&file.answers)).ranking.len());
}

#[divan::bench]
fn what_if(bencher: Bencher) {
    let pack = pack::builtin().unwrap();
    let file = chat(&pack);
    bencher.bench(|| engine::what_if(&pack, divan::black_box(&file.answers)).flips.len());
}

#[divan::bench(args = ["table", "json", "markdown"])]
fn render(bencher: Bencher, format: &str) {
    // Markdown renders from the copy of the pack made safe for it, as `recommend` does.
    let builtin = pack::builtin().unwrap();
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
    bencher.bench(|| match format {
        "table" => report::table::render(&ctx, &evaluation),
        "json" => report::json::report(&pack, &evaluation, &what_if, &[], None),
        _ => report::markdown::render(&ctx, &evaluation),
    });
}

/// A pack with the built-in languages, sources and questions and `n` generated rules, each
/// reading one to three questions and giving points to one to three languages.
fn synthetic(n: usize) -> Vec<PackFile> {
    let base = pack::builtin().unwrap();
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
    files.push(PackFile { name: "synthetic/rules/synthetic.yaml".into(), text: yaml, json: None });
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
