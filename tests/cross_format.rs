//! The PDF and the Word document of every example say the same thing:
//! the same words and the same paragraph numbers, paragraph by paragraph.
//!
//! Each side is read from the written file, independently of how it was
//! written: the PDF through its structure tree, marked content and the
//! fonts' ToUnicode maps (what a screen reader announces), the Word
//! document through its numbering definitions resolved as Word resolves
//! them. So a Word list level that would display "3.1" as "1" fails here,
//! and so does a PDF that loses or garbles a paragraph's text.

mod common;

use cabinet_report::compose::{compose, Audience, NodeKind};
use cabinet_report::{RenderOptions, Renderer, Report, Template};
use std::path::Path;

/// Bullet characters are drawn differently (a glyph in the PDF, a list
/// symbol in Word); the words and numbers must match exactly.
fn normalise(s: &str) -> String {
    s.replace(['•', '\u{f0b7}', '\u{2022}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Sides {
    pdf: Vec<String>,
    word: Vec<String>,
}

fn both_sides(path: &Path, audience: Audience) -> Sides {
    let report = Report::from_json_bytes(&std::fs::read(path).expect("read")).expect("load");
    let dir = path.parent();
    let template = Template::for_report(report.template.as_deref(), dir).expect("template");
    let options = RenderOptions {
        audience,
        report_dir: dir.map(Path::to_path_buf),
        ..RenderOptions::default()
    };
    let renderer = Renderer::new(template.clone()).expect("renderer");
    let pdf = renderer.pdf(&report, &options).expect("pdf");
    let docx = renderer.docx(&report, &options).expect("docx");

    // The body, from the first heading after the title; the masthead is laid
    // out as a band in the PDF and as a table in Word.
    let doc = compose(&report, &template, audience).expect("composes");
    let first = doc.body.iter().find_map(|n| match &n.kind {
        NodeKind::Heading { text, .. } => Some(normalise(text)),
        _ => None,
    });
    let first = first.expect("the body has a heading");
    let body = |v: Vec<String>, side: &str| -> Vec<String> {
        let at = v.iter().position(|p| *p == first).unwrap_or_else(|| {
            panic!(
                "{} ({audience:?}): the {side} never reads the first heading {first:?}",
                path.display()
            )
        });
        v[at..].to_vec()
    };
    let pdf: Vec<String> = common::pdf::paragraphs(&pdf)
        .iter()
        .map(|p| normalise(p))
        .filter(|p| !p.is_empty())
        .collect();
    let word: Vec<String> = common::word::paragraphs(&docx)
        .into_iter()
        .map(|p| normalise(&format!("{} {}", p.label.unwrap_or_default(), p.text)))
        .filter(|p| !p.is_empty())
        .collect();
    Sides {
        pdf: body(pdf, "PDF"),
        word: body(word, "Word document"),
    }
}

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// The first place two sequences part, with a little context.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let i = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))?;
    let show = |v: &[String]| {
        v.iter()
            .skip(i.saturating_sub(1))
            .take(3)
            .map(|s| format!("    {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(format!(
        "paragraph {i} differs\n  PDF:\n{}\n  Word:\n{}",
        show(a),
        show(b)
    ))
}

#[test]
fn pdf_and_word_agree_paragraph_by_paragraph() {
    let mut failures = Vec::new();
    for path in examples() {
        for audience in [Audience::Public, Audience::Full] {
            let sides = both_sides(&path, audience);
            assert!(
                sides.pdf.len() > 10,
                "{}: too few paragraphs read",
                path.display()
            );
            if let Some(diff) = first_difference(&sides.pdf, &sides.word) {
                failures.push(format!("{} ({audience:?}): {diff}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn numbered_paragraphs_carry_the_same_numbers() {
    let sample = examples()
        .into_iter()
        .find(|p| p.to_string_lossy().contains("tower-hamlets"))
        .expect("the sample");
    let sides = both_sides(&sample, Audience::Public);
    let numbers = |v: &[String]| -> Vec<String> {
        v.iter()
            .filter_map(|p| p.split(' ').next())
            .filter(|w| {
                w.len() <= 4
                    && w.contains('.')
                    && w.chars().next().is_some_and(|c| c.is_ascii_digit())
            })
            .map(str::to_string)
            .collect()
    };
    let pdf = numbers(&sides.pdf);
    assert_eq!(pdf, numbers(&sides.word));
    for n in ["1.1", "2.1", "3.1", "3.8", "4.4", "5.2"] {
        assert!(pdf.iter().any(|p| p == n), "{n} missing from {pdf:?}");
    }
}
