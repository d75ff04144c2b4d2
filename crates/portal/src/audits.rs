//! The audits the portal shows, computed once per register version and system and kept.
//!
//! Each key has its own cell: the map's lock is held only to find or make the cell, never during
//! the multi-second computation, so an audit of one system does not hold up another's, and two
//! requests for the same audit wait for one computation.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::{Portal, Result};

/// One system's audit: the aggregate report, and each worker's own results by pseudonym.
#[derive(Debug)]
pub struct Audited {
    pub report: audit::Report,
    /// The events file it was computed from.
    pub events: PathBuf,
    pub workers: HashMap<String, Arc<audit::WorkerResult>>,
}

/// Values computed once per key: each key has its own cell, and the map's lock is held only to
/// find or make a cell.
#[derive(Debug)]
pub(crate) struct Cells<K, V> {
    cells: Mutex<HashMap<K, Arc<OnceCell<V>>>>,
}

impl<K, V> Default for Cells<K, V> {
    fn default() -> Self {
        Cells { cells: Mutex::new(HashMap::new()) }
    }
}

impl<K: std::hash::Hash + Eq, V> Cells<K, V> {
    pub(crate) fn cell(&self, key: K) -> Arc<OnceCell<V>> {
        let mut cells = self.cells.lock().unwrap_or_else(|p| p.into_inner());
        cells.entry(key).or_default().clone()
    }

    pub(crate) fn computed(&self) -> usize {
        let cells = self.cells.lock().unwrap_or_else(|p| p.into_inner());
        cells.values().filter(|c| c.initialized()).count()
    }
}

/// Audits by register version and system id.
#[derive(Clone, Debug, Default)]
pub struct Audits {
    cells: Arc<Cells<(i64, String), Arc<Audited>>>,
}

impl Audits {
    /// How many audits are computed and kept.
    pub fn computed(&self) -> usize {
        self.cells.computed()
    }
}

impl Portal {
    /// The audit of `system`'s norms in register version `version` over `events`, computed once.
    pub async fn audit(&self, version: i64, system: &domain::System, events: PathBuf) -> Result<Arc<Audited>> {
        let cell = self.audits.cells.cell((version, system.id.clone()));
        let audited = cell.get_or_try_init(|| self.compute_audit(system, events)).await?;
        Ok(audited.clone())
    }

    async fn compute_audit(&self, system: &domain::System, events: PathBuf) -> Result<Arc<Audited>> {
        let targets = system.targets.iter().map(|tg| (tg.kind.clone(), tg.per_hour)).collect();
        let mut params = audit::Params::new(events.clone(), targets);
        params.time_zone = self.time_zone_name().await?;
        params.workers_data = Some(self.store.workers().await?).filter(|w| !w.is_empty());
        params.decisions_data = Some(self.store.decisions().await?).filter(|d| !d.is_empty());
        // The events file holds the employer's identifiers; the database holds pseudonyms.
        let pseudonyms = self.pseudonymiser.clone();
        params.rename = Some(audit::Rename(Arc::new(move |id: &str| pseudonyms.pseudonym(id))));
        let (report, workers) = audit::audit_with_workers(&params).await?;
        Ok(Arc::new(Audited {
            report,
            events,
            workers: workers.into_iter().map(|w| (w.worker.clone(), Arc::new(w))).collect(),
        }))
    }

    /// The audits of every system with a norm in the newest register, with their systems. A
    /// system whose audit fails is left out and named in `failed` (its cause logged), so one
    /// system's unreadable data never takes down the others' (security review M9).
    pub async fn current_audits(&self) -> Result<CurrentAudits> {
        let Some(version) = self.store.latest_register().await? else { return Ok(CurrentAudits::default()) };
        let mut current = CurrentAudits::default();
        if let Some((events, _)) = self.store.events_file().await? {
            for s in version.register.systems.iter().filter(|s| !s.targets.is_empty()) {
                match self.audit(version.id, s, events.clone()).await {
                    Ok(audited) => current.audited.push((s.clone(), audited)),
                    Err(e) => {
                        // The cause names the file and row; never a worker (the reader does not
                        // put identifiers in its messages).
                        tracing::error!(system = %s.id, error = %crate::error::chain(&e), "an audit failed; its figures are left out");
                        current.failed.push(s.clone());
                    }
                }
            }
        }
        current.register = Some(version.register);
        Ok(current)
    }

    /// Computes the audits of every system with a norm, so the first visitor need not wait.
    pub async fn warm_audits(&self) -> Result<()> {
        self.current_audits().await.map(|_| ())
    }
}

/// The newest register's audits.
#[derive(Debug, Default)]
pub struct CurrentAudits {
    pub register: Option<domain::Register>,
    /// Each system with a norm and its audit.
    pub audited: Vec<(domain::System, Arc<Audited>)>,
    /// The systems whose audit failed (their data cannot be read now).
    pub failed: Vec<domain::System>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regression: one lock held across the whole computation made every audit wait for
    /// the one before it. With a cell per key, one key's value is computed while another key's
    /// computation is still running.
    #[tokio::test]
    async fn an_audit_in_progress_does_not_hold_up_another_systems() {
        let cells: Arc<Cells<&'static str, u32>> = Arc::default();
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel::<()>();
        let slow = cells.cell("slow");
        let pending = tokio::spawn(async move {
            *slow
                .get_or_init(|| async {
                    let _ = started.send(());
                    let _ = wait.await;
                    1
                })
                .await
        });
        running.await.unwrap();
        let fast = cells.cell("fast");
        let done = tokio::time::timeout(std::time::Duration::from_secs(5), fast.get_or_init(|| async { 2 }))
            .await
            .expect("the other key's computation did not wait");
        assert_eq!(*done, 2);
        assert_eq!(cells.computed(), 1, "the slow one is still running");
        // A second request for the slow key waits for the same computation, not a new one.
        let again = cells.cell("slow");
        release.send(()).unwrap();
        assert_eq!(pending.await.unwrap(), 1);
        assert_eq!(*again.get_or_init(|| async { 99 }).await, 1);
        assert_eq!(cells.computed(), 2);
    }
}
