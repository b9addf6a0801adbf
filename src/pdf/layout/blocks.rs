//! Body blocks: headings, paragraphs, quotations, lists, images, notices.

use super::text::{Align, Line};
use super::{artifact, shift, table, Chunk, Column, Ctx, Look, GUTTER, MM};
use crate::compose::Text;
use crate::compose::{theme, ImageNode, ListItem, ListKind, Node, NodeKind};
use crate::error::Error;
use crate::pdf::frame::{ItemKind, Role, Tag};

pub(super) const PARA_GAP: f32 = theme::PARAGRAPH_GAP;
const QUOTE_INSET: f32 = theme::QUOTE_INSET;

/// Lays out one node into `out`.
pub(super) fn node(
    cx: &mut Ctx<'_>,
    node: &Node,
    col: Column,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    let path = node.path.as_str();
    match &node.kind {
        NodeKind::Heading {
            level,
            number,
            text,
            capitals,
        } => heading(
            cx,
            *level,
            number.map(|n| n.to_string()).as_deref(),
            text,
            *capitals,
            col,
            path,
            out,
        ),
        NodeKind::Paragraph {
            number,
            indented,
            text,
        } => {
            let number = number.as_ref().map(|n| n.label.as_str());
            paragraph(cx, number, *indented, text, col, path, out)?;
            if node.keep_with_next {
                if let Some(last) = out.last_mut() {
                    last.keep_with_next = true;
                }
            }
            Ok(())
        }
        NodeKind::Quote(text) => quote(cx, text, col, path, out),
        NodeKind::List {
            kind,
            items,
            indented,
            ..
        } => list(cx, *kind, items, *indented, col, out),
        NodeKind::Table(t) => table::body_table(cx, t, col, path, out),
        NodeKind::Image(img) => image(cx, img, col, path, out),
        NodeKind::ExemptNotice(text) => notice(cx, text, col, path, out),
        NodeKind::Implications(t) => super::implications::lay(cx, t, col, path, out),
    }
}

#[allow(clippy::too_many_arguments)]
fn heading(
    cx: &mut Ctx<'_>,
    level: u8,
    number: Option<&str>,
    text: &str,
    capitals: bool,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if text.trim().is_empty() && number.is_none() {
        return Ok(());
    }
    let h = cx.structure.push(col.parent, Role::Heading(level + 1));
    if capitals {
        let written = match number {
            Some(n) => format!("{n} {text}"),
            None => text.to_string(),
        };
        cx.structure.actual_text.insert(h, written);
    }
    let size = if level <= 1 { cx.sizes.h2 } else { cx.sizes.h3 };
    let look = Look {
        bold: true,
        italic: false,
        size,
        colour: cx.primary,
        capitals,
    };
    let lh = Ctx::leading(size);
    let (x, w) = match number {
        Some(_) => (col.x + GUTTER, col.w - GUTTER),
        None => (col.x, col.w),
    };
    let inl = [cx.plain(text, look, h)];
    let lines = cx.lines(&inl, w, Align::Left, path)?;
    let lead = match number {
        // The space keeps number and words apart when the text is extracted.
        Some(n) => cx.label(
            &format!("{n} "),
            Look {
                capitals: false,
                ..look
            },
            h,
            col.x,
            0.0,
            lh,
            path,
        )?,
        None => Vec::new(),
    };
    let before = if level <= 1 {
        theme::HEADING_GAP
    } else {
        theme::SUBHEADING_GAP
    };
    let mut chunks = cx.line_chunks(lines, x, lh, before, lead, true);
    if chunks.is_empty() {
        return Ok(());
    }
    let title = match number {
        Some(n) => format!("{n} {text}"),
        None => text.to_string(),
    };
    chunks[0].bookmark = Some((title, level.clamp(1, 2)));
    if let Some(last) = chunks.last_mut() {
        last.height += 2.0;
    }
    out.extend(chunks);
    Ok(())
}

fn paragraph(
    cx: &mut Ctx<'_>,
    number: Option<&str>,
    indented: bool,
    text: &Text,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if text.is_blank() {
        return Ok(());
    }
    let p = cx.structure.push(col.parent, Role::P);
    let look = cx.body_look();
    let lh = Ctx::leading(look.size);
    let (x, w) = if number.is_some() || indented {
        (col.x + GUTTER, col.w - GUTTER)
    } else {
        (col.x, col.w)
    };
    let inl = cx.inlines(text, look, p);
    let first = number.map_or(0.0, |n| cx.number_overhang(n, look));
    let lines = cx.lines_indented(&inl, w, first, cx.align, path)?;
    let lead = match number {
        Some(n) => cx.label(&format!("{n} "), look, p, col.x, 0.0, lh, path)?,
        None => Vec::new(),
    };
    out.extend(cx.line_chunks(lines, x, lh, PARA_GAP, lead, false));
    Ok(())
}

fn quote(
    cx: &mut Ctx<'_>,
    text: &Text,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if text.is_blank() {
        return Ok(());
    }
    let q = cx.structure.push(col.parent, Role::BlockQuote);
    let p = cx.structure.push(q, Role::P);
    let look = cx.body_look();
    let lh = Ctx::leading(look.size);
    let x = col.x + GUTTER + QUOTE_INSET;
    let w = col.w - GUTTER - 2.0 * QUOTE_INSET;
    let inl = cx.inlines(text, look, p);
    let lines = cx.lines(&inl, w, cx.align, path)?;
    let mut chunks = cx.line_chunks(lines, x, lh, PARA_GAP, Vec::new(), false);
    // A rule down the left of the quotation, drawn per line so it follows page breaks.
    for c in &mut chunks {
        c.items.insert(
            0,
            artifact(ItemKind::Rect {
                x: col.x + GUTTER + 4.0,
                y: 0.0,
                w: 3.0,
                h: c.height,
                fill: Some(cx.tint_strong()),
                stroke: None,
            }),
        );
    }
    out.extend(chunks);
    Ok(())
}

fn list(
    cx: &mut Ctx<'_>,
    kind: ListKind,
    items: &[ListItem],
    indented: bool,
    col: Column,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if items.is_empty() {
        return Ok(());
    }
    let l = cx.structure.push(col.parent, Role::L);
    let x0 = if indented { col.x + GUTTER } else { col.x };
    let label_w = match kind {
        ListKind::Bullet => theme::BULLET_HANG,
        ListKind::Numbered | ListKind::Recommendations => theme::NUMBER_HANG,
    };
    let body_x = x0 + label_w;
    let body_w = col.x + col.w - body_x;
    let look = cx.body_look();
    let lh = Ctx::leading(look.size);
    for (n, item) in items.iter().enumerate() {
        let li = cx.structure.push(l, Role::LI);
        let lbl = cx.structure.push(li, Role::Lbl);
        let lead = cx.label(&item.label, look, lbl, x0, 0.0, lh, &item.path)?;
        let body = cx.structure.push(li, Role::LBody);
        let gap = if n == 0 { PARA_GAP } else { 4.0 };
        if item.text.is_blank() {
            out.push(Chunk {
                height: lh,
                space_before: gap,
                keep_with_next: true,
                items: lead,
                ..Chunk::default()
            });
        } else {
            let inl = cx.inlines(&item.text, look, body);
            let lines: Vec<Line> = cx.lines(&inl, body_w, cx.align, &item.path)?;
            out.extend(cx.line_chunks(lines, body_x, lh, gap, lead, false));
        }
        let inner = Column {
            x: body_x,
            w: body_w,
            parent: body,
        };
        for child in &item.children {
            node(cx, child, inner, out)?;
        }
    }
    Ok(())
}

fn image(
    cx: &mut Ctx<'_>,
    img: &ImageNode,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    let (index, loaded) = cx.image(&img.src, path)?;
    // The theme's sizing, as in Word: a width of 0 or less (which the
    // validator refuses, rule R12) still draws a findable image.
    let (w, h) = theme::image_size(
        loaded.width_px,
        loaded.height_px,
        img.width_mm.map(|mm| mm * MM),
        loaded.natural_width_mm() * MM,
        col.w,
    );
    let fig = cx.structure.push(
        col.parent,
        Role::Figure {
            alt: img.alt.clone(),
        },
    );
    let has_caption = img.caption.as_ref().is_some_and(|c| !c.is_blank());
    out.push(Chunk {
        height: h,
        space_before: PARA_GAP + 4.0,
        keep_with_next: has_caption,
        items: vec![crate::pdf::frame::Item {
            tag: Tag::Content(fig),
            kind: ItemKind::Image {
                image: index,
                x: col.x,
                y: 0.0,
                w,
                h,
            },
        }],
        ..Chunk::default()
    });
    if let (true, Some(caption)) = (has_caption, &img.caption) {
        let p = cx.structure.push(col.parent, Role::P);
        let look = Look {
            italic: true,
            size: cx.sizes.table,
            ..cx.body_look()
        };
        let lh = Ctx::leading(look.size);
        let inl = cx.inlines(caption, look, p);
        let lines = cx.lines(&inl, col.w, Align::Left, &format!("{path}.caption"))?;
        out.extend(cx.line_chunks(lines, col.x, lh, 4.0, Vec::new(), false));
    }
    Ok(())
}

/// The notice standing in for withheld exempt content: a boxed paragraph.
fn notice(
    cx: &mut Ctx<'_>,
    text: &Text,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if text.is_blank() {
        return Ok(());
    }
    const PAD: f32 = 8.0;
    let p = cx.structure.push(col.parent, Role::P);
    let look = Look {
        bold: true,
        ..cx.body_look()
    };
    let lh = Ctx::leading(look.size);
    let inl = cx.inlines(text, look, p);
    let lines = cx.lines(&inl, col.w - 2.0 * PAD - 4.0, Align::Left, path)?;
    let mut chunks = cx.line_chunks(
        lines,
        col.x + PAD + 4.0,
        lh,
        PARA_GAP + 4.0,
        Vec::new(),
        false,
    );
    let n = chunks.len();
    let border = (cx.primary, 1.0);
    for (i, c) in chunks.iter_mut().enumerate() {
        let top_pad = if i == 0 { PAD } else { 0.0 };
        let bottom_pad = if i + 1 == n { PAD } else { 0.0 };
        c.items = c.items.iter().map(|it| shift(it, top_pad)).collect();
        c.height += top_pad + bottom_pad;
        let (x0, x1, h) = (col.x, col.x + col.w, c.height);
        let mut deco = vec![
            artifact(ItemKind::Rect {
                x: x0,
                y: 0.0,
                w: col.w,
                h,
                fill: Some(cx.tint),
                stroke: None,
            }),
            artifact(ItemKind::Rect {
                x: x0,
                y: 0.0,
                w: 4.0,
                h,
                fill: Some(cx.primary),
                stroke: None,
            }),
            line(x1, 0.0, x1, h, border),
        ];
        if i == 0 {
            deco.push(line(x0, 0.0, x1, 0.0, border));
        }
        if i + 1 == n {
            deco.push(line(x0, h, x1, h, border));
        }
        deco.append(&mut c.items);
        c.items = deco;
    }
    out.extend(chunks);
    Ok(())
}

/// A decorative straight line.
pub(super) fn line(
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    (colour, width): (crate::compose::Rgb, f32),
) -> crate::pdf::frame::Item {
    artifact(ItemKind::Line {
        from: (x0, y0),
        to: (x1, y1),
        width,
        colour,
    })
}
