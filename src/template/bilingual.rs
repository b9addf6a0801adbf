//! A bilingual template: the wording of the council's other language, and
//! which language a bilingual report opens with.

use super::{HeaderRow, Labels, Template};
use crate::model::{Language, SectionKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Reports published in two languages in one document, one after the
/// other (the layout most Welsh councils use): the whole report in the
/// first language, then the whole report in the other, each with its own
/// headings, labels, running header and footer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// The language printed first: the template's `language` or
    /// `other.language`.
    pub first: Language,
    /// The wording of the other language.
    pub other: Wording,
}

/// The template's wording in its other language. What is not given here
/// (numbering, brand colours, date style, which sections are mandatory) is
/// the template's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// The language of this wording; not the template's own `language`.
    pub language: Language,
    /// The council's name in this language ("Cyngor Sir Glyndaf" /
    /// "Glyndaf County Council").
    pub council_name: String,
    /// What the logo shows, in this language; the template's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// Section headings in this language, by section kind: every section
    /// the template lists needs one.
    pub section_headings: BTreeMap<String, String>,
    /// The recommendations' opening lines in this language, by kind of
    /// decision maker, as the template's `recommendation_openings`.
    pub recommendation_openings: BTreeMap<String, String>,
    /// Lines above the meeting on the first page, in this language; needed
    /// when the template has `opening_lines`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening_lines: Vec<String>,
    /// The header rows in this language; needed when the template has
    /// `header_rows`, with the same rows in the same order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<Vec<HeaderRow>>,
    /// Fixed wording in this language; the English defaults where not given.
    #[serde(default)]
    pub labels: Labels,
}

impl Template {
    /// The languages of a bilingual template in print order; `None` for a
    /// template in one language.
    pub fn languages(&self) -> Option<[Language; 2]> {
        let b = self.bilingual.as_ref()?;
        Some(if b.first == self.language {
            [self.language, b.other.language]
        } else {
            [b.other.language, self.language]
        })
    }

    /// This template with its wording in `language`: itself for its own
    /// language, its `bilingual.other` wording for the other; `None` for a
    /// language it has no wording in.
    pub fn in_language(&self, language: Language) -> Option<Template> {
        if language == self.language {
            return Some(self.clone());
        }
        let w = &self.bilingual.as_ref()?.other;
        if w.language != language {
            return None;
        }
        let mut t = self.clone();
        t.language = w.language;
        t.bilingual = None;
        t.brand.council_name = w.council_name.clone();
        if w.logo_alt.is_some() {
            t.brand.logo_alt = w.logo_alt.clone();
        }
        for s in &mut t.sections {
            if let Some(h) = w.section_headings.get(s.kind.id()) {
                s.heading = h.clone();
            }
        }
        for g in &mut t.section_groups {
            if let Some(h) = w.section_headings.get(&g.id) {
                g.heading = h.clone();
            }
        }
        t.recommendation_openings = w.recommendation_openings.clone();
        t.opening_lines = w.opening_lines.clone();
        if w.header_rows.is_some() {
            t.header_rows = w.header_rows.clone();
        }
        t.labels = w.labels.clone();
        Some(t)
    }

    /// Why the bilingual wording cannot be used, if it cannot.
    pub(super) fn check_bilingual(&self) -> Result<(), String> {
        let Some(b) = &self.bilingual else {
            return Ok(());
        };
        let w = &b.other;
        if w.language == self.language {
            return Err(format!(
                "bilingual.other.language is {}, the template's own language; give the other language's wording",
                w.language.tag()
            ));
        }
        if b.first != self.language && b.first != w.language {
            return Err(format!(
                "bilingual.first is {}; it must be {} or {}",
                b.first.tag(),
                self.language.tag(),
                w.language.tag()
            ));
        }
        if w.council_name.trim().is_empty() {
            return Err("bilingual.other.council_name is empty".into());
        }
        let ids = self
            .sections
            .iter()
            .map(|s| s.kind.id())
            .chain(self.section_groups.iter().map(|g| g.id.as_str()));
        for id in ids {
            match w.section_headings.get(id) {
                Some(h) if !h.trim().is_empty() => {}
                _ => {
                    return Err(format!(
                        "bilingual.other.section_headings has no heading for `{id}`"
                    ))
                }
            }
        }
        if let Some(k) = w.section_headings.keys().find(|k| {
            SectionKind::from_id(k).is_none_or(|kind| self.section(&kind).is_none())
                && !self.section_groups.iter().any(|g| g.id == **k)
        }) {
            return Err(format!(
                "bilingual.other.section_headings.{k} is not a section or section group of this template"
            ));
        }
        if let Some(k) = self
            .recommendation_openings
            .keys()
            .find(|k| !w.recommendation_openings.contains_key(*k))
        {
            return Err(format!(
                "bilingual.other.recommendation_openings has no `{k}`, which the template words"
            ));
        }
        if self.opening_lines.len() != w.opening_lines.len() {
            return Err(format!(
                "bilingual.other.opening_lines has {} lines and the template's opening_lines {}",
                w.opening_lines.len(),
                self.opening_lines.len()
            ));
        }
        let rows = |r: &Option<Vec<HeaderRow>>| -> Vec<(Option<super::RowKind>, Option<String>)> {
            r.iter()
                .flatten()
                .map(|r| (r.row, r.custom.clone()))
                .collect()
        };
        if rows(&self.header_rows) != rows(&w.header_rows) {
            return Err(
                "bilingual.other.header_rows must list the template's header_rows, in the same order"
                    .into(),
            );
        }
        Ok(())
    }
}
