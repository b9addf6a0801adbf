//! R14 and R15: a bilingual report has both its languages, and they say the
//! same things part for part.

use super::{Ctx, Findings};
use crate::diagnostic::Diagnostic;
use crate::model::{Block, Exemption, Report};
use crate::validate::RuleId;
use std::mem::discriminant;

pub(super) fn check(cx: &Ctx<'_>, f: &mut Findings<'_>) {
    let r = cx.report;
    let t = cx.template;
    let Some(languages) = t.languages() else {
        if r.translation.is_some() {
            f.add(
                RuleId::R14,
                "$.translation",
                format!(
                    "the template `{}` prints reports in one language ({}); remove the translation or use a bilingual template",
                    t.id,
                    t.language.tag()
                ),
            );
        }
        return;
    };
    let [a, b] = languages.map(|l| l.tag());
    let Some(tr) = &r.translation else {
        f.add(
            RuleId::R14,
            "$",
            format!("the template `{}` prints reports in {a} and {b}; give the other language's text in `translation`", t.id),
        );
        return;
    };
    let own = crate::compose::language(r, t);
    if !languages.contains(&own) {
        f.add(
            RuleId::R14,
            "$.language",
            format!("the report is in {}; the template prints {a} and {b}", own.tag()),
        );
        return;
    }
    if tr.language == own || !languages.contains(&tr.language) {
        f.add(
            RuleId::R14,
            "$.translation.language",
            format!(
                "the translation is in {}; it must be in the template's other language, {}",
                tr.language.tag(),
                if own.tag() == a { b } else { a }
            ),
        );
        return;
    }
    let other = r.translated().expect("a report with a translation translates");
    consistent(r, &other, f);
}

/// R15: the parts pair up, in number, kind and exemption.
fn consistent(r: &Report, o: &Report, f: &mut Findings<'_>) {
    let mut count = |path: &str, what: &str, a: usize, b: usize| {
        if a != b {
            f.add(
                RuleId::R15,
                format!("$.translation.{path}"),
                format!("the translation has {b} {what} and the report {a}: each language needs the same"),
            );
            false
        } else {
            true
        }
    };
    count("strategic_priorities", "strategic priorities", r.strategic_priorities.len(), o.strategic_priorities.len());
    let recs = count("recommendations", "recommendations", r.recommendations.len(), o.recommendations.len());
    let secs = count("sections", "sections", r.sections.len(), o.sections.len());
    let apps = count("appendices", "appendices", r.appendices.len(), o.appendices.len());
    blocks(&r.summary, &o.summary, "summary", f);
    if recs {
        for (i, (x, y)) in r.recommendations.iter().zip(&o.recommendations).enumerate() {
            let at = format!("recommendations[{i}]");
            if x.route != y.route {
                f.add(RuleId::R15, format!("$.translation.{at}.route"), "the recommendation's route differs from the report's: one decision, one route in both languages");
            }
            blocks(&x.blocks, &y.blocks, &format!("{at}.blocks"), f);
        }
    }
    if secs {
        for (i, (x, y)) in r.sections.iter().zip(&o.sections).enumerate() {
            let at = format!("sections[{i}]");
            if x.kind != y.kind {
                f.add(RuleId::R15, format!("$.translation.{at}.kind"), format!("the section is `{}` here and `{}` in the report: the sections must be the same, in the same order", y.kind.id(), x.kind.id()));
                continue;
            }
            exemption(&x.exempt, &y.exempt, &at, f);
            blocks(&x.blocks, &y.blocks, &format!("{at}.blocks"), f);
        }
    }
    if apps {
        for (i, (x, y)) in r.appendices.iter().zip(&o.appendices).enumerate() {
            let at = format!("appendices[{i}]");
            exemption(&x.exempt, &y.exempt, &at, f);
            blocks(&x.blocks, &y.blocks, &format!("{at}.blocks"), f);
        }
    }
    exemption(&r.exempt, &o.exempt, "", f);
    let r_keys: Vec<&String> = r.header_rows.keys().collect();
    let o_keys: Vec<&String> = o.header_rows.keys().collect();
    if r_keys != o_keys {
        f.add(RuleId::R15, "$.translation.header_rows", "the translation must fill the same header rows as the report");
    }
    let one_only = [
        ("key_decision_statement", r.key_decision.statement.is_some(), o.key_decision.statement.is_some()),
        ("lateness", r.lateness.is_some(), o.lateness.is_some()),
        ("linked_reports", r.linked_reports.is_some(), o.linked_reports.is_some()),
        ("background_papers", r.background_papers.is_some(), o.background_papers.is_some()),
    ];
    for (field, a, b) in one_only {
        if a != b {
            f.add(RuleId::R15, format!("$.translation.{field}"), format!("`{field}` is given in one language only; give it in both or neither"));
        }
    }
    let tr = r.translation.as_ref().expect("checked by the caller");
    let roles = std::iter::once(("$.report_of.role", &r.report_of.role))
        .chain(r.lead_member.iter().map(|m| ("$.lead_member.role", &m.role)))
        .chain(r.originating_officers.iter().map(|o| ("$.originating_officers", &o.job_title)))
        .chain(r.contacts.iter().map(|o| ("$.contacts", &o.job_title)));
    let mut missing: Vec<&str> = Vec::new();
    for (_, role) in roles {
        if !tr.roles.contains_key(role) && !missing.contains(&role.as_str()) {
            missing.push(role);
            f.add(RuleId::R15, "$.translation.roles", format!("the role `{}` has no translation in `roles`; it would print in the report's language in both parts", super::quoted(role)));
        }
    }
}

fn exemption(a: &Option<Exemption>, b: &Option<Exemption>, at: &str, f: &mut Findings<'_>) {
    let path = if at.is_empty() { "$.translation.exempt".to_string() } else { format!("$.translation.{at}.exempt") };
    match (a, b) {
        (Some(_), None) | (None, Some(_)) => f.add(
            RuleId::R15,
            path,
            "exempt in one language and not the other: an exempt part is exempt in both, or its text would be published in one",
        ),
        (Some(x), Some(y)) if x.paragraphs != y.paragraphs => f.add(
            RuleId::R15,
            path,
            "exempt under other Schedule 12A paragraphs than in the report: cite the same in both languages",
        ),
        _ => {}
    }
}

fn blocks(a: &[Block], b: &[Block], at: &str, f: &mut Findings<'_>) {
    if a.len() != b.len() {
        f.add(
            RuleId::R15,
            format!("$.translation.{at}"),
            format!("the translation has {} blocks here and the report {}: each language needs the same blocks, in the same order", b.len(), a.len()),
        );
        return;
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let path = format!("$.translation.{at}[{i}]");
        if discriminant(x) != discriminant(y) {
            f.add(RuleId::R15, path, "the block is of another kind than the report's: a paragraph for a paragraph, a table for a table");
            continue;
        }
        let same = match (x, y) {
            (Block::Bullets(p), Block::Bullets(q)) | (Block::NumberedList(p), Block::NumberedList(q)) => p.len() == q.len(),
            (Block::Table(p), Block::Table(q)) => {
                p.columns.len() == q.columns.len()
                    && p.rows.len() == q.rows.len()
                    && p.total.is_some() == q.total.is_some()
                    && p.subtotal_rows == q.subtotal_rows
                    && p.merge == q.merge
            }
            _ => true,
        };
        if !same {
            f.add(RuleId::R15, path, "the translation's list or table differs in shape from the report's: the same items, columns, rows, totals and merged cells in both languages");
        }
    }
}

/// The findings of every rule on the translation, as the other language's
/// part prints it, at paths into `$.translation` (a finding about what the
/// two languages share is the report's own, and is not repeated).
pub(super) fn translated_findings(own: &[Diagnostic], translated: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const MOVED: &[(&str, &str)] = &[
        ("$.title", "$.translation.title"),
        ("$.short_title", "$.translation.short_title"),
        ("$.summary", "$.translation.summary"),
        ("$.recommendations", "$.translation.recommendations"),
        ("$.sections", "$.translation.sections"),
        ("$.appendices", "$.translation.appendices"),
        ("$.background_papers", "$.translation.background_papers"),
        ("$.linked_reports", "$.translation.linked_reports"),
        ("$.strategic_priorities", "$.translation.strategic_priorities"),
        ("$.header_rows", "$.translation.header_rows"),
        ("$.lateness", "$.translation.lateness"),
        ("$.key_decision.statement", "$.translation.key_decision_statement"),
        ("$.exempt", "$.translation.exempt"),
        ("$.report_of.role", "$.translation.roles"),
        ("$.lead_member.role", "$.translation.roles"),
    ];
    let mut out: Vec<Diagnostic> = Vec::new();
    for mut d in translated {
        let moved = MOVED.iter().find(|(from, _)| {
            d.path == *from
                || d.path.strip_prefix(from).is_some_and(|rest| rest.starts_with(['.', '[']))
        });
        match moved {
            Some((from, to)) => d.path = format!("{to}{}", &d.path[from.len()..]),
            None if own.iter().any(|o| o.rule == d.rule && o.path == d.path) => continue,
            None => {}
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}
