//! What explains a ranking: what one answer does to every language, one language's points
//! rule by rule, and the rules that separate two languages (for `explain`, records and
//! `check`).

use super::{Ranked, Reason, Tally, attach_caveats, effective, sorted_caveats, split_reasons, tally_all};
use crate::model::{Answers, Caveat, LangIdx, PerLanguage, QuestionIdx, Requirement, Rule};
use crate::pack::Pack;

/// What one answer does, against the question at its default (or unanswered, when it has
/// none): nothing at all when the answer is the default.
#[derive(Debug, Clone)]
pub struct Influence<'p> {
    /// How many points it moves each language.
    pub points: PerLanguage<f64>,
    /// The languages it knocks out.
    pub excludes: Vec<LangIdx>,
    /// The hard requirements it states.
    pub requires: Vec<&'p Requirement>,
}

/// What one answer does to the tally (see [`Influence`]).
pub fn influence<'p>(pack: &'p Pack, answers: &Answers, question: QuestionIdx) -> Influence<'p> {
    let mut without = answers.clone();
    without.set(question, pack.questions[question].default.unwrap_or_default());
    let (with_answers, without_answers) = (effective(pack, answers).0, effective(pack, &without).0);
    let with = tally_all(pack, &with_answers, false);
    let without = tally_all(pack, &without_answers, false);
    let mut points = with.points;
    for (l, p) in without.points.iter() {
        points[l] -= *p;
    }
    let excludes = with
        .knocked
        .iter()
        .filter(|(l, by)| !by.is_empty() && without.knocked[*l].is_empty())
        .map(|(l, _)| l)
        .collect();
    let requires = pack
        .requirements()
        .iter()
        .filter(|r| r.when.holds(&with_answers) && !r.when.holds(&without_answers))
        .collect();
    Influence { points, excludes, requires }
}

/// One language's score taken apart, whether or not it is excluded.
#[derive(Debug, Clone)]
pub struct Breakdown<'p> {
    /// The sum of its counted points.
    pub points: f64,
    /// The rules that count, sorted as in a ranking.
    pub reasons: Vec<Reason<'p>>,
    /// The rules that fired but count nothing (see [`Ranked::set_aside`]).
    pub set_aside: Vec<Reason<'p>>,
    /// The caveats that apply to it.
    pub caveats: Vec<&'p Caveat>,
    /// The stated requirements it misses.
    pub unmet: Vec<&'p Requirement>,
}

/// The same tally as `evaluate`, for one language, excluded or not.
pub fn breakdown<'p>(pack: &'p Pack, answers: &Answers, language: LangIdx) -> Breakdown<'p> {
    let (answers, _) = effective(pack, answers);
    let Tally { unmet, points, mut reasons, .. } = tally_all(pack, &answers, true);
    let (mut counted, set_aside) = split_reasons(std::mem::take(&mut reasons[language]));
    let caveats = sorted_caveats(pack, &answers, language);
    attach_caveats(pack, &mut counted, &caveats);
    Breakdown {
        points: points[language],
        reasons: counted,
        set_aside,
        caveats,
        unmet: unmet[language].clone(),
    }
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

/// The strongest rules on each side of a gap, and what the rest add up to: a fair summary of
/// `differences`, which never lists one side only.
#[derive(Debug, Clone)]
pub struct Separation<'d, 'p> {
    /// The rules that favour the first language, strongest first.
    pub favour: Vec<&'d Difference<'p>>,
    /// The rules that favour the second language, strongest first.
    pub against: Vec<&'d Difference<'p>>,
    /// How many rules are not listed.
    pub hidden: usize,
    /// What the rules not listed add to the gap.
    pub hidden_gap: f64,
}

/// Up to `per_side` rules on each side of `differences`.
pub fn separation<'d, 'p>(differences: &'d [Difference<'p>], per_side: usize) -> Separation<'d, 'p> {
    let favour: Vec<&Difference<'p>> = differences.iter().filter(|d| d.gap() > 0.0).take(per_side).collect();
    let against: Vec<&Difference<'p>> =
        differences.iter().rev().filter(|d| d.gap() < 0.0).take(per_side).collect();
    let listed: f64 = favour.iter().chain(&against).map(|d| d.gap()).sum();
    let total: f64 = differences.iter().map(Difference::gap).sum();
    Separation {
        hidden: differences.len() - favour.len() - against.len(),
        hidden_gap: total - listed,
        favour,
        against,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_add_up_to_the_gap() {
        let pack = crate::pack::builtin();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/control-plane.toml"))
                .unwrap();
        let file = crate::answers::parse("c.toml", &text, crate::answers::Format::Toml, &pack).unwrap();
        let evaluation = super::super::evaluate(&pack, &file.answers);
        let (first, second) = (&evaluation.ranking[0], &evaluation.ranking[3]);
        let diffs = differences(first, second);
        let total: f64 = diffs.iter().map(Difference::gap).sum();
        assert!((total - (first.points - second.points)).abs() < 1e-9);
        assert!(diffs.windows(2).all(|w| w[0].gap() >= w[1].gap()));
        assert!(diffs.iter().all(|d| d.gap() != 0.0), "shared rules with equal points are not differences");
    }
}
