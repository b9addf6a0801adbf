//! Readable text dumps of rendered reports, for golden files and their diffs.

use super::pdf::{catalog, deref, dict, load, text_of};
use cabinet_report::pdf::frame::{ItemKind, LaidOut, Tag};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::fmt::Write;

/// What a PDF says about itself, read from the written file: document
/// information, language, XMP title and PDF/UA part, and the outline
/// (bookmarks indented by depth, with the page each opens).
pub fn pdf_header(pdf: &[u8]) -> String {
    let doc = load(pdf);
    let cat = catalog(&doc);
    let mut out = String::from("=== metadata\n");
    let info = doc.trailer.get(b"Info").ok().map(|i| dict(&doc, i));
    for key in ["Title", "Author", "Subject", "Keywords"] {
        let value = info.and_then(|i| text_of(&doc, i, key.as_bytes()));
        let _ = writeln!(out, "{key}: {}", shown(value));
    }
    let lang = cat
        .get(b"Lang")
        .ok()
        .map(|l| lopdf::decode_text_string(deref(&doc, l)).expect("/Lang is a text string"));
    let _ = writeln!(out, "Lang: {}", shown(lang));
    let xmp = cat.get(b"Metadata").ok().map(|m| {
        let stream = deref(&doc, m).as_stream().expect("/Metadata is a stream");
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        String::from_utf8(bytes).expect("XMP is UTF-8")
    });
    let xmp = xmp.as_deref().unwrap_or("");
    // As written, entities and all: an escaping change shows here.
    let title = element(xmp, "dc:title").and_then(|t| element(t, "rdf:li"));
    let _ = writeln!(out, "XMP dc:title: {}", shown(title.map(str::to_string)));
    let part = element(xmp, "pdfuaid:part");
    let _ = writeln!(out, "XMP pdfuaid:part: {}", shown(part.map(str::to_string)));
    out.push_str("=== outline\n");
    let pages: HashMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    if let Ok(outlines) = cat.get(b"Outlines") {
        let first = dict(&doc, outlines).get(b"First").ok();
        bookmarks(&doc, first, 0, &pages, &mut out);
    }
    out
}

fn shown(value: Option<String>) -> String {
    value.unwrap_or_else(|| "(none)".into())
}

/// The content of the first `<tag …>…</tag>` in `xml`.
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let start = xml.find(&open)? + open.len();
    let rest = &xml[start..];
    let body = &rest[rest.find('>')? + 1..];
    Some(&body[..body.find(&format!("</{tag}>"))?])
}

/// One line per bookmark: two spaces per level, the title, the page it opens.
fn bookmarks<'a>(
    doc: &'a Document,
    mut at: Option<&'a Object>,
    depth: usize,
    pages: &HashMap<ObjectId, u32>,
    out: &mut String,
) {
    let mut seen = 0;
    while let Some(item) = at {
        let d = dict(doc, item);
        let title = text_of(doc, d, b"Title").unwrap_or_default();
        let page = target(doc, d)
            .and_then(|p| pages.get(&p))
            .map_or_else(|| "no page".to_string(), |n| format!("page {n}"));
        let _ = writeln!(out, "{}{title} → {page}", "  ".repeat(depth));
        bookmarks(doc, d.get(b"First").ok(), depth + 1, pages, out);
        at = d.get(b"Next").ok();
        seen += 1;
        assert!(seen < 10_000, "the outline loops");
    }
}

/// The page a bookmark opens: its /Dest, or a GoTo action's /D.
fn target(doc: &Document, item: &Dictionary) -> Option<ObjectId> {
    let dest = match item.get(b"Dest") {
        Ok(d) => deref(doc, d),
        Err(_) => deref(doc, dict(doc, item.get(b"A").ok()?).get(b"D").ok()?),
    };
    dest.as_array().ok()?.first()?.as_reference().ok()
}

/// The written file's header (see [`pdf_header`]), then per laid-out page
/// each text line: baseline y and x (pt from the top-left), then its runs
/// as `[face size] text`. Artifacts (running header, footer,
/// repeated table headers) are marked `~` so a diff shows what kind of text changed.
pub fn pdf(pdf: &[u8], laid: &LaidOut) -> String {
    let mut out = pdf_header(pdf);
    for (n, page) in laid.pages.iter().enumerate() {
        let _ = writeln!(out, "=== page {} of {}", n + 1, laid.pages.len());
        let mut lines: Vec<(i64, f32, bool, String)> = Vec::new();
        for item in &page.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            if text.trim().is_empty() {
                continue;
            }
            let key = (run.y * 10.0).round() as i64;
            let piece = format!("[{} {:.1}] {}", run.face.resource_name(), run.size, text);
            let artifact = matches!(item.tag, Tag::Artifact(_));
            match lines.iter_mut().find(|l| l.0 == key && l.2 == artifact) {
                Some(line) => {
                    line.1 = line.1.min(run.x);
                    line.3.push(' ');
                    line.3.push_str(&piece);
                }
                None => lines.push((key, run.x, artifact, piece)),
            }
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (y, x, artifact, text) in lines {
            let mark = if artifact { '~' } else { ' ' };
            let _ = writeln!(out, "{mark}{:7.1} {:6.1} {text}", y as f32 / 10.0, x);
        }
    }
    out
}

/// An agenda pack, read from the written file alone: its header (see
/// [`pdf_header`]), its page labels, and each page's text as lopdf reads it
/// through the fonts' ToUnicode maps, one line per text-showing operation.
/// The outline gives the page each item opens on, so a moved item shows.
pub fn pack(pdf: &[u8]) -> String {
    let mut out = pdf_header(pdf);
    let doc = load(pdf);
    out.push_str("=== page labels\n");
    if let Ok(labels) = catalog(&doc).get(b"PageLabels") {
        let nums = deref(&doc, dict(&doc, labels).get(b"Nums").expect("/Nums"))
            .as_array()
            .expect("/Nums is an array");
        for pair in nums.chunks(2) {
            let from = pair[0].as_i64().expect("a page index");
            let d = dict(&doc, &pair[1]);
            let style = d
                .get(b"S")
                .ok()
                .and_then(|s| s.as_name().ok())
                .map(|s| String::from_utf8_lossy(s).into_owned());
            let start = d.get(b"St").ok().and_then(|s| s.as_i64().ok()).unwrap_or(1);
            let prefix = text_of(&doc, d, b"P").unwrap_or_default();
            let _ = writeln!(
                out,
                "from page index {from}: style {}, start {start}, prefix {prefix:?}",
                shown(style)
            );
        }
    }
    let pages = doc.get_pages();
    for &n in pages.keys() {
        let _ = writeln!(out, "=== page {n} of {}", pages.len());
        let text = doc
            .extract_text(&[n])
            .unwrap_or_else(|e| format!("(unreadable: {e})"));
        for line in text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
        {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// Per paragraph of the Word body: style, resolved number (as Word shows it), text.
pub fn docx(docx: &[u8]) -> String {
    let mut out = String::new();
    for p in super::word::paragraphs(docx) {
        let num = match (&p.num, &p.label) {
            (Some((id, lvl)), Some(label)) => format!(" #{id}.{lvl} \"{label}\""),
            _ => String::new(),
        };
        let cell = if p.in_table { "| " } else { "" };
        let _ = writeln!(out, "{cell}{}{num}: {}", p.style, p.text.replace('\n', "⏎"));
    }
    out
}
