//! Many organisations in one data folder (issue 15): `--organisation`, `generate
//! --organisations`, `import --organisations` and the inspector's overview, with every figure
//! of the overview computed again from the generated files by other commands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::{inzage, stderr};

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What the overview says of one organisation, computed again: `inzage audit` over its files
/// and `inzage check` of its register with that audit.
fn recomputed(folder: &Path, work: &Path) -> (BTreeMap<String, u64>, BTreeSet<String>, BTreeSet<String>, Value) {
    let register = folder.join("register.toml");
    let mut check = vec!["check".to_owned(), s(&register).to_owned(), "--format".into(), "json".into()];
    let mut audit = Value::Null;
    if folder.join("events.parquet").exists() {
        let report = work.join(format!("{}.json", folder.file_name().unwrap().to_str().unwrap()));
        let o = inzage(&[
            "audit",
            "--register",
            s(&register),
            "--events",
            s(&folder.join("events.parquet")),
            "--workers",
            s(&folder.join("workers.csv")),
            "--decisions",
            s(&folder.join("decisions.csv")),
            "--format",
            "json",
            "--out",
            s(&report),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        audit = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        check.extend(["--audit".into(), format!("scan-pace={}", s(&report))]);
    }
    let args: Vec<&str> = check.iter().map(String::as_str).collect();
    let o = inzage(&args);
    // `check` exits 1 when it finds a violation.
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let found: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut violations = BTreeMap::new();
    let mut consent = BTreeSet::new();
    let mut dpia = BTreeSet::new();
    for f in found["findings"].as_array().unwrap().iter().filter(|f| f["kind"] == "finding") {
        let rule = f["rule"].as_str().unwrap();
        let system = f["system"].as_str().unwrap().to_owned();
        if f["severity"] == "violation" {
            *violations.entry(f["citations"][0]["instrument"].as_str().unwrap().to_owned()).or_insert(0) += 1;
        }
        if rule.ends_with("monitoring-consent") || rule.ends_with("pvt-consent") || rule.ends_with("codetermination") {
            consent.insert(system.clone());
        }
        if rule.starts_with("gdpr.dpia.ap-list") || rule.ends_with("before-go-live") || rule.ends_with(".dpia") {
            dpia.insert(system);
        }
    }
    (violations, consent, dpia, audit)
}

#[test]
fn the_overview_of_generated_organisations_equals_what_check_and_audit_find_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let o = inzage(&["generate", "--organisations", "14", "--days", "1", "--seed", "7", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = inzage(&["import", "--organisations", s(&generated), "--data-dir", s(&root)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Loaded 14 organisations"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    let overview = json(&inzage(&["report", "inspector", "--data-dir", s(&root), "--format", "json"]));
    assert_eq!(overview["format"], "inzage.inspector/1");
    assert_eq!(overview["total"], 14);
    let orgs = overview["organisations"].as_array().unwrap();
    assert_eq!(orgs.len(), 14);
    let mut audited = 0;
    for org in orgs {
        let id = org["id"].as_str().unwrap();
        let folder = generated.join(id);
        let register: toml::Table = std::fs::read_to_string(folder.join("register.toml")).unwrap().parse().unwrap();
        assert_eq!(org["name"].as_str(), register["organisation"]["name"].as_str(), "{id}");
        assert_eq!(org["sector"].as_str(), register["organisation"]["sector"].as_str(), "{id}");
        assert_eq!(org["systems"].as_u64(), Some(register["system"].as_array().unwrap().len() as u64), "{id}");
        let (violations, consent, dpia, audit) = recomputed(&folder, &work);
        let shown: BTreeMap<String, u64> = serde_json::from_value(org["violations"].clone()).unwrap();
        assert_eq!(shown, violations, "{id}: violations by instrument");
        let shown: BTreeSet<String> = serde_json::from_value(org["consent_missing"].clone()).unwrap();
        assert_eq!(shown, consent, "{id}: consent missing");
        let shown: BTreeSet<String> = serde_json::from_value(org["dpia_missing"].clone()).unwrap();
        assert_eq!(shown, dpia, "{id}: DPIA missing");
        let a = &org["audits"];
        if audit.is_null() {
            assert_eq!(a["audited"], 0, "{id}");
            assert!(a["attainment"].is_null(), "{id}");
            continue;
        }
        audited += 1;
        assert_eq!(a["audited"], 1, "{id}");
        let lowest = audit["norms"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["share_meeting_target"].as_f64())
            .fold(f64::INFINITY, f64::min);
        assert_eq!(a["attainment"].as_f64(), Some(lowest), "{id}: attainment");
        let penalty = &audit["breaks"]["break_penalty"];
        assert_eq!(a["toilet_test_pp"].as_f64(), penalty["difference_pp"].as_f64(), "{id}: toilet test");
        let failed = penalty["ci95_pp"][1].as_f64().is_some_and(|u| u < 0.0);
        assert_eq!(a["toilet_test_failed"].as_bool(), Some(failed), "{id}");
    }
    assert!(audited >= 3, "only {audited} of 14 organisations have events to audit");

    // Worst first by violations, as the default says.
    let counts: Vec<u64> =
        orgs.iter().map(|o| o["violations"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let mut per_sector: BTreeMap<&str, u64> = BTreeMap::new();
    for org in orgs {
        *per_sector.entry(org["sector"].as_str().unwrap()).or_insert(0) += 1;
    }

    // Filters: a sector, a size, and a bad value named with what there is.
    let sector = orgs[0]["sector"].as_str().unwrap();
    let filtered = json(&inzage(&[
        "report",
        "inspector",
        "--data-dir",
        s(&root),
        "--format",
        "json",
        "--sector",
        sector,
        "--sort",
        "name",
    ]));
    let names: Vec<&str> =
        filtered["organisations"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names.len() as u64, per_sector[sector]);
    assert!(names.windows(2).all(|w| w[0].to_lowercase() <= w[1].to_lowercase()), "{names:?}");
    let bad = inzage(&["report", "inspector", "--data-dir", s(&root), "--sector", "bakery"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--sector `bakery`: choose one of") && stderr(&bad).contains(sector),
        "{}",
        stderr(&bad)
    );
    let bad = inzage(&["report", "inspector", "--data-dir", s(&root), "--size", "huge"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("micro, small, medium, large, unknown"), "{}", stderr(&bad));

    // The HTML names every organisation, in Dutch too.
    let html = inzage(&["report", "inspector", "--data-dir", s(&root), "--lang", "nl"]);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("Overzicht van organisaties"), "{html}");
    for org in orgs {
        assert!(html.contains(org["id"].as_str().unwrap()));
    }
}

#[test]
fn a_command_names_its_organisation_and_sees_only_that_ones_people() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "2", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for id in ["org-0001", "org-0002"] {
        let register = generated.join(id).join("register.toml");
        let o = inzage(&["import", "--data-dir", s(&root), "--organisation", id, "--register", s(&register)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(root.join("organisations").join(id).join("summary.json").is_file());
    }
    // Two organisations: a command must name one.
    let o = inzage(&["user", "list", "--data-dir", s(&root)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds 2 organisations: name one with --organisation (org-0001, org-0002)"),
        "{}",
        stderr(&o)
    );
    let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", "org-0003"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no organisation org-0003 (it holds: org-0001, org-0002)"), "{}", stderr(&o));
    assert!(!root.join("organisations/org-0003").exists(), "naming an unknown organisation makes nothing");
    let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", "../org-0001"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("lower-case letters, digits and hyphens"), "{}", stderr(&o));

    // An account made in one organisation is not in the other's database.
    let mut add = super::command()
        .args([
            "user",
            "add",
            "--data-dir",
            s(&root),
            "--organisation",
            "org-0001",
            "--role",
            "admin",
            "--name",
            "privacy-one",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin.take().unwrap().write_all(b"a long enough password\n").unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
    let list = |id: &str| {
        let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", id]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(list("org-0001").contains("privacy-one"));
    assert!(!list("org-0002").contains("privacy-one"));
    // Each organisation has its own keys: its access log verifies under its own.
    for id in ["org-0001", "org-0002"] {
        let folder = root.join("organisations").join(id);
        assert!(folder.join("pseudonym.key").is_file(), "{id}");
        let o = inzage(&["verify-log", "--data-dir", s(&root), "--organisation", id]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
    }
    let one = std::fs::read(root.join("organisations/org-0001/pseudonym.key")).unwrap();
    let two = std::fs::read(root.join("organisations/org-0002/pseudonym.key")).unwrap();
    assert_ne!(one, two, "one key for all would give every organisation's identifiers away at once");

    // A folder that is one organisation cannot take a second.
    let single = dir.path().join("single");
    let register = generated.join("org-0001/register.toml");
    let o = inzage(&["import", "--data-dir", s(&single), "--register", s(&register)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = inzage(&["import", "--data-dir", s(&single), "--organisation", "b", "--register", s(&register)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds one organisation at its top level"), "{}", stderr(&o));
    let o = inzage(&["report", "inspector", "--data-dir", s(&single)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a folder of many organisations"), "{}", stderr(&o));
}

#[test]
fn a_bulk_import_stops_at_the_first_organisation_it_cannot_load_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "3", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let broken = generated.join("org-0002/register.toml");
    let text = std::fs::read_to_string(&broken)
        .unwrap()
        .replace("format = \"inzage.register/1\"", "format = \"inzage.register/1\"\nshoe_size = 44");
    std::fs::write(&broken, text).unwrap();
    let o = inzage(&["import", "--organisations", s(&generated), "--data-dir", s(&root)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let message = stderr(&o);
    assert!(message.contains("organisation org-0002") && message.contains("shoe_size"), "{message}");
    assert!(message.contains("The 1 before it are loaded; nothing of org-0002 is."), "{message}");
    assert!(root.join("organisations/org-0001/summary.json").is_file());
    let overview = json(&inzage(&["report", "inspector", "--data-dir", s(&root), "--format", "json"]));
    assert_eq!(overview["total"], 1, "{overview}");
    assert_eq!(overview["without_summary"], serde_json::json!([]));
    assert!(!root.join("organisations/org-0002").exists(), "an organisation that failed is not left half-made");
    // A single import of a new organisation that fails leaves nothing either.
    let o = inzage(&["import", "--data-dir", s(&root), "--organisation", "org-0002", "--register", s(&broken)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!root.join("organisations/org-0002").exists());
}

#[test]
fn sector_figures_hide_small_sectors_and_the_published_table_names_no_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "90", "--days", "1", "--seed", "3", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Registers only: the sector figures need no events, and the import is quicker without.
    for entry in std::fs::read_dir(&generated).unwrap() {
        let folder = entry.unwrap().path();
        for file in ["events.parquet", "workers.csv", "decisions.csv"] {
            let _ = std::fs::remove_file(folder.join(file));
        }
    }
    let o = inzage(&["import", "--organisations", s(&generated), "--data-dir", s(&root)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let overview = json(&inzage(&["report", "inspector", "--data-dir", s(&root), "--format", "json"]));
    let orgs = overview["organisations"].as_array().unwrap();
    assert_eq!(orgs.len(), 90);
    let mut per_sector: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for org in orgs {
        per_sector.entry(org["sector"].as_str().unwrap()).or_default().push(org);
    }
    let published =
        json(&inzage(&["report", "inspector", "--data-dir", s(&root), "--format", "json", "--sectors-only"]));
    assert_eq!(published["format"], "inzage.sectors/1");
    assert_eq!(published["sectors"], overview["sectors"], "the same figures as the inspector's view");
    let text = published.to_string();
    for org in orgs {
        assert!(!text.contains(org["id"].as_str().unwrap()) && !text.contains(org["name"].as_str().unwrap()));
    }
    let rows = published["sectors"]["rows"].as_array().unwrap();
    assert!(!rows.is_empty(), "90 organisations in 7 sectors: some sector has 10 or more");
    let mut shown = 0;
    let mut counted = 0;
    for row in rows {
        let of = &per_sector[row["sector"].as_str().unwrap()];
        let n = row["organisations"].as_u64().unwrap();
        assert!(n >= 10, "{row}");
        assert_eq!(n, of.len() as u64, "{row}");
        // A count is shown or not (null); where shown it is the count.
        let with = of.iter().filter(|o| !o["violations"].as_object().unwrap().is_empty()).count() as u64;
        assert!(row["with_violations"].is_null() || row["with_violations"].as_u64() == Some(with), "{row}");
        let consent = of.iter().filter(|o| !o["consent_missing"].as_array().unwrap().is_empty()).count() as u64;
        assert!(row["consent_missing"].is_null() || row["consent_missing"].as_u64() == Some(consent), "{row}");
        counted += u64::from(!row["consent_missing"].is_null());
        shown += n;
    }
    assert!(counted > 0, "no sector's consent count is shown: {published}");
    // Every small sector is hidden, and never one alone: the total minus the others would give it back.
    let small = per_sector.values().filter(|v| v.len() < 10).count() as u64;
    let hidden = published["sectors"]["hidden"].as_u64().unwrap();
    assert!(hidden >= small && hidden != 1, "{hidden} hidden, {small} small");
    assert_eq!(published["sectors"]["organisations_hidden"].as_u64(), Some(90 - shown));
    let html = inzage(&["report", "inspector", "--data-dir", s(&root), "--sectors-only", "--lang", "en"]);
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("No organisation is named") && !html.contains("org-0001"), "{html}");
}

#[test]
fn a_folder_of_organisations_with_a_bad_name_loads_nothing_and_one_key_for_all_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "2", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::rename(generated.join("org-0002"), generated.join("Org_B")).unwrap();
    let o = inzage(&["import", "--organisations", s(&generated), "--data-dir", s(&root)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the folder Org_B is not an organisation id") && stderr(&o).contains("Nothing was loaded"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("organisations").exists(), "nothing was loaded");
    std::fs::rename(generated.join("Org_B"), generated.join("org-0002")).unwrap();
    let key = dir.path().join("one.key");
    let o = super::command()
        .args(["import", "--organisations", s(&generated), "--data-dir", s(&root)])
        .env("INZAGE_KEY_FILE", &key)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("INZAGE_KEY_FILE names one key file"), "{}", stderr(&o));
    assert!(!key.exists() && !root.join("organisations").exists());
}

/// `user add` with a password on standard input; its output.
fn add_user(args: &[&str], password: &str) -> std::process::Output {
    use std::io::Write;
    let mut add = super::command()
        .args(["user", "add"])
        .args(args)
        .arg("--password-stdin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    add.wait_with_output().unwrap()
}

/// One HTTP/1.1 request; the status line and headers, and the body.
fn http(addr: &str, method: &str, path: &str, cookies: &[String], body: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let cookie = if cookies.is_empty() { String::new() } else { format!("Cookie: {}\r\n", cookies.join("; ")) };
    let form = if method == "POST" { "Content-Type: application/x-www-form-urlencoded\r\n" } else { "" };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Language: en\r\n{cookie}{form}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.to_owned(), body.to_owned())
}

/// The `name=value` of each cookie a response sets.
fn set_cookies(head: &str) -> Vec<String> {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .collect()
}

#[test]
fn an_inspector_granted_all_organisations_logs_in_to_each_through_one_portal_and_sees_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "3", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for id in ["org-0001", "org-0002"] {
        let register = generated.join(id).join("register.toml");
        let o = inzage(&["import", "--data-dir", s(&root), "--organisation", id, "--register", s(&register)]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let password = "an inspector's long password";
    // Only an inspector is granted organisations, only in a folder of many, only those there are.
    let o = add_user(&["--data-dir", s(&root), "--role", "admin", "--name", "x", "--organisations", "all"], password);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only an inspector is granted organisations"), "{}", stderr(&o));
    let o = add_user(
        &["--data-dir", s(&root), "--role", "inspector", "--name", "ina", "--organisations", "org-0001,org-0009"],
        password,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("org-0009"), "{}", stderr(&o));
    assert!(!root.join("inspectors.json").exists(), "a refused grant keeps nothing");
    let o =
        add_user(&["--data-dir", s(&root), "--role", "inspector", "--name", "ina", "--organisations", "all"], password);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("granted ina 2 organisations"));
    // An organisation imported later gets the account too.
    let register = generated.join("org-0003/register.toml");
    let o = inzage(&["import", "--data-dir", s(&root), "--organisation", "org-0003", "--register", s(&register)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for id in ["org-0001", "org-0002", "org-0003"] {
        let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", id]);
        assert!(String::from_utf8_lossy(&o.stdout).contains("ina\tinspector"), "{id}: {}", stderr(&o));
    }
    // A second grant of the same name is refused with what to do.
    let o = add_user(
        &["--data-dir", s(&root), "--role", "inspector", "--name", "ina", "--organisations", "org-0001"],
        password,
    );
    assert_eq!(o.status.code(), Some(2));

    // One portal for the folder: choose org-0002 by its link, log in, read the overview.
    let mut child = super::command()
        .args(["serve", "--data-dir", s(&root), "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let addr = super::address(&mut child);
    let (head, _) = http(&addr, "GET", "/", &[], "");
    assert!(head.starts_with("HTTP/1.1 303") && head.contains("location: /organisations"), "{head}");
    let (head, _) = http(&addr, "GET", "/o/org-0002/login", &[], "");
    assert!(head.starts_with("HTTP/1.1 303") && head.contains("location: /login"), "{head}");
    let mut cookies = set_cookies(&head);
    assert_eq!(cookies, ["inzage_organisation=org-0002"]);
    let (head, page) = http(&addr, "GET", "/login", &cookies, "");
    assert!(head.starts_with("HTTP/1.1 200") && page.contains("org-0002"), "{head}");
    cookies.extend(set_cookies(&head));
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let form =
        serde_urlencoded_like(&[("csrf", &csrf), ("next", "/overview"), ("name", "ina"), ("password", password)]);
    let (head, _) = http(&addr, "POST", "/login", &cookies, &form);
    assert!(head.starts_with("HTTP/1.1 303"), "{head}");
    cookies.extend(set_cookies(&head).into_iter().filter(|c| c.starts_with("inzage_session=")));
    let (head, page) = http(&addr, "GET", "/overview?sort=name", &cookies, "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}\n{page}");
    for id in ["org-0001", "org-0002", "org-0003"] {
        assert!(page.contains(&format!("({id})")), "{id} missing from the overview");
    }
    // The session is org-0002's: in org-0001 the same cookie is nobody's.
    let other: Vec<String> =
        cookies
            .iter()
            .map(|c| {
                if c.starts_with("inzage_organisation=") {
                    "inzage_organisation=org-0001".to_owned()
                } else {
                    c.clone()
                }
            })
            .collect();
    let (head, _) = http(&addr, "GET", "/overview", &other, "");
    assert!(head.starts_with("HTTP/1.1 303") && head.contains("location: /login"), "{head}");
    let err = super::stop(child);
    assert!(!err.contains("panicked"), "{err}");

    // Revoked: the accounts the grant made are disabled, and a later organisation gets none.
    let o = inzage(&["user", "revoke", "--data-dir", s(&root), "--name", "nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nobody has no grant"), "{}", stderr(&o));
    let o = inzage(&["user", "revoke", "--data-dir", s(&root), "--name", "ina"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("its accounts disabled in 3 organisations"), "{}", stderr(&o));
    for id in ["org-0001", "org-0002", "org-0003"] {
        let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", id]);
        let list = String::from_utf8_lossy(&o.stdout).into_owned();
        let line = list.lines().find(|l| l.starts_with("ina\tinspector")).unwrap_or_default();
        assert!(line.contains("disabled"), "{id}: {list}");
    }
    assert!(!std::fs::read_to_string(root.join("inspectors.json")).unwrap().contains("\"ina\""));
    let register = generated.join("org-0003/register.toml");
    let o = inzage(&["import", "--data-dir", s(&root), "--organisation", "org-0004", "--register", s(&register)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", "org-0004"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("ina\t"), "no account after the grant was revoked");
}

/// A form body: each value percent-encoded.
fn serde_urlencoded_like(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let encoded: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={encoded}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn a_linked_export_folder_is_imported_and_a_restored_organisation_has_its_figures_under_its_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let exports = dir.path().join("exports");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "2", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The second organisation's folder is a link to where its export lies.
    std::fs::create_dir_all(&exports).unwrap();
    std::fs::rename(generated.join("org-0002"), exports.join("org-0002")).unwrap();
    std::os::unix::fs::symlink(exports.join("org-0002"), generated.join("org-0002")).unwrap();
    let o = inzage(&["import", "--organisations", s(&generated), "--data-dir", s(&root)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("organisations/org-0002/summary.json").is_file(), "the linked folder was imported");
    // A backup of org-0001 restored as org-0009: the overview has it under org-0009.
    let archive = dir.path().join("org-0001.zip");
    let o = inzage(&[
        "backup",
        "--data-dir",
        s(&root),
        "--organisation",
        "org-0001",
        "--out",
        s(&archive),
        "--include-keys",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = inzage(&["restore", s(&archive), "--data-dir", s(&root), "--organisation", "org-0009"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let overview = json(&inzage(&["report", "inspector", "--format", "json", "--data-dir", s(&root)]));
    let ids: Vec<&str> =
        overview["organisations"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"org-0009") && ids.contains(&"org-0001"), "{ids:?}");
    assert!(overview["without_summary"].as_array().unwrap().is_empty(), "{overview}");
}

#[test]
fn an_import_whose_data_is_in_succeeds_with_a_warning_when_the_inspectors_figures_cannot_be_updated() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let root = dir.path().join("root");
    let o = inzage(&["generate", "--organisations", "2", "--days", "1", "--out", s(&generated)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let register = generated.join("org-0001/register.toml");
    let o = inzage(&["import", "--data-dir", s(&root), "--organisation", "org-0001", "--register", s(&register)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A grants file that cannot be read: the next import loads its data, says so, and warns.
    std::fs::write(root.join("inspectors.json"), "{ not json").unwrap();
    let register = generated.join("org-0002/register.toml");
    let o = inzage(&["import", "--data-dir", s(&root), "--organisation", "org-0002", "--register", s(&register)]);
    assert!(o.status.success(), "the data is in: {}", stderr(&o));
    assert!(stderr(&o).contains("warning: the data is in, but the inspector's figures"), "{}", stderr(&o));
    let o = inzage(&["user", "list", "--data-dir", s(&root), "--organisation", "org-0002"]);
    assert!(o.status.success(), "org-0002 was loaded: {}", stderr(&o));
}
