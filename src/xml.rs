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
    // Copies the runs between the bytes that need care in one go: most text
    // has none, and pushing it a character at a time was nearly a tenth of a
    // Word file's time. Every byte looked at is ASCII or the lead byte of
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF), so the slices fall on
    // character boundaries.
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (skip, with) = match b {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            // Kept for content too: `]]>` may not appear in text.
            b'>' => (1, "&gt;"),
            b'"' if quotes => (1, "&quot;"),
            b'\'' if quotes => (1, "&apos;"),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f => (1, ""),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (3, ""),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        i += skip;
        from = i;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use super::escape_with;
    use proptest::prelude::*;

    /// The rule, one character at a time, as the fast path must apply it.
    fn by_character(s: &str, quotes: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if quotes => out.push_str("&quot;"),
                '\'' if quotes => out.push_str("&apos;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn markup_is_escaped_and_what_xml_cannot_carry_is_dropped() {
        let mut out = String::new();
        escape_with(
            &mut out,
            "a<b>&\"c'\u{1}\u{FFFE}\u{FFFF}\u{FFFD}\u{EFBF}\td",
            true,
        );
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}\u{EFBF}\td");
        out.clear();
        escape_with(&mut out, "\"it's\"\u{0}", false);
        assert_eq!(out, "\"it's\"");
    }

    proptest! {
        #[test]
        fn the_fast_path_escapes_as_the_rule_says(
            s in "(\\PC|[&<>\"'\\x00-\\x1f\u{FFFE}\u{FFFF}\u{FFFD}\u{F000}-\u{FFFF}])*",
            quotes: bool,
        ) {
            let mut out = String::new();
            escape_with(&mut out, &s, quotes);
            prop_assert_eq!(out, by_character(&s, quotes));
        }
    }
}
