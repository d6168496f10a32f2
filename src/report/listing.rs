//! Renderers of what a pack holds: `advisor rules list` (every rule, requirement, exclusion and
//! caveat), `advisor questions` and `advisor languages`, each as a table, JSON or Markdown.

use super::{cell, describe_condition, signed, wrap};
use crate::error::Error;
use crate::model::{Condition, Kind, LangIdx, Question};
use crate::pack::Pack;
use comfy_table::{Cell, ContentArrangement, Table, presets};
use serde_json::{Value, json};
use std::fmt::{self, Write};

/// A table in the house style, laid out in `width` columns.
fn table(width: u16, color: bool, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.to_vec());
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// Whether an entry concerns the language filter.
fn wanted(filter: Option<LangIdx>, languages: &[LangIdx]) -> bool {
    filter.is_none_or(|l| languages.contains(&l))
}

/// The languages a rule gives points to.
fn rule_languages(rule: &crate::model::Rule) -> Vec<LangIdx> {
    rule.points.iter().map(|(l, _)| *l).collect()
}

/// `rules list --format json`: one object per entry, in the table's order.
pub fn rules_json(pack: &Pack, filter: Option<LangIdx>) -> Result<String, Error> {
    let id = |l: &LangIdx| pack.languages[*l].id.as_ref();
    let ids = |langs: &[LangIdx]| -> Vec<&str> { langs.iter().map(id).collect() };
    let mut out: Vec<Value> = Vec::new();
    for r in pack.rules().iter().filter(|r| wanted(filter, &rule_languages(r))) {
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
    for d in pack.disabled.iter() {
        out.push(json!({"kind": "disabled", "id": d.id, "entry": d.kind, "by": d.by, "text": d.reason}));
    }
    super::json::pretty(&out)
}

/// `rules list`: a table of every entry that concerns the filter (kind, id, points, when,
/// source), a count, and the entries team packs disabled.
pub fn rules_table(
    pack: &Pack,
    filter: Option<LangIdx>,
    color: bool,
    width: u16,
    out: &mut impl Write,
) -> fmt::Result {
    let mut table = table(width, color, &["Kind", "Id", "Points", "When", "Source"]);
    let name = |l: &LangIdx| pack.languages[*l].id.as_ref();
    let mut rows = 0;
    let mut row = |kind: &str, id: String, points: String, when: &Condition, source: &str| {
        let when = describe_condition(pack, when);
        table.add_row(vec![
            Cell::new(kind),
            Cell::new(id),
            Cell::new(points),
            Cell::new(when),
            Cell::new(source),
        ]);
        rows += 1;
    };
    for r in pack.rules().iter().filter(|r| wanted(filter, &rule_languages(r))) {
        let points: Vec<String> =
            r.points.iter().map(|(l, p)| format!("{} {}", name(l), signed(*p))).collect();
        let kind = if r.adjusted.is_empty() { "rule" } else { "rule*" };
        let mut id = r.id.to_string();
        if let Some(g) = r.group {
            write!(id, "\n(fact group {}: the strongest counts)", pack.groups()[g].id)?;
        }
        if !r.offsets.is_empty() {
            let offsets: Vec<&str> = r.offsets.iter().map(|&o| pack.rules()[o].id.as_ref()).collect();
            write!(id, "\n(offsets {}, never more)", offsets.join(", "))?;
        }
        row(kind, id, points.join("\n"), &r.when, &r.source);
    }
    let names = |langs: &[LangIdx]| langs.iter().map(name).collect::<Vec<_>>().join(", ");
    for r in pack.requirements().iter().filter(|r| wanted(filter, &r.languages)) {
        let id = format!("{}\n({})", r.id, r.title);
        row("requirement", id, format!("unmet by {}", names(&r.languages)), &r.when, &r.source);
    }
    for e in pack.exclusions.iter().filter(|e| wanted(filter, &e.languages)) {
        row("exclusion", e.id.to_string(), format!("excludes {}", names(&e.languages)), &e.when, &e.source);
    }
    for c in pack.caveats.iter().filter(|c| wanted(filter, &c.languages)) {
        row("caveat", c.id.to_string(), names(&c.languages), &c.when, &c.source);
    }
    write!(out, "{table}\n{rows} entries")?;
    if pack.rules().iter().any(|r| !r.adjusted.is_empty()) {
        out.write_str("; rule* has points changed by a team pack")?;
    }
    out.write_char('\n')?;
    for d in pack.disabled.iter() {
        writeln!(out, "disabled {} `{}` by {}: {}", d.kind, d.id, d.by, d.reason)?;
    }
    Ok(())
}

/// A question's default in words and in JSON: an option id, a list, or `required`.
fn default_of(q: &Question) -> (String, Value) {
    match (&q.default, q.kind) {
        (None, _) => ("required".into(), Value::Null),
        (Some(set), Kind::Single) => {
            let id = set.iter().next().map_or("", |o| q.options[o].id.as_ref());
            (id.to_string(), json!(id))
        }
        (Some(set), Kind::Multi) => {
            let ids: Vec<&str> = set.iter().map(|o| q.options[o].id.as_ref()).collect();
            (format!("[{}]", ids.join(", ")), json!(ids))
        }
    }
}

/// `single` or `multi`.
fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "single",
        Kind::Multi => "multi",
    }
}

/// When a question is asked, in words; `None` when always.
fn asked(pack: &Pack, q: &Question) -> Option<String> {
    match q.when {
        Condition::Always => None,
        ref when => Some(describe_condition(pack, when)),
    }
}

/// `advisor questions --format json`: every question with its options' descriptions.
pub fn questions_json(pack: &Pack) -> Result<String, Error> {
    let list: Vec<Value> = pack
        .questions
        .iter()
        .map(|q| {
            json!({
                "id": q.id,
                "kind": kind_word(q.kind),
                "title": q.title,
                "prompt": q.prompt,
                "help": q.help,
                "source": q.source,
                "options": q.options.iter().map(|o| json!({"id": o.id, "label": o.label, "description": o.description})).collect::<Vec<_>>(),
                "default": default_of(q).1,
                "asked_when": asked(pack, q),
            })
        })
        .collect();
    super::json::pretty(&Value::Array(list))
}

/// `advisor questions --format markdown`: one table row per question.
pub fn questions_markdown(pack: &Pack, out: &mut impl Write) -> fmt::Result {
    out.write_str("| Question | Kind | Options | Default | Asked when |\n|---|---|---|---|---|\n")?;
    for q in pack.questions.iter() {
        let options: Vec<String> = q.options.iter().map(|o| format!("`{}`", o.id)).collect();
        writeln!(
            out,
            "| `{}`: {} | {} | {} | {} | {} |",
            q.id,
            cell(&q.prompt),
            kind_word(q.kind),
            cell(&options.join(", ")),
            cell(&default_of(q).0),
            cell(&asked(pack, q).unwrap_or_else(|| "always".into()))
        )?;
    }
    Ok(())
}

/// `advisor questions`: a table of the questions and how to answer them.
pub fn questions_table(pack: &Pack, width: u16, out: &mut impl Write) -> fmt::Result {
    let mut t = table(width, false, &["Question", "Kind", "Options", "Default"]);
    for q in pack.questions.iter() {
        let mut name = format!("{}\n{}", q.id, q.title);
        if let Some(when) = asked(pack, q) {
            write!(name, "\n(asked when {when})")?;
        }
        let options: Vec<&str> = q.option_ids().collect();
        t.add_row(vec![name, kind_word(q.kind).into(), options.join(", "), default_of(q).0]);
    }
    let footer = format!(
        "{} questions. Answer them with `advisor ask`, in a file (`advisor init`), or with --set \
         QUESTION=VALUE; `--format json` adds every option's description.",
        pack.questions.len()
    );
    write!(out, "{t}\n{}", wrap(&footer, usize::from(width), "", ""))
}

/// `advisor languages --format json`: ids, names, runtimes and the aliases commands accept.
pub fn languages_json(pack: &Pack) -> Result<String, Error> {
    let list: Vec<Value> = pack
        .languages
        .iter()
        .map(|l| json!({"id": l.id, "name": l.name, "runtime": l.runtime, "aliases": aliases(l)}))
        .collect();
    super::json::pretty(&Value::Array(list))
}

/// A language's aliases, as its pack lists them.
fn aliases(language: &crate::model::Language) -> Vec<&str> {
    language.aliases.iter().map(AsRef::as_ref).collect()
}

/// `advisor languages --format markdown`: one table row per language.
pub fn languages_markdown(pack: &Pack, out: &mut impl Write) -> fmt::Result {
    out.write_str("| Id | Name | Runtime | Aliases |\n|---|---|---|---|\n")?;
    for l in pack.languages.iter() {
        let aliases = aliases(l).join(", ");
        writeln!(out, "| `{}` | {} | {} | {} |", l.id, cell(&l.name), cell(&l.runtime), cell(&aliases))?;
    }
    Ok(())
}

/// `advisor languages`: a table of the candidates.
pub fn languages_table(pack: &Pack, width: u16, out: &mut impl Write) -> fmt::Result {
    let mut t = table(width, false, &["Id", "Name", "Runtime", "Aliases"]);
    for l in pack.languages.iter() {
        t.add_row(vec![l.id.to_string(), l.name.to_string(), l.runtime.to_string(), aliases(l).join(", ")]);
    }
    let footer = format!(
        "{} languages. `advisor explain LANGUAGE` takes any id, name or alias.",
        pack.languages.len()
    );
    write!(out, "{t}\n{}", wrap(&footer, usize::from(width), "", ""))
}
