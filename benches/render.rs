//! Where a clerk's time goes: `cargo bench --bench render`.
//!
//! One `Renderer` is reused across iterations, as a service rendering many
//! reports would: fonts are parsed once, outside the measurement. The
//! targets these are read against are in BENCHMARKS.md.
//!
//! - `sample/*`: each stage for the built-in sample (Tower Hamlets, 31 July
//!   2019), public version: `parse` (JSON to `Report`), `validate`
//!   (`Renderer::check`), `compose`, `pdf`, `docx`, and `pdf+docx` (`Renderer::render`,
//!   both from one validation: what `clerk` does per report).
//! - `scaling/{pdf,docx}/{1,10,100}`: the sample with its body sections
//!   repeated to 1×, 10× and 100× the content. Throughput is in blocks, so
//!   rendering time linear in content shows as a flat blocks-per-second rate.
//! - `pack/{public,full}`: the agenda pack of `examples/meetings/
//!   northmere-2026-02-11-cabinet.json` (three reports, one of them Part 2):
//!   checking every report, laying each out, the front sheet, the joined PDF
//!   and the Word front sheet.
//! - `pack/items/{1,5,10}`: packs of 1, 5 and 10 sample-sized reports (the
//!   sample again and again; ten are about 70 pages). Throughput is in items,
//!   so time linear in the number of items shows as a flat items-per-second rate.
//! - `import/sample`: the sample's Word file read back (`Report::from_docx`),
//!   with a template already built, as a service importing files would.

use cabinet_report::model::{Section, SectionKind, SAMPLE_JSON};
use cabinet_report::{compose, Audience, RenderOptions, Renderer, Report, Template};
use criterion::{
    black_box, criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use std::time::Duration;

fn sample(c: &mut Criterion) {
    let renderer = Renderer::new(Template::tower_hamlets()).expect("the built-in template loads");
    let report = Report::sample();
    let options = RenderOptions::default();
    assert_renders(&renderer, &report, &options);

    let mut group = c.benchmark_group("sample");
    group.bench_function("parse", |b| {
        b.iter(|| Report::from_json(black_box(SAMPLE_JSON)))
    });
    group.bench_function("validate", |b| {
        b.iter(|| renderer.check(black_box(&report), Audience::Public))
    });
    group.bench_function("compose", |b| {
        b.iter(|| {
            let doc = compose::compose(black_box(&report), renderer.template(), Audience::Public)
                .expect("composes");
            // A composed document borrows the template; count its nodes so
            // the work cannot be optimised away.
            doc.nodes().count()
        })
    });
    group.bench_function("pdf", |b| {
        b.iter(|| renderer.pdf(black_box(&report), &options))
    });
    group.bench_function("docx", |b| {
        b.iter(|| renderer.docx(black_box(&report), &options))
    });
    group.bench_function("pdf+docx", |b| {
        b.iter(|| renderer.render(black_box(&report), &options))
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let renderer = Renderer::new(Template::tower_hamlets()).expect("the built-in template loads");
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("scaling");
    // The 100× report takes a good part of a second per PDF: few samples,
    // each one iteration, keep `cargo bench` to minutes on two cores.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(500));
    for times in [1, 10, 100] {
        // Room for ten one-second iterations of the 100× PDF, so criterion
        // need not warn, and no more than needed for the rest.
        group.measurement_time(Duration::from_secs(if times == 100 { 12 } else { 3 }));
        let report = repeated(times);
        assert_renders(&renderer, &report, &options);
        group.throughput(Throughput::Elements(blocks(&report)));
        group.bench_with_input(BenchmarkId::new("pdf", times), &report, |b, report| {
            b.iter(|| renderer.pdf(report, &options))
        });
        group.bench_with_input(BenchmarkId::new("docx", times), &report, |b, report| {
            b.iter(|| renderer.docx(report, &options))
        });
    }
    group.finish();
}

/// The sample with its body sections `times` times over: copies after the
/// first are `other` sections headed "… (copy N)", so the report still
/// follows the template's order and validates, and each copy gets its own
/// paragraph numbers as a long real report would.
fn repeated(times: usize) -> Report {
    let mut report = Report::sample();
    let template = Template::tower_hamlets();
    let body = report.sections.clone();
    for copy in 2..=times {
        for section in &body {
            let label = section.heading.clone().unwrap_or_else(|| {
                template
                    .section(&section.kind)
                    .map_or_else(|| "Section".to_string(), |s| s.heading.clone())
            });
            report.sections.push(Section {
                kind: SectionKind::Other,
                heading: Some(format!("{label} (copy {copy})")),
                blocks: section.blocks.clone(),
                exempt: None,
                sign_off: None,
            });
        }
    }
    report
}

/// Blocks in the report's summary, recommendations and sections: the
/// measure of content the scaling benches divide time by.
fn blocks(report: &Report) -> u64 {
    let sections: usize = report.sections.iter().map(|s| s.blocks.len()).sum();
    let recommendations: usize = report
        .recommendations
        .iter()
        .map(|r| 1 + r.blocks.len())
        .sum();
    (report.summary.len() + recommendations + sections) as u64
}

/// A bench of a report that is refused measures only the refusal.
fn assert_renders(renderer: &Renderer, report: &Report, options: &RenderOptions) {
    let errors: Vec<String> = renderer
        .check(report, options.audience)
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "the bench report has errors: {errors:#?}"
    );
    if let Err(e) = renderer.pdf(report, options) {
        panic!("the bench report does not render to PDF: {e}");
    }
    if let Err(e) = renderer.docx(report, options) {
        panic!("the bench report does not render to Word: {e}");
    }
}

fn pack(c: &mut Criterion) {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/meetings"));
    let bytes = std::fs::read(dir.join("northmere-2026-02-11-cabinet.json")).expect("the example");
    let meeting = cabinet_report::Meeting::from_json_bytes(&bytes).expect("it loads");
    let template =
        Template::for_report(meeting.template.as_deref(), Some(dir)).expect("its template loads");
    let renderer = Renderer::new(template).expect("the template's renderer");
    let mut group = c.benchmark_group("pack");
    for (name, audience) in [("public", Audience::Public), ("full", Audience::Full)] {
        let options = RenderOptions {
            audience,
            report_dir: Some(dir.to_path_buf()),
            ..RenderOptions::default()
        };
        renderer
            .pack(&meeting, &options)
            .expect("the example pack renders");
        group.bench_function(name, |b| {
            b.iter(|| renderer.pack(black_box(&meeting), &options))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("pack");
    let renderer = Renderer::new(Template::tower_hamlets()).expect("the built-in template loads");
    let mut files = cabinet_report::MemoryResources::new();
    files.insert("sample.json", SAMPLE_JSON.as_bytes().to_vec());
    let options = RenderOptions {
        resources: Some(std::sync::Arc::new(files)),
        ..RenderOptions::default()
    };
    for items in [1usize, 5, 10] {
        let meeting = sample_meeting(items);
        let pack = renderer
            .pack(&meeting, &options)
            .expect("the sample meeting's pack renders");
        assert_eq!(pack.items.len(), items);
        group.throughput(Throughput::Elements(items as u64));
        group.bench_with_input(BenchmarkId::new("items", items), &meeting, |b, meeting| {
            b.iter(|| renderer.pack(black_box(meeting), &options))
        });
    }
    group.finish();
}

/// A Cabinet meeting of `items` reports, each the built-in sample.
fn sample_meeting(items: usize) -> cabinet_report::Meeting {
    let list: Vec<String> = (0..items)
        .map(|i| format!(r#"{{ "number": "{}", "report": "sample.json" }}"#, i + 1))
        .collect();
    let json = format!(
        r#"{{
  "body": "cabinet",
  "date": "2019-07-31",
  "time": "5.30 pm",
  "venue": "Council Chamber, Town Hall",
  "members": {{ "chair": {{ "name": "Mayor John Biggs", "role": "Mayor" }} }},
  "items": [{}]
}}"#,
        list.join(", ")
    );
    cabinet_report::Meeting::from_json_bytes(json.as_bytes()).expect("the sample meeting loads")
}

fn import(c: &mut Criterion) {
    let renderer = Renderer::new(Template::tower_hamlets()).expect("the built-in template loads");
    let docx = renderer
        .docx(&Report::sample(), &RenderOptions::default())
        .expect("the sample renders to Word");
    let template = Template::tower_hamlets();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(docx.len() as u64));
    group.bench_function("sample", |b| {
        b.iter(|| Report::from_docx(black_box(&docx), |_| Ok(template.clone())))
    });
    group.finish();
}

/// Keeps a whole `cargo bench` to a few minutes on two cores; pass
/// `--measurement-time` to criterion for steadier figures.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = sample, scaling, pack, import
}
criterion_main!(benches);
