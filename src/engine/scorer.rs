//! The rules compiled for scoring: every condition flattened into one array of nodes and
//! every rule's points into another, so that scoring is one sequential scan over contiguous
//! memory whatever the size of the pack. Built once when a pack is loaded.

use crate::model::{Answers, Condition, LangIdx, OptionSet, Rule};

/// One node of a flattened condition.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Always,
    Answer {
        question: u32,
        options: OptionSet,
    },
    /// Every child in `children[start..start + len]` holds.
    All {
        start: u32,
        len: u32,
    },
    /// At least one child holds.
    Any {
        start: u32,
        len: u32,
    },
    Not(u32),
}

/// One rule: its condition's root node and its points' range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    node: u32,
    points: (u32, u32),
}

/// The rules of a pack, flattened for scoring. Rule `i` here is `pack.rules[i]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scorer {
    nodes: Vec<Node>,
    children: Vec<u32>,
    entries: Vec<Entry>,
    points: Vec<(LangIdx, f64)>,
}

fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Scorer {
    /// Compiles the rules, in order.
    pub fn new(rules: &[Rule]) -> Self {
        let mut scorer = Scorer::default();
        for rule in rules {
            let node = scorer.compile(&rule.when);
            let start = index(scorer.points.len());
            scorer.points.extend(rule.points.iter().copied());
            scorer.entries.push(Entry { node, points: (start, index(scorer.points.len())) });
        }
        scorer
    }

    fn compile(&mut self, condition: &Condition) -> u32 {
        let node = match condition {
            Condition::Always => Node::Always,
            Condition::Answer { question, options } => {
                Node::Answer { question: index(*question), options: *options }
            }
            Condition::All(list) | Condition::Any(list) => {
                let kids: Vec<u32> = list.iter().map(|c| self.compile(c)).collect();
                let start = index(self.children.len());
                self.children.extend(kids);
                let len = index(list.len());
                if matches!(condition, Condition::All(_)) {
                    Node::All { start, len }
                } else {
                    Node::Any { start, len }
                }
            }
            Condition::Not(inner) => Node::Not(self.compile(inner)),
        };
        self.nodes.push(node);
        index(self.nodes.len() - 1)
    }

    fn holds(&self, node: u32, answers: &Answers) -> bool {
        match self.nodes[node as usize] {
            Node::Always => true,
            Node::Answer { question, options } => answers.get(question as usize).intersects(&options),
            Node::All { start, len } => {
                self.children[start as usize..(start + len) as usize].iter().all(|&c| self.holds(c, answers))
            }
            Node::Any { start, len } => {
                self.children[start as usize..(start + len) as usize].iter().any(|&c| self.holds(c, answers))
            }
            Node::Not(c) => !self.holds(c, answers),
        }
    }

    /// The rules that fire, in order: `(rule index, its points)`.
    pub fn fired<'s>(
        &'s self,
        answers: &'s Answers,
    ) -> impl Iterator<Item = (usize, &'s [(LangIdx, f64)])> + 's {
        self.entries.iter().enumerate().filter(|(_, e)| self.holds(e.node, answers)).map(|(i, e)| {
            let (start, end) = e.points;
            (i, &self.points[start as usize..end as usize])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn rule(when: Condition, points: Vec<(LangIdx, f64)>) -> Rule {
        Rule {
            id: "r".into(),
            when,
            points,
            reason: String::new(),
            source: String::new(),
            origin: Origin { file: String::new(), line: None },
            adjusted: Vec::new(),
        }
    }

    #[test]
    fn compiled_conditions_agree_with_the_condition_tree() {
        let is = |q: usize, o: usize| Condition::Answer { question: q, options: OptionSet::single(o) };
        let conditions = [
            Condition::Always,
            is(0, 1),
            Condition::All(vec![is(0, 1), is(1, 0)]),
            Condition::Any(vec![is(0, 0), Condition::Not(Box::new(is(1, 1)))]),
            Condition::Not(Box::new(Condition::All(vec![
                is(0, 1),
                Condition::Any(vec![is(1, 0), is(1, 1)]),
            ]))),
        ];
        let rules: Vec<Rule> = conditions.iter().cloned().map(|c| rule(c, vec![(0, 1.0)])).collect();
        let scorer = Scorer::new(&rules);
        for a in 0..2 {
            for b in 0..2 {
                let answers = Answers::new(vec![OptionSet::single(a), OptionSet::single(b)]);
                let fired: Vec<usize> = scorer.fired(&answers).map(|(i, _)| i).collect();
                let expected: Vec<usize> =
                    (0..rules.len()).filter(|&i| rules[i].when.holds(&answers)).collect();
                assert_eq!(fired, expected, "answers {a}, {b}");
            }
        }
    }
}
