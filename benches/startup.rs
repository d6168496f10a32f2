//! Whole-process start-up against a bare exec of /bin/true, measured alternately: every round
//! runs /bin/true and each command once (starting one command later each round), so that
//! whatever else the machine does slows all of them alike. `scripts/bench` runs it on the release binary:
//!
//! ```text
//! cargo bench --bench startup -- ROUNDS 'COMMAND ARGS' 'COMMAND ARGS' ...
//! ```
//!
//! Prints, per command, the median and mean time of a run and the ratio of its median to
//! /bin/true's. Output goes to /dev/null, as when a script reads it; every command gets the
//! same environment, PATH alone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, missing_docs)]

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    // `cargo bench` adds `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let Some((rounds, commands)) = args.split_first() else {
        println!("usage: cargo bench --bench startup -- ROUNDS 'COMMAND ARGS'...");
        return;
    };
    let rounds: usize = rounds.parse().expect("ROUNDS is a number");
    let mut commands: Vec<Vec<&str>> = commands.iter().map(|c| c.split_whitespace().collect()).collect();
    commands.insert(0, vec!["/bin/true"]);
    let mut times = vec![Vec::with_capacity(rounds); commands.len()];
    // A few rounds first, untimed, so that every file is in the page cache.
    for round in 0..rounds + 20 {
        // Each round starts one command later, so that no command always follows the same one.
        for k in 0..commands.len() {
            let i = (round + k) % commands.len();
            let (command, times) = (&commands[i], &mut times[i]);
            let start = Instant::now();
            // The same environment for every command: only PATH. Run under `cargo bench`, the
            // environment holds cargo's library paths, where the loader of a dynamically
            // linked /bin/true would look for libc first, and it would start slower.
            let status = Command::new(command[0])
                .args(&command[1..])
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("the command runs");
            let took = start.elapsed().as_secs_f64() * 1000.0;
            assert!(status.success(), "{command:?}: {status}");
            if round >= 20 {
                times.push(took);
            }
        }
    }
    let median = |t: &mut Vec<f64>| {
        t.sort_by(f64::total_cmp);
        t[t.len() / 2]
    };
    let floor = median(&mut times[0]);
    println!(
        "| command (alternating with /bin/true, {rounds} rounds) | median | mean | ratio to /bin/true |"
    );
    println!("|---|---:|---:|---:|");
    for (command, times) in commands.iter().zip(&mut times) {
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let median = median(times);
        let shown = command.join(" ").replace("target/release/", "");
        println!("| `{shown}` | {median:.2} ms | {mean:.2} ms | {:.2}x |", median / floor);
    }
}
