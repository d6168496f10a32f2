//! `advisor team`: where the members' answers agree and disagree, the consensus and its
//! ranking, and the disagreements that matter.

use crate::cli::{AnswersArgs, DiffFormat, TeamArgs};
use crate::engine::team::team;
use crate::error::{Diagnostic, Error};
use crate::{Io, answers, fsio, report};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The answers files of a folder: `*.toml`, `*.yaml`, `*.yml`, sorted.
fn folder_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<PathBuf> = fsio::folder_entries(dir)
        .map_err(|(_, problem)| Error::invalid(problem))?
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml" || e == "yaml" || e == "yml"))
        // The team's own advisor.toml (a consensus written there, say) is not a member.
        .filter(|p| p.file_stem().is_none_or(|s| s != "advisor"))
        .collect();
    Ok(files)
}

/// A member's name: the file's stem.
fn member_name(path: &Path) -> String {
    crate::safe::line(
        &path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned()),
    )
    .into_owned()
}

/// The members' files: those named, and the answers files of the folders named.
pub fn member_files(named: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for path in named {
        let found = if path.is_dir() { folder_files(path)? } else { vec![path.clone()] };
        for file in found {
            // One member once, however the file is named (a folder and one of its files).
            let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if !seen.contains(&key) {
                seen.push(key);
                files.push(file);
            }
        }
    }
    Ok(files)
}

/// The members' names and answers, every member scored with `pack`'s rule packs.
pub fn load_members(
    files: &[PathBuf],
    packs: &crate::cli::PackArgs,
    io: &mut Io<'_>,
    fingerprint: Option<&str>,
) -> Result<(Vec<String>, Vec<super::Input>), Error> {
    if files.len() < 2 {
        return Err(Error::Usage(format!(
            "a team needs two or more answers files; {} given (name the members' files, or a folder of them)",
            files.len()
        )));
    }
    let mut cache = super::PackCache::default();
    let mut inputs: Vec<super::Input> = Vec::new();
    for path in files {
        let input_args = AnswersArgs { file: Some(path.clone()), answers: None, set: Vec::new() };
        inputs.push(super::load_input_cached(&input_args, packs, io, &mut cache)?);
    }
    let expected = fingerprint.map_or_else(|| inputs[0].pack.fingerprint.clone(), str::to_string);
    if let Some(other) = inputs.iter().find(|i| i.pack.fingerprint != expected) {
        return Err(Error::Usage(format!(
            "{} is scored with other rule packs than the rest; a team compares answers to the same questions (give the packs with --pack, or name the same ones in every file)",
            other.source
        )));
    }
    Ok((files.iter().map(|f| member_name(f)).collect(), inputs))
}

/// Runs `team`; returns the exit code.
pub fn run(args: &TeamArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let files = member_files(&args.files)?;
    let (names, inputs) = load_members(&files, &args.pack, io, None)?;
    let pack = inputs[0].pack.clone();
    // --prefer names a member by file or by name (the file's stem).
    let prefer = match &args.prefer {
        None => None,
        Some(p) => {
            let found = files.iter().position(|f| {
                f == p
                    || std::fs::canonicalize(f).ok().is_some_and(|c| std::fs::canonicalize(p).ok() == Some(c))
                    || member_name(f) == p.to_string_lossy()
            });
            Some(found.ok_or_else(|| {
                Error::Usage(format!(
                    "--prefer {} is not a member; the members are {}",
                    crate::safe::path(p),
                    files.iter().map(|f| member_name(f)).collect::<Vec<_>>().join(", ")
                ))
            })?)
        }
    };
    let members: Vec<&crate::model::Answers> = inputs.iter().map(|i| &i.file.answers).collect();
    let given: Vec<&[bool]> = inputs.iter().map(|i| i.file.given.as_slice()).collect();
    let result = team(&pack, &members, &given, prefer);

    if let Some(path) = &args.write_consensus {
        let include = vec![true; pack.questions.len()];
        let shown = crate::safe::path(path);
        let saved = answers::write::Saved {
            pack: &pack,
            answers: &result.consensus,
            include: &include,
            decision: None,
            packs: &inputs[0].file.packs,
            path: &shown,
            date: &fsio::today()?,
        };
        // The file says it is a consensus, and which answers were contested and how settled.
        let mut text = format!("# The consensus of {}, written by `advisor team`.\n", names.join(", "));
        for line in report::team::contested(&pack, &result, &names) {
            writeln!(text, "# {}", crate::safe::line(&line))?;
        }
        answers::write::write_saved(&mut text, &saved, answers::Format::of(path))?;
        fsio::write_atomic(path, text.as_bytes(), args.force).map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "already exists; it was left as it is (use --force to replace it)".to_string()
            } else {
                format!("cannot write: {}", fsio::io_reason(&e))
            };
            Error::invalid(Diagnostic::new(&shown, message))
        })?;
        super::emit(io.stderr, &format!("Wrote the consensus to {shown}\n"))?;
    }

    let mut text = String::new();
    match args.format {
        DiffFormat::Text => report::team::text(&pack, &result, &names, usize::from(io.width), &mut text)?,
        DiffFormat::Markdown => report::team::markdown(&pack.for_markdown(), &result, &names, &mut text)?,
        DiffFormat::Json => text = report::team::json(&pack, &result, &names)?,
    }
    super::emit(io.stdout, &text)?;
    Ok(0)
}
