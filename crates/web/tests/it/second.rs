//! Second factors (issue 16, ASVS 2.8), tried as someone who has the password but not the
//! phone would try them: through the router, with real SQLite and real Argon2.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::Role;

use crate::attacks::{PASSWORD, account, from, login, visitor};
use crate::people::Person;
use crate::{Reply, TestApp};

/// RFC 4648 base 32, decoded here rather than by the code under test.
fn base32(text: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut value, mut out) = (0u32, 0u32, Vec::new());
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        value = (value << 5) | ALPHABET.find(c).expect("a base-32 letter") as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((value >> bits) as u8);
            value &= (1 << bits) - 1;
        }
    }
    out
}

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    body.split(start).nth(1).unwrap_or_else(|| panic!("{start} not in {body}")).split(end).next().unwrap()
}

fn now() -> i64 {
    portal::people::now_seconds()
}

/// The code the app shows now.
fn code_now(secret: &[u8]) -> String {
    guard::second::code_at(secret, now())
}

/// The code of the next 30-second step: taken (one step of drift), and later than the step
/// the set-up's confirmation used.
fn next_code(secret: &[u8]) -> String {
    guard::second::code_at(secret, now() + 30)
}

/// Six digits that are none of the codes of the steps around now.
fn wrong_code(secret: &[u8]) -> String {
    let taken: Vec<String> = [-30, 0, 30].iter().map(|d| guard::second::code_at(secret, now() + d)).collect();
    (0..).map(|n: u32| format!("{:06}", (n * 7919) % 1_000_000)).find(|c| !taken.contains(c)).unwrap()
}

/// Sets a second factor up through the pages, as its owner would; returns the secret the page
/// showed to type into the app, and the recovery codes.
async fn set_up(app: &TestApp, who: &Person) -> (Vec<u8>, Vec<String>) {
    let started = app.post_form(who, "/account/second-factor/start", &[]).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert!(started.body.contains("<svg role=\"img\""), "a QR code to scan");
    let secret = base32(between(&started.body, "id=\"second-secret\">", "<"));
    assert_eq!(secret.len(), 20, "160 bits");
    // Shown again, the same secret, until it is confirmed.
    let again = app.page(who, "/account/second-factor").await;
    assert_eq!(base32(between(&again.body, "id=\"second-secret\">", "<")), secret);
    let wrong = app.post_form(who, "/account/second-factor/confirm", &[("code", &wrong_code(&secret))]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!app.page(who, "/account").await.body.contains("unused recovery"), "not on after a wrong code");
    let confirmed = app.post_form(who, "/account/second-factor/confirm", &[("code", &code_now(&secret))]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let list = between(&confirmed.body, "id=\"recovery-codes\">", "</ol>");
    let codes: Vec<String> =
        list.split("<code class=\"utrecht-code\">").skip(1).map(|c| c.split('<').next().unwrap().to_owned()).collect();
    assert_eq!(codes.len(), 10, "{list}");
    (secret, codes)
}

/// A person with a session for an account whose password is `PASSWORD`.
async fn with_session(app: &TestApp, name: &str, role: Role) -> Person {
    account(app, name, role).await;
    let id = app.state.store.account(name).await.unwrap().unwrap().id;
    let token = guard::new_token().unwrap();
    let csrf = guard::new_token().unwrap();
    app.state.store.create_session(id, &guard::token_hash(&token), &csrf, now()).await.unwrap();
    Person { role, cookie: format!("{}={token}", web::SESSION_COOKIE), csrf, bearer: String::new(), worker: None }
}

/// The first part (`name=value`) of every `Set-Cookie` of a reply.
fn set_cookies(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect()
}

/// The password step: the waiting login's cookie, or the reply if there was none.
async fn password_step(app: &TestApp, csrf: &(String, String), name: &str) -> Result<String, Reply> {
    let reply = from(app, "203.0.113.5", login(csrf, name, PASSWORD, None)).await;
    let pending = set_cookies(&reply).into_iter().find(|c| c.starts_with("inzage_code=") && c.len() > 12);
    match (reply.status, pending) {
        (StatusCode::SEE_OTHER, Some(cookie)) => {
            assert_eq!(reply.headers[header::LOCATION], "/login/code");
            assert!(!set_cookies(&reply).iter().any(|c| c.starts_with(web::SESSION_COOKIE)), "no session yet");
            Ok(cookie)
        }
        _ => Err(reply),
    }
}

/// The code step of a waiting login.
async fn code_step(app: &TestApp, csrf: &(String, String), pending: &str, code: &str) -> Reply {
    let body = serde_urlencoded::to_string([("csrf", csrf.1.as_str()), ("code", code)]).unwrap();
    let request = Request::post("/login/code")
        .header(header::COOKIE, format!("{}; {pending}", csrf.0))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body))
        .unwrap();
    from(app, "203.0.113.5", request).await
}

fn session_of(reply: &Reply) -> Option<String> {
    set_cookies(reply).into_iter().find(|c| c.starts_with(&format!("{}=", web::SESSION_COOKIE)) && c.len() > 20)
}

#[tokio::test]
async fn a_right_password_without_the_code_gives_no_session_and_a_code_works_once() {
    let app = TestApp::demo().await;
    let officer = with_session(&app, "privacy officer", Role::Admin).await;
    let (secret, _) = set_up(&app, &officer).await;
    let account = app.page(&officer, "/account").await;
    assert!(account.body.contains("10 unused recovery codes"), "{}", account.body);
    let csrf = visitor(&app).await;

    // The password alone: a waiting login, no session; the pages still say "log in".
    let pending = password_step(&app, &csrf, "privacy officer").await.expect("a code is asked");
    let form = app.send(Method::GET, "/login/code", &[(header::COOKIE, pending.clone())], String::new()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("autocomplete=\"one-time-code\""));
    let wrong = code_step(&app, &csrf, &pending, &wrong_code(&secret)).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(session_of(&wrong).is_none());

    // The right code (the set-up took the current step's): a session, the waiting login ends.
    let code = next_code(&secret);
    let right = code_step(&app, &csrf, &pending, &code).await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    let session = session_of(&right).expect("a session");
    let home = app.send(Method::GET, "/people", &[(header::COOKIE, session)], String::new()).await;
    assert_eq!(home.status, StatusCode::OK, "the admin is in");
    let used = code_step(&app, &csrf, &pending, &code).await;
    assert_eq!(used.status, StatusCode::BAD_REQUEST, "a used waiting login is gone");
    assert!(used.body.contains("id=\"code-gone\"") && session_of(&used).is_none());

    // The same code, seen over a shoulder, in a new login within its 30 seconds: refused.
    let pending = password_step(&app, &csrf, "privacy officer").await.expect("a code is asked");
    let replay = code_step(&app, &csrf, &pending, &code).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "a code is taken once");

    // A waiting login that is too old is gone.
    let raw = store::Raw::open(app.dir()).await.unwrap();
    sqlx::query("UPDATE login_pending SET expires_at = $1").bind(now() - 1).execute(raw.pool()).await.unwrap();
    let late = code_step(&app, &csrf, &pending, &next_code(&secret)).await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST, "expired");
    assert!(session_of(&late).is_none());
}

#[tokio::test]
async fn a_recovery_code_logs_in_once_however_it_is_typed() {
    let app = TestApp::demo().await;
    let member = with_session(&app, "council member", Role::Council).await;
    let (_, codes) = set_up(&app, &member).await;
    let csrf = visitor(&app).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let pending = password_step(&app, &csrf, "council member").await.unwrap();
    let first = code_step(&app, &csrf, &pending, &typed).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(session_of(&first).is_some());
    let pending = password_step(&app, &csrf, "council member").await.unwrap();
    let again = code_step(&app, &csrf, &pending, &codes[3]).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "used up");
    let account = app.page(&member, "/account").await;
    assert!(account.body.contains("9 unused recovery codes"), "{}", account.body);
}

#[tokio::test]
async fn guessing_codes_between_right_passwords_is_limited_like_guessing_passwords() {
    let app = TestApp::demo().await;
    let officer = with_session(&app, "privacy officer", Role::Admin).await;
    let (secret, _) = set_up(&app, &officer).await;
    let csrf = visitor(&app).await;
    // The password is known: each guess starts with a right password, which must not clear the count.
    for guess in 0..web::FAILURES_PER_ACCOUNT {
        let pending = password_step(&app, &csrf, "privacy officer").await.expect("a code is asked");
        let reply = code_step(&app, &csrf, &pending, &wrong_code(&secret)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "guess {guess}");
    }
    let refused = password_step(&app, &csrf, "privacy officer").await.expect_err("no more waiting logins");
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_database_alone_gives_no_code() {
    let app = TestApp::demo().await;
    let officer = with_session(&app, "privacy officer", Role::Admin).await;
    let (secret, codes) = set_up(&app, &officer).await;
    // Not in the database, as bytes or as the text the page showed.
    let raw = store::Raw::open(app.dir()).await.unwrap();
    let stored = raw.everything(app.dir()).await.unwrap();
    assert!(stored.len() > 10_000);
    let text = guard::second::NewSecret::from_bytes(&secret).unwrap().base32().replace(' ', "");
    for needle in [secret.clone(), text.into_bytes(), hex_of(&secret).into_bytes(), codes[0].clone().into_bytes()] {
        assert!(!stored.windows(needle.len()).any(|w| w == needle.as_slice()), "found in the database");
    }
    // The sealed secret copied onto the attacker's own account does not open there.
    let attacker = with_session(&app, "attacker", Role::Admin).await;
    let db = raw.pool();
    sqlx::query(
        "UPDATE account SET totp_secret = (SELECT totp_secret FROM account WHERE name = 'privacy officer'), \
         totp_confirmed_at = 'now', totp_last_step = 0 WHERE name = 'attacker'",
    )
    .execute(db)
    .await
    .unwrap();
    let csrf = visitor(&app).await;
    let pending = password_step(&app, &csrf, "attacker").await.unwrap();
    let reply = code_step(&app, &csrf, &pending, &next_code(&secret)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "sealed for another account");
    drop(attacker);
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn require_mfa_sends_admin_and_council_to_set_up_first_and_leaves_others_alone() {
    let mut app = TestApp::demo().await;
    app.state.portal.require_second_factor = true;
    let admin = app.person("admin", Role::Admin, None).await;
    let council = app.person("council", Role::Council, None).await;
    let worker = app.person("worker", Role::Worker, Some("W0001")).await;
    let expert = app.person("expert", Role::Expert, None).await;
    for (who, path) in [(&admin, "/people"), (&council, "/register"), (&admin, "/")] {
        let reply = app.page(who, path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(reply.headers[header::LOCATION], "/account/second-factor", "{path}");
    }
    let invite = app.post_form(&admin, "/people", &[("name", "someone"), ("role", "expert"), ("worker", "")]).await;
    assert_eq!(invite.status, StatusCode::FORBIDDEN, "no form either");
    let api = app.api(&admin, Method::GET, "/api/v1/me", None).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN, "nor the API: {}", api.body);
    let page = app.page(&admin, "/account/second-factor").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"second-required\""));
    assert_eq!(app.page(&worker, "/me").await.status, StatusCode::OK, "workers are not asked");
    assert_eq!(app.page(&expert, "/").await.status, StatusCode::OK, "experts are not asked");

    let (secret, _) = set_up(&app, &admin).await;
    assert_eq!(app.page(&admin, "/people").await.status, StatusCode::OK, "set up: in");
    let off = app.post_form(&admin, "/account/second-factor/off", &[("code", &code_now(&secret))]).await;
    assert_eq!(off.status, StatusCode::UNPROCESSABLE_ENTITY, "required: it stays on");
    assert!(off.body.contains("cannot be turned off"), "{}", off.body);
}

#[tokio::test]
async fn turning_off_takes_a_code_and_a_reinvitation_resets_the_factor() {
    let app = TestApp::demo().await;
    let officer = with_session(&app, "privacy officer", Role::Admin).await;
    let (secret, _) = set_up(&app, &officer).await;
    let guess = app.post_form(&officer, "/account/second-factor/off", &[("code", &wrong_code(&secret))]).await;
    assert_eq!(guess.status, StatusCode::UNPROCESSABLE_ENTITY, "a stolen session cannot turn it off");
    assert!(app.state.store.account("privacy officer").await.unwrap().unwrap().second_factor);
    let renewed = app.post_form(&officer, "/account/second-factor/recovery", &[("code", &next_code(&secret))]).await;
    assert_eq!(renewed.status, StatusCode::OK);
    assert!(renewed.body.contains("id=\"recovery-codes\""));

    let member = with_session(&app, "council member", Role::Council).await;
    set_up(&app, &member).await;
    app.state.store.reinvite("council member", None, &guard::token_hash("x"), now() + 3600).await.unwrap();
    let account = app.state.store.account("council member").await.unwrap().unwrap();
    assert!(!account.second_factor && !account.active, "a fresh start: password and second factor");
    assert_eq!(app.state.store.recovery_codes_left(account.id).await.unwrap(), 0);
}
