//! `inzage cluster`: the audit on an Apache DataFusion Ballista cluster. `prepare` writes the
//! events in the order-carrying form the cluster reads; `scheduler` and `executor` start the
//! cluster's processes, which carry inzage's per-worker pass (Ballista's own binaries do not).
//! The two need the `cluster` feature; without it they say how to get it.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;

use super::BadInput;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Write an events file in inzage's columns with each event's order (`seq`), as
    /// `inzage audit --cluster` reads it: worker after worker, each in time order.
    Prepare(PrepareArgs),
    /// Start a scheduler: it plans audits sent with `inzage audit --cluster df://HOST:PORT` and
    /// hands the work to executors. Runs until stopped.
    Scheduler(SchedulerArgs),
    /// Start an executor working for a scheduler. It reads the events files itself, so they
    /// must be at the same path on every machine (a shared file system). Runs until stopped.
    Executor(ExecutorArgs),
}

#[derive(clap::Args, Debug)]
pub struct PrepareArgs {
    /// Recorded events: CSV (comma or semicolon), Parquet or JSON lines.
    #[arg(long)]
    events: PathBuf,
    /// The Parquet file to write.
    #[arg(long)]
    out: PathBuf,
    /// How the file's columns are read: a built-in profile (`inzage profile list`) or a file.
    #[arg(long)]
    profile: Option<String>,
    /// Your column names: worker=operator_id,time=ts.
    #[arg(long)]
    map: Option<String>,
    /// Time zone for local times without an offset.
    #[arg(long, default_value = locale::DEFAULT_TIME_ZONE)]
    tz: String,
    /// Skip rows that cannot be read, and count them, instead of stopping.
    #[arg(long)]
    skip_bad_rows: bool,
}

#[derive(clap::Args, Debug)]
pub struct SchedulerArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on (Ballista's usual one is 50050).
    #[arg(long, default_value_t = 50050)]
    port: u16,
}

#[derive(clap::Args, Debug)]
pub struct ExecutorArgs {
    /// The scheduler, HOST:PORT.
    #[arg(long)]
    scheduler: String,
    /// The address to listen on, and to give the scheduler.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port for results (Arrow Flight); the next one is used for the scheduler's messages.
    #[arg(long, default_value_t = 50051)]
    port: u16,
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Prepare(args) => prepare(args, t).await,
        Command::Scheduler(args) => scheduler(args, t).await,
        Command::Executor(args) => executor(args, t).await,
    }
}

async fn prepare(args: PrepareArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let mut params = audit::Params::new(args.events, Vec::new());
    params.time_zone = args.tz;
    params.skip_bad_rows = args.skip_bad_rows;
    params.map = audit::ColumnMap::parse(args.map.as_deref().unwrap_or_default()).map_err(BadInput)?;
    params.profile =
        args.profile.as_deref().map(audit::Profile::load).transpose().map_err(super::audit::audit_error)?;
    let (events, skipped) = audit::sequence(&params, &args.out).await.map_err(super::audit::audit_error)?;
    if skipped.count > 0 {
        eprintln!("{}", t.tn("cli-skipped-rows", &[("count", skipped.count.to_string())]));
    }
    println!(
        "{}",
        t.tn("cli-cluster-prepared", &[("events", events.to_string()), ("file", args.out.display().to_string())])
    );
    Ok(ExitCode::SUCCESS)
}

/// `HOST:PORT` as its two parts.
fn host_port(t: &Tr, text: &str) -> Result<(String, u16), BadInput> {
    text.rsplit_once(':')
        .and_then(|(host, port)| Some((host.to_owned(), port.parse().ok()?)))
        .filter(|(host, _)| !host.is_empty())
        .ok_or_else(|| BadInput(t.tn("cli-cluster-bad-scheduler", &[("text", text.to_owned())])))
}

#[cfg(feature = "cluster")]
async fn scheduler(args: SchedulerArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    eprintln!("{}", t.tn("cli-cluster-scheduler", &[("address", format!("{}:{}", args.host, args.port))]));
    audit::cluster::scheduler(&args.host, args.port).await.map_err(super::audit::audit_error)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "cluster")]
async fn executor(args: ExecutorArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let (host, port) = host_port(t, &args.scheduler)?;
    eprintln!(
        "{}",
        t.tn(
            "cli-cluster-executor",
            &[("address", format!("{}:{}", args.host, args.port)), ("scheduler", args.scheduler.clone())]
        )
    );
    audit::cluster::executor(&host, port, &args.host, args.port).await.map_err(super::audit::audit_error)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "cluster"))]
async fn scheduler(_: SchedulerArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    Err(BadInput(t.t("cli-no-cluster")).into())
}

#[cfg(not(feature = "cluster"))]
async fn executor(args: ExecutorArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    host_port(t, &args.scheduler)?;
    Err(BadInput(t.t("cli-no-cluster")).into())
}
