//! Generates a synthetic but realistic organisation, "Pakhuis Noord B.V.", a distribution centre:
//! its register (`register.toml`), the scanner events of its warehouse workers (`events.parquet`
//! or `events.csv`), the workers' attributes (`workers.csv`) and the automated decisions about
//! them (`decisions.csv`), in the formats of `../shared/spec/register-format.md` and `audit.md`.
//!
//! The data carries the problems a works council should find, planted on purpose:
//! - a norm of 854 scans an hour that most shifts reach only by skipping legal breaks;
//! - automated low-pace warnings with a stricter threshold for flex workers than permanent ones;
//! - a human "review" of those warnings that takes seconds and overturns nothing.
//!
//! Output is a pure function of the parameters: the same seed gives the same bytes. Events stream
//! to disk one day at a time, so memory is bounded by one day's shifts, not by the whole period.

mod model;
pub mod organisations;
mod shift;
mod sink;

use std::fs;
use std::path::{Path, PathBuf};

pub use model::{Contract, Team, WorkerProfile};
pub use shift::{Event, Kind, ShiftSim};
pub use sink::events_schema;

/// The demo organisation's register, as its privacy officer wrote it.
pub const REGISTER_TOML: &str = include_str!("../assets/register.toml");

/// The norm the scanner system enforces, in scans per hour (the register's `scan-pace` target).
pub const TARGET_PER_HOUR: f64 = 854.0;

/// The register system the events belong to.
pub const EVENT_SYSTEM: &str = "scan-pace";

/// File format of the events file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventFormat {
    Parquet,
    Csv,
}

impl EventFormat {
    pub fn file_name(self) -> &'static str {
        match self {
            EventFormat::Parquet => "events.parquet",
            EventFormat::Csv => "events.csv",
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    pub workers: u32,
    pub days: u32,
    pub seed: u64,
    /// The first day of the period.
    pub start: jiff::civil::Date,
    pub format: EventFormat,
}

impl Params {
    /// The demo organisation's size: about 200 workers over 30 days.
    pub fn demo() -> Params {
        Params {
            workers: 200,
            days: 30,
            seed: 2025,
            start: jiff::civil::date(2026, 3, 2),
            format: EventFormat::Parquet,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub register: PathBuf,
    pub events: PathBuf,
    pub workers: PathBuf,
    pub decisions: PathBuf,
    pub event_count: u64,
    pub worker_count: u32,
    pub shift_count: u64,
    pub decision_count: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("--workers must be at least 1")]
    NoWorkers,
    #[error("--days must be at least 1")]
    NoDays,
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("cannot write {path}: {source}")]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    #[error("cannot build the events table: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("time zone arithmetic failed: {0}")]
    Time(#[from] jiff::Error),
}

/// Writes the organisation into `out` (created if missing). Files are first written under a
/// temporary name and renamed when complete, so an interrupted run leaves no half-written file.
pub fn generate(params: &Params, out: &Path) -> Result<Summary, Error> {
    if params.workers == 0 {
        return Err(Error::NoWorkers);
    }
    if params.days == 0 {
        return Err(Error::NoDays);
    }
    fs::create_dir_all(out).map_err(|source| Error::Io { path: out.to_owned(), source })?;

    let workers = model::workforce(params.workers, params.seed);

    let register = out.join("register.toml");
    sink::write_atomic(&register, |f| {
        use std::io::Write;
        f.write_all(REGISTER_TOML.as_bytes()).map_err(|source| Error::Io { path: register.clone(), source })
    })?;

    let workers_path = out.join("workers.csv");
    sink::write_atomic(&workers_path, |f| sink::write_workers(f, &workers, &workers_path))?;

    let events = out.join(params.format.file_name());
    let mut run = model::Run::new(params, &workers);
    let (event_count, shift_count) = sink::write_atomic(&events, |f| match params.format {
        EventFormat::Parquet => sink::write_events_parquet(f, &events, &mut run),
        EventFormat::Csv => sink::write_events_csv(f, &events, &mut run),
    })?;

    let decisions = out.join("decisions.csv");
    let mut decided = run.into_decisions();
    decided.sort_by_key(|d| (d.time_ms, d.worker));
    sink::write_atomic(&decisions, |f| sink::write_decisions(f, &decided, &workers, &decisions))?;

    Ok(Summary {
        register,
        events,
        workers: workers_path,
        decisions,
        event_count,
        worker_count: params.workers,
        shift_count,
        decision_count: decided.len() as u64,
    })
}
