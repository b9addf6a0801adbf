//! R13: a character the brand's fonts cannot draw.
//!
//! Checked with the fonts themselves, so `clerk --check` and
//! `Renderer::check` refuse what the renderer would refuse, instead of
//! calling a report fit to publish that then cannot be printed.

use super::walk;
use super::Findings;
use crate::template::{HeadingCase, Template};
use std::collections::HashMap;

/// Characters that are never drawn as glyphs of their own.
fn invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

pub(crate) fn check(visits: &[walk::Visit], covers: &dyn Fn(char) -> bool, f: &mut Findings) {
    // Most text is printable ASCII: answer those from a table built once
    // per check, and ask the fonts about each other character only once.
    let ascii: [bool; 128] = std::array::from_fn(|b| {
        let c = char::from(b as u8);
        invisible(c) || covers(c)
    });
    let mut known: HashMap<char, bool> = HashMap::new();
    for v in visits {
        let missing = v.text.chars().find(|&c| match ascii.get(c as usize) {
            Some(&ok) => !ok,
            None => !invisible(c) && !*known.entry(c).or_insert_with(|| covers(c)),
        });
        if let Some(c) = missing {
            f.add(
                "R13",
                &v.path,
                format!(
                    "the character {c:?} (U+{:04X}) is not in the council's fonts, so it cannot be printed; \
                     write it another way (\"Yes\" for a tick, for example) or give the brand a font that has it",
                    c as u32
                ),
            );
        }
    }
}

/// The first character of the template's own printed wording that the fonts
/// cannot draw, with the template field it is in. That wording is on every
/// report, where no report check can reach it.
pub(crate) fn template(
    template: &Template,
    covers: &dyn Fn(char) -> bool,
) -> Option<(String, char)> {
    let mut wording: Vec<(String, String)> = Vec::new();
    if let Ok(serde_json::Value::Object(labels)) = serde_json::to_value(&template.labels) {
        for (key, value) in labels {
            if let serde_json::Value::String(text) = value {
                wording.push((format!("labels.{key}"), text));
            }
        }
    }
    for (i, section) in template.sections.iter().enumerate() {
        // Numbered headings print in capitals in such templates, and a
        // capital can be a character the fonts lack.
        let heading = match template.heading_case {
            HeadingCase::Capitals => section.heading.to_uppercase(),
            HeadingCase::AsWritten => section.heading.clone(),
        };
        wording.push((format!("sections[{i}].heading"), heading));
    }
    for (body, opening) in &template.recommendation_openings {
        wording.push((format!("recommendation_openings.{body}"), opening.clone()));
    }
    wording.push((
        "brand.council_name".into(),
        template.brand.council_name.clone(),
    ));
    wording.into_iter().find_map(|(field, text)| {
        let c = text.chars().find(|&c| !invisible(c) && !covers(c))?;
        Some((field, c))
    })
}

#[cfg(test)]
mod tests {
    use crate::model::{Block, Report};
    use crate::validate::unprintable;

    #[test]
    fn characters_outside_the_fonts_are_named_with_their_path() {
        let mut r = Report::sample();
        r.sections[0]
            .blocks
            .push(Block::Paragraph("Option A ✓".into()));
        let latin = |c: char| (c as u32) < 0x2000 || "‘’“”–—…•€".contains(c);
        let d = unprintable(&r, &latin);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].rule, d[0].path.as_str()),
            ("R13", "$.sections[0].blocks[1]")
        );
        assert!(d[0].message.contains("U+2713"));
        assert!(unprintable(&Report::sample(), &latin).is_empty());
    }
}
