//! How the PDF file itself is produced: every object is written by
//! `pdf-writer` (typed dictionaries, straight into bytes), streams are
//! deflated here at our own level, and the small objects are packed into
//! object streams with a compressed cross-reference stream.
//!
//! `pdf-writer` writes objects but not object streams (its `Pdf` lists
//! every object in the cross-reference as a byte offset). A tagged report
//! has a dictionary per structure element, annotation and bookmark; packed
//! and deflated together they take about a third of the bytes (the sample:
//! see `BENCHMARKS.md`). So non-stream objects go to a side chunk, and every
//! [`PER_OBJECT_STREAM`] of them are moved into one object stream; only the
//! cross-reference stream is assembled here, as `pdf-writer` has no entry
//! kind for an object inside an object stream.
//!
//! Memory: objects are bytes as soon as they are written, and at most
//! [`PER_OBJECT_STREAM`] of them are held uncompressed, so a long report
//! costs its compressed size plus twelve bytes of cross-reference per object.

use crate::error::Error;
use crate::parallel::Deflater;
use pdf_writer::{Chunk, Filter, Name, Ref, Settings, Str};

/// Deflate level for every stream we compress (fonts, pages, images, object
/// streams). Measured on the sample (7 pages, release, one thread, zlib-rs):
/// level 2 40.0 KB, 3 38.6 KB, 5 37.7 KB. Level 2 is zlib's "fast" strategy
/// (no lazy matching): about 0.3 ms less per render than 3 on a 3 ms render,
/// for 4% more bytes, and the sample stays under its 45 KB budget. Level 1
/// (static Huffman codes) costs half again the size.
const LEVEL: u32 = 2;

/// Objects per object stream: small enough that a reader looking up one
/// object inflates little, large enough that streams compress well.
const PER_OBJECT_STREAM: usize = 100;

/// Compact output: no indentation or line breaks inside dictionaries.
const SETTINGS: Settings = Settings { pretty: false };

/// Where each object number is found.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At a byte offset in the body (after the header).
    Direct(usize),
    /// The `index`th object of object stream `container`.
    Packed { container: i32, index: u32 },
}

/// A PDF file under construction.
pub(super) struct PdfFile {
    /// Stream objects, and the object streams holding the rest, in the
    /// order written: the file's body.
    body: Chunk,
    /// Non-stream objects not yet packed, as written.
    small: Chunk,
    /// Each object in `small`: its number and where it starts.
    pending: Vec<(Ref, usize)>,
    /// Cross-reference entry by object number.
    entries: Vec<Entry>,
    next: i32,
    /// One compressor for every stream written here, taken at the first:
    /// by then the page streams' compressors are spare.
    deflater: Option<Deflater>,
    /// A failure while packing, reported by [`PdfFile::finish`].
    failed: Option<Error>,
}

/// A compressor for streams made outside the file (on another thread), at
/// the file's own level.
pub(super) fn deflater() -> Deflater {
    Deflater::new(LEVEL, true)
}

impl PdfFile {
    pub(super) fn new() -> PdfFile {
        PdfFile {
            body: Chunk::with_settings_and_capacity(SETTINGS, 64 * 1024),
            small: Chunk::with_settings(SETTINGS),
            pending: Vec::with_capacity(PER_OBJECT_STREAM),
            entries: vec![Entry::Free],
            next: 1,
            deflater: None,
            failed: None,
        }
    }

    /// A fresh object number, in call order: the caller's order fixes numbering.
    pub(super) fn reserve(&mut self) -> Ref {
        let id = Ref::new(self.next);
        self.next += 1;
        self.entries.push(Entry::Free);
        id
    }

    /// Where to write the non-stream object `id`: the caller writes exactly
    /// that one object (`file.obj(id).struct_element(id)…`). It goes into an
    /// object stream.
    pub(super) fn obj(&mut self, id: Ref) -> &mut Chunk {
        if self.pending.len() >= PER_OBJECT_STREAM {
            self.pack();
        }
        self.pending.push((id, self.small.len()));
        &mut self.small
    }

    /// Where to write the stream object `id`: the caller writes exactly that
    /// one stream (`file.stream_obj(id).stream(id, &data)…`).
    pub(super) fn stream_obj(&mut self, id: Ref) -> &mut Chunk {
        self.entries[id.get() as usize] = Entry::Direct(self.body.len());
        &mut self.body
    }

    /// Adds a stream with no entries but its filter, of data deflated
    /// already (by [`PdfFile::deflate`] or a [`deflater`] of its own).
    pub(super) fn add_packed(&mut self, packed: &[u8]) -> Ref {
        let id = self.reserve();
        self.stream_obj(id)
            .stream(id, packed)
            .filter(Filter::FlateDecode);
        id
    }

    /// Deflates at [`LEVEL`] (zlib format, as `FlateDecode` wants).
    pub(super) fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        self.deflater
            .get_or_insert_with(deflater)
            .deflate(data)
            .map_err(Error::Pdf)
    }

    /// Moves the pending small objects into one object stream in the body.
    fn pack(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let container = self.reserve();
        let bytes = self.small.as_bytes();
        let mut offsets = Vec::with_capacity(self.pending.len() * 10);
        let mut objects = Vec::with_capacity(bytes.len());
        for (index, &(id, start)) in self.pending.iter().enumerate() {
            let end = self.pending.get(index + 1).map_or(bytes.len(), |p| p.1);
            // As `pdf-writer` wrote it: "N 0 obj\n", the object, "\nendobj\n".
            let written = &bytes[start..end];
            let from = written
                .iter()
                .position(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let to = written.len().saturating_sub(b"\nendobj\n".len()).max(from);
            self.entries[id.get() as usize] = Entry::Packed {
                container: container.get(),
                index: index as u32,
            };
            int(&mut offsets, i64::from(id.get()));
            offsets.push(b' ');
            int(&mut offsets, objects.len() as i64);
            offsets.push(b' ');
            objects.extend_from_slice(&written[from..to]);
            objects.push(b'\n');
        }
        let count = self.pending.len();
        self.pending.clear();
        self.small = Chunk::with_settings(SETTINGS);
        let first = offsets.len();
        offsets.extend_from_slice(&objects);
        drop(objects);
        let packed = match self.deflate(&offsets) {
            Ok(packed) => packed,
            Err(e) => {
                self.failed.get_or_insert(e);
                return;
            }
        };
        self.entries[container.get() as usize] = Entry::Direct(self.body.len());
        let mut stream = self.body.stream(container, &packed);
        stream.pair(Name(b"Type"), Name(b"ObjStm"));
        stream.pair(Name(b"N"), count as i32);
        stream.pair(Name(b"First"), first as i32);
        stream.filter(Filter::FlateDecode);
    }

    /// Writes the file: catalog and info in the trailer, `/ID` from a hash
    /// of everything before it, so equal documents give equal bytes.
    pub(super) fn finish(mut self, catalog: Ref, info: Ref) -> Result<Vec<u8>, Error> {
        self.pack();
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let xref_id = self.reserve();
        // The comment of high bytes after the header marks the file as binary.
        const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
        let base = HEADER.len();
        let mut out = Vec::with_capacity(base + self.body.len() + self.entries.len() * 8 + 256);
        out.extend_from_slice(HEADER);
        out.extend_from_slice(self.body.as_bytes());
        self.body = Chunk::new();
        let id = hash128(&out);

        // The cross-reference stream lists itself too.
        let xref_at = out.len();
        self.entries[xref_id.get() as usize] = Entry::Direct(xref_at - base);
        let offset_bytes = bytes_for(xref_at.max(1) as u64);
        let mut table = Vec::with_capacity(self.entries.len() * (1 + offset_bytes + 2));
        for (n, entry) in self.entries.iter().enumerate() {
            let (kind, field2, field3): (u8, u64, u16) = match *entry {
                Entry::Free => (0, 0, if n == 0 { 65535 } else { 0 }),
                Entry::Direct(at) => (1, (at + base) as u64, 0),
                Entry::Packed { container, index } => (2, container as u64, index as u16),
            };
            table.push(kind);
            table.extend_from_slice(&field2.to_be_bytes()[8 - offset_bytes..]);
            table.extend_from_slice(&field3.to_be_bytes());
        }
        let packed = self.deflate(&table)?;
        let size = i32::try_from(self.entries.len())
            .map_err(|_| Error::Pdf("more objects than a PDF can number".into()))?;
        let mut tail = Chunk::with_settings(SETTINGS);
        {
            let mut xref = tail.stream(xref_id, &packed);
            xref.pair(Name(b"Type"), Name(b"XRef"));
            xref.pair(Name(b"Size"), size);
            xref.insert(Name(b"W"))
                .array()
                .items([1, offset_bytes as i32, 2]);
            xref.pair(Name(b"Root"), catalog);
            xref.pair(Name(b"Info"), info);
            xref.insert(Name(b"ID"))
                .array()
                .item(Str(&id))
                .item(Str(&id));
            xref.filter(Filter::FlateDecode);
        }
        out.extend_from_slice(tail.as_bytes());
        out.extend_from_slice(b"startxref\n");
        int(&mut out, xref_at as i64);
        out.extend_from_slice(b"\n%%EOF\n");
        Ok(out)
    }
}

/// Bytes needed to hold `n` (an offset or object number), at least 1.
fn bytes_for(n: u64) -> usize {
    (8 - n.leading_zeros() as usize / 8).max(1)
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

/// A 128-bit FNV-1a style hash: identifies a file, not a security measure.
pub(super) fn hash128(data: &[u8]) -> [u8; 16] {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &byte in data {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3);
        b = (b ^ u64::from(byte))
            .wrapping_mul(0x0000_0100_0000_01B3)
            .rotate_left(5);
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

/// A PDF real; NaN and infinities (which PDF cannot hold, and `pdf-writer`
/// would write as `NaN` and `inf`) become 0.
pub(super) fn real(v: f32) -> f32 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::PdfFile;
    use pdf_writer::TextStr;
    use std::io::Read;

    #[test]
    fn one_reused_compressor_round_trips_streams_of_any_size() {
        let mut file = PdfFile::new();
        let mut noise = Vec::with_capacity(1 << 20);
        let mut x: u32 = 12345;
        for _ in 0..(1 << 20) {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        for data in [&b""[..], b"BT /F1 12 Tf ET", &noise, &[b'a'; 100_000][..]] {
            let packed = file.deflate(data).unwrap();
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&packed[..])
                .read_to_end(&mut back)
                .unwrap();
            assert!(back == data, "{} bytes", data.len());
        }
    }

    #[test]
    fn a_file_reads_back_with_every_object_packed_or_not() {
        let mut file = PdfFile::new();
        let catalog = file.reserve();
        let pages = file.reserve();
        file.obj(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>().pages(pages);
        file.obj(pages).pages(pages).count(0);
        let packed = file.deflate(b"BT ET").unwrap();
        let stream = file.add_packed(&packed);
        // More than one object stream's worth, strings with delimiters and
        // line ends among them.
        let strings: Vec<_> = (0..250).map(|_| file.reserve()).collect();
        for (i, &id) in strings.iter().enumerate() {
            file.obj(id)
                .indirect(id)
                .primitive(TextStr(&format!("({i})\nendobj\n’")));
        }
        let info = file.reserve();
        file.obj(info)
            .indirect(info).start::<pdf_writer::writers::DocumentInfo>()
            .title(TextStr("Cabinet"));
        let bytes = file.finish(catalog, info).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let cat = doc.catalog().unwrap();
        assert_eq!(cat.get(b"Type").unwrap().as_name().unwrap(), b"Catalog");
        let last = doc
            .get_object((strings[249].get() as u32, 0))
            .unwrap();
        assert_eq!(
            lopdf::decode_text_string(last).unwrap(),
            "(249)\nendobj\n’"
        );
        let s = doc
            .get_object((stream.get() as u32, 0))
            .unwrap()
            .as_stream()
            .unwrap();
        assert_eq!(s.decompressed_content().unwrap(), b"BT ET");
        // Same input, same bytes.
        let again = {
            let mut file = PdfFile::new();
            let catalog = file.reserve();
            let pages = file.reserve();
            file.obj(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>().pages(pages);
            file.obj(pages).pages(pages).count(0);
            let info = file.reserve();
            file.obj(info).indirect(info).start::<pdf_writer::writers::DocumentInfo>();
            file.finish(catalog, info).unwrap()
        };
        let once_more = {
            let mut file = PdfFile::new();
            let catalog = file.reserve();
            let pages = file.reserve();
            file.obj(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>().pages(pages);
            file.obj(pages).pages(pages).count(0);
            let info = file.reserve();
            file.obj(info).indirect(info).start::<pdf_writer::writers::DocumentInfo>();
            file.finish(catalog, info).unwrap()
        };
        assert_eq!(again, once_more);
    }
}
