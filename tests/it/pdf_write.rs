//! The PDF writer on a small laid-out document built by hand: the structure
//! tree, marked content, fonts, links, outline and metadata read back with
//! lopdf, and the file checked with real readers (poppler, qpdf, pdfua,
//! outloud).

use crate::common::pdf::{catalog, deref, dict, elements, mcids_in, name_of};
use crate::common::tool;
use cabinet_report::assets::LoadedImage;
use cabinet_report::compose::Meta;
use cabinet_report::compose::Rgb;
use cabinet_report::fonts::{Face, FontSet};
use cabinet_report::pdf::frame::{
    ArtifactKind, Bookmark, ElementId, Glyph, Item, ItemKind, LaidOut, Page, Role, Scope,
    Structure, Tag, TextRun,
};
use cabinet_report::pdf::write::write;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::process::Command;

const BLACK: Rgb = Rgb(0, 0, 0);
/// The default logo: a 4-bit palette PNG without transparency.
const LOGO: &[u8] = include_bytes!("../../assets/logo.png");
const BRAND: Rgb = Rgb(0x1D, 0x4F, 0x91);

/// Shapes `text` with rustybuzz into a run, each cluster's text on its first glyph.
fn shape(fonts: &FontSet, face: Face, size: f32, x: f32, y: f32, text: &str) -> TextRun {
    let data = fonts.get(face);
    let shaper = data.shaper();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&shaper, &[], buffer);
    let scale = size / f32::from(data.units_per_em);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs = Vec::new();
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let first = i == 0 || infos[i - 1].cluster != info.cluster;
        let end = infos[i..]
            .iter()
            .map(|g| g.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        glyphs.push(Glyph {
            id: info.glyph_id as u16,
            advance: pos.x_advance as f32 * scale,
            text: if first {
                text[start..end].into()
            } else {
                Default::default()
            },
        });
    }
    TextRun {
        x,
        y,
        face,
        size,
        colour: BLACK,
        glyphs,
        actual_text: None,
    }
}

fn text_item(tag: Tag, run: TextRun) -> Item {
    Item {
        tag,
        kind: ItemKind::Text(run),
    }
}

fn png_with_alpha() -> Vec<u8> {
    let mut img = image::RgbaImage::new(40, 30);
    for (x, y, p) in img.enumerate_pixels_mut() {
        *p = image::Rgba([
            (x * 6) as u8,
            (y * 8) as u8,
            200,
            if x < 20 { 255 } else { 90 },
        ]);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(16, 8, |x, y| {
        image::Rgb([(x * 15) as u8, (y * 30) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// Element ids of the sample that tests change.
struct Ids {
    h1: ElementId,
}

/// Two pages: a title, a paragraph with a link that runs onto page 2, a
/// list, a table whose header row repeats on page 2, a figure, a heading
/// drawn in capitals, running headers and footers.
fn sample(fonts: &FontSet) -> (LaidOut, Ids) {
    let mut s = Structure::new();
    let h1 = s.push(0, Role::Heading(1));
    let p1 = s.push(0, Role::P);
    let link = s.push(
        p1,
        Role::Link {
            alt: "Ofsted report (opens ofsted.gov.uk)".into(),
        },
    );
    let list = s.push(0, Role::L);
    let li = s.push(list, Role::LI);
    let lbl = s.push(li, Role::Lbl);
    let lbody = s.push(li, Role::LBody);
    let table = s.push(0, Role::Table);
    let thead = s.push(table, Role::THead);
    let head_row = s.push(thead, Role::TR);
    let heads: Vec<ElementId> = (0..3)
        .map(|_| s.push(head_row, Role::TH(Scope::Column)))
        .collect();
    let tbody = s.push(table, Role::TBody);
    let body: Vec<[ElementId; 3]> = (0..3)
        .map(|_| {
            let tr = s.push(tbody, Role::TR);
            [
                s.push(tr, Role::TH(Scope::Row)),
                s.push(tr, Role::TD),
                s.push(tr, Role::TD),
            ]
        })
        .collect();
    let figure = s.push(
        0,
        Role::Figure {
            alt: "The council's logo".into(),
        },
    );
    let h2 = s.push(0, Role::Heading(2));
    let p2 = s.push(0, Role::P);
    let photo = s.push(
        0,
        Role::Figure {
            alt: "Children at the opening of the new centre".into(),
        },
    );
    let _empty = s.push(0, Role::P); // never drawn: must not reach the tree

    let c = Tag::Content;
    let t = |face, size, x, y, txt: &str| shape(fonts, face, size, x, y, txt);
    let mut p = vec![Page::default(), Page::default()];
    for (i, page) in p.iter_mut().enumerate() {
        page.items.push(text_item(
            Tag::Artifact(ArtifactKind::Pagination),
            t(Face::Regular, 9.0, 56.0, 30.0, "Cabinet, 31 July 2019"),
        ));
        page.items.push(Item {
            tag: Tag::Artifact(ArtifactKind::Layout),
            kind: ItemKind::Line {
                from: (56.0, 36.0),
                to: (539.0, 36.0),
                width: 0.5,
                colour: BRAND,
            },
        });
        page.items.push(text_item(
            Tag::Artifact(ArtifactKind::Pagination),
            t(
                Face::Regular,
                9.0,
                56.0,
                810.0,
                &format!("Unrestricted  Page {} of 2", i + 1),
            ),
        ));
    }
    let mut heading = t(
        Face::Bold,
        18.0,
        56.0,
        80.0,
        "Children’s Services: Ofsted Inspection",
    );
    heading.colour = BRAND;
    p[0].items.push(text_item(c(h1), heading));
    p[0].items.push(text_item(
        c(p1),
        t(
            Face::Regular,
            12.0,
            56.0,
            110.0,
            "Fees of £1,200 — see the ",
        ),
    ));
    let before = t(
        Face::Regular,
        12.0,
        56.0,
        110.0,
        "Fees of £1,200 — see the ",
    );
    let link_x = 56.0 + before.glyphs.iter().map(|g| g.advance).sum::<f32>();
    let mut link_run = t(Face::Regular, 12.0, link_x, 110.0, "inspection report");
    link_run.colour = BRAND;
    let link_w: f32 = link_run.glyphs.iter().map(|g| g.advance).sum();
    p[0].items.push(text_item(c(link), link_run));
    p[0].items.push(Item {
        tag: c(link),
        kind: ItemKind::Link {
            x: link_x,
            y: 99.0,
            w: link_w,
            h: 14.0,
            url: "https://reports.ofsted.gov.uk/provider/44/80575".into(),
        },
    });
    p[0].items.push(text_item(
        c(p1),
        t(
            Face::Regular,
            12.0,
            link_x + link_w,
            110.0,
            " for the findings,",
        ),
    ));
    p[0].items
        .push(text_item(c(lbl), t(Face::Regular, 12.0, 56.0, 140.0, "1.")));
    p[0].items.push(text_item(
        c(lbody),
        t(
            Face::Regular,
            12.0,
            80.0,
            140.0,
            "Note the efficient office.",
        ),
    ));
    let rows = [
        ["Judgement", "Grade", "Previous"],
        ["Leadership", "Good", "Requires improvement"],
        ["Help and protection", "Good", "Inadequate"],
        ["Care leavers", "Outstanding", ""], // an empty cell: kept, so the table stays regular
    ];
    let mut cells: Vec<(ElementId, Face, f32, f32, &str)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (col, txt) in row.iter().enumerate() {
            let (e, face) = match r {
                0 => (heads[col], Face::Bold),
                _ if col == 0 => (body[r - 1][0], Face::Bold),
                _ => (body[r - 1][col], Face::Regular),
            };
            cells.push((
                e,
                face,
                56.0 + 160.0 * col as f32,
                180.0 + 20.0 * r as f32,
                txt,
            ));
        }
    }
    p[0].items.push(Item {
        tag: Tag::Artifact(ArtifactKind::Layout),
        kind: ItemKind::Rect {
            x: 54.0,
            y: 166.0,
            w: 485.0,
            h: 20.0,
            fill: Some(Rgb(0xE8, 0xEE, 0xF6)),
            stroke: Some((BRAND, 0.5)),
        },
    });
    for &(e, face, x, y, txt) in cells.iter().filter(|c| !c.4.is_empty()) {
        p[0].items.push(text_item(c(e), t(face, 11.0, x, y, txt)));
    }
    p[0].items.push(Item {
        tag: c(figure),
        kind: ItemKind::Image {
            image: 0,
            x: 56.0,
            y: 280.0,
            w: 80.0,
            h: 60.0,
        },
    });
    // Page 2: a repeated logo (an artifact), the paragraph goes on, the
    // header row repeats as an artifact.
    p[1].items.push(Item {
        tag: Tag::Artifact(ArtifactKind::Layout),
        kind: ItemKind::Image {
            image: 2,
            x: 500.0,
            y: 40.0,
            w: 36.0,
            h: 36.0,
        },
    });
    p[1].items.push(text_item(
        c(p1),
        t(
            Face::Regular,
            12.0,
            56.0,
            80.0,
            "which were published in July.",
        ),
    ));
    for (_, face, x, _, txt) in &cells[..3] {
        p[1].items.push(text_item(
            Tag::Artifact(ArtifactKind::RepeatedHeader),
            t(*face, 11.0, *x, 110.0, txt),
        ));
    }
    // A heading drawn in capitals whose text is in normal case, as layout
    // does it: the glyphs say what they show, the run says what it means.
    let mut caps = t(Face::Bold, 14.0, 56.0, 150.0, "SUMMARY OF FINDINGS");
    caps.actual_text = Some("Summary of findings".into());
    p[1].items.push(text_item(c(h2), caps));
    // And glyphs whose own text differs from what they show: each such
    // cluster gets its own actual text.
    let mut shown = t(Face::Regular, 12.0, 56.0, 195.0, "KEY DATES: 2019");
    for (g, ch) in shown.glyphs.iter_mut().zip("Key dates: 2019".chars()) {
        g.text = ch.to_string().into();
    }
    p[1].items.push(text_item(c(p2), shown));
    p[1].items.push(text_item(
        c(p2),
        t(
            Face::Italic,
            12.0,
            56.0,
            175.0,
            "The office’s staff were “confident” (see 3.1).",
        ),
    ));
    p[1].items.push(Item {
        tag: c(photo),
        kind: ItemKind::Image {
            image: 1,
            x: 56.0,
            y: 220.0,
            w: 32.0,
            h: 16.0,
        },
    });

    let laid = LaidOut {
        page_size: (595.28, 841.89),
        pages: p,
        structure: s,
        outline: vec![
            Bookmark {
                title: "Children’s Services: Ofsted Inspection".into(),
                level: 1,
                page: 0,
                y: 62.0,
            },
            Bookmark {
                title: "Recommendations".into(),
                level: 2,
                page: 0,
                y: 130.0,
            },
            Bookmark {
                title: "Summary of findings".into(),
                level: 1,
                page: 1,
                y: 136.0,
            },
        ],
        meta: Meta {
            title: "Children’s Services: Ofsted Inspection (ILACS)".into(),
            subject: "Mayor in Cabinet, 31 July 2019".into(),
            author: "Corporate Director, Children & Culture".into(),
            keywords: vec!["Ofsted".into(), "children's social care".into()],
            lang: "en-GB",
        },
        images: vec![
            LoadedImage::from_bytes(png_with_alpha(), "$.images[0]", "logo.png").unwrap(),
            LoadedImage::from_bytes(jpeg(), "$.images[1]", "photo.jpg").unwrap(),
            LoadedImage::from_bytes(LOGO.to_vec(), "$.brand.logo", "logo.png").unwrap(),
        ],
    };
    let ids = Ids { h1 };
    (laid, ids)
}

fn written() -> (Vec<u8>, Ids) {
    let fonts = FontSet::default_fonts();
    let (laid, ids) = sample(&fonts);
    (write(laid.clone(), &fonts).expect("writes"), ids)
}

#[test]
fn catalog_says_tagged_pdf_ua_in_british_english() {
    let (pdf, _) = written();
    assert!(pdf.starts_with(b"%PDF-1.7\n"));
    assert!(!pdf.windows(15).any(|w| w == b"GTS_PDFXVersion"));
    let doc = Document::load_mem(&pdf).unwrap();
    let cat = catalog(&doc);
    let mark = dict(&doc, cat.get(b"MarkInfo").unwrap());
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    assert_eq!(cat.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    let prefs = dict(&doc, cat.get(b"ViewerPreferences").unwrap());
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert_eq!(name_of(cat, b"PageMode"), "UseOutlines");
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        assert_eq!(name_of(page, b"Tabs"), "S");
        assert!(page.get(b"StructParents").unwrap().as_i64().is_ok());
    }
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert!(
        info.get(b"CreationDate").is_err() && info.get(b"ModDate").is_err(),
        "no clock dates"
    );
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "Children’s Services: Ofsted Inspection (ILACS)");
}

#[test]
fn xmp_names_title_creator_and_pdf_ua_part_1() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let meta = deref(&doc, catalog(&doc).get(b"Metadata").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(name_of(&meta.dict, b"Subtype"), "XML");
    let xml = String::from_utf8(meta.content.clone()).unwrap();
    assert!(xml.contains(
        "<rdf:li xml:lang=\"x-default\">Children’s Services: Ofsted Inspection (ILACS)</rdf:li>"
    ));
    assert!(xml.contains(
        "<dc:creator><rdf:Seq><rdf:li>Corporate Director, Children &amp; Culture</rdf:li>"
    ));
    assert!(xml.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(xml.contains("<rdf:li>en-GB</rdf:li>"));
    assert!(!xml.contains("Date>"), "no clock dates in XMP");
}

#[test]
fn structure_tree_has_every_role_in_reading_order_and_no_empty_elements() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let roles: Vec<String> = elements(&doc).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        roles,
        [
            "Document", "H1", "P", "Link", "L", "LI", "Lbl", "LBody", "Table", "THead", "TR", "TH",
            "TH", "TH", "TBody", "TR", "TH", "TD", "TD", "TR", "TH", "TD", "TD", "TR", "TH", "TD",
            "TD", "Figure", "H2", "P", "Figure"
        ]
    );
}

#[test]
fn every_mcid_in_the_content_belongs_to_the_element_the_parent_tree_names() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let root = dict(&doc, catalog(&doc).get(b"StructTreeRoot").unwrap());
    let tree = dict(&doc, root.get(b"ParentTree").unwrap());
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    let entries: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|kv| (kv[0].as_i64().unwrap(), &kv[1]))
        .collect();
    let mut checked = 0;
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
        let owners = deref(&doc, entries[&key]).as_array().unwrap();
        let marked = mcids_in(&doc, page_id);
        assert_eq!(marked.len(), owners.len(), "one parent-tree entry per MCID");
        for (i, (tag, mcid)) in marked.iter().enumerate() {
            assert_eq!(*mcid, i as i64, "MCIDs count up from 0 in content order");
            let owner_id = owners[i].as_reference().unwrap();
            let owner = doc.get_dictionary(owner_id).unwrap();
            assert_eq!(&name_of(owner, b"S"), tag, "BDC tag is the element's role");
            // The element's /K holds this MCID on this page.
            let pg = owner.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
            let kids = match owner.get(b"K").unwrap() {
                Object::Array(a) => a.clone(),
                o => vec![o.clone()],
            };
            let found = kids.iter().any(|k| match k {
                Object::Integer(n) => *n == *mcid && pg == Some(page_id),
                Object::Dictionary(d) => {
                    d.get(b"MCID").and_then(Object::as_i64).ok() == Some(*mcid)
                        && d.get(b"Pg").and_then(Object::as_reference).ok() == Some(page_id)
                }
                _ => false,
            });
            assert!(
                found,
                "element {owner_id:?} ({tag}) does not claim MCID {mcid} on {page_id:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} MCIDs");
}

/// What a screen reader announces, read back from the file alone: each
/// block once, in tree order, a paragraph joined across pages, a label
/// apart from its body, actual text in place of the capitals drawn, and
/// nothing from headers, footers or the repeated header row.
#[test]
fn structure_tree_reads_back_as_the_text_laid_out() {
    let (pdf, _) = written();
    assert_eq!(
        crate::common::pdf::paragraphs(&pdf),
        [
            "Children’s Services: Ofsted Inspection",
            "Fees of £1,200 — see the inspection report for the findings,which were published in July.",
            "1. Note the efficient office.",
            "Judgement",
            "Grade",
            "Previous",
            "Leadership",
            "Good",
            "Requires improvement",
            "Help and protection",
            "Good",
            "Inadequate",
            "Care leavers",
            "Outstanding",
            "Summary of findings",
            "Key dates: 2019The office’s staff were “confident” (see 3.1).",
        ]
    );
}

#[test]
fn paragraph_across_pages_refers_to_its_second_page_by_mcr() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let p = elements(&doc)
        .into_iter()
        .find(|(_, s)| s == "P")
        .unwrap()
        .0;
    let p = doc.get_dictionary(p).unwrap();
    let kids = p.get(b"K").unwrap().as_array().unwrap();
    // Own text, the link, own text, then the continuation on page 2.
    assert!(matches!(kids[0], Object::Integer(_)));
    assert!(matches!(kids[1], Object::Reference(_)));
    assert!(matches!(kids[2], Object::Integer(_)));
    let mcr = kids[3].as_dict().unwrap();
    assert_eq!(name_of(mcr, b"Type"), "MCR");
    assert_eq!(mcr.get(b"Pg").unwrap().as_reference().unwrap(), pages[1]);
}

#[test]
fn table_header_cells_carry_their_scope() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let scopes: Vec<String> = elements(&doc)
        .into_iter()
        .filter(|(_, s)| s == "TH")
        .map(|(id, _)| {
            let a = dict(&doc, doc.get_dictionary(id).unwrap().get(b"A").unwrap());
            assert_eq!(name_of(a, b"O"), "Table");
            name_of(a, b"Scope")
        })
        .collect();
    assert_eq!(scopes, ["Column", "Column", "Column", "Row", "Row", "Row"]);
}

#[test]
fn figure_has_alt_and_images_are_full_size_and_lossless() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let fig = elements(&doc)
        .into_iter()
        .find(|(_, s)| s == "Figure")
        .unwrap()
        .0;
    let alt = doc.get_dictionary(fig).unwrap().get(b"Alt").unwrap();
    assert_eq!(
        lopdf::decode_text_string(alt).unwrap(),
        "The council's logo"
    );

    let mut seen = Vec::new();
    for obj in doc.objects.values() {
        let Ok(s) = obj.as_stream() else { continue };
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        let w = s.dict.get(b"Width").unwrap().as_i64().unwrap();
        let h = s.dict.get(b"Height").unwrap().as_i64().unwrap();
        let filter = name_of(&s.dict, b"Filter");
        seen.push((w, h, filter.clone(), s.dict.get(b"SMask").is_ok()));
        if filter == "DCTDecode" {
            assert_eq!(s.content, jpeg(), "JPEG passed through unchanged");
        }
        if s.dict.get(b"DecodeParms").is_ok() {
            // The opaque PNG: its own compressed data, PNG predictors, palette kept.
            let parms = s.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
            assert_eq!(parms.get(b"Predictor").unwrap().as_i64().unwrap(), 15);
            assert_eq!(
                s.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(),
                4
            );
            let space = s.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
            assert_eq!(space[0].as_name().unwrap(), b"Indexed");
            assert!(
                LOGO.windows(s.content.len()).any(|w| w == s.content),
                "IDAT data unchanged"
            );
        }
    }
    seen.sort();
    // The PNG's colour at 40×30 with a soft mask of the same size; the JPEG as is.
    assert_eq!(
        seen,
        [
            (16, 8, "DCTDecode".to_string(), false),
            (40, 30, "FlateDecode".to_string(), false),
            (40, 30, "FlateDecode".to_string(), true),
            (200, 200, "FlateDecode".to_string(), false)
        ]
    );
}

#[test]
fn link_element_owns_its_annotation_which_has_alt_text_and_no_border() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let link = elements(&doc)
        .into_iter()
        .find(|(_, s)| s == "Link")
        .unwrap()
        .0;
    let kids = doc
        .get_dictionary(link)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let objr = kids.iter().find_map(|k| k.as_dict().ok()).expect("an OBJR");
    assert_eq!(name_of(objr, b"Type"), "OBJR");
    let annot_id = objr.get(b"Obj").unwrap().as_reference().unwrap();
    let annot = doc.get_dictionary(annot_id).unwrap();
    assert_eq!(name_of(annot, b"Subtype"), "Link");
    assert_eq!(
        lopdf::decode_text_string(annot.get(b"Contents").unwrap()).unwrap(),
        "Ofsted report (opens ofsted.gov.uk)"
    );
    let border: Vec<i64> = annot
        .get(b"Border")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_i64().unwrap())
        .collect();
    assert_eq!(border, [0, 0, 0]);
    let action = dict(&doc, annot.get(b"A").unwrap());
    assert_eq!(
        action.get(b"URI").unwrap().as_str().unwrap(),
        b"https://reports.ofsted.gov.uk/provider/44/80575"
    );
    // The parent tree maps the annotation's key back to the Link element.
    let key = annot.get(b"StructParent").unwrap().as_i64().unwrap();
    let root = dict(&doc, catalog(&doc).get(b"StructTreeRoot").unwrap());
    let nums = dict(&doc, root.get(b"ParentTree").unwrap())
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    let entry = nums
        .chunks(2)
        .find(|kv| kv[0].as_i64().unwrap() == key)
        .unwrap();
    assert_eq!(entry[1].as_reference().unwrap(), link);
    // And the page lists it.
    let first = *doc.get_pages().get(&1).unwrap();
    let annots = doc
        .get_dictionary(first)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(annots[0].as_reference().unwrap(), annot_id);
}

#[test]
fn outline_nests_by_level_in_report_order() {
    let (pdf, _) = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let outlines = dict(&doc, catalog(&doc).get(b"Outlines").unwrap());
    let title = |d: &Dictionary| lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap();
    let first = dict(&doc, outlines.get(b"First").unwrap());
    assert_eq!(title(first), "Children’s Services: Ofsted Inspection");
    let child = dict(&doc, first.get(b"First").unwrap());
    assert_eq!(title(child), "Recommendations");
    assert!(child.get(b"Next").is_err());
    let second = dict(&doc, first.get(b"Next").unwrap());
    assert_eq!(title(second), "Summary of findings");
    assert!(second.get(b"First").is_err());
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let dest = second.get(b"Dest").unwrap().as_array().unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), pages[1]);
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 3);
}

#[test]
fn output_is_byte_identical_across_writes_and_threads() {
    let (a, _) = written();
    let (b, _) = written();
    assert!(a == b, "two writes differ");
    let threads: Vec<_> = (0..2).map(|_| std::thread::spawn(|| written().0)).collect();
    for t in threads {
        assert!(t.join().unwrap() == a, "a write in another thread differs");
    }
}

#[test]
fn a_missing_glyph_is_an_error_not_an_empty_box() {
    let fonts = FontSet::default_fonts();
    let (mut laid, ids) = sample(&fonts);
    let ItemKind::Text(run) = &mut laid.pages[0]
        .items
        .iter_mut()
        .find(|i| i.tag == Tag::Content(ids.h1))
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    run.glyphs[0].id = 0;
    let err = write(laid.clone(), &fonts).unwrap_err().to_string();
    assert!(err.contains("does not have"), "{err}");
}

#[test]
fn items_tagged_with_unknown_elements_are_errors() {
    let fonts = FontSet::default_fonts();
    let (mut laid, _) = sample(&fonts);
    laid.pages[0].items[0].tag = Tag::Content(999);
    assert!(write(laid.clone(), &fonts).is_err());
}

// ---- Real readers -------------------------------------------------------

fn saved() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, written().0).unwrap();
    (dir, path)
}

#[test]
fn pdftotext_gives_the_exact_text() {
    let (_dir, path) = saved();
    let Some((ok, text)) = tool("pdftotext", &["-layout"], &path) else {
        return;
    };
    let text = std::fs::read_to_string(path.with_extension("txt")).unwrap_or(text);
    assert!(ok);
    for want in [
        "Children’s Services: Ofsted Inspection",
        "Fees of £1,200 — see the inspection report for the findings,",
        "Note the efficient office.",
        "Summary of findings",
        "The office’s staff were “confident” (see 3.1).",
        "Key dates: 2019",
        "Page 1 of 2",
    ] {
        assert!(text.contains(want), "pdftotext lost {want:?}:\n{text}");
    }
    assert!(!text.contains('\u{FFFD}'));
    assert!(
        !text.contains("SUMMARY"),
        "capitals are a style; the text is in normal case"
    );
}

#[test]
fn pdffonts_lists_only_embedded_subsets_with_unicode_maps() {
    let (_dir, path) = saved();
    let Some((ok, out)) = tool("pdffonts", &[], &path) else {
        return;
    };
    assert!(ok, "{out}");
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "regular, bold and italic:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object id
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "subset tag: {row}"
        );
        assert!(row.contains("CID TrueType"), "{row}");
    }
}

#[test]
fn qpdf_finds_nothing_wrong() {
    let (_dir, path) = saved();
    let Some((ok, out)) = tool("qpdf", &["--check"], &path) else {
        return;
    };
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "{out}"
    );
}

#[test]
fn pdfinfo_says_tagged_with_the_title() {
    let (_dir, path) = saved();
    let Some((ok, out)) = tool("pdfinfo", &[], &path) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{out}"
    );
    assert!(
        out.contains("Children’s Services: Ofsted Inspection (ILACS)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with("1.7")),
        "{out}"
    );
}

#[test]
fn pdfua_check_is_clean() {
    let (_dir, path) = saved();
    let Some((ok, out)) = tool("pdfua", &["check"], &path) else {
        return;
    };
    assert!(ok, "pdfua findings:\n{out}");
}

#[test]
fn outloud_is_clean() {
    let (_dir, path) = saved();
    let Some((ok, out)) = tool("outloud", &["--fail-on", "warning"], &path) else {
        return;
    };
    assert!(ok, "outloud findings:\n{out}");
}

/// Writes the sample to `$PDF_WRITE_DUMP` when set; otherwise does nothing.
/// The cross-process test runs this in a second process.
#[test]
fn dump_for_other_process() {
    if let Some(path) = std::env::var_os("PDF_WRITE_DUMP") {
        std::fs::write(path, written().0).unwrap();
    }
}

#[test]
fn output_is_byte_identical_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.pdf");
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "pdf_write::dump_for_other_process", "--quiet"])
        .env("PDF_WRITE_DUMP", &path)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read(&path).unwrap() == written().0,
        "another process wrote different bytes"
    );
}

#[test]
fn nonsense_numbers_still_give_a_valid_file() {
    let fonts = FontSet::default_fonts();
    let (mut laid, _) = sample(&fonts);
    for item in &mut laid.pages[0].items {
        match &mut item.kind {
            ItemKind::Text(run) => {
                run.size = 0.0;
                run.x = f32::NAN;
            }
            ItemKind::Rect { w, .. } => *w = f32::INFINITY,
            ItemKind::Link { x, .. } => *x = f32::NAN,
            _ => {}
        }
    }
    laid.outline[0].y = f32::NEG_INFINITY;
    let pdf = write(laid.clone(), &fonts).expect("writes");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.pdf");
    std::fs::write(&path, pdf).unwrap();
    if let Some((ok, out)) = tool("qpdf", &["--check"], &path) {
        assert!(ok, "{out}");
    }
    laid.page_size = (f32::NAN, 100.0);
    assert!(write(laid.clone(), &fonts).is_err());
}

#[test]
fn a_glyph_the_font_does_not_have_is_an_error() {
    let fonts = FontSet::default_fonts();
    let (mut laid, ids) = sample(&fonts);
    let item = laid.pages[0]
        .items
        .iter_mut()
        .find(|i| i.tag == Tag::Content(ids.h1))
        .unwrap();
    let ItemKind::Text(run) = &mut item.kind else {
        unreachable!()
    };
    run.glyphs[0].id = 60_000;
    let err = write(laid.clone(), &fonts).unwrap_err().to_string();
    assert!(err.contains("glyph 60000"), "{err}");
}
