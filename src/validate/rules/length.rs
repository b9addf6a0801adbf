//! W1: longer than the template's guideline in sides of A4.
//! W2: the executive summary over its word limit.
//!
//! The length is estimated, not measured: the validator runs before layout
//! and must not depend on fonts. It counts lines of the composed document
//! (so withheld exempt parts count as their notice, as printed) for 12 pt
//! Arial on A4 with 2.5 cm margins: about 13 words a line and 47 lines a
//! side, so some 500 words a side once the gaps between paragraphs are
//! counted. Headings, table rows, list items and images add their own
//! lines; the first page's masthead and metadata table theirs. Appendices
//! are not counted: guidelines limit the report, and appendices are
//! attached. Checked against the sample (about 2,400 words), which the Word
//! renderer's output fills on 7 sides in LibreOffice: the estimate is
//! within a side or so, enough to tell a 6-side report from a 15-side one.

use super::words::count;
use super::{Ctx, Findings};
use crate::compose::{Document, ListItem, NodeKind, TableNode, Text};
use crate::validate::{Diagnostic, RuleId};

/// Words on a full-width line of 12 pt Arial across 160 mm (about 85 characters).
const WORDS_PER_LINE: f32 = 13.0;
/// Lines of 12 pt text (1.15 spacing) on a side of A4 inside 2.5 cm margins, less the running header and footer.
const LINES_PER_SIDE: f32 = 47.0;
/// Space after a paragraph or list, in lines.
const GAP: f32 = 0.6;
/// An image with no known height: a third of a side.
const IMAGE_LINES: f32 = 15.0;

/// W1 on the composed document the caller already has: the rules never
/// compose (one render composes once, and its check reads that document).
pub(crate) fn length_warning(doc: &Document, guideline: u32) -> Option<Diagnostic> {
    let sides = estimate_sides(doc);
    (guideline > 0 && sides > guideline).then(|| {
        Diagnostic::new(
            RuleId::W1,
            "$",
            format!(
                "the report is about {sides} sides of A4 without its appendices (estimated from its text at 12 pt, about 500 words a side); the council's guideline is {guideline}: consider moving detail into an appendix"
            ),
        )
    })
}

/// W2; W1 is [`length_warning`], on the composed document.
pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let limit = ctx.template.summary_word_limit as usize;
    let words: usize = ctx
        .visits
        .iter()
        .filter(|v| v.part == super::walk::Part::Summary && v.role != super::walk::Role::Address)
        .map(|v| count(&v.text))
        .sum();
    if limit > 0 && words > limit {
        f.add(
            RuleId::W2,
            "$.summary",
            format!(
                "the executive summary has {words} words; the council's limit is {limit}: keep to what the decision maker needs, and leave detail to the body"
            ),
        );
    }
}

/// Sides of A4 the composed report fills, appendices excluded.
pub(crate) fn estimate_sides(doc: &Document) -> u32 {
    let mut lines = masthead_lines(doc);
    for node in &doc.body {
        // Appendix content follows the back matter under `$.appendices[i]…` paths.
        if node.path.starts_with("$.appendices[") {
            continue;
        }
        lines += node_lines(&node.kind);
    }
    (lines / LINES_PER_SIDE).ceil().max(1.0) as u32
}

fn text_lines(t: &Text, words_per_line: f32) -> f32 {
    let words = count(&t.plain()) as f32;
    (words / words_per_line).ceil().max(1.0)
}

fn masthead_lines(doc: &Document) -> f32 {
    let title = (count(&doc.masthead.title) as f32 / 7.0).ceil() * 1.5;
    // Council band, meeting and date, report of, classification.
    let fixed = 8.0;
    let rows: f32 = doc
        .metadata
        .iter()
        .map(|r| {
            let words: usize = r.lines.iter().map(|t| count(&t.plain())).sum();
            (r.lines.len() as f32)
                .max((words as f32 / 6.0).ceil())
                .max(1.0)
                + 0.4
        })
        .sum();
    title + fixed + rows + 1.0
}

fn node_lines(kind: &NodeKind) -> f32 {
    match kind {
        NodeKind::Heading { level, text, .. } => {
            let wrap = (count(text) as f32 / 9.0).ceil().max(1.0);
            wrap + if *level <= 1 { 1.5 } else { 1.0 }
        }
        NodeKind::Paragraph { text, .. } | NodeKind::ExemptNotice(text) => {
            text_lines(text, WORDS_PER_LINE) + GAP
        }
        NodeKind::Quote(text) => text_lines(text, WORDS_PER_LINE * 0.85) + GAP,
        NodeKind::List { items, .. } => items.iter().map(item_lines).sum::<f32>() + GAP,
        NodeKind::Table(t) => table_lines(t),
        NodeKind::Implications(t) => {
            // About a third of the text width for comments: three words a line.
            t.rows
                .iter()
                .map(|r| r.comment.iter().map(|c| text_lines(c, WORDS_PER_LINE * 0.5)).sum::<f32>() + 0.4)
                .sum::<f32>()
                + 1.0
        }
        NodeKind::Image(img) => {
            IMAGE_LINES
                + img
                    .caption
                    .as_ref()
                    .map_or(0.0, |c| text_lines(c, WORDS_PER_LINE))
                + GAP
        }
    }
}

fn item_lines(item: &ListItem) -> f32 {
    text_lines(&item.text, WORDS_PER_LINE * 0.9)
        + 0.3
        + item
            .children
            .iter()
            .map(|n| node_lines(&n.kind))
            .sum::<f32>()
}

fn table_lines(t: &TableNode) -> f32 {
    let cols = t.columns.len().max(1);
    // Each column gets its share of the line, less padding.
    let per_cell = (WORDS_PER_LINE / cols as f32 * 0.85).max(1.0);
    let row = |cells: &mut dyn Iterator<Item = &Text>| {
        cells
            .map(|c| text_lines(c, per_cell))
            .fold(1.0f32, f32::max)
            + 0.5
    };
    let header = row(&mut t.columns.iter().map(|c| &c.heading));
    let header = if t.header_row { header } else { 0.0 };
    let body: f32 = t
        .rows
        .iter()
        .map(|r| row(&mut r.cells.iter().filter_map(|c| c.text())))
        .sum();
    let caption = t
        .caption
        .as_ref()
        .map_or(0.0, |c| text_lines(c, WORDS_PER_LINE));
    caption + header + body + 1.0
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use super::*;
    use crate::compose::{compose, Audience};
    use crate::model::{Block, Report};
    use crate::template::Template;

    #[test]
    fn the_sample_is_a_few_sides_and_within_its_guideline() {
        let t = Template::tower_hamlets();
        let sides = estimate_sides(&compose(&Report::sample(), &t, Audience::Public).unwrap());
        // About 2,400 words; its Word rendering fills 7 sides in LibreOffice.
        assert!((6..=8).contains(&sides), "{sides}");
        assert!(paths(&Report::sample(), "W1").is_empty());
    }

    #[test]
    fn a_long_report_is_flagged_and_appendices_do_not_count() {
        let mut r = Report::sample();
        let long = "word ".repeat(500);
        r.appendices[0].blocks = vec![Block::Paragraph(long.as_str().into()); 30];
        assert!(paths(&r, "W1").is_empty(), "appendices count towards W1");
        r.sections[2]
            .blocks
            .extend(vec![Block::Paragraph(long.as_str().into()); 8]);
        let d = findings(&r, "W1");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "$");
        assert!(d[0].message.contains("guideline is 10"), "{}", d[0].message);
    }

    #[test]
    fn summary_word_limit() {
        let mut r = Report::sample();
        assert!(paths(&r, "W2").is_empty());
        r.summary
            .push(Block::Paragraph("word ".repeat(250).as_str().into()));
        assert_eq!(paths(&r, "W2"), ["$.summary"]);
    }
}
