//! Overrides and merging: a team pack's `overrides` laid over the entries of the packs loaded
//! before it, once every entry is in. An override gives a rule new points (a language at 0
//! loses its points) or takes an entry out, with the reason kept for reports.

use super::super::files::PackFile;
use super::{Builder, MAX_POINTS, Site};
use crate::locate;
use crate::model::Disabled;
use crate::model::raw;
use crate::suggest::did_you_mean;

/// The entry an override names, by kind and index. A rule is looked for first, so it is the
/// one an id shared across kinds (which `claim_id` reports) resolves to.
#[derive(Clone, Copy)]
enum Overridden {
    Rule(usize),
    Exclusion(usize),
    Requirement(usize),
    Caveat(usize),
}

impl Builder<'_> {
    /// The entry with this id that an override can change.
    fn overridden(&self, id: &str) -> Option<Overridden> {
        let rule = self.rules.iter().position(|r| r.id == id).map(Overridden::Rule);
        rule.or_else(|| self.exclusions.iter().position(|e| e.id == id).map(Overridden::Exclusion))
            .or_else(|| self.requirements.iter().position(|r| r.id == id).map(Overridden::Requirement))
            .or_else(|| self.caveats.iter().position(|c| c.id == id).map(Overridden::Caveat))
    }

    /// Applies one override: new points for a rule, or an entry taken out.
    pub(super) fn apply_override(&mut self, file: &PackFile, o: raw::RawOverride) {
        let site = Site {
            file: &file.name,
            id: &o.rule,
            position: locate::yaml_entry_key(&file.text, "rule", &o.rule),
        };
        if o.reason.trim().is_empty() {
            self.problems.push(site.problem("an override needs a `reason`: why the team changes this entry"));
        }
        let Some(target) = self.overridden(&o.rule) else {
            let known = self
                .rules
                .iter()
                .map(|r| r.id.as_ref())
                .chain(self.exclusions.iter().map(|e| e.id.as_ref()))
                .chain(self.requirements.iter().map(|r| r.id.as_ref()));
            let hint = did_you_mean(&o.rule, known.chain(self.caveats.iter().map(|c| c.id.as_ref())));
            let already =
                if self.disabled.iter().any(|d| d.id == o.rule) { " (it is already disabled)" } else { "" };
            self.problems
                .push(site.problem(format!("override of unknown entry `{}`{already}{hint}", o.rule)));
            return;
        };
        match (o.points, o.disable) {
            (Some(_), true) | (None, false) => {
                self.problems.push(site.problem("an override either sets `points` or says `disable: true`"));
            }
            (Some(points), false) => {
                let Overridden::Rule(i) = target else {
                    self.problems.push(site.problem(
                        "only a rule has points; requirements, exclusions and caveats can only be disabled",
                    ));
                    return;
                };
                for (id, p) in points {
                    if !p.is_finite() || p.abs() > MAX_POINTS {
                        self.problems.push(site.problem(format!(
                            "points for `{id}` must be a number between -{MAX_POINTS} and {MAX_POINTS}"
                        )));
                        continue;
                    }
                    let Some(l) = self.lang(&site, &id) else { continue };
                    let existing = self.rules[i].points.iter().position(|(lang, _)| *lang == l);
                    match (existing, p == 0.0) {
                        (Some(at), true) => {
                            self.rules[i].points.to_mut().remove(at);
                        }
                        (Some(at), false) => self.rules[i].points.to_mut()[at].1 = p,
                        (None, false) => self.rules[i].points.to_mut().push((l, p)),
                        (None, true) => {}
                    }
                }
                self.rules[i].adjusted.to_mut().push(format!("{}: {}", file.name, o.reason.trim()).into());
            }
            (None, true) => {
                let (id, kind) = match target {
                    Overridden::Rule(i) => (self.rules.remove(i).id, "rule"),
                    Overridden::Exclusion(i) => (self.exclusions.remove(i).id, "exclusion"),
                    Overridden::Requirement(i) => (self.requirements.remove(i).id, "requirement"),
                    Overridden::Caveat(i) => (self.caveats.remove(i).id, "caveat"),
                };
                self.disabled.push(Disabled {
                    id,
                    kind,
                    reason: o.reason.trim().to_string().into(),
                    by: file.name.clone().into(),
                });
            }
        }
    }
}
