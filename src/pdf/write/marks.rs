//! Which marked-content sequence each drawn item belongs to.
//!
//! Consecutive items of one page with the same tag share one sequence: one
//! `BDC … EMC` and, for content, one MCID. Doing this once, before any bytes
//! are written, gives the content streams and the structure tree the same
//! numbers by construction.

use crate::pdf::frame::{ArtifactKind, ByElement, ElementId, ItemKind, LaidOut, Tag};

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
#[derive(Debug)]
pub(super) struct Marks {
    /// Per page, per item: its mark (`None` for link areas, which are annotations).
    pub items: Vec<Vec<Option<Mark>>>,
    /// Per page: the element owning each MCID (index = MCID).
    pub owners: Vec<Vec<ElementId>>,
    /// Per element: its pieces, each with the position (page, item) where it begins.
    pub pieces: ByElement<((usize, usize), Piece)>,
    /// Link annotations in page order.
    pub links: Vec<LinkAnnot>,
}

impl Marks {
    /// Plans the marks of a laid-out document; an item naming an element
    /// that does not exist is a layout bug, reported as an error.
    pub(super) fn plan(laid: &LaidOut) -> Result<Marks, String> {
        let n = laid.structure.elements.len();
        check_structure(&laid.structure)?;
        let mut marks = Marks {
            items: Vec::with_capacity(laid.pages.len()),
            owners: Vec::with_capacity(laid.pages.len()),
            pieces: ByElement::group(0, std::iter::empty()),
            links: Vec::new(),
        };
        // Grouped by element as they are found: counted first (a cheap
        // pass), so they need no list in drawing order as well.
        let mut pieces = ByElement::filling(&piece_counts(laid), ((0, 0), Piece::Annot { link: 0 }));
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
                    pieces.put(
                        element,
                        (
                            (p, i),
                            Piece::Annot {
                                link: marks.links.len(),
                            },
                        ),
                    );
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
                            pieces.put(element, ((p, i), Piece::Mcid { page: p, mcid }));
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
        marks.pieces = pieces.finish();
        Ok(marks)
    }
}

/// How many pieces each element has: as [`Marks::plan`] finds them (a
/// link area is one; a run of items of one element is one).
fn piece_counts(laid: &LaidOut) -> Vec<usize> {
    let mut counts = vec![0; laid.structure.elements.len()];
    for page in &laid.pages {
        let mut last = None;
        for item in &page.items {
            match (item.tag, &item.kind) {
                (Tag::Content(e), ItemKind::Link { .. }) => {
                    if let Some(c) = counts.get_mut(e) {
                        *c += 1;
                    }
                }
                (Tag::Content(e), _) => {
                    if last != Some(e) {
                        if let Some(c) = counts.get_mut(e) {
                            *c += 1;
                        }
                    }
                    last = Some(e);
                }
                (Tag::Artifact(_), _) => last = None,
            }
        }
    }
    counts
}

/// The tree must be what [`Structure::push`] builds: element 0 the root,
/// every other element after its parent. The tree writer relies on
/// children having larger ids than their parents (which also rules out a
/// cycle).
fn check_structure(s: &crate::pdf::frame::Structure) -> Result<(), String> {
    if s.elements.first().is_none_or(|root| root.parent.is_some()) {
        return Err("the structure tree has no root".into());
    }
    for (e, el) in s.elements.iter().enumerate().skip(1) {
        if el.parent.is_none_or(|p| p >= e) {
            return Err(format!("structure element {e} does not follow its parent"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Mark, Marks, Piece};
    use crate::compose::Meta;
    use crate::compose::Rgb;
    use crate::pdf::frame::{ArtifactKind, Item, ItemKind, LaidOut, Page, Role, Structure, Tag};

    fn line(tag: Tag) -> Item {
        Item {
            tag,
            kind: ItemKind::Line {
                from: (0.0, 0.0),
                to: (1.0, 0.0),
                width: 1.0,
                colour: Rgb(0, 0, 0),
            },
        }
    }

    fn laid(pages: Vec<Vec<Item>>, structure: Structure) -> LaidOut {
        LaidOut {
            page_size: (595.0, 842.0),
            pages: pages.into_iter().map(|items| Page { items }).collect(),
            structure,
            outline: Vec::new(),
            meta: Meta {
                title: String::new(),
                subject: String::new(),
                author: String::new(),
                keywords: Vec::new(),
                lang: "en-GB",
            },
            images: Vec::new(),
        }
    }

    #[test]
    fn neighbours_of_one_element_share_an_mcid_and_mcids_restart_per_page() {
        let mut s = Structure::new();
        let p = s.push(0, Role::P);
        let link = s.push(p, Role::Link { alt: "x".into() });
        let q = s.push(0, Role::P);
        let area = Item {
            tag: Tag::Content(link),
            kind: ItemKind::Link {
                x: 0.0,
                y: 10.0,
                w: 5.0,
                h: 2.0,
                url: "https://example.org".into(),
            },
        };
        let doc = laid(
            vec![
                vec![
                    line(Tag::Content(p)),
                    line(Tag::Content(p)),
                    line(Tag::Content(link)),
                    area,
                    line(Tag::Content(link)),
                    line(Tag::Artifact(ArtifactKind::Layout)),
                    line(Tag::Content(p)),
                ],
                vec![line(Tag::Content(q)), line(Tag::Content(p))],
            ],
            s,
        );
        let m = Marks::plan(&doc).unwrap();
        let mcid = |element, mcid| Some(Mark::Content { element, mcid });
        assert_eq!(
            m.items[0],
            [
                mcid(p, 0),
                mcid(p, 0),
                mcid(link, 1),
                None,
                mcid(link, 1), // the link area does not split the link's text
                Some(Mark::Artifact(ArtifactKind::Layout)),
                mcid(p, 2),
            ]
        );
        assert_eq!(m.items[1], [mcid(q, 0), mcid(p, 1)]);
        assert_eq!(m.owners, [vec![p, link, p], vec![q, p]]);
        let pieces: Vec<Piece> = m.pieces.of(p).iter().map(|(_, piece)| *piece).collect();
        assert_eq!(
            pieces,
            [
                Piece::Mcid { page: 0, mcid: 0 },
                Piece::Mcid { page: 0, mcid: 2 },
                Piece::Mcid { page: 1, mcid: 1 }
            ]
        );
        assert_eq!(m.links.len(), 1);
        assert_eq!(m.links[0].rect, [0.0, 842.0 - 12.0, 5.0, 842.0 - 10.0]);
    }

    #[test]
    fn a_structure_not_built_by_push_is_refused() {
        let mut s = Structure::new();
        let a = s.push(0, Role::P);
        let b = s.push(a, Role::P);
        s.elements[a].parent = Some(b); // a cycle
        assert!(Marks::plan(&laid(vec![vec![]], s)).is_err());
        let mut s = Structure::new();
        s.push(7, Role::P); // a parent that does not exist
        assert!(Marks::plan(&laid(vec![vec![]], s)).is_err());
        let mut s = Structure::new();
        let a = s.push(0, Role::P);
        s.elements[a].parent = None; // a second root
        assert!(Marks::plan(&laid(vec![vec![]], s)).is_err());
    }

    #[test]
    fn content_of_the_root_or_a_missing_element_is_refused() {
        for bad in [0, 99] {
            let doc = laid(vec![vec![line(Tag::Content(bad))]], Structure::new());
            assert!(Marks::plan(&doc).is_err());
        }
    }
}
