//! Entry checks: each kind of pack entry (language, guide, question, rule, group,
//! requirement, exclusion, caveat, and a tech radar's blips) checked field by field and turned
//! into its model type, with every problem reported at the entry's `id:` line.

use super::super::files::PackFile;
use super::super::radar;
use super::{Builder, Links, MAX_POINTS, PlacedGroup, Restates, Site, is_id};
use crate::model::raw;
use crate::model::{
    Caveat, Choice, Condition, Confirmation, Exclusion, Group, Guide, Kind, Language, List, OptionSet,
    Question, QuestionIdx, Requirement, Rule, Text,
};
use std::collections::HashSet;

impl Builder<'_> {
    /// A language: a valid, unique id and a name.
    pub(super) fn language(&mut self, file: &PackFile, l: raw::RawLanguage) {
        let site = self.site(file, &l.id);
        self.claim_id(&site);
        self.require_text(&site, "name", &l.name);
        self.one_line(&site, "runtime", &l.runtime);
        self.aliases(&site, &l.id, &l.aliases);
        let aliases = l.aliases.into_iter().map(Into::into).collect();
        self.languages.push(Language {
            id: l.id.into(),
            name: l.name.into(),
            runtime: l.runtime.into(),
            aliases,
        });
    }

    /// A guide: a unique id and at least one section heading, which sources cite.
    pub(super) fn guide(&mut self, file: &PackFile, g: raw::RawGuide) {
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
        let confirmation = g.confirmation.map(|c| {
            if !g.sections.contains(&c.section) {
                self.problems.push(site.problem(format!(
                    "confirmation: section `{}` is not one of this guide's sections",
                    crate::suggest::shorten(&c.section)
                )));
            }
            if c.checks.is_empty() {
                self.problems.push(site.problem("confirmation: a checklist needs at least one check"));
            }
            for check in &c.checks {
                self.require_text(&site, "confirmation.checks", check);
            }
            Confirmation { section: c.section.into(), checks: c.checks.into_iter().map(Text::from).collect() }
        });
        self.guides.push(Guide {
            id: g.id.into(),
            title: g.title.into(),
            sections: g.sections.into_iter().map(Text::from).collect(),
            confirmation,
        });
    }

    /// A question: its texts, its options (written, copied from an earlier question, or one per
    /// language), its default, its condition, and the earlier question it must not repeat.
    pub(super) fn question(&mut self, file: &PackFile, q: raw::RawQuestion) {
        let site = self.site(file, &q.id);
        self.claim_id(&site);
        self.question_texts(&site, &q);
        let options = self.question_options(&site, q.include_languages, q.options_from.as_deref(), q.options);
        self.check_options(&site, &options);
        // Conditions resolve only questions loaded before this one, which are answered by then.
        let when = self.condition(&site, q.when.as_ref());
        let statement = self.statement(&site, q.statement, &q.title);
        let mut question = Question {
            id: q.id.clone().into(),
            kind: q.kind,
            statement,
            title: q.title.into(),
            prompt: q.prompt.into(),
            help: q.help.into(),
            source: q.source.into(),
            options: options.into(),
            default: None,
            when,
            distinct_from: None,
            was_single: q.was_single,
            defines_the_system: q.defines_the_system,
        };
        question.default = self.question_default(&site, &question, q.default);
        question.distinct_from = self.distinct_from(&site, &question, q.distinct_from.as_deref());
        self.check_question(&site, &question);
        self.questions.push(question);
    }

    /// Checks a question's id (not a condition keyword), its texts and its source.
    fn question_texts(&mut self, site: &Site<'_>, q: &raw::RawQuestion) {
        if ["all", "any", "not"].contains(&q.id.as_str()) {
            self.problems.push(site.problem("`all`, `any` and `not` are reserved for conditions"));
        }
        self.require_text(site, "title", &q.title);
        self.require_text(site, "prompt", &q.prompt);
        self.require_text(site, "help", &q.help);
        if let Some(statement) = &q.statement {
            self.one_line(site, "statement", statement);
        }
        self.check_source(site, &q.source);
    }

    /// A question's options, in order: one per language (`include_languages`), those of the
    /// earlier question `options_from` names, then the `written` ones, each checked.
    fn question_options(
        &mut self,
        site: &Site<'_>,
        include_languages: bool,
        options_from: Option<&str>,
        written: Vec<raw::RawChoice>,
    ) -> Vec<Choice> {
        let mut options = Vec::new();
        if include_languages {
            options.extend(self.languages.iter().map(|l| Choice {
                id: l.id.clone(),
                label: l.name.clone(),
                description: format!("Runtime: {}.", l.runtime).into(),
            }));
        }
        if let Some(from) = options_from {
            match self.questions.iter().find(|known| known.id == from) {
                Some(known) => options.extend(known.options.iter().cloned()),
                None => self.problems.push(site.problem(format!(
                    "`options_from` names `{from}`, which is not a question listed before this one"
                ))),
            }
        }
        for o in written {
            self.require_text(site, "label", &o.label);
            self.require_text(site, "description", &o.description);
            if !is_id(&o.id) {
                self.problems.push(site.problem(format!("option id `{}` is not a valid id", o.id)));
            }
            options.push(Choice {
                id: o.id.into(),
                label: o.label.into(),
                description: o.description.into(),
            });
        }
        options
    }

    /// Checks a question's options as a whole: at least one, at most
    /// [`MAX_OPTIONS`](crate::model::MAX_OPTIONS), none listed twice.
    fn check_options(&mut self, site: &Site<'_>, options: &[Choice]) {
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
        for o in options {
            if !seen.insert(o.id.as_ref()) {
                self.problems.push(site.problem(format!("option `{}` is listed twice", o.id)));
            }
        }
    }

    /// A question's `statement`, which must contain `{answer}`; without one, its title
    /// followed by the answer.
    fn statement(&mut self, site: &Site<'_>, statement: Option<String>, title: &str) -> Text {
        match statement {
            Some(st) if st.contains("{answer}") => st.into(),
            Some(_) => {
                self.problems.push(site.problem("`statement` must contain {answer}"));
                String::new().into()
            }
            None => format!("{title}: {{answer}}.").into(),
        }
    }

    /// A question's default, resolved against its options: one option id for a single-choice
    /// question, a list for a multi-choice one.
    fn question_default(
        &mut self,
        site: &Site<'_>,
        question: &Question,
        default: Option<raw::RawDefault>,
    ) -> Option<OptionSet> {
        match (question.kind, default) {
            (_, None) => None,
            (Kind::Single, Some(raw::RawDefault::One(id))) => {
                self.option(site, question, &id).map(OptionSet::single)
            }
            (Kind::Multi, Some(raw::RawDefault::Many(ids))) => {
                let mut set = OptionSet::new();
                for id in ids {
                    if let Some(i) = self.option(site, question, &id) {
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
        }
    }

    /// The earlier question named by `distinct_from` (`other`), which must list the same
    /// options as `question`.
    fn distinct_from(
        &mut self,
        site: &Site<'_>,
        question: &Question,
        other: Option<&str>,
    ) -> Option<QuestionIdx> {
        let other = other?;
        match self.questions.iter().position(|known| known.id == other) {
            Some(o) if self.questions[o].options.iter().map(|c| &c.id).eq(question.options.iter().map(|c| &c.id)) => {
                return Some(QuestionIdx::new(o));
            }
            Some(_) => self.problems.push(site.problem(format!(
                "`distinct_from` names `{other}`, whose options differ; it must list the same options (use `options_from`)"
            ))),
            None => self.problems.push(site.problem(format!(
                "`distinct_from` names `{other}`, which is not a question listed before this one"
            ))),
        }
        None
    }

    /// Checks what a built question's flags promise: `was_single` only on a multi-choice
    /// question, and a default for a question asked only `when` a condition holds.
    fn check_question(&mut self, site: &Site<'_>, question: &Question) {
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
    }

    /// A fit rule: its condition and points; `group` and `offsets` resolve once all files are in.
    pub(super) fn rule(&mut self, file: &PackFile, r: raw::RawRule) {
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
            points: points.into(),
            reason: r.reason.into(),
            source: r.source.into(),
            origin: site.origin(),
            adjusted: List::default(),
            group: None,
            offsets: List::default(),
        });
    }

    /// A fact group, which rules join by naming it in `group`.
    pub(super) fn group(&mut self, file: &PackFile, g: raw::RawGroup) {
        let site = self.site(file, &g.id);
        self.claim_id(&site);
        self.require_text(&site, "fact", &g.fact);
        let (origin, position) = (site.origin(), site.position);
        let group = Group { id: g.id.into(), fact: g.fact.into(), origin };
        self.groups.push(PlacedGroup { group, position });
    }

    /// A requirement answers can state as hard, and the languages that cannot meet it.
    pub(super) fn requirement(&mut self, file: &PackFile, r: raw::RawRequirement) {
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
            languages: languages.into(),
            reason: r.reason.into(),
            source: r.source.into(),
            origin: site.origin(),
        });
    }

    /// A knock-out: when it applies and the languages it removes.
    pub(super) fn exclusion(&mut self, file: &PackFile, e: raw::RawExclusion) {
        let site = self.site(file, &e.id);
        self.claim_id(&site);
        self.require_text(&site, "reason", &e.reason);
        self.check_source(&site, &e.source);
        let when = self.condition(&site, Some(&e.when));
        let languages = self.languages_of(&site, &e.languages);
        self.exclusions.push(Exclusion {
            id: e.id.clone().into(),
            when,
            languages: languages.into(),
            reason: e.reason.into(),
            source: e.source.into(),
            origin: site.origin(),
        });
    }

    /// A caveat; its `restates` resolve once all files are in and the overrides have applied.
    pub(super) fn caveat(&mut self, file: &PackFile, c: raw::RawCaveat) {
        let site = self.site(file, &c.id);
        self.claim_id(&site);
        self.require_text(&site, "text", &c.text);
        self.check_source(&site, &c.source);
        let when = self.condition(&site, c.when.as_ref());
        let languages = self.languages_of(&site, &c.languages);
        self.caveats.push(Caveat {
            id: c.id.clone().into(),
            when,
            languages: languages.into(),
            text: c.text.into(),
            source: c.source.into(),
            restates: List::default(),
            origin: site.origin(),
        });
        if !c.restates.is_empty() {
            let restates = Restates { file: file.name.clone(), position: site.position, rules: c.restates };
            self.restates.insert(c.id, restates);
        }
    }

    /// Imports a tech radar: each blip naming a language becomes a rule and a caveat.
    pub(super) fn radar(&mut self, file: &PackFile) {
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
}
