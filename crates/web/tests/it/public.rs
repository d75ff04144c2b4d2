//! The public register (issue 11), walked anonymously: off until the admin publishes it; then
//! the register's systems in Dutch and English with no pseudonym, worker identifier or count from
//! the data anywhere, and the findings only when the admin chose them.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::{Method, StatusCode, header};
use domain::Role;

use crate::TestApp;

/// The demo register with 30 workers (and their attributes) and a decision each in the store.
async fn with_people(app: &TestApp) -> Vec<String> {
    let ids: Vec<String> = (1..=30).map(|i| format!("W{i:04}")).collect();
    let workers: Vec<domain::Worker> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| domain::Worker {
            id: app.state.pseudonymiser.pseudonym(id),
            attributes: BTreeMap::from([("team".to_owned(), ["a", "b", "c"][i % 3].to_owned())]),
        })
        .collect();
    app.import_demo_register_with(&workers).await;
    ids
}

async fn anonymous(app: &TestApp, uri: &str, lang: &str) -> crate::Reply {
    app.send(Method::GET, uri, &[(header::ACCEPT_LANGUAGE, lang.to_owned())], String::new()).await
}

/// The page's text, without its markup.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn integers(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_start_matches('0').to_owned())
        .collect()
}

#[tokio::test]
async fn the_public_register_shows_the_systems_and_nothing_about_anyone() {
    let app = TestApp::empty().await;
    let ids = with_people(&app).await;
    let admin = app.person("admin", Role::Admin, None).await;
    let council = app.person("or", Role::Council, None).await;

    // Off until the admin publishes it.
    assert_eq!(anonymous(&app, "/public/register", "en").await.status, StatusCode::NOT_FOUND);
    let off = anonymous(&app, "/public/register.json", "en").await;
    assert_eq!(off.status, StatusCode::NOT_FOUND);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&off.body).unwrap()["status"], 404, "JSON for a program");
    let page = app.page(&admin, "/register").await;
    assert!(page.body.contains("id=\"publication-off\" value=\"off\" checked"), "the admin sees the choice");
    assert!(!app.page(&council, "/register").await.body.contains("id=\"publication\""), "only the admin");
    let refused = app.post_form(&council, "/register/public", &[("publication", "register")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app.post_form(&admin, "/register/public", &[("publication", "everything")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(!anonymous(&app, "/", "en").await.body.contains("id=\"home-public\""), "no link while off");
    let set = app.post_form(&admin, "/register/public", &[("publication", "register")]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert!(anonymous(&app, "/", "en").await.body.contains("href=\"/public/register\""), "the home page links it");

    let register = synth::REGISTER_TOML;
    let live: Vec<(String, String)> = register.parse::<toml::Table>().unwrap()["system"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"].as_str() != Some("retired"))
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["name"].as_str().unwrap().to_owned()))
        .collect();
    let today = jiff::Timestamp::now().to_string();
    // Numbers the page may show: those the register itself states, the standard's version, today.
    let allowed: BTreeSet<String> =
        integers(register).into_iter().chain(integers(&today)).chain(integers("1.0")).collect();
    for lang in ["en", "nl"] {
        let reply = anonymous(&app, "/public/register", lang).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let shown = text(&reply.body);
        for (id, name) in &live {
            assert!(
                reply.body.contains(&format!("id=\"public-{id}\"")) && shown.contains(name.as_str()),
                "{lang}: {id}"
            );
        }
        assert!(!shown.contains("P-"), "{lang}: a pseudonym is shown");
        for id in &ids {
            assert!(!shown.contains(id.as_str()), "{lang}: {id} is shown");
        }
        let unexplained: Vec<String> = integers(&shown).difference(&allowed).cloned().collect();
        assert!(unexplained.is_empty(), "{lang}: numbers the register does not state: {unexplained:?}");
        assert!(!shown.contains("finds"), "{lang}: no findings unless chosen");
    }
    assert!(text(&anonymous(&app, "/public/register", "nl").await.body).contains("Openbaar register"));

    let json = anonymous(&app, "/public/register.json", "en").await;
    assert_eq!(json.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    for lang in ["nl", "en"] {
        let names: Vec<&str> = doc[lang].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
        assert_eq!(names, live.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), "{lang}");
    }
    assert_eq!(doc["nl"][0]["status"], "In gebruik");
    assert_eq!(doc["en"][0]["status"], "in use");
    assert!(doc.get("findings").is_none());
    assert!(!json.body.contains("P-") && ids.iter().all(|id| !json.body.contains(id.as_str())));

    // With findings: the rulebook's, by system, in the page and the JSON.
    let set = app.post_form(&admin, "/register/public", &[("publication", "with_findings")]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let reply = anonymous(&app, "/public/register", "en").await;
    assert!(reply.body.contains("What the rulebook finds"));
    let doc: serde_json::Value =
        serde_json::from_str(&anonymous(&app, "/public/register.json", "en").await.body).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["system"] == "scan-pace"), "the demo's scan-pace breaks rules");
    for f in findings {
        let title = f["title"]["en"].as_str().unwrap();
        assert!(reply.body.contains(&askama_escape(title)), "the page shows {title}");
    }
    // And off again.
    app.post_form(&admin, "/register/public", &[("publication", "off")]).await;
    assert_eq!(anonymous(&app, "/public/register", "en").await.status, StatusCode::NOT_FOUND);
}

fn askama_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}
