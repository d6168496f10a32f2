//! `advisor diff`: what a change of answers (or of packs) does to the ranking.

use crate::cli::{AnswersArgs, DiffArgs, DiffFormat};
use crate::engine::diff::{Side, diff};
use crate::error::Error;
use crate::{Io, report};

/// Runs `diff`; returns the exit code.
pub fn run(args: &DiffArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        return Err(Error::Usage(
            "only one of OLD and NEW can be `-` (standard input); name the other file".into(),
        ));
    }
    let side = |path: &std::path::Path, set: &[String]| AnswersArgs {
        file: Some(path.to_path_buf()),
        answers: None,
        set: set.to_vec(),
    };
    let old = super::load_input(&side(&args.old, &[]), &args.pack, io)?;
    let new = super::load_input(&side(&args.new, &args.set), &args.pack, io)?;
    let result = diff(
        Side { pack: &old.pack, answers: &old.file.answers },
        Side { pack: &new.pack, answers: &new.file.answers },
    );
    let sides = report::diff::Sides {
        old: old.source.clone(),
        new: new.source.clone(),
        packs: (old.packs.describe(), new.packs.describe()),
        set: args.set.clone(),
    };
    let mut text = String::new();
    match args.format {
        DiffFormat::Text => report::diff::text(&result, &sides, usize::from(io.width), &mut text)?,
        DiffFormat::Markdown => report::diff::markdown(&result, &sides, &mut text)?,
        DiffFormat::Json => text = report::diff::json(&result, &sides)?,
    }
    super::emit(io.stdout, &text)?;
    Ok(if args.exit_code && result.leader.is_some() { 1 } else { 0 })
}
