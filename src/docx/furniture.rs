//! Headers and footers: the first page's band with the logo and council name,
//! the running header of later pages, and the footer with the classification
//! and "Page X of Y" as fields Word and LibreOffice keep up to date.

use super::images::{self, Picture};
use super::parts::{Media, Rels, Source, IMAGE};
use super::xml::{run_content, twips, DECL, WML_NS};
use super::TEXT_WIDTH;
use crate::assets::Assets;
use crate::compose::{theme, Document, PagePart};

/// Height and widest width of the logo in the first page's band, mm.
const LOGO_HEIGHT_MM: f32 = theme::LOGO_HEIGHT / theme::PT_PER_MM;
const LOGO_MAX_WIDTH_MM: f32 = theme::LOGO_MAX_WIDTH / theme::PT_PER_MM;

fn part(root: &str, content: &str) -> String {
    format!("{DECL}<w:{root} {WML_NS}>{content}</w:{root}>")
}

fn text_run(text: &str, rpr: &str) -> String {
    let mut r = format!("<w:r>{rpr}");
    run_content(text, &mut r);
    r.push_str("</w:r>");
    r
}

/// The first page's header: the brand band with the logo and the council's name.
pub(super) fn first_header(
    doc: &Document,
    assets: &Assets,
    media: &mut Media,
    drawing_id: u32,
) -> (String, Rels) {
    let mut rels = Rels::default();
    let target = media.target(Source::Logo, &assets.logo);
    let rel = rels.add(IMAGE, &target, false);
    let logo = &assets.logo;
    let width_mm = LOGO_HEIGHT_MM * logo.width_px.max(1) as f32 / logo.height_px.max(1) as f32;
    let width_mm = width_mm.min(LOGO_MAX_WIDTH_MM);
    let height_mm = width_mm * logo.height_px.max(1) as f32 / logo.width_px.max(1) as f32;
    let alt = &doc.masthead.logo_alt;
    let picture = images::run(&Picture {
        rel: &rel,
        id: drawing_id,
        width_mm,
        height_mm,
        alt,
    });
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let name_size = super::xml::half_points(doc.theme.sizes.title);
    let logo_w = twips(width_mm + 6.0).min(TEXT_WIDTH / 2);
    let name_w = TEXT_WIDTH - logo_w;
    let name = text_run(
        &doc.masthead.council,
        &format!(
            r#"<w:rPr><w:b/><w:bCs/><w:color w:val="{on_primary}"/><w:sz w:val="{name_size}"/><w:szCs w:val="{name_size}"/></w:rPr>"#
        ),
    );
    let cell = |w: i64, jc: &str, content: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{primary}"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val="{jc}"/></w:pPr>{content}</w:p></w:tc>"#
        )
    };
    let band = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{logo_w}"/><w:gridCol w:w="{name_w}"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl><w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>"#,
        cell(logo_w, "left", &picture),
        cell(name_w, "right", &name)
    );
    (part("hdr", &band), rels)
}

/// Later pages' header: the short title, meeting and date.
pub(super) fn running_header(doc: &Document) -> String {
    let p = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{}</w:p>"#,
        text_run(&doc.running_header, "")
    );
    part("hdr", &p)
}

fn field(instr: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

/// The footer of every page: classification, then "Page X of Y" at the right edge.
pub(super) fn footer(doc: &Document) -> String {
    footer_saying(doc, &doc.footer)
}

/// A footer with `first` (the classification, or an exempt part's "NOT FOR
/// PUBLICATION" mark) before the page numbers.
pub(super) fn footer_saying(doc: &Document, first: &str) -> String {
    let mut p = String::from(r#"<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>"#);
    p.push_str(&text_run(first, "<w:rPr><w:b/><w:bCs/></w:rPr>"));
    p.push_str("<w:r><w:tab/></w:r>");
    // "Page {page} of {pages}": the words from the template, the numbers as fields.
    for piece in &doc.page_label {
        match piece {
            PagePart::Text(t) => p.push_str(&text_run(t, "")),
            PagePart::Page => p.push_str(&field("PAGE")),
            PagePart::Pages => p.push_str(&field("NUMPAGES")),
        }
    }
    p.push_str("</w:p>");
    part("ftr", &p)
}
