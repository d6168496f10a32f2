//! Checking a parsed answers file against the pack: the format version, each answer against
//! its question's options, `--set` answers laid over the file, defaults filled and missing
//! required answers reported, each problem at its key or value.

use super::raw::{self, RawFile, RawValue};
use super::{AnswersFile, FORMAT_VERSION, Format, Target, flags, position};
use crate::error::{Diagnostic, Error};
use crate::model::{Answers, Kind, OptionSet, QuestionIdx};
use crate::pack::Pack;
use crate::suggest::{did_you_mean, shorten};

/// Checks one answers text against a pack, gathering every problem.
pub(super) struct Checker<'a> {
    /// The file's name in messages.
    pub(super) file: &'a str,
    /// Its text, to locate problems.
    pub(super) text: &'a str,
    /// Its syntax.
    pub(super) format: Format,
    /// The pack the answers are for.
    pub(super) pack: &'a Pack,
    /// What is wrong, in the order found.
    pub(super) problems: Vec<Diagnostic>,
    /// Reading to pre-fill `ask`: keep what can be used, note the rest instead of failing.
    pub(super) lenient: bool,
    /// In lenient mode, what was left out and why (the problems hold the rest).
    pub(super) notes: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// A checker of `text` (named `file`), strict or `lenient` (pre-filling `ask`).
    pub(super) fn new(file: &'a str, text: &'a str, format: Format, pack: &'a Pack, lenient: bool) -> Self {
        Checker { file, text, format, pack, problems: Vec::new(), lenient, notes: Vec::new() }
    }

    /// Text that records and CI logs show: one line, no control character.
    pub(super) fn plain_text(&mut self, path: &[&str], what: &str, text: &str) {
        if text.contains(crate::safe::LEGACY_COMMAND) {
            self.problem(
                path,
                Target::Value,
                format!(
                    "{what} contains `#`, `#`, `[` in a row, which a GitHub runner reads as a workflow command in any log line"
                ),
            );
        }
        if let Some(c) = text.chars().find(|&c| crate::safe::unsafe_char(c)) {
            self.problem(
                path,
                Target::Value,
                format!(
                    "{what} contains the control character U+{:04X}; expected one line of plain text",
                    c as u32
                ),
            );
        }
    }

    pub(super) fn problem(&mut self, path: &[&str], target: Target, message: String) {
        let position = position(self.text, self.format, path, target);
        self.problems.push(Diagnostic::new(self.file, message).at(position));
    }

    pub(super) fn check(mut self, raw: RawFile, sets: &[flags::SetAnswer]) -> Result<AnswersFile, Error> {
        self.version(&raw);
        let (values, answered) = self.read_answers(raw.answers.unwrap_or_default(), sets);
        self.finish(values, answered, raw.decision, raw.pack_fingerprint, raw.packs, sets)
    }

    /// Checks `version`.
    pub(super) fn version(&mut self, raw: &RawFile) {
        match &raw.version {
            None => {}
            Some(RawValue::Int(v)) if *v == FORMAT_VERSION => {}
            Some(RawValue::Int(v)) => self.problem(
                &["version"],
                Target::Value,
                format!("format version {v} is not supported; this advisor reads version = {FORMAT_VERSION}"),
            ),
            Some(other) => self.problem(
                &["version"],
                Target::Value,
                format!("`version` is {}; expected the number {FORMAT_VERSION}", other.describe()),
            ),
        }
    }

    /// Checks every answer, `--set` laid over them: the valid ones, and which questions were
    /// answered (even wrongly: a bad answer is reported as bad, not also as missing).
    pub(super) fn read_answers(
        &mut self,
        raw: Vec<(String, RawValue)>,
        sets: &[flags::SetAnswer],
    ) -> (Vec<Option<OptionSet>>, Vec<bool>) {
        let pack = self.pack;
        let mut values: Vec<Option<OptionSet>> = vec![None; pack.questions.len()];
        let mut answered = vec![false; pack.questions.len()];
        for (key, value) in raw {
            let Some(qi) = pack.question(&key) else {
                if self.lenient {
                    let at = position(self.text, self.format, &["answers", &key], Target::Key);
                    self.notes.push(
                        Diagnostic::new(self.file, format!(
                            "`{}` is not a question of this pack: it is left out when the answers are saved",
                            shorten(&key)
                        ))
                        .at(at),
                    );
                    continue;
                }
                let hint = did_you_mean(&key, pack.questions.iter().map(|q| q.id.as_ref()));
                let known: Vec<&str> = pack.questions.iter().map(|q| q.id.as_ref()).collect();
                self.problem(
                    &["answers", &key],
                    Target::Key,
                    format!(
                        "unknown question `{}`{hint}; expected one of: {}",
                        shorten(&key),
                        known.join(", ")
                    ),
                );
                continue;
            };
            let qi = qi.get();
            if answered[qi] {
                self.problem(&["answers", &key], Target::Key, format!("`{key}` is answered twice"));
                continue;
            }
            answered[qi] = true;
            values[qi] = self.answer(qi, &key, &value);
        }
        for set in sets {
            let qi = set.question.get();
            values[qi] = set.value;
            answered[qi] = set.value.is_some();
        }
        (values, answered)
    }

    /// Fills defaults, reports missing required answers, checks the decision.
    fn finish(
        mut self,
        values: Vec<Option<OptionSet>>,
        answered: Vec<bool>,
        decision: Option<raw::RawDecision>,
        pack_fingerprint: Option<String>,
        packs: Option<Vec<String>>,
        sets: &[flags::SetAnswer],
    ) -> Result<AnswersFile, Error> {
        let pack = self.pack;
        let mut given = Vec::with_capacity(values.len());
        let mut answers = Vec::with_capacity(values.len());
        for ((question, value), answered) in pack.questions.iter().zip(values).zip(answered) {
            given.push(answered);
            match value.or(question.default) {
                Some(v) => answers.push(v),
                None if answered => answers.push(OptionSet::new()),
                None => {
                    let options: Vec<&str> = question.option_ids().collect();
                    let place = if self.file == flags::SOURCE {
                        format!("give it with --set {}=...", question.id)
                    } else {
                        format!("in [answers], or with --set {}=...", question.id)
                    };
                    self.problems.push(Diagnostic::new(
                        self.file,
                        format!(
                            "missing required answer `{}` ({}); {place}; expected one of: {}",
                            question.id,
                            question.title,
                            options.join(", ")
                        ),
                    ));
                    answers.push(OptionSet::new());
                }
            }
        }
        let decision = decision.and_then(|d| self.decision(d));
        if !self.problems.is_empty() {
            return Err(Error::Invalid(self.problems));
        }
        Ok(AnswersFile {
            answers: Answers::new(answers),
            given,
            decision,
            pack_fingerprint,
            packs: packs.unwrap_or_default(),
            set_by_flags: {
                let mut set: Vec<QuestionIdx> = sets.iter().map(|s| s.question).collect();
                set.sort_unstable();
                set
            },
        })
    }

    /// Checks one answer against its question; `None` after reporting a problem.
    fn answer(&mut self, qi: usize, key: &str, value: &RawValue) -> Option<OptionSet> {
        let question = &self.pack.questions[qi];
        let path = ["answers", key];
        match (question.kind, value) {
            // The starter of `advisor init` leaves required answers empty.
            (Kind::Single, RawValue::Str(id)) if self.lenient && id.is_empty() => {
                let at = position(self.text, self.format, &path, Target::Value);
                self.notes.push(Diagnostic::new(self.file, format!("`{key}` is not answered yet")).at(at));
                None
            }
            (Kind::Single, RawValue::Str(id)) => self.option(qi, key, id).map(OptionSet::single),
            (Kind::Single, other) => {
                self.problem(
                    &path,
                    Target::Value,
                    format!("`{key}` takes one option id as a string, not {}", other.describe()),
                );
                None
            }
            // Once single-choice, still read as one: `production_runtime = "jvm"`.
            (Kind::Multi, RawValue::Str(id)) if question.was_single => {
                self.option(qi, key, id).map(OptionSet::single)
            }
            (Kind::Multi, RawValue::List(items)) => {
                let mut set = OptionSet::new();
                let mut ok = true;
                for item in items {
                    match item {
                        RawValue::Str(id) => match self.option(qi, key, id) {
                            Some(i) if !set.insert(i) => {
                                self.problem(&path, Target::Value, format!("`{key}` lists \"{id}\" twice"));
                                ok = false;
                            }
                            Some(_) => {}
                            None => ok = false,
                        },
                        other => {
                            self.problem(
                                &path,
                                Target::Value,
                                format!("`{key}` lists option ids as strings, not {}", other.describe()),
                            );
                            ok = false;
                        }
                    }
                }
                // Pre-filling keeps the options that are valid.
                (ok || self.lenient).then_some(set)
            }
            (Kind::Multi, other) => {
                let example = question.options.first().map_or("", |o| o.id.as_ref());
                self.problem(
                    &path,
                    Target::Value,
                    format!(
                        "`{key}` takes a list of option ids, like [\"{example}\"] or [], not {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    fn option(&mut self, qi: usize, key: &str, id: &str) -> Option<usize> {
        let question = &self.pack.questions[qi];
        let found = question.option(id);
        if found.is_none() {
            let hint = crate::model::option_hint(&self.pack.languages, question, id);
            let options: Vec<&str> = question.option_ids().collect();
            self.problem(
                &["answers", key],
                Target::Value,
                format!(
                    "unknown option \"{}\" for `{key}`{hint}; expected one of: {}",
                    shorten(id),
                    options.join(", ")
                ),
            );
        }
        found
    }
}
