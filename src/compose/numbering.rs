//! Section order, section numbers, paragraph numbers and appendix labels.
//!
//! The validator resolves references ("paragraph 3.9", "Appendix B") with
//! these same functions, so what it checks is what the renderers print.

use super::ParaNumber;
use crate::model::{Block, Report, SectionKind};
use crate::template::{AppendixStyle, Numbering, Template};

/// A section in print order with its number and its paragraphs' numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedSection {
    /// Index into `report.sections`.
    pub index: usize,
    /// Section number from 1.
    pub number: u32,
    /// One entry per block: the number of each numbered paragraph, `None` for other blocks.
    pub paragraphs: Vec<Option<ParaNumber>>,
    /// A row of the template's implications table: it shares the table's
    /// number with the other rows, and its paragraphs are not numbered.
    pub in_table: bool,
}

/// Orders a report's sections as the template lists them and numbers them.
///
/// Sections the template does not know (`other`) keep their place after the
/// section written before them, so an author decides where they go. The
/// rows of an implications table stand together, in the table's row order,
/// where the first of them would stand.
pub fn sections(report: &Report, template: &Template) -> Vec<NumberedSection> {
    let position = |kind: &SectionKind| template.sections.iter().position(|s| s.kind == *kind);
    let table_rows: &[SectionKind] = template
        .implications_table
        .as_ref()
        .map_or(&[], |t| t.rows.as_slice());
    let table_rank = table_rows.iter().filter_map(position).min();
    let rank = |kind: &SectionKind| match table_rows.iter().position(|k| k == kind) {
        Some(row) => (table_rank.unwrap_or(0), 0, row),
        None => (position(kind).unwrap_or(template.sections.len()), 1, 0),
    };
    let mut keyed: Vec<((usize, u8, usize), usize)> = Vec::with_capacity(report.sections.len());
    let mut last = (0, 1, 0);
    for (i, s) in report.sections.iter().enumerate() {
        let key = if s.kind == SectionKind::Other {
            // What follows a table row follows the table.
            (last.0, 1, 0).max(last)
        } else {
            rank(&s.kind)
        };
        last = key;
        keyed.push((key, i));
    }
    keyed.sort();

    let mut continuous = 0;
    let mut number = 0;
    let mut previous_in_table = false;
    keyed
        .into_iter()
        .map(|(_, index)| {
            let in_table = template.in_implications_table(&report.sections[index].kind);
            if !(in_table && previous_in_table) {
                number += 1;
            }
            previous_in_table = in_table;
            let mut within = 0;
            let paragraphs = report.sections[index]
                .blocks
                .iter()
                .map(|b| {
                    (!in_table && matches!(b, Block::Paragraph(_))).then(|| {
                        within += 1;
                        continuous += 1;
                        match template.numbering {
                            Numbering::PerSection => ParaNumber {
                                label: format!("{number}.{within}"),
                                section: number,
                                index: within,
                            },
                            Numbering::Continuous => ParaNumber {
                                label: continuous.to_string(),
                                section: number,
                                index: continuous,
                            },
                        }
                    })
                })
                .collect();
            NumberedSection {
                index,
                number,
                paragraphs,
                in_table,
            }
        })
        .collect()
}

/// Every paragraph number printed in the report.
pub fn paragraph_labels(report: &Report, template: &Template) -> Vec<String> {
    sections(report, template)
        .into_iter()
        .flat_map(|s| s.paragraphs.into_iter().flatten().map(|p| p.label))
        .collect()
}

/// The label of the appendix at `index` (from 0): "1" or "A" … "Z", "AA" ….
pub fn appendix_label(style: AppendixStyle, index: usize) -> String {
    match style {
        AppendixStyle::Numbers => (index + 1).to_string(),
        AppendixStyle::Letters => letters(index),
    }
}

/// a, b, … z, aa, ab … in upper case: bijective base 26.
fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_continue_past_z() {
        assert_eq!(appendix_label(AppendixStyle::Letters, 0), "A");
        assert_eq!(appendix_label(AppendixStyle::Letters, 25), "Z");
        assert_eq!(appendix_label(AppendixStyle::Letters, 26), "AA");
        assert_eq!(appendix_label(AppendixStyle::Numbers, 2), "3");
    }

    #[test]
    fn sections_follow_template_order_and_other_keeps_its_place() {
        let mut report = Report::sample();
        report.sections.reverse();
        let t = Template::tower_hamlets();
        let kinds: Vec<_> = sections(&report, &t)
            .iter()
            .map(|s| report.sections[s.index].kind.clone())
            .collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Reasons,
                SectionKind::AlternativeOptions,
                SectionKind::Details,
                SectionKind::Finance,
                SectionKind::Legal
            ]
        );
        let labels = paragraph_labels(&Report::sample(), &t);
        assert_eq!(labels.first().map(String::as_str), Some("1.1"));
        assert!(labels.contains(&"3.8".to_string()));
    }

    #[test]
    fn continuous_numbering_runs_through_sections() {
        let mut t = Template::tower_hamlets();
        t.numbering = Numbering::Continuous;
        let labels = paragraph_labels(&Report::sample(), &t);
        let expected: Vec<String> = (1..=labels.len()).map(|n| n.to_string()).collect();
        assert_eq!(labels, expected);
    }
}
