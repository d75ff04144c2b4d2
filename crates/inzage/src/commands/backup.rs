//! `inzage backup` and `inzage restore`: a data folder in one file with a manifest of hashes,
//! and back, checked before anything is replaced (`portal::backup`).

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;
use portal::backup::{self, BackupError};

use super::{BadInput, DataDir};

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    #[command(flatten)]
    data: DataDir,
    /// The backup file to write (a ZIP file; written whole or not at all).
    #[arg(long)]
    out: PathBuf,
    /// Also put the key files (pseudonym.key) in the backup; without them the pseudonyms cannot
    /// be linked to the employer's identifiers, so keep such a backup as safe as the keys.
    #[arg(long)]
    include_keys: bool,
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// The backup file (`inzage backup --out`).
    file: PathBuf,
    #[command(flatten)]
    data: DataDir,
    /// Replace a data folder that is not empty.
    #[arg(long)]
    force: bool,
}

pub async fn backup(args: BackupArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let file = args.out.display().to_string();
    let summary = backup::backup(&args.data.folder(t, false)?, &args.out, args.include_keys)
        .await
        .map_err(|e| explain(t, &file, &args.data.data_dir, e))?;
    let numbers = [("out", file), ("files", summary.files.to_string()), ("bytes", summary.bytes.to_string())];
    println!("{}", t.tn("cli-backup-written", &numbers));
    if args.include_keys {
        println!("{}", t.tn("cli-backup-keys", &[("keys", summary.keys.to_string())]));
    } else {
        println!("{}", t.t("cli-backup-no-keys"));
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(args: RestoreArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let file = args.file.display().to_string();
    let dir = &args.data.folder(t, true)?;
    let summary = backup::restore(&args.file, dir, args.force).await.map_err(|e| explain(t, &file, dir, e))?;
    // One organisation of many: its figures for the inspector's overview, under its id here
    // (the backup may be of another folder). Without its keys it cannot be opened yet; the next
    // import writes them.
    if super::one_of_many(dir, &args.data.data_dir).is_some() && summary.keys + summary.kept_keys > 0 {
        match super::open_portal(t, dir).await {
            Ok(portal) => {
                super::after_loading(t, &portal, dir, &args.data.data_dir).await;
                portal.store.close().await;
            }
            Err(e) => eprintln!("{}", t.tn("cli-summary-warning", &[("message", format!("{e:#}"))])),
        }
    }
    let dir = dir.display().to_string();
    let numbers = [("dir", dir.clone()), ("files", summary.files.to_string()), ("bytes", summary.bytes.to_string())];
    println!("{}", t.tn("cli-restore-done", &numbers));
    if summary.kept_keys > 0 {
        println!("{}", t.tn("cli-restore-kept-keys", &[("keys", summary.kept_keys.to_string())]));
    } else if summary.keys == 0 {
        println!("{}", t.tn("cli-restore-no-keys", &[("dir", dir)]));
    }
    Ok(ExitCode::SUCCESS)
}

/// The error in the reader's language: what the user can fix is `BadInput` (exit status 2).
fn explain(t: &Tr, file: &str, dir: &std::path::Path, error: BackupError) -> anyhow::Error {
    let file = || ("file", file.to_owned());
    let dir = || ("dir", dir.display().to_string());
    let message = match error {
        BackupError::Failed(e) => return e.into(),
        BackupError::NoData(_) => t.tn("cli-backup-no-data", &[dir()]),
        BackupError::InPostgres { schema, .. } => t.tn("cli-backup-in-postgres", &[dir(), ("schema", schema)]),
        BackupError::NotEmpty(_) => t.tn("cli-restore-not-empty", &[dir()]),
        BackupError::NoLogKey => t.tn("cli-restore-no-log-key", &[file(), dir()]),
        BackupError::NotABackup { message, .. } => t.tn("cli-restore-not-a-backup", &[file(), ("message", message)]),
        BackupError::Missing { entry } => t.tn("cli-restore-missing", &[file(), ("entry", entry)]),
        BackupError::Tampered { entry } => t.tn("cli-restore-tampered", &[file(), ("entry", entry)]),
        BackupError::Unlisted { entry } => t.tn("cli-restore-unlisted", &[file(), ("entry", entry)]),
        BackupError::UnsafeName { entry } => t.tn("cli-restore-unsafe", &[file(), ("entry", entry)]),
        BackupError::LogBroken { id, reason } => t.tn(
            "cli-restore-log-broken",
            &[file(), ("entry", store::DB_FILE.into()), ("id", id.to_string()), ("reason", reason.into())],
        ),
    };
    BadInput(message).into()
}
