//! `advisor check`: re-score a committed answers file and say whether its recorded decision
//! still holds. Exit 0 holds (or waived, or no decision), 1 drift, 2 unusable input.

use crate::check::{self, Options};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Error;
use crate::report;
use crate::{Io, fsio};
use std::path::{Path, PathBuf};

/// Runs `check`; returns the exit code.
pub fn run(args: &CheckArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let named: Vec<&Path> =
        args.input.named().into_iter().chain(args.more.iter().map(PathBuf::as_path)).collect();
    if named.len() > 1 || named.iter().any(|p| p.is_dir()) {
        return many(args, &named, io);
    }
    one(args, io)
}

/// One file: the full report.
fn one(args: &CheckArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let input = match super::load_input(&args.input, &args.pack, io) {
        Ok(input) => input,
        Err(e @ Error::Invalid(_)) if args.format == CheckFormat::Github => {
            // A malformed file is annotated in the pull request too, on its line.
            super::emit(io.stdout, &report::check::github_errors(&e))?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let (pack, file, shown) = (&input.pack, &input.file, &input.source);
    // Waivers expire by the real calendar: SOURCE_DATE_EPOCH (for reproducible written files)
    // must not move it.
    let today = args.today.clone().unwrap_or_else(fsio::clock_today);
    let options = Options { tolerance: args.tolerance, strict: args.strict, today, file: shown.clone() };
    let assessment = assess(&input, &options);
    let out = match args.format {
        CheckFormat::Text => {
            let mut text = report::check::text(pack, shown, file, &assessment, usize::from(io.width));
            if let Some(line) = input.packs.describe() {
                // Right after the first line, which names the file.
                let at = text.find('\n').map_or(text.len(), |i| i + 1);
                text.insert_str(at, &report::wrap(&line, usize::from(io.width), "", "  "));
            }
            text
        }
        CheckFormat::Github => report::check::github(pack, shown, &assessment),
        CheckFormat::Json => report::check::json(pack, shown, file, args.tolerance, &assessment)?,
    };
    super::emit(io.stdout, &out)?;
    Ok(assessment.verdict.exit_code())
}

/// Judges one loaded answers file, with a warning when it loads its own rule pack.
fn assess<'p>(input: &'p super::Input, options: &Options) -> check::Assessment<'p> {
    let mut assessment = check::assess(&input.pack, &input.file, &input.text, input.format, options);
    let own = input.packs.from_file();
    if !own.is_empty() {
        // The rules a file brings can make it pass its own check: say so wherever it runs.
        let dirs: Vec<String> = own.iter().map(|d| crate::safe::path(d)).collect();
        // Under --strict it fails: a file that brings its own rules cannot vouch for itself.
        if options.strict {
            assessment.verdict = check::Verdict::Unverifiable;
        }
        assessment.findings.insert(
            0,
            check::Finding {
                level: if options.strict { check::Level::Error } else { check::Level::Warning },
                code: "file-packs",
                message: format!(
                    "{} loads its own rule pack ({}): rules a file brings can make it pass its own check; \
                 in CI, run `advisor check --no-file-packs` (or set ADVISOR_NO_FILE_PACKS=1)",
                    input.source,
                    dirs.join(", ")
                ),
                at: crate::answers::position(
                    &input.text,
                    input.format,
                    &["packs"],
                    crate::answers::Target::Key,
                ),
            },
        );
    }
    assessment
}

/// Whether a file is one that a folder search checks.
fn is_answers_file(name: &str) -> bool {
    name == "advisor.toml" || name.ends_with(".advisor.toml")
}

/// The answers files under `dir` (not following links, skipping hidden folders and build
/// output), sorted.
fn search(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let paths = fsio::folder_entries(dir).map_err(|(_, problem)| Error::invalid(problem))?;
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            if !name.starts_with('.') && !["target", "node_modules"].contains(&name.as_str()) {
                search(&path, found)?;
            }
        } else if meta.is_file() && is_answers_file(&name) {
            found.push(path);
        }
    }
    Ok(())
}

/// What happened to one file of many.
enum Outcome {
    /// It was judged.
    Judged {
        verdict: check::Verdict,
        /// The main finding, in one line.
        summary: String,
        /// The file's annotations (`--format github` only).
        github: String,
        /// The file's JSON object (`--format json` only).
        json: serde_json::Value,
    },
    /// It could not be read or checked.
    Malformed(Error),
}

/// One line of the summary for a verdict.
fn verdict_words(verdict: check::Verdict) -> &'static str {
    match verdict {
        check::Verdict::Holds => "holds",
        check::Verdict::Waived => "waived",
        check::Verdict::NoDecision => "no decision",
        check::Verdict::Undecided => "no decision (--strict)",
        check::Verdict::Drift => "does not hold",
        check::Verdict::Unverifiable => "unverifiable (--strict, own packs)",
    }
}

/// Many files, or folders: the packs loaded once, one line per file, then a summary. Exit 2 if
/// any file is malformed (after checking the others), else 1 if any does not hold, else 0.
fn many(args: &CheckArgs, named: &[&Path], io: &mut Io<'_>) -> Result<u8, Error> {
    let mut files = Vec::new();
    for path in named {
        if path.is_dir() {
            let before = files.len();
            search(path, &mut files)?;
            if files.len() == before {
                return Err(Error::Usage(format!(
                    "{} holds no advisor.toml or *.advisor.toml; name the answers files to check",
                    crate::safe::path(path)
                )));
            }
        } else {
            files.push(path.to_path_buf());
        }
    }
    let today = args.today.clone().unwrap_or_else(fsio::clock_today);
    let mut cache = super::PackCache::default();
    let mut outcomes: Vec<(String, Outcome)> = Vec::new();
    for path in &files {
        let shown = crate::safe::path(path);
        let input_args =
            crate::cli::AnswersArgs { file: Some(path.clone()), answers: None, set: args.input.set.clone() };
        let outcome = match super::load_input_cached(&input_args, &args.pack, io, &mut cache) {
            Err(e) => Outcome::Malformed(e),
            Ok(input) => {
                let options = Options {
                    tolerance: args.tolerance,
                    strict: args.strict,
                    today: today.clone(),
                    file: shown.clone(),
                };
                let assessment = assess(&input, &options);
                let main = assessment
                    .findings
                    .iter()
                    .find(|f| f.code.starts_with("decision") || f.code.starts_with("waiver"))
                    .or_else(|| assessment.findings.first())
                    .map_or_else(String::new, |f| f.message.clone());
                // The verdict leads the line: "The decision holds: ..." says it again.
                let main = match main.split_once(": ") {
                    Some((lead, rest)) if lead.starts_with("The decision") => rest.to_string(),
                    _ => main,
                };
                let summary = match (&assessment.verdict, assessment.evaluation.ranking.first()) {
                    (check::Verdict::NoDecision | check::Verdict::Undecided, Some(first)) => {
                        format!("no [decision]; {} ranks first", input.pack.languages[first.language].name)
                    }
                    _ => main,
                };
                // Only the format that is printed is rendered: thousands of files add up.
                let github = if args.format == CheckFormat::Github {
                    report::check::github(&input.pack, &shown, &assessment)
                } else {
                    String::new()
                };
                let json = if args.format == CheckFormat::Json {
                    report::check::json_value(&input.pack, &shown, &input.file, args.tolerance, &assessment)
                } else {
                    serde_json::Value::Null
                };
                Outcome::Judged { verdict: assessment.verdict, summary, github, json }
            }
        };
        outcomes.push((shown, outcome));
    }

    let malformed = outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Malformed(_))).count();
    let count = |v: check::Verdict| {
        outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Judged { verdict, .. } if *verdict == v)).count()
    };
    let failing = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Judged { verdict, .. } if verdict.exit_code() == 1))
        .count();
    let code: u8 = if malformed > 0 {
        2
    } else if failing > 0 {
        1
    } else {
        0
    };
    let mut parts = vec![format!("holds: {}", count(check::Verdict::Holds))];
    for (n, word) in [
        (count(check::Verdict::Waived), "waived"),
        (count(check::Verdict::Drift), "does not hold"),
        (count(check::Verdict::NoDecision) + count(check::Verdict::Undecided), "no decision"),
        (count(check::Verdict::Unverifiable), "unverifiable"),
        (malformed, "cannot be checked"),
    ] {
        if n > 0 {
            parts.push(format!("{word}: {n}"));
        }
    }
    let noun = if outcomes.len() == 1 { "file" } else { "files" };
    let summary = format!("{} {noun}; {}; exit {code}", outcomes.len(), parts.join(", "));
    let width = usize::from(io.width);

    let out = match args.format {
        CheckFormat::Text => {
            let mut out = String::new();
            for (shown, outcome) in &outcomes {
                let line = match outcome {
                    Outcome::Judged { verdict, summary, .. } => {
                        format!("{shown}: {}: {summary}", verdict_words(*verdict))
                    }
                    Outcome::Malformed(Error::Invalid(problems)) => {
                        // Each problem on its own line, with its line number in the file.
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
                    out.push_str(&report::wrap(l, width, if i == 0 { "" } else { "  " }, "    "));
                }
            }
            out.push_str(&report::wrap(&summary, width, "", "  "));
            out
        }
        CheckFormat::Github => {
            let mut out = String::new();
            for (_, outcome) in &outcomes {
                match outcome {
                    Outcome::Judged { github, .. } => {
                        // Each file's annotations, without its own closing line.
                        for line in github.lines().filter(|l| l.starts_with("::")) {
                            out.push_str(line);
                            out.push('\n');
                        }
                    }
                    Outcome::Malformed(e) => out.push_str(&report::check::github_errors(e)),
                }
            }
            out.push_str(&format!("advisor check: {summary}\n"));
            out
        }
        CheckFormat::Json => {
            let files: Vec<serde_json::Value> = outcomes
                .iter()
                .map(|(shown, outcome)| match outcome {
                    Outcome::Judged { json, .. } => json.clone(),
                    Outcome::Malformed(e) => report::check::malformed_json(shown, e),
                })
                .collect();
            let value = serde_json::json!({
                "files": files,
                "summary": {
                    "files": outcomes.len(),
                    "holds": count(check::Verdict::Holds),
                    "waived": count(check::Verdict::Waived),
                    "drift": count(check::Verdict::Drift),
                    "no_decision": count(check::Verdict::NoDecision) + count(check::Verdict::Undecided),
                    "unverifiable": count(check::Verdict::Unverifiable),
                    "malformed": malformed,
                    "exit_code": code,
                },
            });
            crate::report::json::pretty(&value)?
        }
    };
    super::emit(io.stdout, &out)?;
    Ok(code)
}
