//! `inzage profile`: the built-in profiles, to list and to print (to copy and adapt).

use std::process::ExitCode;

use locale::Tr;

use super::BadInput;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// The built-in profiles, with what each is for.
    List,
    /// Print a built-in profile's TOML.
    Show {
        /// The profile's name, as `inzage profile list` gives it.
        name: String,
    },
}

pub fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::List => {
            println!("{}", t.t("cli-profile-list-header"));
            for b in audit::profile::BUILT_IN {
                let profile = audit::Profile::load(b.name).map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("  {:<24} {}", b.name, profile.description.unwrap_or_default());
            }
        }
        Command::Show { name } => match audit::profile::BUILT_IN.iter().find(|b| b.name == name) {
            Some(b) => print!("{}", b.text),
            None => {
                let names: Vec<&str> = audit::profile::BUILT_IN.iter().map(|b| b.name).collect();
                return Err(
                    BadInput(t.tn("cli-profile-unknown", &[("name", name), ("names", names.join(", "))])).into()
                );
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}
