//! Metadata taken out of image files before they are published.
//!
//! A photo carries where it was taken (EXIF GPS), the camera owner's name,
//! editing history (XMP), comments and thumbnails; a PNG carries text
//! chunks. None of it is part of the picture, and all of it would be copied
//! into the Word file and the PDF. So the files are rebuilt from the parts
//! that draw the picture, keeping the compressed image data byte for byte
//! (no re-encoding, no loss): a chunk or segment walk is linear in the file
//! and costs far less than the decode that follows it.

/// PNG chunks kept: those that draw the picture and the numeric colour
/// chunks a viewer uses to show it (none can hold words). Everything else
/// goes: text (`tEXt`, `zTXt`, `iTXt`), `eXIf`, `tIME`, `pHYs`, private
/// chunks, and `iCCP`, whose embedded profile can carry names and which the
/// PDF ignores anyway (it draws in DeviceRGB), so dropping it also keeps the
/// two formats' colours alike.
const PNG_KEPT: [&[u8; 4]; 8] = [
    b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB",
];

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// The PNG with only [`PNG_KEPT`] chunks, up to and including `IEND`
/// (anything appended after the end is dropped too). Chunks are copied
/// whole, CRC included, so the decoder still checks each one.
pub(super) fn png(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(cut_short("PNG"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut at = PNG_SIGNATURE.len();
    loop {
        let head = bytes.get(at..at + 8).ok_or_else(|| cut_short("PNG"))?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        let end = at
            .checked_add(12)
            .and_then(|a| a.checked_add(len))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| cut_short("PNG"))?;
        if PNG_KEPT.iter().any(|k| &k[..] == kind) {
            out.extend_from_slice(&bytes[at..end]);
        }
        if kind == b"IEND" {
            return Ok(out);
        }
        at = end;
    }
}

/// The JPEG with its comments (`COM`) and application segments (`APPn`)
/// removed, except the two a decoder needs to get the colours right: a JFIF
/// header (rewritten without its thumbnail) and Adobe's `APP14` (it says
/// whether the samples are YCbCr, RGB, CMYK or YCCK). `ICC_PROFILE` goes for
/// the reason `iCCP` does in a PNG. The scans are copied unchanged; bytes
/// after the end marker are dropped. A file without an end marker, or whose
/// segments run past its end, is refused: it was cut short.
pub(super) fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(cut_short("JPEG"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut at = 2;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err(cut_short("JPEG"));
        }
        // A marker may be preceded by any number of 0xFF fill bytes.
        while bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at + 1).ok_or_else(|| cut_short("JPEG"))?;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok(out);
            }
            // Markers without a length: TEM and stray restart markers.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                at += 2;
                continue;
            }
            0x00 | 0xD8 => return Err(cut_short("JPEG")),
            _ => {}
        }
        let len = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .filter(|&l| l >= 2)
            .ok_or_else(|| cut_short("JPEG"))?;
        let end = at + 2 + len;
        let segment = bytes.get(at..end).ok_or_else(|| cut_short("JPEG"))?;
        let body = &segment[4..];
        match marker {
            0xE0 => {
                if let Some(jfif) = bare_jfif(body) {
                    out.extend_from_slice(&jfif);
                }
            }
            0xEE if body.starts_with(b"Adobe") => out.extend_from_slice(segment),
            0xE1..=0xEF | 0xFE => {}
            _ => out.extend_from_slice(segment),
        }
        at = end;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is neither a
            // stuffed 0xFF00 nor a restart marker.
            let start = at;
            loop {
                match (bytes.get(at), bytes.get(at + 1)) {
                    (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => at += 2,
                    (Some(0xFF), Some(_)) => break,
                    (Some(_), _) => at += 1,
                    (None, _) => return Err(cut_short("JPEG")),
                }
            }
            out.extend_from_slice(&bytes[start..at]);
        }
    }
}

/// A JFIF header with the same version and pixel density but no thumbnail
/// (which can show a picture from before it was cropped); `None` for any
/// other `APP0` (JFXX thumbnails).
fn bare_jfif(body: &[u8]) -> Option<Vec<u8>> {
    if body.len() < 12 || !body.starts_with(b"JFIF\0") {
        return None;
    }
    let mut seg = vec![0xFF, 0xE0, 0x00, 0x10];
    seg.extend_from_slice(&body[..12]);
    seg.extend_from_slice(&[0, 0]);
    Some(seg)
}

/// The EXIF block (TIFF data) of the original file, if it has one: read
/// only for the orientation, before it is dropped. The walk stops at the
/// first scan or image data, where EXIF cannot follow.
pub(super) fn exif(bytes: &[u8], format: super::ImageFormat) -> Option<&[u8]> {
    match format {
        super::ImageFormat::Png => {
            let mut at = PNG_SIGNATURE.len();
            while let Some(head) = bytes.get(at..at + 8) {
                let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
                let body = bytes.get(at + 8..(at + 8).checked_add(len)?)?;
                match &head[4..8] {
                    b"eXIf" => return Some(body),
                    b"IDAT" | b"IEND" => return None,
                    _ => at += 12 + len,
                }
            }
            None
        }
        super::ImageFormat::Jpeg => {
            let mut at = 2;
            while let Some(&[0xFF, marker, hi, lo]) = bytes.get(at..at + 4) {
                let end = at + 2 + usize::from(u16::from_be_bytes([hi, lo]));
                let body = bytes.get(at + 4..end)?;
                match marker {
                    0xE1 if body.starts_with(b"Exif\0\0") => return Some(&body[6..]),
                    0xDA | 0xD9 => return None,
                    _ => at = end,
                }
            }
            None
        }
    }
}

fn cut_short(format: &str) -> String {
    format!(
        "the file cannot be read as a {format} image (it ends before the image does); \
         it may be damaged or cut short: export or save it again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(body);
        s
    }

    #[test]
    fn jpeg_keeps_the_picture_and_drops_the_rest() {
        let mut jfif = b"JFIF\0\x01\x02\x01\x00\x48\x00\x48\x02\x01".to_vec();
        jfif.extend_from_slice(&[7; 6]); // a 2 × 1 thumbnail
        let mut file = vec![0xFF, 0xD8];
        file.extend(segment(0xE0, &jfif));
        file.extend(segment(0xE1, b"Exif\0\0GPS 51.5N"));
        file.extend(segment(0xFE, b"Taken by J. Smith"));
        file.extend(segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01"));
        file.extend(segment(0xDB, &[0; 65]));
        file.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        file.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        file.extend_from_slice(&[0xFF, 0xD9]);
        file.extend_from_slice(b"appended secret");
        let clean = jpeg(&file).unwrap();
        let text = String::from_utf8_lossy(&clean);
        for gone in ["GPS", "Smith", "secret"] {
            assert!(!text.contains(gone), "{gone} left in");
        }
        assert!(text.contains("Adobe") && text.contains("JFIF"));
        assert!(clean.ends_with(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]));
        // Cut anywhere, it is refused rather than guessed at.
        for cut in [3, 30, file.len() - 20] {
            assert!(jpeg(&file[..cut]).is_err(), "cut at {cut}");
        }
    }
}
