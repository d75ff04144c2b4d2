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
use crate::cookies::{local_path, pre_login_csrf, session_cookie};
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
    attempt.succeeded();
    let token = state.start_session(&account).await?;
    tracing::info!(role = account.role.as_str(), "a login succeeded");
    let home = if account.role == Role::Worker { "/me" } else { "/" };
    let to = local_path(Some(&form.next)).unwrap_or_else(|| home.to_owned());
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to), (SET_COOKIE, session_cookie(&token, state.secure_cookies))])
        .into_response())
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
