//! Times in input files: RFC 3339 with an offset, `YYYY-MM-DD HH:MM:SS` in a given time zone,
//! or Unix seconds or milliseconds (`../shared/spec/audit.md`, "Inputs").

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// Reads times; local times without an offset are read in `zone`.
#[derive(Clone, Debug)]
pub struct TimeParser {
    zone: TimeZone,
    /// A profile's own format: when given, the only one read.
    format: Option<TimeFormat>,
}

/// A time format a profile names for a file whose times are written otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    /// A `strftime` pattern such as `%m/%d/%Y %H:%M` (jiff's `strtime`); without a time of
    /// day the time is midnight, without an offset it is local.
    Pattern(String),
    /// Excel's serial days: days since 1899-12-30 00:00 local time, the fraction the time of
    /// day (`45352.25` is 2024-03-02 06:00), as spreadsheets export dates.
    ExcelDays,
}

impl TimeFormat {
    /// `excel` or a `strftime` pattern with at least one `%` directive.
    pub fn parse(text: &str) -> Result<TimeFormat, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("excel") {
            return Ok(TimeFormat::ExcelDays);
        }
        if !text.contains('%') {
            return Err(format!(
                "time format `{text}`: write a strftime pattern such as %d-%m-%Y %H:%M, or excel for spreadsheet serial days"
            ));
        }
        Ok(TimeFormat::Pattern(text.to_owned()))
    }
}

/// Unix times at or above this are milliseconds (year 5138 in seconds), below it seconds.
pub const MILLIS_FROM: i64 = 100_000_000_000;

impl TimeParser {
    /// A parser for local times in the named IANA zone, such as `Europe/Amsterdam`.
    pub fn new(zone: &str) -> Result<TimeParser, String> {
        let zone = jiff::tz::db().get(zone).map_err(|_| format!("unknown time zone `{zone}`"))?;
        Ok(TimeParser { zone, format: None })
    }

    /// The same parser, reading `format` only (or the standard forms when `None`).
    #[must_use]
    pub fn with_format(mut self, format: Option<TimeFormat>) -> TimeParser {
        self.format = format;
        self
    }

    /// Whether a profile's format is read instead of the standard forms.
    pub fn has_format(&self) -> bool {
        self.format.is_some()
    }

    /// The time zone local times are read in.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    fn parse_format(&self, format: &TimeFormat, text: &str) -> Result<Timestamp, String> {
        let local = |dt: DateTime| {
            self.zone
                .to_ambiguous_timestamp(dt)
                .compatible()
                .map_err(|e| format!("`{text}` does not exist in the time zone: {e}"))
        };
        match format {
            TimeFormat::ExcelDays => {
                let days = parse_number(text)
                    .ok_or_else(|| format!("`{text}` is not a number of days (the profile's time format is excel)"))?;
                if !(0.0..=2_958_465.0).contains(&days) {
                    return Err(format!("`{text}` is out of range as Excel serial days"));
                }
                let base = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
                let ms = (days * 86_400_000.0).round() as i64;
                let dt = base
                    .checked_add(jiff::SignedDuration::from_millis(ms))
                    .map_err(|e| format!("`{text}` is out of range as Excel serial days: {e}"))?;
                local(dt)
            }
            TimeFormat::Pattern(pattern) => {
                let fail =
                    |e: jiff::Error| format!("`{text}` does not match the profile's time format `{pattern}`: {e}");
                let tm = jiff::fmt::strtime::parse(pattern, text).map_err(fail)?;
                if tm.offset().is_some() {
                    return tm.to_timestamp().map_err(fail);
                }
                match tm.to_datetime() {
                    Ok(dt) => local(dt),
                    Err(_) => local(tm.to_date().map_err(fail)?.at(0, 0, 0, 0)),
                }
            }
        }
    }

    /// A parser for local times in [`domain::DEFAULT_TIME_ZONE`] (Europe/Amsterdam).
    pub fn amsterdam() -> TimeParser {
        TimeParser::new(domain::DEFAULT_TIME_ZONE).expect("the bundled tz database has the default zone")
    }

    pub fn parse(&self, text: &str) -> Result<Timestamp, String> {
        let text = text.trim();
        if let Some(format) = &self.format {
            return self.parse_format(format, text);
        }
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

/// A number as people write it in a file: spaces around it allowed, and a decimal comma read
/// as a point (`9,5`). `None` for anything else, and for infinities and NaN.
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
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
    fn a_profile_s_format_reads_american_dates_and_spreadsheet_days() {
        let p = TimeParser::amsterdam();
        let want = p.parse("2015-01-31 06:30:00").unwrap();
        let us = TimeParser::amsterdam().with_format(Some(TimeFormat::parse("%m/%d/%Y %H:%M").unwrap()));
        assert_eq!(us.parse("1/31/2015 06:30").unwrap(), want);
        let err = us.parse("31/1/2015 06:30").unwrap_err();
        assert!(err.contains("%m/%d/%Y %H:%M"), "{err}");
        let day = TimeParser::amsterdam().with_format(Some(TimeFormat::parse("%m/%d/%Y").unwrap()));
        assert_eq!(day.parse("1/31/2015").unwrap(), p.parse("2015-01-31 00:00:00").unwrap(), "a date is midnight");
        // 42035 days after 1899-12-30 is 2015-01-31 (LibreOffice: =DATE(2015;1;31) gives 42035).
        let excel = TimeParser::amsterdam().with_format(Some(TimeFormat::ExcelDays));
        assert_eq!(excel.parse("42035.2708333333").unwrap().as_second(), want.as_second());
        assert!(excel.parse("gisteren").unwrap_err().contains("excel"));
        assert!(TimeFormat::parse("dd-mm-yyyy").is_err(), "a pattern without directives");
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
