//! Removes TrueType hinting from a subset font: the `fpgm`, `prep` and
//! `cvt ` tables and every glyph's instructions.
//!
//! Hinting adjusts outlines to a screen's pixel grid at small sizes; PDF
//! viewers scale pages freely and mostly render unhinted anyway, while the
//! instructions are more than half of a subset Liberation Sans. Without them
//! the fonts in a report shrink from ~12 KB to ~5 KB each. The outlines are
//! untouched.
//!
//! The subsetter (`subsetter`) keeps hinting and the `name` table, so this
//! still pays, measured on the sample report's PDF (two faces): 55,732 bytes
//! subset only; 40,953 with hinting removed; 39,949 with `name` dropped too
//! (copyright strings no PDF reader uses). Before, with allsorts: 40,011.

/// Tables dropped whole: the hinting programs, and `name`.
const DROPPED: [&[u8; 4]; 4] = [b"fpgm", b"prep", b"cvt ", b"name"];

/// The font without hinting, or an error naming what is malformed.
pub(super) fn unhint(font: &[u8]) -> Result<Vec<u8>, String> {
    let tables = directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.0 == tag).map(|t| t.1);
    let (Some(head), Some(loca), Some(glyf), Some(maxp)) =
        (find(b"head"), find(b"loca"), find(b"glyf"), find(b"maxp"))
    else {
        return Err("not a TrueType font (head, loca, glyf or maxp missing)".into());
    };
    let long_loca = read_u16(head, 50)? == 1;
    let glyph_count = usize::from(read_u16(maxp, 4)?);
    let offset = |i: usize| -> Result<usize, String> {
        if long_loca {
            Ok(read_u32(loca, i * 4)? as usize)
        } else {
            Ok(usize::from(read_u16(loca, i * 2)?) * 2)
        }
    };

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity((glyph_count + 1) * 4);
    for i in 0..glyph_count {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end > start {
            let glyph = glyf
                .get(start..end)
                .ok_or_else(|| format!("glyph {i} lies outside glyf"))?;
            strip_glyph(glyph, &mut new_glyf).map_err(|e| format!("glyph {i}: {e}"))?;
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)
        .ok_or("head too short")?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head
        .get_mut(8..12)
        .ok_or("head too short")?
        .copy_from_slice(&[0; 4]);
    let mut new_maxp = maxp.to_vec();
    if new_maxp.len() >= 28 {
        // maxSizeOfInstructions
        new_maxp[26..28].copy_from_slice(&[0, 0]);
    }

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        if DROPPED.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            b"maxp" => std::mem::take(&mut new_maxp),
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    Ok(assemble(out_tables))
}

/// Copies one glyph without its instructions.
fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let contours = read_u16(glyph, 0)? as i16;
    if contours >= 0 {
        let n = contours as usize;
        let ins_at = 10 + 2 * n;
        let ins_len = usize::from(read_u16(glyph, ins_at)?);
        let rest = glyph
            .get(ins_at + 2 + ins_len..)
            .ok_or("instructions run past the glyph")?;
        out.extend_from_slice(&glyph[..ins_at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Ok(());
    }
    // Composite: copy the components, clearing WE_HAVE_INSTRUCTIONS, and
    // leave off the instructions that follow them.
    let begin = out.len();
    let mut at = 10;
    loop {
        let flags = read_u16(glyph, at)?;
        let mut len = 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        len += match () {
            _ if flags & 0x0008 != 0 => 2,
            _ if flags & 0x0040 != 0 => 4,
            _ if flags & 0x0080 != 0 => 8,
            _ => 0,
        };
        at += len;
        if at > glyph.len() {
            return Err("component runs past the glyph".into());
        }
        if flags & 0x0020 == 0 {
            break;
        }
    }
    out.extend_from_slice(&glyph[..at]);
    // Clear the flag in every component record.
    let mut p = begin + 10;
    loop {
        let flags = u16::from_be_bytes([out[p], out[p + 1]]) & !0x0100;
        out[p..p + 2].copy_from_slice(&flags.to_be_bytes());
        let mut len = 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        len += match () {
            _ if flags & 0x0008 != 0 => 2,
            _ if flags & 0x0040 != 0 => 4,
            _ if flags & 0x0080 != 0 => 8,
            _ => 0,
        };
        p += len;
        if flags & 0x0020 == 0 {
            break;
        }
    }
    Ok(())
}

/// A table's tag and bytes.
type Table<'a> = ([u8; 4], &'a [u8]);

/// The table directory: (tag, data) in file order of the records.
fn directory(font: &[u8]) -> Result<Vec<Table<'_>>, String> {
    let count = usize::from(read_u16(font, 4)?);
    (0..count)
        .map(|i| {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = font
                .get(rec..rec + 4)
                .ok_or("table directory cut short")?
                .try_into()
                .map_err(|_| "tag")?;
            let offset = read_u32(font, rec + 8)? as usize;
            let len = read_u32(font, rec + 12)? as usize;
            let data = font.get(offset..offset + len).ok_or_else(|| {
                format!(
                    "table {} lies outside the file",
                    String::from_utf8_lossy(&tag)
                )
            })?;
            Ok((tag, data))
        })
        .collect()
}

/// Writes an sfnt with the given tables (sorted by tag), checksums and
/// `head.checkSumAdjustment` set.
fn assemble(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|a| a.0);
    let n = tables.len() as u16;
    let pow = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let search_range = (1u16 << pow) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&pow.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn read_u16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| format!("cut short at byte {at}"))
}

fn read_u32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| format!("cut short at byte {at}"))
}

#[cfg(test)]
mod tests {
    use super::unhint;
    use crate::fonts::{Face, FontSet};

    /// Every point of an outline, in order.
    #[derive(Default, PartialEq, Debug)]
    struct Points(Vec<f32>);
    impl ttf_parser::OutlineBuilder for Points {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.extend([-1.0, x, y]);
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.extend([x, y]);
        }
        fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
            self.0.extend([a, b, x, y]);
        }
        fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
            self.0.extend([a, b, c, d, x, y]);
        }
        fn close(&mut self) {
            self.0.push(-2.0);
        }
    }

    #[test]
    fn outlines_and_metrics_survive_and_hinting_goes() {
        let fonts = FontSet::default_fonts();
        for face in Face::ALL {
            let original = &fonts.get(face).bytes;
            let stripped = unhint(original).unwrap();
            assert!(
                stripped.len() < original.len() * 3 / 4,
                "{face:?}: {} → {}",
                original.len(),
                stripped.len()
            );
            let a = ttf_parser::Face::parse(original, 0).unwrap();
            let b = ttf_parser::Face::parse(&stripped, 0).unwrap();
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            for table in [b"fpgm", b"prep", b"cvt "] {
                assert!(b
                    .raw_face()
                    .table(ttf_parser::Tag::from_bytes(table))
                    .is_none());
            }
            for g in 0..a.number_of_glyphs() {
                let id = ttf_parser::GlyphId(g);
                let (mut x, mut y) = (Points::default(), Points::default());
                assert_eq!(
                    a.outline_glyph(id, &mut x),
                    b.outline_glyph(id, &mut y),
                    "{face:?} glyph {g}"
                );
                assert_eq!(x, y, "{face:?} glyph {g}");
                assert_eq!(a.glyph_hor_advance(id), b.glyph_hor_advance(id));
            }
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"\x00\x01\x00\x00\x00\x05", &[0xFF; 64]] {
            assert!(unhint(bytes).is_err());
        }
    }
}
