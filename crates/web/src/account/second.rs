//! A second factor for one's own account (ASVS 2.8): set up with an authenticator app through a
//! QR code (drawn on the server as SVG: the pages run no JavaScript), confirmed by a first code,
//! with ten recovery codes shown once; renewing the codes and turning it off take a right code.
//! Wrong codes count against the account like wrong passwords.

use askama::Template;
use axum::extract::State;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::{Extension, Form};
use portal::second::{CODE_WRONG, Setup, Status};
use serde::Deserialize;

use crate::client::{self, Peer};
use crate::frame::{Frame, Page, render_status};
use crate::public::login::refusal_message;
use crate::session::User;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondPage {
    f: Frame,
    csrf: String,
    status: Status,
    error: Option<String>,
    /// Being set up: the QR code (SVG) and the secret to type.
    setup: Option<(String, Setup)>,
    /// Recovery codes just made, shown this once.
    codes: Vec<String>,
}

async fn view(
    state: &AppState,
    page: &Page,
    user: &User,
    status_code: StatusCode,
    error: Option<String>,
    codes: Vec<String>,
) -> Result<Response, AppError> {
    let status = state.second_factor_status(&user.account).await?;
    let setup = if status.on || !codes.is_empty() {
        None
    } else {
        state
            .second_factor_setup(&user.account)
            .await?
            .map(|s| (portal::qr_svg(&s.link, &page.t.t("second-qr-label")), s))
    };
    let view = SecondPage { f: page.frame("/account"), csrf: user.csrf.clone(), status, error, setup, codes };
    render_status(&view, status_code)
}

pub(crate) async fn page(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    view(&state, &page, &user, StatusCode::OK, None, Vec::new()).await
}

/// Starts (or starts again) setting up: a new secret, shown as a QR code.
pub(crate) async fn start(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    match state.start_second_factor(&user.account).await {
        Ok(_) => view(&state, &page, &user, StatusCode::OK, None, Vec::new()).await,
        Err(portal::Error::Conflict(key)) => {
            view(&state, &page, &user, StatusCode::CONFLICT, Some(page.t.t(key)), Vec::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    code: String,
}

/// What a code-checking action did.
enum Outcome {
    Codes(Vec<String>),
    Done,
}

/// Runs a code-checking action under the login limits: a wrong code counts as a failure for the
/// account and address, a right one clears them.
async fn limited(
    state: &AppState,
    page: &Page,
    peer: &Peer,
    headers: &HeaderMap,
    user: &User,
    action: impl std::future::Future<Output = portal::Result<Outcome>>,
) -> Result<Response, AppError> {
    let now = portal::people::now_seconds();
    let address = client::address(state, peer, headers);
    let attempt = match state.limits.reserve(&user.account.name, &address, now) {
        Ok(attempt) => attempt,
        Err(refusal) => {
            let account = client::name_hash(state, &user.account.name);
            tracing::warn!(%address, %account, "a second-factor code was refused: too many failed attempts");
            let error = Some(refusal_message(&page.t, refusal));
            let mut response = view(state, page, user, StatusCode::TOO_MANY_REQUESTS, error, Vec::new()).await?;
            if let Ok(retry) = HeaderValue::from_str(&refusal.retry_after().to_string()) {
                response.headers_mut().insert(RETRY_AFTER, retry);
            }
            return Ok(response);
        }
    };
    match action.await {
        Ok(outcome) => {
            attempt.succeeded();
            let codes = match outcome {
                Outcome::Codes(codes) => codes,
                Outcome::Done => Vec::new(),
            };
            view(state, page, user, StatusCode::OK, None, codes).await
        }
        Err(portal::Error::Invalid(key)) => {
            if key == CODE_WRONG {
                attempt.failed(now);
                let account = client::name_hash(state, &user.account.name);
                tracing::info!(%address, %account, "a second-factor code was wrong");
            }
            view(state, page, user, StatusCode::UNPROCESSABLE_ENTITY, Some(page.t.t(key)), Vec::new()).await
        }
        Err(portal::Error::Conflict(key)) => {
            view(state, page, user, StatusCode::CONFLICT, Some(page.t.t(key)), Vec::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Confirms the set-up with a first code; shows the recovery codes.
pub(crate) async fn confirm(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let action = async { state.confirm_second_factor(&user.account, &form.code).await.map(Outcome::Codes) };
    limited(&state, &page, &peer, &headers, &user, action).await
}

/// New recovery codes, after a right code.
pub(crate) async fn renew(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let action = async { state.renew_recovery_codes(&user.account, &form.code).await.map(Outcome::Codes) };
    limited(&state, &page, &peer, &headers, &user, action).await
}

/// Turns the second factor off, after a right code (refused where the portal requires it).
pub(crate) async fn off(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let action = async { state.remove_second_factor(&user.account, &form.code).await.map(|()| Outcome::Done) };
    limited(&state, &page, &peer, &headers, &user, action).await
}
