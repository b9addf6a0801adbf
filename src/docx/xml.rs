//! Escaping and the few WordprocessingML fragments every part uses.

/// The namespaces the document, header and footer parts declare.
pub(super) const WML_NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#
);

/// The XML declaration every part starts with.
pub(super) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub(super) use crate::xml::escape as esc;

/// Run content for `text`: `w:t` pieces with tabs and line breaks as their own elements.
pub(super) fn run_content(text: &str, out: &mut String) {
    let mut piece = String::new();
    let flush = |piece: &mut String, out: &mut String| {
        if !piece.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(&esc(piece));
            out.push_str("</w:t>");
            piece.clear();
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                flush(&mut piece, out);
                out.push_str("<w:tab/>");
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flush(&mut piece, out);
                out.push_str("<w:br/>");
            }
            c => piece.push(c),
        }
    }
    flush(&mut piece, out);
}

/// Twentieths of a point in a millimetre.
/// Points to twips (twentieths of a point).
pub(super) fn pt_twips(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

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
    }
}
