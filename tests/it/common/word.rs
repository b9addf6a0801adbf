//! Reads a .docx back the way Word would: paragraphs with their style and
//! their list numbers resolved from numbering.xml and styles.xml.
//!
//! This deliberately knows nothing about how our DOCX writer works: it reads
//! standard WordprocessingML, so a numbering definition that Word would
//! display differently from our PDF makes the cross-format test fail.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::io::Read;

/// A paragraph as Word shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct WordPara {
    /// Paragraph style id ("Normal" when none).
    pub style: String,
    /// Effective (numId, ilvl), if numbered.
    pub num: Option<(u32, u32)>,
    /// The number Word displays ("3.1", "a)", "•"), if any.
    pub label: Option<String>,
    /// The text.
    pub text: String,
    /// Inside a table cell.
    pub in_table: bool,
}

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    pstyle: Option<String>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: BTreeMap<u32, BTreeMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides per level)
    nums: BTreeMap<u32, (u32, BTreeMap<u32, u32>)>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, b"w:val")
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    Some(s)
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut r = Reader::from_str(xml);
    let (mut abs, mut lvl, mut num): (Option<u32>, Option<u32>, Option<u32>) = (None, None, None);
    let mut override_lvl = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name();
                let v = || val(&e).unwrap_or_default();
                match name.as_ref() {
                    b"w:abstractNum" => {
                        abs = attr(&e, b"w:abstractNumId").and_then(|s| s.parse().ok())
                    }
                    b"w:lvl" => {
                        lvl = attr(&e, b"w:ilvl").and_then(|s| s.parse().ok());
                        if let (Some(a), Some(l)) = (abs, lvl) {
                            n.abstracts.entry(a).or_default().insert(
                                l,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            );
                        }
                    }
                    b"w:start" | b"w:numFmt" | b"w:lvlText" | b"w:pStyle"
                        if abs.is_some() && lvl.is_some() =>
                    {
                        let level = n
                            .abstracts
                            .get_mut(&abs.unwrap())
                            .unwrap()
                            .get_mut(&lvl.unwrap())
                            .unwrap();
                        match name.as_ref() {
                            b"w:start" => level.start = v().parse().unwrap_or(1),
                            b"w:numFmt" => level.fmt = v(),
                            b"w:lvlText" => level.text = v(),
                            _ => level.pstyle = Some(v()),
                        }
                    }
                    b"w:num" => {
                        num = attr(&e, b"w:numId").and_then(|s| s.parse().ok());
                    }
                    b"w:abstractNumId" if num.is_some() => {
                        n.nums
                            .insert(num.unwrap(), (v().parse().unwrap_or(0), BTreeMap::new()));
                    }
                    b"w:lvlOverride" => {
                        override_lvl = attr(&e, b"w:ilvl").and_then(|s| s.parse().ok())
                    }
                    b"w:startOverride" => {
                        if let (Some(id), Some(l)) = (num, override_lvl) {
                            if let Some(entry) = n.nums.get_mut(&id) {
                                entry.1.insert(l, v().parse().unwrap_or(1));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:abstractNum" => abs = None,
                b"w:lvl" => lvl = None,
                b"w:num" => num = None,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    n
}

fn parse_styles(xml: &str) -> BTreeMap<String, Style> {
    let mut styles = BTreeMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:style" => {
                    current = attr(&e, b"w:styleId");
                    if let Some(id) = &current {
                        styles.insert(id.clone(), Style::default());
                    }
                }
                b"w:basedOn" | b"w:numId" | b"w:ilvl" => {
                    if let Some(s) = current.as_ref().and_then(|id| styles.get_mut(id)) {
                        let v = val(&e).unwrap_or_default();
                        match e.name().as_ref() {
                            b"w:basedOn" => s.based_on = Some(v),
                            b"w:numId" => s.num_id = v.parse().ok(),
                            _ => s.ilvl = v.parse().ok(),
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.name().as_ref() == b"w:style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

fn format_number(n: u32, fmt: &str) -> String {
    let letters = |upper: bool| {
        let mut k = n;
        let mut s = Vec::new();
        while k > 0 {
            k -= 1;
            s.push(b'a' + (k % 26) as u8);
            k /= 26;
        }
        s.reverse();
        let s = String::from_utf8(s).unwrap();
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    match fmt {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" | "upperRoman" => {
            let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
            let (mut k, mut s) = (n, String::new());
            for (v, r) in table {
                while k >= v {
                    s.push_str(r);
                    k -= v;
                }
            }
            if fmt == "upperRoman" {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

/// Paragraphs of `word/document.xml` in body order, numbers resolved.
pub fn paragraphs(docx: &[u8]) -> Vec<WordPara> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let document = part(&mut zip, "word/document.xml").expect("word/document.xml");
    let styles = part(&mut zip, "word/styles.xml")
        .map(|s| parse_styles(&s))
        .unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml")
        .map(|s| parse_numbering(&s))
        .unwrap_or_default();

    let mut out = Vec::new();
    let mut counters: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut r = Reader::from_str(&document);
    let mut table_depth = 0;
    let mut in_p = false;
    let mut in_ppr = false;
    let mut in_t = false;
    let mut in_instr = false;
    let mut p = WordPara {
        style: String::new(),
        num: None,
        label: None,
        text: String::new(),
        in_table: false,
    };
    let (mut d_num, mut d_ilvl): (Option<u32>, Option<u32>) = (None, None);
    loop {
        let (e, empty) = match r.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::Text(t)) => {
                if in_t && !in_instr {
                    p.text
                        .push_str(&t.decode().map(|c| c.into_owned()).unwrap_or_default());
                }
                continue;
            }
            Ok(Event::GeneralRef(r)) => {
                if in_t && !in_instr {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    let text: String = match name.as_str() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            let code = other
                                .strip_prefix("#x")
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()));
                            code.and_then(char::from_u32)
                                .map(String::from)
                                .unwrap_or_default()
                        }
                    };
                    p.text.push_str(&text);
                }
                continue;
            }
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    b"w:tbl" => table_depth -= 1,
                    b"w:pPr" => in_ppr = false,
                    b"w:t" => in_t = false,
                    b"w:instrText" => in_instr = false,
                    b"w:p" if in_p => {
                        in_p = false;
                        resolve(&mut p, d_num, d_ilvl, &styles, &numbering, &mut counters);
                        out.push(p.clone());
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => continue,
        };
        match e.name().as_ref() {
            b"w:tbl" if !empty => table_depth += 1,
            b"w:p" => {
                p = WordPara {
                    style: "Normal".into(),
                    num: None,
                    label: None,
                    text: String::new(),
                    in_table: table_depth > 0,
                };
                d_num = None;
                d_ilvl = None;
                if empty {
                    resolve(&mut p, None, None, &styles, &numbering, &mut counters);
                    out.push(p.clone());
                } else {
                    in_p = true;
                }
            }
            b"w:pPr" if !empty => in_ppr = true,
            b"w:pStyle" if in_ppr => p.style = val(&e).unwrap_or_default(),
            b"w:numId" if in_ppr => d_num = val(&e).and_then(|v| v.parse().ok()),
            b"w:ilvl" if in_ppr => d_ilvl = val(&e).and_then(|v| v.parse().ok()),
            b"w:t" if !empty => in_t = true,
            b"w:instrText" if !empty => in_instr = true,
            b"w:tab" if in_p && !in_ppr => p.text.push('\t'),
            b"w:br" if in_p => p.text.push('\n'),
            _ => {}
        }
    }
    out
}

/// Applies Word's rules: direct numPr wins over the style chain; numId 0
/// switches numbering off; a level counts up and resets the levels below it;
/// list instances share their abstract list's counters unless they restart.
fn resolve(
    p: &mut WordPara,
    d_num: Option<u32>,
    d_ilvl: Option<u32>,
    styles: &BTreeMap<String, Style>,
    numbering: &Numbering,
    counters: &mut BTreeMap<String, BTreeMap<u32, u32>>,
) {
    let (mut num_id, mut ilvl) = (d_num, d_ilvl);
    let mut style = Some(p.style.clone());
    let mut hops = 0;
    while let Some(id) = style.take() {
        let Some(s) = styles.get(&id) else { break };
        if num_id.is_none() {
            num_id = s.num_id;
        }
        if ilvl.is_none() {
            ilvl = s.ilvl;
        }
        hops += 1;
        if hops < 20 {
            style = s.based_on.clone();
        }
    }
    let Some(num_id) = num_id.filter(|&n| n != 0) else {
        return;
    };
    let Some((abs_id, overrides)) = numbering.nums.get(&num_id) else {
        return;
    };
    let Some(levels) = numbering.abstracts.get(abs_id) else {
        return;
    };
    let ilvl = ilvl.unwrap_or_else(|| {
        levels
            .iter()
            .find(|(_, l)| l.pstyle.as_deref() == Some(p.style.as_str()))
            .map_or(0, |(k, _)| *k)
    });
    let key = if overrides.is_empty() {
        format!("a{abs_id}")
    } else {
        format!("n{num_id}")
    };
    let c = counters.entry(key).or_default();
    let start = |l: u32| {
        overrides
            .get(&l)
            .copied()
            .unwrap_or_else(|| levels.get(&l).map_or(1, |x| x.start))
    };
    let next = c.get(&ilvl).map_or(start(ilvl), |v| v + 1);
    c.insert(ilvl, next);
    c.retain(|&l, _| l <= ilvl);
    let Some(level) = levels.get(&ilvl) else {
        return;
    };
    let mut label = level.text.clone();
    for l in 0..=ilvl {
        let value = c.get(&l).copied().unwrap_or_else(|| start(l));
        let fmt = levels.get(&l).map_or("decimal", |x| x.fmt.as_str());
        label = label.replace(&format!("%{}", l + 1), &format_number(value, fmt));
    }
    p.num = Some((num_id, ilvl));
    p.label = Some(label);
}

/// What a package reader (python-docx, Word's "unreadable content" check)
/// refuses before any schema is looked at: a relationship whose internal
/// target is not in the package, or a content-type override naming a part
/// that is not there. The XML schemas cannot see either.
pub fn package_problems(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let has = |part: &str| names.iter().any(|n| n == part.trim_start_matches('/'));
    let mut problems = Vec::new();
    let attr = |e: &BytesStart, key: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    for name in names.clone() {
        let is_rels = name.ends_with(".rels");
        if !is_rels && name != "[Content_Types].xml" {
            continue;
        }
        let mut xml = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let mut reader = Reader::from_str(&xml);
        // `word/_rels/document.xml.rels` resolves against `word/`.
        let base = name
            .rsplit_once("_rels/")
            .map(|(dir, _)| dir.to_string())
            .unwrap_or_default();
        loop {
            match reader.read_event() {
                Ok(Event::Empty(e)) | Ok(Event::Start(e)) => {
                    let tag = e.name().as_ref().to_vec();
                    if tag == b"Override" {
                        let part = attr(&e, b"PartName").unwrap_or_default();
                        if !has(&part) {
                            problems.push(format!("{name}: override for missing {part}"));
                        }
                    } else if tag == b"Relationship"
                        && attr(&e, b"TargetMode").as_deref() != Some("External")
                    {
                        let target = attr(&e, b"Target").unwrap_or_default();
                        let mut parts: Vec<&str> = if target.starts_with('/') {
                            Vec::new()
                        } else {
                            base.split('/').filter(|p| !p.is_empty()).collect()
                        };
                        for p in target.split('/').filter(|p| !p.is_empty()) {
                            if p == ".." {
                                parts.pop();
                            } else {
                                parts.push(p);
                            }
                        }
                        let resolved = parts.join("/");
                        if !has(&resolved) {
                            problems.push(format!("{name}: {target} is not in the package"));
                        }
                    }
                }
                Ok(Event::Eof) => break,
                Err(e) => {
                    problems.push(format!("{name}: {e}"));
                    break;
                }
                _ => {}
            }
        }
    }
    problems
}
