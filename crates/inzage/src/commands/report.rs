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
    /// The inspector's overview of every organisation in a data folder of many: systems, open
    /// violations by instrument, consent and DPIAs missing, the audits' headline figures, and
    /// sector figures with small sectors hidden.
    Inspector(InspectorArgs),
}

#[derive(clap::Args, Debug)]
pub struct InspectorArgs {
    /// The data folder that holds the organisations.
    #[arg(long, default_value = "./inzage-data")]
    data_dir: PathBuf,
    /// html or json.
    #[arg(long, default_value = "html")]
    format: String,
    /// Only organisations of this sector (the register's `organisation.sector`).
    #[arg(long)]
    sector: Option<String>,
    /// Only organisations of this size: micro (< 10), small (< 50), medium (< 250), large, unknown.
    #[arg(long)]
    size: Option<String>,
    /// Worst first by: violations, consent, dpia, attainment, toilet-test, size; or name.
    #[arg(long, default_value = "violations")]
    sort: String,
    /// Only these organisations (ids, comma-separated): what an inspector is granted.
    #[arg(long, value_delimiter = ',')]
    organisations: Option<Vec<String>>,
    /// Only the sector figures, which name no organisation: what may be published.
    #[arg(long, conflicts_with_all = ["sector", "size"])]
    sectors_only: bool,
    /// Compute every organisation's figures again first (they are computed at import, by the
    /// law of that day).
    #[arg(long)]
    refresh: bool,
    /// Write to this file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
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
        Command::Inspector(args) => inspector(args, t).await,
    }
}

async fn inspector(args: InspectorArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    use portal::organisations::{self as orgs, Query, Size, Sort};
    let bad = |flag: &str, text: &str, allowed: String| {
        BadInput(t.tn("cli-bad-choice", &[("flag", flag.into()), ("text", text.into()), ("allowed", allowed)]))
    };
    let json = match args.format.as_str() {
        "json" => true,
        "html" => false,
        other => {
            let values = [("format", other.to_owned()), ("allowed", "html, json".into())];
            return Err(BadInput(t.tn("cli-bad-format", &values)).into());
        }
    };
    let sort =
        Sort::parse(&args.sort).ok_or_else(|| bad("--sort", &args.sort, Sort::ALL.map(|(_, c)| c).join(", ")))?;
    let size = match &args.size {
        Some(text) => Some(Size::parse(text).ok_or_else(|| bad("--size", text, Size::ALL.map(Size::code).join(", ")))?),
        None => None,
    };
    let root = &args.data_dir;
    let dir = root.display().to_string();
    let all = match orgs::layout(root) {
        Ok(orgs::Layout::Many(ids)) => ids,
        Ok(_) => return Err(BadInput(t.tn("cli-inspector-not-many", &[("dir", dir)])).into()),
        Err(e) => return Err(BadInput(t.tn("cli-cannot-read", &[("file", dir), ("message", e.to_string())])).into()),
    };
    if let Some(wanted) = &args.organisations
        && let Some(unknown) = wanted.iter().find(|w| !all.contains(w))
    {
        let values = [
            ("id", unknown.clone()),
            ("dir", dir),
            ("known", all.iter().take(20).cloned().collect::<Vec<_>>().join(", ")),
        ];
        return Err(BadInput(t.tn("cli-organisation-unknown", &values)).into());
    }
    if args.refresh {
        for id in all.iter().filter(|id| args.organisations.as_ref().is_none_or(|w| w.contains(id))) {
            let folder = super::organisation_folder(t, root, Some(id), false)?;
            // A folder with nothing imported stays as it is: a report writes no database.
            if !store::has_database(&folder) {
                continue;
            }
            let portal = open_portal(t, &folder).await?;
            portal.write_summary(&folder, id).await?;
            portal.store.close().await;
        }
    }
    let (summaries, missing) = orgs::read_summaries(root, args.organisations.as_deref())?;
    if let Some(sector) = &args.sector
        && !summaries.iter().any(|s| s.sector.as_ref() == Some(sector))
    {
        let names: std::collections::BTreeSet<&str> = summaries.iter().filter_map(|s| s.sector.as_deref()).collect();
        return Err(bad("--sector", sector, names.into_iter().collect::<Vec<_>>().join(", ")).into());
    }
    if args.sectors_only {
        let report = orgs::sector_report(&summaries);
        let bytes = if json {
            let mut text = serde_json::to_vec_pretty(&report)?;
            text.push(b'\n');
            text
        } else {
            orgs::sectors_html(t, &report.sectors)?.into_bytes()
        };
        write_bytes(args.out.as_deref(), &bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = Query { sector: args.sector.clone(), size, sort };
    let overview = orgs::overview(summaries, missing, &query);
    let bytes = if json {
        let mut text = serde_json::to_vec_pretty(&overview)?;
        text.push(b'\n');
        text
    } else {
        orgs::html(t, &overview)?.into_bytes()
    };
    write_bytes(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

async fn yearly(args: YearlyArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let format = parse_format(t, &args.format)?;
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
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
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
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
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
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
