//! `inzage export`: the register as TOML or JSON, or in the Dutch Algorithm Register's standard.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::{Lang, Tr};

use super::{BadInput, DataDir, open_store, write_out};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RegisterFormat {
    Toml,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Standard {
    /// The Dutch Algorithm Register publication standard v1.0 (JSON).
    Algoritmeregister,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// Export this register file instead of the data folder's.
    #[arg(long)]
    register: Option<PathBuf>,
    /// inzage's own format.
    #[arg(long, value_enum, default_value_t = RegisterFormat::Toml)]
    format: RegisterFormat,
    /// A publication standard instead of inzage's own format.
    #[arg(long, value_enum)]
    standard: Option<Standard>,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let register = match &args.register {
        Some(path) => formats::read_register(path)?,
        None => {
            let store = open_store(t, &args.data.folder(t, false)?).await?;
            let Some(version) = store.latest_register().await? else {
                let dir = args.data.data_dir.display().to_string();
                return Err(BadInput(t.tn("cli-no-register", &[("dir", dir)])).into());
            };
            version.register
        }
    };
    let text = match (args.standard, args.format) {
        (Some(Standard::Algoritmeregister), _) => {
            // The Algorithm Register is Dutch: its labels are, whatever the command's language.
            let dutch = Tr::new(Lang::Nl);
            let label = |vocab: &str, value: &str| dutch.v(vocab, value);
            let mut text = serde_json::to_string_pretty(&formats::export::algoritmeregister(&register, &label))?;
            text.push('\n');
            text
        }
        (None, RegisterFormat::Json) => formats::export::to_json(&register),
        (None, RegisterFormat::Toml) => formats::export::to_toml(&register).map_err(anyhow::Error::msg)?,
    };
    write_out(args.out.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}
