//! One format-neutral document, decided once for both renderers.
//!
//! Everything a reader sees that is not in the report itself (numbers,
//! labels, list styles, links, classification wording, which exempt parts
//! are withheld, and every design value) is settled here, so the PDF and the
//! Word document cannot disagree. The renderers read only this document:
//! they import nothing from the model or the template.

pub mod agenda;
pub(crate) mod back_matter;
mod body;
pub(crate) mod exempt_pages;
pub use exempt_pages::ExemptPart;
mod front;
mod implications;
pub mod numbering;
pub(crate) mod running;
mod table;
pub(crate) mod source;
pub mod text;
pub mod theme;

pub use source::Source;
pub use implications::ImplicationsNode;
pub(crate) use front::printed_header_rows;
pub(crate) use body::unknown_section_message;

/// Why a section cannot be a row of the implications table: the block's
/// index and the message, or `None`.
pub(crate) fn implications_unfit(s: &crate::model::Section) -> Option<(usize, String)> {
    implications::unfit_block(s).map(|(i, what)| (i, implications::unfit_message(what)))
}
pub use text::{Span, Text};
pub use theme::{Rgb, Theme};

use crate::error::Error;
use crate::fonts::FontSet;
use crate::model::Report;
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
    /// Lines above the meeting ("Public report", "Cabinet Report").
    pub opening: Vec<String>,
    /// The council, for the header band.
    pub council: String,
    /// What the logo shows, for its alternative text.
    pub logo_alt: String,
    /// The meeting body: "Cabinet".
    pub meeting: String,
    /// The meeting date, in the template's style.
    pub date: String,
    /// "Agenda item 6.3", if given.
    pub agenda_item: Option<String>,
    /// "Report of:", "Debbie Jones, Corporate Director …".
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
    /// Who signed the row off, when the template prints a sign-off column.
    pub sign_off: Option<Text>,
}

/// How paragraph numbers run, which decides the Word lists that print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphNumbering {
    /// 3.1, 3.2 …: restarting in each section, under the section's number.
    PerSection,
    /// 1, 2, 3 … through the report.
    Continuous,
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
    /// In a section group, the section's place in it from 1 ("5.2.1" is
    /// the first paragraph of the group's second section).
    pub member: Option<u32>,
}

/// A section heading's number: "5", or "5.2" for the second section of
/// the group numbered 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingNumber {
    /// The section's (or its group's) number, from 1.
    pub section: u32,
    /// Its place in its group, from 1.
    pub member: Option<u32>,
}

impl From<u32> for HeadingNumber {
    fn from(section: u32) -> Self {
        HeadingNumber {
            section,
            member: None,
        }
    }
}

impl std::fmt::Display for HeadingNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.member {
            Some(m) => write!(f, "{}.{m}", self.section),
            None => write!(f, "{}", self.section),
        }
    }
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

/// How a list counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// 1, 2, 3.
    Decimal,
    /// a, b, c … z, aa, bb (as Word counts past z).
    LowerLetter,
    /// A, B, C.
    UpperLetter,
    /// i, ii, iii.
    LowerRoman,
    /// I, II, III.
    UpperRoman,
}

impl Counter {
    /// The counter of item `n` (from 1).
    pub fn format(self, n: u32) -> String {
        match self {
            Counter::Decimal => n.to_string(),
            Counter::LowerLetter => word_letters(n),
            Counter::UpperLetter => word_letters(n).to_uppercase(),
            Counter::LowerRoman => roman(n),
            Counter::UpperRoman => roman(n).to_uppercase(),
        }
    }
}

/// Word's letters: a … z, then aa … zz, aaa …: the letter repeated.
fn word_letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    // Bounded: a list long enough to repeat a letter thousands of times is
    // already refused by the input limit long before this matters.
    std::iter::repeat_n(letter, (n / 26 + 1).min(1000) as usize)
        .collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// What marks a list's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// The same character before every item.
    Bullet(char),
    /// A counter with the text around it: "a)" is `("", LowerLetter, ")")`.
    Counter {
        /// Before the counter.
        prefix: String,
        /// The counter.
        counter: Counter,
        /// After the counter.
        suffix: String,
    },
}

/// A list's style: its marker and its first number. Every item's printed
/// label is [`ListStyle::label`] of its position, so a Word list built from
/// this style prints exactly what the PDF prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListStyle {
    /// The marker.
    pub marker: Marker,
    /// The number of the first item.
    pub start: u32,
}

impl ListStyle {
    /// "•" before every item.
    pub fn bullet() -> ListStyle {
        ListStyle {
            marker: Marker::Bullet('•'),
            start: 1,
        }
    }

    /// The label of the item at `index` (from 0).
    pub fn label(&self, index: usize) -> String {
        match &self.marker {
            Marker::Bullet(c) => c.to_string(),
            Marker::Counter {
                prefix,
                counter,
                suffix,
            } => {
                let n = self.start.saturating_add(index as u32);
                format!("{prefix}{}{suffix}", counter.format(n))
            }
        }
    }
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

/// Left, centre or right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Centre,
    /// Right: figures, so their digits line up.
    Right,
}

/// A table column, with alignment and width resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// Header cell.
    pub heading: Text,
    /// Never "auto": decided from the column's content.
    pub align: Align,
    /// Its share of the table's width (the shares add up to 1): the table
    /// is as wide as the column it stands in, in both formats.
    pub width: f32,
}

/// What a row of a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of figures.
    Body,
    /// A subtotal among the body rows: set like the totals row.
    Subtotal,
    /// The totals row, after the body.
    Total,
}

/// A position in a table's grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A cell and its text; a merged cell spans more than one row or column.
    Text {
        /// The text.
        text: Text,
        /// Rows it spans, at least 1.
        rows: usize,
        /// Columns it spans, at least 1.
        columns: usize,
    },
    /// The first column of a merged cell in a row below its first: Word
    /// writes a continuation cell here, `columns` wide.
    Below {
        /// Columns the merged cell spans.
        columns: usize,
    },
    /// Covered by a merged cell: nothing is drawn or tagged here.
    Covered,
}

impl Cell {
    /// The text of a cell that has its own.
    pub fn text(&self) -> Option<&Text> {
        match self {
            Cell::Text { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// A row of a composed table: one [`Cell`] per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Body, subtotal or total.
    pub kind: RowKind,
    /// One per column.
    pub cells: Vec<Cell>,
}

/// A composed table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableNode {
    /// Caption above the table.
    pub caption: Option<Text>,
    /// Columns.
    pub columns: Vec<ColumnSpec>,
    /// Whether the columns' headings make a header row (repeated on each
    /// page): false when every heading is blank, so no empty bar is drawn.
    pub header_row: bool,
    /// Body and subtotal rows, then the totals row if there is one.
    pub rows: Vec<Row>,
    /// First column cells are drawn as headers (bold).
    pub header_column: bool,
    /// First column cells are announced as row headers (PDF `TH`, Word's
    /// first-column look). False for a table of two columns (or very few rows) even when
    /// `header_column` is set: each row would have as many header cells as
    /// data cells, which assistive technology and the PDF/UA checkers read as
    /// a broken table (the rule: header cells may not outnumber data cells).
    /// Decided here so the PDF and Word agree.
    pub row_headers: bool,
    /// Kept on one page: the table fits on a page, so it moves to the next
    /// page rather than splitting. A longer table splits between rows, its
    /// header row repeated.
    pub keep_together: bool,
}

impl TableNode {
    /// Whether the cell in column `c` of a row of this kind is set in bold:
    /// totals and subtotals, and the cells heading their rows.
    pub fn bold(&self, kind: RowKind, c: usize) -> bool {
        kind != RowKind::Body || (c == 0 && self.header_column)
    }

    /// The totals row, if any.
    pub fn total(&self) -> Option<&Row> {
        self.rows.last().filter(|r| r.kind == RowKind::Total)
    }
}

/// A composed image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageNode {
    /// Which of [`Document::images`]: one per distinct file reference, so a
    /// picture used twice is embedded once in both formats.
    pub id: usize,
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
    /// A heading.
    Heading {
        /// Depth below the title.
        level: Level,
        /// The section's number, if numbered.
        number: Option<HeadingNumber>,
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
        /// How its items are marked and counted.
        style: ListStyle,
        /// Items, none blank.
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
    /// Sections the template sets out as rows of one table.
    Implications(ImplicationsNode),
}

/// A node and the JSON path it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Kept on the same page as what follows: headings, and a paragraph
    /// that introduces what follows ("… is recommended to:").
    pub keep_with_next: bool,
    /// JSON path in the report, for error messages.
    pub path: String,
}

impl Node {
    /// A node, kept with the next when it is a heading or ends in a colon.
    pub(crate) fn new(kind: NodeKind, path: impl Into<String>) -> Node {
        let keep_with_next = match &kind {
            NodeKind::Heading { .. } => true,
            NodeKind::Paragraph { text, .. } => text.plain().trim_end().ends_with(':'),
            _ => false,
        };
        Node {
            kind,
            keep_with_next,
            path: path.into(),
        }
    }
}

/// A piece of the page-number label: "Page {page} of {pages}" is
/// `[Text("Page "), Page, Text(" of "), Pages]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagePart {
    /// Words from the template.
    Text(String),
    /// The number of this page.
    Page,
    /// The number of pages.
    Pages,
}

/// Splits the template's page label at its placeholders.
fn page_label(pattern: &str) -> Vec<PagePart> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let next = [("{page}", PagePart::Page), ("{pages}", PagePart::Pages)]
            .into_iter()
            .filter_map(|(k, part)| rest.find(k).map(|at| (at, k, part)))
            .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, key, part)) => {
                if at > 0 {
                    parts.push(PagePart::Text(rest[..at].to_string()));
                }
                parts.push(part);
                rest = &rest[at + key.len()..];
            }
            None => {
                parts.push(PagePart::Text(rest.to_string()));
                rest = "";
            }
        }
    }
    parts
}

/// The page label for one page.
pub fn page_label_text(parts: &[PagePart], page: usize, pages: usize) -> String {
    parts
        .iter()
        .map(|p| match p {
            PagePart::Text(t) => t.clone(),
            PagePart::Page => page.to_string(),
            PagePart::Pages => pages.to_string(),
        })
        .collect()
}

/// The composed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Every design value.
    pub theme: Theme,
    /// How paragraph numbers run.
    pub numbering: ParagraphNumbering,
    /// Properties.
    pub meta: Meta,
    /// First-page opening block.
    pub masthead: Masthead,
    /// First-page metadata table.
    pub metadata: Vec<MetaRow>,
    /// The metadata table's column headings (label, value, sign-off) when
    /// the template prints a sign-off column; no header row otherwise.
    pub metadata_columns: Option<[String; 3]>,
    /// Running header text for later pages.
    pub running_header: String,
    /// Footer text before the page numbers: the classification (for a
    /// wholly exempt report's full edition, "NOT FOR PUBLICATION" with its
    /// paragraphs).
    pub footer: String,
    /// Full edition: the parts carrying exempt information. Each starts on a
    /// new page, the node after it starts another, and their pages' footer
    /// is [`ExemptPart::footer`] instead of [`Document::footer`].
    pub exempt_parts: Vec<ExemptPart>,
    /// "Page X of Y", in parts.
    pub page_label: Vec<PagePart>,
    /// The body in reading order.
    pub body: Vec<Node>,
    /// The distinct image references, in order of first use: [`ImageNode::id`] indexes this.
    pub images: Vec<String>,
    /// The word screen readers say before an email address that is a link.
    pub email_label: String,
    /// The report for reading an edited Word file back; `None` where no
    /// Word file is made from this document (the check, the PDF, a pack's
    /// front sheet).
    pub source: Option<Source>,
    /// A bilingual report's second language: the whole report again, with
    /// its own wording, masthead, running header and footer, printed after
    /// this one in the same file and numbered on from it. `None` for a
    /// report in one language (and in the second part itself).
    pub second: Option<Box<Document>>,
}

/// Composes a report with a template for an audience, measuring tables
/// with the built-in fonts (Liberation Sans); a template whose brand names
/// its own fonts is composed with [`compose_with_fonts`], as a
/// [`Renderer`](crate::Renderer) does.
///
/// For the public, exempt sections and appendices are left out here (only
/// their notices are printed), whatever the caller has or has not checked;
/// a wholly exempt report has no public edition and is refused.
pub fn compose(
    report: &Report,
    template: &Template,
    audience: Audience,
) -> Result<Document, Error> {
    compose_with_fonts(report, template, audience, built_in_fonts())
}

fn built_in_fonts() -> &'static FontSet {
    static BUILT_IN: std::sync::OnceLock<FontSet> = std::sync::OnceLock::new();
    BUILT_IN.get_or_init(FontSet::default_fonts)
}

/// [`compose`], measuring tables' columns with `fonts`, the faces the PDF
/// will draw them in, so both formats give each column the same width.
pub fn compose_with_fonts(
    report: &Report,
    template: &Template,
    audience: Audience,
    fonts: &FontSet,
) -> Result<Document, Error> {
    let mut doc = compose_printed(report, template, audience, Some(fonts))?;
    carry_source(&mut doc, report, audience);
    Ok(doc)
}

/// Gives `doc` the report the Word file carries ([`Document::source`]).
pub(crate) fn carry_source(doc: &mut Document, report: &Report, audience: Audience) {
    if doc.source.is_none() {
        doc.source = Some(source::source(report, audience));
    }
}

/// What is printed, without [`Document::source`]: all that the check, the
/// PDF and the importer need. Serializing the report for the Word file was
/// four fifths of composing the sample, so only a Word rendering pays it
/// ([`carry_source`]). `fonts` measure tables; the built-in ones when `None`.
pub(crate) fn compose_printed(
    report: &Report,
    template: &Template,
    audience: Audience,
    fonts: Option<&FontSet>,
) -> Result<Document, Error> {
    let fonts: &FontSet = match fonts {
        Some(fonts) => fonts,
        None => built_in_fonts(),
    };
    match bilingual_parts(report, template) {
        Some([(a, ta), (b, tb)]) => {
            let mut first = compose_one(&a, &ta, audience, fonts)?;
            first.second = Some(Box::new(compose_one(&b, &tb, audience, fonts)?));
            Ok(first)
        }
        None => compose_one(report, template, audience, fonts),
    }
}

/// A bilingual report's two parts in print order, each its text with the
/// template's wording in its language; `None` unless both the template is
/// bilingual and the report has its other language's text (a report
/// lacking either is one part, and rule R14 stops its publication).
///
/// Exemption is decided by the part, not the language: a section or
/// appendix exempt in either language is exempt in both, and a wholly
/// exempt report is wholly exempt in both, so no edition can print in one
/// language what it withholds in the other, whatever the caller checked.
pub(crate) fn bilingual_parts(
    report: &Report,
    template: &Template,
) -> Option<[(Report, Template); 2]> {
    let languages = template.languages()?;
    let mut other = report.translated()?;
    let mut own = report.clone();
    own.translation = None;
    let own_language = language(report, template);
    let other_language = other.language?;
    // Parts that do not pair up (R15) cannot share their exemptions.
    if !languages.contains(&own_language)
        || !languages.contains(&other_language)
        || own_language == other_language
        || own.sections.len() != other.sections.len()
        || own.appendices.len() != other.appendices.len()
    {
        return None;
    }
    share_exemptions(&mut own, &mut other);
    let [a, b] = languages.map(|l| {
        let text = if l == own_language { own.clone() } else { other.clone() };
        Some((text, template.in_language(l)?))
    });
    Some([a?, b?])
}

/// Makes every part exempt in one language exempt in the other too (the
/// other's own wording of the reason when it has one).
fn share_exemptions(a: &mut Report, b: &mut Report) {
    fn share(x: &mut Option<crate::model::Exemption>, y: &mut Option<crate::model::Exemption>) {
        match (x.is_some(), y.is_some()) {
            (true, false) => *y = x.clone(),
            (false, true) => *x = y.clone(),
            _ => {}
        }
    }
    share(&mut a.exempt, &mut b.exempt);
    for (x, y) in a.sections.iter_mut().zip(&mut b.sections) {
        share(&mut x.exempt, &mut y.exempt);
    }
    for (x, y) in a.appendices.iter_mut().zip(&mut b.appendices) {
        share(&mut x.exempt, &mut y.exempt);
    }
}

/// One language's document.
fn compose_one(
    report: &Report,
    template: &Template,
    audience: Audience,
    fonts: &FontSet,
) -> Result<Document, Error> {
    let classification = Classification::of(report);
    if classification == Classification::Exempt && audience == Audience::Public {
        return Err(Error::WhollyExempt);
    }
    let masthead = front::masthead(report, template, classification);
    let mut body = Vec::new();
    body::summary_and_recommendations(report, template, &mut body);
    body::sections(report, template, audience, &mut body)?;
    back_matter::back_matter(report, template, &mut body);
    back_matter::appendices(report, template, audience, &mut body);
    relabel_sub_items(&mut body, template.sub_items);
    let images = number_images(&mut body);
    let exempt_parts = match audience {
        Audience::Full if report.exempt.is_none() => exempt_pages::parts(report, template, &body),
        _ => Vec::new(),
    };
    let footer = match &report.exempt {
        Some(ex) => exempt_pages::page_mark(template, ex),
        None => masthead.classification.1.clone(),
    };
    let theme = Theme::of(template);
    table::measure(&mut body, fonts, theme.sizes.table);
    let short = report.short_title.as_deref().unwrap_or(&report.title);
    let running = running::running_header(
        short,
        &masthead.meeting,
        &masthead.date,
        running::budget(&theme),
    );
    Ok(Document {
        theme,
        numbering: match template.numbering {
            crate::template::Numbering::PerSection => ParagraphNumbering::PerSection,
            crate::template::Numbering::Continuous | crate::template::Numbering::WholeReport => {
                ParagraphNumbering::Continuous
            }
        },
        meta: Meta {
            title: report.title.clone(),
            subject: format!("{}, {}", masthead.meeting, masthead.date),
            author: report.report_of.role.clone(),
            keywords: keywords(report, template),
            lang: language(report, template).tag(),
        },
        running_header: running.text,
        footer,
        exempt_parts,
        page_label: page_label(&template.labels.page_x_of_y),
        metadata: front::metadata(report, template),
        metadata_columns: front::metadata_columns(template),
        masthead,
        body,
        images,
        email_label: template.labels.email.clone(),
        source: None,
        second: None,
    })
}

/// The report's language: its own, or its template's.
pub(crate) fn language(report: &Report, template: &Template) -> crate::model::Language {
    report.language.unwrap_or(template.language)
}

/// Labels numbered lists' items as the template asks: `a)`, `(a)` or `(i)`.
/// The style goes with the labels, so Word's list prints the same.
fn relabel_sub_items(body: &mut [Node], sub_items: crate::template::SubItems) {
    use crate::template::SubItems;
    let (prefix, counter, suffix) = match sub_items {
        SubItems::LetterBracket => return,
        SubItems::BracketedLetter => ("(", Counter::LowerLetter, ")"),
        SubItems::BracketedRoman => ("(", Counter::LowerRoman, ")"),
    };
    for node in body {
        if let NodeKind::List {
            kind, style, items, ..
        } = &mut node.kind
        {
            if *kind == ListKind::Numbered {
                style.marker = Marker::Counter {
                    prefix: prefix.into(),
                    counter,
                    suffix: suffix.into(),
                };
                for (i, item) in items.iter_mut().enumerate() {
                    item.label = style.label(i);
                }
            }
            for item in items {
                relabel_sub_items(&mut item.children, sub_items);
            }
        }
    }
}

/// Gives each image its id: one per distinct reference, in reading order.
/// Linear: one map lookup per image.
fn number_images(body: &mut [Node]) -> Vec<String> {
    fn walk(
        nodes: &mut [Node],
        seen: &mut std::collections::HashMap<String, usize>,
        out: &mut Vec<String>,
    ) {
        for node in nodes {
            match &mut node.kind {
                NodeKind::Image(img) => {
                    let next = out.len();
                    img.id = *seen.entry(img.src.clone()).or_insert(next);
                    if img.id == next {
                        out.push(img.src.clone());
                    }
                }
                NodeKind::List { items, .. } => {
                    for item in items {
                        walk(&mut item.children, seen, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(body, &mut std::collections::HashMap::new(), &mut out);
    out
}

impl Document {
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

fn keywords(report: &Report, template: &Template) -> Vec<String> {
    let mut k = vec![
        template.brand.council_name.clone(),
        template.body_name(&report.meeting.body).to_string(),
        template.labels.keyword.clone(),
    ];
    k.extend(report.strategic_priorities.iter().cloned());
    k.dedup();
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_label_is_split_once_into_words_and_numbers() {
        let parts = page_label("Tudalen {page} o {pages}");
        assert_eq!(
            parts,
            [
                PagePart::Text("Tudalen ".into()),
                PagePart::Page,
                PagePart::Text(" o ".into()),
                PagePart::Pages
            ]
        );
        assert_eq!(page_label_text(&parts, 3, 12), "Tudalen 3 o 12");
        assert_eq!(page_label("{page}"), [PagePart::Page]);
    }

    #[test]
    fn the_council_route_keeps_the_texts_punctuation_and_is_not_said_twice() {
        let mut report = Report::sample();
        let rec = |text: &str| crate::model::Recommendation {
            text: text.into(),
            route: crate::model::Route::Council,
            blocks: vec![],
        };
        report.recommendations = vec![
            rec("Approve the budget; and"),
            rec("To recommend to Full Council that it adopts the plan."),
            rec("Agree the fees for recommendation to Council."),
        ];
        let doc = compose(&report, &Template::tower_hamlets(), Audience::Public).unwrap();
        let texts: Vec<String> = doc
            .nodes()
            .find_map(|n| match &n.kind {
                NodeKind::List {
                    kind: ListKind::Recommendations,
                    items,
                    ..
                } => Some(items.iter().map(|i| i.text.plain()).collect()),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            texts,
            [
                "Approve the budget (for recommendation to Council); and",
                "To recommend to Full Council that it adopts the plan.",
                "Agree the fees for recommendation to Council.",
            ]
        );
    }

    #[test]
    fn list_labels_are_what_word_counts() {
        let letters = ListStyle {
            marker: Marker::Counter {
                prefix: String::new(),
                counter: Counter::LowerLetter,
                suffix: ")".into(),
            },
            start: 1,
        };
        assert_eq!(letters.label(0), "a)");
        assert_eq!(letters.label(25), "z)");
        // Word goes on aa), bb), not aa), ab).
        assert_eq!(letters.label(26), "aa)");
        assert_eq!(letters.label(27), "bb)");
        assert_eq!(ListStyle::bullet().label(7), "•");
        assert_eq!(Counter::UpperRoman.format(14), "XIV");
    }

    #[test]
    fn blank_list_items_are_left_out_and_the_rest_counted_without_a_gap() {
        let mut report = Report::sample();
        report.sections[0]
            .blocks
            .push(crate::model::Block::NumberedList(vec![
                "first".into(),
                " ".into(),
                "third".into(),
            ]));
        let doc = compose(&report, &Template::tower_hamlets(), Audience::Public).unwrap();
        let labels: Vec<(String, String)> = doc
            .nodes()
            .filter_map(|n| match &n.kind {
                NodeKind::List {
                    kind: ListKind::Numbered,
                    items,
                    ..
                } => Some(items),
                _ => None,
            })
            .flatten()
            .map(|i| (i.label.clone(), i.path.clone()))
            .collect();
        assert_eq!(labels[0].0, "a)");
        assert_eq!(labels[1].0, "b)");
        assert!(labels[1].1.ends_with("[2]"), "{labels:?}");
    }

    #[test]
    fn a_template_can_label_sub_items_in_brackets_in_both_formats() {
        let mut report = Report::sample();
        report.sections[0]
            .blocks
            .push(crate::model::Block::NumberedList(vec![
                "first".into(),
                "second".into(),
            ]));
        let mut t = Template::tower_hamlets();
        let labels = |t: &Template| -> Vec<(String, ListStyle)> {
            let doc = compose(&report, t, Audience::Public).unwrap();
            doc.nodes()
                .filter_map(|n| match &n.kind {
                    NodeKind::List {
                        kind: ListKind::Numbered,
                        items,
                        style,
                        ..
                    } => Some(items.iter().map(|i| (i.label.clone(), style.clone())).collect::<Vec<_>>()),
                    _ => None,
                })
                .flatten()
                .collect()
        };
        assert_eq!(labels(&t)[1].0, "b)");
        t.sub_items = crate::template::SubItems::BracketedLetter;
        let got = labels(&t);
        assert_eq!(got[0].0, "(a)");
        assert_eq!(got[1].0, "(b)");
        // The style Word's numbering is built from says the same.
        assert_eq!(got[1].1.label(1), "(b)");
        t.sub_items = crate::template::SubItems::BracketedRoman;
        assert_eq!(labels(&t)[1].0, "(ii)");
    }

    #[test]
    fn a_picture_used_twice_is_one_image() {
        let mut report = Report::sample();
        let img = crate::model::Block::Image(crate::model::Image::new("chart.png", "A chart"));
        report.sections[0].blocks.push(img.clone());
        report.sections[1].blocks.push(img);
        let doc = compose(&report, &Template::tower_hamlets(), Audience::Public).unwrap();
        let ids: Vec<usize> = doc
            .nodes()
            .filter_map(|n| match &n.kind {
                NodeKind::Image(i) => Some(i.id),
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0], ids[1]);
        assert_eq!(doc.images, ["chart.png"]);
    }
}
