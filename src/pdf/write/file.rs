//! How the PDF file itself is produced: the one place that knows we build
//! objects with `lopdf`, compress streams with `flate2` at our own level and
//! hand them to `serial`, which packs small objects into object streams.
//!
//! Why this path (see `pdf-speed.md`): printpdf's per-glyph operations and
//! lopdf's always-best compression dominated a printpdf `save()`; writing
//! content streams as bytes (the `content` module), subsetting fonts with the
//! subsetter printpdf itself uses (`embed`), and compressing at a chosen
//! level is several times faster for nearly the same size. Object streams
//! shrink the hundreds of small structure-element dictionaries a tagged
//! report has.

use crate::error::Error;
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// Deflate level for every stream we compress (fonts, pages, images, object
/// streams). Measured on the sample (7 pages, release, one thread, zlib-rs):
/// level 2 40.0 KB, 3 38.6 KB, 5 37.7 KB. Level 2 is zlib's "fast" strategy
/// (no lazy matching): about 0.3 ms less per render than 3 on a 3 ms render,
/// for 4% more bytes, and the sample stays under its 45 KB budget. Level 1
/// (static Huffman codes) costs half again the size.
const LEVEL: u32 = 2;

/// The trailer `/ID` written first and replaced by a hash of the file.
const ID_PLACEHOLDER: [u8; 16] = [0xA5; 16];

/// A PDF file under construction.
pub(super) struct PdfFile {
    /// Objects by number (index 0 is the free-list head, never an object).
    /// A vector, not a map: numbers are dense and given in order, and a
    /// long report has a hundred thousand structure elements.
    objects: Vec<Option<Object>>,
    /// One compressor for every stream: setting one up costs more than
    /// compressing a small stream, so it is reset rather than rebuilt.
    deflater: Compress,
}

impl PdfFile {
    pub(super) fn new() -> PdfFile {
        PdfFile {
            objects: vec![None],
            deflater: Compress::new(Compression::new(LEVEL), true),
        }
    }

    /// A fresh object number, in call order: the caller's order fixes numbering.
    pub(super) fn reserve(&mut self) -> ObjectId {
        self.objects.push(None);
        ((self.objects.len() - 1) as u32, 0)
    }

    /// Puts an object at a reserved number.
    pub(super) fn set(&mut self, id: ObjectId, object: impl Into<Object>) {
        let at = id.0 as usize;
        if self.objects.len() <= at {
            self.objects.resize(at + 1, None);
        }
        self.objects[at] = Some(object.into());
    }

    /// Adds an object under a new number.
    pub(super) fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        let id = self.reserve();
        self.set(id, object);
        id
    }

    /// Adds a stream, deflated.
    pub(super) fn add_deflated(
        &mut self,
        mut dict: Dictionary,
        data: &[u8],
    ) -> Result<ObjectId, Error> {
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let id = self.reserve();
        let deflated = self.deflate(data)?;
        self.set(id, Stream::new(dict, deflated).with_compression(false));
        Ok(id)
    }

    /// Deflates at [`LEVEL`] (zlib format, as `FlateDecode` wants).
    fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        self.deflater.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let before = self.deflater.total_in() as usize;
            let status = self
                .deflater
                .compress_vec(
                    &data[before.min(data.len())..],
                    &mut out,
                    FlushCompress::Finish,
                )
                .map_err(|e| Error::Pdf(format!("deflate: {e}")))?;
            match status {
                Status::StreamEnd => return Ok(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(1024)),
            }
        }
    }

    /// Adds a stream as given (already encoded, or meant to stay readable).
    pub(super) fn add_raw(&mut self, dict: Dictionary, data: Vec<u8>) -> ObjectId {
        let id = self.reserve();
        self.set(id, Stream::new(dict, data).with_compression(false));
        id
    }

    /// Writes the file: catalog and info in the trailer, `/ID` from a hash
    /// of everything else so equal documents give equal bytes.
    pub(super) fn finish(mut self, catalog: ObjectId, info: ObjectId) -> Result<Vec<u8>, Error> {
        let mut trailer = Dictionary::new();
        trailer.set("Root", catalog);
        trailer.set("Info", info);
        let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
        trailer.set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
        let objects = std::mem::take(&mut self.objects);
        // The comment of high bytes after the header marks the file as binary.
        let mark = [0xE2, 0xE3, 0xCF, 0xD3];
        let mut out = super::serial::file("1.7", &mark, &objects, &trailer, &mut |data| {
            self.deflate(data).map_err(|e| e.to_string())
        })
        .map_err(|e| Error::Pdf(format!("serialising: {e}")))?;
        patch_id(&mut out)?;
        Ok(out)
    }
}

#[cfg(test)]
impl PdfFile {
    /// An object so far, for tests.
    pub(super) fn get(&self, id: ObjectId) -> Option<&Object> {
        self.objects.get(id.0 as usize)?.as_ref()
    }
}

/// Replaces both placeholder ids (hex in the trailer dictionary) by a hash of
/// the file. The trailer is the last thing written, so search from the end.
fn patch_id(out: &mut [u8]) -> Result<(), Error> {
    let hex_of = |bytes: &[u8]| -> Vec<u8> {
        bytes
            .iter()
            .flat_map(|b| {
                let h = b"0123456789ABCDEF";
                [h[usize::from(b >> 4)], h[usize::from(b & 15)]]
            })
            .collect()
    };
    let needle = hex_of(&ID_PLACEHOLDER);
    let id = hex_of(&hash128(out));
    let mut found = 0;
    let mut end = out.len();
    while found < 2 {
        let Some(at) = out[..end]
            .windows(needle.len())
            .rposition(|w| w.eq_ignore_ascii_case(&needle))
        else {
            break;
        };
        out[at..at + needle.len()].copy_from_slice(&id);
        found += 1;
        end = at;
    }
    if found == 2 {
        Ok(())
    } else {
        Err(Error::Pdf("the trailer /ID was not written".into()))
    }
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

/// A PDF text string: literal when plain ASCII, else UTF-16BE with a BOM.
pub(super) fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A PDF real number; NaN and infinities (which PDF cannot hold) become 0.
pub(super) fn real(v: f32) -> Object {
    Object::Real(if v.is_finite() { v } else { 0.0 })
}

/// A PDF name object.
pub(super) fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::PdfFile;
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
    fn text_strings_are_literal_when_ascii_and_utf16_otherwise() {
        assert_eq!(
            super::text("Cabinet (2019)").as_str().unwrap(),
            b"Cabinet (2019)"
        );
        let s = super::text("Children’s");
        assert_eq!(&s.as_str().unwrap()[..4], &[0xFE, 0xFF, 0, b'C']);
        assert_eq!(lopdf::decode_text_string(&s).unwrap(), "Children’s");
    }
}
