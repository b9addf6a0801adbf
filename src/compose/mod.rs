//! One format-neutral document, decided once for both renderers.
//!
//! Everything a reader sees that is not in the report itself (numbers, labels,
//! classification wording, which exempt parts are withheld) is settled here,
//! so the PDF and the Word document cannot disagree.

mod back_matter;
mod body;
mod front;
pub mod numbering;
pub mod page;

use crate::model::{Align, Report, Text};
use crate::template::Template;

/// Who the rendering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The public: exempt parts are replaced by a notice.
    #[default]
    Public,
    /// Members and officers entitled to see exempt information.
    Full,
}

/// The derived classification of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// No exempt parts.
    Open,
    /// Open, with exempt sections or appendices.
    PartExempt,
    /// The whole report is exempt.
    Exempt,
}

impl Classification {
    /// Derived from the exempt parts, never typed: so it cannot contradict them.
    pub fn of(report: &Report) -> Classification {
        if report.exempt.is_some() {
            Classification::Exempt
        } else if report.sections.iter().any(|s| s.exempt.is_some())
            || report.appendices.iter().any(|a| a.exempt.is_some())
        {
            Classification::PartExempt
        } else {
            Classification::Open
        }
    }
}

/// Document properties for both formats.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The report title.
    pub title: String,
    /// "Mayor in Cabinet, 31 July 2019".
    pub subject: String,
    /// The presenting post.
    pub author: String,
    /// Search keywords.
    pub keywords: Vec<String>,
    /// BCP 47 language tag.
    pub lang: &'static str,
}

/// The first page's opening block.
#[derive(Debug, Clone, PartialEq)]
pub struct Masthead {
    /// The council, for the header band.
    pub council: String,
    /// The meeting body: "Cabinet".
    pub meeting: String,
    /// The meeting date, long form.
    pub date: String,
    /// "Agenda item 6.3", if given.
    pub agenda_item: Option<String>,
    /// "Report of: Debbie Jones, Corporate Director …".
    pub report_of: (String, String),
    /// "Classification:", "Unrestricted".
    pub classification: (String, String),
    /// The report title.
    pub title: String,
}

/// One row of the metadata table: a header cell and its value lines.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaRow {
    /// The label, e.g. "Wards affected".
    pub label: String,
    /// One or more lines.
    pub lines: Vec<Text>,
    /// JSON path of the value, for messages.
    pub path: String,
}

/// A paragraph number, as printed and as its parts (so Word numbering can reproduce it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParaNumber {
    /// "3.1", or "17" with continuous numbering.
    pub label: String,
    /// The section's number, from 1.
    pub section: u32,
    /// The paragraph's number within its section (per-section) or the report (continuous).
    pub index: u32,
}

/// The kind of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Bullets.
    Bullet,
    /// a), b), c) within a paragraph.
    Numbered,
    /// The recommendations' own 1., 2., 3.
    Recommendations,
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Its printed label: "•", "a)", "3.".
    pub label: String,
    /// Its text.
    pub text: Text,
    /// Blocks inside the item (a recommendation's table).
    pub children: Vec<Node>,
    /// JSON path of the item.
    pub path: String,
}

/// A table column, with alignment resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// Header cell.
    pub heading: Text,
    /// Left, centre or right: never `Auto`.
    pub align: Align,
    /// Template override of the width, percent of the table.
    pub width_percent: Option<f32>,
}

/// A composed table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableNode {
    /// Caption above the table.
    pub caption: Option<Text>,
    /// Columns.
    pub columns: Vec<ColumnSpec>,
    /// Body rows.
    pub rows: Vec<Vec<Text>>,
    /// Totals row, drawn bold after the body.
    pub total: Option<Vec<Text>>,
    /// First column cells are drawn as headers (bold).
    pub header_column: bool,
    /// First column cells are announced as row headers (PDF `TH`, Word's
    /// first-column look). False for a table of two columns (or very few rows) even when
    /// `header_column` is set: each row would have as many header cells as
    /// data cells, which assistive technology and the PDF/UA checkers read as
    /// a broken table (the rule: header cells may not outnumber data cells).
    /// Decided here so the PDF and Word agree.
    pub row_headers: bool,
}

/// A composed image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageNode {
    /// The file reference as written in the report.
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// Width on the page, mm.
    pub width_mm: Option<f32>,
    /// Caption under it.
    pub caption: Option<Text>,
}

/// Heading depth below the title: 1 for sections (PDF H2, Word Heading 1),
/// 2 for sub-headings (H3, Heading 2).
pub type Level = u8;

/// A piece of the body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A heading; `number` is "3" for numbered sections.
    Heading {
        /// Depth below the title.
        level: Level,
        /// Section number, if numbered.
        number: Option<String>,
        /// Heading text in normal case.
        text: String,
        /// Draw in capitals (style only).
        capitals: bool,
    },
    /// A paragraph; numbered paragraphs hang their number in the gutter.
    Paragraph {
        /// Its number, if numbered.
        number: Option<ParaNumber>,
        /// Indented to the text column of numbered paragraphs (continuations, notices in sections).
        indented: bool,
        /// The text.
        text: Text,
    },
    /// A quotation.
    Quote(Text),
    /// A list.
    List {
        /// Bullets, numbered or recommendations.
        kind: ListKind,
        /// Items.
        items: Vec<ListItem>,
        /// Indented to the text column.
        indented: bool,
    },
    /// A table.
    Table(TableNode),
    /// An image.
    Image(ImageNode),
    /// The notice shown in place of withheld exempt content.
    ExemptNotice(Text),
}

/// A node and the JSON path it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// JSON path in the report, for error messages.
    pub path: String,
}

/// The composed document.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The template, for its brand and numbering style.
    pub template: &'t Template,
    /// Properties.
    pub meta: Meta,
    /// First-page opening block.
    pub masthead: Masthead,
    /// First-page metadata table.
    pub metadata: Vec<MetaRow>,
    /// Running header text for later pages.
    pub running_header: String,
    /// Footer text before the page numbers: the classification.
    pub footer: String,
    /// The body in reading order.
    pub body: Vec<Node>,
}

/// Composes a report with a template for an audience.
pub fn compose<'t>(report: &Report, template: &'t Template, audience: Audience) -> Document<'t> {
    let classification = Classification::of(report);
    let masthead = front::masthead(report, template, classification);
    let mut body = Vec::new();
    body::summary_and_recommendations(report, template, &mut body);
    body::sections(report, template, audience, &mut body);
    back_matter::back_matter(report, template, &mut body);
    back_matter::appendices(report, template, audience, &mut body);
    let short = report.short_title.as_deref().unwrap_or(&report.title);
    Document {
        template,
        meta: Meta {
            title: report.title.clone(),
            subject: format!("{}, {}", masthead.meeting, masthead.date),
            author: report.report_of.role.clone(),
            keywords: keywords(report, template),
            lang: "en-GB",
        },
        running_header: format!("{short} | {}, {}", masthead.meeting, masthead.date),
        footer: masthead.classification.1.clone(),
        metadata: front::metadata(report, template),
        masthead,
        body,
    }
}

fn keywords(report: &Report, template: &Template) -> Vec<String> {
    let mut k = vec![
        template.brand.council_name.clone(),
        report.meeting.body.name().to_string(),
        "Cabinet report".to_string(),
    ];
    k.extend(report.strategic_priorities.iter().cloned());
    k.dedup();
    k
}

impl Document<'_> {
    /// Every node in reading order, including those nested in list items.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        let mut stack: Vec<&Node> = self.body.iter().rev().collect();
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            if let NodeKind::List { items, .. } = &node.kind {
                for item in items.iter().rev() {
                    stack.extend(item.children.iter().rev());
                }
            }
            Some(node)
        })
    }
}
