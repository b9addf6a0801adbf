//! Reads a written PDF back as assistive technology does: the structure
//! tree in order, each element's marked content looked up in the page
//! content streams, its glyphs turned into text through the fonts'
//! ToUnicode maps, `/ActualText` in place of the glyphs it covers.
//!
//! Nothing here looks at the layout the PDF was written from, so a writer
//! that drops, garbles or mis-tags text is caught.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use std::collections::{BTreeMap, HashMap};

pub fn load(pdf: &[u8]) -> Document {
    Document::load_mem(pdf).expect("the PDF loads")
}

pub fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).expect("referenced object exists"),
        o => o,
    }
}

pub fn dict<'a>(doc: &'a Document, obj: &'a Object) -> &'a Dictionary {
    deref(doc, obj).as_dict().expect("a dictionary")
}

pub fn name_of(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8(d.get(key).unwrap().as_name().unwrap().to_vec()).unwrap()
}

pub fn catalog(doc: &Document) -> &Dictionary {
    dict(doc, doc.trailer.get(b"Root").expect("a /Root"))
}

/// A text string entry of a dictionary (UTF-16BE with BOM, or PDFDocEncoding).
pub fn text_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    let o = deref(doc, d.get(key).ok()?);
    Some(lopdf::decode_text_string(o).expect("a text string"))
}

/// Structure elements in depth-first order: (id, /S).
pub fn elements(doc: &Document) -> Vec<(ObjectId, String)> {
    let root = dict(doc, catalog(doc).get(b"StructTreeRoot").unwrap());
    let mut out = Vec::new();
    fn walk(doc: &Document, k: &Object, out: &mut Vec<(ObjectId, String)>) {
        match k {
            Object::Array(a) => a.iter().for_each(|o| walk(doc, o, out)),
            Object::Reference(id) => {
                let d = doc.get_object(*id).unwrap().as_dict().unwrap();
                if d.get(b"S").is_ok() {
                    out.push((*id, name_of(d, b"S")));
                    if let Ok(k) = d.get(b"K") {
                        walk(doc, k, out);
                    }
                }
            }
            _ => {}
        }
    }
    walk(doc, root.get(b"K").unwrap(), &mut out);
    out
}

/// (tag, mcid) of every `BDC` with an MCID in a page's content, in order.
pub fn mcids_in(doc: &Document, page: ObjectId) -> Vec<(String, i64)> {
    operations(doc, page)
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(|op| {
            let tag = String::from_utf8(op.operands[0].as_name().ok()?.to_vec()).ok()?;
            let mcid = properties(doc, op)?.get(b"MCID").ok()?.as_i64().ok()?;
            Some((tag, mcid))
        })
        .collect()
}

fn operations(doc: &Document, page: ObjectId) -> Vec<lopdf::content::Operation> {
    Content::decode(&doc.get_page_content(page))
        .unwrap_or_else(|e| panic!("page {page:?}: content stream does not parse: {e}"))
        .operations
}

/// The property list of a `BDC` (inline, or a reference).
fn properties<'a>(doc: &'a Document, op: &'a lopdf::content::Operation) -> Option<&'a Dictionary> {
    deref(doc, op.operands.get(1)?).as_dict().ok()
}

/// A page's fonts by resource name, each with the ToUnicode map its text is
/// read through. Every font the writer embeds is an Identity-H CID font
/// with a map; one without is an error, not a silent fallback.
fn encodings(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, Encoding<'_>> {
    doc.get_page_fonts(page)
        .expect("page fonts")
        .into_iter()
        .map(|(name, font)| {
            let shown = String::from_utf8_lossy(&name).into_owned();
            assert_eq!(
                font.get(b"Encoding").and_then(Object::as_name).ok(),
                Some(b"Identity-H".as_slice()),
                "font /{shown} is not Identity-H"
            );
            let enc = font
                .get_font_encoding(doc)
                .unwrap_or_else(|e| panic!("font /{shown}: {e}"));
            assert!(
                matches!(enc, Encoding::UnicodeMapEncoding(_)),
                "font /{shown} has no usable ToUnicode map"
            );
            (name, enc)
        })
        .collect()
}

/// One open marked-content sequence.
struct Open {
    mcid: Option<i64>,
    /// Inside a `/Span` with `/ActualText`: its glyphs' own text is replaced.
    replaced: bool,
}

/// The text of every marked-content sequence with an MCID on a page, by MCID.
/// Text under no MCID (artifacts) is left out; text under a `/Span` with
/// `/ActualText` is that actual text, once.
pub fn marked_text(doc: &Document, page: ObjectId) -> BTreeMap<i64, String> {
    let fonts = encodings(doc, page);
    let mut out: BTreeMap<i64, String> = BTreeMap::new();
    let mut stack: Vec<Open> = Vec::new();
    // The font is graphics state: kept across BT/ET, saved and restored by q/Q.
    let mut font: Option<Vec<u8>> = None;
    let mut saved: Vec<Option<Vec<u8>>> = Vec::new();
    let mcid_of = |stack: &[Open]| stack.iter().rev().find_map(|o| o.mcid);
    for op in operations(doc, page) {
        let shown: Vec<&[u8]> = match op.operator.as_str() {
            "BDC" | "BMC" => {
                let props = if op.operator == "BDC" {
                    properties(doc, &op)
                } else {
                    None
                };
                let mcid = props.and_then(|p| p.get(b"MCID").ok()?.as_i64().ok());
                let actual = props.and_then(|p| text_of(doc, p, b"ActualText"));
                if let Some(m) = mcid {
                    let fresh = out.insert(m, String::new()).is_none();
                    assert!(fresh, "page {page:?}: MCID {m} is used twice");
                }
                let replaced = stack.iter().any(|o| o.replaced);
                if let (Some(actual), false) = (&actual, replaced) {
                    if let Some(m) = mcid.or_else(|| mcid_of(&stack)) {
                        out.entry(m).or_default().push_str(actual);
                    }
                }
                stack.push(Open {
                    mcid,
                    replaced: replaced || actual.is_some(),
                });
                continue;
            }
            "EMC" => {
                stack
                    .pop()
                    .unwrap_or_else(|| panic!("page {page:?}: EMC without BDC"));
                continue;
            }
            "q" => {
                saved.push(font.clone());
                continue;
            }
            "Q" => {
                font = saved.pop().expect("Q without q");
                continue;
            }
            "Tf" => {
                font = Some(op.operands[0].as_name().expect("Tf font name").to_vec());
                continue;
            }
            "Tj" | "'" => vec![op.operands[0].as_str().expect("a string")],
            "\"" => vec![op.operands[2].as_str().expect("a string")],
            "TJ" => op.operands[0]
                .as_array()
                .expect("TJ array")
                .iter()
                .filter_map(|o| o.as_str().ok())
                .collect(),
            _ => continue,
        };
        if stack.iter().any(|o| o.replaced) {
            continue;
        }
        let Some(mcid) = mcid_of(&stack) else {
            continue;
        };
        let name = font.as_ref().expect("text shown before Tf");
        let enc = fonts.get(name).unwrap_or_else(|| {
            panic!(
                "page {page:?}: font /{} is not in the page resources",
                String::from_utf8_lossy(name)
            )
        });
        let buf = out.entry(mcid).or_default();
        for bytes in shown {
            let text = Document::decode_text(enc, bytes).expect("text decodes");
            assert!(
                !text.contains('\u{FFFD}'),
                "page {page:?}, MCID {mcid}: a glyph has no ToUnicode entry ({text:?})"
            );
            buf.push_str(&text);
        }
    }
    assert!(stack.is_empty(), "page {page:?}: BDC without EMC");
    out
}

/// Roles whose text is one paragraph, as Word has it.
fn is_block(role: &str) -> bool {
    matches!(
        role,
        "H" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" | "P" | "LI"
    ) || is_cell(role)
}

/// Blocks that hold their own paragraph even inside another block.
fn is_cell(role: &str) -> bool {
    matches!(role, "TH" | "TD" | "Caption")
}

struct Reader<'a> {
    doc: &'a Document,
    role_map: Option<&'a Dictionary>,
    /// Marked text by (page, MCID); taken out as the tree claims it.
    marked: BTreeMap<(ObjectId, i64), String>,
    /// Blocks in tree order, with their text so far.
    blocks: Vec<String>,
    /// Which blocks are table cells: a paragraph inside one is a paragraph
    /// of its own, as in Word.
    cells: Vec<usize>,
}

impl Reader<'_> {
    fn role(&self, d: &Dictionary) -> String {
        let s = name_of(d, b"S");
        let mapped = self
            .role_map
            .and_then(|m| m.get(s.as_bytes()).ok())
            .and_then(|o| o.as_name().ok());
        match mapped {
            Some(m) => String::from_utf8_lossy(m).into_owned(),
            None => s,
        }
    }

    /// Walks one element: `pg` is the page its integer MCIDs are on,
    /// `block` the index of the paragraph its text belongs to.
    fn element(&mut self, d: &Dictionary, pg: Option<ObjectId>, block: Option<usize>) {
        let role = self.role(d);
        let pg = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(pg);
        // The nearest cell or caption, else the outermost heading, paragraph
        // or list item (a list item's label and body are one paragraph).
        let in_cell = block.is_some_and(|b| self.cells.contains(&b));
        let block =
            if is_cell(&role) || (block.is_none() && is_block(&role)) || (in_cell && role == "P") {
                self.blocks.push(String::new());
                if is_cell(&role) {
                    self.cells.push(self.blocks.len() - 1);
                }
                Some(self.blocks.len() - 1)
            } else {
                block
            };
        if let Ok(k) = d.get(b"K") {
            if role == "LBody" {
                // Blocks inside a list item (a recommendation's table, list
                // or paragraph) are paragraphs of their own, as in Word;
                // the item's own text stays with its label.
                let kids = match k {
                    Object::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                for k in &kids {
                    let d = match k {
                        Object::Reference(_) | Object::Dictionary(_) => Some(dict(self.doc, k)),
                        _ => None,
                    };
                    match d.filter(|d| d.get(b"S").is_ok()) {
                        Some(d) if self.role(d) != "Link" => self.element(d, pg, None),
                        _ => self.kid(k, pg, block),
                    }
                }
            } else {
                self.kid(k, pg, block);
            }
        }
        // A label and the body after it are announced apart.
        if role == "Lbl" {
            if let Some(b) = block {
                self.blocks[b].push(' ');
            }
        }
    }

    fn kid(&mut self, k: &Object, pg: Option<ObjectId>, block: Option<usize>) {
        match k {
            Object::Array(a) => a.iter().for_each(|k| self.kid(k, pg, block)),
            Object::Integer(mcid) => {
                let page = pg.unwrap_or_else(|| panic!("MCID {mcid} with no /Pg to find it on"));
                self.content(page, *mcid, block);
            }
            Object::Reference(_) | Object::Dictionary(_) => {
                let d = dict(self.doc, k);
                if d.get(b"S").is_ok() {
                    self.element(d, pg, block);
                    return;
                }
                match d.get(b"Type").and_then(Object::as_name).ok() {
                    Some(b"MCR") => {
                        let page = d
                            .get(b"Pg")
                            .ok()
                            .and_then(|p| p.as_reference().ok())
                            .or(pg)
                            .expect("an MCR with no /Pg to find it on");
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("MCR /MCID");
                        self.content(page, mcid, block);
                    }
                    Some(b"OBJR") => {}
                    other => panic!("unexpected kid in the structure tree: {other:?} {d:?}"),
                }
            }
            other => panic!("unexpected kid in the structure tree: {other:?}"),
        }
    }

    fn content(&mut self, page: ObjectId, mcid: i64, block: Option<usize>) {
        let text = self.marked.remove(&(page, mcid)).unwrap_or_else(|| {
            panic!("the structure tree claims MCID {mcid} on page {page:?}, which the content does not have (or another element claimed it)")
        });
        if let Some(b) = block {
            self.blocks[b].push_str(&text);
        }
    }
}

/// Every block's text in structure-tree order, spaces collapsed: what a
/// screen reader announces, paragraph by paragraph. Lines keep their
/// trailing spaces in the PDF, so joining them adds none.
///
/// Panics if the tree claims marked content the pages do not have, or if
/// text on a page belongs to no structure element (it would never be read).
pub fn paragraphs(pdf: &[u8]) -> Vec<String> {
    let doc = load(pdf);
    let mut marked = BTreeMap::new();
    for page in doc.get_pages().into_values() {
        for (mcid, text) in marked_text(&doc, page) {
            marked.insert((page, mcid), text);
        }
    }
    let root = dict(
        &doc,
        catalog(&doc)
            .get(b"StructTreeRoot")
            .expect("a structure tree"),
    );
    let mut reader = Reader {
        doc: &doc,
        role_map: root.get(b"RoleMap").ok().map(|m| dict(&doc, m)),
        marked,
        blocks: Vec::new(),
        cells: Vec::new(),
    };
    reader.kid(root.get(b"K").expect("/K of the tree root"), None, None);
    let numbers: HashMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let unread: Vec<String> = reader
        .marked
        .iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|((page, mcid), t)| format!("page {}, MCID {mcid}: {t:?}", numbers[page]))
        .collect();
    assert!(
        unread.is_empty(),
        "text in no structure element:\n{}",
        unread.join("\n")
    );
    reader
        .blocks
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}
