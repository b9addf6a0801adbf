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
use rustc_hash::FxHashMap;

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

/// A node of the structure tree.
///
/// Its children are the elements naming it as their parent, in id order,
/// which is reading order ([`Structure::push`] appends): held once, as the
/// parent link, rather than as a list per element as well. A list item's
/// three elements cost 408 bytes that way; a 400,000-item list spent half
/// its memory on them.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is.
    pub role: Role,
    /// Its parent (`None` only for the root): a smaller id, as `push` makes
    /// it and the writer checks before relying on it.
    pub parent: Option<ElementId>,
}

/// The document's logical structure. Element 0 is the `Document` root.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// All elements; index is the [`ElementId`].
    pub elements: Vec<Element>,
    /// An element's text as written, when what is drawn differs (a heading
    /// drawn in capitals), so readers of the structure get normal case.
    /// Few elements have one, so it is kept aside.
    pub actual_text: FxHashMap<ElementId, String>,
    /// A merged table cell's (rows, columns), written as its `RowSpan` and
    /// `ColSpan`.
    pub spans: FxHashMap<ElementId, (usize, usize)>,
}

impl Structure {
    /// A tree with just the root.
    pub fn new() -> Structure {
        Structure {
            elements: vec![Element {
                role: Role::Document,
                parent: None,
            }],
            actual_text: FxHashMap::default(),
            spans: FxHashMap::default(),
        }
    }

    /// Adds an element as the last child of `parent`.
    pub fn push(&mut self, parent: ElementId, role: Role) -> ElementId {
        let id = self.elements.len();
        self.elements.push(Element {
            role,
            parent: Some(parent),
        });
        id
    }

    /// Every element's children, in reading order.
    pub fn children(&self) -> ByElement<ElementId> {
        let links = self.elements.iter().enumerate();
        ByElement::group(
            self.elements.len(),
            links.filter_map(|(e, el)| el.parent.map(|p| (p, e))),
        )
    }
}

/// Values grouped by the element they belong to, each group in the order
/// the values came: one flat list rather than a list per element, which
/// for a large table cost more than the values themselves.
#[derive(Debug, Clone)]
pub struct ByElement<T> {
    /// Where each element's values begin in `list` (one more entry than
    /// there are elements).
    start: Vec<usize>,
    list: Vec<T>,
}

impl<T: Copy> ByElement<T> {
    /// Groups `pairs` for elements `0..n` (a pair naming an element past
    /// the end is dropped): a counting sort, two passes, linear.
    pub fn group(n: usize, pairs: impl Iterator<Item = (ElementId, T)> + Clone) -> Self {
        let mut start = vec![0usize; n + 1];
        let mut fill = None;
        for (e, v) in pairs.clone().filter(|&(e, _)| e < n) {
            start[e + 1] += 1;
            fill = Some(v);
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let Some(fill) = fill else {
            return ByElement {
                start,
                list: Vec::new(),
            };
        };
        let mut next = start.clone();
        let mut list = vec![fill; start[n]];
        for (e, v) in pairs.filter(|&(e, _)| e < n) {
            list[next[e]] = v;
            next[e] += 1;
        }
        ByElement { start, list }
    }

    /// Values grouped by element from their counts, then each put in
    /// order ([`Filling::put`]): for values that are cheaper to find twice
    /// than to hold in a list of their own first.
    pub fn filling(counts: &[usize], fill: T) -> Filling<T> {
        let mut start = Vec::with_capacity(counts.len() + 1);
        start.push(0);
        for &c in counts {
            start.push(start[start.len() - 1] + c);
        }
        let next = start.clone();
        let list = vec![fill; start[start.len() - 1]];
        Filling {
            grouped: ByElement { start, list },
            next,
        }
    }

    /// The values of `e`, in order (none for an unknown id).
    pub fn of(&self, e: ElementId) -> &[T] {
        match (self.start.get(e), self.start.get(e + 1)) {
            (Some(&a), Some(&b)) => &self.list[a..b],
            _ => &[],
        }
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

/// A [`ByElement`] being filled: from [`ByElement::filling`].
#[derive(Debug)]
pub struct Filling<T> {
    grouped: ByElement<T>,
    /// Where each element's next value goes.
    next: Vec<usize>,
}

impl<T> Filling<T> {
    /// Puts the next value of `e`; one more than was counted for it (or an
    /// unknown element) is dropped.
    pub fn put(&mut self, e: ElementId, v: T) {
        if let (Some(at), Some(&end)) = (self.next.get_mut(e), self.grouped.start.get(e + 1)) {
            if *at < end {
                self.grouped.list[*at] = v;
                *at += 1;
            }
        }
    }

    /// The values, grouped.
    pub fn finish(self) -> ByElement<T> {
        self.grouped
    }
}

#[cfg(test)]
mod tests {
    use super::{ByElement, Role, Structure};

    #[test]
    fn children_come_in_reading_order_and_values_keep_theirs() {
        let mut s = Structure::new();
        let l = s.push(0, Role::L);
        let a = s.push(l, Role::LI);
        let p = s.push(0, Role::P);
        let b = s.push(l, Role::LI);
        let kids = s.children();
        assert_eq!(kids.of(0), [l, p]);
        assert_eq!(kids.of(l), [a, b]);
        assert!(kids.of(a).is_empty() && kids.of(99).is_empty());

        let grouped = ByElement::group(3, [(2, 'x'), (0, 'a'), (2, 'y'), (7, 'z')].into_iter());
        assert_eq!(grouped.of(2), ['x', 'y']);
        assert_eq!(grouped.of(0), ['a']);
        assert!(grouped.of(1).is_empty() && grouped.of(7).is_empty());

        let mut filling = ByElement::filling(&[1, 0, 2], ' ');
        for (e, v) in [(2, 'x'), (0, 'a'), (2, 'y'), (2, 'z'), (9, 'q')] {
            filling.put(e, v);
        }
        let filled = filling.finish();
        assert_eq!(filled.of(2), ['x', 'y'], "a value past the count is dropped");
        assert_eq!(filled.of(0), ['a']);
        assert!(filled.of(1).is_empty());
    }
}
