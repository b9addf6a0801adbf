//! R8: a decision report must recommend something, and no recommendation may be blank.
//! W8: a recommendation's words and its route disagree about Council.

use super::{Ctx, Findings};
use crate::model::route_words::{says_council, says_decided_here};
use crate::model::{Purpose, Route};
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let recs = &ctx.report.recommendations;
    for (i, r) in recs.iter().enumerate() {
        let text = r.text.plain();
        let message = match r.route {
            Route::Council if says_decided_here(&text) => Some(format!(
                "recommendation {} is routed to Council, but its text says it is decided at this meeting; set its route to \"decide\", or reword it",
                i + 1
            )),
            Route::Council => None,
            _ if says_council(&text) => Some(format!(
                "recommendation {} says it goes on to Council, but its route is {}; set \"route\": \"council\" (the report then records it as a recommendation to Council), or reword it",
                i + 1,
                if r.route == Route::Note { "to note it" } else { "a decision at this meeting" }
            )),
            _ => None,
        };
        if let Some(message) = message {
            f.add(RuleId::W8, format!("$.recommendations[{i}].route"), message);
        }
    }
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
    use crate::model::{Purpose, Recommendation, Report, Route};

    #[test]
    fn decision_reports_need_recommendations() {
        let mut r = Report::sample();
        r.recommendations.clear();
        assert_eq!(paths(&r, "R8"), ["$.recommendations"]);
        r.purpose = Purpose::Information;
        assert!(paths(&r, "R8").is_empty());
    }

    #[test]
    fn text_and_route_that_disagree_are_queried() {
        let mut r = Report::sample();
        assert!(paths(&r, "W8").is_empty());
        r.recommendations[0].text = "To recommend to Council that it adopts the plan".into();
        assert_eq!(paths(&r, "W8"), ["$.recommendations[0].route"]);
        r.recommendations[0].route = Route::Council;
        assert!(paths(&r, "W8").is_empty());
        r.recommendations[0].text = "Approve the plan (for Cabinet decision)".into();
        assert_eq!(paths(&r, "W8"), ["$.recommendations[0].route"]);
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
