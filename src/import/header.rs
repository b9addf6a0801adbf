//! The header block read back: the masthead and the metadata table. Each
//! printed value is compared with what the report it came from prints
//! (composed again); only an edited value is parsed back from its printed
//! form, so wording the template chose never has to be parsed at all.

use super::flow::{Item, Table};
use super::Import;
use crate::compose::Document;
use crate::model::{Date, Field, Person, Text, Wards, YesNo};

/// Reads the masthead tables, the title and the metadata table from the
/// start of `items`; returns how many items they took.
pub(super) fn read(im: &mut Import<'_>, items: &[Item], base_doc: &Document) -> usize {
    let title_at = items
        .iter()
        .position(|i| matches!(i, Item::Para(p) if p.style == "title"));
    let Some(title_at) = title_at else {
        im.warn(
            "$.title",
            "no paragraph in the Title style; the title is kept as it was",
        );
        return 0;
    };
    let masthead: Vec<String> = items[..title_at]
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(lines(t)),
            _ => None,
        })
        .flatten()
        .collect();
    masthead_values(im, &masthead, base_doc);
    if let Item::Para(p) = &items[title_at] {
        let title = p.text.plain().trim().to_string();
        if title.is_empty() {
            im.warn(
                "$.title",
                format!(
                    "the title (paragraph {}) is empty; kept as it was",
                    p.number
                ),
            );
        } else {
            im.report.title = title;
        }
    }
    let mut used = title_at + 1;
    if let Some(Item::Table(t)) = items.get(used) {
        metadata(im, t, base_doc);
        used += 1;
    }
    used
}

fn lines(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .flatten()
        .flat_map(|c| c.paras.iter().map(|p| p.text.plain().trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn masthead_values(im: &mut Import<'_>, lines: &[String], doc: &Document) {
    let m = &doc.masthead;
    let known = |s: &str| {
        [
            &m.council,
            &m.meeting,
            &m.date,
            &m.report_of.0,
            &m.report_of.1,
            &m.classification.0,
            &m.classification.1,
        ]
        .iter()
        .any(|k| k.trim() == s)
            || m.agenda_item.as_deref().is_some_and(|a| a.trim() == s)
    };
    if !lines.contains(&m.date) {
        // The date line is the one after the meeting's name.
        let edited = lines
            .iter()
            .position(|l| *l == m.meeting)
            .and_then(|i| lines.get(i + 1))
            .filter(|l| !known(l));
        match edited.map(|l| (l, parse_date(l))) {
            Some((_, Some(d))) => im.report.meeting.date = d,
            Some((l, None)) => im.error(
                "$.meeting.date",
                format!("the meeting date was changed to \"{l}\", which is not a date like \"{}\"; the date before the edit is kept", m.date),
            ),
            None => {}
        }
    }
    if !lines.contains(&m.report_of.1) {
        let edited = lines
            .iter()
            .position(|l| *l == m.report_of.0)
            .and_then(|i| lines.get(i + 1))
            .filter(|l| !known(l));
        if let Some(l) = edited {
            match parse_person(l) {
                Some(p) => im.report.report_of = p,
                None => im.error(
                    "$.report_of",
                    format!(
                        "\"{l}\" is not \"Name, post\"; the presenting officer is kept as it was"
                    ),
                ),
            }
        }
    }
}

fn metadata(im: &mut Import<'_>, t: &Table, doc: &Document) {
    // With a sign-off column the table opens with a header row, and each
    // row's third cell is its sign-off.
    let signed = doc.metadata_columns.is_some();
    let ids: Vec<String> = crate::compose::printed_header_rows(&im.base, im.template)
        .into_iter()
        .map(str::to_string)
        .collect();
    for row in t.rows.iter().skip(usize::from(signed)) {
        let Some((label, value)) = row.split_first() else {
            continue;
        };
        let (value, sign_off) = match value {
            [value, sign_off, ..] if signed => (std::slice::from_ref(value), Some(sign_off)),
            _ => (value, None),
        };
        let label: String = label
            .paras
            .iter()
            .map(|p| p.text.plain())
            .collect::<Vec<_>>()
            .join(" ");
        let label = label.trim();
        let printed: Vec<String> = value
            .iter()
            .flat_map(|c| c.paras.iter().map(|p| p.text.plain().trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect();
        let Some(at) = doc.metadata.iter().position(|r| r.label.trim() == label) else {
            im.warn(
                "$",
                format!("the header row \"{label}\" (table {}) is not one this report prints; it is left out", t.number),
            );
            continue;
        };
        let base = &doc.metadata[at];
        if let (Some(cell), Some(id)) = (sign_off, ids.get(at)) {
            let who = cell
                .paras
                .iter()
                .map(|p| p.text.plain().trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let was = base.sign_off.as_ref().map(|t| t.plain());
            if was.as_deref().unwrap_or_default() != who {
                if who.is_empty() {
                    im.report.header_sign_offs.remove(id);
                } else {
                    im.report.header_sign_offs.insert(id.clone(), who);
                }
            }
        }
        let before: Vec<String> = base
            .lines
            .iter()
            .map(|l| l.plain().trim().to_string())
            .collect();
        if before == printed {
            continue;
        }
        value_edited(im, &base.path, label, &printed);
    }
}

fn value_edited(im: &mut Import<'_>, path: &str, label: &str, lines: &[String]) {
    let l = &im.template.labels;
    let one = lines.join(" ");
    let kept = |im: &mut Import<'_>, what: &str| {
        im.error(
            path,
            format!("\"{label}\" was changed to \"{one}\", which is not {what}; the value before the edit is kept"),
        )
    };
    match path {
        "$.lead_member" => match parse_person(&one) {
            Some(p) => im.report.lead_member = Some(p),
            None => kept(im, "\"Name, portfolio\""),
        },
        "$.wards" => {
            im.report.wards = if one == l.all_wards || one == l.all_divisions {
                Wards::All
            } else if one == l.none {
                Wards::Listed(Vec::new())
            } else {
                Wards::Listed(lines.to_vec())
            }
        }
        "$.key_decision.answer" => {
            let yes = one.eq_ignore_ascii_case(&l.yes);
            let no = one.eq_ignore_ascii_case(&l.no);
            match (yes, no) {
                (true, _) => im.report.key_decision.answer = Field::Value(YesNo::Yes),
                (_, true) => im.report.key_decision.answer = Field::Value(YesNo::No),
                _ => {
                    let what = format!("\"{}\" or \"{}\"", l.yes, l.no);
                    kept(im, &what)
                }
            }
        }
        "$.key_decision.notice_published" => match parse_date(&one) {
            Some(d) => im.report.key_decision.notice_published = Some(Field::Value(d)),
            None if one == l.not_applicable => im.report.key_decision.notice_published = None,
            None => kept(im, "a date like \"15 October 2025\""),
        },
        "$.key_decision.forward_plan_ref" => {
            im.report.key_decision.forward_plan_ref = (!one.is_empty()).then_some(one)
        }
        "$.strategic_priorities" => im.report.strategic_priorities = lines.to_vec(),
        "$.originating_officers" => {
            im.report.originating_officers = lines.iter().map(|l| super::body::officer(l)).collect()
        }
        // A row of the template's own: its lines as printed.
        custom if custom.starts_with("$.header_rows.") => {
            let id = &custom["$.header_rows.".len()..];
            let lines = lines.iter().map(|l| Text::from(l.as_str())).collect();
            im.report
                .header_rows
                .insert(id.to_string(), crate::model::Lines(lines));
        }
        _ => im.error(
            path,
            format!("\"{label}\" was changed to \"{one}\"; this value cannot be edited in Word yet (edit the report's JSON); the value before the edit is kept"),
        ),
    }
}

/// "Name, post" split at the first comma.
fn parse_person(s: &str) -> Option<Person> {
    let (name, role) = s.split_once(',')?;
    let (name, role) = (name.trim(), role.trim());
    (!name.is_empty() && !role.is_empty()).then(|| Person {
        name: name.into(),
        role: role.into(),
    })
}

/// A date as the report prints it ("31 July 2019"), or as a clerk might
/// retype it: ISO `2019-07-31`, a day suffix ("31st"), a short month name
/// ("Jul"), any case. A numeric UK/US form (03/04/2019) is not guessed at.
pub(super) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // An optional weekday first ("Wednesday 31 July 2019").
    let words = match words.len() {
        4 => &words[1..],
        3 => &words[..],
        _ => return None,
    };
    let day: u8 = words[0]
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month = words[1].to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| month.len() >= 3 && m.starts_with(&month))? as u8
        + 1;
    let year: i32 = words[2].parse().ok()?;
    Date::new(year, month, day)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::parse_date;
    use crate::model::Date;

    #[test]
    fn dates_read_back_from_their_printed_forms() {
        let d = Date::new(2019, 7, 31);
        assert_eq!(parse_date("31 July 2019"), d);
        assert_eq!(parse_date("Wednesday 31st July, 2019"), d);
        assert_eq!(parse_date("31 jul 2019"), d);
        assert_eq!(parse_date("2019-07-31"), d);
        assert_eq!(parse_date("31/07/2019"), None);
        assert_eq!(parse_date("31 Julyish 2019"), None);
        assert_eq!(parse_date("30 February 2019"), None);
    }
}
