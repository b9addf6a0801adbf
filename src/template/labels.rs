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
    /// Agenda pack: the front sheet's title, and the word in its running header.
    agenda = "Agenda",
    /// Agenda pack: before the venue.
    venue = "Venue:",
    /// Agenda pack: the members' rows.
    chair = "Chair",
    /// Agenda pack: the vice-chair's row.
    vice_chair = "Vice-Chair",
    /// Agenda pack: the other members' row.
    members = "Members",
    /// Agenda pack: the row giving when the agenda was despatched.
    agenda_published = "Agenda published",
    /// Agenda pack: the days of the week, Monday first, separated by commas.
    weekdays = "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday",
    /// Agenda pack: heading over the Part 2 items.
    part2_heading = "Part 2: items not for publication",
    /// Agenda pack: under that heading. `{body}`: the meeting body; `{part}`: 1 or 4.
    part2_intro = "The {body} is likely to exclude the press and public for the following items, because they are likely to disclose exempt information as defined in Part {part} of Schedule 12A to the Local Government Act 1972.",
    /// Agenda pack: under a supplementary item's title.
    supplementary_item = "Supplementary item, published after the agenda was despatched.",
    /// Agenda pack: who presents a report. `{who}`: "Helen Marsh, Corporate Director, Place".
    report_by = "Report of {who}.",
    /// Agenda pack: under a Part 2 item. `{paragraphs}` and `{part}` as in `exempt_notice`.
    item_exempt = "Not for publication: exempt information under {paragraphs} of Part {part} of Schedule 12A to the Local Government Act 1972.",
    /// Agenda pack: where a one-page item is. `{first}`: its page.
    item_page = "Page {first}",
    /// Agenda pack: where an item is. `{first}`, `{last}`: its first and last page.
    item_pages = "Pages {first} \u{2013} {last}",
    /// Agenda pack: a Part 2 report left out of the public pack.
    not_in_public_pack = "This report is not included in the public agenda pack.",
    /// Agenda pack: heading over the notices.
    notices = "Notices",
    /// Agenda pack: the private-meeting notice's heading.
    private_meeting = "Notice of a meeting held partly in private",
    /// Agenda pack: one Part 2 item in that notice. `{number}`, `{title}`, `{paragraphs}`.
    private_item = "Item {number}: {title} ({paragraphs})",
    /// Agenda pack: the webcasting notice's heading.
    webcasting = "Filming and webcasting",
    /// Agenda pack: the supplementary items notice's heading.
    supplementary_items = "Supplementary items",
    /// Agenda pack: the contact notice's heading.
    about_agenda = "About this agenda",
    /// Agenda pack: the front sheet's document title. `{body}`, `{date}`.
    agenda_title = "{body} agenda, {date}",
    /// Agenda pack: the pack's document title. `{body}`, `{date}`.
    pack_title = "{body}, {date}: agenda pack",
    /// Agenda pack: the full pack's document title when it holds Part 2 items.
    pack_title_part2 = "{body}, {date}: agenda pack including Part 2 (not for publication)",
}
