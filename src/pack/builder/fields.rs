//! Checks of an entry's text fields: every text is one line of plain text, required texts are
//! written, and each `source` cites a real guide and one of its section headings.

use super::{Builder, Site};
use crate::suggest::did_you_mean;

impl Builder<'_> {
    /// A required text: written, and one line of plain text.
    pub(super) fn require_text(&mut self, site: &Site<'_>, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problems.push(site.problem(format!("`{field}` is empty; write it in a sentence")));
        }
        self.one_line(site, field, value);
    }

    /// Pack text reaches terminals, records and CI logs: it is one line of plain text, with no
    /// control character (escape sequences, carriage returns, line breaks) and no bidirectional
    /// override that could disguise it.
    pub(super) fn one_line(&mut self, site: &Site<'_>, field: &str, value: &str) {
        match crate::safe::unfit(value) {
            None => {}
            Some(crate::safe::Unfit::LegacyCommand) => self.problems.push(site.problem(format!(
                "`{field}` contains `#`, `#`, `[` in a row, which a GitHub runner reads as a workflow command in any log line"
            ))),
            Some(crate::safe::Unfit::Control(c)) => self.problems.push(site.problem(format!(
                "`{field}` contains the control character U+{:04X}; pack text is one line of plain text (a folded `>-` block joins lines)",
                c as u32
            ))),
        }
    }

    /// A `source`: `NNN / Section heading`, naming a known guide and one of its headings.
    pub(super) fn check_source(&mut self, site: &Site<'_>, source: &str) {
        self.one_line(site, "source", source);
        let Some((guide_id, section)) = source.split_once(" / ") else {
            self.problems.push(
                site.problem(format!("source \"{source}\" is not of the form \"NNN / Section heading\"")),
            );
            return;
        };
        let Some(guide) = self.guides.iter().find(|g| g.id == guide_id.trim()) else {
            let ids: Vec<&str> = self.guides.iter().map(|g| g.id.as_ref()).collect();
            self.problems.push(site.problem(format!(
                "source \"{source}\" cites unknown guide `{guide_id}`; known guides: {}",
                ids.join(", ")
            )));
            return;
        };
        if !guide.sections.iter().any(|s| s == section.trim()) {
            let hint = did_you_mean(section, guide.sections.iter().map(|s| &**s));
            self.problems.push(site.problem(format!(
                "source \"{source}\" names no section of guide {} (\"{}\"){hint}",
                guide.id, guide.title
            )));
        }
    }
}
