//! Answers given on the command line: `--set QUESTION=VALUE`. The syntax is checked when the
//! arguments are parsed; the question and options once the packs are loaded (team packs may add
//! questions), with the same did-you-mean as answers files.

use crate::error::{Diagnostic, Error};
use crate::model::{Kind, OptionSet, QuestionIdx};
use crate::pack::Pack;
use crate::suggest::{did_you_mean, shorten};
use clap::builder::{PossibleValue, TypedValueParser};

/// One `--set`: the question, and its new answer (`None` clears it: the question takes its
/// default, or counts as unanswered when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAnswer {
    /// The question.
    pub question: QuestionIdx,
    /// The options chosen, or `None` for an empty value.
    pub value: Option<OptionSet>,
}

/// Where `--set` problems are reported.
pub const SOURCE: &str = "--set";

/// Checks every `--set QUESTION=VALUE` against the pack, reporting every problem at once.
pub fn parse(pack: &Pack, sets: &[String]) -> Result<Vec<SetAnswer>, Error> {
    let mut problems = Vec::new();
    let mut out: Vec<SetAnswer> = Vec::new();
    for set in sets {
        let (key, value) = set.split_once('=').unwrap_or((set.as_str(), ""));
        let problem = |message: String| Diagnostic::new(SOURCE, format!("`{}`: {message}", shorten(set)));
        let Some(question) = pack.question(key.trim()) else {
            let hint = did_you_mean(key.trim(), pack.questions.iter().map(|q| q.id.as_ref()));
            problems.push(problem(format!(
                "unknown question `{}`{hint}; `advisor questions` lists them",
                shorten(key.trim())
            )));
            continue;
        };
        let q = &pack.questions[question];
        let ids: Vec<&str> = value.split(',').map(str::trim).filter(|v| !v.is_empty()).collect();
        if q.kind == Kind::Single && ids.len() > 1 {
            let known: Vec<&str> = q.option_ids().collect();
            problems.push(problem(format!(
                "`{}` takes one option, not a list; one of: {}",
                q.id,
                known.join(", ")
            )));
            continue;
        }
        let mut options = OptionSet::new();
        let mut ok = true;
        for id in &ids {
            match q.option(id) {
                Some(o) => {
                    options.insert(o);
                }
                None => {
                    let hint = crate::model::option_hint(&pack.languages, q, id);
                    let known: Vec<&str> = q.option_ids().collect();
                    problems.push(problem(format!(
                        "question `{}` has no option `{}`{hint}; expected one of: {}",
                        q.id,
                        shorten(id),
                        known.join(", ")
                    )));
                    ok = false;
                }
            }
        }
        if !ok {
            continue;
        }
        let value = if ids.is_empty() && q.kind == Kind::Single { None } else { Some(options) };
        // A later --set of the same question wins, as later flags do.
        out.retain(|s| s.question != question);
        out.push(SetAnswer { question, value });
    }
    if problems.is_empty() { Ok(out) } else { Err(Error::Invalid(problems)) }
}

/// Parses `--set` at the command line: `QUESTION=VALUE` syntax only, and offers the built-in
/// pack's `question=option` pairs to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct SetParser;

impl TypedValueParser for SetParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_str().ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))?;
        match text.split_once('=') {
            Some((key, _)) if !key.trim().is_empty() => Ok(text.to_string()),
            _ => {
                let mut err = clap::Error::new(clap::error::ErrorKind::ValueValidation).with_cmd(cmd);
                if let Some(arg) = arg {
                    err.insert(
                        clap::error::ContextKind::InvalidArg,
                        clap::error::ContextValue::String(arg.to_string()),
                    );
                }
                err.insert(
                    clap::error::ContextKind::InvalidValue,
                    clap::error::ContextValue::String(text.into()),
                );
                err.insert(
                    clap::error::ContextKind::Suggested,
                    clap::error::ContextValue::StyledStrs(vec![
                        "write it as QUESTION=VALUE, for example --set shape=cpu_parallel".into(),
                    ]),
                );
                Err(err)
            }
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let pack = crate::pack::builtin();
        let pairs: Vec<PossibleValue> = pack
            .questions
            .iter()
            .flat_map(|q| q.options.iter().map(move |o| PossibleValue::new(format!("{}={}", q.id, o.id))))
            .collect();
        Some(Box::new(pairs.into_iter()))
    }
}
