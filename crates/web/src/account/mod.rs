//! One's own account: changing the password, logging out, logging out everywhere.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use crate::cookies::clear_session_cookie;
use crate::frame::{Frame, Page, render_status};
use crate::guard::Access::Signed;
use crate::routes::{Row, get, post};
use crate::session::User;
use crate::{AppError, AppState};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/account", Signed, account),
        post("/account", Signed, change_password),
        post("/logout", Signed, logout),
        post("/logout/everywhere", Signed, logout_everywhere),
    ]
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    f: Frame,
    csrf: String,
    error: Option<String>,
}

async fn account(page: Page, Extension(user): Extension<User>) -> Result<Response, AppError> {
    render_status(&AccountPage { f: page.frame("/account"), csrf: user.csrf, error: None }, StatusCode::OK)
}

#[derive(Deserialize)]
struct ChangeForm {
    current: String,
    password: String,
    confirm: String,
}

/// Changes the password: the current one first; then every session ends, this one too.
async fn change_password(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    match state.change_password(&user.account, form.current, form.password, &form.confirm).await {
        Ok(()) => Ok(logged_out(&state)),
        Err(portal::Error::Invalid(key)) => {
            let error = Some(page.t.t(key));
            let view = AccountPage { f: page.frame("/account"), csrf: user.csrf.clone(), error };
            render_status(&view, StatusCode::UNPROCESSABLE_ENTITY)
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
