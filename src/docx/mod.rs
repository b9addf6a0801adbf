//! The editable Word document.
//!
//! Every part is written here directly rather than through a builder: the
//! parts must be schema-valid (docx-rs 0.4.22 writes elements out of schema
//! order), byte-identical for equal input (its ids come from global counters),
//! and carry what it has no API for (repeating header rows, alt text, `w:lang`,
//! core properties). The composed [`Document`] has decided every number and
//! word; this module only chooses the Word structures that show them:
//! styles, list definitions, tables, fields.

mod body;
mod furniture;
mod images;
mod numbering;
mod package;
mod parts;
mod source;
mod styles;
mod tables;
mod xml;
mod zip;

use crate::assets::{Assets, ImageFormat};
use crate::compose::{theme, Document};
use crate::error::Error;
use parts::{Media, Rels};

/// The theme's page in twips (A4 is 11906 × 16838).
const PAGE_WIDTH: i64 = (theme::PAGE.width * 20.0 + 0.5) as i64;
const PAGE_HEIGHT: i64 = (theme::PAGE.height * 20.0 + 0.5) as i64;
const MARGIN: i64 = (theme::PAGE.margin_x * 20.0 + 0.5) as i64;
const MARGIN_TOP: i64 = (theme::PAGE.margin_top * 20.0 + 0.5) as i64;
const MARGIN_BOTTOM: i64 = (theme::PAGE.margin_bottom * 20.0 + 0.5) as i64;
const FURNITURE: i64 = (theme::PAGE.furniture * 20.0 + 0.5) as i64;
/// Width of the text column in twips and mm.
const TEXT_WIDTH: i64 = PAGE_WIDTH - 2 * MARGIN;
const TEXT_WIDTH_MM: f32 = theme::TEXT_WIDTH_MM;

/// Which section a section properties element ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// The first: its first page has the brand band.
    First,
    /// Any later one (an exempt part of the full edition, or what follows
    /// one): it starts on a new page with the running header.
    Later,
}

/// Section properties: the page, its margins, headers and `footer` (a
/// relationship id).
fn sect_pr(section: Section, footer: &str) -> String {
    let (first, title_page, start) = match section {
        Section::First => (
            r#"<w:headerReference w:type="first" r:id="rId4"/>"#,
            "<w:titlePg/>",
            "",
        ),
        Section::Later => ("", "", r#"<w:type w:val="nextPage"/>"#),
    };
    let first_footer = match section {
        Section::First => r#"<w:footerReference w:type="first" r:id="rId7"/>"#,
        Section::Later => "",
    };
    format!(
        concat!(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>{first}"#,
            r#"<w:footerReference w:type="default" r:id="{footer}"/>{first_footer}{start}"#,
            r#"<w:pgSz w:w="{pw}" w:h="{ph}"/><w:pgMar w:top="{mt}" w:right="{m}" w:bottom="{mb}" w:left="{m}" w:header="{f}" w:footer="{f}" w:gutter="0"/>"#,
            r#"<w:cols w:space="708"/>{title_page}</w:sectPr>"#
        ),
        first = first,
        footer = footer,
        first_footer = first_footer,
        start = start,
        title_page = title_page,
        pw = PAGE_WIDTH,
        ph = PAGE_HEIGHT,
        m = MARGIN,
        mt = MARGIN_TOP,
        mb = MARGIN_BOTTOM,
        f = FURNITURE,
    )
}

/// Writes the Word document of a composed document.
pub fn render(doc: &Document, assets: &Assets) -> Result<Vec<u8>, Error> {
    let mut media = Media::default();
    // Drawing ids are unique across the document; the logo takes the first.
    let mut drawing_ids = 1;
    let (first_header, first_header_rels) =
        furniture::first_header(doc, assets, &mut media, drawing_ids);

    let mut rels = Rels::default();
    // Fixed parts first, so their ids do not depend on the body.
    for (kind, target) in [
        (parts::STYLES, "styles.xml"),
        (parts::NUMBERING, "numbering.xml"),
        (parts::SETTINGS, "settings.xml"),
        (parts::HEADER, "header1.xml"),
        (parts::HEADER, "header2.xml"),
        (parts::FOOTER, "footer1.xml"),
        (parts::FOOTER, "footer2.xml"),
        (parts::CUSTOM_XML, "../customXml/item1.xml"),
    ] {
        rels.add(kind, target, false);
    }
    // One footer part per exempt part of the full edition, numbered after
    // the fixed ones; its section (see `body::body`) refers to it.
    let exempt_footers: Vec<String> = (0..doc.exempt_parts.len())
        .map(|i| rels.add(parts::FOOTER, &format!("footer{}.xml", i + 3), false))
        .collect();
    let mut w = body::Writer {
        exempt_footers: &exempt_footers,
        inset: 0,
        out: String::new(),
        rels,
        media: &mut media,
        drawing_ids: &mut drawing_ids,
        assets,
        doc,
        lists: numbering::Lists::new(doc.numbering),
        heading_caps: styles::heading_caps(doc),
    };
    body::body(&mut w)?;
    let body::Writer {
        out: body,
        rels,
        lists,
        ..
    } = w;

    // The last section: the whole document, or what follows the last section break.
    let last = match doc.exempt_parts.last() {
        None => sect_pr(Section::First, "rId6"),
        Some(p) if p.nodes.end >= doc.body.len() => {
            sect_pr(Section::Later, &exempt_footers[doc.exempt_parts.len() - 1])
        }
        Some(_) => sect_pr(Section::Later, "rId6"),
    };
    let document = format!(
        "{decl}<w:document {ns}><w:body>{body}{last}</w:body></w:document>",
        decl = xml::DECL,
        ns = xml::WML_NS,
    );
    let footer = furniture::footer(doc);
    let has_jpeg = assets.logo.format == ImageFormat::Jpeg
        || assets
            .images
            .values()
            .any(|i| i.format == ImageFormat::Jpeg);

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            package::content_types(has_jpeg).into_bytes(),
        ),
        ("_rels/.rels".into(), package::root_rels().into_bytes()),
        ("docProps/core.xml".into(), package::core(doc).into_bytes()),
        ("docProps/app.xml".into(), package::app().into_bytes()),
        ("word/document.xml".into(), document.into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            rels.xml().into_bytes(),
        ),
        ("word/styles.xml".into(), styles::xml(doc).into_bytes()),
        ("word/numbering.xml".into(), lists.xml().into_bytes()),
        ("word/settings.xml".into(), package::settings().into_bytes()),
        ("word/header1.xml".into(), first_header.into_bytes()),
        (
            "word/_rels/header1.xml.rels".into(),
            first_header_rels.xml().into_bytes(),
        ),
        (
            "word/header2.xml".into(),
            furniture::running_header(doc).into_bytes(),
        ),
        ("word/footer1.xml".into(), footer.clone().into_bytes()),
        ("word/footer2.xml".into(), footer.into_bytes()),
    ];
    for (i, part) in doc.exempt_parts.iter().enumerate() {
        parts.push((
            format!("word/footer{}.xml", i + 3),
            furniture::footer_saying(doc, &part.footer).into_bytes(),
        ));
    }
    parts.extend(source::parts(doc));
    for (_, name, bytes) in media.files {
        parts.push((format!("word/{name}"), bytes));
    }
    zip::zip(&parts).map_err(|e| Error::Docx(format!("packing the Word file: {e}")))
}
