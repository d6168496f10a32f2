//! Renderers of `advisor diff`: text for the terminal, Markdown for a pull-request comment or
//! a job summary, JSON for scripts.

use super::{signed, wrap};
use crate::engine::diff::{Diff, Move, RuleShift, Standing};
use crate::safe;
use serde::Serialize;
use std::fmt;

/// How many of the rules that moved rank 1 are listed.
const RULES: usize = 6;

/// What the two sides are: file names, the packs each loaded, and `--set` on the new side.
#[derive(Debug, Clone, Default)]
pub struct Sides {
    /// The old file's display name.
    pub old: String,
    /// The new file's display name.
    pub new: String,
    /// "Rule packs: ..." of each side, when team packs loaded.
    pub packs: (Option<String>, Option<String>),
    /// The `--set` flags laid over the new side, as given.
    pub set: Vec<String>,
}

impl Sides {
    /// "old.toml -> new.toml" with the --set flags.
    fn compared(&self) -> String {
        let set: String = self.set.iter().map(|s| format!(" --set {}", safe::line(s))).collect();
        format!("{} -> {}{set}", self.old, self.new)
    }

    /// The sentence naming the packs of each side, when they differ.
    fn packs_sentence(&self) -> String {
        let side = |p: &Option<String>| {
            p.as_deref()
                .map_or("the built-in pack".to_string(), |l| l.trim_start_matches("Rule packs: ").to_string())
        };
        format!(
            "The two sides are scored with different rule packs: before, {}; after, {}.",
            side(&self.packs.0),
            side(&self.packs.1)
        )
    }
}

/// `A, B` or `none`.
fn labels(labels: &[String]) -> String {
    if labels.is_empty() { "none".to_string() } else { labels.join(", ") }
}

fn rank_text(s: Option<Standing>, in_pack: bool) -> String {
    match s {
        Some(s) => s.rank.to_string(),
        None if in_pack => "excluded".to_string(),
        None => "absent".to_string(),
    }
}

fn score_text(s: Option<Standing>) -> String {
    s.map_or_else(|| "-".to_string(), |s| format!("{:.1}", s.score))
}

/// The first sentence: what happened to rank 1 (and, when one or two answers did it, which).
fn verdict(d: &Diff) -> String {
    match (&d.leader, &d.first.1) {
        (Some(change), _) => {
            let cause = match d.answers.as_slice() {
                [a] => format!(" ({}: {} -> {})", a.title, labels(&a.old_labels), labels(&a.new_labels)),
                _ => String::new(),
            };
            format!("Rank 1 changes: {} -> {}{cause}.", change.old.1, change.new.1)
        }
        (None, Some((_, name))) if d.is_empty() => {
            format!("No change: the same answers rank the same ({name} first).")
        }
        (None, Some((_, name))) => match d.moves.len() {
            0 => format!("Rank 1 stays {name}; no language moves."),
            1 => format!("Rank 1 stays {name}; one language moves."),
            n => format!("Rank 1 stays {name}; {n} languages move."),
        },
        (None, None) => "No language is ranked on either side.".to_string(),
    }
}

/// Why the old leader lost first place, when an exclusion or a requirement did it.
fn leader_reasons(d: &Diff) -> Vec<String> {
    let Some(change) = &d.leader else { return Vec::new() };
    let mut out = Vec::new();
    for (reason, source) in &change.old_excluded_by {
        out.push(format!("{} is now excluded: {reason} [{source}].", change.old.1));
    }
    if change.old_out && change.old_excluded_by.is_empty() {
        out.push(format!("{} is not in the new side's rule packs.", change.old.1));
    }
    if !change.old_misses.is_empty() {
        out.push(format!(
            "{} now misses a stated requirement that {} meets: {}.",
            change.old.1,
            change.new.1,
            change.old_misses.join("; ")
        ));
    }
    out
}

/// Whether points decided the change (no exclusion, no requirement): then the rules that
/// moved the gap are the explanation.
fn points_decided(d: &Diff) -> bool {
    d.leader.as_ref().is_some_and(|c| !c.old_out && c.old_misses.is_empty())
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
pub fn text(d: &Diff, sides: &Sides, width: usize, out: &mut impl fmt::Write) -> fmt::Result {
    out.write_str(&wrap(&format!("advisor diff {}", sides.compared()), width, "", "  "))?;
    out.write_str(&wrap(&verdict(d), width, "", "  "))?;
    if d.packs_differ {
        out.write_str(&wrap(&sides.packs_sentence(), width, "", "  "))?;
    }
    if !d.answers.is_empty() {
        out.write_str("\nAnswers changed:\n")?;
        for a in &d.answers {
            let line = format!("{}: {} -> {}", a.title, labels(&a.old_labels), labels(&a.new_labels));
            out.write_str(&wrap(&line, width, "  ", "    "))?;
        }
    }
    if let Some(change) = &d.leader {
        out.write_str(&wrap(
            &format!("Why {} now leads {}:", change.new.1, change.old.1),
            width,
            "\n",
            "  ",
        ))?;
        for reason in leader_reasons(d) {
            out.write_str(&wrap(&reason, width, "  ", "    "))?;
        }
        // Points explain a change only when no exclusion or requirement decided it.
        if points_decided(d) && !change.rules.is_empty() {
            out.write_str(&wrap(
                &format!("The rules that moved the gap (points for {} over {}):", change.new.1, change.old.1),
                width,
                "  ",
                "  ",
            ))?;
            for s in change.rules.iter().take(RULES) {
                out.write_str(&wrap(
                    &shift_line(s),
                    width,
                    &format!("  {:>5}  ", signed(s.moved())),
                    &" ".repeat(9),
                ))?;
            }
            if change.rules.len() > RULES {
                let rest: f64 = change.rules[RULES..].iter().map(RuleShift::moved).sum();
                let line = format!("from {} more rules", change.rules.len() - RULES);
                out.write_str(&wrap(&line, width, &format!("  {:>5}  ", signed(rest)), &" ".repeat(9)))?;
            }
        }
    }
    if !d.moves.is_empty() {
        out.write_str("\nRanking moves (rank and score, before -> after):\n")?;
        let width_name = d.moves.iter().map(|m| m.name.chars().count()).max().unwrap_or(0);
        let w_old = d.moves.iter().map(|m| rank_text(m.old, m.in_old_pack).len()).max().unwrap_or(0);
        let w_new = d.moves.iter().map(|m| rank_text(m.new, m.in_new_pack).len()).max().unwrap_or(0);
        for m in &d.moves {
            let line = format!(
                "  {:<width_name$}  {:>w_old$} -> {:<w_new$}  {:>5} -> {:<5}",
                m.name,
                rank_text(m.old, m.in_old_pack),
                rank_text(m.new, m.in_new_pack),
                score_text(m.old),
                score_text(m.new)
            );
            if line.chars().count() <= width {
                writeln!(out, "{}", line.trim_end())?;
            } else {
                out.write_str(&wrap(&line, width, "  ", "      "))?;
            }
        }
    }
    Ok(())
}

fn md_row(m: &Move) -> String {
    format!(
        "| {} | {} | {} | {} | {} |",
        safe::markdown(&m.name),
        rank_text(m.old, m.in_old_pack),
        rank_text(m.new, m.in_new_pack),
        score_text(m.old),
        score_text(m.new)
    )
}

/// Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict first.
pub fn markdown(d: &Diff, sides: &Sides, out: &mut impl fmt::Write) -> fmt::Result {
    writeln!(out, "**{}**\n", safe::markdown(&verdict(d)).replace(" -&gt; ", " → "))?;
    let set: String =
        sides.set.iter().map(|s| format!(" {}", safe::code_span(&format!("--set {s}")))).collect();
    writeln!(out, "Compared {} with {}{set}.\n", safe::code_span(&sides.old), safe::code_span(&sides.new))?;
    if d.packs_differ {
        writeln!(out, "{}\n", safe::markdown(&sides.packs_sentence()))?;
    }
    if !d.answers.is_empty() {
        out.write_str("| Question | Before | After |\n| --- | --- | --- |\n")?;
        for a in &d.answers {
            writeln!(
                out,
                "| {} | {} | {} |",
                safe::markdown(&a.title),
                safe::markdown(&labels(&a.old_labels)),
                safe::markdown(&labels(&a.new_labels))
            )?;
        }
        out.write_char('\n')?;
    }
    if let Some(change) = &d.leader {
        for reason in leader_reasons(d) {
            writeln!(out, "{}\n", safe::markdown(&reason))?;
        }
        if points_decided(d) && !change.rules.is_empty() {
            writeln!(
                out,
                "The rules that moved the gap (points for {} over {}):\n",
                safe::markdown(&change.new.1),
                safe::markdown(&change.old.1)
            )?;
            for s in change.rules.iter().take(RULES) {
                writeln!(
                    out,
                    "- **{}** {} _({}; rule `{}`; gap {} before, {} after)_",
                    signed(s.moved()),
                    safe::markdown(&s.reason),
                    safe::markdown(&s.source),
                    s.rule,
                    signed(s.before),
                    signed(s.after)
                )?;
            }
            if change.rules.len() > RULES {
                let rest: f64 = change.rules[RULES..].iter().map(RuleShift::moved).sum();
                writeln!(out, "- **{}** from {} more rules", signed(rest), change.rules.len() - RULES)?;
            }
            out.write_char('\n')?;
        }
    }
    if !d.moves.is_empty() {
        out.write_str(
            "| Language | Rank before | Rank after | Score before | Score after |\n| --- | ---: | ---: | ---: | ---: |\n",
        )?;
        for m in &d.moves {
            writeln!(out, "{}", md_row(m))?;
        }
    }
    Ok(())
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
pub fn json(d: &Diff, sides: &Sides) -> Result<String, crate::error::Error> {
    let (old, new) = (&sides.old, &sides.new);
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
            "before_excluded_by": c.old_excluded_by.iter().map(|(reason, source)| serde_json::json!({"reason": reason, "source": source})).collect::<Vec<_>>(),
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
        "set": sides.set,
        "rank_1_changed": d.leader.is_some(),
        "answers": answers,
        "leader": leader,
        "moves": moves,
    });
    super::json::pretty(&report)
}
