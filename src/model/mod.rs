//! The typed Cabinet report: what a council officer writes, once.
//!
//! Meaning is typed here; wording and order belong to the [`crate::template`].
//! Loading is strict (unknown fields are errors, dates are dates) so a typo
//! in a field name cannot silently drop content from a published report.

mod body;
mod builder;
mod date;
pub(crate) mod field;
mod header;
mod json_style;
mod json_words;
mod language;
mod list_or_word;
pub(crate) mod load;
pub mod placeholder;
pub(crate) mod route_words;
mod starter;
mod text;
mod translation;

pub use body::{
    Align, Appendix, Block, Column, Image, Merge, Papers, Recommendation, Route, Section,
    SectionKind, Table,
};
pub use builder::{ReportBuilder, SectionBuilder};
pub use date::Date;
pub use field::{Field, FromField};
pub use header::{
    Body, CallIn, Exemption, KeyDecision, KeyReason, Lateness, Lines, Meeting, Officer, Person,
    Purpose, Urgency, Wards, YesNo,
};
pub use language::Language;
pub(crate) use list_or_word::list_or_word;
pub use load::MAX_INPUT_BYTES;
pub use text::{Span, Text};
pub use translation::Translation;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A Cabinet report: header metadata, body and back matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The template to render with: a built-in id (`"tower-hamlets"`) or a
    /// path to a template JSON file, relative to the report file. The
    /// built-in Tower Hamlets template when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The language the report is written in; the template's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The meeting the report goes to.
    pub meeting: Meeting,
    /// Who takes the decision, when not the meeting itself (a committee recommending to Council).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_maker: Option<Body>,
    /// The report title.
    pub title: String,
    /// A short title for running headers; the title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Whether a decision is sought.
    #[serde(default, skip_serializing_if = "is_decision")]
    pub purpose: Purpose,
    /// The post presenting the report (its holder and title).
    pub report_of: Person,
    /// When the report was signed off or published, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_date: Option<Date>,
    /// The Cabinet Member whose portfolio this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_member: Option<Person>,
    /// The officers who wrote the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub originating_officers: Vec<Officer>,
    /// Wards (or divisions) affected.
    pub wards: Wards,
    /// The key-decision block.
    pub key_decision: KeyDecision,
    /// Strategic plan priorities or outcomes served.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategic_priorities: Vec<String>,
    /// Values of the header rows the template adds, by the row's id:
    /// `{"final_decision_maker": "Cabinet"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub header_rows: BTreeMap<String, Lines>,
    /// Who signed each header row off, by the row's id, when the template
    /// prints a sign-off column: `{"director_approving": "Sarah Whitlock,
    /// 2 March 2026"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub header_sign_offs: BTreeMap<String, String>,
    /// Whether call-in applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_in: Option<CallIn>,
    /// Why the report is late or urgent, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lateness: Option<Lateness>,
    /// Set when the whole report is exempt (Part B, not for publication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Exemption>,
    /// The executive summary.
    pub summary: Vec<Block>,
    /// The recommendations, numbered in their own list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
    /// The numbered sections; the template decides their order.
    pub sections: Vec<Section>,
    /// Reports this one follows on from, or `"none"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_reports: Option<Papers>,
    /// Appendices, numbered or lettered by the template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Background papers (s100D Local Government Act 1972), or `"none"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_papers: Option<Papers>,
    /// Officers to contact about the documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Officer>,
    /// The report's text in the template's other language, for a
    /// bilingual template (printed before or after this text, as the
    /// template says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
}

fn is_decision(p: &Purpose) -> bool {
    *p == Purpose::Decision
}

impl Report {
    /// The body that decides: `decision_maker`, or the meeting's body.
    pub fn decider(&self) -> &Body {
        self.decision_maker.as_ref().unwrap_or(&self.meeting.body)
    }

    /// The Tower Hamlets report of 31 July 2019 on its Ofsted inspection,
    /// with its template slips corrected: the built-in sample.
    pub fn sample() -> Report {
        Report::from_json(SAMPLE_JSON).expect("the built-in sample is valid JSON for the model")
    }

    /// Reads a Word file this library wrote, after edits in Word or
    /// LibreOffice, back into a report, with a finding for anything that
    /// could not be read back or was placed by a guess (rules `I1`, `I2`).
    /// `template` returns the template a report names (e.g.
    /// `|name| Template::for_report(name, Some(dir))`). The result is not
    /// validated: check it as any report. Feature `import`.
    #[cfg(feature = "import")]
    pub fn from_docx(
        bytes: &[u8],
        mut template: impl FnMut(Option<&str>) -> Result<crate::Template, crate::Error>,
    ) -> Result<(Report, Vec<crate::Diagnostic>), crate::Error> {
        crate::import::from_docx(bytes, &mut template)
    }

    /// Serializes to JSON laid out as clerks write it: two-space indent,
    /// fields in model order, fields at their default left out, plain text
    /// as a string (runs only where there is formatting), and small values
    /// (an officer, a table row, a column) on one line.
    /// [`Report::from_json`] reads it back as the same report.
    pub fn to_json(&self) -> String {
        json_style::lay_out(&serde_json::to_string(self).expect("a report always serializes"))
    }
}

/// The built-in sample, as JSON.
pub const SAMPLE_JSON: &str =
    include_str!("../../examples/reports/tower-hamlets-2019-07-31-ilacs.json");
