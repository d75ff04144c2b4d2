//! The security review's attacks on logging in and on the account page, replayed through the
//! router (real SQLite, real Argon2): each test is named after what broke.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use domain::Role;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::people::Person;
use crate::{Reply, TestApp};

pub(crate) const PASSWORD: &str = "the officer's long passphrase";

/// An account whose password is `PASSWORD`.
pub(crate) async fn account(app: &TestApp, name: &str, role: Role) {
    let hash = guard::hash_password(PASSWORD).unwrap();
    app.state.store.add_account(name, role, None, Some(&hash)).await.unwrap();
}

/// A visitor's pre-login CSRF cookie and token, as the login page hands them out.
pub(crate) async fn visitor(app: &TestApp) -> (String, String) {
    let page = app.send(Method::GET, "/login", &[], String::new()).await;
    let cookie = page.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let token = cookie.split_once('=').unwrap().1.to_owned();
    (cookie, token)
}

/// A request from a TCP peer (as the server records it), with extra headers.
pub(crate) async fn from(app: &TestApp, peer: &str, mut request: Request<Body>) -> Reply {
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = web::app(app.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// A login form post for `name` with `password`, from `peer`, with an `X-Forwarded-For` if given.
pub(crate) fn login(csrf: &(String, String), name: &str, password: &str, forwarded: Option<&str>) -> Request<Body> {
    let body = serde_urlencoded::to_string([("csrf", csrf.1.as_str()), ("name", name), ("password", password)]);
    let mut request = Request::post("/login")
        .header(header::COOKIE, csrf.0.as_str())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en");
    if let Some(f) = forwarded {
        request = request.header("x-forwarded-for", f);
    }
    request.body(Body::from(body.unwrap())).unwrap()
}

/// Regression (security review M2): the limit was checked before Argon2 and counted after it, so
/// 40 guesses sent at once were all checked where 5 are allowed.
#[tokio::test]
async fn forty_concurrent_wrong_passwords_check_no_more_than_five() {
    let mut app = TestApp::demo().await;
    // Places enough for every request, so only the limits can hold the guesses back.
    app.state.portal.hashing = Arc::new(portal::people::Hashing::new(64, 0, Duration::ZERO));
    account(&app, "privacy officer", Role::Admin).await;
    let csrf = visitor(&app).await;
    let app = Arc::new(app);
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..40 {
        let (app, csrf) = (Arc::clone(&app), csrf.clone());
        burst.spawn(async move {
            from(&app, "203.0.113.9", login(&csrf, "privacy officer", &format!("guess number {i:02}!"), None))
                .await
                .status
        });
    }
    let statuses = burst.join_all().await;
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= web::FAILURES_PER_ACCOUNT as usize, "{checked} guesses checked: {statuses:?}");
    assert_eq!(checked + refused, 40, "{statuses:?}");
    let right = from(&app, "203.0.113.9", login(&csrf, "privacy officer", PASSWORD, None)).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS, "this address is locked out of this account");
    assert!(right.headers.contains_key(header::RETRY_AFTER));
}

/// Regression (security review M2): every request ran its own Argon2 hash (19 MiB each), so a
/// flood of logins grew the server's memory without bound.
#[tokio::test]
async fn a_login_while_every_argon2_place_is_taken_is_answered_503_without_a_hash() {
    let mut app = TestApp::demo().await;
    // Two places and two waiting, for a tenth of a second at most.
    app.state.portal.hashing = Arc::new(portal::people::Hashing::new(2, 2, Duration::from_millis(100)));
    account(&app, "privacy officer", Role::Admin).await;
    let csrf = visitor(&app).await;
    // The flood holds both places.
    let flood = [app.state.hashing.place().await.unwrap(), app.state.hashing.place().await.unwrap()];
    for _ in 0..3 * web::FAILURES_PER_ACCOUNT {
        let busy = from(&app, "203.0.113.9", login(&csrf, "privacy officer", "another guess!", None)).await;
        assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(busy.body.contains("try again in a few seconds"), "{}", busy.body);
        assert!(busy.headers.contains_key(header::RETRY_AFTER));
    }
    drop(flood);
    // Nothing was checked, so nothing was counted: the right password still works.
    let right = from(&app, "203.0.113.9", login(&csrf, "privacy officer", PASSWORD, None)).await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
}

/// Regression (security review M3): five wrong passwords locked any account for everyone, the
/// privacy officer too, and an attacker could repeat that for ever.
#[tokio::test]
async fn five_wrong_passwords_from_an_attacker_do_not_lock_the_officer_out_at_her_desk() {
    let app = TestApp::demo().await;
    account(&app, "privacy officer", Role::Admin).await;
    let csrf = visitor(&app).await;
    for _ in 0..web::FAILURES_PER_ACCOUNT {
        let guess = from(&app, "203.0.113.9", login(&csrf, "privacy officer", "a wrong guess!!", None)).await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED);
    }
    let locked = from(&app, "203.0.113.9", login(&csrf, "privacy officer", PASSWORD, None)).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "the attacker's address is locked out");
    let officer = from(&app, "198.51.100.7", login(&csrf, "privacy officer", PASSWORD, None)).await;
    assert_eq!(officer.status, StatusCode::SEE_OTHER, "{}", officer.body);
}

/// Regression (security review M3): behind a proxy everyone shares one address, and 50 failed
/// logins for made-up names refused every account's right password for 15 minutes.
#[tokio::test]
async fn fifty_failures_behind_one_proxy_address_do_not_refuse_a_colleagues_right_password() {
    let app = TestApp::demo().await;
    account(&app, "colleague", Role::Council).await;
    let csrf = visitor(&app).await;
    for i in 0..web::FAILURES_PER_ADDRESS {
        let guess = from(&app, "10.0.0.1", login(&csrf, &format!("made-up name {i}"), "a wrong guess!!", None)).await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    let again = from(&app, "10.0.0.1", login(&csrf, "made-up name 0", "another guess!!", None)).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS, "a name with failures is refused from this address");
    let colleague = from(&app, "10.0.0.1", login(&csrf, "colleague", PASSWORD, None)).await;
    assert_eq!(colleague.status, StatusCode::SEE_OTHER, "{}", colleague.body);
}

/// Regression (security review M3): the client's address must come from a proxy the operator
/// trusts, never from a header any client can send.
#[tokio::test]
async fn a_forged_x_forwarded_for_does_not_give_an_attacker_new_guesses() {
    let mut app = TestApp::demo().await;
    app.state.trusted_proxies = vec!["10.0.0.1".parse().unwrap()];
    account(&app, "privacy officer", Role::Admin).await;
    let csrf = visitor(&app).await;
    // Straight to the portal, a new forged address each time: the peer is what counts.
    for i in 0..web::FAILURES_PER_ACCOUNT {
        let forged = format!("192.0.2.{i}");
        let guess = from(&app, "203.0.113.9", login(&csrf, "privacy officer", "a wrong guess!!", Some(&forged))).await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED);
    }
    let forged =
        from(&app, "203.0.113.9", login(&csrf, "privacy officer", "a wrong guess!!", Some("192.0.2.77"))).await;
    assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
    // Through the trusted proxy, which appends the address it saw: a forged first entry is not used.
    account(&app, "council member", Role::Council).await;
    for i in 0..web::FAILURES_PER_ACCOUNT {
        let chain = format!("192.0.2.{i}, 198.51.100.20");
        let guess = from(&app, "10.0.0.1", login(&csrf, "council member", "a wrong guess!!", Some(&chain))).await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED);
    }
    let chain = "192.0.2.99, 198.51.100.20";
    let locked = from(&app, "10.0.0.1", login(&csrf, "council member", PASSWORD, Some(chain))).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "198.51.100.20 is locked out of the account");
    // Another client behind the same proxy is not.
    let member = from(&app, "10.0.0.1", login(&csrf, "council member", PASSWORD, Some("198.51.100.7"))).await;
    assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
}

/// Regression (security review L13, ASVS 7.1.3): failed and refused logins were logged with
/// neither the address nor anything to tell one account from another.
#[tokio::test]
async fn refused_logins_are_logged_with_the_address_and_a_hash_of_the_name_never_the_name() {
    let (captured, _guard) = crate::log::capture();
    let app = TestApp::demo().await;
    account(&app, "Ria de Raad", Role::Council).await;
    let csrf = visitor(&app).await;
    for _ in 0..=web::FAILURES_PER_ACCOUNT {
        from(&app, "203.0.113.9", login(&csrf, "Ria de Raad", "a wrong guess!!", None)).await;
    }
    drop(_guard);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let failed: Vec<&str> = log.lines().filter(|l| l.contains("a login failed")).collect();
    let refused: Vec<&str> = log.lines().filter(|l| l.contains("a login was refused")).collect();
    assert_eq!((failed.len(), refused.len()), (5, 1), "{log}");
    let hash = |line: &str| line.split("account=").nth(1).unwrap().split(' ').next().unwrap().to_owned();
    for line in failed.iter().chain(&refused) {
        assert!(line.contains("address=203.0.113.9"), "{line}");
        assert_eq!(hash(line), hash(refused[0]), "the same account, the same hash");
    }
    assert!(hash(refused[0]).len() >= 16);
    assert!(!log.contains("Ria") && !log.contains("ria de raad") && !log.contains("wrong guess"), "{log}");
}

/// Regression (security review L2): the current password on **My account** could be guessed
/// without limit, at Argon2's cost to the server.
#[tokio::test]
async fn wrong_current_passwords_on_my_account_are_limited_like_logins() {
    let app = TestApp::demo().await;
    account(&app, "pat", Role::Expert).await;
    let store = &app.state.store;
    let id = store.account_for_login("pat").await.unwrap().unwrap().0.id;
    let token = guard::new_token().unwrap();
    store.create_session(id, &guard::token_hash(&token), "csrf-of-pat", portal::people::now_seconds()).await.unwrap();
    let pat = Person {
        role: Role::Expert,
        cookie: format!("{}={token}", web::SESSION_COOKIE),
        csrf: "csrf-of-pat".into(),
        bearer: String::new(),
        worker: None,
    };
    let change = |current: &'static str| {
        [("current", current), ("password", "a brand new long password"), ("confirm", "a brand new long password")]
    };
    for _ in 0..web::FAILURES_PER_ACCOUNT {
        let wrong = app.post_form(&pat, "/account", &change("is it this one?")).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = app.post_form(&pat, "/account", &change(PASSWORD)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{}", limited.body);
    assert!(limited.body.contains("Too many failed attempts"));
    let (_, stored) = store.account_for_login("pat").await.unwrap().unwrap();
    assert!(guard::verify_password(PASSWORD, &stored.unwrap()), "the password did not change");
    // The same counts as logging in: the account is locked out from this address there too.
    let csrf = visitor(&app).await;
    let reply = app.send(Method::POST, "/login", &[], String::new()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "no token, no check");
    let response = web::app(app.state.clone()).oneshot(login(&csrf, "pat", PASSWORD, None)).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// Regression (security review L6): any 64 characters a page on another port of the same host
/// put in the pre-login cookie and the form were taken, so it could log a victim in as itself.
#[tokio::test]
async fn a_self_chosen_pre_login_token_is_refused() {
    let app = TestApp::demo().await;
    account(&app, "attacker's own account", Role::Council).await;
    let chosen = "a".repeat(64);
    let forged = (format!("{}={chosen}", web::CSRF_COOKIE), chosen.clone());
    let reply = from(&app, "127.0.0.1", login(&forged, "attacker's own account", PASSWORD, None)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(!reply.headers.contains_key(header::SET_COOKIE), "no session");
    // The login page does not adopt the chosen value: it sets a signed one of its own.
    let cookie = (header::COOKIE, forged.0.clone());
    let page = app.send(Method::GET, "/login", &[cookie], String::new()).await;
    let set = page.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(!set.contains(&chosen) && !page.body.contains(&chosen), "{set}");
    let signed = visitor(&app).await;
    let ok = from(&app, "127.0.0.1", login(&signed, "attacker's own account", PASSWORD, None)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}

/// Regression (security review L6, ASVS 3.4.4): behind TLS the cookies had no `__Host-` prefix,
/// so a subdomain or a plain-HTTP page could set them; and there was no HSTS.
#[tokio::test]
async fn behind_tls_the_cookies_are_host_only_by_prefix_and_hsts_is_sent() {
    let mut app = TestApp::demo().await;
    app.state.secure_cookies = true;
    account(&app, "officer", Role::Admin).await;
    let page = app.send(Method::GET, "/login", &[], String::new()).await;
    let set = page.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.starts_with(&format!("{}{}=", web::SECURE_PREFIX, web::CSRF_COOKIE)) && set.contains("Secure"),
        "{set}"
    );
    assert_eq!(page.headers[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
    let csrf = visitor(&app).await;
    let ok = from(&app, "127.0.0.1", login(&csrf, "officer", PASSWORD, None)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let session = ok.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(session.starts_with(&format!("{}{}=", web::SECURE_PREFIX, web::SESSION_COOKIE)), "{session}");
    assert!(session.contains("; Secure") && session.contains("Path=/") && !session.contains("Domain"));
    let pair = session.split(';').next().unwrap().to_owned();
    let token = pair.split_once('=').unwrap().1;
    let with = app.send(Method::GET, "/register", &[(header::COOKIE, pair.clone())], String::new()).await;
    assert_eq!(with.status, StatusCode::OK);
    // The same token under the name without the prefix (as a plain-HTTP page could set it) is not read.
    let unprefixed = format!("{}={token}", web::SESSION_COOKIE);
    let without = app.send(Method::GET, "/register", &[(header::COOKIE, unprefixed)], String::new()).await;
    assert_eq!(without.status, StatusCode::SEE_OTHER);
    // Without TLS, no HSTS (the loopback demo runs over plain HTTP).
    app.state.secure_cookies = false;
    let plain = app.send(Method::GET, "/", &[], String::new()).await;
    assert!(!plain.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

/// Regression (security review L13): no Content-Security-Policy, and the 404 page had none of
/// the security headers.
#[tokio::test]
async fn every_page_the_404_page_too_has_a_content_security_policy_it_keeps_to() {
    let app = TestApp::demo().await;
    for uri in
        ["/", "/login", "/register", "/rules", "/systems/scan-pace", "/account", "/no/such/page", "/static/style.css"]
    {
        let reply = app.get(uri, &[]).await;
        assert_eq!(reply.headers[header::CONTENT_SECURITY_POLICY], web::guard::PAGE_POLICY, "{uri}");
        assert_eq!(reply.headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(reply.headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
        // What the policy forbids is not on the pages: no script, no inline style, no frames.
        for forbidden in ["<script", " style=", "<style", "<iframe", "javascript:"] {
            assert!(!reply.body.contains(forbidden), "{uri} has {forbidden}");
        }
    }
    assert!(web::guard::PAGE_POLICY.contains("default-src 'none'") && !web::guard::PAGE_POLICY.contains("unsafe"));
}

/// Regression (security review L13): any anonymous client could fill the log with warnings by
/// sending HEAD or OPTIONS requests.
#[tokio::test]
async fn head_and_options_requests_are_refused_without_a_warning_in_the_log() {
    let (captured, _guard) = crate::log::capture();
    let app = TestApp::demo().await;
    for _ in 0..20 {
        for method in [Method::HEAD, Method::OPTIONS] {
            let reply = app.send(method, "/login", &[], String::new()).await;
            assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        }
    }
    let put = app.send(Method::PUT, "/login", &[], String::new()).await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
    drop(_guard);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains(" WARN ") || l.contains(" ERROR ")).collect();
    assert!(warnings.iter().any(|l| l.contains("method=PUT")), "a PUT is worth a warning: {log}");
    assert!(!warnings.iter().any(|l| l.contains("HEAD") || l.contains("OPTIONS")), "{warnings:?}");
}

/// Regression (security review L5): any `Host` was answered (DNS rebinding could read the
/// portal on loopback), and an invitation link was built on it, handing the token to that host.
#[tokio::test]
async fn a_request_for_another_host_is_refused_and_invitation_links_use_the_public_url() {
    let mut app = TestApp::demo().await;
    app.state.set_public_url("https://inzage.example.org").unwrap();
    let admin = app.person("admin", Role::Admin, None).await;
    let host = |h: &str| (header::HOST, h.to_owned());
    let evil = app.send(Method::GET, "/", &[host("evil.example")], String::new()).await;
    assert_eq!(evil.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(evil.headers.contains_key(header::CONTENT_SECURITY_POLICY));
    let no_host = app.send(Method::GET, "/", &[], String::new()).await;
    assert_eq!(no_host.status, StatusCode::MISDIRECTED_REQUEST);
    let ok = app.send(Method::GET, "/", &[host("Inzage.Example.org")], String::new()).await;
    assert_eq!(ok.status, StatusCode::OK);
    let invite = |h: &str, name: &str| {
        let body = serde_urlencoded::to_string([("csrf", admin.csrf.as_str()), ("name", name), ("role", "council")]);
        let headers = vec![
            host(h),
            (header::COOKIE, admin.cookie.clone()),
            (header::CONTENT_TYPE, "application/x-www-form-urlencoded".to_owned()),
        ];
        (headers, body.unwrap())
    };
    let (headers, body) = invite("evil.example", "Ria");
    assert_eq!(app.send(Method::POST, "/people", &headers, body).await.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(app.state.store.account_for_login("Ria").await.unwrap().is_none(), "no invitation was made");
    let (headers, body) = invite("inzage.example.org", "Ria");
    let made = app.send(Method::POST, "/people", &headers, body).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let link = made.body.split("id=\"invite-link\">").nth(1).unwrap().split('<').next().unwrap();
    assert!(link.starts_with("https://inzage.example.org/invite/"), "{link}");
    // The loopback default takes its own address and localhost, nothing else.
    app.state.set_public_url("http://127.0.0.1:8080").unwrap();
    for (h, status) in [
        ("127.0.0.1:8080", StatusCode::OK),
        ("localhost:8080", StatusCode::OK),
        ("127.0.0.1:9", StatusCode::MISDIRECTED_REQUEST),
        ("rebound.example:8080", StatusCode::MISDIRECTED_REQUEST),
    ] {
        assert_eq!(app.send(Method::GET, "/", &[host(h)], String::new()).await.status, status, "{h}");
    }
    for bad in ["ftp://x.example", "https://x.example/portal", "https://user@x.example", "not a url"] {
        assert!(app.state.clone().set_public_url(bad).is_none(), "{bad}");
    }
}
