//! The people who can log in, and inviting someone: the admin anyone, the council its experts.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use crate::frame::{Frame, Page, render_status};
use crate::session::User;
use crate::{AppError, AppState};

pub(crate) struct AccountRow {
    pub name: String,
    pub role: String,
    pub worker: String,
    pub active: String,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    f: Frame,
    accounts: Vec<AccountRow>,
    roles: Vec<(String, String)>,
    csrf: String,
    link: Option<String>,
    error: Option<String>,
}

async fn people_page(
    state: &AppState,
    page: Page,
    user: &User,
    status: StatusCode,
    link: Option<String>,
    error: Option<&str>,
) -> Result<Response, AppError> {
    let t = &page.t;
    // The council sees no worker accounts; the admin's reading of them is logged.
    let accounts = state
        .people(&user.reader())
        .await?
        .into_iter()
        .map(|a| AccountRow {
            role: t.v("role", a.role.as_str()),
            worker: a.worker.unwrap_or_default(),
            active: if a.active { t.t("account-active") } else { t.t("account-invited") },
            name: a.name,
        })
        .collect();
    let roles = portal::people::invitable(user.role())
        .iter()
        .map(|r| (r.as_str().to_owned(), t.v("role", r.as_str())))
        .collect();
    let error = error.map(|key| t.t(key));
    let view = PeoplePage { f: page.frame("/people"), accounts, roles, csrf: user.csrf.clone(), link, error };
    render_status(&view, status)
}

pub(crate) async fn people(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    people_page(&state, page, &user, StatusCode::OK, None, None).await
}

#[derive(Deserialize)]
pub(crate) struct InviteForm {
    name: String,
    role: String,
    #[serde(default)]
    worker: String,
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    match state.invite(&user.reader(), &form.name, &form.role, &form.worker).await {
        Ok(token) => {
            let link = state.invitation_link(&headers, &token);
            people_page(&state, page, &user, StatusCode::OK, Some(link), None).await
        }
        Err(portal::Error::Invalid(key) | portal::Error::Conflict(key)) => {
            people_page(&state, page, &user, StatusCode::UNPROCESSABLE_ENTITY, None, Some(key)).await
        }
        Err(e) => Err(e.into()),
    }
}
