//! R1: template text that was never replaced.

use super::walk::Role;
use super::words::{Folded, Phrases};
use super::{quoted, Ctx, Findings};
use crate::model::placeholder::{self, PROMPT_WORDS};
use crate::validate::RuleId;
use std::sync::OnceLock;

/// Prompts Word's content controls show until something is typed over them;
/// they survive copy and paste as ordinary text.
const WORD_PROMPTS: &[&str] = &[
    "click or tap here to enter text",
    "click here to enter text",
    "click or tap to enter a date",
    "click here to enter a date",
    "choose an item",
    "lorem ipsum",
];

/// `folded[i]` is `ctx.visits[i]`'s text, folded once for the rules that match phrases.
pub(super) fn check(ctx: &Ctx, folded: &[Folded], f: &mut Findings) {
    for (v, folded) in ctx.visits.iter().zip(folded) {
        if let Role::Unfilled(expected) = v.role {
            f.add(
                RuleId::R1,
                &v.path,
                format!(
                    "{} is template text, not {}; {}",
                    quoted(&v.text),
                    expected.what,
                    expected.fix
                ),
            );
        } else if let Some(found) = find(&v.text, v.role) {
            f.add(
                RuleId::R1,
                &v.path,
                format!(
                    "{} is unfilled template text ({}){}; replace it with the real {}",
                    quoted(&found.text),
                    found.kind,
                    context(&v.text, &found.text),
                    what(v.role)
                ),
            );
        } else if let Some(prompt) = word_prompt(folded) {
            f.add(
                RuleId::R1,
                &v.path,
                format!(
                    "{} is unfilled template text (a Word placeholder prompt); replace it with the real {}",
                    quoted(prompt),
                    what(v.role)
                ),
            );
        }
    }
}

/// Template text in `s`. In a quotation, square brackets are also the
/// editor's mark for words supplied ("[The council] has improved"), so
/// there a bracket counts only when it opens with a prompt word.
fn find(s: &str, role: Role) -> Option<placeholder::Found> {
    let mut offset = 0;
    while let Some(found) = placeholder::find(&s[offset..]) {
        let editorial = role == Role::Quote
            && found.text.starts_with('[')
            && !found.text[1..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(|w| PROMPT_WORDS.iter().any(|p| w.eq_ignore_ascii_case(p)));
        if !editorial {
            return Some(found);
        }
        let at = s[offset..].find(&found.text).unwrap_or(0);
        offset += at + found.text.len();
    }
    None
}

fn word_prompt<'s>(folded: &Folded<'s>) -> Option<&'s str> {
    static SEARCH: OnceLock<Phrases> = OnceLock::new();
    SEARCH
        .get_or_init(|| Phrases::new(WORD_PROMPTS))
        .first_in(folded)
}

/// ` (in "Cost is £XX a year")`, when the match is part of longer text.
fn context(whole: &str, found: &str) -> String {
    if whole.trim() == found {
        String::new()
    } else {
        format!(" (in {})", quoted(whole))
    }
}

fn what(role: Role) -> &'static str {
    match role {
        Role::Alt => "description of the image",
        Role::Cell => "value",
        Role::Heading => "title",
        Role::Name => "name or title",
        Role::Address => "address or number",
        Role::Caption => "caption",
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::paths;
    use crate::model::{Block, Column, Field, Image, Report, Table};

    #[test]
    fn finds_prompts_in_fields_alt_text_and_cells() {
        let mut r = Report::sample();
        r.key_decision.notice_published = Some(Field::Unfilled("[Insert date]".into()));
        r.sections[2].blocks[2] = Block::Table(Table {
            caption: None,
            columns: vec![Column {
                heading: "Cost".into(),
                align: Default::default(),
                width_percent: None,
            }],
            rows: vec![vec!["£XX".into()]],
            header_column: false,
            total: None,
            ..Default::default()
        });
        r.sections[2].blocks.push(Block::Image(Image {
            src: "chart.png".into(),
            alt: "[Describe the chart]".into(),
            width_mm: None,
            caption: None,
        }));
        r.summary
            .push(Block::Paragraph("Click or tap here to enter text.".into()));
        let got = paths(&r, "R1");
        assert!(
            got.contains(&"$.key_decision.notice_published".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"$.sections[2].blocks[2].table.rows[0][0]".to_string()),
            "{got:?}"
        );
        let img = format!(
            "$.sections[2].blocks[{}].image.alt",
            r.sections[2].blocks.len() - 1
        );
        assert!(got.contains(&img), "{got:?}");
        assert!(got.contains(&"$.summary[2]".to_string()), "{got:?}");
    }

    #[test]
    fn editorial_brackets_in_quotations_are_not_prompts() {
        let mut r = Report::sample();
        r.sections[2].blocks[5] =
            Block::Quote("“[The local authority] has transformed [its] practice.”".into());
        assert!(paths(&r, "R1").is_empty());
        r.sections[2].blocks[5] =
            Block::Quote("“[Ofsted] said so.” [Insert quote from the letter]".into());
        assert_eq!(paths(&r, "R1"), ["$.sections[2].blocks[5]"]);
        // Outside a quotation the same bracket is a prompt.
        r.sections[2].blocks[5] = Block::Paragraph("[The local authority] has improved.".into());
        assert_eq!(paths(&r, "R1"), ["$.sections[2].blocks[5]"]);
    }

    #[test]
    fn ordinary_text_is_not_template_text() {
        let mut r = Report::sample();
        r.summary.push(Block::Paragraph(
            "Costs rose in 2018/19 [1]; see the Children Act 1989 and choose the best item.".into(),
        ));
        assert!(paths(&r, "R1").is_empty());
    }
}
