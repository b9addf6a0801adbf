//! What `clerk` leaves on disk when a run fails: never a new file, never a
//! half-written one, never a temporary one, and never an earlier output
//! that no longer matches the report (a stale public PDF could be published
//! with words since marked exempt), so DIR holds either this run's pair of
//! files or neither.

use crate::common::clerk_bin::{clerk_bin, earlier_output};
use crate::common::images::{declared, png};
use std::path::Path;
use std::process::Output;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/reports/tower-hamlets-2019-07-31-ilacs.json"
);

fn run(cwd: &Path, args: &[&str]) -> Output {
    let out = std::process::Command::new(clerk_bin())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("clerk runs");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "clerk panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// File names in `dir` (hidden ones too), sorted; empty when it does not exist.
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

/// The sample report with an image block for `src` at `$.sections[2].blocks[38]`.
fn sample_with_image(src: &str) -> String {
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    report["sections"][2]["blocks"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"image": {"src": src, "alt": "Grades since 2017"}}));
    report.to_string()
}

#[test]
fn hostile_images_exit_2_with_a_message_and_leave_nothing() {
    let root = tempfile::tempdir().unwrap();
    let cwd = root.path().join("reports");
    std::fs::create_dir(&cwd).unwrap();
    std::fs::write(root.path().join("secrets.png"), png(8, 8)).unwrap();
    std::fs::write(cwd.join("bomb.png"), declared(100_000, 100_000)).unwrap();
    std::fs::write(cwd.join("notes.png"), "Visits: Bow 40\n").unwrap();
    let good = png(300, 200);
    std::fs::write(cwd.join("cut.png"), &good[..good.len() / 2]).unwrap();
    std::os::unix::fs::symlink("../secrets.png", cwd.join("chart.png")).unwrap();
    for (src, says) in [
        ("bomb.png", "100000 × 100000 pixels, too big to print"),
        ("notes.png", "not a PNG or JPEG image"),
        ("cut.png", "damaged or cut short"),
        ("chart.png", "a link to a file outside the report's folder"),
        ("../secrets.png", "must be inside the report's folder"),
        ("/etc/passwd", "must be inside the report's folder"),
    ] {
        std::fs::write(cwd.join("r.json"), sample_with_image(src)).unwrap();
        // An earlier good run left a pair of files.
        std::fs::create_dir_all(cwd.join("pack")).unwrap();
        std::fs::write(cwd.join("pack/r.pdf"), earlier_output("r.pdf")).unwrap();
        std::fs::write(cwd.join("pack/r.docx"), earlier_output("r.docx")).unwrap();
        let out = run(&cwd, &["r.json", "-o", "pack"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{src}: {err}");
        let error = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
        assert!(
            error.contains("$.sections[2].blocks[38]")
                && error.contains(src)
                && error.contains(says),
            "{src}: expected {says:?} in {err}"
        );
        assert!(err.trim_end().ends_with("nothing written"), "{src}: {err}");
        assert_eq!(listing(&cwd.join("pack")), Vec::<String>::new(), "{src}");
        std::fs::remove_dir(cwd.join("pack")).unwrap();
        // And with no earlier files, the folder is not even made.
        let out = run(&cwd, &["r.json", "-o", "fresh"]);
        assert_eq!(out.status.code(), Some(2), "{src}");
        assert!(!cwd.join("fresh").exists(), "{src}: made the output folder");
    }
}

#[test]
fn a_write_that_fails_half_way_leaves_neither_file_nor_a_temporary_one() {
    let cwd = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, cwd.path().join("r.json")).unwrap();
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(pack.join("r.pdf"), earlier_output("r.pdf")).unwrap();
    // The Word file's name is taken by a folder, so the PDF is placed first
    // and the Word file then cannot be.
    std::fs::create_dir(pack.join("r.docx")).unwrap();
    std::fs::write(pack.join("r.docx/keep.txt"), "someone's notes").unwrap();

    let out = run(cwd.path(), &["r.json", "-o", "pack"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write pack/r.docx"), "{err}");
    assert!(err.trim_end().ends_with("nothing written"), "{err}");
    // Neither the new PDF (it has no Word file to match) nor the old one.
    assert_eq!(listing(&pack), ["r.docx"], "{err}");
    assert_eq!(listing(&pack.join("r.docx")), ["keep.txt"]);

    // Once the name is free, the same run writes both.
    std::fs::remove_dir_all(pack.join("r.docx")).unwrap();
    let out = run(cwd.path(), &["r.json", "-o", "pack"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(listing(&pack), ["r.docx", "r.pdf"]);
}

#[test]
fn an_unreadable_report_removes_its_earlier_outputs_and_writes_none() {
    let cwd = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(cwd.path().join("r.json"), &sample[..sample.len() / 2]).unwrap();
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    for old in ["r.pdf", "r.docx", "r.full.pdf", "other.pdf"] {
        std::fs::write(pack.join(old), earlier_output(old)).unwrap();
    }
    let out = run(cwd.path(), &["r.json", "-o", "pack"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cut short"), "{err}");
    assert!(err.contains("removed pack/r.pdf"), "{err}");
    // The public pair goes; the full edition and other reports' files are not this run's.
    assert_eq!(listing(&pack), ["other.pdf", "r.full.pdf"]);
}

#[test]
fn outputs_replace_what_is_there_and_never_write_through_a_link() {
    let cwd = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, cwd.path().join("r.json")).unwrap();
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(cwd.path().join("precious.txt"), "not a report").unwrap();
    // A link where the PDF goes: writing in place would overwrite its target;
    // a new file renamed into place replaces the link.
    std::os::unix::fs::symlink("../precious.txt", pack.join("r.pdf")).unwrap();
    let out = run(cwd.path(), &["r.json", "-o", "pack"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read(cwd.path().join("precious.txt")).unwrap() == b"not a report",
        "the file the link pointed at was overwritten"
    );
    let placed = std::fs::symlink_metadata(pack.join("r.pdf")).unwrap();
    assert!(placed.is_file(), "the link was written through");
    assert!(std::fs::read(pack.join("r.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert_eq!(listing(&pack), ["r.docx", "r.pdf"], "temporary files left");
}

/// A Word file passed by mistake (`clerk docs/minutes.docx -o docs`) fails
/// to load, and the failed run must not delete it, nor a PDF beside it that
/// clerk did not write: only clerk's own earlier outputs are removed.
#[test]
fn a_failed_run_removes_neither_its_input_nor_files_clerk_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let minutes = b"PK\x03\x04 the user's own minutes, from Word".to_vec();
    let pdf = b"%PDF-1.7 the user's own minutes, printed".to_vec();
    std::fs::write(docs.join("minutes.docx"), &minutes).unwrap();
    std::fs::write(docs.join("minutes.pdf"), &pdf).unwrap();

    let out = run(dir.path(), &["docs/minutes.docx", "-o", "docs"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(docs.join("minutes.docx")).unwrap(), minutes);
    assert_eq!(std::fs::read(docs.join("minutes.pdf")).unwrap(), pdf);
    assert!(!stderr(&out).contains("removed"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did not write it"),
        "{}",
        stderr(&out)
    );

    // clerk's own outputs of a report that has since broken are still removed.
    let report = docs.join("july.json");
    std::fs::write(&report, std::fs::read(SAMPLE).unwrap()).unwrap();
    let out = run(dir.path(), &["docs/july.json", "-o", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(docs.join("july.pdf").exists() && docs.join("july.docx").exists());
    std::fs::write(&report, "{").unwrap();
    let out = run(dir.path(), &["docs/july.json", "-o", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!docs.join("july.pdf").exists() && !docs.join("july.docx").exists());
}
