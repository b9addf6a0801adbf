//! Every report under the 4 MB input limit renders within 1 GB on one core,
//! and never runs away, whatever its shape: the hostile shapes the red team
//! found (issue 18), each generated as close to the limit as it goes.
//!
//! The speed target is 5 s of one core (`BENCHMARKS.md`), and each case's
//! time is printed against it (`--nocapture`). What fails the test is twice
//! that, [`LIMIT_TIME`]: a target in seconds measures the machine as much as
//! the code (on a slow two-core VM on 6 December 2026 the 4 MB table took
//! 5.1 to 5.5 s at a commit that had passed here, and 4.5 s to over 5.08 s after a
//! change that made it a tenth faster), while a shape gone quadratic at
//! 4 MB takes minutes, far past either.
//!
//! Each case runs `clerk` in a child process pinned to one core
//! (`taskset`) under an address-space limit and a processor-time limit
//! (`prlimit --as --cpu`), so a case over either fails instead of slowing
//! the machine. Run in release; a debug build is too slow to say anything
//! and the cases are skipped.
//!
//! The test is run on its own by `scripts/test.sh` (after the rest of the
//! suite, `cargo test --release --test it -- --ignored resource_limits`):
//! its limits are times, and tests running beside it share the processor's
//! caches and memory bandwidth with it.

use crate::common::clerk_bin::clerk_bin;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT_BYTES: u64 = 1 << 30;
/// The speed target: printed against, not enforced (see the module's note).
const TARGET_TIME: Duration = Duration::from_secs(5);
/// A runaway: twice the target.
const LIMIT_TIME: Duration = Duration::from_secs(10);

/// The input limit, less room for the rest of the report.
const TARGET: usize = cabinet_report::model::MAX_INPUT_BYTES - 64 * 1024;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
const REPORT: &str = "ashcombe-vale-2026-02-25-air-quality-consultation";

/// The example report with `make(i)` blocks added to its details section
/// until it is as close to [`TARGET`] as `make`'s pieces allow; `wrap`
/// turns the pieces into the blocks (one block holding them all, or each
/// its own).
fn near_limit(make: impl Fn(usize) -> Value, wrap: impl Fn(Vec<Value>) -> Vec<Value>) -> String {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/reports/{REPORT}.json")).unwrap();
    let mut report: Value = serde_json::from_str(&text).unwrap();
    let base = text.len();
    let mut pieces = Vec::new();
    let mut size = base;
    while size < TARGET {
        let piece = make(pieces.len());
        size += piece.to_string().len() + 1;
        pieces.push(piece);
    }
    pieces.pop();
    let details = report["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["kind"] == "details")
        .unwrap();
    details["blocks"]
        .as_array_mut()
        .unwrap()
        .extend(wrap(pieces));
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        json.len() <= cabinet_report::model::MAX_INPUT_BYTES,
        "{}",
        json.len()
    );
    json
}

/// Every piece its own block.
fn each(pieces: Vec<Value>) -> Vec<Value> {
    pieces
}

/// The cases: name, report JSON.
fn cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "runs in one paragraph",
            near_limit(
                |i| json!({"text": "word ", "bold": i % 2 == 0}),
                |runs| vec![json!({ "paragraph": runs })],
            ),
        ),
        (
            "items in one list",
            near_limit(
                |_| json!("an item"),
                |items| vec![json!({ "bullets": items })],
            ),
        ),
        (
            "cells in one table",
            near_limit(
                |i| json!([format!("{i}"), "1", "2", "3", "4", "5"]),
                |rows| {
                    let columns: Vec<Value> = (0..6)
                        .map(|c| json!({"heading": format!("C{c}")}))
                        .collect();
                    vec![json!({"table": {"columns": columns, "rows": rows}})]
                },
            ),
        ),
        (
            "links in one paragraph",
            near_limit(
                |i| json!({"text": "a link ", "link": format!("https://example.org/{i}")}),
                |runs| vec![json!({ "paragraph": runs })],
            ),
        ),
        (
            "sub-headings",
            near_limit(|i| json!({ "subheading": format!("Part {i}") }), each),
        ),
        (
            "image paths",
            near_limit(
                // Thousands of spellings of one file.
                |i| {
                    let src = format!(
                        "{}images{}zero.png",
                        "./".repeat(i % 40),
                        "/".repeat(1 + i / 40 % 40)
                    );
                    json!({"image": {"src": src, "alt": "A chart", "width_mm": 20}})
                },
                each,
            ),
        ),
    ]
}

/// An all-zero PNG, small on disk and slow to decode: what made each
/// spelling of its name cost a decode and an embedding before.
fn zero_png() -> Vec<u8> {
    crate::common::images::bomb(2000, 2000)
}

#[test]
#[ignore = "timed: scripts/test.sh runs it alone (--ignored resource_limits)"]
fn every_shape_under_the_input_limit_renders_within_a_gigabyte_and_never_runs_away() {
    if cfg!(debug_assertions) {
        eprintln!("skipped: the resource limits are for a release build (cargo test --release)");
        return;
    }
    for tool in ["prlimit", "taskset"] {
        if Command::new(tool).arg("--version").output().is_err() {
            if std::env::var_os("CABINET_REPORT_REQUIRE_TOOLS").is_some() {
                panic!("{tool} (util-linux) is needed");
            }
            eprintln!("skipped: {tool} (util-linux) is not installed");
            return;
        }
    }
    let root = tempfile::tempdir().unwrap();
    let reports = root.path().join("reports");
    let templates = root.path().join("templates");
    std::fs::create_dir_all(reports.join("images")).unwrap();
    std::fs::create_dir_all(&templates).unwrap();
    for f in ["ashcombe-vale.json", "ashcombe-vale-logo.png"] {
        std::fs::copy(format!("{EXAMPLES}/templates/{f}"), templates.join(f)).unwrap();
    }
    std::fs::copy(
        format!("{EXAMPLES}/reports/images/ashcombe-vale-no2-2025.png"),
        reports.join("images/ashcombe-vale-no2-2025.png"),
    )
    .unwrap();
    std::fs::write(reports.join("images/zero.png"), zero_png()).unwrap();
    let mut failures = Vec::new();
    for (name, json) in cases() {
        let file = reports.join(format!("{}.json", name.replace(' ', "-")));
        std::fs::write(&file, &json).unwrap();
        let out = root.path().join("out");
        match run(&file, &out) {
            Ok((took, cpu)) => eprintln!(
                "{name}: {} bytes, {took:.2?} ({cpu:.2?} of processor time){}",
                json.len(),
                if cpu > TARGET_TIME {
                    " - over the 5 s target"
                } else {
                    ""
                }
            ),
            Err(why) => failures.push(format!("{name} ({} bytes): {why}", json.len())),
        }
        let _ = std::fs::remove_dir_all(&out);
        std::fs::remove_file(&file).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Renders `report` with clerk on one core under the memory limit and a
/// processor-time limit of [`LIMIT_TIME`], both enforced by the kernel
/// (`prlimit --as --cpu`: past either, clerk is refused memory or stopped
/// by `SIGXCPU`); returns the wall time and the processor time it used
/// (sampled, so a few milliseconds short), or why it failed.
///
/// The limit is processor time rather than wall time so that other work on
/// the machine (another test, another build) cannot fail a case that is
/// within it. A case that waits rather than works (on a pipe, say) uses no
/// processor time, so it is killed after three times the limit of wall time.
fn run(report: &Path, out: &Path) -> Result<(Duration, Duration), String> {
    let bin = clerk_bin();
    // A file, not a pipe: a pipe nobody reads until the end would stop a
    // chatty child once full.
    let log = out.with_extension("log");
    let ticks = clock_ticks();
    let started = Instant::now();
    let mut child = Command::new("prlimit")
        .arg(format!("--as={LIMIT_BYTES}"))
        // Soft limit: SIGXCPU at the limit (the hard limit, a second on,
        // would be SIGKILL; equal limits give SIGKILL at once).
        .arg(format!(
            "--cpu={}:{}",
            LIMIT_TIME.as_secs(),
            LIMIT_TIME.as_secs() + 1
        ))
        .args(["--", "taskset", "-c", "0"])
        .arg(bin)
        .arg(report)
        .arg("-o")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("prlimit runs");
    // prlimit and taskset each exec the next, so the child is clerk itself.
    let stat = format!("/proc/{}/stat", child.id());
    let mut cpu = Duration::ZERO;
    let status = loop {
        if let Some(used) = std::fs::read_to_string(&stat)
            .ok()
            .and_then(|s| cpu_time(&s, ticks))
        {
            cpu = used;
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT_TIME * 3 {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "still running after {:.1?} (processor time {cpu:.2?}), killed",
                started.elapsed()
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    if !status.success() {
        use std::os::unix::process::ExitStatusExt;
        const SIGXCPU: i32 = 24;
        if status.signal() == Some(SIGXCPU) {
            return Err(format!(
                "used more than {LIMIT_TIME:?} of processor time (stopped after {took:.2?})"
            ));
        }
        let err = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: String = err.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
        return Err(format!(
            "{status} after {took:.2?} (over 1 GB, or refused): {tail}"
        ));
    }
    Ok((took, cpu))
}

/// Clock ticks a second, the unit of `/proc/PID/stat`'s times.
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .filter(|&t| t > 0)
        .unwrap_or(100)
}

/// User and system time from a `/proc/PID/stat` line (fields 14 and 15;
/// the command name, field 2, may hold spaces, so fields are counted from
/// the last `)`).
fn cpu_time(stat: &str, ticks: u64) -> Option<Duration> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 1000 / ticks))
}

#[test]
fn processor_time_is_read_from_proc_stat() {
    let line = "4242 (clerk (x) y) R 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0";
    assert_eq!(cpu_time(line, 100), Some(Duration::from_secs(3)));
    assert_eq!(cpu_time("garbage", 100), None);
}
