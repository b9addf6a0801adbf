//! A report assembled in code with every builder method and constructor, no
//! struct literals, is the report a clerk would write as JSON, and it passes
//! the clerk's checks.

use cabinet_report::model::*;
use cabinet_report::{Audience, Renderer, Template};

fn built() -> Report {
    let date = |s| Date::parse_iso(s).unwrap();
    let commercial = || Exemption::new([3], "Disclosure would prejudice the sale.");
    Report::builder("Eastgate depot", Body::Cabinet, date("2026-03-18"))
        .template("tower-hamlets")
        .agenda_item("6.2")
        .decision_maker(Body::MayorInCabinet)
        .short_title("Depot")
        .purpose(Purpose::Decision)
        .report_of("Ann Smith", "Corporate Director, Place")
        .report_date(date("2026-03-06"))
        .lead_member("Councillor Sam Lee", "Cabinet Member for Resources")
        .originating_officer(Officer::new("Raj Patel", "Head of Estates").phone("020 7364 0000"))
        .wards(Wards::listed(["Bow East", "Bow West"]))
        .key_decision(KeyDecision::yes(
            vec![KeyReason::FinancialThreshold],
            date("2026-03-10"),
        ))
        .forward_plan_ref("KD-2026-014")
        .urgency(Urgency::general_exception(
            "The buyer's offer lapses in April.",
        ))
        .strategic_priority("Homes for the future")
        .call_in(CallIn::exempt("The offer lapses before call-in would end."))
        .lateness("The valuation arrived after the deadline.")
        .exempt(Exemption::new([3, 5], "Commercial and legal advice."))
        .summary("Proposes selling the depot.")
        .summary_block(Block::Bullets(vec!["Offer £6.15m".into()]))
        .recommendation("Agree the sale set out in paragraph 3.1.")
        .recommendation(
            Recommendation::new("Agree the budget below.")
                .route(Route::Council)
                .paragraph("Subject to contract.")
                .continuation("And to planning.")
                .quote("“Best consideration.”")
                .bullets(["one"])
                .numbered_list(["first", "second"])
                .table(Table::new(["Item", "£"]).row(["Sale", "6"]))
                .image(Image::new("site.png", "The site"))
                .block(Block::Paragraph("Both.".into())),
        )
        .routed_recommendation("Note the valuation.", Route::Note)
        .section(SectionKind::Reasons, |s| s.paragraph("The best offer."))
        .section(SectionKind::AlternativeOptions, |s| {
            s.paragraph("Keeping the site.")
        })
        .section(SectionKind::Details, |s| {
            s.heading("The sale")
                .paragraph("The offers were as follows.")
                .continuation("All were conditional.")
                .subheading("Offers")
                .quote("“A strong field.”")
                .bullets(vec!["Harbourside", "Kestrel"])
                .numbered_list([Text::from("first"), Text(vec![Span::bold("second")])])
                .table(
                    Table::new([
                        Column::new("Bidder").width_percent(60.0),
                        Column::new("Offer £m").align(Align::Right),
                    ])
                    .caption("Offers received")
                    .row(["Harbourside", "6.15"])
                    .row(["Kestrel", "5.80"])
                    .header_column()
                    .total(["Total", "11.95"]),
                )
                .image(
                    Image::new("site.png", "Aerial photograph of the site")
                        .width_mm(120.0)
                        .caption("Figure 1: the site"),
                )
                .block(Block::Paragraph("The end.".into()))
        })
        .section(SectionKind::Finance, |s| {
            s.paragraph("The receipt funds the capital programme.")
                .exempt(commercial())
        })
        .section(SectionKind::Legal, |s| {
            s.paragraph("The Council may sell land.")
        })
        .linked_reports(Papers::listed(["Cabinet, 12 March 2025"]))
        .appendix(Appendix::new("Site plan").paragraph("The plan."))
        .appendix(Appendix::new("Valuation").exempt(commercial()))
        .background_papers(Papers::None)
        .contact(
            Officer::new("Raj Patel", "Head of Estates")
                .phone("020 7364 0000")
                .email("raj.patel@example.gov.uk"),
        )
        .build()
}

const AS_WRITTEN: &str = r#"{
  "template": "tower-hamlets",
  "meeting": { "body": "cabinet", "date": "2026-03-18", "agenda_item": "6.2" },
  "decision_maker": "mayor_in_cabinet",
  "title": "Eastgate depot",
  "short_title": "Depot",
  "report_of": { "name": "Ann Smith", "role": "Corporate Director, Place" },
  "report_date": "2026-03-06",
  "lead_member": { "name": "Councillor Sam Lee", "role": "Cabinet Member for Resources" },
  "originating_officers": [{ "name": "Raj Patel", "job_title": "Head of Estates", "phone": "020 7364 0000" }],
  "wards": ["Bow East", "Bow West"],
  "key_decision": {
    "answer": "yes",
    "reasons": ["financial_threshold"],
    "notice_published": "2026-03-10",
    "forward_plan_ref": "KD-2026-014",
    "urgency": { "general_exception": { "reason": "The buyer's offer lapses in April." } }
  },
  "strategic_priorities": ["Homes for the future"],
  "call_in": { "exempt": "The offer lapses before call-in would end." },
  "lateness": "The valuation arrived after the deadline.",
  "exempt": { "paragraphs": [3, 5], "public_interest": "Commercial and legal advice." },
  "summary": [
    { "paragraph": "Proposes selling the depot." },
    { "bullets": ["Offer £6.15m"] }
  ],
  "recommendations": [
    { "text": "Agree the sale set out in paragraph 3.1." },
    {
      "text": "Agree the budget below.",
      "route": "council",
      "blocks": [
        { "paragraph": "Subject to contract." },
        { "continuation": "And to planning." },
        { "quote": "“Best consideration.”" },
        { "bullets": ["one"] },
        { "numbered_list": ["first", "second"] },
        { "table": { "columns": [{ "heading": "Item" }, { "heading": "£" }], "rows": [["Sale", "6"]] } },
        { "image": { "src": "site.png", "alt": "The site" } },
        { "paragraph": "Both." }
      ]
    },
    { "text": "Note the valuation.", "route": "note" }
  ],
  "sections": [
    { "kind": "reasons", "blocks": [{ "paragraph": "The best offer." }] },
    { "kind": "alternative_options", "blocks": [{ "paragraph": "Keeping the site." }] },
    {
      "kind": "details",
      "heading": "The sale",
      "blocks": [
        { "paragraph": "The offers were as follows." },
        { "continuation": "All were conditional." },
        { "subheading": "Offers" },
        { "quote": "“A strong field.”" },
        { "bullets": ["Harbourside", "Kestrel"] },
        { "numbered_list": ["first", [{ "text": "second", "bold": true }]] },
        {
          "table": {
            "caption": "Offers received",
            "columns": [{ "heading": "Bidder", "width_percent": 60 }, { "heading": "Offer £m", "align": "right" }],
            "rows": [["Harbourside", "6.15"], ["Kestrel", "5.80"]],
            "header_column": true,
            "total": ["Total", "11.95"]
          }
        },
        { "image": { "src": "site.png", "alt": "Aerial photograph of the site", "width_mm": 120, "caption": "Figure 1: the site" } },
        { "paragraph": "The end." }
      ]
    },
    {
      "kind": "finance",
      "blocks": [{ "paragraph": "The receipt funds the capital programme." }],
      "exempt": { "paragraphs": [3], "public_interest": "Disclosure would prejudice the sale." }
    },
    { "kind": "legal", "blocks": [{ "paragraph": "The Council may sell land." }] }
  ],
  "linked_reports": ["Cabinet, 12 March 2025"],
  "appendices": [
    { "title": "Site plan", "blocks": [{ "paragraph": "The plan." }] },
    { "title": "Valuation", "exempt": { "paragraphs": [3], "public_interest": "Disclosure would prejudice the sale." } }
  ],
  "background_papers": "none",
  "contacts": [
    { "name": "Raj Patel", "job_title": "Head of Estates", "phone": "020 7364 0000", "email": "raj.patel@example.gov.uk" }
  ]
}"#;

#[test]
fn a_report_built_with_every_builder_method_is_the_one_written_as_json() {
    let report = built();
    assert_eq!(report, Report::from_json(AS_WRITTEN).unwrap());
    assert_eq!(Report::from_json(&report.to_json()).unwrap(), report);
}

#[test]
fn a_report_built_with_every_builder_method_passes_the_checks() {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let errors: Vec<String> = renderer
        .check(&built(), Audience::Full)
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
