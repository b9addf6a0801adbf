//! Inline rich text: runs of plain, bold, italic and linked text.

use serde::{de, ser::SerializeStruct, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A run of text with one set of inline styles.
///
/// In JSON a run is a plain string, or an object:
/// `{"text": "GOOD", "bold": true}`, `{"text": "the report", "link": "https://…"}`.
/// A run without styles is written back as a plain string, as clerks write it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// A web address the words link to. The words themselves should say
    /// where the link goes (descriptive links are an accessibility rule).
    pub link: Option<String>,
    /// The run's language, when it differs from the report's: a Welsh
    /// phrase in an English report, or the reverse.
    pub lang: Option<super::Language>,
}

/// Every `%` starts a `%XX` escape: otherwise the address is not a URI, and
/// Word's schema (xs:anyURI) refuses the relationship that holds it.
fn percent_escapes_are_whole(url: &str) -> bool {
    let b = url.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || b.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

impl Span {
    /// True when the run has no styles, so it is written as a plain string.
    pub fn is_plain(&self) -> bool {
        !self.bold && !self.italic && self.link.is_none() && self.lang.is_none()
    }

    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            italic: true,
            ..Span::plain(text)
        }
    }
    /// Linked text.
    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Span {
        Span {
            link: Some(url.into()),
            ..Span::plain(text)
        }
    }

    /// Whether a reader can follow `url` safely: a web or email address
    /// (`https://`, `http://`, `mailto:`, in any case) with something after
    /// the scheme, no spaces, control or invisible formatting characters,
    /// no backslash, at most 2,048 characters. A browser (the URL Standard)
    /// reads `\` in a web address as `/` and a PDF reader does not, so
    /// `https://example.org\@evil.example/` would lead to a different host
    /// from each file. Both renderers print any other target
    /// (`javascript:`, `file:`, `data:`, a relative path) as plain text; the
    /// validator reports it (rule R12).
    pub fn is_followable(url: &str) -> bool {
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let Some(scheme) = ["https://", "http://", "mailto:"]
            .into_iter()
            .find(|s| lower.starts_with(s))
        else {
            return false;
        };
        // A web address needs a host; `https:///etc/passwd` has none.
        let rest = &url[scheme.len()..];
        let addressed = match scheme {
            "mailto:" => !rest.is_empty(),
            _ => !rest.is_empty() && !rest.starts_with(['/', '?', '#', '\\']),
        };
        addressed
            && url.len() <= 2048
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || invisible(c) || c == '\\')
            && percent_escapes_are_whole(url)
    }
}

/// Formatting characters that draw nothing (zero-width spaces and joiners,
/// direction overrides, the byte-order mark, the soft hyphen): in an address
/// they make the target differ from what the reader sees.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            return s.serialize_str(&self.text);
        }
        let fields = 1
            + usize::from(self.bold)
            + usize::from(self.italic)
            + usize::from(self.lang.is_some());
        let mut o = s.serialize_struct("Span", fields + usize::from(self.link.is_some()))?;
        o.serialize_field("text", &self.text)?;
        if self.bold {
            o.serialize_field("bold", &true)?;
        }
        if self.italic {
            o.serialize_field("italic", &true)?;
        }
        if let Some(link) = &self.link {
            o.serialize_field("link", link)?;
        }
        if let Some(lang) = &self.lang {
            o.serialize_field("lang", lang)?;
        }
        o.end()
    }
}

/// A run with styles: `{"text": "GOOD", "bold": true}`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StyledRun")]
struct SpanObject {
    /// The words.
    text: String,
    /// Strong emphasis.
    #[serde(default)]
    bold: bool,
    /// Emphasis.
    #[serde(default)]
    italic: bool,
    /// A web address the words link to (`https://`, `http://` or
    /// `mailto:`). The words themselves should say where the link goes.
    #[serde(default)]
    link: Option<String>,
    /// The run's language, when it differs from the report's.
    #[serde(default)]
    lang: Option<super::Language>,
}

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A run of text: a plain string, or an object with its styles.",
            "anyOf": [{ "type": "string" }, generator.subschema_for::<SpanObject>()]
        })
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Text: a plain string, or a list of runs (strings and styled runs such as {\"text\": \"GOOD\", \"bold\": true}).",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": generator.subschema_for::<Span>() }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Span;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object like {\"text\": \"…\", \"bold\": true}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Span, E> {
                Ok(Span::plain(s))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Span, E> {
                Ok(Span::plain(s))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Span, A::Error> {
                let o = SpanObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Span {
                    text: o.text,
                    bold: o.bold,
                    italic: o.italic,
                    link: o.link,
                    lang: o.lang,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A piece of rich text: a sequence of [`Span`]s.
///
/// In JSON, a plain string or an array of runs:
/// `["The result is ", {"text": "GOOD", "bold": true}, "."]`. One run
/// without styles is written back as a plain string; anything else (no run,
/// several runs, a styled run) as the array, so it loads back the same.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub Vec<Span>);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] if one.is_plain() => s.serialize_str(&one.text),
            runs => runs.serialize(s),
        }
    }
}

impl Text {
    /// The words without styling.
    pub fn plain(&self) -> String {
        self.0.iter().map(|s| s.text.as_str()).collect()
    }

    /// True when there are no visible characters.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|s| s.text.trim().is_empty())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(vec![Span::plain(s)])
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(vec![Span::plain(s)])
    }
}

impl From<Vec<Span>> for Text {
    fn from(spans: Vec<Span>) -> Text {
        Text(spans)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text: a string or an array of strings and {\"text\": …} runs")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::from(s))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::from(s))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
                Vec::<Span>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Text)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn only_web_and_email_addresses_are_followable() {
        for ok in [
            "https://example.org/a%20map.pdf",
            "HTTP://EXAMPLE.ORG",
            "Https://example.org",
            "MAILTO:clerk@example.org",
            "mailto:clerk@example.org",
            "https://例え.jp/地図",
        ] {
            assert!(Span::is_followable(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:alert(1)",
            "\u{1}https://example.org",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.org/minutes.pdf",
            "//example.org/minutes",
            "/minutes/2026.pdf",
            "../secrets.pdf",
            "minutes.pdf",
            "www.example.org",
            "example.org",
            "https:example.org",
            "https:/example.org",
            "https://",
            "https:///etc/passwd",
            "https://\\evil.example",
            "https://example.org\\@evil.example/",
            "http://example.org\\.evil.example",
            "https://example.org/a\\b.pdf",
            "mailto:clerk@example.org\\@evil.example",
            "mailto:",
            "https://example.org/a map.pdf",
            "https://example.org/\nminutes",
            "https://exa\u{200b}mple.org",
            "https://example.org/\u{202e}fdp.exe",
            "\u{feff}https://example.org",
            "mailto:%%(-%%",
            "https://example.org/100%",
            "",
        ] {
            assert!(!Span::is_followable(bad), "{bad:?}");
        }
        assert!(!Span::is_followable(&format!(
            "https://example.org/{}",
            "a".repeat(2048)
        )));
    }
}
