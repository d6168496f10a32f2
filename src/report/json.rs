//! The JSON report of the contract (section 4). Field order is fixed by the structs below,
//! and every list is in a deterministic order, so the same inputs give the same bytes.

use crate::engine::Evaluation;
use crate::pack::Pack;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    ranking: Vec<Ranked<'a>>,
    excluded: Vec<Excluded<'a>>,
}

#[derive(Serialize)]
struct Ranked<'a> {
    rank: usize,
    language: &'a str,
    name: &'a str,
    score: f64,
    /// The sum of the reasons' points, before the 0-100 mapping.
    points: f64,
    reasons: Vec<Reason<'a>>,
    caveats: Vec<Cited<'a>>,
}

#[derive(Serialize)]
struct Reason<'a> {
    text: &'a str,
    points: f64,
    source: &'a str,
    rule: &'a str,
}

#[derive(Serialize)]
struct Cited<'a> {
    text: &'a str,
    source: &'a str,
    rule: &'a str,
}

#[derive(Serialize)]
struct Excluded<'a> {
    language: &'a str,
    name: &'a str,
    reason: &'a str,
    source: &'a str,
    rule: &'a str,
    /// Further knock-outs that also apply, after the first.
    also: Vec<Cited<'a>>,
}

/// The report as pretty-printed JSON with a final newline.
pub fn render(pack: &Pack, evaluation: &Evaluation<'_>) -> String {
    let report = Report {
        ranking: evaluation
            .ranking
            .iter()
            .map(|r| {
                let lang = &pack.languages[r.language];
                Ranked {
                    rank: r.rank,
                    language: &lang.id,
                    name: &lang.name,
                    score: r.score,
                    points: r.points,
                    reasons: r
                        .reasons
                        .iter()
                        .map(|reason| Reason {
                            text: &reason.rule.reason,
                            points: reason.points,
                            source: &reason.rule.source,
                            rule: &reason.rule.id,
                        })
                        .collect(),
                    caveats: r
                        .caveats
                        .iter()
                        .map(|c| Cited { text: &c.text, source: &c.source, rule: &c.id })
                        .collect(),
                }
            })
            .collect(),
        excluded: evaluation
            .excluded
            .iter()
            .map(|x| {
                let lang = &pack.languages[x.language];
                let first = x.by[0];
                Excluded {
                    language: &lang.id,
                    name: &lang.name,
                    reason: &first.reason,
                    source: &first.source,
                    rule: &first.id,
                    also: x.by[1..]
                        .iter()
                        .map(|e| Cited { text: &e.reason, source: &e.source, rule: &e.id })
                        .collect(),
                }
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
