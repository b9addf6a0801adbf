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
mod props;
mod sections;
mod source;
mod styles;
mod tables;
mod xml;
mod zip;

use crate::assets::{Assets, ImageFormat};
use crate::compose::{theme, Document};
use crate::error::Error;
use parts::{Media, Rels};
use sections::Furniture;

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

/// Writes the Word document of a composed document. A bilingual report's
/// second language follows the first in its own section, with its own
/// header and footer parts, every run saying its language; Word's PAGE and
/// NUMPAGES fields count on through both, as the PDF does.
pub fn render(doc: &Document, assets: &Assets) -> Result<Vec<u8>, Error> {
    let mut media = Media::default();
    // Drawing ids are unique across the document; the logo takes the first.
    let mut drawing_ids = 1;
    let (first_header, first_header_rels) =
        furniture::first_header(doc, assets, &mut media, drawing_ids, None);

    let mut rels = Rels::default();
    // Fixed parts first, so their ids do not depend on the body.
    rels.add(parts::STYLES, "styles.xml", false);
    rels.add(parts::NUMBERING, "numbering.xml", false);
    rels.add(parts::SETTINGS, "settings.xml", false);
    let mut furniture = Furniture::register(&mut rels, 0);
    if doc.source.is_some() {
        rels.add(parts::CUSTOM_XML, "../customXml/item1.xml", false);
    }
    // Each exempt part's footer after them; its section (see `body::body`) refers to it.
    furniture.add_exempt(&mut rels, doc.exempt_parts.len());
    let second = doc.second.as_deref();
    let second_furniture =
        second.map(|s| Furniture::register_second(&mut rels, s.exempt_parts.len()));
    let styles_lang = doc.meta.lang;
    let mut w = body::Writer {
        furniture: &furniture,
        inset: 0,
        // The document is written in place around the body: a copy of a
        // large body doubled the Word writer's memory.
        out: {
            let mut out = xml::part_start("w:document", xml::WML_NS);
            xml::tag(&mut out, "w:body").open();
            out
        },
        rels,
        media: &mut media,
        drawing_ids: &mut drawing_ids,
        assets,
        doc,
        lists: numbering::Lists::new(doc.numbering, styles::grouped(doc)),
        heading_caps: styles::heading_caps(doc),
        styles_lang,
    };
    body::body(&mut w)?;
    let mut last = last_section(doc, &furniture);
    let mut second_header = None;
    if let (Some(second), Some(f)) = (second, &second_furniture) {
        // The first language's last section ends here; the second's starts a page.
        w.para(
            props::PPr {
                spacing: Some(props::Spacing {
                    line: Some((20, props::LineRule::Exact)),
                    ..props::Spacing::around(0, 0)
                }),
                sect: Some(&last),
                ..props::PPr::default()
            },
            "",
        );
        *w.drawing_ids += 1;
        second_header = Some(furniture::first_header(
            second,
            assets,
            w.media,
            *w.drawing_ids,
            Some(second.meta.lang),
        ));
        w.doc = second;
        w.furniture = f;
        body::body(&mut w)?;
        last = last_section(second, f);
    }
    let body::Writer {
        out: body,
        rels,
        lists,
        ..
    } = w;

    let mut document = body;
    last.write(&mut document);
    xml::end(&mut document, "w:body");
    xml::end(&mut document, "w:document");
    let footer = furniture::footer(doc, None);
    let has_jpeg = assets.logo.format == ImageFormat::Jpeg
        || assets
            .images
            .values()
            .any(|i| i.format == ImageFormat::Jpeg);

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            package::content_types(has_jpeg, doc.source.is_some(), second.is_some()).into_bytes(),
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
        (
            format!("word/{}", sections::FIRST_HEADER),
            first_header.into_bytes(),
        ),
        (
            format!("word/_rels/{}.rels", sections::FIRST_HEADER),
            first_header_rels.xml().into_bytes(),
        ),
        (
            format!("word/{}", sections::RUNNING_HEADER),
            furniture::running_header(doc, None).into_bytes(),
        ),
        (
            format!("word/{}", sections::FOOTER_PART),
            footer.clone().into_bytes(),
        ),
        (
            format!("word/{}", sections::FIRST_FOOTER),
            footer.into_bytes(),
        ),
    ];
    for (i, part) in doc.exempt_parts.iter().enumerate() {
        parts.push((
            format!("word/{}", sections::exempt_footer(i)),
            furniture::footer_saying(doc, &part.footer, None).into_bytes(),
        ));
    }
    if let (Some(second), Some((header, header_rels))) = (second, second_header) {
        let lang = Some(second.meta.lang);
        let footer = furniture::footer(second, lang);
        parts.extend([
            (format!("word/{}", sections::SECOND_FIRST_HEADER), header.into_bytes()),
            (
                format!("word/_rels/{}.rels", sections::SECOND_FIRST_HEADER),
                header_rels.xml().into_bytes(),
            ),
            (
                format!("word/{}", sections::SECOND_RUNNING_HEADER),
                furniture::running_header(second, lang).into_bytes(),
            ),
            (format!("word/{}", sections::SECOND_FOOTER), footer.clone().into_bytes()),
            (format!("word/{}", sections::SECOND_FIRST_FOOTER), footer.into_bytes()),
        ]);
        for (i, part) in second.exempt_parts.iter().enumerate() {
            parts.push((
                format!("word/{}", sections::second_exempt_footer(i)),
                furniture::footer_saying(second, &part.footer, lang).into_bytes(),
            ));
        }
    }
    parts.extend(source::parts(doc));
    for (_, name, bytes) in media.files {
        parts.push((format!("word/{name}"), bytes));
    }
    zip::zip(&parts).map_err(|e| Error::Docx(format!("packing the Word file: {e}")))
}

/// The last section of `doc`'s part: the whole part, or what follows its
/// last exempt part's section break.
fn last_section(doc: &Document, furniture: &Furniture) -> sections::SectPr {
    match doc.exempt_parts.last() {
        None => furniture.section(true, furniture.footer),
        Some(p) if p.nodes.end >= doc.body.len() => {
            furniture.section(false, furniture.exempt_footers[doc.exempt_parts.len() - 1])
        }
        Some(_) => furniture.section(false, furniture.footer),
    }
}
