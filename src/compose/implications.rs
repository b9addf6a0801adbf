//! The implications table: sections the template sets out as rows
//! (implication, comment, sign-off) under one numbered heading.

use super::text::resolve;
use super::{Audience, Text};
use crate::error::Error;
use crate::model::{Block, Section};
use crate::template::Template;
use crate::validate::{Diagnostic, RuleId};

/// A composed implications table.
#[derive(Debug, Clone, PartialEq)]
pub struct ImplicationsNode {
    /// The header cells: implication, comment and (when the template has
    /// one) sign-off.
    pub columns: Vec<String>,
    /// One row per section, in the template's row order.
    pub rows: Vec<ImplicationRow>,
}

/// One row: the implication (a row header), its comment and its sign-off.
#[derive(Debug, Clone, PartialEq)]
pub struct ImplicationRow {
    /// The section's heading: the row header.
    pub label: String,
    /// The comment's paragraphs.
    pub comment: Vec<Text>,
    /// Who signed it off; `None` when the table has no sign-off column.
    pub sign_off: Option<Text>,
    /// JSON path of the section.
    pub path: String,
}

/// Why a section cannot be a row: a cell holds paragraphs, not tables,
/// pictures or sub-headings. `None` when it can.
pub(crate) fn unfit_block(section: &Section) -> Option<(usize, &'static str)> {
    section.blocks.iter().enumerate().find_map(|(i, b)| {
        let what = match b {
            Block::Paragraph(_) | Block::Continuation(_) | Block::Bullets(_) => return None,
            Block::Subheading(_) => "a sub-heading",
            Block::Quote(_) => "a quotation",
            Block::NumberedList(_) => "a numbered list",
            Block::Table(_) => "a table",
            Block::Image(_) => "an image",
        };
        Some((i, what))
    })
}

/// The message for a section that cannot be a row.
pub(crate) fn unfit_message(what: &str) -> String {
    format!(
        "{what} cannot go in a cell of the implications table, which the template sets this section out in; write paragraphs or bullets, or put it in an appendix"
    )
}

/// The row for `section`, at `path`; the notice alone in the public edition
/// of an exempt one.
pub(super) fn row(
    t: &Template,
    section: &Section,
    path: &str,
    number: u32,
    audience: Audience,
) -> Result<ImplicationRow, Error> {
    if let Some((i, what)) = unfit_block(section) {
        return Err(Error::Invalid(vec![Diagnostic::new(
            RuleId::R12,
            format!("{path}.blocks[{i}]"),
            unfit_message(what),
        )]));
    }
    let label = section
        .heading
        .clone()
        .or_else(|| t.section(&section.kind).map(|s| s.heading.clone()))
        .unwrap_or_default();
    let mut comment = Vec::new();
    if let Some(ex) = &section.exempt {
        let what = format!("Section {number} ({label})");
        if let super::NodeKind::ExemptNotice(text) = super::body::exempt_notice(t, &what, ex, path).kind {
            comment.push(text);
        }
    }
    if section.exempt.is_none() || audience == Audience::Full {
        for b in &section.blocks {
            match b {
                Block::Paragraph(text) | Block::Continuation(text) => comment.push(resolve(text)),
                Block::Bullets(items) => comment.extend(
                    items
                        .iter()
                        .filter(|i| !i.is_blank())
                        .map(|i| {
                            let mut line = Text::from("• ");
                            line.0.extend(resolve(i).0);
                            line
                        }),
                ),
                _ => {}
            }
        }
    }
    let has_column = t
        .implications_table
        .as_ref()
        .is_some_and(|i| i.sign_off_column.is_some());
    Ok(ImplicationRow {
        label,
        comment,
        sign_off: has_column.then(|| Text::from(section.sign_off.as_deref().unwrap_or(""))),
        path: path.to_string(),
    })
}
