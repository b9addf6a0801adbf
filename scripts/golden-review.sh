#!/usr/bin/env bash
# Shows what changed in the golden PDFs (public and .full renderings): for each
# tests/golden/*.pdf that differs from git (default: HEAD), renders old and new
# pages to PNG and puts them side by side.
#
#   scripts/golden-review.sh [REV] [OUTDIR]
#
# Needs pdftoppm (poppler-utils) and python3 with Pillow (or ImageMagick's `convert`).
set -euo pipefail
rev=${1:-HEAD}
out=${2:-target/golden-review}
top=$(git rev-parse --show-toplevel)
cd "$top"
mkdir -p "$out"
changed=$(git diff --name-only "$rev" -- 'tests/golden/*.pdf'; git ls-files --others --exclude-standard -- 'tests/golden/*.pdf')
if [ -z "$changed" ]; then
  echo "no golden PDF differs from $rev"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pdf in $changed; do
  name=$(basename "$pdf" .pdf)
  mkdir -p "$tmp/$name/old" "$tmp/$name/new"
  if git cat-file -e "$rev:$pdf" 2>/dev/null; then
    git show "$rev:$pdf" > "$tmp/$name/old.pdf"
    pdftoppm -png -r 50 "$tmp/$name/old.pdf" "$tmp/$name/old/p"
  fi
  pdftoppm -png -r 50 "$pdf" "$tmp/$name/new/p"
  python3 - "$tmp/$name" "$out/$name" <<'PY'
import sys, glob, os
from PIL import Image, ImageDraw
src, dst = sys.argv[1], sys.argv[2]
old = sorted(glob.glob(os.path.join(src, "old", "*.png")))
new = sorted(glob.glob(os.path.join(src, "new", "*.png")))
for i in range(max(len(old), len(new))):
    a = Image.open(old[i]) if i < len(old) else None
    b = Image.open(new[i]) if i < len(new) else None
    w = (a or b).width; h = max(x.height for x in (a, b) if x)
    sheet = Image.new("RGB", (2 * w + 12, h + 20), "white")
    d = ImageDraw.Draw(sheet)
    d.text((4, 4), f"golden (old) page {i+1}", fill="black")
    d.text((w + 16, 4), f"now (new) page {i+1}", fill="black")
    if a: sheet.paste(a, (0, 20))
    if b: sheet.paste(b, (w + 12, 20))
    d.line([(w + 6, 0), (w + 6, h + 20)], fill="red", width=2)
    sheet.save(f"{dst}-page{i+1}.png")
PY
  echo "$pdf: $(ls "$out/$name"-page*.png | wc -l) page(s) in $out/$name-page*.png"
done
