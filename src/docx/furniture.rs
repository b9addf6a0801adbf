//! Headers and footers: the first page's band with the logo and council name,
//! the running header of later pages, and the footer with the classification
//! and "Page X of Y" as fields Word and LibreOffice keep up to date.

use super::body::para;
use super::images::{self, Picture};
use super::parts::{Media, Rels, Source, IMAGE};
use super::props::{Jc, Lang, PPr, RPr, Spacing, TblLook, TblPr, TcPr};
use super::xml::{self, half_points, run_content, tag, twips, wrap, WML_NS};
use super::TEXT_WIDTH;
use crate::assets::Assets;
use crate::compose::{theme, Document, PagePart};

/// Height and widest width of the logo in the first page's band, mm.
const LOGO_HEIGHT_MM: f32 = theme::LOGO_HEIGHT / theme::PT_PER_MM;
const LOGO_MAX_WIDTH_MM: f32 = theme::LOGO_MAX_WIDTH / theme::PT_PER_MM;

/// A run of `text` with `rpr`, in `lang` when it is not the styles' language.
fn text_run(out: &mut String, text: &str, mut rpr: RPr<'_>, lang: Option<&'static str>) {
    if let Some(val) = lang {
        rpr.lang = Some(Lang {
            val,
            east_asia: None,
            bidi: None,
        });
    }
    wrap(out, "w:r", |out| {
        if !rpr.is_empty() {
            rpr.write(out);
        }
        run_content(text, out);
    });
}

/// The first page's header: the brand band with the logo and the council's name.
pub(super) fn first_header(
    doc: &Document,
    assets: &Assets,
    media: &mut Media,
    drawing_id: u32,
    lang: Option<&'static str>,
) -> (String, Rels) {
    let mut rels = Rels::default();
    let target = media.target(Source::Logo, &assets.logo);
    let rel = rels.add(IMAGE, &target, false);
    let logo = &assets.logo;
    let width_mm = LOGO_HEIGHT_MM * logo.width_px.max(1) as f32 / logo.height_px.max(1) as f32;
    let width_mm = width_mm.min(LOGO_MAX_WIDTH_MM);
    let height_mm = width_mm * logo.height_px.max(1) as f32 / logo.width_px.max(1) as f32;
    let mut picture = String::new();
    images::run(
        &mut picture,
        &Picture {
            rel,
            id: drawing_id,
            width_mm,
            height_mm,
            alt: &doc.masthead.logo_alt,
        },
    );
    let primary = doc.theme.colours.primary.hex();
    let on_primary = doc.theme.colours.on_primary.hex();
    let logo_w = twips(width_mm + 6.0).min(TEXT_WIDTH / 2);
    let name_w = TEXT_WIDTH - logo_w;
    let mut name = String::new();
    let name_rpr = RPr {
        color: Some(&on_primary),
        size: Some(half_points(doc.theme.sizes.title)),
        ..RPr::default()
    };
    text_run(&mut name, &doc.masthead.council, name_rpr.bold(), lang);
    let cell = |out: &mut String, width: i64, jc: Jc, content: &str| {
        wrap(out, "w:tc", |out| {
            TcPr {
                width: Some(width),
                fill: Some(&primary),
                v_center: true,
                ..TcPr::default()
            }
            .write(out);
            let ppr = PPr {
                spacing: Some(Spacing::around(60, 60)),
                jc: Some(jc),
                ..PPr::default()
            };
            para(out, ppr, content);
        });
    };
    let header = xml::part("w:hdr", WML_NS, |out| {
        wrap(out, "w:tbl", |out| {
            TblPr {
                width: Some(TEXT_WIDTH),
                fixed: true,
                look: Some(TblLook::default()),
                ..TblPr::default()
            }
            .write(out);
            wrap(out, "w:tblGrid", |out| {
                tag(out, "w:gridCol").attr("w:w", logo_w).empty();
                tag(out, "w:gridCol").attr("w:w", name_w).empty();
            });
            wrap(out, "w:tr", |out| {
                cell(out, logo_w, Jc::Left, &picture);
                cell(out, name_w, Jc::Right, &name);
            });
        });
        let ppr = PPr {
            spacing: Some(Spacing::after(0)),
            ..PPr::default()
        };
        para(out, ppr, "");
    });
    (header, rels)
}

/// Later pages' header: the short title, meeting and date.
pub(super) fn running_header(doc: &Document, lang: Option<&'static str>) -> String {
    xml::part("w:hdr", WML_NS, |out| {
        wrap(out, "w:p", |out| {
            PPr::style("Header").write(out);
            text_run(out, &doc.running_header, RPr::default(), lang);
        });
    })
}

/// A field Word and LibreOffice fill in (`PAGE`, `NUMPAGES`), showing 1 until they do.
fn field(out: &mut String, instr: &str) {
    let char_run = |out: &mut String, kind: &str| {
        wrap(out, "w:r", |out| {
            tag(out, "w:fldChar").attr("w:fldCharType", kind).empty();
        });
    };
    char_run(out, "begin");
    wrap(out, "w:r", |out| {
        let out = tag(out, "w:instrText").attr("xml:space", "preserve").open();
        xml::text(out, &format!(" {instr} "));
        xml::end(out, "w:instrText");
    });
    char_run(out, "separate");
    wrap(out, "w:r", |out| wrap(out, "w:t", |out| out.push('1')));
    char_run(out, "end");
}

/// The footer of every page: classification, then "Page X of Y" at the right edge.
pub(super) fn footer(doc: &Document, lang: Option<&'static str>) -> String {
    footer_saying(doc, &doc.footer, lang)
}

/// A footer with `first` (the classification, or an exempt part's "NOT FOR
/// PUBLICATION" mark) before the page numbers.
pub(super) fn footer_saying(doc: &Document, first: &str, lang: Option<&'static str>) -> String {
    xml::part("w:ftr", WML_NS, |out| {
        wrap(out, "w:p", |out| {
            PPr::style("Footer").write(out);
            text_run(out, first, RPr::default().bold(), lang);
            wrap(out, "w:r", |out| tag(out, "w:tab").empty());
            // "Page {page} of {pages}": the words from the template, the numbers as fields.
            for piece in &doc.page_label {
                match piece {
                    PagePart::Text(t) => text_run(out, t, RPr::default(), lang),
                    PagePart::Page => field(out, "PAGE"),
                    PagePart::Pages => field(out, "NUMPAGES"),
                }
            }
        });
    })
}
