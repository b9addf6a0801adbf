//! The branded, tagged PDF.
//!
//! `layout` turns a composed document into [`frame::LaidOut`] pages (shaping,
//! line breaking, pagination, tables); `write` turns those into PDF bytes
//! (fonts, content streams, structure tree, outline, metadata).

pub mod frame;
pub mod layout;
pub mod write;

use crate::assets::Assets;
use crate::compose::Document;
use crate::error::Error;
use crate::fonts::FontSet;

/// Lays out and writes the PDF of a composed document.
pub fn render(doc: &Document, assets: &Assets, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    let laid = layout::layout(doc, assets, fonts)?;
    write::write(laid, fonts)
}

/// Writes a laid-out agenda pack ([`layout::pack::merge`]): its page
/// labels number the pages from 1, and links to `#page=N` go to page N.
pub fn write_pack(laid: frame::LaidOut, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    write::write_pack(laid, fonts)
}
