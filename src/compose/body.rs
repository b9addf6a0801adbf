//! Summary, recommendations and the numbered sections.

use super::numbering;
use super::text::resolve;
use super::{
    Align, Audience, ColumnSpec, Counter, ImageNode, ListItem, ListKind, ListStyle, Marker, Node,
    NodeKind, ParaNumber, TableNode, Text,
};
use crate::model::{self, Block, Exemption, Report, Route, SectionKind, Table};
use crate::template::{HeadingCase, Template};

pub(super) fn heading(
    level: u8,
    number: Option<u32>,
    text: &str,
    t: &Template,
    path: &str,
) -> Node {
    // Only numbered section headings take the capitals style, as in council templates.
    let capitals = number.is_some() && t.heading_case == HeadingCase::Capitals;
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
        out.push(exempt_notice(t, "This report", ex, "$"));
    }
    out.push(heading(1, None, &l.executive_summary, t, "$.summary"));
    blocks(&report.summary, "$.summary", None, false, out);

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
    let items = report
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = format!("$.recommendations[{i}]");
            let mut text = resolve(&r.text);
            if r.route == Route::Council {
                text.push_plain(format!(" {}", l.to_council));
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
                label: style.label(i),
                text,
                children,
                path,
            }
        })
        .collect();
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
        out.push(heading(1, Some(numbered.number), title, t, &path));
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
    Node::new(
        NodeKind::ExemptNotice(Text::from(text)),
        format!("{path}.exempt"),
    )
}

/// "paragraph 3", "paragraphs 3 and 5", "paragraphs 1, 3 and 5".
pub(super) fn join_and(ps: &[u8]) -> String {
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
                text: resolve(text),
            },
            Block::Continuation(text) => NodeKind::Paragraph {
                number: None,
                indented,
                text: resolve(text),
            },
            Block::Subheading(text) => NodeKind::Heading {
                level: 2,
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
            Block::Table(table) => NodeKind::Table(table_node(table)),
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

fn table_node(table: &Table) -> TableNode {
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| ColumnSpec {
            heading: resolve(&col.heading),
            align: match col.align {
                model::Align::Auto if column_is_numeric(table, c) => Align::Right,
                model::Align::Auto | model::Align::Left => Align::Left,
                model::Align::Centre => Align::Centre,
                model::Align::Right => Align::Right,
            },
            width_percent: col.width_percent,
        })
        .collect();
    TableNode {
        caption: table.caption.as_ref().map(resolve),
        columns,
        rows: table
            .rows
            .iter()
            .map(|r| r.iter().map(resolve).collect())
            .collect(),
        total: table
            .total
            .as_ref()
            .map(|r| r.iter().map(resolve).collect()),
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
        .map(model::Text::plain)
        .filter(|s| !s.trim().is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|s| crate::amount::parse(&s).is_some())
}
