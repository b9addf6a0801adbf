//! R6: each exemption cites valid Schedule 12A paragraphs and a public-interest reason.
//! R11: exempt content would reach a public rendering.
//!
//! What compose withholds from the public: the blocks of an exempt section
//! and of an exempt appendix, each replaced by a notice. What it always
//! prints: the header, summary, recommendations, section headings, appendix
//! titles and the back matter, and, for a report marked wholly exempt,
//! everything. So R11 finds (a) a wholly exempt report rendered for the
//! public, and (b) open text that repeats exempt text word for word (ten
//! words or more in the same order). Exempt facts paraphrased in open text
//! cannot be told apart from open facts, so they are not looked for: that
//! stays the author's and the clerk's judgement.

use super::walk::{Part, Role};
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

fn public_rendering(ctx: &Ctx, f: &mut Findings) {
    if ctx.report.exempt.is_some() {
        f.add(
            RuleId::R11,
            "$.exempt",
            "the whole report is exempt, so it cannot be published: render it for members and officers only (the full audience), or publish an open version without the exempt material",
        );
        return;
    }
    let withheld = |part: Part| match part {
        Part::Section(i) => ctx.report.sections[i].exempt.is_some(),
        Part::Appendix(i) => ctx.report.appendices[i].exempt.is_some(),
        _ => false,
    };
    // Fingerprints of every run of QUOTE_WORDS words in withheld text.
    let mut exempt_runs: HashMap<u64, Part> = HashMap::new();
    for v in ctx
        .visits
        .iter()
        .filter(|v| withheld(v.part) && !is_label(v))
    {
        for h in runs(&v.text) {
            exempt_runs.entry(h).or_insert(v.part);
        }
    }
    if exempt_runs.is_empty() {
        return;
    }
    for v in &ctx.visits {
        if withheld(v.part) || is_label(v) {
            continue;
        }
        if let Some(part) = runs(&v.text).find_map(|h| exempt_runs.get(&h)) {
            let source = match *part {
                Part::Section(i) => {
                    format!("the exempt \"{}\" section", super::section_name(ctx, i))
                }
                Part::Appendix(i) => {
                    format!("exempt {}", super::appendix_name(ctx, i))
                }
                _ => "an exempt part".into(),
            };
            f.add(
                RuleId::R11,
                &v.path,
                format!(
                    "{} repeats text from {source} word for word, and this part is published; reword it without the exempt information, or move it into the exempt part",
                    quoted(&v.text)
                ),
            );
        }
    }
}

/// Titles, names and addresses are printed as labels; a shared title is not a leak.
fn is_label(v: &super::walk::Visit) -> bool {
    matches!(
        v.role,
        Role::Heading | Role::Name | Role::Address | Role::Unfilled(_)
    ) || v.path.ends_with(".public_interest")
}

/// Hashes of each run of `QUOTE_WORDS` consecutive words, case and punctuation ignored.
fn runs(text: &str) -> impl Iterator<Item = u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let n = words.len();
    (0..(n + 1).saturating_sub(QUOTE_WORDS)).map(move |i| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words[i..i + QUOTE_WORDS].hash(&mut h);
        h.finish()
    })
}

#[cfg(test)]
mod tests {
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
}
