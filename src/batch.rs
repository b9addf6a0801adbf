//! Checking and rendering report files into a folder, one at a time or many
//! (feature `batch`): what `clerk` does, for a service to call.
//!
//! A [`Batch`] holds the reports (folders expanded to the `*.json` files
//! directly in them, sorted by name) and one renderer per template, shared.
//! [`Batch::run`] does one report and is safe to call from many threads at
//! once, so the caller chooses how to run them (a thread pool, a queue) and
//! how to show progress. Each report's [`Outcome`] holds the lines `clerk`
//! prints for it, its exit status and its findings as JSON.
//!
//! The contract, as `clerk` documents it: `DIR/REPORT.pdf` and
//! `DIR/REPORT.docx` (`REPORT.full.*` for the full version), both rendered
//! in memory before either is written, each written to a temporary file and
//! renamed into place; after a failure, earlier outputs of the report are
//! removed, but only files this library wrote (never the input, never
//! someone else's file of that name). Two reports whose outputs would have
//! the same name (ignoring case) both fail, so neither overwrites the other.
//!
//! ```no_run
//! use cabinet_report::batch::{Batch, BatchOptions};
//! use cabinet_report::Audience;
//!
//! let options = BatchOptions {
//!     audience: Audience::Public,
//!     out_dir: Some("out".into()),
//! };
//! let batch = Batch::new(&["reports/".into()], options);
//! let worst = (0..batch.len()).map(|i| batch.run(i).status).max().unwrap_or(0);
//! # let _ = worst;
//! ```

use crate::error::Error;
use crate::files::{persist, temp_with, WriteError};
use crate::model::Report;
use crate::template::Template;
use crate::{Audience, Diagnostic, RenderOptions, Rendered, Renderer};
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// What to do with every report of a batch.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Public (exempt parts withheld) or full.
    pub audience: Audience,
    /// Where to write the PDFs and Word documents; `None` checks only.
    pub out_dir: Option<PathBuf>,
}

/// Reports to check or render, with the renderers they share.
pub struct Batch {
    items: Vec<Item>,
    options: BatchOptions,
    collisions: HashMap<usize, String>,
    /// Whether lines start with the report's path (several reports).
    prefixed: bool,
    renderers: Renderers,
}

/// What one report came to.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Outcome {
    /// How lines name the report: its path, or "the built-in sample".
    pub name: String,
    /// The exit status `clerk` gives for this report alone: 0 done
    /// (warnings allowed), 1 validation errors, 2 unreadable or malformed
    /// input or a failure to render or write.
    pub status: u8,
    /// The lines to show, in order: each finding, notes, and a tally
    /// (`REPORT: 1 error, 2 warnings; …`). In a batch of several reports
    /// every line starts with the report's path and `: `.
    pub lines: Vec<String>,
    /// Why it failed, for a summary; `None` if it did not.
    pub reason: Option<String>,
    /// The findings as JSON objects: the report's `file`, and the finding's
    /// `rule`, `severity`, `path`, `message` (`line`, `column` where known).
    pub findings: Vec<serde_json::Value>,
}

/// What the paths name: reports, or folders that could not give any.
enum Item {
    /// A report file; `None` is the built-in sample.
    Report(Option<PathBuf>),
    /// A folder that cannot be listed or holds no report, and why.
    BadFolder(PathBuf, String),
}

impl Batch {
    /// The reports `paths` name, in order, each folder replaced by the
    /// `*.json` files directly in it, sorted by name so a batch runs the
    /// same way every time. Sub-folders are not searched: a folder of
    /// reports often keeps images and templates in sub-folders. Nothing is
    /// read yet except the folders' listings.
    pub fn new(paths: &[PathBuf], options: BatchOptions) -> Batch {
        Batch::of(expand(paths), options, true)
    }

    /// One report, or the built-in sample for `None`; its lines are not
    /// prefixed with its path.
    pub fn one(path: Option<PathBuf>, options: BatchOptions) -> Batch {
        Batch::of(vec![Item::Report(path)], options, false)
    }

    fn of(items: Vec<Item>, options: BatchOptions, prefixed: bool) -> Batch {
        let collisions = match &options.out_dir {
            Some(out) => collisions(&items, out, options.audience),
            None => HashMap::new(),
        };
        Batch {
            items,
            options,
            collisions,
            prefixed,
            renderers: Renderers::default(),
        }
    }

    /// How many reports (and unusable folders) there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Checks, and with an output folder renders and writes, report `index`
    /// (`0..len()`). Safe to call from several threads at once: a template
    /// is loaded once, by the first report that needs it.
    ///
    /// # Panics
    ///
    /// If `index` is not below [`Batch::len`].
    pub fn run(&self, index: usize) -> Outcome {
        let (name, mut outcome, prefix) = match &self.items[index] {
            Item::Report(path) => {
                let input = Input::new(path.clone());
                let outputs = self
                    .options
                    .out_dir
                    .as_deref()
                    .map(|dir| Outputs::for_input(dir, &input, self.options.audience));
                let outcome = process(
                    &input,
                    self.options.audience,
                    outputs.as_ref(),
                    &self.renderers,
                    self.collisions.get(&index).cloned(),
                );
                (input.name, outcome, self.prefixed)
            }
            Item::BadFolder(path, reason) => {
                let message = format!("cannot read {}: {reason}", path.display());
                let outcome = Outcome {
                    name: String::new(),
                    status: 2,
                    lines: vec![format!("error: {message}")],
                    findings: vec![failure(Some(path), Some("parse"), None, &message)],
                    reason: Some(message),
                };
                (path.display().to_string(), outcome, false)
            }
        };
        if prefix {
            let own = format!("{name}: ");
            for line in &mut outcome.lines {
                // The tally already starts with the report's name.
                if !line.starts_with(&own) {
                    *line = format!("{own}{line}");
                }
            }
        }
        outcome.name = name;
        outcome
    }
}

/// The paths in order, each folder replaced by its `*.json` files.
fn expand(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        if !path.is_dir() {
            items.push(Item::Report(Some(path.clone())));
            continue;
        }
        let listed = std::fs::read_dir(path).and_then(|entries| {
            entries
                .map(|e| e.map(|e| e.path()))
                .filter(|p| {
                    p.as_ref().map_or(true, |p| {
                        p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        });
        match listed {
            Ok(mut reports) if !reports.is_empty() => {
                reports.sort();
                items.extend(reports.into_iter().map(|p| Item::Report(Some(p))));
            }
            Ok(_) => items.push(Item::BadFolder(
                path.clone(),
                "it holds no report (no *.json file directly in it)".into(),
            )),
            Err(e) => items.push(Item::BadFolder(path.clone(), e.to_string())),
        }
    }
    items
}

/// Reports whose outputs would land on the same file names, by index, with
/// the message each fails with.
fn collisions(items: &[Item], out: &Path, audience: Audience) -> HashMap<usize, String> {
    let mut by_name: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Item::Report(path) = item {
            let input = Input::new(path.clone());
            let outputs = Outputs::for_input(out, &input, audience);
            // Disks may ignore case, and some (macOS) Unicode normalisation:
            // "é" as one character or as "e" and an accent is one name there.
            let key = {
                use unicode_normalization::UnicodeNormalization;
                let nfd: String = outputs.pdf.to_string_lossy().nfd().collect();
                nfd.to_lowercase().nfc().collect::<String>()
            };
            by_name.entry(key).or_default().push((i, input.name));
        }
    }
    let mut found = HashMap::new();
    for reports in by_name.into_values().filter(|r| r.len() > 1) {
        let names: Vec<&str> = reports.iter().map(|(_, n)| n.as_str()).collect();
        let (_, first) = &reports[0];
        let outputs = Outputs::for_input(out, &Input::new(Some(first.into())), audience);
        let message = format!(
            "{} would all be written to {} and {}; rename all but one, or render them in separate runs with different -o folders",
            names.join(", "),
            outputs.pdf.display(),
            outputs.docx.display()
        );
        for (i, _) in reports {
            found.insert(i, message.clone());
        }
    }
    found
}

/// One renderer per template, shared by every report that uses it, so a
/// batch parses each template's fonts once.
#[derive(Default)]
struct Renderers {
    built: Mutex<HashMap<TemplateKey, Arc<OnceLock<Built>>>>,
}

/// A template's renderer, or why it could not be built (without the name
/// of the report that asked, as several may ask).
type Built = Result<Arc<Renderer>, String>;

/// Which template a report names: a built-in one by id, or a file by path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TemplateKey {
    Builtin(Option<String>),
    File(PathBuf),
}

impl Renderers {
    /// The renderer for the template `report` names; the error message
    /// (without the report's name) if it cannot be loaded.
    fn get(&self, report: &Report, report_dir: Option<&Path>) -> Built {
        let name = report.template.as_deref();
        let key = match name {
            Some(name) if Template::builtin(name).is_none() => {
                let path = report_dir.map_or_else(|| PathBuf::from(name), |dir| dir.join(name));
                // The same file reached by two paths is one template.
                TemplateKey::File(std::fs::canonicalize(&path).unwrap_or(path))
            }
            _ => TemplateKey::Builtin(name.map(str::to_owned)),
        };
        let cell = self
            .built
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_default()
            .clone();
        // Outside the map's lock, so other templates build meanwhile; a
        // second report for this one waits for the first to build it.
        cell.get_or_init(|| {
            Template::for_report(name, report_dir)
                .and_then(Renderer::new)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
    }
}

/// Why a report failed; each maps to one exit status.
enum Failure {
    /// The report has validation errors (exit 1); they are already in the
    /// lines. Holds the tally of findings ("2 errors, 1 warning").
    Invalid(String),
    /// Anything else (exit 2), with its message.
    Other(String),
    /// Rendering or writing failed (exit 2): the message, and the summary of
    /// the findings printed before it.
    Render(String, String),
}

/// Checks and renders one report, collecting what a run on it alone prints.
/// `collision`, if any, is why it must not be written at all.
fn process(
    input: &Input,
    audience: Audience,
    outputs: Option<&Outputs>,
    renderers: &Renderers,
    collision: Option<String>,
) -> Outcome {
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let taken = input
        .path
        .as_deref()
        .and_then(|path| full_name_taken(path, audience));
    if let (Some(message), Some(_)) = (taken, outputs) {
        // Nothing is removed: the file of that name is another report's.
        return Outcome {
            name: String::new(),
            status: 2,
            lines: vec![format!("error: {message}")],
            findings: vec![failure(input.path.as_deref(), None, None, &message)],
            reason: Some(message),
        };
    }
    let result = match collision {
        Some(message) => Err(Failure::Other(message)),
        None => check_and_render(
            input,
            audience,
            outputs,
            renderers,
            &mut lines,
            &mut findings,
        ),
    };
    if let Err(Failure::Other(message) | Failure::Render(message, _)) = &result {
        lines.push(format!("error: {message}"));
    }
    if let (Err(_), Some(outputs)) = (&result, outputs) {
        // Whatever went wrong, DIR must not keep a PDF or Word file that no
        // longer matches the report.
        outputs.remove_stale(input.path.as_deref(), &mut lines);
    }
    if let Err(Failure::Render(_, summary)) = &result {
        lines.push(format!("{summary}; nothing written"));
    }
    let (status, reason) = match result {
        Ok(()) => (0, None),
        Err(Failure::Invalid(tally)) => (1, Some(tally)),
        Err(Failure::Other(message) | Failure::Render(message, _)) => (2, Some(message)),
    };
    Outcome {
        name: String::new(),
        status,
        lines,
        reason,
        findings,
    }
}

fn check_and_render(
    input: &Input,
    audience: Audience,
    outputs: Option<&Outputs>,
    renderers: &Renderers,
    lines: &mut Vec<String>,
    findings: &mut Vec<serde_json::Value>,
) -> Result<(), Failure> {
    let file = input.path.as_deref();
    let report = input.load().map_err(|e| {
        let message = describe(&input.name, &e);
        findings.push(failure(file, Some("parse"), Some(&e), &message));
        Failure::Other(message)
    })?;
    let report_dir = input.dir();
    let renderer = renderers.get(&report, report_dir.as_deref()).map_err(|e| {
        let message = format!("{}: {e}", input.name);
        findings.push(failure(file, None, None, &message));
        Failure::Other(message)
    })?;

    let tally_of = |diagnostics: &[Diagnostic]| {
        let (errors, counts) = tally(diagnostics);
        (errors, format!("{}: {counts}", input.name), counts)
    };

    let Some(outputs) = outputs else {
        let diagnostics = renderer.check(&report, audience);
        lines.extend(diagnostics.iter().map(ToString::to_string));
        findings.extend(diagnostics.iter().map(|d| finding(file, d)));
        let (errors, tally, counts) = tally_of(&diagnostics);
        if errors > 0 {
            lines.push(format!("{tally}; not fit to publish"));
            return Err(Failure::Invalid(format!("{counts}; not fit to publish")));
        }
        lines.push(format!("{tally}; fit to publish"));
        return Ok(());
    };

    let options = RenderOptions {
        audience,
        report_dir,
        ..RenderOptions::default()
    };
    // One check and one composition: the render refuses a report with errors
    // and hands back its warnings. Nothing is placed until both files are
    // rendered; the Word file, made first, goes to a temporary file while
    // the PDF is laid out, when the folder is there already (a report
    // refused creates nothing, and its temporary file deletes itself).
    let stage = |docx: &[u8]| outputs.dir.is_dir().then(|| temp_with(&outputs.dir, docx));
    let early =
        |(rendered, staged): (Rendered, Option<Option<Staged>>)| (rendered, staged.flatten());
    let (rendered, staged) = match renderer.render_then(&report, &options, stage).map(early) {
        Ok(both) => both,
        Err(Error::Invalid(diagnostics)) => {
            lines.extend(diagnostics.iter().map(ToString::to_string));
            let (_, tally, counts) = tally_of(&diagnostics);
            lines.push(format!("{tally}; nothing written"));
            return Err(Failure::Invalid(format!("{counts}; nothing written")));
        }
        Err(e) => {
            let (_, tally, _) = tally_of(&[]);
            return Err(Failure::Render(
                format!("cannot render {}: {e}", input.name),
                tally,
            ));
        }
    };
    lines.extend(rendered.warnings.iter().map(ToString::to_string));
    let (_, tally, _) = tally_of(&rendered.warnings);
    outputs
        .write_staged(&rendered.pdf, &rendered.docx, staged)
        .map_err(|e| Failure::Render(e.to_string(), tally.clone()))?;
    lines.push(format!(
        "{tally}; wrote {} and {}",
        outputs.pdf.display(),
        outputs.docx.display()
    ));
    Ok(())
}

/// How many findings are errors, and `2 errors, 1 warning`.
pub fn tally(diagnostics: &[Diagnostic]) -> (usize, String) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let counts = format!(
        "{}, {}",
        count(errors, "error"),
        count(diagnostics.len() - errors, "warning")
    );
    (errors, counts)
}

/// `1 report`, `2 reports`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `REPORT.json:12:5: $.meeting.date: …` for errors with a position, so
/// editors can jump to it; `REPORT.json: …` otherwise.
pub fn describe(name: &str, e: &Error) -> String {
    match e {
        Error::Json(j) => format!("{name}:{}:{}: {}: {}", j.line, j.column, j.path, j.message),
        Error::NotUtf8 { line, column } => format!(
            "{name}:{line}:{column}: the file is not UTF-8 text; save it as UTF-8 (or plain JSON) and try again"
        ),
        Error::Io { source, .. } => format!("cannot read {name}: {source}"),
        other => format!("{name}: {other}"),
    }
}

/// A finding as JSON: the report's file (null for the built-in sample) and
/// the diagnostic's own fields.
fn finding(file: Option<&Path>, diagnostic: &Diagnostic) -> serde_json::Value {
    let mut value = serde_json::to_value(diagnostic).unwrap_or_default();
    value["file"] = file.map(|f| f.display().to_string()).into();
    value
}

/// A failure that is no rule's finding, as JSON. `rule` is "parse" when the
/// report could not be read or parsed, null otherwise (a template that
/// cannot be loaded); line and column are there when known.
fn failure(
    file: Option<&Path>,
    rule: Option<&str>,
    e: Option<&Error>,
    message: &str,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "file": file.map(|f| f.display().to_string()),
        "rule": rule,
        "severity": "error",
        "path": null,
        "message": message,
    });
    match e {
        Some(Error::Json(j)) => {
            value["path"] = j.path.clone().into();
            value["message"] = j.message.clone().into();
            value["line"] = j.line.into();
            value["column"] = j.column.into();
        }
        Some(Error::NotUtf8 { line, column }) => {
            value["line"] = (*line).into();
            value["column"] = (*column).into();
        }
        _ => {}
    }
    value
}

/// Why a public run of `x.full.json` (a report or a meeting) may not write:
/// its files would be `x.full.pdf`, the name of `x.json`'s full edition, so
/// one would replace the other, and a public file would carry the full
/// edition's name.
pub fn full_name_taken(path: &Path, audience: Audience) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy();
    let (_, ending) = stem.rsplit_once('.')?;
    (audience == Audience::Public && ending.eq_ignore_ascii_case("full")).then(|| {
        format!(
            "{}: the file's name may not end in \".full.json\": its public files would take the \
             name kept for the full edition of another ({}.pdf); rename it",
            path.display(),
            stem
        )
    })
}

/// Where a report comes from and what it is called in messages.
struct Input {
    /// The file, or `None` for the built-in sample.
    path: Option<PathBuf>,
    /// How messages name it.
    name: String,
    /// Output file stem.
    stem: OsString,
}

impl Input {
    fn new(path: Option<PathBuf>) -> Input {
        match path {
            Some(path) => Input {
                name: path.display().to_string(),
                stem: path
                    .file_stem()
                    .map_or_else(|| OsString::from("report"), OsString::from),
                path: Some(path),
            },
            None => Input {
                path: None,
                name: "the built-in sample".into(),
                stem: OsString::from("tower-hamlets-2019-07-31-ilacs"),
            },
        }
    }

    /// Reads and parses the report; every failure is an exit-2 message.
    fn load(&self) -> Result<Report, Error> {
        let Some(path) = &self.path else {
            return Report::from_json(crate::model::SAMPLE_JSON);
        };
        Report::from_json_bytes(&crate::files::read_input(path)?)
    }

    /// The directory image paths and template files are relative to.
    fn dir(&self) -> Option<PathBuf> {
        input_dir(self.path.as_deref()?)
    }
}

/// The folder a report's or meeting file's images and template files are
/// named relative to: its parent, `.` for a bare file name.
pub fn input_dir(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    Some(if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    })
}

/// The two files one report (or an agenda pack) produces, written together.
#[derive(Debug, Clone)]
pub struct Outputs {
    dir: PathBuf,
    /// The PDF's path.
    pub pdf: PathBuf,
    /// The Word document's path.
    pub docx: PathBuf,
}

/// A temporary file written and synced, or why not.
type Staged = Result<tempfile::NamedTempFile, WriteError>;

impl Outputs {
    /// `DIR/STEM.pdf` and `DIR/STEM{docx_suffix}` (`.docx` for a report,
    /// `-agenda.docx` for a pack's front sheet), with `.full` after the stem
    /// for the full version, so it cannot be mistaken for the public files.
    pub fn named(
        dir: &Path,
        stem: &std::ffi::OsStr,
        audience: Audience,
        docx_suffix: &str,
    ) -> Outputs {
        let mut stem = stem.to_os_string();
        if audience == Audience::Full {
            stem.push(".full");
        }
        let named = |ext: &str| {
            let mut name = stem.clone();
            name.push(ext);
            dir.join(name)
        };
        Outputs {
            dir: dir.to_path_buf(),
            pdf: named(".pdf"),
            docx: named(docx_suffix),
        }
    }

    fn for_input(dir: &Path, input: &Input, audience: Audience) -> Outputs {
        Outputs::named(dir, &input.stem, audience, ".docx")
    }

    /// Writes both files to temporary files beside their final names, then
    /// renames them into place, so a reader never sees a half-written file.
    pub fn write(&self, pdf: &[u8], docx: &[u8]) -> Result<(), WriteError> {
        self.write_staged(pdf, docx, None)
    }

    /// [`Outputs::write`], the Word file's temporary file (synced) made
    /// already when `staged`.
    fn write_staged(
        &self,
        pdf: &[u8],
        docx: &[u8],
        staged: Option<Staged>,
    ) -> Result<(), WriteError> {
        let (pdf_tmp, docx_tmp) = match staged {
            Some(docx_tmp) => (temp_with(&self.dir, pdf), docx_tmp),
            None => self.stage_both(pdf, docx)?,
        };
        self.place(pdf_tmp?, docx_tmp?)
    }

    /// Both temporary files, the Word file's on a second thread.
    fn stage_both(&self, pdf: &[u8], docx: &[u8]) -> Result<(Staged, Staged), WriteError> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| WriteError(format!("cannot create {}: {e}", self.dir.display())))?;
        // Each temporary file is synced to disk before it is placed, and a
        // sync is mostly waiting for the disk: the Word file's wait runs
        // on a second thread, beside the PDF's (one after the other, the
        // waits were the larger part of a `clerk` run on a busy machine).
        // A thread that cannot be started leaves the work to this one.
        let (pdf_tmp, docx_tmp) = std::thread::scope(|s| {
            let docx_job = std::thread::Builder::new()
                .spawn_scoped(s, || temp_with(&self.dir, docx))
                .ok();
            let pdf_tmp = temp_with(&self.dir, pdf);
            let docx_tmp = match docx_job {
                Some(job) => job.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => temp_with(&self.dir, docx),
            };
            (pdf_tmp, docx_tmp)
        });
        Ok((pdf_tmp, docx_tmp))
    }

    /// Renames both temporary files into place, the PDF first.
    fn place(
        &self,
        pdf_tmp: tempfile::NamedTempFile,
        docx_tmp: tempfile::NamedTempFile,
    ) -> Result<(), WriteError> {
        persist(pdf_tmp, &self.pdf)?;
        // The temporary files delete themselves when dropped unplaced. The
        // PDF just placed is this run's and has no Word file to match: it is
        // taken back here, and said so, so the caller's clean-up of earlier
        // outputs never reports this run's file as an earlier one.
        persist(docx_tmp, &self.docx).map_err(|WriteError(e)| {
            let kept = match std::fs::remove_file(&self.pdf) {
                Ok(()) => "the PDF this run wrote was taken back, so there is neither",
                Err(_) => "the PDF this run wrote could not be taken back: delete it",
            };
            WriteError(format!("{e}; {kept}"))
        })
    }

    /// Removes earlier outputs of this report after a failed run, and says
    /// so; only files this library wrote, never the input or anyone else's
    /// file that happens to have the name (`clerk minutes.docx -o docs`
    /// must not delete the user's `docs/minutes.docx`).
    fn remove_stale(&self, input: Option<&Path>, lines: &mut Vec<String>) {
        for path in [&self.pdf, &self.docx] {
            if std::fs::symlink_metadata(path).is_err() {
                continue;
            }
            if !written_by_us(path, input) {
                lines.push(format!(
                    "note: left {} as it is: clerk did not write it, so it is not this report's output",
                    path.display()
                ));
                continue;
            }
            match std::fs::remove_file(path) {
                Ok(()) => lines.push(format!(
                    "note: removed {}, an earlier output that no longer matches the report",
                    path.display()
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => lines.push(format!(
                    "warning: {} is out of date but could not be removed: {e}",
                    path.display()
                )),
            }
        }
    }
}

/// Whether `path` is a file this library wrote: a regular file (not a
/// link), not the input, whose own content names this library as its maker
/// (the PDF's XMP `CreatorTool`, the Word file's `docProps/app.xml`
/// `Application`). Reads at most 64 MB: no output of ours is larger.
fn written_by_us(path: &Path, input: Option<&Path>) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if input.is_some_and(|i| same(i, path)) {
        return false;
    }
    let mut bytes = Vec::new();
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(64 << 20).read_to_end(&mut bytes).is_err() {
        return false;
    }
    if bytes.starts_with(b"%PDF-") {
        let mark = b"<xmp:CreatorTool>cabinet-report";
        return bytes.windows(mark.len()).any(|w| w == mark);
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes)) else {
        return false;
    };
    let mut app = String::new();
    let read = zip
        .by_name("docProps/app.xml")
        .map(|part| part.take(1 << 16).read_to_string(&mut app));
    matches!(read, Ok(Ok(_))) && app.contains("<Application>cabinet-report</Application>")
}
