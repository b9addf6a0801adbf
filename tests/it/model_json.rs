//! `Report::to_json` writes what a clerk would have written: a report file
//! loaded and written back is the same report and no larger, with plain
//! text as strings and runs only where there is formatting.

use cabinet_report::model::{Block, Image, Span, Text};
use cabinet_report::Report;
use std::path::{Path, PathBuf};

fn report_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples/reports", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    files
}

#[test]
fn every_report_file_written_back_is_the_same_report_and_no_larger() {
    for file in report_files() {
        let input = std::fs::read_to_string(&file).unwrap();
        let report = Report::from_json(&input).unwrap();
        let output = report.to_json();
        let again = Report::from_json(&output)
            .unwrap_or_else(|e| panic!("{}: {e}\n{output}", file.display()));
        assert_eq!(again, report, "{}", file.display());
        assert!(
            output.len() <= input.len(),
            "{}: {} bytes written back from {}",
            file.display(),
            output.len(),
            input.len()
        );
        // Written back again, nothing moves.
        assert_eq!(again.to_json(), output, "{}", file.display());
    }
}

#[test]
fn plain_text_is_a_string_and_runs_appear_only_with_formatting() {
    let mut report = Report::sample();
    report.summary = vec![
        Block::Paragraph("Plain words.".into()),
        Block::Paragraph(Text(vec![
            Span::plain("The result is "),
            Span::bold("GOOD"),
            Span::plain("."),
        ])),
        // A run written as an object without styles is plain text too.
        Block::Paragraph(Text(vec![Span::plain("One run")])),
        Block::Paragraph(Text(vec![])),
        Block::Image(Image {
            src: "chart.png".into(),
            alt: "A chart".into(),
            width_mm: Some(150.0),
            caption: None,
        }),
    ];
    let json = report.to_json();
    assert!(
        json.contains(r#"{ "paragraph": "Plain words." }"#),
        "{json}"
    );
    assert!(
        json.contains(
            r#"{ "paragraph": ["The result is ", { "text": "GOOD", "bold": true }, "."] }"#
        ),
        "{json}"
    );
    assert!(json.contains(r#"{ "paragraph": "One run" }"#), "{json}");
    assert!(json.contains(r#"{ "paragraph": [] }"#), "{json}");
    assert!(json.contains(r#""width_mm": 150 "#), "{json}");
    assert!(!json.contains(r#"{ "text": "Plain"#), "{json}");
    assert_eq!(Report::from_json(&json).unwrap(), report);
}
