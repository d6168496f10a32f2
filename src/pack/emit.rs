//! The built-in pack as Rust code: build.rs checks and builds the pack from its YAML with
//! `pack::build`, then writes the result with [`pack_code`] as static data (`static RULES:
//! &[Rule] = &[...]`), so that at run time the built-in pack is borrowed from the binary, with
//! no parsing, no checks and no copy; only its conditions are compiled for scoring
//! (`Pack::new`). Used only by build.rs;
//! a test (`tests/pack.rs`) proves the generated pack equals the one built from the YAML.
//!
//! Every model type is taken apart with an exhaustive pattern, so adding a field to one fails
//! to compile here until the field is written out too.

use crate::model::{
    Caveat, Choice, Condition, Confirmation, Disabled, Exclusion, Group, Guide, Language, OptionSet, Origin,
    Pack, Question, Requirement, Rule,
};

/// Rust source defining `fn pack() -> Pack`, which makes `pack` again from static data.
pub fn pack_code(pack: &Pack) -> String {
    let mut code = Code(String::new());
    code.line("/// The built-in pack, checked and built by build.rs from its YAML.");
    code.line("pub(super) fn pack() -> Pack {");
    code.line("    Pack::new(Parts {");
    for name in [
        "languages",
        "questions",
        "rules",
        "groups",
        "requirements",
        "exclusions",
        "caveats",
        "guides",
        "disabled",
        "names",
    ] {
        code.line(&format!("        {name}: List::Borrowed({}),", name.to_uppercase()));
    }
    code.line(&format!("        fingerprint: String::from({:?}),", pack.fingerprint));
    code.line("    })");
    code.line("}");
    code.line("");
    // Nested lists are written `Cow::Borrowed(&[..])`: through the `List` alias the array
    // would be a temporary, not static data.
    code.line("/// Text borrowed from the binary: the built-in pack copies none of its text at start.");
    code.line("const fn s(text: &'static str) -> Text {");
    code.line("    Text::Borrowed(text)");
    code.line("}");
    code.line("");
    code.list("LANGUAGES", "Language", &pack.languages, Code::language);
    code.list("QUESTIONS", "Question", &pack.questions, Code::question);
    code.list("RULES", "Rule", pack.rules(), Code::rule);
    code.list("GROUPS", "Group", pack.groups(), Code::group);
    code.list("REQUIREMENTS", "Requirement", pack.requirements(), Code::requirement);
    code.list("EXCLUSIONS", "Exclusion", &pack.exclusions, Code::exclusion);
    code.list("CAVEATS", "Caveat", &pack.caveats, Code::caveat);
    code.list("GUIDES", "Guide", &pack.guides, Code::guide);
    code.list("DISABLED", "Disabled", &pack.disabled, Code::disabled);
    code.list("NAMES", "Text", pack.names(), |code, name| code.put(format_args!("s({:?})", name.as_ref())));
    code.0
}

/// Generated code, written expression by expression.
struct Code(String);

impl Code {
    fn line(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push('\n');
    }

    /// `static NAME: &[Type]` holding `items`.
    fn list<T>(&mut self, name: &str, ty: &str, items: &[T], each: fn(&mut Code, &T)) {
        self.line(&format!("static {name}: &[{ty}] = &["));
        for item in items {
            self.0.push_str("    ");
            each(self, item);
            self.0.push_str(",\n");
        }
        self.line("];");
        self.line("");
    }

    fn put(&mut self, args: std::fmt::Arguments<'_>) {
        self.0.push_str(&std::fmt::format(args));
    }

    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// A `String` field.
    fn text(&mut self, field: &str, value: &str) {
        // Debug quoting of a str is a valid Rust string literal.
        self.put(format_args!("{field}: s({value:?}), "));
    }

    fn texts(&mut self, field: &str, values: &[impl AsRef<str>]) {
        self.put(format_args!("{field}: Cow::Borrowed(&["));
        for value in values {
            self.put(format_args!("s({:?}), ", value.as_ref()));
        }
        self.0.push_str("]), ");
    }

    fn index(&mut self, field: &str, ty: &str, values: impl Iterator<Item = usize>) {
        self.put(format_args!("{field}: Cow::Borrowed(&["));
        for value in values {
            self.put(format_args!("{ty}::new({value}), "));
        }
        self.0.push_str("]), ");
    }

    fn options(&mut self, set: &OptionSet) {
        let [low, high] = set.words();
        self.put(format_args!("OptionSet::from_words([{low:#x}, {high:#x}])"));
    }

    fn condition(&mut self, condition: &Condition) {
        match condition {
            Condition::Always => self.raw("Condition::Always"),
            Condition::Answer { question, options } => {
                self.put(format_args!(
                    "Condition::Answer {{ question: QuestionIdx::new({}), options: ",
                    question.get()
                ));
                self.options(options);
                self.raw(" }");
            }
            Condition::All(list) | Condition::Any(list) => {
                self.raw(if matches!(condition, Condition::All(_)) {
                    "Condition::All(Cow::Borrowed(&["
                } else {
                    "Condition::Any(Cow::Borrowed(&["
                });
                for c in list.iter() {
                    self.condition(c);
                    self.raw(", ");
                }
                self.raw("]))");
            }
            Condition::Not(inner) => {
                self.raw("Condition::Not(Boxed::Static(&");
                self.condition(inner);
                self.raw("))");
            }
        }
    }

    fn when(&mut self, when: &Condition) {
        self.raw("when: ");
        self.condition(when);
        self.raw(", ");
    }

    fn origin(&mut self, origin: &Origin) {
        let Origin { file, line } = origin;
        self.put(format_args!("origin: Origin {{ file: s({file:?}), line: {line:?} }}, "));
    }

    fn language(&mut self, language: &Language) {
        let Language { id, name, runtime, aliases } = language;
        self.raw("Language { ");
        self.text("id", id);
        self.text("name", name);
        self.text("runtime", runtime);
        self.texts("aliases", aliases);
        self.raw("}");
    }

    fn choice(&mut self, choice: &Choice) {
        let Choice { id, label, description } = choice;
        self.raw("Choice { ");
        self.text("id", id);
        self.text("label", label);
        self.text("description", description);
        self.raw("}, ");
    }

    fn question(&mut self, question: &Question) {
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
        self.raw("Question { ");
        self.text("id", id);
        self.put(format_args!("kind: Kind::{kind:?}, "));
        for (field, value) in [("title", title), ("statement", statement), ("prompt", prompt), ("help", help)]
        {
            self.text(field, value);
        }
        self.text("source", source);
        self.raw("options: Cow::Borrowed(&[");
        options.iter().for_each(|o| self.choice(o));
        self.raw("]), default: ");
        match default {
            Some(set) => {
                self.raw("Some(");
                self.options(set);
                self.raw("), ");
            }
            None => self.raw("None, "),
        }
        self.when(when);
        match distinct_from {
            Some(q) => self.raw(&format!("distinct_from: Some(QuestionIdx::new({})), ", q.get())),
            None => self.raw("distinct_from: None, "),
        }
        self.put(format_args!("was_single: {was_single}, defines_the_system: {defines_the_system} }}"));
    }

    fn rule(&mut self, rule: &Rule) {
        let Rule { id, when, points, reason, source, origin, adjusted, group, offsets } = rule;
        self.raw("Rule { ");
        self.text("id", id);
        self.when(when);
        self.raw("points: Cow::Borrowed(&[");
        for (language, points) in points.iter() {
            // Debug of an f64 is a float literal that reads back as the same value.
            self.put(format_args!("(LangIdx::new({}), {points:?}), ", language.get()));
        }
        self.raw("]), ");
        self.text("reason", reason);
        self.text("source", source);
        self.origin(origin);
        self.texts("adjusted", adjusted);
        match group {
            Some(g) => self.raw(&format!("group: Some(GroupIdx::new({})), ", g.get())),
            None => self.raw("group: None, "),
        }
        self.index("offsets", "RuleIdx", offsets.iter().map(|r| r.get()));
        self.raw("}");
    }

    fn group(&mut self, group: &Group) {
        let Group { id, fact, origin } = group;
        self.raw("Group { ");
        self.text("id", id);
        self.text("fact", fact);
        self.origin(origin);
        self.raw("}");
    }

    fn requirement(&mut self, requirement: &Requirement) {
        let Requirement { id, when, title, languages, reason, source, origin } = requirement;
        self.raw("Requirement { ");
        self.text("id", id);
        self.when(when);
        self.text("title", title);
        self.index("languages", "LangIdx", languages.iter().map(|l| l.get()));
        self.text("reason", reason);
        self.text("source", source);
        self.origin(origin);
        self.raw("}");
    }

    fn exclusion(&mut self, exclusion: &Exclusion) {
        let Exclusion { id, when, languages, reason, source, origin } = exclusion;
        self.raw("Exclusion { ");
        self.text("id", id);
        self.when(when);
        self.index("languages", "LangIdx", languages.iter().map(|l| l.get()));
        self.text("reason", reason);
        self.text("source", source);
        self.origin(origin);
        self.raw("}");
    }

    fn caveat(&mut self, caveat: &Caveat) {
        let Caveat { id, when, languages, text, source, restates, origin } = caveat;
        self.raw("Caveat { ");
        self.text("id", id);
        self.when(when);
        self.index("languages", "LangIdx", languages.iter().map(|l| l.get()));
        self.text("text", text);
        self.text("source", source);
        self.index("restates", "RuleIdx", restates.iter().map(|r| r.get()));
        self.origin(origin);
        self.raw("}");
    }

    fn guide(&mut self, guide: &Guide) {
        let Guide { id, title, sections, confirmation } = guide;
        self.raw("Guide { ");
        self.text("id", id);
        self.text("title", title);
        self.texts("sections", sections);
        match confirmation {
            None => self.raw("confirmation: None, "),
            Some(Confirmation { section, checks }) => {
                self.raw("confirmation: Some(Confirmation { ");
                self.text("section", section);
                self.texts("checks", checks);
                self.raw("}), ");
            }
        }
        self.raw("}");
    }

    fn disabled(&mut self, disabled: &Disabled) {
        let Disabled { id, kind, reason, by } = disabled;
        self.raw("Disabled { ");
        self.text("id", id);
        self.put(format_args!("kind: {kind:?}, "));
        self.text("reason", reason);
        self.text("by", by);
        self.raw("}");
    }
}
