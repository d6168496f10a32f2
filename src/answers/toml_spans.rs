//! Where a key or its value sits in a TOML answers file, from the parser's spans (YAML
//! answers files are located by indentation, in `crate::locate`).

use crate::error::Position;
use crate::locate::Target;

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
