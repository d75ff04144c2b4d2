//! The events in inzage's own columns with their order written out: the cluster's input.
//!
//! A cluster reads a file in parts and sends each worker's events to one executor by a hash of
//! the worker: the file's order is lost on the way. The per-worker pass needs it (events at the
//! same moment count in file order), so the order travels as a column: [`SEQUENCE`].

use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayBuilder, ArrayRef, Float64Builder, Int64Builder, StringBuilder, TimestampMillisecondBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;

use crate::input::{SkippedRows, read_events};
use crate::{Error, Params};

/// The order column: each event's place among its worker's events, in time order with equal
/// times in the source file's order.
pub const SEQUENCE: &str = "seq";

/// The file's metadata key for the kinds in the order they first appear in the source: the
/// file's own order (worker after worker) would give another, and per-worker results list
/// kinds in that order.
pub const KINDS_KEY: &str = "inzage.kinds";

/// The file's metadata key for the time zone the source's local times were read in, and the rows
/// skipped: an audit of the file reports them as an audit of the source would.
pub const SOURCE_KEY: &str = "inzage.source";

/// What [`SOURCE_KEY`] holds.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Source {
    pub time_zone: String,
    pub skipped: SkippedRows,
}

/// Rows per batch written, and per row group: small row groups let a cluster split even a
/// small file between its executors.
const BATCH: usize = 65_536;
const ROW_GROUP: usize = BATCH;

/// The file's columns: `worker`, `time` (UTC milliseconds), `kind`, `quantity`, [`SEQUENCE`].
pub(crate) fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("worker", DataType::Utf8, false),
        Field::new("time", DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())), false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("quantity", DataType::Float64, false),
        Field::new(SEQUENCE, DataType::Int64, false),
    ]))
}

/// Reads `params.events` as the audit reads it (any format, the column map, the profile, the time
/// zone, bad rows skipped if asked) and writes it to `out` as Parquet in [`schema`]'s columns:
/// worker after worker in the order they first appear, each worker's events in time order (equal
/// times in file order), numbered by [`SEQUENCE`]. An audit of the written file gives the report an
/// audit of the source gives. Nothing is left at `out` unless the whole file was written.
/// Returns the events written and the rows skipped.
pub async fn sequence(params: &Params, out: &Path) -> Result<(u64, SkippedRows), Error> {
    if params.events.is_none() {
        return Err(Error::Parameter("no events file to write in order".into()));
    }
    let mut events = read_events(params).await?;
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let io = |e: std::io::Error| Error::Parameter(format!("{}: {e}", out.display()));
    let partial = tempfile::Builder::new().prefix(".inzage-sequence-").tempfile_in(dir).map_err(io)?;
    let json = |e: serde_json::Error| Error::Parameter(e.to_string());
    let kinds = serde_json::to_string(&events.kinds).map_err(json)?;
    let source = Source { time_zone: params.time_zone.clone(), skipped: events.skipped.clone() };
    let source = serde_json::to_string(&source).map_err(json)?;
    use datafusion::parquet::file::metadata::KeyValue;
    let properties = WriterProperties::builder()
        .set_key_value_metadata(Some(vec![
            KeyValue::new(KINDS_KEY.to_owned(), kinds),
            KeyValue::new(SOURCE_KEY.to_owned(), source),
        ]))
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let schema = schema();
    let engine = |e: datafusion::parquet::errors::ParquetError| Error::Parameter(format!("{}: {e}", out.display()));
    let mut writer = ArrowWriter::try_new(partial.as_file(), schema.clone(), Some(properties)).map_err(engine)?;
    let mut batch = Batch::default();
    let mut seq: i64 = 0;
    for (name, runs) in events.worker_names.iter().zip(events.per_worker.iter_mut()) {
        runs.sort_by_time();
        for e in runs.by_time() {
            batch.worker.append_value(name);
            batch.time.append_value(e.time_ms);
            batch.kind.append_value(&events.kinds[usize::from(e.kind)]);
            batch.quantity.append_value(e.quantity);
            batch.seq.append_value(seq);
            seq += 1;
            if batch.seq.len() == BATCH {
                writer.write(&batch.finish(&schema)?).map_err(engine)?;
            }
        }
    }
    if !batch.seq.is_empty() {
        writer.write(&batch.finish(&schema)?).map_err(engine)?;
    }
    writer.close().map_err(engine)?;
    partial.as_file().sync_all().map_err(io)?;
    partial.persist(out).map_err(|e| io(e.error))?;
    Ok((seq as u64, events.skipped))
}

/// The rows of one batch, column by column.
#[derive(Default)]
struct Batch {
    worker: StringBuilder,
    time: TimestampMillisecondBuilder,
    kind: StringBuilder,
    quantity: Float64Builder,
    seq: Int64Builder,
}

impl Batch {
    /// The rows so far as a batch; the builders start again empty.
    fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch, Error> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.worker.finish()),
            Arc::new(self.time.finish().with_timezone("UTC")),
            Arc::new(self.kind.finish()),
            Arc::new(self.quantity.finish()),
            Arc::new(self.seq.finish()),
        ];
        RecordBatch::try_new(schema.clone(), columns).map_err(|e| Error::Parameter(e.to_string()))
    }
}
