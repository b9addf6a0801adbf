//! The PDF and the Word document of every example say the same thing:
//! the same words and the same paragraph numbers, paragraph by paragraph.
//!
//! Each side is read from the written file, independently of how it was
//! written: the PDF through its structure tree, marked content and the
//! fonts' ToUnicode maps (what a screen reader announces), the Word
//! document through its numbering definitions resolved as Word resolves
//! them. So a Word list level that would display "3.1" as "1" fails here,
//! and so does a PDF that loses or garbles a paragraph's text.

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
        let mut v = v[at..].to_vec();
        // A bilingual report's second language has a masthead of its own,
        // laid out as the first's: compared from its first heading too.
        if let Some(second) = doc.second.as_deref() {
            let first2 = second.body.iter().find_map(|n| match &n.kind {
                NodeKind::Heading { text, .. } => Some(normalise(text)),
                _ => None,
            });
            let first2 = first2.expect("the second part has a heading");
            let opening = [
                normalise(&second.masthead.council),
                normalise(&second.masthead.meeting),
            ];
            let q = v.iter().position(|p| opening.contains(p));
            let p2 = v.iter().position(|p| *p == first2);
            match (q, p2) {
                (Some(q), Some(p2)) if q < p2 => {
                    v.drain(q..p2);
                }
                _ => panic!(
                    "{} ({audience:?}): the {side} has no second masthead before {first2:?}",
                    path.display()
                ),
            }
        }
        v
    };
    let pdf: Vec<String> = crate::common::pdf::paragraphs(&pdf)
        .iter()
        .map(|p| normalise(p))
        .filter(|p| !p.is_empty())
        .collect();
    let word: Vec<String> = crate::common::word::paragraphs(&docx)
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

fn zip_part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// Every URI a PDF's link annotations point at, in page order.
fn pdf_links(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("pdf");
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            if let Ok(action) = annot.get(b"A").and_then(|a| match a {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r),
                lopdf::Object::Dictionary(d) => Ok(d),
                _ => Err(lopdf::Error::DictKey("A".into())),
            }) {
                if let Ok(uri) = action.get(b"URI").and_then(lopdf::Object::as_str) {
                    out.push(String::from_utf8_lossy(uri).into_owned());
                }
            }
        }
    }
    out
}

/// Links are decided once, in compose: the same words link to the same
/// places in both files, addresses written as plain words included, and a
/// target no reader can safely follow links in neither.
#[test]
fn the_same_words_are_links_in_both_formats() {
    use cabinet_report::model::{Block, Span, Text};
    let mut report = Report::sample();
    report.sections[0].blocks.push(Block::Paragraph(Text(vec![
        Span::plain("Plans are at www.example.org/plans and clerk@example.org answers; "),
        Span::link("this", "javascript:alert(1)"),
        Span::plain(" is not a link, and "),
        Span::link("the map", "https://example.org/map"),
        Span::plain(" is."),
    ])));
    // The validator refuses the unfollowable link (R12); the stages, called
    // without it, must still agree.
    let template = Template::tower_hamlets();
    let doc = compose(&report, &template, Audience::Public).unwrap();
    let assets = cabinet_report::assets::Assets::load(&doc, &template, None).unwrap();
    let fonts = cabinet_report::fonts::FontSet::default_fonts();
    let pdf_bytes = cabinet_report::pdf::render(&doc, &assets, &fonts).unwrap();
    let docx = cabinet_report::docx::render(&doc, &assets).unwrap();
    let mut pdf: Vec<String> = pdf_links(&pdf_bytes);
    let rels = zip_part(&docx, "word/_rels/document.xml.rels");
    let mut word: Vec<String> = rels
        .split("<Relationship ")
        .filter(|r| r.contains(r#"TargetMode="External""#))
        .filter_map(|r| r.split("Target=\"").nth(1)?.split('"').next())
        .map(|t| t.replace("&amp;", "&"))
        .collect();
    for wanted in [
        "https://www.example.org/plans",
        "mailto:clerk@example.org",
        "https://example.org/map",
    ] {
        assert!(
            pdf.iter().any(|u| u == wanted),
            "PDF lacks {wanted}: {pdf:?}"
        );
        assert!(
            word.iter().any(|u| u == wanted),
            "Word lacks {wanted}: {word:?}"
        );
    }
    assert!(!pdf.iter().chain(&word).any(|u| u.contains("javascript")));
    pdf.sort();
    pdf.dedup();
    word.sort();
    word.dedup();
    assert_eq!(pdf, word);
}

/// Keep-with-next is compose's decision, so Word keeps a paragraph that
/// introduces what follows ("… is recommended to:") with it, as the PDF does.
#[test]
fn an_introducing_paragraph_keeps_with_what_follows_in_word() {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let out = renderer
        .render(&Report::sample(), &RenderOptions::default())
        .unwrap();
    let document = zip_part(&out.docx, "word/document.xml");
    let at = document.find("is recommended to:").expect("the opening");
    let para = &document[document[..at].rfind("<w:p>").expect("its paragraph")..at];
    assert!(para.contains("<w:keepNext/>"), "{para}");
}

/// The gutter numbers hang in is the theme's in both formats: the PDF lays
/// paragraph text out from it, and Word's numbered-paragraph level indents by
/// it (in twips).
#[test]
fn numbers_hang_in_the_theme_gutter_in_both_formats() {
    use cabinet_report::compose::theme;
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let out = renderer
        .render(&Report::sample(), &RenderOptions::default())
        .unwrap();
    let twips = (theme::GUTTER * 20.0).round() as i64;
    let numbering = zip_part(&out.docx, "word/numbering.xml");
    assert!(
        numbering.contains(&format!(r#"<w:ind w:left="{twips}" w:hanging="{twips}"/>"#)),
        "{numbering}"
    );
    let styles = zip_part(&out.docx, "word/styles.xml");
    assert!(styles.contains(&format!(r#"<w:ind w:left="{twips}"/>"#)));
    // The PDF: a numbered paragraph's words start one gutter right of its number.
    use cabinet_report::pdf::frame::ItemKind;
    let template = Template::tower_hamlets();
    let doc = compose(&Report::sample(), &template, Audience::Public).unwrap();
    let assets = cabinet_report::assets::Assets::load(&doc, &template, None).unwrap();
    let fonts = cabinet_report::fonts::FontSet::default_fonts();
    let laid = cabinet_report::pdf::layout::layout(&doc, &assets, &fonts).unwrap();
    let runs: Vec<(f32, f32, String)> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Text(r) => {
                Some((r.x, r.y, r.glyphs.iter().map(|g| g.text.as_str()).collect()))
            }
            _ => None,
        })
        .collect();
    let (x, y, _) = runs
        .iter()
        .find(|(_, _, t)| t.trim() == "1.1")
        .expect("paragraph 1.1's number");
    let words = runs
        .iter()
        .filter(|(rx, ry, _)| (ry - y).abs() < 0.01 && rx > x)
        .map(|(rx, _, _)| *rx)
        .fold(f32::INFINITY, f32::min);
    assert!((words - x - theme::GUTTER).abs() < 0.01, "{words} - {x}");
}

/// Every (structure type, language) of the PDF's structure elements that set `/Lang`.
fn pdf_element_langs(pdf: &[u8]) -> Vec<(String, String)> {
    let doc = lopdf::Document::load_mem(pdf).expect("pdf");
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"StructElem".as_slice()) {
            continue;
        }
        let Ok(lang) = d.get(b"Lang").and_then(|l| l.as_str()) else {
            continue;
        };
        let s = d.get(b"S").and_then(|s| s.as_name()).unwrap_or(b"?");
        out.push((
            String::from_utf8_lossy(s).into_owned(),
            String::from_utf8_lossy(lang).into_owned(),
        ));
    }
    out
}

#[test]
fn the_report_language_and_a_run_in_the_other_language_are_marked_in_both_formats() {
    use cabinet_report::model::{Block, Language, Span, Text};
    let mut report = Report::sample();
    report.sections[0].blocks.push(Block::Paragraph(Text(vec![
        Span::plain("The scheme is called "),
        Span {
            lang: Some(Language::WelshUk),
            ..Span::italic("Cymunedau Cryf")
        },
        Span::plain("."),
    ])));
    let renderer = Renderer::new(Template::tower_hamlets()).expect("renderer");
    let options = RenderOptions::default();
    let pdf = renderer.pdf(&report, &options).expect("pdf");
    let docx = renderer.docx(&report, &options).expect("docx");
    assert_eq!(pdf_element_langs(&pdf), [("Span".into(), "cy-GB".into())]);
    let body = zip_part(&docx, "word/document.xml");
    assert_eq!(body.matches(r#"<w:lang w:val="cy-GB"/>"#).count(), 1);
    assert!(
        body.contains(r#"<w:lang w:val="cy-GB"/></w:rPr><w:t xml:space="preserve">Cymunedau Cryf"#)
            || body.contains(r#"<w:lang w:val="cy-GB"/></w:rPr><w:t>Cymunedau Cryf"#),
        "the Welsh words carry the tag"
    );
    assert!(zip_part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="en-GB""#));

    // The same report declared Welsh: the document is cy-GB in both formats,
    // and in their metadata; the marked run is then no different and unmarked.
    report.language = Some(Language::WelshUk);
    let pdf = renderer.pdf(&report, &options).expect("pdf");
    let docx = renderer.docx(&report, &options).expect("docx");
    let doc = lopdf::Document::load_mem(&pdf).expect("pdf");
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(
        catalog.get(b"Lang").and_then(|l| l.as_str()).ok(),
        Some(b"cy-GB".as_slice())
    );
    assert!(
        String::from_utf8_lossy(&pdf).contains("<rdf:li>cy-GB</rdf:li>"),
        "XMP dc:language"
    );
    assert!(pdf_element_langs(&pdf).is_empty());
    assert!(zip_part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="cy-GB""#));
    assert!(zip_part(&docx, "docProps/core.xml").contains("<dc:language>cy-GB</dc:language>"));
    assert!(!zip_part(&docx, "word/document.xml").contains("<w:lang"));
}
