//! Linked reports, appendices, background papers, contacts, and appendix content.

use super::body::{blocks, exempt_notice, heading};
use super::front::officer_line;
use super::numbering::appendix_label;
use super::text::resolve;
use super::{Audience, ListItem, ListKind, ListStyle, Node, NodeKind, Text};
use crate::model::{Papers, Report};
use crate::template::Template;

fn paragraph(text: Text, path: &str) -> Node {
    Node::new(
        NodeKind::Paragraph {
            number: None,
            indented: false,
            text,
        },
        path,
    )
}

fn bullets(items: Vec<(Text, String)>, path: &str) -> Node {
    let style = ListStyle::bullet();
    Node::new(
        NodeKind::List {
            kind: ListKind::Bullet,
            indented: false,
            items: items
                .into_iter()
                .filter(|(text, _)| !text.is_blank())
                .enumerate()
                .map(|(n, (text, path))| ListItem {
                    label: style.label(n),
                    text,
                    children: Vec::new(),
                    path,
                })
                .collect(),
            style,
        },
        path,
    )
}

fn papers(p: &Option<Papers>, none: &str, path: &str, out: &mut Vec<Node>) {
    match p {
        Some(Papers::Listed(items)) if !items.is_empty() => out.push(bullets(
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (resolve(t), format!("{path}[{i}]")))
                .collect(),
            path,
        )),
        _ => out.push(bullets(vec![(Text::from(none), path.to_string())], path)),
    }
}

/// "Appendix 2" / "Appendix B".
pub fn appendix_name(t: &Template, index: usize) -> String {
    format!(
        "{} {}",
        t.labels.appendix,
        appendix_label(t.appendices, index)
    )
}

pub(super) fn back_matter(report: &Report, t: &Template, out: &mut Vec<Node>) {
    let l = &t.labels;
    out.push(heading(1, None, &l.back_matter, t, "$.linked_reports"));

    out.push(heading(2, None, &l.linked_reports, t, "$.linked_reports"));
    papers(
        &report.linked_reports,
        &format!("{}.", l.none),
        "$.linked_reports",
        out,
    );

    out.push(heading(2, None, &l.appendices, t, "$.appendices"));
    if report.appendices.is_empty() {
        out.push(bullets(
            vec![(Text::from(format!("{}.", l.none)), "$.appendices".into())],
            "$.appendices",
        ));
    } else {
        let items = report
            .appendices
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut line = format!("{} – {}", appendix_name(t, i), a.title);
                if a.exempt.is_some() {
                    line.push(' ');
                    line.push_str(&l.exempt_marker);
                }
                (Text::from(line), format!("$.appendices[{i}]"))
            })
            .collect();
        out.push(bullets(items, "$.appendices"));
    }

    out.push(heading(
        2,
        None,
        &l.background_papers,
        t,
        "$.background_papers",
    ));
    papers(
        &report.background_papers,
        &format!("{}.", l.none),
        "$.background_papers",
        out,
    );

    out.push(heading(2, None, &l.contacts, t, "$.contacts"));
    if report.contacts.is_empty() {
        out.push(paragraph(
            Text::from(l.not_applicable.as_str()),
            "$.contacts",
        ));
    } else {
        for (i, o) in report.contacts.iter().enumerate() {
            out.push(paragraph(officer_line(o), &format!("$.contacts[{i}]")));
        }
    }
}

/// Appendices with content follow the report, each under its own heading.
pub(super) fn appendices(report: &Report, t: &Template, audience: Audience, out: &mut Vec<Node>) {
    for (i, a) in report.appendices.iter().enumerate() {
        let path = format!("$.appendices[{i}]");
        let name = appendix_name(t, i);
        let withheld = a.exempt.is_some() && audience == Audience::Public;
        // An exempt appendix circulated separately keeps its notice in both
        // editions: the full edition's readers must know it is exempt too.
        let separate_exempt = a.blocks.is_empty() && a.exempt.is_some();
        if a.blocks.is_empty() && !withheld && !separate_exempt {
            continue;
        }
        out.push(heading(1, None, &format!("{name}: {}", a.title), t, &path));
        if let Some(ex) = &a.exempt {
            out.push(exempt_notice(t, &name, ex, &path));
        }
        if separate_exempt {
            out.push(paragraph(
                Text::from(t.labels.circulated_separately.replace("{what}", &name)),
                &format!("{path}.exempt"),
            ));
        }
        if !withheld {
            blocks(&a.blocks, &format!("{path}.blocks"), None, false, out);
        }
    }
}
