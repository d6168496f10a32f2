//! advisor: ranks backend languages against a team's answers when concurrency shapes the
//! choice. `run` is the whole program; `main.rs` only hands it the process's streams.

#![forbid(unsafe_code)]

pub mod answers;
pub mod cli;
mod commands;
pub mod engine;
pub mod error;
mod fsio;
mod interview;
mod locate;
pub mod model;
pub mod pack;
pub mod report;
mod safe;
pub mod scenario;
mod schema;
mod suggest;
mod text;
mod yaml;

use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

pub use commands::Io;

/// Width used for tables when the output is not a terminal and COLUMNS is not set.
const DEFAULT_WIDTH: u16 = 100;

/// Runs advisor with these arguments (the first is the program name) and returns the exit
/// code: 0 success, 1 drift found by `check`, 2 unusable input, 130 cancelled.
pub fn run<I, T>(args: I, io: &mut Io<'_>) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            let text = if io.stdout_is_terminal && !io.no_color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let stream: &mut dyn Write = if e.use_stderr() { &mut *io.stderr } else { &mut *io.stdout };
            return match stream.write_all(text.as_bytes()) {
                Ok(()) => code,
                Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => code,
                Err(_) => 2,
            };
        }
    };
    let color = match cli.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => io.stdout_is_terminal && !io.no_color,
    };
    let result = match &cli.command {
        cli::Command::Recommend(args) => commands::recommend::run(args, color, io),
        cli::Command::Ask(args) => commands::ask::run(args, color, io),
        cli::Command::Check(args) => commands::check::run(args, io),
        cli::Command::Explain(args) => commands::explain::run(args, io),
        cli::Command::Diff(args) => commands::diff::run(args, io),
        cli::Command::Team(args) => commands::team::run(args, io),
        cli::Command::Export(args) => commands::export::run(args, io),
        cli::Command::Rules(command) => commands::rules::run(command, color, io),
        cli::Command::Schema(args) => commands::schema::run(args, io),
        cli::Command::Completions(args) => commands::completions(args.shell, io),
        cli::Command::Man(args) => commands::man(args, io),
        cli::Command::Init(args) => commands::init::run(args, io),
        cli::Command::Questions(args) => commands::listing::questions(args, io),
        cli::Command::Languages(args) => commands::listing::languages(args, io),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Nothing sensible is left to do if stderr itself is gone.
            let text = e.to_string();
            let text = if io.stderr_is_terminal {
                let width = usize::from(io.width);
                let wrap_line = |l: &str| match l.strip_prefix("  ") {
                    Some(rest) => crate::text::wrap(rest, width, "  ", "  "),
                    None => crate::text::wrap(l, width, "", "  "),
                };
                text.lines().map(wrap_line).collect::<String>()
            } else {
                format!("{text}\n")
            };
            let _ = io.stderr.write_all(text.as_bytes());
            e.exit_code()
        }
    }
}

/// The process entry point: real streams, the terminal's width, NO_COLOR. Returns the exit
/// code.
pub fn main_entry() -> u8 {
    let stdout = std::io::stdout();
    let stdout_is_terminal = stdout.is_terminal();
    // COLUMNS when set; else the terminal's width, read from stderr when stdout is piped
    // (`advisor ... | less` should still fit the screen); else a fixed default.
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 40)
        .or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0))
        .or_else(|| terminal_size::terminal_size_of(std::io::stderr()).map(|(w, _)| w.0))
        .filter(|w| *w >= 40)
        .unwrap_or(DEFAULT_WIDTH);
    let mut out = stdout.lock();
    let mut err = std::io::stderr().lock();
    let mut input = std::io::stdin().lock();
    let mut io = Io {
        stdout: &mut out,
        stderr: &mut err,
        stdin: &mut input,
        stdin_is_terminal: std::io::stdin().is_terminal(),
        stdout_is_terminal,
        stderr_is_terminal: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        width,
    };
    let code = run(std::env::args_os(), &mut io);
    // What is still buffered: no runtime flushes it at exit (see main.rs).
    match io.stdout.flush() {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(_) => code.max(2),
    }
}
