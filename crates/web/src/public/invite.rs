//! Accepting an invitation: the link sets a password once and expires.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::login::with_cookie;
use crate::cookies::pre_login_csrf;
use crate::frame::{Frame, Page, message_page, render_status};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    f: Frame,
    csrf: String,
    name: String,
    role: String,
    error: Option<String>,
}

async fn invite_page(
    state: &AppState,
    page: Page,
    headers: &HeaderMap,
    token: &str,
    error: Option<&str>,
) -> Result<Response, AppError> {
    let account = match state.invitation(token).await {
        Ok(account) => account,
        Err(portal::Error::NotFound) => return Ok(message_page(page, StatusCode::NOT_FOUND, "invite-invalid")),
        Err(e) => return Err(e.into()),
    };
    let (csrf, set) = pre_login_csrf(headers, state)?;
    let role = page.t.v("role", account.role.as_str());
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let error = error.map(|key| page.t.t(key));
    let view = InvitePage { f: page.frame(&format!("/invite/{token}")), csrf, name: account.name, role, error };
    Ok(with_cookie(render_status(&view, status)?, set))
}

pub(crate) async fn invitation(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    invite_page(&state, page, &headers, &token, None).await
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    password: String,
    confirm: String,
}

pub(crate) async fn accept(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    match state.accept_invitation(&token, form.password, &form.confirm).await {
        Ok(_) => Ok((StatusCode::SEE_OTHER, [(LOCATION, "/login")]).into_response()),
        Err(portal::Error::NotFound) => Ok(message_page(page, StatusCode::NOT_FOUND, "invite-invalid")),
        Err(portal::Error::Invalid(key)) => invite_page(&state, page, &headers, &token, Some(key)).await,
        Err(e) => Err(e.into()),
    }
}
