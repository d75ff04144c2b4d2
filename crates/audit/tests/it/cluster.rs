//! The audit on a Ballista cluster (the `cluster` feature) against the audit on this machine:
//! the same report and the same per-worker results, exactly.

use audit::{Cluster, Params};

use super::generated;
use super::sequenced::{runtime, tangled};

/// `params` audited on a standalone cluster: its events prepared into `prepared` first.
fn on_cluster(
    rt: &tokio::runtime::Runtime,
    params: &Params,
    prepared: std::path::PathBuf,
) -> (audit::Report, Vec<audit::WorkerResult>) {
    rt.block_on(audit::sequence(params, &prepared)).unwrap();
    let mut on_cluster = params.clone();
    on_cluster.events = Some(prepared);
    on_cluster.cluster = Some(Cluster::Standalone);
    rt.block_on(audit::audit_with_workers(&on_cluster)).unwrap()
}

#[test]
fn the_standalone_clusters_audit_equals_this_machines_exactly() {
    let g = generated(40, 6);
    let dir = tempfile::tempdir().unwrap();
    // Ties, fractions and a file out of time order: what a lost order would change.
    let source = tangled(&g, dir.path());
    let rt = runtime();
    let mut params = Params::new(source.clone(), vec![("scan".into(), 854.0), ("pause".into(), 30.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.min_group = 5;
    params.resamples = 200;
    let here = rt.block_on(audit::audit_with_workers(&params)).unwrap();

    let there = on_cluster(&rt, &params, dir.path().join("events.parquet"));
    assert_eq!(there.0, here.0, "the report");
    assert_eq!(there.1.len(), here.1.len(), "workers");
    for (t, h) in there.1.iter().zip(&here.1) {
        assert_eq!(t.source_id, h.source_id, "the workers in the same order");
        assert_eq!(t.shifts, h.shifts, "{}'s shifts", h.source_id);
        assert_eq!(t.monthly_events, h.monthly_events, "{}'s events by month", h.source_id);
        assert_eq!(t, h, "{}'s results", h.source_id);
    }
    // The comparison covered the substance.
    assert!(here.0.shifts > 100 && here.1.len() == 40, "{} shifts, {} workers", here.0.shifts, here.1.len());
    assert!(here.0.breaks.shifts_missing_legal_break > 0);
}

#[test]
fn skipped_rows_and_the_time_zone_come_with_the_prepared_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = super::write(
        dir.path(),
        "bad.csv",
        "worker,time,kind,quantity\nA,2026-03-02T06:00:00,scan,1\nA,yesterday,scan,1\nB,2026-03-31T23:30:00,scan,2.5\nA,2026-03-02T07:00:00,scan,-1\n",
    );
    let mut params = Params::new(source, vec![("scan".into(), 60.0)]);
    params.skip_bad_rows = true;
    params.time_zone = "Europe/Amsterdam".into();
    let rt = runtime();
    let here = rt.block_on(audit::audit_with_workers(&params)).unwrap();
    assert_eq!(here.0.skipped_rows.count, 2);
    let sequenced = dir.path().join("events.pq");
    assert_eq!(on_cluster(&rt, &params, sequenced.clone()), here);
    // B's half past eleven local time is in March; read in UTC it would be in April.
    let mut on_cluster = params.clone();
    on_cluster.events = Some(sequenced);
    on_cluster.cluster = Some(Cluster::Standalone);
    on_cluster.time_zone = "UTC".into();
    let e = rt.block_on(audit::audit(&on_cluster)).unwrap_err().to_string();
    assert!(
        e.contains(
            "read in Europe/Amsterdam, and this audit counts months in UTC: audit it with --tz Europe/Amsterdam"
        ),
        "{e}"
    );
}

#[test]
fn a_file_without_the_order_column_is_refused_with_what_to_do() {
    let g = generated(5, 1);
    let mut params = Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.cluster = Some(Cluster::Standalone);
    let e = runtime().block_on(audit::audit(&params)).unwrap_err().to_string();
    assert!(e.contains("no column `seq`") && e.contains("inzage cluster prepare"), "{e}");
}
