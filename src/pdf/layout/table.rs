//! Tables: the body's data tables and the first page's metadata table.
//!
//! Column widths come from content, as in HTML's automatic table layout:
//! every column gets at least its longest word and shares the rest in
//! proportion to how much more its text wants; a template's
//! `width_percent` fixes a column. Rows are unbreakable chunks, split only
//! when one is taller than a page; the header row repeats (as an artifact)
//! on every page the table crosses.

use super::blocks::{line, PARA_GAP};
use super::text::{Align, Line};
use super::{artifact, Chunk, Column, Ctx, Look, BODY_BOTTOM, BODY_TOP, RULE};
use crate::compose::Rgb;
use crate::compose::TableNode;
use crate::compose::{Align as ColAlign, Text};
use crate::error::Error;
use crate::pdf::frame::{ElementId, ItemKind, Role, Scope};
use std::rc::Rc;

/// Cell padding.
const PAD: f32 = 4.0;

/// One cell to lay out.
pub(super) struct Cell<'t> {
    /// Paragraphs of the cell, stacked.
    pub texts: Vec<&'t Text>,
    /// Each text is a paragraph of its own (P inside the cell), not one
    /// line of a list of values (officers, wards) read as one.
    pub paragraphs: bool,
    pub role: Role,
    pub bold: bool,
    pub align: Align,
    /// A background.
    pub fill: Option<Rgb>,
    pub colour: Rgb,
    pub path: String,
}

/// A table ready to lay out.
pub(super) struct Grid<'t> {
    pub caption: Option<&'t Text>,
    pub widths: Vec<f32>,
    pub header: Option<Vec<Cell<'t>>>,
    pub rows: Vec<Vec<Cell<'t>>>,
    pub total: Option<Vec<Cell<'t>>>,
    pub size: f32,
    pub space_before: f32,
    pub path: String,
}

/// A laid-out row: each cell's lines.
struct RowLines {
    cells: Vec<(ElementId, Vec<Line>, Option<Rgb>)>,
}

pub(super) fn body_table(
    cx: &mut Ctx<'_>,
    t: &TableNode,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    if t.columns.is_empty() {
        return Ok(());
    }
    let size = cx.sizes.table;
    let align = |c: usize| align_of(t, c);
    let n = t.columns.len();
    let empty = Text::default();
    // Rows are widened or cut to the column count; validation reports ragged rows.
    let header: Vec<Cell<'_>> = t
        .columns
        .iter()
        .enumerate()
        .map(|(c, spec)| Cell {
            texts: vec![&spec.heading],
            paragraphs: false,
            role: Role::TH(Scope::Column),
            bold: true,
            align: align(c),
            fill: Some(cx.primary),
            colour: cx.on_primary,
            path: format!("{path}.columns[{c}].heading"),
        })
        .collect();
    let rows: Vec<Vec<Cell<'_>>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..n)
                .map(|c| {
                    cell(
                        cx,
                        t,
                        row.get(c).unwrap_or(&empty),
                        c,
                        false,
                        format!("{path}.rows[{r}][{c}]"),
                    )
                })
                .collect()
        })
        .collect();
    let total = t.total.as_ref().map(|row| {
        (0..n)
            .map(|c| {
                let mut cell = cell(
                    cx,
                    t,
                    row.get(c).unwrap_or(&empty),
                    c,
                    true,
                    format!("{path}.total[{c}]"),
                );
                cell.fill = Some(cx.tint);
                cell
            })
            .collect::<Vec<_>>()
    });
    let widths = widths(cx, t, &header, &rows, total.as_deref(), col.w, size, path)?;
    let grid = Grid {
        caption: t.caption.as_ref(),
        widths,
        header: Some(header),
        rows,
        total,
        size,
        space_before: PARA_GAP + 4.0,
        path: path.to_string(),
    };
    lay(cx, grid, col, out)
}

fn align_of(t: &TableNode, c: usize) -> Align {
    match t.columns.get(c).map(|s| s.align) {
        Some(ColAlign::Right) => Align::Right,
        Some(ColAlign::Centre) => Align::Centre,
        _ => Align::Left,
    }
}

/// A body or total cell; the first column's cells head their rows when the table says so.
fn cell<'t>(
    cx: &Ctx<'_>,
    t: &TableNode,
    text: &'t Text,
    c: usize,
    bold: bool,
    path: String,
) -> Cell<'t> {
    let head = t.header_column && c == 0;
    Cell {
        texts: vec![text],
        paragraphs: false,
        role: if head && t.row_headers {
            Role::TH(Scope::Row)
        } else {
            Role::TD
        },
        bold: bold || head,
        align: align_of(t, c),
        fill: None,
        colour: cx.text_colour,
        path,
    }
}

/// Column widths from content (min/max content widths) and template overrides.
#[allow(clippy::too_many_arguments)]
fn widths(
    cx: &mut Ctx<'_>,
    t: &TableNode,
    header: &[Cell<'_>],
    rows: &[Vec<Cell<'_>>],
    total: Option<&[Cell<'_>]>,
    avail: f32,
    size: f32,
    path: &str,
) -> Result<Vec<f32>, Error> {
    let n = header.len();
    let mut min = vec![0.0f32; n];
    let mut max = vec![0.0f32; n];
    for row in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .chain(total)
    {
        for (c, cell) in row.iter().enumerate().take(n) {
            for text in &cell.texts {
                let look = Look {
                    bold: cell.bold,
                    italic: false,
                    size,
                    colour: cell.colour,
                    capitals: false,
                };
                let inl: Vec<_> = text
                    .0
                    .iter()
                    .map(|s| {
                        let mut i = cx.plain(&s.text, look, 0);
                        i.style.face = crate::fonts::Face::of(cell.bold || s.bold, s.italic);
                        i
                    })
                    .collect();
                let (lo, hi) = super::text::content_widths(&mut cx.shaper, &inl, path)?;
                min[c] = min[c].max(lo + 2.0 * PAD);
                max[c] = max[c].max(hi + 2.0 * PAD);
            }
        }
    }
    let mut w = vec![0.0f32; n];
    let fixed: Vec<Option<f32>> = t
        .columns
        .iter()
        .map(|c| c.width_percent.map(|p| avail * p.clamp(1.0, 100.0) / 100.0))
        .collect();
    let fixed_sum: f32 = fixed.iter().flatten().sum();
    let free_min: f32 = (0..n).filter(|&c| fixed[c].is_none()).map(|c| min[c]).sum();
    // Overrides that leave no room for the other columns' words are scaled down.
    let scale = if fixed_sum > 0.0 && fixed_sum + free_min > avail {
        ((avail - free_min).max(avail * 0.2)) / fixed_sum
    } else {
        1.0
    };
    for c in 0..n {
        if let Some(f) = fixed[c] {
            w[c] = f * scale;
        }
    }
    let rest = avail - fixed_sum * scale;
    let free: Vec<usize> = (0..n).filter(|&c| fixed[c].is_none()).collect();
    let sum_min: f32 = free.iter().map(|&c| min[c]).sum();
    let sum_max: f32 = free.iter().map(|&c| max[c]).sum();
    for &c in &free {
        w[c] = if sum_max <= rest {
            max[c] + (rest - sum_max) * max[c] / sum_max.max(1.0)
        } else if sum_min >= rest {
            min[c] * rest / sum_min.max(1.0)
        } else {
            min[c] + (max[c] - min[c]) * (rest - sum_min) / (sum_max - sum_min).max(1.0)
        };
    }
    if free.is_empty() && fixed_sum * scale < avail {
        // Every column fixed but short of the width: widen in proportion.
        let k = avail / (fixed_sum * scale).max(1.0);
        w.iter_mut().for_each(|x| *x *= k);
    }
    Ok(w)
}

/// Lays out a grid: caption, header, rows and total, tagged as a table.
pub(super) fn lay(
    cx: &mut Ctx<'_>,
    grid: Grid<'_>,
    col: Column,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    let table = cx.structure.push(col.parent, Role::Table);
    let lh = Ctx::leading(grid.size);
    let mut first = true;
    let space = |first: &mut bool| {
        let s = if *first { grid.space_before } else { 0.0 };
        *first = false;
        s
    };
    if let Some(caption) = grid.caption.filter(|c| !c.is_blank()) {
        let cap = cx.structure.push(table, Role::Caption);
        let look = Look {
            bold: true,
            ..cx.body_look()
        };
        let clh = Ctx::leading(look.size);
        let inl = cx.inlines(caption, look, cap);
        let lines = cx.lines(&inl, col.w, Align::Left, &format!("{}.caption", grid.path))?;
        let mut chunks = cx.line_chunks(lines, col.x, clh, space(&mut first), Vec::new(), true);
        if let Some(last) = chunks.last_mut() {
            last.height += 3.0;
        }
        out.extend(chunks);
    }
    let max_row = BODY_BOTTOM - BODY_TOP;
    let mut repeat = None;
    if let Some(header) = &grid.header {
        // A header alone is the table's body: a THead needs a TBody.
        let alone = grid.rows.is_empty() && grid.total.is_none();
        let thead = cx
            .structure
            .push(table, if alone { Role::TBody } else { Role::THead });
        let tr = cx.structure.push(thead, Role::TR);
        let row = row_lines(cx, header, &grid, tr)?;
        let mut chunks = draw_row(cx, &row, &grid, col.x, lh, Some(max_row), None);
        if let Some(c) = chunks.first_mut() {
            c.space_before = space(&mut first);
        }
        if let Some(c) = chunks.last_mut() {
            c.keep_with_next = true;
        }
        // A header taller than half a page is split like a body row and not
        // repeated: repeating it would leave no room for the rows.
        if let [chunk] = chunks.as_slice() {
            if chunk.height <= max_row / 2.0 {
                let mut rep = chunk.clone();
                rep.space_before = 0.0;
                repeat = Some(Rc::new(rep));
            }
        }
        out.extend(chunks);
    }
    let groups: [(Role, &[Vec<Cell<'_>>]); 2] = [
        (Role::TBody, &grid.rows),
        (Role::TFoot, grid.total.as_slice()),
    ];
    let mut ruled_above = grid.header.is_some();
    for (role, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        let foot = role == Role::TFoot;
        let group = cx.structure.push(table, role);
        for cells in rows {
            let top = if foot {
                Some((cx.text_colour, 1.0))
            } else if ruled_above {
                None
            } else {
                Some((RULE, 0.5))
            };
            ruled_above = true;
            let tr = cx.structure.push(group, Role::TR);
            let row = row_lines(cx, cells, &grid, tr)?;
            let limit = max_row - repeat.as_ref().map_or(0.0, |r| r.height);
            let mut chunks = draw_row(cx, &row, &grid, col.x, lh, Some(limit), top);
            for c in &mut chunks {
                c.repeat = repeat.clone();
            }
            if let Some(c) = chunks.first_mut() {
                c.space_before = space(&mut first);
            }
            out.extend(chunks);
        }
    }
    // Room under the table before what follows.
    if let Some(last) = out.last_mut() {
        last.height += 4.0;
    }
    Ok(())
}

/// Creates the row's cell elements and breaks each cell's text into lines.
fn row_lines(
    cx: &mut Ctx<'_>,
    cells: &[Cell<'_>],
    grid: &Grid<'_>,
    tr: ElementId,
) -> Result<RowLines, Error> {
    let mut out = Vec::with_capacity(cells.len());
    for (c, cell) in cells.iter().enumerate() {
        let el = cx.structure.push(tr, cell.role.clone());
        let look = Look {
            bold: cell.bold,
            italic: false,
            size: grid.size,
            colour: cell.colour,
            capitals: false,
        };
        let w = grid.widths.get(c).copied().unwrap_or(0.0) - 2.0 * PAD;
        let mut lines = Vec::new();
        for (k, text) in cell.texts.iter().enumerate() {
            let tag = if cell.paragraphs {
                cx.structure.push(el, Role::P)
            } else {
                el
            };
            let mut inl = cx.inlines(text, look, tag);
            // Lines of one cell (officers, wards) stay apart when extracted.
            if k + 1 < cell.texts.len() {
                inl.push(cx.plain(" ", look, tag));
            }
            lines.extend(cx.lines(&inl, w.max(1.0), cell.align, &cell.path)?);
        }
        out.push((el, lines, cell.fill));
    }
    Ok(RowLines { cells: out })
}

/// Draws a row as one chunk, or several when it is taller than `limit`.
///
/// Rows are ruled above and below only: no vertical rules, as in GOV.UK
/// tables, which also keeps checkers from seeing one grid across two tables.
fn draw_row(
    cx: &Ctx<'_>,
    row: &RowLines,
    grid: &Grid<'_>,
    x0: f32,
    lh: f32,
    limit: Option<f32>,
    top: Option<(Rgb, f32)>,
) -> Vec<Chunk> {
    let tallest = row
        .cells
        .iter()
        .map(|(_, l, _)| l.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let per_chunk = match limit {
        Some(limit) => (((limit - 2.0 * PAD) / lh).floor() as usize).max(1),
        None => tallest,
    };
    let slices = tallest.div_ceil(per_chunk);
    let total_w: f32 = grid.widths.iter().sum();
    let rule = (RULE, 0.5);
    (0..slices)
        .map(|s| {
            let from = s * per_chunk;
            let lines_here = (tallest - from).min(per_chunk);
            let height = lines_here as f32 * lh + 2.0 * PAD;
            let mut items = Vec::new();
            let mut x = x0;
            for (c, (_, lines, fill)) in row.cells.iter().enumerate() {
                let w = grid.widths.get(c).copied().unwrap_or(0.0);
                if let Some(fill) = fill {
                    items.push(artifact(ItemKind::Rect {
                        // Inset so the rule above, drawn by the row before, shows.
                        x,
                        y: 0.3,
                        w,
                        h: height - 0.3,
                        fill: Some(*fill),
                        stroke: None,
                    }));
                }
                for (k, line) in lines.iter().skip(from).take(per_chunk).enumerate() {
                    cx.line_items(line.clone(), x + PAD, PAD + k as f32 * lh, lh, &mut items);
                }
                x += w;
            }
            if let (0, Some(top)) = (s, top) {
                items.push(line(x0, 0.0, x0 + total_w, 0.0, top));
            }
            items.push(line(x0, height, x0 + total_w, height, rule));
            Chunk {
                height,
                // The slices of a split row stay together where they can.
                keep_with_next: s + 1 < slices && limit.is_none(),
                items,
                ..Chunk::default()
            }
        })
        .collect()
}
