//! One module per command, each with its flags (`Args`) and `run`; and what they share: the data
//! folder flag, opening the application, writing a file whole, and the errors that mean "fix
//! your input" (exit status 2).

pub mod audit;
pub mod backup;
pub mod check;
pub mod cluster;
pub mod conditions;
pub mod demo;
pub mod export;
pub mod generate;
pub mod import;
pub mod migrate;
pub mod notices;
pub mod profile;
pub mod report;
pub mod serve;
pub mod token;
pub mod user;
pub mod verify_log;

use std::path::{Path, PathBuf};

use locale::Tr;
use portal::Portal;
use store::Store;

/// Where the data folder is: every command that touches it takes this flag.
#[derive(clap::Args, Debug)]
pub struct DataDir {
    /// The data folder: the database and the imported event files.
    #[arg(long, default_value = "./inzage-data")]
    pub data_dir: PathBuf,
    /// The organisation, in a data folder of many (default: the only one there is).
    #[arg(long)]
    pub organisation: Option<String>,
}

impl DataDir {
    /// The folder of the organisation the command acts on (see `portal::organisations`);
    /// `create`: one that does not exist yet may be named.
    pub fn folder(&self, t: &Tr, create: bool) -> Result<PathBuf, BadInput> {
        organisation_folder(t, &self.data_dir, self.organisation.as_deref(), create)
    }
}

/// The folder of `organisation` in the data folder `root`, or why there is none (exit 2).
pub fn organisation_folder(t: &Tr, root: &Path, organisation: Option<&str>, create: bool) -> Result<PathBuf, BadInput> {
    use portal::organisations::Unresolved;
    let dir = root.display().to_string();
    let list = |ids: &[String]| {
        let mut shown = ids.iter().take(20).cloned().collect::<Vec<_>>().join(", ");
        if ids.len() > 20 {
            shown.push_str(&format!(", … ({})", ids.len()));
        }
        if shown.is_empty() { "—".to_owned() } else { shown }
    };
    let folder = portal::organisations::folder(root, organisation, create).map_err(|e| {
        BadInput(match e {
            Unresolved::BadId(id) => t.tn("cli-organisation-bad-id", &[("id", id)]),
            Unresolved::Single => t.tn("cli-organisation-single", &[("dir", dir)]),
            Unresolved::Unknown { id, known } => {
                t.tn("cli-organisation-unknown", &[("id", id), ("dir", dir), ("known", list(&known))])
            }
            Unresolved::Choose(ids) => {
                t.tn("cli-organisation-choose", &[("dir", dir), ("n", ids.len().to_string()), ("known", list(&ids))])
            }
            Unresolved::Io(message) => t.tn("cli-cannot-read", &[("file", dir), ("message", message)]),
        })
    })?;
    // One key file for every organisation would give the same worker the same pseudonym in all
    // of them, and one organisation's leak would be every organisation's.
    if folder != root {
        for variable in ["INZAGE_KEY_FILE", "INZAGE_LOG_KEY_FILE"] {
            if std::env::var_os(variable).is_some() {
                return Err(BadInput(t.tn("cli-organisation-one-key", &[("variable", variable.to_owned())])));
            }
        }
    }
    Ok(folder)
}

/// An error in what the user gave us: exit status 2. The message is already in their language.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Whether an error is the user's to fix (exit status 2).
pub fn is_bad_input(err: &anyhow::Error) -> bool {
    err.downcast_ref::<BadInput>().is_some()
        || err.downcast_ref::<formats::InputError>().is_some()
        || err.downcast_ref::<portal::Error>().is_some_and(portal::Error::is_bad_input)
}

/// A date flag.
pub fn date(t: &Tr, flag: &str, text: &str) -> Result<jiff::civil::Date, BadInput> {
    text.parse().map_err(|_| BadInput(t.tn("cli-bad-date", &[("flag", flag.into()), ("text", text.into())])))
}

/// Writes `text` to `out` (under a temporary name, then renamed: never half-written), or to
/// standard output.
pub fn write_out(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    write_bytes(out, text.as_bytes())
}

/// Writes `bytes` to `out` (under a temporary name, then renamed: never half-written), or to
/// standard output.
pub fn write_bytes(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    match out {
        Some(path) => {
            let partial = path.with_extension("partial");
            std::fs::write(&partial, bytes)?;
            std::fs::rename(&partial, path)?;
        }
        None => std::io::stdout().write_all(bytes)?,
    }
    Ok(())
}

/// The data folder's store, creating the folder if it is missing.
pub async fn open_store(t: &Tr, dir: &Path) -> anyhow::Result<Store> {
    portal::private::create_dir(dir).map_err(|e| {
        BadInput(t.tn("cli-cannot-create", &[("dir", dir.display().to_string()), ("message", e.to_string())]))
    })?;
    match Store::open(dir).await {
        Ok(store) => Ok(store),
        Err(store::Error::LogKeyMissing(path)) => {
            Err(anyhow::anyhow!(t.tn("cli-log-key-missing", &[("path", path.display().to_string())])))
        }
        Err(store::Error::LogKeyUnsealed(path)) => {
            Err(anyhow::anyhow!(t.tn("cli-log-key-unsealed", &[("path", path.display().to_string())])))
        }
        Err(store::Error::NeedsPostgres { dir, schema }) => Err(BadInput(
            t.tn("cli-database-needs-postgres", &[("dir", dir.display().to_string()), ("schema", schema)]),
        )
        .into()),
        Err(store::Error::Collation { collation }) => {
            Err(BadInput(t.tn("cli-database-collation", &[("collation", collation)])).into())
        }
        Err(store::Error::SqliteBeside { dir }) => {
            Err(BadInput(t.tn("cli-database-sqlite-beside", &[("dir", dir.display().to_string())])).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// After an import into `dir`: when it is one organisation of many in `root`, its figures for the
/// inspector's overview (`summary.json`), as of now, and the accounts of the inspectors granted
/// every organisation (`user add --organisations all`), where it has none yet.
pub async fn write_summary_if_one_of_many(portal: &Portal, dir: &Path, root: &Path) -> anyhow::Result<()> {
    if dir != root
        && let Some(id) = dir.file_name().and_then(|n| n.to_str())
    {
        portal.write_summary(dir, id).await?;
        for grant in portal::inspectors::grants(root)?.iter().filter(|g| g.all) {
            match portal.add_inspector(grant).await {
                Ok(()) | Err(portal::Error::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// [`write_summary_if_one_of_many`] after data that is already in: a failure is a warning, not
/// the command's failure (the import or restore it follows has committed).
pub async fn after_loading(t: &Tr, portal: &Portal, dir: &Path, root: &Path) {
    if let Err(e) = write_summary_if_one_of_many(portal, dir, root).await {
        eprintln!("{}", t.tn("cli-summary-warning", &[("message", format!("{e:#}"))]));
    }
}

/// The organisation's id when `dir` is one organisation of many in `root` (links then go
/// through `/o/<ID>/`).
pub fn one_of_many(dir: &Path, root: &Path) -> Option<String> {
    (dir != root).then(|| dir.file_name().and_then(|n| n.to_str()).map(str::to_owned)).flatten()
}

/// Says which files an earlier, failed or killed import left behind and were removed.
pub fn say_tidied(t: &Tr, removed: &[String]) {
    if !removed.is_empty() {
        eprintln!("{}", t.tn("cli-tidied", &[("count", removed.len().to_string()), ("files", removed.join(", "))]));
    }
}

/// The application on a data folder: its store and its pseudonym key (`$INZAGE_KEY_FILE`, else
/// `pseudonym.key` in the folder).
pub async fn open_portal(t: &Tr, dir: &Path) -> anyhow::Result<Portal> {
    let store = open_store(t, dir).await?;
    let key = guard::Pseudonymiser::key_path(dir);
    let pseudonymiser = guard::Pseudonymiser::load_or_create(&key)?;
    warn_if_others_can_read(t, &key);
    Ok(Portal::new(store, pseudonymiser)?)
}

/// Warns when the pseudonym key can be read by the file's group or by everyone (security
/// review L3): whoever reads it can turn pseudonyms back into the employer's identifiers.
fn warn_if_others_can_read(t: &Tr, key: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(key)
            && meta.permissions().mode() & 0o077 != 0
        {
            let mode = format!("{:o}", meta.permissions().mode() & 0o777);
            eprintln!("{}", t.tn("cli-key-readable", &[("file", key.display().to_string()), ("mode", mode)]));
        }
    }
    #[cfg(not(unix))]
    let _ = (t, key);
}
