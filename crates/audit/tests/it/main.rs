//! The audit engine against an independent computation (`oracle.rs`, written separately from the
//! engine, naively over plain rows), on generated data and on hand-made edge cases; the
//! generator's planted problems; and bad input.

mod attack;
#[cfg(feature = "cluster")]
mod cluster;
mod oracle;
mod questions;
mod sequenced;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use audit::Params;
use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::{Int32Type, TimestampMillisecondType};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

/// Compares every key the oracle computes; numbers to 1e-9 (relative).
fn assert_matches(engine: &Value, oracle: &Value, path: &str) {
    match (engine, oracle) {
        (Value::Object(e), Value::Object(o)) => {
            for (k, ov) in o {
                let ev = e.get(k).unwrap_or_else(|| panic!("{path}.{k}: missing in the engine's report"));
                assert_matches(ev, ov, &format!("{path}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(o)) => {
            assert_eq!(e.len(), o.len(), "{path}: {} items in the engine, {} in the oracle", e.len(), o.len());
            for (i, (ev, ov)) in e.iter().zip(o).enumerate() {
                assert_matches(ev, ov, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(o)) => {
            let (e, o) = (e.as_f64().unwrap(), o.as_f64().unwrap());
            assert!((e - o).abs() <= 1e-9 * o.abs().max(1.0), "{path}: engine {e}, oracle {o}");
        }
        (e, o) => assert_eq!(e, o, "{path}"),
    }
}

fn read_parquet_events(path: &Path) -> Vec<oracle::Event> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap().build().unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let worker = batch.column_by_name("worker").unwrap().as_string::<i32>().clone();
        let time = batch.column_by_name("time").unwrap().as_primitive::<TimestampMillisecondType>().clone();
        let kind = batch.column_by_name("kind").unwrap().as_string::<i32>().clone();
        let quantity = batch.column_by_name("quantity").unwrap().as_primitive::<Int32Type>().clone();
        for i in 0..batch.num_rows() {
            rows.push(oracle::Event {
                worker: worker.value(i).to_owned(),
                time_ms: time.value(i),
                kind: kind.value(i).to_owned(),
                quantity: f64::from(quantity.value(i)),
            });
        }
    }
    rows
}

fn oracle_workers(path: &Path) -> Vec<oracle::WorkerRow> {
    formats::read_workers(path)
        .unwrap()
        .into_iter()
        .map(|w| oracle::WorkerRow { worker: w.id, attributes: w.attributes })
        .collect()
}

fn oracle_decisions(path: &Path) -> Vec<oracle::DecisionRow> {
    formats::read_decisions(path, &formats::TimeParser::amsterdam())
        .unwrap()
        .into_iter()
        .map(|d| oracle::DecisionRow {
            worker: d.worker,
            time_ms: d.time.as_millisecond(),
            decision: d.decision,
            automated: d.automated,
            reviewed: d.reviewed,
            review_seconds: d.review_seconds,
            overturned: d.overturned,
        })
        .collect()
}

fn run(params: &Params) -> Result<audit::Report, audit::Error> {
    tokio::runtime::Runtime::new().unwrap().block_on(audit::audit(params))
}

struct Generated {
    _dir: tempfile::TempDir,
    summary: synth::Summary,
}

fn generated(workers: u32, days: u32) -> Generated {
    let dir = tempfile::tempdir().unwrap();
    let params = synth::Params { workers, days, ..synth::Params::demo() };
    let summary = synth::generate(&params, dir.path()).unwrap();
    Generated { _dir: dir, summary }
}

fn oracle_params(p: &Params) -> oracle::Params {
    let mut o = oracle::Params::defaults(p.targets.clone());
    o.shift_gap_s = p.shift_gap_s;
    o.pause_min_s = p.pause_min_s;
    o.min_group = p.min_group;
    o.flag_share = p.flag_share;
    o.resamples = p.resamples;
    o.seed = p.seed;
    o
}

#[test]
fn every_figure_matches_the_independent_computation_on_generated_data() {
    let g = generated(40, 6);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.min_group = 5;
    params.resamples = 200;
    let report = serde_json::to_value(run(&params).unwrap()).unwrap();
    let events = read_parquet_events(&g.summary.events);
    let workers = oracle_workers(&g.summary.workers);
    let decisions = oracle_decisions(&g.summary.decisions);
    let mut o = oracle_params(&params);
    o.shown = oracle::shown_groups(&report);
    let expected = oracle::audit(&events, Some(&workers), Some(&decisions), &o);
    assert_matches(&report, &expected, "report");
    // The comparison covered the substance, not an empty report.
    assert!(report["shifts"].as_u64().unwrap() > 100);
    assert!(!report["groups"].as_array().unwrap().is_empty());
}

#[test]
fn the_generators_planted_problems_show_up() {
    let g = generated(200, 14);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.resamples = 100;
    let r = run(&params).unwrap();
    let penalty = r.breaks.break_penalty.as_ref().expect("a break penalty");
    assert!(penalty.difference_pp < -30.0 && penalty.ci95_pp[1] < -20.0, "{penalty:?}");
    let contract = r
        .groups
        .iter()
        .find(|g| g.outcome == "decision:warning" && g.attribute == "contract")
        .expect("warnings by contract");
    let flex = contract.rows.iter().find(|row| row.group == "flex").expect("flex compared with permanent");
    assert_eq!(contract.reference.as_deref(), Some("permanent"));
    assert!(flex.disparate && flex.p_value < 0.05, "{contract:?}");
    let review = r.review.as_ref().unwrap();
    assert!(review.rubber_stamp, "{review:?}");
    // The histogram holds every rated shift, from a bin at or below the slowest.
    let h = r.histogram.as_ref().unwrap();
    assert_eq!(h.bins.iter().sum::<u64>(), r.norms[0].shifts_rated);
    assert!(h.from <= r.norms[0].median_rate.unwrap() && h.from + h.bin_width * h.bins.len() as f64 > h.per_hour);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn csv_events_to_oracle(text: &str) -> Vec<oracle::Event> {
    let times = formats::TimeParser::amsterdam();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            oracle::Event {
                worker: f[0].into(),
                time_ms: times.parse(f[1]).unwrap().as_millisecond(),
                kind: f[2].into(),
                quantity: f.get(3).and_then(|q| q.parse().ok()).unwrap_or(1.0),
            }
        })
        .collect()
}

/// Hand-made edge cases, each checked against the oracle in full.
#[test]
fn edge_cases_match_the_independent_computation() {
    let dir = tempfile::tempdir().unwrap();
    let cases: BTreeMap<&str, String> = BTreeMap::from([
        ("one event", "worker,time,kind,quantity\nA,2026-03-02T06:00:00+01:00,scan,1\n".to_owned()),
        (
            "equal timestamps",
            "worker,time,kind,quantity\nA,2026-03-02T06:00:00+01:00,login,1\nA,2026-03-02T06:00:00+01:00,scan,1\nA,2026-03-02T06:00:00+01:00,scan,2\nA,2026-03-02T07:00:00+01:00,scan,1\n".to_owned(),
        ),
        (
            // A night shift from Saturday 28 March 22:00 into Sunday, across the switch to summer time.
            "midnight and daylight saving",
            {
                let mut s = "worker,time,kind,quantity\n".to_owned();
                let start = jiff::Timestamp::from_second(1_774_731_600).unwrap(); // 2026-03-28T21:00:00Z
                for i in 0..(8 * 60) {
                    if (120..140).contains(&i) { continue; }
                    let t = start.checked_add(jiff::SignedDuration::from_mins(i)).unwrap();
                    s.push_str(&format!("N,{},scan,1\n", t.to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap()).strftime("%Y-%m-%dT%H:%M:%S%:z")));
                }
                s
            },
        ),
        (
            "a worker with one shift and one with several",
            "worker,time,kind,quantity\nB,2026-03-02T06:00:00Z,scan,1\nB,2026-03-02T12:30:00Z,scan,1\nC,2026-03-02T06:00:00Z,scan,1\nC,2026-03-02T07:00:00Z,scan,1\nC,2026-03-03T06:00:00Z,scan,1\nC,2026-03-03T07:30:00Z,scan,1\nC,2026-03-04T06:00:00Z,scan,1\nC,2026-03-04T08:00:00Z,scan,1\nC,2026-03-05T06:00:00Z,scan,1\nC,2026-03-05T06:30:00Z,scan,1\n".to_owned(),
        ),
    ]);
    for (name, text) in &cases {
        let path = write(dir.path(), &format!("{}.csv", name.replace(' ', "-")), text);
        let mut params = Params::new(path, vec![("scan".into(), 60.0)]);
        params.resamples = 50;
        let report = serde_json::to_value(run(&params).unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap();
        let expected = oracle::audit(&csv_events_to_oracle(text), None, None, &oracle_params(&params));
        assert_matches(&report, &expected, name);
    }
    // The DST night: 8 hours of clock time 22:00–06:00 are 7 hours of real time.
    let path = dir.path().join("midnight-and-daylight-saving.csv");
    let r = run(&Params::new(path, vec![("scan".into(), 60.0)])).unwrap();
    assert_eq!(r.shifts, 1);
    assert_eq!(r.breaks.shifts_needing_break, 1);
}

#[test]
fn a_lone_small_group_is_not_given_back_by_the_total_and_everyone_can_be_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = "worker,time,kind\n".to_owned();
    let mut workers = "worker,contract\n".to_owned();
    for w in 0..12 {
        let contract = if w < 9 { "permanent" } else { "flex" };
        workers.push_str(&format!("W{w:02},{contract}\n"));
        for day in 0..4 {
            for i in 0..=(w + 3) {
                events.push_str(&format!("W{w:02},2026-03-0{}T06:{:02}:00Z,scan\n", day + 2, i * 2));
            }
        }
    }
    let events_path = write(dir.path(), "events.csv", &events);
    let workers_path = write(dir.path(), "workers.csv", &workers);
    // A shift of worker w runs (w + 3) × 2 minutes with w + 4 scans: 30 (w + 4) / (w + 3) an
    // hour, from 40 down to 32. Below 34: workers 5 to 11, 7 of 12, so the outcome is neither
    // too rare nor too common to compare (at least 5 below and 5 not).
    let mut params = Params::new(events_path, vec![("scan".into(), 34.0)]);
    params.workers = Some(workers_path.clone());
    params.min_group = 5;
    params.flag_share = 1.0;
    params.resamples = 30;
    let r = run(&params).unwrap();
    let table = r.groups.iter().find(|g| g.attribute == "contract").unwrap();
    // 3 flex workers are below the minimum of 5; showing the 9 permanent ones would give them
    // back as the total minus 9, so both are hidden.
    assert_eq!(table.reference, None);
    assert_eq!(table.suppressed, vec!["flex".to_owned(), "permanent".to_owned()]);
    assert_eq!((table.suppressed_count, table.total_n, table.total_positives), (Some(2), 12, 7));
    assert!(table.rows.is_empty());
    let flags = r.flags.unwrap();
    assert_eq!((flags.flagged, flags.unstable_share), (12, Some(0.0)), "with everyone flagged no flag can change");
    let report = serde_json::to_value(audit_report(&params)).unwrap();
    let mut o = oracle_params(&params);
    o.shown = oracle::shown_groups(&report);
    let expected = oracle::audit(&csv_events_to_oracle(&events), Some(&oracle_workers(&workers_path)), None, &o);
    assert_matches(&report, &expected, "groups");
}

fn audit_report(params: &Params) -> audit::Report {
    run(params).unwrap()
}

#[test]
fn csv_with_semicolons_json_lines_and_mapped_columns_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ("A", "2026-03-02 06:00:00", "scan", "1"),
        ("A", "2026-03-02 07:00:00", "scan", "3"),
        ("B", "2026-03-02 06:00:00", "scan", "2"),
        ("B", "2026-03-02 09:00:00", "scan", "1"),
    ];
    let mut semicolon = "operator;ts;type;qty\n".to_owned();
    let mut jsonl = String::new();
    for (w, t, k, q) in rows {
        semicolon.push_str(&format!("{w};{t};{k};{q}\n"));
        jsonl.push_str(&format!("{{\"operator\": \"{w}\", \"ts\": \"{t}\", \"type\": \"{k}\", \"qty\": {q}}}\n"));
    }
    let map = audit::ColumnMap::parse("worker=operator,time=ts,kind=type,quantity=qty").unwrap();
    let mut reports = Vec::new();
    for (name, text) in [("events.csv", semicolon), ("events.jsonl", jsonl)] {
        let mut params = Params::new(write(dir.path(), name, &text), vec![("scan".into(), 1.0)]);
        params.map = map.clone();
        params.resamples = 10;
        reports.push(serde_json::to_value(run(&params).unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap());
    }
    assert_eq!(reports[0], reports[1]);
    assert_eq!(
        reports[0]["norms"][0]["median_rate"], 2.5,
        "A: 4 units in 1 h; B: 3 units in 3 h → the median of 4 and 1"
    );
}

#[test]
fn bad_input_names_file_row_and_column_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let missing = write(dir.path(), "missing.csv", "operator,time,kind\nA,2026-03-02T06:00:00Z,scan\n");
    let err = run(&Params::new(missing, vec![])).unwrap_err().to_string();
    assert!(err.contains("missing.csv") && err.contains("no column `worker`") && err.contains("operator"), "{err}");

    let text = "worker,time,kind,quantity\nA,2026-03-02T06:00:00Z,scan,1\nA,yesterday,scan,1\nA,2026-03-02T07:00:00Z,scan,-2\nA,2026-03-02T08:00:00Z,scan,1\n";
    let bad = write(dir.path(), "bad.csv", text);
    let err = run(&Params::new(bad.clone(), vec![])).unwrap_err().to_string();
    assert!(
        err.contains("bad.csv: line 3 (row 2 after the header), column `time`") && err.contains("yesterday"),
        "{err}"
    );

    let mut params = Params::new(bad, vec![("scan".into(), 1.0)]);
    params.skip_bad_rows = true;
    let r = run(&params).unwrap();
    assert_eq!(r.skipped_rows.count, 2);
    assert!(
        r.skipped_rows.examples[1].contains("line 4 (row 3 after the header), column `quantity`"),
        "{:?}",
        r.skipped_rows.examples
    );
    assert_eq!(r.events, 2);

    // A numeric quantity column (JSON lines) is checked as well.
    let jsonl = write(
        dir.path(),
        "bad.jsonl",
        "{\"worker\": \"A\", \"time\": 1772431200, \"kind\": \"scan\", \"quantity\": 1}\n{\"worker\": \"A\", \"time\": 1772431260, \"kind\": \"scan\", \"quantity\": -4}\n",
    );
    let err = run(&Params::new(jsonl, vec![])).unwrap_err().to_string();
    assert!(err.contains("bad.jsonl: line 2, column `quantity`"), "{err}");
}

#[test]
fn workers_and_decisions_read_from_json_lines_as_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let g = generated(30, 3);
    let mut csv_params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    csv_params.workers = Some(g.summary.workers.clone());
    csv_params.decisions = Some(g.summary.decisions.clone());
    csv_params.min_group = 5;
    csv_params.resamples = 20;
    let from_csv = run(&csv_params).unwrap();

    let to_jsonl = |path: &Path| {
        let mut reader = csv::Reader::from_path(path).unwrap();
        let headers = reader.headers().unwrap().clone();
        let mut out = String::new();
        for record in reader.records() {
            let record = record.unwrap();
            let object: serde_json::Map<String, Value> = headers
                .iter()
                .zip(record.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.to_owned(), Value::String(v.to_owned())))
                .collect();
            out.push_str(&serde_json::to_string(&object).unwrap());
            out.push('\n');
        }
        out
    };
    let workers = write(dir.path(), "workers.jsonl", &to_jsonl(&g.summary.workers));
    let decisions = write(dir.path(), "decisions.jsonl", &to_jsonl(&g.summary.decisions));
    let mut json_params = csv_params.clone();
    json_params.workers = Some(workers);
    json_params.decisions = Some(decisions);
    let from_json = run(&json_params).unwrap();
    assert_eq!(serde_json::to_value(&from_csv).unwrap(), serde_json::to_value(&from_json).unwrap());
    assert!(from_csv.review.is_some() && !from_csv.groups.is_empty());

    let bad = write(dir.path(), "bad-workers.jsonl", "{\"worker\": \"A\"}\n{\"worker\": \"A\"}\n");
    let mut params = csv_params.clone();
    params.workers = Some(bad);
    let err = run(&params).unwrap_err().to_string();
    assert!(err.contains("bad-workers.jsonl: line 2, column `worker`"), "{err}");
}

#[test]
fn each_workers_results_add_up_to_the_report_and_follow_the_renaming() {
    let g = generated(30, 6);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.min_group = 5;
    params.resamples = 100;
    let plain = run(&params).unwrap();
    // The same audit with every identifier renamed, workers and decisions renamed alike.
    let rename = |id: &str| format!("P-{id}");
    let mut workers = formats::read_workers(&g.summary.workers).unwrap();
    workers.iter_mut().for_each(|w| w.id = rename(&w.id));
    let times = formats::TimeParser::new("Europe/Amsterdam").unwrap();
    let mut decisions = formats::read_decisions(&g.summary.decisions, &times).unwrap();
    decisions.iter_mut().for_each(|d| d.worker = rename(&d.worker));
    params.workers = None;
    params.decisions = None;
    params.workers_data = Some(workers);
    params.decisions_data = Some(decisions);
    params.rename = Some(audit::Rename(std::sync::Arc::new(rename)));
    let (report, per_worker) =
        tokio::runtime::Runtime::new().unwrap().block_on(audit::audit_with_workers(&params)).unwrap();
    assert_eq!(report, plain, "renaming consistently changes no figure");

    assert_eq!(per_worker.len() as u64, report.workers);
    assert!(per_worker.iter().all(|w| w.worker == rename(&w.source_id)));
    assert_eq!(per_worker.iter().map(|w| w.shifts.len() as u64).sum::<u64>(), report.shifts);
    let missing = per_worker.iter().flat_map(|w| &w.shifts).filter(|s| s.pause_s < s.required_break_s).count();
    assert_eq!(missing as u64, report.breaks.shifts_missing_legal_break);
    let flags = report.flags.as_ref().unwrap();
    let flagged: Vec<_> = per_worker.iter().filter(|w| w.flagged).collect();
    assert_eq!(flagged.len() as u64, flags.flagged);
    let unstable = flagged.iter().filter(|w| w.flagged_share_of_resamples.unwrap() < 0.5).count();
    assert_eq!(Some(unstable as f64 / flagged.len() as f64), flags.unstable_share);
    // Independently: each worker's scan events, counted straight from the file.
    let mut scans: BTreeMap<String, f64> = BTreeMap::new();
    let mut scan_events: BTreeMap<String, u64> = BTreeMap::new();
    for e in read_parquet_events(&g.summary.events).iter().filter(|e| e.kind == "scan") {
        *scans.entry(e.worker.clone()).or_default() += e.quantity;
        *scan_events.entry(e.worker.clone()).or_default() += 1;
    }
    for w in &per_worker {
        let units: f64 = w.shifts.iter().map(|s| s.units[0]).sum();
        assert_eq!(units, scans.get(&w.source_id).copied().unwrap_or(0.0), "{}", w.source_id);
        let rated: Vec<f64> = w.shifts.iter().filter_map(|s| s.rates[0]).collect();
        let mean = (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64);
        assert_eq!(w.mean_rate, mean);
        let counted: u64 = w.monthly_events.iter().filter(|m| m.kind == "scan").map(|m| m.events).sum();
        assert_eq!(counted, scan_events.get(&w.source_id).copied().unwrap_or(0), "scan events are counted once");
        assert!(w.monthly_events.iter().all(|m| m.month == "2026-03"), "the demo's six days lie in March");
    }
}

#[test]
fn one_workers_events_are_theirs_alone_in_time_order() {
    let g = generated(12, 3);
    let params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mine = rt.block_on(audit::worker_events(&params, "W0003")).unwrap();
    let expected: Vec<(i64, String, f64)> = {
        let mut all: Vec<_> = read_parquet_events(&g.summary.events)
            .into_iter()
            .filter(|e| e.worker == "W0003")
            .map(|e| (e.time_ms, e.kind, e.quantity))
            .collect();
        all.sort_by_key(|e| e.0);
        all
    };
    assert!(expected.len() > 1000);
    let got: Vec<(i64, String, f64)> = mine.into_iter().map(|e| (e.time_ms, e.kind, e.quantity)).collect();
    assert_eq!(got, expected);
    assert!(rt.block_on(audit::worker_events(&params, "W9999' OR '1'='1")).unwrap().is_empty());
}

/// A worker's own page lists every row the audit counted as theirs. The audit trims names, so
/// rows written ` B ` or `B` followed by a tab are B's; rows of a name that merely contains B's
/// are not, and a bad row of someone else does not stop B's page. Before, the page compared
/// names untrimmed and left out B's padded rows. Read from CSV (DataFusion) and from Parquet
/// (the parquet crate, `scan.rs`).
#[test]
fn a_workers_own_events_are_every_row_the_audit_counts_as_theirs() {
    use datafusion::arrow::array::{Float64Array, RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    let rows = [
        ("B", "2026-03-02T06:00:00Z", "scan", "1"),
        (" B ", "2026-03-02T06:01:00Z", "scan", "2"),
        ("BB", "2026-03-02T06:02:00Z", "scan", "4"),
        ("B\t", "2026-03-02T06:03:00Z", "pick", "3"),
        ("A", "not a time", "scan", "1"),
        ("  B", "2026-03-02T05:59:00Z", "scan", "5"),
        ("xBx", "2026-03-02T06:04:00Z", "scan", "6"),
    ];
    // Independently: B's rows, by the names as written above, in time order.
    let expected: Vec<(i64, String, f64)> = [
        ("2026-03-02T05:59:00Z", "scan", 5.0),
        ("2026-03-02T06:00:00Z", "scan", 1.0),
        ("2026-03-02T06:01:00Z", "scan", 2.0),
        ("2026-03-02T06:03:00Z", "pick", 3.0),
    ]
    .into_iter()
    .map(|(t, k, q)| (t.parse::<jiff::Timestamp>().unwrap().as_millisecond(), k.to_owned(), q))
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut csv = "worker,time,kind,quantity\n".to_owned();
    for (w, t, k, q) in rows {
        csv.push_str(&format!("\"{w}\",{t},{k},{q}\n"));
    }
    let csv = write(dir.path(), "events.csv", &csv);
    let parquet = dir.path().join("events.parquet");
    let schema = std::sync::Arc::new(Schema::new(vec![
        Field::new("worker", DataType::Utf8, false),
        Field::new("time", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("quantity", DataType::Float64, false),
    ]));
    let text =
        |values: Vec<&str>| -> datafusion::arrow::array::ArrayRef { std::sync::Arc::new(StringArray::from(values)) };
    let quantities = Float64Array::from(rows.iter().map(|r| r.3.parse::<f64>().unwrap()).collect::<Vec<_>>());
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            text(rows.iter().map(|r| r.0).collect()),
            text(rows.iter().map(|r| r.1).collect()),
            text(rows.iter().map(|r| r.2).collect()),
            std::sync::Arc::new(quantities),
        ],
    )
    .unwrap();
    let mut writer =
        datafusion::parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&parquet).unwrap(), schema, None)
            .unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();

    let rt = tokio::runtime::Runtime::new().unwrap();
    for file in [csv, parquet] {
        let params = Params::new(file.clone(), vec![("scan".into(), 854.0)]);
        let mine = rt.block_on(audit::worker_events(&params, "B")).unwrap();
        let got: Vec<(i64, String, f64)> = mine.into_iter().map(|e| (e.time_ms, e.kind, e.quantity)).collect();
        assert_eq!(got, expected, "{}", file.display());
        // The audit, skipping A's bad row, counts the same rows as B's.
        let mut params = params.clone();
        params.skip_bad_rows = true;
        let (_, per_worker) = rt.block_on(audit::audit_with_workers(&params)).unwrap();
        let b = per_worker.iter().find(|w| w.source_id == "B").expect("B is audited");
        let counted: u64 = b.monthly_events.iter().map(|m| m.events).sum();
        assert_eq!(counted, expected.len() as u64, "{}", file.display());
    }
}

/// `under_18 = ja` was read as an adult by the engine (its own list had no `ja`), so a Dutch
/// workers file lost the under-18 break rule while the definitions and the oracle applied it.
#[test]
fn under_18_ja_is_true_for_the_break_rule() {
    let dir = tempfile::tempdir().unwrap();
    // Five-hour shifts with one 20-minute pause: an adult needs no break, a minor needs 30 min
    // after 4.5 h and misses it.
    let mut events = "worker,time,kind,quantity\n".to_owned();
    let spellings = [("adult", "nee"), ("kid", "ja"), ("teen", " JA "), ("junior", "j"), ("grown", "N")];
    for (worker, _) in spellings {
        events.push_str(&format!("{worker},2026-03-02T06:00:00Z,scan,1\n"));
        events.push_str(&format!("{worker},2026-03-02T06:20:00Z,scan,1\n"));
        for minute in (30..=300).step_by(10) {
            events.push_str(&format!("{worker},2026-03-02T{:02}:{:02}:00Z,scan,1\n", 6 + minute / 60, minute % 60));
        }
    }
    let mut workers = "worker;under_18\n".to_owned();
    for (worker, under_18) in spellings {
        workers.push_str(&format!("{worker};{under_18}\n"));
    }
    let events_path = write(dir.path(), "events.csv", &events);
    let workers_path = write(dir.path(), "workers.csv", &workers);
    let mut params = Params::new(events_path, vec![("scan".into(), 10.0)]);
    params.workers = Some(workers_path.clone());
    params.resamples = 20;
    let report = serde_json::to_value(run(&params).unwrap()).unwrap();
    let expected = oracle::audit(
        &csv_events_to_oracle(&events),
        Some(&oracle_workers(&workers_path)),
        None,
        &oracle_params(&params),
    );
    assert_matches(&report, &expected, "report");
    assert_eq!(expected["breaks"]["shifts_needing_break"], 3, "the three minors, in the oracle");
    assert_eq!(report["breaks"]["shifts_missing_legal_break"], 3, "the three minors, in the engine");
}

/// The portal re-derived "missed its legal break" (`pause_s < required_break_s`) and "rated"
/// (`rates.first().flatten().is_some()`) from each shift; the engine now says both, and they
/// agree with the definitions shift by shift.
#[test]
fn each_shift_says_whether_it_is_rated_and_missed_its_legal_break() {
    let g = generated(30, 6);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.resamples = 10;
    let (report, per_worker) =
        tokio::runtime::Runtime::new().unwrap().block_on(audit::audit_with_workers(&params)).unwrap();
    let events = read_parquet_events(&g.summary.events);
    let workers = oracle_workers(&g.summary.workers);
    let mut engine: Vec<oracle::ShiftFacts> = per_worker
        .iter()
        .flat_map(|w| {
            w.shifts.iter().map(|s| oracle::ShiftFacts {
                worker: w.worker.clone(),
                start_ms: s.start_ms,
                rated: s.rated,
                missed_legal_break: s.missed_legal_break,
            })
        })
        .collect();
    engine.sort_by(|a, b| (&a.worker, a.start_ms).cmp(&(&b.worker, b.start_ms)));
    let expected = oracle::shifts(&events, Some(&workers), &oracle_params(&params));
    assert_eq!(engine, expected);
    // The data has both kinds of shift, and the flags add up to the report's counts.
    let missed = engine.iter().filter(|s| s.missed_legal_break).count() as u64;
    assert!(missed > 0 && missed < engine.len() as u64, "{missed} of {}", engine.len());
    assert_eq!(missed, report.breaks.shifts_missing_legal_break);
    assert_eq!(engine.iter().filter(|s| s.rated).count() as u64, report.norms[0].shifts_rated);
}

/// The group tables' keys (`decision:warning`, `contract+team`) are a contract, but the portal
/// had to split them to title a table; the parts are now fields of their own.
#[test]
fn group_tables_name_their_outcome_and_attributes_apart() {
    let g = generated(30, 3);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.min_group = 5;
    params.resamples = 10;
    let r = run(&params).unwrap();
    assert!(r.groups.iter().any(|t| t.outcome_kind == audit::OutcomeKind::Decision));
    assert!(r.groups.iter().any(|t| t.outcome_kind == audit::OutcomeKind::BelowTarget && t.outcome_value == "scan"));
    assert!(r.groups.iter().any(|t| t.attributes.len() == 2));
    for t in &r.groups {
        assert_eq!(t.outcome, format!("{}:{}", t.outcome_kind.as_str(), t.outcome_value), "{t:?}");
        assert_eq!(t.attribute, t.attributes.join("+"), "{t:?}");
        assert!(t.attributes.windows(2).all(|w| w[0] < w[1]), "{t:?}");
    }
    // The JSON has the new keys beside the contract's.
    let json = serde_json::to_value(&r).unwrap();
    let first = &json["groups"][0];
    assert_eq!(first["outcome_kind"], Value::from(r.groups[0].outcome_kind.as_str()));
    assert_eq!(first["attributes"], serde_json::json!(r.groups[0].attributes));
}

/// A wait that begins before midnight and ends after it was counted in the evening's hour,
/// so that one worker-day's events moved another day's figure past the efficiency view's bound
/// per worker-day. A wait counts in its hour only when it ends on the same day.
#[test]
fn a_wait_across_midnight_counts_in_no_days_hour() {
    let dir = tempfile::tempdir().unwrap();
    let events = "worker,time,kind\n\
                  W1,2026-03-02T22:00:00Z,scan\n\
                  W1,2026-03-02T22:20:00Z,scan\n\
                  W1,2026-03-02T23:50:00Z,scan\n\
                  W1,2026-03-03T00:05:00Z,scan\n";
    let mut params = Params::new(write(dir.path(), "events.csv", events), vec![("scan".into(), 100.0)]);
    params.time_zone = "UTC".into();
    let hours = tokio::runtime::Runtime::new().unwrap().block_on(audit::worker_hours(&params)).unwrap();
    let gaps: Vec<(String, u8, u32)> = hours[0].hours.iter().map(|h| (h.date.clone(), h.hour, h.idle_gaps)).collect();
    // 22:00 → 22:20 (20 min) and 22:20 → 23:50 (90 min) begin at 22:00 and 22:20, on the same day;
    // 23:50 → 00:05 (15 min) crosses midnight and counts nowhere.
    assert_eq!(
        gaps,
        [("2026-03-02".into(), 22, 2), ("2026-03-02".into(), 23, 0), ("2026-03-03".into(), 0, 0)],
        "{gaps:?}"
    );
}
