//! Hostile image files and paths: a report from another service, or a
//! template, cannot make us read files outside its own folder, and a bad or
//! enormous image is a typed error naming it, never a panic or an
//! out-of-memory kill.

use crate::common::images::{bomb, declared, jpeg, png};
use cabinet_report::model::{Block, Image, Report};
use cabinet_report::template::{FontFiles, Rgb};
use cabinet_report::{Error, MemoryResources, RenderOptions, Renderer, Template};
use std::path::Path;
use std::sync::Arc;
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

/// The error `Renderer::new` gives for `template`: a bad brand must stop a
/// service when it starts, not fail every report it is later given.
fn refused_by_new(template: Template) -> Error {
    match Renderer::new(template) {
        Err(e) => e,
        Ok(_) => panic!("the renderer was made"),
    }
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
        ("missing.png", "No such file"),
    ] {
        let e = refused_by_new(template_with_logo(&templates, logo));
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
fn a_template_built_in_code_is_checked_like_one_loaded_from_a_file() {
    let mut t = Template::tower_hamlets();
    t.brand.primary_colour = Rgb(0xFF, 0xFF, 0x00);
    let e = refused_by_new(t).to_string();
    assert!(e.contains("contrast ratio"), "{e}");
    // The statutory citation is what makes withholding lawful.
    let mut t = Template::tower_hamlets();
    t.labels.exempt_notice = "{what} is exempt.".into();
    let e = refused_by_new(t).to_string();
    assert!(e.contains("{paragraphs}"), "{e}");
    // Checked whichever way the brand's files are given.
    let mut t = Template::tower_hamlets();
    t.brand.on_primary_colour = t.brand.primary_colour;
    assert!(Renderer::with_resources(t, &MemoryResources::new()).is_err());
}

#[test]
fn with_no_folder_an_image_path_is_refused_not_read_from_the_current_directory() {
    // Tests run in the crate's folder, where this file is a real PNG.
    let src = "assets/logo.png";
    assert!(Path::new(src).is_file());
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let report = with_image(src);
    for result in [
        renderer.pdf(&report, &RenderOptions::default()).map(drop),
        renderer.docx(&report, &RenderOptions::default()).map(drop),
        cabinet_report::render_pdf(&report, &RenderOptions::default()).map(drop),
    ] {
        let e = result.expect_err("the image was read from the current directory");
        assert_image_error(&e, IMAGE_PATH, "images need a folder or resources");
    }
    // And a brand's logo with no folder is not read from there either.
    let mut t = Template::tower_hamlets();
    t.brand.logo = Some(src.into());
    let e = refused_by_new(t);
    assert_image_error(&e, "$.brand.logo", "need a folder or resources");
}

/// A council's template with a logo and all four fonts named as the files
/// a service holds in memory.
fn service_template() -> Template {
    let mut t = Template::tower_hamlets();
    t.id = "service-council".into();
    t.brand.logo = Some("brand/crest.png".into());
    t.brand.logo_alt = Some("The council's crest".into());
    t
}

#[test]
fn a_service_renders_with_its_logo_and_images_held_in_memory() {
    let crest = png(120, 60);
    let chart = jpeg(64, 32);
    let mut files = MemoryResources::new();
    files
        .insert("brand/crest.png", crest.clone())
        .insert("images/chart.jpg", chart.clone());
    let files = Arc::new(files);
    let report = with_image("./images/chart.jpg");
    let renderer = Renderer::with_resources(service_template(), &*files).unwrap();
    let options = RenderOptions {
        resources: Some(files.clone()),
        ..RenderOptions::default()
    };
    let from_memory = renderer.render(&report, &options).unwrap();

    // The same files in folders give the same bytes: what was held in
    // memory is what was printed.
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("brand")).unwrap();
    std::fs::create_dir_all(root.path().join("images")).unwrap();
    std::fs::write(root.path().join("brand/crest.png"), &crest).unwrap();
    std::fs::write(root.path().join("images/chart.jpg"), &chart).unwrap();
    let mut on_disk = service_template();
    on_disk.base_dir = Some(root.path().to_path_buf());
    let from_disk = Renderer::new(on_disk)
        .unwrap()
        .render(
            &report,
            &RenderOptions {
                report_dir: Some(root.path().to_path_buf()),
                ..RenderOptions::default()
            },
        )
        .unwrap();
    assert!(from_memory == from_disk, "memory and folder renders differ");
    // Not the built-in mark: the crest is printed.
    let plain = Renderer::new(Template::tower_hamlets())
        .unwrap()
        .pdf(&report, &options)
        .unwrap();
    assert!(plain != from_memory.pdf);

    // A template the report names is read from the same memory, with its logo.
    let mut files = (*files).clone();
    let json = serde_json::to_string(&service_template()).unwrap();
    files.insert("templates/council.json", json);
    let mut named = report.clone();
    named.template = Some("templates/council.json".into());
    let options = RenderOptions {
        resources: Some(Arc::new(files)),
        ..RenderOptions::default()
    };
    let pdf = cabinet_report::render_pdf(&named, &options).unwrap();
    assert!(pdf == renderer.pdf(&named, &options).unwrap());

    // A name held nowhere is an error naming the image.
    let e = renderer
        .pdf(&with_image("images/other.png"), &options)
        .unwrap_err();
    assert_image_error(&e, IMAGE_PATH, "no file called `images/other.png`");
}

#[test]
fn brand_fonts_given_as_bytes_are_the_fonts_embedded() {
    let italic = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/LiberationSans-Italic.ttf"
    ))
    .unwrap();
    let mut files = MemoryResources::new();
    files.insert("fonts/house.ttf", italic);
    let mut t = Template::tower_hamlets();
    t.brand.fonts = Some(FontFiles {
        regular: "fonts/house.ttf".into(),
        bold: "fonts/house.ttf".into(),
        italic: "fonts/house.ttf".into(),
        bold_italic: "fonts/house.ttf".into(),
    });
    let pdf = Renderer::with_resources(t.clone(), &files)
        .unwrap()
        .pdf(&Report::sample(), &RenderOptions::default())
        .unwrap();
    let fonts = base_fonts(&pdf);
    assert!(!fonts.is_empty());
    assert!(
        fonts.iter().all(|f| f.ends_with("+LiberationSans-Italic")),
        "{fonts:?}"
    );
    let default = base_fonts(
        &Renderer::new(Template::tower_hamlets())
            .unwrap()
            .pdf(&Report::sample(), &RenderOptions::default())
            .unwrap(),
    );
    assert!(default.iter().any(|f| f.ends_with("+LiberationSans-Bold")));
    // Fonts named but not given are refused when the renderer is made.
    let e = Renderer::with_resources(t, &MemoryResources::new()).unwrap_err();
    assert!(
        matches!(e, Error::Font { ref name, .. } if name == "fonts/house.ttf"),
        "{e}"
    );
}

/// The `/BaseFont` of every font the PDF embeds.
fn base_fonts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
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
