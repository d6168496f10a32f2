//! Renderers of `advisor check`: plain text for logs, GitHub Actions workflow commands that
//! annotate the answers file in a pull request, and a JSON object for scripts.

use super::{signed, wrap};
use crate::answers::AnswersFile;
use crate::check::{Assessment, Finding};
use crate::engine::Difference;
use crate::pack::Pack;
use serde::Serialize;
use std::fmt::Write as _;

/// How many separating rules a message lists on each side.
const SEPARATING: usize = 3;

/// The rules that separate rank 1 from the decision: points from the recorded decision's side
/// (a rule in its favour is positive) and the rule's text, one pair each.
fn separating_lines(pack: &Pack, assessment: &Assessment<'_>) -> Vec<(String, String)> {
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
fn explained(f: &Finding) -> bool {
    matches!(f.code, "decision-drift" | "waiver-expired" | "decision-waived")
}

/// Plain text: the decision, each finding as `level: file:line: message`, the separating
/// rules, the ranking and the verdict.
pub fn text(
    pack: &Pack,
    file: &str,
    answers: &AnswersFile,
    assessment: &Assessment<'_>,
    width: usize,
) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&format!("advisor check {file}"), width, "", "  "));
    if let Some(line) = super::flags_line(pack, answers) {
        out.push_str(&wrap(&line, width, "", "  "));
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
        out.push_str(&wrap(
            &format!("decision: {} ({place})", pack.languages[s.language].name),
            width,
            "",
            "  ",
        ));
    }
    for f in &assessment.findings {
        let line = f.at.map_or(String::new(), |p| format!(":{}", p.line));
        out.push_str(&wrap(&format!("{}: {file}{line}: {}", f.level.word(), f.message), width, "", "  "));
        if explained(f) {
            let lines = separating_lines(pack, assessment);
            if !lines.is_empty() {
                out.push_str(&wrap(
                    "what separates them (points for the recorded decision):",
                    width,
                    "  ",
                    "  ",
                ));
                for (points, text) in lines {
                    out.push_str(&wrap(&text, width, &format!("    {points:>4}  "), &" ".repeat(10)));
                }
            }
        }
        match f.code {
            "decision-drift" => out.push_str(&wrap(WAYS_OUT, width, "  ", "  ")),
            "waiver-expired" => out.push_str(&wrap(WAYS_OUT_EXPIRED, width, "  ", "  ")),
            _ => {}
        }
    }
    out.push_str("ranking:\n");
    out.push_str(&ranking_lines(pack, assessment, width));
    let _ = writeln!(out, "verdict: {} (exit {})", assessment.verdict.word(), assessment.verdict.exit_code());
    out
}

/// The ranking, one line per language: rank, name, score and points in columns, and the score
/// column left out when the terminal is too narrow for it (points are what `check` weighs).
fn ranking_lines(pack: &Pack, assessment: &Assessment<'_>, width: usize) -> String {
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
    let mut out = String::new();
    for r in ranking {
        let name = &pack.languages[r.language].name;
        let score = if with_score { format!("  {:>5.1}", r.score) } else { String::new() };
        let columns = format!("  {:>2}. {:<name_width$}{score}  {:>4}", r.rank, name, signed(r.points));
        let note = super::standing_note(r);
        if note.is_empty() {
            let _ = writeln!(out, "{columns}");
        } else if columns.chars().count() + 2 + note.chars().count() <= width {
            let _ = writeln!(out, "{columns}  {note}");
        } else {
            // The columns stay aligned; a long note goes below them.
            let _ = writeln!(out, "{columns}");
            out.push_str(&wrap(&note, width, &" ".repeat(8), &" ".repeat(10)));
        }
    }
    for x in excluded {
        let line = format!("{}: excluded: {}", pack.languages[x.language].name, x.by[0].reason);
        out.push_str(&wrap(&line, width, "   -  ", &" ".repeat(8)));
    }
    out
}

/// Escapes a workflow command's message (GitHub: `%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations for a file that could not be checked: one per problem, on its
/// line when known.
pub fn github_errors(error: &crate::error::Error) -> String {
    let mut out = String::new();
    match error {
        crate::error::Error::Invalid(problems) => {
            for d in problems {
                let mut props = format!("file={}", escape_property(&crate::safe::line(&d.file)));
                if let Some(p) = d.position {
                    let _ = write!(props, ",line={},col={}", p.line, p.column);
                }
                let message = crate::safe::message(&d.message);
                let _ = writeln!(out, "::error {props},title=advisor check::{}", escape_data(&message));
            }
        }
        other => {
            let message = crate::safe::message(&other.to_string());
            let _ = writeln!(out, "::error title=advisor check::{}", escape_data(&message));
        }
    }
    out
}

/// The JSON entry of a file that could not be checked.
pub fn malformed_json(file: &str, error: &crate::error::Error) -> serde_json::Value {
    let errors: Vec<serde_json::Value> = match error {
        crate::error::Error::Invalid(problems) => problems
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": crate::safe::line(&d.file),
                    "line": d.position.map(|p| p.line),
                    "message": crate::safe::message(&d.message),
                })
            })
            .collect(),
        other => vec![serde_json::json!({ "message": crate::safe::message(&other.to_string()) })],
    };
    serde_json::json!({ "file": file, "verdict": "malformed", "exit_code": 2, "errors": errors })
}

/// GitHub Actions workflow commands: one annotation per finding, on the line it concerns,
/// then a plain verdict line for the log.
pub fn github(pack: &Pack, file: &str, assessment: &Assessment<'_>) -> String {
    let mut out = String::new();
    for f in &assessment.findings {
        let mut message = f.message.clone();
        if explained(f) {
            for (points, text) in separating_lines(pack, assessment) {
                let _ = write!(message, "\n  {points} {text}");
            }
        }
        let mut props = format!("file={}", escape_property(file));
        if let Some(p) = f.at {
            let _ = write!(props, ",line={},col={}", p.line, p.column);
        }
        let _ = writeln!(out, "::{} {props},title=advisor check::{}", f.level.word(), escape_data(&message));
    }
    let _ = writeln!(
        out,
        "advisor check {file}: {} (exit {})",
        assessment.verdict.word(),
        assessment.verdict.exit_code()
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    /// The tool's version, so a stored report says what produced it.
    advisor_version: &'static str,
    /// The questions answered with `--set` rather than by the file.
    answers_from_flags: Vec<&'a str>,
    verdict: &'static str,
    exit_code: u8,
    tolerance: f64,
    decision: Option<JsonDecision<'a>>,
    pack: JsonPack<'a>,
    ranking: Vec<JsonRanked<'a>>,
    excluded: Vec<&'a str>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    language: &'a str,
    status: Option<&'static str>,
    date: Option<&'a str>,
    deciders: &'a [String],
    waiver: Option<JsonWaiver<'a>>,
    rank: Option<usize>,
    points: Option<f64>,
    score: Option<f64>,
    /// Points behind rank 1.
    gap: Option<f64>,
    /// The rules that separate rank 1 from the decision.
    separating: Vec<JsonDifference<'a>>,
}

#[derive(Serialize)]
struct JsonWaiver<'a> {
    reason: &'a str,
    expires: &'a str,
}

#[derive(Serialize)]
struct JsonDifference<'a> {
    rule: &'a str,
    text: &'a str,
    source: &'a str,
    gap: f64,
}

#[derive(Serialize)]
struct JsonPack<'a> {
    fingerprint: &'a str,
    recorded: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRanked<'a> {
    rank: usize,
    language: &'a str,
    score: f64,
    points: f64,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    level: &'static str,
    code: &'static str,
    message: &'a str,
    line: Option<usize>,
}

/// The JSON object: verdict, decision, current ranking and findings.
pub fn json(
    pack: &Pack,
    file: &str,
    answers: &AnswersFile,
    tolerance: f64,
    assessment: &Assessment<'_>,
) -> Result<String, crate::error::Error> {
    let value = json_value(pack, file, answers, tolerance, assessment);
    super::json::pretty(&value)
}

/// The object [`json`] prints, for a report of many files.
pub fn json_value(
    pack: &Pack,
    file: &str,
    answers: &AnswersFile,
    tolerance: f64,
    assessment: &Assessment<'_>,
) -> serde_json::Value {
    let recorded = answers.decision.as_ref();
    let report = JsonReport {
        file,
        advisor_version: env!("CARGO_PKG_VERSION"),
        answers_from_flags: answers.set_by_flags.iter().map(|&q| pack.questions[q].id.as_ref()).collect(),
        verdict: assessment.verdict.word(),
        exit_code: assessment.verdict.exit_code(),
        tolerance,
        decision: assessment.standing.as_ref().map(|s| JsonDecision {
            language: &pack.languages[s.language].id,
            status: recorded.and_then(|d| d.status).map(|st| st.id()),
            date: recorded.and_then(|d| d.date.as_deref()),
            deciders: recorded.map_or(&[], |d| d.deciders.as_slice()),
            waiver: recorded
                .and_then(|d| d.waiver.as_ref())
                .map(|w| JsonWaiver { reason: &w.reason, expires: &w.expires }),
            rank: s.ranked.as_ref().map(|r| r.rank),
            points: s.ranked.as_ref().map(|r| r.points),
            score: s.ranked.as_ref().map(|r| r.score),
            gap: s.gap,
            separating: s
                .separating
                .iter()
                .map(|d| JsonDifference {
                    rule: &d.rule.id,
                    text: &d.rule.reason,
                    source: &d.rule.source,
                    gap: d.gap(),
                })
                .collect(),
        }),
        pack: JsonPack { fingerprint: &pack.fingerprint, recorded: answers.pack_fingerprint.as_deref() },
        ranking: assessment
            .evaluation
            .ranking
            .iter()
            .map(|r| JsonRanked {
                rank: r.rank,
                language: &pack.languages[r.language].id,
                score: r.score,
                points: r.points,
            })
            .collect(),
        excluded: assessment
            .evaluation
            .excluded
            .iter()
            .map(|x| pack.languages[x.language].id.as_ref())
            .collect(),
        findings: assessment
            .findings
            .iter()
            .map(|f| JsonFinding {
                level: f.level.word(),
                code: f.code,
                message: &f.message,
                line: f.at.map(|p| p.line),
            })
            .collect(),
    };
    serde_json::to_value(&report).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_github_requires() {
        assert_eq!(escape_data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(escape_property("dir,a:b.toml"), "dir%2Ca%3Ab.toml");
    }
}
