//! W6: heading structure the document outline cannot follow.
//!
//! What a skipped level means in this model: the title is the top heading;
//! each part compose prints (summary, recommendations, each numbered
//! section, the back matter, each appendix with content) opens with a
//! level-1 heading; sub-headings are level 2. Because compose always prints
//! the level-1 heading before a part's blocks, a sub-heading in the summary,
//! a section or an appendix always has its parent. The one place a level is
//! skipped is a sub-heading in a recommendation's blocks: it would sit
//! inside a list item, under the item's number rather than under a heading
//! one level up (an H3 inside L/LI in the PDF, a heading style inside a
//! numbered list in Word), so the outline jumps from "Recommendations" into
//! the middle of a list.
//!
//! Two other faults break the outline the same way and are reported under
//! the same id: a sub-heading with nothing under it (the last block of its
//! part, or followed straight by another sub-heading), and a paragraph that
//! looks like a heading (short, wholly bold, no closing punctuation) but is
//! not one, so screen-reader users cannot find it (WCAG 2.2, 1.3.1).

use super::{quoted, Ctx, Findings};
use crate::model::{Block, Text};
use crate::validate::RuleId;

/// Longest text, in words, taken for a heading typed as a bold paragraph.
const FAKE_HEADING_WORDS: usize = 12;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    for (i, rec) in r.recommendations.iter().enumerate() {
        let path = format!("$.recommendations[{i}].blocks");
        for (j, b) in rec.blocks.iter().enumerate() {
            if let Block::Subheading(t) = b {
                f.add(
                    RuleId::W6,
                    format!("{path}[{j}]"),
                    format!(
                        "the sub-heading {} sits inside recommendation {}, where it has no heading one level above it (it would be a heading inside a numbered list); make it a bold paragraph, or move it into a section",
                        quoted(&t.plain()),
                        i + 1
                    ),
                );
            }
        }
        blocks(&path, &rec.blocks, false, f);
    }
    blocks("$.summary", &r.summary, true, f);
    for (i, s) in r.sections.iter().enumerate() {
        blocks(&format!("$.sections[{i}].blocks"), &s.blocks, true, f);
    }
    for (i, a) in r.appendices.iter().enumerate() {
        blocks(&format!("$.appendices[{i}].blocks"), &a.blocks, true, f);
    }
}

fn blocks(path: &str, blocks: &[Block], subheadings_allowed: bool, f: &mut Findings) {
    for (j, b) in blocks.iter().enumerate() {
        match b {
            Block::Subheading(t) if subheadings_allowed => {
                let heads_nothing = matches!(blocks.get(j + 1), None | Some(Block::Subheading(_)));
                if heads_nothing {
                    f.add(
                        RuleId::W6,
                        format!("{path}[{j}]"),
                        format!(
                            "the sub-heading {} has nothing under it; add the text it heads, or remove it",
                            quoted(&t.plain())
                        ),
                    );
                }
            }
            Block::Paragraph(t) | Block::Continuation(t) if looks_like_heading(t) => f.add(
                RuleId::W6,
                format!("{path}[{j}]"),
                format!(
                    "{} is set in bold like a heading but is a paragraph, so it is missing from the document's outline; make it a sub-heading",
                    quoted(&t.plain())
                ),
            ),
            _ => {}
        }
    }
}

fn looks_like_heading(t: &Text) -> bool {
    let plain = t.plain();
    let text = plain.trim();
    let all_bold = t.0.iter().all(|s| s.bold || s.text.trim().is_empty());
    !text.is_empty()
        && all_bold
        && super::words::count(text) <= FAKE_HEADING_WORDS
        && !text.ends_with(['.', ':', ';', '?', '!', ','])
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Block, Report, Span, Text};

    #[test]
    fn subheading_in_a_recommendation_skips_a_level() {
        let mut r = Report::sample();
        r.recommendations[0].blocks = vec![
            Block::Subheading("Allocations".into()),
            Block::Paragraph("As below.".into()),
        ];
        assert_eq!(paths(&r, "W6"), ["$.recommendations[0].blocks[0]"]);
    }

    #[test]
    fn empty_and_fake_headings() {
        let mut r = Report::sample();
        r.sections[0]
            .blocks
            .push(Block::Subheading("Next steps".into()));
        r.appendices[0].blocks = vec![
            Block::Paragraph(Text(vec![Span::bold("Inspection findings")])),
            Block::Paragraph("The findings follow.".into()),
        ];
        assert_eq!(
            paths(&r, "W6"),
            ["$.sections[0].blocks[1]", "$.appendices[0].blocks[0]"]
        );
    }

    #[test]
    fn ordinary_structure_is_fine() {
        let mut r = Report::sample();
        r.appendices[0].blocks = vec![
            Block::Subheading("Findings".into()),
            Block::Paragraph(Text(vec![Span::bold(
                "Inspectors did not find any children at risk.",
            )])),
        ];
        assert!(paths(&r, "W6").is_empty());
        assert!(paths(&Report::sample(), "W6").is_empty());
    }
}
