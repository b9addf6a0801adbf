//! The body of `word/document.xml`: headings, paragraphs, lists, quotes,
//! notices, tables and pictures, in the composed reading order.

use super::images::{self, Picture};
use super::numbering::{first_paragraphs, Lists, NumRef};
use super::parts::{Media, Rels, Source, HYPERLINK, IMAGE};
use super::props::{Ind, Jc, Lang, LineRule, NumPr, PPr, RPr, Spacing};
use super::sections::Furniture;
use super::xml::{end, pt_twips, run_content, tag, wrap};
use super::TEXT_WIDTH_MM;
use crate::assets::Assets;
use crate::compose::theme;
use crate::compose::{Document, ImageNode, ListItem, ListKind, ListStyle, Node, NodeKind, Text};
use crate::error::Error;

/// Paragraph numbering: the style's own, an explicit list, or none at all.
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Style,
    List(NumRef),
    Off,
}

impl Num {
    fn pr(self) -> Option<NumPr> {
        match self {
            Num::Style => None,
            Num::List(n) => Some(NumPr {
                ilvl: Some(n.ilvl),
                num_id: n.num_id,
            }),
            // List 0 is Word's "no list".
            Num::Off => Some(NumPr {
                ilvl: Some(0),
                num_id: 0,
            }),
        }
    }
}

/// Writes one part's block content, collecting its relationships.
pub(super) struct Writer<'a> {
    pub out: String,
    pub rels: Rels,
    pub media: &'a mut Media,
    pub drawing_ids: &'a mut u32,
    pub assets: &'a Assets,
    pub doc: &'a Document,
    pub lists: Lists,
    /// Whether the Heading 1 style draws capitals.
    pub heading_caps: bool,
    /// The header and footer parts each section refers to.
    pub furniture: &'a Furniture,
    /// How far in from the margin blocks inside a list item start (twips):
    /// under the item's text, as in the PDF.
    pub inset: i64,
    /// The styles' language (the first part's): runs in any other say theirs.
    pub styles_lang: &'static str,
}

impl Writer<'_> {
    /// Runs for rich text, each with `base` run properties and the span's
    /// own; links become real hyperlinks.
    pub fn runs(&mut self, text: &Text, base: RPr<'_>) -> String {
        let mut x = String::new();
        for span in &text.0 {
            let link = span
                .link
                .as_deref()
                .map(|url| self.rels.add(HYPERLINK, &uri(url), true));
            let mut rpr = base;
            if span.bold {
                rpr = rpr.bold();
            }
            if span.italic {
                rpr = rpr.italic();
            }
            if link.is_some() {
                // The link's colour is the Hyperlink style's.
                rpr.style = Some("Hyperlink");
                rpr.color = None;
            }
            // Words in the other language keep their own proofing language.
            // A bilingual report's second part is in its own language throughout.
            rpr.lang = Some(span.lang.unwrap_or(self.doc.meta.lang))
                .filter(|l| *l != self.styles_lang)
                .map(|val| Lang {
                    val,
                    east_asia: None,
                    bidi: None,
                });
            let out = match link {
                Some(id) => tag(&mut x, "w:hyperlink")
                    .attr("r:id", id)
                    .attr("w:history", 1)
                    .open(),
                None => &mut x,
            };
            wrap(out, "w:r", |out| {
                if !rpr.is_empty() {
                    rpr.write(out);
                }
                run_content(&span.text, out);
            });
            if link.is_some() {
                end(out, "w:hyperlink");
            }
        }
        x
    }

    /// A paragraph: its properties and content.
    pub fn para(&mut self, ppr: PPr<'_>, content: &str) {
        para(&mut self.out, ppr, content);
    }

    fn nodes(&mut self, nodes: &[Node]) -> Result<(), Error> {
        let firsts = first_paragraphs(nodes);
        for (node, first) in nodes.iter().zip(firsts) {
            self.node(node, first)?;
        }
        Ok(())
    }

    fn node(&mut self, node: &Node, first_paragraph: Option<u32>) -> Result<(), Error> {
        // Headings keep with the next through their styles; others say so here.
        let keep_next = node.keep_with_next.then_some(true);
        match &node.kind {
            NodeKind::Heading {
                level,
                number,
                text,
                capitals,
            } => {
                let top = *level <= 1;
                // Capitals are the Heading 1 style's; a heading that differs says so on its runs.
                let caps = (top && *capitals != self.heading_caps).then_some(*capitals);
                let content = self.runs(
                    &Text::from(text.as_str()),
                    RPr {
                        caps,
                        ..RPr::default()
                    },
                );
                let (style, num) = match (*level, number) {
                    (..=1, Some(n)) => {
                        let num = self.lists.section_heading(n.section, first_paragraph);
                        ("Heading1", num.map_or(Num::Style, Num::List))
                    }
                    (..=1, None) => ("Heading1", Num::Off),
                    (2, Some(n)) => (
                        "Heading2",
                        Num::List(self.lists.member_heading(*n, first_paragraph)),
                    ),
                    (2, None) => ("Heading2", Num::Style),
                    _ => ("Heading3", Num::Style),
                };
                self.para(
                    PPr {
                        num: num.pr(),
                        ..PPr::style(style)
                    },
                    &content,
                );
            }
            NodeKind::Paragraph {
                number,
                indented,
                text,
            } => {
                let content = self.runs(text, RPr::default());
                let ppr = match number {
                    Some(n) => PPr {
                        num: self.lists.paragraph(n).map_or(Num::Style, Num::List).pr(),
                        ..PPr::style("NumberedParagraph")
                    },
                    None if *indented => PPr::style("IndentedParagraph"),
                    None if self.inset > 0 => PPr {
                        ind: Some(Ind::left(self.inset)),
                        ..PPr::style("Normal")
                    },
                    None => PPr::style("Normal"),
                };
                self.para(PPr { keep_next, ..ppr }, &content);
            }
            NodeKind::Quote(text) => {
                let content = self.runs(text, RPr::default());
                self.para(PPr::style("Quote"), &content);
            }
            NodeKind::ExemptNotice(text) => {
                let content = self.runs(text, RPr::default());
                self.para(PPr::style("Notice"), &content);
            }
            NodeKind::List {
                kind,
                style,
                items,
                indented,
            } => self.list(*kind, style, items, *indented)?,
            NodeKind::Table(table) => super::tables::body_table(self, table),
            NodeKind::Implications(table) => super::tables::implications(self, table),
            NodeKind::Image(image) => self.image(image, &node.path)?,
        }
        Ok(())
    }

    fn list(
        &mut self,
        kind: ListKind,
        list_style: &ListStyle,
        items: &[ListItem],
        indented: bool,
    ) -> Result<(), Error> {
        if items.is_empty() {
            return Ok(());
        }
        let style = match kind {
            ListKind::Bullet => "ListBullet",
            ListKind::Recommendations => "ListNumber",
            ListKind::Numbered => "ListNumber2",
        };
        let num = self.lists.list(list_style, indented);
        let hang = pt_twips(match kind {
            ListKind::Bullet => theme::BULLET_HANG,
            ListKind::Numbered | ListKind::Recommendations => theme::NUMBER_HANG,
        });
        let outer = self.inset;
        // A list inside a list item (a recommendation's) hangs from its text.
        let ind = (outer > 0).then(|| Ind::hanging(outer + hang, hang));
        let inner = outer + hang + if indented { pt_twips(theme::GUTTER) } else { 0 };
        for item in items {
            let content = self.runs(&item.text, RPr::default());
            self.para(
                PPr {
                    num: Num::List(num).pr(),
                    ind,
                    ..PPr::style(style)
                },
                &content,
            );
            self.inset = inner;
            let done = self.nodes(&item.children);
            self.inset = outer;
            done?;
        }
        Ok(())
    }

    fn image(&mut self, image: &ImageNode, path: &str) -> Result<(), Error> {
        let loaded = self
            .assets
            .images
            .get(&image.src)
            .ok_or_else(|| Error::Image {
                path: path.to_string(),
                src: image.src.clone(),
                reason: "the image was not loaded".into(),
            })?;
        let target = self.media.target(Source::Image(loaded.file), loaded);
        let rel = self.rels.add(IMAGE, &target, false);
        let mm = theme::PT_PER_MM;
        let (w, h) = theme::image_size(
            loaded.width_px,
            loaded.height_px,
            image.width_mm.map(|w| w * mm),
            loaded.natural_width_mm() * mm,
            TEXT_WIDTH_MM * mm,
        );
        let (w, h) = (w / mm, h / mm);
        *self.drawing_ids += 1;
        let mut run = String::new();
        images::run(
            &mut run,
            &Picture {
                rel,
                id: *self.drawing_ids,
                width_mm: w,
                height_mm: h,
                alt: &image.alt,
            },
        );
        self.para(
            PPr {
                keep_next: image.caption.is_some().then_some(true),
                spacing: Some(Spacing::around(120, 80)),
                jc: Some(Jc::Center),
                ..PPr::style("Normal")
            },
            &run,
        );
        if let Some(caption) = &image.caption {
            let content = self.runs(caption, RPr::default());
            self.para(
                PPr {
                    keep_next: Some(false),
                    jc: Some(Jc::Center),
                    ..PPr::style("Caption")
                },
                &content,
            );
        }
        Ok(())
    }
}

/// An address as a URI for a relationship's target (xs:anyURI): characters
/// a URI cannot hold as they are (`{`, `]`, `"`, non-ASCII …) percent-encoded,
/// as browsers send them.
fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#@!$&'()*+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A paragraph: `<w:p>`, its properties, its content.
pub(super) fn para(out: &mut String, ppr: PPr<'_>, content: &str) {
    wrap(out, "w:p", |out| {
        ppr.write(out);
        out.push_str(content);
    });
}

/// The body. In the full edition each exempt part is a Word section of its
/// own, starting on a new page with its own footer ("NOT FOR PUBLICATION"
/// and its paragraphs), as the PDF's pages are; the open text after it
/// starts a new section and page. Word keeps a section's properties in its
/// last paragraph, so each break is an empty paragraph carrying them.
pub(super) fn body(w: &mut Writer<'_>) -> Result<(), Error> {
    super::tables::masthead(w);
    let doc = w.doc;
    let firsts = first_paragraphs(&doc.body);
    let mut first_section = true;
    for (i, (node, first)) in doc.body.iter().zip(firsts).enumerate() {
        let ending = doc.exempt_parts.iter().position(|p| p.nodes.end == i);
        let starting = doc.exempt_parts.iter().any(|p| p.nodes.start == i);
        if i > 0 && (ending.is_some() || starting) {
            let f = w.furniture;
            let footer = ending.map_or(f.footer, |p| f.exempt_footers[p]);
            let sect = f.section(first_section, footer);
            // As small as a paragraph can be: the break adds no visible space.
            let spacing = Spacing {
                line: Some((20, LineRule::Exact)),
                ..Spacing::around(0, 0)
            };
            w.para(
                PPr {
                    spacing: Some(spacing),
                    sect: Some(&sect),
                    ..PPr::default()
                },
                "",
            );
            first_section = false;
        }
        w.node(node, first)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn link_targets_are_uris() {
        assert_eq!(super::uri("mailto:]'}"), "mailto:%5D'%7D");
        assert_eq!(
            super::uri("https://example.org/café?a=1&b=[2]"),
            "https://example.org/caf%C3%A9?a=1&b=%5B2%5D"
        );
        assert_eq!(
            super::uri("https://example.org/a%20b"),
            "https://example.org/a%20b"
        );
    }
}
