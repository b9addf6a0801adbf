//! The languages a council report is written in.

use serde::{Deserialize, Serialize};

/// A report's or a run's language, as a BCP 47 tag.
///
/// Welsh councils publish in Welsh, in English or in both (Welsh Language
/// Standards); screen readers and spelling checkers need to know which
/// words are which, so both formats carry the tag on the document and on
/// every run written in the other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Language {
    /// English (United Kingdom).
    #[default]
    #[serde(rename = "en-GB", alias = "en")]
    EnglishUk,
    /// Welsh (Cymraeg).
    #[serde(rename = "cy-GB", alias = "cy")]
    WelshUk,
}

// By hand: schemars leaves serde's aliases out, and the loader reads the
// short tags too.
impl schemars::JsonSchema for Language {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Language".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A language, as a BCP 47 tag.",
            "anyOf": [
                { "description": "English (United Kingdom).", "const": "en-GB" },
                { "description": "Welsh (Cymraeg).", "const": "cy-GB" },
                { "description": "The short tags, read as en-GB and cy-GB.", "enum": ["en", "cy"] }
            ]
        })
    }
}

impl Language {
    /// The BCP 47 tag both formats write.
    pub fn tag(self) -> &'static str {
        match self {
            Language::EnglishUk => "en-GB",
            Language::WelshUk => "cy-GB",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn languages_load_from_their_tags_and_unknown_tags_are_refused() {
        let l: Language = serde_json::from_str("\"cy-GB\"").unwrap();
        assert_eq!(l, Language::WelshUk);
        let l: Language = serde_json::from_str("\"cy\"").unwrap();
        assert_eq!(l.tag(), "cy-GB");
        let e = serde_json::from_str::<Language>("\"fr-FR\"").unwrap_err();
        assert!(e.to_string().contains("en-GB"), "{e}");
    }
}
