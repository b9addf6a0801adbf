//! `service`: how a web service renders a report whose logo and images it
//! holds in memory (from a request, a database or object storage), with no
//! file written or read.
//!
//! ```text
//! cargo run --release --example service
//! ```
//!
//! It loads the built-in sample report, adds a chart, gives the council's
//! logo and the chart as PNG bytes through [`MemoryResources`], and renders
//! the PDF and the Word document to memory.

use cabinet_report::model::{Block, Image, Report, SAMPLE_JSON};
use cabinet_report::{MemoryResources, RenderOptions, Renderer, Template};
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // What the service received: a report, and the files it names.
    let mut report = Report::from_json(SAMPLE_JSON)?;
    report.sections[2].blocks.push(Block::Image(Image {
        src: "images/visits.png".into(),
        alt: "Bar chart of library visits by year since 2017".into(),
        width_mm: Some(80.0),
        caption: Some("Library visits since 2017".into()),
    }));
    let mut files = MemoryResources::new();
    files
        .insert("brand/crest.png", png(240, 120, [0x00, 0x59, 0x4F]))
        .insert("images/visits.png", png(600, 300, [0x3B, 0x6E, 0xA5]));
    let files = Arc::new(files);

    // The council's template, its logo named as the service holds it. A
    // renderer is made once per template and shared by every request: it
    // checks the template and reads the logo and fonts now, so a bad one
    // stops the service at start-up rather than failing each report.
    let mut template = Template::tower_hamlets();
    template.brand.logo = Some("brand/crest.png".into());
    template.brand.logo_alt = Some("Council crest".into());
    let renderer = Renderer::with_resources(template, &*files)?;

    let options = RenderOptions {
        resources: Some(files),
        ..RenderOptions::default()
    };
    let rendered = renderer.render(&report, &options)?;
    println!(
        "rendered a PDF of {} bytes and a Word document of {} bytes, in memory",
        rendered.pdf.len(),
        rendered.docx.len()
    );
    Ok(())
}

/// A `w` × `h` PNG: stripes of `colour` on white, standing in for the
/// bytes a service would have been sent.
fn png(w: u32, h: u32, colour: [u8; 3]) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(w, h, |x, _| {
        image::Rgb(if (x / 20) % 2 == 0 { colour } else { [255; 3] })
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encoding a PNG in memory does not fail");
    bytes.into_inner()
}
