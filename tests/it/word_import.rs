//! The Word round trip: a DOCX this library wrote, edited as a clerk edits
//! it (in Word, or re-saved by LibreOffice), reads back into the report.

use crate::common;
use cabinet_report::compose::{compose, Audience, NodeKind};
use cabinet_report::model::{Block, Span, Text};
use cabinet_report::{RenderOptions, Renderer, Report, RuleId, Template};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn reports_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports")
}

fn render(report: &Report, audience: Audience) -> (Vec<u8>, Vec<u8>) {
    let dir = reports_dir();
    let t = Template::for_report(report.template.as_deref(), Some(&dir)).unwrap();
    let options = RenderOptions {
        report_dir: Some(dir),
        audience,
        ..RenderOptions::default()
    };
    let r = Renderer::new(t).unwrap().render(report, &options).unwrap();
    (r.pdf, r.docx)
}

fn import(docx: &[u8]) -> (Report, Vec<cabinet_report::Diagnostic>) {
    Report::from_docx(docx, |name| {
        Template::for_report(name, Some(&reports_dir()))
    })
    .unwrap()
}

#[test]
fn every_example_comes_back_as_the_same_report_and_the_same_pdf() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(reports_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 9);
    for f in files {
        let report = Report::from_json(&std::fs::read_to_string(&f).unwrap()).unwrap();
        // The importer does not read a bilingual report's second language
        // yet (README, "Importing a Word file").
        if report.translation.is_some() {
            continue;
        }
        let (pdf, docx) = render(&report, Audience::Full);
        let (back, findings) = import(&docx);
        assert_eq!(back, report, "{}", f.display());
        assert!(findings.is_empty(), "{}: {findings:?}", f.display());
        assert_eq!(render(&back, Audience::Full).0, pdf, "{}", f.display());
    }
}

/// Every part of a package, by name.
fn unzip(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            (e.name().to_string(), b)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `document.xml` changed by `edit`, as Word would save the edit.
fn edit_document(docx: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut parts = unzip(docx);
    let doc = parts
        .iter_mut()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    doc.1 = edit(String::from_utf8(doc.1.clone()).unwrap()).into_bytes();
    rezip(&parts)
}

fn replace_once(xml: &str, from: &str, to: &str) -> String {
    assert!(xml.contains(from), "not in the document: {from}");
    xml.replacen(from, to, 1)
}

fn para(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// The clerk's edits to the sample, made in the XML as Word writes them.
fn edited_sample() -> Vec<u8> {
    let (_, docx) = render(&Report::sample(), Audience::Full);
    edit_document(&docx, |x| {
        // A word changed in 2.1.
        let x = replace_once(
            &x,
            "There are no alternative options",
            "There are no other options",
        );
        // A numbered paragraph inserted after 3.1.
        let p31 = "practice within our statutory and early help services.</w:t></w:r></w:p>";
        let x = replace_once(
            &x,
            p31,
            &format!(
                "{p31}{}",
                para(
                    "NumberedParagraph",
                    "Inspectors met forty members of staff."
                )
            ),
        );
        // A table row added.
        let last = x.find("Overall effectiveness").unwrap();
        let row_start = x[..last].rfind("<w:tr>").unwrap();
        let row_end = last + x[last..].find("</w:tr>").unwrap() + "</w:tr>".len();
        let row = x[row_start..row_end].replace("Overall effectiveness", "Leadership capacity");
        let x = format!("{}{row}{}", &x[..row_end], &x[row_end..]);
        // A bullet removed.
        let b = x.find("The response and oversight of work").unwrap();
        let (s, e) = (
            x[..b].rfind("<w:p>").unwrap(),
            b + x[b..].find("</w:p>").unwrap() + 6,
        );
        let x = format!("{}{}", &x[..s], &x[e..]);
        // A phrase made bold.
        let x = replace_once(
            &x,
            "are now rated as GOOD.",
            r#"are now rated as </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>GOOD</w:t></w:r><w:r><w:t xml:space="preserve">."#,
        );
        // A paragraph typed in a style the report does not use.
        let legal = "the next inspection will be a short inspection.</w:t></w:r></w:p>";
        replace_once(
            &x,
            legal,
            &format!(
                "{legal}{}",
                para("FancyStyle", "Legal add a sentence here.")
            ),
        )
    })
}

fn check_edits(report: &Report, findings: &[cabinet_report::Diagnostic]) {
    let section = |kind: &str| {
        report
            .sections
            .iter()
            .find(|s| serde_json::to_value(&s.kind).unwrap() == kind)
            .unwrap()
    };
    assert_eq!(
        section("alternative_options").blocks[0],
        Block::Paragraph("There are no other options".into())
    );
    let details = &section("details").blocks;
    assert_eq!(
        details[1],
        Block::Paragraph("Inspectors met forty members of staff.".into())
    );
    let Some(Block::Table(t)) = details.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("the table is gone");
    };
    assert_eq!(t.rows.len(), 5);
    assert_eq!(t.rows[4][0], Text::from("Leadership capacity"));
    let bullets = details
        .iter()
        .find_map(|b| match b {
            Block::Bullets(v) => Some(v),
            _ => None,
        })
        .unwrap();
    assert_eq!(bullets.len(), 2);
    assert!(!bullets
        .iter()
        .any(|b| b.plain().contains("response and oversight")));
    let Block::Paragraph(summary) = &report.summary[1] else {
        panic!("{:?}", report.summary[1]);
    };
    assert!(summary.0.contains(&Span::bold("GOOD")), "{summary:?}");
    let legal = &section("legal").blocks;
    assert_eq!(
        legal.last(),
        Some(&Block::Paragraph("Legal add a sentence here.".into()))
    );
    let wrong_style: Vec<_> = findings.iter().filter(|d| d.rule == RuleId::I2).collect();
    assert_eq!(wrong_style.len(), 1, "{findings:?}");
    // Word keeps the unknown style's name; LibreOffice saves the paragraph as Normal.
    assert!(
        wrong_style[0].message.contains("paragraph ")
            && wrong_style[0].message.contains("Legal add a sentence"),
        "{}",
        wrong_style[0]
    );
    // The inserted paragraph is 3.2 and those after it move on.
    let t = Template::tower_hamlets();
    let doc = compose(report, &t, Audience::Full).unwrap();
    let label = |words: &str| {
        doc.nodes()
            .find_map(|n| match &n.kind {
                NodeKind::Paragraph {
                    number: Some(num),
                    text,
                    ..
                } if text.plain().starts_with(words) => Some(num.label.clone()),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!(label("Inspectors met forty"), "3.2");
    assert_eq!(label("The outcome of the inspection was as follows"), "3.3");
    // And it passes the validator as a report.
    let errors: Vec<_> = Renderer::new(t)
        .unwrap()
        .check(report, Audience::Full)
        .into_iter()
        .filter(|d| d.severity == cabinet_report::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn edits_made_in_word_come_back() {
    let (report, findings) = import(&edited_sample());
    check_edits(&report, &findings);
}

#[test]
fn edits_survive_a_libreoffice_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("edited.docx");
    std::fs::write(&file, edited_sample()).unwrap();
    let out = dir.path().join("lo");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&out)
        .arg(&file)
        .env("HOME", dir.path())
        .output();
    let saved = out.join("edited.docx");
    if !status.is_ok_and(|s| s.status.success()) || !saved.exists() {
        common::skipped("soffice", "LibreOffice re-save of an edited report");
        return;
    }
    let (report, findings) = import(&std::fs::read(saved).unwrap());
    check_edits(&report, &findings);
}

/// The same edits made with python-docx (a script driving a Word file's
/// object model, not our own XML), then re-saved by LibreOffice.
#[test]
fn edits_made_with_python_docx_and_saved_by_libreoffice_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("sample.docx");
    std::fs::write(&original, render(&Report::sample(), Audience::Full).1).unwrap();
    let edited = dir.path().join("edited.docx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/edit_sample_with_python_docx.py");
    let has_docx = std::process::Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_docx {
        common::skipped(
            "python3 with python-docx",
            "editing a report with python-docx",
        );
        return;
    }
    let run = std::process::Command::new("python3")
        .arg(&script)
        .arg(&original)
        .arg(&edited)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = dir.path().join("lo");
    let saved = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&out)
        .arg(&edited)
        .env("HOME", dir.path())
        .output();
    let resaved = out.join("edited.docx");
    if !saved.is_ok_and(|s| s.status.success()) || !resaved.exists() {
        common::skipped("soffice", "LibreOffice re-save of a python-docx edit");
        return;
    }
    for file in [&edited, &resaved] {
        let (report, findings) = import(&std::fs::read(file).unwrap());
        check_edits(&report, &findings);
    }
}

#[test]
fn an_unreadable_date_keeps_the_old_one_and_says_so() {
    let report = Report::sample();
    let (_, docx) = render(&report, Audience::Full);
    let edited = edit_document(&docx, |x| {
        replace_once(&x, ">31 July 2019<", ">31 Jly 2019<")
    });
    let (back, findings) = import(&edited);
    assert_eq!(back.meeting.date, report.meeting.date);
    assert!(
        findings.iter().any(|d| d.rule == RuleId::I1
            && d.path == "$.meeting.date"
            && d.message.contains("31 Jly 2019")),
        "{findings:?}"
    );
    let moved = edit_document(&docx, |x| {
        replace_once(&x, ">31 July 2019<", ">7 August 2019<")
    });
    let (back, findings) = import(&moved);
    assert_eq!(back.meeting.date.long(), "7 August 2019");
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn damaged_foreign_and_hostile_files_are_refused_without_panic() {
    let (_, docx) = render(&Report::sample(), Audience::Public);
    let refuse = |bytes: &[u8], why: &str| {
        let e = Report::from_docx(bytes, |_| Ok(Template::tower_hamlets()))
            .expect_err(why)
            .to_string();
        assert!(e.contains("reading the Word document back"), "{why}: {e}");
        e
    };
    refuse(b"not a zip", "garbage");
    refuse(&docx[..docx.len() / 2], "truncated");
    for cut in (0..docx.len()).step_by(docx.len() / 40) {
        let mut b = docx.clone();
        b[cut] ^= 0x5a;
        let _ = Report::from_docx(&b, |_| Ok(Template::tower_hamlets()));
    }
    // A Word file the library did not write.
    let foreign: Vec<_> = unzip(&docx)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("customXml/"))
        .collect();
    let e = refuse(&rezip(&foreign), "foreign");
    assert!(e.contains("not written by cabinet-report"), "{e}");
    // A zip bomb: one part that expands to 100 MB of zeros.
    let mut bomb = unzip(&docx);
    bomb.push(("word/media/huge.bin".into(), vec![0; 100 << 20]));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &bomb {
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(bytes.len() > u32::MAX as usize);
        w.start_file(name.as_str(), o).unwrap();
        w.write_all(bytes).unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20);
    let e = refuse(&bomb, "bomb");
    assert!(e.contains("expands to"), "{e}");
    // Elements nested deeper than any report.
    let deep = edit_document(&docx, |x| {
        replace_once(
            &x,
            "<w:body>",
            &format!(
                "<w:body>{}{}",
                "<w:tbl>".repeat(5000),
                "</w:tbl>".repeat(5000)
            ),
        )
    });
    let e = refuse(&deep, "deep");
    assert!(e.contains("deep"), "{e}");
    // A document.xml cut short inside a paragraph, one with a tag damaged
    // by an edit, one with an entity XML does not define: docx-rs's reader
    // never returned on the first two, so each must be refused first, with
    // where.
    let cut = edit_document(&docx, |x| {
        let at = x.find("<w:t xml:space=\"preserve\">").unwrap();
        x[..at].to_string()
    });
    let e = refused_in_time(cut, "cut short");
    assert!(
        e.contains("word/document.xml is not well-formed XML at line "),
        "{e}"
    );
    assert!(e.contains("never closed"), "{e}");
    let damaged = edit_document(&docx, |x| {
        // `<w:pStyle w:val="Title"/e"/>`: a stray quotation mark opens an
        // attribute value that runs on into the next tags.
        let style = x.find("<w:pStyle w:val=\"").unwrap();
        let end = style + x[style..].find("\"/>").unwrap() + 1;
        format!("{}/e\"{}", &x[..end], &x[end..])
    });
    let e = refused_in_time(damaged, "damaged tag");
    assert!(
        e.contains("word/document.xml is not well-formed XML at line "),
        "{e}"
    );
    let entity = edit_document(&docx, |x| {
        replace_once(
            &x,
            "<w:t xml:space=\"preserve\">",
            "<w:t xml:space=\"preserve\">&nbsp;",
        )
    });
    let e = refused_in_time(entity, "undefined entity");
    assert!(
        e.contains("word/document.xml is not well-formed XML at line "),
        "{e}"
    );
}

/// The import's refusal of `docx`, on a thread, so that a file the reader
/// would never finish fails the test instead of hanging the suite.
fn refused_in_time(docx: Vec<u8>, why: &'static str) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = Report::from_docx(&docx, |_| Ok(Template::tower_hamlets())).map(|_| ());
        let _ = tx.send(result);
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{why}: the import did not finish in a minute"))
        .expect_err(why)
        .to_string()
}

/// The example whose file name starts with `prefix`, and its Word file.
fn example(prefix: &str) -> (Report, Vec<u8>) {
    let f = std::fs::read_dir(reports_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap();
    let report = Report::from_json(&std::fs::read_to_string(f).unwrap()).unwrap();
    let (_, docx) = render(&report, Audience::Full);
    (report, docx)
}

fn table_at(blocks: &[Block], i: usize) -> &cabinet_report::model::Table {
    match &blocks[i] {
        Block::Table(t) => t,
        other => panic!("not a table: {other:?}"),
    }
}

#[test]
fn edits_to_tables_with_merged_cells_subtotals_and_no_header_row_come_back() {
    let (report, docx) = example("ravensford-");
    let edited = edit_document(&docx, |x| {
        // A cell merged down two rows, a subtotal row, a cell merged across
        // two columns, and a row of a table without a header row.
        let x = replace_once(
            &x,
            ">Northgate depot electric vehicle charging<",
            ">Northgate depot EV charging<",
        );
        let x = replace_once(&x, ">Northgate depot subtotal<", ">Northgate subtotal<");
        let x = replace_once(
            &x,
            ">Indicative £9.6m over two years<",
            ">Indicative £9.7m over two years<",
        );
        replace_once(
            &x,
            ">New schemes in this report<",
            ">New schemes in this report (revised)<",
        )
    });
    let (back, findings) = import(&edited);
    assert!(findings.is_empty(), "{findings:?}");
    let was = table_at(&report.recommendations[1].blocks, 0);
    let t = table_at(&back.recommendations[1].blocks, 0);
    assert_eq!(t.rows[0][0], Text::from("Northgate depot EV charging"));
    assert_eq!(t.rows[1][0], Text::from(""));
    assert_eq!(t.rows[2][0], Text::from("Northgate subtotal"));
    assert_eq!(t.merge, was.merge);
    assert_eq!(t.subtotal_rows, vec![2]);
    assert_eq!(t.total, was.total);
    let across = table_at(&back.sections[2].blocks, 4);
    assert_eq!(
        across.rows[0][3],
        Text::from("Indicative £9.7m over two years")
    );
    assert_eq!(across.rows[0][4], Text::from(""));
    assert_eq!(across.merge, table_at(&report.sections[2].blocks, 4).merge);
    let headless = table_at(&back.recommendations[0].blocks, 0);
    assert!(headless.columns.is_empty(), "{:?}", headless.columns);
    assert_eq!(
        headless.rows[1][0],
        Text::from("New schemes in this report (revised)")
    );
    assert_eq!(headless.rows.len(), 4);
}

#[test]
fn edits_to_an_implications_table_come_back_as_its_sections() {
    let (report, docx) = example("hollinbrook-");
    let edited = edit_document(&docx, |x| {
        let x = replace_once(
            &x,
            ">Amrit Dhillon, Chief Finance Officer, 25 February 2026<",
            ">Amrit Dhillon, Chief Finance Officer, 26 February 2026<",
        );
        let x = replace_once(
            &x,
            "Medium Term Financial Strategy from 2026/27.",
            "Medium Term Financial Strategy from 2027/28.",
        );
        let x = replace_once(
            &x,
            ">Sarah Whitlock, Director of Place<",
            ">Sarah Whitlock, Director of Place and Growth<",
        );
        replace_once(
            &x,
            "a challenge to the award during the standstill period;",
            "a legal challenge to the award during the standstill period;",
        )
    });
    let (back, findings) = import(&edited);
    assert!(findings.is_empty(), "{findings:?}");
    let section = |r: &Report, kind: &str| {
        r.sections
            .iter()
            .find(|s| s.kind.id() == kind)
            .cloned()
            .unwrap()
    };
    let finance = section(&back, "finance");
    assert_eq!(
        finance.sign_off.as_deref(),
        Some("Amrit Dhillon, Chief Finance Officer, 26 February 2026")
    );
    assert_eq!(
        finance.blocks[1],
        Block::Paragraph(
            "The saving is already in the Medium Term Financial Strategy from 2027/28.".into()
        )
    );
    let Block::Bullets(risks) = &section(&back, "risk").blocks[1] else {
        panic!("the risk bullets are gone");
    };
    assert_eq!(
        risks[0],
        Text::from("a legal challenge to the award during the standstill period;")
    );
    assert_eq!(section(&back, "legal"), section(&report, "legal"));
    // A row of the template's own header block.
    assert_eq!(
        back.header_rows["director_approving"].0[0].plain(),
        "Sarah Whitlock, Director of Place and Growth"
    );
    assert_eq!(back.sections.len(), report.sections.len());
}

#[test]
fn edits_to_grouped_sections_and_header_sign_offs_come_back() {
    let (report, docx) = example("wexcombe-");
    let edited = edit_document(&docx, |x| {
        let x = replace_once(&x, ">27 March 2026<", ">30 March 2026<");
        let x = replace_once(&x, ">24 March 2026<", "><");
        let x = replace_once(
            &x,
            "rising to £0.62 million a year by 2031/32",
            "rising to £0.64 million a year by 2031/32",
        );
        replace_once(
            &x,
            ">Post-16 contributions<",
            ">Contributions from students<",
        )
    });
    let (back, findings) = import(&edited);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(back.header_sign_offs["director_approving"], "30 March 2026");
    // A sign-off emptied in Word is taken out, not kept as a blank.
    assert!(!back.header_sign_offs.contains_key("lead_member"));
    assert_eq!(
        back.header_sign_offs["section_151"],
        report.header_sign_offs["section_151"]
    );
    let finance = back
        .sections
        .iter()
        .find(|s| s.kind.id() == "finance")
        .unwrap();
    let Block::Paragraph(first) = &finance.blocks[0] else {
        panic!("{:?}", finance.blocks[0]);
    };
    assert!(first.plain().contains("£0.64 million"), "{}", first.plain());
    assert_eq!(
        finance.blocks[1],
        Block::Subheading("Contributions from students".into())
    );
    // Every grouped section comes back as its own section, in its place.
    let kinds = |r: &Report| {
        r.sections
            .iter()
            .map(|s| s.kind.id().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&back), kinds(&report));
    for kind in ["legal", "policy", "equalities", "climate_change"] {
        let find = |r: &Report| r.sections.iter().find(|s| s.kind.id() == kind).cloned();
        assert_eq!(find(&back), find(&report), "{kind}");
    }
}

#[test]
fn edits_to_a_report_numbered_throughout_and_in_two_languages_come_back() {
    let (report, docx) = example("glyndaf-");
    let edited = edit_document(&docx, |x| {
        let x = replace_once(&x, "a nodir yn Atodiad 1;", "a nodir yn Atodiad 1 a 2;");
        replace_once(
            &x,
            ">Town Centre Health Check 2025<",
            ">Town Centre Health Check 2026<",
        )
    });
    let (back, findings) = import(&edited);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(back.recommendations.len(), report.recommendations.len());
    assert!(
        back.recommendations[1]
            .text
            .plain()
            .ends_with("a nodir yn Atodiad 1 a 2;"),
        "{:?}",
        back.recommendations[1].text
    );
    // The English title in the Welsh report keeps its language.
    let Block::Paragraph(p) = &back.sections[0].blocks[0] else {
        panic!("{:?}", back.sections[0].blocks[0]);
    };
    let title =
        p.0.iter()
            .find(|s| s.text == "Town Centre Health Check 2026")
            .expect("the edited title");
    assert!(title.italic);
    assert_eq!(title.lang.map(|l| l.tag()), Some("en-GB"));
    assert!(
        p.0.iter().filter(|s| s.lang.is_some()).count() == 1,
        "{p:?}"
    );
}

#[test]
fn an_exempt_appendix_circulated_separately_comes_back_without_content() {
    let (report, docx) = example("kingsmere-");
    let xml = String::from_utf8(
        unzip(&docx)
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(xml.contains("Appendix 2 is circulated separately"));
    let (back, findings) = import(&docx);
    assert!(findings.is_empty(), "{findings:?}");
    for (a, was) in back.appendices.iter().zip(&report.appendices) {
        assert_eq!(a.blocks, was.blocks, "{}", a.title);
    }
    assert!(back.appendices[1].blocks.is_empty());
}

/// The templates' features survive a LibreOffice save: its shading, merges
/// and run languages read as Word's do.
#[test]
fn examples_with_every_template_feature_come_back_after_a_libreoffice_save() {
    for name in [
        "glyndaf-",
        "hollinbrook-",
        "kingsmere-",
        "ravensford-",
        "wexcombe-",
    ] {
        let (report, docx) = example(name);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.docx");
        std::fs::write(&file, &docx).unwrap();
        let out = dir.path().join("lo");
        let status = std::process::Command::new("soffice")
            .args(["--headless", "--convert-to", "docx", "--outdir"])
            .arg(&out)
            .arg(&file)
            .env("HOME", dir.path())
            .output();
        let saved = out.join("report.docx");
        if !status.is_ok_and(|s| s.status.success()) || !saved.exists() {
            common::skipped("soffice", "LibreOffice re-save of the examples");
            return;
        }
        let (back, findings) = import(&std::fs::read(saved).unwrap());
        assert_eq!(back, report, "{name}");
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
}

#[test]
fn a_bilingual_word_file_is_refused_with_a_message_that_says_why() {
    let f = reports_dir().join("dyfnant-2026-03-24-toiledau-cymunedol.json");
    let report = Report::from_json(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert!(report.translation.is_some());
    let (_, docx) = render(&report, Audience::Full);
    let err = Report::from_docx(&docx, |name| {
        Template::for_report(name, Some(&reports_dir()))
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("bilingual"), "{err}");
}
