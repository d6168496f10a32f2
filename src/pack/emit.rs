//! The built-in pack as Rust code: build.rs checks and builds the pack from its YAML with
//! `pack::build`, then writes the result with [`pack_code`] as static data with no pointers in
//! it: every text a range of one string, every list a range of one table per element type (see
//! `model::stored`). At run time the built-in pack is read-only data of the binary: no parsing,
//! no checks, no copy, and nothing for the loader to relocate; only its conditions are compiled
//! for scoring (`Pack::new`). Used only by build.rs; a test (`tests/pack.rs`) proves the
//! generated pack equals the one built from the YAML.
//!
//! Every model type is taken apart with an exhaustive pattern, so adding a field to one fails
//! to compile here until the field is written out too.

use crate::model::flat::Node;
use crate::model::{
    Caveat, Choice, Condition, Confirmation, Disabled, Exclusion, Group, Guide, Language, OptionSet, Origin,
    Pack, Question, Requirement, Rule, Text,
};
use std::collections::HashMap;

/// The Rust code of the built-in pack, in two parts.
#[derive(Debug)]
pub struct PackCode {
    /// The pack's text and tables, with their `Stored` implementations: included in
    /// `model::stored`, which alone makes stored texts and lists.
    pub tables: String,
    /// `fn pack() -> Pack`, which makes the pack of the tables.
    pub pack: String,
}

/// The code that makes `pack` again from static data.
pub fn pack_code(pack: &Pack) -> PackCode {
    let mut t = Tables::default();
    let parts = [
        ("languages", t.all(Table::Languages, &pack.languages, Tables::language)),
        ("questions", t.all(Table::Questions, &pack.questions, Tables::question)),
        ("rules", t.all(Table::Rules, pack.rules(), Tables::rule)),
        ("groups", t.all(Table::Groups, pack.groups(), Tables::group)),
        ("requirements", t.all(Table::Requirements, pack.requirements(), Tables::requirement)),
        ("exclusions", t.all(Table::Exclusions, &pack.exclusions, Tables::exclusion)),
        ("caveats", t.all(Table::Caveats, &pack.caveats, Tables::caveat)),
        ("guides", t.all(Table::Guides, &pack.guides, Tables::guide)),
        ("disabled", t.all(Table::Disabled, &pack.disabled, Tables::disabled)),
        ("names", t.texts(pack.names())),
    ];
    // Its conditions compiled for scoring and their readers, as `Pack::new` would find them.
    let (conditions, readers) = pack.compiled_parts();
    let (nodes, children, roots) = conditions.parts();
    let nodes = nodes.iter().map(Tables::node).collect();
    let nodes = t.push(Table::Nodes, nodes);
    let [children, roots] = [children, roots].map(|list| t.numbers(list));
    let (starts, rules) = readers.parts();
    let [starts, rules] = [starts, rules].map(|list| t.numbers(list));
    let mut code = String::new();
    code.push_str("/// The built-in pack, checked and built by build.rs from its YAML.\n");
    code.push_str("pub(super) fn pack() -> Pack {\n    let parts = Parts {\n");
    for (name, list) in parts {
        code.push_str(&format!("        {name}: {list},\n"));
    }
    code.push_str(&format!("        fingerprint: String::from({:?}),\n", pack.fingerprint));
    code.push_str("    };\n");
    code.push_str(&format!(
        "    Pack::compiled(parts, FlatConditions::stored({nodes}, {children}, {roots}), \
         Readers::stored({starts}, {rules}))\n}}\n"
    ));
    PackCode { tables: t.code(), pack: code }
}

/// The tables of the generated code, one per element type of the pack's lists.
#[derive(Debug, Clone, Copy)]
enum Table {
    Languages,
    Choices,
    Questions,
    Conditions,
    Rules,
    Points,
    Texts,
    Groups,
    Requirements,
    LangIdxs,
    Exclusions,
    Caveats,
    RuleIdxs,
    Guides,
    Disabled,
    Nodes,
    Numbers,
}

impl Table {
    const ALL: [Table; 17] = [
        Table::Languages,
        Table::Choices,
        Table::Questions,
        Table::Conditions,
        Table::Rules,
        Table::Points,
        Table::Texts,
        Table::Groups,
        Table::Requirements,
        Table::LangIdxs,
        Table::Exclusions,
        Table::Caveats,
        Table::RuleIdxs,
        Table::Guides,
        Table::Disabled,
        Table::Nodes,
        Table::Numbers,
    ];

    /// The static's name and its element type.
    fn declaration(self) -> (&'static str, &'static str) {
        match self {
            Table::Languages => ("LANGUAGES", "Language"),
            Table::Choices => ("CHOICES", "Choice"),
            Table::Questions => ("QUESTIONS", "Question"),
            Table::Conditions => ("CONDITIONS", "Condition"),
            Table::Rules => ("RULES", "Rule"),
            Table::Points => ("POINTS", "(LangIdx, f64)"),
            Table::Texts => ("TEXTS", "Text"),
            Table::Groups => ("GROUPS", "Group"),
            Table::Requirements => ("REQUIREMENTS", "Requirement"),
            Table::LangIdxs => ("LANGUAGE_INDICES", "LangIdx"),
            Table::Exclusions => ("EXCLUSIONS", "Exclusion"),
            Table::Caveats => ("CAVEATS", "Caveat"),
            Table::RuleIdxs => ("RULE_INDICES", "RuleIdx"),
            Table::Guides => ("GUIDES", "Guide"),
            Table::Disabled => ("DISABLED", "Disabled"),
            Table::Nodes => ("NODES", "Node"),
            Table::Numbers => ("NUMBERS", "u32"),
        }
    }
}

/// The pack's text (each distinct text once) and its tables, each item as the expression that
/// makes it.
#[derive(Default)]
struct Tables {
    text: String,
    text_at: HashMap<String, usize>,
    items: [Vec<String>; Table::ALL.len()],
}

impl Tables {
    /// The code of the text, the tables and their `Stored` implementations.
    fn code(&self) -> String {
        let mut code = String::from(
            "// Generated by build.rs from the built-in pack; edit the YAML, not this.\n\n\
             use crate::model::flat::Node;\n\
             use crate::model::{Caveat, Choice, Condition, Confirmation, Disabled, Exclusion, Group, \
             GroupIdx, Guide, Kind, LangIdx, Language, OptionSet, Origin, Question, QuestionIdx, \
             Requirement, Rule, RuleIdx};\n\n",
        );
        // Debug quoting of a str is a valid Rust string literal.
        code.push_str(&format!(
            "/// Every text of the built-in pack.\nconst TEXT: &str = {:?};\n\n",
            self.text
        ));
        for table in Table::ALL {
            let (name, ty) = table.declaration();
            let items = &self.items[table as usize];
            code.push_str(&format!("static {name}: [{ty}; {}] = [\n", items.len()));
            for item in items {
                code.push_str(&format!("    {item},\n"));
            }
            code.push_str("];\n\n");
            code.push_str(&format!(
                "impl Stored for {ty} {{\n    fn stored() -> &'static [Self] {{\n        &{name}\n    }}\n}}\n\n"
            ));
        }
        code
    }

    /// `items` appended to `table`, as the list of them.
    fn push(&mut self, table: Table, items: Vec<String>) -> String {
        let list = &mut self.items[table as usize];
        let start = list.len();
        list.extend(items);
        format!("List::stored({start}, {})", list.len() - start)
    }

    /// Each of `items` made with `each`, appended to `table`, as the list of them.
    fn all<T>(&mut self, table: Table, items: &[T], each: fn(&mut Tables, &T) -> String) -> String {
        let items = items.iter().map(|item| each(self, item)).collect();
        self.push(table, items)
    }

    /// A text, as its range of the pack's text.
    fn text(&mut self, text: &str) -> String {
        let start = match self.text_at.get(text) {
            Some(&start) => start,
            None => {
                let start = self.text.len();
                self.text.push_str(text);
                self.text_at.insert(text.to_string(), start);
                start
            }
        };
        format!("Text::stored({start}, {})", text.len())
    }

    fn texts(&mut self, texts: &[Text]) -> String {
        let items = texts.iter().map(|text| self.text(text)).collect();
        self.push(Table::Texts, items)
    }

    /// Numbers (node and rule indices), as a list of them.
    fn numbers(&mut self, numbers: &[u32]) -> String {
        let items = numbers.iter().map(u32::to_string).collect();
        self.push(Table::Numbers, items)
    }

    fn node(node: &Node) -> String {
        match node {
            Node::Always => "Node::Always".to_string(),
            Node::Answer { question, options } => {
                format!("Node::Answer {{ question: {question}, options: {} }}", Tables::options(options))
            }
            Node::All { start, len } => format!("Node::All {{ start: {start}, len: {len} }}"),
            Node::Any { start, len } => format!("Node::Any {{ start: {start}, len: {len} }}"),
            Node::Not(child) => format!("Node::Not({child})"),
        }
    }

    fn options(set: &OptionSet) -> String {
        let [low, high] = set.words();
        format!("OptionSet::from_words([{low:#x}, {high:#x}])")
    }

    fn condition(&mut self, condition: &Condition) -> String {
        match condition {
            Condition::Always => "Condition::Always".to_string(),
            Condition::Answer { question, options } => format!(
                "Condition::Answer {{ question: QuestionIdx::new({}), options: {} }}",
                question.get(),
                Tables::options(options)
            ),
            Condition::All(list) => {
                format!("Condition::All({})", self.all(Table::Conditions, list, Tables::condition))
            }
            Condition::Any(list) => {
                format!("Condition::Any({})", self.all(Table::Conditions, list, Tables::condition))
            }
            Condition::Not(inner) => {
                let inner = self.condition(inner);
                let conditions = &mut self.items[Table::Conditions as usize];
                conditions.push(inner);
                format!("Condition::Not(Boxed::stored({}))", conditions.len() - 1)
            }
        }
    }

    fn origin(&mut self, origin: &Origin) -> String {
        let Origin { file, line } = origin;
        format!("Origin {{ file: {}, line: {line:?} }}", self.text(file))
    }

    fn indices(&mut self, table: Table, ty: &str, indices: impl Iterator<Item = usize>) -> String {
        let items = indices.map(|i| format!("{ty}::new({i})")).collect();
        self.push(table, items)
    }

    fn language(&mut self, language: &Language) -> String {
        let Language { id, name, runtime, aliases } = language;
        format!(
            "Language {{ id: {}, name: {}, runtime: {}, aliases: {} }}",
            self.text(id),
            self.text(name),
            self.text(runtime),
            self.texts(aliases)
        )
    }

    fn choice(&mut self, choice: &Choice) -> String {
        let Choice { id, label, description } = choice;
        format!(
            "Choice {{ id: {}, label: {}, description: {} }}",
            self.text(id),
            self.text(label),
            self.text(description)
        )
    }

    fn question(&mut self, question: &Question) -> String {
        let Question {
            id,
            kind,
            title,
            statement,
            prompt,
            help,
            source,
            options,
            default,
            when,
            distinct_from,
            was_single,
            defines_the_system,
        } = question;
        format!(
            "Question {{ id: {}, kind: Kind::{kind:?}, title: {}, statement: {}, prompt: {}, help: {}, \
             source: {}, options: {}, default: {}, when: {}, distinct_from: {}, was_single: {was_single}, \
             defines_the_system: {defines_the_system} }}",
            self.text(id),
            self.text(title),
            self.text(statement),
            self.text(prompt),
            self.text(help),
            self.text(source),
            self.all(Table::Choices, options, Tables::choice),
            default
                .as_ref()
                .map_or_else(|| "None".to_string(), |set| format!("Some({})", Tables::options(set))),
            self.condition(when),
            distinct_from
                .map_or_else(|| "None".to_string(), |q| format!("Some(QuestionIdx::new({}))", q.get())),
        )
    }

    fn rule(&mut self, rule: &Rule) -> String {
        let Rule { id, when, points, reason, source, origin, adjusted, group, offsets } = rule;
        // Debug of an f64 is a float literal that reads back as the same value.
        let points = points
            .iter()
            .map(|(language, points)| format!("(LangIdx::new({}), {points:?})", language.get()))
            .collect();
        format!(
            "Rule {{ id: {}, when: {}, points: {}, reason: {}, source: {}, origin: {}, adjusted: {}, group: {}, \
             offsets: {} }}",
            self.text(id),
            self.condition(when),
            self.push(Table::Points, points),
            self.text(reason),
            self.text(source),
            self.origin(origin),
            self.texts(adjusted),
            group.map_or_else(|| "None".to_string(), |g| format!("Some(GroupIdx::new({}))", g.get())),
            self.indices(Table::RuleIdxs, "RuleIdx", offsets.iter().map(|r| r.get())),
        )
    }

    fn group(&mut self, group: &Group) -> String {
        let Group { id, fact, origin } = group;
        format!(
            "Group {{ id: {}, fact: {}, origin: {} }}",
            self.text(id),
            self.text(fact),
            self.origin(origin)
        )
    }

    fn requirement(&mut self, requirement: &Requirement) -> String {
        let Requirement { id, when, title, languages, reason, source, origin } = requirement;
        format!(
            "Requirement {{ id: {}, when: {}, title: {}, languages: {}, reason: {}, source: {}, origin: {} }}",
            self.text(id),
            self.condition(when),
            self.text(title),
            self.indices(Table::LangIdxs, "LangIdx", languages.iter().map(|l| l.get())),
            self.text(reason),
            self.text(source),
            self.origin(origin),
        )
    }

    fn exclusion(&mut self, exclusion: &Exclusion) -> String {
        let Exclusion { id, when, languages, reason, source, origin } = exclusion;
        format!(
            "Exclusion {{ id: {}, when: {}, languages: {}, reason: {}, source: {}, origin: {} }}",
            self.text(id),
            self.condition(when),
            self.indices(Table::LangIdxs, "LangIdx", languages.iter().map(|l| l.get())),
            self.text(reason),
            self.text(source),
            self.origin(origin),
        )
    }

    fn caveat(&mut self, caveat: &Caveat) -> String {
        let Caveat { id, when, languages, text, source, restates, origin } = caveat;
        format!(
            "Caveat {{ id: {}, when: {}, languages: {}, text: {}, source: {}, restates: {}, origin: {} }}",
            self.text(id),
            self.condition(when),
            self.indices(Table::LangIdxs, "LangIdx", languages.iter().map(|l| l.get())),
            self.text(text),
            self.text(source),
            self.indices(Table::RuleIdxs, "RuleIdx", restates.iter().map(|r| r.get())),
            self.origin(origin),
        )
    }

    fn guide(&mut self, guide: &Guide) -> String {
        let Guide { id, title, sections, confirmation } = guide;
        let confirmation = match confirmation {
            None => "None".to_string(),
            Some(Confirmation { section, checks }) => {
                format!(
                    "Some(Confirmation {{ section: {}, checks: {} }})",
                    self.text(section),
                    self.texts(checks)
                )
            }
        };
        format!(
            "Guide {{ id: {}, title: {}, sections: {}, confirmation: {confirmation} }}",
            self.text(id),
            self.text(title),
            self.texts(sections)
        )
    }

    fn disabled(&mut self, disabled: &Disabled) -> String {
        let Disabled { id, kind, reason, by } = disabled;
        format!(
            "Disabled {{ id: {}, kind: {kind:?}, reason: {}, by: {} }}",
            self.text(id),
            self.text(reason),
            self.text(by)
        )
    }
}
