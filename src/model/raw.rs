//! The raw shapes of the pack's YAML files, as serde reads them. Nothing here is checked
//! beyond its shape; `pack::build` turns these into the checked types of `model`.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// `languages/*.yaml`: the candidate languages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagesFile {
    /// The languages, in the order reports list ties and tables list options.
    pub languages: Vec<RawLanguage>,
}

/// One candidate language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    /// Stable id used in answers files and reports (`elixir`).
    pub id: String,
    /// Display name (`Elixir`).
    pub name: String,
    /// Runtime family (`BEAM`, `JVM`, `native, GC` ...).
    pub runtime: String,
    /// Other names people write for it on the command line (`golang`), lower case.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `sources/*.yaml`: the guides that rules may cite, with their section headings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    /// The guides.
    pub guides: Vec<RawGuide>,
}

/// One guide and the section headings a `source` may name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuide {
    /// The guide's number, the first part of a source (`000`).
    pub id: String,
    /// The guide's title.
    pub title: String,
    /// Section headings, exactly as the guide writes them.
    pub sections: Vec<String>,
    /// What a vertical slice must show before a decision is committed, from one section of
    /// this guide; decision records list it.
    #[serde(default)]
    pub confirmation: Option<RawConfirmation>,
}

/// A guide's confirmation checklist.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfirmation {
    /// The section heading the checklist comes from.
    pub section: String,
    /// The checks, each a short phrase ("timeouts on every call that can hang").
    pub checks: Vec<String>,
}

/// `questions/*.yaml`: the questionnaire.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsFile {
    /// The questions, in the order they are asked.
    pub questions: Vec<RawQuestion>,
}

/// Whether a question takes one option or a list of options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Exactly one option.
    Single,
    /// Any number of options, given as a list.
    Multi,
}

/// One question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable id, the key in `[answers]`.
    pub id: String,
    /// `single` or `multi`.
    pub kind: Kind,
    /// A short name for the question, for review screens and reports ("Concurrency shape").
    pub title: String,
    /// The answer as a sentence for decision records; `{answer}` stands for the options chosen.
    #[serde(default)]
    pub statement: Option<String>,
    /// The question as the prompt asks it.
    pub prompt: String,
    /// What the question is for, shown under the prompt.
    pub help: String,
    /// The guide section the question comes from.
    pub source: String,
    /// The options; may be empty when `options_from` or `include_languages` supply them.
    #[serde(default)]
    pub options: Vec<RawChoice>,
    /// Take the options of another question (listed before this one).
    #[serde(default)]
    pub options_from: Option<String>,
    /// Offer every candidate language as an option, before `options`.
    #[serde(default)]
    pub include_languages: bool,
    /// The default: an option id (single) or a list of option ids (multi). None means required.
    #[serde(default)]
    pub default: Option<RawDefault>,
    /// Ask the question only when this condition on earlier answers holds; otherwise it takes
    /// its default.
    #[serde(default)]
    pub when: Option<RawCondition>,
    /// An earlier question whose answer this one must not repeat: options chosen there are
    /// dropped here (with a note) and not offered by `ask`.
    #[serde(default)]
    pub distinct_from: Option<String>,
    /// A multi-choice question that used to be single-choice: answers files may still give one
    /// option id as a string.
    #[serde(default)]
    pub was_single: bool,
    /// The answer says what the system is (its shape, its tasks, its kind) rather than a
    /// judgment call about it; "How robust is this?" lists changes to it after the others.
    #[serde(default)]
    pub defines_the_system: bool,
}

/// A question's default as written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawDefault {
    /// One option id.
    One(String),
    /// A list of option ids.
    Many(Vec<String>),
}

/// One option of a question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    /// Stable id, the value in `[answers]`.
    pub id: String,
    /// Short human label.
    pub label: String,
    /// One or two sentences on when this option applies.
    pub description: String,
}

/// `rules/*.yaml`: fit rules, exclusions and caveats.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Fit rules: points for languages when a condition holds.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Knock-outs: languages removed from the ranking when a condition holds.
    #[serde(default)]
    pub exclusions: Vec<RawExclusion>,
    /// What a team must know if it picks a language.
    #[serde(default)]
    pub caveats: Vec<RawCaveat>,
    /// Changes to entries of packs loaded before: new points for a rule, or disabling an entry.
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
    /// Requirements the answers can state as hard: the languages that cannot meet one rank
    /// below those that can.
    #[serde(default)]
    pub requirements: Vec<RawRequirement>,
    /// Fact groups: rules that restate one fact name a group, and only the strongest counts.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

/// A requirement the answers can state as hard.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequirement {
    /// Stable id.
    pub id: String,
    /// When the answers state it.
    pub when: RawCondition,
    /// The requirement in a few words, for reports ("no garbage collector").
    pub title: String,
    /// The language ids that cannot meet it.
    pub languages: Vec<String>,
    /// Why they cannot, in one line.
    pub reason: String,
    /// `NNN / Section heading`.
    pub source: String,
}

/// A fact group: the rules that name it restate one fact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Stable id, named by the rules' `group`.
    pub id: String,
    /// The fact the rules restate, in one line.
    pub fact: String,
}

/// A change to an existing entry, made by a team pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    /// The id of the rule (or, to disable, requirement, exclusion or caveat) to change.
    pub rule: String,
    /// New points per language; languages not listed keep theirs.
    #[serde(default, deserialize_with = "ordered_points_opt")]
    pub points: Option<Vec<(String, f64)>>,
    /// Take the entry out of the pack.
    #[serde(default)]
    pub disable: bool,
    /// Why the team changes it.
    pub reason: String,
}

fn ordered_points_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<(String, f64)>>, D::Error> {
    ordered_points(deserializer).map(Some)
}

/// A fit rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable id.
    pub id: String,
    /// When the rule fires; always when absent.
    #[serde(default)]
    pub when: Option<RawCondition>,
    /// Points per language id, positive or negative, in the order written.
    #[serde(deserialize_with = "ordered_points")]
    pub points: Vec<(String, f64)>,
    /// One line on why, in words that hold for every language in `points`.
    pub reason: String,
    /// `NNN / Section heading` of the guide this comes from.
    pub source: String,
    /// The fact group this rule restates: per language, only the strongest fired rule of a
    /// group counts.
    #[serde(default)]
    pub group: Option<String>,
    /// Ids of the penalty rules this rule offsets: per language it counts at most the points
    /// they take away when they fire, so it never becomes a bonus.
    #[serde(default)]
    pub offsets: Vec<String>,
}

/// A knock-out.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExclusion {
    /// Stable id.
    pub id: String,
    /// When the languages are excluded.
    pub when: RawCondition,
    /// The language ids excluded.
    pub languages: Vec<String>,
    /// Why, in one line.
    pub reason: String,
    /// `NNN / Section heading`.
    pub source: String,
}

/// A caveat.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaveat {
    /// Stable id.
    pub id: String,
    /// When the caveat applies; always when absent.
    #[serde(default)]
    pub when: Option<RawCondition>,
    /// The language ids it is shown for.
    pub languages: Vec<String>,
    /// What the team must know.
    pub text: String,
    /// `NNN / Section heading`.
    pub source: String,
    /// Ids of penalty rules whose point this caveat makes too: when one of them counts against
    /// the language, reports show the two once, as that rule with the caveat's text.
    #[serde(default)]
    pub restates: Vec<String>,
}

/// A condition as written: a mapping whose entries must all hold. A question id maps to an
/// option id or a list of them (the answer is, or contains, one of them); `all` and `any`
/// map to lists of conditions and `not` to one condition.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCondition(pub Vec<(String, RawTest)>);

/// One entry of a condition mapping.
#[derive(Debug, Clone, PartialEq)]
pub enum RawTest {
    /// `question: option` or `question: [options]`.
    Options(Vec<String>),
    /// `all: [...]`.
    All(Vec<RawCondition>),
    /// `any: [...]`.
    Any(Vec<RawCondition>),
    /// `not: {...}`.
    Not(Box<RawCondition>),
}

/// Reads a mapping of language ids to points, keeping the written order.
fn ordered_points<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(String, f64)>, D::Error> {
    struct PointsVisitor;
    impl<'de> Visitor<'de> for PointsVisitor {
        type Value = Vec<(String, f64)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping of language ids to points, like {go: 4, elixir: -2}")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut points = Vec::new();
            while let Some(entry) = map.next_entry::<String, f64>()? {
                points.push(entry);
            }
            Ok(points)
        }
    }
    deserializer.deserialize_map(PointsVisitor)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for RawCondition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionVisitor;
        impl<'de> Visitor<'de> for ConditionVisitor {
            type Value = RawCondition;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a condition: a mapping of question ids to options, or all/any/not")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawCondition, A::Error> {
                let mut tests = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let test = match key.as_str() {
                        "all" => RawTest::All(map.next_value()?),
                        "any" => RawTest::Any(map.next_value()?),
                        "not" => RawTest::Not(Box::new(map.next_value()?)),
                        _ => match map.next_value::<OneOrMany>() {
                            Ok(OneOrMany::One(s)) => RawTest::Options(vec![s]),
                            Ok(OneOrMany::Many(v)) => RawTest::Options(v),
                            Err(_) => {
                                return Err(de::Error::custom(format!(
                                    "`{key}` must map to an option id or a list of option ids"
                                )));
                            }
                        },
                    };
                    tests.push((key, test));
                }
                if tests.is_empty() {
                    return Err(de::Error::custom("a condition needs at least one test"));
                }
                Ok(RawCondition(tests))
            }
        }
        deserializer.deserialize_map(ConditionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_options_and_combinators() {
        let c: RawCondition =
            crate::yaml::from_str("shape: [a, b]\nnot: {team: x}\nany: [{k: v}]\n").unwrap();
        assert_eq!(c.0.len(), 3);
        assert_eq!(c.0[0], ("shape".into(), RawTest::Options(vec!["a".into(), "b".into()])));
        assert!(matches!(&c.0[1].1, RawTest::Not(inner) if inner.0.len() == 1));
        assert!(matches!(&c.0[2].1, RawTest::Any(list) if list.len() == 1));
    }

    #[test]
    fn rule_points_keep_their_written_order() {
        let r: RawRule =
            crate::yaml::from_str("id: x\npoints: {go: 3, elixir: -2}\nreason: r\nsource: s\n").unwrap();
        assert_eq!(r.points, vec![("go".into(), 3.0), ("elixir".into(), -2.0)]);
    }
}
