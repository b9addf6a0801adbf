//! Header metadata: who decides what, when, and under which rules.

use super::{Date, Field, FromField, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The body that meets, or that takes the decision.
///
/// JSON: `"cabinet"`, `"mayor_in_cabinet"`, `"council"`,
/// `{"committee": "Overview and Scrutiny Committee"}`,
/// `{"cabinet_member": "Cabinet Member for Resources"}`, `{"officer": "Corporate Director, Place"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Body {
    /// The Cabinet (Leader and Cabinet model).
    Cabinet,
    /// The Mayor in Cabinet (directly elected mayor model).
    MayorInCabinet,
    /// Full Council.
    Council,
    /// A named committee.
    Committee(String),
    /// A Cabinet Member taking an individual decision; the portfolio title.
    CabinetMember(String),
    /// An officer taking a delegated decision; the post.
    Officer(String),
}

impl Body {
    /// The name as it appears in a header: "Cabinet", "Mayor in Cabinet", or the given name.
    pub fn name(&self) -> &str {
        match self {
            Body::Cabinet => "Cabinet",
            Body::MayorInCabinet => "Mayor in Cabinet",
            Body::Council => "Council",
            Body::Committee(n) | Body::CabinetMember(n) | Body::Officer(n) => n,
        }
    }

    /// The stable key templates use to choose wording for this kind of body.
    pub fn key(&self) -> &'static str {
        match self {
            Body::Cabinet => "cabinet",
            Body::MayorInCabinet => "mayor_in_cabinet",
            Body::Council => "council",
            Body::Committee(_) => "committee",
            Body::CabinetMember(_) => "cabinet_member",
            Body::Officer(_) => "officer",
        }
    }
}

/// The meeting the report goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Who meets.
    pub body: Body,
    /// The day of the meeting.
    pub date: Date,
    /// The agenda item number, e.g. `"6.3"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<String>,
}

/// A person named in the header: a post holder or a councillor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name, e.g. "Debbie Jones" or "Councillor Danny Hassell".
    pub name: String,
    /// The post or portfolio, e.g. "Corporate Director, Children and Culture".
    pub role: String,
}

/// An officer who wrote the report or can be contacted about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// Telephone number as it should be printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The wards (or electoral divisions) the decision affects.
///
/// JSON: `"all"` or a list of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wards {
    /// Every ward in the area.
    All,
    /// The named wards.
    Listed(Vec<String>),
}

super::list_or_word!(Wards, All, "all", String);

/// Yes or no, as a clerk answers a header question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
}

impl FromField for YesNo {
    const EXPECTED: &'static str = "\"yes\" or \"no\"";
    fn from_str(s: &str) -> Option<Self> {
        match s {
            "yes" => Some(YesNo::Yes),
            "no" => Some(YesNo::No),
            _ => None,
        }
    }
}

/// Why a decision is a key decision (the statutory tests).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeyReason {
    /// Spending or savings significant against the council's financial threshold.
    FinancialThreshold,
    /// Significant effect on communities in two or more wards.
    TwoOrMoreWards,
}

impl FromField for Vec<KeyReason> {
    const EXPECTED: &'static str =
        "a list of key-decision reasons: \"financial_threshold\", \"two_or_more_wards\"";
    fn from_str(_: &str) -> Option<Self> {
        None
    }
}

/// How a key decision is taken when 28 clear days' notice was not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Urgency {
    /// General exception: notice given to the scrutiny chair, at least five clear days.
    GeneralException {
        /// Why the decision cannot wait.
        reason: String,
    },
    /// Special urgency: the scrutiny chair agreed the decision cannot be deferred.
    SpecialUrgency {
        /// Why the decision cannot wait.
        reason: String,
        /// The chair who agreed, e.g. "Chair of Overview and Scrutiny Committee".
        agreed_by: String,
    },
}

/// The key-decision block of the header.
///
/// Kept flat rather than as a yes/no enum because drafts arrive half-filled,
/// and the validator (rule R4) must be able to say which field is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyDecision {
    /// Whether this is a key decision.
    pub answer: Field<YesNo>,
    /// Why it is a key decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Field<Vec<KeyReason>>>,
    /// When the forward-plan notice was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_published: Option<Field<Date>>,
    /// The forward-plan reference, if the council numbers its notices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_plan_ref: Option<String>,
    /// The urgency route used when notice was short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// The key decision as the council prints it, in one sentence ("Yes –
    /// this report deals with income in excess of £1m"), in place of yes or
    /// no. The fields above stay on record and are still checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
}

impl KeyDecision {
    /// Not a key decision.
    pub fn no() -> KeyDecision {
        KeyDecision {
            answer: Field::Value(YesNo::No),
            reasons: None,
            notice_published: None,
            forward_plan_ref: None,
            urgency: None,
            statement: None,
        }
    }

    /// A key decision for the given reasons, noticed on `notice_published`.
    pub fn yes(reasons: Vec<KeyReason>, notice_published: Date) -> KeyDecision {
        KeyDecision {
            answer: Field::Value(YesNo::Yes),
            reasons: Some(Field::Value(reasons)),
            notice_published: Some(Field::Value(notice_published)),
            forward_plan_ref: None,
            urgency: None,
            statement: None,
        }
    }

    /// True only when answered yes.
    pub fn is_key(&self) -> bool {
        self.answer == Field::Value(YesNo::Yes)
    }
}

/// Whether call-in (scrutiny's power to review a decision before it takes effect) applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CallIn {
    /// Call-in applies.
    Applies,
    /// Exempt from call-in, with the reason.
    Exempt(String),
}

/// Why part of a report is not for publication: Schedule 12A to the Local
/// Government Act 1972.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// The Schedule 12A paragraphs relied on (England 1-7, Wales 12-18).
    pub paragraphs: Vec<u8>,
    /// Why the public interest in withholding outweighs that in disclosing.
    /// May be left out of a report file so the validator can report it (R6)
    /// with its path, instead of the whole file failing to load.
    #[serde(default)]
    pub public_interest: String,
}

/// Report purpose: whether Cabinet is asked to decide something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Purpose {
    /// The report asks for a decision (recommendations required).
    #[default]
    Decision,
    /// The report is for information; recommendations are optional.
    Information,
}

/// Text of the reason a report is late or urgent, when it is.
pub type Lateness = Text;

/// The value of a header row the template adds: one line, or several.
///
/// JSON: a string, or a list of lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lines(pub Vec<Text>);

impl Serialize for Lines {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] if one.0.len() <= 1 => one.serialize(s),
            all => all.serialize(s),
        }
    }
}

impl JsonSchema for Lines {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lines".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One line of plain text, or a list of lines.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": generator.subschema_for::<Text>() }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a line of text, or a list of lines")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Lines, E> {
                Ok(Lines(vec![Text::from(s)]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Lines, A::Error> {
                Vec::<Text>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Lines)
            }
        }
        d.deserialize_any(V)
    }
}
