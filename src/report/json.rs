//! The JSON report of the contract (section 4). Field order is fixed by the structs below,
//! and every list is in a deterministic order, so the same inputs give the same bytes.

use crate::engine::{Evaluation, WhatIf};
use crate::model::Kind;
use crate::pack::Pack;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    ranking: Vec<Ranked<'a>>,
    excluded: Vec<Excluded<'a>>,
    /// Every single-answer change that changes rank 1.
    what_if: Vec<Flip<'a>>,
    /// How many single-answer changes were tried.
    what_if_tried: usize,
}

#[derive(Serialize)]
struct Flip<'a> {
    question: &'a str,
    /// The new answer: an option id, or a list of them for a multi-choice question.
    answer: serde_json::Value,
    /// For a multi-choice question, the option added or removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    toggled: Option<&'a str>,
    /// The new rank 1 (null when every language would be excluded) and its score.
    language: Option<&'a str>,
    score: Option<f64>,
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
    /// Team packs that changed this rule's points, and why.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    adjusted: &'a [String],
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
pub fn render(pack: &Pack, evaluation: &Evaluation<'_>, what_if: &WhatIf) -> String {
    let report = Report {
        what_if_tried: what_if.tried,
        what_if: what_if
            .flips
            .iter()
            .map(|c| {
                let q = &pack.questions[c.question];
                let ids: Vec<&str> = c.answer.iter().map(|o| q.options[o].id.as_str()).collect();
                Flip {
                    question: &q.id,
                    answer: match q.kind {
                        Kind::Single => serde_json::json!(ids.first().copied().unwrap_or_default()),
                        Kind::Multi => serde_json::json!(ids),
                    },
                    toggled: c.toggled.map(|(o, _)| q.options[o].id.as_str()),
                    language: c.top.map(|(l, _)| pack.languages[l].id.as_str()),
                    score: c.top.map(|(_, s)| s),
                }
            })
            .collect(),
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
                            adjusted: &reason.rule.adjusted,
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
