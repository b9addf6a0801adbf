//! Reading words out of text: counts and phrase matching that ignore case
//! and how the spaces were typed.

/// Words in `s`: whitespace-separated pieces with a letter or digit (a
/// dash or bullet standing alone is not a word).
pub(crate) fn count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Text in ASCII lower case with each run of whitespace (including no-break
/// spaces pasted from Word) as one space, remembering where each byte came
/// from so a match can be quoted as written.
pub(crate) struct Folded<'s> {
    original: &'s str,
    folded: String,
    /// `starts[i]`: byte offset in `original` of the char that produced folded byte `i`.
    starts: Vec<usize>,
}

impl<'s> Folded<'s> {
    pub fn new(original: &'s str) -> Folded<'s> {
        let mut folded = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        let mut in_space = false;
        for (i, c) in original.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    folded.push(' ');
                    starts.push(i);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let c = c.to_ascii_lowercase();
            folded.push(c);
            starts.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
        Folded {
            original,
            folded,
            starts,
        }
    }

    /// The first place `phrase` (ASCII lower case, single spaces) occurs as
    /// whole words, quoted from the original text.
    #[cfg(test)]
    pub fn find(&self, phrase: &str) -> Option<&'s str> {
        let (at, _) = self
            .folded
            .match_indices(phrase)
            .find(|&(i, _)| self.whole_words(i, phrase))?;
        Some(self.quote(at, phrase.len()))
    }

    /// Whether `phrase` at folded byte `at` is not part of a longer word.
    fn whole_words(&self, at: usize, phrase: &str) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let starts_word = phrase.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = phrase
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let before = self.folded[..at].chars().next_back();
        let after = self.folded[at + phrase.len()..].chars().next();
        !(starts_word && word(before) || ends_word && word(after))
    }

    /// The original text behind folded bytes `at..at + len`.
    fn quote(&self, at: usize, len: usize) -> &'s str {
        let start = self.starts[at];
        let end = self
            .starts
            .get(at + len)
            .copied()
            .unwrap_or(self.original.len());
        self.original[start..end].trim_end()
    }

    /// Like [`Folded::find`], but only at the start of the text (after any
    /// spaces and opening brackets).
    pub fn find_at_start(&self, phrase: &str) -> Option<&'s str> {
        let lead = self.folded.len() - self.folded.trim_start_matches([' ', '(', '[']).len();
        let rest = &self.folded[lead..];
        if !rest.starts_with(phrase) {
            return None;
        }
        let after = rest[phrase.len()..].chars().next();
        if phrase.ends_with(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some(self.quote(lead, phrase.len()))
    }
}

/// A list of phrases searched for in one pass over the text, rather than
/// one pass per phrase: a report has hundreds of strings and a rule dozens
/// of phrases. Phrases are ASCII lower case with single spaces; a leading
/// `^` means "only at the start of the text".
pub(crate) struct Phrases {
    phrases: &'static [&'static str],
    automaton: crate::model::placeholder::Literals,
}

impl Phrases {
    pub fn new(phrases: &'static [&'static str]) -> Phrases {
        let bare = phrases.iter().map(|p| p.strip_prefix('^').unwrap_or(p));
        Phrases {
            phrases,
            // The patterns are a fixed list of short literals; building
            // cannot fail for them.
            automaton: crate::model::placeholder::Literals::new(bare.collect()),
        }
    }

    /// The earliest-listed phrase that occurs (as whole words, and at the
    /// start where marked) in `text`, quoted as written.
    pub fn first_in<'s>(&self, text: &Folded<'s>) -> Option<&'s str> {
        let mut best: Option<(usize, usize)> = None;
        for m in self
            .automaton
            .for_text(&text.folded)
            .find_overlapping_iter(&text.folded)
        {
            let index = m.pattern().as_usize();
            if best.is_some_and(|(b, _)| b <= index) {
                continue;
            }
            let listed = self.phrases[index];
            let phrase = listed.strip_prefix('^').unwrap_or(listed);
            let found = if phrase.len() == listed.len() {
                text.whole_words(m.start(), phrase)
            } else {
                text.find_at_start(phrase).is_some()
            };
            if found {
                best = Some((index, m.start()));
            }
        }
        let (index, at) = best?;
        let listed = self.phrases[index];
        match listed.strip_prefix('^') {
            Some(phrase) => text.find_at_start(phrase),
            None => Some(text.quote(at, listed.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(count("Children’s Services were inspected – twice."), 5);
        assert_eq!(count("  "), 0);
    }

    #[test]
    fn finds_phrases_across_odd_spacing_and_case() {
        let f = Folded::new("Text.  DELETE\u{a0}as   Applicable: yes");
        assert_eq!(
            f.find("delete as applicable"),
            Some("DELETE\u{a0}as   Applicable")
        );
        assert_eq!(
            Folded::new("undeleted as applicable").find("delete as applicable"),
            None
        );
        assert_eq!(
            Folded::new(" [Guidance: x").find_at_start("guidance:"),
            Some("Guidance:")
        );
        assert_eq!(
            Folded::new("our guidance: x").find_at_start("guidance:"),
            None
        );
        assert_eq!(
            Folded::new("İİ delete as applicable").find("delete as applicable"),
            Some("delete as applicable")
        );
    }
}
