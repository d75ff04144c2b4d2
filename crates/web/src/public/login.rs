//! Logging in: a place reserved in the limits before Argon2 runs (off the async threads, in one
//! of a bounded number of places), failures counted per account and per address (`limits`).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Role;
use serde::Deserialize;

use crate::client::{self, Peer};
use crate::cookies::{
    clear_pending_cookie, cookie, local_path, pending_cookie, pending_name, pre_login_csrf, session_cookie,
};
use crate::error::BUSY_RETRY_SECONDS;
use crate::frame::{Frame, Page, render_status};
use crate::limits::Refusal;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    f: Frame,
    csrf: String,
    next: String,
    name: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
}

fn login_page(
    state: &AppState,
    page: &Page,
    headers: &HeaderMap,
    status: StatusCode,
    next: String,
    name: String,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (csrf, set) = pre_login_csrf(headers, state)?;
    let response = render_status(&LoginPage { f: page.frame("/login"), csrf, next, name, error }, status)?;
    Ok(with_cookie(response, set))
}

/// The page, setting the pre-login CSRF cookie if it is new.
pub(crate) fn with_cookie(mut response: Response, cookie: Option<String>) -> Response {
    if let Some(cookie) = cookie.and_then(|c| c.parse().ok()) {
        response.headers_mut().insert(SET_COOKIE, cookie);
    }
    response
}

pub(crate) async fn form(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> Result<Response, AppError> {
    let next = local_path(q.next.as_deref()).unwrap_or_default();
    login_page(&state, &page, &headers, StatusCode::OK, next, String::new(), None)
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = portal::people::now_seconds();
    let address = client::address(&state, &peer, &headers);
    let fail = |status, error: String, retry: Option<i64>| -> Result<Response, AppError> {
        let page = login_page(&state, &page, &headers, status, form.next.clone(), form.name.clone(), Some(error))?;
        Ok(retry_after(page, retry))
    };
    let attempt = match state.limits.reserve(&form.name, &address, now) {
        Ok(attempt) => attempt,
        Err(refusal) => {
            let account = client::name_hash(&state, &form.name);
            let retry = refusal.retry_after();
            tracing::warn!(%address, %account, retry, "a login was refused: too many failed attempts");
            return fail(StatusCode::TOO_MANY_REQUESTS, refusal_message(&page.t, refusal), Some(retry));
        }
    };
    let account = match state.verify_login(&form.name, form.password.clone()).await {
        Ok(Some(account)) => account,
        Ok(None) => {
            attempt.failed(now);
            let account = client::name_hash(&state, &form.name);
            tracing::info!(%address, %account, "a login failed");
            return fail(StatusCode::UNAUTHORIZED, page.t.t("login-failed"), None);
        }
        Err(portal::Error::Busy) => {
            tracing::warn!(%address, "a login was refused: every place for a password check is taken");
            return fail(StatusCode::SERVICE_UNAVAILABLE, page.t.t("login-busy"), Some(BUSY_RETRY_SECONDS.into()));
        }
        Err(e) => return Err(e.into()),
    };
    if account.second_factor {
        // The password was right; the code is still to come. The reserved place is given back
        // without forgetting earlier failures: only a right code does that, so guessing codes
        // between right passwords is limited like guessing passwords.
        drop(attempt);
        let next = local_path(Some(&form.next)).unwrap_or_default();
        let token = state.start_pending_login(&account, &next).await?;
        tracing::info!(%address, "a password was right; the second factor's code is asked");
        let cookie = pending_cookie(&token, state.secure_cookies);
        return Ok(
            (StatusCode::SEE_OTHER, [(LOCATION, "/login/code".to_owned()), (SET_COOKIE, cookie)]).into_response()
        );
    }
    attempt.succeeded();
    signed_in(&state, &account, &form.next).await
}

/// Starts the session of a login that passed every check, and sends the person on.
async fn signed_in(state: &AppState, account: &store::Account, next: &str) -> Result<Response, AppError> {
    let token = state.start_session(account).await?;
    tracing::info!(role = account.role.as_str(), "a login succeeded");
    let home = if account.role == Role::Worker { "/me" } else { "/" };
    let to = local_path(Some(next)).unwrap_or_else(|| home.to_owned());
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to), (SET_COOKIE, session_cookie(&token, state.secure_cookies))])
        .into_response())
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    f: Frame,
    csrf: String,
    error: Option<String>,
    /// No login is waiting for a code (none was started, it expired or it was used).
    gone: bool,
}

fn code_page(
    state: &AppState,
    page: &Page,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (csrf, set) = pre_login_csrf(headers, state)?;
    let response = render_status(&CodePage { f: page.frame("/login"), csrf, error, gone: false }, status)?;
    Ok(with_cookie(response, set))
}

/// The page when no login is waiting: it says so and links to the login page.
fn no_login_waiting(page: &Page, status: StatusCode) -> Result<Response, AppError> {
    let view = CodePage { f: page.frame("/login"), csrf: String::new(), error: None, gone: true };
    render_status(&view, status)
}

/// The waiting login of the request's cookie, if it has not expired.
async fn pending(state: &AppState, headers: &HeaderMap) -> Result<Option<(String, store::Account, String)>, AppError> {
    let Some(token) = cookie(headers, pending_name(state.secure_cookies)) else { return Ok(None) };
    Ok(state.pending_login(&token).await?.map(|(account, next)| (token, account, next)))
}

/// The second step of a login: the form for the code, while a right password is waiting.
pub(crate) async fn code_form(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if pending(&state, &headers).await?.is_none() {
        return no_login_waiting(&page, StatusCode::OK);
    }
    code_page(&state, &page, &headers, StatusCode::OK, None)
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    code: String,
}

/// Checks the code of a waiting login (the app's six digits or a recovery code), limited like
/// a password and counted with the account's failed passwords.
pub(crate) async fn code(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Some((token, account, next)) = pending(&state, &headers).await? else {
        return no_login_waiting(&page, StatusCode::BAD_REQUEST);
    };
    let now = portal::people::now_seconds();
    let address = client::address(&state, &peer, &headers);
    let name = client::name_hash(&state, &account.name);
    let fail = |status, error: String, retry: Option<i64>| -> Result<Response, AppError> {
        Ok(retry_after(code_page(&state, &page, &headers, status, Some(error))?, retry))
    };
    let attempt = match state.limits.reserve(&account.name, &address, now) {
        Ok(attempt) => attempt,
        Err(refusal) => {
            let retry = refusal.retry_after();
            tracing::warn!(%address, account = %name, retry, "a second-factor code was refused: too many failed attempts");
            return fail(StatusCode::TOO_MANY_REQUESTS, refusal_message(&page.t, refusal), Some(retry));
        }
    };
    if form.code.len() > 64 || !state.check_second_factor(&account, &form.code).await? {
        attempt.failed(now);
        tracing::info!(%address, account = %name, "a second-factor code was wrong");
        return fail(StatusCode::UNAUTHORIZED, page.t.t(portal::second::CODE_WRONG), None);
    }
    attempt.succeeded();
    state.end_pending_login(&token).await?;
    let mut response = signed_in(&state, &account, &next).await?;
    if let Ok(clear) = clear_pending_cookie(state.secure_cookies).parse() {
        response.headers_mut().append(SET_COOKIE, clear);
    }
    Ok(response)
}

/// What a refused check tells the person.
pub(crate) fn refusal_message(t: &locale::Tr, refusal: Refusal) -> String {
    match refusal {
        Refusal::Locked { .. } => t.t("login-too-many"),
        Refusal::Slowed { retry_after } => t.ta("login-slowed", &[("seconds", retry_after.to_string())]),
    }
}

/// Adds `Retry-After` to a refusal.
pub(crate) fn retry_after(mut response: Response, seconds: Option<i64>) -> Response {
    if let Some(seconds) = seconds {
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    }
    response
}
