//! The questionnaire's flow, apart from any terminal: which question comes next, which are
//! skipped because their condition does not hold, going back, the review screen and editing
//! from it. A `Prompter` does the asking; tests script one, `terminal` drives inquire.

pub mod terminal;

use crate::error::Error;
use crate::model::{Answers, Kind, OptionSet};
use crate::pack::Pack;

/// What the user did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<T> {
    /// Answered.
    Answer(T),
    /// Went back (Esc).
    Back,
}

/// What the user did on the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    /// Accept every answer.
    Confirm,
    /// Change the answer to this question.
    Edit(usize),
    /// Go through every question again, from the first.
    WalkAll,
    /// Go back to the last question (Esc).
    Back,
}

/// Where a question stands in the questionnaire: `(position/total)`, counting only the
/// questions that apply to the answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position.
    pub position: usize,
    /// How many questions apply.
    pub total: usize,
}

/// One line of the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The question.
    pub question: usize,
    /// Its answer in words (option labels).
    pub answer: String,
}

/// Asks questions. Cancelling (Ctrl-C) is `Err(Error::Cancelled)`.
pub trait Prompter {
    /// Asks a single-choice question, starting on `current` when there is one; with no
    /// current answer nothing is chosen for the user (Enter alone does not answer).
    fn single(
        &mut self,
        pack: &Pack,
        question: usize,
        progress: Progress,
        current: Option<usize>,
    ) -> Result<Step<usize>, Error>;

    /// Asks a multi-choice question with `current` pre-selected, not offering `hidden` (the
    /// options another answer already holds, such as the dominant shape among the secondary
    /// ones).
    fn multi(
        &mut self,
        pack: &Pack,
        question: usize,
        progress: Progress,
        current: &OptionSet,
        hidden: &OptionSet,
    ) -> Result<Step<OptionSet>, Error>;

    /// Shows every answer and asks to confirm or pick one to change.
    fn review(&mut self, pack: &Pack, rows: &[ReviewRow]) -> Result<ReviewAction, Error>;

    /// A yes/no question; Esc answers no.
    fn confirm(&mut self, message: &str, default: bool) -> Result<bool, Error>;

    /// A yes/no question where Esc means "go back": `None`.
    fn confirm_or_back(&mut self, message: &str, default: bool) -> Result<Option<bool>, Error> {
        self.confirm(message, default).map(Some)
    }

    /// A line of text, `default` when left empty; `None` when the user presses Esc.
    fn text(&mut self, message: &str, default: &str) -> Result<Option<String>, Error>;

    /// Tells the user something that needs no answer.
    fn notice(&mut self, message: &str);
}

/// Said when Esc is pressed on the first question.
pub const NOTHING_BEFORE: &str = "This is the first question: there is nothing before it.";

/// Said when Esc is pressed on the first question asked after a file pre-filled the others.
pub const NOTHING_ASKED_BEFORE: &str = "No question was asked before this one; the pre-filled answers are on the review screen, after the last question.";

/// The outcome of a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Every question's answer; questions that do not apply hold their default.
    pub answers: Answers,
    /// Which questions applied (and so were asked, and belong in a saved file).
    pub asked: Vec<bool>,
}

/// The state of one questionnaire.
struct Flow<'p> {
    pack: &'p Pack,
    /// Current answers; `None` only for required questions not answered yet.
    values: Vec<Option<OptionSet>>,
    /// Questions the user has seen in this session (or that the pre-filled file answered).
    seen: Vec<bool>,
}

impl Flow<'_> {
    /// The answers so far, unanswered required questions as empty sets.
    fn answers(&self) -> Answers {
        Answers::new(self.values.iter().map(|v| (*v).unwrap_or_default()).collect())
    }

    fn applies(&self, question: usize, answers: &Answers) -> bool {
        self.pack.questions[question].when.holds(answers)
    }

    fn applicable(&self) -> Vec<usize> {
        let answers = self.answers();
        (0..self.values.len()).filter(|&q| self.applies(q, &answers)).collect()
    }

    /// The first question at or after `from` that applies.
    fn next_applicable(&self, from: usize) -> Option<usize> {
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
    fn next_unseen(&self, from: usize) -> Option<usize> {
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
    fn ask(&mut self, prompter: &mut dyn Prompter, question: usize) -> Result<Step<()>, Error> {
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

    fn review_rows(&self) -> Vec<ReviewRow> {
        self.applicable()
            .into_iter()
            .map(|q| {
                let question = &self.pack.questions[q];
                let labels: Vec<&str> = self.values[q]
                    .iter()
                    .flat_map(|v| v.iter())
                    .map(|o| question.options[o].label.as_ref())
                    .collect();
                let answer = if labels.is_empty() { "none".to_string() } else { labels.join(", ") };
                ReviewRow { question: q, answer }
            })
            .collect()
    }

    /// Changes one answer from the review screen, then asks every question that the change
    /// made relevant and the user has not seen. Esc returns to the review unchanged.
    fn edit(&mut self, prompter: &mut dyn Prompter, question: usize) -> Result<(), Error> {
        let before = self.values[question];
        if self.ask(prompter, question)? == Step::Back {
            self.values[question] = before;
            return Ok(());
        }
        let mut next = question + 1;
        while let Some(q) = self.next_applicable(next) {
            if !self.seen[q] && self.ask(prompter, q)? == Step::Back {
                break;
            }
            next = q + 1;
        }
        Ok(())
    }
}

/// Runs the questionnaire. Without `initial`, every applicable question in order, from the
/// defaults; with `initial` (one usable answer or `None` per question, from a file), only the
/// applicable questions it does not answer, then the review screen, where a complete file
/// opens. Esc goes back; conditions are re-evaluated after every answer; the review repeats
/// until the user confirms.
pub fn run(
    pack: &Pack,
    initial: Option<&[Option<OptionSet>]>,
    prompter: &mut dyn Prompter,
) -> Result<Outcome, Error> {
    let n = pack.questions.len();
    let given = |q: usize| initial.and_then(|values| values.get(q).copied().flatten());
    let mut flow = Flow {
        pack,
        values: pack
            .questions
            .iter()
            .enumerate()
            .map(|(q, question)| given(q).or(question.default))
            .collect(),
        seen: (0..n).map(|q| given(q).is_some()).collect(),
    };
    flow.drop_repeats();
    let prefilled = flow.seen.iter().any(|s| *s);
    let mut history: Vec<usize> = Vec::new();
    let mut at = 0;
    loop {
        match flow.next_unseen(at) {
            Some(q) => match flow.ask(prompter, q)? {
                Step::Answer(()) => {
                    history.push(q);
                    at = q + 1;
                }
                Step::Back => {
                    // Both the question left and the one gone back to are asked again.
                    flow.seen[q] = false;
                    if history.is_empty() {
                        prompter.notice(if prefilled { NOTHING_ASKED_BEFORE } else { NOTHING_BEFORE });
                    }
                    let previous = history.pop().unwrap_or(q);
                    flow.seen[previous] = false;
                    at = previous;
                }
            },
            None => match prompter.review(pack, &flow.review_rows())? {
                ReviewAction::Confirm if flow.values.iter().all(Option::is_some) => break,
                ReviewAction::Confirm => at = 0,
                ReviewAction::Edit(q) => flow.edit(prompter, q)?,
                ReviewAction::WalkAll => {
                    flow.seen.iter_mut().for_each(|s| *s = false);
                    history.clear();
                    at = 0;
                }
                // With nothing asked in this session (a complete file), the review stays.
                ReviewAction::Back => {
                    if let Some(q) = history.pop() {
                        flow.seen[q] = false;
                        at = q;
                    }
                }
            },
        }
    }
    let applicable = flow.applicable();
    let asked: Vec<bool> = (0..n).map(|q| applicable.contains(&q)).collect();
    let values = flow
        .values
        .into_iter()
        .zip(&pack.questions)
        .zip(&asked)
        .map(
            |((value, question), &asked)| {
                if asked { value.unwrap_or_default() } else { question.default.unwrap_or_default() }
            },
        )
        .collect();
    Ok(Outcome { answers: Answers::new(values), asked })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuestionIdx;
    use crate::pack::{PackFile, build};
    use std::collections::VecDeque;

    /// A small pack: `kind` (required), `size` (asked only when kind is `service`), `extras`
    /// (multi), `tone` (default `calm`).
    fn pack() -> Pack {
        pack_of(
            r#"questions:
  - id: kind
    title: Kind
    kind: single
    prompt: Which kind?
    help: H
    source: 000 / S
    options:
      - {id: batch, label: Batch, description: D}
      - {id: service, label: Service, description: D}
  - id: size
    title: Size
    kind: single
    prompt: How big?
    help: H
    source: 000 / S
    when: {kind: service}
    default: small
    options:
      - {id: small, label: Small, description: D}
      - {id: large, label: Large, description: D}
  - id: extras
    title: Extras
    kind: multi
    prompt: Which extras?
    help: H
    source: 000 / S
    default: []
    options:
      - {id: x, label: X, description: D}
      - {id: y, label: Y, description: D}
  - id: tone
    title: Tone
    kind: single
    prompt: Which tone?
    help: H
    source: 000 / S
    default: calm
    options:
      - {id: loud, label: Loud, description: D}
      - {id: calm, label: Calm, description: D}
"#,
        )
    }

    /// One scripted reply.
    #[derive(Debug, Clone)]
    enum Reply {
        /// Answer a single-choice question with this option, or a multi with these options.
        Pick(Vec<usize>),
        /// Keep what is pre-selected.
        Keep,
        Back,
        Confirm,
        Edit(usize),
        WalkAll,
        CtrlC,
    }

    /// Replays replies and records what was asked: `(question id, progress, pre-selection)`.
    struct Script {
        replies: VecDeque<Reply>,
        asked: Vec<(String, Progress, Vec<usize>)>,
        reviews: Vec<Vec<ReviewRow>>,
        /// The options each multi-choice prompt did not offer.
        hidden: Vec<Vec<usize>>,
        notices: Vec<String>,
    }

    impl Script {
        fn new(replies: &[Reply]) -> Self {
            Script {
                replies: replies.iter().cloned().collect(),
                asked: Vec::new(),
                reviews: Vec::new(),
                hidden: Vec::new(),
                notices: Vec::new(),
            }
        }

        fn next(&mut self) -> Reply {
            self.replies.pop_front().expect("the flow asked more than the script answers")
        }

        fn order(&self) -> Vec<&str> {
            self.asked.iter().map(|(id, _, _)| id.as_str()).collect()
        }
    }

    impl Prompter for Script {
        fn single(
            &mut self,
            pack: &Pack,
            q: usize,
            p: Progress,
            current: Option<usize>,
        ) -> Result<Step<usize>, Error> {
            self.asked.push((pack.questions[q].id.to_string(), p, current.into_iter().collect()));
            match self.next() {
                Reply::Pick(v) => Ok(Step::Answer(v[0])),
                Reply::Keep => Ok(Step::Answer(current.expect("something pre-selected"))),
                Reply::Back => Ok(Step::Back),
                Reply::CtrlC => Err(Error::Cancelled),
                other => panic!("{other:?} at a single-choice prompt"),
            }
        }

        fn multi(
            &mut self,
            pack: &Pack,
            q: usize,
            p: Progress,
            current: &OptionSet,
            hidden: &OptionSet,
        ) -> Result<Step<OptionSet>, Error> {
            self.asked.push((pack.questions[q].id.to_string(), p, current.iter().collect()));
            self.hidden.push(hidden.iter().collect());
            match self.next() {
                Reply::Pick(v) => {
                    let mut set = OptionSet::new();
                    v.into_iter().for_each(|o| {
                        set.insert(o);
                    });
                    Ok(Step::Answer(set))
                }
                Reply::Keep => Ok(Step::Answer(*current)),
                Reply::Back => Ok(Step::Back),
                Reply::CtrlC => Err(Error::Cancelled),
                other => panic!("{other:?} at a multi-choice prompt"),
            }
        }

        fn confirm(&mut self, _: &str, _: bool) -> Result<bool, Error> {
            unreachable!("the questionnaire does not confirm")
        }

        fn text(&mut self, _: &str, _: &str) -> Result<Option<String>, Error> {
            unreachable!("the questionnaire asks no text")
        }

        fn notice(&mut self, message: &str) {
            self.notices.push(message.to_string());
        }

        fn review(&mut self, _: &Pack, rows: &[ReviewRow]) -> Result<ReviewAction, Error> {
            self.reviews.push(rows.to_vec());
            match self.next() {
                Reply::Confirm => Ok(ReviewAction::Confirm),
                Reply::Edit(q) => Ok(ReviewAction::Edit(q)),
                Reply::WalkAll => Ok(ReviewAction::WalkAll),
                Reply::Back => Ok(ReviewAction::Back),
                Reply::CtrlC => Err(Error::Cancelled),
                other => panic!("{other:?} at the review"),
            }
        }
    }

    fn ids<'p>(pack: &'p Pack, outcome: &Outcome) -> Vec<Vec<&'p str>> {
        pack.questions
            .iter()
            .enumerate()
            .map(|(q, question)| {
                outcome
                    .answers
                    .get(QuestionIdx::new(q))
                    .iter()
                    .map(|o| question.options[o].id.as_ref())
                    .collect()
            })
            .collect()
    }

    use Reply::*;

    #[test]
    fn a_question_whose_condition_fails_is_skipped_and_takes_its_default() {
        let pack = pack();
        let mut script = Script::new(&[Pick(vec![0]), Keep, Keep, Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "extras", "tone"]);
        assert_eq!(script.asked[0].1, Progress { position: 1, total: 4 }, "size may still apply");
        assert_eq!(script.asked[1].1, Progress { position: 2, total: 3 }, "size is known not to apply");
        assert_eq!(ids(&pack, &outcome), vec![vec!["batch"], vec!["small"], vec![], vec!["calm"]]);
        assert_eq!(outcome.asked, [true, false, true, true]);
    }

    #[test]
    fn defaults_are_pre_selected_and_a_required_question_starts_unselected() {
        let pack = pack();
        let mut script = Script::new(&[Pick(vec![1]), Keep, Keep, Keep, Confirm]);
        run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "size", "extras", "tone"]);
        assert_eq!(script.asked[0].2, Vec::<usize>::new(), "required: nothing pre-selected");
        assert_eq!(script.asked[1].2, [0], "size starts on its default, small");
        assert_eq!(script.asked[3].2, [1], "tone starts on its default, calm");
        assert_eq!(script.asked[1].1, Progress { position: 2, total: 4 });
    }

    #[test]
    fn going_back_and_changing_an_answer_re_evaluates_the_conditions() {
        let pack = pack();
        // service -> size asked; back to size, back to kind; batch -> size no longer asked.
        let mut script = Script::new(&[Pick(vec![1]), Back, Pick(vec![0]), Pick(vec![1]), Keep, Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "size", "kind", "extras", "tone"]);
        assert_eq!(script.asked[2].2, [1], "going back shows the earlier answer");
        assert_eq!(ids(&pack, &outcome)[1], ["small"], "size is not asked, so it keeps its default");
        assert_eq!(ids(&pack, &outcome)[2], ["y"]);
        assert!(!outcome.asked[1]);
    }

    #[test]
    fn back_at_the_first_question_stays_there() {
        let pack = pack();
        let mut script = Script::new(&[Back, Pick(vec![0]), Keep, Keep, Confirm]);
        run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "kind", "extras", "tone"]);
        assert_eq!(script.notices, [NOTHING_BEFORE]);
    }

    #[test]
    fn back_from_the_review_returns_to_the_last_question() {
        let pack = pack();
        let mut script = Script::new(&[Pick(vec![0]), Keep, Keep, Back, Pick(vec![0]), Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "extras", "tone", "tone"]);
        assert_eq!(ids(&pack, &outcome)[3], ["loud"]);
    }

    #[test]
    fn the_review_lists_applicable_answers_and_edits_ask_newly_relevant_questions() {
        let pack = pack();
        // batch; review; edit kind -> service, which makes size relevant: it is asked; confirm.
        let mut script =
            Script::new(&[Pick(vec![0]), Keep, Keep, Edit(0), Pick(vec![1]), Pick(vec![1]), Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "extras", "tone", "kind", "size"]);
        let first: Vec<(usize, &str)> =
            script.reviews[0].iter().map(|r| (r.question, r.answer.as_str())).collect();
        assert_eq!(first, [(0, "Batch"), (2, "none"), (3, "Calm")]);
        assert_eq!(script.reviews[1].len(), 4, "size now applies and is listed");
        assert_eq!(ids(&pack, &outcome), vec![vec!["service"], vec!["large"], vec![], vec!["calm"]]);
    }

    #[test]
    fn esc_while_editing_from_the_review_keeps_the_old_answer() {
        let pack = pack();
        let mut script = Script::new(&[Pick(vec![0]), Keep, Keep, Edit(3), Back, Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert_eq!(ids(&pack, &outcome)[3], ["calm"]);
        assert_eq!(script.reviews.len(), 2);
    }

    #[test]
    fn an_edit_does_not_re_ask_questions_already_seen() {
        let pack = pack();
        let mut script = Script::new(&[Pick(vec![1]), Keep, Keep, Keep, Edit(0), Pick(vec![1]), Confirm]);
        run(&pack, None, &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "size", "extras", "tone", "kind"]);
    }

    #[test]
    fn a_half_filled_file_asks_only_what_is_missing_then_reviews() {
        let pack = pack();
        let mut extras = OptionSet::single(0);
        extras.insert(1);
        // kind and extras given; size (applies: service) and tone missing.
        let initial = [Some(OptionSet::single(1)), None, Some(extras), None];
        let mut script = Script::new(&[Keep, Pick(vec![0]), Confirm]);
        let outcome = run(&pack, Some(&initial), &mut script).unwrap();
        assert_eq!(script.order(), ["size", "tone"]);
        assert_eq!(script.asked[0].2, [0], "a missing optional answer starts on its default");
        assert_eq!(ids(&pack, &outcome), vec![vec!["service"], vec!["small"], vec!["x", "y"], vec!["loud"]]);
    }

    #[test]
    fn a_complete_file_opens_on_the_review_and_every_question_is_one_choice_away() {
        let pack = pack();
        let initial = [Some(OptionSet::single(0)), None, Some(OptionSet::new()), Some(OptionSet::single(0))];
        let mut script = Script::new(&[Confirm]);
        let outcome = run(&pack, Some(&initial), &mut script).unwrap();
        assert!(script.order().is_empty(), "nothing is asked: {:?}", script.order());
        assert_eq!(script.reviews.len(), 1);
        assert_eq!(ids(&pack, &outcome), vec![vec!["batch"], vec!["small"], vec![], vec!["loud"]]);
        // Going through every question from the review, each pre-selected.
        let mut script = Script::new(&[WalkAll, Keep, Keep, Keep, Confirm]);
        run(&pack, Some(&initial), &mut script).unwrap();
        assert_eq!(script.order(), ["kind", "extras", "tone"]);
        let pre: Vec<Vec<usize>> = script.asked.iter().map(|(_, _, c)| c.clone()).collect();
        assert_eq!(pre, vec![vec![0], vec![], vec![0]]);
        // Esc on a review nothing led to stays on the review.
        let mut script = Script::new(&[Back, Confirm]);
        run(&pack, Some(&initial), &mut script).unwrap();
        assert_eq!(script.reviews.len(), 2);
    }

    /// A pack of two questions: `shape` (a or b) and `also`, the same options, distinct from it.
    fn shapes_pack() -> Pack {
        pack_of(
            "questions:\n  - id: shape\n    title: T\n    kind: single\n    prompt: P\n    help: H\n    source: 000 / S\n    options:\n      - {id: a, label: A, description: D}\n      - {id: b, label: B, description: D}\n  - id: also\n    title: T\n    kind: multi\n    prompt: P\n    help: H\n    source: 000 / S\n    options_from: shape\n    distinct_from: shape\n    default: []\n",
        )
    }

    /// A pack of one language, one guide and these questions.
    fn pack_of(questions: &str) -> Pack {
        let file = |name: &str, text: &str| PackFile::new(name, text);
        build(&[
            file("p/languages/l.yaml", "languages:\n  - {id: go, name: Go, runtime: native}\n"),
            file("p/sources/s.yaml", "guides:\n  - {id: \"000\", title: T, sections: [S]}\n"),
            file("p/questions/q.yaml", questions),
        ])
        .expect("test pack")
    }

    #[test]
    fn changing_the_dominant_shape_drops_it_from_the_secondary_ones() {
        let pack = shapes_pack();
        // shape a, also [b]; then on the review, shape becomes b: also loses b.
        let mut script = Script::new(&[Pick(vec![0]), Pick(vec![1]), Edit(0), Pick(vec![1]), Confirm]);
        let outcome = run(&pack, None, &mut script).unwrap();
        assert!(outcome.answers.get(QuestionIdx::new(1)).is_empty(), "{:?}", outcome.answers);
    }

    #[test]
    fn a_question_distinct_from_another_does_not_offer_its_answer() {
        let pack = shapes_pack();
        // A file that lists the dominant shape again: it is not offered, nor kept.
        let mut both = OptionSet::single(0);
        both.insert(1);
        let initial = [Some(OptionSet::single(1)), Some(both)];
        let mut script = Script::new(&[WalkAll, Keep, Keep, Confirm]);
        let outcome = run(&pack, Some(&initial), &mut script).unwrap();
        assert_eq!(script.hidden, vec![vec![1]], "b is the dominant shape");
        assert_eq!(script.asked[1].2, [0], "b is not pre-selected either");
        assert_eq!(outcome.answers.get(QuestionIdx::new(1)).iter().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn ctrl_c_anywhere_cancels() {
        let pack = pack();
        for at in 0..4 {
            let mut replies = vec![Pick(vec![0]), Keep, Keep, Confirm];
            replies[at] = CtrlC;
            let err = run(&pack, None, &mut Script::new(&replies)).unwrap_err();
            assert_eq!(err.exit_code(), 130);
        }
    }
}
