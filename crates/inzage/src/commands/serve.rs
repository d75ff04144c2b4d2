//! `inzage serve`: the portal for what is loaded.

use std::net::{Ipv4Addr, SocketAddr};
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
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
    if portal.store.is_empty().await? {
        let dir = args.data.data_dir.display().to_string();
        return Err(BadInput(t.tn("cli-no-organisation", &[("dir", dir)])).into());
    }
    super::say_tidied(t, &portal.tidy(&args.data.folder(t, false)?).await?);
    serve(t, portal, &args.settings).await?;
    Ok(ExitCode::SUCCESS)
}

impl Settings {
    /// Where people will reach the portal, as far as is known before it starts.
    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://127.0.0.1:{}", self.port))
    }
}

/// Serves `portal` on 127.0.0.1 at the settings' port until Ctrl-C.
pub async fn serve(t: &Tr, mut portal: Portal, settings: &Settings) -> anyhow::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, settings.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| BadInput(t.tn("cli-cannot-listen", &[("addr", addr.to_string()), ("message", e.to_string())])))?;
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
