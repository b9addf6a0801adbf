//! Findings about a report, as data: which rule, how serious, where, what.
//!
//! This module depends on nothing else in the crate, so every stage that
//! produces findings (the validator, the renderer's font check) and the
//! error type that carries them can all use it without importing each other.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How serious a finding is.
///
/// Errors sort before warnings (`Error < Warning`), which is the order the
/// validator reports them in. Serialized as `"error"` or `"warning"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
// A clerk's "advisory" level may come; callers outside the crate must not
// be broken by it.
#[non_exhaustive]
pub enum Severity {
    /// Stops publication.
    Error,
    /// Worth a look; does not stop publication.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as [`Display`](fmt::Display) and the JSON form write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable id of a validation rule.
///
/// The ids are the strings `"R1"` … `"R15"` (errors), `"W1"` … `"W8"`
/// (warnings) and `"M1"` … `"M5"` (errors in a meeting's agenda pack): [`Display`](fmt::Display), [`RuleId::as_str`] and the JSON
/// form write exactly them, and [`FromStr`] reads them back, so tools,
/// clerks and saved output can rely on them. A rule id compares equal to
/// its string (`d.rule == "R4"`).
///
/// ```
/// use cabinet_report::{RuleId, Severity};
///
/// let id: RuleId = "R4".parse().unwrap();
/// assert_eq!(id, RuleId::R4);
/// assert_eq!(id.to_string(), "R4");
/// assert_eq!(id.severity(), Severity::Error);
/// assert!("R99".parse::<RuleId>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
// New checks get new ids; a `match` in a caller's code must not stop
// compiling when one is added.
#[non_exhaustive]
pub enum RuleId {
    /// Template text left unfilled anywhere, including typed fields, alt
    /// text and table cells.
    R1,
    /// Guidance or instructions for the author left in ("Delete as
    /// applicable", "Notes in blue").
    R2,
    /// A section the template makes mandatory is missing or empty (an
    /// explicit "None" is fine).
    R3,
    /// Key decision without reasons or notice date, notice under 28 clear
    /// days without an urgency route (general exception needs 5), or a
    /// non-key decision with key-decision fields filled.
    R4,
    /// "Two or more wards" given as a reason with fewer than two wards listed.
    R5,
    /// An exempt part without a Schedule 12A paragraph of the council's
    /// jurisdiction, with a paragraph cited twice, or without a
    /// public-interest reason.
    R6,
    /// A reference to an appendix, recommendation or paragraph that does
    /// not exist.
    R7,
    /// A decision report with no recommendations, or a blank recommendation.
    R8,
    /// No background papers list and no explicit "none".
    R9,
    /// Dates that cannot all be true: the notice or the report dated after
    /// the meeting.
    R10,
    /// Exempt content in a public rendering: a wholly exempt report, or
    /// open text repeating exempt text word for word.
    R11,
    /// Content that cannot be set out as written: ragged table rows or
    /// totals, a table with no columns, column widths that are not shares
    /// of the table, an image width of 0 or less, blank titles, headings or
    /// alternative text, an "other" section without a heading, or a link
    /// that is not a web or email address.
    R12,
    /// A character the council's fonts cannot print (checked by the
    /// renderer, which knows the fonts).
    R13,
    /// A bilingual template's report without its other language's text, or
    /// a translation the template has no language for.
    R14,
    /// The two languages of a bilingual report disagree: different numbers
    /// of recommendations, sections, blocks, table rows or appendices, or a
    /// part exempt in one language and not the other.
    R15,
    /// Longer than the template's guideline in sides of A4 (estimated,
    /// appendices excluded).
    W1,
    /// Executive summary over the template's word limit.
    W2,
    /// An amount over the key-decision threshold in a report whose key
    /// decision is "no".
    W3,
    /// An appendix the report never refers to.
    W4,
    /// A table's total row that does not add up (to the precision shown).
    W5,
    /// Heading structure the outline cannot follow: a sub-heading inside a
    /// recommendation, a sub-heading heading nothing, or a bold paragraph
    /// posing as a heading.
    W6,
    /// A running header that must be shortened (a long title or short
    /// title with no room for the meeting and date).
    W7,
    /// A recommendation whose words and route disagree about whether it
    /// goes on to Council.
    W8,
    /// A report in an agenda pack for another meeting: its body, date or
    /// agenda item number differ from the meeting file's.
    M1,
    /// Agenda item numbers repeated or out of order.
    M2,
    /// A Part 2 (exempt) item before a public item, or without a Schedule
    /// 12A paragraph of the council's jurisdiction.
    M3,
    /// Part 2 items with no private-meeting notice to name them.
    M4,
    /// An agenda item that is neither one report nor a short item with a
    /// title and text, or whose report file cannot be read or loaded, or
    /// is for another council's template.
    M5,
    /// Read back from Word (`Report::from_docx`): a value the clerk edited
    /// into a form it cannot be read from (a date, yes or no); the value
    /// before the edit is kept.
    I1,
    /// Read back from Word: content that was placed by a best guess (text
    /// in a style the report does not use, a part added or removed, print
    /// disagreeing with the copy the file carries).
    I2,
}

impl RuleId {
    /// Every rule id, in id order: `R1` … `R15`, `W1` … `W8`, then `M1` … `M5`.
    pub const ALL: &'static [RuleId] = &[
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::R4,
        RuleId::R5,
        RuleId::R6,
        RuleId::R7,
        RuleId::R8,
        RuleId::R9,
        RuleId::R10,
        RuleId::R11,
        RuleId::R12,
        RuleId::R13,
        RuleId::R14,
        RuleId::R15,
        RuleId::W1,
        RuleId::W2,
        RuleId::W3,
        RuleId::W4,
        RuleId::W5,
        RuleId::W6,
        RuleId::W7,
        RuleId::W8,
        RuleId::M1,
        RuleId::M2,
        RuleId::M3,
        RuleId::M4,
        RuleId::M5,
        RuleId::I1,
        RuleId::I2,
    ];

    /// The stable id: `"R4"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::R1 => "R1",
            RuleId::R2 => "R2",
            RuleId::R3 => "R3",
            RuleId::R4 => "R4",
            RuleId::R5 => "R5",
            RuleId::R6 => "R6",
            RuleId::R7 => "R7",
            RuleId::R8 => "R8",
            RuleId::R9 => "R9",
            RuleId::R10 => "R10",
            RuleId::R11 => "R11",
            RuleId::R12 => "R12",
            RuleId::R13 => "R13",
            RuleId::R14 => "R14",
            RuleId::R15 => "R15",
            RuleId::W1 => "W1",
            RuleId::W2 => "W2",
            RuleId::W3 => "W3",
            RuleId::W4 => "W4",
            RuleId::W5 => "W5",
            RuleId::W6 => "W6",
            RuleId::W7 => "W7",
            RuleId::W8 => "W8",
            RuleId::M1 => "M1",
            RuleId::M2 => "M2",
            RuleId::M3 => "M3",
            RuleId::M4 => "M4",
            RuleId::M5 => "M5",
            RuleId::I1 => "I1",
            RuleId::I2 => "I2",
        }
    }

    /// What the rule's findings are: R… rules stop publication, W… rules do not.
    pub const fn severity(self) -> Severity {
        match self {
            RuleId::R1
            | RuleId::R2
            | RuleId::R3
            | RuleId::R4
            | RuleId::R5
            | RuleId::R6
            | RuleId::R7
            | RuleId::R8
            | RuleId::R9
            | RuleId::R10
            | RuleId::R11
            | RuleId::R12
            | RuleId::R13
            | RuleId::R14
            | RuleId::R15
            | RuleId::M1
            | RuleId::M2
            | RuleId::M3
            | RuleId::M4
            | RuleId::M5
            | RuleId::I1 => Severity::Error,
            RuleId::W1
            | RuleId::W2
            | RuleId::W3
            | RuleId::W4
            | RuleId::W5
            | RuleId::W6
            | RuleId::W7
            | RuleId::W8
            | RuleId::I2 => Severity::Warning,
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A string that is not a rule id, from [`RuleId`]'s [`FromStr`] and `TryFrom<&str>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseRuleIdError {
    given: String,
}

impl fmt::Display for ParseRuleIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a rule id; the ids are R1 to R15, W1 to W8, M1 to M5 (agenda packs), and I1 and I2 (reading back from Word)",
            self.given
        )
    }
}

impl std::error::Error for ParseRuleIdError {}

/// Reads exactly the stable id (`"R4"`, not `"r4"` or `" R4"`).
impl FromStr for RuleId {
    type Err = ParseRuleIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| ParseRuleIdError {
                given: s.to_string(),
            })
    }
}

impl TryFrom<&str> for RuleId {
    type Error = ParseRuleIdError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleId> for str {
    fn eq(&self, other: &RuleId) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

/// One finding about a report.
///
/// Displayed as a clerk reads it, `error[R4] $.key_decision.notice_published: …`;
/// serialized for tools as
/// `{"rule": "R4", "severity": "error", "path": "$.key_decision.notice_published", "message": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
// Fields may be added (a suggested fix, say); outside the crate a finding is
// made with `Diagnostic::new`, so that stays a compatible change.
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: RuleId,
    /// Error or warning: always the rule's own [`RuleId::severity`].
    pub severity: Severity,
    /// JSON path of the offending value, e.g. `$.key_decision.notice_published`:
    /// from `$`, `.field` for keys and `[n]` for indices from 0, resolving in
    /// what [`Report::to_json`](crate::Report::to_json) writes. A block's text
    /// is reported at the block (`$.sections[2].blocks[5]`), rich text at its
    /// string or array of runs, and a finding about a whole part at that part.
    pub path: String,
    /// What is wrong, in a sentence a clerk understands.
    pub message: String,
}

impl Diagnostic {
    /// A finding of `rule` at `path`, with the rule's severity.
    ///
    /// ```
    /// use cabinet_report::{Diagnostic, RuleId, Severity};
    ///
    /// let d = Diagnostic::new(RuleId::W2, "$.summary", "the summary is 612 words");
    /// assert_eq!(d.severity, Severity::Warning);
    /// assert_eq!(d.to_string(), "warning[W2] $.summary: the summary is 612 words");
    /// ```
    pub fn new(rule: RuleId, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity(),
            path: path.into(),
            message: message.into(),
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `error[R4] $.key_decision.notice_published: …`
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.rule, self.path, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_its_string() {
        for &id in RuleId::ALL {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            assert_eq!(RuleId::try_from(id.as_str()), Ok(id));
            assert_eq!(id.to_string(), id.as_str());
            assert!(id == id.as_str() && id.as_str() == id);
        }
        for bad in ["", "R0", "R16", "W9", "r4", " R4", "R4 ", "R04"] {
            let e = bad.parse::<RuleId>().unwrap_err();
            assert!(e.to_string().contains("is not a rule id"), "{e}");
        }
    }

    #[test]
    fn ids_are_listed_in_order_with_the_severity_their_letter_says() {
        assert!(RuleId::ALL.windows(2).all(|w| w[0] < w[1]));
        for &id in RuleId::ALL {
            // R and M: errors of a report and of a pack; W: warnings; I… are
            // findings of reading back from Word: I1 an error, I2 a warning.
            let error = !id.as_str().starts_with('W') && id != RuleId::I2;
            assert_eq!(id.severity() == Severity::Error, error, "{id}");
        }
    }
}
