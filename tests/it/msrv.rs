//! `rust-version` in Cargo.toml is the oldest Rust the locked dependency
//! tree really builds with: the highest `rust-version` of any crate the
//! library depends on (normal dependencies, transitively). A dependency
//! update that raises it fails here until Cargo.toml says so.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

fn version(v: &str) -> Vec<u32> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_what_the_locked_tree_needs() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages: HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = meta["resolve"]["root"].as_str().unwrap();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            if normal {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    let (needed, by) = seen
        .iter()
        .filter(|id| **id != root)
        .filter_map(|id| {
            let p = packages[id];
            Some((version(p["rust_version"].as_str()?), p["name"].as_str()?))
        })
        .max()
        .expect("dependencies declare rust-version");
    let ours = version(
        packages[root]["rust_version"]
            .as_str()
            .expect("ours is set"),
    );
    let trim = |v: &[u32]| v.iter().take(2).copied().collect::<Vec<_>>();
    assert_eq!(
        trim(&ours),
        trim(&needed),
        "Cargo.toml's rust-version should be {needed:?}, which {by} needs"
    );
}
