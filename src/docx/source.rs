//! The custom XML part that carries the report as JSON, so an edited Word
//! file can be read back into the model (`crate::import`).
//!
//! Print does not carry everything the model holds (Schedule 12A paragraph
//! numbers, notice dates in their typed form, the template id, image files,
//! column widths): this part does. Word and LibreOffice keep custom XML parts
//! they do not understand when they save. The composed document decides what
//! goes in ([`Document::source`]): for the public, exempt content is not in it.

use super::parts::{Rels, CUSTOM_XML_PROPS};
use super::xml::{self, tag};
use crate::compose::source::NAMESPACE;
use crate::compose::Document;

/// `customXml/item1.xml`, its properties part and the relationship between them.
pub(super) fn parts(doc: &Document) -> Vec<(String, Vec<u8>)> {
    let Some(source) = &doc.source else {
        return Vec::new();
    };
    let item = xml::part(
        "report",
        &[("xmlns", NAMESPACE), ("audience", source.audience)],
        |out| xml::text(out, &source.json),
    );
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";
    let props = xml::part(
        "ds:datastoreItem",
        &[
            ("ds:itemID", "{6C0D3C1E-7A52-4B8B-9D8A-CABE0000C0DE}"),
            ("xmlns:ds", ns),
        ],
        |out| {
            xml::wrap(out, "ds:schemaRefs", |out| {
                tag(out, "ds:schemaRef").attr("ds:uri", NAMESPACE).empty();
            });
        },
    );
    let mut rels = Rels::default();
    rels.add(CUSTOM_XML_PROPS, "itemProps1.xml", false);
    vec![
        ("customXml/item1.xml".into(), item.into_bytes()),
        ("customXml/itemProps1.xml".into(), props.into_bytes()),
        (
            "customXml/_rels/item1.xml.rels".into(),
            rels.xml().into_bytes(),
        ),
    ]
}
