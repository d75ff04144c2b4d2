//! Who is asking, and may they: sessions, API tokens, CSRF and the authorisation matrix.
//!
//! Every route is in `ROUTES` with the roles that may use it; one middleware (`guard`) runs after
//! routing, finds the route's row and refuses what the row does not allow. A route missing from
//! the table is refused, so a new handler is closed until someone writes down who may use it.
//! Pages authenticate with the session cookie, the API with `Authorization: Bearer`; each ignores
//! the other's credentials, so the API needs no CSRF token and a page cannot be driven by a
//! token. Every form post on a page carries a CSRF token, checked here before the handler runs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, REFERRER_POLICY, WWW_AUTHENTICATE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Role;
use store::Account;

use crate::i18n::Tr;
use crate::{AppError, AppState};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "inzage_session";
/// The cookie that carries the CSRF token of forms shown before login (double submit).
pub const CSRF_COOKIE: &str = "inzage_csrf";
/// A session ends after this long without a request (ASVS 3.3.2: 30 minutes)…
pub const IDLE_SECONDS: i64 = 30 * 60;
/// …and after this long in any case (12 hours).
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;
/// Failed logins allowed per account, and per address, in one window.
pub const FAILURES_PER_ACCOUNT: u32 = 5;
pub const FAILURES_PER_ADDRESS: u32 = 50;
/// The window of the login limits, in seconds.
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// Largest form body read.
const FORM_LIMIT: usize = 64 * 1024;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Anyone logged in.
    Signed,
    /// Only these roles.
    Roles(&'static [Role]),
}

impl Access {
    /// Whether someone with this role (or nobody, `None`) may use the route.
    pub fn allows(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (Access::Signed, Some(_)) => true,
            (Access::Roles(roles), Some(r)) => roles.contains(&r),
            (_, None) => false,
        }
    }
}

/// One row of the authorisation matrix.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

use Role::{Admin, Council, Expert, Inspector, Worker};

/// Those who read registers, findings and audits in aggregate.
const OVERSIGHT: &[Role] = &[Admin, Council, Expert, Inspector];
const WORKER: &[Role] = &[Worker];
const ADMIN: &[Role] = &[Admin];
/// Those who invite: the admin anyone, the council its experts.
const INVITERS: &[Role] = &[Admin, Council];

const fn route(method: &'static str, path: &'static str, access: Access) -> Route {
    Route { method, path, access }
}

/// The authorisation matrix: every route, and who may use it. A test walks it completely.
pub const ROUTES: &[Route] = &[
    route("GET", "/", Access::Public),
    route("GET", "/login", Access::Public),
    route("POST", "/login", Access::Public),
    route("GET", "/invite/{token}", Access::Public),
    route("POST", "/invite/{token}", Access::Public),
    route("GET", "/lang/{code}", Access::Public),
    route("GET", "/static/style.css", Access::Public),
    route("GET", "/api/openapi.json", Access::Public),
    route("POST", "/logout", Access::Signed),
    route("POST", "/logout/everywhere", Access::Signed),
    route("GET", "/rules", Access::Signed),
    route("GET", "/account", Access::Signed),
    route("POST", "/account", Access::Signed),
    route("GET", "/register", Access::Roles(OVERSIGHT)),
    route("GET", "/systems/{id}", Access::Roles(OVERSIGHT)),
    route("GET", "/systems/{id}/audit", Access::Roles(OVERSIGHT)),
    route("GET", "/me", Access::Roles(WORKER)),
    route("GET", "/me/data", Access::Roles(WORKER)),
    route("GET", "/me/archive.zip", Access::Roles(WORKER)),
    route("GET", "/me/copy", Access::Roles(WORKER)),
    route("POST", "/me/contests", Access::Roles(WORKER)),
    route("GET", "/people", Access::Roles(INVITERS)),
    route("POST", "/people", Access::Roles(INVITERS)),
    route("GET", "/contests", Access::Roles(ADMIN)),
    route("GET", "/contests/{id}", Access::Roles(ADMIN)),
    route("POST", "/contests/{id}", Access::Roles(ADMIN)),
    route("GET", "/api/v1/me", Access::Signed),
    route("GET", "/api/v1/me/data", Access::Roles(WORKER)),
    // Every role may ask; the handler answers 404 unless it is the caller's own data.
    route("GET", "/api/v1/workers/{worker}/data", Access::Signed),
    route("GET", "/api/v1/me/access-log", Access::Roles(WORKER)),
    route("GET", "/api/v1/me/contests", Access::Roles(WORKER)),
    route("POST", "/api/v1/me/contests", Access::Roles(WORKER)),
];

/// The logged-in person, put in the request's extensions by `guard`.
#[derive(Clone, Debug)]
pub struct User {
    pub account: Account,
    /// The forms' token of this session (empty for API tokens, which need none).
    pub csrf: String,
    /// The session's token hash, for logging out (`None` for API tokens).
    pub session: Option<String>,
}

impl User {
    pub fn role(&self) -> Role {
        self.account.role
    }
}

/// Now, in Unix seconds: the clock of sessions and invitations.
pub fn now_seconds() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// A cookie's value from the request's headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

async fn resolve(state: &AppState, headers: &HeaderMap, api: bool) -> Result<Option<User>, store::Error> {
    if api {
        let Some(token) = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
        else {
            return Ok(None);
        };
        let account = state.store.api_token_account(&guard::token_hash(token)).await?;
        return Ok(account.filter(|a| a.active).map(|account| User { account, csrf: String::new(), session: None }));
    }
    let Some(token) = cookie(headers, SESSION_COOKIE) else { return Ok(None) };
    let hash = guard::token_hash(&token);
    let session = state.store.session(&hash, now_seconds(), IDLE_SECONDS, ABSOLUTE_SECONDS).await?;
    Ok(session.map(|s| User { account: s.account, csrf: s.csrf, session: Some(hash) }))
}

/// The middleware: finds the route's row, the person, and lets the request through only if the
/// row allows their role; checks the CSRF token of every page's form post.
pub(crate) async fn guard(State(state): State<AppState>, t: Tr, mut request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let Some(pattern) = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()) else {
        return next.run(request).await;
    };
    let api = is_api(&pattern);
    let Some(row) = ROUTES.iter().find(|r| r.method == method.as_str() && r.path == pattern) else {
        // Not in the table: refused, whoever asks.
        tracing::warn!(route = %pattern, method = %method, "a route missing from the authorisation table was refused");
        return refuse(&t, api, StatusCode::METHOD_NOT_ALLOWED);
    };
    let user = match resolve(&state, request.headers(), api).await {
        Ok(user) => user,
        Err(e) => return AppError::from(e).into_response(),
    };
    let role = user.as_ref().map(User::role);
    if !row.access.allows(role) {
        return match (user.is_some(), api) {
            (false, true) => {
                let mut r = refuse(&t, true, StatusCode::UNAUTHORIZED);
                r.headers_mut().insert(WWW_AUTHENTICATE, "Bearer".parse().expect("a valid header"));
                r
            }
            (false, false) if method == Method::GET => {
                let next = percent_path(request.uri().path());
                (StatusCode::SEE_OTHER, [(LOCATION, format!("/login?next={next}"))]).into_response()
            }
            (false, false) => refuse(&t, false, StatusCode::UNAUTHORIZED),
            (true, _) => refuse(&t, api, StatusCode::FORBIDDEN),
        };
    }
    if method == Method::POST && !api {
        let expected = match &user {
            Some(u) => Some(u.csrf.clone()),
            None => cookie(request.headers(), CSRF_COOKIE),
        };
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return refuse(&t, false, StatusCode::PAYLOAD_TOO_LARGE);
        };
        let sent = form_field(&bytes, "csrf");
        let valid = matches!((&expected, &sent), (Some(e), Some(s)) if !e.is_empty() && guard::same_secret(e, s));
        if !valid {
            tracing::warn!(route = %pattern, "a form post without a valid CSRF token was refused");
            return refuse(&t, false, StatusCode::FORBIDDEN);
        }
        request = Request::from_parts(parts, Body::from(bytes));
    }
    let signed_in = user.is_some();
    if let Some(user) = user {
        request.extensions_mut().insert(user);
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Personal pages are not kept by the browser or proxies, and no page leaks its address
    // (an invitation's token is in its path) to another site.
    if signed_in || pattern.starts_with("/invite/") {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// A path to send someone back to: only a path on this site, never an open redirect.
pub(crate) fn local_path(path: Option<&str>) -> Option<String> {
    path.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\')).map(str::to_owned)
}

/// Runs CPU-heavy work (Argon2) off the async worker threads.
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| AppError::Internal(e.to_string()))
}

/// A field of an `application/x-www-form-urlencoded` body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// A path for the `next` parameter: only this site's paths, safely encoded.
fn percent_path(path: &str) -> String {
    path.chars().filter(|c| c.is_ascii_alphanumeric() || "/-_.".contains(*c)).collect::<String>().replace("//", "/")
}

/// A refusal: a short page, or JSON for the API.
pub(crate) fn refuse(t: &Tr, api: bool, status: StatusCode) -> Response {
    let key = match status {
        StatusCode::UNAUTHORIZED => "refused-login",
        StatusCode::FORBIDDEN => "refused-role",
        StatusCode::NOT_FOUND => "not-found-title",
        StatusCode::PAYLOAD_TOO_LARGE => "refused-too-large",
        StatusCode::TOO_MANY_REQUESTS => "login-too-many",
        _ => "refused-method",
    };
    if api {
        let body = serde_json::json!({ "error": t.t(key), "status": status.as_u16() });
        return (status, [(CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    }
    crate::pages::message_page(t.clone(), status, key)
}

/// Counts failed logins per account and per address in fixed windows.
#[derive(Debug, Default)]
pub struct LoginLimits {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

impl LoginLimits {
    /// Whether another attempt may be made for this key now.
    pub fn allowed(&self, key: &str, limit: u32, now: i64) -> bool {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(key) {
            Some((n, start)) if now - start < FAILURE_WINDOW_SECONDS => *n < limit,
            _ => true,
        }
    }

    /// Records a failure.
    pub fn failed(&self, key: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(key.to_owned()).or_insert((0, now));
        if now - entry.1 >= FAILURE_WINDOW_SECONDS {
            *entry = (0, now);
        }
        entry.0 += 1;
        // Forget old windows so the map does not grow without end.
        if map.len() > 10_000 {
            map.retain(|_, (_, start)| now - *start < FAILURE_WINDOW_SECONDS);
        }
    }

    /// Forgets an account's failures after a successful login.
    pub fn succeeded(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

/// The address a request came from, when the server knows it.
pub(crate) fn address(info: Option<axum::Extension<ConnectInfo<std::net::SocketAddr>>>) -> String {
    info.map(|axum::Extension(ConnectInfo(a))| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// The session cookie for a new session.
pub(crate) fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={ABSOLUTE_SECONDS}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A cookie that removes the session cookie.
pub(crate) fn clear_session_cookie(secure: bool) -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", if secure { "; Secure" } else { "" })
}

/// The CSRF token for a form shown before login: the cookie's, or a new one with its cookie.
pub(crate) fn pre_login_csrf(headers: &HeaderMap, secure: bool) -> Result<(String, Option<String>), guard::Error> {
    if let Some(token) = cookie(headers, CSRF_COOKIE).filter(|t| t.len() == 64) {
        return Ok((token, None));
    }
    let token = guard::new_token()?;
    let set = format!(
        "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        if secure { "; Secure" } else { "" }
    );
    Ok((token, Some(set)))
}

/// Shared login limits.
pub type Limits = Arc<LoginLimits>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_in_the_table_once() {
        let mut seen = std::collections::BTreeSet::new();
        for r in ROUTES {
            assert!(seen.insert((r.method, r.path)), "{} {} twice", r.method, r.path);
        }
    }

    #[test]
    fn limits_count_failures_per_window() {
        let limits = LoginLimits::default();
        for _ in 0..FAILURES_PER_ACCOUNT {
            assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 100));
            limits.failed("a", 100);
        }
        assert!(!limits.allowed("a", FAILURES_PER_ACCOUNT, 100));
        assert!(limits.allowed("b", FAILURES_PER_ACCOUNT, 100));
        assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 100 + FAILURE_WINDOW_SECONDS));
        limits.succeeded("a");
        assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 101));
    }

    #[test]
    fn the_next_parameter_keeps_only_a_plain_path() {
        assert_eq!(percent_path("/me/data"), "/me/data");
        assert_eq!(percent_path("//evil.example/x?y=<z>"), "/evil.example/xyz");
    }
}
