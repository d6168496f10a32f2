//! The architecture decision record of `advisor export`, in MADR 4.0.0 form: front matter,
//! context, drivers, options, outcome with consequences and confirmation, pros and cons of
//! each option, and the evidence (scores, chart, sources, rule pack, answers) at the end.

use super::{cell, in_words, score_table, signed};
use crate::answers::AnswersFile;
use crate::answers::write::{Saved, render as render_answers};
use crate::engine::{self, Evaluation, Ranked};
use crate::model::{Answers, LangIdx, QuestionIdx};
use crate::pack::Pack;
use std::collections::BTreeSet;
use std::fmt::Write as _;

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

/// Lower-cases the first letter of a label used mid-sentence, unless it starts an acronym
/// (`CPU-bound`) or a name.
fn mid_sentence(text: &str, names: &BTreeSet<&str>) -> String {
    let first_word = text.split([' ', ',', ':', '\'']).next().unwrap_or("");
    let mut chars = text.chars();
    let common = first_word == "A"
        || (first_word.chars().nth(1).is_some_and(char::is_lowercase)
            && !first_word.chars().skip(1).any(char::is_uppercase)
            && !names.contains(first_word)
            && !first_word.split('-').next().is_some_and(|w| names.contains(w)));
    match chars.next() {
        Some(c) if c.is_uppercase() && common => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Words that stay capitalised mid-sentence: language names and the frameworks and platforms
/// the rules mention.
fn names(pack: &Pack) -> BTreeSet<&str> {
    let mut names: BTreeSet<&str> =
        pack.languages.iter().flat_map(|l| l.name.split([' ', '/'])).filter(|w| !w.is_empty()).collect();
    names.extend([
        "Phoenix",
        "LiveView",
        "Ecto",
        "Oban",
        "Spark",
        "Android",
        "Windows",
        "Tokio",
        "Django",
        "Rails",
        "Nx",
        "Node.js",
        "Kubernetes",
        "Ruby",
        "Ruby-like",
        "Blazor",
    ]);
    names
}

/// The default title: `"Backend language for <dominant shape>"`.
pub fn default_title(pack: &Pack, file: &AnswersFile) -> String {
    let shape = pack.question("shape").map(|q| {
        let question = &pack.questions[q];
        let labels: Vec<&str> =
            file.answers.get(q).iter().map(|o| question.options[o].label.as_ref()).collect();
        labels.join(", ")
    });
    match shape {
        Some(shape) if !shape.is_empty() => {
            format!("Backend language for {}", mid_sentence(&shape, &names(pack)))
        }
        _ => "Backend language".into(),
    }
}

/// "Elixir (+16), Erlang (+10) and Gleam (+9)".
fn moved(pack: &Pack, deltas: &[(LangIdx, f64)]) -> String {
    let parts: Vec<String> =
        deltas.iter().map(|(l, d)| format!("{} ({})", pack.languages[*l].name, signed(*d))).collect();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    in_words(&refs)
}

/// The decision drivers: every answer that moves points or rules a language out, the
/// strongest first, in words.
fn drivers(pack: &Pack, answers: &Answers) -> Vec<String> {
    let names = names(pack);
    let mut found: Vec<(f64, String)> = Vec::new();
    for (i, question) in pack.questions.iter().enumerate() {
        let q = QuestionIdx::new(i);
        let engine::Influence { points: delta, excludes: out, requires } =
            engine::influence(pack, answers, q);
        let weight: f64 = delta.values().map(|d| d.abs()).sum();
        if weight == 0.0 && out.is_empty() && requires.is_empty() {
            continue;
        }
        let mut favours: Vec<(LangIdx, f64)> =
            delta.iter().map(|(l, d)| (l, *d)).filter(|(_, d)| *d > 0.0).collect();
        favours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut against: Vec<(LangIdx, f64)> =
            delta.iter().map(|(l, d)| (l, *d)).filter(|(_, d)| *d < 0.0).collect();
        against.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        // The first label opens the answer; the others run inside it, lower-cased.
        let labels: Vec<String> = answers
            .get(q)
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let label = &question.options[o].label;
                if i == 0 { label.to_string() } else { mid_sentence(label, &names) }
            })
            .collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let mut effects = Vec::new();
        if !out.is_empty() {
            let names: Vec<&str> = out.iter().map(|&l| pack.languages[l].name.as_ref()).collect();
            effects.push(format!("rules out {}", in_words(&names)));
        }
        let mut stated = None;
        if !requires.is_empty() {
            // One clause for every requirement the answer states, grouped by who misses them.
            let mut by_missers: Vec<(Vec<LangIdx>, Vec<&str>)> = Vec::new();
            for r in &requires {
                match by_missers.iter_mut().find(|(langs, _)| *langs == r.languages) {
                    Some((_, titles)) => titles.push(&r.title),
                    None => by_missers.push((r.languages.clone(), vec![&r.title])),
                }
            }
            let parts: Vec<String> = by_missers
                .iter()
                .map(|(langs, titles)| {
                    let names: Vec<&str> = langs.iter().map(|&l| pack.languages[l].name.as_ref()).collect();
                    let pronoun = if titles.len() == 1 { "it" } else { "them" };
                    format!("{} ({} cannot meet {pronoun})", in_words(titles), in_words(&names))
                })
                .collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let noun = if requires.len() == 1 { "a hard requirement" } else { "hard requirements" };
            stated = Some(format!("states {noun}: {}", in_words(&parts).replace(") and ", "), and ")));
        }
        if !favours.is_empty() {
            effects.push(format!("favours {}", moved(pack, &favours[..favours.len().min(3)])));
        }
        if !against.is_empty() {
            effects.push(format!("counts against {}", moved(pack, &against[..against.len().min(3)])));
        }
        let effects: Vec<&str> = effects.iter().map(String::as_str).collect();
        let text = match (effects.is_empty(), stated) {
            (true, Some(stated)) => format!("{}: {}, which {stated}", question.title, in_words(&labels)),
            (false, Some(stated)) => {
                format!(
                    "{}: {}, which {}; it {stated}",
                    question.title,
                    in_words(&labels),
                    in_words(&effects)
                )
            }
            (_, None) => format!("{}: {}, which {}", question.title, in_words(&labels), in_words(&effects)),
        };
        found.push((weight + 100.0 * (out.len() + requires.len()) as f64, text));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    found.into_iter().map(|(_, text)| text).collect()
}

/// The context: each required or non-default answer as a sentence, then the question.
fn context(pack: &Pack, file: &AnswersFile) -> String {
    let names = names(pack);
    let mut sentences = Vec::new();
    for (q, question) in pack.questions.iter().enumerate() {
        let answer = file.answers.get(QuestionIdx::new(q));
        if question.default.as_ref() == Some(answer) {
            continue;
        }
        // Labels are written capitalised, as for a list; inside a sentence they read lower-case
        // ("the job of the language runtime"), names and acronyms excepted.
        let opens = question.statement.trim_start().starts_with("{answer}");
        let labels: Vec<String> = answer
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let label = &question.options[o].label;
                let label = if opens && i == 0 { label.to_string() } else { mid_sentence(label, &names) };
                format!("**{label}**")
            })
            .collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        sentences.push(question.statement.replace("{answer}", &in_words(&refs)));
    }
    sentences.push(format!(
        "Which of the {} candidate languages should the backend be written in, given this concurrency \
         shape, how failures are recovered, the runtime production already operates, the team and the \
         ecosystem it depends on?",
        pack.languages.len()
    ));
    sentences.join(" ")
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

/// `* Good, because <text> (+12; 000 / Section)`.
fn bullet(
    out: &mut String,
    kind: &str,
    text: &str,
    points: Option<f64>,
    source: &str,
    names: &BTreeSet<&str>,
) {
    let text = mid_sentence(text.trim_end_matches('.'), names);
    let points = points.map_or(String::new(), |p| format!("{}; ", signed(p)));
    let _ = writeln!(out, "* {kind}, because {text} ({points}{source})");
}

/// Bad bullets for a language the answers exclude, one per knock-out.
fn excluded_bullets(
    out: &mut String,
    evaluation: &Evaluation<'_>,
    language: LangIdx,
    names: &BTreeSet<&str>,
) {
    for x in evaluation.excluded.iter().filter(|x| x.language == language) {
        for e in &x.by {
            bullet(out, "Bad", &format!("it is excluded: {}", e.reason), None, &e.source, names);
        }
    }
}

/// The caveats a record has listed so far, each with the option it was listed under: a caveat
/// several options share (the BEAM's, the JVM's) is written out once.
type Listed<'p> = Vec<(&'p str, &'p str)>;

/// Good bullets from positive reasons, Bad bullets from missed requirements, negative reasons
/// and caveats; a caveat listed under an earlier option is pointed to, not repeated.
fn pros_and_cons<'p>(
    out: &mut String,
    pack: &'p Pack,
    ranked: &Ranked<'p>,
    names: &BTreeSet<&str>,
    listed: &mut Listed<'p>,
) {
    for u in &ranked.unmet {
        let text =
            format!("it cannot meet a hard requirement, {}: {}", u.title, mid_sentence(&u.reason, names));
        bullet(out, "Bad", &text, None, &u.source, names);
    }
    for r in ranked.reasons.iter().filter(|r| r.points > 0.0) {
        bullet(out, "Good", r.text(), Some(r.points), &r.sources(), names);
    }
    // Reasons are sorted from the strongest for to the strongest against: the cons are listed
    // strongest first too. A caveat that makes a penalty's point is that penalty's bullet.
    for r in ranked.reasons.iter().rev().filter(|r| r.points < 0.0) {
        bullet(out, "Bad", r.text(), Some(r.points), &r.sources(), names);
    }
    let mut shared: Vec<(&str, usize)> = Vec::new();
    for c in crate::engine::caveats_apart(&ranked.caveats, &ranked.reasons) {
        match listed.iter().find(|(id, _)| *id == c.id) {
            Some(&(_, under)) => match shared.iter_mut().find(|(name, _)| *name == under) {
                Some((_, n)) => *n += 1,
                None => shared.push((under, 1)),
            },
            None => {
                listed.push((&c.id, &pack.languages[ranked.language].name));
                bullet(out, "Bad", &c.text, None, &c.source, names);
            }
        }
    }
    for (under, n) in shared {
        let text = if n == 1 {
            format!("the caveat listed under {under} that applies to both")
        } else {
            format!("the {n} caveats listed under {under} that apply to both")
        };
        let _ = writeln!(out, "* Bad, because of {text}");
    }
}

/// Text for an ATX heading: a `#` would end it as a closed heading, so it is escaped (`C\#`
/// renders as C#).
fn heading(text: &str) -> String {
    text.replace('#', "\\#")
}

/// The whole record.
pub fn render(record: &Record<'_>, evaluation: &Evaluation<'_>) -> String {
    debug_assert!(record.pack.is_markdown_safe(), "records are rendered from Pack::for_markdown");
    let (pack, file) = (record.pack, record.file);
    let names = names(pack);
    let mut listed: Listed<'_> = Vec::new();
    let decision = file.decision.as_ref();
    let ranked = |l: LangIdx| evaluation.ranking.iter().find(|r| r.language == l);
    let chosen = decision.map(|d| d.language).or_else(|| evaluation.ranking.first().map(|r| r.language));
    let mut out = String::new();

    // Front matter.
    let status = decision.and_then(|d| d.status).map_or("proposed", |s| s.id());
    let date = decision.and_then(|d| d.date.as_deref()).unwrap_or(record.today);
    let makers: Vec<String> = decision
        .map(|d| d.deciders.iter().map(|m| serde_json::to_string(m).unwrap_or_default()).collect())
        .unwrap_or_default();
    let _ =
        writeln!(out, "---\nstatus: {status}\ndate: {date}\ndecision-makers: [{}]\n---\n", makers.join(", "));

    let title = record.title.map_or_else(|| default_title(pack, file), str::to_string);
    let _ = writeln!(out, "# {}\n", heading(&title));

    out.push_str("## Context and Problem Statement\n\n");
    let _ = writeln!(out, "{}\n", context(pack, file));
    if let Some((text, link)) = record.supersedes {
        let _ = writeln!(
            out,
            "This record supersedes [{}]({}).\n",
            crate::safe::markdown(text),
            crate::safe::link_target(link)
        );
    }

    out.push_str("## Decision Drivers\n\n");
    out.push_str(
        "Each answer below with the points it moves on its own: what the languages would lose or gain \
         without it. A fact that other answers also establish counts once and rules can combine answers, \
         so these can differ from the rules' points under Consequences.\n\n",
    );
    let drivers = drivers(pack, &file.answers);
    if drivers.is_empty() {
        out.push_str("No answer moved the ranking away from its defaults.\n");
    }
    for d in &drivers {
        let _ = writeln!(out, "* {d}");
    }
    out.push('\n');

    let options = considered(evaluation, record.options, chosen);
    out.push_str("## Considered Options\n\n");
    for &l in &options {
        let _ = writeln!(out, "* {}", pack.languages[l].name);
    }
    out.push('\n');

    out.push_str("## Decision Outcome\n\n");
    if let Some(l) = chosen {
        let name = &pack.languages[l].name;
        let leader = evaluation.ranking.first();
        let because = match (ranked(l), leader) {
            (Some(r), _) if r.rank == 1 => {
                let top = r.reasons.first().map_or(String::new(), |t| {
                    format!("; its strongest reason: {}", mid_sentence(t.text(), &names))
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
                pack.languages[lead.language].name
            ),
            _ => "the team recorded this decision, although the current rules exclude it".to_string(),
        };
        let _ = writeln!(out, "Chosen option: \"{name}\", because {because}.\n");
        for sentence in super::verdict(pack, evaluation) {
            let _ = writeln!(out, "{sentence}\n");
        }
        for note in super::adjustment_notes(pack, evaluation) {
            let _ = writeln!(out, "Note: {note}\n");
        }
        if let Some(w) = decision.and_then(|d| d.waiver.as_ref()) {
            let _ = writeln!(
                out,
                "A waiver keeps this decision until {}: {}\n",
                w.expires,
                crate::safe::markdown(&w.reason)
            );
        }
        out.push_str("### Consequences\n\n");
        match ranked(l) {
            Some(r) => pros_and_cons(&mut out, pack, r, &names, &mut listed),
            None => excluded_bullets(&mut out, evaluation, l, &names),
        }
        out.push('\n');
        out.push_str("### Confirmation\n\n");
        let _ = writeln!(
            out,
            "Before committing, build a vertical slice in {name} and make sure the team can explain how it \
             handles each of these (000 / Questions To Answer):\n"
        );
        for item in [
            "backpressure, when consumers fall behind producers",
            "cancellation of work nobody waits for any more",
            "timeouts on every call that can hang",
            "memory growth under sustained load",
            "restart behaviour when a unit of work crashes",
        ] {
            let _ = writeln!(out, "* {item}");
        }
        if decision.is_some() {
            let _ = writeln!(
                out,
                "\nIn CI, {} re-scores the answers with the current rule pack on every change and \
                 fails (exit code 1) when the advice no longer supports this decision.\n",
                crate::safe::code_span(&format!("advisor check {}", record.answers_path))
            );
        } else {
            let _ = writeln!(
                out,
                "\nRecord the decision in a `[decision]` table of {} (language, status, date, deciders): \
                 `advisor check` then re-scores it in CI on every change and fails when the advice no longer \
                 supports it.\n",
                crate::safe::code_span(record.answers_path)
            );
        }
    }

    out.push_str("## Pros and Cons of the Options\n\n");
    for &l in &options {
        let lang = &pack.languages[l];
        let _ = writeln!(out, "### {}\n", heading(&lang.name));
        match ranked(l) {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "Runtime: {}. Rank {} of {}, score {:.1} ({}).\n",
                    lang.runtime,
                    r.rank,
                    evaluation.ranking.len(),
                    r.score,
                    super::signed_points(r.points)
                );
                if Some(l) == chosen {
                    out.push_str("Its pros and cons are the consequences listed under Decision Outcome.\n");
                } else {
                    pros_and_cons(&mut out, pack, r, &names, &mut listed);
                }
            }
            None => {
                let _ = writeln!(out, "Runtime: {}. Excluded by these answers.\n", lang.runtime);
                excluded_bullets(&mut out, evaluation, l, &names);
            }
        }
        out.push('\n');
    }

    out.push_str("## More Information\n\n### Scores\n\n");
    out.push_str(&score_table(pack, &evaluation.ranking, !evaluation.excluded.is_empty()));
    for x in &evaluation.excluded {
        let _ = writeln!(out, "| - | {} | excluded | - | excluded |", cell(&pack.languages[x.language].name));
    }
    out.push_str(
        "\nScore = 100 / (1 + e^(-points/25)), where points are the sum of the rules that fired for the \
         language; 50 means no evidence either way.\n\n",
    );
    out.push_str("```mermaid\nxychart-beta\n    title \"Scores for these answers\"\n");
    let labels: Vec<String> = evaluation
        .ranking
        .iter()
        .map(|r| format!("\"{}\"", crate::safe::mermaid(&pack.languages[r.language].name)))
        .collect();
    let scores: Vec<String> = evaluation.ranking.iter().map(|r| format!("{:.1}", r.score)).collect();
    let _ = writeln!(out, "    x-axis [{}]", labels.join(", "));
    out.push_str("    y-axis \"Score\" 0 --> 100\n");
    let _ = writeln!(out, "    bar [{}]\n```\n", scores.join(", "));

    out.push_str("### How Robust Is This Ranking\n\n");
    let what_if = engine::what_if(pack, &file.answers);
    let (summary, flips) = super::robustness(pack, evaluation, &what_if);
    let _ = writeln!(out, "{summary}\n");
    for line in &flips {
        let _ = writeln!(out, "* {line}");
    }
    if !flips.is_empty() {
        out.push('\n');
    }

    if let Some(section) = &record.team {
        out.push_str(section);
    }

    out.push_str("### Sources\n\nEvery reason and caveat above cites a section of these guides:\n\n");
    let mut cited: BTreeSet<&str> = BTreeSet::new();
    for &l in &options {
        if let Some(r) = ranked(l) {
            cited.extend(r.reasons.iter().map(|x| x.rule.source.as_ref()));
            cited.extend(r.caveats.iter().map(|c| c.source.as_ref()));
        }
    }
    cited.extend(evaluation.excluded.iter().flat_map(|x| x.by.iter().map(|e| e.source.as_ref())));
    cited.insert("000 / Questions To Answer");
    for source in cited {
        let guide = source.split(" / ").next().and_then(|id| pack.guides.iter().find(|g| g.id == id));
        let title = guide.map_or(String::new(), |g| format!(", in \"{}\"", g.title));
        let _ = writeln!(out, "* {source}{title}");
    }

    let _ = writeln!(
        out,
        "\n### Rule Pack\n\nScored by advisor {} with rule pack `{}`.\n",
        env!("CARGO_PKG_VERSION"),
        pack.fingerprint
    );
    if let Some(line) = &record.packs {
        // Team rules can cite the same guides as built-in ones: the record says whose they are.
        let _ = writeln!(out, "{}.\n", crate::safe::markdown(line));
    }

    match record.answers_note {
        None => {
            let _ = writeln!(
                out,
                "### Answers\n\nThe answers, as {}, to re-score this record with {}:\n",
                crate::safe::code_span(record.answers_path),
                crate::safe::code_span(&format!("advisor recommend {}", record.answers_path))
            );
        }
        Some(note) => {
            let _ = writeln!(
                out,
                "### Answers\n\nThe answers came {note}; saved as {}, they re-score this record with {}:\n",
                crate::safe::code_span(record.answers_path),
                crate::safe::code_span(&format!("advisor recommend {}", record.answers_path))
            );
        }
    }
    let saved = Saved {
        pack,
        answers: &file.answers,
        include: &file.given,
        decision: file.decision.as_ref(),
        packs: &file.packs,
        path: record.answers_path,
        date: record.today,
    };
    let answers = render_answers(&saved, crate::answers::Format::Toml);
    let fence = crate::safe::fence(&answers);
    let _ = write!(out, "{fence}toml\n{answers}{fence}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_their_capital_mid_sentence_unless_acronyms_or_names() {
        let names: BTreeSet<&str> = ["Phoenix", "Go"].into_iter().collect();
        assert_eq!(mid_sentence("Realtime fan-out", &names), "realtime fan-out");
        assert_eq!(mid_sentence("CPU-bound work", &names), "CPU-bound work");
        assert_eq!(mid_sentence("Phoenix PubSub", &names), "Phoenix PubSub");
        assert_eq!(mid_sentence("Go is simple", &names), "Go is simple");
        assert_eq!(mid_sentence("GenServers under", &names), "GenServers under");
        assert_eq!(mid_sentence("A BEAM process", &names), "a BEAM process");
        assert_eq!(mid_sentence("I/O-bound", &names), "I/O-bound");
        assert_eq!(mid_sentence("The hiring pool", &names), "the hiring pool");
    }

    #[test]
    fn lists_read_as_words() {
        assert_eq!(in_words(&[]), "none");
        assert_eq!(in_words(&["a"]), "a");
        assert_eq!(in_words(&["a", "b", "c"]), "a, b and c");
    }
}
