//! Exempt text must not reach the public edition by any printed field, nor
//! disguised by characters a reader cannot see (issue 18, items 1 to 4).
//!
//! The exempt finance section holds one sentence; each test puts its words
//! somewhere the public edition prints, as an author pasting them would,
//! and expects the check a clerk runs (`Renderer::check`, as `clerk --check`)
//! to stop publication at that place, and the renderer to refuse.

use cabinet_report::model::{Appendix, Block, Body, Exemption, Person, Report, Span, Text, Wards};
use cabinet_report::{Audience, Diagnostic, Error, RenderOptions, Renderer, Template};

const EXEMPT: &str = "The preferred bidder, Acme Care Ltd, offered a price of £4.1m over three years with a break clause.";
/// Ten and more of its words in order, as open text would quote them.
const LEAK: &str = "Acme Care Ltd offered a price of £4.1m over three years with a break clause";
const FINANCE: usize = 3;

fn exemption(why: &str) -> Option<Exemption> {
    Some(Exemption {
        paragraphs: vec![3],
        public_interest: why.into(),
    })
}

/// The sample, its finance section exempt and holding `EXEMPT`.
fn report() -> Report {
    let mut r = Report::sample();
    let s = &mut r.sections[FINANCE];
    s.exempt = exemption("Disclosure would prejudice the council's position in a live tender.");
    s.blocks = vec![Block::Paragraph(EXEMPT.into())];
    r
}

fn check(r: &Report) -> Vec<Diagnostic> {
    Renderer::new(Template::tower_hamlets())
        .unwrap()
        .check(r, Audience::Public)
}

/// Paths of the errors of `rule`.
fn errors(r: &Report, rule: &str) -> Vec<String> {
    check(r)
        .into_iter()
        .filter(|d| d.is_error() && d.rule == rule)
        .map(|d| d.path)
        .collect()
}

fn refused(r: &Report) -> bool {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    matches!(
        renderer.render(r, &RenderOptions::default()),
        Err(Error::Invalid(_))
    )
}

/// Where a paragraph pushed onto the open details section is reported.
fn push_open(r: &mut Report, block: Block) -> String {
    let blocks = &mut r.sections[2].blocks;
    blocks.push(block);
    format!("$.sections[2].blocks[{}]", blocks.len() - 1)
}

#[test]
fn the_exempt_report_is_publishable_until_its_words_are_repeated() {
    let r = report();
    let found: Vec<String> = check(&r)
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(found.is_empty(), "{found:#?}");
    let mut r = report();
    let at = push_open(&mut r, Block::Paragraph(LEAK.into()));
    assert_eq!(errors(&r, "R11"), [at]);
    assert!(refused(&r));
}

#[test]
fn exempt_text_in_the_exemptions_own_public_interest_reason_is_caught() {
    // Printed with the notice in the public edition, in place of the text.
    let mut r = report();
    r.sections[FINANCE].exempt =
        exemption(&format!("Publishing that {LEAK} would harm the tender."));
    assert_eq!(
        errors(&r, "R11"),
        [format!("$.sections[{FINANCE}].exempt.public_interest")]
    );
    assert!(refused(&r));

    // An exempt appendix's reason, quoting the appendix.
    let mut r = Report::sample();
    r.appendices[0].exempt = exemption(&format!("Because {LEAK}."));
    r.appendices[0].blocks = vec![Block::Paragraph(EXEMPT.into())];
    assert_eq!(
        errors(&r, "R11"),
        ["$.appendices[0].exempt.public_interest"]
    );
}

/// `LEAK` with `c` inside each of its words, as a reader would not see it.
fn disguised(c: &str) -> String {
    LEAK.split(' ')
        .map(|w| match w.char_indices().nth(1) {
            Some((i, _)) => format!("{}{c}{}", &w[..i], &w[i..]),
            None => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `LEAK` in full-width forms ("Ａｃｍｅ"), as East Asian input methods type it.
fn full_width() -> String {
    LEAK.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
            c => c,
        })
        .collect()
}

#[test]
fn invisible_characters_case_and_compatibility_forms_do_not_hide_exempt_text() {
    let mut cases: Vec<(String, String)> = [
        ("soft hyphen", "\u{AD}"),
        ("zero-width space", "\u{200B}"),
        ("zero-width non-joiner", "\u{200C}"),
        ("zero-width joiner", "\u{200D}"),
        ("word joiner", "\u{2060}"),
        ("byte-order mark", "\u{FEFF}"),
        ("invisible separator (a format character)", "\u{2063}"),
    ]
    .into_iter()
    .map(|(what, c)| (what.to_string(), disguised(c)))
    .collect();
    cases.push(("capitals".into(), LEAK.to_uppercase()));
    cases.push(("full-width letters".into(), full_width()));
    for (what, text) in &cases {
        let mut r = report();
        let at = push_open(&mut r, Block::Paragraph(text.as_str().into()));
        assert_eq!(errors(&r, "R11"), [at], "{what}");
    }
    // The other way round: the exempt text is the disguised one.
    for (what, text) in &cases {
        let mut r = report();
        r.sections[FINANCE].blocks = vec![Block::Paragraph(text.as_str().into())];
        let at = push_open(&mut r, Block::Paragraph(LEAK.into()));
        assert_eq!(errors(&r, "R11"), [at], "exempt text with {what}");
    }
}

#[test]
fn every_printed_field_is_compared_with_exempt_text() {
    let person = || Person {
        name: LEAK.into(),
        role: "Cabinet Member for Resources".into(),
    };
    type Edit = Box<dyn Fn(&mut Report) -> String>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "title",
            Box::new(|r| {
                r.title = LEAK.into();
                "$.title".into()
            }),
        ),
        (
            "short title",
            Box::new(|r| {
                r.short_title = Some(LEAK.into());
                "$.short_title".into()
            }),
        ),
        (
            "report of: name",
            Box::new(|r| {
                r.report_of.name = LEAK.into();
                "$.report_of.name".into()
            }),
        ),
        (
            "report of: role",
            Box::new(|r| {
                r.report_of.role = LEAK.into();
                "$.report_of.role".into()
            }),
        ),
        (
            "lead member",
            Box::new(move |r| {
                r.lead_member = Some(person());
                "$.lead_member.name".into()
            }),
        ),
        (
            "officer's job title",
            Box::new(|r| {
                r.originating_officers[0].job_title = LEAK.into();
                "$.originating_officers[0].job_title".into()
            }),
        ),
        (
            "ward",
            Box::new(|r| {
                r.wards = Wards::Listed(vec!["Bow East".into(), LEAK.into()]);
                "$.wards[1]".into()
            }),
        ),
        (
            "agenda item",
            Box::new(|r| {
                r.meeting.agenda_item = Some(LEAK.into());
                "$.meeting.agenda_item".into()
            }),
        ),
        (
            "decision maker",
            Box::new(|r| {
                r.decision_maker = Some(Body::Officer(LEAK.into()));
                "$.decision_maker.officer".into()
            }),
        ),
        (
            "open sub-heading",
            Box::new(|r| push_open(r, Block::Subheading(LEAK.into()))),
        ),
        (
            "open appendix title",
            Box::new(|r| {
                r.appendices[0].title = LEAK.into();
                "$.appendices[0].title".into()
            }),
        ),
        (
            "exempt appendix title (printed above its notice)",
            Box::new(|r| {
                r.appendices.push(Appendix {
                    title: LEAK.into(),
                    exempt: exemption("Commercial terms of a live tender."),
                    blocks: vec![Block::Paragraph("Withheld valuation.".into())],
                });
                "$.appendices[1].title".into()
            }),
        ),
        (
            "exempt section's own heading (printed above its notice)",
            Box::new(|r| {
                r.sections[FINANCE].heading = Some(LEAK.into());
                format!("$.sections[{FINANCE}].heading")
            }),
        ),
        (
            "link target",
            Box::new(|r| {
                let url = "https://example.org/acme-care-ltd-offered-a-price-of-4-1m-over-three-years-with-a-break-clause";
                let at = push_open(
                    r,
                    Block::Paragraph(Text(vec![
                        Span::plain("See "),
                        Span::link("the tender notice", url),
                        Span::plain("."),
                    ])),
                );
                format!("{at}.paragraph[1].link")
            }),
        ),
    ];
    for (what, edit) in cases {
        let mut r = report();
        let at = edit(&mut r);
        assert_eq!(errors(&r, "R11"), [at], "{what}");
    }
}

#[test]
fn an_exempt_sections_sub_headings_are_exempt_but_its_heading_is_not() {
    // A sub-heading inside the exempt section is withheld with it.
    let mut r = report();
    r.sections[FINANCE]
        .blocks
        .insert(0, Block::Subheading(LEAK.into()));
    r.sections[FINANCE].blocks[1] = Block::Paragraph("Withheld.".into());
    let at = push_open(
        &mut r,
        Block::Paragraph(format!("In short: {LEAK}.").into()),
    );
    assert_eq!(errors(&r, "R11"), [at]);

    // Its own heading and its public-interest reason are printed by design,
    // so open text may repeat them.
    let heading = "Commercial terms for the disposal of the Eastgate depot to the preferred bidder";
    let why =
        "Disclosure of the bids received would prejudice the council's position in a live tender";
    let mut r = report();
    r.sections[FINANCE].heading = Some(heading.into());
    r.sections[FINANCE].exempt = exemption(why);
    push_open(
        &mut r,
        Block::Paragraph(format!("Section 4, {heading}, is exempt: {why}.").into()),
    );
    assert!(errors(&r, "R11").is_empty(), "{:#?}", check(&r));
}

#[test]
fn direction_overrides_and_isolates_are_refused_where_they_are() {
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ] {
        let mut r = Report::sample();
        let at = push_open(&mut r, Block::Paragraph(format!("Open {c}text").into()));
        // One finding, R12's, not R13's too: the character is to be deleted,
        // not drawn with another font.
        let d: Vec<Diagnostic> = check(&r).into_iter().filter(|d| d.is_error()).collect();
        assert_eq!(d.len(), 1, "{c:?}: {d:#?}");
        assert_eq!(d[0].rule, "R12");
        assert_eq!(d[0].path, at);
        let code = format!("U+{:04X}", c as u32);
        assert!(d[0].message.contains(&code), "{}", d[0].message);
        assert!(d[0].message.contains("delete it"), "{}", d[0].message);
        assert!(refused(&r), "{c:?}");
    }
    let mut r = Report::sample();
    r.title = "Library hours \u{202E}2026".into();
    assert_eq!(errors(&r, "R12"), ["$.title"]);
}

#[test]
fn exempt_text_stored_backwards_behind_an_override_is_refused() {
    // Word shows it forwards, the PDF backwards: refused wherever it is.
    let mut r = report();
    let backwards: String = LEAK.chars().rev().collect();
    let at = push_open(
        &mut r,
        Block::Paragraph(format!("\u{202E}{backwards}\u{202C}").into()),
    );
    assert_eq!(errors(&r, "R12"), [at]);
    assert!(refused(&r));
}
