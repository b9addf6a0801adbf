//! What unfilled template text looks like.
//!
//! Lives beside the model rather than in the validator because the model
//! needs it too: a typed field (a date, yes/no) that still holds its
//! template's prompt must load, so the validator can report it with its path,
//! instead of failing the whole file as malformed.

use std::sync::OnceLock;

/// A piece of template text found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The matched text, as written.
    pub text: String,
    /// What kind of leftover it is, phrased for a clerk.
    pub kind: &'static str,
}

const ALTERNATIVES: &[&str] = &[
    "yes/no",
    "no/yes",
    "public/private",
    "private/public",
    "open/exempt",
    "exempt/open",
    "key/non-key",
    "is/is not",
    "will/will not",
    "ward/wards",
];

const TOKENS: &[(&str, &str)] = &[
    ("TBC", "a \"to be confirmed\" marker"),
    ("TBA", "a \"to be announced\" marker"),
    ("XX", "an XX placeholder"),
    ("XXX", "an XX placeholder"),
    ("XXXX", "an XX placeholder"),
    ("MERGEFIELD", "mail-merge field residue"),
    ("(X)", "an (X) placeholder"),
];

/// Finds the first piece of unfilled template text in `s`.
pub fn find(s: &str) -> Option<Found> {
    if let Some(found) = bracketed_prompt(s) {
        return Some(found);
    }
    // Every alternative has a slash; most text has none, and lower-casing
    // every string of a report just to look is a measurable share of a check.
    if s.contains('/') {
        let lower = s.to_lowercase();
        for alt in ALTERNATIVES {
            if let Some(at) = find_word(&lower, alt) {
                return Some(Found {
                    text: s.get(at..at + alt.len()).unwrap_or(alt).to_string(),
                    kind: "alternatives left as typed (choose one)",
                });
            }
        }
    }
    if let Some(at) = s.find("{{") {
        if s[at..].contains("}}") {
            let end = at + s[at..].find("}}").unwrap_or(0) + 2;
            return Some(Found {
                text: s[at..end].to_string(),
                kind: "template field residue",
            });
        }
    }
    if let Some(at) = s.find("FIELD_") {
        let end = s[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(s.len(), |n| at + n);
        return Some(Found {
            text: s[at..end].to_string(),
            kind: "merge-field residue",
        });
    }
    if let Some(found) = agenda_item_tag(s) {
        return Some(found);
    }
    if let Some(found) = x_placeholder(s) {
        return Some(found);
    }
    token(s)
}

/// The earliest-listed of [`TOKENS`] standing as a word of its own, found in
/// one pass over `s` rather than one per token.
fn token(s: &str) -> Option<Found> {
    static SEARCH: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let search = SEARCH.get_or_init(|| {
        // A fixed list of short literals: building cannot fail.
        aho_corasick::AhoCorasick::new(TOKENS.iter().map(|(t, _)| t)).expect("tokens compile")
    });
    let (at, index) = search
        .find_overlapping_iter(s)
        .filter(|m| stands_alone(s, m.start(), m.end()))
        .map(|m| (m.start(), m.pattern().as_usize()))
        .min_by_key(|&(_, index)| index)?;
    let (token, kind) = TOKENS[index];
    Some(Found {
        text: s[at..at + token.len()].to_string(),
        kind,
    })
}

/// Words that open a template's bracketed prompt: "[Insert date]",
/// "[name of officer]". Shared with the validator, which also uses them to
/// tell a prompt from an editor's bracket inside a quotation.
pub(crate) const PROMPT_WORDS: &[&str] = &[
    "insert",
    "enter",
    "add",
    "type",
    "delete",
    "choose",
    "select",
    "click",
    "name",
    "date",
    "title",
    "report",
    "officer",
    "amount",
    "number",
    "ward",
    "describe",
    "summarise",
    "summary",
    "details",
    "text",
    "specify",
    "state",
    "list",
    "provide",
    "give",
    "include",
    "complete",
    "fill",
    "option",
    "yes",
    "no",
    "tbc",
];

/// `[Insert date]`, `[Report title]`, `[name of officer]`, `[ ]`, `[£X]`:
/// square brackets around a prompt. `[1]`, `[2019] EWHC 12` and an editor's
/// `[the council]` are not prompts (a lower-case bracket counts only when it
/// opens with a prompt word).
fn bracketed_prompt(s: &str) -> Option<Found> {
    let mut rest = s;
    let mut offset = 0;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']')?;
        let inner = &after[..close];
        let trimmed = inner.trim();
        let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
        let first_word = trimmed
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let starts_upper = trimmed.chars().next().is_some_and(char::is_uppercase);
        let prompt_word = PROMPT_WORDS
            .iter()
            .any(|p| first_word.eq_ignore_ascii_case(p));
        let blank = trimmed
            .chars()
            .all(|c| matches!(c, '.' | '…' | '_' | '-' | ' '));
        let money = trimmed.strip_prefix('£').is_some_and(|m| {
            !m.is_empty()
                && m.chars()
                    .all(|c| matches!(c, 'x' | 'X' | ',' | '.' | 'k' | 'm'))
        });
        let wordy = letters >= 3 && (starts_upper || prompt_word) && !inner.contains('[');
        if wordy || blank || money {
            let start = offset + open;
            return Some(Found {
                text: s[start..start + close + 2].to_string(),
                kind: "a bracketed template prompt",
            });
        }
        offset += open + 1;
        rest = after;
    }
    None
}

/// `£X`, `£XX`, `£xx,xxx`, `xx/xx/2026`: amounts and dates still in X's.
fn x_placeholder(s: &str) -> Option<Found> {
    for (i, _) in s.match_indices('£') {
        let tail = &s[i + '£'.len_utf8()..];
        let len = tail
            .find(|c: char| !matches!(c, 'x' | 'X' | ',' | '.'))
            .unwrap_or(tail.len());
        let body = tail[..len].trim_end_matches(['.', ',']);
        let next = tail[body.len()..].chars().next();
        if body.chars().any(|c| c == 'x' || c == 'X') && !next.is_some_and(char::is_alphanumeric) {
            return Some(Found {
                text: s[i..i + '£'.len_utf8() + body.len()].to_string(),
                kind: "an amount still in X's",
            });
        }
    }
    for pat in ["xx/xx/", "xx.xx.", "dd/mm/"] {
        // Look only around each separator (found fast), not at every byte.
        let at = s
            .match_indices(char::from(pat.as_bytes()[2]))
            .filter_map(|(i, _)| i.checked_sub(2))
            .find(|&i| {
                s.as_bytes()
                    .get(i..i + pat.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
            });
        if let Some(at) = at {
            return Some(Found {
                text: s[at..at + pat.len()].to_string(),
                kind: "a date still in placeholder form",
            });
        }
    }
    None
}

/// `<AI1>`, `<PI2>`: Modern.gov agenda-item tags left in pasted text.
fn agenda_item_tag(s: &str) -> Option<Found> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices('<') {
        let tail = &bytes[i + 1..];
        let letters = tail.iter().take_while(|b| b.is_ascii_uppercase()).count();
        let digits = tail[letters..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if (1..=3).contains(&letters) && digits >= 1 && tail.get(letters + digits) == Some(&b'>') {
            return Some(Found {
                text: s[i..i + letters + digits + 2].to_string(),
                kind: "committee-system tag residue",
            });
        }
    }
    None
}

/// Byte offset of `needle` in `hay` where it stands as a word of its own.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| stands_alone(hay, i, i + needle.len()))
}

/// Whether `hay[start..end]` has no letter or digit on either side.
fn stands_alone(hay: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(is_word) && !after.is_some_and(is_word)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_the_reference_slips() {
        assert_eq!(find("Yes/No").unwrap().text, "Yes/No");
        assert_eq!(
            find("[Insert date notice was published]").unwrap().text,
            "[Insert date notice was published]"
        );
        assert!(find("[Financial Threshold / Impact on Wards]").is_some());
    }

    #[test]
    fn finds_residue_of_every_kind() {
        for s in [
            "Cost is £XX",
            "Date TBC",
            "TBA.",
            "paragraph (X)",
            "Dear FIELD_NAME,",
            "{{ title }}",
            "MERGEFIELD Title",
            "<AI1> Minutes",
            "Public/Private",
            "open/exempt",
            "[insert date notice was published]",
            "[name of officer]",
            "Contact: [ ]",
            "[£X]",
            "Cost: £xx,xxx a year",
            "The cost is £X.",
            "Signed on xx/xx/2026",
        ] {
            assert!(find(s).is_some(), "{s}");
        }
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for s in [
            "See [1] and [2019] EWHC 12.",
            "The TBCs were replaced",
            "Box XXL",
            "£5.2m growth in 2017/18",
            "and/or",
            "a < b > c",
            "“[the council] has improved”",
            "£5,000 in 2026/27",
            "Box £10 extra",
            "Yes",
            "",
        ] {
            assert!(find(s).is_none(), "{s}");
        }
    }
}
