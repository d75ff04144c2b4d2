//! Importing an organisation into the data folder: every file is read and checked before anything
//! is written, the events file is copied in, and the database changes in one transaction.

use std::fs;
use std::path::{Path, PathBuf};

use store::Import;

use crate::{Error, Portal, Result, private};

/// The files to load.
#[derive(Debug)]
pub struct Files {
    pub register: PathBuf,
    pub workers: Option<PathBuf>,
    pub decisions: Option<PathBuf>,
    pub events: Option<PathBuf>,
    pub tz: String,
    pub author: String,
}

/// What was loaded.
#[derive(Debug)]
pub struct Loaded {
    pub version: i64,
    pub systems: usize,
    pub workers: usize,
    pub decisions: usize,
    pub events: u64,
    /// The conditions of consent the new data breaks (every decided dossier's, re-checked).
    pub broken: Vec<crate::council::Broken>,
    /// Files an earlier, failed or killed import left in `events/`, removed first.
    pub tidied: Vec<String>,
    /// Attribute columns of the workers file that identify people (a name, a staff number):
    /// not stored, and so never a group.
    pub dropped: Vec<String>,
}

impl Portal {
    /// Loads the files into the data folder `data_dir`; worker identifiers are stored as
    /// pseudonyms only. Nothing is written unless every file is read and checked.
    pub async fn import(&self, data_dir: &Path, files: &Files) -> Result<Loaded> {
        import(self, data_dir, files).await
    }
}

async fn import(portal: &Portal, data_dir: &Path, files: &Files) -> Result<Loaded> {
    // One import at a time in a data folder; and while it runs, nobody tidies its copy away.
    let _lock = lock(data_dir, true)?;
    let tidied = portal.tidy_locked(data_dir).await?;
    let pseudonyms = &portal.pseudonymiser;
    let times = formats::TimeParser::new(&files.tz).map_err(|e| Error::BadInput(format!("--tz: {e}")))?;
    let register = formats::read_register(&files.register)?;
    let mut workers = files.workers.as_deref().map(formats::read_workers).transpose()?.unwrap_or_default();
    let mut decisions =
        files.decisions.as_deref().map(|p| formats::read_decisions(p, &times)).transpose()?.unwrap_or_default();
    let dropped = drop_identifying(&mut workers);
    workers.iter_mut().for_each(|w| w.id = pseudonyms.pseudonym(&w.id));
    decisions.iter_mut().for_each(|d| d.worker = pseudonyms.pseudonym(&d.worker));
    let events = match files.events.as_deref() {
        Some(path) => Some((path, check_events(path, &files.tz).await?)),
        None => None,
    };

    // Copy the events file into the data folder, under a name of its own, unless it is already there.
    pause_at("before-copy");
    let kept_events = match events {
        Some((path, rows)) => Some((keep_in(data_dir, path, portal.store.next_register_version().await?)?, rows)),
        None => None,
    };
    pause_at("copied");
    // The register's file name, not its path: pages show where it came from, never the server's folders.
    let source = files.register.file_name().map_or_else(|| "register".into(), |n| n.to_string_lossy().into_owned());
    let result = portal
        .store
        .import_with(
            &Import {
                register: &register,
                source: &source,
                author: &files.author,
                workers: &workers,
                decisions: &decisions,
                events: kept_events.as_ref().map(|(k, n)| (k.path.as_path(), *n)),
                time_zone: &files.tz,
            },
            || pause_at("in-transaction"),
        )
        .await;
    let version = match result {
        Ok(v) => v,
        Err(e) => {
            // Only this import's own copy: the file the current version uses was never touched.
            if let Some((Kept { path, copied: true }, _)) = &kept_events {
                let _ = fs::remove_file(path);
            }
            return Err(match e {
                store::Error::NotStorable(m) => Error::BadInput(format!("{}: {m}", files.register.display())),
                e => e.into(),
            });
        }
    };
    pause_at("committed");
    // The import is done whatever the conditions say; they are checked against what it loaded.
    // A check that fails leaves the import standing: the conditions then show their last check.
    let broken = match portal.recheck_conditions().await {
        Ok(broken) => broken,
        Err(e) => {
            tracing::warn!(error = %e, "checking the conditions of consent after the import failed");
            Vec::new()
        }
    };
    Ok(Loaded {
        version,
        broken,
        tidied,
        dropped,
        systems: register.systems.len(),
        workers: workers.len(),
        decisions: decisions.len(),
        events: kept_events.map_or(0, |(_, n)| n),
    })
}

/// Removes the attributes that identify people (`disclosure::identifying`: more than half the
/// workers have a value of their own, such as a name or a staff number) from every worker, and
/// returns their names (security review M7). They are of no use to a group and, kept, would be
/// stored in clear beside the pseudonym.
fn drop_identifying(workers: &mut [domain::Worker]) -> Vec<String> {
    let names: std::collections::BTreeSet<String> = workers.iter().flat_map(|w| w.attributes.keys().cloned()).collect();
    let dropped: Vec<String> = names
        .into_iter()
        .filter(|name| {
            let values: Vec<&str> = workers.iter().map(|w| w.attributes.get(name).map_or("", String::as_str)).collect();
            disclosure::identifying(&values)
        })
        .collect();
    for w in workers.iter_mut() {
        w.attributes.retain(|name, _| !dropped.contains(name));
    }
    dropped
}

/// Reads the whole events file as the portal's audits will, so a file they cannot read is
/// refused now (with its row) instead of failing every worker's page later; returns its rows.
async fn check_events(path: &Path, tz: &str) -> Result<u64> {
    formats::count_events(path)?;
    let mut params = audit::Params::new(path.to_owned(), Vec::new());
    params.time_zone = tz.to_owned();
    audit::check_events(&params).await.map_err(|e| match e {
        audit::Error::Input(e) => Error::Input(e),
        audit::Error::Parameter(m) => Error::BadInput(m),
        e => Error::Audit(e),
    })
}

/// The folder inside the data folder that holds imported events files. It is inzage's: a file
/// in it that no version uses is removed at the next start.
pub const EVENTS_DIR: &str = "events";

/// The lock file of a data folder's imports.
const LOCK_FILE: &str = "import.lock";

/// A test hook: with `INZAGE_IMPORT_PAUSE` set to `point`, the import says so on standard error
/// and waits there for ever, so a test can kill the process at that point. The points:
/// `before-copy`, `copying` (part of the copy written), `copied`, `in-transaction` (everything
/// written, not committed) and `committed`.
fn pause_at(point: &str) {
    if std::env::var_os("INZAGE_IMPORT_PAUSE").is_some_and(|p| p == point) {
        eprintln!("inzage import paused at {point}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

/// The data folder's import lock: waited for (`wait`), or `None` when another import holds it.
fn lock(data_dir: &Path, wait: bool) -> Result<Option<fs::File>> {
    let file = private::options().read(true).write(true).create(true).truncate(false).open(data_dir.join(LOCK_FILE))?;
    if wait {
        file.lock()?;
        return Ok(Some(file));
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// The events file an import uses, and whether it is this import's own copy.
struct Kept {
    path: PathBuf,
    copied: bool,
}

/// The events file's place inside the data folder: the file itself if it is already inside,
/// else a copy in `events/` under a name no other import uses (`v<version>-<random>-<name>`),
/// written as `….partial` and renamed when whole. The file a stored version uses is never
/// written to, renamed over or removed here.
fn keep_in(data_dir: &Path, path: &Path, version: i64) -> Result<Kept> {
    let dir = fs::canonicalize(data_dir)?;
    let file = fs::canonicalize(path)?;
    if file.starts_with(&dir) {
        return Ok(Kept { path: file, copied: false });
    }
    let target_dir = dir.join(EVENTS_DIR);
    private::create_dir(&target_dir)?;
    let name = file.file_name().map_or_else(|| "events".into(), |n| n.to_string_lossy().into_owned());
    let unique = &guard::new_token()?[..12];
    let target = target_dir.join(format!("v{version}-{unique}-{name}"));
    let partial = target_dir.join(format!("v{version}-{unique}-{name}.partial"));
    let copied = copy_whole(&file, &partial).and_then(|()| fs::rename(&partial, &target));
    if let Err(e) = copied {
        let _ = fs::remove_file(&partial);
        return Err(e.into());
    }
    Ok(Kept { path: target, copied: true })
}

/// Copies `from` to a new file `to` (readable by the owner only) and flushes it to disk.
fn copy_whole(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::io::{Read, Write};
    let mut input = fs::File::open(from)?;
    let mut output = private::options().write(true).create_new(true).open(to)?;
    let mut buffer = vec![0; 1 << 20];
    let mut first = true;
    loop {
        let n = input.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        output.write_all(&buffer[..n])?;
        if std::mem::take(&mut first) {
            pause_at("copying");
        }
    }
    output.sync_all()
}

impl Portal {
    /// Removes what a failed or killed import left in the data folder's `events/`: partial
    /// copies, and copies no version uses. The file the loaded data set uses is always kept;
    /// while an import runs nothing is removed. Returns the names of the files removed.
    pub async fn tidy(&self, data_dir: &Path) -> Result<Vec<String>> {
        if !data_dir.join(EVENTS_DIR).is_dir() {
            return Ok(Vec::new());
        }
        match lock(data_dir, false)? {
            Some(_lock) => self.tidy_locked(data_dir).await,
            None => Ok(Vec::new()),
        }
    }

    async fn tidy_locked(&self, data_dir: &Path) -> Result<Vec<String>> {
        let dir = data_dir.join(EVENTS_DIR);
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let used = self.store.events_file().await?.map(|(path, _)| path);
        // By name as well as by place: a moved data folder still names its file.
        let used_name = used.as_ref().and_then(|p| p.file_name()).map(|n| n.to_owned());
        let used_place = used.and_then(|p| fs::canonicalize(p).ok());
        let mut removed = Vec::new();
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let path = entry.path();
            let in_use = used_name.as_deref() == Some(entry.file_name().as_os_str())
                || used_place.as_ref().is_some_and(|u| fs::canonicalize(&path).is_ok_and(|p| &p == u));
            if !in_use {
                fs::remove_file(&path)?;
                removed.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        removed.sort();
        Ok(removed)
    }
}

/// What in a data folder the demo did not make (security review L11): `demo --reset` refuses
/// to delete a database that holds any of it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NotTheDemos {
    /// Accounts other than the demo's.
    pub accounts: Vec<String>,
    /// Readers in the access log other than the demo's accounts.
    pub readers: Vec<String>,
    /// Who loaded a register version, other than the demo.
    pub authors: Vec<String>,
}

impl NotTheDemos {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.readers.is_empty() && self.authors.is_empty()
    }
}

/// What in the data folder's database the demo (its `demo_accounts`, loading as `demo_author`)
/// did not make; nothing when there is no database.
pub async fn not_made_by_the_demo(data_dir: &Path, demo_accounts: &[&str], demo_author: &str) -> Result<NotTheDemos> {
    if !store::has_database(data_dir) {
        return Ok(NotTheDemos::default());
    }
    let store = store::Store::open(data_dir).await?;
    let (authors, readers) = store.authors_and_readers().await?;
    // The command line writes the log's entry for every account it makes, the demo's too; an
    // account it made that is not the demo's is named among the accounts.
    let command_line = crate::Reader::command_line().name;
    let others = |names: Vec<String>| {
        names.into_iter().filter(|n| !demo_accounts.contains(&n.as_str()) && *n != command_line).collect()
    };
    let found = NotTheDemos {
        accounts: others(store.accounts().await?.into_iter().map(|a| a.name).collect()),
        readers: others(readers),
        authors: authors.into_iter().filter(|a| a != demo_author).collect(),
    };
    store.close().await;
    Ok(found)
}

/// Removes the database and the demo's generated files from the data folder.
pub async fn reset(data_dir: &Path) -> Result<()> {
    store::remove_database(data_dir).await?;
    for dir in ["demo", "events"] {
        let path = data_dir.join(dir);
        if path.exists() {
            fs::remove_dir_all(path)?;
        }
    }
    Ok(())
}
