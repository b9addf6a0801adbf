//! R7: references to appendices, recommendations and paragraphs that do not resolve.
//! W4: an appendix the text never refers to.
//!
//! A reference is the word (any case, singular or plural: the template's
//! appendix word, "recommendation", "paragraph" or "para") followed by one
//! label or a list of them: "Appendix F", "appendices 2 and 3",
//! "paragraphs 3.2 to 3.4", "recommendations 1, 2 & 4", "para. 3.9".
//! Labels resolve with compose's own numbering, so what is checked is what
//! is printed.
//!
//! Welsh is read too, in any report (a bilingual report holds both):
//! "argymhelliad 2", "paragraffau 3.2 i 3.4", "ym mharagraff 6", "Atodiadau A
//! a B". Welsh mutates a word's first letter after some words ("ei
//! baragraff", "a pharagraff", "ei hargymhelliad"), so the mutated forms are
//! keywords as well; after a Welsh keyword the joining words are Welsh ("a",
//! "ac", "neu", "i" for a range) and "o"/"i" followed by another document
//! ("paragraff 3 o Atodlen 12A") points elsewhere, as "of"/"to" do in English.
//!
//! Not every such phrase points into this report. These are left alone:
//! quotations and the entries of background papers and linked reports
//! (their references are to their own documents), and a reference followed
//! by "of"/"to" and a named document ("paragraph 3 of Schedule 12A",
//! "appendix 2 of the Local Plan"); "of this report" and "to the report"
//! stay references to this report.

use super::walk::{Part, Role, Visit};
use super::{quoted, Ctx, Findings};
use crate::compose::numbering::{appendix_label, paragraph_labels, sections};
use crate::template::{AppendixStyle, Numbering};
use crate::validate::RuleId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Appendix,
    Recommendation,
    Paragraph,
}

/// One label, or a range `from to`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label<'s> {
    from: &'s str,
    to: Option<&'s str>,
}

/// The language a reference is written in: its joining words and the words
/// that send it to another document differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tongue {
    English,
    Welsh,
}

/// A reference as written: its kind, labels, and the text to quote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference<'s> {
    kind: Kind,
    labels: Vec<Label<'s>>,
    text: &'s str,
}

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let targets = Targets::of(ctx);
    let mut referred = vec![false; ctx.report.appendices.len()];
    let appendix = AppendixWord::new(&targets.appendix_word, targets.appendix_tongue);
    for v in ctx.visits.iter().filter(|v| reads_references(v)) {
        for r in references(&v.text, &appendix) {
            let mut unresolved: Option<&str> = None;
            for label in &r.labels {
                let ends: Vec<(&str, Option<usize>)> = std::iter::once(label.from)
                    .chain(label.to)
                    .map(|l| (l, targets.resolve(r.kind, l)))
                    .collect();
                if let Some((bad, _)) = ends.iter().find(|(_, at)| at.is_none()) {
                    unresolved = unresolved.or(Some(bad));
                    continue;
                }
                if r.kind == Kind::Appendix {
                    let a = ends[0].1.unwrap_or(0);
                    let b = ends[ends.len() - 1].1.unwrap_or(0);
                    for (i, seen) in referred.iter_mut().enumerate() {
                        let own = v.part == Part::Appendix(i);
                        if (a.min(b)..=a.max(b)).contains(&i) && !own {
                            *seen = true;
                        }
                    }
                }
            }
            if let Some(bad) = unresolved {
                f.add(
                    RuleId::R7,
                    &v.path,
                    format!(
                        "{}: there is no {} {bad} ({}); correct the reference",
                        quoted(r.text),
                        targets.noun(r.kind),
                        targets.what_exists(r.kind, bad)
                    ),
                );
            }
        }
    }
    for (i, seen) in referred.iter().enumerate() {
        if !seen {
            let name = super::appendix_name(ctx, i);
            f.add(
                RuleId::W4,
                format!("$.appendices[{i}]"),
                format!(
                    "{name} ({}) is never referred to in the report; say where it matters (e.g. \"see {name}\"), or remove it if it is not needed",
                    quoted(&ctx.report.appendices[i].title)
                ),
            );
        }
    }
}

fn reads_references(v: &Visit) -> bool {
    matches!(
        v.role,
        Role::Prose | Role::Heading | Role::Cell | Role::Caption | Role::Alt
    )
}

/// What references can point to in this report.
struct Targets {
    appendix_word: String,
    /// The template's language: the language of its appendix word.
    appendix_tongue: Tongue,
    appendix_labels: Vec<String>,
    recommendations: usize,
    paragraphs: Vec<String>,
    /// Per printed section number, its first and last paragraph label.
    section_paragraphs: Vec<Option<(String, String)>>,
    /// The numbers of grouped sections' headings ("5.2").
    group_headings: Vec<String>,
    numbering: Numbering,
    style: AppendixStyle,
}

impl Targets {
    fn of(ctx: &Ctx) -> Targets {
        let t = ctx.template;
        let r = ctx.report;
        // Per section number: a group's sections, and an implications
        // table's rows, share their number.
        let mut section_paragraphs: Vec<Option<(String, String)>> = Vec::new();
        let mut group_headings = Vec::new();
        for s in sections(r, t) {
            let at = s.number as usize - 1;
            if section_paragraphs.len() <= at {
                section_paragraphs.resize(at + 1, None);
            }
            if let Some((_, place)) = s.group {
                // "paragraph 5.2" names the group's second section, as its heading is numbered.
                group_headings.push(format!("{}.{place}", s.number));
            }
            for p in s.paragraphs.into_iter().flatten() {
                match &mut section_paragraphs[at] {
                    Some((_, last)) => *last = p.label,
                    none => *none = Some((p.label.clone(), p.label)),
                }
            }
        }
        if !t.numbering.numbers_headings() {
            group_headings.clear();
        }
        Targets {
            appendix_word: t.labels.appendix.trim().to_string(),
            appendix_tongue: match t.language {
                crate::model::Language::WelshUk => Tongue::Welsh,
                crate::model::Language::EnglishUk => Tongue::English,
            },
            appendix_labels: (0..r.appendices.len())
                .map(|i| appendix_label(t.appendices, i))
                .collect(),
            recommendations: r.recommendations.len(),
            paragraphs: paragraph_labels(r, t),
            section_paragraphs,
            group_headings,
            numbering: t.numbering,
            style: t.appendices,
        }
    }

    /// The index a label points to, if it exists.
    fn resolve(&self, kind: Kind, label: &str) -> Option<usize> {
        match kind {
            Kind::Appendix => self
                .appendix_labels
                .iter()
                .position(|l| l.eq_ignore_ascii_case(label)),
            Kind::Recommendation => label
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=self.recommendations).contains(n))
                .map(|n| n - 1),
            Kind::Paragraph => self.paragraphs.iter().position(|l| l == label).or_else(|| {
                self.group_headings
                    .iter()
                    .position(|l| l == label)
                    .map(|i| self.paragraphs.len() + i)
            }),
        }
    }

    fn noun(&self, kind: Kind) -> &str {
        match kind {
            Kind::Appendix => &self.appendix_word,
            Kind::Recommendation => "recommendation",
            Kind::Paragraph => "paragraph",
        }
    }

    /// What does exist, to explain a reference that does not resolve.
    fn what_exists(&self, kind: Kind, label: &str) -> String {
        match kind {
            Kind::Appendix => match self.appendix_labels.as_slice() {
                [] => "the report has no appendices".into(),
                [one] => format!("the only appendix is {} {one}", self.appendix_word),
                [first, rest @ ..] => {
                    let w = &self.appendix_word;
                    let last = rest.last().unwrap_or(first);
                    let joint = if rest.len() == 1 { "and" } else { "to" };
                    let mut s = format!("the appendices are {w} {first} {joint} {w} {last}");
                    let lettered = self.style == AppendixStyle::Letters;
                    if lettered != label.chars().all(|c| c.is_ascii_alphabetic()) {
                        s.push_str(if lettered {
                            " (they are lettered)"
                        } else {
                            " (they are numbered)"
                        });
                    }
                    s
                }
            },
            Kind::Recommendation => match self.recommendations {
                0 => "the report has no recommendations".into(),
                1 => "there is one recommendation".into(),
                n => format!("there are {n} recommendations"),
            },
            Kind::Paragraph => {
                let section = label
                    .split('.')
                    .next()
                    .and_then(|s| s.parse::<usize>().ok())
                    .filter(|_| self.numbering == Numbering::PerSection && label.contains('.'));
                match section
                    .and_then(|n| n.checked_sub(1))
                    .map(|i| self.section_paragraphs.get(i))
                {
                    Some(Some(Some((a, b)))) if a == b => format!(
                        "section {} has only paragraph {a}",
                        a.split('.').next().unwrap_or_default()
                    ),
                    Some(Some(Some((a, b)))) => format!(
                        "section {} runs from {a} to {b}",
                        a.split('.').next().unwrap_or_default()
                    ),
                    Some(Some(None)) => "that section has no numbered paragraphs".into(),
                    Some(None) => match self.section_paragraphs.len() {
                        1 => "the report has only one numbered section".to_string(),
                        n => format!("the report has {n} numbered sections"),
                    },
                    None => match (self.paragraphs.first(), self.paragraphs.last()) {
                        (Some(a), Some(b)) => {
                            format!("the report's paragraphs run from {a} to {b}")
                        }
                        _ => "the report has no numbered paragraphs".into(),
                    },
                }
            }
        }
    }
}

/// A word or a punctuation mark, with its byte range.
#[derive(Debug, Clone, Copy)]
struct Token<'s> {
    text: &'s str,
    start: usize,
    end: usize,
}

impl Token<'_> {
    fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// Words (letters and digits, with dots inside numbers: "3.10") and single
/// punctuation marks; whitespace separates.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            let mut prev = c;
            while let Some(&(j, d)) = chars.peek() {
                let dot_in_number = d == '.'
                    && prev.is_ascii_digit()
                    && s[j + 1..].starts_with(|x: char| x.is_ascii_digit());
                if !(d.is_alphanumeric() || dot_in_number) {
                    break;
                }
                chars.next();
                end = j + d.len_utf8();
                prev = d;
            }
        }
        out.push(Token {
            text: &s[i..end],
            start: i,
            end,
        });
    }
    out
}

/// The other forms of the template's appendix word: the plurals
/// "Appendices" (and "Appendixes"), "Annexes", "Schedules", Welsh
/// "Atodiadau", and for a word starting with a vowel the Welsh h-prothesis
/// ("ei hatodiad"), which no English word starting with "h" collides with.
fn plurals(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut out = vec![];
    if w.starts_with(['a', 'e', 'i', 'o', 'u', 'w', 'y']) {
        out.push(format!("h{w}"));
        out.push(format!("h{w}au"));
    }
    if let Some(stem) = w.strip_suffix("ix") {
        out.push(format!("{stem}ices"));
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e)) {
        out.push(format!("{w}es"));
    } else {
        out.push(format!("{w}s"));
    }
    out.push(format!("{w}au"));
    out
}

/// Two-letter words that are not appendix letters even in capitals ("APPENDIX TO").
const NOT_LETTERS: &[&str] = &[
    "A", "I", "AN", "AS", "AT", "BY", "IF", "IN", "IS", "IT", "OF", "ON", "OR", "TO", "WE", "NO",
    "SO", "BE",
];

/// A label of `kind` at the start of `word`, if it is one.
fn label(kind: Kind, word: &str, first: bool) -> Option<&str> {
    let numeric_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(word.len());
    // "3.2a", "1b": a lettered sub-item of a numbered thing is a reference to the thing.
    let suffix_ok = |rest: &str| {
        rest.is_empty() || (rest.len() == 1 && rest.chars().all(|c| c.is_ascii_lowercase()))
    };
    let numeric =
        (numeric_end > 0 && suffix_ok(&word[numeric_end..])).then(|| &word[..numeric_end]);
    match kind {
        Kind::Paragraph => numeric,
        Kind::Recommendation => numeric.filter(|n| !n.contains('.')),
        Kind::Appendix => numeric.filter(|n| !n.contains('.')).or_else(|| {
            // "Appendix A" and "Appendix I" are letters; "appendices A and I" ends at "A".
            let letters = (1..=2).contains(&word.len())
                && word.chars().all(|c| c.is_ascii_uppercase())
                && ((first && word.len() == 1) || !NOT_LETTERS.contains(&word));
            letters.then_some(word)
        }),
    }
}

/// The template's word for an appendix, split and lower-cased once per
/// check rather than once per text (which was a tenth of checking a large
/// table).
struct AppendixWord {
    words: Vec<String>,
    plurals: Vec<String>,
    tongue: Tongue,
}

impl AppendixWord {
    fn new(word: &str, tongue: Tongue) -> AppendixWord {
        let words: Vec<String> = word.split_whitespace().map(str::to_lowercase).collect();
        let plurals = words.last().map(|w| plurals(w)).unwrap_or_default();
        AppendixWord {
            words,
            plurals,
            tongue,
        }
    }
}

/// Every reference in `text` that points into this report.
fn references<'s>(text: &'s str, appendix: &AppendixWord) -> Vec<Reference<'s>> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((kind, tongue, mut j)) =
            keyword(&toks, i, &appendix.words, &appendix.plurals, appendix.tongue)
        else {
            i += 1;
            continue;
        };
        // "para. 3.9"
        if toks.get(j).is_some_and(|t| t.text == ".") {
            j += 1;
        }
        let Some(first) = toks.get(j).and_then(|t| label(kind, t.text, true)) else {
            i += 1;
            continue;
        };
        let mut labels = vec![Label {
            from: first,
            to: None,
        }];
        let mut end = toks[j].end;
        j += 1;
        // Further labels: ", 3", "and 4", "& 5", "to 6", "- 7", "or 8".
        loop {
            let mut k = j;
            let mut range = false;
            let mut separated = false;
            while let Some(t) = toks.get(k) {
                let (and, to): (&[&str], &[&str]) = match tongue {
                    Tongue::English => (&["and", "or"], &["to", "through"]),
                    Tongue::Welsh => (&["a", "ac", "neu"], &["i"]),
                };
                if t.text == "," || t.text == "&" || and.iter().any(|w| t.is(w)) {
                    separated = true;
                } else if ["-", "–", "—"].contains(&t.text) || to.iter().any(|w| t.is(w)) {
                    range = true;
                } else {
                    break;
                }
                k += 1;
            }
            let next = toks.get(k).and_then(|t| label(kind, t.text, false));
            match next {
                Some(l) if separated || range => {
                    if range && !separated {
                        if let Some(last) = labels.last_mut().filter(|l| l.to.is_none()) {
                            last.to = Some(l);
                        } else {
                            labels.push(Label { from: l, to: None });
                        }
                    } else {
                        labels.push(Label { from: l, to: None });
                    }
                    end = toks[k].end;
                    j = k + 1;
                }
                _ => break,
            }
        }
        let rest = &toks[j.min(toks.len())..];
        let elsewhere = match tongue {
            Tongue::English => points_elsewhere(rest),
            Tongue::Welsh => points_elsewhere_welsh(rest),
        };
        if !elsewhere {
            out.push(Reference {
                kind,
                labels,
                text: &text[toks[i].start..end],
            });
        }
        i = j;
    }
    out
}

/// Welsh "recommendation(s)" with the h-prothesis ("ei hargymhelliad").
const WELSH_RECOMMENDATION: &[&str] = &[
    "argymhelliad",
    "argymhellion",
    "hargymhelliad",
    "hargymhellion",
];

/// Welsh "paragraph(s)" with its soft ("ei baragraff"), nasal ("ym
/// mharagraff") and aspirate ("a pharagraff") mutations.
const WELSH_PARAGRAPH: &[&str] = &[
    "paragraff",
    "paragraffau",
    "baragraff",
    "baragraffau",
    "mharagraff",
    "mharagraffau",
    "pharagraff",
    "pharagraffau",
];

/// Whether the words at `i` are a reference keyword; returns the kind, the
/// keyword's language and the index after it.
fn keyword(
    toks: &[Token],
    i: usize,
    appendix: &[String],
    plurals: &[String],
    appendix_tongue: Tongue,
) -> Option<(Kind, Tongue, usize)> {
    let w = toks[i].text;
    let any = |words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
    if any(&["recommendation", "recommendations"]) {
        return Some((Kind::Recommendation, Tongue::English, i + 1));
    }
    if any(WELSH_RECOMMENDATION) {
        return Some((Kind::Recommendation, Tongue::Welsh, i + 1));
    }
    if any(&["paragraph", "paragraphs", "para", "paras"]) {
        return Some((Kind::Paragraph, Tongue::English, i + 1));
    }
    if any(WELSH_PARAGRAPH) {
        return Some((Kind::Paragraph, Tongue::Welsh, i + 1));
    }
    // The template's word, possibly several words ("Supporting Document").
    let n = appendix.len();
    if n == 0 || i + n > toks.len() {
        return None;
    }
    let lead_ok = appendix[..n - 1]
        .iter()
        .zip(&toks[i..])
        .all(|(a, t)| lower_is(t.text, a));
    let last = toks[i + n - 1].text;
    (lead_ok && (lower_is(last, &appendix[n - 1]) || plurals.iter().any(|p| lower_is(last, p))))
        .then_some((Kind::Appendix, appendix_tongue, i + n))
}

/// Whether `word` in lower case is `lower`: without lower-casing a copy of
/// every word of the report when both are ASCII (nearly always).
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() && lower.is_ascii() {
        word.eq_ignore_ascii_case(lower) && !lower.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.to_lowercase() == lower
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "our", "his", "her", "that", "these", "those",
];

/// Words that name a part of another document after "of", "in", "under" or
/// a comma: "paragraph 3 of schedule 12A", "paragraph 3, Part 1".
const DOCUMENT_PARTS: &[&str] = &[
    "schedule",
    "part",
    "section",
    "act",
    "regulation",
    "regulations",
    "chapter",
    "article",
    "annex",
    "order",
    "rule",
    "rules",
    "standing",
    "constitution",
];

const STATUTE_PARTS: &[&str] = &["schedule", "part", "act", "regulation", "regulations"];

/// Words after "the report" that make it another report: "the report of
/// the Director", "the report to Cabinet on 12 March", "the report dated".
const OTHER_REPORT: &[&str] = &[
    "of",
    "to",
    "by",
    "from",
    "dated",
    "on",
    "at",
    "considered",
    "presented",
    "submitted",
    "received",
    "approved",
    "agreed",
    "entitled",
    "titled",
];

/// "of Schedule 12A", "to the Local Plan", "of the 2017 report", "of the
/// report of the Director", "(financial affairs) of Part 1 of Schedule
/// 12A", "Schedule 12A, paragraph 3"'s mirror "paragraph 3, Schedule 12A":
/// another document. "of this report", "to the report", "to approve" are not.
fn points_elsewhere(rest: &[Token]) -> bool {
    // A parenthesis after the label ("paragraph 3 (information relating to
    // financial affairs) of Schedule 12A") says what the paragraph is; the
    // words after it say where.
    let rest = skip_parenthesis(rest);
    let Some(prep) = rest.first() else {
        return false;
    };
    let document_part = |t: &Token| DOCUMENT_PARTS.iter().any(|w| t.is(w));
    // Without "of", only a statute's parts: "paragraph 3, section 2 sets
    // out" can be two references to this report.
    let statute_part = |t: &Token| STATUTE_PARTS.iter().any(|w| t.is(w));
    if prep.text == "," || prep.is("in") || prep.is("under") {
        return rest.get(1).is_some_and(|t| {
            statute_part(t) && rest.get(2).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase()))
        });
    }
    if statute_part(prep) {
        // "paragraph 3 Schedule 12A"
        return prep.text.starts_with(char::is_uppercase)
            && rest.get(1).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()));
    }
    if !(prep.is("of") || prep.is("to")) {
        return false;
    }
    let Some(next) = rest.get(1) else {
        return false;
    };
    if next.is("this") {
        return false;
    }
    if DETERMINERS.iter().any(|d| next.is(d)) {
        let Some(noun) = rest.get(2) else {
            return true;
        };
        if !noun.is("report") {
            return true;
        }
        // "of the report of the Director", "to the report to Cabinet in March".
        return rest.get(3).is_some_and(|t| OTHER_REPORT.iter().any(|w| t.is(w)));
    }
    document_part(next)
        || next
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Welsh names of a statute's or another document's parts, with the soft
/// mutation they take after "o" (of) and "i" (to): "o Ran 1", "i Ddeddf".
const WELSH_DOCUMENT_PARTS: &[&str] = &[
    "atodlen",
    "rhan",
    "ran",
    "adran",
    "deddf",
    "ddeddf",
    "rheoliad",
    "reoliad",
    "rheoliadau",
    "reoliadau",
    "pennod",
    "bennod",
    "erthygl",
    "gorchymyn",
    "orchymyn",
    "cyfansoddiad",
    "gyfansoddiad",
];

/// Words after "yr adroddiad" that make it another report: "adroddiad gan y
/// Cyfarwyddwr", "adroddiad i'r Cabinet", "adroddiad dyddiedig".
const WELSH_OTHER_REPORT: &[&str] = &["gan", "i", "dyddiedig", "a", "ar", "o"];

/// The Welsh mirror of [`points_elsewhere`]: "o Atodlen 12A", "o'r Cynllun
/// Lleol", "i'r adroddiad i'r Cabinet" point elsewhere; "o'r adroddiad hwn"
/// and "i'r adroddiad" are this report.
fn points_elsewhere_welsh(rest: &[Token]) -> bool {
    let rest = skip_parenthesis(rest);
    let Some(prep) = rest.first() else {
        return false;
    };
    let part = |t: &Token| WELSH_DOCUMENT_PARTS.iter().any(|w| t.is(w));
    if prep.text == "," || prep.is("yn") || prep.is("dan") {
        return rest.get(1).is_some_and(part);
    }
    if !(prep.is("o") || prep.is("i")) {
        return false;
    }
    // "o'r", "i'r" (the apostrophe may be typographic), or "o y", "o yr".
    let mut k = 1;
    let mut determiner = false;
    if rest.get(k).is_some_and(|t| t.text == "'" || t.text == "’") {
        k += 1;
        determiner = rest.get(k).is_some_and(|t| t.is("r"));
        k += usize::from(determiner);
    } else if rest.get(k).is_some_and(|t| t.is("y") || t.is("yr")) {
        determiner = true;
        k += 1;
    }
    let Some(next) = rest.get(k) else {
        return determiner;
    };
    if next.is("hwn") || next.is("hon") {
        return false;
    }
    if determiner {
        if !next.is("adroddiad") {
            return true;
        }
        let after = rest.get(k + 1);
        return after.is_some_and(|t| WELSH_OTHER_REPORT.iter().any(|w| t.is(w)));
    }
    part(next)
        || next
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// The tokens after a parenthesis at the start of `rest`, or `rest`.
fn skip_parenthesis<'t, 's>(rest: &'t [Token<'s>]) -> &'t [Token<'s>] {
    if rest.first().is_none_or(|t| t.text != "(") {
        return rest;
    }
    let mut depth = 0usize;
    for (i, t) in rest.iter().enumerate().take(80) {
        match t.text {
            "(" => depth += 1,
            ")" => {
                depth -= 1;
                if depth == 0 {
                    return &rest[i + 1..];
                }
            }
            _ => {}
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, findings_with, paths};
    use super::*;
    use crate::compose::Audience;
    use crate::model::{Appendix, Block, Recommendation, Report};
    use crate::template::Template;

    type Labels = Vec<(String, Option<String>)>;

    fn refs(s: &str) -> Vec<(Kind, Labels)> {
        references(s, &AppendixWord::new("Appendix", Tongue::English))
            .into_iter()
            .map(|r| {
                (
                    r.kind,
                    r.labels
                        .iter()
                        .map(|l| (l.from.to_string(), l.to.map(str::to_string)))
                        .collect(),
                )
            })
            .collect()
    }

    fn one(s: &str) -> (String, Option<String>) {
        (s.to_string(), None)
    }

    #[test]
    fn reads_references_as_councils_write_them() {
        assert_eq!(refs("See Appendix F."), [(Kind::Appendix, vec![one("F")])]);
        assert_eq!(
            refs("set out in appendices 2, 3 and 4"),
            [(Kind::Appendix, vec![one("2"), one("3"), one("4")])]
        );
        assert_eq!(
            refs("Paragraphs 3.2 to 3.4 explain"),
            [(Kind::Paragraph, vec![("3.2".into(), Some("3.4".into()))])]
        );
        assert_eq!(refs("para. 3.9(a)"), [(Kind::Paragraph, vec![one("3.9")])]);
        assert_eq!(
            refs("RECOMMENDATIONS 2 & 3"),
            [(Kind::Recommendation, vec![one("2"), one("3")])]
        );
        assert_eq!(
            refs("recommendation 2 to approve the plan"),
            [(Kind::Recommendation, vec![one("2")])]
        );
        assert_eq!(
            refs("paragraphs 3.2-3.4"),
            [(Kind::Paragraph, vec![("3.2".into(), Some("3.4".into()))])]
        );
    }

    fn refs_cy(s: &str) -> Vec<(Kind, Labels)> {
        references(s, &AppendixWord::new("Atodiad", Tongue::Welsh))
            .into_iter()
            .map(|r| {
                (
                    r.kind,
                    r.labels
                        .iter()
                        .map(|l| (l.from.to_string(), l.to.map(str::to_string)))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn reads_welsh_references_with_their_mutations() {
        assert_eq!(
            refs_cy("Gweler Atodiad 1."),
            [(Kind::Appendix, vec![one("1")])]
        );
        assert_eq!(
            refs_cy("yn Atodiadau A a B"),
            [(Kind::Appendix, vec![one("A"), one("B")])]
        );
        assert_eq!(
            refs_cy("fel y nodir ym mharagraff 6"),
            [(Kind::Paragraph, vec![one("6")])]
        );
        assert_eq!(
            refs_cy("paragraffau 3.2 i 3.4"),
            [(Kind::Paragraph, vec![("3.2".into(), Some("3.4".into()))])]
        );
        assert_eq!(
            refs_cy("argymhellion 1, 2 ac 4"),
            [(Kind::Recommendation, vec![one("1"), one("2"), one("4")])]
        );
        assert_eq!(
            refs_cy("ei baragraff 7 a pharagraff 9"),
            [
                (Kind::Paragraph, vec![one("7")]),
                (Kind::Paragraph, vec![one("9")])
            ]
        );
        assert_eq!(
            refs_cy("ei hargymhelliad 3 i'r adroddiad"),
            [(Kind::Recommendation, vec![one("3")])]
        );
        assert_eq!(
            refs_cy("paragraff 4 o’r adroddiad hwn"),
            [(Kind::Paragraph, vec![one("4")])]
        );
        // English joining words after an English keyword are unchanged, and
        // Welsh ones do not join English references.
        assert_eq!(
            refs("paragraph 3 a summary"),
            [(Kind::Paragraph, vec![one("3")])]
        );
    }

    #[test]
    fn leaves_other_welsh_documents_alone() {
        for s in [
            "wedi'i eithrio dan baragraff 14 o Atodlen 12A i Ddeddf Llywodraeth Leol 1972",
            "paragraffau 14 a 16 o Ran 4 o Atodlen 12A",
            "paragraff 3 o’r Cynllun Datblygu Lleol",
            "argymhelliad 4 o'r adroddiad gan y Cyfarwyddwr",
            "paragraff 12, Atodlen 12A",
            "Atodiad 2 i’r Cynllun",
        ] {
            assert!(refs_cy(s).is_empty(), "{s}: {:?}", refs_cy(s));
        }
    }

    #[test]
    fn an_unresolved_welsh_reference_is_r7() {
        let mut r = Report::sample();
        r.summary.push(Block::Paragraph(
            "Mae'r manylion yn Atodiad 1 ac ym mharagraff 3.40, gweler argymhelliad 5.".into(),
        ));
        let d = findings(&r, "R7");
        let quoted: Vec<&str> = d
            .iter()
            .map(|d| d.message.split('"').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(quoted, ["mharagraff 3.40", "argymhelliad 5"], "{d:?}");
    }

    #[test]
    fn leaves_other_documents_and_plain_words_alone() {
        for s in [
            "exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972",
            "paragraphs 3 and 5 of Part 1 of Schedule 12A",
            "as in appendix 4 of the Local Plan",
            "recommendation 4 of the Ofsted report",
            "the appendix to the letter",
            "this paragraph sets out the recommendations.",
            "APPENDIX TO THE REPORT",
            "sections 135-142 of the Education and Inspections Act 2006",
            "paragraph 3 of schedule 12A to the Local Government Act 1972",
            "Paragraph 3 (information relating to the financial or business affairs of any particular person) of Part 1 of Schedule 12A",
            "exempt under paragraph 3, Schedule 12A",
            "exempt under paragraph 3 Schedule 12A",
            "paragraph 3 in Part 1 of Schedule 12A",
            "paragraphs 2.5 to 2.10 of the report of the Director of Finance",
            "paragraph 4 of the report to Cabinet on 12 March 2025",
            "paragraph 4.2 of the report considered by Cabinet",
        ] {
            assert!(refs(s).is_empty(), "{s}: {:?}", refs(s));
        }
        assert_eq!(
            refs("Appendix 2 of this report"),
            [(Kind::Appendix, vec![one("2")])]
        );
        assert_eq!(
            refs("Appendix 2 to the report"),
            [(Kind::Appendix, vec![one("2")])]
        );
        assert_eq!(
            refs("paragraph 3.2 of the report, and paragraph 4 (below)"),
            [
                (Kind::Paragraph, vec![one("3.2")]),
                (Kind::Paragraph, vec![one("4")])
            ]
        );
    }

    #[test]
    fn unresolved_references_are_errors_with_their_paths() {
        let mut r = Report::sample();
        r.summary.push(Block::Paragraph(
            "Detail is in Appendix 1 and Appendix F, and paragraphs 3.2 to 3.40.".into(),
        ));
        r.recommendations[0].text = "Note paragraph 3.8 and recommendation 2".into();
        let d = findings(&r, "R7");
        let got: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(d.len(), 3, "{got:?}");
        assert_eq!(d[0].path, "$.summary[2]");
        assert!(d[0].message.contains("\"Appendix F\""), "{}", d[0].message);
        assert_eq!(d[1].path, "$.summary[2]");
        assert!(d[1].message.contains("3.2 to 3.40"), "{}", d[1].message);
        assert!(
            d[1].message.contains("section 3 runs from 3.1 to"),
            "{}",
            d[1].message
        );
        assert_eq!(d[2].path, "$.recommendations[0].text");
        assert!(
            d[2].message.contains("there is one recommendation"),
            "{}",
            d[2].message
        );
    }

    #[test]
    fn resolved_references_are_fine_and_count_for_w4() {
        let mut r = Report::sample();
        assert_eq!(paths(&r, "W4"), ["$.appendices[0]"]);
        r.sections[2].blocks.push(Block::Paragraph(
            "The full report is at Appendix 1; paragraphs 3.1 to 3.3 summarise it, as recommendation 1 notes.".into(),
        ));
        assert!(paths(&r, "R7").is_empty(), "{:?}", findings(&r, "R7"));
        assert!(paths(&r, "W4").is_empty());
    }

    #[test]
    fn lettered_and_continuous_templates_resolve_their_own_labels() {
        let mut t = Template::tower_hamlets();
        t.appendices = AppendixStyle::Letters;
        t.numbering = Numbering::Continuous;
        let mut r = Report::sample();
        r.appendices.push(Appendix {
            title: "Action plan".into(),
            exempt: None,
            blocks: vec![Block::Paragraph("Responds to appendix A.".into())],
        });
        r.recommendations.push(Recommendation {
            text: "Agree the plan in Appendix B and paragraph 12, not paragraph 3.1 or Appendix 2."
                .into(),
            route: Default::default(),
            blocks: vec![],
        });
        let d = findings_with(&r, &t, Audience::Full, "R7");
        let quoted: Vec<&str> = d
            .iter()
            .map(|d| d.message.split('"').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(quoted, ["paragraph 3.1", "Appendix 2"], "{d:?}");
        assert!(d.iter().all(|d| d.path == "$.recommendations[1].text"));
        // Appendix B is referred to by the recommendation; A only by B itself,
        // and from inside B, which counts; B's own self-reference would not.
        let w4 = findings_with(&r, &t, Audience::Full, "W4");
        assert!(w4.is_empty(), "{w4:?}");
    }

    #[test]
    fn an_appendix_referring_only_to_itself_is_never_referred_to() {
        let mut r = Report::sample();
        r.appendices[0].blocks = vec![Block::Paragraph(
            "Appendix 1 is the inspection letter.".into(),
        )];
        assert_eq!(paths(&r, "W4"), ["$.appendices[0]"]);
    }
}
