//! Unit tests of `advisor check`'s judgement.

use super::*;

/// Judges a realtime chat system (Elixir leads) that records `decision`.
fn judge_chat(decision: &str, strict: bool) -> (Vec<(Level, &'static str)>, Verdict) {
    let pack = crate::pack::builtin();
    let text = format!(
        "version = 1\n[answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\n\
         process_scale = \"millions\"\n{decision}"
    );
    let file = crate::answers::parse("a.toml", &text, Format::Toml, &pack).unwrap();
    let options = Options { tolerance: 0.0, strict, today: "2026-12-01".into() };
    let a = assess(&pack, &file, &text, Format::Toml, &options);
    (a.findings.iter().map(|f| (f.level, f.kind.code())).collect(), a.verdict)
}

#[test]
fn findings_say_what_was_found_and_the_verdict_follows_their_levels() {
    let (found, verdict) = judge_chat("[decision]\nlanguage = \"elixir\"\n", false);
    assert_eq!(found, vec![(Level::Notice, "decision-holds")]);
    assert_eq!(verdict, Verdict::Holds);

    let (found, verdict) = judge_chat("[decision]\nlanguage = \"python\"\n", false);
    assert_eq!(found, vec![(Level::Error, "decision-drift")]);
    assert_eq!(verdict, Verdict::Drift);

    let waived =
        "[decision]\nlanguage = \"python\"\n[decision.waiver]\nreason = \"r\"\nexpires = \"2027-01-01\"\n";
    let (found, verdict) = judge_chat(waived, false);
    assert_eq!(found, vec![(Level::Warning, "decision-waived")]);
    assert_eq!(verdict, Verdict::Waived);

    let expired = waived.replace("2027-01-01", "2026-11-30");
    let (found, verdict) = judge_chat(&expired, false);
    assert_eq!(found, vec![(Level::Error, "waiver-expired")]);
    assert_eq!(verdict, Verdict::Drift);

    let (found, verdict) = judge_chat("", false);
    assert_eq!(found, vec![(Level::Notice, "no-decision")]);
    assert_eq!(verdict, Verdict::NoDecision);
    let (found, verdict) = judge_chat("", true);
    assert_eq!(found, vec![(Level::Error, "no-decision"), (Level::Warning, "pack-unrecorded")]);
    assert_eq!(verdict, Verdict::Undecided);
}

#[test]
fn a_decision_behind_rank_1_carries_its_place_and_the_leader() {
    let pack = crate::pack::builtin();
    let text = "version = 1\n[answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\n\
                process_scale = \"millions\"\n[decision]\nlanguage = \"go\"\n";
    let file = crate::answers::parse("a.toml", text, Format::Toml, &pack).unwrap();
    let options = Options { tolerance: 0.0, strict: false, today: "2026-12-01".into() };
    let a = assess(&pack, &file, text, Format::Toml, &options);
    let FindingKind::Drift { problem: Problem::Behind { place, leader, .. }, .. } = &a.findings[0].kind
    else {
        panic!("expected a drift behind rank 1, got {:?}", a.findings[0].kind);
    };
    assert_eq!(leader.language, a.evaluation.ranking[0].language);
    assert!(place.rank > 1 && leader.points > place.points);
    // A tolerance as wide as the gap lets it hold, within the tolerance.
    let options = Options { tolerance: leader.points - place.points, ..options };
    let a = assess(&pack, &file, text, Format::Toml, &options);
    assert!(matches!(a.findings[0].kind, FindingKind::Holds { how: Holding::WithinTolerance { .. }, .. }));
}
