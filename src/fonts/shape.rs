//! Shaping with rustybuzz, cached per word across renders.
//!
//! Shaping dominates layout time (see `pdf-speed.md`), and a report repeats
//! its words a great deal, as do the reports a council renders one after
//! another, so each distinct (face, text) is shaped once per [`FontSet`] and
//! kept (see [`ShapeCache`]). Results are in font units so one entry serves
//! every size.

use crate::fonts::pairs::{self, Measured, Memory, Probe, Tables};
use crate::fonts::{Face, FontSet};
use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::sync::{Arc, OnceLock, RwLock};

/// One shaped glyph (what the PDF draws; Word and compose need only widths).
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Horizontal advance in points, as shaped (kerning included).
    pub advance: f32,
    /// The text this glyph stands for: the whole cluster on its first glyph,
    /// empty on the others. Extraction and ToUnicode maps come from this.
    /// (Held inline: a report has tens of thousands of glyphs and a cluster
    /// is nearly always one character.)
    pub text: compact_str::CompactString,
}

/// One glyph in font units.
// A Word-only build measures widths and reads neither the id nor the text.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
#[derive(Debug, Clone)]
pub(crate) struct UnitGlyph {
    pub id: u16,
    pub advance: i32,
    /// The cluster's text on its first glyph, empty on the others.
    pub text: CompactString,
}

/// A shaped piece of text.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
#[derive(Debug)]
pub(crate) struct Shaped {
    pub glyphs: Vec<UnitGlyph>,
    /// The first character the face has no glyph for.
    pub missing: Option<char>,
}

type Plans = HashMap<(Face, Option<rustybuzz::Script>), Arc<rustybuzz::ShapePlan>>;

/// Shaped words and compiled shape plans, shared by every render with one
/// set of fonts, on any thread.
///
/// A render reads it and adds what it shaped when it ends, so renders never
/// wait on each other while laying out. It stops growing at
/// [`ShapeCache::MAX_WORDS`] words a face: a service rendering for years
/// keeps the words it met first (a council's vocabulary) within a few
/// megabytes, and shapes the rarest words afresh. The words of the last
/// layout that did not fit are kept too, until the next layout ends: within
/// one render a table's words are shaped to size its columns (compose) and
/// again to lay it out, and a table of 136,000 distinct numbers was shaped
/// twice (a tenth of its render, measured).
#[derive(Default)]
pub(crate) struct ShapeCache {
    words: [RwLock<HashMap<CompactString, Arc<Shaped>>>; 4],
    overflow: [RwLock<HashMap<CompactString, Arc<Shaped>>>; 4],
    /// Characters and pairs measured for simple words (`pairs`).
    measured: [RwLock<Measured>; 4],
    plans: RwLock<Plans>,
}

impl ShapeCache {
    /// Words kept per face.
    pub const MAX_WORDS: usize = 20_000;
    /// Measured characters and pairs kept per face: a few megabytes at
    /// most, and a report in one alphabet needs some hundreds.
    pub const MAX_MEASURED: usize = 100_000;

    fn word(&self, face: Face, text: &str) -> Option<Arc<Shaped>> {
        // A poisoned lock only means another render panicked mid-insert;
        // the map itself is still sound.
        let words = self.words[face as usize]
            .read()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(shaped) = words.get(text) {
            return Some(shaped.clone());
        }
        drop(words);
        let overflow = self.overflow[face as usize]
            .read()
            .unwrap_or_else(|e| e.into_inner());
        overflow.get(text).cloned()
    }

    fn keep(&self, face: Face, fresh: &mut HashMap<CompactString, Arc<Shaped>>) {
        if fresh.is_empty() {
            return;
        }
        let mut words = self.words[face as usize]
            .write()
            .unwrap_or_else(|e| e.into_inner());
        let mut rest = HashMap::default();
        if fresh.len() > words.len() && words.len() + fresh.len() <= Self::MAX_WORDS {
            // All will be kept, so the larger map is kept whole and the
            // smaller added to it: a `clerk` run's layout brings hundreds of
            // words to a cache holding compose's few.
            std::mem::swap(&mut *words, fresh);
        }
        for (text, shaped) in fresh.drain() {
            if words.len() < Self::MAX_WORDS {
                words.insert(text, shaped);
            } else {
                rest.insert(text, shaped);
            }
        }
        drop(words);
        // The last layout's overflow makes way for this one's: it is at most
        // what one layout shaped, which that layout held anyway.
        let old = std::mem::replace(
            &mut *self.overflow[face as usize]
                .write()
                .unwrap_or_else(|e| e.into_inner()),
            rest,
        );
        drop(old);
    }

    fn plan(
        &self,
        face: Face,
        script: Option<rustybuzz::Script>,
        font: &rustybuzz::Face<'_>,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (face, script);
        if let Some(plan) = self
            .plans
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return plan.clone();
        }
        // Compiling a plan costs more than shaping a word: one per face and script.
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            font,
            rustybuzz::Direction::LeftToRight,
            script,
            None,
            &[],
        ));
        self.plans
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert(plan)
            .clone()
    }

    /// Words held, over all faces.
    pub fn len(&self) -> usize {
        self.words
            .iter()
            .map(|w| w.read().unwrap_or_else(|e| e.into_inner()).len())
            .sum()
    }
}

impl std::fmt::Debug for ShapeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShapeCache")
            .field("words", &self.len())
            .finish_non_exhaustive()
    }
}

/// A face parsed for shaping, with what its tables allow simple words
/// (`pairs`), held by its [`FontData`](super::FontData) for every render:
/// parsing a face is about 67,000 instructions and reading its tables about
/// as much again, and a render parsed each face it used twice (compose's
/// shaper and the layout's), in every render.
pub(crate) struct Parsed {
    face: rustybuzz::Face<'static>,
    tables: OnceLock<Tables<'static>>,
}

impl Parsed {
    pub fn new(bytes: &'static [u8]) -> Parsed {
        Parsed {
            face: rustybuzz::Face::from_slice(bytes, 0).expect("checked when loaded"),
            tables: OnceLock::new(),
        }
    }

    fn tables(&self) -> &Tables<'static> {
        self.tables.get_or_init(|| Tables::read(&self.face))
    }
}

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parsed").finish_non_exhaustive()
    }
}

/// The four faces, parsed for one layout, over the fonts' shared cache.
pub(crate) struct Shaper<'f> {
    /// A brand's own face parsed for shaping when first used (a built-in
    /// face is parsed once, by its `FontData`): a report uses two or three
    /// of the four, and parsing one is about 67,000 instructions.
    faces: [OnceCell<rustybuzz::Face<'f>>; 4],
    fonts: &'f FontSet,
    shared: &'f ShapeCache,
    /// Words first shaped in this layout, handed to `shared` at the end.
    fresh: [HashMap<CompactString, Arc<Shaped>>; 4],
    /// Characters and pairs this layout has used, and those it measured
    /// (handed to `shared` at the end), for simple words.
    known: [Measured; 4],
    learned: [Measured; 4],
    /// Each face's lookups, read when a word is first tried as simple.
    tables: [Option<Tables<'f>>; 4],
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontSet) -> Shaper<'f> {
        Shaper {
            faces: Default::default(),
            fonts,
            shared: fonts.shape_cache(),
            fresh: Default::default(),
            known: Default::default(),
            learned: Default::default(),
            tables: Default::default(),
        }
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, face: Face, size: f32) -> f32 {
        size / f32::from(self.fonts.get(face).units_per_em)
    }

    /// Ascender and descender (positive, below the baseline) as fractions of the em.
    #[cfg(feature = "pdf")]
    pub fn extents(&self, face: Face) -> (f32, f32) {
        let f = self.fonts.get(face);
        let upem = f32::from(f.units_per_em);
        (f32::from(f.ascender) / upem, -f32::from(f.descender) / upem)
    }

    /// Shapes `text` in `face`, from the cache when it has been seen.
    pub fn shape(&mut self, face: Face, text: &str) -> Arc<Shaped> {
        // This render's own words first: no lock to take, and in a single
        // render (the `clerk` case) every word is there after its first use.
        if let Some(s) = self.fresh[face as usize].get(text) {
            return s.clone();
        }
        if let Some(s) = self.shared.word(face, text) {
            return s;
        }
        let i = face as usize;
        // The fonts' own parse of a built-in face, else this shaper's;
        // borrowing only the fields, so the maps below can be borrowed
        // mutably beside them.
        let (font, tables): (&rustybuzz::Face<'f>, &Tables<'f>) = match self.fonts.get(face).parsed() {
            Some(parsed) => (&parsed.face, parsed.tables()),
            None => {
                let font = self.faces[i].get_or_init(|| self.fonts.get(face).shaper());
                (font, &*self.tables[i].get_or_insert_with(|| Tables::read(font)))
            }
        };
        let mut memory = Memory {
            known: &mut self.known[i],
            learned: &mut self.learned[i],
            shared: &self.shared.measured[i],
        };
        let mut probe = Prober {
            face,
            font,
            shared: self.shared,
        };
        let shaped = Arc::new(
            pairs::shape(text, tables, &mut memory, &mut probe)
                .unwrap_or_else(|| probe.shape(text)),
        );
        self.fresh[face as usize].insert(text.into(), shaped.clone());
        shaped
    }

    /// The width of `text` in points, as the layout measures its glyphs
    /// (each advance scaled, summed in order, so to the same bit for any
    /// text with glyphs), without making them: compose measures every word
    /// of every table cell.
    pub fn width(&mut self, face: Face, size: f32, text: &str) -> f32 {
        let shaped = self.shape(face, text);
        let k = self.scale(face, size);
        shaped
            .glyphs
            .iter()
            .fold(0.0, |width, g| width + g.advance as f32 * k)
    }
}

impl Drop for Shaper<'_> {
    fn drop(&mut self) {
        for (face, fresh) in Face::ALL.into_iter().zip(&mut self.fresh) {
            self.shared.keep(face, fresh);
        }
        for (shared, learned) in self.shared.measured.iter().zip(&mut self.learned) {
            if learned.len() > 0 {
                shared
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .absorb(learned, ShapeCache::MAX_MEASURED);
            }
        }
    }
}

/// Shapes with rustybuzz, through the fonts' plans.
struct Prober<'a, 'f> {
    face: Face,
    font: &'a rustybuzz::Face<'f>,
    shared: &'f ShapeCache,
}

impl Prober<'_, '_> {
    fn buffer(text: &str) -> rustybuzz::UnicodeBuffer {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer
    }

    /// `text` as the shaper makes it.
    fn shape(&mut self, text: &str) -> Shaped {
        let mut buffer = Self::buffer(text);
        buffer.guess_segment_properties();
        let plan = self.shared.plan(self.face, Some(buffer.script()), self.font);
        shape_uncached(self.font, &plan, buffer, text)
    }
}

impl Probe for Prober<'_, '_> {
    fn probe(&mut self, latin: bool, text: &str) -> Vec<(u32, i32, u32)> {
        let mut buffer = Self::buffer(text);
        // As the shaper guesses a word's script: its first Latin letter's,
        // else none (the probe may be "1," from "Q1,").
        if latin {
            buffer.set_script(rustybuzz::script::LATIN);
        }
        buffer.guess_segment_properties();
        let plan = self.shared.plan(self.face, Some(buffer.script()), self.font);
        let out = rustybuzz::shape_with_plan(self.font, &plan, buffer);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| (info.glyph_id, pos.x_advance, info.cluster))
            .collect()
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
                cluster.into()
            } else {
                CompactString::default()
            },
        });
    }
    Shaped { glyphs, missing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The built-in faces, and, where the machine has them, DejaVu's (marks,
    /// ligatures, a class-kerned GPOS): the pair path must give what the
    /// shaper gives in any face, or refuse the word.
    fn faces() -> Vec<Vec<u8>> {
        let fonts = FontSet::default_fonts();
        let mut all: Vec<Vec<u8>> = Face::ALL.iter().map(|&f| fonts.get(f).bytes.to_vec()).collect();
        for name in ["DejaVuSans.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSansCondensed-Bold.ttf"] {
            if let Ok(bytes) = std::fs::read(format!("/usr/share/fonts/truetype/dejavu/{name}")) {
                all.push(bytes);
            }
        }
        all
    }

    /// `text` in `bytes` by the pair path (if simple) and by the shaper,
    /// with the pairs measured on `warm` first, so a later word reuses them.
    fn both(bytes: &[u8], warm: &str, text: &str) -> (Option<Shaped>, Shaped) {
        let cache = ShapeCache::default();
        let font = rustybuzz::Face::from_slice(bytes, 0).unwrap();
        let tables = Tables::read(&font);
        let mut known = Measured::default();
        let mut learned = Measured::default();
        let mut memory = Memory {
            known: &mut known,
            learned: &mut learned,
            shared: &cache.measured[0],
        };
        let mut probe = Prober {
            face: Face::Regular,
            font: &font,
            shared: &cache,
        };
        pairs::shape(warm, &tables, &mut memory, &mut probe);
        let fast = pairs::shape(text, &tables, &mut memory, &mut probe);
        (fast, probe.shape(text))
    }

    fn same(a: &Shaped, b: &Shaped) -> bool {
        a.missing == b.missing
            && a.glyphs.len() == b.glyphs.len()
            && a.glyphs
                .iter()
                .zip(&b.glyphs)
                .all(|(x, y)| x.id == y.id && x.advance == y.advance && x.text == y.text)
    }

    #[test]
    fn council_words_are_simple_and_shaped_as_the_shaper_shapes_them() {
        // Kerned pairs (AV, Ty, "1,", r.), digits, Welsh letters, quotes.
        let words = ["AVAILABLE ", "Ty ", "£1,250.75 ", "r.", "Cyngor ", "ŵyr ", "“Yes” ", "2019–20"];
        let built_in = &faces()[..4];
        for bytes in faces() {
            for word in words {
                let (fast, slow) = both(&bytes, "", word);
                match fast {
                    Some(fast) => assert!(same(&fast, &slow), "{word:?}: {fast:?} against {slow:?}"),
                    // DejaVu's space is in a contextual lookup, say.
                    None => assert!(!built_in.contains(&bytes), "{word:?} is simple"),
                }
            }
        }
        // A ligature, a combining mark, Hebrew: left to the shaper.
        for bytes in faces() {
            for word in ["e\u{301}", "\u{5D0}\u{5D1}", "a\u{200D}b"] {
                assert!(both(&bytes, "", word).0.is_none(), "{word:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn the_pair_path_gives_what_the_shaper_gives(
            warm in "[ -~£€“”‘’–—…ŵŷâêôÂÉñøß\u{A0}\u{2009}\u{301}\u{FB01}\u{2044}]{0,24}",
            text in "[ -~£€“”‘’–—…ŵŷâêôÂÉñøß\u{A0}\u{2009}\u{301}\u{FB01}\u{2044}\u{5D0}\u{200D}\u{AD}]{1,12}",
        ) {
            for bytes in faces() {
                let (fast, slow) = both(&bytes, &warm, &text);
                if let Some(fast) = fast {
                    prop_assert!(same(&fast, &slow), "{:?}: {:?} against {:?}", text, fast, slow);
                }
            }
        }
    }

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
        let av = s.width(Face::Regular, 12.0, "AV");
        let a = s.width(Face::Regular, 12.0, "A");
        let v = s.width(Face::Regular, 12.0, "V");
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
