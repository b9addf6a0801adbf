//! The page both renderers set: A4 with the same margins, so a line, an
//! image or a table column is the same width in the PDF and in Word.

/// A4 width in millimetres.
pub const WIDTH_MM: f32 = 210.0;
/// A4 height in millimetres.
pub const HEIGHT_MM: f32 = 297.0;
/// Left and right margins in millimetres.
pub const MARGIN_MM: f32 = 22.0;
/// The width of the text column: the widest an image or table can be.
pub const TEXT_WIDTH_MM: f32 = WIDTH_MM - 2.0 * MARGIN_MM;
