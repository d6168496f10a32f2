//! `advisor recommend`: score an answers file and print the ranking.

use crate::cli::{RecommendArgs, ReportFormat};
use crate::error::Error;
use crate::report::{self, Context};
use crate::{Io, answers, engine};

/// Runs `recommend`; returns the exit code.
pub fn run(args: &RecommendArgs, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let pack = super::load_pack(&args.pack, Some(&args.answers))?;
    let file = answers::read(&args.answers, &pack)?;
    let evaluation = engine::evaluate(&pack, &file.answers);
    let what_if = engine::what_if(&pack, &file.answers);
    let ctx = Context {
        pack: &pack,
        file: &file,
        source: args.answers.display().to_string(),
        top: args.top.map(usize::from),
        color,
        width: io.width,
        what_if: &what_if,
    };
    let text = match args.format {
        ReportFormat::Table => report::table::render(&ctx, &evaluation),
        ReportFormat::Json => report::json::render(&pack, &evaluation, &what_if),
        ReportFormat::Markdown => report::markdown::render(&ctx, &evaluation),
    };
    super::emit(io.stdout, &text)?;
    Ok(0)
}
