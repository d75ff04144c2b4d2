//! The `inzage` binary as a user runs it: exit statuses, messages, and the data folder.

mod browser;
mod cluster;
mod imports;
mod killed;
mod organisations;
mod postgres;
mod profiles;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// The `inzage` binary, in English whatever this machine's locale (tests read its messages).
fn command() -> Command {
    in_language("en_GB.UTF-8")
}

/// The `inzage` binary with `LANG` set to `lang` and no other locale variable.
fn in_language(lang: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_inzage"));
    // The tests choose their databases themselves: never one a developer has in the environment.
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("INZAGE_DATABASE_URL").env("LANG", lang);
    c
}

fn inzage(args: &[&str]) -> Output {
    command().args(args).output().unwrap()
}

#[test]
fn messages_follow_lang_unless_the_flag_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let dutch = in_language("nl_NL.UTF-8").args(["generate", "--workers", "0", "--out", out]).output().unwrap();
    assert_eq!(dutch.status.code(), Some(2));
    assert!(stderr(&dutch).contains("--workers moet minstens 1 zijn"), "{}", stderr(&dutch));
    let english =
        in_language("nl_NL.UTF-8").args(["generate", "--workers", "0", "--out", out, "--lang", "en"]).output().unwrap();
    assert!(stderr(&english).contains("--workers must be at least 1"), "{}", stderr(&english));
    // Neither Dutch nor English in the environment: Dutch, the portal's first language.
    let neither = in_language("C.UTF-8").args(["generate", "--start", "soon", "--out", out]).output().unwrap();
    assert!(stderr(&neither).contains("is geen datum"), "{}", stderr(&neither));
    let wrong = inzage(&["generate", "--lang", "fr", "--out", out]);
    assert_eq!(wrong.status.code(), Some(2), "clap refuses an unknown language");
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn generate_small(out: &Path) {
    let o = inzage(&["generate", "--workers", "12", "--days", "2", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `inzage import` of everything `generate_small` wrote in `generated`, into `data`; it must succeed.
fn import_all(generated: &Path, data: &Path) {
    let g = |name: &str| generated.join(name).to_str().unwrap().to_owned();
    let o = inzage(&[
        "import",
        "--data-dir",
        data.to_str().unwrap(),
        "--register",
        &g("register.toml"),
        "--workers",
        &g("workers.csv"),
        "--decisions",
        &g("decisions.csv"),
        "--events",
        &g("events.parquet"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

async fn versions(data_dir: &Path) -> i64 {
    store::Store::open(data_dir).await.unwrap().overview().await.unwrap().register_versions
}

#[test]
fn generate_refuses_zero_workers_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = inzage(&["generate", "--workers", "0", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--workers must be at least 1"), "{}", stderr(&o));
    let o = inzage(&["generate", "--start", "2026-13-01", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--start"), "{}", stderr(&o));
}

#[tokio::test]
async fn a_bad_file_is_named_and_changes_nothing() {
    let (generated, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(generated.path());
    let g = |name: &str| generated.path().join(name).to_str().unwrap().to_owned();
    let d = data.path().to_str().unwrap();
    import_all(generated.path(), data.path());
    let kept: Vec<_> = std::fs::read_dir(data.path().join("events")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        kept.len() == 1 && kept[0].to_string_lossy().ends_with("-events.parquet"),
        "the events file is kept in the data folder under a name of its own: {kept:?}"
    );
    assert_eq!(versions(data.path()).await, 1);

    // A misspelled key in the register: file, line and key named; exit 2; nothing changed.
    let bad = generated.path().join("bad.toml");
    std::fs::write(
        &bad,
        synth::REGISTER_TOML.replacen(
            "legal_basis = \"legitimate_interest\"",
            "legal_base = \"legitimate_interest\"",
            1,
        ),
    )
    .unwrap();
    let o = inzage(&["import", "--data-dir", d, "--register", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = synth::REGISTER_TOML.lines().position(|l| l.starts_with("legal_basis")).unwrap() + 1;
    assert!(stderr(&o).contains(&format!("bad.toml:{line}:")) && stderr(&o).contains("legal_base"), "{}", stderr(&o));
    assert_eq!(versions(data.path()).await, 1);

    // A decision with an unreadable time: row and column named; the good register is not loaded either.
    let decisions = generated.path().join("bad-decisions.csv");
    std::fs::write(
        &decisions,
        "worker,time,decision\nW0001,2026-03-02T14:00:00+01:00,warning\nW0002,yesterday,warning\n",
    )
    .unwrap();
    let o = inzage(&[
        "import",
        "--data-dir",
        d,
        "--register",
        &g("register.toml"),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 3 (row 2 after the header), column `time`"), "{}", stderr(&o));
    assert_eq!(versions(data.path()).await, 1);
}

#[test]
fn serve_on_an_empty_folder_says_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let o = inzage(&["serve", "--data-dir", data.path().to_str().unwrap(), "--port", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("inzage import --register"), "{}", stderr(&o));
}

/// Starts `inzage demo` and returns it with the address it serves on.
fn start_demo(data_dir: &Path, extra: &[&str]) -> (Child, String) {
    let mut child = command()
        .args(["demo", "--data-dir", data_dir.to_str().unwrap(), "--port", "0", "--workers", "12", "--days", "2"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = address(&mut child);
    (child, addr)
}

/// The address a starting `inzage serve` or `demo` (its standard output piped) serves on.
fn address(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    line.split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned()
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Language: en\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn stop(mut child: Child) -> String {
    child.kill().unwrap();
    child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    err
}

#[tokio::test]
async fn demo_serves_the_portal_and_reuses_its_data() {
    let data = tempfile::tempdir().unwrap();
    let (child, addr) = start_demo(data.path(), &[]);
    let home = http_get(&addr, "/");
    let register = http_get(&addr, "/register");
    let err = stop(child);
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("Pakhuis Noord B.V.") && home.contains("href=\"/login\""), "{home}");
    assert!(!home.contains("id=\"count-workers\""), "numbers only for those logged in: {home}");
    assert!(register.starts_with("HTTP/1.1 303") && register.contains("location: /login?next=/register"), "{register}");
    assert!(err.contains("Generating the demo organisation"), "{err}");
    // One account of each role, with its password, for the demo.
    assert!(err.contains("Demo accounts") && err.contains("werker-W0001  worker  demo-"), "{err}");
    let accounts = std::fs::read_to_string(data.path().join("demo").join("accounts.txt")).unwrap();
    // One account of each role, and worker W0002's invitation from their letter.
    let lines: Vec<&str> = accounts.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines.len(), 6, "{accounts}");
    assert!(lines[5].starts_with("werker-W0002\t") && lines[5].contains("/welcome/"), "{accounts}");
    // A notice for every worker, listed in the index.
    let index = std::fs::read_to_string(data.path().join("demo/notices/index.csv")).unwrap();
    let letters = std::fs::read_dir(data.path().join("demo/notices")).unwrap().count();
    assert_eq!(letters, 2 * (index.lines().count() - 1) + 1, "a PDF and an HTML per row, and the index");
    assert!(index.lines().count() > 10, "{index}");
    assert_eq!(versions(data.path()).await, 1);

    let (child, _) = start_demo(data.path(), &[]);
    let err = stop(child);
    assert!(err.contains("Using the organisation already in"), "{err}");
    assert_eq!(versions(data.path()).await, 1, "a second run must not load the demo again");

    let (child, _) = start_demo(data.path(), &["--reset"]);
    let err = stop(child);
    assert!(err.contains("Generating the demo organisation"), "{err}");
    assert_eq!(versions(data.path()).await, 1, "--reset starts over from an empty database");
}

#[test]
fn check_exits_1_on_a_violation_0_without_and_2_on_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("register.toml");
    std::fs::write(&demo, synth::REGISTER_TOML).unwrap();
    let o = inzage(&["check", demo.to_str().unwrap(), "--format", "json", "--as-of", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &report["findings"][0];
    for key in ["rule", "system", "severity", "citations", "message"] {
        assert!(first.get(key).is_some(), "no `{key}` in {first}");
    }
    assert!(first["message"]["nl"].is_string() && first["message"]["en"].is_string());
    assert!(first["citations"][0]["instrument"].is_string() && first["citations"][0]["article"].is_string());

    let clean = dir.path().join("clean.toml");
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/fixtures/base.toml")).unwrap();
    std::fs::write(&clean, base).unwrap();
    let o = inzage(&["check", clean.to_str().unwrap(), "--as-of", "2026-11-25", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No findings."));

    let o = inzage(&["check", dir.path().join("missing.toml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = inzage(&["check", demo.to_str().unwrap(), "--as-of", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
}

/// `--audit SYSTEM=FILE` gives a system's audit report to the rules that read its figures; without
/// it they ask; a bad argument or file is named (exit 2).
#[test]
fn check_reads_a_systems_audit_report_and_names_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("register.toml");
    std::fs::write(&demo, synth::REGISTER_TOML).unwrap();
    let audit = dir.path().join("audit.json");
    let report = serde_json::json!({
        "reliability": { "kind": "scan", "workers": 190, "split_half_r": 0.2, "spearman_brown": 0.33 },
        "flags": { "flag_share": 0.1, "flagged": 20, "resamples": 1000, "unstable_share": 0.45 },
    });
    std::fs::write(&audit, report.to_string()).unwrap();
    let accuracy = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["check", demo.to_str().unwrap(), "--format", "json", "--as-of", "2026-12-01"];
        all.extend_from_slice(args);
        let o = inzage(&all);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let found = report["findings"].as_array().unwrap().clone();
        found.into_iter().filter(|f| f["rule"] == "gdpr.accuracy.score" && f["system"] == "scan-pace").collect()
    };
    let arg = format!("scan-pace={}", audit.display());
    let with = accuracy(&["--audit", &arg]);
    assert!(with.iter().any(|f| f["kind"] == "finding" && f["severity"] == "risk"), "{with:?}");
    let without = accuracy(&[]);
    assert!(
        without.iter().any(|f| f["kind"] == "question"
            && f["unknown"].as_array().unwrap().iter().any(|u| u.as_str().unwrap().starts_with("audit."))),
        "{without:?}"
    );

    let bad = |arg: &str, wanted: &str| {
        let o = inzage(&["check", demo.to_str().unwrap(), "--audit", arg]);
        assert_eq!(o.status.code(), Some(2), "{arg}: {}", stderr(&o));
        assert!(stderr(&o).contains(wanted), "{arg}: {}", stderr(&o));
    };
    bad("scan-pace", "SYSTEM=FILE");
    bad(&format!("no-such-system={}", audit.display()), "no-such-system");
    bad(&format!("scan-pace={}", dir.path().join("missing.json").display()), "missing.json");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"reliability\": nope\n}").unwrap();
    bad(&format!("scan-pace={}", broken.display()), "line 2");
}

#[test]
fn rules_schema_and_export_do_what_they_say() {
    let o = inzage(&["rules", "--format", "json"]);
    assert!(o.status.success());
    let rules: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(rules["rules"].as_array().unwrap().len() >= 45);

    let o = inzage(&["schema"]);
    let published =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/register.schema.json"))
            .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), published);

    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("register.toml");
    std::fs::write(&demo, synth::REGISTER_TOML).unwrap();
    let out = dir.path().join("out.json");
    let o =
        inzage(&["export", "--register", demo.to_str().unwrap(), "--format", "json", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = formats::read_register(&out).unwrap();
    assert_eq!(back, formats::read_register(&demo).unwrap(), "JSON out reads back as the same register");

    let o = inzage(&["export", "--register", demo.to_str().unwrap(), "--standard", "algoritmeregister"]);
    let published: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let scan = &published["algorithms"][0];
    assert_eq!(scan["name"], "ScanFlow pace monitoring");
    assert_eq!(scan["status"], "In gebruik");
    assert_eq!(scan["lawful_basis"], "gerechtvaardigd belang");
}

#[test]
fn audit_writes_json_and_html_and_names_bad_input() {
    let generated = tempfile::tempdir().unwrap();
    generate_small(generated.path());
    let g = |name: &str| generated.path().join(name).to_str().unwrap().to_owned();
    let o = inzage(&[
        "audit",
        "--events",
        &g("events.parquet"),
        "--workers",
        &g("workers.csv"),
        "--decisions",
        &g("decisions.csv"),
        "--register",
        &g("register.toml"),
        "--resamples",
        "20",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "parameters",
        "events",
        "workers",
        "shifts",
        "norms",
        "breaks",
        "cnil",
        "groups",
        "reliability",
        "flags",
        "review",
    ] {
        assert!(report.get(key).is_some(), "no `{key}`");
    }
    assert_eq!(report["norms"][0]["per_hour"], 854.0, "the norm comes from the register");
    assert!(report["group_attributes"].as_array().is_some_and(|a| !a.is_empty()), "how each attribute is used");
    for key in ["suppressed", "suppressed_count", "total_n", "total_positives"] {
        assert!(report["groups"][0].get(key).is_some(), "no `groups[0].{key}`");
    }
    let html = generated.path().join("report.html");
    let o = inzage(&[
        "audit",
        "--events",
        &g("events.parquet"),
        "--target",
        "scan=854",
        "--format",
        "html",
        "--lang",
        "en",
        "--out",
        html.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.starts_with("<!doctype html>") && text.contains("Audit of the monitoring data") && !text.contains("<link"),
        "one self-contained file"
    );

    let o = inzage(&["audit", "--events", &g("events.parquet"), "--target", "scan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--target `scan`"), "{}", stderr(&o));
    let bad = generated.path().join("bad.csv");
    std::fs::write(&bad, "worker,time,kind\nA,2026-03-02T06:00:00Z,scan\nA,never,scan\n").unwrap();
    let o = inzage(&["audit", "--events", bad.to_str().unwrap(), "--target", "scan=854"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 3 (row 2 after the header), column `time`"), "{}", stderr(&o));
}

/// A minimum group under 5 was accepted silently, and the report then promised that "a group of
/// fewer than 1 workers is not shown".
#[test]
fn a_minimum_group_under_five_is_refused_and_nothing_is_written() {
    let generated = tempfile::tempdir().unwrap();
    generate_small(generated.path());
    let out = generated.path().join("report.json");
    for min in ["0", "1", "4"] {
        let o = in_language("en_GB.UTF-8")
            .args([
                "audit",
                "--events",
                generated.path().join("events.parquet").to_str().unwrap(),
                "--target",
                "scan=854",
                "--min-group",
                min,
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("--min-group {min}")) && stderr(&o).contains("5 or more"),
            "{}",
            stderr(&o)
        );
        assert!(!out.exists(), "nothing written");
    }
}

/// Runs `inzage` with a line on standard input.
fn inzage_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child =
        command().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn people_and_tokens_are_added_from_the_command_line_and_the_log_is_verified() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let add = |role: &str, name: &str, worker: Option<&str>, password: &str| {
        let mut args = vec!["user", "add", "--data-dir", dir, "--role", role, "--name", name, "--password-stdin"];
        if let Some(w) = worker {
            args.extend(["--worker", w]);
        }
        inzage_stdin(&args, &format!("{password}\n"))
    };
    let ok = add("worker", "sam", Some("W0007"), "a long enough password");
    assert!(ok.status.success(), "{}", stderr(&ok));
    for (role, name, worker, password, says) in [
        ("boss", "x", None, "a long enough password", "--role: `boss` is not a role"),
        ("worker", "y", None, "a long enough password", "--worker: a worker account needs"),
        ("council", "z", Some("W1"), "a long enough password", "--worker: only a worker account"),
        ("council", "z", None, "short", "at least 12 characters"),
        ("council", "sam", None, "a long enough password", "the name `sam` is taken"),
    ] {
        let o = add(role, name, worker, password);
        assert_eq!(o.status.code(), Some(2), "{role} {name}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    // The worker's identifier is kept only as a pseudonym, under a key outside the database.
    let list = inzage(&["user", "list", "--data-dir", dir]);
    let line = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(line.starts_with("sam\tworker\tP-") && !line.contains("W0007"), "{line}");
    assert!(data.path().join("pseudonym.key").exists());
    let db = std::fs::read(data.path().join("inzage.sqlite")).unwrap();
    assert!(!db.windows(5).any(|w| w == b"W0007"));

    let token = inzage(&["token", "create", "--data-dir", dir, "--user", "sam"]);
    assert!(token.status.success(), "{}", stderr(&token));
    assert_eq!(String::from_utf8_lossy(&token.stdout).trim().len(), 64);
    let none = inzage(&["token", "create", "--data-dir", dir, "--user", "nobody"]);
    assert_eq!(none.status.code(), Some(2));

    let verified = inzage(&["verify-log", "--data-dir", dir]);
    assert!(verified.status.success());
    // Making sam's account is the one entry, in sam's worker's log.
    assert!(String::from_utf8_lossy(&verified.stdout).contains("the access log is whole: 1 entry,"));
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Security review L7, M5 and M11 at the command line: a name that forges a line in
/// `user list` is refused; a worker gets one account; tokens expire, are listed (never shown
/// again) and revoked; a disabled account gets no token; a new invitation resets the password.
#[test]
fn accounts_are_disabled_and_invited_again_and_tokens_expire_listed_and_revoked() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let add = |role: &str, name: &str, worker: Option<&str>| {
        let mut args = vec!["user", "add", "--data-dir", dir, "--role", role, "--name", name, "--password-stdin"];
        if let Some(w) = worker {
            args.extend(["--worker", w]);
        }
        inzage_stdin(&args, "a long enough password\n")
    };
    let forged = add("expert", "gast\nprivacy2\tadmin\t\tactive", None);
    assert_eq!(forged.status.code(), Some(2));
    assert!(stderr(&forged).contains("control characters"), "{}", stderr(&forged));
    assert!(add("worker", "sam", Some("W0007")).status.success());
    let second = add("worker", "sam2", Some("W0007"));
    assert_eq!(second.status.code(), Some(2));
    assert!(stderr(&second).contains("already has an account"), "{}", stderr(&second));

    for days in ["0", "400"] {
        let o = inzage(&["token", "create", "--data-dir", dir, "--user", "sam", "--days", days]);
        assert_eq!(o.status.code(), Some(2), "--days {days}");
        assert!(stderr(&o).contains("--days"), "{}", stderr(&o));
    }
    let token = inzage(&["token", "create", "--data-dir", dir, "--user", "sam", "--days", "30", "--label", "ci"]);
    assert!(token.status.success(), "{}", stderr(&token));
    assert!(stderr(&token).contains("valid until"), "{}", stderr(&token));
    let secret = stdout(&token).trim().to_owned();
    let list = stdout(&inzage(&["token", "list", "--data-dir", dir]));
    assert!(list.starts_with("1\tsam\tci\t") && list.contains("never used"), "{list}");
    assert!(!list.contains(&secret), "the token is never shown again");
    let missing = inzage(&["token", "revoke", "--data-dir", dir, "--id", "99"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(inzage(&["token", "revoke", "--data-dir", dir, "--id", "1"]).status.success());
    assert_eq!(stdout(&inzage(&["token", "list", "--data-dir", dir])), "");

    assert!(inzage(&["token", "create", "--data-dir", dir, "--user", "sam"]).status.success());
    let disabled = inzage(&["user", "disable", "--data-dir", dir, "sam"]);
    assert!(disabled.status.success(), "{}", stderr(&disabled));
    assert_eq!(stdout(&inzage(&["token", "list", "--data-dir", dir])), "", "disabling ends the tokens");
    assert!(stdout(&inzage(&["user", "list", "--data-dir", dir])).contains("\tdisabled\t"));
    let refused = inzage(&["token", "create", "--data-dir", dir, "--user", "sam"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("disabled"), "{}", stderr(&refused));
    assert_eq!(inzage(&["user", "disable", "--data-dir", dir, "nobody"]).status.code(), Some(2));

    let invite = inzage(&["user", "invite", "--data-dir", dir, "sam", "--base-url", "https://inzage.example/"]);
    assert!(invite.status.success(), "{}", stderr(&invite));
    let link = stdout(&invite);
    assert!(link.starts_with("https://inzage.example/invite/") && link.trim().len() == 30 + 64, "{link}");
    assert!(stdout(&inzage(&["user", "list", "--data-dir", dir])).contains("\tinvited\t"));
}

/// Security review M6: `verify-log` said "whole" after the newest entries were deleted. Its last
/// line is now the head, `COUNT:HASH`, and `--expect` with a head noted down earlier finds a cut.
#[tokio::test]
async fn verify_log_prints_the_head_and_a_cut_from_the_end_fails_the_expected_head() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    {
        let store = store::Store::open(data.path()).await.unwrap();
        for what in ["page /me", "contest /contests/1", "archive /me/archive.zip"] {
            store.log_access("privacy", domain::Role::Admin, "P-1", what).await.unwrap();
        }
    }
    let o = inzage(&["verify-log", "--data-dir", dir]);
    assert!(o.status.success(), "{}", stderr(&o));
    let head = stdout(&o).lines().last().unwrap().to_owned();
    assert!(head.starts_with("3:") && head.len() == 2 + 64, "{head}");
    assert!(inzage(&["verify-log", "--data-dir", dir, "--expect", &head]).status.success());
    let bad = inzage(&["verify-log", "--data-dir", dir, "--expect", "three"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("COUNT:HASH"), "{}", stderr(&bad));

    // Someone with the database file deletes the newest entry.
    let url = format!("sqlite:{}", data.path().join(store::DB_FILE).display());
    let raw = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("DROP TRIGGER access_log_append_only_delete").execute(&raw).await.unwrap();
    sqlx::query("DELETE FROM access_log WHERE id = 3").execute(&raw).await.unwrap();
    raw.close().await;
    let cut = inzage(&["verify-log", "--data-dir", dir, "--expect", &head]);
    assert_eq!(cut.status.code(), Some(1));
    assert!(stdout(&cut).contains("entries were cut from the end"), "{}", stdout(&cut));
}

/// `inzage conditions check`: 0 when none is broken, 1 when one is, 2 for a file that cannot be
/// used (file, line and key named); a missing figure is unknown, never broken.
#[test]
fn conditions_check_exits_by_what_the_data_says_and_names_a_bad_files_line() {
    let dir = tempfile::tempdir().unwrap();
    let (out, data) = (dir.path().join("org"), dir.path().join("data"));
    generate_small(&out);
    let o = inzage(&[
        "import",
        "--data-dir",
        data.to_str().unwrap(),
        "--register",
        out.join("register.toml").to_str().unwrap(),
        "--workers",
        out.join("workers.csv").to_str().unwrap(),
        "--events",
        out.join("events.parquet").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = dir.path().join("conditions.toml");
    let write = |checks: &[(&str, &str)]| {
        let text: String = checks
            .iter()
            .map(|(id, check)| {
                format!("[[condition]]\nid = \"{id}\"\ncheck = \"{check}\"\ntext = {{ nl = \"nl\", en = \"en\" }}\n\n")
            })
            .collect();
        std::fs::write(&file, text).unwrap();
    };
    let check = |format: &str| {
        inzage(&[
            "--lang",
            "en",
            "conditions",
            "check",
            "--data-dir",
            data.to_str().unwrap(),
            "--system",
            "scan-pace",
            "--conditions",
            file.to_str().unwrap(),
            "--format",
            format,
        ])
    };
    // The demo's norm is 854 an hour; the flex workers' review figures are not in this data.
    write(&[("norm-900", "system.target.all(t, t.per_hour <= 900.0)"), ("groups", "audit.parameters.min_group >= 10")]);
    let o = check("json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let states: Vec<&str> =
        report["conditions"].as_array().unwrap().iter().map(|c| c["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["holds", "holds"]);
    assert_eq!(report["conditions"][1]["evidence"][0]["path"], "audit.parameters.min_group");
    assert_eq!(report["conditions"][1]["evidence"][0]["value"], 10);

    write(&[("norm-600", "system.target.all(t, t.per_hour <= 600.0)"), ("absent", "audit.no_such_figure > 1")]);
    let o = check("text");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("broken") && text.contains("system.target = "), "{text}");
    assert!(text.lines().any(|l| l.starts_with("unknown") && l.contains("absent")), "{text}");
    assert!(text.contains("0 hold, 1 broken, 1 unknown"), "{text}");

    std::fs::write(
        &file,
        "[[condition]]\nid = \"x\"\ntext = { nl = \"a\", en = \"b\" }\ncheck = \"system.target.all(\"\n",
    )
    .unwrap();
    let o = check("text");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("conditions.toml:4:") && err.contains("check"), "{err}");
}

/// `inzage backup` and `inzage restore` (security review, issue #16).
mod backups {
    use std::path::PathBuf;

    use super::*;

    /// A demo folder (12 workers, 2 days) with three entries in its access log.
    async fn demo_folder(dir: &Path) {
        let (child, _) = start_demo(dir, &[]);
        stop(child);
        let store = store::Store::open(dir).await.unwrap();
        for what in ["page /me", "archive /me/archive.zip", "page /contests"] {
            store.log_access("privacy", domain::Role::Admin, "P-0001", what).await.unwrap();
        }
        store.close().await;
    }

    fn s(p: &Path) -> String {
        p.to_str().unwrap().to_owned()
    }

    /// A demo folder `original` in `work` and its backup `backup.zip`, with `flags` added.
    async fn backed_up(work: &Path, flags: &[&str]) -> (PathBuf, PathBuf, Output) {
        let (original, archive) = (work.join("original"), work.join("backup.zip"));
        demo_folder(&original).await;
        let o = inzage(&[&["backup", "--data-dir", &s(&original), "--out", &s(&archive)], flags].concat());
        assert!(o.status.success(), "{}", text(&o));
        (original, archive, o)
    }

    fn entries(archive: &Path) -> Vec<String> {
        let zip = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
        zip.file_names().map(str::to_owned).collect()
    }

    /// A copy of `archive` at `to` with one entry's bytes changed (the manifest left as it was).
    fn with_entry_changed(archive: &Path, to: &Path, entry: &str) {
        let mut from = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
        for i in 0..from.len() {
            let mut file = from.by_index(i).unwrap();
            let name = file.name().to_owned();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            if name == entry {
                let last = bytes.len() - 1;
                bytes[last] ^= 0x01;
            }
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&bytes).unwrap();
        }
        out.finish().unwrap();
    }

    fn text(o: &Output) -> String {
        format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(o))
    }

    #[tokio::test]
    async fn a_restored_backup_serves_the_same_organisation_after_the_original_folder_is_gone() {
        let work = tempfile::tempdir().unwrap();
        let (original, archive, o) = backed_up(work.path(), &["--include-keys"]).await;
        let restored = work.path().join("restored");
        assert!(text(&o).contains("manifest.json") && text(&o).contains("the key files are in it"), "{}", text(&o));
        let names = entries(&archive);
        for name in ["inzage.sqlite", "pseudonym.key", "manifest.json", "demo/events.parquet"] {
            assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
        }
        assert!(!names.iter().any(|n| n.ends_with("-wal") || n.ends_with("-shm")), "{names:?}");
        let exported = inzage(&["export", "--data-dir", &s(&original), "--format", "json"]);

        let o = inzage(&["restore", &s(&archive), "--data-dir", &s(&restored)]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("every hash matched and the access log is whole"), "{}", text(&o));
        let head = |dir: &Path| {
            let o = inzage(&["verify-log", "--data-dir", &s(dir)]);
            assert!(o.status.success(), "{}", text(&o));
            String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or_default().to_owned()
        };
        let before = head(&original);
        std::fs::remove_dir_all(&original).unwrap();
        assert_eq!(head(&restored), before, "the restored log ends at the same head (COUNT:HASH)");
        let again = inzage(&["export", "--data-dir", &s(&restored), "--format", "json"]);
        assert_eq!(String::from_utf8_lossy(&again.stdout), String::from_utf8_lossy(&exported.stdout));
        let overview = store::Store::open(&restored).await.unwrap().overview().await.unwrap();
        let (events, _) = overview.events.expect("an events file");
        assert!(events.starts_with(std::fs::canonicalize(&restored).unwrap()) && events.is_file(), "{events:?}");
        assert_eq!(
            std::fs::read(restored.join("pseudonym.key")).unwrap().len(),
            65,
            "the key came back with --include-keys"
        );

        let (child, addr) = start_demo(&restored, &[]);
        let home = http_get(&addr, "/");
        let err = stop(child);
        assert!(err.contains("Using the organisation already in"), "{err}");
        assert!(home.starts_with("HTTP/1.1 200") && home.contains("Pakhuis Noord B.V."), "{home}");
    }

    #[tokio::test]
    async fn a_backup_leaves_the_keys_out_unless_asked_and_a_restore_keeps_the_replaced_folders_key() {
        let work = tempfile::tempdir().unwrap();
        let (original, archive, o) = backed_up(work.path(), &[]).await;
        assert!(text(&o).contains("the key files are not in it"), "{}", text(&o));
        assert!(!entries(&archive).iter().any(|n| n.ends_with(".key")), "{:?}", entries(&archive));

        let keys = ["pseudonym.key", "access-log.key"].map(|k| std::fs::read(original.join(k)).unwrap());
        let o = inzage(&["restore", &s(&archive), "--data-dir", &s(&original)]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(stderr(&o).contains("is not empty") && stderr(&o).contains("--force"), "{}", stderr(&o));
        let o = inzage(&["restore", &s(&archive), "--data-dir", &s(&original), "--force"]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("kept 2 key files"), "{}", text(&o));
        for (name, key) in ["pseudonym.key", "access-log.key"].iter().zip(keys) {
            assert_eq!(std::fs::read(original.join(name)).unwrap(), key, "{name} kept");
        }
        let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "no working folder left beside it: {left:?}");
    }

    #[tokio::test]
    async fn an_archive_with_one_changed_byte_is_refused_naming_the_entry_and_nothing_is_restored() {
        let work = tempfile::tempdir().unwrap();
        let (_, archive, _) = backed_up(work.path(), &[]).await;
        for entry in ["demo/events.parquet", "inzage.sqlite"] {
            let tampered = work.path().join("tampered.zip");
            with_entry_changed(&archive, &tampered, entry);
            let target = work.path().join("restored");
            let o = inzage(&["restore", &s(&tampered), "--data-dir", &s(&target)]);
            assert_eq!(o.status.code(), Some(2), "{}", text(&o));
            assert!(stderr(&o).contains(&format!("entry `{entry}` does not match its SHA-256")), "{}", stderr(&o));
            assert!(!target.exists(), "nothing restored");
        }
        let not_zip = work.path().join("not.zip");
        std::fs::write(&not_zip, b"PK\x03\x04 not really").unwrap();
        let o = inzage(&["restore", &s(&not_zip), "--data-dir", &s(&work.path().join("x"))]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(stderr(&o).contains("is not an inzage backup"), "{}", stderr(&o));
        let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 4, "original, backup, tampered, not.zip and nothing else: {left:?}");
    }
}

/// `inzage notices` (issue 11): a letter per worker and an index; bad input exits 2 with nothing
/// written.
#[test]
fn notices_write_a_letter_per_worker_and_refuse_what_they_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let (generated, data, out) = (dir.path().join("generated"), dir.path().join("data"), dir.path().join("letters"));
    generate_small(&generated);
    import_all(&generated, &data);
    let base = ["notices", "--data-dir", data.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let unknown = inzage(&[&base[..], &["--system", "nope", "--lang", "en"]].concat());
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(
        stderr(&unknown).contains("--system nope") && stderr(&unknown).contains("scan-pace"),
        "{}",
        stderr(&unknown)
    );
    let url = inzage(&[&base[..], &["--public-url", "inzage.example.org", "--lang", "en"]].concat());
    assert_eq!(url.status.code(), Some(2), "{}", stderr(&url));
    assert!(stderr(&url).contains("--public-url"), "{}", stderr(&url));
    assert!(!out.exists(), "nothing written");

    let workers = generated.join("workers.csv");
    let ok = inzage(&[&base[..], &["--lang", "en", "--workers", workers.to_str().unwrap()]].concat());
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stderr(&ok).contains("12 letters (12 with an invitation)"), "{}", stderr(&ok));
    let index = std::fs::read_to_string(out.join("index.csv")).unwrap();
    let rows: Vec<Vec<&str>> = index.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 12);
    let mut ids: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=12).map(|i| format!("W{i:04}")).collect::<Vec<_>>());
    for r in &rows {
        assert_eq!(r[2], "en");
        assert!(out.join(r[4]).is_file() && out.join(r[5]).is_file(), "{r:?}");
        assert!(std::fs::read(out.join(r[4])).unwrap().starts_with(b"%PDF-"));
    }

    // The yearly report counts the run; a year before the first register is refused.
    let data_dir = data.to_str().unwrap();
    let year =
        jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap()).date().year();
    let json = inzage(&["report", "yearly", "--data-dir", data_dir, "--year", &year.to_string(), "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["format"], "inzage.yearly/1");
    assert_eq!(doc["notices"]["letters"], 12);
    assert_eq!(doc["systems"].as_array().unwrap().len(), 5, "the generated register's five systems");
    let early = inzage(&["report", "yearly", "--data-dir", data_dir, "--year", "1999", "--lang", "en"]);
    assert_eq!(early.status.code(), Some(2), "{}", stderr(&early));
    assert!(stderr(&early).contains("--year 1999"), "{}", stderr(&early));

    // The risk inventory: every audit row of scan-pace, and nothing else but rule findings.
    let risks = inzage(&["report", "risks", "--data-dir", data_dir, "--format", "json", "--lang", "en"]);
    assert!(risks.status.success(), "{}", stderr(&risks));
    let doc: serde_json::Value = serde_json::from_slice(&risks.stdout).unwrap();
    let scan = doc["systems"].as_array().unwrap().iter().find(|s| s["id"] == "scan-pace").unwrap();
    let sources: Vec<&str> = scan["risks"].as_array().unwrap().iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert!(
        sources.contains(&"norms[0].share_meeting_target") && sources.contains(&"breaks.break_penalty.difference_pp"),
        "{sources:?}"
    );
    assert!(sources.iter().all(|s| s.starts_with("arbo.") || s.starts_with("atw.") || s.contains('.')), "{sources:?}");
    let csv = inzage(&["report", "risks", "--data-dir", data_dir]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("system,system_name,area,source,finding,severity,figure,measures\n"), "{text}");
    let bad = inzage(&["report", "risks", "--data-dir", data_dir, "--format", "xlsx"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Issue 13: an audit needs an input; an unknown profile says which there are; `import` reads a
/// vendor's export through a profile and keeps it in inzage's own columns.
#[test]
fn profiles_work_for_import_and_bad_flags_say_what_to_write() {
    let o = inzage(&["audit", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--events, --decisions or --measures"), "{}", stderr(&o));
    let o = inzage(&["profile", "show", "sap"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("wms-scanner"), "{}", stderr(&o));
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/samples/");
    let o = inzage(&["audit", "--events", &format!("{samples}wms-scanner-events.csv"), "--reference", "Team"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("attribute=group"), "{}", stderr(&o));
    let o = inzage(&["audit", "--events", &format!("{samples}wms-scanner-events.csv")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no column `worker`") && stderr(&o).contains("try --profile wms-scanner"),
        "{}",
        stderr(&o)
    );

    let (generated, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(generated.path());
    let o = inzage(&[
        "import",
        "--data-dir",
        data.path().to_str().unwrap(),
        "--register",
        generated.path().join("register.toml").to_str().unwrap(),
        "--profile",
        "wms-scanner",
        "--events",
        &format!("{samples}wms-scanner-events.csv"),
        "--workers",
        &format!("{samples}wms-scanner-workers.csv"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let kept: Vec<_> = std::fs::read_dir(data.path().join("events")).unwrap().map(|e| e.unwrap().path()).collect();
    let text = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(text.starts_with("worker,time,kind,quantity\n"), "inzage's own columns: {}", &text[..80]);
    let rows = std::fs::read_to_string(format!("{samples}wms-scanner-events.csv")).unwrap().lines().count() - 1;
    assert_eq!(text.lines().count() - 1, rows, "every row of the export, none lost");
}

/// The HTML report of measures alone: no events sections, a table per measure and attribute,
/// and a mark on exactly the rows the JSON marks.
#[test]
fn the_html_report_of_measures_alone_marks_what_the_json_marks() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/samples/");
    let viva = format!("{samples}viva-person-query.csv");
    let args = ["audit", "--profile", "viva-person-query", "--measures", &viva, "--workers", &viva, "--lang", "en"];
    let json = inzage(&[&args[..], &["--format", "json"]].concat());
    assert!(json.status.success(), "{}", stderr(&json));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let html = inzage(&[&args[..], &["--format", "html"]].concat());
    assert!(html.status.success(), "{}", stderr(&html));
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("No events were given") && !html.contains("<h2>Production norms</h2>"));
    let measures = report["measures"].as_array().unwrap();
    let rows = |key: &str| -> usize {
        measures
            .iter()
            .flat_map(|m| m["groups"].as_array().unwrap())
            .flat_map(|g| g["rows"].as_array().unwrap())
            .filter(|r| key.is_empty() || r[key] == true)
            .count()
    };
    assert!(rows("differs") > 0, "the sample has a difference to mark");
    assert_eq!(html.matches("<tr class=\"flag\">").count(), rows("differs"));
    assert_eq!(html.matches("<h3>").count(), measures.len(), "one heading per measure");
    let tests = report["correction"]["tests"].as_u64().unwrap() as usize;
    assert_eq!(tests, rows(""), "every measure row with a Welch test is corrected for");
    assert!(html.contains(&format!("all {tests} comparisons")), "the report says how many tests");
}
