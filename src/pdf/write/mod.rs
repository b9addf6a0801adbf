//! Writes laid-out pages as a tagged PDF (PDF/UA-1).
//!
//! The steps, each in its own module: `marks` decides the marked-content
//! sequences (MCIDs) once; `glyphs` collects the glyphs per face and the
//! text each stands for; `embed` subsets and embeds the fonts (`unhint`
//! drops their hinting); `images` embeds images losslessly; `content`
//! writes the page content streams; `tree` the structure tree and parent
//! tree; `outline` the bookmarks; `meta` Info and XMP; `file` writes the
//! objects (`pdf-writer`), compresses at our level and packs small objects
//! into object streams.
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
mod streams;
mod tree;
mod unhint;

use crate::error::Error;
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{ItemKind, LaidOut, Role};
use file::{real, PdfFile};
use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType, PageMode, TabOrder};
use pdf_writer::{Finish, Name, Null, Rect, Ref, Str, TextStr};
use std::collections::BTreeSet;

/// Writes a laid-out document as PDF bytes. It takes the document so that
/// each page is dropped once its content stream is written: the pages of a
/// long report are most of its memory.
pub fn write(laid: LaidOut, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    write_with(laid, fonts, false)
}

/// Writes an agenda pack: as [`write`], and its links to `#page=N` go to
/// page N (from 0) of the file, and the page labels say the pages are
/// numbered from 1, as the pack prints them, so a viewer's page box shows
/// the printed number.
pub fn write_pack(laid: LaidOut, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    write_with(laid, fonts, true)
}

fn write_with(mut laid: LaidOut, fonts: &FontSet, pack: bool) -> Result<Vec<u8>, Error> {
    if laid.pages.is_empty() {
        return Err(Error::Pdf("the document has no pages".into()));
    }
    let (w, h) = laid.page_size;
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(Error::Pdf(format!("the page size {w} × {h} is not a size")));
    }
    let mut marks = marks::Marks::plan(&laid).map_err(Error::Pdf)?;
    let used = glyphs::collect(&laid, fonts).map_err(Error::Pdf)?;
    let (page_w, page_h) = laid.page_size;

    let mut file = PdfFile::new();
    // Fixed numbering: catalog, page tree, pages, structure, then the rest in order.
    let catalog = file.reserve();
    let page_tree = file.reserve();
    let page_ids: Vec<Ref> = laid.pages.iter().map(|_| file.reserve()).collect();
    let struct_root = file.reserve();
    // The structure's children, found once for both passes over the tree.
    let children = laid.structure.children();
    let element_ids = tree::reserve(&mut file, &laid.structure, &children, &marks);

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
    // The heavy streams, on two cores, then the fonts written around theirs.
    let cx = content::PageContext {
        page_height: page_h,
        structure: &laid.structure,
        glyphs: &used,
    };
    let page_marks = std::mem::take(&mut marks.items);
    let streams::Made {
        fonts: packed_fonts,
        pages: packed_pages,
    } = streams::make(&laid.pages, &page_marks, &cx, fonts)?;
    // The pages are most of a long report's memory, and done with; each
    // packed stream is dropped once it is in the file.
    let page_count = laid.pages.len();
    drop(std::mem::take(&mut laid.pages));
    drop(page_marks);
    let mut font_ids = Vec::new();
    for (face, packed) in Face::ALL.into_iter().zip(packed_fonts) {
        let (Some(glyphs), Some(packed)) = (&used[face as usize], packed) else {
            continue;
        };
        let id = embed::embed(&mut file, face, fonts.get(face), glyphs, &packed)?;
        font_ids.push((face.resource_name(), id));
    }

    let mut image_ids = Vec::new();
    for &i in &image_indices {
        let id = images::embed(&mut file, &laid.images[i], i)?;
        image_ids.push((images::resource_name(i), id));
    }
    let resources = file.reserve();
    {
        let mut dict = file.obj(resources).indirect(resources).dict();
        let mut fonts = dict.insert(Name(b"Font")).dict();
        for (name, id) in &font_ids {
            fonts.pair(Name(name.as_bytes()), *id);
        }
        fonts.finish();
        if !image_ids.is_empty() {
            let mut xobjects = dict.insert(Name(b"XObject")).dict();
            for (name, id) in &image_ids {
                xobjects.pair(Name(name.as_bytes()), *id);
            }
        }
    }

    let contents: Vec<Ref> = packed_pages
        .into_iter()
        .map(|p| file.add_packed(&p))
        .collect();

    // Link annotations: parent-tree keys follow the pages'.
    let mut annot_ids = Vec::with_capacity(marks.links.len());
    let mut annot_keys = Vec::with_capacity(marks.links.len());
    let mut page_annots: Vec<Vec<Ref>> = vec![Vec::new(); page_count];
    for (k, link) in marks.links.iter().enumerate() {
        let key = i32::try_from(page_count + k)
            .map_err(|_| Error::Pdf("more links than a PDF can number".into()))?;
        let alt = match &laid.structure.elements[link.element].role {
            Role::Link { alt } if !alt.trim().is_empty() => alt.as_str(),
            Role::Link { .. } => link.url.as_str(),
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
        let id = file.reserve();
        let [x1, y1, x2, y2] = link.rect.map(real);
        let mut annot = file.obj(id).annotation(id);
        annot
            .subtype(AnnotationType::Link)
            .rect(Rect::new(x1, y1, x2, y2))
            .border(0.0, 0.0, 0.0, None)
            .flags(AnnotationFlags::PRINT)
            .page(page_ids[link.page])
            .contents(TextStr(alt))
            .struct_parent(key);
        let mut action = annot.action();
        match inside {
            Some(&target) => {
                action.action_type(ActionType::GoTo);
                action
                    .insert(Name(b"D"))
                    .array()
                    .item(target)
                    .item(Name(b"XYZ"))
                    .item(Null)
                    .item(real(page_h))
                    .item(Null);
            }
            None => {
                action.action_type(ActionType::Uri);
                action.uri(Str(&uri_bytes(&link.url)));
            }
        }
        action.finish();
        annot.finish();
        page_annots
            .get_mut(link.page)
            .ok_or_else(|| Error::Pdf("a link is on a page that does not exist".into()))?
            .push(id);
        annot_ids.push(id);
        annot_keys.push(key);
    }

    // Pages.
    for (p, &id) in page_ids.iter().enumerate() {
        let mut page = file.obj(id).page(id);
        page.parent(page_tree)
            .media_box(Rect::new(0.0, 0.0, real(page_w), real(page_h)))
            .pair(Name(b"Resources"), resources);
        page.contents(contents[p])
            .struct_parents(p as i32)
            .tab_order(TabOrder::StructureOrder);
        if !page_annots[p].is_empty() {
            page.annotations(page_annots[p].iter().copied());
        }
    }
    file.obj(page_tree)
        .pages(page_tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);

    let refs = tree::TreeRefs {
        pages: &page_ids,
        annots: &annot_ids,
        annot_keys: &annot_keys,
    };
    tree::write(
        &mut file,
        struct_root,
        &laid.structure,
        &children,
        &marks,
        &element_ids,
        &refs,
    )
    .map_err(Error::Pdf)?;
    let outline = outline::write(&mut file, &laid.outline, &page_ids, page_h);
    let info = meta::info(&mut file, &laid.meta);
    let xmp = meta::xmp(&mut file, &laid.meta);

    let mut cat = file.obj(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>();
    cat.pages(page_tree)
        .pair(Name(b"StructTreeRoot"), struct_root);
    cat.mark_info().marked(true);
    cat.lang(TextStr(laid.meta.lang));
    cat.viewer_preferences().display_doc_title(true);
    cat.metadata(xmp);
    if pack {
        let mut labels = cat.insert(Name(b"PageLabels")).dict();
        let mut nums = labels.insert(Name(b"Nums")).array();
        nums.item(0);
        nums.push().dict().pair(Name(b"S"), Name(b"D"));
    }
    if let Some(outline) = outline {
        cat.outlines(outline);
        cat.page_mode(PageMode::UseOutlines);
    }
    cat.finish();
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
