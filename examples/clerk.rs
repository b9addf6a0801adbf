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

use cabinet_report::batch::{self, Batch, BatchOptions, Outcome, Outputs};
use cabinet_report::model::Date;
use cabinet_report::template::Template;
use cabinet_report::{files, Audience, Error, RenderOptions, Renderer, Report};
use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};
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
    if args.schema.is_none() && !args.check && !args.new && args.out.exists() && !args.out.is_dir()
    {
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
    let bytes = match files::read_docx(path) {
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
        match Renderer::new(t) {
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
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(".json");
    let out = dir.join(name);
    let mut json = report.to_json();
    json.push('\n');
    if let Err(e) = files::write_atomic(&out, json.as_bytes()) {
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

fn options(args: &Args) -> BatchOptions {
    BatchOptions {
        audience: audience(args),
        out_dir: (!args.check).then(|| args.out.clone()),
    }
}

/// One report (or the built-in sample); its lines are printed as they are.
fn run_single(args: &Args) -> u8 {
    let batch = Batch::one(args.reports.first().cloned(), options(args));
    let outcome = batch.run(0);
    // The process ends after this report: the renderer's fonts and the
    // thousands of words it shaped are left for the exit to reclaim, not
    // freed one allocation at a time (3% of a whole run, measured with perf).
    std::mem::forget(batch);
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
    let meeting = match files::read_input(path)
        .and_then(|bytes| cabinet_report::Meeting::from_json_bytes(&bytes))
    {
        Ok(meeting) => meeting,
        Err(e) => {
            say(&batch::describe(&name, &e));
            return 2;
        }
    };
    let dir = batch::input_dir(path);
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
    if let Some(message) = batch::full_name_taken(path, audience).filter(|_| !args.check) {
        say(&format!("error: {message}"));
        return 2;
    }
    let options = RenderOptions {
        audience,
        report_dir: dir,
        ..RenderOptions::default()
    };
    let tally = |diagnostics: &[cabinet_report::Diagnostic]| {
        let (errors, counts) = batch::tally(diagnostics);
        (errors, format!("{name}: {counts}"))
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
    let stem = path.file_stem().unwrap_or("report".as_ref());
    let outputs = Outputs::named(&args.out, stem, audience, "-agenda.docx");
    let (_, tally) = tally(&pack.warnings);
    if let Err(e) = outputs.write(&pack.pdf, &pack.agenda_docx) {
        say(&format!("error: {e}"));
        return 2;
    }
    say(&format!(
        "{tally}; wrote {} and {}",
        outputs.pdf.display(),
        outputs.docx.display()
    ));
    0
}

/// Many reports, rendered in parallel; each report's lines are printed
/// together, in the order the reports were named, then a summary.
fn run_batch(args: &Args) -> u8 {
    let started = Instant::now();
    let batch = Batch::new(&args.reports, options(args));
    let bar = progress_bar(batch.len());
    let printer = Mutex::new(InOrder::default());
    let outcomes: Vec<Outcome> = (0..batch.len())
        .into_par_iter()
        .map(|i| {
            let outcome = batch.run(i);
            printer.lock().unwrap_or_else(PoisonError::into_inner).done(
                i,
                outcome.lines.clone(),
                &bar,
            );
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();

    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.reason.is_some()).collect();
    for outcome in &failed {
        if let Some(reason) = &outcome.reason {
            say(&format!("failed: {}: {reason}", outcome.name));
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
        batch::count(outcomes.len(), "report"),
        started.elapsed().as_secs_f64()
    ));
    if args.format == Format::Json {
        let all: Vec<serde_json::Value> = outcomes
            .iter()
            .flat_map(|o| o.findings.iter().cloned())
            .collect();
        print_findings(&all);
    }
    outcomes.iter().map(|o| o.status).max().unwrap_or(0)
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

/// Prints a starter report: every field a clerk fills in, holding a prompt
/// the validator reports until it is replaced.
fn print_starter() -> Result<(), String> {
    let today = Date::today();
    let json = Report::starter(today).to_json();
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
