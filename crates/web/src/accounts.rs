//! Logging in and out, invitations, and the people page.

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use domain::Role;
use serde::Deserialize;

use crate::auth::{self, FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS, User};
use crate::i18n::Tr;
use crate::pages::{Frame, render_status};
use crate::{AppError, AppState};

/// How long an invitation link stays valid.
pub const INVITATION_SECONDS: i64 = 72 * 3600;

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
    t: Tr,
    headers: &HeaderMap,
    status: StatusCode,
    next: String,
    name: String,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (csrf, set) = auth::pre_login_csrf(headers, state.secure_cookies)?;
    let response = render_status(&LoginPage { f: Frame::new(t, "/login"), csrf, next, name, error }, status)?;
    Ok(with_cookie(response, set))
}

/// The page, setting the pre-login CSRF cookie if it is new.
fn with_cookie(mut response: Response, cookie: Option<String>) -> Response {
    if let Some(cookie) = cookie {
        response.headers_mut().insert(SET_COOKIE, cookie.parse().expect("a valid cookie"));
    }
    response
}

pub(crate) async fn login_form(
    State(state): State<AppState>,
    t: Tr,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> Result<Response, AppError> {
    let next = auth::local_path(q.next.as_deref()).unwrap_or_default();
    login_page(&state, t, &headers, StatusCode::OK, next, String::new(), None)
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
    t: Tr,
    info: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = auth::now_seconds();
    let account_key = format!("account:{}", form.name.trim().to_lowercase());
    let address_key = format!("address:{}", auth::address(info));
    let fail = |t: Tr, status, key: &str| {
        let message = t.t(key);
        login_page(&state, t, &headers, status, form.next.clone(), form.name.clone(), Some(message))
    };
    if !state.limits.allowed(&account_key, FAILURES_PER_ACCOUNT, now)
        || !state.limits.allowed(&address_key, FAILURES_PER_ADDRESS, now)
    {
        tracing::warn!("a login was refused: too many failed attempts");
        return fail(t, StatusCode::TOO_MANY_REQUESTS, "login-too-many");
    }
    let found = state.store.account_for_login(form.name.trim()).await?;
    let password = form.password.clone();
    // Argon2 takes tens of milliseconds of CPU: off the async workers.
    let account = auth::blocking(move || match found {
        Some((account, Some(hash))) => guard::verify_password(&password, &hash).then_some(account),
        _ => {
            guard::dummy_verify(&password);
            None
        }
    })
    .await?;
    let Some(account) = account else {
        state.limits.failed(&account_key, now);
        state.limits.failed(&address_key, now);
        tracing::info!("a login failed");
        return fail(t, StatusCode::UNAUTHORIZED, "login-failed");
    };
    state.limits.succeeded(&account_key);
    let token = guard::new_token()?;
    state.store.create_session(account.id, &guard::token_hash(&token), &guard::new_token()?, now).await?;
    tracing::info!(role = account.role.as_str(), "a login succeeded");
    let home = if account.role == Role::Worker { "/me" } else { "/" };
    let to = auth::local_path(Some(&form.next)).unwrap_or_else(|| home.to_owned());
    Ok((StatusCode::SEE_OTHER, [(LOCATION, to), (SET_COOKIE, auth::session_cookie(&token, state.secure_cookies))])
        .into_response())
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    if let Some(hash) = &user.session {
        state.store.end_session(hash).await?;
    }
    Ok(logged_out(&state))
}

pub(crate) async fn logout_everywhere(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let ended = state.store.end_sessions(user.account.id).await?;
    tracing::info!(sessions = ended, "logged out everywhere");
    Ok(logged_out(&state))
}

fn logged_out(state: &AppState) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, "/".to_owned()), (SET_COOKIE, auth::clear_session_cookie(state.secure_cookies))],
    )
        .into_response()
}

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
    t: Tr,
    headers: &HeaderMap,
    token: &str,
    error: Option<String>,
) -> Result<Response, AppError> {
    let path = format!("/invite/{token}");
    let Some(account) = state.store.invitation(&guard::token_hash(token), auth::now_seconds()).await? else {
        return Ok(crate::pages::message_page(t, StatusCode::NOT_FOUND, "invite-invalid"));
    };
    let (csrf, set) = auth::pre_login_csrf(headers, state.secure_cookies)?;
    let role = t.v("role", account.role.as_str());
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = InvitePage { f: Frame::new(t, &path), csrf, name: account.name, role, error };
    Ok(with_cookie(render_status(&page, status)?, set))
}

pub(crate) async fn invitation(
    State(state): State<AppState>,
    t: Tr,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    invite_page(&state, t, &headers, &token, None).await
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    password: String,
    confirm: String,
}

/// A new password, typed twice: its Argon2id hash, or the translation key of what is wrong.
async fn new_password(name: &str, password: String, confirm: &str) -> Result<Result<String, &'static str>, AppError> {
    if password != confirm {
        return Ok(Err("password-mismatch"));
    }
    if let Err(e) = guard::check_password(&password, name) {
        return Ok(Err(e.key()));
    }
    Ok(Ok(auth::blocking(move || guard::hash_password(&password)).await??))
}

pub(crate) async fn accept_invitation(
    State(state): State<AppState>,
    t: Tr,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let hash = guard::token_hash(&token);
    let Some(account) = state.store.invitation(&hash, auth::now_seconds()).await? else {
        return Ok(crate::pages::message_page(t, StatusCode::NOT_FOUND, "invite-invalid"));
    };
    let password_hash = match new_password(&account.name, form.password, &form.confirm).await? {
        Ok(hash) => hash,
        Err(key) => {
            let message = t.t(key);
            return invite_page(&state, t, &headers, &token, Some(message)).await;
        }
    };
    if !state.store.accept_invitation(&hash, auth::now_seconds(), &password_hash).await? {
        return Ok(crate::pages::message_page(t, StatusCode::NOT_FOUND, "invite-invalid"));
    }
    tracing::info!(role = account.role.as_str(), "an invitation was used");
    Ok((StatusCode::SEE_OTHER, [(LOCATION, "/login")]).into_response())
}

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

/// The roles a person may invite: the admin anyone, the council its experts.
fn invitable(role: Role) -> &'static [Role] {
    match role {
        Role::Admin => Role::ALL,
        Role::Council => &[Role::Expert],
        _ => &[],
    }
}

async fn people_page(
    state: &AppState,
    t: Tr,
    user: &User,
    status: StatusCode,
    link: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let accounts = state
        .store
        .accounts()
        .await?
        .into_iter()
        // The council does not see which worker holds which account: it would undo the pseudonyms.
        .filter(|a| user.role() == Role::Admin || a.role != Role::Worker)
        .map(|a| AccountRow {
            role: t.v("role", a.role.as_str()),
            worker: a.worker.unwrap_or_default(),
            active: if a.active { t.t("account-active") } else { t.t("account-invited") },
            name: a.name,
        })
        .collect();
    let roles = invitable(user.role()).iter().map(|r| (r.as_str().to_owned(), t.v("role", r.as_str()))).collect();
    let page = PeoplePage { f: Frame::new(t, "/people"), accounts, roles, csrf: user.csrf.clone(), link, error };
    render_status(&page, status)
}

pub(crate) async fn people(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    people_page(&state, t, &user, StatusCode::OK, None, None).await
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
    t: Tr,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let name = form.name.trim();
    let role = form.role.parse::<Role>().ok().filter(|r| invitable(user.role()).contains(r));
    let worker = form.worker.trim();
    let problem = match role {
        _ if name.is_empty() || name.len() > 100 => Some("invite-name"),
        None => Some("invite-role"),
        Some(Role::Worker) if worker.is_empty() => Some("invite-worker"),
        Some(r) if r != Role::Worker && !worker.is_empty() => Some("invite-not-worker"),
        _ => None,
    };
    if let Some(key) = problem {
        let message = t.t(key);
        return people_page(&state, t, &user, StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)).await;
    }
    let role = role.expect("checked above");
    let pseudonym = (role == Role::Worker).then(|| state.pseudonymiser.pseudonym(worker));
    let token = guard::new_token()?;
    let expires = auth::now_seconds() + INVITATION_SECONDS;
    match state.store.invite(name, role, pseudonym.as_deref(), &guard::token_hash(&token), expires).await {
        Ok(_) => {}
        Err(store::Error::Taken(_)) => {
            let message = t.t("invite-taken");
            return people_page(&state, t, &user, StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)).await;
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(role = role.as_str(), "an invitation was made");
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8080");
    let scheme = if state.secure_cookies { "https" } else { "http" };
    let link = format!("{scheme}://{host}/invite/{token}");
    people_page(&state, t, &user, StatusCode::OK, Some(link), None).await
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    f: Frame,
    csrf: String,
    error: Option<String>,
}

pub(crate) async fn account(t: Tr, Extension(user): Extension<User>) -> Result<Response, AppError> {
    render_status(&AccountPage { f: Frame::new(t, "/account"), csrf: user.csrf, error: None }, StatusCode::OK)
}

#[derive(Deserialize)]
pub(crate) struct ChangeForm {
    current: String,
    password: String,
    confirm: String,
}

/// Changes the password: the current one first; then every session ends, this one too.
pub(crate) async fn change_password(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let refuse = |t: Tr, key: &str| {
        let error = Some(t.t(key));
        render_status(
            &AccountPage { f: Frame::new(t, "/account"), csrf: user.csrf.clone(), error },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let stored = state.store.account_for_login(&user.account.name).await?.and_then(|(_, hash)| hash);
    let current = form.current.clone();
    let matches = auth::blocking(move || stored.is_some_and(|h| guard::verify_password(&current, &h))).await?;
    if !matches {
        return refuse(t, "account-current-wrong");
    }
    let hash = match new_password(&user.account.name, form.password, &form.confirm).await? {
        Ok(hash) => hash,
        Err(key) => return refuse(t, key),
    };
    state.store.set_password(user.account.id, &hash).await?;
    tracing::info!("a password was changed; every session of the account ended");
    Ok(logged_out(&state))
}
