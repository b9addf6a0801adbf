//! The clerk's checks: is this report fit to publish?
//!
//! Each rule has a stable id (`"R4"`) that tools and clerks can rely on.
//! Errors (R…) stop publication; warnings (W…) do not. A run reports every
//! finding at once, each with the JSON path of the offending value.

use crate::compose::Audience;
use crate::model::Report;
use crate::template::Template;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops publication.
    Error,
    /// Worth a look; does not stop publication.
    Warning,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule id: "R1" … "R11", "W1" … "W6".
    pub rule: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// JSON path of the offending value, e.g. `$.key_decision.notice_published`.
    pub path: String,
    /// What is wrong, in a sentence a clerk understands.
    pub message: String,
}

impl Diagnostic {
    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `error[R4] $.key_decision.notice_published: …`
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}] {}: {}", self.rule, self.path, self.message)
    }
}

/// Runs every rule and returns all findings, errors first, then in path order.
pub fn validate(report: &Report, template: &Template, audience: Audience) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::run(report, template, audience, &mut out);
    out.sort_by_key(|d| (d.severity, rule_order(d.rule)));
    out
}

/// R2 before R10, not after: order by the number in the id.
fn rule_order(id: &str) -> u32 {
    id[1..].parse().unwrap_or(u32::MAX)
}

mod rules;
