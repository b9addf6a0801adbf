//! Templates: a council's wording, order, numbering and brand.
//!
//! A template is configuration, separate from any report: one council writes
//! one template and every report rendered with it shares its labels, its
//! section order and its look. The Tower Hamlets template is built in;
//! another council's is a JSON file of the same shape (see `TEMPLATES.md`).

mod bilingual;
mod brand;
mod groups;
mod header;
mod implications;
mod labels;

pub use bilingual::{Bilingual, Wording};
pub use brand::{Brand, FontFiles, Rgb};
pub use groups::SectionGroup;
pub(crate) use header::DEFAULT_ROWS;
pub use header::{DateStyle, HeaderRow, HeaderSignOff, RowKind};
pub use implications::ImplicationsTable;
pub use labels::Labels;

use crate::error::Error;
use crate::model::{Body, SectionKind};
use crate::resources::{ResourceKind, Resources};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// England or Wales: decides the Schedule 12A paragraph range and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// English councils: Part 1 of Schedule 12A, paragraphs 1-7.
    England,
    /// Welsh councils: Part 4 of Schedule 12A, paragraphs 12-18.
    Wales,
}

impl Jurisdiction {
    /// The Schedule 12A paragraphs this jurisdiction may cite.
    pub fn exempt_paragraphs(self) -> std::ops::RangeInclusive<u8> {
        match self {
            Jurisdiction::England => 1..=7,
            Jurisdiction::Wales => 12..=18,
        }
    }
    /// The Part of Schedule 12A that holds those paragraphs.
    pub fn schedule_part(self) -> u8 {
        match self {
            Jurisdiction::England => 1,
            Jurisdiction::Wales => 4,
        }
    }
}

/// What the council calls the areas its members represent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AreaTerm {
    /// Wards (districts, London and metropolitan boroughs, unitaries).
    Wards,
    /// Electoral divisions (county councils).
    ElectoralDivisions,
}

/// How paragraphs are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Numbering {
    /// Restart in each section: 3.1, 3.2 …
    PerSection,
    /// One sequence through the report's sections: 1, 2, 3 …, under
    /// numbered section headings.
    Continuous,
    /// One sequence through the whole report, the summary and each
    /// recommendation included, so the first section's first paragraph may
    /// be 3; section headings are not numbered, so no heading number can be
    /// mistaken for a paragraph number (common in Welsh councils).
    WholeReport,
}

impl Numbering {
    /// Whether section headings carry numbers.
    pub fn numbers_headings(self) -> bool {
        self != Numbering::WholeReport
    }
}

/// How the items of a numbered list inside a paragraph are labelled, so
/// that "paragraph 4.2(b)" reads as the council writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubItems {
    /// a), b), c)
    #[default]
    LetterBracket,
    /// (a), (b), (c)
    BracketedLetter,
    /// (i), (ii), (iii)
    BracketedRoman,
}

/// How appendices are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AppendixStyle {
    /// Appendix 1, 2, 3.
    Numbers,
    /// Appendix A, B, C.
    Letters,
}

/// How section headings are drawn. The text is always stored as written so
/// screen readers and search see normal case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HeadingCase {
    /// As written.
    #[default]
    AsWritten,
    /// Drawn in capitals (a style, not a change of text).
    Capitals,
}

/// One section the template knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateSection {
    /// Which section: a built-in kind, or the id of a standing section of
    /// this council's (`crime_and_disorder`), which reports then use as their
    /// section's `kind`.
    pub kind: SectionKind,
    /// Its heading.
    pub heading: String,
    /// Whether every report must have it (an explicit "None" satisfies this).
    #[serde(default)]
    pub mandatory: bool,
}

/// A council's template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// A short id, e.g. `tower-hamlets`.
    pub id: String,
    /// England or Wales.
    pub jurisdiction: Jurisdiction,
    /// Wards or electoral divisions.
    pub area_term: AreaTerm,
    /// The language of the template's wording and of its reports unless a
    /// report says otherwise.
    #[serde(default)]
    pub language: crate::model::Language,
    /// Per-section or continuous paragraph numbers.
    pub numbering: Numbering,
    /// Numbered or lettered appendices.
    pub appendices: AppendixStyle,
    /// How numbered lists' items are labelled: `a)`, `(a)` or `(i)`.
    #[serde(default)]
    pub sub_items: SubItems,
    /// Key-decision financial threshold in pounds.
    pub key_decision_threshold: u64,
    /// Guideline length in sides of A4 (rule W1).
    pub page_guideline: u32,
    /// Word limit for the executive summary (rule W2).
    pub summary_word_limit: u32,
    /// Justify body text instead of aligning it left.
    #[serde(default)]
    pub justify: bool,
    /// How section headings are drawn.
    #[serde(default)]
    pub heading_case: HeadingCase,
    /// Sections in order, with their headings and whether they are mandatory.
    pub sections: Vec<TemplateSection>,
    /// The recommendations' opening line per kind of decision maker
    /// (`cabinet`, `mayor_in_cabinet`, `council`, `committee`,
    /// `cabinet_member`, `officer`); `{body}` is replaced by its name.
    pub recommendation_openings: BTreeMap<String, String>,
    /// Lines printed above the meeting on the first page ("Public report",
    /// "Cabinet Report"); `{classification}` and `{meeting}` are filled in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening_lines: Vec<String>,
    /// The header block's rows in order; today's rows when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<Vec<HeaderRow>>,
    /// A third column of the header block saying who signed each row off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_sign_off: Option<HeaderSignOff>,
    /// How dates are printed.
    #[serde(default)]
    pub date_style: DateStyle,
    /// Sections set out as rows of one implications table instead of as
    /// numbered sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implications_table: Option<ImplicationsTable>,
    /// Sections set under one numbered heading and numbered within it
    /// ("5 Implications", "5.1 Financial implications", paragraphs 5.1.1 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub section_groups: Vec<SectionGroup>,
    /// Fixed wording.
    #[serde(default)]
    pub labels: Labels,
    /// Reports in two languages, one after the other: which comes first,
    /// and the other language's wording. Absent: reports in one language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilingual: Option<Bilingual>,
    /// Look and feel.
    pub brand: Brand,
    /// Where the template file was, for resolving its logo and font paths.
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
}

/// The id of the built-in template.
pub const DEFAULT_TEMPLATE: &str = "tower-hamlets";

const TOWER_HAMLETS_JSON: &str = include_str!("../../templates/tower-hamlets.json");

impl Template {
    /// The built-in Tower Hamlets template.
    pub fn tower_hamlets() -> Template {
        crate::model::load::from_json_str(TOWER_HAMLETS_JSON)
            .expect("the built-in template is valid")
    }

    /// A built-in template by id.
    pub fn builtin(id: &str) -> Option<Template> {
        (id == DEFAULT_TEMPLATE).then(Template::tower_hamlets)
    }

    /// Parses a template from JSON; paths in it resolve against `base_dir`.
    pub fn from_json(json: &str, base_dir: Option<&Path>) -> Result<Template, Error> {
        let mut t: Template = crate::model::load::from_json_str(json)?;
        t.base_dir = base_dir.map(Path::to_path_buf);
        t.check()?;
        Ok(t)
    }

    /// The template a report asks for: built-in id, or a file relative to
    /// `report_dir`, whose logo and fonts are then read from the folder the
    /// file is in. With no `report_dir`, only built-in ids are found.
    ///
    /// The file must be in the report's folder (or below it), or in a folder
    /// called `templates` in the report's folder or one above it
    /// (`"../templates/council.json"`), and no link may lead out of that
    /// folder: a report names its template, and a report may come from
    /// anyone. Messages about a file that is not a valid template say where
    /// the mistake is (line and column) and what kind it is, never the
    /// file's own words. A program that wants a template from elsewhere
    /// reads it itself and gives it to [`Template::from_json`].
    pub fn for_report(name: Option<&str>, report_dir: Option<&Path>) -> Result<Template, Error> {
        let (Some(name), Some(dir)) = (name, report_dir) else {
            return Template::for_report_in(name, &crate::resources::Nowhere);
        };
        if let Some(t) = Template::builtin(name) {
            return Ok(t);
        }
        let (root, file) = crate::resources::template_place(dir, name).ok_or_else(|| {
            unreadable(
                name,
                crate::resources::ResourceError::Outside {
                    kind: ResourceKind::Template,
                },
            )
        })?;
        let bytes = crate::resources::Folder::new(&root)
            .read(&file, ResourceKind::Template)
            .map_err(|e| unreadable(name, e))?;
        let base = root.join(&file);
        Template::parse_named(name, &bytes, base.parent())
    }

    /// The template a report asks for: built-in id, or a file read from
    /// `files`. Its logo and fonts are names in the same `files`: give them
    /// to [`Renderer::with_resources`](crate::Renderer::with_resources).
    pub fn for_report_in(name: Option<&str>, files: &dyn Resources) -> Result<Template, Error> {
        let Some(name) = name else {
            return Ok(Template::tower_hamlets());
        };
        if let Some(t) = Template::builtin(name) {
            return Ok(t);
        }
        let bytes = files
            .read(name, ResourceKind::Template)
            .map_err(|e| unreadable(name, e))?;
        Template::parse_named(name, &bytes, None)
    }

    /// A template file's bytes, with errors naming the file as the report
    /// does and quoting nothing of it: a report named the file, and it may
    /// be no template at all.
    fn parse_named(name: &str, bytes: &[u8], base_dir: Option<&Path>) -> Result<Template, Error> {
        use crate::model::load::{check_bytes, from_json_quoting, Quote};
        let named = |reason: String| Error::Template {
            name: name.to_string(),
            reason,
        };
        let text = check_bytes(bytes).map_err(|e| named(e.to_string()))?;
        let mut t: Template = from_json_quoting(text, Quote::No).map_err(|e| match e {
            Error::Json(j) => named(format!(
                "not a valid template: line {}, column {}: {}",
                j.line, j.column, j.message
            )),
            other => named(other.to_string()),
        })?;
        t.base_dir = base_dir.map(Path::to_path_buf);
        t.check()?;
        Ok(t)
    }

    /// The heading of a section kind, if the template has it.
    pub fn section(&self, kind: &SectionKind) -> Option<&TemplateSection> {
        self.sections.iter().find(|s| s.kind == *kind)
    }

    /// The section kinds this template lists, as a report writes them:
    /// "reasons, details, crime_and_disorder".
    pub fn section_ids(&self) -> String {
        let ids: Vec<&str> = self.sections.iter().map(|s| s.kind.id()).collect();
        ids.join(", ")
    }

    /// Whether the template sets this kind out as a row of its implications table.
    pub fn in_implications_table(&self, kind: &SectionKind) -> bool {
        self.implications_table
            .as_ref()
            .is_some_and(|t| t.rows.contains(kind))
    }

    /// The custom header rows' ids: "final_decision_maker, officers_consulted".
    pub fn custom_row_ids(&self) -> Vec<&str> {
        self.header_rows
            .iter()
            .flatten()
            .filter_map(|r| r.custom.as_deref())
            .collect()
    }

    /// The recommendations' opening line for a decision maker.
    pub fn opening_for(&self, body: &Body) -> String {
        let fallback = "The {body} is recommended to:";
        let pattern = self
            .recommendation_openings
            .get(body.key())
            .map_or(fallback, String::as_str);
        pattern.replace("{body}", self.body_name(body))
    }

    /// A meeting body's name in the template's words.
    pub fn body_name<'a>(&'a self, body: &'a Body) -> &'a str {
        let l = &self.labels;
        match body {
            Body::Cabinet => &l.body_cabinet,
            Body::MayorInCabinet => &l.body_mayor_in_cabinet,
            Body::Council => &l.body_council,
            _ => body.name(),
        }
    }

    /// Refuses a template that would print wrong or unreadable text. Run
    /// by the JSON loader and again by the renderer, as a template built in
    /// code or changed after loading has not been through the loader.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let fail = |reason: String| {
            Err(Error::Template {
                name: self.id.clone(),
                reason,
            })
        };
        let mut seen = Vec::new();
        for s in &self.sections {
            if s.kind == SectionKind::Other {
                return fail(
                    "`other` sections belong in reports, not in the template's order".into(),
                );
            }
            if seen.contains(&&s.kind) {
                return fail(format!("section `{}` is listed twice", s.kind.id()));
            }
            if s.heading.trim().is_empty() {
                return fail(format!("section `{}` has an empty heading", s.kind.id()));
            }
            seen.push(&s.kind);
        }
        self.check_header().or_else(fail)?;
        self.check_implications().or_else(fail)?;
        self.check_groups().or_else(fail)?;
        self.check_bilingual().or_else(fail)?;
        if let Some(other) = self
            .bilingual
            .as_ref()
            .and_then(|b| self.in_language(b.other.language))
        {
            // The other language's wording must pass every check the template's own does.
            other.check().map_err(|e| match e {
                Error::Template { name, reason } => Error::Template {
                    name,
                    reason: format!("bilingual.other: {reason}"),
                },
                e => e,
            })?;
        }
        // An empty label prints nothing where a reader expects words: a
        // header row with no name, a classification that says nothing.
        if let Some((name, _)) = self.labels.named().find(|(_, v)| v.trim().is_empty()) {
            return fail(format!(
                "labels.{name} is empty; give the words to print, or leave it out for the default"
            ));
        }
        for (key, opening) in &self.recommendation_openings {
            if let Some(bad) = unknown_placeholder(opening, &["body"]) {
                return fail(format!(
                    "recommendation_openings.{key} has `{{{bad}}}`; the only placeholder there is {{body}}"
                ));
            }
        }
        let l = &self.labels;
        if let Some(bad) = unknown_placeholder(&l.exempt_notice, &["what", "paragraphs", "part"]) {
            return fail(format!(
                "labels.exempt_notice has an unknown placeholder `{{{bad}}}`"
            ));
        }
        // The statutory citation is what makes withholding lawful; a notice
        // without it would be published on every exempt report.
        if !l.exempt_notice.contains("{paragraphs}") {
            return fail(
                "labels.exempt_notice must keep {paragraphs}: the notice has to cite the Schedule 12A paragraphs"
                    .into(),
            );
        }
        if let Some(bad) = unknown_placeholder(&l.page_x_of_y, &["page", "pages"]) {
            return fail(format!(
                "labels.page_x_of_y has an unknown placeholder `{{{bad}}}`"
            ));
        }
        if !l.page_x_of_y.contains("{page}") {
            return fail("labels.page_x_of_y must contain {page}".into());
        }
        self.brand.check().or_else(fail)
    }
}

impl Template {
    fn check_header(&self) -> Result<(), String> {
        for (i, line) in self.opening_lines.iter().enumerate() {
            if line.trim().is_empty() {
                return Err(format!("opening_lines[{i}] is empty"));
            }
            if let Some(bad) = unknown_placeholder(line, header::OPENING_PLACEHOLDERS) {
                return Err(format!(
                    "opening_lines[{i}] has `{{{bad}}}`; the placeholders there are {{classification}} and {{meeting}}"
                ));
            }
        }
        let mut rows = Vec::new();
        let mut customs = Vec::new();
        for (i, r) in self.header_rows.iter().flatten().enumerate() {
            let at = format!("header_rows[{i}]");
            if r.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
                return Err(format!("{at} has an empty label"));
            }
            match (&r.row, &r.custom) {
                (Some(kind), None) => {
                    if rows.contains(kind) {
                        return Err(format!("{at}: the row `{kind:?}` is listed twice"));
                    }
                    if r.mandatory {
                        return Err(format!(
                            "{at}: only custom rows take `mandatory`; the report's own fields decide built-in rows"
                        ));
                    }
                    rows.push(*kind);
                }
                (None, Some(id)) => {
                    if !matches!(SectionKind::from_id(id), Some(SectionKind::Standing(_))) {
                        return Err(format!(
                            "{at}: the custom row id `{id}` must be lowercase letters, digits and `_`, and not a section kind's name"
                        ));
                    }
                    if customs.contains(&id) {
                        return Err(format!("{at}: the custom row `{id}` is listed twice"));
                    }
                    if r.label.is_none() {
                        return Err(format!("{at}: the custom row `{id}` needs a label"));
                    }
                    customs.push(id);
                }
                _ => {
                    return Err(format!(
                        "{at} must give either `row` (a built-in row) or `custom` (a row the report fills), not both or neither"
                    ))
                }
            }
        }
        self.check_sign_off()
    }

    fn check_sign_off(&self) -> Result<(), String> {
        let Some(so) = &self.header_sign_off else {
            if let Some(i) = self.header_rows.iter().flatten().position(|r| r.sign_off) {
                return Err(format!(
                    "header_rows[{i}] takes `sign_off` only with a `header_sign_off` column to print it in"
                ));
            }
            return Ok(());
        };
        let words = [
            ("label_column", &so.label_column),
            ("value_column", &so.value_column),
            ("sign_off_column", &so.sign_off_column),
        ];
        for (name, value) in words {
            if value.trim().is_empty() {
                return Err(format!("header_sign_off.{name} is empty"));
            }
        }
        // A report names a row's sign-off by the row's id, so a custom row
        // may not take a built-in row's.
        let builtin: Vec<&str> = DEFAULT_ROWS
            .iter()
            .chain(&[RowKind::ReportDate])
            .map(|k| k.id())
            .collect();
        if let Some((i, id)) = self
            .header_rows
            .iter()
            .flatten()
            .enumerate()
            .find_map(|(i, r)| {
                r.custom
                    .as_deref()
                    .filter(|id| builtin.contains(id))
                    .map(|id| (i, id))
            })
        {
            return Err(format!(
                "header_rows[{i}]: the custom row id `{id}` is a built-in row's; with `header_sign_off` a report could not tell them apart, so choose another"
            ));
        }
        Ok(())
    }

    fn check_implications(&self) -> Result<(), String> {
        let Some(t) = &self.implications_table else {
            return Ok(());
        };
        let words = [
            ("heading", Some(&t.heading)),
            ("implication_column", Some(&t.implication_column)),
            ("comment_column", Some(&t.comment_column)),
            ("sign_off_column", t.sign_off_column.as_ref()),
        ];
        for (name, value) in words {
            if value.is_some_and(|v| v.trim().is_empty()) {
                return Err(format!("implications_table.{name} is empty"));
            }
        }
        if t.rows.is_empty() {
            return Err("implications_table.rows is empty; list the sections it sets out".into());
        }
        for (i, kind) in t.rows.iter().enumerate() {
            if t.rows[..i].contains(kind) {
                return Err(format!(
                    "implications_table.rows lists `{}` twice",
                    kind.id()
                ));
            }
            if self.section(kind).is_none() {
                return Err(format!(
                    "implications_table.rows has `{}`, which is not in `sections` (they give each row its label); sections: {}",
                    kind.id(),
                    self.section_ids()
                ));
            }
        }
        Ok(())
    }
}

fn unreadable(name: &str, e: crate::resources::ResourceError) -> Error {
    Error::Template {
        name: name.to_string(),
        reason: format!(
            "not a built-in template (built in: {DEFAULT_TEMPLATE}), and cannot read it: {e}"
        ),
    }
}

/// The first `{name}` in `s` that is not one of `known`.
fn unknown_placeholder<'a>(s: &'a str, known: &[&str]) -> Option<&'a str> {
    s.split('{').skip(1).find_map(|rest| {
        let name = &rest[..rest.find('}')?];
        (!known.contains(&name)).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_loads_and_words_openings() {
        let t = Template::tower_hamlets();
        assert_eq!(
            t.opening_for(&Body::MayorInCabinet),
            "The Mayor in Cabinet is recommended to:"
        );
        assert_eq!(
            t.opening_for(&Body::Committee("Licensing Committee".into())),
            "The Licensing Committee is recommended to:"
        );
        assert!(t.section(&SectionKind::Finance).unwrap().mandatory);
    }

    #[cfg(unix)]
    #[test]
    fn a_report_naming_an_endless_or_huge_file_as_its_template_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let e = Template::for_report(Some("/dev/zero"), Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("must be in the report's folder"), "{e}");
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
        let e = Template::for_report(Some("pipe.json"), Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a file"), "{e}");
        let e = Template::for_report(Some("."), Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("folder"), "{e}");
        // Sparse: 5 GB on paper, nothing on disk.
        let huge = std::fs::File::create(dir.path().join("huge.json")).unwrap();
        huge.set_len(5 << 30).unwrap();
        let e = Template::for_report(Some("huge.json"), Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("at most 4 MB"), "{e}");
    }

    #[test]
    fn with_no_folder_a_template_file_is_not_read_from_the_current_directory() {
        // Cargo runs tests in the crate's folder, where this file is.
        for name in ["templates/tower-hamlets.json", "Cargo.toml"] {
            let e = Template::for_report(Some(name), None)
                .unwrap_err()
                .to_string();
            assert!(e.contains("needs a folder or resources"), "{name}: {e}");
        }
        assert_eq!(
            Template::for_report(Some(DEFAULT_TEMPLATE), None).unwrap(),
            Template::tower_hamlets()
        );
    }

    #[test]
    fn a_template_file_can_be_given_in_memory() {
        let mut files = crate::resources::MemoryResources::new();
        files.insert(
            "council.json",
            TOWER_HAMLETS_JSON.replace("tower-hamlets", "council"),
        );
        let t = Template::for_report_in(Some("council.json"), &files).unwrap();
        assert_eq!(t.id, "council");
        let e = Template::for_report_in(Some("other.json"), &files)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("other.json") && e.contains("no file called"),
            "{e}"
        );
    }

    #[test]
    fn templates_that_would_print_wrong_text_are_refused() {
        let json = include_str!("../../templates/tower-hamlets.json");
        let refused = |from: &str, to: &str| {
            let changed = json.replacen(from, to, 1);
            assert_ne!(changed, json, "{from}");
            Template::from_json(&changed, None).unwrap_err().to_string()
        };
        assert!(refused("#00594F", "#FFFF00").contains("contrast"));
        assert!(refused("The {body} is", "The {bdy} is").contains("{bdy}"));
        let e = refused(
            "\"brand\"",
            "\"labels\": {\"exempt_notice\": \"{what} is exempt.\"}, \"brand\"",
        );
        assert!(e.contains("{paragraphs}"), "{e}");
        assert!(Template::from_json(json, None).is_ok());
    }

    #[test]
    fn unknown_template_is_an_error_naming_it() {
        let e = Template::for_report(Some("no-such-council.json"), None).unwrap_err();
        assert!(e.to_string().contains("no-such-council.json"), "{e}");
    }
}
