//! A report to start from: what `clerk --new` prints.

use super::{
    Appendix, Block, Body, Date, Field, KeyDecision, Meeting, Officer, Papers, Person, Purpose,
    Recommendation, Report, Section, SectionKind, Wards,
};
use crate::template::Template;

impl Report {
    /// A starter report to fill in: every field a clerk fills in, for the
    /// built-in template's sections, holding a `[bracketed prompt]` (or
    /// "Yes/No") that the validator reports until it is replaced. What
    /// `clerk --new` prints, usually with [`Date::today`].
    pub fn starter(meeting_date: Date) -> Report {
        let prompt = |s: &str| Block::Paragraph(s.into());
        let officer = || Officer {
            name: "[Officer name]".into(),
            job_title: "[Job title]".into(),
            phone: Some("[Phone number]".into()),
            email: Some("[Email address]".into()),
        };
        let sections = Template::tower_hamlets()
            .sections
            .iter()
            .map(|s| Section {
                kind: s.kind.clone(),
                heading: None,
                blocks: section_prompts(&s.kind),
                exempt: None,
                sign_off: None,
            })
            .collect();
        Report {
            template: Some(crate::template::DEFAULT_TEMPLATE.into()),
            language: None,
            meeting: Meeting {
                body: Body::Cabinet,
                date: meeting_date,
                agenda_item: Some("[Agenda item number]".into()),
            },
            decision_maker: None,
            title: "[Report title]".into(),
            short_title: Some("[Short title for page headers]".into()),
            purpose: Purpose::Decision,
            report_of: Person {
                name: "[Name of Corporate Director]".into(),
                role: "[Corporate Director, Directorate]".into(),
            },
            report_date: None,
            lead_member: Some(Person {
                name: "[Councillor name]".into(),
                role: "[Cabinet Member for Portfolio]".into(),
            }),
            originating_officers: vec![officer()],
            wards: Wards::Listed(vec!["[Ward name, or replace this list with \"all\"]".into()]),
            key_decision: KeyDecision {
                answer: Field::Unfilled("Yes/No".into()),
                reasons: Some(Field::Unfilled(
                    "[Financial Threshold / Impact on Wards]".into(),
                )),
                notice_published: Some(Field::Unfilled(
                    "[Insert date notice was published]".into(),
                )),
                forward_plan_ref: Some("[Forward plan reference, if any]".into()),
                urgency: None,
                statement: None,
            },
            strategic_priorities: vec!["[Strategic plan priority or outcome]".into()],
            header_rows: Default::default(),
            header_sign_offs: Default::default(),
            call_in: None,
            lateness: None,
            exempt: None,
            summary: vec![prompt(
                "[Insert the executive summary: what the report is about and what is asked]",
            )],
            recommendations: vec![Recommendation {
                text: "[Insert recommendation]".into(),
                route: Default::default(),
                blocks: Vec::new(),
            }],
            sections,
            linked_reports: Some(Papers::Listed(vec![
                "[Linked report and date, or replace this list with \"none\"]".into(),
            ])),
            appendices: vec![Appendix {
                title: "[Appendix title]".into(),
                exempt: None,
                blocks: Vec::new(),
            }],
            background_papers: Some(Papers::Listed(vec![
                "[Background paper, or replace this list with \"none\"]".into(),
            ])),
            contacts: vec![officer()],
            translation: None,
        }
    }
}

/// What each section asks for, as prompts.
fn section_prompts(kind: &SectionKind) -> Vec<Block> {
    let p = |s: &str| Block::Paragraph(s.into());
    match kind {
        SectionKind::Reasons => vec![p("[Insert the reasons for the decisions]")],
        SectionKind::AlternativeOptions => vec![p(
            "[Insert the alternative options considered and why they were rejected]",
        )],
        SectionKind::Details => vec![p("[Insert the details of the report]")],
        SectionKind::Equalities => vec![p("[Insert the equalities implications]")],
        SectionKind::OtherStatutory => [
            "Best Value",
            "Environmental (including air quality and climate)",
            "Risk management",
            "Crime and disorder reduction",
            "Safeguarding",
            "Data protection",
        ]
        .iter()
        .flat_map(|topic| {
            [
                Block::Subheading((*topic).into()),
                p(&format!("[Insert {} implications, or \"None\"]", topic)),
            ]
        })
        .collect(),
        SectionKind::Finance => vec![p("[Insert the comments of the Chief Finance Officer]")],
        SectionKind::Legal => vec![p("[Insert the comments of Legal Services]")],
        // Other, and kinds a later version adds: a prompt any section can take.
        _ => vec![p("[Insert the section text]")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_round_trips_and_the_validator_asks_for_every_prompt() {
        let date = Date::new(2026, 3, 12).unwrap();
        let report = Report::starter(date);
        assert_eq!(report.meeting.date, date);
        let again = Report::from_json(&report.to_json()).unwrap();
        assert_eq!(again.to_json(), report.to_json());
        let findings =
            crate::validate::validate(&report, &Template::tower_hamlets(), crate::Audience::Public);
        assert!(findings.iter().any(|d| d.is_error()), "{findings:?}");
    }
}
