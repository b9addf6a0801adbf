#!/usr/bin/env bash
# Installs the readers and checkers the tests run, each only when missing, on
# Debian 12 (as root, or with passwordless sudo). scripts/test.sh calls it
# first, so the README's test command works on a machine with only Rust.
#
#   scripts/install-test-tools.sh
#
# The Python checkers go into a venv, /opt/cabinet-report-venv (or
# $CABINET_REPORT_VENV), because Debian's python3 refuses system-wide pip
# installs (PEP 668); put its bin/ on PATH to use them (scripts/test.sh does).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# Readers the tests and checkers run: pdftotext/pdfinfo/pdffonts/pdftoppm,
# qpdf, LibreOffice (Word → PDF), and the Liberation fonts it lays out with.
apt_packages=()
command -v pdftotext >/dev/null 2>&1 || apt_packages+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || apt_packages+=(qpdf)
command -v soffice >/dev/null 2>&1 || apt_packages+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/truetype/liberation2 ] || apt_packages+=(fonts-liberation2)

# Python checkers: lxml (the Word schema check), python-docx, pdfua, outloud.
venv=${CABINET_REPORT_VENV:-/opt/cabinet-report-venv}
python_ready() {
  [ -x "$venv/bin/python3" ] &&
    "$venv/bin/python3" -c 'import lxml, docx' >/dev/null 2>&1 &&
    [ -x "$venv/bin/pdfua" ] &&
    [ -x "$venv/bin/outloud" ]
}
if ! python_ready; then
  command -v python3 >/dev/null 2>&1 || apt_packages+=(python3)
  # A python3 that is not Debian's (pyenv …) has its own venv module, but
  # apt's python3-venv is harmless beside it.
  python3 -c 'import ensurepip' >/dev/null 2>&1 || apt_packages+=(python3-venv)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing: ${apt_packages[*]}"
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends "${apt_packages[@]}"
fi

if ! python_ready; then
  echo "installing python checkers into $venv"
  [ -x "$venv/bin/python3" ] || as_root python3 -m venv "$venv"
  as_root "$venv/bin/python3" -m pip install -q --upgrade pip
  as_root "$venv/bin/python3" -m pip install -q lxml python-docx pdfua outloud
  python_ready || { echo "python checkers still missing from $venv after install" >&2; exit 1; }
fi

# scripts/test.sh runs cargo fmt and cargo clippy.
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
fi
