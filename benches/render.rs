//! Where a clerk's time goes: `cargo bench --bench render`.
//!
//! One `Renderer` is reused across iterations, as a service rendering many
//! reports would: fonts are parsed once, outside the measurement.

use cabinet_report::model::SAMPLE_JSON;
use cabinet_report::{compose, Audience, RenderOptions, Renderer, Report, Template};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let renderer = Renderer::new(Template::tower_hamlets()).expect("the built-in template loads");
    let report = Report::sample();
    let options = RenderOptions::default();

    c.bench_function("sample/load+validate+compose", |b| {
        b.iter(|| {
            let report = Report::from_json(black_box(SAMPLE_JSON)).expect("the sample loads");
            let diagnostics = renderer.check(&report, Audience::Public);
            let doc = compose::compose(&report, renderer.template(), Audience::Public);
            black_box((diagnostics.len(), doc.nodes().count()))
        })
    });

    // A renderer that fails here would fail every iteration; say so and
    // measure the rest rather than abort the whole run.
    match renderer.pdf(&report, &options) {
        Ok(_) => {
            c.bench_function("sample/pdf", |b| {
                b.iter(|| renderer.pdf(black_box(&report), &options))
            });
        }
        Err(e) => eprintln!("skipping sample/pdf: {e}"),
    }
    match renderer.docx(&report, &options) {
        Ok(_) => {
            c.bench_function("sample/docx", |b| {
                b.iter(|| renderer.docx(black_box(&report), &options))
            });
        }
        Err(e) => eprintln!("skipping sample/docx: {e}"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
