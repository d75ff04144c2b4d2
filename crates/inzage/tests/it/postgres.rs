//! PostgreSQL (issue 15): `inzage migrate` copies an organisation's tables over and checks them
//! on arrival, and every command then reads them there with `--database`.

use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;

use super::{generate_small, import_all, inzage, inzage_stdin, stderr};

/// A PostgreSQL server for these tests: `INZAGE_TEST_POSTGRES` (`.ci/run` starts one), else
/// a throwaway cluster started here with `.ci/postgres-start`.
fn postgres() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("INZAGE_TEST_POSTGRES") {
            return url;
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/postgres-start");
        let o = std::process::Command::new(script).output().unwrap();
        assert!(o.status.success(), "no PostgreSQL to test with: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap().lines().last().unwrap().to_owned()
    })
}

/// Runs `statements` on the SQLite file in `data`, as someone holding the file would.
async fn edit_sqlite(data: &Path, statements: &[&'static str]) {
    use sqlx::ConnectOptions;
    let mut db = sqlx::sqlite::SqliteConnectOptions::new().filename(data.join(store::DB_FILE)).connect().await.unwrap();
    for statement in statements {
        sqlx::query(*statement).execute(&mut db).await.unwrap();
    }
}

/// How many schemas of the database at `url` have names starting with `prefix`.
async fn schemas_named(url: &str, prefix: &str) -> i64 {
    let pg = sqlx::PgPool::connect(url).await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE $1 || '%'")
        .bind(prefix)
        .fetch_one(&pg)
        .await
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn last_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or_default().to_owned()
}

/// A generated organisation imported into `data` (SQLite), with a worker's account, whose
/// making is in the access log.
fn organisation(work: &Path, data: &Path) {
    let generated = work.join("generated");
    generate_small(&generated);
    import_all(&generated, data);
    let workers = std::fs::read_to_string(generated.join("workers.csv")).unwrap();
    let worker = workers.lines().nth(1).unwrap().split(',').next().unwrap().to_owned();
    let o = inzage_stdin(
        &[
            "user",
            "add",
            "--data-dir",
            s(data),
            "--role",
            "worker",
            "--name",
            "sam",
            "--worker",
            &worker,
            "--password-stdin",
        ],
        "a long enough password\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_organisation_migrated_to_postgresql_arrives_whole_and_is_read_there() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("migrated-org");
    organisation(work.path(), &data);
    let before = inzage(&["verify-log", "--data-dir", s(&data)]);
    assert!(before.status.success(), "{}", stderr(&before));
    let head = last_line(&before);
    let register = inzage(&["export", "--data-dir", s(&data), "--format", "json"]);
    assert!(register.status.success(), "{}", stderr(&register));

    let url = postgres();
    let o = inzage(&["migrate", "--from", s(&data), "--to", url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(last_line(&o), head, "the head after the copy is the head before it");
    assert!(out.contains("access_log: 1 row\n") && out.contains("account: 1 row\n"), "{out}");
    assert!(out.contains("register_version: 1 row\n"), "{out}");
    assert!(out.contains("worker: 12 rows\n"), "{out}");
    let schema = std::fs::read_to_string(data.join(store::SCHEMA_FILE)).unwrap();
    assert!(schema.trim().starts_with("inzage_migrated_org"), "{schema}");

    // The folder now points at PostgreSQL: without the database a command says so.
    let without = inzage(&["verify-log", "--data-dir", s(&data)]);
    assert_eq!(without.status.code(), Some(2));
    assert!(
        stderr(&without).contains("keeps its tables in PostgreSQL (schema inzage_migrated_org"),
        "{}",
        stderr(&without)
    );
    // With it, the same chain and the same register.
    let after = inzage(&["verify-log", "--data-dir", s(&data), "--database", url]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(last_line(&after), head);
    let again = inzage(&["export", "--data-dir", s(&data), "--format", "json", "--database", url]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(again.stdout, register.stdout, "the register read back from PostgreSQL");
    // New writes go to PostgreSQL and chain on.
    let workers = std::fs::read_to_string(work.path().join("generated/workers.csv")).unwrap();
    let worker = workers.lines().nth(2).unwrap().split(',').next().unwrap().to_owned();
    let o = inzage_stdin(
        &["user", "add", "--data-dir", s(&data), "--role", "worker", "--name", "kim", "--worker", &worker]
            .into_iter()
            .chain(["--password-stdin", "--database", url])
            .collect::<Vec<_>>(),
        "another long enough password\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let grown = inzage(&["verify-log", "--data-dir", s(&data), "--database", url]);
    assert!(grown.status.success(), "{}", stderr(&grown));
    assert!(last_line(&grown).starts_with("2:"), "{}", last_line(&grown));

    // Refused, exit 2: a second copy, and a database that is not PostgreSQL.
    let twice = inzage(&["migrate", "--from", s(&data), "--to", url]);
    assert_eq!(twice.status.code(), Some(2), "{}", stderr(&twice));
    assert!(stderr(&twice).contains("in PostgreSQL already"), "{}", stderr(&twice));
    let other = work.path().join("other");
    organisation(&work.path().join("o"), &other);
    let wrong = inzage(&["migrate", "--from", s(&other), "--to", "mysql://root@localhost/x"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("--to must be a PostgreSQL URL"), "{}", stderr(&wrong));
    // A folder with a SQLite file is not opened empty in PostgreSQL.
    let beside = inzage(&["verify-log", "--data-dir", s(&other), "--database", url]);
    assert_eq!(beside.status.code(), Some(2));
    assert!(stderr(&beside).contains("inzage migrate --from"), "{}", stderr(&beside));
    let bad_flag = inzage(&["verify-log", "--data-dir", s(&other), "--database", "sqlite://x"]);
    assert_eq!(bad_flag.status.code(), Some(2));
    assert!(!other.join(store::SCHEMA_FILE).exists());
}

#[tokio::test]
async fn a_tampered_access_log_is_not_copied_and_nothing_is_left_behind() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("tampered-org");
    organisation(work.path(), &data);
    // Someone with the file rewrites the entry, the trigger that forbids it dropped first.
    edit_sqlite(&data, &["DROP TRIGGER access_log_append_only_update", "UPDATE access_log SET actor = 'nobody'"]).await;
    let url = postgres();
    let o = inzage(&["migrate", "--from", s(&data), "--to", url]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("access log in the SQLite file is broken at entry 1"), "{}", stderr(&o));
    assert!(!data.join(store::SCHEMA_FILE).exists(), "the folder still uses its SQLite file");
    assert_eq!(schemas_named(url, "inzage_tampered_org").await, 0, "no schema made");
}

#[tokio::test]
async fn a_copy_that_fails_halfway_is_undone_and_the_folder_stays_on_sqlite() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("halfway-org");
    organisation(work.path(), &data);
    // A value PostgreSQL's column cannot take, in a table copied after several others.
    edit_sqlite(&data, &["UPDATE decision SET automated = 'not a number' WHERE id = 1"]).await;
    let url = postgres();
    let o = inzage(&["migrate", "--from", s(&data), "--to", url]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "table decision, row 1, column automated: a stored value cannot be read: the value is not a whole number"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!data.join(store::SCHEMA_FILE).exists(), "the folder still uses its SQLite file");
    assert_eq!(schemas_named(url, "inzage_halfway_org").await, 0, "the schema made for the copy is dropped");
    // The folder works as before.
    let log = inzage(&["verify-log", "--data-dir", s(&data)]);
    assert!(log.status.success(), "{}", stderr(&log));
}

#[tokio::test]
async fn a_database_that_sorts_text_otherwise_than_sqlite_is_refused_with_what_to_do() {
    let url = postgres();
    let admin = sqlx::PgPool::connect(url).await.unwrap();
    let name = format!("inzage_icu_{}", std::process::id());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL' LOCALE 'C'"
    )))
    .execute(&admin)
    .await
    .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let other = format!("{base}/{name}");
    let work = tempfile::tempdir().unwrap();
    let o = inzage(&["user", "list", "--data-dir", s(&work.path().join("fresh")), "--database", &other]);
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}"))).execute(&admin).await.unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("sorts text by ICU") && stderr(&o).contains("LOCALE 'C'"), "{}", stderr(&o));
    assert!(!work.path().join("fresh").join(store::SCHEMA_FILE).exists(), "nothing made in that database");
}
