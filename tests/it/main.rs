//! The integration tests, one binary: each module is what was a test file, so the
//! crate and its dependencies link once instead of once per file.
//!
//! A module that needs an output the build leaves out (`--no-default-features
//! --features pdf`) is left out with it; scripts/test.sh runs both ways.

#[cfg(all(feature = "pdf", feature = "docx"))]
mod assets;
#[cfg(feature = "batch")]
mod batch;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod bilingual;
mod builder;
#[cfg(all(feature = "pdf", feature = "docx", feature = "import"))]
mod clerk;
#[cfg(all(feature = "pdf", feature = "docx", feature = "import"))]
mod clerk_output_safety;
#[allow(dead_code)]
mod common;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod cross_format;
#[cfg(feature = "docx")]
mod docx;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod examples;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod exempt_leaks;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod fuzz_regressions;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod golden;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod groups_and_sign_offs;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod hostile_inputs;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod image_files;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod links;
mod missing_tools;
mod model_json;
mod msrv;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod pack;
#[cfg(feature = "pdf")]
mod pdf_layout;
#[cfg(feature = "pdf")]
mod pdf_render;
#[cfg(feature = "pdf")]
mod pdf_write;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod public_edition;
mod readme;
#[cfg(all(feature = "pdf", feature = "docx", feature = "import"))]
mod resource_limits;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod robustness;
mod schema;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod tables;
#[cfg(all(feature = "pdf", feature = "docx"))]
mod templates;
mod validate;
#[cfg(all(feature = "pdf", feature = "docx", feature = "import"))]
mod word_import;
#[cfg(feature = "docx")]
mod word_schema;
