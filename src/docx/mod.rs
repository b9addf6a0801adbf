//! The editable Word document.

use crate::assets::Assets;
use crate::compose::Document;
use crate::error::Error;

/// Writes the Word document of a composed document.
pub fn render(_doc: &Document<'_>, _assets: &Assets) -> Result<Vec<u8>, Error> {
    Err(Error::Docx("the Word renderer is being built (issue 5)".into()))
}
