//! `inzage user add|list|disable|invite`: the people who can log in, with the portal's account
//! rules. Names are printed with their control characters escaped (security review L7).

use std::process::ExitCode;

use domain::Role;
use locale::{Tr, printable};

use std::path::Path;

use super::{BadInput, DataDir, open_portal, open_store, organisation_folder};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Add a person with a password read from standard input (one line).
    Add {
        #[command(flatten)]
        data: DataDir,
        /// admin, council, expert, worker or inspector.
        #[arg(long)]
        role: String,
        /// The name they log in with.
        #[arg(long)]
        name: String,
        /// For a worker: their identifier in the employer's files (stored only as a pseudonym).
        #[arg(long)]
        worker: Option<String>,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// For an inspector, in a data folder of many: the organisations granted, `all` (those
        /// imported later too) or ids separated by commas. The inspector gets an account with
        /// this password in each, and the overview shows them all.
        #[arg(long, value_name = "all|ID,ID", conflicts_with_all = ["organisation", "worker"])]
        organisations: Option<String>,
    },
    /// List the people who can log in: name, role, pseudonym, state, who made the account and when.
    List {
        #[command(flatten)]
        data: DataDir,
    },
    /// Disable an account: its sessions and API tokens end and it can no longer log in; its name
    /// stays in the access log. `user invite` enables it again.
    Disable {
        #[command(flatten)]
        data: DataDir,
        /// The account's name.
        name: String,
    },
    /// Revoke an inspector's grant (`user add --organisations`), in a data folder of many: the
    /// inspector's account is disabled in every organisation that has it from the grant, and
    /// the grant is removed, so organisations imported later get no account either.
    Revoke {
        /// The data folder of many organisations.
        #[arg(long, default_value = "./inzage-data")]
        data_dir: std::path::PathBuf,
        /// The inspector's name.
        #[arg(long)]
        name: String,
    },
    /// Invite an existing account again: a password reset through a new single-use link (valid
    /// 72 hours). Its password, second factor, sessions and tokens end now; a disabled account
    /// is enabled again.
    Invite {
        #[command(flatten)]
        data: DataDir,
        /// The account's name.
        name: String,
        /// The portal's address, to print the whole link.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
    },
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Add { data, role, name, worker, password_stdin: _, organisations } => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            if let Some(granted) = organisations {
                let n = grant(t, &data.data_dir, &role, &name, &granted, password).await?;
                let args = [("name", printable(name.trim()).into_owned()), ("n", n.to_string())];
                println!("{}", t.tn("cli-user-granted", &args));
                return Ok(ExitCode::SUCCESS);
            }
            let portal = open_portal(t, &data.folder(t, false)?).await?;
            add(&portal, t, &role, &name, worker.as_deref(), password).await?;
            let args = [("name", printable(name.trim()).into_owned()), ("role", printable(&role).into_owned())];
            println!("{}", t.tn("cli-user-added", &args));
        }
        Command::List { data } => {
            let store = open_store(t, &data.folder(t, false)?).await?;
            for a in store.accounts().await? {
                let state = match (a.disabled, a.active) {
                    (true, _) => t.t("cli-user-disabled"),
                    (false, true) if a.second_factor => t.t("cli-user-active-second"),
                    (false, true) => t.t("cli-user-active"),
                    (false, false) => t.t("cli-user-invited"),
                };
                let by = a.invited_by.as_deref().map(printable).unwrap_or_else(|| t.t("cli-user-by-cli").into());
                let at = a.invited_at.unwrap_or_default();
                println!("{}\t{}\t{}\t{state}\t{by}\t{at}", printable(&a.name), a.role, a.worker.unwrap_or_default());
            }
        }
        Command::Revoke { data_dir, name } => {
            let n = revoke(t, &data_dir, &name).await?;
            let args = [("name", printable(name.trim()).into_owned()), ("n", n.to_string())];
            println!("{}", t.ta("cli-user-revoked", &args));
        }
        Command::Disable { data, name } => {
            let portal = open_portal(t, &data.folder(t, false)?).await?;
            match portal.disable(&name).await {
                Ok(_) => println!("{}", t.tn("cli-user-disabled-now", &[("name", printable(&name).into_owned())])),
                Err(portal::Error::NotFound) => return Err(no_account(t, &name).into()),
                Err(e) => return Err(e.into()),
            }
        }
        Command::Invite { data, name, base_url } => {
            let dir = data.folder(t, false)?;
            let portal = open_portal(t, &dir).await?;
            let token = match portal.reinvite(&portal::Reader::command_line(), &name).await {
                Ok(token) => token,
                Err(portal::Error::NotFound) => return Err(no_account(t, &name).into()),
                Err(portal::Error::Conflict(key)) => {
                    return Err(BadInput(
                        t.tn(&format!("cli-account-{key}"), &[("name", printable(&name).into_owned())]),
                    )
                    .into());
                }
                Err(e) => return Err(e.into()),
            };
            eprintln!("{}", t.tn("cli-user-invite-link", &[("name", printable(&name).into_owned())]));
            let via = super::one_of_many(&dir, &data.data_dir).map(|id| format!("/o/{id}")).unwrap_or_default();
            println!("{}{via}/invite/{token}", base_url.trim_end_matches('/'));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn no_account(t: &Tr, name: &str) -> BadInput {
    BadInput(t.tn("cli-no-account-name", &[("name", printable(name).into_owned())]))
}

/// Adds an account; a refusal by the account rules becomes a message naming the flag.
pub async fn add(
    portal: &portal::Portal,
    t: &Tr,
    role: &str,
    name: &str,
    worker: Option<&str>,
    password: &str,
) -> anyhow::Result<()> {
    let parsed: Role = role.parse().map_err(|_| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        BadInput(t.tn("cli-bad-role", &[("role", printable(role).into_owned()), ("roles", all.join(", "))]))
    })?;
    portal.add_account(name, parsed, worker, password).await.map_err(|e| account_error(t, role, name, e))
}

/// A refusal by the account rules, as a message naming the flag.
fn account_error(t: &Tr, role: &str, name: &str, e: portal::Error) -> anyhow::Error {
    match e {
        portal::Error::Invalid(key) if key.starts_with("password-") => {
            BadInput(t.tn("cli-password", &[("problem", t.t(key))])).into()
        }
        portal::Error::Invalid(key) | portal::Error::Conflict(key) => BadInput(t.tn(
            &format!("cli-account-{key}"),
            &[("role", printable(role).into_owned()), ("name", printable(name.trim()).into_owned())],
        ))
        .into(),
        other => other.into(),
    }
}

/// Grants an inspector organisations of the folder of many `root`: an account in each, with
/// one password, and the grant kept in `inspectors.json` (see `portal::inspectors`). Every
/// organisation is checked before any account is made. Returns how many were granted.
/// Disables the accounts of inspector `name`'s grant (only those made from it: the same name and
/// password hash) in every organisation of `root`, then removes the grant. Returns how many
/// accounts were disabled. The grant is removed last, so a run that stops halfway can be run
/// again.
async fn revoke(t: &Tr, root: &Path, name: &str) -> anyhow::Result<usize> {
    use portal::organisations::{Layout, layout};
    let ids = match layout(root) {
        Ok(Layout::Many(ids)) => ids,
        _ => return Err(BadInput(t.tn("cli-grant-not-many", &[("dir", root.display().to_string())])).into()),
    };
    let mut grants = portal::inspectors::grants(root)?;
    let Some(at) = grants.iter().position(|g| g.name == name.trim()) else {
        return Err(BadInput(t.tn("cli-revoke-no-grant", &[("name", printable(name.trim()).into_owned())])).into());
    };
    let grant = grants[at].clone();
    let mut disabled = 0;
    for id in &ids {
        let dir = organisation_folder(t, root, Some(id), false)?;
        let portal = open_portal(t, &dir).await?;
        let ours = match portal.store.account_for_login(&grant.name).await? {
            Some((account, hash)) => {
                account.role == Role::Inspector && !account.disabled && hash.as_deref() == Some(&grant.password_hash)
            }
            None => false,
        };
        if ours {
            portal.disable(&grant.name).await?;
            disabled += 1;
        }
        portal.store.close().await;
    }
    grants.remove(at);
    portal::inspectors::save_grants(root, &grants)?;
    Ok(disabled)
}

async fn grant(t: &Tr, root: &Path, role: &str, name: &str, granted: &str, password: &str) -> anyhow::Result<usize> {
    use portal::organisations::{Layout, layout};
    if role != Role::Inspector.as_str() {
        return Err(BadInput(t.tn("cli-grant-inspector-only", &[("role", printable(role).into_owned())])).into());
    }
    let all = match layout(root) {
        Ok(Layout::Many(ids)) => ids,
        _ => return Err(BadInput(t.tn("cli-grant-not-many", &[("dir", root.display().to_string())])).into()),
    };
    let every = granted.trim() == "all";
    let ids: Vec<String> = if every {
        all
    } else {
        let mut ids: Vec<String> = granted.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        ids.sort();
        ids.dedup();
        ids
    };
    if ids.is_empty() {
        return Err(BadInput(t.t("cli-grant-none")).into());
    }
    let mut folders = Vec::with_capacity(ids.len());
    for id in &ids {
        let dir = organisation_folder(t, root, Some(id), false)?;
        let store = open_store(t, &dir).await?;
        let taken = store.account_for_login(name.trim()).await?.is_some();
        store.close().await;
        if taken {
            let values = [("name", printable(name.trim()).into_owned()), ("id", id.clone())];
            return Err(BadInput(t.tn("cli-grant-taken", &values)).into());
        }
        folders.push(dir);
    }
    let mut grants = portal::inspectors::grants(root)?;
    if grants.iter().any(|g| g.name == name.trim()) {
        return Err(BadInput(t.tn("cli-grant-exists", &[("name", printable(name.trim()).into_owned())])).into());
    }
    let first = open_portal(t, &folders[0]).await?;
    let hash = first.inspector_hash(name, password).await.map_err(|e| account_error(t, role, name, e))?;
    first.store.close().await;
    let grant = portal::inspectors::Grant {
        name: name.trim().to_owned(),
        all: every,
        organisations: if every { Vec::new() } else { ids.clone() },
        password_hash: hash,
    };
    // The accounts first, then the grant: a grant is never kept for accounts that were not made.
    // One that fails stops the run and says in which organisations the account was made.
    let mut made = Vec::new();
    for (id, dir) in ids.iter().zip(&folders) {
        let added = match open_portal(t, dir).await {
            Ok(portal) => {
                let added = portal.add_inspector(&grant).await.map_err(|e| account_error(t, role, name, e));
                portal.store.close().await;
                added
            }
            Err(e) => Err(e),
        };
        if let Err(e) = added {
            let values = [
                ("id", id.clone()),
                ("made", if made.is_empty() { "—".to_owned() } else { made.join(", ") }),
                ("message", format!("{e:#}")),
            ];
            return Err(BadInput(t.tn("cli-grant-stopped", &values)).into());
        }
        made.push(id.clone());
    }
    grants.push(grant);
    portal::inspectors::save_grants(root, &grants)?;
    Ok(folders.len())
}
