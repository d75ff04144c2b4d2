//! The tables as someone who holds the database, but not the keys in the data folder, has them:
//! no migrations, no log key, no checks. For tests that tamper with what inzage wrote, the same
//! way on SQLite and PostgreSQL; inzage itself never uses it.

use std::path::Path;
use std::str::FromStr;

use sqlx::AnyPool;
use sqlx::any::AnyConnectOptions;

use crate::{DB_FILE, Database, Error, postgres};

/// A connection pool on an organisation's tables (see the module's documentation).
#[derive(Clone, Debug)]
pub struct Raw {
    pool: AnyPool,
    postgres: bool,
}

impl Raw {
    /// The tables of the organisation in `data_dir`, in the database `INZAGE_DATABASE_URL`
    /// names or else the folder's SQLite file. The store must have been opened there before.
    pub async fn open(data_dir: &Path) -> Result<Raw, Error> {
        sqlx::any::install_default_drivers();
        match Database::from_env().map_err(Error::WrongDatabase)? {
            Database::Embedded => {
                Ok(Raw { pool: AnyPool::connect(&crate::sqlite_url(data_dir, false)).await?, postgres: false })
            }
            Database::Postgres(url) => {
                let schema = crate::read_schema_file(data_dir)?
                    .ok_or_else(|| Error::WrongDatabase("the store was never opened in PostgreSQL here".into()))?;
                let pool = postgres::pool_in(AnyConnectOptions::from_str(&url)?, &schema, 2).await?;
                Ok(Raw { pool, postgres: true })
            }
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// Everything the database holds for this organisation, as bytes: the SQLite file and its
    /// `-wal` (in `data_dir`), or every row of the schema's tables as PostgreSQL writes them as
    /// text. For tests that a secret is nowhere in it.
    pub async fn everything(&self, data_dir: &Path) -> Result<Vec<u8>, Error> {
        let mut all = Vec::new();
        if !self.postgres {
            for name in [DB_FILE.to_owned(), format!("{DB_FILE}-wal")] {
                if let Ok(bytes) = std::fs::read(data_dir.join(name)) {
                    all.extend(bytes);
                }
            }
            return Ok(all);
        }
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
        )
        .fetch_all(&self.pool)
        .await?;
        for table in tables {
            let sql = format!("SELECT CAST(t AS TEXT) FROM \"{table}\" AS t");
            let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
            for row in rows {
                all.extend(row.into_bytes());
            }
        }
        Ok(all)
    }

    /// Runs one statement written the same for both databases.
    pub async fn run(&self, sql: &'static str) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(sql).execute(&self.pool).await?.rows_affected())
    }

    /// Drops a trigger (a guard such as the access log's append-only triggers), if it is there.
    pub async fn drop_trigger(&self, table: &str, name: &str) -> Result<(), sqlx::Error> {
        let sql = if self.postgres {
            format!("DROP TRIGGER IF EXISTS {name} ON {table}")
        } else {
            format!("DROP TRIGGER IF EXISTS {name}")
        };
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&self.pool).await?;
        Ok(())
    }

    /// Adds a trigger `name` that refuses every insert into `table` with `message` (a full disk,
    /// say), until [`Raw::drop_trigger`].
    pub async fn refuse_inserts(&self, table: &str, name: &str, message: &str) -> Result<(), sqlx::Error> {
        let message = message.replace('\'', "''");
        if self.postgres {
            let function = format!(
                "CREATE OR REPLACE FUNCTION {name}_refuses() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION '{message}'; END $$"
            );
            sqlx::query(sqlx::AssertSqlSafe(function)).execute(&self.pool).await?;
            let trigger = format!(
                "CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_refuses()"
            );
            sqlx::query(sqlx::AssertSqlSafe(trigger)).execute(&self.pool).await?;
        } else {
            let trigger =
                format!("CREATE TRIGGER {name} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END");
            sqlx::query(sqlx::AssertSqlSafe(trigger)).execute(&self.pool).await?;
        }
        Ok(())
    }
}
