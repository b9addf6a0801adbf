//! Which marked-content sequence each drawn item belongs to.
//!
//! Consecutive items of one page with the same tag share one sequence: one
//! `BDC … EMC` and, for content, one MCID. Doing this once, before any bytes
//! are written, gives the content streams and the structure tree the same
//! numbers by construction.

use crate::pdf::frame::{ArtifactKind, ElementId, ItemKind, LaidOut, Tag};

/// The marking of one drawn item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Content of an element, with the page-local MCID.
    Content { element: ElementId, mcid: u32 },
    /// Not content.
    Artifact(ArtifactKind),
}

/// Where an element's content lies, in drawing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// A marked-content sequence.
    Mcid { page: usize, mcid: u32 },
    /// A link annotation (index into [`Marks::links`]).
    Annot { link: usize },
}

/// A link annotation to write.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LinkAnnot {
    pub page: usize,
    pub element: ElementId,
    pub rect: [f32; 4],
    pub url: String,
}

/// Every item's mark, and every element's pieces.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// Per page, per item: its mark (`None` for link areas, which are annotations).
    pub items: Vec<Vec<Option<Mark>>>,
    /// Per page: the element owning each MCID (index = MCID).
    pub owners: Vec<Vec<ElementId>>,
    /// Per element: its pieces, each with the position (page, item) where it begins.
    pub pieces: Vec<Vec<((usize, usize), Piece)>>,
    /// Link annotations in page order.
    pub links: Vec<LinkAnnot>,
}

impl Marks {
    /// Plans the marks of a laid-out document; an item naming an element
    /// that does not exist is a layout bug, reported as an error.
    pub(super) fn plan(laid: &LaidOut) -> Result<Marks, String> {
        let n = laid.structure.elements.len();
        let mut marks = Marks {
            pieces: vec![Vec::new(); n],
            ..Marks::default()
        };
        let page_h = laid.page_size.1;
        for (p, page) in laid.pages.iter().enumerate() {
            let mut items = Vec::with_capacity(page.items.len());
            let mut owners: Vec<ElementId> = Vec::new();
            let mut last: Option<Mark> = None;
            for (i, item) in page.items.iter().enumerate() {
                if let Tag::Content(e) = item.tag {
                    if e >= n || e == 0 {
                        return Err(format!("page {} item {i} is tagged with element {e}, which is not a content element", p + 1));
                    }
                }
                if let ItemKind::Link { x, y, w, h, url } = &item.kind {
                    let Tag::Content(element) = item.tag else {
                        return Err(format!(
                            "page {} item {i}: a link area must belong to a Link element",
                            p + 1
                        ));
                    };
                    marks.pieces[element].push((
                        (p, i),
                        Piece::Annot {
                            link: marks.links.len(),
                        },
                    ));
                    marks.links.push(LinkAnnot {
                        page: p,
                        element,
                        rect: [*x, page_h - y - h, x + w, page_h - y],
                        url: url.clone(),
                    });
                    items.push(None);
                    continue;
                }
                let mark = match item.tag {
                    Tag::Artifact(kind) => Mark::Artifact(kind),
                    Tag::Content(element) => match last {
                        Some(m @ Mark::Content { element: le, .. }) if le == element => m,
                        _ => {
                            let mcid = owners.len() as u32;
                            owners.push(element);
                            marks.pieces[element].push(((p, i), Piece::Mcid { page: p, mcid }));
                            Mark::Content { element, mcid }
                        }
                    },
                };
                last = Some(mark);
                items.push(Some(mark));
            }
            marks.items.push(items);
            marks.owners.push(owners);
        }
        Ok(marks)
    }
}
