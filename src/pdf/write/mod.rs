//! Writes laid-out pages as a tagged PDF (PDF/UA-1).
//!
//! The steps, each in its own module: `marks` decides the marked-content
//! sequences (MCIDs) once; `glyphs` collects the glyphs per face and the
//! text each stands for; `embed` subsets and embeds the fonts (`unhint`
//! drops their hinting); `images` embeds images losslessly; `content`
//! writes the page content streams; `tree` the structure tree and parent
//! tree; `outline` the bookmarks; `meta` Info and XMP; `file` holds the objects
//! (lopdf) and compresses at our level; `serial` turns them into bytes.
//!
//! Output is deterministic: objects are numbered in a fixed order, resource
//! names are fixed (`F1`–`F4`, `Im1`…), there are no dates, and the trailer
//! `/ID` is a hash of the file.

mod content;
mod embed;
mod file;
mod glyphs;
mod images;
mod marks;
mod meta;
mod outline;
mod serial;
mod tree;
mod unhint;

use crate::error::Error;
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{ItemKind, LaidOut, Role};
use file::{name, real, text, PdfFile};
use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use std::collections::BTreeSet;

/// Writes a laid-out document as PDF bytes.
pub fn write(laid: &LaidOut, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    write_with(laid, fonts, false)
}

/// Writes an agenda pack: as [`write`], and its links to `#page=N` go to
/// page N (from 0) of the file, and the page labels say the pages are
/// numbered from 1, as the pack prints them, so a viewer's page box shows
/// the printed number.
pub fn write_pack(laid: &LaidOut, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    write_with(laid, fonts, true)
}

fn write_with(laid: &LaidOut, fonts: &FontSet, pack: bool) -> Result<Vec<u8>, Error> {
    if laid.pages.is_empty() {
        return Err(Error::Pdf("the document has no pages".into()));
    }
    let (w, h) = laid.page_size;
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(Error::Pdf(format!("the page size {w} × {h} is not a size")));
    }
    let marks = marks::Marks::plan(laid).map_err(Error::Pdf)?;
    let used = glyphs::collect(laid, fonts).map_err(Error::Pdf)?;
    let (page_w, page_h) = laid.page_size;

    let mut file = PdfFile::new();
    // Fixed numbering: catalog, page tree, pages, structure, then the rest in order.
    let catalog = file.reserve();
    let page_tree = file.reserve();
    let page_ids: Vec<ObjectId> = laid.pages.iter().map(|_| file.reserve()).collect();
    let struct_root = file.reserve();
    let element_ids = tree::reserve(&mut file, &laid.structure, &marks);

    // Fonts.
    let mut font_resources = Dictionary::new();
    for face in Face::ALL {
        let Some(glyphs) = &used[face as usize] else {
            continue;
        };
        let data = fonts.get(face);
        let id = embed::embed(&mut file, face, data, glyphs)?;
        font_resources.set(face.resource_name(), id);
    }

    // Images, each once however often it is drawn.
    let mut image_indices = BTreeSet::new();
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let ItemKind::Image { image, .. } = item.kind {
                if image >= laid.images.len() {
                    return Err(Error::Pdf(format!(
                        "page {} draws image {image}, which does not exist",
                        p + 1
                    )));
                }
                image_indices.insert(image);
            }
        }
    }
    let mut xobjects = Dictionary::new();
    for &i in &image_indices {
        let id = images::embed(&mut file, &laid.images[i], i)?;
        xobjects.set(images::resource_name(i), id);
    }
    let mut resources = dictionary! { "Font" => font_resources };
    if !xobjects.is_empty() {
        resources.set("XObject", xobjects);
    }
    let resources = file.add(resources);

    // Content streams.
    let cx = content::PageContext {
        page_height: page_h,
        structure: &laid.structure,
        glyphs: &used,
    };
    let mut contents = Vec::with_capacity(laid.pages.len());
    for (page, page_marks) in laid.pages.iter().zip(&marks.items) {
        let stream = content::page_stream(page, page_marks, &cx).map_err(Error::Pdf)?;
        contents.push(file.add_deflated(Dictionary::new(), &stream)?);
    }

    // Link annotations: parent-tree keys follow the pages'.
    let mut annot_ids = Vec::with_capacity(marks.links.len());
    let mut annot_keys = Vec::with_capacity(marks.links.len());
    for (k, link) in marks.links.iter().enumerate() {
        let key = (laid.pages.len() + k) as i64;
        let alt = match &laid.structure.elements[link.element].role {
            Role::Link { alt } if !alt.trim().is_empty() => alt.clone(),
            Role::Link { .. } => link.url.clone(),
            _ => {
                return Err(Error::Pdf(format!(
                    "a link area on page {} is not in a Link element",
                    link.page + 1
                )))
            }
        };
        let inside = pack
            .then(|| internal_target(&link.url))
            .flatten()
            .and_then(|p| page_ids.get(p));
        let action = match inside {
            Some(&target) => dictionary! {
                "Type" => "Action",
                "S" => "GoTo",
                "D" => vec![target.into(), "XYZ".into(), Object::Null, real(page_h), Object::Null],
            },
            None => dictionary! {
                "Type" => "Action",
                "S" => "URI",
                "URI" => Object::String(uri_bytes(&link.url), StringFormat::Literal),
            },
        };
        let id = file.add(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            "Rect" => link.rect.iter().map(|&v| real(v)).collect::<Vec<_>>(),
            "Border" => vec![0.into(), 0.into(), 0.into()],
            "F" => 4,
            "P" => page_ids[link.page],
            "Contents" => text(&alt),
            "StructParent" => key,
            "A" => action,
        });
        annot_ids.push(id);
        annot_keys.push(key);
    }

    // Pages.
    for (p, &id) in page_ids.iter().enumerate() {
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => page_tree,
            "MediaBox" => vec![0.into(), 0.into(), real(page_w), real(page_h)],
            "Resources" => resources,
            "Contents" => contents[p],
            "StructParents" => p as i64,
            "Tabs" => "S",
        };
        let annots: Vec<Object> = marks
            .links
            .iter()
            .zip(&annot_ids)
            .filter(|(l, _)| l.page == p)
            .map(|(_, &a)| a.into())
            .collect();
        if !annots.is_empty() {
            page.set("Annots", annots);
        }
        file.set(id, page);
    }
    file.set(
        page_tree,
        dictionary! {
            "Type" => "Pages",
            "Kids" => page_ids.iter().map(|&id| id.into()).collect::<Vec<Object>>(),
            "Count" => page_ids.len() as i64,
        },
    );

    let refs = tree::TreeRefs {
        pages: &page_ids,
        annots: &annot_ids,
        annot_keys: &annot_keys,
    };
    tree::write(
        &mut file,
        struct_root,
        &laid.structure,
        &marks,
        &element_ids,
        &refs,
    )
    .map_err(Error::Pdf)?;
    let outline = outline::write(&mut file, &laid.outline, &page_ids, page_h);
    let info = meta::info(&mut file, &laid.meta);
    let xmp = meta::xmp(&mut file, &laid.meta);

    let mut cat = dictionary! {
        "Type" => "Catalog",
        "Pages" => page_tree,
        "StructTreeRoot" => struct_root,
        "MarkInfo" => dictionary! { "Marked" => true },
        "Lang" => text(laid.meta.lang),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
        "Metadata" => xmp,
    };
    if pack {
        cat.set(
            "PageLabels",
            dictionary! { "Nums" => vec![0.into(), dictionary! { "S" => "D" }.into()] },
        );
    }
    if let Some(outline) = outline {
        cat.set("Outlines", outline);
        cat.set("PageMode", name("UseOutlines"));
    }
    file.set(catalog, cat);
    file.finish(catalog, info)
}

/// The page index of a link inside the pack (`#page=N`).
fn internal_target(url: &str) -> Option<usize> {
    url.strip_prefix("#page=")?.parse().ok()
}

/// A URI as 7-bit ASCII: anything else percent-encoded (the PDF URI action
/// takes ASCII only).
fn uri_bytes(url: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(url.len());
    for &b in url.as_bytes() {
        if b.is_ascii_graphic() {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}
