//! Bilingual reports (Welsh and English one after the other in one file):
//! each language is a tagged part with its own /Lang, the Word file's second
//! language is a section of its own whose every run says its language, the
//! public edition withholds an exempt part in both languages, and the
//! validator wants both languages, part for part.

use crate::common::pdf::{dict, load, name_of, paragraphs, text_of};
use cabinet_report::compose::Audience;
use cabinet_report::model::Language;
use cabinet_report::validate::validate;
use cabinet_report::{RenderOptions, Renderer, Report, Template};
use std::io::Read;
use std::path::{Path, PathBuf};

const FILE: &str = "examples/reports/dyfnant-2026-03-24-toiledau-cymunedol.json";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports")
}

fn example() -> (Report, Template) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    let report = Report::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let template = Template::for_report(report.template.as_deref(), Some(&dir())).unwrap();
    (report, template)
}

fn render(report: &Report, template: &Template, audience: Audience) -> (Vec<u8>, Vec<u8>) {
    let options = RenderOptions {
        audience,
        report_dir: Some(dir()),
        ..RenderOptions::default()
    };
    let r = Renderer::new(template.clone()).unwrap();
    (
        r.pdf(report, &options).unwrap(),
        r.docx(report, &options).unwrap(),
    )
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn each_language_is_a_part_with_its_own_lang_in_print_order() {
    let (report, template) = example();
    let (pdf, _) = render(&report, &template, Audience::Public);
    let doc = load(&pdf);
    let parts: Vec<(String, Option<String>)> = crate::common::pdf::elements(&doc)
        .into_iter()
        .filter(|(_, s)| s == "Part")
        .map(|(id, _)| {
            let d = doc.get_object(id).unwrap().as_dict().unwrap();
            (name_of(d, b"S"), text_of(&doc, d, b"Lang"))
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("Part".to_string(), Some("cy-GB".to_string())),
            ("Part".to_string(), Some("en-GB".to_string()))
        ]
    );
    // The file's own language is the first part's.
    let cat = crate::common::pdf::catalog(&doc);
    assert_eq!(text_of(&doc, cat, b"Lang").as_deref(), Some("cy-GB"));
    // Both titles are read, Welsh first, and the pages number on: 1 of 6 … 6 of 6.
    let text = paragraphs(&pdf).join("\n");
    let cy = text
        .find("Cynllun Toiledau Cymunedol 2026–2028")
        .expect("Welsh title");
    let en = text
        .find("Community Toilet Scheme 2026–2028")
        .expect("English title");
    assert!(cy < en, "Welsh first");
    let pages = doc.get_pages().len();
    assert_eq!(pages, 6);
    let outline = dict(&doc, cat.get(b"Outlines").unwrap());
    let first = dict(&doc, outline.get(b"First").unwrap());
    let second = dict(&doc, first.get(b"Next").unwrap());
    assert_eq!(
        text_of(&doc, first, b"Title").as_deref(),
        Some("Cynllun Toiledau Cymunedol 2026–2028")
    );
    assert_eq!(
        text_of(&doc, second, b"Title").as_deref(),
        Some("Community Toilet Scheme 2026–2028")
    );
}

#[test]
fn english_first_when_the_template_says_so() {
    let (report, mut template) = example();
    template.bilingual.as_mut().unwrap().first = Language::EnglishUk;
    let (pdf, docx) = render(&report, &template, Audience::Public);
    let text = paragraphs(&pdf).join("\n");
    assert!(text.find("Community Toilet Scheme").unwrap() < text.find("Cynllun Toiledau").unwrap());
    // Word's styles are the first part's language; the Welsh runs say theirs.
    assert!(part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="en-GB""#));
    let body = part(&docx, "word/document.xml");
    let second = &body[body.find("Cynllun Toiledau").unwrap() - 300..];
    assert!(
        second.contains(r#"<w:lang w:val="cy-GB"/>"#),
        "{}",
        &second[..400]
    );
}

#[test]
fn word_puts_the_second_language_in_its_own_section_with_its_own_furniture() {
    let (report, template) = example();
    let (_, docx) = render(&report, &template, Audience::Public);
    let body = part(&docx, "word/document.xml");
    // A section break ends the Welsh part; the English part has its own last section.
    assert_eq!(body.matches("<w:sectPr>").count(), 2);
    let at = body.find("</w:sectPr>").unwrap();
    let (welsh, english) = body.split_at(at);
    assert!(welsh.contains("Cynllun Toiledau Cymunedol 2026–2028"));
    assert!(english.contains("Community Toilet Scheme 2026–2028"));
    assert!(
        !welsh.contains(r#"w:val="en-GB""#),
        "no Welsh run is marked English"
    );
    // Every English run with text is marked en-GB (the styles say cy-GB).
    assert!(part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="cy-GB""#));
    for run in english.split("<w:r>").skip(1) {
        let run = &run[..run.find("</w:r>").unwrap_or(run.len())];
        if run.contains("<w:t") {
            assert!(
                run.contains(r#"<w:lang w:val="en-GB"/>"#),
                "run without its language: {run}"
            );
        }
    }
    // The English section's headers and footers are its own, in English.
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("header4.xml") && rels.contains("footer-second1.xml"));
    let running = part(&docx, "word/header4.xml");
    assert!(
        running.contains("Community Toilet Scheme | Cabinet, 24 March 2026"),
        "{running}"
    );
    assert!(running.contains(r#"<w:lang w:val="en-GB"/>"#));
    let footer = part(&docx, "word/footer-second1.xml");
    assert!(footer.contains("Page ") && footer.contains("NUMPAGES"));
    assert!(part(&docx, "word/footer1.xml").contains("Tudalen "));
    assert!(part(&docx, "word/header3.xml").contains("Dyfnant County Council"));
    // Word's numbering restarts for English: its first numbered paragraph is 1.
    let paras = crate::common::word::paragraphs(&docx);
    let summary: Vec<&str> = paras
        .iter()
        .filter(|p| {
            p.text.starts_with("This report asks") || p.text.starts_with("Mae’r adroddiad hwn")
        })
        .filter_map(|p| p.label.as_deref())
        .collect();
    assert_eq!(summary, ["1", "1"]);
}

#[test]
fn the_public_edition_withholds_an_exempt_part_in_both_languages() {
    let (report, template) = example();
    let secret = ["Llew Coch", "Red Lion"];
    let (pdf, docx) = render(&report, &template, Audience::Public);
    let text = paragraphs(&pdf).join("\n");
    let body = part(&docx, "word/document.xml");
    for s in secret {
        assert!(!text.contains(s), "the public PDF prints {s}");
        assert!(!body.contains(s), "the public Word file prints {s}");
    }
    // Both notices are printed.
    assert!(text.contains("nid yw’r wybodaeth hon i’w chyhoeddi"));
    assert!(text.contains("this information is not for publication"));
    let (pdf, docx) = render(&report, &template, Audience::Full);
    let text = paragraphs(&pdf).join("\n");
    let body = part(&docx, "word/document.xml");
    for s in secret {
        assert!(
            text.contains(s) && body.contains(s),
            "the full edition lacks {s}"
        );
    }
}

#[test]
fn a_part_exempt_in_one_language_only_is_withheld_in_both_and_refused() {
    let (mut report, template) = example();
    report.translation.as_mut().unwrap().appendices[0].exempt = None;
    let findings = validate(&report, &template, Audience::Public);
    assert!(
        findings
            .iter()
            .any(|d| d.rule == "R15" && d.path == "$.translation.appendices[0].exempt"),
        "{findings:?}"
    );
    // Composed anyway (as a service may, without checking), it prints neither.
    let doc = cabinet_report::compose::compose(&report, &template, Audience::Public).unwrap();
    let second = doc.second.as_deref().expect("two parts");
    let printed: String = second.nodes().map(|n| format!("{:?}", n.kind)).collect();
    assert!(!printed.contains("Red Lion"), "{printed}");
}

#[test]
fn the_validator_wants_both_languages_part_for_part() {
    let (report, template) = example();
    assert!(validate(&report, &template, Audience::Public)
        .iter()
        .all(|d| !d.is_error()));
    let rules = |r: &Report, t: &Template| -> Vec<(String, String)> {
        validate(r, t, Audience::Public)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.rule.to_string(), d.path))
            .collect()
    };
    // R14: no translation for a bilingual template; a translation for one that is not.
    let mut r = report.clone();
    r.translation = None;
    assert_eq!(rules(&r, &template), [("R14".to_string(), "$".to_string())]);
    let mut one = template.clone();
    one.bilingual = None;
    assert!(rules(&report, &one).contains(&("R14".into(), "$.translation".into())));
    let mut r = report.clone();
    r.translation.as_mut().unwrap().language = Language::WelshUk;
    assert_eq!(
        rules(&r, &template),
        [("R14".into(), "$.translation.language".into())]
    );
    // R15: counts, kinds, table rows, roles.
    let mut r = report.clone();
    let t = r.translation.as_mut().unwrap();
    t.recommendations.pop();
    t.sections.swap(1, 2);
    if let cabinet_report::model::Block::Table(table) = &mut t.sections[0].blocks[1] {
        table.rows.pop();
    }
    t.roles.remove("Rheolwr Gwasanaethau Cymunedol");
    let got = rules(&r, &template);
    for want in [
        "$.translation.recommendations",
        "$.translation.sections[1].kind",
        "$.translation.sections[2].kind",
        "$.translation.sections[0].blocks[1]",
        "$.translation.roles",
    ] {
        assert!(
            got.contains(&("R15".into(), want.into())),
            "{want}: {got:?}"
        );
    }
    // Every rule runs on the translation too, at its own paths.
    let mut r = report.clone();
    r.translation.as_mut().unwrap().sections[2].blocks[0] =
        cabinet_report::model::Block::Paragraph("[Insert options]".into());
    assert_eq!(
        rules(&r, &template),
        [("R1".into(), "$.translation.sections[2].blocks[0]".into())]
    );
}
