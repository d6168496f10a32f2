//! `advisor export`: the decision record in MADR form, printed, written to a file, or filed
//! in an ADR folder with the next free number; optionally superseding an earlier record.

use crate::cli::ExportArgs;
use crate::error::{Diagnostic, Error};
use crate::report::madr::{self, Record};
use crate::{Io, engine, fsio};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// Runs `export`; returns the exit code.
pub fn run(args: &ExportArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let input = super::load_input(&args.input, &args.pack, io)?;
    let (pack, file) = (&input.pack, &input.file);
    // A record names a file CI can check: the answers file itself, or, for answers from
    // standard input or --set, the file they should be saved as.
    let flags: Vec<&str> = file.set_by_flags.iter().map(|&q| pack.questions[q].id.as_ref()).collect();
    let (answers_path, answers_note) = match args.input.named() {
        Some(path) if path.as_os_str() != "-" && flags.is_empty() => {
            (from_repository_root(path, &input.source), None)
        }
        Some(path) if path.as_os_str() != "-" => (
            from_repository_root(path, &input.source),
            Some(format!("from {} with --set {}", crate::safe::code_span(&input.source), flags.join(", "))),
        ),
        Some(_) => (super::DEFAULT_FILE.to_string(), Some("from standard input".to_string())),
        None => (super::DEFAULT_FILE.to_string(), Some("from --set flags".to_string())),
    };
    let title = args.title.clone().unwrap_or_else(|| madr::default_title(pack, file));
    // Numbering a record in an ADR folder holds the folder's lock until the record is written.
    let lock = match (&args.out, &args.adr_dir) {
        (None, Some(dir)) => {
            let fail = |e: std::io::Error| {
                Error::invalid(Diagnostic::new(crate::safe::path(dir), fsio::io_reason(&e)))
            };
            std::fs::create_dir_all(dir).map_err(fail)?;
            Some(fsio::FolderLock::acquire(dir).map_err(fail)?)
        }
        _ => None,
    };
    let target = match (&args.out, &args.adr_dir) {
        (Some(out), _) => Some(out.clone()),
        (None, Some(dir)) => Some(next_record(dir, &title, args.force)?),
        (None, None) => None,
    };
    // The superseded record is read before anything is written, so a bad path writes nothing.
    let superseded = match (&args.supersedes, &target) {
        (Some(_), None) => {
            return Err(Error::Usage(
                "--supersedes needs --out or --adr-dir: the old record must link to a file".into(),
            ));
        }
        (Some(old), Some(new))
            if std::fs::canonicalize(old)
                .ok()
                .is_some_and(|o| std::fs::canonicalize(new).ok().as_ref() == Some(&o))
                || old == new =>
        {
            return Err(Error::Usage(format!(
                "--supersedes names {}, the file the new record is written to; supersede an earlier record",
                crate::safe::path(old)
            )));
        }
        (Some(old), Some(new)) => Some((old.clone(), superseded_record(old, new)?)),
        (None, _) => None,
    };
    let links = match (&superseded, &target) {
        (Some((old, _)), Some(new)) => Some((relative(new, old), relative(old, new))),
        _ => None,
    };
    let old_name = args.supersedes.as_deref().map(file_name);
    // The members' own answers, when given: where they disagreed and how it was settled.
    let team_section = if args.team.is_empty() {
        None
    } else {
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
            &file.answers,
            &mut section,
        )?;
        Some(section)
    };
    let today = fsio::today();
    // Pack and answers text is untrusted: the record is rendered from a copy made safe for
    // Markdown, with the title escaped the same way.
    let md_pack = pack.for_markdown();
    let record_title = crate::safe::markdown(&title);
    let record = Record {
        pack: &md_pack,
        file,
        answers_path: &answers_path,
        answers_note: answers_note.as_deref(),
        title: Some(&record_title),
        options: usize::from(args.options),
        today: &today,
        supersedes: old_name.as_deref().zip(links.as_ref().map(|(to_old, _)| to_old.as_str())),
        packs: input.packs.describe(),
        team: team_section.as_deref().map(str::to_string),
    };
    let evaluation = engine::evaluate(&md_pack, &file.answers);
    let mut text = String::new();
    madr::render(&record, &evaluation, &mut text)?;
    let Some(target) = target else {
        super::emit(io.stdout, &text)?;
        return Ok(0);
    };
    let shown = crate::safe::path(&target);
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::invalid(Diagnostic::new(crate::safe::path(dir), format!("cannot create the folder: {e}")))
        })?;
    }
    // A numbered record is always a new file: when another export took the number meanwhile,
    // the next free one is used, so N exports at once file N records.
    let mut target = target;
    let mut shown = shown;
    let mut attempts = 0;
    loop {
        let overwrite = args.force && args.adr_dir.is_none();
        match fsio::write_atomic(&target, text.as_bytes(), overwrite) {
            Ok(()) => break,
            Err(e) if e.kind() == ErrorKind::AlreadyExists && args.out.is_none() && attempts < 1000 => {
                attempts += 1;
                let dir = args.adr_dir.as_deref().unwrap_or(Path::new("."));
                target = next_record(dir, &title, true)?;
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
    drop(lock);
    super::emit(io.stderr, &format!("Wrote {shown}\n"))?;
    if let (Some((old, old_text)), Some((_, to_new))) = (superseded, links) {
        let status = format!("superseded by [{}]({to_new})", file_name(&target));
        let updated = set_status(&old_text, &status);
        fsio::write_atomic(&old, updated.as_bytes(), true).map_err(|e| {
            Error::invalid(Diagnostic::new(crate::safe::path(&old), format!("cannot update: {e}")))
        })?;
        super::emit(io.stderr, &format!("Marked {} as {status}\n", crate::safe::path(&old)))?;
    }
    Ok(0)
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
            entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
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
fn relative(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| -> Vec<String> {
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
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
    parts.join("/")
}

/// Sets a record's front-matter `status`, adding the front matter or the key when missing.
pub fn set_status(text: &str, status: &str) -> String {
    let line = format!("status: {}", serde_json::to_string(status).unwrap_or_default());
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
        assert_eq!(relative(Path::new("/d/adr/0002-b.md"), Path::new("/d/adr/0001-a.md")), "0001-a.md");
        assert_eq!(relative(Path::new("/d/adr/0002-b.md"), Path::new("/d/old/1.md")), "../old/1.md");
        assert_eq!(relative(Path::new("/d/x.md"), Path::new("/d/adr/y.md")), "adr/y.md");
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
