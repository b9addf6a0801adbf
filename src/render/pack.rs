//! The agenda pack: a meeting's front sheet and reports as one tagged PDF,
//! and the front sheet as a Word document.
//!
//! Every report is checked and composed as it would be alone (the public
//! pack composes the public edition, so an exempt appendix keeps its
//! notice), laid out once, and the laid-out parts are joined: one structure
//! tree, one outline, one page count. The front sheet's page ranges come
//! from the real layout: the reports are laid out first, then the front
//! sheet with ranges offset by its own length, again only if that length
//! changed (it settles at once in practice; bounded regardless).

use super::{RenderOptions, Renderer};
#[cfg(feature = "pdf")]
use crate::assets::Assets;
#[cfg(feature = "pdf")]
use crate::compose::agenda::{self, Entry};
use crate::compose::Audience;
use crate::compose::Document;
#[cfg(feature = "pdf")]
use crate::compose::Meta;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::error::Error;
use crate::meeting::{check, Meeting};
use crate::model::Report;
#[cfg(feature = "pdf")]
use crate::pdf::layout::{self, pack as join};
use crate::resources::ResourceKind;
use std::path::Path;

/// An agenda pack (feature `pdf`), with the warnings its checks found.
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderedPack {
    /// The pack: front sheet, then every item's report.
    pub pdf: Vec<u8>,
    /// The front sheet as an editable Word document (feature `docx`).
    #[cfg(feature = "docx")]
    pub agenda_docx: Vec<u8>,
    /// Where each item is in the pack, in agenda order.
    pub items: Vec<ItemPages>,
    /// Findings that do not stop publication, each report's prefixed with its item.
    pub warnings: Vec<Diagnostic>,
}

/// Where one agenda item is in the pack.
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ItemPages {
    /// The item number as printed.
    pub number: String,
    /// First and last page, numbered from 1 as printed; `None` for a short
    /// item or a Part 2 item left out of the public pack.
    pub pages: Option<(usize, usize)>,
}

/// One item's report, loaded, with the options it renders with.
struct Loaded {
    report: Report,
    /// The report composed by its check, laid out from this same document.
    doc: Option<Document>,
    options: RenderOptions,
    /// The report file as the meeting file names it.
    file: String,
}

#[cfg(feature = "pdf")]
/// How many times the front sheet is laid out at most: its length can
/// change only when a page range's width moves a line break.
const FRONT_TRIES: usize = 4;

impl Renderer {
    /// Every finding for a meeting's agenda pack: the meeting file's own
    /// (M1 … M5) and every report's, each prefixed with its item and with
    /// the report file in its path. `options` gives the meeting file's
    /// folder (`report_dir`) or the files (`resources`) and the audience.
    pub fn check_pack(&self, meeting: &Meeting, options: &RenderOptions) -> Vec<Diagnostic> {
        self.prepare_pack(meeting, options).0
    }

    /// The agenda pack (feature `pdf`): for [`Audience::Public`], Part 2 items appear only
    /// as their agenda entry and the private-meeting notice; for
    /// [`Audience::Full`], with their reports. A pack with errors is refused
    /// with [`Error::Invalid`] holding every finding.
    #[cfg(feature = "pdf")]
    pub fn pack(&self, meeting: &Meeting, options: &RenderOptions) -> Result<RenderedPack, Error> {
        let (diagnostics, items) = self.prepare_pack(meeting, options);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diagnostics));
        }
        let audience = options.audience;
        let numbers = meeting.numbers();
        let files = options.files();

        // Each included report, laid out alone.
        let mut parts = Vec::new();
        let mut lengths = vec![None; meeting.items.len()];
        for (i, loaded) in items.iter().enumerate() {
            let Some(loaded) = loaded else { continue };
            if meeting.items[i].exempt.is_some() && audience == Audience::Public {
                continue;
            }
            // Composed once, by the check (no errors, so a document: compose
            // refuses only what R11 reports).
            let composed;
            let doc = match &loaded.doc {
                Some(doc) => doc,
                None => {
                    composed = crate::compose::compose_printed(
                        &loaded.report,
                        &self.template,
                        loaded.options.audience,
                        Some(&self.fonts),
                    )?;
                    &composed
                }
            };
            let assets = Assets::with_logo(doc, &*loaded.options.files(), self.logo.clone())?;
            let laid = layout::layout_for_pack(doc, &assets, &self.fonts)?;
            lengths[i] = Some(laid.pages.len());
            parts.push(join::Part {
                title: format!("{}. {}", numbers[i], entry_title(meeting, i, loaded)),
                lang: None,
                laid,
            });
        }

        // The front sheet, until its own length is the one the ranges assumed.
        let mut front_len = 1;
        let mut settled = None;
        for _ in 0..FRONT_TRIES {
            let entries = entries(meeting, &self.template, &items, &lengths, front_len);
            let doc = agenda::front_sheet(meeting, &self.template, audience, &entries, true);
            let assets = Assets::with_logo(&doc, &*files, self.logo.clone())?;
            let laid = layout::layout_for_pack(&doc, &assets, &self.fonts)?;
            if laid.pages.len() == front_len {
                settled = Some((entries, doc, assets, laid));
                break;
            }
            front_len = laid.pages.len();
        }
        let Some((entries, front, front_assets, front_laid)) = settled else {
            return Err(Error::Pdf(
                "the front sheet's length did not settle; shorten the item titles".into(),
            ));
        };

        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(join::Part {
            title: front.masthead.title.clone(),
            lang: None,
            laid: front_laid,
        });
        all.extend(parts);
        let mut laid = join::merge(all, pack_meta(&front, &self.template, audience, meeting));
        join::stamp(
            &front,
            &front_assets,
            &self.fonts,
            &mut laid,
            &agenda::pack_number_label(&self.template),
        )?;
        let pdf = crate::pdf::write_pack(laid, &self.fonts)?;

        #[cfg(feature = "docx")]
        let agenda_docx = {
            let word = agenda::front_sheet(meeting, &self.template, audience, &entries, false);
            crate::docx::render(&word, &front_assets)?
        };
        Ok(RenderedPack {
            pdf,
            #[cfg(feature = "docx")]
            agenda_docx,
            items: numbers
                .into_iter()
                .zip(&entries)
                .map(|(number, e)| ItemPages {
                    number,
                    pages: e.pages.map(|(a, b)| (a + 1, b + 1)),
                })
                .collect(),
            warnings: diagnostics,
        })
    }

    /// Loads every item's report and runs every check once.
    fn prepare_pack(
        &self,
        meeting: &Meeting,
        options: &RenderOptions,
    ) -> (Vec<Diagnostic>, Vec<Option<Loaded>>) {
        let mut out = Vec::new();
        let numbers = meeting.numbers();
        let mut items: Vec<Option<Loaded>> = meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let file = item.report.as_deref()?.trim();
                if file.is_empty() {
                    return None;
                }
                let audience = if item.exempt.is_some() {
                    // Checked as members will read it, whichever pack this is.
                    Audience::Full
                } else {
                    options.audience
                };
                load(options, file, audience, i, &numbers[i], &mut out)
            })
            .collect();
        let reports: Vec<Option<&Report>> = items
            .iter()
            .map(|l| l.as_ref().map(|l| &l.report))
            .collect();
        check::check(meeting, &self.template, &reports, &mut out);
        if let Err(e) = self.check_meeting_template(meeting, options) {
            out.push(Diagnostic::new(RuleId::M5, "$.template", e.to_string()));
        }
        // Reports of one meeting name one template file, read once here.
        let mut matched: Vec<(Option<std::path::PathBuf>, String)> = Vec::new();
        for (i, loaded) in items.iter_mut().enumerate() {
            let Some(l) = loaded else { continue };
            let item_path = format!("$.items[{i}].report");
            let key = (
                l.options.report_dir.clone(),
                l.report.template.clone().unwrap_or_default(),
            );
            let known = l.options.resources.is_none() && matched.contains(&key);
            let verdict = if known {
                Ok(())
            } else {
                self.check_template_matches(&l.report, &l.options)
            };
            if verdict.is_ok() {
                matched.push(key);
            }
            if let Err(e) = verdict {
                out.push(Diagnostic::new(
                    RuleId::M5,
                    item_path,
                    format!("item {}: {e}", numbers[i]),
                ));
                continue;
            }
            let (found, doc) = self.check_and_compose(&l.report, l.options.audience);
            l.doc = doc;
            out.extend(found.into_iter().map(|d| {
                let mut d = d;
                d.path = format!("{} {}", l.file, d.path);
                d.message = format!("item {}: {}", numbers[i], d.message);
                d
            }));
        }
        crate::validate::sort(&mut out);
        (out, items)
    }

    /// The meeting names the template this renderer uses (or none).
    fn check_meeting_template(
        &self,
        meeting: &Meeting,
        options: &RenderOptions,
    ) -> Result<(), Error> {
        let Some(name) = meeting.template.as_deref() else {
            return Ok(());
        };
        let wanted = options.template(Some(name))?.id;
        if wanted == self.template.id {
            return Ok(());
        }
        Err(Error::Template {
            name: name.to_string(),
            reason: format!(
                "the meeting asks for template `{wanted}`, but this renderer uses `{}`",
                self.template.id
            ),
        })
    }
}

/// Reads and parses item `i`'s report; a failure is an M5 finding.
fn load(
    options: &RenderOptions,
    file: &str,
    audience: Audience,
    i: usize,
    number: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let path = format!("$.items[{i}].report");
    let files = options.files();
    let bytes = match files.read(file, ResourceKind::Report) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.push(Diagnostic::new(
                RuleId::M5,
                path,
                format!("item {number}: cannot read {file}: {e}"),
            ));
            return None;
        }
    };
    let report = match Report::from_json_bytes(&bytes) {
        Ok(report) => report,
        Err(Error::Json(j)) => {
            out.push(Diagnostic::new(
                RuleId::M5,
                format!("{file} {}", j.path),
                format!(
                    "item {number}: {file}:{}:{}: {}",
                    j.line, j.column, j.message
                ),
            ));
            return None;
        }
        Err(e) => {
            out.push(Diagnostic::new(
                RuleId::M5,
                path,
                format!("item {number}: {file}: {e}"),
            ));
            return None;
        }
    };
    // A report's images and template are named relative to its own file.
    let report_dir = options
        .report_dir
        .as_ref()
        .map(|dir| match Path::new(file).parent() {
            Some(p) if !p.as_os_str().is_empty() => dir.join(p),
            _ => dir.clone(),
        });
    Some(Loaded {
        report,
        doc: None,
        options: RenderOptions {
            audience,
            report_dir,
            resources: options.resources.clone(),
        },
        file: file.to_string(),
    })
}

#[cfg(feature = "pdf")]
fn entry_title(meeting: &Meeting, i: usize, loaded: &Loaded) -> String {
    meeting.items[i]
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&loaded.report.title)
        .trim()
        .to_string()
}

#[cfg(feature = "pdf")]
/// The front sheet's entries, the reports placed after `front_len` pages.
fn entries(
    meeting: &Meeting,
    template: &crate::template::Template,
    items: &[Option<Loaded>],
    lengths: &[Option<usize>],
    front_len: usize,
) -> Vec<Entry> {
    let mut next = front_len;
    meeting
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let pages = lengths[i].map(|n| {
                let range = (next, next + n.max(1) - 1);
                next += n;
                range
            });
            match &items[i] {
                Some(l) => {
                    let of = &l.report.report_of;
                    let who = if of.name.trim().is_empty() {
                        of.role.trim().to_string()
                    } else {
                        format!("{}, {}", of.name.trim(), of.role.trim())
                    };
                    Entry {
                        title: entry_title(meeting, i, l),
                        report_of: Some(template.labels.report_by.replace("{who}", &who)),
                        pages,
                    }
                }
                None => Entry {
                    title: item.title.as_deref().unwrap_or_default().trim().to_string(),
                    report_of: None,
                    pages,
                },
            }
        })
        .collect()
}

#[cfg(feature = "pdf")]
fn pack_meta(
    front: &Document,
    template: &crate::template::Template,
    audience: Audience,
    meeting: &Meeting,
) -> Meta {
    let mut meta = front.meta.clone();
    let part2 = meeting.items.iter().any(|i| i.exempt.is_some());
    let l = &template.labels;
    let pattern = if audience == Audience::Full && part2 {
        &l.pack_title_part2
    } else {
        &l.pack_title
    };
    meta.title = pattern
        .replace("{body}", template.body_name(&meeting.body))
        .replace("{date}", &meeting.date.long_in(template.language));
    meta
}
