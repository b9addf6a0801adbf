//! The `clerk` example, built once per test binary with the same profile
//! and target dir as the tests, so it is the code under test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn clerk_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary's path");
        // target/<profile>/deps/<test>-<hash>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary inside target/<profile>/deps");
        let target_dir = profile_dir.parent().expect("a target dir");
        let profile = profile_dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a profile name");
        let profile = if profile == "debug" { "dev" } else { profile };
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--quiet",
                "--example",
                "clerk",
                "--profile",
                profile,
            ])
            .arg("--target-dir")
            .arg(target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the clerk example failed");
        profile_dir
            .join("examples")
            .join(format!("clerk{}", std::env::consts::EXE_SUFFIX))
    })
}

/// A file an earlier clerk run wrote, by its extension: clerk removes only
/// its own outputs after a failed run, never a file someone else put there.
pub fn earlier_output(name: &str) -> Vec<u8> {
    let golden = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/tower-hamlets-2019-07-31-ilacs"
    );
    let ext = if name.ends_with(".docx") {
        "docx"
    } else {
        "pdf"
    };
    std::fs::read(format!("{golden}.{ext}")).expect("a golden output")
}
