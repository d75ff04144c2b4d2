//! The `inzage` command. It parses flags and wires the library crates together; the work is
//! done in `synth` (generate), `formats` (read files), `store` (the database) and `web` (serve).
//! Exit status: 0 on success, 2 for input the user must fix, 1 for anything else.

mod accounts;
mod check;
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
        #[command(flatten)]
        portal: Portal,
    },
    /// Serve the portal for the organisation already loaded in the data folder.
    Serve {
        #[command(flatten)]
        data: DataDir,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        #[command(flatten)]
        portal: Portal,
    },
    /// Manage the people who can log in.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Personal access tokens for the API (`Authorization: Bearer …`).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Check the access log's hash chain: exit 0 if whole, 1 where it was tampered with.
    VerifyLog {
        #[command(flatten)]
        data: DataDir,
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
        /// Who loads this version of the register, as its history will show.
        #[arg(long, default_value = "inzage import")]
        author: String,
    },
    /// Check a register against the rulebook. Exit 0: no violation; 1: a violation; 2: unreadable.
    Check {
        /// The register (TOML or JSON).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Read the law as it stands (or will stand) on this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        /// When the AI Act's Annex III high-risk duties apply (YYYY-MM-DD).
        #[arg(long, default_value = "2027-12-02")]
        annex_iii: String,
        /// Language of the text report.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Audit the monitoring data itself: production norms, legal breaks, CNIL indicators, group
    /// disparity, noise and human review (definitions in docs/audit-definitions.md).
    Audit {
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
        #[arg(long, default_value = "Europe/Amsterdam")]
        tz: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Write the report to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Skip rows that cannot be read, and count them in the report, instead of stopping.
        #[arg(long)]
        skip_bad_rows: bool,
        /// Groups smaller than this are suppressed.
        #[arg(long, default_value_t = 10)]
        min_group: usize,
        /// Share of workers the employer flags (the lowest mean rates).
        #[arg(long, default_value_t = 0.1)]
        flag_share: f64,
        /// Resamples for flag stability.
        #[arg(long, default_value_t = 1000)]
        resamples: usize,
        /// Seed of the resampling.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// Language of an HTML report.
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// List the rulebook: ids, citations, severities and whether each source is verified.
    Rules {
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        #[arg(long, value_enum, default_value_t = Lang::Nl)]
        lang: Lang,
    },
    /// Export a register (a file, or the newest version in the data folder) as TOML or JSON, or
    /// in the Dutch Algorithm Register's publication standard.
    Export {
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
    },
    /// Print the JSON Schema of the register format (also in the repository as
    /// schema/register.schema.json).
    Schema,
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

/// Settings of the portal.
#[derive(clap::Args, Debug)]
struct Portal {
    /// The portal is reached over HTTPS (through a proxy): cookies get `Secure`.
    #[arg(long)]
    behind_tls: bool,
    /// Days a contest must be answered in (default: one month; two weeks when the register says
    /// the organisation is a digital labour platform, as the Platform Work Directive asks).
    #[arg(long)]
    contest_days: Option<u32>,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Add a person with a password read from standard input (one line).
    Add {
        #[command(flatten)]
        data: DataDir,
        /// admin, council, expert, worker or inspector.
        #[arg(long)]
        role: String,
        /// The name they log in with.
        #[arg(long)]
        name: String,
        /// For a worker: their identifier in the employer's files (stored only as a pseudonym).
        #[arg(long)]
        worker: Option<String>,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List the people who can log in.
    List {
        #[command(flatten)]
        data: DataDir,
    },
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Create a token for a person; it is printed once and only its hash is kept.
    Create {
        #[command(flatten)]
        data: DataDir,
        /// The person's name.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Json,
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Lang {
    Nl,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RegisterFormat {
    Toml,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Standard {
    /// The Dutch Algorithm Register publication standard v1.0 (JSON).
    Algoritmeregister,
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
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn,inzage=info".into()),
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
        Ok(code) => code,
        Err(err) => {
            eprintln!("inzage: {err:#}");
            let bad_input =
                err.downcast_ref::<BadInput>().is_some() || err.downcast_ref::<formats::InputError>().is_some();
            if bad_input { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { file, format, as_of, annex_iii, lang } => {
            return check::run(&file, format == Output::Json, as_of.as_deref(), &annex_iii, lang.code());
        }
        Command::Export { data, register, format, standard, out } => {
            let register = match register {
                Some(path) => formats::read_register(&path)?,
                None => {
                    let store = open_store(&data.data_dir).await?;
                    let Some(version) = store.latest_register().await? else {
                        return Err(BadInput(format!(
                            "{} holds no register; give one with --register FILE",
                            data.data_dir.display()
                        ))
                        .into());
                    };
                    version.register
                }
            };
            let text = match (standard, format) {
                (Some(Standard::Algoritmeregister), _) => {
                    let dutch = web::Tr::new(web::Lang::Nl);
                    let label = |vocab: &str, value: &str| dutch.v(vocab, value);
                    let mut text =
                        serde_json::to_string_pretty(&formats::export::algoritmeregister(&register, &label))?;
                    text.push('\n');
                    text
                }
                (None, RegisterFormat::Json) => formats::export::to_json(&register),
                (None, RegisterFormat::Toml) => formats::export::to_toml(&register).map_err(anyhow::Error::msg)?,
            };
            write_out(out.as_deref(), &text)?;
        }
        Command::Audit {
            events,
            workers,
            decisions,
            register,
            targets,
            map,
            tz,
            format,
            out,
            skip_bad_rows,
            min_group,
            flag_share,
            resamples,
            seed,
            lang,
        } => {
            let mut norms = Vec::new();
            for t in &targets {
                let parsed =
                    t.split_once('=').and_then(|(k, v)| Some((k.trim().to_owned(), v.trim().parse::<f64>().ok()?)));
                match parsed {
                    Some((k, v)) if !k.is_empty() && v > 0.0 => norms.push((k, v)),
                    _ => {
                        return Err(
                            BadInput(format!("--target `{t}`: write it as kind=per_hour, e.g. scan=854")).into()
                        );
                    }
                }
            }
            if norms.is_empty()
                && let Some(path) = &register
            {
                let r = formats::read_register(path)?;
                norms = r.systems.iter().flat_map(|s| s.targets.iter().map(|t| (t.kind.clone(), t.per_hour))).collect();
            }
            let mut params = audit::Params::new(events, norms);
            params.workers = workers;
            params.decisions = decisions;
            params.map = audit::ColumnMap::parse(map.as_deref().unwrap_or_default()).map_err(BadInput)?;
            params.time_zone = tz;
            params.skip_bad_rows = skip_bad_rows;
            params.min_group = min_group;
            params.flag_share = flag_share;
            params.resamples = resamples;
            params.seed = seed;
            // A progress bar on a terminal, none when piped.
            let bar = std::io::IsTerminal::is_terminal(&std::io::stderr()).then(|| {
                let total = formats::count_events(&params.events)
                    .ok()
                    .filter(|_| params.events.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")));
                let bar = match total {
                    Some(n) => indicatif::ProgressBar::new(n),
                    None => indicatif::ProgressBar::new_spinner(),
                };
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {human_pos}/{human_len} events read {wide_bar} {eta}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            if let Some(bar) = &bar {
                let bar = bar.clone();
                params.progress = Some(audit::Progress(std::sync::Arc::new(move |rows| bar.set_position(rows))));
            }
            let report = audit::audit(&params).await.map_err(|e| match e {
                audit::Error::Input(e) => anyhow::Error::new(e),
                audit::Error::Parameter(m) => BadInput(m).into(),
                other => anyhow::Error::new(other),
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            let text = match format {
                ReportFormat::Json => {
                    let mut text = serde_json::to_string_pretty(&report)?;
                    text.push('\n');
                    text
                }
                ReportFormat::Html => {
                    let lang = if lang == Lang::En { web::Lang::En } else { web::Lang::Nl };
                    web::report::audit_html(&report, web::Tr::new(lang))?
                }
            };
            write_out(out.as_deref(), &text)?;
        }
        Command::Schema => {
            print!("{}", domain::register_schema());
        }
        Command::Rules { format, lang } => {
            check::rules(format == Output::Json, lang.code())?;
        }
        Command::Generate { workers, days, seed, start, format, out } => {
            let start = start
                .parse()
                .map_err(|_| BadInput(format!("--start `{start}` is not a date; write it as YYYY-MM-DD")))?;
            let format = match format {
                Format::Parquet => synth::EventFormat::Parquet,
                Format::Csv => synth::EventFormat::Csv,
            };
            let summary = generate(&synth::Params { workers, days, seed, start, format }, &out)?;
            println!(
                "wrote {} workers, {} shifts, {} events and {} decisions to {}",
                summary.worker_count,
                summary.shift_count,
                summary.event_count,
                summary.decision_count,
                out.display()
            );
        }
        Command::Import { data, register, workers, decisions, events, tz, author } => {
            let store = open_store(&data.data_dir).await?;
            let files = load::Files { register, workers, decisions, events, tz, author };
            let loaded = load::import(&store, &data.data_dir, &pseudonymiser(&data.data_dir)?, &files).await?;
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
        Command::User { command: UserCommand::Add { data, role, name, worker, password_stdin: _ } } => {
            let store = open_store(&data.data_dir).await?;
            let pseudonymiser = pseudonymiser(&data.data_dir)?;
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            accounts::add(&store, &pseudonymiser, &role, &name, worker.as_deref(), password).await?;
            println!("added {name} ({role})");
        }
        Command::User { command: UserCommand::List { data } } => {
            let store = open_store(&data.data_dir).await?;
            for a in store.accounts().await? {
                let state = if a.active { "active" } else { "invited" };
                println!("{}\t{}\t{}\t{state}", a.name, a.role, a.worker.unwrap_or_default());
            }
        }
        Command::Token { command: TokenCommand::Create { data, user, label } } => {
            let store = open_store(&data.data_dir).await?;
            let token = accounts::token(&store, &user, &label).await?;
            eprintln!("A token for {user}; it is shown once, keep it secret:");
            println!("{token}");
        }
        Command::VerifyLog { data } => {
            let store = open_store(&data.data_dir).await?;
            match store.verify_access_log().await? {
                Ok(n) => println!("the access log is whole: {n} entries, each hash follows from the one before"),
                Err(b) => {
                    println!("the access log was tampered with at entry {}: {}", b.id, b.reason);
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Serve { data, port, portal } => {
            let store = open_store(&data.data_dir).await?;
            if store.is_empty().await? {
                return Err(BadInput(format!(
                    "{} holds no organisation yet: load one with `inzage import --register FILE --data-dir {0}`, \
                     or try `inzage demo`",
                    data.data_dir.display()
                ))
                .into());
            }
            serve(store, &data.data_dir, port, &portal).await?;
        }
        Command::Demo { data, port, reset, workers, days, portal } => {
            let dir = &data.data_dir;
            if reset {
                load::reset(dir)?;
            }
            let store = open_store(dir).await?;
            if store.is_empty().await? {
                let params = synth::Params { workers, days, ..synth::Params::demo() };
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
                    author: "inzage demo".into(),
                };
                load::import(&store, dir, &pseudonymiser(dir)?, &files).await?;
                accounts::demo_accounts(&store, &pseudonymiser(dir)?, dir).await?;
                eprintln!(
                    "Generated and loaded {} events and {} decisions in {:.1} s.",
                    summary.event_count,
                    summary.decision_count,
                    started.elapsed().as_secs_f64()
                );
            } else {
                eprintln!("Using the organisation already in {} (--reset starts over).", dir.display());
                if store.accounts().await?.is_empty() {
                    eprintln!(
                        "This data folder has no accounts: an older inzage made it. Run `inzage demo --reset` to \
                         start over with the demo's accounts."
                    );
                }
            }
            accounts::print_demo_accounts(dir);
            serve(store, dir, port, &portal).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn generate(params: &synth::Params, out: &Path) -> anyhow::Result<synth::Summary> {
    synth::generate(params, out).map_err(|e| match e {
        synth::Error::NoWorkers | synth::Error::NoDays => BadInput(e.to_string()).into(),
        other => other.into(),
    })
}

/// Writes `text` to `out` (under a temporary name, then renamed: never half-written), or to
/// standard output.
fn write_out(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            let partial = path.with_extension("partial");
            std::fs::write(&partial, text)?;
            std::fs::rename(&partial, path)?;
        }
        None => print!("{text}"),
    }
    Ok(())
}

async fn open_store(dir: &Path) -> anyhow::Result<Store> {
    std::fs::create_dir_all(dir)
        .map_err(|e| BadInput(format!("cannot create the data folder {}: {e}", dir.display())))?;
    Ok(Store::open(dir).await?)
}

/// The pseudonym key of a data folder (`$INZAGE_KEY_FILE`, else `pseudonym.key` in it).
fn pseudonymiser(dir: &Path) -> anyhow::Result<guard::Pseudonymiser> {
    Ok(guard::Pseudonymiser::load_or_create(&guard::Pseudonymiser::key_path(dir))?)
}

async fn serve(store: Store, dir: &Path, port: u16, portal: &Portal) -> anyhow::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| BadInput(format!("cannot listen on {addr}: {e}; choose another port with --port")))?;
    let local = listener.local_addr()?;
    println!("inzage is running: open http://{local}/ in a browser (Ctrl-C stops it)");
    let mut state = web::AppState::new(store, pseudonymiser(dir)?)?;
    state.secure_cookies = portal.behind_tls;
    state.contest_days = portal.contest_days;
    web::serve(state, listener).await?;
    Ok(())
}
