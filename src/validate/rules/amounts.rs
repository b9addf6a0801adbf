//! W3: an amount over the key-decision threshold in a report whose key decision is "no".
//!
//! An amount in a report is not always what the decision spends (past
//! budgets, totals for context), so this is a warning, and only the parts
//! that state the decision are read: the summary, the recommendations and
//! the reasons for them. The Chief Finance Officer's account of past growth
//! or reserves is context, not the decision. The clerk checks whether the
//! decision itself crosses the threshold. Reports for information take no
//! decision, key or otherwise, and are not checked; nor is a recommendation
//! that only notes something ("to note the forecast overspend of £1.2m"),
//! which decides nothing.

use super::walk::{Part, Role};
use super::{quoted, Ctx, Findings};
use crate::amount::pounds_in;
use crate::model::{Field, Purpose, Recommendation, Route, SectionKind, YesNo};
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    if r.key_decision.answer != Field::Value(YesNo::No) || r.purpose == Purpose::Information {
        return;
    }
    let threshold = ctx.template.key_decision_threshold as f64;
    for v in &ctx.visits {
        if matches!(v.role, Role::Address | Role::Paper | Role::Unfilled(_)) {
            continue;
        }
        let states_the_decision = match v.part {
            Part::Summary => true,
            Part::Recommendation(i) => !notes_only(&r.recommendations[i]),
            Part::Section(i) => r.sections[i].kind == SectionKind::Reasons,
            _ => false,
        };
        if !states_the_decision {
            continue;
        }
        let over = amounts(&v.text).filter(|(_, a)| a.abs() > threshold);
        if let Some((written, _)) = over.max_by(|(_, a), (_, b)| a.abs().total_cmp(&b.abs())) {
            f.add(
                RuleId::W3,
                &v.path,
                format!(
                    "{} is more than the key-decision threshold of {}, but the report says this is not a key decision; check whether the decision spends or saves that much",
                    quoted(written),
                    pounds(threshold)
                ),
            );
        }
    }
}

/// Verbs that make a recommendation decide something, even when it opens
/// by noting: "note the overspend and approve a virement of £2m". Counted
/// only as verbs ("and approve", "to agree"), since several are also nouns
/// a noting recommendation uses ("note the transfer of £1m").
const DECIDING: &[&str] = &[
    "approve", "agree", "authorise", "authorize", "delegate", "allocate", "award", "commit",
    "release", "accept", "procure", "dispose", "vire", "spend", "invest", "fund", "adopt",
    "decide", "recommend", "increase", "reduce", "transfer", "borrow", "grant", "endorse",
];

/// A recommendation that decides nothing: routed to be noted, or worded
/// "to note …" / "notes …" with no deciding verb.
fn notes_only(rec: &Recommendation) -> bool {
    if rec.route == Route::Note {
        return true;
    }
    let text = rec.text.plain().to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let first = match words.as_slice() {
        ["to", w, ..] | [w, ..] if *w != "to" => *w,
        _ => "",
    };
    let decides = words.windows(2).any(|w| {
        matches!(w[0], "and" | "to" | "also" | "then" | "or") && DECIDING.contains(&w[1])
    });
    matches!(first, "note" | "notes" | "noted") && !decides
}

/// Each amount in pounds as written ("£5.2m", "£1.5 million") with its value.
fn amounts(text: &str) -> impl Iterator<Item = (&str, f64)> {
    text.match_indices('£').filter_map(move |(i, _)| {
        let rest = &text[i..];
        let mut end = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == ',' || c == '.'))
            .map_or(rest.len(), |(j, _)| j);
        // Take a scale word with it, so "£1.5 million" is quoted whole.
        let after = &rest[end..];
        for word in [" thousand", " million", " mn", " billion"] {
            let matches = after
                .get(..word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word));
            if matches && !after[word.len()..].starts_with(|c: char| c.is_alphanumeric()) {
                end += word.len();
                break;
            }
        }
        let written = rest[..end].trim_end_matches(['.', ',']);
        let value = pounds_in(written).into_iter().next()?;
        Some((written, value))
    })
}

/// "£5,200,000".
fn pounds(v: f64) -> String {
    let whole = v.abs().round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}£{out}", if v < 0.0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use crate::model::{Block, Column, Date, KeyDecision, KeyReason, Report, Table};

    #[test]
    fn large_amounts_in_a_non_key_report_are_queried() {
        let mut r = Report::sample();
        // The sample's finance comments mention £5.2m and £4.7m of past
        // growth and reserves: context, not the decision.
        assert!(findings(&r, "W3").is_empty());
        r.recommendations[0].text = "Approve spending of £5.2m on the improvement plan".into();
        let d = findings(&r, "W3");
        assert_eq!(
            d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
            ["$.recommendations[0].text"]
        );
        assert!(
            d[0].message.starts_with("\"£5.2m\" is more") && d[0].message.contains("£1,000,000"),
            "{}",
            d[0].message
        );
        r.recommendations[0].blocks.push(Block::Table(Table {
            caption: None,
            columns: vec![Column {
                heading: "Cost".into(),
                align: Default::default(),
                width_percent: None,
            }],
            rows: vec![vec!["£1.5 million".into()], vec!["£250,000".into()]],
            header_column: false,
            total: None,
            ..Default::default()
        }));
        let d = findings(&r, "W3");
        let cell = d
            .iter()
            .find(|d| d.path == "$.recommendations[0].blocks[0].table.rows[0][0]")
            .expect("cell flagged");
        assert!(
            cell.message.starts_with("\"£1.5 million\""),
            "{}",
            cell.message
        );
        let rows = paths(&r, "W3");
        assert!(!rows.contains(&"$.recommendations[0].blocks[0].table.rows[1][0]".to_string()));
        // The same amount in the reasons for the decision is queried too.
        r.sections[0].blocks[0] = Block::Paragraph("It will cost £2m.".into());
        assert!(paths(&r, "W3").contains(&"$.sections[0].blocks[0]".to_string()));
    }

    #[test]
    fn recommendations_that_only_note_a_figure_are_not_queried() {
        let mut r = Report::sample();
        for text in [
            "To note the forecast overspend of £1.2m",
            "Notes the forecast overspend of £1.2m for 2026/27.",
        ] {
            r.recommendations[0].text = text.into();
            assert!(findings(&r, "W3").is_empty(), "{text}");
        }
        r.recommendations[0].text = "Approve the overspend of £1.2m".into();
        r.recommendations[0].route = crate::model::Route::Note;
        assert!(findings(&r, "W3").is_empty());
        r.recommendations[0].route = crate::model::Route::Decide;
        assert_eq!(paths(&r, "W3"), ["$.recommendations[0].text"]);
        r.recommendations[0].text =
            "To note the forecast overspend of £1.2m and approve a virement to meet it".into();
        assert_eq!(paths(&r, "W3"), ["$.recommendations[0].text"]);
    }

    #[test]
    fn key_decisions_and_small_amounts_are_fine() {
        let mut r = Report::sample();
        r.key_decision = KeyDecision::yes(
            vec![KeyReason::FinancialThreshold],
            Date::parse_iso("2019-06-01").unwrap(),
        );
        assert!(paths(&r, "W3").is_empty());
        let mut r = Report::sample();
        r.sections[3].blocks.truncate(0);
        r.sections[3].blocks.push(Block::Paragraph(
            "The cost is £950,000 and £1m exactly.".into(),
        ));
        assert!(paths(&r, "W3").is_empty());
    }
}
