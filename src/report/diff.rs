//! Renderers of `advisor diff`: text for the terminal, Markdown for a pull-request comment or
//! a job summary, JSON for scripts.

use super::{signed, wrap};
use crate::engine::diff::{Diff, Move, RuleShift, Standing};
use crate::safe;
use serde::Serialize;
use std::fmt::Write as _;

/// How many of the rules that moved rank 1 are listed.
const RULES: usize = 6;

/// `A, B` or `none`.
fn labels(labels: &[String]) -> String {
    if labels.is_empty() { "none".to_string() } else { labels.join(", ") }
}

fn rank_text(s: Option<Standing>) -> String {
    s.map_or_else(|| "out".to_string(), |s| s.rank.to_string())
}

fn score_text(s: Option<Standing>) -> String {
    s.map_or_else(|| "-".to_string(), |s| format!("{:.1}", s.score))
}

/// The first sentence: what happened to rank 1.
fn verdict(d: &Diff<'_>) -> String {
    match (&d.leader, &d.first.1) {
        (Some(change), _) => format!("Rank 1 changes: {} -> {}.", change.old.1, change.new.1),
        (None, Some((_, name))) if d.is_empty() => {
            format!("No change: the same answers rank the same ({name} first).")
        }
        (None, Some((_, name))) => {
            let moved = d.moves.len();
            let noun = if moved == 1 { "language moves" } else { "languages move" };
            format!("Rank 1 stays {name}; {moved} {noun}.")
        }
        (None, None) => "No language is ranked on either side.".to_string(),
    }
}

/// Why the old leader lost first place, in words, when something beyond points did it.
fn leader_reasons(d: &Diff<'_>) -> Vec<String> {
    let Some(change) = &d.leader else { return Vec::new() };
    let mut out = Vec::new();
    if change.old_out {
        out.push(format!(
            "{} is no longer ranked: the new side excludes it (or its rule packs do not have it).",
            change.old.1
        ));
    }
    if !change.old_misses.is_empty() {
        out.push(format!(
            "{} now misses a stated requirement: {}.",
            change.old.1,
            change.old_misses.join("; ")
        ));
    }
    out
}

fn shift_line(s: &RuleShift) -> String {
    format!(
        "{}: {} [{}] (gap {} before, {} after)",
        s.rule,
        s.reason,
        s.source,
        signed(s.before),
        signed(s.after)
    )
}

/// The text for a terminal, wrapped to `width`.
pub fn text(d: &Diff<'_>, (old, new): (&str, &str), width: usize) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&format!("advisor diff {old} -> {new}"), width, "", "  "));
    out.push_str(&wrap(&verdict(d), width, "", "  "));
    if d.packs_differ {
        out.push_str(&wrap("The two sides are scored with different rule packs.", width, "", "  "));
    }
    if !d.answers.is_empty() {
        out.push_str("\nAnswers changed:\n");
        for a in &d.answers {
            let line = format!("{}: {} -> {}", a.title, labels(&a.old_labels), labels(&a.new_labels));
            out.push_str(&wrap(&line, width, "  ", "    "));
        }
    }
    if let Some(change) = &d.leader {
        out.push_str(&wrap(&format!("Why {} now leads {}:", change.new.1, change.old.1), width, "\n", "  "));
        for reason in leader_reasons(d) {
            out.push_str(&wrap(&reason, width, "  ", "  "));
        }
        // When an exclusion or a requirement decided it, the points are the lesser story.
        let shown = if change.old_out || !change.old_misses.is_empty() { 3 } else { RULES };
        if !change.rules.is_empty() {
            out.push_str(&wrap(
                &format!("The rules that moved the gap (points for {} over {}):", change.new.1, change.old.1),
                width,
                "  ",
                "  ",
            ));
            for s in change.rules.iter().take(shown) {
                out.push_str(&wrap(
                    &shift_line(s),
                    width,
                    &format!("  {:>5}  ", signed(s.moved())),
                    &" ".repeat(9),
                ));
            }
            if change.rules.len() > shown {
                let rest: f64 = change.rules[shown..].iter().map(RuleShift::moved).sum();
                let line = format!("from {} more rules", change.rules.len() - shown);
                out.push_str(&wrap(&line, width, &format!("  {:>5}  ", signed(rest)), &" ".repeat(9)));
            }
        }
    }
    if !d.moves.is_empty() {
        out.push_str("\nRanking moves (rank and score, before -> after):\n");
        let width_name = d.moves.iter().map(|m| m.name.chars().count()).max().unwrap_or(0);
        for m in &d.moves {
            let line = format!(
                "  {:<width_name$}  {:>3} -> {:<3}  {:>5} -> {:<5}",
                m.name,
                rank_text(m.old),
                rank_text(m.new),
                score_text(m.old),
                score_text(m.new)
            );
            if line.chars().count() <= width {
                let _ = writeln!(out, "{}", line.trim_end());
            } else {
                out.push_str(&wrap(&line, width, "  ", "      "));
            }
        }
    }
    out
}

fn md_row(m: &Move) -> String {
    format!(
        "| {} | {} | {} | {} | {} |",
        safe::markdown(&m.name),
        rank_text(m.old),
        rank_text(m.new),
        score_text(m.old),
        score_text(m.new)
    )
}

/// Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict first.
pub fn markdown(d: &Diff<'_>, (old, new): (&str, &str)) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", safe::markdown(&verdict(d)).replace(" -&gt; ", " → "));
    let _ = writeln!(out, "Compared {} with {}.\n", safe::code_span(old), safe::code_span(new));
    if d.packs_differ {
        out.push_str("The two sides are scored with different rule packs.\n\n");
    }
    if !d.answers.is_empty() {
        out.push_str("| Question | Before | After |\n| --- | --- | --- |\n");
        for a in &d.answers {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                safe::markdown(&a.title),
                safe::markdown(&labels(&a.old_labels)),
                safe::markdown(&labels(&a.new_labels))
            );
        }
        out.push('\n');
    }
    if let Some(change) = &d.leader {
        for reason in leader_reasons(d) {
            let _ = writeln!(out, "{}\n", safe::markdown(&reason));
        }
        if !change.rules.is_empty() {
            let _ = writeln!(
                out,
                "The rules that moved the gap (points for {} over {}):\n",
                safe::markdown(&change.new.1),
                safe::markdown(&change.old.1)
            );
            for s in change.rules.iter().take(RULES) {
                let _ = writeln!(
                    out,
                    "- **{}** {} _({}; rule `{}`; gap {} before, {} after)_",
                    signed(s.moved()),
                    safe::markdown(&s.reason),
                    safe::markdown(&s.source),
                    s.rule,
                    signed(s.before),
                    signed(s.after)
                );
            }
            out.push('\n');
        }
    }
    if !d.moves.is_empty() {
        out.push_str(
            "| Language | Rank before | Rank after | Score before | Score after |\n| --- | ---: | ---: | ---: | ---: |\n",
        );
        for m in &d.moves {
            let _ = writeln!(out, "{}", md_row(m));
        }
    }
    out
}

#[derive(Serialize)]
struct StandingJson {
    rank: usize,
    score: f64,
    points: f64,
}

fn standing_json(s: Option<Standing>) -> Option<StandingJson> {
    s.map(|s| StandingJson { rank: s.rank, score: (s.score * 10.0).round() / 10.0, points: s.points })
}

/// The JSON object of `diff --format json` (shape documented in the README).
pub fn json(d: &Diff<'_>, (old, new): (&str, &str)) -> Result<String, crate::error::Error> {
    let answers: Vec<serde_json::Value> = d
        .answers
        .iter()
        .map(|a| serde_json::json!({"question": a.question, "before": a.old, "after": a.new}))
        .collect();
    let moves: Vec<serde_json::Value> = d
        .moves
        .iter()
        .map(|m| {
            serde_json::json!({
                "language": m.language,
                "before": standing_json(m.old),
                "after": standing_json(m.new),
            })
        })
        .collect();
    let leader = d.leader.as_ref().map(|c| {
        serde_json::json!({
            "before": c.old.0,
            "after": c.new.0,
            "before_excluded": c.old_out,
            "before_misses": c.old_misses,
            "rules": c.rules.iter().map(|s| serde_json::json!({
                "id": s.rule,
                "gap_before": s.before,
                "gap_after": s.after,
            })).collect::<Vec<_>>(),
        })
    });
    let report = serde_json::json!({
        "old": old,
        "new": new,
        "packs_differ": d.packs_differ,
        "rank_1_changed": d.leader.is_some(),
        "answers": answers,
        "leader": leader,
        "moves": moves,
    });
    super::json::pretty(&report)
}
