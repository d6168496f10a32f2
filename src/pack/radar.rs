//! Tech radar import: a `radar.csv` in Build-Your-Own-Radar format
//! (`name,ring,quadrant,isNew,description`) becomes, for every blip that names a language, a
//! rule worth the ring's points and a caveat naming the radar. Other blips (tools,
//! platforms, techniques) are not languages and are skipped.

use super::files::PackFile;
use crate::error::{Diagnostic, Position};
use crate::model::{Caveat, Condition, Guide, LangIdx, Language, List, Origin, Rule, Text};

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
        sections: RINGS.iter().map(|(ring, _)| Text::from_static(ring)).collect(),
        confirmation: None,
    };
    let mut imported = Imported { guide, rules: Vec::new(), caveats: Vec::new(), problems: Vec::new() };
    let rows = match blip_rows(file) {
        Ok(rows) => rows,
        Err(problem) => {
            imported.problems.push(problem);
            return imported;
        }
    };
    let mut seen: Vec<(LangIdx, usize)> = Vec::new();
    for (line, fields) in &rows {
        if let Err(message) = imported.row(file, languages, &mut seen, *line, fields) {
            imported.problems.push(Diagnostic::new(&file.name, message).at(at(*line)));
        }
    }
    imported
}

/// A position at the start of `line`.
fn at(line: usize) -> Option<Position> {
    Some(Position { line, column: 1 })
}

/// The records of a radar file after its header, which must name the [`COLUMNS`]; the
/// problem when the file does not parse, is empty or has another header.
fn blip_rows(file: &PackFile) -> Result<Records, Diagnostic> {
    let mut rows =
        records(&file.text).map_err(|(line, message)| Diagnostic::new(&file.name, message).at(at(line)))?;
    if rows.is_empty() {
        return Err(Diagnostic::new(
            &file.name,
            "the radar is empty; expected name,ring,quadrant,isNew,description",
        ));
    }
    let (_, header) = rows.remove(0);
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    if header != COLUMNS {
        return Err(Diagnostic::new(
            &file.name,
            format!("the header is `{}`; expected name,ring,quadrant,isNew,description", header.join(",")),
        )
        .at(at(1)));
    }
    Ok(rows)
}

/// A blip that names a language, checked.
#[derive(Debug)]
struct Blip<'a> {
    /// The language it names.
    language: LangIdx,
    /// Its ring, as [`RINGS`] writes it.
    ring: &'static str,
    /// The ring's points.
    points: f64,
    /// The line its record starts on.
    line: usize,
    /// Its record's fields, in [`COLUMNS`] order.
    fields: &'a [String],
}

impl Imported {
    /// Checks one record (`fields`, starting on `line`) and, when it is a language's blip,
    /// adds its rule and caveat; `seen` holds the languages met so far, with their lines. A
    /// blip that names no language is skipped; the error is the message of the row's problem.
    fn row(
        &mut self,
        file: &PackFile,
        languages: &[Language],
        seen: &mut Vec<(LangIdx, usize)>,
        line: usize,
        fields: &[String],
    ) -> Result<(), String> {
        if fields.len() != COLUMNS.len() {
            return Err(format!("{} fields; expected 5: name,ring,quadrant,isNew,description", fields.len()));
        }
        let Some(language) = crate::model::language_named(languages, &fields[0]) else { return Ok(()) };
        let Some((ring, points)) = RINGS.iter().find(|(ring, _)| ring.eq_ignore_ascii_case(fields[1].trim()))
        else {
            return Err(format!(
                "unknown ring `{}`; expected Adopt, Trial, Assess or Hold",
                fields[1].trim()
            ));
        };
        if let Some((_, first)) = seen.iter().find(|(l, _)| *l == language) {
            return Err(format!(
                "{} is on the radar twice (first on line {first})",
                languages[language].name
            ));
        }
        seen.push((language, line));
        check_description(&fields[4])?;
        self.add(file, &languages[language], Blip { language, ring, points: *points, line, fields });
        Ok(())
    }

    /// Adds a checked blip's rule and caveat; `lang` is the language it names.
    fn add(&mut self, file: &PackFile, lang: &Language, blip: Blip<'_>) {
        let Blip { language, ring, points, line, fields } = blip;
        let description = fields[4].split_whitespace().collect::<Vec<_>>().join(" ");
        let new = if fields[3].trim().eq_ignore_ascii_case("true") { " (new)" } else { "" };
        let detail = if description.is_empty() { String::new() } else { format!(": {description}") };
        let origin = Origin { file: file.name.clone().into(), line: Some(line) };
        let source = format!("{} / {ring}", self.guide.id);
        let prefix = if self.guide.id == "radar" { "radar".to_string() } else { self.guide.id.to_string() };
        self.rules.push(Rule {
            id: format!("{prefix}-{}", lang.id).into(),
            when: Condition::Always,
            points: vec![(language, points)].into(),
            reason: format!("The team's tech radar puts {} in {ring}{new}{detail}", lang.name).into(),
            source: source.clone().into(),
            origin: origin.clone(),
            adjusted: List::default(),
            group: None,
            offsets: List::default(),
        });
        self.caveats.push(Caveat {
            id: format!("{prefix}-{}-caveat", lang.id).into(),
            when: Condition::Always,
            languages: vec![language].into(),
            text: format!(
                "The team's tech radar ({}) puts {} in {ring}{detail}",
                crate::safe::line(&file.name),
                lang.name
            )
            .into(),
            source: source.into(),
            restates: List::default(),
            origin,
        });
    }
}

/// Checks a blip's description: it may spread over lines inside quotes, but anything else
/// that is not plain text (escape sequences, carriage returns, a workflow command) must not
/// reach a terminal or a record. The error is the problem's message.
fn check_description(description: &str) -> Result<(), String> {
    if description.contains(crate::safe::LEGACY_COMMAND) {
        return Err(
            "the description contains `#`, `#`, `[` in a row, which a GitHub runner reads as a workflow command"
                .to_string(),
        );
    }
    if let Some(c) = description.chars().find(|&c| c != '\n' && crate::safe::unsafe_char(c)) {
        return Err(format!(
            "the description contains the control character U+{:04X}; expected plain text",
            c as u32
        ));
    }
    Ok(())
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
