//! `inzage token create`: a personal access token for the API.

use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, DataDir, open_portal};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Create a token for a person; it is printed once and only its hash is kept.
    Create {
        #[command(flatten)]
        data: DataDir,
        /// The person's name.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
    },
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    let Command::Create { data, user, label } = command;
    let portal = open_portal(t, &data.data_dir).await?;
    let token = match portal.create_token(&user, &label).await {
        Ok(token) => token,
        Err(portal::Error::NotFound) => return Err(BadInput(t.tn("cli-no-account", &[("name", user)])).into()),
        Err(e) => return Err(e.into()),
    };
    eprintln!("{}", t.tn("cli-token", &[("name", user)]));
    println!("{token}");
    Ok(ExitCode::SUCCESS)
}
