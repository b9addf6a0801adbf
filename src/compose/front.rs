//! The first page's masthead and metadata table.

use super::text::resolve;
use super::{Classification, Masthead, MetaRow, Text};
use crate::model::{self, CallIn, Field, KeyReason, Officer, Report, Urgency, Wards, YesNo};
use crate::template::{AreaTerm, Template};

pub(super) fn masthead(report: &Report, t: &Template, class: Classification) -> Masthead {
    let l = &t.labels;
    let report_of = if report.report_of.name.trim().is_empty() {
        report.report_of.role.clone()
    } else {
        format!("{}, {}", report.report_of.name, report.report_of.role)
    };
    let class_text = match class {
        Classification::Open => &l.open,
        Classification::PartExempt => &l.part_exempt,
        Classification::Exempt => &l.exempt,
    };
    Masthead {
        council: t.brand.council_name.clone(),
        logo_alt: t
            .brand
            .logo_alt
            .clone()
            .unwrap_or_else(|| format!("{} logo", t.brand.council_name)),
        meeting: t.body_name(&report.meeting.body).to_string(),
        date: report.meeting.date.long_in(super::language(report, t)),
        agenda_item: report
            .meeting
            .agenda_item
            .as_ref()
            .map(|n| format!("{} {n}", l.agenda_item)),
        report_of: (l.report_of.clone(), report_of),
        classification: (l.classification.clone(), class_text.clone()),
        title: report.title.clone(),
    }
}

pub(super) fn metadata(report: &Report, t: &Template) -> Vec<MetaRow> {
    let l = &t.labels;
    let mut rows = Vec::new();
    let mut row = |label: &str, lines: Vec<Text>, path: &str| {
        rows.push(MetaRow {
            label: label.to_string(),
            lines,
            path: path.to_string(),
        })
    };
    let one = |s: &str| vec![Text::from(s)];

    if let Some(m) = &report.lead_member {
        row(
            &l.lead_member,
            one(&format!("{}, {}", m.name, m.role)),
            "$.lead_member",
        );
    }
    if !report.originating_officers.is_empty() {
        row(
            &l.originating_officers,
            report
                .originating_officers
                .iter()
                .map(officer_line)
                .collect(),
            "$.originating_officers",
        );
    }
    // County councils are divided into electoral divisions, not wards.
    let divisions = t.area_term == AreaTerm::ElectoralDivisions;
    let (area_label, all_areas, reason_areas) = if divisions {
        (&l.divisions, &l.all_divisions, &l.reason_divisions)
    } else {
        (&l.wards, &l.all_wards, &l.reason_wards)
    };
    let wards = match &report.wards {
        Wards::All => one(all_areas),
        Wards::Listed(w) if w.is_empty() => one(&l.none),
        Wards::Listed(w) => w.iter().map(|w| Text::from(w.as_str())).collect(),
    };
    row(area_label, wards, "$.wards");

    let key = &report.key_decision;
    row(
        &l.key_decision,
        one(&field_text(&key.answer, |a| yes_no(t, *a))),
        "$.key_decision.answer",
    );
    let na = || one(&l.not_applicable);
    let notice = match &key.notice_published {
        Some(f) => one(&field_text(f, |d| d.long_in(super::language(report, t)))),
        None => na(),
    };
    row(
        &l.notice_published,
        notice,
        "$.key_decision.notice_published",
    );
    if let Some(r) = &key.forward_plan_ref {
        row(
            &l.forward_plan_ref,
            one(r),
            "$.key_decision.forward_plan_ref",
        );
    }
    let reasons = match &key.reasons {
        Some(Field::Value(rs)) if !rs.is_empty() => rs
            .iter()
            .map(|r| {
                Text::from(match r {
                    KeyReason::FinancialThreshold => l.reason_financial.as_str(),
                    KeyReason::TwoOrMoreWards => reason_areas.as_str(),
                })
            })
            .collect(),
        Some(Field::Unfilled(s)) => one(s),
        _ => na(),
    };
    row(&l.key_reason, reasons, "$.key_decision.reasons");
    if let Some(u) = &key.urgency {
        let text = match u {
            Urgency::GeneralException { reason } => format!("{}: {reason}", l.general_exception),
            Urgency::SpecialUrgency { reason, agreed_by } => {
                format!("{} {agreed_by}: {reason}", l.special_urgency)
            }
        };
        row(&l.urgency, one(&text), "$.key_decision.urgency");
    }
    if !report.strategic_priorities.is_empty() {
        row(
            &l.strategic_priority,
            report
                .strategic_priorities
                .iter()
                .map(|p| Text::from(p.as_str()))
                .collect(),
            "$.strategic_priorities",
        );
    }
    if let Some(c) = &report.call_in {
        let text = match c {
            CallIn::Applies => l.call_in_applies.clone(),
            CallIn::Exempt(why) => format!("{} {why}", l.call_in_exempt),
        };
        row(&l.call_in, one(&text), "$.call_in");
    }
    if let Some(late) = &report.lateness {
        row(&l.lateness, vec![resolve(late)], "$.lateness");
    }
    rows
}

fn yes_no(t: &Template, a: YesNo) -> String {
    match a {
        YesNo::Yes => t.labels.yes.clone(),
        YesNo::No => t.labels.no.clone(),
    }
}

/// A field as printed: its value, or its unfilled text as written (only a
/// report that failed validation gets this far with one, in a preview).
fn field_text<T>(f: &Field<T>, show: impl Fn(&T) -> String) -> String {
    match f {
        Field::Value(v) => show(v),
        Field::Unfilled(s) => s.clone(),
    }
}

/// "Name, Job title, phone, email" on one line; the address is a mail link
/// so readers (and screen readers) can act on it.
pub(super) fn officer_line(o: &Officer) -> Text {
    let mut parts = vec![o.name.as_str(), o.job_title.as_str()];
    parts.extend(o.phone.as_deref());
    let mut spans = vec![model::Span::plain(parts.join(", "))];
    if let Some(email) = o.email.as_deref() {
        spans.push(model::Span::plain(", "));
        spans.push(model::Span::link(email, format!("mailto:{email}")));
    }
    resolve(&model::Text(spans))
}
