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
        let reader = SerializedFileReader::new(file).map_err(|e| fail(format!("not a readable Parquet file: {e}")))?;
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
    let delimiter = crate::delimiter(&header) as char;
    let columns: Vec<&str> = header.split(delimiter).map(|c| c.trim().trim_matches('"')).collect();
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
