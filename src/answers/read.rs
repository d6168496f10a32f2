//! Reading answers files: from disk (a regular file of UTF-8 text within the size limit, not
//! a link out of its repository) or standard input, through `crate::fsio`, with messages that
//! say what an answers file should be; and the team packs a file names, read before the rest.

use super::{Format, MAX_FILE_BYTES, STDIN};
use crate::error::{Diagnostic, Error};
use crate::pack::Pack;
use std::path::Path;

/// The team rule pack folders an answers text names in `packs`, resolved against `base` (the
/// file's folder). A text that does not parse names none here; checking it reports why.
pub fn declared_packs_in(text: &str, format: Format, base: &Path) -> Vec<std::path::PathBuf> {
    let packs = super::parse::deserialize::<super::raw::PacksOnly>("", text, format).ok();
    packs.and_then(|p| p.packs).unwrap_or_default().iter().map(|p| base.join(p)).collect()
}

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
pub fn read(path: &Path, pack: &Pack) -> Result<super::AnswersFile, Error> {
    let text = read_text(path)?;
    super::parse(&path.display().to_string(), &text, Format::of(path), pack)
}

/// Reads an answers file's text: a regular file (not a folder, FIFO or device) of UTF-8 text
/// within the size limit.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let shown = crate::safe::path(path);
    // A committed answers file that is a link out of its repository could make errors quote
    // another file: such a link is not followed.
    crate::fsio::read_in_repository(path, "this repository", MAX_FILE_BYTES).map_err(|e| {
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
