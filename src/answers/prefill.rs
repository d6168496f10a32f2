//! Pre-filling `advisor ask` from an answers file: any file that parses opens, whatever its
//! answers; an answer that cannot be used is named and asked again.

use super::check::Checker;
use super::parse::raw_file;
use super::{Decision, Format};
use crate::error::Error;
use crate::model::OptionSet;
use crate::pack::Pack;

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
    let mut checker = Checker::new(file, text, format, pack, true);
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
