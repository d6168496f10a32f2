//! Positions in answers files: where a key or its value sits (TOML from the parser's spans,
//! YAML by indentation in `crate::locate`), and the problem a TOML parser error is, at the
//! place it points to. Scenario files, TOML too, report their parser errors through here.

use super::Format;
use crate::error::{Diagnostic, Position};
use crate::locate::{self, Target};

/// Where a key (`["decision", "language"]`) or its value sits in an answers file's text.
pub fn position(text: &str, format: Format, path: &[&str], target: Target) -> Option<Position> {
    match format {
        Format::Toml => in_toml(text, path, target),
        Format::Yaml => locate::in_yaml(text, path, target),
    }
}

/// The problem a TOML parser error is in `text`, the file named `file`: the parser's message,
/// at the start of the span it points to. Every TOML file advisor reads (answers files,
/// scenario files) reports its syntax and shape errors through this one function.
pub fn toml_diagnostic(file: &str, text: &str, error: &toml::de::Error) -> Diagnostic {
    let position = error.span().map(|span| Position::of_offset(text, span.start));
    Diagnostic::new(file, error.message().trim_end().to_string()).at(position)
}

/// The position of `path` (keys from the top) in a TOML document, from the parser's spans.
/// Falls back to the deepest part of the path that exists.
pub fn in_toml(text: &str, path: &[&str], target: Target) -> Option<Position> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut found = None;
    for (depth, key) in path.iter().enumerate() {
        let (k, v) = table.get_key_value(*key)?;
        let last = depth + 1 == path.len();
        found = Some(if last && target == Target::Value { v.span().start } else { k.span().start });
        match v.get_ref() {
            DeValue::Table(t) => table = t,
            _ => break,
        }
    }
    found.map(|offset| Position::of_offset(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = "version = 1\n\n[answers]\nshape = \"x\"\nsecondary_shapes = [\"y\"]\n";

    #[test]
    fn toml_keys_and_values_are_found_by_span() {
        assert_eq!(in_toml(TOML, &["answers", "shape"], Target::Key), Some(Position { line: 4, column: 1 }));
        assert_eq!(
            in_toml(TOML, &["answers", "shape"], Target::Value),
            Some(Position { line: 4, column: 9 })
        );
        assert_eq!(in_toml(TOML, &["answers", "nope"], Target::Key), None);
    }
}
