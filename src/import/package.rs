//! Opening a Word file safely: bounded zip reads, the report's own copy of
//! itself, and docx-rs's reader behind those checks.

use crate::error::Error;
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

/// The parts of the package, each read in full once and within the bounds.
pub struct Package {
    /// (name, bytes) for every entry.
    pub parts: Vec<(String, Vec<u8>)>,
}

impl Package {
    /// Reads every entry, checking the declared and real sizes, so a zip
    /// bomb or a damaged entry is refused here, before any parser sees it.
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
        let mut parts = Vec::with_capacity(zip.len());
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
            total += declared;
            if total > MAX_TOTAL_BYTES {
                return Err(bad(format_args!(
                    "the parts expand to more than {MAX_TOTAL_BYTES} bytes"
                )));
            }
            parts.push((name, data));
        }
        let pkg = Package { parts };
        for name in ["word/document.xml", "[Content_Types].xml"] {
            let part = pkg
                .part(name)
                .ok_or_else(|| bad(format_args!("not a Word document: no {name}")))?;
            check_depth(name, part)?;
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
            check_depth(name, bytes)?;
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
                        json.push_str(&unescape(&raw));
                    }
                    Ok(Event::GeneralRef(r)) if inside => {
                        let name = String::from_utf8_lossy(r.as_ref());
                        json.push_str(&unescape(&format!("&{name};")));
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
        let name = &tail[1..end];
        let ch = match name {
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
        };
        match ch {
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

/// Refuses XML nested deeper than [`MAX_DEPTH`]: docx-rs parses recursively.
/// A linear scan of tags, not a parse: `<` that opens an element adds one,
/// `</` and `/>` take one away.
pub fn check_depth(name: &str, xml: &[u8]) -> Result<(), Error> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = xml[i..].iter().position(|&b| b == b'<') {
        let at = i + off;
        let next = xml.get(at + 1).copied();
        let end = xml[at..].iter().position(|&b| b == b'>').map(|e| at + e);
        let Some(end) = end else { break };
        match next {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'?') | Some(b'!') => {}
            _ if xml[end - 1] == b'/' => {}
            _ => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(bad(format_args!(
                        "{name} nests elements more than {MAX_DEPTH} deep"
                    )));
                }
            }
        }
        i = end + 1;
    }
    Ok(())
}

/// docx-rs's reading of the file, after [`Package::open`] has checked every
/// entry. docx-rs 0.4.22 `unwrap`s inside its reader (`read_zip.rs`, on an
/// entry that fails to expand, which the checks above rule out) and indexes
/// without checks in places; a panic it raises on a file we did not foresee
/// is caught here and reported as a damaged file, so a service that imports
/// untrusted files does not lose the thread. (Panics are caught, not
/// prevented: the crate has no non-panicking API to call instead.)
pub fn read_docx(bytes: &[u8]) -> Result<docx_rs::Docx, Error> {
    let result = std::panic::catch_unwind(|| docx_rs::read_docx(bytes));
    match result {
        Ok(Ok(docx)) => Ok(docx),
        Ok(Err(e)) => Err(bad(format_args!("the Word reader refused the file: {e}"))),
        Err(_) => Err(bad("the Word reader could not read the file (damaged XML)")),
    }
}
