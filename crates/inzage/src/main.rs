//! The `inzage` command. It parses flags and wires the library crates together; nothing else.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "inzage",
    version,
    about = "Makes the algorithms that manage work visible, checkable and contestable."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a synthetic organisation (register, scanner events, workers, decisions) to a folder.
    Generate {
        /// Number of warehouse workers.
        #[arg(long, default_value_t = 200)]
        workers: u32,
        /// Number of days, from --start.
        #[arg(long, default_value_t = 30)]
        days: u32,
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
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Parquet,
    Csv,
}

/// An error in what the user gave us: exit status 2.
#[derive(Debug)]
struct BadInput(String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("inzage: {err:#}");
            if err.downcast_ref::<BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Generate {
            workers,
            days,
            seed,
            start,
            format,
            out,
        } => {
            let start = start.parse().map_err(|_| {
                BadInput(format!(
                    "--start `{start}` is not a date; write it as YYYY-MM-DD"
                ))
            })?;
            let format = match format {
                Format::Parquet => synth::EventFormat::Parquet,
                Format::Csv => synth::EventFormat::Csv,
            };
            let params = synth::Params {
                workers,
                days,
                seed,
                start,
                format,
            };
            let summary = synth::generate(&params, &out).map_err(|e| match e {
                synth::Error::NoWorkers | synth::Error::NoDays => {
                    anyhow::Error::new(BadInput(e.to_string()))
                }
                other => anyhow::Error::new(other),
            })?;
            println!(
                "wrote {} workers, {} shifts, {} events and {} decisions to {}",
                summary.worker_count,
                summary.shift_count,
                summary.event_count,
                summary.decision_count,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
