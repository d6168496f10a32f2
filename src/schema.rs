//! A JSON Schema (draft 2020-12) of the answers file, generated from the pack's questions and
//! languages, so editors (Taplo / Even Better TOML, the YAML language server) can validate and
//! complete `advisor.toml`. It uses only keywords that mean the same in every draft since 4
//! (single-value `enum` rather than `const`), because those editors validate with older drafts.

use crate::answers::{FORMAT_VERSION, Status};
use crate::model::{Choice, Kind, Question, Text};
use crate::pack::Pack;
use serde_json::{Map, Value, json};

/// The schema's options for one question: a `oneOf` of constants, each with its description.
fn choices(options: &[Choice]) -> Value {
    Value::Array(
        options
            .iter()
            .map(|o| json!({"enum": [o.id], "title": o.label, "description": o.description}))
            .collect(),
    )
}

const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// The schema as pretty-printed JSON.
pub fn render(pack: &Pack) -> Result<String, crate::error::Error> {
    let (answers, required) = answers_properties(pack);
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "advisor answers file",
        "description": "A team's answers to advisor's questions, and optionally the decision they recorded. Score it with `advisor recommend --answers FILE`; re-check the decision with `advisor check FILE`.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "version": {
                "description": "Format version of this file.",
                "enum": [FORMAT_VERSION]
            },
            "pack_fingerprint": {
                "description": "Fingerprint of the rule pack the answers were given against (written by `advisor ask`); `advisor check` reports when the pack changed.",
                "type": "string"
            },
            "packs": {
                "description": "Team rule pack folders to score with, relative to this file.",
                "type": "array",
                "items": {"type": "string"}
            },
            "answers": {
                "description": "Answers by question id; omitted questions take their default.",
                "type": "object",
                "additionalProperties": false,
                "required": required,
                "properties": answers
            },
            "decision": decision_schema(pack)
        }
    });
    crate::report::json::pretty(&schema)
}

/// The `answers` table's properties, one per question in pack order, and the ids of the
/// questions without a default, which the table must hold.
fn answers_properties(pack: &Pack) -> (Map<String, Value>, Vec<Text>) {
    let mut answers = Map::new();
    let mut required = Vec::new();
    for q in pack.questions.iter() {
        let mut property = question_property(q);
        match default_answer(q) {
            Some(d) => {
                property["default"] = d;
            }
            None => required.push(q.id.clone()),
        }
        answers.insert(q.id.to_string(), property);
    }
    (answers, required)
}

/// A question's default as the file would spell it: one option id for a single-choice
/// question, a list of them for a multi-choice one; `None` when it has no default.
fn default_answer(q: &Question) -> Option<Value> {
    q.default.as_ref().map(|d| {
        let ids: Vec<&str> = d.iter().map(|o| q.options[o].id.as_ref()).collect();
        match q.kind {
            Kind::Single => json!(ids.first().copied().unwrap_or_default()),
            Kind::Multi => json!(ids),
        }
    })
}

/// One question's property, without its default: title, prompt and help, and the values
/// its kind allows.
fn question_property(q: &Question) -> Value {
    let description = format!("{}\n\n{}", q.prompt, q.help);
    match q.kind {
        Kind::Single => {
            json!({"title": q.title, "description": description, "oneOf": choices(&q.options)})
        }
        // Once single-choice: one option id as a string is still valid.
        Kind::Multi if q.was_single => json!({
            "title": q.title,
            "description": description,
            "anyOf": [
                {"type": "array", "uniqueItems": true, "items": {"oneOf": choices(&q.options)}},
                {"oneOf": choices(&q.options)}
            ]
        }),
        Kind::Multi => json!({
            "title": q.title,
            "description": description,
            "type": "array",
            "uniqueItems": true,
            "items": {"oneOf": choices(&q.options)}
        }),
    }
}

/// The `decision` table: the language chosen (one of the pack's), its status, date,
/// deciders and an optional waiver.
fn decision_schema(pack: &Pack) -> Value {
    let languages: Vec<Value> = pack
        .languages
        .iter()
        .map(|l| json!({"enum": [l.id], "title": l.name, "description": format!("{} ({})", l.name, l.runtime)}))
        .collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
    json!({
        "description": "What the team decided; `advisor check` verifies it still holds.",
        "type": "object",
        "additionalProperties": false,
        "required": ["language"],
        "properties": {
            "language": {"description": "The language chosen.", "oneOf": languages},
            "status": {"description": "The decision's status.", "enum": statuses},
            "date": {"description": "When it was decided, YYYY-MM-DD.", "type": "string", "pattern": DATE_PATTERN},
            "deciders": {"description": "Who decided.", "type": "array", "items": {"type": "string"}},
            "waiver": {
                "description": "Keeps the decision while the advice ranks another language first, until `expires` (inclusive); after that `advisor check` fails.",
                "type": "object",
                "additionalProperties": false,
                "required": ["reason", "expires"],
                "properties": {
                    "reason": {"description": "Why the team keeps the decision.", "type": "string", "minLength": 1},
                    "expires": {"description": "The last day the waiver holds, YYYY-MM-DD.", "type": "string", "pattern": DATE_PATTERN}
                }
            }
        }
    })
}
