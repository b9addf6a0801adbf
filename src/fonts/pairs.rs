//! Simple words shaped from measured pairs, without running the shaper on
//! each word.
//!
//! Most words of a report are letters, digits and punctuation that a face
//! draws one glyph to a character, moved only by pair kerning. For such a
//! word what rustybuzz gives is, exactly, each character's glyph and
//! advance alone plus, for each adjacent pair, what kerning adds to the
//! first glyph and to the second (the `kern` table splits a value between
//! the two). A report has about a thousand distinct words but six hundred
//! distinct pairs, and a pair is two characters where a word is eight, so
//! shaping each pair once with rustybuzz and adding up costs a fraction of
//! shaping each word (a cold render of the sample: rustybuzz was nearly
//! half of its layout, measured with callgrind); a later render, or a long
//! table of numbers, meets few pairs it has not seen.
//!
//! The sum is exact, not an approximation, when nothing but pair kerning
//! can touch the word, which is checked, conservatively, against every
//! lookup of the features the shaper turns on by default and of every
//! language's required feature, in any script (more than the shaper would
//! choose for the word):
//! - each character is Latin or common (digits, punctuation, spaces), not
//!   a mark, control, format character or separator of lines, and its
//!   glyph is no mark, ligature or component (so no lookup skips it and a
//!   pair is always two neighbours);
//! - no substitution (GSUB) subtable covers its glyph, so it is never
//!   replaced, and every positioning (GPOS) subtable that covers it is a
//!   pair adjustment, which starts only at its first glyph;
//! - no pair of the word gives its second glyph a value record (rustybuzz
//!   then skips the next pair), checked in every such pair subtable;
//! - the face has no AAT tables (`morx`, `mort`, `kerx`, `trak`) and no
//!   feature variations, its `kern` table (used when GPOS has no kerning
//!   for the script) has no state machine or cross-stream values, and no
//!   pair lookup ignores base glyphs.
//!
//! Pairs and characters are measured under the word's script as the
//! shaper guesses it (Latin when the word has a Latin letter, none
//! otherwise): a font may kern "1," in Latin text and not in a date.
//! Anything else (a ligature, a mark, Welsh with a combining circumflex,
//! Hebrew) goes to rustybuzz as before; a test compares the two on random
//! text in every face to hand.

use super::shape::{Shaped, UnitGlyph};
use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::RwLock;
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::{Coverage, LayoutTable};
use ttf_parser::gdef::GlyphClass;
use ttf_parser::GlyphId;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_script::{Script, UnicodeScript};

/// A character's glyph and advance, shaped alone (`None`: not simple).
type Solo = Option<(u16, i32)>;
/// What a pair's kerning adds to its first and second advance (`None`: not
/// simple).
type Pair = Option<(i32, i32)>;

/// One face's measured characters and pairs, by script (`true`: Latin).
#[derive(Default)]
pub(crate) struct Measured {
    solo: HashMap<(bool, char), Solo>,
    pair: HashMap<(bool, char, char), Pair>,
}

impl Measured {
    /// Entries held.
    pub fn len(&self) -> usize {
        self.solo.len() + self.pair.len()
    }

    /// Adds `other`'s entries while fewer than `max` are held.
    pub fn absorb(&mut self, other: &mut Measured, max: usize) {
        // When all will be kept, into the larger of the two.
        if other.len() > self.len() && self.len() + other.len() <= max {
            std::mem::swap(self, other);
        }
        for (k, v) in other.solo.drain() {
            if self.len() >= max {
                break;
            }
            self.solo.insert(k, v);
        }
        for (k, v) in other.pair.drain() {
            if self.len() >= max {
                break;
            }
            self.pair.insert(k, v);
        }
    }
}

/// How a shaper measures what it has not: shaping a short text (one
/// character or two) under a script, giving each glyph's id, advance and
/// cluster.
pub(crate) trait Probe {
    fn probe(&mut self, latin: bool, text: &str) -> Vec<(u32, i32, u32)>;
}

/// What one face's tables allow, read once per layout that needs it.
pub(crate) struct Tables<'f> {
    /// Whether the face qualifies at all.
    usable: bool,
    /// Glyphs a default substitution, or a positioning other than a pair
    /// adjustment, starts at: read into one set once, as a report asks
    /// about a few hundred glyphs and a font has dozens of such subtables.
    blocked: Glyphs,
    /// Glyphs a pair adjustment starts at.
    kerned_first: Glyphs,
    pairs: Vec<PairAdjustment<'f>>,
    gdef: Option<ttf_parser::gdef::Table<'f>>,
    kern: Option<ttf_parser::kern::Table<'f>>,
}

impl<'f> Tables<'f> {
    pub fn read(face: &ttf_parser::Face<'f>) -> Tables<'f> {
        let t = face.tables();
        let mut blocked = Glyphs::default();
        let mut kerned_first = Glyphs::default();
        for lookup in default_lookups(t.gsub) {
            for sub in lookup.subtables.into_iter::<SubstitutionSubtable>() {
                blocked.add(sub.coverage());
            }
        }
        let mut pairs = Vec::new();
        let mut skips_bases = false;
        for lookup in default_lookups(t.gpos) {
            for sub in lookup.subtables.into_iter::<PositioningSubtable>() {
                match sub {
                    PositioningSubtable::Pair(pair) => {
                        skips_bases |= lookup.flags.ignore_base_glyphs();
                        kerned_first.add(pair.coverage());
                        pairs.push(pair);
                    }
                    other => blocked.add(other.coverage()),
                }
            }
        }
        // A lookup list that does not parse counts as none above, which
        // would be wrong: such a face is left to the shaper.
        let parsed = |raw: Option<&[u8]>, table: Option<LayoutTable<'_>>| {
            raw.is_none() || table.is_some()
        };
        let raw = face.raw_face();
        let has = |tag: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(tag)).is_some();
        let kern_pairwise = t.kern.is_none_or(|kern| {
            kern.subtables
                .into_iter()
                .all(|s| !s.has_state_machine && !s.has_cross_stream)
        });
        let gsub = raw.table(ttf_parser::Tag::from_bytes(b"GSUB"));
        let gpos = raw.table(ttf_parser::Tag::from_bytes(b"GPOS"));
        let usable = parsed(gsub, t.gsub)
            && parsed(gpos, t.gpos)
            && !varies(gsub)
            && !varies(gpos)
            && !has(b"morx")
            && !has(b"mort")
            && !has(b"kerx")
            && !has(b"trak")
            && kern_pairwise
            && !skips_bases;
        Tables {
            usable,
            blocked: blocked.finish(),
            kerned_first: kerned_first.finish(),
            pairs,
            gdef: t.gdef,
            kern: t.kern,
        }
    }

    /// Whether nothing but pair adjustments can act on `glyph`.
    fn glyph_is_simple(&self, glyph: GlyphId) -> bool {
        let class = self.gdef.and_then(|g| g.glyph_class(glyph));
        matches!(class, None | Some(GlyphClass::Base))
            && !self.blocked.has(glyph)
    }

    /// Whether nothing can kern `first` before `second`: no pair subtable
    /// covers `first`, and the `kern` table has no value for the two. Most
    /// pairs are so, and need not be measured.
    fn pair_is_unkerned(&self, first: GlyphId, second: GlyphId) -> bool {
        !self.kerned_first.has(first)
            && self.kern.is_none_or(|kern| {
                kern.subtables
                    .into_iter()
                    .all(|s| s.glyphs_kerning(first, second).unwrap_or(0) == 0)
            })
    }

    /// Whether no pair subtable gives `second` a value record after `first`.
    fn pair_is_simple(&self, first: GlyphId, second: GlyphId) -> bool {
        self.pairs.iter().all(|pair| {
            let Some(index) = pair.coverage().get(first) else {
                return true;
            };
            let records = match pair {
                PairAdjustment::Format1 { sets, .. } => {
                    sets.get(index).and_then(|set| set.get(second))
                }
                PairAdjustment::Format2 {
                    classes, matrix, ..
                } => matrix.get((classes.0.get(first), classes.1.get(second))),
            };
            records.is_none_or(|(_, second)| {
                second.x_placement == 0
                    && second.y_placement == 0
                    && second.x_advance == 0
                    && second.y_advance == 0
                    && second.x_placement_device.is_none()
                    && second.y_placement_device.is_none()
                    && second.x_advance_device.is_none()
                    && second.y_advance_device.is_none()
            })
        })
    }
}

/// A set of glyph ids, as sorted ranges that do not touch: built in time
/// linear in the coverage tables (times a logarithm), whatever ranges a
/// font's tables claim, and asked in logarithmic time.
#[derive(Default)]
struct Glyphs(Vec<(u16, u16)>);

impl Glyphs {
    fn add(&mut self, coverage: Coverage<'_>) {
        match coverage {
            Coverage::Format1 { glyphs } => self.0.extend(glyphs.into_iter().map(|g| (g.0, g.0))),
            Coverage::Format2 { records } => self.0.extend(
                records
                    .into_iter()
                    .filter(|r| r.start.0 <= r.end.0)
                    .map(|r| (r.start.0, r.end.0)),
            ),
        }
    }

    /// Sorts and merges what was added.
    fn finish(mut self) -> Glyphs {
        self.0.sort_unstable();
        let mut merged: Vec<(u16, u16)> = Vec::with_capacity(self.0.len());
        for (start, end) in self.0 {
            match merged.last_mut() {
                Some(last) if u32::from(start) <= u32::from(last.1) + 1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Glyphs(merged)
    }

    fn has(&self, glyph: GlyphId) -> bool {
        let at = self.0.partition_point(|&(_, end)| end < glyph.0);
        self.0.get(at).is_some_and(|&(start, _)| start <= glyph.0)
    }
}

/// Features the shaper may turn on for Latin or common text without being
/// asked (rustybuzz's `ot_shape.rs`; some only in other circumstances, all
/// counted): a lookup only another feature uses (superscripts, small
/// capitals, discretionary ligatures) never runs.
const DEFAULT_FEATURES: [&[u8; 4]; 31] = [
    b"abvm", b"blwm", b"ccmp", b"locl", b"mark", b"mkmk", b"rlig", b"calt", b"clig", b"curs",
    b"dist", b"kern", b"liga", b"rclt", b"rvrn", b"ltra", b"ltrm", b"rtla", b"rtlm", b"frac",
    b"numr", b"dnom", b"rand", b"trak", b"Harf", b"HARF", b"Buzz", b"BUZZ", b"vert", b"vkrn",
    b"valt",
];

/// The lookups of the default features, and of every language's required
/// feature, in any script.
fn default_lookups(
    table: Option<LayoutTable<'_>>,
) -> impl Iterator<Item = ttf_parser::opentype_layout::Lookup<'_>> {
    let mut indices = Vec::new();
    if let Some(table) = table {
        let mut required = Vec::new();
        for script in table.scripts {
            for lang in script.default_language.into_iter().chain(script.languages) {
                required.extend(lang.required_feature);
            }
        }
        for (i, feature) in table.features.into_iter().enumerate() {
            let wanted = DEFAULT_FEATURES.iter().any(|t| feature.tag == ttf_parser::Tag::from_bytes(t))
                || required.iter().any(|&r| usize::from(r) == i);
            if wanted {
                indices.extend(feature.lookup_indices);
            }
        }
    }
    indices.sort_unstable();
    indices.dedup();
    indices
        .into_iter()
        .filter_map(move |i| table.and_then(|t| t.lookups.get(i)))
}

/// Whether a GSUB or GPOS table has feature variations (version 1.1 with
/// their offset set), which swap lookups by conditions; left to the shaper.
fn varies(raw: Option<&[u8]>) -> bool {
    raw.is_some_and(|r| {
        r.len() >= 14 && r[2..4] == [0, 1] && r[10..14] != [0, 0, 0, 0]
    })
}

/// Whether `c` may be drawn from measured pairs, before asking the font;
/// and whether it is Latin (else common).
fn character(c: char) -> Option<bool> {
    if c.is_ascii() {
        return (!c.is_ascii_control()).then(|| c.is_ascii_alphabetic());
    }
    // The fraction slash makes the shaper look for fraction features.
    if c == '\u{2044}' {
        return None;
    }
    // Marks attach to a neighbour; controls and format characters are
    // hidden or special to the shaper; and so are line and paragraph
    // separators.
    if matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Mark | GeneralCategoryGroup::Other
    ) || matches!(c, '\u{2028}' | '\u{2029}')
    {
        return None;
    }
    match c.script() {
        Script::Latin => Some(true),
        Script::Common => Some(false),
        _ => None,
    }
}

/// Where a shaper keeps what it measured: `known` (this layout's, looked
/// at first, without a lock), `learned` (what this layout measured, for
/// the fonts' cache when it ends) and `shared` (every render's).
pub(crate) struct Memory<'a> {
    pub known: &'a mut Measured,
    pub learned: &'a mut Measured,
    pub shared: &'a RwLock<Measured>,
}

impl Memory<'_> {
    fn solo(&mut self, key: (bool, char)) -> Option<Solo> {
        if let Some(&s) = self.known.solo.get(&key) {
            return Some(s);
        }
        let s = *read(self.shared).solo.get(&key)?;
        self.known.solo.insert(key, s);
        Some(s)
    }

    fn pair(&mut self, key: (bool, char, char)) -> Option<Pair> {
        if let Some(&p) = self.known.pair.get(&key) {
            return Some(p);
        }
        let p = *read(self.shared).pair.get(&key)?;
        self.known.pair.insert(key, p);
        Some(p)
    }
}

fn read(lock: &RwLock<Measured>) -> std::sync::RwLockReadGuard<'_, Measured> {
    // A poisoned lock only means another render panicked mid-insert; the
    // maps are still sound.
    lock.read().unwrap_or_else(|e| e.into_inner())
}

/// The word shaped from measured pairs, measuring with `probe` what
/// `memory` lacks; `None` when the word is not simple.
pub(crate) fn shape(
    text: &str,
    tables: &Tables<'_>,
    memory: &mut Memory<'_>,
    probe: &mut dyn Probe,
) -> Option<Shaped> {
    if !tables.usable || text.is_empty() {
        return None;
    }
    let mut latin = false;
    for c in text.chars() {
        latin |= character(c)?;
    }
    let mut glyphs: Vec<UnitGlyph> = Vec::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        let (id, mut advance) = solo(c, latin, tables, memory, probe)?;
        if let (Some(p), Some(last)) = (previous, glyphs.last_mut()) {
            let (first, second) = pair(p, c, latin, tables, memory, probe)?;
            last.advance += first;
            advance += second;
        }
        let mut buf = [0; 4];
        glyphs.push(UnitGlyph {
            id,
            advance,
            text: CompactString::new(c.encode_utf8(&mut buf)),
        });
        previous = Some(c);
    }
    Some(Shaped {
        glyphs,
        missing: None,
    })
}

fn solo(
    c: char,
    latin: bool,
    tables: &Tables<'_>,
    memory: &mut Memory<'_>,
    probe: &mut dyn Probe,
) -> Solo {
    if let Some(s) = memory.solo((latin, c)) {
        return s;
    }
    let mut buf = [0; 4];
    let measured = match probe.probe(latin, c.encode_utf8(&mut buf))[..] {
        [(id, advance, 0)] if id != 0 => u16::try_from(id)
            .ok()
            .filter(|&id| tables.glyph_is_simple(GlyphId(id)))
            .map(|id| (id, advance)),
        _ => None,
    };
    memory.known.solo.insert((latin, c), measured);
    memory.learned.solo.insert((latin, c), measured);
    measured
}

fn pair(
    a: char,
    b: char,
    latin: bool,
    tables: &Tables<'_>,
    memory: &mut Memory<'_>,
    probe: &mut dyn Probe,
) -> Pair {
    if let Some(p) = memory.pair((latin, a, b)) {
        return p;
    }
    // Both were measured alone, and are simple, before their pair.
    let (ga, aa) = memory.solo((latin, a)).flatten()?;
    let (gb, ab) = memory.solo((latin, b)).flatten()?;
    let (first, second) = (GlyphId(ga), GlyphId(gb));
    let measured = if tables.pair_is_unkerned(first, second) {
        Some((0, 0))
    } else if tables.pair_is_simple(first, second) {
        let mut text = String::with_capacity(8);
        text.push(a);
        text.push(b);
        match probe.probe(latin, &text)[..] {
            [(x, first, 0), (y, second, at)]
                if x == u32::from(ga) && y == u32::from(gb) && at as usize == a.len_utf8() =>
            {
                Some((first - aa, second - ab))
            }
            _ => None,
        }
    } else {
        None
    };
    memory.known.pair.insert((latin, a, b), measured);
    memory.learned.pair.insert((latin, a, b), measured);
    measured
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glyph_set_merges_ranges_and_answers_at_their_edges() {
        let set = Glyphs(vec![(10, 20), (5, 5), (21, 30), (0, u16::MAX), (40, 40)]).finish();
        assert_eq!(set.0, [(0, u16::MAX)]);
        let set = Glyphs(vec![(10, 20), (5, 5), (21, 30), (40, 40), (7, 6)]).finish();
        for (g, inside) in [(4, false), (5, true), (6, false), (10, true), (25, true), (30, true), (31, false), (40, true), (41, false)] {
            assert_eq!(set.has(GlyphId(g)), inside, "{g}");
        }
        assert!(!Glyphs::default().finish().has(GlyphId(0)));
    }
}
