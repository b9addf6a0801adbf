//! The structure tree: elements with their marked content (MCRs), link
//! annotations (OBJRs), attributes, and the parent tree that maps content
//! back to its element.

use super::content::role_name;
use super::file::{name, text, PdfFile};
use super::marks::{Marks, Piece};
use crate::pdf::frame::{Role, Scope, Structure};
use lopdf::{dictionary, Dictionary, Object, ObjectId};

/// The ids a structure tree is written against.
pub(super) struct TreeRefs<'a> {
    pub pages: &'a [ObjectId],
    pub annots: &'a [ObjectId],
    /// Parent-tree key of each link annotation (pages take keys 0..pages).
    pub annot_keys: &'a [i64],
}

/// Reserves an object id for every element that will be written: one with
/// content somewhere below it, or a table cell (kept even when empty so the
/// table stays regular). The root is always written.
pub(super) fn reserve(
    file: &mut PdfFile,
    structure: &Structure,
    marks: &Marks,
) -> Vec<Option<ObjectId>> {
    let n = structure.elements.len();
    let mut keep = vec![false; n];
    // Children always have larger ids than their parents (Structure::push), so
    // one pass from the end settles every subtree.
    for e in (0..n).rev() {
        let el = &structure.elements[e];
        keep[e] = e == 0
            || !marks.pieces[e].is_empty()
            || matches!(el.role, Role::TD | Role::TH(_))
            || el.children.iter().any(|&c| keep[c]);
    }
    // Reserve in tree order so numbering follows reading order.
    let mut ids = vec![None; n];
    let mut stack = vec![0];
    while let Some(e) = stack.pop() {
        if !keep[e] {
            continue;
        }
        ids[e] = Some(file.reserve());
        stack.extend(structure.elements[e].children.iter().rev());
    }
    ids
}

/// Writes the StructTreeRoot (at `root_id`), every element and the parent
/// tree; `ids` comes from [`reserve`].
pub(super) fn write(
    file: &mut PdfFile,
    root_id: ObjectId,
    structure: &Structure,
    marks: &Marks,
    ids: &[Option<ObjectId>],
    refs: &TreeRefs<'_>,
) -> Result<(), String> {
    // Where each element's content begins, for ordering kids in reading order.
    let n = structure.elements.len();
    let mut first: Vec<Option<(usize, usize)>> = vec![None; n];
    for e in (0..n).rev() {
        let own = marks.pieces[e].first().map(|(at, _)| *at);
        let kids = structure.elements[e]
            .children
            .iter()
            .filter_map(|&c| first[c])
            .min();
        first[e] = match (own, kids) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    for (e, el) in structure.elements.iter().enumerate() {
        let Some(id) = ids[e] else { continue };
        let parent = match el.parent {
            Some(p) => ids[p].ok_or_else(|| format!("element {e} has an unwritten parent"))?,
            None => root_id,
        };
        // The element's own page: where its content begins.
        let page = first[e].map(|(p, _)| refs.pages[p]);
        let mut kids: Vec<Object> = Vec::new();
        let mut own = marks.pieces[e].iter().peekable();
        for &c in &el.children {
            let Some(cid) = ids[c] else { continue };
            if let Some(at) = first[c] {
                while let Some((_, piece)) = own.next_if(|(pos, _)| *pos < at) {
                    kids.push(kid(*piece, page, marks, refs));
                }
            }
            kids.push(cid.into());
        }
        for (_, piece) in own {
            kids.push(kid(*piece, page, marks, refs));
        }
        let mut dict = dictionary! {
            "Type" => "StructElem",
            "S" => name(role_name(structure, e)),
            "P" => parent,
        };
        if let Some(page) = page {
            dict.set("Pg", page);
        }
        if !kids.is_empty() {
            dict.set(
                "K",
                if kids.len() == 1 {
                    kids.pop().unwrap_or(Object::Null)
                } else {
                    Object::Array(kids)
                },
            );
        }
        match &el.role {
            Role::TH(_) | Role::TD => {
                // The Table attribute owner: a header's scope, a merged cell's spans.
                let mut attrs = dictionary! { "O" => "Table" };
                if let Role::TH(scope) = &el.role {
                    let scope = match scope {
                        Scope::Column => "Column",
                        Scope::Row => "Row",
                    };
                    attrs.set("Scope", name(scope));
                }
                if let Some((rows, columns)) = el.span {
                    let n = |v: usize| Object::Integer(i64::try_from(v).unwrap_or(i64::MAX));
                    if rows > 1 {
                        attrs.set("RowSpan", n(rows));
                    }
                    if columns > 1 {
                        attrs.set("ColSpan", n(columns));
                    }
                }
                if attrs.len() > 1 {
                    dict.set("A", attrs);
                }
            }
            Role::Figure { alt } => dict.set("Alt", text(alt)),
            Role::Span { lang } => dict.set("Lang", text(lang)),
            _ => {}
        }
        if let Some(actual) = &el.actual_text {
            dict.set("ActualText", text(actual));
        }
        file.set(id, dict);
    }

    // Parent tree: page key → array indexed by MCID; annotation key → its element.
    let mut nums: Vec<Object> = Vec::new();
    for (p, owners) in marks.owners.iter().enumerate() {
        let arr: Result<Vec<Object>, String> = owners
            .iter()
            .map(|&e| {
                ids[e]
                    .map(Object::from)
                    .ok_or_else(|| format!("element {e} owns content but was not written"))
            })
            .collect();
        nums.push((p as i64).into());
        nums.push(Object::Array(arr?));
    }
    for (link, key) in marks.links.iter().zip(refs.annot_keys) {
        nums.push((*key).into());
        nums.push(
            ids[link.element]
                .ok_or("a link's element was not written")?
                .into(),
        );
    }
    let parent_tree = file.add(dictionary! { "Nums" => nums });
    let root_kids: Vec<Object> = ids[0].into_iter().map(Object::from).collect();
    file.set(
        root_id,
        dictionary! {
            "Type" => "StructTreeRoot",
            "K" => root_kids,
            "ParentTree" => parent_tree,
            "ParentTreeNextKey" => (marks.owners.len() + marks.links.len()) as i64,
        },
    );
    Ok(())
}

fn kid(piece: Piece, own_page: Option<ObjectId>, marks: &Marks, refs: &TreeRefs<'_>) -> Object {
    match piece {
        Piece::Mcid { page, mcid } if Some(refs.pages[page]) == own_page => i64::from(mcid).into(),
        Piece::Mcid { page, mcid } => Object::Dictionary(dictionary! {
            "Type" => "MCR",
            "Pg" => refs.pages[page],
            "MCID" => i64::from(mcid),
        }),
        Piece::Annot { link } => {
            let mut d = Dictionary::new();
            d.set("Type", "OBJR");
            d.set("Pg", refs.pages[marks.links[link].page]);
            d.set("Obj", refs.annots[link]);
            Object::Dictionary(d)
        }
    }
}
