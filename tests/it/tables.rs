//! Tables decided once in compose and drawn alike in both formats: column
//! widths, header-less tables, merged cells, subtotal rows, tables kept
//! whole, and blocks inside recommendations.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience, Cell, NodeKind, RowKind, TableNode};
use cabinet_report::fonts::FontSet;
use cabinet_report::model::*;
use cabinet_report::pdf::frame::{ItemKind, LaidOut, Role, Tag};
use cabinet_report::pdf::layout::layout;
use cabinet_report::Template;
use std::io::Read;

fn base() -> ReportBuilder {
    Report::builder(
        "Capital programme",
        Body::Cabinet,
        Date::parse_iso("2026-03-18").unwrap(),
    )
    .report_of("Helen Marsh", "Director of Finance")
    .wards(Wards::All)
    .summary("Sets out the capital programme.")
    .background_papers(Papers::None)
}

fn tables(report: &Report) -> Vec<TableNode> {
    let doc = compose::compose(report, &Template::tower_hamlets(), Audience::Public).unwrap();
    doc.nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Table(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

fn lay(report: &Report) -> LaidOut {
    let template = Template::tower_hamlets();
    let doc = compose::compose(report, &template, Audience::Public).unwrap();
    let assets = Assets::load(&doc, &template, None).unwrap();
    layout(&doc, &assets, &FontSet::default_fonts()).unwrap()
}

fn document_xml(report: &Report) -> String {
    // Straight from the composed document: these reports are not complete
    // enough for the validator, and need not be.
    let template = Template::tower_hamlets();
    let doc = compose::compose(report, &template, Audience::Public).unwrap();
    let assets = Assets::load(&doc, &template, None).unwrap();
    let docx = cabinet_report::docx::render(&doc, &assets).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn grid_cols(xml: &str, after: &str) -> Vec<i64> {
    let at = xml.find(after).expect("the table's caption");
    let grid = &xml[at..];
    let grid = &grid[grid.find("<w:tblGrid>").unwrap()..grid.find("</w:tblGrid>").unwrap()];
    grid.split("w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn column_widths_are_measured_once_and_word_uses_them() {
    let report = base()
        .section(SectionKind::Details, |s| {
            s.table(
                Table::new(["Scheme", "£000"])
                    .caption("Widths")
                    .row([
                        "Replacement of the roof of the listed market hall, with scaffolding and access works",
                        "6,050",
                    ])
                    .row(["Play areas", "3,200"]),
            )
        })
        .build();
    let t = &tables(&report)[0];
    let (words, figures) = (t.columns[0].width, t.columns[1].width);
    assert!((words + figures - 1.0).abs() < 1e-4, "{words} {figures}");
    // Equal shares (Word's old rule) would give each half: the words need more.
    assert!(words > 0.7 && figures < 0.3, "{words} {figures}");
    let cols = grid_cols(&document_xml(&report), "Widths");
    let text_width = cols.iter().sum::<i64>();
    assert_eq!(text_width, 9412, "the whole text width in twips");
    let share = cols[0] as f32 / text_width as f32;
    assert!((share - words).abs() < 0.001, "{share} vs {words}");
}

#[test]
fn a_table_without_headings_has_no_header_row_in_either_format() {
    let report = base()
        .recommendation(
            Recommendation::new("Note the programme:").table(
                Table::without_headings()
                    .caption("Programme summary")
                    .header_column()
                    .row(["Carried forward", "£61.2m"])
                    .row(["New schemes", "£14.1m"])
                    .row(["Total programme", "£75.3m"]),
            ),
        )
        .build();
    let t = &tables(&report)[0];
    assert!(!t.header_row);
    assert_eq!(t.columns.len(), 2);
    let laid = lay(&report);
    let roles: Vec<&Role> = laid.structure.elements.iter().map(|e| &e.role).collect();
    assert!(roles.contains(&&Role::Table));
    assert!(!roles.contains(&&Role::THead), "no header row group");
    assert!(!roles.contains(&&Role::TH(cabinet_report::pdf::frame::Scope::Column)));
    // No filled bar in the primary colour for the missing header.
    let primary = Template::tower_hamlets().brand.primary_colour;
    let bars = laid.pages[1..]
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i.kind, ItemKind::Rect { fill: Some(f), .. } if f == primary))
        .count();
    assert_eq!(bars, 0);
    let xml = document_xml(&report);
    let table = &xml[xml.find("Programme summary").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    assert!(!table.contains("<w:tblHeader/>"));
    assert!(table.contains(r#"w:firstRow="0""#));
}

fn merged_report() -> Report {
    base()
        .section(SectionKind::Details, |s| {
            s.table(
                Table::new(["Scheme", "Funded from", "2026/27", "2027/28"])
                    .caption("Merged")
                    .header_column()
                    .row(["Depot", "Borrowing", "1,850", "2,400"])
                    .row(["", "Grant", "600", ""])
                    .subtotal(["Depot subtotal", "", "2,450", "2,400"])
                    .row(["Bridge", "DfT", "4,800", "Indicative"])
                    .merge(0, 0, 2, 1)
                    .merge(2, 0, 1, 2)
                    .total(["Total", "", "7,250", "2,400"]),
            )
        })
        .build()
}

#[test]
fn merged_cells_are_spans_in_the_pdf_tags_and_in_word() {
    let report = merged_report();
    let t = &tables(&report)[0];
    assert!(matches!(
        t.rows[0].cells[0],
        Cell::Text {
            rows: 2,
            columns: 1,
            ..
        }
    ));
    assert_eq!(t.rows[1].cells[0], Cell::Below { columns: 1 });
    assert!(matches!(
        t.rows[2].cells[0],
        Cell::Text {
            rows: 1,
            columns: 2,
            ..
        }
    ));
    assert_eq!(t.rows[2].cells[1], Cell::Covered);
    assert_eq!(t.rows[2].kind, RowKind::Subtotal);
    assert_eq!(t.total().map(|r| r.kind), Some(RowKind::Total));

    let laid = lay(&report);
    let mut spans: Vec<(usize, (usize, usize))> =
        laid.structure.spans.clone().into_iter().collect();
    spans.sort();
    let spans: Vec<(usize, usize)> = spans.into_iter().map(|(_, span)| span).collect();
    assert_eq!(spans, [(2, 1), (1, 2)]);
    // Covered positions get no cell: the rows keep to the grid with spans.
    let rows: Vec<usize> = laid
        .structure
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.role == Role::TR)
        .map(|(id, _)| laid.structure.children().of(id).len())
        .collect();
    // After the first page's metadata table: header, two body rows (the
    // second under the merged cell), the subtotal, a body row and the total.
    assert_eq!(rows[rows.len() - 6..], [4, 4, 3, 3, 4, 4]);
    let template = Template::tower_hamlets();
    let doc = compose::compose(&report, &template, Audience::Public).unwrap();
    let assets = Assets::load(&doc, &template, None).unwrap();
    let pdf = cabinet_report::pdf::render(&doc, &assets, &FontSet::default_fonts()).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut found = (false, false);
    for o in doc.objects.values() {
        if let Ok(d) = o.as_dict() {
            if let Ok(a) = d.get(b"A").and_then(|a| a.as_dict()) {
                found.0 |= a.get(b"RowSpan").and_then(|v| v.as_i64()).ok() == Some(2);
                found.1 |= a.get(b"ColSpan").and_then(|v| v.as_i64()).ok() == Some(2);
            }
        }
    }
    assert_eq!(
        found,
        (true, true),
        "RowSpan and ColSpan in the Table attributes"
    );

    let xml = document_xml(&report);
    let table = &xml[xml.find("Merged").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    assert_eq!(table.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 1);
    assert_eq!(table.matches("<w:vMerge/>").count(), 1);
    assert_eq!(table.matches(r#"<w:gridSpan w:val="2"/>"#).count(), 1);
    // The subtotal is set like the total: bold, shaded.
    let subtotal = &table[table.find("Depot subtotal").unwrap() - 400..];
    assert!(subtotal[..400].contains("w:fill="));
}

fn page_of(laid: &LaidOut, words: &str) -> Vec<usize> {
    laid.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.items.iter().any(|i| match (&i.kind, i.tag) {
                (ItemKind::Text(r), Tag::Content(_)) => {
                    r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>() == words
                }
                _ => false,
            })
        })
        .map(|(n, _)| n)
        .collect()
}

#[test]
fn a_small_table_moves_to_the_next_page_rather_than_splitting() {
    // Fill the page so that a five-row table starts near its foot.
    for fill in 20..34 {
        let report = base()
            .section(SectionKind::Details, |mut s| {
                for _ in 0..fill {
                    s = s.paragraph("Filler paragraph to push the table down the page.");
                }
                s.table(
                    Table::new(["Row", "Amount"])
                        .row(["Alpha", "1"])
                        .row(["Bravo", "2"])
                        .row(["Charlie", "3"])
                        .row(["Delta", "4"])
                        .row(["Echo", "5"]),
                )
            })
            .build();
        assert!(tables(&report)[0].keep_together);
        let laid = lay(&report);
        let alpha = page_of(&laid, "Alpha");
        let echo = page_of(&laid, "Echo");
        assert_eq!(alpha, echo, "split with {fill} paragraphs before it");
    }
    // A long table still splits, its header repeated.
    let mut long = Table::new(["Row", "Amount"]);
    for i in 0..80 {
        long = long.row([format!("Row {i}"), i.to_string()]);
    }
    let report = base()
        .section(SectionKind::Details, |s| s.table(long))
        .build();
    assert!(!tables(&report)[0].keep_together);
    let laid = lay(&report);
    assert!(page_of(&laid, "Row 0") != page_of(&laid, "Row 79"));
    let xml = document_xml(&report);
    let last = &xml[xml.find("Row 79").unwrap() - 600..xml.find("Row 79").unwrap()];
    assert!(
        !last.contains("<w:keepNext/>"),
        "a long table is not kept whole in Word"
    );
}

#[test]
fn a_kept_table_keeps_with_the_next_row_in_word() {
    let report = base()
        .section(SectionKind::Details, |s| {
            s.table(
                Table::new(["Row", "Amount"])
                    .caption("Kept")
                    .row(["Alpha", "1"])
                    .row(["Bravo", "2"]),
            )
        })
        .build();
    let xml = document_xml(&report);
    let table = &xml[xml.find("Kept").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("<w:keepNext/>") && rows[1].contains("<w:keepNext/>"));
    assert!(!rows[2].contains("<w:keepNext/>"), "the last row lets go");
}

#[test]
fn a_recommendations_blocks_start_under_its_text_in_both_formats() {
    let report = base()
        .recommendation(
            Recommendation::new("Approve the schemes below:")
                .table(
                    Table::new(["Scheme", "£000"])
                        .caption("Schemes")
                        .row(["Depot", "4,850"]),
                )
                .paragraph("Each scheme is described in section 3."),
        )
        .build();
    // Word: the table indented by the number's hang, the paragraph too.
    let hang = (cabinet_report::compose::theme::NUMBER_HANG * 20.0).round() as i64;
    let xml = document_xml(&report);
    let table = &xml[xml.find("Schemes").unwrap()..];
    assert!(table.contains(&format!(r#"<w:tblInd w:w="{hang}" w:type="dxa"/>"#)));
    let cols = grid_cols(&xml, "Schemes");
    assert_eq!(
        cols.iter().sum::<i64>(),
        9412 - hang,
        "narrower by the hang"
    );
    let para = &xml[..xml.find("Each scheme is described").unwrap()];
    let para = &para[para.rfind("<w:p>").unwrap()..];
    assert!(
        para.contains(&format!(r#"<w:ind w:left="{hang}"/>"#)),
        "{para}"
    );
    // PDF: the paragraph starts where the recommendation's text does.
    let laid = lay(&report);
    let x_of = |words: &str| {
        laid.pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|i| match &i.kind {
                ItemKind::Text(r)
                    if r.glyphs
                        .iter()
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                        .starts_with(words) =>
                {
                    Some(r.x)
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("{words}"))
    };
    assert!((x_of("Approve") - x_of("Each")).abs() < 0.01);
}
