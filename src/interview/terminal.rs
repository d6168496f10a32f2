//! The questionnaire and the save dialog in a terminal, on inquire: Select for single-choice
//! questions, MultiSelect for multi-choice ones, a Select for the review, Confirm and Text for
//! the save dialog. Prompts draw on stderr, so stdout carries only the report.

use super::{Progress, Questionnaire, ReviewAction, ReviewRow, SaveDialog, Step};
use crate::error::Error;
use crate::model::OptionSet;
use crate::pack::Pack;
use crate::text::wrap;
use inquire::error::InquireError;
use inquire::list_option::ListOption;
use inquire::ui::{RenderConfig, Styled};
use inquire::{Confirm, MultiSelect, Select, Text};
use std::io::Write;

/// The first line of an unanswered single-choice question: not an option.
const CHOOSE: &str = "(choose an answer below)";

const SINGLE_HELP: [&str; 2] = [
    "↑↓ move · type to filter · enter choose · esc back · ctrl-c cancel",
    "↑↓ · type to filter · enter · esc back",
];
const MULTI_HELP: [&str; 2] = [
    "↑↓ move · type to filter · space toggle · enter accept · esc back · ctrl-c cancel",
    "↑↓ · filter · space toggle · enter · esc back",
];
const REVIEW_HELP: [&str; 2] = [
    "↑↓ move · enter choose · esc back to the last question · ctrl-c cancel",
    "↑↓ · enter choose · esc back",
];

/// Asks the questionnaire and the save dialog on the terminal.
#[derive(Debug)]
pub struct TerminalPrompter {
    width: usize,
    color: bool,
}

impl TerminalPrompter {
    /// A prompter for a terminal `width` columns wide.
    pub fn new(width: u16, color: bool) -> Self {
        TerminalPrompter { width: usize::from(width), color }
    }

    fn render_config(&self) -> RenderConfig<'static> {
        let config = if self.color { RenderConfig::default_colored() } else { RenderConfig::empty() };
        config.with_canceled_prompt_indicator(Styled::new("(back)"))
    }

    /// What goes above the prompt, wrapped at word boundaries: the question, its help, and,
    /// when the options do not fit on one line each with their descriptions, every option's
    /// whole description (the list then shows the labels alone).
    fn introduction(&self, pack: &Pack, question: usize, progress: Progress, hidden: &OptionSet) -> String {
        let q = &pack.questions[question];
        let width = self.width.saturating_sub(2);
        let mut text =
            wrap(&format!("({}/{}) {}", progress.position, progress.total, q.prompt), width, "", "  ");
        let mut dim = wrap(&q.help, width, "  ", "  ");
        if !self.inline(pack, question) {
            for (_, o) in q.options.iter().enumerate().filter(|(i, _)| !hidden.contains(*i)) {
                dim.push_str(&wrap(&format!("{}: {}", o.label, o.description), width, "  · ", "    "));
            }
        }
        if self.color {
            dim = format!("\x1b[2m{}\x1b[0m\n", dim.trim_end());
        }
        text.push_str(&dim);
        text
    }

    /// The key hints that fit on one line: the full ones, or the short ones.
    fn hints(&self, hints: [&'static str; 2]) -> &'static str {
        if hints[0].chars().count() + 4 <= self.width { hints[0] } else { hints[1] }
    }

    /// Whether every option fits on one list line with its description.
    fn inline(&self, pack: &Pack, question: usize) -> bool {
        let room = self.width.saturating_sub(6);
        pack.questions[question].options.iter().all(|o| inline_line(o).chars().count() <= room)
    }

    /// A list line cut to one terminal line (a wrapped line would break the prompt's redraw).
    fn fit(&self, line: String) -> String {
        let room = self.width.saturating_sub(6);
        if line.chars().count() <= room {
            return line;
        }
        let cut: String = line.chars().take(room.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }

    /// Option lines: label and description when every option fits that way, else the labels
    /// alone (their descriptions are printed whole above the list).
    fn option_lines(&self, pack: &Pack, question: usize) -> Vec<String> {
        let inline = self.inline(pack, question);
        pack.questions[question]
            .options
            .iter()
            .map(|o| self.fit(if inline { inline_line(o) } else { o.label.to_string() }))
            .collect()
    }
}

/// An option as one line: `label — description`.
fn inline_line(o: &crate::model::Choice) -> String {
    format!("{} — {}", o.label, o.description)
}

/// Writes to the terminal: stderr, where the prompts draw. A terminal that cannot be written
/// to fails as a prompt on it would.
fn say(text: &str) -> Result<(), Error> {
    std::io::stderr()
        .write_all(text.as_bytes())
        .map_err(|e| Error::Usage(format!("the terminal prompt failed: {e}")))
}

/// Maps inquire's errors: Ctrl-C cancels; anything else means the terminal is unusable.
fn failed(e: InquireError) -> Error {
    match e {
        InquireError::OperationInterrupted => Error::Cancelled,
        InquireError::NotTTY => Error::Usage(NO_TERMINAL.into()),
        other => Error::Usage(format!("the terminal prompt failed: {other}")),
    }
}

/// What to do without a terminal.
pub const NO_TERMINAL: &str = "advisor ask needs a terminal (stdin and stdout); in scripts and CI, \
     write an answers file (`advisor init` writes a starter) and run `advisor recommend FILE`, \
     or give the answers as flags: `advisor recommend --set QUESTION=OPTION ...` (`advisor questions` lists them)";

/// An option line's label: the text before the description.
fn label(line: &str) -> &str {
    line.split(" — ").next().unwrap_or(line)
}

/// The answered line shows the chosen label, not the description.
fn single_answer(option: ListOption<&String>) -> String {
    label(option.value).to_string()
}

/// The answered line of a multi-choice question: the labels, or `none`.
fn multi_answer(options: &[ListOption<&String>]) -> String {
    if options.is_empty() {
        return "none".into();
    }
    options.iter().map(|o| label(o.value)).collect::<Vec<_>>().join(", ")
}

/// The prompt line itself stays short (the whole question is printed above it), so a narrow
/// terminal never wraps it mid-word.
fn title(progress: Progress, title: &str) -> String {
    format!("({}/{}) {title}", progress.position, progress.total)
}

impl Questionnaire for TerminalPrompter {
    fn single(
        &mut self,
        pack: &Pack,
        question: usize,
        progress: Progress,
        current: Option<usize>,
    ) -> Result<Step<usize>, Error> {
        say(&format!("\n{}", self.introduction(pack, question, progress, &OptionSet::new())))?;
        let message = title(progress, &pack.questions[question].title);
        // With no answer yet, the list opens on a line that is not an option, so Enter alone
        // answers nothing.
        let unanswered = current.is_none();
        let mut lines = self.option_lines(pack, question);
        if unanswered {
            lines.insert(0, CHOOSE.to_string());
        }
        loop {
            let answer = Select::new(&message, lines.clone())
                .with_starting_cursor(current.unwrap_or(0))
                .with_formatter(&single_answer)
                .with_help_message(self.hints(SINGLE_HELP))
                .with_page_size(10)
                .with_render_config(self.render_config())
                .raw_prompt_skippable()
                .map_err(failed)?;
            return Ok(match answer {
                None => Step::Back,
                Some(option) if unanswered && option.index == 0 => {
                    say("  This question needs an answer: pick one of the options.\n")?;
                    continue;
                }
                Some(option) if unanswered => Step::Answer(option.index - 1),
                Some(option) => Step::Answer(option.index),
            });
        }
    }

    fn multi(
        &mut self,
        pack: &Pack,
        question: usize,
        progress: Progress,
        current: &OptionSet,
        hidden: &OptionSet,
    ) -> Result<Step<OptionSet>, Error> {
        say(&format!("\n{}", self.introduction(pack, question, progress, hidden)))?;
        let message = title(progress, &pack.questions[question].title);
        // The options offered, by their index in the question.
        let offered: Vec<usize> =
            (0..pack.questions[question].options.len()).filter(|o| !hidden.contains(*o)).collect();
        let all = self.option_lines(pack, question);
        let lines: Vec<String> = offered.iter().map(|&o| all[o].clone()).collect();
        let selected: Vec<usize> =
            offered.iter().enumerate().filter(|(_, o)| current.contains(**o)).map(|(i, _)| i).collect();
        let answer = MultiSelect::new(&message, lines)
            .with_default(&selected)
            .with_formatter(&multi_answer)
            .with_help_message(self.hints(MULTI_HELP))
            .with_page_size(10)
            .with_render_config(self.render_config())
            .raw_prompt_skippable()
            .map_err(failed)?;
        Ok(answer.map_or(Step::Back, |options| {
            let mut set = OptionSet::new();
            for o in options {
                set.insert(offered[o.index]);
            }
            Step::Answer(set)
        }))
    }

    fn review(&mut self, pack: &Pack, rows: &[ReviewRow]) -> Result<ReviewAction, Error> {
        let mut lines = vec!["✔ Confirm these answers".to_string()];
        lines.extend(
            rows.iter().map(|r| self.fit(format!("{}: {}", pack.questions[r.question].title, r.answer))),
        );
        lines.push("↺ Go through every question again".to_string());
        say("\n")?;
        let answer = Select::new("Review your answers: confirm, or choose one to change", lines)
            .with_help_message(self.hints(REVIEW_HELP))
            .with_page_size(rows.len() + 2)
            .with_render_config(self.render_config())
            .without_filtering()
            .raw_prompt_skippable()
            .map_err(failed)?;
        Ok(match answer {
            None => ReviewAction::Back,
            Some(o) if o.index == 0 => ReviewAction::Confirm,
            Some(o) if o.index > rows.len() => ReviewAction::WalkAll,
            Some(o) => ReviewAction::Edit(rows[o.index - 1].question),
        })
    }

    fn notice(&mut self, message: &str) -> Result<(), Error> {
        say(&format!("  {message}\n"))
    }
}

impl SaveDialog for TerminalPrompter {
    fn confirm_or_back(&mut self, message: &str, default: bool) -> Result<Option<bool>, Error> {
        match Confirm::new(message)
            .with_default(default)
            .with_help_message("y/n · enter accept · esc back to the review")
            .with_render_config(self.render_config())
            .prompt()
        {
            Ok(yes) => Ok(Some(yes)),
            Err(InquireError::OperationCanceled) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    fn confirm(&mut self, message: &str, default: bool) -> Result<bool, Error> {
        match Confirm::new(message).with_default(default).with_render_config(self.render_config()).prompt() {
            Ok(yes) => Ok(yes),
            Err(InquireError::OperationCanceled) => Ok(false),
            Err(e) => Err(failed(e)),
        }
    }

    fn text(&mut self, message: &str, default: &str) -> Result<Option<String>, Error> {
        let mut prompt = Text::new(message)
            .with_help_message("enter accept · esc skip · ctrl-c cancel")
            .with_render_config(self.render_config());
        if !default.is_empty() {
            prompt = prompt.with_placeholder(default);
        }
        // The default shows as a placeholder; Enter on an empty line takes it.
        let answer = prompt.prompt_skippable().map_err(failed)?;
        Ok(answer.map(|text| if text.trim().is_empty() { default.to_string() } else { text }))
    }
}
