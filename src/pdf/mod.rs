//! The branded, tagged PDF.
//!
//! `layout` turns a composed document into [`frame::LaidOut`] pages (shaping,
//! line breaking, pagination, tables); `write` turns those into PDF bytes
//! (fonts, content streams, structure tree, outline, metadata).

pub mod fonts;
pub mod frame;
pub mod layout;

use crate::assets::Assets;
use crate::compose::Document;
use crate::error::Error;
use fonts::FontSet;

/// Lays out and writes the PDF of a composed document.
pub fn render(_doc: &Document<'_>, _assets: &Assets, _fonts: &FontSet) -> Result<Vec<u8>, Error> {
    Err(Error::Pdf(
        "the PDF renderer is being built (issue 3)".into(),
    ))
}
