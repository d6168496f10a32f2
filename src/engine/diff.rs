//! What a change of answers, or of rule packs, does to the ranking: the pure part of
//! `advisor diff`. The two sides may be scored with different packs, so questions, options,
//! languages and rules are matched by id.

use super::{Evaluation, Ranked, evaluate};
use crate::model::Answers;
use crate::pack::Pack;

/// One side of a comparison: a pack and the answers scored with it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The rule pack.
    pub pack: &'a Pack,
    /// The answers, in that pack's question order.
    pub answers: &'a Answers,
}

/// An answer that differs between the two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerChange {
    /// The question id.
    pub question: String,
    /// Its title (from the new side's pack when it has the question).
    pub title: String,
    /// The option ids before and after (empty when unanswered or not asked by that pack).
    pub old: Vec<String>,
    /// See `old`.
    pub new: Vec<String>,
    /// The option labels before and after.
    pub old_labels: Vec<String>,
    /// See `old_labels`.
    pub new_labels: Vec<String>,
}

/// Where a language stands on one side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    /// 1-based rank.
    pub rank: usize,
    /// The score.
    pub score: f64,
    /// The points.
    pub points: f64,
}

/// A language whose rank or score moved, or that joined or left the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The language id.
    pub language: String,
    /// Its display name.
    pub name: String,
    /// Before; `None` when excluded or not in the old pack.
    pub old: Option<Standing>,
    /// After; `None` when excluded or not in the new pack.
    pub new: Option<Standing>,
    /// Whether the old pack has the language at all (a new pack can add one).
    pub in_old_pack: bool,
    /// Whether the new pack has it.
    pub in_new_pack: bool,
}

/// How one rule's contribution to the gap between the new and the old leader changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleShift {
    /// The rule id.
    pub rule: String,
    /// Its reason (from the side where it fires; the new side first).
    pub reason: String,
    /// Its source.
    pub source: String,
    /// New leader's points minus old leader's points from this rule, before and after.
    pub before: f64,
    /// See `before`.
    pub after: f64,
}

impl RuleShift {
    /// How much this rule moved the gap towards the new leader.
    pub fn moved(&self) -> f64 {
        self.after - self.before
    }
}

/// A change of rank 1 and what made it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderChange {
    /// The old leader's id and name.
    pub old: Named,
    /// The new leader's id and name.
    pub new: Named,
    /// The stated requirements the old leader misses now and did not before (titles).
    pub old_misses: Vec<String>,
    /// Whether the old leader is now excluded or gone from the pack.
    pub old_out: bool,
    /// The knock-outs that exclude the old leader now (reason, source), when it is excluded.
    pub old_excluded_by: Vec<(String, String)>,
    /// The rules that moved the gap between the two, most movement first.
    pub rules: Vec<RuleShift>,
}

/// A language's id and display name.
pub type Named = (String, String);

/// The comparison of two sides.
#[derive(Debug)]
pub struct Diff {
    /// The answers that differ, in the new pack's question order (questions only the old
    /// pack asks last).
    pub answers: Vec<AnswerChange>,
    /// The languages that moved, in the new ranking's order (those that left last).
    pub moves: Vec<Move>,
    /// Rank 1 before and after, when it changed.
    pub leader: Option<LeaderChange>,
    /// Whether the two sides were scored with different rule packs.
    pub packs_differ: bool,
    /// Rank 1 (id, name) before and after.
    pub first: (Option<Named>, Option<Named>),
}

impl Diff {
    /// Whether nothing differs: same answers, same packs, same ranking.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.moves.is_empty() && !self.packs_differ
    }
}

/// A score change smaller than this is not a move (scores print with one decimal).
const SCORE_STEP: f64 = 0.05;

/// The option ids and labels `side` chose for question `question`, if its pack asks it.
fn answer_of(side: Side<'_>, question: &str) -> Option<(Vec<String>, Vec<String>)> {
    let q = side.pack.question(question)?;
    let options = &side.pack.questions[q].options;
    let chosen: Vec<usize> = side.answers.get(q).iter().collect();
    Some((
        chosen.iter().map(|&o| options[o].id.to_string()).collect(),
        chosen.iter().map(|&o| options[o].label.to_string()).collect(),
    ))
}

/// Where `language` stands in `evaluation` (scored with `pack`), if it ranks.
fn standing_of(evaluation: &Evaluation<'_>, pack: &Pack, language: &str) -> Option<Standing> {
    let l = pack.language(language)?;
    evaluation.ranking.iter().find(|r| r.language == l).map(|r| Standing {
        rank: r.rank,
        score: r.score,
        points: r.points,
    })
}

/// `language`'s entry in `evaluation`'s ranking (scored with `pack`), if it ranks.
fn ranked<'e, 'p>(evaluation: &'e Evaluation<'p>, pack: &Pack, language: &str) -> Option<&'e Ranked<'p>> {
    let l = pack.language(language)?;
    evaluation.ranking.iter().find(|r| r.language == l)
}

/// The points each rule gives `language` on one side, by rule id.
fn points_by_rule(
    evaluation: &Evaluation<'_>,
    pack: &Pack,
    language: &str,
) -> Vec<(String, f64, String, String)> {
    ranked(evaluation, pack, language)
        .map(|r| {
            r.reasons
                .iter()
                .map(|x| {
                    (x.rule.id.to_string(), x.points, x.rule.reason.to_string(), x.rule.source.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Compares the old side with the new one.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let before = evaluate(old.pack, old.answers);
    let after = evaluate(new.pack, new.answers);
    let answers = answer_changes(old, new);
    let moves = moves(old, new, &before, &after);
    let leader = leader_change(old, new, &before, &after);
    let first = (first_of(&before, old.pack), first_of(&after, new.pack));
    Diff { answers, moves, leader, packs_differ: old.pack.fingerprint != new.pack.fingerprint, first }
}

/// The answers that differ, matched by question id: the new pack's questions in its order,
/// then those only the old pack asks.
fn answer_changes(old: Side<'_>, new: Side<'_>) -> Vec<AnswerChange> {
    let mut ids: Vec<&str> = new.pack.questions.iter().map(|q| q.id.as_ref()).collect();
    ids.extend(old.pack.questions.iter().map(|q| q.id.as_ref()).filter(|id| new.pack.question(id).is_none()));
    let mut answers = Vec::new();
    for id in ids {
        let (was, was_labels) = answer_of(old, id).unwrap_or_default();
        let (is, is_labels) = answer_of(new, id).unwrap_or_default();
        let mut sorted = (was.clone(), is.clone());
        sorted.0.sort();
        sorted.1.sort();
        if sorted.0 != sorted.1 && !only_default(old, new, id) && !only_default(new, old, id) {
            answers.push(AnswerChange {
                question: id.to_string(),
                title: title_of(old, new, id),
                old: was,
                new: is,
                old_labels: was_labels,
                new_labels: is_labels,
            });
        }
    }
    answers
}

/// Whether question `id` is asked only by `side`'s pack (not by `other`'s) and left at its
/// default there: such a question is no change.
fn only_default(side: Side<'_>, other: Side<'_>, id: &str) -> bool {
    other.pack.question(id).is_none()
        && side
            .pack
            .question(id)
            .is_some_and(|q| side.pack.questions[q].default.as_ref() == Some(side.answers.get(q)))
}

/// Question `id`'s title: from the new side's pack when it has the question, else the old's.
fn title_of(old: Side<'_>, new: Side<'_>, id: &str) -> String {
    new.pack
        .question(id)
        .map(|q| new.pack.questions[q].title.to_string())
        .or_else(|| old.pack.question(id).map(|q| old.pack.questions[q].title.to_string()))
        .unwrap_or_default()
}

/// The languages whose rank or score moved, or that joined or left the ranking, matched by
/// id: in the new ranking's order, then the excluded and the departed.
fn moves(old: Side<'_>, new: Side<'_>, before: &Evaluation<'_>, after: &Evaluation<'_>) -> Vec<Move> {
    let mut languages: Vec<(&str, &str)> = after
        .ranking
        .iter()
        .map(|r| &new.pack.languages[r.language])
        .chain(after.excluded.iter().map(|x| &new.pack.languages[x.language]))
        .map(|l| (l.id.as_ref(), l.name.as_ref()))
        .collect();
    for l in old.pack.languages.iter() {
        if !languages.iter().any(|(id, _)| *id == l.id) {
            languages.push((&l.id, &l.name));
        }
    }
    languages
        .into_iter()
        .filter_map(|(id, name)| {
            let was = standing_of(before, old.pack, id);
            let is = standing_of(after, new.pack, id);
            has_moved(was, is).then(|| Move {
                language: id.to_string(),
                name: name.to_string(),
                old: was,
                new: is,
                in_old_pack: old.pack.language(id).is_some(),
                in_new_pack: new.pack.language(id).is_some(),
            })
        })
        .collect()
}

/// Whether a language moved between two standings: a change of rank, a score change of at
/// least [`SCORE_STEP`], or joining or leaving the ranking.
fn has_moved(was: Option<Standing>, is: Option<Standing>) -> bool {
    match (was, is) {
        (Some(a), Some(b)) => a.rank != b.rank || (a.score - b.score).abs() >= SCORE_STEP,
        (None, None) => false,
        _ => true,
    }
}

/// Rank 1 before and after, and what made it change, when it did.
fn leader_change(
    old: Side<'_>,
    new: Side<'_>,
    before: &Evaluation<'_>,
    after: &Evaluation<'_>,
) -> Option<LeaderChange> {
    let (o, n) = (before.ranking.first()?, after.ranking.first()?);
    let (old_leader, new_leader) = (&old.pack.languages[o.language], &new.pack.languages[n.language]);
    if old_leader.id == new_leader.id {
        return None;
    }
    let old_id = old_leader.id.clone();
    let new_id = new_leader.id.clone();
    let old_now = ranked(after, new.pack, &old_id);
    Some(LeaderChange {
        old: (old_id.to_string(), old_leader.name.to_string()),
        new: (new_id.to_string(), new_leader.name.to_string()),
        old_misses: new_misses(o, old_now),
        old_out: old_now.is_none(),
        old_excluded_by: excluded_by(after, new.pack, &old_id),
        rules: rule_shifts([(before, old.pack), (after, new.pack)], &old_id, &new_id),
    })
}

/// The rules that moved the gap between the new leader (`new_id`) and the old (`old_id`),
/// from the evaluations before and after (each with its pack), most movement first.
fn rule_shifts(sides: [(&Evaluation<'_>, &Pack); 2], old_id: &str, new_id: &str) -> Vec<RuleShift> {
    let mut shifts: Vec<RuleShift> = Vec::new();
    for (side, (evaluation, pack)) in sides.into_iter().enumerate() {
        for (language, sign) in [(new_id, 1.0), (old_id, -1.0)] {
            for (rule, points, reason, source) in points_by_rule(evaluation, pack, language) {
                let i = match shifts.iter().position(|s| s.rule == rule) {
                    Some(i) => i,
                    None => {
                        shifts.push(RuleShift { rule, reason, source, before: 0.0, after: 0.0 });
                        shifts.len() - 1
                    }
                };
                let slot = &mut shifts[i];
                if side == 0 {
                    slot.before += sign * points;
                } else {
                    slot.after += sign * points;
                }
            }
        }
    }
    shifts.retain(|s| s.moved() != 0.0);
    shifts.sort_by(|a, b| b.moved().abs().total_cmp(&a.moved().abs()).then_with(|| a.rule.cmp(&b.rule)));
    shifts
}

/// The stated requirements the old leader (`was`, as it ranked before) misses now (`now`,
/// `None` when it no longer ranks) and did not before, by title.
fn new_misses(was: &Ranked<'_>, now: Option<&Ranked<'_>>) -> Vec<String> {
    let missed_before: Vec<&str> = was.unmet.iter().map(|u| u.id.as_ref()).collect();
    now.map(|r| {
        r.unmet
            .iter()
            .filter(|u| !missed_before.contains(&u.id.as_ref()))
            .map(|u| u.title.to_string())
            .collect()
    })
    .unwrap_or_default()
}

/// The knock-outs (reason, source) that exclude `language` in `evaluation`, if it is excluded.
fn excluded_by(evaluation: &Evaluation<'_>, pack: &Pack, language: &str) -> Vec<(String, String)> {
    pack.language(language)
        .and_then(|l| evaluation.excluded.iter().find(|x| x.language == l))
        .map(|x| x.by.iter().map(|e| (e.reason.to_string(), e.source.to_string())).collect())
        .unwrap_or_default()
}

/// Rank 1 of an evaluation (id, name), if any language ranks.
fn first_of(evaluation: &Evaluation<'_>, pack: &Pack) -> Option<Named> {
    evaluation
        .ranking
        .first()
        .map(|r| (pack.languages[r.language].id.to_string(), pack.languages[r.language].name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pack: &Pack, text: &str) -> Answers {
        crate::answers::parse("a.toml", text, crate::answers::Format::Toml, pack).unwrap().answers
    }

    const CHAT: &str = "version = 1\n[answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\nprocess_scale = \"millions\"\nfailure_recovery = \"runtime\"\n";

    #[test]
    fn the_same_answers_differ_in_nothing() {
        let pack = crate::pack::builtin();
        let a = answers(&pack, CHAT);
        let d = diff(Side { pack: &pack, answers: &a }, Side { pack: &pack, answers: &a });
        assert!(d.is_empty(), "{:?} {:?}", d.answers, d.moves);
        assert!(d.leader.is_none());
    }

    #[test]
    fn a_change_of_rank_1_names_the_answer_and_the_rules_that_moved_it() {
        let pack = crate::pack::builtin();
        let a = answers(&pack, CHAT);
        let b = answers(&pack, &format!("{CHAT}latency = \"hard_realtime\"\n"));
        let d = diff(Side { pack: &pack, answers: &a }, Side { pack: &pack, answers: &b });
        assert_eq!(d.answers.len(), 1);
        assert_eq!(d.answers[0].question, "latency");
        assert_eq!(d.answers[0].new, ["hard_realtime"]);
        let leader = d.leader.expect("rank 1 changes");
        assert_eq!(leader.old.0, "elixir");
        assert!(leader.old_out, "hard realtime excludes the BEAM");
        assert!(!leader.rules.is_empty());
        assert!(leader.rules.windows(2).all(|w| w[0].moved().abs() >= w[1].moved().abs()));
        // Every moved language is listed once, and the ranks are those of the evaluations.
        let elixir = d.moves.iter().find(|m| m.language == "elixir").unwrap();
        assert_eq!(elixir.old.map(|s| s.rank), Some(1));
        assert_eq!(elixir.new, None);
    }
}
