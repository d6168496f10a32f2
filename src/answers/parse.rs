//! Parsing an answers text: TOML or YAML into the raw shape serde reads (`raw`), a syntax or
//! shape error reported at the parser's position; then checked against a pack (`check`).

use super::check::Checker;
use super::raw::{self, RawFile};
use super::{AnswersFile, Format, STDIN, flags};
use crate::error::{Diagnostic, Error};
use crate::pack::Pack;
use std::path::Path;

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
    Checker::new(file, text, format, pack, false).check(parsed.raw, sets)
}

/// Parses an answers text into `T` in its format; a syntax or shape error is the problem at
/// the parser's position, named `file`.
pub(super) fn deserialize<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    format: Format,
) -> Result<T, Diagnostic> {
    match format {
        Format::Toml => toml::from_str(text).map_err(|e| super::toml_diagnostic(file, text, &e)),
        Format::Yaml => crate::yaml::from_str(text).map_err(|e| crate::yaml::diagnostic(file, e)),
    }
}

/// Parses the raw shape of an answers file; syntax errors carry line and column.
pub(super) fn raw_file(file: &str, text: &str, format: Format) -> Result<RawFile, Error> {
    deserialize(file, text, format).map_err(|mut problem| {
        if file == STDIN && format == Format::Toml {
            problem.message.push_str(" (standard input is read as TOML)");
        }
        Error::invalid(problem)
    })
}
