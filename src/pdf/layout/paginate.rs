//! Places chunks on pages.

use super::{shift, Chunk, BODY_BOTTOM, BODY_TOP};
use crate::pdf::frame::{ArtifactKind, Bookmark, Item, Page, Tag};

/// Places `chunks` in order, starting on `first` at `first_top`.
///
/// A chunk that starts a keep-together group (a heading and the lines it
/// keeps, the first two lines of a paragraph) moves to a new page unless
/// the whole group fits; a group taller than a page only needs its first
/// chunk to fit.
pub(super) fn paginate(
    chunks: Vec<Chunk>,
    first: Page,
    first_top: f32,
) -> (Vec<Page>, Vec<Bookmark>) {
    let mut pages = vec![first];
    let mut outline = Vec::new();
    let mut top = first_top;
    let mut y = top;
    let full = BODY_BOTTOM - BODY_TOP;

    for i in 0..chunks.len() {
        let chunk = &chunks[i];
        let at_top = y <= top + 0.01;
        let space = if at_top { 0.0 } else { chunk.space_before };
        let mut group = chunk.height;
        let mut j = i;
        while chunks[j].keep_with_next && j + 1 < chunks.len() {
            j += 1;
            group += chunks[j].space_before + chunks[j].height;
        }
        let repeat_h = chunk.repeat.as_ref().map_or(0.0, |r| r.height);
        let need = if group + repeat_h <= full {
            group
        } else {
            chunk.height
        };
        if !at_top && y + space + need > BODY_BOTTOM + 0.01 {
            pages.push(Page::default());
            top = BODY_TOP;
            y = top;
            if let Some(header) = &chunk.repeat {
                place(&mut pages, header, y, true);
                y += header.height;
            }
        } else {
            y += space;
        }
        if let Some((title, level)) = &chunk.bookmark {
            outline.push(Bookmark {
                title: title.clone(),
                level: *level,
                page: pages.len() - 1,
                y,
            });
        }
        place(&mut pages, chunk, y, false);
        y += chunk.height;
    }
    (pages, outline)
}

fn place(pages: &mut [Page], chunk: &Chunk, y: f32, repeated: bool) {
    let page = pages.last_mut().expect("at least one page");
    page.items.extend(chunk.items.iter().filter_map(|item| {
        let moved = shift(item, y);
        if !repeated {
            return Some(moved);
        }
        // A repeated header row is an artifact; its links are not clickable twice.
        match moved.kind {
            crate::pdf::frame::ItemKind::Link { .. } => None,
            kind => Some(Item {
                tag: Tag::Artifact(ArtifactKind::RepeatedHeader),
                kind,
            }),
        }
    }));
}
