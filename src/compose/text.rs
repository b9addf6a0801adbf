//! Text as both renderers print it: runs whose links are already decided.
//!
//! The model's text is what the author wrote; this is what a reader gets.
//! Web and email addresses written as plain words become links here, and a
//! target no reader can safely follow (`javascript:`) becomes plain text
//! here, so the PDF and the Word document link exactly the same words.

use crate::model;

/// A run of text with one set of inline styles and, perhaps, a link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// A followable web (`https://`, `http://`) or `mailto:` address.
    pub link: Option<String>,
    /// The run's BCP 47 language tag when the author marked one; both
    /// renderers mark the run when it differs from [`super::Meta::lang`].
    pub lang: Option<&'static str>,
}

impl Span {
    /// Plain words.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
    /// Bold words.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
}

/// Rich text as printed: a sequence of runs, none empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub Vec<Span>);

impl Text {
    /// The words without styling.
    pub fn plain(&self) -> String {
        self.0.iter().map(|s| s.text.as_str()).collect()
    }
    /// True when there are no visible characters.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|s| s.text.trim().is_empty())
    }
    /// Adds plain words (with a space before them) ahead of the text's
    /// closing punctuation, so "Approve the plan; and" becomes "Approve the
    /// plan (for recommendation to Council); and", not "…; and (for …)".
    pub(crate) fn insert_before_closing(&mut self, words: &str) {
        let plain = self.plain();
        let at = closing_at(&plain);
        let mut offset = 0;
        for i in 0..self.0.len() {
            let len = self.0[i].text.len();
            if at <= offset + len {
                let cut = at - offset;
                let insert = Span::plain(format!(" {words}"));
                if cut == len {
                    self.0.insert(i + 1, insert);
                } else if cut == 0 {
                    self.0.insert(i, insert);
                } else {
                    let tail = Span {
                        text: self.0[i].text.split_off(cut),
                        ..self.0[i].clone()
                    };
                    self.0.insert(i + 1, insert);
                    self.0.insert(i + 2, tail);
                }
                return;
            }
            offset += len;
        }
        self.0.push(Span::plain(format!(" {words}")));
    }
}

/// Where the closing punctuation of a list item starts: before "; and",
/// "; or", ";", ",", "." or ":" at its end (and any spaces before them).
fn closing_at(s: &str) -> usize {
    let body = s.trim_end();
    let mut end = body.len();
    for joiner in ["and", "or"] {
        let lower = body.to_ascii_lowercase();
        if lower.ends_with(joiner) {
            let before = body[..body.len() - joiner.len()].trim_end();
            if before.len() < body.len() - joiner.len() && before.ends_with([';', ',']) {
                end = before.len() - 1;
                return body[..end].trim_end().len();
            }
        }
    }
    if body.ends_with([';', ',', '.', ':']) {
        end -= 1;
    }
    body[..end].trim_end().len()
}

#[cfg(test)]
mod closing_tests {
    use super::*;

    #[test]
    fn words_go_before_the_closing_punctuation() {
        for (given, want) in [
            ("Approve the plan; and", "Approve the plan (X); and"),
            ("Approve the plan;", "Approve the plan (X);"),
            ("Approve the plan.", "Approve the plan (X)."),
            ("Approve the plan", "Approve the plan (X)"),
            ("Approve the plan, or", "Approve the plan (X), or"),
            ("Approve the brand", "Approve the brand (X)"),
        ] {
            let mut t = Text(vec![Span::plain(given)]);
            t.insert_before_closing("(X)");
            assert_eq!(t.plain(), want);
        }
        let mut t = Text(vec![Span::plain("Adopt "), Span::bold("the plan;")]);
        t.insert_before_closing("(X)");
        assert_eq!(t.plain(), "Adopt the plan (X);");
        assert!(t.0.iter().all(|s| !s.text.is_empty()));
        assert!(t.0[1].bold && t.0[3].bold && !t.0[2].bold);
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(vec![Span::plain(s)])
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(vec![Span::plain(s)])
    }
}

impl From<Vec<Span>> for Text {
    fn from(spans: Vec<Span>) -> Text {
        Text(spans)
    }
}

/// The printed form of an author's text: empty runs dropped, addresses
/// written as words linked, unfollowable targets (and links on blank words)
/// dropped.
pub(crate) fn resolve(text: &model::Text) -> Text {
    let mut out = Vec::with_capacity(text.0.len());
    for span in text.0.iter().filter(|s| !s.text.is_empty()) {
        let base = Span {
            text: String::new(),
            bold: span.bold,
            italic: span.italic,
            link: None,
            lang: span.lang.map(model::Language::tag),
        };
        match &span.link {
            Some(url) => out.push(Span {
                text: span.text.clone(),
                link: (!span.text.trim().is_empty() && model::Span::is_followable(url))
                    .then(|| url.clone()),
                ..base
            }),
            None => autolink(&span.text, &base, &mut out),
        }
    }
    Text(out)
}

/// Splits plain words so each email or web address in them is a link run.
fn autolink(text: &str, base: &Span, out: &mut Vec<Span>) {
    let piece = |text: &str, link: Option<String>| Span {
        text: text.to_string(),
        link,
        ..base.clone()
    };
    let mut rest = text;
    let mut pushed = false;
    while let Some((start, end, url)) = find_address(rest) {
        if start > 0 {
            out.push(piece(&rest[..start], None));
        }
        // Only what a reader could follow is linked, as for written links.
        let url = model::Span::is_followable(&url).then_some(url);
        out.push(piece(&rest[start..end], url));
        pushed = true;
        rest = &rest[end..];
    }
    if !rest.is_empty() || !pushed {
        out.push(piece(rest, None));
    }
}

/// The first email or web address in `text`: its byte range and link target.
/// Linear in `text`: each word is looked at once.
fn find_address(text: &str) -> Option<(usize, usize, String)> {
    // Every address has one of these; most text has none, and is not worth
    // taking apart word by word.
    let maybe = text.contains("://")
        || text.contains('@')
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."));
    if !maybe {
        return None;
    }
    let mut offset = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += word.len();
        let core = word
            .trim_end()
            .trim_start_matches(['(', '[', '<', '"', '“', '‘'])
            .trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '”', '’', '!', '?']);
        if core.is_empty() {
            continue;
        }
        let lead = word.find(core).unwrap_or(0);
        let (from, to) = (start + lead, start + lead + core.len());
        let starts = |prefix: &str| {
            core.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        if starts("https://") || starts("http://") {
            if !core.ends_with("://") {
                return Some((from, to, core.to_string()));
            }
        } else if starts("www.") && core[4..].contains('.') {
            return Some((from, to, format!("https://{core}")));
        } else if let Some((user, domain)) = core.split_once('@') {
            let plausible = !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && core
                    .chars()
                    .all(|c| c.is_alphanumeric() || "@.-_+'".contains(c));
            if plausible {
                return Some((from, to, format!("mailto:{core}")));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(String, Option<String>)> {
        resolve(&model::Text::from(text))
            .0
            .into_iter()
            .map(|s| (s.text, s.link))
            .collect()
    }

    #[test]
    fn addresses_in_plain_text_become_links() {
        assert_eq!(
            targets("Jo Bloggs, 020 7364 0000, jo.bloggs@towerhamlets.gov.uk."),
            vec![
                ("Jo Bloggs, 020 7364 0000, ".into(), None),
                (
                    "jo.bloggs@towerhamlets.gov.uk".into(),
                    Some("mailto:jo.bloggs@towerhamlets.gov.uk".into())
                ),
                (".".into(), None),
            ]
        );
        assert_eq!(
            targets("(see www.ofsted.gov.uk/reports)")[1],
            (
                "www.ofsted.gov.uk/reports".into(),
                Some("https://www.ofsted.gov.uk/reports".into())
            )
        );
        assert_eq!(
            targets("Fees @ £5 each, user@ and a.b"),
            vec![("Fees @ £5 each, user@ and a.b".into(), None)]
        );
    }

    #[test]
    fn unfollowable_targets_and_empty_runs_are_dropped_once_for_both_formats() {
        let written = model::Text(vec![
            model::Span::plain(""),
            model::Span::link("click", "javascript:alert(1)"),
            model::Span::link(" ", "https://example.org"),
            model::Span::link("map", "https://example.org/map"),
        ]);
        let printed = resolve(&written);
        let links: Vec<_> = printed.0.iter().map(|s| s.link.as_deref()).collect();
        assert_eq!(links, [None, None, Some("https://example.org/map")]);
        assert_eq!(printed.plain(), "click map");
    }
}
