//! The audit engine: what a monitoring system recorded, turned into evidence a works council
//! can act on. The definitions and report keys are a public contract
//! (`../shared/spec/audit.md`); `docs/audit-definitions.md` fixes every detail an expert needs
//! to recompute each number.
//!
//! Apache DataFusion reads and prepares the events (any of CSV, Parquet, JSON lines, with column
//! mapping); the per-worker work is one pass over each worker's time-ordered events
//! (`worker.rs`), in parallel across workers; `report.rs` aggregates and `stats.rs` holds the
//! statistics.

mod flow;
mod input;
mod report;
mod session;
pub mod stats;
mod worker;

use std::path::PathBuf;

pub use flow::{WorkHour, WorkerHours, worker_hours};
pub use input::{ColumnMap, MAX_KINDS, OwnEvent, SkippedRows, check_events, worker_events};
pub use report::{
    GroupRow, GroupTable, MonthlyEvents, OutcomeKind, Report, ShiftResult, WorkerResult, audit, audit_with_workers,
};
pub use session::session;

/// What to audit and how: the parameters of `audit.md`, with their defaults.
#[derive(Clone, Debug)]
pub struct Params {
    pub events: PathBuf,
    pub workers: Option<PathBuf>,
    pub decisions: Option<PathBuf>,
    /// Workers already loaded (the portal's database), used instead of `workers`.
    pub workers_data: Option<Vec<domain::Worker>>,
    /// Decisions already loaded, used instead of `decisions`.
    pub decisions_data: Option<Vec<domain::Decision>>,
    /// `(kind, per_hour)` production norms.
    pub targets: Vec<(String, f64)>,
    pub map: ColumnMap,
    pub time_zone: String,
    pub shift_gap_s: i64,
    pub pause_min_s: i64,
    pub min_group: usize,
    pub flag_share: f64,
    pub resamples: usize,
    pub seed: u64,
    /// Skip rows that cannot be read (and count them) instead of stopping at the first.
    pub skip_bad_rows: bool,
    /// Called with the number of event rows read so far, for a progress bar.
    pub progress: Option<Progress>,
    /// Renames the events' worker identifiers as they are read (the portal's pseudonyms), so
    /// they match `workers_data` and `decisions_data`.
    pub rename: Option<Rename>,
}

/// A renaming of worker identifiers.
#[derive(Clone)]
pub struct Rename(pub std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>);

impl std::fmt::Debug for Rename {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rename")
    }
}

/// A progress callback: rows read so far.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(u64) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

impl Params {
    pub fn new(events: PathBuf, targets: Vec<(String, f64)>) -> Params {
        Params {
            events,
            workers: None,
            decisions: None,
            workers_data: None,
            decisions_data: None,
            targets,
            map: ColumnMap::default(),
            time_zone: domain::DEFAULT_TIME_ZONE.into(),
            shift_gap_s: 4 * 3600,
            pause_min_s: 15 * 60,
            min_group: 10,
            flag_share: 0.1,
            resamples: 1000,
            seed: 2025,
            skip_bad_rows: false,
            progress: None,
            rename: None,
        }
    }
}

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the user must fix: names file, row and column.
    #[error(transparent)]
    Input(#[from] formats::InputError),
    #[error("query engine: {0}")]
    Engine(#[from] datafusion::error::DataFusionError),
    #[error("{0}")]
    Parameter(String),
}
