//! The implications table: a header row (TH, scope Column), each row headed
//! by its implication (TH, scope Row), so a screen reader announces
//! "Financial, Comments" before each comment.

use super::blocks::PARA_GAP;
use super::table::{self, At, Cell, Grid};
use super::text::Align;
use super::{Chunk, Column, Ctx};
use crate::compose::{ImplicationsNode, Text};
use crate::error::Error;
use crate::pdf::frame::Role;

pub(super) fn lay(
    cx: &mut Ctx<'_>,
    t: &ImplicationsNode,
    col: Column,
    path: &str,
    out: &mut Vec<Chunk>,
) -> Result<(), Error> {
    let headings: Vec<Text> = t.columns.iter().map(|c| Text::from(c.as_str())).collect();
    let labels: Vec<Text> = t.rows.iter().map(|r| Text::from(r.label.as_str())).collect();
    let header = headings
        .iter()
        .map(|h| Cell::column_header(cx, h, format!("{path} (implications table header)")))
        .collect();
    let rows = t
        .rows
        .iter()
        .zip(&labels)
        .map(|(r, label)| {
            let mut cells = vec![
                Cell::row_header(cx, label, r.path.clone()),
                Cell {
                    texts: &r.comment,
                    paragraphs: true,
                    role: Role::TD,
                    bold: false,
                    align: Align::Left,
                    fill: None,
                    colour: cx.text_colour,
                    path: At::Named(format!("{}.blocks", r.path)),
                },
            ];
            if let Some(s) = &r.sign_off {
                cells.push(Cell {
                    texts: std::slice::from_ref(s),
                    paragraphs: false,
                    role: Role::TD,
                    bold: false,
                    align: Align::Left,
                    fill: None,
                    colour: cx.text_colour,
                    path: At::Named(format!("{}.sign_off", r.path)),
                });
            }
            cells
        })
        .collect();
    let shares: &[f32] = if t.columns.len() == 3 {
        &[0.22, 0.53, 0.25]
    } else {
        &[0.28, 0.72]
    };
    let grid = Grid {
        caption: None,
        widths: shares.iter().map(|s| s * col.w).collect(),
        header: Some(header),
        rows,
        total: None,
        spans: Vec::new(),
        subtotal: Vec::new(),
        // Rows are long prose: the table splits between rows like a long table.
        keep: false,
        size: cx.sizes.table,
        space_before: PARA_GAP + 4.0,
        path: path.to_string(),
    };
    table::lay(cx, grid, col, out)
}
