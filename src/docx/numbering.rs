//! Word list definitions: section headings and paragraph numbers, recommendations,
//! bullets and a) b) lists, all real numbering so Word renumbers after edits.
//!
//! The composed document has already decided every number; this module works
//! out which Word list shows it. Each list format is one abstract numbering;
//! each printed list is one `w:num` instance, started where the composed labels
//! say, so a Word list can never drift from the PDF.

use super::xml::esc;
use crate::compose::{ListKind, Node, NodeKind, ParaNumber};
use crate::template::Numbering;

/// Indent of the text column of numbered paragraphs, twips (1.5 cm): numbers hang in the gutter.
pub(super) const GUTTER: i64 = 850;
/// Hanging indent of list labels, twips (1 cm).
pub(super) const LIST_HANG: i64 = 567;

/// The abstract numbering of section headings (level 0) and paragraphs (level 1).
const SECTIONS: u32 = 0;
/// `w:num` ids the styles point at; instances for individual lists follow.
pub(super) const NUM_SECTIONS: u32 = 1;
pub(super) const NUM_RECOMMENDATIONS: u32 = 2;
pub(super) const NUM_BULLETS: u32 = 3;
pub(super) const NUM_ALPHA: u32 = 4;
pub(super) const NUM_PARAGRAPHS: u32 = 5;

/// How a list's counter is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Format {
    /// `decimal`, `lowerLetter`, `upperLetter`, `lowerRoman`, `upperRoman` or `bullet`.
    num_fmt: &'static str,
    /// What surrounds the counter: "%1." is `("", ".")`; a bullet's character is `prefix`.
    prefix: String,
    suffix: String,
}

impl Format {
    fn bullet(c: &str) -> Format {
        Format {
            num_fmt: "bullet",
            prefix: c.to_string(),
            suffix: String::new(),
        }
    }
    fn counter(num_fmt: &'static str, prefix: &str, suffix: &str) -> Format {
        Format {
            num_fmt,
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        }
    }
    fn lvl_text(&self, level: u32) -> String {
        if self.num_fmt == "bullet" {
            self.prefix.clone()
        } else {
            format!("{}%{}{}", self.prefix, level + 1, self.suffix)
        }
    }
}

/// The counter of item `n` (from 1) in each format Word has.
fn counter(num_fmt: &str, n: u32) -> String {
    match num_fmt {
        "decimal" => n.to_string(),
        "lowerLetter" | "upperLetter" => {
            // Word repeats the letter past z (aa, bbb); compose uses bijective
            // base 26 (aa, ab), which agree up to z: past that, no match, so typed.
            let s = if (1..=26).contains(&n) {
                char::from(b'a' + (n - 1) as u8).to_string()
            } else {
                String::new()
            };
            if num_fmt == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" | "upperRoman" => {
            let s = roman(n);
            if num_fmt == "upperRoman" {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => String::new(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Works out the Word format and first number of a list from its printed labels:
/// `None` when no Word format prints exactly these labels.
fn format_of(kind: ListKind, labels: &[&str]) -> Option<(Format, u32)> {
    let first = *labels.first()?;
    if kind == ListKind::Bullet {
        return labels
            .iter()
            .all(|l| *l == first)
            .then(|| (Format::bullet(first), 1));
    }
    for num_fmt in [
        "decimal",
        "lowerLetter",
        "upperLetter",
        "lowerRoman",
        "upperRoman",
    ] {
        for start in 1..=labels.len() as u32 + 1 {
            let c = counter(num_fmt, start);
            if c.is_empty() {
                continue;
            }
            let Some(at) = first.find(&c) else { continue };
            let (prefix, suffix) = (&first[..at], &first[at + c.len()..]);
            let fits = labels.iter().zip(start..).all(|(l, n)| {
                let c = counter(num_fmt, n);
                !c.is_empty() && *l == format!("{prefix}{c}{suffix}")
            });
            if fits {
                return Some((Format::counter(num_fmt, prefix, suffix), start));
            }
            // A decimal list starts at 1 or where its first label says; no need to scan on.
            break;
        }
    }
    None
}

/// Where a list item's numbering comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumRef {
    /// The `w:num` id.
    pub num_id: u32,
    /// The level.
    pub ilvl: u32,
}

/// Every list definition of one document, built while the body is written.
#[derive(Debug)]
pub(super) struct Lists {
    numbering: Numbering,
    abstracts: Vec<(Format, Levels)>,
    /// (abstract id, overrides: (level, start)).
    nums: Vec<(u32, Vec<(u32, u32)>)>,
    /// What Word would print next without intervention: (section, paragraph), `None`
    /// when unsure; and the instances headings and paragraphs currently use.
    shown: Option<(u32, u32)>,
    active: u32,
    active_paras: u32,
}

/// The levels of an abstract numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Levels {
    /// Section headings, with per-section paragraph numbers at level 1.
    Sections,
    /// Paragraph numbers running through the report (LibreOffice ignores
    /// `w:lvlRestart`, so continuous numbers are a list of their own).
    Paragraphs,
    /// A list: level 0 at the margin, level 1 at the text column of numbered paragraphs.
    List,
}

/// The list the Numbered Paragraph style uses.
pub(super) fn paragraph_list(numbering: Numbering) -> NumRef {
    match numbering {
        Numbering::PerSection => NumRef {
            num_id: NUM_SECTIONS,
            ilvl: 1,
        },
        Numbering::Continuous => NumRef {
            num_id: NUM_PARAGRAPHS,
            ilvl: 0,
        },
    }
}

impl Lists {
    /// The base lists the styles use.
    pub fn new(numbering: Numbering) -> Lists {
        let mut lists = Lists {
            numbering,
            abstracts: Vec::new(),
            nums: Vec::new(),
            shown: Some((0, 0)),
            active: NUM_SECTIONS,
            active_paras: paragraph_list(numbering).num_id,
        };
        // Order fixes the ids: abstract 0 / num 1 sections and so on.
        lists
            .abstracts
            .push((Format::counter("decimal", "", ""), Levels::Sections));
        let recs = lists.abstract_for(Format::counter("decimal", "", "."));
        let bullets = lists.abstract_for(Format::bullet("•"));
        let alpha = lists.abstract_for(Format::counter("lowerLetter", "", ")"));
        lists
            .abstracts
            .push((Format::counter("decimal", "", ""), Levels::Paragraphs));
        let paras = lists.abstracts.len() as u32 - 1;
        lists.nums = vec![
            (SECTIONS, vec![]),
            (recs, vec![]),
            (bullets, vec![]),
            (alpha, vec![]),
            (paras, vec![]),
        ];
        lists
    }

    fn abstract_for(&mut self, format: Format) -> u32 {
        if let Some(i) = self
            .abstracts
            .iter()
            .position(|(f, l)| *l == Levels::List && *f == format)
        {
            return i as u32;
        }
        self.abstracts.push((format, Levels::List));
        self.abstracts.len() as u32 - 1
    }

    fn instance(&mut self, abstract_id: u32, overrides: Vec<(u32, u32)>) -> u32 {
        self.nums.push((abstract_id, overrides));
        self.nums.len() as u32
    }

    /// The numbering a numbered section heading needs, `None` when its style's is right.
    /// `first_paragraph` is the number of the section's first numbered paragraph.
    pub fn section_heading(&mut self, number: u32, first_paragraph: Option<u32>) -> Option<NumRef> {
        let continuous = self.numbering == Numbering::Continuous;
        let para = self.shown.map_or(0, |(_, p)| p);
        let fits = match self.shown {
            Some((s, _)) => s + 1 == number && (continuous || first_paragraph.unwrap_or(1) == 1),
            None => false,
        };
        if fits {
            self.shown = Some((number, if continuous { para } else { 0 }));
            return self.explicit(0);
        }
        // A fresh instance of the same list, started where the document is.
        let mut overrides = vec![(0, number)];
        if !continuous {
            overrides.push((1, first_paragraph.unwrap_or(1)));
        }
        self.active = self.instance(SECTIONS, overrides);
        let para = if continuous {
            para
        } else {
            first_paragraph.unwrap_or(1) - 1
        };
        self.shown = Some((number, para));
        self.explicit(0)
    }

    /// The numbering a numbered paragraph needs, `None` when its style's is right.
    pub fn paragraph(&mut self, n: &ParaNumber) -> Option<NumRef> {
        let continuous = self.numbering == Numbering::Continuous;
        let fits = self
            .shown
            .is_some_and(|(s, p)| (continuous || s == n.section) && p + 1 == n.index);
        if !fits {
            if continuous {
                let abstract_id = self.nums[NUM_PARAGRAPHS as usize - 1].0;
                self.active_paras = self.instance(abstract_id, vec![(0, n.index)]);
            } else {
                // Should not happen (paragraphs in a section are consecutive); if it
                // does, restart here and again at the next heading.
                self.active = self.instance(SECTIONS, vec![(0, n.section), (1, n.index)]);
                self.shown = None;
                return self.explicit(1);
            }
        }
        self.shown = Some((n.section, n.index));
        if continuous {
            (self.active_paras != NUM_PARAGRAPHS).then_some(NumRef {
                num_id: self.active_paras,
                ilvl: 0,
            })
        } else {
            self.explicit(1)
        }
    }

    fn explicit(&self, ilvl: u32) -> Option<NumRef> {
        (self.active != NUM_SECTIONS).then_some(NumRef {
            num_id: self.active,
            ilvl,
        })
    }

    /// A list's own instance, or `None` when Word cannot print its labels (they are then typed).
    pub fn list(&mut self, kind: ListKind, labels: &[&str], indented: bool) -> Option<NumRef> {
        let (format, start) = format_of(kind, labels)?;
        let ilvl = u32::from(indented);
        let abstract_id = self.abstract_for(format);
        let num_id = self.instance(abstract_id, vec![(ilvl, start)]);
        Some(NumRef { num_id, ilvl })
    }

    /// `word/numbering.xml`.
    pub fn xml(&self) -> String {
        let mut x = String::from(super::xml::DECL);
        x.push_str(r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#);
        for (id, (format, levels)) in self.abstracts.iter().enumerate() {
            x.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="{}"/>"#,
                if *levels == Levels::Paragraphs {
                    "singleLevel"
                } else {
                    "multilevel"
                }
            ));
            match levels {
                Levels::Sections => self.section_levels(&mut x),
                // A style links to one list level only: this one with continuous numbers.
                Levels::Paragraphs => level(
                    &mut x,
                    0,
                    "decimal",
                    "%1",
                    (self.numbering == Numbering::Continuous).then_some("NumberedParagraph"),
                    GUTTER,
                    GUTTER,
                ),
                Levels::List => {
                    for ilvl in 0..2 {
                        let left = LIST_HANG + i64::from(ilvl) * GUTTER;
                        level(
                            &mut x,
                            ilvl,
                            format.num_fmt,
                            &format.lvl_text(ilvl),
                            None,
                            left,
                            LIST_HANG,
                        );
                    }
                }
            }
            x.push_str("</w:abstractNum>");
        }
        for (i, (abstract_id, overrides)) in self.nums.iter().enumerate() {
            x.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{abstract_id}"/>"#,
                i + 1
            ));
            for (ilvl, start) in overrides {
                x.push_str(&format!(
                    r#"<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>"#
                ));
            }
            x.push_str("</w:num>");
        }
        x.push_str("</w:numbering>");
        x
    }

    fn section_levels(&self, x: &mut String) {
        x.push_str(r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>"#);
        x.push_str(&format!(
            r#"<w:pPr><w:ind w:left="{GUTTER}" w:hanging="{GUTTER}"/></w:pPr></w:lvl>"#
        ));
        // With continuous numbers the paragraphs are a list of their own.
        let style = match self.numbering {
            Numbering::PerSection => r#"<w:pStyle w:val="NumberedParagraph"/>"#,
            Numbering::Continuous => "",
        };
        x.push_str(&format!(
            r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{style}<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{GUTTER}" w:hanging="{GUTTER}"/></w:pPr><w:rPr><w:b w:val="0"/><w:caps w:val="0"/></w:rPr></w:lvl>"#
        ));
    }
}

fn level(
    x: &mut String,
    ilvl: u32,
    num_fmt: &str,
    text: &str,
    style: Option<&str>,
    left: i64,
    hang: i64,
) {
    x.push_str(&format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/>"#
    ));
    if let Some(s) = style {
        x.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    x.push_str(&format!(
        r#"<w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr>"#,
        esc(text)
    ));
    if num_fmt == "bullet" {
        // The bullet character must not take the bold or italics of the text.
        x.push_str(r#"<w:rPr><w:b w:val="0"/><w:i w:val="0"/></w:rPr>"#);
    }
    x.push_str("</w:lvl>");
}

/// The number of the first numbered paragraph after each top-level node (for
/// numbered headings: the first paragraph of their section).
pub(super) fn first_paragraphs(body: &[Node]) -> Vec<Option<u32>> {
    let mut out = vec![None; body.len()];
    let mut next: Option<u32> = None;
    for (i, node) in body.iter().enumerate().rev() {
        match &node.kind {
            NodeKind::Paragraph {
                number: Some(n), ..
            } => next = Some(n.index),
            NodeKind::Heading {
                number: Some(_), ..
            } => {
                out[i] = next;
                next = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_formats_come_from_the_printed_labels() {
        let (f, start) = format_of(ListKind::Numbered, &["a)", "b)", "c)"]).unwrap();
        assert_eq!(
            (f.lvl_text(0).as_str(), f.num_fmt, start),
            ("%1)", "lowerLetter", 1)
        );
        let (f, start) = format_of(ListKind::Recommendations, &["3.", "4."]).unwrap();
        assert_eq!(
            (f.lvl_text(1).as_str(), f.num_fmt, start),
            ("%2.", "decimal", 3)
        );
        let (f, _) = format_of(ListKind::Bullet, &["•", "•"]).unwrap();
        assert_eq!(f.lvl_text(0), "•");
        assert_eq!(format_of(ListKind::Numbered, &["a)", "c)"]), None);
    }

    #[test]
    fn a_gap_in_continuous_numbers_starts_a_new_instance() {
        let mut lists = Lists::new(Numbering::Continuous);
        assert_eq!(lists.section_heading(1, Some(1)), None);
        let p = |section: u32, index: u32| ParaNumber {
            label: index.to_string(),
            section,
            index,
        };
        assert_eq!(lists.paragraph(&p(1, 1)), None);
        assert_eq!(lists.paragraph(&p(1, 2)), None);
        // Section 2 withheld: its paragraphs 3 and 4 are not printed.
        assert_eq!(lists.section_heading(2, None), None);
        assert_eq!(lists.section_heading(3, Some(5)), None);
        let restart = lists.paragraph(&p(3, 5)).unwrap();
        assert_eq!(lists.paragraph(&p(3, 6)), Some(restart));
        assert!(lists
            .xml()
            .contains(r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>"#));
    }
}
