//! Embeds the built-in rule pack: every YAML file under languages/, sources/, questions/ and
//! rules/ is compiled into the binary, so the installed tool works anywhere. New files are
//! picked up without touching code.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

// The crate's own YAML module, so that YAML is parsed in one place.
#[path = "src/yaml.rs"]
#[allow(dead_code)]
mod yaml;

const PACK_DIRS: [&str; 4] = ["languages", "sources", "questions", "rules"];

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in PACK_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        let Ok(entries) = fs::read_dir(Path::new(&root).join(dir)) else { continue };
        for entry in entries {
            let path = entry.expect("readable pack folder").path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let name = format!("{dir}/{}", path.file_name().expect("file name").to_string_lossy());
                println!("cargo:rerun-if-changed={name}");
                files.push((name, path));
            }
        }
    }
    files.sort();
    let mut code = String::from(
        "/// The built-in pack's files: (display name, YAML contents, the same as JSON), sorted by name.\n",
    );
    code.push_str("pub static FILES: &[(&str, &str, Option<&str>)] = &[\n");
    for (name, path) in &files {
        let text = fs::read_to_string(path).unwrap_or_default();
        // A file that does not parse is embedded as YAML only; loading it reports the problem.
        let json = yaml::to_json(&text);
        writeln!(code, "    ({name:?}, include_str!({:?}), {json:?}),", path.display().to_string())
            .expect("string write");
    }
    code.push_str("];\n");
    // The built-in pack's fingerprint, for --version: the same FNV-1a as pack::fingerprint,
    // over each file's folder, name and text in name order (a test keeps the two equal).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, path) in &files {
        let text = fs::read_to_string(path).unwrap_or_default();
        let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
        for byte in folder.bytes().chain(file.bytes()).chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=ADVISOR_PACK_FINGERPRINT={hash:016x}");
    // The built-in pack's scenario tests, which `advisor rules test` runs.
    println!("cargo:rerun-if-changed=tests/scenarios");
    let mut tests: Vec<_> = fs::read_dir(Path::new(&root).join("tests/scenarios"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    tests.sort();
    code.push_str("/// The built-in pack's scenario tests: (display name, contents).\n");
    code.push_str("pub static TESTS: &[(&str, &str)] = &[\n");
    for path in &tests {
        let name = format!("tests/scenarios/{}", path.file_name().expect("file name").to_string_lossy());
        println!("cargo:rerun-if-changed={name}");
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string())
            .expect("string write");
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_pack.rs");
    fs::write(out, code).expect("writable OUT_DIR");
}
