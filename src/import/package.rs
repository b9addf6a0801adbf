//! Opening a Word file safely: bounded zip reads, the report's own copy of
//! itself, and docx-rs's reader behind those checks.

use crate::error::Error;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest Word file accepted, compressed.
pub const MAX_DOCX_BYTES: usize = 32 << 20;
/// Largest single part, expanded. A report's `document.xml` is ~100 KB.
const MAX_PART_BYTES: u64 = 16 << 20;
/// Largest total expanded size of the parts.
const MAX_TOTAL_BYTES: u64 = 64 << 20;
/// Most zip entries (a report has ~20).
const MAX_ENTRIES: usize = 1_000;
/// Deepest XML nesting accepted in the parts read here (Word's tables in
/// tables rarely pass 20).
const MAX_DEPTH: usize = 256;

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Import(why.to_string())
}

/// The parts of the package the import reads, each expanded once.
pub struct Package {
    /// (name, bytes) for every entry read.
    pub parts: Vec<(String, Vec<u8>)>,
}

/// The parts the import reads: the document, its relationships (links and
/// the styles part), the styles, and the report the library carried. The
/// rest (headers, footers, numbering, pictures) is never expanded: reading
/// every entry was a tenth of an import's time.
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "[Content_Types].xml"
            | "word/document.xml"
            | "word/_rels/document.xml.rels"
            | "word/styles.xml"
    ) || (name.starts_with("customXml/item") && name.ends_with(".xml") && !name.contains("Props"))
}

impl Package {
    /// Checks every entry's declared size and their total, then expands the
    /// parts the import reads, checking each against its declared size, so a
    /// zip bomb or a damaged entry is refused here, before any parser sees it.
    pub fn open(bytes: &[u8]) -> Result<Package, Error> {
        if bytes.len() > MAX_DOCX_BYTES {
            return Err(bad(format_args!(
                "the file is {} bytes; the most read is {MAX_DOCX_BYTES}",
                bytes.len()
            )));
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad(format_args!("not a Word file (not a zip package: {e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(bad(format_args!(
                "the package has {} entries; the most read is {MAX_ENTRIES}",
                zip.len()
            )));
        }
        let mut total = 0u64;
        let mut parts = Vec::new();
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index(i)
                .map_err(|e| bad(format_args!("a damaged zip entry: {e}")))?;
            let name = entry.name().to_string();
            let declared = entry.size();
            if declared > MAX_PART_BYTES {
                return Err(bad(format_args!(
                    "{name} expands to {declared} bytes; the most read is {MAX_PART_BYTES}"
                )));
            }
            total += declared;
            if total > MAX_TOTAL_BYTES {
                return Err(bad(format_args!(
                    "the parts expand to more than {MAX_TOTAL_BYTES} bytes"
                )));
            }
            if !wanted(&name) || parts.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let mut data = Vec::with_capacity(declared as usize);
            // One byte past the limit tells a lying size from an honest one.
            (&mut entry)
                .take(MAX_PART_BYTES + 1)
                .read_to_end(&mut data)
                .map_err(|e| bad(format_args!("{name} cannot be expanded: {e}")))?;
            if data.len() as u64 != declared {
                return Err(bad(format_args!(
                    "{name} expands to another size than its entry says"
                )));
            }
            if data.starts_with(&[0xef, 0xbb, 0xbf]) {
                data.drain(..3);
            }
            parts.push((name, data));
        }
        let pkg = Package { parts };
        for name in ["word/document.xml", "[Content_Types].xml"] {
            let part = pkg
                .part(name)
                .ok_or_else(|| bad(format_args!("not a Word document: no {name}")))?;
            check_xml(name, part)?;
        }
        for name in ["word/_rels/document.xml.rels", "word/styles.xml"] {
            if let Some(part) = pkg.part(name) {
                check_xml(name, part)?;
            }
        }
        Ok(pkg)
    }

    /// A part by name.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// The report the library wrote into the file (`src/docx/source.rs`):
    /// its audience and JSON. `None` when the file carries none.
    pub fn source(&self) -> Result<Option<(String, String)>, Error> {
        use quick_xml::events::Event;
        for (name, bytes) in &self.parts {
            if !(name.starts_with("customXml/item") && name.ends_with(".xml"))
                || name.contains("Props")
            {
                continue;
            }
            check_xml(name, bytes)?;
            let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
            let mut audience = None;
            let mut json = String::new();
            let mut inside = false;
            loop {
                match reader.read_event() {
                    Ok(Event::Start(e)) if !inside => {
                        let ns = e.attributes().flatten().any(|a| {
                            a.key.as_ref() == b"xmlns"
                                && a.value.as_ref() == crate::compose::source::NAMESPACE.as_bytes()
                        });
                        if !ns {
                            break;
                        }
                        inside = true;
                        audience = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"audience")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                    }
                    Ok(Event::Text(t)) if inside => {
                        let raw = String::from_utf8_lossy(t.as_ref());
                        if raw.contains('&') {
                            json.push_str(&unescape(&raw));
                        } else {
                            json.push_str(&raw);
                        }
                    }
                    // The JSON's every quotation mark is a `&quot;`: one
                    // event each, read without building a string.
                    Ok(Event::GeneralRef(r)) if inside => {
                        match std::str::from_utf8(r.as_ref()).ok().and_then(entity) {
                            Some(c) => json.push(c),
                            None => {
                                json.push('&');
                                json.push_str(&String::from_utf8_lossy(r.as_ref()));
                                json.push(';');
                            }
                        }
                    }
                    Ok(Event::CData(t)) if inside => {
                        json.push_str(&String::from_utf8_lossy(t.as_ref()));
                    }
                    Ok(Event::End(_)) if inside => {
                        return Ok(Some((audience.unwrap_or_else(|| "public".into()), json)));
                    }
                    Ok(Event::Eof) => break,
                    Err(e) => return Err(bad(format_args!("{name} is not well-formed XML: {e}"))),
                    _ => {}
                }
            }
        }
        Ok(None)
    }
}

/// The character an entity or character reference (without `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
            .ok()
            .and_then(char::from_u32),
        n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
        _ => None,
    }
}

/// XML's five entities and character references; anything else is kept.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        match entity(&tail[1..end]) {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Refuses a part that is not well-formed XML, or nests elements deeper than
/// [`MAX_DEPTH`] (docx-rs parses recursively), naming the line and column.
///
/// docx-rs 0.4.22's readers loop until they see their element's end tag, and
/// some (its `ignore_element`, every element reader on end of input) never
/// stop on an error or at the end of the input: a document with one damaged
/// tag, or cut short, hung the import for good (found by the `import` fuzz
/// target; `tests/fuzz_regressions/import-damaged-tag.docx`). So this pass
/// reads the part exactly as docx-rs's `EventReader` will (quick-xml 0.41,
/// the same configuration, every name, text, reference and attribute value
/// decoded the same way) and refuses it if that reading would fail anywhere,
/// or if the input ends with an element open. On a part that passes, every
/// docx-rs reader meets its end tag before the input ends. One linear pass.
pub fn check_xml(name: &str, xml: &[u8]) -> Result<(), Error> {
    use quick_xml::events::Event;
    use quick_xml::XmlVersion;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;
    // Where each open element began, to name the one left open.
    let mut open: Vec<usize> = Vec::new();
    let damaged = |at: usize, why: &dyn std::fmt::Display| {
        let (line, column) = line_column(xml, at);
        bad(format_args!(
            "{name} is not well-formed XML at line {line}, column {column}: {why}"
        ))
    };
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(damaged(reader.error_position() as usize, &e)),
        };
        let checked: Result<(), quick_xml::Error> = (|| {
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let decoder = reader.decoder();
                    for a in e.attributes().with_checks(false) {
                        let a = a.map_err(quick_xml::Error::from)?;
                        a.decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)?;
                    }
                }
                Event::Text(t) => {
                    t.xml_content(XmlVersion::Implicit1_0)?;
                }
                Event::GeneralRef(r) if r.resolve_char_ref()?.is_none() => {
                    let r = r.xml_content(XmlVersion::Implicit1_0)?;
                    if !matches!(r.as_ref(), "lt" | "gt" | "amp" | "apos" | "quot") {
                        quick_xml::escape::unescape(&format!("&{r};"))?;
                    }
                }
                Event::CData(t) => {
                    reader.decoder().decode(t.as_ref())?;
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = checked {
            return Err(damaged(at, &e));
        }
        match event {
            Event::Start(_) => {
                open.push(at);
                if open.len() > MAX_DEPTH {
                    return Err(bad(format_args!(
                        "{name} nests elements more than {MAX_DEPTH} deep"
                    )));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match open.last() {
        Some(&at) => Err(damaged(
            at,
            &"this element is never closed (the part is cut short)",
        )),
        None => Ok(()),
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(xml: &[u8], at: usize) -> (usize, usize) {
    let before = &xml[..at.min(xml.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// The document body, its styles' names and its links: what the import
/// reads of a Word file.
pub struct Docx {
    /// docx-rs's reading of `word/document.xml`.
    pub document: docx_rs::Document,
    /// Style id → style name (the id when the style has no name).
    pub styles: HashMap<String, String>,
    /// Relationship id → address, for links to outside the document.
    pub links: HashMap<String, String>,
    /// Every run's text and `w:lang`, in document order: docx-rs does not
    /// read a run's language.
    pub run_langs: Vec<(String, Option<String>)>,
}

/// Reads the document with docx-rs's `Document` reader, and the styles' names
/// and the links with a scan of their parts, from the parts [`Package::open`]
/// already expanded and checked. docx-rs's `read_docx` expanded the package a
/// second time and parsed every part (styles in full, numbering, headers,
/// footers, settings, pictures) of which the import uses only these: it was
/// over half of an import's time (callgrind, the sample's Word file: 8.1 of
/// 15.5 million instructions).
///
/// docx-rs 0.4.22 indexes without checks in places; a panic its reader
/// raises on a file we did not foresee is caught here and reported as a
/// damaged file, so a service that imports untrusted files does not lose the
/// thread. (Panics are caught, not prevented: the crate has no
/// non-panicking API to call instead.)
pub fn read_docx(pkg: &Package) -> Result<Docx, Error> {
    let xml = pkg.part("word/document.xml").unwrap_or_default();
    let document =
        match std::panic::catch_unwind(|| <docx_rs::Document as docx_rs::FromXML>::from_xml(xml)) {
            Ok(Ok(document)) => document,
            Ok(Err(e)) => return Err(bad(format_args!("the Word reader refused the file: {e}"))),
            Err(_) => return Err(bad("the Word reader could not read the file (damaged XML)")),
        };
    let rels = pkg.part("word/_rels/document.xml.rels").unwrap_or_default();
    Ok(Docx {
        document,
        styles: style_names(pkg.part("word/styles.xml").unwrap_or_default()),
        links: links(rels),
        run_langs: run_langs(xml),
    })
}

/// Each `w:r`'s `w:t` text and its `w:lang/@w:val`, in document order. A
/// run inside a run (a text box in a drawing) is a run of its own. Damaged
/// XML ends the scan with the runs read so far.
fn run_langs(xml: &[u8]) -> Vec<(String, Option<String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:r" => {
                open.push(out.len());
                out.push((String::new(), None));
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"w:r" => {
                open.pop();
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().as_ref() == b"w:lang" => {
                if let Some(&at) = open.last() {
                    out[at].1 = attr(&e, b"val");
                }
            }
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                if let Some(&at) = open.last() {
                    out[at]
                        .0
                        .push_str(&unescape(&String::from_utf8_lossy(t.as_ref())));
                }
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                if let (Some(&at), Some(c)) = (
                    open.last(),
                    std::str::from_utf8(r.as_ref()).ok().and_then(entity),
                ) {
                    out[at].0.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn attr(e: &quick_xml::events::BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| unescape(&String::from_utf8_lossy(&a.value)))
}

/// `w:style/@w:styleId` → `w:style/w:name/@w:val`. Damaged XML ends the
/// scan: the styles read so far are kept, the rest read by their ids.
fn style_names(xml: &[u8]) -> HashMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, Option<String>)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                current = Some((attr(&e, b"styleId").unwrap_or_default(), None));
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"style" => {
                let id = attr(&e, b"styleId").unwrap_or_default();
                out.insert(id.clone(), id);
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == b"name" => {
                if let Some((_, name @ None)) = &mut current {
                    *name = attr(&e, b"val");
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                if let Some((id, name)) = current.take() {
                    let name = name.unwrap_or_else(|| id.clone());
                    out.insert(id, name);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Hyperlink relationships with a target mode (`External`): id → address,
/// as docx-rs read them.
fn links(xml: &[u8]) -> HashMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let kind = attr(&e, b"Type").unwrap_or_default();
                if kind.ends_with("hyperlink") && attr(&e, b"TargetMode").is_some() {
                    if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                        out.insert(id, target);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}
