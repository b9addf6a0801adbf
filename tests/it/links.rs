//! Links: only web (http, https) and email (mailto) addresses are followable.
//! Anything else is a validation error (R12) naming the link, and a service
//! that renders without validating still gets plain text, never a link.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience};
use cabinet_report::fonts::FontSet;
use cabinet_report::model::{Block, Report, Span, Text};
use cabinet_report::validate;
use cabinet_report::{Error, RenderOptions, Renderer, Template};
use std::io::Read;

const HOSTILE: &[&str] = &[
    "javascript:alert(document.cookie)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u{1}javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.org/minutes.pdf",
    "//example.org/minutes",
    "../secrets.pdf",
    "minutes.pdf",
    "example.org/minutes",
    "https:///etc/passwd",
    "https://exa\u{200b}mple.org",
    "https://example.org/\u{202e}fdp.exe",
];

/// The sample with one paragraph linking `url` and a good link after it.
fn report_linking(url: &str) -> Report {
    let mut r = Report::sample();
    r.sections[2].blocks.push(Block::Paragraph(Text(vec![
        Span::plain("Read "),
        Span::link("the briefing", url),
        Span::plain(" and "),
        Span::link("the minutes", "HTTPS://Example.org/Minutes"),
        Span::plain(", or "),
        Span::link("write to us", "MailTo:clerk@example.org"),
        Span::plain("."),
    ])));
    r
}

const LINK_PATH: &str = "$.sections[2].blocks[38].paragraph[1].link";

/// Every /URI in the PDF.
fn uris(pdf: &[u8]) -> Vec<String> {
    fn walk(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    match v.as_str() {
                        Ok(u) if k == b"URI" => out.push(String::from_utf8_lossy(u).into_owned()),
                        _ => walk(v, out),
                    }
                }
            }
            lopdf::Object::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut found = Vec::new();
    doc.objects.values().for_each(|o| walk(o, &mut found));
    found.sort();
    found
}

/// Every hyperlink target in the Word package.
fn targets(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut rels = String::new();
    zip.by_name("word/_rels/document.xml.rels")
        .unwrap()
        .read_to_string(&mut rels)
        .unwrap();
    let mut found: Vec<String> = rels
        .split("<Relationship ")
        .filter(|r| r.contains("/hyperlink\""))
        .map(|r| {
            let t = &r[r.find("Target=\"").unwrap() + 8..];
            t[..t.find('"').unwrap()].to_string()
        })
        .collect();
    found.sort();
    found
}

#[test]
fn only_web_and_email_links_pass_the_validator() {
    let template = Template::tower_hamlets();
    for url in HOSTILE {
        let report = report_linking(url);
        let r12: Vec<String> = validate::validate(&report, &template, Audience::Public)
            .into_iter()
            .filter(|d| d.rule == "R12" && d.is_error())
            .map(|d| d.path)
            .collect();
        assert_eq!(r12, [LINK_PATH], "{url:?}");
        let renderer = Renderer::new(template.clone()).unwrap();
        match renderer.pdf(&report, &RenderOptions::default()) {
            Err(Error::Invalid(ds)) => assert!(ds.iter().any(|d| d.path == LINK_PATH)),
            Err(e) => panic!("{url:?}: {e}"),
            Ok(_) => panic!("{url:?} was rendered"),
        }
    }
    // Upper and mixed case schemes are the same addresses.
    let report = report_linking("Http://example.org/briefing");
    let errors: Vec<String> = validate::validate(&report, &template, Audience::Public)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn rendering_without_validation_never_writes_an_unsafe_link() {
    let template = Template::tower_hamlets();
    let fonts = FontSet::default_fonts();
    for url in HOSTILE {
        let report = report_linking(url);
        // As a service calling the stages directly would, skipping the validator.
        let doc = compose::compose(&report, &template, Audience::Public).expect("composes");
        let assets = Assets::load(&doc, &template, None).unwrap();
        let laid = cabinet_report::pdf::layout::layout(&doc, &assets, &fonts).unwrap();
        let pdf = cabinet_report::pdf::write::write(laid.clone(), &fonts).unwrap();
        let docx = cabinet_report::docx::render(&doc, &assets).unwrap();
        let pdf_uris = uris(&pdf);
        let word_targets = targets(&docx);
        for found in [&pdf_uris, &word_targets] {
            assert_eq!(
                found,
                &["HTTPS://Example.org/Minutes", "MailTo:clerk@example.org"],
                "{url:?}: only the good links are links"
            );
        }
        // The words stay, as plain text.
        let text = String::from_utf8_lossy(&docx_document(&docx)).into_owned();
        assert!(text.contains("the briefing"), "{url:?}");
    }
}

fn docx_document(docx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = Vec::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}
