//! serde's and serde_json's messages in a clerk's words: no Rust type names
//! (`u8`, `struct KeyDecision`, `a sequence`), no parser jargon ("lone
//! leading surrogate", "trailing comma"), and the value found named as a
//! clerk would ("the number 300", not "integer `300`").
//!
//! Everything a loaded file can be told about its mistakes passes through
//! [`plain`] once, so a new field of a new Rust type cannot bring serde's
//! words back in.

use super::field::shorten;

/// Whether a message may quote what the file says. A template named by a
/// report may be any file the report's writer chose, so its messages say
/// where and what kind of mistake, never the file's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quote {
    /// The file is the user's own (a report, a meeting file): quote it.
    Yes,
    /// Say nothing of the file's content, only the schema's words.
    No,
}

/// Where the error is, for messages that look at the text there.
pub(crate) struct At<'a> {
    pub json: &'a str,
    pub line: usize,
    pub column: usize,
}

impl At<'_> {
    /// The text of the error's line up to and including its column.
    fn line_to_column(&self) -> &str {
        let Some(line) = self.json.split('\n').nth(self.line.saturating_sub(1)) else {
            return "";
        };
        let mut end = self.column.min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        &line[..end]
    }

    /// The byte at the error's column (serde_json counts columns in bytes).
    fn byte(&self) -> Option<u8> {
        let line = self.json.split('\n').nth(self.line.saturating_sub(1))?;
        line.as_bytes().get(self.column.checked_sub(1)?).copied()
    }
}

/// serde_json's message (without its " at line L column C") in plain words;
/// `None` when it is one the caller words itself.
pub(crate) fn plain(message: &str, at: &At<'_>, quote: Quote) -> Option<String> {
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.rsplit_once(", expected ")?;
        return Some(format!(
            "expected {}, found {}",
            expected_words(expected),
            found_words(found, quote)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "expected {}, found a list of {n}",
            expected_words(expected)
        ));
    }
    let words = match message {
        // serde_json asks for an enum's word and finds a number, list,
        // true, false or null: the JSON is fine, the kind of value is not.
        "expected value" if at.byte().is_some_and(|b| b"-0123456789[tfn".contains(&b)) => {
            "expected one of this field's words, as a \"string\" (or an object naming one), \
             not a number, list, true, false or null"
                .to_string()
        }
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            return Some(escape_words(at, quote))
        }
        "invalid escape" => "a backslash must start an escape such as \\n, \\\" or \\u00e9: \
             to write a backslash itself, write \\\\"
            .into(),
        "invalid unicode code point" => {
            "a \\u escape that names no character: write the character itself".into()
        }
        "invalid number" => "this is not a number as JSON writes one: digits, a - sign if \
             negative and a . before decimals (no + sign, leading zeros or thousands separators)"
            .into(),
        "number out of range" => "this number is too large to be read".into(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a line break, tab or other control character inside a string: write a line \
             break as \\n and a tab as \\t, or start a new paragraph"
                .into()
        }
        "key must be a string" => {
            "a field's name must be in double quotes, as in \"title\": …".into()
        }
        "trailing comma" => {
            "a comma after the last item: JSON allows none before `]` or `}`, remove it".into()
        }
        "expected `:`" => "expected `:` between a field's name and its value".into(),
        "expected `,` or `]`" => "expected `,` before the next item, or `]` to end the list".into(),
        "expected `,` or `}`" => {
            "expected `,` before the next field, or `}` to end the object".into()
        }
        "recursion limit exceeded" => {
            "lists and objects are nested more than 128 deep here; no report is shaped like that"
                .into()
        }
        _ => return None,
    };
    Some(words)
}

/// A `\u` escape serde_json could not turn into a character.
fn escape_words(at: &At<'_>, quote: Quote) -> String {
    let before = at.line_to_column();
    let escape = before.rfind("\\u").map(|i| {
        let digits: String = before[i + 2..]
            .chars()
            .take(4)
            .take_while(char::is_ascii_hexdigit)
            .collect();
        digits
    });
    match escape {
        Some(d) if d.len() == 4 => {
            let shown = match quote {
                Quote::Yes => format!(", \\u{}", d.to_ascii_uppercase()),
                Quote::No => String::new(),
            };
            format!(
                "a character that cannot be stored (an unpaired surrogate{shown}): write the \
                 character itself, or both halves of its pair, as in \\uD83D\\uDE00"
            )
        }
        _ => "a \\u escape needs four hex digits, as in \\u00e9".into(),
    }
}

/// What serde says it expected, as a clerk would: Rust's number types as
/// the numbers they hold, its containers as JSON's.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list [ … ]",
        "a map" => "an object { … }",
        "unit" => "null",
        "a string" | "a borrowed string" | "a char" => "a string",
        _ if expected.starts_with("struct ") || expected.starts_with("a map with") => {
            "an object { … }"
        }
        _ if expected.starts_with("enum ") || expected.ends_with(" identifier") => {
            "one of this field's words, as a \"string\""
        }
        _ if expected.starts_with("a sequence") || expected.starts_with("a tuple") => {
            "a list [ … ]"
        }
        other => other,
    };
    words.to_string()
}

/// What serde says it found (`integer \`5\``, `string "x"`, `map`), as a
/// clerk would; without the value itself when the file may not be quoted.
fn found_words(found: &str, quote: Quote) -> String {
    let quoted = |kind: &str, value: &str| match quote {
        Quote::Yes => format!("{kind} {value}"),
        Quote::No => format!("a {}", kind.trim_start_matches("the ")),
    };
    let ticked = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        let text = s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(s);
        return match quote {
            Quote::Yes => format!("the text \"{}\"", shorten(text)),
            Quote::No => "a string".into(),
        };
    }
    for kind in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(kind) {
            return quoted("the number", &ticked(n));
        }
    }
    if let Some(b) = found.strip_prefix("boolean ") {
        return match quote {
            Quote::Yes => ticked(b),
            Quote::No => "true or false".into(),
        };
    }
    match found {
        "null" | "unit value" | "unit" => "null".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            "one of the words".into()
        }
        other => match quote {
            Quote::Yes => other.to_string(),
            Quote::No => "a value of another kind".into(),
        },
    }
}

/// A message of the model's own (a colour, a section kind, a block with
/// two kinds) without the file's words: each `quoted` span becomes "…".
pub(crate) fn unquoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for part in message.split('`') {
        if inside {
            out.push_str("`…`");
        } else {
            out.push_str(part);
        }
        inside = !inside;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(message: &str) -> String {
        let at = At {
            json: "",
            line: 1,
            column: 1,
        };
        plain(message, &at, Quote::Yes).unwrap()
    }

    #[test]
    fn no_rust_type_reaches_a_clerk() {
        assert_eq!(
            words("invalid value: integer `300`, expected u8"),
            "expected a whole number from 0 to 255, found the number 300"
        );
        assert_eq!(
            words("invalid type: string \"wide\", expected f32"),
            "expected a number, found the text \"wide\""
        );
        assert_eq!(
            words("invalid type: string \"maybe\", expected struct KeyDecision"),
            "expected an object { … }, found the text \"maybe\""
        );
        assert_eq!(
            words("invalid type: map, expected a sequence"),
            "expected a list [ … ], found an object"
        );
        assert_eq!(
            words("invalid value: integer `-1`, expected usize"),
            "expected a whole number, 0 or more, found the number -1"
        );
    }

    #[test]
    fn an_unquoted_message_holds_none_of_the_files_words() {
        let at = At {
            json: "",
            line: 1,
            column: 1,
        };
        let m = plain(
            "invalid type: string \"hunter2\", expected u32",
            &at,
            Quote::No,
        )
        .unwrap();
        assert_eq!(
            m,
            "expected a whole number from 0 to 4294967295, found a string"
        );
        assert_eq!(
            unquoted("`hunter2` is not a colour: write it as #RRGGBB"),
            "`…` is not a colour: write it as #RRGGBB"
        );
    }
}
