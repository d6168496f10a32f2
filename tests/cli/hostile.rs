//! Untrusted input: answers files and packs from a pull request can leak no file, hang
//! nothing and inject nothing into a terminal, a record or a CI log.

use crate::{Test, example};
use std::time::{Duration, Instant};

/// A secret that must never appear in any output.
const SECRET: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

/// A copy of the platform-jvm example pack in the run's folder, under `pack/`.
fn with_pack(test: Test) -> Test {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/packs/platform-jvm");
    let mut test = test;
    for folder in ["rules", "sources"] {
        for entry in std::fs::read_dir(format!("{root}/{folder}")).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("pack/{folder}/{}", path.file_name().unwrap().to_string_lossy());
            test = test.file(&name, std::fs::read(&path).unwrap());
        }
    }
    test
}

#[cfg(unix)]
#[test]
fn a_pack_file_linked_out_of_the_pack_is_not_read() {
    let test = with_pack(Test::new()).file("secret/id_ed25519", SECRET);
    std::os::unix::fs::symlink(test.path().join("secret/id_ed25519"), test.path().join("pack/rules/k.yaml"))
        .unwrap();
    let out = test.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stdout.contains("BEGIN") && !out.stderr.contains("BEGIN"), "{}", out.stderr);
    assert!(
        out.stderr.contains("k.yaml: is a symbolic link to a file outside the pack folder"),
        "{}",
        out.stderr
    );

    // A link that stays inside the pack is followed, as git does.
    let inside = with_pack(Test::new());
    let rules = std::fs::read_dir(inside.path().join("pack/rules")).unwrap().next().unwrap().unwrap().path();
    std::fs::rename(&rules, inside.path().join("pack/real.yaml")).unwrap();
    std::os::unix::fs::symlink(inside.path().join("pack/real.yaml"), &rules).unwrap();
    let out = inside.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A parser that quotes what it could not read echoes at most 60 characters of it.
#[test]
fn a_file_that_is_not_yaml_is_not_echoed() {
    let key = format!("{}{}", "A".repeat(5000), SECRET.replace('\n', ""));
    let test = with_pack(Test::new()).file("pack/rules/k.yaml", &key);
    let out = test.run_with(&["rules", "check", "--pack", "pack"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.contains("BEGIN"), "{}", out.stderr);
    assert!(out.stderr.lines().all(|l| l.chars().count() < 400), "{}", out.stderr);

    let value = "x".repeat(900_000);
    let answers = format!("version = 1\n[answers]\nshape = \"{value}\"\ntask_nature = \"mixed\"\n");
    let out = Test::new().file("a.toml", answers).args(&["recommend", "a.toml"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.len() < 2000, "{} bytes of error", out.stderr.len());
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_at_once() {
    let test = Test::new();
    let fifo = test.path().join("answers.toml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for (args, what) in [
        (vec!["recommend", "answers.toml"], "answers.toml: is a FIFO (named pipe), not a regular file"),
        (vec!["recommend", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
        (vec!["check", "/dev/zero"], "/dev/zero: is a device, not a regular file"),
    ] {
        let started = Instant::now();
        let out = test.run_with(&args);
        assert!(started.elapsed() < Duration::from_secs(5), "{args:?} took {:?}", started.elapsed());
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(what), "{args:?}: {}", out.stderr);
    }

    // The same inside a pack: a rules file that is a FIFO or a link to a device.
    let pack = with_pack(Test::new());
    let status =
        std::process::Command::new("mkfifo").arg(pack.path().join("pack/rules/fifo.yaml")).status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    let out = pack.run_with(&["rules", "check", "--pack", "pack"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("fifo.yaml: is a FIFO (named pipe), not a regular file"), "{}", out.stderr);
}

#[test]
fn standard_input_has_the_same_limit() {
    let big = format!("{}\n", "#".repeat(1024 * 1024 + 10));
    let out = Test::new().stdin(big).args(&["recommend", "-"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("<stdin>: is larger than 1 MiB"), "{}", out.stderr);
    let out = Test::new().stdin(example("realtime-chat.toml")).args(&["recommend", "-"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}
