//! A council's look: name, logo, colours and fonts.

use schemars::JsonSchema;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A brand colour: the theme's colour type, written `#RRGGBB` in JSON.
pub use crate::compose::Rgb;

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("#{}", self.hex()))
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || de::Error::custom(format!("`{s}` is not a colour: write it as #RRGGBB"));
        let hex = s.strip_prefix('#').ok_or_else(bad)?;
        // Each character a hex digit: `from_str_radix` alone would take a
        // sign, so "#+f+f+f" would load as a colour the schema refuses.
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Rgb(c(0)?, c(2)?, c(4)?))
    }
}

impl JsonSchema for Rgb {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rgb".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A colour written as #RRGGBB.",
            "type": "string",
            "pattern": "^#[0-9A-Fa-f]{6}$"
        })
    }
}

/// Font files for the four faces of a family, relative to the template file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontFiles {
    /// Regular face (TTF or OTF).
    pub regular: String,
    /// Bold face.
    pub bold: String,
    /// Italic face.
    pub italic: String,
    /// Bold italic face.
    pub bold_italic: String,
}

/// A council's brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The council's name as printed in the header band.
    pub council_name: String,
    /// The main colour: header band, headings, table header rows.
    pub primary_colour: Rgb,
    /// Body text colour.
    #[serde(default = "black")]
    pub text_colour: Rgb,
    /// Colour of header-row text on the primary colour.
    #[serde(default = "white")]
    pub on_primary_colour: Rgb,
    /// The family name Word should use (the council's Word has it): "Arial".
    pub font_family: String,
    /// Font files the PDF embeds; Liberation Sans (metric-compatible with Arial) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fonts: Option<FontFiles>,
    /// Logo (PNG or JPEG), relative to the template file; a neutral built-in mark when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// What the logo shows, for its alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// Body text size in points (12 recommended).
    #[serde(default = "twelve")]
    pub body_size: f32,
}

/// WCAG contrast ratio between two sRGB colours.
fn contrast(a: Rgb, b: Rgb) -> f32 {
    let luminance = |c: Rgb| {
        let [r, g, b] = c.unit().map(|v| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn black() -> Rgb {
    Rgb(0, 0, 0)
}
fn white() -> Rgb {
    Rgb(255, 255, 255)
}
fn twelve() -> f32 {
    12.0
}

impl Brand {
    pub(super) fn check(&self) -> Result<(), String> {
        if !(9.0..=16.0).contains(&self.body_size) {
            return Err(format!(
                "body_size {} is outside 9-16 pt; GOV.UK advice is 12 pt or more",
                self.body_size
            ));
        }
        if self.council_name.trim().is_empty() {
            return Err("brand.council_name is empty".into());
        }
        // WCAG 2.2 AA: 4.5:1 for text. The header band, headings and table
        // header rows print in these colours on every page.
        for (what, fg, bg) in [
            (
                "on_primary_colour on primary_colour",
                self.on_primary_colour,
                self.primary_colour,
            ),
            ("text_colour on white", self.text_colour, Rgb(255, 255, 255)),
            (
                "primary_colour (headings) on white",
                self.primary_colour,
                Rgb(255, 255, 255),
            ),
        ] {
            let ratio = contrast(fg, bg);
            if ratio < 4.5 {
                return Err(format!(
                    "{what} has a contrast ratio of {ratio:.1}:1; accessible text needs at least 4.5:1 (WCAG 2.2 AA)"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_is_six_hex_digits_and_nothing_else() {
        let read = |s: &str| serde_json::from_str::<Rgb>(&format!("\"{s}\""));
        assert_eq!(read("#1F4E79").unwrap(), Rgb(0x1F, 0x4E, 0x79));
        for bad in [
            "#+f+f+f", "#-1-1-1", "1F4E79", "#1F4E7", "#1F4E79A", "#1F 4E7",
        ] {
            assert!(read(bad).is_err(), "{bad} loaded");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 0.01);
        assert!(contrast(Rgb(255, 255, 0), Rgb(255, 255, 255)) < 1.1);
        assert!(contrast(Rgb(0x00, 0x59, 0x4F), Rgb(255, 255, 255)) > 4.5);
    }
}
