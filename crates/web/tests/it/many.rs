//! One portal over a folder of many organisations (issue 15), tried as an attacker would: a
//! person of organisation `acme`, with a real session and API token there, switches to `bolt`
//! by the cookie, the header and the `/o/<ID>/` link, and asks every route. Two real SQLite
//! databases under `organisations/`, each with its own pseudonym key, workers and events.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::Role;
use http_body_util::BodyExt;
use proptest::prelude::*;
use store::Store;
use tower::ServiceExt;
use web::AppState;
use web::guard::Access;
use web::many::{Many, ORGANISATION_COOKIE, ORGANISATION_HEADER, Opener};
use web::routes::ROUTES;

use crate::people::{Person, concrete, lang, organisation_of, readable};
use crate::{Reply, TestApp};

/// An organisation of the folder `root`, with `n` workers whose identifiers start with `prefix`.
async fn member(root: &Path, id: &str, key: u8, prefix: &str, events: &Path) -> (TestApp, Vec<String>) {
    let path = root.join(portal::organisations::ORGANISATIONS_DIR).join(id);
    std::fs::create_dir_all(&path).unwrap();
    let store = Store::open(&path).await.unwrap();
    let state = AppState::new(store, guard::Pseudonymiser::new([key; 32])).unwrap();
    let app = TestApp { _dir: tempfile::tempdir().unwrap(), path, state, cookie: None };
    let ids = organisation_of(&app, events, 6, prefix).await;
    (app, ids)
}

/// The portal of many over `apps`, opening each organisation's state by its id.
fn many_of(root: &Path, apps: &[(&str, &TestApp)]) -> Many {
    let states: HashMap<String, AppState> = apps.iter().map(|(id, a)| ((*id).to_owned(), a.state.clone())).collect();
    let open: Opener = Arc::new(move |id: String| {
        let state = states.get(&id).cloned();
        Box::pin(async move { state.ok_or_else(|| format!("no organisation {id}")) })
    });
    Many::new(root.to_path_buf(), None, None, false, open)
}

async fn send(
    many: &Many,
    method: Method,
    uri: &str,
    headers: &[(header::HeaderName, String)],
    body: String,
) -> (Reply, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, value.as_str());
    }
    let response = web::many::app(many.clone()).oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let raw = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (Reply { status, headers, body: String::from_utf8_lossy(&raw).into_owned() }, raw)
}

fn location(reply: &Reply) -> String {
    reply.headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

struct World {
    root: tempfile::TempDir,
    _events: tempfile::TempDir,
    acme: TestApp,
    bolt: TestApp,
    bolt_ids: Vec<String>,
    /// A person of each role in `acme`.
    people: Vec<Person>,
    many: Many,
}

async fn world() -> World {
    let root = tempfile::tempdir().unwrap();
    let events = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(events.path().join("a")).unwrap();
    std::fs::create_dir_all(events.path().join("b")).unwrap();
    let (acme, _) = member(root.path(), "acme", 1, "A", &events.path().join("a")).await;
    let (bolt, bolt_ids) = member(root.path(), "bolt", 2, "B", &events.path().join("b")).await;
    let mut people = Vec::new();
    for (i, role) in Role::ALL.iter().enumerate() {
        let worker = (*role == Role::Worker).then_some("A0001");
        people.push(acme.person(&format!("acme-{i}"), *role, worker).await);
    }
    // bolt has people of its own, and a contest, so there is something to steal.
    bolt.person("bolt-admin", Role::Admin, None).await;
    let bolt_worker = bolt.person("bolt-worker", Role::Worker, Some("B0001")).await;
    let pseudonym = bolt.state.pseudonymiser.pseudonym("B0001");
    let decisions = bolt.state.store.decisions_of(&pseudonym).await.unwrap();
    let reader = portal::Reader { name: "bolt-worker".into(), role: Role::Worker, worker: bolt_worker.worker.clone() };
    bolt.state.open_contest(&reader, decisions[0].0, "the scanner was broken", "test").await.unwrap();
    let many = many_of(root.path(), &[("acme", &acme), ("bolt", &bolt)]);
    World { root, _events: events, acme, bolt, bolt_ids, people, many }
}

/// What of `bolt` must never reach a person of `acme`: its workers' pseudonyms, events,
/// attributes and decisions' reasons.
fn bolt_markers(w: &World) -> Vec<String> {
    let mut markers = Vec::new();
    for id in &w.bolt_ids {
        markers.push(w.bolt.state.pseudonymiser.pseudonym(id));
        markers.extend([format!("marker-{id}"), format!("attr-{id}"), format!("reason-of-{id}")]);
    }
    markers.push("the scanner was broken".into());
    markers
}

fn shared() -> &'static (tokio::runtime::Runtime, World) {
    static SHARED: std::sync::OnceLock<(tokio::runtime::Runtime, World)> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let world = rt.block_on(world());
        (rt, world)
    })
}

/// How the attacker points a request at the other organisation.
#[derive(Clone, Copy, Debug)]
enum Switch {
    Cookie,
    Header,
    Link,
}

/// The request `route` as `who`, credentials of `acme`, aimed at organisation `org`.
async fn ask(w: &World, who: &Person, route: &web::guard::Route, org: &str, switch: Switch) -> (Reply, String) {
    let uri = concrete(route.path, Some(who)).replace("{file}", "2026.json");
    let api = route.path.starts_with("/api/");
    let method: Method = route.method.parse().unwrap();
    let mut headers = vec![lang()];
    let mut cookies = Vec::new();
    if api {
        headers.push((header::AUTHORIZATION, format!("Bearer {}", who.bearer)));
    } else {
        cookies.push(who.cookie.clone());
    }
    match switch {
        Switch::Cookie => cookies.push(format!("{ORGANISATION_COOKIE}={org}")),
        Switch::Header => headers.push((header::HeaderName::from_static(ORGANISATION_HEADER), org.to_owned())),
        Switch::Link => {
            // The link sets the cookie and sends the browser on to the path, which it then asks.
            let (reply, _) = send(&w.many, Method::GET, &format!("/o/{org}{uri}"), &[lang()], String::new()).await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "/o/{org}{uri}");
            assert_eq!(location(&reply), uri.split('#').next().unwrap(), "/o/{org}{uri} goes on to the path");
            let set = reply.headers[header::SET_COOKIE].to_str().unwrap();
            cookies.push(set.split(';').next().unwrap().to_owned());
        }
    }
    headers.push((header::COOKIE, cookies.join("; ")));
    let mut body = String::new();
    if method == Method::POST {
        if api {
            headers.push((header::CONTENT_TYPE, "application/json".into()));
            body = "{}".into();
        } else {
            headers.push((header::CONTENT_TYPE, "application/x-www-form-urlencoded".into()));
            body = format!("csrf={}", who.csrf);
        }
    }
    let (reply, raw) = send(&w.many, method, &uri, &headers, body).await;
    let text = readable(&reply, &raw);
    (reply, text)
}

fn refused(reply: &Reply) -> bool {
    matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        || (reply.status == StatusCode::SEE_OTHER && location(reply).starts_with("/login"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Whoever a person is in `acme`, and however they point a request at `bolt`, `bolt` treats
    /// them as a stranger: every route that is not public is refused, and no answer holds any
    /// of `bolt`'s people. The same request at `acme` is let through where the table allows it,
    /// so the refusals are the organisation's doing, not a broken session.
    #[test]
    fn a_person_of_one_organisation_is_a_stranger_in_another(
        role in 0usize..Role::ALL.len(),
        route in 0usize..ROUTES.len(),
        switch in prop_oneof![Just(Switch::Cookie), Just(Switch::Header), Just(Switch::Link)],
    ) {
        let (rt, w) = shared();
        rt.block_on(async {
            let who = &w.people[role];
            let route = &ROUTES[route];
            let (reply, text) = ask(w, who, route, "bolt", switch).await;
            for marker in bolt_markers(w) {
                assert!(!text.contains(&marker), "{} {} as acme's {:?} via {switch:?} gave {marker}", route.method, route.path, who.role);
            }
            if route.access != Access::Public {
                assert!(refused(&reply), "{} {} as acme's {:?} via {switch:?}: status {}", route.method, route.path, who.role, reply.status);
            }
            if route.method == "GET" && route.access.allows(Some(who.role)) {
                let (own, _) = ask(w, who, route, "acme", switch).await;
                assert!(!refused(&own), "GET {} at acme as its {:?}: status {}", route.path, who.role, own.status);
            }
        });
    }
}

/// The same property, walked completely: every route, as every role of `acme`, by each way of
/// switching.
#[tokio::test]
async fn every_route_as_every_role_by_every_switch_is_a_strangers_in_the_other_organisation() {
    let w = world().await;
    let markers = bolt_markers(&w);
    let mut walked = 0;
    for route in ROUTES.iter() {
        for who in &w.people {
            for switch in [Switch::Cookie, Switch::Header, Switch::Link] {
                let (reply, text) = ask(&w, who, route, "bolt", switch).await;
                for marker in &markers {
                    assert!(
                        !text.contains(marker),
                        "{} {} as {:?} via {switch:?} gave {marker}",
                        route.method,
                        route.path,
                        who.role
                    );
                }
                if route.access != Access::Public {
                    assert!(
                        refused(&reply),
                        "{} {} as {:?} via {switch:?}: {}",
                        route.method,
                        route.path,
                        who.role,
                        reply.status
                    );
                }
                walked += 1;
            }
        }
    }
    assert_eq!(walked, ROUTES.len() * Role::ALL.len() * 3);
}

#[tokio::test]
async fn the_organisation_is_chosen_by_its_link_or_its_code_and_never_guessed() {
    let w = world().await;
    let many = &w.many;
    // Nothing chosen: the page asks for a code, and the API says how to name one.
    let (home, _) = send(many, Method::GET, "/", &[lang()], String::new()).await;
    assert_eq!((home.status, location(&home).as_str()), (StatusCode::SEE_OTHER, "/organisations"));
    let (page, _) = send(many, Method::GET, "/organisations", &[lang()], String::new()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Choose your organisation") && page.body.contains("name=\"code\""));
    assert!(!page.body.contains("acme") && !page.body.contains("bolt"), "the organisations are not listed");
    let (api, _) = send(many, Method::GET, "/api/v1/me/data", &[lang()], String::new()).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(api.body.contains("Inzage-Organisation"), "{}", api.body);
    // A code: known goes on, unknown says so in the reader's language.
    let (known, _) = send(many, Method::GET, "/organisations?code=%20Bolt%20", &[lang()], String::new()).await;
    assert_eq!((known.status, location(&known).as_str()), (StatusCode::SEE_OTHER, "/o/bolt/"));
    let nl = (header::ACCEPT_LANGUAGE, "nl".to_owned());
    let (unknown, _) = send(many, Method::GET, "/organisations?code=nope", &[nl], String::new()).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Geen organisatie heeft de code ‘nope’"), "{}", unknown.body);
    for bad in ["/o/nope/", "/o/..%2Fbolt/", "/o/BOLT/"] {
        let (r, _) = send(many, Method::GET, bad, &[lang()], String::new()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
        assert!(r.headers.get(header::SET_COOKIE).is_none(), "{bad} sets no cookie");
    }
    // An invitation's link keeps the organisation and goes on, only ever to a path of this site.
    let (link, _) = send(many, Method::GET, "/o/bolt/invite/abc?x=1", &[lang()], String::new()).await;
    assert_eq!((link.status, location(&link).as_str()), (StatusCode::SEE_OTHER, "/invite/abc?x=1"));
    let set = link.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("inzage_organisation=bolt;") && set.contains("HttpOnly"), "{set}");
    let (away, _) = send(many, Method::GET, "/o/bolt//evil.example/x", &[lang()], String::new()).await;
    assert_eq!(location(&away), "/evil.example/x", "not an open redirect");
    // Chosen: the organisation's own portal answers, and its pages say which it is.
    let cookie = (header::COOKIE, format!("{ORGANISATION_COOKIE}=bolt"));
    let (login, _) = send(many, Method::GET, "/login", &[lang(), cookie.clone()], String::new()).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("id=\"organisation\">bolt</strong>"), "{}", login.body);
    // Security headers on what the portal of many answers itself too.
    assert!(page.headers.get(header::CONTENT_SECURITY_POLICY).is_some());
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
    // An invitation made in bolt's portal goes through bolt's link.
    let admin = w.bolt.person("bolt-inviter", Role::Admin, None).await;
    let mut headers = vec![lang(), (header::COOKIE, format!("{}; {ORGANISATION_COOKIE}=bolt", admin.cookie))];
    headers.push((header::CONTENT_TYPE, "application/x-www-form-urlencoded".into()));
    let body = format!("csrf={}&name=newcomer&role=council&worker=", admin.csrf);
    let (made, _) = send(many, Method::POST, "/people", &headers, body).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert!(made.body.contains("/o/bolt/invite/"), "{}", made.body);
}

#[tokio::test]
async fn the_inspectors_overview_shows_the_organisations_granted_and_no_others() {
    let w = world().await;
    for (id, app) in [("acme", &w.acme), ("bolt", &w.bolt)] {
        app.state.portal.write_summary(&app.path, id).await.unwrap();
    }
    let ina = w.acme.person("ina", Role::Inspector, None).await;
    let headers = vec![lang(), (header::COOKIE, format!("{}; {ORGANISATION_COOKIE}=acme", ina.cookie))];
    let ids = |body: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["organisations"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).collect()
    };
    // No grant: the organisation logged in to, alone.
    let (json, _) = send(&w.many, Method::GET, "/overview?format=json&sort=name", &headers, String::new()).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(ids(&json.body), ["acme"]);
    // Granted bolt too: both, in the page and the JSON.
    let grant = portal::inspectors::Grant {
        name: "ina".into(),
        all: false,
        organisations: vec!["acme".into(), "bolt".into()],
        password_hash: "$argon2id$unused".into(),
    };
    portal::inspectors::save_grants(w.root.path(), &[grant]).unwrap();
    let (json, _) = send(&w.many, Method::GET, "/overview?format=json&sort=name", &headers, String::new()).await;
    assert_eq!(ids(&json.body), ["acme", "bolt"]);
    let (page, _) = send(&w.many, Method::GET, "/overview", &headers, String::new()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("(acme)") && page.body.contains("(bolt)"), "{}", page.body);
    assert!(page.body.contains("<select") && page.body.contains("name=\"sort\""));
    // A filter it does not know is a message, not an empty table.
    let (bad, _) = send(&w.many, Method::GET, "/overview?size=huge", &headers, String::new()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("choose a size and an order"), "{}", bad.body);
    // bolt's admin makes an inspector account named `ina` in bolt (as an invitation would, with
    // a password of their choosing): the grant is not its, and it sees bolt alone, not acme.
    let store = &w.bolt.state.store;
    let account = store.add_account("ina", Role::Inspector, None, Some("$argon2id$forged")).await.unwrap();
    let token = guard::new_token().unwrap();
    store.create_session(account.id, &guard::token_hash(&token), "csrf", portal::people::now_seconds()).await.unwrap();
    let forged = vec![lang(), (header::COOKIE, format!("{}={token}; {ORGANISATION_COOKIE}=bolt", web::SESSION_COOKIE))];
    let (json, _) = send(&w.many, Method::GET, "/overview?format=json", &forged, String::new()).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(ids(&json.body), ["bolt"], "a same-named account made by an organisation gets no grant");
    // Another inspector of acme, with no grant, still sees acme alone.
    let other = w.acme.person("otto", Role::Inspector, None).await;
    let headers = vec![lang(), (header::COOKIE, format!("{}; {ORGANISATION_COOKIE}=acme", other.cookie))];
    let (json, _) = send(&w.many, Method::GET, "/overview?format=json", &headers, String::new()).await;
    assert_eq!(ids(&json.body), ["acme"]);
}

/// acme's worker asks `/me` at acme, bolt and acme again in a portal of many that keeps one
/// organisation open: theirs at acme both times, nobody's at bolt.
async fn acme_bolt_acme(w: &World, many: &Many) {
    let worker = &w.people[Role::ALL.iter().position(|r| *r == Role::Worker).unwrap()];
    for org in ["acme", "bolt", "acme"] {
        let headers = vec![lang(), (header::COOKIE, format!("{}; {ORGANISATION_COOKIE}={org}", worker.cookie))];
        let (reply, _) = send(many, Method::GET, "/me", &headers, String::new()).await;
        let expected = if org == "acme" { StatusCode::OK } else { StatusCode::SEE_OTHER };
        assert_eq!(reply.status, expected, "/me at {org}");
        assert_eq!(many.open_count(), 1);
    }
}

#[tokio::test]
async fn past_the_most_open_the_least_recently_used_organisation_is_closed_and_opens_again() {
    let w = world().await;
    let many = many_of(w.root.path(), &[("acme", &w.acme), ("bolt", &w.bolt)]).with_max_open(1);
    acme_bolt_acme(&w, &many).await;
}

/// The same with an opener that opens each organisation from its folder, as `inzage serve`
/// does: an organisation closed to make room is opened again from its database, and the
/// worker's session, kept there, is still theirs.
#[tokio::test]
async fn an_organisation_closed_to_make_room_is_opened_again_from_its_folder_with_its_sessions() {
    let w = world().await;
    let root = w.root.path().to_path_buf();
    let opened = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = opened.clone();
    let open: Opener = Arc::new(move |id: String| {
        let dir = root.join(portal::organisations::ORGANISATIONS_DIR).join(&id);
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async move {
            let key = match id.as_str() {
                "acme" => 1,
                "bolt" => 2,
                _ => return Err(format!("no organisation {id}")),
            };
            let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
            AppState::new(store, guard::Pseudonymiser::new([key; 32])).map_err(|e| e.to_string())
        })
    });
    let many = Many::new(w.root.path().to_path_buf(), None, None, false, open).with_max_open(1);
    acme_bolt_acme(&w, &many).await;
    assert_eq!(opened.load(std::sync::atomic::Ordering::SeqCst), 3, "acme opened, closed and opened again");
}
