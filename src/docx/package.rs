//! The package around the WordprocessingML parts: content types, relationships,
//! document properties and settings (zipped by `zip`).

use super::xml::{esc, DECL};
use crate::compose::Document;

/// `[Content_Types].xml` for the parts this renderer writes.
pub(super) fn content_types(has_jpeg: bool) -> String {
    let mut x = String::from(DECL);
    x.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#);
    x.push_str(r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#);
    if has_jpeg {
        x.push_str(r#"<Default Extension="jpeg" ContentType="image/jpeg"/>"#);
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", format!("{wml}.document.main+xml")),
        ("/word/styles.xml", format!("{wml}.styles+xml")),
        ("/word/numbering.xml", format!("{wml}.numbering+xml")),
        ("/word/settings.xml", format!("{wml}.settings+xml")),
        ("/word/header1.xml", format!("{wml}.header+xml")),
        ("/word/header2.xml", format!("{wml}.header+xml")),
        ("/word/footer1.xml", format!("{wml}.footer+xml")),
        ("/word/footer2.xml", format!("{wml}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/customXml/itemProps1.xml",
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ] {
        x.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{kind}"/>"#
        ));
    }
    x.push_str("</Types>");
    x
}

/// `_rels/.rels`.
pub(super) fn root_rels() -> String {
    let mut x = String::from(DECL);
    x.push_str(concat!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
        r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
        "</Relationships>"
    ));
    x
}

/// `docProps/core.xml`: title, subject, author, keywords and language. No dates:
/// the same report must give the same bytes.
pub(super) fn core(doc: &Document) -> String {
    let m = &doc.meta;
    format!(
        concat!(
            "{}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dc:language>{}</dc:language>",
            "</cp:coreProperties>"
        ),
        DECL,
        esc(&m.title),
        esc(&m.subject),
        esc(&m.author),
        esc(&m.keywords.join("; ")),
        esc(m.lang)
    )
}

/// `docProps/app.xml`.
pub(super) fn app() -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>cabinet-report</Application></Properties>"#
    )
}

/// `word/settings.xml`: Word 2013+ layout rules, not compatibility mode.
pub(super) fn settings() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}
