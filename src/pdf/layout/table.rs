//! Tables: the body's data tables and the first page's metadata table.
//!
//! Column widths, alignment, merged cells and whether a table is kept on
//! one page were decided in compose, for Word as well. Rows are
//! unbreakable chunks, split only when one is taller than a page; the rows
//! a merged cell spans stay together; the header row repeats (as an
//! artifact) on every page the table crosses.

use super::blocks::{line, PARA_GAP};
use super::text::{Align, Line};
use super::{artifact, Chunk, Column, Ctx, Look, BODY_BOTTOM, BODY_TOP, RULE};
use crate::compose::{theme, Rgb, RowKind, TableNode};
use crate::compose::{Align as ColAlign, Cell as ComposedCell, Text};
use crate::error::Error;
use crate::pdf::frame::{ElementId, ItemKind, Role, Scope};
use std::rc::Rc;

/// Cell padding.
const PAD: f32 = theme::CELL_PADDING;

/// One cell to lay out.
pub(super) struct Cell<'t> {
    /// Paragraphs of the cell, stacked.
    pub texts: &'t [Text],
    /// Each text is a paragraph of its own (P inside the cell), not one
    /// line of a list of values (officers, wards) read as one.
    pub paragraphs: bool,
    pub role: Role,
    pub bold: bool,
    pub align: Align,
    /// A background.
    pub fill: Option<Rgb>,
    pub colour: Rgb,
    pub path: At<'t>,
}

/// Where a cell's text is in the report, for an error about it. Formatted
/// only when there is one: a table of 800,000 cells spent a fifth of its
/// layout time and 50 MB naming cells that were all fine.
pub(super) enum At<'t> {
    /// Named in full.
    Named(String),
    /// A column heading of the table at the path.
    Heading(&'t str, usize),
    /// A body cell: row, column.
    Body(&'t str, usize, usize),
    /// A cell of the totals row.
    Total(&'t str, usize),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Named(path) => f.write_str(path),
            At::Heading(table, c) => write!(f, "{table}.columns[{c}].heading"),
            At::Body(table, r, c) => write!(f, "{table}.rows[{r}][{c}]"),
            At::Total(table, c) => write!(f, "{table}.total[{c}]"),
        }
    }
}

impl<'t> Cell<'t> {
    /// A row's heading cell: bold on the tint, tagged as the row's header,
    /// as the metadata table and the implications table both draw it.
    pub fn row_header(cx: &Ctx<'_>, label: &'t Text, path: String) -> Self {
        Cell {
            texts: std::slice::from_ref(label),
            paragraphs: false,
            role: Role::TH(Scope::Row),
            bold: true,
            align: Align::Left,
            fill: Some(cx.tint),
            colour: cx.text_colour,
            path: At::Named(path),
        }
    }

    /// A column's heading cell of the first page's tables (the metadata
    /// table's sign-off header, the implications table): bold on the brand
    /// colour, tagged as the column's header.
    pub fn column_header(cx: &Ctx<'_>, heading: &'t Text, path: String) -> Self {
        Cell {
            texts: std::slice::from_ref(heading),
            paragraphs: false,
            role: Role::TH(Scope::Column),
            bold: true,
            align: Align::Left,
            fill: Some(cx.primary),
            colour: cx.on_primary,
            path: At::Named(path),
        }
    }
}

/// A table ready to lay out.
#[derive(Default)]
pub(super) struct Grid<'t> {
    pub caption: Option<&'t Text>,
    pub widths: Vec<f32>,
    pub header: Option<Vec<Cell<'t>>>,
    pub rows: Vec<Vec<Cell<'t>>>,
    pub total: Option<Vec<Cell<'t>>>,
    /// Per body row, (rows, columns) of each cell, (0, 0) for one covered by a
    /// merged cell; empty when no cell is merged.
    pub spans: Vec<Vec<(usize, usize)>>,
    /// Body rows ruled and set like the totals row.
    pub subtotal: Vec<bool>,
    /// Kept on one page (compose decided it fits).
    pub keep: bool,
    pub size: f32,
    pub space_before: f32,
    pub path: String,
}

/// A laid-out row: each cell's lines, with its column and span.
struct RowLines {
    cells: Vec<LaidCell>,
}

struct LaidCell {
    lines: Vec<Line>,
    fill: Option<Rgb>,
    /// First column.
    col: usize,
    rows: usize,
    columns: usize,
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
    let header: Option<Vec<Cell<'_>>> = t.header_row.then(|| {
        t.columns
            .iter()
            .enumerate()
            .map(|(c, spec)| Cell {
                texts: std::slice::from_ref(&spec.heading),
                paragraphs: false,
                role: Role::TH(Scope::Column),
                bold: true,
                align: align_of(t, c),
                fill: Some(cx.primary),
                colour: cx.on_primary,
                path: At::Heading(path, c),
            })
            .collect()
    });
    let body_rows = t.rows.len() - usize::from(t.total().is_some());
    let mut rows = Vec::new();
    let mut spans = Vec::new();
    let mut subtotal = Vec::new();
    let mut total = None;
    let empty = Text::default();
    for (r, row) in t.rows.iter().enumerate() {
        let cells: Vec<Cell<'_>> = row
            .cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let at = if row.kind == RowKind::Total {
                    At::Total(path, c)
                } else {
                    At::Body(path, r, c)
                };
                let mut cell = body_cell(cx, t, cell.text().unwrap_or(&empty), c, row.kind, at);
                if row.kind != RowKind::Body {
                    cell.fill = Some(cx.tint);
                }
                cell
            })
            .collect();
        let span: Vec<(usize, usize)> = row
            .cells
            .iter()
            .map(|cell| match cell {
                ComposedCell::Text { rows, columns, .. } => (*rows, *columns),
                _ => (0, 0),
            })
            .collect();
        if row.kind == RowKind::Total && r == body_rows {
            total = Some(cells);
            spans.push(span);
        } else {
            rows.push(cells);
            spans.push(span);
            subtotal.push(row.kind == RowKind::Subtotal);
        }
    }
    let widths = t.columns.iter().map(|c| c.width * col.w).collect();
    let grid = Grid {
        caption: t.caption.as_ref(),
        widths,
        header,
        rows,
        total,
        spans,
        subtotal,
        keep: t.keep_together,
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

/// A body, subtotal or total cell; the first column's cells head their rows when the table says so.
fn body_cell<'t>(
    cx: &Ctx<'_>,
    t: &TableNode,
    text: &'t Text,
    c: usize,
    kind: RowKind,
    path: At<'t>,
) -> Cell<'t> {
    let head = t.header_column && c == 0;
    Cell {
        texts: std::slice::from_ref(text),
        paragraphs: false,
        role: if head && t.row_headers {
            Role::TH(Scope::Row)
        } else {
            Role::TD
        },
        bold: t.bold(kind, c),
        align: align_of(t, c),
        fill: None,
        colour: cx.text_colour,
        path,
    }
}

/// Lays out a grid: caption, header, rows and total, tagged as a table.
pub(super) fn lay(
    cx: &mut Ctx<'_>,
    mut grid: Grid<'_>,
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
        let row = row_lines(cx, header, None, &grid, tr)?;
        let height = row.cells.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1) as f32 * lh
            + 2.0 * PAD;
        let open = vec![false; grid.widths.len()];
        let shape = RowShape {
            height,
            spanned: 0.0,
            open: &open,
            top: None,
        };
        let mut chunks = draw_row(cx, row, &grid, col.x, lh, max_row, &shape);
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
    let body = std::mem::take(&mut grid.rows);
    let foot: Vec<Vec<Cell<'_>>> = grid.total.take().into_iter().collect();
    // Spans and subtotal flags are by row, the totals row's after the body's.
    let body_rows = body.len();
    let groups = [(Role::TBody, 0, body), (Role::TFoot, body_rows, foot)];
    let mut ruled_above = grid.header.is_some();
    let start = out.len();
    for (role, first_row, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        let foot = role == Role::TFoot;
        let group = cx.structure.push(table, role);
        let count = rows.len();
        let mut rows = rows.into_iter();
        // Rows are laid out a band at a time: a row with the rows its merged
        // cells reach down into. Only a band needs its lines at once, so a
        // long table's memory is its drawn rows, not its drawn rows and all
        // their lines as well.
        let mut r = 0;
        while r < count {
            let end = band_end(&grid.spans, first_row, r, count);
            let band: Vec<Vec<Cell<'_>>> = rows.by_ref().take(end - r).collect();
            let spans_of = |k: usize| grid.spans.get(first_row + r + k).map(Vec::as_slice);
            // Every row's cells first (tagged in reading order), then their
            // heights: a cell merged down rows needs the rows it spans.
            let mut laid = Vec::with_capacity(band.len());
            for (k, cells) in band.iter().enumerate() {
                let tr = cx.structure.push(group, Role::TR);
                laid.push(row_lines(cx, cells, spans_of(k), &grid, tr)?);
            }
            drop(band);
            let shapes = band_shapes(&laid, lh, grid.widths.len());
            for (k, row) in laid.into_iter().enumerate() {
                let strong =
                    foot || grid.subtotal.get(first_row + r + k).copied().unwrap_or(false);
                let top = if strong {
                    Some((cx.text_colour, 1.0))
                } else if ruled_above {
                    None
                } else {
                    Some((RULE, 0.5))
                };
                ruled_above = true;
                let heights = &shapes.heights;
                let spanned: f32 = row
                    .cells
                    .iter()
                    .filter(|c| c.rows > 1)
                    .map(|c| heights[k..(k + c.rows).min(heights.len())].iter().sum::<f32>())
                    .fold(0.0, f32::max);
                let limit = max_row - repeat.as_ref().map_or(0.0, |r| r.height);
                let shape = RowShape {
                    height: heights[k],
                    spanned,
                    open: &shapes.open[k],
                    top,
                };
                let mut chunks = draw_row(cx, row, &grid, col.x, lh, limit, &shape);
                for c in &mut chunks {
                    c.repeat = repeat.clone();
                }
                if let Some(c) = chunks.first_mut() {
                    c.space_before = space(&mut first);
                }
                if shapes.held[k] {
                    if let Some(c) = chunks.last_mut() {
                        c.keep_with_next = true;
                    }
                }
                out.extend(chunks);
            }
            r = end;
        }
    }
    // A table that fits on a page is not split: every row keeps with the next.
    if grid.keep && out.len() > start {
        let end = out.len() - 1;
        for c in &mut out[start..end] {
            c.keep_with_next = true;
        }
    }
    // Room under the table before what follows.
    if let Some(last) = out.last_mut() {
        last.height += 4.0;
    }
    Ok(())
}

/// The end (exclusive) of the band of rows starting at `r` of a group of
/// `count` rows whose spans begin at `first_row`: the rows its merged cells
/// reach down into, and the rows theirs reach, and so on. Each row is
/// looked at once.
fn band_end(spans: &[Vec<(usize, usize)>], first_row: usize, r: usize, count: usize) -> usize {
    let mut end = r + 1;
    let mut k = r;
    while k < end {
        let reach = spans
            .get(first_row + k)
            .into_iter()
            .flatten()
            .map(|&(rows, _)| k + rows)
            .max()
            .unwrap_or(0);
        end = end.max(reach.min(count));
        k += 1;
    }
    end
}

/// A band's row heights, which rows keep with the next (a merged cell
/// runs on into it), and per row the columns whose cell runs on below.
struct BandShapes {
    heights: Vec<f32>,
    held: Vec<bool>,
    open: Vec<Vec<bool>>,
}

fn band_shapes(laid: &[RowLines], lh: f32, columns: usize) -> BandShapes {
    let lines_h = |n: usize| n.max(1) as f32 * lh + 2.0 * PAD;
    let mut heights: Vec<f32> = laid
        .iter()
        .map(|row| {
            lines_h(
                row.cells
                    .iter()
                    .filter(|c| c.rows == 1)
                    .map(|c| c.lines.len())
                    .max()
                    .unwrap_or(1),
            )
        })
        .collect();
    // Rows a merged cell spans, which must stay on one page.
    let mut held = vec![false; laid.len()];
    for (r, row) in laid.iter().enumerate() {
        for cell in row.cells.iter().filter(|c| c.rows > 1) {
            let last = (r + cell.rows).min(laid.len()) - 1;
            let have: f32 = heights[r..=last].iter().sum();
            let need = lines_h(cell.lines.len());
            if need > have {
                heights[last] += need - have;
            }
            held[r..last].iter_mut().for_each(|h| *h = true);
        }
    }
    // Columns whose cell runs on into the next row: no rule under them.
    let mut open = vec![vec![false; columns]; laid.len()];
    for (r, row) in laid.iter().enumerate() {
        for cell in row.cells.iter().filter(|c| c.rows > 1) {
            let last = (r + cell.rows).min(laid.len()) - 1;
            for o in &mut open[r..last] {
                for flag in o.iter_mut().skip(cell.col).take(cell.columns) {
                    *flag = true;
                }
            }
        }
    }
    BandShapes {
        heights,
        held,
        open,
    }
}

/// Creates the row's cell elements (none for a position a merged cell
/// covers) and breaks each cell's text into lines.
fn row_lines(
    cx: &mut Ctx<'_>,
    cells: &[Cell<'_>],
    spans: Option<&[(usize, usize)]>,
    grid: &Grid<'_>,
    tr: ElementId,
) -> Result<RowLines, Error> {
    let mut out = Vec::with_capacity(cells.len());
    for (c, cell) in cells.iter().enumerate() {
        let (rows, columns) = spans.and_then(|s| s.get(c)).copied().unwrap_or((1, 1));
        if rows == 0 || columns == 0 {
            continue;
        }
        let el = cx.structure.push(tr, cell.role.clone());
        if rows > 1 || columns > 1 {
            cx.structure.spans.insert(el, (rows, columns));
        }
        let look = Look {
            bold: cell.bold,
            italic: false,
            size: grid.size,
            colour: cell.colour,
            capitals: false,
        };
        let w: f32 = grid.widths.iter().skip(c).take(columns).sum::<f32>() - 2.0 * PAD;
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
        out.push(LaidCell {
            lines,
            fill: cell.fill,
            col: c,
            rows,
            columns,
        });
    }
    Ok(RowLines { cells: out })
}

/// A row's height and rules.
struct RowShape<'a> {
    /// The row's own height.
    height: f32,
    /// The height of the rows its tallest merged cell spans (0 if none).
    spanned: f32,
    /// Columns whose cell runs on into the next row.
    open: &'a [bool],
    /// The rule above, if any.
    top: Option<(Rgb, f32)>,
}

/// Draws a row as one chunk, or several when it is taller than `limit`
/// (a row with a merged cell is never sliced). The row's lines move into
/// the chunks: a copy of every glyph of a large table was a third of its
/// memory.
///
/// Rows are ruled above and below only: no vertical rules, as in GOV.UK
/// tables, which also keeps checkers from seeing one grid across two tables.
fn draw_row(
    cx: &Ctx<'_>,
    mut row: RowLines,
    grid: &Grid<'_>,
    x0: f32,
    lh: f32,
    limit: f32,
    shape: &RowShape<'_>,
) -> Vec<Chunk> {
    let merged = row.cells.iter().any(|c| c.rows > 1 || c.columns > 1) || shape.spanned > 0.0;
    let tallest = ((shape.height - 2.0 * PAD) / lh).round().max(1.0) as usize;
    let per_chunk = if merged {
        tallest
    } else {
        (((limit - 2.0 * PAD) / lh).floor() as usize).max(1)
    };
    let slices = tallest.div_ceil(per_chunk);
    let total_w: f32 = grid.widths.iter().sum();
    let x_of = |c: usize| x0 + grid.widths.iter().take(c).sum::<f32>();
    let rule = (RULE, 0.5);
    let mut lines: Vec<_> = row
        .cells
        .iter_mut()
        .map(|c| std::mem::take(&mut c.lines).into_iter())
        .collect();
    (0..slices)
        .map(|s| {
            let from = s * per_chunk;
            let height = if slices == 1 {
                shape.height
            } else {
                (tallest - from).min(per_chunk) as f32 * lh + 2.0 * PAD
            };
            let mut items = Vec::new();
            for (cell, lines) in row.cells.iter().zip(&mut lines) {
                let x = x_of(cell.col);
                let w: f32 = grid.widths.iter().skip(cell.col).take(cell.columns).sum();
                if let Some(fill) = cell.fill {
                    let h = if cell.rows > 1 { shape.spanned } else { height };
                    items.push(artifact(ItemKind::Rect {
                        // Inset so the rule above, drawn by the row before, shows.
                        x,
                        y: 0.3,
                        w,
                        h: h - 0.3,
                        fill: Some(fill),
                        stroke: None,
                    }));
                }
                // A cell merged down rows runs on below this row's height.
                let take = if cell.rows > 1 { usize::MAX } else { per_chunk };
                // Slices take their lines in order, so each takes the next ones.
                for (k, line) in lines.take(take).enumerate() {
                    cx.line_items(line, x + PAD, PAD + k as f32 * lh, lh, &mut items);
                }
            }
            if let (0, Some(top)) = (s, shape.top) {
                items.push(line(x0, 0.0, x0 + total_w, 0.0, top));
            }
            // The rule under the row, broken where a merged cell runs on.
            let mut c = 0;
            while c < shape.open.len() {
                if shape.open[c] && s + 1 == slices {
                    c += 1;
                    continue;
                }
                let from_c = c;
                while c < shape.open.len() && !(shape.open[c] && s + 1 == slices) {
                    c += 1;
                }
                items.push(line(x_of(from_c), height, x_of(c), height, rule));
            }
            Chunk {
                height,
                // The slices of a split row stay together where they can.
                keep_with_next: false,
                items,
                ..Chunk::default()
            }
        })
        .collect()
}
