//! Section groups: sections set under one numbered heading and numbered
//! within it, as councils that print "5. Implications" with "5.1 Financial
//! implications" and "5.2 Legal implications" under it do.

use crate::model::SectionKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Sections printed under one numbered heading, each numbered within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionGroup {
    /// An id of the template's own (lowercase letters, digits and `_`),
    /// which a bilingual template's `section_headings` uses to word the
    /// group's heading in its other language.
    pub id: String,
    /// The numbered heading over the group, e.g. "Implications".
    pub heading: String,
    /// The sections under it, in order. Each must be listed in the
    /// template's `sections` (which gives its heading and whether it is
    /// mandatory); the group takes the place of the first of them.
    pub sections: Vec<SectionKind>,
}

impl super::Template {
    /// The group a section kind is set under, and its place in it from 1.
    pub fn group_of(&self, kind: &SectionKind) -> Option<(usize, u32)> {
        self.section_groups
            .iter()
            .enumerate()
            .find_map(|(g, group)| {
                let at = group.sections.iter().position(|k| k == kind)?;
                Some((g, at as u32 + 1))
            })
    }

    pub(super) fn check_groups(&self) -> Result<(), String> {
        for (g, group) in self.section_groups.iter().enumerate() {
            let at = format!("section_groups[{g}]");
            if !SectionKind::from_id(&group.id)
                .is_some_and(|k| matches!(k, SectionKind::Standing(_)))
                || self
                    .section(&SectionKind::Standing(group.id.clone()))
                    .is_some()
            {
                return Err(format!(
                    "{at}.id `{}` must be an id of lowercase letters, digits and `_` that names no section",
                    group.id
                ));
            }
            if self.section_groups[..g].iter().any(|o| o.id == group.id) {
                return Err(format!("{at}.id `{}` is used twice", group.id));
            }
            if group.heading.trim().is_empty() {
                return Err(format!("{at}.heading is empty"));
            }
            if group.sections.is_empty() {
                return Err(format!(
                    "{at}.sections is empty; list the sections it holds"
                ));
            }
            for (i, kind) in group.sections.iter().enumerate() {
                if self.section(kind).is_none() {
                    return Err(format!(
                        "{at}.sections has `{}`, which is not in `sections` (they give each its heading); sections: {}",
                        kind.id(),
                        self.section_ids()
                    ));
                }
                let earlier = self.section_groups[..g]
                    .iter()
                    .flat_map(|o| &o.sections)
                    .chain(&group.sections[..i]);
                if earlier.into_iter().any(|k| k == kind) {
                    return Err(format!(
                        "{at}.sections: `{}` is in a group twice",
                        kind.id()
                    ));
                }
                if self.in_implications_table(kind) {
                    return Err(format!(
                        "{at}.sections: `{}` is a row of the implications table; a section is in one or the other",
                        kind.id()
                    ));
                }
            }
        }
        Ok(())
    }
}
