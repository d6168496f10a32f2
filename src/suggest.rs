//! "Did you mean ...?": the nearest valid id to a mistyped one. (What people call a language
//! is the pack's data: see `model::language_hint`.)

/// Edit distance between two strings in characters, counting a swap of two neighbours as
/// one edit (optimal string alignment), since `rsut` for `rust` is one slip of the fingers.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// A value as it may be echoed in a message: control characters escaped, at most 60
/// characters, `…` marking a cut.
pub fn shorten(text: &str) -> String {
    crate::safe::echo(text)
}

/// The candidate closest to `wrong`, if it is close enough to be a likely typo
/// (or `wrong` is a prefix of it, as in `realtime` for `realtime_fanout`).
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate_lower = candidate.to_lowercase();
        let d = if candidate_lower.starts_with(&wrong_lower) && wrong_lower.len() >= 3 {
            0
        } else {
            distance(&wrong_lower, &candidate_lower)
        };
        let limit = (candidate.chars().count().max(wrong.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// ` (did you mean "x"?)` or nothing.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    if wrong.len() > 200 {
        return String::new();
    }
    nearest(wrong, candidates).map_or_else(String::new, |c| format!(" (did you mean \"{c}\"?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_prefixes_but_not_unrelated_words() {
        let ids = ["request_response", "realtime_fanout", "idle_connections"];
        assert_eq!(nearest("realtime_fanot", ids), Some("realtime_fanout"));
        assert_eq!(nearest("Request_Response", ids), Some("request_response"));
        assert_eq!(nearest("realtime", ids), Some("realtime_fanout"));
        assert_eq!(nearest("banana", ids), None);
        // Aliases are the pack's (`model::language_hint`): here `golang` is just far from `go`.
        assert_eq!(did_you_mean("golang", ["go", "rust"]), "");
        assert_eq!(did_you_mean("rsut", ["go", "rust"]), " (did you mean \"rust\"?)");
        assert_eq!(nearest("go sectoin", ["Intro", "Go Section"]), Some("Go Section"));
    }
}
