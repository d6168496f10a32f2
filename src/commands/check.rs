//! `advisor check`: re-score a committed answers file and say whether its recorded decision
//! still holds. Exit 0 holds (or waived, or no decision), 1 drift, 2 unusable input.

use crate::cli::{CheckArgs, CheckFormat};
use crate::engine::check::{self, Options};
use crate::error::{Diagnostic, Error};
use crate::report;
use crate::report::check::Outcome;
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
            let mut out = String::new();
            report::check::github_errors(&e, &mut out)?;
            super::emit(io.stdout, &out)?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let (pack, file, shown) = (&input.pack, &input.file, &input.source);
    let assessment = assess(&input, &options(args));
    let mut out = String::new();
    match args.format {
        CheckFormat::Text => {
            let packs = input.packs.describe();
            report::check::text(
                pack,
                shown,
                file,
                &assessment,
                packs.as_deref(),
                usize::from(io.width),
                &mut out,
            )?;
        }
        CheckFormat::Github => report::check::github(pack, shown, &assessment, &mut out)?,
        CheckFormat::Json => out = report::check::json(pack, shown, file, args.tolerance, &assessment)?,
    }
    super::emit(io.stdout, &out)?;
    Ok(assessment.verdict.exit_code())
}

/// How strictly the arguments ask to check. Waivers expire by the real calendar:
/// SOURCE_DATE_EPOCH (for reproducible written files) must not move it.
fn options(args: &CheckArgs) -> Options {
    let today = args.today.clone().unwrap_or_else(fsio::clock_today);
    Options { tolerance: args.tolerance, strict: args.strict, today }
}

/// Judges one loaded answers file, with a finding when it loads its own rule pack.
fn assess<'p>(input: &'p super::Input, options: &Options) -> check::Assessment<'p> {
    let mut assessment = check::assess(&input.pack, &input.file, &input.text, input.format, options);
    let own = input.packs.from_file();
    if !own.is_empty() {
        // The rules a file brings can make it pass its own check: say so wherever it runs.
        let folders = own.iter().map(|d| crate::safe::path(d)).collect();
        let at = crate::answers::position(&input.text, input.format, &["packs"], crate::answers::Target::Key);
        check::flag_own_packs(&mut assessment, folders, at, options.strict);
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
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            // An answers file that cannot be examined is still checked, and reported as such.
            Err(_) if is_answers_file(&name) => {
                found.push(path);
                continue;
            }
            Err(e) => {
                let shown = crate::safe::path(&path);
                return Err(Error::invalid(Diagnostic::new(
                    shown,
                    format!("cannot examine: {}", fsio::io_reason(&e)),
                )));
            }
        };
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
    let options = options(args);
    let mut cache = super::PackCache::default();
    let mut outcomes: Vec<(String, Outcome)> = Vec::new();
    for path in &files {
        let shown = crate::safe::path(path);
        let input_args =
            crate::cli::AnswersArgs { file: Some(path.clone()), answers: None, set: args.input.set.clone() };
        let outcome = match super::load_input_cached(&input_args, &args.pack, io, &mut cache) {
            Err(e) => Outcome::Malformed(e),
            Ok(input) => {
                let assessment = assess(&input, &options);
                let pack = &input.pack;
                let (mut summary, mut github, mut json) =
                    (String::new(), String::new(), serde_json::Value::Null);
                // Only the format that is printed is rendered: thousands of files add up.
                match args.format {
                    CheckFormat::Text => summary = report::check::summary(pack, &shown, &assessment),
                    CheckFormat::Github => {
                        github = report::check::many_github_entry(pack, &shown, &assessment)?
                    }
                    CheckFormat::Json => {
                        json = report::check::json_value(
                            pack,
                            &shown,
                            &input.file,
                            args.tolerance,
                            &assessment,
                        )?;
                    }
                }
                Outcome::Judged { verdict: assessment.verdict, summary, github, json }
            }
        };
        outcomes.push((shown, outcome));
    }
    let mut out = String::new();
    match args.format {
        CheckFormat::Text => report::check::many_text(&outcomes, usize::from(io.width), &mut out)?,
        CheckFormat::Github => report::check::many_github(&outcomes, &mut out)?,
        CheckFormat::Json => out = report::check::many_json(&outcomes)?,
    }
    super::emit(io.stdout, &out)?;
    Ok(report::check::Tally::of(&outcomes).exit_code())
}
