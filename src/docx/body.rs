//! The body of `word/document.xml`: headings, paragraphs, lists, quotes,
//! notices, tables and pictures, in the composed reading order.

use super::images::{self, Picture};
use super::numbering::{first_paragraphs, Lists, NumRef};
use super::parts::{Media, Rels, Source, HYPERLINK, IMAGE};
use super::xml::run_content;
use super::TEXT_WIDTH_MM;
use crate::assets::Assets;
use crate::compose::theme;
use crate::compose::{Document, ImageNode, ListItem, ListKind, ListStyle, Node, NodeKind, Text};
use crate::error::Error;

/// Run formatting beyond the span's own bold and italics.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunStyle<'a> {
    /// Bold regardless of the span.
    pub bold: bool,
    /// Colour as `RRGGBB`.
    pub colour: Option<&'a str>,
    /// Capitals on or off against the style.
    pub caps: Option<bool>,
}

/// Paragraph numbering: the style's own, an explicit list, or none at all.
#[derive(Debug, Clone, Copy)]
pub(super) enum Num {
    Style,
    List(NumRef),
    Off,
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
    /// The footer relationship of each of the document's exempt parts.
    pub exempt_footers: &'a [String],
    /// How far in from the margin blocks inside a list item start (twips):
    /// under the item's text, as in the PDF.
    pub inset: i64,
}

impl Writer<'_> {
    /// Runs for rich text; links become real hyperlinks.
    pub fn runs(&mut self, text: &Text, style: RunStyle<'_>) -> String {
        let mut x = String::new();
        for span in &text.0 {
            let mut rpr = String::new();
            let link = span.link.is_some();
            if link {
                rpr.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
            }
            if span.bold || style.bold {
                rpr.push_str("<w:b/><w:bCs/>");
            }
            if span.italic {
                rpr.push_str("<w:i/><w:iCs/>");
            }
            match style.caps {
                Some(true) => rpr.push_str("<w:caps/>"),
                Some(false) => rpr.push_str(r#"<w:caps w:val="0"/>"#),
                None => {}
            }
            if let (Some(c), false) = (style.colour, link) {
                rpr.push_str(&format!(r#"<w:color w:val="{c}"/>"#));
            }
            // Words in the other language keep their own proofing language.
            if let Some(lang) = span.lang.filter(|l| *l != self.doc.meta.lang) {
                rpr.push_str(&format!(r#"<w:lang w:val="{lang}"/>"#));
            }
            let mut run = String::from("<w:r>");
            if !rpr.is_empty() {
                run.push_str(&format!("<w:rPr>{rpr}</w:rPr>"));
            }
            run_content(&span.text, &mut run);
            run.push_str("</w:r>");
            match span.link.as_deref() {
                Some(url) => {
                    let id = self.rels.add(HYPERLINK, &uri(url), true);
                    x.push_str(&format!(
                        r#"<w:hyperlink r:id="{id}" w:history="1">{run}</w:hyperlink>"#
                    ));
                }
                None => x.push_str(&run),
            }
        }
        x
    }

    /// A paragraph with a style, numbering, extra paragraph properties (in schema order after
    /// `w:numPr`) and content.
    pub fn para(&mut self, style: &str, num: Num, extra: &str, content: &str) {
        self.out.push_str(&para_xml(style, num, extra, content));
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
        let keep = if node.keep_with_next {
            "<w:keepNext/>"
        } else {
            ""
        };
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
                let style = RunStyle {
                    caps,
                    ..RunStyle::default()
                };
                let content = self.runs(&Text::from(text.as_str()), style);
                match (top, number) {
                    (true, Some(n)) => {
                        let num = self.lists.section_heading(*n, first_paragraph);
                        self.para("Heading1", num.map_or(Num::Style, Num::List), "", &content);
                    }
                    (true, None) => self.para("Heading1", Num::Off, "", &content),
                    (false, _) => self.para("Heading2", Num::Style, "", &content),
                }
            }
            NodeKind::Paragraph {
                number,
                indented,
                text,
            } => {
                let content = self.runs(text, RunStyle::default());
                match number {
                    Some(n) => {
                        let num = self.lists.paragraph(n);
                        self.para(
                            "NumberedParagraph",
                            num.map_or(Num::Style, Num::List),
                            keep,
                            &content,
                        );
                    }
                    None if *indented => self.para("IndentedParagraph", Num::Style, keep, &content),
                    None if self.inset > 0 => {
                        let ind = format!(r#"{keep}<w:ind w:left="{}"/>"#, self.inset);
                        self.para("Normal", Num::Style, &ind, &content);
                    }
                    None => self.para("Normal", Num::Style, keep, &content),
                }
            }
            NodeKind::Quote(text) => {
                let content = self.runs(text, RunStyle::default());
                self.para("Quote", Num::Style, "", &content);
            }
            NodeKind::ExemptNotice(text) => {
                let content = self.runs(text, RunStyle::default());
                self.para("Notice", Num::Style, "", &content);
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
        let hang = twips(match kind {
            ListKind::Bullet => theme::BULLET_HANG,
            ListKind::Numbered | ListKind::Recommendations => theme::NUMBER_HANG,
        });
        let outer = self.inset;
        // A list inside a list item (a recommendation's) hangs from its text.
        let ind = if outer > 0 {
            format!(r#"<w:ind w:left="{}" w:hanging="{hang}"/>"#, outer + hang)
        } else {
            String::new()
        };
        let inner = outer + hang + if indented { twips(theme::GUTTER) } else { 0 };
        for item in items {
            let content = self.runs(&item.text, RunStyle::default());
            self.para(style, Num::List(num), &ind, &content);
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
        let run = images::run(&Picture {
            rel: &rel,
            id: *self.drawing_ids,
            width_mm: w,
            height_mm: h,
            alt: &image.alt,
        });
        let keep = if image.caption.is_some() {
            "<w:keepNext/>"
        } else {
            ""
        };
        self.out.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Normal"/>{keep}<w:spacing w:before="120" w:after="80"/><w:jc w:val="center"/></w:pPr>{run}</w:p>"#
        ));
        if let Some(caption) = &image.caption {
            let content = self.runs(caption, RunStyle::default());
            self.out.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Caption"/><w:keepNext w:val="0"/><w:jc w:val="center"/></w:pPr>{content}</w:p>"#
            ));
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

/// Points to twips.
fn twips(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// A paragraph's XML.
pub(super) fn para_xml(style: &str, num: Num, extra: &str, content: &str) -> String {
    let num = match num {
        Num::Style => String::new(),
        Num::List(n) => format!(
            r#"<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>"#,
            n.ilvl, n.num_id
        ),
        Num::Off => r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#.to_string(),
    };
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}{extra}</w:pPr>{content}</w:p>"#)
}

/// Writes the document body (title block, metadata and the composed nodes).
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
            let section = if first_section {
                super::Section::First
            } else {
                super::Section::Later
            };
            let footer = ending.map_or("rId6", |p| w.exempt_footers[p].as_str());
            w.out.push_str(&format!(
                r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>{}</w:pPr></w:p>"#,
                super::sect_pr(section, footer)
            ));
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
