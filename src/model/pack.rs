//! The checked pack: every entry of every loaded file, ids resolved to indices and every
//! promise of the format checked. `pack::build` makes one from YAML; the built-in pack is made
//! the same way when advisor is compiled and loads as generated code.

use crate::model::flat::FlatConditions;
use crate::model::{
    Answers, Caveat, Disabled, Exclusion, Group, Guide, LangIdx, Language, List, Question, QuestionIdx,
    Requirement, Rule, Text,
};
use std::borrow::Cow;

/// A checked rule pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Candidate languages, in pack order.
    pub languages: List<Language>,
    /// Questions, in the order they are asked.
    pub questions: List<Question>,
    /// Fit rules, in file order; private because rules refer to each other and to groups by
    /// position, and `conditions` holds their conditions by position too.
    rules: List<Rule>,
    /// The rules' conditions, compiled for scoring (entry `i` is `rules[i].when`).
    conditions: FlatConditions,
    /// Per question, the rules whose condition reads it, by index: after a change to some
    /// answers, only these need evaluating again.
    readers: Vec<Vec<usize>>,
    /// Fact groups, in file order.
    groups: List<Group>,
    /// Requirements the answers can state as hard, in file order.
    requirements: List<Requirement>,
    /// Knock-outs, in file order.
    pub exclusions: List<Exclusion>,
    /// Caveats, in file order.
    pub caveats: List<Caveat>,
    /// The guides that sources may cite.
    pub guides: List<Guide>,
    /// Entries team packs took out.
    pub disabled: List<Disabled>,
    /// A short hash of every file of the pack: changes whenever the pack does.
    pub fingerprint: String,
    /// The words that keep their capital mid-sentence, sorted ([`Pack::is_name`]).
    names: List<Text>,
    /// Whether every text has been made safe for Markdown ([`Pack::for_markdown`]).
    markdown_safe: bool,
}

/// Everything a [`Pack`] holds, checked by its maker: `pack::build`, or the code build.rs
/// generates from the built-in pack.
#[derive(Debug)]
pub struct Parts {
    /// Candidate languages, in pack order.
    pub languages: List<Language>,
    /// Questions, in the order they are asked.
    pub questions: List<Question>,
    /// Fit rules, in file order.
    pub rules: List<Rule>,
    /// Fact groups, in file order.
    pub groups: List<Group>,
    /// Requirements the answers can state as hard, in file order.
    pub requirements: List<Requirement>,
    /// Knock-outs, in file order.
    pub exclusions: List<Exclusion>,
    /// Caveats, in file order.
    pub caveats: List<Caveat>,
    /// The guides that sources may cite.
    pub guides: List<Guide>,
    /// Entries team packs took out.
    pub disabled: List<Disabled>,
    /// A short hash of every file of the pack.
    pub fingerprint: String,
    /// The words that keep their capital mid-sentence, sorted and without repeats: what
    /// [`crate::model::kept_capitalised`] finds in the other parts.
    pub names: List<Text>,
}

/// What kind of pack entry an [`Entry`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A question.
    Question,
    /// A fit rule.
    Rule,
    /// A requirement answers can state as hard.
    Requirement,
    /// A knock-out.
    Exclusion,
    /// A caveat.
    Caveat,
}

/// One citing entry of the pack, whatever its kind.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// What kind of entry it is (rule, requirement, exclusion, caveat ...).
    pub kind: EntryKind,
    /// The entry's id, as its pack writes it.
    pub id: &'a str,
    /// Its `NNN / Section heading`.
    pub source: &'a str,
}

impl Pack {
    /// The pack of checked parts, with its rules' conditions compiled for scoring.
    pub fn new(parts: Parts) -> Pack {
        debug_assert!(
            parts.names.is_sorted() && parts.names.windows(2).all(|w| w[0] != w[1]),
            "names sorted, once each"
        );
        let mut readers = vec![Vec::new(); parts.questions.len()];
        for (i, rule) in parts.rules.iter().enumerate() {
            rule.when.each_question(&mut |question| {
                if let Some(list) = readers.get_mut(question.get()) {
                    // A condition may test one question twice: the rule reads it once.
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            });
        }
        Pack {
            conditions: FlatConditions::new(parts.rules.iter().map(|r| &r.when)),
            readers,
            languages: parts.languages,
            questions: parts.questions,
            rules: parts.rules,
            groups: parts.groups,
            requirements: parts.requirements,
            exclusions: parts.exclusions,
            caveats: parts.caveats,
            guides: parts.guides,
            disabled: parts.disabled,
            fingerprint: parts.fingerprint,
            names: parts.names,
            markdown_safe: false,
        }
    }

    /// Every question, rule, exclusion and caveat, in that order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        fn entry<'a>(kind: EntryKind, id: &'a str, source: &'a str) -> Entry<'a> {
            Entry { kind, id, source }
        }
        self.questions
            .iter()
            .map(|q| entry(EntryKind::Question, &q.id, &q.source))
            .chain(self.rules.iter().map(|r| entry(EntryKind::Rule, &r.id, &r.source)))
            .chain(self.requirements.iter().map(|r| entry(EntryKind::Requirement, &r.id, &r.source)))
            .chain(self.exclusions.iter().map(|e| entry(EntryKind::Exclusion, &e.id, &e.source)))
            .chain(self.caveats.iter().map(|c| entry(EntryKind::Caveat, &c.id, &c.source)))
    }

    /// The index of the language with this id.
    pub fn language(&self, id: &str) -> Option<LangIdx> {
        crate::model::language_by_id(&self.languages, id)
    }

    /// The language a person named: by id, display name (or a part of one) in any case, or a
    /// common alias ([`crate::model::language_named`]).
    pub fn language_named(&self, named: &str) -> Option<LangIdx> {
        crate::model::language_named(&self.languages, named)
    }

    /// The index of the question with this id.
    pub fn question(&self, id: &str) -> Option<QuestionIdx> {
        self.questions.iter().position(|q| q.id == id).map(QuestionIdx::new)
    }

    /// A copy whose every text (names, labels, reasons, caveats, sources, titles...) is escaped
    /// for Markdown with `safe::markdown`, for the renderers of Markdown output: pack
    /// text is untrusted, and this way no renderer can forget one field.
    pub fn for_markdown(&self) -> Pack {
        fn esc(text: &mut Text) {
            if let Cow::Owned(safe) = crate::safe::markdown(text) {
                *text = Text::from(safe);
            }
        }
        let mut pack = self.clone();
        for l in pack.languages.to_mut() {
            esc(&mut l.name);
            esc(&mut l.runtime);
        }
        for q in pack.questions.to_mut() {
            for text in [&mut q.title, &mut q.statement, &mut q.prompt, &mut q.help, &mut q.source] {
                esc(text);
            }
            for o in q.options.to_mut() {
                esc(&mut o.label);
                esc(&mut o.description);
            }
        }
        for r in pack.rules.to_mut() {
            esc(&mut r.reason);
            esc(&mut r.source);
            r.adjusted.to_mut().iter_mut().for_each(esc);
        }
        for g in pack.groups.to_mut() {
            esc(&mut g.fact);
        }
        for r in pack.requirements.to_mut() {
            esc(&mut r.title);
            esc(&mut r.reason);
            esc(&mut r.source);
        }
        for e in pack.exclusions.to_mut() {
            esc(&mut e.reason);
            esc(&mut e.source);
        }
        for c in pack.caveats.to_mut() {
            esc(&mut c.text);
            esc(&mut c.source);
        }
        for g in pack.guides.to_mut() {
            esc(&mut g.title);
            g.sections.to_mut().iter_mut().for_each(esc);
            if let Some(c) = &mut g.confirmation {
                esc(&mut c.section);
                c.checks.to_mut().iter_mut().for_each(esc);
            }
        }
        for d in pack.disabled.to_mut() {
            esc(&mut d.reason);
            esc(&mut d.by);
        }
        let names = pack.names.to_mut();
        names.iter_mut().for_each(esc);
        names.sort();
        names.dedup();
        pack.markdown_safe = true;
        pack
    }

    /// The words that keep their capital mid-sentence: the words of the language names, and
    /// every word the pack's own texts write capitalised in the middle of a sentence (the
    /// frameworks and platforms its rules mention: Phoenix, Tokio, Kubernetes in the built-in
    /// pack). Found when the pack is built, sorted.
    pub fn names(&self) -> &[Text] {
        &self.names
    }

    /// Whether `word` is one of [`Pack::names`].
    pub fn is_name(&self, word: &str) -> bool {
        self.names.binary_search_by(|name| name.as_ref().cmp(word)).is_ok()
    }

    /// Whether this pack came from [`Pack::for_markdown`].
    pub fn is_markdown_safe(&self) -> bool {
        self.markdown_safe
    }

    /// The fit rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Which rules fire for these answers, by rule index.
    pub fn rules_firing(&self, answers: &Answers) -> Vec<bool> {
        self.conditions.holding(answers)
    }

    /// Which rules fire for `answers`, from which fire (`fired`) for other answers `before`,
    /// written to `now`: only the rules that read a question answered differently are
    /// evaluated again, so trying one change costs the rules that read the changed answers,
    /// not the whole pack.
    pub fn rules_firing_into(
        &self,
        before: &Answers,
        fired: &[bool],
        answers: &Answers,
        now: &mut Vec<bool>,
    ) {
        now.clear();
        now.extend_from_slice(fired);
        for (question, (was, is)) in before.values().iter().zip(answers.values()).enumerate() {
            if was != is {
                for &rule in &self.readers[question] {
                    now[rule] = self.conditions.holds_at(rule, answers);
                }
            }
        }
    }

    /// The rules whose condition reads question `question`, in order.
    pub fn readers(&self, question: usize) -> &[usize] {
        &self.readers[question]
    }

    /// The fact groups, in file order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The requirements answers can state as hard, in file order.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }
}
