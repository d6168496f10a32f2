//! Finds where a key, value or entry sits in a YAML file, for problems found after parsing
//! (serde_yaml positions such problems at the enclosing mapping, not at the key): keys of YAML
//! answers files, and the `id:` lines of pack entries. TOML answers files are located from
//! the TOML parser's spans (`answers::positions`).

use crate::error::Position;

/// Whether a problem is about a key itself (unknown key) or about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Point at the key.
    Key,
    /// Point at the value.
    Value,
}

/// The position of `path` (keys from the top) in a block-style YAML document, found by
/// indentation. Falls back to the deepest part of the path that exists.
pub fn in_yaml(text: &str, path: &[&str], target: Target) -> Option<Position> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for (depth, key) in path.iter().enumerate() {
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(from) {
            let body = line.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let indent = line.len() - body.len();
            if parent_indent.is_some_and(|p| indent <= p) {
                break;
            }
            let rest = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")]
                .into_iter()
                .find_map(|prefix| body.strip_prefix(prefix.as_str()).map(str::len));
            if let Some(rest_len) = rest {
                hit = Some((i, indent, line.len() - rest_len));
                break;
            }
        }
        let (i, indent, after_colon) = hit?;
        let last = depth + 1 == path.len();
        let line = lines[i];
        let column = if last && target == Target::Value {
            let value_start = line[after_colon..].len() - line[after_colon..].trim_start().len();
            line[..after_colon + value_start].chars().count() + 1
        } else {
            line[..indent].chars().count() + 1
        };
        found = Some(Position { line: i + 1, column });
        from = i + 1;
        parent_indent = Some(indent);
    }
    found
}

/// The value after `key:` in a line of YAML, in block style (`- key: value`) or flow style
/// (`- {key: value, ...}`), without quotes or a trailing comment.
fn value_of<'t>(line: &'t str, key: &str) -> Option<&'t str> {
    // Called for every line of every pack file on each load: no allocation here.
    let mut from = 0;
    while let Some(found) = line[from..].find(key) {
        let at = from + found;
        let after = at + key.len();
        if !line[after..].starts_with(':') {
            from = after;
            continue;
        }
        let before = line[..at].trim_end_matches([' ', '-']).chars().last();
        if before.is_none() || matches!(before, Some('{') | Some(',')) {
            let rest = line[after + 1..].trim_start();
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            let value = rest[..end].split(" #").next().unwrap_or("").trim();
            return Some(value.trim_matches(|c| c == '"' || c == '\''));
        }
        from = after + 1;
    }
    None
}

/// The `nth` (0-based) line holding the list entry `key: value`, at the entry's column.
fn nth_entry(text: &str, key: &str, value: &str, nth: usize) -> Option<Position> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| value_of(line, key) == Some(value))
        .map(|(i, line)| Position { line: i + 1, column: line.len() - line.trim_start().len() + 1 })
        .nth(nth)
}

/// Every `id:` line of a YAML file, by id, in file order.
pub fn yaml_entries(text: &str) -> std::collections::HashMap<String, Vec<Position>> {
    let mut index: std::collections::HashMap<String, Vec<Position>> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(value) = value_of(line, "id") {
            let column = line.len() - line.trim_start().len() + 1;
            index.entry(value.to_string()).or_default().push(Position { line: i + 1, column });
        }
    }
    index
}

/// The line of the first list entry `- <key>: <value>` in a YAML file.
pub fn yaml_entry_key(text: &str, key: &str, value: &str) -> Option<Position> {
    nth_entry(text, key, value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str =
        "version: 1\n# c\nanswers:\n  shape: x\n  secondary_shapes: [y]\ndecision:\n  shape: z\n";

    #[test]
    fn yaml_keys_and_values_are_found_by_indentation() {
        assert_eq!(in_yaml(YAML, &["answers", "shape"], Target::Key), Some(Position { line: 4, column: 3 }));
        assert_eq!(
            in_yaml(YAML, &["answers", "secondary_shapes"], Target::Value),
            Some(Position { line: 5, column: 21 })
        );
        // `shape` under `decision` is not the answer's `shape`.
        assert_eq!(in_yaml(YAML, &["decision", "shape"], Target::Key), Some(Position { line: 7, column: 3 }));
        assert_eq!(in_yaml(YAML, &["answers", "missing"], Target::Key), None);
    }

    #[test]
    fn entries_are_found_by_their_id_line() {
        let text = "rules:\n  - id: a\n    x: 1\n  - id: \"b\"  # note\n";
        let index = yaml_entries(text);
        assert_eq!(index["b"], [Position { line: 4, column: 3 }]);
        assert!(!index.contains_key("c"));
        let twice = yaml_entries("rules:\n  - id: a\n  - id: a\n");
        assert_eq!(twice["a"], [Position { line: 2, column: 3 }, Position { line: 3, column: 3 }]);
        let flow = yaml_entries("languages:\n  - {id: go, name: Go}\n  - {name: Rust, id: 'rust'}\n");
        assert_eq!(flow["go"], [Position { line: 2, column: 3 }]);
        assert_eq!(flow["rust"], [Position { line: 3, column: 3 }]);
        assert!(yaml_entries("  - guide_id: go\n").is_empty(), "only the key itself counts");
        assert_eq!(
            yaml_entry_key("overrides:\n  - rule: x\n", "rule", "x"),
            Some(Position { line: 2, column: 3 })
        );
    }
}
