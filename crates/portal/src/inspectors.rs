//! Inspectors of a folder of many organisations, and the organisations each is granted.
//!
//! An inspector logs in to one organisation at a time, with an account in that organisation's
//! own database: a session of one organisation is not found in another's, so no request can
//! carry an inspector across. What spans the organisations is the grant, kept at the top of the
//! folder in `inspectors.json` (readable by its owner only): the inspector's name, the
//! organisations granted (`all`, or a list), and the password hash their accounts were made
//! with, so that an organisation imported later gets the account of an inspector granted all.
//! The grant decides which organisations the inspector's overview shows.

use std::path::Path;

use domain::Role;
use serde::{Deserialize, Serialize};

use crate::organisations::organisation_ids;
use crate::{Error, Portal, Reader, Result};

/// The file of grants, at the top of a folder of many organisations.
pub const INSPECTORS_FILE: &str = "inspectors.json";
/// Its format.
pub const INSPECTORS_FORMAT: &str = "inzage.inspectors/1";

/// One inspector's grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// The name they log in with, the same in every organisation granted.
    pub name: String,
    /// Every organisation, those imported later too.
    pub all: bool,
    /// The organisations granted when not `all`, by id.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// The Argon2 hash the accounts were made with.
    pub password_hash: String,
}

impl Grant {
    /// Whether the grant covers organisation `id`.
    pub fn covers(&self, id: &str) -> bool {
        self.all || self.organisations.iter().any(|o| o == id)
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    inspectors: Vec<Grant>,
}

/// The grants of the folder `root` (none when it has no file).
pub fn grants(root: &Path) -> std::io::Result<Vec<Grant>> {
    let bytes = match std::fs::read(root.join(INSPECTORS_FILE)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let file: File = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
    if file.format != INSPECTORS_FORMAT {
        return Err(std::io::Error::other(format!("{INSPECTORS_FILE} is not {INSPECTORS_FORMAT}")));
    }
    Ok(file.inspectors)
}

/// Keeps `grants` in the folder `root`, written whole (a new file renamed over the old).
pub fn save_grants(root: &Path, grants: &[Grant]) -> std::io::Result<()> {
    use std::io::Write;
    let file = File { format: INSPECTORS_FORMAT.to_owned(), inspectors: grants.to_vec() };
    let mut text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
    text.push(b'\n');
    let partial = root.join(format!("{INSPECTORS_FILE}.partial"));
    {
        let mut out = crate::private::options().write(true).create(true).truncate(true).open(&partial)?;
        out.write_all(&text)?;
        out.sync_all()?;
    }
    std::fs::rename(&partial, root.join(INSPECTORS_FILE))
}

/// The organisations the inspector `name`, logged in to organisation `own` with an account whose
/// password hash is `password_hash`, may see in the overview: those of their grant that exist,
/// and always `own` (an account made in one organisation alone is a grant of that one).
///
/// The grant counts only for the account it made: one with the grant's password hash. An
/// organisation's admin can make an inspector account of any name in their own organisation,
/// or reset one's password, and must not get the grant's organisations with it. (So an
/// inspector who changes their password in one organisation sees only that one there: a
/// grant's password is changed for all of them by granting again.)
pub fn visible(root: &Path, name: &str, password_hash: Option<&str>, own: &str) -> std::io::Result<Vec<String>> {
    let grant = grants(root)?
        .into_iter()
        .find(|g| g.name == name && password_hash.is_some_and(|h| guard::same_secret(h, &g.password_hash)));
    let mut ids: Vec<String> = organisation_ids(root)?
        .into_iter()
        .filter(|id| id == own || grant.as_ref().is_some_and(|g| g.covers(id)))
        .collect();
    ids.sort();
    Ok(ids)
}

impl Portal {
    /// An inspector's password, checked by the account rules and hashed once for every
    /// organisation of the grant.
    pub async fn inspector_hash(&self, name: &str, password: &str) -> Result<String> {
        crate::people::check_account(name, Role::Inspector, None).map_err(Error::Invalid)?;
        self.hash_new_password(name.trim(), password.to_owned(), password).await
    }

    /// Adds the account of an inspector granted this organisation, with the grant's hash.
    pub async fn add_inspector(&self, grant: &Grant) -> Result<()> {
        let new = crate::people::check_account(&grant.name, Role::Inspector, None).map_err(Error::Invalid)?;
        let added = self.store.add_account(new.name, Role::Inspector, None, Some(&grant.password_hash)).await;
        self.account_made(added, &Reader::command_line(), new.name).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(name: &str, all: bool, organisations: &[&str]) -> Grant {
        Grant {
            name: name.into(),
            all,
            organisations: organisations.iter().map(|o| (*o).to_owned()).collect(),
            password_hash: "$argon2id$x".into(),
        }
    }

    #[test]
    fn an_inspector_sees_the_organisations_granted_and_the_one_logged_in_to() {
        let dir = tempfile::tempdir().unwrap();
        for id in ["a", "b", "c"] {
            std::fs::create_dir_all(dir.path().join(crate::organisations::ORGANISATIONS_DIR).join(id)).unwrap();
        }
        assert!(grants(dir.path()).unwrap().is_empty(), "no file: no grants");
        save_grants(dir.path(), &[grant("ina", false, &["a", "c", "gone"]), grant("all", true, &[])]).unwrap();
        let hash = Some("$argon2id$x");
        assert_eq!(visible(dir.path(), "ina", hash, "a").unwrap(), ["a", "c"]);
        assert_eq!(visible(dir.path(), "all", hash, "b").unwrap(), ["a", "b", "c"]);
        assert_eq!(visible(dir.path(), "someone", hash, "b").unwrap(), ["b"], "no grant: their own only");
        // An account of the same name with another password (an organisation's admin made it,
        // or reset it): the grant is not its.
        assert_eq!(visible(dir.path(), "all", Some("$argon2id$other"), "b").unwrap(), ["b"]);
        assert_eq!(visible(dir.path(), "all", None, "b").unwrap(), ["b"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(INSPECTORS_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "the file holds password hashes");
        }
    }

    #[test]
    fn a_file_of_another_format_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INSPECTORS_FILE), r#"{"format":"x","inspectors":[]}"#).unwrap();
        assert!(grants(dir.path()).is_err());
    }
}
