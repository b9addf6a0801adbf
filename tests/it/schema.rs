//! The JSON Schemas in `schemas/`: made from the model's types, committed,
//! and in agreement with the loader both ways: every example validates, and
//! files the loader refuses for their shape the schema refuses too.
//!
//! After an intended change to the formats: `BLESS=1 cargo test --test it schema`.

use cabinet_report::schema::Format;
use cabinet_report::{Meeting, Report, Template};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(format: Format) -> PathBuf {
    root().join("schemas").join(format.file_name())
}

/// A validator for the committed schema, as an editor would read it.
fn validator(format: Format) -> jsonschema::Validator {
    let text = std::fs::read_to_string(committed(format)).expect("a committed schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::meta::validate(&schema).expect("a valid 2020-12 schema");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn schema_errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// What the library's loader says of `doc`.
fn load(format: Format, doc: &Value) -> Result<(), String> {
    let text = serde_json::to_string(doc).unwrap();
    match format {
        Format::Report => Report::from_json(&text).map(drop),
        Format::Template => Template::from_json(&text, None).map(drop),
        Format::Meeting => Meeting::from_json(&text).map(drop),
    }
    .map_err(|e| e.to_string())
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no examples in {dir}");
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_committed_schemas_are_the_ones_the_types_make() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for format in Format::ALL {
        let path = committed(format);
        let made = format.schema();
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &made).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(made.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the committed schemas differ from the types (after an intended change to a format: \
         BLESS=1 cargo test --test it schema): {stale:?}"
    );
}

#[test]
fn every_example_validates_against_its_schema() {
    let sets = [
        (Format::Report, "examples/reports"),
        (Format::Report, "examples/meetings/reports"),
        (Format::Template, "examples/templates"),
        (Format::Template, "templates"),
        (Format::Meeting, "examples/meetings"),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (format, dir) in sets {
        let v = validator(format);
        for path in json_files(dir) {
            let doc = read(&path);
            assert_eq!(load(format, &doc), Ok(()), "{} loads", path.display());
            for e in schema_errors(&v, &doc) {
                failures.push(format!("{}: {e}", path.display()));
            }
            // What the library writes back is a report file too.
            if format == Format::Report {
                let written = Report::from_json(&doc.to_string()).unwrap().to_json();
                let written: Value = serde_json::from_str(&written).unwrap();
                for e in schema_errors(&v, &written) {
                    failures.push(format!("{} written back: {e}", path.display()));
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first example of a format, to change one thing in.
fn base(format: Format) -> Value {
    match format {
        Format::Report => serde_json::from_str(cabinet_report::model::SAMPLE_JSON).unwrap(),
        Format::Template => read(&root().join("templates/tower-hamlets.json")),
        Format::Meeting => {
            read(&root().join("examples/meetings/northmere-2026-02-11-cabinet.json"))
        }
    }
}

/// `base` with the value at a JSON pointer replaced (or, for `None`, removed).
fn with(format: Format, pointer: &str, value: Option<Value>) -> Value {
    let mut doc = base(format);
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{pointer}: no parent"));
    match (parent, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(key.into(), v);
        }
        (Value::Object(m), None) => {
            assert!(m.remove(key).is_some(), "{pointer}: nothing to remove");
        }
        (Value::Array(a), Some(v)) => a[key.parse::<usize>().unwrap()] = v,
        (other, _) => panic!("{pointer}: {other}"),
    }
    doc
}

#[test]
fn files_the_loader_refuses_for_their_shape_the_schema_refuses() {
    use Format::{Meeting as M, Report as R, Template as T};
    let cases: Vec<(&str, Format, Value)> = vec![
        ("unknown field", R, with(R, "/wardz", Some(json!("all")))),
        (
            "unknown nested field",
            R,
            with(R, "/meeting/venue", Some(json!("Town Hall"))),
        ),
        ("missing title", R, with(R, "/title", None)),
        ("title a number", R, with(R, "/title", Some(json!(3)))),
        (
            "purpose misspelt",
            R,
            with(R, "/purpose", Some(json!("decide"))),
        ),
        (
            "date not ISO",
            R,
            with(R, "/meeting/date", Some(json!("31/07/2019"))),
        ),
        (
            "body without its name",
            R,
            with(R, "/meeting/body", Some(json!("committee"))),
        ),
        (
            "body unknown",
            R,
            with(R, "/meeting/body", Some(json!("parliament"))),
        ),
        ("wards a word", R, with(R, "/wards", Some(json!("some")))),
        (
            "papers a word",
            R,
            with(R, "/background_papers", Some(json!("n/a"))),
        ),
        ("empty block", R, with(R, "/summary/0", Some(json!({})))),
        (
            "block of two kinds",
            R,
            with(
                R,
                "/summary/0",
                Some(json!({"paragraph": "a", "quote": "b"})),
            ),
        ),
        (
            "block kind misspelt",
            R,
            with(R, "/summary/0", Some(json!({"paragraf": "a"}))),
        ),
        (
            "run with an unknown style",
            R,
            with(
                R,
                "/summary/0",
                Some(json!({"paragraph": [{"text": "a", "underline": true}]})),
            ),
        ),
        (
            "run without text",
            R,
            with(
                R,
                "/summary/0",
                Some(json!({"paragraph": [{"bold": true}]})),
            ),
        ),
        (
            "text a number",
            R,
            with(R, "/summary/0", Some(json!({"paragraph": 7}))),
        ),
        (
            "table without rows",
            R,
            with(R, "/summary/0", Some(json!({"table": {"columns": []}}))),
        ),
        (
            "negative merge",
            R,
            with(
                R,
                "/summary/0",
                Some(json!({"table": {"rows": [["a"]], "merge": [{"row": -1, "column": 0}]}})),
            ),
        ),
        (
            "section kind in capitals",
            R,
            with(R, "/sections/0/kind", Some(json!("Finance"))),
        ),
        (
            "language unknown",
            R,
            with(R, "/language", Some(json!("fr-FR"))),
        ),
        (
            "key decision answer",
            R,
            with(R, "/key_decision/answer", Some(json!(true))),
        ),
        (
            "key reason misspelt",
            R,
            with(R, "/key_decision/reasons", Some(json!(["two_wards"]))),
        ),
        (
            "call-in exempt without a reason",
            R,
            with(R, "/call_in", Some(json!("exempt"))),
        ),
        (
            "exempt paragraph past 255",
            R,
            with(
                R,
                "/exempt",
                Some(json!({"paragraphs": [300], "public_interest": "x"})),
            ),
        ),
        (
            "header row a number",
            R,
            with(R, "/header_rows", Some(json!({"final_decision_maker": 1}))),
        ),
        ("$schema a number", R, with(R, "/$schema", Some(json!(1)))),
        (
            "template unknown field",
            T,
            with(T, "/colour", Some(json!("#000000"))),
        ),
        (
            "jurisdiction",
            T,
            with(T, "/jurisdiction", Some(json!("scotland"))),
        ),
        ("numbering", T, with(T, "/numbering", Some(json!("roman")))),
        (
            "colour a name",
            T,
            with(T, "/brand/primary_colour", Some(json!("navy"))),
        ),
        ("missing brand", T, with(T, "/brand", None)),
        (
            "unknown label",
            T,
            with(T, "/labels", Some(json!({"greeting": "Hello"}))),
        ),
        (
            "header row kind",
            T,
            with(T, "/header_rows", Some(json!([{"row": "bogus"}]))),
        ),
        (
            "threshold negative",
            T,
            with(T, "/key_decision_threshold", Some(json!(-1))),
        ),
        (
            "item field misspelt",
            M,
            with(M, "/items/0/reprot", Some(json!("a.json"))),
        ),
        ("no chair", M, with(M, "/members/chair", None)),
        (
            "meeting date",
            M,
            with(M, "/date", Some(json!("11 February 2026"))),
        ),
        (
            "items not a list",
            M,
            with(M, "/items", Some(json!({"report": "a.json"}))),
        ),
    ];
    let mut failures = Vec::new();
    for (what, format, doc) in &cases {
        if load(*format, doc).is_ok() {
            failures.push(format!("{what}: the loader accepts it (the case is wrong)"));
        }
        if schema_errors(&validator(*format), doc).is_empty() {
            failures.push(format!("{what}: the {} schema accepts it", format.name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn forms_the_loader_accepts_the_schema_accepts() {
    use Format::{Meeting as M, Report as R, Template as T};
    let cases: Vec<(&str, Format, Value)> = vec![
        (
            "$schema in a report",
            R,
            with(
                R,
                "/$schema",
                Some(json!("../../schemas/report.schema.json")),
            ),
        ),
        (
            "$schema in a template",
            T,
            with(
                T,
                "/$schema",
                Some(json!("../schemas/template.schema.json")),
            ),
        ),
        (
            "$schema in a meeting",
            M,
            with(
                M,
                "/$schema",
                Some(json!("../../schemas/meeting.schema.json")),
            ),
        ),
        (
            "short language tag",
            R,
            with(R, "/language", Some(json!("cy"))),
        ),
        (
            "null for an optional field",
            R,
            with(R, "/short_title", Some(Value::Null)),
        ),
        (
            "a prompt left in a date",
            R,
            with(
                R,
                "/key_decision/notice_published",
                Some(json!("[Insert date notice was published]")),
            ),
        ),
        (
            "a prompt left in yes/no",
            R,
            with(R, "/key_decision/answer", Some(json!("TBC"))),
        ),
        ("wards all", R, with(R, "/wards", Some(json!("all")))),
        (
            "papers none",
            R,
            with(R, "/linked_reports", Some(json!("none"))),
        ),
        (
            "runs with every style",
            R,
            with(
                R,
                "/summary/0",
                Some(
                    json!({"paragraph": ["a ", {"text": "b", "bold": true, "italic": true, "link": "https://example.org", "lang": "cy-GB"}]}),
                ),
            ),
        ),
        (
            "a standing section",
            R,
            with(R, "/sections/0/kind", Some(json!("crime_and_disorder"))),
        ),
        (
            "header row lines",
            R,
            with(
                R,
                "/header_rows",
                Some(json!({"a": "one", "b": ["one", ["two ", {"text": "three", "bold": true}]]})),
            ),
        ),
        (
            "body by name",
            R,
            with(
                R,
                "/meeting/body",
                Some(json!({"committee": "Licensing Committee"})),
            ),
        ),
        (
            "urgency",
            R,
            with(
                R,
                "/key_decision/urgency",
                Some(json!({"special_urgency": {"reason": "r", "agreed_by": "Chair"}})),
            ),
        ),
        (
            "call-in exempt",
            R,
            with(R, "/call_in", Some(json!({"exempt": "urgent"}))),
        ),
        (
            "exemption without its reason",
            R,
            with(R, "/exempt", Some(json!({"paragraphs": [3]}))),
        ),
        (
            "a width with a fraction",
            R,
            with(
                R,
                "/summary/0",
                Some(
                    json!({"table": {"columns": [{"heading": "a", "width_percent": 33.5}], "rows": [["x"]]}}),
                ),
            ),
        ),
        (
            "template language short",
            T,
            with(T, "/language", Some(json!("en"))),
        ),
        (
            "labels partly given",
            T,
            with(T, "/labels", Some(json!({"open": "Public"}))),
        ),
        (
            "lower-case colour",
            T,
            with(T, "/brand/primary_colour", Some(json!("#00594f"))),
        ),
    ];
    let mut failures = Vec::new();
    for (what, format, doc) in &cases {
        if let Err(e) = load(*format, doc) {
            failures.push(format!(
                "{what}: the loader refuses it (the case is wrong): {e}"
            ));
        }
        for e in schema_errors(&validator(*format), doc) {
            failures.push(format!(
                "{what}: the {} schema refuses it: {e}",
                format.name()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clerk_prints_each_schema_and_the_reports_by_default() {
    let clerk = |args: &[&str]| {
        let out = std::process::Command::new(crate::common::clerk_bin::clerk_bin())
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    for format in Format::ALL {
        assert_eq!(
            clerk(&["--schema", format.name()]),
            (Some(0), format.schema()),
            "{}",
            format.name()
        );
    }
    assert_eq!(clerk(&["--schema"]), (Some(0), Format::Report.schema()));
    assert_eq!(clerk(&["--schema", "agenda"]).0, Some(2));
}
