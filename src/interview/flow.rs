//! The question flow: the state of one questionnaire, which question comes next, which are
//! skipped because their condition does not hold, the progress shown, and going back.

use super::Outcome;
use super::prompts::{Progress, Questionnaire, Step};
use crate::error::Error;
use crate::model::{Answers, Kind, OptionSet};
use crate::pack::Pack;

/// Said when Esc is pressed on the first question.
pub const NOTHING_BEFORE: &str = "This is the first question: there is nothing before it.";

/// Said when Esc is pressed on the first question asked after a file pre-filled the others.
pub const NOTHING_ASKED_BEFORE: &str = "No question was asked before this one; the pre-filled answers are on the review screen, after the last question.";

/// The state of one questionnaire.
pub(super) struct Flow<'p> {
    pub(super) pack: &'p Pack,
    /// Current answers; `None` only for required questions not answered yet.
    pub(super) values: Vec<Option<OptionSet>>,
    /// Questions the user has seen in this session (or that the pre-filled file answered).
    pub(super) seen: Vec<bool>,
    /// The questions answered in order in this session, most recent last: where Esc goes.
    pub(super) history: Vec<usize>,
    /// Where the search for the next unseen question starts.
    pub(super) at: usize,
    /// Whether a file answered some questions before the session began.
    prefilled: bool,
}

impl<'p> Flow<'p> {
    /// A questionnaire on the defaults, with `initial` (one usable answer or `None` per
    /// question, from a file) laid over them and counted as seen.
    pub(super) fn new(pack: &'p Pack, initial: Option<&[Option<OptionSet>]>) -> Self {
        let given = |q: usize| initial.and_then(|values| values.get(q).copied().flatten());
        let mut flow = Flow {
            pack,
            values: pack
                .questions
                .iter()
                .enumerate()
                .map(|(q, question)| given(q).or(question.default))
                .collect(),
            seen: (0..pack.questions.len()).map(|q| given(q).is_some()).collect(),
            history: Vec::new(),
            at: 0,
            prefilled: false,
        };
        flow.drop_repeats();
        flow.prefilled = flow.seen.iter().any(|s| *s);
        flow
    }

    /// The answers so far, unanswered required questions as empty sets.
    fn answers(&self) -> Answers {
        Answers::new(self.values.iter().map(|v| (*v).unwrap_or_default()).collect())
    }

    fn applies(&self, question: usize, answers: &Answers) -> bool {
        self.pack.questions[question].when.holds(answers)
    }

    /// The questions that apply to the answers so far, in order.
    pub(super) fn applicable(&self) -> Vec<usize> {
        let answers = self.answers();
        (0..self.values.len()).filter(|&q| self.applies(q, &answers)).collect()
    }

    /// The first question at or after `from` that applies.
    pub(super) fn next_applicable(&self, from: usize) -> Option<usize> {
        let answers = self.answers();
        (from..self.values.len()).find(|&q| self.applies(q, &answers))
    }

    /// An answer that repeats another where it must not (the dominant shape among the
    /// secondary ones, from a file or after the dominant shape changed) loses the repeat, as
    /// scoring drops it.
    fn drop_repeats(&mut self) {
        for (q, question) in self.pack.questions.iter().enumerate() {
            if let (Some(other), Some(mut value)) = (question.distinct_from, self.values[q]) {
                self.values[other.get()].unwrap_or_default().iter().for_each(|o| value.remove(o));
                self.values[q] = Some(value);
            }
        }
    }

    /// The first question at or after `from` that applies and has not been seen (answered in
    /// this session, or by the pre-filled file).
    pub(super) fn next_unseen(&self, from: usize) -> Option<usize> {
        let answers = self.answers();
        (from..self.values.len()).find(|&q| !self.seen[q] && self.applies(q, &answers))
    }

    /// The question's place among those that apply. A later question whose condition reads
    /// a question not answered yet (this one or a later one) still counts: it may apply.
    fn progress(&self, question: usize) -> Progress {
        let answers = self.answers();
        let counted: Vec<usize> = (0..self.values.len())
            .filter(|&q| {
                self.applies(q, &answers)
                    || (q > question
                        && self.pack.questions[q].when.questions().iter().any(|&r| r.get() >= question))
            })
            .collect();
        let position = counted.iter().position(|&q| q == question).map_or(counted.len(), |p| p + 1);
        Progress { position, total: counted.len() }
    }

    /// Asks one question, pre-selecting its current answer.
    pub(super) fn ask(
        &mut self,
        prompter: &mut dyn Questionnaire,
        question: usize,
    ) -> Result<Step<()>, Error> {
        let progress = self.progress(question);
        self.seen[question] = true;
        let step = match self.pack.questions[question].kind {
            Kind::Single => {
                let current = self.values[question].as_ref().and_then(|v| v.iter().next());
                match prompter.single(self.pack, question, progress, current)? {
                    Step::Answer(option) => Step::Answer(OptionSet::single(option)),
                    Step::Back => Step::Back,
                }
            }
            Kind::Multi => {
                let q = &self.pack.questions[question];
                let hidden = q.distinct_from.and_then(|other| self.values[other.get()]).unwrap_or_default();
                let mut current = self.values[question].unwrap_or_default();
                hidden.iter().for_each(|o| current.remove(o));
                prompter.multi(self.pack, question, progress, &current, &hidden)?
            }
        };
        Ok(match step {
            Step::Answer(value) => {
                self.values[question] = Some(value);
                self.drop_repeats();
                Step::Answer(())
            }
            Step::Back => Step::Back,
        })
    }

    /// Asks `question` as the next one in order. Esc asks both it and the question before it
    /// again, starting with the one before; on the first question it says there is nothing
    /// before.
    pub(super) fn ask_in_turn(
        &mut self,
        prompter: &mut dyn Questionnaire,
        question: usize,
    ) -> Result<(), Error> {
        match self.ask(prompter, question)? {
            Step::Answer(()) => {
                self.history.push(question);
                self.at = question + 1;
            }
            Step::Back => {
                self.seen[question] = false;
                if self.history.is_empty() {
                    prompter.notice(if self.prefilled { NOTHING_ASKED_BEFORE } else { NOTHING_BEFORE })?;
                }
                let previous = self.history.pop().unwrap_or(question);
                self.seen[previous] = false;
                self.at = previous;
            }
        }
        Ok(())
    }

    /// The answers of the questions that apply; those that do not hold their default.
    pub(super) fn outcome(self) -> Outcome {
        let applicable = self.applicable();
        let asked: Vec<bool> = (0..self.values.len()).map(|q| applicable.contains(&q)).collect();
        let values = self
            .values
            .into_iter()
            .zip(self.pack.questions.iter())
            .zip(&asked)
            .map(
                |((value, question), &asked)| {
                    if asked { value.unwrap_or_default() } else { question.default.unwrap_or_default() }
                },
            )
            .collect();
        Outcome { answers: Answers::new(values), asked }
    }
}
