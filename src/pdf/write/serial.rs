//! Objects to bytes: the file's body, object streams and cross-reference
//! stream.
//!
//! lopdf holds the objects while the writer builds them; this module, not
//! lopdf's `save`, turns them into the file. lopdf's writer formats each
//! token through `dyn Write` and compresses object streams at its own level;
//! a tagged report has hundreds of small structure dictionaries, and writing
//! them was a fifth of a render. Here everything goes straight into one
//! buffer, and every stream is deflated by the caller's compressor.
//!
//! Layout of the file: header, every stream object (in object-number order),
//! the other objects packed into object streams of at most
//! [`PER_OBJECT_STREAM`], then the cross-reference stream, whose dictionary
//! is the trailer.

use lopdf::{Dictionary, Object, StringFormat};

/// Objects per object stream: small enough that a reader looking up one
/// object inflates little, large enough that streams compress well.
const PER_OBJECT_STREAM: usize = 100;

/// Where each object number is found.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At a byte offset in the file.
    Direct(usize),
    /// The `index`th object of object stream `container`.
    Packed {
        container: u32,
        index: u32,
    },
}

/// Compresses one stream's bytes (zlib format, for `FlateDecode`).
pub(super) type Deflate<'a> = dyn FnMut(&[u8]) -> Result<Vec<u8>, String> + 'a;

/// Writes `objects` (index = object number; index 0 and `None` are free) as
/// a complete PDF file, with `trailer`'s entries (Root,
/// Info, ID) in the cross-reference stream. `deflate` compresses a stream.
pub(super) fn file(
    version: &str,
    binary_mark: &[u8],
    objects: &[Option<Object>],
    trailer: &Dictionary,
    deflate: &mut Deflate<'_>,
) -> Result<Vec<u8>, String> {
    let max_id = u32::try_from(objects.len().max(1) - 1)
        .map_err(|_| "more objects than a PDF can number".to_string())?;
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(b"\n%");
    out.extend_from_slice(binary_mark);
    out.push(b'\n');

    let mut entries = vec![Entry::Free; max_id as usize + 1];
    let mut packable = Vec::new();
    for (id, object) in objects.iter().enumerate().skip(1) {
        let Some(object) = object else { continue };
        let id = id as u32;
        match object {
            Object::Stream(stream) => {
                entries[id as usize] = Entry::Direct(out.len());
                indirect(&mut out, id, |out| {
                    stream_object(out, &stream.dict, &stream.content)
                });
            }
            _ => packable.push((id, object)),
        }
    }

    let mut next = max_id + 1;
    for chunk in packable.chunks(PER_OBJECT_STREAM) {
        let container = next;
        next += 1;
        let mut offsets = Vec::with_capacity(chunk.len() * 8);
        let mut body = Vec::with_capacity(chunk.len() * 64);
        for (index, &(id, object)) in chunk.iter().enumerate() {
            entries[id as usize] = Entry::Packed {
                container,
                index: index as u32,
            };
            int(&mut offsets, i64::from(id));
            offsets.push(b' ');
            int(&mut offsets, body.len() as i64);
            offsets.push(b' ');
            value(&mut body, object);
            body.push(b'\n');
        }
        let first = offsets.len();
        offsets.extend_from_slice(&body);
        let packed = deflate(&offsets)?;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", chunk.len() as i64);
        dict.set("First", first as i64);
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        entries.push(Entry::Direct(out.len()));
        indirect(&mut out, container, |out| {
            stream_object(out, &dict, &packed)
        });
    }

    // The cross-reference stream lists itself too.
    let xref_id = next;
    let xref_at = out.len();
    entries.push(Entry::Direct(xref_at));
    let offset_bytes = bytes_for(xref_at.max(1) as u64);
    let mut table = Vec::with_capacity(entries.len() * (1 + offset_bytes + 2));
    for entry in &entries {
        let (kind, field2, field3): (u8, u64, u16) = match *entry {
            Entry::Free => (0, 0, if table.is_empty() { 65535 } else { 0 }),
            Entry::Direct(at) => (1, at as u64, 0),
            Entry::Packed { container, index } => (2, u64::from(container), index as u16),
        };
        table.push(kind);
        table.extend_from_slice(&field2.to_be_bytes()[8 - offset_bytes..]);
        table.extend_from_slice(&field3.to_be_bytes());
    }
    let packed = deflate(&table)?;
    let mut dict = trailer.clone();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", entries.len() as i64);
    dict.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(offset_bytes as i64),
            Object::Integer(2),
        ]),
    );
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    indirect(&mut out, xref_id, |out| stream_object(out, &dict, &packed));
    out.extend_from_slice(b"startxref\n");
    int(&mut out, xref_at as i64);
    out.extend_from_slice(b"\n%%EOF\n");
    Ok(out)
}

/// Bytes needed to hold `n` (an offset or object number), at least 1.
fn bytes_for(n: u64) -> usize {
    (8 - n.leading_zeros() as usize / 8).max(1)
}

fn indirect(out: &mut Vec<u8>, id: u32, body: impl FnOnce(&mut Vec<u8>)) {
    int(out, i64::from(id));
    out.extend_from_slice(b" 0 obj\n");
    body(out);
    out.extend_from_slice(b"\nendobj\n");
}

fn stream_object(out: &mut Vec<u8>, dict: &Dictionary, content: &[u8]) {
    out.extend_from_slice(b"<<");
    for (key, v) in dict.iter() {
        if key.as_slice() == b"Length" {
            continue;
        }
        name(out, key);
        separate(out, v);
        value(out, v);
    }
    out.extend_from_slice(b"/Length ");
    int(out, content.len() as i64);
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
}

/// One object, written directly (a stream inside another object is not PDF).
pub(super) fn value(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => int(out, *v),
        Object::Real(v) => real(out, *v),
        Object::Name(n) => name(out, n),
        Object::String(bytes, StringFormat::Literal) => literal(out, bytes),
        Object::String(bytes, StringFormat::Hexadecimal) => hex(out, bytes),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    separate(out, item);
                }
                value(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, v) in dict.iter() {
                name(out, key);
                separate(out, v);
                value(out, v);
            }
            out.extend_from_slice(b">>");
        }
        // The writer never nests a stream; a reader would reject one.
        Object::Stream(_) => out.extend_from_slice(b"null"),
        Object::Reference((id, generation)) => {
            int(out, i64::from(*id));
            out.push(b' ');
            int(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

/// A space before `next` where the previous token would run into it.
fn separate(out: &mut Vec<u8>, next: &Object) {
    let delimited = matches!(
        next,
        Object::Name(_) | Object::String(..) | Object::Array(_) | Object::Dictionary(_)
    );
    if !delimited {
        out.push(b' ');
    }
}

fn name(out: &mut Vec<u8>, n: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'/');
    for &b in n {
        let regular = (0x21..0x7F).contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'#', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    bytes.iter().for_each(|&b| literal_byte(out, b));
    out.push(b')');
}

/// One byte inside a literal string: the delimiters and the escape
/// character escaped, and line ends too, which a reader would normalise.
pub(super) fn literal_byte(out: &mut Vec<u8>, b: u8) {
    match b {
        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\n' => out.extend_from_slice(b"\\n"),
        _ => out.push(b),
    }
}

fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for &b in bytes {
        out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }
    out.push(b'>');
}

/// A decimal integer.
pub(super) fn int(out: &mut Vec<u8>, v: i64) {
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[at..]);
}

/// A real in its shortest exact form (Rust never writes an exponent, which
/// PDF lacks); NaN and infinities, which PDF cannot hold, become 0.
fn real(out: &mut Vec<u8>, v: f32) {
    use std::io::Write;
    let v = if v.is_finite() { v } else { 0.0 };
    let _ = write!(out, "{v}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        value(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn values_are_written_as_pdf_syntax() {
        assert_eq!(written(&Object::Real(12.5)), "12.5");
        assert_eq!(written(&Object::Real(-1.25)), "-1.25");
        assert_eq!(written(&Object::Real(f32::NAN)), "0");
        assert_eq!(written(&Object::Real(595.2756)), "595.2756");
        assert_eq!(written(&Object::Name(b"A B#".to_vec())), "/A#20B#23");
        assert_eq!(
            written(&Object::String(b"a(b)\\\r".to_vec(), StringFormat::Literal)),
            "(a\\(b\\)\\\\\\r)"
        );
        assert_eq!(
            written(&Object::Array(vec![
                Object::Integer(-3),
                Object::Reference((7, 0)),
                Object::Name(b"N".to_vec()),
                Object::Boolean(true),
            ])),
            "[-3 7 0 R/N true]"
        );
        assert_eq!(
            written(&Object::Dictionary(dictionary! { "K" => 1, "S" => "P" })),
            "<</K 1/S/P>>"
        );
    }

    #[test]
    fn a_file_reads_back_with_every_object() {
        let mut objects: Vec<Option<Object>> = vec![None; 250];
        objects[1] = Some(Object::Dictionary(
            dictionary! { "Type" => "Catalog", "Pages" => Object::Reference((2, 0)) },
        ));
        objects[2] = Some(Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0 },
        ));
        objects[3] = Some(Object::Stream(lopdf::Stream::new(
            Dictionary::new(),
            b"BT ET".to_vec(),
        )));
        for (i, slot) in objects.iter_mut().enumerate().skip(4) {
            *slot = Some(Object::String(
                format!("({i})").into_bytes(),
                StringFormat::Literal,
            ));
        }
        let mut trailer = Dictionary::new();
        trailer.set("Root", Object::Reference((1, 0)));
        let mut deflate = |data: &[u8]| -> Result<Vec<u8>, String> {
            use std::io::Write;
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(data).map_err(|e| e.to_string())?;
            e.finish().map_err(|e| e.to_string())
        };
        let bytes = file(
            "1.7",
            &[0xE2, 0xE3, 0xCF, 0xD3],
            &objects,
            &trailer,
            &mut deflate,
        )
        .unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(
            doc.catalog()
                .unwrap()
                .get(b"Type")
                .unwrap()
                .as_name()
                .unwrap(),
            b"Catalog"
        );
        assert_eq!(
            doc.get_object((249, 0)).unwrap().as_str().unwrap(),
            b"(249)"
        );
        assert_eq!(
            doc.get_object((3, 0)).unwrap().as_stream().unwrap().content,
            b"BT ET"
        );
    }
}
