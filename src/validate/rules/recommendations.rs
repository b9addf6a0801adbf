//! R8: a decision report must recommend something, and no recommendation may be blank.

use super::{Ctx, Findings};
use crate::model::Purpose;
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let recs = &ctx.report.recommendations;
    let blank: Vec<usize> = (0..recs.len())
        .filter(|&i| recs[i].text.is_blank())
        .collect();
    if ctx.report.purpose == Purpose::Decision && blank.len() == recs.len() {
        f.add(
            RuleId::R8,
            "$.recommendations",
            "the report asks for a decision but makes no recommendations; write what the decision maker is asked to agree (or mark the report as for information)",
        );
        return;
    }
    for i in blank {
        f.add(
            RuleId::R8,
            format!("$.recommendations[{i}].text"),
            format!("recommendation {} is blank; write it or remove it", i + 1),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Purpose, Recommendation, Report};

    #[test]
    fn decision_reports_need_recommendations() {
        let mut r = Report::sample();
        r.recommendations.clear();
        assert_eq!(paths(&r, "R8"), ["$.recommendations"]);
        r.purpose = Purpose::Information;
        assert!(paths(&r, "R8").is_empty());
    }

    #[test]
    fn a_blank_recommendation_is_reported_by_number() {
        let mut r = Report::sample();
        r.recommendations.push(Recommendation {
            text: " ".into(),
            route: Default::default(),
            blocks: vec![],
        });
        assert_eq!(paths(&r, "R8"), ["$.recommendations[1].text"]);
        assert!(paths(&Report::sample(), "R8").is_empty());
    }
}
