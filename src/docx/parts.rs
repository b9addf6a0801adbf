//! The relationships and media of one part, collected while it is written.

use std::collections::HashMap;
use super::xml::esc;
use crate::assets::{ImageFormat, LoadedImage};

macro_rules! rel_types {
    ($($name:ident = $kind:literal;)*) => {
        $(pub(super) const $name: &str =
            concat!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/", $kind);)*
    };
}

// Relationship types.
rel_types! {
    HYPERLINK = "hyperlink";
    IMAGE = "image";
    STYLES = "styles";
    NUMBERING = "numbering";
    SETTINGS = "settings";
    HEADER = "header";
    FOOTER = "footer";
    CUSTOM_XML = "customXml";
}

/// One part's relationships (`word/_rels/document.xml.rels` and the like).
#[derive(Debug, Default)]
pub(super) struct Rels {
    /// (type, target, external), in order of adding.
    entries: Vec<(&'static str, String, bool)>,
    /// Each entry's index, so a repeated link finds its id without a scan
    /// of every relationship (a scan made many links quadratic).
    index: HashMap<(&'static str, String, bool), usize>,
}

impl Rels {
    /// Adds a relationship and returns its id: `rId1`, `rId2` … in order of adding.
    pub fn add(&mut self, kind: &'static str, target: &str, external: bool) -> String {
        let key = (kind, target.to_string(), external);
        let next = self.entries.len();
        let i = *self.index.entry(key.clone()).or_insert(next);
        if i == next {
            self.entries.push(key);
        }
        format!("rId{}", i + 1)
    }

    /// The `.rels` part.
    pub fn xml(&self) -> String {
        let mut x = String::from(super::xml::DECL);
        x.push_str(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
        for (i, (kind, target, external)) in self.entries.iter().enumerate() {
            let mode = if *external {
                r#" TargetMode="External""#
            } else {
                ""
            };
            x.push_str(&format!(
                r#"<Relationship Id="rId{}" Type="{kind}" Target="{}"{mode}/>"#,
                i + 1,
                esc(target)
            ));
        }
        x.push_str("</Relationships>");
        x
    }
}

/// Which image a media file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source {
    /// The brand's logo.
    Logo,
    /// A body image, by its file number (`LoadedImage::file`).
    Image(usize),
}

/// Images stored in `word/media`, shared by every part.
#[derive(Debug, Default)]
pub(super) struct Media {
    /// (which image, file name under word/, bytes).
    pub files: Vec<(Source, String, Vec<u8>)>,
}

impl Media {
    /// The target (relative to `word/`) of an image, storing it once per key.
    pub fn target(&mut self, key: Source, image: &LoadedImage) -> String {
        if let Some((_, name, _)) = self.files.iter().find(|(k, _, _)| *k == key) {
            return name.clone();
        }
        let ext = match image.format {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        };
        let name = format!("media/image{}.{ext}", self.files.len() + 1);
        self.files.push((key, name.clone(), image.bytes.clone()));
        name
    }
}
