//! The first page as a council prints it: opening lines, which header rows
//! in what order and words, and how dates are written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A row the report's typed fields fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RowKind {
    /// The lead member (printed when the report names one).
    LeadMember,
    /// The originating officers (when the report lists any).
    OriginatingOfficers,
    /// Wards or electoral divisions affected.
    Wards,
    /// Whether it is a key decision: the report's `key_decision.statement`
    /// when it gives one, otherwise yes or no.
    KeyDecision,
    /// When the forward-plan notice was published.
    NoticePublished,
    /// The forward-plan reference (when the report gives one).
    ForwardPlanRef,
    /// Why it is a key decision.
    KeyReason,
    /// The urgency route (when one was used).
    Urgency,
    /// Strategic priorities (when the report lists any).
    StrategicPriority,
    /// Whether call-in applies (when the report says).
    CallIn,
    /// Why the report is late (when it is).
    Lateness,
    /// The date of the report (when the report gives one).
    ReportDate,
}

/// Today's rows, in today's order: what a template without `header_rows` prints.
pub(crate) const DEFAULT_ROWS: [RowKind; 11] = [
    RowKind::LeadMember,
    RowKind::OriginatingOfficers,
    RowKind::Wards,
    RowKind::KeyDecision,
    RowKind::NoticePublished,
    RowKind::ForwardPlanRef,
    RowKind::KeyReason,
    RowKind::Urgency,
    RowKind::StrategicPriority,
    RowKind::CallIn,
    RowKind::Lateness,
];

/// One row of the header block: a built-in `row`, or a `custom` row whose
/// value the report gives in its `header_rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderRow {
    /// A row filled from the report's typed fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RowKind>,
    /// The id of a row the report fills in its `header_rows`, e.g.
    /// `final_decision_maker`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<String>,
    /// The label printed in the row's first cell: required for a custom
    /// row; for a built-in row, replaces the label from `labels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A custom row every report must fill (rule R3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mandatory: bool,
    /// With the template's `header_sign_off` column: every report that
    /// prints this row must say who signed it off (rule R3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sign_off: bool,
}

impl HeaderRow {
    /// The row's id, as a report's `header_rows` and `header_sign_offs`
    /// name it: the custom id, or the built-in row's (`lead_member`).
    pub fn id(&self) -> Option<&str> {
        match (&self.row, &self.custom) {
            (Some(kind), _) => Some(kind.id()),
            (None, Some(id)) => Some(id),
            (None, None) => None,
        }
    }
}

impl RowKind {
    /// The id a template and a report write: `lead_member`.
    pub fn id(self) -> &'static str {
        match self {
            RowKind::LeadMember => "lead_member",
            RowKind::OriginatingOfficers => "originating_officers",
            RowKind::Wards => "wards",
            RowKind::KeyDecision => "key_decision",
            RowKind::NoticePublished => "notice_published",
            RowKind::ForwardPlanRef => "forward_plan_ref",
            RowKind::KeyReason => "key_reason",
            RowKind::Urgency => "urgency",
            RowKind::StrategicPriority => "strategic_priority",
            RowKind::CallIn => "call_in",
            RowKind::Lateness => "lateness",
            RowKind::ReportDate => "report_date",
        }
    }
}

/// A third column of the header block, saying who signed each row off and
/// when ("Director approving submission … | Sarah Whitlock | Signed off 2
/// March 2026"), with a header row naming the three columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderSignOff {
    /// The header cell over the rows' labels.
    #[serde(default = "item")]
    pub label_column: String,
    /// The header cell over the rows' values.
    #[serde(default = "details")]
    pub value_column: String,
    /// The header cell over the sign-offs, e.g. "Signed off".
    pub sign_off_column: String,
}

fn item() -> String {
    "Item".into()
}

fn details() -> String {
    "Details".into()
}

/// How dates are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateStyle {
    /// `12 January 2021`.
    #[default]
    Long,
    /// `12th January 2021`.
    Ordinal,
}

impl DateStyle {
    /// A date in this style.
    pub fn format(self, d: crate::model::Date, language: crate::model::Language) -> String {
        match self {
            // Welsh ordinals change with the number's gender and mutation,
            // so Welsh dates keep the plain long form ("12 Ionawr 2021").
            DateStyle::Long => d.long_in(language),
            DateStyle::Ordinal if language != crate::model::Language::EnglishUk => {
                d.long_in(language)
            }
            DateStyle::Ordinal => {
                let long = d.long();
                let rest = long.split_once(' ').map_or("", |(_, r)| r);
                format!("{}{} {rest}", d.day(), ordinal_suffix(d.day()))
            }
        }
    }
}

fn ordinal_suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Placeholders an opening line may use.
pub(crate) const OPENING_PLACEHOLDERS: &[&str] = &["classification", "meeting"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn row_ids_are_the_names_templates_write() {
        for kind in DEFAULT_ROWS.into_iter().chain([RowKind::ReportDate]) {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.id()));
        }
    }

    #[test]
    fn ordinal_dates_are_written_as_councils_write_them() {
        let f = |d| {
            DateStyle::Ordinal.format(
                Date::new(2021, 1, d).unwrap(),
                crate::model::Language::EnglishUk,
            )
        };
        assert_eq!(f(12), "12th January 2021");
        assert_eq!(f(1), "1st January 2021");
        assert_eq!(f(2), "2nd January 2021");
        assert_eq!(f(3), "3rd January 2021");
        assert_eq!(f(11), "11th January 2021");
        assert_eq!(f(13), "13th January 2021");
        assert_eq!(f(21), "21st January 2021");
        assert_eq!(f(22), "22nd January 2021");
        assert_eq!(f(31), "31st January 2021");
        assert_eq!(
            DateStyle::Long.format(
                Date::new(2021, 1, 12).unwrap(),
                crate::model::Language::EnglishUk
            ),
            "12 January 2021"
        );
    }
}
