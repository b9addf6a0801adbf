//! Bad and extreme input never panics: every report that loads gives either
//! a valid PDF and Word document or a typed error naming what and where.
//!
//! Property tests push generated reports (hostile text, ragged tables, odd
//! widths, every kind of section, both numbering styles) through the whole
//! pipeline, with and without the validation gate; targeted tests cover the
//! inputs known to be risky. Outputs are checked with real parsers: lopdf
//! for the PDF, zip and quick-xml for the Word package, and on a fixed
//! handful of generated reports (and the 10,000-character word and the
//! 1,000 × 30 table) with qpdf and the ECMA-376 schemas (`scripts/check-docx.py`),
//! which are too slow for every case. A case that runs for minutes ends
//! the run naming its report, rather than hanging CI.

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience};
use cabinet_report::fonts::FontSet;
use cabinet_report::model::*;
use cabinet_report::template::{AppendixStyle, HeadingCase, Jurisdiction, Numbering};
use cabinet_report::validate::{self, Diagnostic};
use cabinet_report::{Error, RenderOptions, Renderer, Template};
use proptest::collection::vec;
use proptest::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Checking outputs

/// The PDF parses, and has at least one page.
fn check_pdf(pdf: &[u8]) -> Result<(), String> {
    let doc =
        lopdf::Document::load_mem(pdf).map_err(|e| format!("lopdf cannot read the PDF: {e}"))?;
    if doc.get_pages().is_empty() {
        return Err("the PDF has no pages".into());
    }
    // Whatever the input, a link goes only to a web or email address.
    fn uris(o: &lopdf::Object, out: &mut Vec<Vec<u8>>) {
        match o {
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(k, v)| match v {
                lopdf::Object::String(u, _) if k == b"URI" => out.push(u.clone()),
                v => uris(v, out),
            }),
            lopdf::Object::Array(a) => a.iter().for_each(|v| uris(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    doc.objects.values().for_each(|o| uris(o, &mut found));
    for uri in found {
        let uri = String::from_utf8_lossy(&uri);
        if !Span::is_followable(&uri) {
            return Err(format!("the PDF links to {uri:?}"));
        }
    }
    Ok(())
}

/// The package is a zip whose XML parts are all well-formed XML 1.0.
fn check_docx(docx: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx))
        .map_err(|e| format!("the Word file is not a zip: {e}"))?;
    let mut saw_document = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        saw_document |= name == "word/document.xml";
        let mut xml = String::new();
        file.read_to_string(&mut xml)
            .map_err(|e| format!("{name} is not UTF-8: {e}"))?;
        check_xml(&xml).map_err(|e| format!("{name}: {e}"))?;
        if name.ends_with(".rels") {
            for rel in xml.split("<Relationship ").skip(1) {
                let external = rel.contains("TargetMode=\"External\"");
                let target = rel
                    .split("Target=\"")
                    .nth(1)
                    .and_then(|t| t.split('"').next());
                if external
                    && !target.is_some_and(|t| Span::is_followable(&t.replace("&amp;", "&")))
                {
                    return Err(format!("{name} links to {target:?}"));
                }
            }
        }
    }
    if !saw_document {
        return Err("no word/document.xml".into());
    }
    Ok(())
}

/// Well-formed XML 1.0: legal characters, balanced and matching tags, unique
/// attributes, known entities.
fn check_xml(xml: &str) -> Result<(), String> {
    use quick_xml::events::Event;
    if let Some(c) = xml.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        return Err(format!(
            "character U+{:04X} is not allowed in XML",
            c as u32
        ));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i64;
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} at byte {}", reader.buffer_position()))?;
        let attrs = |e: &quick_xml::events::BytesStart<'_>| -> Result<(), String> {
            for a in e.attributes().with_checks(true) {
                let a = a.map_err(|e| e.to_string())?;
                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                attrs(&e)?;
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Event::Empty(e) => {
                attrs(&e)?;
                if depth == 0 {
                    roots += 1;
                }
            }
            Event::End(_) => {
                depth -= 1;
                if depth < 0 {
                    return Err("an end tag without a start".into());
                }
            }
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| e.to_string())?;
                } else {
                    let name = r.decode().map_err(|e| e.to_string())?;
                    if !matches!(&*name, "amp" | "lt" | "gt" | "quot" | "apos") {
                        return Err(format!("unknown entity &{name};"));
                    }
                }
            }
            Event::Text(t) if t.windows(3).any(|w| w == b"]]>") => {
                return Err("]]> in text, which XML forbids outside CDATA".into());
            }
            Event::Text(t)
                if depth == 0 && !t.decode().map_err(|e| e.to_string())?.trim().is_empty() =>
            {
                return Err("text outside the root element".into());
            }
            _ => {}
        }
    }
    if depth != 0 || roots != 1 {
        return Err(format!(
            "unbalanced: depth {depth} at the end, {roots} root element(s)"
        ));
    }
    Ok(())
}

/// An error is acceptable when it is typed and says where: a character the
/// fonts lack or an unusable image, at a JSON path. `Pdf`/`Docx` errors are
/// writer bugs and fail the test.
fn check_render_error(e: &Error) -> Result<(), String> {
    match e {
        // Compose refuses a public edition of a wholly exempt report, gate or no gate.
        Error::WhollyExempt => Ok(()),
        Error::MissingGlyph { path, .. } | Error::Image { path, .. } if path.starts_with('$') => {
            Ok(())
        }
        other => Err(format!("unexpected error: {other:?}")),
    }
}

// ---------------------------------------------------------------------------
// Shared fixtures

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(FontSet::default_fonts)
}

/// A folder with the images the generated reports refer to.
fn image_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("cabinet-report-robustness-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        image::RgbImage::from_pixel(30, 20, image::Rgb([0, 89, 79]))
            .save(dir.join("chart.png"))
            .unwrap();
        image::RgbImage::from_pixel(1, 1, image::Rgb([0, 0, 0]))
            .save(dir.join("dot.png"))
            .unwrap();
        image::RgbImage::from_pixel(2, 400, image::Rgb([200, 0, 0]))
            .save(dir.join("tall.png"))
            .unwrap();
        // A PNG signature and nothing else.
        std::fs::write(dir.join("corrupt.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        dir
    })
}

/// The built-in template in one of the styles councils use.
fn template(style: (bool, bool, bool, bool)) -> Template {
    let mut t = Template::tower_hamlets();
    let (continuous, letters, capitals, wales) = style;
    t.numbering = if continuous {
        Numbering::Continuous
    } else {
        Numbering::PerSection
    };
    t.appendices = if letters {
        AppendixStyle::Letters
    } else {
        AppendixStyle::Numbers
    };
    t.heading_case = if capitals {
        HeadingCase::Capitals
    } else {
        HeadingCase::AsWritten
    };
    t.jurisdiction = if wales {
        Jurisdiction::Wales
    } else {
        Jurisdiction::England
    };
    t
}

/// One format's bytes, or why not.
type Rendered = Result<Vec<u8>, Error>;

/// Renders without the validation gate, as a service calling the stages
/// directly would: compose, load images, lay out and write, and Word.
fn render_ungated(
    report: &Report,
    template: &Template,
    audience: Audience,
) -> Result<(Rendered, Rendered), Error> {
    let doc = compose::compose(report, template, audience)?;
    let assets = Assets::load(&doc, template, Some(image_dir()))?;
    let pdf = cabinet_report::pdf::layout::layout(&doc, &assets, fonts())
        .and_then(|laid| cabinet_report::pdf::write::write(laid, fonts()));
    let docx = cabinet_report::docx::render(&doc, &assets);
    Ok((pdf, docx))
}

/// The whole pipeline for one report, asserting the promises of this file.
fn exercise(report: &Report, template: &Template, audience: Audience) -> Result<(), String> {
    match render_ungated(report, template, audience) {
        Err(e) => check_render_error(&e)?,
        Ok((pdf, docx)) => {
            match pdf {
                Ok(pdf) => check_pdf(&pdf)?,
                Err(e) => check_render_error(&e)?,
            }
            match docx {
                Ok(docx) => check_docx(&docx)?,
                Err(e) => check_render_error(&e)?,
            }
        }
    }
    // Through the gate: refused with diagnostics, or rendered.
    let renderer = Renderer::new(template.clone()).map_err(|e| e.to_string())?;
    let options = RenderOptions {
        audience,
        report_dir: Some(image_dir().to_path_buf()),
        ..RenderOptions::default()
    };
    for d in renderer.check(report, audience) {
        if !d.path.starts_with('$') || d.message.trim().is_empty() {
            return Err(format!("a diagnostic without a path or message: {d:?}"));
        }
    }
    match renderer.pdf(report, &options) {
        Ok(pdf) => check_pdf(&pdf)?,
        Err(Error::Invalid(ds)) if ds.iter().any(Diagnostic::is_error) => {}
        Err(e) => check_render_error(&e)?,
    }
    match renderer.docx(report, &options) {
        Ok(docx) => check_docx(&docx)?,
        Err(Error::Invalid(ds)) if ds.iter().any(Diagnostic::is_error) => {}
        Err(e) => check_render_error(&e)?,
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Strategies

/// A word. Tame words are all drawable with the brand's fonts (though often
/// hostile in other ways); wild ones add characters the fonts lack.
fn word(wild: bool) -> BoxedStrategy<String> {
    let tame = prop_oneof![
        12 => "[A-Za-z]{1,12}",
        2 => "[0-9£,.%()-]{1,8}",
        2 => "[àéîõüßçñÅØÆœ]{1,6}",
        1 => Just(String::new()),
        1 => "[\\x00-\\x1f\\x7f-\\x9f]{1,3}",
        1 => "[a-z][\u{300}-\u{308}]{1,3}",
        1 => "[\u{5d0}-\u{5ea}]{1,8}",
        1 => "[ \t\n\r\u{a0}\u{200b}\u{feff}\u{2028}\u{ad}]{1,3}",
        1 => "[a-z]{300,3000}",
        1 => "[<>&\"'\\\\{}\\[\\]]{1,4}",
        // What ends or escapes XML and PDF syntax, whole.
        2 => prop::sample::select(vec![
            "]]>", "<![CDATA[", "</w:t>", "&amp;", "&#0;", "(", ")", "\\", "\\(", "(\\)",
            "\\\\)", "%%EOF", "endstream", "endobj", ">>", "<<", "/Type", "\\376\\377",
        ])
        .prop_map(String::from),
        // Right-to-left and direction controls mixed with left-to-right.
        1 => "[a-z\u{5d0}-\u{5ea}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}]{1,8}",
    ];
    if !wild {
        return tame.boxed();
    }
    prop_oneof![
        24 => tame,
        2 => "[\u{627}-\u{64a}]{1,6}",
        2 => "[\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{200d}\u{fe0f}\u{1F3FB}-\u{1F3FF}]{1,4}",
        2 => any::<char>().prop_map(String::from),
        // Every plane: supplementary multilingual, ideographic, tertiary,
        // the unassigned planes 4-13, special-purpose (tags, variation
        // selectors), private use (BMP and planes 15-16), noncharacters,
        // unassigned BMP code points.
        1 => "[\u{10000}-\u{1FFFF}]{1,3}",
        1 => "[\u{20000}-\u{2FFFF}]{1,3}",
        1 => "[\u{30000}-\u{3FFFF}]{1,3}",
        1 => "[\u{40000}-\u{DFFFF}]{1,3}",
        1 => "[\u{E0000}-\u{EFFFF}]{1,3}",
        1 => "[\u{E000}-\u{F8FF}\u{F0000}-\u{10FFFF}]{1,3}",
        1 => "[\u{FDD0}-\u{FDEF}\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}]{1,3}",
        1 => "[\u{378}\u{379}\u{380}-\u{383}\u{2FE0}-\u{2FEF}\u{FFF0}-\u{FFF8}]{1,3}",
    ]
    .boxed()
}

fn string(wild: bool) -> impl Strategy<Value = String> {
    vec(word(wild), 0..6).prop_map(|w| w.join(" "))
}

fn span(wild: bool) -> impl Strategy<Value = Span> {
    (
        string(wild),
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(
            0.15,
            prop_oneof![
                4 => "https://example\\.org/[a-z]{0,10}",
                1 => prop::sample::select(vec![
                    "javascript:alert(1)",
                    " JavaScript:alert(1)",
                    "file:///etc/passwd",
                    "data:text/html,<b>x</b>",
                    "mailto:clerk@example.org?subject=(a)\\",
                    "https://example.org/]]>(x)",
                ])
                .prop_map(String::from),
                2 => string(wild),
            ],
        ),
    )
        .prop_map(|(text, bold, italic, link)| Span {
            text,
            bold,
            italic,
            link,
            lang: None,
        })
}

fn text(wild: bool) -> impl Strategy<Value = Text> {
    vec(span(wild), 0..3).prop_map(Text)
}

fn percent() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(0.0f32),
        Just(-10.0),
        Just(1e30),
        Just(100.0),
        Just(250.0),
        0.0f32..120.0,
    ]
}

fn millimetres() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(0.0f32),
        Just(-5.0),
        Just(5000.0),
        Just(1e30),
        Just(0.001),
        0.0f32..300.0,
    ]
}

fn align() -> impl Strategy<Value = Align> {
    prop_oneof![
        Just(Align::Auto),
        Just(Align::Left),
        Just(Align::Centre),
        Just(Align::Right)
    ]
}

fn table(wild: bool) -> impl Strategy<Value = Table> {
    (
        prop::option::of(text(wild)),
        vec(
            (text(wild), align(), prop::option::weighted(0.3, percent())).prop_map(
                |(heading, align, width_percent)| Column {
                    heading,
                    align,
                    width_percent,
                },
            ),
            0..6,
        ),
        vec(vec(text(wild), 0..8), 0..6),
        any::<bool>(),
        prop::option::weighted(0.3, vec(text(wild), 0..8)),
    )
        .prop_map(|(caption, columns, rows, header_column, total)| Table {
            caption,
            columns,
            rows,
            header_column,
            total,
            ..Default::default()
        })
}

fn image_block(wild: bool) -> impl Strategy<Value = Image> {
    let good = prop_oneof![
        4 => Just("chart.png".to_string()),
        1 => Just("dot.png".to_string()),
        1 => Just("tall.png".to_string()),
    ];
    let src = if wild {
        prop_oneof![
            8 => good,
            1 => Just("corrupt.png".to_string()),
            1 => Just("missing.png".to_string()),
            1 => Just(String::new()),
        ]
        .boxed()
    } else {
        good.boxed()
    };
    (
        src,
        string(wild),
        prop::option::of(millimetres()),
        prop::option::of(text(wild)),
    )
        .prop_map(|(src, alt, width_mm, caption)| Image {
            src,
            alt,
            width_mm,
            caption,
        })
}

fn block(wild: bool) -> impl Strategy<Value = Block> {
    prop_oneof![
        6 => text(wild).prop_map(Block::Paragraph),
        1 => text(wild).prop_map(Block::Continuation),
        1 => text(wild).prop_map(Block::Subheading),
        1 => text(wild).prop_map(Block::Quote),
        2 => vec(text(wild), 0..40).prop_map(Block::Bullets),
        1 => vec(text(wild), 0..12).prop_map(Block::NumberedList),
        2 => table(wild).prop_map(Block::Table),
        1 => image_block(wild).prop_map(Block::Image),
    ]
}

fn blocks(wild: bool, max: usize) -> impl Strategy<Value = Vec<Block>> {
    vec(block(wild), 0..max)
}

fn exemption(wild: bool) -> impl Strategy<Value = Exemption> {
    (vec(any::<u8>(), 0..4), string(wild)).prop_map(|(paragraphs, public_interest)| Exemption {
        paragraphs,
        public_interest,
    })
}

fn kind() -> impl Strategy<Value = SectionKind> {
    prop_oneof![
        Just(SectionKind::Reasons),
        Just(SectionKind::AlternativeOptions),
        Just(SectionKind::Details),
        Just(SectionKind::Equalities),
        Just(SectionKind::OtherStatutory),
        Just(SectionKind::Finance),
        Just(SectionKind::Legal),
        Just(SectionKind::Other),
    ]
}

fn section(wild: bool) -> impl Strategy<Value = Section> {
    (
        kind(),
        prop::option::weighted(0.4, string(wild)),
        blocks(wild, 6),
        prop::option::weighted(0.2, exemption(wild)),
    )
        .prop_map(|(kind, heading, blocks, exempt)| Section {
            kind,
            heading,
            blocks,
            exempt,
            sign_off: None,
        })
}

fn recommendation(wild: bool) -> impl Strategy<Value = Recommendation> {
    (
        text(wild),
        prop_oneof![Just(Route::Decide), Just(Route::Council), Just(Route::Note)],
        blocks(wild, 3),
    )
        .prop_map(|(text, route, blocks)| Recommendation {
            text,
            route,
            blocks,
        })
}

fn appendix(wild: bool) -> impl Strategy<Value = Appendix> {
    (
        string(wild),
        prop::option::weighted(0.3, exemption(wild)),
        blocks(wild, 3),
    )
        .prop_map(|(title, exempt, blocks)| Appendix {
            title,
            exempt,
            blocks,
        })
}

fn papers(wild: bool) -> impl Strategy<Value = Papers> {
    prop_oneof![
        Just(Papers::None),
        vec(text(wild), 0..4).prop_map(Papers::Listed)
    ]
}

fn person(wild: bool) -> impl Strategy<Value = Person> {
    (string(wild), string(wild)).prop_map(|(name, role)| Person { name, role })
}

fn officer(wild: bool) -> impl Strategy<Value = Officer> {
    (
        string(wild),
        string(wild),
        prop::option::of(string(wild)),
        prop::option::of(string(wild)),
    )
        .prop_map(|(name, job_title, phone, email)| Officer {
            name,
            job_title,
            phone,
            email,
        })
}

fn date() -> impl Strategy<Value = Date> {
    (1900i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn body(wild: bool) -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::Cabinet),
        Just(Body::MayorInCabinet),
        Just(Body::Council),
        string(wild).prop_map(Body::Committee),
        string(wild).prop_map(Body::CabinetMember),
        string(wild).prop_map(Body::Officer),
    ]
}

/// Unfilled field text that cannot be mistaken for a value when reloaded.
fn unfilled() -> impl Strategy<Value = String> {
    "\\[Insert [a-z ]{0,12}\\]"
}

fn key_decision(wild: bool) -> impl Strategy<Value = KeyDecision> {
    (
        prop_oneof![
            Just(Field::Value(YesNo::Yes)),
            Just(Field::Value(YesNo::No)),
            unfilled().prop_map(Field::Unfilled),
        ],
        prop::option::of(prop_oneof![
            vec(
                prop_oneof![
                    Just(KeyReason::FinancialThreshold),
                    Just(KeyReason::TwoOrMoreWards)
                ],
                0..3
            )
            .prop_map(Field::Value),
            unfilled().prop_map(Field::Unfilled),
        ]),
        prop::option::of(prop_oneof![
            date().prop_map(Field::Value),
            unfilled().prop_map(Field::Unfilled)
        ]),
        prop::option::of(string(wild)),
        prop::option::weighted(
            0.2,
            prop_oneof![
                string(wild).prop_map(|reason| Urgency::GeneralException { reason }),
                (string(wild), string(wild))
                    .prop_map(|(reason, agreed_by)| Urgency::SpecialUrgency { reason, agreed_by }),
            ],
        ),
    )
        .prop_map(
            |(answer, reasons, notice_published, forward_plan_ref, urgency)| KeyDecision {
                answer,
                reasons,
                notice_published,
                forward_plan_ref,
                urgency,
                statement: None,
            },
        )
}

fn report(wild: bool) -> impl Strategy<Value = Report> {
    let header = (
        (body(wild), date(), prop::option::of(string(wild))),
        prop::option::weighted(0.2, body(wild)),
        string(wild),
        prop::option::of(string(wild)),
        prop_oneof![Just(Purpose::Decision), Just(Purpose::Information)],
        person(wild),
        prop::option::of(date()),
        prop::option::of(person(wild)),
        vec(officer(wild), 0..3),
        prop_oneof![
            Just(Wards::All),
            vec(string(wild), 0..4).prop_map(Wards::Listed)
        ],
        key_decision(wild),
        vec(string(wild), 0..3),
    );
    let rest = (
        prop::option::of(prop_oneof![
            Just(CallIn::Applies),
            string(wild).prop_map(CallIn::Exempt)
        ]),
        prop::option::weighted(0.2, text(wild)),
        prop::option::weighted(0.1, exemption(wild)),
        blocks(wild, 4),
        vec(recommendation(wild), 0..4),
        vec(section(wild), 0..9),
        prop::option::of(papers(wild)),
        vec(appendix(wild), 0..3),
        prop::option::of(papers(wild)),
        vec(officer(wild), 0..3),
    );
    (header, rest).prop_map(|(h, r)| {
        let (
            (meeting_body, meeting_date, agenda_item),
            decision_maker,
            title,
            short_title,
            purpose,
            report_of,
            report_date,
            lead_member,
            originating_officers,
            wards,
            key_decision,
            strategic_priorities,
        ) = h;
        let (
            call_in,
            lateness,
            exempt,
            summary,
            recommendations,
            sections,
            linked_reports,
            appendices,
            background_papers,
            contacts,
        ) = r;
        Report {
            template: None,
            language: None,
            meeting: Meeting {
                body: meeting_body,
                date: meeting_date,
                agenda_item,
            },
            decision_maker,
            title,
            short_title,
            purpose,
            report_of,
            report_date,
            lead_member,
            originating_officers,
            wards,
            key_decision,
            strategic_priorities,
            header_rows: Default::default(),
            header_sign_offs: Default::default(),
            call_in,
            lateness,
            exempt,
            summary,
            recommendations,
            sections,
            linked_reports,
            appendices,
            background_papers,
            contacts,
            translation: None,
        }
    })
}

fn audience() -> impl Strategy<Value = Audience> {
    prop_oneof![Just(Audience::Public), Just(Audience::Full)]
}

/// With `ROBUSTNESS_DUMP=DIR`, the drawable cases' files are kept in DIR
/// (`case-N.json`, `.pdf`, `.docx`) for the real readers (`pdfua check`,
/// `scripts/check-docx.py`), which are too slow to run on every case.
fn dump(report: &Report, pdf: &[u8], docx: &[u8]) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let Ok(dir) = std::env::var("ROBUSTNESS_DUMP") else {
        return;
    };
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(format!("case-{n}.json")), report.to_json()).unwrap();
    std::fs::write(dir.join(format!("case-{n}.pdf")), pdf).unwrap();
    std::fs::write(dir.join(format!("case-{n}.docx")), docx).unwrap();
}

/// Ends the whole test run, naming the input, if one case takes longer than
/// any report could need: an infinite loop would otherwise hang CI with no
/// clue which input caused it (a case cannot be stopped from outside).
struct Watchdog(Option<std::sync::mpsc::Sender<()>>);

impl Watchdog {
    const LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

    fn new(report: &Report) -> Watchdog {
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let json = report.to_json();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(Self::LIMIT)
            {
                eprintln!(
                    "a case ran for over {:?}, so the renderers loop or crawl on this report:\n{json}",
                    Self::LIMIT
                );
                std::process::exit(101);
            }
        });
        Watchdog(Some(done))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(done) = self.0.take() {
            let _ = done.send(());
        }
    }
}

/// 64 cases each, so the suite stays fast; `ROBUSTNESS_CASES=1000` searches harder.
fn cases() -> u32 {
    std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// Reports in hostile but drawable text, with usable images: valid files
    /// ungated, and through the gate unless the validator refuses them.
    #[test]
    fn drawable_reports_render_to_valid_files(
        report in report(false),
        style in any::<(bool, bool, bool, bool)>(),
        audience in audience(),
    ) {
        let _watchdog = Watchdog::new(&report);
        let (pdf, docx) = match render_ungated(&report, &template(style), audience) {
            Ok(outputs) => outputs,
            // No public edition of a wholly exempt report exists to draw.
            Err(Error::WhollyExempt)
                if report.exempt.is_some() && audience == Audience::Public =>
            {
                return Ok(())
            }
            Err(e) => return Err(TestCaseError::fail(format!("images: {e}"))),
        };
        match &pdf {
            Ok(pdf) => prop_assert!(check_pdf(pdf).is_ok(), "{:?}", check_pdf(pdf)),
            Err(e) => prop_assert!(false, "no PDF: {e:?}"),
        }
        match &docx {
            Ok(docx) => prop_assert!(check_docx(docx).is_ok(), "{:?}", check_docx(docx)),
            Err(e) => prop_assert!(false, "no Word document: {e:?}"),
        }
        dump(&report, pdf.as_deref().unwrap_or_default(), docx.as_deref().unwrap_or_default());
        let t = template(style);
        let doc = compose::compose(&report, &t, audience).expect("composes");
        let assets = Assets::load(&doc, &t, Some(image_dir())).unwrap();
        let laid = cabinet_report::pdf::layout::layout(&doc, &assets, fonts()).unwrap();
        if let Err(e) = on_the_paper(&laid) {
            prop_assert!(false, "{}", e);
        }
        if let Err(e) = exercise(&report, &t, audience) {
            prop_assert!(false, "{}", e);
        }
    }

    /// Any report that serializes loads back unchanged, then renders to valid
    /// files or fails with a typed error at a JSON path, gated or not.
    #[test]
    fn any_loadable_report_renders_or_fails_with_a_typed_error(
        report in report(true),
        style in any::<(bool, bool, bool, bool)>(),
        audience in audience(),
    ) {
        let _watchdog = Watchdog::new(&report);
        let json = report.to_json();
        let loaded = Report::from_json_bytes(json.as_bytes());
        prop_assert!(loaded.is_ok(), "the report's own JSON does not load: {:?}", loaded.err());
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded, &report);
        if let Err(e) = exercise(&loaded, &template(style), audience) {
            prop_assert!(false, "{}", e);
        }
    }
}

// ---------------------------------------------------------------------------
// Targeted inputs

fn base() -> ReportBuilder {
    Report::builder(
        "Library opening hours",
        Body::Cabinet,
        Date::parse_iso("2026-03-18").unwrap(),
    )
    .report_of("Ann Smith", "Corporate Director, Place")
    .wards(Wards::All)
    .summary("Proposes longer opening hours at three libraries.")
    .recommendation("Approve the new opening hours.")
    .background_papers(Papers::None)
}

/// The sections the template makes mandatory, after whatever came before.
fn complete(b: ReportBuilder) -> Report {
    [
        SectionKind::Reasons,
        SectionKind::AlternativeOptions,
        SectionKind::Finance,
        SectionKind::Legal,
    ]
    .into_iter()
    .fold(b, |b, kind| b.section(kind, |s| s.paragraph("None.")))
    .build()
}

/// A publishable report with `block` at `$.sections[0].blocks[1]`.
fn with_block(block: Block) -> Report {
    complete(base().section(SectionKind::Details, |s| {
        s.paragraph("The libraries open at 9am.").block(block)
    }))
}

fn col(heading: &str) -> Column {
    Column {
        heading: Text::from(heading),
        align: Align::Auto,
        width_percent: None,
    }
}

fn cells(texts: &[&str]) -> Vec<Text> {
    texts.iter().map(|t| Text::from(*t)).collect()
}

/// Renders ungated with the built-in template and asserts valid files.
fn renders_ungated(report: &Report) -> (Vec<u8>, Vec<u8>) {
    let (pdf, docx) =
        render_ungated(report, &Template::tower_hamlets(), Audience::Full).expect("assets load");
    let pdf = pdf.expect("a PDF");
    let docx = docx.expect("a Word document");
    check_pdf(&pdf).unwrap();
    check_docx(&docx).unwrap();
    (pdf, docx)
}

fn diagnostics(report: &Report) -> Vec<Diagnostic> {
    validate::validate(report, &Template::tower_hamlets(), Audience::Public)
}

fn errors_at(report: &Report, rule: &str) -> Vec<String> {
    diagnostics(report)
        .into_iter()
        .filter(|d| d.rule == rule && d.is_error())
        .map(|d| d.path)
        .collect()
}

/// The text of word/document.xml.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_sample_passes_every_check_here() {
    exercise(
        &Report::sample(),
        &Template::tower_hamlets(),
        Audience::Public,
    )
    .unwrap();
    let (pdf, docx) = renders_ungated(&Report::sample());
    assert!(pdf.len() > 10_000 && docx.len() > 5_000);
}

/// Every drawn thing on every page stays on the paper: text runs (by their
/// advances and baselines) and images. A message says what strays.
fn on_the_paper(laid: &cabinet_report::pdf::frame::LaidOut) -> Result<(), String> {
    use cabinet_report::pdf::frame::ItemKind;
    use cabinet_report::pdf::layout::PAGE_SIZE;
    let (pw, ph) = PAGE_SIZE;
    for (p, page) in laid.pages.iter().enumerate() {
        let p = p + 1;
        for item in &page.items {
            match &item.kind {
                ItemKind::Text(run) => {
                    let w: f32 = run
                        .glyphs
                        .iter()
                        .rev()
                        .skip_while(|g| !g.text.is_empty() && g.text.trim().is_empty())
                        .map(|g| g.advance)
                        .sum();
                    if !(run.x >= 0.0 && run.x + w <= pw - 20.0) {
                        return Err(format!(
                            "page {p}: text at x {} of width {w} leaves the page",
                            run.x
                        ));
                    }
                    if !(run.y > 0.0 && run.y < ph) {
                        let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
                        return Err(format!(
                            "page {p}: text {:?} with its baseline at y {} is off the page",
                            text.chars().take(40).collect::<String>(),
                            run.y
                        ));
                    }
                }
                ItemKind::Image { x, y, w, h, .. } => {
                    if !(*w > 0.0 && *h > 0.0) {
                        return Err(format!("page {p}: an image {w} × {h}"));
                    }
                    if !(*x >= 0.0 && x + w <= pw && *y >= 0.0 && y + h <= ph) {
                        return Err(format!(
                            "page {p}: an image at ({x}, {y}) {w} × {h} leaves the page"
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Lays out with the built-in template (full audience) and asserts [`on_the_paper`].
fn inside_the_page(report: &Report) -> cabinet_report::pdf::frame::LaidOut {
    let template = Template::tower_hamlets();
    let doc = compose::compose(report, &template, Audience::Full).expect("composes");
    let assets = Assets::load(&doc, &template, Some(image_dir())).unwrap();
    let laid = cabinet_report::pdf::layout::layout(&doc, &assets, fonts()).unwrap();
    on_the_paper(&laid).unwrap();
    laid
}

fn images_of(laid: &cabinet_report::pdf::frame::LaidOut) -> Vec<(f32, f32)> {
    use cabinet_report::pdf::frame::ItemKind;
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i.kind {
            ItemKind::Image { w, h, .. } => Some((w, h)),
            _ => None,
        })
        .collect()
}

fn table_block(columns: Vec<Column>, rows: Vec<Vec<Text>>, total: Option<Vec<Text>>) -> Block {
    Block::Table(Table {
        caption: Some(Text::from("Table 1: Opening hours")),
        columns,
        rows,
        header_column: true,
        total,
        ..Default::default()
    })
}

#[test]
fn ragged_table_rows_are_refused_by_the_validator_and_padded_by_the_renderers() {
    let report = with_block(table_block(
        vec![col("Library"), col("Hours"), col("Visits")],
        vec![
            cells(&["Bow", "40"]),
            cells(&["Poplar", "38", "1,200", "spare-cell-text"]),
            vec![],
        ],
        Some(cells(&["Total"])),
    ));
    let t = "$.sections[0].blocks[1].table";
    assert_eq!(
        errors_at(&report, "R12"),
        [
            format!("{t}.rows[0]"),
            format!("{t}.rows[1]"),
            format!("{t}.rows[2]"),
            format!("{t}.total")
        ]
    );
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    match renderer.pdf(&report, &RenderOptions::default()) {
        Err(Error::Invalid(ds)) => assert!(ds.iter().any(|d| d.rule == "R12")),
        other => panic!("expected the validator to refuse it, got {other:?}"),
    }
    // Ungated, every row has one cell per column, in both formats.
    let (_, docx) = renders_ungated(&report);
    let xml = document_xml(&docx);
    let body_table = &xml[xml.find("Table 1: Opening hours").unwrap()..];
    let body_table = &body_table[..body_table.find("</w:tbl>").unwrap()];
    for row in body_table.split("<w:tr>").skip(1) {
        assert_eq!(
            row.matches("<w:tc>").count(),
            3,
            "a Word row without 3 cells"
        );
    }
    assert!(!xml.contains("spare-cell-text"));
    inside_the_page(&report);
}

#[test]
fn a_table_with_no_columns_and_no_rows_is_refused_and_skipped_ungated() {
    let report = with_block(table_block(vec![], vec![], None));
    assert_eq!(
        errors_at(&report, "R12"),
        ["$.sections[0].blocks[1].table.columns"]
    );
    renders_ungated(&report);
    // Rows without columns are a table without a header row, printed.
    let report = with_block(table_block(vec![], vec![cells(&["orphan cell"])], None));
    assert!(errors_at(&report, "R12").is_empty());
    let (_, docx) = renders_ungated(&report);
    assert!(document_xml(&docx).contains("orphan cell"));
}

#[test]
fn odd_column_widths_are_refused_and_still_lay_out() {
    let widths = [0.0, -10.0, 1e30, 250.0];
    let columns: Vec<Column> = widths
        .iter()
        .map(|&w| Column {
            width_percent: Some(w),
            ..col("Heading")
        })
        .collect();
    let report = with_block(table_block(
        columns,
        vec![cells(&["a", "b", "c", "d"]); 3],
        None,
    ));
    assert_eq!(errors_at(&report, "R12").len(), 4);
    renders_ungated(&report);
    inside_the_page(&report);
}

/// A PNG of `w` × `h` pixels in the image folder.
fn png(name: &str, w: u32, h: u32) -> String {
    let path = image_dir().join(name);
    if !path.exists() {
        image::GrayImage::from_pixel(w, h, image::Luma([90]))
            .save(&path)
            .unwrap();
    }
    name.to_string()
}

fn image(src: &str, width_mm: Option<f32>) -> Block {
    Block::Image(Image {
        src: src.into(),
        alt: "Visits to each library, 2025".into(),
        width_mm,
        caption: Some(Text::from("Figure 1: Visits")),
    })
}

#[test]
fn tiny_and_huge_images_fit_the_page() {
    for (src, (w, h)) in [
        (png("one-pixel.png", 1, 1), (1, 1)),
        (png("six-thousand.png", 6000, 6000), (6000, 6000)),
    ] {
        let report = with_block(image(&src, None));
        let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
        let options = RenderOptions {
            audience: Audience::Public,
            report_dir: Some(image_dir().to_path_buf()),
            ..RenderOptions::default()
        };
        let pdf = renderer.pdf(&report, &options).unwrap();
        check_pdf(&pdf).unwrap();
        check_docx(&renderer.docx(&report, &options).unwrap()).unwrap();
        let laid = inside_the_page(&report);
        let (iw, ih) = images_of(&laid)[0];
        assert!(
            (iw / ih - w as f32 / h as f32).abs() < 0.01,
            "aspect ratio kept"
        );
        assert!(iw >= 5.0 * 72.0 / 25.4 - 0.01, "{src} drawn {iw} pt wide");
    }
}

#[test]
fn odd_image_widths_are_refused_and_drawn_at_a_sane_size() {
    let src = png("square.png", 200, 200);
    let five_mm = 5.0 * 72.0 / 25.4;
    for width in [0.0f32, -5.0, 5000.0] {
        let report = with_block(image(&src, Some(width)));
        // Too narrow or wider than the text: both refused by the check;
        // ungated, the renderers still draw a sane size.
        let refused = errors_at(&report, "R12");
        assert_eq!(refused, ["$.sections[0].blocks[1].image.width_mm"]);
        renders_ungated(&report);
        let laid = inside_the_page(&report);
        let (w, _) = images_of(&laid)[0];
        assert!(w >= five_mm - 0.01, "{width} mm drawn {w} pt wide");
    }
}

#[test]
fn a_corrupt_png_is_an_image_error_naming_the_block() {
    let report = with_block(image("corrupt.png", None));
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        audience: Audience::Public,
        report_dir: Some(image_dir().to_path_buf()),
        ..RenderOptions::default()
    };
    for result in [
        renderer.pdf(&report, &options),
        renderer.docx(&report, &options),
    ] {
        match result {
            Err(Error::Image { path, src, .. }) => {
                assert_eq!(path, "$.sections[0].blocks[1]");
                assert_eq!(src, "corrupt.png");
            }
            other => panic!("expected an image error, got {other:?}"),
        }
    }
}

#[test]
fn a_ten_thousand_item_list_renders() {
    let items: Vec<Text> = (1..=10_000)
        .map(|i| Text::from(format!("Item {i}: a library card issued")))
        .collect();
    let report = with_block(Block::Bullets(items));
    let (pdf, docx) = renders_ungated(&report);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(doc.get_pages().len() > 100, "10,000 lines need many pages");
    assert!(document_xml(&docx).contains("Item 10000: a library card issued"));
}

#[test]
fn a_five_thousand_character_word_is_broken_inside_the_margins() {
    let word = "Llanfair".repeat(625);
    assert_eq!(word.len(), 5000);
    let mut report = with_block(table_block(
        vec![col("Library"), col("Note")],
        vec![vec![Text::from("Bow"), Text::from(word.as_str())]],
        None,
    ));
    report.sections[0].heading = Some(word.clone());
    report.title = word.clone();
    assert!(errors_at(&report, "R12").is_empty());
    renders_ungated(&report);
    let laid = inside_the_page(&report);
    let drawn: usize = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.kind {
            cabinet_report::pdf::frame::ItemKind::Text(r) => Some(r),
            _ => None,
        })
        .map(|r| r.glyphs.iter().filter(|g| g.text == "L").count())
        .sum();
    assert!(
        drawn >= 3 * 625,
        "the word is drawn in full in the title, heading and cell"
    );
}

/// Every string in the PDF and every stream that holds text (page content,
/// Unicode maps, metadata), decompressed; not fonts or images, whose bytes
/// are binary, nor the compressed form, where any byte pair can occur.
fn pdf_text_bytes(pdf: &[u8]) -> Vec<u8> {
    fn strings(o: &lopdf::Object, out: &mut Vec<u8>) {
        match o {
            lopdf::Object::String(s, _) => out.extend_from_slice(s),
            lopdf::Object::Array(a) => a.iter().for_each(|o| strings(o, out)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, o)| strings(o, out)),
            lopdf::Object::Stream(s) => s.dict.iter().for_each(|(_, o)| strings(o, out)),
            _ => {}
        }
    }
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF loads");
    let mut out = Vec::new();
    for object in doc.objects.values() {
        strings(object, &mut out);
        if let lopdf::Object::Stream(s) = object {
            let binary = s.dict.has(b"Length1")
                || s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image");
            if !binary {
                out.extend(
                    s.decompressed_content()
                        .unwrap_or_else(|_| s.content.clone()),
                );
            }
        }
    }
    out
}

#[test]
fn control_characters_are_dropped_or_spaced_never_written_raw() {
    let nasty =
        "Open\u{0}ing\u{1} hours\u{7}\u{8}\u{b}\u{c}\u{1b}[0m \u{7f}\u{85}\u{2028}end\u{feff}";
    let mut report = complete(base().section(SectionKind::Details, |s| {
        s.heading(nasty)
            .paragraph(nasty)
            .block(Block::Bullets(vec![Text::from(nasty)]))
            .block(table_block(
                vec![col(nasty)],
                vec![vec![Text::from(nasty)]],
                None,
            ))
    }));
    report.title = nasty.to_string();
    report.report_of.name = nasty.to_string();
    let (pdf, docx) = renders_ungated(&report);
    let xml = document_xml(&docx);
    assert!(xml.contains("Open"), "the words survive");
    assert!(!xml.contains('\u{0}') && !xml.contains('\u{1b}'));
    assert!(
        !pdf_text_bytes(&pdf).windows(2).any(|w| w == b"\x1b["),
        "no raw escape sequence"
    );
    // A noncharacter is not text: refused in the PDF at its path, dropped in Word.
    let odd = with_block(Block::Paragraph(Text::from("Opening\u{fffe} hours")));
    let (pdf, docx) = render_ungated(&odd, &Template::tower_hamlets(), Audience::Public).unwrap();
    match pdf {
        Err(Error::MissingGlyph { path, ch }) => {
            assert_eq!((path.as_str(), ch), ("$.sections[0].blocks[1]", '\u{fffe}'))
        }
        Ok(pdf) => check_pdf(&pdf).unwrap(),
        Err(e) => panic!("unexpected error {e:?}"),
    }
    check_docx(&docx.unwrap()).unwrap();
}

#[test]
fn an_emoji_is_refused_by_the_check_and_a_missing_glyph_ungated() {
    let report = with_block(Block::Paragraph(Text::from(
        "Visits rose \u{1F600} last year.",
    )));
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    // The check knows the fonts, so the report is refused before rendering.
    let r13 = |e: Result<Vec<u8>, Error>| match e {
        Err(Error::Invalid(ds)) => ds
            .iter()
            .any(|d| d.rule == "R13" && d.path == "$.sections[0].blocks[1]"),
        _ => false,
    };
    assert!(r13(renderer.pdf(&report, &RenderOptions::default())));
    assert!(r13(renderer.docx(&report, &RenderOptions::default())));
    // Called without the gate, layout still names the character and path;
    // Word can show it.
    let (pdf, docx) =
        render_ungated(&report, &Template::tower_hamlets(), Audience::Public).unwrap();
    match pdf {
        Err(Error::MissingGlyph { path, ch }) => {
            assert_eq!(path, "$.sections[0].blocks[1]");
            assert_eq!(ch, '\u{1F600}');
        }
        other => panic!("expected a missing glyph, got {other:?}"),
    }
    let docx = docx.unwrap();
    check_docx(&docx).unwrap();
    assert!(document_xml(&docx).contains('\u{1F600}'));
}

#[test]
fn right_to_left_text_is_a_missing_glyph_or_drawn() {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    // Arabic: not in Liberation Sans, so refused with its path (R13).
    let arabic = with_block(Block::Paragraph(Text::from("مكتبة المدينة")));
    let found = renderer.check(&arabic, Audience::Public);
    assert!(
        found
            .iter()
            .any(|d| d.rule == "R13" && d.path == "$.sections[0].blocks[1]"),
        "{found:?}"
    );
    // Hebrew: in the font, so drawn.
    let hebrew = with_block(Block::Paragraph(Text::from("ספרייה עירונית")));
    check_pdf(&renderer.pdf(&hebrew, &RenderOptions::default()).unwrap()).unwrap();
}

#[test]
fn a_report_with_every_optional_field_empty_renders_ungated() {
    let report = Report {
        template: None,
        language: None,
        meeting: Meeting {
            body: Body::Committee(String::new()),
            date: Date::parse_iso("2026-03-18").unwrap(),
            agenda_item: Some(String::new()),
        },
        decision_maker: None,
        title: String::new(),
        short_title: Some(String::new()),
        purpose: Purpose::Decision,
        report_of: Person {
            name: String::new(),
            role: String::new(),
        },
        report_date: None,
        lead_member: Some(Person {
            name: String::new(),
            role: String::new(),
        }),
        originating_officers: vec![],
        wards: Wards::Listed(vec![]),
        key_decision: KeyDecision {
            // A blank answer does not load (a typed error); "no" is the emptiest.
            answer: Field::Value(YesNo::No),
            reasons: Some(Field::Value(vec![])),
            notice_published: None,
            forward_plan_ref: Some(String::new()),
            urgency: None,
            statement: None,
        },
        strategic_priorities: vec![],
        header_rows: Default::default(),
        header_sign_offs: Default::default(),
        call_in: Some(CallIn::Exempt(String::new())),
        lateness: Some(Text::default()),
        exempt: None,
        summary: vec![],
        recommendations: vec![],
        sections: vec![],
        linked_reports: Some(Papers::Listed(vec![])),
        appendices: vec![],
        background_papers: Some(Papers::Listed(vec![])),
        contacts: vec![],
        translation: None,
    };
    let json = report.to_json();
    assert_eq!(Report::from_json(&json).unwrap(), report);
    renders_ungated(&report);
    assert!(
        diagnostics(&report).iter().any(Diagnostic::is_error),
        "an empty report cannot be published"
    );
}

#[test]
fn a_javascript_link_is_refused_and_printed_as_plain_text() {
    let report = with_block(Block::Paragraph(Text(vec![
        Span::plain("Read "),
        Span::link("the plan", "javascript:alert(document.cookie)"),
        Span::plain(" or "),
        Span::link("the minutes", "https://example.org/minutes"),
    ])));
    assert_eq!(
        errors_at(&report, "R12"),
        ["$.sections[0].blocks[1].paragraph[1].link"]
    );
    let (pdf, docx) = renders_ungated(&report);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    fn uris(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    match v.as_str() {
                        Ok(u) if k == b"URI" => out.push(String::from_utf8_lossy(u).into_owned()),
                        _ => uris(v, out),
                    }
                }
            }
            lopdf::Object::Array(a) => a.iter().for_each(|v| uris(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    doc.objects.values().for_each(|o| uris(o, &mut found));
    assert_eq!(found, ["https://example.org/minutes"]);
    let xml = document_xml(&docx);
    assert!(xml.contains("the plan") && !xml.contains("javascript:"));
}

#[test]
fn a_table_header_taller_than_a_page_is_split_not_drawn_off_the_page() {
    let long = "word ".repeat(6000);
    let columns: Vec<Column> = (0..6).map(|_| col(&long)).collect();
    let report = with_block(table_block(
        columns,
        vec![cells(&["a", "b", "c", "d", "e", "f"])],
        None,
    ));
    let laid = inside_the_page(&report);
    assert!(laid.pages.len() > 20, "the header fills many pages");
    renders_ungated(&report);
}

#[test]
fn a_first_page_with_three_thousand_wards_and_a_long_title_stays_on_the_paper() {
    let mut report = with_block(Block::Paragraph("The libraries.".into()));
    report.wards = Wards::Listed((0..3000).map(|i| format!("Ward {i}")).collect());
    report.title = "word ".repeat(6000);
    let laid = inside_the_page(&report);
    assert!(laid.pages.len() > 20);
    renders_ungated(&report);
}

#[test]
fn a_long_committee_name_and_agenda_item_wrap_on_the_first_page() {
    let mut report = with_block(Block::Paragraph("The libraries.".into()));
    report.meeting.body = Body::Committee(format!(
        "Overview and Scrutiny {}Committee",
        "x".repeat(3000)
    ));
    report.meeting.agenda_item = Some("6.3 ".repeat(200));
    let laid = inside_the_page(&report);
    let first: String = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            cabinet_report::pdf::frame::ItemKind::Text(r) => Some(r),
            _ => None,
        })
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
        .collect();
    assert!(first.contains("Overview and Scrutiny"));
    renders_ungated(&report);
}

#[test]
fn a_post_title_longer_than_a_page_stays_on_the_paper() {
    let mut report = with_block(Block::Paragraph("The libraries.".into()));
    report.report_of.role = "Director".repeat(800);
    let laid = inside_the_page(&report);
    assert!(laid.pages.len() >= 3);
    renders_ungated(&report);
}

// ---------------------------------------------------------------------------
// The real checkers, on a bounded number of files

/// `qpdf --check` finds nothing wrong (no errors, no warnings); without qpdf the
/// step is skipped, saying so (see `crate::common::tool`).
fn qpdf_clean(file: &Path) -> Result<(), String> {
    match crate::common::tool("qpdf", &["--check"], file) {
        Some((false, out)) => Err(format!("qpdf --check {}: {out}", file.display())),
        _ => Ok(()),
    }
}

/// The ECMA-376 schemas (`scripts/check-docx.py --schema-only`) pass every file;
/// without python3 and lxml the step is skipped, saying so.
fn schema_valid(files: &[PathBuf]) -> Result<(), String> {
    crate::common::word_schema_check(files).unwrap_or(Ok(()))
}

/// Generated reports, tame and wild, in every template style: each PDF
/// through qpdf and every Word file through the schemas. A fixed handful
/// (the same each run), as the checkers are too slow for every case above.
#[test]
fn generated_reports_pass_qpdf_and_the_word_schemas() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let dir = tempfile::tempdir().unwrap();
    let mut docx_files = Vec::new();
    let mut pdfs = 0;
    for i in 0..12 {
        let wild = i % 2 == 1;
        let report = report(wild).new_tree(&mut runner).unwrap().current();
        let style = any::<(bool, bool, bool, bool)>()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let audience = if i % 3 == 0 {
            Audience::Full
        } else {
            Audience::Public
        };
        let Ok((pdf, docx)) = render_ungated(&report, &template(style), audience) else {
            continue; // a missing or corrupt image: covered by the properties above
        };
        if let Ok(pdf) = pdf {
            let file = dir.path().join(format!("case-{i}.pdf"));
            std::fs::write(&file, pdf).unwrap();
            if let Err(e) = qpdf_clean(&file) {
                panic!("{e}\nthe report:\n{}", report.to_json());
            }
            pdfs += 1;
        }
        if let Ok(docx) = docx {
            let file = dir.path().join(format!("case-{i}.docx"));
            std::fs::write(&file, docx).unwrap();
            docx_files.push(file);
        }
    }
    assert!(
        pdfs >= 6 && docx_files.len() >= 6,
        "too few cases rendered to test"
    );
    schema_valid(&docx_files).unwrap();
}

/// A ten-thousand-character word everywhere a long word can go: through the
/// gate (it breaks no rule), inside the margins, and clean for the checkers.
#[test]
fn a_ten_thousand_character_word_renders_to_clean_files() {
    let word = "Aberystwyth".repeat(1000)[..10_000].to_string();
    let mut report = with_block(Block::Paragraph(Text::from(format!("See {word} here."))));
    report.title = word.clone();
    report.sections[0].heading = Some(word.clone());
    report.sections[0]
        .blocks
        .push(Block::Bullets(vec![Text::from(word.as_str())]));
    report.sections[0].blocks.push(table_block(
        vec![col("Library"), col(&word)],
        vec![vec![Text::from("Bow"), Text::from(word.as_str())]],
        None,
    ));
    inside_the_page(&report);
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        report_dir: Some(image_dir().to_path_buf()),
        ..RenderOptions::default()
    };
    let pdf = renderer.pdf(&report, &options).unwrap();
    let docx = renderer.docx(&report, &options).unwrap();
    check_pdf(&pdf).unwrap();
    check_docx(&docx).unwrap();
    assert!(document_xml(&docx).contains(&word));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("word.pdf"), &pdf).unwrap();
    std::fs::write(dir.path().join("word.docx"), &docx).unwrap();
    qpdf_clean(&dir.path().join("word.pdf")).unwrap();
    schema_valid(&[dir.path().join("word.docx")]).unwrap();
}

/// A table of 1,000 rows and 30 columns, with XML and PDF syntax in its
/// cells: rendered through the gate, across many pages, clean for the checkers.
#[test]
fn a_thousand_row_thirty_column_table_renders_to_clean_files() {
    let columns: Vec<Column> = (1..=30).map(|c| col(&format!("C{c}"))).collect();
    let specials = ["]]>", "(a)", "\\", "<w:t>", "&", "%%EOF", "\u{5d0}\u{5d1}"];
    let rows: Vec<Vec<Text>> = (0..1000)
        .map(|r| {
            (0..30)
                .map(|c| Text::from(format!("{r}{}", specials[(r + c) % specials.len()])))
                .collect()
        })
        .collect();
    let report = with_block(table_block(columns, rows, None));
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let errors: Vec<String> = renderer
        .check(&report, Audience::Public)
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let options = RenderOptions::default();
    let pdf = renderer.pdf(&report, &options).unwrap();
    let docx = renderer.docx(&report, &options).unwrap();
    check_pdf(&pdf).unwrap();
    check_docx(&docx).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(doc.get_pages().len() > 20, "1,000 rows need many pages");
    let xml = document_xml(&docx);
    let table = &xml[xml.find("Table 1: Opening hours").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    assert_eq!(
        table.split("<w:tr>").count() - 1,
        1001,
        "a header row and 1,000 rows"
    );
    assert_eq!(table.matches("<w:tc>").count(), 1001 * 30);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("table.pdf"), &pdf).unwrap();
    std::fs::write(dir.path().join("table.docx"), &docx).unwrap();
    qpdf_clean(&dir.path().join("table.pdf")).unwrap();
    schema_valid(&[dir.path().join("table.docx")]).unwrap();
}
