//! Golden outputs: every example report's exact PDF and DOCX, and readable
//! dumps of both, so a template or brand change shows up as a diff a
//! reviewer can read before anything is published. Public renderings are
//! `<stem>.pdf` …; a report with exempt parts also has its full rendering
//! (what members see) as `<stem>.full.pdf` …
//!
//! Each example meeting (`examples/meetings/`) has its agenda pack as
//! `meeting-<stem>.pack.pdf` (public) and `meeting-<stem>.full.pack.pdf`
//! (with Part 2), each with a `.txt` dump, and the Word front sheet as
//! `meeting-<stem>.agenda.docx` with its dump.
//!
//! After an intended change: `BLESS=1 cargo test --test it golden`, then
//! `scripts/golden-review.sh` to see the changed pages side by side.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{compose, Audience, Classification};
use cabinet_report::fonts::FontSet;
use cabinet_report::{RenderOptions, Renderer, Report, Template};
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/reports")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

struct Rendered {
    pdf: Vec<u8>,
    docx: Vec<u8>,
    pdf_dump: String,
    docx_dump: String,
}

fn load(path: &Path) -> Report {
    Report::from_json_bytes(&std::fs::read(path).expect("read")).expect("load")
}

/// The audiences a report has golden files for, with their file-name
/// suffix: the public rendering always, the full one when parts are exempt.
fn audiences(report: &Report) -> Vec<(Audience, &'static str)> {
    let mut v = vec![(Audience::Public, "")];
    if Classification::of(report) != Classification::Open {
        v.push((Audience::Full, ".full"));
    }
    v
}

fn render(path: &Path, audience: Audience) -> Rendered {
    let report = load(path);
    let dir = path.parent().map(Path::to_path_buf);
    let template =
        Template::for_report(report.template.as_deref(), dir.as_deref()).expect("template");
    let options = RenderOptions {
        audience,
        report_dir: dir.clone(),
        ..RenderOptions::default()
    };
    let renderer = Renderer::new(template.clone()).expect("renderer");
    let pdf = renderer.pdf(&report, &options).expect("pdf");
    let docx = renderer.docx(&report, &options).expect("docx");

    let fonts = FontSet::for_brand(&template.brand, template.base_dir.as_deref()).expect("fonts");
    let doc = compose(&report, &template, options.audience).expect("composes");
    let assets = Assets::load(&doc, &template, dir.as_deref()).expect("assets");
    let laid = cabinet_report::pdf::layout::layout(&doc, &assets, &fonts).expect("layout");
    Rendered {
        pdf_dump: crate::common::dump::pdf(&pdf, &laid),
        docx_dump: crate::common::dump::docx(&docx),
        pdf,
        docx,
    }
}

fn meetings() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/meetings");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/meetings")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn render_pack(path: &Path, audience: Audience) -> cabinet_report::RenderedPack {
    let meeting = cabinet_report::Meeting::from_json_bytes(&std::fs::read(path).expect("read"))
        .expect("the meeting loads");
    let dir = path.parent().map(Path::to_path_buf);
    let template =
        Template::for_report(meeting.template.as_deref(), dir.as_deref()).expect("template");
    let options = RenderOptions {
        audience,
        report_dir: dir,
        ..RenderOptions::default()
    };
    Renderer::new(template)
        .expect("renderer")
        .pack(&meeting, &options)
        .expect("the example pack renders")
}

/// A unified diff of two dumps, with a few lines of context.
fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(2)
        .header("golden", "now")
        .to_string()
}

#[test]
fn outputs_match_the_golden_files() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    std::fs::create_dir_all(&golden).expect("tests/golden");
    let mut failures = Vec::new();
    let mut full = 0;
    let mut produced = std::collections::BTreeSet::new();
    // (file stem, [(extension, bytes, text dump)]) of every golden output.
    type Files = Vec<(String, Vec<u8>, Option<String>)>;
    let mut outputs: Vec<(String, Files)> = Vec::new();
    for path in examples() {
        for (audience, suffix) in audiences(&load(&path)) {
            full += usize::from(audience == Audience::Full);
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("stem")
                .to_string()
                + suffix;
            let r = render(&path, audience);
            let files = vec![
                (
                    "pdf.txt".into(),
                    r.pdf_dump.clone().into_bytes(),
                    Some(r.pdf_dump),
                ),
                (
                    "docx.txt".into(),
                    r.docx_dump.clone().into_bytes(),
                    Some(r.docx_dump),
                ),
                ("pdf".into(), r.pdf, None),
                ("docx".into(), r.docx, None),
            ];
            outputs.push((stem, files));
        }
    }
    for path in meetings() {
        let stem = format!(
            "meeting-{}",
            path.file_stem().and_then(|s| s.to_str()).expect("stem")
        );
        for (audience, suffix) in [(Audience::Public, ""), (Audience::Full, ".full")] {
            let pack = render_pack(&path, audience);
            let dump = crate::common::dump::pack(&pack.pdf);
            let mut files = vec![
                (
                    "pack.pdf.txt".to_string(),
                    dump.clone().into_bytes(),
                    Some(dump),
                ),
                ("pack.pdf".to_string(), pack.pdf, None),
            ];
            if audience == Audience::Public {
                let dump = crate::common::dump::docx(&pack.agenda_docx);
                files.push((
                    "agenda.docx.txt".into(),
                    dump.clone().into_bytes(),
                    Some(dump),
                ));
                files.push(("agenda.docx".into(), pack.agenda_docx, None));
            }
            outputs.push((format!("{stem}{suffix}"), files));
        }
    }
    for (stem, files) in &outputs {
        for (ext, bytes, text) in files {
            let file = golden.join(format!("{stem}.{ext}"));
            produced.insert(file.clone());
            if bless {
                std::fs::write(&file, bytes).expect("bless");
                continue;
            }
            let expected = std::fs::read(&file).unwrap_or_default();
            if expected == *bytes {
                continue;
            }
            let detail = match text {
                _ if !file.exists() => "missing".to_string(),
                Some(now) => diff(&String::from_utf8_lossy(&expected), now),
                None => format!(
                    "{} bytes now, {} in the golden file",
                    bytes.len(),
                    expected.len()
                ),
            };
            failures.push(format!("--- {}\n{detail}", file.display()));
        }
    }
    // A golden file no example produces (a renamed example, a report no
    // longer exempt) would otherwise sit there unchecked.
    for entry in std::fs::read_dir(&golden).expect("tests/golden") {
        let file = entry.expect("dir entry").path();
        if produced.contains(&file) {
            continue;
        }
        if bless {
            std::fs::remove_file(&file).expect("remove a stale golden file");
        } else {
            failures.push(format!(
                "--- {}
no example produces this file any more",
                file.display()
            ));
        }
    }
    assert!(
        full > 0,
        "no example has exempt parts, so no full rendering is checked"
    );
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (after an intended change: BLESS=1 cargo test --test it golden, \
         then scripts/golden-review.sh):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rendering_twice_in_parallel_threads_is_byte_identical() {
    let path = examples().into_iter().next().expect("an example");
    let a = std::thread::spawn({
        let path = path.clone();
        move || render(&path, Audience::Public)
    });
    let b = render(&path, Audience::Public);
    let a = a.join().expect("thread");
    assert!(a.pdf == b.pdf, "PDF differs between threads");
    assert!(a.docx == b.docx, "DOCX differs between threads");
}
