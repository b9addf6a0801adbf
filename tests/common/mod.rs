//! Shared by the integration tests: output readers, dumps and a report using every kind of block.
#![allow(dead_code)]

pub mod clerk_bin;
pub mod dump;
pub mod images;
pub mod pdf;
pub mod word;

/// Runs a real reader (pdftotext, qpdf, pdfua …) on a file: (success, all output).
/// A missing tool fails the test with its name, never skips it.
pub fn tool(cmd: &str, args: &[&str], file: &std::path::Path) -> (bool, String) {
    let out = std::process::Command::new(cmd)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed for this test (see .ci/run): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

use cabinet_report::model::*;
use std::path::Path;

/// Writes a 300 × 150 px PNG chart into `dir` and returns a report using it,
/// with links, mixed styles, lists, a table with a total, a recommendation
/// with its own table, a quotation, an exempt section and an exempt appendix.
pub fn rich_report(dir: &Path) -> Report {
    let img = image::RgbImage::from_fn(300, 150, |x, y| {
        if y > 140 - (x / 3) % 120 {
            image::Rgb([0, 89, 79])
        } else {
            image::Rgb([240, 240, 240])
        }
    });
    img.save(dir.join("chart.png")).unwrap();
    let date = Date::parse_iso("2026-03-18").unwrap();
    let money = Table {
        caption: Some(Text::from("Table 1: Budget by service, 2026/27")),
        columns: vec![
            Column {
                heading: Text::from("Service"),
                align: Align::Auto,
                width_percent: None,
            },
            Column {
                heading: Text::from("Budget (£000)"),
                align: Align::Auto,
                width_percent: Some(22.0),
            },
            Column {
                heading: Text::from("Change"),
                align: Align::Auto,
                width_percent: None,
            },
        ],
        rows: vec![
            vec![
                Text::from("Libraries"),
                Text::from("£1,250"),
                Text::from("+4.0%"),
            ],
            vec![
                Text::from("Idea Stores and community learning"),
                Text::from("£830"),
                Text::from("−2.5%"),
            ],
            vec![
                Text::from("Archives"),
                Text::from("£120"),
                Text::from("0.0%"),
            ],
        ],
        header_column: true,
        total: Some(vec![
            Text::from("Total"),
            Text::from("£2,200"),
            Text::from(""),
        ]),
    };
    let exempt = Exemption {
        paragraphs: vec![3],
        public_interest: "Commercial terms are still being negotiated.".into(),
    };
    let mut report = Report::builder(
        "Library opening hours and the ‘Idea Store’ strategy",
        Body::Cabinet,
        date,
    )
    .agenda_item("6.3")
    .report_of("Ann Smith", "Corporate Director, Place")
    .lead_member("Councillor Jo Bloggs", "Cabinet Member for Culture")
    .wards(Wards::All)
    .summary(Text(vec![
        Span::plain("Proposes "),
        Span::bold("longer opening hours"),
        Span::plain(" at three libraries, as set out in the "),
        Span::link(
            "Idea Store strategy",
            "https://www.towerhamlets.gov.uk/idea-store-strategy",
        ),
        Span::plain(" – costing "),
        Span::italic("about"),
        Span::plain(" £120,000 a year."),
    ]))
    .recommendation("Approve the new opening hours set out in paragraph 3.1.")
    .routed_recommendation("Agree the budget below.", Route::Council)
    .section(SectionKind::Details, |s| {
        s.paragraph("The libraries open at 9am and close at 5pm on weekdays.")
            .block(Block::Continuation(Text::from(
                "Saturday hours are unchanged.",
            )))
            .block(Block::Subheading(Text::from("Costs")))
            .paragraph("The costs are as follows.")
            .block(Block::Table(money))
            .block(Block::Quote(Text::from(
                "“Longer hours would help me study after work.” – a resident",
            )))
            .block(Block::NumberedList(vec![
                Text::from("Option one"),
                Text::from("Option two"),
            ]))
            .block(Block::Image(Image {
                src: "chart.png".into(),
                alt: "Bar chart of visits rising from 2019 to 2025".into(),
                width_mm: Some(80.0),
                caption: Some(Text::from("Figure 1: visits per year")),
            }))
    })
    .section(SectionKind::Finance, |s| {
        s.paragraph("The cost is met from existing budgets.")
    })
    .section(SectionKind::Legal, |s| {
        s.paragraph("The council has the power to do this.")
            .exempt(exempt.clone())
    })
    .appendix(Appendix {
        title: "Negotiated terms".into(),
        exempt: Some(exempt),
        blocks: vec![Block::Paragraph(Text::from("Secret."))],
    })
    .background_papers(Papers::None)
    .build();
    // A recommendation carrying its own table.
    report.recommendations[1].blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column {
                heading: Text::from("Year"),
                align: Align::Auto,
                width_percent: None,
            },
            Column {
                heading: Text::from("Amount"),
                align: Align::Auto,
                width_percent: None,
            },
        ],
        rows: vec![vec![Text::from("2026/27"), Text::from("£120,000")]],
        header_column: false,
        total: None,
    }));
    report
}
