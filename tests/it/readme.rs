//! The README's JSON example is a report the library accepts as it stands,
//! and its field table names every field a report can have.

use cabinet_report::{Audience, Renderer, Report, Template};

const README: &str = include_str!("../../README.md");

/// The first ```json block after `heading`.
fn json_block_after(heading: &str) -> &'static str {
    let from = README.find(heading).expect("the heading is in the README");
    let rest = &README[from..];
    let start = rest.find("```json\n").expect("a json block") + "```json\n".len();
    let len = rest[start..].find("\n```").expect("the block ends");
    &rest[start..start + len]
}

#[test]
fn the_json_example_loads_with_no_findings() {
    let json = json_block_after("## The JSON format");
    let report = Report::from_json(json).unwrap_or_else(|e| panic!("README example: {e}"));
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    // A model report: not even a warning.
    let findings: Vec<String> = renderer
        .check(&report, Audience::Public)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        findings.is_empty(),
        "the README example has findings:\n{}",
        findings.join("\n")
    );
}

#[test]
fn the_field_table_names_every_top_level_field() {
    let table = &README[README.find("| field | required | value |").unwrap()..];
    let table = &table[..table.find("\n\n").unwrap()];
    let example: serde_json::Value =
        serde_json::from_str(json_block_after("## The JSON format")).unwrap();
    let sample: serde_json::Value =
        serde_json::from_str(cabinet_report::model::SAMPLE_JSON).unwrap();
    // Fields absent from both examples, listed so a new model field must be
    // documented here too.
    let others = [
        "decision_maker",
        "short_title",
        "purpose",
        "lateness",
        "exempt",
    ];
    let mut fields: Vec<String> = others.iter().map(ToString::to_string).collect();
    for value in [&example, &sample] {
        fields.extend(value.as_object().unwrap().keys().cloned());
    }
    for field in fields {
        assert!(
            table.contains(&format!("`{field}`")),
            "the README table lacks `{field}`"
        );
    }
}

#[test]
fn the_readme_lists_every_rule_as_the_validator_words_it() {
    for rule in cabinet_report::validate::RULES {
        let row = format!("| {} | {} |", rule.id, rule.summary);
        assert!(
            README.contains(&row),
            "README lacks or misquotes {}",
            rule.id
        );
    }
}

#[test]
fn the_meeting_example_is_a_meeting_file() {
    let json = json_block_after("## Agenda packs");
    let m =
        cabinet_report::Meeting::from_json(json).unwrap_or_else(|e| panic!("README meeting: {e}"));
    assert_eq!(m.numbers(), ["1", "4", "5", "7"]);
}
