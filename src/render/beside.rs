//! A render on two threads: the rules that read the report run on a pool
//! thread (`crate::parallel`) beside composition and the output made on this
//! one, and a second output, when there is one, on a pool thread as soon as
//! the document is ready.
//!
//! The rules are a fifth to a quarter of a warm render of the sample (about
//! 0.4 ms of a PDF's 2.8 ms and a Word file's 1.5 ms, measured), and nothing
//! in composing or writing waits for them: they only decide whether the
//! result may be returned. So they run beside it, and a render costs the
//! longer of the two rather than their sum. The rules still decide: a report
//! with errors is refused with every finding whatever the render did, and
//! the output is not made once they are known to have failed. Rendering a
//! report that then fails its check is safe: the stages are fuzzed without
//! the gate (`fuzz/fuzz_targets/ungated.rs`). Results, errors and their
//! precedence are those of a render in turn (`Renderer::prepare`), which a
//! test compares.

use super::{RenderOptions, Renderer};
use crate::assets::Assets;
use crate::compose::{self, Document};
use crate::error::Error;
use crate::model::Report;
use crate::parallel;
use crate::validate::{self, Diagnostic};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What a render on two threads gives: the output made here, the one made
/// on the second thread once the rules passed, and the warnings.
pub(super) type Both<A, B> = (A, B, Vec<Diagnostic>);

impl Renderer {
    /// Renders `report` with `here` on this thread and `there` on a pool
    /// thread (`there` is for a second output: the PDF and the Word file of
    /// [`Renderer::render`] are made at the same time). `word`: a Word file
    /// will be made, so the document carries the report. Callers use it when
    /// [`parallel::split`]; without a pool it still works, each job in turn
    /// (the rules, then the outputs), which the tests use on any machine.
    pub(super) fn beside<A, B: Send>(
        &self,
        report: &Report,
        options: &RenderOptions,
        word: bool,
        here: impl FnOnce(&Document, &Assets) -> Result<A, Error>,
        there: impl FnOnce(&Document, &Assets) -> Result<B, Error> + Send,
    ) -> Result<Both<A, B>, Error> {
        self.check_template_matches(report, options)?;
        let audience = options.audience;
        let failed = AtomicBool::new(false);
        let failed = &failed;
        let mut found = None;
        let mut made_there = None;
        let (prepared, made_here) = parallel::beside(|jobs| {
            jobs.start(|| {
                let covers = self.fonts.coverage();
                let rules = validate::report_rules(report, &self.template, audience, Some(&covers));
                let refused = rules.iter().any(Diagnostic::is_error);
                failed.store(refused, Ordering::Relaxed);
                found = Some(rules);
                // Done long before the outputs, which will want compressors:
                // they are set up here rather than by the thread laying out.
                if !refused && parallel::split() {
                    parallel::Deflater::prepare();
                }
            });
            let prepared = Prepared::new(
                compose::compose_printed(report, &self.template, audience, Some(&self.fonts)),
                |doc| {
                    if word {
                        compose::carry_source(doc, report, audience);
                    }
                    Assets::with_logo(doc, &*options.files(), self.logo.clone())
                },
            );
            // Not made once the rules are known to have failed; made
            // otherwise, and thrown away if they fail later.
            let made_here = match &prepared {
                Prepared::Ready(both) if !failed.load(Ordering::Relaxed) => {
                    let both_there = Arc::clone(both);
                    let made_there = &mut made_there;
                    jobs.start(move || {
                        if !failed.load(Ordering::Relaxed) {
                            *made_there = Some(there(&both_there.0, &both_there.1));
                        }
                    });
                    Some(here(&both.0, &both.1))
                }
                _ => None,
            };
            (prepared, made_here)
        });
        let found = found.expect("the rules have run when `beside` returns");
        let diagnostics = validate::with_composition(found, prepared.doc(), &self.template);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diagnostics));
        }
        // No errors: both outputs were made, unless composing or the images
        // failed, which is the error.
        prepared.ready()?;
        let a = made_here.expect("made when the document was ready")?;
        let b = made_there.expect("made when the rules passed and the document was ready")?;
        Ok((a, b, diagnostics))
    }
}

/// The composed document and its images, or how far they got: the rules'
/// findings that need the document (W1's length) are reported even when its
/// images cannot be loaded, as in a render in turn.
enum Prepared {
    Ready(Arc<(Document, Assets)>),
    NoImages(Box<Document>, Error),
    NoDocument(Error),
}

impl Prepared {
    fn new(
        doc: Result<Document, Error>,
        finish: impl FnOnce(&mut Document) -> Result<Assets, Error>,
    ) -> Prepared {
        match doc {
            Err(e) => Prepared::NoDocument(e),
            Ok(mut doc) => match finish(&mut doc) {
                Ok(assets) => Prepared::Ready(Arc::new((doc, assets))),
                Err(e) => Prepared::NoImages(Box::new(doc), e),
            },
        }
    }

    fn doc(&self) -> Option<&Document> {
        match self {
            Prepared::Ready(both) => Some(&both.0),
            Prepared::NoImages(doc, _) => Some(doc),
            Prepared::NoDocument(_) => None,
        }
    }

    fn ready(self) -> Result<(), Error> {
        match self {
            Prepared::Ready(_) => Ok(()),
            Prepared::NoImages(_, e) | Prepared::NoDocument(e) => Err(e),
        }
    }
}
