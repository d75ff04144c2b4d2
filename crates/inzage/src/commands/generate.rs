//! `inzage generate`: a synthetic organisation in a folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, date};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    Parquet,
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of warehouse workers.
    #[arg(long, default_value_t = 200)]
    workers: u32,
    /// Number of days, from --start (default 30; 2 with --organisations).
    #[arg(long)]
    days: Option<u32>,
    /// Seed: the same seed gives the same files, byte for byte.
    #[arg(long, default_value_t = 2025)]
    seed: u64,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, default_value = "2026-03-02")]
    start: String,
    /// Format of the events file.
    #[arg(long, value_enum, default_value_t = Format::Parquet)]
    format: Format,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Write this many varied organisations instead, each in a folder of its own under --out
    /// (`org-0001`, …), with small event files over --days: for trying the inspector's overview
    /// (`inzage import --organisations DIR` loads them all).
    #[arg(long, conflicts_with = "workers")]
    organisations: Option<u32>,
}

pub fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let start = date(t, "--start", &args.start)?;
    let format = match args.format {
        Format::Parquet => synth::EventFormat::Parquet,
        Format::Csv => synth::EventFormat::Csv,
    };
    if let Some(count) = args.organisations {
        return many(t, count, &args, format);
    }
    let params = synth::Params { workers: args.workers, days: args.days.unwrap_or(30), seed: args.seed, start, format };
    let summary = generate(t, &params, &args.out)?;
    let n = |v: u64| v.to_string();
    println!(
        "{}",
        t.tn(
            "cli-generated",
            &[
                ("workers", n(u64::from(summary.worker_count))),
                ("shifts", n(summary.shift_count)),
                ("events", n(summary.event_count)),
                ("decisions", n(summary.decision_count)),
                ("out", args.out.display().to_string()),
            ],
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `--organisations N`: N varied organisations, each in its own folder.
fn many(t: &Tr, count: u32, args: &Args, format: synth::EventFormat) -> anyhow::Result<ExitCode> {
    if count == 0 {
        return Err(BadInput(t.t("cli-no-organisations")).into());
    }
    let days = args.days.unwrap_or(2);
    if days == 0 {
        return Err(BadInput(t.t("cli-no-days")).into());
    }
    let written = synth::organisations::generate_many(count, days, args.seed, format, &args.out)?;
    let with_events = written.iter().filter(|w| w.events.is_some()).count();
    let events: u64 = written.iter().map(|w| w.event_count).sum();
    let values = [
        ("organisations", written.len().to_string()),
        ("with_events", with_events.to_string()),
        ("events", events.to_string()),
        ("out", args.out.display().to_string()),
    ];
    println!("{}", t.tn("cli-generated-organisations", &values));
    Ok(ExitCode::SUCCESS)
}

/// Generates the files, with the size errors as input the user must fix.
pub fn generate(t: &Tr, params: &synth::Params, out: &Path) -> anyhow::Result<synth::Summary> {
    synth::generate(params, out).map_err(|e| match e {
        synth::Error::NoWorkers => BadInput(t.t("cli-no-workers")).into(),
        synth::Error::NoDays => BadInput(t.t("cli-no-days")).into(),
        other => other.into(),
    })
}
