//! `inzage migrate`: an organisation's tables copied from its SQLite file into a PostgreSQL
//! schema of its own, in one transaction, and checked on arrival — every table's rows counted
//! on both sides and the access log's chain verified with the folder's key to the same head —
//! before the folder is pointed at the schema.

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyRow};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor, Row};

use crate::{Database, Error, Head, Store, postgres};

/// What was copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migrated {
    /// The new schema's name (in the folder's `postgres-schema` file).
    pub schema: String,
    /// Every table and its number of rows, the same on both sides.
    pub tables: Vec<(String, u64)>,
    /// The access log's head, verified on arrival as it was before.
    pub head: Head,
}

/// The tables in an order that respects their foreign keys.
const TABLES: &[&str] = &[
    "register_version",
    "worker",
    "decision",
    "dataset",
    "account",
    "session",
    "api_token",
    "invitation",
    "login_pending",
    "recovery_code",
    "contest",
    "contest_step",
    "access_log",
    "access_log_keyed",
    "privacy_budget",
    "privacy_release",
    "dossier",
    "dossier_checkpoint",
    "information_request",
    "dossier_condition",
    "condition_check",
    "setting",
    "notice_batch",
    "worker_invitation",
];

/// The rows of one insert: well under PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT: usize = 500;

/// Copies the organisation in `data_dir` from its SQLite file to a new schema in the PostgreSQL
/// database at `url`. Refused when the folder already points at PostgreSQL, when its access log
/// does not verify, or when a table of the SQLite file is not one this version knows. On any
/// failure the new schema is dropped and the folder is left as it was.
pub async fn to_postgres(data_dir: &Path, url: &str) -> Result<Migrated, Error> {
    if let Some(schema) = crate::read_schema_file(data_dir)? {
        return Err(Error::WrongDatabase(format!(
            "the data folder {} is in PostgreSQL already (schema {schema})",
            data_dir.display()
        )));
    }
    if !data_dir.join(crate::DB_FILE).is_file() {
        return Err(Error::WrongDatabase(format!("the data folder {} has no SQLite file to copy", data_dir.display())));
    }
    let source = Store::open_in(data_dir, &Database::Embedded).await?;
    let head = match source.verify_access_log(None).await? {
        Ok(v) => v.head,
        Err(b) => {
            return Err(Error::WrongDatabase(format!(
                "the access log in the SQLite file is broken at entry {} ({}): not copied",
                b.id, b.reason
            )));
        }
    };
    let known: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' \
         ORDER BY name",
    )
    .fetch_all(&source.pool)
    .await?;
    if let Some(unknown) = known.iter().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(Error::WrongDatabase(format!("the SQLite file has a table `{unknown}` this inzage does not know")));
    }

    let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
    let mut admin = sqlx::AnyConnection::connect_with(&options).await?;
    let schema = postgres::new_schema(&mut admin, data_dir).await?;
    admin.close().await?;
    let mut wrote_file = false;
    let done = async {
        let tables = copy_into(&source, options.clone(), &schema).await?;
        source.close().await;
        // Arrived: the folder pointed at the schema, and the store opened there verifies the
        // chain with the folder's key, to the same head.
        postgres::write_schema_file(data_dir, &schema)?;
        wrote_file = true;
        let target = Store::open_in(data_dir, &Database::Postgres(url.to_owned())).await?;
        let arrived = target.verify_access_log(Some(&head)).await?;
        target.close().await;
        match arrived {
            Ok(v) if v.head == head => Ok(tables),
            Err(b) => Err(Error::WrongDatabase(format!(
                "the access log arrived broken at entry {} ({}): the copy is undone",
                b.id, b.reason
            ))),
            Ok(v) => Err(Error::WrongDatabase(format!(
                "the access log arrived with head {} instead of {head} (was the portal still running?): the copy is \
                 undone",
                v.head
            ))),
        }
    }
    .await;
    match done {
        Ok(tables) => Ok(Migrated { schema, tables, head }),
        Err(e) => {
            source.close().await;
            if wrote_file {
                let _ = std::fs::remove_file(data_dir.join(crate::SCHEMA_FILE));
            }
            match postgres::drop_schema(&options, &schema).await {
                Ok(()) => Err(e),
                Err(left) => Err(Error::WrongDatabase(format!(
                    "{e}; and schema {schema} could not be dropped ({left}): it still holds a copy, drop it by hand"
                ))),
            }
        }
    }
}

/// The schema migrated and every table copied in one transaction; the rows counted on both sides.
async fn copy_into(source: &Store, options: AnyConnectOptions, schema: &str) -> Result<Vec<(String, u64)>, Error> {
    let pool: AnyPool = postgres::pool_in(options, schema, 1).await?;
    sqlx::migrate!("./migrations-postgres").run(&pool).await?;
    // The SQLite file read as of one moment: its write lock held while it is copied.
    let mut from = source.pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut tx = pool.begin().await?;
    // The migrations' own row (the log's keyed start) makes way for the copied one.
    tx.execute("DELETE FROM access_log_keyed").await?;
    let mut tables = Vec::new();
    for table in TABLES {
        let columns: Vec<(String, String)> = sqlx::query(
            "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS type FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(*table)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| (r.get("name"), r.get("type")))
        .collect();
        // Every column of the SQLite table has its place in PostgreSQL's: none is left behind.
        let lite: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info($1)").bind(*table).fetch_all(&mut *from).await?;
        if let Some(missing) = lite.iter().find(|c| !columns.iter().any(|(n, _)| n == *c)) {
            return Err(Error::WrongDatabase(format!("table {table}: column {missing} has no place in PostgreSQL")));
        }
        // Quoted: `only` is a reserved word in PostgreSQL. SQLite reads `"rowid"` as the rowid.
        let names: Vec<String> = columns.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let select = format!("SELECT {} FROM {table} ORDER BY rowid", names.join(", "));
        let rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch_all(&mut *from).await?;
        let mut copied = 0;
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names.join(", "));
            for (i, _) in chunk.iter().enumerate() {
                let first = i * columns.len();
                let params: Vec<String> = (1..=columns.len()).map(|c| format!("${}", first + c)).collect();
                sql.push_str(&format!("{}({})", if i == 0 { "" } else { ", " }, params.join(", ")));
            }
            let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (r, row) in chunk.iter().enumerate() {
                for (c, (name, kind)) in columns.iter().enumerate() {
                    insert = bind_value(insert, row, c, kind).map_err(|e| {
                        let rowid = copied + r + 1;
                        Error::WrongDatabase(format!("table {table}, row {rowid}, column {name}: {e}"))
                    })?;
                }
            }
            copied += chunk.len();
            insert.execute(&mut *tx).await?;
        }
        let count = format!("SELECT COUNT(*) FROM {table}");
        let arrived: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count)).fetch_one(&mut *tx).await?;
        if arrived as usize != rows.len() {
            return Err(Error::WrongDatabase(format!("table {table}: {} rows read, {arrived} arrived", rows.len())));
        }
        tables.push(((*table).to_owned(), rows.len() as u64));
    }
    // Identity columns go on after the highest id copied.
    let identities: Vec<(String, String)> = sqlx::query(
        "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| (r.get("t"), r.get("c")))
    .collect();
    for (table, column) in identities {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT setval(pg_get_serial_sequence('{table}', '{column}'), MAX(\"{column}\")) \
             FROM {table} HAVING MAX(\"{column}\") IS NOT NULL) AS moved"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    from.rollback().await?;
    pool.close().await;
    Ok(tables)
}

/// Binds column `c` of a SQLite row as the PostgreSQL column's type wants it.
fn not_a(what: &str) -> Error {
    Error::BadValue(format!("the value is not {what}, as PostgreSQL's column needs"))
}

fn bind_value<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    row: &AnyRow,
    c: usize,
    kind: &str,
) -> Result<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>, Error> {
    Ok(match kind {
        "bigint" | "integer" | "smallint" => {
            query.bind(row.try_get::<Option<i64>, _>(c).map_err(|_| not_a("a whole number"))?)
        }
        "double precision" | "real" => query.bind(row.try_get::<Option<f64>, _>(c).map_err(|_| not_a("a number"))?),
        "text" => query.bind(row.try_get::<Option<String>, _>(c).map_err(|_| not_a("text"))?),
        other => return Err(Error::BadValue(format!("a column of type {other} cannot be copied"))),
    })
}
