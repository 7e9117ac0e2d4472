//! Fuzzy ranking of short lists (stages, owners, tags, time zones) with nucleo-matcher, the
//! matcher of helix and television: smart case, Unicode-normalised, best match first.
#![deny(clippy::indexing_slicing)]

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The indices of `haystacks` that match `query`, best first; ties keep the list's order. An
/// empty (or blank) query matches everything in order.
pub fn rank<S: AsRef<str>>(query: &str, haystacks: &[S]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..haystacks.len()).collect();
    }
    let pattern = Pattern::new(
        query,
        CaseMatching::Smart,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(usize, u32)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(index, text)| {
            let haystack = Utf32Str::new(text.as_ref(), &mut buffer);
            pattern
                .score(haystack, &mut matcher)
                .map(|score| (index, score))
        })
        .collect();
    // A stable sort keeps equal scores in list order (configured pipeline order, say).
    scored.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(index, _)| index).collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn best_match_first_and_blank_matches_all() {
        let items = ["New Lead", "Qualified", "Proposal", "Closed Won"];
        assert_eq!(rank("", &items), vec![0, 1, 2, 3]);
        assert_eq!(rank("qual", &items).first(), Some(&1));
        assert!(rank("zzz", &items).is_empty());
        assert_eq!(rank("cw", &items), vec![3]);
    }
}
