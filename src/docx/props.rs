//! Paragraph, run, row, cell and table properties as data, each written in
//! the one order the schema allows (ECMA-376 Part 1: `CT_PPrBase`,
//! `CT_RPr`, `CT_TrPrBase`, `CT_TcPr`, `CT_TblPr`). Callers set fields in
//! any order; only the `write` functions here know the sequence, so a
//! property added in the wrong place is a one-line fix in one file, and the
//! tests below check every writer against the schema's list.

use super::sections::SectPr;
use super::xml::{end, tag, toggle, val, wrap};

/// Paragraph alignment (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Jc {
    Left,
    Center,
    Right,
    Both,
}

impl Jc {
    fn token(self) -> &'static str {
        match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
        }
    }
}

/// How `Spacing::line` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineRule {
    /// In 240ths of a line.
    Auto,
    /// Twips, exactly.
    Exact,
}

/// Space around and between lines, twips (`w:spacing`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Spacing {
    pub before: Option<i64>,
    pub after: Option<i64>,
    pub line: Option<(i64, LineRule)>,
}

impl Spacing {
    /// Only the space after.
    pub fn after(after: i64) -> Spacing {
        Spacing {
            after: Some(after),
            ..Spacing::default()
        }
    }

    /// Space before and after.
    pub fn around(before: i64, after: i64) -> Spacing {
        Spacing {
            before: Some(before),
            after: Some(after),
            line: None,
        }
    }

    /// With single line spacing (240ths of a line).
    pub fn single(self) -> Spacing {
        Spacing {
            line: Some((240, LineRule::Auto)),
            ..self
        }
    }

    fn write(&self, out: &mut String) {
        let (line, rule) = match self.line {
            Some((line, rule)) => (
                Some(line),
                Some(match rule {
                    LineRule::Auto => "auto",
                    LineRule::Exact => "exact",
                }),
            ),
            None => (None, None),
        };
        tag(out, "w:spacing")
            .attr_opt("w:before", self.before)
            .attr_opt("w:after", self.after)
            .attr_opt("w:line", line)
            .attr_opt("w:lineRule", rule)
            .empty();
    }
}

/// Indentation, twips (`w:ind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Ind {
    pub left: Option<i64>,
    pub right: Option<i64>,
    pub hanging: Option<i64>,
}

impl Ind {
    pub fn left(left: i64) -> Ind {
        Ind {
            left: Some(left),
            ..Ind::default()
        }
    }

    pub fn hanging(left: i64, hanging: i64) -> Ind {
        Ind {
            left: Some(left),
            right: None,
            hanging: Some(hanging),
        }
    }

    fn write(&self, out: &mut String) {
        tag(out, "w:ind")
            .attr_opt("w:left", self.left)
            .attr_opt("w:right", self.right)
            .attr_opt("w:hanging", self.hanging)
            .empty();
    }
}

/// A list reference (`w:numPr`): which `w:num`, at which level (the style's
/// level when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumPr {
    pub ilvl: Option<u32>,
    pub num_id: u32,
}

impl NumPr {
    fn write(&self, out: &mut String) {
        wrap(out, "w:numPr", |out| {
            if let Some(ilvl) = self.ilvl {
                val(out, "w:ilvl", ilvl);
            }
            val(out, "w:numId", self.num_id);
        });
    }
}

/// A single line border: width in eighths of a point, space in points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Border<'a> {
    pub sz: u32,
    pub space: u32,
    pub color: &'a str,
}

impl Border<'_> {
    fn write(&self, out: &mut String, side: &str) {
        tag(out, side)
            .attr("w:val", "single")
            .attr("w:sz", self.sz)
            .attr("w:space", self.space)
            .attr("w:color", self.color)
            .empty();
    }
}

/// The borders of a paragraph (`w:pBdr`) or table (`w:tblBorders`; only
/// tables have the inside ones).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Borders<'a> {
    pub top: Option<Border<'a>>,
    pub left: Option<Border<'a>>,
    pub bottom: Option<Border<'a>>,
    pub right: Option<Border<'a>>,
    pub inside_h: Option<Border<'a>>,
    pub inside_v: Option<Border<'a>>,
}

impl<'a> Borders<'a> {
    /// The same border on the four outer sides.
    pub fn around(b: Border<'a>) -> Self {
        Borders {
            top: Some(b),
            left: Some(b),
            bottom: Some(b),
            right: Some(b),
            ..Borders::default()
        }
    }

    /// The same border on every side and between every row and column.
    pub fn grid(b: Border<'a>) -> Self {
        Borders {
            inside_h: Some(b),
            inside_v: Some(b),
            ..Borders::around(b)
        }
    }

    fn write(&self, out: &mut String, name: &str) {
        wrap(out, name, |out| {
            for (side, b) in [
                ("w:top", self.top),
                ("w:left", self.left),
                ("w:bottom", self.bottom),
                ("w:right", self.right),
                ("w:insideH", self.inside_h),
                ("w:insideV", self.inside_v),
            ] {
                if let Some(b) = b {
                    b.write(out, side);
                }
            }
        });
    }
}

/// Paragraph properties (`w:pPr`).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PPr<'a> {
    pub style: Option<&'a str>,
    /// On, or explicitly off against the style.
    pub keep_next: Option<bool>,
    pub keep_lines: bool,
    pub num: Option<NumPr>,
    pub borders: Option<Borders<'a>>,
    /// One right-aligned tab stop, twips from the margin.
    pub right_tab: Option<i64>,
    pub spacing: Option<Spacing>,
    pub ind: Option<Ind>,
    pub jc: Option<Jc>,
    pub outline_lvl: Option<u8>,
    /// The section this paragraph ends.
    pub sect: Option<&'a SectPr>,
}

impl<'a> PPr<'a> {
    /// A paragraph of `style`.
    pub fn style(style: &'a str) -> Self {
        PPr {
            style: Some(style),
            ..PPr::default()
        }
    }

    /// `<w:pPr>…</w:pPr>`, even when empty.
    pub fn write(&self, out: &mut String) {
        wrap(out, "w:pPr", |out| {
            if let Some(s) = self.style {
                val(out, "w:pStyle", s);
            }
            toggle(out, "w:keepNext", self.keep_next);
            toggle(out, "w:keepLines", self.keep_lines.then_some(true));
            if let Some(n) = &self.num {
                n.write(out);
            }
            if let Some(b) = &self.borders {
                b.write(out, "w:pBdr");
            }
            if let Some(pos) = self.right_tab {
                wrap(out, "w:tabs", |out| {
                    tag(out, "w:tab")
                        .attr("w:val", "right")
                        .attr("w:pos", pos)
                        .empty();
                });
            }
            if let Some(s) = &self.spacing {
                s.write(out);
            }
            if let Some(i) = &self.ind {
                i.write(out);
            }
            if let Some(jc) = self.jc {
                val(out, "w:jc", jc.token());
            }
            if let Some(l) = self.outline_lvl {
                val(out, "w:outlineLvl", l);
            }
            if let Some(s) = self.sect {
                s.write(out);
            }
        });
    }
}

/// A run's proofing languages (`w:lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lang<'a> {
    pub val: &'a str,
    pub east_asia: Option<&'a str>,
    pub bidi: Option<&'a str>,
}

/// Run properties (`w:rPr`). Toggles are on, explicitly off, or the style's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RPr<'a> {
    pub style: Option<&'a str>,
    /// One font for every script.
    pub font: Option<&'a str>,
    pub b: Option<bool>,
    pub b_cs: Option<bool>,
    pub i: Option<bool>,
    pub i_cs: Option<bool>,
    pub caps: Option<bool>,
    /// `RRGGBB`.
    pub color: Option<&'a str>,
    /// Half-points, for every script.
    pub size: Option<i64>,
    pub underline: bool,
    pub lang: Option<Lang<'a>>,
}

impl<'a> RPr<'a> {
    /// Bold, for every script.
    pub fn bold(self) -> Self {
        RPr {
            b: Some(true),
            b_cs: Some(true),
            ..self
        }
    }

    /// Italic, for every script.
    pub fn italic(self) -> Self {
        RPr {
            i: Some(true),
            i_cs: Some(true),
            ..self
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == RPr::default()
    }

    /// `<w:rPr>…</w:rPr>`, even when empty.
    pub fn write(&self, out: &mut String) {
        wrap(out, "w:rPr", |out| {
            if let Some(s) = self.style {
                val(out, "w:rStyle", s);
            }
            if let Some(f) = self.font {
                tag(out, "w:rFonts")
                    .attr("w:ascii", f)
                    .attr("w:eastAsia", f)
                    .attr("w:hAnsi", f)
                    .attr("w:cs", f)
                    .empty();
            }
            toggle(out, "w:b", self.b);
            toggle(out, "w:bCs", self.b_cs);
            toggle(out, "w:i", self.i);
            toggle(out, "w:iCs", self.i_cs);
            toggle(out, "w:caps", self.caps);
            if let Some(c) = self.color {
                val(out, "w:color", c);
            }
            if let Some(sz) = self.size {
                val(out, "w:sz", sz);
                val(out, "w:szCs", sz);
            }
            if self.underline {
                val(out, "w:u", "single");
            }
            if let Some(l) = &self.lang {
                tag(out, "w:lang")
                    .attr("w:val", l.val)
                    .attr_opt("w:eastAsia", l.east_asia)
                    .attr_opt("w:bidi", l.bidi)
                    .empty();
            }
        });
    }
}

/// Row properties (`w:trPr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct TrPr {
    /// Not broken across pages.
    pub cant_split: bool,
    /// Repeated at the top of each page.
    pub header: bool,
}

impl TrPr {
    pub fn write(&self, out: &mut String) {
        wrap(out, "w:trPr", |out| {
            toggle(out, "w:cantSplit", self.cant_split.then_some(true));
            toggle(out, "w:tblHeader", self.header.then_some(true));
        });
    }
}

/// How a cell merges with the cells above and below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VMerge {
    /// The first of merged cells.
    Restart,
    /// Continues the merged cell above.
    Continue,
}

/// `<w:shd>` filling with `fill`.
fn shd(out: &mut String, fill: &str) {
    tag(out, "w:shd")
        .attr("w:val", "clear")
        .attr("w:color", "auto")
        .attr("w:fill", fill)
        .empty();
}

/// Cell properties (`w:tcPr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct TcPr<'a> {
    /// Twips.
    pub width: Option<i64>,
    /// Grid columns spanned, when more than one.
    pub span: usize,
    pub v_merge: Option<VMerge>,
    /// Shading, `RRGGBB`.
    pub fill: Option<&'a str>,
    pub v_center: bool,
}

impl TcPr<'_> {
    pub fn write(&self, out: &mut String) {
        wrap(out, "w:tcPr", |out| {
            if let Some(w) = self.width {
                tag(out, "w:tcW")
                    .attr("w:w", w)
                    .attr("w:type", "dxa")
                    .empty();
            }
            if self.span > 1 {
                val(out, "w:gridSpan", self.span);
            }
            match self.v_merge {
                Some(VMerge::Restart) => val(out, "w:vMerge", "restart"),
                Some(VMerge::Continue) => tag(out, "w:vMerge").empty(),
                None => {}
            }
            if let Some(fill) = self.fill {
                shd(out, fill);
            }
            if self.v_center {
                val(out, "w:vAlign", "center");
            }
        });
    }
}

/// Which of a table style's conditional formats apply (`w:tblLook`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct TblLook {
    pub first_row: bool,
    pub last_row: bool,
    pub first_column: bool,
    /// Also as the packed `w:val`: LibreOffice reads only that, Word only the attributes.
    pub packed: bool,
}

impl TblLook {
    fn write(&self, out: &mut String) {
        // No banding (0x0600), then the flags' bits.
        let packed = 0x0600
            | if self.first_row { 0x0020 } else { 0 }
            | if self.last_row { 0x0040 } else { 0 }
            | if self.first_column { 0x0080 } else { 0 };
        tag(out, "w:tblLook")
            .attr_opt("w:val", self.packed.then(|| format!("{packed:04X}")))
            .attr("w:firstRow", u8::from(self.first_row))
            .attr("w:lastRow", u8::from(self.last_row))
            .attr("w:firstColumn", u8::from(self.first_column))
            .attr("w:lastColumn", 0)
            .attr("w:noHBand", 1)
            .attr("w:noVBand", 1)
            .empty();
    }
}

/// Cell margins, twips: top, left, bottom, right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CellMar(pub [i64; 4]);

/// Table properties (`w:tblPr`).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TblPr<'a> {
    pub style: Option<&'a str>,
    /// Twips.
    pub width: Option<i64>,
    /// From the margin, twips.
    pub indent: Option<i64>,
    pub borders: Option<Borders<'a>>,
    /// Column widths as given, not fitted to the content.
    pub fixed: bool,
    pub cell_mar: Option<CellMar>,
    pub look: Option<TblLook>,
    /// Alternative text: the table's caption.
    pub caption: Option<&'a str>,
}

impl TblPr<'_> {
    pub fn write(&self, out: &mut String) {
        let dxa = |out: &mut String, name: &str, w: i64| {
            tag(out, name).attr("w:w", w).attr("w:type", "dxa").empty();
        };
        wrap(out, "w:tblPr", |out| {
            if let Some(s) = self.style {
                val(out, "w:tblStyle", s);
            }
            if let Some(w) = self.width {
                dxa(out, "w:tblW", w);
            }
            if let Some(i) = self.indent {
                dxa(out, "w:tblInd", i);
            }
            if let Some(b) = &self.borders {
                b.write(out, "w:tblBorders");
            }
            if self.fixed {
                tag(out, "w:tblLayout").attr("w:type", "fixed").empty();
            }
            if let Some(CellMar([top, left, bottom, right])) = self.cell_mar {
                wrap(out, "w:tblCellMar", |out| {
                    dxa(out, "w:top", top);
                    dxa(out, "w:left", left);
                    dxa(out, "w:bottom", bottom);
                    dxa(out, "w:right", right);
                });
            }
            if let Some(l) = &self.look {
                l.write(out);
            }
            if let Some(c) = self.caption {
                val(out, "w:tblCaption", c);
            }
        });
    }
}

/// A table style's format for one kind of cell (`w:tblStylePr`).
#[derive(Debug, Clone, Copy)]
pub(super) struct TblStylePr<'a> {
    /// `firstRow`, `lastRow`, `firstCol` …
    pub kind: &'a str,
    pub rpr: RPr<'a>,
    /// Rows of this kind repeat on each page.
    pub header: bool,
    pub fill: Option<&'a str>,
}

impl TblStylePr<'_> {
    pub fn write(&self, out: &mut String) {
        let out = tag(out, "w:tblStylePr").attr("w:type", self.kind).open();
        self.rpr.write(out);
        if self.header {
            // Word writes the (empty) table properties before the row's.
            tag(out, "w:tblPr").empty();
            TrPr {
                cant_split: false,
                header: true,
            }
            .write(out);
        }
        if let Some(fill) = self.fill {
            wrap(out, "w:tcPr", |out| shd(out, fill));
        }
        end(out, "w:tblStylePr");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the direct children of the one element in `xml`.
    fn children(xml: &str) -> Vec<String> {
        let mut depth = 0;
        let mut names = Vec::new();
        let mut rest = xml;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| !matches!(c, ' ' | '/' | '>'))
                .collect();
            let gt = rest.find('>').unwrap();
            let empty = rest[..gt].ends_with('/');
            if closing {
                depth -= 1;
            } else {
                if depth == 1 {
                    names.push(name);
                }
                if !empty {
                    depth += 1;
                }
            }
        }
        names
    }

    /// Asserts the children come in the schema's order (each at most once).
    fn in_schema_order(xml: &str, schema: &[&str]) {
        let positions: Vec<usize> = children(xml)
            .iter()
            .map(|n| {
                schema
                    .iter()
                    .position(|s| s == n)
                    .unwrap_or_else(|| panic!("{n} is not in the schema's list"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "out of schema order: {xml}"
        );
    }

    // The sequences of ECMA-376 Part 1 (5th edition), as far as this writer uses them.
    #[rustfmt::skip]
    const PPR: &[&str] = &[
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    ];
    #[rustfmt::skip]
    const RPR: &[&str] = &[
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    ];
    #[rustfmt::skip]
    const TCPR: &[&str] = &[
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    ];
    #[rustfmt::skip]
    const TBLPR: &[&str] = &[
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription",
    ];
    const TBLSTYLEPR: &[&str] = &["w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr"];

    #[test]
    fn every_property_set_is_written_in_schema_order() {
        let b = Border {
            sz: 4,
            space: 4,
            color: "112233",
        };
        let sect = SectPr::test_value();
        let ppr = PPr {
            sect: Some(&sect),
            outline_lvl: Some(1),
            jc: Some(Jc::Both),
            ind: Some(Ind::hanging(720, 360)),
            spacing: Some(Spacing::around(0, 120).single()),
            right_tab: Some(9000),
            borders: Some(Borders::around(b)),
            num: Some(NumPr {
                ilvl: Some(1),
                num_id: 3,
            }),
            keep_lines: true,
            keep_next: Some(false),
            style: Some("Heading1"),
        };
        let mut out = String::new();
        ppr.write(&mut out);
        assert_eq!(children(&out).len(), 11, "{out}");
        in_schema_order(&out, PPR);

        let rpr = RPr {
            lang: Some(Lang {
                val: "cy",
                east_asia: None,
                bidi: None,
            }),
            underline: true,
            size: Some(24),
            color: Some("112233"),
            caps: Some(false),
            font: Some("Arial"),
            style: Some("Hyperlink"),
            ..RPr::default()
        }
        .italic()
        .bold();
        let mut out = String::new();
        rpr.write(&mut out);
        assert_eq!(children(&out).len(), 12, "{out}");
        in_schema_order(&out, RPR);

        let mut out = String::new();
        TcPr {
            v_center: true,
            fill: Some("FFFFFF"),
            v_merge: Some(VMerge::Restart),
            span: 2,
            width: Some(100),
        }
        .write(&mut out);
        assert_eq!(children(&out).len(), 5, "{out}");
        in_schema_order(&out, TCPR);

        let mut out = String::new();
        TblPr {
            caption: Some("Costs"),
            look: Some(TblLook::default()),
            cell_mar: Some(CellMar([0, 108, 0, 108])),
            fixed: true,
            borders: Some(Borders::grid(b)),
            indent: Some(0),
            width: Some(9000),
            style: Some("ReportTable"),
        }
        .write(&mut out);
        assert_eq!(children(&out).len(), 8, "{out}");
        in_schema_order(&out, TBLPR);

        let mut out = String::new();
        TblStylePr {
            kind: "firstRow",
            rpr: RPr::default().bold(),
            header: true,
            fill: Some("112233"),
        }
        .write(&mut out);
        in_schema_order(&out, TBLSTYLEPR);
    }

    #[test]
    fn off_toggles_say_so_and_unset_ones_are_left_to_the_style() {
        let mut out = String::new();
        RPr {
            b: Some(false),
            caps: Some(true),
            ..RPr::default()
        }
        .write(&mut out);
        assert_eq!(out, r#"<w:rPr><w:b w:val="0"/><w:caps/></w:rPr>"#);
    }
}
