//! `inzage serve`: the portal for what is loaded.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use locale::Tr;
use portal::Portal;

use super::{BadInput, DataDir, open_portal};

/// Settings of the portal, for `serve` and `demo` alike.
#[derive(clap::Args, Debug)]
pub struct Settings {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The portal is reached over HTTPS (through a proxy): cookies get `Secure`.
    #[arg(long)]
    behind_tls: bool,
    /// Where people reach the portal, such as `https://inzage.example.org` (default:
    /// `http://127.0.0.1:PORT`): requests naming another host are refused, and invitation links
    /// are built on it.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// A reverse proxy whose `X-Forwarded-For` names the client (its IP address; repeat for
    /// more). Without it the header is ignored and the client is the connection's peer.
    #[arg(long = "trusted-proxy", value_name = "ADDR")]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Days a contest must be answered in (default: one month; two weeks when the register says
    /// the organisation is a digital labour platform, as the Platform Work Directive asks).
    #[arg(long)]
    contest_days: Option<u32>,
    /// Admin and council accounts must set up a second factor (a code from an authenticator
    /// app) before anything else; every account may set one up either way.
    #[arg(long)]
    require_mfa: bool,
    /// When the Dutch act transposing the Platform Work Directive applies (YYYY-MM-DD); until
    /// then, and by default, the directive's rules are advice.
    #[arg(long, value_name = "DATE")]
    pwd_from: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    #[command(flatten)]
    settings: Settings,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    if let Ok(portal::organisations::Layout::Many(ids)) = portal::organisations::layout(&args.data.data_dir) {
        // The checks of `--organisation`, and the refusal of one key for all, before anything
        // starts.
        let first = args.data.organisation.as_deref().unwrap_or(&ids[0]);
        super::organisation_folder(t, &args.data.data_dir, Some(first), false)?;
        return serve_many(t, &args.data.data_dir, args.data.organisation.clone(), &args.settings).await;
    }
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
    if portal.store.is_empty().await? {
        let dir = args.data.data_dir.display().to_string();
        return Err(BadInput(t.tn("cli-no-organisation", &[("dir", dir)])).into());
    }
    super::say_tidied(t, &portal.tidy(&args.data.folder(t, false)?).await?);
    serve(t, portal, &args.settings).await?;
    Ok(ExitCode::SUCCESS)
}

/// Serves every organisation of the folder of many `root` (only `only` when given) on one
/// port: each opened when first asked for (`web::many`).
async fn serve_many(t: &Tr, root: &Path, only: Option<String>, settings: &Settings) -> anyhow::Result<ExitCode> {
    let listener = listen(t, settings).await?;
    let local = listener.local_addr()?;
    let public = settings.public_url.clone().unwrap_or_else(|| format!("http://{local}"));
    let Some(public_url) = web::public_url(&public) else {
        return Err(BadInput(t.tn("cli-bad-public-url", &[("url", public)])).into());
    };
    let pwd_from = settings.pwd_from.as_deref().map(|d| super::date(t, "--pwd-from", d)).transpose()?;
    let (contest_days, require_mfa, secure, proxies) =
        (settings.contest_days, settings.require_mfa, settings.behind_tls, settings.trusted_proxies.clone());
    let (opening_root, opening_public, lang) = (root.to_path_buf(), public.clone(), t.lang);
    let open: web::many::Opener = std::sync::Arc::new(move |id: String| {
        let (root, public, proxies) = (opening_root.clone(), opening_public.clone(), proxies.clone());
        Box::pin(async move {
            let t = Tr::new(lang);
            let dir = super::organisation_folder(&t, &root, Some(&id), false).map_err(|e| e.0)?;
            let mut portal = open_portal(&t, &dir).await.map_err(|e| format!("{e:#}"))?;
            let tidied = portal.tidy(&dir).await.map_err(|e| e.to_string())?;
            if !tidied.is_empty() {
                tracing::info!(organisation = %id, files = tidied.len(), "files of an unfinished import were removed");
            }
            portal.contest_days = contest_days;
            portal.require_second_factor = require_mfa;
            portal.pwd_from = pwd_from;
            let mut state = web::AppState::of(portal);
            state.set_public_url(&public);
            state.secure_cookies = secure;
            state.trusted_proxies = proxies;
            Ok(state)
        })
    });
    let many = web::many::Many::new(root.to_path_buf(), only, Some(&public_url), secure, open);
    // The address alone on standard output, as for one organisation: scripts read that line
    // and may close the pipe after it.
    println!("{}", t.tn("cli-running", &[("addr", local.to_string())]));
    eprintln!("{}", t.tn("cli-running-many", &[("dir", root.display().to_string())]));
    web::many::serve(many, listener).await?;
    Ok(ExitCode::SUCCESS)
}

async fn listen(t: &Tr, settings: &Settings) -> anyhow::Result<tokio::net::TcpListener> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, settings.port));
    Ok(tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| BadInput(t.tn("cli-cannot-listen", &[("addr", addr.to_string()), ("message", e.to_string())])))?)
}

impl Settings {
    /// Where people will reach the portal, as far as is known before it starts.
    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://127.0.0.1:{}", self.port))
    }
}

/// Serves `portal` on 127.0.0.1 at the settings' port until Ctrl-C.
pub async fn serve(t: &Tr, mut portal: Portal, settings: &Settings) -> anyhow::Result<()> {
    let listener = listen(t, settings).await?;
    let local = listener.local_addr()?;
    portal.contest_days = settings.contest_days;
    portal.require_second_factor = settings.require_mfa;
    portal.pwd_from = settings.pwd_from.as_deref().map(|d| super::date(t, "--pwd-from", d)).transpose()?;
    let mut state = web::AppState::of(portal);
    let public = settings.public_url.clone().unwrap_or_else(|| format!("http://{local}"));
    if state.set_public_url(&public).is_none() {
        return Err(BadInput(t.tn("cli-bad-public-url", &[("url", public)])).into());
    }
    println!("{}", t.tn("cli-running", &[("addr", local.to_string())]));
    state.secure_cookies = settings.behind_tls;
    state.trusted_proxies = settings.trusted_proxies.clone();
    web::serve(state, listener).await?;
    Ok(())
}
