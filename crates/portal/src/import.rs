//! Importing an organisation into the data folder: every file is read and checked before anything
//! is written, the events file is copied in, and the database changes in one transaction.

use std::fs;
use std::path::{Path, PathBuf};

use store::Import;

use crate::{Error, Portal, Result};

/// The files to load.
#[derive(Debug)]
pub struct Files {
    pub register: PathBuf,
    pub workers: Option<PathBuf>,
    pub decisions: Option<PathBuf>,
    pub events: Option<PathBuf>,
    pub tz: String,
    pub author: String,
}

/// What was loaded.
#[derive(Debug)]
pub struct Loaded {
    pub version: i64,
    pub systems: usize,
    pub workers: usize,
    pub decisions: usize,
    pub events: u64,
    /// The conditions of consent the new data breaks (every decided dossier's, re-checked).
    pub broken: Vec<crate::council::Broken>,
}

impl Portal {
    /// Loads the files into the data folder `data_dir`; worker identifiers are stored as
    /// pseudonyms only. Nothing is written unless every file is read and checked.
    pub async fn import(&self, data_dir: &Path, files: &Files) -> Result<Loaded> {
        import(self, data_dir, files).await
    }
}

async fn import(portal: &Portal, data_dir: &Path, files: &Files) -> Result<Loaded> {
    let pseudonyms = &portal.pseudonymiser;
    let times = formats::TimeParser::new(&files.tz).map_err(|e| Error::BadInput(format!("--tz: {e}")))?;
    let register = formats::read_register(&files.register)?;
    let mut workers = files.workers.as_deref().map(formats::read_workers).transpose()?.unwrap_or_default();
    let mut decisions =
        files.decisions.as_deref().map(|p| formats::read_decisions(p, &times)).transpose()?.unwrap_or_default();
    workers.iter_mut().for_each(|w| w.id = pseudonyms.pseudonym(&w.id));
    decisions.iter_mut().for_each(|d| d.worker = pseudonyms.pseudonym(&d.worker));
    let events = files.events.as_deref().map(|p| formats::count_events(p).map(|n| (p, n))).transpose()?;

    // Copy the events file into the data folder unless it is already there.
    let mut copied = None;
    let kept_events = match events {
        Some((path, rows)) => {
            let kept = keep_in(data_dir, path)?;
            if kept != path {
                copied = Some(kept.clone());
            }
            Some((kept, rows))
        }
        None => None,
    };
    // The register's file name, not its path: pages show where it came from, never the server's folders.
    let source = files.register.file_name().map_or_else(|| "register".into(), |n| n.to_string_lossy().into_owned());
    let result = portal
        .store
        .import(&Import {
            register: &register,
            source: &source,
            author: &files.author,
            workers: &workers,
            decisions: &decisions,
            events: kept_events.as_ref().map(|(p, n)| (p.as_path(), *n)),
            time_zone: &files.tz,
        })
        .await;
    let version = match result {
        Ok(v) => v,
        Err(e) => {
            if let Some(path) = copied {
                let _ = fs::remove_file(path);
            }
            return Err(e.into());
        }
    };
    // The import is done whatever the conditions say; they are checked against what it loaded.
    // A check that fails leaves the import standing: the conditions then show their last check.
    let broken = match portal.recheck_conditions().await {
        Ok(broken) => broken,
        Err(e) => {
            tracing::warn!(error = %e, "checking the conditions of consent after the import failed");
            Vec::new()
        }
    };
    Ok(Loaded {
        version,
        broken,
        systems: register.systems.len(),
        workers: workers.len(),
        decisions: decisions.len(),
        events: kept_events.map_or(0, |(_, n)| n),
    })
}

/// The events file's place inside the data folder: the file itself if it is already inside,
/// else a copy in `events/` (written under a temporary name, then renamed).
fn keep_in(data_dir: &Path, path: &Path) -> Result<PathBuf> {
    let dir = fs::canonicalize(data_dir)?;
    let file = fs::canonicalize(path)?;
    if file.starts_with(&dir) {
        return Ok(file);
    }
    let target_dir = dir.join("events");
    fs::create_dir_all(&target_dir)?;
    let name = file.file_name().map(|n| n.to_owned()).unwrap_or_else(|| "events".into());
    let target = target_dir.join(&name);
    let partial = target_dir.join(format!("{}.partial", name.to_string_lossy()));
    fs::copy(&file, &partial)?;
    fs::rename(&partial, &target)?;
    Ok(target)
}

/// Removes the database and the demo's generated files from the data folder.
pub fn reset(data_dir: &Path) -> Result<()> {
    for name in [store::DB_FILE.to_owned(), format!("{}-wal", store::DB_FILE), format!("{}-shm", store::DB_FILE)] {
        let path = data_dir.join(name);
        if path.exists() {
            fs::remove_file(path)?;
        }
    }
    for dir in ["demo", "events"] {
        let path = data_dir.join(dir);
        if path.exists() {
            fs::remove_dir_all(path)?;
        }
    }
    Ok(())
}
