//! Shaping with rustybuzz, cached per word.
//!
//! Shaping dominates layout time (see `pdf-speed.md`), and a report repeats
//! its words a great deal, so each distinct (face, text) is shaped once per
//! layout. Results are kept in font units so one entry serves every size.

use crate::pdf::fonts::{Face, FontSet};
use crate::pdf::frame::Glyph;
use std::collections::HashMap;
use std::rc::Rc;

/// One glyph in font units.
#[derive(Debug, Clone)]
pub(super) struct UnitGlyph {
    pub id: u16,
    pub advance: i32,
    /// The cluster's text on its first glyph, empty on the others.
    pub text: String,
}

/// A shaped piece of text.
#[derive(Debug)]
pub(super) struct Shaped {
    pub glyphs: Vec<UnitGlyph>,
    /// The first character the face has no glyph for.
    pub missing: Option<char>,
}

/// The four faces, parsed once, their shape plans and the shaping cache.
pub(super) struct Shaper<'f> {
    faces: [rustybuzz::Face<'f>; 4],
    /// Compiling a plan costs more than shaping a word: one per face and script.
    plans: HashMap<(Face, Option<rustybuzz::Script>), rustybuzz::ShapePlan>,
    cache: [HashMap<String, Rc<Shaped>>; 4],
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontSet) -> Shaper<'f> {
        Shaper {
            faces: Face::ALL.map(|f| fonts.get(f).shaper()),
            plans: HashMap::new(),
            cache: Default::default(),
        }
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, face: Face, size: f32) -> f32 {
        size / self.faces[face as usize].units_per_em() as f32
    }

    /// Ascender and descender (positive, below the baseline) as fractions of the em.
    pub fn extents(&self, face: Face) -> (f32, f32) {
        let f = &self.faces[face as usize];
        let upem = f.units_per_em() as f32;
        (
            f32::from(f.ascender()) / upem,
            -f32::from(f.descender()) / upem,
        )
    }

    /// Shapes `text` in `face`, from the cache when it has been seen.
    pub fn shape(&mut self, face: Face, text: &str) -> Rc<Shaped> {
        if let Some(s) = self.cache[face as usize].get(text) {
            return s.clone();
        }
        let font = &self.faces[face as usize];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.guess_segment_properties();
        let script = Some(buffer.script());
        let plan = self.plans.entry((face, script)).or_insert_with(|| {
            rustybuzz::ShapePlan::new(font, rustybuzz::Direction::LeftToRight, script, None, &[])
        });
        let shaped = Rc::new(shape_uncached(font, plan, buffer, text));
        self.cache[face as usize].insert(text.to_string(), shaped.clone());
        shaped
    }

    /// Shapes and scales `text` to glyphs in points, with its width.
    pub fn glyphs(&mut self, face: Face, size: f32, text: &str) -> (Vec<Glyph>, f32, Option<char>) {
        let shaped = self.shape(face, text);
        let k = self.scale(face, size);
        let glyphs: Vec<Glyph> = shaped
            .glyphs
            .iter()
            .map(|g| Glyph {
                id: g.id,
                advance: g.advance as f32 * k,
                text: g.text.clone(),
            })
            .collect();
        let width = glyphs.iter().map(|g| g.advance).sum();
        (glyphs, width, shaped.missing)
    }
}

fn shape_uncached(
    face: &rustybuzz::Face<'_>,
    plan: &rustybuzz::ShapePlan,
    buffer: rustybuzz::UnicodeBuffer,
    text: &str,
) -> Shaped {
    let out = rustybuzz::shape_with_plan(face, plan, buffer);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();

    // A cluster's text runs from its start to the next larger cluster start.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| -> usize {
        match starts.binary_search(&start) {
            Ok(i) if i + 1 < starts.len() => starts[i + 1],
            _ => text.len(),
        }
    };

    // White space the face lacks (a line separator, an ideographic space) is
    // drawn as a plain space: it prints nothing, so it is no reason to refuse
    // the text, and glyph 0 would print an empty box.
    let space = face
        .glyph_index(' ')
        .map(|g| (g.0, i32::from(face.glyph_hor_advance(g).unwrap_or(0))));
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut missing = None;
    let mut previous = None;
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let cluster = text.get(start..end_of(start)).unwrap_or("");
        let first = previous != Some(start);
        previous = Some(start);
        let blank = !cluster.is_empty() && cluster.chars().all(char::is_whitespace);
        let (id, advance) = match space {
            Some(space) if info.glyph_id == 0 && blank => space,
            _ => (u16::try_from(info.glyph_id).unwrap_or(0), pos.x_advance),
        };
        if id == 0 && missing.is_none() {
            missing = cluster
                .chars()
                .find(|c| !c.is_whitespace() && !c.is_control());
        }
        glyphs.push(UnitGlyph {
            id,
            advance,
            text: if first {
                cluster.to_string()
            } else {
                String::new()
            },
        });
    }
    Shaped { glyphs, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_carry_their_text_and_ligatures_keep_both_letters() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let shaped = s.shape(Face::Regular, "£5 “office” – fi");
        let text: String = shaped.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "£5 “office” – fi");
        assert!(shaped.missing.is_none());
        assert!(shaped.glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn a_character_the_face_lacks_is_reported() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        assert_eq!(
            s.shape(Face::Regular, "ok \u{1F600}").missing,
            Some('\u{1F600}')
        );
    }

    #[test]
    fn white_space_the_face_lacks_is_drawn_as_a_space() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let plain = s.shape(Face::Regular, "a b");
        for odd in ["a\u{2028}b", "a\u{3000}b", "a\u{205F}b", "a\u{1680}b"] {
            let shaped = s.shape(Face::Regular, odd);
            assert!(shaped.missing.is_none(), "{odd:?}");
            assert!(shaped.glyphs.iter().all(|g| g.id != 0), "{odd:?}");
            assert_eq!(shaped.glyphs[1].id, plain.glyphs[1].id, "{odd:?}");
            assert!(shaped.glyphs[1].advance > 0, "{odd:?}");
        }
        // The shaper widens some spaces itself (U+3000 is an em); a line
        // separator it leaves as glyph 0, drawn here as a plain space.
        let sep = s.shape(Face::Regular, "a\u{2028}b");
        assert_eq!(sep.glyphs[1].advance, plain.glyphs[1].advance);
    }

    #[test]
    fn kerning_changes_advances() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let (_, av, _) = s.glyphs(Face::Regular, 12.0, "AV");
        let (_, a, _) = s.glyphs(Face::Regular, 12.0, "A");
        let (_, v, _) = s.glyphs(Face::Regular, 12.0, "V");
        assert!(
            av < a + v,
            "AV {av} should be kerned tighter than {a} + {v}"
        );
    }

    #[test]
    fn invisible_format_characters_are_not_missing_glyphs() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        for text in [
            "zero\u{200B}width",
            "soft\u{00AD}hyphen",
            "\u{FEFF}bom",
            "join\u{200D}er",
        ] {
            assert_eq!(s.shape(Face::Regular, text).missing, None, "{text:?}");
        }
    }
}
