//! The validator on whole reports, through the public API: the sample, the
//! as-published fixture, one broken report per rule, and hostile text.

use cabinet_report::model::{
    Appendix, Block, Column, Date, Exemption, Field, Image, KeyDecision, KeyReason, Papers,
    Purpose, Report, SectionKind, Span, Table, Text, Urgency, Wards,
};
use cabinet_report::validate::{validate, Rule, RULES};
use cabinet_report::{Audience, Diagnostic, RuleId, Severity, Template};
use proptest::prelude::*;

/// Every finding, as clerk and the renderers see them (R13 needs the fonts).
fn run(report: &Report) -> Vec<Diagnostic> {
    // The bilingual example's template is a file beside the examples.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
    let template = Template::for_report(report.template.as_deref(), Some(&dir)).unwrap();
    cabinet_report::Renderer::new(template)
        .unwrap()
        .check(report, Audience::Public)
}

fn fixture() -> Report {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tower-hamlets-2019-07-31-as-published.json"
    ))
    .expect("fixture present");
    Report::from_json(&json).expect("fixture loads")
}

#[test]
fn the_sample_has_no_errors() {
    let d = run(&Report::sample());
    assert!(d.iter().all(|d| !d.is_error()), "{d:#?}");
    // Its one appendix (the Ofsted report) is listed but never referred to.
    assert!(d
        .iter()
        .any(|d| d.rule == "W4" && d.path == "$.appendices[0]"));
}

#[test]
fn the_as_published_report_has_exactly_its_three_template_slips() {
    let d = run(&fixture());
    let errors: Vec<(&str, &str)> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.rule.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("R1", "$.key_decision.answer"),
            ("R1", "$.key_decision.reasons"),
            ("R1", "$.key_decision.notice_published"),
        ]
    );
    let notice = d
        .iter()
        .find(|d| d.path == "$.key_decision.notice_published")
        .unwrap();
    assert_eq!(
        notice.to_string(),
        "error[R1] $.key_decision.notice_published: \"[Insert date notice was published]\" is template text, not a date; enter the date the forward-plan notice was published (YYYY-MM-DD), or remove the field if this is not a key decision"
    );
    // Warnings: only what is also true of the corrected sample.
    let warnings: Vec<(&str, &str)> = d
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| (d.rule.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(warnings, [("W4", "$.appendices[0]")]);
}

#[test]
fn errors_come_first_then_rule_order() {
    let mut r = fixture();
    r.background_papers = None;
    r.summary.push(Block::Paragraph("See Appendix 9.".into()));
    let d = run(&r);
    let ids: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(ids, ["R1", "R1", "R1", "R7", "R9", "W4"]);
    assert!(d.windows(2).all(|w| w[0].severity <= w[1].severity));
}

fn cell(s: &str) -> Text {
    Text::from(s)
}

fn column(h: &str) -> Column {
    Column {
        heading: h.into(),
        align: Default::default(),
        width_percent: None,
    }
}

fn exemption(paragraphs: Vec<u8>, why: &str) -> Option<Exemption> {
    Some(Exemption {
        paragraphs,
        public_interest: why.into(),
    })
}

fn key_yes(notice: &str) -> KeyDecision {
    KeyDecision::yes(
        vec![KeyReason::FinancialThreshold],
        Date::parse_iso(notice).unwrap(),
    )
}

/// One change to the sample per rule, and the path the rule must report.
fn broken() -> Vec<(&'static str, &'static str, Report)> {
    let s = Report::sample;
    let with = |f: &dyn Fn(&mut Report)| {
        let mut r = s();
        f(&mut r);
        r
    };
    let bilingual = || {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
        let json = std::fs::read_to_string(dir.join("dyfnant-2026-03-24-toiledau-cymunedol.json"))
            .unwrap();
        Report::from_json(&json).unwrap()
    };
    let bi = |f: &dyn Fn(&mut Report)| {
        let mut r = bilingual();
        f(&mut r);
        r
    };
    vec![
        (
            "R14",
            "$.translation",
            with(&|r| r.translation = bilingual().translation),
        ),
        (
            "R15",
            "$.translation.appendices[0].exempt",
            bi(&|r| r.translation.as_mut().unwrap().appendices[0].exempt = None),
        ),
        (
            "R1",
            "$.sections[2].blocks[2].table.rows[3][1]",
            with(&|r| {
                if let Block::Table(t) = &mut r.sections[2].blocks[2] {
                    t.rows[3][1] = cell("[Insert grade]");
                }
            }),
        ),
        (
            "R2",
            "$.sections[1].blocks[0]",
            with(&|r| {
                r.sections[1].blocks[0] = Block::Paragraph("None (delete as applicable)".into());
            }),
        ),
        (
            "R3",
            "$.sections",
            with(&|r| r.sections.retain(|s| s.kind != SectionKind::Finance)),
        ),
        (
            "R4",
            "$.key_decision.notice_published",
            with(&|r| r.key_decision = key_yes("2019-07-10")),
        ),
        (
            "R5",
            "$.wards",
            with(&|r| {
                r.key_decision = key_yes("2019-06-01");
                r.key_decision.reasons = Some(Field::Value(vec![KeyReason::TwoOrMoreWards]));
                r.wards = Wards::Listed(vec!["Weavers".into()]);
            }),
        ),
        (
            "R6",
            "$.appendices[0].exempt.paragraphs[0]",
            with(&|r| {
                r.appendices[0].exempt = exemption(vec![12], "Commercial terms");
            }),
        ),
        (
            "R7",
            "$.recommendations[0].text",
            with(&|r| {
                r.recommendations[0].text = "Note the findings in Appendix 2".into();
            }),
        ),
        (
            "R8",
            "$.recommendations",
            with(&|r| r.recommendations.clear()),
        ),
        (
            "R9",
            "$.background_papers",
            with(&|r| r.background_papers = None),
        ),
        (
            "R10",
            "$.report_date",
            with(&|r| r.report_date = Date::parse_iso("2019-08-01")),
        ),
        (
            "R11",
            "$.exempt",
            with(&|r| r.exempt = exemption(vec![1], "Named children")),
        ),
        (
            "R12",
            "$.sections[3].blocks[4].table.rows[1]",
            with(&|r| {
                r.sections[3].blocks.push(Block::Table(Table {
                    caption: None,
                    columns: vec![column("Item"), column("Notes")],
                    rows: vec![
                        vec![cell("Staff"), cell("Two posts")],
                        vec![cell("Systems")],
                    ],
                    header_column: true,
                    total: None,
                    ..Default::default()
                }));
            }),
        ),
        (
            "W1",
            "$",
            with(&|r| {
                let long = Block::Paragraph("word ".repeat(600).as_str().into());
                r.sections[2].blocks.extend(std::iter::repeat_n(long, 10));
            }),
        ),
        (
            "W2",
            "$.summary",
            with(&|r| {
                r.summary
                    .push(Block::Paragraph("word ".repeat(300).as_str().into()))
            }),
        ),
        (
            "W3",
            "$.sections[0].blocks[0]",
            with(&|r| {
                r.sections[0].blocks[0] =
                    Block::Paragraph("The contract is worth £2.5m a year.".into());
            }),
        ),
        ("W4", "$.appendices[0]", s()),
        (
            "W5",
            "$.sections[3].blocks[4].table.total[1]",
            with(&|r| {
                r.sections[3].blocks.push(Block::Table(Table {
                    caption: None,
                    columns: vec![column("Item"), column("£000")],
                    rows: vec![
                        vec![cell("Staff"), cell("120")],
                        vec![cell("Systems"), cell("80")],
                    ],
                    header_column: true,
                    total: Some(vec![cell("Total"), cell("210")]),
                    ..Default::default()
                }));
            }),
        ),
        (
            "R13",
            "$.sections[2].blocks[0]",
            with(&|r| {
                r.sections[2].blocks[0] = Block::Paragraph("Option A ✓ recommended".into());
            }),
        ),
        (
            "W7",
            "$.title",
            with(&|r| {
                r.title = "Children’s Services: the Ofsted Inspection of Local Authority Children’s Services, the Improvement Plan and the Future Operating Model".into();
                r.short_title = None;
            }),
        ),
        (
            "W8",
            "$.recommendations[0].route",
            with(&|r| {
                r.recommendations[0].text =
                    "To recommend to Council that it notes the report".into();
            }),
        ),
        (
            "W6",
            "$.recommendations[0].blocks[0]",
            with(&|r| {
                r.recommendations[0].blocks = vec![
                    Block::Subheading("Detail".into()),
                    Block::Paragraph("x".into()),
                ];
            }),
        ),
    ]
}

#[test]
fn every_rule_reports_its_own_breakage_at_its_path() {
    let cases = broken();
    // The pack's rules (M) are about a meeting (tests/it/pack.rs); I… are found
    // reading back from Word (tests/it/word_import.rs), not by the validator.
    for rule in RULES
        .iter()
        .filter(|r| !r.id.as_str().starts_with('M') && !r.id.as_str().starts_with('I'))
    {
        assert!(
            cases.iter().any(|(id, _, _)| *id == rule.id),
            "no case for {}",
            rule.id
        );
    }
    for (id, path, report) in cases {
        let d = run(&report);
        assert!(
            d.iter().any(|d| d.rule == id && d.path == path),
            "{id} at {path} not found in {d:#?}"
        );
        let sev = Rule::by_id(id).unwrap().severity;
        assert!(d.iter().filter(|d| d.rule == id).all(|d| d.severity == sev));
        // The change breaks only its own rule (and W4, which the sample always has).
        let sample: Vec<Diagnostic> = run(&Report::sample());
        let new: Vec<&Diagnostic> = d.iter().filter(|x| !sample.contains(x)).collect();
        assert!(new.iter().all(|x| x.rule == id), "{id}: also {new:#?}");
    }
}

#[test]
fn ordinary_council_prose_is_not_flagged() {
    let mut r = Report::sample();
    r.sections[2].blocks.push(Block::Paragraph(
        "The information is exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972. \
         Guidance from the DfE (2018) says authorities should delete records they no longer need; \
         see paragraph 4.2 of the Ofsted framework and recommendation 3 of the 2017 report. \
         The £250,000 grant covers 2019/20 [1]. Yes, this is the appendix to the letter."
            .into(),
    ));
    r.sections[2].blocks.push(Block::Quote(
        "“Paragraph 9.4 of our guidance: see Appendix F.”".into(),
    ));
    assert_eq!(run(&r), run(&Report::sample()));
}

#[test]
fn full_audience_may_see_an_exempt_report_but_the_public_may_not() {
    let mut r = Report::sample();
    r.exempt = exemption(vec![1, 2], "Concerns identifiable children");
    let t = Template::tower_hamlets();
    assert!(validate(&r, &t, Audience::Full)
        .iter()
        .all(|d| !d.is_error()));
    assert!(validate(&r, &t, Audience::Public)
        .iter()
        .any(|d| d.rule == "R11"));
}

#[test]
fn rules_are_listed_in_id_order_with_their_severity() {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<String> = (1..=15)
        .map(|n| format!("R{n}"))
        .chain((1..=8).map(|n| format!("W{n}")))
        .chain((1..=5).map(|n| format!("M{n}")))
        .chain((1..=2).map(|n| format!("I{n}")))
        .collect();
    assert_eq!(ids, expected);
    assert!(RULES.iter().all(|r| (r.severity == Severity::Error)
        == (!r.id.as_str().starts_with('W') && r.id != RuleId::I2)));
}

#[test]
fn every_rule_id_reads_back_from_the_string_it_writes() {
    let ids: Vec<RuleId> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids, RuleId::ALL, "RULES lists every id, in order");
    for rule in RULES {
        let text = rule.id.to_string();
        assert_eq!(text, rule.id.as_str());
        assert_eq!(text.parse::<RuleId>(), Ok(rule.id));
        assert_eq!(RuleId::try_from(text.as_str()), Ok(rule.id));
        assert_eq!(
            serde_json::to_value(rule.id).unwrap(),
            serde_json::json!(text)
        );
        assert_eq!(rule.id.severity(), rule.severity);
        assert_eq!(Rule::of(rule.id), rule);
        assert_eq!(Rule::by_id(&text), Some(rule));
    }
    let unknown = "R99".parse::<RuleId>().unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "\"R99\" is not a rule id; the ids are R1 to R15, W1 to W8, M1 to M5 (agenda packs), and I1 and I2 (reading back from Word)"
    );
    assert_eq!(Rule::by_id("r4"), None);
}

#[test]
fn a_diagnostic_serializes_as_rule_severity_path_and_message() {
    let d = run(&fixture());
    let notice = d
        .iter()
        .find(|d| d.path == "$.key_decision.notice_published")
        .unwrap();
    assert_eq!(
        serde_json::to_value(notice).unwrap(),
        serde_json::json!({
            "rule": "R1",
            "severity": "error",
            "path": "$.key_decision.notice_published",
            "message": "\"[Insert date notice was published]\" is template text, not a date; enter the date the forward-plan notice was published (YYYY-MM-DD), or remove the field if this is not a key decision",
        })
    );
    // Warnings too, and nothing but the four fields, in a run's JSON.
    let all = serde_json::to_value(&d).unwrap();
    let w4 = all
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == "W4")
        .unwrap();
    assert_eq!(w4["severity"], "warning");
    assert_eq!(w4["path"], "$.appendices[0]");
    let keys: Vec<&String> = w4.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
}

#[test]
#[cfg(any(feature = "pdf", feature = "docx"))]
fn a_refused_render_names_every_finding_not_only_the_first() {
    let mut r = fixture();
    r.background_papers = None;
    let renderer = cabinet_report::Renderer::new(Template::tower_hamlets()).unwrap();
    let err = renderer
        .render(&r, &cabinet_report::RenderOptions::default())
        .unwrap_err();
    let cabinet_report::Error::Invalid(d) = &err else {
        panic!("not Invalid: {err}")
    };
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "the report has 4 validation errors and 1 warning:"
    );
    // One finding a line, as `Diagnostic` displays it, errors first.
    let expected: Vec<String> = d
        .iter()
        .filter(|d| d.is_error())
        .chain(d.iter().filter(|d| !d.is_error()))
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines[1..], expected);
    for d in d {
        assert!(text.contains(&d.path), "{} missing from {text}", d.path);
    }
    assert!(lines
        .last()
        .unwrap()
        .starts_with("warning[W4] $.appendices[0]: "));
}

/// The value at a diagnostic's path, so every path can be shown to exist.
fn resolve<'v>(root: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    let mut v = root;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = v.get(&r[..end])?;
            rest = &r[end..];
        } else {
            let r = rest.strip_prefix('[')?;
            let end = r.find(']')?;
            v = v.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        }
    }
    Some(v)
}

/// Paths point at values that exist, or (for a missing field) at the object that lacks it.
fn assert_paths_resolve(r: &Report, d: &[Diagnostic]) {
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    for d in d {
        let parent = d.path.rsplit_once('.').map_or("$", |(p, _)| p);
        assert!(
            resolve(&json, &d.path).is_some() || resolve(&json, parent).is_some(),
            "{d}"
        );
    }
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        "(Appendix|appendices|paragraphs?|para\\.?|recommendations?|£|\\[|\\]|[0-9.,]{1,6}|[A-Z]{1,2}|to|and|-|–| |million|XX|TBC|\u{a0}|İ|ß){0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn validate_never_panics_on_arbitrary_text(
        texts in proptest::collection::vec(hostile(), 14),
        appendix_word in hostile(),
        paragraphs in proptest::collection::vec(any::<u8>(), 0..4),
        continuous in any::<bool>(),
    ) {
        let t = |i: usize| texts[i].clone();
        let mut r = Report::sample();
        r.title = t(0);
        r.summary.push(Block::Paragraph(Text(vec![Span::plain(t(1)), Span::link(t(2), t(3))])));
        r.recommendations[0].text = t(4).into();
        r.recommendations[0].blocks = vec![Block::Subheading(t(5).into())];
        r.sections[2].blocks.push(Block::Table(Table {
            caption: Some(t(6).into()),
            columns: vec![column(&t(7)), column("x")],
            rows: vec![vec![cell(&t(8)), cell(&t(9))], vec![cell(&t(10))]],
            header_column: false,
            total: Some(vec![cell(&t(11)), cell(&t(12)), cell(&t(13))]),
            ..Default::default()
        }));
        r.sections[2].blocks.push(Block::Image(Image { src: t(1), alt: t(9), width_mm: None, caption: None }));
        r.wards = Wards::Listed(vec![t(3)]);
        r.key_decision.answer = Field::Unfilled(t(6));
        r.key_decision.reasons = Some(Field::Value(vec![KeyReason::TwoOrMoreWards]));
        r.key_decision.urgency = Some(Urgency::GeneralException { reason: t(5) });
        r.background_papers = Some(Papers::Listed(vec![t(7).into()]));
        r.appendices.push(Appendix { title: t(12), exempt: exemption(paragraphs, &t(2)), blocks: vec![Block::Paragraph(t(8).into())] });
        r.purpose = if continuous { Purpose::Information } else { Purpose::Decision };
        let mut template = Template::tower_hamlets();
        template.labels.appendix = appendix_word;
        if continuous {
            template.numbering = cabinet_report::template::Numbering::Continuous;
            template.appendices = cabinet_report::template::AppendixStyle::Letters;
        }
        for audience in [Audience::Public, Audience::Full] {
            let d = validate(&r, &template, audience);
            assert_paths_resolve(&r, &d);
            for x in &d {
                prop_assert!(!x.message.is_empty());
                prop_assert!(x.message.chars().count() < 600, "{}", x.message);
            }
        }
    }
}

/// Issue 18, item 17: a noncharacter (U+FFFF and its kind) is not text and
/// no font prints it, yet a font's character map can answer for U+FFFF; the
/// check must refuse it, at its path, as the renderer would.
#[test]
#[cfg(any(feature = "pdf", feature = "docx"))]
fn noncharacters_are_refused_by_the_check_not_halfway_through_a_render() {
    let renderer = cabinet_report::Renderer::new(Template::tower_hamlets()).unwrap();
    for c in [
        '\u{FFFF}',
        '\u{FFFE}',
        '\u{FDD0}',
        '\u{FDEF}',
        '\u{1FFFF}',
        '\u{10FFFE}',
    ] {
        let mut r = Report::sample();
        r.sections[2]
            .blocks
            .push(Block::Paragraph(format!("Odd {c} here").into()));
        let at = format!("$.sections[2].blocks[{}]", r.sections[2].blocks.len() - 1);
        let errors: Vec<Diagnostic> = renderer
            .check(&r, Audience::Public)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        assert_eq!(errors.len(), 1, "{c:?}: {errors:#?}");
        assert_eq!(errors[0].path, at, "{c:?}");
        let code = format!("U+{:04X}", c as u32);
        assert!(errors[0].message.contains(&code), "{}", errors[0].message);
        match renderer.render(&r, &cabinet_report::RenderOptions::default()) {
            Err(cabinet_report::Error::Invalid(d)) => {
                assert!(d.iter().any(|d| d.path == at), "{c:?}")
            }
            Err(e) => panic!("{c:?}: the check passed what the render refused: {e}"),
            Ok(_) => panic!("{c:?} was rendered"),
        }
    }
}

/// `--check` and the render agree on every character: whatever the check
/// lets through, the renderer prints.
#[test]
#[cfg(any(feature = "pdf", feature = "docx"))]
fn every_character_the_check_passes_is_rendered() {
    let renderer = cabinet_report::Renderer::new(Template::tower_hamlets()).unwrap();
    let every: Vec<char> = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
    let mut r = Report::sample();
    let first = r.sections[2].blocks.len();
    r.sections[2].blocks.extend(
        every
            .iter()
            .map(|c| Block::Paragraph(format!("a{c}b").into())),
    );
    let mut refused = vec![false; every.len()];
    for d in renderer.check(&r, Audience::Public) {
        let index = d
            .path
            .strip_prefix("$.sections[2].blocks[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|n| n.parse::<usize>().ok());
        match index {
            Some(i) if i >= first && d.is_error() => refused[i - first] = true,
            _ => assert!(!d.is_error(), "{d}"),
        }
    }
    let passed: String = every
        .iter()
        .zip(&refused)
        .filter(|(_, &no)| !no)
        .map(|(c, _)| format!("a{c}b "))
        .collect();
    let mut r = Report::sample();
    r.sections[2].blocks.push(Block::Paragraph(passed.into()));
    if let Err(e) = renderer.render(&r, &cabinet_report::RenderOptions::default()) {
        panic!("the check passed a character the render refuses: {e}");
    }
}

/// Issue 18, item 18: a browser reads `\` in a web address as `/`, a PDF
/// reader does not, so `https://example.org\@evil.example/` would take a
/// Word reader and a PDF reader to different hosts.
#[test]
fn a_link_with_a_backslash_is_refused_naming_the_backslash() {
    for url in [
        "https://example.org\\@evil.example/",
        "http://example.org\\.evil.example/minutes",
        "https://example.org/papers\\minutes.pdf",
    ] {
        assert!(!Span::is_followable(url), "{url}");
        let mut r = Report::sample();
        r.sections[2].blocks.push(Block::Paragraph(Text(vec![
            Span::plain("Read "),
            Span::link("the minutes", url),
        ])));
        let at = format!(
            "$.sections[2].blocks[{}].paragraph[1].link",
            r.sections[2].blocks.len() - 1
        );
        let r12: Vec<Diagnostic> = validate(&r, &Template::tower_hamlets(), Audience::Public)
            .into_iter()
            .filter(|d| d.rule == "R12")
            .collect();
        assert_eq!(r12.len(), 1, "{url}: {r12:#?}");
        assert_eq!(r12[0].path, at);
        assert!(r12[0].message.contains("backslash"), "{}", r12[0].message);
    }
}
