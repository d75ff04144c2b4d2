//! Reading the inputs with DataFusion: CSV (comma or semicolon), Parquet or JSON lines, with the
//! user's columns mapped onto inzage's by `--map` and a profile (`profile.rs`).

use std::collections::HashMap;
use std::path::Path;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    DataType, Field, Float64Type, Int64Type, Schema, TimeUnit, TimestampMillisecondType,
};
use datafusion::prelude::{CsvReadOptions, JsonReadOptions, ParquetReadOptions, SessionContext};
use formats::{InputError, MILLIS_FROM, Place, TimeParser};
use futures::StreamExt;

use crate::profile::{Input, Selected};
use crate::{Error, Params};

/// Rows that were skipped with `--skip-bad-rows`: how many, and the first reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// One worker's events in file order, as runs that follow each other in the file, one per stream
/// that read some of them. The audit sorts each run and merges the runs by time: no copy of
/// every event into one vector per worker (whose freed memory the allocator keeps for a while).
#[derive(Clone, Debug, Default)]
pub(crate) struct Runs(Vec<Vec<Ev>>);

/// The first run's capacity in events, and the most a run holds; each run holds twice the last.
const FIRST_RUN: usize = 1024;
const MAX_RUN: usize = 1 << 20;

impl Runs {
    /// Adds `e` at the end. A full run is not grown (a copy, and memory freed that the allocator
    /// keeps for a while, then memory the system must clear again: most of an audit's time went
    /// to clearing pages) but followed by a new one.
    #[inline]
    fn push(&mut self, e: Ev) {
        match self.0.last_mut() {
            Some(run) if run.len() < run.capacity() => run.push(e),
            last => {
                let capacity = last.map_or(FIRST_RUN, |r| (r.capacity() * 2).min(MAX_RUN));
                let mut run = Vec::with_capacity(capacity);
                run.push(e);
                self.0.push(run);
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// The events in file order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Ev> {
        self.0.iter().flatten()
    }

    pub(crate) fn into_vec(self) -> Vec<Ev> {
        match <[Vec<Ev>; 1]>::try_from(self.0) {
            Ok([one]) => one,
            Err(runs) => runs.concat(),
        }
    }

    /// Sorts each run by time; equal times keep file order (the sort is stable).
    pub(crate) fn sort_by_time(&mut self) {
        for run in &mut self.0 {
            run.sort_by_key(|e| e.time_ms);
        }
    }

    /// After [`Runs::sort_by_time`], the events in time order, equal times in file order: what
    /// a stable sort of all of them gives, since the runs follow each other in the file.
    pub(crate) fn by_time(&self) -> ByTime<'_> {
        // Runs that follow on in time (each one's first event no earlier than the last one's
        // last) are read one after the other, as one: a worker's events usually come in time
        // order, and then there is one such chain to read, without comparisons between runs.
        let mut chains: Vec<&[Vec<Ev>]> = Vec::new();
        let (mut start, mut last_ms) = (0, i64::MIN);
        for (i, run) in self.0.iter().enumerate() {
            let (Some(first), Some(last)) = (run.first(), run.last()) else { continue };
            if first.time_ms < last_ms {
                chains.push(&self.0[start..i]);
                start = i;
            }
            last_ms = last.time_ms;
        }
        chains.push(&self.0[start..]);
        if let [chain] = chains[..] {
            return ByTime::Chain(chain.iter().flatten());
        }
        ByTime::Merge(chains.into_iter().map(|c| c.iter().flatten().peekable()).collect())
    }
}

/// A worker's events in time order ([`Runs::by_time`]).
pub(crate) enum ByTime<'a> {
    /// Runs that follow on in time, read in turn.
    Chain(std::iter::Flatten<std::slice::Iter<'a, Vec<Ev>>>),
    /// Chains merged: the earliest head first; on a tie the earlier chain, earlier in the file.
    Merge(Vec<std::iter::Peekable<std::iter::Flatten<std::slice::Iter<'a, Vec<Ev>>>>>),
}

impl<'a> Iterator for ByTime<'a> {
    type Item = &'a Ev;

    #[inline]
    fn next(&mut self) -> Option<&'a Ev> {
        match self {
            ByTime::Chain(events) => events.next(),
            ByTime::Merge(heads) => {
                let mut best: Option<(usize, i64)> = None;
                for (i, head) in heads.iter_mut().enumerate() {
                    if let Some(e) = head.peek()
                        && best.is_none_or(|(_, t)| e.time_ms < t)
                    {
                        best = Some((i, e.time_ms));
                    }
                }
                best.and_then(|(i, _)| heads[i].next())
            }
        }
    }
}

/// Equal when the events are, in file order, however they are split into runs.
impl PartialEq for Runs {
    fn eq(&self, other: &Runs) -> bool {
        self.iter().eq(other.iter())
    }
}

/// The events, grouped by worker, each worker's in file order.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Events {
    pub worker_names: Vec<String>,
    pub per_worker: Vec<Runs>,
    pub kinds: Vec<String>,
    /// Each kind's place in `kinds` (a lookup per event row: a list search made it quadratic).
    kind_ids: HashMap<String, u16, foldhash::fast::RandomState>,
    pub rows: u64,
    pub skipped: SkippedRows,
}

/// `text` without the spaces around it. Most values have none: two byte tests instead of
/// `str::trim`'s scan, which cost a twentieth of an audit of 23.5 M events.
#[inline]
fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Why an empty quantity is refused: a missing count is not 1 (or 0) unless someone says so.
const EMPTY_QUANTITY: &str = "empty quantity; a file without quantities leaves the column out (every event counts 1), \
     and a profile can say what an empty one means (`[events.defaults] quantity = \"1\"`)";

/// The most event kinds a file may have: a kind is kept as a `u16`.
pub const MAX_KINDS: usize = u16::MAX as usize + 1;

impl Events {
    #[inline]
    pub(crate) fn kind_id(&self, kind: &str) -> Option<u16> {
        self.kind_ids.get(kind).copied()
    }

    /// The id of `kind`, added if new; `None` when the file has more kinds than a `u16` holds.
    #[inline]
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

/// Registers the file at `path` as `table`; returns the names its CSV header repeats (each such
/// column after the first is registered as `name (2)`, `name (3)`, …).
async fn register(ctx: &SessionContext, path: &Path, table: &str) -> Result<Vec<String>, Error> {
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
                .map_err(|e| fail(format!("cannot read the file: {e}")))?;
            let header = header.trim_start_matches('\u{feff}');
            let delimiter = formats::delimiter(header);
            let names = formats::header_names(header, delimiter);
            let repeated = formats::repeated_columns(&names);
            let mut seen: HashMap<&str, u32> = HashMap::new();
            let fields: Vec<Field> = names
                .iter()
                .map(|h| {
                    let n = seen.entry(h.as_str()).or_insert(0);
                    *n += 1;
                    let name = if *n == 1 { h.clone() } else { format!("{h} ({n})") };
                    Field::new(name, DataType::Utf8, true)
                })
                .collect();
            let schema = Schema::new(fields);
            let options =
                CsvReadOptions::new().has_header(true).delimiter(delimiter).schema(&schema).file_extension(&dotted);
            ctx.register_csv(table, name, options).await?;
            return Ok(repeated);
        }
        _ => return Err(fail("unknown format: use .csv, .parquet or .jsonl (JSON lines)".into())),
    }
    Ok(Vec::new())
}

/// Whether a file is read as CSV (by `formats`) rather than through DataFusion.
fn is_csv(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_none_or(|e| matches!(e.to_ascii_lowercase().as_str(), "csv" | "txt" | "tsv"))
}

/// Query results as CSV text in a temporary file, so the same reader (with its checks and
/// row-numbered errors) reads every format and every profile. Row order is kept.
fn as_csv(
    schema: &Schema,
    batches: &[datafusion::arrow::record_batch::RecordBatch],
) -> Result<tempfile::NamedTempFile, Error> {
    let io = |e: std::io::Error| Error::Parameter(format!("cannot write a temporary file: {e}"));
    let mut file = tempfile::NamedTempFile::new().map_err(io)?;
    let field = csv_field;
    let mut text = String::new();
    // The header from the query's schema: a query without rows still has its columns.
    let names: Vec<String> = schema.fields().iter().map(|f| field(f.name())).collect();
    text.push_str(&names.join(","));
    text.push('\n');
    for batch in batches {
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

/// A workers, decisions or measures file as inzage's columns, in a CSV file the `formats`
/// readers read: the file itself when it is CSV and nothing maps it, else the query's result in
/// a temporary file. Errors about the temporary file are made the user's file's, naming the
/// user's column. The notes say what was not read.
async fn read_table<T>(
    params: &Params,
    input: Input,
    path: &Path,
    read: impl FnOnce(&Path, &formats::TimeParser) -> Result<T, InputError>,
) -> Result<(T, Vec<String>), Error> {
    let part = params.profile.as_ref().and_then(|p| p.part(input));
    let times = time_parser(params, input)?;
    if is_csv(path) && part.is_none() && !params.map.touches(input) {
        return Ok((read(path, &times)?, Vec::new()));
    }
    let ctx = crate::session();
    // What goes wrong in the engine while it reads the file is the file's fault.
    let engine = |e: Error| match e {
        Error::Engine(e) => input_error(path, &e),
        e => e,
    };
    let repeated = register(&ctx, path, "input").await.map_err(engine)?;
    let (df, selected) =
        crate::profile::select(&ctx, input, path, part, params.profile.as_ref(), &params.map, &repeated)
            .await
            .map_err(engine)?;
    let schema = df.schema().as_arrow().clone();
    let batches = df.collect().await.map_err(|e| input_error(path, &e))?;
    let tmp = as_csv(&schema, &batches)?;
    match read(tmp.path(), &times) {
        Ok(t) => Ok((t, selected.notes)),
        Err(e) => Err(Error::Input(as_users(e, path, &selected))),
    }
}

/// An error found in a prepared file, as the user's file's, naming the user's column.
fn as_users(e: InputError, path: &Path, selected: &Selected) -> InputError {
    match e.place {
        Place::Row { row, column: Some(c) } => InputError {
            file: path.to_owned(),
            message: selected.explain(&c, e.message),
            place: Place::Row { row, column: Some(selected.label(&c)) },
        },
        place => InputError { file: path.to_owned(), place, message: e.message },
    }
}

/// The time parser of `input`: the audit's zone, and the profile's time format if it has one.
fn time_parser(params: &Params, input: Input) -> Result<formats::TimeParser, Error> {
    let format = params
        .profile
        .as_ref()
        .and_then(|p| p.part(input))
        .and_then(|p| p.time_format.as_deref())
        .map(formats::TimeFormat::parse)
        .transpose()
        .map_err(Error::Parameter)?;
    Ok(TimeParser::new(&params.time_zone).map_err(Error::Parameter)?.with_format(format))
}

/// Reads a workers file: CSV, Parquet or JSON lines; with the notes on columns not read.
pub(crate) async fn read_workers(params: &Params, path: &Path) -> Result<(Vec<domain::Worker>, Vec<String>), Error> {
    let ((workers, mut notes), more) =
        read_table(params, Input::Workers, path, |p, _| formats::read_workers_noted(p)).await?;
    notes.extend(more);
    Ok((workers, notes))
}

/// Reads a decisions file: CSV, Parquet or JSON lines.
pub(crate) async fn read_decisions(params: &Params, path: &Path) -> Result<Vec<domain::Decision>, Error> {
    Ok(read_table(params, Input::Decisions, path, formats::read_decisions).await?.0)
}

/// Reads a measures file: CSV, Parquet or JSON lines.
pub(crate) async fn read_measures(params: &Params, path: &Path) -> Result<Vec<domain::Measure>, Error> {
    Ok(read_table(params, Input::Measures, path, formats::read_measures).await?.0)
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

/// Every event of one worker (by the identifier in the events file, trimmed as the audit trims
/// it), in time order; equal times keep file order.
pub async fn worker_events(params: &Params, worker: &str) -> Result<Vec<OwnEvent>, Error> {
    let mut events = read_events_of(params, Some(worker), true).await?;
    let Some(mut evs) = events.per_worker.pop().map(Runs::into_vec) else { return Ok(Vec::new()) };
    evs.sort_by_key(|e| e.time_ms);
    Ok(evs
        .into_iter()
        .map(|e| OwnEvent { time_ms: e.time_ms, kind: events.kinds[e.kind as usize].clone(), quantity: e.quantity })
        .collect())
}

async fn read_events_of(params: &Params, only: Option<&str>, keep: bool) -> Result<Events, Error> {
    // What goes wrong in the engine while it reads the file is the file's fault (security
    // review L8: a corrupt footer or a ragged CSV row was reported as a fault of inzage).
    let Some(path) = params.events.as_deref() else {
        return Err(Error::Parameter("no events file was given".into()));
    };
    read_file(params, path, only, keep).await.map_err(|e| match e {
        Error::Engine(e) => input_error(path, &e),
        e => e,
    })
}

async fn read_file(params: &Params, path: &Path, only: Option<&str>, keep: bool) -> Result<Events, Error> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    read_file_in(params, path, only, keep, cores, None).await
}

/// [`read_file`] with up to `partitions` streams decoding a Parquet file at once, in batches of
/// `batch_size` rows (DataFusion's default: `None`); the result is the same whatever their number
/// (the tests compare).
async fn read_file_in(
    params: &Params,
    path: &Path,
    only: Option<&str>,
    keep: bool,
    partitions: usize,
    batch_size: Option<usize>,
) -> Result<Events, Error> {
    let partitions = partitions.min(parquet_row_groups_in_order(path));
    let events = match scanned(params, path, only, keep, partitions, batch_size).await? {
        Some(events) => events,
        None => match partitioned(params, path, only, keep, partitions, batch_size).await? {
            Some(events) => events,
            None => read_stream(params, path, only, keep).await?,
        },
    };
    if events.rows > 0 && events.skipped.count == events.rows {
        return Err(Error::Input(InputError {
            file: path.to_owned(),
            place: Place::File,
            message: format!(
                "no row could be read; the first error was: {}",
                events.skipped.examples.first().map_or("", String::as_str)
            ),
        }));
    }
    Ok(events)
}

/// Whether the file at `path` is read as Parquet (by its extension, as `register` does).
fn is_parquet(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// The whole of a Parquet file read by the parquet crate itself, its text as dictionaries
/// (`scan.rs`); `None` for any other file or read.
async fn scanned(
    params: &Params,
    path: &Path,
    only: Option<&str>,
    keep: bool,
    partitions: usize,
    batch_size: Option<usize>,
) -> Result<Option<Events>, Error> {
    if !is_parquet(path) {
        return Ok(None);
    }
    let (_, selected) = events_frame(&crate::session(), params, path).await?;
    crate::scan::read(params, path, &selected, only, keep, partitions, batch_size).await
}

/// The events file's columns, as one [`DataFrame`](datafusion::prelude::DataFrame) in `ctx`.
async fn events_frame(
    ctx: &SessionContext,
    params: &Params,
    path: &Path,
) -> Result<(datafusion::prelude::DataFrame, Selected), Error> {
    let repeated = register(ctx, path, "input").await?;
    let part = params.profile.as_ref().and_then(|p| p.part(Input::Events));
    let (df, selected) =
        crate::profile::select(ctx, Input::Events, path, part, params.profile.as_ref(), &params.map, &repeated).await?;
    let has_quantity = df.schema().fields().iter().any(|f| f.name() == "quantity");
    let mut columns = vec!["worker", "time", "kind"];
    if has_quantity {
        columns.push("quantity");
    }
    Ok((df.select_columns(&columns)?, selected))
}

/// The file as one stream, in file order: every format, every profile.
async fn read_stream(params: &Params, path: &Path, only: Option<&str>, keep: bool) -> Result<Events, Error> {
    let ctx = crate::session();
    let (df, selected) = events_frame(&ctx, params, path).await?;
    let mut stream = df.execute_stream().await?;
    let mut reader = RowReader::new(params, path, selected, only, keep)?;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        reader.batch(&batch)?;
        if let Some(progress) = &params.progress {
            (progress.0)(reader.row);
        }
    }
    Ok(reader.finish())
}

/// How many streams can read the file at `path` and keep its order: its row groups when it is a
/// Parquet file whose row groups lie in the file in the order its footer lists them (a partition
/// reads the row groups whose first page lies in its byte range, in footer order); else 1.
fn parquet_row_groups_in_order(path: &Path) -> usize {
    use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
    let Some(reader) = is_parquet(path)
        .then(|| std::fs::File::open(path).ok())
        .flatten()
        .and_then(|f| SerializedFileReader::new(f).ok())
    else {
        // The single stream reports what is wrong with the file.
        return 1;
    };
    let starts: Vec<i64> = reader
        .metadata()
        .row_groups()
        .iter()
        .filter(|g| g.num_columns() > 0)
        .map(|g| g.column(0).dictionary_page_offset().unwrap_or_else(|| g.column(0).data_page_offset()))
        .collect();
    if starts.len() == reader.metadata().num_row_groups() && starts.is_sorted_by(|a, b| a < b) {
        starts.len().max(1)
    } else {
        1
    }
}

/// Whether each of the plan's partitions gives one run of the file's rows in file order, the
/// first partition's run first: a file scan, with projections and filters over it that keep
/// each partition's rows in order; nothing that moves rows between partitions or sorts them.
fn keeps_file_order(plan: &std::sync::Arc<dyn datafusion::physical_plan::ExecutionPlan>) -> bool {
    matches!(
        plan.name(),
        "DataSourceExec" | "ProjectionExec" | "FilterExec" | "CoalesceBatchesExec" | "CooperativeExec"
    ) && plan.children().len() <= 1
        && plan.children().into_iter().all(keeps_file_order)
}

/// Reads a Parquet file as `partitions` streams at once, one task each (so on as many cores as
/// the runtime has), and merges their events as one stream over the file would have read them:
/// `None` when the file cannot be read that way (one row group, a query, a wide layout), and the
/// single stream reads it.
async fn partitioned(
    params: &Params,
    path: &Path,
    only: Option<&str>,
    keep: bool,
    partitions: usize,
    batch_size: Option<usize>,
) -> Result<Option<Events>, Error> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    if partitions < 2 {
        return Ok(None);
    }
    let ctx = crate::session::partitioned_session(partitions, batch_size);
    let (df, selected) = events_frame(&ctx, params, path).await?;
    // A query's rows or a wide file's are not the file's rows: their order is the query's.
    if selected.query.is_some() || !selected.rows_are_lines {
        return Ok(None);
    }
    let plan = df.create_physical_plan().await?;
    let count = datafusion::physical_plan::ExecutionPlanProperties::output_partitioning(&plan).partition_count();
    if count < 2 || !keeps_file_order(&plan) {
        return Ok(None);
    }
    let task = ctx.task_ctx();
    let rows_read = Arc::new(AtomicU64::new(0));
    // Dropping the set (the audit is cancelled) stops the tasks too.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..count {
        let mut stream = plan.execute(i, task.clone())?;
        let mut reader = RowReader::new(params, path, selected.clone(), only, keep)?;
        let (progress, rows_read) = (params.progress.clone(), rows_read.clone());
        tasks.spawn(async move {
            while let Some(batch) = stream.next().await {
                match batch.map_err(Error::from).and_then(|b| reader.batch(&b).map(|()| b.num_rows() as u64)) {
                    Ok(n) => {
                        let so_far = rows_read.fetch_add(n, Ordering::Relaxed) + n;
                        if let Some(progress) = &progress {
                            (progress.0)(so_far);
                        }
                    }
                    Err(e) => return (i, reader, Some(e)),
                }
            }
            (i, reader, None)
        });
    }
    merge(path, gather(tasks, count).await?).map(Some)
}

/// The readers of `count` parts of a file, in the file's order, as their tasks return them:
/// `(part, reader, the error that stopped it)`.
pub(crate) type Part = (usize, RowReader, Option<Error>);

pub(crate) async fn gather(
    mut tasks: tokio::task::JoinSet<Part>,
    count: usize,
) -> Result<Vec<(RowReader, Option<Error>)>, Error> {
    let mut parts: Vec<Option<(RowReader, Option<Error>)>> = (0..count).map(|_| None).collect();
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok((i, reader, failed)) => parts[i] = Some((reader, failed)),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(Error::Parameter(format!("reading the events was stopped: {e}"))),
        }
    }
    Ok(parts.into_iter().flatten().collect())
}

/// The partitions' events as one stream over the whole file would have read them: workers and
/// kinds numbered in order of first appearance in the file, each worker's events in file order,
/// rows numbered from the file's first, and the error of the first bad row in the file.
pub(crate) fn merge(path: &Path, parts: Vec<(RowReader, Option<Error>)>) -> Result<Events, Error> {
    use rayon::prelude::*;
    let mut events = Events::default();
    let mut workers: HashMap<String, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut skipped = Vec::new();
    // The file's rows before each part: every row its reader went through, also those passed
    // over as another worker's (`RowReader::only`), which `events.rows` does not count.
    let mut file_rows = 0;
    for (reader, failed) in parts {
        let offset = file_rows;
        file_rows += reader.row;
        let mut part = reader.finish_errors();
        // The partition's kinds in order of first appearance: a kind past the limit stops the
        // file at the row where it first appears, which is before any bad row that stopped the
        // partition.
        let mut kind_ids = Vec::with_capacity(part.events.kinds.len());
        for (kind, first_row) in part.events.kinds.iter().zip(&part.kind_rows) {
            match events.add_kind(kind) {
                Some(id) => kind_ids.push(id),
                None => return Err(Error::Input(too_many_kinds(path, offset + first_row))),
            }
        }
        if let Some(e) = failed {
            return Err(moved(e, offset));
        }
        let mut per_worker = std::mem::take(&mut part.events.per_worker);
        if kind_ids.iter().enumerate().any(|(i, &id)| i != usize::from(id)) {
            per_worker.par_iter_mut().flat_map(|runs| runs.0.par_iter_mut()).for_each(|run| {
                for e in run {
                    e.kind = kind_ids[usize::from(e.kind)];
                }
            });
        }
        for (name, runs) in part.events.worker_names.into_iter().zip(per_worker) {
            match workers.get(&name) {
                Some(&id) => events.per_worker[id as usize].0.extend(runs.0),
                None => {
                    workers.insert(name.clone(), events.worker_names.len() as u32);
                    events.worker_names.push(name);
                    events.per_worker.push(runs);
                }
            }
        }
        events.rows += part.events.rows;
        events.skipped.count += part.events.skipped.count;
        skipped.extend(part.skipped.into_iter().map(|e| moved_input(e, offset)));
    }
    events.skipped.examples = skipped.iter().take(MAX_EXAMPLES).map(InputError::to_string).collect();
    Ok(events)
}

/// `e` with its row number counted from the file's first row rather than the partition's.
fn moved(e: Error, offset: u64) -> Error {
    match e {
        Error::Input(e) => Error::Input(moved_input(e, offset)),
        e => e,
    }
}

fn moved_input(mut e: InputError, offset: u64) -> InputError {
    if let Place::Row { row, .. } = &mut e.place {
        *row += offset;
    }
    e
}

/// The error of a file with more kinds than a `u16` holds, at the row of the first kind too many.
fn too_many_kinds(path: &Path, row: u64) -> InputError {
    InputError {
        file: path.to_owned(),
        place: Place::Row { row, column: Some("kind".into()) },
        message: format!("more than {MAX_KINDS} different event kinds; inzage reads at most {MAX_KINDS}"),
    }
}

/// How many skipped rows are described.
const MAX_EXAMPLES: usize = 20;

/// What one reader read, with what [`merge`] needs to number it as part of the whole file.
struct Read {
    events: Events,
    /// The row where each kind (by id) first appeared.
    kind_rows: Vec<u64>,
    /// The first skipped rows' errors.
    skipped: Vec<InputError>,
}

pub(crate) struct RowReader {
    path: std::path::PathBuf,
    times: TimeParser,
    events: Events,
    /// Worker id by name; foldhash, because this lookup runs once per event row.
    workers: HashMap<String, u32, foldhash::fast::RandomState>,
    /// Rows read so far, counted from this reader's first row.
    row: u64,
    skip: bool,
    /// Keep the events (`false`: only check that every row reads).
    keep: bool,
    /// Read only this worker's rows (by their name as the audit trims it), passing over the
    /// others unread: one worker's own page.
    only: Option<String>,
    /// Where the columns came from, so an error names the user's column.
    selected: Selected,
    kind_rows: Vec<u64>,
    skipped: Vec<InputError>,
    /// The worker and kind ids of the values of the last dictionary each column had.
    worker_slots: Slots,
    kind_slots: Slots,
}

/// An id not yet looked up.
const UNSET: u32 = u32::MAX;

/// The ids of a dictionary column's values, each looked up the first time a row that reads
/// well uses it (ids are numbered in order of first appearance in the file). A Parquet reader
/// gives every batch of a row group the same dictionary, so the ids carry over to the next
/// batch as long as the dictionary does.
#[derive(Default)]
struct Slots {
    values: Option<ArrayRef>,
    ids: Vec<u32>,
}

impl Slots {
    /// Starts again when `column` has another dictionary than the last batch's.
    fn follow(&mut self, column: &ArrayRef) {
        let Some(dictionary) = column.as_any_dictionary_opt() else { return };
        if self.values.as_ref().is_some_and(|v| std::sync::Arc::ptr_eq(v, dictionary.values())) {
            return;
        }
        self.values = Some(dictionary.values().clone());
        self.ids.clear();
        self.ids.resize(dictionary.values().len(), UNSET);
    }
}

/// A text column of one batch, as UTF-8: a dictionary's values are read as text once, not once
/// per row (what pandas and Spark write, and what the Parquet reader gives for a dictionary
/// page, `scan.rs`).
struct Text {
    values: datafusion::arrow::array::StringArray,
    /// For a dictionary: each row's place in `values`, and which rows are null.
    keys: Option<(Vec<usize>, Option<datafusion::arrow::buffer::NullBuffer>)>,
}

impl Text {
    fn new(column: &ArrayRef) -> Result<Text, Error> {
        let utf8 = |a: &ArrayRef| {
            cast(a, &DataType::Utf8).map(|a| a.as_string::<i32>().clone()).map_err(|e| Error::Parameter(e.to_string()))
        };
        match column.as_any_dictionary_opt() {
            Some(dictionary) if !dictionary.values().is_empty() => {
                let keys = (dictionary.normalized_keys(), column.nulls().cloned());
                Ok(Text { values: utf8(dictionary.values())?, keys: Some(keys) })
            }
            _ => Ok(Text { values: utf8(column)?, keys: None }),
        }
    }

    /// Row `i`'s text; `None` when it is null.
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        let at = match &self.keys {
            Some(_) => self.slot(i)?,
            None => i,
        };
        (!self.values.is_null(at)).then(|| self.values.value(at))
    }

    /// Row `i`'s place in the dictionary, for a dictionary column; `None` when it is null.
    #[inline]
    fn slot(&self, i: usize) -> Option<usize> {
        let (keys, nulls) = self.keys.as_ref()?;
        nulls.as_ref().is_none_or(|n| n.is_valid(i)).then(|| keys[i])
    }
}

impl RowReader {
    pub(crate) fn new(
        params: &Params,
        path: &Path,
        selected: Selected,
        only: Option<&str>,
        keep: bool,
    ) -> Result<RowReader, Error> {
        Ok(RowReader {
            path: path.to_owned(),
            times: time_parser(params, Input::Events)?,
            events: Events::default(),
            workers: HashMap::default(),
            row: 0,
            skip: params.skip_bad_rows,
            keep,
            only: only.map(|name| trimmed(name).to_owned()),
            selected,
            kind_rows: Vec::new(),
            skipped: Vec::new(),
            worker_slots: Slots::default(),
            kind_slots: Slots::default(),
        })
    }

    /// The events of a reader that read the whole file.
    fn finish(self) -> Events {
        let mut read = self.finish_errors();
        read.events.skipped.examples = read.skipped.iter().map(InputError::to_string).collect();
        read.events
    }

    fn finish_errors(self) -> Read {
        Read { events: self.events, kind_rows: self.kind_rows, skipped: self.skipped }
    }

    fn bad(&mut self, row: u64, column: &str, message: String) -> Result<(), Error> {
        let error = InputError {
            file: self.path.to_owned(),
            place: Place::Row { row, column: Some(self.selected.label(column)) },
            message: self.selected.explain(column, message),
        };
        if !self.skip {
            return Err(Error::Input(error));
        }
        self.events.skipped.count += 1;
        if self.skipped.len() < MAX_EXAMPLES {
            self.skipped.push(error);
        }
        Ok(())
    }

    pub(crate) fn batch(&mut self, batch: &datafusion::arrow::record_batch::RecordBatch) -> Result<(), Error> {
        let text = |a: &ArrayRef| cast(a, &DataType::Utf8);
        let worker = Text::new(batch.column(0))?;
        let kind = Text::new(batch.column(2))?;
        self.worker_slots.follow(batch.column(0));
        self.kind_slots.follow(batch.column(2));
        let time = batch.column(1);
        // A profile's time format reads the column as text, whatever its type (Excel's serial
        // days are numbers in a Parquet file).
        let formatted = self.times.has_format();
        let time_ms: Option<ArrayRef> = match time.data_type() {
            _ if formatted => None,
            DataType::Timestamp(_, _) => Some(
                cast(time, &DataType::Timestamp(TimeUnit::Millisecond, None))
                    .map_err(|e| Error::Parameter(e.to_string()))?,
            ),
            _ => None,
        };
        let time_int = match time.data_type() {
            _ if formatted => None,
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
            _ if formatted => None,
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
        let mut last_kind: Option<(&str, u16)> = None;
        let mut last_worker: Option<(&str, u32)> = None;
        for i in 0..batch.num_rows() {
            self.row += 1;
            let row = self.row;
            let name = trimmed(worker.get(i).unwrap_or_default());
            if self.only.as_deref().is_some_and(|only| only != name) {
                continue;
            }
            self.events.rows += 1;
            if name.is_empty() {
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
            let kind_name = trimmed(kind.get(i).unwrap_or_default());
            if kind_name.is_empty() {
                self.bad(row, "kind", "empty event kind".into())?;
                continue;
            }
            let q = match (&quantity_raw, &quantity_num) {
                (_, Some(num)) => {
                    let num = num.as_primitive::<Float64Type>();
                    if num.is_null(i) {
                        self.bad(row, "quantity", EMPTY_QUANTITY.into())?;
                        continue;
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
                        self.bad(row, "quantity", EMPTY_QUANTITY.into())?;
                        continue;
                    } else {
                        match formats::parse_number(raw.value(i)) {
                            Some(q) if q >= 0.0 => q,
                            Some(_) => {
                                self.bad(
                                    row,
                                    "quantity",
                                    format!("`{}` is negative; a quantity is 0 or more", raw.value(i)),
                                )?;
                                continue;
                            }
                            None => {
                                self.bad(row, "quantity", format!("`{}` is not a number", raw.value(i)))?;
                                continue;
                            }
                        }
                    }
                }
                _ => 1.0,
            };
            // A dictionary's value is looked up once (its slot keeps the id); rows often repeat
            // the last row's kind or worker: a comparison of a few bytes instead of a hash lookup.
            let kind_slot = kind.slot(i);
            let kind_id = match (kind_slot.map(|s| self.kind_slots.ids[s]), last_kind) {
                (Some(id), _) if id != UNSET => id as u16,
                (None, Some((k, id))) if k == kind_name => id,
                _ => {
                    let Some(kind_id) = self.events.add_kind(kind_name) else {
                        // Not a bad row to skip: the file as a whole cannot be read.
                        return Err(Error::Input(too_many_kinds(&self.path, row)));
                    };
                    if usize::from(kind_id) == self.kind_rows.len() {
                        self.kind_rows.push(row);
                    }
                    match kind_slot {
                        Some(s) => self.kind_slots.ids[s] = u32::from(kind_id),
                        None => last_kind = Some((kind_name, kind_id)),
                    }
                    kind_id
                }
            };
            let worker_slot = worker.slot(i);
            let id = match (worker_slot.map(|s| self.worker_slots.ids[s]), last_worker) {
                (Some(id), _) if id != UNSET => id,
                (None, Some((w, id))) if w == name => id,
                _ => {
                    let id = match self.workers.get(name) {
                        Some(id) => *id,
                        None => {
                            let id = self.events.worker_names.len() as u32;
                            self.workers.insert(name.to_owned(), id);
                            self.events.worker_names.push(name.to_owned());
                            self.events.per_worker.push(Runs::default());
                            id
                        }
                    };
                    match worker_slot {
                        Some(s) => self.worker_slots.ids[s] = id,
                        None => last_worker = Some((name, id)),
                    }
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

/// A file of `input` as inzage's own columns, for the portal's import: `None` when nothing maps
/// it and the portal reads it as it is (events in any format, other files in CSV), else a CSV file in a temporary folder named
/// after the original. Every row is read and checked first, with the errors of [`crate::audit`].
pub async fn prepare(params: &Params, input: Input, path: &Path) -> Result<Option<Prepared>, Error> {
    use std::io::Write;
    let part = params.profile.as_ref().and_then(|p| p.part(input));
    // The portal reads events in any format, the other files as CSV.
    if (is_csv(path) || input == Input::Events) && part.is_none() && !params.map.touches(input) {
        return Ok(None);
    }
    let io = |e: std::io::Error| Error::Parameter(format!("cannot write a temporary file: {e}"));
    let dir = tempfile::tempdir().map_err(io)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
    let file = dir.path().join(format!("{stem}.csv"));
    // Written as it goes: an events file can be large.
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).map_err(io)?);
    let line = |out: &mut std::io::BufWriter<std::fs::File>, fields: &[String]| writeln!(out, "{}", fields.join(","));
    match input {
        Input::Events => {
            let mut one = params.clone();
            one.events = Some(path.to_owned());
            let events = read_events(&one).await?;
            line(&mut out, &["worker,time,kind,quantity".into()]).map_err(io)?;
            for (name, evs) in events.worker_names.iter().zip(&events.per_worker) {
                for e in evs.iter() {
                    let fields = [
                        csv_field(name),
                        e.time_ms.to_string(),
                        csv_field(&events.kinds[e.kind as usize]),
                        e.quantity.to_string(),
                    ];
                    line(&mut out, &fields).map_err(io)?;
                }
            }
        }
        Input::Workers => {
            let (workers, _) = read_workers(params, path).await?;
            let names: std::collections::BTreeSet<&str> =
                workers.iter().flat_map(|w| w.attributes.keys().map(String::as_str)).collect();
            let mut header = vec![csv_field("worker")];
            header.extend(names.iter().map(|n| csv_field(n)));
            line(&mut out, &header).map_err(io)?;
            for w in &workers {
                let mut row = vec![csv_field(&w.id)];
                row.extend(names.iter().map(|n| csv_field(w.attributes.get(*n).map_or("", String::as_str))));
                line(&mut out, &row).map_err(io)?;
            }
        }
        Input::Decisions => {
            let decisions = read_decisions(params, path).await?;
            line(&mut out, &["worker,time,decision,automated,reviewed,review_seconds,overturned,score,reason".into()])
                .map_err(io)?;
            let yes = |b: Option<bool>| b.map_or(String::new(), |b| b.to_string());
            let num = |n: Option<f64>| n.map_or(String::new(), |n| n.to_string());
            for d in &decisions {
                let row = [
                    csv_field(&d.worker),
                    d.time.to_string(),
                    csv_field(&d.decision),
                    yes(d.automated),
                    yes(d.reviewed),
                    num(d.review_seconds),
                    yes(d.overturned),
                    num(d.score),
                    csv_field(d.reason.as_deref().unwrap_or_default()),
                ];
                line(&mut out, &row).map_err(io)?;
            }
        }
        Input::Measures => {
            return Err(Error::Parameter(
                "measures are audited with `inzage audit --measures`; the portal does not store them".into(),
            ));
        }
    }
    out.flush().map_err(io)?;
    Ok(Some(Prepared { _dir: dir, path: file }))
}

/// A CSV field, quoted.
fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A file [`prepare`] wrote; removed when dropped.
#[derive(Debug)]
pub struct Prepared {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Float64Array, StringArray, TimestampMillisecondArray};
    use datafusion::arrow::datatypes::{Field, Schema};
    use datafusion::arrow::record_batch::RecordBatch;
    use datafusion::parquet::arrow::ArrowWriter;
    use datafusion::parquet::file::properties::WriterProperties;

    use super::*;

    /// One row: worker, time (ms), kind, quantity; `None` is an empty value.
    type Row = (Option<&'static str>, Option<i64>, &'static str, Option<f64>);

    /// A Parquet file of `rows` in row groups of `group` rows, written in two batches so that
    /// row groups do not follow the batches.
    fn parquet(dir: &Path, rows: &[Row], group: usize) -> std::path::PathBuf {
        parquet_as(dir, rows, group, Layout::Text)
    }

    /// How a test file stores its text columns.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Layout {
        /// Text, in dictionary pages (the Parquet writer's default).
        Text,
        /// Text, every value written out (no dictionary pages).
        Plain,
        /// Arrow dictionaries with 8-bit keys, as pandas writes categorical text.
        Categorical,
    }

    fn parquet_as(dir: &Path, rows: &[Row], group: usize, layout: Layout) -> std::path::PathBuf {
        use datafusion::arrow::array::DictionaryArray;
        use datafusion::arrow::datatypes::Int8Type;
        let text_type = match layout {
            Layout::Categorical => DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8)),
            _ => DataType::Utf8,
        };
        let text = |values: Vec<Option<&str>>| -> ArrayRef {
            match layout {
                Layout::Categorical => Arc::new(values.into_iter().collect::<DictionaryArray<Int8Type>>()),
                _ => Arc::new(values.into_iter().collect::<StringArray>()),
            }
        };
        let schema = Arc::new(Schema::new(vec![
            Field::new("worker", text_type.clone(), true),
            Field::new("time", DataType::Timestamp(TimeUnit::Millisecond, None), true),
            Field::new("kind", text_type, true),
            Field::new("quantity", DataType::Float64, true),
        ]));
        let path = dir.join("events.parquet");
        let props = WriterProperties::builder()
            .set_max_row_group_row_count(Some(group))
            .set_dictionary_enabled(layout != Layout::Plain)
            .build();
        let mut writer =
            ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema.clone(), Some(props)).unwrap();
        let (a, b) = rows.split_at(rows.len() / 3);
        for rows in [a, b] {
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![
                    text(rows.iter().map(|r| r.0).collect()),
                    Arc::new(rows.iter().map(|r| r.1).collect::<TimestampMillisecondArray>()),
                    text(rows.iter().map(|r| Some(r.2)).collect()),
                    Arc::new(rows.iter().map(|r| r.3).collect::<Float64Array>()),
                ],
            )
            .unwrap();
            writer.write(&batch).unwrap();
        }
        let meta = writer.close().unwrap();
        assert_eq!(meta.num_row_groups(), rows.len().div_ceil(group), "the row groups the test means");
        path
    }

    /// 30 rows in row groups of 4: `B` first appears in the third row group and `C` in the last,
    /// the kind `pick` first in the sixth; `A` has equal times on both sides of a row-group border
    /// (rows 4 and 5) and within a group (rows 13 and 14), `B` and `C` within their first.
    fn rows() -> Vec<Row> {
        let m = |minute: i64| Some(1_772_431_200_000 + minute * 60_000);
        let mut rows: Vec<Row> = vec![
            (Some("A"), m(0), "login", Some(1.0)),
            (Some("A"), m(1), "scan", Some(2.0)),
            (Some("A"), m(2), "scan", Some(1.0)),
            (Some("A"), m(3), "scan", Some(1.0)),
            (Some("A"), m(3), "login", Some(1.0)),
            (Some("A"), m(4), "scan", Some(3.0)),
            (Some("A"), m(5), "scan", Some(1.0)),
            (Some("A"), m(6), "scan", Some(1.0)),
            (Some(" B "), m(1), "scan", Some(1.0)),
            (Some("B"), m(1), "login", Some(1.0)),
            (Some("A"), m(7), "scan", Some(1.0)),
            (Some("A"), m(8), "scan", Some(1.0)),
            (Some("A"), m(9), "scan", Some(5.0)),
            (Some("A"), m(9), "login", Some(1.0)),
        ];
        for i in 0..12 {
            let kind = if i >= 6 { "pick" } else { "scan" };
            rows.push((Some(if i % 3 == 0 { "B" } else { "A" }), m(10 + i), kind, Some(1.0)));
        }
        rows.extend([
            (Some("C"), m(0), "scan", Some(1.0)),
            (Some("A"), m(30), "pick", Some(0.0)),
            (Some("C"), m(0), "login", Some(1.0)),
            (Some("B"), m(40), "scan", Some(2.5)),
        ]);
        rows
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
    }

    /// The file read as one stream, and as `partitions` streams (which must happen).
    fn both(params: &Params, only: Option<&str>, keep: bool, partitions: usize) -> (Events, Events) {
        let path = params.events.clone().unwrap();
        runtime().block_on(async {
            let one = read_stream(params, &path, only, keep).await.unwrap();
            let many = partitioned(params, &path, only, keep, partitions, Some(3)).await.unwrap();
            (one, many.expect("the file is read as several streams"))
        })
    }

    fn error(params: &Params, partitions: usize) -> String {
        let path = params.events.clone().unwrap();
        // Batches of 3 rows: DataFusion splits a scan only when it has more rows than a batch.
        runtime().block_on(read_file_in(params, &path, None, true, partitions, Some(3))).unwrap_err().to_string()
    }

    #[test]
    fn a_parquet_file_read_on_several_cores_gives_exactly_what_one_stream_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = parquet(dir.path(), &rows(), 4);
        assert_eq!(parquet_row_groups_in_order(&path), 8);
        let params = Params::new(path, vec![]);
        for partitions in [2, 3, 8] {
            let (one, many) = both(&params, None, true, partitions);
            assert_eq!(one.worker_names, ["A", "B", "C"]);
            assert_eq!(one.kinds, ["login", "scan", "pick"]);
            assert_eq!(one.rows, 30);
            assert_eq!(many, one, "{partitions} partitions");
            // Only checking: the same rows, nothing kept.
            let (one, many) = both(&params, None, false, partitions);
            assert_eq!((many.rows, many.per_worker.iter().map(Runs::len).sum::<usize>()), (30, 0));
            assert_eq!(many, one, "{partitions} partitions, only checking");
            // One worker's events (the worker's own page).
            let (one, many) = both(&params, Some("B"), true, partitions);
            // ` B ` is B, as the audit reads it (trimmed): the page lists every row the audit counts.
            assert_eq!(one.per_worker.iter().map(Runs::len).sum::<usize>(), 7, "` B ` is `B`");
            assert_eq!(many, one, "{partitions} partitions, one worker");
        }
        // Ties keep file order: `A`'s two events at minute 3 sit on both sides of a row-group
        // border (ties across streams: `runs_merged_by_time_are_a_stable_sort_of_all_their_events`).
        let (_, many) = both(&params, None, true, 8);
        let mut a = many.per_worker[0].clone();
        assert!(a.0.len() > 1, "A's events come from several streams");
        a.sort_by_time();
        let at_3: Vec<u16> =
            a.by_time().filter(|e| e.time_ms == 1_772_431_200_000 + 3 * 60_000).map(|e| e.kind).collect();
        assert_eq!(at_3, [1, 0], "scan, then login");
    }

    /// The file read by DataFusion as one stream, and by row groups (`scan.rs`, which must).
    fn scanned_and_one(
        params: &Params,
        only: Option<&str>,
        keep: bool,
        partitions: usize,
    ) -> (Result<Events, String>, Result<Events, String>) {
        let path = params.events.clone().unwrap();
        runtime().block_on(async {
            let one = read_stream(params, &path, only, keep).await.map_err(|e| e.to_string());
            let scanned = match scanned(params, &path, only, keep, partitions, Some(3)).await {
                Ok(events) => Ok(events.expect("the file is read by row groups")),
                Err(e) => Err(e.to_string()),
            };
            (one, scanned)
        })
    }

    #[test]
    fn a_parquet_file_read_by_row_groups_as_dictionaries_gives_exactly_what_datafusion_reads() {
        let dir = tempfile::tempdir().unwrap();
        // A worker missing, and a kind that is only spaces; row groups whose dictionaries list
        // the same names in another order (`A`, `B` in one, `B`, `A` in the next).
        let mut rows = rows();
        rows[17].0 = None;
        rows[21].2 = "  ";
        rows[12].0 = Some("B");
        for layout in [Layout::Text, Layout::Plain, Layout::Categorical] {
            let mut params = Params::new(parquet_as(dir.path(), &rows, 4, layout), vec![]);
            for skip in [false, true] {
                params.skip_bad_rows = skip;
                for partitions in [1, 2, 3, 8] {
                    for keep in [true, false] {
                        let (one, scanned) = scanned_and_one(&params, None, keep, partitions);
                        let what = format!("{layout:?}, {partitions} partitions, keep {keep}, skip {skip}");
                        assert_eq!(scanned, one, "{what}");
                        match &one {
                            Ok(one) => {
                                assert!(skip, "{what}");
                                assert_eq!(one.worker_names, ["A", "B", "C"], "{what}");
                                assert_eq!(one.skipped.count, 2, "{what}");
                                assert!(one.skipped.examples[0].contains("row 18, column `worker`"), "{what}");
                                assert!(one.skipped.examples[1].contains("row 22, column `kind`"), "{what}");
                                if keep {
                                    assert_eq!(one.per_worker.iter().map(Runs::len).sum::<usize>(), 28, "{what}");
                                }
                            }
                            Err(e) => assert!(!skip && e.contains("row 18, column `worker`"), "{what}: {e}"),
                        }
                    }
                }
            }
        }
        // Renamed columns are read by row groups too; a profile's default is DataFusion's to fill.
        let renamed = dir.path().join("renamed.parquet");
        let batch = {
            let file = std::fs::File::open(parquet_as(dir.path(), &rows, 4, Layout::Text)).unwrap();
            let reader = datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(file, 64).unwrap();
            let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
            datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap()
        };
        let schema = Schema::new(
            ["Medewerker", "Tijd", "Soort", "Aantal"]
                .iter()
                .zip(batch.schema().fields())
                .map(|(name, f)| f.as_ref().clone().with_name(*name))
                .collect::<Vec<_>>(),
        );
        let batch = RecordBatch::try_new(Arc::new(schema), batch.columns().to_vec()).unwrap();
        let props = WriterProperties::builder().set_max_row_group_row_count(Some(4)).build();
        let mut writer =
            ArrowWriter::try_new(std::fs::File::create(&renamed).unwrap(), batch.schema(), Some(props)).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let mut params = Params::new(renamed, vec![]);
        params.skip_bad_rows = true;
        params.map = crate::ColumnMap::parse("worker=Medewerker,time=Tijd,kind=Soort,quantity=Aantal").unwrap();
        let (one, scanned) = scanned_and_one(&params, None, true, 2);
        assert_eq!(scanned, one);
        assert_eq!(one.unwrap().worker_names, ["A", "B", "C"]);
    }

    /// One worker's page passes over the other workers' rows, but an error or a skipped row of
    /// theirs still names the file's row, whichever way and in how many parts the file is read
    /// (a part's rows are counted from the rows before it in the file, not from the worker's).
    #[test]
    fn one_workers_bad_row_names_the_files_row_on_every_path() {
        let dir = tempfile::tempdir().unwrap();
        // One of B's seven rows, in the sixth row group, has no time.
        let mut rows = rows();
        rows[23].1 = None;
        let mut params = Params::new(parquet(dir.path(), &rows, 4), vec![]);
        let path = params.events.clone().unwrap();
        for skip in [false, true] {
            params.skip_bad_rows = skip;
            for partitions in [1, 2, 3, 8] {
                let what = format!("{partitions} partitions, skip {skip}");
                let (one, scanned) = scanned_and_one(&params, Some("B"), true, partitions);
                assert_eq!(scanned, one, "{what}");
                if partitions > 1 {
                    let many = runtime()
                        .block_on(partitioned(&params, &path, Some("B"), true, partitions, Some(3)))
                        .map(|many| many.expect("the file is read as several streams"))
                        .map_err(|e| e.to_string());
                    assert_eq!(many, one, "{what}");
                }
                match one {
                    Ok(one) => {
                        assert!(skip, "{what}");
                        assert_eq!((one.rows, one.skipped.count), (7, 1), "{what}");
                        assert!(one.skipped.examples[0].contains("row 24, column `time`"), "{what}");
                        assert_eq!(one.per_worker.iter().map(Runs::len).sum::<usize>(), 6, "{what}");
                    }
                    Err(e) => assert!(!skip && e.contains("row 24, column `time`"), "{what}: {e}"),
                }
            }
        }
    }

    #[test]
    fn runs_merged_by_time_are_a_stable_sort_of_all_their_events() {
        // Times from a small generator with many ties; the kind numbers the events in file order.
        let mut seed = 7_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % 20) as i64
        };
        let all: Vec<Ev> = (0..300).map(|i| Ev { time_ms: next(), kind: i, quantity: 1.0 }).collect();
        for cuts in [vec![], vec![0, 0, 150], vec![10, 200, 299], vec![1, 2, 3, 100]] {
            let mut runs = Runs(Vec::new());
            let mut start = 0;
            for &cut in cuts.iter().chain([&300]) {
                runs.0.push(all[start..cut.max(start)].to_vec());
                start = cut.max(start);
            }
            assert_eq!(runs.len(), 300);
            let mut sorted = all.clone();
            sorted.sort_by_key(|e| e.time_ms);
            runs.sort_by_time();
            assert_eq!(runs.by_time().copied().collect::<Vec<_>>(), sorted, "runs cut at {cuts:?}");
            assert_eq!(runs.into_vec().len(), 300);
        }
    }

    #[test]
    fn the_first_bad_row_in_the_file_is_reported_with_its_row_whichever_partition_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut rows = rows();
        rows[22].1 = None;
        rows[26].3 = Some(-1.0);
        let path = parquet(dir.path(), &rows, 4);
        let mut params = Params::new(path, vec![]);
        let one = error(&params, 1);
        assert!(one.contains("row 23, column `time`"), "{one}");
        for partitions in [2, 3, 8] {
            assert_eq!(error(&params, partitions), one, "{partitions} partitions");
        }
        // An earlier bad row, in the first row group, comes first.
        rows[2].0 = None;
        params.events = Some(parquet(dir.path(), &rows, 4));
        let one = error(&params, 1);
        assert!(one.contains("row 3, column `worker`"), "{one}");
        assert_eq!(error(&params, 3), one);
        // Skipped: the same count and the same examples, with the file's row numbers.
        params.skip_bad_rows = true;
        for partitions in [2, 3, 8] {
            let (one, many) = both(&params, None, true, partitions);
            assert_eq!(one.skipped.count, 3);
            assert!(one.skipped.examples[1].contains("row 23"), "{:?}", one.skipped.examples);
            assert!(one.skipped.examples[2].contains("row 27, column `quantity`"), "{:?}", one.skipped.examples);
            assert_eq!(many, one, "{partitions} partitions");
        }
    }
}
