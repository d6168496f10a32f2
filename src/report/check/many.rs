//! `advisor check` over many files: each file rendered as soon as it is judged, then one line
//! or object per file and the counts.

use super::github::{annotations, github_errors};
use super::json::malformed_json;
use crate::engine::check::{Assessment, Verdict};
use crate::error::Error;
use crate::pack::Pack;
use crate::text::wrap;
use std::fmt::{self, Write};

/// What a check of many files found in one of them, rendered as soon as it was judged: only
/// the format that is printed, since thousands of files add up.
#[derive(Debug)]
pub enum Outcome {
    /// It was judged.
    Judged {
        /// The outcome.
        verdict: Verdict,
        /// The main finding, in one line (`--format text`).
        summary: String,
        /// The file's annotations (`--format github`).
        github: String,
        /// The file's JSON object (`--format json`).
        json: serde_json::Value,
    },
    /// It could not be read or checked.
    Malformed(Error),
}

/// How many files of a check of many ended each way, and the exit code they add up to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    holds: usize,
    waived: usize,
    drift: usize,
    no_decision: usize,
    unverifiable: usize,
    malformed: usize,
    files: usize,
    failing: usize,
}

impl Tally {
    /// Counts the outcomes.
    pub fn of(outcomes: &[(String, Outcome)]) -> Tally {
        let mut t = Tally { files: outcomes.len(), ..Tally::default() };
        for (_, outcome) in outcomes {
            let Outcome::Judged { verdict, .. } = outcome else {
                t.malformed += 1;
                continue;
            };
            match verdict {
                Verdict::Holds => t.holds += 1,
                Verdict::Waived => t.waived += 1,
                Verdict::Drift => t.drift += 1,
                Verdict::NoDecision | Verdict::Undecided => t.no_decision += 1,
                Verdict::Unverifiable => t.unverifiable += 1,
            }
            if verdict.exit_code() == 1 {
                t.failing += 1;
            }
        }
        t
    }

    /// 2 if any file is malformed, else 1 if any does not hold, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.malformed > 0 {
            2
        } else if self.failing > 0 {
            1
        } else {
            0
        }
    }

    /// "3 files; holds: 2, does not hold: 1; exit 1".
    fn line(&self) -> String {
        let mut parts = vec![format!("holds: {}", self.holds)];
        for (n, word) in [
            (self.waived, "waived"),
            (self.drift, "does not hold"),
            (self.no_decision, "no decision"),
            (self.unverifiable, "unverifiable"),
            (self.malformed, "cannot be checked"),
        ] {
            if n > 0 {
                parts.push(format!("{word}: {n}"));
            }
        }
        let noun = if self.files == 1 { "file" } else { "files" };
        format!("{} {noun}; {}; exit {}", self.files, parts.join(", "), self.exit_code())
    }
}

/// A verdict as the line of one file of many says it.
fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Holds => "holds",
        Verdict::Waived => "waived",
        Verdict::NoDecision => "no decision",
        Verdict::Undecided => "no decision (--strict)",
        Verdict::Drift => "does not hold",
        Verdict::Unverifiable => "unverifiable (--strict, own packs)",
    }
}

/// Many files in plain text: one line per file (a malformed file's problems each on their own
/// line), then the summary.
pub fn many_text(outcomes: &[(String, Outcome)], width: usize, out: &mut impl Write) -> fmt::Result {
    for (shown, outcome) in outcomes {
        let line = match outcome {
            Outcome::Judged { verdict, summary, .. } => {
                format!("{shown}: {}: {summary}", verdict_words(*verdict))
            }
            Outcome::Malformed(Error::Invalid(problems)) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|d| {
                        let at = d.position.map_or(String::new(), |p| format!("line {}: ", p.line));
                        format!("{at}{}", crate::safe::message(&d.message))
                    })
                    .collect();
                format!("{shown}: cannot be checked: {}", lines.join("\n"))
            }
            Outcome::Malformed(e) => {
                format!("{shown}: cannot be checked: {}", e.to_string().trim_start_matches("error: "))
            }
        };
        for (i, l) in line.lines().enumerate() {
            out.write_str(&wrap(l, width, if i == 0 { "" } else { "  " }, "    "))?;
        }
    }
    out.write_str(&wrap(&Tally::of(outcomes).line(), width, "", "  "))
}

/// Many files as GitHub Actions workflow commands: each file's annotations, then one summary
/// line for the log.
pub fn many_github(outcomes: &[(String, Outcome)], out: &mut impl Write) -> fmt::Result {
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Judged { github, .. } => out.write_str(github)?,
            Outcome::Malformed(e) => github_errors(e, out)?,
        }
    }
    writeln!(out, "advisor check: {}", Tally::of(outcomes).line())
}

/// Many files as one JSON object: each file's object and the counts.
pub fn many_json(outcomes: &[(String, Outcome)]) -> Result<String, Error> {
    let files: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|(shown, outcome)| match outcome {
            Outcome::Judged { json, .. } => json.clone(),
            Outcome::Malformed(e) => malformed_json(shown, e),
        })
        .collect();
    let t = Tally::of(outcomes);
    let value = serde_json::json!({
        "files": files,
        "summary": {
            "files": t.files,
            "holds": t.holds,
            "waived": t.waived,
            "drift": t.drift,
            "no_decision": t.no_decision,
            "unverifiable": t.unverifiable,
            "malformed": t.malformed,
            "exit_code": t.exit_code(),
        },
    });
    crate::report::json::pretty(&value)
}

/// The annotations of one file of many (`--format github`), without its verdict line.
pub fn many_github_entry(pack: &Pack, file: &str, assessment: &Assessment<'_>) -> Result<String, Error> {
    let mut out = String::new();
    annotations(pack, file, assessment, &mut out)?;
    Ok(out)
}
