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
            starts.extend(std::iter::repeat(i).take(c.len_utf8()));
        }
        Folded {
            original,
            folded,
            starts,
        }
    }

    /// The first place `phrase` (ASCII lower case, single spaces) occurs as
    /// whole words, quoted from the original text.
    pub fn find(&self, phrase: &str) -> Option<&'s str> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let starts_word = phrase.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = phrase
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let (at, _) = self.folded.match_indices(phrase).find(|&(i, _)| {
            let before = self.folded[..i].chars().next_back();
            let after = self.folded[i + phrase.len()..].chars().next();
            !(starts_word && word(before) || ends_word && word(after))
        })?;
        let start = self.starts[at];
        let end = self
            .starts
            .get(at + phrase.len())
            .copied()
            .unwrap_or(self.original.len());
        Some(self.original[start..end].trim_end())
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
        let start = self.starts[lead];
        let end = self
            .starts
            .get(lead + phrase.len())
            .copied()
            .unwrap_or(self.original.len());
        Some(self.original[start..end].trim_end())
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
