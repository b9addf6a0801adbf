//! JSON that is either one keyword (`"all"`, `"none"`) or a list.

/// Implements serde for an enum with a keyword variant and a `Listed(Vec<T>)` variant.
macro_rules! list_or_word {
    ($ty:ident, $word_variant:ident, $word:literal, $item:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $ty::$word_variant => s.serialize_str($word),
                    $ty::Listed(items) => items.serialize(s),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        write!(f, "\"{}\" or a list", $word)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$ty, E> {
                        if s == $word {
                            Ok($ty::$word_variant)
                        } else {
                            Err(E::custom(format!(
                                "expected \"{}\" or a list, found `{}`",
                                $word,
                                $crate::model::field::shorten(s)
                            )))
                        }
                    }
                    fn visit_seq<A: serde::de::SeqAccess<'de>>(
                        self,
                        seq: A,
                    ) -> Result<$ty, A::Error> {
                        <Vec<$item> as serde::Deserialize>::deserialize(
                            serde::de::value::SeqAccessDeserializer::new(seq),
                        )
                        .map($ty::Listed)
                    }
                }
                d.deserialize_any(V)
            }
        }

        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "anyOf": [
                        { "const": $word },
                        { "type": "array", "items": generator.subschema_for::<$item>() }
                    ]
                })
            }
        }
    };
}
pub(crate) use list_or_word;
