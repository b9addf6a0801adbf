//! R3 and R12 for what the template adds to a report: its standing
//! sections, its implications table and its own header rows. A report that
//! does not fit its template would print under made-up headings, or lose
//! what the author wrote.

use super::{Ctx, Findings};
use crate::compose::{implications_unfit, printed_header_rows, unknown_section_message};
use crate::model::SectionKind;
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let (r, t) = (ctx.report, ctx.template);
    let sign_off_column = t
        .implications_table
        .as_ref()
        .is_some_and(|i| i.sign_off_column.is_some());
    for (i, s) in r.sections.iter().enumerate() {
        let path = format!("$.sections[{i}]");
        if s.kind != SectionKind::Other && t.section(&s.kind).is_none() {
            f.add(
                RuleId::R12,
                format!("{path}.kind"),
                unknown_section_message(t, &s.kind),
            );
            continue;
        }
        let in_table = t.in_implications_table(&s.kind);
        if in_table {
            if let Some((b, message)) = implications_unfit(s) {
                f.add(RuleId::R12, format!("{path}.blocks[{b}]"), message);
            }
        }
        let signed = s.sign_off.as_deref().is_some_and(|w| !w.trim().is_empty());
        if in_table && sign_off_column && !signed {
            f.add(
                RuleId::R3,
                format!("{path}.sign_off"),
                "the template's implications table has a sign-off column; say who signed this section off (name, post and date)",
            );
        } else if s.sign_off.is_some() && !(in_table && sign_off_column) {
            f.add(
                RuleId::R12,
                format!("{path}.sign_off"),
                "the template prints no sign-off for this section, so it would be lost; leave `sign_off` out or put it in the text",
            );
        }
    }

    let customs = t.custom_row_ids();
    for (id, lines) in &r.header_rows {
        if !customs.contains(&id.as_str()) {
            let has = if customs.is_empty() {
                "it adds none".to_string()
            } else {
                format!("its rows are: {}", customs.join(", "))
            };
            f.add(
                RuleId::R12,
                format!("$.header_rows.{id}"),
                format!("the template `{}` has no header row `{id}`, so it would not be printed; {has}", t.id),
            );
        } else if lines.0.iter().all(|l| l.is_blank()) {
            f.add(
                RuleId::R12,
                format!("$.header_rows.{id}"),
                format!("the header row `{id}` is blank; fill it in, or leave it out"),
            );
        }
    }
    for row in t.header_rows.iter().flatten().filter(|h| h.mandatory) {
        let (Some(id), Some(label)) = (&row.custom, &row.label) else {
            continue;
        };
        if !r.header_rows.contains_key(id) {
            f.add(
                RuleId::R3,
                "$.header_rows",
                format!("the template's header row \"{label}\" is mandatory; give it as `header_rows.{id}`"),
            );
        }
    }
    sign_offs(ctx, f);
    if r.key_decision.statement.as_ref().is_some_and(|s| s.is_blank()) {
        f.add(
            RuleId::R12,
            "$.key_decision.statement",
            "the key-decision statement is blank; write it, or leave it out to print yes or no",
        );
    }
}

/// The header block's sign-offs: each on a row the report prints, in a
/// column the template has, and every row the template says needs one
/// signed off.
fn sign_offs(ctx: &Ctx, f: &mut Findings) {
    let (r, t) = (ctx.report, ctx.template);
    if r.header_sign_offs.is_empty() && t.header_sign_off.is_none() {
        return;
    }
    let printed = printed_header_rows(r, t);
    for (id, who) in &r.header_sign_offs {
        let path = format!("$.header_sign_offs.{id}");
        if t.header_sign_off.is_none() {
            f.add(
                RuleId::R12,
                path,
                format!("the template `{}` prints no sign-off column in the header block, so this would be lost; leave `header_sign_offs` out", t.id),
            );
        } else if !printed.contains(&id.as_str()) {
            f.add(
                RuleId::R12,
                path,
                format!(
                    "the header block prints no row `{id}`, so this sign-off would be lost; the rows it prints are: {}",
                    printed.join(", ")
                ),
            );
        } else if who.trim().is_empty() {
            f.add(
                RuleId::R12,
                path,
                format!("the sign-off of `{id}` is blank; say who signed it off and when, or leave it out"),
            );
        }
    }
    for row in t.header_rows.iter().flatten().filter(|h| h.sign_off) {
        let Some(id) = row.id() else {
            continue;
        };
        if printed.contains(&id) && !r.header_sign_offs.contains_key(id) {
            f.add(
                RuleId::R3,
                "$.header_sign_offs",
                format!("the template's header row `{id}` must be signed off; say who signed it off and when, as `header_sign_offs.{id}`"),
            );
        }
    }
}
