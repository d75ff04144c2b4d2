//! Who reads: every use case that returns one worker's personal data takes a `Reader` and writes
//! the access log before it returns, so no caller can forget.

use domain::Role;

use crate::{Portal, Result};

/// The person a use case acts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    /// The account's name, as the access log shows it.
    pub name: String,
    pub role: Role,
    /// For a worker: their pseudonym.
    pub worker: Option<String>,
}

impl Reader {
    pub fn of(account: &store::Account) -> Reader {
        Reader { name: account.name.clone(), role: account.role, worker: account.worker.clone() }
    }

    /// The operator at the command line (`inzage user add`, `user invite`), as the access log
    /// names them.
    pub fn command_line() -> Reader {
        Reader { name: "(command line)".to_owned(), role: Role::Admin, worker: None }
    }

    /// The worker whose own data this reader may see: only a worker has one.
    pub fn own_worker(&self) -> Option<&str> {
        (self.role == Role::Worker).then_some(self.worker.as_deref()).flatten()
    }
}

impl Portal {
    /// Writes that `reader` read `worker`'s data, before the data is returned.
    pub(crate) async fn log_read(&self, reader: &Reader, worker: &str, what: &str) -> Result<()> {
        self.store.log_access(&reader.name, reader.role, worker, what).await?;
        Ok(())
    }

    /// The access log's head, `COUNT:HASH`: shown to the works council and printed in the advice
    /// report, so the council holds an anchor of the log outside the database
    /// (`inzage verify-log --expect COUNT:HASH`).
    pub async fn access_log_head(&self) -> Result<store::Head> {
        Ok(self.store.access_log_head().await?)
    }
}
