//! A builder for Rust callers who assemble reports in code.

use super::*;

/// Builds a [`Report`] step by step.
///
/// ```
/// use cabinet_report::model::*;
///
/// let date = Date::parse_iso("2026-03-18").unwrap();
/// let report = Report::builder("Library opening hours", Body::Cabinet, date)
///     .report_of("Ann Smith", "Corporate Director, Place")
///     .wards(Wards::All)
///     .summary("Proposes longer opening hours at three libraries.")
///     .recommendation("Approve the new opening hours set out in paragraph 3.1.")
///     .section(SectionKind::Details, |s| s.paragraph("The libraries open at 9am."))
///     .background_papers(Papers::None)
///     .build();
/// assert_eq!(report.sections[0].blocks.len(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    report: Report,
}

impl Report {
    /// Starts a report with its title and meeting; everything else is empty,
    /// not a key decision, and affects no listed wards.
    pub fn builder(title: impl Into<String>, body: Body, date: Date) -> ReportBuilder {
        ReportBuilder {
            report: Report {
                template: None,
                meeting: Meeting {
                    body,
                    date,
                    agenda_item: None,
                },
                decision_maker: None,
                title: title.into(),
                short_title: None,
                purpose: Purpose::Decision,
                report_of: Person {
                    name: String::new(),
                    role: String::new(),
                },
                report_date: None,
                lead_member: None,
                originating_officers: Vec::new(),
                wards: Wards::Listed(Vec::new()),
                key_decision: KeyDecision::no(),
                strategic_priorities: Vec::new(),
                call_in: None,
                lateness: None,
                exempt: None,
                summary: Vec::new(),
                recommendations: Vec::new(),
                sections: Vec::new(),
                linked_reports: None,
                appendices: Vec::new(),
                background_papers: None,
                contacts: Vec::new(),
            },
        }
    }
}

impl ReportBuilder {
    /// The template id or path.
    pub fn template(mut self, template: impl Into<String>) -> Self {
        self.report.template = Some(template.into());
        self
    }
    /// The agenda item number.
    pub fn agenda_item(mut self, item: impl Into<String>) -> Self {
        self.report.meeting.agenda_item = Some(item.into());
        self
    }
    /// A decision maker other than the meeting.
    pub fn decision_maker(mut self, body: Body) -> Self {
        self.report.decision_maker = Some(body);
        self
    }
    /// A short title for running headers.
    pub fn short_title(mut self, title: impl Into<String>) -> Self {
        self.report.short_title = Some(title.into());
        self
    }
    /// Whether a decision is sought.
    pub fn purpose(mut self, purpose: Purpose) -> Self {
        self.report.purpose = purpose;
        self
    }
    /// The presenting post holder.
    pub fn report_of(mut self, name: impl Into<String>, post: impl Into<String>) -> Self {
        self.report.report_of = Person {
            name: name.into(),
            role: post.into(),
        };
        self
    }
    /// The report's own date.
    pub fn report_date(mut self, date: Date) -> Self {
        self.report.report_date = Some(date);
        self
    }
    /// The lead Cabinet Member.
    pub fn lead_member(mut self, name: impl Into<String>, portfolio: impl Into<String>) -> Self {
        self.report.lead_member = Some(Person {
            name: name.into(),
            role: portfolio.into(),
        });
        self
    }
    /// Adds an originating officer.
    pub fn originating_officer(mut self, officer: Officer) -> Self {
        self.report.originating_officers.push(officer);
        self
    }
    /// Wards affected.
    pub fn wards(mut self, wards: Wards) -> Self {
        self.report.wards = wards;
        self
    }
    /// The key-decision block.
    pub fn key_decision(mut self, key: KeyDecision) -> Self {
        self.report.key_decision = key;
        self
    }
    /// Adds a strategic priority.
    pub fn strategic_priority(mut self, priority: impl Into<String>) -> Self {
        self.report.strategic_priorities.push(priority.into());
        self
    }
    /// Makes the whole report exempt.
    pub fn exempt(mut self, exemption: Exemption) -> Self {
        self.report.exempt = Some(exemption);
        self
    }
    /// Adds a paragraph to the executive summary.
    pub fn summary(mut self, text: impl Into<Text>) -> Self {
        self.report.summary.push(Block::Paragraph(text.into()));
        self
    }
    /// Adds a recommendation decided at this meeting.
    pub fn recommendation(self, text: impl Into<Text>) -> Self {
        self.routed_recommendation(text, Route::Decide)
    }
    /// Adds a recommendation with a route.
    pub fn routed_recommendation(mut self, text: impl Into<Text>, route: Route) -> Self {
        self.report.recommendations.push(Recommendation {
            text: text.into(),
            route,
            blocks: Vec::new(),
        });
        self
    }
    /// Adds a section, filled by `f`.
    pub fn section(
        mut self,
        kind: SectionKind,
        f: impl FnOnce(SectionBuilder) -> SectionBuilder,
    ) -> Self {
        let built = f(SectionBuilder {
            section: Section {
                kind,
                heading: None,
                blocks: Vec::new(),
                exempt: None,
            },
        });
        self.report.sections.push(built.section);
        self
    }
    /// Linked reports.
    pub fn linked_reports(mut self, papers: Papers) -> Self {
        self.report.linked_reports = Some(papers);
        self
    }
    /// Adds an appendix.
    pub fn appendix(mut self, appendix: Appendix) -> Self {
        self.report.appendices.push(appendix);
        self
    }
    /// Background papers.
    pub fn background_papers(mut self, papers: Papers) -> Self {
        self.report.background_papers = Some(papers);
        self
    }
    /// Adds a contact officer.
    pub fn contact(mut self, officer: Officer) -> Self {
        self.report.contacts.push(officer);
        self
    }
    /// The finished report. Building never fails; run the validator to check it.
    pub fn build(self) -> Report {
        self.report
    }
}

/// Fills one section; see [`ReportBuilder::section`].
#[derive(Debug, Clone)]
pub struct SectionBuilder {
    section: Section,
}

impl SectionBuilder {
    /// A heading replacing the template's label.
    pub fn heading(mut self, heading: impl Into<String>) -> Self {
        self.section.heading = Some(heading.into());
        self
    }
    /// Marks the section exempt.
    pub fn exempt(mut self, exemption: Exemption) -> Self {
        self.section.exempt = Some(exemption);
        self
    }
    /// Adds a numbered paragraph.
    pub fn paragraph(self, text: impl Into<Text>) -> Self {
        self.block(Block::Paragraph(text.into()))
    }
    /// Adds any block.
    pub fn block(mut self, block: Block) -> Self {
        self.section.blocks.push(block);
        self
    }
}
