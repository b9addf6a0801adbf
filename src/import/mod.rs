//! Reading a Word file this library wrote, edited in Word or LibreOffice,
//! back into the typed [`Report`] (feature `import`).
//!
//! The file carries the report it was made from (a custom XML part, see
//! `src/docx/source.rs`); the visible document wins over it. Each part of
//! the report is read from its styles and structure (Title, Heading 1 for
//! summary, recommendations, sections, back matter and appendices; Numbered
//! Paragraph, Indented Paragraph, Quote, List Bullet, List Number 2,
//! Caption, tables with their shading and merges, the implications table,
//! runs' `w:lang`), and what print does not carry (section kinds,
//! Schedule 12A paragraphs, image files, column widths, the template) is
//! taken from the carried copy, matched by place. Anything placed by a
//! guess, or not placed, is a diagnostic (`I2`); an edited value that cannot
//! be read back keeps its old value with an error (`I1`).

mod body;
mod flow;
mod header;
mod package;

use crate::compose::{self, Audience};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::error::Error;
use crate::model::Report;
use crate::template::Template;

/// The largest Word file [`Report::from_docx`] reads (32 MiB).
pub use package::MAX_DOCX_BYTES;

/// What one import works with.
pub(crate) struct Import<'a> {
    template: &'a Template,
    /// The report the file carries.
    base: Report,
    /// The report being read.
    report: Report,
    diagnostics: Vec<Diagnostic>,
    /// Alternative text of each picture in document order, and how many were met.
    alts: Vec<String>,
    pictures: usize,
    /// The file is a public edition: withheld content is not in it.
    public: bool,
    /// The shading of a table's header row, and of its subtotal and totals
    /// rows (the theme's), as Word writes it.
    head_fill: String,
    label_fill: String,
}

impl Import<'_> {
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(RuleId::I2, path.into(), message.into()));
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(RuleId::I1, path.into(), message.into()));
    }
}

/// Reads `bytes` back. `template` gives the template a report names (as
/// `Template::for_report` does); the one the carried report names is asked for.
pub(crate) fn from_docx(
    bytes: &[u8],
    template: &mut dyn FnMut(Option<&str>) -> Result<Template, Error>,
) -> Result<(Report, Vec<Diagnostic>), Error> {
    let pkg = package::Package::open(bytes)?;
    let Some((audience, json)) = pkg.source()? else {
        return Err(Error::Import(
            "this Word file does not carry the report it was made from, so it was not written by cabinet-report (or the part was removed); only files the library wrote can be read back".into(),
        ));
    };
    let base = Report::from_json(&json).map_err(|e| {
        Error::Import(format!(
            "the copy of the report the file carries cannot be read: {e}"
        ))
    })?;
    // The reader places every paragraph in one language's report; a second
    // language's section would be read into the first. Refuse rather than
    // merge the two languages silently.
    if base.translation.is_some() {
        return Err(Error::Import(
            "this Word file is a bilingual report (two languages); reading a bilingual file back is not supported yet, so make the edits in the report's JSON".into(),
        ));
    }
    let template = template(base.template.as_deref())?;
    let docx = package::read_docx(&pkg)?;
    let base_doc = compose::compose_printed(&base, &template, Audience::Full, None)?;
    let items = flow::items(&docx, base_doc.meta.lang);
    let alts = flow::alt_texts(pkg.part("word/document.xml").unwrap_or_default());
    let mut im = Import {
        template: &template,
        report: base.clone(),
        base,
        diagnostics: Vec::new(),
        alts,
        pictures: 0,
        public: audience == "public",
        head_fill: base_doc.theme.colours.primary.hex(),
        label_fill: base_doc.theme.colours.label_fill.hex(),
    };
    if im.public && compose::Classification::of(&im.base) != compose::Classification::Open {
        im.warn("$", "this is the public edition: the exempt parts it withholds are not in it, so they come back empty; import the full edition (clerk --full) to keep them");
    }
    let used = header::read(&mut im, &items, &base_doc);
    body::read(&mut im, &items[used..]);
    Ok((im.report, im.diagnostics))
}
