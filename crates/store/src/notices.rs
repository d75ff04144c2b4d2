//! The reporting duty: workers' invitations from their notices, the runs that issued them, and
//! the admin's settings. The store keeps only hashes of the codes: making and checking them is
//! `portal`'s.

use std::collections::BTreeSet;

use domain::Role;
use sqlx::Row;

use crate::people::{Account, taken};
use crate::{Error, Store};

/// One run of `inzage notices`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeBatch {
    pub id: i64,
    /// RFC 3339, UTC.
    pub issued_at: String,
    pub author: String,
    /// The register version the letters describe.
    pub version: i64,
    pub letters: i64,
    pub invitations: i64,
}

/// A new invitation: the hash of its code, the worker's pseudonym, when it ends (Unix seconds).
#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub code_hash: String,
    pub worker: String,
    pub expires_at: i64,
}

/// What a code is, as the page that takes it must say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvitationState {
    /// Usable, for this worker.
    Open { worker: String, expires_at: i64 },
    /// Used on this date (RFC 3339).
    Used(String),
    /// Ended at this moment (Unix seconds) unused.
    Expired(i64),
    /// No such code, or one replaced by a newer letter.
    Unknown,
}

impl Store {
    /// Records a run of notices and its invitations in one transaction: each worker's earlier
    /// unused invitations end, so only the newest letter's code works.
    pub async fn issue_invitations(
        &self,
        author: &str,
        version: i64,
        letters: i64,
        invitations: &[NewInvitation],
    ) -> Result<NoticeBatch, Error> {
        let issued_at = jiff::Timestamp::now().to_string();
        let mut tx = self.begin_write(crate::Lock::Notices).await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO notice_batch (issued_at, author, version, letters, invitations) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&issued_at)
        .bind(author)
        .bind(version)
        .bind(letters)
        .bind(invitations.len() as i64)
        .fetch_one(&mut *tx)
        .await?;
        for i in invitations {
            sqlx::query("DELETE FROM worker_invitation WHERE worker = $1 AND used_at IS NULL")
                .bind(&i.worker)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO worker_invitation (code_hash, worker, batch, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(&i.code_hash)
                .bind(&i.worker)
                .bind(id)
                .bind(i.expires_at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(NoticeBatch {
            id,
            issued_at,
            author: author.to_owned(),
            version,
            letters,
            invitations: invitations.len() as i64,
        })
    }

    /// Every run of notices, oldest first.
    pub async fn notice_batches(&self) -> Result<Vec<NoticeBatch>, Error> {
        let rows =
            sqlx::query("SELECT id, issued_at, author, version, letters, invitations FROM notice_batch ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .iter()
            .map(|r| NoticeBatch {
                id: r.get("id"),
                issued_at: r.get("issued_at"),
                author: r.get("author"),
                version: r.get("version"),
                letters: r.get("letters"),
                invitations: r.get("invitations"),
            })
            .collect())
    }

    /// The state of the invitation whose code hashes to `code_hash`, at `now` (Unix seconds).
    pub async fn worker_invitation(&self, code_hash: &str, now: i64) -> Result<InvitationState, Error> {
        let row = sqlx::query("SELECT worker, expires_at, used_at FROM worker_invitation WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            None => InvitationState::Unknown,
            Some(r) => {
                let expires_at: i64 = r.get("expires_at");
                match r.get::<Option<String>, _>("used_at") {
                    Some(used) => InvitationState::Used(used),
                    None if expires_at <= now => InvitationState::Expired(expires_at),
                    None => InvitationState::Open { worker: r.get("worker"), expires_at },
                }
            }
        })
    }

    /// Uses a worker's invitation: makes their account with `name` and the password, once.
    /// `None` if the code was used, replaced or expired meanwhile; `Taken` or `WorkerTaken` as
    /// for any account (and then the code stays unused).
    pub async fn accept_worker_invitation(
        &self,
        code_hash: &str,
        now: i64,
        name: &str,
        password_hash: &str,
    ) -> Result<Option<Account>, Error> {
        let mut tx = self.pool.begin().await?;
        let stamp = jiff::Timestamp::now().to_string();
        let used = sqlx::query(
            "UPDATE worker_invitation SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $3 \
             RETURNING worker",
        )
        .bind(&stamp)
        .bind(code_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = used else { return Ok(None) };
        let worker: String = row.get("worker");
        // Any account of the worker, even a disabled one, stops the code (and the transaction
        // leaves it unused).
        if sqlx::query("SELECT 1 FROM account WHERE worker = $1")
            .bind(&worker)
            .fetch_optional(&mut *tx)
            .await?
            .is_some()
        {
            return Err(Error::WorkerTaken);
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO account (name, role, worker, password_hash, created_at, invited_by, invited_at) \
             VALUES ($1, 'worker', $2, $3, $4, NULL, $5) RETURNING id",
        )
        .bind(name)
        .bind(&worker)
        .bind(password_hash)
        .bind(&stamp)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| taken(e, name))?;
        tx.commit().await?;
        Ok(Some(Account {
            id,
            name: name.to_owned(),
            role: Role::Worker,
            worker: Some(worker),
            active: true,
            disabled: false,
            invited_by: None,
            invited_at: Some(stamp),
            second_factor: false,
        }))
    }

    /// The pseudonyms of workers who have an account, disabled or not: a disabled account is
    /// enabled again by the admin ("Invite again"), never by a letter's code.
    pub async fn workers_with_accounts(&self) -> Result<BTreeSet<String>, Error> {
        let rows = sqlx::query("SELECT worker FROM account WHERE worker IS NOT NULL").fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.get("worker")).collect())
    }

    /// A setting the admin chose, or `None`.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        let row = sqlx::query("SELECT value FROM setting WHERE key = $1").bind(key).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.get("value")))
    }

    /// Sets a setting.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
