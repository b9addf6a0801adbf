//! Inline pictures with their alternative text.

use super::xml::{emu, esc};

/// A picture to place: its relationship, size on the page and description.
pub(super) struct Picture<'a> {
    /// Relationship id of the image in the part holding the picture.
    pub rel: &'a str,
    /// Unique drawing id within the document (Word repairs files with duplicates).
    pub id: u32,
    /// Size on the page, mm.
    pub width_mm: f32,
    pub height_mm: f32,
    /// Alternative text.
    pub alt: &'a str,
}

/// The run holding the picture.
pub(super) fn run(p: &Picture<'_>) -> String {
    let (cx, cy) = (emu(p.width_mm), emu(p.height_mm));
    let alt = esc(p.alt);
    let id = p.id;
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}" descr="{alt}"/>"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="Picture {id}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
            r#"<pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#,
            r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        id = id,
        alt = alt,
        rel = p.rel
    )
}
