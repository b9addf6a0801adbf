//! Issue 18, items 6, 20 and 21: template paths confined and their files
//! never quoted, messages in a clerk's words, hard links, names that differ
//! only in Unicode normalisation, and the `.full` ending.

use crate::common::clerk_bin::clerk_bin;
use crate::common::images::{declared, png};
use cabinet_report::model::{Block, Image};
use cabinet_report::template::{FontFiles, Template};
use cabinet_report::{Error, RenderOptions, Renderer, Report};
use std::path::Path;
use std::process::Output;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/reports/tower-hamlets-2019-07-31-ilacs.json"
);
const BUILT_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/tower-hamlets.json");

fn run(cwd: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let out = std::process::Command::new(clerk_bin())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("clerk runs");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

fn clerk(cwd: &Path, args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run(cwd, &args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What loading the template `name` from a report in `dir` says.
fn template_error(dir: &Path, name: &str) -> String {
    match Template::for_report(Some(name), Some(dir)) {
        Ok(_) => panic!("{name} loaded"),
        Err(e) => e.to_string(),
    }
}

/// A JSON file that is not a template, holding what must never be shown.
const SECRETS: &str = r#"{"db_password": "hunter2", "user": "root"}"#;

// Item 6.

#[test]
fn a_report_names_a_template_only_in_its_folder_or_a_templates_folder() {
    let root = tempfile::tempdir().unwrap();
    let reports = root.path().join("council/reports");
    std::fs::create_dir_all(reports.join("own")).unwrap();
    std::fs::create_dir_all(root.path().join("council/templates")).unwrap();
    std::fs::create_dir_all(reports.join("templates")).unwrap();
    std::fs::write(root.path().join("secrets.json"), SECRETS).unwrap();
    std::fs::write(root.path().join("council/other.json"), SECRETS).unwrap();
    let template = std::fs::read_to_string(BUILT_IN)
        .unwrap()
        .replace("\"tower-hamlets\"", "\"council\"");
    for place in ["council/templates", "council/reports/own"] {
        std::fs::write(root.path().join(place).join("t.json"), &template).unwrap();
    }
    std::os::unix::fs::symlink("../../../secrets.json", reports.join("templates/link.json"))
        .unwrap();

    // Where a clerk keeps templates: beside the reports' folder, or in it.
    for fine in ["../templates/t.json", "own/t.json", "./own/../own/t.json"] {
        let t = Template::for_report(Some(fine), Some(&reports)).expect(fine);
        assert_eq!(t.id, "council", "{fine}");
    }

    // Anywhere else is refused from the name alone: a file that exists and
    // one that does not get the same words, so nothing is learnt of either.
    let absolute = root.path().join("secrets.json");
    let refused = [
        absolute.to_str().unwrap(),
        "/nonexistent/t.json",
        "../../secrets.json",
        "../../nonexistent.json",
        "../other.json",
        "../templates/../other.json",
        "own/../../../secrets.json",
    ];
    let mut said = Vec::new();
    for name in refused {
        let e = template_error(&reports, name);
        assert!(
            e.contains("a template file must be in the report's folder"),
            "{name}: {e}"
        );
        assert!(!e.contains("hunter2") && !e.contains("db_password"), "{e}");
        said.push(e.replace(name, "NAME"));
    }
    said.dedup();
    assert_eq!(said.len(), 1, "{said:#?}");

    // Inside the folder, a link may not lead out of it.
    let e = template_error(&reports, "templates/link.json");
    assert!(e.contains("is a link to a file outside"), "{e}");
    assert!(!e.contains("hunter2"), "{e}");
}

#[test]
fn a_file_that_is_no_template_is_never_quoted() {
    let root = tempfile::tempdir().unwrap();
    let reports = root.path().join("reports");
    let templates = root.path().join("templates");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::create_dir_all(&templates).unwrap();
    for (file, json, words) in [
        ("a.json", SECRETS, &["db_password", "hunter2"][..]),
        (
            "b.json",
            r#"{"id": "hunter2", "jurisdiction": 5}"#,
            &["hunter2"],
        ),
        ("c.json", r#"{"id": 31337}"#, &["31337"]),
        (
            "d.json",
            r#"{"id": "x", "numbering": "hunter2"}"#,
            &["hunter2"],
        ),
        ("e.json", r#"{"id": "hunter2\ud800"}"#, &["hunter2"]),
    ] {
        std::fs::write(templates.join(file), json).unwrap();
        let e = template_error(&reports, &format!("../templates/{file}"));
        assert!(e.contains("not a valid template: line 1, column "), "{e}");
        for word in words {
            assert!(!e.contains(word), "{file}: {word} quoted in {e}");
        }
    }
}

// Item 20.

/// The sample report with `value` at `pointer`, as JSON text.
fn sample_with(pointer: &str, value: serde_json::Value) -> String {
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    *report.pointer_mut(pointer).expect(pointer) = value;
    report.to_string()
}

fn load_error(json: &str) -> String {
    match Report::from_json(json) {
        Err(Error::Json(j)) => j.message,
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn load_errors_say_what_a_clerk_wrote_not_what_rust_expected() {
    use serde_json::json;
    let exempt = json!({"title": "Terms", "exempt": {"paragraphs": [300], "public_interest": "Commercial terms."}});
    for (pointer, value, says) in [
        (
            "/appendices/0",
            exempt,
            "expected a whole number from 0 to 255, found the number 300",
        ),
        (
            "/key_decision",
            json!("maybe"),
            "expected an object { … }, found the text \"maybe\"",
        ),
        (
            "/summary",
            json!({"a": 1}),
            "expected a list [ … ], found an object",
        ),
        (
            "/sections/0/blocks/0",
            json!({"table": {"rows": [["a"]], "merge": [{"row": -1, "column": 0}]}}),
            "expected a whole number, 0 or more, found the number -1",
        ),
        (
            "/sections/0/blocks/0",
            json!({"image": {"src": "a.png", "alt": "A chart", "width_mm": "wide"}}),
            "expected a number, found the text \"wide\"",
        ),
        (
            "/sections/0/blocks/0",
            json!({"paragraph": [{"text": "a", "bold": "yes"}]}),
            "expected true or false, found the text \"yes\"",
        ),
        (
            "/meeting/body",
            json!(5),
            "expected one of this field's words",
        ),
    ] {
        let m = load_error(&sample_with(pointer, value));
        assert!(m.contains(says), "{pointer}: {m}");
        for rust in [
            "u8", "f32", "usize", "struct", "sequence", "a map", "boolean", "integer", "not JSON",
        ] {
            assert!(!m.contains(rust), "{pointer}: {rust} in {m}");
        }
    }
}

#[test]
fn an_unpaired_surrogate_is_named_as_a_clerk_would() {
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    for (escape, shown) in [
        ("\\udc00", "\\uDC00"),
        ("\\ud800 ", "\\uD800"),
        ("\\uD83D!", "\\uD83D"),
    ] {
        let json = sample.replacen("Outcome of recent", &format!("Outcome{escape}of"), 1);
        let m = load_error(&json);
        assert!(
            m.contains("a character that cannot be stored (an unpaired surrogate, ")
                && m.contains(shown),
            "{escape}: {m}"
        );
        assert!(!m.contains("lone") && !m.contains("hex escape"), "{m}");
    }
}

#[test]
fn a_width_beyond_any_number_is_not_called_inf() {
    let json = sample_with(
        "/sections/0/blocks/0",
        serde_json::json!({"image": {"src": "a.png", "alt": "A chart of visits", "width_mm": 1e39}}),
    );
    // Too large for the number the field holds: refused where it is, in
    // words, not read as infinity.
    let Err(cabinet_report::Error::Json(e)) = Report::from_json(&json) else {
        panic!("a width of 1e39 loaded");
    };
    assert!(e.path.ends_with("width_mm"), "{e:?}");
    assert!(
        e.message.contains("too large") && !e.message.contains("inf"),
        "{}",
        e.message
    );
    // Large but a number: the check gives the widths the page allows.
    let json = sample_with(
        "/sections/0/blocks/0",
        serde_json::json!({"image": {"src": "a.png", "alt": "A chart of visits", "width_mm": 1e30}}),
    );
    let report = Report::from_json(&json).unwrap();
    let d: Vec<_> = Renderer::new(Template::tower_hamlets())
        .unwrap()
        .check(&report, cabinet_report::Audience::Public)
        .into_iter()
        .filter(|d| d.path.ends_with("width_mm"))
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains("at most 166") && !d[0].message.contains("inf"),
        "{}",
        d[0].message
    );
}

#[test]
fn output_to_a_file_is_refused_plainly_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("r.json")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "my notes").unwrap();
    let out = clerk(dir.path(), &["r.json", "-o", "notes.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("notes.txt: that is a file, not a folder"),
        "{err}"
    );
    for wrong in ["File exists", "out of date", "removed", "os error"] {
        assert!(!err.contains(wrong), "{wrong}: {err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("notes.txt")).unwrap(),
        b"my notes"
    );
}

#[test]
fn a_file_this_run_wrote_is_not_called_an_earlier_output() {
    let cwd = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, cwd.path().join("r.json")).unwrap();
    let pack = cwd.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    // The Word file's name is taken by a folder: the PDF is placed, then
    // the Word file cannot be.
    std::fs::create_dir(pack.join("r.docx")).unwrap();
    std::fs::write(pack.join("r.docx/keep.txt"), "notes").unwrap();
    let out = clerk(cwd.path(), &["r.json", "-o", "pack"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("an earlier output"), "{err}");
    assert!(
        err.contains("the PDF this run wrote was taken back"),
        "{err}"
    );
    assert!(!pack.join("r.pdf").exists(), "{err}");
}

/// A template in `dir` whose four faces are `font`.
fn template_with_font(dir: &Path, font: &[u8]) -> Template {
    std::fs::write(dir.join("house.ttf"), font).unwrap();
    let mut t = Template::tower_hamlets();
    t.base_dir = Some(dir.to_path_buf());
    t.brand.fonts = Some(FontFiles {
        regular: "house.ttf".into(),
        bold: "house.ttf".into(),
        italic: "house.ttf".into(),
        bold_italic: "house.ttf".into(),
    });
    t
}

#[test]
fn a_font_file_cut_short_is_called_that() {
    let regular = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/LiberationSans-Regular.ttf"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for cut in [2_000, regular.len() / 2, regular.len() - 1] {
        let e = Renderer::new(template_with_font(dir.path(), &regular[..cut]))
            .err()
            .unwrap_or_else(|| panic!("a font cut at {cut} was accepted"))
            .to_string();
        assert!(
            e.contains("house.ttf") && e.contains("damaged or cut short"),
            "{cut}: {e}"
        );
        assert!(!e.contains("CFF") && !e.contains("'A'"), "{cut}: {e}");
    }
    Renderer::new(template_with_font(dir.path(), &regular)).expect("the whole font is fine");
}

#[test]
fn the_pixel_limit_told_is_the_one_applied() {
    use cabinet_report::assets::LoadedImage;
    let says = |bytes: Vec<u8>| match LoadedImage::from_bytes(bytes, "$.x", "a.png") {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    };
    // 8-bit RGB: three bytes a pixel, so 128 MB holds 44.7 million pixels.
    let refused = says(declared(6700, 6680));
    assert!(refused.contains("too big to print"), "{refused}");
    assert!(refused.contains("at most 44.7 megapixels"), "{refused}");
    // Just under the figure told: not refused for its size (only for its
    // missing pixel data).
    let under = says(declared(6700, 6670));
    assert!(!under.contains("too big to print"), "{under}");
}

#[test]
fn format_characters_in_a_file_name_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // A right-to-left override: "evil\u{202e}nosj.json" would print reversed.
    let name = "report\u{202e}lper.json";
    std::fs::copy(SAMPLE, dir.path().join(name)).unwrap();
    let out = clerk(dir.path(), &["--check", name]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains('\u{202e}'), "{err:?}");
    assert!(err.contains("report\\u{202e}lper.json"), "{err}");
}

// Item 21.

#[test]
fn a_hard_link_is_not_read_as_a_file_of_the_folder() {
    let root = tempfile::tempdir().unwrap();
    let reports = root.path().join("reports");
    std::fs::create_dir_all(reports.join("images")).unwrap();
    std::fs::write(root.path().join("private.png"), png(20, 10)).unwrap();
    std::fs::hard_link(
        root.path().join("private.png"),
        reports.join("images/chart.png"),
    )
    .unwrap();
    std::fs::write(reports.join("images/own.png"), png(20, 10)).unwrap();
    let report = |src: &str| {
        let mut r = Report::sample();
        r.sections[0].blocks.push(Block::Image(Image {
            src: src.into(),
            alt: "A chart of visits".into(),
            width_mm: None,
            caption: None,
        }));
        r
    };
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        report_dir: Some(reports.clone()),
        ..RenderOptions::default()
    };
    let e = renderer
        .pdf(&report("images/chart.png"), &options)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("images/chart.png") && e.contains("hard link"),
        "{e}"
    );
    renderer
        .pdf(&report("images/own.png"), &options)
        .expect("a file of its own is read");
}

#[test]
fn names_that_differ_only_in_normalisation_collide() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    // "é" as one character, and as "e" and a combining accent: one name on
    // a disk that normalises (macOS), two different byte strings here.
    for name in ["caf\u{e9}.json", "cafe\u{301}.json"] {
        std::fs::copy(SAMPLE, batch.join(name)).unwrap();
    }
    let out = clerk(dir.path(), &["batch", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("would all be written to"), "{err}");
    assert!(!dir.path().join("out").exists(), "{err}");
}

#[test]
fn a_public_run_never_takes_the_full_editions_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("x.json")).unwrap();
    std::fs::copy(SAMPLE, dir.path().join("x.full.json")).unwrap();
    let out = clerk(dir.path(), &["x.json", "--full", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let full = std::fs::read(dir.path().join("out/x.full.pdf")).unwrap();

    let out = clerk(dir.path(), &["x.full.json", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("may not end in \".full.json\""), "{err}");
    assert!(!err.contains("removed"), "{err}");
    assert!(
        std::fs::read(dir.path().join("out/x.full.pdf")).unwrap() == full,
        "the full edition was replaced or removed"
    );
    // Its full edition has a name of its own, and --check writes nothing.
    let out = clerk(dir.path(), &["x.full.json", "--full", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("out/x.full.full.pdf").exists());
    let out = clerk(dir.path(), &["--check", "x.full.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
