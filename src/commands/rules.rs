//! `advisor rules check|list|test`: validate packs, list their entries, run their scenarios.

use crate::cli::{RulesArgs, RulesCommand, RulesListArgs};
use crate::error::{Diagnostic, Error};
use crate::model::LangIdx;
use crate::pack::{self, Pack};
use crate::report::{describe_condition, signed};
use crate::{Io, scenario};
use comfy_table::{Cell, ContentArrangement, Table, presets};
use std::fmt::Write as _;

/// Runs a `rules` subcommand; returns the exit code.
pub fn run(command: &RulesCommand, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    match command {
        RulesCommand::Check(args) => check(args, io),
        RulesCommand::List(args) => list(args, color, io),
        RulesCommand::Test(args) => test(args, io),
    }
}

/// Where the packs came from, for summaries: "the built-in pack and examples/packs/jvm".
fn origin(set: &pack::PackSet) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !set.no_builtin {
        parts.push("the built-in pack".into());
    }
    parts.extend(set.dirs.iter().map(|d| crate::safe::path(d)));
    match parts.as_slice() {
        [] => "no pack".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "1 rule", "3 rules", "2 disabled entries".
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

fn check(args: &RulesArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let set = super::packs(&args.pack, None)?;
    let pack = pack::load(&set)?;
    let summary = format!(
        "ok: {}, {}, {} ({}), {}, {}, {}, {} and {} in {}\n",
        count(pack.languages.len(), "language"),
        count(pack.questions.len(), "question"),
        count(pack.rules().len(), "rule"),
        count(pack.groups().len(), "fact group"),
        count(pack.requirements().len(), "requirement"),
        count(pack.exclusions.len(), "exclusion"),
        count(pack.caveats.len(), "caveat"),
        count(pack.guides.len(), "source"),
        count(pack.disabled.len(), "disabled entry"),
        origin(&set)
    );
    super::emit(io.stdout, &summary)?;
    Ok(0)
}

/// Whether an entry concerns the language filter.
fn wanted(filter: Option<LangIdx>, languages: &[LangIdx]) -> bool {
    filter.is_none_or(|l| languages.contains(&l))
}

/// `rules list --format json`: one object per entry, in the table's order.
fn list_json(pack: &Pack, filter: Option<LangIdx>) -> Result<String, Error> {
    use serde_json::{Value, json};
    let id = |l: &LangIdx| pack.languages[*l].id.as_ref();
    let ids = |langs: &[LangIdx]| -> Vec<&str> { langs.iter().map(id).collect() };
    let mut out: Vec<Value> = Vec::new();
    for r in pack.rules() {
        let langs: Vec<LangIdx> = r.points.iter().map(|(l, _)| *l).collect();
        if wanted(filter, &langs) {
            let points: serde_json::Map<String, Value> =
                r.points.iter().map(|(l, p)| (id(l).to_string(), json!(p))).collect();
            out.push(json!({
                "kind": "rule",
                "id": r.id,
                "points": points,
                "when": describe_condition(pack, &r.when),
                "text": r.reason,
                "source": r.source,
                "group": r.group.map(|g| pack.groups()[g].id.as_ref()),
                "offsets": r.offsets.iter().map(|&o| pack.rules()[o].id.as_ref()).collect::<Vec<_>>(),
                "adjusted": r.adjusted,
            }));
        }
    }
    for r in pack.requirements().iter().filter(|r| wanted(filter, &r.languages)) {
        out.push(json!({"kind": "requirement", "id": r.id, "title": r.title, "unmet_by": ids(&r.languages),
            "when": describe_condition(pack, &r.when), "text": r.reason, "source": r.source}));
    }
    for e in pack.exclusions.iter().filter(|e| wanted(filter, &e.languages)) {
        out.push(json!({"kind": "exclusion", "id": e.id, "languages": ids(&e.languages),
            "when": describe_condition(pack, &e.when), "text": e.reason, "source": e.source}));
    }
    for c in pack.caveats.iter().filter(|c| wanted(filter, &c.languages)) {
        out.push(json!({"kind": "caveat", "id": c.id, "languages": ids(&c.languages),
            "when": describe_condition(pack, &c.when), "text": c.text, "source": c.source}));
    }
    for d in &pack.disabled {
        out.push(json!({"kind": "disabled", "id": d.id, "entry": d.kind, "by": d.by, "text": d.reason}));
    }
    crate::report::json::pretty(&out)
}

fn list(args: &RulesListArgs, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack, None)?;
    let filter = args.language.as_deref().map(|l| super::language_arg(&pack, l)).transpose()?;
    if args.format == crate::cli::TableFormat::Json {
        super::emit(io.stdout, &list_json(&pack, filter)?)?;
        return Ok(0);
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(io.width);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(vec!["Kind", "Id", "Points", "When", "Source"]);
    let name = |l: &LangIdx| pack.languages[*l].id.as_ref();
    let mut rows = 0;
    for r in pack.rules() {
        let langs: Vec<LangIdx> = r.points.iter().map(|(l, _)| *l).collect();
        if !wanted(filter, &langs) {
            continue;
        }
        let points: Vec<String> =
            r.points.iter().map(|(l, p)| format!("{} {}", name(l), signed(*p))).collect();
        let kind = if r.adjusted.is_empty() { "rule" } else { "rule*" };
        let mut id = r.id.to_string();
        if let Some(g) = r.group {
            let _ = write!(id, "\n(fact group {}: the strongest counts)", pack.groups()[g].id);
        }
        if !r.offsets.is_empty() {
            let offsets: Vec<&str> = r.offsets.iter().map(|&o| pack.rules()[o].id.as_ref()).collect();
            let _ = write!(id, "\n(offsets {}, never more)", offsets.join(", "));
        }
        table.add_row(vec![
            Cell::new(kind),
            Cell::new(id),
            Cell::new(points.join("\n")),
            Cell::new(describe_condition(&pack, &r.when)),
            Cell::new(&r.source),
        ]);
        rows += 1;
    }
    for r in pack.requirements() {
        if wanted(filter, &r.languages) {
            let langs: Vec<&str> = r.languages.iter().map(name).collect();
            table.add_row(vec![
                Cell::new("requirement"),
                Cell::new(format!("{}\n({})", r.id, r.title)),
                Cell::new(format!("unmet by {}", langs.join(", "))),
                Cell::new(describe_condition(&pack, &r.when)),
                Cell::new(&r.source),
            ]);
            rows += 1;
        }
    }
    for e in &pack.exclusions {
        if wanted(filter, &e.languages) {
            let langs: Vec<&str> = e.languages.iter().map(name).collect();
            table.add_row(vec![
                Cell::new("exclusion"),
                Cell::new(&e.id),
                Cell::new(format!("excludes {}", langs.join(", "))),
                Cell::new(describe_condition(&pack, &e.when)),
                Cell::new(&e.source),
            ]);
            rows += 1;
        }
    }
    for c in &pack.caveats {
        if wanted(filter, &c.languages) {
            let langs: Vec<&str> = c.languages.iter().map(name).collect();
            table.add_row(vec![
                Cell::new("caveat"),
                Cell::new(&c.id),
                Cell::new(langs.join(", ")),
                Cell::new(describe_condition(&pack, &c.when)),
                Cell::new(&c.source),
            ]);
            rows += 1;
        }
    }
    let mut out = format!("{table}\n{rows} entries");
    if pack.rules().iter().any(|r| !r.adjusted.is_empty()) {
        out.push_str("; rule* has points changed by a team pack");
    }
    out.push('\n');
    for d in &pack.disabled {
        let _ = writeln!(out, "disabled {} `{}` by {}: {}", d.kind, d.id, d.by, d.reason);
    }
    super::emit(io.stdout, &out)?;
    Ok(0)
}

/// The scenario files to run: each team pack's tests/*.toml, or, when no team pack is
/// loaded, the built-in pack's own. (The built-in scenarios describe the built-in advice; a
/// team pack changes it on purpose, and its own tests say what must still hold.)
fn scenario_files(set: &pack::PackSet) -> Result<Vec<(String, String)>, Error> {
    let mut files = if set.no_builtin || !set.dirs.is_empty() { Vec::new() } else { pack::builtin_tests() };
    for dir in &set.dirs {
        files.extend(pack::folder_tests(dir)?);
    }
    Ok(files)
}

fn test(args: &RulesArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let set = super::packs(&args.pack, None)?;
    let pack: Pack = pack::load(&set)?;
    let files = scenario_files(&set)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "no scenario tests in {}: add tests/*.toml to the pack",
            origin(&set)
        )));
    }
    let (mut passed, mut failed) = (0, 0);
    let mut out = String::new();
    let mut broken = Vec::new();
    for (name, text) in &files {
        let scenarios = match scenario::load(name, text) {
            Ok(s) => s,
            Err(Error::Invalid(d)) => {
                broken.extend(d);
                continue;
            }
            Err(e) => return Err(e),
        };
        for s in &scenarios {
            match scenario::check(&pack, s) {
                Ok(problems) if problems.is_empty() => {
                    passed += 1;
                    let _ = writeln!(out, "ok    {}", s.id);
                }
                Ok(problems) => {
                    failed += 1;
                    let _ = writeln!(out, "FAIL  {} ({name}): {}", s.id, problems.join("; "));
                }
                Err(Error::Invalid(d)) => {
                    broken.extend(
                        d.into_iter().map(|d| Diagnostic { file: format!("{name}: {}", d.file), ..d }),
                    );
                }
                Err(e) => return Err(e),
            }
        }
    }
    if !broken.is_empty() {
        return Err(Error::Invalid(broken));
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    super::emit(io.stdout, &out)?;
    Ok(if failed == 0 { 0 } else { 1 })
}
