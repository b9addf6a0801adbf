//! `word/styles.xml`: every paragraph, character and table style the body uses,
//! so a clerk editing the document keeps the look by picking a style.

use super::numbering::{paragraph_list, NUM_ALPHA, NUM_BULLETS, NUM_RECOMMENDATIONS, NUM_SECTIONS};
use super::xml::pt_twips;
use super::xml::{esc, half_points, DECL};
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

pub(super) fn xml(doc: &Document) -> String {
    let t = &doc.theme;
    let font = esc(&t.font_family);
    let primary = t.colours.primary.hex();
    let text = t.colours.text.hex();
    let on_primary = t.colours.on_primary.hex();
    let rule = theme::RULE.hex();
    let body = half_points(t.sizes.body);
    let lang = esc(doc.meta.lang);
    let size = half_points;
    let justify = if t.justify {
        r#"<w:jc w:val="both"/>"#
    } else {
        ""
    };
    // The capitals of numbered section headings are a style: the text stays as written.
    let caps = if heading_caps(doc) { "<w:caps/>" } else { "" };

    let paras = paragraph_list(doc.numbering);
    let gutter = pt_twips(theme::GUTTER);
    let quote = pt_twips(theme::GUTTER + theme::QUOTE_INSET);
    let para_gap = pt_twips(theme::PARAGRAPH_GAP);
    let mut x = String::from(DECL);
    x.push_str(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    x.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:color w:val="{text}"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/><w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="{para_gap}" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    ));
    let mut style = |kind: &str, id: &str, name: &str, rest: &str| {
        let default = if id == "Normal" || id == "DefaultParagraphFont" || id == "TableNormal" {
            r#" w:default="1""#
        } else {
            ""
        };
        x.push_str(&format!(
            r#"<w:style w:type="{kind}"{default} w:styleId="{id}"><w:name w:val="{name}"/>{rest}</w:style>"#
        ));
    };
    style(
        "paragraph",
        "Normal",
        "Normal",
        &format!("<w:qFormat/><w:pPr>{justify}</w:pPr>"),
    );
    style(
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
        "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>",
    );
    style(
        "table",
        "TableNormal",
        "Normal Table",
        r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>"#,
    );
    style(
        "paragraph",
        "Title",
        "Title",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/><w:outlineLvl w:val="9"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{primary}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            size(t.sizes.title)
        ),
    );
    // Heading 1 is the numbered section heading (level 0 of the sections list);
    // unnumbered top-level headings switch the list off on the paragraph.
    let heading = |level: u8, pt: f32, before: i64, num: &str, caps: &str| {
        format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>{num}<w:spacing w:before="{before}" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:b/><w:bCs/>{caps}<w:color w:val="{primary}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            size(pt)
        )
    };
    let sections =
        format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{NUM_SECTIONS}"/></w:numPr>"#);
    style(
        "paragraph",
        "Heading1",
        "heading 1",
        &heading(
            0,
            t.sizes.heading,
            pt_twips(theme::HEADING_GAP),
            &sections,
            caps,
        ),
    );
    style(
        "paragraph",
        "Heading2",
        "heading 2",
        &heading(
            1,
            t.sizes.subheading,
            pt_twips(theme::SUBHEADING_GAP),
            "",
            "",
        ),
    );
    style(
        "paragraph",
        "NumberedParagraph",
        "Numbered Paragraph",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr><w:ind w:left="{gutter}" w:hanging="{gutter}"/></w:pPr>"#,
            paras.ilvl, paras.num_id
        ),
    );
    style(
        "paragraph",
        "IndentedParagraph",
        "Indented Paragraph",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="{gutter}"/></w:pPr>"#
        ),
    );
    style(
        "paragraph",
        "Quote",
        "Quote",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{primary}"/></w:pBdr><w:ind w:left="{quote}" w:right="{}"/></w:pPr>"#,
            pt_twips(theme::QUOTE_INSET)
        ),
    );
    let list = |num: u32| {
        format!(
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="{num}"/></w:numPr><w:spacing w:after="80"/></w:pPr>"#
        )
    };
    style("paragraph", "ListBullet", "List Bullet", &list(NUM_BULLETS));
    style(
        "paragraph",
        "ListNumber",
        "List Number",
        &list(NUM_RECOMMENDATIONS),
    );
    style(
        "paragraph",
        "ListNumber2",
        "List Number 2",
        &list(NUM_ALPHA),
    );
    style(
        "paragraph",
        "Notice",
        "Exempt Notice",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="{primary}"/><w:left w:val="single" w:sz="6" w:space="4" w:color="{primary}"/><w:bottom w:val="single" w:sz="6" w:space="4" w:color="{primary}"/><w:right w:val="single" w:sz="6" w:space="4" w:color="{primary}"/></w:pBdr><w:ind w:left="{0}" w:right="113"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"#,
            gutter
        ),
    );
    style(
        "paragraph",
        "Caption",
        "caption",
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="80"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            size(t.sizes.table)
        ),
    );
    style(
        "paragraph",
        "TableText",
        "Table Text",
        r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>"#,
    );
    // The report's own tables: the theme's table size, as in the PDF (the
    // first page's tables keep the body size, as the PDF's do).
    style(
        "paragraph",
        "TableBody",
        "Table Body",
        &format!(
            r#"<w:basedOn w:val="TableText"/><w:qFormat/><w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            size(t.sizes.table)
        ),
    );
    // Furniture: one right tab at the text edge for "Page X of Y".
    let small = |border: &str| {
        format!(
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:pBdr>{border}</w:pBdr><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            size(t.sizes.small)
        )
    };
    style(
        "paragraph",
        "Header",
        "header",
        &small(&format!(
            r#"<w:bottom w:val="single" w:sz="4" w:space="4" w:color="{rule}"/>"#
        )),
    );
    style(
        "paragraph",
        "Footer",
        "footer",
        &small(&format!(
            r#"<w:top w:val="single" w:sz="4" w:space="4" w:color="{rule}"/>"#
        )),
    );
    style(
        "character",
        "Hyperlink",
        "Hyperlink",
        &format!(
            r#"<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="{primary}"/><w:u w:val="single"/></w:rPr>"#
        ),
    );
    // The report's tables: ruled grid, header row in the brand colour; the
    // theme's cell padding, so text wraps where it does in the PDF.
    let pad = (crate::compose::theme::CELL_PADDING * 20.0).round() as i64;
    style(
        "table",
        "ReportTable",
        "Report Table",
        &format!(
            r#"<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="{rule}"/><w:left w:val="single" w:sz="4" w:space="0" w:color="{rule}"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="{rule}"/><w:right w:val="single" w:sz="4" w:space="0" w:color="{rule}"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="{rule}"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="{rule}"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="{on_primary}"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{primary}"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>"#
        ),
    );
    x.push_str("</w:styles>");
    x
}
