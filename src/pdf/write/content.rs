//! Page content streams, written as bytes.
//!
//! Coordinates in the frame are from the top-left; PDF's are from the
//! bottom-left, so every y is flipped here and nowhere else. Text is placed
//! absolutely (`Tm`) and glyph advances are kept as shaped through `TJ`
//! adjustments, corrected for rounding so errors never add up along a line.

use super::glyphs::Used;
use super::marks::Mark;
use super::file::int;
use crate::compose::Rgb;
use crate::pdf::frame::{ArtifactKind, ElementId, Item, ItemKind, Page, Role, Structure, TextRun};
use std::io::Write;

/// What a page's content stream needs from the rest of the writer.
pub(super) struct PageContext<'a> {
    pub page_height: f32,
    pub structure: &'a Structure,
    pub glyphs: &'a Used,
}

/// Text state already set in the stream: font and size persist across
/// `BT`/`ET`, and the fill colour until something inside `q … Q` changes
/// it (rectangles and lines restore theirs), so neither is repeated.
#[derive(Default)]
struct TextState {
    font: Option<(usize, u32)>,
    fill: Option<Rgb>,
}

/// Writes one page's content stream.
pub(super) fn page_stream(
    page: &Page,
    marks: &[Option<Mark>],
    cx: &PageContext<'_>,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(page.items.len() * 64);
    let mut open: Option<Mark> = None;
    let mut state = TextState::default();
    for (item, mark) in page.items.iter().zip(marks) {
        let Some(mark) = *mark else { continue };
        if open != Some(mark) {
            if open.is_some() {
                out.extend_from_slice(b"EMC\n");
            }
            begin_mark(&mut out, mark, cx.structure);
            open = Some(mark);
        }
        draw(&mut out, item, cx, &mut state)?;
    }
    if open.is_some() {
        out.extend_from_slice(b"EMC\n");
    }
    Ok(out)
}

fn begin_mark(out: &mut Vec<u8>, mark: Mark, structure: &Structure) {
    match mark {
        Mark::Artifact(kind) => {
            let kind = match kind {
                ArtifactKind::Pagination | ArtifactKind::RepeatedHeader => "Pagination",
                ArtifactKind::Layout => "Layout",
            };
            let _ = writeln!(out, "/Artifact <</Type /{kind}>> BDC");
        }
        Mark::Content { element, mcid } => {
            // The language on the marked content too, for readers that
            // extract text without walking the structure tree.
            let lang = match &structure.elements[element].role {
                Role::Span { lang } => format!("/Lang ({lang}) "),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "/{} <<{lang}/MCID {mcid}>> BDC",
                role_name(structure, element)
            );
        }
    }
}

/// The standard structure type of an element, as written in `/S` and as the
/// marked-content tag.
pub(super) fn role_name(structure: &Structure, element: ElementId) -> &'static str {
    match &structure.elements[element].role {
        Role::Document => "Document",
        Role::Part { .. } => "Part",
        Role::Heading(n) => ["H1", "H2", "H3", "H4", "H5", "H6"][usize::from((*n).clamp(1, 6)) - 1],
        Role::P => "P",
        Role::L => "L",
        Role::LI => "LI",
        Role::Lbl => "Lbl",
        Role::LBody => "LBody",
        Role::Table => "Table",
        Role::THead => "THead",
        Role::TBody => "TBody",
        Role::TFoot => "TFoot",
        Role::TR => "TR",
        Role::TH(_) => "TH",
        Role::TD => "TD",
        Role::BlockQuote => "BlockQuote",
        Role::Figure { .. } => "Figure",
        Role::Caption => "Caption",
        Role::Link { .. } => "Link",
        Role::Div => "Div",
        Role::Span { .. } => "Span",
    }
}

fn draw(
    out: &mut Vec<u8>,
    item: &Item,
    cx: &PageContext<'_>,
    state: &mut TextState,
) -> Result<(), String> {
    let h = cx.page_height;
    match &item.kind {
        ItemKind::Text(run) => text(out, run, cx, state)?,
        ItemKind::Rect {
            x,
            y,
            w,
            h: rh,
            fill,
            stroke,
        } => {
            out.extend_from_slice(b"q ");
            if let Some(c) = fill {
                colour(out, *c, "rg");
            }
            if let Some((c, width)) = stroke {
                colour(out, *c, "RG");
                nums(out, &[*width]);
                out.extend_from_slice(b"w ");
            }
            nums(out, &[*x, h - y - rh, *w, *rh]);
            let op: &[u8] = match (fill.is_some(), stroke.is_some()) {
                (true, true) => b"re B Q\n",
                (true, false) => b"re f Q\n",
                (false, true) => b"re S Q\n",
                (false, false) => b"re n Q\n",
            };
            out.extend_from_slice(op);
        }
        ItemKind::Line {
            from,
            to,
            width,
            colour: c,
        } => {
            out.extend_from_slice(b"q ");
            colour(out, *c, "RG");
            nums(out, &[*width]);
            out.extend_from_slice(b"w ");
            nums(out, &[from.0, h - from.1]);
            out.extend_from_slice(b"m ");
            nums(out, &[to.0, h - to.1]);
            out.extend_from_slice(b"l S Q\n");
        }
        ItemKind::Image {
            image,
            x,
            y,
            w,
            h: ih,
        } => {
            out.extend_from_slice(b"q ");
            nums(out, &[*w, 0.0, 0.0, *ih, *x, h - y - ih]);
            let _ = writeln!(out, "cm /{} Do Q", super::images::resource_name(*image));
        }
        ItemKind::Link { .. } => {}
    }
    Ok(())
}

/// One run: `BT /Fn size Tf colour x y Tm [glyphs adjustments] TJ ET`, with
/// `/ActualText` spans around clusters whose glyphs do not spell their text.
fn text(
    out: &mut Vec<u8>,
    run: &TextRun,
    cx: &PageContext<'_>,
    state: &mut TextState,
) -> Result<(), String> {
    if run.glyphs.is_empty() {
        return Ok(());
    }
    let face = run.face as usize;
    let glyphs = cx.glyphs[face]
        .as_ref()
        .ok_or("a face was drawn but not collected")?;
    out.extend_from_slice(b"BT ");
    let font = (face, run.size.to_bits());
    if state.font != Some(font) {
        let _ = write!(out, "/{} ", run.face.resource_name());
        nums(out, &[run.size]);
        out.extend_from_slice(b"Tf ");
        state.font = Some(font);
    }
    if state.fill != Some(run.colour) {
        colour(out, run.colour, "rg");
        state.fill = Some(run.colour);
    }
    out.extend_from_slice(b"1 0 0 1 ");
    nums(out, &[run.x, cx.page_height - run.y]);
    out.extend_from_slice(b"Tm\n");

    // A run with its own actual text (capitals drawn for normal case) is one
    // span; otherwise each cluster (a glyph with text and the textless glyphs
    // after it) whose glyphs do not spell its text gets one, neighbours merged.
    if let Some(actual) = &run.actual_text {
        span_start(out, actual);
    }
    let mut drift = 0.0f32; // pen error in 1/1000 em, carried between glyphs
    let mut i = 0;
    while i < run.glyphs.len() {
        let mut j = i;
        let mut actual = false;
        // Extend [i, j) over clusters that agree on needing ActualText.
        while j < run.glyphs.len() {
            let mut end = j + 1;
            while end < run.glyphs.len() && run.glyphs[end].text.is_empty() {
                end += 1;
            }
            let needs = run.actual_text.is_none() && !spells(glyphs, &run.glyphs[j..end])?;
            if j == i {
                actual = needs;
            } else if needs != actual {
                break;
            }
            j = end;
        }
        if actual {
            let real: String = run.glyphs[i..j].iter().map(|g| g.text.as_str()).collect();
            span_start(out, &real);
        }
        out.push(b'[');
        let mut in_string = false;
        for g in &run.glyphs[i..j] {
            let used = glyphs
                .get(g.id)
                .ok_or("a glyph was drawn but not collected")?;
            if !in_string {
                out.push(b'(');
                in_string = true;
            }
            code(out, used.new);
            // The /W width is the natural advance; shaping may differ (kerning).
            let shaped = g.advance * 1000.0 / run.size;
            // A nonsensical size or advance draws at the natural width.
            drift += if shaped.is_finite() {
                used.width - shaped
            } else {
                0.0
            };
            let adjust = drift.round();
            if adjust != 0.0 {
                out.push(b')');
                int(out, adjust as i64);
                in_string = false;
                drift -= adjust;
            }
        }
        if in_string {
            out.push(b')');
        }
        out.extend_from_slice(b"] TJ\n");
        if actual {
            out.extend_from_slice(b"EMC\n");
        }
        i = j;
    }
    if run.actual_text.is_some() {
        out.extend_from_slice(b"EMC\n");
    }
    out.extend_from_slice(b"ET\n");
    Ok(())
}

/// True when a cluster's glyphs, by their ToUnicode texts, spell the
/// cluster's text (held on its first glyph).
fn spells(
    glyphs: &super::glyphs::FaceGlyphs,
    cluster: &[crate::pdf::frame::Glyph],
) -> Result<bool, String> {
    if let [g] = cluster {
        let used = glyphs
            .get(g.id)
            .ok_or("a glyph was drawn but not collected")?;
        // A glyph used only for its canonical text spells any non-empty cluster it heads.
        if used.uniform && !g.text.is_empty() {
            return Ok(true);
        }
    }
    let mut rest = cluster[0].text.as_str();
    for g in cluster {
        let text = &glyphs
            .get(g.id)
            .ok_or("a glyph was drawn but not collected")?
            .text;
        match rest.strip_prefix(text.as_str()) {
            Some(r) => rest = r,
            None => return Ok(false),
        }
    }
    Ok(rest.is_empty())
}

/// Opens a `/Span` whose `/ActualText` replaces the glyphs' own text.
fn span_start(out: &mut Vec<u8>, actual: &str) {
    out.extend_from_slice(b"/Span <</ActualText <FEFF");
    for unit in actual.encode_utf16() {
        hex4(out, unit);
    }
    out.extend_from_slice(b">>> BDC ");
}

/// A two-byte glyph code inside a literal string. Literal rather than hex:
/// half the bytes to write and to compress, and page streams are most of
/// what a render compresses.
fn code(out: &mut Vec<u8>, v: u16) {
    for b in v.to_be_bytes() {
        literal_byte(out, b);
    }
}

/// Four upper-case hex digits.
fn hex4(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        HEX[usize::from(v >> 12)],
        HEX[usize::from((v >> 8) & 15)],
        HEX[usize::from((v >> 4) & 15)],
        HEX[usize::from(v & 15)],
    ]);
}

fn colour(out: &mut Vec<u8>, c: Rgb, op: &str) {
    let [r, g, b] = c.unit();
    nums(out, &[r, g, b]);
    out.extend_from_slice(op.as_bytes());
    out.push(b' ');
}

/// Numbers with at most three decimals, trailing zeros dropped, each followed by a space.
fn nums(out: &mut Vec<u8>, values: &[f32]) {
    for &v in values {
        let v = if v.is_finite() { v } else { 0.0 };
        let milli = (f64::from(v) * 1000.0).round() as i64;
        if milli < 0 {
            out.push(b'-');
        }
        let milli = milli.unsigned_abs();
        int(out, (milli / 1000) as i64);
        let mut frac = milli % 1000;
        if frac != 0 {
            out.push(b'.');
            let mut digits = 3;
            while frac.is_multiple_of(10) {
                frac /= 10;
                digits -= 1;
            }
            let s = [
                b'0' + (frac / 100 % 10) as u8,
                b'0' + (frac / 10 % 10) as u8,
                b'0' + (frac % 10) as u8,
            ];
            out.extend_from_slice(&s[3 - digits..]);
        }
        out.push(b' ');
    }
}

/// One byte inside a literal string: the delimiters and the escape
/// character escaped, and line ends too, which a reader would normalise.
fn literal_byte(out: &mut Vec<u8>, b: u8) {
    match b {
        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\n' => out.extend_from_slice(b"\\n"),
        _ => out.push(b),
    }
}

#[cfg(test)]
mod tests {
    use super::nums;

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        let mut out = Vec::new();
        nums(
            &mut out,
            &[0.0, 12.5, -3.25, 841.89, 1.0 / 3.0, -0.0004, f32::NAN],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 12.5 -3.25 841.89 0.333 0 0 "
        );
    }
}
