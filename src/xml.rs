//! XML text escaping shared by the Word parts and the PDF's XMP metadata.

/// Escapes text for element content and attribute values, dropping characters
/// XML 1.0 cannot carry at all (a stray control character would make Word
/// refuse the whole file).
#[cfg_attr(not(feature = "pdf"), allow(dead_code))] // the XMP metadata and tests
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    escape_with(out, s, true);
}

/// Escapes text for element content only: quotation marks and apostrophes
/// stay as they are, because only an attribute value needs them escaped.
/// The report JSON a Word file carries is one quotation mark in every eight
/// characters; escaped, it was a third larger, and escaping and deflating it
/// took a tenth of a Word file's time.
#[cfg(feature = "docx")]
pub(crate) fn escape_text_into(out: &mut String, s: &str) {
    escape_with(out, s, false);
}

fn escape_with(out: &mut String, s: &str, quotes: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            // Kept for content too: `]]>` may not appear in text.
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}
