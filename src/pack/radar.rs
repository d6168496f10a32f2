//! Tech radar import: a `radar.csv` in Build-Your-Own-Radar format
//! (`name,ring,quadrant,isNew,description`) becomes, for every blip that names a language, a
//! rule worth the ring's points and a caveat naming the radar. Other blips (tools,
//! platforms, techniques) are not languages and are skipped.

use super::files::PackFile;
use crate::error::{Diagnostic, Position};
use crate::model::{Caveat, Condition, Guide, LangIdx, Language, Origin, Rule, Text};

/// The points each ring gives a language, and the ring's name as the radar writes it.
pub const RINGS: [(&str, f64); 4] = [("Adopt", 8.0), ("Trial", 3.0), ("Assess", -2.0), ("Hold", -10.0)];

/// The columns, in order.
const COLUMNS: [&str; 5] = ["name", "ring", "quadrant", "isnew", "description"];

/// What a radar adds to the pack.
#[derive(Debug)]
pub struct Imported {
    /// The radar as a source the rules cite (`radar / Hold`).
    pub guide: Guide,
    /// One rule per language blip.
    pub rules: Vec<Rule>,
    /// One caveat per language blip.
    pub caveats: Vec<Caveat>,
    /// Everything wrong with the file.
    pub problems: Vec<Diagnostic>,
}

/// CSV records, each with the line it starts on.
type Records = Vec<(usize, Vec<String>)>;

/// Records of a CSV text with the line each starts on: commas between fields, fields in
/// double quotes may hold commas, newlines and `""` for a quote. An error names its line.
fn records(text: &str) -> Result<Records, (usize, String)> {
    let mut out = Vec::new();
    let (mut fields, mut field) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut was_quoted) = (1, 1, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.trim().is_empty() && !was_quoted => {
                field.clear();
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start, std::mem::take(&mut fields)));
                }
                fields.clear();
                was_quoted = false;
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err((start, "a quoted field is never closed".into()));
    }
    fields.push(field);
    if fields.iter().any(|f| !f.trim().is_empty()) {
        out.push((start, fields));
    }
    Ok(out)
}

/// Imports a radar file; `guide_id` names it as a source.
pub fn import(file: &PackFile, guide_id: &str, languages: &[Language]) -> Imported {
    let guide = Guide {
        id: guide_id.to_string().into(),
        title: format!("Tech radar {}", file.name).into(),
        sections: RINGS.iter().map(|(ring, _)| Text::Borrowed(*ring)).collect(),
    };
    let mut imported = Imported { guide, rules: Vec::new(), caveats: Vec::new(), problems: Vec::new() };
    let at = |line: usize| Some(Position { line, column: 1 });
    let rows = match records(&file.text) {
        Ok(rows) => rows,
        Err((line, message)) => {
            imported.problems.push(Diagnostic::new(&file.name, message).at(at(line)));
            return imported;
        }
    };
    let Some(((_, header), rows)) = rows.split_first() else {
        imported.problems.push(Diagnostic::new(
            &file.name,
            "the radar is empty; expected name,ring,quadrant,isNew,description",
        ));
        return imported;
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    if header != COLUMNS {
        imported.problems.push(
            Diagnostic::new(
                &file.name,
                format!(
                    "the header is `{}`; expected name,ring,quadrant,isNew,description",
                    header.join(",")
                ),
            )
            .at(at(1)),
        );
        return imported;
    }
    let mut seen: Vec<(LangIdx, usize)> = Vec::new();
    for (line, fields) in rows {
        if fields.len() != COLUMNS.len() {
            imported.problems.push(
                Diagnostic::new(
                    &file.name,
                    format!("{} fields; expected 5: name,ring,quadrant,isNew,description", fields.len()),
                )
                .at(at(*line)),
            );
            continue;
        }
        let Some(language) = crate::model::language_named(languages, &fields[0]) else { continue };
        let Some((ring, points)) = RINGS.iter().find(|(ring, _)| ring.eq_ignore_ascii_case(fields[1].trim()))
        else {
            imported.problems.push(
                Diagnostic::new(
                    &file.name,
                    format!("unknown ring `{}`; expected Adopt, Trial, Assess or Hold", fields[1].trim()),
                )
                .at(at(*line)),
            );
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(l, _)| *l == language) {
            imported.problems.push(
                Diagnostic::new(
                    &file.name,
                    format!("{} is on the radar twice (first on line {first})", languages[language].name),
                )
                .at(at(*line)),
            );
            continue;
        }
        seen.push((language, *line));
        let lang = &languages[language];
        // A description spreads over lines inside quotes; anything else that is not plain text
        // (escape sequences, carriage returns) must not reach a terminal or a record.
        if fields[4].contains(crate::safe::LEGACY_COMMAND) {
            imported.problems.push(
                Diagnostic::new(
                    &file.name,
                    "the description contains `#`, `#`, `[` in a row, which a GitHub runner reads as a workflow command",
                )
                .at(at(*line)),
            );
            continue;
        }
        if let Some(c) = fields[4].chars().find(|&c| c != '\n' && crate::safe::unsafe_char(c)) {
            imported.problems.push(
                Diagnostic::new(
                    &file.name,
                    format!(
                        "the description contains the control character U+{:04X}; expected plain text",
                        c as u32
                    ),
                )
                .at(at(*line)),
            );
            continue;
        }
        let description = fields[4].split_whitespace().collect::<Vec<_>>().join(" ");
        let new = if fields[3].trim().eq_ignore_ascii_case("true") { " (new)" } else { "" };
        let detail = if description.is_empty() { String::new() } else { format!(": {description}") };
        let origin = Origin { file: file.name.clone().into(), line: Some(*line) };
        let source = format!("{} / {ring}", imported.guide.id);
        let prefix =
            if imported.guide.id == "radar" { "radar".to_string() } else { imported.guide.id.to_string() };
        imported.rules.push(Rule {
            id: format!("{prefix}-{}", lang.id).into(),
            when: Condition::Always,
            points: vec![(language, *points)],
            reason: format!("The team's tech radar puts {} in {ring}{new}{detail}", lang.name).into(),
            source: source.clone().into(),
            origin: origin.clone(),
            adjusted: Vec::new(),
            group: None,
            offsets: Vec::new(),
        });
        imported.caveats.push(Caveat {
            id: format!("{prefix}-{}-caveat", lang.id).into(),
            when: Condition::Always,
            languages: vec![language],
            text: format!(
                "The team's tech radar ({}) puts {} in {ring}{detail}",
                crate::safe::line(&file.name),
                lang.name
            )
            .into(),
            source: source.into(),
            restates: Vec::new(),
            origin,
        });
    }
    imported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_keep_quoted_commas_quotes_and_newlines() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n\n";
        let rows = records(text).unwrap();
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(rows[1], (2, vec!["x, y".to_string(), "say \"hi\"".to_string()]));
        assert_eq!(rows[2], (3, vec!["multi\nline".to_string(), "z".to_string()]));
        assert_eq!(records("\"open").unwrap_err().0, 1);
    }
}
