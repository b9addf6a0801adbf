//! Embedded fonts: each used face as a subset TrueType CIDFont (Type 0,
//! Identity-H) with its widths and a ToUnicode map.

use super::file::{name, PdfFile};
use super::glyphs::FaceGlyphs;
use crate::error::Error;
use crate::fonts::{Face, FontData};
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData as SfntData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::FontTableProvider;
use allsorts::tag;
use lopdf::{dictionary, Dictionary, Object, ObjectId};

/// Writes one face's font objects; returns the Type 0 font's id.
pub(super) fn embed(
    file: &mut PdfFile,
    face: Face,
    data: &FontData,
    glyphs: &FaceGlyphs,
) -> Result<ObjectId, Error> {
    let fail = |reason: String| Error::Font {
        name: data.name.clone(),
        reason,
    };
    let program = subset_program(&data.bytes, glyphs).map_err(fail)?;
    let font = ttf_parser::Face::parse(&data.bytes, 0).map_err(|e| fail(e.to_string()))?;
    let per_em = f32::from(font.units_per_em());
    let scale = |v: f32| (v * 1000.0 / per_em).round() as i64;

    let base_font = format!(
        "{}+{}",
        subset_tag(face, glyphs),
        ps_name(&font, &data.name)
    );
    let program_id =
        file.add_deflated(dictionary! { "Length1" => program.len() as i64 }, &program)?;

    let bbox = font.global_bounding_box();
    let mut flags = 4; // symbolic: glyphs are addressed by id, not by a standard encoding
    if font.is_italic() || font.is_oblique() {
        flags |= 64;
    }
    let descriptor = file.add(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => name(&base_font),
        "Flags" => flags,
        "FontBBox" => vec![
            scale(bbox.x_min.into()).into(), scale(bbox.y_min.into()).into(),
            scale(bbox.x_max.into()).into(), scale(bbox.y_max.into()).into(),
        ],
        "ItalicAngle" => font.italic_angle() as f64 as f32,
        "Ascent" => scale(font.ascender().into()),
        "Descent" => scale(font.descender().into()),
        "CapHeight" => scale(font.capital_height().unwrap_or(font.ascender()).into()),
        "StemV" => if font.is_bold() { 120 } else { 80 },
        "FontFile2" => program_id,
    });

    // Widths by new glyph id, consecutive ids grouped: [first [w w w] …].
    let mut w: Vec<Object> = Vec::new();
    let mut group: Vec<Object> = Vec::new();
    let mut group_start = 0u16;
    let mut next = 0u16;
    for g in glyphs.map.values() {
        let (new, width) = (g.new, g.width);
        if group.is_empty() || new != next {
            if !group.is_empty() {
                w.push(i64::from(group_start).into());
                w.push(std::mem::take(&mut group).into());
            }
            group_start = new;
        }
        group.push(Object::Real(width));
        next = new + 1;
    }
    if !group.is_empty() {
        w.push(i64::from(group_start).into());
        w.push(group.into());
    }

    let cid_font = file.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => name(&base_font),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 0,
        "W" => w,
        "CIDToGIDMap" => "Identity",
    });
    let to_unicode = file.add_deflated(Dictionary::new(), to_unicode_cmap(glyphs).as_bytes())?;
    Ok(file.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => name(&base_font),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    }))
}

/// The subset font program. The subsetter renumbers glyphs by their position
/// in the list it is given, so the list is exactly the order
/// [`super::glyphs::collect`] numbered them in: `.notdef`, then by old id.
fn subset_program(bytes: &[u8], glyphs: &FaceGlyphs) -> Result<Vec<u8>, String> {
    let sfnt = ReadScope::new(bytes)
        .read::<SfntData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = sfnt.table_provider(0).map_err(|e| e.to_string())?;
    if !provider.has_table(tag::GLYF) {
        return Err(
            "only TrueType-outline fonts (.ttf) can be embedded; this one has CFF outlines".into(),
        );
    }
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.map.keys().copied())
        .collect();
    debug_assert!(glyphs
        .map
        .iter()
        .all(|(old, g)| ids[usize::from(g.new)] == *old));
    // The PDF profile without `name` (copyright strings no PDF reader uses,
    // a large part of a small subset) and without the hinting tables, which
    // `unhint` removes together with the glyphs' instructions.
    let tables = vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::POST,
    ];
    let program = subset(
        &provider,
        &ids,
        &SubsetProfile::Custom(tables),
        CmapTarget::Unicode,
    )
    .map_err(|e| format!("subsetting: {e}"))?;
    super::unhint::unhint(&program)
}

/// Six capitals naming this subset, fixed by the glyphs it holds.
fn subset_tag(face: Face, glyphs: &FaceGlyphs) -> String {
    let mut bytes = vec![face as u8];
    for &old in glyphs.map.keys() {
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
    let entries: Vec<_> = glyphs.map.values().collect();
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
