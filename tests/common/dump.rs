//! Readable text dumps of rendered reports, for golden files and their diffs.

use cabinet_report::pdf::frame::{ItemKind, LaidOut, Tag};
use std::fmt::Write;

/// Per page, each text line: baseline y and x (pt from the top-left), then
/// its runs as `[face size] text`. Artifacts (running header, footer,
/// repeated table headers) are marked `~` so a diff shows what kind of text changed.
pub fn pdf(laid: &LaidOut) -> String {
    let mut out = String::new();
    for (n, page) in laid.pages.iter().enumerate() {
        let _ = writeln!(out, "=== page {} of {}", n + 1, laid.pages.len());
        let mut lines: Vec<(i64, f32, bool, String)> = Vec::new();
        for item in &page.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            if text.trim().is_empty() {
                continue;
            }
            let key = (run.y * 10.0).round() as i64;
            let piece = format!("[{} {:.1}] {}", run.face.resource_name(), run.size, text);
            let artifact = matches!(item.tag, Tag::Artifact(_));
            match lines.iter_mut().find(|l| l.0 == key && l.2 == artifact) {
                Some(line) => {
                    line.1 = line.1.min(run.x);
                    line.3.push(' ');
                    line.3.push_str(&piece);
                }
                None => lines.push((key, run.x, artifact, piece)),
            }
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (y, x, artifact, text) in lines {
            let mark = if artifact { '~' } else { ' ' };
            let _ = writeln!(out, "{mark}{:7.1} {:6.1} {text}", y as f32 / 10.0, x);
        }
    }
    out
}

/// Per paragraph of the Word body: style, resolved number (as Word shows it), text.
pub fn docx(docx: &[u8]) -> String {
    let mut out = String::new();
    for p in super::word::paragraphs(docx) {
        let num = match (&p.num, &p.label) {
            (Some((id, lvl)), Some(label)) => format!(" #{id}.{lvl} \"{label}\""),
            _ => String::new(),
        };
        let cell = if p.in_table { "| " } else { "" };
        let _ = writeln!(out, "{cell}{}{num}: {}", p.style, p.text.replace('\n', "⏎"));
    }
    out
}
