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
    /// Disabled (`inzage user disable`): no login, no session, no token.
    pub disabled: bool,
    /// Who made the account (an inviter's name; `None`: the command line) and when.
    pub invited_by: Option<String>,
    pub invited_at: Option<String>,
    /// A second factor (TOTP) is set up: a login asks for a code after the password.
    pub second_factor: bool,
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

/// What became of a contest to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    Opened(i64),
    /// The decision is not the worker's (or not there).
    NotTheirs,
    /// The decision has an open contest already.
    AlreadyOpen,
    /// The worker opened the most contests allowed in a day.
    TooMany,
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

/// Where the access log's chain breaks: the entry, and the translation key of why
/// (`log-missing`, `log-not-following`, `log-changed`, `log-seal`, `log-cut`, `log-head-differs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub id: i64,
    pub reason: &'static str,
}

/// The access log's head: how many entries it has and the newest entry's hash. Noted down
/// outside the database (the works council's page, the advice report), it anchors the chain:
/// `COUNT:HASH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub count: u64,
    pub hash: String,
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.count, self.hash)
    }
}

impl std::str::FromStr for Head {
    type Err = ();

    /// `COUNT:HASH`, the hash as 64 hex digits.
    fn from_str(text: &str) -> Result<Head, ()> {
        let (count, hash) = text.trim().split_once(':').ok_or(())?;
        let count = count.parse().map_err(|_| ())?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(());
        }
        Ok(Head { count, hash: hash.to_ascii_lowercase() })
    }
}

/// A chain that holds: its head, and how many of its first entries were written before it was
/// keyed (checked by their plain SHA-256 links).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub head: Head,
    pub unkeyed: u64,
}

/// The hash of the entry before `id`, for the seal.
async fn hash_before(pool: &sqlx::AnyPool, id: i64) -> Result<String, Error> {
    let hash: Option<String> =
        sqlx::query_scalar("SELECT hash FROM access_log WHERE id = $1").bind(id - 1).fetch_optional(pool).await?;
    Ok(hash.unwrap_or_else(|| guard::CHAIN_START.to_owned()))
}

/// The access log's key and the first entry it links. The first time (migration 0007 has not
/// been sealed yet), the key file is created and the start sealed with it. An existing key
/// file is only taken for an unsealed log that is empty (a database started afresh beside its
/// key); otherwise someone changed the database, and opening refuses. A sealed log whose key
/// file is missing cannot be continued: that is refused too.
pub(crate) async fn open_log_key(pool: &sqlx::AnyPool, path: &std::path::Path) -> Result<guard::LogKey, Error> {
    let row = sqlx::query("SELECT since, seal FROM access_log_keyed").fetch_one(pool).await?;
    let (since, seal): (i64, Option<String>) = (row.get("since"), row.get("seal"));
    if seal.is_some() {
        let key = guard::LogKey::load(path)?.ok_or_else(|| Error::LogKeyMissing(path.to_owned()))?;
        return Ok(key);
    }
    let key = match guard::LogKey::load(path)? {
        None => guard::LogKey::create(path)?,
        Some(key) => {
            let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM access_log").fetch_one(pool).await?;
            if entries > 0 {
                return Err(Error::LogKeyUnsealed(path.to_owned()));
            }
            key
        }
    };
    let sealed = key.seal(since, &hash_before(pool, since).await?);
    sqlx::query("UPDATE access_log_keyed SET seal = $1 WHERE seal IS NULL").bind(sealed).execute(pool).await?;
    Ok(key)
}

pub(crate) fn account_from(row: &sqlx::any::AnyRow) -> Result<Account, Error> {
    let role: String = row.get("role");
    Ok(Account {
        id: row.get("id"),
        name: row.get("name"),
        role: Role::from_str(&role).map_err(Error::BadValue)?,
        worker: row.get("worker"),
        active: row.get::<Option<String>, _>("password_hash").is_some(),
        disabled: row.get::<Option<String>, _>("disabled_at").is_some(),
        invited_by: row.get("invited_by"),
        invited_at: row.get("invited_at"),
        second_factor: row.get::<Option<String>, _>("totp_confirmed_at").is_some(),
    })
}

/// A personal access token as `inzage token list` shows it; never the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// The number `inzage token revoke --id` takes.
    pub id: i64,
    pub account: String,
    pub label: String,
    pub created_at: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// Unix seconds, to the minute; `None` if never used.
    pub last_used_at: Option<i64>,
}

/// A unique index refused the row: the account's name, or the worker already has an account.
pub(crate) fn taken(e: sqlx::Error, name: &str) -> Error {
    match &e {
        sqlx::Error::Database(d)
            if d.is_unique_violation()
                && (d.message().contains("account.worker") || d.constraint() == Some("account_worker_active")) =>
        {
            Error::WorkerTaken
        }
        sqlx::Error::Database(d) if d.is_unique_violation() => Error::Taken(name.to_owned()),
        _ => Error::Sql(e),
    }
}

/// The columns `account_from` reads, for queries that join `account a`.
macro_rules! account_columns {
    () => {
        "a.id, a.name, a.role, a.worker, a.password_hash, a.disabled_at, a.invited_by, a.invited_at, \
         a.totp_confirmed_at"
    };
}
pub(crate) use account_columns;

impl Store {
    /// Adds an account from the command line. `password_hash` is `None` for an invited account.
    /// `Taken` when the name is, `WorkerTaken` when the worker has an active account already.
    pub async fn add_account(
        &self,
        name: &str,
        role: Role,
        worker: Option<&str>,
        password_hash: Option<&str>,
    ) -> Result<Account, Error> {
        self.add_account_by(name, role, worker, password_hash, None).await
    }

    /// Adds an account made by `invited_by` (an account's name; `None`: the command line).
    pub async fn add_account_by(
        &self,
        name: &str,
        role: Role,
        worker: Option<&str>,
        password_hash: Option<&str>,
        invited_by: Option<&str>,
    ) -> Result<Account, Error> {
        let now = jiff::Timestamp::now().to_string();
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO account (name, role, worker, password_hash, created_at, invited_by, invited_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(worker)
        .bind(password_hash)
        .bind(&now)
        .bind(invited_by)
        .bind(&now)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| taken(e, name))?;
        Ok(Account {
            id,
            name: name.to_owned(),
            role,
            worker: worker.map(str::to_owned),
            active: password_hash.is_some(),
            disabled: false,
            invited_by: invited_by.map(str::to_owned),
            invited_at: Some(now),
            second_factor: false,
        })
    }

    /// Disables an account: its sessions, tokens and unused invitations end, and it can no longer
    /// log in; its name stays in the access log. `None` if there is no such account.
    pub async fn disable_account(&self, name: &str) -> Result<Option<Account>, Error> {
        let mut tx = self.pool.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE account SET disabled_at = COALESCE(disabled_at, $1) WHERE name = $2 RETURNING id",
        )
        .bind(jiff::Timestamp::now().to_string())
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else { return Ok(None) };
        end_all(&mut tx, id).await?;
        sqlx::query("DELETE FROM invitation WHERE account = $1 AND used_at IS NULL").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        self.account(name).await
    }

    /// A new invitation for an existing account: a password reset. Its password, second factor,
    /// sessions, tokens and earlier unused invitations end, and a disabled account is enabled again once
    /// more (`WorkerTaken` if its worker has another active account by now). `None` if there is
    /// no such account.
    pub async fn reinvite(
        &self,
        name: &str,
        invited_by: Option<&str>,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<Option<Account>, Error> {
        let mut tx = self.pool.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE account SET password_hash = NULL, disabled_at = NULL, invited_by = $1, invited_at = $2, \
             totp_secret = NULL, totp_confirmed_at = NULL WHERE name = $3 RETURNING id",
        )
        .bind(invited_by)
        .bind(jiff::Timestamp::now().to_string())
        .bind(name)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| taken(e, name))?;
        let Some(id) = id else { return Ok(None) };
        end_all(&mut tx, id).await?;
        sqlx::query("DELETE FROM recovery_code WHERE account = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM invitation WHERE account = $1 AND used_at IS NULL").bind(id).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO invitation (token_hash, account, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(id)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.account(name).await
    }

    /// The account of this name.
    pub async fn account(&self, name: &str) -> Result<Option<Account>, Error> {
        Ok(self.account_for_login(name).await?.map(|(a, _)| a))
    }

    /// The account of this name with its password hash, for a login.
    pub async fn account_for_login(&self, name: &str) -> Result<Option<(Account, Option<String>)>, Error> {
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM account a WHERE a.name = $1"))
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
        sqlx::query(
            "INSERT INTO session (token_hash, account, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5)",
        )
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
             JOIN account a ON a.id = s.account WHERE s.token_hash = $1 AND a.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let (created_at, last_seen): (i64, i64) = (row.get("created_at"), row.get("last_seen"));
        if now - last_seen > idle || now - created_at > absolute {
            sqlx::query("DELETE FROM session WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
            return Ok(None);
        }
        // Touch at most once a minute: fewer writes under load.
        if now - last_seen >= 60 {
            sqlx::query("UPDATE session SET last_seen = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(Session { account: account_from(&row)?, csrf: row.get("csrf"), created_at, last_seen }))
    }

    /// Ends one session.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM session WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session and every API token of an account ("log out everywhere"); returns
    /// how many of each.
    pub async fn end_sessions(&self, account: i64) -> Result<(u64, u64), Error> {
        let mut tx = self.pool.begin().await?;
        let ended = end_all(&mut tx, account).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Adds a personal access token for the API, valid until `expires_at` (Unix seconds).
    pub async fn add_api_token(
        &self,
        account: i64,
        token_hash: &str,
        label: &str,
        expires_at: i64,
    ) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO api_token (token_hash, account, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(account)
        .bind(label)
        .bind(jiff::Timestamp::now().to_string())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account a personal access token belongs to, while the token has not expired at `now`
    /// and the account is not disabled. The token's last use is noted (at most once a minute).
    pub async fn api_token_account(&self, token_hash: &str, now: i64) -> Result<Option<Account>, Error> {
        let row = sqlx::query(concat!(
            "SELECT ",
            account_columns!(),
            ", t.last_used_at FROM api_token t JOIN account a ON a.id = t.account \
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND a.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        if row.get::<Option<i64>, _>("last_used_at").is_none_or(|t| now - t >= 60) {
            sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(account_from(&row)?))
    }

    /// The personal access tokens, of one account or of all, oldest first.
    pub async fn api_tokens(&self, account: Option<&str>) -> Result<Vec<TokenInfo>, Error> {
        let rows = sqlx::query(
            "SELECT t.rowid AS id, a.name, t.label, t.created_at, t.expires_at, t.last_used_at \
             FROM api_token t JOIN account a ON a.id = t.account WHERE ($1 IS NULL OR a.name = $1) ORDER BY t.rowid",
        )
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| TokenInfo {
                id: r.get("id"),
                account: r.get("name"),
                label: r.get("label"),
                created_at: r.get("created_at"),
                expires_at: r.get("expires_at"),
                last_used_at: r.get("last_used_at"),
            })
            .collect())
    }

    /// Revokes every token of an account; returns how many.
    pub async fn revoke_api_tokens(&self, account: i64) -> Result<u64, Error> {
        let n = sqlx::query("DELETE FROM api_token WHERE account = $1").bind(account).execute(&self.pool).await?;
        Ok(n.rows_affected())
    }

    /// Revokes one token by its number; false if there is none.
    pub async fn revoke_api_token(&self, id: i64) -> Result<bool, Error> {
        let n = sqlx::query("DELETE FROM api_token WHERE rowid = $1").bind(id).execute(&self.pool).await?;
        Ok(n.rows_affected() == 1)
    }

    /// Invites a person: an account without a password, and a link that sets it once.
    /// `invited_by` is the inviter's name (`None`: the command line).
    pub async fn invite(
        &self,
        name: &str,
        role: Role,
        worker: Option<&str>,
        invited_by: Option<&str>,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<Account, Error> {
        let account = self.add_account_by(name, role, worker, None, invited_by).await?;
        sqlx::query("INSERT INTO invitation (token_hash, account, expires_at) VALUES ($1, $2, $3)")
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
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2"
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
            "UPDATE invitation SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3 \
             RETURNING account",
        )
        .bind(jiff::Timestamp::now().to_string())
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = used else { return Ok(false) };
        let account: i64 = row.get("account");
        sqlx::query("UPDATE account SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(account)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Sets a new password and ends the account's sessions and API tokens.
    pub async fn set_password(&self, account: i64, password_hash: &str) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE account SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(account)
            .execute(&mut *tx)
            .await?;
        end_all(&mut tx, account).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The decisions about one worker, with their ids, in time order.
    pub async fn decisions_of(&self, worker: &str) -> Result<Vec<(i64, Decision)>, Error> {
        let rows = sqlx::query(
            "SELECT id, worker, time, decision, automated, reviewed, review_seconds, overturned, score, reason \
             FROM decision WHERE worker = $1 ORDER BY time, id",
        )
        .bind(worker)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.get("id"), crate::decision_from(r)?))).collect()
    }

    /// Opens a contest of one of the worker's own decisions, unless that decision has an open
    /// contest already or the worker opened `per_day` contests in the last 24 hours (security
    /// review L12). Checked and written under one write lock, so two requests at once cannot
    /// both pass.
    pub async fn open_contest(
        &self,
        worker: &str,
        actor: &str,
        decision: i64,
        deadline: jiff::civil::Date,
        reason: &str,
        per_day: i64,
    ) -> Result<Opened, Error> {
        let own = self.decisions_of(worker).await?.into_iter().find(|(id, _)| *id == decision);
        let Some((_, d)) = own else { return Ok(Opened::NotTheirs) };
        let decision = serde_json::to_string(&d)?;
        let now = jiff::Timestamp::now();
        let mut tx = self.begin_write(crate::Lock::Contest).await?;
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM contest WHERE worker = $1 AND decision = $2 AND status = 'open'")
                .bind(worker)
                .bind(&decision)
                .fetch_one(&mut *tx)
                .await?;
        if open > 0 {
            return Ok(Opened::AlreadyOpen);
        }
        let since = (now - jiff::SignedDuration::from_hours(24)).to_string();
        let recent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contest WHERE worker = $1 AND opened_at > $2")
            .bind(worker)
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
        if recent >= per_day {
            return Ok(Opened::TooMany);
        }
        let now = now.to_string();
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO contest (worker, decision, opened_at, deadline, status) VALUES ($1, $2, $3, $4, 'open') RETURNING id",
        )
        .bind(worker)
        .bind(&decision)
        .bind(&now)
        .bind(deadline.to_string())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO contest_step (contest, time, actor, kind, text) VALUES ($1, $2, $3, 'opened', $4)")
            .bind(id)
            .bind(&now)
            .bind(actor)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Opened::Opened(id))
    }

    /// Answers an open contest in writing. False if it is not open.
    pub async fn answer_contest(&self, id: i64, actor: &str, overturned: bool, text: &str) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE contest SET status = 'answered' WHERE id = $1 AND status = 'open'")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO contest_step (contest, time, actor, kind, outcome, text) VALUES ($1, $2, $3, 'answered', $4, $5)",
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
             WHERE ($1 IS NULL OR worker = $1) AND ($2 IS NULL OR id = $2) ORDER BY status = 'answered', deadline, id",
        )
        .bind(worker)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get("id");
            let steps =
                sqlx::query("SELECT time, actor, kind, outcome, text FROM contest_step WHERE contest = $1 ORDER BY id")
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

    /// Writes who read whose data, chained to the entry before, and returns once the entry is
    /// committed.
    ///
    /// **Group commit.** Entries are queued; whoever holds the log's lock appends every queued
    /// entry in one transaction — one chain, in queue order — commits, and only then tells each
    /// caller its entry is written. So many readers at once cost one transaction, not one each,
    /// and no caller returns (no page is sent) before its entry is in the database.
    pub async fn log_access(&self, actor: &str, role: Role, worker: &str, what: &str) -> Result<(), Error> {
        let (done, mut written) = tokio::sync::oneshot::channel();
        {
            let mut queue = self.log_queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.push(Pending {
                // The moment of the read (taken in the queue's lock, so times follow the chain's
                // order), not of the write that may come a little later.
                time: jiff::Timestamp::now().to_string(),
                actor: actor.to_owned(),
                role: role.as_str(),
                worker: worker.to_owned(),
                what: what.to_owned(),
                done,
            });
        }
        use tokio::sync::oneshot::error::TryRecvError;
        loop {
            match written.try_recv() {
                Ok(result) => return result.map_err(Error::LogNotWritten),
                Err(TryRecvError::Closed) => return Err(Error::LogNotWritten("the writer stopped".into())),
                Err(TryRecvError::Empty) => {}
            }
            // One writer at a time in this process, so two entries never claim the same predecessor.
            let guard = self.log_lock.clone().lock_owned().await;
            // The writer before may have taken ours: then we are done, and leave the queue to the next.
            if let Ok(result) = written.try_recv() {
                return result.map_err(Error::LogNotWritten);
            }
            let batch = std::mem::take(&mut *self.log_queue.lock().unwrap_or_else(|p| p.into_inner()));
            if batch.is_empty() {
                // Another writer took ours and has answered (the answer comes before the lock is let go).
                continue;
            }
            // The batch is written by a task of its own: a caller that goes away (a browser that
            // closes the connection) cannot stop it halfway and leave the others unanswered.
            let store = self.clone();
            let writer = tokio::spawn(async move {
                let result = store.append_batch(&batch).await;
                let shared = result.as_ref().map(|_| ()).map_err(ToString::to_string);
                for entry in batch {
                    let _ = entry.done.send(shared.clone());
                }
                drop(guard);
                result
            });
            if let Err(e) = writer.await {
                return Err(Error::LogNotWritten(e.to_string()));
            }
        }
    }

    /// Appends `batch` to the chain in one transaction.
    async fn append_batch(&self, batch: &[Pending]) -> Result<(), Error> {
        // Take the chain's lock before reading the last hash (SQLite: IMMEDIATE, so a read then
        // a write does not fail with SQLITE_BUSY_SNAPSHOT when a session was touched in between;
        // PostgreSQL: an advisory lock, so two appends cannot both link to the same entry).
        let mut tx = self.begin_write(crate::Lock::AccessLog).await?;
        let last: Option<(i64, String)> = sqlx::query("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| (r.get("id"), r.get("hash")));
        let (mut id, mut prev) = match last {
            Some((id, hash)) => (id + 1, hash),
            None => (1, guard::CHAIN_START.to_owned()),
        };
        // Each link is computed here, then the group goes in as one statement per 500 entries:
        // every statement is a hand-off to the connection's thread and back, which under load
        // costs more than SQLite's work (docs/scale.md).
        let mut rows = Vec::with_capacity(batch.len());
        for e in batch {
            let hash = self.log_key.link(&prev, &[&id.to_string(), &e.time, &e.actor, e.role, &e.worker, &e.what]);
            rows.push((id, e, std::mem::replace(&mut prev, hash.clone()), hash));
            id += 1;
        }
        for chunk in rows.chunks(500) {
            let mut sql = String::from(
                "INSERT INTO access_log (id, time, actor, actor_role, worker, what, prev_hash, hash) VALUES ",
            );
            for n in 0..chunk.len() {
                let p = n * 8;
                let sep = if n == 0 { "" } else { ", " };
                sql.push_str(&format!(
                    "{sep}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7,
                    p + 8
                ));
            }
            let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, e, prev, hash) in chunk {
                insert = insert
                    .bind(*id)
                    .bind(&e.time)
                    .bind(&e.actor)
                    .bind(e.role)
                    .bind(&e.worker)
                    .bind(&e.what)
                    .bind(prev)
                    .bind(hash);
            }
            insert.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The access log about one worker, newest first; at most `limit` entries if given.
    pub async fn access_log(&self, worker: &str, limit: Option<i64>) -> Result<Vec<Access>, Error> {
        let rows = sqlx::query(
            "SELECT id, time, actor, actor_role, worker, what, prev_hash, hash FROM access_log \
             WHERE worker = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(worker)
        .bind(limit.unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(access_from).collect())
    }

    /// The access log's head: its number of entries and the newest entry's hash.
    pub async fn access_log_head(&self) -> Result<Head, Error> {
        let last: Option<(i64, String)> = sqlx::query("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&self.pool)
            .await?
            .map(|r| (r.get("id"), r.get("hash")));
        Ok(match last {
            Some((id, hash)) => Head { count: u64::try_from(id).unwrap_or(0), hash },
            None => Head { count: 0, hash: guard::CHAIN_START.to_owned() },
        })
    }

    /// Checks the whole chain: every entry's link over its fields and its predecessor's hash (an
    /// HMAC under the log's key from the keyed start on, plain SHA-256 before it), and the seal of
    /// where the keyed part starts. With `expect`, a head noted down earlier: the entry at its
    /// count must still have its hash (nothing before it changed) and the log must still reach it
    /// (nothing was cut from the end). Returns the head, or the first entry where it breaks.
    pub async fn verify_access_log(&self, expect: Option<&Head>) -> Result<Result<Verified, ChainBreak>, Error> {
        let rows = sqlx::query(
            "SELECT id, time, actor, actor_role, worker, what, prev_hash, hash FROM access_log ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let row = sqlx::query("SELECT since, seal FROM access_log_keyed").fetch_one(&self.pool).await?;
        let (since, seal): (i64, Option<String>) = (row.get("since"), row.get("seal"));
        let sealed =
            |prev: &str| seal.as_deref().is_some_and(|s| guard::same_secret(s, &self.log_key.seal(since, prev)));
        if since < 1 {
            return Ok(Err(ChainBreak { id: 1, reason: "log-seal" }));
        }
        let mut prev = guard::CHAIN_START.to_owned();
        let mut at = 0i64;
        for (expected_id, r) in (1..).zip(rows.iter().map(access_from)) {
            if r.id != expected_id {
                return Ok(Err(ChainBreak { id: r.id, reason: "log-missing" }));
            }
            if r.id == since && !sealed(&prev) {
                return Ok(Err(ChainBreak { id: r.id, reason: "log-seal" }));
            }
            if r.prev_hash != prev {
                return Ok(Err(ChainBreak { id: r.id, reason: "log-not-following" }));
            }
            let fields = [r.id.to_string(), r.time, r.actor, r.actor_role, r.worker, r.what];
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let hash =
                if r.id >= since { self.log_key.link(&prev, &fields) } else { guard::chain_hash(&prev, &fields) };
            if !guard::same_secret(&hash, &r.hash) {
                return Ok(Err(ChainBreak { id: r.id, reason: "log-changed" }));
            }
            if expect.is_some_and(|e| u64::try_from(r.id) == Ok(e.count) && e.hash != r.hash) {
                return Ok(Err(ChainBreak { id: r.id, reason: "log-head-differs" }));
            }
            prev = r.hash;
            at = r.id;
        }
        // No keyed entry yet: the seal still covers every entry there is.
        if at < since && (since != at + 1 || !sealed(&prev)) {
            return Ok(Err(ChainBreak { id: at + 1, reason: "log-seal" }));
        }
        let head = Head { count: rows.len() as u64, hash: prev };
        if let Some(e) = expect {
            if e.count > head.count {
                return Ok(Err(ChainBreak { id: head.count as i64 + 1, reason: "log-cut" }));
            }
            if e.count == 0 && e.hash != guard::CHAIN_START {
                return Ok(Err(ChainBreak { id: 0, reason: "log-head-differs" }));
            }
        }
        Ok(Ok(Verified { head, unkeyed: u64::try_from(since - 1).unwrap_or(0).min(rows.len() as u64) }))
    }
}

/// Ends every session and API token of an account, in a transaction; returns how many of each.
async fn end_all(tx: &mut sqlx::AnyConnection, account: i64) -> Result<(u64, u64), Error> {
    sqlx::query("DELETE FROM login_pending WHERE account = $1").bind(account).execute(&mut *tx).await?;
    let sessions = sqlx::query("DELETE FROM session WHERE account = $1").bind(account).execute(&mut *tx).await?;
    let tokens = sqlx::query("DELETE FROM api_token WHERE account = $1").bind(account).execute(&mut *tx).await?;
    Ok((sessions.rows_affected(), tokens.rows_affected()))
}

fn access_from(r: &sqlx::any::AnyRow) -> Access {
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

/// An access-log entry waiting for the next group commit.
#[derive(Debug)]
pub(crate) struct Pending {
    time: String,
    actor: String,
    role: &'static str,
    worker: String,
    what: String,
    /// Told once the entry is committed, or why it is not.
    done: tokio::sync::oneshot::Sender<Result<(), String>>,
}
