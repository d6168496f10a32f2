//! Checking the `[decision]` table: the language chosen, its status, its date, who decided,
//! and a waiver that keeps the decision against the advice until a date.

use super::check::Checker;
use super::raw::{self, RawValue};
use super::{Decision, Status, Target, Waiver};
use crate::suggest::{did_you_mean, shorten};

impl Checker<'_> {
    /// The `[decision]` table checked, or `None` after reporting why it cannot be used.
    pub(super) fn decision(&mut self, d: raw::RawDecision) -> Option<Decision> {
        let pack = self.pack;
        let language = match d.language.as_deref() {
            None => {
                self.problem(
                    &["decision"],
                    Target::Key,
                    "[decision] has no `language`; expected the id of the language the team chose".into(),
                );
                None
            }
            Some(id) => {
                let found = pack.language(id);
                if found.is_none() {
                    let hint = crate::model::language_hint(&pack.languages, id);
                    let ids: Vec<&str> = pack.languages.iter().map(|l| l.id.as_ref()).collect();
                    self.problem(
                        &["decision", "language"],
                        Target::Value,
                        format!(
                            "unknown language \"{}\"{hint}; expected one of: {}",
                            shorten(id),
                            ids.join(", ")
                        ),
                    );
                }
                found
            }
        };
        let status = d.status.as_deref().and_then(|s| {
            let found = Status::ALL.into_iter().find(|st| st.id() == s);
            if found.is_none() {
                let ids = Status::ALL.map(Status::id);
                let hint = did_you_mean(s, ids);
                self.problem(
                    &["decision", "status"],
                    Target::Value,
                    format!("unknown status \"{}\"{hint}; expected one of: {}", shorten(s), ids.join(", ")),
                );
            }
            found
        });
        let date = match d.date {
            None => None,
            Some(RawValue::Str(s)) | Some(RawValue::Date(s)) if is_date(&s) => Some(s),
            Some(other) => {
                self.problem(
                    &["decision", "date"],
                    Target::Value,
                    format!("`date` is {}; {}", other.describe(), date_expected(&other)),
                );
                None
            }
        };
        let waiver = d.waiver.and_then(|w| self.waiver(w));
        let deciders = d.deciders.unwrap_or_default();
        for decider in &deciders {
            self.plain_text(&["decision", "deciders"], "a decider", decider);
        }
        Some(Decision { language: language?, status, date, deciders, waiver })
    }

    /// A waiver: a reason and the last day it holds.
    fn waiver(&mut self, w: raw::RawWaiver) -> Option<Waiver> {
        let path = ["decision", "waiver"];
        let reason = w.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        if let Some(r) = &reason {
            self.plain_text(&["decision", "waiver", "reason"], "the waiver's `reason`", r);
        }
        if reason.is_none() {
            self.problem(
                &path,
                Target::Key,
                "the waiver needs a `reason`: why the team keeps this decision".into(),
            );
        }
        let expires = match w.expires {
            Some(RawValue::Str(s)) | Some(RawValue::Date(s)) if is_date(&s) => Some(s),
            Some(other) => {
                self.problem(
                    &["decision", "waiver", "expires"],
                    Target::Value,
                    format!("the waiver's `expires` is {}; {}", other.describe(), date_expected(&other)),
                );
                None
            }
            None => {
                self.problem(
                    &path,
                    Target::Key,
                    "the waiver needs `expires`: the last day it holds, written YYYY-MM-DD".into(),
                );
                None
            }
        };
        Some(Waiver { reason: reason?, expires: expires? })
    }
}

/// What a date value should have been: a shape that is right but names no day (2024-02-30)
/// is told so.
fn date_expected(value: &RawValue) -> &'static str {
    match value {
        RawValue::Str(s) | RawValue::Date(s)
            if s.len() == 10
                && s.chars()
                    .enumerate()
                    .all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() }) =>
        {
            "that day is not in the calendar; expected a real date written YYYY-MM-DD"
        }
        _ => "expected a date written YYYY-MM-DD",
    }
}

/// Whether `s` is a calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(is_date("2026-11-20"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("20-11-2026"));
        assert!(!is_date("2026-1-1"));
    }
}
