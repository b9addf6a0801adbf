//! Calendar dates without a time zone: a meeting happens on a day, not at an instant.

use std::fmt;

/// A calendar date (proleptic Gregorian), written in JSON as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date, or `None` when the day does not exist in that month.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1000..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses the ISO 8601 calendar form `YYYY-MM-DD` and nothing else, so
    /// `03/04/2019` (ambiguous between UK and US order) is never guessed at.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r)?
                .chars()
                .try_fold(0u32, |acc, c| Some(acc * 10 + c.to_digit(10)?))
        };
        Date::new(
            digits(0..4)? as i32,
            digits(5..7)? as u8,
            digits(8..10)? as u8,
        )
    }

    /// Why `s` is not a date, in words a clerk can act on.
    pub(crate) fn why_not(s: &str) -> String {
        let shown = super::field::shorten(s);
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && s.chars().filter(char::is_ascii_digit).count() == 8;
        if !shaped {
            return format!(
                "`{shown}` is not a date: write it as YYYY-MM-DD, for example 2019-07-31"
            );
        }
        let (year, month, day) = (&s[..4], &s[5..7], &s[8..]);
        match month.parse::<usize>() {
            Ok(m @ 1..=12) => format!(
                "`{shown}` is not a date: {} {year} has no day {}",
                MONTHS[m - 1],
                day.trim_start_matches('0')
            ),
            _ if year.starts_with('0') => {
                format!("`{shown}` is not a date: the year must be written in full")
            }
            _ => format!("`{shown}` is not a date: there is no month {month} (YYYY-MM-DD)"),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), so differences are plain subtraction.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (before, if negative): the inverse of
    /// [`Date::days_since_epoch`]. `None` beyond the years a date can hold.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days. i32 years span about 7.8e11 days
        // either way; the bound keeps the arithmetic below from overflowing.
        const MAX_DAYS: i64 = 800_000_000_000;
        if !(-MAX_DAYS..=MAX_DAYS).contains(&days) {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }

    /// Today's date in UTC, by the system clock: what a starter report's
    /// meeting date is set to. A clock set before 1970 gives 1970-01-01.
    pub fn today() -> Date {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        // Any u64 count of seconds is a day well inside the range above.
        Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0)).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// Clear days between two dates: the days strictly between them, the
    /// measure the Access to Information rules use for notice periods.
    pub fn clear_days_before(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch() - 1
    }

    /// The long form used in report headers: `31 July 2019`.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// The long form in a report's language: `4 Mawrth 2026` in Welsh.
    pub fn long_in(self, language: super::Language) -> String {
        match language {
            super::Language::WelshUk => format!(
                "{} {} {}",
                self.day,
                WELSH_MONTHS[usize::from(self.month - 1)],
                self.year
            ),
            _ => self.long(),
        }
    }

    /// The short UK form: `31/07/2019`.
    pub fn short_uk(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

const WELSH_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, not "read a string then parse": serde_json gives an
        // error raised inside `visit_str` the position of the date itself,
        // rather than that of the end of the enclosing object.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse_iso(s).ok_or_else(|| E::custom(Date::why_not(s)))
            }
        }
        d.deserialize_str(V)
    }
}

// The loader reads a date as a string of this shape; whether the day exists
// (2026-02-30) is its check, not the schema's.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date written as YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(
            Date::parse_iso("2019-07-31").map(Date::long).as_deref(),
            Some("31 July 2019")
        );
        assert!(Date::parse_iso("2019-02-29").is_none());
        assert!(Date::parse_iso("2020-02-29").is_some());
        assert!(Date::parse_iso("31/07/2019").is_none());
        assert!(Date::parse_iso("2019-7-31").is_none());
        assert!(Date::parse_iso("2019-07-3١").is_none());
        assert!(Date::why_not("2026-02-30").contains("February 2026 has no day 30"));
        assert!(Date::why_not("2026-13-01").contains("no month 13"));
        assert!(Date::why_not("31/07/2019").contains("YYYY-MM-DD"));
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for days in [-354_285, -1, 0, 1, 59, 60, 10_957, 18_108, 2_932_896] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        // Dates hold the years 1000 to 9999.
        let every = (-354_285..=2_932_896).step_by(97);
        for days in every {
            assert_eq!(
                Date::from_days_since_epoch(days)
                    .unwrap()
                    .days_since_epoch(),
                days
            );
        }
        assert_eq!(
            Date::from_days_since_epoch(18_108),
            Date::parse_iso("2019-07-31")
        );
        assert_eq!(
            Date::from_days_since_epoch(-1),
            Date::parse_iso("1969-12-31")
        );
        assert_eq!(Date::from_days_since_epoch(-354_286), None);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
        assert!(Date::today().year() >= 2024);
    }

    #[test]
    fn clear_days_exclude_both_ends() {
        let notice = Date::parse_iso("2019-07-02").unwrap();
        let meeting = Date::parse_iso("2019-07-31").unwrap();
        assert_eq!(notice.clear_days_before(meeting), 28);
        assert_eq!(Date::parse_iso("1970-01-01").unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn welsh_reports_write_welsh_month_names() {
        use crate::model::Language;
        let d = Date::parse_iso("2026-03-17").unwrap();
        assert_eq!(d.long_in(Language::WelshUk), "17 Mawrth 2026");
        assert_eq!(d.long_in(Language::EnglishUk), "17 March 2026");
        let d = Date::parse_iso("2026-07-01").unwrap();
        assert_eq!(d.long_in(Language::WelshUk), "1 Gorffennaf 2026");
    }
}
