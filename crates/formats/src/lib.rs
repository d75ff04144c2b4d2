//! Reading inzage's input files: the register (TOML or JSON), the workers file and the decisions
//! file (CSV, comma or semicolon), and a first look at an events file (Parquet or CSV). Every error names the file, the line or row, and the key or
//! column, so a user knows what to fix.

mod events;
pub mod export;
mod register;
mod table;
mod time;

use std::fmt;
use std::path::{Path, PathBuf};

pub use events::{
    EVENT_COLUMNS, check_parquet, count_events, header_names, parquet_reader, repeated_column, repeated_columns,
};
pub use register::{read_register, register_from_str};
pub use table::{read_decisions, read_measures, read_workers, read_workers_noted};
pub use time::{MILLIS_FROM, TimeFormat, TimeParser, parse_bool, parse_number};

/// The delimiter of a CSV file, from its header line: semicolon when it has more semicolons than
/// commas, else comma.
pub fn delimiter(header: &str) -> u8 {
    if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' }
}

/// Where in a file something went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole (it cannot be opened, or its content does not hold together).
    File,
    /// A line (and column) of a text file such as a register.
    Line { line: usize, column: usize },
    /// A data row (1 = the first row after the header) and, when known, its column.
    Row { row: u64, column: Option<String> },
}

/// A data row as its reader finds it: in a CSV file, the line an editor shows (the header is
/// line 1) and the row; in JSON lines, the line; in Parquet, the row. A CSV value that spans
/// lines (quoted line breaks) moves the lines below it by one each.
fn row_place(file: &Path, row: u64) -> String {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "parquet" => format!("row {row}"),
        "jsonl" | "ndjson" | "json" => format!("line {row}"),
        _ => format!("line {} (row {row} after the header)", row + 1),
    }
}

/// Input that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    pub file: PathBuf,
    pub place: Place,
    pub message: String,
}

impl InputError {
    pub(crate) fn new(file: &Path, place: Place, message: impl Into<String>) -> InputError {
        InputError { file: file.to_owned(), place, message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.place {
            Place::File => write!(f, "{file}: {}", self.message),
            Place::Line { line, column } => write!(f, "{file}:{line}:{column}: {}", self.message),
            Place::Row { row, column } => {
                write!(f, "{file}: {}", row_place(&self.file, *row))?;
                if let Some(c) = column {
                    write!(f, ", column `{c}`")?;
                }
                write!(f, ": {}", self.message)
            }
        }
    }
}
