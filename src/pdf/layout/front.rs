//! Page furniture: the first page's band, masthead and metadata table; the
//! running header and footer of every page.

use super::blocks::line;
use super::table::{self, At, Cell, Grid};
use super::text::Align;
use super::{
    artifact, Chunk, Column, Ctx, Look, BODY_BOTTOM, BODY_TOP, GREY, MARGIN_X, PAGE_SIZE,
    TEXT_WIDTH,
};
use crate::compose::theme;
use crate::compose::{Span, Text};
use crate::error::Error;
use crate::pdf::frame::{ArtifactKind, Item, ItemKind, Page, Role, Tag};

/// Height of the first page's brand band.
const BAND_H: f32 = 84.0;

fn retag(items: Vec<Item>, kind: ArtifactKind) -> impl Iterator<Item = Item> {
    items
        .into_iter()
        .filter(|i| !matches!(i.kind, ItemKind::Link { .. }))
        .map(move |i| Item {
            tag: Tag::Artifact(kind),
            kind: i.kind,
        })
}

/// Draws the brand band (logo and council name) on the first page; returns
/// where the flow starts below it. The band is decoration: the council's
/// name is in the document's metadata and the masthead's wording.
pub(super) fn band(cx: &mut Ctx<'_>, page: &mut Page) -> Result<f32, Error> {
    page.items.push(artifact(ItemKind::Rect {
        x: 0.0,
        y: 0.0,
        w: PAGE_SIZE.0,
        h: BAND_H,
        fill: Some(cx.primary),
        stroke: None,
    }));
    let logo = &cx.images[0];
    let ratio = logo.width_px.max(1) as f32 / logo.height_px.max(1) as f32;
    let mut h = theme::LOGO_HEIGHT;
    let mut w = h * ratio;
    if w > theme::LOGO_MAX_WIDTH {
        w = theme::LOGO_MAX_WIDTH;
        h = w / ratio;
    }
    page.items.push(artifact(ItemKind::Image {
        image: 0,
        x: MARGIN_X,
        y: (BAND_H - h) / 2.0,
        w,
        h,
    }));
    let look = Look {
        bold: true,
        italic: false,
        size: cx.sizes.title,
        colour: cx.on_primary,
        capitals: false,
    };
    let x = MARGIN_X + w + 14.0;
    let lh = Ctx::leading(look.size);
    let name = cx.doc.masthead.council.clone();
    let inl = [cx.plain(&name, look, 0)];
    let lines = cx.lines(
        &inl,
        PAGE_SIZE.0 - MARGIN_X - x,
        Align::Left,
        "template brand.council_name",
    )?;
    let shown = lines.len().min(2);
    let top = (BAND_H - shown as f32 * lh) / 2.0;
    let mut items = Vec::new();
    for (k, l) in lines.into_iter().take(shown).enumerate() {
        cx.line_items(l, x, top + k as f32 * lh, lh, &mut items);
    }
    page.items.extend(retag(items, ArtifactKind::Layout));
    Ok(BAND_H + 20.0)
}

/// Meeting, date, agenda item, "Report of:", "Classification:" and the title (H1).
pub(super) fn masthead(cx: &mut Ctx<'_>, out: &mut Vec<Chunk>) -> Result<(), Error> {
    let m = cx.doc.masthead.clone();
    let body = cx.body_look();
    let strong = Look {
        bold: true,
        size: cx.sizes.h2,
        ..body
    };

    // The template's opening lines ("Public report"), each a paragraph.
    for (i, line) in m.opening.iter().enumerate() {
        let p = cx.structure.push(0, Role::P);
        let look = Look { bold: true, ..body };
        let inl = [cx.plain(line, look, p)];
        let lines = cx.lines(&inl, TEXT_WIDTH, Align::Left, "template opening_lines")?;
        let gap = if i + 1 == m.opening.len() { 6.0 } else { 0.0 };
        let mut chunks =
            cx.line_chunks(lines, MARGIN_X, Ctx::leading(body.size), 0.0, Vec::new(), true);
        if let Some(last) = chunks.last_mut() {
            last.height += gap;
        }
        out.extend(chunks);
    }

    // The meeting, with the agenda item on the right of the same line. A
    // long committee or portfolio name wraps clear of the agenda item, one
    // chunk per line, so even a page's worth of name stays on the paper.
    let lh = Ctx::leading(strong.size);
    let meeting = cx.structure.push(0, Role::P);
    let width = if m.agenda_item.is_some() {
        TEXT_WIDTH * 0.6 - 14.0
    } else {
        TEXT_WIDTH
    };
    let inl = [cx.plain(&m.meeting, strong, meeting)];
    let left = cx.lines(&inl, width, Align::Left, "$.meeting.body")?;
    let right = match &m.agenda_item {
        Some(item) => {
            let p = cx.structure.push(0, Role::P);
            let look = Look { bold: true, ..body };
            let inl = [cx.plain(item, look, p)];
            cx.lines(
                &inl,
                TEXT_WIDTH * 0.4,
                Align::Right,
                "$.meeting.agenda_item",
            )?
        }
        None => Vec::new(),
    };
    let rows = left.len().max(right.len()).max(1);
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    for _ in 0..rows {
        let mut items = Vec::new();
        if let Some(l) = left.next() {
            cx.line_items(l, MARGIN_X, 0.0, lh, &mut items);
        }
        if let Some(l) = right.next() {
            cx.line_items(l, MARGIN_X + TEXT_WIDTH * 0.6, 0.0, lh, &mut items);
        }
        out.push(Chunk {
            height: lh,
            items,
            keep_with_next: true,
            ..Chunk::default()
        });
    }
    let date = cx.structure.push(0, Role::P);
    let blh = Ctx::leading(body.size);
    let items = cx.label(&m.date, body, date, MARGIN_X, 0.0, blh, "$.meeting.date")?;
    out.push(Chunk {
        height: blh,
        items,
        keep_with_next: true,
        ..Chunk::default()
    });

    // "Report of:" on the left, "Classification:" on the right; one chunk
    // per line when they are long, so a post title of any length stays on
    // the paper.
    let split = TEXT_WIDTH * 0.6;
    let pairs = [
        (&m.report_of, MARGIN_X, split - 14.0, "$.report_of"),
        (
            &m.classification,
            MARGIN_X + split,
            TEXT_WIDTH - split,
            "template labels (classification)",
        ),
    ];
    let mut columns = Vec::new();
    for ((label, value), x, w, path) in pairs {
        let p = cx.structure.push(0, Role::P);
        let text = Text(vec![
            Span::bold(label.clone()),
            Span::plain(format!(" {value}")),
        ]);
        let inl = cx.inlines(&text, body, p);
        columns.push((x, cx.lines(&inl, w, Align::Left, path)?.into_iter()));
    }
    let rows = columns.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
    if rows as f32 * blh <= (BODY_BOTTOM - BODY_TOP) / 3.0 {
        // The usual case: one unbreakable block, each column in reading order.
        let mut items = Vec::new();
        for (x, lines) in columns {
            for (k, l) in lines.enumerate() {
                cx.line_items(l, x, k as f32 * blh, blh, &mut items);
            }
        }
        out.push(Chunk {
            height: rows as f32 * blh,
            space_before: 10.0,
            keep_with_next: true,
            items,
            ..Chunk::default()
        });
    } else {
        for k in 0..rows {
            let mut items = Vec::new();
            for (x, lines) in &mut columns {
                if let Some(l) = lines.next() {
                    cx.line_items(l, *x, 0.0, blh, &mut items);
                }
            }
            out.push(Chunk {
                height: blh,
                space_before: if k == 0 { 10.0 } else { 0.0 },
                keep_with_next: true,
                items,
                ..Chunk::default()
            });
        }
    }

    // The title, the document's only H1, with a rule under it.
    let h1 = cx.structure.push(0, Role::Heading(1));
    let look = Look {
        bold: true,
        italic: false,
        size: cx.sizes.title,
        colour: cx.primary,
        capitals: false,
    };
    let tlh = Ctx::leading(look.size) * 0.95;
    let inl = [cx.plain(&m.title, look, h1)];
    let lines = cx.lines(&inl, TEXT_WIDTH, Align::Left, "$.title")?;
    let mut chunks = cx.line_chunks(lines, MARGIN_X, tlh, 14.0, Vec::new(), true);
    if let Some(last) = chunks.last_mut() {
        last.height += 8.0;
        let y = last.height - 1.0;
        last.items.push(line(
            MARGIN_X,
            y,
            MARGIN_X + TEXT_WIDTH,
            y,
            (cx.primary, 2.0),
        ));
    }
    out.extend(chunks);
    Ok(())
}

/// The metadata table: a column of header cells (TH, scope Row) and their
/// values; with a sign-off column, a third column and a header row naming
/// the three (TH, scope Column).
pub(super) fn metadata(cx: &mut Ctx<'_>, out: &mut Vec<Chunk>) -> Result<(), Error> {
    let rows = cx.doc.metadata.clone();
    if rows.is_empty() {
        return Ok(());
    }
    let columns: Option<Vec<Text>> = cx
        .doc
        .metadata_columns
        .as_ref()
        .map(|c| c.iter().map(|h| Text::from(h.as_str())).collect());
    let labels: Vec<Text> = rows.iter().map(|r| Text::from(r.label.as_str())).collect();
    let empty = Text::default();
    let value = |texts, path: String| Cell {
        texts,
        paragraphs: false,
        role: Role::TD,
        bold: false,
        align: Align::Left,
        fill: None,
        colour: cx.text_colour,
        path: At::Named(path),
    };
    let widths = match columns {
        Some(_) => vec![
            TEXT_WIDTH * theme::LABEL_COLUMN,
            TEXT_WIDTH * (1.0 - theme::LABEL_COLUMN - theme::SIGN_OFF_COLUMN),
            TEXT_WIDTH * theme::SIGN_OFF_COLUMN,
        ],
        None => vec![
            TEXT_WIDTH * theme::LABEL_COLUMN,
            TEXT_WIDTH * (1.0 - theme::LABEL_COLUMN),
        ],
    };
    let header = columns.as_ref().map(|headings| {
        headings
            .iter()
            .enumerate()
            .map(|(c, h)| {
                Cell::column_header(cx, h, format!("template header_sign_off (column {})", c + 1))
            })
            .collect()
    });
    let grid = Grid {
        caption: None,
        widths,
        header,
        rows: rows
            .iter()
            .zip(&labels)
            .map(|(r, label)| {
                let mut cells = vec![
                    Cell::row_header(cx, label, r.path.clone()),
                    value(&r.lines, r.path.clone()),
                ];
                if columns.is_some() {
                    let who = r.sign_off.as_ref().map_or(&empty, |t| t);
                    cells.push(value(std::slice::from_ref(who), "$.header_sign_offs".into()));
                }
                cells
            })
            .collect(),
        size: cx.sizes.body,
        space_before: 14.0,
        path: "$".into(),
        ..Grid::default()
    };
    let col = Column {
        x: MARGIN_X,
        w: TEXT_WIDTH,
        parent: 0,
    };
    table::lay(cx, grid, col, out)
}

/// Running header on pages after the first, and every page's footer:
/// the classification and "Page X of Y". All artifacts.
///
/// `marks[i]` is the exempt part page `i` carries, if any: its footer then
/// says "NOT FOR PUBLICATION" with the part's paragraphs. The pages are
/// numbered from `before + 1` of `total`: a bilingual report's second
/// language numbers on from the first.
pub(super) fn furniture(
    cx: &mut Ctx<'_>,
    pages: &mut [Page],
    marks: &[Option<usize>],
    before: usize,
    total: usize,
) -> Result<(), Error> {
    let look = Look {
        bold: false,
        italic: false,
        size: cx.sizes.small,
        colour: GREY,
        capitals: false,
    };
    let lh = Ctx::leading(look.size);
    let rule = (GREY, 0.5);
    let header = cx.doc.running_header.clone();
    let footer = cx.doc.footer.clone();
    let label = cx.doc.page_label.clone();
    for (i, page) in pages.iter_mut().enumerate() {
        // The running header: at the head of later pages, and in the first
        // page's footer (its head is the brand band), so every page names the
        // report and readers can tell it for furniture.
        let inl = [cx.plain(&header, look, 0)];
        let running = cx.lines(
            &inl,
            TEXT_WIDTH,
            Align::Left,
            "$.short_title (running header)",
        )?;
        let mut head = Vec::new();
        let mut foot = Vec::new();
        let y = BODY_BOTTOM + 16.0;
        if i > 0 {
            let top = BODY_TOP - 22.0 - lh;
            for l in running.iter().take(1).cloned() {
                cx.line_items(l, MARGIN_X, top, lh, &mut head);
            }
            let under = top + lh + 3.0;
            head.push(line(MARGIN_X, under, MARGIN_X + TEXT_WIDTH, under, rule));
        } else {
            for l in running.iter().take(1).cloned() {
                cx.line_items(l, MARGIN_X, y + 4.0 + lh, lh, &mut foot);
            }
        }
        foot.push(line(MARGIN_X, y, MARGIN_X + TEXT_WIDTH, y, rule));
        let mark = marks
            .get(i)
            .copied()
            .flatten()
            .and_then(|p| cx.doc.exempt_parts.get(p));
        let (footer, footer_look) = match mark {
            Some(part) => (&part.footer, Look { bold: true, ..look }),
            None => (&footer, look),
        };
        let inl = [cx.plain(footer, footer_look, 0)];
        // In a pack, the middle of the footer holds the pack's page number.
        // A page marked exempt is never the first, so the mark may take the
        // second line, where the first page prints the running header.
        let room = if mark.is_some() { 2 } else { 1 };
        let lines = cx.lines(
            &inl,
            TEXT_WIDTH * if cx.in_pack { 0.4 } else { 0.75 },
            Align::Left,
            "template labels (classification)",
        )?;
        for (n, l) in lines.into_iter().take(room).enumerate() {
            cx.line_items(l, MARGIN_X, y + 4.0 + n as f32 * lh, lh, &mut foot);
        }
        let number = crate::compose::page_label_text(&label, before + i + 1, total);
        let inl = [cx.plain(&number, look, 0)];
        for l in cx
            .lines(
                &inl,
                TEXT_WIDTH * 0.25,
                Align::Right,
                "template labels.page_x_of_y",
            )?
            .into_iter()
            .take(1)
        {
            cx.line_items(l, MARGIN_X + TEXT_WIDTH * 0.75, y + 4.0, lh, &mut foot);
        }
        let mut items: Vec<Item> = retag(head, ArtifactKind::Pagination).collect();
        items.append(&mut page.items);
        items.extend(retag(foot, ArtifactKind::Pagination));
        page.items = items;
    }
    Ok(())
}
