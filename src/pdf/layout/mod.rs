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
mod implications;
pub mod pack;
mod paginate;
mod table;
mod text;

use crate::assets::{Assets, LoadedImage};
use crate::compose::Rgb;
use crate::compose::{theme, Document};
use crate::compose::{Span, Text};
use crate::error::Error;
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{
    ArtifactKind, ElementId, Item, ItemKind, LaidOut, Role, Structure, Tag, TextRun,
};
use crate::fonts::shape::Shaper;
use std::collections::BTreeMap;
use std::borrow::Cow;
use text::{Align, Inline, Line, Style};

// The theme's house values under the names layout uses.
/// A4 in points.
pub const PAGE_SIZE: (f32, f32) = (theme::PAGE.width, theme::PAGE.height);
const MM: f32 = theme::PT_PER_MM;
const MARGIN_X: f32 = theme::PAGE.margin_x;
const TEXT_WIDTH: f32 = theme::PAGE.text_width();
const BODY_TOP: f32 = theme::PAGE.margin_top;
const BODY_BOTTOM: f32 = PAGE_SIZE.1 - theme::PAGE.margin_bottom;
const GUTTER: f32 = theme::GUTTER;
const LEADING: f32 = theme::LEADING;
const GREY: Rgb = theme::FURNITURE;
const RULE: Rgb = theme::RULE;

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
    pub doc: &'a Document,
    pub assets: &'a Assets,
    pub shaper: Shaper<'a>,
    pub structure: Structure,
    pub images: Vec<LoadedImage>,
    image_index: BTreeMap<usize, usize>,
    pub sizes: Sizes,
    pub text_colour: Rgb,
    pub primary: Rgb,
    pub on_primary: Rgb,
    /// A light tint of the primary colour, for label cells and notices.
    pub tint: Rgb,
    pub align: Align,
    /// Part of an agenda pack: the footer leaves room for the pack's number.
    pub in_pack: bool,
}

/// Lays out a composed document on A4 pages.
///
/// Fails with [`Error::MissingGlyph`] naming the JSON path of text the
/// brand's fonts cannot draw, and [`Error::Image`] for an image the assets
/// do not hold. The same input always gives the same pages.
pub fn layout(doc: &Document, assets: &Assets, fonts: &FontSet) -> Result<LaidOut, Error> {
    lay_parts(doc, assets, fonts, false)
}

/// Lays out a document that will be one part of an agenda pack: as
/// [`layout`], with the footer's middle kept clear for the pack's page
/// number ([`pack::stamp`]).
pub fn layout_for_pack(doc: &Document, assets: &Assets, fonts: &FontSet) -> Result<LaidOut, Error> {
    lay_parts(doc, assets, fonts, true)
}

/// A document in one language, or a bilingual one: each language laid out
/// on its own pages with its own masthead and furniture, the page numbers
/// running on through both, joined as two `Part`s, each with its `/Lang`,
/// and an outline entry per language holding that language's headings.
fn lay_parts(doc: &Document, assets: &Assets, fonts: &FontSet, in_pack: bool) -> Result<LaidOut, Error> {
    let Some(second) = doc.second.as_deref() else {
        let mut cx = Ctx::new(doc, assets, fonts, in_pack);
        let (mut pages, outline, marks) = paginate_doc(&mut cx)?;
        let total = pages.len();
        front::furniture(&mut cx, &mut pages, &marks, 0, total)?;
        return Ok(finish(cx, pages, outline));
    };
    let mut a = Ctx::new(doc, assets, fonts, in_pack);
    let (mut pages_a, outline_a, marks_a) = paginate_doc(&mut a)?;
    let mut b = Ctx::new(second, assets, fonts, in_pack);
    let (mut pages_b, outline_b, marks_b) = paginate_doc(&mut b)?;
    let total = pages_a.len() + pages_b.len();
    front::furniture(&mut a, &mut pages_a, &marks_a, 0, total)?;
    front::furniture(&mut b, &mut pages_b, &marks_b, pages_a.len(), total)?;
    let parts = [(a, pages_a, outline_a), (b, pages_b, outline_b)]
        .into_iter()
        .map(|(cx, pages, outline)| {
            let title = cx.doc.meta.title.clone();
            let lang = Some(cx.doc.meta.lang);
            pack::Part {
                title,
                lang,
                laid: finish(cx, pages, outline),
            }
        })
        .collect();
    Ok(pack::merge(parts, doc.meta.clone()))
}

fn finish(cx: Ctx<'_>, pages: Vec<crate::pdf::frame::Page>, outline: Vec<crate::pdf::frame::Bookmark>) -> LaidOut {
    let mut structure = cx.structure;
    // Grown by doubling, the elements may have room for nearly as many
    // again; the writer's peak comes while they are still held.
    structure.elements.shrink_to_fit();
    LaidOut {
        page_size: PAGE_SIZE,
        pages,
        structure,
        outline,
        meta: cx.doc.meta.clone(),
        images: cx.images,
    }
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, assets: &'a Assets, fonts: &'a FontSet, in_pack: bool) -> Ctx<'a> {
        let t = &doc.theme;
        Ctx {
            doc,
            assets,
            shaper: Shaper::new(fonts),
            structure: Structure::new(),
            images: vec![assets.logo.clone()],
            image_index: BTreeMap::new(),
            sizes: Sizes {
                body: t.sizes.body,
                title: t.sizes.title,
                h2: t.sizes.heading,
                h3: t.sizes.subheading,
                table: t.sizes.table,
                small: t.sizes.small,
            },
            text_colour: t.colours.text,
            primary: t.colours.primary,
            on_primary: t.colours.on_primary,
            tint: t.colours.label_fill,
            align: if t.justify {
                Align::Justify
            } else {
                Align::Left
            },
            in_pack,
        }
    }
}

/// The document's pages before their furniture, its outline, and the exempt
/// part each page carries.
#[allow(clippy::type_complexity)]
fn paginate_doc(
    cx: &mut Ctx<'_>,
) -> Result<(Vec<crate::pdf::frame::Page>, Vec<crate::pdf::frame::Bookmark>, Vec<Option<usize>>), Error> {
    let cx = &mut *cx;
    let doc = cx.doc;
    let mut first = crate::pdf::frame::Page::default();
    let first_top = front::band(cx, &mut first)?;
    let mut chunks = Vec::new();
    front::masthead(cx, &mut chunks)?;
    front::metadata(cx, &mut chunks)?;
    let col = Column {
        x: MARGIN_X,
        w: TEXT_WIDTH,
        parent: 0,
    };
    // Per chunk: whether it must open a page, and the exempt part it belongs to.
    let mut places = Vec::new();
    for (i, node) in doc.body.iter().enumerate() {
        let before = chunks.len();
        blocks::node(cx, node, col, &mut chunks)?;
        let part = doc.exempt_parts.iter().position(|p| p.nodes.contains(&i));
        let opens = doc
            .exempt_parts
            .iter()
            .any(|p| p.nodes.start == i || (p.nodes.end == i && i > 0));
        places.resize(before, paginate::Place::default());
        places.extend((before..chunks.len()).map(|c| paginate::Place {
            new_page: opens && c == before,
            exempt: part,
        }));
    }
    places.resize(chunks.len(), paginate::Place::default());
    Ok(paginate::paginate(chunks, &places, first, first_top))
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

impl<'a> Ctx<'a> {
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
        self.doc.theme.colours.quote_rule
    }

    /// Line height for a size.
    pub fn leading(size: f32) -> f32 {
        size * LEADING
    }

    /// The index in [`LaidOut::images`] of the body image `src`, adding it
    /// on first use: one per file the assets loaded, however it is named.
    pub fn image(&mut self, src: &str, path: &str) -> Result<(usize, &'a LoadedImage), Error> {
        let assets: &'a Assets = self.assets;
        let img = assets.images.get(src).ok_or_else(|| Error::Image {
            path: path.to_string(),
            src: src.to_string(),
            reason: "the image was not loaded with the report".into(),
        })?;
        let next = self.images.len();
        let index = *self.image_index.entry(img.file).or_insert(next);
        if index == next {
            self.images.push((**img).clone());
        }
        Ok((index, img))
    }

    /// Rich text as inline pieces of `parent`; each link (compose decided
    /// which words link) becomes a `Link` element.
    pub fn inlines<'t>(&mut self, text: &'t Text, look: Look, parent: ElementId) -> Vec<Inline<'t>> {
        text.0
            .iter()
            .filter(|s| !s.text.is_empty())
            .map(|span| self.inline(span, look, parent))
            .collect()
    }

    fn inline<'t>(&mut self, span: &'t Span, look: Look, parent: ElementId) -> Inline<'t> {
        let link = span.link.clone();
        // Words in another language than the document's are a `Span` with
        // its own `/Lang`, so a screen reader switches voice for them.
        let parent = match span.lang {
            Some(lang) if lang != self.doc.meta.lang => {
                self.structure.push(parent, Role::Span { lang })
            }
            _ => parent,
        };
        let tag = match &link {
            Some(url) => self.structure.push(
                parent,
                Role::Link {
                    alt: link_alt(&span.text, url, &self.doc.email_label),
                },
            ),
            None => parent,
        };
        Inline {
            text: Cow::Borrowed(&span.text),
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
    pub fn plain<'t>(&self, text: &'t str, look: Look, tag: ElementId) -> Inline<'t> {
        Inline {
            text: Cow::Borrowed(text),
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
        inlines: &[Inline<'_>],
        width: f32,
        align: Align,
        path: &(impl std::fmt::Display + ?Sized),
    ) -> Result<Vec<Line>, Error> {
        text::break_lines(&mut self.shaper, inlines, width, align, path)
    }

    /// [`Ctx::lines`] with the first line starting `first` further in.
    pub fn lines_indented(
        &mut self,
        inlines: &[Inline<'_>],
        width: f32,
        first: f32,
        align: Align,
        path: &(impl std::fmt::Display + ?Sized),
    ) -> Result<Vec<Line>, Error> {
        text::break_lines_indented(&mut self.shaper, inlines, width, first, align, path)
    }

    /// How much further in the first line of a numbered paragraph starts
    /// when its number (and a space) is wider than the gutter: to the next
    /// multiple of the gutter, where Word's tab after the number goes (the
    /// gutter equals Word's default tab stop). Zero for numbers that fit.
    pub fn number_overhang(&mut self, number: &str, look: Look) -> f32 {
        let face = Face::of(look.bold, look.italic);
        let wide = self.shaper.width(face, look.size, number) + self.shaper.width(face, look.size, " ");
        if wide <= GUTTER {
            0.0
        } else {
            (wide / GUTTER).ceil() * GUTTER - GUTTER
        }
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

/// "Ofsted report (ofsted.gov.uk)": the words and where they go.
fn link_alt(text: &str, url: &str, email: &str) -> String {
    if let Some(page) = url.strip_prefix("#page=").and_then(|p| p.parse::<usize>().ok()) {
        return format!("{} (page {} of this pack)", text.trim(), page + 1);
    }
    if let Some(address) = url.strip_prefix("mailto:") {
        return match text.trim() {
            t if t == address => format!("{email} {address}"),
            t => format!("{t} ({} {address})", email.to_lowercase()),
        };
    }
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split('/').next().unwrap_or(rest));
    format!("{} ({host})", text.trim())
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

    #[test]
    fn link_alternative_text_says_where_a_link_goes() {
        assert_eq!(
            link_alt("jo@x.gov.uk", "mailto:jo@x.gov.uk", "Email"),
            "Email jo@x.gov.uk"
        );
        assert_eq!(
            link_alt("the report", "https://www.ofsted.gov.uk/r/1", "Email"),
            "the report (www.ofsted.gov.uk)"
        );
    }
}
