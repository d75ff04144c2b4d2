//! `inzage audit`: the audit of a monitoring system's own data, as JSON or one HTML file.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, write_out};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Json,
    Html,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Recorded events: CSV (comma or semicolon), Parquet or JSON lines.
    #[arg(long)]
    events: PathBuf,
    /// Worker attributes (CSV), for group comparisons and under-18 breaks.
    #[arg(long)]
    workers: Option<PathBuf>,
    /// Decisions about workers (CSV), for group comparisons and the human-review check.
    #[arg(long)]
    decisions: Option<PathBuf>,
    /// Take the production norms from this register's systems.
    #[arg(long)]
    register: Option<PathBuf>,
    /// A production norm, kind=per_hour (e.g. scan=854); repeat for more. Overrides the register's.
    #[arg(long = "target")]
    targets: Vec<String>,
    /// Your column names: worker=operator_id,time=ts,kind=type,quantity=qty.
    #[arg(long)]
    map: Option<String>,
    /// Time zone for local times without an offset.
    #[arg(long, default_value = locale::DEFAULT_TIME_ZONE)]
    tz: String,
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Skip rows that cannot be read, and count them in the report, instead of stopping.
    #[arg(long)]
    skip_bad_rows: bool,
    /// Groups smaller than this are never shown (default 10, at least 5).
    #[arg(long)]
    min_group: Option<usize>,
    /// Share of workers the employer flags, the lowest mean rates (default 0.1).
    #[arg(long)]
    flag_share: Option<f64>,
    /// Resamples for flag stability (default 1000).
    #[arg(long)]
    resamples: Option<usize>,
    /// Seed of the resampling (default 2025).
    #[arg(long)]
    seed: Option<u64>,
}

/// A `--target kind=per_hour` flag.
fn target(t: &Tr, text: &str) -> Result<(String, f64), BadInput> {
    let parsed = text.split_once('=').and_then(|(k, v)| Some((k.trim().to_owned(), v.trim().parse::<f64>().ok()?)));
    match parsed {
        Some((k, v)) if !k.is_empty() && v > 0.0 => Ok((k, v)),
        _ => Err(BadInput(t.tn("cli-bad-target", &[("target", text.to_owned())]))),
    }
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let mut norms = args.targets.iter().map(|s| target(t, s)).collect::<Result<Vec<_>, _>>()?;
    if norms.is_empty()
        && let Some(path) = &args.register
    {
        let r = formats::read_register(path)?;
        norms = r.systems.iter().flat_map(|s| s.targets.iter().map(|t| (t.kind.clone(), t.per_hour))).collect();
    }
    // The library's defaults, where a flag is not given.
    let mut params = audit::Params::new(args.events, norms);
    params.workers = args.workers;
    params.decisions = args.decisions;
    params.map = audit::ColumnMap::parse(args.map.as_deref().unwrap_or_default()).map_err(BadInput)?;
    params.time_zone = args.tz;
    params.skip_bad_rows = args.skip_bad_rows;
    params.min_group = args.min_group.unwrap_or(params.min_group);
    if let Err(floor) = disclosure::check_min_group(params.min_group as u64) {
        return Err(BadInput(
            t.tn("cli-min-group-floor", &[("min", params.min_group.to_string()), ("floor", floor.to_string())]),
        )
        .into());
    }
    params.flag_share = args.flag_share.unwrap_or(params.flag_share);
    params.resamples = args.resamples.unwrap_or(params.resamples);
    params.seed = args.seed.unwrap_or(params.seed);
    let bar = progress_bar(t, &params);
    if let Some(bar) = &bar {
        let bar = bar.clone();
        params.progress = Some(audit::Progress(std::sync::Arc::new(move |rows| bar.set_position(rows))));
    }
    // On its own task, so that a panic in the query engine on a crafted file (security review
    // L8) is caught and reported as the file's, with exit 2, not a crash with exit 101.
    let events = params.events.clone();
    let report = match tokio::spawn(async move { audit::audit(&params).await }).await {
        Ok(report) => report.map_err(|e| match e {
            audit::Error::Input(e) => anyhow::Error::new(e),
            audit::Error::Parameter(m) => BadInput(m).into(),
            other => anyhow::Error::new(other),
        })?,
        Err(e) if e.is_panic() => {
            return Err(BadInput(t.tn("cli-engine-panicked", &[("file", events.display().to_string())])).into());
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let text = match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report)?;
            text.push('\n');
            text
        }
        ReportFormat::Html => portal::report::audit_html(&report, t.clone())?,
    };
    write_out(args.out.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on a terminal, none when piped.
fn progress_bar(t: &Tr, params: &audit::Params) -> Option<indicatif::ProgressBar> {
    std::io::IsTerminal::is_terminal(&std::io::stderr()).then(|| {
        let total = formats::count_events(&params.events)
            .ok()
            .filter(|_| params.events.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")));
        let bar = match total {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        let template =
            format!("{{spinner}} {{human_pos}}/{{human_len}} {} {{wide_bar}} {{eta}}", t.t("cli-audit-progress"));
        bar.set_style(
            indicatif::ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}
