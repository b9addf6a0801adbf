//! How the PDF file itself is produced: the one place that knows we build
//! objects with `lopdf`, compress streams with `flate2` at our own level and
//! pack small objects into object streams.
//!
//! Why this path (see `pdf-speed.md`): printpdf's per-glyph operations and
//! lopdf's always-best compression dominated the old write; writing content
//! streams as bytes and compressing them at level 6 is several times faster
//! for nearly the same size. Object streams shrink the hundreds of small
//! structure-element dictionaries a tagged report has.

use crate::error::Error;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Document, Object, ObjectId, SaveOptions, Stream, StringFormat};
use std::io::Write;

/// Deflate level for every stream we compress (fonts, pages, images).
const LEVEL: u32 = 6;

/// The trailer `/ID` written first and replaced by a hash of the file.
const ID_PLACEHOLDER: [u8; 16] = [0xA5; 16];

/// A PDF file under construction.
pub(super) struct PdfFile {
    doc: Document,
}

impl PdfFile {
    pub(super) fn new() -> PdfFile {
        let mut doc = Document::with_version("1.7");
        // A fixed binary mark: the default is fine, but say so.
        doc.binary_mark = vec![0xE2, 0xE3, 0xCF, 0xD3];
        PdfFile { doc }
    }

    /// A fresh object number, in call order: the caller's order fixes numbering.
    pub(super) fn reserve(&mut self) -> ObjectId {
        self.doc.new_object_id()
    }

    /// Puts an object at a reserved number.
    pub(super) fn set(&mut self, id: ObjectId, object: impl Into<Object>) {
        self.doc.objects.insert(id, object.into());
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
        self.set(
            id,
            Stream::new(dict, deflate(data)?).with_compression(false),
        );
        Ok(id)
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
        self.doc.trailer.set("Root", catalog);
        self.doc.trailer.set("Info", info);
        let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
        self.doc
            .trailer
            .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
        let options = SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(LEVEL)
            .build();
        let mut out = Vec::new();
        self.doc
            .save_with_options(&mut out, options)
            .map_err(|e| Error::Pdf(format!("serialising: {e}")))?;
        patch_id(&mut out)?;
        Ok(out)
    }
}

/// Deflates at [`LEVEL`].
pub(super) fn deflate(data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut enc = ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        Compression::new(LEVEL),
    );
    enc.write_all(data)
        .and_then(|()| enc.finish())
        .map_err(|e| Error::Pdf(format!("deflate: {e}")))
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

/// A PDF name object.
pub(super) fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}
