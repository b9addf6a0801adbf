//! A render on two threads: the rules that read the report run on a second
//! thread beside composition and the output made on this one.
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
use std::sync::{mpsc, Arc};

/// What a render on two threads gives: the output made here, the one made
/// on the second thread once the rules passed, and the warnings.
pub(super) type Both<A, B> = (A, B, Vec<Diagnostic>);

impl Renderer {
    /// Renders `report` with `here` on this thread and `there` on the
    /// second, after the rules (`there` is for a second output: the PDF and
    /// the Word file of [`Renderer::render`] are made at the same time).
    /// `word`: a Word file will be made, so the document carries the
    /// report. `None` when no thread could be started, or there is one core
    /// to run it on: the caller renders in turn.
    pub(super) fn beside<A: Send, B: Send>(
        &self,
        report: &Report,
        options: &RenderOptions,
        word: bool,
        here: impl FnOnce(&Document, &Assets) -> Result<A, Error> + Send,
        there: impl FnOnce(&Document, &Assets) -> Result<B, Error> + Send,
    ) -> Option<Result<Both<A, B>, Error>> {
        parallel::split().then(|| self.on_two_threads(report, options, word, here, there))
    }

    /// [`Renderer::beside`] whatever the cores (on one, the rules run after
    /// the output is made: the same result, later).
    pub(super) fn on_two_threads<A: Send, B: Send>(
        &self,
        report: &Report,
        options: &RenderOptions,
        word: bool,
        here: impl FnOnce(&Document, &Assets) -> Result<A, Error> + Send,
        there: impl FnOnce(&Document, &Assets) -> Result<B, Error> + Send,
    ) -> Result<Both<A, B>, Error> {
        self.check_template_matches(report, options)?;
        let audience = options.audience;
        let failed = AtomicBool::new(false);
        let (ready, prepared) = mpsc::channel::<Arc<(Document, Assets)>>();
        let failed = &failed;
        // Run by another of rayon's threads when one is free, else by this
        // one once `here` is done. It may wait on the channel: `here` sends
        // (or drops the sender) before it waits on anything, so that wait
        // always ends, whichever threads run the two and whatever else the
        // pool is doing.
        let rules_then_there = move || {
            let covers = self.fonts.coverage();
            let found = validate::report_rules(report, &self.template, audience, Some(&covers));
            if found.iter().any(Diagnostic::is_error) {
                failed.store(true, Ordering::Relaxed);
                return (found, None);
            }
            // Closed unsent when composing or loading the images failed.
            let made = prepared.recv().ok().map(|both| there(&both.0, &both.1));
            (found, made)
        };
        let compose_then_here = move || {
            let doc = compose::compose_printed(report, &self.template, audience, Some(&self.fonts));
            let prepared = doc.and_then(|mut doc| {
                if word {
                    compose::carry_source(&mut doc, report, audience);
                }
                let assets = Assets::with_logo(&doc, &*options.files(), self.logo.clone())?;
                Ok(Arc::new((doc, assets)))
            });
            let made_here = match &prepared {
                Ok(both) if !failed.load(Ordering::Relaxed) => {
                    let _ = ready.send(both.clone());
                    drop(ready);
                    Some(here(&both.0, &both.1))
                }
                _ => {
                    drop(ready);
                    None
                }
            };
            (prepared, made_here)
        };
        let ((prepared, made_here), (found, made_there)) =
            parallel::join(compose_then_here, rules_then_there);
        let doc = prepared.as_ref().ok().map(|both| &both.0);
        let diagnostics = validate::with_composition(found, doc, &self.template);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diagnostics));
        }
        // No errors: both outputs were made, unless composing or the images
        // failed, which is the error.
        prepared.and_then(|_| {
            let a = made_here.expect("made when the document was")?;
            let b = made_there.expect("made when the rules passed and the document was made")?;
            Ok((a, b, diagnostics))
        })
    }
}
