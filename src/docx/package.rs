//! The package around the WordprocessingML parts: content types, relationships,
//! document properties and settings (zipped by `zip`).

use super::parts::PACKAGE_RELS;
use super::xml::{self, tag, text, val, wrap, DECL, W_NS};
use crate::compose::Document;

/// `[Content_Types].xml` for the parts this renderer writes; `carried`: the
/// custom XML part carrying the report is among them.
pub(super) fn content_types(has_jpeg: bool, carried: bool, second: bool) -> String {
    let mut x = String::from(DECL);
    let ns = "http://schemas.openxmlformats.org/package/2006/content-types";
    let out = tag(&mut x, "Types").attr("xmlns", ns).open();
    let mut defaults = vec![
        (
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        ),
        ("xml", "application/xml"),
        ("png", "image/png"),
    ];
    if has_jpeg {
        defaults.push(("jpeg", "image/jpeg"));
    }
    for (ext, kind) in defaults {
        tag(out, "Default")
            .attr("Extension", ext)
            .attr("ContentType", kind)
            .empty();
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml".to_string(), format!("{wml}.document.main+xml")),
        ("/word/styles.xml".to_string(), format!("{wml}.styles+xml")),
        ("/word/numbering.xml".to_string(), format!("{wml}.numbering+xml")),
        ("/word/settings.xml".to_string(), format!("{wml}.settings+xml")),
        ("/word/header1.xml".to_string(), format!("{wml}.header+xml")),
        ("/word/header2.xml".to_string(), format!("{wml}.header+xml")),
        ("/word/footer1.xml".to_string(), format!("{wml}.footer+xml")),
        ("/word/footer2.xml".to_string(), format!("{wml}.footer+xml")),
        (
            "/docProps/core.xml".to_string(),
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/customXml/itemProps1.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml".into(),
        ),
        (
            "/docProps/app.xml".to_string(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ]
    .into_iter()
    .filter(|(part, _)| carried || !part.starts_with("/customXml/"))
    .chain(
        [
            (super::sections::SECOND_FIRST_HEADER, "header"),
            (super::sections::SECOND_RUNNING_HEADER, "header"),
            (super::sections::SECOND_FOOTER, "footer"),
            (super::sections::SECOND_FIRST_FOOTER, "footer"),
        ]
        .into_iter()
        .filter(|_| second)
        .map(|(name, kind)| (format!("/word/{name}"), format!("{wml}.{kind}+xml"))),
    )
    {
        tag(out, "Override")
            .attr("PartName", part)
            .attr("ContentType", kind)
            .empty();
    }
    xml::end(out, "Types");
    x
}

/// `_rels/.rels`.
pub(super) fn root_rels() -> String {
    let mut x = String::from(DECL);
    let out = tag(&mut x, "Relationships")
        .attr("xmlns", PACKAGE_RELS)
        .open();
    for (id, kind, target) in [
        (
            "rId1",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
    ] {
        tag(out, "Relationship")
            .attr("Id", id)
            .attr("Type", kind)
            .attr("Target", target)
            .empty();
    }
    xml::end(out, "Relationships");
    x
}

/// `docProps/core.xml`: title, subject, author, keywords and language. No dates:
/// the same report must give the same bytes.
pub(super) fn core(doc: &Document) -> String {
    let m = &doc.meta;
    let ns = [
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ];
    let keywords = m.keywords.join("; ");
    xml::part("cp:coreProperties", &ns, |out| {
        for (name, value) in [
            ("dc:title", m.title.as_str()),
            ("dc:subject", m.subject.as_str()),
            ("dc:creator", m.author.as_str()),
            ("cp:keywords", keywords.as_str()),
            ("dc:language", m.lang),
        ] {
            wrap(out, name, |out| text(out, value));
        }
    })
}

/// `docProps/app.xml`.
pub(super) fn app() -> String {
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    xml::part("Properties", &[("xmlns", ns)], |out| {
        wrap(out, "Application", |out| out.push_str("cabinet-report"));
    })
}

/// `word/settings.xml`: Word 2013+ layout rules, not compatibility mode.
pub(super) fn settings() -> String {
    xml::part("w:settings", W_NS, |out| {
        val(out, "w:defaultTabStop", 720);
        val(out, "w:characterSpacingControl", "doNotCompress");
        wrap(out, "w:compat", |out| {
            tag(out, "w:compatSetting")
                .attr("w:name", "compatibilityMode")
                .attr("w:uri", "http://schemas.microsoft.com/office/word")
                .attr("w:val", 15)
                .empty();
        });
    })
}
