//! The people who can log in, and inviting someone: the admin anyone, the council its experts.
//! The admin can also invite an account again (a password reset, which also resets its second
//! factor) and disable one.

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
    /// The admin may invite it again or disable it (not their own account).
    pub actions: bool,
    pub disabled: bool,
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
    /// What was just done to an account, said in a sentence.
    done: Option<String>,
}

async fn people_page(
    state: &AppState,
    page: Page,
    user: &User,
    status: StatusCode,
    link: Option<String>,
    error: Option<&str>,
    done: Option<String>,
) -> Result<Response, AppError> {
    let t = &page.t;
    let admin = user.role() == domain::Role::Admin;
    // The council sees no worker accounts; the admin's reading of them is logged.
    let accounts = state
        .people(&user.reader())
        .await?
        .into_iter()
        .map(|a| AccountRow {
            role: t.v("role", a.role.as_str()),
            worker: a.worker.unwrap_or_default(),
            active: match (a.disabled, a.active, a.second_factor) {
                (true, _, _) => t.t("account-disabled"),
                (false, true, true) => t.t("account-active-second"),
                (false, true, false) => t.t("account-active"),
                (false, false, _) => t.t("account-invited"),
            },
            actions: admin && a.id != user.account.id,
            disabled: a.disabled,
            name: a.name,
        })
        .collect();
    let roles = portal::people::invitable(user.role())
        .iter()
        .map(|r| (r.as_str().to_owned(), t.v("role", r.as_str())))
        .collect();
    let error = error.map(|key| t.t(key));
    let view = PeoplePage { f: page.frame("/people"), accounts, roles, csrf: user.csrf.clone(), link, error, done };
    render_status(&view, status)
}

pub(crate) async fn people(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    people_page(&state, page, &user, StatusCode::OK, None, None, None).await
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
            people_page(&state, page, &user, StatusCode::OK, Some(link), None, None).await
        }
        Err(portal::Error::Invalid(key) | portal::Error::Conflict(key)) => {
            people_page(&state, page, &user, StatusCode::UNPROCESSABLE_ENTITY, None, Some(key), None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct NameForm {
    name: String,
}

/// The People page saying why an action on an account was refused.
async fn refused(state: &AppState, page: Page, user: &User, e: portal::Error) -> Result<Response, AppError> {
    let (status, key) = match e {
        portal::Error::NotFound => (StatusCode::NOT_FOUND, "people-no-account"),
        portal::Error::Conflict(key) => (StatusCode::CONFLICT, key),
        portal::Error::Invalid(key) => (StatusCode::UNPROCESSABLE_ENTITY, key),
        e => return Err(e.into()),
    };
    people_page(state, page, user, status, None, Some(key), None).await
}

/// Refuses an action on one's own account: that is what **My account** is for.
fn not_own(user: &User, name: &str) -> portal::Result<()> {
    if name == user.account.name { Err(portal::Error::Invalid("people-self")) } else { Ok(()) }
}

/// Invites an existing account again (the admin): a new link; its password, second factor,
/// sessions and tokens end now.
pub(crate) async fn reinvite(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<NameForm>,
) -> Result<Response, AppError> {
    let result = match not_own(&user, &form.name) {
        Ok(()) => state.reinvite(&user.reader(), &form.name).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(token) => {
            let link = state.invitation_link(&headers, &token);
            let done = page.t.tn("people-reinvited", &[("name", form.name.clone())]);
            people_page(&state, page, &user, StatusCode::OK, Some(link), None, Some(done)).await
        }
        Err(e) => refused(&state, page, &user, e).await,
    }
}

/// Disables an account (the admin): its sessions and tokens end and it can no longer log in.
pub(crate) async fn disable(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Form(form): Form<NameForm>,
) -> Result<Response, AppError> {
    let result = match not_own(&user, &form.name) {
        Ok(()) => state.disable(&form.name).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            let done = page.t.tn("people-disabled", &[("name", form.name.clone())]);
            people_page(&state, page, &user, StatusCode::OK, None, None, Some(done)).await
        }
        Err(e) => refused(&state, page, &user, e).await,
    }
}
