//! Renderers of `advisor team`: text, Markdown and JSON.

use super::{in_words, signed, wrap};
use crate::engine::team::{Settled, Team};
use crate::model::OptionSet;
use crate::pack::Pack;
use std::fmt;

/// How many languages of the consensus ranking are listed.
const SHOWN: usize = 5;

/// An answer in words: its labels, or `none`.
fn answer(pack: &Pack, question: crate::model::QuestionIdx, value: &OptionSet) -> String {
    let q = &pack.questions[question];
    let labels: Vec<&str> = value.iter().map(|o| q.options[o].label.as_ref()).collect();
    if labels.is_empty() { "none".to_string() } else { labels.join(", ") }
}

fn who(names: &[String], members: &[usize]) -> String {
    let list: Vec<&str> = members.iter().map(|&m| names[m].as_str()).collect();
    in_words(&list)
}

/// How the consensus answer was reached, in words (no parentheses: it sits inside some).
fn settled(names: &[String], s: Settled) -> String {
    match s {
        Settled::Unanimous => "unanimous".to_string(),
        Settled::Majority => "the majority".to_string(),
        Settled::TiePreferred(m) => format!("a tie settled by {}, as --prefer asks", names[m]),
        Settled::TieDefault => "a tie settled by the question's default".to_string(),
        Settled::TieFirstListed(m) => {
            format!("a tie settled by {}, listed first; --prefer chooses another", names[m])
        }
    }
}

/// Every answer given to a question, with who gave it: "Soft realtime (alice and bob) / Hard
/// realtime (carol)".
fn split(pack: &Pack, view: &crate::engine::team::QuestionView, names: &[String]) -> String {
    let parts: Vec<String> = view
        .answers
        .iter()
        .map(|(v, w)| format!("{} ({})", answer(pack, view.question, v), who(names, w)))
        .collect();
    parts.join(" / ")
}

/// One line per contested question: the answers, the consensus and how it was reached.
pub fn contested(pack: &Pack, t: &Team<'_>, names: &[String]) -> Vec<String> {
    t.questions
        .iter()
        .filter(|v| v.disagreed())
        .map(|v| {
            format!(
                "{}: {}; the consensus is {}, {}",
                pack.questions[v.question].title,
                split(pack, v, names),
                answer(pack, v.question, &v.consensus),
                settled(names, v.settled)
            )
        })
        .collect()
}

fn leader_name(pack: &Pack, l: Option<crate::model::LangIdx>) -> String {
    l.map_or_else(|| "nothing (all excluded)".to_string(), |l| pack.languages[l].name.to_string())
}

/// The sentences a report opens with, and the lines of each section, shared by text and
/// Markdown.
struct Parts {
    head: Vec<String>,
    matter: Vec<String>,
    quiet: Vec<String>,
    ranking: Vec<String>,
}

fn parts(pack: &Pack, t: &Team<'_>, names: &[String]) -> Parts {
    let mut head = vec![format!("advisor team: {} ({} members)", names.join(", "), names.len())];
    let first = t.evaluation.ranking.first();
    head.push(format!(
        "Under the consensus, {} ranks first{}.",
        leader_name(pack, first.map(|r| r.language)),
        first.map_or(String::new(), |r| format!(" ({})", super::signed_points(r.points)))
    ));
    let own: Vec<String> =
        names.iter().zip(&t.member_leaders).map(|(n, l)| format!("{n}: {}", leader_name(pack, *l))).collect();
    head.push(format!("Each member's own rank 1: {}.", own.join("; ")));
    let disagreed = t.questions.iter().filter(|v| v.disagreed()).count();
    let answered = t.questions.iter().filter(|v| v.answered).count();
    let flipping = t.matter.iter().map(|f| f.question).collect::<std::collections::BTreeSet<_>>().len();
    head.push(match (disagreed, flipping) {
        (0, _) => format!("All members give the same answers ({answered} questions answered)."),
        (d, 0) => format!("Of the {answered} questions answered, {d} differ; none of them changes rank 1."),
        (d, f) => format!(
            "Of the {answered} questions answered, {d} differ; {f} of them {} rank 1.",
            if f == 1 { "changes" } else { "change" }
        ),
    });

    let matter = t
        .matter
        .iter()
        .map(|f| {
            let view = &t.questions[f.question.get()];
            format!(
                "{}: {}; the consensus is {}, {}; {} would put {} first",
                pack.questions[f.question].title,
                split(pack, view, names),
                answer(pack, f.question, &view.consensus),
                settled(names, view.settled),
                answer(pack, f.question, &f.answer),
                leader_name(pack, f.leader)
            )
        })
        .collect();
    let quiet = t
        .quiet
        .iter()
        .map(|&q| {
            let view = &t.questions[q.get()];
            format!(
                "{}: {}; the consensus is {}, {}",
                pack.questions[q].title,
                split(pack, view, names),
                answer(pack, q, &view.consensus),
                settled(names, view.settled)
            )
        })
        .collect();
    let ranking = t
        .evaluation
        .ranking
        .iter()
        .take(SHOWN)
        .map(|r| {
            format!("{}. {} {:.1} ({})", r.rank, pack.languages[r.language].name, r.score, signed(r.points))
        })
        .collect();
    Parts { head, matter, quiet, ranking }
}

/// Text for a terminal, wrapped to `width`.
pub fn text(
    pack: &Pack,
    t: &Team<'_>,
    names: &[String],
    width: usize,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    let p = parts(pack, t, names);
    for line in &p.head {
        out.write_str(&wrap(line, width, "", "  "))?;
    }
    if !p.matter.is_empty() {
        out.write_str("\nSettle these first (another answer changes rank 1):\n")?;
        for line in &p.matter {
            out.write_str(&wrap(line, width, "  - ", "    "))?;
        }
    }
    if !p.quiet.is_empty() {
        out.write_str("\nDisagreements that move nothing at rank 1:\n")?;
        for line in &p.quiet {
            out.write_str(&wrap(line, width, "  - ", "    "))?;
        }
    }
    out.write_str("\nRanking under the consensus:\n")?;
    for line in &p.ranking {
        out.write_str(&wrap(line, width, "  ", "     "))?;
    }
    Ok(())
}

/// Markdown (from a pack made safe for it), for a pull request or a decision record.
pub fn markdown(pack: &Pack, t: &Team<'_>, names: &[String], out: &mut impl fmt::Write) -> fmt::Result {
    let names: Vec<String> = names.iter().map(|n| crate::safe::markdown(n).into_owned()).collect();
    let p = parts(pack, t, &names);
    writeln!(out, "**{}**\n", p.head[1])?;
    for line in &p.head[2..] {
        writeln!(out, "{line}\n")?;
    }
    if !p.matter.is_empty() {
        out.write_str("### Settle these first\n\nAnother answer to each of these changes rank 1:\n\n")?;
        for line in &p.matter {
            writeln!(out, "- {line}")?;
        }
        out.write_char('\n')?;
    }
    if !p.quiet.is_empty() {
        out.write_str("### Disagreements that move nothing at rank 1\n\n")?;
        for line in &p.quiet {
            writeln!(out, "- {line}")?;
        }
        out.write_char('\n')?;
    }
    out.write_str("### Ranking under the consensus\n\n| Rank | Language | Score | Points |\n| ---: | --- | ---: | ---: |\n")?;
    for r in t.evaluation.ranking.iter().take(SHOWN) {
        writeln!(
            out,
            "| {} | {} | {:.1} | {} |",
            r.rank,
            super::cell(&pack.languages[r.language].name),
            r.score,
            signed(r.points)
        )?;
    }
    Ok(())
}

/// The JSON object of `team --format json` (shape documented in the README).
pub fn json(pack: &Pack, t: &Team<'_>, names: &[String]) -> Result<String, crate::error::Error> {
    let ids = |q: crate::model::QuestionIdx, v: &OptionSet| -> Vec<String> {
        v.iter().map(|o| pack.questions[q].options[o].id.to_string()).collect()
    };
    let member_names = |w: &[usize]| -> Vec<&str> { w.iter().map(|&m| names[m].as_str()).collect() };
    let settled_word = |s: Settled| match s {
        Settled::Unanimous => "unanimous",
        Settled::Majority => "majority",
        Settled::TiePreferred(_) => "tie_preferred",
        Settled::TieDefault => "tie_default",
        Settled::TieFirstListed(_) => "tie_first_listed",
    };
    let questions: Vec<serde_json::Value> = t
        .questions
        .iter()
        .map(|v| {
            serde_json::json!({
                "question": pack.questions[v.question].id,
                "answers": v.answers.iter().map(|(a, w)| serde_json::json!({
                    "answer": ids(v.question, a),
                    "members": member_names(w),
                })).collect::<Vec<_>>(),
                "consensus": ids(v.question, &v.consensus),
                "settled": settled_word(v.settled),
            })
        })
        .collect();
    let lang = |l: Option<crate::model::LangIdx>| l.map(|l| pack.languages[l].id.clone());
    let value = serde_json::json!({
        "members": names,
        "member_rank_1": names.iter().zip(&t.member_leaders).map(|(n, l)| serde_json::json!({"member": n, "language": lang(*l)})).collect::<Vec<_>>(),
        "questions": questions,
        "consensus_ranking": t.evaluation.ranking.iter().map(|r| serde_json::json!({
            "rank": r.rank,
            "language": pack.languages[r.language].id,
            "score": (r.score * 10.0).round() / 10.0,
            "points": r.points,
        })).collect::<Vec<_>>(),
        "matter": t.matter.iter().map(|f| serde_json::json!({
            "question": pack.questions[f.question].id,
            "answer": ids(f.question, &f.answer),
            "members": member_names(&f.members),
            "rank_1": lang(f.leader),
        })).collect::<Vec<_>>(),
        "quiet": t.quiet.iter().map(|&q| pack.questions[q].id.clone()).collect::<Vec<_>>(),
    });
    super::json::pretty(&value)
}

/// The section a decision record adds for a team (from a pack made safe for Markdown): who
/// answered, the disagreements that would change rank 1 and how each was settled, those that
/// move nothing, and where the record's own answers differ from the consensus.
pub fn record_section(
    pack: &Pack,
    t: &Team<'_>,
    names: &[String],
    recorded: &crate::model::Answers,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    let names: Vec<String> = names.iter().map(|n| crate::safe::markdown(n).into_owned()).collect();
    let p = parts(pack, t, &names);
    out.write_str("### Team Answers\n\n")?;
    writeln!(
        out,
        "{} members answered on their own ({}). {} {}\n",
        names.len(),
        in_words(&names.iter().map(String::as_str).collect::<Vec<_>>()),
        p.head[2],
        p.head[3]
    )?;
    let differs: Vec<&str> = t
        .questions
        .iter()
        .filter(|v| recorded.get(v.question) != &v.consensus)
        .map(|v| pack.questions[v.question].title.as_ref())
        .collect();
    if !differs.is_empty() {
        writeln!(
            out,
            "This record scores the answers file above, which differs from the team's consensus on: {}.\n",
            in_words(&differs)
        )?;
    }
    if p.matter.is_empty() {
        out.write_str("No disagreement would change rank 1.\n\n")?;
    } else {
        out.write_str("Disagreements that would change rank 1, and how each was settled:\n\n")?;
        for line in &p.matter {
            writeln!(out, "* {line}")?;
        }
        out.write_char('\n')?;
    }
    if !p.quiet.is_empty() {
        out.write_str("Disagreements that move nothing at rank 1:\n\n")?;
        for line in &p.quiet {
            writeln!(out, "* {line}")?;
        }
        out.write_char('\n')?;
    }
    Ok(())
}
