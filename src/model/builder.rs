//! A builder for Rust callers who assemble reports in code.

use super::*;

/// Builds a [`Report`] step by step.
///
/// Every part of a report has a constructor or a builder, so a report is
/// assembled without struct literals: [`Table`], [`Column`], [`Image`],
/// [`Appendix`], [`Recommendation`], [`Officer`], [`Exemption`],
/// [`Urgency`], [`CallIn`] and the block methods of [`SectionBuilder`].
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
///     .section(SectionKind::Details, |s| {
///         s.paragraph("The libraries open at 9am.")
///             .bullets(["Bow", "Poplar", "Whitechapel"])
///     })
///     .background_papers(Papers::None)
///     .contact(Officer::new("Raj Patel", "Head of Libraries").email("raj.patel@example.gov.uk"))
///     .build();
/// assert_eq!(report.sections[0].blocks.len(), 2);
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
                language: None,
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
                header_rows: Default::default(),
                header_sign_offs: Default::default(),
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
                translation: None,
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
    /// The language the report is written in (the template's otherwise).
    pub fn language(mut self, language: super::Language) -> Self {
        self.report.language = Some(language);
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
    /// The forward-plan reference of the key decision given so far: call
    /// it after [`ReportBuilder::key_decision`], which replaces the block.
    pub fn forward_plan_ref(mut self, reference: impl Into<String>) -> Self {
        self.report.key_decision.forward_plan_ref = Some(reference.into());
        self
    }
    /// The urgency route of the key decision given so far, when 28 clear
    /// days' notice was not given: call it after [`ReportBuilder::key_decision`].
    pub fn urgency(mut self, urgency: Urgency) -> Self {
        self.report.key_decision.urgency = Some(urgency);
        self
    }
    /// Whether call-in applies: [`CallIn::Applies`] or [`CallIn::exempt`].
    pub fn call_in(mut self, call_in: CallIn) -> Self {
        self.report.call_in = Some(call_in);
        self
    }
    /// Why the report is late or urgent, for a report that missed the
    /// publication deadline.
    pub fn lateness(mut self, reason: impl Into<Text>) -> Self {
        self.report.lateness = Some(reason.into());
        self
    }
    /// Makes the whole report exempt.
    pub fn exempt(mut self, exemption: Exemption) -> Self {
        self.report.exempt = Some(exemption);
        self
    }
    /// Adds a paragraph to the executive summary.
    pub fn summary(self, text: impl Into<Text>) -> Self {
        self.summary_block(Block::Paragraph(text.into()))
    }
    /// Adds any block to the executive summary: a list or a table of key
    /// figures rather than a paragraph.
    pub fn summary_block(mut self, block: Block) -> Self {
        self.report.summary.push(block);
        self
    }
    /// Adds a recommendation: its text alone, decided at this meeting, or a
    /// [`Recommendation`] built with a route or supporting blocks.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let date = Date::parse_iso("2026-03-18").unwrap();
    /// let report = Report::builder("Budget", Body::Cabinet, date)
    ///     .recommendation("Note the forecast.")
    ///     .recommendation(
    ///         Recommendation::new("Agree the allocations below.")
    ///             .route(Route::Council)
    ///             .table(Table::new(["Service", "£000"]).row(["Libraries", "120"])),
    ///     )
    ///     .build();
    /// assert_eq!(report.recommendations[1].blocks.len(), 1);
    /// ```
    pub fn recommendation(mut self, recommendation: impl Into<Recommendation>) -> Self {
        self.report.recommendations.push(recommendation.into());
        self
    }
    /// Adds a recommendation with a route; the same as
    /// `recommendation(Recommendation::new(text).route(route))`.
    pub fn routed_recommendation(self, text: impl Into<Text>, route: Route) -> Self {
        self.recommendation(Recommendation::new(text).route(route))
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
                sign_off: None,
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
    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        &mut self.section.blocks
    }
}

/// Methods adding each kind of [`Block`] to something that holds blocks.
macro_rules! block_methods {
    ($ty:ty) => {
        impl $ty {
            /// Adds a paragraph: numbered (3.1, 3.2 …) in a section or an
            /// appendix, plain elsewhere.
            pub fn paragraph(self, text: impl Into<Text>) -> Self {
                self.block(Block::Paragraph(text.into()))
            }
            /// Adds an unnumbered paragraph continuing the one before it.
            pub fn continuation(self, text: impl Into<Text>) -> Self {
                self.block(Block::Continuation(text.into()))
            }
            /// Adds a sub-heading.
            pub fn subheading(self, text: impl Into<Text>) -> Self {
                self.block(Block::Subheading(text.into()))
            }
            /// Adds a quotation, set indented.
            pub fn quote(self, text: impl Into<Text>) -> Self {
                self.block(Block::Quote(text.into()))
            }
            /// Adds a bulleted list.
            pub fn bullets<T: Into<Text>>(self, items: impl IntoIterator<Item = T>) -> Self {
                self.block(Block::Bullets(items.into_iter().map(Into::into).collect()))
            }
            /// Adds a numbered list (a, b, c within a paragraph).
            pub fn numbered_list<T: Into<Text>>(self, items: impl IntoIterator<Item = T>) -> Self {
                self.block(Block::NumberedList(
                    items.into_iter().map(Into::into).collect(),
                ))
            }
            /// Adds a table; see [`Table::new`].
            pub fn table(self, table: Table) -> Self {
                self.block(Block::Table(table))
            }
            /// Adds an image; see [`Image::new`].
            pub fn image(self, image: Image) -> Self {
                self.block(Block::Image(image))
            }
            /// Adds any block, such as one loaded or made elsewhere.
            pub fn block(mut self, block: Block) -> Self {
                self.blocks_mut().push(block);
                self
            }
        }
    };
}

block_methods!(SectionBuilder);
block_methods!(Recommendation);
block_methods!(Appendix);

impl Recommendation {
    /// A recommendation decided at this meeting, with no supporting blocks;
    /// add a route with [`Recommendation::route`] and blocks with the block
    /// methods ([`Recommendation::table`], [`Recommendation::bullets`] …).
    pub fn new(text: impl Into<Text>) -> Recommendation {
        Recommendation {
            text: text.into(),
            route: Route::Decide,
            blocks: Vec::new(),
        }
    }
    /// Who decides it: recommended on to Council, or only noted.
    pub fn route(mut self, route: Route) -> Self {
        self.route = route;
        self
    }
    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        &mut self.blocks
    }
}

impl From<&str> for Recommendation {
    fn from(text: &str) -> Recommendation {
        Recommendation::new(text)
    }
}

impl From<String> for Recommendation {
    fn from(text: String) -> Recommendation {
        Recommendation::new(text)
    }
}

impl From<Text> for Recommendation {
    fn from(text: Text) -> Recommendation {
        Recommendation::new(text)
    }
}

impl From<Vec<Span>> for Recommendation {
    fn from(runs: Vec<Span>) -> Recommendation {
        Recommendation::new(runs)
    }
}

impl Appendix {
    /// An appendix printed after the report; with no blocks it stands for a
    /// separate document. Its content comes from the block methods.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let appendix = Appendix::new("Valuation")
    ///     .exempt(Exemption::new([3], "Disclosure would prejudice the sale."))
    ///     .paragraph("The valuer's advice follows.");
    /// assert_eq!(appendix.blocks.len(), 1);
    /// ```
    pub fn new(title: impl Into<String>) -> Appendix {
        Appendix {
            title: title.into(),
            exempt: None,
            blocks: Vec::new(),
        }
    }
    /// Marks the appendix exempt, so it is left out of the public edition.
    pub fn exempt(mut self, exemption: Exemption) -> Self {
        self.exempt = Some(exemption);
        self
    }
    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        &mut self.blocks
    }
}

impl Table {
    /// A table with these columns (headings, or [`Column`]s with an
    /// alignment or width) and no rows yet.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let table = Table::new([Column::new("Ward"), Column::new("Cost £").align(Align::Right)])
    ///     .caption("Costs by ward")
    ///     .row(["Bow", "1,200"])
    ///     .row(["Poplar", "800"])
    ///     .total(["Total", "2,000"]);
    /// assert_eq!(table.rows.len(), 2);
    /// ```
    pub fn new<C: Into<Column>>(columns: impl IntoIterator<Item = C>) -> Table {
        Table {
            caption: None,
            columns: columns.into_iter().map(Into::into).collect(),
            ..Table::default()
        }
    }
    /// A table without a header row, such as a figure table read across
    /// (its first column heading each row with [`Table::header_column`]);
    /// it has as many columns as its widest row.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let figures = Table::without_headings()
    ///     .header_column()
    ///     .row(["Revenue budget", "£212.4m"])
    ///     .row(["Capital programme", "£48.0m"]);
    /// assert!(figures.columns.is_empty());
    /// ```
    pub fn without_headings() -> Table {
        Table::default()
    }
    /// A caption describing the table.
    pub fn caption(mut self, caption: impl Into<Text>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    /// Adds a body row, one cell per column.
    pub fn row<T: Into<Text>>(mut self, cells: impl IntoIterator<Item = T>) -> Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }
    /// Makes the first column row headers, for a table read across.
    pub fn header_column(mut self) -> Self {
        self.header_column = true;
        self
    }
    /// The totals row, set in bold after the body; its amounts are checked (rule W5).
    pub fn total<T: Into<Text>>(mut self, cells: impl IntoIterator<Item = T>) -> Self {
        self.total = Some(cells.into_iter().map(Into::into).collect());
        self
    }
    /// Adds a subtotal row: set like the totals row, and not counted again
    /// in the sum the totals row is checked against.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let table = Table::new(["Service", "£000"])
    ///     .row(["Libraries", "120"])
    ///     .row(["Parks", "80"])
    ///     .subtotal(["Culture", "200"])
    ///     .row(["Roads", "300"])
    ///     .total(["Total", "500"]);
    /// assert_eq!(table.subtotal_rows, [2]);
    /// ```
    pub fn subtotal<T: Into<Text>>(mut self, cells: impl IntoIterator<Item = T>) -> Self {
        self.subtotal_rows.push(self.rows.len());
        self.row(cells)
    }
    /// Merges the cell at body row `row` and column `column` (from 0) with
    /// the cells to its right and below, `rows` high and `columns` wide;
    /// the cells it covers are given as "". Row `rows.len()` is the totals row.
    ///
    /// ```
    /// use cabinet_report::model::*;
    ///
    /// let table = Table::new(["Scheme", "2026/27", "2027/28"])
    ///     .row(["Depot", "Funded from reserves", ""])
    ///     .merge(0, 1, 1, 2);
    /// assert_eq!(table.merge[0].columns, 2);
    /// ```
    pub fn merge(mut self, row: usize, column: usize, rows: usize, columns: usize) -> Self {
        self.merge.push(Merge {
            row,
            column,
            rows,
            columns,
        });
        self
    }
}

impl Column {
    /// A column with this header cell, aligned by its content.
    pub fn new(heading: impl Into<Text>) -> Column {
        Column {
            heading: heading.into(),
            align: Align::Auto,
            width_percent: None,
        }
    }
    /// Aligns the body cells, when their content does not settle it.
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    /// Gives the column this share of the table's width, in percent.
    pub fn width_percent(mut self, percent: f32) -> Self {
        self.width_percent = Some(percent);
        self
    }
}

impl From<&str> for Column {
    fn from(heading: &str) -> Column {
        Column::new(heading)
    }
}

impl From<String> for Column {
    fn from(heading: String) -> Column {
        Column::new(heading)
    }
}

impl From<Text> for Column {
    fn from(heading: Text) -> Column {
        Column::new(heading)
    }
}

impl Image {
    /// A PNG or JPEG file (relative to the report file) and what it shows,
    /// at its own size.
    pub fn new(src: impl Into<String>, alt: impl Into<String>) -> Image {
        Image {
            src: src.into(),
            alt: alt.into(),
            width_mm: None,
            caption: None,
        }
    }
    /// Its width on the page, in millimetres.
    pub fn width_mm(mut self, width: f32) -> Self {
        self.width_mm = Some(width);
        self
    }
    /// A caption under the image.
    pub fn caption(mut self, caption: impl Into<Text>) -> Self {
        self.caption = Some(caption.into());
        self
    }
}

impl Officer {
    /// An officer with no telephone number or email address yet.
    pub fn new(name: impl Into<String>, job_title: impl Into<String>) -> Officer {
        Officer {
            name: name.into(),
            job_title: job_title.into(),
            phone: None,
            email: None,
        }
    }
    /// The telephone number, as it should be printed.
    pub fn phone(mut self, phone: impl Into<String>) -> Self {
        self.phone = Some(phone.into());
        self
    }
    /// The email address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
}

impl Exemption {
    /// Exempt under these Schedule 12A paragraphs (England 1-7, Wales
    /// 12-18), with why the public interest favours withholding.
    pub fn new(
        paragraphs: impl IntoIterator<Item = u8>,
        public_interest: impl Into<String>,
    ) -> Exemption {
        Exemption {
            paragraphs: paragraphs.into_iter().collect(),
            public_interest: public_interest.into(),
        }
    }
}

impl Urgency {
    /// The general exception route: the scrutiny chair was told, at least
    /// five clear days before.
    pub fn general_exception(reason: impl Into<String>) -> Urgency {
        Urgency::GeneralException {
            reason: reason.into(),
        }
    }
    /// The special urgency route: `agreed_by` (the scrutiny chair) agreed
    /// the decision cannot be deferred.
    pub fn special_urgency(reason: impl Into<String>, agreed_by: impl Into<String>) -> Urgency {
        Urgency::SpecialUrgency {
            reason: reason.into(),
            agreed_by: agreed_by.into(),
        }
    }
}

impl CallIn {
    /// Exempt from call-in, for this reason (usually urgency).
    pub fn exempt(reason: impl Into<String>) -> CallIn {
        CallIn::Exempt(reason.into())
    }
}

impl Papers {
    /// A list of papers or reports.
    pub fn listed<T: Into<Text>>(items: impl IntoIterator<Item = T>) -> Papers {
        Papers::Listed(items.into_iter().map(Into::into).collect())
    }
}

impl Wards {
    /// The named wards.
    pub fn listed<T: Into<String>>(names: impl IntoIterator<Item = T>) -> Wards {
        Wards::Listed(names.into_iter().map(Into::into).collect())
    }
}
