//! A worker's own way in from their notice (issue 11): the code on the letter (typed, or in the
//! link and its QR code) makes their account once. Wrong codes are counted per address like
//! failed logins.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal::notices::Welcome;
use serde::Deserialize;

use super::login::{refusal_message, retry_after, with_cookie};
use crate::client::{self, Peer};
use crate::cookies::pre_login_csrf;
use crate::frame::{Frame, Page, render_status};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "welcome.html")]
struct WelcomePage {
    f: Frame,
    csrf: String,
    /// The code, when it can make the account: the form for the name and password.
    code: Option<String>,
    name: String,
    message: Option<String>,
}

fn view(
    state: &AppState,
    page: &Page,
    headers: &HeaderMap,
    status: StatusCode,
    code: Option<&str>,
    name: &str,
    message: Option<String>,
) -> Result<Response, AppError> {
    let (csrf, set) = pre_login_csrf(headers, state)?;
    let view =
        WelcomePage { f: page.frame("/welcome"), csrf, code: code.map(str::to_owned), name: name.to_owned(), message };
    Ok(with_cookie(render_status(&view, status)?, set))
}

/// The page to type the code on.
pub(crate) async fn form(State(state): State<AppState>, page: Page, headers: HeaderMap) -> Result<Response, AppError> {
    view(&state, &page, &headers, StatusCode::OK, None, "", None)
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    code: String,
}

/// A typed code: on to its own address, where it is checked.
pub(crate) async fn typed(Form(form): Form<CodeForm>) -> Response {
    // As printed: upper case, in groups of four, whatever spaces or dashes were typed.
    let plain: Vec<char> =
        form.code.chars().filter(char::is_ascii_alphanumeric).take(40).map(|c| c.to_ascii_uppercase()).collect();
    let code = if plain.len() == 12 {
        plain.chunks(4).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    } else {
        plain.into_iter().collect()
    };
    (StatusCode::SEE_OTHER, [(LOCATION, format!("/welcome/{code}"))]).into_response()
}

/// What a code is, counted against the address when it is none.
async fn checked(
    state: &AppState,
    page: &Page,
    peer: &Peer,
    headers: &HeaderMap,
    code: &str,
) -> Result<Result<(), Response>, AppError> {
    let now = portal::people::now_seconds();
    let address = client::address(state, peer, headers);
    let attempt = match state.limits.reserve(&format!("welcome {address}"), &address, now) {
        Ok(attempt) => attempt,
        Err(refusal) => {
            tracing::warn!(%address, "a notice code was refused: too many wrong codes");
            let message = refusal_message(&page.t, refusal);
            let page = view(state, page, headers, StatusCode::TOO_MANY_REQUESTS, None, "", Some(message))?;
            return Ok(Err(retry_after(page, Some(refusal.retry_after()))));
        }
    };
    let (status, message) = match state.welcome(code).await? {
        Welcome::Open => {
            // Given back without forgetting earlier wrong codes: one right code does not buy more
            // guesses.
            drop(attempt);
            return Ok(Ok(()));
        }
        Welcome::Used(date) => (StatusCode::GONE, page.t.ta("welcome-used", &[("date", page.t.date(date))])),
        Welcome::Expired(date) => (StatusCode::GONE, page.t.ta("welcome-expired", &[("date", page.t.date(date))])),
        Welcome::Unknown => {
            attempt.failed(now);
            tracing::info!(%address, "an unknown notice code was typed");
            (StatusCode::NOT_FOUND, page.t.t("welcome-unknown"))
        }
    };
    Ok(Err(view(state, page, headers, status, None, "", Some(message))?))
}

/// The link on the letter: the form for the name and password, or why the code does not work.
pub(crate) async fn code(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    if let Err(refused) = checked(&state, &page, &peer, &headers, &code).await? {
        return Ok(refused);
    }
    view(&state, &page, &headers, StatusCode::OK, Some(&code), "", None)
}

#[derive(Deserialize)]
pub(crate) struct AccountForm {
    name: String,
    password: String,
    confirm: String,
}

/// Makes the account; then the worker logs in with it.
pub(crate) async fn accept(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    if let Err(refused) = checked(&state, &page, &peer, &headers, &code).await? {
        return Ok(refused);
    }
    match state.accept_welcome(&code, &form.name, form.password, &form.confirm).await {
        Ok(_) => Ok((StatusCode::SEE_OTHER, [(LOCATION, "/login")]).into_response()),
        Err(portal::Error::Invalid(key)) => {
            let message = Some(page.t.t(key));
            view(&state, &page, &headers, StatusCode::UNPROCESSABLE_ENTITY, Some(&code), &form.name, message)
        }
        Err(portal::Error::NotFound) => {
            view(&state, &page, &headers, StatusCode::GONE, None, "", Some(page.t.t("welcome-unknown")))
        }
        Err(e) => Err(e.into()),
    }
}
