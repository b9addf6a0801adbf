//! Page content streams, written as bytes.
//!
//! Coordinates in the frame are from the top-left; PDF's are from the
//! bottom-left, so every y is flipped here and nowhere else. Text is placed
//! absolutely (`Tm`) and glyph advances are kept as shaped through `TJ`
//! adjustments, corrected for rounding so errors never add up along a line.

use super::glyphs::Used;
use super::marks::Mark;
use crate::pdf::frame::{ArtifactKind, ElementId, Item, ItemKind, Page, Role, Structure, TextRun};
use crate::template::Rgb;
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
            let _ = writeln!(
                out,
                "/{} <</MCID {mcid}>> BDC",
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
    // span; otherwise split it into clusters (a glyph with text and the
    // textless glyphs after it) and mark those the glyphs do not spell.
    let mut clusters: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, needs ActualText)
    if let Some(actual) = &run.actual_text {
        span_start(out, actual);
        clusters.push((0, run.glyphs.len(), false));
    } else {
        let mut i = 0;
        while i < run.glyphs.len() {
            let mut j = i + 1;
            while j < run.glyphs.len() && run.glyphs[j].text.is_empty() {
                j += 1;
            }
            let spelled = run.glyphs[i..j].iter().try_fold(String::new(), |mut s, g| {
                s.push_str(&glyphs.get(g.id)?.text);
                Some(s)
            });
            let spelled = spelled.ok_or("a glyph was drawn but not collected")?;
            let real: String = run.glyphs[i..j].iter().map(|g| g.text.as_str()).collect();
            clusters.push((i, j, spelled != real));
            i = j;
        }
    }

    // Pen position error (in 1/1000 text-space units) carried between glyphs.
    let mut drift = 0.0f32;
    let mut k = 0;
    while k < clusters.len() {
        let actual = clusters[k].2;
        let start = clusters[k].0;
        while k < clusters.len() && clusters[k].2 == actual {
            k += 1;
        }
        let end = clusters[k - 1].1;
        if actual {
            let real: String = run.glyphs[start..end]
                .iter()
                .map(|g| g.text.as_str())
                .collect();
            out.extend_from_slice(b"/Span <</ActualText <FEFF");
            for unit in real.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.extend_from_slice(b">>> BDC ");
        }
        out.push(b'[');
        let mut in_hex = false;
        for g in &run.glyphs[start..end] {
            let used = glyphs
                .get(g.id)
                .ok_or("a glyph was drawn but not collected")?;
            let new = used.new;
            if !in_hex {
                out.push(b'<');
                in_hex = true;
            }
            let _ = write!(out, "{new:04X}");
            // Natural advance is the /W width; the shaped one may differ (kerning).
            let natural = used.width;
            let shaped = g.advance * 1000.0 / run.size;
            drift += natural - shaped;
            let adjust = drift.round();
            if adjust != 0.0 {
                let _ = write!(out, ">{}", adjust as i64);
                in_hex = false;
                drift -= adjust;
            }
        }
        if in_hex {
            out.push(b'>');
        }
        out.extend_from_slice(b"] TJ\n");
        if actual {
            out.extend_from_slice(b"EMC\n");
        }
    }
    if run.actual_text.is_some() {
        out.extend_from_slice(b"EMC\n");
    }
    out.extend_from_slice(b"ET\n");
    Ok(())
}

/// Opens a `/Span` whose `/ActualText` replaces the glyphs' own text.
fn span_start(out: &mut Vec<u8>, actual: &str) {
    out.extend_from_slice(b"/Span <</ActualText <FEFF");
    for unit in actual.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.extend_from_slice(b">>> BDC ");
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
        let _ = write!(out, "{}", milli / 1000);
        let frac = milli % 1000;
        if frac != 0 {
            let s = format!("{frac:03}");
            out.push(b'.');
            out.extend_from_slice(s.trim_end_matches('0').as_bytes());
        }
        out.push(b' ');
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
