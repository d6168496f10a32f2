//! Writing answers files: what `advisor ask` saves. The output is a valid answers file
//! (contract section 3) in TOML or YAML, with a comment header and each answer's labels.

use super::{Decision, FORMAT_VERSION, Format};
use crate::model::{Answers, Kind, QuestionIdx};
use crate::pack::Pack;
use std::fmt;

/// What goes into a saved answers file.
#[derive(Debug)]
pub struct Saved<'a> {
    /// The pack the answers were given against.
    pub pack: &'a Pack,
    /// The answers.
    pub answers: &'a Answers,
    /// Which questions to write (those that applied).
    pub include: &'a [bool],
    /// The recorded decision to keep, if any.
    pub decision: Option<&'a Decision>,
    /// Team rule pack folders to keep naming.
    pub packs: &'a [String],
    /// The file's path as the user gave it, for the re-run hint.
    pub path: &'a str,
    /// The date written in the header.
    pub date: &'a str,
}

/// A string in TOML (and YAML, which reads JSON-style double-quoted strings the same way).
fn quoted(s: &str) -> String {
    crate::text::quoted(s)
}

fn list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// Writes the saved answers file to `out`, in `format`.
pub fn write_saved(out: &mut impl fmt::Write, saved: &Saved<'_>, format: Format) -> fmt::Result {
    let pack = saved.pack;
    let (comment, assign, indent) = match format {
        Format::Toml => ("#", " = ", ""),
        Format::Yaml => ("#", ": ", "  "),
    };
    writeln!(
        out,
        "{comment} advisor answers file, written by advisor {} on {}.",
        env!("CARGO_PKG_VERSION"),
        saved.date
    )?;
    writeln!(out, "{comment} Re-score it:  advisor recommend --answers {}", crate::safe::line(saved.path))?;
    writeln!(out, "{comment} Change it:    advisor ask --answers {}", crate::safe::line(saved.path))?;
    writeln!(out, "version{assign}{FORMAT_VERSION}")?;
    writeln!(out, "pack_fingerprint{assign}{}", quoted(&pack.fingerprint))?;
    if !saved.packs.is_empty() {
        let packs: Vec<&str> = saved.packs.iter().map(String::as_str).collect();
        writeln!(out, "packs{assign}{}", list(&packs))?;
    }
    out.write_char('\n')?;
    out.write_str(match format {
        Format::Toml => "[answers]\n",
        Format::Yaml => "answers:\n",
    })?;
    let mut lines = Vec::new();
    for (q, question) in pack.questions.iter().enumerate() {
        if !saved.include[q] {
            continue;
        }
        let chosen: Vec<usize> = saved.answers.get(QuestionIdx::new(q)).iter().collect();
        let ids: Vec<&str> = chosen.iter().map(|&o| question.options[o].id.as_ref()).collect();
        let labels: Vec<&str> = chosen.iter().map(|&o| question.options[o].label.as_ref()).collect();
        let value = match question.kind {
            Kind::Single => quoted(ids.first().copied().unwrap_or_default()),
            Kind::Multi => list(&ids),
        };
        let note = if labels.is_empty() { "none".to_string() } else { labels.join(", ") };
        lines
            .push((format!("{indent}{}{assign}{value}", question.id), format!("{}: {note}", question.title)));
    }
    // Comments start in one column, so the file reads as a table in a diff.
    let column = lines.iter().map(|(code, _)| code.chars().count()).max().unwrap_or(0) + 2;
    for (code, note) in lines {
        writeln!(out, "{code:<column$}{comment} {note}")?;
    }
    if let Some(d) = saved.decision {
        out.write_char('\n')?;
        out.write_str(match format {
            Format::Toml => "[decision]\n",
            Format::Yaml => "decision:\n",
        })?;
        writeln!(out, "{indent}language{assign}{}", quoted(&pack.languages[d.language].id))?;
        if let Some(status) = d.status {
            writeln!(out, "{indent}status{assign}{}", quoted(status.id()))?;
        }
        if let Some(date) = &d.date {
            writeln!(out, "{indent}date{assign}{}", quoted(date))?;
        }
        if !d.deciders.is_empty() {
            let deciders: Vec<&str> = d.deciders.iter().map(String::as_str).collect();
            writeln!(out, "{indent}deciders{assign}{}", list(&deciders))?;
        }
        if let Some(w) = &d.waiver {
            let (open, sep, close) = match format {
                Format::Toml => ("{ ", " = ", " }"),
                Format::Yaml => ("{", ": ", "}"),
            };
            writeln!(
                out,
                "{indent}waiver{assign}{open}reason{sep}{}, expires{sep}{}{close}",
                quoted(&w.reason),
                quoted(&w.expires)
            )?;
        }
    }
    Ok(())
}

/// Writes a commented starter answers file to `out`: every question with its options and
/// default. Required questions are left empty (`""`) so that scoring the file unedited says
/// what to fill.
pub fn write_starter(out: &mut impl fmt::Write, pack: &Pack, path: &str, date: &str) -> fmt::Result {
    writeln!(out, "# advisor answers file, started by advisor {} on {date}.", env!("CARGO_PKG_VERSION"))?;
    out.write_str("# Answer each question with one of the option ids listed above it (a list for the\n")?;
    out.write_str("# multi-choice ones), or let `advisor ask --answers FILE` walk you through them.\n")?;
    writeln!(out, "# Score it:      advisor recommend --answers {path}")?;
    writeln!(out, "# Check it (CI): advisor check {path}")?;
    writeln!(out, "version = {FORMAT_VERSION}\n\n[answers]")?;
    for q in pack.questions.iter() {
        out.write_char('\n')?;
        let kind = match (q.kind, &q.default) {
            (Kind::Single, None) => "required, pick one".to_string(),
            (Kind::Multi, None) => "required, pick any".to_string(),
            (Kind::Single, Some(_)) => "pick one".to_string(),
            (Kind::Multi, Some(_)) => "pick any number".to_string(),
        };
        writeln!(out, "# {} ({kind}): {}", q.title, q.prompt)?;
        let width = q.options.iter().map(|o| o.id.len()).max().unwrap_or(0);
        for o in q.options.iter() {
            writeln!(out, "#   {:<width$}  {}", o.id, o.label)?;
        }
        let value = match (&q.default, q.kind) {
            (None, Kind::Single) => "\"\"".to_string(),
            (None, Kind::Multi) => "[]".to_string(),
            (Some(d), Kind::Single) => quoted(d.iter().next().map_or("", |o| q.options[o].id.as_ref())),
            (Some(d), Kind::Multi) => list(&d.iter().map(|o| q.options[o].id.as_ref()).collect::<Vec<_>>()),
        };
        writeln!(out, "{} = {value}", q.id)?;
    }
    out.write_str(
        "\n# What the team decided; `advisor check` fails when the advice no longer supports it.\n",
    )?;
    out.write_str("# [decision]\n")?;
    let first = pack.languages.first().map_or("", |l| l.id.as_ref());
    writeln!(out, "# language = \"{first}\"")?;
    out.write_str("# status = \"proposed\"   # proposed | accepted | rejected | deprecated | superseded\n")?;
    writeln!(out, "# date = \"{date}\"")?;
    out.write_str("# deciders = [\"platform team\"]\n")?;
    out.write_str("# waiver = { reason = \"why we keep it anyway\", expires = \"YYYY-MM-DD\" }\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::parse;

    fn render(saved: &Saved<'_>, format: Format) -> String {
        let mut out = String::new();
        write_saved(&mut out, saved, format).unwrap();
        out
    }

    fn example() -> (Pack, super::super::AnswersFile) {
        let pack = crate::pack::builtin();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml"))
                .unwrap();
        let file = parse("chat.toml", &text, Format::Toml, &pack).unwrap();
        (pack, file)
    }

    #[test]
    fn saved_files_read_back_to_the_same_answers_and_decision_in_both_formats() {
        let (pack, mut file) = example();
        if let Some(d) = file.decision.as_mut() {
            d.waiver = Some(crate::answers::Waiver {
                reason: "the \"platform\" team: 100% Go".into(),
                expires: "2027-01-31".into(),
            });
        }
        let include = vec![true; pack.questions.len()];
        for (format, name) in [(Format::Toml, "a.toml"), (Format::Yaml, "a.yaml")] {
            let saved = Saved {
                pack: &pack,
                answers: &file.answers,
                include: &include,
                decision: file.decision.as_ref(),
                packs: &["../packs/team".to_string()],
                path: name,
                date: "2026-11-21",
            };
            let text = render(&saved, format);
            let back = parse(name, &text, format, &pack).unwrap_or_else(|e| panic!("{name}:\n{e}\n{text}"));
            assert_eq!(back.answers, file.answers, "{name}");
            assert_eq!(back.decision, file.decision, "{name}");
            assert_eq!(back.pack_fingerprint.as_deref(), Some(pack.fingerprint.as_str()));
            assert!(back.given.iter().all(|g| *g), "{name}: every question is written");
            assert_eq!(back.packs, ["../packs/team"], "{name}");
        }
    }

    #[test]
    fn questions_that_did_not_apply_are_left_out() {
        let (pack, file) = example();
        let mut include = vec![true; pack.questions.len()];
        let scale = pack.question("process_scale").unwrap();
        include[scale.get()] = false;
        let saved = Saved {
            pack: &pack,
            answers: &file.answers,
            include: &include,
            decision: None,
            packs: &[],
            path: "a.toml",
            date: "2026-11-21",
        };
        let text = render(&saved, Format::Toml);
        assert!(!text.contains("process_scale"));
        assert!(!text.contains("[decision]"));
        assert!(text.starts_with("# advisor answers file, written by advisor"));
        assert!(text.contains("# Re-score it:  advisor recommend --answers a.toml"));
    }
}
