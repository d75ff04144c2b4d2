//! One's own account: changing the password, a second factor, logging out, logging out
//! everywhere.

mod second;

use askama::Template;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use crate::client::{self, Peer};
use crate::cookies::clear_session_cookie;
use crate::frame::{Frame, Page, render_status};
use crate::guard::Access::Signed;
use crate::public::login::{refusal_message, retry_after};
use crate::routes::{Row, get, post};
use crate::session::User;
use crate::{AppError, AppState};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/account", Signed, account),
        post("/account", Signed, change_password),
        post("/logout", Signed, logout),
        post("/logout/everywhere", Signed, logout_everywhere),
        get("/account/second-factor", Signed, second::page),
        post("/account/second-factor/start", Signed, second::start),
        post("/account/second-factor/confirm", Signed, second::confirm),
        post("/account/second-factor/recovery", Signed, second::renew),
        post("/account/second-factor/off", Signed, second::off),
    ]
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    f: Frame,
    csrf: String,
    error: Option<String>,
    second: portal::second::Status,
}

async fn account(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let second = state.second_factor_status(&user.account).await?;
    render_status(&AccountPage { f: page.frame("/account"), csrf: user.csrf, error: None, second }, StatusCode::OK)
}

#[derive(Deserialize)]
struct ChangeForm {
    current: String,
    password: String,
    confirm: String,
}

/// Changes the password: the current one first, a check limited like a login's (the same
/// counts for the account, security review L2); then every session ends, this one too.
async fn change_password(
    State(state): State<AppState>,
    page: Page,
    peer: Peer,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let now = portal::people::now_seconds();
    let address = client::address(&state, &peer, &headers);
    let second = state.second_factor_status(&user.account).await?;
    let again = |status, error: String, retry: Option<i64>| -> Result<Response, AppError> {
        let view = AccountPage { f: page.frame("/account"), csrf: user.csrf.clone(), error: Some(error), second };
        Ok(retry_after(render_status(&view, status)?, retry))
    };
    let attempt = match state.limits.reserve(&user.account.name, &address, now) {
        Ok(attempt) => attempt,
        Err(refusal) => {
            let account = client::name_hash(&state, &user.account.name);
            let retry = refusal.retry_after();
            tracing::warn!(%address, %account, retry, "a password change was refused: too many failed attempts");
            return again(StatusCode::TOO_MANY_REQUESTS, refusal_message(&page.t, refusal), Some(retry));
        }
    };
    match state.change_password(&user.account, form.current, form.password, &form.confirm).await {
        Ok(()) => {
            attempt.succeeded();
            Ok(logged_out(&state))
        }
        Err(portal::Error::Invalid(key)) => {
            if key == portal::people::CURRENT_WRONG {
                attempt.failed(now);
                let account = client::name_hash(&state, &user.account.name);
                tracing::info!(%address, %account, "a password change failed: the current password was wrong");
            }
            again(StatusCode::UNPROCESSABLE_ENTITY, page.t.t(key), None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn logout(State(state): State<AppState>, Extension(user): Extension<User>) -> Result<Response, AppError> {
    if let Some(hash) = &user.session {
        state.store.end_session(hash).await?;
    }
    Ok(logged_out(&state))
}

async fn logout_everywhere(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    state.log_out_everywhere(&user.account).await?;
    Ok(logged_out(&state))
}

fn logged_out(state: &AppState) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, "/".to_owned()), (SET_COOKIE, clear_session_cookie(state.secure_cookies))])
        .into_response()
}
