//! Links between entries, resolved once every file is loaded and the overrides have applied
//! (they may name entries of any file): a rule's `group` and `offsets`, a caveat's `restates`,
//! and the promises they make (a group restates one fact, an offset only cancels penalties, a
//! restated rule takes points from a language the caveat is for).

use super::{Builder, Links, PlacedGroup, Site};
use crate::error::Diagnostic;
use crate::model::{GroupIdx, Rule, RuleIdx};
use crate::suggest::did_you_mean;
use std::collections::HashMap;

impl Builder<'_> {
    /// Resolves every rule's `group` and `offsets`, and checks what they promise: a group's
    /// rules give each language points of one sign (they restate one fact), and an offset is
    /// a bonus that can only cancel penalties of that language.
    pub(super) fn resolve_groups_and_offsets(&mut self) {
        let links = std::mem::take(&mut self.links);
        let position: HashMap<String, usize> =
            self.rules.iter().enumerate().map(|(i, r)| (r.id.to_string(), i)).collect();
        // In pack order, so problems come out in the order the rules are written.
        let mut linked: Vec<(usize, &String, &Links)> =
            links.iter().filter_map(|(id, link)| position.get(id).map(|&i| (i, id, link))).collect();
        linked.sort_by_key(|(i, _, _)| *i);
        for (i, id, link) in linked {
            let site = Site { file: &link.file, id, position: link.position };
            if let Some(name) = &link.group {
                self.resolve_group(&site, i, name, !link.offsets.is_empty());
            }
            self.resolve_offsets(&site, i, &link.offsets, &position, &links);
            if !link.offsets.is_empty() {
                self.check_offset_points(&site, i);
            }
        }
        for g in 0..self.groups.len() {
            self.check_group(g);
        }
    }

    /// Puts rule `i` in the group `name` names; a rule with `offsets` too (`offsets`) is a
    /// problem, since it either restates a fact or offsets penalties.
    fn resolve_group(&mut self, site: &Site<'_>, i: usize, name: &str, offsets: bool) {
        match self.groups.iter().position(|g| g.group.id == name) {
            Some(g) => self.rules[i].group = Some(GroupIdx::new(g)),
            None => {
                let hint = did_you_mean(name, self.groups.iter().map(|g| g.group.id.as_ref()));
                self.problems.push(
                    site.problem(format!("`group` names `{name}`, which no `groups:` entry defines{hint}")),
                );
            }
        }
        if offsets {
            self.problems.push(site.problem(
                "a rule either restates a fact (`group`) or offsets penalties (`offsets`), not both",
            ));
        }
    }

    /// Resolves rule `i`'s `offsets` (`names`) by the rules' `position`s: each names a known
    /// rule that offsets nothing itself (`links` holds every rule's links).
    fn resolve_offsets(
        &mut self,
        site: &Site<'_>,
        i: usize,
        names: &[String],
        position: &HashMap<String, usize>,
        links: &HashMap<String, Links>,
    ) {
        for name in names {
            let Some(&o) = position.get(name) else {
                let hint = did_you_mean(name, self.rules.iter().map(|r| r.id.as_ref()));
                let gone = if self.disabled.iter().any(|d| &d.id == name) {
                    " (a team pack disabled it)"
                } else {
                    ""
                };
                self.problems
                    .push(site.problem(format!("`offsets` names unknown rule `{name}`{gone}{hint}")));
                continue;
            };
            if links.get(name).is_some_and(|l| !l.offsets.is_empty()) {
                self.problems.push(site.problem(format!(
                    "`offsets` names `{name}`, which offsets penalties itself; offsets do not chain"
                )));
                continue;
            }
            self.rules[i].offsets.to_mut().push(RuleIdx::new(o));
        }
    }

    /// Checks rule `i`, which has `offsets`: its points are positive, and each goes to a
    /// language a rule it offsets takes points from.
    fn check_offset_points(&mut self, site: &Site<'_>, i: usize) {
        for &(l, p) in self.rules[i].points.iter() {
            let lang = &self.languages[l].id;
            if p < 0.0 {
                self.problems.push(site.problem(format!(
                    "a rule with `offsets` cancels penalties, so its points are positive; `{lang}` has {p}"
                )));
            } else if !self.rules[i]
                .offsets
                .iter()
                .any(|o| self.rules[o.get()].points.iter().any(|&(ol, op)| ol == l && op < 0.0))
            {
                self.problems.push(site.problem(format!(
                    "`{lang}` gets points here but no rule in `offsets` takes points from `{lang}`, so they could never count"
                )));
            }
        }
    }

    /// Checks group `g`: it holds two or more rules, and they give each language points of one
    /// sign, since they restate one fact.
    fn check_group(&mut self, g: usize) {
        let PlacedGroup { group, position } = &self.groups[g];
        let members: Vec<&Rule> = self.rules.iter().filter(|r| r.group == Some(GroupIdx::new(g))).collect();
        let problem = |message: String| {
            Diagnostic::new(&*group.origin.file, message).at(*position).in_entry(&*group.id)
        };
        if members.len() < 2 {
            let problem = problem(format!(
                "group `{}` has only {} rule{}; a group holds two or more rules that restate one fact",
                group.id,
                members.len(),
                if members.len() == 1 { "" } else { "s" }
            ));
            self.problems.push(problem);
        }
        for (l, language) in self.languages.iter().enumerate() {
            let signs: Vec<(&str, f64)> = members
                .iter()
                .flat_map(|r| {
                    r.points.iter().filter(|(lang, _)| lang.get() == l).map(|(_, p)| (r.id.as_ref(), *p))
                })
                .collect();
            if let (Some(pos), Some(neg)) =
                (signs.iter().find(|(_, p)| *p > 0.0), signs.iter().find(|(_, p)| *p < 0.0))
            {
                self.problems.push(problem(format!(
                    "group `{}` restates one fact, but `{}` gives {} {:+} and `{}` gives it {:+}; split the group",
                    group.id, pos.0, language.id, pos.1, neg.0, neg.1
                )));
            }
        }
    }

    /// Resolves every caveat's `restates`, and checks what it promises: each named rule exists
    /// (one a team pack disabled is dropped) and takes points from a language the caveat is
    /// shown for, since the two are then shown as one con.
    pub(super) fn resolve_restates(&mut self) {
        let restates_of = std::mem::take(&mut self.restates);
        for c in 0..self.caveats.len() {
            let Some(link) = restates_of.get(&*self.caveats[c].id) else { continue };
            let site = Site { file: &link.file, id: &self.caveats[c].id, position: link.position };
            let mut restates = Vec::new();
            for name in &link.rules {
                let Some(r) = self.rules.iter().position(|r| &r.id == name) else {
                    if !self.disabled.iter().any(|d| &d.id == name) {
                        let hint = did_you_mean(name, self.rules.iter().map(|r| r.id.as_ref()));
                        self.problems
                            .push(site.problem(format!("`restates` names unknown rule `{name}`{hint}")));
                    }
                    continue;
                };
                let caveat = &self.caveats[c];
                let restated =
                    self.rules[r].points.iter().any(|(l, p)| *p < 0.0 && caveat.languages.contains(l));
                if !restated && !self.rules[r].adjusted.is_empty() {
                    // A team pack changed the rule's points: the two are no longer one con.
                    continue;
                }
                if !restated {
                    self.problems.push(site.problem(format!(
                        "`restates` names `{name}`, which takes no points from a language this caveat is for; a caveat restates a penalty"
                    )));
                    continue;
                }
                restates.push(RuleIdx::new(r));
            }
            self.caveats[c].restates = restates.into();
        }
    }
}
