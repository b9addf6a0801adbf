//! Reading a report from JSON with errors that say where.

pub(crate) use super::json_words::Quote;
use super::json_words::{self, At};
use super::Report;
use crate::error::{Error, JsonError};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The largest report file accepted. Real reports are tens of kilobytes;
/// images are separate files, so anything near this is a mistake or an attack.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

impl Report {
    /// Parses a report from JSON text.
    ///
    /// Errors name the line, column and JSON path of the problem.
    pub fn from_json(json: &str) -> Result<Report, Error> {
        from_json_str(json)
    }

    /// Parses a report from bytes, which must be UTF-8 JSON.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Report, Error> {
        from_json_str(check_bytes(bytes)?)
    }
}

/// Checks size and encoding before any parsing, so a huge or binary file is
/// refused with a clear reason.
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<&str, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        Error::NotUtf8 { line, column }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

const NOT_AN_OBJECT: &str =
    "the file must hold one JSON object (`{ … }`), not a list or a single value";

/// Deserializes any model type with path-aware errors.
pub(crate) fn from_json_str<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Error> {
    from_json_quoting(json, Quote::Yes)
}

/// Deserializes any model type; with [`Quote::No`] the errors say where and
/// what kind of mistake, never the file's words (the path is left at `$`,
/// as a map's keys and an unknown field's name are the file's words too).
pub(crate) fn from_json_quoting<T: serde::de::DeserializeOwned>(
    json: &str,
    quote: Quote,
) -> Result<T, Error> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: json.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if json.trim().is_empty() {
        return Err(Error::Json(JsonError {
            line: 1,
            column: 1,
            path: "$".into(),
            message: "the file is empty; a report is a JSON object".into(),
        }));
    }
    // serde accepts an array for a struct (fields by position), which would
    // report "invalid length 0, expected struct Report with 23 elements", or
    // recurse into a 200,000-deep `[[[…`: refuse arrays up front, plainly.
    let body = json.trim_start();
    if body.starts_with('[') {
        let skipped = &json[..json.len() - body.len()];
        let line = skipped.matches('\n').count() + 1;
        let column = skipped.len() - skipped.rfind('\n').map_or(0, |p| p + 1) + 1;
        return Err(Error::Json(JsonError {
            line,
            column,
            path: "$".into(),
            message: NOT_AN_OBJECT.into(),
        }));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(SkipSchemaKey(&mut de))
        .map_err(|e| json_error(&e, json, quote))?;
    de.end().map_err(|e| {
        Error::Json(JsonError {
            line: e.line(),
            column: e.column(),
            path: "$".into(),
            message: "unexpected text after the end of the report".into(),
        })
    })?;
    Ok(value)
}

/// The key an editor reads to find a file's JSON Schema
/// (`"$schema": "../../schemas/report.schema.json"`).
const SCHEMA_KEY: &str = "$schema";

/// Reads a file's top-level object without its `"$schema"` key, which the
/// types' `deny_unknown_fields` would refuse. A filter on the map, not a
/// field on `Report`, `Template` and `Meeting`: a field would break code
/// that builds them with struct literals, and reading into a
/// `serde_json::Value` first would lose the line and column of errors.
/// Only the top-level object is filtered; nested objects go to serde_json
/// untouched.
struct SkipSchemaKey<D>(D);

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for SkipSchemaKey<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(TopLevel(visitor))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(TopLevel(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, TopLevel(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct enum identifier ignored_any
    }
}

struct TopLevel<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for TopLevel<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(WithoutSchema(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }
}

struct WithoutSchema<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutSchema<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.0.next_key::<String>()? else {
                return Ok(None);
            };
            if key == SCHEMA_KEY {
                // A schema reference is a string; anything else is a slip
                // worth reporting rather than ignoring.
                self.0.next_value::<String>()?;
                continue;
            }
            let key = serde::de::value::StringDeserializer::<A::Error>::new(key);
            return seed.deserialize(key).map(Some);
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

fn json_error(
    e: &serde_path_to_error::Error<serde_json::Error>,
    json: &str,
    quote: Quote,
) -> Error {
    let inner = e.inner();
    let message = inner.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    let at = At {
        json,
        line: inner.line(),
        column: inner.column(),
    };
    let message = if e.path().iter().next().is_none()
        && message.starts_with("invalid type")
        && message.contains("expected struct")
    {
        NOT_AN_OBJECT.to_string()
    } else if message.starts_with("invalid type: unit variant, expected newtype variant") {
        // `"body": "committee"`: the kind needs its name.
        let kind = e
            .path()
            .iter()
            .next_back()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!("`{kind}` needs a name: write {{\"{kind}\": \"…\"}}, e.g. {{\"committee\": \"Licensing Committee\"}}")
    } else if let Some(words) = json_words::plain(&message, &at, quote) {
        words
    } else if message == "expected value" || message.starts_with("expected ident") {
        "this is not JSON here: expected a value (an object `{`, a list `[`, a \"string\", a number, true, false or null)".to_string()
    } else if let Some(rest) = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))
    {
        // Quote at most a line of a hostile megabyte-long name.
        // "variant" is serde's word; a clerk chose a value from a list.
        let kind = if message.starts_with("unknown field") {
            "field"
        } else {
            "value"
        };
        match (rest.split_once("`, "), quote) {
            (Some((name, expected)), Quote::Yes) => {
                format!(
                    "unknown {kind} `{}`, {expected}",
                    super::field::shorten(name)
                )
            }
            (Some((_, expected)), Quote::No) => format!("unknown {kind}, {expected}"),
            (None, _) => message,
        }
    } else if let Some(what) = message.strip_prefix("EOF while parsing ") {
        format!("the file ends in the middle of {what}; it may have been cut short")
    } else if quote == Quote::No {
        json_words::unquoted(&message)
    } else {
        message
    };
    Error::Json(JsonError {
        line: inner.line(),
        column: inner.column().max(1),
        path: match quote {
            Quote::Yes => json_path(e.path()),
            Quote::No => "$".into(),
        },
        message,
    })
}

/// Renders a serde path as a JSONPath: `$.sections[2].blocks[0]`.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('.');
                out.push_str(&super::field::shorten(key));
            }
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> JsonError {
        match Report::from_json(json) {
            Err(Error::Json(e)) => e,
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_input_names_line_column_and_path() {
        let e = err("{\n  \"title\": 3\n}");
        assert_eq!((e.line, e.path.as_str()), (2, "$.title"));
        assert!(e.message.contains("expected a string"), "{}", e.message);

        let sample = super::super::SAMPLE_JSON.replacen("\"wards\"", "\"wardz\"", 1);
        let e = err(&sample);
        assert!(e.message.contains("unknown field `wardz`"), "{}", e.message);

        let e = err(&super::super::SAMPLE_JSON.replacen("2019-07-31", "31/07/2019", 1));
        assert_eq!(e.path, "$.meeting.date");
        assert!(e.message.contains("YYYY-MM-DD"));
    }

    #[test]
    fn common_mistakes_get_plain_messages() {
        let sample = super::super::SAMPLE_JSON;
        let first_block = sample.find("{\n      \"paragraph\"").unwrap();
        let with_block = |b: &str| {
            let end = first_block + sample[first_block..].find('}').unwrap() + 1;
            format!("{}{b}{}", &sample[..first_block], &sample[end..])
        };
        assert!(err(&with_block("{}")).message.contains("an empty block"));
        let two = err(&with_block(r#"{"paragraph": "a", "quote": "b"}"#));
        assert!(two.message.contains("two kinds"), "{}", two.message);
        let typo = err(&with_block(r#"{"paragraf": "a"}"#));
        assert!(
            typo.message.starts_with("unknown value `paragraf`"),
            "{}",
            typo.message
        );
        let body = err(&sample.replacen(r#""body": "cabinet""#, r#""body": "committee""#, 1));
        assert!(body.message.contains("needs a name"), "{}", body.message);
        let day = err(&sample.replacen("2019-07-31", "2019-02-30", 1));
        assert!(
            day.message.contains("February 2019 has no day 30"),
            "{}",
            day.message
        );
    }

    #[test]
    fn hostile_input_is_refused_not_panicked_on() {
        assert!(matches!(Report::from_json(""), Err(Error::Json(_))));
        assert!(matches!(Report::from_json("[]"), Err(Error::Json(_))));
        assert!(matches!(
            Report::from_json("{\"title\": \"x"),
            Err(Error::Json(_))
        ));
        let deep = "[".repeat(200_000);
        assert!(matches!(Report::from_json(&deep), Err(Error::Json(_))));
        assert!(matches!(
            Report::from_json_bytes(&[b'{', 0xff, b'}']),
            Err(Error::NotUtf8 { line: 1, column: 2 })
        ));
        let huge = format!("{{\"title\": \"{}\"}}", "a".repeat(30 << 20));
        assert!(matches!(
            Report::from_json(&huge),
            Err(Error::TooLarge { .. })
        ));
    }
}
