//! The PDF layout engine on small synthetic reports: line breaking, keeps,
//! widows and orphans, table header repetition, overlong words, missing
//! glyphs, paragraph numbers and determinism, checked on the laid-out pages.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience};
use cabinet_report::fonts::FontSet;
use cabinet_report::model::*;
use cabinet_report::pdf::frame::{ArtifactKind, ItemKind, LaidOut, Page, Role, Tag, TextRun};
use cabinet_report::pdf::layout::{layout, PAGE_SIZE};
use cabinet_report::{Error, Template};

fn lay(report: &Report) -> Result<LaidOut, Error> {
    let template = Template::tower_hamlets();
    lay_with(report, &template)
}

fn lay_with(report: &Report, template: &Template) -> Result<LaidOut, Error> {
    let doc = compose::compose(report, template, Audience::Public).expect("composes");
    let assets = Assets::load(&doc, template, None)?;
    layout(&doc, &assets, &FontSet::default_fonts())
}

fn date() -> Date {
    Date::parse_iso("2026-03-18").unwrap()
}

fn base() -> ReportBuilder {
    Report::builder("Library opening hours", Body::Cabinet, date())
        .report_of("Ann Smith", "Corporate Director, Place")
        .wards(Wards::All)
        .summary("Proposes longer opening hours at three libraries.")
        .recommendation("Approve the new opening hours.")
        .background_papers(Papers::None)
}

fn runs(page: &Page) -> impl Iterator<Item = (&TextRun, Tag)> {
    page.items.iter().filter_map(|i| match &i.kind {
        ItemKind::Text(r) => Some((r, i.tag)),
        _ => None,
    })
}

fn run_text(r: &TextRun) -> String {
    r.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// Visible width: white space hanging at the end of a line does not count.
fn run_width(r: &TextRun) -> f32 {
    let visible = r.glyphs.len()
        - r.glyphs
            .iter()
            .rev()
            .take_while(|g| !g.text.is_empty() && g.text.trim().is_empty())
            .count();
    r.glyphs[..visible].iter().map(|g| g.advance).sum()
}

/// Content text of a page, line by line (runs grouped by baseline).
fn page_lines(page: &Page) -> Vec<(f32, String)> {
    let mut lines: Vec<(f32, String)> = Vec::new();
    for (r, tag) in runs(page) {
        if !matches!(tag, Tag::Content(_)) {
            continue;
        }
        match lines.iter_mut().find(|(y, _)| (*y - r.y).abs() < 0.5) {
            Some((_, s)) => s.push_str(&run_text(r)),
            None => lines.push((r.y, run_text(r))),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines
}

fn long_text(words: usize) -> String {
    (0..words)
        .map(|i| {
            [
                "council",
                "residents",
                "library",
                "budget",
                "hours",
                "service",
            ][i % 6]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_text_runs_past_the_right_margin() {
    let report = base()
        .section(SectionKind::Details, |s| {
            (0..12).fold(s, |s, i| {
                s.paragraph(format!("{i} {}", long_text(40 + i * 7)))
            })
        })
        .build();
    let laid = lay(&report).unwrap();
    let right = PAGE_SIZE.0 - 22.0 * 72.0 / 25.4;
    let mut seen = 0;
    for page in &laid.pages {
        for (r, _) in runs(page) {
            assert!(
                r.x + run_width(r) <= right + 0.05,
                "run {:?} ends at {}",
                run_text(r),
                r.x + run_width(r)
            );
            seen += 1;
        }
    }
    assert!(seen > 50);
}

#[test]
fn an_overlong_word_is_broken_within_the_margin() {
    let word = "Supercalifragilisticexpialidocious".repeat(5);
    let report = base()
        .section(SectionKind::Details, |s| {
            s.paragraph(format!("See {word} here."))
        })
        .build();
    let laid = lay(&report).unwrap();
    let right = PAGE_SIZE.0 - 22.0 * 72.0 / 25.4;
    let text: String = laid
        .pages
        .iter()
        .flat_map(page_lines)
        .map(|l| l.1)
        .collect();
    assert!(text.contains("Supercalifragilistic"), "{text}");
    let mut pieces = 0;
    for page in &laid.pages {
        for (r, _) in runs(page) {
            assert!(
                r.x + run_width(r) <= right + 0.05,
                "{:?} overflows",
                run_text(r)
            );
            if run_text(r).contains("califragil") {
                pieces += 1;
            }
        }
    }
    assert!(pieces >= 2, "the long word should be split over lines");
    // Nothing is lost: every letter is still there, in order.
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(joined.contains(&word), "word not intact in reading order");
}

#[test]
fn a_character_missing_from_the_font_names_its_path() {
    let report = base()
        .section(SectionKind::Details, |s| {
            s.paragraph("Fine.").paragraph("Smile \u{1F600} please.")
        })
        .build();
    match lay(&report) {
        Err(Error::MissingGlyph { path, ch }) => {
            assert_eq!(ch, '\u{1F600}');
            assert!(path.ends_with(".blocks[1]"), "{path}");
            assert!(path.starts_with("$.sections["), "{path}");
        }
        other => panic!("expected MissingGlyph, got {other:?}"),
    }
}

#[test]
fn paragraph_numbers_hang_beside_their_paragraphs() {
    let report = base()
        .section(SectionKind::Reasons, |s| {
            s.paragraph("First reason.").paragraph("Second reason.")
        })
        .section(SectionKind::Details, |s| s.paragraph("Detail one."))
        .build();
    let laid = lay(&report).unwrap();
    let lines: Vec<String> = laid
        .pages
        .iter()
        .flat_map(page_lines)
        .map(|l| l.1)
        .collect();
    for want in ["1.1 First reason.", "1.2 Second reason.", "2.1 Detail one."] {
        assert!(
            lines.iter().any(|l| l == want),
            "no line {want:?} in {lines:#?}"
        );
    }
    // The number sits in the gutter, left of the paragraph's text.
    let page = &laid.pages[0];
    let number = runs(page).find(|(r, _)| run_text(r) == "1.1 ").unwrap().0;
    let text = runs(page)
        .find(|(r, _)| run_text(r) == "First reason.")
        .unwrap()
        .0;
    assert_eq!(number.y, text.y);
    assert!(number.x + run_width(number) < text.x);
}

fn tallest_body(report_blocks: impl Fn(SectionBuilder) -> SectionBuilder) -> LaidOut {
    let report = base().section(SectionKind::Details, report_blocks).build();
    lay(&report).unwrap()
}

/// The last content item on a page and the first on the next.
fn last_content_role(laid: &LaidOut, page: usize) -> Option<Role> {
    laid.pages[page]
        .items
        .iter()
        .rev()
        .find_map(|i| match i.tag {
            Tag::Content(e) => Some(laid.structure.elements[e].role.clone()),
            _ => None,
        })
}

#[test]
fn a_heading_never_ends_a_page() {
    // Vary the filler so headings land at every position near the page foot.
    for filler in 30..46 {
        let laid = tallest_body(|s| {
            let s = (0..filler).fold(s, |s, i| s.paragraph(format!("Short paragraph {i}.")));
            s.block(Block::Subheading(Text::from("A sub-heading")))
                .paragraph(long_text(60))
                .block(Block::Subheading(Text::from("Another")))
                .paragraph("Closing words.")
        });
        for p in 0..laid.pages.len() - 1 {
            let role = last_content_role(&laid, p);
            assert!(
                !matches!(role, Some(Role::Heading(_))),
                "filler {filler}: page {p} ends with a heading"
            );
        }
    }
}

#[test]
fn no_single_line_of_a_paragraph_is_alone_at_a_page_edge() {
    for filler in 28..44 {
        let laid = tallest_body(|s| {
            let s = (0..filler).fold(s, |s, i| s.paragraph(format!("Short paragraph {i}.")));
            (0..4).fold(s, |s, i| {
                s.paragraph(format!("{i} {}", long_text(45 + 10 * i)))
            })
        });
        // Count each paragraph's lines per page.
        let mut per: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
        for (p, page) in laid.pages.iter().enumerate() {
            let mut ys: Vec<(usize, f32)> = Vec::new();
            for (r, tag) in runs(page) {
                if let Tag::Content(e) = tag {
                    if laid.structure.elements[e].role == Role::P
                        && !ys.iter().any(|(x, y)| *x == e && (*y - r.y).abs() < 0.5)
                    {
                        ys.push((e, r.y));
                    }
                }
            }
            for (e, _) in ys {
                let v = per.entry(e).or_default();
                match v.iter_mut().find(|(pg, _)| *pg == p) {
                    Some((_, n)) => *n += 1,
                    None => v.push((p, 1)),
                }
            }
        }
        for (e, pages) in per {
            let total: usize = pages.iter().map(|x| x.1).sum();
            if pages.len() > 1 {
                for (p, n) in &pages {
                    assert!(
                        *n >= 2,
                        "filler {filler}: paragraph {e} ({total} lines) has {n} line on page {p}"
                    );
                }
            }
        }
    }
}

fn big_table(rows: usize) -> Table {
    Table {
        caption: Some(Text::from("Spending by service")),
        columns: vec![
            Column {
                heading: Text::from("Service"),
                align: Align::Auto,
                width_percent: None,
            },
            Column {
                heading: Text::from("Budget (£)"),
                align: Align::Auto,
                width_percent: None,
            },
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    Text::from(format!("Service number {i}")),
                    Text::from(format!("£{},000", 10 + i)),
                ]
            })
            .collect(),
        header_column: false,
        total: None,
        ..Default::default()
    }
}

#[test]
fn a_table_header_repeats_as_an_artifact_on_the_next_page() {
    let laid = tallest_body(|s| {
        s.paragraph("The table follows.")
            .block(Block::Table(big_table(80)))
    });
    assert!(laid.pages.len() >= 3);
    let header_cells: Vec<_> = laid
        .structure
        .elements
        .iter()
        .filter(|e| e.role == Role::TH(cabinet_report::pdf::frame::Scope::Column))
        .collect();
    assert_eq!(header_cells.len(), 2, "the header is tagged once");
    let mut pages_with_repeat = 0;
    for page in &laid.pages[1..] {
        let repeated: String = runs(page)
            .filter(|(_, t)| *t == Tag::Artifact(ArtifactKind::RepeatedHeader))
            .map(|(r, _)| run_text(r))
            .collect();
        if repeated.contains("Service") && repeated.contains("Budget (£)") {
            pages_with_repeat += 1;
            // The repeat is above every body row on that page.
            let top = runs(page)
                .filter(|(_, t)| *t == Tag::Artifact(ArtifactKind::RepeatedHeader))
                .map(|(r, _)| r.y)
                .fold(f32::MAX, f32::min);
            let first_row = runs(page)
                .filter(|(r, _)| run_text(r).starts_with("Service number"))
                .map(|(r, _)| r.y)
                .fold(f32::MAX, f32::min);
            assert!(top < first_row);
        }
    }
    assert!(
        pages_with_repeat >= 2,
        "header repeated on {pages_with_repeat} pages"
    );
    // Amounts are right-aligned: their right edges line up.
    let rights: Vec<f32> = runs(&laid.pages[1])
        .filter(|(r, _)| run_text(r).starts_with('£'))
        .map(|(r, _)| r.x + run_width(r))
        .collect();
    assert!(rights.len() > 5);
    assert!(
        rights.iter().all(|r| (r - rights[0]).abs() < 0.01),
        "{rights:?}"
    );
}

#[test]
fn layout_is_deterministic() {
    let a = lay(&Report::sample()).unwrap();
    let b = lay(&Report::sample()).unwrap();
    assert_eq!(a.pages, b.pages);
    assert_eq!(a.structure, b.structure);
    assert_eq!(a.outline, b.outline);
}

#[test]
fn every_page_has_a_footer_with_page_x_of_y() {
    let laid = lay(&Report::sample()).unwrap();
    let n = laid.pages.len();
    assert!(n >= 3);
    for (i, page) in laid.pages.iter().enumerate() {
        let furniture: String = runs(page)
            .filter(|(_, t)| *t == Tag::Artifact(ArtifactKind::Pagination))
            .map(|(r, _)| run_text(r))
            .collect();
        assert!(
            furniture.contains(&format!("Page {} of {n}", i + 1)),
            "{furniture}"
        );
        assert!(furniture.contains("Unrestricted"));
    }
}

#[test]
fn capital_headings_keep_normal_case_for_assistive_technology() {
    let laid = lay(&Report::sample()).unwrap();
    let run = laid
        .pages
        .iter()
        .flat_map(runs)
        .map(|(r, _)| r)
        .find(|r| run_text(r) == "DETAILS OF THE REPORT")
        .expect("the heading is drawn in capitals");
    assert_eq!(run.actual_text.as_deref(), Some("Details of the Report"));
    assert!(laid
        .outline
        .iter()
        .any(|b| b.title == "3 Details of the Report" && b.level == 1));
}

fn lay_rich() -> LaidOut {
    let dir = tempfile::tempdir().unwrap();
    let report = crate::common::rich_report(dir.path());
    let template = Template::tower_hamlets();
    let doc = compose::compose(&report, &template, Audience::Public).expect("composes");
    let assets = Assets::load(&doc, &template, Some(dir.path())).unwrap();
    layout(&doc, &assets, &FontSet::default_fonts()).unwrap()
}

/// Element ids that some drawn item is content of.
fn with_content(laid: &LaidOut) -> std::collections::BTreeSet<usize> {
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i.tag {
            Tag::Content(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn the_structure_tree_has_no_empty_elements_and_the_expected_shape() {
    let laid = lay_rich();
    let content = with_content(&laid);
    let els = &laid.structure.elements;
    let children = laid.structure.children();
    for (id, e) in els.iter().enumerate().skip(1) {
        let cell = matches!(e.role, Role::TD | Role::TH(_));
        assert!(
            cell || !children.of(id).is_empty() || content.contains(&id),
            "element {id} {:?} is empty",
            e.role
        );
        let parent = e.parent.unwrap();
        assert!(parent < id && children.of(parent).contains(&id));
    }
    let count = |role: Role| els.iter().filter(|e| e.role == role).count();
    assert_eq!(count(Role::Heading(1)), 1, "one H1, the title");
    assert!(count(Role::Heading(2)) >= 5);
    assert_eq!(
        count(Role::Heading(3)),
        1 + 4,
        "the sub-heading and the back matter's four"
    );
    assert_eq!(
        count(Role::Table),
        3,
        "metadata, the recommendation's table, the budget table"
    );
    assert_eq!(count(Role::TFoot), 1);
    assert_eq!(count(Role::BlockQuote), 1);
    assert_eq!(count(Role::Caption), 1);
    // The H1 is the first heading, and headings never skip a level.
    let mut last = 0;
    for e in els {
        if let Role::Heading(n) = e.role {
            assert!(n <= last + 1, "H{n} after H{last}");
            last = n;
        }
    }
    // The budget table's header column cells are TH with row scope.
    use cabinet_report::pdf::frame::Scope;
    let row_heads: Vec<String> = laid
        .pages
        .iter()
        .flat_map(runs)
        .filter(|(_, t)| matches!(t, Tag::Content(e) if els[*e].role == Role::TH(Scope::Row)))
        .map(|(r, _)| run_text(r))
        .collect();
    for want in [
        "Lead Member",
        "Wards affected",
        "Libraries",
        "Archives",
        "Total",
    ] {
        assert!(
            row_heads.iter().any(|h| h == want),
            "{want} not a row header: {row_heads:?}"
        );
    }
}

#[test]
fn links_are_tagged_link_elements_with_a_clickable_area() {
    let laid = lay_rich();
    let els = &laid.structure.elements;
    let (id, link) = els
        .iter()
        .enumerate()
        .find(|(_, e)| matches!(e.role, Role::Link { .. }))
        .expect("a Link element");
    let Role::Link { alt } = &link.role else {
        unreachable!()
    };
    assert!(
        alt.contains("Idea Store strategy") && alt.contains("www.towerhamlets.gov.uk"),
        "{alt}"
    );
    assert_eq!(els[link.parent.unwrap()].role, Role::P);
    let items: Vec<_> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.tag == Tag::Content(id))
        .collect();
    let text: String = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(r) => Some(run_text(r)),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Idea Store strategy");
    let area = items.iter().find_map(|i| match &i.kind {
        ItemKind::Link { url, w, h, .. } => Some((url.clone(), *w, *h)),
        _ => None,
    });
    let (url, w, h) = area.expect("a link area");
    assert_eq!(url, "https://www.towerhamlets.gov.uk/idea-store-strategy");
    assert!(w > 50.0 && h > 10.0);
}

#[test]
fn images_keep_the_size_asked_and_their_alt_text() {
    let laid = lay_rich();
    let (id, fig) = laid
        .structure
        .elements
        .iter()
        .enumerate()
        .find(|(_, e)| matches!(e.role, Role::Figure { .. }))
        .expect("a Figure");
    assert!(matches!(&fig.role, Role::Figure { alt } if alt.starts_with("Bar chart")));
    let (image, w, h) = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .find_map(|i| match (&i.tag, &i.kind) {
            (Tag::Content(e), ItemKind::Image { image, w, h, .. }) if *e == id => {
                Some((*image, *w, *h))
            }
            _ => None,
        })
        .expect("the image is drawn as the figure's content");
    assert!((w - 80.0 * 72.0 / 25.4).abs() < 0.01, "80 mm wide, got {w}");
    assert!((h - w / 2.0).abs() < 0.01, "aspect ratio kept");
    assert_eq!(laid.images[image].width_px, 300);
}

#[test]
fn withheld_content_is_replaced_by_a_boxed_notice() {
    let laid = lay_rich();
    let text: String = laid
        .pages
        .iter()
        .flat_map(page_lines)
        .map(|l| l.1 + "\n")
        .collect();
    assert!(text.contains("Section 3 is not for publication"), "{text}");
    assert!(text.contains("Appendix 1 is not for publication"));
    assert!(!text.contains("Secret."));
    assert!(!text.contains("power to do this"));
}

#[test]
fn the_outline_follows_the_report_order() {
    let laid = lay_rich();
    let titles: Vec<(u8, &str)> = laid
        .outline
        .iter()
        .map(|b| (b.level, b.title.as_str()))
        .collect();
    let pos = |t: &str| {
        titles
            .iter()
            .position(|x| x.1 == t)
            .unwrap_or_else(|| panic!("{t} not in {titles:?}"))
    };
    assert!(pos("Executive Summary") < pos("Recommendations:"));
    assert!(pos("Recommendations:") < pos("1 Details of the Report"));
    assert!(pos("1 Details of the Report") < pos("Costs"));
    assert!(pos("Costs") < pos("2 Comments of the Chief Finance Officer"));
    assert!(pos("Appendix 1: Negotiated terms") > pos("Linked Report"));
    assert_eq!(titles[pos("Costs")].0, 2);
    assert_eq!(titles[pos("Appendix 1: Negotiated terms")].0, 1);
    let mut last = (0, 0.0);
    for b in &laid.outline {
        assert!((b.page, b.y) >= last, "bookmarks out of page order");
        last = (b.page, b.y);
    }
}

#[test]
fn justified_text_fills_the_line_except_the_last() {
    let mut template = Template::tower_hamlets();
    template.justify = true;
    let report = base()
        .section(SectionKind::Details, |s| s.paragraph(long_text(80)))
        .build();
    let laid = lay_with(&report, &template).unwrap();
    let right = PAGE_SIZE.0 - 22.0 * 72.0 / 25.4;
    let body: Vec<&TextRun> = laid
        .pages
        .iter()
        .flat_map(runs)
        .map(|(r, _)| r)
        .filter(|r| {
            run_text(r).starts_with("council")
                || run_text(r).starts_with("residents")
                || run_text(r).starts_with("library")
                || run_text(r).starts_with("budget")
                || run_text(r).starts_with("hours")
                || run_text(r).starts_with("service")
        })
        .collect();
    assert!(body.len() >= 3);
    for r in &body[..body.len() - 1] {
        assert!(
            (r.x + run_width(r) - right).abs() < 0.05,
            "justified line ends at {}",
            r.x + run_width(r)
        );
    }
    let last = body.last().unwrap();
    assert!(last.x + run_width(last) < right - 1.0);
}

#[test]
fn odd_reports_lay_out_within_the_page() {
    let wide = Table {
        caption: None,
        columns: (0..18)
            .map(|i| Column {
                heading: Text::from(format!("Column heading number {i}")),
                align: Align::Auto,
                width_percent: if i == 0 { Some(150.0) } else { None },
            })
            .collect(),
        rows: vec![
            (0..18)
                .map(|i| Text::from(format!("£{i},000,000 {}", "x".repeat(i * 3))))
                .collect();
            3
        ],
        header_column: true,
        total: None,
        ..Default::default()
    };
    let tall_cell = Table {
        caption: None,
        columns: vec![
            Column {
                heading: Text::from("Item"),
                align: Align::Auto,
                width_percent: None,
            },
            Column {
                heading: Text::from("Notes"),
                align: Align::Auto,
                width_percent: None,
            },
        ],
        rows: vec![vec![Text::from("One"), Text::from(long_text(1500))]],
        header_column: false,
        total: None,
        ..Default::default()
    };
    let ragged = Table {
        caption: None,
        columns: vec![Column {
            heading: Text::from(""),
            align: Align::Auto,
            width_percent: None,
        }],
        rows: vec![vec![], vec![Text::from("a"), Text::from("extra")]],
        header_column: false,
        total: None,
        ..Default::default()
    };
    let report = base()
        .section(SectionKind::Details, |s| {
            s.paragraph(long_text(2500))
                .block(Block::Table(wide))
                .block(Block::Table(tall_cell))
                .block(Block::Table(ragged))
                .paragraph(Text(vec![
                    Span::plain("tab\there\nnew line "),
                    Span::link("", "https://x"),
                    Span::bold("   "),
                ]))
                .block(Block::Bullets(vec![Text::from(""), Text::from("ok")]))
        })
        .build();
    for size in [9.0, 16.0] {
        let mut template = Template::tower_hamlets();
        template.brand.body_size = size;
        let laid = lay_with(&report, &template).unwrap();
        assert!(laid.pages.len() > 5);
        for (p, page) in laid.pages.iter().enumerate() {
            let bottom = PAGE_SIZE.1 - 22.0 * 72.0 / 25.4;
            for (r, tag) in runs(page) {
                let end = r.x + run_width(r);
                assert!(
                    r.x >= 0.0 && end <= PAGE_SIZE.0 + 0.05,
                    "page {p}: {:?} at {}..{end}",
                    run_text(r),
                    r.x
                );
                assert!(
                    r.y > 0.0 && r.y < PAGE_SIZE.1,
                    "page {p}: {:?} at y {}",
                    run_text(r),
                    r.y
                );
                if matches!(tag, Tag::Content(_)) {
                    assert!(
                        r.y <= bottom,
                        "page {p}: {:?} below the body at {}",
                        run_text(r),
                        r.y
                    );
                }
            }
            for item in &page.items {
                if let ItemKind::Rect { y, h, .. } = item.kind {
                    assert!(
                        y >= -0.01 && y + h <= PAGE_SIZE.1 + 0.01,
                        "page {p}: rect {y}+{h}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_paragraph_extracts_exactly_as_written_across_its_lines() {
    let report = Report::sample();
    let Block::Paragraph(first) = &report.summary[0] else {
        panic!("the sample's summary starts with a paragraph")
    };
    let laid = lay(&report).unwrap();
    let mut by_element: std::collections::BTreeMap<usize, String> = Default::default();
    let mut lines = 0;
    for page in &laid.pages {
        for (r, tag) in runs(page) {
            if let Tag::Content(e) = tag {
                by_element.entry(e).or_default().push_str(&run_text(r));
                if run_text(r).starts_with("inadequate") {
                    lines += 1;
                }
            }
        }
    }
    assert!(lines >= 1, "the paragraph wraps");
    let want = first.plain();
    assert!(
        by_element.values().any(|t| t.trim_end() == want),
        "no element extracts as {want:?}"
    );
    // Numbered paragraphs extract as "3.1 The final …", the number apart from the words.
    assert!(by_element
        .values()
        .any(|t| t.starts_with("3.1 The final inspection report")));
    // Header cells extract as their label alone.
    let wards_heading = by_element.values().any(|t| t == "Wards affected");
    assert!(wards_heading);
}

#[test]
fn a_paragraph_ending_in_a_colon_stays_with_what_it_introduces() {
    for filler in 30..44 {
        let laid = tallest_body(|s| {
            let s = (0..filler).fold(s, |s, i| s.paragraph(format!("Short paragraph {i}.")));
            s.paragraph("The options are:").block(Block::Bullets(vec![
                Text::from("first option"),
                Text::from("second option"),
            ]))
        });
        for (p, page) in laid.pages.iter().enumerate() {
            let lines = page_lines(page);
            if let Some((_, last)) = lines.last() {
                assert!(
                    !last.ends_with("The options are:"),
                    "filler {filler}: page {p} ends with the introduction"
                );
            }
        }
    }
}

#[test]
fn headings_drawn_in_capitals_keep_their_written_text_in_the_structure() {
    let laid = lay(&Report::sample()).unwrap();
    let headings: Vec<(&Role, Option<&str>)> = laid
        .structure
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.role, Role::Heading(2)))
        .map(|(id, e)| {
            let actual = laid.structure.actual_text.get(&id).map(String::as_str);
            (&e.role, actual)
        })
        .collect();
    assert!(
        headings.contains(&(&Role::Heading(2), Some("1 Reasons for the Decisions"))),
        "{headings:?}"
    );
    // Headings drawn as written need no replacement text.
    assert!(headings.contains(&(&Role::Heading(2), None)));
}

#[test]
fn a_paragraph_number_wider_than_the_gutter_pushes_its_first_line_to_the_next_stop() {
    // Section 5 grouped, and its twelfth paragraph: "5.1.12" and "10.1.12"
    // need more room than the gutter holds.
    let mut template = Template::tower_hamlets();
    template.section_groups = vec![cabinet_report::template::SectionGroup {
        id: "implications".into(),
        heading: "Implications".into(),
        sections: vec![SectionKind::Finance, SectionKind::Legal],
    }];
    let long = "A paragraph long enough to run onto a second line of the page so that the hanging indent of its later lines shows.";
    let mut b = base();
    for kind in [
        SectionKind::Reasons,
        SectionKind::AlternativeOptions,
        SectionKind::Details,
    ] {
        b = b.section(kind, |s| s.paragraph("Filler."));
    }
    let b = b.section(SectionKind::Finance, |mut s| {
        for _ in 0..12 {
            s = s.paragraph(long);
        }
        s
    });
    let laid = lay_with(&b.build(), &template).unwrap();
    let mut found = Vec::new();
    for page in &laid.pages {
        let runs: Vec<&TextRun> = runs(page).map(|(r, _)| r).collect();
        for (i, r) in runs.iter().enumerate() {
            let label = run_text(r);
            if !["4.1.9 ", "4.1.10 ", "4.1.12 "].contains(&label.as_str()) {
                continue;
            }
            let text = runs[i + 1..]
                .iter()
                .find(|t| (t.y - r.y).abs() < 0.1)
                .expect("the paragraph's first line");
            let next = runs[i + 1..]
                .iter()
                .find(|t| t.y > r.y + 1.0)
                .expect("its second line");
            found.push((
                label,
                text.x - r.x,
                next.x - r.x,
                r.x + run_width(r) < text.x,
            ));
        }
    }
    let gutter = 36.0;
    assert_eq!(found.len(), 3, "{found:?}");
    for (label, first, second, clear) in found {
        assert!(clear, "{label}: the number runs into the text");
        assert!(
            (second - gutter).abs() < 0.01,
            "{label}: later lines at the gutter"
        );
        let want = if label == "4.1.9 " {
            gutter
        } else {
            2.0 * gutter
        };
        assert!(
            (first - want).abs() < 0.01,
            "{label}: first line at {first}, not {want}"
        );
    }
}
