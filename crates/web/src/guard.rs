//! Who is asking, and may they: sessions, API tokens, CSRF, and the authorisation matrix.
//!
//! Every route is declared once, in `routes.rs`, with who may use it; this middleware runs after
//! routing, finds the route's row and refuses what the row does not allow. A route missing from
//! the table is refused, so a new handler is closed until someone writes down who may use it.
//! Pages authenticate with the session cookie, the API with `Authorization: Bearer`; each ignores
//! the other's credentials, so the API needs no CSRF token and a page cannot be driven by a
//! token. Every form post on a page carries a CSRF token, checked here before the handler runs.
//! Errors and refusals are rendered here too, in the request's language, as a page or as JSON.

use std::sync::Arc;

use axum::Json;
use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, LOCATION, REFERRER_POLICY, RETRY_AFTER,
    STRICT_TRANSPORT_SECURITY, WWW_AUTHENTICATE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Role;
use serde::Serialize;
use utoipa::ToSchema;

use crate::cookies::{cookie, session_name, signed_pre_login_csrf};
use crate::error::ErrorPage;
use crate::frame::{self, Page};
use crate::session::{Nav, User};
use crate::{AppError, AppState};

/// A session ends after this long without a request (ASVS 3.3.2: 30 minutes)…
pub const IDLE_SECONDS: i64 = 30 * 60;
/// …and after this long in any case (12 hours).
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

use Role::{Admin, Council, Expert, Inspector, Worker};

/// Those who read registers, findings and audits in aggregate.
pub const OVERSIGHT: &[Role] = &[Admin, Council, Expert, Inspector];
/// A worker, for their own data.
pub const WORKER: &[Role] = &[Worker];
/// The privacy officer.
pub const ADMIN: &[Role] = &[Admin];
/// Those who invite: the admin anyone, the council its experts.
pub const INVITERS: &[Role] = &[Admin, Council];

/// The links of the frame's navigation, in order: shown to those the table lets follow them.
const NAV: &[(&str, &str)] = &[
    ("nav-home", "/"),
    ("nav-me", "/me"),
    ("nav-register", "/register"),
    ("nav-dossiers", "/dossiers"),
    ("nav-reports", "/reports"),
    ("nav-rules", "/rules"),
    ("nav-contests", "/contests"),
    ("nav-people", "/people"),
    ("nav-overview", "/overview"),
    ("nav-account", "/account"),
    ("nav-login", "/login"),
];

/// The navigation for someone with `role` (or nobody).
pub(crate) fn nav(table: &[Route], role: Option<Role>) -> Nav {
    Nav(NAV
        .iter()
        .copied()
        .filter(|(_, href)| match (*href, role) {
            ("/", _) | ("/login", None) => true,
            ("/login", Some(_)) => false,
            (_, None) => false,
            _ => table.iter().any(|r| r.method == "GET" && r.path == *href && r.access.allows(role)),
        })
        .collect())
}

/// The guard's state: the application and the table it enforces.
#[derive(Clone, Debug)]
pub(crate) struct Guarded {
    pub app: AppState,
    pub table: Arc<[Route]>,
}

/// An error of the API, as JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    pub error: String,
    pub status: u16,
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

async fn resolve(state: &AppState, headers: &HeaderMap, api: bool) -> Result<Option<User>, store::Error> {
    let now = portal::people::now_seconds();
    if api {
        let Some(token) = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
        else {
            return Ok(None);
        };
        let account = state.store.api_token_account(&guard::token_hash(token), now).await?;
        return Ok(account.filter(|a| a.active).map(|account| User { account, csrf: String::new(), session: None }));
    }
    let Some(token) = cookie(headers, session_name(state.secure_cookies)) else { return Ok(None) };
    let hash = guard::token_hash(&token);
    let session = state.store.session(&hash, now, IDLE_SECONDS, ABSOLUTE_SECONDS).await?;
    Ok(session.map(|s| User { account: s.account, csrf: s.csrf, session: Some(hash) }))
}

/// The middleware: finds the route's row, the person, and lets the request through only if the
/// row allows their role; checks the CSRF token of every page's form post; renders errors.
pub(crate) async fn guard(State(guarded): State<Guarded>, mut request: Request, next: Next) -> Response {
    let state = &guarded.app;
    let method = request.method().clone();
    let Some(pattern) = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()) else {
        return next.run(request).await;
    };
    let api = is_api(&pattern);
    let lang = frame::request_lang(request.headers());
    let user = match resolve(state, request.headers(), api).await {
        Ok(user) => user,
        Err(e) => {
            let e = AppError::from(e);
            e.log();
            let (status, key) = (e.status(), e.key());
            return render_error(&guarded, lang, None, api, status, key).await;
        }
    };
    let role = user.as_ref().map(User::role);
    let Some(row) = guarded.table.iter().find(|r| r.method == method.as_str() && r.path == pattern) else {
        // Not in the table: refused, whoever asks. HEAD and OPTIONS are in no row by design, so
        // refusing them is no news for the operator (security review L13: log noise).
        if method == Method::HEAD || method == Method::OPTIONS {
            tracing::debug!(route = %pattern, method = %method, "a HEAD or OPTIONS request was refused");
        } else {
            tracing::warn!(route = %pattern, method = %method, "a route missing from the authorisation table was refused");
        }
        return refuse(&guarded, lang, user.as_ref(), api, StatusCode::METHOD_NOT_ALLOWED).await;
    };
    if !row.access.allows(role) {
        return match (user.is_some(), api) {
            (false, true) => {
                let mut r = refuse(&guarded, lang, None, true, StatusCode::UNAUTHORIZED).await;
                r.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                r
            }
            (false, false) if method == Method::GET => {
                let next = percent_path(request.uri().path());
                (StatusCode::SEE_OTHER, [(LOCATION, format!("/login?next={next}"))]).into_response()
            }
            (false, false) => refuse(&guarded, lang, None, false, StatusCode::UNAUTHORIZED).await,
            (true, _) => refuse(&guarded, lang, user.as_ref(), api, StatusCode::FORBIDDEN).await,
        };
    }
    if method == Method::POST && !api {
        let expected = match &user {
            Some(u) => Some(u.csrf.clone()),
            None => signed_pre_login_csrf(request.headers(), state),
        };
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return refuse(&guarded, lang, user.as_ref(), false, StatusCode::PAYLOAD_TOO_LARGE).await;
        };
        let sent = form_field(&bytes, "csrf");
        let valid = matches!((&expected, &sent), (Some(e), Some(s)) if !e.is_empty() && guard::same_secret(e, s));
        if !valid {
            tracing::warn!(route = %pattern, "a form post without a valid CSRF token was refused");
            return refuse(&guarded, lang, user.as_ref(), false, StatusCode::FORBIDDEN).await;
        }
        request = Request::from_parts(parts, Body::from(bytes));
    }
    if let Some(u) = &user
        && state.must_set_up_second_factor(&u.account)
        && !open_before_second_factor(&pattern)
    {
        if method == Method::GET && !api {
            return (StatusCode::SEE_OTHER, [(LOCATION, "/account/second-factor")]).into_response();
        }
        return render_error(&guarded, lang, user.as_ref(), api, StatusCode::FORBIDDEN, "refused-second-factor").await;
    }
    let signed_in = user.is_some();
    request.extensions_mut().insert(nav(&guarded.table, role));
    if let Some(user) = &user {
        request.extensions_mut().insert(user.clone());
    }
    let mut response = next.run(request).await;
    if let Some(ErrorPage { key }) = response.extensions().get::<ErrorPage>().copied() {
        let retry = response.headers().get(RETRY_AFTER).cloned();
        response = render_error(&guarded, lang, user.as_ref(), api, response.status(), key).await;
        if let Some(retry) = retry {
            response.headers_mut().insert(RETRY_AFTER, retry);
        }
    }
    let headers = response.headers_mut();
    // Personal pages are not kept by the browser or proxies, and no page leaks its address
    // (an invitation's token is in its path) to another site.
    if signed_in || pattern.starts_with("/invite/") || pattern.starts_with("/welcome/") {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The routes an account the portal requires a second factor of may use before it has one
/// (`serve --require-mfa`): its own account, setting the factor up, logging out, and what any
/// page needs.
fn open_before_second_factor(path: &str) -> bool {
    ["/account", "/logout", "/lang/", "/static/", "/login"].iter().any(|p| path.starts_with(p))
}

/// The Content-Security-Policy of every page (security review L13): the pages need no
/// JavaScript, load only this site's stylesheet, and are framed by no one.
pub const PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";
/// The policy of a self-contained document (the audit report): its styles are inside it, and it
/// has no forms or scripts.
pub const DOCUMENT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; \
     base-uri 'none'";
/// HSTS behind TLS: a year, as the browser then keeps to HTTPS for this host.
const HSTS: &str = "max-age=31536000";

/// The outer layer, around every route and the fallback: refuses a request for another host
/// than the public URL's (security review L5: DNS rebinding, links built on a forged `Host`) and
/// puts the security headers on every response, the 404 page's too (security review L13).
pub(crate) async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if wrong_host(&state.hosts(), &request) {
        return host_refused(&request, state.secure_cookies);
    }
    // One snapshot of the newest register and events for the whole request (`store::current`).
    let mut response = store::one_snapshot(next.run(request)).await;
    secure_headers(state.secure_cookies, response.headers_mut());
    response
}

/// Whether a request names another host than `hosts` (any host is right when it is empty).
pub(crate) fn wrong_host(hosts: &[String], request: &Request) -> bool {
    if hosts.is_empty() {
        return false;
    }
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.as_str().to_owned()))
        .map(|h| h.to_lowercase());
    !host.is_some_and(|h| hosts.contains(&h))
}

/// The refusal of a request for another host.
pub(crate) fn host_refused(request: &Request, secure_cookies: bool) -> Response {
    let t = locale::Tr::new(frame::request_lang(request.headers()));
    let mut response = (StatusCode::MISDIRECTED_REQUEST, t.t("refused-host")).into_response();
    secure_headers(secure_cookies, response.headers_mut());
    response
}

/// The security headers of every response.
pub(crate) fn secure_headers(secure_cookies: bool, headers: &mut HeaderMap) {
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    }
    if secure_cookies {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
}

/// An error or refusal as a page in the reader's language, or as JSON for the API.
async fn render_error(
    guarded: &Guarded,
    lang: locale::Lang,
    user: Option<&User>,
    api: bool,
    status: StatusCode,
    key: &'static str,
) -> Response {
    let zone = guarded.app.time_zone().await.unwrap_or_else(|_| locale::default_zone());
    let t = locale::Tr::with_zone(lang, zone);
    if api {
        return (status, Json(Problem { error: t.t(key), status: status.as_u16() })).into_response();
    }
    let role = user.map(User::role);
    let organisation = guarded.app.organisation.as_ref().map(|m| m.id.clone());
    let page = Page::new(t, user.cloned(), nav(&guarded.table, role), organisation);
    frame::message_page(page, status, key)
}

/// A refusal: a short page, or JSON for the API.
async fn refuse(guarded: &Guarded, lang: locale::Lang, user: Option<&User>, api: bool, status: StatusCode) -> Response {
    let key = match status {
        StatusCode::UNAUTHORIZED => "refused-login",
        StatusCode::FORBIDDEN => "refused-role",
        StatusCode::NOT_FOUND => "not-found-title",
        StatusCode::PAYLOAD_TOO_LARGE => "refused-too-large",
        StatusCode::TOO_MANY_REQUESTS => "login-too-many",
        _ => "refused-method",
    };
    render_error(guarded, lang, user, api, status, key).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_parameter_keeps_only_a_plain_path() {
        assert_eq!(percent_path("/me/data"), "/me/data");
        assert_eq!(percent_path("//evil.example/x?y=<z>"), "/evil.example/xyz");
    }

    #[test]
    fn the_navigation_follows_the_table() {
        let table = [
            Route { method: "GET", path: "/me", access: Access::Roles(&[Role::Worker]) },
            Route { method: "GET", path: "/register", access: Access::Roles(&[Role::Council]) },
            Route { method: "GET", path: "/account", access: Access::Signed },
        ];
        let hrefs = |role| nav(&table, role).0.into_iter().map(|(_, h)| h).collect::<Vec<_>>();
        assert_eq!(hrefs(None), ["/", "/login"]);
        assert_eq!(hrefs(Some(Role::Worker)), ["/", "/me", "/account"]);
        assert_eq!(hrefs(Some(Role::Council)), ["/", "/register", "/account"]);
    }
}
