//! The raw shape of an answers file, as serde reads it from TOML or YAML. Answers keep
//! their written order and duplicates, so the checker can report them.

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The whole file. Unknown top-level keys are errors (contract section 3).
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an answers file: a table with `version`, `pack_fingerprint`, `packs`, `answers` and `decision`"
)]
pub struct RawFile {
    /// Format version; 1 when absent.
    #[serde(default)]
    pub version: Option<RawValue>,
    /// The fingerprint of the rule pack `advisor ask` saved the file with.
    #[serde(default)]
    pub pack_fingerprint: Option<String>,
    /// Team rule pack folders to score with, relative to this file.
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// `[answers]`: question id -> option id or list of option ids.
    #[serde(default, deserialize_with = "ordered_table")]
    pub answers: Option<Vec<(String, RawValue)>>,
    /// `[decision]`: what the team decided.
    #[serde(default)]
    pub decision: Option<RawDecision>,
}

/// Only the `packs` key, read before the rest so the packs can be loaded first.
#[derive(Debug, Deserialize)]
pub struct PacksOnly {
    /// Team rule pack folders, relative to the file.
    #[serde(default)]
    pub packs: Option<Vec<String>>,
}

/// `[decision]` as written.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a [decision] table with `language`, `status`, `date`, `deciders` and `waiver`"
)]
pub struct RawDecision {
    /// Language id.
    #[serde(default)]
    pub language: Option<String>,
    /// proposed | accepted | rejected | deprecated | superseded.
    #[serde(default)]
    pub status: Option<String>,
    /// `YYYY-MM-DD`, as a string or a TOML date.
    #[serde(default)]
    pub date: Option<RawValue>,
    /// Who decided.
    #[serde(default)]
    pub deciders: Option<Vec<String>>,
    /// Keeps a language the advice does not rank first, until a date.
    #[serde(default)]
    pub waiver: Option<RawWaiver>,
}

/// `waiver = { reason = "...", expires = "YYYY-MM-DD" }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a waiver: { reason = \"...\", expires = \"YYYY-MM-DD\" }")]
pub struct RawWaiver {
    /// Why the team keeps its decision against the advice.
    #[serde(default)]
    pub reason: Option<String>,
    /// The last day the waiver holds.
    #[serde(default)]
    pub expires: Option<RawValue>,
}

/// Any value, kept loose so the checker can say what it got and what it expected.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// A string.
    Str(String),
    /// A list.
    List(Vec<RawValue>),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A TOML date or datetime, as text.
    Date(String),
    /// A table or mapping.
    Table,
    /// YAML's null (a key with nothing after it).
    Null,
}

impl RawValue {
    /// How the value reads in a message: `a list`, `the number 3` ...
    pub fn describe(&self) -> String {
        match self {
            RawValue::Str(s) => format!("the string \"{}\"", crate::suggest::shorten(s)),
            RawValue::List(_) => "a list".into(),
            RawValue::Int(i) => format!("the number {i}"),
            RawValue::Float(f) => format!("the number {f}"),
            RawValue::Bool(b) => format!("the boolean {b}"),
            RawValue::Date(d) => format!("the date {d}"),
            RawValue::Table => "a table".into(),
            RawValue::Null => "an empty value".into(),
        }
    }
}

/// The key under which the toml crate hands over a datetime.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Str(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue::Str(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Float(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let first = map.next_key::<String>()?;
                if first.as_deref() == Some(TOML_DATETIME_KEY) {
                    return Ok(RawValue::Date(map.next_value::<String>()?));
                }
                if first.is_some() {
                    map.next_value::<IgnoredAny>()?;
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                }
                Ok(RawValue::Table)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Reads a table keeping written order and duplicates.
fn ordered_table<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<(String, RawValue)>>, D::Error> {
    struct TableVisitor;
    impl<'de> Visitor<'de> for TableVisitor {
        type Value = Vec<(String, RawValue)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a table of question ids and answers")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(entries)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    deserializer.deserialize_map(TableVisitor).map(Some)
}
