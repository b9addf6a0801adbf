//! The brand's four faces: read, parsed and shaped once, and shared by
//! layout, the PDF writer and the printable-character check (R13), which
//! all need the same answer about what the fonts can draw.

use crate::error::Error;
pub(crate) mod pairs;
pub(crate) mod shape;

use shape::ShapeCache;
use crate::resources::{ResourceKind, Resources};
use crate::template::Brand;
use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// One of the four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Face {
    /// All four, in a fixed order (index = `as usize`).
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a combination of styles.
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    /// The PDF resource name, fixed so output is deterministic: `F1` … `F4`.
    pub fn resource_name(self) -> &'static str {
        ["F1", "F2", "F3", "F4"][self as usize]
    }
}

const LIBERATION: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf"),
];

/// A font file checked to parse.
#[derive(Debug, Clone)]
pub struct FontData {
    /// The file's bytes: borrowed for the built-in faces, which a process
    /// would otherwise copy (1.6 MB, every page of it touched) before its
    /// first report; a brand's own font files are read into memory.
    pub bytes: Arc<Cow<'static, [u8]>>,
    /// Its PostScript or family name, for messages.
    pub name: String,
    /// Design units per em.
    pub units_per_em: u16,
    /// How many glyphs it has, read once here rather than on every render.
    /// Only the PDF's subsetting needs it; a Word-only build reads it nowhere.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) glyph_count: u16,
    /// Ascender and descender (below the baseline, negative), in design
    /// units, read once here rather than by parsing the face per layout.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) ascender: i16,
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) descender: i16,
    /// A built-in face parsed for shaping once for all its renders (shared
    /// by clones); a brand's own file is parsed by each layout, as its
    /// bytes are not the program's own to borrow for good.
    parsed: Arc<OnceLock<Option<shape::Parsed>>>,
}

impl FontData {
    fn parse(bytes: Cow<'static, [u8]>, label: &str) -> Result<FontData, Error> {
        let fail = |reason: String| Error::Font {
            name: label.to_string(),
            reason,
        };
        let face = ttf_parser::Face::parse(&bytes, 0)
            .map_err(|e| fail(format!("not a usable TrueType/OpenType font: {e}")))?;
        outlines(&face, bytes.len()).map_err(fail)?;
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| label.to_string());
        let units_per_em = face.units_per_em();
        let glyph_count = face.number_of_glyphs();
        let (ascender, descender) = (face.ascender(), face.descender());
        Ok(FontData {
            bytes: Arc::new(bytes),
            name,
            units_per_em,
            glyph_count,
            ascender,
            descender,
            parsed: Arc::default(),
        })
    }

    /// The face parsed for shaping, once, when its bytes are the program's
    /// own (the built-in faces); `None` for a brand's file.
    pub(crate) fn parsed(&self) -> Option<&shape::Parsed> {
        self.parsed
            .get_or_init(|| match self.bytes.as_ref() {
                Cow::Borrowed(bytes) => Some(shape::Parsed::new(bytes)),
                Cow::Owned(_) => None,
            })
            .as_ref()
    }

    /// A shaping face borrowing the bytes. Cheap: parsing tables is lazy.
    pub fn shaper(&self) -> rustybuzz::Face<'_> {
        rustybuzz::Face::from_slice(&self.bytes, 0).expect("checked when loaded")
    }
}

/// Refuses, when the font is loaded, a file the PDF writer could not embed,
/// saying why in a clerk's words. A file cut short still parses (its table
/// list is at the start), but the tables past its end read as missing:
/// without this check it would be called a font "with CFF outlines", or
/// have no glyph for "A".
fn outlines(face: &ttf_parser::Face<'_>, len: usize) -> Result<(), String> {
    let records = face.raw_face().table_records;
    let reach = records
        .into_iter()
        .map(|t| u64::from(t.offset) + u64::from(t.length))
        .max()
        .unwrap_or(0);
    let has = |tag: &[u8; 4]| {
        records
            .into_iter()
            .any(|t| t.tag == ttf_parser::Tag::from_bytes(tag))
    };
    if reach > len as u64 {
        return Err(format!(
            "the font file is damaged or cut short: it is {len} bytes, but its contents run to \
             {reach}; copy or download the font file again"
        ));
    }
    if face.tables().glyf.is_none() {
        return Err(if has(b"CFF ") || has(b"CFF2") {
            "this font has PostScript (CFF) outlines, and only fonts with TrueType outlines can \
             be embedded: use the font's TrueType version (.ttf)"
                .into()
        } else {
            "the font file has no glyph outlines, so nothing could be drawn with it: use the \
             font's TrueType version (.ttf)"
                .into()
        });
    }
    Ok(())
}

/// The four faces the PDF uses, and what has been shaped with them.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: [FontData; 4],
    /// Shared by clones: a clone has the same faces, so the same shapes.
    shaped: Arc<ShapeCache>,
}

impl FontSet {
    /// Liberation Sans, embedded in the library.
    pub fn default_fonts() -> FontSet {
        let load = |i: usize| {
            FontData::parse(Cow::Borrowed(LIBERATION[i]), "Liberation Sans").expect("built-in font")
        };
        FontSet {
            faces: [load(0), load(1), load(2), load(3)],
            shaped: Arc::default(),
        }
    }

    /// The brand's fonts (paths relative to `base_dir`), or the default.
    pub fn for_brand(brand: &Brand, base_dir: Option<&Path>) -> Result<FontSet, Error> {
        FontSet::for_brand_from(brand, &*crate::resources::folder_or_nowhere(base_dir))
    }

    /// The brand's fonts read from `files`, or the default.
    pub fn for_brand_from(brand: &Brand, files: &dyn Resources) -> Result<FontSet, Error> {
        let Some(names) = &brand.fonts else {
            return Ok(FontSet::default_fonts());
        };
        let load = |name: &str| -> Result<FontData, Error> {
            let bytes = files
                .read(name, ResourceKind::Font)
                .map_err(|e| Error::Font {
                    name: name.to_string(),
                    reason: e.to_string(),
                })?;
            FontData::parse(Cow::Owned(bytes), name)
        };
        Ok(FontSet {
            faces: [
                load(&names.regular)?,
                load(&names.bold)?,
                load(&names.italic)?,
                load(&names.bold_italic)?,
            ],
            shaped: Arc::default(),
        })
    }

    /// Words already shaped with these faces.
    pub(crate) fn shape_cache(&self) -> &ShapeCache {
        &self.shaped
    }

    /// One face.
    pub fn get(&self, face: Face) -> &FontData {
        &self.faces[face as usize]
    }

    /// A test for whether every face can draw a character (any run may be
    /// bold or italic); the faces are parsed once, when this is called.
    pub fn coverage(&self) -> impl Fn(char) -> bool + '_ {
        let faces: Vec<ttf_parser::Face<'_>> = self
            .faces
            .iter()
            .filter_map(|f| ttf_parser::Face::parse(&f.bytes, 0).ok())
            .collect();
        // Glyph 0 is .notdef, the "missing" box: a character table may map a
        // character to it (Liberation maps U+FFFF so, as the end of a
        // segment), which is not drawing it.
        move |c| {
            faces
                .iter()
                .all(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FontSet;

    #[test]
    fn a_character_mapped_to_the_missing_glyph_is_not_covered() {
        let fonts = FontSet::default_fonts();
        let covers = fonts.coverage();
        assert!(covers('a') && covers('£') && covers('ŵ'));
        // Liberation's character table maps U+FFFF to glyph 0 (.notdef).
        assert!(!covers('\u{ffff}'));
    }
}
