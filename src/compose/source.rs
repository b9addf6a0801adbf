//! The report as the Word file carries it for reading back (`crate::import`).

use super::Audience;
use crate::model::Report;

/// The namespace of the Word part's root element; the importer finds the part
/// by it. Here, not in `docx`, so a build that reads Word files (`import`)
/// need not include the Word writer.
#[cfg(any(feature = "docx", feature = "import"))]
pub(crate) const NAMESPACE: &str = "urn:cabinet-report:model:1";

/// The report as JSON, for the audience of the rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// `"public"` or `"full"`.
    pub audience: &'static str,
    /// [`Report::to_json`] of the report, with, for the public, the blocks of
    /// exempt sections and appendices left out: the file must not carry
    /// withheld text in a part nobody sees.
    pub json: String,
}

/// The source for `audience`.
pub(super) fn source(report: &Report, audience: Audience) -> Source {
    match audience {
        Audience::Full => Source {
            audience: "full",
            json: report.to_json(),
        },
        Audience::Public => {
            let mut open = report.clone();
            for s in open.sections.iter_mut().filter(|s| s.exempt.is_some()) {
                s.blocks.clear();
            }
            for a in open.appendices.iter_mut().filter(|a| a.exempt.is_some()) {
                a.blocks.clear();
            }
            Source {
                audience: "public",
                json: open.to_json(),
            }
        }
    }
}
