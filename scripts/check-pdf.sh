#!/usr/bin/env bash
# Checks PDFs the way a council's publishing checklist would, with real readers:
#   qpdf --check        the file's syntax and streams
#   pdffonts            every font embedded, subset, with a Unicode map
#   pdfinfo             "Tagged: yes" and a title
#   pdfua check         PDF/UA-1 (any finding fails)
#   outloud             PDF/UA-1 and WCAG: errors fail; warnings are printed, and
#                       fail too with --strict
# Usage: scripts/check-pdf.sh [--strict] FILE.pdf...   Exits non-zero if any check fails.
set -uo pipefail

fail_on=error
if [ "${1:-}" = "--strict" ]; then
  fail_on=warning
  shift
fi
if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE.pdf..." >&2
  exit 2
fi
for tool in qpdf pdffonts pdfinfo pdfua outloud; do
  command -v "$tool" >/dev/null || { echo "check-pdf: $tool is not installed" >&2; exit 2; }
done

failed=0
fail() { echo "FAIL $1: $2" >&2; failed=1; this=1; }

for f in "$@"; do
  this=0
  if [ ! -f "$f" ]; then fail "$f" "no such file"; continue; fi

  out=$(qpdf --check "$f" 2>&1)
  [ $? -eq 0 ] && grep -q "No syntax or stream encoding errors" <<<"$out" || fail "$f" "qpdf --check: $out"

  out=$(pdffonts "$f" 2>&1) || fail "$f" "pdffonts failed: $out"
  # Rows after the two header lines: name type... emb sub uni object gen.
  bad=$(tail -n +3 <<<"$out" | awk '{n=NF; if ($(n-4)!="yes" || $(n-3)!="yes" || $(n-2)!="yes") print}')
  [ -z "$bad" ] || fail "$f" "fonts not embedded, not subset or without a Unicode map:
$bad"

  out=$(pdfinfo "$f" 2>&1) || fail "$f" "pdfinfo failed: $out"
  grep -Eq '^Tagged: +yes$' <<<"$out" || fail "$f" "pdfinfo does not say Tagged: yes"
  grep -Eq '^Title: +[^ ]' <<<"$out" || fail "$f" "pdfinfo shows no title"

  out=$(pdfua check "$f" 2>&1) || fail "$f" "pdfua check:
$out"

  if out=$(outloud --fail-on "$fail_on" "$f" 2>&1); then
    grep -q "WARNING" <<<"$out" && echo "warn $f: outloud:
$out" >&2
  else
    fail "$f" "outloud:
$out"
  fi

  [ "$this" -eq 0 ] && echo "ok   $f"
done
exit "$failed"
