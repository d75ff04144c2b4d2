//! `cargo xtask load [--sessions 200] [--seconds 60] [--data-dir DIR] [--days 30] [--debug]`: a load
//! test of the worker portal, and a soak test when run long (`--seconds 600`). It builds `inzage`
//! in release (with `--debug` it uses the debug build already in the target folder, for a short
//! check of this command itself), starts `inzage demo` (200 workers, 30 days) on a free
//! port on 127.0.0.1 with its log in the data folder, adds worker accounts with `inzage user add`
//! (a worker has one account, and the demo's `werker-W0001` has W0001: session `i` logs in as
//! `load-W{w:04}` for worker W0002 to W0200, so after 199 sessions accounts take a second
//! session, as a worker on two devices would), and
//! logs every session in through the login form (the `inzage_csrf` cookie and the hidden `csrf`
//! field; then the `inzage_session` cookie). Once all sessions are in, each one fetches its own
//! page, `GET /me`, one request after the other on its own connection, for `--seconds`.
//!
//! It prints the command line, which server build ran, the sessions, duration, requests, errors,
//! throughput and the latency p50, p90, p99 and max (nearest rank over every request), and exits
//! non-zero when a login failed or more than 1 % of the requests did. For a soak it also prints the
//! server's resident memory (VmRSS) and peak (VmHWM, from `/proc/PID/status`) when the timed part
//! starts and when it ends, and after stopping the server it runs `inzage verify-log` on the data
//! folder: a log that does not verify fails the run. Client and server share the
//! machine; traffic goes to 127.0.0.1 only. The server is stopped at the end, on error too. A
//! temporary data folder is removed after a good run and kept after a failed one, for its log.

use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub const USAGE: &str =
    "usage: cargo xtask load [--sessions 200] [--seconds 60] [--data-dir DIR] [--days 30] [--debug]";

/// Workers in the demo organisation (W0001…W0200); sessions past this wrap around.
const DEMO_WORKERS: usize = 200;
/// How long the server may take to generate the demo organisation and answer.
const READY_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// Longest wait for one request; bounds the run past `--seconds`.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Logins at a time: password hashing is meant to be slow, and 200 at once on two cores would
/// time out rather than measure anything.
const CONCURRENT_LOGINS: usize = 16;
/// Largest share of failed requests for a passing run.
const MAX_ERROR_SHARE: f64 = 0.01;
/// Failed requests whose description the report repeats.
const ERRORS_SHOWN: usize = 5;
const CSRF_COOKIE: &str = "inzage_csrf";
const SESSION_COOKIE: &str = "inzage_session";
const SERVER_LOG: &str = "inzage-load-server.log";

#[derive(Debug, PartialEq)]
struct Options {
    sessions: usize,
    seconds: u64,
    data_dir: Option<PathBuf>,
    /// Days of demo data (`inzage demo --days`).
    days: u32,
    /// Use the debug build in the target folder instead of building a release.
    debug: bool,
}

fn parse_args(rest: &[&str]) -> anyhow::Result<Options> {
    let mut options = Options { sessions: 200, seconds: 60, data_dir: None, days: 30, debug: false };
    let mut rest = rest.iter();
    while let Some(&flag) = rest.next() {
        if flag == "--debug" {
            options.debug = true;
            continue;
        }
        if !matches!(flag, "--sessions" | "--seconds" | "--data-dir" | "--days") {
            bail!("unknown argument {flag:?}\n{USAGE}");
        }
        let Some(&value) = rest.next() else { bail!("{flag} needs a value\n{USAGE}") };
        match flag {
            "--sessions" => options.sessions = value.parse().with_context(|| format!("--sessions {value:?}"))?,
            "--seconds" => options.seconds = value.parse().with_context(|| format!("--seconds {value:?}"))?,
            "--days" => options.days = value.parse().with_context(|| format!("--days {value:?}"))?,
            _ => options.data_dir = Some(PathBuf::from(value)),
        }
    }
    if options.sessions == 0 || options.seconds == 0 || options.days == 0 {
        bail!("--sessions, --seconds and --days must be at least 1");
    }
    Ok(options)
}

/// The account that session `i` (from 1) logs in with.
#[derive(Debug, Clone)]
struct Account {
    name: String,
    worker: String,
    password: String,
}

/// The accounts the load test adds: one per demo worker but W0001, which the demo's own
/// `werker-W0001` holds (a worker's identity belongs to one account).
const LOAD_ACCOUNTS: usize = DEMO_WORKERS - 1;

fn account(i: usize) -> Account {
    let w = (i - 1) % LOAD_ACCOUNTS + 2;
    Account {
        name: format!("load-W{w:04}"),
        worker: format!("W{w:04}"),
        password: format!("load-test-password-{w:04}-long"),
    }
}

pub fn run(rest: &[&str]) -> anyhow::Result<()> {
    let options = parse_args(rest)?;
    let command_line = command_line(rest);
    if !options.debug {
        let status =
            Command::new("cargo").args(["build", "--release", "-p", "inzage"]).current_dir(crate::root()).status()?;
        if !status.success() {
            bail!("cargo build --release -p inzage failed");
        }
    }
    let profile = if options.debug { "debug" } else { "release" };
    let inzage = crate::target_dir().join(profile).join("inzage");
    if !inzage.is_file() {
        bail!("{} is missing (with --debug, build it first: cargo build --workspace)", inzage.display());
    }
    let build = build_note(&inzage, options.debug);

    let (data_dir, temp) = match &options.data_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            (dir.clone(), None)
        }
        None => {
            let temp = tempfile::Builder::new().prefix("inzage-load-").tempdir()?;
            (temp.path().to_owned(), Some(temp))
        }
    };

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    // The server runs (and is stopped) inside `load`, so it is gone before the folder is removed.
    let result = load(&runtime, &options, &inzage, &data_dir).and_then(|report| {
        println!("command: {command_line}");
        println!("server: {build}");
        println!("data dir: {}{}", data_dir.display(), if temp.is_some() { " (temporary)" } else { "" });
        print!("{}", report.text());
        report.verdict()
    });
    if result.is_err()
        && let Some(temp) = temp
    {
        let kept = temp.keep();
        eprintln!("kept the data folder {} for its server log {SERVER_LOG}", kept.display());
    }
    result
}

/// The command as typed, to repeat the run.
fn command_line(rest: &[&str]) -> String {
    let mut line = String::new();
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        line += &format!("CARGO_TARGET_DIR={} ", shell_quote(&dir.to_string_lossy()));
    }
    line += "cargo xtask load";
    for arg in rest {
        line.push(' ');
        line += &shell_quote(arg);
    }
    line
}

fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_./,=:+@%".contains(c));
    if plain { arg.to_owned() } else { format!("'{}'", arg.replace('\'', r"'\''")) }
}

/// Which server ran: version, release profile, commit (and whether the tree had changes), binary.
fn build_note(inzage: &Path, debug: bool) -> String {
    let output = |cmd: &mut Command| {
        cmd.output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let version = output(Command::new(inzage).arg("--version")).unwrap_or_else(|| "inzage (version unknown)".into());
    let root = crate::root();
    let commit = output(Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(&root))
        .unwrap_or_else(|| "unknown commit".into());
    let changes =
        match output(Command::new("git").args(["status", "--porcelain", "--untracked-files=no"]).current_dir(&root)) {
            Some(status) if status.is_empty() => "",
            Some(_) => " with uncommitted changes",
            None => "",
        };
    let build = if debug { "debug build (not for figures)" } else { "release build (cargo build --release -p inzage)" };
    format!("{version}, {build} of {commit}{changes}, {}", inzage.display())
}

/// The `inzage demo` child process; killed when dropped, so on every way out.
#[derive(Debug)]
struct Server {
    child: Child,
    log: PathBuf,
}

impl Server {
    fn start(inzage: &Path, data_dir: &Path, port: u16, days: u32) -> anyhow::Result<Self> {
        let log = data_dir.join(SERVER_LOG);
        let file = File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let child = Command::new(inzage)
            .arg("demo")
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--port")
            .arg(port.to_string())
            .arg("--days")
            .arg(days.to_string())
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()
            .with_context(|| format!("starting {} demo", inzage.display()))?;
        Ok(Server { child, log })
    }

    /// The last lines of the server's log, for error messages.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("server log {}:\n{tail}", self.log.display())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's resident memory and its peak so far, in KiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Memory {
    rss_kib: u64,
    peak_kib: u64,
}

/// `VmRSS` and `VmHWM` of a `/proc/PID/status` text.
fn memory_of(status: &str) -> Option<Memory> {
    let field = |name: &str| {
        status.lines().find_map(|line| line.strip_prefix(name)?.trim().strip_suffix("kB")?.trim().parse().ok())
    };
    Some(Memory { rss_kib: field("VmRSS:")?, peak_kib: field("VmHWM:")? })
}

/// The memory of a running process (Linux only; `None` elsewhere).
fn memory(pid: u32) -> Option<Memory> {
    memory_of(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

/// What `inzage verify-log` said of the data folder after the run.
#[derive(Debug)]
struct LogCheck {
    whole: bool,
    /// Its last line.
    said: String,
}

fn verify_log(inzage: &Path, data_dir: &Path) -> anyhow::Result<LogCheck> {
    let out = Command::new(inzage)
        .args(["verify-log", "--lang", "en", "--data-dir"])
        .arg(data_dir)
        .output()
        .context("running inzage verify-log")?;
    // Whole: the head on stdout's last line. Broken: the reason, which may be on stderr (the
    // database's own warnings about a long read go there too, and are not the answer).
    let stdout = String::from_utf8_lossy(&out.stdout);
    let text = if out.status.success() {
        stdout.into_owned()
    } else {
        format!("{stdout}{}", String::from_utf8_lossy(&out.stderr))
    };
    let said = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("(nothing)").trim().to_owned();
    Ok(LogCheck { whole: out.status.success(), said })
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn load(
    runtime: &tokio::runtime::Runtime,
    options: &Options,
    inzage: &Path,
    data_dir: &Path,
) -> anyhow::Result<Report> {
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Server::start(inzage, data_dir, port, options.days)?;
    eprintln!("Waiting for the server at {base} (the demo organisation is generated on first use)…");
    runtime.block_on(wait_ready(&mut server, &base))?;
    eprintln!("Adding {} worker accounts…", options.sessions.min(LOAD_ACCOUNTS));
    add_users(inzage, data_dir, options.sessions, options.data_dir.is_some())?;
    eprintln!("Logging in {} sessions, then {} s of GET /me…", options.sessions, options.seconds);
    let mut report = runtime.block_on(sessions(&base, options, server.child.id()))?;
    if let Some(status) = server.child.try_wait()? {
        bail!("the server stopped ({status}) during the run\n{}", server.log_tail());
    }
    drop(server);
    report.log = Some(verify_log(inzage, data_dir)?);
    Ok(report)
}

fn client() -> anyhow::Result<Client> {
    Ok(Client::builder()
        .redirect(redirect::Policy::none())
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .pool_max_idle_per_host(1)
        .build()?)
}

async fn wait_ready(server: &mut Server, base: &str) -> anyhow::Result<()> {
    let client = client()?;
    let url = format!("{base}/login");
    let started = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait()? {
            bail!("the server stopped ({status}) before it answered\n{}", server.log_tail());
        }
        let last = match client.get(&url).timeout(Duration::from_secs(5)).send().await {
            Ok(answer) if answer.status() == StatusCode::OK => {
                eprintln!("The server answered after {:.1} s.", started.elapsed().as_secs_f64());
                return Ok(());
            }
            Ok(answer) if answer.status() == StatusCode::NOT_FOUND => {
                bail!("GET /login answered 404: this inzage has no login page\n{}", server.log_tail())
            }
            Ok(answer) => format!("GET /login answered {}", answer.status()),
            Err(e) => format!("GET /login: {e}"),
        };
        if started.elapsed() > READY_TIMEOUT {
            bail!(
                "the server did not answer GET /login with 200 within {} s ({last})\n{}",
                READY_TIMEOUT.as_secs(),
                server.log_tail()
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Adds the sessions' worker accounts, one `inzage user add` each, the password on its stdin.
/// `reused`: the data folder was given, so it may hold an earlier run's accounts.
fn add_users(inzage: &Path, data_dir: &Path, sessions: usize, reused: bool) -> anyhow::Result<()> {
    let started = Instant::now();
    for i in 1..=sessions.min(LOAD_ACCOUNTS) {
        let account = account(i);
        let mut child = Command::new(inzage)
            .args(["user", "add", "--data-dir"])
            .arg(data_dir)
            .args(["--role", "worker", "--name", &account.name, "--worker", &account.worker, "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting inzage user add for {}", account.name))?;
        let mut stdin = child.stdin.take().context("no stdin for inzage user add")?;
        // A failed write (the command quit without reading) is reported after its own message.
        let written = writeln!(stdin, "{}", account.password);
        drop(stdin);
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "`inzage user add --data-dir {} --role worker --name {} --worker {} --password-stdin` failed ({}): {}{}",
                data_dir.display(),
                account.name,
                account.worker,
                out.status,
                String::from_utf8_lossy(&out.stderr).trim(),
                if reused { "\n(a reused --data-dir may hold these accounts already: try a new one)" } else { "" },
            );
        }
        written.with_context(|| format!("writing the password of {} to inzage user add", account.name))?;
        if i % 50 == 0 && i < sessions {
            eprintln!("  {i} of {sessions} accounts");
        }
    }
    eprintln!("Added {sessions} accounts in {:.1} s.", started.elapsed().as_secs_f64());
    Ok(())
}

/// A logged-in session: its own client (so its own connection) and its session cookie.
#[derive(Debug)]
struct Session {
    client: Client,
    cookie: String,
}

/// The values of `Set-Cookie` headers that are text.
fn set_cookies(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers.get_all(SET_COOKIE).iter().filter_map(|value| value.to_str().ok())
}

async fn login(base: &str, account: &Account) -> anyhow::Result<(Session, Duration)> {
    let started = Instant::now();
    let client = client()?;
    let url = format!("{base}/login");
    let page = client.get(&url).send().await.context("GET /login")?;
    if page.status() != StatusCode::OK {
        bail!("GET /login answered {}", page.status());
    }
    let csrf_cookie =
        cookie_value(set_cookies(page.headers()), CSRF_COOKIE).context("GET /login set no inzage_csrf cookie")?;
    let html = page.text().await.context("reading GET /login")?;
    let csrf_field = hidden_input(&html, "csrf").context("the login page has no hidden csrf field")?;
    let form =
        [("csrf", csrf_field.as_str()), ("name", account.name.as_str()), ("password", account.password.as_str())];
    let answer = client
        .post(&url)
        .header(COOKIE, format!("{CSRF_COOKIE}={csrf_cookie}"))
        .form(&form)
        .send()
        .await
        .context("POST /login")?;
    if answer.status() != StatusCode::SEE_OTHER {
        let status = answer.status();
        let body = answer.text().await.unwrap_or_default();
        let body: String = body.chars().take(200).collect();
        bail!("POST /login answered {status}, not 303 See Other: {body}");
    }
    let session = cookie_value(set_cookies(answer.headers()), SESSION_COOKIE)
        .context("POST /login answered 303 but set no inzage_session cookie")?;
    // Read the (empty) body so that the connection can be used again.
    answer.bytes().await.context("reading POST /login")?;
    Ok((Session { client, cookie: format!("{SESSION_COOKIE}={session}") }, started.elapsed()))
}

/// What one session saw during the timed part.
#[derive(Debug, Default)]
struct Outcome {
    latencies: Vec<Duration>,
    errors: u64,
    first_errors: Vec<String>,
}

impl Outcome {
    fn error(&mut self, description: String) {
        self.errors += 1;
        if self.first_errors.len() < ERRORS_SHOWN {
            self.first_errors.push(description);
        }
    }
}

/// One session's timed part: `GET /me`, one after the other, until the deadline.
async fn browse(session: Session, url: Arc<str>, deadline: Instant) -> Outcome {
    let mut outcome = Outcome::default();
    while Instant::now() < deadline {
        let sent = Instant::now();
        let result = async {
            let answer = session.client.get(&*url).header(COOKIE, &session.cookie).send().await?;
            let status = answer.status();
            answer.bytes().await?;
            Ok::<_, reqwest::Error>(status)
        }
        .await;
        outcome.latencies.push(sent.elapsed());
        match result {
            Ok(StatusCode::OK) => {}
            Ok(status) => outcome.error(format!("GET /me answered {status}")),
            Err(e) => outcome.error(format!("GET /me: {e}")),
        }
    }
    outcome
}

async fn sessions(base: &str, options: &Options, server: u32) -> anyhow::Result<Report> {
    let login_started = Instant::now();
    let permits = Arc::new(Semaphore::new(CONCURRENT_LOGINS));
    let mut logins = JoinSet::new();
    for i in 1..=options.sessions {
        let (base, permits) = (base.to_owned(), permits.clone());
        logins.spawn(async move {
            let _permit = permits.acquire_owned().await;
            (i, login(&base, &account(i)).await)
        });
    }
    let mut logged_in = Vec::new();
    let mut login_latencies = Vec::new();
    let mut login_failures = Vec::new();
    while let Some(joined) = logins.join_next().await {
        match joined? {
            (_, Ok((session, latency))) => {
                logged_in.push(session);
                login_latencies.push(latency);
            }
            (i, Err(e)) => login_failures.push((i, format!("{}: {e:#}", account(i).name))),
        }
    }
    let login_time = login_started.elapsed();
    login_failures.sort();
    login_latencies.sort();

    let url: Arc<str> = format!("{base}/me").into();
    let memory_start = memory(server);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(options.seconds);
    let mut loops = JoinSet::new();
    for session in logged_in {
        loops.spawn(browse(session, url.clone(), deadline));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut first_errors = Vec::new();
    while let Some(joined) = loops.join_next().await {
        let outcome = joined?;
        latencies.extend(outcome.latencies);
        errors += outcome.errors;
        for description in outcome.first_errors {
            if first_errors.len() < ERRORS_SHOWN {
                first_errors.push(description);
            }
        }
    }
    let duration = started.elapsed();
    let memory_end = memory(server);
    latencies.sort();
    Ok(Report {
        sessions: options.sessions,
        login_time,
        login_latencies,
        login_failures: login_failures.into_iter().map(|(_, description)| description).collect(),
        duration,
        latencies,
        errors,
        first_errors,
        memory_start,
        memory_end,
        log: None,
    })
}

#[derive(Debug)]
struct Report {
    sessions: usize,
    login_time: Duration,
    /// Sorted.
    login_latencies: Vec<Duration>,
    login_failures: Vec<String>,
    duration: Duration,
    /// One per request, sorted.
    latencies: Vec<Duration>,
    errors: u64,
    first_errors: Vec<String>,
    /// The server's memory when the timed part started and when it ended.
    memory_start: Option<Memory>,
    memory_end: Option<Memory>,
    /// The access log, checked after the server stopped.
    log: Option<LogCheck>,
}

impl Report {
    fn requests(&self) -> usize {
        self.latencies.len()
    }

    fn error_share(&self) -> f64 {
        if self.requests() == 0 { 0.0 } else { self.errors as f64 / self.requests() as f64 }
    }

    fn text(&self) -> String {
        let ms = |sorted: &[Duration], p: usize| {
            percentile(sorted, p).map_or_else(|| "-".to_owned(), |d| format!("{:.2}", d.as_secs_f64() * 1e3))
        };
        let mut out = String::new();
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let _ = writeln!(out, "machine: {cores} cores, client and server on it together, over 127.0.0.1");
        let _ = writeln!(
            out,
            "sessions: {} ({} logged in, {} failed, in {:.1} s; login ms p50 {}, max {})",
            self.sessions,
            self.login_latencies.len(),
            self.login_failures.len(),
            self.login_time.as_secs_f64(),
            ms(&self.login_latencies, 50),
            ms(&self.login_latencies, 100),
        );
        let _ = writeln!(out, "duration: {:.2} s", self.duration.as_secs_f64());
        let _ = writeln!(out, "requests: {}", self.requests());
        let _ = writeln!(out, "errors: {} ({:.2} %)", self.errors, self.error_share() * 100.0);
        let _ = writeln!(out, "throughput: {:.1} requests/s", self.requests() as f64 / self.duration.as_secs_f64());
        let _ = writeln!(
            out,
            "latency ms: p50 {}, p90 {}, p99 {}, max {}",
            ms(&self.latencies, 50),
            ms(&self.latencies, 90),
            ms(&self.latencies, 99),
            ms(&self.latencies, 100),
        );
        let mb = |m: Option<Memory>| {
            m.map_or_else(
                || "unknown".to_owned(),
                |m| format!("RSS {:.0} MB, peak {:.0} MB", m.rss_kib as f64 / 1024.0, m.peak_kib as f64 / 1024.0),
            )
        };
        let _ = writeln!(out, "server memory at start: {}", mb(self.memory_start));
        let _ = writeln!(out, "server memory at end: {}", mb(self.memory_end));
        if let Some(log) = &self.log {
            let _ =
                writeln!(out, "access log: {} ({})", if log.whole { "verifies" } else { "DOES NOT VERIFY" }, log.said);
        }
        for description in &self.first_errors {
            let _ = writeln!(out, "  error: {description}");
        }
        for description in self.login_failures.iter().take(ERRORS_SHOWN) {
            let _ = writeln!(out, "  login failed: {description}");
        }
        out
    }

    /// Fails when a login failed, nothing was measured, or more than 1 % of the requests failed.
    fn verdict(&self) -> anyhow::Result<()> {
        if !self.login_failures.is_empty() {
            bail!(
                "{} of {} logins failed; first: {}",
                self.login_failures.len(),
                self.sessions,
                self.login_failures[0]
            );
        }
        if self.requests() == 0 {
            bail!("no request completed");
        }
        if let Some(log) = self.log.as_ref().filter(|log| !log.whole) {
            bail!("the access log does not verify after the run: {}", log.said);
        }
        if self.error_share() > MAX_ERROR_SHARE {
            bail!(
                "{} of {} requests failed ({:.2} %, more than {} %); first: {}",
                self.errors,
                self.requests(),
                self.error_share() * 100.0,
                MAX_ERROR_SHARE * 100.0,
                self.first_errors.join("; ")
            );
        }
        Ok(())
    }
}

/// The nearest-rank percentile `p` (1 to 100) of sorted values: the smallest value that at least
/// `p` % of the values are at or below. `None` for no values.
fn percentile<T: Copy>(sorted: &[T], p: usize) -> Option<T> {
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied()
}

/// The value of the cookie `name` among `Set-Cookie` header values (`name=value; attributes`);
/// an empty value (a cookie being removed) does not count.
fn cookie_value<'a>(set_cookies: impl IntoIterator<Item = &'a str>, name: &str) -> Option<String> {
    set_cookies.into_iter().find_map(|header| {
        let pair = header.split(';').next()?;
        let (key, value) = pair.split_once('=')?;
        let value = value.trim().trim_matches('"');
        (key.trim() == name && !value.is_empty()).then(|| value.to_owned())
    })
}

/// The value of the first `<input type="hidden" name="NAME" value="...">` in `html`, attributes in
/// any order and quoted with `"` or `'` or not at all; `&amp;`, `&quot;`, `&#39;`, `&lt;` and
/// `&gt;` unescaped.
fn hidden_input(html: &str, name: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<input") {
        let start = from + found + "<input".len();
        let end = start + html[start..].find('>')?;
        from = end;
        let attributes = attributes(&html[start..end]);
        let get = |key: &str| attributes.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str());
        if get("type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")) && get("name") == Some(name) {
            return get("value").map(unescape);
        }
    }
    None
}

/// The attributes inside one tag, as (name, raw value) pairs.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace() || c == '/').unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => match after[1..].find(quote) {
                    Some(close) => (&after[1..1 + close], &after[2 + close..]),
                    None => (&after[1..], ""),
                },
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], &after[stop..])
                }
            };
            value = v.to_owned();
            rest = remaining;
        } else if key.is_empty() {
            // A stray `/` (as in `<input ... />`).
            rest = &rest[1.min(rest.len())..];
        }
        if !key.is_empty() {
            out.push((key.to_owned(), value));
        }
        rest = rest.trim_start();
    }
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_nearest_rank() {
        // The textbook example: 15, 20, 35, 40, 50.
        let values = [15, 20, 35, 40, 50];
        assert_eq!(percentile(&values, 5), Some(15));
        assert_eq!(percentile(&values, 30), Some(20));
        assert_eq!(percentile(&values, 40), Some(20));
        assert_eq!(percentile(&values, 50), Some(35));
        assert_eq!(percentile(&values, 100), Some(50));
        let thousand: Vec<u32> = (1..=1000).collect();
        assert_eq!(percentile(&thousand, 50), Some(500));
        assert_eq!(percentile(&thousand, 90), Some(900));
        assert_eq!(percentile(&thousand, 99), Some(990));
        assert_eq!(percentile(&thousand, 100), Some(1000));
        let hundred_and_one: Vec<u32> = (1..=101).collect();
        assert_eq!(percentile(&hundred_and_one, 99), Some(100));
        assert_eq!(percentile(&[7], 1), Some(7));
        assert_eq!(percentile(&[7], 99), Some(7));
        assert_eq!(percentile::<u32>(&[], 50), None);
    }

    #[test]
    fn finds_the_cookie_among_set_cookie_headers() {
        let headers = [
            "inzage_csrf_old=stale; Path=/",
            "xinzage_csrf=wrong",
            "inzage_csrf=; Max-Age=0",
            "inzage_csrf=abc123-_XYZ; Path=/; HttpOnly; SameSite=Strict",
            "inzage_session=s3ss10n; Path=/; HttpOnly",
        ];
        assert_eq!(cookie_value(headers, "inzage_csrf").as_deref(), Some("abc123-_XYZ"));
        assert_eq!(cookie_value(headers, "inzage_session").as_deref(), Some("s3ss10n"));
        assert_eq!(cookie_value(["inzage_session=\"quoted\""], "inzage_session").as_deref(), Some("quoted"));
        assert_eq!(cookie_value(["a=b=c; Path=/"], "a").as_deref(), Some("b=c"));
        assert_eq!(cookie_value(headers, "other"), None);
        assert_eq!(cookie_value(["inzage_session=; Max-Age=0"], "inzage_session"), None);
    }

    #[test]
    fn finds_the_hidden_csrf_field() {
        let html = r#"<!doctype html><form method="post" action="/login">
            <input type="text" name="csrf" value="not-hidden">
            <input type="hidden" name="lang" value="nl">
            <input name="csrf" value="t&amp;k=1" type="hidden" />
            <input type="hidden" name="csrf" value="second">
            <input type="password" name="password">
        </form>"#;
        assert_eq!(hidden_input(html, "csrf").as_deref(), Some("t&k=1"));
        assert_eq!(hidden_input(html, "lang").as_deref(), Some("nl"));
        assert_eq!(hidden_input(html, "password"), None);
        assert_eq!(hidden_input("<INPUT TYPE=HIDDEN name='csrf' value='x y'>", "csrf").as_deref(), Some("x y"));
        assert_eq!(hidden_input("<input type=hidden name=csrf value=abc>", "csrf").as_deref(), Some("abc"));
        assert_eq!(hidden_input(r#"<input type="hidden" name="csrf""#, "csrf"), None);
        assert_eq!(hidden_input("<p>no form</p>", "csrf"), None);
    }

    #[test]
    fn accounts_wrap_around_the_demo_workers_but_the_demos_own() {
        let first = account(1);
        assert_eq!((first.name.as_str(), first.worker.as_str()), ("load-W0002", "W0002"));
        assert_eq!(first.password, "load-test-password-0002-long");
        assert_eq!(account(199).worker, "W0200");
        let wrapped = account(200);
        assert_eq!((wrapped.name.as_str(), wrapped.worker.as_str()), ("load-W0002", "W0002"));
        assert!((1..=1000).all(|i| account(i).worker != "W0001"), "W0001 is the demo's werker-W0001");
    }

    #[test]
    fn parses_the_flags() {
        assert_eq!(
            parse_args(&[]).unwrap(),
            Options { sessions: 200, seconds: 60, data_dir: None, days: 30, debug: false }
        );
        assert_eq!(
            parse_args(&["--seconds", "5", "--data-dir", "/tmp/d", "--sessions", "3", "--debug", "--days", "2"])
                .unwrap(),
            Options { sessions: 3, seconds: 5, data_dir: Some(PathBuf::from("/tmp/d")), days: 2, debug: true }
        );
        assert!(parse_args(&["--days", "0"]).is_err());
        assert!(parse_args(&["--sessions"]).is_err());
        assert!(parse_args(&["--sessions", "many"]).is_err());
        assert!(parse_args(&["--sessions", "0"]).is_err());
        assert!(parse_args(&["--verbose"]).is_err());
    }

    #[test]
    fn quotes_the_command_line_for_a_shell() {
        assert_eq!(shell_quote("--data-dir"), "--data-dir");
        assert_eq!(shell_quote("/var/tmp/a dir"), "'/var/tmp/a dir'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn fails_on_a_failed_login_or_too_many_errors() {
        let ms = Duration::from_millis;
        let report = |errors, login_failures: Vec<String>| Report {
            sessions: 2,
            login_time: ms(10),
            login_latencies: vec![ms(5)],
            login_failures,
            duration: Duration::from_secs(1),
            latencies: vec![ms(1); 1000],
            errors,
            first_errors: vec![],
            memory_start: Some(Memory { rss_kib: 102_400, peak_kib: 204_800 }),
            memory_end: None,
            log: None,
        };
        assert!(report(10, vec![]).verdict().is_ok());
        assert!(report(11, vec![]).verdict().is_err());
        assert!(report(0, vec!["load-W0002: POST /login answered 401".into()]).verdict().is_err());
        let text = report(0, vec![]).text();
        assert!(text.contains("requests: 1000\n"), "{text}");
        assert!(text.contains("throughput: 1000.0 requests/s"), "{text}");
        assert!(text.contains("latency ms: p50 1.00, p90 1.00, p99 1.00, max 1.00"), "{text}");
        assert!(text.contains("server memory at start: RSS 100 MB, peak 200 MB\n"), "{text}");
        assert!(text.contains("server memory at end: unknown\n"), "{text}");
        let mut broken = report(0, vec![]);
        broken.log = Some(LogCheck { whole: false, said: "the access log was tampered with at entry 3".into() });
        let err = broken.verdict().unwrap_err().to_string();
        assert!(err.contains("does not verify") && err.contains("entry 3"), "{err}");
    }

    #[test]
    fn reads_resident_memory_and_its_peak_from_proc_status() {
        let status = "Name:\tinzage\nVmPeak:\t 2000000 kB\nVmHWM:\t  616000 kB\nVmRSS:\t  598016 kB\nThreads:\t9\n";
        assert_eq!(memory_of(status), Some(Memory { rss_kib: 598_016, peak_kib: 616_000 }));
        assert_eq!(memory_of("Name:\tkthreadd\n"), None, "a kernel thread has no VmRSS");
        let own = memory(std::process::id()).expect("this test runs on Linux");
        assert!(own.rss_kib > 0 && own.peak_kib >= own.rss_kib, "{own:?}");
    }
}
