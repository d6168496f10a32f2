//! `advisor schema` validates the examples and what advisor writes; `advisor init` writes a
//! commented starter file and never replaces one without --force.

use crate::Test;
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let out = Test::new().args(&["schema"]).run();
    assert_eq!(out.code, 0);
    let schema: Value = serde_json::from_str(&out.stdout).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// TOML or YAML as the JSON value editors validate (TOML dates become strings).
fn as_json(path: &str, text: &str) -> Value {
    fn from_toml(v: toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.into_iter().map(from_toml).collect()),
            toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, from_toml(v))).collect()),
        }
    }
    if path.ends_with(".yaml") {
        serde_yaml::from_str(text).expect("YAML")
    } else {
        from_toml(toml::from_str(text).expect("TOML"))
    }
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn every_example_validates_against_the_schema() {
    let validator = schema();
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().to_string();
        if !(name.ends_with(".toml") || name.ends_with(".yaml")) {
            continue;
        }
        let instance = as_json(&name, &std::fs::read_to_string(&path).unwrap());
        assert_eq!(errors(&validator, &instance), Vec::<String>::new(), "{name}");
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn the_schema_rejects_what_advisor_rejects() {
    let validator = schema();
    for (case, text) in [
        ("unknown option", "[answers]\nshape = \"realtime_fanot\"\ntask_nature = \"io_bound\"\n"),
        ("missing required answer", "[answers]\nshape = \"distributed\"\n"),
        ("unknown question", "[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nfoo = \"x\"\n"),
        (
            "string for a list",
            "[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\nproduct_needs = \"queues\"\n",
        ),
        (
            "unknown language",
            "[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n[decision]\nlanguage = \"golang\"\n",
        ),
        (
            "waiver without expiry",
            "[answers]\nshape = \"distributed\"\ntask_nature = \"mixed\"\n[decision]\nlanguage = \"go\"\nwaiver = { reason = \"r\" }\n",
        ),
        ("unknown top-level key", "anwsers = 1\n"),
    ] {
        assert!(!errors(&validator, &as_json("a.toml", text)).is_empty(), "{case} passes the schema");
    }
}

#[test]
fn init_writes_a_starter_that_lists_every_question_and_refuses_to_overwrite() {
    let test = Test::new().env("SOURCE_DATE_EPOCH", "1795219200");
    let out = test.run_with(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(test.path().join("advisor.toml")).unwrap();
    insta::assert_snapshot!("init_starter", text);

    // Every question is present with its default; the required ones are left to fill.
    let instance = as_json("advisor.toml", &text);
    let answers = instance["answers"].as_object().unwrap();
    assert_eq!(answers.len(), 17);
    assert_eq!(answers["process_scale"], "unsure");
    assert_eq!(answers["shape"], "");
    // Unedited, it does not score: the message says what to fill in, with the line.
    let scored = test.run_with(&["recommend", "--answers", "advisor.toml"]);
    assert_eq!(scored.code, 2);
    assert!(scored.stderr.contains("advisor.toml:19:9: unknown option \"\" for `shape`"));

    // A second init leaves the file alone; --force replaces it.
    std::fs::write(test.path().join("advisor.toml"), "# ours\n").unwrap();
    let again = test.run_with(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
    assert_eq!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), "# ours\n");
    let forced = test.run_with(&["init", "--force"]);
    assert_eq!(forced.code, 0);
    assert_eq!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), text);

    // With answers filled in, the starter scores and validates.
    let filled = text
        .replace("shape = \"\"", "shape = \"distributed\"")
        .replace("task_nature = \"\"", "task_nature = \"mixed\"");
    std::fs::write(test.path().join("filled.toml"), &filled).unwrap();
    let scored = test.run_with(&["recommend", "--answers", "filled.toml"]);
    assert_eq!(scored.code, 0);
    assert_eq!(errors(&schema(), &as_json("filled.toml", &filled)), Vec::<String>::new());
}

#[test]
fn init_to_stdout() {
    let out = Test::new().env("SOURCE_DATE_EPOCH", "1795219200").args(&["init", "-"]).run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("# advisor answers file, started by advisor"));
}
