//! The one place that parses YAML. serde_yaml is unmaintained; a fork with the same API
//! (serde_yaml_ng, serde_norway) can replace it here without touching anything else.
//! build.rs includes this file too, to check and build the built-in pack at compile time and
//! to convert its files to JSON.

use crate::error::{Diagnostic, Position};
use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, with the parser's position when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message without the position suffix.
    pub message: String,
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
}

/// The problem a YAML error is, in the file `file` (its display name): the parser's message at
/// the parser's position. Every YAML file advisor reads (answers files, pack files) reports
/// its syntax and shape errors through this one function.
pub fn diagnostic(file: &str, error: YamlError) -> Diagnostic {
    let position = error.location.map(|(line, column)| Position { line, column });
    Diagnostic::new(file, error.message).at(position)
}

/// The deepest nesting any advisor YAML file needs is a handful of levels; this bound keeps
/// the parser (which is quadratic in nesting depth) fast on hostile input.
pub const MAX_DEPTH: usize = 64;

/// An estimate of the nesting depth of a YAML text, in one linear pass: flow brackets outside
/// quotes, plus block indentation and leading `- ` markers. Returns the deepest level and its
/// line.
fn nesting(text: &str) -> (usize, usize) {
    let (mut deepest, mut at) = (0, 0);
    let mut flow: usize = 0;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        let mut block = (line.len() - body.len()) / 2;
        let mut rest = body;
        while let Some(r) = rest.strip_prefix("- ") {
            block += 1;
            rest = r.trim_start_matches(' ');
        }
        let mut quote: Option<char> = None;
        // The character before, and the last one that was not a space: a quote opens a
        // quoted scalar only where a scalar starts (`b'c` is plain text in YAML), and `#`
        // starts a comment only after a space (`C#` is plain text too).
        let (mut before, mut last) = (' ', ' ');
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, '#') if before == ' ' || before == '\t' => break,
                (None, '"' | '\'') if matches!(last, ' ' | '[' | '{' | ',' | ':' | '-' | '?') => {
                    quote = Some(c)
                }
                // Escapes inside quotes: `\"` in double quotes, `''` in single quotes.
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                (Some(q), c) if c == q => quote = None,
                (None, '[' | '{') => flow += 1,
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            before = c;
            if c != ' ' && c != '\t' {
                last = c;
            }
            if block + flow > deepest {
                (deepest, at) = (block + flow, i + 1);
            }
        }
        if block > deepest {
            (deepest, at) = (block, i + 1);
        }
    }
    (deepest, at)
}

/// Parses YAML text into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let (depth, line) = nesting(text);
    if depth > MAX_DEPTH {
        return Err(YamlError {
            message: format!("values nest more than {MAX_DEPTH} levels deep; expected a flat file"),
            location: Some((line, 1)),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location().map(|l| (l.line(), l.column()));
        let mut message = without_value(&e.to_string());
        if let Some((line, column)) = location {
            let suffix = format!(" at line {line} column {column}");
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        YamlError { message, location }
    })
}

/// A parser message without the text value it quotes: "invalid type: string \"...\", expected
/// a map" becomes "invalid type: a string, expected a map". A file that is not YAML at all
/// (a key, a token) is one long string, and no message should quote it.
fn without_value(message: &str) -> String {
    for kind in ["invalid type: string \"", "invalid value: string \""] {
        if let Some(rest) = message.strip_prefix(kind)
            && let Some(end) = rest.rfind("\", expected")
        {
            return format!("{}a string{}", &kind[..kind.len() - "string \"".len()], &rest[end + 1..]);
        }
    }
    message.to_string()
}

/// The same document as JSON (mappings keep their order), or why it cannot be converted:
/// build.rs compiles the built-in pack's files in both forms (see `pack::PackFile::json`).
#[allow(dead_code, reason = "used by build.rs only")]
pub fn to_json(text: &str) -> Result<String, String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn json_keeps_the_written_order() {
        assert_eq!(to_json("b: 1\na: [x, 2]\n").as_deref(), Ok(r#"{"b":1,"a":["x",2]}"#));
        assert!(to_json("a: [1\n").is_err());
    }

    #[test]
    fn errors_carry_position_without_repeating_it() {
        let e = from_str::<BTreeMap<String, String>>("a: [1\n").unwrap_err();
        assert!(e.location.is_some());
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = from_str::<serde_yaml::Value>(&deep).unwrap_err();
        assert_eq!(e.location, Some((1, 1)));
        assert!(e.message.contains("nest more than 64 levels"));
        let ok = "rules:\n  - id: a\n    when: {any: [{shape: x}, {not: {team: [a, b]}}]}\n";
        assert!(from_str::<serde_yaml::Value>(ok).is_ok());
        assert_eq!(nesting("a: '[[['\nb: \"{{\" # [[[\n").0, 0, "quotes and comments do not nest");
        // A quote inside a plain scalar and a `#` without a space before it hide nothing.
        assert_eq!(nesting("a: [b'c, [[[[").0, 5);
        assert_eq!(nesting("a: [C#, [[[").0, 4);
        assert_eq!(nesting("a: ['it''s [', [[").0, 3);
        assert_eq!(nesting("a: [\"q\\\" [\", [[").0, 3);
    }

    #[test]
    fn errors_do_not_quote_the_text_of_a_file_that_is_one_string() {
        let e = from_str::<BTreeMap<String, String>>("ghp_secretTOKEN1234567890\n").unwrap_err();
        assert!(!e.message.contains("secret"), "{}", e.message);
        assert!(e.message.starts_with("invalid type: a string, expected"), "{}", e.message);
    }
}
