//! `advisor check`: re-score a committed answers file and say whether its recorded decision
//! still holds. Exit 0 holds (or waived, or no decision), 1 drift, 2 unusable input.

use crate::check::{self, Options};
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::Error;
use crate::report;
use crate::{Io, fsio};

/// Runs `check`; returns the exit code.
pub fn run(args: &CheckArgs, io: &mut Io<'_>) -> Result<u8, Error> {
    let input = super::load_input(&args.input, &args.pack, io)?;
    let (pack, file, shown) = (&input.pack, &input.file, &input.source);
    // Waivers expire by the real calendar: SOURCE_DATE_EPOCH (for reproducible written files)
    // must not move it.
    let today = args.today.clone().unwrap_or_else(fsio::clock_today);
    let options = Options { tolerance: args.tolerance, strict: args.strict, today, file: shown.clone() };
    let mut assessment = check::assess(pack, file, &input.text, input.format, &options);
    let own = input.packs.from_file();
    if !own.is_empty() {
        // The rules a file brings can make it pass its own check: say so wherever it runs.
        let dirs: Vec<String> = own.iter().map(|d| crate::safe::path(d)).collect();
        assessment.findings.push(check::Finding {
            level: check::Level::Warning,
            code: "file-packs",
            message: format!(
                "{shown} loads its own rule pack ({}): rules a file brings can make it pass its own check; \
                 in CI, run `advisor check --no-file-packs` (or set ADVISOR_NO_FILE_PACKS=1)",
                dirs.join(", ")
            ),
            at: crate::answers::position(&input.text, input.format, &["packs"], crate::answers::Target::Key),
        });
    }
    let out = match args.format {
        CheckFormat::Text => {
            let mut text = report::check::text(pack, shown, file, &assessment, usize::from(io.width));
            if let Some(line) = input.packs.describe() {
                // Right after the first line, which names the file.
                let at = text.find('\n').map_or(text.len(), |i| i + 1);
                text.insert_str(at, &report::wrap(&line, usize::from(io.width), "", "  "));
            }
            text
        }
        CheckFormat::Github => report::check::github(pack, shown, &assessment),
        CheckFormat::Json => report::check::json(pack, shown, file, args.tolerance, &assessment),
    };
    super::emit(io.stdout, &out)?;
    Ok(assessment.verdict.exit_code())
}
