//! The questionnaire of `advisor ask`, apart from any terminal: the traits that do the asking
//! (`prompts`), the question flow (`flow`), the review screen (`review`), and `run`, which
//! goes from the first question to confirmed answers. `terminal` asks on inquire.

mod flow;
mod prompts;
mod review;
pub mod terminal;

pub use prompts::{Progress, Questionnaire, ReviewAction, ReviewRow, SaveDialog, Step};

use crate::error::Error;
use crate::model::{Answers, OptionSet};
use crate::pack::Pack;
use flow::Flow;

/// The outcome of a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Every question's answer; questions that do not apply hold their default.
    pub answers: Answers,
    /// Which questions applied (and so were asked, and belong in a saved file).
    pub asked: Vec<bool>,
}

/// Runs the questionnaire. Without `initial`, every applicable question in order, from the
/// defaults; with `initial` (one usable answer or `None` per question, from a file), only the
/// applicable questions it does not answer, then the review screen, where a complete file
/// opens. Esc goes back; conditions are re-evaluated after every answer; the review repeats
/// until the user confirms.
pub fn run(
    pack: &Pack,
    initial: Option<&[Option<OptionSet>]>,
    prompter: &mut dyn Questionnaire,
) -> Result<Outcome, Error> {
    let mut flow = Flow::new(pack, initial);
    loop {
        match flow.next_unseen(flow.at) {
            Some(q) => flow.ask_in_turn(prompter, q)?,
            None if flow.review(prompter)? => return Ok(flow.outcome()),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests;
