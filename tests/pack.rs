//! Tests of the shipped rule pack: the contract's ids are all there, every language is
//! covered, every entry cites a guide, and no answer is silently ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use advisor::model::{Condition, Kind, LangIdx};
use advisor::pack::{self, Pack};
use std::collections::{BTreeMap, BTreeSet};

/// Contract section 1: the candidate languages.
const LANGUAGES: [&str; 12] = [
    "elixir",
    "erlang",
    "gleam",
    "go",
    "crystal",
    "java",
    "csharp",
    "kotlin",
    "scala",
    "rust",
    "typescript",
    "python",
];

const SHAPES: &[&str] = &[
    "idle_connections",
    "request_response",
    "stateful_workers",
    "event_driven",
    "cpu_parallel",
    "realtime_fanout",
    "distributed",
    "strict_latency",
];

/// A contract question: (id, kind, options, default); a `None` default means required.
type ContractQuestion = (&'static str, Kind, Vec<&'static str>, Option<Vec<&'static str>>);

/// Contract section 2.
fn contract_questions() -> Vec<ContractQuestion> {
    let team: Vec<&str> = LANGUAGES.iter().copied().chain(["ruby"]).collect();
    vec![
        ("shape", Kind::Single, SHAPES.to_vec(), None),
        ("secondary_shapes", Kind::Multi, SHAPES.to_vec(), Some(vec![])),
        (
            "task_nature",
            Kind::Single,
            vec!["io_bound", "cpu_bound", "stateful", "distributed", "mixed"],
            None,
        ),
        ("process_scale", Kind::Single, vec!["millions", "worker_pools", "unsure"], Some(vec!["unsure"])),
        (
            "failure_recovery",
            Kind::Single,
            vec!["runtime", "framework", "orchestration", "unsure"],
            Some(vec!["unsure"]),
        ),
        // Single in the contract, extended to a list since many organisations run two runtimes;
        // a single string still reads (was_single, tested below), and `none` still means none.
        (
            "production_runtime",
            Kind::Multi,
            vec!["none", "beam", "jvm", "dotnet", "go", "native", "node", "python"],
            Some(vec![]),
        ),
        (
            "static_typing",
            Kind::Single,
            vec!["required", "preferred", "indifferent"],
            Some(vec!["indifferent"]),
        ),
        (
            "dominant_constraints",
            Kind::Multi,
            vec!["vendor_sdks", "framework_maturity", "hiring_pool"],
            Some(vec![]),
        ),
        (
            "product_needs",
            Kind::Multi,
            vec!["realtime_browser", "realtime_clients", "background_workers", "queues"],
            Some(vec![]),
        ),
        ("team_languages", Kind::Multi, team, Some(vec![])),
        ("delivery_pressure", Kind::Single, vec!["tight", "normal"], Some(vec!["normal"])),
        ("latency", Kind::Single, vec!["normal", "soft_realtime", "hard_realtime"], Some(vec!["normal"])),
        (
            "runtime_needs",
            Kind::Multi,
            vec!["native_performance", "no_gc", "low_memory", "embedded", "static_binary", "c_interop"],
            Some(vec![]),
        ),
        (
            "domain",
            Kind::Single,
            vec![
                "general",
                "web_crud",
                "realtime_product",
                "messaging_telecom",
                "infrastructure",
                "enterprise",
                "data_ml",
                "fullstack_web",
                "protocol_networking",
                "media_compute",
            ],
            Some(vec!["general"]),
        ),
        (
            "ecosystem_ties",
            Kind::Multi,
            vec![
                "browser_frontend",
                "npm_packages",
                "edge_serverless",
                "ml_libraries",
                "notebooks_scripts",
                "enterprise_identity",
                "android",
                "spark_streaming",
                "effect_systems",
                "windows",
            ],
            Some(vec![]),
        ),
        (
            "syntax_preference",
            Kind::Single,
            vec!["none", "ruby_like", "functional", "concise"],
            Some(vec!["none"]),
        ),
    ]
}

fn builtin() -> Pack {
    pack::builtin()
}

/// The contract's single-choice answer `production_runtime = "jvm"` keeps reading as it did.
#[test]
fn a_question_extended_to_a_list_still_reads_one_string() {
    let pack = builtin();
    let q = pack.question("production_runtime").unwrap();
    assert!(pack.questions[q].was_single);
    let text = "version = 1\n[answers]\nshape = \"request_response\"\ntask_nature = \"io_bound\"\nproduction_runtime = \"jvm\"\n";
    let one = advisor::answers::parse("a.toml", text, advisor::answers::Format::Toml, &pack).unwrap();
    let list = advisor::answers::parse(
        "a.toml",
        &text.replace("\"jvm\"\n", "[\"jvm\"]\n"),
        advisor::answers::Format::Toml,
        &pack,
    )
    .unwrap();
    assert_eq!(one.answers, list.answers);
    let none = text.replace("\"jvm\"", "\"none\"");
    assert!(advisor::answers::parse("a.toml", &none, advisor::answers::Format::Toml, &pack).is_ok());
}

#[test]
fn every_contract_language_ships() {
    let pack = builtin();
    let ids: Vec<&str> = pack.languages.iter().map(|l| l.id.as_ref()).collect();
    assert_eq!(ids, LANGUAGES);
}

#[test]
fn every_contract_question_ships_with_its_kind_options_and_default() {
    let pack = builtin();
    for (id, kind, options, default) in contract_questions() {
        let q = &pack.questions[pack.question(id).unwrap_or_else(|| panic!("question `{id}` is missing"))];
        assert_eq!(q.kind, kind, "kind of `{id}`");
        let have: Vec<&str> = q.option_ids().collect();
        assert_eq!(have, options, "options of `{id}`");
        let have_default =
            q.default.as_ref().map(|d| d.iter().map(|o| q.options[o].id.as_ref()).collect::<Vec<_>>());
        assert_eq!(have_default, default, "default of `{id}`");
        assert!(!q.prompt.is_empty() && !q.help.is_empty(), "`{id}` needs a prompt and help");
        for o in q.options.iter() {
            assert!(!o.label.is_empty() && !o.description.is_empty(), "option `{id}.{}` needs words", o.id);
        }
    }
}

#[test]
fn every_language_has_fit_rules_and_at_least_two_standing_caveats() {
    let pack = builtin();
    for (i, lang) in pack.languages.iter().enumerate() {
        let i = LangIdx::new(i);
        let positive =
            pack.rules().iter().filter(|r| r.points.iter().any(|&(l, p)| l == i && p > 0.0)).count();
        let negative =
            pack.rules().iter().filter(|r| r.points.iter().any(|&(l, p)| l == i && p < 0.0)).count();
        assert!(positive >= 5, "{} has only {positive} rules in its favour", lang.id);
        assert!(negative >= 1, "{} has no rule against it", lang.id);
        let standing = pack
            .caveats
            .iter()
            .filter(|c| c.languages.contains(&i) && matches!(c.when, Condition::Always))
            .count();
        assert!(standing >= 2, "{} has {standing} caveats that always apply; at least 2", lang.id);
    }
}

#[test]
fn every_entry_cites_a_guide_and_every_guide_is_cited() {
    let pack = builtin();
    let mut cited: BTreeMap<&str, usize> = BTreeMap::new();
    for source in pack.entries().map(|e| e.source) {
        let (guide, section) = source.split_once(" / ").expect("NNN / Section");
        assert!(!section.trim().is_empty());
        *cited.entry(guide).or_default() += 1;
    }
    for guide in ["000", "001", "002", "003", "004"] {
        let n = cited.get(guide).copied().unwrap_or(0);
        assert!(n >= 5, "guide {guide} is cited only {n} times; the rules must draw on all five guides");
    }
}

#[test]
fn ids_are_unique_across_the_pack() {
    let pack = builtin();
    let mut seen = BTreeSet::new();
    for id in pack.entries().map(|e| e.id).chain(pack.languages.iter().map(|l| l.id.as_ref())) {
        assert!(seen.insert(id), "duplicate id `{id}`");
    }
}

/// Options that mean "no information" need no rule; every other option must move something,
/// or answering it would be silently ignored.
const NEUTRAL: &[(&str, &str)] = &[
    ("process_scale", "unsure"),
    ("failure_recovery", "unsure"),
    ("production_runtime", "none"),
    ("static_typing", "indifferent"),
    ("delivery_pressure", "normal"),
    ("latency", "normal"),
    ("domain", "general"),
    ("syntax_preference", "none"),
    ("operational_fluency", "unsure"),
    // Fluency in the team's own stack is what the familiarity rules (`*-team-runs-*`) already
    // assume; only its absence changes the weights.
    ("operational_fluency", "explained"),
];

#[test]
fn every_meaningful_answer_is_read_by_some_rule() {
    let pack = builtin();
    let conditions = pack
        .rules()
        .iter()
        .map(|r| &r.when)
        .chain(pack.exclusions.iter().map(|e| &e.when))
        .chain(pack.requirements().iter().map(|r| &r.when));
    let read: BTreeSet<(usize, usize)> = conditions
        .flat_map(|c| c.answer_tests())
        .flat_map(|(q, options)| options.iter().map(move |o| (q.get(), o)))
        .collect();
    let mut ignored = Vec::new();
    for (qi, q) in pack.questions.iter().enumerate() {
        for (oi, o) in q.options.iter().enumerate() {
            if !read.contains(&(qi, oi)) && !NEUTRAL.contains(&(q.id.as_ref(), o.id.as_ref())) {
                ignored.push(format!("{}.{}", q.id, o.id));
            }
        }
    }
    assert!(ignored.is_empty(), "no rule reads these answers: {ignored:?}");
}

/// Records render reasons and caveats after "because" ("Bad, because ..."): a text that starts
/// with "because" itself read "because because" (regression).
#[test]
fn no_reason_or_caveat_starts_with_because() {
    let pack = builtin();
    let texts = pack
        .rules()
        .iter()
        .map(|r| (r.id.as_ref(), r.reason.as_ref()))
        .chain(pack.caveats.iter().map(|c| (c.id.as_ref(), c.text.as_ref())))
        .chain(pack.requirements().iter().map(|r| (r.id.as_ref(), r.reason.as_ref())));
    for (id, text) in texts {
        assert!(
            !text.trim_start().to_lowercase().starts_with("because"),
            "`{id}` starts with \"because\": {text}"
        );
    }
}

/// The words that carry a text's point: lower-cased, longer than three letters.
fn content_words(text: &str) -> BTreeSet<String> {
    const COMMON: [&str; 12] =
        ["that", "this", "with", "from", "when", "than", "their", "each", "every", "more", "most", "into"];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// A caveat that makes the same point as a penalty for one of its languages, citing the same
/// section, names that rule in `restates`, so a record shows the two once (as the penalty, in
/// the caveat's words). "The same point": most of the shorter text's words are in the other.
#[test]
fn a_caveat_that_restates_a_penalty_says_so() {
    let pack = builtin();
    let mut unlinked = Vec::new();
    for caveat in pack.caveats.iter() {
        let words = content_words(&caveat.text);
        for (i, rule) in pack.rules().iter().enumerate() {
            let penalises = rule.points.iter().any(|(l, p)| *p < 0.0 && caveat.languages.contains(l));
            if !penalises || rule.source != caveat.source {
                continue;
            }
            let other = content_words(&rule.reason);
            let shared = words.intersection(&other).count() as f64;
            let overlap = shared / words.len().min(other.len()).max(1) as f64;
            if overlap >= 0.6 && !caveat.restates.iter().any(|r| r.get() == i) {
                unlinked.push(format!("{} restates {} ({overlap:.2})", caveat.id, rule.id));
            }
        }
    }
    assert!(unlinked.is_empty(), "add `restates` to these caveats:\n{}", unlinked.join("\n"));
}

/// The built-in pack compiled into the binary (code build.rs generated from the YAML) is the
/// pack the same files build at run time (from their YAML, or the JSON compiled in beside it): entry for entry, with the same fingerprint, and the
/// same ranking and scores for every example answers file and every scenario.
#[test]
fn the_generated_built_in_pack_is_the_one_its_yaml_builds() {
    use advisor::{answers, engine, scenario};
    let generated = pack::builtin();
    let loaded = pack::build(&pack::builtin_files()).expect("the built-in files build");
    // Team packs build on the files' compiled-in JSON; the YAML alone builds the same pack.
    let yaml_only: Vec<pack::PackFile> =
        pack::builtin_files().into_iter().map(|f| pack::PackFile { json: None, ..f }).collect();
    let from_yaml = pack::build(&yaml_only).expect("the built-in YAML builds");
    assert_eq!(format!("{from_yaml:?}"), format!("{loaded:?}"));
    assert_eq!(generated.fingerprint, loaded.fingerprint);
    assert_eq!(generated.fingerprint, pack::BUILTIN_FINGERPRINT);
    let (a, b) = (format!("{generated:#?}"), format!("{loaded:#?}"));
    if let Some((n, (x, y))) = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y) {
        panic!("the generated pack differs from the YAML's at line {n} of its Debug form:\n  {x}\n  {y}");
    }
    assert_eq!(a.lines().count(), b.lines().count());

    let ranking = |pack: &Pack, answers: &advisor::model::Answers| -> Vec<(String, String, usize)> {
        let evaluation = engine::evaluate(pack, answers);
        let mut rows: Vec<(String, String, usize)> = evaluation
            .ranking
            .iter()
            .map(|r| (pack.languages[r.language].id.to_string(), format!("{:.6}", r.score), r.reasons.len()))
            .collect();
        rows.extend(
            evaluation
                .excluded
                .iter()
                .map(|e| (pack.languages[e.language].id.to_string(), "excluded".into(), e.by.len())),
        );
        rows
    };
    let mut compared = 0;
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => answers::Format::Toml,
            Some("yaml") => answers::Format::Yaml,
            _ => continue,
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let on_generated = answers::parse(&name, &text, format, &generated).unwrap();
        let on_loaded = answers::parse(&name, &text, format, &loaded).unwrap();
        assert_eq!(on_generated.answers, on_loaded.answers, "{name}");
        assert_eq!(
            ranking(&generated, &on_generated.answers),
            ranking(&loaded, &on_loaded.answers),
            "{name}"
        );
        assert_eq!(
            engine::what_if(&generated, &on_generated.answers),
            engine::what_if(&loaded, &on_loaded.answers),
            "{name}"
        );
        compared += 1;
    }
    let scenarios = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    for entry in std::fs::read_dir(&scenarios).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for s in scenario::load(&path.display().to_string(), &text).unwrap() {
            let on_generated = scenario::answers_of(&generated, &s).unwrap();
            let on_loaded = scenario::answers_of(&loaded, &s).unwrap();
            assert_eq!(
                ranking(&generated, &on_generated.answers),
                ranking(&loaded, &on_loaded.answers),
                "{}",
                s.id
            );
            compared += 1;
        }
    }
    assert!(compared > 20, "only {compared} answer sets compared");
}

/// The layers of the code (README, "How the code is laid out"): a module imports only modules
/// of its own layer or below, so scoring and the model never depend on how results are shown or
/// which command asked. Test code (`#[cfg(test)]` items and `tests.rs` files) is left out.
#[test]
fn no_module_imports_a_layer_above_its_own() {
    let layer = |module: &str| -> Option<u8> {
        Some(match module {
            "text" | "safe" | "fsio" | "error" | "locate" | "suggest" | "yaml" => 0,
            "model" => 1,
            "answers" | "pack" => 2,
            "engine" | "scenario" => 3,
            "report" | "schema" => 4,
            "interview" | "cli" => 5,
            // `Io` lives in commands and is re-exported at the root.
            "commands" | "Io" => 6,
            "run" | "main_entry" => 7,
            _ => return None,
        })
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.clone()];
    let mut upward = Vec::new();
    let mut seen = 0;
    // Which top-level module imports which, for the cycle check below.
    let mut imports: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let top = relative.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        // A new top-level module must be given its layer here (and in the README).
        let own =
            layer(&top).unwrap_or_else(|| panic!("src/{relative}: module `{top}` has no layer in this test"));
        if relative.ends_with("/tests.rs") {
            continue;
        }
        seen += 1;
        let code = without_tests(&std::fs::read_to_string(&path).unwrap());
        // `super::` as many times as the file is deep reaches the crate root, as `crate::` does.
        let depth = relative.matches('/').count() + usize::from(!relative.ends_with("mod.rs"));
        let to_root = "super::".repeat(depth);
        let roots = code.match_indices("crate::").map(|(i, m)| i + m.len());
        let supers = code.match_indices(to_root.as_str()).map(|(i, m)| i + m.len());
        for start in roots.chain(supers) {
            for module in imported_modules(&code[start..]) {
                if layer(&module).is_some_and(|l| l > own) {
                    upward.push(format!("src/{relative} imports crate::{module}"));
                }
                if layer(&module).is_some() && module != top {
                    imports.entry(top.clone()).or_default().insert(module);
                }
            }
        }
    }
    assert!(seen > 60, "only {seen} source files read");
    assert!(upward.is_empty(), "imports from a higher layer:\n{}", upward.join("\n"));
    // Within a layer too, no two modules depend on each other, however indirectly.
    for (module, direct) in &imports {
        let mut stack: Vec<&String> = direct.iter().collect();
        let mut reached = std::collections::BTreeSet::new();
        while let Some(next) = stack.pop() {
            assert_ne!(next, module, "{module} imports itself through {reached:?}");
            if reached.insert(next) {
                stack.extend(imports.get(next).into_iter().flatten());
            }
        }
    }
}

/// The first segment of each path that follows `crate::`: `engine` for `crate::engine::x`,
/// `engine` and `model` for `crate::{engine::{a, b}, model}`.
fn imported_modules(rest: &str) -> Vec<String> {
    let first =
        |name: &str| name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let Some(group) = rest.strip_prefix('{') else { return vec![first(rest)] };
    // The group's own commas, not those of nested groups.
    let (mut depth, mut start, mut names) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(first(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(first(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names
}

/// The source without its test code: each `#[cfg(test)]` item (`mod tests;`, or an item with a
/// body, up to its matching brace; braces in strings, chars and comments do not count).
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let (semi, brace) = (item.find(';'), item.find('{'));
        let end = match (semi, brace) {
            (Some(s), b) if b.is_none_or(|b| s < b) => s + 1,
            (_, Some(b)) => b + matching_brace(&item[b..]),
            _ => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the block that opens at the start of `code`, through its closing brace.
fn matching_brace(code: &str) -> usize {
    let bytes = code.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += code[i..].find('\n').unwrap_or(code.len() - i);
            }
            b'r' if code[i..].starts_with("r#\"") => {
                i += 3 + code[i + 3..].find("\"#").unwrap_or(code.len() - i - 3) + 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') => i += code[i + 2..].find('\'').map_or(0, |e| e + 2),
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    code.len()
}

#[test]
fn the_layer_check_reads_imports_and_skips_only_test_code() {
    assert_eq!(imported_modules("engine::check::{a, b};"), ["engine"]);
    assert_eq!(imported_modules("{engine::{a, b}, model, Io};"), ["engine", "model", "Io"]);
    let text = "#[cfg(test)]\nmod tests;\nuse crate::report;\n#[cfg(test)]\nmod t {\n    fn f() { let _ = \"}\"; }\n    use crate::commands;\n}\nuse crate::cli;\n";
    let code = without_tests(text);
    assert!(code.contains("crate::report") && code.contains("crate::cli"), "{code}");
    assert!(!code.contains("crate::commands"), "{code}");
}
