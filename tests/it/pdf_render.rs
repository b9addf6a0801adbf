//! The whole PDF path (compose → layout → write) on the sample and on a
//! report using every kind of block, read back with real readers.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience};
use cabinet_report::fonts::FontSet;
use cabinet_report::{Report, Template};
use std::path::{Path, PathBuf};

use crate::common::tool;

fn render(report: &Report, dir: &Path) -> Vec<u8> {
    let template = Template::tower_hamlets();
    let doc = compose::compose(report, &template, Audience::Public).expect("composes");
    let assets = Assets::load(&doc, &template, Some(dir)).unwrap();
    cabinet_report::pdf::render(&doc, &assets, &FontSet::default_fonts()).unwrap()
}

fn saved(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let report = match name {
        "sample" => Report::sample(),
        _ => crate::common::rich_report(dir.path()),
    };
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, render(&report, dir.path())).unwrap();
    (dir, path)
}

fn text_of(path: &Path) -> Option<String> {
    let out = path.with_extension("txt");
    let (ok, msg) = tool("pdftotext", &["-layout"], path)?;
    assert!(ok, "{msg}");
    Some(std::fs::read_to_string(out).unwrap())
}

#[test]
fn the_sample_reads_in_order_with_numbers_beside_paragraphs() {
    let (_dir, path) = saved("sample");
    let Some(text) = text_of(&path) else { return };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    // Paragraph numbers on the same line as their paragraph's first words.
    for want in [
        "1.1 Cabinet have been monitoring",
        "3.1 The final inspection report",
        "3.2 The outcome of the inspection",
        "5.2 In light of Tower Hamlets' improved",
    ] {
        let words: Vec<&str> = want.split(' ').collect();
        assert!(
            lines.iter().any(|l| l
                .split_whitespace()
                .take(words.len())
                .eq(words.iter().copied())),
            "no line starting {want:?}:\n{text}"
        );
    }
    // Headings drawn in capitals extract in normal case.
    assert!(has("3") && text.contains("Details of the Report"), "{text}");
    assert!(!text.contains("DETAILS OF THE REPORT"));
    // £, curly quotes and dashes survive.
    for want in [
        "£5.2m",
        "“Services for children",
        "children’s",
        "Appendix 1 – ILACS Report",
    ] {
        assert!(text.contains(want), "lost {want:?}");
    }
    assert!(!text.contains('\u{FFFD}'));
    // Reading order: masthead, summary, recommendations, sections, back matter.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(at("Report of:") < at("Outcome of recent Ofsted"));
    assert!(at("Lead Member") < at("Executive Summary"));
    assert!(at("Executive Summary") < at("Recommendations:"));
    assert!(at("Recommendations:") < at("Reasons for the Decisions"));
    assert!(at("Comments of Legal Services") < at("Linked Reports, Appendices"));
    assert!(text.contains("Page 1 of "));
}

#[test]
fn both_reports_pass_the_pdf_ua_checkers() {
    for name in ["sample", "rich"] {
        let (_dir, path) = saved(name);
        for (cmd, args) in [
            ("pdfua", &["check"][..]),
            ("outloud", &["--fail-on", "warning"]),
            ("qpdf", &["--check"]),
        ] {
            if let Some((ok, out)) = tool(cmd, args, &path) {
                assert!(ok, "{name}: {cmd} findings:\n{out}");
            }
        }
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let report = crate::common::rich_report(dir.path());
    assert_eq!(render(&report, dir.path()), render(&report, dir.path()));
}

#[test]
fn the_sample_pdf_is_at_most_45_kb() {
    let dir = tempfile::tempdir().unwrap();
    let size = render(&Report::sample(), dir.path()).len();
    assert!(size <= 45 * 1024, "the sample PDF is {size} bytes");
}
