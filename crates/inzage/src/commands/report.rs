//! `inzage report`: the documents inzage writes from what is loaded — the works council's advice
//! and the employer's yearly transparency report, and the risk inventory's algorithms section.

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
    /// The employer's yearly transparency report: systems in use and what changed, findings at
    /// the year's start and end, consent dossiers, conditions broken and restored, contests, reads
    /// of personal data by role, notices sent and the audits in aggregate.
    Yearly(YearlyArgs),
    /// The algorithms section of the risk inventory (RI&E, Arbowet art 5): per system the
    /// work-pressure risks the rulebook and the audit found, with the works council's conditions
    /// as measures.
    Risks(RisksArgs),
}

#[derive(clap::Args, Debug)]
pub struct RisksArgs {
    #[command(flatten)]
    data: DataDir,
    /// csv or json.
    #[arg(long, default_value = "csv")]
    format: String,
    /// Write to this file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct YearlyArgs {
    #[command(flatten)]
    data: DataDir,
    /// The calendar year (in the organisation's time zone).
    #[arg(long)]
    year: i16,
    /// html, pdf or json.
    #[arg(long, default_value = "html")]
    format: String,
    /// Write to this file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
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
        Command::Yearly(args) => yearly(args, t).await,
        Command::Risks(args) => risks(args, t).await,
    }
}

async fn yearly(args: YearlyArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let format = parse_format(t, &args.format)?;
    let portal = open_portal(t, &args.data.data_dir).await?;
    let Some((first, this)) = portal.report_years().await? else {
        return Err(BadInput(t.tn("cli-nothing-imported", &[("dir", args.data.data_dir.display().to_string())])).into());
    };
    if args.year < first || args.year > this {
        let values = [("year", args.year.to_string()), ("first", first.to_string()), ("last", this.to_string())];
        return Err(BadInput(t.tn("cli-yearly-bad-year", &values)).into());
    }
    let t = Tr::with_zone(t.lang, portal.time_zone().await?);
    let bytes = portal.yearly_report(&t, args.year, format).await?;
    write_bytes(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

async fn risks(args: RisksArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let csv = match args.format.as_str() {
        "csv" => true,
        "json" => false,
        other => {
            let values = [("format", other.to_owned()), ("allowed", "csv, json".into())];
            return Err(BadInput(t.tn("cli-bad-format", &values)).into());
        }
    };
    let portal = open_portal(t, &args.data.data_dir).await?;
    let inventory = match portal.risk_inventory(t).await {
        Err(portal::Error::NotFound) => {
            let dir = args.data.data_dir.display().to_string();
            return Err(BadInput(t.tn("cli-nothing-imported", &[("dir", dir)])).into());
        }
        other => other?,
    };
    let bytes = if csv {
        portal::risks::csv(t, &inventory)?
    } else {
        let mut text = serde_json::to_vec_pretty(&inventory)?;
        text.push(b'\n');
        text
    };
    write_bytes(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

fn parse_format(t: &Tr, text: &str) -> Result<Format, BadInput> {
    Format::parse(text).ok_or_else(|| {
        BadInput(t.tn("cli-bad-format", &[("format", text.to_owned()), ("allowed", "html, pdf, json".into())]))
    })
}

async fn advice(args: AdviceArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let format = parse_format(t, &args.format)?;
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
