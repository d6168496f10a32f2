//! The what-if: every single-answer change that scoring can see, re-scored to find those that
//! change rank 1. Only the rules that read a changed answer are evaluated again, so a report's
//! what-if costs a fraction of scoring the pack once per change.

use super::{Tally, counted, effective, offer_in_group, rank_order, score_of, tally_all};
use crate::model::{Answers, Kind, LangIdx, OptionSet, QuestionIdx, Rule, RuleIdx};
use crate::pack::Pack;

/// One single-answer change and what it does to rank 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The question changed.
    pub question: QuestionIdx,
    /// Its new answer.
    pub answer: OptionSet,
    /// For a multi-choice question, the option toggled and whether it was added.
    pub toggled: Option<(usize, bool)>,
    /// The new rank 1 (`None` when every language is excluded) and its score.
    pub top: Option<(LangIdx, f64)>,
}

/// How robust rank 1 is: every single-answer change, and those that change rank 1.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The current rank 1.
    pub top: Option<LangIdx>,
    /// How many single-answer changes were tried.
    pub tried: usize,
    /// The changes after which another language (or none) ranks first, in question order.
    pub flips: Vec<Change>,
}

/// Every single-answer change that scoring can see: each other option of a single-choice
/// question, and adding or removing each option of a multi-choice question (with `top` not
/// yet known). Questions that do not apply to the answers, and options a question may not
/// repeat from another, are left out: changing them changes nothing.
pub fn single_changes(pack: &Pack, answers: &Answers) -> Vec<Change> {
    let (scored, _) = effective(pack, answers);
    let mut out = Vec::new();
    for (i, question) in pack.questions.iter().enumerate() {
        let q = QuestionIdx::new(i);
        if !question.when.holds(&scored) {
            continue;
        }
        let current = answers.get(q);
        let repeated = question.distinct_from.map_or_else(OptionSet::new, |other| *scored.get(other));
        for option in (0..question.options.len()).filter(|&o| !repeated.contains(o)) {
            let (answer, toggled) = match question.kind {
                Kind::Single if current.contains(option) => continue,
                Kind::Single => (OptionSet::single(option), None),
                Kind::Multi => {
                    let mut set = *current;
                    let added = !set.contains(option);
                    if added {
                        set.insert(option);
                    } else {
                        set.remove(option);
                    }
                    (set, Some((option, added)))
                }
            };
            out.push(Change { question: q, answer, toggled, top: None });
        }
    }
    out
}

/// Rank 1 and its score, exactly as `evaluate` ranks them (the same tally and order),
/// without collecting or sorting reasons.
pub fn top(pack: &Pack, answers: &Answers) -> Option<(LangIdx, f64)> {
    let (scored, _) = effective(pack, answers);
    first(pack, &tally_all(pack, &scored, false))
}

/// Rank 1 and its score in a tally counted without reasons.
fn first(pack: &Pack, tally: &Tally<'_>) -> Option<(LangIdx, f64)> {
    let Tally { knocked, unmet, points, .. } = tally;
    knocked
        .iter()
        .filter(|(_, by)| by.is_empty())
        .map(|(l, _)| (l, unmet[l].len(), points[l]))
        .min_by(|&a, &b| rank_order(pack, a, b))
        .map(|(l, _, p)| (l, score_of(p)))
}

/// Scores single-answer changes to one set of answers. The rules that fire for the answers
/// are found once; after a change only the rules reading an answer that changed (as scored:
/// a change can also un-ask a later question) are evaluated again. When every weight of the
/// pack is a binary fraction (as the built-in pack's whole numbers are), sums of points are
/// exact in any order, so a change's points are the answers' points with only the counts
/// that change redone ([`Rescorer::recount`]); otherwise the tally is counted again in full.
struct Rescorer<'a> {
    pack: &'a Pack,
    answers: &'a Answers,
    scored: Answers,
    fired: Vec<bool>,
    /// The answers' own tally.
    base: Tally<'a>,
    /// For counting only what a change changes, when sums are exact.
    links: Option<Links>,
    /// Per question, whether a knock-out or a requirement reads it.
    read_by_limits: Vec<bool>,
    /// Per language, how far one change surely moves its points, and the most it may move
    /// them beyond that ([`Rescorer::keeps_rank_1`]).
    shift: Vec<f64>,
    swing: Vec<f64>,
    /// Working space for one change: which rules fire after it, and its tally.
    fired_after: Vec<bool>,
    tally: Tally<'a>,
}

/// Which counts can change when a rule starts or stops firing, and the working space of
/// [`Rescorer::recount`].
struct Links {
    /// Per group, its rules in order.
    members: Vec<Vec<usize>>,
    /// Per rule, the rules offsetting it (few rules have any: no list is allocated for the
    /// others). The counts a rule's firing can change are its own, those of its group's rules
    /// (which of them is strongest may change), and those of the rules offsetting any of these.
    offsetters: Vec<Vec<usize>>,
    /// For one change: the strongest rule per group and language after it, the rules whose
    /// count it may change, and which rules and groups were seen in this round.
    strongest: Vec<Option<(RuleIdx, f64)>>,
    dirty: Vec<usize>,
    /// For one change and one group, its strongest rule per language after the change
    /// ([`Rescorer::keeps_rank_1`]).
    group_after: Vec<Option<(RuleIdx, f64)>>,
    seen: Vec<u32>,
    groups_seen: Vec<u32>,
    round: u32,
}

impl Links {
    /// The links of `pack`, or `None` when one of its weights is not a binary fraction (a
    /// multiple of 2^-20) and sums of points could round differently in another order.
    fn of(pack: &Pack) -> Option<Links> {
        let rules = pack.rules();
        let exact = |p: f64| (p * 1_048_576.0).fract() == 0.0;
        if !rules.iter().all(|r| r.points.iter().all(|&(_, p)| exact(p))) {
            return None;
        }
        let mut members = vec![Vec::new(); pack.groups().len()];
        let mut offsetters = vec![Vec::new(); rules.len()];
        for (i, rule) in rules.iter().enumerate() {
            if let Some(g) = rule.group {
                members[g.get()].push(i);
            }
            rule.offsets.iter().for_each(|t| offsetters[t.get()].push(i));
        }
        Some(Links {
            members,
            offsetters,
            strongest: Vec::new(),
            dirty: Vec::new(),
            group_after: vec![None; pack.languages.len()],
            seen: vec![0; rules.len()],
            groups_seen: vec![0; pack.groups().len()],
            round: 0,
        })
    }

    /// Starts a round: no rule seen, none dirty.
    fn start_round(&mut self) {
        self.round += 1;
        self.dirty.clear();
    }

    /// Adds to `dirty`, once a round, every rule whose count can change when rule `r` starts
    /// or stops firing: its own, its group's rules', and those of the rules offsetting any of
    /// these.
    fn mark_dependents(&mut self, rules: &[Rule], r: usize) {
        let Links { members, offsetters, seen, dirty, round, .. } = self;
        let group = rules[r].group.map_or(std::slice::from_ref(&r), |g| &members[g.get()]);
        for &d in group.iter().chain(group.iter().flat_map(|&m| &offsetters[m])) {
            if seen[d] != *round {
                seen[d] = *round;
                dirty.push(d);
            }
        }
    }
}

impl<'a> Rescorer<'a> {
    fn new(pack: &'a Pack, answers: &'a Answers) -> Self {
        let (scored, _) = effective(pack, answers);
        let mut read_by_limits = vec![false; pack.questions.len()];
        let limits =
            pack.exclusions.iter().map(|e| &e.when).chain(pack.requirements().iter().map(|r| &r.when));
        limits.for_each(|when| when.each_question(&mut |q| read_by_limits[q.get()] = true));
        let fired = pack.rules_firing(&scored);
        let mut base = Tally::new(pack);
        base.count(pack, &scored, &fired, false);
        Rescorer {
            pack,
            answers,
            scored,
            fired_after: fired.clone(),
            fired,
            links: Links::of(pack),
            read_by_limits,
            shift: vec![0.0; pack.languages.len()],
            swing: vec![0.0; pack.languages.len()],
            tally: Tally::new(pack),
            base,
        }
    }

    /// Rank 1 as the answers stand.
    fn top(&self) -> Option<(LangIdx, f64)> {
        first(self.pack, &self.base)
    }

    /// The answers as scored after one change.
    fn scored_after(&self, change: &Change) -> Answers {
        let mut changed = self.answers.clone();
        changed.set(change.question, change.answer);
        effective(self.pack, &changed).0
    }

    /// Rank 1 (and its score) after one change.
    fn top_after(&mut self, change: &Change) -> Option<(LangIdx, f64)> {
        let scored = self.scored_after(change);
        self.fire(&scored);
        self.top_of(&scored)
    }

    /// Finds which rules fire for answers as scored after one change (`fired_after`),
    /// evaluating again only the rules that read an answer that changed.
    fn fire(&mut self, scored: &Answers) {
        self.pack.rules_firing_into(&self.scored, &self.fired, scored, &mut self.fired_after);
    }

    /// Rank 1 (and its score) for answers as scored after one change, once [`Rescorer::fire`]
    /// has found the rules firing for them.
    fn top_of(&mut self, scored: &Answers) -> Option<(LangIdx, f64)> {
        match self.links.take() {
            Some(mut links) => {
                self.recount(&mut links, scored);
                self.links = Some(links);
            }
            None => self.tally.count(self.pack, scored, &self.fired_after, false),
        }
        first(self.pack, &self.tally)
    }

    /// Whether rank 1 surely stays `top` after a change to these answers as scored (the rules
    /// firing for them found by [`Rescorer::fire`]), without counting its points: `top` is
    /// not knocked out, no other language that is not misses fewer requirements, and every
    /// one missing as many ends clearly below `top` however the counts that may move do.
    ///
    /// The change moves the points of the rules whose count can change because a rule
    /// started or stopped firing (what [`Rescorer::recount`] counts again). Most moves are
    /// known (`shift`): a rule with no group and no offsets counts its written points when it
    /// fires and nothing when it does not, and a fact group counts the points of its strongest
    /// fired rule. An offset counts between nothing and its written points, so it moves by at
    /// most their absolute value (`swing`). Only when sums are exact.
    fn keeps_rank_1(&mut self, top: LangIdx, scored: &Answers) -> bool {
        let Some(links) = &mut self.links else { return false };
        let (pack, rules) = (self.pack, self.pack.rules());
        // The knock-outs and requirements after the change: found again only when one of
        // them reads a changed answer.
        let (knocked, unmet) = if changed(&self.scored, scored).any(|q| self.read_by_limits[q]) {
            self.tally.count_limits(pack, scored);
            (&self.tally.knocked, &self.tally.unmet)
        } else {
            (&self.base.knocked, &self.base.unmet)
        };
        if !knocked[top].is_empty() {
            return false;
        }
        links.start_round();
        for r in flipped(pack, &self.scored, scored, &self.fired, &self.fired_after) {
            links.mark_dependents(rules, r);
        }
        let (shift, swing) = (&mut self.shift, &mut self.swing);
        shift.fill(0.0);
        swing.fill(0.0);
        let (n, round) = (pack.languages.len(), links.round);
        for &d in &links.dirty {
            let rule = &rules[d];
            match rule.group {
                _ if !rule.offsets.is_empty() => {
                    rule.points.iter().for_each(|&(l, p)| swing[l.get()] += p.abs());
                }
                None => {
                    let started = f64::from(i8::from(self.fired_after[d]) - i8::from(self.fired[d]));
                    rule.points.iter().for_each(|&(l, p)| shift[l.get()] += started * p);
                }
                Some(g) => {
                    // The group counts its strongest fired rule's points (a rule in a group
                    // offsets nothing: packs are checked for it): those after the change less
                    // those before.
                    if links.groups_seen[g.get()] != round {
                        links.groups_seen[g.get()] = round;
                        let after = &mut links.group_after;
                        strongest_among(&links.members[g.get()], rules, &self.fired_after, after);
                        let before = &self.base.strongest[g.get() * n..(g.get() + 1) * n];
                        for (l, (now, was)) in after.iter().zip(before).enumerate() {
                            shift[l] += now.map_or(0.0, |(_, p)| p) - was.map_or(0.0, |(_, p)| p);
                        }
                    }
                }
            }
        }
        let least = |l: LangIdx| self.base.points[l] + shift[l.get()] - swing[l.get()];
        let most = |l: LangIdx| self.base.points[l] + shift[l.get()] + swing[l.get()];
        let floor = least(top);
        let languages = self.base.points.iter().map(|(l, _)| l);
        languages.filter(|&l| l != top && knocked[l].is_empty()).all(|l| {
            match unmet[l].len().cmp(&unmet[top].len()) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                // A margin far above the millionth of a point ranks compare on.
                std::cmp::Ordering::Equal => most(l) < floor - 1e-3,
            }
        })
    }

    /// The tally after a change (`fired_after` already found), from the answers' own: the
    /// knock-outs and requirements found again, and the points of only the rules whose count
    /// can change taken out as they were and put back as they are.
    fn recount(&mut self, links: &mut Links, scored: &Answers) {
        let (pack, rules, n) = (self.pack, self.pack.rules(), self.pack.languages.len());
        self.tally.count_limits(pack, scored);
        links.start_round();
        let round = links.round;
        links.strongest.clone_from(&self.base.strongest);
        for r in flipped(pack, &self.scored, scored, &self.fired, &self.fired_after) {
            if let Some(g) = rules[r].group
                && links.groups_seen[g.get()] != round
            {
                links.groups_seen[g.get()] = round;
                let after = &mut links.strongest[g.get() * n..(g.get() + 1) * n];
                strongest_among(&links.members[g.get()], rules, &self.fired_after, after);
            }
            links.mark_dependents(rules, r);
        }
        for (after, before) in self.tally.points.values_mut().zip(self.base.points.values()) {
            *after = *before;
        }
        for &d in &links.dirty {
            for &(l, written) in rules[d].points.iter() {
                if self.fired[d] {
                    self.tally.points[l] -= counted(pack, &self.base.strongest, &self.fired, d, l, written).0;
                }
                if self.fired_after[d] {
                    self.tally.points[l] +=
                        counted(pack, &links.strongest, &self.fired_after, d, l, written).0;
                }
            }
        }
    }
}

/// The strongest of a group's rules (`members`) per language among those firing in `fired`,
/// offered in rule order as `strongest_fired` does, written to `strongest` (one per language).
fn strongest_among(
    members: &[usize],
    rules: &[Rule],
    fired: &[bool],
    strongest: &mut [Option<(RuleIdx, f64)>],
) {
    strongest.fill(None);
    for &m in members.iter().filter(|&&m| fired[m]) {
        offer_in_group(&rules[m], m, strongest);
    }
}

/// The questions whose answers differ between two sets of answers as scored.
fn changed<'s>(before: &'s Answers, after: &'s Answers) -> impl Iterator<Item = usize> + 's {
    let pairs = before.values().iter().zip(after.values()).enumerate();
    pairs.filter(|(_, (was, is))| was != is).map(|(q, _)| q)
}

/// The rules that start or stop firing after a change, from the rules that fired before
/// (`fired`) and after it (`fired_after`): only a rule reading a changed answer can.
fn flipped<'s>(
    pack: &'s Pack,
    before: &'s Answers,
    after: &'s Answers,
    fired: &'s [bool],
    fired_after: &'s [bool],
) -> impl Iterator<Item = usize> + 's {
    let readers = changed(before, after).flat_map(|q| pack.readers(q).iter().map(|&r| r as usize));
    readers.filter(|&r| fired[r] != fired_after[r])
}

/// Re-scores every single-answer change and keeps those that change rank 1.
pub fn what_if(pack: &Pack, answers: &Answers) -> WhatIf {
    let mut rescorer = Rescorer::new(pack, answers);
    let top = rescorer.top().map(|(l, _)| l);
    let changes = single_changes(pack, answers);
    let tried = changes.len();
    let flips = changes
        .into_iter()
        .filter_map(|mut change| {
            let scored = rescorer.scored_after(&change);
            rescorer.fire(&scored);
            if top.is_some_and(|top| rescorer.keeps_rank_1(top, &scored)) {
                return None;
            }
            change.top = rescorer.top_of(&scored);
            (change.top.map(|(l, _)| l) != top).then_some(change)
        })
        .collect();
    WhatIf { top, tried, flips }
}

/// The single-answer changes after which `language` ranks first, with its new score.
pub fn paths_to_first(pack: &Pack, answers: &Answers, language: LangIdx) -> Vec<Change> {
    let mut rescorer = Rescorer::new(pack, answers);
    single_changes(pack, answers)
        .into_iter()
        .filter_map(|mut change| {
            change.top = rescorer.top_after(&change);
            (change.top.map(|(l, _)| l) == Some(language)).then_some(change)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, influence};
    use crate::model::Kind;

    fn answers_of(file: &str) -> (Pack, Answers) {
        let pack = crate::pack::builtin();
        let text =
            std::fs::read_to_string(format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let parsed = crate::answers::parse(file, &text, crate::answers::Format::Toml, &pack).unwrap();
        (pack, parsed.answers)
    }

    fn describe(pack: &Pack, change: &Change) -> String {
        let q = &pack.questions[change.question];
        match change.toggled {
            Some((o, _)) => format!("{} {}", q.id, q.options[o].id),
            None => q.id.to_string(),
        }
    }

    /// The tally of answers as scored, counted in full.
    fn full_count<'p>(pack: &'p Pack, answers: &Answers) -> Tally<'p> {
        tally_all(pack, &effective(pack, answers).0, false)
    }

    /// Answers of every kind: the examples, and 200 random answers to every question.
    fn answer_sets(pack: &Pack) -> Vec<Answers> {
        let mut all: Vec<Answers> =
            ["control-plane.toml", "enterprise-backend.toml", "ml-service.toml", "realtime-chat.toml"]
                .into_iter()
                .map(|file| answers_of(file).1)
                .collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap()
        };
        for _ in 0..200 {
            let values = pack
                .questions
                .iter()
                .map(|q| match q.kind {
                    Kind::Single => OptionSet::single(next(q.options.len())),
                    Kind::Multi => {
                        let mut set = OptionSet::new();
                        (0..q.options.len()).filter(|_| next(3) == 0).for_each(|o| {
                            set.insert(o);
                        });
                        set
                    }
                })
                .collect();
            all.push(Answers::new(values));
        }
        all
    }

    #[test]
    fn counting_only_what_a_change_changes_gives_the_full_count_exactly() {
        let pack = crate::pack::builtin();
        assert!(Links::of(&pack).is_some(), "the built-in pack's weights are whole numbers");
        let all = answer_sets(&pack);
        let mut compared = 0;
        for answers in &all {
            let mut rescorer = Rescorer::new(&pack, answers);
            for change in single_changes(&pack, answers) {
                let top = rescorer.top_after(&change);
                let mut changed = answers.clone();
                changed.set(change.question, change.answer);
                let full = full_count(&pack, &changed);
                for (l, points) in full.points.iter() {
                    assert_eq!(rescorer.tally.points[l].to_bits(), points.to_bits(), "{change:?}");
                    assert_eq!(rescorer.tally.knocked[l].len(), full.knocked[l].len());
                    assert_eq!(rescorer.tally.unmet[l].len(), full.unmet[l].len());
                }
                assert_eq!(top, first(&pack, &full));
                compared += 1;
            }
        }
        assert!(compared > 10_000, "{compared} changes compared");
    }

    /// The what-if skips scoring a change it can show keeps rank 1: never one that does not.
    #[test]
    fn a_change_said_to_keep_rank_1_keeps_it() {
        let pack = crate::pack::builtin();
        let (mut kept, mut flipped, mut tried) = (0, 0, 0);
        for answers in &answer_sets(&pack) {
            let mut rescorer = Rescorer::new(&pack, answers);
            let Some((top, _)) = rescorer.top() else { continue };
            for change in single_changes(&pack, answers) {
                let scored = rescorer.scored_after(&change);
                rescorer.fire(&scored);
                let keeps = rescorer.keeps_rank_1(top, &scored);
                let after = rescorer.top_of(&scored).map(|(l, _)| l);
                if keeps {
                    assert_eq!(after, Some(top), "{}", describe(&pack, &change));
                    kept += 1;
                }
                flipped += usize::from(after != Some(top));
                tried += 1;
            }
        }
        // Both kinds occur, so the test shows something; and nine in ten changes that keep
        // rank 1 are shown to (16,172 of the 16,396 on 2026-12-02), so that few are counted.
        assert!(flipped > 300, "{flipped} flipped");
        assert!(kept * 10 >= (tried - flipped) * 9, "{kept} of {} shown to keep rank 1", tried - flipped);
    }

    /// A pack of Go and Rust, two single-choice questions `shape` and `task` (options `cpu`
    /// and `io`), the groups and rules given (YAML entries, each with its `when`, `points`
    /// and more), every rule with the same reason and source.
    fn small_pack(groups: &str, rules: &[(&str, &str)]) -> Pack {
        let question = |id: &str| {
            format!(
                "  - id: {id}\n    kind: single\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n    options:\n      - {{id: cpu, label: C, description: D}}\n      - {{id: io, label: I, description: D}}\n"
            )
        };
        let rules: String = rules
            .iter()
            .map(|(id, rest)| format!("  - id: {id}\n{rest}    reason: R\n    source: 000 / Intro\n"))
            .collect();
        let questions = format!("{}{}", question("shape"), question("task"));
        pack_of(&["go", "rust"], &questions, &format!("{groups}rules:\n{rules}")).unwrap()
    }

    /// A pack of the languages given (by id), the questions (YAML entries) and the rules file,
    /// every entry citing one guide.
    fn pack_of(languages: &[&str], questions: &str, rules: &str) -> Result<Pack, crate::error::Error> {
        let languages: String =
            languages.iter().map(|id| format!("  - {{id: {id}, name: {id}, runtime: native}}\n")).collect();
        let files = [
            ("p/languages/l.yaml", format!("languages:\n{languages}")),
            (
                "p/sources/s.yaml",
                "guides:\n  - id: \"000\"\n    title: T\n    sections: [Intro]\n".to_string(),
            ),
            ("p/questions/q.yaml", format!("questions:\n{questions}")),
            ("p/rules/r.yaml", rules.to_string()),
        ];
        let files: Vec<_> =
            files.into_iter().map(|(name, text)| crate::pack::PackFile::new(name, text)).collect();
        crate::pack::build(&files)
    }

    #[test]
    fn a_change_recounts_the_group_and_the_offsets_that_read_a_rule_it_starts_or_stops() {
        // `a` and `b` restate one fact (the strongest fired counts); `o` always fires and
        // offsets `a` and `c`, so its count moves whenever they do, though it never changes.
        let pack = small_pack(
            "groups:\n  - {id: slow, fact: the work is slow}\n",
            &[
                ("a", "    when: {shape: cpu}\n    points: {go: -6}\n    group: slow\n"),
                ("b", "    when: {task: cpu}\n    points: {go: -8}\n    group: slow\n"),
                ("c", "    when: {task: cpu}\n    points: {go: -5, rust: -1}\n"),
                ("o", "    points: {go: 9}\n    offsets: [a, c]\n"),
                // Rust far ahead, so that some changes can be shown to keep it first.
                ("r", "    points: {rust: 30}\n"),
            ],
        );
        assert!(Links::of(&pack).is_some());
        let (mut moved, mut kept) = (0, 0);
        for (shape, task) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            let answers = Answers::new(vec![OptionSet::single(shape), OptionSet::single(task)]);
            let mut rescorer = Rescorer::new(&pack, &answers);
            let top = rescorer.top().map(|(l, _)| l).unwrap();
            for change in single_changes(&pack, &answers) {
                let scored = rescorer.scored_after(&change);
                rescorer.fire(&scored);
                let keeps = rescorer.keeps_rank_1(top, &scored);
                let after = rescorer.top_of(&scored).map(|(l, _)| l);
                // Said to keep rank 1 through groups and offsets, it does.
                assert!(!keeps || after == Some(top), "{change:?}");
                kept += usize::from(keeps);
                let mut changed = answers.clone();
                changed.set(change.question, change.answer);
                let full = full_count(&pack, &changed);
                for (l, points) in full.points.iter() {
                    assert_eq!(rescorer.tally.points[l], *points, "{change:?}");
                }
                moved += usize::from(full.points.values().ne(rescorer.base.points.values()));
            }
        }
        assert_eq!(moved, 4, "the changes of `task`, and of `shape` while `b` does not fire");
        assert!(kept > 0, "some change is shown to keep rank 1");
    }

    /// Answering `shape: io` instead of `cpu` takes rank 1 from `first` to `then`, and is
    /// not said to keep it.
    fn shape_io_moves_rank_1(pack: &Pack, first: &str, then: &str) {
        let answers = Answers::new(vec![OptionSet::single(0), OptionSet::single(0)]);
        let mut rescorer = Rescorer::new(pack, &answers);
        let top = rescorer.top().map(|(l, _)| l).unwrap();
        assert_eq!(pack.languages[top].id, first);
        let change = single_changes(pack, &answers).into_iter().find(|c| c.question.get() == 0).unwrap();
        let scored = rescorer.scored_after(&change);
        rescorer.fire(&scored);
        assert!(!rescorer.keeps_rank_1(top, &scored));
        let after = rescorer.top_of(&scored).map(|(l, _)| l).unwrap();
        assert_eq!(pack.languages[after].id, then);
    }

    #[test]
    fn a_change_that_moves_a_fact_group_is_not_said_to_keep_rank_1_when_it_does_not() {
        // With `shape: cpu`, the group counts `s`, its strongest rule: Go 10, Rust 8.
        // Answering `io` stops `s`, and the group counts `w`, which still fires: Go 4.
        let pack = small_pack(
            "groups:\n  - {id: fast, fact: the work is fast}\n",
            &[
                ("s", "    when: {shape: cpu}\n    points: {go: 10}\n    group: fast\n"),
                ("w", "    points: {go: 4}\n    group: fast\n"),
                ("r", "    points: {rust: 8}\n"),
            ],
        );
        shape_io_moves_rank_1(&pack, "go", "rust");
    }

    #[test]
    fn a_change_that_moves_an_offset_is_not_said_to_keep_rank_1_when_it_does_not() {
        // With `shape: cpu`, `p` takes 10 from Go and `o` gives them back: Go 20, Rust 15.
        // Answering `io` stops both, and `i` gives Rust 7: Go 20, Rust 22. Without `o`'s
        // count moving, Go would seem to gain 10 and stay first.
        let pack = small_pack(
            "",
            &[
                ("p", "    when: {shape: cpu}\n    points: {go: -10}\n"),
                ("o", "    points: {go: 10}\n    offsets: [p]\n"),
                ("g", "    points: {go: 20}\n"),
                ("r", "    points: {rust: 15}\n"),
                ("i", "    when: {shape: io}\n    points: {rust: 7}\n"),
            ],
        );
        shape_io_moves_rank_1(&pack, "go", "rust");
    }

    /// A xorshift generator: the same numbers on every run.
    struct Random(u64);

    impl Random {
        /// A number below `n`.
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).unwrap()
        }

        /// An answer to one of the three questions.
        fn answer(&mut self) -> String {
            format!("{{q{}: {}}}", self.below(3), ["x", "y", "z"][self.below(3)])
        }

        /// A condition on one answer, `any` of two or `not` one, or none.
        fn when(&mut self) -> String {
            match self.below(6) {
                0 => String::new(),
                1 => format!("    when: {{any: [{}, {}]}}\n", self.answer(), self.answer()),
                2 => format!("    when: {{not: {}}}\n", self.answer()),
                _ => format!("    when: {}\n", self.answer()),
            }
        }

        /// A weight of points, without sign.
        fn weight(&mut self) -> f64 {
            [1.0, 2.0, 3.0, 4.0, 0.5, 6.0][self.below(6)]
        }

        /// One to three of the three languages.
        fn languages(&mut self) -> Vec<usize> {
            let picked: Vec<usize> = (0..3).filter(|_| self.below(2) == 0).collect();
            if picked.is_empty() { vec![self.below(3)] } else { picked }
        }
    }

    /// A random pack of three languages and three questions of three options (the third
    /// asked only for one answer to the first, with a default): fact groups whose rules give
    /// a language points of one sign, rules alone, offsets of the penalties among them, and
    /// at times a knock-out and requirements. `None` for a pack the builder refuses.
    fn random_pack(random: &mut Random) -> Option<Pack> {
        const LANGUAGES: [&str; 3] = ["go", "rust", "java"];
        let rule = |id: &str, rest: String, points: &[(usize, f64)]| {
            let written: Vec<String> =
                points.iter().map(|(l, p)| format!("{}: {p}", LANGUAGES[*l])).collect();
            format!(
                "  - id: {id}\n{rest}    points: {{{}}}\n    reason: R\n    source: 000 / Intro\n",
                written.join(", ")
            )
        };
        let (mut rules, mut groups) = (String::new(), String::new());
        // The rules with a penalty, and the languages it is for, for offsets to name.
        let mut penalties: Vec<(String, Vec<usize>)> = Vec::new();
        let mut penalty = |id: String, points: &[(usize, f64)]| {
            let against: Vec<usize> = points.iter().filter(|(_, p)| *p < 0.0).map(|(l, _)| *l).collect();
            if !against.is_empty() {
                penalties.push((id, against));
            }
        };
        for g in 0..random.below(3) {
            groups.push_str(&format!("  - {{id: g{g}, fact: F{g}}}\n"));
            let signs: Vec<f64> = (0..3).map(|_| if random.below(2) == 0 { 1.0 } else { -1.0 }).collect();
            for m in 0..2 + random.below(2) {
                let points: Vec<_> =
                    random.languages().into_iter().map(|l| (l, signs[l] * random.weight())).collect();
                let id = format!("g{g}m{m}");
                rules.push_str(&rule(&id, format!("{}    group: g{g}\n", random.when()), &points));
                penalty(id, &points);
            }
        }
        for r in 0..3 + random.below(6) {
            let sign = |random: &mut Random| if random.below(2) == 0 { 1.0 } else { -1.0 };
            let points: Vec<_> =
                random.languages().into_iter().map(|l| (l, sign(random) * random.weight())).collect();
            let id = format!("r{r}");
            rules.push_str(&rule(&id, random.when(), &points));
            penalty(id, &points);
        }
        for o in 0..random.below(3) {
            if penalties.is_empty() {
                break;
            }
            let mut targets: Vec<usize> =
                (0..1 + random.below(2)).map(|_| random.below(penalties.len())).collect();
            targets.sort_unstable();
            targets.dedup();
            let mut languages: Vec<usize> = targets.iter().flat_map(|&t| penalties[t].1.clone()).collect();
            languages.sort_unstable();
            languages.dedup();
            let points: Vec<_> = languages.into_iter().map(|l| (l, random.weight())).collect();
            let names: Vec<&str> = targets.iter().map(|&t| penalties[t].0.as_str()).collect();
            let rest = format!("{}    offsets: [{}]\n", random.when(), names.join(", "));
            rules.push_str(&rule(&format!("o{o}"), rest, &points));
        }
        let limit = |kind: &str, random: &mut Random| {
            format!(
                "    when: {{q{}: {}}}\n{kind}    languages: [{}]\n    reason: R\n    source: 000 / Intro\n",
                random.below(3),
                ["x", "y", "z"][random.below(3)],
                LANGUAGES[random.below(3)]
            )
        };
        if random.below(2) == 0 {
            rules.push_str(&format!("exclusions:\n  - id: e0\n{}", limit("", random)));
        }
        let requirements = random.below(3);
        if requirements > 0 {
            rules.push_str("requirements:\n");
        }
        for r in 0..requirements {
            rules.push_str(&format!("  - id: m{r}\n{}", limit("    title: T\n", random)));
        }
        let question = |id: &str, rest: &str| {
            format!(
                "  - id: {id}\n    kind: single\n    title: T\n    prompt: P\n    help: H\n    source: 000 / Intro\n{rest}    options:\n      - {{id: x, label: X, description: D}}\n      - {{id: y, label: Y, description: D}}\n      - {{id: z, label: Z, description: D}}\n"
            )
        };
        let groups = if groups.is_empty() { groups } else { format!("groups:\n{groups}") };
        let questions = format!(
            "{}{}{}",
            question("q0", ""),
            question("q1", ""),
            question("q2", "    when: {q0: x}\n    default: y\n")
        );
        pack_of(&LANGUAGES, &questions, &format!("{groups}rules:\n{rules}")).ok()
    }

    #[test]
    fn on_random_packs_a_change_said_to_keep_rank_1_keeps_it_and_a_recount_is_a_full_count() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let (mut built, mut kept, mut flipped) = (0, 0, 0);
        for _ in 0..500 {
            let Some(pack) = random_pack(&mut random) else { continue };
            built += 1;
            for a in 0..27 {
                let answers =
                    Answers::new((0..3).map(|q| OptionSet::single(a / 3_usize.pow(q) % 3)).collect());
                let mut rescorer = Rescorer::new(&pack, &answers);
                let Some((top, _)) = rescorer.top() else { continue };
                for change in single_changes(&pack, &answers) {
                    let mut changed = answers.clone();
                    changed.set(change.question, change.answer);
                    let full = first(&pack, &full_count(&pack, &changed)).map(|(l, _)| l);
                    let scored = rescorer.scored_after(&change);
                    rescorer.fire(&scored);
                    let keeps = rescorer.keeps_rank_1(top, &scored);
                    assert_eq!(rescorer.top_of(&scored).map(|(l, _)| l), full, "{change:?}");
                    assert!(!keeps || full == Some(top), "{change:?}");
                    kept += usize::from(keeps);
                    flipped += usize::from(full != Some(top));
                }
            }
        }
        // Most packs build, and both kinds of change occur, so the test shows something.
        assert!(
            built > 450 && kept > 10_000 && flipped > 5_000,
            "{built} built, {kept} kept, {flipped} flipped"
        );
    }

    #[test]
    fn what_if_finds_the_single_answers_that_flip_rank_1() {
        // The ML service stays Python whatever single answer changes, except one that states
        // a hard requirement Python cannot meet (static typing, hard realtime, no GC...).
        let (pack, answers) = answers_of("ml-service.toml");
        let robust = what_if(&pack, &answers);
        let python = pack.language("python").unwrap();
        assert_eq!(robust.top, Some(python));
        assert!(!robust.flips.is_empty());
        for flip in &robust.flips {
            let mut changed = answers.clone();
            changed.set(flip.question, flip.answer);
            let requires = influence(&pack, &changed, flip.question).requires;
            assert!(requires.iter().any(|r| r.languages.contains(&python)), "{flip:?}");
        }
        let expected: usize = pack
            .questions
            .iter()
            .map(|q| match q.kind {
                crate::model::Kind::Single => q.options.len() - 1,
                crate::model::Kind::Multi => q.options.len(),
            })
            .sum::<usize>()
            - 1;
        assert_eq!(
            robust.tried, expected,
            "every other option and every toggle, but the dominant shape as a secondary one"
        );

        // The enterprise backend is Java until Windows ties it in (then C# leads), or an answer
        // states a requirement Java cannot meet. Production adding .NET beside the JVM it runs
        // does not move it (production_runtime takes several runtimes).
        let (pack, answers) = answers_of("enterprise-backend.toml");
        let java = pack.language("java").unwrap();
        let flips = what_if(&pack, &answers).flips;
        let mut to_csharp = Vec::new();
        for flip in &flips {
            let mut changed = answers.clone();
            changed.set(flip.question, flip.answer);
            if !influence(&pack, &changed, flip.question).requires.iter().any(|r| r.languages.contains(&java))
            {
                assert_eq!(flip.top.map(|(l, _)| l), pack.language("csharp"), "{flip:?}");
                to_csharp.push(describe(&pack, flip));
            }
        }
        assert_eq!(to_csharp, ["ecosystem_ties windows"]);

        // Realtime chat: choosing hard realtime excludes the BEAM, so rank 1 flips.
        let (pack, answers) = answers_of("realtime-chat.toml");
        let fragile = what_if(&pack, &answers);
        let latency = pack.question("latency").unwrap();
        let hard = pack.questions[latency].option("hard_realtime").unwrap();
        let flip = fragile.flips.iter().find(|c| c.question == latency).expect("hard realtime flips rank 1");
        assert!(flip.answer.contains(hard));
        assert_ne!(flip.top.map(|(l, _)| l), fragile.top);
        for c in &fragile.flips {
            let mut changed = answers.clone();
            changed.set(c.question, c.answer);
            assert_eq!(evaluate(&pack, &changed).ranking.first().map(|r| (r.language, r.score)), c.top);
        }
    }
}
