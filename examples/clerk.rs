//! `clerk`: check Cabinet reports and render them to PDF and Word.
//!
//! ```text
//! clerk                          render the built-in sample into ./out/
//! clerk REPORT.json [-o DIR]     write DIR/REPORT.pdf and DIR/REPORT.docx
//! clerk A.json B.json FOLDER/ [-o DIR]
//!                                batch: every report, in parallel, then a summary
//! clerk --check REPORT.json…     validate only
//! clerk --check --format json REPORT.json…
//!                                validate only; the findings as JSON on stdout
//! clerk --new > REPORT.json      print a starter report to fill in
//! clerk --schema [report|template|meeting]
//!                                print a file format's JSON Schema
//! clerk --pack MEETING.json [-o DIR] [--full]
//!                                the meeting's agenda pack: DIR/MEETING.pdf
//!                                (MEETING.full.pdf with Part 2) and the front
//!                                sheet as DIR/MEETING-agenda.docx
//!                                (MEETING.full-agenda.docx)
//! clerk --import EDITED.docx [-o DIR]
//!                                read a Word file this tool wrote, edited in
//!                                Word or LibreOffice, back into DIR/EDITED.json
//! ```
//!
//! Exit status: 0 success (warnings allowed), 1 the report has validation
//! errors, 2 the input could not be read or parsed, the usage was wrong, or
//! rendering or writing failed. A batch exits with the highest status any of
//! its reports would have alone: 2 if any could not be read, parsed, rendered
//! or written, collided with another's output name, or came from a folder
//! that holds no report; otherwise 1 if any has validation errors; otherwise 0.
//!
//! Batch mode is used when more than one path is given or a path is a
//! folder. A folder contributes the `*.json` files directly in it (not in
//! sub-folders), sorted by name. Each line about a report starts with the
//! report's path and `: `; removing that gives the line a single-report run
//! prints, except the per-report tally, which starts with the path already.
//! A folder that cannot be listed or holds no `*.json` file gives
//! `error: cannot read FOLDER: …`. The batch ends with one `failed: PATH:
//! REASON` line per failed report and a `summary: …` line. Two reports whose
//! outputs would have the same name in DIR (compared ignoring case and Unicode
//! normalisation, as DIR may be on a disk that ignores them) both fail, so
//! neither overwrites the other.
//!
//! Other tools rely on this contract and on the one-finding-per-line format
//! on stderr; keep both stable.

use cabinet_report::model::{
    Appendix, Block, Body, Date, Field, KeyDecision, Meeting, Officer, Papers, Person, Purpose,
    Recommendation, Section, SectionKind, Wards,
};
use cabinet_report::template::Template;
use cabinet_report::{Audience, Error, RenderOptions, Renderer, Report};
use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Instant;

/// Check Cabinet reports and render them to accessible PDFs and Word documents.
///
/// Without REPORT, renders the built-in sample (Tower Hamlets, 31 July 2019).
/// With several reports or a folder, renders them all in parallel and ends
/// with a summary. Exit status: 0 success (warnings allowed), 1 validation
/// errors, 2 unreadable or malformed input, bad usage, or a failure to render
/// or write (in a batch: the highest of its reports').
#[derive(Debug, Parser)]
#[command(name = "clerk", version)]
struct Args {
    /// Reports, as JSON, or folders of them (each `*.json` file directly in
    /// the folder). Outputs are named after each report: REPORT.pdf, REPORT.docx.
    #[arg(value_name = "REPORT.json")]
    reports: Vec<PathBuf>,

    /// Where to write the PDFs and Word documents (created if needed).
    #[arg(short = 'o', long = "out", value_name = "DIR", default_value = "out")]
    out: PathBuf,

    /// Validate only; write nothing.
    #[arg(long, conflicts_with_all = ["new", "out"])]
    check: bool,

    /// With --check, `json` also prints the findings on stdout as one JSON
    /// array of objects (file, rule, severity, path, message, and line and
    /// column where known), for editors and web forms.
    #[arg(long, value_enum, default_value_t = Format::Text, requires = "check")]
    format: Format,

    /// Print a starter report (JSON) to standard output, to fill in.
    #[arg(long, conflicts_with_all = ["reports", "out", "full"])]
    new: bool,

    /// Render (or check) the full version, exempt parts included, as
    /// REPORT.full.pdf and REPORT.full.docx, so it cannot be mistaken for the
    /// public files.
    #[arg(long, conflicts_with = "public")]
    full: bool,

    /// Render (or check) the public version, exempt parts withheld (the default).
    #[arg(long)]
    public: bool,

    /// Build (or, with --check, check) a meeting's agenda pack from its
    /// meeting file: one accessible PDF of the front sheet and every item's
    /// report, and the front sheet as a Word document.
    #[arg(long, value_name = "MEETING.json", conflicts_with_all = ["reports", "new"])]
    pack: Option<PathBuf>,
    /// Read a Word file this tool wrote (after edits in Word or LibreOffice)
    /// back into a report: writes DIR/EDITED.json, prints what could not be
    /// read back or was placed by a guess (I1, I2) and the report's own
    /// findings, one per line.
    #[arg(long, value_name = "EDITED.docx", conflicts_with_all = ["reports", "new", "check", "full", "public"])]
    import: Option<PathBuf>,
    /// Print the JSON Schema of a file format (the report's when none is
    /// named), for editors and web forms to check files against.
    #[arg(long, value_name = "FORMAT", num_args = 0..=1, default_missing_value = "report",
          value_parser = ["report", "template", "meeting"], exclusive = true)]
    schema: Option<String>,
}

/// How `--check` gives its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per finding on stderr, for people.
    Text,
    /// The same lines, and one JSON array on stdout, for programs.
    Json,
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

/// What one report came to.
struct Outcome {
    /// The exit status a run on this report alone has: 0, 1 or 2.
    status: u8,
    /// The lines for stderr, in order, without a batch's path prefix.
    lines: Vec<String>,
    /// Why it failed, for a batch's summary; `None` if it did not.
    reason: Option<String>,
    /// The findings as `--format json` prints them.
    findings: Vec<serde_json::Value>,
}

/// A finding for `--format json`: the report's file (null for the built-in
/// sample) and the diagnostic's own fields.
fn finding(file: Option<&Path>, diagnostic: &cabinet_report::Diagnostic) -> serde_json::Value {
    let mut value = serde_json::to_value(diagnostic).expect("a diagnostic serializes");
    value["file"] = file.map(|f| f.display().to_string()).into();
    value
}

/// A failure that is no rule's finding, for `--format json`. `rule` is
/// "parse" when the report could not be read or parsed, null otherwise (a
/// template that cannot be loaded); line and column are there when known.
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

/// Prints findings as one JSON array on stdout. A closed stdout is no reason
/// to panic; the exit status still says how the check went.
fn print_findings(findings: &[serde_json::Value]) {
    let text = serde_json::to_string_pretty(findings).expect("findings serialize");
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn main() -> ExitCode {
    // `try_parse` rather than `parse`: clap's own exit would bypass our
    // exit-status contract if clap ever changed its default.
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // Refused before any work: every report would otherwise fail to be
    // written, one "File exists" at a time.
    if !args.check && !args.new && args.out.exists() && !args.out.is_dir() {
        say(&format!(
            "error: -o {}: that is a file, not a folder; give the folder to write the PDFs and \
             Word documents in (it is made if it does not exist)",
            args.out.display()
        ));
        return ExitCode::from(2);
    }
    let status = if let Some(name) = &args.schema {
        let format = cabinet_report::schema::Format::from_name(name).expect("clap checked it");
        match std::io::Write::write_all(&mut std::io::stdout().lock(), format.schema().as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                say(&format!("error: cannot write the schema: {e}"));
                2
            }
        }
    } else if let Some(docx) = &args.import {
        run_import(docx, &args.out)
    } else if args.new {
        match print_starter() {
            Ok(()) => 0,
            Err(message) => {
                say(&format!("error: {message}"));
                2
            }
        }
    } else if let Some(meeting) = &args.pack {
        run_pack(&args, meeting)
    } else if args.reports.len() > 1 || args.reports.iter().any(|p| p.is_dir()) {
        run_batch(&args)
    } else {
        run_single(&args)
    };
    ExitCode::from(status)
}

/// One line on stderr. A message can quote the input (an unknown field's
/// name, a file's name), so control characters are escaped, keeping one
/// finding per line and the terminal safe, and so are format characters
/// and line separators (a right-to-left override in a file name would
/// print the line backwards; a zero-width space would hide in it); the line
/// is cut at a length a person can read. A closed stderr is no reason to panic.
fn say(line: &str) {
    const MAX_CHARS: usize = 1000;
    let mut clean = String::with_capacity(line.len().min(MAX_CHARS * 2));
    for (i, c) in line.chars().enumerate() {
        if i == MAX_CHARS {
            clean.push('…');
            break;
        }
        if hidden(c) {
            clean.extend(c.escape_default());
        } else {
            clean.push(c);
        }
    }
    let _ = writeln!(std::io::stderr().lock(), "{clean}");
}

/// Characters that are not shown as themselves: controls, Unicode's format
/// characters (general category Cf) and the line and paragraph separators.
fn hidden(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    c.is_control()
        || matches!(
            get_general_category(c),
            G::Format | G::LineSeparator | G::ParagraphSeparator
        )
}

fn audience(args: &Args) -> Audience {
    if args.full {
        Audience::Full
    } else {
        Audience::Public
    }
}

/// `--import`: the Word file read back into DIR/NAME.json, written
/// atomically; exit 0, 1 (findings that are errors) or 2 (unreadable).
fn run_import(path: &Path, dir: &Path) -> u8 {
    let shown = path.display();
    let bytes = match read_docx_bounded(path, cabinet_report::MAX_DOCX_BYTES as u64) {
        Ok(b) => b,
        Err(e) => {
            say(&format!("error: cannot read {shown}: {e}"));
            return 2;
        }
    };
    let base = path.parent().map(Path::to_path_buf);
    let mut used = None;
    let imported = Report::from_docx(&bytes, |name| {
        let t = Template::for_report(name, base.as_deref())?;
        used = Some(t.clone());
        Ok(t)
    });
    let (report, mut findings) = match imported {
        Ok(r) => r,
        Err(e) => {
            say(&format!("error: {shown}: {e}"));
            return 2;
        }
    };
    if let Some(t) = used {
        match cabinet_report::Renderer::new(t) {
            Ok(r) => findings.extend(r.check(&report, Audience::Full)),
            Err(e) => {
                say(&format!("error: {shown}: {e}"));
                return 2;
            }
        }
    }
    for d in &findings {
        say(&d.to_string());
    }
    let errors = findings
        .iter()
        .filter(|d| d.severity == cabinet_report::Severity::Error)
        .count();
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(".json");
    let out = dir.join(name);
    let mut json = report.to_json();
    json.push('\n');
    if let Err(e) = write_atomic(dir, &out, json.as_bytes()) {
        say(&format!("error: {e}"));
        return 2;
    }
    say(&format!(
        "{shown}: {errors} errors, {} warnings; wrote {}",
        findings.len() - errors,
        out.display()
    ));
    u8::from(errors > 0)
}

/// At most `limit` bytes of a regular file.
fn read_docx_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!("larger than {limit} bytes")));
    }
    Ok(bytes)
}

/// Writes beside `path` and renames into place: a reader never sees half a file.
fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let fail = |e: std::io::Error| format!("cannot write in {}: {e}", dir.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".clerk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.persist(path)
        .map(drop)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))
}

/// One report (or the built-in sample); its lines are printed as they are.
fn run_single(args: &Args) -> u8 {
    let input = Input::new(args.reports.first().cloned());
    let audience = audience(args);
    let outputs = (!args.check).then(|| Outputs::for_input(&args.out, &input, audience));
    let outcome = process(
        &input,
        audience,
        outputs.as_ref(),
        &Renderers::default(),
        None,
    );
    for line in &outcome.lines {
        say(line);
    }
    if args.format == Format::Json {
        print_findings(&outcome.findings);
    }
    outcome.status
}

/// A meeting's agenda pack: checked as one (the meeting file's findings and
/// every report's, each line naming its item), then written, both files or
/// neither. Exit 0, 1 (findings that stop publication) or 2 (unreadable
/// meeting file or template, failure to render or write).
fn run_pack(args: &Args, path: &Path) -> u8 {
    let name = path.display().to_string();
    let meeting = match read_bounded(path)
        .and_then(|bytes| cabinet_report::Meeting::from_json_bytes(&bytes))
    {
        Ok(meeting) => meeting,
        Err(e) => {
            say(&describe(&name, &e));
            return 2;
        }
    };
    let input = Input::new(Some(path.to_path_buf()));
    let dir = input.dir();
    let renderer = match Template::for_report(meeting.template.as_deref(), dir.as_deref())
        .and_then(Renderer::new)
    {
        Ok(renderer) => renderer,
        Err(e) => {
            say(&format!("{name}: {e}"));
            return 2;
        }
    };
    let audience = audience(args);
    if let Some(message) = full_name_taken(&input, audience).filter(|_| !args.check) {
        say(&format!("error: {message}"));
        return 2;
    }
    let options = RenderOptions {
        audience,
        report_dir: dir,
        ..RenderOptions::default()
    };
    let tally = |diagnostics: &[cabinet_report::Diagnostic]| {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        (
            errors,
            format!(
                "{name}: {}, {}",
                count(errors, "error"),
                count(diagnostics.len() - errors, "warning")
            ),
        )
    };
    if args.check {
        let diagnostics = renderer.check_pack(&meeting, &options);
        for d in &diagnostics {
            say(&d.to_string());
        }
        let (errors, tally) = tally(&diagnostics);
        if errors > 0 {
            say(&format!("{tally}; not fit to publish"));
            return 1;
        }
        say(&format!("{tally}; fit to publish"));
        return 0;
    }
    let pack = match renderer.pack(&meeting, &options) {
        Ok(pack) => pack,
        Err(Error::Invalid(diagnostics)) => {
            for d in &diagnostics {
                say(&d.to_string());
            }
            say(&format!("{}; nothing written", tally(&diagnostics).1));
            return 1;
        }
        Err(e) => {
            say(&format!("cannot build the pack of {name}: {e}"));
            return 2;
        }
    };
    for d in &pack.warnings {
        say(&d.to_string());
    }
    let mut stem = input.stem.clone();
    if audience == Audience::Full {
        stem.push(".full");
    }
    let named = |ext: &str| {
        let mut n = stem.clone();
        n.push(ext);
        args.out.join(n)
    };
    let outputs = Outputs {
        dir: args.out.clone(),
        pdf: named(".pdf"),
        docx: named("-agenda.docx"),
    };
    let (_, tally) = tally(&pack.warnings);
    if let Err(message) = outputs.write(&pack.pdf, &pack.agenda_docx) {
        say(&format!("error: {message}"));
        return 2;
    }
    say(&format!(
        "{tally}; wrote {} and {}",
        outputs.pdf.display(),
        outputs.docx.display()
    ));
    0
}

/// What the command line names: reports, or folders that could not give any.
enum Item {
    Report(PathBuf),
    /// A folder that cannot be listed or holds no report, and why.
    BadFolder(PathBuf, String),
}

/// The paths in order, each folder replaced by its `*.json` files, sorted by
/// name so a batch runs (and prints) the same way every time. Sub-folders
/// are not searched: a folder of reports often keeps images and templates
/// in sub-folders, and `*.json` there is not a report.
fn expand(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        if !path.is_dir() {
            items.push(Item::Report(path.clone()));
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
                items.extend(reports.into_iter().map(Item::Report));
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

/// Many reports, rendered in parallel; each report's lines are printed
/// together, in the order the reports were named, then a summary.
fn run_batch(args: &Args) -> u8 {
    let started = Instant::now();
    let audience = audience(args);
    let items = expand(&args.reports);
    let collisions = if args.check {
        HashMap::new()
    } else {
        collisions(&items, &args.out, audience)
    };
    let renderers = Renderers::default();
    let bar = progress_bar(items.len());
    let printer = Mutex::new(InOrder::default());

    let outcomes: Vec<(String, Outcome)> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let (name, outcome, prefix) = match item {
                Item::Report(path) => {
                    let input = Input::new(Some(path.clone()));
                    let outputs =
                        (!args.check).then(|| Outputs::for_input(&args.out, &input, audience));
                    let outcome = process(
                        &input,
                        audience,
                        outputs.as_ref(),
                        &renderers,
                        collisions.get(&i).cloned(),
                    );
                    (input.name, outcome, true)
                }
                Item::BadFolder(path, reason) => {
                    let message = format!("cannot read {}: {reason}", path.display());
                    let outcome = Outcome {
                        status: 2,
                        lines: vec![format!("error: {message}")],
                        findings: vec![failure(Some(path), Some("parse"), None, &message)],
                        reason: Some(message),
                    };
                    (path.display().to_string(), outcome, false)
                }
            };
            let lines = outcome
                .lines
                .iter()
                .map(|line| {
                    // The tally already starts with the report's name.
                    if !prefix || line.starts_with(&format!("{name}: ")) {
                        line.clone()
                    } else {
                        format!("{name}: {line}")
                    }
                })
                .collect();
            printer
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .done(i, lines, &bar);
            bar.inc(1);
            (name, outcome)
        })
        .collect();
    bar.finish_and_clear();

    let failed: Vec<&(String, Outcome)> = outcomes
        .iter()
        .filter(|(_, o)| o.reason.is_some())
        .collect();
    for (name, outcome) in &failed {
        if let Some(reason) = &outcome.reason {
            say(&format!("failed: {name}: {reason}"));
        }
    }
    say(&format!(
        "summary: {} {}, {} failed, of {} in {:.2} s",
        outcomes.len() - failed.len(),
        if args.check {
            "fit to publish"
        } else {
            "rendered"
        },
        failed.len(),
        count(outcomes.len(), "report"),
        started.elapsed().as_secs_f64()
    ));
    if args.format == Format::Json {
        let all: Vec<serde_json::Value> = outcomes
            .iter()
            .flat_map(|(_, o)| o.findings.iter().cloned())
            .collect();
        print_findings(&all);
    }
    outcomes.iter().map(|(_, o)| o.status).max().unwrap_or(0)
}

/// Reports finish in any order; their lines are printed in the order they
/// were named, each as soon as every report before it is done, so a log
/// reads the same on every run.
#[derive(Default)]
struct InOrder {
    next: usize,
    waiting: BTreeMap<usize, Vec<String>>,
}

impl InOrder {
    fn done(&mut self, index: usize, lines: Vec<String>, bar: &indicatif::ProgressBar) {
        self.waiting.insert(index, lines);
        while let Some(lines) = self.waiting.remove(&self.next) {
            bar.suspend(|| lines.iter().for_each(|line| say(line)));
            self.next += 1;
        }
    }
}

/// A progress bar on a terminal; none in a log, where it would be noise.
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{bar:40}] {pos}/{len} reports, {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Reports whose outputs would land on the same file names, by index, with
/// the message each fails with.
fn collisions(items: &[Item], out: &Path, audience: Audience) -> HashMap<usize, String> {
    let mut by_name: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Item::Report(path) = item {
            let input = Input::new(Some(path.clone()));
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
    if let (Some(message), Some(_)) = (full_name_taken(input, audience), outputs) {
        // Nothing is removed: the file of that name is another report's.
        return Outcome {
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
        status,
        lines,
        reason,
        findings,
    }
}

/// Why a public run of `x.full.json` may not write: its files would be
/// `x.full.pdf`, the name of `x.json`'s full edition, so one would replace
/// the other, and a public file would carry the full edition's name.
fn full_name_taken(input: &Input, audience: Audience) -> Option<String> {
    let stem = input.stem.to_string_lossy();
    let (_, ending) = stem.rsplit_once('.')?;
    (audience == Audience::Public && ending.eq_ignore_ascii_case("full")).then(|| {
        format!(
            "{}: the file's name may not end in \".full.json\": its public files would take the \
             name kept for the full edition of another ({}.pdf); rename it",
            input.name, stem
        )
    })
}

/// Where the report comes from and what it is called in messages.
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
            return Report::from_json(cabinet_report::model::SAMPLE_JSON);
        };
        Report::from_json_bytes(&read_bounded(path)?)
    }

    /// The directory image paths and template files are relative to.
    fn dir(&self) -> Option<PathBuf> {
        let parent = self.path.as_deref()?.parent()?;
        Some(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_path_buf()
        })
    }
}

/// Reads at most one byte more than a report may be, so a huge file or an
/// endless device is refused without reading it all into memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>, Error> {
    let limit = cabinet_report::model::MAX_INPUT_BYTES;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Looked at before opening: opening a pipe waits for a writer, for ever,
    // so a FIFO named `*.json` in a batch folder would hang the whole batch.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(path).map_err(io)?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(io(std::io::Error::other(
                "this is a pipe, not a report file; save the report as a file",
            )));
        }
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other(
            "this is a folder; give the report's JSON file",
        )));
    }
    if meta.is_file() && meta.len() > limit as u64 {
        return Err(Error::TooLarge {
            size: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        // A device or pipe: its size is unknown, only that it is too big.
        return Err(io(std::io::Error::other(format!(
            "it holds more than {} MB; a report may be at most that",
            limit >> 20
        ))));
    }
    Ok(bytes)
}

/// `REPORT.json:12:5: $.meeting.date: …` for errors with a position, so
/// editors can jump to it; `REPORT.json: …` otherwise.
fn describe(name: &str, e: &Error) -> String {
    match e {
        Error::Json(j) => format!("{name}:{}:{}: {}: {}", j.line, j.column, j.path, j.message),
        Error::NotUtf8 { line, column } => format!(
            "{name}:{line}:{column}: the file is not UTF-8 text; save it as UTF-8 (or plain JSON) and try again"
        ),
        Error::Io { source, .. } => format!("cannot read {name}: {source}"),
        other => format!("{name}: {other}"),
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

    let tally_of = |diagnostics: &[cabinet_report::Diagnostic]| {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let counts = format!(
            "{}, {}",
            count(errors, "error"),
            count(diagnostics.len() - errors, "warning")
        );
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
    // and hands back its warnings. Both files are rendered in memory before
    // anything touches the disk.
    let rendered = match renderer.render(&report, &options) {
        Ok(rendered) => rendered,
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
    let (pdf, docx) = (rendered.pdf, rendered.docx);
    outputs
        .write(&pdf, &docx)
        .map_err(|message| Failure::Render(message, tally.clone()))?;
    lines.push(format!(
        "{tally}; wrote {} and {}",
        outputs.pdf.display(),
        outputs.docx.display()
    ));
    Ok(())
}

/// Whether `path` is a file clerk wrote: a regular file (not a link), not
/// the input, whose own content names this library as its maker (the PDF's
/// XMP `CreatorTool`, the Word file's `docProps/app.xml` `Application`).
/// Reads at most 64 MB: no output of ours is larger.
fn written_by_clerk(path: &Path, input: Option<&Path>) -> bool {
    use std::io::Read;
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

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The two files one run produces.
struct Outputs {
    dir: PathBuf,
    pdf: PathBuf,
    docx: PathBuf,
}

impl Outputs {
    /// `DIR/REPORT.pdf` and `DIR/REPORT.docx`, or `REPORT.full.*` for the
    /// full version.
    fn for_input(dir: &Path, input: &Input, audience: Audience) -> Outputs {
        let mut stem = input.stem.clone();
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
            docx: named(".docx"),
        }
    }

    /// Writes both files to temporary files beside their final names, then
    /// renames them into place, so a reader never sees a half-written file.
    fn write(&self, pdf: &[u8], docx: &[u8]) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        let pdf_tmp = self.temp_with(pdf)?;
        let docx_tmp = self.temp_with(docx)?;
        pdf_tmp
            .persist(&self.pdf)
            .map_err(|e| format!("cannot write {}: {}", self.pdf.display(), e.error))?;
        // The temporary files delete themselves when dropped unplaced. The
        // PDF just placed is this run's and has no Word file to match: it is
        // taken back here, and said so, so the caller's clean-up of earlier
        // outputs never reports this run's file as an earlier one.
        docx_tmp.persist(&self.docx).map(drop).map_err(|e| {
            let kept = match std::fs::remove_file(&self.pdf) {
                Ok(()) => "the PDF this run wrote was taken back, so there is neither",
                Err(_) => "the PDF this run wrote could not be taken back: delete it",
            };
            format!("cannot write {}: {}; {kept}", self.docx.display(), e.error)
        })
    }

    fn temp_with(&self, bytes: &[u8]) -> Result<tempfile::NamedTempFile, String> {
        let fail = |e: std::io::Error| format!("cannot write in {}: {e}", self.dir.display());
        let mut tmp = tempfile::Builder::new()
            .prefix(".clerk-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(fail)?;
        tmp.write_all(bytes).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        // Temporary files are private (0600); a published report is not.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(fail)?;
        }
        Ok(tmp)
    }

    /// Removes earlier outputs of this report after a failed run, and says
    /// so; only files clerk itself wrote, never the input or anyone else's
    /// file that happens to have the name (`clerk minutes.docx -o docs`
    /// must not delete the user's `docs/minutes.docx`).
    fn remove_stale(&self, input: Option<&Path>, lines: &mut Vec<String>) {
        for path in [&self.pdf, &self.docx] {
            if std::fs::symlink_metadata(path).is_err() {
                continue;
            }
            if !written_by_clerk(path, input) {
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

/// Prints a starter report: every field a clerk fills in, holding a prompt
/// the validator reports until it is replaced.
fn print_starter() -> Result<(), String> {
    let today = today();
    let json = starter(today).to_json();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the starter report: {e}"))?;
    say(&format!(
        "note: replace every [bracketed prompt] and \"Yes/No\"; the meeting date is set to today ({}), change it too",
        today
    ));
    Ok(())
}

fn starter(meeting_date: Date) -> Report {
    let prompt = |s: &str| Block::Paragraph(s.into());
    let officer = || Officer {
        name: "[Officer name]".into(),
        job_title: "[Job title]".into(),
        phone: Some("[Phone number]".into()),
        email: Some("[Email address]".into()),
    };
    let sections = Template::tower_hamlets()
        .sections
        .iter()
        .map(|s| Section {
            kind: s.kind.clone(),
            heading: None,
            blocks: section_prompts(&s.kind),
            exempt: None,
            sign_off: None,
        })
        .collect();
    Report {
        template: Some(cabinet_report::template::DEFAULT_TEMPLATE.into()),
        language: None,
        meeting: Meeting {
            body: Body::Cabinet,
            date: meeting_date,
            agenda_item: Some("[Agenda item number]".into()),
        },
        decision_maker: None,
        title: "[Report title]".into(),
        short_title: Some("[Short title for page headers]".into()),
        purpose: Purpose::Decision,
        report_of: Person {
            name: "[Name of Corporate Director]".into(),
            role: "[Corporate Director, Directorate]".into(),
        },
        report_date: None,
        lead_member: Some(Person {
            name: "[Councillor name]".into(),
            role: "[Cabinet Member for Portfolio]".into(),
        }),
        originating_officers: vec![officer()],
        wards: Wards::Listed(vec!["[Ward name, or replace this list with \"all\"]".into()]),
        key_decision: KeyDecision {
            answer: Field::Unfilled("Yes/No".into()),
            reasons: Some(Field::Unfilled(
                "[Financial Threshold / Impact on Wards]".into(),
            )),
            notice_published: Some(Field::Unfilled("[Insert date notice was published]".into())),
            forward_plan_ref: Some("[Forward plan reference, if any]".into()),
            urgency: None,
            statement: None,
        },
        strategic_priorities: vec!["[Strategic plan priority or outcome]".into()],
        header_rows: Default::default(),
        call_in: None,
        lateness: None,
        exempt: None,
        summary: vec![prompt(
            "[Insert the executive summary: what the report is about and what is asked]",
        )],
        recommendations: vec![Recommendation {
            text: "[Insert recommendation]".into(),
            route: Default::default(),
            blocks: Vec::new(),
        }],
        sections,
        linked_reports: Some(Papers::Listed(vec![
            "[Linked report and date, or replace this list with \"none\"]".into(),
        ])),
        appendices: vec![Appendix {
            title: "[Appendix title]".into(),
            exempt: None,
            blocks: Vec::new(),
        }],
        background_papers: Some(Papers::Listed(vec![
            "[Background paper, or replace this list with \"none\"]".into(),
        ])),
        contacts: vec![officer()],
    }
}

/// What each section asks for, as prompts.
fn section_prompts(kind: &SectionKind) -> Vec<Block> {
    let p = |s: &str| Block::Paragraph(s.into());
    match kind {
        SectionKind::Reasons => vec![p("[Insert the reasons for the decisions]")],
        SectionKind::AlternativeOptions => vec![p(
            "[Insert the alternative options considered and why they were rejected]",
        )],
        SectionKind::Details => vec![p("[Insert the details of the report]")],
        SectionKind::Equalities => vec![p("[Insert the equalities implications]")],
        SectionKind::OtherStatutory => [
            "Best Value",
            "Environmental (including air quality and climate)",
            "Risk management",
            "Crime and disorder reduction",
            "Safeguarding",
            "Data protection",
        ]
        .iter()
        .flat_map(|topic| {
            [
                Block::Subheading((*topic).into()),
                p(&format!("[Insert {} implications, or \"None\"]", topic)),
            ]
        })
        .collect(),
        SectionKind::Finance => vec![p("[Insert the comments of the Chief Finance Officer]")],
        SectionKind::Legal => vec![p("[Insert the comments of Legal Services]")],
        // Other, and kinds a later version adds: a prompt any section can take.
        _ => vec![p("[Insert the section text]")],
    }
}

/// Today's date (UTC), for the starter's meeting date.
fn today() -> Date {
    let fallback = Date::new(2000, 1, 1);
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    Date::new(y, m, d)
        .or(fallback)
        .unwrap_or_else(|| Report::sample().meeting.date)
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's civil_from_days.
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        i32::try_from(y).unwrap_or(2000),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}
