//! Typed values that may still hold their template's prompt.

use super::placeholder;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A typed value, or the template prompt that was never replaced.
///
/// Reports are drafted from Word templates, so a date field can arrive as
/// `[Insert date notice was published]`. Such text loads as
/// [`Field::Unfilled`] and the validator reports it (rule R1) with its JSON
/// path; any other text that is not a valid value is a load error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<T> {
    /// A proper value.
    Value(T),
    /// Template text left in place of a value.
    Unfilled(String),
}

impl<T> Field<T> {
    /// The value, if filled in.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Unfilled(_) => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(v: T) -> Self {
        Field::Value(v)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(s),
            Field::Unfilled(t) => s.serialize_str(t),
        }
    }
}

// A value, or any string: which strings are template prompts (`[Insert
// date]`, `TBC`, `yes/no`) is decided by `placeholder::find`, more than a
// pattern can say, so the schema accepts every string here and leaves the
// rest to the loader and rule R1.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Field<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Field_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                generator.subschema_for::<T>(),
                {
                    "description": "Template text left in place of the value (`[Insert date notice was published]`): it loads, and the validator reports it (rule R1).",
                    "type": "string"
                }
            ]
        })
    }
}

/// Values that a JSON string can hold; `Field` tries them before treating
/// the string as template text.
pub trait FromField: Sized {
    /// What a clerk should write instead, for the error message.
    const EXPECTED: &'static str;
    /// The value a string denotes, if any.
    fn from_str(s: &str) -> Option<Self>;
    /// Why `s` is not a value, for the error message.
    fn why_not(s: &str) -> String {
        format!("`{}` is not {}", shorten(s), Self::EXPECTED)
    }
}

impl FromField for super::Date {
    const EXPECTED: &'static str = "a date written as YYYY-MM-DD";
    fn from_str(s: &str) -> Option<Self> {
        super::Date::parse_iso(s)
    }
    fn why_not(s: &str) -> String {
        super::Date::why_not(s)
    }
}

impl<'de, T: FromField + Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor(std::marker::PhantomData))
    }
}

struct FieldVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: FromField + Deserialize<'de>> de::Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        if let Some(v) = T::from_str(s) {
            return Ok(Field::Value(v));
        }
        if placeholder::find(s).is_some() {
            return Ok(Field::Unfilled(s.to_string()));
        }
        Err(E::custom(T::why_not(s)))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Field::Value)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Field::Value)
    }
}

/// Quotes at most 60 characters of a value in a message, so a 30 MB string
/// cannot flood a terminal.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}
