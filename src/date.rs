//! Small value types with their own text forms: the review date and a span of time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (`YYYY-MM-DD`), written in TOML as a bare date or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReviewedDate {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, checked against the month.
    pub day: u8,
}

impl ReviewedDate {
    /// Builds a date, checking the day against the month (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1000..=9999).contains(&year).then_some(())?;
        (1..=days_in_month)
            .contains(&day)
            .then_some(Self { year, month, day })
    }
}

impl ReviewedDate {
    /// Today's date (UTC), from the system clock.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_unix_seconds(secs)
    }

    /// The date (UTC) `secs` seconds after the Unix epoch.
    pub fn from_unix_seconds(secs: u64) -> Self {
        let days = i64::try_from(secs / 86_400).expect("u64 seconds in days fit an i64");
        Self::from_days_since_epoch(days)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the algorithm gives a day in 1..=31 and a month in 1..=12; \
                  the year wraps only past 65535, beyond any clock"
    )]
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Self { year, month, day }
    }
}

impl fmt::Display for ReviewedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for ReviewedDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || format!("`{s}` is not a date like 2026-01-31");
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |width: usize| {
            parts
                .next()
                .filter(|p| p.len() == width && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
        };
        let (year, month, day) = (next(4), next(2), next(2));
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => u8::try_from(m)
                .ok()
                .zip(u8::try_from(d).ok())
                .and_then(|(m, d)| Self::new(y, m, d))
                .ok_or_else(invalid),
            _ => Err(invalid()),
        }
    }
}

impl Serialize for ReviewedDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReviewedDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum, which buffers every value
        // and tries each form in turn: dates are in every monograph and
        // every stored catalogue entry.
        d.deserialize_any(DateVisitor)
    }
}

/// A bare TOML date or a `YYYY-MM-DD` string.
struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = ReviewedDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date like 2026-01-31 (bare or quoted)")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ReviewedDate, E> {
        text.parse().map_err(E::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ReviewedDate, A::Error> {
        let deserializer = serde::de::value::MapAccessDeserializer::new(map);
        let dt = toml::value::Datetime::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom("expected a date like 2026-01-31 (bare or quoted)")
        })?;
        if dt.time.is_some() || dt.offset.is_some() {
            return Err(serde::de::Error::custom(format!(
                "`{dt}` has a time; `reviewed` takes a date only, like 2026-01-31"
            )));
        }
        self.visit_str(&dt.to_string())
    }
}

/// Unit of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Calendar days.
    Days,
    /// Weeks of seven days.
    Weeks,
    /// Months, counted as 30 days when compared.
    Months,
    /// Years, counted as 365 days when compared.
    Years,
}

/// A length of time such as "8 months", used for precautions after the last dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
}

impl Span {
    /// Approximate length in days, for drawing spans to a common scale.
    pub fn approx_days(&self) -> u32 {
        let per_unit = match self.unit {
            Unit::Days => 1,
            Unit::Weeks => 7,
            Unit::Months => 30,
            Unit::Years => 365,
        };
        self.amount.saturating_mul(per_unit)
    }
}

/// Every duration written in `text`, in order: "8 months", "two weeks",
/// "1 year" (numbers in figures or words up to twelve; a zero is none).
pub fn durations_in(text: &str) -> impl Iterator<Item = Span> {
    const NUMBER_WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let spans: Vec<Span> = words
        .windows(2)
        .filter_map(|pair| {
            let amount = pair[0].parse::<u32>().ok().or_else(|| {
                NUMBER_WORDS
                    .iter()
                    .position(|n| *n == pair[0])
                    .and_then(|i| u32::try_from(i + 1).ok())
            })?;
            let unit = match pair[1].as_str() {
                "day" | "days" => Unit::Days,
                "week" | "weeks" => Unit::Weeks,
                "month" | "months" => Unit::Months,
                "year" | "years" => Unit::Years,
                _ => return None,
            };
            (amount > 0).then_some(Span { amount, unit })
        })
        .collect();
    spans.into_iter()
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (one, many) = match self.unit {
            Unit::Days => ("day", "days"),
            Unit::Weeks => ("week", "weeks"),
            Unit::Months => ("month", "months"),
            Unit::Years => ("year", "years"),
        };
        let unit = if self.amount == 1 { one } else { many };
        write!(f, "{} {unit}", self.amount)
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid =
            || format!("`{s}` is not a duration like \"8 months\", \"6 weeks\" or \"7 days\"");
        let mut words = s.split_whitespace();
        let amount: u32 = words
            .next()
            .and_then(|w| w.parse().ok())
            .ok_or_else(invalid)?;
        let unit = match words.next().map(str::to_ascii_lowercase).as_deref() {
            Some("day" | "days") => Unit::Days,
            Some("week" | "weeks") => Unit::Weeks,
            Some("month" | "months") => Unit::Months,
            Some("year" | "years") => Unit::Years,
            _ => return Err(invalid()),
        };
        if words.next().is_some() || amount == 0 {
            return Err(invalid());
        }
        Ok(Self { amount, unit })
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_reject_impossible_days() {
        assert_eq!(
            "2024-02-29".parse::<ReviewedDate>().unwrap().to_string(),
            "2024-02-29"
        );
        assert!("2023-02-29".parse::<ReviewedDate>().is_err());
        assert!("2023-13-01".parse::<ReviewedDate>().is_err());
        assert!("23-01-01".parse::<ReviewedDate>().is_err());
        assert!("yesterday".parse::<ReviewedDate>().is_err());
    }

    #[test]
    fn dates_read_bare_or_quoted_from_toml_and_as_text_from_json() {
        #[derive(Deserialize)]
        struct Row {
            reviewed: ReviewedDate,
        }
        let read = |text: &str| toml::from_str::<Row>(text).map(|r| r.reviewed.to_string());
        assert_eq!(read("reviewed = 2026-01-31").unwrap(), "2026-01-31");
        assert_eq!(read("reviewed = \"2026-01-31\"").unwrap(), "2026-01-31");
        let timed = read("reviewed = 2026-01-31T10:00:00")
            .unwrap_err()
            .to_string();
        assert!(timed.contains("has a time"), "{timed}");
        let number = read("reviewed = 5").unwrap_err().to_string();
        assert!(number.contains("a date like 2026-01-31"), "{number}");
        assert!(read("reviewed = \"2026-02-30\"").is_err());
        let json: ReviewedDate = serde_json::from_str("\"2024-02-29\"").unwrap();
        assert_eq!(json.to_string(), "2024-02-29");
    }

    #[test]
    fn days_since_epoch() {
        assert_eq!(
            ReviewedDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            ReviewedDate::from_days_since_epoch(20_414).to_string(),
            "2025-11-22"
        );
        assert_eq!(
            ReviewedDate::from_days_since_epoch(19_782).to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn spans_parse_singular_and_plural() {
        let s: Span = "8 months".parse().unwrap();
        assert_eq!((s.amount, s.unit, s.approx_days()), (8, Unit::Months, 240));
        assert_eq!("1 week".parse::<Span>().unwrap().to_string(), "1 week");
        assert!("0 days".parse::<Span>().is_err());
        assert!("eight months".parse::<Span>().is_err());
        assert!("8 fortnights".parse::<Span>().is_err());
        assert!("8 months later".parse::<Span>().is_err());
    }
}
