//! R10: dates that cannot all be true.
//!
//! A forward-plan notice announces a decision before it is taken, and a
//! report is written before the meeting that considers it; either dated
//! after the meeting means a date is wrong.

use super::{Ctx, Findings};
use crate::model::Field;
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let meeting = ctx.report.meeting.date;
    if let Some(Field::Value(notice)) = &ctx.report.key_decision.notice_published {
        if *notice > meeting {
            f.add(
                RuleId::R10,
                "$.key_decision.notice_published",
                format!(
                    "the forward-plan notice is dated {}, after the meeting on {}; a notice must come before the decision, so one of the dates is wrong",
                    notice.long(),
                    meeting.long()
                ),
            );
        }
    }
    if let Some(date) = ctx.report.report_date {
        if date > meeting {
            f.add(
                RuleId::R10,
                "$.report_date",
                format!(
                    "the report is dated {}, after the meeting on {} that considers it; correct the report date or the meeting date",
                    date.long(),
                    meeting.long()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Date, Field, Report};

    #[test]
    fn notice_and_report_date_come_before_the_meeting() {
        let mut r = Report::sample();
        r.report_date = Date::parse_iso("2019-07-31");
        r.key_decision.notice_published =
            Some(Field::Value(Date::parse_iso("2019-07-31").unwrap()));
        assert!(paths(&r, "R10").is_empty());
        r.report_date = Date::parse_iso("2019-08-01");
        r.key_decision.notice_published =
            Some(Field::Value(Date::parse_iso("2019-08-02").unwrap()));
        assert_eq!(
            paths(&r, "R10"),
            ["$.key_decision.notice_published", "$.report_date"]
        );
    }
}
