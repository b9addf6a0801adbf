//! Reading amounts and numbers as councils write them in tables and text.

/// The value of a cell or phrase written as a number or an amount:
/// `1,234`, `£5.2m`, `£750k`, `(1,500)` (negative), `-3.5`, `12%`, `£1.1bn`.
/// `None` for anything else, including empty text and words.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, s),
    };
    let (negative, s) = match s.strip_prefix(['-', '−', '–']) {
        Some(rest) => (!negative, rest.trim_start()),
        None => (negative, s),
    };
    let s = s.strip_prefix('£').unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    let (s, scale) = if let Some(r) = s.strip_suffix("bn") {
        (r, 1e9)
    } else if let Some(r) = s.strip_suffix(['m', 'M']) {
        (r, 1e6)
    } else if let Some(r) = s.strip_suffix(['k', 'K']) {
        (r, 1e3)
    } else {
        (s, 1.0)
    };
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    // Thousands separators must sit in threes, or "1,2" (a list) would read as 12.
    let int_part = s.split('.').next().unwrap_or("");
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let value: f64 = s.replace(',', "").parse().ok()?;
    Some(if negative { -value } else { value } * scale)
}

/// Every amount in pounds mentioned in running text: `£5.2m`, `£750,000`.
pub fn pounds_in(text: &str) -> Vec<f64> {
    text.match_indices('£')
        .filter_map(|(i, _)| {
            let rest = &text[i..];
            let end = rest
                .char_indices()
                .skip(1)
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == ',' || c == '.'))
                .map_or(rest.len(), |(j, _)| j);
            let token = rest[..end].trim_end_matches(['.', ',']);
            parse(token)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_council_amounts() {
        assert_eq!(parse("1,234"), Some(1234.0));
        assert_eq!(parse("£5.2m"), Some(5_200_000.0));
        assert_eq!(parse("(1,500)"), Some(-1500.0));
        assert_eq!(parse("£750k"), Some(750_000.0));
        assert_eq!(parse("12%"), Some(12.0));
        assert_eq!(parse("Good"), None);
        assert_eq!(parse("1,2"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2017/18"), None);
    }

    #[test]
    fn finds_pounds_in_prose() {
        assert_eq!(
            pounds_in("growth of £5.2m was awarded, and £0.5m reserved."),
            vec![5_200_000.0, 500_000.0]
        );
    }
}
