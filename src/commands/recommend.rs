//! `advisor recommend`: score the answers and print the ranking.

use crate::cli::{RecommendArgs, ReportFormat};
use crate::error::Error;
use crate::report::{self, Context};
use crate::{Io, engine};

/// Runs `recommend`; returns the exit code.
pub fn run(args: &RecommendArgs, color: bool, io: &mut Io<'_>) -> Result<u8, Error> {
    let input = super::load_input(&args.input, &args.pack, io)?;
    // Markdown is rendered from a copy of the pack whose text is made safe for it.
    let md_pack = (args.format == ReportFormat::Markdown).then(|| input.pack.for_markdown());
    let (pack, file) = (md_pack.as_ref().unwrap_or(&input.pack), &input.file);
    let evaluation = engine::evaluate(pack, &file.answers);
    let what_if = engine::what_if(pack, &file.answers);
    let ctx = Context {
        pack,
        file,
        source: input.source.clone(),
        top: args.top.map(usize::from),
        all: args.all,
        color,
        width: io.width,
        what_if: &what_if,
        packs: Some(&input.packs),
    };
    let mut text = String::new();
    match args.format {
        ReportFormat::Table => report::table::render(&ctx, &evaluation, &mut text)?,
        ReportFormat::Json => text = report::json::render(&ctx, &evaluation)?,
        ReportFormat::Markdown => report::markdown::render(&ctx, &evaluation, &mut text)?,
    }
    super::emit(io.stdout, &text)?;
    Ok(0)
}
