//! A Markdown report: the ranking, every reason and caveat with its source, the exclusions
//! and the answers. (The full decision record is `advisor export`.)

use super::{Context, cell, score_table, signed};
use crate::engine::{Evaluation, Ranked};
use crate::model::QuestionIdx;
use std::fmt;

/// The whole Markdown report.
pub fn render(ctx: &Context<'_>, evaluation: &Evaluation<'_>, out: &mut impl fmt::Write) -> fmt::Result {
    debug_assert!(ctx.pack.is_markdown_safe(), "Markdown is rendered from Pack::for_markdown");
    head(out, ctx)?;
    let shown = ctx.shown(evaluation.ranking.len());
    ranking(out, ctx, evaluation, shown)?;
    robustness(out, ctx, evaluation)?;
    for r in &evaluation.ranking[..shown] {
        language(out, ctx, r)?;
    }
    if shown < evaluation.ranking.len() {
        writeln!(out, "{} more ranked languages are not shown.\n", evaluation.ranking.len() - shown)?;
    }
    excluded(out, ctx, evaluation)?;
    answers(out, ctx)
}

/// The title, where the answers come from with the answer to the pack's defining question, the
/// rule pack, `--set` answers and team packs.
fn head(out: &mut impl fmt::Write, ctx: &Context<'_>) -> fmt::Result {
    let pack = ctx.pack;
    writeln!(out, "# Backend language recommendation\n")?;
    let defining = super::defining_question(pack).map_or(String::new(), |q| {
        let title = super::madr::mid_sentence_in(pack, &pack.questions[q].title);
        format!("; {title}: **{}**", ctx.answer_labels(q))
    });
    writeln!(
        out,
        "Answers from {}{defining}. Rule pack `{}`.\n",
        crate::safe::code_span(&ctx.source),
        pack.fingerprint
    )?;
    if let Some(line) = ctx.flags_line() {
        writeln!(out, "{line}\n")?;
    }
    if let Some(line) = ctx.packs.and_then(crate::pack::PackSet::describe) {
        writeln!(out, "{}\n", crate::safe::markdown(&line))?;
    }
    Ok(())
}

/// The Ranking section: the score table of the languages shown, the verdict and notes.
fn ranking(
    out: &mut impl fmt::Write,
    ctx: &Context<'_>,
    evaluation: &Evaluation<'_>,
    shown: usize,
) -> fmt::Result {
    out.write_str("## Ranking\n\n")?;
    if shown == 0 {
        return out.write_str("Every language is excluded by these answers.\n\n");
    }
    score_table(out, ctx.pack, &evaluation.ranking[..shown], false)?;
    out.write_char('\n')?;
    for sentence in super::verdict(ctx.pack, evaluation) {
        writeln!(out, "{sentence}\n")?;
    }
    for note in super::adjustment_notes(ctx.pack, evaluation) {
        writeln!(out, "> Note: {note}\n")?;
    }
    out.write_str(
        "Score = 100 / (1 + e^(-points/25)): 50 means no evidence either way; it measures the \
         weight of evidence, not a probability. Points are the sum of the rules below.\n\n",
    )
}

/// The robustness section: the single-answer changes that would change rank 1.
fn robustness(out: &mut impl fmt::Write, ctx: &Context<'_>, evaluation: &Evaluation<'_>) -> fmt::Result {
    out.write_str("## How robust is this?\n\n")?;
    let (summary, flips) = super::robustness(ctx.pack, evaluation, ctx.what_if);
    writeln!(out, "{summary}\n")?;
    for line in &flips {
        writeln!(out, "- {line}")?;
    }
    if !flips.is_empty() {
        out.write_char('\n')?;
    }
    Ok(())
}

/// One ranked language: missed requirements, reasons (and those set aside), caveats.
fn language(out: &mut impl fmt::Write, ctx: &Context<'_>, r: &Ranked<'_>) -> fmt::Result {
    let lang = &ctx.pack.languages[r.language];
    writeln!(out, "## {}. {} ({:.1})\n", r.rank, lang.name, r.score)?;
    if !r.unmet.is_empty() {
        out.write_str("### Misses a hard requirement\n\n")?;
        for u in &r.unmet {
            writeln!(out, "- **{}**: {} _({}; requirement `{}`)_", u.title, u.reason, u.source, u.id)?;
        }
        out.write_char('\n')?;
    }
    out.write_str("### Reasons\n\n")?;
    if r.reasons.is_empty() {
        out.write_str("No rule fired for this language.\n")?;
    }
    // Pros strongest first, then cons strongest first.
    let pros = r.reasons.iter().filter(|x| x.points > 0.0);
    let cons = r.reasons.iter().rev().filter(|x| x.points < 0.0);
    for reason in pros.chain(cons) {
        let note = super::limit_note(reason).map_or(String::new(), |n| format!("; {n}"));
        writeln!(
            out,
            "- **{}** {} _({}; rule `{}`{note})_",
            signed(reason.points),
            reason.text(),
            reason.sources(),
            reason.rule.id
        )?;
    }
    for reason in &r.set_aside {
        writeln!(
            out,
            "- ~~{}~~ {} _({}; rule `{}`; {})_",
            signed(reason.written),
            reason.rule.reason,
            reason.rule.source,
            reason.rule.id,
            super::limit_note(reason).unwrap_or_default()
        )?;
    }
    out.write_str("\n### Caveats\n\n")?;
    let caveats = crate::engine::caveats_apart(&r.caveats, &r.reasons);
    if caveats.is_empty() {
        out.write_str(if r.caveats.is_empty() {
            "None recorded.\n"
        } else {
            "None apart from those given with the reasons above.\n"
        })?;
    }
    for c in &caveats {
        writeln!(out, "- {} _({})_", c.text, c.source)?;
    }
    out.write_char('\n')
}

/// The Excluded section, one line per knock-out naming every language it excludes.
fn excluded(out: &mut impl fmt::Write, ctx: &Context<'_>, evaluation: &Evaluation<'_>) -> fmt::Result {
    if evaluation.excluded.is_empty() {
        return Ok(());
    }
    out.write_str("## Excluded\n\n")?;
    for (e, languages) in super::knockouts(evaluation) {
        let names: Vec<String> =
            languages.iter().map(|&l| format!("**{}**", ctx.pack.languages[l].name)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        writeln!(out, "- {}: {} _({})_", super::in_words(&names), e.reason, e.source)?;
    }
    out.write_char('\n')
}

/// The Answers table: every question, its answer and whether it was given or the default.
fn answers(out: &mut impl fmt::Write, ctx: &Context<'_>) -> fmt::Result {
    out.write_str("## Answers\n\n| Question | Answer | Source |\n|---|---|---|\n")?;
    for (i, q) in ctx.pack.questions.iter().enumerate() {
        let ids = ctx.answer_ids(QuestionIdx::new(i));
        let from = if ctx.file.given[i] { "given" } else { "default" };
        let answer = if ids.is_empty() {
            "none".to_string()
        } else {
            format!("{} (`{}`)", cell(&ctx.answer_labels(QuestionIdx::new(i))), ids.join("`, `"))
        };
        writeln!(out, "| {} | {answer} | {from} |", cell(&q.prompt))?;
    }
    Ok(())
}
