//! What the fuzz targets share: the pipeline they drive, the checks on its
//! outputs, and a mutator that edits reports and templates as JSON trees.
//!
//! A finding is a panic, a hang, running out of memory, or a broken promise
//! of the library checked here: every diagnostic and error says where; a
//! report that passes `Renderer::check` renders; a template `Renderer::new`
//! accepts prints; every file rendered is a readable PDF or Word package.

pub mod import;

use cabinet_report::assets::Assets;
use cabinet_report::compose::{self, Audience};
use cabinet_report::fonts::FontSet;
use cabinet_report::{Error, RenderOptions, Renderer, Report, Template};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The examples' folder: the seeds name their templates (`../templates/…`)
/// and images (`images/…`) relative to it, as `clerk` would resolve them.
pub fn report_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/reports"))
}

/// A template's renderer and fonts, built once: parsing fonts costs far more
/// than a rejected input, and would drown the fuzzer's speed.
struct Prepared {
    template: Template,
    renderer: Renderer,
    fonts: FontSet,
}

/// The renderer for the template a report names, as `clerk` picks it.
/// Only templates that load are kept, so the cache stays as small as the
/// set of readable template files.
fn prepared(name: Option<&str>) -> Option<&'static Prepared> {
    static CACHE: OnceLock<Mutex<HashMap<Option<String>, &'static Prepared>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = name.map(str::to_string);
    if let Some(p) = cache.lock().unwrap().get(&key) {
        return Some(p);
    }
    let template = Template::for_report(name, Some(report_dir())).ok()?;
    let fonts = FontSet::for_brand(&template.brand, template.base_dir.as_deref()).ok()?;
    let renderer = Renderer::new(template.clone()).ok()?;
    let p: &'static Prepared = Box::leak(Box::new(Prepared {
        template,
        renderer,
        fonts,
    }));
    cache.lock().unwrap().insert(key, p);
    Some(p)
}

/// Bytes → report → check → both formats for both audiences, as `clerk` does.
pub fn through_the_gate(data: &[u8]) {
    let Ok(report) = Report::from_json_bytes(data) else {
        return;
    };
    let Some(p) = prepared(report.template.as_deref()) else {
        return;
    };
    for audience in [Audience::Public, Audience::Full] {
        let diagnostics = p.renderer.check(&report, audience);
        for d in &diagnostics {
            assert!(
                d.path.starts_with('$') && !d.message.trim().is_empty(),
                "a diagnostic without a path or message: {d:?}"
            );
        }
        if diagnostics.iter().any(|d| d.is_error()) {
            continue;
        }
        let options = RenderOptions {
            audience,
            report_dir: Some(report_dir().to_path_buf()),
            ..RenderOptions::default()
        };
        check_output(p.renderer.pdf(&report, &options), check_pdf, after_check);
        check_output(p.renderer.docx(&report, &options), check_docx, after_check);
    }
}

/// Bytes → report → compose → both formats, skipping validation, as a
/// service calling the stages directly would.
pub fn ungated(data: &[u8]) {
    let Ok(report) = Report::from_json_bytes(data) else {
        return;
    };
    let Some(p) = prepared(report.template.as_deref()) else {
        return;
    };
    for audience in [Audience::Public, Audience::Full] {
        let doc = match compose::compose(&report, &p.template, audience) {
            Ok(doc) => doc,
            Err(e) => {
                assert!(compose_refusal(&e), "compose failed: {e:?}");
                continue;
            }
        };
        let assets = match Assets::load(&doc, &p.template, Some(report_dir())) {
            Ok(assets) => assets,
            Err(e) => {
                assert!(ungated_error(&e), "unexpected error: {e:?}");
                continue;
            }
        };
        check_output(
            cabinet_report::pdf::render(&doc, &assets, &p.fonts),
            check_pdf,
            ungated_error,
        );
        check_output(
            cabinet_report::docx::render(&doc, &assets),
            check_docx,
            ungated_error,
        );
    }
}

/// The example templates' folder, which their logos are relative to.
fn template_dir() -> PathBuf {
    report_dir().join("../templates")
}

/// Reports to set with a fuzzed template: the built-in sample, and one with
/// an image, a chart table and links. Their own `template` is dropped so the
/// fuzzed one is used.
fn sample_reports() -> &'static [Report] {
    static REPORTS: OnceLock<Vec<Report>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let air = std::fs::read(
            report_dir().join("ashcombe-vale-2026-02-25-air-quality-consultation.json"),
        )
        .expect("the example report is there");
        // Grouped sections and header sign-offs, for templates that have them.
        let grouped = std::fs::read(
            report_dir().join("wexcombe-2026-04-14-home-to-school-transport.json"),
        )
        .expect("the example report is there");
        let mut reports = vec![
            Report::sample(),
            Report::from_json_bytes(&air).expect("the example loads"),
            Report::from_json_bytes(&grouped).expect("the example loads"),
        ];
        for r in &mut reports {
            r.template = None;
        }
        reports
    })
}

/// Bytes → `Template::from_json` → `Renderer::new` → the sample reports checked,
/// then composed and rendered whatever the check says (a template can make
/// a good report fail the check, and the renderers must still hold).
pub fn template(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(template) = Template::from_json(text, Some(&template_dir())) else {
        return;
    };
    // The gate `clerk` and services pass a template through: a renderer
    // refuses one it cannot print with.
    if Renderer::new(template.clone()).is_err() {
        return;
    }
    let Ok(fonts) = FontSet::for_brand(&template.brand, template.base_dir.as_deref()) else {
        return;
    };
    for report in sample_reports() {
        for audience in [Audience::Public, Audience::Full] {
            let mut diagnostics = cabinet_report::validate::validate(report, &template, audience);
            diagnostics.extend(cabinet_report::validate::unprintable(
                report,
                &fonts.coverage(),
            ));
            for d in &diagnostics {
                assert!(
                    d.path.starts_with('$') && !d.message.trim().is_empty(),
                    "a diagnostic without a path or message: {d:?}"
                );
            }
            let doc = match compose::compose(report, &template, audience) {
                Ok(doc) => doc,
                Err(e) => {
                    // Refused by design, and found by the check first: what
                    // compose will not print, the clerk was told of.
                    assert!(compose_refusal(&e), "compose failed: {e:?}");
                    if let Error::Invalid(refused) = &e {
                        for r in refused {
                            assert!(
                                diagnostics
                                    .iter()
                                    .any(|d| d.rule == r.rule && d.path == r.path),
                                "compose refused what the check did not find: {r:?}"
                            );
                        }
                    }
                    continue;
                }
            };
            let assets = match Assets::load(&doc, &template, Some(report_dir())) {
                Ok(assets) => assets,
                Err(e) => {
                    assert!(ungated_error(&e), "unexpected error: {e:?}");
                    continue;
                }
            };
            check_output(
                cabinet_report::pdf::render(&doc, &assets, &fonts),
                check_pdf,
                ungated_error,
            );
            check_output(
                cabinet_report::docx::render(&doc, &assets),
                check_docx,
                ungated_error,
            );
        }
    }
}

fn check_output(rendered: Result<Vec<u8>, Error>, check: fn(&[u8]), allowed: fn(&Error) -> bool) {
    match rendered {
        Ok(bytes) => check(&bytes),
        Err(e) => assert!(allowed(&e), "unexpected error: {e:?}"),
    }
}

/// After a clean check only an image may still fail (image files are read
/// when rendering, not when checking), and it must say where. A writer
/// error, a missing glyph (R13 passed) or `Invalid` is a broken promise.
fn after_check(e: &Error) -> bool {
    matches!(e, Error::Image { path, .. } if path.starts_with('$'))
}

/// What compose refuses by design, unchecked or not: what the template
/// cannot print (R12: a section kind or an implications row it lacks, each
/// diagnostic with its path), and a public edition of a wholly exempt report.
fn compose_refusal(e: &Error) -> bool {
    match e {
        Error::Invalid(found) => {
            !found.is_empty()
                && found
                    .iter()
                    .all(|d| d.rule == cabinet_report::RuleId::R12 && d.path.starts_with('$'))
        }
        Error::WhollyExempt => true,
        _ => false,
    }
}

/// Without the gate a character the fonts lack may also be met; it must
/// say where too. A writer error is still a bug.
fn ungated_error(e: &Error) -> bool {
    match e {
        Error::MissingGlyph { path, .. } => path.starts_with('$'),
        other => after_check(other),
    }
}

fn check_pdf(pdf: &[u8]) {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    assert!(!doc.get_pages().is_empty(), "the PDF has no pages");
}

/// A zip holding `word/document.xml`, with every XML part well-formed in
/// the ways a fuzzed string could break: characters XML 1.0 forbids, and
/// unbalanced tags.
fn check_docx(docx: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX is a zip");
    let mut saw_document = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a readable zip entry");
        let name = file.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        saw_document |= name == "word/document.xml";
        let mut xml = String::new();
        file.read_to_string(&mut xml).expect("XML parts are UTF-8");
        check_xml(&name, &xml);
    }
    assert!(saw_document, "no word/document.xml");
}

fn check_xml(name: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| {
        !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }) {
        panic!("{name}: the character U+{:04X} is not allowed in XML", c as u32);
    }
    // Tags must nest: a stack of open element names.
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let gt = rest
            .find('>')
            .unwrap_or_else(|| panic!("{name}: a `<` never closed"));
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(close) = tag.strip_prefix('/') {
            let top = open.pop();
            assert_eq!(top, Some(close.trim()), "{name}: mismatched closing tag");
        } else if !tag.ends_with('/') {
            let tag_name = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
            open.push(tag_name);
        }
    }
    assert!(open.is_empty(), "{name}: unclosed elements {open:?}");
}

// ---------------------------------------------------------------------------
// The JSON-aware mutator

/// A small deterministic generator seeded by libFuzzer, so runs reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Strings that mean something to the validator or the renderers: prompts,
/// guidance, references, amounts, dates, links, and text that is hard to set.
const STRINGS: &[&str] = &[
    "",
    " ",
    "none",
    "all",
    "yes",
    "no",
    "[Insert date]",
    "[Report title]",
    "Yes/No",
    "Delete as applicable",
    "Appendix 1",
    "Appendix B",
    "see paragraph 3.1",
    "recommendation 2",
    "£1,200,000",
    "(£3.5m)",
    "-0.0",
    "1e309",
    "12.5%",
    "2026-02-29",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "https://example.gov.uk/a?b=c&d=<e>",
    "mailto:clerk@example.gov.uk",
    "javascript:alert(1)",
    "Total",
    "a\u{0}b",
    "\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}\u{85}",
    "\u{feff}\u{200b}\u{ad}\u{2028}\u{2029}",
    "\u{fffe}\u{ffff}",
    "e\u{301}\u{302}\u{303}",
    "שלום עולם",
    "مرحبا",
    "🙂👍🏽",
    "<w:p>&amp;</w:p>]]>",
    "(\\) BT ET",
    "\t\n\r",
    "Ünïcödé ßœÆ",
    "Supercalifragilisticexpialidociousness-without-any-break-opportunity-at-all",
    // Template values: colours, the body placeholder, a font file.
    "#FFFFFF",
    "#0b0c0c",
    "#12345",
    "{body}{body}",
    "../../fonts/LiberationSans-Regular.ttf",
];

const NUMBERS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    3.0,
    7.0,
    8.0,
    9.0,
    12.0,
    16.0,
    16.5,
    18.0,
    19.0,
    100.0,
    101.0,
    250.0,
    0.001,
    1e-30,
    1e30,
    -1e30,
    4294967295.0,
    4294967296.0,
    1.8e19,
];

/// Mutates `data[..size]` as a JSON tree when it parses, so most mutants are
/// still reports and reach validation and the renderers; otherwise, and now
/// and then anyway, leaves it to libFuzzer's byte-level mutator (which uses
/// the dictionary).
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng(u64::from(seed) ^ 0x5eed_cabe_0000_0000);
    if rng.below(5) == 0 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let Some(mut value) = std::str::from_utf8(&data[..size])
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
    else {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    };
    for _ in 0..=rng.below(3) {
        mutate_tree(&mut value, &mut rng);
    }
    let out = serde_json::to_vec(&value).expect("a JSON value serializes");
    if out.len() > max_size {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    data[..out.len()].copy_from_slice(&out);
    out.len()
}

/// One step from a JSON node to a child.
#[derive(Clone)]
enum Step {
    Index(usize),
    Key(String),
}

/// The path to every node of `v`, the root first.
fn paths(v: &Value) -> Vec<Vec<Step>> {
    fn go(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match v {
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    path.push(Step::Index(i));
                    go(c, path, out);
                    path.pop();
                }
            }
            Value::Object(o) => {
                for (k, c) in o {
                    path.push(Step::Key(k.clone()));
                    go(c, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    go(v, &mut Vec::new(), &mut out);
    out
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Index(i) => &mut v[*i],
        Step::Key(k) => &mut v[k.as_str()],
    })
}

/// The report model's field names, for inserting fields.
const KEYS: &[&str] = &[
    "template",
    "meeting",
    "body",
    "date",
    "agenda_item",
    "decision_maker",
    "title",
    "short_title",
    "purpose",
    "report_of",
    "name",
    "role",
    "report_date",
    "lead_member",
    "originating_officers",
    "job_title",
    "phone",
    "email",
    "wards",
    "key_decision",
    "answer",
    "reasons",
    "notice_published",
    "forward_plan_ref",
    "urgency",
    "general_exception",
    "special_urgency",
    "reason",
    "agreed_by",
    "strategic_priorities",
    "call_in",
    "lateness",
    "exempt",
    "paragraphs",
    "public_interest",
    "summary",
    "recommendations",
    "text",
    "route",
    "blocks",
    "sections",
    "kind",
    "heading",
    "linked_reports",
    "appendices",
    "background_papers",
    "contacts",
    "paragraph",
    "continuation",
    "subheading",
    "quote",
    "bullets",
    "numbered_list",
    "table",
    "caption",
    "columns",
    "align",
    "width_percent",
    "rows",
    "header_column",
    "total",
    "image",
    "src",
    "alt",
    "width_mm",
    "bold",
    "italic",
    "link",
    "committee",
    "cabinet_member",
    "officer",
];

/// One structural edit somewhere in the tree.
fn mutate_tree(root: &mut Value, rng: &mut Rng) {
    let all = paths(root);
    // A copy of some node of the same report: it is often of the right
    // shape wherever it lands (a text, a block, a list of blocks).
    let donor = at(root, &all[rng.below(all.len())]).clone();
    let target = at(root, &all[rng.below(all.len())]);
    match rng.below(10) {
        0 | 1 => *target = donor,
        2 => {
            *target = match rng.below(5) {
                0 => Value::Null,
                1 => Value::Bool(rng.below(2) == 0),
                2 => Value::Array(Vec::new()),
                3 => Value::Object(Default::default()),
                _ => Value::String(String::new()),
            }
        }
        _ => match target {
            Value::String(s) => mutate_string(s, rng),
            Value::Number(_) | Value::Bool(_) | Value::Null => {
                let x = NUMBERS[rng.below(NUMBERS.len())];
                *target = if x.fract() == 0.0 && x.abs() < 1e18 {
                    Value::from(x as i64)
                } else {
                    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
                };
            }
            Value::Array(a) => match rng.below(5) {
                _ if a.is_empty() => a.push(donor),
                0 => {
                    let copy = a[rng.below(a.len())].clone();
                    let at = rng.below(a.len() + 1);
                    a.insert(at, copy);
                }
                1 => {
                    a.remove(rng.below(a.len()));
                }
                2 => {
                    let (i, j) = (rng.below(a.len()), rng.below(a.len()));
                    a.swap(i, j);
                }
                3 => a.truncate(rng.below(a.len())),
                _ => {
                    let at = rng.below(a.len() + 1);
                    a.insert(at, donor);
                }
            },
            Value::Object(o) => {
                if rng.below(2) == 0 && !o.is_empty() {
                    let key = o.keys().nth(rng.below(o.len())).cloned();
                    if let Some(key) = key {
                        o.remove(&key);
                    }
                } else {
                    o.insert(KEYS[rng.below(KEYS.len())].to_string(), donor);
                }
            }
        },
    }
}

/// The longest string a repeat may make: the `-max_len` of FUZZING.md.
const MAX_STRING: usize = 1 << 16;

fn mutate_string(s: &mut String, rng: &mut Rng) {
    let piece = STRINGS[rng.below(STRINGS.len())];
    match rng.below(5) {
        0 => *s = piece.to_string(),
        1 => {
            let mut at = rng.below(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.insert_str(at, piece);
        }
        2 => {
            // Long text, but within what libFuzzer may pass back: three
            // repeats in one call could otherwise ask for gigabytes.
            let times = 1 + rng.below(64);
            if s.len().saturating_mul(times) <= MAX_STRING {
                *s = s.repeat(times);
            }
        }
        _ => {
            // libFuzzer's own byte edits, inside the string.
            let mut bytes = s.as_bytes().to_vec();
            let len = bytes.len();
            bytes.resize(len * 2 + 16, 0);
            let new_len = libfuzzer_sys::fuzzer_mutate(&mut bytes, len, len * 2 + 16);
            bytes.truncate(new_len);
            *s = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
}
