//! One module per subcommand, each with a `run` that returns the exit code; the `Io` they all
//! see (streams and terminal facts), and the reading of answers and packs they share.

pub mod ask;
pub mod check;
pub mod diff;
pub mod explain;
pub mod export;
pub mod init;
pub mod listing;
pub mod recommend;
pub mod rules;
pub mod schema;
pub mod team;

use crate::answers::{self, AnswersFile, Format};
use crate::cli::{AnswersArgs, PackArgs};
use crate::error::Error;
use crate::model::LangIdx;
use crate::pack::{self, Pack, PackFrom, PackSet};
use anyhow::Context as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The outside world a command sees: its output streams and what is known about the terminal.
pub struct Io<'a> {
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
    /// Standard input, read when an answers file is named `-`.
    pub stdin: &'a mut dyn std::io::Read,
    /// Whether standard input is a terminal.
    pub stdin_is_terminal: bool,
    /// Whether standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// Whether standard error is a terminal: error messages are then wrapped to its width
    /// (logs keep one line per problem, as compilers print them).
    pub stderr_is_terminal: bool,
    /// Whether NO_COLOR is set to a non-empty value.
    pub no_color: bool,
    /// The width to lay tables out in.
    pub width: u16,
}

impl std::fmt::Debug for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Io")
            .field("stdin_is_terminal", &self.stdin_is_terminal)
            .field("stdout_is_terminal", &self.stdout_is_terminal)
            .field("no_color", &self.no_color)
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

/// The rule packs of a command that reads no answers file, in order: the built-in pack
/// (unless --no-builtin), those in ADVISOR_PACK, then each --pack.
pub fn packs(args: &PackArgs) -> Result<PackSet, Error> {
    pack_set(args, Vec::new(), None)
}

/// Whether ADVISOR_NO_FILE_PACKS asks to ignore the packs answers files name.
fn no_file_packs_from_env() -> bool {
    std::env::var_os("ADVISOR_NO_FILE_PACKS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The pack set from the packs an answers file declares (already resolved against its folder;
/// `file` is its display name and folder) and the flags: each folder once, at most
/// [`pack::MAX_PACKS`], and the file's own packs inside its repository.
fn pack_set(args: &PackArgs, declared: Vec<PathBuf>, file: Option<(&str, &Path)>) -> Result<PackSet, Error> {
    let mut named: Vec<(PathBuf, PackFrom)> = Vec::new();
    if let Some((name, dir)) =
        file.filter(|_| !declared.is_empty() && !args.no_file_packs && !no_file_packs_from_env())
    {
        let root = crate::fsio::repository_root(dir);
        for path in declared {
            // A path that does not resolve is reported by the loader ("no such pack folder").
            let resolved = std::fs::canonicalize(&path).ok();
            if let (Some(root), Some(resolved)) = (&root, &resolved)
                && !resolved.starts_with(root)
            {
                return Err(Error::invalid(crate::error::Diagnostic::new(
                    name,
                    format!(
                        "`packs` names `{}`, which is outside this repository ({}); a pack from elsewhere is \
                         loaded with --pack or ADVISOR_PACK, which the person running advisor chooses",
                        crate::safe::path(&path),
                        crate::safe::path(root)
                    ),
                )));
            }
            named.push((path, PackFrom::File(name.to_string())));
        }
    }
    if let Some(env) = std::env::var_os("ADVISOR_PACK") {
        named.extend(
            std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()).map(|p| (p, PackFrom::Env)),
        );
    }
    named.extend(args.packs.iter().cloned().map(|p| (p, PackFrom::Flag)));
    // Each folder once, however it is spelled (`pack`, `./pack`, `a/../pack`, a link to it).
    let mut set = PackSet { no_builtin: args.no_builtin, dirs: Vec::new(), from: Vec::new() };
    let mut seen: Vec<PathBuf> = Vec::new();
    for (dir, from) in named {
        let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        set.dirs.push(dir);
        set.from.push(from);
    }
    if set.dirs.len() > pack::MAX_PACKS {
        return Err(Error::Usage(format!(
            "{} rule packs are named; at most {} load at once",
            set.dirs.len(),
            pack::MAX_PACKS
        )));
    }
    Ok(set)
}

/// The answers a command works on, with the packs loaded for them.
#[derive(Debug)]
pub struct Input {
    /// The packs: the built-in one, those the answers name, ADVISOR_PACK, --pack.
    pub pack: std::rc::Rc<Pack>,
    /// The checked answers, `--set` laid over the file's.
    pub file: AnswersFile,
    /// The file as named (`<stdin>` for `-`, `--set` when the flags are the only source).
    pub source: String,
    /// The file's text (empty for flags alone), for locating findings.
    pub text: String,
    /// The file's syntax.
    pub format: Format,
    /// The team packs loaded, and who named each.
    pub packs: PackSet,
}

/// The answers file used when none is named.
pub const DEFAULT_FILE: &str = "advisor.toml";

/// Reads the answers: the file named (FILE or --answers, `-` for standard input), else the
/// `--set` flags alone when there are any, else ./advisor.toml; then `--set` on top.
pub fn load_input(args: &AnswersArgs, packs: &PackArgs, io: &mut Io<'_>) -> Result<Input, Error> {
    load_input_cached(args, packs, io, &mut PackCache::default())
}

/// The packs loaded so far, by the set they came from: many answers files that name the same
/// packs (or none) load them once.
#[derive(Debug, Default)]
pub struct PackCache(Vec<(PackSet, std::rc::Rc<Pack>)>);

impl PackCache {
    /// The pack for `set`, loaded once.
    pub fn get(&mut self, set: &PackSet) -> Result<std::rc::Rc<Pack>, Error> {
        if let Some((_, pack)) =
            self.0.iter().find(|(known, _)| known.dirs == set.dirs && known.no_builtin == set.no_builtin)
        {
            return Ok(pack.clone());
        }
        let pack = std::rc::Rc::new(pack::load(set)?);
        self.0.push((set.clone(), pack.clone()));
        Ok(pack)
    }
}

/// [`load_input`] with the packs taken from (and added to) `cache`.
pub fn load_input_cached(
    args: &AnswersArgs,
    packs: &PackArgs,
    io: &mut Io<'_>,
    cache: &mut PackCache,
) -> Result<Input, Error> {
    let named = match args.named() {
        Some(path) => Some(path.to_path_buf()),
        None if !args.set.is_empty() => None,
        None if Path::new(DEFAULT_FILE).is_file() => Some(PathBuf::from(DEFAULT_FILE)),
        None => {
            return Err(Error::Usage(format!(
                "no answers: there is no ./{DEFAULT_FILE} here and no FILE was named.\n\
                 Answer the questions with `advisor ask`, write a starter file with `advisor init`, \
                 name an answers FILE (`-` for standard input), or give the answers with \
                 --set QUESTION=VALUE (`advisor questions` lists them)."
            )));
        }
    };
    let (source, text, format, dir) = match named {
        Some(path) if path.as_os_str() == "-" => {
            (answers::STDIN.to_string(), answers::read_stdin(io.stdin)?, Format::Toml, PathBuf::new())
        }
        Some(path) => {
            let text = answers::read_text(&path)?;
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            // The name messages and reports show: control characters escaped.
            (crate::safe::path(&path), text, Format::of(&path), dir)
        }
        None => (answers::flags::SOURCE.to_string(), String::new(), Format::Toml, PathBuf::new()),
    };
    // The text is parsed once: first for the packs it names, then checked against them.
    let parsed = if text.is_empty() && source == answers::flags::SOURCE {
        None
    } else {
        Some(answers::parse_text(&source, &text, format)?)
    };
    let declared = parsed.as_ref().map_or_else(Vec::new, |p| p.packs(&dir));
    let packs = pack_set(packs, declared, Some((source.as_str(), dir.as_path())))?;
    let pack = cache.get(&packs)?;
    let sets = answers::flags::parse(&pack, &args.set)?;
    let Some(parsed) = parsed else {
        // The --set flags alone, over an empty file.
        let file = answers::parse_with(&source, "version = 1\n", Format::Toml, &pack, &sets).map_err(|e| {
            match e {
                Error::Invalid(mut problems) if Path::new(DEFAULT_FILE).is_file() => {
                    problems.push(crate::error::Diagnostic::new(
                        answers::flags::SOURCE,
                        format!(
                            "--set without FILE scores the flags alone; to change the answers in ./{DEFAULT_FILE}, \
                             name it: `advisor recommend {DEFAULT_FILE} --set ...`"
                        ),
                    ));
                    Error::Invalid(problems)
                }
                other => other,
            }
        })?;
        let source = "the answers given with --set".to_string();
        return Ok(Input { pack, file, source, text, format, packs });
    };
    let file = answers::check_parsed(parsed, &source, &text, format, &pack, &sets)?;
    Ok(Input { pack, file, source, text, format, packs })
}

/// `advisor completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell, io: &mut Io<'_>) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "advisor", &mut script);
    emit(io.stdout, &String::from_utf8_lossy(&script))?;
    Ok(0)
}

/// `advisor man`: the man page (roff) on stdout, or with `--dir` one page per command in a
/// folder, so the SEE ALSO section's pages exist.
pub fn man(args: &crate::cli::ManArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    use clap::CommandFactory;
    let render = |cmd: clap::Command| -> Result<Vec<u8>, Error> {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut page).context("cannot render the man page")?;
        Ok(page)
    };
    let mut root = crate::cli::Cli::command();
    root.build();
    let Some(dir) = &args.dir else {
        emit(io.stdout, &String::from_utf8_lossy(&render(root)?))?;
        return Ok(0);
    };
    // advisor.1, then advisor-<command>.1 (and advisor-rules-<command>.1) as clap_mangen names
    // them in SEE ALSO.
    let mut pages: Vec<(String, clap::Command)> = Vec::new();
    fn collect(prefix: &str, cmd: &clap::Command, pages: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands() {
            let name = format!("{prefix}-{}", sub.get_name());
            pages.push((name.clone(), sub.clone().name(name.clone())));
            collect(&name, sub, pages);
        }
    }
    collect("advisor", &root, &mut pages);
    pages.insert(0, ("advisor".into(), root));
    crate::fsio::create_folder(dir)?;
    let existing: Vec<String> =
        pages.iter().map(|(n, _)| format!("{n}.1")).filter(|f| dir.join(f).exists()).collect();
    if !existing.is_empty() && !args.force {
        return Err(Error::Usage(format!(
            "{} already holds {}; add --force to replace them",
            crate::safe::path(dir),
            existing.join(", ")
        )));
    }
    for (name, cmd) in pages.iter().cloned() {
        let path = dir.join(format!("{name}.1"));
        crate::fsio::write_atomic(&path, &render(cmd)?, true).map_err(|e| {
            Error::invalid(crate::error::Diagnostic::new(
                crate::safe::path(&path),
                format!("cannot write: {e}"),
            ))
        })?;
    }
    emit(io.stderr, &format!("wrote {} man pages to {}\n", pages.len(), crate::safe::path(dir)))?;
    Ok(0)
}

/// Refuses an answers file given where the language belongs (`advisor explain game.toml`).
pub fn not_a_file(named: &str) -> Result<(), Error> {
    let looks_like_a_file = Path::new(named).is_file()
        || [".toml", ".yaml", ".yml"].iter().any(|ext| named.to_lowercase().ends_with(ext));
    if looks_like_a_file {
        return Err(Error::Usage(format!(
            "`{named}` is a file, not a language: the language comes first, as in \
             `advisor explain go {named}` (`advisor languages` lists them)"
        )));
    }
    Ok(())
}

/// The language a user named (`Pack::language_named`: id, display name or a part of one, or a
/// common alias), or exit 2 with a suggestion.
pub fn language_arg(pack: &Pack, named: &str) -> Result<LangIdx, Error> {
    pack.language_named(named).ok_or_else(|| {
        let wanted = named.trim().to_lowercase();
        let ids: Vec<&str> = pack.languages.iter().map(|l| l.id.as_ref()).collect();
        let hint = crate::model::language_hint(&pack.languages, &wanted);
        Error::Usage(format!("unknown language `{named}`{hint}; expected one of: {}", ids.join(", ")))
    })
}

/// Loads the rule packs of a command that reads no answers file ([`packs`]).
pub fn load_pack(args: &PackArgs) -> Result<Pack, Error> {
    pack::load(&packs(args)?)
}

/// Writes a finished report to stdout. A closed pipe (`advisor ... | head -n 1`) is not an
/// error: the reader has all it wanted.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write the output").into()),
    }
}
