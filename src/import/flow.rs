//! The body of a Word file as a flat list of paragraphs and tables, each
//! paragraph with its style (by name, so a style LibreOffice renamed still
//! reads), its numbering and its runs. Built on docx-rs's reading; alt text
//! comes from the XML, which docx-rs does not surface.

use super::package::Docx;
use crate::model::{Language, Span, Text};
use docx_rs::{
    DocumentChild, Paragraph, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild,
};
use std::collections::HashMap;

/// A paragraph as read.
#[derive(Debug, Clone)]
pub struct Para {
    /// The style's name, lower case without spaces (`numberedparagraph`).
    pub style: String,
    /// Numbering switched off on the paragraph itself (`w:numId` 0).
    pub unnumbered: bool,
    /// Its runs, with bold, italic and links.
    pub text: Text,
    /// Holds a picture.
    pub picture: bool,
    /// `left`, `right`, `center` … when set on the paragraph.
    pub align: Option<String>,
    /// Its place among the document's paragraphs, from 1, for messages.
    pub number: usize,
}

/// A table cell.
#[derive(Debug, Clone)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// Columns it spans (`w:gridSpan`).
    pub span: usize,
    /// `w:vMerge`: `Some(true)` starts a cell merged down, `Some(false)`
    /// continues the one above.
    pub v_merge: Option<bool>,
    /// Its shading (`w:shd/@w:fill`), upper case.
    pub fill: Option<String>,
}

/// A table as read.
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// Its place among the document's tables, from 1.
    pub number: usize,
}

#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    Table(Table),
}

/// `Heading 1` → `heading1`; LibreOffice's and Word's names for one style
/// agree once case and spaces go.
pub fn canonical(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

struct Reader<'a> {
    styles: HashMap<String, String>,
    links: HashMap<&'a str, &'a str>,
    paras: usize,
    tables: usize,
    run_langs: &'a [(String, Option<String>)],
    /// The next of `run_langs` to match.
    run_at: usize,
    /// The document's language: a run in it carries none of its own.
    lang: &'a str,
}

/// The document body in order.
pub fn items<'a>(docx: &'a Docx, lang: &'a str) -> Vec<Item> {
    let mut r = Reader {
        styles: docx
            .styles
            .iter()
            .map(|(id, name)| (id.clone(), canonical(name)))
            .collect(),
        links: docx
            .links
            .iter()
            .map(|(id, url)| (id.as_str(), url.as_str()))
            .collect(),
        paras: 0,
        tables: 0,
        run_langs: &docx.run_langs,
        run_at: 0,
        lang,
    };
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let p = r.para(p);
                out.push(Item::Para(p));
            }
            DocumentChild::Table(t) => {
                let t = r.table(t);
                out.push(Item::Table(t));
            }
            _ => {}
        }
    }
    out
}

impl Reader<'_> {
    fn para(&mut self, p: &Paragraph) -> Para {
        self.paras += 1;
        let style = p
            .property
            .style
            .as_ref()
            .map(|s| {
                self.styles
                    .get(&s.val)
                    .cloned()
                    .unwrap_or_else(|| canonical(&s.val))
            })
            .unwrap_or_else(|| "normal".into());
        let unnumbered = p
            .property
            .numbering_property
            .as_ref()
            .and_then(|n| n.id.as_ref())
            .is_some_and(|id| id.id == 0);
        let mut spans = Vec::new();
        let mut picture = false;
        self.children(&p.children, None, &mut spans, &mut picture);
        Para {
            style,
            unnumbered,
            text: Text(merge(spans)),
            picture,
            align: p.property.alignment.as_ref().map(|j| j.val.clone()),
            number: self.paras,
        }
    }

    fn children(
        &mut self,
        children: &[ParagraphChild],
        link: Option<&str>,
        out: &mut Vec<Span>,
        picture: &mut bool,
    ) {
        for child in children {
            match child {
                ParagraphChild::Run(run) => {
                    let flag = |v: Option<serde_json::Value>| {
                        v.is_some_and(|v| v.as_bool().unwrap_or(true))
                    };
                    let bold = flag(
                        run.run_property
                            .bold
                            .as_ref()
                            .and_then(|b| serde_json::to_value(b).ok()),
                    );
                    let italic = flag(
                        run.run_property
                            .italic
                            .as_ref()
                            .and_then(|b| serde_json::to_value(b).ok()),
                    );
                    let mut text = String::new();
                    for c in &run.children {
                        match c {
                            RunChild::Text(t) => text.push_str(&t.text),
                            RunChild::Tab(_) => text.push('\t'),
                            RunChild::Break(_) => text.push('\n'),
                            RunChild::Drawing(_) => *picture = true,
                            _ => {}
                        }
                    }
                    let lang = self.lang_of(&text);
                    if !text.is_empty() {
                        out.push(Span {
                            text,
                            bold,
                            italic,
                            link: link.map(str::to_string),
                            lang,
                        });
                    }
                }
                ParagraphChild::Hyperlink(h) => {
                    let url = match &h.link {
                        docx_rs::HyperlinkData::External { rid, path } => self
                            .links
                            .get(rid.as_str())
                            .map(|s| s.to_string())
                            .or_else(|| (!path.is_empty()).then(|| path.clone())),
                        docx_rs::HyperlinkData::Anchor { .. } => None,
                    };
                    self.children(&h.children, url.as_deref(), out, picture);
                }
                ParagraphChild::Insert(ins) => {
                    // Tracked insertions are read as accepted.
                    let kids: Vec<ParagraphChild> = ins
                        .children
                        .iter()
                        .filter_map(|c| match c {
                            docx_rs::InsertChild::Run(r) => Some(ParagraphChild::Run(r.clone())),
                            _ => None,
                        })
                        .collect();
                    self.children(&kids, link, out, picture);
                }
                _ => {}
            }
        }
    }

    /// The language of the run docx-rs read as `text`: the next scanned run
    /// with the same text (runs docx-rs skips, such as deletions, are
    /// passed over), looked for a bounded way ahead.
    fn lang_of(&mut self, text: &str) -> Option<Language> {
        const AHEAD: usize = 64;
        let plain = |t: &str| t.replace(['\t', '\n'], "");
        let want = plain(text);
        let rest = self.run_langs.get(self.run_at..).unwrap_or_default();
        let k = rest.iter().take(AHEAD).position(|(t, _)| *t == want)?;
        self.run_at += k + 1;
        let tag = rest[k].1.as_deref()?;
        let lang = match tag {
            "en-GB" | "en" => Language::EnglishUk,
            "cy-GB" | "cy" => Language::WelshUk,
            _ => return None,
        };
        (lang.tag() != self.lang).then_some(lang)
    }

    fn table(&mut self, t: &docx_rs::Table) -> Table {
        self.tables += 1;
        let number = self.tables;
        let mut rows = Vec::new();
        for TableChild::TableRow(row) in &t.rows {
            let mut cells = Vec::new();
            for TableRowChild::TableCell(cell) in &row.cells {
                let pr = serde_json::to_value(&cell.property).unwrap_or_default();
                let span = pr
                    .get("gridSpan")
                    .and_then(|g| g.as_u64())
                    .map_or(1, |g| g.clamp(1, 64) as usize);
                let v_merge = pr.get("verticalMerge").and_then(|m| {
                    let m = m.to_string().to_ascii_lowercase();
                    if m.contains("restart") {
                        Some(true)
                    } else if m.contains("continue") {
                        Some(false)
                    } else {
                        None
                    }
                });
                let fill = pr
                    .get("shading")
                    .and_then(|s| s.get("fill"))
                    .and_then(|f| f.as_str())
                    .map(str::to_ascii_uppercase)
                    .filter(|f| !f.is_empty() && f != "AUTO");
                let paras = cell
                    .children
                    .iter()
                    .filter_map(|c| match c {
                        TableCellContent::Paragraph(p) => Some(self.para(p)),
                        _ => None,
                    })
                    .collect();
                cells.push(Cell {
                    paras,
                    span,
                    v_merge,
                    fill,
                });
            }
            rows.push(cells);
        }
        Table { rows, number }
    }
}

/// Neighbouring runs with the same formatting as one span: Word splits runs
/// at will (spell-check marks, revision ids).
fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last)
                if last.bold == s.bold
                    && last.italic == s.italic
                    && last.link == s.link
                    && last.lang == s.lang =>
            {
                last.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    out
}

/// The pictures' alternative text (`wp:docPr/@descr`), in document order.
pub fn alt_texts(document_xml: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(document_xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == b"docPr" => {
                let descr = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"descr")
                    .map(|a| super::package::unescape(&String::from_utf8_lossy(&a.value)))
                    .unwrap_or_default();
                out.push(descr);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}
