//! Scoring: which rules fire for a set of answers, each language's points, its 0-100 score,
//! the ranking, the knock-outs and the caveats. Pure functions, no I/O.

mod scorer;

pub use scorer::Scorer;

use crate::model::{Answers, Caveat, Exclusion, LangIdx, Rule};
use crate::pack::Pack;
use std::cmp::Ordering;

/// Points that move a score from 50 to about 73: the slope of the score curve.
pub const SCALE: f64 = 25.0;

/// Maps a language's points (the sum of its fired rules) to a 0-100 score:
/// `100 / (1 + e^(-points / 25))`, rounded to one decimal. 0 points is 50; the curve never
/// reaches 0 or 100, so more evidence always moves the score, and the order of scores is the
/// order of points.
pub fn score_of(points: f64) -> f64 {
    let score = 100.0 / (1.0 + (-points / SCALE).exp());
    (score * 10.0).round() / 10.0
}

/// One fired rule's contribution to one language.
#[derive(Debug, Clone, Copy)]
pub struct Reason<'p> {
    /// The rule that fired.
    pub rule: &'p Rule,
    /// The points it gives this language.
    pub points: f64,
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
    /// The fired rules, strongest for first, strongest against last.
    pub reasons: Vec<Reason<'p>>,
    /// The caveats that apply: those triggered by the answers first, then those that always
    /// hold, each group in pack order.
    pub caveats: Vec<&'p Caveat>,
}

/// A language knocked out of the ranking.
#[derive(Debug, Clone)]
pub struct Excluded<'p> {
    /// The language.
    pub language: LangIdx,
    /// Every knock-out that applies to it, in pack order (at least one).
    pub by: Vec<&'p Exclusion>,
}

/// The outcome for one set of answers.
#[derive(Debug, Clone)]
pub struct Evaluation<'p> {
    /// The ranked languages, best first.
    pub ranking: Vec<Ranked<'p>>,
    /// The knocked-out languages, in pack order.
    pub excluded: Vec<Excluded<'p>>,
}

/// Orders two ranked languages: more points first; equal points by language id, so ties
/// always come out the same way.
fn rank_order(pack: &Pack, a: &Ranked<'_>, b: &Ranked<'_>) -> Ordering {
    b.points
        .total_cmp(&a.points)
        .then_with(|| pack.languages[a.language].id.cmp(&pack.languages[b.language].id))
}

/// Scores every language of the pack against the answers.
pub fn evaluate<'p>(pack: &'p Pack, answers: &Answers) -> Evaluation<'p> {
    let n = pack.languages.len();
    let mut knocked: Vec<Vec<&Exclusion>> = vec![Vec::new(); n];
    for exclusion in pack.exclusions.iter().filter(|e| e.when.holds(answers)) {
        for &l in &exclusion.languages {
            knocked[l].push(exclusion);
        }
    }
    let mut ranking: Vec<Ranked<'p>> = (0..n)
        .filter(|&l| knocked[l].is_empty())
        .map(|language| Ranked {
            rank: 0,
            language,
            points: 0.0,
            score: 0.0,
            reasons: Vec::new(),
            caveats: Vec::new(),
        })
        .collect();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for (i, r) in ranking.iter().enumerate() {
        slot[r.language] = Some(i);
    }
    for (index, fired) in pack.scorer.fired(answers) {
        let rule = &pack.rules[index];
        for &(l, points) in fired {
            if let Some(i) = slot[l] {
                ranking[i].reasons.push(Reason { rule, points });
                ranking[i].points += points;
            }
        }
    }
    for caveat in pack.caveats.iter().filter(|c| c.when.holds(answers)) {
        for &l in &caveat.languages {
            if let Some(i) = slot[l] {
                ranking[i].caveats.push(caveat);
            }
        }
    }
    for r in &mut ranking {
        r.caveats.sort_by_key(|c| matches!(c.when, crate::model::Condition::Always));
        r.score = score_of(r.points);
        r.reasons.sort_by(|a, b| b.points.total_cmp(&a.points).then_with(|| a.rule.id.cmp(&b.rule.id)));
    }
    ranking.sort_by(|a, b| rank_order(pack, a, b));
    for (i, r) in ranking.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    let excluded = knocked
        .into_iter()
        .enumerate()
        .filter(|(_, by)| !by.is_empty())
        .map(|(language, by)| Excluded { language, by })
        .collect();
    Evaluation { ranking, excluded }
}

/// Each language's points from the rules that fire, ignoring knock-outs.
fn raw_points(pack: &Pack, answers: &Answers) -> Vec<f64> {
    let mut points = vec![0.0; pack.languages.len()];
    for (_, fired) in pack.scorer.fired(answers) {
        for &(l, p) in fired {
            points[l] += p;
        }
    }
    points
}

/// How many points one answer moves each language: its points with the answer given, minus
/// its points with the question at its default (or unanswered, when it has none). Zero for
/// every language when the answer is the default.
pub fn influence(pack: &Pack, answers: &Answers, question: usize) -> Vec<f64> {
    let mut without = answers.clone();
    without.set(question, pack.questions[question].default.unwrap_or_default());
    let (with, without) = (raw_points(pack, answers), raw_points(pack, &without));
    with.iter().zip(without).map(|(a, b)| a - b).collect()
}

/// One single-answer change and what it does to rank 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The question changed.
    pub question: usize,
    /// Its new answer.
    pub answer: crate::model::OptionSet,
    /// For a multi-choice question, the option toggled and whether it was added.
    pub toggled: Option<(usize, bool)>,
    /// The new rank 1 (`None` when every language is excluded) and its score.
    pub top: Option<(LangIdx, f64)>,
}

/// How robust rank 1 is: every single-answer change, and those that change rank 1.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The current rank 1.
    pub top: Option<LangIdx>,
    /// How many single-answer changes were tried.
    pub tried: usize,
    /// The changes after which another language (or none) ranks first, in question order.
    pub flips: Vec<Change>,
}

/// Every single-answer change: each other option of a single-choice question, and adding or
/// removing each option of a multi-choice question (with `top` not yet known).
pub fn single_changes(pack: &Pack, answers: &Answers) -> Vec<Change> {
    let mut out = Vec::new();
    for (q, question) in pack.questions.iter().enumerate() {
        let current = answers.get(q);
        for option in 0..question.options.len() {
            let (answer, toggled) = match question.kind {
                crate::model::Kind::Single if current.contains(option) => continue,
                crate::model::Kind::Single => (crate::model::OptionSet::single(option), None),
                crate::model::Kind::Multi => {
                    let mut set = *current;
                    let added = !set.contains(option);
                    if added {
                        set.insert(option);
                    } else {
                        set.remove(option);
                    }
                    (set, Some((option, added)))
                }
            };
            out.push(Change { question: q, answer, toggled, top: None });
        }
    }
    out
}

/// Rank 1 and its score, as `evaluate` would rank them, without collecting or sorting
/// reasons: one pass over the exclusions and the rules, so its cost is linear in their number.
pub fn top(pack: &Pack, answers: &Answers) -> Option<(LangIdx, f64)> {
    let n = pack.languages.len();
    let mut knocked = vec![false; n];
    for exclusion in pack.exclusions.iter().filter(|e| e.when.holds(answers)) {
        for &l in &exclusion.languages {
            knocked[l] = true;
        }
    }
    let mut points = vec![0.0; n];
    for (_, fired) in pack.scorer.fired(answers) {
        for &(l, p) in fired {
            points[l] += p;
        }
    }
    (0..n)
        .filter(|&l| !knocked[l])
        .min_by(|&a, &b| {
            points[b].total_cmp(&points[a]).then_with(|| pack.languages[a].id.cmp(&pack.languages[b].id))
        })
        .map(|l| (l, score_of(points[l])))
}

/// The rank 1 (and its score) after one change.
fn top_after(pack: &Pack, answers: &Answers, change: &Change) -> Option<(LangIdx, f64)> {
    let mut changed = answers.clone();
    changed.set(change.question, change.answer);
    top(pack, &changed)
}

/// Re-scores every single-answer change and keeps those that change rank 1.
pub fn what_if(pack: &Pack, answers: &Answers) -> WhatIf {
    let top = top(pack, answers).map(|(l, _)| l);
    let changes = single_changes(pack, answers);
    let tried = changes.len();
    let flips = changes
        .into_iter()
        .filter_map(|mut change| {
            change.top = top_after(pack, answers, &change);
            (change.top.map(|(l, _)| l) != top).then_some(change)
        })
        .collect();
    WhatIf { top, tried, flips }
}

/// The single-answer changes after which `language` ranks first, with its new score.
pub fn paths_to_first(pack: &Pack, answers: &Answers, language: LangIdx) -> Vec<Change> {
    single_changes(pack, answers)
        .into_iter()
        .filter_map(|mut change| {
            change.top = top_after(pack, answers, &change);
            (change.top.map(|(l, _)| l) == Some(language)).then_some(change)
        })
        .collect()
}

/// The rules that fire for a language and the caveats that apply to it, whether or not it
/// is excluded: reasons sorted as in a ranking.
pub fn reasons_for<'p>(
    pack: &'p Pack,
    answers: &Answers,
    language: LangIdx,
) -> (Vec<Reason<'p>>, Vec<&'p Caveat>) {
    let mut reasons: Vec<Reason<'p>> = pack
        .rules
        .iter()
        .filter(|r| r.when.holds(answers))
        .flat_map(|rule| {
            rule.points
                .iter()
                .filter(|(l, _)| *l == language)
                .map(move |&(_, points)| Reason { rule, points })
        })
        .collect();
    reasons.sort_by(|a, b| b.points.total_cmp(&a.points).then_with(|| a.rule.id.cmp(&b.rule.id)));
    let mut caveats: Vec<&Caveat> =
        pack.caveats.iter().filter(|c| c.languages.contains(&language) && c.when.holds(answers)).collect();
    caveats.sort_by_key(|c| matches!(c.when, crate::model::Condition::Always));
    (reasons, caveats)
}

/// One rule's share of the gap between two ranked languages.
#[derive(Debug, Clone, Copy)]
pub struct Difference<'p> {
    /// The rule.
    pub rule: &'p Rule,
    /// The points it gives the first language (0 if none).
    pub first: f64,
    /// The points it gives the second language (0 if none).
    pub second: f64,
}

impl Difference<'_> {
    /// How much of the gap this rule makes: positive favours the first language.
    pub fn gap(&self) -> f64 {
        self.first - self.second
    }
}

/// The rules that separate two ranked languages, the largest share of the gap in favour of
/// `first` first and the largest against it last. Their gaps add up to the difference in
/// points.
pub fn differences<'p>(first: &Ranked<'p>, second: &Ranked<'p>) -> Vec<Difference<'p>> {
    let mut out: Vec<Difference<'p>> = Vec::new();
    for (reasons, is_first) in [(&first.reasons, true), (&second.reasons, false)] {
        for reason in reasons {
            let slot = match out.iter().position(|d| std::ptr::eq(d.rule, reason.rule)) {
                Some(i) => &mut out[i],
                None => {
                    out.push(Difference { rule: reason.rule, first: 0.0, second: 0.0 });
                    out.last_mut().expect("just pushed")
                }
            };
            if is_first {
                slot.first += reason.points;
            } else {
                slot.second += reason.points;
            }
        }
    }
    out.retain(|d| d.gap() != 0.0);
    out.sort_by(|a, b| b.gap().total_cmp(&a.gap()).then_with(|| a.rule.id.cmp(&b.rule.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers_of(file: &str) -> (Pack, Answers) {
        let pack = crate::pack::builtin().unwrap();
        let text =
            std::fs::read_to_string(format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let parsed = crate::answers::parse(file, &text, crate::answers::Format::Toml, &pack).unwrap();
        (pack, parsed.answers)
    }

    #[test]
    fn what_if_finds_the_single_answers_that_flip_rank_1() {
        // The ML service stays Python whatever single answer changes.
        let (pack, answers) = answers_of("ml-service.toml");
        let robust = what_if(&pack, &answers);
        assert_eq!(robust.top, pack.language("python"));
        assert!(robust.flips.is_empty(), "{:?}", robust.flips);
        let expected: usize = pack
            .questions
            .iter()
            .map(|q| match q.kind {
                crate::model::Kind::Single => q.options.len() - 1,
                crate::model::Kind::Multi => q.options.len(),
            })
            .sum();
        assert_eq!(robust.tried, expected, "every other option, and every toggle");

        // The enterprise backend is Java until production runs .NET: then C# leads.
        let (pack, answers) = answers_of("enterprise-backend.toml");
        let flips = what_if(&pack, &answers).flips;
        assert_eq!(flips.len(), 1, "{flips:?}");
        assert_eq!(pack.questions[flips[0].question].id, "production_runtime");
        assert_eq!(flips[0].top.map(|(l, _)| l), pack.language("csharp"));

        // Realtime chat: choosing hard realtime excludes the BEAM, so rank 1 flips.
        let (pack, answers) = answers_of("realtime-chat.toml");
        let fragile = what_if(&pack, &answers);
        let latency = pack.question("latency").unwrap();
        let hard = pack.questions[latency].option("hard_realtime").unwrap();
        let flip = fragile.flips.iter().find(|c| c.question == latency).expect("hard realtime flips rank 1");
        assert!(flip.answer.contains(hard));
        assert_ne!(flip.top.map(|(l, _)| l), fragile.top);
        for c in &fragile.flips {
            let mut changed = answers.clone();
            changed.set(c.question, c.answer);
            assert_eq!(evaluate(&pack, &changed).ranking.first().map(|r| (r.language, r.score)), c.top);
        }
    }

    #[test]
    fn differences_add_up_to_the_gap() {
        let pack = crate::pack::builtin().unwrap();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/control-plane.toml"))
                .unwrap();
        let file = crate::answers::parse("c.toml", &text, crate::answers::Format::Toml, &pack).unwrap();
        let evaluation = evaluate(&pack, &file.answers);
        let (first, second) = (&evaluation.ranking[0], &evaluation.ranking[3]);
        let diffs = differences(first, second);
        let total: f64 = diffs.iter().map(Difference::gap).sum();
        assert!((total - (first.points - second.points)).abs() < 1e-9);
        assert!(diffs.windows(2).all(|w| w[0].gap() >= w[1].gap()));
        assert!(diffs.iter().all(|d| d.gap() != 0.0), "shared rules with equal points are not differences");
    }

    #[test]
    fn scores_are_a_monotonic_curve_around_fifty() {
        assert_eq!(score_of(0.0), 50.0);
        assert_eq!(score_of(25.0), 73.1);
        assert_eq!(score_of(-25.0), 26.9);
        assert!(score_of(60.0) > score_of(59.0));
        assert!(score_of(400.0) <= 100.0 && score_of(-400.0) >= 0.0);
    }
}
