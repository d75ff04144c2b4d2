//! `inzage import`: an organisation into the data folder, all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, DataDir, open_portal};

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
    /// How the files' columns are read: a built-in profile (`inzage profile list`) or a file.
    #[arg(long)]
    profile: Option<String>,
    /// Your column names: worker=operator_id,time=ts; another input's: workers.worker=EmployeeNumber.
    #[arg(long)]
    map: Option<String>,
    /// Who loads this version of the register, as its history will show.
    #[arg(long, default_value = "inzage import")]
    author: String,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let dir = &args.data.data_dir;
    // A profile or a map: each file is read as the audit reads it, and inzage's own columns
    // are loaded (the data folder keeps the events in them).
    let mut params = audit::Params::new(None, Vec::new());
    params.time_zone = args.tz.clone();
    params.map = audit::ColumnMap::parse(args.map.as_deref().unwrap_or_default()).map_err(BadInput)?;
    params.profile =
        args.profile.as_deref().map(audit::Profile::load).transpose().map_err(super::audit::audit_error)?;
    let mut prepared = Vec::new();
    let mut file = async |input: audit::Input, path: Option<PathBuf>| -> anyhow::Result<Option<PathBuf>> {
        let Some(path) = path else { return Ok(None) };
        match audit::prepare(&params, input, &path).await.map_err(super::audit::audit_error)? {
            Some(p) => {
                let kept = p.path.clone();
                prepared.push(p);
                Ok(Some(kept))
            }
            None => Ok(Some(path)),
        }
    };
    let workers = file(audit::Input::Workers, args.workers).await?;
    let decisions = file(audit::Input::Decisions, args.decisions).await?;
    let events = file(audit::Input::Events, args.events).await?;
    let portal = open_portal(t, dir).await?;
    let files = portal::Files { register: args.register, workers, decisions, events, tz: args.tz, author: args.author };
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
