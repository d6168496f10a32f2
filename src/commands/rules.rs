//! `advisor rules check|list|test`: validate packs, list their entries, run their scenarios.

use crate::cli::{RulesArgs, RulesCommand, RulesListArgs};
use crate::error::{Diagnostic, Error};
use crate::pack::{self, Pack};
use crate::report::listing;
use crate::text::{count, in_words};
use crate::{Io, scenario};
use std::fmt::Write as _;

/// Runs a `rules` subcommand; returns the exit code.
pub fn run(command: &RulesCommand, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    match command {
        RulesCommand::Check(args) => check(args, io),
        RulesCommand::List(args) => list(args, color, io),
        RulesCommand::Test(args) => test(args, io),
    }
}

/// Where the packs came from, for summaries: "the built-in pack and examples/packs/jvm".
fn origin(set: &pack::PackSet) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !set.no_builtin {
        parts.push("the built-in pack".into());
    }
    parts.extend(set.dirs.iter().map(|d| crate::safe::path(d)));
    if parts.is_empty() { "no pack".into() } else { in_words(&parts) }
}

/// `rules check`: loads and checks the packs, and counts what they hold.
fn check(args: &RulesArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let set = super::packs(&args.pack)?;
    let pack = pack::load(&set)?;
    let summary = format!(
        "ok: {}, {}, {} ({}), {}, {}, {}, {} and {} in {}\n",
        count(pack.languages.len(), "language"),
        count(pack.questions.len(), "question"),
        count(pack.rules().len(), "rule"),
        count(pack.groups().len(), "fact group"),
        count(pack.requirements().len(), "requirement"),
        count(pack.exclusions.len(), "exclusion"),
        count(pack.caveats.len(), "caveat"),
        count(pack.guides.len(), "source"),
        count(pack.disabled.len(), "disabled entry"),
        origin(&set)
    );
    super::emit(io.stdout, &summary)?;
    Ok(0)
}

/// `rules list`: every entry of the loaded packs, or those that concern one language.
fn list(args: &RulesListArgs, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack)?;
    let filter = args.language.as_deref().map(|l| super::language_arg(&pack, l)).transpose()?;
    let mut out = String::new();
    match args.format {
        crate::cli::TableFormat::Json => out = listing::rules_json(&pack, filter)?,
        crate::cli::TableFormat::Table => listing::rules_table(&pack, filter, color, io.width, &mut out)?,
    }
    super::emit(io.stdout, &out)?;
    Ok(0)
}

/// The scenario files to run: each team pack's tests/*.toml, or, when no team pack is
/// loaded, the built-in pack's own. (The built-in scenarios describe the built-in advice; a
/// team pack changes it on purpose, and its own tests say what must still hold.)
fn scenario_files(set: &pack::PackSet) -> Result<Vec<(String, String)>, Error> {
    let mut files = if set.no_builtin || !set.dirs.is_empty() { Vec::new() } else { pack::builtin_tests() };
    for dir in &set.dirs {
        files.extend(pack::folder_tests(dir)?);
    }
    Ok(files)
}

/// `rules test`: runs the packs' scenario tests; exit 1 if one fails.
fn test(args: &RulesArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let set = super::packs(&args.pack)?;
    let pack: Pack = pack::load(&set)?;
    let files = scenario_files(&set)?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "no scenario tests in {}: add tests/*.toml to the pack",
            origin(&set)
        )));
    }
    let (mut passed, mut failed) = (0, 0);
    let mut out = String::new();
    let mut broken = Vec::new();
    for (name, text) in &files {
        let scenarios = match scenario::load(name, text) {
            Ok(s) => s,
            Err(Error::Invalid(d)) => {
                broken.extend(d);
                continue;
            }
            Err(e) => return Err(e),
        };
        for s in &scenarios {
            match scenario::check(&pack, s) {
                Ok(problems) if problems.is_empty() => {
                    passed += 1;
                    writeln!(out, "ok    {}", s.id)?;
                }
                Ok(problems) => {
                    failed += 1;
                    writeln!(out, "FAIL  {} ({name}): {}", s.id, problems.join("; "))?;
                }
                Err(Error::Invalid(d)) => {
                    broken.extend(
                        d.into_iter().map(|d| Diagnostic { file: format!("{name}: {}", d.file), ..d }),
                    );
                }
                Err(e) => return Err(e),
            }
        }
    }
    if !broken.is_empty() {
        return Err(Error::Invalid(broken));
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    super::emit(io.stdout, &out)?;
    Ok(if failed == 0 { 0 } else { 1 })
}
