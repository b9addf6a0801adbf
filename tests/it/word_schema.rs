//! Every kind of Word file we write is valid against the ECMA-376 schemas
//! (vendor/ooxml-schemas, checked by `scripts/check-docx.py --schema-only`):
//! each example report as `clerk` writes it, public and full, the built-in
//! sample, and a report using every kind of block. Without python3 and lxml
//! the check is skipped, saying so, unless CABINET_REPORT_REQUIRE_TOOLS=1.

use crate::common::clerk_bin::clerk_bin;
use cabinet_report::assets::Assets;
use cabinet_report::compose;
use cabinet_report::{Audience, RenderOptions, Renderer, Report, Template};
use std::path::{Path, PathBuf};
use std::process::Command;

fn docx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_word_file_we_write_passes_the_schemas() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (flag, sub) in [("--public", "public"), ("--full", "full")] {
        let dir = out.path().join(sub);
        let run = Command::new(clerk_bin())
            .arg(&examples)
            .arg("-o")
            .arg(&dir)
            .arg(flag)
            .output()
            .expect("clerk runs");
        assert!(
            run.status.success(),
            "clerk {flag} on examples/reports:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let written = docx_files(&dir);
        let reports = std::fs::read_dir(&examples)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "json")
            })
            .count();
        assert_eq!(written.len(), reports, "one Word file per example report");
        files.extend(written);
    }

    // The rich report breaks template rules (it exists to use every kind of
    // block), so it goes through the stages without the validation gate.
    let template = Template::tower_hamlets();
    for audience in [Audience::Public, Audience::Full] {
        for (name, report) in [
            ("sample", Report::sample()),
            ("rich", crate::common::rich_report(out.path())),
        ] {
            let doc = compose::compose(&report, &template, audience).expect("composes");
            let assets = Assets::load(&doc, &template, Some(out.path())).unwrap();
            let file = out.path().join(format!("{name}-{audience:?}.docx"));
            std::fs::write(&file, cabinet_report::docx::render(&doc, &assets).unwrap()).unwrap();
            files.push(file);
        }
    }

    for file in &files {
        let problems = crate::common::word::package_problems(&std::fs::read(file).unwrap());
        assert!(problems.is_empty(), "{}: {problems:?}", file.display());
    }
    if let Some(result) = crate::common::word_schema_check(&files) {
        result.unwrap_or_else(|e| panic!("schema errors:\n{e}"));
    }
}

/// The check is a real one: a Word file with an element WordprocessingML does
/// not define fails it.
#[test]
fn the_schema_check_fails_a_file_the_schemas_reject() {
    let dir = tempfile::tempdir().unwrap();
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let docx = renderer
        .docx(&Report::sample(), &RenderOptions::default())
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let bad = dir.path().join("bad.docx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            bytes = xml
                .replacen("<w:body>", "<w:body><w:notAnElement/>", 1)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
    if let Some(result) = crate::common::word_schema_check(&[bad]) {
        let err = result.expect_err("an undefined element must fail the schemas");
        assert!(err.contains("notAnElement"), "{err}");
    }
}
