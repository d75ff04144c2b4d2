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
    events: Option<PathBuf>,
    /// Worker attributes (CSV, Parquet or JSON lines), for group comparisons and under-18 breaks.
    #[arg(long)]
    workers: Option<PathBuf>,
    /// Decisions about workers, for group comparisons and the human-review check.
    #[arg(long)]
    decisions: Option<PathBuf>,
    /// Measures per worker and period: worker, period, measure, value (and target).
    #[arg(long)]
    measures: Option<PathBuf>,
    /// How the files' columns are read: a built-in profile (`inzage profile list`) or a file.
    #[arg(long)]
    profile: Option<String>,
    /// The attributes compared, e.g. race,sex (default: every attribute of the workers file).
    #[arg(long, value_delimiter = ',')]
    attributes: Option<Vec<String>>,
    /// Pairs of attributes compared: none, all (default), or e.g. race+sex.
    #[arg(long)]
    pairs: Option<String>,
    /// The reference group of an attribute, e.g. race=Caucasian; repeat for more.
    #[arg(long = "reference")]
    references: Vec<String>,
    /// Only the workers for whom this SQL condition on the workers file holds, e.g. "age >= 25".
    #[arg(long)]
    population: Option<String>,
    /// Decision kinds counted as one outcome, e.g. medium_high=Medium,High; repeat for more.
    #[arg(long = "outcome")]
    outcomes: Vec<String>,
    /// Take the production norms from this register's systems.
    #[arg(long)]
    register: Option<PathBuf>,
    /// A production norm, kind=per_hour (e.g. scan=854); repeat for more. Overrides the register's.
    #[arg(long = "target")]
    targets: Vec<String>,
    /// Your column names: worker=operator_id,time=ts; another input's: workers.worker=EmployeeNumber.
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
    /// Run the per-worker pass on a Ballista cluster, df://HOST:PORT (`inzage cluster
    /// scheduler`); the events file as `inzage cluster prepare` writes it, at the same path on
    /// every executor. Needs a build with `--features cluster`.
    #[arg(long, value_name = "URL")]
    cluster: Option<String>,
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
    if args.events.is_none() && args.decisions.is_none() && args.measures.is_none() {
        return Err(BadInput(t.t("cli-audit-no-input")).into());
    }
    let mut params = audit::Params::new(args.events, norms);
    params.workers = args.workers;
    params.decisions = args.decisions;
    params.measures = args.measures;
    params.map = audit::ColumnMap::parse(args.map.as_deref().unwrap_or_default()).map_err(BadInput)?;
    params.profile = args.profile.as_deref().map(audit::Profile::load).transpose().map_err(audit_error)?;
    params.attributes = args.attributes;
    if let Some(pairs) = &args.pairs {
        params.pairs = audit::Pairs::parse(pairs).map_err(BadInput)?;
    }
    for r in &args.references {
        let pair = r.split_once('=').filter(|(a, v)| !a.trim().is_empty() && !v.trim().is_empty());
        let Some((a, v)) = pair else {
            return Err(BadInput(t.tn("cli-bad-reference", &[("text", r.clone())])).into());
        };
        params.reference.push((a.trim().to_owned(), v.trim().to_owned()));
    }
    params.population = args.population;
    for o in &args.outcomes {
        let parsed = o.split_once('=').map(|(n, kinds)| {
            (n.trim().to_owned(), kinds.split(',').map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect())
        });
        match parsed {
            Some((name, kinds)) if !name.is_empty() && !Vec::is_empty(&kinds) => params.outcomes.push((name, kinds)),
            _ => return Err(BadInput(t.tn("cli-bad-outcome", &[("text", o.clone())])).into()),
        }
    }
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
    if let Some(url) = args.cluster {
        if !cfg!(feature = "cluster") {
            return Err(BadInput(t.t("cli-no-cluster")).into());
        }
        if params.events.is_none() {
            return Err(BadInput(t.t("cli-cluster-no-events")).into());
        }
        params.cluster = Some(audit::Cluster::Remote(url));
    }
    let bar = progress_bar(t, &params);
    if let Some(bar) = &bar {
        let bar = bar.clone();
        params.progress = Some(audit::Progress(std::sync::Arc::new(move |rows| bar.set_position(rows))));
    }
    // On its own task, so that a panic in the query engine on a crafted file (security review
    // L8) is caught and reported as the file's, with exit 2, not a crash with exit 101.
    let files: Vec<String> = [&params.events, &params.workers, &params.decisions, &params.measures]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect();
    let report = match tokio::spawn(async move { audit::audit(&params).await }).await {
        Ok(report) => report.map_err(|e| audit_error_in(t, e))?,
        Err(e) if e.is_panic() => {
            return Err(BadInput(t.tn("cli-engine-panicked", &[("file", files.join(", "))])).into());
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // What was not read is said, not only counted in the report.
    if report.skipped_rows.count > 0 {
        eprintln!("{}", t.tn("cli-skipped-rows", &[("count", report.skipped_rows.count.to_string())]));
        for example in report.skipped_rows.examples.iter().take(3) {
            eprintln!("  {example}");
        }
    }
    for note in &report.notes {
        eprintln!("{}", t.tn("cli-note", &[("note", note.clone())]));
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

/// The audit's error: the user's to fix (exit 2) when it is their input or a parameter.
pub fn audit_error(e: audit::Error) -> anyhow::Error {
    match e {
        audit::Error::Input(e) => anyhow::Error::new(e),
        audit::Error::Parameter(m) => BadInput(m).into(),
        other => anyhow::Error::new(other),
    }
}

/// [`audit_error`], with the cluster's errors in the reader's language.
fn audit_error_in(t: &Tr, e: audit::Error) -> anyhow::Error {
    match e {
        audit::Error::NoCluster => BadInput(t.t("cli-no-cluster")).into(),
        audit::Error::NotPrepared { file, why } => {
            BadInput(t.tn("cli-cluster-not-prepared", &[("file", file), ("why", why)])).into()
        }
        audit::Error::OtherTimeZone { file, prepared, audited } => BadInput(
            t.tn("cli-cluster-other-time-zone", &[("file", file), ("prepared", prepared), ("audited", audited)]),
        )
        .into(),
        audit::Error::Unreachable { url } => BadInput(t.tn("cli-cluster-unreachable", &[("url", url)])).into(),
        other => audit_error(other),
    }
}

/// A progress bar on a terminal, none when piped.
fn progress_bar(t: &Tr, params: &audit::Params) -> Option<indicatif::ProgressBar> {
    let events = params.events.as_deref()?;
    std::io::IsTerminal::is_terminal(&std::io::stderr()).then(|| {
        let total = formats::count_events(events)
            .ok()
            .filter(|_| events.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")));
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
