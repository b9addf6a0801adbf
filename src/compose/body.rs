//! Summary, recommendations and the numbered sections.

use super::numbering::{self, list_item_label};
use super::{
    Audience, ColumnSpec, ImageNode, ListItem, ListKind, Node, NodeKind, ParaNumber, TableNode,
};
use crate::model::{Align, Block, Exemption, Report, Route, SectionKind, Table, Text};
use crate::template::{HeadingCase, Template};

pub(super) fn heading(
    level: u8,
    number: Option<String>,
    text: &str,
    t: &Template,
    path: &str,
) -> Node {
    // Only numbered section headings take the capitals style, as in council templates.
    let capitals = number.is_some() && t.heading_case == HeadingCase::Capitals;
    Node {
        kind: NodeKind::Heading {
            level,
            number,
            text: text.to_string(),
            capitals,
        },
        path: path.to_string(),
    }
}

pub(super) fn summary_and_recommendations(report: &Report, t: &Template, out: &mut Vec<Node>) {
    let l = &t.labels;
    // Only the full version of a wholly exempt report is ever rendered (the
    // validator refuses the public one); it opens by saying why it is exempt.
    if let Some(ex) = &report.exempt {
        out.push(exempt_notice(t, "This report", ex, "$"));
    }
    out.push(heading(1, None, &l.executive_summary, t, "$.summary"));
    blocks(&report.summary, "$.summary", None, false, out);

    if report.recommendations.is_empty() {
        return;
    }
    out.push(heading(1, None, &l.recommendations, t, "$.recommendations"));
    out.push(Node {
        kind: NodeKind::Paragraph {
            number: None,
            indented: false,
            text: Text::from(t.opening_for(report.decider())),
        },
        path: "$.recommendations".into(),
    });
    let items = report
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = format!("$.recommendations[{i}]");
            let mut text = r.text.clone();
            if r.route == Route::Council {
                text.0
                    .push(crate::model::Span::plain(format!(" {}", l.to_council)));
            }
            let mut children = Vec::new();
            blocks(
                &r.blocks,
                &format!("{path}.blocks"),
                None,
                false,
                &mut children,
            );
            ListItem {
                label: format!("{}.", i + 1),
                text,
                children,
                path,
            }
        })
        .collect();
    out.push(Node {
        kind: NodeKind::List {
            kind: ListKind::Recommendations,
            items,
            indented: false,
        },
        path: "$.recommendations".into(),
    });
}

pub(super) fn sections(report: &Report, t: &Template, audience: Audience, out: &mut Vec<Node>) {
    for numbered in numbering::sections(report, t) {
        let section = &report.sections[numbered.index];
        let path = format!("$.sections[{}]", numbered.index);
        let title = section
            .heading
            .as_deref()
            .or_else(|| t.section(section.kind).map(|s| s.heading.as_str()))
            .unwrap_or(match section.kind {
                SectionKind::Other => "Other matters",
                _ => "Section",
            });
        out.push(heading(
            1,
            Some(numbered.number.to_string()),
            title,
            t,
            &path,
        ));
        if let Some(ex) = &section.exempt {
            // The public version shows only the notice; the full one heads the
            // exempt content with it, so no reader mistakes it for open text.
            let what = format!("Section {}", numbered.number);
            out.push(exempt_notice(t, &what, ex, &path));
        }
        if section.exempt.is_none() || audience == Audience::Full {
            blocks(
                &section.blocks,
                &format!("{path}.blocks"),
                Some(&numbered.paragraphs),
                true,
                out,
            );
        }
    }
}

/// The notice in place of withheld exempt content; wording from the template,
/// paragraphs from the exemption, so the notice cannot disagree with the data.
pub(super) fn exempt_notice(t: &Template, what: &str, ex: &Exemption, path: &str) -> Node {
    let text = t
        .labels
        .exempt_notice
        .replace("{what}", what)
        .replace("{paragraphs}", &join_and(&ex.paragraphs))
        .replace("{part}", &t.jurisdiction.schedule_part().to_string());
    // The public are entitled to know why it is withheld, not only that it is.
    let text = format!(
        "{text} {} {}",
        t.labels.public_interest,
        ex.public_interest.trim()
    );
    Node {
        kind: NodeKind::ExemptNotice(Text::from(text)),
        path: format!("{path}.exempt"),
    }
}

/// "paragraph 3", "paragraphs 3 and 5", "paragraphs 1, 3 and 5".
fn join_and(ps: &[u8]) -> String {
    let words: Vec<String> = ps.iter().map(u8::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => format!("paragraph {last}"),
        Some((last, rest)) => format!("paragraphs {} and {last}", rest.join(", ")),
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
    for (i, block) in blocks.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let kind = match block {
            Block::Paragraph(text) => NodeKind::Paragraph {
                number: numbers.and_then(|n| n.get(i).cloned().flatten()),
                indented: false,
                text: text.clone(),
            },
            Block::Continuation(text) => NodeKind::Paragraph {
                number: None,
                indented,
                text: text.clone(),
            },
            Block::Subheading(text) => NodeKind::Heading {
                level: 2,
                number: None,
                text: text.plain(),
                capitals: false,
            },
            Block::Quote(text) => NodeKind::Quote(text.clone()),
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
            Block::Table(table) => NodeKind::Table(table_node(table)),
            Block::Image(img) => NodeKind::Image(ImageNode {
                src: img.src.clone(),
                alt: img.alt.clone(),
                width_mm: img.width_mm,
                caption: img.caption.clone(),
            }),
        };
        out.push(Node { kind, path });
    }
}

fn list(kind: ListKind, items: &[Text], path: &str, indented: bool) -> NodeKind {
    NodeKind::List {
        kind,
        indented,
        items: items
            .iter()
            .enumerate()
            .map(|(i, text)| ListItem {
                label: match kind {
                    ListKind::Bullet => "•".to_string(),
                    _ => list_item_label(i),
                },
                text: text.clone(),
                children: Vec::new(),
                path: format!("{path}[{i}]"),
            })
            .collect(),
    }
}

fn table_node(table: &Table) -> TableNode {
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| ColumnSpec {
            heading: col.heading.clone(),
            align: match col.align {
                Align::Auto if column_is_numeric(table, c) => Align::Right,
                Align::Auto => Align::Left,
                other => other,
            },
            width_percent: col.width_percent,
        })
        .collect();
    TableNode {
        caption: table.caption.clone(),
        columns,
        rows: table.rows.clone(),
        total: table.total.clone(),
        header_column: table.header_column,
        row_headers: table.header_column && header_cells_fewer_than_data(table),
    }
}

/// Header cells (the header row and one per row) no more than data cells.
fn header_cells_fewer_than_data(table: &Table) -> bool {
    let n = table.columns.len();
    let rows = table.rows.len() + usize::from(table.total.is_some());
    n + rows <= rows * n.saturating_sub(1)
}

fn column_is_numeric(table: &Table, c: usize) -> bool {
    let mut cells = table
        .rows
        .iter()
        .chain(table.total.iter())
        .filter_map(|r| r.get(c))
        .map(Text::plain)
        .filter(|s| !s.trim().is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|s| crate::amount::parse(&s).is_some())
}
