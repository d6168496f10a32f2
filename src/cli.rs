//! The command line, as clap derive types. Doc comments here are the `--help` texts. One file
//! over 500 lines on purpose: it is declarations (and the few value parsers and the deferred
//! declaration of arguments clap needs), and reading every command's arguments side by side is
//! how their names and meanings are kept the same across commands.

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A subcommand's arguments, declared to clap only when that subcommand is parsed (or its
/// help, completions or man page need them): `advisor recommend` does not build the
/// arguments of the other commands, which was a third of its start-up.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args_for_update))
    }
}

/// Declares a subcommand's arguments, keeping the about texts its variant's doc comment gave
/// it: run late, the arguments struct's own doc comment would replace them.
fn keeping_about(cmd: clap::Command, augment: fn(clap::Command) -> clap::Command) -> clap::Command {
    let (about, long) = (cmd.get_about().cloned(), cmd.get_long_about().cloned());
    let mut cmd = augment(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long) = long {
        cmd = cmd.long_about(long);
    }
    cmd
}

/// Ranks backend languages for a system whose concurrency shapes the choice, and explains why.
///
/// Run `advisor ask` to answer the questions in the terminal and save them, or write an
/// answers file (`advisor init` writes a starter) and run `advisor recommend FILE`. Every point
/// of every score comes from a rule that cites a section of the guides the rules were
/// written from.
#[derive(Debug, Parser)]
#[command(
    name = "advisor",
    version = concat!(env!("CARGO_PKG_VERSION"), ", rule pack ", env!("ADVISOR_PACK_FINGERPRINT")),
    propagate_version = true,
    max_term_width = 100,
    after_help = "Examples:
  advisor ask                                    answer the questions, save advisor.toml
  advisor recommend                              rank the languages for ./advisor.toml
  advisor recommend --set shape=cpu_parallel --set task_nature=cpu_bound
  advisor explain go                             take one language's score apart
  advisor check                                  does the recorded decision still hold? (CI)

Exit codes: 0 success (check: the decision holds), 1 check found drift or rules test failed,
2 unusable input (the message names the file, line and column), 130 ask was cancelled.
Environment: NO_COLOR turns colour off, COLUMNS sets the width, ADVISOR_PACK lists team packs."
)]
pub struct Cli {
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        hide_possible_values = true,
        display_order = 1000
    )]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the languages against the answers, with reasons, caveats and exclusions.
    #[command(after_help = "Examples:
  advisor recommend                              the answers in ./advisor.toml
  advisor recommend game.toml --top 5
  advisor recommend --set shape=cpu_parallel --set task_nature=cpu_bound
  cat game.toml | advisor recommend - --format json")]
    Recommend(Deferred<RecommendArgs>),
    /// Answer the questions in the terminal, see the ranking, and save the answers file.
    ///
    /// Esc goes back to the previous question; a review screen lists every answer before
    /// it counts; Ctrl-C cancels without writing anything (exit code 130).
    #[command(after_help = "Examples:
  advisor ask                                    pre-filled from ./advisor.toml when it exists
  advisor ask game.toml --save game.toml         revise a file and save it in place")]
    Ask(Deferred<AskArgs>),
    /// Re-check the decisions recorded in answers files against the current rule pack (for CI).
    ///
    /// One file gets the full report; several files, or a folder (searched for advisor.toml
    /// and *.advisor.toml), get one line each and a summary. Exit code 0 when every recorded
    /// decision still holds (or an unexpired waiver keeps it), 1 when one no longer does, 2
    /// when a file is unusable.
    #[command(after_help = "Examples:
  advisor check                                  ./advisor.toml
  advisor check services/api/advisor.toml --format github --no-file-packs
  advisor check services/                        every service's file, one line each
  advisor check --tolerance 5 --strict")]
    Check(Deferred<CheckArgs>),
    /// Take one language's score apart: every rule that fired, its caveats, why it is excluded,
    /// the gap to rank 1 and the single answers that would put it first.
    #[command(after_help = "Examples:
  advisor explain go                             the answers in ./advisor.toml
  advisor explain Elixir game.toml
  advisor explain rust advisor.toml --set latency=hard_realtime --format json")]
    Explain(Deferred<ExplainArgs>),
    /// Compare two answers files: the answers that changed, rank 1 before and after and the
    /// rules that moved it, and every language whose rank or score moved.
    ///
    /// Exit code 0, or 1 with --exit-code when rank 1 changes; 2 when a file is unusable.
    #[command(after_help = "Examples:
  advisor diff old.toml advisor.toml
  advisor diff advisor.toml advisor.toml --set latency=hard_realtime      what one answer would do
  git show origin/main:advisor.toml | advisor diff - advisor.toml --format markdown")]
    Diff(Deferred<DiffArgs>),
    /// Compare team members' answers files: who answered what, the consensus and its ranking,
    /// and the disagreements that change rank 1, to settle first.
    #[command(after_help = "Examples:
  advisor team alice.toml bob.toml carol.toml
  advisor team answers/ --prefer answers/lead.toml
  advisor team answers/ --format markdown --write-consensus advisor.toml")]
    Team(Deferred<TeamArgs>),
    /// Write the decision as a Markdown architecture decision record (MADR 4.0.0) with its evidence.
    #[command(after_help = "Examples:
  advisor export > decision.md                   from ./advisor.toml
  advisor export game.toml --adr-dir docs/adr    filed as the next NNNN-title.md
  advisor export --out docs/adr/0007-backend.md --supersedes docs/adr/0003-backend.md")]
    Export(Deferred<ExportArgs>),
    /// Check, list and test rule packs (the built-in pack and team packs).
    #[command(
        subcommand,
        after_help = "Examples:
  advisor rules check --pack ./team-pack
  advisor rules list --language go
  advisor rules test --pack ./team-pack"
    )]
    Rules(RulesCommand),
    /// Print a JSON Schema (draft 2020-12) of the answers file, for editors.
    ///
    /// Point Taplo / Even Better TOML or the YAML language server at it to validate and complete
    /// advisor.toml as you type.
    #[command(after_help = "Example:
  advisor schema > advisor.schema.json")]
    Schema(Deferred<SchemaArgs>),
    /// Write a commented starter answers file listing every question, its options and default.
    #[command(after_help = "Examples:
  advisor init                                   writes ./advisor.toml (never over an existing one)
  advisor init - | less                          print it instead")]
    Init(Deferred<InitArgs>),
    /// List the questions: ids, options, defaults, and when each is asked.
    #[command(after_help = "Examples:
  advisor questions
  advisor questions --format json")]
    Questions(Deferred<ListArgs>),
    /// List the candidate languages: ids, names, runtimes and the aliases commands accept.
    #[command(after_help = "Examples:
  advisor languages
  advisor languages --pack ./team-pack --format json")]
    Languages(Deferred<ListArgs>),
    /// Print a shell completion script (it completes language ids and --set answers too).
    #[command(after_help = "Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  advisor completions bash > ~/.local/share/bash-completion/completions/advisor
  mkdir -p ~/.zfunc && advisor completions zsh > ~/.zfunc/_advisor")]
    Completions(Deferred<CompletionsArgs>),
    /// Print the man page (roff), or write one page per command into a folder.
    #[command(after_help = "Examples:
  mkdir -p ~/.local/share/man/man1
  advisor man --dir ~/.local/share/man/man1 --force   advisor.1, advisor-recommend.1 ...
  advisor man > advisor.1")]
    Man(Deferred<ManArgs>),
}

/// Arguments of `advisor questions` and `advisor languages`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The rule packs whose questions or languages to list.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: a table for people, JSON for scripts, or Markdown for documents.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of the listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table laid out to the terminal's width.
    Table,
    /// A JSON array.
    Json,
    /// A Markdown table.
    Markdown,
}

/// Arguments of `advisor man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write advisor.1 and one page per command (advisor-recommend.1 ...) into this folder,
    /// instead of printing advisor.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Replace pages that already exist in DIR.
    #[arg(long, requires = "dir")]
    pub force: bool,
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
    /// The language: its id (`go`), name (`Go`) or a common alias (`golang`)
    #[arg(value_name = "LANGUAGE", value_parser = LanguageParser)]
    pub language: String,

    /// Where the answers come from.
    #[command(flatten)]
    pub input: AnswersArgs,

    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: text for people, or JSON with the same facts for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
}

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Text wrapped to the terminal.
    Text,
    /// A JSON object.
    Json,
}

/// Arguments of `advisor diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The answers before: an answers file (TOML, or YAML ending in .yaml), or `-` for
    /// standard input
    #[arg(value_name = "OLD", value_hint = clap::ValueHint::FilePath)]
    pub old: PathBuf,

    /// The answers after; `-` reads standard input (one side at most)
    #[arg(value_name = "NEW", value_hint = clap::ValueHint::FilePath)]
    pub new: PathBuf,

    /// Set or override one answer of NEW (repeatable), to see what a change would do
    #[arg(
        long = "set",
        value_name = "QUESTION=VALUE",
        value_parser = crate::answers::flags::SetParser,
        hide_possible_values = true
    )]
    pub set: Vec<String>,

    /// The rule packs (each side also loads the packs its own file names).
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: text for the terminal, markdown for a pull-request comment or job summary, json
    /// for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Exit with code 1 when rank 1 changes (as `git diff --exit-code` does for any change)
    #[arg(long)]
    pub exit_code: bool,
}

/// Arguments of `advisor team`.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Two or more members' answers files (each member is named by the file's stem), or a
    /// folder holding them (*.toml, *.yaml)
    #[arg(value_name = "FILE", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub files: Vec<PathBuf>,

    /// The member whose answer settles a tie (a member's file or name). Without it, a tie is
    /// settled by the question's default when that is among the tied answers, else by the
    /// member listed first; the report says which
    #[arg(long, value_name = "MEMBER", value_hint = clap::ValueHint::FilePath)]
    pub prefer: Option<PathBuf>,

    /// Save the consensus as an answers file (refused if it exists, unless --force)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub write_consensus: Option<PathBuf>,

    /// Replace an existing file at --write-consensus
    #[arg(long)]
    pub force: bool,

    /// The rule packs (every member must be scored with the same ones).
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: text for the terminal, markdown for a pull request or a record, json for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Text wrapped to the terminal.
    Text,
    /// Markdown: a verdict line, then tables.
    Markdown,
    /// A JSON object.
    Json,
}

/// `advisor rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Load the packs and report every problem at once, with file, line and entry id (exit 2 if any).
    #[command(after_help = "Examples:
  advisor rules check                            the built-in pack
  advisor rules check --pack ./team-pack")]
    Check(Deferred<RulesArgs>),
    /// List the rules, requirements, exclusions and caveats, with their points, conditions and sources.
    #[command(after_help = "Examples:
  advisor rules list --language go
  advisor rules list --pack ./team-pack --format json")]
    List(Deferred<RulesListArgs>),
    /// Run the scenario tests of the packs (the built-in pack's own, and DIR/tests/*.toml).
    #[command(after_help = "Examples:
  advisor rules test                             the built-in pack's scenarios
  advisor rules test --pack ./team-pack          the team pack's tests/*.toml")]
    Test(Deferred<RulesArgs>),
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

    /// Only the entries that concern this language (id, name or alias).
    #[arg(long, value_name = "LANGUAGE", value_parser = LanguageParser)]
    pub language: Option<String>,

    /// Output: a table for people, or JSON for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Output formats of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table laid out to the terminal's width.
    Table,
    /// A JSON array with one object per entry.
    Json,
}

/// Arguments of `advisor export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the answers come from.
    #[command(flatten)]
    pub input: AnswersArgs,

    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

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

    /// Replace an existing file at --out, or file a record whose title another record in
    /// --adr-dir already has.
    #[arg(long)]
    pub force: bool,

    /// Mark this earlier record as superseded by the new one (needs --out or --adr-dir).
    #[arg(long, value_name = "PATH")]
    pub supersedes: Option<PathBuf>,

    /// The members' own answers files (or a folder of them), as `advisor team` takes them: the
    /// record adds where they disagreed and how each disagreement was settled
    #[arg(long, value_name = "FILE", num_args = 1.., value_hint = clap::ValueHint::AnyPath)]
    pub team: Vec<PathBuf>,
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
    /// Where the answers come from.
    #[command(flatten)]
    pub input: AnswersArgs,

    /// More answers files, or folders searched for `advisor.toml` and `*.advisor.toml`: each is
    /// checked, one line each, then a summary
    #[arg(value_name = "MORE", value_hint = clap::ValueHint::AnyPath)]
    pub more: Vec<PathBuf>,

    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: text for logs, github for workflow-command annotations, json for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// The decision also holds when it is at most this many points behind rank 1.
    #[arg(long, value_name = "POINTS", default_value_t = 0.0, value_parser = non_negative_points)]
    pub tolerance: f64,

    /// Fail (exit 1) when the file records no decision or was scored with another rule pack
    /// (without it, those are notices and warnings that do not fail).
    #[arg(long)]
    pub strict: bool,

    /// Judge waiver expiry as of this day, YYYY-MM-DD (default: today, from the system clock)
    #[arg(long, value_name = "DATE", value_parser = calendar_date)]
    pub today: Option<String>,
}

/// A `--today` value: a real calendar date written YYYY-MM-DD.
fn calendar_date(value: &str) -> Result<String, String> {
    if crate::answers::is_date(value) {
        Ok(value.to_string())
    } else {
        Err("expected a calendar date written YYYY-MM-DD".to_string())
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
    /// Pre-fill every prompt from this answers file (its decision table is kept on save)
    /// [default: ./advisor.toml when it exists]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// The answers file, as a flag (the same as FILE)
    #[arg(long, short = 'a', value_name = "FILE", conflicts_with = "file")]
    pub answers: Option<PathBuf>,

    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Save the answers here instead of asking where (default advisor.toml).
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,

    /// Overwrite an existing file without asking.
    #[arg(long)]
    pub force: bool,
}

/// Where the answers come from: a file (positional or `--answers`), standard input (`-`),
/// `--set` flags, or `./advisor.toml`.
#[derive(Debug, Clone, Default, Args)]
pub struct AnswersArgs {
    /// The answers file: TOML, or YAML when the name ends in .yaml or .yml; `-` reads TOML from
    /// standard input [default: ./advisor.toml, unless --set gives the answers]
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// The answers file, as a flag (the same as FILE)
    #[arg(long, short = 'a', value_name = "FILE", conflicts_with = "file", value_hint = clap::ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    /// Set or override one answer (repeatable): a multi-choice value is comma-separated, an
    /// empty value clears the answer
    #[arg(
        long = "set",
        value_name = "QUESTION=VALUE",
        value_parser = crate::answers::flags::SetParser,
        hide_possible_values = true
    )]
    pub set: Vec<String>,
}

impl AnswersArgs {
    /// The file named, by FILE or `--answers`.
    pub fn named(&self) -> Option<&std::path::Path> {
        self.answers.as_deref().or(self.file.as_deref())
    }
}

impl AskArgs {
    /// The file named, by FILE or `--answers`.
    pub fn named(&self) -> Option<&std::path::Path> {
        self.answers.as_deref().or(self.file.as_deref())
    }
}

/// Which rule packs to score with.
#[derive(Debug, Clone, Default, Args)]
pub struct PackArgs {
    /// A team rule pack folder (repeatable), loaded after the built-in pack, the packs an answers
    /// file names and those in ADVISOR_PACK.
    #[arg(long = "pack", value_name = "DIR")]
    pub packs: Vec<PathBuf>,

    /// Use the team packs alone, without the built-in rule pack.
    #[arg(long)]
    pub no_builtin: bool,

    /// Ignore the packs the answers file names in `packs` (as ADVISOR_NO_FILE_PACKS=1 does):
    /// in CI, so a pull request cannot bring the rules its own check is scored with.
    #[arg(long)]
    pub no_file_packs: bool,
}

/// Arguments of `advisor recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Where the answers come from.
    #[command(flatten)]
    pub input: AnswersArgs,

    /// The rule packs.
    #[command(flatten)]
    pub pack: PackArgs,

    /// Output: a table for people, JSON for scripts, or Markdown for documents.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Show only the first N languages in the table (default 5) and Markdown output (JSON always
    /// lists every language).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub top: Option<u16>,

    /// Show everything in the table: every language, every answer that would change rank 1, and
    /// the caveats of the top three.
    #[arg(long, conflicts_with = "top")]
    pub all: bool,
}

/// Output formats of `recommend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A ranking table (the top five, with the strongest reasons), the caveats of rank 1 and the
    /// excluded languages; `--all` shows every language and the caveats of the top three.
    Table,
    /// Every language with its score, reasons, caveats and sources; byte-identical for the same inputs.
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

/// Parses a language argument: any text (ids, names and aliases are resolved against the
/// loaded packs later), offering the built-in language ids to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct LanguageParser;

impl clap::builder::TypedValueParser for LanguageParser {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let pack = crate::pack::builtin();
        let ids: Vec<clap::builder::PossibleValue> =
            pack.languages.iter().map(|l| clap::builder::PossibleValue::new(l.id.to_string())).collect();
        Some(Box::new(ids.into_iter()))
    }
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
