//! Answers files (contract section 3): reading TOML or YAML, checking every answer against
//! the questions of the pack, filling defaults. Problems name the file, the line and column,
//! and what was expected.
//!
//! This file holds what an answers file is once checked; the work is done by job:
//! - `read`: reading a file or standard input (through `crate::fsio`'s limits);
//! - `parse`: parsing TOML or YAML into the raw shape (`raw`), syntax errors with positions;
//! - `check`: checking each answer against the pack and filling defaults;
//! - `decision`: checking the `[decision]` table and its dates;
//! - `prefill`: the lenient reading that pre-fills `advisor ask`;
//! - `positions`: where a key or value sits, and where a TOML parser error points;
//! - `flags`: `--set` answers; `write`: saving answers files.

mod check;
mod decision;
pub(crate) mod flags;
mod parse;
mod positions;
mod prefill;
mod raw;
mod read;
pub(crate) mod write;

pub use crate::locate::Target;
use crate::model::{Answers, LangIdx, QuestionIdx};
pub use decision::is_date;
pub use parse::{Parsed, check_parsed, parse, parse_text, parse_with};
pub use positions::{position, toml_diagnostic};
pub use prefill::{Prefill, prefill};
pub use read::{declared_packs_in, read, read_stdin, read_text};
use std::path::Path;

/// Answers files larger than this are refused: a real one is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The answers file format currently written and read.
pub const FORMAT_VERSION: i64 = 1;

/// The name standard input goes by in messages.
pub const STDIN: &str = "<stdin>";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_chosen_by_extension() {
        assert_eq!(Format::of(Path::new("a.yaml")), Format::Yaml);
        assert_eq!(Format::of(Path::new("a.YML")), Format::Yaml);
        assert_eq!(Format::of(Path::new("advisor.toml")), Format::Toml);
        assert_eq!(Format::of(Path::new("answers")), Format::Toml);
    }
}
