//! Advice scenarios: an answers table and what the ranking must show. The project's golden
//! tests are scenario files, checked with the semantics of the scenario runner the project's
//! scenarios come from (`run.py` beside the shared scenarios; not part of this repository).

use crate::answers::{self, AnswersFile, Format};
use crate::engine;
use crate::error::{Diagnostic, Error};
use crate::pack::Pack;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A scenario file: `[[scenario]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The scenarios, in file order.
    pub scenario: Vec<Scenario>,
}

/// One scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id.
    pub id: String,
    /// Why the expectation holds, citing a guide.
    #[serde(default)]
    pub why: String,
    /// Answers as in an answers file's `[answers]` table; omitted questions take defaults.
    pub answers: toml::Table,
    /// Rank 1 must be one of these.
    #[serde(default)]
    pub expect_top: Vec<String>,
    /// Each of these must rank in the top 3.
    #[serde(default)]
    pub expect_top3: Vec<String>,
    /// None of these may rank 1.
    #[serde(default)]
    pub reject_top: Vec<String>,
    /// None of these may rank in the top 3 (being excluded counts as not ranked).
    #[serde(default)]
    pub reject_top3: Vec<String>,
    /// Language -> words; its caveats must contain one of the words (case-insensitive).
    #[serde(default)]
    pub caveat_has: BTreeMap<String, Vec<String>>,
}

/// Reads a scenario file's text; `file` names it in messages.
pub fn load(file: &str, text: &str) -> Result<Vec<Scenario>, Error> {
    toml::from_str::<ScenarioFile>(text)
        .map(|f| f.scenario)
        .map_err(|e| Error::invalid(answers::toml_diagnostic(file, text, &e)))
}

/// The scenario's answers, checked against the pack as an answers file would be.
pub fn answers_of(pack: &Pack, scenario: &Scenario) -> Result<AnswersFile, Error> {
    let name = format!("scenario `{}`", scenario.id);
    let mut doc = toml::Table::new();
    doc.insert("version".into(), toml::Value::Integer(answers::FORMAT_VERSION));
    doc.insert("answers".into(), toml::Value::Table(scenario.answers.clone()));
    let text = toml::to_string(&doc).map_err(|e| Error::Usage(format!("{name}: {e}")))?;
    answers::parse(&name, &text, Format::Toml, pack)
}

/// What went wrong with one scenario, empty when it holds. Unknown language ids in the
/// expectations and invalid answers are errors, not failures.
pub fn check(pack: &Pack, scenario: &Scenario) -> Result<Vec<String>, Error> {
    let name = format!("scenario `{}`", scenario.id);
    let mentioned = scenario
        .expect_top
        .iter()
        .chain(&scenario.expect_top3)
        .chain(&scenario.reject_top)
        .chain(&scenario.reject_top3)
        .chain(scenario.caveat_has.keys());
    for id in mentioned {
        if pack.language(id).is_none() {
            return Err(Error::invalid(Diagnostic::new(
                &name,
                format!("unknown language `{id}` in expectations"),
            )));
        }
    }
    let file = answers_of(pack, scenario)?;
    let evaluation = engine::evaluate(pack, &file.answers);
    let order: Vec<&str> =
        evaluation.ranking.iter().map(|r| pack.languages[r.language].id.as_ref()).collect();
    let top = order.first().copied();
    // A tie at rank 1 puts each tied language first: every one of them must be expected, and
    // none rejected.
    let tie = evaluation.tie();
    let firsts: Vec<&str> = if tie.is_empty() {
        top.into_iter().collect()
    } else {
        tie.iter().map(|&l| pack.languages[l].id.as_ref()).collect()
    };
    let top3 = &order[..order.len().min(3)];
    let mut problems = Vec::new();
    if !scenario.expect_top.is_empty()
        && (firsts.is_empty() || !firsts.iter().all(|t| scenario.expect_top.iter().any(|e| e == t)))
    {
        let first = if firsts.is_empty() { "nothing".to_string() } else { firsts.join(" tied with ") };
        problems.push(format!("rank 1 is {first}, expected one of {:?}", scenario.expect_top));
    }
    for lang in &scenario.expect_top3 {
        if !top3.contains(&lang.as_str()) {
            problems.push(format!("{lang} not in top 3 {top3:?}"));
        }
    }
    for lang in &scenario.reject_top {
        if firsts.contains(&lang.as_str()) {
            problems.push(format!("{lang} ranks 1, must not"));
        }
    }
    for lang in &scenario.reject_top3 {
        if top3.contains(&lang.as_str()) {
            problems.push(format!("{lang} in top 3 {top3:?}, must not"));
        }
    }
    for (lang, words) in &scenario.caveat_has {
        let Some(ranked) = evaluation.ranking.iter().find(|r| &pack.languages[r.language].id == lang) else {
            problems.push(format!("{lang} is not ranked, so its caveats cannot be checked"));
            continue;
        };
        let texts: String =
            ranked.caveats.iter().map(|c| c.text.to_lowercase()).collect::<Vec<_>>().join(" ");
        if !words.iter().any(|w| texts.contains(&w.to_lowercase())) {
            problems.push(format!("{lang} caveats mention none of {words:?}"));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("ranking: {}", order.iter().take(5).copied().collect::<Vec<_>>().join(" > ")));
    }
    Ok(problems)
}
