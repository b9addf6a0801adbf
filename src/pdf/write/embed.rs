//! Embedded fonts: each used face as a subset TrueType CIDFont (Type 0,
//! Identity-H) with its widths and a ToUnicode map.

use super::file::PdfFile;
use super::glyphs::FaceGlyphs;
use crate::error::Error;
use crate::fonts::{Face, FontData};
use crate::parallel::Deflater;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Name, Rect, Ref, Str};

/// One face's streams, made before any object is written (on either of two
/// threads: see `streams`): the subset program and the ToUnicode map,
/// both deflated.
pub(super) struct Packed {
    program: Vec<u8>,
    /// The program's length before deflating (`/Length1`).
    program_len: usize,
    to_unicode: Vec<u8>,
}

/// Subsets `data` to `glyphs` and deflates its streams.
pub(super) fn pack(
    data: &FontData,
    glyphs: &FaceGlyphs,
    deflater: &mut Deflater,
) -> Result<Packed, Error> {
    let fail = |reason: String| Error::Font {
        name: data.name.clone(),
        reason,
    };
    let program = subset_program(&data.bytes, glyphs).map_err(fail)?;
    Ok(Packed {
        program: deflater.deflate(&program).map_err(Error::Pdf)?,
        program_len: program.len(),
        to_unicode: deflater
            .deflate(to_unicode_cmap(glyphs).as_bytes())
            .map_err(Error::Pdf)?,
    })
}

/// Writes one face's font objects around its packed streams; returns the
/// Type 0 font's id.
pub(super) fn embed(
    file: &mut PdfFile,
    face: Face,
    data: &FontData,
    glyphs: &FaceGlyphs,
    packed: &Packed,
) -> Result<Ref, Error> {
    let fail = |reason: String| Error::Font {
        name: data.name.clone(),
        reason,
    };
    let font = ttf_parser::Face::parse(&data.bytes, 0).map_err(|e| fail(e.to_string()))?;
    let per_em = f32::from(font.units_per_em());
    let scale = |v: f32| (v * 1000.0 / per_em).round();

    let base_font = format!(
        "{}+{}",
        subset_tag(face, glyphs),
        ps_name(&font, &data.name)
    );
    let base_font = Name(base_font.as_bytes());
    let program_id = file.reserve();
    file.stream_obj(program_id)
        .stream(program_id, &packed.program)
        .filter(Filter::FlateDecode)
        .pair(
            Name(b"Length1"),
            i32::try_from(packed.program_len).unwrap_or(i32::MAX),
        );

    let bbox = font.global_bounding_box();
    // Symbolic: glyphs are addressed by id, not by a standard encoding.
    let mut flags = FontFlags::SYMBOLIC;
    if font.is_italic() || font.is_oblique() {
        flags |= FontFlags::ITALIC;
    }
    let descriptor = file.reserve();
    file.obj(descriptor)
        .font_descriptor(descriptor)
        .name(base_font)
        .flags(flags)
        .bbox(Rect::new(
            scale(bbox.x_min.into()),
            scale(bbox.y_min.into()),
            scale(bbox.x_max.into()),
            scale(bbox.y_max.into()),
        ))
        .italic_angle(font.italic_angle())
        .ascent(scale(font.ascender().into()))
        .descent(scale(font.descender().into()))
        .cap_height(scale(
            font.capital_height().unwrap_or(font.ascender()).into(),
        ))
        .stem_v(if font.is_bold() { 120.0 } else { 80.0 })
        .font_file2(program_id);

    let cid_font = file.reserve();
    {
        let mut cid = file.obj(cid_font).cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(descriptor)
            .default_width(0.0);
        // Widths by new glyph id, consecutive ids grouped: [first [w w w] …].
        let mut widths = cid.widths();
        let mut group: Vec<f32> = Vec::new();
        let mut group_start = 0u16;
        let mut next = 0u16;
        for (_, g) in &glyphs.list {
            if group.is_empty() || g.new != next {
                if !group.is_empty() {
                    widths.consecutive(group_start, group.drain(..));
                }
                group_start = g.new;
            }
            group.push(g.width);
            next = g.new.wrapping_add(1);
        }
        if !group.is_empty() {
            widths.consecutive(group_start, group.drain(..));
        }
        drop(widths);
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let to_unicode = file.add_packed(&packed.to_unicode);
    let id = file.reserve();
    file.obj(id)
        .type0_font(id)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    Ok(id)
}

/// The subset font program. The subsetter numbers glyphs in the order they
/// are first given (`.notdef` is always 0), so they are given in exactly the
/// order [`super::glyphs::collect`] numbered them: by old id. Glyphs that
/// composite glyphs are built from come after them, unreferenced by the PDF.
fn subset_program(bytes: &[u8], glyphs: &FaceGlyphs) -> Result<Vec<u8>, String> {
    let mut ids = subsetter::GlyphRemapper::new();
    for &(old, ref g) in &glyphs.list {
        if ids.remap(old) != g.new {
            return Err(format!("glyph {old} would not keep its subset id {}", g.new));
        }
    }
    // CFF faces were refused when loaded (`fonts::outlines`).
    let program = subsetter::subset(bytes, 0, &ids).map_err(|e| format!("subsetting: {e}"))?;
    super::unhint::unhint(&program)
}

/// Six capitals naming this subset, fixed by the glyphs it holds.
fn subset_tag(face: Face, glyphs: &FaceGlyphs) -> String {
    let mut bytes = vec![face as u8];
    for &(old, _) in &glyphs.list {
        bytes.extend_from_slice(&old.to_be_bytes());
    }
    let h = super::file::hash128(&bytes);
    h[..6].iter().map(|b| char::from(b'A' + b % 26)).collect()
}

/// The font's PostScript name (any platform's record; Liberation's are Mac
/// Roman, which `to_string` does not decode), made safe as a PDF name:
/// printable ASCII, no delimiters.
fn ps_name(font: &ttf_parser::Face<'_>, fallback: &str) -> String {
    let name = font
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| {
            n.to_string().or_else(|| {
                n.name
                    .is_ascii()
                    .then(|| String::from_utf8_lossy(n.name).into_owned())
            })
        })
        .unwrap_or_else(|| fallback.to_string());
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .collect();
    if clean.is_empty() {
        "Font".into()
    } else {
        clean
    }
}

/// The ToUnicode CMap: new glyph id → canonical text (UTF-16BE).
fn to_unicode_cmap(glyphs: &FaceGlyphs) -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = glyphs.list.iter().map(|(_, g)| g).collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for g in chunk {
            let (new, text) = (g.new, &g.text);
            let _ = write!(out, "<{new:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
