//! `advisor explain LANGUAGE [FILE]`: one language's score taken apart.

use crate::cli::{ExplainArgs, TextFormat};
use crate::error::Error;
use crate::report;
use crate::{Io, engine};

/// Runs `explain`; returns the exit code.
pub fn run(args: &ExplainArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    super::not_a_file(&args.language)?;
    let input = super::load_input(&args.input, &args.pack, io)?;
    let (pack, file) = (&input.pack, &input.file);
    let language = super::language_arg(pack, &args.language)?;
    let evaluation = engine::evaluate(pack, &file.answers);
    let text = match args.format {
        TextFormat::Text => {
            let mut text = String::new();
            report::explain::render(
                pack,
                file,
                &input.source,
                &evaluation,
                language,
                usize::from(io.width),
                &mut text,
            )?;
            if let Some(line) = input.packs.describe() {
                // At the end of the heading block, before its first blank line.
                let at = text.find("\n\n").map_or(text.len(), |i| i + 1);
                text.insert_str(at, &report::wrap(&line, usize::from(io.width), "", "  "));
            }
            text
        }
        TextFormat::Json => report::explain::json(pack, file, &evaluation, language)?,
    };
    super::emit(io.stdout, &text)?;
    Ok(0)
}
