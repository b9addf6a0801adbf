//! What an image file carries into the published files: only its picture,
//! upright, once, and only if the whole of it can be read.

use crate::common::images::{exif, jpeg, jpeg_halves, jpeg_with, png, png_with};
use cabinet_report::assets::LoadedImage;
use cabinet_report::model::{Block, Image, Report};
use cabinet_report::{Error, RenderOptions, Renderer, Template};
use std::io::Read;
use std::path::Path;

/// The sample report with one image block per `src`.
fn with_images(srcs: &[String]) -> Report {
    let mut report = Report::sample();
    for src in srcs {
        report.sections[2].blocks.push(Block::Image(Image {
            src: src.clone(),
            alt: "Visits to the three libraries since 2017".into(),
            width_mm: Some(40.0),
            caption: None,
        }));
    }
    report
}

fn render(report: &Report, dir: &Path) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let renderer = Renderer::new(Template::tower_hamlets()).unwrap();
    let options = RenderOptions {
        report_dir: Some(dir.to_path_buf()),
        ..RenderOptions::default()
    };
    Ok((
        renderer.pdf(report, &options)?,
        renderer.docx(report, &options)?,
    ))
}

/// The files under `word/media/`, with their bytes.
fn media(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/"))
        .map(String::from)
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut bytes = Vec::new();
            zip.by_name(&n).unwrap().read_to_end(&mut bytes).unwrap();
            (n, bytes)
        })
        .collect()
}

/// Every image XObject in the PDF, as (width, height, stream bytes).
fn pdf_images(pdf: &[u8]) -> Vec<(i64, i64, Vec<u8>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .map(|s| {
            let n = |k: &[u8]| s.dict.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            (n(b"Width"), n(b"Height"), s.content.clone())
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn names_gps_positions_and_comments_in_images_are_not_published() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    let secrets: [&[u8]; 5] = [
        b"GPS 51.5033N 0.1196W",
        b"Camera owner: J. Smith",
        b"Draft - do not publish",
        b"<x:xmpmeta>Author: A. Clerk</x:xmpmeta>",
        b"Software: Paint (edited 3 times)",
    ];
    let photo = jpeg_with(
        &jpeg(64, 48),
        &[
            (
                0xE1,
                &[b"Exif\0\0".as_slice(), &exif(1, secrets[0])].concat(),
            ),
            (0xFE, secrets[1]),
            (
                0xE1,
                &[b"http://ns.adobe.com/xap/1.0/\0".as_slice(), secrets[3]].concat(),
            ),
            (0xED, secrets[2]),
        ],
    );
    let chart = png_with(
        &png(64, 48),
        &[
            (b"tEXt", &[b"Comment\0".as_slice(), secrets[2]].concat()),
            (
                b"iTXt",
                &[b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), secrets[3]].concat(),
            ),
            (b"eXIf", &exif(1, secrets[0])),
            (b"zTXt", b"Software\0\0x\x9c\x03\0\0\0\0\x01"),
            (b"tIME", &[7, 234, 1, 2, 3, 4, 5]),
        ],
    );
    let mut chart_with_software = chart.clone();
    chart_with_software.extend_from_slice(secrets[4]); // after IEND
    std::fs::write(dir.path().join("images/photo.jpg"), &photo).unwrap();
    std::fs::write(dir.path().join("images/chart.png"), &chart_with_software).unwrap();
    let (pdf, docx) = render(
        &with_images(&["images/photo.jpg".into(), "images/chart.png".into()]),
        dir.path(),
    )
    .unwrap();
    let media = media(&docx);
    assert_eq!(media.len(), 3, "the logo, the photo and the chart");
    for secret in secrets {
        let shown = String::from_utf8_lossy(secret);
        assert!(!contains(&pdf, secret), "the PDF holds {shown:?}");
        for (name, bytes) in &media {
            assert!(!contains(bytes, secret), "{name} holds {shown:?}");
        }
    }
    // Nothing of the picture is lost: the same pixels, both formats.
    for (name, bytes) in &media {
        let img = image::load_from_memory(bytes).unwrap();
        if name.ends_with(".jpeg") {
            assert_eq!(
                img.to_rgb8(),
                image::load_from_memory(&photo).unwrap().to_rgb8()
            );
        }
    }
    assert!(pdf_images(&pdf)
        .iter()
        .any(|(w, h, _)| (*w, *h) == (64, 48)));
}

#[test]
fn one_file_named_many_ways_is_read_and_embedded_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/x.png"), png(300, 200)).unwrap();
    // (A hard link is no longer a second name: any file with two is refused
    // by the folder, see hostile_inputs.)
    std::os::unix::fs::symlink("x.png", dir.path().join("images/z.png")).unwrap();
    std::fs::write(dir.path().join("images/other.png"), png(30, 20)).unwrap();
    let mut srcs: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "{}images{}x.png",
                "./".repeat(i % 20),
                "/".repeat(1 + i / 20)
            )
        })
        .collect();
    srcs.extend(["images/z.png", "images/other.png"].map(String::from));
    let (pdf, docx) = render(&with_images(&srcs), dir.path()).unwrap();
    let media = media(&docx);
    assert_eq!(
        media.len(),
        3,
        "the logo, x.png and other.png: {:?}",
        media.iter().map(|m| &m.0).collect::<Vec<_>>()
    );
    let sizes: Vec<(i64, i64)> = pdf_images(&pdf).iter().map(|(w, h, _)| (*w, *h)).collect();
    assert_eq!(
        sizes.iter().filter(|s| **s == (300, 200)).count(),
        1,
        "{sizes:?}"
    );
    assert_eq!(
        sizes.iter().filter(|s| **s == (30, 20)).count(),
        1,
        "{sizes:?}"
    );
    // Every use is still drawn: 202 figures in the Word file.
    let mut doc = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert_eq!(doc.matches("<pic:pic>").count(), 202);
}

/// The damage the red team sent, each to a real photo: refused, with a
/// message naming the image, not printed as half a picture or grey.
#[test]
fn damaged_jpegs_are_refused_naming_the_image() {
    let good = jpeg_halves(256, 256);
    let sos = good.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
    let eoi = good.len() - 2;
    assert_eq!(&good[eoi..], &[0xFF, 0xD9]);
    let scan = sos + 14;
    let mut garbage = good.clone();
    // Noise (no 0xFF, so no marker), as a disk or transfer error leaves.
    let mut seed = 0x2545_F491_u32;
    for b in &mut garbage[scan + 40..eoi - 40] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        *b = (seed % 255) as u8;
    }
    // Not yet refused: a header claiming more rows than the scan holds (the
    // strict decoder fills the rest); see the branch report.
    let cases: [(&str, Vec<u8>); 4] = [
        ("cut in its scan", good[..scan + (eoi - scan) / 2].to_vec()),
        ("no end marker", good[..eoi].to_vec()),
        ("cut in its header", good[..sos / 2].to_vec()),
        ("garbage scan data", garbage),
    ];
    LoadedImage::from_bytes(good.clone(), "$.x", "photo.jpg").expect("the undamaged photo loads");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    for (what, bytes) in cases {
        let src = format!("images/{}.jpg", what.replace(' ', "-"));
        std::fs::write(dir.path().join(&src), bytes).unwrap();
        let report = with_images(std::slice::from_ref(&src));
        let Err(e) = render(&report, dir.path()) else {
            panic!("{what}: rendered, not refused");
        };
        match &e {
            Error::Image {
                path, src: named, ..
            } => {
                assert_eq!(path, "$.sections[2].blocks[38]", "{what}: {e}");
                assert_eq!(named, &src, "{what}: {e}");
            }
            other => panic!("{what}: expected an image error, got {other:?}"),
        }
        assert!(e.to_string().contains(&src), "{what}: {e}");
        assert!(
            e.to_string().contains("damaged or cut short"),
            "{what}: {e}"
        );
    }
}

/// A phone photo taken upright is stored sideways with an EXIF orientation;
/// both formats must show it upright, as every photo viewer does.
#[test]
fn a_photo_stored_sideways_is_printed_upright_in_both_formats() {
    // 64 × 32, black on the left: turned a quarter clockwise (orientation
    // 6), it is 32 × 64 with black at the top.
    let sideways = jpeg_with(
        &jpeg_halves(64, 32),
        &[(0xE1, &[b"Exif\0\0".as_slice(), &exif(6, b"")].concat())],
    );
    let png_sideways = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::load_from_memory(&jpeg_halves(64, 32))
            .unwrap()
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        png_with(&out.into_inner(), &[(b"eXIf", &exif(6, b""))])
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/photo.jpg"), &sideways).unwrap();
    std::fs::write(dir.path().join("images/photo.png"), &png_sideways).unwrap();
    for src in ["images/photo.jpg", "images/photo.png"] {
        let (pdf, docx) = render(&with_images(&[src.into()]), dir.path()).unwrap();
        let sizes: Vec<(i64, i64)> = pdf_images(&pdf).iter().map(|(w, h, _)| (*w, *h)).collect();
        assert!(
            sizes.contains(&(32, 64)),
            "{src}: the PDF's images are {sizes:?}"
        );
        assert!(!sizes.contains(&(64, 32)), "{src}: {sizes:?}");
        let media = media(&docx);
        let photos: Vec<image::GrayImage> = media
            .iter()
            .map(|(_, b)| image::load_from_memory(b).unwrap().to_luma8())
            .filter(|i| [(32, 64), (64, 32)].contains(&i.dimensions()))
            .collect();
        assert_eq!(photos.len(), 1, "{src}");
        let img = &photos[0];
        assert_eq!(img.dimensions(), (32, 64), "{src} in Word");
        // Upright: the dark half is at the top, the light half at the bottom.
        let (top, bottom) = (img.get_pixel(16, 8).0[0], img.get_pixel(16, 56).0[0]);
        assert!(
            top < 100 && bottom > 150,
            "{src}: top {top}, bottom {bottom}"
        );
    }
}
