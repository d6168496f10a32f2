//! `advisor questions` and `advisor languages`: what the loaded packs ask and rank, as a table,
//! JSON or Markdown; and the language argument's parser, which offers language ids to shell
//! completion.

use crate::cli::{ListArgs, ListFormat};
use crate::error::Error;
use crate::model::Kind;
use crate::pack::Pack;
use crate::report::{cell, describe_condition};
use crate::{Io, suggest};
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A question's default in words: an option id, a list, or `required`.
fn default_of(pack: &Pack, q: &crate::model::Question) -> (String, Value) {
    let _ = pack;
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

fn table(width: u16, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .force_no_tty()
        .set_header(header.to_vec());
    table
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "single",
        Kind::Multi => "multi",
    }
}

/// `advisor questions`.
pub fn questions(args: &ListArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack, None)?;
    let asked = |q: &crate::model::Question| match q.when {
        crate::model::Condition::Always => None,
        ref when => Some(describe_condition(&pack, when)),
    };
    let text = match args.format {
        ListFormat::Json => {
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
                        "default": default_of(&pack, q).1,
                        "asked_when": asked(q),
                    })
                })
                .collect();
            crate::report::json::pretty(&Value::Array(list))?
        }
        ListFormat::Markdown => {
            let mut out =
                String::from("| Question | Kind | Options | Default | Asked when |\n|---|---|---|---|---|\n");
            for q in &pack.questions {
                let options: Vec<String> = q.options.iter().map(|o| format!("`{}`", o.id)).collect();
                let _ = writeln!(
                    out,
                    "| `{}`: {} | {} | {} | {} | {} |",
                    q.id,
                    cell(&q.prompt),
                    kind_word(q.kind),
                    cell(&options.join(", ")),
                    cell(&default_of(&pack, q).0),
                    cell(&asked(q).unwrap_or_else(|| "always".into()))
                );
            }
            out
        }
        ListFormat::Table => {
            let mut t = table(io.width, &["Question", "Kind", "Options", "Default"]);
            for q in &pack.questions {
                let mut name = format!("{}\n{}", q.id, q.title);
                if let Some(when) = asked(q) {
                    let _ = write!(name, "\n(asked when {when})");
                }
                let options: Vec<&str> = q.option_ids().collect();
                t.add_row(vec![name, kind_word(q.kind).into(), options.join(", "), default_of(&pack, q).0]);
            }
            let footer = format!(
                "{} questions. Answer them with `advisor ask`, in a file (`advisor init`), or with --set \
                 QUESTION=VALUE; `--format json` adds every option's description.",
                pack.questions.len()
            );
            format!("{t}\n{}", crate::report::wrap(&footer, usize::from(io.width), "", ""))
        }
    };
    super::emit(io.stdout, &text)?;
    Ok(0)
}

/// `advisor languages`.
pub fn languages(args: &ListArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack, None)?;
    let aliases = |id: &str| -> Vec<&'static str> { suggest::aliases_of(id).collect() };
    let text = match args.format {
        ListFormat::Json => {
            let list: Vec<Value> = pack
                .languages
                .iter()
                .map(|l| json!({"id": l.id, "name": l.name, "runtime": l.runtime, "aliases": aliases(&l.id)}))
                .collect();
            crate::report::json::pretty(&Value::Array(list))?
        }
        ListFormat::Markdown => {
            let mut out = String::from("| Id | Name | Runtime | Aliases |\n|---|---|---|---|\n");
            for l in &pack.languages {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    l.id,
                    cell(&l.name),
                    cell(&l.runtime),
                    cell(&aliases(&l.id).join(", "))
                );
            }
            out
        }
        ListFormat::Table => {
            let mut t = table(io.width, &["Id", "Name", "Runtime", "Aliases"]);
            for l in &pack.languages {
                t.add_row(vec![
                    l.id.clone(),
                    l.name.clone(),
                    l.runtime.clone(),
                    aliases(&l.id).join(", ").into(),
                ]);
            }
            let footer = format!(
                "{} languages. `advisor explain LANGUAGE` takes any id, name or alias.",
                pack.languages.len()
            );
            format!("{t}\n{}", crate::report::wrap(&footer, usize::from(io.width), "", ""))
        }
    };
    super::emit(io.stdout, &text)?;
    Ok(0)
}
