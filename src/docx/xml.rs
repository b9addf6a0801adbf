//! The element writer every Word part is written with, escaping, and units.
//!
//! Hand-written rather than quick-xml's `Writer`: what the parts need from a
//! writer is schema order, which no general XML writer knows (that is
//! `props.rs`); what is left is putting `<`, `="` and `/>` around names, and
//! this does it into one `String` with no event values or error paths, with
//! the escaping the rest of the crate uses (control characters dropped).

use std::fmt::{self, Display, Write as _};

/// The namespaces the document, header and footer parts declare.
pub(super) const WML_NS: &[(&str, &str)] = &[
    (
        "xmlns:w",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        "xmlns:r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "xmlns:wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        "xmlns:a",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        "xmlns:pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
];

/// The WordprocessingML namespace alone, for the parts with no drawings.
pub(super) const W_NS: &[(&str, &str)] = &[(
    "xmlns:w",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
)];

/// The XML declaration every part starts with.
pub(super) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A start tag being written: attributes, then [`Tag::empty`] or [`Tag::open`].
/// Every attribute value is escaped, so no caller can forget to.
#[must_use = "a tag is finished by empty() or open()"]
pub(super) struct Tag<'a> {
    out: &'a mut String,
}

/// Starts `<name` in `out`.
pub(super) fn tag<'a>(out: &'a mut String, name: &str) -> Tag<'a> {
    out.push('<');
    out.push_str(name);
    Tag { out }
}

impl<'a> Tag<'a> {
    pub fn attr(self, name: &str, value: impl Display) -> Self {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        // Writing to a String cannot fail.
        let _ = write!(Escaped(self.out), "{value}");
        self.out.push('"');
        self
    }

    /// The attribute when there is a value.
    pub fn attr_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// Each (name, value) in turn.
    pub fn attrs(mut self, attrs: &[(&str, &str)]) -> Self {
        for (name, value) in attrs {
            self = self.attr(name, value);
        }
        self
    }

    /// `/>`: an element with no content.
    pub fn empty(self) {
        self.out.push_str("/>");
    }

    /// `>`: content follows, then [`end`].
    pub fn open(self) -> &'a mut String {
        self.out.push('>');
        self.out
    }
}

/// `</name>`.
pub(super) fn end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// `<name>`, `content`, `</name>`.
pub(super) fn wrap(out: &mut String, name: &str, content: impl FnOnce(&mut String)) {
    content(tag(out, name).open());
    end(out, name);
}

/// `<name w:val="value"/>`, the commonest shape in WordprocessingML.
pub(super) fn val(out: &mut String, name: &str, value: impl Display) {
    tag(out, name).attr("w:val", value).empty();
}

/// An on/off property: `<name/>` for on, `<name w:val="0"/>` for off.
pub(super) fn toggle(out: &mut String, name: &str, on: Option<bool>) {
    match on {
        Some(true) => tag(out, name).empty(),
        Some(false) => val(out, name, 0),
        None => {}
    }
}

/// Escaped text as element content.
pub(super) fn text(out: &mut String, s: &str) {
    crate::xml::escape_text_into(out, s);
}

/// A part: the declaration, then the root element with its namespaces.
pub(super) fn part(root: &str, ns: &[(&str, &str)], content: impl FnOnce(&mut String)) -> String {
    let mut out = part_start(root, ns);
    content(&mut out);
    end(&mut out, root);
    out
}

/// A part's start, the declaration and its root element opened, for a part
/// written in stages (the document); [`end`] closes the root.
pub(super) fn part_start(root: &str, ns: &[(&str, &str)]) -> String {
    let mut out = String::from(DECL);
    tag(&mut out, root).attrs(ns).open();
    out
}

struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        crate::xml::escape_into(self.0, s);
        Ok(())
    }
}

/// Run content for `text`: `w:t` pieces with tabs and line breaks as their own elements.
pub(super) fn run_content(text: &str, out: &mut String) {
    let piece = |out: &mut String, piece: &str| {
        if !piece.is_empty() {
            let out = tag(out, "w:t").attr("xml:space", "preserve").open();
            self::text(out, piece);
            end(out, "w:t");
        }
    };
    // Split at the ASCII breaks by byte, so the text between them is
    // escaped in whole slices rather than copied a character at a time.
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let here = i;
        match bytes[i] {
            b'\t' => {
                piece(out, &text[from..here]);
                tag(out, "w:tab").empty();
            }
            b'\r' | b'\n' => {
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                piece(out, &text[from..here]);
                tag(out, "w:br").empty();
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        from = i;
    }
    piece(out, &text[from..]);
}

/// Points to twips (twentieths of a point).
pub(super) fn pt_twips(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// Millimetres to twips.
pub(super) fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

/// DrawingML units (EMU) in a millimetre.
pub(super) fn emu(mm: f32) -> i64 {
    (mm * 36_000.0).round() as i64
}

/// Half-points, as `w:sz` wants a font size.
pub(super) fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::escape as esc;

    #[test]
    fn control_characters_are_dropped_and_markup_escaped() {
        assert_eq!(esc("a\u{1}<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        let mut out = String::new();
        run_content("one\ttwo\r\nthree", &mut out);
        assert_eq!(
            out,
            "<w:t xml:space=\"preserve\">one</w:t><w:tab/><w:t xml:space=\"preserve\">two</w:t>\
             <w:br/><w:t xml:space=\"preserve\">three</w:t>"
        );
        // A lone carriage return and each of two newlines break the line;
        // text that ends in a break leaves no empty piece.
        out.clear();
        run_content("é\r\n\nü&\r", &mut out);
        assert_eq!(
            out,
            "<w:t xml:space=\"preserve\">é</w:t><w:br/><w:br/>\
             <w:t xml:space=\"preserve\">ü&amp;</w:t><w:br/>"
        );
    }

    #[test]
    fn attribute_values_are_always_escaped() {
        let mut out = String::new();
        tag(&mut out, "w:tblCaption")
            .attr("w:val", "Costs & \"savings\" <2026>\u{2}")
            .empty();
        assert_eq!(
            out,
            r#"<w:tblCaption w:val="Costs &amp; &quot;savings&quot; &lt;2026&gt;"/>"#
        );
    }
}
