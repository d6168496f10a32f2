//! One module per subcommand, each with a `run` that returns the exit code.

pub mod ask;
pub mod check;
pub mod explain;
pub mod export;
pub mod init;
pub mod recommend;
pub mod rules;
pub mod schema;

use crate::cli::PackArgs;
use crate::error::Error;
use crate::model::LangIdx;
use crate::pack::{self, Pack, PackSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The rule packs to score with, in order: the built-in pack (unless --no-builtin), the packs
/// the answers file names (relative to it), those in ADVISOR_PACK, then each --pack.
pub fn packs(args: &PackArgs, answers: Option<&Path>) -> Result<PackSet, Error> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(path) = answers {
        dirs.extend(crate::answers::declared_packs(path)?);
    }
    if let Some(env) = std::env::var_os("ADVISOR_PACK") {
        dirs.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
    }
    dirs.extend(args.packs.iter().cloned());
    let mut unique: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        if !unique.contains(&dir) {
            unique.push(dir);
        }
    }
    Ok(PackSet { no_builtin: args.no_builtin, dirs: unique })
}

/// `advisor completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell, io: &mut crate::Io<'_>) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "advisor", &mut script);
    emit(io.stdout, &String::from_utf8_lossy(&script))?;
    Ok(0)
}

/// `advisor man`: the man page (roff) on stdout.
pub fn man(io: &mut crate::Io<'_>) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command())
        .render(&mut page)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    emit(io.stdout, &String::from_utf8_lossy(&page))?;
    Ok(0)
}

/// The language a user named, by id or display name (any case), or exit 2 with a suggestion.
pub fn language_arg(pack: &Pack, named: &str) -> Result<LangIdx, Error> {
    let wanted = named.trim().to_lowercase();
    pack.languages
        .iter()
        .position(|l| l.id == wanted || l.name.to_lowercase() == wanted)
        .map(LangIdx::new)
        .or_else(|| {
            crate::suggest::nearest(&wanted, pack.languages.iter().map(|l| l.id.as_str()))
                .filter(|id| crate::suggest::is_alias(&wanted, id))
                .and_then(|id| pack.language(id))
        })
        .ok_or_else(|| {
            let ids: Vec<&str> = pack.languages.iter().map(|l| l.id.as_str()).collect();
            let hint = crate::suggest::did_you_mean(&wanted, ids.iter().copied());
            Error::Usage(format!("unknown language `{named}`{hint}; expected one of: {}", ids.join(", ")))
        })
}

/// Loads the rule packs for a command.
pub fn load_pack(args: &PackArgs, answers: Option<&Path>) -> Result<Pack, Error> {
    pack::load(&packs(args, answers)?)
}

/// Writes a finished report to stdout. A closed pipe (`advisor ... | head -n 1`) is not an
/// error: the reader has all it wanted.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Usage(format!("cannot write the output: {e}"))),
    }
}
