//! The events written in order for a cluster (`audit::sequence`): the same events, the same
//! report, the order column right; and a cluster's audit equal to this machine's.

use std::path::{Path, PathBuf};

use audit::Params;
use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::{Float64Type, Int64Type, TimestampMillisecondType};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::{Generated, generated, read_parquet_events, write};

/// The generated events as CSV, in an order of their own, with ties: blocks of rows reversed
/// (so a worker's events are out of time order in the file), every seventh scan followed by a
/// `pause` event at the same moment, and every fifth scan's quantity a fraction (so the order of
/// adding them shows in the last bits).
pub(crate) fn tangled(g: &Generated, dir: &Path) -> PathBuf {
    let events = read_parquet_events(&g.summary.events);
    let mut text = "worker,time,kind,quantity\n".to_owned();
    for (b, block) in events.chunks(97).enumerate() {
        let rows: Vec<_> = if b % 2 == 0 { block.iter().rev().collect() } else { block.iter().collect() };
        for (i, e) in rows.into_iter().enumerate() {
            let q = if i % 5 == 0 { e.quantity + 0.1 } else { e.quantity };
            text.push_str(&format!("{},{},{},{q}\n", e.worker, e.time_ms, e.kind));
            if i % 7 == 0 && e.kind == "scan" {
                text.push_str(&format!("{},{},pause,0.3\n", e.worker, e.time_ms));
            }
        }
    }
    write(dir, "tangled.csv", &text)
}

/// One row of a sequenced file.
#[derive(Debug, PartialEq)]
struct Row {
    worker: String,
    time_ms: i64,
    kind: String,
    quantity: f64,
    seq: i64,
}

fn read_sequenced(path: &Path) -> Vec<Row> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap().build().unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let worker = batch.column_by_name("worker").unwrap().as_string::<i32>().clone();
        let time = batch.column_by_name("time").unwrap().as_primitive::<TimestampMillisecondType>().clone();
        let kind = batch.column_by_name("kind").unwrap().as_string::<i32>().clone();
        let quantity = batch.column_by_name("quantity").unwrap().as_primitive::<Float64Type>().clone();
        let seq = batch.column_by_name(audit::SEQUENCE).unwrap().as_primitive::<Int64Type>().clone();
        for i in 0..batch.num_rows() {
            rows.push(Row {
                worker: worker.value(i).to_owned(),
                time_ms: time.value(i),
                kind: kind.value(i).to_owned(),
                quantity: quantity.value(i),
                seq: seq.value(i),
            });
        }
    }
    rows
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

#[test]
fn the_sequenced_file_holds_the_same_events_in_order_and_audits_the_same() {
    let g = generated(30, 6);
    let dir = tempfile::tempdir().unwrap();
    let source = tangled(&g, dir.path());
    let out = dir.path().join("events.parquet");
    let params = Params::new(source.clone(), vec![("scan".into(), 854.0)]);
    let (written, skipped) = runtime().block_on(audit::sequence(&params, &out)).unwrap();
    assert_eq!(skipped.count, 0);
    let rows = read_sequenced(&out);
    assert_eq!(rows.len() as u64, written);

    // The same events as the source, counted independently (from the CSV text).
    let text = std::fs::read_to_string(&source).unwrap();
    let mut from_source: Vec<(String, i64, String, u64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].parse().unwrap(), f[2].to_owned(), f[3].parse::<f64>().unwrap().to_bits())
        })
        .collect();
    let mut from_out: Vec<_> =
        rows.iter().map(|r| (r.worker.clone(), r.time_ms, r.kind.clone(), r.quantity.to_bits())).collect();
    from_source.sort();
    from_out.sort();
    assert_eq!(from_out, from_source);

    // The order column numbers the rows; each worker's rows follow each other, in time order,
    // and equal times keep the source's order.
    assert!(rows.iter().enumerate().all(|(i, r)| r.seq == i as i64));
    let mut seen = std::collections::BTreeSet::new();
    for pair in rows.windows(2) {
        if pair[0].worker == pair[1].worker {
            assert!(pair[0].time_ms <= pair[1].time_ms, "{pair:?}");
        } else {
            assert!(seen.insert(pair[0].worker.clone()), "{} comes back later", pair[0].worker);
        }
    }
    // Each (worker, time, kind)'s first line in the source.
    let mut first_line: std::collections::HashMap<(String, i64, String), usize> = std::collections::HashMap::new();
    for (i, l) in text.lines().skip(1).enumerate() {
        let f: Vec<&str> = l.split(',').collect();
        first_line.entry((f[0].to_owned(), f[1].parse().unwrap(), f[2].to_owned())).or_insert(i);
    }
    let place = |r: &Row| first_line[&(r.worker.clone(), r.time_ms, r.kind.clone())];
    let ties = rows.windows(2).filter(|p| p[0].worker == p[1].worker && p[0].time_ms == p[1].time_ms).count();
    assert!(ties > 50, "the file has ties to keep in order: {ties}");
    for pair in
        rows.windows(2).filter(|p| p[0].worker == p[1].worker && p[0].time_ms == p[1].time_ms && p[0].kind != p[1].kind)
    {
        assert!(place(&pair[0]) < place(&pair[1]), "{pair:?}");
    }

    // Audited, it gives the source's report and each worker's results; only the kinds come in
    // another order (the order they first appear in this file), which a cluster's audit puts
    // back from the file's metadata (`cluster.rs`).
    let mut sequenced = params.clone();
    sequenced.events = Some(out.clone());
    let rt = runtime();
    let (report, mut workers) = rt.block_on(audit::audit_with_workers(&sequenced)).unwrap();
    let (expected, mut expected_workers) = rt.block_on(audit::audit_with_workers(&params)).unwrap();
    assert_eq!(report, expected);
    for w in workers.iter_mut().chain(expected_workers.iter_mut()) {
        w.monthly_events.sort_by(|a, b| (&a.month, &a.kind).cmp(&(&b.month, &b.kind)));
    }
    assert_eq!(workers, expected_workers);
    assert!(report.shifts > 100, "{}", report.shifts);
}

#[test]
fn a_bad_row_leaves_no_file_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let source = write(dir.path(), "bad.csv", "worker,time,kind\nA,2026-03-02T06:00:00Z,scan\nA,yesterday,scan\n");
    let out = dir.path().join("events.parquet");
    let mut params = Params::new(source, Vec::new());
    let e = runtime().block_on(audit::sequence(&params, &out)).unwrap_err().to_string();
    assert!(e.contains("bad.csv") && e.contains("row 2") && e.contains("time"), "{e}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("bad.csv")], "nothing half-written");
    params.skip_bad_rows = true;
    let (written, skipped) = runtime().block_on(audit::sequence(&params, &out)).unwrap();
    assert_eq!((written, skipped.count), (1, 1));
}
