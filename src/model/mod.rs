//! The checked model the engine works on: every id is resolved to an index, so a checked
//! value cannot refer to an unknown question, option or language.
//!
//! This file holds the model's value types, each small and read together: the typed indices,
//! option sets, answers, and the checked entries (languages, questions, conditions, rules,
//! groups, requirements, exclusions, caveats, guides). It stays one file of about 500 lines,
//! most of them field docs, because each type is the vocabulary of the others; the pack that
//! holds them (`pack`), their compiled conditions (`flat`), their raw YAML shape (`raw`) and
//! finding a language by name (`names`) are files of their own.

pub(crate) mod flat;
mod names;
pub(crate) mod pack;
pub(crate) mod raw;
mod stored;

pub use names::{kept_capitalised, language_by_id, language_hint, language_named, option_hint};
pub use pack::{Entry, EntryKind, Pack, Parts};
pub use raw::Kind;
pub use stored::{Boxed, List, Stored, Text};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            /// The index for position `i` of its list.
            pub const fn new(i: usize) -> Self {
                $name(i)
            }

            /// The position in its list.
            pub const fn get(self) -> usize {
                self.0
            }

            /// Every index of a list of `len` items, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                (0..len).map($name)
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.0]
            }
        }

        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.0]
            }
        }
    };
}

index_type!(
    /// Index of a language in the pack's languages.
    LangIdx,
    Language
);
index_type!(
    /// Index of a question in the pack's questions.
    QuestionIdx,
    Question
);
index_type!(
    /// Index of a fit rule in the pack's rules.
    RuleIdx,
    Rule
);
index_type!(
    /// Index of a fact group in the pack's groups.
    GroupIdx,
    Group
);

/// One value per language, indexed by [`LangIdx`].
#[derive(Debug, Clone, PartialEq)]
pub struct PerLanguage<T>(Vec<T>);

impl<T: Clone> PerLanguage<T> {
    /// `value` for each of `len` languages.
    pub fn filled(len: usize, value: T) -> Self {
        PerLanguage(vec![value; len])
    }
}

impl<T> PerLanguage<T> {
    /// The values, in language order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    /// The values, in language order, to change.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut()
    }

    /// The languages with their values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (LangIdx, &T)> {
        self.0.iter().enumerate().map(|(i, v)| (LangIdx(i), v))
    }
}

impl<T> std::ops::Index<LangIdx> for PerLanguage<T> {
    type Output = T;
    fn index(&self, i: LangIdx) -> &T {
        &self.0[i.0]
    }
}

impl<T> std::ops::IndexMut<LangIdx> for PerLanguage<T> {
    fn index_mut(&mut self, i: LangIdx) -> &mut T {
        &mut self.0[i.0]
    }
}

/// How many options one question may have: an answer is a fixed-size bit set, stored inline
/// so that evaluating a condition never follows a pointer.
pub const MAX_OPTIONS: usize = 128;

/// A set of option indices of one question (below `MAX_OPTIONS`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OptionSet([u64; 2]);

impl OptionSet {
    /// The empty set.
    pub fn new() -> Self {
        OptionSet([0; 2])
    }

    /// The set whose bits are these two words (options 0-63, then 64-127), as
    /// [`OptionSet::words`] gives them.
    pub const fn from_words(words: [u64; 2]) -> Self {
        OptionSet(words)
    }

    /// The set as two words of bits, options 0-63 then 64-127.
    pub const fn words(&self) -> [u64; 2] {
        self.0
    }

    /// A set holding one option.
    pub fn single(option: usize) -> Self {
        let mut set = OptionSet::new();
        set.insert(option);
        set
    }

    /// Adds an option; returns false if it was already there. Options past `MAX_OPTIONS` are
    /// ignored (the pack loader refuses questions with more).
    pub fn insert(&mut self, option: usize) -> bool {
        let Some(word) = self.0.get_mut(option / 64) else { return false };
        let had = *word & (1 << (option % 64)) != 0;
        *word |= 1 << (option % 64);
        !had
    }

    /// Removes an option.
    pub fn remove(&mut self, option: usize) {
        if let Some(w) = self.0.get_mut(option / 64) {
            *w &= !(1 << (option % 64));
        }
    }

    /// Whether the option is in the set.
    pub fn contains(&self, option: usize) -> bool {
        self.0.get(option / 64).is_some_and(|w| w & (1 << (option % 64)) != 0)
    }

    /// Whether the two sets share an option.
    pub fn intersects(&self, other: &OptionSet) -> bool {
        (self.0[0] & other.0[0]) | (self.0[1] & other.0[1]) != 0
    }

    /// The options in both sets.
    pub fn intersection(&self, other: &OptionSet) -> OptionSet {
        OptionSet([self.0[0] & other.0[0], self.0[1] & other.0[1]])
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 2]
    }

    /// The options in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .flat_map(|(i, w)| (0..64).filter(move |b| w & (1 << b) != 0).map(move |b| i * 64 + b))
    }
}

/// A candidate language.
#[derive(Debug, Clone)]
pub struct Language {
    /// Stable id (`elixir`).
    pub id: Text,
    /// Display name (`Elixir`).
    pub name: Text,
    /// Runtime family (`BEAM`).
    pub runtime: Text,
    /// Other names people write for it (`golang` for Go), lower case.
    pub aliases: List<Text>,
}

/// One option of a question.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Stable id.
    pub id: Text,
    /// Short human label.
    pub label: Text,
    /// When this option applies.
    pub description: Text,
}

/// A checked question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Stable id, the key in `[answers]`.
    pub id: Text,
    /// Single or multi choice.
    pub kind: Kind,
    /// A short name for review screens and reports.
    pub title: Text,
    /// The answer as a sentence, `{answer}` standing for the options chosen.
    pub statement: Text,
    /// The question as asked.
    pub prompt: Text,
    /// What the question is for.
    pub help: Text,
    /// The guide section it comes from.
    pub source: Text,
    /// The options, in order.
    pub options: List<Choice>,
    /// The default; `None` means the question is required.
    pub default: Option<OptionSet>,
    /// When the questionnaire asks it (it reads only earlier questions); when the condition
    /// does not hold, the question takes its default, whatever an answers file says.
    pub when: Condition,
    /// An earlier question with the same options whose answer this one must not repeat
    /// (secondary shapes besides the dominant one): a repeated option is dropped.
    pub distinct_from: Option<QuestionIdx>,
    /// A multi-choice question that used to be single-choice: one option id as a string is
    /// read as a list of one.
    pub was_single: bool,
    /// The answer says what the system is rather than a judgment call about it.
    pub defines_the_system: bool,
}

impl Question {
    /// The index of the option with this id.
    pub fn option(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The option ids, for messages.
    pub fn option_ids(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|o| o.id.as_ref())
    }
}

/// A checked condition on the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Always holds (no `when`).
    Always,
    /// The answer to the question is, or contains, one of the options.
    Answer {
        /// The question.
        question: QuestionIdx,
        /// The options, any of which satisfies the test.
        options: OptionSet,
    },
    /// Every condition holds.
    All(List<Condition>),
    /// At least one condition holds.
    Any(List<Condition>),
    /// The condition does not hold.
    Not(Boxed<Condition>),
}

impl Condition {
    /// Whether the condition holds for these answers.
    pub fn holds(&self, answers: &Answers) -> bool {
        match self {
            Condition::Always => true,
            Condition::Answer { question, options } => answers.get(*question).intersects(options),
            Condition::All(list) => list.iter().all(|c| c.holds(answers)),
            Condition::Any(list) => list.iter().any(|c| c.holds(answers)),
            Condition::Not(c) => !c.holds(answers),
        }
    }

    /// Every `question: options` test in the condition, in written order.
    pub fn answer_tests(&self) -> Vec<(QuestionIdx, &OptionSet)> {
        fn walk<'c>(c: &'c Condition, out: &mut Vec<(QuestionIdx, &'c OptionSet)>) {
            match c {
                Condition::Always => {}
                Condition::Answer { question, options } => out.push((*question, options)),
                Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| walk(c, out)),
                Condition::Not(c) => walk(c, out),
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }

    /// Calls `f` with the question of every `question: options` test, in written order (a
    /// question tested twice comes twice), without collecting them.
    pub fn each_question(&self, f: &mut impl FnMut(QuestionIdx)) {
        match self {
            Condition::Always => {}
            Condition::Answer { question, .. } => f(*question),
            Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| c.each_question(f)),
            Condition::Not(c) => c.each_question(f),
        }
    }

    /// The questions the condition reads, each once, in order of first use.
    pub fn questions(&self) -> Vec<QuestionIdx> {
        let mut out = Vec::new();
        self.each_question(&mut |question| {
            if !out.contains(&question) {
                out.push(question);
            }
        });
        out
    }
}

/// Where a pack entry was written, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file's display name (`rules/elixir.yaml`).
    pub file: Text,
    /// The 1-based line of the entry's `id:`, when found.
    pub line: Option<usize>,
}

/// A checked fit rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: Text,
    /// When it fires.
    pub when: Condition,
    /// Points per language, in the order written.
    pub points: List<(LangIdx, f64)>,
    /// The reason a report shows for the points, in the pack's words.
    pub reason: Text,
    /// `NNN / Section heading`.
    pub source: Text,
    /// Where it was written.
    pub origin: Origin,
    /// Changes team packs made to its points: "file: reason".
    pub adjusted: List<Text>,
    /// The fact group it restates, if any: per language, only the group's strongest fired
    /// rule counts.
    pub group: Option<GroupIdx>,
    /// The penalties it offsets, if any: per language, it counts at most as many points as
    /// those rules (when they fire) take away, never more.
    pub offsets: List<RuleIdx>,
}

/// A set of rules that restate one fact (the product is realtime; the team knows the
/// language): per language, only the strongest fired rule of the group counts.
#[derive(Debug, Clone)]
pub struct Group {
    /// Stable id.
    pub id: Text,
    /// The fact the rules restate, in one line.
    pub fact: Text,
    /// Where it was written.
    pub origin: Origin,
}

/// A requirement an answer states as hard (no garbage collector, static typing required):
/// a language that cannot meet it never ranks above one that can.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// Stable id.
    pub id: Text,
    /// When the answers state it.
    pub when: Condition,
    /// The requirement in a few words ("no garbage collector").
    pub title: Text,
    /// The languages that cannot meet it.
    pub languages: List<LangIdx>,
    /// Why they cannot, in one line.
    pub reason: Text,
    /// `NNN / Section heading`.
    pub source: Text,
    /// Where it was written.
    pub origin: Origin,
}

/// An entry a team pack took out, and why.
#[derive(Debug, Clone)]
pub struct Disabled {
    /// The entry's id.
    pub id: Text,
    /// `rule`, `exclusion` or `caveat`.
    pub kind: &'static str,
    /// Why, and which file said so.
    pub reason: Text,
    /// The file that disabled it.
    pub by: Text,
}

/// A checked knock-out.
#[derive(Debug, Clone)]
pub struct Exclusion {
    /// Stable id.
    pub id: Text,
    /// When it applies.
    pub when: Condition,
    /// The languages removed.
    pub languages: List<LangIdx>,
    /// Why the languages cannot serve, as reports show it.
    pub reason: Text,
    /// `NNN / Section heading`.
    pub source: Text,
    /// Where it was written.
    pub origin: Origin,
}

/// A checked caveat.
#[derive(Debug, Clone)]
pub struct Caveat {
    /// Stable id.
    pub id: Text,
    /// When it applies.
    pub when: Condition,
    /// The languages it is shown for.
    pub languages: List<LangIdx>,
    /// What to know.
    pub text: Text,
    /// `NNN / Section heading`.
    pub source: Text,
    /// The penalty rules whose point it makes too (see `restates` in the pack format).
    pub restates: List<RuleIdx>,
    /// Where it was written.
    pub origin: Origin,
}

/// A guide the rules cite.
#[derive(Debug, Clone)]
pub struct Guide {
    /// `000`.
    pub id: Text,
    /// The guide's title.
    pub title: Text,
    /// Its section headings.
    pub sections: List<Text>,
    /// What a vertical slice must show before a decision is committed, if the guide says.
    pub confirmation: Option<Confirmation>,
}

/// A guide's confirmation checklist: the checks a decision record asks the team to make.
#[derive(Debug, Clone)]
pub struct Confirmation {
    /// The section heading it comes from (one of the guide's `sections`).
    pub section: Text,
    /// The checks, each a short phrase.
    pub checks: List<Text>,
}

/// The answers to every question of a pack: one option set per question, defaults filled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Answers {
    values: Vec<OptionSet>,
}

impl Answers {
    /// Answers from one option set per question, in the pack's question order.
    pub fn new(values: Vec<OptionSet>) -> Self {
        Answers { values }
    }

    /// The answer to a question.
    pub fn get(&self, question: QuestionIdx) -> &OptionSet {
        &self.values[question.get()]
    }

    /// Replaces the answer to a question.
    pub fn set(&mut self, question: QuestionIdx, value: OptionSet) {
        self.values[question.get()] = value;
    }

    /// All answers in question order.
    pub fn values(&self) -> &[OptionSet] {
        &self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_sets_span_two_words_and_ignore_what_does_not_fit() {
        let mut s = OptionSet::new();
        assert!(s.is_empty());
        assert!(s.insert(3));
        assert!(!s.insert(3));
        assert!(!s.insert(MAX_OPTIONS), "past the limit nothing is stored");
        s.insert(70);
        assert!(s.contains(70) && s.contains(3) && !s.contains(4));
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![3, 70]);
        assert!(s.intersects(&OptionSet::single(70)));
        assert!(!s.intersects(&OptionSet::single(69)));
        s.remove(3);
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![70]);
    }

    #[test]
    fn conditions_combine() {
        let answers = Answers::new(vec![OptionSet::single(1), OptionSet::new()]);
        let (q0, q1) = (QuestionIdx::new(0), QuestionIdx::new(1));
        let shape_is_1 = Condition::Answer { question: q0, options: OptionSet::single(1) };
        let other_has_0 = Condition::Answer { question: q1, options: OptionSet::single(0) };
        assert!(shape_is_1.holds(&answers));
        assert!(!other_has_0.holds(&answers));
        assert!(Condition::Any(List::from(vec![shape_is_1.clone(), other_has_0.clone()])).holds(&answers));
        assert!(!Condition::All(List::from(vec![shape_is_1.clone(), other_has_0.clone()])).holds(&answers));
        assert!(Condition::Not(Boxed::from(other_has_0.clone())).holds(&answers));
        assert_eq!(Condition::All(List::from(vec![shape_is_1, other_has_0])).questions(), vec![q0, q1]);
    }
}
