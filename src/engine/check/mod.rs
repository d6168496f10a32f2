//! `advisor check`'s judgement: does the decision recorded in an answers file still hold
//! under the current rule pack? Findings are data (what was found, with the languages, points
//! and dates involved); `report::check` words them. Pure: the command reads the file.

use super::{Difference, Evaluation, Ranked};
use crate::answers::{AnswersFile, Decision, Format, Status, Target, position};
use crate::error::Position;
use crate::model::{Exclusion, LangIdx};
use crate::pack::Pack;

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
#[derive(Debug, Clone)]
pub struct Finding<'p> {
    /// How serious.
    pub level: Level,
    /// What was found.
    pub kind: FindingKind<'p>,
    /// Where in the file (the `[decision]` language, the waiver, the fingerprint).
    pub at: Option<Position>,
}

/// What a finding is about, with the facts its message needs.
#[derive(Debug, Clone)]
pub enum FindingKind<'p> {
    /// The file has no `[decision]` table.
    NoDecision {
        /// `--strict` requires one.
        strict: bool,
    },
    /// The decision's status is not one in force (proposed, rejected ...).
    NotInForce {
        /// The recorded status.
        status: Option<Status>,
        /// `--strict` requires a decision in force.
        strict: bool,
    },
    /// The decision holds.
    Holds {
        /// The decided language.
        language: LangIdx,
        /// How it holds.
        how: Holding,
    },
    /// The decision holds, so its waiver is not needed.
    WaiverUnneeded {
        /// The waiver's expiry date.
        expires: String,
    },
    /// The decision does not hold, but an unexpired waiver keeps it.
    Waived {
        /// The decided language.
        language: LangIdx,
        /// The waiver's expiry date and reason.
        waiver: (String, String),
        /// Why the decision does not hold.
        problem: Problem<'p>,
    },
    /// The decision does not hold, and its waiver has expired.
    WaiverExpired {
        /// The decided language.
        language: LangIdx,
        /// The waiver's expiry date and reason.
        waiver: (String, String),
        /// Why the decision does not hold.
        problem: Problem<'p>,
    },
    /// The decision does not hold.
    Drift {
        /// The decided language.
        language: LangIdx,
        /// Why it does not hold.
        problem: Problem<'p>,
    },
    /// The rule pack changed since the answers were saved.
    PackChanged {
        /// The fingerprint the file records.
        recorded: String,
    },
    /// No fingerprint is recorded (reported under `--strict`).
    PackUnrecorded,
    /// The file loads rule packs of its own, which could make it pass its own check.
    FilePacks {
        /// The pack folders, as shown.
        folders: Vec<String>,
    },
}

impl<'p> FindingKind<'p> {
    /// A stable code for scripts and the JSON report: `decision-drift`, `waiver-expired` ...
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::NoDecision { .. } => "no-decision",
            FindingKind::NotInForce { .. } => "decision-not-in-force",
            FindingKind::Holds { .. } => "decision-holds",
            FindingKind::WaiverUnneeded { .. } => "waiver-unneeded",
            FindingKind::Waived { .. } => "decision-waived",
            FindingKind::WaiverExpired { .. } => "waiver-expired",
            FindingKind::Drift { .. } => "decision-drift",
            FindingKind::PackChanged { .. } => "pack-changed",
            FindingKind::PackUnrecorded => "pack-unrecorded",
            FindingKind::FilePacks { .. } => "file-packs",
        }
    }

    /// Whether the finding is about the decision itself (holds, drifts, waived, missing).
    pub fn is_about_the_decision(&self) -> bool {
        !matches!(
            self,
            FindingKind::PackChanged { .. } | FindingKind::PackUnrecorded | FindingKind::FilePacks { .. }
        )
    }

    /// The reason the decision does not hold, for the findings that have one.
    pub fn problem(&self) -> Option<&Problem<'p>> {
        match self {
            FindingKind::Waived { problem, .. }
            | FindingKind::WaiverExpired { problem, .. }
            | FindingKind::Drift { problem, .. } => Some(problem),
            _ => None,
        }
    }
}

/// A language's place: rank 1 and its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leader {
    /// The language that ranks first.
    pub language: LangIdx,
    /// Its points.
    pub points: f64,
}

/// How a decision that holds stands.
#[derive(Debug, Clone)]
pub enum Holding {
    /// It ties for rank 1 with these languages.
    Tied {
        /// The other languages in the tie.
        others: Vec<LangIdx>,
        /// Its points.
        points: f64,
    },
    /// It ranks first alone.
    First {
        /// Its points.
        points: f64,
    },
    /// It ranks lower, within the tolerance.
    WithinTolerance {
        /// Its place.
        place: Place,
        /// Rank 1.
        leader: Leader,
        /// The tolerance in points.
        tolerance: f64,
    },
}

/// A ranked language's place: rank, of how many, its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// 1-based rank.
    pub rank: usize,
    /// How many languages rank.
    pub of: usize,
    /// Its points.
    pub points: f64,
}

/// Why a decision does not hold.
#[derive(Debug, Clone)]
pub enum Problem<'p> {
    /// The decided language is excluded now.
    Excluded {
        /// The first knock-out that applies.
        by: Option<&'p Exclusion>,
        /// Rank 1, if any language ranks.
        leader: Option<Leader>,
    },
    /// It misses a requirement the answers state as hard, which rank 1 meets.
    Unmet {
        /// The requirements' titles.
        missed: Vec<&'p str>,
        /// Rank 1.
        leader: Leader,
    },
    /// It ranks further behind rank 1 than the tolerance.
    Behind {
        /// Its place.
        place: Place,
        /// Rank 1.
        leader: Leader,
        /// The tolerance in points.
        tolerance: f64,
    },
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
}

/// Where the recorded decision stands now.
#[derive(Debug, Clone)]
pub struct Standing<'p> {
    /// The decided language.
    pub language: LangIdx,
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
    pub findings: Vec<Finding<'p>>,
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
    let evaluation = super::evaluate(pack, &file.answers);
    let mut findings = Vec::new();
    let mut standing = None;
    let strict = options.strict;
    let undecided_level = if strict { Level::Error } else { Level::Notice };
    match file.decision.as_ref() {
        None => findings.push(Finding {
            level: undecided_level,
            kind: FindingKind::NoDecision { strict },
            at: None,
        }),
        Some(d) if !d.status.is_none_or(|s| s.in_force()) => findings.push(Finding {
            level: undecided_level,
            kind: FindingKind::NotInForce { status: d.status, strict },
            at: at(&["decision", "status"], Target::Value),
        }),
        Some(d) => standing = Some(judge_decision(&evaluation, d, &at, options, &mut findings)),
    }
    findings.extend(pack_finding(pack, file.pack_fingerprint.as_deref(), &at, strict));
    findings.sort_by_key(|f| f.level);
    let mut assessment = Assessment { evaluation, standing, findings, verdict: Verdict::Holds };
    assessment.verdict = verdict(&assessment);
    assessment
}

/// Where the key or value (`Target`) at a path is written in the answers file, if it is.
type Locate<'a> = &'a dyn Fn(&[&str], Target) -> Option<Position>;

/// Judges a decision in force: adds what was found to `findings` and returns where it stands.
fn judge_decision<'p>(
    evaluation: &Evaluation<'p>,
    decision: &Decision,
    at: Locate<'_>,
    options: &Options,
    findings: &mut Vec<Finding<'p>>,
) -> Standing<'p> {
    let language = decision.language;
    let ranked = evaluation.ranking.iter().find(|r| r.language == language).cloned();
    let judged = judge(evaluation, language, ranked.as_ref(), options.tolerance);
    let waiver = decision.waiver.as_ref().map(|w| (w.expires.clone(), w.reason.clone()));
    findings.extend(judged_findings(language, judged, waiver, at, &options.today));
    let leader = evaluation.ranking.first();
    let gap = ranked.as_ref().zip(leader).map(|(r, l)| l.points - r.points);
    let separating = match (&ranked, leader) {
        (Some(r), Some(l)) if r.rank > 1 => super::differences(l, r),
        _ => Vec::new(),
    };
    Standing { language, ranked, gap, separating }
}

/// The findings of the decided `language`'s judgement, given its waiver (expiry date and
/// reason), if any, which keeps a decision that does not hold until it expires (`today` is
/// past it).
fn judged_findings<'p>(
    language: LangIdx,
    judged: Result<Holding, Problem<'p>>,
    waiver: Option<(String, String)>,
    at: Locate<'_>,
    today: &str,
) -> Vec<Finding<'p>> {
    let waiver_at = || at(&["decision", "waiver"], Target::Key);
    let language_at = || at(&["decision", "language"], Target::Value);
    let expired = waiver.as_ref().is_some_and(|(expires, _)| expires.as_str() < today);
    match (judged, waiver) {
        (Ok(how), waiver) => {
            let holds = Finding {
                level: Level::Notice,
                kind: FindingKind::Holds { language, how },
                at: language_at(),
            };
            let unneeded = waiver.map(|(expires, _)| Finding {
                level: Level::Notice,
                kind: FindingKind::WaiverUnneeded { expires },
                at: waiver_at(),
            });
            std::iter::once(holds).chain(unneeded).collect()
        }
        (Err(problem), Some(waiver)) if !expired => vec![Finding {
            level: Level::Warning,
            kind: FindingKind::Waived { language, waiver, problem },
            at: waiver_at(),
        }],
        (Err(problem), Some(waiver)) => vec![Finding {
            level: Level::Error,
            kind: FindingKind::WaiverExpired { language, waiver, problem },
            at: waiver_at(),
        }],
        (Err(problem), None) => {
            vec![Finding {
                level: Level::Error,
                kind: FindingKind::Drift { language, problem },
                at: language_at(),
            }]
        }
    }
}

/// The finding about the rule pack: it changed since the file recorded its fingerprint
/// (`recorded`), or, under `strict`, no fingerprint is recorded.
fn pack_finding<'p>(
    pack: &Pack,
    recorded: Option<&str>,
    at: Locate<'_>,
    strict: bool,
) -> Option<Finding<'p>> {
    match recorded {
        Some(recorded) if recorded != pack.fingerprint => Some(Finding {
            level: if strict { Level::Error } else { Level::Warning },
            kind: FindingKind::PackChanged { recorded: recorded.to_string() },
            at: at(&["pack_fingerprint"], Target::Value),
        }),
        None if strict => {
            Some(Finding { level: Level::Warning, kind: FindingKind::PackUnrecorded, at: None })
        }
        _ => None,
    }
}

/// Adds the finding that the file loads rule packs of its own (`folders`, as shown), which
/// fails the check under `--strict`: a file that brings its own rules cannot vouch for itself.
pub fn flag_own_packs(
    assessment: &mut Assessment<'_>,
    folders: Vec<String>,
    at: Option<Position>,
    strict: bool,
) {
    let level = if strict { Level::Error } else { Level::Warning };
    assessment.findings.insert(0, Finding { level, kind: FindingKind::FilePacks { folders }, at });
    if strict {
        assessment.verdict = Verdict::Unverifiable;
    }
}

/// Rank 1 as a [`Leader`].
fn leader_of(ranked: &Ranked<'_>) -> Leader {
    Leader { language: ranked.language, points: ranked.points }
}

/// How the decided language stands: how it holds, or why it does not.
fn judge<'p>(
    evaluation: &Evaluation<'p>,
    language: LangIdx,
    ranked: Option<&Ranked<'p>>,
    tolerance: f64,
) -> Result<Holding, Problem<'p>> {
    let leader = evaluation.ranking.first();
    let Some(r) = ranked else {
        return Err(Problem::Excluded {
            by: evaluation.excluded.iter().find(|x| x.language == language).map(|x| x.by[0]),
            leader: leader.map(leader_of),
        });
    };
    let place = Place { rank: r.rank, of: evaluation.ranking.len(), points: r.points };
    match leader {
        // A tie with rank 1 holds: the order inside a tie means nothing.
        _ if r.tied => Ok(Holding::Tied {
            others: evaluation.tie().into_iter().filter(|&l| l != language).collect(),
            points: r.points,
        }),
        Some(l) if r.unmet.len() > l.unmet.len() => Err(Problem::Unmet {
            missed: r.unmet_beyond(l).iter().map(|u| u.title.as_ref()).collect(),
            leader: leader_of(l),
        }),
        Some(l) if r.rank > 1 && l.points - r.points > tolerance => {
            Err(Problem::Behind { place, leader: leader_of(l), tolerance })
        }
        Some(l) if r.rank > 1 => Ok(Holding::WithinTolerance { place, leader: leader_of(l), tolerance }),
        _ => Ok(Holding::First { points: r.points }),
    }
}

/// The verdict the findings add up to.
fn verdict(assessment: &Assessment<'_>) -> Verdict {
    let errors: Vec<&FindingKind<'_>> =
        assessment.findings.iter().filter(|f| f.level == Level::Error).map(|f| &f.kind).collect();
    let undecided =
        |k: &&FindingKind<'_>| matches!(k, FindingKind::NoDecision { .. } | FindingKind::NotInForce { .. });
    if !errors.is_empty() && errors.iter().all(undecided) {
        Verdict::Undecided
    } else if !errors.is_empty() {
        Verdict::Drift
    } else if assessment.findings.iter().any(|f| matches!(f.kind, FindingKind::Waived { .. })) {
        Verdict::Waived
    } else if assessment.standing.is_none() {
        Verdict::NoDecision
    } else {
        Verdict::Holds
    }
}

#[cfg(test)]
mod tests;
