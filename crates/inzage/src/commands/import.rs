//! `inzage import`: an organisation into the data folder, all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;

use super::{DataDir, open_portal};

#[derive(clap::Args, Debug)]
pub struct Args {
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
    /// Time zone for local times without an offset; the portal shows times in it.
    #[arg(long, default_value = locale::DEFAULT_TIME_ZONE)]
    tz: String,
    /// Who loads this version of the register, as its history will show.
    #[arg(long, default_value = "inzage import")]
    author: String,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let dir = &args.data.data_dir;
    let portal = open_portal(t, dir).await?;
    let files = portal::Files {
        register: args.register,
        workers: args.workers,
        decisions: args.decisions,
        events: args.events,
        tz: args.tz,
        author: args.author,
    };
    let loaded = portal.import(dir, &files).await?;
    super::say_tidied(t, &loaded.tidied);
    if !loaded.dropped.is_empty() {
        println!("{}", t.tn("cli-dropped-identifying", &[("columns", loaded.dropped.join(", "))]));
    }
    println!(
        "{}",
        t.tn(
            "cli-loaded",
            &[
                ("version", loaded.version.to_string()),
                ("systems", loaded.systems.to_string()),
                ("workers", loaded.workers.to_string()),
                ("decisions", loaded.decisions.to_string()),
                ("events", loaded.events.to_string()),
                ("dir", dir.display().to_string()),
            ],
        )
    );
    let lang = t.lang.code();
    for b in &loaded.broken {
        println!(
            "{}",
            t.tn(
                "cli-condition-broken",
                &[
                    ("condition", b.condition.clone()),
                    ("system", b.system.clone()),
                    ("dossier", b.dossier.to_string()),
                    ("text", b.text.get(lang).to_owned()),
                    ("evidence", b.evidence_text(t)),
                ],
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
