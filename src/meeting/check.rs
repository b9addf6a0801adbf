//! The checks across a pack (M1 … M5) that no single report can make.

use super::{order_key, Meeting};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::model::Report;
use crate::template::Template;

/// Every finding about the meeting file itself and how its reports fit it.
/// `reports[i]` is item `i`'s loaded report (`None` for a short item, or a
/// report that could not be loaded, which the loader reports).
pub(crate) fn check(
    meeting: &Meeting,
    template: &Template,
    reports: &[Option<&Report>],
    out: &mut Vec<Diagnostic>,
) {
    let numbers = meeting.numbers();
    shapes(meeting, out);
    order(&numbers, out);
    part2(meeting, template, out);
    for (i, report) in reports.iter().enumerate() {
        if let Some(report) = report {
            agrees(meeting, i, &numbers[i], report, out);
        }
    }
}

fn at(i: usize) -> String {
    format!("$.items[{i}]")
}

/// M5: an item is one report, or a short item with a title and its text.
fn shapes(meeting: &Meeting, out: &mut Vec<Diagnostic>) {
    if meeting.items.is_empty() {
        out.push(Diagnostic::new(
            RuleId::M5,
            "$.items",
            "the agenda has no items",
        ));
    }
    for (i, item) in meeting.items.iter().enumerate() {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        let problem = match (&item.report, &item.text) {
            (Some(_), Some(_)) => Some("an item is a report or a short item with text, not both; put the words in the report"),
            (Some(r), None) if r.trim().is_empty() => Some("the report file is blank"),
            (None, None) => Some("the item has neither a report file (`report`) nor text (`text`)"),
            (None, Some(t)) if t.plain().trim().is_empty() => Some("the item's text is blank"),
            (None, Some(_)) if blank(&item.title) => Some("a short item needs a title (\"Apologies for absence\")"),
            _ => None,
        };
        if let Some(message) = problem {
            out.push(Diagnostic::new(RuleId::M5, at(i), message));
        }
        if item.number.as_deref().is_some_and(|n| n.trim().is_empty()) {
            out.push(Diagnostic::new(
                RuleId::M2,
                format!("{}.number", at(i)),
                "the item number is blank; leave it out to number the item after the one before",
            ));
        }
    }
}

/// M2: numbers unique and rising.
fn order(numbers: &[String], out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for (i, n) in numbers.iter().enumerate() {
        if !seen.insert(n.to_lowercase()) {
            out.push(Diagnostic::new(
                RuleId::M2,
                format!("{}.number", at(i)),
                format!("item number {n} is used twice"),
            ));
        } else if i > 0 && order_key(n) < order_key(&numbers[i - 1]) {
            out.push(Diagnostic::new(
                RuleId::M2,
                format!("{}.number", at(i)),
                format!(
                    "item {n} comes after item {}; number the items in the order they are taken",
                    numbers[i - 1]
                ),
            ));
        }
    }
}

/// M3 and M4: Part 2 items last, with paragraphs of this council's
/// jurisdiction, and a private-meeting notice to name them.
fn part2(meeting: &Meeting, template: &Template, out: &mut Vec<Diagnostic>) {
    let allowed = template.jurisdiction.exempt_paragraphs();
    let mut first_exempt = None;
    for (i, item) in meeting.items.iter().enumerate() {
        match &item.exempt {
            Some(p) => {
                first_exempt.get_or_insert(i);
                let path = format!("{}.exempt.paragraphs", at(i));
                if p.paragraphs.is_empty() {
                    out.push(Diagnostic::new(RuleId::M3, &path, "a Part 2 item must name the Schedule 12A paragraphs the public are excluded under"));
                }
                for (k, &n) in p.paragraphs.iter().enumerate() {
                    if !allowed.contains(&n) {
                        out.push(Diagnostic::new(
                            RuleId::M3,
                            format!("{path}[{k}]"),
                            format!("paragraph {n} is not a paragraph of Schedule 12A this council can cite ({} to {})", allowed.start(), allowed.end()),
                        ));
                    } else if p.paragraphs[..k].contains(&n) {
                        out.push(Diagnostic::new(RuleId::M3, format!("{path}[{k}]"), format!("paragraph {n} is cited twice")));
                    }
                }
            }
            None if first_exempt.is_some() => out.push(Diagnostic::new(
                RuleId::M3,
                at(i),
                "a public item comes after a Part 2 item; the public are excluded for Part 2, so its items go last",
            )),
            None => {}
        }
    }
    let notice = meeting.notices.private_meeting.as_ref();
    if first_exempt.is_some() && notice.is_none_or(|t| t.plain().trim().is_empty()) {
        out.push(Diagnostic::new(
            RuleId::M4,
            "$.notices.private_meeting",
            "the agenda has Part 2 items but no notice that part of the meeting may be held in private (regulation 5 of the 2012 Regulations asks for 28 clear days' notice)",
        ));
    }
}

/// M1: the report is for this meeting.
fn agrees(meeting: &Meeting, i: usize, number: &str, report: &Report, out: &mut Vec<Diagnostic>) {
    let path = format!("{}.report", at(i));
    if report.meeting.body != meeting.body {
        out.push(Diagnostic::new(
            RuleId::M1,
            &path,
            format!(
                "item {number}: the report is for {}, but this is a meeting of {}",
                report.meeting.body.name(),
                meeting.body.name()
            ),
        ));
    }
    if report.meeting.date != meeting.date {
        out.push(Diagnostic::new(
            RuleId::M1,
            &path,
            format!(
                "item {number}: the report is for the meeting of {}, but this meeting is on {}",
                report.meeting.date.long(),
                meeting.date.long()
            ),
        ));
    }
    if let Some(own) = &report.meeting.agenda_item {
        if own.trim() != number {
            out.push(Diagnostic::new(
                RuleId::M1,
                &path,
                format!("item {number}: the report prints \"agenda item {}\"; change its meeting.agenda_item or the item number", own.trim()),
            ));
        }
    }
}
