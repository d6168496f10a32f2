//! Id resolution: the languages, questions and options an entry names, resolved to indices
//! of what is loaded so far, and its `when` condition checked and compiled to a
//! [`Condition`]. An id that names nothing is a problem with a "did you mean" hint.

use super::{Builder, Site};
use crate::error::Diagnostic;
use crate::model::raw::{RawCondition, RawTest};
use crate::model::{Condition, LangIdx, OptionSet, Question, QuestionIdx};
use crate::suggest::did_you_mean;

/// The index of option `id` of question `q`, or the problem naming the options it has.
pub(super) fn option_of(site: &Site<'_>, q: &Question, id: &str) -> Result<usize, Diagnostic> {
    q.option(id).ok_or_else(|| {
        let hint = did_you_mean(id, q.option_ids());
        site.problem(format!("question `{}` has no option `{id}`{hint}", q.id))
    })
}

impl Builder<'_> {
    /// The language with id `id`, or `None` after reporting it unknown.
    pub(super) fn lang(&mut self, site: &Site<'_>, id: &str) -> Option<LangIdx> {
        let found = crate::model::language_by_id(&self.languages, id);
        if found.is_none() {
            let hint = crate::model::language_hint(&self.languages, id);
            self.problems.push(site.problem(format!("unknown language `{id}`{hint}")));
        }
        found
    }

    /// Checks a new language's aliases: lower-case words that name no other language.
    pub(super) fn aliases(&mut self, site: &Site<'_>, id: &str, aliases: &[String]) {
        for alias in aliases {
            let taken = crate::model::language_named(&self.languages, alias)
                .map(|l| self.languages[l.get()].id.to_string())
                .or_else(|| (alias == id).then(|| id.to_string()));
            if alias.trim().is_empty() || alias.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
                self.problems.push(site.problem(format!(
                    "alias `{}` is not a lower-case word; expected what people type, as in `golang`",
                    crate::suggest::shorten(alias)
                )));
            } else if let Some(other) = taken {
                self.problems.push(site.problem(format!(
                    "alias `{alias}` already names the language `{other}`; an alias names one language"
                )));
            }
        }
    }

    /// The option `id` of question `q`, or `None` after reporting it unknown.
    pub(super) fn option(&mut self, site: &Site<'_>, q: &Question, id: &str) -> Option<usize> {
        option_of(site, q, id).map_err(|problem| self.problems.push(problem)).ok()
    }

    /// A `languages` list: at least one, each known and listed once.
    pub(super) fn languages_of(&mut self, site: &Site<'_>, ids: &[String]) -> Vec<LangIdx> {
        if ids.is_empty() {
            self.problems.push(site.problem("`languages` is empty; name at least one language"));
        }
        let mut out = Vec::new();
        for id in ids {
            if let Some(i) = self.lang(site, id) {
                if out.contains(&i) {
                    self.problems.push(site.problem(format!("language `{id}` is listed twice")));
                } else {
                    out.push(i);
                }
            }
        }
        out
    }

    /// A `when` condition; it may name only questions loaded before the entry, which are
    /// answered by the time it is evaluated. Several tests in one mapping must all hold.
    pub(super) fn condition(&mut self, site: &Site<'_>, raw: Option<&RawCondition>) -> Condition {
        let Some(raw) = raw else { return Condition::Always };
        let mut tests = Vec::new();
        for (key, test) in &raw.0 {
            let checked = match test {
                RawTest::All(list) => {
                    Condition::All(list.iter().map(|c| self.condition(site, Some(c))).collect())
                }
                RawTest::Any(list) => {
                    Condition::Any(list.iter().map(|c| self.condition(site, Some(c))).collect())
                }
                RawTest::Not(c) => Condition::Not(self.condition(site, Some(c)).into()),
                RawTest::Options(ids) => {
                    let Some(qi) = self.questions.iter().position(|q| &q.id == key) else {
                        let hint = did_you_mean(key, self.questions.iter().map(|q| q.id.as_ref()));
                        self.problems.push(site.problem(format!(
                            "condition names `{key}`, which is not a question defined before this entry{hint}"
                        )));
                        continue;
                    };
                    if ids.is_empty() {
                        self.problems.push(site.problem(format!("condition on `{key}` lists no options")));
                    }
                    let mut options = OptionSet::new();
                    for id in ids {
                        match option_of(site, &self.questions[qi], id) {
                            Ok(i) => {
                                options.insert(i);
                            }
                            Err(problem) => self.problems.push(problem),
                        }
                    }
                    Condition::Answer { question: QuestionIdx::new(qi), options }
                }
            };
            tests.push(checked);
        }
        // One test is the condition itself; several (or none left) must all hold.
        match <[Condition; 1]>::try_from(tests) {
            Ok([only]) => only,
            Err(tests) => Condition::All(tests.into()),
        }
    }
}
