//! The portal through its router, against a real SQLite database in a fresh folder per test.

use std::collections::BTreeSet;
use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use store::{Import, Store};
use tower::ServiceExt;
use web::AppState;

mod attacks;
mod log;
mod many;
mod people;
mod public;
mod second;
mod welcome;

struct TestApp {
    _dir: tempfile::TempDir,
    /// The data folder: the temporary folder, or an organisation's in a folder of many.
    path: std::path::PathBuf,
    state: AppState,
    /// The session cookie sent with every request: an admin's, unless a test logs in otherwise.
    cookie: Option<String>,
}

#[derive(Debug)]
struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl TestApp {
    async fn empty() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let state = AppState::new(store, guard::Pseudonymiser::new([9; 32])).unwrap();
        let path = dir.path().to_owned();
        let mut app = TestApp { _dir: dir, path, state, cookie: None };
        app.cookie = Some(app.session("test-admin", domain::Role::Admin, None).await);
        app
    }

    /// A fresh database holding the demo organisation's register.
    async fn demo() -> TestApp {
        let app = TestApp::empty().await;
        app.import_demo_register().await;
        app
    }

    /// Imports the demo organisation's register (no workers, decisions or events); its version.
    async fn import_demo_register(&self) -> i64 {
        self.import_demo_register_with(&[]).await
    }

    /// Imports the demo organisation's register with these workers (already pseudonymised).
    async fn import_demo_register_with(&self, workers: &[domain::Worker]) -> i64 {
        let register = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap();
        self.state
            .store
            .import(&Import {
                register: &register,
                source: "register.toml",
                author: "test",
                workers,
                decisions: &[],
                events: None,
                time_zone: domain::DEFAULT_TIME_ZONE,
            })
            .await
            .unwrap()
    }

    async fn get(&self, uri: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
        let mut request = Request::get(uri);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie.as_str());
        }
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response = web::app(self.state.clone()).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    fn dir(&self) -> &Path {
        &self.path
    }

    async fn get_in(&self, uri: &str, lang: &str) -> Reply {
        self.get(uri, &[(header::ACCEPT_LANGUAGE, lang)]).await
    }
}

#[tokio::test]
async fn home_without_an_organisation_says_how_to_start() {
    let app = TestApp::empty().await;
    let reply = app.get_in("/", "en").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("No organisation loaded yet"), "{}", reply.body);
    assert!(reply.body.contains("inzage demo"));
}

#[tokio::test]
async fn home_says_what_inzage_is_in_both_languages() {
    let app = TestApp::demo().await;
    let en = app.get_in("/", "en-GB,en;q=0.9").await;
    let nl = app.get_in("/", "nl-NL,nl;q=0.9,en;q=0.5").await;
    assert!(en.body.contains("See inside the algorithms that manage work"));
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(nl.body.contains("Kijk in de algoritmen die werk sturen"));
    assert!(nl.body.contains("<html lang=\"nl\">"));
    assert!(nl.body.contains("Pakhuis Noord B.V."));
}

#[tokio::test]
async fn register_lists_every_system_with_its_facts() {
    let app = TestApp::demo().await;
    let reply = app.get_in("/register", "en").await;
    assert_eq!(reply.status, StatusCode::OK);
    let register = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("r.toml")).unwrap();
    assert!(register.systems.len() >= 5);
    for s in &register.systems {
        assert!(reply.body.contains(&format!("href=\"/systems/{}\"", s.id)), "no link to {}", s.id);
    }
    // The scanner system: consent requested but not granted, marked as missing.
    let row = section(&reply.body, "<tr id=\"system-scan-pace\">", "</tr>");
    assert!(row.contains("legitimate interest") && row.contains("requested, not given"), "{row}");
    assert!(row.contains("class=\"missing\""), "{row}");
    // The badge system has consent: not marked.
    let row = section(&reply.body, "<tr id=\"system-badge-access\">", "</tr>");
    assert!(row.contains("granted") && !row.contains("class=\"missing\""), "{row}");
    // The camera's planned emotion module is flagged.
    let row = section(&reply.body, "<tr id=\"system-camera\">", "</tr>");
    assert!(row.contains("one function not switched on"), "{row}");
}

fn section<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body.find(start).unwrap_or_else(|| panic!("no {start} in page"));
    let to = body[from..].find(end).map_or(body.len(), |i| from + i);
    &body[from..to]
}

#[tokio::test]
async fn a_system_page_shows_the_norm_and_what_is_not_registered() {
    let app = TestApp::demo().await;
    let nl = app.get_in("/systems/scan-pace", "nl").await;
    assert_eq!(nl.status, StatusCode::OK);
    // 3600 / 854 = 4.2154 s, written with a decimal comma in Dutch.
    let seconds = format!("{:.3}", 3600.0 / 854.0).replace('.', ",");
    assert!(
        nl.body.contains(&format!("854 gebeurtenissen van het soort scan per uur: één per {seconds} seconden")),
        "{}",
        nl.body
    );
    assert!(nl.body.contains("gerechtvaardigd belang"));
    // WorkPulse keeps screenshots with no retention period registered.
    let en = app.get_in("/systems/office-activity", "en").await;
    let row = section(&en.body, "<td>screenshots</td>", "</tr>");
    assert!(row.contains("no retention period set"), "{row}");
    assert!(en.body.contains("consent"));
    // The camera's planned mood detection, with the data it would add.
    let camera = app.get_in("/systems/camera", "en").await;
    assert!(
        camera.body.contains("Aggression and mood detection") && camera.body.contains("adds: emotions"),
        "{}",
        camera.body
    );
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_users_language() {
    let app = TestApp::demo().await;
    let reply = app.get_in("/systems/does-not-exist", "nl").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Pagina niet gevonden"));
    let reply = app.get_in("/nowhere", "en").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Page not found"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_that_wins_over_the_browser() {
    let app = TestApp::demo().await;
    let reply = app.get("/lang/en?back=/register", &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/register");
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    let page = app.get("/register", &[(header::ACCEPT_LANGUAGE, "nl"), (header::COOKIE, "lang=en")]).await;
    assert!(page.body.contains("Works council consent"));
    // Never an open redirect.
    let reply = app.get("/lang/nl?back=//example.org/", &[]).await;
    assert_eq!(reply.headers[header::LOCATION], "/");
    // Regression (security review M1): a TAB or newline that the browser drops, or a backslash it
    // reads as a slash, made `/…/evil.example` into `//evil.example`.
    for evil in ["/%09/evil.example", "/%0A/evil.example", "/%5C/evil.example", "/%09%5Cevil.example"] {
        let reply = app.get(&format!("/lang/nl?back={evil}"), &[]).await;
        assert_eq!(reply.headers[header::LOCATION], "/", "back={evil}");
    }
    let reply = app.get("/lang/fr", &[]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let app = TestApp::empty().await;
    let reply = app.get("/static/style.css", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
}

fn message_ids(lang: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(Path::new(locale::LOCALES_DIR).join(lang)).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let resource =
            fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| panic!("{path:?}: {errors:?}"));
        ids.extend(resource.body.iter().filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        }));
    }
    ids
}

/// Every file under `dir`, in its subfolders too.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_vocabulary_value_has_a_label() {
    let ids = message_ids("en");
    let mut wanted: Vec<String> = Vec::new();
    wanted.extend(domain::Status::ALL.iter().map(|v| format!("status-{v}")));
    wanted.extend(domain::FunctionStatus::ALL.iter().map(|v| format!("function-{v}")));
    wanted.extend(domain::Purpose::ALL.iter().map(|v| format!("purpose-{v}")));
    wanted.extend(domain::Subject::ALL.iter().map(|v| format!("subject-{v}")));
    wanted.extend(domain::Monitoring::ALL.iter().map(|v| format!("monitoring-{v}")));
    wanted.extend(domain::LegalBasis::ALL.iter().map(|v| format!("basis-{v}")));
    wanted.extend(domain::BiometricPurpose::ALL.iter().map(|v| format!("biometric-{v}")));
    wanted.extend(domain::DecisionKind::ALL.iter().map(|v| format!("decision-{v}")));
    wanted.extend(domain::DpiaStatus::ALL.iter().map(|v| format!("dpia-{v}")));
    wanted.extend(domain::Consent::ALL.iter().map(|v| format!("consent-{v}")));
    wanted.extend(domain::DataKind::ALL.iter().map(|v| format!("data-{v}")));
    wanted.extend(domain::Jurisdiction::ALL.iter().map(|v| format!("jurisdiction-{v}")));
    wanted.extend(["violation", "risk", "advice"].iter().map(|v| format!("severity-{v}")));
    let missing: Vec<_> = wanted.iter().filter(|k| !ids.contains(*k)).collect();
    assert!(missing.is_empty(), "no label for {missing:?}");
}

/// Every key the code and templates ask for by name exists: a typo would show the raw key.
#[test]
fn every_key_used_in_code_and_templates_exists() {
    let ids = message_ids("en");
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = BTreeSet::new();
    for dir in ["web/src", "web/templates", "portal/src", "portal/templates", "inzage/src"] {
        for path in files_under(&crates.join(dir)) {
            let text = std::fs::read_to_string(path).unwrap();
            for opener in [".t(\"", ".ta(\"", ".tn(\"", "fact(\"", "Invalid(\"", "Conflict(\"", "Unprocessable(\""] {
                for piece in text.split(opener).skip(1) {
                    if let Some(key) = piece.split('"').next() {
                        used.insert(key.to_owned());
                    }
                }
            }
        }
    }
    assert!(used.len() > 40, "found only {} keys: the scan is broken", used.len());
    // The command line names the flag for each refusal of the account rules.
    for key in ["invite-name", "invite-worker", "invite-not-worker", "invite-taken", "invite-name-control"] {
        used.insert(format!("cli-account-{key}"));
    }
    used.insert("cli-account-invite-worker-taken".into());
    used.insert("cli-token-days".into());
    used.insert("cli-token-disabled".into());
    // `inzage verify-log` names why the chain breaks (`store::ChainBreak::reason`).
    for reason in ["missing", "not-following", "changed", "seal", "cut", "head-differs"] {
        used.insert(format!("cli-log-{reason}"));
    }
    // A notice's help and quota lines are per jurisdiction (`portal::notices`).
    for j in domain::Jurisdiction::ALL.iter().filter(|j| **j != domain::Jurisdiction::Nl) {
        used.insert(format!("notice-right-help-{j}"));
        if !j.in_eu() {
            used.insert(format!("notice-right-quota-data-{j}"));
        }
    }
    let missing: Vec<_> = used.iter().filter(|k| !ids.contains(*k)).collect();
    assert!(missing.is_empty(), "used but not defined: {missing:?}");
}

#[tokio::test]
async fn the_rulebook_page_lists_every_rule_by_instrument() {
    // No register yet: the organisation is where an absent jurisdiction puts it, the Netherlands.
    let app = TestApp::empty().await;
    let reply = app.get_in("/rules", "en").await;
    assert_eq!(reply.status, StatusCode::OK);
    let book = rules::Rulebook::builtin().unwrap();
    let (dutch, elsewhere): (Vec<&rules::Rule>, Vec<&rules::Rule>) =
        book.rules().iter().partition(|r| r.applies_in(domain::Jurisdiction::Nl));
    assert!(!elsewhere.is_empty(), "the German and US packs are in the rulebook");
    for rule in &dutch {
        assert!(reply.body.contains(&format!("<tr id=\"{}\">", rule.def.id)), "{} missing", rule.def.id);
    }
    for rule in &elsewhere {
        assert!(!reply.body.contains(&format!("<tr id=\"{}\">", rule.def.id)), "{} is not Dutch law", rule.def.id);
    }
    for instrument in ["GDPR", "WOR", "AI Act", "PWD"] {
        assert!(reply.body.contains(&format!("<h2 id=\"{instrument}\">")), "{instrument}");
    }
    assert!(!reply.body.contains("<h2 id=\"BetrVG\">"));
    let unverified = dutch.iter().filter(|r| !r.def.verified).count();
    assert_eq!(reply.body.matches("<span class=\"unverified\">").count(), unverified);
    assert!(reply.body.contains("the Netherlands") && reply.body.contains(&dutch.len().to_string()));
}

#[tokio::test]
async fn a_system_page_shows_its_findings_with_the_article() {
    let app = TestApp::demo().await;
    let reply = app.get_in("/systems/scan-pace", "nl").await;
    let finding = section(&reply.body, "id=\"rule-wor.27l.monitoring-consent\"", "</article>");
    assert!(finding.contains("WOR art. 27(1)(l)") && finding.contains("overtreding"), "{finding}");
    let register = app.get_in("/register", "en").await;
    let badge = section(&register.body, "<tr id=\"system-badge-access\">", "</tr>");
    assert!(badge.contains("0 violations"), "{badge}");
    let scan = section(&register.body, "<tr id=\"system-scan-pace\">", "</tr>");
    assert!(!scan.contains("0 violations"), "{scan}");
}

#[tokio::test]
async fn the_history_shows_a_function_switched_on() {
    let app = TestApp::demo().await;
    let switched = synth::REGISTER_TOML.replace("status = \"planned\"", "status = \"enabled\"");
    let register = formats::register_from_str(&switched, false, Path::new("v2.toml")).unwrap();
    app.state
        .store
        .import(&Import {
            register: &register,
            source: "v2.toml",
            author: "privacy officer",
            workers: &[],
            decisions: &[],
            events: None,
            time_zone: domain::DEFAULT_TIME_ZONE,
        })
        .await
        .unwrap();
    let reply = app.get_in("/systems/camera", "en").await;
    let history = section(&reply.body, "id=\"history\"", "</section>");
    assert!(history.contains("The function “mood-detection” was switched on"), "{history}");
    assert!(
        history.contains("function[mood-detection].status")
            && history.contains("planned")
            && history.contains("enabled")
    );
    assert!(history.contains("Version 2") && history.contains("Version 1"), "{history}");
    // A system that did not change shows only that it was added.
    let badge = app.get_in("/systems/badge-access", "en").await;
    let history = section(&badge.body, "id=\"history\"", "</section>");
    assert!(!history.contains("Version 2") && history.contains("The system was added"), "{history}");
}

#[tokio::test]
async fn the_audit_page_shows_the_report_for_a_system_with_a_norm() {
    let app = TestApp::empty().await;
    let dir = tempfile::tempdir().unwrap();
    let summary =
        synth::generate(&synth::Params { workers: 30, days: 4, ..synth::Params::demo() }, dir.path()).unwrap();
    let register = formats::read_register(&summary.register).unwrap();
    let workers = formats::read_workers(&summary.workers).unwrap();
    let decisions = formats::read_decisions(&summary.decisions, &formats::TimeParser::amsterdam()).unwrap();
    app.state
        .store
        .import(&Import {
            register: &register,
            source: "register.toml",
            author: "test",
            workers: &workers,
            decisions: &decisions,
            events: Some((&summary.events, summary.event_count)),
            time_zone: domain::DEFAULT_TIME_ZONE,
        })
        .await
        .unwrap();
    let system = app.get_in("/systems/scan-pace", "en").await;
    assert!(system.body.contains("href=\"/systems/scan-pace/audit\""), "the system page links to its audit");
    let reply = app.get_in("/systems/scan-pace/audit", "en").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("Audit of the monitoring data") && reply.body.contains("<svg"),
        "{}",
        &reply.body[..500]
    );
    assert!(reply.body.contains("The toilet test"));
    assert_eq!(reply.body.matches("<svg").count(), 2, "the rate histogram and the break bars");
    assert!(reply.body.contains("took the break: ") && reply.body.contains("skipped the break: "));
    // The same numbers as the engine computes directly.
    let mut params = audit::Params::new(summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers_data = Some(workers.clone());
    params.decisions_data = Some(decisions.clone());
    let direct = audit::audit(&params).await.unwrap();
    assert!(
        reply.body.contains(&format!(
            "{} recorded events",
            direct
                .events
                .to_string()
                .as_bytes()
                .rchunks(3)
                .rev()
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join(",")
        )),
        "{}",
        &reply.body[..2000]
    );
    // A system without a norm has no audit page.
    assert_eq!(app.get_in("/systems/badge-access/audit", "en").await.status, StatusCode::NOT_FOUND);
}

/// Security review M10: a register version stored as JSON that no longer reads (here `null`
/// where a number was, as `inf` used to be stored) made every system page answer 500 for good,
/// even after a good register was imported again. It is now skipped and flagged in the history.
#[tokio::test]
async fn a_stored_version_edited_by_hand_to_be_unreadable_is_flagged_not_a_500() {
    let app = TestApp::demo().await;
    let raw = store::Raw::open(app.dir()).await.unwrap();
    let db = raw.pool();
    let document: String =
        sqlx::query_scalar("SELECT document FROM register_version WHERE id = 1").fetch_one(db).await.unwrap();
    let mut broken: serde_json::Value = serde_json::from_str(&document).unwrap();
    fn null_hours(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(hours) = map.get_mut("hours") {
                    *hours = serde_json::Value::Null;
                }
                map.values_mut().for_each(null_hours);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(null_hours),
            _ => {}
        }
    }
    null_hours(&mut broken);
    assert_ne!(broken.to_string(), document, "the demo register has a shift to break");
    sqlx::query(
        "INSERT INTO register_version (created_at, author, source, document) VALUES ($1, 'by hand', 'register.toml', $2)",
    )
    .bind("2026-03-02T12:00:00Z")
    .bind(broken.to_string())
    .execute(db)
    .await
    .unwrap();
    db.close().await;
    // A good register imported after it, as the review did.
    assert_eq!(app.import_demo_register().await, 3);
    let register = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap();

    for system in &register.systems {
        let page = app.get_in(&format!("/systems/{}", system.id), "en").await;
        assert_eq!(page.status, StatusCode::OK, "{}: {}", system.id, page.body);
        let history = section(&page.body, "id=\"history\"", "</section>");
        assert!(history.contains("Version 2") && history.contains("cannot be read"), "{history}");
    }
    assert_eq!(app.get_in("/", "en").await.status, StatusCode::OK);
    assert_eq!(app.get_in("/register", "en").await.status, StatusCode::OK);
}
