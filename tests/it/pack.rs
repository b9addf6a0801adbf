//! The agenda pack (issue 15): one tagged PDF built from the typed reports,
//! its front sheet's page ranges where the items really start, page labels
//! equal to the printed numbers, no Part 2 content in the public pack, and
//! each pack rule (M1 … M5) found where it applies.

use crate::common::pdf::{catalog, deref, dict, load, text_of};
use cabinet_report::meeting::Meeting;
use cabinet_report::{
    Audience, Diagnostic, Error, RenderOptions, RenderedPack, Renderer, Template,
};
use std::path::{Path, PathBuf};

const MEETINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/meetings");
const WITH_PART2: &str = "northmere-2026-02-11-cabinet.json";
const WITH_SUPPLEMENT: &str = "northmere-2026-01-21-cabinet.json";

fn meeting(name: &str) -> Meeting {
    Meeting::from_json_bytes(&std::fs::read(Path::new(MEETINGS).join(name)).unwrap()).unwrap()
}

fn renderer(m: &Meeting) -> Renderer {
    let t = Template::for_report(m.template.as_deref(), Some(Path::new(MEETINGS))).unwrap();
    Renderer::new(t).unwrap()
}

fn options(audience: Audience) -> RenderOptions {
    RenderOptions {
        audience,
        report_dir: Some(PathBuf::from(MEETINGS)),
        ..RenderOptions::default()
    }
}

fn pack(name: &str, audience: Audience) -> RenderedPack {
    let m = meeting(name);
    renderer(&m).pack(&m, &options(audience)).unwrap()
}

fn check(m: &Meeting) -> Vec<Diagnostic> {
    renderer(m).check_pack(m, &options(Audience::Public))
}

fn errors(m: &Meeting, rule: &str) -> Vec<String> {
    check(m)
        .into_iter()
        .filter(|d| d.is_error() && d.rule == rule)
        .map(|d| format!("{} {}", d.path, d.message))
        .collect()
}

/// pdftotext's text of each page, or None without pdftotext.
fn pages_text(pdf: &[u8], dir: &Path) -> Option<Vec<String>> {
    let file = dir.join("pack.pdf");
    std::fs::write(&file, pdf).unwrap();
    let (ok, out) = crate::common::tool("pdftotext", &["-layout", "-enc", "UTF-8"], &file)?;
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(file.with_extension("txt")).unwrap();
    Some(text.split('\u{c}').map(str::to_string).collect())
}

#[test]
fn the_front_sheet_says_where_each_item_really_starts_and_every_page_prints_its_pack_number() {
    let dir = tempfile::tempdir().unwrap();
    for (name, audience) in [
        (WITH_PART2, Audience::Public),
        (WITH_PART2, Audience::Full),
        (WITH_SUPPLEMENT, Audience::Public),
        (WITH_SUPPLEMENT, Audience::Full),
    ] {
        let out = pack(name, audience);
        let m = meeting(name);
        let doc = load(&out.pdf);
        let page_count = doc.get_pages().len();
        let with_pages: Vec<_> = out.items.iter().filter(|i| i.pages.is_some()).collect();
        assert!(with_pages.len() >= 2, "{name}: {:?}", out.items);
        // The items follow one another with no gap and end on the last page.
        let mut next = None;
        for item in &with_pages {
            let (first, last) = item.pages.unwrap();
            if let Some(n) = next {
                assert_eq!(first, n, "{name}: item {} does not follow on", item.number);
            }
            next = Some(last + 1);
        }
        assert_eq!(next, Some(page_count + 1), "{name}");

        // Page labels: one range, decimal from 1, so labels equal the printed numbers.
        let labels = dict(&doc, catalog(&doc).get(b"PageLabels").expect("page labels"));
        let nums = deref(&doc, labels.get(b"Nums").unwrap())
            .as_array()
            .unwrap();
        assert_eq!(nums.len(), 2, "one range for the whole pack");
        assert_eq!(nums[0].as_i64().unwrap(), 0);
        let style = dict(&doc, &nums[1]);
        assert_eq!(style.get(b"S").unwrap().as_name().unwrap(), b"D");
        assert!(style.get(b"St").is_err() && style.get(b"P").is_err());

        let Some(pages) = pages_text(&out.pdf, dir.path()) else {
            continue;
        };
        for n in 1..=page_count {
            let footer = pages[n - 1]
                .lines()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .join("\n");
            assert!(
                footer.contains(&format!("Page {n}")),
                "{name}: page {n} does not print its pack number:\n{footer}"
            );
        }
        let front = pages[..with_pages[0].pages.unwrap().0 - 1].join("\n");
        for (i, item) in out.items.iter().enumerate() {
            let Some((first, last)) = item.pages else {
                continue;
            };
            let range = if first == last {
                format!("Page {first}")
            } else {
                format!("Pages {first} \u{2013} {last}")
            };
            assert!(
                front.contains(&range),
                "{name}: the agenda lacks {range}:\n{front}"
            );
            // The page the agenda names opens the item's report, which prints its item number.
            let opening = &pages[first - 1];
            assert!(
                opening.contains(&format!("Agenda item {}", item.number)),
                "{name}: page {first} is not where item {} starts:\n{opening}",
                item.number
            );
            let _ = &m.items[i];
        }
    }
}

#[test]
fn one_structure_tree_one_outline_entry_per_item_and_links_to_the_items() {
    let out = pack(WITH_PART2, Audience::Full);
    let doc = load(&out.pdf);
    let cat = catalog(&doc);
    assert_eq!(text_of(&doc, cat, b"Lang").as_deref(), Some("en-GB"));
    let parts = crate::common::pdf::elements(&doc)
        .into_iter()
        .filter(|(_, role)| role == "Part")
        .count();
    let reports = out.items.iter().filter(|i| i.pages.is_some()).count();
    assert_eq!(
        parts,
        reports + 1,
        "a Part for the front sheet and each report"
    );

    let outlines = dict(&doc, cat.get(b"Outlines").unwrap());
    let mut at = outlines.get(b"First").ok();
    let mut titles = Vec::new();
    while let Some(o) = at {
        let d = dict(&doc, o);
        titles.push(text_of(&doc, d, b"Title").unwrap());
        at = d.get(b"Next").ok();
    }
    assert_eq!(titles.len(), reports + 1, "{titles:?}");
    assert_eq!(titles[0], "Agenda");
    assert!(titles[3].starts_with("7. Eastgate Depot"), "{titles:?}");

    // Each range on the front sheet is a link that goes to its item's first page.
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let mut targets = Vec::new();
    for annot in doc.get_page_annotations(pages[0]).unwrap_or_default() {
        let action = dict(&doc, annot.get(b"A").unwrap());
        assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
        let dest = deref(&doc, action.get(b"D").unwrap()).as_array().unwrap();
        let target = dest[0].as_reference().unwrap();
        targets.push(pages.iter().position(|&p| p == target).unwrap() + 1);
    }
    let starts: Vec<usize> = out
        .items
        .iter()
        .filter_map(|i| i.pages)
        .map(|p| p.0)
        .collect();
    // Page 1 holds the first entries; every link on it goes to a start.
    assert!(
        !targets.is_empty() && targets.iter().all(|t| starts.contains(t)),
        "{targets:?} {starts:?}"
    );
}

/// Words only the Part 2 report holds: its price, bidders and terms.
const PART2_WORDS: [&str; 4] = [
    "Harbourline",
    "Castlegate Living",
    "3,415,000",
    "longstop date of 31 March 2027",
];

#[test]
fn the_public_pack_holds_nothing_of_a_part_2_report_and_the_full_pack_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let public = pack(WITH_PART2, Audience::Public);
    let places = crate::public_edition::pdf_places(&public.pdf, dir.path());
    for word in PART2_WORDS {
        let found = crate::public_edition::found(&places, word);
        assert!(
            found.is_empty(),
            "{word:?} is in the public pack: {found:?}"
        );
    }
    // The agenda entry and the notice are public.
    let text = crate::common::pdf::paragraphs(&public.pdf).join("\n");
    assert!(text.contains("7. Eastgate Depot: preferred bidder and heads of terms"));
    assert!(
        text.contains("Item 7: Eastgate Depot: preferred bidder and heads of terms (paragraph 3)")
    );
    // An exempt appendix inside a public item keeps its notice.
    assert!(text.contains("is not for publication"), "{text}");
    assert!(public.items[6].pages.is_none());

    let full = pack(WITH_PART2, Audience::Full);
    let places = crate::public_edition::pdf_places(&full.pdf, dir.path());
    for word in PART2_WORDS {
        assert!(
            !crate::public_edition::found(&places, word).is_empty(),
            "{word:?} missing from the full pack"
        );
    }
    assert!(full.items[6].pages.is_some());
}

#[test]
fn the_word_front_sheet_passes_the_schema_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in [WITH_PART2, WITH_SUPPLEMENT] {
        let out = pack(name, Audience::Public);
        let file = dir.path().join(name.replace(".json", "-agenda.docx"));
        std::fs::write(&file, &out.agenda_docx).unwrap();
        let paras: Vec<String> = crate::common::word::paragraphs(&out.agenda_docx)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert!(paras.iter().any(|p| p.starts_with("Pages ")), "{paras:?}");
        let problems = crate::common::word::package_problems(&out.agenda_docx);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        files.push(file);
    }
    if let Some(result) = crate::common::word_schema_check(&files) {
        result.unwrap();
    }
}

#[test]
fn m1_a_report_for_another_meeting_is_found() {
    let mut m = meeting(WITH_SUPPLEMENT);
    m.date = cabinet_report::model::Date::parse_iso("2026-01-28").unwrap();
    let found = errors(&m, "M1");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("$.items[3].report") && found[0].contains("21 January 2026"));
}

#[test]
fn m2_numbers_repeated_or_out_of_order_are_found() {
    let mut m = meeting(WITH_PART2);
    m.items[1].number = Some("1".into());
    m.items[2].number = Some("10".into());
    let found = errors(&m, "M2");
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("$.items[1].number") && f.contains("twice")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("$.items[3].number") && f.contains("comes after item 10")),
        "{found:?}"
    );
    assert!(errors(&meeting(WITH_PART2), "M2").is_empty());
}

#[test]
fn m3_a_part_2_item_before_a_public_one_or_without_a_paragraph_is_found() {
    let mut m = meeting(WITH_PART2);
    m.items.swap(5, 6);
    m.items[5].number = Some("6".into());
    m.items[6].number = Some("7".into());
    let found = errors(&m, "M3");
    assert!(
        found.iter().any(|f| f.starts_with("$.items[6] ")),
        "{found:?}"
    );
    let mut m = meeting(WITH_PART2);
    m.items[6].exempt.as_mut().unwrap().paragraphs = vec![14];
    assert!(errors(&m, "M3")[0].contains("paragraph 14"));
    assert!(errors(&meeting(WITH_PART2), "M3").is_empty());
}

#[test]
fn m4_part_2_items_need_the_private_meeting_notice() {
    let mut m = meeting(WITH_PART2);
    m.notices.private_meeting = None;
    assert_eq!(errors(&m, "M4").len(), 1);
    assert!(errors(&meeting(WITH_PART2), "M4").is_empty());
}

#[test]
fn m5_an_unreadable_report_or_a_half_item_is_found_and_nothing_is_rendered() {
    let mut m = meeting(WITH_SUPPLEMENT);
    m.items[3].report = Some("reports/no-such-report.json".into());
    m.items[0].text = None;
    let found = errors(&m, "M5");
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("$.items[3].report") && f.contains("no-such-report")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.starts_with("$.items[0] ")),
        "{found:?}"
    );
    assert!(matches!(
        renderer(&m).pack(&m, &options(Audience::Public)),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn a_reports_own_findings_name_its_item_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(MEETINGS);
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    // The templates sit beside the meetings' folder, as in examples/.
    let t = std::fs::read(src.join("../templates/northmere.json")).unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(meetings.join("reports")).unwrap();
    std::fs::write(dir.path().join("templates/northmere.json"), t).unwrap();
    for f in std::fs::read_dir(src.join("reports")).unwrap() {
        let f = f.unwrap().path();
        let mut text = std::fs::read_to_string(&f).unwrap();
        if f.ends_with("northmere-2026-01-21-budget-monitoring-q2.json") {
            text = text.replacen("\"title\": \"", "\"title\": \"[Insert title] ", 1);
        }
        std::fs::write(meetings.join("reports").join(f.file_name().unwrap()), text).unwrap();
    }
    let m = meeting(WITH_SUPPLEMENT);
    let renderer = renderer(&m);
    let options = RenderOptions {
        report_dir: Some(meetings),
        ..RenderOptions::default()
    };
    let found: Vec<String> = renderer
        .check_pack(&m, &options)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        found.iter().any(|d| d
            .contains("reports/northmere-2026-01-21-budget-monitoring-q2.json $.title")
            && d.contains("item 5:")),
        "{found:?}"
    );
}

/// A Welsh council's front sheet is worded from its template's labels, as
/// its reports are: nothing of the English wording is left on it, the day
/// and month are Welsh, and the pack says it is in Welsh.
#[test]
fn a_welsh_councils_front_sheet_is_in_welsh() {
    let reports = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
    let m = Meeting::from_json(
        r#"{
  "template": "../templates/glyndaf.json",
  "body": "cabinet",
  "date": "2026-03-17",
  "time": "10.00 am",
  "venue": "Siambr y Cyngor, Neuadd y Sir",
  "published": "2026-03-09",
  "members": {
    "chair": { "name": "Y Cynghorydd Rhys Pritchard", "role": "Arweinydd y Cyngor" },
    "vice_chair": { "name": "Y Cynghorydd Elen Vaughan", "role": "Dirprwy Arweinydd" },
    "members": [{ "name": "Y Cynghorydd Siân Huws", "role": "Aelod Cabinet dros Gyllid" }]
  },
  "items": [
    { "number": "1", "title": "Ymddiheuriadau", "text": "Derbyn ymddiheuriadau am absenoldeb." },
    { "number": "7", "report": "glyndaf-2026-03-17-grantiau-canol-trefi.json", "supplementary": true }
  ],
  "notices": { "contact": "Gwasanaethau Democrataidd, 01234 567890." }
}"#,
    )
    .unwrap();
    let t = Template::for_report(m.template.as_deref(), Some(&reports)).unwrap();
    let options = RenderOptions {
        audience: Audience::Public,
        report_dir: Some(reports.clone()),
        ..RenderOptions::default()
    };
    let out = Renderer::new(t).unwrap().pack(&m, &options).unwrap();
    let word = crate::common::dump::docx(&out.agenda_docx);
    for welsh in [
        "Dydd Mawrth 17 Mawrth 2026",
        "Lleoliad:",
        "Cadeirydd",
        "Is-gadeirydd",
        "Aelodau",
        "Cyhoeddwyd yr agenda",
        "9 Mawrth 2026",
        "Eitem atodol",
        "Adroddiad gan Gareth Llywelyn",
        "Hysbysiadau",
        "Ynglŷn â’r agenda hon",
    ] {
        assert!(
            word.contains(welsh),
            "no “{welsh}” in the Welsh front sheet:\n{word}"
        );
    }
    for english in [
        "Venue",
        "Chair",
        "Members",
        "published",
        "Supplementary",
        "Report of",
        "Notices",
        "About this",
        "Tuesday",
        "March",
    ] {
        assert!(
            !word.contains(english),
            "English “{english}” on the Welsh front sheet:\n{word}"
        );
    }
    let header = crate::common::dump::pdf_header(&out.pdf);
    assert!(header.contains("Lang: cy-GB"), "{header}");
    assert!(
        header.contains("Title: Cabinet, 17 Mawrth 2026: pecyn agenda"),
        "{header}"
    );
    let pack = crate::common::dump::pack(&out.pdf);
    assert!(pack.contains("Tudalennau "), "{pack}");
}
