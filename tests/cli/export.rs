//! `advisor export`: full MADR records (snapshots), their structure checked with a Markdown
//! parser, ADR-folder numbering, overwrite protection and superseding.

use crate::Test;
use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

const TODAY: &str = "1795219200";

fn export(extra: &[&str]) -> String {
    let mut args = vec!["export"];
    args.extend_from_slice(extra);
    let out = Test::new().in_project().env("SOURCE_DATE_EPOCH", TODAY).args(&args).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn full_records_for_two_answers_files() {
    insta::assert_snapshot!(
        "madr_realtime_chat",
        crate::stable(&export(&["--answers", "examples/realtime-chat.toml"]))
    );
    insta::assert_snapshot!(
        "madr_enterprise_backend",
        crate::stable(&export(&["--answers", "examples/enterprise-backend.toml", "--options", "3"]))
    );
}

/// Front matter text and (level, text) of every heading.
fn structure(markdown: &str) -> (String, Vec<(u8, String)>) {
    let mut front = String::new();
    let mut headings = Vec::new();
    let (mut in_front, mut heading): (bool, Option<(u8, String)>) = (false, None);
    for event in
        Parser::new_ext(markdown, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES)
    {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_front = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front = false,
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                heading = Some((n, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if in_front {
                    front.push_str(&t);
                } else if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (front, headings)
}

#[test]
fn records_follow_the_madr_structure() {
    for (file, options) in [
        ("examples/realtime-chat.toml", "4"),
        ("examples/enterprise-backend.toml", "2"),
        ("examples/control-plane.toml", "12"),
        ("examples/typed-game-sessions.yaml", "1"),
    ] {
        let record = export(&["--answers", file, "--options", options]);
        let (front, headings) = structure(&record);
        let meta: serde_yaml::Value = serde_yaml::from_str(&front).expect("front matter is YAML");
        let keys: Vec<&str> = meta.as_mapping().unwrap().keys().filter_map(|k| k.as_str()).collect();
        assert_eq!(keys, ["status", "date", "decision-makers"], "{file}");
        assert!(["proposed", "accepted"].contains(&meta["status"].as_str().unwrap()), "{file}");

        let h2: Vec<&str> = headings.iter().filter(|(l, _)| *l == 2).map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            h2,
            [
                "Context and Problem Statement",
                "Decision Drivers",
                "Considered Options",
                "Decision Outcome",
                "Pros and Cons of the Options",
                "More Information"
            ],
            "{file}"
        );
        assert_eq!(headings.iter().filter(|(l, _)| *l == 1).count(), 1, "{file}: one title");
        assert_eq!(headings[0].0, 1, "{file}: the title comes first");
        // Consequences and Confirmation sit under Decision Outcome; one H3 per option under Pros and Cons.
        let outcome = headings.iter().position(|(_, t)| t == "Decision Outcome").unwrap();
        assert_eq!(headings[outcome + 1], (3, "Consequences".to_string()), "{file}");
        assert_eq!(headings[outcome + 2], (3, "Confirmation".to_string()), "{file}");
        let pros = headings.iter().position(|(_, t)| t == "Pros and Cons of the Options").unwrap();
        let more = headings.iter().position(|(_, t)| t == "More Information").unwrap();
        let considered = record
            .split("## Considered Options\n\n")
            .nth(1)
            .unwrap()
            .split("\n\n")
            .next()
            .unwrap()
            .lines()
            .count();
        assert_eq!(more - pros - 1, considered, "{file}: one section per considered option");
        assert!(record.contains("Chosen option: \""), "{file}");
        assert!(record.contains("```mermaid\nxychart-beta"), "{file}");
        assert!(record.contains("```toml\n"), "{file}");
    }
}

#[test]
fn titles_with_hashes_stay_valid_headings() {
    let record =
        export(&["--answers", "examples/enterprise-backend.toml", "--title", "Move the billing API to C#"]);
    assert!(record.contains("\n# Move the billing API to C\\#\n"), "{}", &record[..300]);
    let (_, headings) = structure(&record);
    assert_eq!(headings[0], (1, "Move the billing API to C#".to_string()));
}

#[test]
fn the_answers_block_re_scores_to_the_same_ranking() {
    let record = export(&["--answers", "examples/enterprise-backend.toml"]);
    let block = record.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
    let rescored = crate::recommend_text("a.toml", block, "json");
    let original = Test::new()
        .in_project()
        .args(&["recommend", "--answers", "examples/enterprise-backend.toml", "--format", "json"])
        .run();
    assert_eq!(rescored.stdout, original.stdout);
}

#[test]
fn adr_folders_get_the_next_free_number() {
    let test = Test::new()
        .file("docs/adr/0001-use-postgres.md", "# Use Postgres\n")
        .file("docs/adr/0003-queue.md", "# Queue\n")
        .file("docs/adr/README.md", "not a record\n")
        .file("team.toml", crate::example("control-plane.toml"));
    let out = test.run_with(&["export", "--answers", "team.toml", "--adr-dir", "docs/adr"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = "docs/adr/0004-backend-language-for-distributed-processes-across-machines.md";
    assert!(test.path().join(expected).exists());
    assert_eq!(out.stderr, format!("Wrote {expected}\n"));

    let out = test.run_with(&[
        "export",
        "--answers",
        "team.toml",
        "--adr-dir",
        "docs/adr",
        "--title",
        "Go for the control plane",
    ]);
    assert_eq!(out.code, 0);
    assert!(test.path().join("docs/adr/0005-go-for-the-control-plane.md").exists());

    // The same title again is refused unless --force: it is most likely the same decision.
    let again = test.run_with(&[
        "export",
        "team.toml",
        "--adr-dir",
        "docs/adr",
        "--title",
        "Go for the control plane",
    ]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already holds a record with this title (0005-go-for-the-control-plane.md)"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--supersedes") && again.stderr.contains("--force"), "{}", again.stderr);
    assert!(!test.path().join("docs/adr/0006-go-for-the-control-plane.md").exists());
    let forced = test.run_with(&[
        "export",
        "team.toml",
        "--adr-dir",
        "docs/adr",
        "--title",
        "Go for the control plane",
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(test.path().join("docs/adr/0006-go-for-the-control-plane.md").exists());

    // A folder that does not exist yet starts at 0001.
    let out = test.run_with(&["export", "--answers", "team.toml", "--adr-dir", "new/decisions"]);
    assert_eq!(out.code, 0);
    assert!(
        test.path()
            .join("new/decisions/0001-backend-language-for-distributed-processes-across-machines.md")
            .exists()
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let test = Test::new().file("adr.md", "# ours\n").file("team.toml", crate::example("ml-service.toml"));
    let out = test.run_with(&["export", "--answers", "team.toml", "--out", "adr.md"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("adr.md: already exists; it was left as it is (use --force"));
    assert_eq!(std::fs::read_to_string(test.path().join("adr.md")).unwrap(), "# ours\n");
    let out = test.run_with(&["export", "--answers", "team.toml", "--out", "adr.md", "--force"]);
    assert_eq!(out.code, 0);
    assert!(
        std::fs::read_to_string(test.path().join("adr.md")).unwrap().starts_with("---\nstatus: proposed")
    );
}

#[test]
fn superseding_marks_the_old_record_and_links_both_ways() {
    let old = "---\nstatus: accepted\ndate: 2024-05-01\n---\n\n# Backend language\n\nWe chose Ruby.\n";
    let test = Test::new()
        .file("docs/adr/0007-backend-language.md", old)
        .file("team.toml", crate::example("realtime-chat.toml"));
    let out = test.run_with(&[
        "export",
        "--answers",
        "team.toml",
        "--adr-dir",
        "docs/adr",
        "--supersedes",
        "docs/adr/0007-backend-language.md",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let new_name = "0008-backend-language-for-realtime-fan-out-and-presence";
    let updated = std::fs::read_to_string(test.path().join("docs/adr/0007-backend-language.md")).unwrap();
    assert_eq!(
        updated,
        format!(
            "---\nstatus: \"superseded by [{new_name}]({new_name}.md)\"\ndate: 2024-05-01\n---\n\n# Backend language\n\nWe chose Ruby.\n"
        )
    );
    let record = std::fs::read_to_string(test.path().join(format!("docs/adr/{new_name}.md"))).unwrap();
    assert!(record.contains("This record supersedes [0007-backend-language](0007-backend-language.md)."));
}

#[test]
fn superseding_needs_a_file_and_an_existing_record() {
    let test = Test::new().file("team.toml", crate::example("realtime-chat.toml"));
    let out = test.run_with(&["export", "--answers", "team.toml", "--supersedes", "old.md"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--supersedes needs --out or --adr-dir"));
    let out =
        test.run_with(&["export", "--answers", "team.toml", "--out", "new.md", "--supersedes", "missing.md"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.md: cannot read"));
    assert!(!test.path().join("new.md").exists(), "nothing is written when the old record cannot be read");
}

/// `--supersedes` rewrites the old record in place, so it must be a regular file in the new
/// record's folder: not a link (whose target would be copied), not a device, not elsewhere.
#[cfg(unix)]
#[test]
fn superseding_only_touches_a_record_in_the_same_folder() {
    let test = Test::new()
        .file("team.toml", crate::example("realtime-chat.toml"))
        .file("adr/0001-old.md", "---\nstatus: accepted\n---\n# Old\n")
        .file("secret/key", "PRIVATE\n")
        .file("elsewhere/0001-other.md", "# Other\n");
    std::os::unix::fs::symlink(test.path().join("secret/key"), test.path().join("adr/0002-link.md")).unwrap();
    for (old, expected) in [
        ("adr/0002-link.md", "is not a regular .md file"),
        ("/dev/null", "is not a regular .md file"),
        ("secret/key", "is not a regular .md file"),
        ("elsewhere/0001-other.md", "is not in adr, where the new record goes"),
    ] {
        let out = test.run_with(&["export", "team.toml", "--adr-dir", "adr", "--supersedes", old]);
        assert_eq!(out.code, 2, "{old}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{old}: {}", out.stderr);
    }
    assert_eq!(std::fs::read_to_string(test.path().join("secret/key")).unwrap(), "PRIVATE\n");
    let out = test.run_with(&["export", "team.toml", "--adr-dir", "adr", "--supersedes", "adr/0001-old.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(test.path().join("adr/0001-old.md")).unwrap().contains("superseded by"));
}

/// Runs one `export --adr-dir adr --title T` per title at once in `test`'s folder; whether each
/// succeeded.
fn exports_at_once(test: &Test, titles: &[String], extra: &[&str]) -> Vec<bool> {
    let runs: Vec<std::process::Child> = titles
        .iter()
        .map(|title| {
            let mut cmd = Test::new().command();
            cmd.current_dir(test.path())
                .args(["export", "team.toml", "--adr-dir", "adr", "--title", title])
                .args(extra)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            cmd.spawn().expect("spawn")
        })
        .collect();
    runs.into_iter().map(|mut r| r.wait().expect("wait").success()).collect()
}

/// Exports running at once into one ADR folder each file their own record, and numbers keep
/// growing past 9999.
#[test]
fn parallel_exports_file_one_record_each() {
    let test = Test::new().file("team.toml", crate::example("realtime-chat.toml"));
    // Half file the same title (with --force), half each their own.
    let titles: Vec<String> = (0..8)
        .map(|i| if i % 2 == 0 { "Same decision".to_string() } else { format!("Decision {i}") })
        .collect();
    let runs = exports_at_once(&test, &titles, &["--force"]);
    assert!(runs.iter().all(|ok| *ok));
    let mut names: Vec<String> = std::fs::read_dir(test.path().join("adr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut numbers: Vec<&str> = names.iter().map(|n| &n[..4]).collect();
    numbers.sort();
    assert_eq!(numbers, ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"], "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".lock")), "the lock is released: {names:?}");

    // Without --force, runs of one title at once file it once.
    let once = Test::new().file("team.toml", crate::example("realtime-chat.toml"));
    let succeeded =
        exports_at_once(&once, &vec!["One".to_string(); 6], &[]).into_iter().filter(|ok| *ok).count();
    assert_eq!(succeeded, 1);
    assert_eq!(std::fs::read_dir(once.path().join("adr")).unwrap().count(), 1);

    let wide = Test::new()
        .file("team.toml", crate::example("realtime-chat.toml"))
        .file("adr/10000-late.md", "# Late\n");
    let out = wide.run_with(&["export", "team.toml", "--adr-dir", "adr"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("adr/10001-backend-language"), "{}", out.stderr);
}

/// Every example's record reads once: no "because because", no bullet repeated within a section,
/// the chosen option's pros and cons not repeated under Pros and Cons, and cons strongest first.
#[test]
fn records_say_each_thing_once_strongest_first() {
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "yaml"))
        .map(|p| format!("examples/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(files.len() >= 5);
    for file in files {
        let record = export(&["--answers", &file]);
        assert!(!record.to_lowercase().contains("because because"), "{file}");
        let points = |line: &str| -> Option<f64> {
            let inner = line.rsplit_once(" (")?.1;
            inner.split(';').next()?.trim().parse::<f64>().ok()
        };
        for section in record.split("\n### ") {
            let bullets: Vec<&str> = section.lines().filter(|l| l.starts_with("* ")).collect();
            let mut seen = std::collections::BTreeSet::new();
            for b in &bullets {
                assert!(seen.insert(*b), "{file}: repeated in a section: {b}");
            }
            let cons: Vec<f64> = bullets
                .iter()
                .filter(|b| b.starts_with("* Bad, because"))
                .filter_map(|b| points(b))
                .collect();
            assert!(cons.windows(2).all(|w| w[0] <= w[1]), "{file}: cons not strongest first: {cons:?}");
            let pros: Vec<f64> = bullets
                .iter()
                .filter(|b| b.starts_with("* Good, because"))
                .filter_map(|b| points(b))
                .collect();
            assert!(pros.windows(2).all(|w| w[0] >= w[1]), "{file}: pros not strongest first: {pros:?}");
        }
        // The chosen option's pros and cons are the Consequences; its Pros and Cons entry points there.
        let chosen =
            record.split("Chosen option: \"").nth(1).unwrap().split('"').next().unwrap().replace('#', "\\#");
        let options =
            record.split("## Pros and Cons of the Options").nth(1).unwrap().split("\n## ").next().unwrap();
        let own = options
            .split("### ")
            .find(|s| s.starts_with(&format!("{chosen}\n")))
            .expect("chosen option listed");
        assert!(!own.lines().any(|l| l.starts_with("* ")), "{file}: {own}");
        assert!(own.contains("consequences listed under Decision Outcome"), "{file}: {own}");

        // A caveat that makes a penalty's point is shown once, as that penalty: with its points.
        let pack = advisor::pack::builtin();
        let sections = record.split("\n### ").filter(|s| s.contains("* Bad, because"));
        for section in sections {
            for caveat in pack.caveats.iter().filter(|c| !c.restates.is_empty()) {
                let text = caveat.text.trim_end_matches('.');
                let text = &text[1..]; // the first letter is lower-cased mid-sentence
                let bullets: Vec<&str> = section.lines().filter(|l| l.contains(text)).collect();
                let rules: Vec<&str> = caveat
                    .restates
                    .iter()
                    .map(|&r| pack.rules()[r.get()].reason.as_ref())
                    .filter(|reason| section.contains(&reason[1..]))
                    .collect();
                assert!(
                    bullets.is_empty() || rules.is_empty(),
                    "{file}: `{}` and the rule it restates are both listed:\n{section}",
                    caveat.id
                );
                assert!(bullets.len() <= 1, "{file}: `{}` twice:\n{section}", caveat.id);
            }
        }
    }
}

/// A record names the answers file as CI does, from the repository's root, wherever the
/// export ran.
#[test]
fn records_name_the_answers_file_from_the_repository_root() {
    let test = Test::new()
        .file(".git/HEAD", "x")
        .file("services/api/advisor.toml", crate::example("realtime-chat.toml"));
    let mut cmd = test.command();
    let out =
        cmd.current_dir(test.path().join("services")).args(["export", "api/advisor.toml"]).output().unwrap();
    let record = String::from_utf8(out.stdout).unwrap();
    assert!(record.contains("`advisor check services/api/advisor.toml`"), "{record}");
    assert!(!record.contains("advisor check api/advisor.toml"), "{record}");
}
