//! The entry points: validate, compose, then render to PDF or Word.

use crate::assets::{Assets, LoadedImage};
use crate::compose::{self, Audience, Document};
use crate::error::Error;
use crate::fonts::FontSet;
use crate::model::Report;
#[cfg(any(feature = "pdf", feature = "docx"))]
use crate::parallel;
use crate::resources::Resources;
use crate::template::Template;
use crate::validate::{self, Diagnostic};
use std::path::PathBuf;
use std::sync::Arc;

#[cfg(any(feature = "pdf", feature = "docx"))]
mod beside;
mod pack;
#[cfg(feature = "pdf")]
pub use pack::{ItemPages, RenderedPack};

/// How to render.
#[derive(Clone, Default)]
pub struct RenderOptions {
    /// Public (exempt parts withheld) or full.
    pub audience: Audience,
    /// Where the report file is: its images (and a template file it names)
    /// are read from there. With neither this nor `resources`, a report
    /// naming an image or template file is refused: nothing is read from
    /// the current directory.
    pub report_dir: Option<PathBuf>,
    /// Where the report's images and a template it names are read from,
    /// instead of `report_dir`: a service gives the files in memory with
    /// [`MemoryResources`](crate::resources::MemoryResources).
    pub resources: Option<Arc<dyn Resources>>,
}

impl std::fmt::Debug for RenderOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderOptions")
            .field("audience", &self.audience)
            .field("report_dir", &self.report_dir)
            .field("resources", &self.resources.as_ref().map(|_| ".."))
            .finish()
    }
}

impl RenderOptions {
    /// Where the report's files are read from.
    fn files(&self) -> Arc<dyn Resources> {
        match &self.resources {
            Some(files) => files.clone(),
            None => crate::resources::folder_or_nowhere(self.report_dir.as_deref()),
        }
    }

    /// The template a report names, from `resources` or `report_dir`.
    fn template(&self, name: Option<&str>) -> Result<Template, Error> {
        match &self.resources {
            Some(files) => Template::for_report_in(name, &**files),
            None => Template::for_report(name, self.report_dir.as_deref()),
        }
    }

    /// A renderer for the template a report names: one read from
    /// `resources` has its logo and fonts there too; one read from
    /// `report_dir`, in the template file's folder.
    fn renderer(&self, name: Option<&str>) -> Result<Renderer, Error> {
        let template = self.template(name)?;
        match &self.resources {
            Some(files) => Renderer::with_resources(template, &**files),
            None => Renderer::new(template),
        }
    }
}

/// Renders reports with one template; holds the parsed fonts and the logo
/// so many reports (or both formats of one) do not read them again.
#[derive(Debug, Clone)]
pub struct Renderer {
    template: Template,
    fonts: FontSet,
    logo: LoadedImage,
}

impl Renderer {
    /// A renderer for `template`, reading its brand's logo and fonts from
    /// the template file's folder (`Template::base_dir`). A template that
    /// fails its checks, or whose logo or fonts cannot be used, is refused.
    pub fn new(template: Template) -> Result<Renderer, Error> {
        let files = crate::resources::folder_or_nowhere(template.base_dir.as_deref());
        Renderer::with_resources(template, &*files)
    }

    /// Like [`Renderer::new`], reading the brand's logo and fonts from
    /// `files` by the names the brand gives (`base_dir` is not used): for a
    /// template built in code or from bytes, with its files in memory.
    pub fn with_resources(template: Template, files: &dyn Resources) -> Result<Renderer, Error> {
        // The JSON loader checks too, but a template built in code or
        // changed after loading reaches here without having been through it.
        template.check()?;
        let fonts = FontSet::for_brand_from(&template.brand, files)?;
        // Every report prints the template's wording, so a character of it
        // the fonts lack would pass each report's check and fail its render.
        if let Some((field, ch)) = validate::template_unprintable(&template, &fonts.coverage()) {
            return Err(Error::Template {
                name: template.id.clone(),
                reason: format!(
                    "{field}: the character {ch:?} (U+{:04X}) is not in the brand's fonts, so it cannot be printed",
                    ch as u32
                ),
            });
        }
        // Loaded now, so a bad logo stops a service at start-up rather than
        // failing every report it is later asked for.
        let logo = Assets::logo_from(&template, files)?;
        Ok(Renderer {
            template,
            fonts,
            logo,
        })
    }

    /// The template.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// Every validation finding for `report`, including characters the
    /// brand's fonts cannot print (R13), so a report that passes can be rendered.
    pub fn check(&self, report: &Report, audience: Audience) -> Vec<Diagnostic> {
        self.check_and_compose(report, audience).0
    }

    fn check_and_compose(
        &self,
        report: &Report,
        audience: Audience,
    ) -> (Vec<Diagnostic>, Option<Document>) {
        let covers = self.fonts.coverage();
        validate::check_and_compose_with(
            report,
            &self.template,
            audience,
            Some(&covers),
            Some(&self.fonts),
        )
    }

    /// Validates and composes once, and loads images; a report with errors
    /// is refused with every finding. The warnings go with the document.
    /// `word`: a Word file will be made, so the document carries the report.
    fn prepare(
        &self,
        report: &Report,
        options: &RenderOptions,
        word: bool,
    ) -> Result<(Document, Assets, Vec<Diagnostic>), Error> {
        self.check_template_matches(report, options)?;
        let (diagnostics, doc) = self.check_and_compose(report, options.audience);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(diagnostics));
        }
        // No errors, so a document: compose refuses only what R11 reports.
        let mut doc = match doc {
            Some(doc) => doc,
            None => compose::compose_printed(
                report,
                &self.template,
                options.audience,
                Some(&self.fonts),
            )?,
        };
        if word {
            compose::carry_source(&mut doc, report, options.audience);
        }
        let assets = Assets::with_logo(&doc, &*options.files(), self.logo.clone())?;
        Ok((doc, assets, diagnostics))
    }

    /// A report that names another council's template must not be printed
    /// silently under this one (wrong law, wrong wording, wrong brand).
    fn check_template_matches(
        &self,
        report: &Report,
        options: &RenderOptions,
    ) -> Result<(), Error> {
        let Some(name) = report.template.as_deref() else {
            return Ok(());
        };
        let wanted = match Template::builtin(name) {
            Some(t) => t.id,
            None => match options.template(Some(name)) {
                Ok(t) => t.id,
                // The renderer was given its template explicitly; a file we
                // cannot read here is not a reason to refuse.
                Err(_) => return Ok(()),
            },
        };
        if wanted == self.template.id {
            return Ok(());
        }
        Err(Error::Template {
            name: name.to_string(),
            reason: format!(
                "the report asks for template `{wanted}`, but this renderer uses `{}`",
                self.template.id
            ),
        })
    }

    /// The PDF (feature `pdf`).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self, report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
        let pdf = |doc: &Document, assets: &Assets| crate::pdf::render(doc, assets, &self.fonts);
        if parallel::split() {
            return self
                .beside(report, options, false, pdf, |_, _| Ok(()))
                .map(|(pdf, (), _)| pdf);
        }
        let (doc, assets, _) = self.prepare(report, options, false)?;
        pdf(&doc, &assets)
    }

    /// The Word document (feature `docx`).
    #[cfg(feature = "docx")]
    pub fn docx(&self, report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
        if parallel::split() {
            return self
                .beside(report, options, true, crate::docx::render, |_, _| Ok(()))
                .map(|(docx, (), _)| docx);
        }
        let (doc, assets, _) = self.prepare(report, options, true)?;
        crate::docx::render(&doc, &assets)
    }

    /// Every format this build makes (both by default) and the warnings,
    /// from one validation and one composition: what a clerk publishing a
    /// report wants, for a little over the cost of the PDF alone. The bytes
    /// are those [`Renderer::pdf`] and [`Renderer::docx`] give; a report with
    /// errors is refused with [`Error::Invalid`] holding every finding, so
    /// there is no need to call [`Renderer::check`] first.
    #[cfg(any(feature = "pdf", feature = "docx"))]
    pub fn render(&self, report: &Report, options: &RenderOptions) -> Result<Rendered, Error> {
        #[cfg(all(feature = "pdf", feature = "docx"))]
        return self
            .render_then(report, options, |_| ())
            .map(|(rendered, _)| rendered);
        #[cfg(not(all(feature = "pdf", feature = "docx")))]
        self.render_in_turn(report, options)
    }

    /// [`Renderer::render`], with `then` given the Word file as soon as it
    /// is made when that is beside the PDF's layout (two cores; else `None`),
    /// so `clerk` writes it to disk, and waits for the disk, meanwhile.
    /// `then` may run for a report the rules then refuse: what it made is
    /// dropped with the error.
    #[cfg(all(feature = "pdf", feature = "docx"))]
    pub(crate) fn render_then<T: Send>(
        &self,
        report: &Report,
        options: &RenderOptions,
        then: impl FnOnce(&[u8]) -> T + Send,
    ) -> Result<(Rendered, Option<T>), Error> {
        // On two threads, the PDF here and the Word file beside it: neither
        // output reads the other.
        if parallel::split() {
            let pdf =
                |doc: &Document, assets: &Assets| crate::pdf::render(doc, assets, &self.fonts);
            let docx = |doc: &Document, assets: &Assets| {
                let bytes = crate::docx::render(doc, assets)?;
                let after = then(&bytes);
                Ok((bytes, after))
            };
            return self.beside(report, options, true, pdf, docx).map(
                |(pdf, (docx, after), warnings)| {
                    let rendered = Rendered {
                        pdf,
                        docx,
                        warnings,
                    };
                    (rendered, Some(after))
                },
            );
        }
        Ok((self.render_in_turn(report, options)?, None))
    }

    /// [`Renderer::render`] one stage after another.
    #[cfg(any(feature = "pdf", feature = "docx"))]
    fn render_in_turn(&self, report: &Report, options: &RenderOptions) -> Result<Rendered, Error> {
        let (doc, assets, warnings) = self.prepare(report, options, cfg!(feature = "docx"))?;
        Ok(Rendered {
            #[cfg(feature = "pdf")]
            pdf: crate::pdf::render(&doc, &assets, &self.fonts)?,
            #[cfg(feature = "docx")]
            docx: crate::docx::render(&doc, &assets)?,
            warnings,
        })
    }
}

/// A report in every format the build makes, with the warnings its check
/// found. A field is there when its feature is on; features only add fields,
/// and the struct is `non_exhaustive`, so code written for one output keeps
/// compiling when the other is switched on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg(any(feature = "pdf", feature = "docx"))]
pub struct Rendered {
    /// The tagged PDF (feature `pdf`).
    #[cfg(feature = "pdf")]
    pub pdf: Vec<u8>,
    /// The Word document (feature `docx`).
    #[cfg(feature = "docx")]
    pub docx: Vec<u8>,
    /// Findings that do not stop publication (W1 … W6), for the clerk to see.
    pub warnings: Vec<Diagnostic>,
}

/// Renders a PDF with the template the report names (or the built-in one).
#[cfg(feature = "pdf")]
pub fn render_pdf(report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    options
        .renderer(report.template.as_deref())?
        .pdf(report, options)
}

/// Renders a Word document with the template the report names (or the built-in one).
#[cfg(feature = "docx")]
pub fn render_docx(report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    options
        .renderer(report.template.as_deref())?
        .docx(report, options)
}

#[cfg(all(test, feature = "pdf", feature = "docx"))]
mod tests {
    use super::*;

    #[test]
    fn a_report_for_another_councils_template_is_refused() {
        let mut report = Report::sample();
        report.template = Some("../templates/bro-tawel.json".into());
        let options = RenderOptions {
            report_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports").into()),
            ..RenderOptions::default()
        };
        let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
        let e = renderer.docx(&report, &options).unwrap_err().to_string();
        assert!(
            e.contains("bro-tawel") && e.contains("tower-hamlets"),
            "{e}"
        );
        report.template = Some("tower-hamlets".into());
        assert!(renderer.docx(&report, &options).is_ok());
    }

    #[test]
    fn a_render_returns_the_warnings_its_check_finds() {
        let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
        let report = Report::sample();
        let warnings = renderer.check(&report, Audience::Public);
        assert!(!warnings.is_empty() && warnings.iter().all(|d| !d.is_error()));
        let out = renderer.render(&report, &RenderOptions::default()).unwrap();
        assert_eq!(out.warnings, warnings);
    }

    #[test]
    fn a_render_on_two_threads_is_a_render_in_turn() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports");
        let with_image_json = std::fs::read_to_string(format!(
            "{dir}/ashcombe-vale-2026-02-25-air-quality-consultation.json"
        ))
        .unwrap();
        let with_image = Report::from_json(&with_image_json).unwrap();
        let mut blank_title = Report::sample();
        blank_title.title = " ".into();
        // Long enough for W1 (over the template's page guideline), with an
        // error of the rules' own (R3, a blank title).
        let mut long: serde_json::Value = serde_json::from_str(&with_image_json).unwrap();
        long["title"] = " ".into();
        let words = "The council will consult residents on the proposals before deciding. ";
        let blocks = long["sections"][0]["blocks"].as_array_mut().unwrap();
        blocks.extend((0..400).map(|_| serde_json::json!({ "paragraph": words.repeat(6) })));
        let error_and_no_image = Report::from_json(&long.to_string()).unwrap();
        let mut other_template = Report::sample();
        other_template.template = Some("../templates/bro-tawel.json".into());
        // The report's template and logo, but not its image.
        let no_images = tempfile::tempdir().unwrap();
        let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/templates");
        std::fs::create_dir_all(no_images.path().join("templates")).unwrap();
        std::fs::create_dir_all(no_images.path().join("reports")).unwrap();
        for file in ["ashcombe-vale.json", "ashcombe-vale-logo.png"] {
            std::fs::copy(
                format!("{templates}/{file}"),
                no_images.path().join("templates").join(file),
            )
            .unwrap();
        }
        let no_images = no_images.path().join("reports");
        let no_images = no_images.to_str().unwrap();
        let cases = [
            ("the sample", Report::sample(), Some(dir)),
            ("an error the rules find", blank_title, None),
            ("another council's template", other_template, Some(dir)),
            (
                "an image that cannot be read",
                with_image.clone(),
                Some(no_images),
            ),
            ("a report with an image", with_image, Some(dir)),
            // The findings on the document (W1) are there although its
            // images are not.
            (
                "an error and an image that cannot be read",
                error_and_no_image,
                Some(no_images),
            ),
        ];
        let tower_hamlets = Renderer::new(Template::tower_hamlets()).unwrap();
        for (case, report, dir) in cases {
            for audience in [Audience::Public, Audience::Full] {
                let options = RenderOptions {
                    audience,
                    report_dir: dir.map(Into::into),
                    ..RenderOptions::default()
                };
                let renderer = match options.renderer(report.template.as_deref()) {
                    Ok(own) if case != "another council's template" => own,
                    _ => tower_hamlets.clone(),
                };
                let two = renderer.beside(
                    &report,
                    &options,
                    true,
                    |doc, assets| crate::pdf::render(doc, assets, &renderer.fonts),
                    crate::docx::render,
                );
                let turn = renderer.render_in_turn(&report, &options);
                let expected_ok = matches!(case, "the sample" | "a report with an image");
                assert_eq!(two.is_ok(), expected_ok, "{case}");
                match (two, turn) {
                    (Ok((pdf, docx, warnings)), Ok(turn)) => {
                        assert!(pdf == turn.pdf && docx == turn.docx, "{case}");
                        assert_eq!(warnings, turn.warnings, "{case}");
                    }
                    (Err(two), Err(turn)) => {
                        assert_eq!(two.to_string(), turn.to_string(), "{case}");
                        let shown = two.to_string();
                        match case {
                            "an image that cannot be read" => {
                                assert!(matches!(two, Error::Image { .. }), "{case}: {shown}")
                            }
                            "an error and an image that cannot be read" => {
                                assert!(shown.contains("[R3]") && shown.contains("[W1]"), "{shown}")
                            }
                            _ => {}
                        }
                    }
                    (two, turn) => panic!(
                        "{case}: on two threads {:?}, in turn {:?}",
                        two.map(|_| ()),
                        turn.map(|_| ())
                    ),
                }
            }
        }
    }

    #[test]
    fn renders_at_once_from_many_threads_and_from_a_rayon_pool_agree() {
        use rayon::prelude::*;
        let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
        let report = Report::sample();
        let options = RenderOptions::default();
        let alone = renderer.render(&report, &options).unwrap();
        // A service's own threads, more of them than cores.
        std::thread::scope(|s| {
            let threads: Vec<_> = (0..8)
                .map(|_| s.spawn(|| renderer.render(&report, &options).unwrap()))
                .collect();
            for t in threads {
                let r = t.join().unwrap();
                assert!(r.pdf == alone.pdf && r.docx == alone.docx);
            }
        });
        // An application's `par_iter` over reports, on rayon's global pool,
        // each output alone and both at once.
        let all: Vec<_> = (0..16)
            .into_par_iter()
            .map(|i| match i % 3 {
                0 => (Some(renderer.pdf(&report, &options).unwrap()), None),
                1 => (None, Some(renderer.docx(&report, &options).unwrap())),
                _ => {
                    let r = renderer.render(&report, &options).unwrap();
                    (Some(r.pdf), Some(r.docx))
                }
            })
            .collect();
        for (pdf, docx) in all {
            assert!(pdf.is_none_or(|p| p == alone.pdf));
            assert!(docx.is_none_or(|d| d == alone.docx));
        }
    }

    #[test]
    fn both_formats_at_once_are_the_formats_one_at_a_time() {
        let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
        let report = Report::sample();
        let options = RenderOptions::default();
        let both = renderer.render(&report, &options).unwrap();
        assert!(both.pdf == renderer.pdf(&report, &options).unwrap());
        assert!(both.docx == renderer.docx(&report, &options).unwrap());

        let mut bad = report.clone();
        bad.title = " ".into();
        assert!(matches!(
            renderer.render(&bad, &options),
            Err(Error::Invalid(_))
        ));
    }
}
