//! The audit engine: what a monitoring system recorded, turned into evidence a works council
//! can act on. The definitions and report keys are a public contract
//! (`../shared/spec/audit.md`); `docs/audit-definitions.md` fixes every detail an expert needs
//! to recompute each number.
//!
//! Apache DataFusion reads and prepares the events (any of CSV, Parquet, JSON lines, with column
//! mapping); the per-worker work is one pass over each worker's time-ordered events
//! (`worker.rs`), in parallel across workers; `report.rs` aggregates and `stats.rs` holds the
//! statistics.

#[cfg(feature = "cluster")]
pub mod cluster;
mod flow;
mod input;
mod measures;
pub mod profile;
mod question;
mod report;
mod scan;
mod sequenced;
mod session;
pub mod stats;
mod worker;

use std::path::PathBuf;

pub use flow::{WorkHour, WorkerHours, worker_hours};
pub use input::{MAX_KINDS, OwnEvent, Prepared, SkippedRows, check_events, prepare, worker_events};
pub use measures::{MeasureGroupRow, MeasureGroupTable, MeasureSummary};
pub use profile::{ColumnMap, Input, Profile};
pub use report::{
    ALPHA, Correction, GroupRow, GroupTable, Linkage, MonthlyEvents, Norm, NormAllShifts, OutcomeKind, Report,
    ShiftResult, WorkerResult, audit, audit_with_workers,
};
pub use sequenced::{SEQUENCE, sequence};
pub use session::session;

/// What to audit and how: the parameters of `audit.md`, with their defaults.
#[derive(Clone, Debug)]
pub struct Params {
    /// Recorded events; an audit can do without (decisions or measures alone).
    pub events: Option<PathBuf>,
    pub workers: Option<PathBuf>,
    pub decisions: Option<PathBuf>,
    /// Measures per worker and period (`worker`, `period`, `measure`, `value`, `target`).
    pub measures: Option<PathBuf>,
    /// How the inputs' columns are read, beyond `map`.
    pub profile: Option<Profile>,
    /// The attributes compared (default: every attribute of the workers file).
    pub attributes: Option<Vec<String>>,
    /// Which pairs of attributes are compared (default: all).
    pub pairs: Pairs,
    /// The reference group per attribute (default: the largest group shown).
    pub reference: Vec<(String, String)>,
    /// An SQL expression over the workers file's columns: only the workers it holds for are
    /// compared (`two_year_recid = 0`).
    pub population: Option<String>,
    /// Decision kinds counted together as one outcome (`medium_high` = `Medium`, `High`); when
    /// given, these are the decision outcomes compared.
    pub outcomes: Vec<(String, Vec<String>)>,
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
    /// A Ballista scheduler (`df://HOST:PORT`) that runs the per-worker pass on its executors
    /// (the `cluster` feature); the events file must then carry the order column
    /// [`SEQUENCE`] (see [`sequence`]).
    pub cluster: Option<Cluster>,
}

/// Where the per-worker pass runs when not on this machine's cores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cluster {
    /// A Ballista scheduler, `df://HOST:PORT`, with executors that know the pass
    /// (`inzage cluster scheduler`, `inzage cluster executor`).
    Remote(String),
    /// A scheduler and an executor started in this process, talking over loopback.
    Standalone,
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

/// Which pairs of attributes the group comparison crosses.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pairs {
    /// Every pair (the default).
    #[default]
    All,
    /// None: each attribute on its own.
    None,
    /// These pairs only.
    Only(Vec<(String, String)>),
}

impl Pairs {
    /// `none`, `all`, or pairs `a+b` separated by commas.
    pub fn parse(text: &str) -> Result<Pairs, String> {
        match text.trim() {
            "all" => Ok(Pairs::All),
            "none" => Ok(Pairs::None),
            list => list
                .split(',')
                .map(|p| match p.split_once('+') {
                    Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                        let (a, b) = (a.trim().to_owned(), b.trim().to_owned());
                        Ok(if a <= b { (a, b) } else { (b, a) })
                    }
                    _ => Err(format!("--pairs `{p}`: write none, all, or pairs of attributes such as race+sex")),
                })
                .collect::<Result<_, _>>()
                .map(Pairs::Only),
        }
    }

    /// Whether the pair of `a` and `b` (in byte order) is compared.
    pub fn includes(&self, a: &str, b: &str) -> bool {
        match self {
            Pairs::All => true,
            Pairs::None => false,
            Pairs::Only(list) => list.iter().any(|(x, y)| x == a && y == b),
        }
    }
}

impl Params {
    /// The defaults, over an events file (or none: `None`).
    pub fn new(events: impl Into<Option<PathBuf>>, targets: Vec<(String, f64)>) -> Params {
        Params {
            events: events.into(),
            workers: None,
            decisions: None,
            measures: None,
            profile: None,
            attributes: None,
            pairs: Pairs::All,
            reference: Vec::new(),
            population: None,
            outcomes: Vec::new(),
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
            cluster: None,
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
    /// A cluster was asked for, and this build has none (built without the `cluster` feature).
    #[error(
        "this inzage was built without the `cluster` feature: build it with `cargo build --release --features cluster`"
    )]
    NoCluster,
    /// The events file is not in the form a cluster reads (`inzage cluster prepare` writes it).
    #[error(
        "{file}: {why}; the cluster reads events in inzage's columns with their order: write them with `inzage cluster prepare --events {file} --out EVENTS.parquet`"
    )]
    NotPrepared { file: String, why: String },
    /// The events file was prepared in another time zone than the audit's.
    #[error(
        "{file}: its local times were read in {prepared}, and this audit counts months in {audited}: audit it with --tz {prepared}, or prepare it again with --tz {audited}"
    )]
    OtherTimeZone { file: String, prepared: String, audited: String },
    /// No scheduler answers at the cluster's address.
    #[error("no scheduler answers at {url}: start one there with `inzage cluster scheduler`, or check the address")]
    Unreachable { url: String },
}
