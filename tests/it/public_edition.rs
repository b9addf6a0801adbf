//! The public edition is what a council may publish: exempt sections and
//! appendices are left out, their titles kept with the statutory notice
//! citing their Schedule 12A paragraphs, and none of their words survives
//! anywhere in either file, seen or unseen.
//!
//! Every exempt place holds a unique marker word. The full edition must show
//! each one (so the scan is known to find them), and the public edition,
//! from the API and from `clerk`, must hold none of them: not in the PDF's
//! raw bytes, decompressed streams, strings (metadata, bookmarks, alt text,
//! actual text, link targets, in PDFDocEncoding or UTF-16), XMP or extracted
//! text, nor in any part of the Word package (text, alt text, properties,
//! relationships, media).

use crate::common::clerk_bin::clerk_bin;
use cabinet_report::model::*;
use cabinet_report::{Audience, RenderOptions, Renderer, Template};
use std::io::Read;
use std::path::Path;

/// Marker words, one per exempt place; letters only, so the fonts print
/// them and no validation rule mistakes them for template text.
const SECTION_MARKERS: &[&str] = &[
    "Quillbarrow",  // a paragraph
    "Fenwickstone", // link text
    "Harrowgate",   // link target
    "Marlowheath",  // a sub-heading
    "Brackenfold",  // a quotation
    "Dunmoreton",   // a bullet
    "Kestrelby",    // a numbered list item
    "Ormskirby",    // a table caption
    "Pendleworth",  // a table heading
    "Ravensmoor",   // a table cell
    "Saltcombe",    // a table total
    "Thornleigh",   // image alt text
    "Wyvernham",    // image caption
];
const APPENDIX_MARKERS: &[&str] = &[
    "Ashbourneley", // a paragraph
    "Blythecombe",  // a table cell
    "Corbridgely",  // image alt text
    "Delamerewick", // a bullet
    "Eskdaleford",  // link target
];
/// Inside the image files themselves: a PNG text chunk (Word embeds the file
/// as it is) and a JPEG comment (the PDF embeds JPEGs as they are).
const PNG_MARKER: &str = "Fothergillia";
const JPEG_MARKER: &str = "Glastonmere";

const SECTION_HEADING: &str = "Commercial terms of the depot sale";
const APPENDIX_TITLE: &str = "Valuation of the Eastgate depot";

fn text(s: &str) -> Text {
    Text::from(s)
}

fn png_with_text(marker: &str) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 20, image::Rgb([0, 89, 79]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    let png = out.into_inner();
    // A tEXt chunk just before IEND (the last 12 bytes).
    let data = format!("Comment\0{marker}");
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(data.as_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(b"tEXt");
    crc.update(data.as_bytes());
    chunk.extend_from_slice(&crc.sum().to_be_bytes());
    let end = png.len() - 12;
    [&png[..end], &chunk, &png[end..]].concat()
}

fn jpeg_with_comment(marker: &str) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 20, image::Rgb([200, 60, 0]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let jpeg = out.into_inner();
    let mut com = vec![0xFF, 0xFE];
    com.extend_from_slice(&((marker.len() + 2) as u16).to_be_bytes());
    com.extend_from_slice(marker.as_bytes());
    [&jpeg[..2], &com, &jpeg[2..]].concat()
}

/// The sample with an exempt section and an exempt appendix holding every
/// kind of block, each with its marker; the images are written into `dir`.
fn report_with_exempt_parts(dir: &Path) -> Report {
    std::fs::write(dir.join("layout.png"), png_with_text(PNG_MARKER)).unwrap();
    std::fs::write(dir.join("site.jpg"), jpeg_with_comment(JPEG_MARKER)).unwrap();
    let s = SECTION_MARKERS;
    let a = APPENDIX_MARKERS;
    let mut report = Report::sample();
    report.sections.push(Section {
        kind: SectionKind::Other,
        heading: Some(SECTION_HEADING.into()),
        blocks: vec![
            Block::Paragraph(text(&format!("The bidder {} offered more.", s[0]))),
            Block::Paragraph(Text(vec![
                Span::plain("See "),
                Span::link(s[1], format!("https://example.org/{}/bids", s[2])),
                Span::plain("."),
            ])),
            Block::Subheading(text(s[3])),
            Block::Quote(text(&format!("We will pay {} pounds.", s[4]))),
            Block::Bullets(vec![text(&format!("{} Holdings", s[5]))]),
            Block::NumberedList(vec![text(&format!("{} Estates", s[6]))]),
            Block::Table(Table {
                caption: Some(text(&format!("Table 9: {} bids", s[7]))),
                columns: vec![
                    Column {
                        heading: text(s[8]),
                        align: Align::Auto,
                        width_percent: None,
                    },
                    Column {
                        heading: text("Amount"),
                        align: Align::Auto,
                        width_percent: None,
                    },
                ],
                rows: vec![vec![text(s[9]), text("£1,000")]],
                header_column: false,
                total: Some(vec![text(s[10]), text("£1,000")]),
                ..Default::default()
            }),
            Block::Image(Image {
                src: "layout.png".into(),
                alt: format!("Plan of the {} site", s[11]),
                width_mm: Some(40.0),
                caption: Some(text(&format!("The {} yard", s[12]))),
            }),
        ],
        exempt: Some(Exemption {
            paragraphs: vec![3],
            public_interest: "The sale is still being negotiated.".into(),
        }),
        sign_off: None,
    });
    report.appendices.push(Appendix {
        title: APPENDIX_TITLE.into(),
        exempt: Some(Exemption {
            paragraphs: vec![3, 5],
            public_interest: "Disclosure would harm the council's bargaining position.".into(),
        }),
        blocks: vec![
            Block::Paragraph(text(&format!("The valuer, {}, advised.", a[0]))),
            Block::Table(Table {
                caption: None,
                columns: vec![Column {
                    heading: text("Lot"),
                    align: Align::Auto,
                    width_percent: None,
                }],
                rows: vec![vec![text(a[1])]],
                header_column: false,
                total: None,
                ..Default::default()
            }),
            Block::Image(Image {
                src: "site.jpg".into(),
                alt: format!("Aerial view of {}", a[2]),
                width_mm: Some(40.0),
                caption: None,
            }),
            Block::Bullets(vec![Text(vec![
                Span::plain(format!("{} Lane ", a[3])),
                Span::link("valuation", format!("mailto:{}@example.org", a[4])),
            ])]),
        ],
    });
    report
}

/// Every place a word can hide in a file, as (where, bytes).
type Places = Vec<(String, Vec<u8>)>;

pub(crate) fn pdf_places(pdf: &[u8], dir: &Path) -> Places {
    let mut places: Places = vec![("the raw file".into(), pdf.to_vec())];
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF loads");
    fn strings(o: &lopdf::Object, at: &str, out: &mut Places) {
        match o {
            lopdf::Object::String(bytes, _) => {
                out.push((format!("a string in {at}"), bytes.clone()));
                if let Ok(s) = lopdf::decode_text_string(o) {
                    out.push((format!("a decoded string in {at}"), s.into_bytes()));
                }
            }
            lopdf::Object::Array(a) => a.iter().for_each(|v| strings(v, at, out)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, v)| strings(v, at, out)),
            lopdf::Object::Stream(s) => s.dict.iter().for_each(|(_, v)| strings(v, at, out)),
            _ => {}
        }
    }
    for (id, object) in &doc.objects {
        let at = format!("object {} {}", id.0, id.1);
        strings(object, &at, &mut places);
        if let lopdf::Object::Stream(s) = object {
            places.push((format!("the stream of {at}"), s.content.clone()));
            if let Ok(plain) = s.decompressed_content() {
                places.push((format!("the decompressed stream of {at}"), plain));
            }
        }
    }
    places.push((
        "the text a screen reader reads".into(),
        crate::common::pdf::paragraphs(pdf).join("\n").into_bytes(),
    ));
    let file = dir.join("scan.pdf");
    std::fs::write(&file, pdf).unwrap();
    // Without pdftotext the scan goes on over everything else, and says so.
    if let Some((ok, out)) = crate::common::tool("pdftotext", &["-enc", "UTF-8"], &file) {
        assert!(ok, "pdftotext failed: {out}");
        let text = std::fs::read(file.with_extension("txt")).unwrap();
        places.push(("pdftotext's text".into(), text));
    }
    places
}

fn docx_places(docx: &[u8]) -> Places {
    let mut places = Places::new();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            // The text with the markup taken out, so a word split over runs is found.
            let xml = String::from_utf8(bytes.clone()).expect("UTF-8 XML");
            let mut plain = String::new();
            let mut in_tag = false;
            for c in xml.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            places.push((format!("the text of {name}"), plain.into_bytes()));
        }
        places.push((name, bytes));
    }
    places
}

fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// Where `marker` appears, in its UTF-8 or UTF-16 form.
pub(crate) fn found(places: &Places, marker: &str) -> Vec<String> {
    let forms = [marker.as_bytes().to_vec(), utf16be(marker)];
    places
        .iter()
        .filter(|(_, bytes)| {
            forms
                .iter()
                .any(|f| bytes.windows(f.len()).any(|w| w == f.as_slice()))
        })
        .map(|(at, _)| at.clone())
        .collect()
}

fn all_markers() -> Vec<&'static str> {
    let mut all: Vec<&str> = SECTION_MARKERS.to_vec();
    all.extend(APPENDIX_MARKERS);
    all.extend([PNG_MARKER, JPEG_MARKER]);
    all
}

/// No marker anywhere in either public file; the titles and the statutory
/// notices are there, in the text a reader sees.
fn assert_publishable(pdf: &[u8], docx: &[u8], dir: &Path, how: &str) {
    let pdf_places = pdf_places(pdf, dir);
    let docx_places = docx_places(docx);
    let mut leaks = Vec::new();
    for marker in all_markers() {
        for at in found(&pdf_places, marker) {
            leaks.push(format!("{how}: {marker} in the PDF, {at}"));
        }
        for at in found(&docx_places, marker) {
            leaks.push(format!("{how}: {marker} in the Word file, {at}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "exempt words leaked:\n{}",
        leaks.join("\n")
    );

    let spaced = |places: &Places, at: &str| -> Option<String> {
        let (_, bytes) = places.iter().find(|(w, _)| w == at)?;
        Some(
            String::from_utf8_lossy(bytes)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let mut texts = vec![(
        "Word",
        spaced(&docx_places, "the text of word/document.xml").unwrap(),
    )];
    if let Some(pdf_text) = spaced(&pdf_places, "pdftotext's text") {
        texts.push(("PDF", pdf_text));
    }
    for (format, text) in &texts {
        for expected in [
            SECTION_HEADING,
            APPENDIX_TITLE,
            "is not for publication: it contains exempt information under paragraph 3 of Part 1 \
             of Schedule 12A to the Local Government Act 1972.",
            "is not for publication: it contains exempt information under paragraphs 3 and 5 of \
             Part 1 of Schedule 12A to the Local Government Act 1972.",
            "The sale is still being negotiated.",
        ] {
            assert!(
                text.contains(expected),
                "{how}: the public {format} file lacks {expected:?}"
            );
        }
    }
}

fn render(report: &Report, dir: &Path, audience: Audience) -> (Vec<u8>, Vec<u8>) {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        audience,
        report_dir: Some(dir.to_path_buf()),
        ..RenderOptions::default()
    };
    let errors: Vec<String> = renderer
        .check(report, audience)
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "the report must be publishable: {errors:#?}"
    );
    (
        renderer.pdf(report, &options).unwrap(),
        renderer.docx(report, &options).unwrap(),
    )
}

#[test]
fn the_public_edition_holds_no_exempt_word_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let report = report_with_exempt_parts(dir.path());

    // The full edition shows every marker, so the scan can find them.
    let (pdf, docx) = render(&report, dir.path(), Audience::Full);
    let (pdf_places, docx_places) = (pdf_places(&pdf, dir.path()), docx_places(&docx));
    // Image metadata is stripped from every edition (image_files tests it),
    // so the pictures' markers are absent even from the full one.
    for marker in [PNG_MARKER, JPEG_MARKER] {
        assert!(
            found(&pdf_places, marker).is_empty(),
            "{marker} in the full PDF"
        );
        assert!(
            found(&docx_places, marker).is_empty(),
            "{marker} in the full Word file"
        );
    }
    for marker in SECTION_MARKERS.iter().chain(APPENDIX_MARKERS).copied() {
        assert!(
            !found(&pdf_places, marker).is_empty(),
            "{marker} is not in the full PDF, so the scan proves nothing"
        );
        assert!(
            !found(&docx_places, marker).is_empty(),
            "{marker} is not in the full Word file, so the scan proves nothing"
        );
    }
    for marker in SECTION_MARKERS.iter().chain(APPENDIX_MARKERS) {
        let extracted = found(&pdf_places, marker);
        let visible = ["pdftotext's text", "the text a screen reader reads"];
        // Link targets and alt text are not drawn; the strings hold them.
        let unseen = [
            SECTION_MARKERS[2],
            SECTION_MARKERS[11],
            APPENDIX_MARKERS[2],
            APPENDIX_MARKERS[4],
        ];
        assert!(
            unseen.contains(marker)
                || visible
                    .iter()
                    .filter(|v| pdf_places.iter().any(|(w, _)| w == *v))
                    .all(|v| extracted.iter().any(|e| e == v)),
            "{marker} is not in the full PDF's extracted text: {extracted:?}"
        );
    }

    let (pdf, docx) = render(&report, dir.path(), Audience::Public);
    assert_publishable(&pdf, &docx, dir.path(), "Renderer, public");
}

#[test]
fn clerk_public_writes_files_with_no_exempt_word_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let report = report_with_exempt_parts(dir.path());
    std::fs::write(dir.path().join("depot.json"), report.to_json()).unwrap();
    for args in [
        &["depot.json", "-o", "pub"][..],
        &["depot.json", "--public", "-o", "pub2"],
    ] {
        let out = std::process::Command::new(clerk_bin())
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        let outdir = dir.path().join(args[args.len() - 1]);
        let pdf = std::fs::read(outdir.join("depot.pdf")).unwrap();
        let docx = std::fs::read(outdir.join("depot.docx")).unwrap();
        assert_publishable(
            &pdf,
            &docx,
            dir.path(),
            &format!("clerk {}", args.join(" ")),
        );
    }
    // And --full really is the other edition.
    let out = std::process::Command::new(clerk_bin())
        .args(["depot.json", "--full", "-o", "full"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.path().join("full/depot.full.docx")).unwrap();
    assert!(!found(&docx_places(&docx), SECTION_MARKERS[0]).is_empty());
}

/// Withholding is compose's, not the validator's: a service calling the
/// stages itself, with no check at all, still gets a publishable public
/// edition, and no public edition of a wholly exempt report.
#[test]
fn the_stages_called_without_validation_withhold_exempt_parts() {
    use cabinet_report::assets::Assets;
    use cabinet_report::compose::compose;
    use cabinet_report::fonts::FontSet;
    let dir = tempfile::tempdir().unwrap();
    let mut report = report_with_exempt_parts(dir.path());
    let template = Template::tower_hamlets();
    let fonts = FontSet::default_fonts();

    let doc = compose(&report, &template, Audience::Public).unwrap();
    let assets = Assets::load(&doc, &template, Some(dir.path())).unwrap();
    let pdf = cabinet_report::pdf::render(&doc, &assets, &fonts).unwrap();
    let docx = cabinet_report::docx::render(&doc, &assets).unwrap();
    assert_publishable(&pdf, &docx, dir.path(), "stages, unvalidated");

    report.exempt = report.sections.iter().find_map(|s| s.exempt.clone());
    assert!(report.exempt.is_some());
    assert!(matches!(
        compose(&report, &template, Audience::Public),
        Err(cabinet_report::Error::WhollyExempt)
    ));
    assert!(compose(&report, &template, Audience::Full).is_ok());
}
