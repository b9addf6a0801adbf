//! The `clerk` contract, tested on the built example binary: exit status,
//! stderr format, and that a failed run never leaves a file behind.

use crate::common::clerk_bin::{clerk_bin, earlier_output};
use cabinet_report::model::{placeholder, Report};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "examples/reports/tower-hamlets-2019-07-31-ilacs.json";
const AS_PUBLISHED: &str = "tests/fixtures/tower-hamlets-2019-07-31-as-published.json";

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs clerk in `cwd` and checks the universal promises: a known exit
/// status and no panic.
fn clerk(cwd: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let out = Command::new(clerk_bin())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("clerk runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "exit status {:?} is outside the contract; stderr:\n{stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "clerk panicked:\n{stderr}");
    out
}

fn run<S: AsRef<std::ffi::OsStr>>(cwd: &Path, args: &[S]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
    clerk(cwd, &args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// File names in `dir`, sorted; empty when `dir` does not exist.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temp dir")
}

#[test]
fn check_on_the_sample_exits_0_and_writes_nothing() {
    let cwd = tempdir();
    let out = run(
        cwd.path(),
        &["--check".as_ref(), manifest(SAMPLE).as_os_str()],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("0 errors"), "{err}");
    assert!(
        err.trim_end()
            .lines()
            .last()
            .unwrap()
            .contains("fit to publish"),
        "{err}"
    );
    assert!(
        listing(cwd.path()).is_empty(),
        "--check wrote {:?}",
        listing(cwd.path())
    );
}

#[test]
fn check_on_the_as_published_report_lists_each_slip_as_r1() {
    let cwd = tempdir();
    let out = run(
        cwd.path(),
        &["--check".as_ref(), manifest(AS_PUBLISHED).as_os_str()],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    for path in [
        "$.key_decision.answer",
        "$.key_decision.notice_published",
        "$.key_decision.reasons",
    ] {
        let prefix = format!("error[R1] {path}: ");
        assert!(
            err.lines().any(|l| l.starts_with(&prefix)),
            "no `{prefix}` in:\n{err}"
        );
    }
    // One diagnostic per line, then exactly one summary line.
    let lines: Vec<&str> = err.lines().collect();
    let (summary, diagnostics) = lines.split_last().unwrap();
    for line in diagnostics {
        assert!(
            line.starts_with("error[R") || line.starts_with("warning[W"),
            "not a diagnostic line: {line}"
        );
    }
    assert!(summary.contains("not fit to publish"), "{summary}");
    assert!(listing(cwd.path()).is_empty());
}

#[test]
fn a_report_with_errors_is_not_rendered_and_old_outputs_go() {
    let cwd = tempdir();
    let dir = cwd.path().join("pack");
    std::fs::create_dir(&dir).unwrap();
    let stem = "tower-hamlets-2019-07-31-as-published";
    std::fs::write(dir.join(format!("{stem}.pdf")), earlier_output("x.pdf")).unwrap();
    std::fs::write(dir.join("other.pdf"), "keep").unwrap();
    let out = run(
        cwd.path(),
        &[
            manifest(AS_PUBLISHED).as_os_str(),
            "-o".as_ref(),
            dir.as_os_str(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing written"), "{}", stderr(&out));
    assert_eq!(listing(&dir), ["other.pdf"]);
}

/// The text values of the starter that the validator must flag: all but the
/// few that must be real values for the file to load.
fn prompts(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_string(), s.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                prompts(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                prompts(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn new_prints_a_loadable_starter_of_prompts_covering_every_field() {
    let cwd = tempdir();
    let out = run::<&str>(cwd.path(), &["--new"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json = String::from_utf8(out.stdout).expect("UTF-8 on stdout");
    Report::from_json(&json).expect("the starter loads as a report");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();

    for field in [
        "template",
        "meeting",
        "title",
        "short_title",
        "report_of",
        "lead_member",
        "originating_officers",
        "wards",
        "key_decision",
        "strategic_priorities",
        "summary",
        "recommendations",
        "sections",
        "linked_reports",
        "appendices",
        "background_papers",
        "contacts",
    ] {
        assert!(value.get(field).is_some(), "the starter has no `{field}`");
    }
    for field in ["answer", "reasons", "notice_published"] {
        assert!(
            value["key_decision"].get(field).is_some(),
            "no key_decision.{field}"
        );
    }
    let kinds: Vec<&str> = value["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "reasons",
        "alternative_options",
        "details",
        "finance",
        "legal",
    ] {
        assert!(kinds.contains(&kind), "no {kind} section in {kinds:?}");
    }

    let mut strings = Vec::new();
    prompts(&value, "$", &mut strings);
    let must_be_values = ["$.template", "$.meeting.body", "$.meeting.date"];
    let mut flagged = 0;
    for (path, text) in &strings {
        let is_value = must_be_values.contains(&path.as_str())
            || path.ends_with(".kind")
            || path.contains(".subheading");
        if !is_value {
            assert!(
                placeholder::find(text).is_some(),
                "{path} = {text:?} would not be flagged"
            );
            flagged += 1;
        }
    }
    assert!(flagged >= 20, "only {flagged} prompts");
    for expected in [
        "[Report title]",
        "Yes/No",
        "[Insert date notice was published]",
    ] {
        assert!(json.contains(expected), "no {expected} in the starter");
    }
}

#[test]
fn the_starter_fails_check_listing_its_prompts() {
    let cwd = tempdir();
    let new = run::<&str>(cwd.path(), &["--new"]);
    std::fs::write(cwd.path().join("r.json"), &new.stdout).unwrap();
    let out = run(cwd.path(), &["--check", "r.json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    for path in ["$.title", "$.key_decision.answer", "$.report_of.name"] {
        let prefix = format!("error[R1] {path}: ");
        assert!(
            err.lines().any(|l| l.starts_with(&prefix)),
            "no `{prefix}` in:\n{err}"
        );
    }
}

/// Every kind of unreadable input: exit 2, an `error:` line naming the file,
/// and nothing written, whether rendering or checking.
#[test]
fn unreadable_input_exits_2_and_writes_nothing() {
    let sample = std::fs::read_to_string(manifest(SAMPLE)).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("not-json", b"Cabinet report, 31 July".to_vec(), "not JSON"),
        (
            "truncated",
            sample.as_bytes()[..sample.len() / 2].to_vec(),
            "cut short",
        ),
        ("array", b"[{\"title\": \"x\"}]".to_vec(), "JSON object"),
        ("not-utf8", b"{\"title\": \"caf\xe9\"}".to_vec(), "UTF-8"),
        ("deep", "[".repeat(200_000).into_bytes(), "JSON object"),
        (
            "deep-inside",
            format!("{{\"title\": {}", "[".repeat(200_000)).into_bytes(),
            "$.title",
        ),
        (
            "huge-string",
            format!("{{\"title\": \"{}\"}}", "a".repeat(30 << 20)).into_bytes(),
            "too big",
        ),
        (
            "wrong-date",
            sample.replacen("2019-07-31", "31/07/2019", 1).into_bytes(),
            "$.meeting.date",
        ),
        (
            "typo",
            sample.replacen("\"wards\"", "\"wardz\"", 1).into_bytes(),
            "unknown field `wardz`",
        ),
        (
            // A megabyte-long field name holding a newline and a terminal escape.
            "long-field-name",
            sample
                .replacen(
                    "\"wards\"",
                    &format!("\"{}\\n\\u001b[2J\"", "w".repeat(1 << 20)),
                    1,
                )
                .into_bytes(),
            "unknown field `www",
        ),
    ];
    let cwd = tempdir();
    for (stem, bytes, says) in &cases {
        let file = cwd.path().join(format!("{stem}.json"));
        std::fs::write(&file, bytes).unwrap();
        let outdir = cwd.path().join("out");
        for args in [
            vec![file.as_os_str(), "-o".as_ref(), outdir.as_os_str()],
            vec![file.as_os_str()],
            vec!["--check".as_ref(), file.as_os_str()],
        ] {
            let out = clerk(cwd.path(), &args);
            let err = stderr(&out);
            assert_eq!(code(&out), 2, "{stem} {args:?}: {err}");
            assert!(
                err.starts_with(&format!("error: {}", file.display())),
                "{stem}: {err}"
            );
            assert!(err.contains(says), "{stem}: expected {says:?} in {err}");
            assert!(err.len() < 1500, "{stem}: a {} byte message", err.len());
            assert!(
                !err.contains('\u{1b}'),
                "{stem}: a terminal escape reached stderr"
            );
            assert_eq!(err.lines().count(), 1, "{stem}: one line expected: {err}");
            assert!(
                !outdir.exists(),
                "{stem} {args:?}: created {}",
                outdir.display()
            );
        }
        std::fs::remove_file(&file).unwrap();
    }
    assert!(
        listing(cwd.path()).is_empty(),
        "left {:?}",
        listing(cwd.path())
    );
}

#[test]
fn syntax_errors_give_file_line_column_and_path() {
    let cwd = tempdir();
    let sample = std::fs::read_to_string(manifest(SAMPLE)).unwrap();
    std::fs::write(
        cwd.path().join("r.json"),
        sample.replacen("2019-07-31", "31/07/2019", 1),
    )
    .unwrap();
    let out = run(cwd.path(), &["--check", "r.json"]);
    assert_eq!(code(&out), 2);
    let line = sample
        .lines()
        .position(|l| l.contains("2019-07-31"))
        .unwrap()
        + 1;
    let err = stderr(&out);
    let prefix = format!("error: r.json:{line}:");
    assert!(err.starts_with(&prefix), "expected {prefix}… in {err}");
    assert!(err.contains(": $.meeting.date: "), "{err}");
}

#[test]
fn a_missing_file_or_a_folder_exits_2() {
    let cwd = tempdir();
    for target in ["missing.json", "."] {
        let out = run(cwd.path(), &[target]);
        assert_eq!(code(&out), 2, "{target}");
        assert!(
            stderr(&out).starts_with(&format!("error: cannot read {target}")),
            "{}",
            stderr(&out)
        );
        assert!(listing(cwd.path()).is_empty());
    }
}

#[test]
fn bad_usage_exits_2_and_help_exits_0() {
    let cwd = tempdir();
    for args in [
        &["--bogus"][..],
        &["--new", "r.json"],
        &["--check", "-o", "dir", "a.json"],
        &["-o"],
    ] {
        let out = run(cwd.path(), args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(
            stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(listing(cwd.path()).is_empty());
    }
    let out = run(cwd.path(), &["--help"]);
    assert_eq!(code(&out), 0);
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["--check", "--new", "--full", "--out"] {
        assert!(help.contains(word), "--help does not mention {word}");
    }
}

/// A report whose image cannot be found fails in rendering (after it
/// validates), which must leave no new file and no old one.
#[test]
fn a_render_failure_removes_old_outputs_and_writes_none() {
    let cwd = tempdir();
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(manifest(SAMPLE)).unwrap()).unwrap();
    report["sections"][2]["blocks"]
        .as_array_mut()
        .unwrap()
        .push(
            serde_json::json!({"image": {"src": "missing-chart.png", "alt": "Grades since 2017"}}),
        );
    std::fs::write(cwd.path().join("r.json"), report.to_string()).unwrap();
    let dir = cwd.path().join("pack");
    std::fs::create_dir(&dir).unwrap();
    for old in ["r.pdf", "r.docx", "other.pdf"] {
        std::fs::write(dir.join(old), earlier_output(old)).unwrap();
    }

    let out = run(cwd.path(), &["r.json", "-o", "pack"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    let error = err
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line in {err}"));
    assert!(error.starts_with("error: cannot render r.json"), "{err}");
    assert!(error.contains("missing-chart.png"), "{err}");
    assert!(err.contains("removed pack/r.pdf"), "{err}");
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("r.json: 0 errors") && summary.ends_with("; nothing written"),
        "{err}"
    );
    assert_eq!(
        listing(&dir),
        ["other.pdf"],
        "stale or temporary files left"
    );
}

#[test]
fn bare_clerk_renders_the_sample_into_out() {
    let cwd = tempdir();
    let out = run::<&str>(cwd.path(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let dir = cwd.path().join("out");
    assert_eq!(
        listing(&dir),
        [
            "tower-hamlets-2019-07-31-ilacs.docx",
            "tower-hamlets-2019-07-31-ilacs.pdf"
        ]
    );
    let pdf = std::fs::read(dir.join("tower-hamlets-2019-07-31-ilacs.pdf")).unwrap();
    let docx = std::fs::read(dir.join("tower-hamlets-2019-07-31-ilacs.docx")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert!(pdf.len() > 1000 && pdf[pdf.len() - 32..].windows(5).any(|w| w == b"%%EOF"));
    assert!(docx.starts_with(b"PK\x03\x04"));

    // Same input, same bytes; the previous files are replaced, not appended to.
    let again = run::<&str>(cwd.path(), &[]);
    assert_eq!(code(&again), 0);
    assert_eq!(
        std::fs::read(dir.join("tower-hamlets-2019-07-31-ilacs.pdf")).unwrap(),
        pdf
    );
    assert_eq!(listing(&dir).len(), 2);
}

#[test]
fn a_report_renders_to_dir_with_images_relative_to_the_report() {
    let cwd = tempdir();
    let reports = cwd.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let png = image_png();
    std::fs::write(reports.join("chart.png"), png).unwrap();
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(manifest(SAMPLE)).unwrap()).unwrap();
    report["sections"][2]["blocks"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"image": {"src": "chart.png", "alt": "Grades since 2017"}}));
    std::fs::write(reports.join("july.json"), report.to_string()).unwrap();

    let out = run(cwd.path(), &["reports/july.json", "-o", "pack", "--public"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote pack/july.pdf and pack/july.docx"));
    assert_eq!(listing(&cwd.path().join("pack")), ["july.docx", "july.pdf"]);

    // The full version can never overwrite, or be mistaken for, the public one.
    let out = run(cwd.path(), &["reports/july.json", "-o", "pack", "--full"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote pack/july.full.pdf and pack/july.full.docx"));
    assert_eq!(
        listing(&cwd.path().join("pack")),
        ["july.docx", "july.full.docx", "july.full.pdf", "july.pdf"]
    );
    let out = run(cwd.path(), &["reports/july.json", "--full", "--public"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

/// A 4×4 PNG, made here so the test needs no binary fixture.
fn image_png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(4, 4, image::Rgb([0, 80, 160]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[test]
fn hostile_reports_keep_the_exit_contract() {
    let cwd = tempdir();
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(manifest(SAMPLE)).unwrap()).unwrap();
    let with = |block: serde_json::Value| {
        let mut r = sample.clone();
        r["sections"][2]["blocks"]
            .as_array_mut()
            .unwrap()
            .push(block);
        r.to_string()
    };
    let cases = [
        // A ragged table: a validation error naming the row, exit 1.
        (
            "ragged",
            with(
                serde_json::json!({"table": {"columns": [{"heading": "Ward"}, {"heading": "Visits"}], "rows": [["Bow"], ["Poplar", "12", "3"]]}}),
            ),
            1,
            "error[R12] $.sections[2].blocks[38].table.rows[0]: ",
        ),
        // A character the fonts lack: found by the check, exit 1, with its path.
        (
            "emoji",
            with(serde_json::json!({"paragraph": "Visits rose \u{1F600}"})),
            1,
            "error[R13] $.sections[2].blocks[38]: the character",
        ),
        // Control characters, a line separator and a 5,000-character word: fine.
        (
            "odd-text",
            with(
                serde_json::json!({"paragraph": format!("a\u{0}b\u{7}c\u{2028}d {}", "x".repeat(5000))}),
            ),
            0,
            "wrote out/odd-text.pdf",
        ),
    ];
    for (name, json, status, expect) in cases {
        std::fs::write(cwd.path().join(format!("{name}.json")), json).unwrap();
        let out = run(cwd.path(), &[format!("{name}.json")]);
        let err = stderr(&out);
        assert_eq!(code(&out), status, "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
        let written = listing(&cwd.path().join("out"));
        let mine: Vec<&String> = written.iter().filter(|f| f.starts_with(name)).collect();
        if status == 0 {
            assert_eq!(mine, [&format!("{name}.docx"), &format!("{name}.pdf")]);
        } else {
            assert!(mine.is_empty(), "{name}: wrote {mine:?}");
        }
    }
}

/// The example reports, as clerk names them when given the folder.
fn example_reports() -> Vec<PathBuf> {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(manifest("examples/reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    reports.sort();
    assert!(reports.len() >= 5, "the example reports are missing");
    reports
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A report cut short mid-file, and one with validation errors (every slip
/// of the report as published), beside the example reports.
fn bad_reports(dir: &Path) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let sample = std::fs::read_to_string(manifest(SAMPLE)).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, &sample[..sample.len() / 2]).unwrap();
    let invalid = dir.join("invalid.json");
    std::fs::copy(manifest(AS_PUBLISHED), &invalid).unwrap();
    (broken, invalid)
}

/// The summary's last line: `summary: N rendered, M failed, of K reports in S s`.
fn summary_line(err: &str) -> &str {
    let last = err.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("summary: ") && last.ends_with(" s"),
        "{err}"
    );
    last
}

#[test]
fn a_batch_renders_every_good_report_and_names_each_bad_one() {
    let cwd = tempdir();
    bad_reports(&cwd.path().join("bad"));
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(pack.join("broken.pdf"), earlier_output("broken.pdf")).unwrap();

    // A folder and two files, the broken one between good ones.
    let args = [
        manifest("examples/reports").into_os_string(),
        "bad/broken.json".into(),
        "bad/invalid.json".into(),
        "-o".into(),
        "pack".into(),
    ];
    let out = run(cwd.path(), &args);
    let err = stderr(&out);
    assert_eq!(
        code(&out),
        2,
        "a report that cannot be read is exit 2:\n{err}"
    );

    let good = example_reports();
    let mut expected: Vec<String> = good
        .iter()
        .flat_map(|p| [format!("{}.docx", stem(p)), format!("{}.pdf", stem(p))])
        .collect();
    expected.sort();
    assert_eq!(
        listing(&pack),
        expected,
        "good reports missing or bad ones written:\n{err}"
    );
    assert!(err.contains("note: removed pack/broken.pdf"), "{err}");

    // Every line about a report starts with its path; the lines of one
    // report come together, in the order the reports were named.
    let broken_name = Path::new("bad").join("broken.json");
    let broken_name = broken_name.display();
    let invalid_name = Path::new("bad").join("invalid.json");
    let invalid_name = invalid_name.display();
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{broken_name}: error: {broken_name}:"))),
        "no positioned parse error for the broken report:\n{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{invalid_name}: error[R1] $."))),
        "no diagnostics for the invalid report:\n{err}"
    );
    let mut order: Vec<String> = good.iter().map(|p| p.display().to_string()).collect();
    order.extend([broken_name.to_string(), invalid_name.to_string()]);
    let mut last_seen = 0;
    for line in err.lines().take_while(|l| !l.starts_with("failed: ")) {
        let at = order
            .iter()
            .position(|name| line.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("a line names no report: {line}\n{err}"));
        assert!(at >= last_seen, "lines out of order at {line}:\n{err}");
        last_seen = at;
    }
    for report in &good {
        let name = report.display();
        assert!(
            err.contains(&format!("{name}: 0 errors")) && err.contains("; wrote pack/"),
            "{name} not reported as written:\n{err}"
        );
    }

    // The summary: each failure with its reason, then the counts.
    let failed: Vec<&str> = err.lines().filter(|l| l.starts_with("failed: ")).collect();
    assert_eq!(failed.len(), 2, "{err}");
    assert!(
        failed[0].starts_with(&format!("failed: {broken_name}: {broken_name}:")),
        "{err}"
    );
    assert!(
        failed[1].starts_with(&format!("failed: {invalid_name}: "))
            && failed[1].ends_with("; nothing written")
            && failed[1].contains(" errors"),
        "{err}"
    );
    let summary = summary_line(&err);
    assert!(
        summary.starts_with(&format!(
            "summary: {} rendered, 2 failed, of {} reports in ",
            good.len(),
            good.len() + 2
        )),
        "{err}"
    );
    // No progress bar in a log: stderr is not a terminal here.
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn a_batch_with_only_validation_errors_exits_1_and_check_writes_nothing() {
    let cwd = tempdir();
    let (_, invalid) = bad_reports(&cwd.path().join("bad"));
    std::fs::remove_file(cwd.path().join("bad/broken.json")).unwrap();
    let sample = manifest(SAMPLE);

    let out = run(cwd.path(), &[sample.as_os_str(), invalid.as_os_str()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        listing(&cwd.path().join("out")),
        [
            "tower-hamlets-2019-07-31-ilacs.docx",
            "tower-hamlets-2019-07-31-ilacs.pdf"
        ]
    );
    assert!(summary_line(&stderr(&out)).starts_with("summary: 1 rendered, 1 failed, of 2 reports"));

    let check = run(
        cwd.path(),
        &["--check".as_ref(), "bad".as_ref(), sample.as_os_str()],
    );
    let err = stderr(&check);
    assert_eq!(code(&check), 1, "{err}");
    assert!(
        summary_line(&err).starts_with("summary: 1 fit to publish, 1 failed, of 2 reports"),
        "{err}"
    );
    assert!(err.contains("; not fit to publish"), "{err}");
    assert_eq!(listing(&cwd.path().join("out")).len(), 2, "--check wrote");
}

/// Two reports whose outputs would share a name (also when only the case
/// differs, as a Windows or macOS disk would merge them) both fail, rather
/// than one silently replacing the other; the rest of the batch renders.
#[test]
fn reports_whose_outputs_would_collide_both_fail() {
    let cwd = tempdir();
    for dir in ["a", "b", "c/nested"] {
        std::fs::create_dir_all(cwd.path().join(dir)).unwrap();
    }
    std::fs::copy(manifest(SAMPLE), cwd.path().join("a/july.json")).unwrap();
    std::fs::copy(manifest(SAMPLE), cwd.path().join("b/July.json")).unwrap();
    std::fs::copy(manifest(SAMPLE), cwd.path().join("c/june.json")).unwrap();
    // Only *.json directly in a folder are reports: neither of these is read.
    std::fs::write(cwd.path().join("c/nested/broken.json"), "{").unwrap();
    std::fs::write(cwd.path().join("c/notes.txt"), "not a report").unwrap();
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(pack.join("july.pdf"), earlier_output("july.pdf")).unwrap();

    let out = run(
        cwd.path(),
        &["a/july.json", "b/July.json", "c", "-o", "pack"],
    );
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    for name in ["a/july.json", "b/July.json"] {
        let failure = err
            .lines()
            .find(|l| l.starts_with(&format!("failed: {name}: ")))
            .unwrap_or_else(|| panic!("{name} did not fail:\n{err}"));
        assert!(
            failure.contains("a/july.json, b/July.json would all be written to pack/july.pdf"),
            "{err}"
        );
    }
    assert!(err.contains("note: removed pack/july.pdf"), "{err}");
    assert_eq!(listing(&pack), ["june.docx", "june.pdf"], "{err}");
    assert!(summary_line(&err).starts_with("summary: 1 rendered, 2 failed, of 3 reports"));

    // Checking writes nothing, so nothing can collide.
    let out = run(cwd.path(), &["--check", "a/july.json", "b/July.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // A folder that holds no report is a failure too, named as such.
    let out = run(cwd.path(), &["c/nested/..", "pack", "-o", "pack2"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: cannot read pack: it holds no report")),
        "{err}"
    );
    assert_eq!(
        listing(&cwd.path().join("pack2")),
        ["june.docx", "june.pdf"]
    );
}

// ---------------------------------------------------------------------------
// `--check --format json`: the findings as data, for editors and web forms

/// Runs `clerk --check --format json ARGS` and parses stdout as a JSON array.
fn check_json(cwd: &Path, args: &[&std::ffi::OsStr]) -> (i32, Vec<serde_json::Value>) {
    let mut all: Vec<&std::ffi::OsStr> =
        vec!["--check".as_ref(), "--format".as_ref(), "json".as_ref()];
    all.extend_from_slice(args);
    let out = clerk(cwd, &all);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{stdout}\nstderr:\n{}",
            stderr(&out)
        )
    });
    let serde_json::Value::Array(findings) = parsed else {
        panic!("stdout is not a JSON array:\n{stdout}");
    };
    (code(&out), findings)
}

#[test]
fn json_check_lists_each_finding_with_rule_severity_path_and_message() {
    let cwd = tempdir();
    let report = manifest(AS_PUBLISHED);
    let (status, findings) = check_json(cwd.path(), &[report.as_os_str()]);
    assert_eq!(status, 1, "validation errors exit 1 as in text mode");
    // The same findings, in the same order, as the text lines on stderr.
    let text = run(cwd.path(), &["--check".as_ref(), report.as_os_str()]);
    let lines: Vec<String> = stderr(&text)
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .map(str::to_string)
        .collect();
    let as_text: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}[{}] {}: {}",
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(as_text, lines);
    let slip = findings
        .iter()
        .find(|f| f["path"] == "$.key_decision.answer")
        .expect("the unanswered key decision");
    assert_eq!(slip["rule"], "R1");
    assert_eq!(slip["severity"], "error");
    assert_eq!(slip["file"], report.display().to_string());
    assert!(listing(cwd.path()).is_empty(), "--check wrote nothing");
}

#[test]
fn json_check_of_a_fit_report_is_an_array_of_warnings_only_and_exits_0() {
    let cwd = tempdir();
    let (status, findings) = check_json(cwd.path(), &[manifest(SAMPLE).as_os_str()]);
    assert_eq!(status, 0);
    assert!(
        findings.iter().all(|f| f["severity"] == "warning"),
        "{findings:#?}"
    );
}

#[test]
fn json_check_of_an_unparsable_file_gives_one_parse_finding_with_line_and_column() {
    let cwd = tempdir();
    let bad = cwd.path().join("july.json");
    std::fs::write(
        &bad,
        "{\n  \"title\": \"Libraries\",\n  \"meeting\": {\"date\": \"31/07/2019\"}\n}\n",
    )
    .unwrap();
    let (status, findings) = check_json(cwd.path(), &[bad.as_os_str()]);
    assert_eq!(status, 2, "unreadable input exits 2 as in text mode");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "parse");
    assert_eq!(f["severity"], "error");
    assert!(f["line"].as_u64().is_some_and(|l| l >= 1), "{f:#}");
    assert!(f["column"].as_u64().is_some_and(|c| c >= 1), "{f:#}");
    assert!(f["path"].is_string(), "{f:#}");
    assert!(!f["message"].as_str().unwrap().is_empty());

    let (status, findings) = check_json(cwd.path(), &[cwd.path().join("missing.json").as_os_str()]);
    assert_eq!(status, 2);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "parse");
    assert!(findings[0]["path"].is_null() && findings[0].get("line").is_none());
}

#[test]
fn json_check_of_a_batch_names_each_finding_s_file() {
    let cwd = tempdir();
    let bad = cwd.path().join("broken.json");
    std::fs::write(&bad, "not json").unwrap();
    let report = manifest(AS_PUBLISHED);
    let (status, findings) = check_json(cwd.path(), &[report.as_os_str(), bad.as_os_str()]);
    assert_eq!(status, 2, "the highest status of the batch");
    assert!(findings
        .iter()
        .any(|f| f["file"] == report.display().to_string() && f["rule"] == "R1"));
    let last = findings.last().unwrap();
    assert_eq!(last["file"], bad.display().to_string());
    assert_eq!(last["rule"], "parse");
}

#[test]
fn format_json_without_check_is_bad_usage() {
    let cwd = tempdir();
    let out = run(cwd.path(), &["--format", "json"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--check"), "{}", stderr(&out));
    assert!(listing(cwd.path()).is_empty());
}

/// A FIFO named like a report in a batch folder is refused at once, not
/// opened (which waits for a writer for ever): the batch finishes and
/// prints its summary.
#[cfg(unix)]
#[test]
fn a_pipe_in_a_batch_folder_fails_without_hanging_the_batch() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let cwd = tempdir();
    let reports = cwd.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::copy(manifest(SAMPLE), reports.join("a-good.json")).unwrap();
    let made = Command::new("mkfifo")
        .arg(reports.join("b-pipe.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut child = Command::new(crate::common::clerk_bin::clerk_bin())
        .args(["--check", "reports"])
        .current_dir(cwd.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("clerk starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("clerk waited on the pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("b-pipe.json") && err.contains("pipe"), "{err}");
    assert!(err.contains("summary: 1 fit to publish, 1 failed"), "{err}");
}
