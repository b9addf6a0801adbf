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
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}
