//! The what-if: every single-answer change that scoring can see, re-scored to find those that
//! change rank 1. Only the rules that read a changed answer are evaluated again, so a report's
//! what-if costs a fraction of scoring the pack once per change.

use super::{Tally, effective, rank_order, score_of};
use crate::model::{Answers, Kind, LangIdx, OptionSet, QuestionIdx};
use crate::pack::Pack;

/// One single-answer change and what it does to rank 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The question changed.
    pub question: QuestionIdx,
    /// Its new answer.
    pub answer: OptionSet,
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

/// Every single-answer change that scoring can see: each other option of a single-choice
/// question, and adding or removing each option of a multi-choice question (with `top` not
/// yet known). Questions that do not apply to the answers, and options a question may not
/// repeat from another, are left out: changing them changes nothing.
pub fn single_changes(pack: &Pack, answers: &Answers) -> Vec<Change> {
    let (scored, _) = effective(pack, answers);
    let mut out = Vec::new();
    for (i, question) in pack.questions.iter().enumerate() {
        let q = QuestionIdx::new(i);
        if !question.when.holds(&scored) {
            continue;
        }
        let current = answers.get(q);
        let repeated = question.distinct_from.map_or_else(OptionSet::new, |other| *scored.get(other));
        for option in (0..question.options.len()).filter(|&o| !repeated.contains(o)) {
            let (answer, toggled) = match question.kind {
                Kind::Single if current.contains(option) => continue,
                Kind::Single => (OptionSet::single(option), None),
                Kind::Multi => {
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

/// Rank 1 and its score, exactly as `evaluate` ranks them (the same tally and order),
/// without collecting or sorting reasons.
pub fn top(pack: &Pack, answers: &Answers) -> Option<(LangIdx, f64)> {
    let (scored, _) = effective(pack, answers);
    let mut tally = Tally::new(pack);
    tally.count(pack, &scored, &pack.rules_firing(&scored), false);
    first(pack, &tally)
}

/// Rank 1 and its score in a tally counted without reasons.
fn first(pack: &Pack, tally: &Tally<'_>) -> Option<(LangIdx, f64)> {
    let Tally { knocked, unmet, points, .. } = tally;
    knocked
        .iter()
        .filter(|(_, by)| by.is_empty())
        .map(|(l, _)| (l, unmet[l].len(), points[l]))
        .min_by(|&a, &b| rank_order(pack, a, b))
        .map(|(l, _, p)| (l, score_of(p)))
}

/// Scores single-answer changes to one set of answers. The rules that fire for the answers
/// are found once; after a change only the rules reading an answer that changed (as scored:
/// a change can also un-ask a later question) are evaluated again, and the tally is counted
/// again in the memory of the last one.
struct Rescorer<'a> {
    pack: &'a Pack,
    answers: &'a Answers,
    scored: Answers,
    fired: Vec<bool>,
    /// Working space for one change: which rules fire after it, and its tally.
    fired_after: Vec<bool>,
    tally: Tally<'a>,
}

impl<'a> Rescorer<'a> {
    fn new(pack: &'a Pack, answers: &'a Answers) -> Self {
        let (scored, _) = effective(pack, answers);
        let fired = pack.rules_firing(&scored);
        let tally = Tally::new(pack);
        Rescorer { pack, answers, scored, fired_after: fired.clone(), fired, tally }
    }

    /// Rank 1 as the answers stand.
    fn top(&mut self) -> Option<(LangIdx, f64)> {
        self.tally.count(self.pack, &self.scored, &self.fired, false);
        first(self.pack, &self.tally)
    }

    /// Rank 1 (and its score) after one change.
    fn top_after(&mut self, change: &Change) -> Option<(LangIdx, f64)> {
        let mut changed = self.answers.clone();
        changed.set(change.question, change.answer);
        let (scored, _) = effective(self.pack, &changed);
        self.pack.rules_firing_into(&self.scored, &self.fired, &scored, &mut self.fired_after);
        self.tally.count(self.pack, &scored, &self.fired_after, false);
        first(self.pack, &self.tally)
    }
}

/// Re-scores every single-answer change and keeps those that change rank 1.
pub fn what_if(pack: &Pack, answers: &Answers) -> WhatIf {
    let mut rescorer = Rescorer::new(pack, answers);
    let top = rescorer.top().map(|(l, _)| l);
    let changes = single_changes(pack, answers);
    let tried = changes.len();
    let flips = changes
        .into_iter()
        .filter_map(|mut change| {
            change.top = rescorer.top_after(&change);
            (change.top.map(|(l, _)| l) != top).then_some(change)
        })
        .collect();
    WhatIf { top, tried, flips }
}

/// The single-answer changes after which `language` ranks first, with its new score.
pub fn paths_to_first(pack: &Pack, answers: &Answers, language: LangIdx) -> Vec<Change> {
    let mut rescorer = Rescorer::new(pack, answers);
    single_changes(pack, answers)
        .into_iter()
        .filter_map(|mut change| {
            change.top = rescorer.top_after(&change);
            (change.top.map(|(l, _)| l) == Some(language)).then_some(change)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, influence};

    fn answers_of(file: &str) -> (Pack, Answers) {
        let pack = crate::pack::builtin();
        let text =
            std::fs::read_to_string(format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let parsed = crate::answers::parse(file, &text, crate::answers::Format::Toml, &pack).unwrap();
        (pack, parsed.answers)
    }

    fn describe(pack: &Pack, change: &Change) -> String {
        let q = &pack.questions[change.question];
        match change.toggled {
            Some((o, _)) => format!("{} {}", q.id, q.options[o].id),
            None => q.id.to_string(),
        }
    }

    #[test]
    fn what_if_finds_the_single_answers_that_flip_rank_1() {
        // The ML service stays Python whatever single answer changes, except one that states
        // a hard requirement Python cannot meet (static typing, hard realtime, no GC...).
        let (pack, answers) = answers_of("ml-service.toml");
        let robust = what_if(&pack, &answers);
        let python = pack.language("python").unwrap();
        assert_eq!(robust.top, Some(python));
        assert!(!robust.flips.is_empty());
        for flip in &robust.flips {
            let mut changed = answers.clone();
            changed.set(flip.question, flip.answer);
            let requires = influence(&pack, &changed, flip.question).requires;
            assert!(requires.iter().any(|r| r.languages.contains(&python)), "{flip:?}");
        }
        let expected: usize = pack
            .questions
            .iter()
            .map(|q| match q.kind {
                crate::model::Kind::Single => q.options.len() - 1,
                crate::model::Kind::Multi => q.options.len(),
            })
            .sum::<usize>()
            - 1;
        assert_eq!(
            robust.tried, expected,
            "every other option and every toggle, but the dominant shape as a secondary one"
        );

        // The enterprise backend is Java until Windows ties it in (then C# leads), or an answer
        // states a requirement Java cannot meet. Production adding .NET beside the JVM it runs
        // does not move it (production_runtime takes several runtimes).
        let (pack, answers) = answers_of("enterprise-backend.toml");
        let java = pack.language("java").unwrap();
        let flips = what_if(&pack, &answers).flips;
        let mut to_csharp = Vec::new();
        for flip in &flips {
            let mut changed = answers.clone();
            changed.set(flip.question, flip.answer);
            if !influence(&pack, &changed, flip.question).requires.iter().any(|r| r.languages.contains(&java))
            {
                assert_eq!(flip.top.map(|(l, _)| l), pack.language("csharp"), "{flip:?}");
                to_csharp.push(describe(&pack, flip));
            }
        }
        assert_eq!(to_csharp, ["ecosystem_ties windows"]);

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
}
