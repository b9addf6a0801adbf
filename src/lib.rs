//! `cabinet-report` builds UK council Cabinet reports from one typed model:
//! a branded, accessible PDF (PDF/UA-1) and an editable Word document.
//!
//! The path of data: [`model`] (what the officer writes) → [`validate`]
//! (what a clerk would reject) → [`compose`] (numbers, labels and exempt
//! handling, decided once) → the PDF and Word renderers.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod amount;
pub mod assets;
pub mod compose;
mod diagnostic;
pub mod docx;
mod error;
pub mod model;
pub mod pdf;
mod render;
pub mod resources;
pub mod template;
pub mod validate;
mod xml;

pub use compose::Audience;
pub use diagnostic::{Diagnostic, ParseRuleIdError, RuleId, Severity};
pub use error::{Error, JsonError};
pub use model::Report;
pub use render::{render_docx, render_pdf, RenderOptions, Rendered, Renderer};
pub use resources::{Folder, MemoryResources, ResourceError, ResourceKind, Resources};
pub use template::Template;

// Services render from many threads with one renderer per template, as
// `clerk`'s batch mode does: a field that is not thread-safe must fail the
// build here, not in theirs.
const _: () = {
    const fn thread_safe<T: Send + Sync>() {}
    thread_safe::<Renderer>();
};

/// The README's Rust example, compiled by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
