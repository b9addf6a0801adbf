//! W7: a running header that has to be shortened to fit its line.
//!
//! Compose cuts the title at a word boundary with an ellipsis so the
//! meeting and date stay on every page; this says so before the clerk sees
//! a cut title, and asks for a short title that reads well on its own.

use super::{quoted, Ctx, Findings};
use crate::compose::running::{budget, running_header};
use crate::compose::theme::Theme;
use crate::validate::RuleId;

pub(super) fn check(ctx: &Ctx, f: &mut Findings) {
    let (r, t) = (ctx.report, ctx.template);
    // The meeting and date as compose prints them (the template's words
    // and date style), so the message quotes the header the page will carry.
    let meeting = t.body_name(&r.meeting.body);
    let date = t
        .date_style
        .format(r.meeting.date, crate::compose::language(r, t));
    let (path, title) = match &r.short_title {
        Some(s) if !s.trim().is_empty() => ("$.short_title", s.as_str()),
        Some(_) => return, // R12 reports a blank short title.
        None => ("$.title", r.title.as_str()),
    };
    let header = running_header(title, meeting, &date, budget(&Theme::of(t)));
    // A meeting's name too long for the line is cut at a word, whatever the
    // title: nothing in the report could clear a warning about it.
    if !header.title_cut {
        return;
    }
    let fix = if r.short_title.is_some() {
        "shorten the short title"
    } else {
        "add a \"short_title\" for the running header"
    };
    f.add(
        RuleId::W7,
        path,
        format!(
            // The header quoted whole: it is one line long, and a cut
            // preview would misquote it.
            "{} is too long for the running header, which will read \"{}\"; {fix}",
            quoted(title),
            header.text
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, paths};
    use crate::model::Report;

    #[test]
    fn a_long_title_without_a_short_title_is_queried() {
        let mut r = Report::sample();
        assert!(paths(&r, "W7").is_empty());
        r.title = "Strategic Review of Adult Social Care Commissioning Arrangements, the Market Position Statement and the Future Operating Model for Care at Home".into();
        r.short_title = None;
        let d = findings(&r, "W7");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "$.title");
        assert!(d[0].message.contains("short_title"), "{}", d[0].message);
        r.short_title = Some("Adult social care commissioning".into());
        assert!(paths(&r, "W7").is_empty());
    }

    #[test]
    fn a_meeting_name_too_long_for_the_line_is_not_the_short_titles_fault() {
        let mut r = Report::sample();
        r.meeting.body = crate::model::Body::Committee(
            "Strategy, Finance, Resources and Corporate Performance Policy Committee and its Sub-Committees".into(),
        );
        r.short_title = Some("Q3 budget".into());
        assert!(paths(&r, "W7").is_empty(), "{:?}", findings(&r, "W7"));
        // A long title with it is still queried, quoting the header as printed.
        r.short_title = Some("Budget monitoring for the third quarter of the financial year 2025/26 and the forecast outturn".into());
        let d = findings(&r, "W7");
        assert_eq!(d.len(), 1, "{d:?}");
        let doc = crate::compose::compose(&r, &crate::template::Template::tower_hamlets(), crate::compose::Audience::Public).unwrap();
        assert!(
            d[0].message.contains(&format!("\"{}\"", doc.running_header)),
            "{} / {}",
            d[0].message,
            doc.running_header
        );
    }
}
