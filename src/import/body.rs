//! The body read back: summary, recommendations, sections, back matter and
//! appendices, by their heading styles; blocks by paragraph style. What
//! print does not show (section kinds, exemptions, image files, column
//! widths, a route that prints nothing) comes from the report the file
//! carries, matched by place.

use super::flow::{Item, Para, Table};
use super::Import;
use crate::compose::text::resolve;
use crate::model::{
    self, Align, Appendix, Block, Column, Image, Officer, Papers, Recommendation, Route, Section,
    SectionKind, Span, Text,
};

/// Most grid columns a table is read with: more is not a report's table,
/// and would only cost memory.
const MAX_COLUMNS: usize = 256;

/// What a run of blocks belongs to, which decides how plain paragraphs read.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// Numbered paragraphs are `paragraph`, unnumbered ones `continuation`.
    Section,
    /// Plain paragraphs are `paragraph`.
    Plain,
}

/// Links the renderer made from addresses in plain text (`resolve`) are
/// plain text again; neighbouring runs that then agree are one run.
pub(super) fn clean(text: &Text) -> Text {
    let mut out: Vec<Span> = Vec::new();
    for s in &text.0 {
        let mut s = s.clone();
        if let Some(url) = &s.link {
            let auto = resolve(&Text(vec![Span {
                link: None,
                ..s.clone()
            }]));
            if auto.0.len() == 1 && auto.0[0].link.as_deref() == Some(url.as_str()) {
                s.link = None;
            }
        }
        match out.last_mut() {
            Some(l)
                if l.bold == s.bold
                    && l.italic == s.italic
                    && l.link == s.link
                    && l.lang == s.lang =>
            {
                l.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    if out.is_empty() {
        // An empty cell is the empty string, as a report writes it.
        return Text::from("");
    }
    Text(out)
}

/// Text without the bold its cell style gave it.
fn unbold(t: &Text) -> Text {
    clean(&Text(
        t.0.iter()
            .map(|s| Span {
                bold: false,
                ..s.clone()
            })
            .collect(),
    ))
}

fn all_bold(t: &Text) -> bool {
    t.0.iter().all(|s| s.bold || s.text.trim().is_empty()) && !t.plain().trim().is_empty()
}

/// An officer from "Name, Job title, phone, email": the email is the part
/// with `@`, the phone the part of digits; the rest is the job title.
pub(super) fn officer(line: &str) -> Officer {
    let mut parts: Vec<&str> = line.split(", ").map(str::trim).collect();
    let email = parts
        .iter()
        .position(|p| p.contains('@') && !p.contains(' '))
        .map(|i| parts.remove(i).to_string());
    let phone = parts
        .iter()
        .rposition(|p| {
            p.chars().filter(char::is_ascii_digit).count() >= 6
                && p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
        })
        .filter(|&i| i > 0)
        .map(|i| parts.remove(i).to_string());
    let name = if parts.is_empty() {
        String::new()
    } else {
        parts.remove(0).to_string()
    };
    Officer {
        name,
        job_title: parts.join(", "),
        phone,
        email,
    }
}

/// The pieces of the body between its top-level headings.
struct Segment<'a> {
    heading: Option<&'a Para>,
    items: &'a [Item],
}

fn segments(items: &[Item]) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut heading = None;
    for (i, item) in items.iter().enumerate() {
        if let Item::Para(p) = item {
            if p.style == "heading1" {
                out.push(Segment {
                    heading,
                    items: &items[start..i],
                });
                heading = Some(p);
                start = i + 1;
            }
        }
    }
    out.push(Segment {
        heading,
        items: &items[start..],
    });
    out
}

/// Reads the body after the header block.
pub(super) fn read(im: &mut Import<'_>, items: &[Item]) {
    let t = im.template;
    let l = &t.labels;
    let base = im.base.clone();
    let order = crate::compose::numbering::sections(&base, t);
    let mut sections: Vec<Read> = Vec::new();
    let mut appendix_segments: Vec<(String, Vec<Block>, usize)> = Vec::new();
    let (mut summary_seen, mut recs_seen) = (false, false);
    for seg in segments(items) {
        let Some(h) = seg.heading else {
            // Before the first heading: an exempt notice, a spacer.
            for item in seg.items {
                if let Item::Para(p) = item {
                    if !p.text.plain().trim().is_empty() && p.style != "exemptnotice" {
                        im.warn("$", format!("paragraph {} comes before the first heading and is not part of any section; it is left out", p.number));
                    }
                }
            }
            continue;
        };
        let text = h.text.plain().trim().to_string();
        if text == l.executive_summary
            || (!summary_seen && h.unnumbered && sections.is_empty() && text != l.recommendations)
        {
            if text != l.executive_summary {
                im.warn("$.summary", format!("the heading \"{text}\" (paragraph {}) is read as the executive summary's; the template prints \"{}\"", h.number, l.executive_summary));
            }
            summary_seen = true;
            let mut blocks = im.blocks(seg.items, Ctx::Plain, "$.summary", &base.summary);
            keep_continuations(&mut blocks, &base.summary);
            im.report.summary = blocks;
        } else if text == l.recommendations {
            recs_seen = true;
            recommendations(im, seg.items, &base);
        } else if t
            .implications_table
            .as_ref()
            .is_some_and(|it| it.heading.trim() == text)
        {
            implications(im, seg.items, &base, &order, &mut sections);
        } else if text == l.back_matter {
            back_matter(im, seg.items, &base);
        } else if text.starts_with(&format!("{} ", l.appendix)) && text.contains(": ") {
            let at = appendix_segments.len();
            let path = format!("$.appendices[{at}]");
            let base_blocks = base
                .appendices
                .get(at)
                .map(|a| a.blocks.clone())
                .unwrap_or_default();
            let blocks = im.blocks(seg.items, Ctx::Plain, &path, &base_blocks);
            appendix_segments.push((text, blocks, h.number));
        } else if t.section_groups.iter().any(|g| g.heading.trim() == text) {
            // A group's sections are headed a level down, each one section.
            let mut members = seg
                .items
                .split(|i| matches!(i, Item::Para(p) if p.style == "heading2"));
            for item in members.next().unwrap_or_default() {
                if let Item::Para(p) = item {
                    if !p.text.plain().trim().is_empty() {
                        im.warn("$.sections", format!("paragraph {} is under the heading \"{text}\" before its first section; it is left out", p.number));
                    }
                }
            }
            let headings = seg.items.iter().filter_map(|i| match i {
                Item::Para(p) if p.style == "heading2" => Some(p),
                _ => None,
            });
            for (h, items) in headings.zip(members) {
                section(im, &base, &order, &mut sections, h, items);
            }
        } else {
            section(im, &base, &order, &mut sections, h, seg.items);
        }
    }
    let _ = recs_seen;
    place_sections(im, &base, &order, sections);
    place_appendices(im, appendix_segments);
}

/// One section under its heading, matched by place with the sections the
/// report prints.
fn section(
    im: &mut Import<'_>,
    base: &model::Report,
    order: &[crate::compose::numbering::NumberedSection],
    sections: &mut Vec<Read>,
    h: &Para,
    items: &[Item],
) {
    let t = im.template;
    let text = h.text.plain().trim().to_string();
    // Whole-report numbering numbers paragraphs, not headings.
    if h.unnumbered && t.numbering != crate::template::Numbering::WholeReport {
        im.warn("$.sections", format!("the heading \"{text}\" (paragraph {}) has no section number; it is read as a section", h.number));
    }
    let k = sections.len();
    let base_blocks = order
        .get(k)
        .map(|n| base.sections[n.index].blocks.clone())
        .unwrap_or_default();
    let path = format!(
        "$.sections[{}]",
        order.get(k).map_or(base.sections.len() + k, |n| n.index)
    );
    let blocks = im.blocks(items, Ctx::Section, &format!("{path}.blocks"), &base_blocks);
    sections.push((text, blocks, h.number, None));
}

/// A summary paragraph prints like a continuation: where the report had a
/// continuation with the same words, it stays one.
fn keep_continuations(blocks: &mut [Block], base: &[Block]) {
    for (b, old) in blocks.iter_mut().zip(base) {
        if let (Block::Paragraph(new), Block::Continuation(was)) = (&*b, old) {
            if was.plain() == new.plain() {
                *b = Block::Continuation(new.clone());
            }
        }
    }
}

/// A section as read: its heading, blocks, the paragraph it starts at, and
/// its sign-off when an implications table printed one.
type Read = (String, Vec<Block>, usize, Option<Option<String>>);

/// The implications table's rows, each a section: the row header is its
/// heading, the comment its paragraphs and bullets, the sign-off cell who
/// signed it off. Rows are matched by place with the sections the report
/// sets out in the table, in the table's row order.
fn implications(
    im: &mut Import<'_>,
    items: &[Item],
    base: &model::Report,
    order: &[crate::compose::numbering::NumberedSection],
    out: &mut Vec<Read>,
) {
    let sign_column = im
        .template
        .implications_table
        .as_ref()
        .is_some_and(|it| it.sign_off_column.is_some());
    let mut tables = items.iter().filter_map(|i| match i {
        Item::Table(t) => Some(t),
        _ => None,
    });
    let Some(table) = tables.next() else {
        im.warn(
            "$.sections",
            "the implications heading has no table under it; its sections are left out",
        );
        return;
    };
    for t in tables {
        im.warn(
            "$.sections",
            format!(
                "table {} is under the implications heading after its table; it is left out",
                t.number
            ),
        );
    }
    for item in items {
        if let Item::Para(p) = item {
            if !p.text.plain().trim().is_empty() {
                im.warn("$.sections", format!("paragraph {} is under the implications heading, which holds only its table; it is left out", p.number));
            }
        }
    }
    for row in table.rows.iter().skip(1) {
        let k = out.len();
        let was = order
            .get(k)
            .filter(|n| n.in_table)
            .map(|n| &base.sections[n.index]);
        let Some((label, rest)) = row.split_first() else {
            continue;
        };
        let label = label
            .paras
            .iter()
            .map(|p| p.text.plain())
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string();
        let mut lines: Vec<Text> = rest
            .first()
            .map(|c| c.paras.iter().map(|p| clean(&p.text)).collect())
            .unwrap_or_default();
        // An exempt section's row starts with its notice, which compose writes.
        if was.is_some_and(|w| w.exempt.is_some()) && !lines.is_empty() {
            lines.remove(0);
        }
        let mut blocks: Vec<Block> = Vec::new();
        for line in lines {
            if line.plain().trim().is_empty() {
                continue;
            }
            let bullet = line
                .0
                .first()
                .and_then(|s| s.text.strip_prefix("• "))
                .map(str::to_string);
            match bullet {
                Some(first) => {
                    let mut item = line.clone();
                    item.0[0].text = first;
                    item.0.retain(|s| !s.text.is_empty());
                    let item = clean(&item);
                    match blocks.last_mut() {
                        Some(Block::Bullets(v)) => v.push(item),
                        _ => blocks.push(Block::Bullets(vec![item])),
                    }
                }
                None => blocks.push(Block::Paragraph(line)),
            }
        }
        let base_blocks = was.map(|w| w.blocks.clone()).unwrap_or_default();
        keep_continuations(&mut blocks, &base_blocks);
        let sign_off = sign_column.then(|| {
            let s = rest
                .get(1)
                .map(|c| {
                    c.paras
                        .iter()
                        .map(|p| p.text.plain())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        });
        out.push((label, blocks, 0, sign_off));
    }
}

fn place_sections(
    im: &mut Import<'_>,
    base: &model::Report,
    order: &[crate::compose::numbering::NumberedSection],
    read: Vec<Read>,
) {
    let t = im.template;
    let mut slots: Vec<Option<Section>> = vec![None; base.sections.len()];
    let mut extra = Vec::new();
    for (k, (heading, blocks, number, sign_off)) in read.into_iter().enumerate() {
        match order.get(k) {
            Some(n) => {
                let was = &base.sections[n.index];
                let label = was
                    .heading
                    .clone()
                    .or_else(|| t.section(&was.kind).map(|s| s.heading.clone()));
                let heading = if label.as_deref() == Some(heading.as_str()) {
                    was.heading.clone()
                } else {
                    Some(heading)
                };
                // A withheld section prints only its notice: its content stays as the file carries it.
                let blocks = if was.exempt.is_some() && im.public && blocks.is_empty() {
                    was.blocks.clone()
                } else {
                    blocks
                };
                slots[n.index] = Some(Section {
                    heading,
                    blocks,
                    sign_off: sign_off.unwrap_or_else(|| was.sign_off.clone()),
                    ..was.clone()
                });
            }
            None => {
                im.warn(
                    format!("$.sections[{}]", base.sections.len() + extra.len()),
                    format!("the section \"{heading}\" (paragraph {number}) was added in Word; it is read as an \"other\" section"),
                );
                extra.push(Section {
                    kind: SectionKind::Other,
                    heading: Some(heading),
                    blocks,
                    exempt: None,
                    sign_off: sign_off.flatten(),
                });
            }
        }
    }
    for (i, s) in slots.iter().enumerate() {
        if s.is_none() {
            im.warn(
                format!("$.sections[{i}]"),
                "this section's heading is not in the Word file (deleted?); the section is left out",
            );
        }
    }
    im.report.sections = slots.into_iter().flatten().chain(extra).collect();
}

fn place_appendices(im: &mut Import<'_>, read: Vec<(String, Vec<Block>, usize)>) {
    for (heading, blocks, number) in read {
        let found = (0..im.report.appendices.len()).find(|&i| {
            heading.starts_with(&format!(
                "{}:",
                crate::compose::back_matter::appendix_name(im.template, i)
            ))
        });
        match found {
            Some(i) => {
                let mut blocks = blocks;
                // The line compose prints for an exempt appendix circulated
                // separately is not content of the appendix.
                let name = crate::compose::back_matter::appendix_name(im.template, i);
                let line = im
                    .template
                    .labels
                    .circulated_separately
                    .replace("{what}", &name);
                if im.report.appendices[i].exempt.is_some()
                    && matches!(blocks.first(), Some(Block::Paragraph(p)) if p.plain().trim() == line.trim())
                {
                    blocks.remove(0);
                }
                let a = &mut im.report.appendices[i];
                if !(a.exempt.is_some() && im.public && blocks.is_empty()) {
                    a.blocks = blocks;
                }
            }
            None => im.warn(
                "$.appendices",
                format!("the appendix heading \"{heading}\" (paragraph {number}) names no appendix in the list of appendices; its content is left out"),
            ),
        }
    }
}

fn recommendations(im: &mut Import<'_>, items: &[Item], base: &model::Report) {
    let l = &im.template.labels;
    let opening = im.template.opening_for(base.decider());
    let suffix = format!(" {}", l.to_council);
    let mut recs: Vec<(Recommendation, Vec<Item>, usize)> = Vec::new();
    let mut before = Vec::new();
    // Numbered through the whole report, recommendations are numbered
    // paragraphs of its one sequence.
    let style = if im.template.numbering == crate::template::Numbering::WholeReport {
        "numberedparagraph"
    } else {
        "listnumber"
    };
    for item in items {
        match item {
            Item::Para(p) if p.style == style => {
                let i = recs.len();
                let mut text = clean(&p.text);
                let mut route = base
                    .recommendations
                    .get(i)
                    .map_or(Route::Decide, |r| r.route);
                let says_council = crate::model::route_words::says_council(&text.plain());
                if let Some(last) = text.0.last_mut() {
                    // Compose prints the route before the closing punctuation
                    // ("… (for recommendation to Council); and").
                    let found = last.text.rfind(&suffix).filter(|&at| {
                        let tail = last.text[at + suffix.len()..].trim();
                        ["", ";", "; and", "; or", ",", ".", ":"].contains(&tail)
                    });
                    if let Some(at) = found {
                        last.text.replace_range(at..at + suffix.len(), "");
                        route = Route::Council;
                    } else if route == Route::Council && !says_council {
                        // Compose leaves the words off only where the text
                        // already sends the item to Council.
                        route = Route::Decide;
                    }
                }
                text.0.retain(|s| !s.text.is_empty());
                recs.push((
                    Recommendation {
                        text,
                        route,
                        blocks: Vec::new(),
                    },
                    Vec::new(),
                    p.number,
                ));
            }
            other => match recs.last_mut() {
                Some((_, children, _)) => children.push(other.clone()),
                None => before.push(other.clone()),
            },
        }
    }
    for item in &before {
        if let Item::Para(p) = item {
            let s = p.text.plain();
            if !s.trim().is_empty() && s.trim() != opening {
                im.warn("$.recommendations", format!("paragraph {} (\"{}\") is not the template's opening line \"{opening}\", which the template prints itself; it is left out", p.number, short(&s)));
            }
        }
    }
    let mut out = Vec::new();
    for (i, (mut rec, children, _)) in recs.into_iter().enumerate() {
        let path = format!("$.recommendations[{i}].blocks");
        let base_blocks = base
            .recommendations
            .get(i)
            .map(|r| r.blocks.clone())
            .unwrap_or_default();
        rec.blocks = im.blocks(&children, Ctx::Plain, &path, &base_blocks);
        keep_continuations(&mut rec.blocks, &base_blocks);
        out.push(rec);
    }
    im.report.recommendations = out;
}

fn short(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

fn back_matter(im: &mut Import<'_>, items: &[Item], base: &model::Report) {
    let l = im.template.labels.clone();
    let none = format!("{}.", l.none);
    let mut part: Option<&str> = None;
    let mut lists: [Vec<Text>; 4] = Default::default();
    let mut contacts: Vec<(String, usize)> = Vec::new();
    let names = [
        l.linked_reports.as_str(),
        l.appendices.as_str(),
        l.background_papers.as_str(),
        l.contacts.as_str(),
    ];
    let mut next = 0;
    for item in items {
        match item {
            Item::Para(p) if p.style == "heading2" => {
                let text = p.text.plain();
                let text = text.trim();
                let found = names.iter().position(|n| n.trim() == text);
                let k = found.unwrap_or(next);
                if found.is_none() {
                    im.warn("$", format!("the heading \"{text}\" (paragraph {}) is not one of the back matter's; it is read as \"{}\"", p.number, names.get(k).unwrap_or(&"")));
                }
                part = names.get(k).copied();
                next = k + 1;
            }
            Item::Para(p) if p.text.plain().trim().is_empty() => {}
            Item::Para(p) => {
                let k = names.iter().position(|n| Some(*n) == part);
                match k {
                    Some(3) => contacts.push((p.text.plain().trim().to_string(), p.number)),
                    Some(k) => lists[k].push(clean(&p.text)),
                    None => im.warn(
                        "$",
                        format!(
                            "paragraph {} is under no back-matter heading; it is left out",
                            p.number
                        ),
                    ),
                }
            }
            Item::Table(t) => im.warn(
                "$",
                format!(
                    "table {} is in the back matter, which holds no tables; it is left out",
                    t.number
                ),
            ),
        }
    }
    let [linked, appendices, papers, _] = lists;
    let is_none = |v: &[Text]| v.is_empty() || (v.len() == 1 && v[0].plain().trim() == none);
    let papers_of = |v: Vec<Text>, was: &Option<Papers>| -> Option<Papers> {
        if is_none(&v) {
            match was {
                Some(Papers::Listed(x)) if !x.is_empty() => Some(Papers::None),
                other => other.clone(),
            }
        } else {
            Some(Papers::Listed(v))
        }
    };
    im.report.linked_reports = papers_of(linked, &base.linked_reports);
    im.report.background_papers = papers_of(papers, &base.background_papers);

    // "Appendix 1 – Title (exempt)": the title is what follows the dash.
    let mut out: Vec<Appendix> = Vec::new();
    if !is_none(&appendices) {
        for (i, line) in appendices.iter().enumerate() {
            let line = line.plain();
            let mut title = line
                .split_once(" – ")
                .map_or(line.as_str(), |(_, t)| t)
                .trim()
                .to_string();
            let was = base.appendices.get(i);
            if was.is_some_and(|a| a.exempt.is_some()) {
                if let Some(t) = title.strip_suffix(&format!(" {}", l.exempt_marker)) {
                    title = t.to_string();
                }
            }
            out.push(match was {
                Some(a) => Appendix { title, ..a.clone() },
                None => Appendix {
                    title,
                    exempt: None,
                    blocks: Vec::new(),
                },
            });
        }
    }
    if out.len() != base.appendices.len() {
        im.warn("$.appendices", format!("the list of appendices has {} entries where the report had {}; appendices are matched by place", out.len(), base.appendices.len()));
    }
    im.report.appendices = out;

    let mut officers = Vec::new();
    if !(contacts.len() == 1 && contacts[0].0 == l.not_applicable) {
        for (i, (line, _)) in contacts.iter().enumerate() {
            let was = base.contacts.get(i);
            let same = was.is_some_and(|o| {
                let mut parts = vec![o.name.clone(), o.job_title.clone()];
                parts.extend(o.phone.clone());
                parts.extend(o.email.clone());
                parts.join(", ") == *line
            });
            officers.push(match (same, was) {
                (true, Some(o)) => o.clone(),
                _ => officer(line),
            });
        }
    }
    im.report.contacts = officers;
}

impl Import<'_> {
    /// Blocks from a run of items, matched by place with `base` for what
    /// print does not carry.
    fn blocks(&mut self, items: &[Item], ctx: Ctx, path: &str, base: &[Block]) -> Vec<Block> {
        let base_tables: Vec<&model::Table> = base
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let base_images: Vec<&Image> = base
            .iter()
            .filter_map(|b| match b {
                Block::Image(i) => Some(i),
                _ => None,
            })
            .collect();
        let (mut tables, mut images) = (0, 0);
        let mut out: Vec<Block> = Vec::new();
        let mut caption: Option<Text> = None;
        let mut i = 0;
        while i < items.len() {
            let at = format!("{path}[{}]", out.len());
            match &items[i] {
                Item::Table(t) => {
                    let was = base_tables.get(tables).copied();
                    tables += 1;
                    if let Some(table) = self.table(t, caption.take(), was, &at) {
                        out.push(Block::Table(table));
                    }
                }
                Item::Para(p) if p.picture => {
                    self.pictures += 1;
                    let alt = self
                        .alts
                        .get(self.pictures - 1)
                        .cloned()
                        .unwrap_or_default();
                    let was = base_images.get(images).copied();
                    images += 1;
                    let cap = match items.get(i + 1) {
                        Some(Item::Para(c)) if c.style == "caption" => {
                            i += 1;
                            Some(clean(&c.text))
                        }
                        _ => None,
                    };
                    match was {
                        Some(img) => out.push(Block::Image(Image {
                            alt: if alt.is_empty() { img.alt.clone() } else { alt },
                            caption: cap,
                            ..img.clone()
                        })),
                        None => self.warn(&at, format!("the picture in paragraph {} was added in Word; a picture needs its file named in the report's JSON, so it is left out", p.number)),
                    }
                }
                Item::Para(p) => {
                    let text = clean(&p.text);
                    let blank = text.plain().trim().is_empty();
                    match p.style.as_str() {
                        _ if blank => {}
                        "caption" => {
                            if let Some(c) = caption.replace(text) {
                                self.warn(&at, format!("the caption \"{}\" has no table after it; it is kept as a paragraph", short(&c.plain())));
                                out.push(Block::Paragraph(c));
                            }
                        }
                        "numberedparagraph" => out.push(Block::Paragraph(text)),
                        "indentedparagraph" if ctx == Ctx::Section => {
                            out.push(Block::Continuation(text))
                        }
                        "normal" | "indentedparagraph" | "bodytext" | "textbody"
                            if ctx == Ctx::Plain =>
                        {
                            out.push(Block::Paragraph(text))
                        }
                        "heading2" | "heading3" => {
                            out.push(Block::Subheading(Text::from(text.plain().trim())))
                        }
                        "quote" | "quotations" | "intensequote" => out.push(Block::Quote(text)),
                        "listbullet" | "listparagraph" => match out.last_mut() {
                            Some(Block::Bullets(v)) if matches!(items.get(i.wrapping_sub(1)), Some(Item::Para(q)) if q.style == p.style) => {
                                v.push(text)
                            }
                            _ => out.push(Block::Bullets(vec![text])),
                        },
                        "listnumber2" => match out.last_mut() {
                            Some(Block::NumberedList(v)) if matches!(items.get(i.wrapping_sub(1)), Some(Item::Para(q)) if q.style == "listnumber2") => {
                                v.push(text)
                            }
                            _ => out.push(Block::NumberedList(vec![text])),
                        },
                        "exemptnotice" | "notice" => {}
                        other => {
                            let kind = if ctx == Ctx::Section {
                                "a numbered paragraph"
                            } else {
                                "a paragraph"
                            };
                            self.warn(&at, format!("paragraph {} is in the style \"{other}\", which this report does not use; it is kept as {kind}: \"{}\"", p.number, short(&text.plain())));
                            out.push(Block::Paragraph(text));
                        }
                    }
                }
            }
            i += 1;
        }
        if let Some(c) = caption {
            self.warn(
                path,
                format!(
                    "the caption \"{}\" has no table after it; it is kept as a paragraph",
                    short(&c.plain())
                ),
            );
            out.push(Block::Paragraph(c));
        }
        out
    }

    fn table(
        &mut self,
        t: &Table,
        caption: Option<Text>,
        was: Option<&model::Table>,
        path: &str,
    ) -> Option<model::Table> {
        let cell_text = |c: &super::flow::Cell| -> Text {
            let mut spans: Vec<Span> = Vec::new();
            for (n, p) in c.paras.iter().enumerate() {
                if n > 0 {
                    spans.push(Span::plain("\n"));
                }
                spans.extend(p.text.0.iter().cloned());
            }
            clean(&Text(spans))
        };
        // The header row is the one in the brand colour. A table of the
        // report with no shading at all has none; one added in Word, if its
        // first row is bold.
        let shaded = |c: &super::flow::Cell, fill: &str| c.fill.as_deref() == Some(fill);
        let any_fill = t.rows.iter().flatten().any(|c| c.fill.is_some());
        let header_row = t.rows.first().is_some_and(|r| {
            !r.is_empty()
                && if any_fill {
                    r.iter().all(|c| shaded(c, &self.head_fill))
                } else {
                    was.is_none() && r.iter().all(|c| all_bold(&cell_text(c)))
                }
        });
        let (head, body) = if header_row {
            t.rows.split_first().map(|(h, b)| (h.as_slice(), b))?
        } else if t.rows.is_empty() {
            return None;
        } else {
            (&[][..], t.rows.as_slice())
        };
        // The body as its grid: a cell spanning columns is followed by ""
        // for each it covers, a cell continuing a vertical merge is "".
        let mut rows: Vec<Vec<Text>> = Vec::with_capacity(body.len());
        let mut starts: Vec<Vec<Option<&super::flow::Cell>>> = Vec::with_capacity(body.len());
        let mut merge: Vec<model::Merge> = Vec::new();
        let mut open: Vec<Option<usize>> = Vec::new();
        for (r, row) in body.iter().enumerate() {
            let mut cells = Vec::new();
            let mut first = Vec::new();
            let mut col = 0;
            for c in row {
                if col >= MAX_COLUMNS {
                    break;
                }
                let span = c.span.min(MAX_COLUMNS - col);
                if open.len() < col + span {
                    open.resize(col + span, None);
                }
                if c.v_merge == Some(false) {
                    match open[col] {
                        Some(m) => merge[m].rows += 1,
                        None => self.warn(path, format!("a cell of table {} continues a merge down from no cell above it; it is read as an empty cell", t.number)),
                    }
                    cells.push(Text::from(""));
                    first.push(None);
                } else {
                    open[col..col + span].fill(None);
                    if span > 1 || c.v_merge == Some(true) {
                        merge.push(model::Merge {
                            row: r,
                            column: col,
                            rows: 1,
                            columns: span,
                        });
                        if c.v_merge == Some(true) {
                            open[col] = Some(merge.len() - 1);
                        }
                    }
                    cells.push(cell_text(c));
                    first.push(Some(c));
                }
                for _ in 1..span {
                    cells.push(Text::from(""));
                    first.push(None);
                }
                col += span;
            }
            if open.len() > col {
                open[col..].fill(None);
            }
            rows.push(cells);
            starts.push(first);
        }
        merge.retain(|m| m.rows > 1 || m.columns > 1);
        let header_column = was.map_or_else(
            || !rows.is_empty() && rows.iter().all(|r| r.first().is_some_and(all_bold)),
            |w| w.header_column,
        );
        // Subtotal and totals rows are shaded as the labels are.
        let set_apart: Vec<bool> = body
            .iter()
            .map(|r| any_fill && !r.is_empty() && r.iter().all(|c| shaded(c, &self.label_fill)))
            .collect();
        let total_bold = rows.len() >= 2
            && rows
                .last()
                .is_some_and(|r| r.iter().all(|c| all_bold(c) || c.plain().trim().is_empty()))
            && rows.last().is_some_and(|r| r.iter().any(all_bold));
        let has_total = match was {
            Some(w) => w.total.is_some() && !rows.is_empty(),
            None if any_fill => rows.len() >= 2 && set_apart.last() == Some(&true),
            None => total_bold && !header_column,
        };
        let total = has_total
            .then(|| rows.pop())
            .flatten()
            .map(|r| r.iter().map(unbold).collect());
        let subtotal_rows: Vec<usize> = (0..rows.len()).filter(|&r| set_apart[r]).collect();
        for &r in &subtotal_rows {
            for c in &mut rows[r] {
                *c = unbold(c);
            }
        }
        if header_column {
            for r in &mut rows {
                if let Some(c) = r.first_mut() {
                    *c = unbold(c);
                }
            }
        }
        let mut headings: Vec<Text> = Vec::new();
        for cell in head {
            headings.push(unbold(&cell_text(cell)));
            headings.extend((1..cell.span).map(|_| Text::default()));
        }
        let widest = rows
            .iter()
            .chain(total.iter())
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let n = if header_row { headings.len() } else { widest };
        let columns: Vec<Column> = (0..n)
            .map(|c| {
                let printed = starts
                    .iter()
                    .find_map(|r| r.get(c).copied().flatten().filter(|cell| cell.span == 1))
                    .and_then(|cell| cell.paras.first())
                    .and_then(|p| p.align.as_deref());
                let printed = match printed {
                    Some("right") | Some("end") => Align::Right,
                    Some("center") => Align::Centre,
                    _ => Align::Left,
                };
                let old = was.filter(|w| w.columns.len() == n).map(|w| &w.columns[c]);
                let numeric = {
                    let mut cells = rows
                        .iter()
                        .chain(total.iter())
                        .filter_map(|r| r.get(c))
                        .map(Text::plain)
                        .filter(|s| !s.trim().is_empty())
                        .peekable();
                    cells.peek().is_some() && cells.all(|s| crate::amount::parse(&s).is_some())
                };
                let auto = if numeric { Align::Right } else { Align::Left };
                let align = match old.map(|o| o.align) {
                    Some(a) if a == printed || (a == Align::Auto && printed == auto) => a,
                    _ if printed == auto => Align::Auto,
                    _ => printed,
                };
                let heading = match headings.get(c) {
                    Some(h) if !h.plain().is_empty() => h.clone(),
                    // A blank heading as the report wrote it.
                    _ => old.map(|o| o.heading.clone()).unwrap_or_default(),
                };
                Column {
                    heading,
                    align,
                    width_percent: old.and_then(|o| o.width_percent),
                }
            })
            .collect();
        // A table without a header row may leave its columns out, as the
        // report did when they say nothing but the defaults.
        let plain = |c: &Column| {
            c.heading.is_blank() && c.align == Align::Auto && c.width_percent.is_none()
        };
        let columns =
            if !header_row && was.is_none_or(|w| w.columns.is_empty()) && columns.iter().all(plain)
            {
                Vec::new()
            } else {
                columns
            };
        Some(model::Table {
            caption,
            columns,
            rows,
            header_column,
            total,
            subtotal_rows,
            merge,
        })
    }
}
