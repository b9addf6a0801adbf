//! The agenda pack's front sheet as a composed document: council, body,
//! date, time and venue, members, the agenda with each item's pages, and the
//! notices. Both renderers print it as they print a report.

use super::body::join_and;
use super::text::resolve;
use super::{
    page_label, Audience, Document, Masthead, Meta, MetaRow, Node, NodeKind, ParagraphNumbering,
    Span, Text, Theme,
};
use crate::meeting::Meeting;
use crate::model::Date;
use crate::template::{Labels, Template};

/// What the front sheet says about one item beyond the meeting file: its
/// title, who presents it, and where it is in the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The printed title.
    pub title: String,
    /// "Report of Helen Marsh, Corporate Director, Place", for a report.
    pub report_of: Option<String>,
    /// First and last page index (from 0) in the pack; `None` for a short
    /// item, or a Part 2 item left out of the public pack.
    pub pages: Option<(usize, usize)>,
}

/// A link target inside the pack: page index `page` (from 0). The PDF
/// writer turns it into a go-to action; it is never written as a web address.
pub fn page_link(page: usize) -> String {
    format!("#page={page}")
}

/// "Pages 7 – 12" (or "Page 7") in the template's words, numbered as the
/// pack prints them: from 1.
pub fn pages_text(labels: &Labels, pages: (usize, usize)) -> String {
    let (first, last) = (pages.0 + 1, pages.1 + 1);
    if first == last {
        labels.item_page.replace("{first}", &first.to_string())
    } else {
        labels
            .item_pages
            .replace("{first}", &first.to_string())
            .replace("{last}", &last.to_string())
    }
}

/// "Wednesday 11 February 2026", in the template's language: its
/// `weekdays` label, and the long date in its language.
pub(crate) fn long_date_with_day(template: &Template, date: Date) -> String {
    let days: Vec<&str> = template.labels.weekdays.split(',').map(str::trim).collect();
    let day = crate::meeting::weekday(date);
    let name = match days.get(day) {
        Some(name) if days.len() == 7 && !name.is_empty() => name,
        _ => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day],
    };
    format!("{name} {}", date.long_in(template.language))
}

/// Composes the front sheet. `in_pack`: the PDF pack's front sheet, whose
/// page ranges link to their items and whose pages carry the pack's
/// numbers only; otherwise the Word front sheet, a document of its own,
/// with no pack to link into and its own "Page X of Y".
pub fn front_sheet(
    meeting: &Meeting,
    template: &Template,
    audience: Audience,
    entries: &[Entry],
    in_pack: bool,
) -> Document {
    let l = &template.labels;
    let numbers = meeting.numbers();
    let has_part2 = meeting.items.iter().any(|i| i.exempt.is_some());
    let restricted = audience == Audience::Full && has_part2;
    let class = if restricted { &l.exempt } else { &l.open };
    let meeting_name = template.body_name(&meeting.body).to_string();
    let date = long_date_with_day(template, meeting.date);
    let masthead = Masthead {
        council: template.brand.council_name.clone(),
        logo_alt: template
            .brand
            .logo_alt
            .clone()
            .unwrap_or_else(|| format!("{} logo", template.brand.council_name)),
        meeting: meeting_name.clone(),
        date: format!("{date}, {}", meeting.time.trim()),
        agenda_item: None,
        report_of: (l.venue.clone(), meeting.venue.trim().to_string()),
        classification: (l.classification.clone(), class.clone()),
        title: l.agenda.clone(),
        opening: Vec::new(),
    };

    let mut metadata = Vec::new();
    let person = |p: &crate::model::Person| Text::from(format!("{}, {}", p.name, p.role));
    let m = &meeting.members;
    metadata.push(MetaRow {
        label: l.chair.clone(),
        lines: vec![person(&m.chair)],
        path: "$.members.chair".into(),
            sign_off: None,
    });
    if let Some(v) = &m.vice_chair {
        metadata.push(MetaRow {
            label: l.vice_chair.clone(),
            lines: vec![person(v)],
            path: "$.members.vice_chair".into(),
            sign_off: None,
        });
    }
    if !m.members.is_empty() {
        metadata.push(MetaRow {
            label: l.members.clone(),
            lines: m.members.iter().map(person).collect(),
            path: "$.members.members".into(),
            sign_off: None,
        });
    }
    if let Some(d) = meeting.published {
        metadata.push(MetaRow {
            label: l.agenda_published.clone(),
            lines: vec![Text::from(d.long_in(template.language))],
            path: "$.published".into(),
            sign_off: None,
        });
    }

    let mut body = Vec::new();
    let heading = |text: String, level: u8, path: String| {
        Node::new(
            NodeKind::Heading {
                level,
                number: None,
                text,
                capitals: false,
            },
            path,
        )
    };
    let para = |text: Text, path: String| {
        Node::new(
            NodeKind::Paragraph {
                number: None,
                indented: false,
                text,
            },
            path,
        )
    };
    let mut part2_started = false;
    for (i, item) in meeting.items.iter().enumerate() {
        let path = format!("$.items[{i}]");
        let entry = &entries[i];
        if let (Some(ex), false) = (&item.exempt, part2_started) {
            part2_started = true;
            let _ = ex;
            body.push(heading(l.part2_heading.clone(), 1, "$.items".into()));
            body.push(para(
                Text::from(
                    l.part2_intro
                        .replace("{body}", &meeting_name)
                        .replace("{part}", &template.jurisdiction.schedule_part().to_string()),
                ),
                "$.items".into(),
            ));
        }
        let start = body.len();
        body.push(heading(
            format!("{}. {}", numbers[i], entry.title),
            if part2_started { 2 } else { 1 },
            path.clone(),
        ));
        if item.supplementary {
            body.push(para(
                Text(vec![Span {
                    italic: true,
                    ..Span::plain(l.supplementary_item.as_str())
                }]),
                format!("{path}.supplementary"),
            ));
        }
        if let Some(of) = &entry.report_of {
            body.push(para(Text::from(of.as_str()), format!("{path}.report")));
        }
        if let Some(text) = &item.text {
            body.push(para(resolve(text), format!("{path}.text")));
        }
        if let Some(ex) = &item.exempt {
            body.push(para(
                Text::from(
                    l.item_exempt
                        .replace("{paragraphs}", &join_and(template, &ex.paragraphs))
                        .replace("{part}", &template.jurisdiction.schedule_part().to_string()),
                ),
                format!("{path}.exempt"),
            ));
        }
        if let Some(pages) = entry.pages {
            let words = pages_text(l, pages);
            let span = Span {
                bold: true,
                link: in_pack.then(|| page_link(pages.0)),
                ..Span::plain(words)
            };
            body.push(para(Text(vec![span]), format!("{path}.report")));
        } else if item.exempt.is_some() && item.report.is_some() {
            body.push(para(
                Text::from(l.not_in_public_pack.as_str()),
                format!("{path}.report"),
            ));
        }
        // An entry is short: its title, presenter and pages stay on one page.
        let end = body.len().saturating_sub(1);
        for node in &mut body[start..end] {
            node.keep_with_next = true;
        }
    }

    notices(meeting, template, &numbers, entries, &mut body, heading, para);

    let date_long = meeting.date.long_in(template.language);
    Document {
        email_label: template.labels.email.clone(),
        exempt_parts: Vec::new(),
        metadata_columns: None,
        // The front sheet is not a report: nothing to read back from Word.
        source: None,
        second: None,
        theme: Theme::of(template),
        numbering: ParagraphNumbering::PerSection,
        meta: Meta {
            title: l
                .agenda_title
                .replace("{body}", &meeting_name)
                .replace("{date}", &date_long),
            subject: format!("{meeting_name}, {date_long}"),
            author: template.brand.council_name.clone(),
            keywords: vec![
                template.brand.council_name.clone(),
                meeting_name.clone(),
                l.agenda.clone(),
            ],
            lang: template.language.tag(),
        },
        running_header: format!("{} | {meeting_name}, {date_long}", l.agenda),
        footer: class.clone(),
        // In the pack, the pack's own number is printed on every page; a
        // second count of the front sheet's pages would only confuse.
        page_label: page_label(if in_pack {
            ""
        } else {
            &template.labels.page_x_of_y
        }),
        metadata,
        masthead,
        body,
        images: Vec::new(),
    }
}

fn notices(
    meeting: &Meeting,
    template: &Template,
    numbers: &[String],
    entries: &[Entry],
    body: &mut Vec<Node>,
    heading: impl Fn(String, u8, String) -> Node,
    para: impl Fn(Text, String) -> Node,
) {
    let n = &meeting.notices;
    let l = &template.labels;
    let part2: Vec<usize> = (0..meeting.items.len())
        .filter(|&i| meeting.items[i].exempt.is_some())
        .collect();
    let any = n.private_meeting.is_some()
        || n.webcasting.is_some()
        || n.contact.is_some()
        || n.supplementary.is_some()
        || !part2.is_empty();
    if !any {
        return;
    }
    body.push(heading(l.notices.clone(), 1, "$.notices".into()));
    if let Some(text) = &n.private_meeting {
        body.push(heading(
            l.private_meeting.clone(),
            2,
            "$.notices.private_meeting".into(),
        ));
        body.push(para(resolve(text), "$.notices.private_meeting".into()));
        if !part2.is_empty() {
            let items = part2
                .iter()
                .map(|&i| super::ListItem {
                    label: "•".into(),
                    text: Text::from(
                        l.private_item
                            .replace("{number}", &numbers[i])
                            .replace(
                                "{paragraphs}",
                                &meeting.items[i]
                                    .exempt
                                    .as_ref()
                                    .map(|e| join_and(template, &e.paragraphs))
                                    .unwrap_or_default(),
                            )
                            // Last: a title is the clerk's text, not a pattern.
                            .replace("{title}", &entries[i].title),
                    ),
                    children: Vec::new(),
                    path: format!("$.items[{i}].exempt"),
                })
                .collect();
            body.push(Node::new(
                NodeKind::List {
                    kind: super::ListKind::Bullet,
                    style: super::ListStyle::bullet(),
                    items,
                    indented: false,
                },
                "$.notices.private_meeting",
            ));
        }
    }
    for (text, title, path) in [
        (&n.webcasting, &l.webcasting, "$.notices.webcasting"),
        (&n.supplementary, &l.supplementary_items, "$.notices.supplementary"),
        (&n.contact, &l.about_agenda, "$.notices.contact"),
    ] {
        if let Some(text) = text {
            body.push(heading(title.clone(), 2, path.into()));
            body.push(para(resolve(text), path.into()));
        }
    }
}

/// The pack's page number in the template's words: its page label up to
/// the page's number ("Page {page} of {pages}" gives "Page 9", "{page} /
/// {pages}" gives "9"), as the pack's count has no "of" to give.
pub fn pack_number_label(template: &Template) -> Vec<super::PagePart> {
    let mut parts = page_label(&template.labels.page_x_of_y);
    match parts.iter().position(|p| *p == super::PagePart::Page) {
        Some(at) => parts.truncate(at + 1),
        None => parts = vec![super::PagePart::Text("Page ".into()), super::PagePart::Page],
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_are_printed_from_one() {
        let l = Labels::default();
        assert_eq!(pages_text(&l, (6, 11)), "Pages 7 \u{2013} 12");
        assert_eq!(pages_text(&l, (3, 3)), "Page 4");
    }
}
