//! PostgreSQL: each organisation's tables in a schema of its own, named in its data folder.

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor, Row};

use crate::{DB_FILE, Error, SCHEMA_FILE};

/// Opens the pool on `url` with every connection in the data folder's schema, creating the
/// schema (and the folder's `postgres-schema` file) the first time, and migrates it.
pub(crate) async fn open(data_dir: &Path, url: &str) -> Result<AnyPool, Error> {
    let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
    let mut conn = sqlx::AnyConnection::connect_with(&options).await?;
    // First of all: a database that compares text otherwise than SQLite is not used at all.
    let row = sqlx::query(
        "SELECT CAST(datcollate AS TEXT) AS collate, CAST(datlocprovider AS TEXT) AS provider FROM pg_database \
         WHERE datname = current_database()",
    )
    .fetch_one(&mut conn)
    .await?;
    let (collate, provider): (String, String) = (row.get("collate"), row.get("provider"));
    if !sorts_bytewise(&collate, &provider) {
        let collation = if provider == "i" { "ICU".to_owned() } else { collate };
        return Err(Error::Collation { collation });
    }
    let schema = match crate::read_schema_file(data_dir)? {
        Some(schema) => schema,
        None => {
            if data_dir.join(DB_FILE).exists() {
                return Err(Error::SqliteBeside { dir: data_dir.to_owned() });
            }
            let schema = new_schema(&mut conn, data_dir).await?;
            // Another process may have given the folder a schema meanwhile: then that one.
            match write_schema_file(data_dir, &schema) {
                Ok(()) => schema,
                Err(Error::Sql(sqlx::Error::Io(e))) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    drop_schema_on(&mut conn, &schema).await?;
                    crate::read_schema_file(data_dir)?
                        .ok_or_else(|| Error::WrongDatabase("the schema file vanished".into()))?
                }
                Err(e) => {
                    drop_schema_on(&mut conn, &schema).await?;
                    return Err(e);
                }
            }
        }
    };
    let there: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1")
        .bind(&schema)
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    if there == 0 {
        return Err(Error::WrongDatabase(format!(
            "{}: schema {schema} is not in this database ({}): another database, or the schema was dropped",
            data_dir.join(SCHEMA_FILE).display(),
            crate::Database::Postgres(url.to_owned()).shown()
        )));
    }
    let pool = pool_in(options, &schema, CONNECTIONS).await?;
    // sqlx's migrator takes an advisory lock of its own: two processes do not both migrate.
    sqlx::migrate!("./migrations-postgres").run(&pool).await?;
    Ok(pool)
}

/// Connections per organisation: a portal of many keeps up to 128 organisations open, and
/// PostgreSQL allows 100 connections unless told otherwise; idle ones are closed after a minute.
const CONNECTIONS: u32 = 4;

/// A pool whose every connection works in `schema`.
pub(crate) async fn pool_in(options: AnyConnectOptions, schema: &str, max: u32) -> Result<AnyPool, Error> {
    let set_path = format!("SET search_path TO \"{schema}\"");
    Ok(AnyPoolOptions::new()
        .max_connections(max)
        .min_connections(0)
        .idle_timeout(std::time::Duration::from_secs(60))
        .after_connect(move |conn, _| {
            let set_path = sqlx::AssertSqlSafe(set_path.clone());
            Box::pin(async move {
                conn.execute(set_path).await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// A schema name for a new data folder: `inzage_` and the folder's name in lower-case letters,
/// digits and `_`, with `_2`, `_3`… when a schema of that name is already there (it belongs to
/// another folder).
pub(crate) async fn new_schema(conn: &mut sqlx::AnyConnection, data_dir: &Path) -> Result<String, Error> {
    let folder = data_dir.canonicalize().unwrap_or_else(|_| data_dir.to_owned());
    let name: String = folder
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '_' })
        .collect();
    let base: String = format!("inzage_{}", name.trim_matches('_')).chars().take(50).collect();
    for n in 1.. {
        let candidate = if n == 1 { base.clone() } else { format!("{base}_{n}") };
        // Created, or taken by another folder (42P06; 23505 when both made it at the same moment):
        // the next name.
        match conn.execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{candidate}\""))).await {
            Ok(_) => return Ok(candidate),
            Err(sqlx::Error::Database(e)) if matches!(e.code().as_deref(), Some("42P06" | "23505")) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("some schema name is free")
}

/// Drops `schema` and everything in it, on a connection of its own.
pub(crate) async fn drop_schema(options: &AnyConnectOptions, schema: &str) -> Result<(), sqlx::Error> {
    let mut conn = sqlx::AnyConnection::connect_with(options).await?;
    drop_schema_on(&mut conn, schema).await?;
    conn.close().await
}

async fn drop_schema_on(conn: &mut sqlx::AnyConnection, schema: &str) -> Result<(), sqlx::Error> {
    conn.execute(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))).await?;
    Ok(())
}

/// Whether a database of this collation compares text byte by byte, as SQLite does (times and
/// names then sort and compare the same on both).
pub fn sorts_bytewise(collate: &str, provider: &str) -> bool {
    provider == "c" && (collate == "C" || collate == "POSIX" || collate.starts_with("C."))
}

/// Writes the folder's `postgres-schema` file; one that is there already is never overwritten.
pub(crate) fn write_schema_file(data_dir: &Path, schema: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(data_dir.join(SCHEMA_FILE))
        .map_err(|e| Error::Sql(sqlx::Error::Io(e)))?;
    file.write_all(format!("{schema}\n").as_bytes()).map_err(|e| Error::Sql(sqlx::Error::Io(e)))
}

/// Whether `name` is a schema name this module makes (so a hand-edited file cannot inject SQL).
pub(crate) fn valid_schema(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
