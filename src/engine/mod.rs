//! Scoring: the answers as scored, which rules fire, how much each counts, each language's
//! points and 0-100 score, the requirements it misses, the ranking, the knock-outs and the
//! caveats. Pure functions, no I/O. Every command scores through [`evaluate`] or [`top`], which
//! share one tally, so reports, `explain`, `check` and the what-if cannot disagree.

use crate::model::{
    Answers, Caveat, Condition, Exclusion, Group, LangIdx, OptionSet, PerLanguage, QuestionIdx, Requirement,
    Rule, RuleIdx,
};
use crate::pack::Pack;
use std::cmp::Ordering;

pub(crate) mod check;
pub(crate) mod diff;
mod explain;
pub(crate) mod team;
mod what_if;

pub use explain::{
    Breakdown, Difference, Influence, Separation, breakdown, differences, influence, separation,
};
pub use what_if::{Change, WhatIf, paths_to_first, single_changes, top, what_if};

/// Points that move a score from 50 to about 73: the slope of the score curve.
pub const SCALE: f64 = 25.0;

/// A lead of fewer points than this over rank 2 is close: one supporting fact (3-8 points)
/// could undo it.
pub const CLOSE_MARGIN: f64 = 8.0;

/// Points compare on a grid of a millionth of a point: sums of decimal weights are not exact
/// in binary, and comparing on a grid (unlike "closer than epsilon") stays a total order.
fn points_key(points: f64) -> i64 {
    // Points are bounded by the rules' ±100 each, far inside i64 at this scale.
    (points * 1e6).round() as i64
}

/// Maps a language's points (the sum of its counted rules) to a 0-100 score:
/// `100 / (1 + e^(-points / 25))`, rounded to one decimal. 0 points is 50; the curve never
/// reaches 0 or 100, so more evidence always moves the score, and the order of scores is the
/// order of points.
pub fn score_of(points: f64) -> f64 {
    let score = 100.0 / (1.0 + (-points / SCALE).exp());
    (score * 10.0).round() / 10.0
}

/// Why a fired rule counts fewer points than it gives.
#[derive(Debug, Clone, Copy)]
pub enum Limit<'p> {
    /// It restates the fact of its group, and the group's strongest fired rule counts instead.
    Restates {
        /// The group.
        group: &'p Group,
        /// The rule of the group that counts.
        counted: &'p Rule,
    },
    /// It offsets penalties and counts at most the points they take away.
    Offsets {
        /// The points the offset penalties take away (0 when none fired).
        penalty: f64,
    },
}

/// One fired rule's contribution to one language.
#[derive(Debug, Clone, Copy)]
pub struct Reason<'p> {
    /// The rule that fired.
    pub rule: &'p Rule,
    /// The points it counts for this language.
    pub points: f64,
    /// The points it gives as written, before a group or an offset limit.
    pub written: f64,
    /// Why it counts fewer points than written, if it does.
    pub limit: Option<Limit<'p>>,
    /// A caveat that applies and makes the same point (its `restates` names this penalty):
    /// reports show the two once, as this reason in the caveat's words.
    pub caveat: Option<&'p Caveat>,
}

impl Reason<'_> {
    /// What a report says for it: the rule's reason, or the text of the caveat that restates
    /// it (which adds what to do), without a closing full stop.
    pub fn text(&self) -> &str {
        self.caveat.map_or(self.rule.reason.as_ref(), |c| c.text.trim_end().trim_end_matches('.'))
    }

    /// Its source, and the caveat's too when that cites another section.
    pub fn sources(&self) -> String {
        match self.caveat {
            Some(c) if c.source != self.rule.source => format!("{}; {}", self.rule.source, c.source),
            _ => self.rule.source.to_string(),
        }
    }
}

/// The caveats that reports list on their own: those not shown as part of a reason.
pub fn caveats_apart<'p>(caveats: &[&'p Caveat], reasons: &[Reason<'p>]) -> Vec<&'p Caveat> {
    caveats
        .iter()
        .copied()
        .filter(|c| !reasons.iter().any(|r| r.caveat.is_some_and(|rc| std::ptr::eq(rc, *c))))
        .collect()
}

/// Gives each applying caveat that restates a counted penalty to the strongest such reason.
fn attach_caveats<'p>(pack: &Pack, reasons: &mut [Reason<'p>], caveats: &[&'p Caveat]) {
    for &c in caveats {
        // Reasons run from the strongest for to the strongest against.
        let restated = reasons.iter_mut().rev().find(|r| {
            r.points < 0.0
                && r.caveat.is_none()
                && c.restates.iter().any(|&i| pack.rules()[i.get()].id == r.rule.id)
        });
        if let Some(r) = restated {
            r.caveat = Some(c);
        }
    }
}

/// A language in the ranking.
#[derive(Debug, Clone)]
pub struct Ranked<'p> {
    /// 1-based rank.
    pub rank: usize,
    /// The language.
    pub language: LangIdx,
    /// The sum of the points of its reasons.
    pub points: f64,
    /// `score_of(points)`.
    pub score: f64,
    /// The rules that count, strongest for first, strongest against last.
    pub reasons: Vec<Reason<'p>>,
    /// Rules that fired but count nothing here: restatements of a fact counted by another
    /// rule of its group, and offsets with no penalty to offset.
    pub set_aside: Vec<Reason<'p>>,
    /// The caveats that apply: those triggered by the answers first, then those that always
    /// hold, each group in pack order.
    pub caveats: Vec<&'p Caveat>,
    /// The stated hard requirements it cannot meet, in pack order.
    pub unmet: Vec<&'p Requirement>,
    /// Whether it ties with rank 1 (rank 1 itself included, when there is a tie).
    pub tied: bool,
}

impl<'p> Ranked<'p> {
    /// The stated requirements this language misses and `other` meets.
    pub fn unmet_beyond(&self, other: &Ranked<'_>) -> Vec<&'p Requirement> {
        self.unmet.iter().copied().filter(|u| !other.unmet.iter().any(|m| m.id == u.id)).collect()
    }
}

/// A language knocked out of the ranking.
#[derive(Debug, Clone)]
pub struct Excluded<'p> {
    /// The language.
    pub language: LangIdx,
    /// Every knock-out that applies to it, in pack order (at least one).
    pub by: Vec<&'p Exclusion>,
}

/// An answer that scoring reads differently from the file, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum Adjustment {
    /// The question does not apply to these answers (its condition fails), so it takes its
    /// default, as `ask` does when it skips it.
    NotAsked {
        /// The question.
        question: QuestionIdx,
        /// The answer the file gave, which is not scored.
        given: OptionSet,
    },
    /// Options that repeat an earlier question's answer are dropped (a secondary shape equal
    /// to the dominant one counts once).
    Repeated {
        /// The question.
        question: QuestionIdx,
        /// The options dropped.
        options: OptionSet,
        /// The earlier question they repeat.
        of: QuestionIdx,
    },
}

/// How far rank 1 is ahead of rank 2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lead {
    /// Only one language is ranked (or none).
    Alone,
    /// Rank 1 and rank 2 have equal points and miss the same number of requirements.
    Tie,
    /// Rank 2 misses more stated requirements than rank 1 and has more points: the
    /// requirements, not the points, put rank 1 first.
    Requirements,
    /// Rank 1 has this many more points.
    Points(f64),
}

/// The outcome for one set of answers.
#[derive(Debug, Clone)]
pub struct Evaluation<'p> {
    /// The answers as scored (see [`effective`]).
    pub answers: Answers,
    /// Where the answers as scored differ from the answers given.
    pub adjustments: Vec<Adjustment>,
    /// The hard requirements the answers state, in pack order.
    pub requirements: Vec<&'p Requirement>,
    /// The ranked languages, best first: those that miss fewer stated requirements first,
    /// then more points first.
    pub ranking: Vec<Ranked<'p>>,
    /// The knocked-out languages, in pack order.
    pub excluded: Vec<Excluded<'p>>,
}

impl Evaluation<'_> {
    /// The languages tied at rank 1, when two or more are.
    pub fn tie(&self) -> Vec<LangIdx> {
        self.ranking.iter().filter(|r| r.tied).map(|r| r.language).collect()
    }

    /// How far rank 1 is ahead of rank 2.
    pub fn lead(&self) -> Lead {
        match (self.ranking.first(), self.ranking.get(1)) {
            (Some(first), Some(second)) if second.tied => {
                debug_assert!(first.tied);
                Lead::Tie
            }
            (Some(first), Some(second))
                if first.unmet.len() < second.unmet.len() && second.points > first.points =>
            {
                Lead::Requirements
            }
            (Some(first), Some(second)) => Lead::Points(first.points - second.points),
            _ => Lead::Alone,
        }
    }

    /// Whether no ranked language meets every stated requirement.
    pub fn nothing_meets_every_requirement(&self) -> bool {
        self.ranking.first().is_some_and(|r| !r.unmet.is_empty())
    }
}

/// The answers as every command scores them: a question whose `when` does not hold takes
/// its default (as `ask` skips it), and options a question repeats from the one it must be
/// `distinct_from` are dropped. Conditions read earlier questions only, so one pass in
/// question order settles every answer.
pub fn effective(pack: &Pack, answers: &Answers) -> (Answers, Vec<Adjustment>) {
    let mut scored = answers.clone();
    let mut adjustments = Vec::new();
    for (question, q) in pack.questions.iter().enumerate().map(|(i, q)| (QuestionIdx::new(i), q)) {
        if !q.when.holds(&scored) {
            let default = q.default.unwrap_or_default();
            let given = *scored.get(question);
            if given != default {
                scored.set(question, default);
                adjustments.push(Adjustment::NotAsked { question, given });
            }
            continue;
        }
        if let Some(of) = q.distinct_from {
            let mut value = *scored.get(question);
            let repeated = value.intersection(scored.get(of));
            if !repeated.is_empty() {
                repeated.iter().for_each(|o| value.remove(o));
                scored.set(question, value);
                adjustments.push(Adjustment::Repeated { question, options: repeated, of });
            }
        }
    }
    (scored, adjustments)
}

/// Everything scoring decides for one set of answers as scored, for every language, before
/// any ordering: the one place points are counted. A tally can be counted again for other
/// answers ([`Tally::count`]), reusing its memory, as the what-if does for every change.
struct Tally<'p> {
    knocked: PerLanguage<Vec<&'p Exclusion>>,
    unmet: PerLanguage<Vec<&'p Requirement>>,
    points: PerLanguage<f64>,
    /// Filled only when asked for.
    reasons: PerLanguage<Vec<Reason<'p>>>,
    /// Working space: the rules that fire, and per group and language the strongest of them.
    firing: Vec<usize>,
    strongest: Vec<Option<(RuleIdx, f64)>>,
}

/// The tally for answers as scored, with every rule whose condition holds for them.
fn tally_all<'p>(pack: &'p Pack, answers: &Answers, with_reasons: bool) -> Tally<'p> {
    let mut tally = Tally::new(pack);
    tally.count(pack, answers, &pack.rules_firing(answers), with_reasons);
    tally
}

impl<'p> Tally<'p> {
    /// An empty tally for the languages of `pack`.
    fn new(pack: &Pack) -> Self {
        let n = pack.languages.len();
        Tally {
            knocked: PerLanguage::filled(n, Vec::new()),
            unmet: PerLanguage::filled(n, Vec::new()),
            points: PerLanguage::filled(n, 0.0),
            reasons: PerLanguage::filled(n, Vec::new()),
            firing: Vec::new(),
            strongest: vec![None; pack.groups().len() * n],
        }
    }

    /// Counts the tally for answers as scored, given which rules fire for them
    /// (`Pack::rules_firing`), replacing what it held.
    fn count(&mut self, pack: &'p Pack, answers: &Answers, fired: &[bool], with_reasons: bool) {
        self.count_limits(pack, answers);
        self.firing.clear();
        self.firing.extend(fired.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| i));
        strongest_fired(pack, &self.firing, &mut self.strongest);
        self.points.values_mut().for_each(|p| *p = 0.0);
        self.reasons.values_mut().for_each(Vec::clear);
        let rules = pack.rules();
        for &i in &self.firing {
            let rule = &rules[i];
            for &(l, written) in rule.points.iter() {
                let (p, limit) = counted(pack, &self.strongest, fired, i, l, written);
                self.points[l] += p;
                if with_reasons {
                    self.reasons[l].push(Reason { rule, points: p, written, limit, caveat: None });
                }
            }
        }
    }

    /// The knock-outs and the unmet requirements for answers as scored.
    fn count_limits(&mut self, pack: &'p Pack, answers: &Answers) {
        self.knocked.values_mut().for_each(Vec::clear);
        for exclusion in pack.exclusions.iter().filter(|e| e.when.holds(answers)) {
            exclusion.languages.iter().for_each(|&l| self.knocked[l].push(exclusion));
        }
        self.unmet.values_mut().for_each(Vec::clear);
        for requirement in pack.requirements().iter().filter(|r| r.when.holds(answers)) {
            requirement.languages.iter().for_each(|&l| self.unmet[l].push(requirement));
        }
    }
}

/// Per group and language (`group * languages + language`), the strongest of the `firing`
/// rules, the first written winning a tie, written to `strongest`.
fn strongest_fired(pack: &Pack, firing: &[usize], strongest: &mut [Option<(RuleIdx, f64)>]) {
    let n = pack.languages.len();
    let rules = pack.rules();
    strongest.fill(None);
    for &i in firing {
        offer(n, &rules[i], i, strongest);
    }
}

/// Makes fired rule `i` the strongest of its group for each language it gives more points to
/// (in absolute value) than the strongest so far; offered in rule order, the first written
/// wins a tie.
fn offer(languages: usize, rule: &Rule, i: usize, strongest: &mut [Option<(RuleIdx, f64)>]) {
    let Some(g) = rule.group else { return };
    offer_in_group(rule, i, &mut strongest[g.get() * languages..(g.get() + 1) * languages]);
}

/// [`offer`] to the strongest rules of one group, one per language.
fn offer_in_group(rule: &Rule, i: usize, strongest: &mut [Option<(RuleIdx, f64)>]) {
    for &(l, p) in rule.points.iter() {
        let slot = &mut strongest[l.get()];
        if slot.is_none_or(|(_, best)| p.abs() > best.abs()) {
            *slot = Some((RuleIdx::new(i), p));
        }
    }
}

/// What fired rule `i` counts for language `l`, to which it gives `written` points, and why
/// that is less, if it is: the one place the group and offset limits are applied.
fn counted<'p>(
    pack: &'p Pack,
    strongest: &[Option<(RuleIdx, f64)>],
    fired: &[bool],
    i: usize,
    l: LangIdx,
    written: f64,
) -> (f64, Option<Limit<'p>>) {
    let n = pack.languages.len();
    let (rules, groups) = (pack.rules(), pack.groups());
    // What a rule without offsets counts: its points, or nothing when it restates a fact
    // that a stronger rule of its group counts.
    let plain = |i: usize, p: f64| -> (f64, Option<Limit<'p>>) {
        match rules[i].group.map(|g| (g, strongest[g.get() * n + l.get()])) {
            Some((g, Some((best, _)))) if best.get() != i => {
                (0.0, Some(Limit::Restates { group: &groups[g], counted: &rules[best] }))
            }
            _ => (p, None),
        }
    };
    if rules[i].offsets.is_empty() {
        return plain(i, written);
    }
    // An offset counts at most what the penalties it offsets take away (offsets never name
    // offsets, so those are plain rules).
    let taken: f64 = rules[i]
        .offsets
        .iter()
        .filter(|o| fired[o.get()])
        .flat_map(|&o| rules[o].points.iter().filter(|(lang, _)| *lang == l).map(move |&(_, p)| (o, p)))
        .map(|(o, p)| plain(o.get(), p).0)
        .sum();
    let penalty = (-taken).max(0.0);
    if written > penalty { (penalty, Some(Limit::Offsets { penalty })) } else { (written, None) }
}

/// Orders two ranked languages: fewer missed requirements first, then more points; equal
/// on both (a tie, which reports flag), by language id so the order is always the same.
fn rank_order(pack: &Pack, a: (LangIdx, usize, f64), b: (LangIdx, usize, f64)) -> Ordering {
    a.1.cmp(&b.1)
        .then_with(|| points_key(b.2).cmp(&points_key(a.2)))
        .then_with(|| pack.languages[a.0].id.cmp(&pack.languages[b.0].id))
}

/// A language's fired rules: those that count, and those set aside (counting nothing), each
/// sorted strongest for first.
fn split_reasons(reasons: Vec<Reason<'_>>) -> (Vec<Reason<'_>>, Vec<Reason<'_>>) {
    let (mut counted, mut set_aside): (Vec<Reason<'_>>, Vec<Reason<'_>>) =
        reasons.into_iter().partition(|r| r.points != 0.0);
    sort_reasons(&mut counted);
    sort_reasons(&mut set_aside);
    (counted, set_aside)
}

fn sort_reasons(reasons: &mut [Reason<'_>]) {
    reasons.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| b.written.total_cmp(&a.written))
            .then_with(|| a.rule.id.cmp(&b.rule.id))
    });
}

fn sorted_caveats<'p>(pack: &'p Pack, answers: &Answers, language: LangIdx) -> Vec<&'p Caveat> {
    let mut caveats: Vec<&Caveat> =
        pack.caveats.iter().filter(|c| c.languages.contains(&language) && c.when.holds(answers)).collect();
    caveats.sort_by_key(|c| matches!(c.when, Condition::Always));
    caveats
}

/// Scores every language of the pack against the answers.
pub fn evaluate<'p>(pack: &'p Pack, answers: &Answers) -> Evaluation<'p> {
    let (answers, adjustments) = effective(pack, answers);
    let Tally { knocked, unmet, points, mut reasons, .. } = tally_all(pack, &answers, true);
    let mut ranking: Vec<Ranked<'p>> = knocked
        .iter()
        .filter(|(_, by)| by.is_empty())
        .map(|(language, _)| {
            let (mut counted, set_aside) = split_reasons(std::mem::take(&mut reasons[language]));
            let caveats = sorted_caveats(pack, &answers, language);
            attach_caveats(pack, &mut counted, &caveats);
            Ranked {
                rank: 0,
                language,
                points: points[language],
                score: score_of(points[language]),
                reasons: counted,
                set_aside,
                caveats,
                unmet: unmet[language].clone(),
                tied: false,
            }
        })
        .collect();
    ranking.sort_by(|a, b| {
        rank_order(pack, (a.language, a.unmet.len(), a.points), (b.language, b.unmet.len(), b.points))
    });
    for (i, r) in ranking.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    if let Some(first) = ranking.first().map(|r| (r.unmet.len(), r.points)) {
        let ties = |r: &Ranked<'_>| r.unmet.len() == first.0 && points_key(r.points) == points_key(first.1);
        if ranking.iter().filter(|r| ties(r)).count() > 1 {
            ranking.iter_mut().filter(|r| ties(r)).for_each(|r| r.tied = true);
        }
    }
    let requirements = pack.requirements().iter().filter(|r| r.when.holds(&answers)).collect();
    let excluded = knocked
        .iter()
        .filter(|(_, by)| !by.is_empty())
        .map(|(language, by)| Excluded { language, by: by.clone() })
        .collect();
    Evaluation { answers, adjustments, requirements, ranking, excluded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_a_monotonic_curve_around_fifty() {
        assert_eq!(score_of(0.0), 50.0);
        assert_eq!(score_of(25.0), 73.1);
        assert_eq!(score_of(-25.0), 26.9);
        assert!(score_of(60.0) > score_of(59.0));
        assert!(score_of(400.0) <= 100.0 && score_of(-400.0) >= 0.0);
    }
}
