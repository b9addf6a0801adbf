//! R13: a character the brand's fonts cannot draw.
//!
//! Checked with the fonts themselves, so `clerk --check` and
//! `Renderer::check` refuse what the renderer would refuse, instead of
//! calling a report fit to publish that then cannot be printed.

use super::walk;
use super::Findings;
use crate::template::{HeadingCase, Template};
use crate::validate::RuleId;
use std::collections::HashMap;

/// Characters that are never drawn as glyphs of their own. A direction
/// control is not drawn either, and R12 asks for it to be deleted, so a
/// missing glyph for it would only be a second, misleading finding.
fn invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
        || super::structure::direction_control(c)
}

/// Unicode's noncharacters (U+FDD0–U+FDEF and the last two code points of
/// every plane, U+FFFE and U+FFFF among them): reserved for programs' own
/// use, never text. A font's character map may still answer for U+FFFF
/// (the end marker of its last segment), so asking the fonts would pass
/// what the renderer then refuses.
fn noncharacter(c: char) -> bool {
    matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32) & 0xFFFE == 0xFFFE
}

/// `capitals`: the template draws section headings in capitals, so what is
/// printed there is the heading's upper case (which may need characters the
/// text as written does not: 'ɐ' is drawn as 'Ɐ').
pub(crate) fn check(
    visits: &[walk::Visit],
    covers: &dyn Fn(char) -> bool,
    capitals: bool,
    f: &mut Findings,
) {
    // Most text is printable ASCII: answer those from a table built once
    // per check, and ask the fonts about each other character only once.
    let ascii: [bool; 128] = std::array::from_fn(|b| {
        let c = char::from(b as u8);
        invisible(c) || covers(c)
    });
    let mut known: HashMap<char, bool> = HashMap::new();
    for v in visits {
        let mut printable = |c: char| match ascii.get(c as usize) {
            Some(&ok) => ok,
            None if noncharacter(c) => false,
            None => invisible(c) || *known.entry(c).or_insert_with(|| covers(c)),
        };
        let in_capitals = capitals && is_section_heading(&v.path);
        let missing = if in_capitals {
            v.text
                .chars()
                .flat_map(char::to_uppercase)
                .find(|&c| !printable(c))
        } else {
            v.text.chars().find(|&c| !printable(c))
        };
        if let Some(c) = missing {
            let how = if in_capitals {
                " (the heading is printed in capitals)"
            } else {
                ""
            };
            let message = if noncharacter(c) {
                format!(
                    "this holds U+{:04X}, a code that is not a character and has no printed form \
                     (it comes from damaged or machine-made text); delete it",
                    c as u32
                )
            } else {
                format!(
                    "the character {c:?} (U+{:04X}){how} is not in the council's fonts, so it cannot be printed; \
                     write it another way (\"Yes\" for a tick, for example) or give the brand a font that has it",
                    c as u32
                )
            };
            f.add(RuleId::R13, &v.path, message);
        }
    }
}

/// `$.sections[N].heading`: a section's own heading, which compose numbers
/// and the template may print in capitals.
fn is_section_heading(path: &str) -> bool {
    path.strip_prefix("$.sections[")
        .and_then(|rest| rest.strip_suffix("].heading"))
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
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
    for (i, line) in template.opening_lines.iter().enumerate() {
        wording.push((format!("opening_lines[{i}]"), line.clone()));
    }
    for (i, row) in template.header_rows.iter().flatten().enumerate() {
        if let Some(label) = &row.label {
            wording.push((format!("header_rows[{i}].label"), label.clone()));
        }
    }
    if let Some(table) = &template.implications_table {
        let words = [
            ("heading", Some(&table.heading)),
            ("implication_column", Some(&table.implication_column)),
            ("comment_column", Some(&table.comment_column)),
            ("sign_off_column", table.sign_off_column.as_ref()),
        ];
        for (name, text) in words {
            if let Some(text) = text {
                wording.push((format!("implications_table.{name}"), text.clone()));
            }
        }
    }
    for (i, group) in template.section_groups.iter().enumerate() {
        wording.push((format!("section_groups[{i}].heading"), group.heading.clone()));
    }
    for (body, opening) in &template.recommendation_openings {
        wording.push((format!("recommendation_openings.{body}"), opening.clone()));
    }
    wording.push((
        "brand.council_name".into(),
        template.brand.council_name.clone(),
    ));
    // The wording repeats a few dozen characters thousands of times, and
    // asking the fonts is four character-map searches: each character is
    // asked about once (this was a tenth of `clerk --check`).
    let mut known: HashMap<char, bool> = HashMap::new();
    wording.into_iter().find_map(|(field, text)| {
        let c = text.chars().find(|&c| {
            // No report check reaches the template's wording, so a
            // direction control in it is refused here.
            noncharacter(c)
                || super::structure::direction_control(c)
                || !invisible(c) && !*known.entry(c).or_insert_with(|| covers(c))
        })?;
        Some((field, c))
    })
}

#[cfg(test)]
mod tests {
    use crate::model::{Block, Report};
    use crate::validate::{unprintable, RuleId};

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
            (RuleId::R13, "$.sections[0].blocks[1]")
        );
        assert!(d[0].message.contains("U+2713"));
        assert!(unprintable(&Report::sample(), &latin).is_empty());
    }

    #[test]
    fn a_heading_printed_in_capitals_is_checked_in_capitals() {
        use crate::compose::Audience;
        use crate::template::{HeadingCase, Template};
        use crate::validate::check_and_compose;
        let mut r = Report::sample();
        r.sections[0].heading = Some("Reasons ɐ".into());
        // Fonts with the small letter but not its capital (U+2C6F), as Liberation Sans.
        let fonts = |c: char| c != 'Ɐ';
        let r13 = |case| {
            let mut t = Template::tower_hamlets();
            t.heading_case = case;
            check_and_compose(&r, &t, Audience::Public, Some(&fonts))
                .0
                .into_iter()
                .filter(|d| d.rule == "R13")
                .map(|d| d.path)
                .collect::<Vec<_>>()
        };
        assert_eq!(r13(HeadingCase::Capitals), ["$.sections[0].heading"]);
        assert!(r13(HeadingCase::AsWritten).is_empty());
    }
}
