//! The integration tests, one binary: each module is what was a test file, so the
//! crate and its dependencies link once instead of once per file.

mod assets;
mod builder;
mod clerk;
mod clerk_output_safety;
#[allow(dead_code)]
mod common;
mod cross_format;
mod docx;
mod examples;
mod exempt_leaks;
mod fuzz_regressions;
mod golden;
mod image_files;
mod hostile_inputs;
mod links;
mod missing_tools;
mod model_json;
mod msrv;
mod pack;
mod pdf_layout;
mod pdf_render;
mod pdf_write;
mod public_edition;
mod readme;
mod resource_limits;
mod robustness;
mod schema;
mod tables;
mod templates;
mod validate;
mod word_import;
mod word_schema;
