//! `inzage report`: the documents inzage writes from what is loaded — the works council's advice.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;
use portal::advice::Format;

use super::{BadInput, DataDir, open_portal, write_bytes};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// The advice report of a system's consent dossier (its newest): the request, the four
    /// checkpoints with evidence and verdicts, the findings, the decision and its conditions.
    Advice(AdviceArgs),
}

#[derive(clap::Args, Debug)]
pub struct AdviceArgs {
    #[command(flatten)]
    data: DataDir,
    /// The system's id in the register.
    #[arg(long)]
    system: String,
    /// html, pdf or json.
    #[arg(long, default_value = "html")]
    format: String,
    /// Write to this file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Advice(args) => advice(args, t).await,
    }
}

async fn advice(args: AdviceArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let Some(format) = Format::parse(&args.format) else {
        return Err(BadInput(
            t.tn("cli-bad-format", &[("format", args.format.clone()), ("allowed", "html, pdf, json".into())]),
        )
        .into());
    };
    let portal = open_portal(t, &args.data.data_dir).await?;
    let id = match portal.dossier_of_system(&args.system).await {
        Err(portal::Error::NotFound) => {
            return Err(BadInput(t.tn("cli-no-dossier", &[("system", args.system.clone())])).into());
        }
        other => other?,
    };
    let t = Tr::with_zone(t.lang, portal.time_zone().await?);
    let bytes = portal.advice(&t, id, format).await?;
    write_bytes(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
