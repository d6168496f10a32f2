//! The terminal report: a ranking table, the caveats of rank 1 (of the top three with
//! `--all`), the excluded
//! languages. Laid out to the terminal's width; colour only when asked for.

use super::{Context, Style, signed, wrap};
use crate::engine::{Evaluation, Ranked, Reason};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use std::fmt;

/// Width of the score bar, in characters.
const BAR_WIDTH: usize = 10;

/// A bar of `score` out of 100 in eighths of a block.
fn bar(score: f64) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (score / 100.0 * (BAR_WIDTH * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    out.push_str(PARTS[eighths % 8]);
    out
}

/// The reasons worth a table cell: the strongest for, and the strongest against (or the
/// second strongest for when nothing counts against).
fn strongest<'a, 'p>(reasons: &'a [Reason<'p>]) -> Vec<&'a Reason<'p>> {
    let mut picked: Vec<&Reason<'p>> = reasons.iter().filter(|r| r.points > 0.0).take(1).collect();
    match reasons.iter().rev().find(|r| r.points < 0.0) {
        Some(against) => picked.push(against),
        None => picked.extend(reasons.iter().filter(|r| r.points > 0.0).nth(1)),
    }
    picked
}

/// A reason as the table shows it: for rank 1, whose caveats are listed below, in the words of
/// a caveat that makes its point (which is then not listed again); for the others, the
/// rule's own shorter reason.
fn shown_text<'a>(ranked: &Ranked<'_>, reason: &'a Reason<'_>) -> &'a str {
    if ranked.rank == 1 { reason.text() } else { &reason.rule.reason }
}

fn ranking_table(ctx: &Context<'_>, rows: &[Ranked<'_>]) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(ctx.width);
    if ctx.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let header = |text: &str| {
        let cell = Cell::new(text);
        if ctx.color { cell.add_attribute(Attribute::Bold) } else { cell }
    };
    table.set_header(vec![
        header("#"),
        header("Language"),
        header("Score"),
        header("Points"),
        header("Strongest reasons"),
    ]);
    for r in rows {
        let lang = &ctx.pack.languages[r.language];
        let mut reasons: Vec<String> = strongest(&r.reasons)
            .iter()
            .map(|reason| format!("{} {}", signed(reason.points), shown_text(r, reason)))
            .collect();
        if !r.unmet.is_empty() {
            let titles: Vec<&str> = r.unmet.iter().map(|u| u.title.as_ref()).collect();
            reasons.insert(0, format!("MISSES {}", titles.join("; ")));
        }
        if r.tied {
            reasons.insert(0, "TIED for first".to_string());
        }
        let mut name = Cell::new(&lang.name);
        let mut score = Cell::new(format!("{:>5.1} {}", r.score, bar(r.score)));
        if ctx.color && r.rank == 1 {
            name = name.fg(Color::Green).add_attribute(Attribute::Bold);
            score = score.fg(Color::Green);
        }
        table.add_row(vec![
            Cell::new(r.rank).set_alignment(CellAlignment::Right),
            name,
            score,
            Cell::new(signed(r.points)).set_alignment(CellAlignment::Right),
            Cell::new(if reasons.is_empty() { "no rule fired".to_string() } else { reasons.join("\n") }),
        ]);
    }
    table.to_string()
}

/// How many languages the table shows without `--top` or `--all`.
const DEFAULT_ROWS: usize = 5;

/// How many rank-1-changing answers the table lists without `--all`.
const SHOWN_FLIPS: usize = 3;

/// How many caveats of rank 1 the table lists without `--all` (those the answers trigger come
/// first).
const SHOWN_CAVEATS: usize = 3;

/// Below this width the five columns leave too little room for reasons: one block per language.
const BLOCK_WIDTH: u16 = 80;

/// One block per language for narrow terminals: the rank, name, score and points on one line,
/// the strongest reasons wrapped under it at word boundaries.
fn ranking_blocks(out: &mut impl fmt::Write, ctx: &Context<'_>, rows: &[Ranked<'_>]) -> fmt::Result {
    let width = usize::from(ctx.width);
    for r in rows {
        let lang = &ctx.pack.languages[r.language];
        let head =
            format!("{:>2}. {}  {:.1}  ({})", r.rank, lang.name, r.score, super::signed_points(r.points));
        let head = wrap(&head, width, "", "    ");
        out.write_str(&if ctx.color && r.rank == 1 { paint_lines(ctx, Style::Good, &head) } else { head })?;
        let note = super::standing_note(r);
        if !note.is_empty() {
            // The label in capitals, as the wide table has it; the titles as written.
            let (label, rest) = note.split_once(' ').unwrap_or((note.as_str(), ""));
            out.write_str(&wrap(&format!("{} {rest}", label.to_uppercase()), width, "    ", "    "))?;
        }
        for reason in strongest(&r.reasons) {
            out.write_str(&wrap(
                &format!("{} {}", signed(reason.points), shown_text(r, reason)),
                width,
                "    ",
                "      ",
            ))?;
        }
        if r.reasons.is_empty() {
            out.write_str("    no rule fired\n")?;
        }
    }
    Ok(())
}

/// The whole terminal report.
pub fn render(ctx: &Context<'_>, evaluation: &Evaluation<'_>, out: &mut impl fmt::Write) -> fmt::Result {
    head(out, ctx)?;
    let len = evaluation.ranking.len();
    let shown = if ctx.all { len } else { ctx.top.unwrap_or(DEFAULT_ROWS).min(len) };
    ranking(out, ctx, evaluation, shown)?;
    robustness(out, ctx, evaluation)?;
    caveats(out, ctx, evaluation, shown)?;
    excluded(out, ctx, evaluation)?;
    out.write_char('\n')?;
    let note = "Score: the weight of evidence, 100 / (1 + e^(-points/25)); 50 means none either way. \
                Every point comes from a rule citing a guide; explain LANGUAGE takes one apart.";
    out.write_str(&paint_lines(ctx, Style::Dim, &wrap(note, usize::from(ctx.width), "", "")))
}

/// The title, with the answer to the pack's defining question, then `--set` answers and team
/// packs.
fn head(out: &mut impl fmt::Write, ctx: &Context<'_>) -> fmt::Result {
    let width = usize::from(ctx.width);
    let title = match super::defining_question(ctx.pack) {
        Some(q) => {
            let question = super::madr::mid_sentence_in(ctx.pack, &ctx.pack.questions[q].title);
            format!("Backend language ranking for {} ({question}: {})", ctx.source, ctx.answer_labels(q))
        }
        None => format!("Backend language ranking for {}", ctx.source),
    };
    out.write_str(&paint_lines(ctx, Style::Bold, &wrap(&title, width, "", "  ")))?;
    if let Some(line) = ctx.flags_line() {
        out.write_str(&wrap(&line, width, "", "  "))?;
    }
    if let Some(line) = ctx.packs.and_then(crate::pack::PackSet::describe) {
        out.write_str(&wrap(&line, width, "", "  "))?;
    }
    out.write_char('\n')
}

/// The first `shown` languages as a table (or blocks, when narrow), the others in a line, then
/// what rank 1 means and what scoring read differently.
fn ranking(
    out: &mut impl fmt::Write,
    ctx: &Context<'_>,
    evaluation: &Evaluation<'_>,
    shown: usize,
) -> fmt::Result {
    let width = usize::from(ctx.width);
    if shown == 0 {
        out.write_str("Every language is excluded by the answers; see below.\n")?;
    } else if ctx.width < BLOCK_WIDTH {
        ranking_blocks(out, ctx, &evaluation.ranking[..shown])?;
    } else {
        out.write_str(&ranking_table(ctx, &evaluation.ranking[..shown]))?;
        out.write_char('\n')?;
    }
    if shown < evaluation.ranking.len() {
        out.write_str(&wrap(&also_ranked(ctx, &evaluation.ranking[shown..]), width, "", "  "))?;
    }
    for sentence in super::verdict(ctx.pack, evaluation) {
        out.write_str(&wrap(&sentence, width, "", ""))?;
    }
    for note in super::adjustment_notes(ctx.pack, evaluation) {
        out.write_str(&paint_lines(ctx, Style::Warn, &wrap(&format!("Note: {note}"), width, "", "  ")))?;
    }
    Ok(())
}

/// The ranked languages not shown, in a line: those that meet every stated requirement, then
/// those that miss one (that explains a higher score further down).
fn also_ranked(ctx: &Context<'_>, rest: &[Ranked<'_>]) -> String {
    let listed = |misses: bool| -> Vec<String> {
        rest.iter()
            .filter(|r| r.unmet.is_empty() != misses)
            .map(|r| format!("{} {:.1}", ctx.pack.languages[r.language].name, r.score))
            .collect()
    };
    let (meets, misses) = (listed(false), listed(true));
    match (meets.is_empty(), misses.is_empty()) {
        (_, true) => format!("Also ranked: {} (--all shows them in full).", meets.join(", ")),
        (true, false) => format!(
            "Also ranked, each missing a stated requirement: {} (--all shows them in full).",
            misses.join(", ")
        ),
        (false, false) => format!(
            "Also ranked: {}; then, each missing a stated requirement: {} (--all shows them in full).",
            meets.join(", "),
            misses.join(", ")
        ),
    }
}

/// How robust is this: the summary and the first changes that would change rank 1.
fn robustness(out: &mut impl fmt::Write, ctx: &Context<'_>, evaluation: &Evaluation<'_>) -> fmt::Result {
    let width = usize::from(ctx.width);
    out.write_char('\n')?;
    out.write_str(&paint_lines(ctx, Style::Bold, "How robust is this?"))?;
    let (summary, flips) = super::robustness(ctx.pack, evaluation, ctx.what_if);
    out.write_str(&wrap(&summary, width, "  ", "  "))?;
    let listed = if ctx.all { flips.len() } else { SHOWN_FLIPS };
    for line in flips.iter().take(listed) {
        out.write_str(&wrap(line, width, "    - ", "      "))?;
    }
    if flips.len() > listed {
        out.write_str(&wrap(
            &format!("- and {} more (--all lists them)", flips.len() - listed),
            width,
            "    ",
            "      ",
        ))?;
    }
    Ok(())
}

/// The caveats of rank 1 (of the top three with `--all`), each listed once.
fn caveats(
    out: &mut impl fmt::Write,
    ctx: &Context<'_>,
    evaluation: &Evaluation<'_>,
    shown: usize,
) -> fmt::Result {
    let width = usize::from(ctx.width);
    let top: Vec<&Ranked<'_>> =
        evaluation.ranking.iter().take(shown.min(if ctx.all { 3 } else { 1 })).collect();
    if top.is_empty() {
        return Ok(());
    }
    out.write_char('\n')?;
    let heading = if top.len() == 1 {
        format!("Caveats of {}", ctx.pack.languages[top[0].language].name)
    } else {
        format!("Caveats of the top {}", top.len())
    };
    out.write_str(&ctx.paint(Style::Bold, &heading))?;
    out.write_char('\n')?;
    let mut listed: Vec<&str> = Vec::new();
    for r in top {
        let lang = &ctx.pack.languages[r.language];
        if ctx.all {
            writeln!(out, "  {}", ctx.paint(Style::Warn, &lang.name))?;
        }
        // A caveat that makes the point of a reason shown above is not repeated.
        let caveats = crate::engine::caveats_apart(
            &r.caveats,
            &strongest(&r.reasons).into_iter().copied().collect::<Vec<_>>(),
        );
        if caveats.is_empty() {
            out.write_str(if r.caveats.is_empty() {
                "    none recorded\n"
            } else {
                "    none apart from the reasons above\n"
            })?;
        }
        let mut repeated = 0;
        let mut written = 0;
        for c in &caveats {
            if listed.contains(&c.id.as_ref()) {
                repeated += 1;
                continue;
            }
            if !ctx.all && written == SHOWN_CAVEATS {
                continue;
            }
            listed.push(&c.id);
            written += 1;
            let line = format!("{} [{}]", c.text, c.source);
            out.write_str(&wrap(&line, width, "    - ", "      "))?;
        }
        let more = caveats.len() - repeated - written;
        if more > 0 {
            out.write_str(&wrap(&format!("- and {more} more (--all lists them)"), width, "    ", "      "))?;
        }
        if repeated > 0 {
            let noun = if repeated == 1 { "caveat" } else { "caveats" };
            writeln!(out, "    - and {repeated} {noun} listed above")?;
        }
    }
    Ok(())
}

/// The excluded languages, one line per knock-out naming every language it excludes.
fn excluded(out: &mut impl fmt::Write, ctx: &Context<'_>, evaluation: &Evaluation<'_>) -> fmt::Result {
    if evaluation.excluded.is_empty() {
        return Ok(());
    }
    out.write_char('\n')?;
    out.write_str(&ctx.paint(Style::Bold, "Excluded"))?;
    out.write_char('\n')?;
    for (e, languages) in super::knockouts(evaluation) {
        let names: Vec<&str> = languages.iter().map(|&l| ctx.pack.languages[l].name.as_ref()).collect();
        let who = super::in_words(&names);
        let line = format!("{who}: {} [{}]", e.reason, e.source);
        let wrapped = wrap(&line, usize::from(ctx.width), "  - ", "    ");
        out.write_str(&wrapped.replacen(&who, &ctx.paint(Style::Bad, &who), 1))?;
    }
    Ok(())
}

/// A few lines for the end of `ask`: the first `n` languages with score, points and standing
/// (tie, missed requirement), then what rank 1's lead means.
pub fn compact(
    ctx: &Context<'_>,
    evaluation: &Evaluation<'_>,
    n: usize,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    let width = usize::from(ctx.width);
    let shown = n.min(evaluation.ranking.len());
    if shown == 0 {
        out.write_str("Every language is excluded by the answers.\n")?;
    }
    for r in &evaluation.ranking[..shown] {
        let name = &ctx.pack.languages[r.language].name;
        let note = super::standing_note(r);
        let line = format!("{:>3}. {name:<24} {:>5.1} {:>5}  {note}", r.rank, r.score, signed(r.points));
        let line = line.trim_end();
        out.write_str(&if r.rank == 1 { ctx.paint(Style::Good, line) } else { line.to_string() })?;
        out.write_char('\n')?;
    }
    if evaluation.ranking.len() > shown {
        writeln!(out, "     and {} more", evaluation.ranking.len() - shown)?;
    }
    for sentence in super::verdict(ctx.pack, evaluation) {
        out.write_str(&wrap(&sentence, width, "", ""))?;
    }
    Ok(())
}

/// Paints each line on its own, so wrapping never splits a style.
fn paint_lines(ctx: &Context<'_>, style: Style, text: &str) -> String {
    text.lines().map(|l| format!("{}\n", ctx.paint(style, l))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_in_eighths() {
        assert_eq!(bar(100.0), "██████████");
        assert_eq!(bar(50.0), "█████");
        assert_eq!(bar(51.25), "█████▏");
        assert_eq!(bar(0.0), "");
    }
}
