//! A meeting: what democratic services publish as the agenda pack.
//!
//! A meeting file names the council's template, the body, date, time and
//! venue, the members, the items in order (each a report file or a short
//! item with text only), which items are Part 2 (exempt) and the notices.
//! [`crate::Renderer::pack`] checks it ([`check`]) and builds one tagged PDF
//! from the items' typed reports, so the pack keeps every report's
//! structure, which concatenating their PDFs would lose.

pub(crate) mod check;

use crate::error::Error;
use crate::model::{Body, Date, Person, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A meeting and its agenda, as the meeting file (JSON) gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Meeting {
    /// The council's template: a built-in id or a template file, relative
    /// to the meeting file. Every report in the pack must use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Who meets.
    pub body: Body,
    /// The day of the meeting.
    pub date: Date,
    /// When it starts, as the council writes it: "5.30 pm".
    pub time: String,
    /// Where: "Council Chamber, Town Hall, Northmere".
    pub venue: String,
    /// The chair, vice-chair and members.
    pub members: Members,
    /// The agenda, in order.
    pub items: Vec<Item>,
    /// The statutory and practical notices on the front sheet.
    #[serde(default)]
    pub notices: Notices,
    /// When the agenda was despatched; printed on the front sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
}

/// Who sits on the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Members {
    /// The chair.
    pub chair: Person,
    /// The vice-chair, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vice_chair: Option<Person>,
    /// The other members.
    #[serde(default)]
    pub members: Vec<Person>,
}

/// One agenda item: a report, or a short item with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Item {
    /// The item number as printed ("6", "6a"); the previous number plus one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// A report file, relative to the meeting file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The title of a short item ("Apologies for absence"); a report's
    /// own title is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What a short item asks the meeting to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// A Part 2 item: the meeting is likely to exclude the public for it,
    /// under these Schedule 12A paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Part2>,
    /// Added after the agenda was despatched (a supplementary agenda).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supplementary: bool,
}

/// Why an item is in Part 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Part2 {
    /// The Schedule 12A paragraphs relied on (England 1-7, Wales 12-18).
    pub paragraphs: Vec<u8>,
}

/// The front sheet's notices. The private-meeting notice's list of items
/// and paragraphs is made from the Part 2 items, so it cannot disagree.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Notices {
    /// The notice that part of the meeting may be held in private (28 clear
    /// days' notice under the 2012 Regulations, regulation 5), before the
    /// list of Part 2 items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_meeting: Option<Text>,
    /// That the meeting is filmed or broadcast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webcasting: Option<Text>,
    /// Who to contact about the agenda.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Text>,
    /// Why supplementary items came after despatch, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplementary: Option<Text>,
}

impl Meeting {
    /// Parses a meeting file from bytes (UTF-8 JSON); errors name the line,
    /// column and JSON path, as a report's do.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Meeting, Error> {
        let text = crate::model::load::check_bytes(bytes)?;
        crate::model::load::from_json_str(text)
    }

    /// Parses a meeting file from JSON text.
    pub fn from_json(json: &str) -> Result<Meeting, Error> {
        crate::model::load::from_json_str(json)
    }

    /// The printed number of every item, in order: its own, or one more
    /// than the previous number's leading figure.
    pub fn numbers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(self.items.len());
        for item in &self.items {
            let n = match &item.number {
                Some(n) => n.trim().to_string(),
                None => {
                    let prev = out.last().map_or(0, |p| order_key(p).0);
                    prev.saturating_add(1).to_string()
                }
            };
            out.push(n);
        }
        out
    }
}

/// How item numbers sort: the leading figure, then what follows ("6a" after "6").
pub(crate) fn order_key(number: &str) -> (u64, String) {
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse().unwrap_or(u64::MAX);
    (n, number[digits.len()..].to_lowercase())
}

/// The day of the week, Monday 0 … Sunday 6.
pub(crate) fn weekday(date: Date) -> usize {
    // 1 January 1970 was a Thursday.
    (date.days_since_epoch() + 3).rem_euclid(7) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_on_from_the_last_one_given() {
        let m = Meeting::from_json(
            r#"{"body":"cabinet","date":"2026-02-11","time":"5.30 pm","venue":"Town Hall",
            "members":{"chair":{"name":"A","role":"Leader"}},
            "items":[{"title":"Apologies","text":"x"},{"number":"6a","title":"B","text":"y"},{"title":"C","text":"z"}]}"#,
        )
        .unwrap();
        assert_eq!(m.numbers(), ["1", "6a", "7"]);
        assert!(order_key("6") < order_key("6a") && order_key("6a") < order_key("10"));
    }

    #[test]
    fn the_day_of_the_week_is_right() {
        let d = Date::parse_iso("2026-02-11").unwrap();
        assert_eq!(weekday(d), 2);
        let t = crate::Template::tower_hamlets();
        assert_eq!(
            crate::compose::agenda::long_date_with_day(&t, d),
            "Wednesday 11 February 2026"
        );
    }

    #[test]
    fn a_misspelt_field_is_refused_with_its_path() {
        let e = Meeting::from_json(
            r#"{"body":"cabinet","date":"2026-02-11","time":"t","venue":"v",
            "members":{"chair":{"name":"A","role":"L"}},"items":[{"reprot":"a.json"}]}"#,
        )
        .unwrap_err();
        let Error::Json(j) = e else { panic!("{e}") };
        assert!(j.path.contains("items[0]"), "{j:?}");
    }
}
