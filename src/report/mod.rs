//! Renderers of an evaluation: the table, JSON, Markdown, explain, check, diff, team, listing
//! and record modules below, and what they share here: the verdict sentences, the what-if and
//! standing notes, score tables and conditions in words (about 500 lines: the shared wording is
//! kept in one place so that every report says it the same way). Text renderers write to an
//! `impl fmt::Write` and pass on its error (JSON comes back as a string).

pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod explain;
pub mod json;
pub(crate) mod listing;
pub(crate) mod madr;
pub mod markdown;
pub mod table;
pub(crate) mod team;

use crate::answers::AnswersFile;
use crate::engine::{Adjustment, CLOSE_MARGIN, Change, Evaluation, Lead, WhatIf, differences, separation};
use crate::model::{Kind, QuestionIdx};
use crate::pack::Pack;
// The words every renderer uses, from the shared layer.
pub(crate) use crate::text::{in_words, points_text, signed, signed_points, wrap};
use std::fmt;

/// The question whose answer says what the system is, for report titles: the first the pack
/// marks as defining the system (the built-in pack's dominant concurrency shape).
pub fn defining_question(pack: &Pack) -> Option<QuestionIdx> {
    pack.questions.iter().position(|q| q.defines_the_system).map(QuestionIdx::new)
}

/// What a human-readable renderer needs beyond the evaluation.
#[derive(Debug)]
pub struct Context<'a> {
    /// The pack that scored the answers.
    pub pack: &'a Pack,
    /// The answers file.
    pub file: &'a AnswersFile,
    /// The answers file's name as the user gave it.
    pub source: String,
    /// Show only this many ranked languages.
    pub top: Option<usize>,
    /// Show everything the table can (`--all`).
    pub all: bool,
    /// Whether to use colour.
    pub color: bool,
    /// Width to lay out in.
    pub width: u16,
    /// How robust rank 1 is to single-answer changes.
    pub what_if: &'a WhatIf,
    /// The team packs loaded and who named them (none for `ask`'s closing summary).
    pub packs: Option<&'a crate::pack::PackSet>,
}

impl Context<'_> {
    /// How many ranked languages to show out of `len`.
    pub fn shown(&self, len: usize) -> usize {
        self.top.map_or(len, |t| t.min(len))
    }

    /// Text with an ANSI style when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match style {
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Good => "32",
            Style::Bad => "31",
            Style::Warn => "33",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    /// The answer to a question in words: option labels joined, or `none`.
    pub fn answer_labels(&self, question: QuestionIdx) -> String {
        let q = &self.pack.questions[question];
        let labels: Vec<&str> =
            self.file.answers.get(question).iter().map(|o| q.options[o].label.as_ref()).collect();
        if labels.is_empty() {
            match q.kind {
                Kind::Multi => "none".into(),
                Kind::Single => "-".into(),
            }
        } else {
            labels.join(", ")
        }
    }

    /// The answers given with `--set` (see [`flags_line`]).
    pub fn flags_line(&self) -> Option<String> {
        flags_line(self.pack, self.file)
    }

    /// The answer to a question as option ids.
    pub fn answer_ids(&self, question: QuestionIdx) -> Vec<&str> {
        let q = &self.pack.questions[question];
        self.file.answers.get(question).iter().map(|o| q.options[o].id.as_ref()).collect()
    }
}

/// Why a rule counts fewer points than it gives, in words, if it does.
pub fn limit_note(reason: &crate::engine::Reason<'_>) -> Option<String> {
    match reason.limit? {
        crate::engine::Limit::Restates { group, counted } => {
            Some(format!("restates one fact, that {}: counted once, through {}", group.fact, counted.id))
        }
        crate::engine::Limit::Offsets { penalty: 0.0 } => {
            Some("offsets penalties, none of which applies here".to_string())
        }
        crate::engine::Limit::Offsets { penalty } => Some(format!(
            "offsets penalties: counts {} of its {}, no more than they take away",
            signed(penalty),
            signed(reason.written)
        )),
    }
}

/// The answers given with `--set`, as `question = option,option`, or `None` when there are none.
pub fn flags_line(pack: &Pack, file: &AnswersFile) -> Option<String> {
    if file.set_by_flags.is_empty() {
        return None;
    }
    let set: Vec<String> = file
        .set_by_flags
        .iter()
        .map(|&q| {
            let question = &pack.questions[q];
            let ids: Vec<&str> =
                file.answers.get(q).iter().map(|o| question.options[o].id.as_ref()).collect();
            let value = if ids.is_empty() { "[]".to_string() } else { ids.join(",") };
            format!("{} = {value}", question.id)
        })
        .collect();
    Some(format!("Answers set with --set: {}.", set.join("; ")))
}

/// Styles used by the terminal renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Headings.
    Bold,
    /// Sources and notes.
    Dim,
    /// Points for.
    Good,
    /// Points against, exclusions.
    Bad,
    /// Caveats.
    Warn,
}

/// A single-answer change as an answers-file edit: `task_nature = cpu_bound`,
/// `runtime_needs adds no_gc`, `product_needs drops queues`.
pub fn describe_change(pack: &Pack, change: &Change) -> String {
    let q = &pack.questions[change.question];
    match change.toggled {
        Some((option, true)) => format!("{} adds {}", q.id, q.options[option].id),
        Some((option, false)) => format!("{} drops {}", q.id, q.options[option].id),
        None => {
            let ids: Vec<&str> = change.answer.iter().map(|o| q.options[o].id.as_ref()).collect();
            format!("{} = {}", q.id, ids.join(", "))
        }
    }
}

/// The robustness summary: "Elixir stays first for 82 of 83 single-answer changes", then one
/// line per change that flips rank 1: "latency = hard_realtime: Rust leads (82.1)".
pub fn robustness(pack: &Pack, evaluation: &Evaluation<'_>, what_if: &WhatIf) -> (String, Vec<String>) {
    let held = what_if.tried - what_if.flips.len();
    let tie: Vec<&str> = evaluation.tie().into_iter().map(|l| pack.languages[l].name.as_ref()).collect();
    let summary = match what_if.top {
        Some(top) if !tie.is_empty() => format!(
            "{} tie for first, so an answer that favours one of them settles it. {} of {} single-answer changes put another language than {} first:",
            in_words(&tie),
            what_if.flips.len(),
            what_if.tried,
            pack.languages[top].name
        ),
        Some(top) if what_if.flips.is_empty() => format!(
            "{} stays first for all {} single-answer changes.",
            pack.languages[top].name, what_if.tried
        ),
        Some(top) => format!(
            "{} stays first for {held} of {} single-answer changes; these would change rank 1:",
            pack.languages[top].name, what_if.tried
        ),
        None => format!("No language ranks; {} single-answer changes would rank one:", what_if.flips.len()),
    };
    // Judgment calls a team could have wrong come first; a different system (another shape,
    // other tasks, another kind of system) after them. The JSON keeps every change in order.
    let mut flips: Vec<&Change> = what_if.flips.iter().collect();
    flips.sort_by_key(|c| pack.questions[c.question].defines_the_system);
    let lines = flips
        .into_iter()
        .map(|c| {
            let outcome = match c.top {
                Some((l, score)) => format!("{} leads ({score:.1})", pack.languages[l].name),
                None => "every language is excluded".into(),
            };
            format!("{}: {outcome}", describe_change(pack, c))
        })
        .collect();
    (summary, lines)
}

/// How many separating rules a tie lists (half for each side).
const TIE_RULES: usize = 4;

/// What rank 1 means, in sentences for every report: the requirements the answers state and
/// whether anything meets them, then the lead (a tie with the rules that would separate it, a
/// requirement, or a margin in points called close or clear).
pub fn verdict(pack: &Pack, evaluation: &Evaluation<'_>) -> Vec<String> {
    let mut out = requirement_sentences(evaluation);
    let (Some(first), second) = (evaluation.ranking.first(), evaluation.ranking.get(1)) else {
        return out;
    };
    let lead = match (evaluation.lead(), second) {
        (Lead::Tie, Some(second)) => Some(tie_sentence(pack, evaluation, first, second)),
        (Lead::Requirements, Some(second)) => Some(requirements_lead_sentence(pack, first, second)),
        (Lead::Points(margin), Some(second)) if second.unmet.len() > first.unmet.len() => {
            Some(requirements_hold_sentence(pack, first, second, margin))
        }
        (Lead::Points(margin), Some(second)) => Some(points_lead_sentence(pack, first, second, margin)),
        _ => None,
    };
    out.extend(lead);
    out
}

/// The verdict's opening: the hard requirements the answers state, and whether any ranked
/// language meets all of them (nothing when they state none).
fn requirement_sentences(evaluation: &Evaluation<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if !evaluation.requirements.is_empty() {
        let titles: Vec<&str> = evaluation.requirements.iter().map(|r| r.title.as_ref()).collect();
        out.push(format!(
            "Hard requirements in these answers: {}. A language that misses one ranks below every language that meets more of them, whatever its score.",
            titles.join("; ")
        ));
        if evaluation.nothing_meets_every_requirement() {
            out.push(
                "No ranked language meets every one of them: the ranking puts those that miss the fewest first."
                    .to_string(),
            );
        }
    }
    out
}

/// A tie for first: who ties at what score, and the rules that separate the first two but
/// cancel out.
fn tie_sentence(
    pack: &Pack,
    evaluation: &Evaluation<'_>,
    first: &crate::engine::Ranked<'_>,
    second: &crate::engine::Ranked<'_>,
) -> String {
    let tied: Vec<&str> = evaluation.tie().into_iter().map(|l| pack.languages[l].name.as_ref()).collect();
    let both = if tied.len() == 2 { "both " } else { "all " };
    let mut sentence = format!(
        "Tie for first: {} {both}score {:.1} ({}); the order between them means nothing.",
        in_words(&tied),
        first.score,
        signed_points(first.points)
    );
    sentence.push_str(&tie_separation(pack, first, second));
    sentence
}

/// What separates two tied languages, as a clause to follow the tie: the strongest rules for
/// each side (at most half of `TIE_RULES` each), or that the same rules fire for both.
fn tie_separation(
    pack: &Pack,
    first: &crate::engine::Ranked<'_>,
    second: &crate::engine::Ranked<'_>,
) -> String {
    let name = |l: crate::model::LangIdx| pack.languages[l].name.as_ref();
    let separating = differences(first, second);
    if separating.is_empty() {
        return " The same rules fire for both: only an answer that favours one of them separates them."
            .to_string();
    }
    let shown = separation(&separating, TIE_RULES / 2);
    let side = |favours_first: bool| -> String {
        let strongest_first = if favours_first { &shown.favour } else { &shown.against };
        let rules: Vec<String> =
            strongest_first.iter().map(|d| format!("{} ({})", d.rule.id, signed(d.gap().abs()))).collect();
        let language = if favours_first { first.language } else { second.language };
        format!("for {}, {}", name(language), rules.join(", "))
    };
    format!(
        " What separates {} and {} cancels out: {}; {}.",
        name(first.language),
        name(second.language),
        side(true),
        side(false)
    )
}

/// A lead held by requirements alone: rank 2 is ahead on points but misses a stated
/// requirement rank 1 meets.
fn requirements_lead_sentence(
    pack: &Pack,
    first: &crate::engine::Ranked<'_>,
    second: &crate::engine::Ranked<'_>,
) -> String {
    let name = |l: crate::model::LangIdx| pack.languages[l].name.as_ref();
    let missed: Vec<&str> = second.unmet_beyond(first).iter().map(|r| r.title.as_ref()).collect();
    format!(
        "{} ranks first because {}, though {} ahead on points ({} against {}), cannot meet {}.",
        name(first.language),
        name(second.language),
        points_text(second.points - first.points),
        signed(second.points),
        signed(first.points),
        in_words(&missed).replace(" and ", " or ")
    )
}

/// A lead on points and on requirements: rank 2 misses a stated requirement rank 1 meets,
/// which keeps rank 1 first whatever the margin.
fn requirements_hold_sentence(
    pack: &Pack,
    first: &crate::engine::Ranked<'_>,
    second: &crate::engine::Ranked<'_>,
    margin: f64,
) -> String {
    // Ahead on points and on requirements: the points margin is not what holds it.
    let name = |l: crate::model::LangIdx| pack.languages[l].name.as_ref();
    let missed: Vec<&str> = second.unmet_beyond(first).iter().map(|r| r.title.as_ref()).collect();
    format!(
        "{} leads {} by {} ({} against {}), and {} cannot meet {}: that keeps {} first whatever the points.",
        name(first.language),
        name(second.language),
        points_text(margin),
        signed(first.points),
        signed(second.points),
        name(second.language),
        in_words(&missed).replace(" and ", " or "),
        name(first.language)
    )
}

/// A lead on points alone, called close (under `CLOSE_MARGIN`) or clear.
fn points_lead_sentence(
    pack: &Pack,
    first: &crate::engine::Ranked<'_>,
    second: &crate::engine::Ranked<'_>,
    margin: f64,
) -> String {
    let name = |l: crate::model::LangIdx| pack.languages[l].name.as_ref();
    let kind = if margin < CLOSE_MARGIN {
        "a close lead: one supporting fact could undo it"
    } else {
        "a clear lead"
    };
    format!(
        "{} leads {} by {} ({} against {}), {kind}.",
        name(first.language),
        name(second.language),
        points_text(margin),
        signed(first.points),
        signed(second.points)
    )
}

/// What scoring read differently from the answers given, one sentence each.
pub fn adjustment_notes(pack: &Pack, evaluation: &Evaluation<'_>) -> Vec<String> {
    evaluation
        .adjustments
        .iter()
        .map(|a| match a {
            Adjustment::NotAsked { question, given } => {
                let q = &pack.questions[*question];
                let ids = |set: &crate::model::OptionSet| -> String {
                    let ids: Vec<&str> = set.iter().map(|i| q.options[i].id.as_ref()).collect();
                    if ids.is_empty() { "[]".into() } else { ids.join(", ") }
                };
                format!(
                    "`{} = {}` is not scored: the question does not apply to these answers, so it counts as its default ({}), as `advisor ask` would not ask it.",
                    q.id,
                    ids(given),
                    ids(&q.default.unwrap_or_default())
                )
            }
            Adjustment::Repeated { question, options, of } => {
                let (q, o) = (&pack.questions[*question], &pack.questions[*of]);
                let ids: Vec<&str> = options.iter().map(|i| q.options[i].id.as_ref()).collect();
                format!("`{}` repeats `{}` ({}): it counts once, as the {}.", q.id, o.id, ids.join(", "), o.title.to_lowercase())
            }
        })
        .collect()
}

/// A condition in words: `shape = realtime_fanout and failure_recovery = runtime`; a multi-choice
/// test reads `product_needs has queues`.
pub fn describe_condition(pack: &Pack, condition: &crate::model::Condition) -> String {
    use crate::model::Condition;
    fn inner(pack: &Pack, c: &Condition, nested: bool) -> String {
        let text = match c {
            Condition::Always => return "always".into(),
            Condition::Answer { question, options } => {
                let q = &pack.questions[*question];
                let ids: Vec<&str> = options.iter().map(|o| q.options[o].id.as_ref()).collect();
                let verb = match q.kind {
                    Kind::Single => "=",
                    Kind::Multi => "has",
                };
                return format!("{} {verb} {}", q.id, ids.join(" or "));
            }
            Condition::All(list) => {
                list.iter().map(|c| inner(pack, c, true)).collect::<Vec<_>>().join(" and ")
            }
            Condition::Any(list) => {
                list.iter().map(|c| inner(pack, c, true)).collect::<Vec<_>>().join(" or ")
            }
            Condition::Not(c) => return format!("not ({})", inner(pack, c, false)),
        };
        if nested { format!("({text})") } else { text }
    }
    inner(pack, condition, false)
}

/// Escapes text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    // Pack text is already escaped for Markdown (`\|`); a `|` that is not would end the cell.
    let mut out = String::with_capacity(text.len());
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '|' if !escaped => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

/// Each knock-out that applies, once, with the languages it excludes, in order of first use:
/// reports give one line per knock-out rather than one per language.
pub fn knockouts<'p>(
    evaluation: &Evaluation<'p>,
) -> Vec<(&'p crate::model::Exclusion, Vec<crate::model::LangIdx>)> {
    let mut out: Vec<(&crate::model::Exclusion, Vec<crate::model::LangIdx>)> = Vec::new();
    for x in &evaluation.excluded {
        for &e in &x.by {
            match out.iter_mut().find(|(known, _)| known.id == e.id) {
                Some((_, languages)) => languages.push(x.language),
                None => out.push((e, vec![x.language])),
            }
        }
    }
    out
}

/// What a ranking line adds to a language's score: `tied for first`, `misses: <requirement>`,
/// or nothing.
pub fn standing_note(r: &crate::engine::Ranked<'_>) -> String {
    let titles: Vec<&str> = r.unmet.iter().map(|u| u.title.as_ref()).collect();
    match (r.tied, titles.is_empty()) {
        (true, _) => "tied for first".to_string(),
        (false, false) => format!("misses: {}", titles.join("; ")),
        (false, true) => String::new(),
    }
}

/// A Markdown table of ranked languages: rank, language, score, points, and whether it ties
/// for first or misses a stated hard requirement.
/// (`note_rows_follow`: the caller adds rows with a note, excluded languages, after these).
pub fn score_table(
    out: &mut impl fmt::Write,
    pack: &Pack,
    rows: &[crate::engine::Ranked<'_>],
    note_rows_follow: bool,
) -> fmt::Result {
    // The Note column is there only when some row has a note (a tie, a missed requirement).
    let notes = note_rows_follow || rows.iter().any(|r| !standing_note(r).is_empty());
    out.write_str(if notes {
        "| Rank | Language | Score | Points | Note |\n| ---: | --- | ---: | ---: | --- |\n"
    } else {
        "| Rank | Language | Score | Points |\n| ---: | --- | ---: | ---: |\n"
    })?;
    for r in rows {
        let note = standing_note(r);
        // An empty cell is `| |`: markdownlint's compact table style allows one space.
        let note = match (notes, note.is_empty()) {
            (false, _) => String::new(),
            (true, true) => " |".to_string(),
            (true, false) => format!(" {} |", cell(&note)),
        };
        writeln!(
            out,
            "| {} | {} | {:.1} | {} |{note}",
            r.rank,
            cell(&pack.languages[r.language].name),
            r.score,
            signed(r.points)
        )?;
    }
    Ok(())
}
