//! The one place that parses YAML. serde_yaml is unmaintained; a fork with the same API
//! (serde_yaml_ng, serde_norway) can replace it here without touching anything else.
//! build.rs includes this file too, to convert the built-in pack to JSON at build time, so it
//! depends on nothing else in the crate.

use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, with the parser's position when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message without the position suffix.
    pub message: String,
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
}

/// Parses YAML text into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location().map(|l| (l.line(), l.column()));
        let mut message = e.to_string();
        if let Some((line, column)) = location {
            let suffix = format!(" at line {line} column {column}");
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        YamlError { message, location }
    })
}

/// The same document as JSON (mappings keep their order), or `None` if it does not parse.
/// JSON parses several times faster, so the built-in pack is embedded in both forms.
#[allow(dead_code)]
pub fn to_json(text: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_string(&value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn errors_carry_position_without_repeating_it() {
        let e = from_str::<BTreeMap<String, String>>("a: [1\n").unwrap_err();
        assert!(e.location.is_some());
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn json_keeps_the_written_order() {
        assert_eq!(to_json("b: 1\na: [x, 2]\n").as_deref(), Some(r#"{"b":1,"a":["x",2]}"#));
        assert_eq!(to_json("a: [1\n"), None);
    }
}
