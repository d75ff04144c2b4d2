//! `inzage notices`: a letter for every worker (PDF and HTML) about the systems that concern
//! them, with their own invitation to the portal, and an index for mail merge.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use locale::{Lang, Tr};

use super::{BadInput, DataDir, open_portal};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// The folder to write the letters and index.csv into (made if missing).
    #[arg(long)]
    out: PathBuf,
    /// Only this system (its id in the register).
    #[arg(long)]
    system: Option<String>,
    /// Where people reach the portal: the letters' links start with it.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    public_url: String,
    /// Only this worker (the employer's identifier; repeat for more): a new letter for someone
    /// whose code expired or was lost, leaving everyone else's codes working.
    #[arg(long = "worker", value_name = "ID")]
    only: Vec<String>,
    /// The employer's workers file, to address each letter with the worker's own identifier (it
    /// is read here only, never stored).
    #[arg(long)]
    workers: Option<PathBuf>,
}

/// `lang`: the global `--lang` when given (every letter in it); else each worker's `language`
/// column, else Dutch.
pub async fn run(args: Args, lang: Option<Lang>, t: &Tr) -> anyhow::Result<ExitCode> {
    if !(args.public_url.starts_with("https://") || args.public_url.starts_with("http://")) {
        return Err(BadInput(t.tn("cli-notices-bad-url", &[("url", args.public_url.clone())])).into());
    }
    let dir = args.data.folder(t, false)?;
    let portal = open_portal(t, &dir).await?;
    // In a folder of many, the letters' links choose the organisation (`/o/<ID>/welcome/…`).
    let public_url = match super::one_of_many(&dir, &args.data.data_dir) {
        Some(id) => format!("{}/o/{id}", args.public_url.trim_end_matches('/')),
        None => args.public_url.clone(),
    };
    let Some(latest) = portal.store.latest_register().await? else {
        return Err(BadInput(t.tn("cli-nothing-imported", &[("dir", args.data.data_dir.display().to_string())])).into());
    };
    if let Some(id) = &args.system
        && latest.register.system(id).is_none()
    {
        let known: Vec<&str> = latest.register.systems.iter().map(|s| s.id.as_str()).collect();
        return Err(
            BadInput(t.tn("cli-notices-no-system", &[("system", id.clone()), ("known", known.join(", "))])).into()
        );
    }
    let mut ids = BTreeMap::new();
    if let Some(path) = &args.workers {
        for w in formats::read_workers(path)? {
            ids.insert(portal.pseudonymiser.pseudonym(&w.id), w.id);
        }
    }
    let mut only = std::collections::BTreeSet::new();
    for id in &args.only {
        let pseudonym = portal.pseudonymiser.pseudonym(id.trim());
        if portal.store.worker(&pseudonym).await?.is_none() {
            return Err(BadInput(t.tn("cli-notices-no-worker", &[("worker", id.clone())])).into());
        }
        ids.entry(pseudonym.clone()).or_insert_with(|| id.trim().to_owned());
        only.insert(pseudonym);
    }
    let options = portal::notices::Options { lang, system: args.system, public_url, ids, only };
    let issued = portal.issue_notices(&options, &args.out, "inzage notices").await?;
    eprintln!(
        "{}",
        t.tn(
            "cli-notices-written",
            &[
                ("letters", issued.batch.letters.to_string()),
                ("invitations", issued.batch.invitations.to_string()),
                ("dir", args.out.display().to_string()),
                ("index", issued.index.display().to_string()),
                ("days", portal::notices::INVITATION_DAYS.to_string()),
            ],
        )
    );
    Ok(ExitCode::SUCCESS)
}
