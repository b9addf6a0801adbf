//! The first page's masthead and metadata table.

use super::text::resolve;
use super::{Classification, Masthead, MetaRow, Text};
use crate::model::{self, CallIn, Field, KeyReason, Officer, Report, Urgency, Wards, YesNo};
use crate::template::{AreaTerm, RowKind, Template, DEFAULT_ROWS};

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
    let meeting = report.meeting.body.name();
    let opening = t
        .opening_lines
        .iter()
        .map(|line| {
            line.replace("{classification}", class_text)
                .replace("{meeting}", meeting)
        })
        .collect();
    Masthead {
        opening,
        council: t.brand.council_name.clone(),
        logo_alt: t
            .brand
            .logo_alt
            .clone()
            .unwrap_or_else(|| format!("{} logo", t.brand.council_name)),
        meeting: t.body_name(&report.meeting.body).to_string(),
        date: t.date_style.format(report.meeting.date, super::language(report, t)),
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
    rows_by_id(report, t).into_iter().map(|(_, row)| row).collect()
}

/// The ids of the header rows the report prints (`lead_member`,
/// `final_decision_maker`), in order: the rows a sign-off can go on.
pub(crate) fn printed_header_rows<'t>(report: &Report, t: &'t Template) -> Vec<&'t str> {
    rows_by_id(report, t).into_iter().map(|(id, _)| id).collect()
}

/// The printed rows, each with its row's id.
fn rows_by_id<'t>(report: &Report, t: &'t Template) -> Vec<(&'t str, MetaRow)> {
    let listed: Vec<(Option<RowKind>, Option<&str>, Option<&str>)> = match &t.header_rows {
        None => DEFAULT_ROWS.iter().map(|k| (Some(*k), None, None)).collect(),
        Some(listed) => listed
            .iter()
            .map(|r| (r.row, r.custom.as_deref(), r.label.as_deref()))
            .collect(),
    };
    let mut out = Vec::new();
    let mut rows = Vec::new();
    for (kind, custom, label) in listed {
        match (kind, custom) {
            (Some(kind), _) => builtin_row(report, t, kind, label, &mut rows),
            (None, Some(id)) => {
                // A row the report leaves out is not printed; R3
                // stops a report that leaves out a mandatory one.
                if let Some(lines) = report.header_rows.get(id) {
                    rows.push(MetaRow {
                        label: label.unwrap_or_default().to_string(),
                        lines: lines.0.iter().map(resolve).collect(),
                        path: format!("$.header_rows.{id}"),
                        sign_off: None,
                    });
                }
            }
            (None, None) => {}
        }
        let id = kind.map(RowKind::id).or(custom).unwrap_or_default();
        for mut row in rows.drain(..) {
            if t.header_sign_off.is_some() {
                row.sign_off = report
                    .header_sign_offs
                    .get(id)
                    .map(|who| Text::from(who.trim()));
            }
            out.push((id, row));
        }
    }
    out
}

/// The header block's column headings, when it has a sign-off column.
pub(super) fn metadata_columns(t: &Template) -> Option<[String; 3]> {
    t.header_sign_off.as_ref().map(|s| {
        [
            s.label_column.clone(),
            s.value_column.clone(),
            s.sign_off_column.clone(),
        ]
    })
}

/// One built-in row, when the report gives what it prints (some rows print
/// "N/A" instead, as the council's form does).
fn builtin_row(
    report: &Report,
    t: &Template,
    kind: RowKind,
    label: Option<&str>,
    rows: &mut Vec<MetaRow>,
) {
    let l = &t.labels;
    let mut row = |default: &str, lines: Vec<Text>, path: &str| {
        rows.push(MetaRow {
            label: label.unwrap_or(default).to_string(),
            lines,
            path: path.to_string(),
            sign_off: None,
        })
    };
    let one = |s: &str| vec![Text::from(s)];
    let na = || one(&l.not_applicable);
    // County councils are divided into electoral divisions, not wards.
    let divisions = t.area_term == AreaTerm::ElectoralDivisions;
    let (area_label, all_areas, reason_areas) = if divisions {
        (&l.divisions, &l.all_divisions, &l.reason_divisions)
    } else {
        (&l.wards, &l.all_wards, &l.reason_wards)
    };
    let key = &report.key_decision;
    match kind {
        RowKind::LeadMember => {
            if let Some(m) = &report.lead_member {
                row(
                    &l.lead_member,
                    one(&format!("{}, {}", m.name, m.role)),
                    "$.lead_member",
                );
            }
        }
        RowKind::OriginatingOfficers => {
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
        }
        RowKind::Wards => {
            let wards = match &report.wards {
                Wards::All => one(all_areas),
                Wards::Listed(w) if w.is_empty() => one(&l.none),
                Wards::Listed(w) => w.iter().map(|w| Text::from(w.as_str())).collect(),
            };
            row(area_label, wards, "$.wards");
        }
        RowKind::KeyDecision => match &key.statement {
            Some(s) => row(&l.key_decision, vec![resolve(s)], "$.key_decision.statement"),
            None => row(
                &l.key_decision,
                one(&field_text(&key.answer, |a| yes_no(t, *a))),
                "$.key_decision.answer",
            ),
        },
        RowKind::NoticePublished => {
            let notice = match &key.notice_published {
                Some(f) => one(&field_text(f, |d| t.date_style.format(*d, super::language(report, t)))),
                None => na(),
            };
            row(
                &l.notice_published,
                notice,
                "$.key_decision.notice_published",
            );
        }
        RowKind::ForwardPlanRef => {
            if let Some(r) = &key.forward_plan_ref {
                row(
                    &l.forward_plan_ref,
                    one(r),
                    "$.key_decision.forward_plan_ref",
                );
            }
        }
        RowKind::KeyReason => {
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
        }
        RowKind::Urgency => {
            if let Some(u) = &key.urgency {
                let text = match u {
                    Urgency::GeneralException { reason } => {
                        format!("{}: {reason}", l.general_exception)
                    }
                    Urgency::SpecialUrgency { reason, agreed_by } => {
                        format!("{} {agreed_by}: {reason}", l.special_urgency)
                    }
                };
                row(&l.urgency, one(&text), "$.key_decision.urgency");
            }
        }
        RowKind::StrategicPriority => {
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
        }
        RowKind::CallIn => {
            if let Some(c) = &report.call_in {
                let text = match c {
                    CallIn::Applies => l.call_in_applies.clone(),
                    CallIn::Exempt(why) => format!("{} {why}", l.call_in_exempt),
                };
                row(&l.call_in, one(&text), "$.call_in");
            }
        }
        RowKind::Lateness => {
            if let Some(late) = &report.lateness {
                row(&l.lateness, vec![resolve(late)], "$.lateness");
            }
        }
        RowKind::ReportDate => {
            if let Some(d) = report.report_date {
                row(&l.report_date, one(&t.date_style.format(d, super::language(report, t))), "$.report_date");
            }
        }
    }
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
