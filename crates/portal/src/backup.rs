//! Backups of a data folder, and their restore. A backup is one ZIP file: a consistent snapshot
//! of the database (SQLite's `VACUUM INTO`, so a running portal may keep writing), every other
//! file of the folder (the event files, the demo's files), the key files only when asked for,
//! and `manifest.json` with each entry's SHA-256 and size. A restore checks every entry against
//! the manifest and the access log's chain in a folder of its own beside the target, and only
//! then puts it in the target's place: a refused archive changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::Store;

/// The manifest's `format`.
pub const FORMAT: &str = "inzage.backup/1";
/// The manifest's entry name in the archive.
pub const MANIFEST: &str = "manifest.json";

/// The list of what a backup holds.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    created_at: String,
    /// The data folder the backup was made of, so its paths can be moved on restore.
    data_dir: String,
    /// Whether the key files are in the archive.
    keys: bool,
    files: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    path: String,
    sha256: String,
    bytes: u64,
}

/// What a backup holds, or a restore put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Files, the database included.
    pub files: usize,
    pub bytes: u64,
    /// Key files in the archive.
    pub keys: usize,
    /// Key files kept from the folder that was replaced (a restore of a backup without keys).
    pub kept_keys: usize,
}

/// Why a backup or a restore did not happen. Every variant but `Failed` is the user's to fix.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The folder to back up holds no database.
    #[error("{0}: no inzage database to back up")]
    NoData(PathBuf),
    /// The folder to restore into is not empty (and `--force` was not given).
    #[error("{0}: the folder is not empty")]
    NotEmpty(PathBuf),
    /// The file is not a ZIP file with an inzage manifest.
    #[error("{file}: not an inzage backup: {message}")]
    NotABackup { file: PathBuf, message: String },
    /// An entry the manifest lists is not in the archive.
    #[error("entry `{entry}` is missing")]
    Missing { entry: String },
    /// An entry's content is not what the manifest says.
    #[error("entry `{entry}` does not match its SHA-256 in the manifest")]
    Tampered { entry: String },
    /// An entry the manifest does not list.
    #[error("entry `{entry}` is not in the manifest")]
    Unlisted { entry: String },
    /// An entry whose name would land outside the data folder.
    #[error("entry `{entry}` has a name outside the data folder")]
    UnsafeName { entry: String },
    /// The folder's tables are in PostgreSQL (schema `schema`): backed up with PostgreSQL's tools.
    #[error("{dir}: the tables are in PostgreSQL (schema {schema}); back them up with pg_dump --schema={schema}")]
    InPostgres { dir: PathBuf, schema: String },
    /// The access log in the archive's database does not verify.
    #[error("entry `{}`: the access log is broken at entry {id}: {reason}", store::DB_FILE)]
    LogBroken { id: i64, reason: &'static str },
    /// The archive holds no key for its access log and the folder it replaces has none either:
    /// the chain cannot be verified, so nothing is restored.
    #[error("the access log's key is neither in the archive nor in the folder")]
    NoLogKey,
    #[error(transparent)]
    Failed(#[from] crate::Error),
}

impl BackupError {
    /// Whether the person who gave the files or flags can fix it (exit status 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, BackupError::Failed(_))
    }
}

impl From<io::Error> for BackupError {
    fn from(e: io::Error) -> BackupError {
        BackupError::Failed(e.into())
    }
}

impl From<store::Error> for BackupError {
    fn from(e: store::Error) -> BackupError {
        BackupError::Failed(e.into())
    }
}

impl From<zip::result::ZipError> for BackupError {
    fn from(e: zip::result::ZipError) -> BackupError {
        BackupError::Failed(e.into())
    }
}

/// A writer that hashes and counts what goes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Hashing<W> {
        Hashing { inner, hasher: Sha256::new(), bytes: 0 }
    }

    fn finish(self) -> (W, String, u64) {
        (self.inner, hex::encode(self.hasher.finalize()), self.bytes)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Whether a file of the data folder is a key file (`pseudonym.key` and any other `*.key`).
fn is_key(relative: &Path) -> bool {
    relative.components().count() == 1 && relative.extension().is_some_and(|e| e == "key")
}

/// The data folder's files a backup copies as they are, relative to the folder and sorted: all
/// but the database (snapshotted instead), unfinished `*.partial` files, hidden entries (a
/// restore's or backup's working folder) and, unless asked for, the key files.
fn files_of(dir: &Path, keys: bool) -> io::Result<Vec<PathBuf>> {
    let db = store::database_files();
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in fs::read_dir(dir.join(&relative))? {
            let entry = entry?;
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if text.starts_with('.') || text.ends_with(".partial") {
                continue;
            }
            let path = relative.join(&name);
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file()
                && !(relative.as_os_str().is_empty() && db.iter().any(|d| *d == *text))
                && (keys || !is_key(&path))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// An entry name inside the archive: the relative path with `/` between its parts.
fn entry_name(relative: &Path) -> String {
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The relative path of an entry name, if it stays inside the folder it is unpacked into.
fn safe_path(entry: &str) -> Option<PathBuf> {
    let path = Path::new(entry);
    let normal = path.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !entry.is_empty() && !entry.contains('\\')).then(|| path.to_owned())
}

/// A file created for the owner only: backups and restored folders hold personal data.
fn private_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// The folder a path lies in (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Writes a backup of `data_dir` to `out` (under `out.partial`, renamed when complete).
pub async fn backup(data_dir: &Path, out: &Path, include_keys: bool) -> Result<Summary, BackupError> {
    if let Some(schema) = store::read_schema_file(data_dir)? {
        return Err(BackupError::InPostgres { dir: data_dir.to_owned(), schema });
    }
    if !data_dir.join(store::DB_FILE).is_file() {
        return Err(BackupError::NoData(data_dir.to_owned()));
    }
    let dir = fs::canonicalize(data_dir)?;
    let work = tempfile::Builder::new().prefix(".inzage-backup").tempdir_in(parent_of(out))?;
    let snapshot = work.path().join(store::DB_FILE);
    let store = Store::open(&dir).await?;
    let snapshotted = store.snapshot(&snapshot).await;
    store.close().await;
    snapshotted?;

    let mut sources = vec![(PathBuf::from(store::DB_FILE), snapshot.clone())];
    sources.extend(files_of(&dir, include_keys)?.into_iter().map(|r| (r.clone(), dir.join(r))));

    let partial = work.path().join("backup.zip");
    let mut zip = zip::ZipWriter::new(private_file(&partial)?);
    let mut manifest = Manifest {
        format: FORMAT.into(),
        created_at: jiff::Timestamp::now().to_string(),
        data_dir: dir.to_string_lossy().into_owned(),
        keys: include_keys,
        files: Vec::new(),
    };
    let mut summary = Summary { files: 0, bytes: 0, keys: 0, kept_keys: 0 };
    for (relative, source) in &sources {
        let mut file = fs::File::open(source)?;
        let size = file.metadata()?.len();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(size >= u32::MAX as u64)
            .unix_permissions(0o600);
        let name = entry_name(relative);
        zip.start_file(name.as_str(), options)?;
        let mut hashing = Hashing::new(&mut zip);
        io::copy(&mut file, &mut hashing)?;
        let (_, sha256, bytes) = hashing.finish();
        summary.files += 1;
        summary.bytes += bytes;
        summary.keys += usize::from(is_key(relative));
        manifest.files.push(Entry { path: name, sha256, bytes });
    }
    zip.start_file(MANIFEST, zip::write::SimpleFileOptions::default().unix_permissions(0o600))?;
    zip.write_all(&serde_json::to_vec_pretty(&manifest).map_err(crate::Error::from)?)?;
    zip.finish()?.sync_all()?;
    fs::rename(&partial, out)?;
    Ok(summary)
}

/// Restores a backup into `data_dir`: refused when the folder is not empty unless `force`, and
/// refused (with nothing changed) when an entry does not match the manifest or the access log
/// does not verify. A backup without keys keeps the replaced folder's key files.
pub async fn restore(archive: &Path, data_dir: &Path, force: bool) -> Result<Summary, BackupError> {
    let not_a_backup = |message: String| BackupError::NotABackup { file: archive.to_owned(), message };
    let file = fs::File::open(archive).map_err(|e| not_a_backup(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| not_a_backup(e.to_string()))?;
    let manifest: Manifest = {
        let entry = zip.by_name(MANIFEST).map_err(|_| BackupError::Missing { entry: MANIFEST.into() })?;
        serde_json::from_reader(entry).map_err(|e| not_a_backup(format!("{MANIFEST}: {e}")))?
    };
    if manifest.format != FORMAT {
        return Err(not_a_backup(format!("{MANIFEST}: format `{}`, expected `{FORMAT}`", manifest.format)));
    }
    let exists = data_dir.exists();
    if exists && (!data_dir.is_dir() || (!force && fs::read_dir(data_dir)?.next().is_some())) {
        return Err(BackupError::NotEmpty(data_dir.to_owned()));
    }
    // The folder's full path, whether it exists or not: the database's paths are moved to it.
    let target = if exists {
        fs::canonicalize(data_dir)?
    } else {
        let name = data_dir.file_name().ok_or_else(|| BackupError::NotEmpty(data_dir.to_owned()))?;
        fs::create_dir_all(parent_of(data_dir))?;
        fs::canonicalize(parent_of(data_dir))?.join(name)
    };
    let parent = parent_of(&target);
    let staging = tempfile::Builder::new().prefix(".inzage-restore").tempdir_in(parent)?;

    let mut listed: BTreeMap<&str, (&Entry, bool)> = BTreeMap::new();
    for entry in &manifest.files {
        if safe_path(&entry.path).is_none() || entry.path == MANIFEST {
            return Err(BackupError::UnsafeName { entry: entry.path.clone() });
        }
        listed.insert(&entry.path, (entry, false));
    }
    if !listed.contains_key(store::DB_FILE) {
        return Err(BackupError::Missing { entry: store::DB_FILE.into() });
    }
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| not_a_backup(e.to_string()))?;
        let name = file.name().to_owned();
        if name == MANIFEST || file.is_dir() {
            continue;
        }
        let relative = safe_path(&name).ok_or_else(|| BackupError::UnsafeName { entry: name.clone() })?;
        let Some((expected, seen)) = listed.get_mut(name.as_str()) else {
            return Err(BackupError::Unlisted { entry: name });
        };
        let path = staging.path().join(&relative);
        fs::create_dir_all(parent_of(&path))?;
        let mut hashing = Hashing::new(private_file(&path).map_err(|_| BackupError::Tampered { entry: name.clone() })?);
        io::copy(&mut file, &mut hashing).map_err(|_| BackupError::Tampered { entry: name.clone() })?;
        let (written, sha256, bytes) = hashing.finish();
        written.sync_all()?;
        if sha256 != expected.sha256 || bytes != expected.bytes {
            return Err(BackupError::Tampered { entry: name });
        }
        *seen = true;
    }
    if let Some((entry, _)) = listed.iter().find(|(_, (_, seen))| !seen) {
        return Err(BackupError::Missing { entry: (*entry).to_owned() });
    }

    // A backup without keys keeps the replaced folder's: the access log's key is needed to
    // verify its chain before anything is replaced.
    let mut kept_keys = 0;
    if exists && !manifest.keys {
        for key in files_of(&target, true)?.into_iter().filter(|p| is_key(p)) {
            if !staging.path().join(&key).exists() {
                fs::copy(target.join(&key), staging.path().join(&key))?;
                kept_keys += 1;
            }
        }
    }
    // A backup holds a SQLite file, whatever database this process was told to use.
    let store = match Store::open_in(staging.path(), &store::Database::Embedded).await {
        Err(store::Error::LogKeyMissing(_)) => return Err(BackupError::NoLogKey),
        opened => opened?,
    };
    let checked = async {
        if let Err(broken) = store.verify_access_log(None).await? {
            return Err(BackupError::LogBroken { id: broken.id, reason: broken.reason });
        }
        store.relocate(Path::new(&manifest.data_dir), &target).await?;
        Ok(())
    }
    .await;
    store.close().await;
    checked?;

    let summary = Summary {
        files: manifest.files.len(),
        bytes: manifest.files.iter().map(|e| e.bytes).sum(),
        keys: manifest.files.iter().filter(|e| is_key(Path::new(&e.path))).count(),
        kept_keys,
    };
    if exists {
        // The old folder moves aside first, then the new one takes its name.
        let aside = tempfile::Builder::new().prefix(".inzage-replaced").tempdir_in(parent)?;
        let old = aside.path().join("old");
        fs::rename(&target, &old)?;
        if let Err(e) = fs::rename(staging.path(), &target) {
            fs::rename(&old, &target)?;
            return Err(e.into());
        }
        drop(aside);
    } else {
        fs::rename(staging.path(), &target)?;
    }
    // The folder is the target's now; the staging handle must not remove it.
    let _ = staging.keep();
    Ok(summary)
}
