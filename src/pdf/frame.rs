//! Laid-out pages: the plain data passed from layout to the PDF writer.
//!
//! Layout decides where every glyph, line and image goes and what each one
//! means (its tag); the writer only turns this into PDF objects. Keeping the
//! meaning on every item is what lets the writer build the structure tree
//! for PDF/UA without knowing anything about reports.
//!
//! Units are PDF points (1/72 inch). Positions are measured from the page's
//! top-left corner, y growing downwards; the writer flips them.

use crate::fonts::Face;
use crate::compose::Meta;
use crate::compose::Rgb;

/// Index of a structure element in [`Structure::elements`].
pub type ElementId = usize;

/// Table header cell scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Heads its column.
    Column,
    /// Heads its row.
    Row,
}

/// The role of a structure element (PDF standard structure types).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// The root.
    Document,
    /// One document of several in a file: an agenda pack's front sheet or
    /// one item's report, or one language of a bilingual report.
    Part {
        /// The part's BCP 47 language tag, when it differs from the file's
        /// or the file has parts in two languages.
        lang: Option<&'static str>,
    },
    /// A heading, level 1 to 6 (the title is 1).
    Heading(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's label.
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// Table header row group.
    THead,
    /// Table body row group.
    TBody,
    /// Table footer row group (totals).
    TFoot,
    /// A table row.
    TR,
    /// A header cell.
    TH(Scope),
    /// A data cell.
    TD,
    /// A quotation.
    BlockQuote,
    /// A figure, with its alternative text.
    Figure {
        /// Alternative text.
        alt: String,
    },
    /// A caption.
    Caption,
    /// A link, with alternative text describing its target.
    Link {
        /// Alternative text ("Ofsted report (opens ofsted.gov.uk)").
        alt: String,
    },
    /// A generic grouping (the metadata block).
    Div,
    /// Inline words in another language than the document's.
    Span {
        /// Their BCP 47 language tag.
        lang: &'static str,
    },
}

/// A node of the structure tree. Children are in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is.
    pub role: Role,
    /// Its parent (`None` only for the root).
    pub parent: Option<ElementId>,
    /// Its children, in reading order.
    pub children: Vec<ElementId>,
    /// The element's text as written, when what is drawn differs (a heading
    /// drawn in capitals), so readers of the structure get normal case.
    pub actual_text: Option<String>,
    /// A merged table cell's (rows, columns), written as its `RowSpan` and `ColSpan`.
    pub span: Option<(usize, usize)>,
}

/// The document's logical structure. Element 0 is the `Document` root.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// All elements; index is the [`ElementId`].
    pub elements: Vec<Element>,
}

impl Structure {
    /// A tree with just the root.
    pub fn new() -> Structure {
        Structure {
            elements: vec![Element {
                role: Role::Document,
                parent: None,
                children: Vec::new(),
                actual_text: None,
                span: None,
            }],
        }
    }

    /// Adds an element as the last child of `parent`.
    pub fn push(&mut self, parent: ElementId, role: Role) -> ElementId {
        let id = self.elements.len();
        self.elements.push(Element {
            role,
            parent: Some(parent),
            children: Vec::new(),
            actual_text: None,
            span: None,
        });
        self.elements[parent].children.push(id);
        id
    }
}

impl Default for Structure {
    fn default() -> Self {
        Structure::new()
    }
}

/// Why an item is an artifact rather than content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// Running header, footer, page numbers.
    Pagination,
    /// Rules, bands, backgrounds; a logo that repeats.
    Layout,
    /// A table header row repeated after a page break.
    RepeatedHeader,
}

/// What a drawn item means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Real content belonging to a structure element (a leaf: P, H2, Lbl, TD …).
    Content(ElementId),
    /// Not part of the content.
    Artifact(ArtifactKind),
}

// A shaped glyph is the fonts' answer; the frame carries it as it is.
pub use crate::fonts::shape::Glyph;

/// A run of glyphs in one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// The face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub colour: Rgb,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
    /// The text as written when the glyphs show it differently (a heading
    /// drawn in capitals): the writer wraps the run in a marked-content
    /// `/Span` with this `/ActualText`, so assistive technology and search
    /// get normal case while each glyph's `text` stays what it shows.
    pub actual_text: Option<String>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// Text.
    Text(TextRun),
    /// A filled and/or stroked rectangle, top-left at (x, y).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and line width.
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Width.
        width: f32,
        /// Colour.
        colour: Rgb,
    },
    /// An image, top-left at (x, y), scaled to w × h.
    Image {
        /// Index into [`LaidOut::images`].
        image: usize,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A clickable area (no border) linking to a URL; tagged with its `Link` element.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Target.
        url: String,
    },
}

/// An item and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Content of a structure element, or an artifact.
    pub tag: Tag,
    /// What is drawn.
    pub kind: ItemKind,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Items in drawing order.
    pub items: Vec<Item>,
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Text shown in the viewer.
    pub title: String,
    /// Depth from 1 (sections, appendices) to 2 (sub-headings).
    pub level: u8,
    /// Page index from 0.
    pub page: usize,
    /// Top of the heading, from the top of the page.
    pub y: f32,
}

/// The laid-out document, ready to write.
#[derive(Debug, Clone)]
pub struct LaidOut {
    /// Page width and height (A4: 595.28 × 841.89).
    pub page_size: (f32, f32),
    /// The pages.
    pub pages: Vec<Page>,
    /// The structure tree.
    pub structure: Structure,
    /// The outline in report order.
    pub outline: Vec<Bookmark>,
    /// Title, author, subject, keywords, language.
    pub meta: Meta,
    /// Images referenced by [`ItemKind::Image`].
    pub images: Vec<crate::assets::LoadedImage>,
}
