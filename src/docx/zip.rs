//! The zip container of a Word file, written directly.
//!
//! A Word file is a dozen small parts. The `zip` crate sets up a fresh
//! deflate stream for each (allocating and clearing its tables every time),
//! which was over half the time of a whole DOCX render; here one compressor
//! is reset between parts. Deflating is still half a Word file's time, so a
//! file of 32 KB or more is deflated on two threads, each taking the next
//! part (`crate::parallel`); the bytes are the same either way. The format written is the plain subset every
//! reader takes: deflated entries with sizes in the local headers, no data
//! descriptors, no Zip64, a fixed timestamp (1 January 1980) and fixed
//! permissions, so equal parts give equal bytes.

use crate::parallel::{map_split, Deflater};

/// Deflate level: on the sample, level 3 gives 17.0 KB against 16.5 KB at
/// level 6 (well within the 25 KB budget), for much less compression work.
const LEVEL: u32 = 3;

/// 1980-01-01 00:00 in MS-DOS date and time form, the earliest zip can hold.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// `rw-r--r--` regular file, in the high half of the external attributes.
const UNIX_FILE: u32 = 0o100_644 << 16;

/// Made by Unix (3), format version 2.0, so readers apply the permissions.
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
const DEFLATED: u16 = 8;

/// Below this many bytes of parts, a second thread costs more than it saves.
const SPLIT_FROM: usize = 32 * 1024;

/// Zips `parts` (name, bytes) in the order given, each deflated.
pub(super) fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let total: usize = parts.iter().map(|(_, b)| b.len()).sum();
    let packed = map_split(
        parts,
        SPLIT_FROM,
        |(_, bytes)| bytes.len(),
        || Deflater::new(LEVEL, false),
        |deflater, (_, bytes)| deflater.deflate(bytes),
    )?;
    let mut out = Vec::with_capacity(total / 3 + 1024);
    let mut central = Vec::with_capacity(parts.len() * 80);
    for ((name, bytes), packed) in parts.iter().zip(packed) {
        let offset = size(out.len(), "the Word file")?;
        let entry = Entry {
            name: name.as_bytes(),
            crc: crc32fast::hash(bytes),
            packed: size(packed.len(), name)?,
            unpacked: size(bytes.len(), name)?,
        };
        let name_len = u16::try_from(entry.name.len())
            .map_err(|_| format!("the part name {name} is too long"))?;

        put32(&mut out, 0x0403_4b50);
        put16(&mut out, NEEDED);
        entry.common(&mut out, name_len);
        out.extend_from_slice(entry.name);
        out.extend_from_slice(&packed);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, MADE_BY);
        put16(&mut central, NEEDED);
        entry.common(&mut central, name_len);
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, UNIX_FILE);
        put32(&mut central, offset);
        central.extend_from_slice(entry.name);
    }
    let count = u16::try_from(parts.len()).map_err(|_| "too many parts".to_string())?;
    let central_at = size(out.len(), "the Word file")?;
    let central_len = size(central.len(), "the Word file's directory")?;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_len);
    put32(&mut out, central_at);
    put16(&mut out, 0); // comment length
    Ok(out)
}

struct Entry<'a> {
    name: &'a [u8],
    crc: u32,
    packed: u32,
    unpacked: u32,
}

impl Entry<'_> {
    /// The fields local and central headers share, from the flags on.
    fn common(&self, out: &mut Vec<u8>, name_len: u16) {
        put16(out, 0); // flags: names are ASCII, sizes known up front
        put16(out, DEFLATED);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, self.crc);
        put32(out, self.packed);
        put32(out, self.unpacked);
        put16(out, name_len);
        put16(out, 0); // extra field length
    }
}

/// A size or offset as zip's 32 bits; beyond that would need Zip64, which
/// no Word file of a report comes near.
fn size(n: usize, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what} is over 4 GB, too large for a Word file"))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::zip;
    use std::io::Read;

    #[test]
    fn a_standard_reader_gets_every_part_back() {
        let noise: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let parts = vec![
            ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
            ("word/empty.xml".to_string(), Vec::new()),
            ("word/media/noise.bin".to_string(), noise.clone()),
        ];
        let bytes = zip(&parts).unwrap();
        assert!(bytes == zip(&parts).unwrap(), "deterministic");
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        for (i, (name, data)) in parts.iter().enumerate() {
            let mut file = archive.by_index(i).unwrap();
            assert_eq!(file.name(), name);
            assert_eq!(file.unix_mode(), Some(0o100_644));
            let mut back = Vec::new();
            file.read_to_end(&mut back).unwrap();
            assert!(&back == data, "{name}");
        }
    }
}
