//! Two forms of council report the other templates do not show: sections
//! grouped under one numbered heading and numbered within it ("5
//! Implications", "5.2 Finance", paragraph 5.2.1), and a header block with
//! a column saying who signed each row off. Read back from the composed
//! document, the written PDF's structure and Word's own numbering.

use crate::common::{self, pdf, word};
use cabinet_report::compose::numbering::{paragraph_labels, sections};
use cabinet_report::compose::{compose, Audience, NodeKind};
use cabinet_report::model::{Block, Section, SectionKind, Text};
use cabinet_report::template::Numbering;
use cabinet_report::{Renderer, Report, Template};
use std::path::Path;

const GROUPED: &str = "wexcombe-2026-04-14-home-to-school-transport.json";

fn example() -> (Report, Template) {
    common::example_with_template(GROUPED)
}

fn render(report: &Report, template: &Template) -> (Vec<u8>, Vec<u8>) {
    common::render_example(report, template)
}

fn findings(report: &Report, template: &Template) -> Vec<(String, String, String)> {
    Renderer::new(template.clone())
        .unwrap()
        .check(report, Audience::Public)
        .into_iter()
        .map(|d| (d.rule.to_string(), d.path.clone(), d.message.clone()))
        .collect()
}

/// "5.2 Finance" for each numbered heading, in order.
fn numbered_headings(report: &Report, template: &Template) -> Vec<String> {
    compose(report, template, Audience::Public)
        .unwrap()
        .nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Heading {
                number: Some(number),
                text,
                ..
            } => Some(format!("{number} {text}")),
            _ => None,
        })
        .collect()
}

/// Word's numbered headings and paragraphs as Word resolves their numbers:
/// (style, label, first words).
fn word_numbers(docx: &[u8]) -> Vec<(String, String, String)> {
    word::paragraphs(docx)
        .into_iter()
        .filter(|p| {
            !p.in_table
                && matches!(
                    p.style.as_str(),
                    "Heading1" | "Heading2" | "NumberedParagraph"
                )
        })
        .filter_map(|p| {
            let label = p.label?;
            let start: String = p
                .text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            Some((p.style, label, start))
        })
        .collect()
}

#[test]
fn grouped_sections_are_numbered_within_their_group_in_the_pdf_and_in_word() {
    let (report, template) = example();
    assert_eq!(
        numbered_headings(&report, &template),
        [
            "1 Background",
            "2 Reasons for Recommendations",
            "3 Other Options Considered",
            "4 Consultation and Engagement",
            "5 Implications of the Recommendations",
            "5.1 Legal",
            "5.2 Finance",
            "5.3 Policy",
            "5.4 Equality, Diversity and Inclusion",
            "5.5 Human Resources",
            "5.6 Risk Management",
            "5.7 Climate Change",
        ]
    );
    let labels = paragraph_labels(&report, &template);
    for want in ["4.2", "5.1.1", "5.1.2", "5.2.1", "5.2.2", "5.2.3", "5.7.1"] {
        assert!(labels.contains(&want.to_string()), "{want} in {labels:?}");
    }
    assert!(
        !labels.iter().any(|l| l == "5.1" || l == "6.1"),
        "{labels:?}"
    );

    let (pdf_bytes, docx) = render(&report, &template);
    // Tags nest as the numbers do: the group H2, its sections H3, a
    // sub-heading inside one of them H4; the outline follows the tags.
    let parsed = pdf::load(&pdf_bytes);
    let roles: Vec<String> = pdf::elements(&parsed).into_iter().map(|(_, r)| r).collect();
    let count = |role: &str| roles.iter().filter(|r| *r == role).count();
    assert_eq!(
        count("H3"),
        7 + 4,
        "seven grouped sections, four back-matter headings: {roles:?}"
    );
    assert_eq!(count("H4"), 1, "the sub-heading in Finance: {roles:?}");

    // Word: real numbering, the group's sections at the section list's
    // second level and their paragraphs at its third, as Word counts them.
    let word = word_numbers(&docx);
    let find = |start: &str| {
        word.iter()
            .find(|(_, _, s)| s.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {word:?}"))
            .clone()
    };
    assert_eq!(find("Implications of the").0, "Heading1");
    assert_eq!(find("Implications of the").1, "5");
    assert_eq!(
        find("Finance"),
        ("Heading2".into(), "5.2".into(), "Finance".into())
    );
    assert_eq!(find("The proposals would").1, "5.2.1");
    assert_eq!(find("The higher contribution").1, "5.2.2");
    assert_eq!(find("Fewer single-pupil taxi").1, "5.7.1");
    assert_eq!(find("The consultation ran").1, "4.1");
    let sub = word::paragraphs(&docx)
        .into_iter()
        .find(|p| p.text == "Post-16 contributions")
        .unwrap();
    assert_eq!((sub.style.as_str(), sub.label), ("Heading3", None));
}

#[test]
fn an_other_section_written_after_a_grouped_one_follows_the_group() {
    let (mut report, template) = example();
    let legal = report
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Legal)
        .unwrap();
    report.sections.insert(
        legal + 1,
        Section {
            kind: SectionKind::Other,
            heading: Some("Procurement".into()),
            blocks: vec![Block::Paragraph(Text::from("The framework allows it."))],
            exempt: None,
            sign_off: None,
        },
    );
    let headings = numbered_headings(&report, &template);
    assert_eq!(headings[11], "5.7 Climate Change", "{headings:?}");
    assert_eq!(headings[12], "6 Procurement", "{headings:?}");
    let numbered = sections(&report, &template);
    let last = numbered.last().unwrap();
    assert_eq!((last.number, last.group), (6, None));
    assert_eq!(last.paragraphs[0].as_ref().unwrap().label, "6.1");
}

#[test]
fn a_grouped_section_the_report_leaves_out_leaves_no_gap() {
    let (mut report, template) = example();
    report
        .sections
        .retain(|s| !matches!(&s.kind, SectionKind::Standing(id) if id == "policy"));
    let headings = numbered_headings(&report, &template);
    assert_eq!(
        headings[7], "5.3 Equality, Diversity and Inclusion",
        "{headings:?}"
    );
    let (_, docx) = render(&report, &template);
    let word = word_numbers(&docx);
    assert!(
        word.iter().any(|(style, label, start)| style == "Heading2"
            && label == "5.3"
            && start.starts_with("Equality")),
        "{word:?}"
    );
    assert!(
        word.iter()
            .any(|(_, label, start)| label == "5.3.1" && start.starts_with("An equality")),
        "{word:?}"
    );
}

#[test]
fn groups_under_continuous_and_whole_report_numbering_print_the_same_numbers_in_word() {
    for numbering in [Numbering::Continuous, Numbering::WholeReport] {
        let (mut report, mut template) = example();
        template.numbering = numbering;
        // The example's references are to per-section numbers ("paragraph 5.2.1").
        for section in &mut report.sections {
            for block in &mut section.blocks {
                if let Block::Paragraph(text) = block {
                    if text.plain().contains("paragraph") {
                        *text = Text::from("This paragraph refers to no other.");
                    }
                }
            }
        }
        let composed: Vec<String> = paragraph_labels(&report, &template);
        let headings = numbered_headings(&report, &template);
        match numbering {
            Numbering::Continuous => {
                assert!(
                    headings.contains(&"5.2 Finance".to_string()),
                    "{headings:?}"
                );
                assert!(composed.iter().all(|l| !l.contains('.')), "{composed:?}");
            }
            _ => assert!(headings.is_empty(), "{headings:?}"),
        }
        let (_, docx) = render(&report, &template);
        let word: Vec<String> = word_numbers(&docx)
            .into_iter()
            .filter(|(style, _, _)| style == "NumberedParagraph")
            .map(|(_, label, _)| label)
            .collect();
        assert_eq!(word, composed, "{numbering:?}");
        let word_headings: Vec<String> = word_numbers(&docx)
            .into_iter()
            .filter(|(style, _, _)| style != "NumberedParagraph")
            .map(|(_, label, start)| format!("{label} {start}"))
            .collect();
        let composed_headings: Vec<String> = headings
            .iter()
            .map(|h| h.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(word_headings, composed_headings, "{numbering:?}");
    }
}

#[test]
fn references_to_grouped_paragraphs_resolve_and_a_missing_one_is_r7() {
    let (mut report, template) = example();
    assert!(findings(&report, &template).is_empty());
    let finance = report
        .sections
        .iter_mut()
        .find(|s| s.kind == SectionKind::Finance)
        .unwrap();
    finance.blocks.push(Block::Paragraph(Text::from(
        "See paragraph 5.2.9 for the detail.",
    )));
    // A grouped section's heading is numbered, so "paragraph 5.4" names it.
    finance.blocks.push(Block::Paragraph(Text::from(
        "Paragraph 5.4 sets out the equality impact.",
    )));
    let found = findings(&report, &template);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, _, message) = &found[0];
    assert_eq!(rule, "R7");
    // What exists is the whole group's range, not its first section's.
    assert!(
        message.contains("5.2.9") && message.contains("section 5 runs from 5.1.1 to 5.7.1"),
        "{message}"
    );
}

fn template_error(edit: impl Fn(&mut serde_json::Value)) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/templates/wexcombe.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut json);
    let text = serde_json::to_string(&json).unwrap();
    match Template::from_json(&text, None) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_template_whose_groups_or_sign_offs_cannot_print_is_refused_with_the_reason() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: [(&str, Edit); 8] = [
        (
            "not in `sections`",
            Box::new(|t| t["section_groups"][0]["sections"][0] = "crime_and_disorder".into()),
        ),
        (
            "is in a group twice",
            Box::new(|t| t["section_groups"][0]["sections"][1] = "legal".into()),
        ),
        (
            "section_groups[0].heading is empty",
            Box::new(|t| t["section_groups"][0]["heading"] = " ".into()),
        ),
        (
            "names no section",
            Box::new(|t| t["section_groups"][0]["id"] = "finance".into()),
        ),
        (
            "is a row of the implications table",
            Box::new(|t| {
                t["implications_table"] =
                    serde_json::json!({"heading": "Implications", "rows": ["legal"]})
            }),
        ),
        (
            "only with a `header_sign_off` column",
            Box::new(|t| {
                t.as_object_mut().unwrap().remove("header_sign_off");
            }),
        ),
        (
            "header_sign_off.sign_off_column is empty",
            Box::new(|t| t["header_sign_off"]["sign_off_column"] = "".into()),
        ),
        (
            "is a built-in row's",
            Box::new(|t| t["header_rows"][1]["custom"] = "wards".into()),
        ),
    ];
    for (want, edit) in cases {
        let e = template_error(edit);
        assert!(e.contains(want), "{want}: {e}");
    }
}

#[test]
fn a_bilingual_template_words_its_groups_in_both_languages() {
    let (report, mut template) = example();
    let wording = serde_json::json!({
        "language": "cy-GB",
        "council_name": "Cyngor Wexcombe",
        "section_headings": {},
        "recommendation_openings": {},
        "header_rows": template.header_rows,
        "labels": {}
    });
    let mut other: cabinet_report::template::Wording = serde_json::from_value(wording).unwrap();
    for s in &template.sections {
        other
            .section_headings
            .insert(s.kind.id().into(), format!("Adran {}", s.kind.id()));
    }
    other.recommendation_openings = template.recommendation_openings.clone();
    template.bilingual = Some(cabinet_report::template::Bilingual {
        first: template.language,
        other: other.clone(),
    });
    let Err(refused) = Renderer::new(template.clone()) else {
        panic!("a group without its Welsh heading was accepted");
    };
    let refused = refused.to_string();
    assert!(
        refused.contains("no heading for `implications`"),
        "{refused}"
    );

    other
        .section_headings
        .insert("implications".into(), "Goblygiadau".into());
    template.bilingual.as_mut().unwrap().other = other;
    Renderer::new(template.clone()).expect("accepted");
    let welsh = template
        .in_language(cabinet_report::model::Language::WelshUk)
        .unwrap();
    let headings = numbered_headings(&report, &welsh);
    assert!(
        headings.contains(&"5 Goblygiadau".to_string()),
        "{headings:?}"
    );
}

#[test]
fn the_header_block_prints_who_signed_each_row_off_in_its_own_column() {
    let (report, template) = example();
    let doc = compose(&report, &template, Audience::Public).unwrap();
    assert_eq!(
        doc.metadata_columns.as_ref().map(|c| c.as_slice()),
        Some(
            &[
                "Report details".to_string(),
                "Name and post".into(),
                "Signed off".into()
            ][..]
        )
    );
    let signed: Vec<(&str, String)> = doc
        .metadata
        .iter()
        .filter_map(|r| Some((r.label.as_str(), r.sign_off.as_ref()?.plain())))
        .collect();
    assert_eq!(
        signed,
        [
            ("Portfolio Holder", "24 March 2026".to_string()),
            (
                "Director approving submission of the report",
                "27 March 2026".into()
            ),
            ("Section 151 Officer", "26 March 2026".into()),
            ("Monitoring Officer", "26 March 2026".into()),
        ]
    );

    let (pdf_bytes, docx) = render(&report, &template);
    // PDF: a header row of three column headers over the rows' own headers.
    let parsed = pdf::load(&pdf_bytes);
    let elements = pdf::elements(&parsed);
    let scopes: Vec<String> = elements
        .iter()
        .filter(|(_, role)| role == "TH")
        .filter_map(|(id, _)| {
            let d = parsed.get_object(*id).ok()?.as_dict().ok()?;
            let a = pdf::dict(&parsed, d.get(b"A").ok()?);
            Some(pdf::name_of(a, b"Scope"))
        })
        .collect();
    assert_eq!(
        &scopes[..4],
        ["Column", "Column", "Column", "Row"],
        "{scopes:?}"
    );
    let text = pdf::paragraphs(&pdf_bytes).join("\n");
    assert!(text.contains("27 March 2026"), "{text}");
    // Word: the same three columns, the header row marked to repeat.
    let cells: Vec<String> = word::paragraphs(&docx)
        .into_iter()
        .filter(|p| p.in_table)
        .map(|p| p.text)
        .collect();
    let at = cells
        .iter()
        .position(|c| c == "Report details")
        .expect("header row");
    assert_eq!(
        cells[at + 1..at + 6],
        [
            "Name and post",
            "Signed off",
            "Portfolio Holder",
            "Councillor Tom Ashdown, Portfolio Holder for Children and Families",
            "24 March 2026"
        ]
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("<w:tblHeader/>"), "the header row repeats");
}

#[test]
fn sign_offs_the_template_needs_or_cannot_print_are_r3_and_r12() {
    let (mut report, template) = example();
    report.header_sign_offs.remove("section_151");
    report
        .header_sign_offs
        .insert("call_in".into(), "1 April 2026".into());
    report.header_sign_offs.insert("wards".into(), "   ".into());
    let found = findings(&report, &template);
    let has = |rule: &str, path: &str, words: &str| {
        found
            .iter()
            .any(|(r, p, m)| r == rule && p == path && m.contains(words))
    };
    assert!(
        has(
            "R3",
            "$.header_sign_offs",
            "`section_151` must be signed off"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "R12",
            "$.header_sign_offs.call_in",
            "prints no row `call_in`"
        ),
        "{found:?}"
    );
    assert!(
        has("R12", "$.header_sign_offs.wards", "is blank"),
        "{found:?}"
    );

    // A template without the column: any sign-off would be lost.
    let (report, _) = example();
    let found = findings(&report, &Template::tower_hamlets());
    assert!(
        found.iter().any(|(r, p, m)| r == "R12"
            && p == "$.header_sign_offs.lead_member"
            && m.contains("no sign-off column")),
        "{found:?}"
    );
}
