//! The JSON report of the contract (section 4). Field order is fixed by the structs below,
//! and every list is in a deterministic order, so the same inputs give the same bytes.

use crate::engine::{Adjustment, CLOSE_MARGIN, Change, Evaluation, Lead, WhatIf};
use crate::model::Kind;
use crate::pack::Pack;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    ranking: Vec<Ranked<'a>>,
    excluded: Vec<Excluded<'a>>,
    /// What produced the report: the tool's version and the rule pack's fingerprint.
    advisor: Producer<'a>,
    /// The questions whose answers came from `--set` flags rather than the file.
    answers_from_flags: Vec<&'a str>,
    /// How far rank 1 is ahead of rank 2.
    lead: LeadJson,
    /// The hard requirements the answers state.
    requirements: Vec<RequirementJson<'a>>,
    /// Answers scored differently from the file: questions that do not apply, repeated options.
    adjustments: Vec<AdjustmentJson<'a>>,
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
struct Producer<'a> {
    version: &'static str,
    pack: &'a str,
    /// Team packs loaded on top of (or instead of) the built-in one, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    team_packs: Vec<TeamPack>,
}

/// A team pack folder and who named it: `file` (the answers file's `packs`), `env`
/// (ADVISOR_PACK) or `flag` (--pack).
#[derive(Serialize)]
struct TeamPack {
    path: String,
    named_by: &'static str,
}

#[derive(Serialize)]
struct LeadJson {
    /// `tie`, `requirements` (rank 2 misses more stated requirements), `points` or `alone`.
    kind: &'static str,
    /// Rank 1's points minus rank 2's (null when alone).
    margin: Option<f64>,
    /// Whether the lead is a tie or fewer than `CLOSE_MARGIN` points.
    close: bool,
}

#[derive(Serialize)]
struct RequirementJson<'a> {
    id: &'a str,
    title: &'a str,
    /// The languages that cannot meet it.
    unmet_by: Vec<&'a str>,
    reason: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct AdjustmentJson<'a> {
    question: &'a str,
    /// `not_asked` (the question's condition fails: its default is scored) or `repeated`.
    kind: &'static str,
    /// The options not scored (for `not_asked`, the answer given), and for `repeated` the
    /// question they repeat.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<&'a str>,
}

#[derive(Serialize)]
struct Ranked<'a> {
    rank: usize,
    language: &'a str,
    name: &'a str,
    score: f64,
    /// The sum of the reasons' points, before the 0-100 mapping.
    points: f64,
    /// Whether it ties with rank 1 (rank 1 included).
    tied: bool,
    /// The stated hard requirements it cannot meet.
    unmet: Vec<Cited<'a>>,
    reasons: Vec<Reason<'a>>,
    /// Rules that fired but count nothing: restatements of a counted fact, idle offsets.
    set_aside: Vec<Reason<'a>>,
    caveats: Vec<Cited<'a>>,
}

#[derive(Serialize)]
struct Reason<'a> {
    text: &'a str,
    points: f64,
    source: &'a str,
    rule: &'a str,
    /// The points as written, when a fact group or an offset limit counts fewer.
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<f64>,
    /// Why it counts fewer points than written.
    #[serde(skip_serializing_if = "Option::is_none")]
    limited: Option<String>,
    /// Team packs that changed this rule's points, and why.
    #[serde(skip_serializing_if = "<[crate::model::Text]>::is_empty")]
    adjusted: &'a [crate::model::Text],
}

/// A rule that fired for a language, with its points and, when it counts fewer than written,
/// why.
fn reason<'a>(r: &crate::engine::Reason<'a>) -> Reason<'a> {
    Reason {
        text: &r.rule.reason,
        points: r.points,
        source: &r.rule.source,
        rule: &r.rule.id,
        written: r.limit.map(|_| r.written),
        limited: super::limit_note(r),
        adjusted: &r.rule.adjusted,
    }
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

/// Pretty JSON with a final newline; a value that cannot be written is an error, never a
/// stand-in document.
pub fn pretty<T: Serialize>(value: &T) -> Result<String, crate::error::Error> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| crate::error::Error::Usage(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// The report of `recommend --format json`.
pub fn render(ctx: &super::Context<'_>, evaluation: &Evaluation<'_>) -> Result<String, crate::error::Error> {
    report(ctx.pack, evaluation, ctx.what_if, &ctx.file.set_by_flags, ctx.packs)
}

/// The report as pretty-printed JSON with a final newline, for answers of which `set_by_flags`
/// came from `--set`.
pub fn report(
    pack: &Pack,
    evaluation: &Evaluation<'_>,
    what_if: &WhatIf,
    set_by_flags: &[crate::model::QuestionIdx],
    packs: Option<&crate::pack::PackSet>,
) -> Result<String, crate::error::Error> {
    let report = Report {
        advisor: Producer {
            version: env!("CARGO_PKG_VERSION"),
            pack: &pack.fingerprint,
            team_packs: team_packs(packs),
        },
        answers_from_flags: set_by_flags.iter().map(|&q| pack.questions[q].id.as_ref()).collect(),
        lead: lead(evaluation),
        requirements: requirements(pack, evaluation),
        adjustments: evaluation.adjustments.iter().map(|a| adjustment(pack, a)).collect(),
        what_if_tried: what_if.tried,
        what_if: what_if.flips.iter().map(|c| flip(pack, c)).collect(),
        ranking: evaluation.ranking.iter().map(|r| ranked(pack, r)).collect(),
        excluded: evaluation.excluded.iter().map(|x| excluded(pack, x)).collect(),
    };
    pretty(&report)
}

/// The team pack folders loaded, in order, each with who named it (none without a pack set).
fn team_packs(packs: Option<&crate::pack::PackSet>) -> Vec<TeamPack> {
    packs.map_or_else(Vec::new, |set| {
        set.dirs
            .iter()
            .zip(&set.from)
            .map(|(dir, from)| TeamPack {
                path: dir.display().to_string(),
                named_by: match from {
                    crate::pack::PackFrom::File(_) => "file",
                    crate::pack::PackFrom::Env => "env",
                    crate::pack::PackFrom::Flag => "flag",
                },
            })
            .collect()
    })
}

/// How far rank 1 is ahead of rank 2, and whether that lead is close.
fn lead(evaluation: &Evaluation<'_>) -> LeadJson {
    match evaluation.lead() {
        Lead::Alone => LeadJson { kind: "alone", margin: None, close: false },
        Lead::Tie => LeadJson { kind: "tie", margin: Some(0.0), close: true },
        Lead::Requirements => LeadJson {
            kind: "requirements",
            margin: Some(evaluation.ranking[0].points - evaluation.ranking[1].points),
            close: false,
        },
        Lead::Points(m) => {
            // A second that misses more stated requirements cannot catch up on points.
            let same_requirements = evaluation.ranking[1].unmet.len() == evaluation.ranking[0].unmet.len();
            LeadJson { kind: "points", margin: Some(m), close: m < CLOSE_MARGIN && same_requirements }
        }
    }
}

/// The hard requirements the answers state, each with the ids of the languages that cannot
/// meet it.
fn requirements<'a>(pack: &'a Pack, evaluation: &Evaluation<'a>) -> Vec<RequirementJson<'a>> {
    evaluation
        .requirements
        .iter()
        .map(|r| RequirementJson {
            id: &r.id,
            title: &r.title,
            unmet_by: r.languages.iter().map(|&l| pack.languages[l].id.as_ref()).collect(),
            reason: &r.reason,
            source: &r.source,
        })
        .collect()
}

/// One answer scored differently from the file: a question that does not apply, or options
/// that repeat another question's.
fn adjustment<'a>(pack: &'a Pack, adjustment: &Adjustment) -> AdjustmentJson<'a> {
    match adjustment {
        Adjustment::NotAsked { question, given } => {
            let q = &pack.questions[*question];
            AdjustmentJson {
                question: &q.id,
                kind: "not_asked",
                options: given.iter().map(|o| q.options[o].id.as_ref()).collect(),
                of: None,
            }
        }
        Adjustment::Repeated { question, options, of } => {
            let q = &pack.questions[*question];
            AdjustmentJson {
                question: &q.id,
                kind: "repeated",
                options: options.iter().map(|o| q.options[o].id.as_ref()).collect(),
                of: Some(&pack.questions[*of].id),
            }
        }
    }
}

/// One single-answer change that changes rank 1: the new answer, as the file would spell it,
/// and the new rank 1 with its score.
fn flip<'a>(pack: &'a Pack, change: &Change) -> Flip<'a> {
    let q = &pack.questions[change.question];
    let ids: Vec<&str> = change.answer.iter().map(|o| q.options[o].id.as_ref()).collect();
    Flip {
        question: &q.id,
        answer: match q.kind {
            Kind::Single => serde_json::json!(ids.first().copied().unwrap_or_default()),
            Kind::Multi => serde_json::json!(ids),
        },
        toggled: change.toggled.map(|(o, _)| q.options[o].id.as_ref()),
        language: change.top.map(|(l, _)| pack.languages[l].id.as_ref()),
        score: change.top.map(|(_, s)| s),
    }
}

/// One ranked language's entry: its rank, score and points, the requirements it misses, its
/// reasons (counted and set aside) and its caveats.
fn ranked<'a>(pack: &'a Pack, r: &crate::engine::Ranked<'a>) -> Ranked<'a> {
    let lang = &pack.languages[r.language];
    Ranked {
        rank: r.rank,
        language: &lang.id,
        name: &lang.name,
        score: r.score,
        points: r.points,
        tied: r.tied,
        unmet: r.unmet.iter().map(|u| Cited { text: &u.reason, source: &u.source, rule: &u.id }).collect(),
        reasons: r.reasons.iter().map(reason).collect(),
        set_aside: r.set_aside.iter().map(reason).collect(),
        caveats: r.caveats.iter().map(|c| Cited { text: &c.text, source: &c.source, rule: &c.id }).collect(),
    }
}

/// One excluded language's entry: the first knock-out that applies, and the others after it.
fn excluded<'a>(pack: &'a Pack, x: &crate::engine::Excluded<'a>) -> Excluded<'a> {
    let lang = &pack.languages[x.language];
    let first = x.by[0];
    Excluded {
        language: &lang.id,
        name: &lang.name,
        reason: &first.reason,
        source: &first.source,
        rule: &first.id,
        also: x.by[1..].iter().map(|e| Cited { text: &e.reason, source: &e.source, rule: &e.id }).collect(),
    }
}
