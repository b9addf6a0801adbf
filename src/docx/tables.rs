//! Tables: the masthead and metadata block of the first page, and the report's own tables.
//!
//! Label cells are header cells: bold and shaded; header rows repeat on each
//! page (`w:tblHeader`), so a long table stays readable and screen readers
//! announce the headers.

use super::body::{para_xml, Num, RunStyle, Writer};
use super::xml::esc;
use super::TEXT_WIDTH;
use crate::compose::{Align, Cell as TableCell, ImplicationsNode, RowKind, TableNode, Text};

/// A cell: its paragraphs' XML, its shading and how it is merged.
struct Cell {
    paras: String,
    fill: Option<String>,
    /// Grid columns it spans.
    span: usize,
    /// Merged down rows: the first cell restarts, those below continue it.
    vmerge: Option<VMerge>,
}

#[derive(Clone, Copy)]
enum VMerge {
    Restart,
    Continue,
}

impl Cell {
    fn new(paras: String, fill: Option<String>) -> Cell {
        Cell {
            paras,
            fill,
            span: 1,
            vmerge: None,
        }
    }
}

/// A row: header rows repeat after a page break.
struct Row {
    header: bool,
    cells: Vec<Cell>,
}

/// How a table presents itself to Word's table styles and to assistive technology.
struct Look<'a> {
    first_row: bool,
    last_row: bool,
    first_column: bool,
    caption: Option<&'a str>,
    /// From the margin, in twips: a recommendation's table starts under its text.
    indent: i64,
}

fn table(out: &mut String, widths: &[i64], rows: &[Row], look: &Look<'_>) {
    let total: i64 = widths.iter().sum();
    // LibreOffice reads only the packed `w:val` form, Word the attributes: write both.
    let val = 0x0600
        | if look.first_row { 0x0020 } else { 0 }
        | if look.last_row { 0x0040 } else { 0 }
        | if look.first_column { 0x0080 } else { 0 };
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="{total}" w:type="dxa"/>{indent}<w:tblLayout w:type="fixed"/><w:tblLook w:val="{val:04X}" w:firstRow="{}" w:lastRow="{}" w:firstColumn="{}" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#,
        u8::from(look.first_row),
        u8::from(look.last_row),
        u8::from(look.first_column),
        indent = if look.indent > 0 {
            format!(r#"<w:tblInd w:w="{}" w:type="dxa"/>"#, look.indent)
        } else {
            String::new()
        },
    ));
    if let Some(c) = look.caption {
        out.push_str(&format!(r#"<w:tblCaption w:val="{}"/>"#, esc(c)));
    }
    out.push_str("</w:tblPr><w:tblGrid>");
    for w in widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    for row in rows {
        out.push_str("<w:tr>");
        if row.header {
            out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        } else {
            out.push_str("<w:trPr><w:cantSplit/></w:trPr>");
        }
        let mut col = 0;
        for cell in &row.cells {
            let w: i64 = widths.iter().skip(col).take(cell.span).sum();
            col += cell.span;
            out.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#));
            if cell.span > 1 {
                out.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
            }
            match cell.vmerge {
                Some(VMerge::Restart) => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Some(VMerge::Continue) => out.push_str("<w:vMerge/>"),
                None => {}
            }
            if let Some(fill) = &cell.fill {
                out.push_str(&format!(
                    r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
                ));
            }
            out.push_str("</w:tcPr>");
            out.push_str(&cell.paras);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Right => r#"<w:jc w:val="right"/>"#,
        Align::Centre => r#"<w:jc w:val="center"/>"#,
        Align::Left => "",
    }
}

/// One cell paragraph per line; `keep` keeps them with the next row.
fn cell_paras(
    w: &mut Writer<'_>,
    para_style: &str,
    lines: &[Text],
    style: RunStyle<'_>,
    align: Align,
    keep: bool,
) -> String {
    let keep = if keep { "<w:keepNext/>" } else { "" };
    let mut x = String::new();
    for line in lines {
        let content = w.runs(line, style);
        x.push_str(&para_xml(
            para_style,
            Num::Style,
            &format!("{keep}{}", jc(align)),
            &content,
        ));
    }
    if lines.is_empty() {
        x.push_str(&para_xml(para_style, Num::Style, keep, ""));
    }
    x
}

/// The first page: meeting, date, report of, classification; the title; the metadata table.
pub(super) fn masthead(w: &mut Writer<'_>) {
    let doc = w.doc;
    let m = &doc.masthead;
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let label = (TEXT_WIDTH as f32 * crate::compose::theme::LABEL_COLUMN).round() as i64;
    let widths = [label, TEXT_WIDTH - label];
    let head = RunStyle {
        bold: true,
        colour: Some(&on_primary),
        caps: None,
    };
    let label = RunStyle {
        bold: true,
        ..RunStyle::default()
    };

    for line in &m.opening {
        let runs = w.runs(&Text::from(line.as_str()), label);
        w.para("Normal", Num::Style, "", &runs);
    }
    let mut when = vec![Text::from(m.date.as_str())];
    when.extend(m.agenda_item.as_deref().map(Text::from));
    // The meeting and date are the masthead's first line, not headers of the
    // rows below: the PDF tags them as paragraphs, and so must Word.
    let rows = vec![
        Row {
            header: false,
            cells: vec![
                Cell::new(cell_paras(w, "TableText", &[Text::from(m.meeting.as_str())], head, Align::Left, false), Some(primary.clone())),
                Cell::new(cell_paras(w, "TableText", &when, head, Align::Left, false), Some(primary.clone())),
            ],
        },
        label_row(
            w,
            &m.report_of.0,
            &[Text::from(m.report_of.1.as_str())],
            label,
        ),
        label_row(
            w,
            &m.classification.0,
            &[Text::from(m.classification.1.as_str())],
            label,
        ),
    ];
    table(
        &mut w.out,
        &widths,
        &rows,
        &Look {
            first_row: false,
            last_row: false,
            first_column: true,
            caption: None,
            indent: 0,
        },
    );
    let title = w.runs(&Text::from(m.title.as_str()), RunStyle::default());
    w.para("Title", Num::Style, "", &title);

    if doc.metadata.is_empty() {
        return;
    }
    let rows: Vec<Row> = doc
        .metadata
        .iter()
        .map(|r| label_row(w, &r.label, &r.lines, label))
        .collect();
    table(
        &mut w.out,
        &widths,
        &rows,
        &Look {
            first_row: false,
            last_row: false,
            first_column: true,
            caption: None,
            indent: 0,
        },
    );
    // Space between the table and the first heading.
    w.para("Normal", Num::Style, r#"<w:spacing w:after="0"/>"#, "");
}

fn label_row(w: &mut Writer<'_>, label: &str, lines: &[Text], style: RunStyle<'_>) -> Row {
    Row {
        header: false,
        cells: vec![
            Cell::new(cell_paras(w, "TableText", &[Text::from(label)], style, Align::Left, false), Some(w.doc.theme.colours.label_fill.hex())),
            Cell::new(cell_paras(w, "TableText", lines, RunStyle::default(), Align::Left, false), None),
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
        let content = w.runs(caption, RunStyle::default());
        let ind = if indent > 0 {
            format!(r#"<w:ind w:left="{indent}"/>"#)
        } else {
            String::new()
        };
        w.para("Caption", Num::Style, &ind, &content);
    }
    let doc = w.doc;
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let tint = doc.theme.colours.label_fill.hex();
    let head = RunStyle {
        bold: true,
        colour: Some(&on_primary),
        caps: None,
    };
    // A table kept on one page: every paragraph but the last row's keeps
    // with the next, which is how Word (and LibreOffice) keep a table whole.
    let keep = |last: bool| t.keep_together && !last;
    let n_rows = t.rows.len();
    let mut rows = Vec::new();
    if t.header_row {
        rows.push(Row {
            header: true,
            cells: t
                .columns
                .iter()
                .map(|c| {
                    let paras = cell_paras(
                        w,
                        "TableBody",
                        std::slice::from_ref(&c.heading),
                        head,
                        c.align,
                        keep(n_rows == 0),
                    );
                    Cell::new(paras, Some(primary.clone()))
                })
                .collect(),
        });
    }
    for (r, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            let align = t.columns.get(c).map_or(Align::Left, |col| col.align);
            let fill = (row.kind != RowKind::Body).then(|| tint.clone());
            let style = RunStyle {
                bold: t.bold(row.kind, c),
                ..RunStyle::default()
            };
            let keep = keep(r + 1 == n_rows);
            match cell {
                TableCell::Text {
                    text,
                    rows: down,
                    columns,
                } => {
                    let paras = cell_paras(w, "TableBody", std::slice::from_ref(text), style, align, keep);
                    cells.push(Cell {
                        paras,
                        fill,
                        span: *columns,
                        vmerge: (*down > 1).then_some(VMerge::Restart),
                    });
                }
                TableCell::Below { columns } => cells.push(Cell {
                    paras: cell_paras(w, "TableBody", &[], style, align, keep),
                    fill,
                    span: *columns,
                    vmerge: Some(VMerge::Continue),
                }),
                TableCell::Covered => {}
            }
        }
        rows.push(Row {
            header: false,
            cells,
        });
    }
    let caption = t.caption.as_ref().map(Text::plain);
    table(
        &mut w.out,
        &widths(t, TEXT_WIDTH - indent),
        &rows,
        &Look {
            first_row: t.header_row,
            last_row: t.total().is_some(),
            first_column: t.row_headers,
            caption: caption.as_deref(),
            indent,
        },
    );
    // Word needs a paragraph between two tables; it also spaces the table from what follows.
    w.para("Normal", Num::Style, r#"<w:spacing w:after="0"/>"#, "");
}

/// The implications table: a repeating header row, and each row headed by
/// its implication (the table's first-column look), as the PDF tags it.
pub(super) fn implications(w: &mut Writer<'_>, t: &ImplicationsNode) {
    let doc = w.doc;
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let label_fill = doc.theme.colours.label_fill.hex();
    let head = RunStyle {
        bold: true,
        colour: Some(&on_primary),
        caps: None,
    };
    let label = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    let mut rows = vec![Row {
        header: true,
        cells: t
            .columns
            .iter()
            .map(|c| Cell::new(cell_paras(w, "TableBody", &[Text::from(c.as_str())], head, Align::Left, false), Some(primary.clone())))
            .collect(),
    }];
    for r in &t.rows {
        let mut cells = vec![
            Cell::new(cell_paras(w, "TableBody", &[Text::from(r.label.as_str())], label, Align::Left, false), Some(label_fill.clone())),
            Cell::new(cell_paras(w, "TableBody", &r.comment, RunStyle::default(), Align::Left, false), None),
        ];
        if let Some(s) = &r.sign_off {
            cells.push(Cell::new(cell_paras(w, "TableBody", std::slice::from_ref(s), RunStyle::default(), Align::Left, false), None));
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
    table(
        &mut w.out,
        &widths,
        &rows,
        &Look {
            first_row: true,
            last_row: false,
            first_column: true,
            caption: None,
            indent: 0,
        },
    );
}
