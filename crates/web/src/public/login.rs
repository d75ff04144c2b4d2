//! Logging in: Argon2 off the async threads, failures limited per account and per address.

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use domain::Role;
use serde::Deserialize;

use crate::cookies::{local_path, pre_login_csrf, session_cookie};
use crate::frame::{Frame, Page, render_status};
use crate::limits::{FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS};
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
    error: Option<&str>,
) -> Result<Response, AppError> {
    let (csrf, set) = pre_login_csrf(headers, state.secure_cookies)?;
    let error = error.map(|key| page.t.t(key));
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

/// The address a request came from, when the server knows it.
fn address(info: Option<Extension<ConnectInfo<std::net::SocketAddr>>>) -> String {
    info.map(|Extension(ConnectInfo(a))| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

pub(crate) async fn login(
    State(state): State<AppState>,
    page: Page,
    info: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = portal::people::now_seconds();
    let account_key = format!("account:{}", form.name.trim().to_lowercase());
    let address_key = format!("address:{}", address(info));
    let fail = |status, key: &str| {
        login_page(&state, &page, &headers, status, form.next.clone(), form.name.clone(), Some(key))
    };
    if !state.limits.allowed(&account_key, FAILURES_PER_ACCOUNT, now)
        || !state.limits.allowed(&address_key, FAILURES_PER_ADDRESS, now)
    {
        tracing::warn!("a login was refused: too many failed attempts");
        return fail(StatusCode::TOO_MANY_REQUESTS, "login-too-many");
    }
    let Some(account) = state.verify_login(&form.name, form.password.clone()).await? else {
        state.limits.failed(&account_key, now);
        state.limits.failed(&address_key, now);
        tracing::info!("a login failed");
        return fail(StatusCode::UNAUTHORIZED, "login-failed");
    };
    state.limits.succeeded(&account_key);
    let token = state.start_session(&account).await?;
    tracing::info!(role = account.role.as_str(), "a login succeeded");
    let home = if account.role == Role::Worker { "/me" } else { "/" };
    let to = local_path(Some(&form.next)).unwrap_or_else(|| home.to_owned());
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to), (SET_COOKIE, session_cookie(&token, state.secure_cookies))])
        .into_response())
}
