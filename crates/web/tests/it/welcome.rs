//! A worker's way in from their notice (issue 11), through the router: the code typed or in the
//! link makes their account once; a used, replaced or wrong code says so; wrong codes are limited
//! per address.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::attacks::{from, login, visitor};
use crate::{Reply, TestApp};

/// The demo register with three workers, and a notice for each; their codes by worker id.
async fn with_notices(app: &TestApp) -> BTreeMap<String, String> {
    let ids = ["W1", "W2", "W3"];
    let workers: Vec<domain::Worker> = ids
        .iter()
        .map(|id| domain::Worker { id: app.state.pseudonymiser.pseudonym(id), attributes: BTreeMap::new() })
        .collect();
    app.import_demo_register_with(&workers).await;
    let options = portal::notices::Options {
        lang: None,
        system: None,
        public_url: "http://127.0.0.1:8080".into(),
        ids: BTreeMap::new(),
        only: Default::default(),
    };
    let issued = app.state.issue_notices(&options, &app.dir().join("notices"), "test").await.unwrap();
    ids.iter()
        .map(|id| {
            let pseudonym = app.state.pseudonymiser.pseudonym(id);
            let letter = issued.letters.iter().find(|l| l.worker == pseudonym).unwrap();
            (id.to_string(), letter.invitation.clone().unwrap().code)
        })
        .collect()
}

fn post(csrf: &(String, String), uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let mut all = vec![("csrf", csrf.1.as_str())];
    all.extend_from_slice(fields);
    Request::post(uri)
        .header(header::COOKIE, csrf.0.as_str())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(serde_urlencoded::to_string(&all).unwrap()))
        .unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).header(header::ACCEPT_LANGUAGE, "en").body(Body::empty()).unwrap()
}

fn location(reply: &Reply) -> &str {
    reply.headers[header::LOCATION].to_str().unwrap()
}

const PASSWORD: &str = "mijn eigen lange wachtwoord";

#[tokio::test]
async fn a_notice_code_makes_the_workers_account_once() {
    let app = TestApp::empty().await;
    let codes = with_notices(&app).await;
    let csrf = visitor(&app).await;
    let peer = "198.51.100.7";

    // The code as typed on the page: lower case, spaces for dashes, then on to its own address.
    let code = &codes["W2"];
    let typed = code.to_lowercase().replace('-', " ");
    let reply = from(&app, peer, post(&csrf, "/welcome", &[("code", &typed)])).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let path = location(&reply).to_owned();
    assert_eq!(path, format!("/welcome/{code}"), "the code as printed");
    let form = from(&app, peer, get(&path)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("name=\"password\"") && form.body.contains("The code is right"));
    assert_eq!(form.headers[header::CACHE_CONTROL], "no-store", "the code is in the address");

    // A password that breaks the rules: said, and the code still works.
    let short =
        from(&app, peer, post(&csrf, &path, &[("name", "anna"), ("password", "kort"), ("confirm", "kort")])).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.body.contains("At least 12 characters") || short.body.contains("at least 12 characters"),
        "{}",
        short.body
    );
    let made =
        from(&app, peer, post(&csrf, &path, &[("name", "anna"), ("password", PASSWORD), ("confirm", PASSWORD)])).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(location(&made), "/login");

    // The account is W2's, and it reaches W2's own page.
    let account = app.state.store.account_for_login("anna").await.unwrap().unwrap().0;
    assert_eq!(account.worker, Some(app.state.pseudonymiser.pseudonym("W2")));
    let signed = from(&app, peer, login(&csrf, "anna", PASSWORD, None)).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&signed), "/me");

    // The second use of the code is refused, and says when it was used.
    let again = from(&app, peer, get(&path)).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("was used on"), "{}", again.body);
    let twice =
        from(&app, peer, post(&csrf, &path, &[("name", "mallory"), ("password", PASSWORD), ("confirm", PASSWORD)]))
            .await;
    assert_eq!(twice.status, StatusCode::GONE);
    assert!(app.state.store.account_for_login("mallory").await.unwrap().is_none());

    // Another worker's code cannot take a name that is taken.
    let other = format!("/welcome/{}", codes["W3"]);
    let taken =
        from(&app, peer, post(&csrf, &other, &[("name", "anna"), ("password", PASSWORD), ("confirm", PASSWORD)])).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("That name is taken"));
}

#[tokio::test]
async fn wrong_codes_are_limited_per_address() {
    let app = TestApp::empty().await;
    let codes = with_notices(&app).await;
    let peer = "198.51.100.8";
    for i in 0..web::FAILURES_PER_ACCOUNT {
        let reply = from(&app, peer, get(&format!("/welcome/AAAA-BBBB-CCC{i}"))).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert!(reply.body.contains("There is no such code"));
    }
    let limited = from(&app, peer, get(&format!("/welcome/{}", codes["W1"]))).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "even a right code waits after too many wrong ones");
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    // Another address is not held up.
    let elsewhere = from(&app, "198.51.100.9", get(&format!("/welcome/{}", codes["W1"]))).await;
    assert_eq!(elsewhere.status, StatusCode::OK);
}
