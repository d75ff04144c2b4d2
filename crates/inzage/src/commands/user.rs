//! `inzage user add|list|disable|invite`: the people who can log in, with the portal's account
//! rules. Names are printed with their control characters escaped (security review L7).

use std::process::ExitCode;

use domain::Role;
use locale::{Tr, printable};

use super::{BadInput, DataDir, open_portal, open_store};

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
        Command::Add { data, role, name, worker, password_stdin: _ } => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
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
        Command::Disable { data, name } => {
            let portal = open_portal(t, &data.folder(t, false)?).await?;
            match portal.disable(&name).await {
                Ok(_) => println!("{}", t.tn("cli-user-disabled-now", &[("name", printable(&name).into_owned())])),
                Err(portal::Error::NotFound) => return Err(no_account(t, &name).into()),
                Err(e) => return Err(e.into()),
            }
        }
        Command::Invite { data, name, base_url } => {
            let portal = open_portal(t, &data.folder(t, false)?).await?;
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
            println!("{}/invite/{token}", base_url.trim_end_matches('/'));
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
    portal.add_account(name, parsed, worker, password).await.map_err(|e| -> anyhow::Error {
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
    })
}
