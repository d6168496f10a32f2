//! The Good and Bad bullets of a record's options: reasons, missed requirements, knock-outs and
//! caveats, with a caveat several options share written out once.

use super::prose::mid_sentence;
use crate::engine::{Evaluation, Ranked};
use crate::model::LangIdx;
use crate::pack::Pack;
use crate::text::signed;
use std::collections::BTreeSet;
use std::fmt;

/// The caveats a record has listed so far, each with the option it was listed under: a caveat
/// several options share (the BEAM's, the JVM's) is written out once.
pub(super) type Listed<'p> = Vec<(&'p str, &'p str)>;

/// `* Good, because <text> (+12; 000 / Section)`.
fn bullet(
    out: &mut impl fmt::Write,
    kind: &str,
    text: &str,
    points: Option<f64>,
    source: &str,
    names: &BTreeSet<&str>,
) -> fmt::Result {
    let text = mid_sentence(text.trim_end_matches('.'), names);
    let points = points.map_or(String::new(), |p| format!("{}; ", signed(p)));
    writeln!(out, "* {kind}, because {text} ({points}{source})")
}

/// Bad bullets for a language the answers exclude, one per knock-out.
pub(super) fn excluded_bullets(
    out: &mut impl fmt::Write,
    evaluation: &Evaluation<'_>,
    language: LangIdx,
    names: &BTreeSet<&str>,
) -> fmt::Result {
    for x in evaluation.excluded.iter().filter(|x| x.language == language) {
        for e in &x.by {
            bullet(out, "Bad", &format!("it is excluded: {}", e.reason), None, &e.source, names)?;
        }
    }
    Ok(())
}

/// Good bullets from positive reasons, Bad bullets from missed requirements, negative reasons
/// and caveats; a caveat listed under an earlier option is pointed to, not repeated.
pub(super) fn pros_and_cons<'p>(
    out: &mut impl fmt::Write,
    pack: &'p Pack,
    ranked: &Ranked<'p>,
    names: &BTreeSet<&str>,
    listed: &mut Listed<'p>,
) -> fmt::Result {
    for u in &ranked.unmet {
        let text =
            format!("it cannot meet a hard requirement, {}: {}", u.title, mid_sentence(&u.reason, names));
        bullet(out, "Bad", &text, None, &u.source, names)?;
    }
    for r in ranked.reasons.iter().filter(|r| r.points > 0.0) {
        bullet(out, "Good", r.text(), Some(r.points), &r.sources(), names)?;
    }
    // Reasons are sorted from the strongest for to the strongest against: the cons are listed
    // strongest first too. A caveat that makes a penalty's point is that penalty's bullet.
    for r in ranked.reasons.iter().rev().filter(|r| r.points < 0.0) {
        bullet(out, "Bad", r.text(), Some(r.points), &r.sources(), names)?;
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
                bullet(out, "Bad", &c.text, None, &c.source, names)?;
            }
        }
    }
    for (under, n) in shared {
        let text = if n == 1 {
            format!("the caveat listed under {under} that applies to both")
        } else {
            format!("the {n} caveats listed under {under} that apply to both")
        };
        writeln!(out, "* Bad, because of {text}")?;
    }
    Ok(())
}
