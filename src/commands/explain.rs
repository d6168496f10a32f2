//! `advisor explain LANGUAGE --answers FILE`: one language's score taken apart.

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::report;
use crate::{Io, answers, engine};

/// Runs `explain`; returns the exit code.
pub fn run(args: &ExplainArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack, Some(&args.answers))?;
    let file = answers::read(&args.answers, &pack)?;
    let language = super::language_arg(&pack, &args.language)?;
    let evaluation = engine::evaluate(&pack, &file.answers);
    let source = args.answers.display().to_string();
    let text =
        report::explain::render(&pack, &file.answers, &source, &evaluation, language, usize::from(io.width));
    super::emit(io.stdout, &text)?;
    Ok(0)
}
