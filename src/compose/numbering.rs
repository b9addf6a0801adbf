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
    /// Section number from 1 (a group's number for its sections).
    pub number: u32,
    /// One entry per block: the number of each numbered paragraph, `None` for other blocks.
    pub paragraphs: Vec<Option<ParaNumber>>,
    /// A row of the template's implications table: it shares the table's
    /// number with the other rows, and its paragraphs are not numbered.
    pub in_table: bool,
    /// In one of the template's section groups: which (index into
    /// `section_groups`) and its place in the group from 1, so its heading
    /// is "5.2" under the group's "5".
    pub group: Option<(usize, u32)>,
}

/// What sections stand together under one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cluster {
    Alone,
    Table,
    Group(usize),
}

/// Orders a report's sections as the template lists them and numbers them.
///
/// Sections the template does not know (`other`) keep their place after the
/// section written before them, so an author decides where they go. The
/// rows of an implications table, and the sections of a group, stand
/// together in the table's or group's order, where the first of them would
/// stand; an `other` section written after one of them follows the table
/// or group.
pub fn sections(report: &Report, template: &Template) -> Vec<NumberedSection> {
    let position = |kind: &SectionKind| template.sections.iter().position(|s| s.kind == *kind);
    let table_rows: &[SectionKind] = template
        .implications_table
        .as_ref()
        .map_or(&[], |t| t.rows.as_slice());
    let table_rank = table_rows.iter().filter_map(position).min();
    let group_ranks: Vec<usize> = template
        .section_groups
        .iter()
        .map(|g| g.sections.iter().filter_map(position).min().unwrap_or(0))
        .collect();
    let rank = |kind: &SectionKind| {
        if let Some(row) = table_rows.iter().position(|k| k == kind) {
            return (table_rank.unwrap_or(0), 0, row);
        }
        match template.group_of(kind) {
            Some((g, at)) => (group_ranks[g], 0, at as usize),
            None => (position(kind).unwrap_or(template.sections.len()), 1, 0),
        }
    };
    let mut keyed: Vec<((usize, u8, usize), usize)> = Vec::with_capacity(report.sections.len());
    let mut last = (0, 1, 0);
    for (i, s) in report.sections.iter().enumerate() {
        let key = if s.kind == SectionKind::Other {
            // What follows a table row or a grouped section follows the table or group.
            (last.0, 1, 0).max(last)
        } else {
            rank(&s.kind)
        };
        last = key;
        keyed.push((key, i));
    }
    keyed.sort();

    let mut continuous = front(report, template).next - 1;
    let mut number = 0;
    let mut previous = Cluster::Alone;
    let mut place = 0;
    keyed
        .into_iter()
        .map(|(_, index)| {
            let kind = &report.sections[index].kind;
            let in_table = template.in_implications_table(kind);
            let group = template.group_of(kind);
            let cluster = match (in_table, group) {
                (true, _) => Cluster::Table,
                (false, Some((g, _))) => Cluster::Group(g),
                (false, None) => Cluster::Alone,
            };
            if cluster == Cluster::Alone || cluster != previous {
                number += 1;
                place = 0;
            }
            previous = cluster;
            // Numbered by place among the group's sections the report has,
            // so a section left out leaves no gap.
            place += 1;
            let group = group.map(|(g, _)| (g, place));
            let member = group.map(|(_, at)| at);
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
                                label: match member {
                                    Some(m) => format!("{number}.{m}.{within}"),
                                    None => format!("{number}.{within}"),
                                },
                                section: number,
                                index: within,
                                member,
                            },
                            Numbering::Continuous | Numbering::WholeReport => ParaNumber {
                                label: continuous.to_string(),
                                section: number,
                                index: continuous,
                                member,
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
                group,
            }
        })
        .collect()
}

/// The numbers before the sections: with whole-report numbering the
/// summary's paragraphs and then each recommendation take the first numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    /// One entry per summary block, as [`NumberedSection::paragraphs`].
    pub summary: Vec<Option<ParaNumber>>,
    /// The number of the first recommendation, when recommendations are
    /// numbered in the paragraphs' sequence.
    pub first_recommendation: Option<u32>,
    /// The number the sections' first paragraph takes.
    pub next: u32,
}

/// The summary's and recommendations' numbers (none unless the template
/// numbers the whole report).
pub fn front(report: &Report, template: &Template) -> Front {
    if template.numbering != Numbering::WholeReport {
        return Front {
            summary: vec![None; report.summary.len()],
            first_recommendation: None,
            next: 1,
        };
    }
    let mut n = 0;
    let summary = report
        .summary
        .iter()
        .map(|b| {
            matches!(b, Block::Paragraph(_)).then(|| {
                n += 1;
                ParaNumber {
                    label: n.to_string(),
                    section: 0,
                    index: n,
                    member: None,
                }
            })
        })
        .collect();
    let first_recommendation = (!report.recommendations.is_empty()).then_some(n + 1);
    let next = n + 1 + report.recommendations.len() as u32;
    Front {
        summary,
        first_recommendation,
        next,
    }
}

/// Every paragraph number printed in the report.
pub fn paragraph_labels(report: &Report, template: &Template) -> Vec<String> {
    let front = front(report, template);
    let recommendations = front.first_recommendation.map_or(0..0, |first| {
        first..first + report.recommendations.len() as u32
    });
    front
        .summary
        .into_iter()
        .flatten()
        .map(|p| p.label)
        .chain(recommendations.map(|n| n.to_string()))
        .chain(
            sections(report, template)
                .into_iter()
                .flat_map(|s| s.paragraphs.into_iter().flatten().map(|p| p.label)),
        )
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

    #[test]
    fn whole_report_numbering_counts_the_summary_and_recommendations_first() {
        let mut t = Template::tower_hamlets();
        t.numbering = Numbering::WholeReport;
        let report = Report::sample();
        let f = front(&report, &t);
        let summary = report
            .summary
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count() as u32;
        assert_eq!(f.first_recommendation, Some(summary + 1));
        let first_section = sections(&report, &t)[0].paragraphs.iter().flatten().next().cloned();
        let expected = summary + report.recommendations.len() as u32 + 1;
        assert_eq!(first_section.map(|p| p.index), Some(expected));
        let labels = paragraph_labels(&report, &t);
        let all: Vec<String> = (1..=labels.len()).map(|n| n.to_string()).collect();
        assert_eq!(labels, all);
    }
}
