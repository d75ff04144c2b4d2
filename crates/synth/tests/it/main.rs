//! The generator's promises, checked from the files it writes with a computation written
//! separately from it: determinism, the planted problems, and the realism the audits rely on.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use arrow_array::{Array, Int32Array, StringArray, TimestampMillisecondArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use synth::{EventFormat, Params};

#[derive(Clone, Debug, PartialEq)]
struct Row {
    worker: String,
    time_ms: i64,
    kind: String,
    quantity: i64,
}

fn read_parquet(path: &Path) -> Vec<Row> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap().build().unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let worker = col("worker");
        let worker = worker.as_any().downcast_ref::<StringArray>().unwrap();
        let time = col("time");
        let time = time.as_any().downcast_ref::<TimestampMillisecondArray>().unwrap();
        let kind = col("kind");
        let kind = kind.as_any().downcast_ref::<StringArray>().unwrap();
        let quantity = col("quantity");
        let quantity = quantity.as_any().downcast_ref::<Int32Array>().unwrap();
        for i in 0..batch.num_rows() {
            rows.push(Row {
                worker: worker.value(i).to_owned(),
                time_ms: time.value(i),
                kind: kind.value(i).to_owned(),
                quantity: i64::from(quantity.value(i)),
            });
        }
    }
    rows
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_owned(), v.to_owned())).collect())
        .collect()
}

/// A shift as the audit definitions describe it, computed naively.
#[derive(Debug)]
struct NaiveShift {
    worker: String,
    duration_h: f64,
    scans: i64,
    pause_min: f64,
}

fn naive_shifts(rows: &[Row]) -> Vec<NaiveShift> {
    let mut by_worker: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_worker.entry(&r.worker).or_default().push(r);
    }
    let mut shifts = Vec::new();
    for (worker, mut events) in by_worker {
        events.sort_by_key(|r| r.time_ms);
        let mut current: Vec<&Row> = Vec::new();
        let mut flush = |current: &mut Vec<&Row>| {
            if current.is_empty() {
                return;
            }
            let duration_h = (current[current.len() - 1].time_ms - current[0].time_ms) as f64 / 3.6e6;
            let scans = current.iter().filter(|r| r.kind == "scan").map(|r| r.quantity).sum();
            let pause_min = current
                .windows(2)
                .map(|w| (w[1].time_ms - w[0].time_ms) as f64 / 60_000.0)
                .filter(|&m| m >= 15.0)
                .sum();
            shifts.push(NaiveShift { worker: worker.to_owned(), duration_h, scans, pause_min });
            current.clear();
        };
        for e in events {
            if current.last().is_some_and(|last| e.time_ms - last.time_ms > 4 * 3_600_000) {
                flush(&mut current);
            }
            current.push(e);
        }
        flush(&mut current);
    }
    shifts
}

fn generate(dir: &Path, workers: u32, days: u32, seed: u64, format: EventFormat) -> synth::Summary {
    let params = Params { workers, days, seed, start: jiff::civil::date(2026, 3, 23), format };
    synth::generate(&params, dir).unwrap()
}

#[test]
fn same_seed_gives_same_bytes_and_another_seed_does_not() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(a.path(), 12, 3, 7, EventFormat::Parquet);
    generate(b.path(), 12, 3, 7, EventFormat::Parquet);
    generate(c.path(), 12, 3, 8, EventFormat::Parquet);
    for name in ["register.toml", "events.parquet", "workers.csv", "decisions.csv"] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between two runs with the same seed");
    }
    let x = std::fs::read(a.path().join("events.parquet")).unwrap();
    let z = std::fs::read(c.path().join("events.parquet")).unwrap();
    assert_ne!(x, z, "a different seed must give different events");
}

#[test]
fn csv_and_parquet_hold_the_same_events() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let pq = generate(a.path(), 6, 2, 11, EventFormat::Parquet);
    let csv = generate(b.path(), 6, 2, 11, EventFormat::Csv);
    let from_pq = read_parquet(&pq.events);
    let from_csv: Vec<Row> = read_csv(&csv.events)
        .into_iter()
        .map(|r| Row {
            worker: r["worker"].clone(),
            time_ms: r["time"].parse::<jiff::Timestamp>().unwrap().as_millisecond(),
            kind: r["kind"].clone(),
            quantity: r["quantity"].parse().unwrap(),
        })
        .collect();
    assert_eq!(from_pq.len() as u64, pq.event_count);
    assert_eq!(from_pq, from_csv);
}

/// One generated organisation, shared by the property tests below (generation and reading are
/// the expensive part).
fn organisation() -> &'static (tempfile::TempDir, Vec<Row>, Vec<NaiveShift>) {
    static ORG: std::sync::OnceLock<(tempfile::TempDir, Vec<Row>, Vec<NaiveShift>)> = std::sync::OnceLock::new();
    ORG.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let summary = generate(dir.path(), 60, 14, 2025, EventFormat::Parquet);
        let rows = read_parquet(&summary.events);
        let shifts = naive_shifts(&rows);
        (dir, rows, shifts)
    })
}

#[test]
fn break_skipping_is_planted_and_pays_off_against_the_target() {
    let (_, _, shifts) = organisation();
    let needing: Vec<&NaiveShift> = shifts.iter().filter(|s| s.duration_h > 5.5).collect();
    let meets = |s: &NaiveShift| s.scans as f64 / s.duration_h >= synth::TARGET_PER_HOUR;
    let (took, skipped): (Vec<&NaiveShift>, Vec<&NaiveShift>) = needing.iter().partition(|s| s.pause_min >= 30.0);
    assert!(took.len() >= 50 && skipped.len() >= 50, "took {} skipped {}", took.len(), skipped.len());
    let share = |v: &[&NaiveShift]| v.iter().filter(|s| meets(s)).count() as f64 / v.len() as f64;
    let penalty_pp = 100.0 * (share(&took) - share(&skipped));
    eprintln!(
        "break penalty {penalty_pp:.1} pp; took {} ({:.2}) skipped {} ({:.2})",
        took.len(),
        share(&took),
        skipped.len(),
        share(&skipped)
    );
    assert!(penalty_pp < -20.0, "break penalty {penalty_pp:.1} pp is not strongly negative");
    let skipped_share = skipped.len() as f64 / needing.len() as f64;
    assert!((0.1..0.6).contains(&skipped_share), "share of shifts missing a legal break: {skipped_share}");
}

#[test]
fn warnings_are_disparate_between_contract_groups_and_reviews_are_rubber_stamps() {
    let (dir, _, _) = organisation();
    let workers = read_csv(&dir.path().join("workers.csv"));
    let decisions = read_csv(&dir.path().join("decisions.csv"));
    let warned: std::collections::BTreeSet<&str> =
        decisions.iter().filter(|d| d["decision"] == "warning").map(|d| d["worker"].as_str()).collect();
    let rate = |contract: &str| {
        let group: Vec<_> = workers.iter().filter(|w| w["contract"] == contract).collect();
        let positives = group.iter().filter(|w| warned.contains(w["worker"].as_str())).count();
        (group.len(), positives as f64 / group.len() as f64)
    };
    let (n_flex, flex) = rate("flex");
    let (n_perm, perm) = rate("permanent");
    eprintln!("warning rate flex {flex:.2} (n={n_flex}) permanent {perm:.2} (n={n_perm})");
    assert!(n_flex >= 10 && n_perm >= 10);
    assert!(perm > 0.0, "some permanent workers are warned too");
    assert!(flex / perm > 1.5, "flex {flex} vs permanent {perm}: disparity not planted");

    let automated: Vec<_> = decisions.iter().filter(|d| d["automated"] == "true").collect();
    assert!(automated.len() >= 10, "only {} automated decisions", automated.len());
    assert!(automated.iter().all(|d| d["overturned"] == "false"));
    let mut seconds: Vec<f64> =
        automated.iter().filter(|d| d["reviewed"] == "true").map(|d| d["review_seconds"].parse().unwrap()).collect();
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    assert!(median < 30.0, "median review {median} s");
}

#[test]
fn events_look_like_a_warehouse() {
    let (dir, rows, shifts) = organisation();
    // Each worker's events come in time order in the file, across midnight and the DST change.
    let mut last: BTreeMap<&str, i64> = BTreeMap::new();
    for r in rows {
        let prev = last.insert(&r.worker, r.time_ms);
        assert!(prev.is_none_or(|p| p <= r.time_ms), "{} goes back in time", r.worker);
    }
    // Night shifts cross midnight in Amsterdam.
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
    let workers = read_csv(&dir.path().join("workers.csv"));
    let night: Vec<&str> = workers.iter().filter(|w| w["team"] == "night").map(|w| w["worker"].as_str()).collect();
    assert!(!night.is_empty());
    let crosses = rows.iter().any(|r| {
        night.contains(&r.worker.as_str())
            && jiff::Timestamp::from_millisecond(r.time_ms).unwrap().to_zoned_datetime(tz.clone()).hour() < 5
    });
    assert!(crosses, "no night shift runs past midnight");
    // Scanner noise: some scans follow the previous event within 1.25 s, not most.
    let mut by_worker: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_worker.entry(&r.worker).or_default().push(r);
    }
    let (mut rapid, mut scans) = (0, 0);
    for events in by_worker.values() {
        for w in events.windows(2) {
            if w[1].kind == "scan" {
                scans += 1;
                rapid += usize::from(w[1].time_ms - w[0].time_ms < 1250);
            }
        }
    }
    let rapid_share = rapid as f64 / scans as f64;
    assert!((0.005..0.2).contains(&rapid_share), "rapid share {rapid_share}");
    // Shifts are about 8 hours, and the mean rate sits below the norm.
    let mean_h = shifts.iter().map(|s| s.duration_h).sum::<f64>() / shifts.len() as f64;
    assert!((7.0..8.5).contains(&mean_h), "mean shift {mean_h} h");
    let mean_rate = shifts.iter().map(|s| s.scans as f64 / s.duration_h).sum::<f64>() / shifts.len() as f64;
    assert!((700.0..854.0).contains(&mean_rate), "mean rate {mean_rate}");
    // Individual pace differs between workers.
    let mut per_worker: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for s in shifts {
        let e = per_worker.entry(&s.worker).or_default();
        e.0 += s.scans as f64 / s.duration_h;
        e.1 += 1.0;
    }
    let means: Vec<f64> = per_worker.values().map(|(sum, n)| sum / n).collect();
    let spread = means.iter().cloned().fold(f64::MIN, f64::max) - means.iter().cloned().fold(f64::MAX, f64::min);
    assert!(spread > 100.0, "workers' mean rates differ by only {spread}");
}

#[test]
fn zero_workers_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let params = Params { workers: 0, ..Params::demo() };
    assert!(matches!(synth::generate(&params, dir.path()), Err(synth::Error::NoWorkers)));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
