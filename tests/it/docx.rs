//! The Word document read back as a word processor would: structure,
//! numbering, accessibility markup, properties, determinism and size.

use cabinet_report::model::{Block, Image};
use cabinet_report::template::Numbering;
use cabinet_report::{RenderOptions, Renderer, Report, Template};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

fn render(report: &Report, template: Template, options: &RenderOptions) -> Vec<u8> {
    Renderer::new(template)
        .expect("renderer")
        .docx(report, options)
        .expect("the Word document renders")
}

/// Renders without validation: for inputs the validator may refuse (hostile text,
/// unsafe links), which the renderer must still handle safely.
fn render_unchecked(report: &Report, template: &Template) -> Vec<u8> {
    use cabinet_report::compose::{compose, Audience};
    let doc = compose(report, template, Audience::Public).expect("composes");
    let assets = cabinet_report::assets::Assets::load(&doc, template, None).expect("assets");
    cabinet_report::docx::render(&doc, &assets).expect("the Word document renders")
}

fn sample_docx() -> Vec<u8> {
    render(
        &Report::sample(),
        Template::tower_hamlets(),
        &RenderOptions::default(),
    )
}

fn continuous() -> Template {
    let mut t = Template::tower_hamlets();
    t.numbering = Numbering::Continuous;
    t
}

/// Every part of the package, by name.
fn parts(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip file");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("readable entry");
            (f.name().to_string(), bytes)
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    String::from_utf8(
        parts(docx)
            .remove(name)
            .unwrap_or_else(|| panic!("no {name}")),
    )
    .expect("UTF-8")
}

/// The visible text of each paragraph of the body, in order.
fn paragraphs(document: &str) -> Vec<String> {
    document
        .split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            p.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .filter_map(|t| t.split("</w:t>").next())
                .collect()
        })
        .collect()
}

/// A report with a picture, and the folder holding it.
fn report_with_image() -> (Report, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let img = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([x as u8 * 6, 80, 160]));
    img.save(dir.path().join("chart.png")).expect("png written");
    let mut report = Report::sample();
    report.sections[2].blocks.push(Block::Image(Image {
        src: "chart.png".into(),
        alt: "Bar chart of inspection grades, 2017 and 2019".into(),
        width_mm: Some(60.0),
        caption: Some("Figure 1: grades".into()),
    }));
    (report, dir)
}

#[test]
fn is_a_word_package_with_every_part() {
    let docx = sample_docx();
    let names: Vec<String> = parts(&docx).into_keys().collect();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "docProps/core.xml",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
    }
}

#[test]
fn same_report_same_bytes_in_one_process_and_in_parallel() {
    let first = sample_docx();
    let threads: Vec<_> = (0..3).map(|_| std::thread::spawn(sample_docx)).collect();
    for t in threads {
        assert!(t.join().unwrap() == first, "a second rendering differs");
    }
    let (report, dir) = report_with_image();
    let options = RenderOptions {
        report_dir: Some(dir.path().to_path_buf()),
        ..RenderOptions::default()
    };
    let a = render(&report, Template::tower_hamlets(), &options);
    let b = render(&report, Template::tower_hamlets(), &options);
    assert!(a == b);
}

#[test]
fn sample_is_small() {
    let docx = sample_docx();
    assert!(docx.len() <= 25 * 1024, "{} bytes", docx.len());
}

#[test]
fn paragraph_numbers_are_word_numbering_not_typed_text() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    let texts = paragraphs(&document);
    let typed = texts.iter().find(|t| {
        let first = t.split_whitespace().next().unwrap_or("");
        first.split('.').count() == 2
            && first
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    assert_eq!(typed, None, "a paragraph starts with a typed number");
    let numbered = document
        .matches(r#"<w:pStyle w:val="NumberedParagraph"/>"#)
        .count();
    let expected = cabinet_report::compose::numbering::paragraph_labels(
        &Report::sample(),
        &Template::tower_hamlets(),
    )
    .len();
    assert_eq!(numbered, expected);
    // Five numbered sections take Heading 1's numbering; the other Heading 1s switch it off.
    let headings = document.matches(r#"<w:pStyle w:val="Heading1"/>"#).count();
    let off = document
        .matches(r#"<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/>"#)
        .count();
    assert_eq!(headings - off, 5);
    assert!(
        off >= 2,
        "Executive Summary and Recommendations are not numbered"
    );

    let numbering = part(&docx, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:pStyle w:val="NumberedParagraph"/><w:lvlText w:val="%1.%2"/>"#)
    );
    assert!(numbering.contains(r#"<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1"/>"#));
    assert_eq!(
        numbering
            .matches(r#"<w:pStyle w:val="NumberedParagraph"/>"#)
            .count(),
        1
    );
    let styles = part(&docx, "word/styles.xml");
    let numbered_style = styles
        .split(r#"w:styleId="NumberedParagraph""#)
        .nth(1)
        .unwrap();
    assert!(numbered_style
        .split("</w:style>")
        .next()
        .unwrap()
        .contains("<w:numId w:val=\"1\"/>"));
}

#[test]
fn continuous_numbering_is_one_list_that_never_restarts() {
    let docx = render(&Report::sample(), continuous(), &RenderOptions::default());
    let numbering = part(&docx, "word/numbering.xml");
    // Its own list (LibreOffice ignores w:lvlRestart), attached to the style.
    assert!(numbering.contains(r#"<w:pStyle w:val="NumberedParagraph"/><w:lvlText w:val="%1"/>"#));
    assert_eq!(
        numbering
            .matches(r#"<w:pStyle w:val="NumberedParagraph"/>"#)
            .count(),
        1
    );
    let styles = part(&docx, "word/styles.xml");
    let style = styles
        .split(r#"w:styleId="NumberedParagraph""#)
        .nth(1)
        .unwrap();
    assert!(style
        .split("</w:style>")
        .next()
        .unwrap()
        .contains(r#"<w:ilvl w:val="0"/><w:numId w:val="5"/>"#));
    let document = part(&docx, "word/document.xml");
    // The sample has no gaps: every paragraph follows its style's list.
    assert!(!document.contains(r#"<w:pStyle w:val="NumberedParagraph"/><w:numPr>"#));
    assert!(!document.contains(
        r#"<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>"#
    ));
}

#[test]
fn unnumbered_headings_use_heading_1_and_sub_headings_heading_2() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    let styles: Vec<&str> = document
        .split(r#"<w:pStyle w:val=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.starts_with("Heading") || *s == "Title")
        .collect();
    assert_eq!(styles.first(), Some(&"Title"));
    assert_eq!(styles.get(1), Some(&"Heading1"), "Executive Summary");
    assert!(styles.contains(&"Heading2"));
    // The title is the only Title.
    assert_eq!(styles.iter().filter(|s| **s == "Title").count(), 1);
}

#[test]
fn header_rows_repeat_and_label_cells_are_shaded() {
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml");
    // The sample's grades table repeats its header row; the masthead's first
    // line is not a header row (the PDF tags it as paragraphs).
    assert_eq!(document.matches("<w:tblHeader/>").count(), 1);
    // The label fill is the theme's, as in the PDF: a tint of the brand colour.
    let fill = cabinet_report::compose::Theme::of(&Template::tower_hamlets())
        .colours
        .label_fill
        .hex();
    assert!(document.contains(&format!(r#"w:fill="{fill}""#)), "{fill}");
    assert!(document.contains("Wards affected"));
}

#[test]
fn language_and_properties_are_set() {
    let docx = sample_docx();
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"<w:lang w:val="en-GB""#));
    assert!(styles.contains(r#"w:ascii="Arial""#));
    assert!(styles.contains(r#"<w:sz w:val="24"/>"#), "12 pt body");
    let core = part(&docx, "docProps/core.xml");
    let report = Report::sample();
    assert!(core.contains(&format!("<dc:title>{}</dc:title>", report.title)));
    assert!(core.contains("<dc:creator>") && !core.contains("<dc:creator></dc:creator>"));
    assert!(core.contains("<cp:keywords>") && core.contains("Cabinet"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn footer_has_page_x_of_y_fields_and_first_page_differs() {
    let docx = sample_docx();
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("<w:titlePg/>"));
    let first = part(&docx, "word/header1.xml");
    assert!(first.contains("descr=\""), "the logo has alt text");
}

#[test]
fn images_have_alt_text_and_unique_ids() {
    let (report, dir) = report_with_image();
    let options = RenderOptions {
        report_dir: Some(dir.path().to_path_buf()),
        ..RenderOptions::default()
    };
    let docx = render(&report, Template::tower_hamlets(), &options);
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"descr="Bar chart of inspection grades, 2017 and 2019""#));
    let header = part(&docx, "word/header1.xml");
    let ids: Vec<String> = [document.as_str(), header.as_str()]
        .iter()
        .flat_map(|x| {
            x.split("<wp:docPr id=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap().to_string())
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), 2);
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(parts(&docx)
        .keys()
        .any(|k| k.starts_with("word/media/") && k.ends_with(".png")));
}

#[test]
fn links_are_hyperlinks() {
    let mut report = Report::sample();
    report.sections[2].blocks.push(Block::Paragraph(
        vec![
            cabinet_report::model::Span::plain("Read "),
            cabinet_report::model::Span::link(
                "the Ofsted report",
                "https://reports.ofsted.gov.uk/?a=1&b=2",
            ),
            cabinet_report::model::Span::link(" (not a link)", "javascript:alert(1)"),
        ]
        .into(),
    ));
    let docx = render_unchecked(&report, &Template::tower_hamlets());
    let document = part(&docx, "word/document.xml");
    assert!(document.contains("<w:hyperlink r:id=\""));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(
        !rels.contains("javascript"),
        "only web and mail addresses become links"
    );
    assert!(rels
        .contains(r#"Target="https://reports.ofsted.gov.uk/?a=1&amp;b=2" TargetMode="External""#));
}

/// The sample with its third section (3.1 … 3.8) exempt, and some hostile text.
fn exempt_report() -> Report {
    let mut report = Report::sample();
    report.sections[2].exempt = Some(cabinet_report::model::Exemption {
        paragraphs: vec![3],
        public_interest: "Commercial terms are still being negotiated.".into(),
    });
    report.sections[3].blocks.insert(
        0,
        Block::Paragraph(
            "Costs <&> \u{1}\u{b}control characters \"quoted\" and 'apostrophes'\ttab".into(),
        ),
    );
    report
}

#[test]
fn withheld_sections_keep_the_printed_numbers() {
    // Continuous: section 3's paragraphs are withheld, so section 4 starts at paragraph 15;
    // the paragraph list is restarted there, not left to count on from 3.
    let docx = render_unchecked(&exempt_report(), &continuous());
    let document = part(&docx, "word/document.xml");
    let numbering = part(&docx, "word/numbering.xml");
    let labels =
        cabinet_report::compose::numbering::paragraph_labels(&exempt_report(), &continuous());
    let first_of_4 = &labels[2 + 8];
    assert!(
        numbering.contains(&format!(
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{first_of_4}"/>"#
        )),
        "no restart at {first_of_4}"
    );
    assert!(document.contains(r#"<w:pStyle w:val="Notice"/>"#));
    // Hostile text is escaped, control characters dropped.
    // Quotation marks need no escaping in element content (only in
    // attribute values), so they are written as they are.
    assert!(document.contains("Costs &lt;&amp;&gt; control characters \"quoted\""));
    assert!(!document.contains('\u{1}'));

    // Per section: nothing to restart, section 4 starts at 4.1 anyway.
    let docx = render(
        &exempt_report(),
        Template::tower_hamlets(),
        &RenderOptions::default(),
    );
    assert!(!part(&docx, "word/numbering.xml")
        .contains("<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/>"));
}

#[test]
fn same_bytes_across_processes() {
    // Run this test binary again, as another process, to write the sample.
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "docx::write_samples", "--quiet"])
        .env("DOCX_OUT", dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let other = std::fs::read(dir.path().join("sample.docx")).unwrap();
    assert!(
        other == sample_docx(),
        "another process wrote different bytes"
    );
}

/// Words of rich text, lower-cased.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_composed_word_is_in_the_document() {
    use cabinet_report::compose::{compose, Audience, NodeKind};
    let template = Template::tower_hamlets();
    let report = Report::sample();
    let doc = compose(&report, &template, Audience::Public).expect("composes");
    let mut expected = Vec::new();
    let m = &doc.masthead;
    for s in [
        &m.meeting,
        &m.date,
        &m.title,
        &m.report_of.0,
        &m.report_of.1,
        &m.classification.0,
        &m.classification.1,
    ] {
        expected.extend(words(s));
    }
    for row in &doc.metadata {
        expected.extend(words(&row.label));
        for line in &row.lines {
            expected.extend(words(&line.plain()));
        }
    }
    for node in doc.nodes() {
        let text = match &node.kind {
            NodeKind::Heading { text, .. } => text.clone(),
            NodeKind::Paragraph { text, .. }
            | NodeKind::Quote(text)
            | NodeKind::ExemptNotice(text) => text.plain(),
            NodeKind::List { items, .. } => items.iter().map(|i| i.text.plain() + " ").collect(),
            NodeKind::Table(t) => t
                .columns
                .iter()
                .map(|c| c.heading.plain())
                .chain(
                    t.rows
                        .iter()
                        .flat_map(|r| &r.cells)
                        .filter_map(|c| c.text())
                        .map(|c| c.plain()),
                )
                .collect::<Vec<_>>()
                .join(" "),
            NodeKind::Image(i) => i.alt.clone(),
            NodeKind::Implications(t) => t
                .columns
                .iter()
                .cloned()
                .chain(t.rows.iter().flat_map(|r| {
                    std::iter::once(r.label.clone())
                        .chain(r.comment.iter().chain(&r.sign_off).map(|c| c.plain()))
                }))
                .collect::<Vec<_>>()
                .join(" "),
        };
        expected.extend(words(&text));
    }
    let docx = sample_docx();
    let document = part(&docx, "word/document.xml")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    let text: String = paragraphs(&document).join(" ");
    let have: std::collections::BTreeSet<String> = words(&text).into_iter().collect();
    let missing: Vec<&String> = expected.iter().filter(|w| !have.contains(*w)).collect();
    assert!(
        missing.is_empty(),
        "missing from the Word document: {missing:?}"
    );
    let running = part(&docx, "word/header2.xml");
    assert!(running.contains(&doc.running_header.replace('&', "&amp;")));
    assert!(part(&docx, "word/footer1.xml").contains(&doc.footer));
}

#[test]
fn lists_are_word_lists_each_starting_where_its_labels_say() {
    use cabinet_report::model::{Recommendation, Route};
    let mut report = Report::sample();
    let blocks = &mut report.sections[0].blocks;
    blocks.push(Block::NumberedList(vec![
        "do nothing".into(),
        "do something".into(),
    ]));
    blocks.push(Block::NumberedList(vec![
        "again".into(),
        "and again".into(),
    ]));
    report.recommendations.push(Recommendation {
        text: "Agree the second thing".into(),
        route: Route::Decide,
        blocks: vec![],
    });
    let docx = render(
        &report,
        Template::tower_hamlets(),
        &RenderOptions::default(),
    );
    let document = part(&docx, "word/document.xml");
    let numbering = part(&docx, "word/numbering.xml");
    // Each a) b) list is its own instance, started at a).
    let ids: Vec<&str> = document
        .split(r#"<w:pStyle w:val="ListNumber2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(ids[0], ids[1]);
    assert_ne!(ids[1], ids[2], "the second list restarts");
    for id in [ids[0], ids[2]] {
        let num = numbering
            .split(&format!(r#"<w:num w:numId="{id}">"#))
            .nth(1)
            .unwrap();
        assert!(num.starts_with(r#"<w:abstractNumId"#));
        assert!(num
            .split("</w:num>")
            .next()
            .unwrap()
            .contains(r#"<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/>"#));
    }
    assert!(numbering.contains(r#"<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>"#));
    // Both recommendations in one list, numbered 1. and 2. by Word.
    assert_eq!(
        document
            .matches(r#"<w:pStyle w:val="ListNumber"/>"#)
            .count(),
        2
    );
    assert!(numbering.contains(r#"<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>"#));
    assert!(!paragraphs(&document)
        .iter()
        .any(|p| p.starts_with("a)") || p.starts_with("1.")));
}

/// Writes sample documents for the external checkers: `DOCX_OUT=dir cargo test --test it docx:: -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let Some(dir) = std::env::var_os("DOCX_OUT") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::write(dir.join("sample.docx"), sample_docx()).unwrap();
    std::fs::write(
        dir.join("continuous.docx"),
        render(&Report::sample(), continuous(), &RenderOptions::default()),
    )
    .unwrap();
    let (report, img) = report_with_image();
    let options = RenderOptions {
        report_dir: Some(img.path().to_path_buf()),
        ..RenderOptions::default()
    };
    std::fs::write(
        dir.join("image.docx"),
        render(&report, Template::tower_hamlets(), &options),
    )
    .unwrap();
    std::fs::write(
        dir.join("exempt-continuous.docx"),
        render_unchecked(&exempt_report(), &continuous()),
    )
    .unwrap();
}
