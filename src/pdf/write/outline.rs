//! The document outline (bookmarks), nested by level in report order.

use super::file::{real, PdfFile};
use crate::pdf::frame::Bookmark;
use pdf_writer::{Name, Null, Ref, TextStr};

/// Writes the outline; `None` when there are no bookmarks.
pub(super) fn write(
    file: &mut PdfFile,
    marks: &[Bookmark],
    pages: &[Ref],
    page_height: f32,
) -> Option<Ref> {
    if marks.is_empty() {
        return None;
    }
    // Parent of each bookmark: the nearest earlier one at a shallower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(marks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in marks.iter().enumerate() {
        while stack.last().is_some_and(|&s| marks[s].level >= b.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let root = file.reserve();
    let ids: Vec<Ref> = marks.iter().map(|_| file.reserve()).collect();
    // Each entry's children and its place among its siblings, gathered in
    // one pass (searching every entry per entry was quadratic: 200,000
    // sub-headings took half a minute).
    let mut top: Vec<usize> = Vec::new();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
    let mut at: Vec<usize> = Vec::with_capacity(marks.len());
    for (i, p) in parent.iter().enumerate() {
        let list = match p {
            Some(p) => &mut kids[*p],
            None => &mut top,
        };
        at.push(list.len());
        list.push(i);
    }
    // Every entry is open, so a count is all of its descendants.
    let mut count = vec![0i32; marks.len()];
    for i in (0..marks.len()).rev() {
        if let Some(p) = parent[i] {
            count[p] = count[p].saturating_add(1).saturating_add(count[i]);
        }
    }
    for (i, b) in marks.iter().enumerate() {
        let siblings = parent[i].map_or(&top, |p| &kids[p]);
        let at = at[i];
        let kids = &kids[i];
        let page = pages.get(b.page).or(pages.last()).copied();
        let mut item = file.obj(ids[i]).outline_item(ids[i]);
        item.title(TextStr(&b.title));
        item.parent(parent[i].map_or(root, |p| ids[p]));
        if let Some(page) = page {
            item.insert(Name(b"Dest"))
                .array()
                .item(page)
                .item(Name(b"XYZ"))
                .item(Null)
                .item(real(page_height - b.y))
                .item(Null);
        }
        if at > 0 {
            item.prev(ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            item.next(ids[next]);
        }
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            item.first(ids[f]);
            item.last(ids[l]);
            item.count(count[i]);
        }
    }
    let mut outline = file.obj(root).outline(root);
    outline.count(i32::try_from(marks.len()).unwrap_or(i32::MAX));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        outline.first(ids[f]);
        outline.last(ids[l]);
    }
    drop(outline);
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::super::file::PdfFile;
    use crate::pdf::frame::Bookmark;

    fn mark(title: &str, level: u8) -> Bookmark {
        Bookmark {
            title: title.into(),
            level,
            page: 0,
            y: 100.0,
        }
    }

    #[test]
    fn levels_nest_and_a_skipped_level_hangs_under_the_last_shallower_entry() {
        let mut file = PdfFile::new();
        let page = file.reserve();
        let marks = [
            mark("1 Summary", 1),
            mark("2 Recommendations", 1),
            mark("2.1 Detail", 2),
            mark("deep", 3),
            mark("2.2 More", 2),
            mark("Appendix A", 1),
            mark("jumps two levels", 3),
        ];
        let root = super::write(&mut file, &marks, &[page], 841.89).unwrap();
        let catalog = file.reserve();
        file.obj(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>().outlines(root);
        let bytes = file.finish(catalog, catalog).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let root = (root.get() as u32, 0);
        let d = |id| doc.get_dictionary(id).unwrap();
        let r =
            |dict: &lopdf::Dictionary, key: &[u8]| dict.get(key).unwrap().as_reference().unwrap();
        let title = |id| lopdf::decode_text_string(d(id).get(b"Title").unwrap()).unwrap();
        let kids = |id| {
            let mut out = Vec::new();
            let Ok(first) = d(id).get(b"First") else {
                return out;
            };
            let mut at = first.as_reference().unwrap();
            loop {
                out.push(title(at));
                match d(at).get(b"Next") {
                    Ok(n) => at = n.as_reference().unwrap(),
                    Err(_) => break,
                }
            }
            out
        };
        assert_eq!(kids(root), ["1 Summary", "2 Recommendations", "Appendix A"]);
        let second = r(d(r(d(root), b"First")), b"Next");
        assert_eq!(kids(second), ["2.1 Detail", "2.2 More"]);
        assert_eq!(d(second).get(b"Count").unwrap().as_i64().unwrap(), 3);
        let appendix = r(d(root), b"Last");
        assert_eq!(kids(appendix), ["jumps two levels"]);
        assert_eq!(d(root).get(b"Count").unwrap().as_i64().unwrap(), 7);
    }

    #[test]
    fn no_bookmarks_no_outline() {
        let mut file = PdfFile::new();
        assert!(super::write(&mut file, &[], &[], 841.89).is_none());
    }
}
