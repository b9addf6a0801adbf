//! The relationships and media of one part, collected while it is written.

use super::xml::{end, tag};
use crate::assets::{ImageFormat, LoadedImage};
use std::collections::HashMap;
use std::fmt;

macro_rules! rel_types {
    ($($name:ident = $kind:literal;)*) => {
        $(pub(super) const $name: &str =
            concat!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/", $kind);)*
    };
}

/// The namespace of every `.rels` part.
pub(super) const PACKAGE_RELS: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";

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
    CUSTOM_XML_PROPS = "customXmlProps";
}

/// A relationship id, `rId1`, `rId2` …, handed out by [`Rels::add`] and
/// written only through its `Display`, so no part names an id by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct RelId(u32);

impl fmt::Display for RelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rId{}", self.0)
    }
}

#[cfg(test)]
impl RelId {
    pub fn test(n: u32) -> RelId {
        RelId(n)
    }
}

/// One part's relationships (`word/_rels/document.xml.rels` and the like):
/// the registry of its ids.
#[derive(Debug, Default)]
pub(super) struct Rels {
    /// (type, target, external), in order of adding.
    entries: Vec<(&'static str, String, bool)>,
    /// Each entry's index, so a repeated link finds its id without a scan
    /// of every relationship (a scan made many links quadratic).
    index: HashMap<(&'static str, String, bool), usize>,
}

impl Rels {
    /// Adds a relationship and returns its id: ids count up in order of
    /// adding, and the same relationship added again keeps its first id.
    pub fn add(&mut self, kind: &'static str, target: &str, external: bool) -> RelId {
        let key = (kind, target.to_string(), external);
        let next = self.entries.len();
        let i = *self.index.entry(key.clone()).or_insert(next);
        if i == next {
            self.entries.push(key);
        }
        RelId(i as u32 + 1)
    }

    /// The `.rels` part.
    pub fn xml(&self) -> String {
        let mut x = String::from(super::xml::DECL);
        let out = tag(&mut x, "Relationships")
            .attr("xmlns", PACKAGE_RELS)
            .open();
        for (i, (kind, target, external)) in self.entries.iter().enumerate() {
            tag(out, "Relationship")
                .attr("Id", RelId(i as u32 + 1))
                .attr("Type", kind)
                .attr("Target", target)
                .attr_opt("TargetMode", external.then_some("External"))
                .empty();
        }
        end(out, "Relationships");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_stable_and_shared_by_equal_relationships() {
        let mut rels = Rels::default();
        let styles = rels.add(STYLES, "styles.xml", false);
        let link = rels.add(HYPERLINK, "https://example.org/", true);
        // The same target as another kind, or as an external link, is another relationship.
        let image = rels.add(IMAGE, "https://example.org/", false);
        assert_eq!(rels.add(HYPERLINK, "https://example.org/", true), link);
        assert_eq!(
            [styles, link, image].map(|id| id.to_string()),
            ["rId1", "rId2", "rId3"]
        );
        let xml = rels.xml();
        assert_eq!(xml.matches("<Relationship ").count(), 3, "{xml}");
        assert!(xml.contains(concat!(
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" "#,
            r#"Target="https://example.org/" TargetMode="External"/>"#
        )), "{xml}");
    }
}
