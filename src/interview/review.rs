//! The review screen: the answers that apply listed in words, and what each choice there
//! does (confirm, change one answer, go through every question again, go back).

use super::flow::Flow;
use super::prompts::{Questionnaire, ReviewAction, ReviewRow, Step};
use crate::error::Error;

impl Flow<'_> {
    /// Shows the review screen and acts on the choice made there; `true` once the user
    /// confirmed answers to every required question.
    pub(super) fn review(&mut self, prompter: &mut dyn Questionnaire) -> Result<bool, Error> {
        match prompter.review(self.pack, &self.review_rows())? {
            ReviewAction::Confirm if self.values.iter().all(Option::is_some) => return Ok(true),
            ReviewAction::Confirm => self.at = 0,
            ReviewAction::Edit(q) => self.edit(prompter, q)?,
            ReviewAction::WalkAll => {
                self.seen.iter_mut().for_each(|s| *s = false);
                self.history.clear();
                self.at = 0;
            }
            // With nothing asked in this session (a complete file), the review stays.
            ReviewAction::Back => {
                if let Some(q) = self.history.pop() {
                    self.seen[q] = false;
                    self.at = q;
                }
            }
        }
        Ok(false)
    }

    /// One row per question that applies: its answer's labels, or `none`.
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
    fn edit(&mut self, prompter: &mut dyn Questionnaire, question: usize) -> Result<(), Error> {
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
