//! The rule pack: where its files come from (the built-in pack compiled into the binary, or
//! team pack folders on disk), and the checked pack they build. The built-in pack alone is
//! checked and built when advisor is compiled (build.rs) and loads as generated code; team
//! packs are read, checked and built with it at each start.
//!
//! - `files`: what a pack is made of (file kinds, load order, fingerprint);
//! - `builder`: checking files and building the checked [`Pack`];
//! - `radar`: tech radar import;
//! - `embedded`: the built-in pack as build.rs generated it, included;
//! - `emit`: the Rust code build.rs writes for the built-in pack (used only by build.rs).

mod builder;
mod embedded;
mod files;
mod radar;

pub use crate::model::{Entry, EntryKind, Pack};
pub use builder::{MAX_POINTS, MAX_RULES, MAX_TOTAL_OPTIONS, build};
pub use files::{FileKind, PackFile};

use crate::error::{Diagnostic, Error};
use std::path::{Path, PathBuf};

/// The built-in pack, checked and built when advisor was compiled.
pub fn builtin() -> Pack {
    embedded::pack()
}

/// The fingerprint of the built-in pack, known at compile time (for `--version`).
pub const BUILTIN_FINGERPRINT: &str = env!("ADVISOR_PACK_FINGERPRINT");

/// The built-in pack's files, as `build` takes them: team packs build on them.
pub fn builtin_files() -> Vec<PackFile> {
    embedded::FILES
        .iter()
        .map(|(name, text, json)| PackFile {
            json: Some(json),
            ..PackFile::new(format!("<builtin>/{name}"), *text)
        })
        .collect()
}

/// The built-in pack's own scenario tests: (display name, TOML text).
pub fn builtin_tests() -> Vec<(String, String)> {
    embedded::TESTS.iter().map(|(name, text)| (format!("<builtin>/{name}"), (*text).to_string())).collect()
}

/// Which packs to load: the built-in one (unless `--no-builtin`) and folders, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackSet {
    /// Leave out the built-in pack.
    pub no_builtin: bool,
    /// Team pack folders, in the order they apply.
    pub dirs: Vec<PathBuf>,
    /// Who named each folder of `dirs`, in the same order.
    pub from: Vec<PackFrom>,
}

/// Who named a team pack folder: reports say it, because a pack an answers file names can
/// change the verdict on that same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackFrom {
    /// The answers file's `packs` list (the file's display name).
    File(String),
    /// The ADVISOR_PACK environment variable.
    Env,
    /// A `--pack` flag.
    Flag,
}

/// At most this many team packs load at once.
pub const MAX_PACKS: usize = 32;

impl PackSet {
    /// "built-in, then DIR (named by FILE), DIR (--pack)" when team packs load; `None` for the
    /// built-in pack alone.
    pub fn describe(&self) -> Option<String> {
        if self.dirs.is_empty() {
            return None;
        }
        let team: Vec<String> = self
            .dirs
            .iter()
            .zip(&self.from)
            .map(|(dir, from)| {
                let by = match from {
                    PackFrom::File(file) => format!("named by {file}"),
                    PackFrom::Env => "ADVISOR_PACK".to_string(),
                    PackFrom::Flag => "--pack".to_string(),
                };
                format!("{} ({by})", crate::safe::path(dir))
            })
            .collect();
        let start = if self.no_builtin { "" } else { "built-in, then " };
        Some(format!("Rule packs: {start}{}", team.join(", ")))
    }

    /// The folders the answers file named itself.
    pub fn from_file(&self) -> Vec<&Path> {
        self.dirs
            .iter()
            .zip(&self.from)
            .filter(|(_, from)| matches!(from, PackFrom::File(_)))
            .map(|(dir, _)| dir.as_path())
            .collect()
    }
}

/// Pack files larger than this are refused; the whole built-in pack is a few hundred kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file of the pack folder `root`: a regular file of UTF-8 text within the size limit,
/// not a link out of the folder; or a diagnostic naming it.
fn read_pack_file(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    crate::fsio::read_inside(root, "the pack folder", path, MAX_FILE_BYTES)
        .map_err(|e| Diagnostic::new(crate::safe::path(path), e.describe(MAX_FILE_BYTES)))
}

/// The entries of a pack's subfolder with one of `extensions`, sorted; a missing subfolder has
/// none, an unreadable one is a problem.
fn listed(folder: &Path, extensions: &[&str], problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    match crate::fsio::folder_entries(folder) {
        Ok(paths) => paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
            .collect(),
        Err((std::io::ErrorKind::NotFound, _)) => Vec::new(),
        Err((_, problem)) => {
            problems.push(problem);
            Vec::new()
        }
    }
}

/// The files of one pack folder, sorted within each folder, `radar.csv` last.
fn folder_files(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PackFile> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        problems.push(Diagnostic::new(&shown, "no such pack folder"));
        return Vec::new();
    }
    let mut files = Vec::new();
    for (_, folder) in FileKind::FOLDERS {
        for path in listed(&dir.join(folder), &["yaml", "yml"], problems) {
            match read_pack_file(dir, &path) {
                Ok(text) => files.push(PackFile::new(path.display().to_string(), text)),
                Err(d) => problems.push(d),
            }
        }
    }
    let radar = dir.join(FileKind::RADAR_FILE);
    if std::fs::symlink_metadata(&radar).is_ok() {
        match read_pack_file(dir, &radar) {
            Ok(text) => files.push(PackFile::new(radar.display().to_string(), text)),
            Err(d) => problems.push(d),
        }
    }
    if files.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::new(
            &shown,
            "is not a rule pack: expected YAML files in languages/, sources/, questions/ or rules/, or a radar.csv",
        ));
    }
    files
}

/// Loads the built-in pack (unless `no_builtin`) and the team packs, in order.
pub fn load(set: &PackSet) -> Result<Pack, Error> {
    if !set.no_builtin && set.dirs.is_empty() {
        return Ok(builtin());
    }
    let mut files = if set.no_builtin { Vec::new() } else { builtin_files() };
    let mut problems = Vec::new();
    for dir in &set.dirs {
        files.extend(folder_files(dir, &mut problems));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    build(&files)
}

/// The scenario tests of a pack folder: `DIR/tests/*.toml`, sorted.
pub fn folder_tests(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let mut problems = Vec::new();
    let mut tests = Vec::new();
    for path in listed(&dir.join("tests"), &["toml"], &mut problems) {
        match read_pack_file(dir, &path) {
            Ok(text) => tests.push((path.display().to_string(), text)),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() { Ok(tests) } else { Err(Error::Invalid(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_time_fingerprint_is_the_built_in_packs() {
        let files = builtin_files();
        assert_eq!(BUILTIN_FINGERPRINT, files::fingerprint(&files));
        assert_eq!(BUILTIN_FINGERPRINT, builtin().fingerprint);
    }
}
