//! People and tokens from the command line, and the demo's accounts.

use std::io::Write;
use std::path::{Path, PathBuf};

use domain::Role;
use store::Store;

use crate::BadInput;

/// Adds an account with a password, after checking the role, the worker and the password.
pub async fn add(
    store: &Store,
    pseudonyms: &guard::Pseudonymiser,
    role: &str,
    name: &str,
    worker: Option<&str>,
    password: &str,
) -> anyhow::Result<()> {
    let role: Role = role.parse().map_err(|_| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        BadInput(format!("--role: `{role}` is not a role; choose one of {}", all.join(", ")))
    })?;
    let name = name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(BadInput("--name: give a name of 1 to 100 characters".into()).into());
    }
    let worker = match (role, worker.map(str::trim)) {
        (Role::Worker, Some(w)) if !w.is_empty() => Some(pseudonyms.pseudonym(w)),
        (Role::Worker, _) => {
            return Err(BadInput("--worker: a worker account needs the worker's identifier".into()).into());
        }
        (_, Some(_)) => return Err(BadInput(format!("--worker: only a worker account has one, not {role}")).into()),
        (_, None) => None,
    };
    guard::check_password(password, name).map_err(|e| BadInput(format!("password on standard input: {e}")))?;
    let hash = guard::hash_password(password)?;
    store.add_account(name, role, worker.as_deref(), Some(&hash)).await.map_err(|e| match e {
        store::Error::Taken(n) => BadInput(format!("--name: the name `{n}` is taken")).into(),
        other => anyhow::Error::from(other),
    })?;
    Ok(())
}

/// Creates a personal access token for an account; returns the token (only its hash is kept).
pub async fn token(store: &Store, name: &str, label: &str) -> anyhow::Result<String> {
    let Some((account, _)) = store.account_for_login(name).await? else {
        return Err(BadInput(format!("--user: no account is called `{name}`; see `inzage user list`")).into());
    };
    let token = guard::new_token()?;
    store.add_api_token(account.id, &guard::token_hash(&token), label).await?;
    Ok(token)
}

fn demo_file(dir: &Path) -> PathBuf {
    dir.join("demo").join("accounts.txt")
}

/// The demo's people: one of each role, and worker W0001, with random passwords written to
/// `demo/accounts.txt` (readable by the owner only).
pub async fn demo_accounts(store: &Store, pseudonyms: &guard::Pseudonymiser, dir: &Path) -> anyhow::Result<()> {
    let people = [
        ("privacy", Role::Admin, None),
        ("ondernemingsraad", Role::Council, None),
        ("expert", Role::Expert, None),
        ("inspectie", Role::Inspector, None),
        ("werker-W0001", Role::Worker, Some("W0001")),
    ];
    let mut lines = String::from("# The demo's accounts: name, role, password. Demo only.\n");
    for (name, role, worker) in people {
        let password = format!("demo-{}", &guard::new_token()?[..16]);
        add(store, pseudonyms, role.as_str(), name, worker, &password).await?;
        lines.push_str(&format!("{name}\t{role}\t{password}\n"));
    }
    let path = demo_file(dir);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(&path)?.write_all(lines.as_bytes())?;
    Ok(())
}

/// Shows the demo's accounts, if this data folder has them.
pub fn print_demo_accounts(dir: &Path) {
    if let Ok(text) = std::fs::read_to_string(demo_file(dir)) {
        eprintln!("Demo accounts (from {}):", demo_file(dir).display());
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            eprintln!("  {}", line.replace('\t', "  "));
        }
    }
}
