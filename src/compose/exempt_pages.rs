//! Which parts of the full edition carry exempt information, so every page
//! they fill can say so.
//!
//! In the full edition an exempt section or appendix starts on a new page
//! and the open text after it starts on another, so a page either carries
//! exempt information or does not, in the PDF and in Word alike (Word can
//! change a footer only at a section break, which starts a new page here).
//! Each such page's footer reads "NOT FOR PUBLICATION" with the part's own
//! Schedule 12A paragraphs instead of the report's classification.

use super::{Node, Template};
use crate::model::{Exemption, Report};
use std::ops::Range;

/// A run of top-level body nodes carrying exempt information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptPart {
    /// Indexes into [`super::Document::body`]: the part's heading, notice and content.
    pub nodes: Range<usize>,
    /// The footer of its pages.
    pub footer: String,
}

/// The footer of a page carrying information exempt under `ex`.
pub(super) fn page_mark(t: &Template, ex: &Exemption) -> String {
    t.labels
        .exempt_page
        .replace("{paragraphs}", &super::body::join_and(t, &ex.paragraphs))
        .replace("{part}", &t.jurisdiction.schedule_part().to_string())
}

/// The exempt parts among `body` (the full edition's): consecutive nodes
/// whose path lies in an exempt section or an exempt appendix that has
/// content. An exempt appendix circulated separately has only its heading
/// and notice here, which are public.
pub(super) fn parts(report: &Report, t: &Template, body: &[Node]) -> Vec<ExemptPart> {
    let mut out: Vec<(usize, ExemptPart)> = Vec::new();
    for (i, node) in body.iter().enumerate() {
        let Some((key, ex)) = owner(report, &node.path) else {
            continue;
        };
        match out.last_mut() {
            Some((k, part)) if *k == key && part.nodes.end == i => part.nodes.end = i + 1,
            _ => out.push((
                key,
                ExemptPart {
                    nodes: i..i + 1,
                    footer: page_mark(t, ex),
                },
            )),
        }
    }
    out.into_iter().map(|(_, p)| p).collect()
}

/// The exempt part a path lies in, as a key (sections first, then
/// appendices) and its exemption.
fn owner<'r>(report: &'r Report, path: &str) -> Option<(usize, &'r Exemption)> {
    let index = |prefix: &str| {
        let rest = path.strip_prefix(prefix)?;
        let (n, _) = rest.split_once(']')?;
        n.parse::<usize>().ok()
    };
    if let Some(i) = index("$.sections[") {
        let s = report.sections.get(i)?;
        return Some((i, s.exempt.as_ref()?));
    }
    let i = index("$.appendices[")?;
    let a = report.appendices.get(i)?;
    if a.blocks.is_empty() {
        return None;
    }
    Some((report.sections.len() + i, a.exempt.as_ref()?))
}
