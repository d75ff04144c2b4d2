//! Accounts, sessions, tokens, invitations, contests and the access log.

use std::str::FromStr;

use domain::{Decision, Role};
use sqlx::Row;

use crate::{Error, Store};

/// A person who can log in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The worker's pseudonym, for worker accounts.
    pub worker: Option<String>,
    /// Whether a password has been set (an invited account has none until the link is used).
    pub active: bool,
}

/// A logged-in session, found by its token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub account: Account,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// One contest of a decision, with its steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Contest {
    pub id: i64,
    pub worker: String,
    pub decision: Decision,
    pub opened_at: String,
    pub deadline: String,
    pub answered: bool,
    pub steps: Vec<ContestStep>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestStep {
    pub time: String,
    pub actor: String,
    pub kind: String,
    pub outcome: Option<String>,
    pub text: String,
}

/// One entry of the access log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Access {
    pub id: i64,
    pub time: String,
    pub actor: String,
    pub actor_role: String,
    pub worker: String,
    pub what: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Where the access log's chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub id: i64,
    pub reason: &'static str,
}

fn account_from(row: &sqlx::sqlite::SqliteRow) -> Result<Account, Error> {
    let role: String = row.get("role");
    Ok(Account {
        id: row.get("id"),
        name: row.get("name"),
        role: Role::from_str(&role).map_err(Error::BadValue)?,
        worker: row.get("worker"),
        active: row.get::<Option<String>, _>("password_hash").is_some(),
    })
}

/// The columns `account_from` reads, for queries that join `account a`.
macro_rules! account_columns {
    () => {
        "a.id, a.name, a.role, a.worker, a.password_hash"
    };
}

impl Store {
    /// Adds an account. `password_hash` is `None` for an invited account.
    pub async fn add_account(
        &self,
        name: &str,
        role: Role,
        worker: Option<&str>,
        password_hash: Option<&str>,
    ) -> Result<Account, Error> {
        let id =
            sqlx::query("INSERT INTO account (name, role, worker, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .bind(name)
                .bind(role.as_str())
                .bind(worker)
                .bind(password_hash)
                .bind(jiff::Timestamp::now().to_string())
                .execute(&self.pool)
                .await
                .map_err(|e| match &e {
                    sqlx::Error::Database(d) if d.is_unique_violation() => Error::Taken(name.to_owned()),
                    _ => Error::Sql(e),
                })?
                .last_insert_rowid();
        Ok(Account {
            id,
            name: name.to_owned(),
            role,
            worker: worker.map(str::to_owned),
            active: password_hash.is_some(),
        })
    }

    /// The account of this name with its password hash, for a login.
    pub async fn account_for_login(&self, name: &str) -> Result<Option<(Account, Option<String>)>, Error> {
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM account a WHERE a.name = ?"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((account_from(&r)?, r.get("password_hash")))).transpose()
    }

    /// Every account, by name.
    pub async fn accounts(&self) -> Result<Vec<Account>, Error> {
        let rows = sqlx::query(concat!("SELECT ", account_columns!(), " FROM account a ORDER BY a.name"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(account_from).collect()
    }

    /// Starts a session; the caller keeps the token, the database its hash.
    pub async fn create_session(&self, account: i64, token_hash: &str, csrf: &str, now: i64) -> Result<(), Error> {
        sqlx::query("INSERT INTO session (token_hash, account, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)")
            .bind(token_hash)
            .bind(account)
            .bind(csrf)
            .bind(now)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session of a token hash if it is still valid at `now`: not idle for longer than
    /// `idle` seconds and not older than `absolute`. A valid session is touched; an expired one
    /// is deleted.
    pub async fn session(
        &self,
        token_hash: &str,
        now: i64,
        idle: i64,
        absolute: i64,
    ) -> Result<Option<Session>, Error> {
        let row = sqlx::query(concat!(
            "SELECT ",
            account_columns!(),
            ", s.csrf, s.created_at, s.last_seen FROM session s \
             JOIN account a ON a.id = s.account WHERE s.token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let (created_at, last_seen): (i64, i64) = (row.get("created_at"), row.get("last_seen"));
        if now - last_seen > idle || now - created_at > absolute {
            sqlx::query("DELETE FROM session WHERE token_hash = ?").bind(token_hash).execute(&self.pool).await?;
            return Ok(None);
        }
        // Touch at most once a minute: fewer writes under load.
        if now - last_seen >= 60 {
            sqlx::query("UPDATE session SET last_seen = ? WHERE token_hash = ?")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(Session { account: account_from(&row)?, csrf: row.get("csrf"), created_at, last_seen }))
    }

    /// Ends one session.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM session WHERE token_hash = ?").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session of an account ("log out everywhere"); returns how many.
    pub async fn end_sessions(&self, account: i64) -> Result<u64, Error> {
        Ok(sqlx::query("DELETE FROM session WHERE account = ?")
            .bind(account)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Adds a personal access token for the API.
    pub async fn add_api_token(&self, account: i64, token_hash: &str, label: &str) -> Result<(), Error> {
        sqlx::query("INSERT INTO api_token (token_hash, account, label, created_at) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(account)
            .bind(label)
            .bind(jiff::Timestamp::now().to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account a personal access token belongs to.
    pub async fn api_token_account(&self, token_hash: &str) -> Result<Option<Account>, Error> {
        let row = sqlx::query(concat!(
            "SELECT ",
            account_columns!(),
            " FROM api_token t JOIN account a ON a.id = t.account WHERE t.token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from).transpose()
    }

    /// Invites a person: an account without a password, and a link that sets it once.
    pub async fn invite(
        &self,
        name: &str,
        role: Role,
        worker: Option<&str>,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<Account, Error> {
        let account = self.add_account(name, role, worker, None).await?;
        sqlx::query("INSERT INTO invitation (token_hash, account, expires_at) VALUES (?, ?, ?)")
            .bind(token_hash)
            .bind(account.id)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(account)
    }

    /// The account an unused, unexpired invitation is for.
    pub async fn invitation(&self, token_hash: &str, now: i64) -> Result<Option<Account>, Error> {
        let row = sqlx::query(concat!(
            "SELECT ",
            account_columns!(),
            " FROM invitation i JOIN account a ON a.id = i.account \
             WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ?"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from).transpose()
    }

    /// Uses an invitation: sets the password, once. False if the link was used or expired.
    pub async fn accept_invitation(&self, token_hash: &str, now: i64, password_hash: &str) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let used = sqlx::query(
            "UPDATE invitation SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? \
             RETURNING account",
        )
        .bind(jiff::Timestamp::now().to_string())
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = used else { return Ok(false) };
        let account: i64 = row.get("account");
        sqlx::query("UPDATE account SET password_hash = ? WHERE id = ?")
            .bind(password_hash)
            .bind(account)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sets a new password and ends the account's sessions.
    pub async fn set_password(&self, account: i64, password_hash: &str) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE account SET password_hash = ? WHERE id = ?")
            .bind(password_hash)
            .bind(account)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM session WHERE account = ?").bind(account).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The decisions about one worker, with their ids, in time order.
    pub async fn decisions_of(&self, worker: &str) -> Result<Vec<(i64, Decision)>, Error> {
        let rows = sqlx::query(
            "SELECT id, worker, time, decision, automated, reviewed, review_seconds, overturned, score, reason \
             FROM decision WHERE worker = ? ORDER BY time, id",
        )
        .bind(worker)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.get("id"), crate::decision_from(r)?))).collect()
    }

    /// Opens a contest of one of the worker's own decisions; `None` if the decision is not theirs.
    pub async fn open_contest(
        &self,
        worker: &str,
        actor: &str,
        decision: i64,
        deadline: jiff::civil::Date,
        reason: &str,
    ) -> Result<Option<i64>, Error> {
        let own = self.decisions_of(worker).await?.into_iter().find(|(id, _)| *id == decision);
        let Some((_, d)) = own else { return Ok(None) };
        let now = jiff::Timestamp::now().to_string();
        let mut tx = self.pool.begin().await?;
        let id = sqlx::query(
            "INSERT INTO contest (worker, decision, opened_at, deadline, status) VALUES (?, ?, ?, ?, 'open')",
        )
        .bind(worker)
        .bind(serde_json::to_string(&d)?)
        .bind(&now)
        .bind(deadline.to_string())
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        sqlx::query("INSERT INTO contest_step (contest, time, actor, kind, text) VALUES (?, ?, ?, 'opened', ?)")
            .bind(id)
            .bind(&now)
            .bind(actor)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Answers an open contest in writing. False if it is not open.
    pub async fn answer_contest(&self, id: i64, actor: &str, overturned: bool, text: &str) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE contest SET status = 'answered' WHERE id = ? AND status = 'open'")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO contest_step (contest, time, actor, kind, outcome, text) VALUES (?, ?, ?, 'answered', ?, ?)",
        )
        .bind(id)
        .bind(jiff::Timestamp::now().to_string())
        .bind(actor)
        .bind(if overturned { "overturned" } else { "upheld" })
        .bind(text)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Contests, newest first: one worker's, or everyone's (`None`, for the admin's queue).
    pub async fn contests(&self, worker: Option<&str>) -> Result<Vec<Contest>, Error> {
        self.contests_where(worker, None).await
    }

    async fn contests_where(&self, worker: Option<&str>, id: Option<i64>) -> Result<Vec<Contest>, Error> {
        let rows = sqlx::query(
            "SELECT id, worker, decision, opened_at, deadline, status FROM contest \
             WHERE (?1 IS NULL OR worker = ?1) AND (?2 IS NULL OR id = ?2) ORDER BY status = 'answered', deadline, id",
        )
        .bind(worker)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get("id");
            let steps =
                sqlx::query("SELECT time, actor, kind, outcome, text FROM contest_step WHERE contest = ? ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .map(|s| ContestStep {
                        time: s.get("time"),
                        actor: s.get("actor"),
                        kind: s.get("kind"),
                        outcome: s.get("outcome"),
                        text: s.get("text"),
                    })
                    .collect();
            out.push(Contest {
                id,
                worker: r.get("worker"),
                decision: serde_json::from_str(r.get("decision"))?,
                opened_at: r.get("opened_at"),
                deadline: r.get("deadline"),
                answered: r.get::<String, _>("status") == "answered",
                steps,
            });
        }
        Ok(out)
    }

    /// One contest.
    pub async fn contest(&self, id: i64) -> Result<Option<Contest>, Error> {
        Ok(self.contests_where(None, Some(id)).await?.pop())
    }

    /// Writes who read whose data, chained to the entry before.
    pub async fn log_access(&self, actor: &str, role: Role, worker: &str, what: &str) -> Result<(), Error> {
        // One writer at a time in this process, so two entries never claim the same predecessor.
        let _guard = self.log_lock.lock().await;
        // IMMEDIATE: take the write lock before reading the last hash. A deferred transaction
        // that reads, then writes, fails at once (SQLITE_BUSY_SNAPSHOT) if another connection
        // wrote in between, as a session being touched does.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let last: Option<(i64, String)> = sqlx::query("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| (r.get("id"), r.get("hash")));
        let (id, prev) = match last {
            Some((id, hash)) => (id + 1, hash),
            None => (1, guard::CHAIN_START.to_owned()),
        };
        let time = jiff::Timestamp::now().to_string();
        let hash = guard::chain_hash(&prev, &[&id.to_string(), &time, actor, role.as_str(), worker, what]);
        sqlx::query(
            "INSERT INTO access_log (id, time, actor, actor_role, worker, what, prev_hash, hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&time)
        .bind(actor)
        .bind(role.as_str())
        .bind(worker)
        .bind(what)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The access log about one worker, newest first; at most `limit` entries if given.
    pub async fn access_log(&self, worker: &str, limit: Option<i64>) -> Result<Vec<Access>, Error> {
        let rows = sqlx::query(
            "SELECT id, time, actor, actor_role, worker, what, prev_hash, hash FROM access_log \
             WHERE worker = ? ORDER BY id DESC LIMIT ?",
        )
        .bind(worker)
        .bind(limit.unwrap_or(-1))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(access_from).collect())
    }

    /// Checks the whole chain: every entry's hash over its fields and its predecessor's hash.
    /// Returns the number of entries, or the first entry where the chain breaks.
    pub async fn verify_access_log(&self) -> Result<Result<u64, ChainBreak>, Error> {
        let rows = sqlx::query(
            "SELECT id, time, actor, actor_role, worker, what, prev_hash, hash FROM access_log ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut prev = guard::CHAIN_START.to_owned();
        for (expected_id, r) in (1..).zip(rows.iter().map(access_from)) {
            if r.id != expected_id {
                return Ok(Err(ChainBreak { id: r.id, reason: "an entry before this one is missing" }));
            }
            if r.prev_hash != prev {
                return Ok(Err(ChainBreak { id: r.id, reason: "it does not follow from the entry before" }));
            }
            let hash =
                guard::chain_hash(&prev, &[&r.id.to_string(), &r.time, &r.actor, &r.actor_role, &r.worker, &r.what]);
            if hash != r.hash {
                return Ok(Err(ChainBreak { id: r.id, reason: "its fields were changed after it was written" }));
            }
            prev = r.hash;
        }
        Ok(Ok(rows.len() as u64))
    }
}

fn access_from(r: &sqlx::sqlite::SqliteRow) -> Access {
    Access {
        id: r.get("id"),
        time: r.get("time"),
        actor: r.get("actor"),
        actor_role: r.get("actor_role"),
        worker: r.get("worker"),
        what: r.get("what"),
        prev_hash: r.get("prev_hash"),
        hash: r.get("hash"),
    }
}
