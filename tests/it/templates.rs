//! Templates that describe a council's own report: header rows, opening
//! lines, date style, standing sections by id and the implications table,
//! read back from the PDF's structure and the Word document.

use crate::common::{self, dump, pdf};
use cabinet_report::compose::{compose, Audience, NodeKind};
use cabinet_report::{RenderOptions, Renderer, Report, Template};
use std::path::Path;

const DISTRICT: &str = "hollinbrook-2026-03-12-leisure-contract.json";

fn district() -> (Report, Template) {
    common::example_with_template(DISTRICT)
}

fn render(report: &Report, template: &Template) -> (Vec<u8>, Vec<u8>) {
    common::render_example(report, template)
}

fn errors(report: &Report, template: &Template) -> Vec<(String, String, String)> {
    Renderer::new(template.clone())
        .unwrap()
        .check(report, Audience::Public)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| (d.rule.to_string(), d.path.clone(), d.message.clone()))
        .collect()
}

#[test]
fn a_district_template_prints_its_own_header_rows_opening_lines_and_dates() {
    let (report, template) = district();
    let doc = compose(&report, &template, Audience::Public).unwrap();
    let labels: Vec<&str> = doc.metadata.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Portfolio Holder",
            "Final Decision-Maker",
            "Director approving submission of the report",
            "Responsible officer",
            "Officers consulted",
            "Wards affected",
            "Key decision",
            "Date of report",
        ]
    );
    let (pdf_bytes, docx) = render(&report, &template);
    let said = pdf::paragraphs(&pdf_bytes).join("\n");
    let word = dump::docx(&docx);
    for text in [&said, &word] {
        assert!(text.contains("Public report"), "{text}");
        assert!(text.contains("Cabinet Report"), "{text}");
        assert!(text.contains("12th March 2026"), "{text}");
        assert!(text.contains("27th February 2026"), "{text}");
        assert!(
            text.contains("Yes – this report deals with income in excess of £1m"),
            "{text}"
        );
        assert!(text.contains("Sarah Whitlock, Director of Place"), "{text}");
        // The forward-plan notice stays on record without being printed.
        assert!(!text.contains("January 2026"), "{text}");
        assert!(!text.contains("Forward Plan"), "{text}");
    }
    // The notice date is still checked: 28 clear days before the meeting.
    let mut late = report.clone();
    late.key_decision.notice_published = Some(cabinet_report::model::Field::Value(
        cabinet_report::model::Date::parse_iso("2026-03-01").unwrap(),
    ));
    assert!(errors(&late, &template).iter().any(|e| e.0 == "R4"));
}

#[test]
fn the_implications_table_is_a_real_table_in_both_formats() {
    let (report, template) = district();
    let doc = compose(&report, &template, Audience::Public).unwrap();
    let table = doc
        .nodes()
        .find_map(|n| match &n.kind {
            NodeKind::Implications(t) => Some(t),
            _ => None,
        })
        .expect("an implications table");
    assert_eq!(table.columns, ["Implication", "Comments", "Signed off by"]);
    let rows: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        rows,
        [
            "Financial",
            "Legal",
            "Equalities",
            "Risk",
            "Crime and disorder",
            "Climate and nature"
        ]
    );
    // One numbered heading for the table, none for its rows; the section
    // after it (none here) would follow on.
    let headings: Vec<String> = doc
        .nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Heading {
                number: Some(n),
                text,
                ..
            } => Some(format!("{n} {text}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "1 Background",
            "2 Reasons for the recommendations",
            "3 Alternative options considered",
            "4 Consultation",
            "5 Implications"
        ]
    );

    let (pdf_bytes, docx) = render(&report, &template);
    let parsed = pdf::load(&pdf_bytes);
    let roles: Vec<String> = pdf::elements(&parsed).into_iter().map(|(_, r)| r).collect();
    // The evaluation table's 4 column headers, the implications table's 3
    // column headers and 6 row headers, and the 8 metadata row headers.
    let th = roles.iter().filter(|r| *r == "TH").count();
    assert_eq!(th, 4 + 3 + 6 + 8, "{roles:?}");
    let word = dump::docx(&docx);
    for cell in [
        "Signed off by",
        "Amrit Dhillon, Chief Finance Officer, 25 February 2026",
        "Climate and nature",
    ] {
        assert!(
            word.lines().any(|l| l.contains("| ") && l.contains(cell)),
            "{cell} is not a table cell in Word:\n{word}"
        );
    }
}

#[test]
fn a_section_kind_the_template_lacks_is_an_error_naming_the_ones_it_has() {
    let json = cabinet_report::model::SAMPLE_JSON.replacen(
        "\"kind\": \"details\"",
        "\"kind\": \"crime_and_disorder\"",
        1,
    );
    assert_ne!(json, cabinet_report::model::SAMPLE_JSON);
    let report = Report::from_json(&json).unwrap();
    let t = Template::tower_hamlets();
    let e = errors(&report, &t);
    let found = e.iter().find(|e| e.1.ends_with(".kind")).expect("{e:?}");
    assert_eq!(found.0, "R12");
    assert!(found.2.contains("crime_and_disorder"), "{}", found.2);
    assert!(
        found.2.contains("reasons, alternative_options, details"),
        "{}",
        found.2
    );
    assert!(Renderer::new(t)
        .unwrap()
        .pdf(&report, &RenderOptions::default())
        .is_err());
    // A malformed kind is refused where it is written.
    let bad = cabinet_report::model::SAMPLE_JSON.replacen(
        "\"kind\": \"details\"",
        "\"kind\": \"Crime & Disorder\"",
        1,
    );
    let e = Report::from_json(&bad).unwrap_err().to_string();
    assert!(
        e.contains("sections[") && e.contains("not a section kind"),
        "{e}"
    );
}

#[test]
fn reports_must_fill_the_templates_rows_and_sign_offs() {
    let (report, template) = district();
    assert_eq!(errors(&report, &template), []);

    let mut r = report.clone();
    r.header_rows.remove("director_approving");
    r.header_rows.insert(
        "wards_afected".into(),
        cabinet_report::model::Lines(vec!["x".into()]),
    );
    r.sections[4].sign_off = None;
    r.sections[0].sign_off = Some("Martin Osei".into());
    r.sections[5]
        .blocks
        .push(cabinet_report::model::Block::Subheading("Note".into()));
    let mut e: Vec<(String, String)> = errors(&r, &template)
        .into_iter()
        .map(|e| (e.0, e.1))
        .collect();
    e.sort();
    assert_eq!(
        e,
        [
            ("R12".to_string(), "$.header_rows.wards_afected".to_string()),
            ("R12".into(), "$.sections[0].sign_off".into()),
            ("R12".into(), "$.sections[5].blocks[1]".into()),
            ("R3".into(), "$.header_rows".into()),
            ("R3".into(), "$.sections[4].sign_off".into()),
        ]
    );
}

#[test]
fn a_template_is_refused_for_what_it_would_print_wrong() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/templates/hollinbrook.json");
    let json = std::fs::read_to_string(path).unwrap();
    let refused = |from: &str, to: &str| {
        let changed = json.replacen(from, to, 1);
        assert_ne!(changed, json, "{from}");
        Template::from_json(&changed, None).unwrap_err().to_string()
    };
    let e = refused("\"open\": \"Public\"", "\"open\": \" \"");
    assert!(e.contains("labels.open is empty"), "{e}");
    let e = refused("\"label\": \"Final Decision-Maker\", ", "");
    assert!(e.contains("needs a label"), "{e}");
    let e = refused(
        "\"row\": \"wards\"",
        "\"row\": \"wards\", \"custom\": \"wards_list\"",
    );
    assert!(e.contains("not both"), "{e}");
    let e = refused("{meeting} Report", "{committee} Report");
    assert!(e.contains("{committee}"), "{e}");
    let e = refused("\"rows\": [\"finance\"", "\"rows\": [\"audit\"");
    assert!(
        e.contains("`audit`") && e.contains("not in `sections`"),
        "{e}"
    );
    assert!(Template::from_json(&json, None).is_ok());
}
