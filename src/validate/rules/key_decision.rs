//! R4: the key-decision block is complete and its notice was in time.
//! R5: "two or more wards" is claimed with fewer than two wards.
//!
//! The notice rule (Local Authorities (Executive Arrangements) (Meetings and
//! Access to Information) (England) Regulations 2012, regs 9-11): 28 clear
//! days' notice, or general exception (at least 5 clear days, the scrutiny
//! chair informed), or special urgency (the chair's agreement). Clear days
//! exclude the day of the notice and the day of the meeting.

use super::{quoted, Ctx, Findings};
use crate::model::{Field, KeyReason, Urgency, Wards, YesNo};
use crate::template::AreaTerm;
use crate::validate::RuleId;

/// Clear days' notice a key decision needs without an urgency route.
pub(crate) const NOTICE_DAYS: i64 = 28;
/// Clear days' notice the general exception still needs.
pub(crate) const GENERAL_EXCEPTION_DAYS: i64 = 5;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let k = &ctx.report.key_decision;
    let meeting = ctx.report.meeting.date;
    match k.answer {
        Field::Value(YesNo::Yes) => {
            match &k.reasons {
                None => f.add(
                    RuleId::R4,
                    "$.key_decision.reasons",
                    "this is a key decision but no reason is given; say whether it meets the financial threshold, affects two or more wards, or both",
                ),
                Some(Field::Value(rs)) if rs.is_empty() => f.add(
                    RuleId::R4,
                    "$.key_decision.reasons",
                    "this is a key decision but the list of reasons is empty; say whether it meets the financial threshold, affects two or more wards, or both",
                ),
                _ => {}
            }
            match &k.notice_published {
                None => f.add(
                    RuleId::R4,
                    "$.key_decision.notice_published",
                    "this is a key decision but the date its forward-plan notice was published is missing; enter it",
                ),
                // A notice after the meeting is R10's finding; R4 would only repeat it.
                Some(Field::Value(notice)) if *notice <= meeting => {
                    notice_period(*notice, meeting, &k.urgency, f);
                }
                _ => {}
            }
            urgency_complete(&k.urgency, f);
        }
        Field::Value(YesNo::No) => {
            let filled = [
                (
                    "$.key_decision.reasons",
                    "reasons",
                    matches!(&k.reasons, Some(Field::Value(rs)) if !rs.is_empty()),
                ),
                (
                    "$.key_decision.notice_published",
                    "a forward-plan notice date",
                    matches!(k.notice_published, Some(Field::Value(_))),
                ),
                (
                    "$.key_decision.forward_plan_ref",
                    "a forward-plan reference",
                    k.forward_plan_ref
                        .as_deref()
                        .is_some_and(|s| !s.trim().is_empty()),
                ),
                (
                    "$.key_decision.urgency",
                    "an urgency route",
                    k.urgency.is_some(),
                ),
            ];
            for (path, what, present) in filled {
                if present {
                    f.add(
                        RuleId::R4,
                        path,
                        format!(
                            "the key decision is answered \"no\" but {what} is filled in; answer \"yes\" if it is a key decision, otherwise remove it"
                        ),
                    );
                }
            }
        }
        // Unfilled: R1 reports it; nothing here can be judged until it is answered.
        Field::Unfilled(_) => {}
    }
    two_or_more_wards(ctx, f);
}

fn notice_period(
    notice: crate::model::Date,
    meeting: crate::model::Date,
    urgency: &Option<Urgency>,
    f: &mut Findings,
) {
    let clear = notice.clear_days_before(meeting).max(0);
    if clear >= NOTICE_DAYS {
        return;
    }
    let given = format!(
        "the forward-plan notice was published on {}, {clear} clear day{} before the meeting on {}",
        notice.long(),
        if clear == 1 { "" } else { "s" },
        meeting.long()
    );
    match urgency {
        None => f.add(
            RuleId::R4,
            "$.key_decision.notice_published",
            format!(
                "{given}; a key decision needs {NOTICE_DAYS} clear days' notice unless the general exception or special urgency procedure was used: record the urgency route, or move the decision to a later meeting"
            ),
        ),
        Some(Urgency::GeneralException { .. }) if clear < GENERAL_EXCEPTION_DAYS => f.add(
            RuleId::R4,
            "$.key_decision.urgency",
            format!(
                "{given}; the general exception needs at least {GENERAL_EXCEPTION_DAYS} clear days' notice, so only special urgency (with the scrutiny chair's agreement) can apply"
            ),
        ),
        Some(_) => {}
    }
}

fn urgency_complete(urgency: &Option<Urgency>, f: &mut Findings) {
    let (route, reason, agreed_by) = match urgency {
        None => return,
        Some(Urgency::GeneralException { reason }) => ("general_exception", reason, None),
        Some(Urgency::SpecialUrgency { reason, agreed_by }) => {
            ("special_urgency", reason, Some(agreed_by))
        }
    };
    let path = format!("$.key_decision.urgency.{route}");
    if reason.trim().is_empty() {
        f.add(
            RuleId::R4,
            format!("{path}.reason"),
            "the urgency route gives no reason why the decision cannot wait; state it",
        );
    }
    if agreed_by.is_some_and(|a| a.trim().is_empty()) {
        f.add(
            RuleId::R4,
            format!("{path}.agreed_by"),
            "special urgency needs the agreement of the scrutiny chair (or the Chair or Vice-Chair of the council); say who agreed",
        );
    }
}

fn two_or_more_wards(ctx: &Ctx, f: &mut Findings) {
    let k = &ctx.report.key_decision;
    let claims =
        matches!(&k.reasons, Some(Field::Value(rs)) if rs.contains(&KeyReason::TwoOrMoreWards));
    let Wards::Listed(wards) = &ctx.report.wards else {
        return;
    };
    if !claims {
        return;
    }
    let mut distinct: Vec<String> = wards
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        let (one, many) = match ctx.template.area_term {
            AreaTerm::Wards => ("ward", "wards"),
            AreaTerm::ElectoralDivisions => ("division", "divisions"),
        };
        let listed = match wards.first() {
            Some(w) if distinct.len() == 1 => format!("only {} is listed", quoted(w)),
            _ => format!("no {one} is listed"),
        };
        f.add(
            RuleId::R5,
            "$.wards",
            format!(
                "a reason for the key decision is a significant effect in two or more {many}, but {listed}; list the {many} affected (or \"all\"), or change the reason"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use crate::model::{Date, Field, KeyDecision, KeyReason, Report, Urgency, Wards};

    fn key(notice: &str) -> Report {
        let mut r = Report::sample();
        r.key_decision = KeyDecision::yes(
            vec![KeyReason::FinancialThreshold],
            Date::parse_iso(notice).unwrap(),
        );
        r
    }

    #[test]
    fn key_decision_needs_reasons_and_a_notice_date() {
        let mut r = key("2019-06-01");
        r.key_decision.reasons = None;
        r.key_decision.notice_published = None;
        assert_eq!(
            paths(&r, "R4"),
            ["$.key_decision.reasons", "$.key_decision.notice_published"]
        );
    }

    #[test]
    fn notice_must_be_28_clear_days_unless_urgent() {
        // Meeting 31 July: 2 July gives exactly 28 clear days, 3 July only 27.
        assert!(paths(&key("2019-07-02"), "R4").is_empty());
        let late = key("2019-07-03");
        let d = findings(&late, "R4");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "$.key_decision.notice_published");
        assert!(d[0].message.contains("27 clear days"), "{}", d[0].message);

        let mut ok = key("2019-07-20");
        ok.key_decision.urgency = Some(Urgency::GeneralException {
            reason: "Grant deadline".into(),
        });
        assert!(paths(&ok, "R4").is_empty());

        let mut too_late = key("2019-07-27");
        too_late.key_decision.urgency = Some(Urgency::GeneralException {
            reason: "Grant deadline".into(),
        });
        assert_eq!(paths(&too_late, "R4"), ["$.key_decision.urgency"]);

        too_late.key_decision.urgency = Some(Urgency::SpecialUrgency {
            reason: "Grant deadline".into(),
            agreed_by: " ".into(),
        });
        assert_eq!(
            paths(&too_late, "R4"),
            ["$.key_decision.urgency.special_urgency.agreed_by"]
        );
    }

    #[test]
    fn non_key_decision_with_key_fields_filled() {
        let mut r = Report::sample();
        r.key_decision.notice_published =
            Some(Field::Value(Date::parse_iso("2019-06-01").unwrap()));
        r.key_decision.forward_plan_ref = Some("FP123".into());
        assert_eq!(
            paths(&r, "R4"),
            [
                "$.key_decision.notice_published",
                "$.key_decision.forward_plan_ref"
            ]
        );
        assert!(paths(&Report::sample(), "R4").is_empty());
    }

    #[test]
    fn two_or_more_wards_needs_two_wards() {
        let mut r = key("2019-06-01");
        r.key_decision.reasons = Some(Field::Value(vec![KeyReason::TwoOrMoreWards]));
        r.wards = Wards::Listed(vec!["Bow East".into(), " bow east".into()]);
        let d = findings(&r, "R5");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "$.wards");
        r.wards = Wards::Listed(vec!["Bow East".into(), "Bow West".into()]);
        assert!(paths(&r, "R5").is_empty());
        r.wards = Wards::All;
        assert!(paths(&r, "R5").is_empty());
    }
}
