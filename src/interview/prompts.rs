//! What `advisor ask` needs from whoever does the asking: the [`Questionnaire`] (questions,
//! the review screen, notices) and the [`SaveDialog`] (yes/no questions and a path), with the
//! types their answers come in. Tests script either one; `terminal` implements both.

use crate::error::Error;
use crate::model::OptionSet;
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

/// Asks the questionnaire's questions and shows its review screen. Cancelling (Ctrl-C) is
/// `Err(Error::Cancelled)`.
pub trait Questionnaire {
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

    /// Tells the user something that needs no answer.
    fn notice(&mut self, message: &str) -> Result<(), Error>;
}

/// Asks where and whether to save the answers. Cancelling (Ctrl-C) is `Err(Error::Cancelled)`.
pub trait SaveDialog {
    /// A yes/no question; Esc answers no.
    fn confirm(&mut self, message: &str, default: bool) -> Result<bool, Error>;

    /// A yes/no question where Esc means "go back": `None`.
    fn confirm_or_back(&mut self, message: &str, default: bool) -> Result<Option<bool>, Error> {
        self.confirm(message, default).map(Some)
    }

    /// A line of text, `default` when left empty; `None` when the user presses Esc.
    fn text(&mut self, message: &str, default: &str) -> Result<Option<String>, Error>;
}
