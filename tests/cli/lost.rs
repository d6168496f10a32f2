//! Files are never lost: a process killed in the middle of a save leaves the old file intact,
//! for every command that writes (ask --save is covered by the same function: fsio::write_atomic).

use crate::Test;
use std::path::Path;
use std::time::{Duration, Instant};

/// Starts `advisor ARGS` with writes paused before the rename, waits until the temporary file
/// exists, kills the process, and returns what is left in `dir`.
fn kill_mid_write(test: &Test, args: &[&str]) {
    interrupt_mid_write(test, args, None);
}

/// Like [`kill_mid_write`], with a signal (`INT`, `TERM`) instead of SIGKILL when one is named;
/// returns the exit code.
fn interrupt_mid_write(test: &Test, args: &[&str], signal: Option<&str>) -> Option<i32> {
    let mut cmd = test.command();
    cmd.args(args).env("ADVISOR_TESTING_PAUSE_BEFORE_RENAME", "30000");
    let mut child = cmd.spawn().expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(20);
    let temporary = |dir: &Path| {
        walk(dir)
            .into_iter()
            .any(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".advisor-")))
    };
    while !temporary(test.path()) {
        assert!(Instant::now() < deadline, "the write never started");
        if let Ok(Some(status)) = child.try_wait() {
            panic!("advisor ended before it was killed: {status}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    match signal {
        None => child.kill().expect("kill"),
        Some(name) => {
            let sent = std::process::Command::new("kill")
                .args([&format!("-{name}"), &child.id().to_string()])
                .status()
                .expect("kill");
            assert!(sent.success());
        }
    }
    child.wait().expect("reap").code()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

const OLD: &str = "# the team's file, which must survive\n";

#[test]
fn a_killed_init_leaves_the_old_file_intact() {
    let test = Test::new().file("advisor.toml", OLD);
    kill_mid_write(&test, &["init", "--force"]);
    assert_eq!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), OLD);
}

#[test]
fn a_killed_export_leaves_the_old_record_intact() {
    let answers = crate::example("realtime-chat.toml");
    let test = Test::new().file("team.toml", answers).file("adr/0001-x.md", OLD);
    kill_mid_write(&test, &["export", "--answers", "team.toml", "--out", "adr/0001-x.md", "--force"]);
    assert_eq!(std::fs::read_to_string(test.path().join("adr/0001-x.md")).unwrap(), OLD);
    // A record that did not exist yet is simply not there: never a partial file.
    kill_mid_write(&test, &["export", "--answers", "team.toml", "--out", "adr/0002-y.md"]);
    assert!(!test.path().join("adr/0002-y.md").exists());
}

#[test]
fn without_the_pause_the_same_writes_complete() {
    let test = Test::new().file("advisor.toml", OLD);
    let out = test.run_with(&["init", "--force"]);
    assert_eq!(out.code, 0);
    assert_ne!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), OLD);
    let leftovers: Vec<_> =
        walk(test.path()).into_iter().filter(|p| p.to_string_lossy().contains(".advisor-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Ctrl-C or SIGTERM during a save removes the temporary file: nothing is left behind, and the
/// old file is intact.
#[cfg(unix)]
#[test]
fn an_interrupted_save_leaves_no_temporary_file() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let test = Test::new().file("advisor.toml", OLD);
        let exit = interrupt_mid_write(&test, &["init", "--force"], Some(signal));
        assert_eq!(exit, Some(code), "SIG{signal}");
        assert_eq!(std::fs::read_to_string(test.path().join("advisor.toml")).unwrap(), OLD);
        let leftovers: Vec<_> =
            walk(test.path()).into_iter().filter(|p| p.to_string_lossy().contains(".advisor-")).collect();
        assert!(leftovers.is_empty(), "SIG{signal}: {leftovers:?}");
    }
}
