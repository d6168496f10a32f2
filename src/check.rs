//! `advisor check`'s judgement: does the decision recorded in an answers file still hold
//! under the current rule pack? Pure: the command reads the file and renders the result.

use crate::answers::{AnswersFile, Format, Target, position};
use crate::engine::{self, Difference, Evaluation, Ranked};
use crate::error::Position;
use crate::pack::Pack;
use crate::text::signed;

/// How serious a finding is; any `Error` fails the check (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Fails the check.
    Error,
    /// Worth attention; does not fail unless `--strict` made it an error.
    Warning,
    /// Information.
    Notice,
}

impl Level {
    /// `error`, `warning`, `notice`: the words GitHub Actions and the JSON use.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

/// One thing the check found, located in the answers file where it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// How serious.
    pub level: Level,
    /// A stable code for scripts: `decision-drift`, `waiver-expired`, `pack-changed` ...
    pub code: &'static str,
    /// What was found, in a sentence or two.
    pub message: String,
    /// Where in the file (the `[decision]` language, the waiver, the fingerprint).
    pub at: Option<Position>,
}

/// The outcome in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The recorded decision still holds.
    Holds,
    /// It does not hold, but an unexpired waiver keeps it.
    Waived,
    /// No decision in force to check.
    NoDecision,
    /// No decision in force, and `--strict` requires one (exit code 1).
    Undecided,
    /// Something failed the check (exit code 1).
    Drift,
    /// `--strict`, and the file loads rule packs it names itself, so its check proves nothing
    /// (exit code 1).
    Unverifiable,
}

impl Verdict {
    /// `holds`, `waived`, `no_decision`, `undecided`, `drift`, `unverifiable`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Waived => "waived",
            Verdict::NoDecision => "no_decision",
            Verdict::Undecided => "undecided",
            Verdict::Drift => "drift",
            Verdict::Unverifiable => "unverifiable",
        }
    }

    /// The process exit code (contract section 5).
    pub fn exit_code(self) -> u8 {
        if matches!(self, Verdict::Drift | Verdict::Undecided | Verdict::Unverifiable) { 1 } else { 0 }
    }
}

/// How strictly to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// The decision holds if it is within this many points of rank 1.
    pub tolerance: f64,
    /// Missing decisions and a changed rule pack fail instead of warning.
    pub strict: bool,
    /// Today, `YYYY-MM-DD`, for waiver expiry.
    pub today: String,
    /// The answers file as messages name it.
    pub file: String,
}

/// Where the recorded decision stands now.
#[derive(Debug, Clone)]
pub struct Standing<'p> {
    /// The decided language.
    pub language: crate::model::LangIdx,
    /// Its place in the ranking, or `None` when excluded.
    pub ranked: Option<Ranked<'p>>,
    /// Points behind rank 1 (0 when it is rank 1; `None` when excluded).
    pub gap: Option<f64>,
    /// The rules that separate rank 1 from the decision, when it is not rank 1.
    pub separating: Vec<Difference<'p>>,
}

/// The whole judgement.
#[derive(Debug, Clone)]
pub struct Assessment<'p> {
    /// The current ranking.
    pub evaluation: Evaluation<'p>,
    /// Where the decision stands, when one is in force.
    pub standing: Option<Standing<'p>>,
    /// Everything found, most serious first.
    pub findings: Vec<Finding>,
    /// The outcome.
    pub verdict: Verdict,
}

/// Judges an answers file. `text` and `format` locate findings in the file.
pub fn assess<'p>(
    pack: &'p Pack,
    file: &AnswersFile,
    text: &str,
    format: Format,
    options: &Options,
) -> Assessment<'p> {
    let at = |path: &[&str], target| position(text, format, path, target);
    let evaluation = engine::evaluate(pack, &file.answers);
    let mut findings = Vec::new();
    let mut standing = None;
    let mut waived = false;
    let strict_level = if options.strict { Level::Error } else { Level::Warning };

    match file.decision.as_ref() {
        None => findings.push(Finding {
            level: if options.strict { Level::Error } else { Level::Notice },
            code: "no-decision",
            message: if options.strict {
                "There is no [decision] table, and --strict requires one.".into()
            } else {
                "There is no [decision] table, so there is nothing to check; add one (language = \"...\", status = \"accepted\") to have this file checked."
                    .into()
            },
            at: None,
        }),
        Some(d) if !d.status.is_none_or(|s| s.in_force()) => findings.push(Finding {
            level: if options.strict { Level::Error } else { Level::Notice },
            code: "decision-not-in-force",
            message: format!(
                "The decision's status is {}, so it is not checked{}.",
                d.status.map_or("", |s| s.id()),
                if options.strict { ", and --strict requires a decision in force" } else { "" }
            ),
            at: at(&["decision", "status"], Target::Value),
        }),
        Some(d) => {
            let name = &pack.languages[d.language].name;
            let decision_at = at(&["decision", "language"], Target::Value);
            let leader = evaluation.ranking.first();
            let ranked = evaluation.ranking.iter().find(|r| r.language == d.language).cloned();
            let leader_text = leader.map_or_else(
                || "no language ranks".to_string(),
                |l| {
                    format!(
                        "{} ranks first with {} points",
                        pack.languages[l.language].name,
                        signed(l.points)
                    )
                },
            );
            // Why it does not hold, or None when it does.
            let problem: Option<String> = match (&ranked, leader) {
                (None, _) => {
                    let by = evaluation.excluded.iter().find(|x| x.language == d.language).map(|x| x.by[0]);
                    let why = by.map_or(String::new(), |e| format!(" ({} [{}])", e.reason, e.source));
                    Some(format!("{name} is now excluded{why}; {leader_text}."))
                }
                // A tie with rank 1 holds: the order inside a tie means nothing.
                (Some(r), _) if r.tied => None,
                (Some(r), Some(l)) if r.unmet.len() > l.unmet.len() => {
                    let missed: Vec<&str> = r.unmet_beyond(l).iter().map(|u| u.title.as_ref()).collect();
                    Some(format!(
                        "{name} cannot meet a requirement the answers state as hard ({}), which {} meets; {leader_text}.",
                        missed.join("; "),
                        pack.languages[l.language].name
                    ))
                }
                (Some(r), Some(l)) if r.rank > 1 && l.points - r.points > options.tolerance => Some(format!(
                    "{leader_text}; {name} ranks {} of {} with {}, {} points behind (tolerance {}).",
                    r.rank,
                    evaluation.ranking.len(),
                    crate::text::signed_points(r.points),
                    trim(l.points - r.points),
                    trim(options.tolerance)
                )),
                _ => None,
            };
            let waiver = d.waiver.as_ref();
            let expired = waiver.is_some_and(|w| w.expires.as_str() < options.today.as_str());
            match (problem, waiver) {
                (None, _) => {
                    let r = ranked.as_ref().expect("a decision that holds is ranked");
                    let how = if r.tied {
                        let others: Vec<&str> = evaluation
                            .tie()
                            .into_iter()
                            .filter(|&l| l != d.language)
                            .map(|l| pack.languages[l].name.as_ref())
                            .collect();
                        format!(
                            "{name} ties for first with {} ({}).",
                            others.join(", "),
                            crate::text::signed_points(r.points)
                        )
                    } else if r.rank == 1 {
                        format!("{name} ranks first with {}.", crate::text::signed_points(r.points))
                    } else {
                        let gap = leader.map_or(0.0, |l| l.points - r.points);
                        format!(
                            "{name} ranks {} of {} with {}, {} behind {}, within the tolerance of {}.",
                            r.rank,
                            evaluation.ranking.len(),
                            crate::text::signed_points(r.points),
                            trim(gap),
                            leader.map_or("", |l| pack.languages[l.language].name.as_ref()),
                            trim(options.tolerance)
                        )
                    };
                    findings.push(Finding {
                        level: Level::Notice,
                        code: "decision-holds",
                        message: format!("The decision holds: {how}"),
                        at: decision_at,
                    });
                    if let Some(w) = waiver {
                        findings.push(Finding {
                            level: Level::Notice,
                            code: "waiver-unneeded",
                            message: format!(
                                "The waiver (until {}) is no longer needed: the decision holds without it.",
                                w.expires
                            ),
                            at: at(&["decision", "waiver"], Target::Key),
                        });
                    }
                }
                (Some(problem), Some(w)) if !expired => {
                    waived = true;
                    findings.push(Finding {
                        level: Level::Warning,
                        code: "decision-waived",
                        message: format!(
                            "The decision does not hold, but a waiver keeps it until {} (\"{}\"): {problem}",
                            w.expires, w.reason
                        ),
                        at: at(&["decision", "waiver"], Target::Key),
                    });
                }
                (Some(problem), Some(w)) => findings.push(Finding {
                    level: Level::Error,
                    code: "waiver-expired",
                    message: format!(
                        "The waiver expired on {} (\"{}\"), and the decision does not hold: {problem}",
                        w.expires, w.reason
                    ),
                    at: at(&["decision", "waiver"], Target::Key),
                }),
                (Some(problem), None) => findings.push(Finding {
                    level: Level::Error,
                    code: "decision-drift",
                    message: format!("The decision ({name}) does not hold: {problem}"),
                    at: decision_at,
                }),
            }
            let gap = ranked.as_ref().zip(leader).map(|(r, l)| l.points - r.points);
            let separating = match (&ranked, leader) {
                (Some(r), Some(l)) if r.rank > 1 => engine::differences(l, r),
                _ => Vec::new(),
            };
            standing = Some(Standing { language: d.language, ranked, gap, separating });
        }
    }

    match file.pack_fingerprint.as_deref() {
        Some(recorded) if recorded != pack.fingerprint => findings.push(Finding {
            level: strict_level,
            code: "pack-changed",
            message: format!(
                "The rule pack changed since these answers were saved (recorded {recorded}, now {}); \
                 review them with `advisor ask --answers {}`.",
                pack.fingerprint, options.file
            ),
            at: at(&["pack_fingerprint"], Target::Value),
        }),
        None if options.strict => findings.push(Finding {
            level: Level::Warning,
            code: "pack-unrecorded",
            message: format!(
                "No pack_fingerprint is recorded, so a change of the rule pack cannot be detected; \
                 `advisor ask --answers {}` records one.",
                options.file
            ),
            at: None,
        }),
        _ => {}
    }

    findings.sort_by_key(|f| f.level);
    let errors: Vec<&str> = findings.iter().filter(|f| f.level == Level::Error).map(|f| f.code).collect();
    let verdict = if !errors.is_empty()
        && errors.iter().all(|c| ["no-decision", "decision-not-in-force"].contains(c))
    {
        Verdict::Undecided
    } else if !errors.is_empty() {
        Verdict::Drift
    } else if waived {
        Verdict::Waived
    } else if standing.is_none() {
        Verdict::NoDecision
    } else {
        Verdict::Holds
    };
    Assessment { evaluation, standing, findings, verdict }
}

/// Points without a needless `.0`.
fn trim(points: f64) -> String {
    if points.fract() == 0.0 { format!("{points:.0}") } else { format!("{points:.1}") }
}
