//! Word sections: the page, its margins, and which header and footer parts
//! each section shows, by the relationship ids the registry handed out.

use super::parts::{RelId, Rels, FOOTER, HEADER};
use super::xml::{tag, val, wrap};
use super::{FURNITURE, MARGIN, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH};

/// The header and footer parts of the document, registered before the body
/// so their ids do not depend on it.
#[derive(Debug, Clone)]
pub(super) struct Furniture {
    /// The first page's header: the brand band.
    pub first_header: RelId,
    /// Every later page's header.
    pub header: RelId,
    pub footer: RelId,
    pub first_footer: RelId,
    /// One footer per exempt part of the full edition ("NOT FOR PUBLICATION").
    pub exempt_footers: Vec<RelId>,
    /// Whose parts these are: the first language's or a bilingual report's second's.
    pub second: bool,
}

/// A bilingual report's second language's own header and footer parts.
pub(super) const SECOND_FIRST_HEADER: &str = "header3.xml";
pub(super) const SECOND_RUNNING_HEADER: &str = "header4.xml";
pub(super) const SECOND_FOOTER: &str = "footer-second1.xml";
pub(super) const SECOND_FIRST_FOOTER: &str = "footer-second2.xml";

/// The part name of the second language's exempt part `i`'s footer.
pub(super) fn second_exempt_footer(i: usize) -> String {
    format!("footer-second{}.xml", i + 3)
}

/// The part names, in the order they are registered and zipped.
pub(super) const FIRST_HEADER: &str = "header1.xml";
pub(super) const RUNNING_HEADER: &str = "header2.xml";
pub(super) const FOOTER_PART: &str = "footer1.xml";
pub(super) const FIRST_FOOTER: &str = "footer2.xml";

/// The part name of exempt part `i`'s footer, numbered after the fixed ones.
pub(super) fn exempt_footer(i: usize) -> String {
    format!("footer{}.xml", i + 3)
}

impl Furniture {
    /// Registers the header and footer parts in `rels`, and `exempt_parts`
    /// exempt footers.
    pub fn register(rels: &mut Rels, exempt_parts: usize) -> Furniture {
        let first_header = rels.add(HEADER, FIRST_HEADER, false);
        let header = rels.add(HEADER, RUNNING_HEADER, false);
        let footer = rels.add(FOOTER, FOOTER_PART, false);
        let first_footer = rels.add(FOOTER, FIRST_FOOTER, false);
        let mut furniture = Furniture {
            first_header,
            header,
            footer,
            first_footer,
            exempt_footers: Vec::new(),
            second: false,
        };
        furniture.add_exempt(rels, exempt_parts);
        furniture
    }

    /// Registers a bilingual report's second language's parts, and its
    /// `exempt_parts` exempt footers: its pages name the report in its own words.
    pub fn register_second(rels: &mut Rels, exempt_parts: usize) -> Furniture {
        let mut furniture = Furniture {
            first_header: rels.add(HEADER, SECOND_FIRST_HEADER, false),
            header: rels.add(HEADER, SECOND_RUNNING_HEADER, false),
            footer: rels.add(FOOTER, SECOND_FOOTER, false),
            first_footer: rels.add(FOOTER, SECOND_FIRST_FOOTER, false),
            exempt_footers: Vec::new(),
            second: true,
        };
        furniture.add_exempt(rels, exempt_parts);
        furniture
    }

    /// Registers `n` exempt parts' footers.
    pub fn add_exempt(&mut self, rels: &mut Rels, n: usize) {
        let at = self.exempt_footers.len();
        let name = if self.second {
            second_exempt_footer
        } else {
            exempt_footer
        };
        self.exempt_footers
            .extend((at..at + n).map(|i| rels.add(FOOTER, &name(i), false)));
    }

    /// The properties of a section with `footer`: the first section also has
    /// the first page's own header and footer; any later one starts a page.
    pub fn section(&self, first: bool, footer: RelId) -> SectPr {
        SectPr {
            header: self.header,
            footer,
            first_page: first.then_some((self.first_header, self.first_footer)),
        }
    }
}

/// Section properties (`w:sectPr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SectPr {
    header: RelId,
    footer: RelId,
    /// The first section's own first-page header and footer; a section
    /// without them starts on a new page.
    first_page: Option<(RelId, RelId)>,
}

impl SectPr {
    pub fn write(&self, out: &mut String) {
        let reference = |out: &mut String, name: &str, kind: &str, id: RelId| {
            tag(out, name).attr("w:type", kind).attr("r:id", id).empty();
        };
        wrap(out, "w:sectPr", |out| {
            reference(out, "w:headerReference", "default", self.header);
            if let Some((header, _)) = self.first_page {
                reference(out, "w:headerReference", "first", header);
            }
            reference(out, "w:footerReference", "default", self.footer);
            match self.first_page {
                Some((_, footer)) => reference(out, "w:footerReference", "first", footer),
                None => val(out, "w:type", "nextPage"),
            }
            tag(out, "w:pgSz")
                .attr("w:w", PAGE_WIDTH)
                .attr("w:h", PAGE_HEIGHT)
                .empty();
            tag(out, "w:pgMar")
                .attr("w:top", MARGIN_TOP)
                .attr("w:right", MARGIN)
                .attr("w:bottom", MARGIN_BOTTOM)
                .attr("w:left", MARGIN)
                .attr("w:header", FURNITURE)
                .attr("w:footer", FURNITURE)
                .attr("w:gutter", 0)
                .empty();
            tag(out, "w:cols").attr("w:space", 708).empty();
            if self.first_page.is_some() {
                tag(out, "w:titlePg").empty();
            }
        });
    }

    #[cfg(test)]
    pub fn test_value() -> SectPr {
        let mut rels = Rels::default();
        Furniture::register(&mut rels, 0).section(true, RelId::test(3))
    }
}
