//! Checking a pack's files and building the checked model: every entry parsed, every id
//! resolved, every promise of the format (sources cite real headings, groups restate one fact,
//! offsets cancel penalties...) checked, and every problem reported at once with its file,
//! line and entry id. Runs for team packs at each start, and for the built-in pack in build.rs.
//!
//! This file owns the order of the work and the state it builds up: reading each file into
//! entries, where each entry sits, and which ids are taken. The checks live by job:
//! - `entries`: each kind of entry checked and turned into its model type;
//! - `fields`: text fields and `source` citations (guide ids, section headings);
//! - `resolve`: ids an entry names, resolved to indices (languages, questions, options);
//! - `overrides`: team packs' overrides laid over the entries loaded before;
//! - `links`: `group`, `offsets` and `restates`, resolved across files once all are in.

mod entries;
mod fields;
mod links;
mod overrides;
mod resolve;
#[cfg(test)]
mod tests;

use super::files::{FileKind, PackFile, fingerprint};
use crate::error::{Diagnostic, Error, Position};
use crate::locate;
use crate::model::raw;
use crate::model::{
    Caveat, Disabled, Exclusion, Group, Guide, Language, List, Origin, Pack, Parts, Question, Requirement,
    Rule,
};
use std::collections::HashMap;

/// The most options all questions of the loaded packs may have together.
pub const MAX_TOTAL_OPTIONS: usize = 1024;

/// The most rules the loaded packs may hold together.
pub const MAX_RULES: usize = 100_000;

/// Largest number of points one rule may give one language, either way.
pub const MAX_POINTS: f64 = 100.0;

/// Builds a checked pack from its files, reporting every problem found.
pub fn build(files: &[PackFile]) -> Result<Pack, Error> {
    let mut b = Builder::default();
    for kind in FileKind::LOAD_ORDER {
        for file in files.iter().filter(|f| f.kind == Some(kind)) {
            b.file(kind, file);
        }
    }
    let overrides = std::mem::take(&mut b.overrides);
    for (file, o) in overrides {
        b.apply_override(file, o);
    }
    // Groups and offsets name rules and groups of any file, so they resolve once all are in
    // and the overrides have applied.
    b.resolve_groups_and_offsets();
    b.resolve_restates();
    for file in files.iter().filter(|f| f.kind.is_none()) {
        b.problems.push(Diagnostic::new(
            &file.name,
            "not part of a pack: pack files live in languages/, sources/, questions/ or rules/",
        ));
    }
    if b.languages.is_empty() {
        b.problems.push(Diagnostic::new("<pack>", "the pack defines no languages (languages/*.yaml)"));
    }
    if b.questions.is_empty() {
        b.problems.push(Diagnostic::new("<pack>", "the pack defines no questions (questions/*.yaml)"));
    }
    // The what-if analysis scores every rule once per option of every question: bound both,
    // so no pack within the file-size limits can make a report take minutes.
    let options: usize = b.questions.iter().map(|q| q.options.len()).sum();
    if options > MAX_TOTAL_OPTIONS {
        b.problems.push(Diagnostic::new(
            "<pack>",
            format!(
                "the packs' questions have {options} options in all; at most {MAX_TOTAL_OPTIONS} are allowed"
            ),
        ));
    }
    if b.rules.len() > MAX_RULES {
        b.problems.push(Diagnostic::new(
            "<pack>",
            format!("the packs hold {} rules; at most {MAX_RULES} are allowed", b.rules.len()),
        ));
    }
    if !b.problems.is_empty() {
        return Err(Error::Invalid(b.problems));
    }
    let mut parts = Parts {
        languages: b.languages.into(),
        questions: b.questions.into(),
        rules: b.rules.into(),
        groups: b.groups.into_iter().map(|placed| placed.group).collect(),
        requirements: b.requirements.into(),
        exclusions: b.exclusions.into(),
        caveats: b.caveats.into(),
        guides: b.guides.into(),
        disabled: b.disabled.into(),
        fingerprint: fingerprint(files),
        names: List::default(),
    };
    parts.names = crate::model::kept_capitalised(&parts);
    Ok(Pack::new(parts))
}

/// A rule's `group` and `offsets` as written, resolved once every file is loaded, with the
/// place it was written for messages.
struct Links {
    /// The file's display name.
    file: String,
    position: Option<Position>,
    group: Option<String>,
    offsets: Vec<String>,
}

/// A caveat's `restates` as written (rule ids), resolved once every file is loaded and the
/// overrides have applied, with the place it was written for messages.
struct Restates {
    /// The file's display name.
    file: String,
    position: Option<Position>,
    rules: Vec<String>,
}

/// A group with the place its entry was written (with the column, which [`Origin`] lacks),
/// for the problems found when its rules are resolved.
struct PlacedGroup {
    group: Group,
    position: Option<Position>,
}

#[derive(Default)]
struct Builder<'f> {
    languages: Vec<Language>,
    questions: Vec<Question>,
    rules: Vec<Rule>,
    /// By rule id, the `group` and `offsets` of the rules that have them.
    links: HashMap<String, Links>,
    /// By caveat id, the rules named by `restates`.
    restates: HashMap<String, Restates>,
    groups: Vec<PlacedGroup>,
    requirements: Vec<Requirement>,
    exclusions: Vec<Exclusion>,
    caveats: Vec<Caveat>,
    guides: Vec<Guide>,
    /// By entry id, where it was first defined (`file:line`), for duplicates.
    entry_ids: HashMap<String, String>,
    /// Per file, the not yet claimed `id:` lines of each id.
    entry_lines: HashMap<String, HashMap<String, Vec<Position>>>,
    /// Overrides, applied once every entry is loaded: (file, override).
    overrides: Vec<(&'f PackFile, raw::RawOverride)>,
    disabled: Vec<Disabled>,
    /// How many radars have been imported, for their source ids.
    radars: usize,
    problems: Vec<Diagnostic>,
}

/// Where problems of one entry are reported.
struct Site<'a> {
    /// The file's display name.
    file: &'a str,
    id: &'a str,
    position: Option<Position>,
}

impl Site<'_> {
    fn problem(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.file, message).at(self.position).in_entry(self.id)
    }

    /// Where the entry was written, as the model keeps it.
    fn origin(&self) -> Origin {
        Origin { file: self.file.to_string().into(), line: self.position.map(|p| p.line) }
    }
}

/// Whether `s` is a valid id: lowercase letters, digits, `_` and `-`, starting with a letter.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
        && s.as_bytes()[0].is_ascii_lowercase()
}

impl<'f> Builder<'f> {
    /// Reads one file's entries (a radar is imported instead).
    fn file(&mut self, kind: FileKind, file: &'f PackFile) {
        match kind {
            FileKind::Languages => {
                if let Some(parsed) = self.parse::<raw::LanguagesFile>(file) {
                    parsed.languages.into_iter().for_each(|l| self.language(file, l));
                }
            }
            FileKind::Sources => {
                if let Some(parsed) = self.parse::<raw::SourcesFile>(file) {
                    parsed.guides.into_iter().for_each(|g| self.guide(file, g));
                }
            }
            FileKind::Questions => {
                if let Some(parsed) = self.parse::<raw::QuestionsFile>(file) {
                    parsed.questions.into_iter().for_each(|q| self.question(file, q));
                }
            }
            FileKind::Radar => self.radar(file),
            FileKind::Rules => {
                if let Some(parsed) = self.parse::<raw::RulesFile>(file) {
                    parsed.groups.into_iter().for_each(|g| self.group(file, g));
                    parsed.rules.into_iter().for_each(|r| self.rule(file, r));
                    parsed.requirements.into_iter().for_each(|r| self.requirement(file, r));
                    parsed.exclusions.into_iter().for_each(|e| self.exclusion(file, e));
                    parsed.caveats.into_iter().for_each(|c| self.caveat(file, c));
                    self.overrides.extend(parsed.overrides.into_iter().map(|o| (file, o)));
                }
            }
        }
    }

    /// The file's entries as `T`, from its compiled-in JSON when it has some, else its YAML;
    /// `None` after reporting why they do not read.
    fn parse<T: serde::de::DeserializeOwned>(&mut self, file: &PackFile) -> Option<T> {
        if file.text.trim().is_empty() {
            self.problems.push(Diagnostic::new(&file.name, "the file is empty; expected YAML pack entries"));
            return None;
        }
        if let Some(json) = file.json {
            return match serde_json::from_str::<T>(json) {
                Ok(parsed) => Some(parsed),
                Err(e) => {
                    // build.rs checked this JSON builds the same pack as the YAML; say so if not.
                    let message = format!("the compiled-in JSON of this file does not read: {e}");
                    self.problems.push(Diagnostic::new(&file.name, message));
                    None
                }
            };
        }
        match crate::yaml::from_str::<T>(&file.text) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                self.problems.push(crate::yaml::diagnostic(&file.name, e));
                None
            }
        }
    }

    /// Where an entry is: the next unused `id:` line for this id in its file (so duplicates
    /// point at their own lines). Each file is scanned once.
    fn site<'a>(&mut self, file: &'a PackFile, id: &'a str) -> Site<'a> {
        let index =
            self.entry_lines.entry(file.name.clone()).or_insert_with(|| locate::yaml_entries(&file.text));
        // An id whose `id:` line the scan did not find (an id written in an unusual way) is
        // reported without a position.
        let position =
            index.get_mut(id).and_then(|positions| (!positions.is_empty()).then(|| positions.remove(0)));
        Site { file: &file.name, id, position }
    }

    /// Registers an entry id, unique across the whole pack.
    fn claim_id(&mut self, site: &Site<'_>) {
        if !is_id(site.id) {
            self.problems
                .push(site.problem("ids are lowercase letters, digits, `_` and `-`, starting with a letter"));
        }
        if let Some(first) = self.entry_ids.get(site.id) {
            self.problems.push(site.problem(format!("duplicate id: already used in {first}")));
        } else {
            let line = site.position.map_or(String::new(), |p| format!(":{}", p.line));
            self.entry_ids.insert(site.id.to_string(), format!("{}{line}", site.file));
        }
    }
}
