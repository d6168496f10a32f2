//! Checking a pack's files and building the checked model: every entry parsed, every id
//! resolved, every promise of the format (sources cite real headings, groups restate one fact,
//! offsets cancel penalties...) checked, and every problem reported at once with its file,
//! line and entry id. Runs for team packs at each start, and for the built-in pack in build.rs.

use super::files::{FileKind, PackFile, fingerprint};
use super::radar;
use crate::error::{Diagnostic, Error, Position};
use crate::locate;
use crate::model::raw::{self, RawCondition, RawTest};
use crate::model::{
    Caveat, Choice, Condition, Disabled, Exclusion, Group, GroupIdx, Guide, Kind, LangIdx, Language,
    OptionSet, Origin, Pack, Parts, Question, QuestionIdx, Requirement, Rule, RuleIdx, Text,
};
use crate::suggest::did_you_mean;
use std::collections::{HashMap, HashSet};

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
    Ok(Pack::new(Parts {
        languages: b.languages,
        questions: b.questions,
        rules: b.rules,
        groups: b.groups,
        requirements: b.requirements,
        exclusions: b.exclusions,
        caveats: b.caveats,
        guides: b.guides,
        disabled: b.disabled,
        fingerprint: fingerprint(files),
    }))
}

/// A rule's `group` and `offsets` as written, resolved once every file is loaded, with the
/// file it came from for messages.
struct Links {
    /// The file's display name.
    file: String,
    position: Option<Position>,
    group: Option<String>,
    offsets: Vec<String>,
}

#[derive(Default)]
struct Builder<'f> {
    languages: Vec<Language>,
    questions: Vec<Question>,
    rules: Vec<Rule>,
    /// By rule id, the `group` and `offsets` of the rules that have them.
    links: HashMap<String, Links>,
    /// By caveat id, the rules named by `restates` (in `Links::offsets`).
    caveat_links: HashMap<String, Links>,
    groups: Vec<Group>,
    /// Where each group was written, for messages.
    group_positions: Vec<Option<Position>>,
    requirements: Vec<Requirement>,
    exclusions: Vec<Exclusion>,
    caveats: Vec<Caveat>,
    guides: Vec<Guide>,
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
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
        && s.as_bytes()[0].is_ascii_lowercase()
}

impl<'f> Builder<'f> {
    /// Applies one override: new points for a rule, or an entry taken out.
    fn apply_override(&mut self, file: &PackFile, o: raw::RawOverride) {
        let site = Site {
            file: &file.name,
            id: &o.rule,
            position: locate::yaml_entry_key(&file.text, "rule", &o.rule),
        };
        if o.reason.trim().is_empty() {
            self.problems.push(site.problem("an override needs a `reason`: why the team changes this entry"));
        }
        let rule = self.rules.iter().position(|r| r.id == o.rule);
        let exclusion = self.exclusions.iter().position(|e| e.id == o.rule);
        let caveat = self.caveats.iter().position(|c| c.id == o.rule);
        let requirement = self.requirements.iter().position(|r| r.id == o.rule);
        if rule.is_none() && exclusion.is_none() && caveat.is_none() && requirement.is_none() {
            let known = self
                .rules
                .iter()
                .map(|r| r.id.as_ref())
                .chain(self.exclusions.iter().map(|e| e.id.as_ref()))
                .chain(self.requirements.iter().map(|r| r.id.as_ref()));
            let hint = did_you_mean(&o.rule, known.chain(self.caveats.iter().map(|c| c.id.as_ref())));
            let already =
                if self.disabled.iter().any(|d| d.id == o.rule) { " (it is already disabled)" } else { "" };
            self.problems
                .push(site.problem(format!("override of unknown entry `{}`{already}{hint}", o.rule)));
            return;
        }
        match (o.points, o.disable) {
            (Some(_), true) | (None, false) => {
                self.problems.push(site.problem("an override either sets `points` or says `disable: true`"));
            }
            (Some(points), false) => {
                let Some(i) = rule else {
                    self.problems.push(site.problem(
                        "only a rule has points; requirements, exclusions and caveats can only be disabled",
                    ));
                    return;
                };
                for (id, p) in points {
                    if !p.is_finite() || p.abs() > MAX_POINTS {
                        self.problems.push(site.problem(format!(
                            "points for `{id}` must be a number between -{MAX_POINTS} and {MAX_POINTS}"
                        )));
                        continue;
                    }
                    let Some(l) = self.lang(&site, &id) else { continue };
                    let existing = self.rules[i].points.iter().position(|(lang, _)| *lang == l);
                    match (existing, p == 0.0) {
                        (Some(at), true) => {
                            self.rules[i].points.remove(at);
                        }
                        (Some(at), false) => self.rules[i].points[at].1 = p,
                        (None, false) => self.rules[i].points.push((l, p)),
                        (None, true) => {}
                    }
                }
                self.rules[i].adjusted.push(format!("{}: {}", file.name, o.reason.trim()));
            }
            (None, true) => {
                let (id, kind) = if let Some(i) = rule {
                    (self.rules.remove(i).id, "rule")
                } else if let Some(i) = exclusion {
                    (self.exclusions.remove(i).id, "exclusion")
                } else if let Some(i) = requirement {
                    (self.requirements.remove(i).id, "requirement")
                } else if let Some(i) = caveat {
                    (self.caveats.remove(i).id, "caveat")
                } else {
                    return;
                };
                self.disabled.push(Disabled {
                    id,
                    kind,
                    reason: o.reason.trim().to_string().into(),
                    by: file.name.clone().into(),
                });
            }
        }
    }

    /// Imports a tech radar: each blip naming a language becomes a rule and a caveat.
    fn radar(&mut self, file: &PackFile) {
        self.radars += 1;
        let guide_id = if self.radars == 1 { "radar".to_string() } else { format!("radar-{}", self.radars) };
        let imported = radar::import(file, &guide_id, &self.languages);
        self.problems.extend(imported.problems);
        if imported.rules.is_empty() && imported.caveats.is_empty() {
            return;
        }
        self.guides.push(imported.guide);
        for rule in imported.rules {
            let site = Site { file: &file.name, id: &rule.id, position: None };
            self.claim_id(&site);
            self.rules.push(rule);
        }
        for caveat in imported.caveats {
            let site = Site { file: &file.name, id: &caveat.id, position: None };
            self.claim_id(&site);
            self.caveats.push(caveat);
        }
    }

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
                self.problems.push(
                    Diagnostic::new(&file.name, e.message)
                        .at(e.location.map(|(line, column)| Position { line, column })),
                );
                None
            }
        }
    }

    /// Where an entry is: the next unused `id:` line for this id in its file (so duplicates
    /// point at their own lines). Each file is scanned once.
    fn site<'a>(&mut self, file: &'a PackFile, id: &'a str) -> Site<'a> {
        let index =
            self.entry_lines.entry(file.name.clone()).or_insert_with(|| locate::yaml_entries(&file.text));
        let position = index.get_mut(id).and_then(|positions| {
            let next = positions.first().copied();
            if !positions.is_empty() {
                positions.remove(0);
            }
            next
        });
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

    fn require_text(&mut self, site: &Site<'_>, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problems.push(site.problem(format!("`{field}` is empty; write it in a sentence")));
        }
        self.one_line(site, field, value);
    }

    /// Pack text reaches terminals, records and CI logs: it is one line of plain text, with no
    /// control character (escape sequences, carriage returns, line breaks) and no bidirectional
    /// override that could disguise it.
    fn one_line(&mut self, site: &Site<'_>, field: &str, value: &str) {
        match crate::safe::unfit(value) {
            None => {}
            Some(crate::safe::Unfit::LegacyCommand) => self.problems.push(site.problem(format!(
                "`{field}` contains `#`, `#`, `[` in a row, which a GitHub runner reads as a workflow command in any log line"
            ))),
            Some(crate::safe::Unfit::Control(c)) => self.problems.push(site.problem(format!(
                "`{field}` contains the control character U+{:04X}; pack text is one line of plain text (a folded `>-` block joins lines)",
                c as u32
            ))),
        }
    }

    fn check_source(&mut self, site: &Site<'_>, source: &str) {
        self.one_line(site, "source", source);
        let Some((guide_id, section)) = source.split_once(" / ") else {
            self.problems.push(
                site.problem(format!("source \"{source}\" is not of the form \"NNN / Section heading\"")),
            );
            return;
        };
        let Some(guide) = self.guides.iter().find(|g| g.id == guide_id.trim()) else {
            let ids: Vec<&str> = self.guides.iter().map(|g| g.id.as_ref()).collect();
            self.problems.push(site.problem(format!(
                "source \"{source}\" cites unknown guide `{guide_id}`; known guides: {}",
                ids.join(", ")
            )));
            return;
        };
        if !guide.sections.iter().any(|s| s == section.trim()) {
            let hint = did_you_mean(section, guide.sections.iter().map(|s| &**s));
            self.problems.push(site.problem(format!(
                "source \"{source}\" names no section of guide {} (\"{}\"){hint}",
                guide.id, guide.title
            )));
        }
    }

    fn language(&mut self, file: &PackFile, l: raw::RawLanguage) {
        let site = self.site(file, &l.id);
        self.claim_id(&site);
        self.require_text(&site, "name", &l.name);
        self.one_line(&site, "runtime", &l.runtime);
        self.languages.push(Language { id: l.id.into(), name: l.name.into(), runtime: l.runtime.into() });
    }

    fn guide(&mut self, file: &PackFile, g: raw::RawGuide) {
        let site = self.site(file, &g.id);
        if self.guides.iter().any(|known| known.id == g.id) {
            self.problems.push(site.problem("duplicate guide id"));
        }
        if g.sections.is_empty() {
            self.problems.push(site.problem("a guide needs at least one section heading"));
        }
        self.one_line(&site, "title", &g.title);
        for section in &g.sections {
            self.one_line(&site, "sections", section);
        }
        self.guides.push(Guide {
            id: g.id.into(),
            title: g.title.into(),
            sections: g.sections.into_iter().map(Text::from).collect(),
        });
    }

    fn lang(&mut self, site: &Site<'_>, id: &str) -> Option<LangIdx> {
        let found = self.languages.iter().position(|l| l.id == id).map(LangIdx::new);
        if found.is_none() {
            let hint = did_you_mean(id, self.languages.iter().map(|l| l.id.as_ref()));
            self.problems.push(site.problem(format!("unknown language `{id}`{hint}")));
        }
        found
    }

    fn question(&mut self, file: &PackFile, q: raw::RawQuestion) {
        let site = self.site(file, &q.id);
        self.claim_id(&site);
        if ["all", "any", "not"].contains(&q.id.as_str()) {
            self.problems.push(site.problem("`all`, `any` and `not` are reserved for conditions"));
        }
        self.require_text(&site, "title", &q.title);
        self.require_text(&site, "prompt", &q.prompt);
        self.require_text(&site, "help", &q.help);
        self.one_line(&site, "statement", q.statement.as_deref().unwrap_or_default());
        self.check_source(&site, &q.source);
        let mut options = Vec::new();
        if q.include_languages {
            options.extend(self.languages.iter().map(|l| Choice {
                id: l.id.clone(),
                label: l.name.clone(),
                description: format!("Runtime: {}.", l.runtime).into(),
            }));
        }
        if let Some(from) = &q.options_from {
            match self.questions.iter().find(|known| &known.id == from) {
                Some(known) => options.extend(known.options.iter().cloned()),
                None => self.problems.push(site.problem(format!(
                    "`options_from` names `{from}`, which is not a question listed before this one"
                ))),
            }
        }
        for o in q.options {
            self.require_text(&site, "label", &o.label);
            self.require_text(&site, "description", &o.description);
            if !is_id(&o.id) {
                self.problems.push(site.problem(format!("option id `{}` is not a valid id", o.id)));
            }
            options.push(Choice {
                id: o.id.into(),
                label: o.label.into(),
                description: o.description.into(),
            });
        }
        if options.is_empty() {
            self.problems.push(site.problem("the question has no options"));
        }
        if options.len() > crate::model::MAX_OPTIONS {
            self.problems.push(site.problem(format!(
                "the question has {} options; a question may have at most {}",
                options.len(),
                crate::model::MAX_OPTIONS
            )));
        }
        let mut seen = HashSet::new();
        for o in &options {
            if !seen.insert(o.id.as_ref()) {
                self.problems.push(site.problem(format!("option `{}` is listed twice", o.id)));
            }
        }
        // Conditions resolve only questions loaded before this one, which are answered by then.
        let when = self.condition(&site, q.when.as_ref());
        let mut question = Question {
            id: q.id.clone().into(),
            kind: q.kind,
            statement: match q.statement {
                Some(st) if st.contains("{answer}") => st.into(),
                Some(_) => {
                    self.problems.push(site.problem("`statement` must contain {answer}"));
                    String::new().into()
                }
                None => format!("{}: {{answer}}.", q.title).into(),
            },
            title: q.title.into(),
            prompt: q.prompt.into(),
            help: q.help.into(),
            source: q.source.into(),
            options,
            default: None,
            when,
            distinct_from: None,
            was_single: q.was_single,
            defines_the_system: q.defines_the_system,
        };
        question.default = match (q.kind, q.default) {
            (_, None) => None,
            (Kind::Single, Some(raw::RawDefault::One(id))) => {
                self.option(&site, &question, &id).map(OptionSet::single)
            }
            (Kind::Multi, Some(raw::RawDefault::Many(ids))) => {
                let mut set = OptionSet::new();
                for id in ids {
                    if let Some(i) = self.option(&site, &question, &id) {
                        set.insert(i);
                    }
                }
                Some(set)
            }
            (Kind::Single, Some(raw::RawDefault::Many(_))) => {
                self.problems.push(site.problem("a single-choice question's default is one option id"));
                None
            }
            (Kind::Multi, Some(raw::RawDefault::One(_))) => {
                self.problems.push(site.problem("a multi-choice question's default is a list, like []"));
                None
            }
        };
        if let Some(other) = &q.distinct_from {
            match self.questions.iter().position(|known| &known.id == other) {
                Some(o) if self.questions[o].options.iter().map(|c| &c.id).eq(question.options.iter().map(|c| &c.id)) => {
                    question.distinct_from = Some(QuestionIdx::new(o));
                }
                Some(_) => self.problems.push(site.problem(format!(
                    "`distinct_from` names `{other}`, whose options differ; it must list the same options (use `options_from`)"
                ))),
                None => self.problems.push(site.problem(format!(
                    "`distinct_from` names `{other}`, which is not a question listed before this one"
                ))),
            }
        }
        if question.was_single && question.kind != Kind::Multi {
            self.problems.push(
                site.problem("`was_single` is for a multi-choice question that used to be single-choice"),
            );
        }
        if question.default.is_none() && question.when != Condition::Always {
            self.problems.push(site.problem(
                "a question asked only `when` a condition holds needs a default for when it is not asked",
            ));
        }
        self.questions.push(question);
    }

    fn option(&mut self, site: &Site<'_>, q: &Question, id: &str) -> Option<usize> {
        let found = q.option(id);
        if found.is_none() {
            let hint = did_you_mean(id, q.option_ids());
            self.problems.push(site.problem(format!("question `{}` has no option `{id}`{hint}", q.id)));
        }
        found
    }

    fn condition(&mut self, site: &Site<'_>, raw: Option<&RawCondition>) -> Condition {
        let Some(raw) = raw else { return Condition::Always };
        let mut tests = Vec::new();
        for (key, test) in &raw.0 {
            let checked = match test {
                RawTest::All(list) => {
                    Condition::All(list.iter().map(|c| self.condition(site, Some(c))).collect())
                }
                RawTest::Any(list) => {
                    Condition::Any(list.iter().map(|c| self.condition(site, Some(c))).collect())
                }
                RawTest::Not(c) => Condition::Not(Box::new(self.condition(site, Some(c)))),
                RawTest::Options(ids) => {
                    let Some(qi) = self.questions.iter().position(|q| &q.id == key) else {
                        let hint = did_you_mean(key, self.questions.iter().map(|q| q.id.as_ref()));
                        self.problems.push(site.problem(format!(
                            "condition names `{key}`, which is not a question defined before this entry{hint}"
                        )));
                        continue;
                    };
                    if ids.is_empty() {
                        self.problems.push(site.problem(format!("condition on `{key}` lists no options")));
                    }
                    let mut options = OptionSet::new();
                    for id in ids {
                        let question = &self.questions[qi];
                        match question.option(id) {
                            Some(i) => {
                                options.insert(i);
                            }
                            None => {
                                let hint = did_you_mean(id, question.option_ids());
                                let message =
                                    format!("question `{}` has no option `{id}`{hint}", question.id);
                                self.problems.push(site.problem(message));
                            }
                        }
                    }
                    Condition::Answer { question: QuestionIdx::new(qi), options }
                }
            };
            tests.push(checked);
        }
        if tests.len() == 1 { tests.pop().unwrap_or(Condition::Always) } else { Condition::All(tests) }
    }

    fn languages_of(&mut self, site: &Site<'_>, ids: &[String]) -> Vec<LangIdx> {
        if ids.is_empty() {
            self.problems.push(site.problem("`languages` is empty; name at least one language"));
        }
        let mut out = Vec::new();
        for id in ids {
            if let Some(i) = self.lang(site, id) {
                if out.contains(&i) {
                    self.problems.push(site.problem(format!("language `{id}` is listed twice")));
                } else {
                    out.push(i);
                }
            }
        }
        out
    }

    fn origin(site: &Site<'_>) -> Origin {
        Origin { file: site.file.to_string().into(), line: site.position.map(|p| p.line) }
    }

    fn rule(&mut self, file: &PackFile, r: raw::RawRule) {
        let site = self.site(file, &r.id);
        self.claim_id(&site);
        self.require_text(&site, "reason", &r.reason);
        self.check_source(&site, &r.source);
        let when = self.condition(&site, r.when.as_ref());
        if r.points.is_empty() {
            self.problems.push(site.problem("`points` is empty; give at least one language points"));
        }
        let mut points = Vec::new();
        for (id, p) in &r.points {
            if !p.is_finite() || *p == 0.0 || p.abs() > MAX_POINTS {
                self.problems.push(site.problem(format!(
                    "points for `{id}` must be a non-zero number between -{MAX_POINTS} and {MAX_POINTS}"
                )));
            }
            if let Some(i) = self.lang(&site, id) {
                if points.iter().any(|(l, _)| *l == i) {
                    self.problems.push(site.problem(format!("language `{id}` is listed twice")));
                } else {
                    points.push((i, *p));
                }
            }
        }
        if r.group.is_some() || !r.offsets.is_empty() {
            let links = Links {
                file: file.name.clone(),
                position: site.position,
                group: r.group,
                offsets: r.offsets,
            };
            self.links.insert(r.id.clone(), links);
        }
        self.rules.push(Rule {
            id: r.id.clone().into(),
            when,
            points,
            reason: r.reason.into(),
            source: r.source.into(),
            origin: Self::origin(&site),
            adjusted: Vec::new(),
            group: None,
            offsets: Vec::new(),
        });
    }

    fn group(&mut self, file: &PackFile, g: raw::RawGroup) {
        let site = self.site(file, &g.id);
        self.claim_id(&site);
        self.require_text(&site, "fact", &g.fact);
        self.group_positions.push(site.position);
        let origin = Self::origin(&site);
        self.groups.push(Group { id: g.id.into(), fact: g.fact.into(), origin });
    }

    fn requirement(&mut self, file: &PackFile, r: raw::RawRequirement) {
        let site = self.site(file, &r.id);
        self.claim_id(&site);
        self.require_text(&site, "title", &r.title);
        self.require_text(&site, "reason", &r.reason);
        self.check_source(&site, &r.source);
        let when = self.condition(&site, Some(&r.when));
        let languages = self.languages_of(&site, &r.languages);
        self.requirements.push(Requirement {
            id: r.id.clone().into(),
            when,
            title: r.title.into(),
            languages,
            reason: r.reason.into(),
            source: r.source.into(),
            origin: Self::origin(&site),
        });
    }

    /// Resolves every rule's `group` and `offsets`, and checks what they promise: a group's
    /// rules give each language points of one sign (they restate one fact), and an offset is
    /// a bonus that can only cancel penalties of that language.
    fn resolve_groups_and_offsets(&mut self) {
        let links = std::mem::take(&mut self.links);
        let position: HashMap<String, usize> =
            self.rules.iter().enumerate().map(|(i, r)| (r.id.to_string(), i)).collect();
        // In pack order, so problems come out in the order the rules are written.
        let mut linked: Vec<(usize, &String, &Links)> =
            links.iter().filter_map(|(id, link)| position.get(id).map(|&i| (i, id, link))).collect();
        linked.sort_by_key(|(i, _, _)| *i);
        for (i, id, link) in linked {
            let site = Site { file: &link.file, id, position: link.position };
            if let Some(name) = &link.group {
                match self.groups.iter().position(|g| &g.id == name) {
                    Some(g) => self.rules[i].group = Some(GroupIdx::new(g)),
                    None => {
                        let hint = did_you_mean(name, self.groups.iter().map(|g| g.id.as_ref()));
                        self.problems.push(site.problem(format!(
                            "`group` names `{name}`, which no `groups:` entry defines{hint}"
                        )));
                    }
                }
                if !link.offsets.is_empty() {
                    self.problems.push(site.problem(
                        "a rule either restates a fact (`group`) or offsets penalties (`offsets`), not both",
                    ));
                }
            }
            for name in &link.offsets {
                let Some(&o) = position.get(name) else {
                    let hint = did_you_mean(name, self.rules.iter().map(|r| r.id.as_ref()));
                    let gone = if self.disabled.iter().any(|d| &d.id == name) {
                        " (a team pack disabled it)"
                    } else {
                        ""
                    };
                    self.problems
                        .push(site.problem(format!("`offsets` names unknown rule `{name}`{gone}{hint}")));
                    continue;
                };
                if links.get(name).is_some_and(|l| !l.offsets.is_empty()) {
                    self.problems.push(site.problem(format!(
                        "`offsets` names `{name}`, which offsets penalties itself; offsets do not chain"
                    )));
                    continue;
                }
                self.rules[i].offsets.push(RuleIdx::new(o));
            }
            if !link.offsets.is_empty() {
                for &(l, p) in &self.rules[i].points {
                    let lang = &self.languages[l].id;
                    if p < 0.0 {
                        self.problems.push(site.problem(format!(
                            "a rule with `offsets` cancels penalties, so its points are positive; `{lang}` has {p}"
                        )));
                    } else if !self.rules[i]
                        .offsets
                        .iter()
                        .any(|o| self.rules[o.get()].points.iter().any(|&(ol, op)| ol == l && op < 0.0))
                    {
                        self.problems.push(site.problem(format!(
                            "`{lang}` gets points here but no rule in `offsets` takes points from `{lang}`, so they could never count"
                        )));
                    }
                }
            }
        }
        for (g, group) in self.groups.iter().enumerate() {
            let members: Vec<&Rule> =
                self.rules.iter().filter(|r| r.group == Some(GroupIdx::new(g))).collect();
            let problem = |message: String| {
                Diagnostic::new(&*group.origin.file, message).at(self.group_positions[g]).in_entry(&*group.id)
            };
            if members.len() < 2 {
                let problem = problem(format!(
                    "group `{}` has only {} rule{}; a group holds two or more rules that restate one fact",
                    group.id,
                    members.len(),
                    if members.len() == 1 { "" } else { "s" }
                ));
                self.problems.push(problem);
            }
            for (l, language) in self.languages.iter().enumerate() {
                let signs: Vec<(&str, f64)> = members
                    .iter()
                    .flat_map(|r| {
                        r.points.iter().filter(|(lang, _)| lang.get() == l).map(|(_, p)| (r.id.as_ref(), *p))
                    })
                    .collect();
                if let (Some(pos), Some(neg)) =
                    (signs.iter().find(|(_, p)| *p > 0.0), signs.iter().find(|(_, p)| *p < 0.0))
                {
                    self.problems.push(problem(format!(
                        "group `{}` restates one fact, but `{}` gives {} {:+} and `{}` gives it {:+}; split the group",
                        group.id, pos.0, language.id, pos.1, neg.0, neg.1
                    )));
                }
            }
        }
    }

    /// Resolves every caveat's `restates`, and checks what it promises: each named rule exists
    /// (one a team pack disabled is dropped) and takes points from a language the caveat is
    /// shown for, since the two are then shown as one con.
    fn resolve_restates(&mut self) {
        let links = std::mem::take(&mut self.caveat_links);
        for c in 0..self.caveats.len() {
            let Some(link) = links.get(&*self.caveats[c].id) else { continue };
            let site = Site { file: &link.file, id: &self.caveats[c].id, position: link.position };
            let mut restates = Vec::new();
            for name in &link.offsets {
                let Some(r) = self.rules.iter().position(|r| &r.id == name) else {
                    if !self.disabled.iter().any(|d| &d.id == name) {
                        let hint = did_you_mean(name, self.rules.iter().map(|r| r.id.as_ref()));
                        self.problems
                            .push(site.problem(format!("`restates` names unknown rule `{name}`{hint}")));
                    }
                    continue;
                };
                let caveat = &self.caveats[c];
                let restated =
                    self.rules[r].points.iter().any(|(l, p)| *p < 0.0 && caveat.languages.contains(l));
                if !restated && !self.rules[r].adjusted.is_empty() {
                    // A team pack changed the rule's points: the two are no longer one con.
                    continue;
                }
                if !restated {
                    self.problems.push(site.problem(format!(
                        "`restates` names `{name}`, which takes no points from a language this caveat is for; a caveat restates a penalty"
                    )));
                    continue;
                }
                restates.push(RuleIdx::new(r));
            }
            self.caveats[c].restates = restates;
        }
    }

    fn exclusion(&mut self, file: &PackFile, e: raw::RawExclusion) {
        let site = self.site(file, &e.id);
        self.claim_id(&site);
        self.require_text(&site, "reason", &e.reason);
        self.check_source(&site, &e.source);
        let when = self.condition(&site, Some(&e.when));
        let languages = self.languages_of(&site, &e.languages);
        self.exclusions.push(Exclusion {
            id: e.id.clone().into(),
            when,
            languages,
            reason: e.reason.into(),
            source: e.source.into(),
            origin: Self::origin(&site),
        });
    }

    fn caveat(&mut self, file: &PackFile, c: raw::RawCaveat) {
        let site = self.site(file, &c.id);
        self.claim_id(&site);
        self.require_text(&site, "text", &c.text);
        self.check_source(&site, &c.source);
        let when = self.condition(&site, c.when.as_ref());
        let languages = self.languages_of(&site, &c.languages);
        self.caveats.push(Caveat {
            id: c.id.clone().into(),
            when,
            languages,
            text: c.text.into(),
            source: c.source.into(),
            restates: Vec::new(),
            origin: Self::origin(&site),
        });
        if !c.restates.is_empty() {
            let links =
                Links { file: file.name.clone(), position: site.position, group: None, offsets: c.restates };
            self.caveat_links.insert(c.id, links);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> PackFile {
        PackFile::new(name, text)
    }

    const LANGS: &str =
        "languages:\n  - {id: go, name: Go, runtime: native}\n  - {id: rust, name: Rust, runtime: native}\n";
    const SOURCES: &str = "guides:\n  - id: \"000\"\n    title: T\n    sections: [Intro, Go Section]\n";
    const QUESTIONS: &str = "questions:\n  - id: shape\n    kind: single\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options:\n      - {id: cpu, label: C, description: D}\n      - {id: io, label: I, description: D}\n";

    fn pack_with(rules: &str) -> Result<Pack, Error> {
        build(&[
            file("p/languages/l.yaml", LANGS),
            file("p/sources/s.yaml", SOURCES),
            file("p/questions/q.yaml", QUESTIONS),
            file("p/rules/r.yaml", rules),
        ])
    }

    #[test]
    fn a_valid_pack_builds() {
        let pack = pack_with("rules:\n  - id: go-io\n    when: {shape: io}\n    points: {go: 3}\n    reason: R\n    source: 000 / Go Section\n").unwrap();
        assert_eq!(pack.rules().len(), 1);
        assert_eq!(pack.rules()[0].origin.line, Some(2));
        assert_eq!(pack.fingerprint.len(), 16);
    }

    #[test]
    fn every_problem_is_reported_with_file_line_and_entry() {
        let rules = "rules:\n  - id: a\n    when: {shap: io}\n    points: {golang: 3}\n    reason: R\n    source: 000 / Go Sectoin\n  - id: a\n    when: {shape: iox}\n    points: {go: 0}\n    reason: \"\"\n    source: nowhere\n";
        let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let all = text.join("\n");
        assert!(all.contains("p/rules/r.yaml:2:3: entry `a`: condition names `shap`, which is not a question defined before this entry (did you mean \"shape\"?)"), "{all}");
        assert!(all.contains("unknown language `golang`"), "{all}");
        assert!(all.contains("(did you mean \"Go Section\"?)"), "{all}");
        assert!(
            all.contains("r.yaml:7:3: entry `a`: duplicate id: already used in p/rules/r.yaml:2"),
            "{all}"
        );
        assert!(all.contains("question `shape` has no option `iox` (did you mean \"io\"?)"), "{all}");
        assert!(all.contains("points for `go` must be a non-zero number"), "{all}");
        assert!(all.contains("`reason` is empty"), "{all}");
        assert!(all.contains("is not of the form"), "{all}");
    }

    #[test]
    fn malformed_groups_offsets_and_requirements_are_named_with_file_and_entry() {
        let rules = "groups:\n  - {id: speed, fact: the work is fast}\n  - {id: lonely, fact: alone}\nrules:\n  - id: a\n    points: {go: 3}\n    group: speed\n    reason: R\n    source: 000 / Go Section\n  - id: b\n    points: {go: -2}\n    group: speed\n    reason: R\n    source: 000 / Go Section\n  - id: c\n    points: {rust: 2}\n    group: lonely\n    reason: R\n    source: 000 / Go Section\n  - id: d\n    points: {go: 2}\n    group: sped\n    offsets: [a]\n    reason: R\n    source: 000 / Go Section\n  - id: e\n    points: {go: -1, rust: 4}\n    offsets: [b, nope]\n    reason: R\n    source: 000 / Go Section\nrequirements:\n  - id: r\n    when: {shap: io}\n    title: \"\"\n    languages: [golang]\n    reason: R\n    source: 000 / Nowhere\n";
        let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
        let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let all = all.join("\n");
        for expected in [
            "p/rules/r.yaml:2:3: entry `speed`: group `speed` restates one fact, but `a` gives go +3 and `b` gives it -2; split the group",
            "p/rules/r.yaml:3:3: entry `lonely`: group `lonely` has only 1 rule; a group holds two or more",
            "entry `d`: `group` names `sped`, which no `groups:` entry defines (did you mean \"speed\"?)",
            "entry `d`: a rule either restates a fact (`group`) or offsets penalties (`offsets`), not both",
            "entry `e`: `offsets` names unknown rule `nope`",
            "entry `e`: a rule with `offsets` cancels penalties, so its points are positive; `go` has -1",
            "entry `e`: `rust` gets points here but no rule in `offsets` takes points from `rust`",
            "entry `r`: condition names `shap`",
            "entry `r`: `title` is empty",
            "entry `r`: unknown language `golang`",
            "entry `r`: source \"000 / Nowhere\" names no section",
        ] {
            assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
        }
    }

    #[test]
    fn restates_names_a_penalty_of_the_caveats_languages() {
        let rules = "rules:\n  - id: slow\n    points: {go: -2}\n    reason: R\n    source: 000 / Go Section\n  - id: fast\n    points: {go: 2, rust: -1}\n    reason: R\n    source: 000 / Go Section\ncaveats:\n  - id: ok\n    languages: [go]\n    text: T\n    source: 000 / Go Section\n    restates: [slow]\n  - id: bad\n    languages: [go]\n    text: T\n    source: 000 / Go Section\n    restates: [fast, slwo]\n";
        let Err(Error::Invalid(problems)) = pack_with(rules) else { panic!("expected problems") };
        let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all[0].contains("p/rules/r.yaml:16:3: entry `bad`: `restates` names `fast`, which takes no points from a language this caveat is for"), "{all:?}");
        assert!(
            all[1].contains("entry `bad`: `restates` names unknown rule `slwo` (did you mean \"slow\"?)"),
            "{all:?}"
        );
        let fine = rules.split("  - id: bad").next().unwrap();
        let pack = pack_with(fine).unwrap();
        assert_eq!(pack.caveats[0].restates, vec![RuleIdx::new(0)]);
    }

    #[test]
    fn distinct_from_needs_an_earlier_question_with_the_same_options() {
        let more = "questions:\n  - id: second\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options_from: shape\n    distinct_from: shape\n    default: []\n  - id: third\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options: [{id: x, label: X, description: D}]\n    distinct_from: shape\n    default: []\n  - id: fourth\n    kind: multi\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options_from: shape\n    distinct_from: later\n    default: []\n";
        let Err(Error::Invalid(problems)) = build(&[
            file("p/languages/l.yaml", LANGS),
            file("p/sources/s.yaml", SOURCES),
            file("p/questions/q.yaml", QUESTIONS),
            file("p/questions/r.yaml", more),
        ]) else {
            panic!("expected problems")
        };
        let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(
            all[0].contains("entry `third`: `distinct_from` names `shape`, whose options differ"),
            "{all:?}"
        );
        assert!(
            all[1].contains(
                "entry `fourth`: `distinct_from` names `later`, which is not a question listed before"
            ),
            "{all:?}"
        );
    }

    #[test]
    fn yaml_errors_carry_the_parsers_position() {
        let Err(Error::Invalid(problems)) = pack_with("rules:\n  - id: a\n    bogus: 1\n") else { panic!() };
        assert_eq!(problems[0].file, "p/rules/r.yaml");
        assert_eq!(problems[0].position.map(|p| p.line), Some(3));
    }
}
