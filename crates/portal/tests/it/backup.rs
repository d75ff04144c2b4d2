//! Backups: a restore refuses an archive whose database was edited behind the access log's back,
//! even when the attacker rewrote the manifest's hashes to match.

use std::io::{Read, Write};
use std::path::Path;

use domain::Role;
use portal::backup::{self, BackupError};
use sha2::Digest;

/// Three reads in the access log of a fresh data folder.
async fn logged_folder(dir: &Path) {
    let store = store::Store::open(dir).await.unwrap();
    for what in ["page /me", "archive /me/archive.zip", "page /contests"] {
        store.log_access("privacy", Role::Admin, "P-0001", what).await.unwrap();
    }
    store.close().await;
}

/// Rewrites entry `inzage.sqlite` of `archive` with `edit` applied to the database, and its
/// SHA-256 and size in the manifest with it: a tampering that the manifest alone cannot catch.
async fn rewrite_database(archive: &Path, to: &Path, edit: &'static str) {
    let work = tempfile::tempdir().unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        entries.push((file.name().to_owned(), bytes));
    }
    let db = work.path().join(store::DB_FILE);
    let (_, bytes) = entries.iter().find(|(n, _)| n == store::DB_FILE).unwrap();
    std::fs::write(&db, bytes).unwrap();
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::raw_sql(edit).execute(&pool).await.unwrap();
    pool.close().await;
    let edited = std::fs::read(&db).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&entries.iter().find(|(n, _)| n == backup::MANIFEST).unwrap().1).unwrap();
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == store::DB_FILE {
            file["sha256"] = hex::encode(sha2::Sha256::digest(&edited)).into();
            file["bytes"] = edited.len().into();
        }
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, bytes) in &entries {
        let bytes = match name.as_str() {
            store::DB_FILE => edited.clone(),
            backup::MANIFEST => serde_json::to_vec(&manifest).unwrap(),
            _ => bytes.clone(),
        };
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[tokio::test]
async fn a_backup_whose_access_log_was_edited_and_rehashed_in_the_manifest_is_refused() {
    let work = tempfile::tempdir().unwrap();
    let (data, archive) = (work.path().join("data"), work.path().join("backup.zip"));
    std::fs::create_dir_all(&data).unwrap();
    logged_folder(&data).await;
    if store::Raw::open(&data).await.unwrap().is_postgres() {
        // A backup is of the SQLite file; PostgreSQL's tables are for its own tools.
        match backup::backup(&data, &archive, true).await {
            Err(BackupError::InPostgres { schema, .. }) => assert!(schema.starts_with("inzage_data")),
            other => panic!("expected a backup of a PostgreSQL folder to be refused, got {other:?}"),
        }
        assert!(!archive.exists());
        return;
    }
    // Without keys the chain cannot be checked: a restore into a new folder is refused.
    let keyless = work.path().join("keyless.zip");
    assert_eq!(backup::backup(&data, &keyless, false).await.unwrap().keys, 0);
    let target = work.path().join("restored");
    match backup::restore(&keyless, &target, false).await {
        Err(BackupError::NoLogKey) => {}
        other => panic!("expected a restore without the log's key to be refused, got {other:?}"),
    }
    assert!(!target.exists(), "nothing restored");

    let summary = backup::backup(&data, &archive, true).await.unwrap();
    assert_eq!(summary.keys, 1, "the access log's key");

    // The admin's read is rewritten as the worker's own, the trigger that forbids it dropped first.
    let tampered = work.path().join("tampered.zip");
    rewrite_database(
        &archive,
        &tampered,
        "DROP TRIGGER access_log_append_only_update; UPDATE access_log SET actor = 'werker-W0001', actor_role = 'worker' WHERE id = 2;",
    )
    .await;
    match backup::restore(&tampered, &target, false).await {
        Err(BackupError::LogBroken { id: 2, .. }) => {}
        other => panic!("expected the log to break at entry 2, got {other:?}"),
    }
    assert!(!target.exists(), "nothing restored");

    // The untouched backup restores, its log whole.
    let restored = backup::restore(&archive, &target, false).await.unwrap();
    assert_eq!(restored.files, 2, "the database and the log's key");
    let store = store::Store::open(&target).await.unwrap();
    assert_eq!(store.verify_access_log(None).await.unwrap().unwrap().head.count, 3);
}
