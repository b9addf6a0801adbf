//! The structure tree: elements with their marked content (MCRs), link
//! annotations (OBJRs), attributes, and the parent tree that maps content
//! back to its element.

use super::content::role_name;
use super::file::PdfFile;
use super::marks::{Marks, Piece};
use crate::pdf::frame::{ByElement, ElementId, Role, Scope, Structure};
use pdf_writer::{Array, Finish, Name, Ref, TextStr};

/// The ids a structure tree is written against.
pub(super) struct TreeRefs<'a> {
    pub pages: &'a [Ref],
    pub annots: &'a [Ref],
    /// Parent-tree key of each link annotation (pages take keys 0..pages).
    pub annot_keys: &'a [i32],
}

/// Reserves an object id for every element that will be written: one with
/// content somewhere below it, or a table cell (kept even when empty so the
/// table stays regular). The root is always written.
pub(super) fn reserve(
    file: &mut PdfFile,
    structure: &Structure,
    children: &ByElement<ElementId>,
    marks: &Marks,
) -> Vec<Option<Ref>> {
    let n = structure.elements.len();
    let mut keep = vec![false; n];
    // Children always have larger ids than their parents (Structure::push), so
    // one pass from the end settles every subtree: a kept element keeps its parent.
    for e in (0..n).rev() {
        let el = &structure.elements[e];
        keep[e] = keep[e]
            || e == 0
            || !marks.pieces.of(e).is_empty()
            || matches!(el.role, Role::TD | Role::TH(_));
        if let (true, Some(p)) = (keep[e], el.parent) {
            keep[p] = true;
        }
    }
    // Reserve in tree order so numbering follows reading order.
    let mut ids = vec![None; n];
    let mut stack = vec![0];
    while let Some(e) = stack.pop() {
        if !keep[e] {
            continue;
        }
        ids[e] = Some(file.reserve());
        stack.extend(children.of(e).iter().rev());
    }
    ids
}

/// Writes the StructTreeRoot (at `root_id`), every element and the parent
/// tree; `ids` comes from [`reserve`].
pub(super) fn write(
    file: &mut PdfFile,
    root_id: Ref,
    structure: &Structure,
    children: &ByElement<ElementId>,
    marks: &Marks,
    ids: &[Option<Ref>],
    refs: &TreeRefs<'_>,
) -> Result<(), String> {
    // Where each element's content begins, for ordering kids in reading order.
    // Children have larger ids than their parents, so a pass from the end
    // has settled an element's children before it hands its own to its parent.
    let n = structure.elements.len();
    let mut first: Vec<Option<(usize, usize)>> = vec![None; n];
    let earlier = |a: Option<(usize, usize)>, b: Option<(usize, usize)>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    for e in (0..n).rev() {
        let own = marks.pieces.of(e).first().map(|(at, _)| *at);
        first[e] = earlier(own, first[e]);
        if let Some(p) = structure.elements[e].parent {
            first[p] = earlier(first[p], first[e]);
        }
    }

    // One list of kids, reused: an element's own was an allocation each.
    let mut kids: Vec<Kid> = Vec::new();
    for (e, el) in structure.elements.iter().enumerate() {
        let Some(id) = ids[e] else { continue };
        let parent = match el.parent {
            Some(p) => ids[p].ok_or_else(|| format!("element {e} has an unwritten parent"))?,
            None => root_id,
        };
        // The element's own page: where its content begins.
        let page = first[e].map(|(p, _)| refs.pages[p]);
        // Kids in reading order: own content before a child is placed before it.
        kids.clear();
        let mut own = marks.pieces.of(e).iter().peekable();
        for &c in children.of(e) {
            let Some(cid) = ids[c] else { continue };
            if let Some(at) = first[c] {
                while let Some((_, piece)) = own.next_if(|(pos, _)| *pos < at) {
                    kids.push(Kid::Piece(*piece));
                }
            }
            kids.push(Kid::Element(cid));
        }
        kids.extend(own.map(|(_, piece)| Kid::Piece(*piece)));

        let mut elem = file.obj(id).struct_element(id);
        elem.custom_kind(Name(role_name(structure, e).as_bytes()))
            .parent(parent);
        if let Some(page) = page {
            elem.page(page);
        }
        match kids.as_slice() {
            [] => {}
            [one] => one.write(elem.insert(Name(b"K")), page, marks, refs),
            many => {
                let mut array: Array<'_> = elem.insert(Name(b"K")).array();
                for kid in many {
                    kid.write(array.push(), page, marks, refs);
                }
            }
        }
        match &el.role {
            Role::TH(_) | Role::TD => {
                // The Table attribute owner: a header's scope, a merged cell's spans.
                let scope = match &el.role {
                    Role::TH(Scope::Column) => Some("Column"),
                    Role::TH(Scope::Row) => Some("Row"),
                    _ => None,
                };
                let span = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
                let (rows, columns) = structure.spans.get(&e).copied().unwrap_or((1, 1));
                if scope.is_some() || rows > 1 || columns > 1 {
                    let mut attrs = elem.insert(Name(b"A")).dict();
                    attrs.pair(Name(b"O"), Name(b"Table"));
                    if let Some(scope) = scope {
                        attrs.pair(Name(b"Scope"), Name(scope.as_bytes()));
                    }
                    if rows > 1 {
                        attrs.pair(Name(b"RowSpan"), span(rows));
                    }
                    if columns > 1 {
                        attrs.pair(Name(b"ColSpan"), span(columns));
                    }
                }
            }
            Role::Figure { alt } => {
                elem.alt(TextStr(alt));
            }
            Role::Span { lang } | Role::Part { lang: Some(lang) } => {
                elem.lang(TextStr(lang));
            }
            _ => {}
        }
        if let Some(actual) = structure.actual_text.get(&e) {
            elem.actual_text(TextStr(actual));
        }
        elem.finish();
    }

    // Parent tree: page key → array indexed by MCID; annotation key → its element.
    // Checked before writing: the object must be whole once begun.
    for owners in &marks.owners {
        if let Some(&e) = owners.iter().find(|&&e| ids[e].is_none()) {
            return Err(format!("element {e} owns content but was not written"));
        }
    }
    let link_elements = marks
        .links
        .iter()
        .map(|link| ids[link.element].ok_or("a link's element was not written"))
        .collect::<Result<Vec<Ref>, _>>()?;
    let parent_tree = file.reserve();
    {
        let mut tree = file.obj(parent_tree).indirect(parent_tree).dict();
        let mut nums = tree.insert(Name(b"Nums")).array();
        for (p, owners) in marks.owners.iter().enumerate() {
            nums.item(p as i32);
            nums.push()
                .array()
                .items(owners.iter().filter_map(|&e| ids[e]));
        }
        for (key, element) in refs.annot_keys.iter().zip(link_elements) {
            nums.item(*key);
            nums.item(element);
        }
    }
    let next_key = i32::try_from(marks.owners.len() + marks.links.len())
        .map_err(|_| "more pages and links than a PDF can number".to_string())?;
    let mut root = file.obj(root_id).indirect(root_id).start::<pdf_writer::writers::StructTreeRoot>();
    root.children().items(ids[0]);
    root.pair(pdf_writer::Name(b"ParentTree"), parent_tree);
    root.parent_tree_next_key(next_key);
    Ok(())
}

/// One entry of an element's `/K`: a child element or a piece of content.
enum Kid {
    Element(Ref),
    Piece(Piece),
}

impl Kid {
    /// Writes the kid: a child's reference, an MCID (on the element's own
    /// page), a marked-content reference (on another page) or an object
    /// reference (a link annotation).
    fn write(&self, obj: pdf_writer::Obj<'_>, own_page: Option<Ref>, marks: &Marks, refs: &TreeRefs<'_>) {
        match *self {
            Kid::Element(id) => obj.primitive(id),
            Kid::Piece(Piece::Mcid { page, mcid }) if Some(refs.pages[page]) == own_page => {
                obj.primitive(i32::try_from(mcid).unwrap_or(i32::MAX))
            }
            Kid::Piece(Piece::Mcid { page, mcid }) => {
                let mut mcr = obj.start::<pdf_writer::writers::MarkedRef>();
                mcr.page(refs.pages[page]);
                mcr.marked_content_id(i32::try_from(mcid).unwrap_or(i32::MAX));
            }
            Kid::Piece(Piece::Annot { link }) => {
                let mut objr = obj.start::<pdf_writer::writers::ObjectRef>();
                objr.page(refs.pages[marks.links[link].page]);
                objr.object(refs.annots[link]);
            }
        }
    }
}
