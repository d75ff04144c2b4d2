//! The events file, as far as loading it needs: which format it is and how many rows it has.
//! Queries over events run where the file lies (the audit engine reads it with DataFusion).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};

use crate::{InputError, Place};

/// Columns every events file must have (`audit.md`, "Inputs").
pub const EVENT_COLUMNS: [&str; 3] = ["worker", "time", "kind"];

/// Checks that an events file is Parquet or CSV with the required columns, and counts its rows.
pub fn count_events(path: &Path) -> Result<u64, InputError> {
    let fail = |message: String| InputError::new(path, Place::File, message);
    let file = File::open(path).map_err(|e| fail(format!("cannot read the events file: {e}")))?;
    let is_parquet = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    if is_parquet {
        let reader = parquet_reader(path, file)?;
        let metadata = reader.metadata();
        let columns: Vec<&str> = metadata.file_metadata().schema_descr().columns().iter().map(|c| c.name()).collect();
        check_columns(path, &columns)?;
        return Ok(metadata.file_metadata().num_rows() as u64);
    }
    let mut lines = BufReader::new(file).lines();
    let header = match lines.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(fail(format!("cannot read the header row: {e}"))),
        None => return Err(fail("the file is empty; it needs a header row".into())),
    };
    let names = header_names(&header, crate::delimiter(header.trim_start_matches('\u{feff}')));
    let repeated = repeated_columns(&names);
    if let Some(used) = repeated.iter().find(|r| EVENT_COLUMNS.contains(&r.as_str()) || *r == "quantity") {
        return Err(repeated_column(path, &names, used));
    }
    let columns: Vec<&str> = names.iter().map(String::as_str).collect();
    check_columns(path, &columns)?;
    let mut rows = 0;
    for line in lines {
        let line =
            line.map_err(|e| InputError::new(path, Place::Row { row: rows + 1, column: None }, e.to_string()))?;
        if !line.trim().is_empty() {
            rows += 1;
        }
    }
    Ok(rows)
}

/// Opens a Parquet file's footer and metadata, so a file that is not Parquet (or whose footer
/// lies) is refused here, with a message, before a query engine reads it.
pub fn parquet_reader(path: &Path, file: File) -> Result<SerializedFileReader<File>, InputError> {
    let fail = |message: String| InputError::new(path, Place::File, message);
    // The parquet crate has panicked on crafted footers (security review L8): a panic is an
    // unreadable file too.
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| SerializedFileReader::new(file)));
    let reader = match opened {
        Ok(Ok(reader)) => reader,
        Ok(Err(e)) => return Err(fail(format!("not a readable Parquet file: {e}"))),
        Err(_) => return Err(fail("not a readable Parquet file: its footer is damaged".into())),
    };
    // The query engine reads the Arrow schema a writer may embed in the footer (`ARROW:schema`);
    // arrow-ipc panicked on one naming a type it does not know (found by fuzzing, December 2026).
    // Read it here first, the same way.
    let meta = reader.metadata().file_metadata();
    let schema = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parquet::arrow::parquet_to_arrow_schema(meta.schema_descr(), meta.key_value_metadata())
    }));
    match schema {
        Ok(Ok(_)) => Ok(reader),
        Ok(Err(e)) => Err(fail(format!("not a readable Parquet file: its schema cannot be read: {e}"))),
        Err(_) => Err(fail("not a readable Parquet file: the Arrow schema in its footer is damaged".into())),
    }
}

/// Checks that `path` is a readable Parquet file.
pub fn check_parquet(path: &Path) -> Result<(), InputError> {
    let file = File::open(path)
        .map_err(|e| InputError::new(path, Place::File, format!("cannot read the events file: {e}")))?;
    parquet_reader(path, file).map(|_| ())
}

/// The column names of a CSV header line (a byte-order mark dropped, quotes and spaces
/// trimmed), as written: a name may appear twice (see [`repeated_column`]).
pub fn header_names(header: &str, delimiter: u8) -> Vec<String> {
    let header = header.trim_start_matches('\u{feff}').trim_end_matches(['\r', '\n']);
    // CSV's own quoting: `"qty ""n"""` is the column `qty "n"`.
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).flexible(true).from_reader(header.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_owned()).collect(),
        _ => header.split(delimiter as char).map(|c| c.trim().trim_matches('"').trim().to_owned()).collect(),
    }
}

/// The names that appear more than once in a header, each once, in order of first appearance.
pub fn repeated_columns(names: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut repeated: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        if !seen.insert(name.as_str()) && !repeated.contains(name) {
            repeated.push(name.clone());
        }
    }
    repeated
}

/// The error for a column that is read but appears more than once in the header row (line 1):
/// one of the two would silently win (security review M7, L10). `names` is the header.
pub fn repeated_column(file: &Path, names: &[String], name: &str) -> InputError {
    let places: Vec<String> =
        names.iter().enumerate().filter(|(_, n)| *n == name).map(|(i, _)| (i + 1).to_string()).collect();
    InputError::new(
        file,
        Place::Line { line: 1, column: 1 },
        format!(
            "the column `{name}` appears more than once in the header row (columns {}), and inzage reads it: rename all but one",
            places.join(" and ")
        ),
    )
}

fn check_columns(path: &Path, columns: &[&str]) -> Result<(), InputError> {
    for required in EVENT_COLUMNS {
        if !columns.contains(&required) {
            return Err(InputError::new(
                path,
                Place::File,
                format!("no column `{required}`; the file has: {}", columns.join(", ")),
            ));
        }
    }
    Ok(())
}
