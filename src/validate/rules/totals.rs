//! W5: a table's total row that does not add up.
//!
//! Checked per column where the total cell is an amount and every filled
//! body cell is too (a dash counts as nothing; a column with any words in it
//! is not a column of figures). Percentage totals are skipped: a percentage
//! on a total row is as often a rate as a sum. The total may round the sum:
//! it passes if it is within half a unit of its own last digit ("£5.2m"
//! passes for a sum of £5.24m, not £5.26m).

use super::{quoted, Ctx, Findings};
use crate::amount::parse;
use crate::model::{Block, Table, Text};
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let r = ctx.report;
    let containers = super::block_lists(r);
    for (path, blocks) in containers {
        for (j, b) in blocks.iter().enumerate() {
            if let Block::Table(t) = b {
                check_table(t, &format!("{path}[{j}].table"), f);
            }
        }
    }
}

fn check_table(t: &Table, path: &str, f: &mut Findings) {
    let Some(total) = &t.total else {
        return;
    };
    for (c, cell) in total.iter().enumerate() {
        let shown = cell.plain();
        let shown = shown.trim();
        if shown.ends_with('%') {
            continue;
        }
        let Some(stated) = parse(shown) else {
            continue;
        };
        let Some(sum) = column_sum(t, c) else {
            continue;
        };
        let tolerance = unit(shown) / 2.0 + 1e-9 * stated.abs().max(1.0);
        if (sum - stated).abs() > tolerance {
            let heading = t
                .columns
                .get(c)
                .map(|col| col.heading.plain())
                .filter(|h| !h.trim().is_empty())
                .map_or_else(
                    || format!("column {}", c + 1),
                    |h| format!("the {} column", quoted(&h)),
                );
            f.add(
                RuleId::W5,
                format!("{path}.total[{c}]"),
                format!(
                    "the total {} in {heading} does not match its figures, which add up to {}; correct the total or the figures",
                    quoted(shown),
                    show_like(sum, shown)
                ),
            );
        }
    }
}

/// The sum of column `c`, if it is a column of figures.
fn column_sum(t: &Table, c: usize) -> Option<f64> {
    let mut sum = 0.0;
    let mut figures = 0;
    // A subtotal repeats figures above it: counting it would count them twice.
    let rows = t
        .rows
        .iter()
        .enumerate()
        .filter(|(r, _)| !t.subtotal_rows.contains(r))
        .map(|(_, row)| row);
    for row in rows {
        let Some(cell) = row.get(c).map(Text::plain) else {
            continue;
        };
        let s = cell.trim();
        if s.is_empty() || ["-", "–", "—", "nil", "Nil"].contains(&s) {
            continue;
        }
        if s.ends_with('%') {
            return None;
        }
        sum += parse(s)?;
        figures += 1;
    }
    (figures > 0).then_some(sum)
}

/// The value of one unit in the last digit shown: "£5.2m" → 100,000; "1,234" → 1.
fn unit(shown: &str) -> f64 {
    let scale = parse(shown)
        .zip(parse(&strip_scale(shown)))
        .map_or(1.0, |(a, b)| if b != 0.0 { a / b } else { 1.0 })
        .abs();
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let decimals = shown.rsplit_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(char::is_ascii_digit).count()
    });
    scale / 10f64.powi(decimals as i32)
}

/// The number without its k/m/bn suffix.
fn strip_scale(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_suffix(')').unwrap_or(s);
    let s = s
        .strip_suffix("bn")
        .or_else(|| s.strip_suffix(['m', 'M', 'k', 'K']))
        .unwrap_or(s);
    s.trim_start_matches(['(', '-', '−', '–', '£']).to_string()
}

/// The sum written in the style of the total: "£5.24m" beside "£5.2m".
fn show_like(sum: f64, shown: &str) -> String {
    let scale = unit(shown) * 10f64.powi(decimals(shown) as i32);
    let pound = if shown.contains('£') { "£" } else { "" };
    let suffix = shown
        .trim_end_matches(')')
        .trim_end()
        .rsplit(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let value = sum / scale;
    let places = decimals(shown) + 1;
    let mut s = format!("{:.*}", places, value.abs());
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    // Written as the total is: "1,200,000" beside "1,150,000", not "1200000".
    if shown.contains(',') {
        let (int, frac) = s
            .split_once('.')
            .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        s = match frac {
            Some(f) => format!("{grouped}.{f}"),
            None => grouped,
        };
    }
    format!("{}{pound}{s}{suffix}", if sum < 0.0 { "-" } else { "" })
}

fn decimals(shown: &str) -> usize {
    shown.rsplit_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(char::is_ascii_digit).count()
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use crate::model::{Block, Column, Report, Table, Text};

    fn table(rows: &[[&str; 3]], total: [&str; 3]) -> Block {
        let col = |h: &str| Column {
            heading: h.into(),
            align: Default::default(),
            width_percent: None,
        };
        Block::Table(Table {
            caption: None,
            columns: vec![col("Item"), col("2019/20"), col("2020/21")],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|&c| Text::from(c)).collect())
                .collect(),
            header_column: true,
            total: Some(total.iter().map(|&c| Text::from(c)).collect()),
            ..Default::default()
        })
    }

    #[test]
    fn totals_that_do_not_add_up() {
        let mut r = Report::sample();
        r.sections[3].blocks.push(table(
            &[
                ["Staff", "£1.25m", "1,200"],
                ["Systems", "£2.1m", "–"],
                ["Premises", "£0.9m", "(300)"],
            ],
            ["Total", "£4.3m", "1,000"],
        ));
        let d = findings(&r, "W5");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "$.sections[3].blocks[4].table.total[2]");
        assert!(
            d[0].message.contains("\"1,000\"") && d[0].message.contains("900"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn subtotal_rows_are_not_counted_twice() {
        let mut r = Report::sample();
        let t = Table::new(["Service", "£000"])
            .row(["Libraries", "120"])
            .row(["Parks", "80"])
            .subtotal(["Culture", "200"])
            .row(["Roads", "300"])
            .total(["Total", "500"]);
        r.sections[0].blocks.push(Block::Table(t));
        assert!(findings(&r, "W5").is_empty(), "{:?}", findings(&r, "W5"));
    }

    #[test]
    fn rounded_totals_and_word_columns_pass() {
        let mut r = Report::sample();
        r.recommendations[0].blocks.push(table(
            &[["Staff", "£1.24m", "12%"], ["Systems", "£4.0m", "88%"]],
            ["Total", "£5.2m", "100%"],
        ));
        r.sections[3].blocks.push(table(
            &[["Staff", "tbc later", "5"], ["Systems", "4", "5"]],
            ["Total", "4", "10"],
        ));
        assert!(paths(&r, "W5").is_empty(), "{:?}", findings(&r, "W5"));
        // Off by more than the rounding shown.
        r.recommendations[0].blocks[0] = table(
            &[["Staff", "£1.26m", ""], ["Systems", "£4.0m", ""]],
            ["Total", "£5.2m", ""],
        );
        assert_eq!(
            paths(&r, "W5"),
            ["$.recommendations[0].blocks[0].table.total[1]"]
        );
    }

    #[test]
    fn unit_of_the_last_digit() {
        assert!((super::unit("£5.2m") - 100_000.0).abs() < 1e-6);
        assert!((super::unit("1,234") - 1.0).abs() < 1e-9);
        assert!((super::unit("£750k") - 1000.0).abs() < 1e-6);
        assert!((super::unit("(1.50)") - 0.01).abs() < 1e-9);
    }
}
