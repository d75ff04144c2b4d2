//! Writing the generated files: atomically (a temporary name, renamed when complete).

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_array::builder::{Int32Builder, StringBuilder, TimestampMillisecondBuilder};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use jiff::tz::TimeZone;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding};
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::model::{Decided, Run, WorkerProfile};
use crate::{EVENT_SYSTEM, Error};

/// Rows per Arrow batch handed to the Parquet writer.
const BATCH_ROWS: usize = 128 * 1024;
/// Rows per Parquet row group.
const ROW_GROUP_ROWS: usize = 1024 * 1024;

/// Writes `path` through `write`, first under a temporary name; renames it into place only when
/// `write` succeeded, and removes the temporary file otherwise.
pub(crate) fn write_atomic<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T, Error>,
) -> Result<T, Error> {
    let partial = partial_name(path);
    let io = |source| Error::Io { path: path.to_owned(), source };
    let result = (|| {
        let mut file = BufWriter::with_capacity(1 << 20, File::create(&partial).map_err(io)?);
        let value = write(&mut file)?;
        file.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
        fs::rename(&partial, path).map_err(io)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

fn partial_name(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

fn amsterdam() -> TimeZone {
    jiff::tz::db().get("Europe/Amsterdam").expect("the bundled tz database has Amsterdam")
}

/// RFC 3339 with the Amsterdam offset and milliseconds: `2026-03-02T06:00:03.120+01:00`.
fn local_time(ms: i64, tz: &TimeZone) -> Result<String, Error> {
    let ts = jiff::Timestamp::from_millisecond(ms)?;
    Ok(ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
}

pub(crate) fn write_workers(f: &mut BufWriter<File>, workers: &[WorkerProfile], path: &Path) -> Result<(), Error> {
    let csv_err = |source| Error::Csv { path: path.to_owned(), source };
    let mut out = csv::Writer::from_writer(f);
    out.write_record(["worker", "gender", "age_band", "contract", "team", "under_18"]).map_err(csv_err)?;
    for w in workers {
        let under_18 = if w.under_18 { "true" } else { "false" };
        out.write_record([w.id.as_str(), w.gender, w.age_band, w.contract.as_str(), w.team.as_str(), under_18])
            .map_err(csv_err)?;
    }
    out.flush().map_err(|source| Error::Io { path: path.to_owned(), source })
}

pub(crate) fn write_decisions(
    f: &mut BufWriter<File>,
    decisions: &[Decided],
    workers: &[WorkerProfile],
    path: &Path,
) -> Result<u64, Error> {
    let csv_err = |source| Error::Csv { path: path.to_owned(), source };
    let tz = amsterdam();
    let mut out = csv::Writer::from_writer(f);
    out.write_record([
        "worker",
        "time",
        "decision",
        "automated",
        "reviewed",
        "review_seconds",
        "overturned",
        "score",
        "reason",
    ])
    .map_err(csv_err)?;
    for d in decisions {
        let review_seconds = if d.reviewed { d.review_seconds.to_string() } else { String::new() };
        let score = d.score.map(|s| format!("{s:.1}")).unwrap_or_default();
        out.write_record([
            workers[d.worker as usize].id.as_str(),
            &local_time(d.time_ms, &tz)?,
            d.decision,
            bool_str(d.automated),
            bool_str(d.reviewed),
            &review_seconds,
            bool_str(d.overturned),
            &score,
            &d.reason,
        ])
        .map_err(csv_err)?;
    }
    out.flush().map_err(|source| Error::Io { path: path.to_owned(), source })?;
    Ok(decisions.len() as u64)
}

fn bool_str(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// The events table: `worker`, `time` (UTC milliseconds), `kind`, `quantity`, `system`.
pub fn events_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("worker", DataType::Utf8, false),
        Field::new("time", DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())), false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("quantity", DataType::Int32, false),
        Field::new("system", DataType::Utf8, false),
    ]))
}

struct Columns {
    worker: StringBuilder,
    time: TimestampMillisecondBuilder,
    kind: StringBuilder,
    quantity: Int32Builder,
    system: StringBuilder,
    rows: usize,
}

impl Columns {
    fn new() -> Columns {
        Columns {
            worker: StringBuilder::with_capacity(BATCH_ROWS, BATCH_ROWS * 6),
            time: TimestampMillisecondBuilder::with_capacity(BATCH_ROWS).with_timezone("UTC"),
            kind: StringBuilder::with_capacity(BATCH_ROWS, BATCH_ROWS * 4),
            quantity: Int32Builder::with_capacity(BATCH_ROWS),
            system: StringBuilder::with_capacity(BATCH_ROWS, BATCH_ROWS * EVENT_SYSTEM.len()),
            rows: 0,
        }
    }

    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch, Error> {
        self.rows = 0;
        Ok(RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(self.worker.finish()),
                Arc::new(self.time.finish()),
                Arc::new(self.kind.finish()),
                Arc::new(self.quantity.finish()),
                Arc::new(self.system.finish()),
            ],
        )?)
    }
}

pub(crate) fn write_events_parquet(f: &mut BufWriter<File>, path: &Path, run: &mut Run) -> Result<(u64, u64), Error> {
    let pq_err = |source| Error::Parquet { path: path.to_owned(), source };
    let schema = events_schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by("inzage generate".to_owned())
        // Times rise slowly through the file: deltas pack them far better than a dictionary.
        .set_column_dictionary_enabled(ColumnPath::from("time"), false)
        .set_column_encoding(ColumnPath::from("time"), Encoding::DELTA_BINARY_PACKED)
        .build();
    let mut writer = ArrowWriter::try_new(f, schema.clone(), Some(props)).map_err(pq_err)?;
    let mut columns = Columns::new();
    let mut count = 0u64;
    let workers = run.workers();
    let shifts = run.events(|e| {
        columns.worker.append_value(&workers[e.worker as usize].id);
        columns.time.append_value(e.time_ms);
        columns.kind.append_value(e.kind.as_str());
        columns.quantity.append_value(e.quantity as i32);
        columns.system.append_value(EVENT_SYSTEM);
        columns.rows += 1;
        count += 1;
        if columns.rows == BATCH_ROWS {
            writer.write(&columns.finish(&schema)?).map_err(pq_err)?;
        }
        Ok(())
    })?;
    if columns.rows > 0 {
        writer.write(&columns.finish(&schema)?).map_err(pq_err)?;
    }
    writer.close().map_err(pq_err)?;
    Ok((count, shifts))
}

pub(crate) fn write_events_csv(f: &mut BufWriter<File>, path: &Path, run: &mut Run) -> Result<(u64, u64), Error> {
    let csv_err = |source| Error::Csv { path: path.to_owned(), source };
    let tz = amsterdam();
    let mut out = csv::Writer::from_writer(f);
    out.write_record(["worker", "time", "kind", "quantity", "system"]).map_err(csv_err)?;
    let mut count = 0u64;
    let workers = run.workers();
    let shifts = run.events(|e| {
        count += 1;
        out.write_record([
            workers[e.worker as usize].id.as_str(),
            &local_time(e.time_ms, &tz)?,
            e.kind.as_str(),
            &e.quantity.to_string(),
            EVENT_SYSTEM,
        ])
        .map_err(csv_err)
    })?;
    out.flush().map_err(|source| Error::Io { path: path.to_owned(), source })?;
    Ok((count, shifts))
}
