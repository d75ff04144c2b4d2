//! What a page reads first on every view — the newest register, the events file and its time
//! zone — in one query, with the register parsed once per version (issue 15, the portal under
//! load).
//!
//! A profile of the portal under load showed most of its time in handing queries to SQLite's
//! connection threads and back, not in SQLite: a worker's page asked for the newest register
//! twice (parsing its JSON each time), the events file once and its time zone twice. Now:
//!
//! - one query answers all three, and sends the register's document only when its version is
//!   not the one already parsed (versions are never changed once stored, only added);
//! - inside [`one_snapshot`] (the portal wraps every request in it), the first answer is kept
//!   for the rest of the request, so a page sees one moment of the data however many of its
//!   parts ask. Outside one (the command line), every call asks the database.

use std::cell::RefCell;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use sqlx::Row;

use crate::{Error, RegisterVersion, Store, zone_or_default};

/// The newest register, the events file and its time zone, as of one query.
#[derive(Debug)]
pub(crate) struct Current {
    /// The store it was read from: a request that opened a second store does not get the
    /// first one's answer.
    owner: usize,
    pub register: Option<Arc<RegisterVersion>>,
    pub events: Option<(PathBuf, i64)>,
    pub time_zone: String,
}

tokio::task_local! {
    static SNAPSHOT: RefCell<Option<Arc<Current>>>;
}

/// Runs `work` (one request) with one snapshot of what [`Store::latest_register`],
/// [`Store::events_file`] and [`Store::events_time_zone`] answer: the first of them asks the
/// database, the others reuse its answer. An import inside clears it.
pub async fn one_snapshot<F: Future>(work: F) -> F::Output {
    SNAPSHOT.scope(RefCell::new(None), work).await
}

/// Forgets the request's snapshot (after a write it would contradict).
pub(crate) fn forget_snapshot() {
    let _ = SNAPSHOT.try_with(|s| s.borrow_mut().take());
}

const QUERY: &str = "SELECT r.id, r.created_at, r.author, r.source, \
     CASE WHEN r.id = $1 THEN NULL ELSE r.document END AS document, \
     d.path, d.rows, d.time_zone \
     FROM (SELECT 1) AS one \
     LEFT JOIN (SELECT id, created_at, author, source, document FROM register_version ORDER BY id DESC LIMIT 1) AS r ON 1 = 1 \
     LEFT JOIN (SELECT path, rows, time_zone FROM dataset WHERE name = 'events') AS d ON 1 = 1";

impl Store {
    /// What the page reads first: from the request's snapshot, else from the database.
    pub(crate) async fn current(&self) -> Result<Arc<Current>, Error> {
        let owner = Arc::as_ptr(&self.parsed_register) as usize;
        if let Ok(Some(kept)) = SNAPSHOT.try_with(|s| s.borrow().clone())
            && kept.owner == owner
        {
            return Ok(kept);
        }
        let parsed = self.parsed_register.lock().map_err(|_| Error::BadValue("a lock was poisoned".into()))?.clone();
        let row = sqlx::query(QUERY).bind(parsed.as_ref().map_or(-1, |p| p.id)).fetch_one(&self.pool).await?;
        let register = match row.get::<Option<i64>, _>("id") {
            None => None,
            Some(id) => match row.get::<Option<String>, _>("document") {
                // The version already parsed.
                None => parsed.filter(|p| p.id == id),
                Some(document) => {
                    let register = serde_json::from_str(&document).map_err(|source| Error::Corrupt { id, source })?;
                    let version = Arc::new(RegisterVersion {
                        id,
                        created_at: row.get("created_at"),
                        author: row.get("author"),
                        source: row.get("source"),
                        register,
                    });
                    if let Ok(mut kept) = self.parsed_register.lock() {
                        *kept = Some(version.clone());
                    }
                    Some(version)
                }
            },
        };
        let events = row
            .get::<Option<String>, _>("path")
            .map(|path| (PathBuf::from(path), row.get::<Option<i64>, _>("rows").unwrap_or(0)));
        let time_zone = zone_or_default(row.get::<Option<String>, _>("time_zone"));
        let current = Arc::new(Current { owner, register, events, time_zone });
        let _ = SNAPSHOT.try_with(|s| *s.borrow_mut() = Some(current.clone()));
        Ok(current)
    }
}

/// A worker's own rows that change only with an import: their attributes and decisions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnRows {
    pub worker: Option<domain::Worker>,
    /// Their decisions in time order, with their ids.
    pub decisions: Vec<(i64, domain::Decision)>,
}

/// [`OwnRows`] by worker, for one register version. Workers and decisions are written only by an
/// import, and every import adds a register version in the same transaction, so rows read for a
/// version stay right until the newest version is another one (issue 15: a worker's page asked
/// for them on every view, two of its six queries).
#[derive(Debug, Default)]
pub(crate) struct OwnRowsKept {
    version: i64,
    rows: std::collections::HashMap<String, Arc<OwnRows>>,
}

/// The most workers whose rows are kept; past it the kept rows are dropped and read again.
const OWN_ROWS_KEPT: usize = 10_000;

impl Store {
    /// The worker's attributes and decisions, as of the newest register version: read once per
    /// version and worker, then kept (see [`OwnRowsKept`]). Reading them is the caller's to log.
    pub async fn own_rows(&self, worker: &str) -> Result<Arc<OwnRows>, Error> {
        // No register yet: nothing was imported, and nothing is kept.
        let Some(version) = self.current().await?.register.as_ref().map(|v| v.id) else {
            return self.read_own_rows(worker).await;
        };
        {
            let kept = self.own_rows.lock().unwrap_or_else(|p| p.into_inner());
            if kept.version == version
                && let Some(rows) = kept.rows.get(worker)
            {
                return Ok(rows.clone());
            }
        }
        // Read after the version: an import committed in between makes these rows newer than
        // the version they are kept under, never older, and the next request's newer version
        // drops them.
        let rows = self.read_own_rows(worker).await?;
        let dropped = {
            let mut kept = self.own_rows.lock().unwrap_or_else(|p| p.into_inner());
            let dropped =
                (kept.version != version || kept.rows.len() >= OWN_ROWS_KEPT).then(|| std::mem::take(&mut kept.rows));
            kept.version = version;
            kept.rows.insert(worker.to_owned(), rows.clone());
            dropped
        };
        // Freed after the lock is let go.
        drop(dropped);
        Ok(rows)
    }

    async fn read_own_rows(&self, worker: &str) -> Result<Arc<OwnRows>, Error> {
        Ok(Arc::new(OwnRows { worker: self.worker(worker).await?, decisions: self.decisions_of(worker).await? }))
    }
}
