//! `cabinet-report` builds UK council Cabinet reports from one typed model:
//! a branded, accessible PDF (PDF/UA-1) and an editable Word document.
//!
//! Describe a report with [`model`] (in code with [`Report::builder`], or
//! from JSON with [`Report::from_json_bytes`]), pick a council's
//! [`Template`], and render with a [`Renderer`]: it checks the report as a
//! clerk would ([`Diagnostic`]s with stable [`RuleId`]s) and writes both
//! files, or refuses with every finding. Images, logos, fonts and templates
//! come from a folder or from memory ([`Resources`]).
//!
//! Inside, the path of data is model → validate (what a clerk would reject)
//! → compose (numbers, labels, links, exempt withholding and every design
//! value, decided once) → the PDF and Word renderers, which read only the
//! composed document. Those stages are private; the `internals` feature
//! makes them public for the project's own tests, benches and fuzzing, with
//! no promise of stability.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Without `internals`, stage items only the tests and benches reach look
// unused; they are not dead.
#![cfg_attr(not(feature = "internals"), allow(dead_code))]
// A build with neither output (`--no-default-features`) only checks reports;
// the preparation the outputs share is still compiled, so it stays checked.
#![cfg_attr(not(any(feature = "pdf", feature = "docx")), allow(dead_code))]

/// Declares a pipeline stage: public with `internals`, crate-private without.
macro_rules! stage {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

stage!(amount, assets, compose, fonts, validate);
#[cfg(feature = "pdf")]
stage!(pdf);
#[cfg(feature = "docx")]
stage!(docx);
#[cfg(feature = "batch")]
pub mod batch;
mod diagnostic;
mod error;
pub mod files;
#[cfg(feature = "import")]
mod import;
pub mod meeting;
pub mod model;
#[cfg(any(feature = "pdf", feature = "docx"))]
mod parallel;
mod render;
pub mod resources;
pub mod schema;
pub mod template;
mod xml;

pub use compose::Audience;
pub use diagnostic::{Diagnostic, ParseRuleIdError, RuleId, Severity};
pub use error::{Error, JsonError};
#[cfg(feature = "import")]
pub use import::MAX_DOCX_BYTES;
pub use meeting::Meeting;
pub use model::Report;
#[cfg(feature = "docx")]
pub use render::render_docx;
#[cfg(any(feature = "pdf", feature = "docx"))]
pub use render::Rendered;
#[cfg(feature = "pdf")]
pub use render::{render_pdf, ItemPages, RenderedPack};
pub use render::{RenderOptions, Renderer};
pub use resources::{FileId, Folder, MemoryResources, ResourceError, ResourceKind, Resources};
pub use template::Template;
pub use validate::{Rule, RULES};

// Services render from many threads with one renderer per template, as
// `clerk`'s batch mode does: a field that is not thread-safe must fail the
// build here, not in theirs.
const _: () = {
    const fn thread_safe<T: Send + Sync>() {}
    thread_safe::<Renderer>();
    #[cfg(feature = "batch")]
    thread_safe::<batch::Batch>();
};

/// The README's Rust examples, compiled by `cargo test --doc`.
#[cfg(all(doctest, feature = "batch"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
