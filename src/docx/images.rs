//! Inline pictures with their alternative text.

use super::parts::RelId;
use super::xml::{emu, end, tag, wrap};

/// A picture to place: its relationship, size on the page and description.
pub(super) struct Picture<'a> {
    /// Relationship id of the image in the part holding the picture.
    pub rel: RelId,
    /// Unique drawing id within the document (Word repairs files with duplicates).
    pub id: u32,
    /// Size on the page, mm.
    pub width_mm: f32,
    pub height_mm: f32,
    /// Alternative text.
    pub alt: &'a str,
}

/// The run holding the picture.
pub(super) fn run(out: &mut String, p: &Picture<'_>) {
    let (cx, cy) = (emu(p.width_mm), emu(p.height_mm));
    let name = format!("Picture {}", p.id);
    wrap(out, "w:r", |out| {
        wrap(out, "w:drawing", |out| {
            let out = tag(out, "wp:inline")
                .attrs(&[
                    ("distT", "0"),
                    ("distB", "0"),
                    ("distL", "0"),
                    ("distR", "0"),
                ])
                .open();
            tag(out, "wp:extent").attr("cx", cx).attr("cy", cy).empty();
            tag(out, "wp:docPr")
                .attr("id", p.id)
                .attr("name", &name)
                .attr("descr", p.alt)
                .empty();
            wrap(out, "wp:cNvGraphicFramePr", |out| {
                tag(out, "a:graphicFrameLocks")
                    .attr("noChangeAspect", 1)
                    .empty();
            });
            wrap(out, "a:graphic", |out| {
                let out = tag(out, "a:graphicData")
                    .attr(
                        "uri",
                        "http://schemas.openxmlformats.org/drawingml/2006/picture",
                    )
                    .open();
                wrap(out, "pic:pic", |out| {
                    wrap(out, "pic:nvPicPr", |out| {
                        tag(out, "pic:cNvPr")
                            .attr("id", p.id)
                            .attr("name", &name)
                            .attr("descr", p.alt)
                            .empty();
                        tag(out, "pic:cNvPicPr").empty();
                    });
                    wrap(out, "pic:blipFill", |out| {
                        tag(out, "a:blip").attr("r:embed", p.rel).empty();
                        wrap(out, "a:stretch", |out| tag(out, "a:fillRect").empty());
                    });
                    wrap(out, "pic:spPr", |out| {
                        wrap(out, "a:xfrm", |out| {
                            tag(out, "a:off").attr("x", 0).attr("y", 0).empty();
                            tag(out, "a:ext").attr("cx", cx).attr("cy", cy).empty();
                        });
                        let out = tag(out, "a:prstGeom").attr("prst", "rect").open();
                        tag(out, "a:avLst").empty();
                        end(out, "a:prstGeom");
                    });
                });
                end(out, "a:graphicData");
            });
            end(out, "wp:inline");
        });
    });
}
