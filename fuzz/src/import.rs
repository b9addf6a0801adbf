//! The `import` target: a Word file, as bytes, read back with
//! `Report::from_docx`, the path a service importing clerks' edited files
//! takes. The promises checked: no panic leaves the library (docx-rs panics
//! on some damaged files; the library catches those and says the file is
//! damaged), no hang, no runaway memory, every finding says where, and a
//! report read back serializes, reads again as itself, and goes through the
//! check without panicking.

use super::{report_dir, Rng};
use cabinet_report::{Renderer, Report, Template};
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::sync::{Mutex, OnceLock};

/// Panics the library catches itself (inside docx-rs) are not findings, but
/// libFuzzer's hook would abort on them; this hook lets them unwind, and the
/// harness aborts on any that reaches it.
fn unwinding_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        std::panic::set_hook(Box::new(|info| {
            if std::env::var_os("IMPORT_FUZZ_QUIET").is_none() {
                eprintln!("panic (caught unless the run aborts next): {info}");
            }
        }));
    });
}

/// Templates by the name a report gives, loaded once (as `clerk` resolves them).
fn template(name: Option<&str>) -> Result<Template, cabinet_report::Error> {
    static CACHE: OnceLock<Mutex<HashMap<Option<String>, Template>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = name.map(str::to_string);
    if let Some(t) = cache.lock().unwrap().get(&key) {
        return Ok(t.clone());
    }
    let t = Template::for_report(name, Some(report_dir()))?;
    cache.lock().unwrap().insert(key, t.clone());
    Ok(t)
}

/// Renderers by template id, for checking what was read back.
fn renderer(t: &Template) -> Option<&'static Renderer> {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static Renderer>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(r) = cache.lock().unwrap().get(&t.id) {
        return Some(r);
    }
    let r: &'static Renderer = Box::leak(Box::new(Renderer::new(t.clone()).ok()?));
    cache.lock().unwrap().insert(t.id.clone(), r);
    Some(r)
}

pub fn import(data: &[u8]) {
    unwinding_hook();
    let outcome = std::panic::catch_unwind(|| Report::from_docx(data, template));
    let Ok(result) = outcome else {
        eprintln!("a panic left Report::from_docx");
        std::process::abort();
    };
    let Ok((report, diagnostics)) = result else {
        return;
    };
    for d in &diagnostics {
        assert!(
            d.path.starts_with('$') && !d.message.trim().is_empty(),
            "an import finding without a path or message: {d:?}"
        );
    }
    let json = report.to_json();
    let again =
        Report::from_json(&json).expect("a report read back serializes to a readable report");
    assert_eq!(
        again, report,
        "a report read back does not survive its own JSON"
    );
    let checked = std::panic::catch_unwind(|| {
        if let Ok(t) = template(report.template.as_deref()) {
            if let Some(r) = renderer(&t) {
                for d in r.check(&report, cabinet_report::Audience::Full) {
                    assert!(d.path.starts_with('$'), "a finding without a path: {d:?}");
                }
            }
        }
    });
    if checked.is_err() {
        eprintln!("a panic checking a report read back from Word");
        std::process::abort();
    }
}

/// Word files are zips of deflated XML, which byte mutations mostly break at
/// the zip layer. Four times in five this unpacks the package, lets
/// libFuzzer mutate one part (the document, the carried report, or any
/// other), and packs it again uncompressed, so mutants reach the XML readers;
/// otherwise, or when the input is no zip, it mutates the bytes.
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng(u64::from(seed) ^ 0xd0c5_0000_0000_0000);
    if rng.below(5) == 0 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let Some(mut parts) = unzip(&data[..size]) else {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    };
    if parts.is_empty() {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let pick = match rng.below(4) {
        0 | 1 => parts.iter().position(|(n, _)| n == "word/document.xml"),
        2 => parts
            .iter()
            .position(|(n, _)| n.starts_with("customXml/item")),
        _ => None,
    }
    .unwrap_or_else(|| rng.below(parts.len()));
    let part = &mut parts[pick].1;
    let room = (max_size / 2).max(part.len() + 64);
    let len = part.len();
    part.resize(room, 0);
    let new_len = libfuzzer_sys::fuzzer_mutate(part, len, room);
    part.truncate(new_len);
    if rng.below(10) == 0 && parts.len() > 1 {
        // Now and then lose or repeat a part.
        let i = rng.below(parts.len());
        if rng.below(2) == 0 {
            parts.remove(i);
        } else {
            let copy = parts[i].clone();
            parts.push(copy);
        }
    }
    let out = zip_stored(&parts);
    if out.len() > max_size {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    data[..out.len()].copy_from_slice(&out);
    out.len()
}

fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if zip.len() > 200 {
        return None;
    }
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).ok()?;
        let name = entry.name().to_string();
        let mut data = Vec::new();
        (&mut entry).take(1 << 20).read_to_end(&mut data).ok()?;
        parts.push((name, data));
    }
    Some(parts)
}

fn zip_stored(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        // A repeated name is refused by the writer; keep the first.
        if w.start_file(name.as_str(), options).is_ok() {
            let _ = w.write_all(data);
        }
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}
