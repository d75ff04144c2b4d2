//! `inzage demo`: generate (the first time), load and serve the demo organisation, with one
//! account per role.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use domain::Role;
use locale::Tr;

use super::generate::generate;
use super::serve::{Settings, serve};
use super::{BadInput, DataDir, open_portal, user};

/// Who loads the demo's register, as its history shows.
const DEMO_AUTHOR: &str = "inzage demo";

/// The demo's people: one of each role, and worker W0001.
const DEMO_ACCOUNTS: [(&str, Role, Option<&str>); 5] = [
    ("privacy", Role::Admin, None),
    ("ondernemingsraad", Role::Council, None),
    ("expert", Role::Expert, None),
    ("inspectie", Role::Inspector, None),
    ("werker-W0001", Role::Worker, Some("W0001")),
];

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// Delete the data folder's database and demo files first, and start over (refused when the
    /// database holds accounts, access-log entries or registers the demo did not make).
    #[arg(long)]
    reset: bool,
    /// With --reset: delete the database even when the demo did not make all of it.
    #[arg(long, requires = "reset")]
    force: bool,
    /// Size of the demo organisation: workers.
    #[arg(long, default_value_t = 200)]
    workers: u32,
    /// Size of the demo organisation: days of scanner data.
    #[arg(long, default_value_t = 30)]
    days: u32,
    #[command(flatten)]
    settings: Settings,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let dir = &args.data.folder(t, true)?;
    if args.reset {
        let found = portal::not_made_by_the_demo(dir, &DEMO_ACCOUNTS.map(|(name, _, _)| name), DEMO_AUTHOR).await?;
        if !found.is_empty() && !args.force {
            let list = |names: &[String]| if names.is_empty() { "—".to_owned() } else { names.join(", ") };
            let args = [
                ("dir", dir.display().to_string()),
                ("accounts", list(&found.accounts)),
                ("readers", list(&found.readers)),
                ("authors", list(&found.authors)),
            ];
            return Err(BadInput(t.tn("cli-demo-reset-refused", &args)).into());
        }
        portal::reset(dir).await?;
    }
    let portal = open_portal(t, dir).await?;
    if portal.store.is_empty().await? {
        let (workers, days) = (args.workers, args.days);
        let params = synth::Params { workers, days, ..synth::Params::demo() };
        eprintln!("{}", t.tn("cli-demo-generating", &[("workers", workers.to_string()), ("days", days.to_string())]));
        let started = Instant::now();
        // The demo's files hold its workers' identifiers: for the owner only (security review L3).
        portal::private::create_dir(&dir.join("demo"))?;
        let summary = generate(t, &params, &dir.join("demo"))?;
        portal::private::narrow_files(&dir.join("demo"))?;
        let files = portal::Files {
            register: summary.register,
            workers: Some(summary.workers),
            decisions: Some(summary.decisions),
            events: Some(summary.events),
            tz: locale::DEFAULT_TIME_ZONE.into(),
            author: DEMO_AUTHOR.into(),
        };
        let workers_file = files.workers.clone();
        portal.import(dir, &files).await?;
        super::after_loading(t, &portal, dir, &args.data.data_dir).await;
        demo_accounts(&portal, t, dir).await?;
        portal::council::seed_demo(&portal, "privacy", "ondernemingsraad").await?;
        demo_notices(&portal, t, dir, workers_file.as_deref(), &args.settings.public_url()).await?;
        eprintln!(
            "{}",
            t.tn(
                "cli-demo-generated",
                &[
                    ("events", summary.event_count.to_string()),
                    ("decisions", summary.decision_count.to_string()),
                    ("seconds", t.num(started.elapsed().as_secs_f64(), 1)),
                ],
            )
        );
    } else {
        super::say_tidied(t, &portal.tidy(dir).await?);
        eprintln!("{}", t.tn("cli-demo-reusing", &[("dir", dir.display().to_string())]));
        if portal.store.accounts().await?.is_empty() {
            eprintln!("{}", t.t("cli-demo-no-accounts"));
        }
    }
    print_demo_accounts(t, dir);
    serve(t, portal, &args.settings).await?;
    Ok(ExitCode::SUCCESS)
}

fn demo_file(dir: &Path) -> PathBuf {
    dir.join("demo").join("accounts.txt")
}

/// The demo's people: one of each role, and worker W0001, with random passwords written to
/// `demo/accounts.txt` (readable by the owner only).
async fn demo_accounts(portal: &portal::Portal, t: &Tr, dir: &Path) -> anyhow::Result<()> {
    let mut lines = String::from("# The demo's accounts: name, role, password. Demo only.\n");
    for (name, role, worker) in DEMO_ACCOUNTS {
        let password = format!("demo-{}", &guard::new_token()?[..16]);
        user::add(portal, t, role.as_str(), name, worker, &password).await?;
        lines.push_str(&format!("{name}\t{role}\t{password}\n"));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(demo_file(dir))?.write_all(lines.as_bytes())?;
    Ok(())
}

/// The worker without an account whose invitation `accounts.txt` shows.
const DEMO_INVITED: &str = "W0002";

/// A notice for every worker, in `demo/notices/`; worker W0002's invitation is added to
/// `demo/accounts.txt`, so the way in from a letter can be tried at once.
async fn demo_notices(
    portal: &portal::Portal,
    t: &Tr,
    dir: &Path,
    workers: Option<&Path>,
    public_url: &str,
) -> anyhow::Result<()> {
    let mut ids = std::collections::BTreeMap::new();
    for w in workers.map(formats::read_workers).transpose()?.unwrap_or_default() {
        ids.insert(portal.pseudonymiser.pseudonym(&w.id), w.id);
    }
    let options = portal::notices::Options {
        lang: None,
        system: None,
        public_url: public_url.to_owned(),
        ids,
        only: Default::default(),
    };
    let out = dir.join("demo").join("notices");
    let issued = portal.issue_notices(&options, &out, DEMO_AUTHOR).await?;
    eprintln!(
        "{}",
        t.tn("cli-demo-notices", &[("letters", issued.batch.letters.to_string()), ("dir", out.display().to_string())],)
    );
    let pseudonym = portal.pseudonymiser.pseudonym(DEMO_INVITED);
    if let Some(invitation) = issued.letters.iter().find(|l| l.worker == pseudonym).and_then(|l| l.invitation.as_ref())
    {
        let mut file = std::fs::OpenOptions::new().append(true).open(demo_file(dir))?;
        writeln!(
            file,
            "# werker-{DEMO_INVITED} has no account yet: the link (or the code at /welcome) on their letter makes it."
        )?;
        writeln!(
            file,
            "werker-{DEMO_INVITED}\t{}\t{}  {}",
            t.t("cli-demo-invitation"),
            invitation.code,
            invitation.link
        )?;
    }
    Ok(())
}

/// Shows the demo's accounts, if this data folder has them.
fn print_demo_accounts(t: &Tr, dir: &Path) {
    if let Ok(text) = std::fs::read_to_string(demo_file(dir)) {
        eprintln!("{}", t.tn("cli-demo-accounts", &[("file", demo_file(dir).display().to_string())]));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            eprintln!("  {}", line.replace('\t', "  "));
        }
    }
}
