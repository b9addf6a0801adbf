//! Tables: the masthead and metadata block of the first page, and the report's own tables.
//!
//! Label cells are header cells: bold and shaded; header rows repeat on each
//! page (`w:tblHeader`), so a long table stays readable and screen readers
//! announce the headers.

use super::body::{para_xml, Num, RunStyle, Writer};
use super::xml::esc;
use super::TEXT_WIDTH;
use crate::compose::{ImplicationsNode, TableNode};
use crate::compose::{Align, Text};

/// A cell: its paragraphs' XML and its shading.
struct Cell {
    paras: String,
    fill: Option<String>,
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
}

fn table(out: &mut String, widths: &[i64], rows: &[Row], look: &Look<'_>) {
    let total: i64 = widths.iter().sum();
    // LibreOffice reads only the packed `w:val` form, Word the attributes: write both.
    let val = 0x0600
        | if look.first_row { 0x0020 } else { 0 }
        | if look.last_row { 0x0040 } else { 0 }
        | if look.first_column { 0x0080 } else { 0 };
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="{val:04X}" w:firstRow="{}" w:lastRow="{}" w:firstColumn="{}" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#,
        u8::from(look.first_row),
        u8::from(look.last_row),
        u8::from(look.first_column)
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
        for (cell, w) in row.cells.iter().zip(widths) {
            out.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#));
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

/// One cell paragraph per line.
fn cell_paras(w: &mut Writer<'_>, lines: &[Text], style: RunStyle<'_>, align: Align) -> String {
    let mut x = String::new();
    for line in lines {
        let content = w.runs(line, style);
        x.push_str(&para_xml("TableText", Num::Style, jc(align), &content));
    }
    if lines.is_empty() {
        x.push_str(&para_xml("TableText", Num::Style, "", ""));
    }
    x
}

/// The first page: meeting, date, report of, classification; the title; the metadata table.
pub(super) fn masthead(w: &mut Writer<'_>) {
    let doc = w.doc;
    let m = &doc.masthead;
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let widths = [TEXT_WIDTH * 35 / 100, TEXT_WIDTH - TEXT_WIDTH * 35 / 100];
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
                Cell {
                    paras: cell_paras(w, &[Text::from(m.meeting.as_str())], head, Align::Left),
                    fill: Some(primary.clone()),
                },
                Cell {
                    paras: cell_paras(w, &when, head, Align::Left),
                    fill: Some(primary.clone()),
                },
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
        },
    );
    // Space between the table and the first heading.
    w.para("Normal", Num::Style, r#"<w:spacing w:after="0"/>"#, "");
}

fn label_row(w: &mut Writer<'_>, label: &str, lines: &[Text], style: RunStyle<'_>) -> Row {
    Row {
        header: false,
        cells: vec![
            Cell {
                paras: cell_paras(w, &[Text::from(label)], style, Align::Left),
                fill: Some(w.doc.theme.colours.label_fill.hex()),
            },
            Cell {
                paras: cell_paras(w, lines, RunStyle::default(), Align::Left),
                fill: None,
            },
        ],
    }
}

/// Column widths in twips: the template's percentages, the rest shared equally.
fn widths(table: &TableNode) -> Vec<i64> {
    let n = table.columns.len().max(1);
    let given: f32 = table
        .columns
        .iter()
        .filter_map(|c| c.width_percent)
        .filter(|p| p.is_finite() && *p > 0.0)
        .sum();
    let free = table
        .columns
        .iter()
        .filter(|c| c.width_percent.is_none())
        .count();
    let rest = if free > 0 {
        ((100.0 - given).max(0.0)) / free as f32
    } else {
        0.0
    };
    let mut pct: Vec<f32> = table
        .columns
        .iter()
        .map(|c| match c.width_percent {
            Some(p) if p.is_finite() && p > 0.0 => p,
            _ => rest,
        })
        .map(|p| p.max(100.0 / n as f32 / 4.0))
        .collect();
    let sum: f32 = pct.iter().sum();
    for p in &mut pct {
        *p /= sum;
    }
    let mut out: Vec<i64> = pct
        .iter()
        .map(|p| (p * TEXT_WIDTH as f32).floor() as i64)
        .collect();
    let used: i64 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    out
}

/// A table of the report, with its caption above it.
pub(super) fn body_table(w: &mut Writer<'_>, t: &TableNode) {
    if t.columns.is_empty() {
        return;
    }
    if let Some(caption) = &t.caption {
        let content = w.runs(caption, RunStyle::default());
        w.para("Caption", Num::Style, "", &content);
    }
    let doc = w.doc;
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let head = RunStyle {
        bold: true,
        colour: Some(&on_primary),
        caps: None,
    };
    let mut rows = vec![Row {
        header: true,
        cells: t
            .columns
            .iter()
            .map(|c| Cell {
                paras: cell_paras(w, std::slice::from_ref(&c.heading), head, c.align),
                fill: Some(primary.clone()),
            })
            .collect(),
    }];
    let body_row = |w: &mut Writer<'_>, cells: &[Text], bold: bool| Row {
        header: false,
        cells: t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = cells.get(i).cloned().unwrap_or_default();
                let style = RunStyle {
                    bold: bold || (i == 0 && t.header_column),
                    ..RunStyle::default()
                };
                Cell {
                    paras: cell_paras(w, &[text], style, c.align),
                    fill: None,
                }
            })
            .collect(),
    };
    for r in &t.rows {
        rows.push(body_row(w, r, false));
    }
    if let Some(total) = &t.total {
        rows.push(body_row(w, total, true));
    }
    let caption = t.caption.as_ref().map(Text::plain);
    table(
        &mut w.out,
        &widths(t),
        &rows,
        &Look {
            first_row: true,
            last_row: t.total.is_some(),
            first_column: t.row_headers,
            caption: caption.as_deref(),
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
            .map(|c| Cell {
                paras: cell_paras(w, &[Text::from(c.as_str())], head, Align::Left),
                fill: Some(primary.clone()),
            })
            .collect(),
    }];
    for r in &t.rows {
        let mut cells = vec![
            Cell {
                paras: cell_paras(w, &[Text::from(r.label.as_str())], label, Align::Left),
                fill: Some(label_fill.clone()),
            },
            Cell {
                paras: cell_paras(w, &r.comment, RunStyle::default(), Align::Left),
                fill: None,
            },
        ];
        if let Some(s) = &r.sign_off {
            cells.push(Cell {
                paras: cell_paras(w, std::slice::from_ref(s), RunStyle::default(), Align::Left),
                fill: None,
            });
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
        },
    );
}
