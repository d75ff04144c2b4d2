//! The `inzage` command. It parses flags and wires the library crates together; the work is
//! done in `synth` (generate), `formats` (read files), `store` (the database) and `web` (serve).
//! Exit status: 0 on success, 2 for input the user must fix, 1 for anything else.

mod load;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use store::Store;

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

/// Where the data folder is: every command that touches it takes this flag.
#[derive(clap::Args, Debug)]
struct DataDir {
    /// The data folder: the database and the imported event files.
    #[arg(long, default_value = "./inzage-data")]
    data_dir: PathBuf,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the portal with a demonstration organisation, generated on first use.
    Demo {
        #[command(flatten)]
        data: DataDir,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Delete the data folder's database and demo files first, and start over.
        #[arg(long)]
        reset: bool,
        /// Size of the demo organisation: workers.
        #[arg(long, default_value_t = 200)]
        workers: u32,
        /// Size of the demo organisation: days of scanner data.
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
    /// Serve the portal for the organisation already loaded in the data folder.
    Serve {
        #[command(flatten)]
        data: DataDir,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Load an organisation's register and monitoring data into the data folder, all or nothing.
    Import {
        #[command(flatten)]
        data: DataDir,
        /// The register (TOML or JSON).
        #[arg(long)]
        register: PathBuf,
        /// Worker attributes (CSV).
        #[arg(long)]
        workers: Option<PathBuf>,
        /// Decisions about workers (CSV).
        #[arg(long)]
        decisions: Option<PathBuf>,
        /// Recorded events (Parquet or CSV); copied into the data folder.
        #[arg(long)]
        events: Option<PathBuf>,
        /// Time zone for local times without an offset.
        #[arg(long, default_value = "Europe/Amsterdam")]
        tz: String,
    },
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
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadInput(String);

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,inzage=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("inzage: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("inzage: {err:#}");
            let bad_input = err.downcast_ref::<BadInput>().is_some()
                || err.downcast_ref::<formats::InputError>().is_some();
            if bad_input {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
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
            let summary = generate(
                &synth::Params {
                    workers,
                    days,
                    seed,
                    start,
                    format,
                },
                &out,
            )?;
            println!(
                "wrote {} workers, {} shifts, {} events and {} decisions to {}",
                summary.worker_count,
                summary.shift_count,
                summary.event_count,
                summary.decision_count,
                out.display()
            );
        }
        Command::Import {
            data,
            register,
            workers,
            decisions,
            events,
            tz,
        } => {
            let store = open_store(&data.data_dir).await?;
            let files = load::Files {
                register,
                workers,
                decisions,
                events,
                tz,
            };
            let loaded = load::import(&store, &data.data_dir, &files).await?;
            println!(
                "loaded register version {} ({} systems), {} workers, {} decisions, {} events into {}",
                loaded.version,
                loaded.systems,
                loaded.workers,
                loaded.decisions,
                loaded.events,
                data.data_dir.display()
            );
        }
        Command::Serve { data, port } => {
            let store = open_store(&data.data_dir).await?;
            if store.is_empty().await? {
                return Err(BadInput(format!(
                    "{} holds no organisation yet: load one with `inzage import --register FILE --data-dir {0}`, \
                     or try `inzage demo`",
                    data.data_dir.display()
                ))
                .into());
            }
            serve(store, port).await?;
        }
        Command::Demo {
            data,
            port,
            reset,
            workers,
            days,
        } => {
            let dir = &data.data_dir;
            if reset {
                load::reset(dir)?;
            }
            let store = open_store(dir).await?;
            if store.is_empty().await? {
                let params = synth::Params {
                    workers,
                    days,
                    ..synth::Params::demo()
                };
                eprintln!("Generating the demo organisation ({workers} workers, {days} days)…");
                let started = Instant::now();
                let out = dir.join("demo");
                let summary = generate(&params, &out)?;
                let files = load::Files {
                    register: summary.register,
                    workers: Some(summary.workers),
                    decisions: Some(summary.decisions),
                    events: Some(summary.events),
                    tz: "Europe/Amsterdam".into(),
                };
                load::import(&store, dir, &files).await?;
                eprintln!(
                    "Generated and loaded {} events and {} decisions in {:.1} s.",
                    summary.event_count,
                    summary.decision_count,
                    started.elapsed().as_secs_f64()
                );
            } else {
                eprintln!(
                    "Using the organisation already in {} (--reset starts over).",
                    dir.display()
                );
            }
            serve(store, port).await?;
        }
    }
    Ok(())
}

fn generate(params: &synth::Params, out: &Path) -> anyhow::Result<synth::Summary> {
    synth::generate(params, out).map_err(|e| match e {
        synth::Error::NoWorkers | synth::Error::NoDays => BadInput(e.to_string()).into(),
        other => other.into(),
    })
}

async fn open_store(dir: &Path) -> anyhow::Result<Store> {
    std::fs::create_dir_all(dir).map_err(|e| {
        BadInput(format!(
            "cannot create the data folder {}: {e}",
            dir.display()
        ))
    })?;
    Ok(Store::open(dir).await?)
}

async fn serve(store: Store, port: u16) -> anyhow::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        BadInput(format!(
            "cannot listen on {addr}: {e}; choose another port with --port"
        ))
    })?;
    let local = listener.local_addr()?;
    println!("inzage is running: open http://{local}/ in a browser (Ctrl-C stops it)");
    web::serve(web::AppState { store }, listener).await?;
    Ok(())
}
