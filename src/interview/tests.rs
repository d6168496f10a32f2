//! The questionnaire's flow driven by a scripted `Questionnaire`: order, conditions, going
//! back, the review screen and edits from it, pre-filled files, cancelling.

use super::*;
use crate::model::QuestionIdx;
use crate::pack::{PackFile, build};
use flow::NOTHING_BEFORE;
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

impl Questionnaire for Script {
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

    fn notice(&mut self, message: &str) -> Result<(), Error> {
        self.notices.push(message.to_string());
        Ok(())
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
            outcome.answers.get(QuestionIdx::new(q)).iter().map(|o| question.options[o].id.as_ref()).collect()
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
