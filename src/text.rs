//! Plain text that every layer writes: lines wrapped to a width, and points in words. Text from
//! packs and answers files is made safe for its destination by `crate::safe` first.

/// A number of points in words, without sign: `1 point`, `6 points`, `2.5 points`.
pub fn points_text(points: f64) -> String {
    let n = signed(points.abs());
    let n = n.trim_start_matches('+');
    if n == "1" { "1 point".to_string() } else { format!("{n} points") }
}

/// Points with their sign and unit: `+12 points`, `-1 point`.
pub fn signed_points(points: f64) -> String {
    let n = signed(points);
    if n == "+1" || n == "-1" { format!("{n} point") } else { format!("{n} points") }
}

/// Points with their sign: `+12`, `-4`, `+2.5`.
pub fn signed(points: f64) -> String {
    let body =
        if points.fract() == 0.0 { format!("{}", points.abs()) } else { format!("{:.1}", points.abs()) };
    if points < 0.0 { format!("-{body}") } else { format!("+{body}") }
}

/// Wraps `text` to `width` columns, every line starting with `indent`, the first with
/// `first` instead. Words are never split, except a word too long for any line (a long rule
/// id or path), which breaks after a `-` or `/` where it can.
pub fn wrap(text: &str, width: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_len = first.chars().count();
    let mut empty = true;
    let indent_len = indent.chars().count();
    for whole in text.split_whitespace() {
        let mut word = whole;
        loop {
            let len = word.chars().count();
            let room =
                if empty { width.saturating_sub(line_len) } else { width.saturating_sub(line_len + 1) };
            if len <= room {
                break;
            }
            // Too long for the rest of this line: break it only if it would not fit on a
            // line of its own either.
            let own_line = width.saturating_sub(indent_len);
            let cut = (len > own_line)
                .then(|| {
                    word.char_indices()
                        .filter(|&(i, c)| matches!(c, '-' | '/') && i + 1 < word.len())
                        .map(|(i, _)| i + 1)
                        .take_while(|&end| word[..end].chars().count() <= room)
                        .last()
                })
                .flatten();
            match cut {
                Some(end) => {
                    if !empty {
                        line.push(' ');
                    }
                    line.push_str(&word[..end]);
                    word = &word[end..];
                }
                None if empty => break,
                None => {}
            }
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            line_len = indent_len;
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        } else if word.starts_with("::") && line.trim().is_empty() {
            // A line of a CI log that starts with `::` is a GitHub workflow command: text
            // from a pack must never start one.
            line.push('\\');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word.chars().count();
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A list in words: `none`, `a`, `a and b`, `a, b and c`.
pub fn in_words<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => "none".into(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// A count with its noun: "1 rule", "3 rules", "2 entries".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// A string in double quotes with the quote, the backslash and every control character escaped:
/// valid JSON, a TOML basic string and a YAML double-quoted scalar, each reading back the same
/// text.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_match_what_json_writes() {
        for s in ["plain", "a \"quote\" and \\", "tab\tline\nend\r", "bell\u{7}", "é ✓"] {
            assert_eq!(quoted(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // DEL, which TOML does not allow raw in a string (JSON would keep it).
        assert_eq!(quoted("del\u{7f}"), "\"del\\u007f\"");
    }

    #[test]
    fn lists_and_counts_read_as_words() {
        assert_eq!(in_words::<&str>(&[]), "none");
        assert_eq!(in_words(&["a"]), "a");
        assert_eq!(in_words(&["a", "b", "c"]), "a, b and c");
        assert_eq!(count(1, "entry"), "1 entry");
        assert_eq!(count(2, "entry"), "2 entries");
        assert_eq!(count(0, "rule"), "0 rules");
    }

    #[test]
    fn points_show_their_sign() {
        assert_eq!(signed(12.0), "+12");
        assert_eq!(signed(-4.0), "-4");
        assert_eq!(signed(2.5), "+2.5");
        assert_eq!(signed(0.0), "+0");
    }

    #[test]
    fn wrapping_keeps_words_whole_and_indents() {
        let text = wrap("one two three four five", 12, "- ", "  ");
        assert_eq!(text, "- one two\n  three four\n  five\n");
        assert_eq!(wrap("averyveryverylongword x", 8, "", ""), "averyveryverylongword\nx\n");
        assert_eq!(
            wrap("+4 elixir-realtime-and-jobs x", 14, "", "  "),
            "+4 elixir-\n  realtime-\n  and-jobs x\n"
        );
        assert_eq!(wrap("a path/to/a/file", 12, "", ""), "a path/to/a/\nfile\n");
        assert_eq!(
            wrap("one short-word", 12, "", ""),
            "one\nshort-word\n",
            "a word that fits a line moves whole"
        );
    }
}
