//! The custom XML part that carries the report as JSON, so an edited Word
//! file can be read back into the model (`crate::import`).
//!
//! Print does not carry everything the model holds (Schedule 12A paragraph
//! numbers, notice dates in their typed form, the template id, image files,
//! column widths): this part does. Word and LibreOffice keep custom XML parts
//! they do not understand when they save. The composed document decides what
//! goes in ([`Document::source`]): for the public, exempt content is not in it.

use super::xml::{esc, DECL};
use crate::compose::source::NAMESPACE;
use crate::compose::Document;

/// `customXml/item1.xml`, its properties part and the relationship between them.
pub(super) fn parts(doc: &Document) -> Vec<(String, Vec<u8>)> {
    let item = format!(
        r#"{DECL}<report xmlns="{NAMESPACE}" audience="{}">{}</report>"#,
        doc.source.audience,
        esc(&doc.source.json)
    );
    let props = format!(
        concat!(
            r#"{}<ds:datastoreItem ds:itemID="{{6C0D3C1E-7A52-4B8B-9D8A-CABE0000C0DE}}" "#,
            r#"xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">"#,
            r#"<ds:schemaRefs><ds:schemaRef ds:uri="{}"/></ds:schemaRefs></ds:datastoreItem>"#
        ),
        DECL, NAMESPACE
    );
    let rels = format!(
        concat!(
            r#"{}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/>"#,
            "</Relationships>"
        ),
        DECL
    );
    vec![
        ("customXml/item1.xml".into(), item.into_bytes()),
        ("customXml/itemProps1.xml".into(), props.into_bytes()),
        ("customXml/_rels/item1.xml.rels".into(), rels.into_bytes()),
    ]
}
