//! Tables, decided once for both formats: the grid (merged cells,
//! subtotal and totals rows), each column's alignment and width, and
//! whether the table is kept on one page.
//!
//! Widths and heights are measured with the brand's fonts through the same
//! shaper the PDF lays text out with, so the PDF and Word draw the same
//! columns.

use super::text::resolve;
use super::theme::{self, PAGE};
use super::{Align, Cell, ColumnSpec, ListKind, Node, NodeKind, Row, RowKind, TableNode, Text};
use crate::fonts::shape::Shaper;
use crate::fonts::{Face, FontSet};
use crate::model;

/// A table with its grid and alignment resolved; [`measure`] then sets the widths.
pub(super) fn table_node(table: &model::Table) -> TableNode {
    let widest = table
        .rows
        .iter()
        .chain(table.total.iter())
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    // Rows are widened or cut to the columns; validation reports ragged rows.
    let n = if table.columns.is_empty() {
        widest
    } else {
        table.columns.len()
    };
    let header_row = table.columns.iter().any(|c| !c.heading.is_blank());
    let columns = (0..n)
        .map(|c| {
            let col = table.columns.get(c);
            ColumnSpec {
                heading: col.map(|c| resolve(&c.heading)).unwrap_or_default(),
                align: match col.map_or(model::Align::Auto, |c| c.align) {
                    model::Align::Auto if column_is_numeric(table, c) => Align::Right,
                    model::Align::Auto | model::Align::Left => Align::Left,
                    model::Align::Centre => Align::Centre,
                    model::Align::Right => Align::Right,
                },
                // The share the report gives, until `measure` decides.
                width: col
                    .and_then(|c| c.width_percent)
                    .filter(|p| p.is_finite() && *p > 0.0)
                    .map_or(0.0, |p| p.min(100.0) / 100.0),
            }
        })
        .collect();
    let row = |cells: &[model::Text], kind| Row {
        kind,
        cells: (0..n)
            .map(|c| Cell::Text {
                text: cells.get(c).map(resolve).unwrap_or_default(),
                rows: 1,
                columns: 1,
            })
            .collect(),
    };
    let mut rows: Vec<Row> = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let kind = if table.subtotal_rows.contains(&r) {
                RowKind::Subtotal
            } else {
                RowKind::Body
            };
            row(cells, kind)
        })
        .collect();
    rows.extend(table.total.as_ref().map(|t| row(t, RowKind::Total)));
    merge(&mut rows, &table.merge, table.rows.len());
    let body_rows = table.rows.len() + usize::from(table.total.is_some());
    TableNode {
        caption: table.caption.as_ref().map(resolve),
        columns,
        header_row,
        rows,
        header_column: table.header_column,
        row_headers: table.header_column
            && header_cells_fewer_than_data(n, body_rows, header_row),
        keep_together: false,
    }
}

/// Applies the merges that fit the grid: inside it, over free cells, and
/// not across the line between the body and the totals row (which are
/// tagged apart). The validator reports the rest. Linear: the cells looked
/// at are bounded by a few times the grid, whatever the merges ask.
fn merge(rows: &mut [Row], merges: &[model::Merge], body: usize) {
    let n = rows.first().map_or(0, |r| r.cells.len());
    let mut budget = 4 * rows.len() * n + merges.len();
    for m in merges {
        let (r0, c0) = (m.row, m.column);
        if r0 >= rows.len() || c0 >= n || m.rows == 0 || m.columns == 0 {
            continue;
        }
        let last_row = if r0 < body { body } else { rows.len() };
        let r1 = r0.saturating_add(m.rows).min(last_row);
        let c1 = c0.saturating_add(m.columns).min(n);
        if r1 - r0 == 1 && c1 - c0 == 1 {
            continue;
        }
        let mut free = true;
        'scan: for row in &rows[r0..r1] {
            for cell in &row.cells[c0..c1] {
                budget = budget.saturating_sub(1);
                if budget == 0 || !matches!(cell, Cell::Text { rows: 1, columns: 1, .. }) {
                    free = false;
                    break 'scan;
                }
            }
        }
        if !free {
            continue;
        }
        for (r, row) in rows.iter_mut().enumerate().take(r1).skip(r0) {
            for c in c0..c1 {
                row.cells[c] = match (r == r0, c == c0) {
                    (true, true) => match std::mem::replace(&mut row.cells[c], Cell::Covered) {
                        Cell::Text { text, .. } => Cell::Text {
                            text,
                            rows: r1 - r0,
                            columns: c1 - c0,
                        },
                        other => other,
                    },
                    (false, true) => Cell::Below { columns: c1 - c0 },
                    _ => Cell::Covered,
                };
            }
        }
    }
}

/// Header cells (the header row and one per row) no more than data cells.
fn header_cells_fewer_than_data(n: usize, rows: usize, header_row: bool) -> bool {
    let heads = if header_row { n } else { 0 };
    heads + rows <= rows * n.saturating_sub(1)
}

fn column_is_numeric(table: &model::Table, c: usize) -> bool {
    let mut any = false;
    for text in table.rows.iter().chain(table.total.iter()).filter_map(|r| r.get(c)) {
        // A cell is nearly always one run: read in place, not copied.
        let plain = match text.0.as_slice() {
            [one] => std::borrow::Cow::Borrowed(one.text.as_str()),
            _ => std::borrow::Cow::Owned(text.plain()),
        };
        if plain.trim().is_empty() {
            continue;
        }
        if crate::amount::parse(&plain).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// Sets every table's column widths and keep-together decision, for the
/// width of the column it stands in (a recommendation's table is narrower
/// by its number's hang).
pub(super) fn measure(body: &mut [Node], fonts: &FontSet, size: f32) {
    let mut m = Measure {
        shaper: Shaper::new(fonts),
        size,
    };
    walk(body, PAGE.text_width(), &mut m);
}

fn walk(nodes: &mut [Node], width: f32, m: &mut Measure<'_>) {
    for node in nodes {
        match &mut node.kind {
            NodeKind::Table(t) => m.table(t, width),
            NodeKind::List {
                kind,
                items,
                indented,
                ..
            } => {
                // As both renderers place an item's blocks: after the label's hang.
                let hang = match kind {
                    ListKind::Bullet => theme::BULLET_HANG,
                    ListKind::Numbered | ListKind::Recommendations => theme::NUMBER_HANG,
                };
                let inset = hang + if *indented { theme::GUTTER } else { 0.0 };
                for item in items {
                    walk(&mut item.children, width - inset, m);
                }
            }
            _ => {}
        }
    }
}

struct Measure<'f> {
    shaper: Shaper<'f>,
    /// Table text size.
    size: f32,
}

impl Measure<'_> {
    fn table(&mut self, t: &mut TableNode, avail: f32) {
        let n = t.columns.len();
        if n == 0 {
            return;
        }
        // The padding, and 1 pt each side for Word's cell borders and twips rounding.
        let pad = 2.0 * theme::CELL_PADDING + 2.0;
        let mut min = vec![pad; n];
        let mut max = vec![pad; n];
        let mut grow = |c: usize, (lo, hi): (f32, f32)| {
            min[c] = min[c].max(lo + pad);
            max[c] = max[c].max(hi + pad);
        };
        if t.header_row {
            for c in 0..n {
                let w = self.widths(&t.columns[c].heading, true);
                grow(c, w);
            }
        }
        for row in &t.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                // A merged cell's words are shared by its columns; only a
                // cell of one column sizes its column.
                if let Cell::Text {
                    text, columns: 1, ..
                } = cell
                {
                    let w = self.widths(text, t.bold(row.kind, c));
                    grow(c, w);
                }
            }
        }
        // Before measuring, a column's width is the share the report gave it, or 0.
        let percent: Vec<Option<f32>> = t
            .columns
            .iter()
            .map(|c| (c.width > 0.0).then_some(c.width * 100.0))
            .collect();
        let widths = theme::column_widths(&min, &max, &percent, avail);
        for (col, w) in t.columns.iter_mut().zip(&widths) {
            col.width = w / avail;
        }
        let page = PAGE.height - PAGE.margin_top - PAGE.margin_bottom;
        t.keep_together = self.height(t, &widths, page) <= page;
    }

    /// The widest word and the whole text on one line.
    fn widths(&mut self, text: &Text, bold: bool) -> (f32, f32) {
        let (mut lo, mut hi) = (0.0f32, 0.0f32);
        for span in &text.0 {
            let face = Face::of(bold || span.bold, span.italic);
            let space = self.word(face, " ");
            let mut first = true;
            for word in span.text.split_whitespace() {
                let w = self.word(face, word);
                lo = lo.max(w);
                hi += w + if first { 0.0 } else { space };
                first = false;
            }
            if span.text.starts_with(char::is_whitespace) && !first {
                hi += space;
            }
        }
        (lo, hi)
    }

    fn word(&mut self, face: Face, word: &str) -> f32 {
        self.shaper.width(face, self.size, word)
    }

    /// Lines of `text` filled greedily into `width`.
    fn lines(&mut self, text: &Text, bold: bool, width: f32) -> usize {
        let mut lines = 1;
        let mut x = 0.0f32;
        for span in &text.0 {
            let face = Face::of(bold || span.bold, span.italic);
            let space = self.word(face, " ");
            for word in span.text.split_whitespace() {
                let w = self.word(face, word);
                if x > 0.0 && x + space + w > width {
                    lines += 1;
                    x = w;
                } else {
                    x += if x > 0.0 { space + w } else { w };
                }
            }
        }
        lines
    }

    /// The table's height as the PDF draws it, near enough to tell whether
    /// it fits on a page; once past `limit` it stops adding rows (a long
    /// table's rows need not all be measured to know it does not fit).
    fn height(&mut self, t: &TableNode, widths: &[f32], limit: f32) -> f32 {
        let lh = self.size * theme::LEADING;
        let pad = theme::CELL_PADDING;
        let mut h = 0.0;
        if let Some(caption) = &t.caption {
            let body = PAGE.text_width();
            h += self.lines(caption, true, body) as f32 * lh * 1.2 + 3.0;
        }
        if t.header_row {
            let mut most = 1;
            for (c, col) in t.columns.iter().enumerate() {
                most = most.max(self.lines(&col.heading, true, widths[c] - 2.0 * pad));
            }
            h += most as f32 * lh + 2.0 * pad;
        }
        for row in &t.rows {
            if h > limit {
                break;
            }
            let mut most = 1;
            for (c, cell) in row.cells.iter().enumerate() {
                if let Cell::Text {
                    text,
                    rows: 1,
                    columns,
                } = cell
                {
                    let w: f32 = widths[c..(c + columns).min(widths.len())].iter().sum();
                    most = most.max(self.lines(text, t.bold(row.kind, c), w - 2.0 * pad));
                }
            }
            h += most as f32 * lh + 2.0 * pad;
        }
        h
    }
}
