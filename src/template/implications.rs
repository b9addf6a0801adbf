//! The implications table: finance, legal, equalities, risk and the like set
//! out as rows of one table (implication, comment, who signed it off)
//! instead of numbered sections, as many district councils print them.

use crate::model::SectionKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which sections become rows of the implications table, and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImplicationsTable {
    /// The numbered heading over the table, e.g. "Implications".
    pub heading: String,
    /// The sections set out as rows, in row order. Each must be listed in
    /// the template's `sections` (which gives its row label and whether it
    /// is mandatory); the table takes the place of the first of them.
    pub rows: Vec<SectionKind>,
    /// The header cell over the implications.
    #[serde(default = "implication")]
    pub implication_column: String,
    /// The header cell over the comments.
    #[serde(default = "comment")]
    pub comment_column: String,
    /// The header cell over the sign-off; no sign-off column when absent.
    /// With it, every row must say who signed it off (rule R3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off_column: Option<String>,
}

fn implication() -> String {
    "Implication".into()
}

fn comment() -> String {
    "Comments".into()
}
