//! The glyphs each face draws, what text each stands for, and the new glyph
//! numbers after subsetting.
//!
//! A ToUnicode map gives one text per glyph, but a glyph can stand for
//! different text in different places (a capital drawn for a lower-case
//! letter, the first glyph of a decomposed accent). Each glyph gets one
//! canonical text (what the font's own cmap says it is, else what it stands
//! for most often); a cluster whose glyphs' canonical texts do not spell its
//! real text is wrapped in `/ActualText` by the content writer.

use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{Glyph, ItemKind, LaidOut};
use std::collections::BTreeMap;

/// One used glyph.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct UsedGlyph {
    /// Its id in the subset font.
    pub new: u16,
    /// The text the ToUnicode map gives it.
    pub text: String,
    /// Its advance in thousandths of an em, to three decimals: written in
    /// `/W` and used for `TJ` adjustments, so the two agree exactly and only
    /// real kerning needs an adjustment.
    pub width: f32,
    /// True when every use of the glyph stands for `text` alone, so the
    /// content writer need not compare texts.
    pub uniform: bool,
}

/// One face's glyphs.
#[derive(Debug, Default)]
pub(super) struct FaceGlyphs {
    /// Original glyph id and its subset id, text and width, in original
    /// (and so subset) order.
    pub list: Vec<(u16, UsedGlyph)>,
    /// By original id, its subset id (0: unused), for the content writer's
    /// lookups: two bytes a glyph of the font.
    dense: Vec<u16>,
}

impl FaceGlyphs {
    /// What an original glyph became.
    pub(super) fn get(&self, gid: u16) -> Option<&UsedGlyph> {
        let new = *self.dense.get(usize::from(gid))?;
        Some(&self.list.get(usize::from(new).checked_sub(1)?)?.1)
    }
}

/// How often a glyph stands for which text, counted cheaply: nearly every
/// glyph always stands for the same text, so only the first is kept inline.
#[derive(Default)]
struct Seen<'a> {
    first: Option<(&'a str, usize)>,
    others: BTreeMap<&'a str, usize>,
}

impl<'a> Seen<'a> {
    fn add(&mut self, text: &'a str) {
        if text.is_empty() {
            return;
        }
        match &mut self.first {
            Some((t, n)) if same(t, text) => *n += 1,
            None => self.first = Some((text, 1)),
            Some(_) => *self.others.entry(text).or_default() += 1,
        }
    }

    /// True when every non-empty use was `text`.
    fn only(&self, text: &str) -> bool {
        self.others.is_empty() && self.first.is_some_and(|(t, _)| t == text)
    }

    fn texts(&self) -> BTreeMap<&'a str, usize> {
        let mut all = self.others.clone();
        if let Some((t, n)) = self.first {
            *all.entry(t).or_default() += n;
        }
        all
    }
}

/// Per face (index = `Face as usize`), the glyphs it draws; `None` if unused.
pub(super) type Used = [Option<FaceGlyphs>; 4];

/// Collects every glyph drawn and decides its canonical text. Glyph 0
/// (`.notdef`, a missing character) is refused: it would print an empty box.
pub(super) fn collect(laid: &LaidOut, fonts: &FontSet) -> Result<Used, String> {
    // face → gid → where its texts seen are in `seen` (from 1; 0: unused):
    // an index a glyph of the font, an entry only for the few used.
    let mut index: [Vec<u32>; 4] = Default::default();
    let mut seen: [Vec<(u16, Seen<'_>)>; 4] = Default::default();
    let counts = Face::ALL.map(|f| usize::from(fonts.get(f).glyph_count));
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            let (at_face, face) = (
                &mut index[run.face as usize],
                &mut seen[run.face as usize],
            );
            for Glyph { id, text, .. } in &run.glyphs {
                if *id == 0 {
                    return Err(format!(
                        "page {}: the text {:?} uses a character the {:?} font does not have",
                        p + 1,
                        run.glyphs
                            .iter()
                            .map(|g| g.text.as_str())
                            .collect::<String>(),
                        run.face
                    ));
                }
                let at = usize::from(*id);
                if at >= counts[run.face as usize] {
                    return Err(format!(
                        "page {}: glyph {id} is not in the {:?} font, which has {} glyphs",
                        p + 1,
                        run.face,
                        counts[run.face as usize]
                    ));
                }
                if at_face.len() <= at {
                    at_face.resize(at + 1, 0);
                }
                if at_face[at] == 0 {
                    face.push((*id, Seen::default()));
                    at_face[at] = face.len() as u32;
                }
                face[at_face[at] as usize - 1].1.add(text);
            }
        }
    }
    let mut used: Used = Default::default();
    for face in Face::ALL {
        let glyphs = &mut seen[face as usize];
        if glyphs.is_empty() {
            continue;
        }
        glyphs.sort_unstable_by_key(|&(gid, _)| gid);
        let data = fonts.get(face);
        let font = ttf_parser::Face::parse(&data.bytes, 0)
            .map_err(|e| format!("font {}: {e}", data.name))?;
        let mut reverse: Option<BTreeMap<u16, char>> = None;
        let mut list = Vec::with_capacity(glyphs.len());
        let mut dense = vec![0; index[face as usize].len()];
        // Subset glyph ids: .notdef first, then the used glyphs in id order
        // (the subsetter numbers glyphs by their position in this list).
        for (new, (gid, seen)) in (1u16..).zip(glyphs.iter()) {
            let gid = *gid;
            let text = canonical(&font, gid, &seen.texts(), &mut reverse);
            let advance = f64::from(
                font.glyph_hor_advance(ttf_parser::GlyphId(gid))
                    .unwrap_or(0),
            );
            let width =
                ((advance * 1_000_000.0 / f64::from(font.units_per_em())).round() / 1000.0) as f32;
            let uniform = seen.only(&text);
            list.push((
                gid,
                UsedGlyph {
                    new,
                    text,
                    width,
                    uniform,
                },
            ));
            dense[usize::from(gid)] = new;
        }
        used[face as usize] = Some(FaceGlyphs { list, dense });
    }
    Ok(used)
}

/// String equality without a library call: glyph texts are a few bytes.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

fn canonical(
    font: &ttf_parser::Face<'_>,
    gid: u16,
    texts: &BTreeMap<&str, usize>,
    reverse: &mut Option<BTreeMap<u16, char>>,
) -> String {
    let most = |pred: &dyn Fn(&str) -> bool| -> Option<String> {
        texts
            .iter()
            .filter(|(t, _)| pred(t))
            // Highest count; ties go to the smaller text (BTreeMap order, first wins).
            .fold(None::<(&str, usize)>, |best, (t, &c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((t, c)),
            })
            .map(|(t, _)| t.to_string())
    };
    // What the font itself says this glyph is, when the text agrees.
    let single_in_cmap = |t: &str| {
        let mut cs = t.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if font.glyph_index(c).map(|g| g.0) == Some(gid))
    };
    if let Some(t) = most(&single_in_cmap) {
        return t;
    }
    // Otherwise the font's cmap, if it reaches this glyph at all.
    let reverse = reverse.get_or_insert_with(|| reverse_cmap(font));
    if let Some(c) = reverse.get(&gid) {
        return c.to_string();
    }
    // A ligature or alternate: what it stands for most often.
    most(&|t: &str| !t.is_empty()).unwrap_or_else(|| "\u{FFFD}".into())
}

/// Glyph → the smallest character mapped to it by the font's Unicode cmap.
fn reverse_cmap(font: &ttf_parser::Face<'_>) -> BTreeMap<u16, char> {
    let mut out = BTreeMap::new();
    let Some(cmap) = font.tables().cmap else {
        return out;
    };
    for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        sub.codepoints(|cp| {
            let c = char::from_u32(cp).filter(|c| !c.is_control());
            if let (Some(c), Some(g)) = (c, sub.glyph_index(cp)) {
                let slot = out.entry(g.0).or_insert(c);
                if c < *slot {
                    *slot = c;
                }
            }
        });
    }
    out
}
