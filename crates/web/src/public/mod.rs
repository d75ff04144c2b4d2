//! What anyone may see: the home page, logging in, accepting an invitation, the language switch
//! and the stylesheet.

mod invite;
pub(crate) mod login;
mod register;
mod welcome;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use locale::Lang;
use portal::oversight::HomeView;
use serde::Deserialize;

use crate::cookies::{lang_cookie, local_path};
use crate::frame::{Frame, Page, render};
use crate::guard::Access::Public;
use crate::routes::{Row, get, post};
use crate::{AppError, AppState};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/", Public, home),
        get("/login", Public, login::form),
        post("/login", Public, login::login),
        get("/login/code", Public, login::code_form),
        post("/login/code", Public, login::code),
        get("/invite/{token}", Public, invite::invitation),
        post("/invite/{token}", Public, invite::accept),
        get("/welcome", Public, welcome::form),
        post("/welcome", Public, welcome::typed),
        get("/welcome/{code}", Public, welcome::code),
        post("/welcome/{code}", Public, welcome::accept),
        get("/public/register", Public, register::page),
        get("/public/register.json", Public, register::json),
        get("/lang/{code}", Public, switch_language),
        get("/static/style.css", Public, stylesheet),
    ]
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    f: Frame,
    version: Option<portal::oversight::VersionView>,
    counts: portal::oversight::Counts,
    groups: Vec<portal::oversight::GroupsView>,
    min_group: i64,
    /// For those who see dossiers: the conditions of consent the data now breaks.
    broken: Vec<(i64, String, String)>,
    /// The public register is published: anyone may follow the link.
    public: bool,
}

async fn home(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    let HomeView { version, counts, groups, min_group } = state.home(&page.t).await?;
    let sees_dossiers = page.user.as_ref().is_some_and(|u| crate::council::DOSSIER.contains(&u.role()));
    let broken = if sees_dossiers {
        let lang = page.t.lang.code();
        state
            .broken_conditions()
            .await?
            .into_iter()
            .map(|b| (b.dossier, b.system_name, b.text.get(lang).to_owned()))
            .collect()
    } else {
        Vec::new()
    };
    let public = state.publication().await? != portal::public::Publication::Off;
    render(&HomePage { f: page.frame("/"), version, counts, groups, min_group, broken, public })
}

#[derive(Deserialize)]
pub(crate) struct Back {
    back: Option<String>,
}

/// Remembers the chosen language in a cookie and returns to the page the user was on.
pub(crate) async fn switch_language(Path(code): Path<String>, Query(q): Query<Back>) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    // Only a path on this site: never an open redirect.
    let back = local_path(q.back.as_deref()).unwrap_or_else(|| "/".into());
    Ok((StatusCode::SEE_OTHER, [(LOCATION, back), (SET_COOKIE, lang_cookie(lang))]).into_response())
}

pub(crate) async fn stylesheet() -> Response {
    (
        [(CONTENT_TYPE, "text/css; charset=utf-8"), (CACHE_CONTROL, "public, max-age=3600")],
        // One stylesheet: the vendored NL Design System components (static/vendor/VENDOR.md), then
        // inzage's tokens, then inzage's own CSS; compiled in, so nothing is fetched at run time.
        concat!(
            include_str!("../../static/vendor/document.css"),
            include_str!("../../static/vendor/page-header.css"),
            include_str!("../../static/vendor/page-body.css"),
            include_str!("../../static/vendor/page-footer.css"),
            include_str!("../../static/vendor/skip-link.css"),
            include_str!("../../static/vendor/heading-1.css"),
            include_str!("../../static/vendor/heading-2.css"),
            include_str!("../../static/vendor/heading-3.css"),
            include_str!("../../static/vendor/heading-4.css"),
            include_str!("../../static/vendor/paragraph.css"),
            include_str!("../../static/vendor/link.css"),
            include_str!("../../static/vendor/unordered-list.css"),
            include_str!("../../static/vendor/ordered-list.css"),
            include_str!("../../static/vendor/code.css"),
            include_str!("../../static/vendor/code-block.css"),
            include_str!("../../static/vendor/table.css"),
            include_str!("../../static/vendor/data-list.css"),
            include_str!("../../static/vendor/alert.css"),
            include_str!("../../static/vendor/button.css"),
            include_str!("../../static/vendor/button-link.css"),
            include_str!("../../static/vendor/form-field.css"),
            include_str!("../../static/vendor/form-label.css"),
            include_str!("../../static/vendor/form-field-description.css"),
            include_str!("../../static/vendor/textbox.css"),
            include_str!("../../static/vendor/textarea.css"),
            include_str!("../../static/vendor/select.css"),
            include_str!("../../static/vendor/radio-button.css"),
            include_str!("../../static/vendor/pagination.css"),
            include_str!("../../static/tokens.css"),
            include_str!("../../static/style.css"),
        ),
    )
        .into_response()
}
