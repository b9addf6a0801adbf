//! R3: a section the template makes mandatory is missing or empty, or a
//! part every report must have (summary, presenting officer) is blank.
//!
//! "Empty" means nothing a reader could take as the section's content: no
//! blocks, or only blank text and sub-headings. An explicit "None" is
//! content, and satisfies the rule, as council practice allows.

use super::{section_name, Ctx, Findings};
use crate::model::{Block, Section};
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    // Without these the published file has no title, no first heading and no
    // author: the accessibility checkers reject it, and so would a clerk.
    let blank = |s: &str| s.trim().is_empty();
    if blank(&r.title) {
        f.add(
            RuleId::R3,
            "$.title",
            "the report has no title; give it one".to_string(),
        );
    }
    if blank(&r.report_of.name) && blank(&r.report_of.role) {
        f.add(
            RuleId::R3,
            "$.report_of",
            "the report does not say whose report it is; give the presenting officer's name and post"
                .to_string(),
        );
    } else if blank(&r.report_of.role) {
        f.add(
            RuleId::R3,
            "$.report_of.role",
            "the presenting officer's post is blank; give it (e.g. \"Corporate Director, Place\")"
                .to_string(),
        );
    }
    if !r.summary.iter().any(block_has_content) {
        f.add(
            RuleId::R3,
            "$.summary",
            "the executive summary is empty; summarise the report in a few paragraphs".to_string(),
        );
    }
    for required in ctx.template.sections.iter().filter(|s| s.mandatory) {
        let present: Vec<usize> = (0..ctx.report.sections.len())
            .filter(|&i| ctx.report.sections[i].kind == required.kind)
            .collect();
        if present.is_empty() {
            f.add(
                RuleId::R3,
                "$.sections",
                format!(
                    "the report has no \"{}\" section, which the template makes mandatory; add it (write \"None\" if there is nothing to say)",
                    required.heading
                ),
            );
        } else if !present
            .iter()
            .any(|&i| has_content(&ctx.report.sections[i]))
        {
            let i = present[0];
            f.add(
                RuleId::R3,
                format!("$.sections[{i}].blocks"),
                format!(
                    "the \"{}\" section is empty, and the template makes it mandatory; say what applies, or write \"None\"",
                    section_name(ctx, i)
                ),
            );
        }
    }
}

fn has_content(s: &Section) -> bool {
    s.blocks.iter().any(block_has_content)
}

fn block_has_content(b: &Block) -> bool {
    match b {
        Block::Paragraph(t) | Block::Continuation(t) | Block::Quote(t) => !t.is_blank(),
        Block::Subheading(_) => false,
        Block::Bullets(items) | Block::NumberedList(items) => items.iter().any(|t| !t.is_blank()),
        Block::Table(t) => !t.rows.is_empty(),
        Block::Image(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Block, Report, SectionKind};

    #[test]
    fn blank_summary_and_presenter() {
        let mut r = Report::sample();
        r.title = " ".into();
        r.summary.clear();
        r.report_of.role.clear();
        assert_eq!(
            paths(&r, "R3"),
            ["$.title", "$.report_of.role", "$.summary"]
        );
        r.report_of.name.clear();
        assert_eq!(paths(&r, "R3"), ["$.title", "$.report_of", "$.summary"]);
    }

    #[test]
    fn missing_and_empty_mandatory_sections() {
        let mut r = Report::sample();
        r.sections.retain(|s| s.kind != SectionKind::Legal);
        assert_eq!(paths(&r, "R3"), ["$.sections"]);

        let mut r = Report::sample();
        r.sections[3].blocks = vec![
            Block::Subheading("Finance".into()),
            Block::Paragraph(" ".into()),
        ];
        assert_eq!(paths(&r, "R3"), ["$.sections[3].blocks"]);
    }

    #[test]
    fn an_explicit_none_is_enough() {
        let mut r = Report::sample();
        r.sections[1].blocks = vec![Block::Paragraph("None.".into())];
        assert!(paths(&r, "R3").is_empty());
        // Optional sections may be left out.
        assert!(!r.sections.iter().any(|s| s.kind == SectionKind::Equalities));
    }
}
