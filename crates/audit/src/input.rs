//! Reading the events file with DataFusion: CSV (comma or semicolon), Parquet or JSON lines, with
//! the user's column names mapped onto `worker`, `time`, `kind` and `quantity`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    DataType, Field, Float64Type, Int64Type, Schema, TimeUnit, TimestampMillisecondType,
};
use datafusion::prelude::{CsvReadOptions, JsonReadOptions, ParquetReadOptions, SessionContext};
use formats::{InputError, MILLIS_FROM, Place, TimeParser};
use futures::StreamExt;

use crate::{Error, Params};

/// The user's names for the canonical columns: `worker=operator_id,time=ts`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap(BTreeMap<String, String>);

const CANONICAL: [&str; 4] = ["worker", "time", "kind", "quantity"];

impl ColumnMap {
    /// Parses `canonical=source` pairs separated by commas.
    pub fn parse(spec: &str) -> Result<ColumnMap, String> {
        let mut map = BTreeMap::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((canonical, source)) = pair.split_once('=') else {
                return Err(format!("--map `{pair}`: write it as column=your_column, e.g. worker=operator_id"));
            };
            let canonical = canonical.trim();
            if !CANONICAL.contains(&canonical) {
                return Err(format!("--map `{pair}`: `{canonical}` is not one of {}", CANONICAL.join(", ")));
            }
            map.insert(canonical.to_owned(), source.trim().to_owned());
        }
        Ok(ColumnMap(map))
    }

    fn source<'a>(&'a self, canonical: &'a str) -> &'a str {
        self.0.get(canonical).map_or(canonical, String::as_str)
    }
}

/// Rows that were skipped with `--skip-bad-rows`: how many, and the first reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SkippedRows {
    pub count: u64,
    pub examples: Vec<String>,
}

/// One event, as the per-worker pass needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Ev {
    pub time_ms: i64,
    pub kind: u16,
    pub quantity: f64,
}

/// The events, grouped by worker, each worker's in file order.
#[derive(Debug, Default)]
pub(crate) struct Events {
    pub worker_names: Vec<String>,
    pub per_worker: Vec<Vec<Ev>>,
    pub kinds: Vec<String>,
    /// Each kind's place in `kinds` (a lookup per event row: a list search made it quadratic).
    kind_ids: HashMap<String, u16, foldhash::fast::RandomState>,
    pub rows: u64,
    pub skipped: SkippedRows,
}

/// The most event kinds a file may have: a kind is kept as a `u16`.
pub const MAX_KINDS: usize = u16::MAX as usize + 1;

impl Events {
    pub(crate) fn kind_id(&self, kind: &str) -> Option<u16> {
        self.kind_ids.get(kind).copied()
    }

    /// The id of `kind`, added if new; `None` when the file has more kinds than a `u16` holds.
    fn add_kind(&mut self, kind: &str) -> Option<u16> {
        if let Some(id) = self.kind_id(kind) {
            return Some(id);
        }
        let id = u16::try_from(self.kinds.len()).ok()?;
        self.kinds.push(kind.to_owned());
        self.kind_ids.insert(kind.to_owned(), id);
        Some(id)
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn register(ctx: &SessionContext, path: &Path, table: &str) -> Result<(), Error> {
    let fail = |m: String| Error::Input(InputError { file: path.to_owned(), place: Place::File, message: m });
    let name = path.to_str().ok_or_else(|| fail("the path is not valid UTF-8".into()))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let dotted = format!(".{ext}");
    match ext.as_str() {
        "parquet" => {
            formats::check_parquet(path)?;
            ctx.register_parquet(table, name, ParquetReadOptions { file_extension: &dotted, ..Default::default() })
                .await?
        }
        "jsonl" | "ndjson" | "json" => {
            ctx.register_json(table, name, JsonReadOptions { file_extension: &dotted, ..Default::default() }).await?
        }
        "csv" | "txt" | "tsv" => {
            // Every column as text: times and numbers are parsed here, so a bad value is reported
            // with its row instead of making a whole column unreadable.
            let mut header = String::new();
            std::fs::File::open(path)
                .and_then(|f| std::io::BufRead::read_line(&mut std::io::BufReader::new(f), &mut header))
                .map_err(|e| fail(format!("cannot read the events file: {e}")))?;
            let header = header.trim_start_matches('\u{feff}');
            let delimiter = formats::delimiter(header);
            let names = formats::header_names(header, delimiter)
                .map_err(|e| Error::Input(InputError { file: path.to_owned(), ..e }))?;
            let fields: Vec<Field> = names.iter().map(|h| Field::new(h.as_str(), DataType::Utf8, true)).collect();
            let schema = Schema::new(fields);
            let options =
                CsvReadOptions::new().has_header(true).delimiter(delimiter).schema(&schema).file_extension(&dotted);
            ctx.register_csv(table, name, options).await?
        }
        _ => return Err(fail("unknown format: use .csv, .parquet or .jsonl (JSON lines)".into())),
    }
    Ok(())
}

/// Whether a file is read as CSV (by `formats`) rather than through DataFusion.
fn is_csv(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_none_or(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "txt" | "tsv"))
}

/// A workers or decisions file in Parquet or JSON lines, as CSV text in a temporary file, so the
/// same reader (with its checks and row-numbered errors) reads every format. Row order is kept.
async fn as_csv(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let ctx = crate::session();
    register(&ctx, path, "input").await?;
    let batches = ctx.sql("SELECT * FROM input").await?.collect().await?;
    let io = |e: std::io::Error| Error::Parameter(format!("cannot write a temporary file: {e}"));
    let mut file = tempfile::NamedTempFile::new().map_err(io)?;
    let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = String::new();
    if let Some(first) = batches.first() {
        let names: Vec<String> = first.schema().fields().iter().map(|f| field(f.name())).collect();
        text.push_str(&names.join(","));
        text.push('\n');
    }
    for batch in &batches {
        let columns: Vec<ArrayRef> = batch
            .columns()
            .iter()
            .map(|c| match c.data_type() {
                DataType::Timestamp(_, _) => {
                    let ms = cast(c, &DataType::Timestamp(TimeUnit::Millisecond, None))?;
                    cast(&ms, &DataType::Int64)
                }
                _ => cast(c, &DataType::Utf8),
            })
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Parameter(e.to_string()))?;
        for i in 0..batch.num_rows() {
            let row: Vec<String> = columns
                .iter()
                .map(|c| {
                    if c.is_null(i) {
                        String::new()
                    } else if let Some(n) = c.as_primitive_opt::<Int64Type>() {
                        n.value(i).to_string()
                    } else {
                        field(c.as_string::<i32>().value(i))
                    }
                })
                .collect();
            text.push_str(&row.join(","));
            text.push('\n');
        }
    }
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io)?;
    Ok(file)
}

/// Reads a workers file: CSV, Parquet or JSON lines.
pub(crate) async fn read_workers(path: &Path) -> Result<Vec<domain::Worker>, Error> {
    if is_csv(path) {
        return Ok(formats::read_workers(path)?);
    }
    let tmp = as_csv(path).await?;
    formats::read_workers(tmp.path()).map_err(|e| Error::Input(InputError { file: path.to_owned(), ..e }))
}

/// Reads a decisions file: CSV, Parquet or JSON lines.
pub(crate) async fn read_decisions(path: &Path, times: &TimeParser) -> Result<Vec<domain::Decision>, Error> {
    if is_csv(path) {
        return Ok(formats::read_decisions(path, times)?);
    }
    let tmp = as_csv(path).await?;
    formats::read_decisions(tmp.path(), times).map_err(|e| Error::Input(InputError { file: path.to_owned(), ..e }))
}

/// Reads the events file into per-worker event lists.
pub(crate) async fn read_events(params: &Params) -> Result<Events, Error> {
    read_events_of(params, None, true).await
}

/// Reads the whole events file as the audit does, keeping nothing, and returns its rows: the
/// import's check that the portal will be able to read it. Every failure is the file's (an
/// [`Error::Input`] naming the row where it is known).
pub async fn check_events(params: &Params) -> Result<u64, Error> {
    Ok(read_events_of(params, None, false).await?.rows)
}

/// An engine's error about reading `path`, as the file's error (the engine names the line).
pub(crate) fn input_error(path: &Path, e: &datafusion::error::DataFusionError) -> Error {
    let message = e.to_string();
    let message = message.strip_prefix("Arrow error: ").unwrap_or(&message);
    Error::Input(InputError {
        file: path.to_owned(),
        place: Place::File,
        message: format!("cannot be read: {message}"),
    })
}

/// One event of one worker, for their own page.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OwnEvent {
    pub time_ms: i64,
    pub kind: String,
    pub quantity: f64,
}

/// Every event of one worker (by the identifier in the events file), in time order; equal
/// times keep file order.
pub async fn worker_events(params: &Params, worker: &str) -> Result<Vec<OwnEvent>, Error> {
    let mut events = read_events_of(params, Some(worker), true).await?;
    let Some(mut evs) = events.per_worker.pop() else { return Ok(Vec::new()) };
    evs.sort_by_key(|e| e.time_ms);
    Ok(evs
        .into_iter()
        .map(|e| OwnEvent { time_ms: e.time_ms, kind: events.kinds[e.kind as usize].clone(), quantity: e.quantity })
        .collect())
}

async fn read_events_of(params: &Params, only: Option<&str>, keep: bool) -> Result<Events, Error> {
    // What goes wrong in the engine while it reads the file is the file's fault (security
    // review L8: a corrupt footer or a ragged CSV row was reported as a fault of inzage).
    read_file(params, only, keep).await.map_err(|e| match e {
        Error::Engine(e) => input_error(&params.events, &e),
        e => e,
    })
}

async fn read_file(params: &Params, only: Option<&str>, keep: bool) -> Result<Events, Error> {
    let path = params.events.as_path();
    let ctx = crate::session();
    register(&ctx, path, "events").await?;
    let table = ctx.table("events").await?;
    let columns: Vec<String> = table.schema().fields().iter().map(|f| f.name().clone()).collect();
    let has = |c: &str| columns.iter().any(|x| x == c);
    for canonical in ["worker", "time", "kind"] {
        let source = params.map.source(canonical);
        if !has(source) {
            let hint = if source == canonical { " (map another name with --map {canonical}=your_column)" } else { "" };
            return Err(Error::Input(InputError {
                file: path.to_owned(),
                place: Place::File,
                message: format!(
                    "no column `{source}` for `{canonical}`{}; the file has: {}",
                    hint.replace("{canonical}", canonical),
                    columns.join(", ")
                ),
            }));
        }
    }
    let quantity = params.map.source("quantity");
    let mut select = vec![
        format!("{} AS worker", quote(params.map.source("worker"))),
        format!("{} AS time", quote(params.map.source("time"))),
        format!("{} AS kind", quote(params.map.source("kind"))),
    ];
    if has(quantity) {
        select.push(format!("{} AS quantity", quote(quantity)));
    }
    let filter = match only {
        Some(worker) => {
            format!(" WHERE CAST({} AS VARCHAR) = '{}'", quote(params.map.source("worker")), worker.replace('\'', "''"))
        }
        None => String::new(),
    };
    let df = ctx.sql(&format!("SELECT {} FROM events{filter}", select.join(", "))).await?;
    let mut stream = df.execute_stream().await?;

    let times = TimeParser::new(&params.time_zone).map_err(Error::Parameter)?;
    let mut reader = RowReader {
        path,
        times,
        events: Events::default(),
        workers: HashMap::default(),
        row: 0,
        skip: params.skip_bad_rows,
        keep,
    };
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        reader.batch(&batch)?;
        if let Some(progress) = &params.progress {
            (progress.0)(reader.row);
        }
    }
    Ok(reader.events)
}

struct RowReader<'a> {
    path: &'a Path,
    times: TimeParser,
    events: Events,
    /// Worker id by name; foldhash, because this lookup runs once per event row.
    workers: HashMap<String, u32, foldhash::fast::RandomState>,
    row: u64,
    skip: bool,
    /// Keep the events (`false`: only check that every row reads).
    keep: bool,
}

impl RowReader<'_> {
    fn bad(&mut self, row: u64, column: &str, message: String) -> Result<(), Error> {
        let error =
            InputError { file: self.path.to_owned(), place: Place::Row { row, column: Some(column.into()) }, message };
        if !self.skip {
            return Err(Error::Input(error));
        }
        self.events.skipped.count += 1;
        if self.events.skipped.examples.len() < 20 {
            self.events.skipped.examples.push(error.to_string());
        }
        Ok(())
    }

    fn batch(&mut self, batch: &datafusion::arrow::record_batch::RecordBatch) -> Result<(), Error> {
        let text = |a: &ArrayRef| cast(a, &DataType::Utf8);
        let worker = text(batch.column(0)).map_err(|e| Error::Parameter(e.to_string()))?;
        let worker = worker.as_string::<i32>();
        let kind = text(batch.column(2)).map_err(|e| Error::Parameter(e.to_string()))?;
        let kind = kind.as_string::<i32>();
        let time = batch.column(1);
        let time_ms: Option<ArrayRef> = match time.data_type() {
            DataType::Timestamp(_, _) => Some(
                cast(time, &DataType::Timestamp(TimeUnit::Millisecond, None))
                    .map_err(|e| Error::Parameter(e.to_string()))?,
            ),
            _ => None,
        };
        let time_int = match time.data_type() {
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => Some(cast(time, &DataType::Int64).map_err(|e| Error::Parameter(e.to_string()))?),
            _ => None,
        };
        let time_float = match time.data_type() {
            DataType::Float32 | DataType::Float64 => {
                Some(cast(time, &DataType::Float64).map_err(|e| Error::Parameter(e.to_string()))?)
            }
            _ => None,
        };
        let time_text = if time_ms.is_none() && time_int.is_none() && time_float.is_none() {
            Some(text(time).map_err(|e| Error::Parameter(e.to_string()))?)
        } else {
            None
        };
        // Numbers stay numbers; only a text column is parsed value by value.
        let (quantity_raw, quantity_num) = match batch.columns().get(3) {
            Some(q) if q.data_type().is_numeric() => {
                (None, Some(cast(q, &DataType::Float64).map_err(|e| Error::Parameter(e.to_string()))?))
            }
            Some(q) => (Some(text(q).map_err(|e| Error::Parameter(e.to_string()))?), None),
            None => (None, None),
        };
        for i in 0..batch.num_rows() {
            self.row += 1;
            let row = self.row;
            self.events.rows += 1;
            if worker.is_null(i) || worker.value(i).is_empty() {
                self.bad(row, "worker", "empty worker identifier".into())?;
                continue;
            }
            let t = if let Some(a) = &time_ms {
                let a = a.as_primitive::<TimestampMillisecondType>();
                (!a.is_null(i)).then(|| a.value(i)).ok_or_else(|| "empty time".to_owned())
            } else if let Some(a) = &time_int {
                let a = a.as_primitive::<Int64Type>();
                if a.is_null(i) {
                    Err("empty time".to_owned())
                } else {
                    let n = a.value(i);
                    Ok(if n.unsigned_abs() >= MILLIS_FROM.unsigned_abs() { n } else { n * 1000 })
                }
            } else if let Some(a) = &time_float {
                let a = a.as_primitive::<Float64Type>();
                if a.is_null(i) || !a.value(i).is_finite() {
                    Err("empty time".to_owned())
                } else {
                    let n = a.value(i);
                    Ok(if n.abs() >= MILLIS_FROM as f64 { n.round() as i64 } else { (n * 1000.0).round() as i64 })
                }
            } else {
                let a = time_text.as_ref().expect("one of the time readers").as_string::<i32>();
                if a.is_null(i) {
                    Err("empty time".to_owned())
                } else {
                    self.times.parse(a.value(i)).map(|ts| ts.as_millisecond())
                }
            };
            // A time outside the years -9999 to 9999 (Unix milliseconds near i64::MIN, found by
            // fuzzing) would overflow the differences between events: it is a bad row.
            let t = t.and_then(|ms| match jiff::Timestamp::from_millisecond(ms) {
                Ok(_) => Ok(ms),
                Err(_) => Err(format!("{ms} ms is out of range as a Unix time")),
            });
            let t = match t {
                Ok(t) => t,
                Err(message) => {
                    self.bad(row, "time", message)?;
                    continue;
                }
            };
            if kind.is_null(i) || kind.value(i).is_empty() {
                self.bad(row, "kind", "empty event kind".into())?;
                continue;
            }
            let q = match (&quantity_raw, &quantity_num) {
                (_, Some(num)) => {
                    let num = num.as_primitive::<Float64Type>();
                    if num.is_null(i) {
                        1.0
                    } else if num.value(i) >= 0.0 && num.value(i).is_finite() {
                        num.value(i)
                    } else {
                        self.bad(row, "quantity", format!("`{}` is negative; a quantity is 0 or more", num.value(i)))?;
                        continue;
                    }
                }
                (Some(raw), None) => {
                    let raw = raw.as_string::<i32>();
                    if raw.is_null(i) || raw.value(i).trim().is_empty() {
                        1.0
                    } else {
                        match raw.value(i).trim().replace(',', ".").parse::<f64>() {
                            Ok(q) if q.is_finite() && q >= 0.0 => q,
                            Ok(_) => {
                                self.bad(
                                    row,
                                    "quantity",
                                    format!("`{}` is negative; a quantity is 0 or more", raw.value(i)),
                                )?;
                                continue;
                            }
                            Err(_) => {
                                self.bad(row, "quantity", format!("`{}` is not a number", raw.value(i)))?;
                                continue;
                            }
                        }
                    }
                }
                _ => 1.0,
            };
            let Some(kind_id) = self.events.add_kind(kind.value(i)) else {
                // Not a bad row to skip: the file as a whole cannot be read.
                return Err(Error::Input(InputError {
                    file: self.path.to_owned(),
                    place: Place::Row { row, column: Some("kind".into()) },
                    message: format!("more than {MAX_KINDS} different event kinds; inzage reads at most {MAX_KINDS}"),
                }));
            };
            let name = worker.value(i);
            let id = match self.workers.get(name) {
                Some(id) => *id,
                None => {
                    let id = self.events.worker_names.len() as u32;
                    self.workers.insert(name.to_owned(), id);
                    self.events.worker_names.push(name.to_owned());
                    self.events.per_worker.push(Vec::new());
                    id
                }
            };
            if self.keep {
                self.events.per_worker[id as usize].push(Ev { time_ms: t, kind: kind_id, quantity: q });
            }
        }
        Ok(())
    }
}
