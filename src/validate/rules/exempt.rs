//! R6: each exemption cites valid Schedule 12A paragraphs and a public-interest reason.
//! R11: exempt content would reach a public rendering.
//!
//! What compose withholds from the public: the blocks of an exempt section
//! and of an exempt appendix, each replaced by a notice. Everything else is
//! printed: the header (title, short title, names, roles, wards,
//! references), summary, recommendations, open sections and appendices, back
//! matter, and, for an exempt part, its notice with its public-interest
//! reason. An exempt section's own heading and an exempt appendix's title
//! are printed too, by design, above the notice, so the public can see what
//! was withheld: their words are open text, checked like any other and never
//! counted as exempt text. The sub-headings inside an exempt part are
//! withheld with its blocks, so they are exempt text.
//!
//! So R11 finds (a) a wholly exempt report rendered for the public, and (b)
//! any printed string (link targets included; image file names and the
//! template path, which are not printed, excepted) that repeats exempt text
//! word for word (ten words or more in the same order), compared as a
//! reader sees it (see [`as_read`]). Exempt facts paraphrased in open text
//! cannot be told apart from open facts, so they are not looked for: that
//! stays the author's and the clerk's judgement.

use super::walk::{Part, Role, Visit};
use super::{quoted, Ctx, Findings};
use crate::compose::Audience;
use crate::model::Exemption;
use crate::validate::RuleId;
use std::collections::HashMap;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    if let Some(e) = &r.exempt {
        exemption(ctx, "$.exempt", "the report", e, f);
    }
    for (i, s) in r.sections.iter().enumerate() {
        if let Some(e) = &s.exempt {
            let what = format!("the \"{}\" section", super::section_name(ctx, i));
            exemption(ctx, &format!("$.sections[{i}].exempt"), &what, e, f);
        }
    }
    for (i, a) in r.appendices.iter().enumerate() {
        if let Some(e) = &a.exempt {
            let what = super::appendix_name(ctx, i);
            exemption(ctx, &format!("$.appendices[{i}].exempt"), &what, e, f);
        }
    }
    if ctx.audience == Audience::Public {
        public_rendering(ctx, f);
    }
}

fn exemption(ctx: &Ctx, path: &str, what: &str, e: &Exemption, f: &mut Findings) {
    let range = ctx.template.jurisdiction.exempt_paragraphs();
    let (lo, hi) = (*range.start(), *range.end());
    let part = ctx.template.jurisdiction.schedule_part();
    if e.paragraphs.is_empty() {
        f.add(
            RuleId::R6,
            format!("{path}.paragraphs"),
            format!(
                "{what} is marked exempt but cites no paragraph of Schedule 12A; cite the paragraph(s) of Part {part} ({lo} to {hi}) that apply"
            ),
        );
    }
    for (j, p) in e.paragraphs.iter().enumerate() {
        if !range.contains(p) {
            f.add(
                RuleId::R6,
                format!("{path}.paragraphs[{j}]"),
                format!(
                    "{what} cites paragraph {p}, which is not in Part {part} of Schedule 12A (paragraphs {lo} to {hi} for this council)"
                ),
            );
        } else if e.paragraphs[..j].contains(p) {
            f.add(
                RuleId::R6,
                format!("{path}.paragraphs[{j}]"),
                format!("{what} cites paragraph {p} twice; cite it once"),
            );
        }
    }
    if e.public_interest.trim().is_empty() {
        f.add(
            RuleId::R6,
            format!("{path}.public_interest"),
            format!(
                "{what} is marked exempt without saying why the public interest in withholding it outweighs the public interest in disclosing it; give the reason"
            ),
        );
    }
}

/// Words in a run that, repeated verbatim, count as quoting exempt text.
const QUOTE_WORDS: usize = 10;

/// Time and memory linear in the report's text: each string is read as a
/// reader sees it once, each of its word runs is hashed once (a run is
/// `QUOTE_WORDS` words, a constant), and each hash is one map look-up.
fn public_rendering(ctx: &Ctx, f: &mut Findings) {
    if ctx.report.exempt.is_some() {
        f.add(
            RuleId::R11,
            "$.exempt",
            "the whole report is exempt, so it cannot be published: render it for members and officers only (the full audience), or publish an open version without the exempt material",
        );
        return;
    }
    // Fingerprints of every run of QUOTE_WORDS words in withheld text.
    let mut exempt_runs: HashMap<u64, Part> = HashMap::new();
    for v in &ctx.visits {
        // A link target, a file name or an address is not the exempt
        // wording itself, and a long web address shared by open and exempt
        // text would otherwise count as a quotation.
        if withheld(ctx, v) && v.role != Role::Address {
            for h in runs(&as_read(&v.text)) {
                exempt_runs.entry(h).or_insert(v.part);
            }
        }
    }
    if exempt_runs.is_empty() {
        return;
    }
    for v in ctx
        .visits
        .iter()
        .filter(|v| printed(v) && !withheld(ctx, v))
    {
        let Some(part) = runs(&as_read(&v.text)).find_map(|h| exempt_runs.get(&h)) else {
            continue;
        };
        let source = match *part {
            Part::Section(i) => {
                format!("the exempt \"{}\" section", super::section_name(ctx, i))
            }
            Part::Appendix(i) => format!("exempt {}", super::appendix_name(ctx, i)),
            _ => "an exempt part".into(),
        };
        let (printed_as, fix) = if v.path.ends_with(".exempt.public_interest") {
            (
                "the public-interest reason is printed with the notice in the public edition",
                "give the reason without the exempt information",
            )
        } else {
            (
                "this is published",
                "reword it without the exempt information, or move it into the exempt part",
            )
        };
        f.add(
            RuleId::R11,
            &v.path,
            format!(
                "{} repeats text from {source} word for word, and {printed_as}; {fix}",
                quoted(&v.text)
            ),
        );
    }
}

/// Whether compose withholds `v` from the public: it is inside the blocks
/// of an exempt section or appendix. The part's own heading or title and
/// its exemption are outside its blocks, and printed.
fn withheld(ctx: &Ctx, v: &Visit) -> bool {
    let exempt = match v.part {
        Part::Section(i) => ctx.report.sections[i].exempt.is_some(),
        Part::Appendix(i) => ctx.report.appendices[i].exempt.is_some(),
        _ => false,
    };
    // `$.sections[2].blocks[…`: the part's path, then its blocks.
    exempt
        && v.path
            .split_once(']')
            .is_some_and(|(_, rest)| rest.starts_with(".blocks["))
}

/// The template's path and image file names name files; no edition prints them.
fn printed(v: &Visit) -> bool {
    v.path != "$.template" && !v.path.ends_with(".image.src")
}

/// Hashes of each run of `QUOTE_WORDS` consecutive words; `read` is text as
/// [`as_read`] gives it, so punctuation and spacing are all that separate words.
fn runs(read: &str) -> impl Iterator<Item = u64> + '_ {
    use std::hash::{Hash, Hasher};
    let words: Vec<&str> = read
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    (0..(n + 1).saturating_sub(QUOTE_WORDS)).map(move |i| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words[i..i + QUOTE_WORDS].hash(&mut h);
        h.finish()
    })
}

/// Text as a reader sees it, so that two strings printed alike compare
/// alike: characters that print nothing removed (a soft hyphen pasted from
/// Word, a zero-width space or joiner, a word joiner, a byte-order mark, any
/// other format character), compatibility forms unified (NFKC: a full-width
/// "Ａ" is "A", "ﬁ" is "fi"), and case folded ("ß" as "ss", a final sigma as
/// sigma). Linear in the text.
pub(super) fn as_read(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| !prints_nothing(c)).nfkc() {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'ς' => folded.push('σ'),
            '\u{345}' => folded.push('ι'),
            c => folded.extend(c.to_lowercase()),
        }
    }
    // Lower case can leave a compatibility form behind (and the composed
    // text can hold a filler NFKC made), so normalise once more.
    folded
        .chars()
        .nfkc()
        .filter(|&c| !prints_nothing(c))
        .collect()
}

/// Unicode's format characters (general category Cf) and the other default
/// ignorable code points (variation selectors, the combining grapheme
/// joiner, Hangul fillers, tags), as of Unicode 15.1: a reader sees nothing
/// of them, and a renderer draws nothing for them.
fn prints_nothing(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
        | '\u{890}'..='\u{891}' | '\u{8E2}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_missing_public_interest_reason_is_r6_with_its_path_not_a_load_error() {
        let json = serde_json::to_string(&crate::model::Report::sample()).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["appendices"][0]["exempt"] = serde_json::json!({ "paragraphs": [3] });
        let r = crate::model::Report::from_json(&v.to_string()).expect("loads");
        assert_eq!(
            super::super::test_support::paths(&r, "R6"),
            ["$.appendices[0].exempt.public_interest"]
        );
    }

    use super::super::test_support::{findings_with, paths};
    use crate::compose::Audience;
    use crate::model::{Block, Exemption, Report};
    use crate::template::{Jurisdiction, Template};

    fn exemption(paragraphs: Vec<u8>, why: &str) -> Option<Exemption> {
        Some(Exemption {
            paragraphs,
            public_interest: why.into(),
        })
    }

    #[test]
    fn exemptions_cite_valid_paragraphs_once_with_a_reason() {
        let mut r = Report::sample();
        r.appendices[0].exempt = exemption(vec![3, 9, 3], "Commercial terms");
        r.sections[3].exempt = exemption(vec![], " ");
        assert_eq!(
            paths(&r, "R6"),
            [
                "$.sections[3].exempt.paragraphs",
                "$.sections[3].exempt.public_interest",
                "$.appendices[0].exempt.paragraphs[1]",
                "$.appendices[0].exempt.paragraphs[2]",
            ]
        );
    }

    #[test]
    fn wales_uses_paragraphs_12_to_18() {
        let mut r = Report::sample();
        r.appendices[0].exempt = exemption(vec![14], "Commercial terms");
        let mut t = Template::tower_hamlets();
        assert_eq!(findings_with(&r, &t, Audience::Full, "R6").len(), 1);
        t.jurisdiction = Jurisdiction::Wales;
        assert!(findings_with(&r, &t, Audience::Full, "R6").is_empty());
        r.appendices[0].exempt = exemption(vec![3, 14], "Commercial terms");
        let d = findings_with(&r, &t, Audience::Full, "R6");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "$.appendices[0].exempt.paragraphs[0]");
    }

    #[test]
    fn wholly_exempt_report_cannot_be_published() {
        let t = Template::tower_hamlets();
        let mut r = Report::sample();
        r.exempt = exemption(vec![3], "Commercial terms of a live tender");
        let public = findings_with(&r, &t, Audience::Public, "R11");
        assert_eq!(public.len(), 1);
        assert_eq!(public[0].path, "$.exempt");
        assert!(findings_with(&r, &t, Audience::Full, "R11").is_empty());
    }

    #[test]
    fn open_text_quoting_exempt_text_is_caught() {
        let t = Template::tower_hamlets();
        let mut r = Report::sample();
        r.appendices[0].exempt = exemption(vec![3], "Commercial terms of a live tender");
        r.appendices[0].blocks = vec![Block::Paragraph(
            "The preferred bidder, Acme Care Ltd, offered a price of £4.1m over three years with a break clause."
                .into(),
        )];
        // Part of an exempt appendix, but nothing of it is repeated: fine.
        assert!(findings_with(&r, &t, Audience::Public, "R11").is_empty());
        r.sections[2].blocks.push(Block::Paragraph(
            "In short, Acme Care Ltd offered a price of £4.1m over three years with a break clause.".into(),
        ));
        let last = r.sections[2].blocks.len() - 1;
        let d = findings_with(&r, &t, Audience::Public, "R11");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, format!("$.sections[2].blocks[{last}]"));
        assert!(findings_with(&r, &t, Audience::Full, "R11").is_empty());
    }

    #[test]
    fn text_is_compared_as_a_reader_sees_it() {
        let plain = super::as_read("Acme Care offered");
        assert_eq!(plain, "acme care offered");
        for disguised in [
            "Ac\u{AD}me Care offered",
            "Acme\u{200B} Care offered",
            "Ac\u{200C}me Ca\u{200D}re offered",
            "Acme Care off\u{2060}ered",
            "\u{FEFF}Acme Care offered",
            "Acme Ca\u{2063}re offe\u{E0041}red",
            "Ac\u{FE0F}me Care offered",
            "ＡＣＭＥ　ＣＡＲＥ ｏｆｆｅｒｅｄ",
            "ACME CARE OFFERED",
        ] {
            assert_eq!(super::as_read(disguised), plain, "{disguised:?}");
        }
        assert_eq!(
            super::as_read("STRASSE Straße ﬁnal ΟΔΟΣ"),
            "strasse strasse final οδοσ"
        );
    }
}
