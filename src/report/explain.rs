//! `advisor explain`: one language's score taken apart: every rule that fired, its caveats,
//! why it is excluded if it is, the gap to rank 1 and the rules that make it, and the single
//! answers that would put it first.

use super::{describe_change, limit_note, points_text, signed, wrap};
use crate::engine::{self, Evaluation, Ranked};
use crate::model::LangIdx;
use crate::pack::Pack;
use std::fmt;

/// How many separating rules to list (half on each side).
const SEPARATING: usize = 12;

/// The explanation as text, wrapped to `width`.
pub fn render(
    pack: &Pack,
    file: &crate::answers::AnswersFile,
    source: &str,
    evaluation: &Evaluation<'_>,
    language: LangIdx,
    width: usize,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    let answers = &file.answers;
    let name = &pack.languages[language].name;
    let ranked = evaluation.ranking.iter().find(|r| r.language == language);
    let breakdown = engine::breakdown(pack, answers, language);

    let standing = match ranked {
        Some(r) => format!(
            "{name}: rank {} of {}, score {:.1} ({}), for {source}",
            r.rank,
            evaluation.ranking.len(),
            r.score,
            super::signed_points(r.points)
        ),
        None => format!("{name}: excluded, for {source}"),
    };
    out.write_str(&wrap(&standing, width, "", "  "))?;
    if let Some(line) = super::flags_line(pack, file) {
        out.write_str(&wrap(&line, width, "", "  "))?;
    }
    if let Some(x) = evaluation.excluded.iter().find(|x| x.language == language) {
        out.write_str("\nWhy it is excluded:\n")?;
        for e in &x.by {
            out.write_str(&wrap(
                &format!("{} [{}] (rule {})", e.reason, e.source, e.id),
                width,
                "  - ",
                "    ",
            ))?;
        }
    }
    unmet(out, name, &breakdown.unmet, width)?;
    rules(out, name, ranked.is_some(), &breakdown, width)?;
    caveats(out, &breakdown, width)?;
    if let (Some(r), Some(leader)) = (ranked, evaluation.ranking.first()) {
        let (first, second, heading) = gap(pack, evaluation, r, leader);
        out.write_str(&wrap(&heading[1..], width, "\n", "  "))?;
        separating(out, pack, first, second, width)?;
    }
    if ranked.is_none_or(|r| r.rank > 1) {
        paths_to_first(out, pack, answers, language, width)?;
    }
    Ok(())
}

/// The hard requirements the answers state that the language cannot meet.
fn unmet(
    out: &mut impl fmt::Write,
    name: &str,
    unmet: &[&crate::model::Requirement],
    width: usize,
) -> fmt::Result {
    if unmet.is_empty() {
        return Ok(());
    }
    out.write_str(&wrap(
        &format!(
            "\nRequirements your answers state as hard that {name} cannot meet (it ranks below every language that meets more of them, whatever the points):"
        )[1..],
        width,
        "\n",
        "",
    ))?;
    for r in unmet {
        let line = format!("{}: {} [{}] (requirement {})", r.title, r.reason, r.source, r.id);
        out.write_str(&wrap(&line, width, "  - ", "    "))?;
    }
    Ok(())
}

/// Every rule that fired, pros then cons, strongest first, with their adjustments and limits;
/// then those that fired but count nothing.
fn rules(
    out: &mut impl fmt::Write,
    name: &str,
    is_ranked: bool,
    breakdown: &engine::Breakdown<'_>,
    width: usize,
) -> fmt::Result {
    let engine::Breakdown { points: total, reasons, set_aside, .. } = breakdown;
    let heading = match (is_ranked, reasons.is_empty()) {
        (_, true) => format!("\nNo rule fires for {name} with these answers.\n"),
        (true, false) => format!("\nRules that fired for {name} ({} points in all):\n", signed(*total)),
        (false, false) => {
            format!("\nRules that would fire if it were not excluded ({} points):\n", signed(*total))
        }
    };
    out.write_str(&wrap(&heading[1..], width, "\n", "  "))?;
    // Pros strongest first, then cons strongest first.
    let pros = reasons.iter().filter(|r| r.points > 0.0);
    for r in pros.chain(reasons.iter().rev().filter(|r| r.points < 0.0)) {
        let line = format!("{}: {} [{}]", r.rule.id, r.text(), r.sources());
        out.write_str(&wrap(&line, width, &format!("  {:>4}  ", signed(r.points)), "        "))?;
        for note in r.rule.adjusted.iter() {
            out.write_str(&wrap(&format!("(points changed by {note})"), width, "        ", "         "))?;
        }
        if let Some(note) = limit_note(r) {
            out.write_str(&wrap(&format!("({note})"), width, "        ", "         "))?;
        }
    }
    if !set_aside.is_empty() {
        out.write_str(&wrap("Rules that fired but count nothing here:", width, "\n", "  "))?;
        for r in set_aside {
            let note = limit_note(r).unwrap_or_default();
            let line = format!("{}: {} [{}] ({note})", r.rule.id, r.rule.reason, r.rule.source);
            out.write_str(&wrap(&line, width, &format!("  {:>4}  ", signed(r.written)), "        "))?;
        }
    }
    Ok(())
}

/// The caveats not already given with the rules above.
fn caveats(out: &mut impl fmt::Write, breakdown: &engine::Breakdown<'_>, width: usize) -> fmt::Result {
    out.write_str("\nCaveats:\n")?;
    let apart = engine::caveats_apart(&breakdown.caveats, &breakdown.reasons);
    if apart.is_empty() {
        out.write_str(if breakdown.caveats.is_empty() {
            "  none recorded\n"
        } else {
            "  none apart from those given with the rules above\n"
        })?;
    }
    for c in &apart {
        out.write_str(&wrap(&format!("{} [{}]", c.text, c.source), width, "  - ", "    "))?;
    }
    Ok(())
}

/// The two languages whose rules to compare and the heading that says why: for rank 1 (or a
/// language tied for it), the next language; for any other, the leader.
fn gap<'a, 'p>(
    pack: &Pack,
    evaluation: &'a Evaluation<'p>,
    r: &'a Ranked<'p>,
    leader: &'a Ranked<'p>,
) -> (&'a Ranked<'p>, &'a Ranked<'p>, String) {
    let name = &pack.languages[r.language].name;
    if r.rank == 1 || (r.tied && leader.tied) {
        let other = evaluation.ranking.iter().find(|o| o.language != r.language);
        match (evaluation.lead(), other) {
            (_, None) | (engine::Lead::Alone, _) => {
                (r, r, format!("\n{name} is the only language ranked.\n"))
            }
            (engine::Lead::Tie, Some(next)) => (
                r,
                next,
                format!(
                    "\n{name} ties for first with {} ({} points each). The rules that would separate them, which cancel out here:\n",
                    pack.languages[next.language].name,
                    signed(r.points)
                ),
            ),
            (engine::Lead::Requirements, Some(next)) => (
                r,
                next,
                format!(
                    "\n{name} ranks first because {}, though {} ahead on points, misses more of the requirements you stated. What separates them on points:\n",
                    pack.languages[next.language].name,
                    points_text(next.points - r.points)
                ),
            ),
            (engine::Lead::Points(margin), Some(next)) => (
                r,
                next,
                format!(
                    "\n{name} ranks first, {} ahead of {}. What keeps it ahead:\n",
                    points_text(margin),
                    pack.languages[next.language].name
                ),
            ),
        }
    } else if r.unmet.len() > leader.unmet.len() {
        let leader_name = &pack.languages[leader.language].name;
        let on_points = if leader.points >= r.points {
            format!("on points too, {leader_name} leads by {}", points_text(leader.points - r.points))
        } else {
            format!("on points, {name} leads by {}", points_text(r.points - leader.points))
        };
        (
            r,
            leader,
            format!(
                "\nGap to rank 1: {leader_name} meets requirements that {name} does not (above), so it ranks higher whatever the points; {on_points}. The rules that make the difference (points for {name}):\n",
            ),
        )
    } else {
        (
            r,
            leader,
            format!(
                "\nGap to rank 1: {} leads with {} points, {} ahead of {name}. The rules that make the difference (points for {name}):\n",
                pack.languages[leader.language].name,
                signed(leader.points),
                points_text(leader.points - r.points)
            ),
        )
    }
}

/// The rules that separate `first` from `second`, the widest gaps on each side first.
fn separating(
    out: &mut impl fmt::Write,
    pack: &Pack,
    first: &Ranked<'_>,
    second: &Ranked<'_>,
    width: usize,
) -> fmt::Result {
    let (a, b) = (&pack.languages[first.language].name, &pack.languages[second.language].name);
    let differences = engine::differences(first, second);
    let shown = engine::separation(&differences, SEPARATING / 2);
    for d in shown.favour.iter().chain(&shown.against) {
        let line = format!(
            "{}: {} [{}] ({a} {}, {b} {})",
            d.rule.id,
            d.rule.reason,
            d.rule.source,
            signed(d.first),
            signed(d.second)
        );
        out.write_str(&wrap(&line, width, &format!("  {:>4}  ", signed(d.gap())), "        "))?;
    }
    if shown.hidden > 0 {
        let line = format!("from {} more rules", shown.hidden);
        out.write_str(&wrap(&line, width, &format!("  {:>4}  ", signed(shown.hidden_gap)), "        "))?;
    }
    Ok(())
}

/// The single answer changes that would put the language first, or that none would.
fn paths_to_first(
    out: &mut impl fmt::Write,
    pack: &Pack,
    answers: &crate::model::Answers,
    language: LangIdx,
    width: usize,
) -> fmt::Result {
    let name = &pack.languages[language].name;
    let paths = engine::paths_to_first(pack, answers, language);
    if paths.is_empty() {
        return out.write_str(&wrap(
            &format!("No single answer change would put {name} first."),
            width,
            "\n",
            "  ",
        ));
    }
    out.write_str(&wrap(&format!("Single answer changes that would put {name} first:"), width, "\n", "  "))?;
    for c in &paths {
        let score = c.top.map_or(0.0, |(_, s)| s);
        out.write_str(&wrap(
            &format!("{} (score {score:.1})", describe_change(pack, c)),
            width,
            "  - ",
            "    ",
        ))?;
    }
    Ok(())
}

/// The same facts as JSON: standing, missed requirements, exclusions, every rule that counts or
/// is set aside, caveats, the rules that separate it from rank 1, and the single answers that
/// would put it first.
pub fn json(
    pack: &Pack,
    file: &crate::answers::AnswersFile,
    evaluation: &Evaluation<'_>,
    language: LangIdx,
) -> Result<String, crate::error::Error> {
    let answers = &file.answers;
    use serde_json::{Value, json};
    let lang = &pack.languages[language];
    let ranked = evaluation.ranking.iter().find(|r| r.language == language);
    let engine::Breakdown { points, reasons, set_aside, caveats, unmet } =
        engine::breakdown(pack, answers, language);
    let reason = |r: &engine::Reason<'_>| {
        json!({
            "rule": r.rule.id,
            "text": r.rule.reason,
            "points": r.points,
            "written": r.written,
            "limited": limit_note(r),
            "source": r.rule.source,
        })
    };
    let excluded: Vec<Value> = evaluation
        .excluded
        .iter()
        .filter(|x| x.language == language)
        .flat_map(|x| x.by.iter().map(|e| json!({"rule": e.id, "text": e.reason, "source": e.source})))
        .collect();
    let separating: Vec<Value> = match (ranked, evaluation.ranking.first()) {
        (Some(r), Some(leader)) if r.rank > 1 => engine::differences(leader, r)
            .iter()
            .map(|d| {
                json!({
                    "rule": d.rule.id,
                    "gap": d.gap(),
                    "leader": d.first,
                    "language": d.second,
                    "source": d.rule.source,
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let paths: Vec<Value> = if ranked.is_none_or(|r| r.rank > 1) {
        engine::paths_to_first(pack, answers, language)
            .iter()
            .map(|c| json!({"change": describe_change(pack, c), "score": c.top.map(|(_, s)| s)}))
            .collect()
    } else {
        Vec::new()
    };
    let report = json!({
        "advisor": {"version": env!("CARGO_PKG_VERSION"), "pack": pack.fingerprint},
        "answers_from_flags": file.set_by_flags.iter().map(|&q| pack.questions[q].id.as_ref()).collect::<Vec<_>>(),
        "language": lang.id,
        "name": lang.name,
        "rank": ranked.map(|r| r.rank),
        "ranked": evaluation.ranking.len(),
        "score": engine::score_of(points),
        "points": points,
        "tied": ranked.is_some_and(|r| r.tied),
        "leader": evaluation.ranking.first().map(|l| pack.languages[l.language].id.as_ref()),
        "excluded": excluded,
        "unmet": unmet.iter().map(|u| json!({"requirement": u.id, "title": u.title, "text": u.reason, "source": u.source})).collect::<Vec<_>>(),
        "reasons": reasons.iter().map(reason).collect::<Vec<_>>(),
        "set_aside": set_aside.iter().map(reason).collect::<Vec<_>>(),
        "caveats": caveats.iter().map(|c| json!({"rule": c.id, "text": c.text, "source": c.source})).collect::<Vec<_>>(),
        "separating": separating,
        "paths_to_first": paths,
    });
    super::json::pretty(&report)
}
