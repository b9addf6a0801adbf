//! Tables: the masthead and metadata block of the first page, and the report's own tables.
//!
//! Label cells are header cells: bold and shaded; header rows repeat on each
//! page (`w:tblHeader`), so a long table stays readable and screen readers
//! announce the headers.

use super::body::{para, Writer};
use super::props::{Jc, PPr, RPr, Spacing, TblLook, TblPr, TcPr, TrPr, VMerge};
use super::xml::{end, tag, wrap};
use super::TEXT_WIDTH;
use crate::compose::{Align, Cell as TableCell, ImplicationsNode, RowKind, TableNode, Text};

/// The paragraph style of the first page's tables, which keep the body size.
const FIRST_PAGE: &str = "TableText";
/// The paragraph style of the report's own tables: the theme's table size.
const REPORT: &str = "TableBody";

/// A cell: its paragraphs' XML and its properties but the width (the grid's).
struct Cell<'a> {
    paras: String,
    pr: TcPr<'a>,
}

impl<'a> Cell<'a> {
    /// Spanning `columns` grid columns, merged with the cells below or above.
    fn spanning(self, columns: usize, v_merge: Option<VMerge>) -> Self {
        Cell {
            pr: TcPr {
                span: columns,
                v_merge,
                ..self.pr
            },
            ..self
        }
    }
}

/// A row: header rows repeat after a page break.
struct Row<'a> {
    header: bool,
    cells: Vec<Cell<'a>>,
}

/// How a cell looks: its shading and its text's run properties.
#[derive(Clone, Copy, Default)]
struct Look<'a> {
    fill: Option<&'a str>,
    rpr: RPr<'a>,
}

/// The theme's colours as the tables use them.
struct Colours {
    primary: String,
    on_primary: String,
    label_fill: String,
}

impl Colours {
    fn of(w: &Writer<'_>) -> Colours {
        let c = &w.doc.theme.colours;
        Colours {
            primary: c.primary.hex(),
            on_primary: c.on_primary.hex(),
            label_fill: c.label_fill.hex(),
        }
    }

    /// A column heading: bold, in the brand colour.
    fn head(&self) -> Look<'_> {
        Look {
            fill: Some(&self.primary),
            rpr: RPr {
                color: Some(&self.on_primary),
                ..RPr::default()
            }
            .bold(),
        }
    }

    /// A row's label (or a total row's cell): bold on the tint.
    fn label(&self) -> Look<'_> {
        Look {
            fill: Some(&self.label_fill),
            rpr: RPr::default().bold(),
        }
    }
}

/// The one way a cell is made: one paragraph of `style` per line (an empty
/// one when there are none), aligned, and kept with the next row when `keep`.
fn cell<'a>(
    w: &mut Writer<'_>,
    style: &str,
    look: Look<'a>,
    lines: &[Text],
    align: Align,
    keep: bool,
) -> Cell<'a> {
    let keep_next = keep.then_some(true);
    let mut paras = String::new();
    for line in lines {
        let content = w.runs(line, look.rpr);
        let jc = match align {
            Align::Right => Some(Jc::Right),
            Align::Centre => Some(Jc::Center),
            Align::Left => None,
        };
        let ppr = PPr {
            keep_next,
            jc,
            ..PPr::style(style)
        };
        para(&mut paras, ppr, &content);
    }
    if lines.is_empty() {
        let ppr = PPr {
            keep_next,
            ..PPr::style(style)
        };
        para(&mut paras, ppr, "");
    }
    Cell {
        paras,
        pr: TcPr {
            fill: look.fill,
            ..TcPr::default()
        },
    }
}

/// How a table presents itself to Word's table styles and to assistive technology.
struct Shape<'a> {
    look: TblLook,
    caption: Option<&'a str>,
    /// From the margin, in twips: a recommendation's table starts under its text.
    indent: i64,
}

impl Shape<'_> {
    /// A table whose first column heads its rows, as the first page's do.
    fn row_headed() -> Self {
        Shape {
            look: TblLook {
                first_column: true,
                ..TblLook::default()
            },
            caption: None,
            indent: 0,
        }
    }
}

fn table(out: &mut String, widths: &[i64], rows: &[Row<'_>], shape: &Shape<'_>) {
    table_start(out, widths, shape);
    for row in rows {
        table_row(out, widths, row);
    }
    end(out, "w:tbl");
}

/// Opens a table: its properties and grid. Rows follow ([`table_row`]),
/// then `</w:tbl>`.
fn table_start(out: &mut String, widths: &[i64], shape: &Shape<'_>) {
    tag(out, "w:tbl").open();
    TblPr {
        style: Some("ReportTable"),
        width: Some(widths.iter().sum()),
        indent: (shape.indent > 0).then_some(shape.indent),
        fixed: true,
        look: Some(TblLook {
            packed: true,
            ..shape.look
        }),
        caption: shape.caption,
        ..TblPr::default()
    }
    .write(out);
    wrap(out, "w:tblGrid", |out| {
        for w in widths {
            tag(out, "w:gridCol").attr("w:w", w).empty();
        }
    });
}

/// One row of a table opened by [`table_start`].
fn table_row(out: &mut String, widths: &[i64], row: &Row<'_>) {
    wrap(out, "w:tr", |out| {
        TrPr {
            cant_split: true,
            header: row.header,
        }
        .write(out);
        let mut col = 0;
        for cell in &row.cells {
            let span = cell.pr.span.max(1);
            let width = widths.iter().skip(col).take(span).sum();
            col += span;
            wrap(out, "w:tc", |out| {
                TcPr {
                    width: Some(width),
                    ..cell.pr
                }
                .write(out);
                out.push_str(&cell.paras);
            });
        }
    });
}

/// The first page: meeting, date, report of, classification; the title; the metadata table.
pub(super) fn masthead(w: &mut Writer<'_>) {
    let doc = w.doc;
    let m = &doc.masthead;
    let colours = Colours::of(w);
    let label = (TEXT_WIDTH as f32 * crate::compose::theme::LABEL_COLUMN).round() as i64;
    let widths = [label, TEXT_WIDTH - label];

    for line in &m.opening {
        let runs = w.runs(&Text::from(line.as_str()), RPr::default().bold());
        w.para(PPr::style("Normal"), &runs);
    }
    let mut when = vec![Text::from(m.date.as_str())];
    when.extend(m.agenda_item.as_deref().map(Text::from));
    // The meeting and date are the masthead's first line, not headers of the
    // rows below: the PDF tags them as paragraphs, and so must Word.
    let meeting = [Text::from(m.meeting.as_str())];
    let rows = vec![
        Row {
            header: false,
            cells: vec![
                cell(w, FIRST_PAGE, colours.head(), &meeting, Align::Left, false),
                cell(w, FIRST_PAGE, colours.head(), &when, Align::Left, false),
            ],
        },
        label_row(
            w,
            &colours,
            &m.report_of.0,
            &[Text::from(m.report_of.1.as_str())],
        ),
        label_row(
            w,
            &colours,
            &m.classification.0,
            &[Text::from(m.classification.1.as_str())],
        ),
    ];
    table(&mut w.out, &widths, &rows, &Shape::row_headed());
    let title = w.runs(&Text::from(m.title.as_str()), RPr::default());
    w.para(PPr::style("Title"), &title);

    if doc.metadata.is_empty() {
        return;
    }
    let Some(columns) = &doc.metadata_columns else {
        let rows: Vec<Row> = doc
            .metadata
            .iter()
            .map(|r| label_row(w, &colours, &r.label, &r.lines))
            .collect();
        table(&mut w.out, &widths, &rows, &Shape::row_headed());
        gap(w);
        return;
    };
    // With a sign-off column: the PDF's three columns and header row.
    let sign_off = (TEXT_WIDTH as f32 * crate::compose::theme::SIGN_OFF_COLUMN).round() as i64;
    let widths = [label, TEXT_WIDTH - label - sign_off, sign_off];
    let headings: Vec<[Text; 1]> = columns.iter().map(|c| [Text::from(c.as_str())]).collect();
    let mut rows = vec![Row {
        header: true,
        cells: headings
            .iter()
            .map(|h| cell(w, FIRST_PAGE, colours.head(), h, Align::Left, false))
            .collect(),
    }];
    for r in &doc.metadata {
        let mut row = label_row(w, &colours, &r.label, &r.lines);
        let who: &[Text] = r.sign_off.as_slice();
        row.cells
            .push(cell(w, FIRST_PAGE, Look::default(), who, Align::Left, false));
        rows.push(row);
    }
    let shape = Shape {
        look: TblLook {
            first_row: true,
            ..Shape::row_headed().look
        },
        ..Shape::row_headed()
    };
    table(&mut w.out, &widths, &rows, &shape);
    gap(w);
}

/// Space after a table: Word needs a paragraph between two tables, and it
/// spaces the table from what follows.
fn gap(w: &mut Writer<'_>) {
    w.para(
        PPr {
            spacing: Some(Spacing::after(0)),
            ..PPr::style("Normal")
        },
        "",
    );
}

/// A first-page row: its label, then its lines.
fn label_row<'a>(w: &mut Writer<'_>, colours: &'a Colours, label: &str, lines: &[Text]) -> Row<'a> {
    let label = [Text::from(label)];
    Row {
        header: false,
        cells: vec![
            cell(w, FIRST_PAGE, colours.label(), &label, Align::Left, false),
            cell(w, FIRST_PAGE, Look::default(), lines, Align::Left, false),
        ],
    }
}

/// Column widths in twips: compose's shares of the width the table stands in.
fn widths(table: &TableNode, avail: i64) -> Vec<i64> {
    let mut out: Vec<i64> = table
        .columns
        .iter()
        .map(|c| (c.width * avail as f32).round() as i64)
        .collect();
    let used: i64 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += avail - used;
    }
    out
}

/// A table of the report, with its caption above it.
pub(super) fn body_table(w: &mut Writer<'_>, t: &TableNode) {
    if t.columns.is_empty() {
        return;
    }
    let indent = w.inset;
    if let Some(caption) = &t.caption {
        let content = w.runs(caption, RPr::default());
        let ppr = PPr {
            ind: (indent > 0).then(|| super::props::Ind::left(indent)),
            ..PPr::style("Caption")
        };
        w.para(ppr, &content);
    }
    let colours = Colours::of(w);
    // A table kept on one page: every paragraph but the last row's keeps
    // with the next, which is how Word (and LibreOffice) keep a table whole.
    let keep = |last: bool| t.keep_together && !last;
    let n_rows = t.rows.len();
    let caption = t.caption.as_ref().map(Text::plain);
    let shape = Shape {
        look: TblLook {
            first_row: t.header_row,
            last_row: t.total().is_some(),
            first_column: t.row_headers,
            packed: true,
        },
        caption: caption.as_deref(),
        indent,
    };
    let widths = widths(t, TEXT_WIDTH - indent);
    // Each row is written as it is made: a large table's rows held until
    // the end were a second copy of its XML.
    table_start(&mut w.out, &widths, &shape);
    if t.header_row {
        let cells = t
            .columns
            .iter()
            .map(|c| {
                let heading = std::slice::from_ref(&c.heading);
                cell(
                    w,
                    REPORT,
                    colours.head(),
                    heading,
                    c.align,
                    keep(n_rows == 0),
                )
            })
            .collect();
        let row = Row {
            header: true,
            cells,
        };
        table_row(&mut w.out, &widths, &row);
    }
    for (r, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, content) in row.cells.iter().enumerate() {
            let align = t.columns.get(c).map_or(Align::Left, |col| col.align);
            let look = Look {
                fill: (row.kind != RowKind::Body).then_some(colours.label_fill.as_str()),
                rpr: if t.bold(row.kind, c) {
                    RPr::default().bold()
                } else {
                    RPr::default()
                },
            };
            let keep = keep(r + 1 == n_rows);
            let (lines, columns, merge) = match content {
                TableCell::Text {
                    text,
                    rows: down,
                    columns,
                } => (
                    std::slice::from_ref(text),
                    *columns,
                    (*down > 1).then_some(VMerge::Restart),
                ),
                TableCell::Below { columns } => (&[][..], *columns, Some(VMerge::Continue)),
                TableCell::Covered => continue,
            };
            cells.push(cell(w, REPORT, look, lines, align, keep).spanning(columns, merge));
        }
        let row = Row {
            header: false,
            cells,
        };
        table_row(&mut w.out, &widths, &row);
    }
    end(&mut w.out, "w:tbl");
    gap(w);
}

/// The implications table: a repeating header row, and each row headed by
/// its implication (the table's first-column look), as the PDF tags it.
pub(super) fn implications(w: &mut Writer<'_>, t: &ImplicationsNode) {
    let colours = Colours::of(w);
    let mut rows = vec![Row {
        header: true,
        cells: t
            .columns
            .iter()
            .map(|c| {
                let heading = [Text::from(c.as_str())];
                cell(w, REPORT, colours.head(), &heading, Align::Left, false)
            })
            .collect(),
    }];
    for r in &t.rows {
        let label = [Text::from(r.label.as_str())];
        let mut cells = vec![
            cell(w, REPORT, colours.label(), &label, Align::Left, false),
            cell(w, REPORT, Look::default(), &r.comment, Align::Left, false),
        ];
        if let Some(s) = &r.sign_off {
            let lines = std::slice::from_ref(s);
            cells.push(cell(w, REPORT, Look::default(), lines, Align::Left, false));
        }
        rows.push(Row {
            header: false,
            cells,
        });
    }
    let shares: &[i64] = if t.columns.len() == 3 {
        &[22, 53]
    } else {
        &[28]
    };
    let mut widths: Vec<i64> = shares.iter().map(|s| TEXT_WIDTH * s / 100).collect();
    widths.push(TEXT_WIDTH - widths.iter().sum::<i64>());
    let mut shape = Shape::row_headed();
    shape.look.first_row = true;
    table(&mut w.out, &widths, &rows, &shape);
}
