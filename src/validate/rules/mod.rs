//! The rules: one module per check, or per tight group of checks that share
//! their reading of the report.

use super::{Diagnostic, RuleId};
use crate::compose::Audience;
use crate::model::Report;
use crate::template::Template;

mod amounts;
mod bilingual;
mod dates;
mod exempt;
mod guidance;
mod headings;
mod key_decision;
mod length;
pub(crate) use length::length_warning;
mod papers;
mod printable;
mod recommendations;
mod references;
mod running_header;
mod sections;
mod structure;
mod template_fit;
mod totals;
mod unfilled;
pub(crate) mod walk;
mod words;

/// What every rule reads: the report, its template, the audience, and the
/// report's strings with their paths (collected once).
pub(crate) struct Ctx<'a> {
    pub report: &'a Report,
    pub template: &'a Template,
    pub audience: Audience,
    pub visits: Vec<walk::Visit<'a>>,
}

/// Where findings go; the rule id decides the severity (R… errors, W… warnings).
pub(crate) struct Findings<'o>(&'o mut Vec<Diagnostic>);

impl Findings<'_> {
    pub fn add(&mut self, rule: RuleId, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic::new(rule, path, message));
    }
}

/// Every rule; R13 too when the fonts' coverage is given.
pub(super) fn run(
    report: &Report,
    template: &Template,
    audience: Audience,
    covers: Option<&dyn Fn(char) -> bool>,
    out: &mut Vec<Diagnostic>,
) {
    let ctx = Ctx {
        report,
        template,
        audience,
        visits: walk::visits(report),
    };
    let folded: Vec<words::Folded> = ctx
        .visits
        .iter()
        .map(|v| words::Folded::new(&v.text))
        .collect();
    let f = &mut Findings(out);
    unfilled::check(&ctx, &folded, f); // R1
    guidance::check(&ctx, &folded, f); // R2
    sections::check(&ctx, f); // R3
    key_decision::check(&ctx, f); // R4, R5
    exempt::check(&ctx, f); // R6, R11
    references::check(&ctx, f); // R7, W4
    recommendations::check(&ctx, f); // R8, W8
    papers::check(&ctx, f); // R9
    dates::check(&ctx, f); // R10
    length::check(&ctx, f); // W2; W1 on the composed document
    amounts::check(&ctx, f); // W3
    totals::check(&ctx, f); // W5
    headings::check(&ctx, f); // W6
    structure::check(&ctx, f); // R12
    running_header::check(&ctx, f); // W7
    template_fit::check(&ctx, f); // R3, R12
    if let Some(covers) = covers {
        let capitals = template.heading_case == crate::template::HeadingCase::Capitals;
        printable::check(&ctx.visits, covers, capitals, f); // R13
    }
    bilingual::check(&ctx, f); // R14, R15
    // The other language is checked as the report it prints as, with the
    // template's wording in that language: every rule, every part.
    if let Some([a, b]) = crate::compose::bilingual_parts(report, template) {
        let other_language = report.translation.as_ref().map(|t| t.language);
        let other = if a.0.language == other_language { a } else { b };
        let mut found = Vec::new();
        run(&other.0, &other.1, audience, covers, &mut found);
        let moved = bilingual::translated_findings(f.0, found);
        f.0.extend(moved);
    }
}

/// A value quoted in a message: trimmed, one line, at most 60 characters.
/// Every list of blocks in the report with the JSON path of the list:
/// summary, each recommendation's, each section's, each appendix's.
pub(crate) fn block_lists(
    r: &Report,
) -> impl Iterator<Item = (String, &Vec<crate::model::Block>)> + '_ {
    std::iter::once(("$.summary".to_string(), &r.summary))
        .chain(
            r.recommendations
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("$.recommendations[{i}].blocks"), &x.blocks)),
        )
        .chain(
            r.sections
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("$.sections[{i}].blocks"), &x.blocks)),
        )
        .chain(
            r.appendices
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("$.appendices[{i}].blocks"), &x.blocks)),
        )
}

pub(crate) fn quoted(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("\"{}\"", crate::model::field::shorten(&one_line))
}

/// The heading a section prints under: its own, or the template's for its kind.
pub(crate) fn section_name(ctx: &Ctx, index: usize) -> String {
    let s = &ctx.report.sections[index];
    s.heading
        .clone()
        .or_else(|| ctx.template.section(&s.kind).map(|t| t.heading.clone()))
        .unwrap_or_else(|| format!("{:?}", s.kind))
}

/// "Appendix 2", as compose prints it.
pub(crate) fn appendix_name(ctx: &Ctx, index: usize) -> String {
    format!(
        "{} {}",
        ctx.template.labels.appendix,
        crate::compose::numbering::appendix_label(ctx.template.appendices, index)
    )
}

/// R13, with the renderer's fonts (the other rules need none).
pub(super) fn run_printable(
    report: &Report,
    covers: &dyn Fn(char) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    // Without a template, headings are checked as written.
    printable::check(&walk::visits(report), covers, false, &mut Findings(out));
}

/// R13's counterpart for the template's own wording.
pub(super) fn template_printable(
    template: &crate::template::Template,
    covers: &dyn Fn(char) -> bool,
) -> Option<(String, char)> {
    printable::template(template, covers)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::super::Diagnostic;
    use crate::compose::Audience;
    use crate::model::Report;
    use crate::template::Template;

    /// Findings of one rule for a report, with the built-in template.
    pub fn findings(report: &Report, rule: &str) -> Vec<Diagnostic> {
        findings_with(report, &Template::tower_hamlets(), Audience::Public, rule)
    }

    pub fn findings_with(
        report: &Report,
        t: &Template,
        a: Audience,
        rule: &str,
    ) -> Vec<Diagnostic> {
        super::super::check_and_compose(report, t, a, None)
            .0
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// The paths of one rule's findings.
    pub fn paths(report: &Report, rule: &str) -> Vec<String> {
        findings(report, rule).into_iter().map(|d| d.path).collect()
    }
}
