//! inzage's database: an embedded SQLite file in the data folder, through sqlx, with migrations
//! compiled in. This is the only crate that contains SQL.

mod current;
mod dossier;
mod ledger;
pub mod migrate;
mod notices;
mod people;
mod postgres;
pub use postgres::sorts_bytewise;
mod raw;
mod second;

use std::path::{Path, PathBuf};

use domain::{Decision, Register, Worker};
use sqlx::Row;
use std::sync::Arc;

pub use current::{OwnRows, one_snapshot};
pub use dossier::{
    CheckpointNote, ConditionCheck, ConditionText, Decided, Dossier, Expert, InformationRequest, NewDossier, Reads,
};
pub use ledger::{Audience, Budget, PrivacyRequest, ReleaseError, Released};
pub use notices::{InvitationState, NewInvitation, NoticeBatch};
pub use people::{Access, Account, ChainBreak, Contest, ContestStep, Head, Opened, Session, TokenInfo, Verified};
#[doc(hidden)]
pub use raw::Raw;
pub use second::StoredSecret;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "inzage.sqlite";

/// The SQLite database's files in a data folder: the file, and the `-wal` and `-shm` SQLite
/// keeps beside it.
pub fn database_files() -> [String; 3] {
    [DB_FILE.to_owned(), format!("{DB_FILE}-wal"), format!("{DB_FILE}-shm")]
}

/// The URL of the SQLite file in `data_dir`, for sqlx's `Any` driver.
fn sqlite_url(data_dir: &Path, create: bool) -> String {
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data_dir.join(DB_FILE))
        .create_if_missing(create)
        .to_url_lossy()
        .to_string()
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored register version {id} cannot be read: {source}")]
    Corrupt { id: i64, source: serde_json::Error },
    #[error("cannot encode: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("a stored time cannot be read: {0}")]
    BadTime(String),
    #[error("a stored value cannot be read: {0}")]
    BadValue(String),
    /// The register would not be read back as it is: refused before it is stored.
    #[error("{0}")]
    NotStorable(String),
    #[error("the name `{0}` is taken")]
    Taken(String),
    /// The worker already has an active account (security review M5).
    #[error("the worker already has an account")]
    WorkerTaken,
    #[error(transparent)]
    Key(#[from] guard::Error),
    /// The access log has keyed entries but its key file is not there.
    #[error("the access log's key file {0} is missing")]
    LogKeyMissing(PathBuf),
    /// A key file exists for a log whose keyed start was never sealed with it.
    #[error("the access log's key file {0} exists, but the log's keyed start is not sealed")]
    LogKeyUnsealed(PathBuf),
    /// The folder's tables are in PostgreSQL, and no PostgreSQL database was named.
    #[error(
        "the data folder {} keeps its tables in PostgreSQL (schema {schema}): name the database with --database or {DATABASE_URL_VAR}",
        dir.display()
    )]
    NeedsPostgres { dir: PathBuf, schema: String },
    /// The PostgreSQL database does not compare text byte by byte, as SQLite does.
    #[error(
        "the database sorts text by {collation}, not byte by byte as SQLite does: create it with CREATE DATABASE … TEMPLATE template0 LOCALE 'C'"
    )]
    Collation { collation: String },
    /// The folder's tables are in its SQLite file, and PostgreSQL was named.
    #[error(
        "the data folder {} has its tables in its SQLite file {DB_FILE}: copy them over with `inzage migrate --from {} --to URL`",
        dir.display(),
        dir.display()
    )]
    SqliteBeside { dir: PathBuf },
    /// The data folder and the database named do not belong together (`Database`).
    #[error("{0}")]
    WrongDatabase(String),
    /// Something SQLite can do and PostgreSQL cannot, or the other way round.
    #[error("{0}")]
    Unsupported(String),
    /// The group commit that held this entry failed.
    #[error("the access log could not be written: {0}")]
    LogNotWritten(String),
}

/// Where an organisation's tables are: the embedded SQLite file in its data folder (the
/// default), or a schema of its own in a PostgreSQL database. Either way the data folder keeps
/// the events files and the keys, which never go into the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Database {
    #[default]
    Embedded,
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Database {
    /// The database a command was given (`--database`, or `INZAGE_DATABASE_URL`): none is the
    /// embedded one; anything else must be a PostgreSQL URL.
    pub fn from_option(url: Option<&str>) -> Result<Database, String> {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(Database::Embedded),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Ok(Database::Postgres(u.to_owned()))
            }
            Some(_) => Err("the database must be a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE); \
                           leave it out for the embedded SQLite file"
                .to_owned()),
        }
    }

    /// The database [`Store::open`] uses: the one the process chose
    /// ([`Database::use_for_process`]), else the one `INZAGE_DATABASE_URL` names, else the
    /// embedded one.
    pub fn from_env() -> Result<Database, String> {
        if let Some(chosen) = CHOSEN.get() {
            return Ok(chosen.clone());
        }
        Database::from_option(std::env::var(DATABASE_URL_VAR).ok().as_deref())
            .map_err(|e| format!("{DATABASE_URL_VAR}: {e}"))
    }

    /// Makes `self` the database every [`Store::open`] in this process uses (the command
    /// line's `--database`). The first choice stays.
    pub fn use_for_process(self) {
        let _ = CHOSEN.set(self);
    }

    /// The URL without a password, or anything after `?` (which may hold one), for messages:
    /// `postgres://USER@HOST:PORT/DATABASE`.
    pub fn shown(&self) -> String {
        let Database::Postgres(url) = self else { return DB_FILE.to_owned() };
        let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, database) = rest.split_once('/').unwrap_or((rest, ""));
        match authority.rsplit_once('@') {
            Some((user, host)) => {
                format!("{scheme}://{}@{host}/{database}", user.split(':').next().unwrap_or_default())
            }
            None => format!("{scheme}://{authority}/{database}"),
        }
    }
}

static CHOSEN: std::sync::OnceLock<Database> = std::sync::OnceLock::new();

/// The environment variable that names a PostgreSQL database for every command.
pub const DATABASE_URL_VAR: &str = "INZAGE_DATABASE_URL";

/// The file in a data folder whose tables are in PostgreSQL: the schema's name (never the URL,
/// which may hold a password), so the folder is not opened on an empty SQLite file by mistake.
pub const SCHEMA_FILE: &str = "postgres-schema";

/// Which SQL dialect the pool speaks, where the two differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// The writers that must go one at a time: SQLite's `BEGIN IMMEDIATE` takes the whole
/// database's write lock; PostgreSQL takes a transaction-scoped advisory lock per organisation
/// and purpose, so readers and other organisations go on.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Lock {
    AccessLog = 1,
    PrivacyBudget = 2,
    Contest = 3,
    /// An import replaces workers and decisions: two at once must not both keep theirs.
    Import = 4,
    /// Issuing invitations replaces a worker's unused code: one per worker.
    Notices = 5,
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Serialises appends to the access log's chain.
    log_lock: Arc<tokio::sync::Mutex<()>>,
    /// Access-log entries waiting to be appended together (`Store::log_access`).
    log_queue: Arc<std::sync::Mutex<Vec<people::Pending>>>,
    /// The access log's key, kept outside the database.
    log_key: Arc<guard::LogKey>,
    /// The newest register version parsed, so a page does not parse it again (`current.rs`).
    parsed_register: Arc<std::sync::Mutex<Option<Arc<RegisterVersion>>>>,
    /// Each worker's attributes and decisions, read once per register version (`current.rs`).
    own_rows: Arc<std::sync::Mutex<current::OwnRowsKept>>,
}

/// An organisation's data, loaded together or not at all.
#[derive(Debug)]
pub struct Import<'a> {
    pub register: &'a Register,
    /// The file the register came from.
    pub source: &'a str,
    pub author: &'a str,
    pub workers: &'a [Worker],
    pub decisions: &'a [Decision],
    /// The events file (already inside the data folder) and its number of rows.
    pub events: Option<(&'a Path, u64)>,
    /// The IANA time zone the import read local times in (`inzage import --tz`), kept with the
    /// events file so its local times are read the same way later.
    pub time_zone: &'a str,
}

/// One stored version of the register.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterVersion {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub source: String,
    pub register: Register,
}

/// The register's versions, oldest first, and those that cannot be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub versions: Vec<RegisterVersion>,
    pub unreadable: Vec<UnreadableVersion>,
}

/// A stored register version whose document cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableVersion {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub source: String,
    /// Why it cannot be read.
    pub error: String,
}

/// The register as JSON, once it is known to read back as the same register (security review
/// M10: a number JSON cannot hold, such as `inf`, would be written as `null` and every later
/// read would fail).
fn storable(register: &Register) -> Result<String, Error> {
    let document = serde_json::to_string(register)?;
    if serde_json::from_str::<Register>(&document).is_ok_and(|back| &back == register) {
        return Ok(document);
    }
    // Name the part that does not read back.
    let reads_back = |system: &domain::System| {
        serde_json::to_string(system)
            .ok()
            .and_then(|json| serde_json::from_str::<domain::System>(&json).ok())
            .is_some_and(|back| &back == system)
    };
    let place = register
        .systems
        .iter()
        .find(|s| !reads_back(s))
        .map_or_else(|| "the organisation".to_owned(), |s| format!("system `{}`", s.id));
    Err(Error::NotStorable(format!(
        "the register cannot be stored as it was read: {place} would read back differently (a number that is not finite?)"
    )))
}

/// What the data folder holds, in numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overview {
    pub register_versions: i64,
    pub workers: i64,
    pub decisions: i64,
    pub automated_decisions: i64,
    pub events: Option<(PathBuf, i64)>,
    /// The time zone to read the events file's local times in, when there is an events file
    /// (see [`Store::events_time_zone`]).
    pub events_time_zone: Option<String>,
}

impl Store {
    /// Opens (creating if missing) the database of `data_dir` and brings its schema up to date:
    /// the one `INZAGE_DATABASE_URL` names, or else the embedded SQLite file.
    pub async fn open(data_dir: &Path) -> Result<Store, Error> {
        let database = Database::from_env().map_err(Error::WrongDatabase)?;
        Store::open_in(data_dir, &database).await
    }

    /// Opens the tables of the organisation in `data_dir` in `database`, creating them if
    /// missing. In PostgreSQL each data folder has a schema of its own, named in the folder's
    /// `postgres-schema` file.
    pub async fn open_in(data_dir: &Path, database: &Database) -> Result<Store, Error> {
        sqlx::any::install_default_drivers();
        let (pool, backend) = match database {
            Database::Embedded => {
                if let Some(schema) = read_schema_file(data_dir)? {
                    return Err(needs_postgres(data_dir, &schema));
                }
                owner_only(data_dir)?;
                let options = sqlite_url(data_dir, true).parse::<AnyConnectOptions>()?.disable_statement_logging();
                // WAL lets pages read while an import writes; sqlx turns foreign keys on.
                // No ping before each query: an embedded database cannot go away, and the ping was
                // one more hand-off to the connection's thread and back per query (issue 15).
                let pool = AnyPoolOptions::new()
                    .max_connections(4)
                    .test_before_acquire(false)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("./migrations").run(&pool).await?;
                (pool, Backend::Sqlite)
            }
            Database::Postgres(url) => (postgres::open(data_dir, url).await?, Backend::Postgres),
        };
        let log_key = people::open_log_key(&pool, &guard::LogKey::key_path(data_dir)).await?;
        Ok(Store {
            pool,
            backend,
            log_lock: Arc::default(),
            log_queue: Arc::default(),
            log_key: Arc::new(log_key),
            parsed_register: Arc::default(),
            own_rows: Arc::default(),
        })
    }

    /// Closes the database: every connection is finished and the WAL checkpointed.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A transaction for a writer that must go alone (see [`Lock`]).
    pub(crate) async fn begin_write(&self, lock: Lock) -> Result<sqlx::Transaction<'static, sqlx::Any>, Error> {
        match self.backend {
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => {
                // READ COMMITTED whatever the server's default: each statement after the lock
                // sees what the writer before it committed.
                let mut tx = self.pool.begin_with("BEGIN ISOLATION LEVEL READ COMMITTED").await?;
                // Counted, so the answer is a number whatever the driver makes of `void`.
                sqlx::query(
                    "SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema()), $1)) AS taken",
                )
                .bind(lock as i32)
                .execute(&mut *tx)
                .await?;
                Ok(tx)
            }
        }
    }

    /// Writes a consistent copy of the whole database to `to` (SQLite's `VACUUM INTO`): the
    /// database as of one moment, whatever is written meanwhile. `to` must not exist yet.
    /// A PostgreSQL database is copied with its own tools (`pg_dump`), not this.
    pub async fn snapshot(&self, to: &Path) -> Result<(), Error> {
        if self.backend == Backend::Postgres {
            return Err(Error::Unsupported(
                "this organisation's tables are in PostgreSQL: back them up with pg_dump --schema; \
                 `inzage backup` copies the embedded SQLite database"
                    .into(),
            ));
        }
        let to = to.to_str().ok_or_else(|| Error::BadValue("the snapshot's path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1").bind(to).execute(&self.pool).await?;
        Ok(())
    }

    /// After a data folder was moved (a restore into another place): the files the database
    /// refers to inside `from` are referred to inside `to`. Returns how many paths changed.
    pub async fn relocate(&self, from: &Path, to: &Path) -> Result<u64, Error> {
        let rows = sqlx::query("SELECT name, path FROM dataset").fetch_all(&self.pool).await?;
        let mut changed = 0;
        for row in rows {
            let path = PathBuf::from(row.get::<String, _>("path"));
            let Ok(inside) = path.strip_prefix(from) else { continue };
            let moved = to.join(inside);
            let moved = moved.to_str().ok_or_else(|| Error::BadValue("a data folder path is not UTF-8".into()))?;
            sqlx::query("UPDATE dataset SET path = $1 WHERE name = $2")
                .bind(moved)
                .bind(row.get::<String, _>("name"))
                .execute(&self.pool)
                .await?;
            changed += 1;
        }
        Ok(changed)
    }

    /// Whether no organisation has been loaded yet.
    pub async fn is_empty(&self) -> Result<bool, Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM register_version").fetch_one(&self.pool).await?;
        Ok(n == 0)
    }

    /// Loads an organisation in one transaction: a new register version, and the workers,
    /// decisions and events file, each replacing what was there. On error nothing changes.
    pub async fn import(&self, import: &Import<'_>) -> Result<i64, Error> {
        self.import_with(import, || ()).await
    }

    /// [`Store::import`], calling `before_commit` once everything is written and the
    /// transaction is about to commit (a test stops a process there).
    pub async fn import_with(&self, import: &Import<'_>, before_commit: impl FnOnce()) -> Result<i64, Error> {
        let now = jiff::Timestamp::now().to_string();
        let document = storable(import.register)?;
        let mut tx = self.begin_write(Lock::Import).await?;
        let version = sqlx::query_scalar::<_, i64>(
            "INSERT INTO register_version (created_at, author, source, document) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&now)
        .bind(import.author)
        .bind(import.source)
        .bind(document)
        .fetch_one(&mut *tx)
        .await?;

        if !import.workers.is_empty() {
            sqlx::query("DELETE FROM worker").execute(&mut *tx).await?;
            for w in import.workers {
                sqlx::query("INSERT INTO worker (id, attributes) VALUES ($1, $2)")
                    .bind(&w.id)
                    .bind(serde_json::to_string(&w.attributes)?)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if !import.decisions.is_empty() {
            sqlx::query("DELETE FROM decision").execute(&mut *tx).await?;
            for d in import.decisions {
                sqlx::query(
                    "INSERT INTO decision (worker, time, decision, automated, reviewed, review_seconds, overturned, score, \
                     reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&d.worker)
                .bind(d.time.to_string())
                .bind(&d.decision)
                .bind(d.automated.map(i64::from))
                .bind(d.reviewed.map(i64::from))
                .bind(d.review_seconds)
                .bind(d.overturned.map(i64::from))
                .bind(d.score)
                .bind(&d.reason)
                .execute(&mut *tx)
                .await?;
            }
        }
        if let Some((path, rows)) = import.events {
            sqlx::query(
                "INSERT INTO dataset (name, path, rows, imported_at, time_zone) VALUES ('events', $1, $2, $3, $4) \
                 ON CONFLICT (name) DO UPDATE SET path = excluded.path, rows = excluded.rows, \
                 imported_at = excluded.imported_at, time_zone = excluded.time_zone",
            )
            .bind(path.to_string_lossy().into_owned())
            .bind(rows as i64)
            .bind(&now)
            .bind(import.time_zone)
            .execute(&mut *tx)
            .await?;
        }
        before_commit();
        tx.commit().await?;
        current::forget_snapshot();
        Ok(version)
    }

    /// Who loaded register versions, and who is named as a reader in the access log: what
    /// `demo --reset` looks at before it deletes a data folder's database.
    pub async fn authors_and_readers(&self) -> Result<(Vec<String>, Vec<String>), Error> {
        let authors = sqlx::query_scalar("SELECT DISTINCT author FROM register_version ORDER BY author")
            .fetch_all(&self.pool)
            .await?;
        let readers =
            sqlx::query_scalar("SELECT DISTINCT actor FROM access_log ORDER BY actor").fetch_all(&self.pool).await?;
        Ok((authors, readers))
    }

    /// The number the next register version will probably get (the newest plus one): part of
    /// the events copy's name, for people reading the folder. Not a reservation.
    pub async fn next_register_version(&self) -> Result<i64, Error> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM register_version").fetch_one(&self.pool).await?)
    }

    /// The newest register version, if any.
    pub async fn latest_register(&self) -> Result<Option<RegisterVersion>, Error> {
        Ok(self.current().await?.register.as_deref().cloned())
    }

    /// The newest register version, if any, shared rather than copied (for what a page view
    /// reads of it: a copy of the whole register per view cost more than the read).
    pub async fn latest_register_shared(&self) -> Result<Option<Arc<RegisterVersion>>, Error> {
        Ok(self.current().await?.register.clone())
    }

    /// Every register version, oldest first. A version that cannot be read (stored by an older
    /// inzage, or edited by hand) is skipped and named in [`History::unreadable`], so one bad
    /// row never fails a page that shows the history.
    pub async fn register_history(&self) -> Result<History, Error> {
        let rows = sqlx::query("SELECT id, created_at, author, source, document FROM register_version ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let mut history = History::default();
        for row in rows {
            let id: i64 = row.get("id");
            let document: String = row.get("document");
            let (created_at, author, source) = (row.get("created_at"), row.get("author"), row.get("source"));
            match serde_json::from_str(&document) {
                Ok(register) => history.versions.push(RegisterVersion { id, created_at, author, source, register }),
                Err(e) => {
                    history.unreadable.push(UnreadableVersion { id, created_at, author, source, error: e.to_string() })
                }
            }
        }
        Ok(history)
    }

    /// Every worker with their attributes.
    pub async fn workers(&self) -> Result<Vec<Worker>, Error> {
        let rows = sqlx::query("SELECT id, attributes FROM worker ORDER BY id").fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| Ok(Worker { id: row.get("id"), attributes: serde_json::from_str(row.get("attributes"))? }))
            .collect()
    }

    /// One worker's attributes, if the workers file named them.
    pub async fn worker(&self, id: &str) -> Result<Option<Worker>, Error> {
        let row =
            sqlx::query("SELECT id, attributes FROM worker WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| Ok(Worker { id: r.get("id"), attributes: serde_json::from_str(r.get("attributes"))? })).transpose()
    }

    /// Every decision, in time order.
    pub async fn decisions(&self) -> Result<Vec<Decision>, Error> {
        let rows = sqlx::query(
            "SELECT worker, time, decision, automated, reviewed, review_seconds, overturned, score, reason \
             FROM decision ORDER BY time, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decision_from).collect()
    }

    /// Counts of what is loaded.
    pub async fn overview(&self) -> Result<Overview, Error> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM register_version) AS versions, \
                    (SELECT COUNT(*) FROM worker) AS workers, \
                    (SELECT COUNT(*) FROM decision) AS decisions, \
                    (SELECT COUNT(*) FROM decision WHERE automated = 1) AS automated",
        )
        .fetch_one(&self.pool)
        .await?;
        let dataset = sqlx::query("SELECT path, rows, time_zone FROM dataset WHERE name = 'events'")
            .fetch_optional(&self.pool)
            .await?;
        let events = dataset.as_ref().map(|r| (PathBuf::from(r.get::<String, _>("path")), r.get::<i64, _>("rows")));
        let events_time_zone = dataset.as_ref().map(|r| zone_or_default(r.get("time_zone")));
        Ok(Overview {
            register_versions: row.get("versions"),
            workers: row.get("workers"),
            decisions: row.get("decisions"),
            automated_decisions: row.get("automated"),
            events,
            events_time_zone,
        })
    }

    /// The imported events file and its number of rows, if any: what `overview().events` says,
    /// without counting every table (pages that only need the file ask this, once per request).
    pub async fn events_file(&self) -> Result<Option<(PathBuf, i64)>, Error> {
        Ok(self.current().await?.events.clone())
    }

    /// The IANA time zone to read the events file's local times in: the one its import used, or
    /// [`domain::DEFAULT_TIME_ZONE`] for a dataset imported before the zone was stored, or when
    /// no events file is loaded.
    pub async fn events_time_zone(&self) -> Result<String, Error> {
        Ok(self.current().await?.time_zone.clone())
    }
}

/// Creates the database file readable and writable by its owner only (0600), and narrows an
/// existing one and its `-wal` and `-shm` files to that (security review L3: they hold password
/// hashes, sessions, contests and the access log). SQLite gives the `-wal` and `-shm` files it
/// creates the database file's mode.
fn owner_only(data_dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let db = data_dir.join(DB_FILE);
        if !db.exists() {
            let created = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&db);
            match created {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::Sql(sqlx::Error::Io(e))),
            }
        }
        for name in database_files() {
            let path = data_dir.join(name);
            if let Ok(meta) = std::fs::metadata(&path)
                && meta.permissions().mode() & 0o077 != 0
            {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| Error::Sql(sqlx::Error::Io(e)))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = data_dir;
    Ok(())
}

fn zone_or_default(zone: Option<String>) -> String {
    zone.filter(|z| !z.is_empty()).unwrap_or_else(|| domain::DEFAULT_TIME_ZONE.to_owned())
}

/// A yes/no stored as 0 or 1 (SQLite has no booleans; the PostgreSQL schema keeps integers so
/// both read the same).
pub(crate) fn flag(row: &sqlx::any::AnyRow, column: &str) -> Option<bool> {
    row.get::<Option<i64>, _>(column).map(|v| v != 0)
}

fn decision_from(row: &sqlx::any::AnyRow) -> Result<Decision, Error> {
    let flag = |column| flag(row, column);
    let time: String = row.get("time");
    Ok(Decision {
        worker: row.get("worker"),
        time: time.parse().map_err(|_| Error::BadTime(time.clone()))?,
        decision: row.get("decision"),
        automated: flag("automated"),
        reviewed: flag("reviewed"),
        review_seconds: row.get("review_seconds"),
        overturned: flag("overturned"),
        score: row.get("score"),
        reason: row.get("reason"),
    })
}

/// The schema named in the data folder's `postgres-schema` file, if the folder has one.
pub fn read_schema_file(data_dir: &Path) -> Result<Option<String>, Error> {
    match std::fs::read_to_string(data_dir.join(SCHEMA_FILE)) {
        Ok(text) => {
            let schema = text.trim().to_owned();
            if postgres::valid_schema(&schema) {
                Ok(Some(schema))
            } else {
                Err(Error::WrongDatabase(format!(
                    "{}: `{schema}` is not a schema name inzage made (inzage_ and lower-case letters, digits and _)",
                    data_dir.join(SCHEMA_FILE).display()
                )))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Sql(sqlx::Error::Io(e))),
    }
}

/// Whether `data_dir` holds an organisation's database: its SQLite file, or the name of its
/// PostgreSQL schema.
pub fn has_database(data_dir: &Path) -> bool {
    data_dir.join(DB_FILE).is_file() || data_dir.join(SCHEMA_FILE).is_file()
}

/// Removes the organisation's tables: the SQLite file (and its `-wal` and `-shm`), or its
/// PostgreSQL schema (in the database [`Store::open`] would use) and the folder's
/// `postgres-schema` file. `demo --reset` starts over with it.
pub async fn remove_database(data_dir: &Path) -> Result<(), Error> {
    if let Some(schema) = read_schema_file(data_dir)? {
        let Database::Postgres(url) = Database::from_env().map_err(Error::WrongDatabase)? else {
            return Err(needs_postgres(data_dir, &schema));
        };
        sqlx::any::install_default_drivers();
        postgres::drop_schema(&url.parse()?, &schema).await?;
        std::fs::remove_file(data_dir.join(SCHEMA_FILE)).map_err(|e| Error::Sql(sqlx::Error::Io(e)))?;
    }
    for name in database_files() {
        let path = data_dir.join(name);
        if path.exists() {
            std::fs::remove_file(path).map_err(|e| Error::Sql(sqlx::Error::Io(e)))?;
        }
    }
    Ok(())
}

/// A folder whose tables are in PostgreSQL, opened without naming the database.
fn needs_postgres(data_dir: &Path, schema: &str) -> Error {
    Error::NeedsPostgres { dir: data_dir.to_owned(), schema: schema.to_owned() }
}
