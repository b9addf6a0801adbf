//! R2: instructions to the author left in the report.
//!
//! Council templates carry their guidance inline ("Delete as applicable",
//! "Notes in blue should be deleted"); a report that still holds it was
//! never finished. Phrases are matched as whole words, ignoring case and
//! spacing; each is specific enough not to occur in a report's own prose
//! ("guidance" alone does not count: reports discuss guidance). Phrases
//! marked `^` count only at the start of a text ("Guidance: …"), where a
//! template puts them, not mid-sentence ("… our guidance: see …").
use super::walk::Role;
use super::words::{Folded, Phrases};
use super::{quoted, Ctx, Findings};
use crate::validate::RuleId;
use std::sync::OnceLock;

const PHRASES: &[&str] = &[
    "delete as applicable",
    "delete as appropriate",
    "delete where applicable",
    "delete where not applicable",
    "delete if not applicable",
    "delete if not required",
    "delete if not needed",
    "delete this text",
    "delete this section",
    "delete this paragraph",
    "delete this box",
    "delete this note",
    "delete these notes",
    "delete this guidance",
    "delete the guidance",
    "remove this text",
    "remove this guidance",
    "remove the guidance",
    "replace this text",
    "amend as appropriate",
    "amend as applicable",
    "tick as appropriate",
    "tick as applicable",
    "complete as appropriate",
    "complete as applicable",
    "notes in blue",
    "text in blue",
    "guidance in blue",
    "in blue text",
    "in red text",
    "^guidance note",
    "^guidance:",
    "^guidance -",
    "(guidance",
    "[guidance",
    "note to author",
    "notes to author",
    "note to authors",
    "notes to authors",
    "note for authors",
    "notes for authors",
    "note to report author",
    "author's note",
    "author’s note",
    "drafting note",
    "^instructions:",
    "^instruction:",
    "report authors should",
    "report writers should",
    "insert text here",
    "enter text here",
    "add text here",
    "type here",
    "insert here",
    "use this section to",
    "this section should",
    "this section must",
    "this section is used to",
    "in this section you should",
    "please complete this",
    "to be completed by the author",
    "(optional)",
];

/// `folded[i]` is `ctx.visits[i]`'s text, folded once for the rules that match phrases.
pub(super) fn check(ctx: &Ctx, folded: &[Folded], f: &mut Findings) {
    static SEARCH: OnceLock<Phrases> = OnceLock::new();
    let search = SEARCH.get_or_init(|| Phrases::new(PHRASES));
    for (v, folded) in ctx.visits.iter().zip(folded) {
        if matches!(v.role, Role::Address | Role::Unfilled(_)) {
            continue;
        }
        if let Some(found) = search.first_in(folded) {
            let whole = if v.text.trim() == found {
                String::new()
            } else {
                format!(" (in {})", quoted(&v.text))
            };
            f.add(
                RuleId::R2,
                &v.path,
                format!(
                    "{} is guidance for the report's author, left from the template{whole}; follow it and delete it",
                    quoted(found)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Block, Report};

    #[test]
    fn finds_template_guidance() {
        let mut r = Report::sample();
        r.sections[0]
            .blocks
            .push(Block::Paragraph("Yes – delete as applicable.".into()));
        r.appendices[0].title = "Guidance: attach the inspection letter".into();
        r.sections[4].blocks.insert(
            0,
            Block::Continuation("Notes in blue should be removed before submission".into()),
        );
        let got = paths(&r, "R2");
        assert_eq!(
            got,
            [
                "$.sections[0].blocks[1]",
                "$.sections[4].blocks[0]",
                "$.appendices[0].title"
            ]
        );
    }

    #[test]
    fn reports_that_discuss_guidance_are_fine() {
        let mut r = Report::sample();
        r.summary.push(Block::Paragraph(
            "Statutory guidance notes that councils should delete records as soon as they are not needed, and inspector guidance: followed; residents can complete the survey (optional extras aside).".into(),
        ));
        assert!(paths(&r, "R2").is_empty(), "{:?}", paths(&r, "R2"));
    }
}
