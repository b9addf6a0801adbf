#!/usr/bin/env bash
# The project's one test command (the README's, and what .ci/run calls):
# formatting, lints, the test suite, then every example report rendered by
# `clerk`, public and full, and checked by the external readers.
#
#   scripts/test.sh
#
# Any failure stops it with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "cargo test --release"
cargo test --release

step "render examples/reports/*.json with clerk"
cargo build --release --quiet --example clerk
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shopt -s nullglob
reports=(examples/reports/*.json)
if [ ${#reports[@]} -eq 0 ]; then
  echo "no reports in examples/reports" >&2
  exit 1
fi
for report in "${reports[@]}"; do
  stem=$(basename "$report" .json)
  for audience in public full; do
    flag=()
    [ "$audience" = full ] && flag=(--full)
    dir="$out/$audience"
    cargo run --release --quiet --example clerk -- "$report" -o "$dir" "${flag[@]}"
    name=$stem
    [ "$audience" = full ] && name=$stem.full
    pdf="$dir/$name.pdf"
    docx="$dir/$name.docx"
    if [ -x scripts/check-pdf.sh ]; then
      scripts/check-pdf.sh "$pdf"
    fi
    if [ -f scripts/check-docx.py ]; then
      python3 scripts/check-docx.py "$docx"
    fi
  done
done

step "all checks passed"
