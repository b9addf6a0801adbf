//! Word list definitions: section headings and paragraph numbers, recommendations,
//! bullets and a) b) lists, all real numbering so Word renumbers after edits.
//!
//! The composed document has already decided every number; this module works
//! out which Word list shows it. Each list format is one abstract numbering;
//! each printed list is one `w:num` instance, started where the composed labels
//! say, so a Word list can never drift from the PDF.

use super::props::{Ind, PPr, RPr};
use super::xml::{self, pt_twips, tag, val, W_NS};
use crate::compose::{
    theme, Counter, HeadingNumber, ListStyle, Marker, Node, NodeKind, ParaNumber,
    ParagraphNumbering as Numbering,
};

/// Indent of the text column of numbered paragraphs, twips: numbers hang in the gutter.
pub(super) const GUTTER: i64 = (theme::GUTTER * 20.0 + 0.5) as i64;

/// The abstract numbering of section headings (level 0) and paragraphs (level 1).
const SECTIONS: u32 = 0;
/// `w:num` ids the styles point at; instances for individual lists follow.
pub(super) const NUM_SECTIONS: u32 = 1;
pub(super) const NUM_RECOMMENDATIONS: u32 = 2;
pub(super) const NUM_BULLETS: u32 = 3;
pub(super) const NUM_ALPHA: u32 = 4;
pub(super) const NUM_PARAGRAPHS: u32 = 5;

/// How a list's counter is written: the composed list style in Word's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Format {
    /// `decimal`, `lowerLetter`, `upperLetter`, `lowerRoman`, `upperRoman` or `bullet`.
    num_fmt: &'static str,
    /// What surrounds the counter: "%1." is `("", ".")`; a bullet's character is `prefix`.
    prefix: String,
    suffix: String,
}

impl Format {
    fn of(marker: &Marker) -> Format {
        match marker {
            Marker::Bullet(c) => Format {
                num_fmt: "bullet",
                prefix: c.to_string(),
                suffix: String::new(),
            },
            Marker::Counter {
                prefix,
                counter,
                suffix,
            } => Format {
                num_fmt: match counter {
                    Counter::Decimal => "decimal",
                    Counter::LowerLetter => "lowerLetter",
                    Counter::UpperLetter => "upperLetter",
                    Counter::LowerRoman => "lowerRoman",
                    Counter::UpperRoman => "upperRoman",
                },
                prefix: prefix.clone(),
                suffix: suffix.clone(),
            },
        }
    }
    fn lvl_text(&self, level: u32) -> String {
        if self.num_fmt == "bullet" {
            self.prefix.clone()
        } else {
            format!("{}%{}{}", self.prefix, level + 1, self.suffix)
        }
    }
    /// The hanging indent of the label: the theme's label column.
    fn hang(&self) -> i64 {
        pt_twips(if self.num_fmt == "bullet" {
            theme::BULLET_HANG
        } else {
            theme::NUMBER_HANG
        })
    }
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
    /// What Word would print next without intervention: (section, place in
    /// its group or 0, paragraph), `None` when unsure; and the instances
    /// headings and paragraphs currently use.
    shown: Option<(u32, u32, u32)>,
    /// Whether sections are grouped: the section list then has a third
    /// level, for the paragraphs of a grouped section (5.2.1).
    grouped: bool,
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
    pub fn new(numbering: Numbering, grouped: bool) -> Lists {
        let mut lists = Lists {
            numbering,
            abstracts: Vec::new(),
            nums: Vec::new(),
            shown: Some((0, 0, 0)),
            grouped,
            active: NUM_SECTIONS,
            active_paras: paragraph_list(numbering).num_id,
        };
        // Order fixes the ids: abstract 0 / num 1 sections and so on.
        let decimal = |suffix: &str| {
            Format::of(&Marker::Counter {
                prefix: String::new(),
                counter: Counter::Decimal,
                suffix: suffix.into(),
            })
        };
        lists.abstracts.push((decimal(""), Levels::Sections));
        let recs = lists.abstract_for(decimal("."));
        let bullets = lists.abstract_for(Format::of(&ListStyle::bullet().marker));
        let alpha = lists.abstract_for(Format::of(&Marker::Counter {
            prefix: String::new(),
            counter: Counter::LowerLetter,
            suffix: ")".into(),
        }));
        lists.abstracts.push((decimal(""), Levels::Paragraphs));
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
        let para = self.shown.map_or(0, |(_, _, p)| p);
        let fits = match self.shown {
            Some((s, _, _)) => s + 1 == number && (continuous || first_paragraph.unwrap_or(1) == 1),
            None => false,
        };
        if fits {
            self.shown = Some((number, 0, if continuous { para } else { 0 }));
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
        self.shown = Some((number, 0, para));
        self.explicit(0)
    }

    /// The numbering of a grouped section's heading ("5.2", the section
    /// list's second level). Its style (Heading 2) has no numbering of its
    /// own, so the answer is always explicit.
    pub fn member_heading(&mut self, number: HeadingNumber, first_paragraph: Option<u32>) -> NumRef {
        let continuous = self.numbering == Numbering::Continuous;
        let member = number.member.unwrap_or(1);
        let para = self.shown.map_or(0, |(_, _, p)| p);
        let fits = self.shown.is_some_and(|(s, m, _)| {
            s == number.section
                && m + 1 == member
                && (continuous || first_paragraph.unwrap_or(1) == 1)
        });
        if !fits {
            let mut overrides = vec![(0, number.section), (1, member)];
            if !continuous {
                overrides.push((2, first_paragraph.unwrap_or(1)));
            }
            self.active = self.instance(SECTIONS, overrides);
        }
        let para = if continuous {
            para
        } else {
            first_paragraph.unwrap_or(1) - 1
        };
        self.shown = Some((number.section, member, para));
        NumRef {
            num_id: self.active,
            ilvl: 1,
        }
    }

    /// The numbering a numbered paragraph needs, `None` when its style's is right.
    pub fn paragraph(&mut self, n: &ParaNumber) -> Option<NumRef> {
        let continuous = self.numbering == Numbering::Continuous;
        let member = n.member.unwrap_or(0);
        let fits = self.shown.is_some_and(|(s, m, p)| {
            (continuous || (s == n.section && m == member)) && p + 1 == n.index
        });
        // A grouped section's paragraphs are the section list's third level.
        let ilvl = if member > 0 { 2 } else { 1 };
        if !fits {
            if continuous {
                let abstract_id = self.nums[NUM_PARAGRAPHS as usize - 1].0;
                self.active_paras = self.instance(abstract_id, vec![(0, n.index)]);
            } else {
                // Should not happen (paragraphs in a section are consecutive); if it
                // does, restart here and again at the next heading.
                let mut overrides = vec![(0, n.section)];
                if member > 0 {
                    overrides.push((1, member));
                }
                overrides.push((ilvl, n.index));
                self.active = self.instance(SECTIONS, overrides);
                self.shown = None;
                return Some(NumRef {
                    num_id: self.active,
                    ilvl,
                });
            }
        }
        self.shown = Some((n.section, member, n.index));
        if continuous {
            (self.active_paras != NUM_PARAGRAPHS).then_some(NumRef {
                num_id: self.active_paras,
                ilvl: 0,
            })
        } else if member > 0 {
            Some(NumRef {
                num_id: self.active,
                ilvl,
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

    /// A list's own instance, counting from the style's start, so Word prints
    /// the labels compose gave its items.
    pub fn list(&mut self, style: &ListStyle, indented: bool) -> NumRef {
        let ilvl = u32::from(indented);
        let abstract_id = self.abstract_for(Format::of(&style.marker));
        let num_id = self.instance(abstract_id, vec![(ilvl, style.start)]);
        NumRef { num_id, ilvl }
    }

    /// `word/numbering.xml`.
    pub fn xml(&self) -> String {
        xml::part("w:numbering", W_NS, |out| {
            for (id, (format, levels)) in self.abstracts.iter().enumerate() {
                let out = tag(out, "w:abstractNum").attr("w:abstractNumId", id).open();
                let kind = match levels {
                    Levels::Paragraphs => "singleLevel",
                    _ => "multilevel",
                };
                val(out, "w:multiLevelType", kind);
                match levels {
                    Levels::Sections => self.section_levels(out),
                    // A style links to one list level only: this one with continuous numbers.
                    Levels::Paragraphs => Lvl {
                        style: (self.numbering == Numbering::Continuous)
                            .then_some("NumberedParagraph"),
                        ..Lvl::decimal(0, "%1")
                    }
                    .write(out),
                    Levels::List => {
                        for ilvl in 0..2 {
                            let bullet = format.num_fmt == "bullet";
                            Lvl {
                                ilvl,
                                num_fmt: format.num_fmt,
                                style: None,
                                text: &format.lvl_text(ilvl),
                                ind: Ind::hanging(
                                    format.hang() + i64::from(ilvl) * GUTTER,
                                    format.hang(),
                                ),
                                // The bullet character must not take the bold or italics of the text.
                                rpr: bullet.then_some(RPr {
                                    b: Some(false),
                                    i: Some(false),
                                    ..RPr::default()
                                }),
                            }
                            .write(out);
                        }
                    }
                }
                xml::end(out, "w:abstractNum");
            }
            for (i, (abstract_id, overrides)) in self.nums.iter().enumerate() {
                let out = tag(out, "w:num").attr("w:numId", i + 1).open();
                val(out, "w:abstractNumId", abstract_id);
                for (ilvl, start) in overrides {
                    let out = tag(out, "w:lvlOverride").attr("w:ilvl", ilvl).open();
                    val(out, "w:startOverride", start);
                    xml::end(out, "w:lvlOverride");
                }
                xml::end(out, "w:num");
            }
        })
    }

    fn section_levels(&self, out: &mut String) {
        Lvl {
            style: Some("Heading1"),
            ..Lvl::decimal(0, "%1")
        }
        .write(out);
        // With continuous numbers the paragraphs are a list of their own.
        // With groups this level also numbers the grouped sections' (bold)
        // headings, so its label takes its paragraph's weight.
        Lvl {
            style: (self.numbering == Numbering::PerSection).then_some("NumberedParagraph"),
            rpr: Some(RPr {
                b: (!self.grouped).then_some(false),
                caps: Some(false),
                ..RPr::default()
            }),
            ..Lvl::decimal(1, "%1.%2")
        }
        .write(out);
        if self.grouped {
            Lvl {
                rpr: Some(RPr {
                    b: Some(false),
                    caps: Some(false),
                    ..RPr::default()
                }),
                ..Lvl::decimal(2, "%1.%2.%3")
            }
            .write(out);
        }
    }
}

/// One level of a list definition (`w:lvl`), counting from 1.
struct Lvl<'a> {
    ilvl: u32,
    num_fmt: &'a str,
    /// The paragraph style linked to the level.
    style: Option<&'a str>,
    text: &'a str,
    ind: Ind,
    /// The label's own run properties.
    rpr: Option<RPr<'a>>,
}

impl<'a> Lvl<'a> {
    /// A decimal level with its numbers hanging in the gutter.
    fn decimal(ilvl: u32, text: &'a str) -> Self {
        Lvl {
            ilvl,
            num_fmt: "decimal",
            style: None,
            text,
            ind: Ind::hanging(GUTTER, GUTTER),
            rpr: None,
        }
    }

    fn write(&self, out: &mut String) {
        let out = tag(out, "w:lvl").attr("w:ilvl", self.ilvl).open();
        val(out, "w:start", 1);
        val(out, "w:numFmt", self.num_fmt);
        if let Some(s) = self.style {
            val(out, "w:pStyle", s);
        }
        val(out, "w:lvlText", self.text);
        val(out, "w:lvlJc", "left");
        PPr {
            ind: Some(self.ind),
            ..PPr::default()
        }
        .write(out);
        if let Some(r) = &self.rpr {
            r.write(out);
        }
        xml::end(out, "w:lvl");
    }
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
    fn word_lists_count_from_the_composed_style() {
        let mut lists = Lists::new(Numbering::PerSection, false);
        let style = ListStyle {
            marker: Marker::Counter {
                prefix: "(".into(),
                counter: Counter::LowerRoman,
                suffix: ")".into(),
            },
            start: 3,
        };
        let r = lists.list(&style, true);
        let xml = lists.xml();
        assert!(
            xml.contains(r#"<w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/>"#),
            "{xml}"
        );
        assert!(xml.contains(&format!(
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/>"#,
            r.num_id
        )), "{xml}");
        assert_eq!(style.label(0), "(iii)");
    }

    #[test]
    fn a_gap_in_continuous_numbers_starts_a_new_instance() {
        let mut lists = Lists::new(Numbering::Continuous, false);
        assert_eq!(lists.section_heading(1, Some(1)), None);
        let p = |section: u32, index: u32| ParaNumber {
            label: index.to_string(),
            section,
            index,
            member: None,
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
