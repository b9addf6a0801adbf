//! R9: background papers listed, or an explicit "none".
//!
//! Section 100D of the Local Government Act 1972 requires the list (or a
//! statement that there is none) with every report; silence is not "none".

use super::{Ctx, Findings};
use crate::model::Papers;
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    match &ctx.report.background_papers {
        None => f.add(
            RuleId::R9,
            "$.background_papers",
            "the report does not list its background papers; list the unpublished documents relied on, or write \"none\"",
        ),
        Some(Papers::Listed(items)) if items.iter().all(|t| t.is_blank()) => f.add(
            RuleId::R9,
            "$.background_papers",
            "the background papers list is empty; list the documents, or write \"none\"",
        ),
        Some(Papers::Listed(items)) => {
            for (i, _) in items.iter().enumerate().filter(|(_, t)| t.is_blank()) {
                f.add(
                    RuleId::R9,
                    format!("$.background_papers[{i}]"),
                    format!("background paper {} is blank; name the document or remove the entry", i + 1),
                );
            }
        }
        Some(Papers::None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Papers, Report};

    #[test]
    fn background_papers_must_be_listed_or_none() {
        let mut r = Report::sample();
        assert!(paths(&r, "R9").is_empty());
        r.background_papers = None;
        assert_eq!(paths(&r, "R9"), ["$.background_papers"]);
        r.background_papers = Some(Papers::Listed(vec![]));
        assert_eq!(paths(&r, "R9"), ["$.background_papers"]);
        r.background_papers = Some(Papers::Listed(vec!["Ofsted letter".into(), "".into()]));
        assert_eq!(paths(&r, "R9"), ["$.background_papers[1]"]);
    }
}
