//! The one error type of the library.

use crate::diagnostic::Diagnostic;
use std::fmt;
use std::path::PathBuf;

/// Where in a JSON input something is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// JSONPath of the value, e.g. `$.sections[2].blocks[0]`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Everything that can stop a report being loaded or rendered.
///
/// Validation findings are not errors: they are
/// [`Diagnostic`]s, all reported in one run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The input is not a well-formed report.
    #[error("line {}, column {}, at {}: {}", .0.line, .0.column, .0.path, .0.message)]
    Json(JsonError),
    /// The input is bigger than any report could be.
    #[error(
        "the file is {}, too big for a report (at most {}); images belong in separate files",
        megabytes(*size),
        megabytes(*limit)
    )]
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is not UTF-8 text.
    #[error("the file is not UTF-8 text (first bad byte at line {line}, column {column}); save it as UTF-8")]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in bytes) of the first bad byte.
        column: usize,
    },
    /// The report names a template that does not exist or is not valid.
    #[error("template `{name}`: {reason}")]
    Template {
        /// The id or path given.
        name: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// An image could not be used.
    #[error("{path}: image `{src}`: {reason}")]
    Image {
        /// JSON path of the image block.
        path: String,
        /// The image reference.
        src: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// A font could not be used.
    #[error("font {name}: {reason}")]
    Font {
        /// The font's name or file.
        name: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// Text contains a character none of the brand's fonts can draw.
    #[error("{path}: the character {ch:?} (U+{:04X}) is not in the fonts, so it cannot be printed", *ch as u32)]
    MissingGlyph {
        /// JSON path of the text.
        path: String,
        /// The character.
        ch: char,
    },
    /// The report has validation errors, so it must not be rendered. Holds
    /// every finding of the run, warnings too; displayed with a count line,
    /// then one finding a line, errors first.
    #[error("{}", Findings(.0))]
    Invalid(Vec<Diagnostic>),
    /// A wholly exempt report has no public edition: only members and
    /// officers entitled to see it may be given it.
    #[error("the whole report is exempt, so it has no public edition; render the full edition for members and officers")]
    WhollyExempt,
    /// The PDF writer failed; a bug, reported rather than panicked on.
    #[error("writing the PDF failed: {0}")]
    Pdf(String),
    /// The Word writer failed; a bug, reported rather than panicked on.
    #[error("writing the Word document failed: {0}")]
    Docx(String),
    /// A Word file could not be read back into a report
    /// ([`Report::from_docx`](crate::Report::from_docx)): damaged, too large,
    /// or not written by this library.
    #[error("reading the Word document back: {0}")]
    Import(String),
}

/// A clerk fixing a report needs every finding, not the first of many, and
/// a service may only ever see this text, not the vector.
struct Findings<'a>(&'a [Diagnostic]);

impl fmt::Display for Findings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.0.iter().partition(|d| d.is_error());
        write!(
            f,
            "the report has {} and {}",
            count(errors.len(), "validation error"),
            count(warnings.len(), "warning")
        )?;
        if !self.0.is_empty() {
            f.write_str(":")?;
        }
        for d in errors.iter().chain(&warnings) {
            write!(f, "\n{d}")?;
        }
        Ok(())
    }
}

/// `1 warning`, `2 warnings`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `4 MB`, `30.0 MB`: sizes as a clerk reads them (1 MB = 1,048,576 bytes).
fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / 1_048_576.0;
    if bytes.is_multiple_of(1_048_576) {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}
