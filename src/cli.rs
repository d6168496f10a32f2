//! The command line, as clap derive types. Doc comments here are the `--help` texts.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Ranks backend languages for a system whose concurrency shapes the choice, and explains why.
///
/// Run `advisor ask` to answer the questions in the terminal and save them, or write an
/// answers file (TOML, see examples/) and run `advisor recommend --answers FILE`. Every point
/// of every score comes from a rule that cites a section of the guides the rules were
/// written from.
#[derive(Debug, Parser)]
#[command(
    name = "advisor",
    version = concat!(env!("CARGO_PKG_VERSION"), ", rule pack ", env!("ADVISOR_PACK_FINGERPRINT")),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// When to colour the output: auto (only on a terminal, and not when NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the languages against an answers file, with reasons, caveats and exclusions.
    Recommend(RecommendArgs),
    /// Answer the questions in the terminal, see the ranking, and save the answers file.
    ///
    /// Esc goes back to the previous question; a review screen lists every answer before
    /// it counts; Ctrl-C cancels without writing anything (exit code 130).
    Ask(AskArgs),
    /// Re-check the decision recorded in an answers file against the current rule pack (for CI).
    ///
    /// Exit code 0 when the recorded decision still holds (or an unexpired waiver keeps it),
    /// 1 when it no longer does, 2 when the file is unusable.
    Check(CheckArgs),
    /// Take one language's score apart: every rule that fired, its caveats, why it is excluded,
    /// the gap to rank 1 and the single answers that would put it first.
    Explain(ExplainArgs),
    /// Write the decision as a Markdown architecture decision record (MADR 4.0.0) with its evidence.
    Export(ExportArgs),
    /// Check, list and test rule packs (the built-in pack and team packs).
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print a JSON Schema (draft 2020-12) of the answers file, for editors.
    ///
    /// Point Taplo / Even Better TOML or the YAML language server at it to validate and complete
    /// advisor.toml as you type.
    Schema(SchemaArgs),
    /// Write a commented starter answers file listing every question, its options and default.
    Init(InitArgs),
    /// Print a shell completion script: `advisor completions bash > /etc/bash_completion.d/advisor`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `advisor man > /usr/local/share/man/man1/advisor.1`.
    Man,
}

/// Arguments of `advisor completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `advisor explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// The language: its id (`go`) or name (`Go`).
    #[arg(value_name = "LANGUAGE")]
    pub language: String,

    /// The answers file.
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: PathBuf,
}

/// `advisor rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Load the packs and report every problem at once, with file, line and entry id (exit 2 if any).
    Check(RulesArgs),
    /// List the rules, exclusions and caveats, with their points, conditions and sources.
    List(RulesListArgs),
    /// Run the scenario tests of the packs (the built-in pack's own, and DIR/tests/*.toml).
    Test(RulesArgs),
}

/// Arguments of `advisor rules check` and `advisor rules test`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `advisor rules list`.
#[derive(Debug, Args)]
pub struct RulesListArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Only the entries that concern this language (id or name).
    #[arg(long, value_name = "LANGUAGE")]
    pub language: Option<String>,
}

/// Arguments of `advisor export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// The answers file the record is made from.
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: PathBuf,

    /// Write the record to this file (default: print it).
    #[arg(long, value_name = "PATH", conflicts_with = "adr_dir")]
    pub out: Option<PathBuf>,

    /// Write the record into this ADR folder as NNNN-title-slug.md, with the next free number.
    #[arg(long, value_name = "DIR")]
    pub adr_dir: Option<PathBuf>,

    /// The record's title (default: "Backend language for DOMINANT SHAPE").
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// How many top-ranked languages to weigh as options (the recorded decision is added if lower).
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub options: u16,

    /// Replace an existing file at --out.
    #[arg(long)]
    pub force: bool,

    /// Mark this earlier record as superseded by the new one (needs --out or --adr-dir).
    #[arg(long, value_name = "PATH")]
    pub supersedes: Option<PathBuf>,
}

/// Arguments of `advisor schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The rule packs whose questions the schema describes.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `advisor init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Where to write it; `-` prints it instead.
    #[arg(value_name = "PATH", default_value = "advisor.toml")]
    pub path: PathBuf,

    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `advisor check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// The answers file to check (default: advisor.toml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// The answers file, as a flag like the other commands take it (same as FILE).
    #[arg(long, short = 'a', value_name = "FILE", conflicts_with = "file")]
    pub answers: Option<PathBuf>,

    /// Output: text for logs, github for workflow-command annotations, json for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// The decision also holds when it is at most this many points behind rank 1.
    #[arg(long, value_name = "POINTS", default_value_t = 0.0, value_parser = non_negative_points)]
    pub tolerance: f64,

    /// Fail (exit 1) on a missing decision or a changed rule pack instead of warning.
    #[arg(long)]
    pub strict: bool,
}

impl CheckArgs {
    /// The answers file to check: FILE, `--answers`, or `advisor.toml`.
    pub fn path(&self) -> PathBuf {
        self.answers.clone().or_else(|| self.file.clone()).unwrap_or_else(|| PathBuf::from("advisor.toml"))
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings, the ranking and the verdict as text.
    Text,
    /// GitHub Actions workflow commands (::error file=...,line=N::...).
    Github,
    /// A JSON object with the verdict, the decision, the ranking and the findings.
    Json,
}

/// Parses `--tolerance`: a finite number of points, zero or more.
fn non_negative_points(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if p.is_finite() && p >= 0.0 => Ok(p),
        _ => Err(format!("`{s}` is not a number of points of 0 or more")),
    }
}

/// Arguments of `advisor ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Pre-fill every prompt from this answers file (its decision table is kept on save).
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Save the answers here instead of asking where (default advisor.toml).
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,

    /// Overwrite an existing file without asking.
    #[arg(long)]
    pub force: bool,
}

/// Which rule packs to score with.
#[derive(Debug, Clone, Default, Args)]
pub struct PackArgs {
    /// A team rule pack folder, loaded after the built-in pack and the packs named by the answers
    /// file and ADVISOR_PACK (repeatable).
    #[arg(long = "pack", value_name = "DIR")]
    pub packs: Vec<PathBuf>,

    /// Score with the team packs alone, without the built-in rule pack.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Arguments of `advisor recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// The answers file: TOML, or YAML when the name ends in .yaml or .yml.
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: PathBuf,

    /// Output format: a table for people, JSON for machines (the contract's report), or Markdown.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Show only the first N languages in the table and Markdown output (JSON always lists
    /// every language, as the contract requires).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub top: Option<u16>,
}

/// Output formats of `recommend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A ranking table, the caveats of the top three, and the excluded languages.
    Table,
    /// The JSON report of the contract, byte-identical for the same inputs.
    Json,
    /// A Markdown report with every reason and source.
    Markdown,
}

/// The `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
