//! Inputs the fuzzer (`fuzz/`, see FUZZING.md) found breaking a promise,
//! kept byte for byte as it found them in `tests/fuzz_regressions/`. Each
//! goes down the path of the target that found it.

use cabinet_report::{Audience, Error, RenderOptions, Renderer, Report, Template};
use std::path::{Path, PathBuf};

fn input(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn input_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn examples(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(dir)
}

/// Found by the `template` target: a template whose `labels.open` (the
/// classification printed on every open report) held U+FFFD, which the
/// fonts lack. Every report passed `Renderer::check` and then failed to
/// render, with an error naming no field of anything the clerk could fix.
/// A template is now refused when it is loaded into a renderer, naming the
/// field; any template a renderer accepts keeps the promise that a report
/// passing the check renders.
#[test]
fn template_wording_the_fonts_cannot_print_is_refused_before_any_report() {
    let json = input("template-open-label-unprintable.json");
    let template = Template::from_json(&json, Some(&examples("templates")))
        .expect("the fuzzed template loads");
    let renderer = match Renderer::new(template) {
        Err(Error::Template { reason, .. }) => {
            assert!(
                reason.contains("labels.open") && reason.contains("U+FFFD"),
                "the refusal should name the field and the character: {reason}"
            );
            return;
        }
        Err(other) => panic!("not a template error: {other}"),
        Ok(renderer) => renderer,
    };
    // The council's own example report, written for this template's id.
    let report = Report::from_json(
        &std::fs::read_to_string(
            examples("reports").join("ashcombe-vale-2026-02-25-air-quality-consultation.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for audience in [Audience::Public, Audience::Full] {
        let findings = renderer.check(&report, audience);
        assert!(
            !findings.iter().any(|d| d.is_error()),
            "the example report has errors with this template: {findings:?}"
        );
        let options = RenderOptions {
            audience,
            report_dir: Some(examples("reports")),
            ..RenderOptions::default()
        };
        renderer
            .pdf(&report, &options)
            .expect("a report that passes the check renders to PDF");
        renderer
            .docx(&report, &options)
            .expect("a report that passes the check renders to Word");
    }
}

/// Found by the `import` target after 2,206 runs: a Word file (the Northmere
/// example's) with one tag damaged in the middle of `document.xml`
/// (`<w:pStyle w:val="NumberedParagraph"/e"/>…`). docx-rs's reader never
/// returned: some of its element readers loop until they see their end tag
/// and ignore errors and the end of the input. The import now reads every
/// part as docx-rs will before handing it over, and refuses a damaged one
/// with its line and column. The import runs on a thread so that a
/// regression fails this test instead of hanging the suite.
#[test]
fn a_word_file_with_a_damaged_tag_is_refused_not_read_forever() {
    let docx = input_bytes("import-damaged-tag.docx");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = Report::from_docx(&docx, |name| {
            Template::for_report(name, Some(&examples("reports")))
        })
        .map(|_| ());
        let _ = tx.send(result);
    });
    let result = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the import of a damaged Word file did not finish in a minute: it hangs");
    let message = result
        .expect_err("a damaged document.xml is refused")
        .to_string();
    assert!(
        message.contains("word/document.xml is not well-formed XML at line 2, column "),
        "the refusal names the part, line and column: {message}"
    );
}
