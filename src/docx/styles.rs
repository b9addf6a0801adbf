//! `word/styles.xml`: every paragraph, character and table style the body uses,
//! so a clerk editing the document keeps the look by picking a style.
//!
//! The style sheet is a table ([`sheet`]): each style is a value, written by
//! one function in the schema's order.

use super::numbering::{paragraph_list, NUM_ALPHA, NUM_BULLETS, NUM_RECOMMENDATIONS, NUM_SECTIONS};
use super::props::{
    Border, Borders, CellMar, Ind, Jc, Lang, NumPr, PPr, RPr, Spacing, TblPr, TblStylePr,
};
use super::xml::{self, half_points, pt_twips, tag, toggle, val, W_NS};
use super::TEXT_WIDTH;
use crate::compose::{theme, Document, NodeKind};

/// Whether the Heading 1 style draws capitals: when the numbered section headings do.
pub(super) fn heading_caps(doc: &Document) -> bool {
    doc.nodes().any(|n| {
        matches!(
            n.kind,
            NodeKind::Heading {
                capitals: true,
                number: Some(_),
                ..
            }
        )
    })
}

/// Whether sections are grouped: a numbered heading below the top level
/// ("5.2") is a grouped section's.
pub(super) fn grouped(doc: &Document) -> bool {
    doc.nodes().any(|n| {
        matches!(
            n.kind,
            NodeKind::Heading {
                level: 2..,
                number: Some(_),
                ..
            }
        )
    })
}

/// Whether any heading is three levels deep (a sub-heading in a grouped
/// section), which needs a Heading 3 style.
fn deep(doc: &Document) -> bool {
    doc.nodes()
        .any(|n| matches!(n.kind, NodeKind::Heading { level: 3.., .. }))
}

/// What a style applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Paragraph,
    Character,
    Table,
}

/// One style definition (`w:style`).
#[derive(Debug, Clone, Default)]
struct Style<'a> {
    kind: Kind,
    /// The default style of its kind.
    default: bool,
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    ui_priority: Option<u32>,
    semi_hidden: bool,
    unhide_when_used: bool,
    /// Shown in the quick style gallery.
    q_format: bool,
    ppr: Option<PPr<'a>>,
    rpr: Option<RPr<'a>>,
    tbl_pr: Option<TblPr<'a>>,
    /// A table style's formats for its header row, total row and label column.
    conditional: Vec<TblStylePr<'a>>,
}

impl<'a> Style<'a> {
    /// A paragraph style based on Normal.
    fn para(id: &'a str, name: &'a str) -> Self {
        Style {
            id,
            name,
            based_on: Some("Normal"),
            q_format: true,
            ..Style::default()
        }
    }

    fn write(&self, out: &mut String) {
        let kind = match self.kind {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
            Kind::Table => "table",
        };
        let out = tag(out, "w:style")
            .attr("w:type", kind)
            .attr_opt("w:default", self.default.then_some(1))
            .attr("w:styleId", self.id)
            .open();
        val(out, "w:name", self.name);
        if let Some(b) = self.based_on {
            val(out, "w:basedOn", b);
        }
        if let Some(n) = self.next {
            val(out, "w:next", n);
        }
        if let Some(p) = self.ui_priority {
            val(out, "w:uiPriority", p);
        }
        toggle(out, "w:semiHidden", self.semi_hidden.then_some(true));
        toggle(
            out,
            "w:unhideWhenUsed",
            self.unhide_when_used.then_some(true),
        );
        toggle(out, "w:qFormat", self.q_format.then_some(true));
        if let Some(p) = &self.ppr {
            p.write(out);
        }
        if let Some(r) = &self.rpr {
            r.write(out);
        }
        if let Some(t) = &self.tbl_pr {
            t.write(out);
        }
        for c in &self.conditional {
            c.write(out);
        }
        xml::end(out, "w:style");
    }
}

/// The theme's values the style sheet uses, as Word writes them.
struct Values {
    font: String,
    primary: String,
    text: String,
    on_primary: String,
    rule: String,
    lang: &'static str,
    caps: bool,
    justify: bool,
    sizes: [i64; 6],
    /// A Heading 3 style is needed.
    deep: bool,
}

/// Indexes into `Values::sizes`.
const BODY: usize = 0;
const TITLE: usize = 1;
const HEADING: usize = 2;
const SUBHEADING: usize = 3;
const TABLE: usize = 4;
const SMALL: usize = 5;

impl Values {
    fn of(doc: &Document) -> Values {
        let t = &doc.theme;
        let s = &t.sizes;
        Values {
            font: t.font_family.clone(),
            primary: t.colours.primary.hex(),
            text: t.colours.text.hex(),
            on_primary: t.colours.on_primary.hex(),
            rule: theme::RULE.hex(),
            lang: doc.meta.lang,
            // The capitals of numbered section headings are a style: the text stays as written.
            caps: heading_caps(doc),
            justify: t.justify,
            deep: deep(doc),
            sizes: [s.body, s.title, s.heading, s.subheading, s.table, s.small].map(half_points),
        }
    }
}

/// Every style the parts use, in the order they are written.
fn sheet<'a>(v: &'a Values, paras: NumPr) -> Vec<Style<'a>> {
    let gutter = pt_twips(theme::GUTTER);
    let sized = |size: usize| RPr {
        size: Some(v.sizes[size]),
        ..RPr::default()
    };
    let coloured = |size: usize| RPr {
        color: Some(v.primary.as_str()),
        ..sized(size)
    };
    let hidden = |id, name, kind| Style {
        kind,
        default: true,
        id,
        name,
        ui_priority: Some(if kind == Kind::Table { 99 } else { 1 }),
        semi_hidden: true,
        unhide_when_used: true,
        ..Style::default()
    };
    // Heading 1 is the numbered section heading (level 0 of the sections list);
    // unnumbered top-level headings switch the list off on the paragraph.
    let heading =
        |id, name, level: u8, size: usize, before: f32, num: Option<NumPr>, caps: bool| Style {
            next: Some("Normal"),
            ui_priority: Some(9),
            ppr: Some(PPr {
                keep_next: Some(true),
                keep_lines: true,
                num,
                spacing: Some(Spacing::around(pt_twips(before), 120)),
                jc: Some(Jc::Left),
                outline_lvl: Some(level),
                ..PPr::default()
            }),
            rpr: Some(
                RPr {
                    caps: caps.then_some(true),
                    ..coloured(size)
                }
                .bold(),
            ),
            ..Style::para(id, name)
        };
    let list = |id, name, num_id| Style {
        ui_priority: Some(99),
        unhide_when_used: true,
        ppr: Some(PPr {
            num: Some(NumPr { ilvl: None, num_id }),
            spacing: Some(Spacing::after(80)),
            ..PPr::default()
        }),
        ..Style::para(id, name)
    };
    let rule = |space| Border {
        sz: 4,
        space,
        color: v.rule.as_str(),
    };
    // Furniture: one right tab at the text edge for "Page X of Y".
    let furniture = |id, name, borders| Style {
        ui_priority: Some(99),
        unhide_when_used: true,
        q_format: false,
        ppr: Some(PPr {
            borders: Some(borders),
            right_tab: Some(TEXT_WIDTH),
            spacing: Some(Spacing::after(0).single()),
            jc: Some(Jc::Left),
            ..PPr::default()
        }),
        rpr: Some(sized(SMALL)),
        ..Style::para(id, name)
    };
    let frame = Border {
        sz: 6,
        space: 4,
        color: v.primary.as_str(),
    };
    let table_cell_spacing = Spacing::around(40, 40).single();
    // The report's tables: ruled grid, header row in the brand colour; the
    // theme's cell padding, so text wraps where it does in the PDF.
    let pad = pt_twips(theme::CELL_PADDING);
    let mut styles = vec![
        Style {
            default: true,
            id: "Normal",
            name: "Normal",
            q_format: true,
            ppr: Some(PPr {
                jc: v.justify.then_some(Jc::Both),
                ..PPr::default()
            }),
            ..Style::default()
        },
        hidden(
            "DefaultParagraphFont",
            "Default Paragraph Font",
            Kind::Character,
        ),
        Style {
            tbl_pr: Some(TblPr {
                indent: Some(0),
                cell_mar: Some(CellMar([0, 108, 0, 108])),
                ..TblPr::default()
            }),
            ..hidden("TableNormal", "Normal Table", Kind::Table)
        },
        Style {
            next: Some("Normal"),
            ppr: Some(PPr {
                keep_next: Some(true),
                spacing: Some(Spacing::around(240, 240).single()),
                jc: Some(Jc::Left),
                outline_lvl: Some(9),
                ..PPr::default()
            }),
            rpr: Some(coloured(TITLE).bold()),
            ..Style::para("Title", "Title")
        },
        heading(
            "Heading1",
            "heading 1",
            0,
            HEADING,
            theme::HEADING_GAP,
            Some(NumPr {
                ilvl: Some(0),
                num_id: NUM_SECTIONS,
            }),
            v.caps,
        ),
        heading(
            "Heading2",
            "heading 2",
            1,
            SUBHEADING,
            theme::SUBHEADING_GAP,
            None,
            false,
        ),
        Style {
            ppr: Some(PPr {
                num: Some(paras),
                ind: Some(Ind::hanging(gutter, gutter)),
                ..PPr::default()
            }),
            ..Style::para("NumberedParagraph", "Numbered Paragraph")
        },
        Style {
            ppr: Some(PPr {
                ind: Some(Ind::left(gutter)),
                ..PPr::default()
            }),
            ..Style::para("IndentedParagraph", "Indented Paragraph")
        },
        Style {
            next: Some("Normal"),
            ui_priority: Some(29),
            ppr: Some(PPr {
                borders: Some(Borders {
                    left: Some(Border {
                        sz: 18,
                        space: 8,
                        color: v.primary.as_str(),
                    }),
                    ..Borders::default()
                }),
                ind: Some(Ind {
                    left: Some(pt_twips(theme::GUTTER + theme::QUOTE_INSET)),
                    right: Some(pt_twips(theme::QUOTE_INSET)),
                    hanging: None,
                }),
                ..PPr::default()
            }),
            ..Style::para("Quote", "Quote")
        },
        list("ListBullet", "List Bullet", NUM_BULLETS),
        list("ListNumber", "List Number", NUM_RECOMMENDATIONS),
        list("ListNumber2", "List Number 2", NUM_ALPHA),
        Style {
            ppr: Some(PPr {
                borders: Some(Borders::around(frame)),
                ind: Some(Ind {
                    left: Some(gutter),
                    right: Some(113),
                    hanging: None,
                }),
                ..PPr::default()
            }),
            rpr: Some(RPr::default().bold()),
            ..Style::para("Notice", "Exempt Notice")
        },
        Style {
            next: Some("Normal"),
            ui_priority: Some(35),
            unhide_when_used: true,
            ppr: Some(PPr {
                keep_next: Some(true),
                spacing: Some(Spacing::around(120, 80)),
                jc: Some(Jc::Left),
                ..PPr::default()
            }),
            rpr: Some(sized(TABLE).bold()),
            ..Style::para("Caption", "caption")
        },
        Style {
            ppr: Some(PPr {
                spacing: Some(table_cell_spacing),
                jc: Some(Jc::Left),
                ..PPr::default()
            }),
            ..Style::para("TableText", "Table Text")
        },
        // The report's own tables: the theme's table size, as in the PDF (the
        // first page's tables keep the body size, as the PDF's do).
        Style {
            based_on: Some("TableText"),
            rpr: Some(sized(TABLE)),
            ..Style::para("TableBody", "Table Body")
        },
        furniture(
            "Header",
            "header",
            Borders {
                bottom: Some(rule(4)),
                ..Borders::default()
            },
        ),
        furniture(
            "Footer",
            "footer",
            Borders {
                top: Some(rule(4)),
                ..Borders::default()
            },
        ),
        Style {
            kind: Kind::Character,
            id: "Hyperlink",
            name: "Hyperlink",
            based_on: Some("DefaultParagraphFont"),
            ui_priority: Some(99),
            unhide_when_used: true,
            rpr: Some(RPr {
                color: Some(v.primary.as_str()),
                underline: true,
                ..RPr::default()
            }),
            ..Style::default()
        },
        Style {
            kind: Kind::Table,
            id: "ReportTable",
            name: "Report Table",
            based_on: Some("TableNormal"),
            ui_priority: Some(59),
            ppr: Some(PPr {
                spacing: Some(table_cell_spacing),
                jc: Some(Jc::Left),
                ..PPr::default()
            }),
            tbl_pr: Some(TblPr {
                borders: Some(Borders::grid(rule(0))),
                cell_mar: Some(CellMar([57, pad, 57, pad])),
                ..TblPr::default()
            }),
            conditional: vec![
                TblStylePr {
                    kind: "firstRow",
                    rpr: RPr {
                        color: Some(v.on_primary.as_str()),
                        ..RPr::default()
                    }
                    .bold(),
                    header: true,
                    fill: Some(v.primary.as_str()),
                },
                TblStylePr {
                    kind: "lastRow",
                    rpr: RPr::default().bold(),
                    header: false,
                    fill: None,
                },
                TblStylePr {
                    kind: "firstCol",
                    rpr: RPr::default().bold(),
                    header: false,
                    fill: None,
                },
            ],
            ..Style::default()
        },
    ];
    if v.deep {
        // Sub-headings inside a grouped section, a level below its "5.2" heading.
        let at = styles.iter().position(|s| s.id == "Heading2").map_or(styles.len(), |i| i + 1);
        styles.insert(
            at,
            heading(
                "Heading3",
                "heading 3",
                2,
                SUBHEADING,
                theme::SUBHEADING_GAP,
                None,
                false,
            ),
        );
    }
    styles
}

/// `word/styles.xml`.
pub(super) fn xml(doc: &Document) -> String {
    let v = Values::of(doc);
    let paras = paragraph_list(doc.numbering);
    let paras = NumPr {
        ilvl: Some(paras.ilvl),
        num_id: paras.num_id,
    };
    xml::part("w:styles", W_NS, |out| {
        xml::wrap(out, "w:docDefaults", |out| {
            xml::wrap(out, "w:rPrDefault", |out| {
                RPr {
                    font: Some(&v.font),
                    color: Some(&v.text),
                    size: Some(v.sizes[BODY]),
                    lang: Some(Lang {
                        val: v.lang,
                        east_asia: Some(v.lang),
                        bidi: Some("ar-SA"),
                    }),
                    ..RPr::default()
                }
                .write(out);
            });
            xml::wrap(out, "w:pPrDefault", |out| {
                PPr {
                    spacing: Some(Spacing {
                        line: Some((276, super::props::LineRule::Auto)),
                        ..Spacing::after(pt_twips(theme::PARAGRAPH_GAP))
                    }),
                    ..PPr::default()
                }
                .write(out);
            });
        });
        for style in sheet(&v, paras) {
            style.write(out);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_ids_are_unique_and_every_based_on_and_next_is_defined_first() {
        let v = Values {
            font: "Arial".into(),
            primary: "112233".into(),
            text: "000000".into(),
            on_primary: "FFFFFF".into(),
            rule: "999999".into(),
            lang: "en-GB",
            caps: true,
            justify: false,
            sizes: [24; 6],
            deep: true,
        };
        let sheet = sheet(
            &v,
            NumPr {
                ilvl: Some(1),
                num_id: 1,
            },
        );
        let mut seen: Vec<&str> = Vec::new();
        for s in &sheet {
            assert!(!seen.contains(&s.id), "{} twice", s.id);
            seen.push(s.id);
        }
        for s in &sheet {
            for r in [s.based_on, s.next].into_iter().flatten() {
                assert!(seen.contains(&r), "{} refers to {r}, not defined", s.id);
            }
        }
        // One default style per kind.
        for kind in [Kind::Paragraph, Kind::Character, Kind::Table] {
            let defaults = sheet.iter().filter(|s| s.kind == kind && s.default).count();
            assert_eq!(defaults, 1, "{kind:?}");
        }
    }
}
