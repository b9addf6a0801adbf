#!/usr/bin/env python3
"""Check a Cabinet report's Word document the way a reader and a word processor see it.

Usage: check-docx.py FILE.docx... [--expect-numbers N [N ...]] [--keep DIR]
       check-docx.py --schema-only FILE.docx...

Checks, each one failing the run:
  * the ECMA-376 schemas (vendor/ooxml-schemas): every word/*.xml part against wml.xsd,
    [Content_Types].xml and every .rels part against the OPC schemas;
  * python-docx reads it: a title in the core properties, en-GB or cy-GB as the language
    of the run defaults (and the same in the core properties), one Title paragraph per
    language part (a bilingual report has two, every run of the second in the other
    language, numbered afresh), heading outline levels that never skip;
  * paragraph numbers are Word numbering: numbered headings and paragraphs take their
    numbers from numbering definitions, and no paragraph starts with a typed "3.1";
  * every table with a header row marks it `w:tblHeader`; every picture has alt text and
    a unique id; every hyperlink points at an external target; the footer has PAGE and
    NUMPAGES fields;
  * LibreOffice (soffice --headless) converts it to PDF, and pdftotext of that PDF shows
    "Page 1 of", every word of the document, and the numbers Word shows for each numbered
    heading and paragraph: section headings 1, 2, 3 … and paragraphs either 1.1, 1.2, 2.1 …
    (per section) or 1, 2, 3 … (continuous). With --expect-numbers, that sequence (headings
    and paragraphs in reading order) must be exactly the one given.

--schema-only runs the schema check alone (it needs only lxml); the tests use it on every
Word file they write.

Exit status 0 when every check passes, 1 when any fails, 2 on bad usage or a missing tool.
Needs lxml; without --schema-only also python-docx, LibreOffice and poppler's pdftotext.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    from lxml import etree
except ImportError as e:
    sys.stderr.write(f"check-docx.py: needs lxml ({e})\n")
    sys.exit(2)

SCHEMAS = os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "vendor", "ooxml-schemas")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "r": R, "wp": WP}
# "3.1<tab>…", "17<tab>…" or "3.1 The …": a number typed where Word numbering belongs
# ("3.2 million people" is not one).
TYPED_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\t|^\s*\d+(\.\d+)+\.?\s+[A-Z]")


def w(name):
    return f"{{{W}}}{name}"


# Namespaces the schemas define. Markup in any other (w14, w15, wp14 …) is what Word itself
# skips under markup compatibility when it does not know it, so the check drops it too.
KNOWN = {
    W,
    R,
    WP,
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/package/2006/content-types",
    "http://schemas.openxmlformats.org/package/2006/relationships",
    "http://www.w3.org/XML/1998/namespace",
}


def namespace(tag):
    return tag[1:].split("}")[0] if tag.startswith("{") else None


def drop_unknown(root):
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            ns = namespace(attr)
            if ns and ns not in KNOWN:
                del el.attrib[attr]
    for el in list(root.iter()):
        if isinstance(el.tag, str) and namespace(el.tag) not in KNOWN and el.getparent() is not None:
            el.getparent().remove(el)
    return root


class Schemas:
    """Loaded once per run: loading wml.xsd takes longer than checking a file."""

    def __init__(self):
        def load(name):
            return etree.XMLSchema(etree.parse(os.path.join(SCHEMAS, name)))

        self.wml = load("wml.xsd")
        self.types = load("opc/opc-contentTypes.xsd")
        self.rels = load("opc/opc-relationships.xsd")

    def check(self, c, path, show=8):
        try:
            z = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as e:
            c.check(False, f"schema: not a readable .docx: {e}")
            return
        with z:
            for part in sorted(z.namelist()):
                if part.startswith("word/") and part.endswith(".xml"):
                    schema = self.wml
                elif part == "[Content_Types].xml":
                    schema = self.types
                elif part.endswith(".rels"):
                    schema = self.rels
                else:
                    continue
                try:
                    root = etree.fromstring(z.read(part))
                except etree.XMLSyntaxError as e:
                    c.check(False, f"schema: {part}: not well-formed XML: {e}")
                    continue
                if namespace(root.tag) not in KNOWN:
                    continue  # an extension part (w15 comments …): consumers that don't know it skip it
                if schema.validate(etree.ElementTree(drop_unknown(root))):
                    continue
                log = schema.error_log
                seen = collections.Counter(
                    f"line {e.line}: " + e.message.replace("{%s}" % W, "w:")[:200] for e in log)
                lines = [f"    {m}" + (f"  (x{n})" if n > 1 else "") for m, n in list(seen.items())[:show]]
                c.check(False, f"schema: {part}: {len(log)} schema errors\n" + "\n".join(lines))


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)
        return ok


def style_chain(styles, style_id):
    """The style and the styles it is based on, nearest first."""
    seen = []
    while style_id and style_id in styles and style_id not in seen:
        seen.append(style_id)
        based = styles[style_id].find("w:basedOn", NS)
        style_id = based.get(w("val")) if based is not None else None
    return [styles[s] for s in seen]


def inherited(styles, p, path):
    """The first element at `path` in the paragraph's properties or its style chain."""
    ppr = p.find("w:pPr", NS)
    if ppr is not None:
        found = ppr.find(path, NS)
        if found is not None:
            return found
    style = paragraph_style(p)
    for s in style_chain(styles, style):
        found = s.find("w:pPr/" + path, NS)
        if found is not None:
            return found
    return None


def paragraph_style(p):
    ps = p.find("w:pPr/w:pStyle", NS)
    return ps.get(w("val")) if ps is not None else "Normal"


def text_of(p):
    out = []
    for el in p.iter(w("t"), w("tab"), w("br")):
        out.append(el.text or "" if el.tag == w("t") else " ")
    return "".join(out)


def words(s):
    return [x for x in re.findall(r"[A-Za-z0-9£%]+", s.lower()) if x]


def check_structure(c, path):
    import docx  # only here, so that --schema-only needs lxml alone

    d = docx.Document(path)
    body = d.element.body
    styles = {s.get(w("styleId")): s for s in d.styles.element.findall("w:style", NS)}

    c.check(bool((d.core_properties.title or "").strip()), "core properties: no title")
    c.check(bool((d.core_properties.author or "").strip()), "core properties: no author (creator)")
    lang = d.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    # A report is in English or Welsh; the styles' language must be the document's.
    lang_val = None if lang is None else lang.get(w("val"))
    c.check(lang_val in ("en-GB", "cy-GB"), f"run defaults: w:lang is {lang_val}, not en-GB or cy-GB")
    c.check(
        (d.core_properties.language or "") == (lang_val or ""),
        f"core properties: language {d.core_properties.language!r} is not the run defaults' {lang_val!r}",
    )

    paragraphs = list(body.iter(w("p")))
    titles = [p for p in paragraphs if paragraph_style(p) == "Title"]
    # A bilingual report is the report twice, each language in sections of its own
    # whose first opens with its masthead (a first-page header): one Title per
    # language part, and a later part's every run says its language.
    parts = max(1, len(body.findall(".//w:sectPr/w:titlePg", NS)))
    c.check(parts <= 2, f"{parts} parts with their own first page; a report has one language part, or two")
    c.check(len(titles) == parts, f"expected {parts} Title paragraph(s), one per language part, found {len(titles)}")
    if parts == 2 and len(titles) == 2:
        seen = False
        part_langs = set()
        for p in paragraphs:
            seen = seen or p is titles[1]
            if not seen:
                continue
            for r in p.iter(w("r")):
                if not "".join(t.text or "" for t in r.iter(w("t"))).strip():
                    continue
                l = r.find("w:rPr/w:lang", NS)
                val = None if l is None else l.get(w("val"))
                c.check(val in ("en-GB", "cy-GB") and val != lang_val,
                        f"second language part: run {''.join(t.text or '' for t in r.iter(w('t')))[:40]!r} has w:lang {val}, not the other language")
                part_langs.add(val)
        c.check(len(part_langs) <= 1, f"second language part: runs in several languages {sorted(map(str, part_langs))}")

    # Headings: outline levels from the paragraph or its styles, never skipping a level.
    headings = []
    last = -1
    for p in paragraphs:
        lvl = inherited(styles, p, "w:outlineLvl")
        if lvl is None or int(lvl.get(w("val"))) > 8:
            continue
        level = int(lvl.get(w("val")))
        c.check(level <= last + 1, f"heading level {level + 1} after level {last + 1}: {text_of(p)[:60]!r}")
        last = level
        headings.append((level, p))
    c.check(bool(headings), "no headings with outline levels (Heading 1, Heading 2 …)")
    c.check(any(l == 0 for l, _ in headings), "no top-level heading")

    # Numbering: numbered items from numbering definitions, never typed.
    numbered = []
    for p in paragraphs:
        num = inherited(styles, p, "w:numPr/w:numId")
        in_list = num is not None and num.get(w("val")) != "0"
        text = text_of(p)
        if TYPED_NUMBER.match(text) and paragraph_style(p) not in ("TableText",):
            c.check(False, f"typed number instead of Word numbering: {text[:60]!r}")
        if in_list:
            numbered.append(p)
    try:
        numbering_part = d.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_part = None
    c.check(numbering_part is not None and len(numbering_part.findall("w:num", NS)) > 0,
            "no numbering definitions")

    # Tables: header rows repeat.
    tables = list(body.iter(w("tbl")))
    for t in tables:
        rows = t.findall("w:tr", NS)
        if not rows:
            continue
        first = rows[0]
        marked = first.find("w:trPr/w:tblHeader", NS) is not None
        cells = first.findall("w:tc", NS)
        look = t.find("w:tblPr/w:tblLook", NS)
        says_header = look is not None and (look.get(w("firstRow")) in ("1", "true", "on")
                                            or int(look.get(w("val"), "0"), 16) & 0x20)
        if says_header:
            c.check(marked, f"table whose first row is a header row lacks w:tblHeader: {text_of(cells[0])[:40]!r}")
    # (Each header row is checked above; a report whose only tables are the
    # masthead and the metadata block, label column and no header row, has none.)

    # Pictures, links and fields across the document, headers and footers.
    with zipfile.ZipFile(path) as z:
        xml_parts = [n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        ids = []
        footer_text = ""
        for name in xml_parts:
            root = etree.fromstring(z.read(name))
            rels_name = f"word/_rels/{os.path.basename(name)}.rels"
            rels = {}
            if rels_name in z.namelist():
                for rel in etree.fromstring(z.read(rels_name)):
                    rels[rel.get("Id")] = rel
            for pr in root.iter(f"{{{WP}}}docPr"):
                ids.append(pr.get("id"))
                c.check(bool((pr.get("descr") or "").strip()), f"{name}: picture {pr.get('id')} has no alt text")
            for link in root.iter(w("hyperlink")):
                rid = link.get(f"{{{R}}}id")
                if rid is None:
                    continue
                rel = rels.get(rid)
                c.check(rel is not None and rel.get("TargetMode") == "External",
                        f"{name}: hyperlink {rid} has no external target")
            if "footer" in name:
                footer_text += " ".join(i.text or "" for i in root.iter(w("instrText")))
                footer_text += " ".join(f.get(w("instr")) or "" for f in root.iter(w("fldSimple")))
        c.check(len(ids) == len(set(ids)), f"picture ids repeat: {ids}")
        c.check(re.search(r"\bPAGE\b", footer_text) is not None, "footer: no PAGE field")
        c.check(re.search(r"\bNUMPAGES\b", footer_text) is not None, "footer: no NUMPAGES field")

    # What a reader must see: every word, and the numbered items in order.
    all_text = " ".join(text_of(p) for p in paragraphs)
    numbered_items = []
    for p in paragraphs:
        style = paragraph_style(p)
        if style == "Title" and p is not titles[0]:
            # Each language part numbers its sections and paragraphs afresh.
            numbered_items.append(None)
            continue
        num = inherited(styles, p, "w:numPr/w:numId")
        if num is None or num.get(w("val")) == "0":
            continue
        # Numbered section headings (Heading 2 when numbered: a grouped
        # section's "5.2") and numbered paragraphs (not bullets or lists).
        level = {"Heading1": 1, "Heading2": 2, "NumberedParagraph": 0}.get(style)
        if level is not None:
            numbered_items.append((level, text_of(p)))
    return all_text, numbered_items


def convert(c, path, keep):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if not soffice or not pdftotext:
        sys.stderr.write("check-docx.py: needs soffice and pdftotext\n")
        sys.exit(2)
    out = keep or tempfile.mkdtemp(prefix="check-docx-")
    profile = tempfile.mkdtemp(prefix="check-docx-lo-")
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", out, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False)
        pdf = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if not c.check(os.path.exists(pdf), "LibreOffice did not convert the document"):
            return None
        text = subprocess.run([pdftotext, "-layout", pdf, "-"], capture_output=True, text=True,
                              check=False).stdout
        return text
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        if not keep:
            shutil.rmtree(out, ignore_errors=True)


def page_number_pattern(path):
    """A regex for page 1's "Page X of Y", built from the footer's own words and
    its PAGE / NUMPAGES fields, so a template's wording ("{page} / {pages}") is
    checked as written."""
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r"word/footer\d*\.xml$", n))
        if not names:
            return r"(?!)"
        root = etree.fromstring(z.read(names[0]))
    parts, in_result, instr, after_tab = [], False, "", False
    for el in root.iter():
        if el.tag == W + "tab":
            after_tab, parts = True, []
        elif el.tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                instr = ""
            elif kind == "separate":
                in_result = True
            elif kind == "end":
                in_result = False
                name = instr.strip().split()[0] if instr.strip() else ""
                parts.append("1" if name == "PAGE" else r"\d+" if name == "NUMPAGES" else "")
        elif el.tag == W + "instrText":
            instr += el.text or ""
        elif el.tag == W + "t" and not in_result and after_tab:
            parts.append(r"\s*".join(re.escape(w) for w in (el.text or "").split()) + r"\s*")
    return r"\s*".join(p for p in parts if p)


def shown_numbers(c, pdf_text, items):
    """The number LibreOffice printed before each numbered heading and paragraph."""
    lines = pdf_text.splitlines()
    at = 0
    found = []
    for item in items:
        if item is None:
            found.append(None)
            continue
        heading, text = item
        first = words(text)[:3]
        if not first:
            continue
        # Separators as words() sees them, so "NO₂ to" matches "no", "to".
        pattern = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+" + r"[^A-Za-z0-9£%]+".join(re.escape(x) for x in first), re.I)
        for i in range(at, len(lines)):
            m = pattern.match(lines[i])
            if m:
                found.append((heading, m.group(1)))
                at = i + 1
                break
        else:
            c.check(False, f"LibreOffice shows no number before {text[:50]!r}")
    return found


def check_sequence(c, found):
    """Headings 1, 2, 3 …, a grouped section's 5.1, 5.2 …; paragraphs s.1, s.2 … (s.m.1,
    s.m.2 … in a grouped section) or one run 1, 2, 3 …. A continuous run may jump forward
    only after a section without paragraphs (its content withheld)."""
    section = 0
    member = 0
    para = 0
    continuous = None
    empty_section_before = False
    paras_in_section = 0
    for item in found:
        if item is None:
            section, member, para, continuous = 0, 0, 0, None
            empty_section_before, paras_in_section = False, 0
            continue
        level, n = item
        if level:
            if level == 1:
                expected = str(section + 1)
                section += 1
                member = 0
            else:
                expected = f"{section}.{member + 1}"
                member += 1
            c.check(n == expected, f"section heading numbered {n}, expected {expected}")
            empty_section_before = empty_section_before or (section > 0 and paras_in_section == 0)
            paras_in_section = 0
            if not continuous:
                para = 0
            continue
        if continuous is None:
            continuous = "." not in n
        paras_in_section += 1
        if continuous and empty_section_before and n.isdigit() and int(n) > para + 1:
            para = int(n) - 1
        empty_section_before = False
        if continuous:
            expected = str(para + 1)
        elif member:
            expected = f"{section}.{member}.{para + 1}"
        else:
            expected = f"{section}.{para + 1}"
        c.check(n == expected, f"paragraph numbered {n}, expected {expected}")
        para += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docx", nargs="+")
    ap.add_argument("--expect-numbers", nargs="+", metavar="N",
                    help="the numbers of the numbered headings and paragraphs, in order")
    ap.add_argument("--schema-only", action="store_true",
                    help="only validate against the ECMA-376 schemas (needs only lxml)")
    ap.add_argument("--keep", help="keep the LibreOffice PDF in this folder")
    args = ap.parse_args()
    for path in args.docx:
        if not os.path.isfile(path):
            sys.stderr.write(f"check-docx.py: {path}: no such file\n")
            return 2
    if not args.schema_only:
        try:
            import docx  # noqa: F401
        except ImportError as e:
            sys.stderr.write(f"check-docx.py: needs python-docx ({e})\n")
            return 2
    schemas = Schemas()
    failed = False
    for path in args.docx:
        failed |= check_file(schemas, path, args)
    return 1 if failed else 0


def check_file(schemas, path, args):
    """Runs every check on one file and prints its verdict; true when any check failed."""
    c = Checker()
    schemas.check(c, path)
    items = []
    if not args.schema_only:
        try:
            all_text, items = check_structure(c, path)
        except Exception as e:  # a file python-docx cannot read fails, it does not crash
            c.check(False, f"python-docx cannot read it: {e}")
            all_text, items = "", []

        pdf_text = convert(c, path, args.keep)
        if pdf_text is not None:
            page_re = page_number_pattern(path)
            c.check(re.search(page_re, pdf_text) is not None,
                    f"LibreOffice PDF: no page number like the footer's (/{page_re}/) on page 1")
            shown = set(words(pdf_text))
            missing = sorted(set(words(all_text)) - shown)
            c.check(not missing, f"LibreOffice PDF lacks words of the document: {missing[:20]}")
            found = shown_numbers(c, pdf_text, items)
            c.check(bool(found) or not items, "no numbered headings or paragraphs found in the PDF")
            check_sequence(c, found)
            if args.expect_numbers is not None:
                got = [item[1] for item in found if item is not None]
                c.check(got == args.expect_numbers, f"numbers shown {got}, expected {args.expect_numbers}")

    for f in c.failures:
        print(f"{path}: FAIL {f}")
    if not c.failures:
        if args.schema_only:
            print(f"{path}: ok (valid against the ECMA-376 schemas)")
        else:
            print(f"{path}: ok ({len(items)} numbered headings and paragraphs)")
    return bool(c.failures)


if __name__ == "__main__":
    sys.exit(main())
