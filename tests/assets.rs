//! Hostile image files and paths: a report from another service, or a
//! template, cannot make us read files outside its own folder, and a bad or
//! enormous image is a typed error naming it, never a panic or an
//! out-of-memory kill.

mod common;

use cabinet_report::model::{Block, Image, Report};
use cabinet_report::{Error, RenderOptions, Renderer, Template};
use common::images::{bomb, declared, jpeg, png};
use std::path::Path;
use std::time::{Duration, Instant};

/// The sample report with an image `src` (relative to its folder) in its details.
fn with_image(src: &str) -> Report {
    let mut report = Report::sample();
    report.sections[2].blocks.push(Block::Image(Image {
        src: src.into(),
        alt: "Visits to the three libraries since 2017".into(),
        width_mm: Some(60.0),
        caption: None,
    }));
    report
}

const IMAGE_PATH: &str = "$.sections[2].blocks[38]";

/// Renders both formats with `template`, images relative to `dir`; returns
/// the error, asserting both formats give the same one.
fn refused(report: &Report, template: Template, dir: &Path) -> Error {
    let renderer = Renderer::new(template).unwrap();
    let options = RenderOptions {
        report_dir: Some(dir.to_path_buf()),
        ..RenderOptions::default()
    };
    let Err(pdf) = renderer.pdf(report, &options) else {
        panic!("the PDF was rendered, not refused");
    };
    let Err(docx) = renderer.docx(report, &options) else {
        panic!("the Word document was rendered, not refused");
    };
    assert_eq!(pdf.to_string(), docx.to_string());
    pdf
}

/// The error is an image error at `at`, and its message says `says`.
fn assert_image_error(e: &Error, at: &str, says: &str) {
    match e {
        Error::Image { path, .. } => assert_eq!(path, at, "{e}"),
        other => panic!("expected an image error at {at}, got {other:?}"),
    }
    assert!(e.to_string().contains(says), "expected {says:?} in: {e}");
}

/// A report folder inside a scratch folder, with `secrets.png` (a real,
/// loadable image) beside it, outside the report's reach.
fn folders() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let reports = root.path().join("council/reports");
    std::fs::create_dir_all(reports.join("images")).unwrap();
    std::fs::write(root.path().join("council/secrets.png"), png(8, 8)).unwrap();
    std::fs::write(root.path().join("secrets.png"), png(8, 8)).unwrap();
    (root, reports)
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header_quickly() {
    let (_root, dir) = folders();
    // 9,000 × 9,000 RGBA is 324 MB decoded from a file of 3 MB:
    // within each side's limit, but not the memory one.
    let bytes = bomb(9000, 9000);
    assert!(bytes.len() < 4 << 20, "{} bytes", bytes.len());
    std::fs::write(dir.join("images/bomb.png"), &bytes).unwrap();
    // Its header says 100,000 × 100,000: 30 GB.
    std::fs::write(dir.join("images/huge.png"), declared(100_000, 100_000)).unwrap();
    // A real 16 × 16 JPEG whose frame header is changed to say 60,000 × 60,000.
    let mut big_jpeg = jpeg(16, 16);
    let sof = big_jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    big_jpeg[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    std::fs::write(dir.join("images/huge.jpg"), big_jpeg).unwrap();
    for (file, size) in [
        ("bomb.png", "9000 × 9000"),
        ("huge.png", "100000 × 100000"),
        ("huge.jpg", "60000 × 60000"),
    ] {
        let started = Instant::now();
        let e = refused(
            &with_image(&format!("images/{file}")),
            Template::tower_hamlets(),
            &dir,
        );
        assert_image_error(&e, IMAGE_PATH, &format!("the image is {size} pixels"));
        assert!(e.to_string().contains("save it smaller"), "{e}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{file}: {:?}, so it was decoded",
            started.elapsed()
        );
    }
}

#[test]
fn damaged_and_mislabelled_files_are_refused_with_what_to_do() {
    let (_root, dir) = folders();
    let good = png(200, 100);
    std::fs::write(dir.join("images/cut.png"), &good[..good.len() / 2]).unwrap();
    std::fs::write(dir.join("images/notes.png"), "Visits: Bow 40, Poplar 38\n").unwrap();
    std::fs::write(dir.join("images/photo.png"), jpeg(16, 16)).unwrap();
    std::fs::write(dir.join("images/chart.jpg"), png(16, 16)).unwrap();
    std::fs::write(dir.join("images/empty.png"), "").unwrap();
    std::fs::write(dir.join("images/fine.jpg"), jpeg(16, 16)).unwrap();
    for (file, says) in [
        ("cut.png", "damaged or cut short: export or save it again"),
        (
            "notes.png",
            "not a PNG or JPEG image (whatever its name says)",
        ),
        (
            "photo.png",
            "a JPEG image but its name ends in .png: rename it",
        ),
        (
            "chart.jpg",
            "a PNG image but its name ends in .jpg: rename it",
        ),
        ("empty.png", "not a PNG or JPEG image"),
        ("missing.png", "No such file"),
    ] {
        let e = refused(
            &with_image(&format!("images/{file}")),
            Template::tower_hamlets(),
            &dir,
        );
        assert_image_error(&e, IMAGE_PATH, says);
    }
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        report_dir: Some(dir.clone()),
        ..RenderOptions::default()
    };
    renderer
        .pdf(&with_image("images/fine.jpg"), &options)
        .expect("a JPEG named .jpg is fine");
}

#[test]
fn report_images_cannot_reach_outside_the_report_folder() {
    let (root, dir) = folders();
    std::os::unix::fs::symlink("../../secrets.png", dir.join("images/chart.png")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.png")).unwrap();
    std::os::unix::fs::symlink(root.path().join("council"), dir.join("up")).unwrap();
    for (src, says) in [
        ("../../secrets.png", "must be inside the report's folder"),
        ("../secrets.png", "must be inside the report's folder"),
        (
            "images/../../secrets.png",
            "must be inside the report's folder",
        ),
        ("/etc/passwd", "must be inside the report's folder"),
        (
            "images/chart.png",
            "is a link to a file outside the report's folder",
        ),
        (
            "passwd.png",
            "is a link to a file outside the report's folder",
        ),
        (
            "up/secrets.png",
            "is a link to a file outside the report's folder",
        ),
    ] {
        let e = refused(&with_image(src), Template::tower_hamlets(), &dir);
        assert_image_error(&e, IMAGE_PATH, says);
        assert!(
            e.to_string().contains("copy"),
            "{src}: says what to do: {e}"
        );
    }
    // A link that stays inside the folder is fine.
    std::fs::write(dir.join("images/real.png"), png(8, 8)).unwrap();
    std::os::unix::fs::symlink("real.png", dir.join("images/alias.png")).unwrap();
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        report_dir: Some(dir.clone()),
        ..RenderOptions::default()
    };
    renderer
        .pdf(&with_image("images/alias.png"), &options)
        .unwrap();
}

/// The built-in template with `logo`, as if read from `dir`.
fn template_with_logo(dir: &Path, logo: &str) -> Template {
    let mut t = Template::tower_hamlets();
    t.base_dir = Some(dir.to_path_buf());
    t.brand.logo = Some(logo.into());
    t.brand.logo_alt = Some("The council's crest".into());
    t
}

#[test]
fn a_brand_logo_cannot_reach_outside_the_template_folder_nor_be_a_bomb() {
    let (root, reports) = folders();
    let templates = root.path().join("council/templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("logo.png"), png(40, 20)).unwrap();
    std::fs::write(templates.join("bomb.png"), declared(100_000, 100_000)).unwrap();
    std::fs::write(templates.join("notes.png"), "not an image").unwrap();
    std::os::unix::fs::symlink("../secrets.png", templates.join("link.png")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", templates.join("passwd.png")).unwrap();
    let report = Report::sample();
    for (logo, says) in [
        ("../secrets.png", "must be inside the template's folder"),
        ("../../secrets.png", "must be inside the template's folder"),
        ("/etc/passwd", "must be inside the template's folder"),
        (
            "link.png",
            "is a link to a file outside the template's folder",
        ),
        (
            "passwd.png",
            "is a link to a file outside the template's folder",
        ),
        ("bomb.png", "the image is 100000 × 100000 pixels"),
        ("notes.png", "not a PNG or JPEG image"),
    ] {
        let e = refused(&report, template_with_logo(&templates, logo), &reports);
        assert_image_error(&e, "$.brand.logo", says);
    }
    let renderer = Renderer::new(template_with_logo(&templates, "logo.png")).unwrap();
    let options = RenderOptions {
        report_dir: Some(reports),
        ..RenderOptions::default()
    };
    renderer
        .pdf(&report, &options)
        .expect("a logo in its folder is fine");
}

#[test]
fn brand_fonts_cannot_reach_outside_the_template_folder() {
    let root = tempfile::tempdir().unwrap();
    let templates = root.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let font = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/LiberationSans-Regular.ttf"
    ))
    .unwrap();
    std::fs::write(root.path().join("outside.ttf"), &font).unwrap();
    std::fs::write(templates.join("inside.ttf"), &font).unwrap();
    std::os::unix::fs::symlink("../outside.ttf", templates.join("link.ttf")).unwrap();
    let with_regular = |regular: &str| {
        let mut t = Template::tower_hamlets();
        t.base_dir = Some(templates.clone());
        t.brand.fonts = Some(cabinet_report::template::FontFiles {
            regular: regular.into(),
            bold: "inside.ttf".into(),
            italic: "inside.ttf".into(),
            bold_italic: "inside.ttf".into(),
        });
        t
    };
    for (regular, says) in [
        ("../outside.ttf", "must be inside the template's folder"),
        ("/etc/passwd", "must be inside the template's folder"),
        (
            "link.ttf",
            "is a link to a file outside the template's folder",
        ),
    ] {
        match Renderer::new(with_regular(regular)) {
            Err(e @ Error::Font { .. }) => assert!(e.to_string().contains(says), "{regular}: {e}"),
            Err(e) => panic!("{regular}: expected a font error, got {e:?}"),
            Ok(_) => panic!("{regular}: the font was loaded"),
        }
    }
    Renderer::new(with_regular("inside.ttf")).expect("a font in the template's folder is fine");
}
