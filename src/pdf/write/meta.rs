//! Document metadata: the Info dictionary and the XMP packet, saying the
//! same things (title, author, subject, keywords, language), plus the PDF/UA
//! identification. No dates: a date taken from the clock would make two
//! renders of the same report differ.

use super::file::PdfFile;
use crate::compose::Meta;
use crate::xml::escape;
use pdf_writer::{Ref, TextStr};

const PRODUCER: &str = concat!("cabinet-report ", env!("CARGO_PKG_VERSION"));

/// Writes the Info dictionary.
pub(super) fn info(file: &mut PdfFile, meta: &Meta) -> Ref {
    let id = file.reserve();
    let mut info = file.obj(id).indirect(id).start::<pdf_writer::writers::DocumentInfo>();
    info.title(TextStr(&meta.title))
        .author(TextStr(&meta.author))
        .subject(TextStr(&meta.subject))
        .producer(TextStr(PRODUCER))
        .creator(TextStr(PRODUCER));
    if !meta.keywords.is_empty() {
        info.keywords(TextStr(&meta.keywords.join("; ")));
    }
    id
}

/// Writes the XMP metadata stream (uncompressed, so any tool can read it).
pub(super) fn xmp(file: &mut PdfFile, meta: &Meta) -> Ref {
    let e = escape;
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
    );
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        e(&meta.title)
    ));
    x.push_str(&format!(
        "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
        e(&meta.author)
    ));
    x.push_str(&format!(
        "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
        e(&meta.subject)
    ));
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        e(meta.lang)
    ));
    if !meta.keywords.is_empty() {
        x.push_str("<dc:subject><rdf:Bag>");
        for k in &meta.keywords {
            x.push_str(&format!("<rdf:li>{}</rdf:li>", e(k)));
        }
        x.push_str("</rdf:Bag></dc:subject>\n");
        x.push_str(&format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            e(&meta.keywords.join("; "))
        ));
    }
    x.push_str(&format!(
        "<pdf:Producer>{PRODUCER}</pdf:Producer>\n<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>\n"
    ));
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
    let id = file.reserve();
    file.stream_obj(id).metadata(id, x.as_bytes());
    id
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_specials_are_escaped_and_controls_dropped() {
        assert_eq!(
            super::escape("A & B <c> \"d\"\u{1}]]>"),
            "A &amp; B &lt;c&gt; &quot;d&quot;]]&gt;"
        );
    }
}
