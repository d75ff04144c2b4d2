//! Times in input files: RFC 3339 with an offset, `YYYY-MM-DD HH:MM:SS` in a given time zone,
//! or Unix seconds or milliseconds (`../shared/spec/audit.md`, "Inputs").

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// Reads times; local times without an offset are read in `zone`.
#[derive(Clone, Debug)]
pub struct TimeParser {
    zone: TimeZone,
}

/// Unix times at or above this are milliseconds (year 5138 in seconds), below it seconds.
pub const MILLIS_FROM: i64 = 100_000_000_000;

impl TimeParser {
    /// A parser for local times in the named IANA zone, such as `Europe/Amsterdam`.
    pub fn new(zone: &str) -> Result<TimeParser, String> {
        let zone = jiff::tz::db().get(zone).map_err(|_| format!("unknown time zone `{zone}`"))?;
        Ok(TimeParser { zone })
    }

    /// A parser for local times in [`domain::DEFAULT_TIME_ZONE`] (Europe/Amsterdam).
    pub fn amsterdam() -> TimeParser {
        TimeParser::new(domain::DEFAULT_TIME_ZONE).expect("the bundled tz database has the default zone")
    }

    pub fn parse(&self, text: &str) -> Result<Timestamp, String> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Ok(ts);
        }
        if let Ok(n) = text.parse::<i64>() {
            let ts = if n.unsigned_abs() >= MILLIS_FROM.unsigned_abs() {
                Timestamp::from_millisecond(n)
            } else {
                Timestamp::from_second(n)
            };
            return ts.map_err(|e| format!("`{text}` is out of range as a Unix time: {e}"));
        }
        if let Ok(dt) = text.parse::<DateTime>() {
            return self
                .zone
                .to_ambiguous_timestamp(dt)
                .compatible()
                .map_err(|e| format!("`{text}` does not exist in the time zone: {e}"));
        }
        Err(format!(
            "`{text}` is not a time; write RFC 3339 with an offset (2026-03-02T06:00:00+01:00), \
             a local time (2026-03-02 06:00:00) or Unix seconds or milliseconds"
        ))
    }
}

/// A yes/no value in the words of [`domain::yes_no`]; empty is unknown, other text an error.
pub fn parse_bool(text: &str) -> Result<Option<bool>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match domain::yes_no::parse(text) {
        Some(b) => Ok(Some(b)),
        None => Err(format!("`{}` is not a yes/no value; write true or false", text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_spellings_of_one_moment_agree() {
        let p = TimeParser::amsterdam();
        let want = p.parse("2026-03-02T06:00:00+01:00").unwrap();
        assert_eq!(p.parse("2026-03-02T05:00:00Z").unwrap(), want);
        assert_eq!(p.parse("2026-03-02 06:00:00").unwrap(), want);
        assert_eq!(p.parse(&want.as_second().to_string()).unwrap(), want);
        assert_eq!(p.parse(&want.as_millisecond().to_string()).unwrap(), want);
    }

    /// Found by fuzzing the decisions file: `i64::MIN` seconds overflowed `abs` (a panic where
    /// overflow is checked, a wrong branch where it is not).
    #[test]
    fn the_smallest_64_bit_unix_time_is_refused_not_an_overflow() {
        let p = TimeParser::amsterdam();
        for text in ["-9223372036854775808", "9223372036854775807"] {
            let err = p.parse(text).unwrap_err();
            assert!(err.contains("out of range as a Unix time"), "{err}");
        }
    }

    #[test]
    fn local_times_follow_daylight_saving() {
        let p = TimeParser::amsterdam();
        let before = p.parse("2026-03-29 01:30:00").unwrap();
        let after = p.parse("2026-03-29 03:30:00").unwrap();
        assert_eq!((after - before).as_hours(), 1, "02:00 to 03:00 does not exist on that day");
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        let err = TimeParser::amsterdam().parse("gisteren").unwrap_err();
        assert!(err.contains("gisteren") && err.contains("RFC 3339"), "{err}");
        assert!(parse_bool("misschien").is_err());
        assert_eq!(parse_bool(" Ja "), Ok(Some(true)));
    }

    #[test]
    fn parse_bool_reads_the_same_words_as_under_18() {
        for word in domain::yes_no::YES.iter().chain(&domain::yes_no::NO) {
            let worker = domain::Worker {
                id: "W1".into(),
                attributes: [("under_18".to_owned(), (*word).to_owned())].into_iter().collect(),
            };
            assert_eq!(parse_bool(word), Ok(Some(worker.under_18())), "{word}");
        }
        assert_eq!(parse_bool("  "), Ok(None));
    }
}
