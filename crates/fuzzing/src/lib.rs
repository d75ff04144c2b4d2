//! What the fuzz targets in `fuzz/` run: every parser of outside input, from bytes, the way
//! `inzage` reads it (the file written where the reader expects one, the same functions the
//! commands call). [`Target::run`] gives `Ok` when the parser accepts the input and `Err` with its
//! message when it refuses it; a panic is what the fuzzer looks for. `cargo test` replays the seed
//! corpus (`fuzz/corpus/<target>/`) through the same function, so a finding kept there stays fixed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A parser of outside input. Its name is the fuzz target's and the corpus folder's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The register as TOML (`inzage check`, `import --register`).
    RegisterToml,
    /// The register as JSON.
    RegisterJson,
    /// The workers file (`import --workers`, `audit --workers`).
    WorkersCsv,
    /// The decisions file (`import --decisions`, `audit --decisions`).
    DecisionsCsv,
    /// An events file in CSV: import's check and the audit engine.
    EventsCsv,
    /// An events file in JSON lines.
    EventsJsonl,
    /// An events file in Parquet.
    EventsParquet,
    /// `audit --map`: the map, then the audit of a small events file through it.
    ColumnMap,
    /// A works council's conditions file (`conditions check --conditions`), parsed and checked.
    Conditions,
}

impl Target {
    pub const ALL: [Target; 9] = [
        Target::RegisterToml,
        Target::RegisterJson,
        Target::WorkersCsv,
        Target::DecisionsCsv,
        Target::EventsCsv,
        Target::EventsJsonl,
        Target::EventsParquet,
        Target::ColumnMap,
        Target::Conditions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::RegisterToml => "register_toml",
            Target::RegisterJson => "register_json",
            Target::WorkersCsv => "workers_csv",
            Target::DecisionsCsv => "decisions_csv",
            Target::EventsCsv => "events_csv",
            Target::EventsJsonl => "events_jsonl",
            Target::EventsParquet => "events_parquet",
            Target::ColumnMap => "column_map",
            Target::Conditions => "conditions",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the parser on `data`: `Ok` when it accepts it, `Err` with the message when it refuses.
    pub fn run(self, data: &[u8]) -> Result<(), String> {
        match self {
            Target::RegisterToml => register(data, "toml"),
            Target::RegisterJson => register(data, "json"),
            Target::WorkersCsv => {
                let file = scratch(data, "csv")?;
                formats::read_workers(file.path()).map(drop).map_err(|e| e.to_string())
            }
            Target::DecisionsCsv => {
                let file = scratch(data, "csv")?;
                formats::read_decisions(file.path(), &formats::TimeParser::amsterdam())
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
            Target::EventsCsv => events(data, "csv"),
            Target::EventsJsonl => events(data, "jsonl"),
            Target::EventsParquet => events(data, "parquet"),
            Target::ColumnMap => column_map(data),
            Target::Conditions => conditions(data),
        }
    }
}

/// `data` in a new temporary file whose name ends in `.ext`, as a user would hand it over.
fn scratch(data: &[u8], ext: &str) -> Result<tempfile::NamedTempFile, String> {
    let mut file = tempfile::Builder::new().suffix(&format!(".{ext}")).tempfile().map_err(|e| e.to_string())?;
    file.write_all(data).map_err(|e| e.to_string())?;
    Ok(file)
}

fn register(data: &[u8], ext: &str) -> Result<(), String> {
    let file = scratch(data, ext)?;
    formats::read_register(file.path()).map(drop).map_err(|e| e.to_string())
}

thread_local! {
    /// The audit engine is async (DataFusion); one runtime per thread drives it.
    static RUNTIME: tokio::runtime::Runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
}

/// The audit as `inzage audit --events FILE --target scan=854` runs it, with fewer resamples.
fn audit(events: &Path, map: audit::ColumnMap) -> Result<(), String> {
    let mut params = audit::Params::new(events.to_owned(), vec![("scan".into(), 854.0)]);
    params.map = map;
    params.resamples = 20;
    RUNTIME.with(|rt| rt.block_on(audit::audit(&params))).map(drop).map_err(|e| e.to_string())
}

/// An events file as `import` checks it (`formats::count_events`, CSV and Parquet only) and as
/// the audit reads it: the portal reads what import accepted, so both must refuse bad input
/// without a panic.
fn events(data: &[u8], ext: &str) -> Result<(), String> {
    let file = scratch(data, ext)?;
    let counted = match ext {
        "jsonl" => Ok(()),
        _ => formats::count_events(file.path()).map(drop).map_err(|e| e.to_string()),
    };
    let audited = audit(file.path(), audit::ColumnMap::default());
    counted.and(audited)
}

/// The events file `column_map` audits: its own column names, one with a quote and a space.
const MAPPED_EVENTS: &str = "operator_id,ts,what,\"qty \"\"n\"\"\"\n\
    W1,2026-03-02T08:00:00+01:00,scan,1\n\
    W1,2026-03-02T08:00:05+01:00,scan,1\n\
    W2,2026-03-02T08:00:00+01:00,scan,2\n";

static MAPPED_FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("events.csv");
    std::fs::write(&path, MAPPED_EVENTS).expect("the events file is written");
    (dir, path)
});

/// `--map` as typed, then the audit through it: the map's names end up in the engine's SQL.
fn column_map(data: &[u8]) -> Result<(), String> {
    let spec = std::str::from_utf8(data).map_err(|e| format!("--map is not UTF-8: {e}"))?;
    let map = audit::ColumnMap::parse(spec)?;
    audit(&MAPPED_FILE.1, map)
}

/// What the conditions are checked against: the clean reference register and a small audit.
struct Facts {
    register: domain::Register,
    audit: serde_json::Value,
    access: serde_json::Value,
}

static FACTS: LazyLock<Facts> = LazyLock::new(|| {
    let register = formats::register_from_str(
        include_str!("../../../rules/fixtures/base.toml"),
        false,
        Path::new("rules/fixtures/base.toml"),
    )
    .expect("the reference register reads");
    let audit = serde_json::json!({
        "events": 1200, "workers": 40, "shifts": 80,
        "norms": [{ "kind": "scan", "per_hour": 500.0, "shifts_rated": 79, "share_meeting_target": 0.8 }],
        "breaks": { "shifts_needing_break": 70, "shifts_missing_legal_break": 12 },
        "groups": [], "review": { "decisions": 20, "median_review_seconds": 95.0, "rubber_stamp": false }
    });
    let roles = serde_json::json!({ "admin": 3, "council": 0, "expert": 0, "inspector": 0, "worker": 12 });
    let access =
        serde_json::json!({ "since": "2024-05-02", "days": 30, "reads": roles, "reads_without_contest": roles });
    Facts { register, audit, access }
});

/// A conditions file as `inzage conditions check` reads it, then every condition evaluated.
fn conditions(data: &[u8]) -> Result<(), String> {
    let source = std::str::from_utf8(data).map_err(|e| format!("conditions.toml is not UTF-8: {e}"))?;
    let conditions = rules::conditions::parse(source, "conditions.toml").map_err(|e| e.to_string())?;
    let facts = &*FACTS;
    let inputs = rules::conditions::Inputs {
        audit: Some(&facts.audit),
        system: &facts.register.systems[0],
        register: &facts.register,
        access: &facts.access,
        as_of: jiff::civil::date(2024, 6, 1),
    };
    rules::conditions::check(&conditions, &inputs);
    Ok(())
}
