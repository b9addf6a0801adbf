//! `clerk`: check a Cabinet report and render it to PDF and Word.
//!
//! ```text
//! clerk                          render the built-in sample into ./out/
//! clerk REPORT.json [-o DIR]     write DIR/REPORT.pdf and DIR/REPORT.docx
//! clerk --check REPORT.json      validate only
//! clerk --new > REPORT.json      print a starter report to fill in
//! ```
//!
//! Exit status: 0 success (warnings allowed), 1 the report has validation
//! errors, 2 the input could not be read or parsed, the usage was wrong, or
//! rendering or writing failed. Other tools rely on this contract and on the
//! one-diagnostic-per-line format on stderr; keep both stable.

use cabinet_report::model::{
    Appendix, Block, Body, Date, Field, KeyDecision, Meeting, Officer, Papers, Person, Purpose,
    Recommendation, Section, SectionKind, Wards,
};
use cabinet_report::template::Template;
use cabinet_report::{Audience, Error, RenderOptions, Renderer, Report};
use clap::Parser;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check a Cabinet report and render it to an accessible PDF and a Word document.
///
/// Without REPORT, renders the built-in sample (Tower Hamlets, 31 July 2019).
/// Exit status: 0 success (warnings allowed), 1 validation errors, 2 unreadable
/// or malformed input, bad usage, or a failure to render or write.
#[derive(Debug, Parser)]
#[command(name = "clerk", version)]
struct Args {
    /// The report, as JSON. Outputs are named after it: REPORT.pdf, REPORT.docx.
    #[arg(value_name = "REPORT.json")]
    report: Option<PathBuf>,

    /// Where to write the PDF and Word document (created if needed).
    #[arg(short = 'o', long = "out", value_name = "DIR", default_value = "out")]
    out: PathBuf,

    /// Validate only; write nothing.
    #[arg(long, conflicts_with_all = ["new", "out"])]
    check: bool,

    /// Print a starter report (JSON) to standard output, to fill in.
    #[arg(long, conflicts_with_all = ["report", "out", "full"])]
    new: bool,

    /// Render (or check) the full version, exempt parts included, as
    /// REPORT.full.pdf and REPORT.full.docx, so it cannot be mistaken for the
    /// public files.
    #[arg(long, conflicts_with = "public")]
    full: bool,

    /// Render (or check) the public version, exempt parts withheld (the default).
    #[arg(long)]
    public: bool,
}

/// Why a run failed; each maps to one exit status.
enum Failure {
    /// The report has validation errors (exit 1); they are already printed.
    Invalid,
    /// Anything else (exit 2), with its message.
    Other(String),
    /// Rendering or writing failed (exit 2): the message, and the summary of
    /// the findings printed before it.
    Render(String, String),
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
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Other(_) | Failure::Render(..)) => ExitCode::from(2),
    }
}

/// One line on stderr. A message can quote the input (an unknown field's
/// name), so control characters are escaped, keeping one finding per line and
/// the terminal safe, and the line is cut at a length a person can read.
/// A closed stderr is no reason to panic.
fn say(line: &str) {
    const MAX_CHARS: usize = 1000;
    let mut clean = String::with_capacity(line.len().min(MAX_CHARS * 2));
    for (i, c) in line.chars().enumerate() {
        if i == MAX_CHARS {
            clean.push('…');
            break;
        }
        if c.is_control() {
            clean.extend(c.escape_default());
        } else {
            clean.push(c);
        }
    }
    let _ = writeln!(std::io::stderr().lock(), "{clean}");
}

/// Runs the command; messages are printed here, the exit status chosen by the caller.
fn run(args: &Args) -> Result<(), Failure> {
    if args.new {
        return print_starter().inspect_err(print_error);
    }
    let audience = if args.full {
        Audience::Full
    } else {
        Audience::Public
    };
    let input = Input::from_args(args);
    let mut stem = input.stem.clone();
    if audience == Audience::Full {
        stem.push(".full");
    }
    let outputs = (!args.check).then(|| Outputs::new(&args.out, &stem));

    let result = check_and_render(&input, audience, outputs.as_ref()).inspect_err(print_error);
    if let (Err(_), Some(outputs)) = (&result, &outputs) {
        // Whatever went wrong, DIR must not keep a PDF or Word file that no
        // longer matches the report.
        outputs.remove_stale();
    }
    if let Err(Failure::Render(_, summary)) = &result {
        say(&format!("{summary}; nothing written"));
    }
    result
}

fn print_error(failure: &Failure) {
    if let Failure::Other(message) | Failure::Render(message, _) = failure {
        say(&format!("error: {message}"));
    }
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
    fn from_args(args: &Args) -> Input {
        match &args.report {
            Some(path) => Input {
                name: path.display().to_string(),
                stem: path
                    .file_stem()
                    .map_or_else(|| OsString::from("report"), OsString::from),
                path: Some(path.clone()),
            },
            None => Input {
                path: None,
                name: "the built-in sample".into(),
                stem: OsString::from("tower-hamlets-2019-07-31-ilacs"),
            },
        }
    }

    /// Reads and parses the report; every failure is an exit-2 message.
    fn load(&self) -> Result<Report, Failure> {
        let Some(path) = &self.path else {
            return Report::from_json(cabinet_report::model::SAMPLE_JSON)
                .map_err(|e| Failure::Other(format!("the built-in sample: {e}")));
        };
        let bytes = read_bounded(path).map_err(|e| Failure::Other(describe(&self.name, &e)))?;
        Report::from_json_bytes(&bytes).map_err(|e| Failure::Other(describe(&self.name, &e)))
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
) -> Result<(), Failure> {
    let report = input.load()?;
    let report_dir = input.dir();
    let template = Template::for_report(report.template.as_deref(), report_dir.as_deref())
        .map_err(|e| Failure::Other(format!("{}: {e}", input.name)))?;
    let renderer =
        Renderer::new(template).map_err(|e| Failure::Other(format!("{}: {e}", input.name)))?;

    let diagnostics = renderer.check(&report, audience);
    for d in &diagnostics {
        say(&d.to_string());
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let tally = format!(
        "{}: {}, {}",
        input.name,
        count(errors, "error"),
        count(diagnostics.len() - errors, "warning")
    );

    let Some(outputs) = outputs else {
        if errors > 0 {
            say(&format!("{tally}; not fit to publish"));
            return Err(Failure::Invalid);
        }
        say(&format!("{tally}; fit to publish"));
        return Ok(());
    };
    if errors > 0 {
        say(&format!("{tally}; nothing written"));
        return Err(Failure::Invalid);
    }

    let options = RenderOptions {
        audience,
        report_dir,
    };
    // Both files are rendered in memory before anything touches the disk.
    let render_failed =
        |e: Error| Failure::Render(format!("cannot render {}: {e}", input.name), tally.clone());
    let pdf = renderer.pdf(&report, &options).map_err(render_failed)?;
    let docx = renderer.docx(&report, &options).map_err(render_failed)?;
    outputs
        .write(&pdf, &docx)
        .map_err(|message| Failure::Render(message, tally.clone()))?;
    say(&format!(
        "{tally}; wrote {} and {}",
        outputs.pdf.display(),
        outputs.docx.display()
    ));
    Ok(())
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
    fn new(dir: &Path, stem: &OsString) -> Outputs {
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
        let placed = pdf_tmp
            .persist(&self.pdf)
            .map_err(|e| format!("cannot write {}: {}", self.pdf.display(), e.error))
            .and_then(|_| {
                docx_tmp
                    .persist(&self.docx)
                    .map_err(|e| format!("cannot write {}: {}", self.docx.display(), e.error))
            });
        // The temporary files delete themselves when dropped unplaced; a new
        // PDF beside an old Word file is removed by the caller.
        placed.map(drop)
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

    /// Removes earlier outputs of this report after a failed run, and says so.
    fn remove_stale(&self) {
        for path in [&self.pdf, &self.docx] {
            match std::fs::remove_file(path) {
                Ok(()) => say(&format!(
                    "note: removed {}, an earlier output that no longer matches the report",
                    path.display()
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => say(&format!(
                    "warning: {} is out of date but could not be removed: {e}",
                    path.display()
                )),
            }
        }
    }
}

/// Prints a starter report: every field a clerk fills in, holding a prompt
/// the validator reports until it is replaced.
fn print_starter() -> Result<(), Failure> {
    let today = today();
    let json = starter(today).to_json();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}")
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Other(format!("cannot write the starter report: {e}")))?;
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
            kind: s.kind,
            heading: None,
            blocks: section_prompts(s.kind),
            exempt: None,
        })
        .collect();
    Report {
        template: Some(cabinet_report::template::DEFAULT_TEMPLATE.into()),
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
        },
        strategic_priorities: vec!["[Strategic plan priority or outcome]".into()],
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
fn section_prompts(kind: SectionKind) -> Vec<Block> {
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
        SectionKind::Other => vec![p("[Insert the section text]")],
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
