//! The second language of a bilingual report: its text, and only its text.

use super::{
    Appendix, Block, Exemption, Language, Lateness, Lines, Papers, Recommendation, Report, Section,
    Text,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The report's text in the template's other language, for a bilingual
/// template. The header's facts (meeting, dates, names, wards, key-decision
/// answers, exempt paragraphs, contacts' phone and email) are the report's
/// own and are not repeated; everything a reader reads as words is here,
/// part for part as in the report: the same recommendations, sections,
/// blocks, table rows and appendices, in the same order, exempt in both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language of this text: the template's other language.
    pub language: Language,
    /// The report title.
    pub title: String,
    /// A short title for the running header; the title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Roles and job titles (`report_of`, `lead_member`, the officers and
    /// contacts) in this language, keyed by their words in the report:
    /// `{"Pennaeth Adfywio": "Head of Regeneration"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    /// The strategic priorities, in the report's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategic_priorities: Vec<String>,
    /// The key decision in one sentence, when the report gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_decision_statement: Option<Text>,
    /// The custom header rows' values, by row id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub header_rows: BTreeMap<String, Lines>,
    /// Why the report is late or urgent, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lateness: Option<Lateness>,
    /// A wholly exempt report's exemption: the same paragraphs, the
    /// public-interest reason in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Exemption>,
    /// The executive summary.
    pub summary: Vec<Block>,
    /// The recommendations, one for each of the report's, with the same routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
    /// The sections, one for each of the report's, of the same kinds.
    pub sections: Vec<Section>,
    /// Linked reports, or `"none"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_reports: Option<Papers>,
    /// The appendices, one for each of the report's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Background papers, or `"none"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_papers: Option<Papers>,
}

impl Report {
    /// The report in its translation's language: the shared header with
    /// the translation's text; `None` without a translation. A role the
    /// translation does not give keeps the report's words (rule R15
    /// reports it).
    pub fn translated(&self) -> Option<Report> {
        let t = self.translation.as_ref()?;
        let role = |r: &str| t.roles.get(r).cloned().unwrap_or_else(|| r.to_string());
        let mut r = self.clone();
        r.translation = None;
        r.language = Some(t.language);
        r.title = t.title.clone();
        r.short_title = t.short_title.clone();
        r.report_of.role = role(&r.report_of.role);
        if let Some(m) = &mut r.lead_member {
            m.role = role(&m.role);
        }
        for o in r.originating_officers.iter_mut().chain(&mut r.contacts) {
            o.job_title = role(&o.job_title);
        }
        r.strategic_priorities = t.strategic_priorities.clone();
        r.key_decision.statement = t.key_decision_statement.clone();
        r.header_rows = t.header_rows.clone();
        r.lateness = t.lateness.clone();
        r.exempt = t.exempt.clone();
        r.summary = t.summary.clone();
        r.recommendations = t.recommendations.clone();
        r.sections = t.sections.clone();
        r.linked_reports = t.linked_reports.clone();
        r.appendices = t.appendices.clone();
        r.background_papers = t.background_papers.clone();
        Some(r)
    }
}
