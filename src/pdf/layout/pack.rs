//! An agenda pack from its laid-out parts (the front sheet, then each
//! item's report): one page sequence, one structure tree with a `Part` per
//! item under the pack's `Document`, one outline with an entry per item, and
//! the pack's page number on every page.

use super::text::Align;
use super::{Ctx, Look, BODY_BOTTOM, MARGIN_X, TEXT_WIDTH};
use crate::assets::Assets;
use crate::compose::{page_label_text, Document, Meta, PagePart};
use crate::error::Error;
use crate::fonts::FontSet;
use crate::pdf::frame::{
    ArtifactKind, Bookmark, Element, ItemKind, LaidOut, Role, Structure, Tag,
};

/// One part of the pack: its outline title and its pages.
pub struct Part {
    /// The outline entry for the whole part: "6. Council Tax Support".
    pub title: String,
    /// Its language, written on its `Part` element, when it must be said.
    pub lang: Option<&'static str>,
    /// The part laid out on its own with [`super::layout_for_pack`].
    pub laid: LaidOut,
}

/// Joins the parts in order. Every part's images after the logo are kept
/// once each; the logo (image 0 of every part, the same template's) once.
pub fn merge(parts: Vec<Part>, meta: Meta) -> LaidOut {
    let mut structure = Structure::new();
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    let mut images = Vec::new();
    let mut page_size = super::PAGE_SIZE;
    for part in parts {
        let laid = part.laid;
        page_size = laid.page_size;
        let first_page = pages.len();
        let part_el = structure.push(0, Role::Part { lang: part.lang });
        // Element e (from 1) of the part becomes base + e - 1; its root, the Part.
        let base = structure.elements.len();
        let map = |e: usize| if e == 0 { part_el } else { base + e - 1 };
        let own = laid.structure;
        structure
            .elements
            .extend(own.elements.into_iter().skip(1).map(|el| Element {
                role: el.role,
                parent: el.parent.map(map),
            }));
        structure
            .actual_text
            .extend(own.actual_text.into_iter().map(|(e, text)| (map(e), text)));
        structure
            .spans
            .extend(own.spans.into_iter().map(|(e, span)| (map(e), span)));

        let image_base = images.len().max(1);
        let map_image = |i: usize| if i == 0 { 0 } else { image_base + i - 1 };
        let mut own_images = laid.images.into_iter();
        if let Some(logo) = own_images.next() {
            if images.is_empty() {
                images.push(logo);
            }
        }
        images.extend(own_images);

        for mut page in laid.pages {
            for item in &mut page.items {
                if let Tag::Content(e) = item.tag {
                    item.tag = Tag::Content(map(e));
                }
                if let ItemKind::Image { image, .. } = &mut item.kind {
                    *image = map_image(*image);
                }
            }
            pages.push(page);
        }
        outline.push(Bookmark {
            title: part.title,
            level: 1,
            page: first_page,
            y: 0.0,
        });
        outline.extend(laid.outline.into_iter().map(|b| Bookmark {
            level: b.level.saturating_add(1),
            page: b.page + first_page,
            ..b
        }));
    }
    LaidOut {
        page_size,
        pages,
        structure,
        outline,
        meta,
        images,
    }
}

/// Prints the pack's page number, `label` with the page's number, in the
/// middle of every page's footer (left clear by [`super::layout_for_pack`]),
/// in the type of `doc` (the front sheet): a page furniture artifact.
pub fn stamp(
    doc: &Document,
    assets: &Assets,
    fonts: &FontSet,
    laid: &mut LaidOut,
    label: &[PagePart],
) -> Result<(), Error> {
    let mut cx = Ctx::new(doc, assets, fonts, true);
    let look = Look {
        bold: true,
        italic: false,
        size: cx.sizes.small + 1.0,
        colour: cx.text_colour,
        capitals: false,
    };
    let lh = Ctx::leading(cx.sizes.small);
    // The footer's text row: as `front::furniture` draws it.
    let top = BODY_BOTTOM + 16.0 + 4.0;
    let count = laid.pages.len();
    for (i, page) in laid.pages.iter_mut().enumerate() {
        let text = page_label_text(label, i + 1, count);
        let inl = [cx.plain(&text, look, 0)];
        let lines = cx.lines(&inl, TEXT_WIDTH * 0.2, Align::Centre, "the pack's page number")?;
        let mut items = Vec::new();
        for l in lines.into_iter().take(1) {
            cx.line_items(l, MARGIN_X + TEXT_WIDTH * 0.4, top, lh, &mut items);
        }
        page.items.extend(items.into_iter().map(|mut item| {
            item.tag = Tag::Artifact(ArtifactKind::Pagination);
            item
        }));
    }
    Ok(())
}
