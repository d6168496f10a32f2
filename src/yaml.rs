//! The one place that parses YAML. serde_yaml is unmaintained; a fork with the same API
//! (serde_yaml_ng, serde_norway) can replace it here without touching anything else.

use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, with the parser's position when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message without the position suffix.
    pub message: String,
    /// 1-based line and column.
    pub position: Option<crate::error::Position>,
}

/// Parses YAML text into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let position = e.location().map(|l| crate::error::Position { line: l.line(), column: l.column() });
        let mut message = e.to_string();
        if let Some(p) = position {
            let suffix = format!(" at line {} column {}", p.line, p.column);
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        YamlError { message, position }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn errors_carry_position_without_repeating_it() {
        let e = from_str::<BTreeMap<String, String>>("a: [1\n").unwrap_err();
        assert!(e.position.is_some());
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }
}
