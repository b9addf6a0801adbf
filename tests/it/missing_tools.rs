//! `cargo test` passes on a machine with only Rust: a test step whose reader
//! is not installed is skipped, saying which tool would run it, unless
//! CABINET_REPORT_REQUIRE_TOOLS=1 (scripts/test.sh, CI), where it fails.
//! Each case runs this binary again, as the variable is read per process.

use std::path::Path;
use std::process::{Command, Output};

const MISSING: &str = "cabinet-report-no-such-reader";

/// Does nothing unless `MISSING_TOOLS_PROBE` is set: then runs a reader that
/// is not installed, as a test step would.
#[test]
fn probe() {
    if std::env::var_os("MISSING_TOOLS_PROBE").is_some() {
        let ran = crate::common::tool(MISSING, &["--check"], Path::new("report.pdf"));
        assert!(ran.is_none(), "a missing reader gives no result");
    }
}

fn run_probe(require: Option<&str>) -> (Output, String) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "missing_tools::probe"])
        .env("MISSING_TOOLS_PROBE", "1")
        .env_remove("CABINET_REPORT_REQUIRE_TOOLS");
    if let Some(value) = require {
        cmd.env("CABINET_REPORT_REQUIRE_TOOLS", value);
    }
    let out = cmd.output().unwrap();
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out, all)
}

#[test]
fn a_missing_reader_skips_its_step_and_says_which_tool() {
    let (out, all) = run_probe(None);
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains(&format!(
            "SKIPPED missing_tools::probe: `{MISSING} --check report.pdf`: {MISSING} is not installed"
        )),
        "{all}"
    );
}

#[test]
fn with_require_tools_a_missing_reader_fails_the_test() {
    let (out, all) = run_probe(Some("1"));
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains(&format!("needs {MISSING}, which is not installed")),
        "{all}"
    );
    // Only "1" requires them; anything else still skips.
    let (out, all) = run_probe(Some("0"));
    assert!(out.status.success(), "{all}");
}
