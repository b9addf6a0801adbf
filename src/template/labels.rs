//! The fixed wording of a report, which councils word differently.

use serde::{Deserialize, Serialize};

macro_rules! labels {
    ($( $(#[doc = $doc:literal])* $name:ident = $default:literal, )*) => {
        /// Every fixed phrase printed in a report. A template file may give
        /// only the ones it changes; the rest keep these defaults.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(default, deny_unknown_fields)]
        pub struct Labels {
            $( $(#[doc = $doc])* #[doc = concat!("\n\nDefault: `", $default, "`.")] pub $name: String, )*
        }

        impl Labels {
            /// Every label with its field name.
            pub(crate) fn named(&self) -> impl Iterator<Item = (&'static str, &str)> {
                [$( (stringify!($name), self.$name.as_str()), )*].into_iter()
            }
        }

        impl Default for Labels {
            fn default() -> Self {
                Labels { $( $name: $default.to_string(), )* }
            }
        }
    };
}

labels! {
    /// Before the presenting officer.
    report_of = "Report of:",
    /// Before the classification.
    classification = "Classification:",
    /// Classification of a report with no exempt parts.
    open = "Unrestricted",
    /// Classification of an open report with exempt parts.
    part_exempt = "Unrestricted with exempt appendices",
    /// Classification of a wholly exempt report.
    exempt = "Exempt",
    /// Before the agenda item number.
    agenda_item = "Agenda item",
    /// Metadata row: lead member.
    lead_member = "Lead Member",
    /// Metadata row: originating officers.
    originating_officers = "Originating Officer(s)",
    /// Metadata row: wards (or divisions).
    wards = "Wards affected",
    /// Value for every ward.
    all_wards = "All wards",
    /// Metadata row for councils whose `area_term` is electoral divisions.
    divisions = "Electoral divisions affected",
    /// Value for every division.
    all_divisions = "All electoral divisions",
    /// Reason: two or more divisions (county councils).
    reason_divisions = "Significant impact on two or more electoral divisions",
    /// Metadata row: key decision.
    key_decision = "Key Decision?",
    /// Metadata row: notice date.
    notice_published = "Forward Plan Notice Published",
    /// Metadata row: forward plan reference.
    forward_plan_ref = "Forward Plan Reference",
    /// Metadata row: reasons for key decision.
    key_reason = "Reason for Key Decision",
    /// Reason: financial threshold.
    reason_financial = "Financial threshold",
    /// Reason: two or more wards.
    reason_wards = "Significant impact on two or more wards",
    /// Metadata row: urgency route.
    urgency = "Urgency",
    /// Urgency route: general exception.
    general_exception = "General exception (notice given to the scrutiny chair)",
    /// Urgency route: special urgency.
    special_urgency = "Special urgency, agreed by",
    /// Metadata row: strategic priorities.
    strategic_priority = "Strategic Plan Priority / Outcome",
    /// Metadata row: call-in.
    call_in = "Call-in",
    /// Call-in applies.
    call_in_applies = "Applies",
    /// Call-in exempt, followed by the reason.
    call_in_exempt = "Exempt from call-in:",
    /// Metadata row: lateness.
    lateness = "Reason for lateness",
    /// Metadata row: the date of the report.
    report_date = "Date of report",
    /// Yes.
    yes = "Yes",
    /// No.
    no = "No",
    /// An explicit nothing.
    none = "None",
    /// Nothing to give.
    not_applicable = "N/A",
    /// Heading: executive summary.
    executive_summary = "Executive Summary",
    /// Heading: recommendations.
    recommendations = "Recommendations:",
    /// After a recommendation routed to Council.
    to_council = "(for recommendation to Council)",
    /// Heading over the back matter.
    back_matter = "Linked Reports, Appendices and Background Documents",
    /// Sub-heading: linked reports.
    linked_reports = "Linked Report",
    /// Sub-heading: appendices.
    appendices = "Appendices",
    /// The word before an appendix number or letter.
    appendix = "Appendix",
    /// Sub-heading: background papers.
    background_papers = "Background Documents – Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012",
    /// Sub-heading: officer contacts.
    contacts = "Officer contact details for documents:",
    /// The notice printed where exempt content is withheld, and above it in the
    /// full version. `{what}`: e.g. "Appendix 2"; `{paragraphs}`: "paragraph 3" or
    /// "paragraphs 3 and 5"; `{part}`: 1 or 4.
    exempt_notice = "{what} is not for publication: it contains exempt information under {paragraphs} of Part {part} of Schedule 12A to the Local Government Act 1972.",
    /// Before the public-interest reason.
    public_interest = "Public interest test:",
    /// Marks an exempt appendix in the list.
    exempt_marker = "(exempt)",
    /// Footer of every page of the full edition that carries exempt
    /// information, in place of the classification. `{paragraphs}` and
    /// `{part}` as in `exempt_notice`.
    exempt_page = "NOT FOR PUBLICATION – Schedule 12A, Part {part}, {paragraphs}",
    /// After the notice of an exempt appendix whose content is a separate
    /// document, in both editions. `{what}`: e.g. "Appendix 2".
    circulated_separately = "{what} is circulated separately to members of the meeting.",
    /// Footer page numbers; `{page}` and `{pages}` are replaced.
    page_x_of_y = "Page {page} of {pages}",
    /// The meeting body `cabinet`, in the masthead and the recommendations' opening.
    body_cabinet = "Cabinet",
    /// The meeting body `mayor_in_cabinet`.
    body_mayor_in_cabinet = "Mayor in Cabinet",
    /// The meeting body `council`.
    body_council = "Council",
    /// The exempt notice's `{what}` for a wholly exempt report.
    this_report = "This report",
    /// The exempt notice's `{what}` for a numbered section: the word before its number.
    section = "Section",
    /// Heading of an `other` section written without one.
    other_matters = "Other matters",
    /// The exempt notice's `{paragraphs}` for one Schedule 12A paragraph: the word before it.
    paragraph = "paragraph",
    /// The same for several paragraphs.
    paragraphs = "paragraphs",
    /// Between the last two of several paragraphs.
    and = "and",
    /// A search keyword of every report.
    keyword = "Cabinet report",
    /// Said by screen readers before an email address that is a link.
    email = "Email",
}
