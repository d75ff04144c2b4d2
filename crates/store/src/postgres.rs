//! PostgreSQL: each organisation's tables in a schema of its own, named in its data folder.

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};

use crate::{DB_FILE, Error, SCHEMA_FILE};

/// Opens the pool on `url` with every connection in the data folder's schema, creating the
/// schema (and the folder's `postgres-schema` file) the first time, and migrates it.
pub(crate) async fn open(data_dir: &Path, url: &str) -> Result<AnyPool, Error> {
    let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
    let schema = match crate::read_schema_file(data_dir)? {
        Some(schema) => schema,
        None => {
            if data_dir.join(DB_FILE).exists() {
                return Err(Error::SqliteBeside { dir: data_dir.to_owned() });
            }
            let mut conn = sqlx::AnyConnection::connect_with(&options).await?;
            let schema = new_schema(&mut conn, data_dir).await?;
            conn.close().await?;
            write_schema_file(data_dir, &schema)?;
            schema
        }
    };
    let pool = pool_in(options, &schema, 8).await?;
    // sqlx's migrator takes an advisory lock of its own: two processes do not both migrate.
    sqlx::migrate!("./migrations-postgres").run(&pool).await?;
    Ok(pool)
}

/// A pool whose every connection works in `schema`.
pub(crate) async fn pool_in(options: AnyConnectOptions, schema: &str, max: u32) -> Result<AnyPool, Error> {
    let set_path = format!("SET search_path TO \"{schema}\"");
    Ok(AnyPoolOptions::new()
        .max_connections(max)
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
        // Created, or taken (42P06) by another folder — perhaps a moment ago: the next name.
        match conn.execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{candidate}\""))).await {
            Ok(_) => return Ok(candidate),
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P06") => continue,
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("some schema name is free")
}

pub(crate) fn write_schema_file(data_dir: &Path, schema: &str) -> Result<(), Error> {
    std::fs::write(data_dir.join(SCHEMA_FILE), format!("{schema}\n")).map_err(|e| Error::Sql(sqlx::Error::Io(e)))
}

/// Whether `name` is a schema name this module makes (so a hand-edited file cannot inject SQL).
pub(crate) fn valid_schema(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
