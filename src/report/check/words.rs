//! Each finding of `advisor check` in words, and the one line a check of many files gives
//! each file.

use crate::engine::check::{Assessment, FindingKind, Holding, Leader, Problem, Verdict};
use crate::model::LangIdx;
use crate::pack::Pack;
use crate::text::{signed, signed_points};

/// A finding in words. `file` is the answers file as shown: some messages say how to act on it.
pub fn message(pack: &Pack, kind: &FindingKind<'_>, file: &str) -> String {
    let name = |l: LangIdx| pack.languages[l].name.as_ref();
    match kind {
        FindingKind::NoDecision { strict: true } => {
            "There is no [decision] table, and --strict requires one.".into()
        }
        FindingKind::NoDecision { strict: false } => {
            "There is no [decision] table, so there is nothing to check; \
             add one (language = \"...\", status = \"accepted\") to have this file checked."
                .into()
        }
        FindingKind::NotInForce { status, strict } => format!(
            "The decision's status is {}, so it is not checked{}.",
            status.map_or("", |s| s.id()),
            if *strict { ", and --strict requires a decision in force" } else { "" }
        ),
        FindingKind::Holds { language, how } => {
            format!("The decision holds: {}", holding(pack, *language, how))
        }
        FindingKind::WaiverUnneeded { expires } => {
            format!("The waiver (until {expires}) is no longer needed: the decision holds without it.")
        }
        FindingKind::Waived { language, waiver: (expires, reason), problem } => format!(
            "The decision does not hold, but a waiver keeps it until {expires} (\"{reason}\"): {}",
            self::problem(pack, *language, problem)
        ),
        FindingKind::WaiverExpired { language, waiver: (expires, reason), problem } => format!(
            "The waiver expired on {expires} (\"{reason}\"), and the decision does not hold: {}",
            self::problem(pack, *language, problem)
        ),
        FindingKind::Drift { language, problem } => {
            format!(
                "The decision ({}) does not hold: {}",
                name(*language),
                self::problem(pack, *language, problem)
            )
        }
        FindingKind::PackChanged { recorded } => format!(
            "The rule pack changed since these answers were saved (recorded {recorded}, now {}); \
             review them with `advisor ask --answers {file}`.",
            pack.fingerprint
        ),
        FindingKind::PackUnrecorded => format!(
            "No pack_fingerprint is recorded, so a change of the rule pack cannot be detected; \
             `advisor ask --answers {file}` records one."
        ),
        FindingKind::FilePacks { folders } => format!(
            "{file} loads its own rule pack ({}): rules a file brings can make it pass its own check; \
             in CI, run `advisor check --no-file-packs` (or set ADVISOR_NO_FILE_PACKS=1)",
            folders.join(", ")
        ),
    }
}

/// How a decision that holds stands, in a sentence.
fn holding(pack: &Pack, language: LangIdx, how: &Holding) -> String {
    let name = &pack.languages[language].name;
    match how {
        Holding::Tied { others, points } => {
            let others: Vec<&str> = others.iter().map(|&l| pack.languages[l].name.as_ref()).collect();
            format!("{name} ties for first with {} ({}).", others.join(", "), signed_points(*points))
        }
        Holding::First { points } => format!("{name} ranks first with {}.", signed_points(*points)),
        Holding::WithinTolerance { place, leader, tolerance } => format!(
            "{name} ranks {} of {} with {}, {} behind {}, within the tolerance of {}.",
            place.rank,
            place.of,
            signed_points(place.points),
            trim(leader.points - place.points),
            pack.languages[leader.language].name,
            trim(*tolerance)
        ),
    }
}

/// Why a decision does not hold, in a sentence.
fn problem(pack: &Pack, language: LangIdx, problem: &Problem<'_>) -> String {
    let name = &pack.languages[language].name;
    let leads = |leader: &Leader| {
        format!("{} ranks first with {} points", pack.languages[leader.language].name, signed(leader.points))
    };
    match problem {
        Problem::Excluded { by, leader } => {
            let why = by.map_or(String::new(), |e| format!(" ({} [{}])", e.reason, e.source));
            let leader = leader.as_ref().map_or_else(|| "no language ranks".to_string(), leads);
            format!("{name} is now excluded{why}; {leader}.")
        }
        Problem::Unmet { missed, leader } => format!(
            "{name} cannot meet a requirement the answers state as hard ({}), which {} meets; {}.",
            missed.join("; "),
            pack.languages[leader.language].name,
            leads(leader)
        ),
        Problem::Behind { place, leader, tolerance } => format!(
            "{}; {name} ranks {} of {} with {}, {} points behind (tolerance {}).",
            leads(leader),
            place.rank,
            place.of,
            signed_points(place.points),
            trim(leader.points - place.points),
            trim(*tolerance)
        ),
    }
}

/// Points without a needless `.0`.
fn trim(points: f64) -> String {
    if points.fract() == 0.0 { format!("{points:.0}") } else { format!("{points:.1}") }
}

/// The one line a check of many files gives a file: how its decision stands (the verdict is
/// printed before it, so "The decision holds" is not said again).
pub fn summary(pack: &Pack, file: &str, assessment: &Assessment<'_>) -> String {
    if let (Verdict::NoDecision | Verdict::Undecided, Some(first)) =
        (assessment.verdict, assessment.evaluation.ranking.first())
    {
        return format!("no [decision]; {} ranks first", pack.languages[first.language].name);
    }
    let main = assessment
        .findings
        .iter()
        .find(|f| f.kind.is_about_the_decision() && !matches!(f.kind, FindingKind::NoDecision { .. }))
        .or_else(|| assessment.findings.first());
    match main.map(|f| &f.kind) {
        None => String::new(),
        Some(FindingKind::Holds { language, how }) => holding(pack, *language, how),
        Some(FindingKind::Drift { language, problem } | FindingKind::Waived { language, problem, .. }) => {
            self::problem(pack, *language, problem)
        }
        Some(kind) => message(pack, kind, file),
    }
}
