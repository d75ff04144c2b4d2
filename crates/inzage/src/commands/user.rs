//! `inzage user add|list`: the people who can log in, with the portal's account rules.

use std::process::ExitCode;

use domain::Role;
use locale::Tr;

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
    /// List the people who can log in.
    List {
        #[command(flatten)]
        data: DataDir,
    },
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Add { data, role, name, worker, password_stdin: _ } => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let portal = open_portal(t, &data.data_dir).await?;
            add(&portal, t, &role, &name, worker.as_deref(), password).await?;
            println!("{}", t.tn("cli-user-added", &[("name", name.trim().to_owned()), ("role", role)]));
        }
        Command::List { data } => {
            let store = open_store(t, &data.data_dir).await?;
            for a in store.accounts().await? {
                let state = if a.active { t.t("cli-user-active") } else { t.t("cli-user-invited") };
                println!("{}\t{}\t{}\t{state}", a.name, a.role, a.worker.unwrap_or_default());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
        BadInput(t.tn("cli-bad-role", &[("role", role.to_owned()), ("roles", all.join(", "))]))
    })?;
    portal.add_account(name, parsed, worker, password).await.map_err(|e| -> anyhow::Error {
        match e {
            portal::Error::Invalid(key) if key.starts_with("password-") => {
                BadInput(t.tn("cli-password", &[("problem", t.t(key))])).into()
            }
            portal::Error::Invalid(key) | portal::Error::Conflict(key) => BadInput(
                t.tn(&format!("cli-account-{key}"), &[("role", role.to_owned()), ("name", name.trim().to_owned())]),
            )
            .into(),
            other => other.into(),
        }
    })
}
