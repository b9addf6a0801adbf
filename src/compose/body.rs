//! Summary, recommendations and the numbered sections.

use super::numbering;
use super::text::resolve;
use super::{
    Audience, Counter, HeadingNumber, ImageNode, Level, ListItem, ListKind, ListStyle, Marker,
    Node, NodeKind, ParaNumber, Text,
};
use super::implications::{self, ImplicationsNode};
use crate::error::Error;
use crate::model::{self, Block, Exemption, Report, Route, SectionKind};
use crate::validate::{Diagnostic, RuleId};
use crate::template::{HeadingCase, Template};

pub(super) fn heading(
    level: u8,
    number: Option<HeadingNumber>,
    text: &str,
    t: &Template,
    path: &str,
) -> Node {
    // Only numbered top-level headings take the capitals style, as in council templates.
    let capitals = level == 1 && number.is_some() && t.heading_case == HeadingCase::Capitals;
    Node::new(
        NodeKind::Heading {
            level,
            number,
            text: text.to_string(),
            capitals,
        },
        path,
    )
}

pub(super) fn summary_and_recommendations(report: &Report, t: &Template, out: &mut Vec<Node>) {
    let l = &t.labels;
    // Only the full version of a wholly exempt report is ever rendered (the
    // validator refuses the public one); it opens by saying why it is exempt.
    if let Some(ex) = &report.exempt {
        out.push(exempt_notice(t, &l.this_report, ex, "$"));
    }
    let front = numbering::front(report, t);
    out.push(heading(1, None, &l.executive_summary, t, "$.summary"));
    let numbered = front.first_recommendation.is_some() || front.summary.iter().any(Option::is_some);
    blocks(
        &report.summary,
        "$.summary",
        numbered.then_some(front.summary.as_slice()),
        numbered,
        out,
    );

    if report.recommendations.is_empty() {
        return;
    }
    out.push(heading(1, None, &l.recommendations, t, "$.recommendations"));
    out.push(Node::new(
        NodeKind::Paragraph {
            number: None,
            indented: false,
            text: Text::from(t.opening_for(report.decider())),
        },
        "$.recommendations",
    ));
    let style = ListStyle {
        marker: Marker::Counter {
            prefix: String::new(),
            counter: Counter::Decimal,
            suffix: ".".into(),
        },
        start: 1,
    };
    let numbered = front.first_recommendation;
    let items: Vec<ListItem> = report
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = format!("$.recommendations[{i}]");
            let mut text = resolve(&r.text);
            // Text that already sends it on to Council is not told so twice.
            if r.route == Route::Council && !model::route_words::says_council(&r.text.plain()) {
                text.insert_before_closing(&l.to_council);
            }
            let mut children = Vec::new();
            blocks(
                &r.blocks,
                &format!("{path}.blocks"),
                None,
                numbered.is_some(),
                &mut children,
            );
            ListItem {
                label: style.label(i),
                text,
                children,
                path,
            }
        })
        .collect();
    // Numbered in the paragraphs' sequence, each recommendation is a
    // numbered paragraph: the same gutter, and the same Word list, as the rest.
    if let Some(first) = numbered {
        for (n, item) in (first..).zip(items) {
            let number = ParaNumber {
                label: n.to_string(),
                section: 0,
                index: n,
                member: None,
            };
            out.push(Node::new(
                NodeKind::Paragraph {
                    number: Some(number),
                    indented: false,
                    text: item.text,
                },
                item.path,
            ));
            out.extend(item.children);
        }
        return;
    }
    out.push(Node::new(
        NodeKind::List {
            kind: ListKind::Recommendations,
            style,
            items,
            indented: false,
        },
        "$.recommendations",
    ));
}

pub(super) fn sections(
    report: &Report,
    t: &Template,
    audience: Audience,
    out: &mut Vec<Node>,
) -> Result<(), Error> {
    let mut table: Option<ImplicationsNode> = None;
    // The group whose heading was printed last, so each group's heading is printed once.
    let mut group: Option<usize> = None;
    for numbered in numbering::sections(report, t) {
        let section = &report.sections[numbered.index];
        let path = format!("$.sections[{}]", numbered.index);
        if numbered.in_table {
            let table = table.get_or_insert_with(|| {
                let spec = t.implications_table.as_ref();
                let heading_text = spec.map_or("", |s| s.heading.as_str());
                out.push(heading(1, t.numbering.numbers_headings().then_some(numbered.number.into()), heading_text, t, &path));
                ImplicationsNode {
                    columns: spec
                        .map(|s| {
                            [Some(&s.implication_column), Some(&s.comment_column), s.sign_off_column.as_ref()]
                                .into_iter()
                                .flatten()
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default(),
                    rows: Vec::new(),
                }
            });
            table.rows.push(implications::row(t, section, &path, numbered.number, audience)?);
            group = None;
            continue;
        }
        if let Some(done) = table.take() {
            out.push(Node::new(NodeKind::Implications(done), "$.sections"));
        }
        let listed = t.section(&section.kind);
        if listed.is_none() && section.kind != SectionKind::Other {
            return Err(unknown_section(t, &section.kind, &path));
        }
        let title = match (&section.heading, listed) {
            (Some(own), _) => own.as_str(),
            (None, Some(s)) => s.heading.as_str(),
            // R12 refuses this before anything is printed; a preview says what it is.
            (None, None) => t.labels.other_matters.as_str(),
        };
        let numbers = t.numbering.numbers_headings();
        let member = numbered.group;
        if let Some((g, _)) = member {
            if group != Some(g) {
                let heading_text = t.section_groups.get(g).map_or("", |x| x.heading.as_str());
                out.push(heading(1, numbers.then_some(numbered.number.into()), heading_text, t, &path));
            }
        }
        group = member.map(|(g, _)| g);
        let number = numbers.then_some(HeadingNumber {
            section: numbered.number,
            member: member.map(|(_, at)| at),
        });
        // A grouped section is a level below its group's heading, and its
        // sub-headings a level below it, so the outline and tags nest.
        let level = if member.is_some() { 2 } else { 1 };
        out.push(heading(level, number, title, t, &path));
        if let Some(ex) = &section.exempt {
            // The public version shows only the notice; the full one heads the
            // exempt content with it, so no reader mistakes it for open text.
            // An unnumbered section is named by its heading.
            let what = match number {
                Some(n) => format!("{} {n}", t.labels.section),
                None => format!("“{title}”"),
            };
            out.push(exempt_notice(t, &what, ex, &path));
        }
        if section.exempt.is_none() || audience == Audience::Full {
            blocks_at(
                level + 1,
                &section.blocks,
                &format!("{path}.blocks"),
                Some(&numbered.paragraphs),
                true,
                out,
            );
        }
    }
    if let Some(done) = table {
        out.push(Node::new(NodeKind::Implications(done), "$.sections"));
    }
    Ok(())
}

/// A section of a kind the template does not list: it has no heading and no
/// place, so it is refused rather than printed under a made-up heading.
fn unknown_section(t: &Template, kind: &SectionKind, path: &str) -> Error {
    Error::Invalid(vec![Diagnostic::new(
        RuleId::R12,
        format!("{path}.kind"),
        unknown_section_message(t, kind),
    )])
}

/// Says which section kinds the template has, so the author can pick one.
pub(crate) fn unknown_section_message(t: &Template, kind: &SectionKind) -> String {
    format!(
        "the template `{}` has no `{}` section; its sections are: {} (or use `other` with a heading)",
        t.id,
        kind.id(),
        t.section_ids()
    )
}

/// The notice in place of withheld exempt content; wording from the template,
/// paragraphs from the exemption, so the notice cannot disagree with the data.
pub(super) fn exempt_notice(t: &Template, what: &str, ex: &Exemption, path: &str) -> Node {
    let text = t
        .labels
        .exempt_notice
        .replace("{what}", what)
        .replace("{paragraphs}", &join_and(t, &ex.paragraphs))
        .replace("{part}", &t.jurisdiction.schedule_part().to_string());
    // The public are entitled to know why it is withheld, not only that it is.
    let text = format!(
        "{text} {} {}",
        t.labels.public_interest,
        ex.public_interest.trim()
    );
    Node::new(
        NodeKind::ExemptNotice(Text::from(text)),
        format!("{path}.exempt"),
    )
}

/// "paragraph 3", "paragraphs 3 and 5", "paragraphs 1, 3 and 5", in the template's words.
pub(super) fn join_and(t: &Template, ps: &[u8]) -> String {
    let l = &t.labels;
    let words: Vec<String> = ps.iter().map(u8::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{} {last}", l.paragraph),
        Some((last, rest)) => format!("{} {} {} {last}", l.paragraphs, rest.join(", "), l.and),
    }
}

/// Converts blocks; `numbers` gives the paragraph numbers when inside a numbered section.
pub(super) fn blocks(
    blocks: &[Block],
    path: &str,
    numbers: Option<&[Option<ParaNumber>]>,
    indented: bool,
    out: &mut Vec<Node>,
) {
    blocks_at(2, blocks, path, numbers, indented, out);
}

/// [`blocks`], with sub-headings at `subheading_level` (a level below the
/// heading they are under).
fn blocks_at(
    subheading_level: Level,
    blocks: &[Block],
    path: &str,
    numbers: Option<&[Option<ParaNumber>]>,
    indented: bool,
    out: &mut Vec<Node>,
) {
    for (i, block) in blocks.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let kind = match block {
            Block::Paragraph(text) => NodeKind::Paragraph {
                number: numbers.and_then(|n| n.get(i).cloned().flatten()),
                indented: false,
                text: resolve(text),
            },
            Block::Continuation(text) => NodeKind::Paragraph {
                number: None,
                indented,
                text: resolve(text),
            },
            Block::Subheading(text) => NodeKind::Heading {
                level: subheading_level,
                number: None,
                text: text.plain(),
                capitals: false,
            },
            Block::Quote(text) => NodeKind::Quote(resolve(text)),
            Block::Bullets(items) => list(
                ListKind::Bullet,
                items,
                &format!("{path}.bullets"),
                indented,
            ),
            Block::NumberedList(items) => list(
                ListKind::Numbered,
                items,
                &format!("{path}.numbered_list"),
                indented,
            ),
            Block::Table(table) => NodeKind::Table(super::table::table_node(table)),
            Block::Image(img) => NodeKind::Image(ImageNode {
                id: 0,
                src: img.src.clone(),
                alt: img.alt.clone(),
                width_mm: img.width_mm,
                caption: img.caption.as_ref().map(resolve),
            }),
        };
        out.push(Node::new(kind, path));
    }
}

/// A list of the author's items; blank items are left out, and the rest
/// counted without a gap, so the labels are what Word's list would print.
fn list(kind: ListKind, items: &[model::Text], path: &str, indented: bool) -> NodeKind {
    let style = match kind {
        ListKind::Bullet => ListStyle::bullet(),
        _ => ListStyle {
            marker: Marker::Counter {
                prefix: String::new(),
                counter: Counter::LowerLetter,
                suffix: ")".into(),
            },
            start: 1,
        },
    };
    let items = items
        .iter()
        .enumerate()
        .filter(|(_, text)| !text.is_blank())
        .enumerate()
        .map(|(n, (i, text))| ListItem {
            label: style.label(n),
            text: resolve(text),
            children: Vec::new(),
            path: format!("{path}[{i}]"),
        })
        .collect();
    NodeKind::List {
        kind,
        style,
        indented,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{compose, Audience, NodeKind};
    use crate::template::Numbering;

    #[test]
    fn with_whole_report_numbering_an_exempt_section_is_named_by_its_heading() {
        let mut t = Template::tower_hamlets();
        t.numbering = Numbering::WholeReport;
        t.labels.section = "Adran".into();
        let mut report = Report::sample();
        report.sections[0].exempt = Some(Exemption {
            paragraphs: vec![3],
            public_interest: "Commercial terms.".into(),
        });
        let doc = compose(&report, &t, Audience::Public).unwrap();
        let notice = doc
            .nodes()
            .find_map(|n| match &n.kind {
                NodeKind::ExemptNotice(text) => Some(text.plain()),
                _ => None,
            })
            .unwrap();
        assert!(!notice.contains("Adran"), "{notice}");
        assert!(notice.starts_with('“'), "{notice}");
        // Per section, the template's word names the numbered section.
        t.numbering = Numbering::PerSection;
        let doc = compose(&report, &t, Audience::Public).unwrap();
        assert!(doc.nodes().any(|n| matches!(&n.kind,
            NodeKind::ExemptNotice(text) if text.plain().starts_with("Adran "))));
    }
}
