//! The clerk's checks: is this report fit to publish?
//!
//! Each rule has a stable id, a [`RuleId`] written `"R4"`, that tools and
//! clerks can rely on.
//! Errors (R…) stop publication; warnings (W…) do not. A run reports every
//! finding at once, each with the JSON path of the offending value. The
//! rules and what they check are listed in [`RULES`].
//!
//! # Paths
//!
//! A diagnostic's path is the JSONPath of the value in the report's JSON
//! form (as [`Report::to_json`] writes it and `Report::from_json` reads it),
//! from `$`, with `.field` for object keys and `[n]` for array indices
//! (from 0). Three conventions settle what "the value" is:
//!
//! - **Blocks are addressed by index.** A block is one JSON object with one
//!   key naming its kind (`{"paragraph": …}`); the text of a paragraph,
//!   continuation, sub-heading or quote is reported at the block:
//!   `$.sections[2].blocks[5]`, not `…blocks[5].paragraph`. Anything deeper
//!   goes through the kind's key: `$.sections[2].blocks[1].table.rows[0][1]`,
//!   `…blocks[3].table.total[2]`, `…blocks[3].table.columns[0].heading`,
//!   `…blocks[3].table.caption`, `…blocks[4].bullets[1]`,
//!   `…blocks[4].numbered_list[0]`, `…blocks[6].image.alt`. A block's own
//!   path is the one compose gives its node.
//! - **Rich text is one value.** Text written as an array of runs
//!   (`["The result is ", {"text": "GOOD", "bold": true}]`) is reported at
//!   the array, with its runs joined; a run's link is at its run, as
//!   serialized: `…blocks[5].paragraph[1].link`.
//!
//! So every path resolves in `Report::to_json()`'s output, to the string,
//! the array of runs, or the one-key block holding them (tested for every
//! string of a report that uses every kind of block).
//! - **A finding about a whole part** is at that part: `$.summary` (W2),
//!   `$.sections` (a missing section, R3), `$.appendices[0]` (W4), and `$`
//!   for the whole report (W1).

pub use crate::diagnostic::{Diagnostic, RuleId, Severity};

use crate::compose::{Audience, Document};
use crate::model::Report;
use crate::template::Template;

/// A rule: its stable id, its severity and what it checks, for documentation and tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Its stable id.
    pub id: RuleId,
    /// Errors stop publication; warnings do not. The id's own
    /// [`RuleId::severity`].
    pub severity: Severity,
    /// One line a clerk understands.
    pub summary: &'static str,
}

impl Rule {
    /// The rule with this id as text (`"R4"`), for tools that explain a
    /// finding given on their command line; `None` for an unknown id.
    pub fn by_id(id: &str) -> Option<&'static Rule> {
        RULES.iter().find(|r| r.id == id)
    }

    /// The rule with this id (every id has one), for explaining a
    /// [`Diagnostic`]: `Rule::of(d.rule).summary`.
    pub fn of(id: RuleId) -> &'static Rule {
        RULES
            .iter()
            .find(|r| r.id == id)
            .expect("RULES lists every RuleId (tested)")
    }
}

const fn rule(id: RuleId, summary: &'static str) -> Rule {
    Rule {
        id,
        severity: id.severity(),
        summary,
    }
}

/// Every rule, in id order.
pub const RULES: &[Rule] = &[
    rule(RuleId::R1, "Template text left unfilled anywhere, including typed fields, alt text and table cells."),
    rule(RuleId::R2, "Guidance or instructions for the author left in (\"Delete as applicable\", \"Notes in blue\")."),
    rule(RuleId::R3, "A section the template makes mandatory is missing or empty (an explicit \"None\" is fine)."),
    rule(RuleId::R4, "Key decision without reasons or notice date, notice under 28 clear days without an urgency route (general exception needs 5), or a non-key decision with key-decision fields filled."),
    rule(RuleId::R5, "\"Two or more wards\" given as a reason with fewer than two wards listed."),
    rule(RuleId::R6, "An exempt part without a Schedule 12A paragraph of the council's jurisdiction, with a paragraph cited twice, or without a public-interest reason."),
    rule(RuleId::R7, "A reference to an appendix, recommendation or paragraph that does not exist."),
    rule(RuleId::R8, "A decision report with no recommendations, or a blank recommendation."),
    rule(RuleId::R9, "No background papers list and no explicit \"none\"."),
    rule(RuleId::R10, "Dates that cannot all be true: the notice or the report dated after the meeting."),
    rule(RuleId::R11, "Exempt content in a public rendering: a wholly exempt report, or anything the public edition prints (title, names, headings, the public-interest reason, links…) repeating exempt text word for word, however invisibly disguised. An exempt section's heading and an exempt appendix's title are printed, with the notice."),
    rule(RuleId::R12, "Content that cannot be set out as written: a table row or total with more or fewer cells than the table has columns, a table with no columns or more than fit across the page at a readable width, column widths that are not shares of the table, an image width of 0 or less, a blank title, short title, section heading, sub-heading or image alternative text, an \"other\" section without a heading, a link that is not a web or email address, or a direction override or isolate character (which Word and the PDF would order differently)."),
    rule(RuleId::R13, "A character the council's fonts cannot print, or a noncharacter such as U+FFFF (checked by the renderer, which knows the fonts)."),
    rule(RuleId::R14, "A bilingual report without its other language: the template is bilingual and the report has no `translation` (or one in the wrong language), or the report has a `translation` and the template is in one language."),
    rule(RuleId::R15, "The two languages of a bilingual report disagree: a different number of recommendations (or routes), sections (or kinds), blocks (or kinds), table columns or rows, appendices, strategic priorities or header rows, a part exempt in one language and not the other or on other paragraphs, a role without its translation, or text in one language only."),
    rule(RuleId::W1, "Longer than the template's guideline in sides of A4 (estimated, appendices excluded)."),
    rule(RuleId::W2, "Executive summary over the template's word limit."),
    rule(RuleId::W3, "An amount over the key-decision threshold in a report whose key decision is \"no\"."),
    rule(RuleId::W4, "An appendix the report never refers to."),
    rule(RuleId::W5, "A table's total row that does not add up (to the precision shown)."),
    rule(RuleId::W6, "Heading structure the outline cannot follow: a sub-heading inside a recommendation, a sub-heading heading nothing, or a bold paragraph posing as a heading."),
    rule(RuleId::W7, "A running header that must be shortened: the short title (or, without one, the title) with the meeting and date does not fit on one line, so it is cut at a word boundary with an ellipsis; give a shorter short title."),
    rule(RuleId::W8, "A recommendation whose words and route disagree: the text sends it to Council (\"for recommendation to Council\") but its route is a decision or noting here, or its route is Council but the text says it is decided here."),
    rule(RuleId::M1, "A report in an agenda pack whose meeting body, date or agenda item number differ from the meeting file's."),
    rule(RuleId::M2, "Agenda item numbers repeated or out of order."),
    rule(RuleId::M3, "A Part 2 (exempt) item before a public item, or without a Schedule 12A paragraph of the council's jurisdiction (or with one cited twice)."),
    rule(RuleId::M4, "Part 2 items with no private-meeting notice to name them."),
    rule(RuleId::M5, "An agenda item that is neither one report nor a short item with a title and text, whose report file cannot be read or loaded, or whose report is for another council's template."),
    rule(RuleId::I1, "Read back from Word: an edited value (a date, yes or no, a name and role) that cannot be read; the value before the edit is kept."),
    rule(RuleId::I2, "Read back from Word: content placed by a best guess (text in a style the report does not use, a part added or removed, print disagreeing with the copy of the report the file carries)."),
];

/// Runs every rule and returns all findings: errors first, then by rule id,
/// each rule's findings in the order of the report.
pub fn validate(report: &Report, template: &Template, audience: Audience) -> Vec<Diagnostic> {
    check_and_compose(report, template, audience, None).0
}

/// Every finding (R13 too when the fonts' coverage is given) and the
/// composed document, from one reading of the report and one composition:
/// what [`crate::Renderer::check`] and every render run. The rules read the
/// report; only the length estimate (W1) reads the composition, which the
/// render then uses as it is. `None` when there is no document to compose
/// (a public edition of a wholly exempt report, which R11 reports).
pub(crate) fn check_and_compose(
    report: &Report,
    template: &Template,
    audience: Audience,
    covers: Option<&dyn Fn(char) -> bool>,
) -> (Vec<Diagnostic>, Option<Document>) {
    check_and_compose_with(report, template, audience, covers, None)
}

/// [`check_and_compose`], composing with the brand's `fonts` (the built-in
/// ones when `None`), which measure the tables' columns.
pub(crate) fn check_and_compose_with(
    report: &Report,
    template: &Template,
    audience: Audience,
    covers: Option<&dyn Fn(char) -> bool>,
    fonts: Option<&crate::fonts::FontSet>,
) -> (Vec<Diagnostic>, Option<Document>) {
    let found = report_rules(report, template, audience, covers);
    let doc = crate::compose::compose_printed(report, template, audience, fonts).ok();
    (with_composition(found, doc.as_ref(), template), doc)
}

/// The findings of the rules that read the report alone: every one but the
/// length estimate (W1), in the order found; [`with_composition`] finishes
/// them. Apart so a render can compose while they run.
pub(crate) fn report_rules(
    report: &Report,
    template: &Template,
    audience: Audience,
    covers: Option<&dyn Fn(char) -> bool>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::run(report, template, audience, covers, &mut out);
    out
}

/// [`report_rules`]' findings with the length estimate of the composed
/// document (when there is one), sorted as [`check_and_compose`] gives them.
pub(crate) fn with_composition(
    mut found: Vec<Diagnostic>,
    doc: Option<&Document>,
    template: &Template,
) -> Vec<Diagnostic> {
    if let Some(doc) = doc {
        found.extend(rules::length_warning(doc, template.page_guideline));
    }
    sort(&mut found);
    found
}

/// Errors first, then by rule id; each rule's findings keep report order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.severity, d.rule));
}

/// R13: every character `covers` says the fonts cannot draw, with its path.
/// [`crate::Renderer::check`] runs this with the brand's fonts.
pub fn unprintable(report: &Report, covers: &dyn Fn(char) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::run_printable(report, covers, &mut out);
    out
}

/// The first character of the template's own wording (labels, section
/// headings, recommendation openings, council name) that `covers` says the
/// fonts cannot draw, with the template field. [`crate::Renderer::new`]
/// refuses such a template.
pub(crate) fn template_unprintable(
    template: &Template,
    covers: &dyn Fn(char) -> bool,
) -> Option<(String, char)> {
    rules::template_printable(template, covers)
}

mod rules;
