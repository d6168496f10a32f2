//! CLI tests: the real binary, run in a folder of its own, with colour off and no backtraces.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod ask;
mod check;
mod diff;
mod errors;
mod export;
mod hostile;
mod input;
mod lost;
mod packs;
mod recommend;
mod schema_init;
mod team;
mod widths;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The outcome of one run.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A run of `advisor` being set up: `Test::new().file(..).args(..).run()`.
#[derive(Debug)]
pub struct Test {
    dir: tempfile::TempDir,
    cwd: Option<PathBuf>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            cwd: None,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
        }
    }

    /// Runs in the project folder, so `examples/...` paths work and read the same in snapshots.
    pub fn in_project(mut self) -> Self {
        self.cwd = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        self
    }

    /// Writes a file into the run's folder.
    pub fn file(self, name: &str, content: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, content).expect("write test file");
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Feeds this to standard input (otherwise it is empty).
    pub fn stdin(mut self, content: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(content.as_ref().to_vec());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_advisor"));
        cmd.args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(Stdio::null());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(self) -> Outcome {
        self.run_with(&[])
    }

    /// Runs once more in the same folder with `args` added, for tests that run several
    /// commands one after another on the same files.
    pub fn run_with(&self, args: &[&str]) -> Outcome {
        let mut cmd = self.command();
        cmd.args(args);
        let out = match &self.stdin {
            None => cmd.output().expect("advisor runs"),
            Some(input) => {
                use std::io::Write as _;
                let mut child = cmd
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("advisor runs");
                let mut pipe = child.stdin.take().expect("stdin");
                // A command that does not read its input may exit first; that is not a failure here.
                let _ = pipe.write_all(input);
                drop(pipe);
                child.wait_with_output().expect("advisor runs")
            }
        };
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        }
    }
}

/// Every example answers file, as the project folder names it.
pub const EXAMPLES: [&str; 5] = [
    "examples/realtime-chat.toml",
    "examples/control-plane.toml",
    "examples/ml-service.toml",
    "examples/enterprise-backend.toml",
    "examples/typed-game-sessions.yaml",
];

/// 2026-11-21 as a Unix time: the date written files carry (SOURCE_DATE_EPOCH).
pub const TODAY: &str = "1795219200";

/// The same day for `check --today`, so waiver expiry does not depend on the day tests run.
pub const TODAY_DATE: &str = "2026-11-21";

/// The test with a copy of the example pack `examples/packs/NAME` at `dest` in its folder.
pub fn with_example_pack(mut test: Test, name: &str, dest: &str) -> Test {
    let root = format!("{}/examples/packs/{name}", env!("CARGO_MANIFEST_DIR"));
    for folder in ["languages", "questions", "rules", "sources"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{folder}")) else { continue };
        for entry in entries {
            let path = entry.expect("pack entry").path();
            let file = format!("{dest}/{folder}/{}", path.file_name().expect("name").to_string_lossy());
            test = test.file(&file, std::fs::read(&path).expect("pack file"));
        }
    }
    test
}

/// The text of an example answers file (`examples/NAME`).
pub fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).expect("example file")
}

/// Output with the rule pack's fingerprint replaced by a placeholder, so snapshots of what
/// people read do not churn on every rule change.
pub fn stable(text: &str) -> String {
    let fingerprint = advisor::pack::builtin().fingerprint;
    text.replace(&fingerprint, "<pack-fingerprint>")
}

/// Runs `advisor recommend` on an answers file written into the run's folder.
pub fn recommend_text(name: &str, content: &str, format: &str) -> Outcome {
    Test::new().file(name, content).args(&["recommend", "--answers", name, "--format", format]).run()
}

/// Every subcommand's `--help`, found from the command definition itself, in one snapshot.
#[test]
fn every_subcommand_has_stable_help() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            out.push(next.clone());
            walk(sub, next, out);
        }
    }
    let mut paths = Vec::new();
    walk(&advisor::cli::Cli::command(), Vec::new(), &mut paths);
    assert!(paths.len() >= 13, "{paths:?}");
    let mut transcript = String::new();
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = Test::new().args(&args).run();
        assert_eq!(out.code, 0, "{args:?}");
        transcript.push_str(&format!("## advisor {}\n{}\n", path.join(" "), out.stdout));
    }
    insta::assert_snapshot!("every_subcommand_help", transcript);
}

#[test]
fn top_level_help_is_stable() {
    let out = Test::new().args(&["--help"]).run();
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("help", out.stdout);
}

#[test]
fn version_names_the_tool_and_the_rule_pack() {
    let out = Test::new().args(&["--version"]).run();
    assert_eq!(out.code, 0);
    let fingerprint = advisor::pack::builtin().fingerprint;
    assert_eq!(out.stdout, format!("advisor {}, rule pack {fingerprint}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef advisor"),
        ("fish", "complete -c advisor"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = Test::new().args(&["completions", shell]).run();
        assert_eq!(out.code, 0, "{shell}");
        assert!(out.stdout.contains(marker), "{shell}: no {marker:?}");
        for command in ["recommend", "ask", "check", "export", "explain", "rules"] {
            assert!(out.stdout.contains(command), "{shell} completes {command}");
        }
    }
    assert_eq!(Test::new().args(&["completions", "tcsh"]).run().code, 2);
}

#[test]
fn the_man_page_renders() {
    let out = Test::new().args(&["man"]).run();
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq") || out.stdout.contains(".TH advisor"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
    assert!(out.stdout.contains(".TH advisor 1"));
    for command in ["recommend", "check", "export"] {
        assert!(out.stdout.contains(command));
    }
}
