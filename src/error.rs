//! The error type of advisor: what went wrong, the exit code it maps to, and how it is shown.

use std::fmt;

/// A place in an input file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text's end).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// One problem found in one input file, shown as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or the embedded pack's display name).
    pub file: String,
    /// Where in the file, when the parser or the locator knows it.
    pub position: Option<Position>,
    /// The id of the pack entry the problem is in, if any.
    pub entry: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A problem with no known position.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), position: None, entry: None, message: message.into() }
    }

    /// Attaches a position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Attaches the id of the pack entry the problem is in.
    pub fn in_entry(mut self, entry: impl Into<String>) -> Self {
        self.entry = Some(entry.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names, entry ids and messages can carry text from untrusted files: shown on one
        // line, control characters escaped, long quoted values cut.
        write!(f, "{}", crate::safe::name(&self.file))?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        f.write_str(": ")?;
        if let Some(entry) = &self.entry {
            write!(f, "entry `{}`: ", crate::safe::message(entry))?;
        }
        f.write_str(&crate::safe::message(&self.message))
    }
}

/// Everything that stops a command. Each variant has one exit code (contract section 5).
#[derive(Debug)]
pub enum Error {
    /// Unusable input: answers files, rule files, arguments. Exit code 2.
    Invalid(Vec<Diagnostic>),
    /// A command-line or environment problem that is not about a file's content. Exit code 2.
    Usage(String),
    /// Writing an output stream failed: what advisor was doing (the context), then why (the
    /// cause). Exit code 2.
    Io(anyhow::Error),
    /// The user cancelled an interactive session. Exit code 130.
    Cancelled,
}

impl Error {
    /// One problem in one file.
    pub fn invalid(diagnostic: Diagnostic) -> Self {
        Error::Invalid(vec![diagnostic])
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) | Error::Usage(_) | Error::Io(_) => 2,
            Error::Cancelled => 130,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "error: {d}")?;
                }
                Ok(())
            }
            Error::Usage(message) => write!(f, "error: {}", crate::safe::message(message)),
            // `{:#}`: the context, then each cause, on one line.
            Error::Io(error) => write!(f, "error: {}", crate::safe::message(&format!("{error:#}"))),
            Error::Cancelled => f.write_str("cancelled: nothing was written"),
        }
    }
}

impl std::error::Error for Error {}

impl From<anyhow::Error> for Error {
    fn from(error: anyhow::Error) -> Self {
        Error::Io(error)
    }
}

/// A renderer could not write its output. Renderers write to `impl fmt::Write`; a `String`
/// never refuses, so this is for writers that can.
impl From<fmt::Error> for Error {
    fn from(_: fmt::Error) -> Self {
        Error::Usage("cannot format the output".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 6), Position { line: 2, column: 1 });
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(Position::of_offset(text, 12), Position { line: 2, column: 6 });
        assert_eq!(Position::of_offset(text, 999), Position { line: 3, column: 1 });
    }

    #[test]
    fn diagnostics_read_like_compiler_messages() {
        let d = Diagnostic::new("a.toml", "bad").at(Some(Position { line: 3, column: 9 }));
        assert_eq!(d.to_string(), "a.toml:3:9: bad");
        let d = Diagnostic::new("rules/go.yaml", "bad").in_entry("go-x");
        assert_eq!(d.to_string(), "rules/go.yaml: entry `go-x`: bad");
    }

    #[test]
    fn io_errors_show_their_context_then_their_cause() {
        use anyhow::Context as _;
        let cause = std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left");
        let e: Error = Err::<(), _>(cause).context("cannot write the output").unwrap_err().into();
        assert_eq!(e.to_string(), "error: cannot write the output: no space left");
        assert_eq!(e.exit_code(), 2);
    }
}
