//! `cabinet_report::batch`, called as a service would: reports rendered into
//! a folder, with clerk's contract (atomic pairs, stale outputs removed,
//! colliding names refused) and its lines and findings.

use cabinet_report::batch::{Batch, BatchOptions};
use cabinet_report::{Audience, RenderOptions, Renderer, Report, Template};
use std::path::{Path, PathBuf};

const REPORTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports");

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn copy(from: &str, to: &Path) -> PathBuf {
    let path = to.join(from);
    std::fs::write(&path, std::fs::read(Path::new(REPORTS).join(from)).unwrap()).unwrap();
    path
}

const SAMPLE: &str = "tower-hamlets-2019-07-31-ilacs.json";

#[test]
fn a_service_renders_a_folder_from_its_own_threads_as_clerk_would() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    copy(SAMPLE, src.path());
    let mut bad: serde_json::Value =
        serde_json::from_slice(&std::fs::read(src.path().join(SAMPLE)).unwrap()).unwrap();
    bad["title"] = " ".into();
    std::fs::write(src.path().join("blank-title.json"), bad.to_string()).unwrap();

    let batch = Batch::new(
        &[src.path().to_path_buf()],
        BatchOptions {
            audience: Audience::Public,
            out_dir: Some(out.path().to_path_buf()),
        },
    );
    assert_eq!(batch.len(), 2);
    let outcomes: Vec<_> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..batch.len())
            .map(|i| {
                let batch = &batch;
                s.spawn(move || batch.run(i))
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });

    // Sorted by name: the blank title first, refused with its finding.
    let (blank, good) = (&outcomes[0], &outcomes[1]);
    assert_eq!(blank.status, 1, "{:?}", blank.lines);
    assert!(blank.lines.iter().all(|l| l.starts_with(&blank.name)));
    assert!(blank.lines.last().unwrap().ends_with("; nothing written"));
    assert!(
        blank.findings.is_empty(),
        "findings are for check-only runs"
    );
    assert_eq!(good.status, 0, "{:?}", good.lines);
    assert!(good.reason.is_none());
    let wrote = good.lines.last().unwrap();
    assert!(
        wrote.contains("; wrote ") && wrote.ends_with(".docx"),
        "{wrote}"
    );

    let stem = SAMPLE.trim_end_matches(".json");
    assert_eq!(
        listing(out.path()),
        [format!("{stem}.docx"), format!("{stem}.pdf")]
    );
    // The bytes a renderer gives, written whole.
    let report = Report::from_json_bytes(&std::fs::read(src.path().join(SAMPLE)).unwrap()).unwrap();
    let options = RenderOptions {
        report_dir: Some(src.path().to_path_buf()),
        ..RenderOptions::default()
    };
    let rendered = Renderer::new(Template::tower_hamlets())
        .unwrap()
        .render(&report, &options)
        .unwrap();
    assert!(std::fs::read(out.path().join(format!("{stem}.pdf"))).unwrap() == rendered.pdf);
    assert!(std::fs::read(out.path().join(format!("{stem}.docx"))).unwrap() == rendered.docx);
}

#[test]
fn check_only_writes_nothing_and_gives_findings_as_json() {
    let src = tempfile::tempdir().unwrap();
    let path = copy(SAMPLE, src.path());
    let outcome = Batch::one(Some(path.clone()), BatchOptions::default()).run(0);
    assert_eq!(outcome.status, 0, "{:?}", outcome.lines);
    assert!(outcome.lines.last().unwrap().ends_with("; fit to publish"));
    // One line per finding, unprefixed for a single report, then the tally.
    assert_eq!(outcome.findings.len() + 1, outcome.lines.len());
    assert!(outcome
        .findings
        .iter()
        .all(|f| f["file"] == path.display().to_string() && f["rule"].is_string()));
    assert_eq!(listing(src.path()), [SAMPLE]);

    std::fs::write(&path, "{\"title\": ").unwrap();
    let outcome = Batch::one(Some(path), BatchOptions::default()).run(0);
    assert_eq!(outcome.status, 2);
    assert_eq!(outcome.findings[0]["rule"], "parse");
    assert!(outcome.findings[0]["line"].is_number());
}

#[test]
fn reports_whose_outputs_share_a_name_both_fail_and_nothing_is_written() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let first = copy(SAMPLE, a.path());
    let second = b
        .path()
        .join(SAMPLE.to_uppercase().replace(".JSON", ".json"));
    std::fs::copy(&first, &second).unwrap();
    let batch = Batch::new(
        &[first, second],
        BatchOptions {
            audience: Audience::Full,
            out_dir: Some(out.path().to_path_buf()),
        },
    );
    for i in 0..batch.len() {
        let outcome = batch.run(i);
        assert_eq!(outcome.status, 2);
        assert!(
            outcome
                .reason
                .as_deref()
                .unwrap()
                .contains("would all be written to"),
            "{:?}",
            outcome.reason
        );
    }
    assert!(listing(out.path()).is_empty());
}

#[test]
fn a_failed_report_removes_its_own_stale_outputs_but_no_one_elses() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = copy(SAMPLE, src.path());
    let options = BatchOptions {
        audience: Audience::Public,
        out_dir: Some(out.path().to_path_buf()),
    };
    assert_eq!(
        Batch::one(Some(path.clone()), options.clone())
            .run(0)
            .status,
        0
    );
    let stem = SAMPLE.trim_end_matches(".json");
    // Someone else's file where the Word output goes.
    std::fs::write(out.path().join(format!("{stem}.docx")), b"minutes").unwrap();

    std::fs::write(&path, b"not json").unwrap();
    let outcome = Batch::one(Some(path), options).run(0);
    assert_eq!(outcome.status, 2);
    assert_eq!(listing(out.path()), [format!("{stem}.docx")]);
    assert_eq!(
        std::fs::read(out.path().join(format!("{stem}.docx"))).unwrap(),
        b"minutes"
    );
    let said = outcome.lines.join("\n");
    assert!(
        said.contains("note: removed") && said.contains("note: left"),
        "{said}"
    );
}
