//! Inline text: styled pieces broken into lines.
//!
//! Break opportunities come from the Unicode line breaking algorithm over the
//! whole paragraph, so a break never falls inside a word that changes style
//! half way ("GOOD." with a bold "GOOD"). Lines are filled greedily, which is
//! what word processors do and what readers of council reports expect.

use crate::fonts::shape::{Shaped, Shaper, UnitGlyph};
use crate::compose::Rgb;
use crate::error::Error;
use crate::fonts::Face;
use crate::pdf::frame::{ElementId, Glyph};
use unicode_linebreak::{linebreaks, BreakOpportunity};
use std::borrow::Cow;
use std::fmt::Display;
use std::ops::Range;
use std::sync::Arc;

/// How a piece of text is drawn and what it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Style {
    pub face: Face,
    pub size: f32,
    pub colour: Rgb,
    /// The structure element the glyphs are content of.
    pub tag: ElementId,
    /// The target when the piece is a link.
    pub link: Option<String>,
    /// Drawn in capitals; the text as written goes to ActualText.
    pub capitals: bool,
}

/// A piece of a paragraph in one style; its text is the report's own
/// (borrowed: a copy per table cell was a copy of the whole table).
#[derive(Debug, Clone)]
pub(super) struct Inline<'a> {
    pub text: Cow<'a, str>,
    pub style: Style,
}

/// Horizontal alignment of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Centre,
    Right,
    Justify,
}

/// A run of glyphs on a line in one style.
#[derive(Debug, Clone)]
pub(super) struct Frag {
    /// Left edge, from the start of the line.
    pub x: f32,
    pub style: Style,
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    /// The text as written, when the glyphs are capitals.
    pub actual: Option<String>,
}

/// One line of text.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub frags: Vec<Frag>,
    pub width: f32,
}

/// A piece of a break segment: glyphs of one inline, as the shaper keeps
/// them (in font units), made into points only when the line is assembled.
/// A segment's glyphs made and then copied into the line were a vector a
/// word, and every glyph made twice.
#[derive(Debug, Clone)]
struct Piece {
    inline: usize,
    shaped: Arc<Shaped>,
    /// The glyphs of `shaped` in this piece: all of them, but for the
    /// pieces of a word split across lines.
    glyphs: Range<usize>,
    /// Points per font unit.
    scale: f32,
    actual: Option<String>,
}

impl Piece {
    fn units(&self) -> &[UnitGlyph] {
        &self.shaped.glyphs[self.glyphs.clone()]
    }

    /// Each glyph's advance in points, as `Shaper::width` sums them.
    fn advances(&self) -> impl DoubleEndedIterator<Item = f32> + '_ {
        self.units().iter().map(|g| g.advance as f32 * self.scale)
    }

    /// Each glyph with its advance in points.
    fn measured(&self) -> impl DoubleEndedIterator<Item = (&UnitGlyph, f32)> + '_ {
        self.units().iter().map(|g| (g, g.advance as f32 * self.scale))
    }

    /// The glyphs as drawn.
    fn glyphs(&self) -> impl Iterator<Item = Glyph> + '_ {
        self.measured().map(|(g, advance)| Glyph {
            id: g.id,
            advance,
            text: g.text.clone(),
        })
    }

    /// The same piece over `glyphs` of its shaped text.
    fn part(&self, glyphs: Range<usize>) -> Piece {
        Piece {
            inline: self.inline,
            shaped: self.shaped.clone(),
            glyphs,
            scale: self.scale,
            actual: None,
        }
    }
}

/// The text between two break opportunities.
#[derive(Debug, Clone)]
struct Segment {
    pieces: Vec<Piece>,
    width: f32,
    /// Width of trailing white space, which may hang past the line's end.
    trailing: f32,
    /// A line must end after it.
    mandatory: bool,
}

/// Text that is only white space (not empty: a cluster's later glyphs).
fn is_blank(text: &str) -> bool {
    !text.is_empty() && text.chars().all(char::is_whitespace)
}

/// Characters that must not reach the shaper as themselves.
fn clean(text: &str) -> Cow<'_, str> {
    let control = |c: char| c != '\n' && c.is_control();
    if !text.contains(control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if control(c) { ' ' } else { c })
            .collect(),
    )
}

/// Breaks `inlines` into lines at most `width` wide.
///
/// A word wider than the line is split between characters rather than
/// drawn past the margin. `path` names the text in a missing-glyph error
/// (formatted only then: a table's cells name themselves lazily).
pub(super) fn break_lines(
    shaper: &mut Shaper<'_>,
    inlines: &[Inline<'_>],
    width: f32,
    align: Align,
    path: &(impl Display + ?Sized),
) -> Result<Vec<Line>, Error> {
    break_lines_indented(shaper, inlines, width, 0.0, align, path)
}

/// [`break_lines`] with the first line `first` narrower and starting
/// `first` further in: the text after a paragraph number too wide for the
/// gutter, as Word sets it (the tab after the number goes to the next stop).
pub(super) fn break_lines_indented(
    shaper: &mut Shaper<'_>,
    inlines: &[Inline<'_>],
    width: f32,
    first: f32,
    align: Align,
    path: &(impl Display + ?Sized),
) -> Result<Vec<Line>, Error> {
    let path: &dyn Display = &path;
    let room = |line: usize| if line == 0 { width - first } else { width };
    // Cleaned copies only of the inlines that need it (few do).
    let inlines: Vec<Cow<'_, Inline<'_>>> = inlines
        .iter()
        .filter(|i| !i.text.is_empty())
        .map(|i| match clean(&i.text) {
            Cow::Borrowed(_) => Cow::Borrowed(i),
            Cow::Owned(text) => Cow::Owned(Inline {
                text: Cow::Owned(text),
                style: i.style.clone(),
            }),
        })
        .collect();
    // The text as one string, for the break opportunities: the one inline's
    // own when there is one (a table cell, a list item), not a copy.
    let mut bounds = Vec::with_capacity(inlines.len());
    let all: Cow<'_, str> = match inlines.as_slice() {
        [one] => {
            bounds.push((0, one.text.len()));
            Cow::Borrowed(one.text.as_ref())
        }
        _ => {
            let mut all = String::new();
            for i in &inlines {
                let start = all.len();
                all.push_str(&i.text);
                bounds.push((start, all.len()));
            }
            Cow::Owned(all)
        }
    };

    let mut lines: Vec<(Vec<Piece>, bool)> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut used = 0.0f32;
    let mut last = 0;
    for (pos, kind) in linebreaks(&all) {
        if pos == last {
            continue;
        }
        let mandatory = kind == BreakOpportunity::Mandatory && pos < all.len();
        let seg = segment(shaper, &inlines, &bounds, last, pos, mandatory, path)?;
        last = pos;
        let fits = used + seg.width - seg.trailing <= room(lines.len()) + 0.01;
        if !fits && !current.is_empty() {
            lines.push((std::mem::take(&mut current), false));
            used = 0.0;
        }
        let width = room(lines.len());
        if seg.width - seg.trailing > width + 0.01 {
            // An overlong word: fill lines glyph by glyph, breaking between clusters.
            for piece in split_overlong(seg.pieces, width) {
                if piece.0 {
                    lines.push((std::mem::take(&mut current), false));
                    used = 0.0;
                }
                used += piece.1.advances().sum::<f32>();
                current.push(piece.1);
            }
        } else {
            used += seg.width;
            current.extend(seg.pieces);
        }
        if seg.mandatory {
            lines.push((std::mem::take(&mut current), true));
            used = 0.0;
        }
    }
    if !current.is_empty() {
        lines.push((current, true));
    }

    let count = lines.len();
    Ok(lines
        .into_iter()
        .enumerate()
        .map(|(n, (pieces, hard))| {
            let mut line = assemble(&inlines, pieces);
            let last_line = n + 1 == count || hard;
            finish(
                &mut line,
                room(n),
                if last_line && align == Align::Justify {
                    Align::Left
                } else {
                    align
                },
            );
            if n == 0 {
                for f in &mut line.frags {
                    f.x += first;
                }
            }
            line
        })
        .collect())
}

fn segment(
    shaper: &mut Shaper<'_>,
    inlines: &[Cow<'_, Inline<'_>>],
    bounds: &[(usize, usize)],
    from: usize,
    to: usize,
    mandatory: bool,
    path: &dyn Display,
) -> Result<Segment, Error> {
    let mut pieces = Vec::new();
    // Only the runs overlapping this segment: found by binary search, so a
    // paragraph of many runs is not scanned once per segment (that was
    // quadratic: 40,000 runs took five seconds).
    let first = bounds.partition_point(|&(_, e)| e <= from);
    for (i, &(s, e)) in bounds.iter().enumerate().skip(first) {
        if s >= to {
            break;
        }
        let (a, b) = (s.max(from), e.min(to));
        if a >= b {
            continue;
        }
        let inline = &inlines[i];
        let text = &inline.text[a - s..b - s];
        // A hard break becomes a space, so the words either side stay apart.
        let owned;
        let text = match text.strip_suffix('\n') {
            Some(t) => {
                owned = format!("{t} ");
                owned.as_str()
            }
            None => text,
        };
        if text.is_empty() {
            continue;
        }
        let face = inline.style.face;
        let (shaped, actual) = if inline.style.capitals {
            let upper = text.to_uppercase();
            (shaper.shape(face, &upper), Some(text.to_string()))
        } else {
            (shaper.shape(face, text), None)
        };
        check(shaped.missing, path)?;
        pieces.push(Piece {
            inline: i,
            glyphs: 0..shaped.glyphs.len(),
            shaped,
            scale: shaper.scale(face, inline.style.size),
            actual,
        });
    }
    let width = pieces.iter().flat_map(Piece::advances).sum();
    let trailing = pieces
        .iter()
        .flat_map(Piece::measured)
        .rev()
        .take_while(|(g, _)| is_blank(&g.text) || g.text.is_empty())
        .map(|(_, advance)| advance)
        .sum();
    Ok(Segment {
        pieces,
        width,
        trailing,
        mandatory,
    })
}

fn check(missing: Option<char>, path: &dyn Display) -> Result<(), Error> {
    match missing {
        Some(ch) => Err(Error::MissingGlyph {
            path: path.to_string(),
            ch,
        }),
        None => Ok(()),
    }
}

/// Splits an overlong word, which starts a line, into pieces that each fit;
/// `true` marks a piece that must start a new line.
fn split_overlong(pieces: Vec<Piece>, width: f32) -> Vec<(bool, Piece)> {
    let mut out = Vec::new();
    let mut used = 0.0f32;
    for piece in pieces {
        let units = piece.units();
        let at = |i: usize| piece.glyphs.start + i;
        // The glyphs taken since the last piece was pushed.
        let mut from = 0;
        let mut breaks = false;
        let mut i = 0;
        while i < units.len() {
            // A cluster: its first glyph and the empty-text glyphs after it.
            let mut j = i + 1;
            while j < units.len() && units[j].text.is_empty() {
                j += 1;
            }
            let w: f32 = units[i..j].iter().map(|g| g.advance as f32 * piece.scale).sum();
            if used + w > width + 0.01 && used > 0.0 && !is_blank(&units[i].text) {
                if from < i {
                    out.push((breaks, piece.part(at(from)..at(i))));
                    from = i;
                }
                breaks = true;
                used = 0.0;
            }
            used += w;
            i = j;
        }
        if from < units.len() {
            out.push((breaks, piece.part(at(from)..at(units.len()))));
        }
    }
    out
}

/// Joins a line's pieces into runs, one per inline.
fn assemble(inlines: &[Cow<'_, Inline<'_>>], pieces: Vec<Piece>) -> Line {
    // Each run's glyphs in one allocation of the size it ends at: grown a
    // word at a time, a line's glyphs were copied four or five times over
    // and held with up to twice their room, which was a third of the
    // sample's peak heap (massif) and its page faults.
    let mut frags: Vec<(usize, Frag)> = Vec::new();
    let mut runs = pieces.iter().peekable();
    let mut lengths = Vec::new();
    while let Some(p) = runs.next() {
        let mut len = p.glyphs.len();
        while let Some(next) = runs.next_if(|n| n.inline == p.inline) {
            len += next.glyphs.len();
        }
        lengths.push(len);
    }
    let mut lengths = lengths.into_iter();
    for p in pieces {
        match frags.last_mut() {
            Some((i, f)) if *i == p.inline => {
                f.glyphs.extend(p.glyphs());
                if let (Some(a), Some(b)) = (&mut f.actual, p.actual) {
                    a.push_str(&b);
                }
            }
            _ => {
                let mut glyphs = Vec::with_capacity(lengths.next().unwrap_or(0));
                glyphs.extend(p.glyphs());
                frags.push((
                    p.inline,
                    Frag {
                        x: 0.0,
                        style: inlines[p.inline].style.clone(),
                        glyphs,
                        width: 0.0,
                        actual: p.actual,
                    },
                ));
            }
        }
    }
    let frags: Vec<Frag> = frags.into_iter().map(|(_, f)| f).collect();
    // White space at the end of a line stays (it is invisible, and keeps
    // the words of consecutive lines apart for extraction and screen
    // readers) but does not count for fitting or alignment.
    Line { frags, width: 0.0 }
}

/// Positions the runs of a line for its alignment.
fn finish(line: &mut Line, width: f32, align: Align) {
    let count: usize = line.frags.iter().map(|f| f.glyphs.len()).sum();
    let mut visible = count;
    for g in line.frags.iter().flat_map(|f| &f.glyphs).rev() {
        if !is_blank(&g.text) {
            break;
        }
        visible -= 1;
    }
    let natural: f32 = line
        .frags
        .iter()
        .flat_map(|f| &f.glyphs)
        .take(visible)
        .map(|g| g.advance)
        .sum();
    let mut spare = (width - natural).max(0.0);
    if align == Align::Justify {
        let spaces = line
            .frags
            .iter()
            .flat_map(|f| &f.glyphs)
            .take(visible)
            .filter(|g| g.text == " ")
            .count();
        if spaces > 0 {
            let extra = spare / spaces as f32;
            let glyphs = line.frags.iter_mut().flat_map(|f| &mut f.glyphs);
            for g in glyphs.take(visible) {
                if g.text == " " {
                    g.advance += extra;
                }
            }
            spare = 0.0;
        }
    }
    let start = match align {
        Align::Left | Align::Justify => 0.0,
        Align::Centre => spare / 2.0,
        Align::Right => spare,
    };
    let mut x = start;
    for f in &mut line.frags {
        f.x = x;
        f.width = f.glyphs.iter().map(|g| g.advance).sum();
        x += f.width;
    }
    line.width = natural
        + if align == Align::Justify {
            width - natural - spare
        } else {
            0.0
        };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    fn style(face: Face) -> Style {
        Style {
            face,
            size: 12.0,
            colour: Rgb(0, 0, 0),
            tag: 0,
            link: None,
            capitals: false,
        }
    }

    fn plain(text: &str) -> Vec<Inline<'_>> {
        vec![Inline {
            text: text.into(),
            style: style(Face::Regular),
        }]
    }

    fn text_of(line: &Line) -> String {
        line.frags
            .iter()
            .flat_map(|f| &f.glyphs)
            .map(|g| g.text.as_str())
            .collect()
    }

    /// Compose measures with `Shaper::width`, and the layout fits a piece by
    /// its advances and draws its glyphs: a table compose decides fits on a
    /// page must fit when drawn, so all three agree to the bit.
    #[test]
    fn a_piece_measures_and_draws_the_shapers_width_to_the_bit() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        for text in ["AV", "£1,250.75", "Straße ﬁnance", " "] {
            let shaped = s.shape(Face::Bold, text);
            let piece = Piece {
                inline: 0,
                glyphs: 0..shaped.glyphs.len(),
                shaped,
                scale: s.scale(Face::Bold, 9.5),
                actual: None,
            };
            let fitted: f32 = piece.advances().sum();
            let drawn = piece.glyphs().fold(0.0, |w, g| w + g.advance);
            let width = s.width(Face::Bold, 9.5, text);
            assert_eq!(width.to_bits(), fitted.to_bits(), "{text:?}");
            assert_eq!(width.to_bits(), drawn.to_bits(), "{text:?}");
        }
    }

    #[test]
    fn lines_fill_greedily_and_keep_their_words_apart() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let lines = break_lines(
            &mut s,
            &plain("one two three four five six seven"),
            60.0,
            Align::Left,
            "$",
        )
        .unwrap();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 60.0 + 0.01));
        let joined: String = lines.iter().map(text_of).collect();
        assert_eq!(joined, "one two three four five six seven");
    }

    #[test]
    fn a_hard_break_ends_the_line_and_becomes_a_space() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let lines = break_lines(&mut s, &plain("first\nsecond"), 400.0, Align::Left, "$").unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(text_of(&lines[0]), "first ");
        assert_eq!(text_of(&lines[1]), "second");
    }

    #[test]
    fn right_alignment_ignores_the_space_hanging_at_the_end() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let lines = break_lines(&mut s, &plain("£1,250 "), 100.0, Align::Right, "$").unwrap();
        let f = &lines[0].frags[0];
        let visible: f32 = f
            .glyphs
            .iter()
            .filter(|g| g.text != " ")
            .map(|g| g.advance)
            .sum();
        assert!(
            (f.x + visible - 100.0).abs() < 0.01,
            "ends at {}",
            f.x + visible
        );
    }

    #[test]
    fn styles_change_inside_a_word_without_breaking_it() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let inl = vec![
            Inline {
                text: "rated ".into(),
                style: style(Face::Regular),
            },
            Inline {
                text: "GOOD".into(),
                style: style(Face::Bold),
            },
            Inline {
                text: ". Next".into(),
                style: style(Face::Regular),
            },
        ];
        // Room for "rated GOOD" but not "rated GOOD.": the full stop must not start a line.
        let w = s.width(Face::Bold, 12.0, "GOOD");
        let r = s.width(Face::Regular, 12.0, "rated ");
        let lines = break_lines(&mut s, &inl, r + w + 1.0, Align::Left, "$").unwrap();
        assert_eq!(text_of(&lines[0]), "rated ");
        assert!(text_of(&lines[1]).starts_with("GOOD."));
        assert_eq!(lines[1].frags[0].style.face, Face::Bold);
    }

    #[test]
    fn capitals_are_drawn_with_the_words_as_written_alongside() {
        let fonts = FontSet::default_fonts();
        let mut s = Shaper::new(&fonts);
        let mut st = style(Face::Bold);
        st.capitals = true;
        let inl = vec![Inline {
            text: "Straße plan".into(),
            style: st,
        }];
        let lines = break_lines(&mut s, &inl, 400.0, Align::Left, "$").unwrap();
        assert_eq!(text_of(&lines[0]), "STRASSE PLAN");
        assert_eq!(lines[0].frags[0].actual.as_deref(), Some("Straße plan"));
    }
}
