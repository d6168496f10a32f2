//! A Markdown report: the ranking, every reason and caveat with its source, the exclusions
//! and the answers. (The full decision record is `advisor export`.)

use super::{Context, cell, score_table, signed};
use crate::engine::Evaluation;
use crate::model::QuestionIdx;
use std::fmt::Write as _;

/// The whole Markdown report.
pub fn render(ctx: &Context<'_>, evaluation: &Evaluation<'_>) -> String {
    debug_assert!(ctx.pack.is_markdown_safe(), "Markdown is rendered from Pack::for_markdown");
    let pack = ctx.pack;
    let mut out = String::new();
    let _ = writeln!(out, "# Backend language recommendation\n");
    let shape = pack.question("shape").map(|q| ctx.answer_labels(q)).unwrap_or_default();
    let _ = writeln!(
        out,
        "Answers from {}; dominant concurrency shape: **{shape}**. Rule pack `{}`.\n",
        crate::safe::code_span(&ctx.source),
        pack.fingerprint
    );
    if let Some(line) = ctx.flags_line() {
        let _ = writeln!(out, "{line}\n");
    }
    if let Some(line) = ctx.packs.and_then(crate::pack::PackSet::describe) {
        let _ = writeln!(out, "{}\n", crate::safe::markdown(&line));
    }
    let shown = ctx.shown(evaluation.ranking.len());

    out.push_str("## Ranking\n\n");
    if shown == 0 {
        out.push_str("Every language is excluded by these answers.\n\n");
    } else {
        out.push_str(&score_table(pack, &evaluation.ranking[..shown], false));
        out.push('\n');
        for sentence in super::verdict(pack, evaluation) {
            let _ = writeln!(out, "{sentence}\n");
        }
        for note in super::adjustment_notes(pack, evaluation) {
            let _ = writeln!(out, "> Note: {note}\n");
        }
        out.push_str(
            "Score = 100 / (1 + e^(-points/25)): 50 means no evidence either way; it measures the \
             weight of evidence, not a probability. Points are the sum of the rules below.\n\n",
        );
    }

    out.push_str("## How robust is this?\n\n");
    let (summary, flips) = super::robustness(pack, evaluation, ctx.what_if);
    let _ = writeln!(out, "{summary}\n");
    for line in &flips {
        let _ = writeln!(out, "- {line}");
    }
    if !flips.is_empty() {
        out.push('\n');
    }

    for r in &evaluation.ranking[..shown] {
        let lang = &pack.languages[r.language];
        let _ = writeln!(out, "## {}. {} ({:.1})\n", r.rank, lang.name, r.score);
        if !r.unmet.is_empty() {
            out.push_str("### Misses a hard requirement\n\n");
            for u in &r.unmet {
                let _ =
                    writeln!(out, "- **{}**: {} _({}; requirement `{}`)_", u.title, u.reason, u.source, u.id);
            }
            out.push('\n');
        }
        out.push_str("### Reasons\n\n");
        if r.reasons.is_empty() {
            out.push_str("No rule fired for this language.\n");
        }
        // Pros strongest first, then cons strongest first.
        let pros = r.reasons.iter().filter(|x| x.points > 0.0);
        let cons = r.reasons.iter().rev().filter(|x| x.points < 0.0);
        for reason in pros.chain(cons) {
            let note = super::limit_note(reason).map_or(String::new(), |n| format!("; {n}"));
            let _ = writeln!(
                out,
                "- **{}** {} _({}; rule `{}`{note})_",
                signed(reason.points),
                reason.text(),
                reason.sources(),
                reason.rule.id
            );
        }
        for reason in &r.set_aside {
            let _ = writeln!(
                out,
                "- ~~{}~~ {} _({}; rule `{}`; {})_",
                signed(reason.written),
                reason.rule.reason,
                reason.rule.source,
                reason.rule.id,
                super::limit_note(reason).unwrap_or_default()
            );
        }
        out.push_str("\n### Caveats\n\n");
        let caveats = crate::engine::caveats_apart(&r.caveats, &r.reasons);
        if caveats.is_empty() {
            out.push_str(if r.caveats.is_empty() {
                "None recorded.\n"
            } else {
                "None apart from those given with the reasons above.\n"
            });
        }
        for c in &caveats {
            let _ = writeln!(out, "- {} _({})_", c.text, c.source);
        }
        out.push('\n');
    }
    if shown < evaluation.ranking.len() {
        let _ = writeln!(out, "{} more ranked languages are not shown.\n", evaluation.ranking.len() - shown);
    }

    if !evaluation.excluded.is_empty() {
        out.push_str("## Excluded\n\n");
        // One line per knock-out, naming every language it excludes.
        for (e, languages) in super::knockouts(evaluation) {
            let names: Vec<String> =
                languages.iter().map(|&l| format!("**{}**", pack.languages[l].name)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let _ = writeln!(out, "- {}: {} _({})_", super::in_words(&names), e.reason, e.source);
        }
        out.push('\n');
    }

    out.push_str("## Answers\n\n| Question | Answer | Source |\n|---|---|---|\n");
    for (i, q) in pack.questions.iter().enumerate() {
        let ids = ctx.answer_ids(QuestionIdx::new(i));
        let from = if ctx.file.given[i] { "given" } else { "default" };
        let answer = if ids.is_empty() {
            "none".to_string()
        } else {
            format!("{} (`{}`)", cell(&ctx.answer_labels(QuestionIdx::new(i))), ids.join("`, `"))
        };
        let _ = writeln!(out, "| {} | {answer} | {from} |", cell(&q.prompt));
    }
    out
}
