//! `advisor check --format json`: one object per answers file, with the verdict, the
//! decision's standing, the ranking and every finding.

use crate::answers::AnswersFile;
use crate::engine::check::Assessment;
use crate::error::Error;
use crate::pack::Pack;
use serde::Serialize;

/// The JSON entry of a file that could not be checked.
pub fn malformed_json(file: &str, error: &Error) -> serde_json::Value {
    let errors: Vec<serde_json::Value> = match error {
        Error::Invalid(problems) => problems
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
    findings: Vec<JsonFinding>,
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
struct JsonFinding {
    level: &'static str,
    code: &'static str,
    message: String,
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
    crate::report::json::pretty(&json_value(pack, file, answers, tolerance, assessment)?)
}

/// The object [`json`] prints, for a report of many files.
pub fn json_value(
    pack: &Pack,
    file: &str,
    answers: &AnswersFile,
    tolerance: f64,
    assessment: &Assessment<'_>,
) -> Result<serde_json::Value, Error> {
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
                code: f.kind.code(),
                message: super::message(pack, &f.kind, file),
                line: f.at.map(|p| p.line),
            })
            .collect(),
    };
    serde_json::to_value(&report)
        .map_err(|e| Error::Usage(format!("cannot write the JSON report of {file}: {e}")))
}
