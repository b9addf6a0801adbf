//! Image files for tests: real ones, and hostile ones built byte by byte.

use std::io::Write;

/// A real PNG of `w` × `h` pixels, with some noise so it does not compress to nothing.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img =
        image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 13) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A real JPEG of `w` × `h` pixels, one colour.
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([0, 80, 160]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A decompression bomb: a valid PNG of `w` × `h` RGBA pixels, all zero, so
/// the file is a tiny fraction of the memory decoding it takes. Rows are
/// streamed through the compressor so making it costs no more memory.
pub fn bomb(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let row = vec![0u8; 1 + 4 * w as usize];
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A PNG whose header declares `w` × `h` pixels, followed by a few bytes of
/// image data: what an attacker sends when the header alone should stop us.
pub fn declared(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&[0u8; 4096]).unwrap();
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A TIFF block (what EXIF is) saying `orientation`, followed by `extra`
/// (say, a GPS position as text) so a test can look for it in the output.
pub fn exif(orientation: u16, extra: &[u8]) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes());
    // Tag 0x0112 (Orientation), type SHORT, count 1, value.
    t.extend_from_slice(&0x0112u16.to_le_bytes());
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&orientation.to_le_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(extra);
    t
}

/// `jpeg` with segments inserted after its start marker, each (marker, body).
pub fn jpeg_with(jpeg: &[u8], segments: &[(u8, &[u8])]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, body) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `png` with chunks inserted after its header chunk, each (kind, data).
pub fn png_with(png: &[u8], chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let ihdr_end = 8 + 12 + 13;
    let mut out = png[..ihdr_end].to_vec();
    for (kind, data) in chunks {
        chunk(&mut out, kind, data);
    }
    out.extend_from_slice(&png[ihdr_end..]);
    out
}

/// A real JPEG of `w` × `h` pixels whose left half is black and right half
/// white, with detail in every block so damage to its scan shows.
pub fn jpeg_halves(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        // Dark or light, with a little texture in every block.
        let v = if x < w / 2 { 0 } else { 200 } + ((x * 7 + y * 3) % 40) as u8;
        image::Rgb([v, v, v])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}
