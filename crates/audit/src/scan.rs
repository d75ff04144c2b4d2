//! Reading a Parquet events file straight from its row groups with the parquet crate, one
//! thread per run of row groups, its text columns as dictionaries.
//!
//! Writers store text columns as dictionary pages (pyarrow, pandas, Spark, DuckDB and the
//! generator all do by default): the worker and kind of each row are a number into a short list
//! of names. Read through a DataFusion plan, every row's name was copied out of that list into
//! a new string, then hashed to find its worker: about a quarter of an audit's time. Read here
//! as an Arrow dictionary, each name is looked up once per row group (`input::Slots`).
//!
//! Only a plain read goes this way: the file's own columns, under their names or renamed by
//! `--map` or a profile, without a query, constants or defaults (the whole file, or one worker's
//! rows for their own page, `RowReader` passing over the others). Anything
//! else is read through DataFusion as before (`input::partitioned`, `input::read_stream`), and
//! so is a file this reader cannot open, so that DataFusion reports what is wrong with it.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ProjectionMask;
use datafusion::parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};

use crate::input::{Events, Part, RowReader, gather, merge};
use crate::profile::{Input, Selected};
use crate::{Error, Params};

/// inzage's event columns, in the order `RowReader::batch` takes them.
const COLUMNS: [&str; 4] = ["worker", "time", "kind", "quantity"];

/// The rows of a batch (DataFusion's default).
const BATCH: usize = 8192;

/// The events of the Parquet file at `path`, read as up to `partitions` runs of row groups at
/// once; `None` when the read is not a plain one (see the module) and DataFusion reads it.
pub(crate) async fn read(
    params: &Params,
    path: &Path,
    selected: &Selected,
    only: Option<&str>,
    keep: bool,
    partitions: usize,
    batch_size: Option<usize>,
) -> Result<Option<Events>, Error> {
    let part = params.profile.as_ref().and_then(|p| p.part(Input::Events));
    let filled =
        part.is_some_and(|p| COLUMNS.iter().any(|c| p.constants.contains_key(*c) || p.defaults.contains_key(*c)));
    if filled || selected.query.is_some() || !selected.rows_are_lines {
        return Ok(None);
    }
    let Some((metadata, roots)) = open(path, selected) else { return Ok(None) };
    // The projection gives the columns in the file's order; `order` puts them in inzage's.
    let mut sorted = roots.clone();
    sorted.sort_unstable();
    sorted.dedup();
    let order: Vec<usize> = roots.iter().map(|r| sorted.binary_search(r).expect("a root of the projection")).collect();
    let mask = ProjectionMask::roots(metadata.parquet_schema(), sorted.iter().copied());
    let ranges = runs(&metadata, partitions);
    let count = ranges.len();
    let rows_read = Arc::new(AtomicU64::new(0));
    // A blocking task cannot be aborted: it stops at its next batch when the read is dropped
    // (an upload's check cancelled), or when a run before its own has failed, since the error
    // reported is the first in the file and the later runs' rows are not needed.
    let stop = Stop::default();
    let _cancel_on_drop = Cancel(stop.cancelled.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for (i, groups) in ranges.into_iter().enumerate() {
        let mut reader = RowReader::new(params, path, selected.clone(), only, keep)?;
        let (metadata, mask, order, path) = (metadata.clone(), mask.clone(), order.clone(), path.to_owned());
        let (progress, rows_read, stop) = (params.progress.clone(), rows_read.clone(), stop.clone());
        tasks.spawn_blocking(move || -> Part {
            let engine = |e: datafusion::error::DataFusionError| Some(Error::Engine(e));
            let file = match std::fs::File::open(&path) {
                Ok(file) => file,
                Err(e) => return (i, reader, engine(e.into())),
            };
            let batches = ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata)
                .with_projection(mask)
                .with_row_groups(groups)
                .with_batch_size(batch_size.unwrap_or(BATCH))
                .build();
            let batches = match batches {
                Ok(batches) => batches,
                Err(e) => return (i, reader, engine(e.into())),
            };
            for batch in batches {
                if stop.cancelled.load(Ordering::Relaxed) || stop.first_failed.load(Ordering::Relaxed) < i {
                    return (i, reader, None);
                }
                let batch = match batch.and_then(|b| b.project(&order)) {
                    Ok(batch) => batch,
                    Err(e) => {
                        stop.first_failed.fetch_min(i, Ordering::Relaxed);
                        return (i, reader, engine(e.into()));
                    }
                };
                if let Err(e) = reader.batch(&batch) {
                    stop.first_failed.fetch_min(i, Ordering::Relaxed);
                    return (i, reader, Some(e));
                }
                let n = batch.num_rows() as u64;
                let so_far = rows_read.fetch_add(n, Ordering::Relaxed) + n;
                if let Some(progress) = &progress {
                    (progress.0)(so_far);
                }
            }
            (i, reader, None)
        });
    }
    merge(path, gather(tasks, count).await?).map(Some)
}

/// When the runs' tasks stop early.
#[derive(Clone)]
struct Stop {
    /// The read was dropped.
    cancelled: Arc<AtomicBool>,
    /// The first run that failed (`usize::MAX`: none): the runs after it stop.
    first_failed: Arc<AtomicUsize>,
}

impl Default for Stop {
    fn default() -> Stop {
        Stop { cancelled: Arc::default(), first_failed: Arc::new(AtomicUsize::new(usize::MAX)) }
    }
}

/// Stops the runs' tasks when dropped, whether the read finished or was dropped half-way.
struct Cancel(Arc<AtomicBool>);

impl Drop for Cancel {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// The file's metadata, with the worker and kind columns asked for as dictionaries where they
/// are text, and the file's column for each of inzage's (quantity only when it has one).
/// `None` when the file does not open or lacks a column: DataFusion then says why.
fn open(path: &Path, selected: &Selected) -> Option<(ArrowReaderMetadata, Vec<usize>)> {
    let file = std::fs::File::open(path).ok()?;
    let metadata = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new()).ok()?;
    let schema = metadata.schema();
    let mut roots = Vec::with_capacity(COLUMNS.len());
    for column in COLUMNS {
        match selected.sources.get(column) {
            Some(source) => roots.push(schema.index_of(source).ok()?),
            None if column == "quantity" => {}
            None => return None,
        }
    }
    // Two columns of one name: which one is read is DataFusion's to say.
    if roots.iter().any(|r| schema.fields().iter().filter(|f| f.name() == schema.field(*r).name()).count() > 1) {
        return None;
    }
    let as_dictionary = [roots[0], roots[2]];
    let fields: Vec<Arc<Field>> = schema
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 if as_dictionary.contains(&i) => {
                let dictionary = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
                Arc::new(f.as_ref().clone().with_data_type(dictionary))
            }
            _ => f.clone(),
        })
        .collect();
    let hinted = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
    let metadata =
        ArrowReaderMetadata::try_new(metadata.metadata().clone(), ArrowReaderOptions::new().with_schema(hinted));
    Some((metadata.ok()?, roots))
}

/// The file's row groups as up to `partitions` runs of consecutive groups with about as many
/// rows each, the first run first.
fn runs(metadata: &ArrowReaderMetadata, partitions: usize) -> Vec<Vec<usize>> {
    // In u128: the counts are the footer's word, and a crafted footer's must not overflow.
    let rows: Vec<u128> = metadata.metadata().row_groups().iter().map(|g| g.num_rows().max(0) as u128).collect();
    let total: u128 = rows.iter().sum();
    let partitions = partitions.clamp(1, rows.len().max(1)) as u128;
    let mut runs: Vec<Vec<usize>> = vec![Vec::new()];
    let mut so_far: u128 = 0;
    for (i, n) in rows.iter().enumerate() {
        // A run ends once it holds its share: the k-th ends where the rows so far reach k/p of all.
        if (runs.len() as u128) < partitions
            && so_far * partitions >= total * runs.len() as u128
            && !runs[runs.len() - 1].is_empty()
        {
            runs.push(Vec::new());
        }
        runs.last_mut().expect("one run at least").push(i);
        so_far += n;
    }
    runs
}
