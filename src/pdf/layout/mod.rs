//! Layout: a composed document to laid-out pages.
//!
//! Three passes. Every block is first measured into unbreakable [`Chunk`]s
//! (a line, a table row, an image), each already carrying its tags, so the
//! structure tree is built in reading order as a side effect. Pagination
//! then places chunks on pages, honouring keep-with-next (headings, the
//! first and last two lines of a paragraph) and repeating table headers.
//! Last, the page furniture that needs the page count (footers) is drawn.

mod blocks;
mod front;
mod paginate;
mod shape;
mod table;
mod text;

use crate::assets::{Assets, LoadedImage};
use crate::compose::Document;
use crate::error::Error;
use crate::model::{Span, Text};
use crate::pdf::fonts::{Face, FontSet};
use crate::pdf::frame::{
    ArtifactKind, ElementId, Item, ItemKind, LaidOut, Role, Structure, Tag, TextRun,
};
use crate::template::Rgb;
pub(crate) use shape::ShapeCache;
use shape::Shaper;
use std::collections::BTreeMap;
use text::{Align, Inline, Line, Style};

/// A4 in points.
pub const PAGE_SIZE: (f32, f32) = (595.28, 841.89);
const MM: f32 = 72.0 / 25.4;
/// Left and right margins, as in Word (`compose::page`).
const MARGIN_X: f32 = crate::compose::page::MARGIN_MM * MM;
/// Width of the text block.
const TEXT_WIDTH: f32 = PAGE_SIZE.0 - 2.0 * MARGIN_X;
/// Top of the body on pages after the first (below the running header).
const BODY_TOP: f32 = 24.0 * MM;
/// Bottom of the body (above the footer).
const BODY_BOTTOM: f32 = PAGE_SIZE.1 - 22.0 * MM;
/// The column paragraph numbers hang in; numbered text starts after it.
const GUTTER: f32 = 36.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.3;
/// Furniture (running header, footer) colour: dark grey, 7:1 on white.
const GREY: Rgb = Rgb(0x50, 0x5A, 0x5F);
/// Table rules.
const RULE: Rgb = Rgb(0xB1, 0xB4, 0xB6);

/// An unbreakable piece of the flow: a line, a table row, an image.
#[derive(Debug, Clone, Default)]
struct Chunk {
    /// Height, excluding `space_before`.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// Must be on the same page as the next chunk.
    pub keep_with_next: bool,
    /// Items, with y measured from the chunk's top.
    pub items: Vec<Item>,
    /// A table header to draw first (as an artifact) when this chunk opens a page.
    pub repeat: Option<std::rc::Rc<Chunk>>,
    /// An outline entry at this chunk's top: title and level.
    pub bookmark: Option<(String, u8)>,
}

/// Where a block goes: its left edge, width and structure parent.
#[derive(Debug, Clone, Copy)]
struct Column {
    pub x: f32,
    pub w: f32,
    pub parent: ElementId,
}

/// Type sizes derived from the brand's body size.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    pub body: f32,
    pub title: f32,
    pub h2: f32,
    pub h3: f32,
    pub table: f32,
    pub small: f32,
}

/// What layout carries from block to block.
struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub assets: &'a Assets,
    pub shaper: Shaper<'a>,
    pub structure: Structure,
    pub images: Vec<LoadedImage>,
    image_index: BTreeMap<String, usize>,
    pub sizes: Sizes,
    pub text_colour: Rgb,
    pub primary: Rgb,
    pub on_primary: Rgb,
    /// A light tint of the primary colour, for label cells and notices.
    pub tint: Rgb,
    pub align: Align,
}

/// Lays out a composed document on A4 pages.
///
/// Fails with [`Error::MissingGlyph`] naming the JSON path of text the
/// brand's fonts cannot draw, and [`Error::Image`] for an image the assets
/// do not hold. The same input always gives the same pages.
pub fn layout(doc: &Document<'_>, assets: &Assets, fonts: &FontSet) -> Result<LaidOut, Error> {
    let brand = &doc.template.brand;
    let body = brand.body_size;
    let p = brand.primary_colour;
    let mut cx = Ctx {
        doc,
        assets,
        shaper: Shaper::new(fonts),
        structure: Structure::new(),
        images: vec![assets.logo.clone()],
        image_index: BTreeMap::new(),
        sizes: Sizes {
            body,
            title: (body * 1.67).round(),
            h2: (body * 1.17).round(),
            h3: body,
            table: (body - 1.0).max(9.0),
            small: (body * 0.75).max(8.0),
        },
        text_colour: brand.text_colour,
        primary: p,
        on_primary: brand.on_primary_colour,
        tint: tint(p, 0.12),
        align: if doc.template.justify {
            Align::Justify
        } else {
            Align::Left
        },
    };

    let mut first = crate::pdf::frame::Page::default();
    let first_top = front::band(&mut cx, &mut first)?;
    let mut chunks = Vec::new();
    front::masthead(&mut cx, &mut chunks)?;
    front::metadata(&mut cx, &mut chunks)?;
    let col = Column {
        x: MARGIN_X,
        w: TEXT_WIDTH,
        parent: 0,
    };
    for node in &doc.body {
        blocks::node(&mut cx, node, col, &mut chunks)?;
    }
    let (mut pages, outline) = paginate::paginate(chunks, first, first_top);
    front::furniture(&mut cx, &mut pages)?;
    Ok(LaidOut {
        page_size: PAGE_SIZE,
        pages,
        structure: cx.structure,
        outline,
        meta: doc.meta.clone(),
        images: cx.images,
    })
}

/// A text style before it is tied to an element.
#[derive(Debug, Clone, Copy)]
struct Look {
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
    pub colour: Rgb,
    pub capitals: bool,
}

impl Ctx<'_> {
    /// Body text.
    pub fn body_look(&self) -> Look {
        Look {
            bold: false,
            italic: false,
            size: self.sizes.body,
            colour: self.text_colour,
            capitals: false,
        }
    }

    /// A stronger tint of the primary colour, for rules beside quotations.
    pub fn tint_strong(&self) -> Rgb {
        tint(self.primary, 0.45)
    }

    /// Line height for a size.
    pub fn leading(size: f32) -> f32 {
        size * LEADING
    }

    /// The index of a body image in [`LaidOut::images`], adding it on first use.
    pub fn image(&mut self, src: &str, path: &str) -> Result<(usize, LoadedImage), Error> {
        let img = self.assets.images.get(src).ok_or_else(|| Error::Image {
            path: path.to_string(),
            src: src.to_string(),
            reason: "the image was not loaded with the report".into(),
        })?;
        let next = self.images.len();
        let index = *self.image_index.entry(src.to_string()).or_insert(next);
        if index == next {
            self.images.push(img.clone());
        }
        Ok((index, img.clone()))
    }

    /// Rich text as inline pieces of `parent`; each link becomes a `Link` element.
    ///
    /// Email addresses and web addresses written as plain text become links
    /// too, as readers expect of a published report.
    pub fn inlines(&mut self, text: &Text, look: Look, parent: ElementId) -> Vec<Inline> {
        text.0
            .iter()
            .filter(|s| !s.text.is_empty())
            .flat_map(autolink)
            .map(|span| self.inline(&span, look, parent))
            .collect()
    }

    fn inline(&mut self, span: &Span, look: Look, parent: ElementId) -> Inline {
        // A target no reader can safely follow (`javascript:`) stays plain
        // text, as in Word; the validator reports it (R12).
        let link = span
            .link
            .clone()
            .filter(|url| !span.text.trim().is_empty() && Span::is_followable(url));
        let tag = match &link {
            Some(url) => self.structure.push(
                parent,
                Role::Link {
                    alt: link_alt(&span.text, url),
                },
            ),
            None => parent,
        };
        Inline {
            text: span.text.clone(),
            style: Style {
                face: Face::of(look.bold || span.bold, look.italic || span.italic),
                size: look.size,
                colour: if link.is_some() {
                    self.primary
                } else {
                    look.colour
                },
                tag,
                link,
                capitals: look.capitals,
            },
        }
    }

    /// Plain text in one look.
    pub fn plain(&self, text: &str, look: Look, tag: ElementId) -> Inline {
        Inline {
            text: text.to_string(),
            style: Style {
                face: Face::of(look.bold, look.italic),
                size: look.size,
                colour: look.colour,
                tag,
                link: None,
                capitals: look.capitals,
            },
        }
    }

    /// Breaks inline text into lines.
    pub fn lines(
        &mut self,
        inlines: &[Inline],
        width: f32,
        align: Align,
        path: &str,
    ) -> Result<Vec<Line>, Error> {
        text::break_lines(&mut self.shaper, inlines, width, align, path)
    }

    /// Baseline of a line of `size` type in a box of height `lh` starting at `top`.
    pub fn baseline(&self, top: f32, size: f32, lh: f32) -> f32 {
        let (asc, desc) = self.shaper.extents(Face::Regular);
        top + (lh - (asc + desc) * size) / 2.0 + asc * size
    }

    /// The items drawing `line` with its left edge at `x` and its box top at `top`.
    pub fn line_items(&self, line: Line, x: f32, top: f32, lh: f32, out: &mut Vec<Item>) {
        for f in line.frags {
            let y = self.baseline(top, f.style.size, lh);
            let fx = x + f.x;
            out.push(Item {
                tag: Tag::Content(f.style.tag),
                kind: ItemKind::Text(TextRun {
                    x: fx,
                    y,
                    face: f.style.face,
                    size: f.style.size,
                    colour: f.style.colour,
                    glyphs: f.glyphs,
                    actual_text: f.actual,
                }),
            });
            if let Some(url) = f.style.link {
                let under = y + f.style.size * 0.12;
                out.push(Item {
                    tag: Tag::Artifact(ArtifactKind::Layout),
                    kind: ItemKind::Line {
                        from: (fx, under),
                        to: (fx + f.width, under),
                        width: (f.style.size * 0.06).max(0.5),
                        colour: f.style.colour,
                    },
                });
                out.push(Item {
                    tag: Tag::Content(f.style.tag),
                    kind: ItemKind::Link {
                        x: fx,
                        y: top,
                        w: f.width,
                        h: lh,
                        url,
                    },
                });
            }
        }
    }

    /// One line of plain text as items, or a missing-glyph error naming `path`.
    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        text: &str,
        look: Look,
        tag: ElementId,
        x: f32,
        top: f32,
        lh: f32,
        path: &str,
    ) -> Result<Vec<Item>, Error> {
        let inl = [self.plain(text, look, tag)];
        let lines = self.lines(&inl, f32::INFINITY, Align::Left, path)?;
        let mut items = Vec::new();
        for line in lines.into_iter().take(1) {
            self.line_items(line, x, top, lh, &mut items);
        }
        Ok(items)
    }

    /// Chunks for the lines of one block, one line each. Orphans and widows
    /// are prevented by keeping the first two and the last two lines together;
    /// `keep_all` keeps every line with the next (headings).
    pub fn line_chunks(
        &self,
        lines: Vec<Line>,
        x: f32,
        lh: f32,
        space_before: f32,
        lead: Vec<Item>,
        keep_all: bool,
    ) -> Vec<Chunk> {
        let n = lines.len();
        if n == 0 && !lead.is_empty() {
            // A label with no text after it (a bare section number) still shows.
            return vec![Chunk {
                height: lh,
                space_before,
                keep_with_next: keep_all,
                items: lead,
                ..Chunk::default()
            }];
        }
        let mut lead = Some(lead);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let mut items = lead.take().unwrap_or_default();
                self.line_items(line, x, 0.0, lh, &mut items);
                Chunk {
                    height: lh,
                    space_before: if i == 0 { space_before } else { 0.0 },
                    keep_with_next: keep_all || (n >= 2 && (i == 0 || i + 2 == n)),
                    items,
                    ..Chunk::default()
                }
            })
            .collect()
    }
}

/// `colour` mixed with white: `strength` 0 is white, 1 the colour itself.
fn tint(colour: Rgb, strength: f32) -> Rgb {
    let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * strength).round() as u8;
    Rgb(mix(colour.0), mix(colour.1), mix(colour.2))
}

/// "Ofsted report (ofsted.gov.uk)": the words and where they go.
fn link_alt(text: &str, url: &str) -> String {
    if let Some(address) = url.strip_prefix("mailto:") {
        return match text.trim() {
            t if t == address => format!("Email {address}"),
            t => format!("{t} (email {address})"),
        };
    }
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split('/').next().unwrap_or(rest));
    format!("{} ({host})", text.trim())
}

/// Splits a plain span so each email or web address in it is a link span.
fn autolink(span: &Span) -> Vec<Span> {
    if span.link.is_some() {
        return vec![span.clone()];
    }
    let mut out = Vec::new();
    let mut rest = span.text.as_str();
    let piece = |text: &str, link: Option<String>| Span {
        text: text.to_string(),
        link,
        ..span.clone()
    };
    while let Some((start, end, url)) = find_address(rest) {
        if start > 0 {
            out.push(piece(&rest[..start], None));
        }
        out.push(piece(&rest[start..end], Some(url)));
        rest = &rest[end..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(piece(rest, None));
    }
    out
}

/// The first email or web address in `text`: its byte range and link target.
fn find_address(text: &str) -> Option<(usize, usize, String)> {
    // Every address has one of these; most text has none, and is not worth
    // taking apart word by word.
    let maybe = text.contains("://")
        || text.contains('@')
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."));
    if !maybe {
        return None;
    }
    let mut offset = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += word.len();
        let core = word
            .trim_end()
            .trim_start_matches(['(', '[', '<', '"', '“', '‘'])
            .trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '”', '’', '!', '?']);
        if core.is_empty() {
            continue;
        }
        let lead = word.find(core).unwrap_or(0);
        let (from, to) = (start + lead, start + lead + core.len());
        let starts = |prefix: &str| {
            core.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        if starts("https://") || starts("http://") {
            if !core.ends_with("://") {
                return Some((from, to, core.to_string()));
            }
        } else if starts("www.") && core[4..].contains('.') {
            return Some((from, to, format!("https://{core}")));
        } else if let Some((user, domain)) = core.split_once('@') {
            let plausible = !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && core
                    .chars()
                    .all(|c| c.is_alphanumeric() || "@.-_+'".contains(c));
            if plausible {
                return Some((from, to, format!("mailto:{core}")));
            }
        }
    }
    None
}

/// A copy of an item moved down by `dy`.
fn shift(item: &Item, dy: f32) -> Item {
    let mut item = item.clone();
    paginate::move_down(&mut item, dy);
    item
}

/// A decoration: never content.
fn artifact(kind: ItemKind) -> Item {
    Item {
        tag: Tag::Artifact(ArtifactKind::Layout),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(String, Option<String>)> {
        autolink(&Span::plain(text))
            .into_iter()
            .map(|s| (s.text, s.link))
            .collect()
    }

    #[test]
    fn addresses_in_plain_text_become_links() {
        assert_eq!(
            targets("Jo Bloggs, 020 7364 0000, jo.bloggs@towerhamlets.gov.uk."),
            vec![
                ("Jo Bloggs, 020 7364 0000, ".into(), None),
                (
                    "jo.bloggs@towerhamlets.gov.uk".into(),
                    Some("mailto:jo.bloggs@towerhamlets.gov.uk".into())
                ),
                (".".into(), None),
            ]
        );
        assert_eq!(
            targets("(see www.ofsted.gov.uk/reports)")[1],
            (
                "www.ofsted.gov.uk/reports".into(),
                Some("https://www.ofsted.gov.uk/reports".into())
            )
        );
        assert_eq!(
            targets("Fees @ £5 each, user@ and a.b"),
            vec![("Fees @ £5 each, user@ and a.b".into(), None)]
        );
        assert_eq!(
            link_alt("jo@x.gov.uk", "mailto:jo@x.gov.uk"),
            "Email jo@x.gov.uk"
        );
        assert_eq!(
            link_alt("the report", "https://www.ofsted.gov.uk/r/1"),
            "the report (www.ofsted.gov.uk)"
        );
    }
}
