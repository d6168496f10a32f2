//! `advisor check --format github`: GitHub Actions workflow commands, one annotation per
//! finding on the line of the answers file it concerns.

use super::{explained, separating_lines};
use crate::engine::check::Assessment;
use crate::error::Error;
use crate::pack::Pack;
use std::fmt::{self, Write};

/// Escapes a workflow command's message (GitHub: `%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations for a file that could not be checked: one per problem, on its
/// line when known.
pub fn github_errors(error: &Error, out: &mut impl Write) -> fmt::Result {
    match error {
        Error::Invalid(problems) => {
            for d in problems {
                let mut props = format!("file={}", escape_property(&crate::safe::line(&d.file)));
                if let Some(p) = d.position {
                    write!(props, ",line={},col={}", p.line, p.column)?;
                }
                let message = crate::safe::message(&d.message);
                writeln!(out, "::error {props},title=advisor check::{}", escape_data(&message))?;
            }
            Ok(())
        }
        other => {
            let message = crate::safe::message(&other.to_string());
            writeln!(out, "::error title=advisor check::{}", escape_data(&message))
        }
    }
}

/// GitHub Actions workflow commands: one annotation per finding, on the line it concerns.
pub(super) fn annotations(
    pack: &Pack,
    file: &str,
    assessment: &Assessment<'_>,
    out: &mut impl Write,
) -> fmt::Result {
    for f in &assessment.findings {
        let mut message = super::message(pack, &f.kind, file);
        if explained(f) {
            for (points, text) in separating_lines(pack, assessment) {
                write!(message, "\n  {points} {text}")?;
            }
        }
        let mut props = format!("file={}", escape_property(file));
        if let Some(p) = f.at {
            write!(props, ",line={},col={}", p.line, p.column)?;
        }
        writeln!(out, "::{} {props},title=advisor check::{}", f.level.word(), escape_data(&message))?;
    }
    Ok(())
}

/// GitHub Actions workflow commands: one annotation per finding, on the line it concerns,
/// then a plain verdict line for the log.
pub fn github(pack: &Pack, file: &str, assessment: &Assessment<'_>, out: &mut impl Write) -> fmt::Result {
    annotations(pack, file, assessment, out)?;
    let verdict = assessment.verdict;
    writeln!(out, "advisor check {file}: {} (exit {})", verdict.word(), verdict.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_github_requires() {
        assert_eq!(escape_data("50% of\nit"), "50%25 of%0Ait");
        assert_eq!(escape_property("dir,a:b.toml"), "dir%2Ca%3Ab.toml");
    }
}
