use super::*;
pub(super) fn run(_report: &Report, _template: &Template, _audience: Audience, _out: &mut Vec<Diagnostic>) {}
