//! The `inzage` command: flag parsing, and one module per command (`commands/`) that turns its
//! flags into calls of the application layer (`portal`) and the engines. It holds no business
//! logic. Exit status: 0 on success, 2 for input the user must fix, 1 for anything else.
//! Messages are in Dutch or English: `--lang`, else the environment's `LANG`, else Dutch.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use locale::{Lang, Tr};

use commands::{
    audit, backup, check, cluster, conditions, demo, export, generate, import, migrate, notices, profile, report,
    serve, token, user, verify_log,
};

#[derive(Parser, Debug)]
#[command(
    name = "inzage",
    version,
    about = "Makes the algorithms that manage work visible, checkable and contestable."
)]
struct Cli {
    /// Language of messages and reports: nl or en (default: from LANG, else nl).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// A PostgreSQL database for the organisations' tables (postgres://USER@HOST:PORT/DATABASE),
    /// instead of the SQLite file in each data folder; each data folder gets a schema of its own
    /// and keeps its events files and keys. Default: INZAGE_DATABASE_URL, else SQLite.
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse()
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the portal with a demonstration organisation, generated on first use.
    Demo(demo::Args),
    /// Serve the portal for the organisation already loaded in the data folder.
    Serve(serve::Args),
    /// Manage the people who can log in.
    User {
        #[command(subcommand)]
        command: user::Command,
    },
    /// Personal access tokens for the API (`Authorization: Bearer …`).
    Token {
        #[command(subcommand)]
        command: token::Command,
    },
    /// Check the access log's hash chain: exit 0 if whole, 1 where it was tampered with.
    VerifyLog(verify_log::Args),
    /// Write a backup of the data folder: a consistent snapshot of the database, the event files
    /// and (with --include-keys) the key files, with a SHA-256 of each in a manifest.
    Backup(backup::BackupArgs),
    /// Restore a backup into a data folder, after checking every hash and the access log.
    Restore(backup::RestoreArgs),
    /// Copy an organisation's tables from the SQLite file in its data folder to PostgreSQL, the
    /// access log's chain verified on arrival; the folder then uses PostgreSQL.
    Migrate(migrate::Args),
    /// Load an organisation's register and monitoring data into the data folder, all or nothing.
    Import(import::Args),
    /// Check a register against the rulebook. Exit 0: no violation; 1: a violation; 2: unreadable.
    Check(check::Args),
    /// Audit the monitoring data itself: production norms, legal breaks, CNIL indicators, group
    /// disparity, noise and human review (definitions in docs/audit-definitions.md).
    Audit(Box<audit::Args>),
    /// The audit on an Apache DataFusion Ballista cluster: the events prepared for it, and its
    /// scheduler and executors (these two need a build with `--features cluster`).
    Cluster {
        #[command(subcommand)]
        command: cluster::Command,
    },
    /// Profiles: how a vendor's export is read, without code (docs/profiles.md).
    Profile {
        #[command(subcommand)]
        command: profile::Command,
    },
    /// A works council's conditions of consent, checked against the data.
    Conditions {
        #[command(subcommand)]
        command: conditions::Command,
    },
    /// A letter for every worker about the systems that concern them and their rights, with their
    /// own single-use invitation to the portal; and an index (index.csv) for mail merge.
    Notices(notices::Args),
    /// Reports from what is loaded: the works council's advice on a consent request, and the
    /// employer's yearly transparency report.
    Report {
        #[command(subcommand)]
        command: report::Command,
    },
    /// List the rulebook: ids, citations, severities and whether each source is verified.
    Rules(check::RulesArgs),
    /// Export a register (a file, or the newest version in the data folder) as TOML or JSON, or
    /// in the Dutch Algorithm Register's publication standard.
    Export(export::Args),
    /// Print the JSON Schema of the register format (also in the repository as
    /// schema/register.schema.json).
    Schema,
    /// Write a synthetic organisation (register, scanner events, workers, decisions) to a folder.
    Generate(generate::Args),
}

/// mimalloc instead of glibc's malloc (security review M2): a password check takes 19 MiB (Argon2),
/// and glibc, which raises its mmap threshold to the largest block freed, kept those blocks in
/// per-thread arenas — a burst of 200 logins left the server at 1.3 GB for good. mimalloc gives
/// freed memory back to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn,inzage=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let t = Tr::new(cli.lang.or_else(Lang::from_env).unwrap_or(Lang::Nl));
    let database = cli.database.clone().or_else(|| std::env::var(store::DATABASE_URL_VAR).ok());
    match store::Database::from_option(database.as_deref()) {
        // Every store this process opens is opened there.
        Ok(database) => store::Database::use_for_process(database),
        Err(_) => {
            eprintln!("{}", t.t("cli-database-bad"));
            return ExitCode::from(2);
        }
    }
    // DataFusion is compiled at opt-level 0 (Cargo.toml, for the build time), and its planner
    // recurses once per nested query with large frames: ten nested subqueries in a profile's
    // query overflowed the 2 MiB of a worker thread's default stack, where sqlparser's own limit
    // of 50 levels should answer. 16 MiB is twice what its limit needs; untouched pages cost nothing.
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().thread_stack_size(16 << 20).build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", t.tn("cli-cannot-start", &[("message", e.to_string())]));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, cli.lang, &t)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", t.tn("cli-error", &[("message", format!("{err:#}"))]));
            if commands::is_bad_input(&err) { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

/// `lang`: the `--lang` given, if any (the notices' language; `t` is already in it).
async fn run(command: Command, lang: Option<Lang>, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Demo(args) => demo::run(args, t).await,
        Command::Serve(args) => serve::run(args, t).await,
        Command::User { command } => user::run(command, t).await,
        Command::Token { command } => token::run(command, t).await,
        Command::VerifyLog(args) => verify_log::run(args, t).await,
        Command::Migrate(args) => migrate::run(args, t).await,
        Command::Backup(args) => backup::backup(args, t).await,
        Command::Restore(args) => backup::restore(args, t).await,
        Command::Import(args) => import::run(args, t).await,
        Command::Check(args) => check::run(args, t),
        Command::Audit(args) => audit::run(*args, t).await,
        Command::Cluster { command } => cluster::run(command, t).await,
        Command::Rules(args) => check::rules(args, t),
        Command::Conditions { command } => conditions::run(command, t).await,
        Command::Profile { command } => profile::run(command, t),
        Command::Report { command } => report::run(command, t).await,
        Command::Notices(args) => notices::run(args, lang, t).await,
        Command::Export(args) => export::run(args, t).await,
        Command::Schema => {
            print!("{}", domain::register_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate(args) => generate::run(args, t),
    }
}
