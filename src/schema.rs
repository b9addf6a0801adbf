//! JSON Schemas of the three file formats, made from the types the loader
//! reads, so that an editor or a council's web form can check a file
//! before it is sent.
//!
//! The schemas say what the loader accepts in shape: field names, types,
//! enumerated values, which fields are required. What needs more than a
//! shape (a date that exists, a colour with enough contrast, the report's
//! rules) is still the loader's and the validator's to say.
//! `schemas/` in the repository holds them as files; a test keeps those in
//! step with this module.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// One of the file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A report file ([`crate::Report`]).
    Report,
    /// A template file ([`crate::Template`]).
    Template,
    /// A meeting file ([`crate::Meeting`]).
    Meeting,
}

impl Format {
    /// Every format, in the order `schemas/` lists them.
    pub const ALL: [Format; 3] = [Format::Report, Format::Template, Format::Meeting];

    /// The format's name: `report`, `template`, `meeting`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Report => "report",
            Format::Template => "template",
            Format::Meeting => "meeting",
        }
    }

    /// The format a name denotes.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The schema's file name in `schemas/`: `report.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The schema, as pretty-printed JSON with a final newline.
    pub fn schema(self) -> String {
        let schema = match self {
            Format::Report => generate::<crate::Report>(),
            Format::Template => generate::<crate::Template>(),
            Format::Meeting => generate::<crate::Meeting>(),
        };
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
        text.push('\n');
        text
    }
}

/// The report file's schema (JSON Schema 2020-12).
pub fn report() -> String {
    Format::Report.schema()
}

/// The template file's schema (JSON Schema 2020-12).
pub fn template() -> String {
    Format::Template.schema()
}

/// The meeting file's schema (JSON Schema 2020-12).
pub fn meeting() -> String {
    Format::Meeting.schema()
}

/// The schema of what `T`'s loader reads, with the `"$schema"` key the
/// loader skips.
fn generate<T: JsonSchema>() -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>();
    if let Some(properties) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        properties.insert(
            "$schema".into(),
            serde_json::json!({
                "description": "Where an editor finds this schema; ignored by the loader.",
                "type": "string"
            }),
        );
    }
    schema
}
