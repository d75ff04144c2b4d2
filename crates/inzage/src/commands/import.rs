//! `inzage import`: an organisation into the data folder, all or nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, DataDir, open_portal};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// The register (TOML or JSON).
    #[arg(long, required_unless_present = "organisations")]
    register: Option<PathBuf>,
    /// Load every organisation in this folder, one per subfolder named by its id (as
    /// `inzage generate --organisations` writes them): its `register.toml` and, where there,
    /// `workers.csv`, `decisions.csv` and `events.parquet` or `events.csv`.
    #[arg(long, conflicts_with_all = ["register", "workers", "decisions", "events", "profile", "map", "organisation"])]
    organisations: Option<PathBuf>,
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
    if let Some(from) = &args.organisations {
        return many(t, &args, from).await;
    }
    let dir = &args.data.folder(t, true)?;
    let register = args.register.clone().expect("clap requires --register without --organisations");
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
    let new = args.data.organisation.is_some() && !dir.exists();
    let files = portal::Files { register, workers, decisions, events, tz: args.tz, author: args.author };
    let (portal, loaded) = open_and_import(t, dir, new, &files).await.map_err(|(e, _)| e)?;
    super::after_loading(t, &portal, dir, &args.data.data_dir).await;
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

/// Opens the organisation in `dir` and imports `files` into it. A new organisation (`new`) that
/// cannot be opened or loaded is removed, not left half-made. The error comes with its message
/// when it is the input's (exit 2).
async fn open_and_import(
    t: &Tr,
    dir: &Path,
    new: bool,
    files: &portal::Files,
) -> Result<(portal::Portal, portal::Loaded), (anyhow::Error, Option<String>)> {
    let discard = || {
        if new {
            let _ = std::fs::remove_dir_all(dir);
        }
    };
    let portal = match open_portal(t, dir).await {
        Ok(portal) => portal,
        Err(e) => {
            discard();
            return Err((e, None));
        }
    };
    match portal.import(dir, files).await {
        Ok(loaded) => Ok((portal, loaded)),
        Err(e) => {
            portal.store.close().await;
            discard();
            let bad = e.is_bad_input().then(|| portal::chain(&e));
            Err((e.into(), bad))
        }
    }
}

/// `--organisations FROM`: every subfolder of `FROM` loaded as the organisation of its name, each
/// all or nothing, in order of their ids; the first that cannot be loaded stops the run (exit 2)
/// and is named, and those before it stay loaded.
async fn many(t: &Tr, args: &Args, from: &Path) -> anyhow::Result<ExitCode> {
    let unreadable = |e: std::io::Error| {
        BadInput(t.tn("cli-cannot-read", &[("file", from.display().to_string()), ("message", e.to_string())]))
    };
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(from).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        // A link to an export folder counts as the folder it points to; a broken one is an error.
        if std::fs::metadata(entry.path()).map_err(unreadable)?.is_dir() {
            ids.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    ids.sort();
    if ids.is_empty() {
        return Err(BadInput(t.tn("cli-organisations-none", &[("dir", from.display().to_string())])).into());
    }
    // Every folder is checked before anything is loaded: a name that cannot be an id, or a folder
    // without a register, stops the run before it starts.
    for id in &ids {
        let why = if !portal::organisations::valid_id(id) {
            Some(t.t("cli-organisations-bad-id"))
        } else if !from.join(id).join("register.toml").is_file() {
            Some(t.t("cli-organisations-no-register"))
        } else {
            None
        };
        if let Some(why) = why {
            let values = [("dir", from.display().to_string()), ("name", id.clone()), ("why", why)];
            return Err(BadInput(t.tn("cli-organisations-bad-name", &values)).into());
        }
    }
    let root = &args.data.data_dir;
    let started = std::time::Instant::now();
    let mut events = 0;
    for (n, id) in ids.iter().enumerate() {
        let folder = from.join(id);
        let stop = |message: String| {
            let values = [
                ("id", id.clone()),
                ("folder", folder.display().to_string()),
                ("loaded", n.to_string()),
                ("message", message),
            ];
            BadInput(t.tn("cli-organisations-stopped", &values))
        };
        let dir = super::organisation_folder(t, root, Some(id), true).map_err(|e| stop(e.0))?;
        let new = !dir.exists();
        let found = |name: &str| Some(folder.join(name)).filter(|p| p.is_file());
        let register = folder.join("register.toml");
        let files = portal::Files {
            register,
            workers: found("workers.csv"),
            decisions: found("decisions.csv"),
            events: found("events.parquet").or_else(|| found("events.csv")),
            tz: args.tz.clone(),
            author: args.author.clone(),
        };
        let (portal, loaded) = open_and_import(t, &dir, new, &files).await.map_err(|(e, bad)| match bad {
            Some(message) => stop(message).into(),
            None => e,
        })?;
        events += loaded.events;
        super::after_loading(t, &portal, &dir, root).await;
        portal.store.close().await;
    }
    let values = [
        ("organisations", ids.len().to_string()),
        ("events", events.to_string()),
        ("dir", root.display().to_string()),
        ("seconds", format!("{:.1}", started.elapsed().as_secs_f64())),
    ];
    println!("{}", t.tn("cli-organisations-loaded", &values));
    Ok(ExitCode::SUCCESS)
}
