//! Accounts, roles, sessions, CSRF, a worker's own data, contests and the API, through the router
//! against a real SQLite database and real event files.

use std::collections::BTreeMap;
use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::Role;
use http_body_util::BodyExt;
use proptest::prelude::*;
use store::Import;
use tower::ServiceExt;
use web::guard::Access;
use web::routes::ROUTES;

use crate::{Reply, TestApp};

/// A logged-in person: their cookie, forms' token, API token and pseudonym.
#[derive(Clone, Debug)]
pub struct Person {
    pub role: Role,
    pub cookie: String,
    pub csrf: String,
    pub bearer: String,
    pub worker: Option<String>,
}

impl TestApp {
    /// An account with a session (as a login would make) and an API token; returns the cookie.
    pub async fn session(&self, name: &str, role: Role, worker: Option<&str>) -> String {
        self.person(name, role, worker).await.cookie
    }

    pub async fn person(&self, name: &str, role: Role, worker: Option<&str>) -> Person {
        let store = &self.state.store;
        let pseudonym = worker.map(|w| self.state.pseudonymiser.pseudonym(w));
        let account = store.add_account(name, role, pseudonym.as_deref(), Some("$argon2id$unused")).await.unwrap();
        let (token, csrf, bearer) =
            (guard::new_token().unwrap(), guard::new_token().unwrap(), guard::new_token().unwrap());
        store
            .create_session(account.id, &guard::token_hash(&token), &csrf, portal::people::now_seconds())
            .await
            .unwrap();
        let expires = portal::people::now_seconds() + 86_400;
        store.add_api_token(account.id, &guard::token_hash(&bearer), "test", expires).await.unwrap();
        Person { role, cookie: format!("{}={token}", web::SESSION_COOKIE), csrf, bearer, worker: pseudonym }
    }

    /// Any request, with exactly the credentials given.
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        headers: &[(header::HeaderName, String)],
        body: String,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(name, value.as_str());
        }
        let response = web::app(self.state.clone()).oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn page(&self, who: &Person, uri: &str) -> Reply {
        self.send(Method::GET, uri, &[(header::COOKIE, who.cookie.clone()), lang()], String::new()).await
    }

    pub async fn post_form(&self, who: &Person, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", who.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        let headers = [
            (header::COOKIE, who.cookie.clone()),
            (header::CONTENT_TYPE, "application/x-www-form-urlencoded".into()),
            lang(),
        ];
        self.send(Method::POST, uri, &headers, body).await
    }

    pub async fn api(&self, who: &Person, method: Method, uri: &str, json: Option<serde_json::Value>) -> Reply {
        let mut headers = vec![(header::AUTHORIZATION, format!("Bearer {}", who.bearer))];
        if json.is_some() {
            headers.push((header::CONTENT_TYPE, "application/json".into()));
        }
        self.send(method, uri, &headers, json.map(|j| j.to_string()).unwrap_or_default()).await
    }
}

pub(crate) fn lang() -> (header::HeaderName, String) {
    (header::ACCEPT_LANGUAGE, "en".into())
}

/// An organisation with `n` workers over a few days, whose events, decisions and attributes each
/// carry a marker of their own worker, imported as the command line does (pseudonyms).
pub async fn organisation(app: &TestApp, dir: &Path, n: usize) -> Vec<String> {
    organisation_of(app, dir, n, "W").await
}

/// `organisation`, with the workers' identifiers starting with `prefix` (`W0001`, …).
pub async fn organisation_of(app: &TestApp, dir: &Path, n: usize, prefix: &str) -> Vec<String> {
    let ids: Vec<String> = (1..=n).map(|i| format!("{prefix}{i:04}")).collect();
    let mut events = String::from("worker,time,kind,quantity\n");
    for (i, id) in ids.iter().enumerate() {
        for day in 2..=4 {
            // A shift of 9 hours with a scan every 4 s and a 20-minute pause at noon.
            let start = jiff::tz::TimeZone::UTC.to_timestamp(jiff::civil::date(2026, 3, day).at(7, 0, 0, 0)).unwrap();
            let mut t = start.as_millisecond() + 1000 * i as i64;
            let end = t + 9 * 3_600_000;
            let mut k = 0;
            while t < end {
                events.push_str(&format!("{id},{t},scan,1\n"));
                t += if k == 4000 { 20 * 60_000 } else { 4_000 + 40 * i as i64 };
                k += 1;
            }
        }
        events.push_str(&format!("{id},{},marker-{id},1\n", 1_772_500_000_000_i64 + i as i64));
    }
    let path = dir.join("events.csv");
    std::fs::write(&path, events).unwrap();
    let register = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap();
    let p = &app.state.pseudonymiser;
    let workers: Vec<domain::Worker> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| domain::Worker {
            id: p.pseudonym(id),
            attributes: BTreeMap::from([
                ("contract".to_owned(), if i % 2 == 0 { "flex" } else { "permanent" }.to_owned()),
                ("marker".to_owned(), format!("attr-{id}")),
            ]),
        })
        .collect();
    let decisions: Vec<domain::Decision> = ids
        .iter()
        .map(|id| domain::Decision {
            worker: p.pseudonym(id),
            time: "2026-03-03T16:30:00Z".parse().unwrap(),
            decision: "warning".into(),
            automated: Some(true),
            reviewed: Some(true),
            review_seconds: Some(9.0),
            overturned: Some(false),
            score: Some(700.0),
            reason: Some(format!("reason-of-{id}")),
        })
        .collect();
    let rows = formats::count_events(&path).unwrap();
    app.state
        .store
        .import(&Import {
            register: &register,
            source: "register.toml",
            author: "test",
            workers: &workers,
            decisions: &decisions,
            events: Some((&path, rows)),
            time_zone: domain::DEFAULT_TIME_ZONE,
        })
        .await
        .unwrap();
    ids
}

/// A concrete request path for a route pattern.
pub(crate) fn concrete(pattern: &str, who: Option<&Person>) -> String {
    let own = who.and_then(|p| p.worker.clone()).unwrap_or_else(|| "P-0000000000000000".into());
    pattern
        .replace(
            "{id}",
            if pattern.starts_with("/contests") || pattern.starts_with("/dossiers") { "1" } else { "scan-pace" },
        )
        .replace("{checkpoint}", "necessity")
        .replace("{request}", "1")
        .replace("{format}", "json")
        .replace("{code}", "en")
        .replace("{token}", "0000")
        .replace("{worker}", &own)
}

#[tokio::test]
async fn the_authorisation_matrix_is_walked_completely() {
    let app = TestApp::demo().await;
    let login = app.send(Method::GET, "/login", &[], String::new()).await;
    let set = login.headers[header::SET_COOKIE].to_str().unwrap();
    let pre_login = set.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let mut walked = 0;
    for (r, route) in ROUTES.iter().enumerate() {
        // Fresh people for each route: a logout ends a session.
        let mut people: Vec<Option<Person>> = vec![None];
        for (i, role) in Role::ALL.iter().enumerate() {
            // One account per worker: a worker of its own for each route.
            let worker = (*role == Role::Worker).then(|| format!("W{r:04}"));
            people.push(Some(app.person(&format!("matrix-{r}-{i}"), *role, worker.as_deref()).await));
        }
        for who in &people {
            let role = who.as_ref().map(|p| p.role);
            let uri = concrete(route.path, who.as_ref());
            let api = route.path.starts_with("/api/");
            let method: Method = route.method.parse().unwrap();
            let mut headers = vec![lang()];
            let mut body = String::new();
            if let Some(p) = who {
                headers.push(if api {
                    (header::AUTHORIZATION, format!("Bearer {}", p.bearer))
                } else {
                    (header::COOKIE, p.cookie.clone())
                });
            }
            if method == Method::POST {
                if api {
                    headers.push((header::CONTENT_TYPE, "application/json".into()));
                    body = "{}".into();
                } else {
                    // A valid token: the session's, or the signed pre-login cookie's.
                    let csrf = match who {
                        Some(p) => p.csrf.clone(),
                        None => {
                            headers.push((header::COOKIE, format!("{}={pre_login}", web::CSRF_COOKIE)));
                            pre_login.clone()
                        }
                    };
                    headers.push((header::CONTENT_TYPE, "application/x-www-form-urlencoded".into()));
                    body = format!("csrf={csrf}");
                }
            }
            let reply = app.send(method.clone(), &uri, &headers, body).await;
            let allowed = route.access.allows(role);
            let to_login =
                reply.headers.get(header::LOCATION).is_some_and(|l| l.to_str().unwrap().starts_with("/login"));
            let refused = matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) || to_login;
            assert_eq!(
                !refused, allowed,
                "{} {uri} as {role:?}: status {} (the table says {:?})",
                route.method, reply.status, route.access
            );
            if !allowed {
                let expected = match (role, api, route.method) {
                    (None, true, _) => StatusCode::UNAUTHORIZED,
                    (None, false, "GET") => StatusCode::SEE_OTHER,
                    (None, false, _) => StatusCode::UNAUTHORIZED,
                    (Some(_), _, _) => StatusCode::FORBIDDEN,
                };
                assert_eq!(reply.status, expected, "{} {uri} as {role:?}", route.method);
            }
            walked += 1;
        }
    }
    assert_eq!(walked, ROUTES.len() * (Role::ALL.len() + 1));
    // Not a formality: each role is refused somewhere and let in somewhere.
    for role in Role::ALL {
        assert!(ROUTES.iter().any(|r| !r.access.allows(Some(*role))), "{role:?} is refused nothing");
        assert!(ROUTES.iter().any(|r| r.access.allows(Some(*role)) && r.access != Access::Public));
    }
}

#[tokio::test]
async fn a_form_post_without_the_right_token_is_refused() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 12).await;
    let worker = app.person("w", Role::Worker, Some("W0001")).await;
    let decision = app.state.store.decisions_of(worker.worker.as_deref().unwrap()).await.unwrap()[0].0.to_string();
    let fields = [("decision", decision.as_str()), ("reason", "the scanner was broken")];
    let form = |csrf: Option<&str>| {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if let Some(c) = csrf {
            all.push(("csrf", c));
        }
        serde_urlencoded::to_string(&all).unwrap()
    };
    let headers = [
        (header::COOKIE, worker.cookie.clone()),
        (header::CONTENT_TYPE, "application/x-www-form-urlencoded".to_owned()),
    ];
    for body in [form(None), form(Some("wrong")), form(Some(&"0".repeat(64)))] {
        let reply = app.send(Method::POST, "/me/contests", &headers, body).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    assert!(app.state.store.contests(None).await.unwrap().is_empty(), "nothing was written");
    // Another session's token does not do either.
    let other = app.person("w2", Role::Worker, Some("W0002")).await;
    let reply = app.send(Method::POST, "/me/contests", &headers, form(Some(&other.csrf))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = app.send(Method::POST, "/me/contests", &headers, form(Some(&worker.csrf))).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(app.state.store.contests(None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_expired_session_is_refused_and_logout_ends_sessions() {
    let app = TestApp::demo().await;
    let store = &app.state.store;
    let account = store.add_account("old", Role::Council, None, Some("x")).await.unwrap();
    let now = portal::people::now_seconds();
    store
        .create_session(account.id, &guard::token_hash("idle"), "c", now - web::guard::IDLE_SECONDS - 5)
        .await
        .unwrap();
    let old = now - web::guard::ABSOLUTE_SECONDS - 5;
    store.create_session(account.id, &guard::token_hash("old"), "c", old).await.unwrap();
    for token in ["idle", "old", "never-issued"] {
        let cookie = format!("{}={token}", web::SESSION_COOKIE);
        let reply = app.send(Method::GET, "/register", &[(header::COOKIE, cookie)], String::new()).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{token}");
        assert_eq!(reply.headers[header::LOCATION], "/login?next=/register");
    }
    let council = app.person("c", Role::Council, None).await;
    let second = {
        let token = guard::new_token().unwrap();
        let id = store.account_for_login("c").await.unwrap().unwrap().0.id;
        store.create_session(id, &guard::token_hash(&token), &council.csrf, now).await.unwrap();
        Person { cookie: format!("{}={token}", web::SESSION_COOKIE), ..council.clone() }
    };
    assert_eq!(app.page(&second, "/register").await.status, StatusCode::OK);
    let reply = app.post_form(&council, "/logout/everywhere", &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(app.page(&council, "/register").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.page(&second, "/register").await.status, StatusCode::SEE_OTHER, "every session ended");
}

#[tokio::test]
async fn login_invitation_and_limits_keep_passwords_out_of_the_database_and_the_log() {
    let (captured, _guard) = crate::log::capture();

    let app = TestApp::demo().await;
    let admin = app.person("admin", Role::Admin, None).await;
    // The admin invites a council member; the link sets a password once.
    let reply = app.post_form(&admin, "/people", &[("name", "Ria de Raad"), ("role", "council"), ("worker", "")]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let link = reply.body.split("id=\"invite-link\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let path = link.split_once("/invite/").map(|(_, t)| format!("/invite/{t}")).unwrap();
    let anonymous = |csrf: &str| Person {
        role: Role::Expert,
        cookie: format!("{}={csrf}", web::CSRF_COOKIE),
        csrf: csrf.to_owned(),
        bearer: String::new(),
        worker: None,
    };
    let page = app.send(Method::GET, &path, &[lang()], String::new()).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split('=')
        .nth(1)
        .unwrap()
        .to_owned();
    let visitor = anonymous(&csrf);
    let password = "een lange zin als wachtwoord";
    let short = app.post_form(&visitor, &path, &[("password", "kort"), ("confirm", "kort")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("at least 12 characters"));
    let set = app.post_form(&visitor, &path, &[("password", password), ("confirm", password)]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let again = app.post_form(&visitor, &path, &[("password", password), ("confirm", password)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "an invitation works once");

    // A login: the cookie is HttpOnly and SameSite=Strict.
    let login = |pw: &'static str| {
        serde_urlencoded::to_string([("csrf", csrf.as_str()), ("name", "Ria de Raad"), ("password", pw)]).unwrap()
    };
    let form_headers = [
        (header::COOKIE, visitor.cookie.clone()),
        (header::CONTENT_TYPE, "application/x-www-form-urlencoded".to_owned()),
        lang(),
    ];
    let ok = app.send(Method::POST, "/login", &form_headers, login("een lange zin als wachtwoord")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let cookie = ok.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_owned();
    let reply = app.send(Method::GET, "/register", &[(header::COOKIE, session)], String::new()).await;
    assert_eq!(reply.status, StatusCode::OK);

    // Five wrong passwords lock the account for a while, even against the right one.
    for _ in 0..web::FAILURES_PER_ACCOUNT {
        let reply = app.send(Method::POST, "/login", &form_headers, login("wrong password!!")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains("do not match"));
    }
    let locked = app.send(Method::POST, "/login", &form_headers, login("een lange zin als wachtwoord")).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    // A login form without its token is refused before the password is looked at.
    let no_token = serde_urlencoded::to_string([("name", "Ria de Raad"), ("password", password)]).unwrap();
    let reply = app.send(Method::POST, "/login", &form_headers[1..], no_token).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    // Nowhere in clear: not in the database file, not in the log.
    drop(_guard);
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(app.dir()).unwrap() {
        stored.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    // And every row of the database, wherever its tables are (PostgreSQL's are not files here).
    stored.extend(store::Raw::open(app.dir()).await.unwrap().everything(app.dir()).await.unwrap());
    assert!(!stored.is_empty());
    let logged = captured.0.lock().unwrap().clone();
    assert!(String::from_utf8_lossy(&logged).contains("a login failed"), "the log was captured");
    for haystack in [&stored, &logged] {
        assert!(!haystack.windows(password.len()).any(|w| w == password.as_bytes()));
        assert!(!haystack.windows(14).any(|w| w == b"wrong password"));
    }
}

#[tokio::test]
async fn a_worker_contests_a_decision_and_sees_the_admins_answer() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 12).await;
    let worker = app.person("w", Role::Worker, Some("W0003")).await;
    let admin = app.person("a", Role::Admin, None).await;
    let me = app.page(&worker, "/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("reason-of-W0003"), "the decision's reason is shown");
    assert_eq!(me.headers[header::CACHE_CONTROL], "no-store", "personal pages are not cached");
    assert_eq!(me.headers[header::REFERRER_POLICY], "no-referrer");
    let id = app.state.store.decisions_of(worker.worker.as_deref().unwrap()).await.unwrap()[0].0.to_string();
    let opened =
        app.post_form(&worker, "/me/contests", &[("decision", &id), ("reason", "I was helping a colleague")]).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let queue = app.page(&admin, "/contests").await;
    assert!(queue.body.contains(worker.worker.as_deref().unwrap()), "the queue shows the pseudonym");
    let case = app.page(&admin, "/contests/1").await;
    assert!(case.body.contains("I was helping a colleague"));
    let empty = app.post_form(&admin, "/contests/1", &[("outcome", "overturned"), ("text", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let answered = app
        .post_form(&admin, "/contests/1", &[("outcome", "overturned"), ("text", "Confirmed by the team leader.")])
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    let me = app.page(&worker, "/me").await;
    let contests = crate::section(&me.body, "id=\"contests\"", "</section>");
    assert!(
        contests.contains("Decision overturned") && contests.contains("Confirmed by the team leader."),
        "{contests}"
    );
    // The admin's reading of the case is in the worker's access log.
    let access = crate::section(&me.body, "id=\"access\"", "</section>");
    assert!(access.contains("contest /contests/1") && access.contains("a (privacy officer)"), "{access}");
    assert_eq!(app.state.store.verify_access_log(None).await.unwrap().map(|v| v.head.count >= 3), Ok(true));
}

#[tokio::test]
async fn the_worker_page_explains_shifts_breaks_and_the_flag_in_sentences() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 12).await;
    let worker = app.person("w", Role::Worker, Some("W0012")).await;
    let me = app.page(&worker, "/me").await;
    let shifts = crate::section(&me.body, "id=\"shifts\"", "</ul>");
    // W0012 scans every 4.44 s for 9 h with one 20-minute pause: the law asks 30 minutes (over
    // 5.5 h); the slowest of twelve is among the lowest 10 %.
    assert!(shifts.contains("On 2026-03-04 you worked from 08:00 to 17:00"), "{shifts}");
    assert!(shifts.contains("You paused 20 minutes where the law requires 30"), "{shifts}");
    let use_ = crate::section(&me.body, "id=\"use\"", "</section>");
    assert!(use_.contains("the target is 854") && use_.contains("you are flagged"), "the slowest is flagged: {use_}");
    // The archive holds the files, with the worker's own events.
    let zip = app.send(Method::GET, "/me/archive.zip", &[(header::COOKIE, worker.cookie.clone())], String::new()).await;
    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.headers[header::CONTENT_TYPE], "application/zip");
}

#[tokio::test]
async fn the_api_answers_with_a_token_and_hides_other_workers() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 12).await;
    let worker = app.person("w", Role::Worker, Some("W0002")).await;
    let other = app.state.pseudonymiser.pseudonym("W0003");
    let me: serde_json::Value =
        serde_json::from_str(&app.api(&worker, Method::GET, "/api/v1/me", None).await.body).unwrap();
    assert_eq!(me["role"], "worker");
    let own = app
        .api(&worker, Method::GET, &format!("/api/v1/workers/{}/data", worker.worker.as_deref().unwrap()), None)
        .await;
    assert_eq!(own.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&own.body).unwrap();
    assert_eq!(data["decisions"][0]["reason"], "reason-of-W0002");
    for id in [other.as_str(), "P-ffffffffffffffff"] {
        let reply = app.api(&worker, Method::GET, &format!("/api/v1/workers/{id}/data"), None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "existing or not, the same answer");
    }
    let decision = data["decisions"][0]["id"].as_i64().unwrap();
    let created = app
        .api(
            &worker,
            Method::POST,
            "/api/v1/me/contests",
            Some(serde_json::json!({"decision": decision, "reason": "wrong"})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let foreign = app.state.store.decisions_of(&other).await.unwrap()[0].0;
    let refused = app
        .api(
            &worker,
            Method::POST,
            "/api/v1/me/contests",
            Some(serde_json::json!({"decision": foreign, "reason": "x"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let log: serde_json::Value =
        serde_json::from_str(&app.api(&worker, Method::GET, "/api/v1/me/access-log", None).await.body).unwrap();
    assert!(log.as_array().unwrap().iter().any(|e| e["what"].as_str().unwrap().starts_with("api ")));
    let doc = app.send(Method::GET, "/api/openapi.json", &[], String::new()).await;
    let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    for path in [
        "/api/v1/me",
        "/api/v1/me/data",
        "/api/v1/workers/{worker}/data",
        "/api/v1/me/access-log",
        "/api/v1/me/contests",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
}

/// Every request a worker can make, for the property test.
fn worker_requests(own: &str, other: &str) -> Vec<(bool, String)> {
    let mut all: Vec<(bool, String)> = [
        "/me",
        "/me/copy",
        "/me/data?kind=events",
        "/me/data?kind=events&page=2",
        "/me/data?kind=shifts",
        "/me/data?kind=decisions",
        "/me/archive.zip",
    ]
    .into_iter()
    .map(|p| (false, p.to_owned()))
    .collect();
    for p in ["/api/v1/me", "/api/v1/me/data", "/api/v1/me/access-log", "/api/v1/me/contests"] {
        all.push((true, p.to_owned()));
    }
    all.push((true, format!("/api/v1/workers/{own}/data")));
    all.push((true, format!("/api/v1/workers/{other}/data")));
    all
}

/// The text of a reply, with a ZIP archive's files unpacked.
pub(crate) fn readable(reply: &Reply, raw: &[u8]) -> String {
    if reply.headers.get(header::CONTENT_TYPE).is_some_and(|v| v == "application/zip") {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(raw.to_vec())).unwrap();
        let mut text = String::new();
        for i in 0..archive.len() {
            use std::io::Read;
            archive.by_index(i).unwrap().read_to_string(&mut text).unwrap();
        }
        return text;
    }
    reply.body.clone()
}

/// One organisation and runtime for every case of the property test.
fn shared() -> &'static (tokio::runtime::Runtime, World) {
    static SHARED: std::sync::OnceLock<(tokio::runtime::Runtime, World)> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let world = rt.block_on(world());
        (rt, world)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// For random workers and random requests, a worker never receives another worker's rows:
    /// not their pseudonym, events, attributes or decisions.
    #[test]
    fn a_worker_never_receives_another_workers_rows(picks in proptest::collection::vec((0usize..6, 0usize..6, 0usize..13), 1..6)) {
        let (rt, (app, _dir, ids, people)) = shared();
        rt.block_on(async {
            for (who, other, request) in &picks {
                let person = &people[*who];
                let own_id = &ids[*who];
                let other_pseudonym = app.state.pseudonymiser.pseudonym(&ids[*other]);
                let requests = worker_requests(person.worker.as_deref().unwrap(), &other_pseudonym);
                let (api, uri) = &requests[*request % requests.len()];
                let headers = if *api {
                    vec![(header::AUTHORIZATION, format!("Bearer {}", person.bearer))]
                } else {
                    vec![(header::COOKIE, person.cookie.clone()), lang()]
                };
                let request = Request::builder().method(Method::GET).uri(uri.as_str());
                let request = headers.iter().fold(request, |r, (k, v)| r.header(k, v.as_str()));
                let response = web::app(app.state.clone()).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
                let status = response.status();
                let headers = response.headers().clone();
                let raw = response.into_body().collect().await.unwrap().to_bytes();
                let reply = Reply { status, headers, body: String::from_utf8_lossy(&raw).into_owned() };
                let text = readable(&reply, &raw);
                for id in ids.iter().filter(|id| *id != own_id) {
                    let pseudonym = app.state.pseudonymiser.pseudonym(id);
                    for marker in [pseudonym, format!("marker-{id}"), format!("attr-{id}"), format!("reason-of-{id}")] {
                        assert!(!text.contains(&marker), "{uri} as {own_id} gave {marker} (status {status})");
                    }
                }
                let foreign = uri.contains("/workers/") && !uri.contains(person.worker.as_deref().unwrap());
                let expected = if foreign { StatusCode::NOT_FOUND } else { StatusCode::OK };
                assert_eq!(status, expected, "{uri} as {own_id}");
            }
        });
    }
}

type World = (TestApp, tempfile::TempDir, Vec<String>, Vec<Person>);

async fn world() -> World {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let ids = organisation(&app, dir.path(), 6).await;
    let mut people = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        people.push(app.person(&format!("p{i}"), Role::Worker, Some(id)).await);
    }
    (app, dir, ids, people)
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_every_session() {
    let app = TestApp::demo().await;
    let store = &app.state.store;
    let hash = guard::hash_password("the first long password").unwrap();
    let account = store.add_account("pat", Role::Expert, None, Some(&hash)).await.unwrap();
    let person = |token: &str, csrf: &str| Person {
        role: Role::Expert,
        cookie: format!("{}={token}", web::SESSION_COOKIE),
        csrf: csrf.into(),
        bearer: String::new(),
        worker: None,
    };
    let now = portal::people::now_seconds();
    store.create_session(account.id, &guard::token_hash("one"), "c1", now).await.unwrap();
    store.create_session(account.id, &guard::token_hash("two"), "c2", now).await.unwrap();
    let (one, two) = (person("one", "c1"), person("two", "c2"));
    let fields = |current: &'static str| {
        [("current", current), ("password", "a new long password"), ("confirm", "a new long password")]
    };
    let wrong = app.post_form(&one, "/account", &fields("not the password")).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("current password is not right"));
    let ok = app.post_form(&one, "/account", &fields("the first long password")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(app.page(&two, "/register").await.status, StatusCode::SEE_OTHER, "the other session ended too");
    let (_, stored) = store.account_for_login("pat").await.unwrap().unwrap();
    assert!(guard::verify_password("a new long password", &stored.unwrap()));
}

/// A new session for a person's account (a walk's logout ends the old one).
async fn fresh_session(app: &TestApp, name: &str, person: &Person) -> Person {
    let (account, _) = app.state.store.account_for_login(name).await.unwrap().unwrap();
    let (token, csrf) = (guard::new_token().unwrap(), guard::new_token().unwrap());
    app.state
        .store
        .create_session(account.id, &guard::token_hash(&token), &csrf, portal::people::now_seconds())
        .await
        .unwrap();
    Person { cookie: format!("{}={token}", web::SESSION_COOKIE), csrf, ..person.clone() }
}

/// Security review M4: the admin's queue, the people page and the API's contest endpoints
/// answered with workers' pseudonyms and decisions and left no trace. Every route, as every
/// role: a reply that shows a worker's pseudonym must come after an access-log entry for that
/// worker, written by the one who asked, during this request.
#[tokio::test]
async fn no_route_shows_a_workers_pseudonym_without_logging_the_read_first() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let ids = organisation(&app, dir.path(), 6).await;
    let pseudonyms: Vec<String> = ids.iter().map(|id| app.state.pseudonymiser.pseudonym(id)).collect();
    let mut people = Vec::new();
    for (i, role) in Role::ALL.iter().enumerate() {
        let worker = (*role == Role::Worker).then_some("W0001");
        people.push((format!("walker-{i}"), app.person(&format!("walker-{i}"), *role, worker).await));
    }
    // A second worker with an account, and an open contest in the admin's queue.
    app.person("walker-w2", Role::Worker, Some("W0002")).await;
    let decisions = app.state.store.decisions_of(&pseudonyms[0]).await.unwrap();
    let worker = people.iter().find(|(_, p)| p.role == Role::Worker).unwrap().1.clone();
    let reader = portal::Reader { name: "walker-worker".into(), role: Role::Worker, worker: worker.worker.clone() };
    app.state.open_contest(&reader, decisions[0].0, "the scanner was broken", "test").await.unwrap();
    let mut shown = 0;
    for route in ROUTES.iter() {
        for (name, person) in &people {
            let who = fresh_session(&app, name, person).await;
            let uri = concrete(route.path, Some(&who));
            let api = route.path.starts_with("/api/");
            let method: Method = route.method.parse().unwrap();
            let before = app.state.store.access_log_head().await.unwrap().count as i64;
            let reply = match (&method, api) {
                (&Method::GET, false) => app.page(&who, &uri).await,
                (&Method::GET, true) => app.api(&who, Method::GET, &uri, None).await,
                (_, true) => {
                    let body = serde_json::json!({"decision": decisions[0].0, "reason": "again"});
                    app.api(&who, method.clone(), &uri, Some(body)).await
                }
                (_, false) => app.post_form(&who, &uri, &[]).await,
            };
            for (id, pseudonym) in ids.iter().zip(&pseudonyms) {
                if !reply.body.contains(pseudonym.as_str()) {
                    continue;
                }
                shown += 1;
                let log = app.state.store.access_log(pseudonym, Some(1)).await.unwrap();
                assert!(
                    log.first().is_some_and(|e| &e.actor == name && e.id > before),
                    "{} {uri} as {:?} shows {id}'s pseudonym, and the newest entry of {id}'s log is {:?}",
                    route.method,
                    who.role,
                    log.first()
                );
            }
        }
    }
    assert!(shown >= 4, "the walk reached the pages that show pseudonyms ({shown})");
}

/// Security review M11: an API token lasted for ever and survived a password change and "log out
/// everywhere". Each of them, and its expiry, now ends it.
#[tokio::test]
async fn an_api_token_ends_when_it_expires_the_password_changes_or_everyone_is_logged_out() {
    let app = TestApp::demo().await;
    let store = &app.state.store;
    let hash = guard::hash_password("the first long password").unwrap();
    let account = store.add_account("pat", Role::Expert, None, Some(&hash)).await.unwrap();
    let now = portal::people::now_seconds();
    let app = &app;
    let me = |bearer: &str| {
        let bearer = bearer.to_owned();
        async move {
            app.send(Method::GET, "/api/v1/me", &[(header::AUTHORIZATION, format!("Bearer {bearer}"))], String::new())
                .await
                .status
        }
    };
    // Expired a second ago.
    let old = guard::new_token().unwrap();
    store.add_api_token(account.id, &guard::token_hash(&old), "old", now - 1).await.unwrap();
    assert_eq!(me(&old).await, StatusCode::UNAUTHORIZED);
    // A token made as the command line makes it: used, and its last use noted.
    let token = app.state.create_token("pat", "script", 90).await.unwrap();
    assert_eq!(me(&token).await, StatusCode::OK);
    let listed = store.api_tokens(Some("pat")).await.unwrap();
    let made = listed.iter().find(|t| t.label == "script").unwrap();
    assert!(made.last_used_at.is_some_and(|t| t >= now));
    assert!((89 * 86_400..=91 * 86_400).contains(&(made.expires_at - now)), "90 days by default");
    // A password change ends it.
    let csrf = guard::new_token().unwrap();
    let session = guard::new_token().unwrap();
    store.create_session(account.id, &guard::token_hash(&session), &csrf, now).await.unwrap();
    let person = Person {
        role: Role::Expert,
        cookie: format!("{}={session}", web::SESSION_COOKIE),
        csrf,
        bearer: String::new(),
        worker: None,
    };
    let fields = [
        ("current", "the first long password"),
        ("password", "a second long password"),
        ("confirm", "a second long password"),
    ];
    assert_eq!(app.post_form(&person, "/account", &fields).await.status, StatusCode::SEE_OTHER);
    assert_eq!(me(&token).await, StatusCode::UNAUTHORIZED, "a password change ends the tokens");
    // "Log out everywhere" ends a new one too.
    let token = app.state.create_token("pat", "script", 90).await.unwrap();
    assert_eq!(me(&token).await, StatusCode::OK);
    let csrf = guard::new_token().unwrap();
    let session = guard::new_token().unwrap();
    store.create_session(account.id, &guard::token_hash(&session), &csrf, now).await.unwrap();
    let person = Person { cookie: format!("{}={session}", web::SESSION_COOKIE), csrf, ..person };
    let out = app.post_form(&person, "/logout/everywhere", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    assert_eq!(me(&token).await, StatusCode::UNAUTHORIZED, "log out everywhere ends the tokens");
    assert!(store.api_tokens(Some("pat")).await.unwrap().is_empty());
}

/// Security review M11: there was no way to stop an account. A disabled one cannot log in, its
/// session and token end, and its name stays in the access log; a new invitation resets the
/// password and enables it again.
#[tokio::test]
async fn a_disabled_account_is_locked_out_everywhere_and_a_new_invitation_lets_it_back_in() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 6).await;
    let worker = app.person("w", Role::Worker, Some("W0001")).await;
    assert_eq!(app.page(&worker, "/me").await.status, StatusCode::OK);
    let hash = guard::hash_password("the first long password").unwrap();
    let account = app.state.store.account("w").await.unwrap().unwrap();
    app.state.store.set_password(account.id, &hash).await.unwrap();
    let worker = fresh_session(&app, "w", &worker).await;
    let token = app.state.create_token("w", "script", 90).await.unwrap();

    app.state.disable("w").await.unwrap();
    assert_eq!(app.page(&worker, "/me").await.status, StatusCode::SEE_OTHER, "the session ended");
    let api = [(header::AUTHORIZATION, format!("Bearer {token}"))];
    assert_eq!(app.send(Method::GET, "/api/v1/me", &api, String::new()).await.status, StatusCode::UNAUTHORIZED);
    assert!(app.state.verify_login("w", "the first long password".into()).await.unwrap().is_none());
    // A session made behind the portal's back is refused too.
    let again = fresh_session(&app, "w", &worker).await;
    assert_eq!(app.page(&again, "/me").await.status, StatusCode::SEE_OTHER);
    assert!(matches!(app.state.create_token("w", "x", 90).await, Err(portal::Error::Invalid("token-disabled"))));
    // The name stays in the worker's access log.
    let pseudonym = worker.worker.as_deref().unwrap();
    assert!(app.state.store.access_log(pseudonym, None).await.unwrap().iter().any(|e| e.actor == "w"));

    // A new invitation: a password reset through a single-use link, and the account is back.
    let admin = portal::Reader { name: "privacy".into(), role: Role::Admin, worker: None };
    let link = app.state.reinvite(&admin, "w").await.unwrap();
    assert_eq!(app.state.invitation(&link).await.unwrap().name, "w");
    let new = "a brand new long password";
    app.state.accept_invitation(&link, new.into(), new).await.unwrap();
    assert!(app.state.accept_invitation(&link, new.into(), new).await.is_err(), "the link works once");
    assert!(app.state.verify_login("w", "the first long password".into()).await.unwrap().is_none());
    assert!(app.state.verify_login("w", new.into()).await.unwrap().is_some());
    let log = app.state.store.access_log(pseudonym, Some(1)).await.unwrap();
    assert_eq!((log[0].actor.as_str(), log[0].what.as_str()), ("privacy", "account w invited again"));
}

/// Security review M5: the admin invited a second account for any worker and read that worker's
/// data as if the worker did. A worker's identity now belongs to one active account, and making
/// an account for a worker is written in that worker's access log under the maker's name.
#[tokio::test]
async fn an_admin_cannot_give_a_workers_identity_to_a_second_account() {
    let app = TestApp::demo().await;
    let dir = tempfile::tempdir().unwrap();
    organisation(&app, dir.path(), 6).await;
    let admin = app.person("privacy", Role::Admin, None).await;
    let first =
        app.post_form(&admin, "/people", &[("name", "werker-W0001"), ("role", "worker"), ("worker", "W0001")]).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second =
        app.post_form(&admin, "/people", &[("name", "onderhoud"), ("role", "worker"), ("worker", "W0001")]).await;
    assert_eq!(second.status, StatusCode::UNPROCESSABLE_ENTITY, "the form again, with the message");
    assert!(second.body.contains("already has an account"), "{}", second.body);
    assert!(app.state.store.account("onderhoud").await.unwrap().is_none());
    // The command line's `user add` is held to the same rule.
    let pw = "a long enough password";
    let refused = app.state.add_account("onderhoud", Role::Worker, Some(" W0001 "), pw).await;
    assert!(matches!(refused, Err(portal::Error::Conflict("invite-worker-taken"))));
    // Who made the account, and when, is kept, and the worker's log shows it as the admin's act.
    let made = app.state.store.account("werker-W0001").await.unwrap().unwrap();
    assert_eq!(made.invited_by.as_deref(), Some("privacy"));
    assert!(made.invited_at.is_some());
    let pseudonym = app.state.pseudonymiser.pseudonym("W0001");
    let log = app.state.store.access_log(&pseudonym, None).await.unwrap();
    let created = log.iter().find(|e| e.what == "account werker-W0001 created").unwrap();
    assert_eq!((created.actor.as_str(), created.actor_role.as_str()), ("privacy", "admin"));
    // Once the first account is disabled, the worker may have a new one.
    app.state.disable("werker-W0001").await.unwrap();
    app.state.add_account("werker-W0001-nieuw", Role::Worker, Some("W0001"), pw).await.unwrap();
}

/// Security review L12: the API opened three contests of one decision (the page hid the form,
/// the API did not check), a worker could flood the queue, and a 60,051-character answer was
/// stored although the form says 5,000.
#[tokio::test]
async fn a_worker_cannot_contest_one_decision_twice_or_flood_the_queue_and_answers_are_bounded() {
    let app = TestApp::demo().await;
    let worker = app.person("w", Role::Worker, Some("W0002")).await;
    let admin = app.person("a", Role::Admin, None).await;
    let pseudonym = worker.worker.clone().unwrap();
    // Eight decisions about W0002, so the day's cap is reached before the decisions run out.
    let decisions: Vec<domain::Decision> = (3..11)
        .map(|day| domain::Decision {
            worker: pseudonym.clone(),
            time: format!("2026-03-{day:02}T16:30:00Z").parse().unwrap(),
            decision: "warning".into(),
            automated: Some(true),
            reviewed: None,
            review_seconds: None,
            overturned: None,
            score: None,
            reason: None,
        })
        .collect();
    let register = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap();
    let import = Import {
        register: &register,
        source: "register.toml",
        author: "test",
        workers: &[],
        decisions: &decisions,
        events: None,
        time_zone: domain::DEFAULT_TIME_ZONE,
    };
    app.state.store.import(&import).await.unwrap();
    let decisions = app.state.store.decisions_of(&pseudonym).await.unwrap();
    let (app, worker) = (&app, &worker);
    let open = |decision: i64| {
        let body = serde_json::json!({"decision": decision, "reason": "wrong"}).to_string();
        let headers = [
            (header::AUTHORIZATION, format!("Bearer {}", worker.bearer)),
            (header::CONTENT_TYPE, "application/json".to_owned()),
            lang(),
        ];
        async move { app.send(Method::POST, "/api/v1/me/contests", &headers, body).await }
    };
    assert_eq!(open(decisions[0].0).await.status, StatusCode::CREATED);
    let twice = open(decisions[0].0).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(twice.body.contains("already has an open contest"), "{}", twice.body);
    for (id, _) in &decisions[1..portal::CONTESTS_PER_DAY as usize] {
        assert_eq!(open(*id).await.status, StatusCode::CREATED);
    }
    let flood = open(decisions[portal::CONTESTS_PER_DAY as usize].0).await;
    assert_eq!(flood.status, StatusCode::CONFLICT, "{}", flood.body);
    assert!(flood.body.contains("most contests allowed in one day"), "{}", flood.body);
    // The page refuses the same way.
    let id = decisions[0].0.to_string();
    let page = app.post_form(worker, "/me/contests", &[("decision", &id), ("reason", "again")]).await;
    assert_eq!(page.status, StatusCode::CONFLICT);

    let long = "x".repeat(60_051);
    let answer = app.post_form(&admin, "/contests/1", &[("outcome", "upheld"), ("text", &long)]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("at most 5,000 characters"), "the form's message");
    assert!(!app.state.store.contest(1).await.unwrap().unwrap().answered);
    let ok = "y".repeat(5_000);
    let answer = app.post_form(&admin, "/contests/1", &[("outcome", "upheld"), ("text", &ok)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    // Answered, the decision may be contested again (a new contest, within the day's cap).
    assert_eq!(open(decisions[0].0).await.status, StatusCode::CONFLICT, "the day's cap still holds");
}

/// Security review M11 in the portal: the privacy officer disables and re-invites accounts from
/// **People**, not only from the command line; no one else can, and not their own.
#[tokio::test]
async fn the_admin_disables_and_invites_again_from_the_people_page() {
    let app = TestApp::demo().await;
    let admin = app.person("officer", Role::Admin, None).await;
    let ria = app.person("Ria", Role::Council, None).await;
    assert_eq!(app.page(&ria, "/register").await.status, StatusCode::OK);
    let listed = app.page(&admin, "/people").await;
    assert!(listed.body.contains("aria-label=\"Disable: Ria\""), "{}", listed.body);
    assert!(!listed.body.contains("aria-label=\"Disable: officer\""), "not one's own");

    let refused = app.post_form(&ria, "/people/disable", &[("name", "officer")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "the council cannot");
    let own = app.post_form(&admin, "/people/disable", &[("name", "officer")]).await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    let nobody = app.post_form(&admin, "/people/disable", &[("name", "nobody")]).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);

    let disabled = app.post_form(&admin, "/people/disable", &[("name", "Ria")]).await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.body);
    assert!(disabled.body.contains("Ria is disabled"));
    assert_eq!(app.page(&ria, "/register").await.status, StatusCode::SEE_OTHER, "her session ended");
    assert!(app.state.store.account("Ria").await.unwrap().unwrap().disabled);

    let again = app.post_form(&admin, "/people/reinvite", &[("name", "Ria")]).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let link = again.body.split("id=\"invite-link\">").nth(1).unwrap().split('<').next().unwrap();
    let path = link.split_once("/invite/").map(|(_, t)| format!("/invite/{t}")).unwrap();
    let account = app.state.store.account("Ria").await.unwrap().unwrap();
    assert!(!account.disabled && !account.active, "enabled again, waiting for a new password");
    let invitation = app.send(Method::GET, &path, &[], String::new()).await;
    assert_eq!(invitation.status, StatusCode::OK, "the new link works");
}
