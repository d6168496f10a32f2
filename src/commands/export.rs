//! `advisor export`: the decision record in MADR form, printed, written to a file, or filed
//! in an ADR folder with the next free number; optionally superseding an earlier record.

use crate::cli::ExportArgs;
use crate::error::{Diagnostic, Error};
use crate::report::madr::{self, Record};
use crate::{Io, engine, fsio};
use anyhow::Context as _;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// Runs `export`; returns the exit code.
pub fn run(args: &ExportArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let input = super::load_input(&args.input, &args.pack, io)?;
    let answers = answers_reference(args, &input);
    let title = args.title.clone().unwrap_or_else(|| madr::default_title(&input.pack, &input.file));
    // Numbering a record in an ADR folder holds the folder's lock until the record is written.
    let lock = lock_adr_dir(args)?;
    let target = match (&args.out, &args.adr_dir) {
        (Some(out), _) => Some(out.clone()),
        (None, Some(dir)) => Some(next_record(dir, &title, args.force)?),
        (None, None) => None,
    };
    // The superseded record is read before anything is written, so a bad path writes nothing.
    let superseded = read_superseded(args, target.as_deref())?;
    let links = match (&superseded, &target) {
        (Some((old, _)), Some(new)) => Some((relative(new, old)?, relative(old, new)?)),
        _ => None,
    };
    let old_name = args.supersedes.as_deref().map(file_name);
    let supersedes = old_name.as_deref().zip(links.as_ref().map(|(to_old, _)| to_old.as_str()));
    let team = team_section(args, &input, io)?;
    let text = render_record(&input, args, &title, &answers, supersedes, team)?;
    let Some(target) = target else {
        super::emit(io.stdout, &text)?;
        return Ok(0);
    };
    let (target, shown) = write_record(args, target, &title, &text)?;
    drop(lock);
    super::emit(io.stderr, &format!("Wrote {shown}\n"))?;
    if let (Some((old, old_text)), Some((_, to_new))) = (superseded, links) {
        mark_superseded(io, &old, &old_text, &to_new, &target)?;
    }
    Ok(0)
}

/// Where the record says the answers are, and a note when they did not all come from there.
fn answers_reference(args: &ExportArgs, input: &super::Input) -> (String, Option<String>) {
    // A record names a file CI can check: the answers file itself, or, for answers from
    // standard input or --set, the file they should be saved as.
    let flags: Vec<&str> =
        input.file.set_by_flags.iter().map(|&q| input.pack.questions[q].id.as_ref()).collect();
    match args.input.named() {
        Some(path) if path.as_os_str() != "-" && flags.is_empty() => {
            (from_repository_root(path, &input.source), None)
        }
        Some(path) if path.as_os_str() != "-" => (
            from_repository_root(path, &input.source),
            Some(format!("from {} with --set {}", crate::safe::code_span(&input.source), flags.join(", "))),
        ),
        Some(_) => (super::DEFAULT_FILE.to_string(), Some("from standard input".to_string())),
        None => (super::DEFAULT_FILE.to_string(), Some("from --set flags".to_string())),
    }
}

/// The lock of the `--adr-dir` folder (created if missing) when the record is numbered in
/// it; none with `--out` or when printing.
fn lock_adr_dir(args: &ExportArgs) -> Result<Option<fsio::FolderLock>, Error> {
    match (&args.out, &args.adr_dir) {
        (None, Some(dir)) => {
            let fail = |e: std::io::Error| {
                Error::invalid(Diagnostic::new(crate::safe::path(dir), fsio::io_reason(&e)))
            };
            fsio::create_folder(dir)?;
            Ok(Some(fsio::FolderLock::acquire(dir).map_err(fail)?))
        }
        _ => Ok(None),
    }
}

/// The record `--supersedes` names and its text, checked against the new record's `target`:
/// a usage error without a target or when both are the same file.
fn read_superseded(args: &ExportArgs, target: Option<&Path>) -> Result<Option<(PathBuf, String)>, Error> {
    match (args.supersedes.as_deref(), target) {
        (Some(_), None) => Err(Error::Usage(
            "--supersedes needs --out or --adr-dir: the old record must link to a file".into(),
        )),
        (Some(old), Some(new))
            if std::fs::canonicalize(old)
                .ok()
                .is_some_and(|o| std::fs::canonicalize(new).ok().as_ref() == Some(&o))
                || old == new =>
        {
            Err(Error::Usage(format!(
                "--supersedes names {}, the file the new record is written to; supersede an earlier record",
                crate::safe::path(old)
            )))
        }
        (Some(old), Some(new)) => Ok(Some((old.to_path_buf(), superseded_record(old, new)?))),
        (None, _) => Ok(None),
    }
}

/// The record's team section, when `--team` names the members' own answers: where they
/// disagreed and how it was settled.
fn team_section(args: &ExportArgs, input: &super::Input, io: &mut Io<'_>) -> Result<Option<String>, Error> {
    if args.team.is_empty() {
        return Ok(None);
    }
    let pack = &input.pack;
    let files = super::team::member_files(&args.team)?;
    let (names, members) = super::team::load_members(&files, &args.pack, io, Some(&pack.fingerprint))?;
    let answers: Vec<&crate::model::Answers> = members.iter().map(|m| &m.file.answers).collect();
    let given: Vec<&[bool]> = members.iter().map(|m| m.file.given.as_slice()).collect();
    let result = crate::engine::team::team(pack, &answers, &given, None);
    let mut section = String::new();
    crate::report::team::record_section(
        &pack.for_markdown(),
        &result,
        &names,
        &input.file.answers,
        &mut section,
    )?;
    Ok(Some(section))
}

/// The record's text, dated today: the answers scored and rendered in MADR form, with where
/// the answers are, the record it supersedes (its name and link) and the team section.
fn render_record(
    input: &super::Input,
    args: &ExportArgs,
    title: &str,
    answers: &(String, Option<String>),
    supersedes: Option<(&str, &str)>,
    team: Option<String>,
) -> Result<String, Error> {
    let today = fsio::today()?;
    // Pack and answers text is untrusted: the record is rendered from a copy made safe for
    // Markdown, with the title escaped the same way.
    let md_pack = input.pack.for_markdown();
    let record_title = crate::safe::markdown(title);
    let record = Record {
        pack: &md_pack,
        file: &input.file,
        answers_path: &answers.0,
        answers_note: answers.1.as_deref(),
        title: Some(&record_title),
        options: usize::from(args.options),
        today: &today,
        supersedes,
        packs: input.packs.describe(),
        team,
    };
    let evaluation = engine::evaluate(&md_pack, &input.file.answers);
    let mut text = String::new();
    madr::render(&record, &evaluation, &mut text)?;
    Ok(text)
}

/// Writes the record to `target`, creating its folder; returns the file written and its name
/// as shown. A numbered record is always a new file: when another export took the number
/// meanwhile, the next free one is used, so N exports at once file N records.
fn write_record(
    args: &ExportArgs,
    target: PathBuf,
    title: &str,
    text: &str,
) -> Result<(PathBuf, String), Error> {
    let shown = crate::safe::path(&target);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fsio::create_folder(dir)?;
    }
    let mut target = target;
    let mut shown = shown;
    let mut attempts = 0;
    loop {
        let overwrite = args.force && args.adr_dir.is_none();
        match fsio::write_atomic(&target, text.as_bytes(), overwrite) {
            Ok(()) => return Ok((target, shown)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && args.out.is_none() && attempts < 1000 => {
                attempts += 1;
                let dir = args.adr_dir.as_deref().unwrap_or(Path::new("."));
                target = next_record(dir, title, true)?;
                shown = crate::safe::path(&target);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(Error::invalid(Diagnostic::new(
                    &shown,
                    "already exists; it was left as it is (use --force to replace it)",
                )));
            }
            Err(e) => {
                let reason = fsio::io_reason(&e);
                return Err(Error::invalid(Diagnostic::new(&shown, format!("cannot write: {reason}"))));
            }
        }
    }
}

/// Sets the superseded record `old`'s status to a link to the new record `target` (at
/// `to_new` relative to it), and says so.
fn mark_superseded(
    io: &mut Io<'_>,
    old: &Path,
    old_text: &str,
    to_new: &str,
    target: &Path,
) -> Result<(), Error> {
    let status = format!("superseded by [{}]({to_new})", file_name(target));
    let updated = set_status(old_text, &status);
    fsio::write_atomic(old, updated.as_bytes(), true).map_err(|e| {
        Error::invalid(Diagnostic::new(crate::safe::path(old), format!("cannot update: {e}")))
    })?;
    super::emit(io.stderr, &format!("Marked {} as {status}\n", crate::safe::path(old)))?;
    Ok(())
}

/// The answers file as CI names it: relative to the root of the repository around it (the
/// record is read there, wherever it was exported from), or as given outside a repository.
fn from_repository_root(path: &Path, shown: &str) -> String {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(folder) = std::fs::canonicalize(folder) else { return shown.to_string() };
    let Some(root) = folder.ancestors().find(|a| a.join(".git").exists()) else { return shown.to_string() };
    let Some(name) = path.file_name() else { return shown.to_string() };
    match folder.join(name).strip_prefix(root) {
        Ok(relative) => {
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            crate::safe::line(&parts.join("/")).into_owned()
        }
        Err(_) => shown.to_string(),
    }
}

/// A file's name without its folder or `.md`.
fn file_name(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

/// A title as a file-name slug: lowercase words joined by `-`, at most 60 characters.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(60).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "decision".into() } else { out }
}

/// The number of a record file `NNNN-<slug>.md` (any number of digits) and its slug.
fn record_number(name: &str) -> Option<(u64, &str)> {
    let stem = name.strip_suffix(".md")?;
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    let slug = stem[digits..].strip_prefix('-')?;
    Some((stem[..digits].parse().ok()?, slug))
}

/// `DIR/NNNN-<slug>.md` with the number after the highest record number already in `DIR`
/// (four digits at least, more when the numbers have grown past 9999).
fn next_record(dir: &Path, title: &str, force: bool) -> Result<PathBuf, Error> {
    let slug = slug(title);
    let names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => {
            let names: Result<Vec<String>, _> =
                entries.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned())).collect();
            names.map_err(|e| {
                Error::invalid(Diagnostic::new(
                    crate::safe::path(dir),
                    format!("cannot read the folder: {}", fsio::io_reason(&e)),
                ))
            })?
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(Error::invalid(Diagnostic::new(
                crate::safe::path(dir),
                format!("cannot read the folder: {}", fsio::io_reason(&e)),
            )));
        }
    };
    // A record with the same title is most likely the same decision filed twice.
    if !force && let Some(same) = names.iter().find(|n| record_number(n).is_some_and(|(_, s)| s == slug)) {
        return Err(Error::Usage(format!(
            "{} already holds a record with this title ({same}); give the new one another --title, \
             replace the old one with --supersedes {}, or add --force to file it anyway",
            crate::safe::path(dir),
            crate::safe::path(&dir.join(same))
        )));
    }
    let highest = names.iter().filter_map(|n| record_number(n)).map(|(n, _)| n).max().unwrap_or(0);
    Ok(dir.join(format!("{:04}-{slug}.md", highest.saturating_add(1))))
}

/// Reads the record `--supersedes` names: a regular file (not a link) in the folder the new
/// record goes to, since its status line is rewritten in place.
fn superseded_record(old: &Path, new: &Path) -> Result<String, Error> {
    let shown = crate::safe::path(old);
    let fail = |message: String| Error::invalid(Diagnostic::new(&shown, message));
    let link =
        std::fs::symlink_metadata(old).map_err(|e| fail(format!("cannot read: {}", fsio::io_reason(&e))))?;
    if link.file_type().is_symlink() || !link.is_file() || old.extension().is_none_or(|e| e != "md") {
        return Err(fail("is not a regular .md file; --supersedes names an earlier decision record".into()));
    }
    let folder = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).ok()
    };
    if folder(old).is_none() || folder(old) != folder(new) {
        return Err(fail(format!(
            "is not in {}, where the new record goes; --supersedes names an earlier record of the same folder",
            crate::safe::path(new.parent().unwrap_or(Path::new(".")))
        )));
    }
    fsio::read_text(old, 1024 * 1024)
        .map_err(|e| fail(format!("{}; expected an earlier decision record", e.describe(1024 * 1024))))
}

/// The path of `to` relative to the folder of `from`, with `/` separators, for a Markdown link.
fn relative(from: &Path, to: &Path) -> Result<String, Error> {
    let here = std::env::current_dir().context("cannot find the current folder for the records' links")?;
    let absolute = |p: &Path| -> Vec<String> {
        let full = if p.is_absolute() { p.to_path_buf() } else { here.join(p) };
        let mut parts: Vec<String> = Vec::new();
        for c in full.components() {
            match c {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        parts
    };
    let (from, to) = (absolute(from), absolute(to));
    let from_dir = &from[..from.len().saturating_sub(1)];
    let common = from_dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    parts.extend(to[common..].iter().cloned());
    Ok(parts.join("/"))
}

/// Sets a record's front-matter `status`, adding the front matter or the key when missing.
pub fn set_status(text: &str, status: &str) -> String {
    let line = format!("status: {}", crate::text::quoted(status));
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        let (front, body) = rest.split_at(end);
        let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
        match lines.iter().position(|l| l.starts_with("status:")) {
            Some(i) => lines[i] = line,
            None => lines.insert(0, line),
        }
        return format!("---\n{}{body}", lines.join("\n"));
    }
    format!("---\n{line}\n---\n\n{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_slugs() {
        assert_eq!(
            slug("Backend language for realtime fan-out and presence"),
            "backend-language-for-realtime-fan-out-and-presence"
        );
        assert_eq!(slug("  C# / .NET?! "), "c-net");
        assert_eq!(slug("!!!"), "decision");
        assert!(slug(&"word ".repeat(40)).len() <= 60);
    }

    #[test]
    fn links_are_relative_to_the_linking_file() {
        let relative = |from: &str, to: &str| relative(Path::new(from), Path::new(to)).unwrap();
        assert_eq!(relative("/d/adr/0002-b.md", "/d/adr/0001-a.md"), "0001-a.md");
        assert_eq!(relative("/d/adr/0002-b.md", "/d/old/1.md"), "../old/1.md");
        assert_eq!(relative("/d/x.md", "/d/adr/y.md"), "adr/y.md");
    }

    #[test]
    fn the_status_is_replaced_or_added() {
        let with = "---\nstatus: accepted\ndate: 2026-01-01\n---\n\n# T\n";
        assert_eq!(
            set_status(with, "superseded by [b](b.md)"),
            "---\nstatus: \"superseded by [b](b.md)\"\ndate: 2026-01-01\n---\n\n# T\n"
        );
        let without_key = "---\ndate: 2026-01-01\n---\n# T\n";
        assert_eq!(set_status(without_key, "x"), "---\nstatus: \"x\"\ndate: 2026-01-01\n---\n# T\n");
        assert_eq!(set_status("# T\n", "x"), "---\nstatus: \"x\"\n---\n\n# T\n");
    }
}
