//! `advisor ask`: the questionnaire in a terminal, the ranking, then an atomic save that
//! never overwrites a file without confirmation or `--force`.

use crate::answers::write::{Saved, write_saved};
use crate::answers::{self, AnswersFile, Format};
use crate::cli::{AskArgs, PackArgs};
use crate::error::Error;
use crate::interview::terminal::{NO_TERMINAL, TerminalPrompter};
use crate::interview::{self, Questionnaire, SaveDialog};
use crate::model::OptionSet;
use crate::pack::{self, Pack};
use crate::report::{self, Context};
use crate::{Io, engine, fsio};
use std::fmt;
use std::path::{Path, PathBuf};

use super::DEFAULT_FILE;

/// How many languages the ranking after the questions shows.
const SHOWN: usize = 5;

/// The first line: how many answers a file pre-fills and how many questions are left.
fn prefill_summary(pack: &Pack, shown: &str, prefill: &answers::Prefill) -> String {
    let filled = prefill.values.iter().filter(|v| v.is_some()).count();
    let (answers, _) = crate::engine::effective(
        pack,
        &crate::model::Answers::new(
            prefill
                .values
                .iter()
                .zip(pack.questions.iter())
                .map(|(v, q)| v.or(q.default).unwrap_or_default())
                .collect(),
        ),
    );
    // A question counts when it applies, or when its condition reads an answer still missing
    // (it may apply once that is given).
    let missing: Vec<bool> = prefill.values.iter().map(Option::is_none).collect();
    let left = pack
        .questions
        .iter()
        .zip(&prefill.values)
        .filter(|(q, v)| {
            v.is_none() && (q.when.holds(&answers) || q.when.questions().iter().any(|r| missing[r.get()]))
        })
        .count();
    match left {
        0 => format!("{shown} answers every question: review the answers, or go through them again."),
        _ => format!(
            "Pre-filled {} from {shown}; {} left to answer.",
            crate::text::count(filled, "answer"),
            crate::text::count(left, "question")
        ),
    }
}

/// Runs `ask`; returns the exit code.
pub fn run(args: &AskArgs, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    if !io.stdin_is_terminal || !io.stdout_is_terminal {
        return Err(Error::Usage(NO_TERMINAL.into()));
    }
    let named = args.named();
    if named.is_some_and(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "`advisor ask` pre-fills from a file it can save back to, not from standard input; name the file"
                .into(),
        ));
    }
    // With no file named, ./advisor.toml pre-fills the prompts when it exists.
    let fallback = Path::new(DEFAULT_FILE);
    let source = named.or_else(|| fallback.is_file().then_some(fallback));
    // The file is read once: its text names the packs, then pre-fills the prompts.
    let text = source.map(answers::read_text).transpose()?;
    let opened = source.zip(text.as_deref());
    let pack = load_pack(&args.pack, opened)?;
    // Any file that parses opens: answers that cannot be used are named and asked again.
    let prefill = match opened {
        Some((path, text)) => {
            let shown = crate::safe::path(path);
            let prefill = answers::prefill(&shown, text, Format::of(path), &pack)?;
            let mut notes = String::new();
            write_prefill_notes(&mut notes, &pack, &shown, &prefill, usize::from(io.width))?;
            super::emit(io.stderr, &notes)?;
            Some(prefill)
        }
        None => None,
    };
    let mut terminal = TerminalPrompter::new(io.width, color);
    // Saved first, so the ranking printed last stays on the screen.
    let (file, outcome) = answer_and_save(args, &pack, prefill.as_ref(), &mut terminal)?;
    let (said, again) = match &outcome {
        SaveOutcome::Saved(path) => (
            format!("Saved {}.\n", crate::safe::path(path)),
            format!(
                "The whole report, every language with every reason: advisor recommend {}\n",
                crate::safe::path(path)
            ),
        ),
        SaveOutcome::NotSaved | SaveOutcome::Back => (
            "Answers not saved.\n".to_string(),
            "The answers were not saved; run advisor ask again to keep them.\n".to_string(),
        ),
    };
    super::emit(io.stderr, &said)?;
    super::emit(io.stdout, &format!("\n{}", ranking(&pack, &file, color, io.width)?))?;
    super::emit(io.stderr, &again)?;
    Ok(0)
}

/// The rule packs for `ask`: the packs the answers file names (from its `text`, already read)
/// when there is one, ADVISOR_PACK, then each --pack.
fn load_pack(args: &PackArgs, file: Option<(&Path, &str)>) -> Result<Pack, Error> {
    let Some((path, text)) = file else {
        return super::load_pack(args);
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let declared = answers::declared_packs_in(text, Format::of(path), dir);
    pack::load(&super::pack_set(args, declared, Some((&crate::safe::path(path), dir)))?)
}

/// Above the first question: what the file pre-fills, then each answer in it that cannot be
/// used, wrapped to `width`.
fn write_prefill_notes(
    out: &mut impl fmt::Write,
    pack: &Pack,
    shown: &str,
    prefill: &answers::Prefill,
    width: usize,
) -> Result<(), Error> {
    out.write_str(&report::wrap(&prefill_summary(pack, shown, prefill), width, "", ""))?;
    for line in &prefill.unusable {
        out.write_str(&report::wrap(line, width, "  ", "    "))?;
    }
    Ok(())
}

/// The questionnaire, then the save dialog, until the dialog ends other than by Esc: Esc at
/// "Save these answers?" returns to the review screen with every answer kept. Returns the
/// answers and how the dialog ended.
fn answer_and_save(
    args: &AskArgs,
    pack: &Pack,
    prefill: Option<&answers::Prefill>,
    prompter: &mut (impl Questionnaire + SaveDialog),
) -> Result<(AnswersFile, SaveOutcome), Error> {
    let mut initial: Option<Vec<Option<OptionSet>>> = prefill.map(|p| p.values.clone());
    let date = fsio::today()?;
    loop {
        let answered = interview::run(pack, initial.as_deref(), prompter)?;
        let file = AnswersFile {
            answers: answered.answers.clone(),
            given: answered.asked.clone(),
            packs: prefill.map(|f| f.packs.clone()).unwrap_or_default(),
            decision: prefill.and_then(|f| f.decision.clone()),
            pack_fingerprint: Some(pack.fingerprint.clone()),
            set_by_flags: Vec::new(),
        };
        match save(args, pack, &file, &date, prompter, &mut |path, text, overwrite| {
            fsio::write_atomic(path, text.as_bytes(), overwrite)
        })? {
            SaveOutcome::Back => {
                initial = Some(
                    answered
                        .asked
                        .iter()
                        .enumerate()
                        .map(|(q, asked)| {
                            asked.then(|| *answered.answers.get(crate::model::QuestionIdx::new(q)))
                        })
                        .collect(),
                );
            }
            outcome => return Ok((file, outcome)),
        }
    }
}

/// The compact ranking printed last: the first [`SHOWN`] languages.
fn ranking(pack: &Pack, file: &AnswersFile, color: bool, width: u16) -> Result<String, Error> {
    let evaluation = engine::evaluate(pack, &file.answers);
    let what_if = engine::what_if(pack, &file.answers);
    let ctx = Context {
        pack,
        file,
        source: "your answers".into(),
        top: None,
        all: false,
        color,
        width,
        what_if: &what_if,
        packs: None,
    };
    let mut text = String::new();
    report::table::compact(&ctx, &evaluation, SHOWN, &mut text)?;
    Ok(text)
}

/// How the save dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written to this path.
    Saved(PathBuf),
    /// The user chose not to save.
    NotSaved,
    /// The user went back (Esc) to the review screen.
    Back,
}

/// Writes a file: `(path, text, overwrite)`, failing with `AlreadyExists` when the path
/// exists and `overwrite` is false.
pub type Writer<'a> = dyn FnMut(&Path, &str, bool) -> std::io::Result<()> + 'a;

/// The save dialog: where to save (`--save`, or asked, defaulting to the pre-filled file or
/// advisor.toml), whether to overwrite (`--force`, or asked, default no), and another path
/// when a write fails or the user declines to overwrite.
pub fn save(
    args: &AskArgs,
    pack: &Pack,
    file: &AnswersFile,
    date: &str,
    prompter: &mut dyn SaveDialog,
    write: &mut Writer<'_>,
) -> Result<SaveOutcome, Error> {
    let mut path = match &args.save {
        Some(p) => p.clone(),
        None => {
            match prompter.confirm_or_back("Save these answers?", true)? {
                None => return Ok(SaveOutcome::Back),
                Some(false) => return Ok(SaveOutcome::NotSaved),
                Some(true) => {}
            }
            let offer = crate::safe::path(args.named().unwrap_or(Path::new(DEFAULT_FILE)));
            match prompter.text("Save to", &offer)? {
                Some(p) if !p.trim().is_empty() => PathBuf::from(p.trim()),
                _ => return Ok(SaveOutcome::NotSaved),
            }
        }
    };
    let mut overwrite = args.force;
    loop {
        let shown = crate::safe::path(&path);
        let mut text = String::new();
        write_saved(
            &mut text,
            &Saved {
                pack,
                answers: &file.answers,
                include: &file.given,
                decision: file.decision.as_ref(),
                packs: &file.packs,
                path: &shown,
                date,
            },
            Format::of(&path),
        )?;
        let problem = match write(&path, &text, overwrite) {
            Ok(()) => return Ok(SaveOutcome::Saved(path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !overwrite => {
                if prompter.confirm(&format!("{shown} exists. Replace it?"), false)? {
                    overwrite = true;
                    continue;
                }
                format!("{shown} was kept as it is.")
            }
            Err(e) => format!("Cannot write {shown}: {e}."),
        };
        match prompter.text(&format!("{problem} Save to another file (esc: do not save)"), "")? {
            Some(p) if !p.trim().is_empty() => {
                path = PathBuf::from(p.trim());
                overwrite = args.force;
            }
            _ => return Ok(SaveOutcome::NotSaved),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, VecDeque};

    /// Answers confirm and text prompts from a script, recording each message.
    struct Dialog {
        confirms: VecDeque<bool>,
        texts: VecDeque<Option<&'static str>>,
        seen: Vec<String>,
    }

    impl SaveDialog for Dialog {
        fn confirm(&mut self, message: &str, default: bool) -> Result<bool, Error> {
            self.seen.push(format!("confirm {message} [{default}]"));
            Ok(self.confirms.pop_front().expect("scripted confirm"))
        }
        fn text(&mut self, message: &str, default: &str) -> Result<Option<String>, Error> {
            self.seen.push(format!("text {message} [{default}]"));
            Ok(self.texts.pop_front().expect("scripted text").map(String::from))
        }
    }

    /// A fake folder: existing files and files that cannot be written.
    struct Disk {
        files: BTreeMap<PathBuf, String>,
        read_only: Vec<PathBuf>,
    }

    fn folder(existing: &[&str]) -> Disk {
        Disk {
            files: existing.iter().map(|p| (PathBuf::from(p), "old".to_string())).collect(),
            read_only: vec![],
        }
    }

    fn dialog(confirms: &[bool], texts: &[Option<&'static str>]) -> Dialog {
        Dialog {
            confirms: confirms.iter().copied().collect(),
            texts: texts.iter().copied().collect(),
            seen: vec![],
        }
    }

    fn args(answers: Option<&str>, save: Option<&str>, force: bool) -> AskArgs {
        AskArgs {
            pack: Default::default(),
            file: None,
            answers: answers.map(PathBuf::from),
            save: save.map(PathBuf::from),
            force,
        }
    }

    fn run_save(args: &AskArgs, dialog: &mut Dialog, disk: &mut Disk) -> SaveOutcome {
        let pack = crate::pack::builtin();
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/realtime-chat.toml"))
                .unwrap();
        let file = answers::parse("chat.toml", &text, Format::Toml, &pack).unwrap();
        let mut write = |path: &Path, text: &str, overwrite: bool| {
            if disk.read_only.iter().any(|p| p == path) {
                return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied"));
            }
            if disk.files.contains_key(path) && !overwrite {
                return Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "exists"));
            }
            disk.files.insert(path.to_path_buf(), text.to_string());
            Ok(())
        };
        save(args, &pack, &file, "2026-11-21", dialog, &mut write).unwrap()
    }

    #[test]
    fn save_to_a_new_path_asks_nothing() {
        let (mut d, mut disk) = (dialog(&[], &[]), folder(&[]));
        let out = run_save(&args(None, Some("new.toml"), false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("new.toml".into()));
        assert!(d.seen.is_empty());
        assert!(disk.files[Path::new("new.toml")].contains("shape = \"realtime_fanout\""));
    }

    #[test]
    fn an_existing_file_is_replaced_only_after_confirmation() {
        let (mut d, mut disk) = (dialog(&[true], &[]), folder(&["a.toml"]));
        let out = run_save(&args(None, Some("a.toml"), false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("a.toml".into()));
        assert_eq!(d.seen, ["confirm a.toml exists. Replace it? [false]"]);
        assert_ne!(disk.files[Path::new("a.toml")], "old");
    }

    #[test]
    fn declining_to_replace_offers_another_path_or_saves_nothing() {
        let (mut d, mut disk) = (dialog(&[false], &[Some("b.toml")]), folder(&["a.toml"]));
        let out = run_save(&args(None, Some("a.toml"), false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("b.toml".into()));
        assert_eq!(disk.files[Path::new("a.toml")], "old");

        let (mut d, mut disk) = (dialog(&[false], &[None]), folder(&["a.toml"]));
        let out = run_save(&args(None, Some("a.toml"), false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::NotSaved);
        assert_eq!(disk.files[Path::new("a.toml")], "old");
        assert_eq!(disk.files.len(), 1);
    }

    #[test]
    fn force_replaces_without_asking() {
        let (mut d, mut disk) = (dialog(&[], &[]), folder(&["a.toml"]));
        let out = run_save(&args(None, Some("a.toml"), true), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("a.toml".into()));
        assert!(d.seen.is_empty());
    }

    #[test]
    fn without_save_the_user_is_asked_where_with_a_sensible_default() {
        let (mut d, mut disk) = (dialog(&[true], &[Some("advisor.toml")]), folder(&[]));
        let out = run_save(&args(None, None, false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("advisor.toml".into()));
        assert_eq!(d.seen, ["confirm Save these answers? [true]", "text Save to [advisor.toml]"]);

        // Editing a committed file offers to save back to it, and asks before replacing it.
        let (mut d, mut disk) =
            (dialog(&[true, true], &[Some("team/advisor.toml")]), folder(&["team/advisor.toml"]));
        let out = run_save(&args(Some("team/advisor.toml"), None, false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("team/advisor.toml".into()));
        assert_eq!(d.seen[1], "text Save to [team/advisor.toml]");

        let (mut d, mut disk) = (dialog(&[false], &[]), folder(&[]));
        assert_eq!(run_save(&args(None, None, false), &mut d, &mut disk), SaveOutcome::NotSaved);
        assert!(disk.files.is_empty());
    }

    #[test]
    fn a_failed_write_offers_another_path() {
        let (mut d, mut disk) = (dialog(&[], &[Some("ok.toml")]), folder(&[]));
        disk.read_only.push("locked.toml".into());
        let out = run_save(&args(None, Some("locked.toml"), false), &mut d, &mut disk);
        assert_eq!(out, SaveOutcome::Saved("ok.toml".into()));
        assert!(d.seen[0].starts_with("text Cannot write locked.toml: permission denied."), "{:?}", d.seen);
    }
}
