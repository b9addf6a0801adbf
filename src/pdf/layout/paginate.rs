//! Places chunks on pages.

use super::{shift, Chunk, BODY_BOTTOM, BODY_TOP};
use crate::pdf::frame::{ArtifactKind, Bookmark, Item, ItemKind, Page, Tag};

/// Where a chunk must go, besides in order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Place {
    /// It opens a new page (an exempt part of the full edition, and what follows one).
    pub new_page: bool,
    /// The exempt part it belongs to: an index into `Document::exempt_parts`.
    pub exempt: Option<usize>,
}

/// Places `chunks` in order, starting on `first` at `first_top`; also
/// returns, per page, the exempt part it carries (see [`Place`]).
///
/// A chunk that starts a keep-together group (a heading and the lines it
/// keeps, the first two lines of a paragraph) moves to a new page unless
/// the whole group fits; a group taller than a page only needs its first
/// chunk to fit.
pub(super) fn paginate(
    chunks: Vec<Chunk>,
    places: &[Place],
    first: Page,
    first_top: f32,
) -> (Vec<Page>, Vec<Bookmark>, Vec<Option<usize>>) {
    // Heights, gaps and keeps, read ahead while the chunks themselves are consumed.
    let sizes: Vec<(f32, f32, bool)> = chunks
        .iter()
        .map(|c| (c.height, c.space_before, c.keep_with_next))
        .collect();
    let mut pages = vec![first];
    let mut marks = vec![None];
    let mut outline = Vec::new();
    let mut top = first_top;
    let mut y = top;
    let full = BODY_BOTTOM - BODY_TOP;

    for (i, chunk) in chunks.into_iter().enumerate() {
        let at_top = y <= top + 0.01;
        let space = if at_top { 0.0 } else { chunk.space_before };
        let mut group = chunk.height;
        let mut j = i;
        // Once the group is taller than a page only the first chunk needs
        // to fit, so the sum stops there: without the stop, a long run of
        // chunks each kept with the next (200,000 sub-headings) was quadratic.
        while sizes[j].2 && j + 1 < sizes.len() && group <= full {
            j += 1;
            group += sizes[j].1 + sizes[j].0;
        }
        let repeat_h = chunk.repeat.as_ref().map_or(0.0, |r| r.height);
        let need = if group + repeat_h <= full {
            group
        } else {
            chunk.height
        };
        let place = places.get(i).copied().unwrap_or_default();
        if !at_top && (place.new_page || y + space + need > BODY_BOTTOM + 0.01) {
            pages.push(Page::default());
            marks.push(None);
            top = BODY_TOP;
            y = top;
            if let Some(header) = &chunk.repeat {
                let page = pages.last_mut().expect("a page was just pushed");
                page.items.extend(
                    header
                        .items
                        .iter()
                        .filter_map(|item| repeated(shift(item, y))),
                );
                y += header.height;
            }
        } else {
            y += space;
        }
        if let Some((title, level)) = chunk.bookmark {
            outline.push(Bookmark {
                title,
                level,
                page: pages.len() - 1,
                y,
            });
        }
        if let Some(mark) = marks.last_mut() {
            *mark = mark.or(place.exempt);
        }
        let page = pages.last_mut().expect("at least one page");
        page.items.extend(chunk.items.into_iter().map(|mut item| {
            move_down(&mut item, y);
            item
        }));
        y += chunk.height;
    }
    (pages, outline, marks)
}

/// A table header row drawn again after a page break: an artifact, and its
/// links are not clickable a second time.
fn repeated(item: Item) -> Option<Item> {
    match item.kind {
        ItemKind::Link { .. } => None,
        kind => Some(Item {
            tag: Tag::Artifact(ArtifactKind::RepeatedHeader),
            kind,
        }),
    }
}

/// Moves an item down by `dy`.
pub(super) fn move_down(item: &mut Item, dy: f32) {
    match &mut item.kind {
        ItemKind::Text(run) => run.y += dy,
        ItemKind::Rect { y, .. } | ItemKind::Image { y, .. } | ItemKind::Link { y, .. } => *y += dy,
        ItemKind::Line { from, to, .. } => {
            from.1 += dy;
            to.1 += dy;
        }
    }
}
