//! The workers and decisions files: CSV with a header row, comma or semicolon.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use domain::{Decision, Measure, Worker};

use crate::time::{TimeParser, parse_bool};
use crate::{InputError, Place};

/// A CSV file opened with its delimiter detected from the header line.
struct Table {
    path: std::path::PathBuf,
    headers: Vec<String>,
    reader: csv::Reader<std::fs::File>,
}

impl Table {
    fn open(path: &Path) -> Result<Table, InputError> {
        let fail = |e: std::io::Error| InputError::new(path, Place::File, format!("cannot read the file: {e}"));
        let text_head = {
            use std::io::Read;
            let mut buf = vec![0; 4096];
            let n = std::fs::File::open(path).map_err(fail)?.read(&mut buf).map_err(fail)?;
            buf.truncate(n);
            String::from_utf8_lossy(&buf).lines().next().unwrap_or_default().to_owned()
        };
        let delimiter = crate::delimiter(&text_head);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(|e| InputError::new(path, Place::File, e.to_string()))?;
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| InputError::new(path, Place::File, format!("cannot read the header row: {e}")))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(Table { path: path.to_owned(), headers, reader })
    }

    /// Whether `column` appears more than once in the header.
    fn repeated(&self, column: &str) -> bool {
        self.headers.iter().filter(|h| *h == column).count() > 1
    }

    fn require(&self, column: &str) -> Result<usize, InputError> {
        if self.repeated(column) {
            return Err(crate::repeated_column(&self.path, &self.headers, column));
        }
        self.headers.iter().position(|h| h == column).ok_or_else(|| {
            InputError::new(
                &self.path,
                Place::File,
                format!("no column `{column}`; the header row has: {}", self.headers.join(", ")),
            )
        })
    }

    fn optional(&self, column: &str) -> Result<Option<usize>, InputError> {
        if self.repeated(column) {
            return Err(crate::repeated_column(&self.path, &self.headers, column));
        }
        Ok(self.headers.iter().position(|h| h == column))
    }

    /// Calls `each` with every data row and its number (1 = first row after the header).
    fn rows(
        &mut self,
        mut each: impl FnMut(u64, &csv::StringRecord) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let mut record = csv::StringRecord::new();
        let mut row = 0;
        loop {
            row += 1;
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => each(row, &record)?,
                Err(e) => {
                    return Err(InputError::new(&self.path, Place::Row { row, column: None }, e.to_string()));
                }
            }
        }
    }

    fn error(&self, row: u64, column: &str, message: impl Into<String>) -> InputError {
        InputError::new(&self.path, Place::Row { row, column: Some(column.to_owned()) }, message)
    }
}

/// Reads the workers file: a `worker` column and any attribute columns.
pub fn read_workers(path: &Path) -> Result<Vec<Worker>, InputError> {
    Ok(read_workers_noted(path)?.0)
}

/// Reads the workers file, and says which attribute columns were left out: those whose name
/// appears more than once in the header (which of them would be the attribute?).
pub fn read_workers_noted(path: &Path) -> Result<(Vec<Worker>, Vec<String>), InputError> {
    let mut table = Table::open(path)?;
    let id_col = table.require("worker")?;
    let headers = table.headers.clone();
    let repeated = crate::repeated_columns(&headers);
    let notes: Vec<String> = repeated
        .iter()
        .map(|r| {
            format!("{}: the column `{r}` appears more than once in the header row; it is not read", path.display())
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut workers = Vec::new();
    let mut rows_error = None;
    let result = table.rows(|row, record| {
        let id = record.get(id_col).unwrap_or_default();
        if id.is_empty() {
            rows_error = Some((row, "worker", "empty worker identifier".to_owned()));
            return Ok(());
        }
        if !seen.insert(id.to_owned()) {
            rows_error = Some((row, "worker", format!("worker `{id}` appears more than once")));
            return Ok(());
        }
        let attributes: BTreeMap<String, String> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| *i != id_col && !repeated.contains(h))
            .map(|(i, h)| (h.clone(), record.get(i).unwrap_or_default().to_owned()))
            .collect();
        workers.push(Worker { id: id.to_owned(), attributes });
        Ok(())
    });
    result?;
    if let Some((row, column, message)) = rows_error {
        return Err(table.error(row, column, message));
    }
    Ok((workers, notes))
}

/// Reads the decisions file: `worker`, `time`, `decision`, and optionally `automated`,
/// `reviewed`, `review_seconds`, `overturned`, `score`, `reason`.
pub fn read_decisions(path: &Path, times: &TimeParser) -> Result<Vec<Decision>, InputError> {
    let mut table = Table::open(path)?;
    let (worker, time, decision) = (table.require("worker")?, table.require("time")?, table.require("decision")?);
    let optional: Vec<(&str, Option<usize>)> = ["automated", "reviewed", "review_seconds", "overturned", "score"]
        .into_iter()
        .map(|c| Ok((c, table.optional(c)?)))
        .collect::<Result<_, InputError>>()?;
    let reason = table.optional("reason")?;
    let mut decisions = Vec::new();
    let mut first_error: Option<(u64, &str, String)> = None;
    table.rows(|row, record| {
        if first_error.is_some() {
            return Ok(());
        }
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
        let mut fail = |column: &'static str, message: String| {
            first_error.get_or_insert((row, column, message));
        };
        let id = field(Some(worker));
        if id.is_empty() {
            fail("worker", "empty worker identifier".into());
            return Ok(());
        }
        let kind = field(Some(decision));
        if kind.is_empty() {
            fail("decision", "empty decision".into());
            return Ok(());
        }
        let at = match times.parse(field(Some(time))) {
            Ok(t) => t,
            Err(e) => {
                fail("time", e);
                return Ok(());
            }
        };
        let mut flags = [None; 3];
        for (slot, name) in flags.iter_mut().zip(["automated", "reviewed", "overturned"]) {
            let i = optional.iter().find(|(c, _)| *c == name).and_then(|(_, i)| *i);
            match parse_bool(field(i)) {
                Ok(v) => *slot = v,
                Err(e) => {
                    fail(name, e);
                    return Ok(());
                }
            }
        }
        let mut numbers = [None; 2];
        for (slot, name) in numbers.iter_mut().zip(["review_seconds", "score"]) {
            let i = optional.iter().find(|(c, _)| *c == name).and_then(|(_, i)| *i);
            let text = field(i);
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && (name != "review_seconds" || v >= 0.0) => *slot = Some(v),
                _ => {
                    fail(
                        name,
                        format!(
                            "`{text}` is not a valid number{}",
                            if name == "review_seconds" { " of seconds (0 or more)" } else { "" }
                        ),
                    );
                    return Ok(());
                }
            }
        }
        decisions.push(Decision {
            worker: id.to_owned(),
            time: at,
            decision: kind.to_owned(),
            automated: flags[0],
            reviewed: flags[1],
            overturned: flags[2],
            review_seconds: numbers[0],
            score: numbers[1],
            reason: Some(field(reason)).filter(|r| !r.is_empty()).map(str::to_owned),
        });
        Ok(())
    })?;
    if let Some((row, column, message)) = first_error {
        return Err(table.error(row, column, message));
    }
    Ok(decisions)
}

/// Reads a measures file: `worker`, `period`, `measure`, `value` and optionally `target`, one
/// row per worker, period and measure. A period is a date (read with `times`, its format if it
/// has one, and kept as the date in its time zone), a time (kept as its date) or an ISO week
/// `2026-W09`. A value is a number; a decimal comma is read as a point.
pub fn read_measures(path: &Path, times: &TimeParser) -> Result<Vec<Measure>, InputError> {
    let mut table = Table::open(path)?;
    let (worker, period, measure, value) =
        (table.require("worker")?, table.require("period")?, table.require("measure")?, table.require("value")?);
    let target = table.optional("target")?;
    let mut out = Vec::new();
    let mut first_error: Option<(u64, &str, String)> = None;
    table.rows(|row, record| {
        if first_error.is_some() {
            return Ok(());
        }
        let field = |i: usize| record.get(i).unwrap_or_default();
        let mut fail = |column: &'static str, message: String| {
            first_error.get_or_insert((row, column, message));
        };
        let id = field(worker);
        if id.is_empty() {
            fail("worker", "empty worker identifier".into());
            return Ok(());
        }
        let name = field(measure);
        if name.is_empty() {
            fail("measure", "empty measure name".into());
            return Ok(());
        }
        let period = match read_period(field(period), times) {
            Ok(p) => p,
            Err(e) => {
                fail("period", e);
                return Ok(());
            }
        };
        let number = |text: &str| -> Result<f64, String> {
            if text.is_empty() {
                return Err("empty value; a measure needs a number (a profile can give a default)".into());
            }
            crate::parse_number(text).ok_or_else(|| format!("`{text}` is not a number"))
        };
        let v = match number(field(value)) {
            Ok(v) => v,
            Err(e) => {
                fail("value", e);
                return Ok(());
            }
        };
        let t = match target.map(field).filter(|t| !t.is_empty()) {
            None => None,
            Some(text) => match number(text) {
                Ok(t) => Some(t),
                Err(e) => {
                    fail("target", e);
                    return Ok(());
                }
            },
        };
        out.push(Measure { worker: id.to_owned(), period, measure: name.to_owned(), value: v, target: t });
        Ok(())
    })?;
    if let Some((row, column, message)) = first_error {
        return Err(table.error(row, column, message));
    }
    Ok(out)
}

/// A period: an ISO week as written (`2026-W09`), or a date `YYYY-MM-DD`.
fn read_period(text: &str, times: &TimeParser) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty period".into());
    }
    if let Ok(week) = text.parse::<jiff::civil::ISOWeekDate>() {
        return Ok(format!("{:04}-W{:02}", week.year(), week.week()));
    }
    if let Some((y, w)) = text.split_once("-W")
        && let (Ok(y), Ok(w)) = (y.parse::<i16>(), w.parse::<i8>())
        && jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Monday).is_ok()
    {
        return Ok(format!("{y:04}-W{w:02}"));
    }
    // A bare date is its own period; anything with a time (or a profile's format) is read as a
    // time and kept as its date in the time zone.
    if !times.has_format()
        && text.len() == 10
        && let Ok(date) = text.parse::<jiff::civil::Date>()
    {
        return Ok(date.to_string());
    }
    let at = times.parse(text)?;
    Ok(at.to_zoned_datetime(times.zone().clone()).date().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    #[test]
    fn workers_read_with_semicolons_and_attributes() {
        let f = file("worker;gender;contract\nA1;f;flex\nA2;m;permanent\n");
        let w = read_workers(f.path()).unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].attributes["contract"], "permanent");
    }

    #[test]
    fn missing_worker_column_names_the_header() {
        let f = file("operator,gender\nA1,f\n");
        let err = read_workers(f.path()).unwrap_err();
        assert!(err.message.contains("no column `worker`") && err.message.contains("operator"), "{err}");
    }

    #[test]
    fn duplicate_worker_names_the_row() {
        let f = file("worker,gender\nA1,f\nA2,m\nA1,x\n");
        let err = read_workers(f.path()).unwrap_err();
        assert_eq!(err.place, Place::Row { row: 3, column: Some("worker".into()) });
    }

    #[test]
    fn decisions_read_and_bad_time_names_row_and_column() {
        let f = file(
            "worker,time,decision,automated,reviewed,review_seconds,overturned,score\n\
             A1,2026-03-02T14:00:00+01:00,warning,true,true,7,false,650.5\n\
             A2,2026-03-02 14:00,warning,true,,,false,\n",
        );
        let d = read_decisions(f.path(), &TimeParser::amsterdam()).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].review_seconds, Some(7.0));
        assert_eq!(d[1].reviewed, None);

        let f = file("worker,time,decision\nA1,2026-03-02T14:00:00Z,warning\nA2,soon,warning\n");
        let err = read_decisions(f.path(), &TimeParser::amsterdam()).unwrap_err();
        assert_eq!(err.place, Place::Row { row: 2, column: Some("time".into()) });
        assert!(err.to_string().contains("line 3 (row 2 after the header), column `time`"), "{err}");
    }

    /// Security review M7 and L10: `worker,worker,gender` was read, the last `worker` won and
    /// the other was stored in clear as an attribute; a repeated decision column won silently.
    #[test]
    fn a_header_with_a_column_twice_is_refused_naming_it() {
        let f = file("worker,worker,gender\nW0001,W0009,m\n");
        let err = read_workers(f.path()).unwrap_err();
        assert_eq!((err.file.as_path(), &err.place), (f.path(), &Place::Line { line: 1, column: 1 }));
        assert!(err.message.contains("the column `worker` appears more than once"), "{err}");
        assert!(err.message.contains("columns 1 and 2"), "{err}");
        let f = file("\u{feff}worker;time;decision;score;score\nA1;2026-03-02T14:00:00Z;warning;1;2\n");
        let err = read_decisions(f.path(), &TimeParser::amsterdam()).unwrap_err();
        assert!(err.message.contains("`score` appears more than once"), "{err}");
        // A byte-order mark alone is no problem.
        let f = file("\u{feff}worker,gender\nA1,f\n");
        assert_eq!(read_workers(f.path()).unwrap()[0].id, "A1");
    }

    #[test]
    fn measures_read_dates_weeks_and_decimal_commas() {
        let f =
            file("worker;period;measure;value;target\nA1;2026-03-02;after_hours;1,5;\nA1;2026-W09;activity;0.75;0.8\n");
        let m = read_measures(f.path(), &TimeParser::amsterdam()).unwrap();
        assert_eq!((m[0].period.as_str(), m[0].value, m[0].target), ("2026-03-02", 1.5, None));
        assert_eq!((m[1].period.as_str(), m[1].target), ("2026-W09", Some(0.8)));
        // A time is kept as its date in the time zone: 23:30 UTC is the next day in Amsterdam.
        let f = file("worker,period,measure,value\nA1,2026-03-02T23:30:00Z,x,1\n");
        assert_eq!(read_measures(f.path(), &TimeParser::amsterdam()).unwrap()[0].period, "2026-03-03");
        let f = file("worker,period,measure,value\nA1,2026-03-02,x,\n");
        let err = read_measures(f.path(), &TimeParser::amsterdam()).unwrap_err();
        assert_eq!(err.place, Place::Row { row: 1, column: Some("value".into()) });
        assert!(err.to_string().contains("line 2 (row 1 after the header)"), "{err}");
    }

    #[test]
    fn a_repeated_column_is_ignored_with_a_note_unless_it_is_read() {
        let f = file("worker,dept,dept,gender\nA1,x,y,f\n");
        let (w, notes) = read_workers_noted(f.path()).unwrap();
        assert_eq!(w[0].attributes.keys().collect::<Vec<_>>(), ["gender"]);
        assert!(notes[0].contains("`dept` appears more than once"), "{notes:?}");
    }

    #[test]
    fn negative_review_seconds_are_refused() {
        let f = file("worker,time,decision,review_seconds\nA1,2026-03-02T14:00:00Z,warning,-3\n");
        let err = read_decisions(f.path(), &TimeParser::amsterdam()).unwrap_err();
        assert_eq!(err.place, Place::Row { row: 1, column: Some("review_seconds".into()) });
    }
}
