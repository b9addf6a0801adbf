//! Shared by the integration tests: output readers, dumps and a report using every kind of block.

pub mod clerk_bin;
#[cfg(feature = "pdf")]
pub mod dump;
// Its PNGs are deflated with the flate2 either output brings in.
#[cfg(any(feature = "pdf", feature = "docx"))]
pub mod images;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod word;

/// The example reports' folder.
pub fn reports_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports")
}

/// An example report by file name, with the template it names.
pub fn example_with_template(file: &str) -> (Report, cabinet_report::Template) {
    let dir = reports_dir();
    let json = std::fs::read_to_string(dir.join(file)).unwrap();
    let report = Report::from_json(&json).unwrap();
    let template =
        cabinet_report::Template::for_report(report.template.as_deref(), Some(&dir)).unwrap();
    (report, template)
}

/// A report's PDF and Word file, pictures found from the examples' folder.
#[cfg(all(feature = "pdf", feature = "docx"))]
pub fn render_example(report: &Report, template: &cabinet_report::Template) -> (Vec<u8>, Vec<u8>) {
    let options = cabinet_report::RenderOptions {
        report_dir: Some(reports_dir()),
        ..cabinet_report::RenderOptions::default()
    };
    let r = cabinet_report::Renderer::new(template.clone()).unwrap();
    (
        r.pdf(report, &options).unwrap(),
        r.docx(report, &options).unwrap(),
    )
}

/// Whether a missing reader or checker fails the test (`CABINET_REPORT_REQUIRE_TOOLS=1`,
/// as scripts/test.sh and CI set it) rather than skipping the step that needs it: where
/// the tools are meant to be installed, a missing one is a broken machine, while a
/// contributor with only Rust still gets a passing `cargo test`.
pub fn tools_required() -> bool {
    std::env::var("CABINET_REPORT_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// Says that `step` was skipped because `tool` is not installed, or fails the test
/// when tools are required.
pub fn skipped(tool: &str, step: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    if tools_required() {
        panic!(
            "{test}: {step} needs {tool}, which is not installed \
             (CABINET_REPORT_REQUIRE_TOOLS=1; scripts/install-test-tools.sh installs it)"
        );
    }
    // Straight to stderr, not through eprintln!: the harness captures that and
    // shows it only for failing tests, and a skip must be seen on a pass.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {step}: {tool} is not installed \
         (scripts/install-test-tools.sh installs it; CABINET_REPORT_REQUIRE_TOOLS=1 makes this fail)"
    );
}

/// Runs a real reader (pdftotext, qpdf, pdfua …) on a file: (success, all output),
/// or None, said on stderr, when the reader is not installed (see [`skipped`]).
pub fn tool(cmd: &str, args: &[&str], file: &Path) -> Option<(bool, String)> {
    match std::process::Command::new(cmd)
        .args(args)
        .arg(file)
        .output()
    {
        Ok(out) => Some((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let shown = file.file_name().unwrap_or_default().to_string_lossy();
            let line: Vec<&str> = [cmd].iter().chain(args).copied().chain([&*shown]).collect();
            skipped(cmd, &format!("`{}`", line.join(" ")));
            None
        }
        Err(e) => panic!("{cmd} could not be run: {e}"),
    }
}

/// The ECMA-376 schema check (`scripts/check-docx.py --schema-only`, with the schemas
/// in vendor/ooxml-schemas) on Word files, all in one run, as loading the schemas takes
/// longer than checking a file. None, said on stderr, when python3 with lxml is missing.
pub fn word_schema_check(files: &[std::path::PathBuf]) -> Option<Result<(), String>> {
    let step = format!("the Word schema check of {} file(s)", files.len());
    let lxml = std::process::Command::new("python3")
        .args(["-c", "import lxml.etree"])
        .output();
    if !lxml.is_ok_and(|out| out.status.success()) {
        skipped("python3 with lxml", &step);
        return None;
    }
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-docx.py");
    let out = std::process::Command::new("python3")
        .arg(checker)
        .arg("--schema-only")
        .args(files)
        .output()
        .expect("python3 runs");
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    })
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
        ..Default::default()
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
        ..Default::default()
    }));
    report
}
