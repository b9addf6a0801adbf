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
    // Spreadsheet errors pasted with a table's figures.
    ("#REF!", "a spreadsheet error value"),
    ("#N/A", "a spreadsheet error value"),
    ("#VALUE!", "a spreadsheet error value"),
    ("#DIV/0!", "a spreadsheet error value"),
    ("#NAME?", "a spreadsheet error value"),
    ("#NUM!", "a spreadsheet error value"),
    ("#NULL!", "a spreadsheet error value"),
    ("#SPILL!", "a spreadsheet error value"),
    ("#CALC!", "a spreadsheet error value"),
];

/// Finds the first piece of unfilled template text in `s`.
pub fn find(s: &str) -> Option<Found> {
    if let Some(found) = bracketed_prompt(s) {
        return Some(found);
    }
    // Every alternative has a slash; most text has none.
    if s.contains('/') {
        if let Some(found) = alternatives(s) {
            return Some(found);
        }
    }
    if let Some(found) = word_field_error(s) {
        return Some(found);
    }
    if let Some(found) = merge_field(s) {
        return Some(found);
    }
    // Each search for a word is a searcher built for it, which cost more
    // than the search on a table's short cells (a fifth of checking
    // 800,000 of them): a character each kind needs is looked for first.
    if let Some(at) = s.contains('{').then(|| s.find("{{")).flatten() {
        if s[at..].contains("}}") {
            let end = at + s[at..].find("}}").unwrap_or(0) + 2;
            return Some(Found {
                text: s[at..end].to_string(),
                kind: "template field residue",
            });
        }
    }
    if let Some(at) = s.contains('_').then(|| s.find("FIELD_")).flatten() {
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
    if let Some(found) = capitals_instruction(s) {
        return Some(found);
    }
    token(s)
}

/// "Yes/No", "Public / Private": a template's choice left as typed, with or
/// without spaces around the slash. Matched on ASCII case, so offsets stay
/// those of `s`.
fn alternatives(s: &str) -> Option<Found> {
    let bytes = s.as_bytes();
    let word_at = |at: usize, w: &str| {
        bytes
            .get(at..at + w.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    };
    let skip_spaces = |mut at: usize| {
        while bytes.get(at).is_some_and(|&b| b == b' ' || b == b'\t') {
            at += 1;
        }
        at
    };
    for (slash, _) in s.match_indices('/') {
        for alt in ALTERNATIVES {
            let (left, right) = alt.split_once('/').unwrap_or((alt, ""));
            let mut start = slash;
            while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
                start -= 1;
            }
            let Some(start) = start.checked_sub(left.len()) else {
                continue;
            };
            let right_at = skip_spaces(slash + 1);
            let end = right_at + right.len();
            if word_at(start, left)
                && word_at(right_at, right)
                && s.is_char_boundary(start)
                && s.is_char_boundary(end)
                && stands_alone(s, start, end)
            {
                return Some(Found {
                    text: s[start..end].to_string(),
                    kind: "alternatives left as typed (choose one)",
                });
            }
        }
    }
    None
}

/// "Error! Reference source not found.": what Word prints in place of a
/// cross-reference or field whose target was deleted; it survives pasting
/// as ordinary text.
fn word_field_error(s: &str) -> Option<Found> {
    if !s.contains('!') {
        return None;
    }
    for (at, m) in s.match_indices("Error!") {
        let after = at + m.len();
        let message = s[after..].trim_start();
        let message_at = s.len() - message.len();
        if message_at == after || !message.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        // To the end of Word's sentence, which is short.
        let end = message
            .char_indices()
            .take(80)
            .find(|&(_, c)| c == '.')
            .map_or(s.len(), |(i, _)| message_at + i + 1);
        return Some(Found {
            text: s[at..end].to_string(),
            kind: "a Word field error: a cross-reference or field whose target is gone",
        });
    }
    None
}

/// Word field codes that show as `{ MERGEFIELD Name }` when field codes
/// are displayed, and so are pasted that way.
const FIELD_CODES: &[&str] = &[
    "MERGEFIELD",
    "REF",
    "PAGEREF",
    "NOTEREF",
    "DOCPROPERTY",
    "DOCVARIABLE",
    "FILLIN",
    "ASK",
    "HYPERLINK",
    "SEQ",
    "STYLEREF",
    "MACROBUTTON",
    "IF",
    "INCLUDETEXT",
    "TOC",
    "PAGE",
    "NUMPAGES",
    "DATE",
];

/// `«Report_Title»`, `<<Officer Name>>`, `{CouncilName}`, `{ MERGEFIELD x }`:
/// mail-merge and template fields. A brace counts only round a single name
/// ("{report_date}"), a Word field code or a prompt ("{Insert date}"), so a
/// set or formula written with braces ("{1, 2, 3}", "{a + b}", "{x}") is not
/// template text.
fn merge_field(s: &str) -> Option<Found> {
    if !s.contains(['«', '<', '{']) {
        return None;
    }
    let field = |open: &str, close: &str, test: &dyn Fn(&str) -> bool| {
        let mut from = 0;
        while let Some(o) = s[from..].find(open) {
            let start = from + o;
            let inner_at = start + open.len();
            let Some(c) = s[inner_at..].find(close) else {
                break;
            };
            let inner = &s[inner_at..inner_at + c];
            if inner.chars().count() <= 60
                && !inner.contains(['\n', '<', '>', '{', '}', '«', '»'])
                && inner.chars().any(char::is_alphabetic)
                && test(inner)
            {
                return Some(s[start..inner_at + c + close.len()].to_string());
            }
            from = inner_at;
        }
        None
    };
    let found = field("«", "»", &|_| true)
        .or_else(|| field("<<", ">>", &|_| true))
        .or_else(|| field("{", "}", &|inner| braced_field(inner)))?;
    Some(Found {
        text: found,
        kind: "a merge field",
    })
}

fn braced_field(inner: &str) -> bool {
    let trimmed = inner.trim();
    let first = trimmed.split_whitespace().next().unwrap_or("");
    let name = trimmed.chars().count() >= 3
        && trimmed.starts_with(|c: char| c.is_alphabetic())
        && trimmed.chars().all(|c| c.is_alphanumeric() || c == '_');
    let code = FIELD_CODES.contains(&first);
    let prompt = trimmed.starts_with(char::is_uppercase)
        && PROMPT_WORDS.iter().any(|p| first.eq_ignore_ascii_case(p));
    name || code || prompt
}

/// Instructions some templates write in capitals instead of brackets:
/// "ENTER NAME", "INSERT DATE OF MEETING", "ADD DETAILS HERE". An
/// instruction verb in capitals followed by another word in capitals.
const CAPITAL_VERBS: &[&str] = &[
    "INSERT",
    "ENTER",
    "ADD",
    "TYPE",
    "DELETE",
    "CHOOSE",
    "DESCRIBE",
    "SPECIFY",
    "SUMMARISE",
    "SUMMARIZE",
    "COMPLETE",
    "FILL",
    "PROVIDE",
];

fn capitals_instruction(s: &str) -> Option<Found> {
    let is_caps_word = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    // Every verb is a word in capitals, so two capitals in a row are needed.
    let caps = |w: &[u8]| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase();
    if !s.as_bytes().windows(2).any(caps) {
        return None;
    }
    for verb in CAPITAL_VERBS {
        for (at, _) in s.match_indices(verb) {
            let end = at + verb.len();
            if !stands_alone(s, at, end) {
                continue;
            }
            let rest = &s[end..];
            let next = rest.trim_start_matches([' ', '\t']);
            let spaced = next.len() < rest.len();
            let word_len = next
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(next.len());
            if spaced && is_caps_word(&next[..word_len]) {
                let stop = end + (rest.len() - next.len()) + word_len;
                // Take the rest of the instruction while it stays in capitals.
                let mut stop = stop;
                for w in s[stop..].split(' ').skip(1).take(6) {
                    if is_caps_word(w) {
                        stop += 1 + w.len();
                    } else {
                        break;
                    }
                }
                return Some(Found {
                    text: s[at..stop].to_string(),
                    kind: "an instruction to the author in capitals",
                });
            }
        }
    }
    None
}

/// A search for a fixed list of short literals, cheap to start and fast
/// once it has been used enough. aho-corasick's default for so few
/// patterns is a DFA, whose construction was a tenth of a whole
/// `clerk --check` (measured with perf): a process that checks one report
/// never earns it back. A contiguous NFA is built in a fraction of that but
/// searches slower (a warm check took a quarter longer, criterion's
/// `sample/validate`), so once [`Literals::EARN_BACK`] bytes have been
/// searched, as a service does within a dozen reports, the DFA is built
/// and used from then on. Both find the same matches.
pub(crate) struct Literals {
    patterns: Vec<&'static str>,
    quick: aho_corasick::AhoCorasick,
    fast: OnceLock<aho_corasick::AhoCorasick>,
    searched: std::sync::atomic::AtomicUsize,
}

impl Literals {
    /// Text searched before the DFA is built: about a dozen reports' worth
    /// for one list, past where building it (~0.2 ms) costs less than the
    /// NFA's slower searches did.
    const EARN_BACK: usize = 256 * 1024;

    pub fn new(patterns: Vec<&'static str>) -> Literals {
        Literals {
            quick: Literals::build(&patterns, aho_corasick::AhoCorasickKind::ContiguousNFA),
            patterns,
            fast: OnceLock::new(),
            searched: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn build(
        patterns: &[&'static str],
        kind: aho_corasick::AhoCorasickKind,
    ) -> aho_corasick::AhoCorasick {
        aho_corasick::AhoCorasick::builder()
            .kind(Some(kind))
            .build(patterns)
            .expect("a fixed list of short literals compiles")
    }

    /// The automaton to search `haystack` with.
    pub fn for_text(&self, haystack: &str) -> &aho_corasick::AhoCorasick {
        if let Some(fast) = self.fast.get() {
            return fast;
        }
        let searched = self
            .searched
            .fetch_add(haystack.len(), std::sync::atomic::Ordering::Relaxed);
        if searched < Literals::EARN_BACK {
            return &self.quick;
        }
        self.fast
            .get_or_init(|| Literals::build(&self.patterns, aho_corasick::AhoCorasickKind::DFA))
    }
}

/// The earliest-listed of [`TOKENS`] standing as a word of its own, found in
/// one pass over `s` rather than one per token.
fn token(s: &str) -> Option<Found> {
    static SEARCH: OnceLock<Literals> = OnceLock::new();
    let search = SEARCH.get_or_init(|| Literals::new(TOKENS.iter().map(|(t, _)| *t).collect()));
    let (at, index) = search
        .for_text(s)
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
        // "Appendix [X]", "[??]", "[#]": a mark standing for the label to come.
        let mark = !trimmed.is_empty()
            && trimmed.chars().count() <= 4
            && (trimmed.chars().all(|c| c == 'X' || c == 'x')
                || trimmed.chars().all(|c| c == '?')
                || trimmed.chars().all(|c| c == '#'));
        let money = trimmed.strip_prefix('£').is_some_and(|m| {
            !m.is_empty()
                && m.chars()
                    .all(|c| matches!(c, 'x' | 'X' | ',' | '.' | 'k' | 'm'))
        });
        let wordy = letters >= 3 && (starts_upper || prompt_word) && !inner.contains('[');
        if wordy || blank || money || mark {
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

/// `<AI1>`, `</AI1>`, `<PI2>`, `<TITLE_SECTION>`: committee-system tags
/// and layout markers (Modern.gov and others) left in pasted text. A tag is
/// `<`, an optional `/`, and a name in capitals (digits and `_` allowed
/// after the first letter) closed by `>`: "a < b > c" and HTML in lower case
/// are not tags.
fn agenda_item_tag(s: &str) -> Option<Found> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices('<') {
        let mut tail = &bytes[i + 1..];
        let closing = tail.first() == Some(&b'/');
        if closing {
            tail = &tail[1..];
        }
        let name = tail
            .iter()
            .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_')
            .count();
        let starts_with_letter = tail.first().is_some_and(u8::is_ascii_uppercase);
        if starts_with_letter && (2..=40).contains(&name) && tail.get(name) == Some(&b'>') {
            let end = i + 1 + usize::from(closing) + name + 1;
            return Some(Found {
                text: s[i..end].to_string(),
                kind: "committee-system tag residue",
            });
        }
    }
    None
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
    fn the_quick_and_the_fast_search_find_the_same() {
        use super::{Literals, PROMPT_WORDS, TOKENS};
        let mut patterns: Vec<&'static str> = TOKENS.iter().map(|(t, _)| *t).collect();
        patterns.extend(PROMPT_WORDS.iter().map(|p| p.trim_start_matches('^')));
        let search = Literals::new(patterns);
        let text = "TBC: insert the date; XXXX or XX (optional) — add text here, TBA";
        let matches = |a: &aho_corasick::AhoCorasick| {
            a.find_overlapping_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect::<Vec<_>>()
        };
        let quick = matches(search.for_text(text));
        assert!(quick.len() > 5, "{quick:?}");
        let long = "x".repeat(Literals::EARN_BACK);
        let _ = search.for_text(&long);
        let fast = search.for_text(text);
        assert_eq!(fast.kind(), aho_corasick::AhoCorasickKind::DFA);
        assert_eq!(matches(fast), quick);
    }

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
            "</AI1>",
            "<TITLE_SECTION> Report title",
            "<RECOMMENDATIONS_SECTION>",
            "See Error! Reference source not found. for detail",
            "Error! Bookmark not defined.",
            "Dear «First_Name»,",
            "Report of <<Officer Name>>",
            "Report of {OfficerName}",
            "Report of { MERGEFIELD Officer }",
            "{Insert the ward}",
            "Yes / No",
            "Public / Private",
            "Open  /Exempt",
            "set out in Appendix [X]",
            "Contact: ENTER NAME",
            "INSERT DATE OF MEETING",
            "Total: #REF!",
            "#N/A",
            "Growth #VALUE! in year",
            "#DIV/0!",
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
            "the set {1, 2, 3} and {a + b} and {x}",
            "where <b> is bold and a <b> c",
            "<A> and << 5",
            "An error! It was fixed.",
            "No error! Just text",
            "The Select Committee and ENTERPRISE ZONE",
            "Appendix X of the Plan",
            "sites/nos",
            "HR/NO",
        ] {
            assert!(find(s).is_none(), "{s}");
        }
    }
}
