//! Text from packs and answers files is untrusted: this module makes it safe for the place it
//! goes, and every renderer uses it.
//!
//! - Terminals and CI logs ([`line()`], [`message`], [`path`]): control characters (escape
//!   sequences, carriage returns, newlines that could start a GitHub workflow command) and
//!   Unicode direction overrides are shown as visible escapes (`\x1b`, `\n`, `\u{202e}`).
//! - Error messages ([`message`]) also cut any quoted value longer than 60 characters, so a
//!   parser that quotes a whole file cannot echo it.
//! - Markdown ([`markdown`], [`fence`], [`mermaid`]): raw HTML, links, emphasis, code spans and
//!   table cells are escaped, so the text renders as the words it is and nothing else.
//!
//! Packs also refuse control characters at load (`pack::build`), and answers files refuse them
//! in their strings, so these escapes are a second line of defence for what passes.

use std::borrow::Cow;
use std::path::Path;

/// Whether a character must not reach a terminal as it is: C0 and C1 controls, DEL, and the
/// bidirectional overrides that make text display in another order than it reads.
pub fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// What makes a text unfit for one line of a terminal, a record or a CI log, if anything: the
/// first control character (or direction override), or the `##[` marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// A control character or a direction override.
    Control(char),
    /// GitHub's older workflow-command marker.
    LegacyCommand,
}

/// The first thing that makes `text` unfit for one line, in one pass (pack loading checks every
/// text of every entry with it).
pub fn unfit(text: &str) -> Option<Unfit> {
    let bytes = text.as_bytes();
    // Plain printable ASCII without `#` is fit: one fast scan settles most texts.
    if !bytes.iter().any(|&b| !(0x20..0x7f).contains(&b) || b == b'#') {
        return None;
    }
    for (i, c) in text.char_indices() {
        if unsafe_char(c) {
            return Some(Unfit::Control(c));
        }
        if c == '#' && bytes.get(i + 1) == Some(&b'#') && bytes.get(i + 2) == Some(&b'[') {
            return Some(Unfit::LegacyCommand);
        }
    }
    None
}

/// The marker of GitHub's older workflow-command syntax, which a runner finds anywhere in a
/// line of a log.
pub const LEGACY_COMMAND: &str = "##[";

/// One line of text for a terminal or a log: every control character escaped visibly, and
/// `##[` broken (`#\#[`) so no log line runs a workflow command.
pub fn line(text: &str) -> Cow<'_, str> {
    if text.contains(LEGACY_COMMAND) {
        return Cow::Owned(line(&text.replace(LEGACY_COMMAND, "#\\#[")).into_owned());
    }
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if unsafe_char(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text of several lines for a terminal: each line made safe, the line breaks kept.
pub fn lines(text: &str) -> Cow<'_, str> {
    if !text.contains(LEGACY_COMMAND) && !text.chars().any(|c| c != '\n' && unsafe_char(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(line).collect::<Vec<_>>().join("\n"))
}

/// A file name as a message starts with it: one line, at most 200 characters.
pub fn name(text: &str) -> String {
    clip(&line(text), 200).into_owned()
}

/// A value as a message echoes it: one line, at most 60 characters.
pub fn echo(text: &str) -> String {
    clip(&line(text), ECHO).into_owned()
}

/// A path as messages show it.
pub fn path(path: &Path) -> String {
    line(&path.display().to_string()).into_owned()
}

/// The longest quoted value an error message echoes.
const ECHO: usize = 60;

/// An error message for a terminal or a CI log: control characters escaped, line breaks kept
/// but every line after the first indented (so no line of it can start a GitHub workflow
/// command), and any quoted value (`"..."` or `` `...` ``) longer than 60 characters cut
/// with `…`.
pub fn message(text: &str) -> String {
    let escaped = lines(text).replace('\n', "\n  ");
    let mut out = String::with_capacity(escaped.len().min(4096));
    let mut rest: &str = &escaped;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&rest[..=start]);
        let body = &rest[start + 1..];
        let Some(end) = body.find(quote) else {
            out.push_str(&clip(body, ECHO));
            return out;
        };
        out.push_str(&clip(&body[..end], ECHO));
        out.push(quote);
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

/// At most `limit` characters, `…` marking a cut.
fn clip(text: &str, limit: usize) -> Cow<'_, str> {
    if text.chars().count() <= limit {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("{}…", text.chars().take(limit - 1).collect::<String>()))
    }
}

/// Inline Markdown: the text renders as its own words. HTML (`<`, `&`), links (`[`, `]`),
/// emphasis (`*`, `_`), code spans (`` ` ``), table cells (`|`) and backslashes are escaped;
/// line breaks become spaces (so no line of it can start a heading, a list or a fence), and a
/// leading `#`, `>`, `-`, `+`, `=` or `N.` cannot start a block either.
pub fn markdown(text: &str) -> Cow<'_, str> {
    let special =
        |c: char| matches!(c, '<' | '>' | '&' | '[' | ']' | '*' | '_' | '`' | '|' | '\\') || unsafe_char(c);
    let opens_block = text.starts_with(['#', '>', '-', '+', '=', '~'])
        || text.split_once('.').is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !text.chars().any(special) && !opens_block {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    if opens_block {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if unsafe_char(c) => {}
            '[' | ']' | '*' | '_' | '`' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A code fence for `content`: backticks, one more than the longest run of backticks in it (and
/// at least three), so no line of the content can close it.
pub fn fence(content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// A Markdown code span showing `text` as it is: delimited by more backticks than any run in it
/// (padded with spaces when it starts or ends with one), on one line.
pub fn code_span(text: &str) -> String {
    let text = line(text).into_owned();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

/// A relative path as a Markdown link destination: anything but letters, digits and `-._~/`
/// percent-encoded, so spaces, parentheses and angle brackets cannot end or change the link.
pub fn link_target(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A label inside a quoted Mermaid string, from text already escaped by [`markdown`] (a code
/// block shows Markdown escapes literally, so they are undone): quotes, backticks and angle
/// brackets as Mermaid entities, controls dropped.
pub fn mermaid(text: &str) -> String {
    let plain = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let mut out = String::with_capacity(plain.len());
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {}
            '"' => out.push_str("#quot;"),
            '`' => out.push_str("#96;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            c if unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_see_escapes_not_controls() {
        assert_eq!(line("plain"), "plain");
        assert_eq!(line("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(line("x\n::error::pwn\r"), "x\\n::error::pwn\\r");
        assert_eq!(line("\u{9b}31m \u{202e}"), "\\x9b31m \\u{202e}");
        assert_eq!(line("a ##[add-mask]b"), "a #\\#[add-mask]b");
        assert_eq!(lines("one\ntwo\u{7}"), "one\ntwo\\x07");
        assert_eq!(message("unknown option \"##[add-mask]x\""), "unknown option \"#\\#[add-mask]x\"");
    }

    #[test]
    fn messages_cut_long_quoted_values() {
        let long = "k".repeat(500);
        let text = message(&format!("invalid type: string \"{long}\", expected a map"));
        assert!(text.len() < 120, "{text}");
        assert!(
            text.starts_with("invalid type: string \"kkk") && text.ends_with("…\", expected a map"),
            "{text}"
        );
        assert_eq!(message("unknown option `x` for `shape`"), "unknown option `x` for `shape`");
        assert_eq!(message("first\n::error::pwn"), "first\n  ::error::pwn");
        let open = message(&format!("value \"{long}"));
        assert!(open.chars().count() < 80, "{open}");
    }

    #[test]
    fn markdown_renders_as_words() {
        assert_eq!(markdown("Go is fine"), "Go is fine");
        assert_eq!(markdown("C# and I/O-bound"), "C# and I/O-bound");
        assert_eq!(markdown("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(markdown("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(markdown("# Fake heading"), "\\# Fake heading");
        assert_eq!(markdown("a\n---\nb"), "a --- b");
        assert_eq!(markdown("1. not a list"), "\\1. not a list");
        assert_eq!(markdown("a | b"), "a \\| b");
    }

    #[test]
    fn unfit_text_is_found_in_one_pass() {
        assert_eq!(unfit("plain text, C# and I/O"), None);
        assert_eq!(unfit("caf\u{e9} \u{2014} fine"), None);
        assert_eq!(unfit("a\u{1b}[2J"), Some(Unfit::Control('\u{1b}')));
        assert_eq!(unfit("x \u{202e}y"), Some(Unfit::Control('\u{202e}')));
        assert_eq!(unfit("x ##[warning]y"), Some(Unfit::LegacyCommand));
        assert_eq!(unfit("# heading"), None);
    }

    #[test]
    fn fences_outlast_the_content() {
        assert_eq!(fence("no ticks"), "```");
        assert_eq!(fence("a\n```\nb"), "````");
        assert_eq!(fence("`````"), "``````");
    }

    #[test]
    fn code_spans_and_links_hold_any_text() {
        assert_eq!(code_span("advisor.toml"), "`advisor.toml`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(link_target("0001-a b(c).md"), "0001-a%20b%28c%29.md");
    }

    #[test]
    fn mermaid_labels_keep_their_quotes_closed() {
        assert_eq!(mermaid("C# \"x\""), "C# #quot;x#quot;");
        assert_eq!(mermaid(&markdown("a `b` <c> | d")), "a #96;b#96; #lt;c#gt; | d");
    }
}
