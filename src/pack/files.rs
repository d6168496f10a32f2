//! What a pack is made of: its files, each with the kind of entries its place in the pack
//! gives it, in the order they load, and the fingerprint over all of them. Shared with build.rs,
//! which builds the built-in pack from these same definitions.

/// What a pack file holds, decided by where it lies in the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `languages/*.yaml`: the candidate languages.
    Languages,
    /// `sources/*.yaml`: the guides and their section headings, which every entry cites.
    Sources,
    /// `radar.csv`: a tech radar whose language blips become rules and caveats.
    Radar,
    /// `questions/*.yaml`: the questionnaire.
    Questions,
    /// `rules/*.yaml`: rules, groups, requirements, exclusions, caveats and overrides.
    Rules,
}

impl FileKind {
    /// The order files load in: each kind refers only to kinds before it (questions cite
    /// sources and may list languages; rules name all three).
    pub const LOAD_ORDER: [FileKind; 5] =
        [FileKind::Languages, FileKind::Sources, FileKind::Radar, FileKind::Questions, FileKind::Rules];

    /// The kinds that live in a folder of YAML files, with the folder's name.
    pub const FOLDERS: [(FileKind, &'static str); 4] = [
        (FileKind::Languages, "languages"),
        (FileKind::Sources, "sources"),
        (FileKind::Questions, "questions"),
        (FileKind::Rules, "rules"),
    ];

    /// The file name a pack's radar must have.
    pub const RADAR_FILE: &'static str = "radar.csv";

    /// The kind of the file with this display name (`pack/rules/go.yaml`), from its folder or,
    /// for the radar, its name; `None` for a file that is not part of a pack.
    pub fn of(name: &str) -> Option<FileKind> {
        let mut parts = name.rsplit('/');
        let file = parts.next().unwrap_or("");
        if file == FileKind::RADAR_FILE {
            return Some(FileKind::Radar);
        }
        let folder = parts.next()?;
        FileKind::FOLDERS.iter().find(|(_, name)| *name == folder).map(|(kind, _)| *kind)
    }

    /// The folder or file name that gives this kind, for the fingerprint.
    fn place(self) -> &'static str {
        match self {
            FileKind::Radar => "radar",
            kind => FileKind::FOLDERS.iter().find(|(k, _)| *k == kind).map_or("", |(_, name)| name),
        }
    }
}

/// One file of a pack: its display name (`rules/go.yaml`), what it holds and its text.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Display name, relative to the pack or the working folder.
    pub name: String,
    /// What it holds, from its place in the pack; `None` if it is not part of one.
    pub kind: Option<FileKind>,
    /// The YAML (or, for a radar, CSV) text.
    pub text: String,
    /// For a file of the built-in pack, the same content as JSON, which build.rs wrote and
    /// checked builds the same pack: team packs build on the built-in files, and JSON parses
    /// several times faster than YAML. The YAML text still gives the entries' lines.
    pub json: Option<&'static str>,
}

impl PackFile {
    /// The file with this display name and text; its kind comes from the name.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> PackFile {
        let name = name.into();
        PackFile { kind: FileKind::of(&name), name, text: text.into(), json: None }
    }
}

/// A short hash of every file of a pack, which changes whenever one does: FNV-1a (stable across
/// platforms and releases of Rust) over each file's place in the pack, name and text, in name
/// order. Where the pack lies does not count, so a copy has the same fingerprint.
pub fn fingerprint(files: &[PackFile]) -> String {
    let mut sorted: Vec<&PackFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in sorted {
        let name = file.name.rsplit_once('/').map_or(file.name.as_str(), |(_, n)| n);
        let place = file.kind.map_or("", FileKind::place);
        for byte in place.bytes().chain(name.bytes()).chain([0]).chain(file.text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_kind_comes_from_its_place_in_the_pack() {
        assert_eq!(FileKind::of("p/rules/go.yaml"), Some(FileKind::Rules));
        assert_eq!(FileKind::of("<builtin>/languages/all.yaml"), Some(FileKind::Languages));
        assert_eq!(FileKind::of("team/radar.csv"), Some(FileKind::Radar));
        assert_eq!(FileKind::of("team/notes/x.yaml"), None);
        assert_eq!(FileKind::of("x.yaml"), None);
    }

    #[test]
    fn the_fingerprint_follows_the_content_not_the_location() {
        let a = [PackFile::new("p/rules/r.yaml", "x")];
        let b = [PackFile::new("p/rules/r.yaml", "y")];
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a), fingerprint(&[PackFile::new("q/rules/r.yaml", "x")]));
        assert_ne!(fingerprint(&a), fingerprint(&[PackFile::new("p/questions/r.yaml", "x")]));
    }
}
