//! `advisor init`: a commented starter answers file, written atomically and never over an
//! existing file without `--force`.

use crate::answers::write::write_starter;
use crate::cli::InitArgs;
use crate::error::{Diagnostic, Error};
use crate::{Io, fsio};
use std::io::ErrorKind;
use std::path::Path;

/// Runs `init`; returns the exit code.
pub fn run(args: &InitArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack)?;
    if args.path == Path::new("-") {
        let mut text = String::new();
        write_starter(&mut text, &pack, "advisor.toml", &fsio::today()?)?;
        super::emit(io.stdout, &text)?;
        return Ok(0);
    }
    let shown = crate::safe::path(&args.path);
    if crate::answers::Format::of(&args.path) == crate::answers::Format::Yaml {
        return Err(Error::Usage(format!(
            "{shown}: init writes TOML; name the file with .toml (or use `-`)"
        )));
    }
    let mut text = String::new();
    write_starter(&mut text, &pack, &shown, &fsio::today()?)?;
    match fsio::write_atomic(&args.path, text.as_bytes(), args.force) {
        Ok(()) => {
            super::emit(
                io.stderr,
                &format!(
                    "Wrote {shown}: fill in the answers, then run `advisor recommend --answers {shown}`.\n"
                ),
            )?;
            Ok(0)
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Error::invalid(Diagnostic::new(
            &shown,
            "already exists; it was left as it is (use --force to replace it)",
        ))),
        Err(e) => Err(Error::invalid(Diagnostic::new(&shown, format!("cannot write: {e}")))),
    }
}
