//! One walk through the portal in a real browser: Chromium, driven over WebDriver by chromedriver.
//!
//! A worker logs in, reads their shifts, downloads their archive and contests a warning; the privacy
//! officer answers and overturns it; the worker reads the answer. On every page it visits, in English
//! and in Dutch, axe-core checks the WCAG 2.2 A and AA rules it can test automatically (it finds
//! roughly a third to a half of WCAG problems; keyboard, focus order and screen readers stay manual
//! checks), and the title must hold no markup. A second walk reads where labels and values land, on a
//! desktop and a phone. Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them);
//! without them the tests fail and say so.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const INSTALL: &str = "install chromium and chromium-driver: apt-get install chromium chromium-driver";
const WORKER_PASSWORD: &str = "a browser-tested password";
const ANSWER: &str = "The scanner was broken that morning; the warning is withdrawn.";
const REASON: &str = "My scanner stopped working twice that shift; I told the team lead at the time.";

/// axe-core 4.14.1 (MPL-2.0; `vendor/VENDOR.md`), injected into each page the walk checks.
const AXE: &str = include_str!("vendor/axe.min.js");
/// The WCAG levels the portal promises: 2.0, 2.1 and 2.2, A and AA.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                    resultTypes: ['violations', 'incomplete'] })
  .then(r => done({ passes: r.passes.length,
    violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 200),
                                            why: n.failureSummary })) })),
    incomplete: r.incomplete.map(v => v.id + ' (' + v.nodes.length + ')') }))
  .catch(e => done({ error: String(e) }));
"#;
/// Every label of a label–value list (`dl.facts` and the home page's `dl.numbers`) with where its
/// value landed: the value must share the label's grid cell and sit below it (same left edge) or
/// right of it (same top). Returns the pairs checked and what is wrong.
const PAIRS: &str = r#"
const wrong = []; let pairs = 0;
for (const dl of document.querySelectorAll('dl.facts, dl.numbers')) {
  for (const dt of dl.querySelectorAll('dt')) {
    pairs += 1;
    const label = dt.textContent.trim(), dd = dt.nextElementSibling;
    if (!dd || dd.tagName !== 'DD') { wrong.push(`"${label}": no <dd> right after its <dt>`); continue; }
    const cell = dt.parentElement;
    if (cell === dl) { wrong.push(`"${label}": the <dt> and its <dd> are separate cells of the grid, not one pair in one cell`); }
    const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect(), c = cell.getBoundingClientRect();
    const below = Math.abs(b.left - a.left) < 1 && b.top >= a.bottom - 1;
    const beside = b.left >= a.right - 1 && Math.abs(b.top - a.top) < 1;
    if (!below && !beside) {
      wrong.push(`"${label}": its value is at left ${b.left}, top ${b.top}; the label at left ${a.left}, top ${a.top}, bottom ${a.bottom}`);
    }
    const inside = r => r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
    if (cell !== dl && !(inside(a) && inside(b))) { wrong.push(`"${label}": label or value outside their cell`); }
  }
}
return { pairs, wrong };
"#;
/// Whether the page scrolls sideways, and the first elements that stick out (tables scroll inside
/// their own `.scroll` container, which is allowed).
const SIDEWAYS: &str = r#"
const width = document.documentElement.clientWidth, out = [];
if (document.documentElement.scrollWidth > width + 1) {
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('.scroll')) continue;
    const r = e.getBoundingClientRect();
    if (r.right > width + 1 && out.length < 5) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right edge ' + Math.round(r.right));
  }
  if (out.length === 0) out.push('scrollWidth ' + document.documentElement.scrollWidth);
}
return { width, out };
"#;

/// A process this test started, killed when the test ends, also when it fails.
struct Running {
    child: Child,
    what: &'static str,
}

impl Drop for Running {
    fn drop(&mut self) {
        // chromedriver runs in its own process group, with the browsers it started: end them all.
        if self.what == "chromedriver" {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The program `name` on the PATH, or the path in the environment variable `var`.
fn program(var: &str, name: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .or_else(|| Some(Path::new("/usr/bin").join(name)).filter(|p| p.is_file()))
}

/// `s` as one value in a URL's query.
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `inzage demo` on a free port; returns it with the address it serves on.
fn start_demo(data_dir: &Path) -> (Running, String) {
    let log = std::fs::File::create(data_dir.join("demo-stderr.log")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_inzage"))
        .args(["demo", "--data-dir", data_dir.to_str().unwrap(), "--port", "0", "--workers", "20", "--days", "3"])
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let demo = Running { child, what: "inzage demo" };
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    // Keep reading what it prints later, so that it never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| {
            let err = std::fs::read_to_string(data_dir.join("demo-stderr.log")).unwrap_or_default();
            panic!("`inzage demo` printed no address: {line:?}; stderr:\n{err}")
        })
        .to_owned();
    (demo, addr)
}

/// Starts chromedriver on a free port and waits until it answers; returns it with its URL.
fn start_chromedriver(chromedriver: &Path, log: &Path) -> (Running, String) {
    use std::os::unix::process::CommandExt;
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}; {INSTALL}", chromedriver.display()));
    let driver = Running { child, what: "chromedriver" };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            // chromedriver may keep the connection open: read what comes within a second, not to the end.
            let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
            let _ = write!(s, "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            let (mut answer, mut buf) = (Vec::new(), [0u8; 4096]);
            while let Ok(n @ 1..) = s.read(&mut buf) {
                answer.extend_from_slice(&buf[..n]);
                if answer.windows(7).any(|w| w == b"\"ready\"") {
                    break;
                }
            }
            if answer.windows(7).any(|w| w == b"\"ready\"") {
                break;
            }
        }
        assert!(Instant::now() < deadline, "chromedriver did not answer on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, format!("http://127.0.0.1:{port}"))
}

/// The worker of the first warning in the demo's decisions.csv.
fn worker_with_a_warning(data_dir: &Path) -> String {
    let csv = std::fs::read_to_string(data_dir.join("demo/decisions.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col =
        |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no `{name}` in {header:?}"));
    let (worker, decision) = (col("worker"), col("decision"));
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|row| row.get(decision) == Some(&"warning"))
        .map(|row| row[worker].to_owned())
        .expect("the demo has no warning in decisions.csv")
}

fn password_of(data_dir: &Path, name: &str) -> String {
    let accounts = std::fs::read_to_string(data_dir.join("demo/accounts.txt")).unwrap();
    accounts
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.first() == Some(&name))
        .and_then(|f| f.get(2).map(|p| p.trim().to_owned()))
        .unwrap_or_else(|| panic!("no account `{name}` in accounts.txt:\n{accounts}"))
}

fn add_worker_account(data_dir: &Path, name: &str, worker: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_inzage"))
        .args(["user", "add", "--data-dir", data_dir.to_str().unwrap(), "--role", "worker", "--name", name])
        .args(["--worker", worker, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{WORKER_PASSWORD}\n").as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "inzage user add failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// The browser, the portal's address, and the folder downloads land in.
struct Browser {
    c: Client,
    base: String,
    downloads: PathBuf,
    /// What the page checks found, reported together at the end of the walk.
    problems: std::sync::Mutex<Vec<String>>,
}

type Step<T = ()> = Result<T, String>;

impl Browser {
    /// A failure: what was expected, where, and the part of the page that shows it.
    async fn fail<T>(&self, expected: &str) -> Step<T> {
        let url = self.c.current_url().await.map(|u| u.to_string()).unwrap_or_else(|e| format!("(no URL: {e})"));
        let source = self.c.source().await.unwrap_or_else(|e| format!("(no page source: {e})"));
        // The page's <main>, or its <body>: the <head> with its stylesheet says nothing.
        let from = source.find("<main").or_else(|| source.find("<body")).unwrap_or(0);
        let page: Vec<char> = source[from..].chars().collect();
        let snippet = if page.len() <= 8000 {
            page.iter().collect::<String>()
        } else {
            let (head, tail): (String, String) =
                (page[..4000].iter().collect(), page[page.len() - 4000..].iter().collect());
            format!("{head}\n[… {} characters left out …]\n{tail}", page.len() - 8000)
        };
        Err(format!("expected {expected}\n  at {url}\n  page source (from <main>):\n{snippet}"))
    }

    /// `result`, or a failure that names what was `expected` and shows the page.
    async fn ok<T, E: std::fmt::Display>(&self, result: Result<T, E>, expected: &str) -> Step<T> {
        match result {
            Ok(t) => Ok(t),
            Err(e) => self.fail(&format!("{expected} ({e})")).await,
        }
    }

    async fn goto(&self, path: &str) -> Step {
        let url = format!("{}{path}", self.base);
        match self.c.goto(&url).await {
            Ok(()) => Ok(()),
            Err(e) => self.fail(&format!("to open {url}, but: {e}")).await,
        }
    }

    async fn find(&self, css: &str) -> Step<fantoccini::elements::Element> {
        match self.c.find(Locator::Css(css)).await {
            Ok(e) => Ok(e),
            Err(e) => self.fail(&format!("an element `{css}` ({e})")).await,
        }
    }

    async fn text(&self, css: &str) -> Step<String> {
        let element = self.find(css).await?;
        match element.text().await {
            Ok(t) => Ok(t),
            Err(e) => self.fail(&format!("the text of `{css}` ({e})")).await,
        }
    }

    async fn click(&self, css: &str) -> Step {
        let element = self.find(css).await?;
        match element.click().await {
            Ok(()) => Ok(()),
            Err(e) => self.fail(&format!("to click `{css}` ({e})")).await,
        }
    }

    async fn type_into(&self, css: &str, text: &str) -> Step {
        let element = self.find(css).await?;
        match element.send_keys(text).await {
            Ok(()) => Ok(()),
            Err(e) => self.fail(&format!("to type into `{css}` ({e})")).await,
        }
    }

    /// Waits up to 15 s until the page's path (with its query) is `path`.
    async fn wait_for_path(&self, path: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(url) = self.c.current_url().await {
                let here = match url.query() {
                    Some(q) => format!("{}?{q}", url.path()),
                    None => url.path().to_owned(),
                };
                if here == path {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return self.fail(&format!("to arrive at {path} within 15 s")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits up to 15 s until the text of `css` contains every one of `wanted`.
    async fn wait_for_text(&self, css: &str, wanted: &[&str]) -> Step<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut seen = None;
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await
                && let Ok(t) = e.text().await
            {
                if wanted.iter().all(|w| t.contains(w)) {
                    return Ok(t);
                }
                seen = Some(t);
            }
            if Instant::now() > deadline {
                let seen = seen.map_or_else(|| "there is no such element".to_owned(), |t| format!("it says {t:?}"));
                return self.fail(&format!("`{css}` to say {wanted:?} within 15 s, but {seen}")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn log_in(&self, name: &str, password: &str, lands_on: &str) -> Step {
        // Ask for English once: the language is kept in a cookie.
        self.goto("/lang/en?back=/login").await?;
        self.wait_for_path("/login").await?;
        self.type_into("#name", name).await?;
        self.type_into("#password", password).await?;
        self.click("#login").await?;
        self.wait_for_path(lands_on).await?;
        let who = self.text("#who").await?;
        if !who.starts_with(name) {
            return self.fail(&format!("#who to name `{name}`, not {who:?}")).await;
        }
        Ok(())
    }

    /// The path (with its query) of the page the browser shows.
    async fn here(&self) -> String {
        match self.c.current_url().await {
            Ok(url) => match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_owned(),
            },
            Err(e) => format!("(no URL: {e})"),
        }
    }

    fn problem(&self, what: String) {
        self.problems.lock().unwrap_or_else(|e| e.into_inner()).push(what);
    }

    /// Checks the page shown: axe-core finds no WCAG 2.2 A/AA violation, and the title holds no
    /// markup. What it finds is kept for the end of the walk; `incomplete` (what axe could not
    /// decide) is reported with it but fails nothing.
    async fn check(&self) -> Step {
        let here = self.here().await;
        let lang =
            self.ok(self.c.execute("return document.documentElement.lang", vec![]).await, "the page's lang").await?;
        let lang = lang.as_str().unwrap_or("?").to_owned();
        let title = self.ok(self.c.title().await, "the page's title").await?;
        if title.contains('<') || title.trim().is_empty() {
            self.problem(format!("{here} [{lang}]: the title {title:?} is empty or holds markup"));
        }
        let loaded = self.ok(self.c.execute("return typeof window.axe", vec![]).await, "to ask for axe").await?;
        if loaded != "object" {
            self.ok(self.c.execute(AXE, vec![]).await, "to load axe-core into the page").await?;
        }
        let r = self.ok(self.c.execute_async(AXE_RUN, vec![]).await, "axe-core to run").await?;
        if let Some(e) = r.get("error") {
            return self.fail(&format!("axe-core to run, but: {e}")).await;
        }
        let (Some(violations), Some(passes)) = (r["violations"].as_array().cloned(), r["passes"].as_u64()) else {
            return self.fail(&format!("axe-core's results, not {r}")).await;
        };
        if passes == 0 {
            return self.fail("axe-core to have run its rules (it passed none)").await;
        }
        if !violations.is_empty() {
            let ids: Vec<String> = violations.iter().filter_map(|v| v["id"].as_str().map(str::to_owned)).collect();
            self.problem(format!(
                "{here} [{lang}]: axe-core found {} violation(s) {ids:?}:\n{:#}\n  incomplete (not failed): {}",
                violations.len(),
                serde_json::Value::Array(violations),
                r["incomplete"]
            ));
        }
        Ok(())
    }

    /// Opens `path` and checks it in English, then in Dutch (through the language switch's own
    /// route), and leaves the browser in English.
    async fn check_page(&self, path: &str) -> Step {
        self.goto(path).await?;
        self.check().await?;
        for lang in ["nl", "en"] {
            self.goto(&format!("/lang/{lang}?back={}", query_escape(path))).await?;
            self.wait_for_path(path).await?;
            if lang == "nl" {
                self.check().await?;
            }
        }
        Ok(())
    }

    /// Every label of a label–value list on this page sits with its own value (see `PAIRS`);
    /// returns how many pairs it read.
    async fn pairs_sit_together(&self, width: u32) -> Step<u64> {
        let r = self.ok(self.c.execute(PAIRS, vec![]).await, "to read the boxes of the <dt>s and <dd>s").await?;
        let wrong = r["wrong"].as_array().cloned().unwrap_or_default();
        if !wrong.is_empty() {
            let here = self.here().await;
            self.problem(format!("{here} at {width} px: labels apart from their values: {wrong:#?}"));
        }
        Ok(r["pairs"].as_u64().unwrap_or(0))
    }

    /// The page does not scroll sideways at this width (tables scroll in their own container).
    async fn fits(&self, width: u32) -> Step {
        let r = self.ok(self.c.execute(SIDEWAYS, vec![]).await, "to measure the page's width").await?;
        let out = r["out"].as_array().cloned().unwrap_or_default();
        if !out.is_empty() {
            let here = self.here().await;
            self.problem(format!("{here} at {width} px (viewport {}): the page scrolls sideways: {out:?}", r["width"]));
        }
        Ok(())
    }

    /// Fails with everything the page checks found, if they found anything.
    fn report(&self) -> Step {
        let problems = std::mem::take(&mut *self.problems.lock().unwrap_or_else(|e| e.into_inner()));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("{} page check(s) failed:\n\n{}", problems.len(), problems.join("\n\n")))
        }
    }

    async fn log_out(&self) -> Step {
        self.click("#logout").await?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.c.find(Locator::Css("#who")).await.is_ok() {
            if Instant::now() > deadline {
                return self.fail("to be logged out (no #who) within 15 s of clicking #logout").await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Clicks the archive link and waits for the download to be whole.
    async fn download_archive(&self) -> Step<Vec<u8>> {
        let href = self.ok(self.find("a#archive").await?.attr("href").await, "the href of a#archive").await?;
        if href.as_deref() != Some("/me/archive.zip") {
            return self.fail(&format!("a#archive to link to /me/archive.zip, not {href:?}")).await;
        }
        self.click("a#archive").await?;
        let file = self.downloads.join("inzage-my-data.zip");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // Chromium writes into a `.crdownload` file and renames it when the download is done.
            let partial = std::fs::read_dir(&self.downloads)
                .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".crdownload")))
                .unwrap_or(false);
            if !partial && let Ok(bytes) = std::fs::read(&file) {
                return Ok(bytes);
            }
            if Instant::now() > deadline {
                let seen: Vec<String> = std::fs::read_dir(&self.downloads)
                    .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
                    .unwrap_or_default();
                return self
                    .fail(&format!("{} to be downloaded within 30 s; the folder holds {seen:?}", file.display()))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The worker contests their first uncontested warning on /me; returns the contest's number.
async fn contest_a_warning(b: &Browser) -> Step<String> {
    let decisions =
        b.ok(b.c.find_all(Locator::Css("#decisions article.decision")).await, "decisions in #decisions").await?;
    let mut warning = None;
    for d in decisions {
        let h3 = b.ok(d.find(Locator::Css("h3")).await, "an <h3> in each article.decision").await?;
        let title = b.ok(h3.text().await, "the text of a decision's <h3>").await?;
        if title.ends_with("· warning") && d.find(Locator::Css("details")).await.is_ok() {
            warning = Some(d);
            break;
        }
    }
    let Some(warning) = warning else {
        return b
            .fail("an uncontested warning in #decisions (an article.decision with \"· warning\" and a <details>)")
            .await;
    };
    let summary = b.ok(warning.find(Locator::Css("details > summary")).await, "a <summary> in the warning").await?;
    let says = b.ok(summary.text().await, "the text of the warning's <summary>").await?;
    if says != "Contest this decision" {
        return b.fail(&format!("the warning's <summary> to say \"Contest this decision\", not {says:?}")).await;
    }
    b.ok(summary.click().await, "to open the warning's <details>").await?;
    let reason =
        b.ok(warning.find(Locator::Css("textarea[name=reason]")).await, "a reason field in the warning").await?;
    b.ok(reason.send_keys(REASON).await, "to type the reason").await?;
    let submit =
        b.ok(warning.find(Locator::Css("button[type=submit]")).await, "a submit button in the warning").await?;
    b.ok(submit.click().await, "to click the warning's submit button").await?;
    let notice = b.wait_for_text("#notice", &["Your contest (number "]).await?;
    let url = b.ok(b.c.current_url().await, "the page's URL").await?;
    let opened = url.query_pairs().find(|(k, _)| k == "opened").map(|(_, v)| v.into_owned());
    match opened.filter(|n| notice.contains(&format!("(number {n}) is opened"))) {
        Some(number) => Ok(number),
        None => {
            b.fail(&format!("/me?opened=N#contests and a #notice about contest N, at {url}; #notice: {notice:?}")).await
        }
    }
}

/// The whole walk; an `Err` says what was expected and shows the page, or lists what the page
/// checks (axe-core, titles) found on the way.
async fn walk(b: &Browser, admin_password: &str) -> Step {
    b.goto("/lang/en?back=/login").await?;
    b.wait_for_path("/login").await?;
    b.check_page("/login").await?;

    // The worker logs in and reads their shifts.
    b.log_in("tester", WORKER_PASSWORD, "/me").await?;
    let shifts = b.text("ul#shifts").await?;
    if !shifts.lines().any(|l| l.starts_with("On 2026-03-0") && l.contains("an hour")) {
        return b.fail("a sentence in #shifts like \"On 2026-03-0… you worked … an hour …\"").await;
    }
    b.check_page("/me").await?;

    // Every kind of data held about them, and the readable copy.
    b.goto("/me/data?kind=events").await?;
    let mut kinds = Vec::new();
    for a in b.ok(b.c.find_all(Locator::Css("nav.tabs a")).await, "the kinds of data in nav.tabs").await? {
        if let Some(href) = b.ok(a.attr("href").await, "the href of a kind of data").await? {
            kinds.push(href);
        }
    }
    if kinds.is_empty() {
        return b.fail("links to the other kinds of data in nav.tabs").await;
    }
    b.check_page("/me/data?kind=events").await?;
    for kind in &kinds {
        b.check_page(kind).await?;
    }
    b.check_page("/me/copy").await?;

    // They download everything the company holds on them.
    b.goto("/me").await?;
    let zip = b.download_archive().await?;
    if !zip.starts_with(b"PK") {
        let head: Vec<u8> = zip.iter().copied().take(16).collect();
        return b
            .fail(&format!(
                "the archive to be a ZIP file (starting with PK), not {} bytes starting {head:?}",
                zip.len()
            ))
            .await;
    }

    // They contest their warning.
    let number = contest_a_warning(b).await?;
    b.wait_for_text("#contests", &[REASON]).await?;
    b.check().await?;
    b.log_out().await?;

    // The privacy officer reads the register, a system, its audit and the rulebook, …
    b.log_in("privacy", admin_password, "/").await?;
    b.check_page("/").await?;
    b.check_page("/register").await?;
    b.check_page("/systems/scan-pace").await?;
    b.check_page("/systems/scan-pace/audit").await?;
    // The flow of work: not released yet, then released with the button, spending the budget.
    b.check_page("/systems/scan-pace/efficiency").await?;
    b.click("#release").await?;
    b.wait_for_text("#intro", &["noise"]).await?;
    b.check().await?;
    b.check_page("/rules").await?;
    b.check_page("/people").await?;
    b.check_page("/account").await?;

    // … and answers the contest: overturned.
    b.check_page("/contests").await?;
    let link = format!("a[href=\"/contests/{number}\"]");
    b.click(&link).await?;
    b.wait_for_path(&format!("/contests/{number}")).await?;
    b.wait_for_text("body", &[REASON]).await?;
    b.check_page(&format!("/contests/{number}")).await?;
    b.click("#overturn").await?;
    b.type_into("#answer-text", ANSWER).await?;
    b.click("#answer").await?;
    b.wait_for_text("main", &["Decision overturned", ANSWER]).await?;
    if b.c.find(Locator::Css("#answer")).await.is_ok() {
        return b.fail("no answer form once the contest is answered").await;
    }
    b.check().await?;
    b.log_out().await?;

    // The worker reads the answer.
    b.log_in("tester", WORKER_PASSWORD, "/me").await?;
    b.wait_for_text(&format!("#contests #contest-{number}"), &["Decision overturned", ANSWER]).await?;
    b.check().await?;
    b.log_out().await?;

    // The privacy officer sets up a second factor, and logs in with a code from then on.
    b.log_in("privacy", admin_password, "/").await?;
    b.check_page("/account/second-factor").await?;
    b.click("#start-second").await?;
    // The click's page may still be loading: wait for it, not for the old one's lack of a key.
    b.wait_for_path("/account/second-factor/start").await?;
    let secret = base32(&b.wait_for_text("#second-secret", &[]).await?);
    b.check().await?;
    let now = jiff::Timestamp::now().as_second();
    b.type_into("#confirm-code", &guard::second::code_at(&secret, now)).await?;
    b.click("#confirm-second").await?;
    b.wait_for_text("#recovery-codes", &["-"]).await?;
    b.check().await?;
    b.log_out().await?;
    b.goto("/login").await?;
    b.type_into("#name", "privacy").await?;
    b.type_into("#password", admin_password).await?;
    b.click("#login").await?;
    b.wait_for_path("/login/code").await?;
    b.check().await?;
    // The next step's code: the confirmation took this one's.
    b.type_into("#code", &guard::second::code_at(&secret, now + 30)).await?;
    b.click("#send-code").await?;
    b.wait_for_path("/").await?;
    b.wait_for_text("#who", &["privacy"]).await?;
    b.log_out().await?;
    b.report()
}

/// RFC 4648 base 32 as the second-factor page shows it (grouped by four), decoded here.
fn base32(text: &str) -> Vec<u8> {
    let (mut bits, mut value, mut out) = (0u32, 0u32, Vec::new());
    for c in text.chars().filter(char::is_ascii_alphanumeric) {
        let Some(digit) = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".find(c) else { continue };
        value = (value << 5) | digit as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((value >> bits) as u8);
            value &= (1 << bits) - 1;
        }
    }
    out
}

/// The layout walk: on a desktop and on a phone, every label of a label–value list sits with its
/// own value, and no page scrolls sideways.
async fn walk_the_layout(b: &Browser, admin_password: &str, inspector_password: &str) -> Step {
    b.log_in("tester", WORKER_PASSWORD, "/me").await?;
    let number = contest_a_warning(b).await?;
    let mut pages = vec!["/me".to_owned(), "/me/data?kind=events".to_owned(), "/me/copy".to_owned()];
    let mut pairs = 0;
    for (width, height) in [(1280, 1024), (390, 844)] {
        b.ok(b.c.set_window_size(width, height).await, "to resize the window").await?;
        for page in &pages {
            b.goto(page).await?;
            pairs += b.pairs_sit_together(width).await?;
            b.fits(width).await?;
        }
    }
    b.ok(b.c.set_window_size(1280, 1024).await, "to resize the window").await?;
    b.log_out().await?;

    b.log_in("privacy", admin_password, "/").await?;
    pages = ["/", "/login", "/register", "/systems/scan-pace", "/systems/scan-pace/audit", "/rules", "/contests"]
        .into_iter()
        .chain(["/dossiers", "/dossiers/1", "/dossiers/2"])
        .map(str::to_owned)
        .chain([format!("/contests/{number}"), "/people".to_owned(), "/account".to_owned()])
        .collect();
    for (width, height) in [(1280, 1024), (390, 844)] {
        b.ok(b.c.set_window_size(width, height).await, "to resize the window").await?;
        for page in &pages {
            b.goto(page).await?;
            pairs += b.pairs_sit_together(width).await?;
            b.fits(width).await?;
        }
    }
    b.ok(b.c.set_window_size(1280, 1024).await, "to resize the window").await?;
    b.log_out().await?;
    // The inspector's overview: its filters and table, checked by axe in both languages, and
    // fitting a phone (the table scrolls inside its region).
    b.log_in("inspectie", inspector_password, "/").await?;
    b.check_page("/overview").await?;
    b.wait_for_text("main", &["Pakhuis Noord"]).await?;
    for (width, height) in [(1280, 1024), (390, 844)] {
        b.ok(b.c.set_window_size(width, height).await, "to resize the window").await?;
        b.goto("/overview?sort=name").await?;
        b.fits(width).await?;
    }
    b.ok(b.c.set_window_size(1280, 1024).await, "to resize the window").await?;
    // The worker's notices, the system's facts, the contest's reason and score, the home page's figures.
    if pairs < 20 {
        return b.fail(&format!("at least 20 label–value pairs on these pages, not {pairs}")).await;
    }
    b.report()
}

const QUESTION: &str = "Which team leaders see the live ranking, and may they act on it?";
const REASONS: &str = "ScanFlow may run on three conditions that inzage checks at every import.";

/// Waits up to 30 s for a whole file called `name` in the downloads folder.
async fn downloaded(b: &Browser, name: &str) -> Step<Vec<u8>> {
    let file = b.downloads.join(name);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let partial = std::fs::read_dir(&b.downloads)
            .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".crdownload")))
            .unwrap_or(false);
        if !partial && let Ok(bytes) = std::fs::read(&file) {
            return Ok(bytes);
        }
        if Instant::now() > deadline {
            return b.fail(&format!("{} to be downloaded within 30 s", file.display())).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of a PDF, by `pdftotext` (Debian's poppler-utils).
fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("advice-check.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext ({e}): apt-get install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    // Typst puts zero-width spaces into long identifiers so that they can break.
    String::from_utf8_lossy(&out.stdout).replace('\u{200b}', "")
}

/// The demo's letter for worker W0002: its invitation code, read from the PDF as a person would
/// read the paper (and the same as `accounts.txt` shows).
fn demo_letter_code(data_dir: &Path) -> String {
    let notices = data_dir.join("demo/notices");
    let index = std::fs::read_to_string(notices.join("index.csv")).unwrap();
    let mut lines = index.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col =
        |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no `{name}` in {header:?}"));
    let row: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[col("worker_id")] == "W0002")
        .expect("W0002 has a letter in the index");
    let text = pdf_text(&std::fs::read(notices.join(row[col("pdf")])).unwrap(), data_dir);
    let codes: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.len() == 14 && w.split('-').map(str::len).collect::<Vec<_>>() == [4, 4, 4])
        .collect();
    let code = codes.first().unwrap_or_else(|| panic!("no code in W0002's letter:\n{text}")).to_string();
    assert!(codes.iter().all(|c| *c == code), "one code per letter: {codes:?}");
    assert!(text.contains("W0002"), "the letter is addressed to W0002");
    let accounts = std::fs::read_to_string(data_dir.join("demo/accounts.txt")).unwrap();
    assert!(accounts.lines().any(|l| l.starts_with("werker-W0002\t") && l.contains(&code)), "{accounts}");
    code
}

/// A worker types the code from their letter, makes their account, reaches their own page; the
/// code then works no more.
async fn walk_the_letter(b: &Browser, code: &str, admin_password: &str) -> Step {
    const PASSWORD: &str = "the code from my letter worked";
    // The privacy officer publishes the public register and looks at the yearly reports.
    b.log_in("privacy", admin_password, "/").await?;
    b.check_page("/reports").await?;
    b.goto("/register").await?;
    b.click("#publication-register").await?;
    b.click("#publication-save").await?;
    b.wait_for_path("/register").await?;
    b.wait_for_text("#publication", &["/public/register"]).await?;
    b.log_out().await?;
    // Anyone reads it, without logging in.
    b.check_page("/public/register").await?;
    b.wait_for_text("main", &["ScanFlow pace monitoring"]).await?;

    b.goto("/lang/en?back=/welcome").await?;
    b.wait_for_path("/welcome").await?;
    b.check_page("/welcome").await?;
    // Typed as a person might: lower case, with spaces.
    b.type_into("#code", &code.to_lowercase().replace('-', " ")).await?;
    b.click("#welcome-next").await?;
    b.wait_for_path(&format!("/welcome/{code}")).await?;
    b.wait_for_text("h1", &["make your account"]).await?;
    b.check().await?;
    b.type_into("#name", "willem").await?;
    b.type_into("#new-password", PASSWORD).await?;
    b.type_into("#confirm-password", PASSWORD).await?;
    b.click("#welcome-create").await?;
    b.wait_for_path("/login").await?;
    b.log_in("willem", PASSWORD, "/me").await?;
    b.wait_for_text("main", &["ScanFlow pace monitoring"]).await?;
    b.log_out().await?;
    b.goto(&format!("/welcome/{code}")).await?;
    b.wait_for_text("#welcome-message", &["was used on"]).await?;
    b.report()
}

/// A new register version in which ScanFlow's norm is raised to 950 an hour, loaded with
/// `inzage import` beside the running portal; returns what the import printed.
fn raise_the_norm(data_dir: &Path) -> String {
    let register = std::fs::read_to_string(data_dir.join("demo/register.toml")).unwrap();
    assert!(register.contains("per_hour = 854"), "the demo's register no longer has ScanFlow's norm of 854");
    let raised = data_dir.join("raised.toml");
    std::fs::write(&raised, register.replacen("per_hour = 854", "per_hour = 950", 1)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_inzage"))
        .args(["--lang", "en", "import", "--data-dir", data_dir.to_str().unwrap()])
        .args(["--register", raised.to_str().unwrap(), "--author", "browser test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "inzage import failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The council's walk: the demo's dossier of ScanFlow, its evidence, a question to the employer,
/// a consent with three conditions from the catalogue, the advice as a PDF; then new data breaks
/// a condition and the dossier says so.
async fn walk_the_dossier(b: &Browser, council_password: &str, data_dir: &Path) -> Step {
    b.log_in("ondernemingsraad", council_password, "/").await?;
    // The demo's shift planner has a decided dossier whose condition the data breaks.
    b.wait_for_text("#home-broken", &["Rooster+"]).await?;
    b.check_page("/dossiers").await?;
    let row = b.wait_for_text("#dossiers", &["ScanFlow pace monitoring", "Rooster+ shift planner"]).await?;
    // The marks are set in capitals by the stylesheet.
    if !row.to_lowercase().contains("1 request overdue") {
        return b.fail("the ScanFlow dossier's row to say \"1 request overdue\"").await;
    }
    let link =
        b.ok(b.c.find(Locator::LinkText("ScanFlow pace monitoring")).await, "a link to ScanFlow's dossier").await?;
    let href = b.ok(link.attr("href").await, "the href of ScanFlow's dossier").await?.unwrap_or_default();
    b.ok(link.click().await, "to open ScanFlow's dossier").await?;
    b.wait_for_path(&href).await?;

    // The checkpoints' evidence: the audit's figures and the rulebook's findings.
    b.wait_for_text("#checkpoint-production_norms", &["Norm attainment", "toilet test", "audit: norms[0]"]).await?;
    b.wait_for_text("#checkpoint-privacy", &["CNIL"]).await?;
    b.wait_for_text("#overdue-alert", &["One information request"]).await?;
    b.wait_for_text("#letters", &["WOR 27(1)(l)"]).await?;
    b.check_page(&href).await?;

    // A question to the employer.
    b.type_into("#question", QUESTION).await?;
    b.click("#send-request").await?;
    b.wait_for_text("#request-table", &[QUESTION, "open"]).await?;

    // Consent with three conditions from the catalogue, one adapted: targets of at most 900.
    b.click("#outcome-granted_with_conditions").await?;
    b.type_into("#reasons", REASONS).await?;
    for id in ["max-target", "min-group-10", "no-admin-read-without-contest"] {
        b.click(&format!("#pick-{id}")).await?;
    }
    let check = b.find("#check-max-target").await?;
    b.ok(check.clear().await, "to clear the check of max-target").await?;
    b.ok(check.send_keys("system.target.all(t, t.per_hour <= 900.0)").await, "to adapt max-target").await?;
    b.click("#record-decision").await?;
    b.wait_for_text("#outcome", &["Consent granted with conditions"]).await?;
    for id in ["max-target", "min-group-10", "no-admin-read-without-contest"] {
        b.wait_for_text(&format!("#condition-{id}"), &["holds"]).await?;
    }
    b.check().await?;

    // The advice, downloaded as a PDF and read by its text.
    b.click("#advice-pdf").await?;
    let id = href.trim_start_matches("/dossiers/");
    let pdf = downloaded(b, &format!("advice-{id}-en.pdf")).await?;
    if !pdf.starts_with(b"%PDF-") {
        return b.fail("the advice to be a PDF file").await;
    }
    let text = pdf_text(&pdf, &b.downloads).split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "ScanFlow pace monitoring",
        "Pakhuis Noord B.V.",
        "Consent granted with conditions",
        QUESTION,
        REASONS,
        "Production norms",
        "system.target.all(t, t.per_hour <= 900.0)",
    ] {
        if !text.contains(wanted) {
            return b.fail(&format!("the PDF's text to contain {wanted:?}; it reads:\n{text}")).await;
        }
    }

    // New data: the norm raised to 950 an hour. The import says which condition broke …
    let printed = raise_the_norm(data_dir);
    if !printed.contains("condition broken: max-target") {
        return b.fail(&format!("`inzage import` to report max-target broken; it printed:\n{printed}")).await;
    }
    // … and so does the dossier, with the evidence, and the change since the request.
    b.goto(&href).await?;
    b.wait_for_text("#condition-max-target", &["broken", "950"]).await?;
    b.wait_for_text("#condition-min-group-10", &["holds"]).await?;
    b.wait_for_text("#broken-alert", &["One condition"]).await?;
    b.wait_for_text("#changes", &["Higher target: scan from 854 to 950 an hour"]).await?;
    b.check().await?;
    b.log_out().await?;
    b.report()
}

/// A demo portal, a worker account `tester` with a warning, chromedriver and a browser session.
struct Session {
    b: Browser,
    admin_password: String,
    inspector_password: String,
    council_password: String,
    started: Instant,
    // Dropped after the browser: they end chromedriver and the demo, then remove the folders.
    _driver: Running,
    _demo: Running,
    _browser_dir: tempfile::TempDir,
    _data: tempfile::TempDir,
}

impl Session {
    async fn start() -> Session {
        let started = Instant::now();
        let chromedriver = program("CHROMEDRIVER", "chromedriver")
            .unwrap_or_else(|| panic!("no chromedriver on the PATH nor in /usr/bin; {INSTALL}"));
        let chromium = program("CHROMIUM", "chromium")
            .unwrap_or_else(|| panic!("no chromium on the PATH nor in /usr/bin; {INSTALL}"));

        let data = tempfile::tempdir().unwrap();
        let (demo, addr) = start_demo(data.path());
        add_worker_account(data.path(), "tester", &worker_with_a_warning(data.path()));
        let admin_password = password_of(data.path(), "privacy");
        let council_password = password_of(data.path(), "ondernemingsraad");
        let inspector_password = password_of(data.path(), "inspectie");

        let browser_dir = tempfile::tempdir().unwrap();
        let (profile, downloads) = (browser_dir.path().join("profile"), browser_dir.path().join("downloads"));
        std::fs::create_dir_all(&downloads).unwrap();
        let driver_log = browser_dir.path().join("chromedriver.log");
        let (driver, webdriver) = start_chromedriver(&chromedriver, &driver_log);

        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=en", "--accept-lang=en", "--window-size=1280,1024",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                    "intl.accept_languages": "en",
                },
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let session = ClientBuilder::new(connector).capabilities(capabilities).connect(&webdriver).await;
        let client = match session {
            Ok(c) => c,
            Err(e) => {
                let log = std::fs::read_to_string(&driver_log).unwrap_or_default();
                let lines: Vec<&str> = log.lines().collect();
                let tail = lines[lines.len().saturating_sub(30)..].join("\n");
                panic!(
                    "chromedriver could not start {}: {e}; {INSTALL}\nchromedriver.log ends:\n{tail}",
                    chromium.display()
                )
            }
        };
        let b = Browser { c: client, base: format!("http://{addr}"), downloads, problems: Default::default() };
        Session {
            b,
            admin_password,
            council_password,
            inspector_password,
            started,
            _driver: driver,
            _demo: demo,
            _browser_dir: browser_dir,
            _data: data,
        }
    }

    /// Closes the browser, then reports `outcome`: a panic with what went wrong, or the time taken.
    async fn finish(self, what: &str, outcome: Result<Step, tokio::time::error::Elapsed>) {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(_) => self.b.fail(&format!("{what} to take less than {} s", WALK_LIMIT.as_secs())).await,
        };
        // Close the browser before reporting, so that no Chromium is left behind.
        let _ = self.b.c.clone().close().await;
        if let Err(e) = outcome {
            panic!("{e}");
        }
        eprintln!("{what} took {:.1} s", self.started.elapsed().as_secs_f64());
    }
}

/// How long one walk may take, from the browser's start.
const WALK_LIMIT: Duration = Duration::from_secs(420);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_contests_a_warning_in_a_real_browser_and_reads_the_answer() {
    let s = Session::start().await;
    let outcome = tokio::time::timeout(WALK_LIMIT, walk(&s.b, &s.admin_password)).await;
    s.finish("the browser walk", outcome).await;
}

/// Regression: the worker's "systems that concern you" laid its `<dt>`s and `<dd>`s out as separate
/// grid cells, so a label sat in one column and its value in the next row (a zigzag); the contest
/// page's reason and score too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn labels_and_values_zigzagged_across_the_grid_on_the_workers_page() {
    let s = Session::start().await;
    let outcome =
        tokio::time::timeout(WALK_LIMIT, walk_the_layout(&s.b, &s.admin_password, &s.inspector_password)).await;
    s.finish("the layout walk", outcome).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_works_council_decides_on_consent_with_conditions_that_new_data_breaks() {
    let s = Session::start().await;
    let outcome = tokio::time::timeout(WALK_LIMIT, walk_the_dossier(&s.b, &s.council_password, s._data.path())).await;
    s.finish("the dossier walk", outcome).await;
}

/// Issue 11: the code in a generated notice (read from its PDF) makes the worker's account and
/// reaches their own page; a second use is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_makes_their_account_with_the_code_from_their_letter() {
    let s = Session::start().await;
    let code = demo_letter_code(s._data.path());
    let outcome = tokio::time::timeout(WALK_LIMIT, walk_the_letter(&s.b, &code, &s.admin_password)).await;
    s.finish("the letter walk", outcome).await;
}
