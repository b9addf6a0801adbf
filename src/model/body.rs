//! The body: summary, recommendations, numbered sections and their blocks.

use super::{Exemption, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A block of content inside a section, the summary or an appendix.
///
/// JSON is one key naming the kind: `{"paragraph": "…"}`, `{"quote": "…"}`,
/// `{"bullets": ["…", "…"]}`, `{"table": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A numbered paragraph (3.1, 3.2 …) inside a section; plain in the summary.
    Paragraph(Text),
    /// An unnumbered paragraph continuing the numbered one before it.
    Continuation(Text),
    /// A sub-heading within a section.
    Subheading(Text),
    /// A quotation, set indented.
    Quote(Text),
    /// A bulleted list.
    Bullets(Vec<Text>),
    /// A numbered list (a, b, c or i, ii within a paragraph).
    NumberedList(Vec<Text>),
    /// A table.
    Table(Table),
    /// An image with alternative text.
    Image(Image),
}

const BLOCK_KINDS: &[&str] = &[
    "paragraph",
    "continuation",
    "subheading",
    "quote",
    "bullets",
    "numbered_list",
    "table",
    "image",
];

// Written by hand so that the two ways authors get a block wrong, `{}` and
// two kinds in one object, are explained rather than reported as bad JSON.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a block: an object with one key naming its kind, e.g. {\"paragraph\": \"…\"}",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Block, A::Error> {
                use serde::de::Error;
                let Some(kind) = map.next_key::<String>()? else {
                    return Err(A::Error::custom(
                        "an empty block `{}`: a block is one key naming its kind, e.g. {\"paragraph\": \"…\"}",
                    ));
                };
                let block = match kind.as_str() {
                    "paragraph" => Block::Paragraph(map.next_value()?),
                    "continuation" => Block::Continuation(map.next_value()?),
                    "subheading" => Block::Subheading(map.next_value()?),
                    "quote" => Block::Quote(map.next_value()?),
                    "bullets" => Block::Bullets(map.next_value()?),
                    "numbered_list" => Block::NumberedList(map.next_value()?),
                    "table" => Block::Table(map.next_value()?),
                    "image" => Block::Image(map.next_value()?),
                    other => return Err(A::Error::unknown_variant(other, BLOCK_KINDS)),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(A::Error::custom(format!(
                        "one block has two kinds, `{kind}` and `{}`; put each in its own {{…}}",
                        super::field::shorten(&extra)
                    )));
                }
                Ok(block)
            }
        }
        d.deserialize_map(V)
    }
}

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Right when every body cell is a number or amount, otherwise left.
    #[default]
    Auto,
    /// Left.
    Left,
    /// Centred.
    Centre,
    /// Right.
    Right,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The header cell; when every column's is blank (or there are no
    /// columns) the table has no header row.
    #[serde(default, skip_serializing_if = "no_runs")]
    pub heading: Text,
    /// Alignment of the body cells.
    #[serde(default, skip_serializing_if = "is_auto")]
    pub align: Align,
    /// Share of the table width, in percent; columns without one share what is left by content.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_as_integer"
    )]
    pub width_percent: Option<f32>,
}

/// Writes `150.0` as `150`, as a clerk writes a width; it reads back as the
/// same `f32` (every whole `f32` below 2^24 is exact as an integer).
fn whole_as_integer<S: serde::Serializer>(v: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 16_777_216.0 => s.serialize_i32(*x as i32),
        other => other.serialize(s),
    }
}

fn is_auto(a: &Align) -> bool {
    *a == Align::Auto
}

fn no_runs(t: &Text) -> bool {
    t.0.is_empty()
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A table: a header row (from the columns' headings) unless every heading
/// is blank, as in a figure table read across, body rows, subtotal rows
/// among them, merged cells and a totals row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// A caption describing the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// The columns, with their header cells; may be left out of a table
    /// without a header row, which then has as many columns as its widest row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    /// The body rows; each has one cell per column ("" under a merged cell).
    pub rows: Vec<Vec<Text>>,
    /// Whether the first column holds row headers.
    #[serde(default, skip_serializing_if = "is_false")]
    pub header_column: bool,
    /// A totals row, set in bold after the body; its amounts are checked (rule W5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Vec<Text>>,
    /// Body rows (by index, from 0) that are subtotals: set like the totals
    /// row, and left out of the sum the totals row is checked against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtotal_rows: Vec<usize>,
    /// Cells merged across columns or down rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<Merge>,
}

/// Cells merged into one: the cell at `row`, `column` spreads over
/// `columns` columns and `rows` rows; the cells it covers are written as "".
///
/// JSON: `{"row": 0, "column": 1, "columns": 2}`. `row` counts the body
/// rows from 0; the totals row is the row after the last body row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// The body row of the merged cell's top-left corner, from 0.
    pub row: usize,
    /// Its column, from 0.
    pub column: usize,
    /// How many rows it covers (1 when left out).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rows: usize,
    /// How many columns it covers (1 when left out).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub columns: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// An image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The PNG or JPEG file, relative to the report file.
    pub src: String,
    /// What the image shows, for people who cannot see it.
    pub alt: String,
    /// Width on the page in millimetres; the image's own size at 96 dpi when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_as_integer"
    )]
    pub width_mm: Option<f32>,
    /// A caption under the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
}

/// Where a recommendation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Route {
    /// Decided at this meeting.
    #[default]
    Decide,
    /// Recommended on to full Council for decision.
    Council,
    /// Noted, no decision.
    Note,
}

/// One recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The recommendation, completing the template's opening line.
    pub text: Text,
    /// Who decides it.
    #[serde(default, skip_serializing_if = "is_decide")]
    pub route: Route,
    /// Supporting blocks (a table of allocations, a list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

fn is_decide(r: &Route) -> bool {
    *r == Route::Decide
}

/// The kind of a numbered section, which the template orders and labels.
///
/// JSON: the built-in kinds by name (`"finance"`), `"other"`, or the id of a
/// standing section the template lists (`"crime_and_disorder"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SectionKind {
    /// Reasons for the decisions.
    Reasons,
    /// Alternative options considered.
    AlternativeOptions,
    /// Details of the report.
    Details,
    /// Equalities implications.
    Equalities,
    /// Other statutory implications (Best Value, environment, risk, crime and disorder,
    /// safeguarding, data protection).
    OtherStatutory,
    /// Comments of the Chief Finance Officer (Section 151 officer).
    Finance,
    /// Comments of Legal Services (Monitoring Officer).
    Legal,
    /// Any other section; it needs a heading of its own and keeps its place
    /// after the section before it.
    Other,
    /// A standing section the template defines by its id, such as
    /// `crime_and_disorder` or `risk`: lowercase letters, digits and `_`.
    Standing(String),
}

const BUILT_IN_KINDS: [(&str, SectionKind); 8] = [
    ("reasons", SectionKind::Reasons),
    ("alternative_options", SectionKind::AlternativeOptions),
    ("details", SectionKind::Details),
    ("equalities", SectionKind::Equalities),
    ("other_statutory", SectionKind::OtherStatutory),
    ("finance", SectionKind::Finance),
    ("legal", SectionKind::Legal),
    ("other", SectionKind::Other),
];

/// Longest standing-section id: ids are keys, not headings.
const MAX_ID_LEN: usize = 64;

impl SectionKind {
    /// The id as written in JSON: `"finance"`, `"crime_and_disorder"`.
    pub fn id(&self) -> &str {
        match self {
            SectionKind::Standing(id) => id,
            kind => BUILT_IN_KINDS
                .iter()
                .find(|(_, k)| k == kind)
                .map_or("other", |(name, _)| name),
        }
    }

    /// The kind an id names; `None` when it is not a well-formed id.
    pub fn from_id(id: &str) -> Option<SectionKind> {
        if let Some((_, k)) = BUILT_IN_KINDS.iter().find(|(name, _)| *name == id) {
            return Some(k.clone());
        }
        let well_formed = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        well_formed.then(|| SectionKind::Standing(id.to_string()))
    }
}

impl Serialize for SectionKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for SectionKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        SectionKind::from_id(&id).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{}` is not a section kind: use a built-in kind ({}) or a standing section's id \
                 from the template, in lowercase letters, digits and `_` (at most {MAX_ID_LEN})",
                super::field::shorten(&id),
                BUILT_IN_KINDS.map(|(n, _)| n).join(", ")
            ))
        })
    }
}

impl JsonSchema for SectionKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SectionKind".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let built_in = BUILT_IN_KINDS.map(|(name, _)| name);
        // The built-in names first, so an editor offers them; any other
        // well-formed id names a standing section of the template.
        schemars::json_schema!({
            "description": "A built-in kind, `other`, or the id of a standing section the template lists (`crime_and_disorder`).",
            "anyOf": [
                { "enum": built_in },
                {
                    "type": "string",
                    "pattern": format!("^[a-z][a-z0-9_]{{0,{}}}$", MAX_ID_LEN - 1)
                }
            ]
        })
    }
}

/// A numbered section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// A heading replacing the template's label (required for `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The content.
    pub blocks: Vec<Block>,
    /// Set when the section holds exempt information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Exemption>,
    /// Who signed the section off, for a template that sets it out as a row
    /// of its implications table with a sign-off column ("Jane Smith, Head of
    /// Finance, 3 March 2026").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<String>,
}

/// An appendix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Its title.
    pub title: String,
    /// Set when the appendix is exempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Exemption>,
    /// Content printed after the report; empty when the appendix is a separate document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// A list that must be given, even when it is empty: background papers and linked reports.
///
/// JSON: `"none"` or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Papers {
    /// Explicitly none.
    None,
    /// The items.
    Listed(Vec<Text>),
}

super::list_or_word!(Papers, None, "none", Text);
