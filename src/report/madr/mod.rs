//! The architecture decision record of `advisor export`, in MADR 4.0.0 form: front matter,
//! context, drivers, options, outcome with consequences and confirmation, pros and cons of
//! each option, and the evidence (scores, chart, sources, rule pack, answers) at the end; one
//! function per section.

mod consequences;
mod prose;

pub(super) use prose::{mid_sentence, mid_sentence_in, names};

use super::{cell, score_table};
use crate::answers::AnswersFile;
use crate::answers::write::{Saved, write_saved};
use crate::engine::{self, Evaluation, Ranked};
use crate::model::LangIdx;
use crate::pack::Pack;
use consequences::{Listed, excluded_bullets, pros_and_cons};
use std::collections::BTreeSet;
use std::fmt;

/// What a record is made from, beyond the evaluation.
#[derive(Debug)]
pub struct Record<'a> {
    /// The pack that scored the answers.
    pub pack: &'a Pack,
    /// The answers file.
    pub file: &'a AnswersFile,
    /// The answers file's path as given, for the check command and the answers block; for
    /// answers from standard input or `--set`, the file they should be saved as.
    pub answers_path: &'a str,
    /// Where the answers came from when not all from that file ("standard input", "--set").
    pub answers_note: Option<&'a str>,
    /// `--title`, if given.
    pub title: Option<&'a str>,
    /// How many top-ranked options to consider.
    pub options: usize,
    /// Today, `YYYY-MM-DD`.
    pub today: &'a str,
    /// A link to the record this one supersedes: (text, relative path).
    pub supersedes: Option<(&'a str, &'a str)>,
    /// "Rule packs: built-in, then ..." when team packs scored the answers.
    pub packs: Option<String>,
    /// The Markdown section on the team's separate answers (`export --team`), if given.
    pub team: Option<String>,
}

/// The default title: `"Backend language for <answer to the defining question>"` (the
/// dominant concurrency shape, in the built-in pack).
pub fn default_title(pack: &Pack, file: &AnswersFile) -> String {
    let answer = super::defining_question(pack).map(|q| {
        let question = &pack.questions[q];
        let labels: Vec<&str> =
            file.answers.get(q).iter().map(|o| question.options[o].label.as_ref()).collect();
        labels.join(", ")
    });
    match answer {
        Some(answer) if !answer.is_empty() => {
            format!("Backend language for {}", mid_sentence_in(pack, &answer))
        }
        _ => "Backend language".into(),
    }
}

/// The options considered: the top `n`, plus the recorded decision if it ranks lower or is
/// excluded.
fn considered(evaluation: &Evaluation<'_>, n: usize, decision: Option<LangIdx>) -> Vec<LangIdx> {
    let mut options: Vec<LangIdx> = evaluation.ranking.iter().take(n).map(|r| r.language).collect();
    if let Some(d) = decision
        && !options.contains(&d)
    {
        options.push(d);
    }
    options
}

/// Text for an ATX heading: a `#` would end it as a closed heading, so it is escaped (`C\#`
/// renders as C#).
fn heading(text: &str) -> String {
    text.replace('#', "\\#")
}

/// What every section reads: the record, the evaluation, the words kept capitalised, the
/// options considered and the one chosen.
struct Doc<'a> {
    record: &'a Record<'a>,
    pack: &'a Pack,
    evaluation: &'a Evaluation<'a>,
    names: BTreeSet<&'a str>,
    options: Vec<LangIdx>,
    chosen: Option<LangIdx>,
}

impl Doc<'_> {
    /// The ranked entry of a language, unless it is excluded.
    fn ranked(&self, language: LangIdx) -> Option<&Ranked<'_>> {
        self.evaluation.ranking.iter().find(|r| r.language == language)
    }
}

/// The whole record.
pub fn render(record: &Record<'_>, evaluation: &Evaluation<'_>, out: &mut impl fmt::Write) -> fmt::Result {
    debug_assert!(record.pack.is_markdown_safe(), "records are rendered from Pack::for_markdown");
    let decision = record.file.decision.as_ref().map(|d| d.language);
    let chosen = decision.or_else(|| evaluation.ranking.first().map(|r| r.language));
    let doc = Doc {
        record,
        pack: record.pack,
        evaluation,
        names: names(record.pack),
        options: considered(evaluation, record.options, decision),
        chosen,
    };
    let mut listed: Listed<'_> = Vec::new();
    front_matter(out, &doc)?;
    context_section(out, &doc)?;
    drivers_section(out, &doc)?;
    options_section(out, &doc)?;
    if let Some(l) = doc.chosen {
        outcome_section(out, &doc, l, &mut listed)?;
    }
    pros_and_cons_section(out, &doc, &mut listed)?;
    scores_section(out, &doc)?;
    robustness_section(out, &doc)?;
    if let Some(section) = &record.team {
        out.write_str(section)?;
    }
    sources_section(out, &doc)?;
    rule_pack_section(out, &doc)?;
    answers_section(out, &doc)
}

/// The front matter (status, date, decision-makers) and the title.
fn front_matter(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    let (record, decision) = (doc.record, doc.record.file.decision.as_ref());
    let status = decision.and_then(|d| d.status).map_or("proposed", |s| s.id());
    let date = decision.and_then(|d| d.date.as_deref()).unwrap_or(record.today);
    let makers: Vec<String> =
        decision.map(|d| d.deciders.iter().map(|m| crate::text::quoted(m)).collect()).unwrap_or_default();
    writeln!(out, "---\nstatus: {status}\ndate: {date}\ndecision-makers: [{}]\n---\n", makers.join(", "))?;
    let title = record.title.map_or_else(|| default_title(doc.pack, record.file), str::to_string);
    writeln!(out, "# {}\n", heading(&title))
}

/// Context and Problem Statement: the answers in sentences, the question, what it supersedes.
fn context_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    out.write_str("## Context and Problem Statement\n\n")?;
    writeln!(out, "{}\n", prose::context(doc.pack, doc.record.file, &doc.names))?;
    if let Some((text, link)) = doc.record.supersedes {
        writeln!(
            out,
            "This record supersedes [{}]({}).\n",
            crate::safe::markdown(text),
            crate::safe::link_target(link)
        )?;
    }
    Ok(())
}

/// Decision Drivers: each answer with the points it moves.
fn drivers_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    out.write_str("## Decision Drivers\n\n")?;
    out.write_str(
        "Each answer below with the points it moves on its own: what the languages would lose or gain \
         without it. A fact that other answers also establish counts once and rules can combine answers, \
         so these can differ from the rules' points under Consequences.\n\n",
    )?;
    let drivers = prose::drivers(doc.pack, &doc.record.file.answers, &doc.names);
    if drivers.is_empty() {
        out.write_str("No answer moved the ranking away from its defaults.\n")?;
    }
    for d in &drivers {
        writeln!(out, "* {d}")?;
    }
    out.write_char('\n')
}

/// Considered Options: the languages compared.
fn options_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    out.write_str("## Considered Options\n\n")?;
    for &l in &doc.options {
        writeln!(out, "* {}", doc.pack.languages[l].name)?;
    }
    out.write_char('\n')
}

/// Decision Outcome: the chosen option and why, what rank 1 means, the waiver, then its
/// consequences and how to confirm it.
fn outcome_section<'a>(
    out: &mut impl fmt::Write,
    doc: &Doc<'a>,
    chosen: LangIdx,
    listed: &mut Listed<'a>,
) -> fmt::Result {
    let (pack, evaluation) = (doc.pack, doc.evaluation);
    out.write_str("## Decision Outcome\n\n")?;
    let name = &pack.languages[chosen].name;
    writeln!(out, "Chosen option: \"{name}\", because {}.\n", because(doc, chosen))?;
    for sentence in super::verdict(pack, evaluation) {
        writeln!(out, "{sentence}\n")?;
    }
    for note in super::adjustment_notes(pack, evaluation) {
        writeln!(out, "Note: {note}\n")?;
    }
    if let Some(w) = doc.record.file.decision.as_ref().and_then(|d| d.waiver.as_ref()) {
        writeln!(
            out,
            "A waiver keeps this decision until {}: {}\n",
            w.expires,
            crate::safe::markdown(&w.reason)
        )?;
    }
    out.write_str("### Consequences\n\n")?;
    match evaluation.ranking.iter().find(|r| r.language == chosen) {
        Some(r) => pros_and_cons(out, pack, r, &doc.names, listed)?,
        None => excluded_bullets(out, evaluation, chosen, &doc.names)?,
    }
    out.write_char('\n')?;
    confirmation(out, doc, name)
}

/// Why the chosen option: its rank and strongest reason, or that the team recorded it.
fn because(doc: &Doc<'_>, chosen: LangIdx) -> String {
    let evaluation = doc.evaluation;
    match (doc.ranked(chosen), evaluation.ranking.first()) {
        (Some(r), _) if r.rank == 1 => {
            let top = r.reasons.first().map_or(String::new(), |t| {
                format!("; its strongest reason: {}", mid_sentence(t.text(), &doc.names))
            });
            format!(
                "it ranks first of {} for these answers with a score of {:.1} ({}){top}",
                evaluation.ranking.len(),
                r.score,
                super::signed_points(r.points)
            )
        }
        (Some(r), Some(lead)) => format!(
            "the team recorded this decision; for these answers it ranks {} with a score of {:.1}, {} points \
             behind {}",
            r.rank,
            r.score,
            lead.points - r.points,
            doc.pack.languages[lead.language].name
        ),
        _ => "the team recorded this decision, although the current rules exclude it".to_string(),
    }
}

/// The first confirmation checklist the pack's guides give, with its source
/// (`NNN / Section`).
fn checklist(pack: &Pack) -> Option<(String, &crate::model::Confirmation)> {
    pack.guides.iter().find_map(|g| g.confirmation.as_ref().map(|c| (format!("{} / {}", g.id, c.section), c)))
}

/// Confirmation: what a vertical slice must show, and how CI keeps checking the decision.
fn confirmation(out: &mut impl fmt::Write, doc: &Doc<'_>, name: &str) -> fmt::Result {
    out.write_str("### Confirmation\n\n")?;
    // The checklist is the guides' (a pack whose guides give none gets none).
    if let Some((source, checklist)) = checklist(doc.pack) {
        writeln!(
            out,
            "Before committing, build a vertical slice in {name} and make sure the team can explain how \
             it handles each of these ({source}):\n"
        )?;
        for check in checklist.checks.iter() {
            writeln!(out, "* {check}")?;
        }
        out.write_char('\n')?;
    }
    let path = doc.record.answers_path;
    if doc.record.file.decision.is_some() {
        writeln!(
            out,
            "In CI, {} re-scores the answers with the current rule pack on every change and \
             fails (exit code 1) when the advice no longer supports this decision.\n",
            crate::safe::code_span(&format!("advisor check {path}"))
        )
    } else {
        writeln!(
            out,
            "Record the decision in a `[decision]` table of {} (language, status, date, deciders): \
             `advisor check` then re-scores it in CI on every change and fails when the advice no longer \
             supports it.\n",
            crate::safe::code_span(path)
        )
    }
}

/// Pros and Cons of the Options: each option's runtime, standing and bullets.
fn pros_and_cons_section<'a>(
    out: &mut impl fmt::Write,
    doc: &Doc<'a>,
    listed: &mut Listed<'a>,
) -> fmt::Result {
    let (pack, evaluation) = (doc.pack, doc.evaluation);
    out.write_str("## Pros and Cons of the Options\n\n")?;
    for &l in &doc.options {
        let lang = &pack.languages[l];
        writeln!(out, "### {}\n", heading(&lang.name))?;
        match evaluation.ranking.iter().find(|r| r.language == l) {
            Some(r) => {
                writeln!(
                    out,
                    "Runtime: {}. Rank {} of {}, score {:.1} ({}).\n",
                    lang.runtime,
                    r.rank,
                    evaluation.ranking.len(),
                    r.score,
                    super::signed_points(r.points)
                )?;
                if Some(l) == doc.chosen {
                    out.write_str("Its pros and cons are the consequences listed under Decision Outcome.\n")?;
                } else {
                    pros_and_cons(out, pack, r, &doc.names, listed)?;
                }
            }
            None => {
                writeln!(out, "Runtime: {}. Excluded by these answers.\n", lang.runtime)?;
                excluded_bullets(out, evaluation, l, &doc.names)?;
            }
        }
        out.write_char('\n')?;
    }
    Ok(())
}

/// More Information, Scores: the table, the formula and a chart.
fn scores_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    let (pack, evaluation) = (doc.pack, doc.evaluation);
    out.write_str("## More Information\n\n### Scores\n\n")?;
    score_table(out, pack, &evaluation.ranking, !evaluation.excluded.is_empty())?;
    for x in &evaluation.excluded {
        writeln!(out, "| - | {} | excluded | - | excluded |", cell(&pack.languages[x.language].name))?;
    }
    out.write_str(
        "\nScore = 100 / (1 + e^(-points/25)), where points are the sum of the rules that fired for the \
         language; 50 means no evidence either way.\n\n",
    )?;
    out.write_str("```mermaid\nxychart-beta\n    title \"Scores for these answers\"\n")?;
    let labels: Vec<String> = evaluation
        .ranking
        .iter()
        .map(|r| format!("\"{}\"", crate::safe::mermaid(&pack.languages[r.language].name)))
        .collect();
    let scores: Vec<String> = evaluation.ranking.iter().map(|r| format!("{:.1}", r.score)).collect();
    writeln!(out, "    x-axis [{}]", labels.join(", "))?;
    out.write_str("    y-axis \"Score\" 0 --> 100\n")?;
    writeln!(out, "    bar [{}]\n```\n", scores.join(", "))
}

/// How Robust Is This Ranking: the single-answer changes that would change rank 1.
fn robustness_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    out.write_str("### How Robust Is This Ranking\n\n")?;
    let what_if = engine::what_if(doc.pack, &doc.record.file.answers);
    let (summary, flips) = super::robustness(doc.pack, doc.evaluation, &what_if);
    writeln!(out, "{summary}\n")?;
    for line in &flips {
        writeln!(out, "* {line}")?;
    }
    if !flips.is_empty() {
        out.write_char('\n')?;
    }
    Ok(())
}

/// Sources: every guide section a bullet above cites.
fn sources_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    out.write_str("### Sources\n\nEvery reason and caveat above cites a section of these guides:\n\n")?;
    let mut cited: BTreeSet<&str> = BTreeSet::new();
    for &l in &doc.options {
        if let Some(r) = doc.ranked(l) {
            cited.extend(r.reasons.iter().map(|x| x.rule.source.as_ref()));
            cited.extend(r.caveats.iter().map(|c| c.source.as_ref()));
        }
    }
    cited.extend(doc.evaluation.excluded.iter().flat_map(|x| x.by.iter().map(|e| e.source.as_ref())));
    let checklist = checklist(doc.pack);
    if let Some((source, _)) = &checklist {
        cited.insert(source.as_str());
    }
    for source in cited {
        let guide = source.split(" / ").next().and_then(|id| doc.pack.guides.iter().find(|g| g.id == id));
        let title = guide.map_or(String::new(), |g| format!(", in \"{}\"", g.title));
        writeln!(out, "* {source}{title}")?;
    }
    Ok(())
}

/// Rule Pack: the advisor version, the pack's fingerprint and the team packs.
fn rule_pack_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    writeln!(
        out,
        "\n### Rule Pack\n\nScored by advisor {} with rule pack `{}`.\n",
        env!("CARGO_PKG_VERSION"),
        doc.pack.fingerprint
    )?;
    if let Some(line) = &doc.record.packs {
        // Team rules can cite the same guides as built-in ones: the record says whose they are.
        writeln!(out, "{}.\n", crate::safe::markdown(line))?;
    }
    Ok(())
}

/// Answers: the answers file to re-score the record with, in a fence.
fn answers_section(out: &mut impl fmt::Write, doc: &Doc<'_>) -> fmt::Result {
    let (record, file) = (doc.record, doc.record.file);
    let (path, command) = (
        crate::safe::code_span(record.answers_path),
        crate::safe::code_span(&format!("advisor recommend {}", record.answers_path)),
    );
    match record.answers_note {
        None => {
            writeln!(out, "### Answers\n\nThe answers, as {path}, to re-score this record with {command}:\n")?
        }
        Some(note) => writeln!(
            out,
            "### Answers\n\nThe answers came {note}; saved as {path}, they re-score this record with {command}:\n"
        )?,
    }
    let saved = Saved {
        pack: doc.pack,
        answers: &file.answers,
        include: &file.given,
        decision: file.decision.as_ref(),
        packs: &file.packs,
        path: record.answers_path,
        date: record.today,
    };
    let mut answers = String::new();
    write_saved(&mut answers, &saved, crate::answers::Format::Toml)?;
    let fence = crate::safe::fence(&answers);
    write!(out, "{fence}toml\n{answers}{fence}\n")
}
