//! Renderers of `advisor check`: plain text for logs, GitHub Actions workflow commands that
//! annotate the answers file in a pull request, and a JSON object for scripts; for one file
//! (here and in `github`, `json`) or many (`many`). `words` says each finding.

mod github;
mod json;
mod many;
mod words;

pub use github::{github, github_errors};
pub use json::{json, json_value};
pub use many::{Outcome, Tally, many_github, many_github_entry, many_json, many_text};
pub use words::{message, summary};

use super::{signed, wrap};
use crate::answers::AnswersFile;
use crate::engine::Difference;
use crate::engine::check::{Assessment, Finding, FindingKind};
use crate::pack::Pack;
use std::fmt::{self, Write};

/// How many separating rules a message lists on each side.
const SEPARATING: usize = 3;

/// The rules that separate rank 1 from the decision: points from the recorded decision's side
/// (a rule in its favour is positive) and the rule's text, one pair each.
pub(super) fn separating_lines(pack: &Pack, assessment: &Assessment<'_>) -> Vec<(String, String)> {
    let Some(standing) = &assessment.standing else { return Vec::new() };
    let Some(leader) = assessment.evaluation.ranking.first() else { return Vec::new() };
    let (first, second) = (&pack.languages[leader.language].name, &pack.languages[standing.language].name);
    let line = |d: &Difference<'_>| {
        let text = format!(
            "{} [{}] ({first} {}, {second} {})",
            d.rule.reason,
            d.rule.source,
            signed(d.first),
            signed(d.second)
        );
        (signed(-d.gap()), text)
    };
    let shown = crate::engine::separation(&standing.separating, SEPARATING);
    let mut lines: Vec<_> = shown.favour.iter().chain(&shown.against).map(|d| line(d)).collect();
    if shown.hidden > 0 {
        lines.push((signed(-shown.hidden_gap), format!("from {} more rules", shown.hidden)));
    }
    lines
}

/// What a team can do when its decision does not hold.
const WAYS_OUT: &str = "Ways out: record the language that now leads in [decision]; add a [decision.waiver] \
     with a reason and an expiry date (expires = \"YYYY-MM-DD\") while the decision is revisited; allow \
     a gap with --tolerance POINTS; or correct the answers if they no longer describe the system.";

/// What a team can do when the waiver that kept its decision has expired.
const WAYS_OUT_EXPIRED: &str = "Ways out: extend the waiver's expires date if its reason still holds; \
     record the language that now leads in [decision]; allow a gap with --tolerance POINTS; or correct \
     the answers if they no longer describe the system.";

/// Whether a finding is the one the separating rules explain.
pub(super) fn explained(f: &Finding<'_>) -> bool {
    f.kind.problem().is_some()
}

/// Plain text: the decision, each finding as `level: file:line: message`, the separating
/// rules, the ranking and the verdict. `packs` says which team packs scored the file.
pub fn text(
    pack: &Pack,
    file: &str,
    answers: &AnswersFile,
    assessment: &Assessment<'_>,
    packs: Option<&str>,
    width: usize,
    out: &mut impl Write,
) -> fmt::Result {
    out.write_str(&wrap(&format!("advisor check {file}"), width, "", "  "))?;
    for line in packs.into_iter().map(str::to_string).chain(super::flags_line(pack, answers)) {
        out.write_str(&wrap(&line, width, "", "  "))?;
    }
    if let Some(s) = &assessment.standing {
        let place = match &s.ranked {
            Some(r) => format!(
                "rank {} of {}, {} points",
                r.rank,
                assessment.evaluation.ranking.len(),
                signed(r.points)
            ),
            None => "excluded".to_string(),
        };
        let line = format!("decision: {} ({place})", pack.languages[s.language].name);
        out.write_str(&wrap(&line, width, "", "  "))?;
    }
    for f in &assessment.findings {
        let line = f.at.map_or(String::new(), |p| format!(":{}", p.line));
        let text = format!("{}: {file}{line}: {}", f.level.word(), message(pack, &f.kind, file));
        out.write_str(&wrap(&text, width, "", "  "))?;
        if explained(f) {
            separating_text(pack, assessment, width, out)?;
        }
        match f.kind {
            FindingKind::Drift { .. } => out.write_str(&wrap(WAYS_OUT, width, "  ", "  "))?,
            FindingKind::WaiverExpired { .. } => out.write_str(&wrap(WAYS_OUT_EXPIRED, width, "  ", "  "))?,
            _ => {}
        }
    }
    out.write_str("ranking:\n")?;
    ranking_lines(pack, assessment, width, out)?;
    writeln!(out, "verdict: {} (exit {})", assessment.verdict.word(), assessment.verdict.exit_code())
}

/// The rules that separate rank 1 from the decision, under the finding they explain.
fn separating_text(
    pack: &Pack,
    assessment: &Assessment<'_>,
    width: usize,
    out: &mut impl Write,
) -> fmt::Result {
    let lines = separating_lines(pack, assessment);
    if lines.is_empty() {
        return Ok(());
    }
    out.write_str(&wrap("what separates them (points for the recorded decision):", width, "  ", "  "))?;
    for (points, text) in lines {
        out.write_str(&wrap(&text, width, &format!("    {points:>4}  "), &" ".repeat(10)))?;
    }
    Ok(())
}

/// The ranking, one line per language: rank, name, score and points in columns, and the score
/// column left out when the terminal is too narrow for it (points are what `check` weighs).
fn ranking_lines(
    pack: &Pack,
    assessment: &Assessment<'_>,
    width: usize,
    out: &mut impl Write,
) -> fmt::Result {
    let ranking = &assessment.evaluation.ranking;
    let excluded = &assessment.evaluation.excluded;
    let name_width = ranking
        .iter()
        .map(|r| r.language)
        .chain(excluded.iter().map(|x| x.language))
        .map(|l| pack.languages[l].name.chars().count())
        .max()
        .unwrap_or(0);
    // "  12. " + name + "  " + score + "  " + points
    let with_score = 6 + name_width + 2 + 5 + 2 + 4 <= width;
    for r in ranking {
        let name = &pack.languages[r.language].name;
        let score = if with_score { format!("  {:>5.1}", r.score) } else { String::new() };
        let columns = format!("  {:>2}. {:<name_width$}{score}  {:>4}", r.rank, name, signed(r.points));
        let note = super::standing_note(r);
        if note.is_empty() {
            writeln!(out, "{columns}")?;
        } else if columns.chars().count() + 2 + note.chars().count() <= width {
            writeln!(out, "{columns}  {note}")?;
        } else {
            // The columns stay aligned; a long note goes below them.
            writeln!(out, "{columns}")?;
            out.write_str(&wrap(&note, width, &" ".repeat(8), &" ".repeat(10)))?;
        }
    }
    for x in excluded {
        let line = format!("{}: excluded: {}", pack.languages[x.language].name, x.by[0].reason);
        out.write_str(&wrap(&line, width, "   -  ", &" ".repeat(8)))?;
    }
    Ok(())
}
