//! The running header: "short title | meeting, date" on one line.
//!
//! Compose decides the wording once, so the PDF and Word print the same
//! words; neither renderer can then wrap it onto a second line or drop the
//! date. What fits is estimated from the theme's furniture size and the
//! text width, with a generous average glyph width (0.55 em, wider than the
//! lower-case average of the council fonts), so the estimate errs towards
//! shortening.

use super::theme::{Theme, PT_PER_MM, TEXT_WIDTH_MM};

/// Average advance of a character of mixed text, in ems.
const AVERAGE_EM: f32 = 0.55;
/// What is left of a title at the least: a few words are better than none.
const MIN_TITLE_CHARS: usize = 24;

/// The header's words, and whether anything had to be shortened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunningHeader {
    pub text: String,
    pub shortened: bool,
    /// The title itself was cut (not only the meeting's name).
    pub title_cut: bool,
}

/// How many characters of furniture text fit on one line.
pub(crate) fn budget(theme: &Theme) -> usize {
    (TEXT_WIDTH_MM * PT_PER_MM / (theme.sizes.small * AVERAGE_EM)) as usize
}

/// "title | meeting, date", the title (then, if need be, the meeting) cut at
/// a word boundary with an ellipsis so the whole fits in `budget`
/// characters; the date is always kept whole.
pub(crate) fn running_header(title: &str, meeting: &str, date: &str, budget: usize) -> RunningHeader {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let full = format!("{title} | {meeting}, {date}");
    if full.chars().count() <= budget {
        return RunningHeader {
            text: full,
            shortened: false,
            title_cut: false,
        };
    }
    let when = |meeting: &str| format!(" | {meeting}, {date}");
    let room = budget.saturating_sub(when(meeting).chars().count());
    let title_room = room.max(MIN_TITLE_CHARS.min(title.chars().count()));
    let short_title = shorten(&title, title_room);
    let meeting_room = budget
        .saturating_sub(short_title.chars().count())
        .saturating_sub(when("").chars().count());
    let short_meeting = shorten(meeting, meeting_room.max(MIN_TITLE_CHARS));
    RunningHeader {
        title_cut: short_title != title,
        text: format!("{short_title}{}", when(&short_meeting)),
        shortened: true,
    }
}

/// `s` in at most `max` characters: whole, or cut at the last word boundary
/// that leaves room for an ellipsis (mid-word only for a single word longer
/// than the room).
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let cut = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let at_space = s[cut..].starts_with(' ');
    let head = if at_space {
        head
    } else {
        head.rfind(' ').map_or(head, |i| &head[..i])
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–|".contains(c));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_header_is_left_alone() {
        let h = running_header("Budget", "Cabinet", "4 March 2026", 90);
        assert_eq!(h.text, "Budget | Cabinet, 4 March 2026");
        assert!(!h.shortened);
    }

    #[test]
    fn a_long_title_is_cut_at_a_word_with_the_date_kept() {
        let title = "Strategic Review of Adult Social Care Commissioning Arrangements and the Future Operating Model";
        let h = running_header(title, "Cabinet", "4 March 2026", 90);
        assert!(h.shortened);
        assert!(h.text.chars().count() <= 90, "{}", h.text);
        assert!(h.text.ends_with(" | Cabinet, 4 March 2026"), "{}", h.text);
        let shown = h.text.split(" | ").next().unwrap();
        let kept = shown.strip_suffix('…').unwrap();
        assert!(title.starts_with(kept) && title[kept.len()..].starts_with(' '), "{shown}");
    }

    #[test]
    fn a_long_committee_name_is_shortened_too() {
        let h = running_header(
            "Library Strategy",
            "Overview and Scrutiny Committee for Children, Young People, Families and Education Services and Skills",
            "12 January 2026",
            90,
        );
        assert!(h.text.chars().count() <= 90, "{}", h.text);
        assert!(h.text.starts_with("Library Strategy | Overview"), "{}", h.text);
        assert!(h.text.ends_with("…, 12 January 2026"), "{}", h.text);
    }
}
