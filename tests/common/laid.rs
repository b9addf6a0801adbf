//! Reads laid-out PDF pages back as paragraphs, through the structure tree
//! the PDF is tagged with: what a screen reader announces, block by block.

use cabinet_report::pdf::frame::{ElementId, ItemKind, LaidOut, Role, Structure, Tag};
use std::collections::BTreeMap;

/// Roles that hold one paragraph of text each.
fn is_block(role: &Role) -> bool {
    matches!(
        role,
        Role::Heading(_) | Role::P | Role::LI | Role::TH(_) | Role::TD | Role::Caption
    )
}

/// The block a piece of text belongs to: the table cell or caption it is
/// in, else the outermost heading, paragraph or list item (a list item's
/// label and body are one paragraph, as in Word).
fn block_of(s: &Structure, id: ElementId) -> Option<ElementId> {
    let mut found = None;
    let mut at = Some(id);
    while let Some(e) = at {
        match s.elements[e].role {
            Role::TH(_) | Role::TD | Role::Caption => return Some(e),
            ref r if is_block(r) => found = Some(e),
            _ => {}
        }
        at = s.elements[e].parent;
    }
    found
}

/// Every block's text in reading (tree) order, with spaces normalised.
pub fn paragraphs(laid: &LaidOut) -> Vec<String> {
    let s = &laid.structure;
    let mut text: BTreeMap<ElementId, String> = BTreeMap::new();
    // A list label and its body share a line; readers announce them apart.
    let mut last_leaf: Option<ElementId> = None;
    for page in &laid.pages {
        for item in &page.items {
            let (Tag::Content(id), ItemKind::Text(run)) = (&item.tag, &item.kind) else {
                continue;
            };
            let Some(block) = block_of(s, *id) else {
                continue;
            };
            let words = run
                .actual_text
                .clone()
                .unwrap_or_else(|| run.glyphs.iter().map(|g| g.text.as_str()).collect());
            let buf = text.entry(block).or_default();
            // Lines keep their trailing spaces, so a line break needs no space
            // of its own (and a break after a hyphen must not get one).
            if last_leaf.is_some_and(|l| l != *id && s.elements[l].role == Role::Lbl) {
                buf.push(' ');
            }
            last_leaf = Some(*id);
            buf.push_str(&words);
        }
    }
    let mut out = Vec::new();
    let mut stack = vec![0];
    while let Some(id) = stack.pop() {
        if let Some(t) = text.get(&id) {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                out.push(t);
            }
        }
        stack.extend(s.elements[id].children.iter().rev());
    }
    out
}
