//! The example reports in `examples/reports/` are what template authors and
//! clerks copy from, and what the golden files are made of. Each must load,
//! find its template, pass the validator, and stay coherent the way a clerk
//! would check it by hand: dates, notice, references, totals, exempt parts.
//! Each also keeps the shape it exists to show (part exempt, finance tables,
//! lettered appendices, Welsh continuous numbering, a second brand).

use cabinet_report::compose::numbering::{appendix_label, paragraph_labels};
use cabinet_report::compose::{compose, Audience, Classification, Document, NodeKind};
use cabinet_report::model::Language;
use cabinet_report::model::{
    placeholder, Block, Body, Field, KeyReason, Papers, Route, SectionKind, Urgency, Wards, YesNo,
};
use cabinet_report::template::{AppendixStyle, HeadingCase, Jurisdiction, Numbering};
use cabinet_report::validate::validate;
use cabinet_report::{amount, Report, Template};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn reports_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports")
}

struct Example {
    name: String,
    report: Report,
    template: Template,
}

fn load(file: &Path) -> Example {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let json = std::fs::read_to_string(file).unwrap();
    let report = Report::from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let template = Template::for_report(report.template.as_deref(), file.parent())
        .unwrap_or_else(|e| panic!("{name}: template: {e}"));
    Example {
        name,
        report,
        template,
    }
}

fn all() -> Vec<Example> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(reports_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.iter().map(|f| load(f)).collect()
}

fn example(file: &str) -> Example {
    load(&reports_dir().join(file))
}

const SAMPLE: &str = "tower-hamlets-2019-07-31-ilacs.json";
const PART_EXEMPT: &str = "northmere-2026-01-21-eastgate-depot-disposal.json";
const FINANCE: &str = "northmere-2025-11-19-budget-monitoring-q2.json";
const MANY_RECS: &str = "northmere-2026-02-11-council-tax-support.json";
const WELSH: &str = "bro-tawel-2026-03-04-community-hubs.json";
const SECOND_BRAND: &str = "ashcombe-vale-2026-02-25-air-quality-consultation.json";
const SEPARATE_EXEMPT: &str = "kingsmere-2026-03-18-leisure-contract.json";
const DISTRICT: &str = "hollinbrook-2026-03-12-leisure-contract.json";
const CITY_FINANCE: &str = "ravensford-2026-03-18-capital-programme-and-reserves.json";
const CYMRAEG: &str = "glyndaf-2026-03-17-grantiau-canol-trefi.json";
const BILINGUAL: &str = "dyfnant-2026-03-24-toiledau-cymunedol.json";
const GROUPED: &str = "wexcombe-2026-04-14-home-to-school-transport.json";

#[test]
fn every_example_is_here_and_passes_the_validator() {
    let names: BTreeSet<String> = all().into_iter().map(|e| e.name).collect();
    for want in [
        SAMPLE,
        PART_EXEMPT,
        FINANCE,
        MANY_RECS,
        WELSH,
        SECOND_BRAND,
        SEPARATE_EXEMPT,
        DISTRICT,
        CITY_FINANCE,
        CYMRAEG,
        BILINGUAL,
        GROUPED,
    ] {
        assert!(
            names.contains(want),
            "missing example {want}; have {names:?}"
        );
    }
    for ex in all() {
        for audience in [Audience::Public, Audience::Full] {
            let errors: Vec<String> = validate(&ex.report, &ex.template, audience)
                .into_iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", ex.name);
        }
        // Round trip: what a Rust service would write back is the same report.
        let again = Report::from_json(&ex.report.to_json()).unwrap();
        assert_eq!(again, ex.report, "{}", ex.name);
    }
}

// ---------------------------------------------------------------------------
// A clerk's checks by hand, done by machine so the examples cannot drift.

/// Every string the author wrote, with its JSON path.
fn strings(v: &Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((path, s.clone())),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| strings(x, format!("{path}.{k}"), out)),
        _ => {}
    }
}

fn authored(report: &Report) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(&report.to_json()).unwrap();
    let mut out = Vec::new();
    strings(&v, "$".into(), &mut out);
    out
}

#[test]
fn no_example_has_unfilled_template_text() {
    for ex in all() {
        for (path, s) in authored(&ex.report) {
            if let Some(found) = placeholder::find(&s) {
                panic!("{} {path}: {} `{}`", ex.name, found.kind, found.text);
            }
            for guidance in ["delete as applicable", "notes in blue", "insert ", "lorem"] {
                assert!(
                    !s.to_lowercase().contains(guidance),
                    "{} {path}: `{s}`",
                    ex.name
                );
            }
        }
    }
}

/// A cross-reference found in running text.
#[derive(Debug)]
struct Reference {
    kind: &'static str,
    label: String,
    path: String,
}

/// "Appendix B", "Appendices B and C", "paragraph 3.4", "paragraphs 3.4 to 3.6",
/// "recommendation 2". A list followed by " of" or "(" points into another
/// document ("paragraph 3 of Part 1 of Schedule 12A") and is skipped.
fn references(path: &str, text: &str) -> Vec<Reference> {
    // English, and the Welsh of the Welsh-language example.
    let words: [(&str, &'static str); 12] = [
        ("atodiadau", "appendix"),
        ("atodiad", "appendix"),
        ("paragraffau", "paragraph"),
        ("paragraff", "paragraph"),
        ("argymhellion", "recommendation"),
        ("argymhelliad", "recommendation"),
        ("appendices", "appendix"),
        ("appendix", "appendix"),
        ("paragraphs", "paragraph"),
        ("paragraph", "paragraph"),
        ("recommendations", "recommendation"),
        ("recommendation", "recommendation"),
    ];
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while at < lower.len() {
        let Some((word, kind)) = words
            .iter()
            .filter_map(|&(w, k)| lower[at..].find(w).map(|i| (at + i, w, k)))
            .min_by_key(|&(i, w, _)| (i, usize::MAX - w.len()))
            .map(|(i, w, k)| ((i, w), k))
        else {
            break;
        };
        let (start, w) = word;
        at = start + w.len();
        if lower[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let mut labels = Vec::new();
        let mut rest = &text[at..];
        while let Some(r) = rest.strip_prefix(' ') {
            let token: String = r
                .chars()
                .take_while(|c| {
                    if kind == "appendix" {
                        c.is_ascii_uppercase() || c.is_ascii_digit()
                    } else {
                        c.is_ascii_digit() || *c == '.'
                    }
                })
                .collect();
            let token = token.trim_end_matches('.').to_string();
            let after = &r[token.len()..];
            if token.is_empty() || after.starts_with(char::is_alphanumeric) {
                break;
            }
            labels.push(token);
            rest = after;
            let mut joined = false;
            for sep in [",", " and", " to", " –"] {
                if let Some(r) = rest.strip_prefix(sep) {
                    rest = r;
                    joined = true;
                    break;
                }
            }
            if !joined {
                break;
            }
        }
        let external = rest.starts_with(" of ") || rest.starts_with('(');
        if !external {
            out.extend(labels.into_iter().map(|label| Reference {
                kind,
                label,
                path: path.to_string(),
            }));
        }
    }
    out
}

#[test]
fn reference_finder_reads_council_phrasing() {
    let found = |s: &str| -> Vec<String> {
        references("$", s)
            .into_iter()
            .map(|r| format!("{} {}", r.kind, r.label))
            .collect()
    };
    assert_eq!(
        found("see Appendices B and C."),
        ["appendix B", "appendix C"]
    );
    assert_eq!(
        found("in paragraph 6.3, as recommendation 2 says"),
        ["paragraph 6.3", "recommendation 2"]
    );
    assert_eq!(
        found("paragraphs 3 and 5 of Part 1 of Schedule 12A"),
        Vec::<String>::new()
    );
    assert_eq!(found("the recommendations are"), Vec::<String>::new());
    assert_eq!(
        found("paragraphs 12 to 14."),
        ["paragraph 12", "paragraph 14"]
    );
}

#[test]
fn every_reference_resolves_and_every_appendix_is_referred_to() {
    for ex in all() {
        let paragraphs = paragraph_labels(&ex.report, &ex.template);
        let appendices: Vec<String> = (0..ex.report.appendices.len())
            .map(|i| appendix_label(ex.template.appendices, i))
            .collect();
        let mut cited = BTreeSet::new();
        for (path, s) in authored(&ex.report) {
            if path.starts_with("$.template") || path.ends_with(".src") {
                continue;
            }
            for r in references(&path, &s) {
                let ok = match r.kind {
                    "appendix" => appendices.contains(&r.label),
                    "paragraph" => paragraphs.contains(&r.label),
                    _ => r
                        .label
                        .parse::<usize>()
                        .is_ok_and(|n| (1..=ex.report.recommendations.len()).contains(&n)),
                };
                assert!(
                    ok,
                    "{} {}: {} {} does not resolve",
                    ex.name, r.path, r.kind, r.label
                );
                // An appendix citing itself does not count as being referred to.
                if r.kind == "appendix" && !r.path.starts_with("$.appendices") {
                    cited.insert(r.label);
                }
            }
        }
        if ex.name == SAMPLE {
            continue; // faithful to the published report, which never cites its appendix
        }
        for label in &appendices {
            assert!(
                cited.contains(label),
                "{}: Appendix {label} is never referred to",
                ex.name
            );
        }
    }
}

fn all_tables(blocks: &[Block], out: &mut Vec<cabinet_report::model::Table>) {
    for b in blocks {
        if let Block::Table(t) = b {
            out.push(t.clone());
        }
    }
}

fn tables(report: &Report) -> Vec<cabinet_report::model::Table> {
    let mut out = Vec::new();
    all_tables(&report.summary, &mut out);
    report
        .recommendations
        .iter()
        .for_each(|r| all_tables(&r.blocks, &mut out));
    report
        .sections
        .iter()
        .for_each(|s| all_tables(&s.blocks, &mut out));
    report
        .appendices
        .iter()
        .for_each(|a| all_tables(&a.blocks, &mut out));
    out
}

#[test]
fn stated_totals_add_up() {
    for ex in all() {
        for t in tables(&ex.report) {
            let Some(total) = &t.total else { continue };
            assert_eq!(total.len(), t.columns.len(), "{}: total row width", ex.name);
            for (c, cell) in total.iter().enumerate() {
                let Some(stated) = amount::parse(&cell.plain()) else {
                    continue;
                };
                // Subtotals repeat the rows above them; a blank cell is nothing.
                let sum: f64 = t
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(i, r)| !t.subtotal_rows.contains(i) && !r[c].is_blank())
                    .map(|(_, r)| {
                        amount::parse(&r[c].plain()).unwrap_or_else(|| {
                            panic!(
                                "{}: `{}` in a totalled column is not an amount",
                                ex.name,
                                r[c].plain()
                            )
                        })
                    })
                    .sum();
                assert!(
                    (sum - stated).abs() < 0.5,
                    "{}: column {:?} states {stated} but adds to {sum}",
                    ex.name,
                    t.columns[c].heading.plain()
                );
            }
        }
    }
}

#[test]
fn dates_notice_and_key_decision_are_coherent() {
    for ex in all() {
        let r = &ex.report;
        let meeting = r.meeting.date;
        if let Some(d) = r.report_date {
            assert!(d <= meeting, "{}: report dated after the meeting", ex.name);
        }
        let key = &r.key_decision;
        match key.answer {
            Field::Value(YesNo::Yes) => {
                let reasons = key
                    .reasons
                    .as_ref()
                    .and_then(Field::value)
                    .expect("reasons");
                assert!(!reasons.is_empty(), "{}", ex.name);
                if reasons.contains(&KeyReason::TwoOrMoreWards) {
                    assert!(
                        match &r.wards {
                            Wards::All => true,
                            Wards::Listed(w) => w.len() >= 2,
                        },
                        "{}: two-or-more-wards reason with fewer wards",
                        ex.name
                    );
                }
                let notice = *key
                    .notice_published
                    .as_ref()
                    .and_then(Field::value)
                    .expect("notice");
                assert!(
                    notice.clear_days_before(meeting) >= 28 || key.urgency.is_some(),
                    "{}: only {} clear days' notice",
                    ex.name,
                    notice.clear_days_before(meeting)
                );
            }
            Field::Value(YesNo::No) => {
                assert!(
                    key.reasons.is_none() && key.notice_published.is_none(),
                    "{}",
                    ex.name
                );
                // W3: nothing over the threshold in a report marked non-key. The
                // sample keeps the reference's wording: its £5.2m is past growth,
                // not this decision's spending, and W3 rightly asks a clerk to look.
                if ex.name == SAMPLE {
                    continue;
                }
                let limit = ex.template.key_decision_threshold as f64;
                for (path, s) in authored(r) {
                    for v in amount::pounds_in(&s) {
                        assert!(v < limit, "{} {path}: £{v} in a non-key report", ex.name);
                    }
                }
            }
            Field::Unfilled(_) => panic!("{}: key decision unanswered", ex.name),
        }
        if let Some(Urgency::SpecialUrgency { agreed_by, .. }) = &key.urgency {
            assert!(!agreed_by.trim().is_empty());
        }
    }
}

#[test]
fn mandatory_sections_and_back_matter_are_present() {
    for ex in all() {
        let r = &ex.report;
        for s in ex.template.sections.iter().filter(|s| s.mandatory) {
            let have = r.sections.iter().find(|x| x.kind == s.kind);
            assert!(
                have.is_some_and(|x| !x.blocks.is_empty()),
                "{}: mandatory section {:?} missing or empty",
                ex.name,
                s.kind
            );
        }
        assert!(
            r.background_papers.is_some(),
            "{}: background papers not given",
            ex.name
        );
        assert!(
            !r.recommendations.is_empty(),
            "{}: no recommendations",
            ex.name
        );
        let words = r.summary.iter().map(block_words).sum::<usize>();
        assert!(
            words <= ex.template.summary_word_limit as usize,
            "{}: summary has {words} words",
            ex.name
        );
    }
}

fn block_words(b: &Block) -> usize {
    match b {
        Block::Paragraph(t) | Block::Continuation(t) | Block::Quote(t) | Block::Subheading(t) => {
            t.plain().split_whitespace().count()
        }
        Block::Bullets(items) | Block::NumberedList(items) => items
            .iter()
            .map(|t| t.plain().split_whitespace().count())
            .sum(),
        _ => 0,
    }
}

#[test]
fn exempt_parts_cite_the_jurisdictions_paragraphs_with_reasons() {
    for ex in all() {
        let range = ex.template.jurisdiction.exempt_paragraphs();
        let r = &ex.report;
        let exemptions = r
            .exempt
            .iter()
            .chain(r.sections.iter().filter_map(|s| s.exempt.as_ref()))
            .chain(r.appendices.iter().filter_map(|a| a.exempt.as_ref()));
        for e in exemptions {
            assert!(!e.paragraphs.is_empty(), "{}", ex.name);
            assert!(
                e.paragraphs.iter().all(|p| range.contains(p)),
                "{}: {:?}",
                ex.name,
                e.paragraphs
            );
            assert!(
                e.public_interest.split_whitespace().count() >= 20,
                "{}",
                ex.name
            );
        }
    }
}

// ---------------------------------------------------------------------------
// What each example is for.

/// All words of a composed document, in reading order.
fn words(doc: &Document) -> String {
    fn text(t: &cabinet_report::compose::Text, out: &mut String) {
        out.push_str(&t.plain());
        out.push('\n');
    }
    let mut out = String::new();
    for row in &doc.metadata {
        out.push_str(&row.label);
        out.push('\n');
        row.lines.iter().for_each(|t| text(t, &mut out));
    }
    for node in doc.nodes() {
        match &node.kind {
            NodeKind::Heading { text: t, .. } => {
                out.push_str(t);
                out.push('\n');
            }
            NodeKind::Paragraph { text: t, .. }
            | NodeKind::Quote(t)
            | NodeKind::ExemptNotice(t) => text(t, &mut out),
            NodeKind::List { items, .. } => items.iter().for_each(|i| text(&i.text, &mut out)),
            NodeKind::Table(t) => {
                t.caption.iter().for_each(|c| text(c, &mut out));
                t.columns.iter().for_each(|c| text(&c.heading, &mut out));
                t.rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .filter_map(|c| c.text())
                    .for_each(|c| text(c, &mut out));
            }
            NodeKind::Image(i) => {
                out.push_str(&i.alt);
                out.push('\n');
            }
            NodeKind::Implications(t) => {
                t.columns.iter().for_each(|c| {
                    out.push_str(c);
                    out.push('\n');
                });
                for r in &t.rows {
                    out.push_str(&r.label);
                    out.push('\n');
                    r.comment
                        .iter()
                        .chain(&r.sign_off)
                        .for_each(|c| text(c, &mut out));
                }
            }
        }
    }
    out
}

fn exempt_notices(doc: &Document) -> Vec<String> {
    doc.nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::ExemptNotice(t) => Some(t.plain()),
            _ => None,
        })
        .collect()
}

#[test]
fn part_exempt_report_withholds_its_exempt_appendices_from_the_public() {
    let ex = example(PART_EXEMPT);
    let r = &ex.report;
    assert_eq!(Classification::of(r), Classification::PartExempt);
    let exempt: Vec<_> = r.appendices.iter().filter(|a| a.exempt.is_some()).collect();
    let paragraphs: BTreeSet<u8> = exempt
        .iter()
        .flat_map(|a| a.exempt.as_ref().unwrap().paragraphs.clone())
        .collect();
    assert_eq!(
        paragraphs,
        BTreeSet::from([3, 5]),
        "two Schedule 12A paragraphs"
    );
    assert!(
        r.appendices
            .iter()
            .any(|a| a.exempt.is_none() && !a.blocks.is_empty()),
        "an open appendix"
    );

    let public = compose(r, &ex.template, Audience::Public).expect("composes");
    let full = compose(r, &ex.template, Audience::Full).expect("composes");
    let (public_words, full_words) = (words(&public), words(&full));
    assert_eq!(
        public.masthead.classification.1,
        ex.template.labels.part_exempt
    );

    let notices = exempt_notices(&public);
    assert_eq!(notices.len(), exempt.len(), "{notices:#?}");
    assert!(
        notices[0].contains("Appendix B") && notices[0].contains("paragraph 3 of Part 1"),
        "{notices:#?}"
    );
    assert!(
        notices[1].contains("Appendix C") && notices[1].contains("paragraph 5 of Part 1"),
        "{notices:#?}"
    );
    // The full version heads each exempt appendix with the same notice.
    assert_eq!(exempt_notices(&full), notices);

    // The exempt words themselves: in the full rendering, never in the public one.
    for a in &exempt {
        for b in &a.blocks {
            let probe = match b {
                Block::Paragraph(t) => t.plain(),
                Block::Table(t) => t.rows[0][0].plain(),
                _ => continue,
            };
            assert!(full_words.contains(&probe), "{probe}");
            assert!(
                !public_words.contains(&probe),
                "exempt text in public: {probe}"
            );
        }
    }
    assert!(!public_words.contains("Harbourside"));
    // The open appendix is printed for everyone.
    assert!(public_words.contains("Marketing timetable"));
}

#[test]
fn finance_report_is_a_noticed_key_decision_with_right_aligned_totals() {
    let ex = example(FINANCE);
    let r = &ex.report;
    assert!(r.key_decision.is_key());
    assert!(r.key_decision.forward_plan_ref.is_some());
    let notice = *r
        .key_decision
        .notice_published
        .as_ref()
        .unwrap()
        .value()
        .unwrap();
    assert!(notice.clear_days_before(r.meeting.date) >= 28);

    let totalled: Vec<_> = tables(r)
        .into_iter()
        .filter(|t| t.total.is_some())
        .collect();
    assert!(totalled.len() >= 2, "budget tables with totals");
    let doc = compose(r, &ex.template, Audience::Public).expect("composes");
    let composed: Vec<_> = doc
        .nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Table(t) if t.total().is_some() => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(composed.len(), totalled.len());
    for t in composed {
        // Columns of amounts are right-aligned, columns of words left-aligned.
        for (i, c) in t.columns.iter().enumerate() {
            let numeric = t
                .rows
                .iter()
                .filter(|r| r.kind == cabinet_report::compose::RowKind::Body)
                .filter_map(|r| r.cells[i].text())
                .all(|c| amount::parse(&c.plain()).is_some());
            use cabinet_report::compose::Align as Printed;
            let want = if numeric {
                Printed::Right
            } else {
                Printed::Left
            };
            assert_eq!(c.align, want, "{:?}", c.heading.plain());
        }
        assert_eq!(t.columns[0].align, cabinet_report::compose::Align::Left);
        assert!(t
            .columns
            .iter()
            .any(|c| c.align == cabinet_report::compose::Align::Right));
    }
}

#[test]
fn many_recommendations_some_to_council_with_lettered_appendices() {
    let ex = example(MANY_RECS);
    let r = &ex.report;
    assert!(r.recommendations.len() >= 8);
    let to_council = r
        .recommendations
        .iter()
        .filter(|x| x.route == Route::Council)
        .count();
    assert!(to_council >= 2 && to_council < r.recommendations.len());
    assert!(r
        .recommendations
        .iter()
        .any(|x| x.blocks.iter().any(|b| matches!(b, Block::Table(_)))));
    assert_eq!(ex.template.appendices, AppendixStyle::Letters);
    assert!(r.appendices.len() >= 3);

    let doc = compose(r, &ex.template, Audience::Public).expect("composes");
    let w = words(&doc);
    for (i, a) in r.appendices.iter().enumerate() {
        let letter = (b'A' + i as u8) as char;
        assert!(
            w.contains(&format!("Appendix {letter} – {}", a.title)),
            "Appendix {letter}"
        );
    }
    // Routed recommendations carry the template's words, and only those.
    let marked = w.matches(ex.template.labels.to_council.as_str()).count();
    assert_eq!(marked, to_council);
}

#[test]
fn welsh_report_numbers_continuously_and_covers_welsh_duties() {
    let ex = example(WELSH);
    let t = &ex.template;
    assert_eq!(t.jurisdiction, Jurisdiction::Wales);
    assert_eq!(t.numbering, Numbering::Continuous);
    let labels = paragraph_labels(&ex.report, t);
    let expected: Vec<String> = (1..=labels.len()).map(|n| n.to_string()).collect();
    assert_eq!(labels, expected);
    assert!(labels.len() >= 25);

    let eq = ex
        .report
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Equalities)
        .expect("equalities");
    assert!(eq.blocks.len() >= 4);
    let all: String = authored(&ex.report)
        .into_iter()
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join("\n");
    for must in [
        "Well-being of Future Generations (Wales) Act 2015",
        "Welsh Language Standards",
        "socio-economic duty",
        "Equality Act 2010",
    ] {
        assert!(all.contains(must), "{must}");
    }
    assert!(all.contains('ŵ') || all.contains('ŷ'), "Welsh characters");
    let doc = compose(&ex.report, t, Audience::Public).expect("composes");
    assert_eq!(doc.masthead.council, "Bro Tawel County Borough Council");
}

#[test]
fn welsh_language_report_numbers_the_whole_report_and_prints_only_welsh_wording() {
    let ex = example(CYMRAEG);
    let t = &ex.template;
    assert_eq!(t.numbering, Numbering::WholeReport);
    assert_eq!(t.language, Language::WelshUk);
    let doc = compose(&ex.report, t, Audience::Public).expect("composes");
    assert_eq!(doc.meta.lang, "cy-GB");
    assert_eq!(doc.masthead.date, "17 Mawrth 2026");
    // Summary 1-2, recommendations 3-5, so the first section paragraph is 6;
    // no heading carries a number that could be read as a paragraph's.
    let numbers: Vec<u32> = doc
        .nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Paragraph {
                number: Some(p), ..
            } => Some(p.index),
            NodeKind::Heading {
                number: Some(_), ..
            } => panic!("a numbered heading at {}", n.path),
            _ => None,
        })
        .collect();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(numbers, expected);
    let first_section = doc
        .nodes()
        .find(|n| n.path.starts_with("$.sections"))
        .map(|n| n.path.clone());
    assert_eq!(first_section.as_deref(), Some("$.sections[0]"));
    assert_eq!(
        paragraph_labels(&ex.report, t)[5],
        "6",
        "sections start after the summary's 2 and the 3 recommendations"
    );
    // Every fixed word the template prints is its own, not the English default.
    let english = cabinet_report::template::Labels::default();
    let (cy, en) = (
        serde_json::to_value(&t.labels).unwrap(),
        serde_json::to_value(&english).unwrap(),
    );
    for (key, value) in cy.as_object().unwrap() {
        if key == "body_cabinet" || key == "agenda" {
            continue; // "Cabinet" and "Agenda" in both languages.
        }
        assert_ne!(Some(value), en.get(key), "label {key} is still English");
    }
}

#[test]
fn second_council_brand_and_template_change_wording_order_and_look() {
    let ex = example(SECOND_BRAND);
    let t = &ex.template;
    let builtin = Template::tower_hamlets();
    assert_ne!(t.brand.primary_colour, builtin.brand.primary_colour);
    assert_eq!(t.heading_case, HeadingCase::AsWritten);
    assert!(t.brand.logo.is_some());
    assert_ne!(t.labels.executive_summary, builtin.labels.executive_summary);
    assert!(matches!(
        ex.report.decider(),
        Body::CabinetMember(_) | Body::Committee(_)
    ));

    let doc = compose(&ex.report, t, Audience::Public).expect("composes");
    // The template's order, not the report's or the built-in one: details first.
    let numbered: Vec<String> = doc
        .nodes()
        .filter_map(|n| match &n.kind {
            NodeKind::Heading {
                number: Some(_),
                text,
                capitals,
                ..
            } => {
                assert!(!capitals);
                Some(text.clone())
            }
            _ => None,
        })
        .collect();
    let template_order: Vec<String> = t
        .sections
        .iter()
        .filter(|s| ex.report.sections.iter().any(|x| x.kind == s.kind))
        .map(|s| s.heading.clone())
        .collect();
    assert_eq!(numbered, template_order);
    assert_eq!(
        numbered[0],
        t.section(&SectionKind::Details).unwrap().heading
    );
    let opening = t.opening_for(ex.report.decider());
    assert!(opening.starts_with("That the "), "{opening}");
    assert!(words(&doc).contains(&opening));

    // Every block kind the renderers must handle.
    let blocks: Vec<&Block> = ex.report.sections.iter().flat_map(|s| &s.blocks).collect();
    assert!(blocks.iter().any(|b| matches!(b, Block::Bullets(_))));
    assert!(blocks.iter().any(|b| matches!(b, Block::NumberedList(_))));
    assert!(blocks.iter().any(|b| matches!(b, Block::Quote(_))));
    assert!(blocks.iter().any(|b| matches!(b, Block::Subheading(_))));
    assert!(blocks.iter().any(|b| match b {
        Block::Paragraph(t) => t.0.iter().any(|s| s.link.is_some()),
        _ => false,
    }));
    let image = blocks
        .iter()
        .find_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        })
        .expect("an image");
    assert!(image.width_mm.is_some() && image.alt.split_whitespace().count() >= 10);

    // The logo and the chart are real, small images.
    let logo = t
        .base_dir
        .as_ref()
        .unwrap()
        .join(t.brand.logo.as_ref().unwrap());
    let chart = reports_dir().join(&image.src);
    for f in [logo, chart] {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            bytes.len() < 16 * 1024,
            "{}: {} bytes",
            f.display(),
            bytes.len()
        );
        let img = image_size(&bytes);
        assert!(img.0 >= 100 && img.1 >= 100, "{}", f.display());
    }
}

/// Width and height from a PNG header.
fn image_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[1..4], b"PNG");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

#[test]
fn background_papers_are_listed_or_explicitly_none() {
    for ex in all() {
        match &ex.report.background_papers {
            Some(Papers::None) => {}
            Some(Papers::Listed(items)) => {
                assert!(items.iter().all(|t| !t.is_blank()), "{}", ex.name)
            }
            None => panic!("{}: background papers missing", ex.name),
        }
    }
}

/// Appendices circulated separately keep their notice in both editions, and
/// in the full edition every page carrying exempt content says "NOT FOR
/// PUBLICATION" with that part's paragraphs, in the PDF (as pdftotext reads
/// it) and in Word (a section of its own with its own footer).
#[test]
fn exempt_appendices_circulated_separately_and_exempt_pages_are_marked() {
    use cabinet_report::{RenderOptions, Renderer};
    let ex = example(SEPARATE_EXEMPT);
    let mark = "NOT FOR PUBLICATION – Schedule 12A, Part 1, paragraph 3";
    let separate: Vec<usize> = (0..ex.report.appendices.len())
        .filter(|&i| {
            ex.report.appendices[i].exempt.is_some() && ex.report.appendices[i].blocks.is_empty()
        })
        .collect();
    assert_eq!(separate.len(), 2, "{}", ex.name);
    let renderer = Renderer::new(ex.template.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for audience in [Audience::Public, Audience::Full] {
        let options = RenderOptions {
            audience,
            report_dir: Some(reports_dir()),
            ..RenderOptions::default()
        };
        let pdf = renderer.pdf(&ex.report, &options).unwrap();
        let path = dir.path().join("x.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let Some((ok, text)) =
            crate::common::tool("pdftotext", &["-layout", "-enc", "UTF-8"], &path)
        else {
            return;
        };
        assert!(ok, "{text}");
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        for &i in &separate {
            let name = format!("Appendix {}", i + 1);
            assert!(
                text.contains(&format!("{name} is not for publication")),
                "{audience:?}: no notice for {name}"
            );
            assert!(text.contains(&format!("{name} is circulated separately")));
        }
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        for (n, page) in pages.iter().enumerate() {
            let exempt_content = page.contains("Net management fee by year");
            assert_eq!(
                page.contains(mark),
                exempt_content && audience == Audience::Full,
                "{audience:?} page {}:\n{page}",
                n + 1
            );
        }
        assert_eq!(
            text.contains("Net management fee by year"),
            audience == Audience::Full
        );
        let docx = renderer.docx(&ex.report, &options).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            let mut f = zip.by_name(name).ok()?;
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            Some(s)
        };
        let document = read("word/document.xml").unwrap();
        let footer = read("word/footer3.xml");
        match audience {
            Audience::Public => {
                assert_eq!(document.matches("<w:sectPr>").count(), 1);
                assert!(footer.is_none());
            }
            _ => {
                // The exempt appendix is the last part: one break before it.
                assert_eq!(document.matches("<w:sectPr>").count(), 2);
                assert!(footer.unwrap().contains(mark));
                let last = &document[document.rfind("<w:sectPr>").unwrap()..];
                assert!(
                    !last.contains(r#"w:type="default" r:id="rId6""#),
                    "the last section is the exempt part: {last}"
                );
            }
        }
    }
}

#[test]
fn the_city_finance_example_shows_every_table_form() {
    let ex = example(CITY_FINANCE);
    let tables = |blocks: &[Block]| -> Vec<cabinet_report::model::Table> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    let in_recs: Vec<_> = ex
        .report
        .recommendations
        .iter()
        .flat_map(|r| tables(&r.blocks))
        .collect();
    let all: Vec<_> = ex
        .report
        .sections
        .iter()
        .flat_map(|s| tables(&s.blocks))
        .chain(in_recs.iter().cloned())
        .collect();
    assert!(in_recs.len() >= 2, "figure tables in its recommendations");
    assert!(
        in_recs.iter().any(|t| t.columns.is_empty()),
        "a header-less table"
    );
    assert!(all.iter().any(|t| !t.merge.is_empty()), "merged cells");
    assert!(
        all.iter().filter(|t| !t.subtotal_rows.is_empty()).count() >= 2,
        "subtotal rows"
    );
    assert!(ex
        .report
        .recommendations
        .iter()
        .any(|r| r.blocks.iter().any(|b| matches!(b, Block::Bullets(_)))));
}
