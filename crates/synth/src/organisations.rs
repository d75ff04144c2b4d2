//! Many synthetic organisations for the inspector's overview (`inzage generate --organisations
//! N`): each a register varied from the demo's — its sector, size, which of the demo's systems it
//! runs, and how far each is in order (works council consent, DPIA) — and, where it runs the
//! scanner system, a small events file of its own.

use std::fs;
use std::path::{Path, PathBuf};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{Error, EventFormat, Params, REGISTER_TOML, generate};

/// The sectors organisations are drawn from, with how likely each runs the scanner system.
pub const SECTORS: [(&str, f64); 7] = [
    ("warehousing", 0.9),
    ("retail", 0.5),
    ("parcel-delivery", 0.8),
    ("call-centre", 0.2),
    ("manufacturing", 0.6),
    ("health-care", 0.1),
    ("platform-work", 0.3),
];

const FIRST: [&str; 12] =
    ["Noord", "Zuid", "Oost", "West", "Rivier", "Haven", "Polder", "Duin", "Kanaal", "Brug", "Dijk", "Veld"];
const SECOND: [&str; 10] =
    ["Logistiek", "Handel", "Zorg", "Bezorging", "Productie", "Diensten", "Groep", "Werken", "Partners", "Service"];

/// What was written for one organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub id: String,
    pub folder: PathBuf,
    /// The events file, where the organisation runs the scanner system.
    pub events: Option<PathBuf>,
    pub event_count: u64,
}

/// The id of organisation `index` (0-based): `org-0001`, …
pub fn id(index: u32) -> String {
    format!("org-{:04}", index + 1)
}

/// Writes `count` organisations under `out/<id>/`: `register.toml`, and for those that run the
/// scanner system `events.parquet` (or `.csv`), `workers.csv` and `decisions.csv` over `days`
/// days. The same seed gives the same files.
pub fn generate_many(count: u32, days: u32, seed: u64, format: EventFormat, out: &Path) -> Result<Vec<Written>, Error> {
    if count == 0 {
        return Err(Error::NoWorkers);
    }
    let mut written = Vec::with_capacity(count as usize);
    for index in 0..count {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (u64::from(index) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let id = id(index);
        let folder = out.join(&id);
        let (register, workers) = register(&mut rng, index);
        let mut events = None;
        let mut event_count = 0;
        if let Some(workers) = workers {
            let params = Params { workers, days, seed: rng.random(), start: jiff::civil::date(2026, 3, 2), format };
            let summary = generate(&params, &folder)?;
            events = Some(summary.events);
            event_count = summary.event_count;
        } else {
            fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        }
        let path = folder.join("register.toml");
        crate::sink::write_atomic(&path, |f| {
            use std::io::Write;
            f.write_all(register.as_bytes()).map_err(|source| Error::Io { path: path.clone(), source })
        })?;
        written.push(Written { id, folder, events, event_count });
    }
    Ok(written)
}

/// A register varied from the demo's, and the number of scanner workers when it keeps the
/// scanner system.
fn register(rng: &mut ChaCha8Rng, index: u32) -> (String, Option<u32>) {
    let mut doc: toml::Table = REGISTER_TOML.parse().expect("the demo register is TOML");
    let (sector, scanner_odds) = SECTORS[rng.random_range(0..SECTORS.len())];
    // Sizes spread over the EU's classes: micro, small, medium, large.
    let headcount: u32 = match rng.random_range(0..10) {
        0 => rng.random_range(3..10),
        1..=3 => rng.random_range(10..50),
        4..=7 => rng.random_range(50..250),
        _ => rng.random_range(250..5000),
    };
    let name = format!(
        "{} {} {} B.V.",
        FIRST[rng.random_range(0..FIRST.len())],
        SECOND[rng.random_range(0..SECOND.len())],
        index + 1
    );
    let org = doc.get_mut("organisation").and_then(|o| o.as_table_mut()).expect("[organisation]");
    org.insert("name".into(), name.into());
    org.insert("headcount".into(), i64::from(headcount).into());
    org.insert("sector".into(), sector.into());
    // A works council is required from 50 people (WOR art 2); some larger ones have none.
    org.insert("works_council".into(), (headcount >= 50 && rng.random_bool(0.85)).into());
    org.insert("digital_labour_platform".into(), (sector == "platform-work").into());

    let systems = doc.get_mut("system").and_then(|s| s.as_array_mut()).expect("[[system]]");
    let keep_scanner = rng.random_bool(scanner_odds);
    let mut kept = Vec::new();
    for system in systems.drain(..) {
        let is_scanner = system.get("id").and_then(|v| v.as_str()) == Some(crate::EVENT_SYSTEM);
        let keep = if is_scanner { keep_scanner } else { rng.random_bool(0.5) };
        if keep {
            kept.push(system);
        }
    }
    if kept.is_empty() {
        let demo: toml::Table = REGISTER_TOML.parse().expect("the demo register is TOML");
        let all = demo["system"].as_array().expect("[[system]]");
        kept.push(all[all.len() - 1].clone());
    }
    for system in &mut kept {
        let Some(table) = system.as_table_mut() else { continue };
        if let Some(council) = table.get_mut("works_council").and_then(|w| w.as_table_mut()) {
            let consent = ["granted", "granted", "requested", "not_requested"][rng.random_range(0..4)];
            council.insert("consent".into(), consent.into());
        }
        if let Some(assessment) = table.get_mut("assessment").and_then(|a| a.as_table_mut()) {
            let dpia = ["done", "done", "in_progress", "none"][rng.random_range(0..4)];
            assessment.insert("dpia".into(), dpia.into());
            if dpia != "done" {
                assessment.remove("dpia_date");
                assessment.remove("dpia_covers");
                assessment.remove("residual_risk");
                assessment.remove("last_impact_evaluation");
            }
        }
    }
    *systems = kept;
    let workers = keep_scanner.then(|| headcount.clamp(5, 25));
    let text = format!(
        "# A synthetic organisation for the inspector's overview (inzage generate --organisations).\n{}",
        toml::to_string(&doc).expect("a register is TOML")
    );
    (text, workers)
}
