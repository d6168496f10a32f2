//! Answers files (contract section 3): reading TOML or YAML, checking every answer against
//! the questions of the pack, filling defaults. Problems name the file, the line and column,
//! and what was expected.

pub mod flags;
mod raw;
mod toml_spans;
pub mod write;

use crate::error::{Diagnostic, Error};
use crate::locate;
pub use crate::locate::Target;
use crate::model::{Answers, Kind, LangIdx, OptionSet, QuestionIdx};
use crate::pack::Pack;
use crate::suggest::{did_you_mean, shorten};
use raw::{RawFile, RawValue};
use std::path::Path;

/// Answers files larger than this are refused: a real one is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The answers file format currently written and read.
pub const FORMAT_VERSION: i64 = 1;

/// The syntax of an answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `advisor.toml`, the default.
    Toml,
    /// Files ending in `.yaml` or `.yml`.
    Yaml,
}

impl Format {
    /// The format a file name implies.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => Format::Yaml,
            _ => Format::Toml,
        }
    }
}

/// The lifecycle status of a recorded decision (MADR's statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proposed, not yet accepted.
    Proposed,
    /// Accepted.
    Accepted,
    /// Rejected.
    Rejected,
    /// Deprecated.
    Deprecated,
    /// Superseded by a later decision.
    Superseded,
}

impl Status {
    /// Every status, in the contract's order.
    pub const ALL: [Status; 5] =
        [Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated, Status::Superseded];

    /// The id written in answers files.
    pub fn id(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }
}

/// The `[decision]` table: what the team decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The language chosen.
    pub language: LangIdx,
    /// Its status; `None` when not written.
    pub status: Option<Status>,
    /// The date, as written (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Who decided.
    pub deciders: Vec<String>,
    /// A waiver keeping the decision against the advice, if any.
    pub waiver: Option<Waiver>,
}

/// Keeps a decision the advice does not support, until `expires` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Why the team keeps the decision.
    pub reason: String,
    /// The last day the waiver holds, `YYYY-MM-DD`.
    pub expires: String,
}

impl Status {
    /// Whether a decision with this status is in force (and so checked).
    pub fn in_force(self) -> bool {
        matches!(self, Status::Proposed | Status::Accepted)
    }
}

/// A checked answers file.
#[derive(Debug, Clone)]
pub struct AnswersFile {
    /// Every question's answer, defaults filled.
    pub answers: Answers,
    /// Which questions the file answered itself (the others took their default).
    pub given: Vec<bool>,
    /// The recorded decision, if any.
    pub decision: Option<Decision>,
    /// The fingerprint of the rule pack the file was saved with, if recorded.
    pub pack_fingerprint: Option<String>,
    /// Team rule pack folders the file names, as written (relative to the file).
    pub packs: Vec<String>,
    /// The questions whose answers came from `--set` flags, in question order.
    pub set_by_flags: Vec<QuestionIdx>,
}

/// The team rule pack folders an answers file names in `packs`, resolved against the file's
/// folder. A file that does not parse names none here; reading it properly reports why.
pub fn declared_packs(path: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let text = read_text(path)?;
    Ok(declared_packs_in(&text, Format::of(path), path.parent().unwrap_or(Path::new(""))))
}

/// The team rule pack folders an answers text names, resolved against `base`.
pub fn declared_packs_in(text: &str, format: Format, base: &Path) -> Vec<std::path::PathBuf> {
    let packs = match format {
        Format::Toml => toml::from_str::<raw::PacksOnly>(text).ok(),
        Format::Yaml => crate::yaml::from_str::<raw::PacksOnly>(text).ok(),
    };
    packs.and_then(|p| p.packs).unwrap_or_default().iter().map(|p| base.join(p)).collect()
}

/// The name standard input goes by in messages.
pub const STDIN: &str = "<stdin>";

/// Reads an answers text from standard input (`-`), with the same limits as a file.
pub fn read_stdin(stdin: &mut dyn std::io::Read) -> Result<String, Error> {
    crate::fsio::read_stream(stdin, MAX_FILE_BYTES).map_err(|e| {
        let message = match e {
            crate::fsio::ReadError::Io(e) => {
                format!("cannot read the answers from standard input: {}", crate::fsio::io_reason(&e))
            }
            crate::fsio::ReadError::TooLarge => {
                "is larger than 1 MiB, the limit for answers files".to_string()
            }
            other => format!("{}; expected a UTF-8 answers file", other.describe(MAX_FILE_BYTES)),
        };
        Error::invalid(Diagnostic::new(STDIN, message))
    })
}

/// Reads and checks an answers file from disk.
pub fn read(path: &Path, pack: &Pack) -> Result<AnswersFile, Error> {
    let text = read_text(path)?;
    parse(&path.display().to_string(), &text, Format::of(path), pack)
}

/// Reads an answers file's text: a regular file (not a folder, FIFO or device) of UTF-8 text
/// within the size limit.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let shown = crate::safe::path(path);
    // A committed answers file that is a link out of its repository could make errors quote
    // another file: such a link is not followed.
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let root = crate::fsio::repository_root(folder).unwrap_or_else(|| folder.to_path_buf());
    crate::fsio::read_inside(&root, "this repository", path, MAX_FILE_BYTES).map_err(|e| {
        let message = match &e {
            e if e.not_found() => format!(
                "cannot read the answers file: {}; `advisor ask` answers the questions and saves one, `advisor init` writes a starter",
                e.describe(MAX_FILE_BYTES)
            ),
            crate::fsio::ReadError::Io(_) => format!("cannot read the answers file: {}", e.describe(MAX_FILE_BYTES)),
            crate::fsio::ReadError::NotRegular(_) => format!(
                "{}; expected an answers file (TOML, or YAML ending in .yaml); `-` reads standard input",
                e.describe(MAX_FILE_BYTES)
            ),
            crate::fsio::ReadError::TooLarge => "is larger than 1 MiB, the limit for answers files".to_string(),
            _ => format!("{}; expected a UTF-8 answers file", e.describe(MAX_FILE_BYTES)),
        };
        Error::invalid(Diagnostic::new(&shown, message))
    })
}

/// Where a key (`["decision", "language"]`) or its value sits in an answers file's text.
pub fn position(text: &str, format: Format, path: &[&str], target: Target) -> Option<crate::error::Position> {
    match format {
        Format::Toml => toml_spans::in_toml(text, path, target),
        Format::Yaml => locate::in_yaml(text, path, target),
    }
}

/// Checks the text of an answers file. `file` is the name used in messages.
pub fn parse(file: &str, text: &str, format: Format, pack: &Pack) -> Result<AnswersFile, Error> {
    parse_with(file, text, format, pack, &[])
}

/// Checks the text of an answers file with `--set` answers laid over it: a set answer replaces
/// the file's, and a required answer may come from either.
pub fn parse_with(
    file: &str,
    text: &str,
    format: Format,
    pack: &Pack,
    sets: &[flags::SetAnswer],
) -> Result<AnswersFile, Error> {
    check_parsed(parse_text(file, text, format)?, file, text, format, pack, sets)
}

/// An answers text parsed once: the packs it names can be loaded before its answers are
/// checked against them ([`check_parsed`]), without reading the text twice.
#[derive(Debug)]
pub struct Parsed {
    raw: raw::RawFile,
}

impl Parsed {
    /// The team pack folders the file names, resolved against `base` (its folder).
    pub fn packs(&self, base: &Path) -> Vec<std::path::PathBuf> {
        self.raw.packs.iter().flatten().map(|p| base.join(p)).collect()
    }
}

/// Parses an answers text (TOML or YAML) without checking it against a pack.
pub fn parse_text(file: &str, text: &str, format: Format) -> Result<Parsed, Error> {
    if text.trim().is_empty() {
        return Err(Error::invalid(Diagnostic::new(
            file,
            "the file is empty; expected `version = 1` and an [answers] table (`advisor init` writes a starter)",
        )));
    }
    Ok(Parsed { raw: raw_file(file, text, format)? })
}

/// Checks a parsed answers text against the pack, `--set` answers laid over it.
pub fn check_parsed(
    parsed: Parsed,
    file: &str,
    text: &str,
    format: Format,
    pack: &Pack,
    sets: &[flags::SetAnswer],
) -> Result<AnswersFile, Error> {
    Checker { file, text, format, pack, problems: Vec::new(), lenient: false, notes: Vec::new() }
        .check(parsed.raw, sets)
}

/// An answers file read to pre-fill `ask`: any file that parses opens, whatever its answers.
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    /// The usable answers, in question order: `None` for a question the file leaves unanswered
    /// or answers with something that is not an option.
    pub values: Vec<Option<OptionSet>>,
    /// The file's decision, kept when the answers are saved.
    pub decision: Option<Decision>,
    /// The team packs the file names, kept when saved.
    pub packs: Vec<String>,
    /// One line for each answer that cannot be used, saying it will be asked again.
    pub unusable: Vec<String>,
}

/// Reads an answers file to pre-fill `ask`: a file that is not TOML or YAML, a format version
/// this advisor does not read, or a malformed `[decision]` is an error; an answer that is empty,
/// unknown or not an option (the starter of `advisor init`, a half-filled file, a file from an
/// older pack) is left out and named, to be asked again.
pub fn prefill(file: &str, text: &str, format: Format, pack: &Pack) -> Result<Prefill, Error> {
    if text.trim().is_empty() {
        return Ok(Prefill { values: vec![None; pack.questions.len()], ..Prefill::default() });
    }
    let raw = raw_file(file, text, format)?;
    let mut checker =
        Checker { file, text, format, pack, problems: Vec::new(), lenient: true, notes: Vec::new() };
    checker.version(&raw);
    if !checker.problems.is_empty() {
        return Err(Error::Invalid(checker.problems));
    }
    let (values, _) = checker.read_answers(raw.answers.unwrap_or_default(), &[]);
    let mut unusable: Vec<(Option<crate::error::Position>, String)> = std::mem::take(&mut checker.problems)
        .into_iter()
        .map(|d| (d.position, format!("{d}: asking again")))
        .chain(std::mem::take(&mut checker.notes).into_iter().map(|d| (d.position, d.to_string())))
        .collect();
    unusable.sort_by_key(|(at, _)| at.map(|p| (p.line, p.column)));
    let unusable = unusable.into_iter().map(|(_, text)| text).collect();
    let decision = raw.decision.and_then(|d| checker.decision(d));
    if !checker.problems.is_empty() {
        return Err(Error::Invalid(checker.problems));
    }
    Ok(Prefill { values, decision, packs: raw.packs.unwrap_or_default(), unusable })
}

/// Parses the raw shape of an answers file; syntax errors carry line and column.
fn raw_file(file: &str, text: &str, format: Format) -> Result<RawFile, Error> {
    Ok(match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            let position = e.span().map(|s| crate::error::Position::of_offset(text, s.start));
            let mut message = e.message().trim_end().to_string();
            if file == STDIN {
                message.push_str(" (standard input is read as TOML)");
            }
            Error::invalid(Diagnostic::new(file, message).at(position))
        })?,
        Format::Yaml => crate::yaml::from_str(text).map_err(|e| {
            let position = e.location.map(|(line, column)| crate::error::Position { line, column });
            Error::invalid(Diagnostic::new(file, e.message).at(position))
        })?,
    })
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    format: Format,
    pack: &'a Pack,
    problems: Vec<Diagnostic>,
    /// Reading to pre-fill `ask`: keep what can be used, note the rest instead of failing.
    lenient: bool,
    /// In lenient mode, what was left out and why (the problems hold the rest).
    notes: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Text that records and CI logs show: one line, no control character.
    fn plain_text(&mut self, path: &[&str], what: &str, text: &str) {
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

    fn problem(&mut self, path: &[&str], target: Target, message: String) {
        let position = position(self.text, self.format, path, target);
        self.problems.push(Diagnostic::new(self.file, message).at(position));
    }

    fn check(mut self, raw: RawFile, sets: &[flags::SetAnswer]) -> Result<AnswersFile, Error> {
        self.version(&raw);
        let (values, answered) = self.read_answers(raw.answers.unwrap_or_default(), sets);
        self.finish(values, answered, raw.decision, raw.pack_fingerprint, raw.packs, sets)
    }

    /// Checks `version`.
    fn version(&mut self, raw: &RawFile) {
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
    fn read_answers(
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
            let hint = did_you_mean(id, question.option_ids());
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

    fn decision(&mut self, d: raw::RawDecision) -> Option<Decision> {
        let pack = self.pack;
        let language = match d.language.as_deref() {
            None => {
                self.problem(
                    &["decision"],
                    Target::Key,
                    "[decision] has no `language`; expected the id of the language the team chose".into(),
                );
                None
            }
            Some(id) => {
                let found = pack.language(id);
                if found.is_none() {
                    let hint = did_you_mean(id, pack.languages.iter().map(|l| l.id.as_ref()));
                    let ids: Vec<&str> = pack.languages.iter().map(|l| l.id.as_ref()).collect();
                    self.problem(
                        &["decision", "language"],
                        Target::Value,
                        format!(
                            "unknown language \"{}\"{hint}; expected one of: {}",
                            shorten(id),
                            ids.join(", ")
                        ),
                    );
                }
                found
            }
        };
        let status = d.status.as_deref().and_then(|s| {
            let found = Status::ALL.into_iter().find(|st| st.id() == s);
            if found.is_none() {
                let ids = Status::ALL.map(Status::id);
                let hint = did_you_mean(s, ids);
                self.problem(
                    &["decision", "status"],
                    Target::Value,
                    format!("unknown status \"{}\"{hint}; expected one of: {}", shorten(s), ids.join(", ")),
                );
            }
            found
        });
        let date = match d.date {
            None => None,
            Some(RawValue::Str(s)) | Some(RawValue::Date(s)) if is_date(&s) => Some(s),
            Some(other) => {
                self.problem(
                    &["decision", "date"],
                    Target::Value,
                    format!("`date` is {}; {}", other.describe(), date_expected(&other)),
                );
                None
            }
        };
        let waiver = d.waiver.and_then(|w| self.waiver(w));
        let deciders = d.deciders.unwrap_or_default();
        for decider in &deciders {
            self.plain_text(&["decision", "deciders"], "a decider", decider);
        }
        Some(Decision { language: language?, status, date, deciders, waiver })
    }

    fn waiver(&mut self, w: raw::RawWaiver) -> Option<Waiver> {
        let path = ["decision", "waiver"];
        let reason = w.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        if let Some(r) = &reason {
            self.plain_text(&["decision", "waiver", "reason"], "the waiver's `reason`", r);
        }
        if reason.is_none() {
            self.problem(
                &path,
                Target::Key,
                "the waiver needs a `reason`: why the team keeps this decision".into(),
            );
        }
        let expires = match w.expires {
            Some(RawValue::Str(s)) | Some(RawValue::Date(s)) if is_date(&s) => Some(s),
            Some(other) => {
                self.problem(
                    &["decision", "waiver", "expires"],
                    Target::Value,
                    format!("the waiver's `expires` is {}; {}", other.describe(), date_expected(&other)),
                );
                None
            }
            None => {
                self.problem(
                    &path,
                    Target::Key,
                    "the waiver needs `expires`: the last day it holds, written YYYY-MM-DD".into(),
                );
                None
            }
        };
        Some(Waiver { reason: reason?, expires: expires? })
    }
}

/// What a date value should have been: a shape that is right but names no day (2024-02-30)
/// is told so.
fn date_expected(value: &RawValue) -> &'static str {
    match value {
        RawValue::Str(s) | RawValue::Date(s)
            if s.len() == 10
                && s.chars()
                    .enumerate()
                    .all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() }) =>
        {
            "that day is not in the calendar; expected a real date written YYYY-MM-DD"
        }
        _ => "expected a date written YYYY-MM-DD",
    }
}

/// Whether `s` is a calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(is_date("2026-11-20"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("20-11-2026"));
        assert!(!is_date("2026-1-1"));
    }

    #[test]
    fn yaml_is_chosen_by_extension() {
        assert_eq!(Format::of(Path::new("a.yaml")), Format::Yaml);
        assert_eq!(Format::of(Path::new("a.YML")), Format::Yaml);
        assert_eq!(Format::of(Path::new("advisor.toml")), Format::Toml);
        assert_eq!(Format::of(Path::new("answers")), Format::Toml);
    }
}
