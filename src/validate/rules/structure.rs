//! R12: content that cannot be set out as written.
//!
//! A table row with a cell too many or too few has lost or gained a value
//! somewhere, and no renderer can know which column it belonged to; the
//! renderers pad or cut such rows rather than fail, so the validator is where
//! the author hears about it. The same goes for a table with no columns (its
//! rows cannot be printed at all), column widths that are not a share of the
//! table, an image with no width, a blank heading or an `other` section
//! with none, and a link no reader can safely follow (`javascript:`, or one
//! with a backslash, which browsers and PDF readers resolve to different
//! hosts), which both renderers print as plain text. A direction override
//! or isolate character anywhere is here too: the PDF and Word would show
//! the text in different orders. Blank text where a reader needs words
//! (the title, a sub-heading, an image's alternative text) is here too: the
//! files would render, but a screen reader would have nothing to announce.

use super::{quoted, Ctx, Findings};
use crate::model::{Block, SectionKind, Span, Table};
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    // The title is the PDF's and the Word document's title: a screen reader
    // announces it first, and an untitled PDF fails PDF/UA.
    if r.title.trim().is_empty() {
        f.add(
            RuleId::R12,
            "$.title",
            "the report has no title: give it one, as it is what readers, screen readers and search see first",
        );
    }
    if r.short_title
        .as_deref()
        .is_some_and(|t| t.trim().is_empty())
    {
        f.add(
            RuleId::R12,
            "$.short_title",
            "the short title is blank: write one for the running headers, or leave \"short_title\" out to use the title",
        );
    }
    for (i, s) in r.sections.iter().enumerate() {
        let blank = s.heading.as_deref().is_some_and(|h| h.trim().is_empty());
        if blank {
            f.add(
                RuleId::R12,
                format!("$.sections[{i}].heading"),
                "a section heading cannot be blank: write one, or leave \"heading\" out to use the template's",
            );
        } else if s.kind == SectionKind::Other && s.heading.is_none() {
            f.add(
                RuleId::R12,
                format!("$.sections[{i}]"),
                "a section of kind \"other\" needs a heading of its own, as the template has none for it: add \"heading\"",
            );
        }
    }
    for v in &ctx.visits {
        if let Some(c) = v.text.chars().find(|&c| direction_control(c)) {
            f.add(
                RuleId::R12,
                v.path.clone(),
                format!(
                    "this holds {} (U+{:04X}), which makes Word and the PDF show the text in different orders; delete it",
                    direction_name(c),
                    c as u32
                ),
            );
        } else if v.path.ends_with(".link") && !Span::is_followable(&v.text) {
            let why = if v.text.contains('\\') {
                " (it holds a backslash, which Word and browsers read as \"/\" and PDF readers do not, so the two files would link to different places)"
            } else {
                ""
            };
            f.add(
                RuleId::R12,
                v.path.clone(),
                format!(
                    "the link {} cannot be followed safely, so it is printed as plain text{why}: give a full web address (https://…) or email address (mailto:…), with %20 for any space",
                    quoted(&v.text)
                ),
            );
        }
    }
    let containers = super::block_lists(r);
    for (path, blocks) in containers {
        for (j, b) in blocks.iter().enumerate() {
            match b {
                Block::Table(t) => table(t, &format!("{path}[{j}].table"), f),
                Block::Subheading(t) if t.is_blank() => f.add(
                    RuleId::R12,
                    format!("{path}[{j}]"),
                    "a sub-heading cannot be blank: write it, or remove the block",
                ),
                Block::Image(img) => {
                    if img.alt.trim().is_empty() {
                        f.add(
                            RuleId::R12,
                            format!("{path}[{j}].image.alt"),
                            "an image needs alternative text saying what it shows, for readers who cannot see it",
                        );
                    }
                    let widest = crate::compose::theme::TEXT_WIDTH_MM;
                    if let Some(mm) = img.width_mm.filter(|mm| mm.is_finite() && *mm > widest) {
                        f.add(
                            RuleId::R12,
                            format!("{path}[{j}].image.width_mm"),
                            format!(
                                "an image {} mm wide is wider than the text ({} mm) and would have to be shrunk; give at most {}",
                                number(mm),
                                number(widest),
                                number(widest)
                            ),
                        );
                    }
                    // Not finite: a JSON number beyond f32 (1e39) is read as
                    // infinity, which is no figure to show a clerk.
                    if img.width_mm.is_some_and(|mm| !(mm.is_finite() && mm > 0.0)) {
                        f.add(
                            RuleId::R12,
                            format!("{path}[{j}].image.width_mm"),
                            format!(
                                "width_mm must be a width in millimetres greater than 0 and at most {} (the width of the text), or left out to use the image's own size",
                                number(widest)
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// Direction embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069). Word and LibreOffice apply them; the PDF draws text in
/// the order it is stored. So the two files would disagree, and letters
/// stored backwards behind an override would read forwards in Word only,
/// which also hides them from R11's comparison.
pub(super) fn direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn direction_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "a left-to-right embedding character",
        '\u{202B}' => "a right-to-left embedding character",
        '\u{202C}' => "a pop-direction character",
        '\u{202D}' => "a left-to-right override character",
        '\u{202E}' => "a right-to-left override character",
        '\u{2066}' => "a left-to-right isolate character",
        '\u{2067}' => "a right-to-left isolate character",
        '\u{2068}' => "a first-strong isolate character",
        _ => "a pop-directional-isolate character",
    }
}

fn table(t: &Table, path: &str, f: &mut Findings) {
    // A table without headings has as many columns as its widest row.
    let widest = t.rows.iter().chain(&t.total).map(Vec::len).max().unwrap_or(0);
    let n = if t.columns.is_empty() { widest } else { t.columns.len() };
    if n == 0 {
        f.add(
            RuleId::R12,
            format!("{path}.columns"),
            "this table has no columns, so none of it can be printed: give each column a heading, or give it rows",
        );
        return;
    }
    let most = crate::compose::theme::MAX_TABLE_COLUMNS;
    if n > most {
        f.add(
            RuleId::R12,
            format!("{path}.columns"),
            format!(
                "this table has {n} columns, but at most {most} fit across the page at a width that can be read ({} mm each): split it into narrower tables, or publish it as a spreadsheet alongside the report",
                crate::compose::theme::MIN_COLUMN_MM
            ),
        );
    }
    headings(t, path, f);
    subtotals_and_merges(t, n, path, f);
    for (r, row) in t.rows.iter().enumerate() {
        if row.len() != n {
            f.add(
                RuleId::R12,
                format!("{path}.rows[{r}]"),
                format!(
                    "row {} has {} but the table has {}: give every row one cell per column, with \"\" for an empty cell, so no figure is printed under the wrong heading",
                    r + 1,
                    cells(row.len()),
                    columns(n)
                ),
            );
        }
    }
    if let Some(total) = t.total.as_ref().filter(|total| total.len() != n) {
        f.add(
            RuleId::R12,
            format!("{path}.total"),
            format!(
                "the total row has {} but the table has {}: give it one cell per column, with \"\" where there is no total",
                cells(total.len()),
                columns(n)
            ),
        );
    }
    let mut sum = 0.0f64;
    for (c, col) in t.columns.iter().enumerate() {
        let Some(p) = col.width_percent else {
            continue;
        };
        if p.is_finite() && p > 0.0 && p <= 100.0 {
            sum += f64::from(p);
        } else {
            f.add(
                RuleId::R12,
                format!("{path}.columns[{c}].width_percent"),
                "width_percent must be a share of the table's width greater than 0 and at most 100, or left out to size the column to its contents",
            );
        }
    }
    if sum > 100.05 {
        f.add(
            RuleId::R12,
            format!("{path}.columns"),
            format!(
                "the column widths add up to {}% of the table: together they can be at most 100%",
                number(sum as f32)
            ),
        );
    }
}

/// A header row is all or nothing: a blank heading among others leaves a
/// column no reader can name (only the corner over row headers may be blank).
fn headings(t: &Table, path: &str, f: &mut Findings) {
    if t.columns.iter().all(|c| c.heading.is_blank()) {
        return;
    }
    for (c, col) in t.columns.iter().enumerate() {
        if col.heading.is_blank() && !(c == 0 && t.header_column) {
            f.add(
                RuleId::R12,
                format!("{path}.columns[{c}].heading"),
                format!(
                    "column {} has no heading but the others have: give it one, or leave every heading out for a table without a header row",
                    c + 1
                ),
            );
        }
    }
}

/// Subtotal rows that exist, and merges inside the table, over cells left
/// blank, not overlapping, and not joining the body to the totals row.
fn subtotals_and_merges(t: &Table, n: usize, path: &str, f: &mut Findings) {
    let body = t.rows.len();
    for (i, &r) in t.subtotal_rows.iter().enumerate() {
        if r >= body {
            f.add(
                RuleId::R12,
                format!("{path}.subtotal_rows[{i}]"),
                format!(
                    "there is no body row {r} to be a subtotal: the table's rows are counted from 0 and it has {}",
                    cells(body).replace("cell", "row")
                ),
            );
        }
    }
    let rows = body + usize::from(t.total.is_some());
    let mut taken = std::collections::HashSet::new();
    for (i, m) in t.merge.iter().enumerate() {
        let at = format!("{path}.merge[{i}]");
        let end_row = m.row.saturating_add(m.rows);
        let end_col = m.column.saturating_add(m.columns);
        let problem = if m.rows == 0 || m.columns == 0 {
            Some("a merged cell covers at least one row and one column".to_string())
        } else if end_row > rows || end_col > n {
            Some(format!(
                "this merge reaches past the table, which has {} and {}",
                cells(rows).replace("cell", "row"),
                columns(n)
            ))
        } else if m.row < body && end_row > body {
            Some("a merge cannot join body rows to the totals row".to_string())
        } else if m.rows.saturating_mul(m.columns) > rows.saturating_mul(n) {
            Some("this merge is larger than the table".to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            f.add(RuleId::R12, at, problem);
            continue;
        }
        let cell = |r: usize, c: usize| {
            if r < body {
                t.rows.get(r).and_then(|row| row.get(c))
            } else {
                t.total.as_ref().and_then(|row| row.get(c))
            }
        };
        for r in m.row..end_row {
            for c in m.column..end_col {
                if !taken.insert((r, c)) {
                    f.add(
                        RuleId::R12,
                        at.clone(),
                        format!("this merge overlaps another at row {r}, column {c}"),
                    );
                    return;
                }
                let first = r == m.row && c == m.column;
                if !first && cell(r, c).is_some_and(|t| !t.is_blank()) {
                    let cell_path = if r < body {
                        format!("{path}.rows[{r}][{c}]")
                    } else {
                        format!("{path}.total[{c}]")
                    };
                    f.add(
                        RuleId::R12,
                        cell_path,
                        "this cell is covered by a merged cell, so its text would not be printed: leave it \"\" or change the merge",
                    );
                }
            }
        }
    }
}

fn cells(n: usize) -> String {
    match n {
        0 => "no cells".into(),
        1 => "1 cell".into(),
        n => format!("{n} cells"),
    }
}

fn columns(n: usize) -> String {
    if n == 1 {
        "1 column".into()
    } else {
        format!("{n} columns")
    }
}

/// A number as written, without a trailing `.0`; huge values in scientific form.
fn number(x: f32) -> String {
    if x.is_finite() && x.abs() < 1e9 {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:e}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use crate::model::*;

    fn report(block: Block) -> Report {
        Report::builder(
            "Library opening hours",
            Body::Cabinet,
            Date::parse_iso("2026-03-18").unwrap(),
        )
        .report_of("Ann Smith", "Corporate Director, Place")
        .wards(Wards::All)
        .summary("Longer opening hours.")
        .recommendation("Approve the new opening hours.")
        .section(SectionKind::Details, |s| {
            s.paragraph("Open at 9am.").block(block)
        })
        .background_papers(Papers::None)
        .build()
    }

    fn col(heading: &str, width_percent: Option<f32>) -> Column {
        Column {
            heading: heading.into(),
            align: Align::Auto,
            width_percent,
        }
    }

    fn row(cells: &[&str]) -> Vec<Text> {
        cells.iter().map(|c| Text::from(*c)).collect()
    }

    fn table(columns: Vec<Column>, rows: Vec<Vec<Text>>, total: Option<Vec<Text>>) -> Block {
        Block::Table(Table {
            caption: None,
            columns,
            rows,
            header_column: false,
            total,
            ..Default::default()
        })
    }

    #[test]
    fn ragged_rows_and_totals_are_errors_at_their_paths() {
        let r = report(table(
            vec![col("Library", None), col("Hours", None)],
            vec![
                row(&["Bow", "40"]),
                row(&["Whitechapel"]),
                row(&["Poplar", "38", "£12,000"]),
            ],
            Some(row(&["Total", "78", "£12,000"])),
        ));
        let t = "$.sections[0].blocks[1].table";
        assert_eq!(
            paths(&r, "R12"),
            [
                format!("{t}.rows[1]"),
                format!("{t}.rows[2]"),
                format!("{t}.total")
            ]
        );
        let d = findings(&r, "R12");
        assert!(d[0].is_error());
        assert!(
            d[0].message
                .contains("row 2 has 1 cell but the table has 2 columns"),
            "{}",
            d[0].message
        );
        assert!(
            d[2].message.contains("total row has 3 cells"),
            "{}",
            d[2].message
        );
    }

    #[test]
    fn a_table_without_columns_or_rows_is_an_error() {
        let r = report(table(vec![], vec![], None));
        assert_eq!(paths(&r, "R12"), ["$.sections[0].blocks[1].table.columns"]);
        // Rows without headings are a table without a header row.
        let r = report(table(vec![], vec![row(&["Bow"])], None));
        assert!(paths(&r, "R12").is_empty());
    }

    #[test]
    fn a_table_too_wide_to_read_is_an_error_saying_how_many_columns_fit() {
        let most = crate::compose::theme::MAX_TABLE_COLUMNS;
        let cells = |n: usize| vec!["1"; n];
        let r = report(table(vec![], vec![row(&cells(most))], None));
        assert!(paths(&r, "R12").is_empty());
        let r = report(table(vec![], vec![row(&cells(1000))], None));
        assert_eq!(paths(&r, "R12"), ["$.sections[0].blocks[1].table.columns"]);
        let d = findings(&r, "R12");
        assert!(
            d.iter().any(|d| d.message.contains("1000 columns")
                && d.message.contains(&format!("at most {most} fit"))),
            "{d:?}"
        );
    }

    #[test]
    fn blank_headings_merges_and_subtotals_are_checked() {
        let t = "$.sections[0].blocks[1].table";
        // A blank heading among others names no column (the corner over row headers may be blank).
        let r = report(table(
            vec![col("Ward", None), col("", None)],
            vec![row(&["Bow", "1"])],
            None,
        ));
        assert_eq!(paths(&r, "R12"), [format!("{t}.columns[1].heading")]);
        let mut tb = Table::new(["Scheme", "2026/27", "2027/28"])
            .row(["Depot", "Reserves", "text lost"])
            .row(["Hub", "1", "2"])
            .merge(0, 1, 1, 2)
            .merge(1, 0, 1, 9)
            .merge(0, 0, 2, 1);
        tb.subtotal_rows.push(7);
        let r = report(Block::Table(tb));
        assert_eq!(
            paths(&r, "R12"),
            [
                format!("{t}.subtotal_rows[0]"),
                format!("{t}.rows[0][2]"),
                format!("{t}.merge[1]"),
                format!("{t}.rows[1][0]"),
            ]
        );
    }

    #[test]
    fn widths_must_be_shares_of_the_table() {
        let r = report(table(
            vec![
                col("A", Some(0.0)),
                col("B", Some(-10.0)),
                col("C", Some(f32::INFINITY)),
                col("D", Some(50.0)),
            ],
            vec![row(&["a", "b", "c", "d"])],
            None,
        ));
        let t = "$.sections[0].blocks[1].table.columns";
        assert_eq!(
            paths(&r, "R12"),
            [
                format!("{t}[0].width_percent"),
                format!("{t}[1].width_percent"),
                format!("{t}[2].width_percent")
            ]
        );
        for d in findings(&r, "R12") {
            assert!(
                d.message.contains("greater than 0 and at most 100") && !d.message.contains("inf"),
                "{}",
                d.message
            );
        }
        let over = report(table(
            vec![col("A", Some(70.0)), col("B", Some(60.0))],
            vec![row(&["a", "b"])],
            None,
        ));
        let d = findings(&over, "R12");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, t);
        assert!(d[0].message.contains("130%"), "{}", d[0].message);
        let fine = report(table(
            vec![
                col("A", Some(33.34)),
                col("B", Some(33.33)),
                col("C", Some(33.33)),
            ],
            vec![row(&["a", "b", "c"])],
            None,
        ));
        assert!(paths(&fine, "R12").is_empty());
    }

    #[test]
    fn an_image_needs_a_positive_width() {
        // 1e39 in the JSON is read as infinity: the message must not say "inf".
        for mm in [0.0, -5.0, f32::INFINITY, f32::NEG_INFINITY] {
            let r = report(Block::Image(Image {
                src: "chart.png".into(),
                alt: "A chart of visits".into(),
                width_mm: Some(mm),
                caption: None,
            }));
            let d = findings(&r, "R12");
            assert_eq!(d.len(), 1);
            assert_eq!(d[0].path, "$.sections[0].blocks[1].image.width_mm");
            assert!(
                d[0].message.contains("greater than 0 and at most 166") && !d[0].message.contains("inf"),
                "{}",
                d[0].message
            );
        }
        let wide = report(Block::Image(Image {
            src: "chart.png".into(),
            alt: "A chart of visits".into(),
            width_mm: Some(5000.0),
            caption: None,
        }));
        // Wider than the text: refused, never silently shrunk.
        let d = findings(&wide, "R12");
        assert_eq!(d[0].path, "$.sections[0].blocks[1].image.width_mm");
        assert!(
            d[0].message.contains("wider than the text (166 mm)"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn an_other_section_needs_a_heading() {
        let mut r = report(Block::Paragraph("x".into()));
        r.sections.push(Section {
            kind: SectionKind::Other,
            heading: None,
            blocks: vec![Block::Paragraph("Consultation ran for six weeks.".into())],
            exempt: None,
            sign_off: None,
        });
        assert_eq!(paths(&r, "R12"), ["$.sections[1]"]);
        r.sections[1].heading = Some(" ".into());
        assert_eq!(paths(&r, "R12"), ["$.sections[1].heading"]);
        r.sections[1].heading = Some("Consultation".into());
        assert!(paths(&r, "R12").is_empty());
    }

    #[test]
    fn a_link_must_be_a_web_or_email_address() {
        let mut r = report(Block::Paragraph(Text(vec![
            Span::plain("See "),
            Span::link("the plan", "javascript:alert(1)"),
            Span::link("the map", "https://example.org/a map.pdf"),
            Span::link("the minutes", "https://example.org/minutes"),
            Span::link("the clerk", "mailto:clerk@example.org"),
        ])));
        assert_eq!(
            paths(&r, "R12"),
            [
                "$.sections[0].blocks[1].paragraph[1].link",
                "$.sections[0].blocks[1].paragraph[2].link"
            ]
        );
        r.sections[0].blocks.truncate(1);
        assert!(paths(&r, "R12").is_empty());
    }

    #[test]
    fn blank_titles_sub_headings_and_alt_text_are_errors() {
        let mut r = report(Block::Image(Image {
            src: "chart.png".into(),
            alt: " ".into(),
            width_mm: None,
            caption: None,
        }));
        r.title = String::new();
        r.short_title = Some(" ".into());
        r.sections[0].blocks.push(Block::Subheading("".into()));
        assert_eq!(
            paths(&r, "R12"),
            [
                "$.title",
                "$.short_title",
                "$.sections[0].blocks[1].image.alt",
                "$.sections[0].blocks[2]"
            ]
        );
    }

    #[test]
    fn the_sample_has_no_structural_errors() {
        assert!(paths(&Report::sample(), "R12").is_empty());
    }
}
