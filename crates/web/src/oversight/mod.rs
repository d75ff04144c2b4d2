//! What the works council, its experts, the inspector and the privacy officer read in aggregate:
//! the register, a page per system, its audit report, and the rulebook.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::response::{Html, IntoResponse, Response};
use portal::oversight::{
    DecisionTypeView, Fact, FunctionView, HistoryEntry, RuleView, RulesView, SystemFindings, SystemRow, SystemView,
    TargetView, VersionView,
};

use crate::frame::{Frame, Page, render};
use crate::guard::{Access::Roles, Access::Signed, DOCUMENT_POLICY, OVERSIGHT};
use crate::routes::{Row, get, post};

mod efficiency;
use crate::{AppError, AppState};

mod overview;
mod reports;

/// Who reads the yearly transparency report: the employer, the works council, the inspector.
const YEARLY: &[domain::Role] = &[domain::Role::Admin, domain::Role::Council, domain::Role::Inspector];

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/register", Roles(OVERSIGHT), register),
        post("/register/public", Roles(&[domain::Role::Admin]), publish),
        get("/systems/{id}", Roles(OVERSIGHT), system),
        get("/systems/{id}/audit", Roles(OVERSIGHT), audit),
        get("/systems/{id}/efficiency", Roles(OVERSIGHT), efficiency::page),
        post("/systems/{id}/efficiency", Roles(OVERSIGHT), efficiency::release),
        get("/rules", Signed, rulebook),
        get("/reports", Roles(YEARLY), reports::page),
        get("/overview", Roles(&[domain::Role::Inspector]), overview::page),
        get("/reports/yearly/{file}", Roles(YEARLY), reports::yearly),
    ]
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    f: Frame,
    version: Option<VersionView>,
    rows: Vec<SystemRow>,
    /// For the admin: what the public register publishes now, and the choices.
    publication: Option<(&'static str, Vec<&'static str>)>,
    csrf: String,
}

async fn register(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    let (version, rows) = state.register_rows(&page.t).await?;
    let admin = page.user.as_ref().is_some_and(|u| u.role() == domain::Role::Admin);
    let publication = if admin {
        let now = state.publication().await?.as_str();
        Some((now, portal::public::Publication::ALL.iter().map(|p| p.as_str()).collect()))
    } else {
        None
    };
    let csrf = page.user.as_ref().map(|u| u.csrf.clone()).unwrap_or_default();
    render(&RegisterPage { f: page.frame("/register"), version, rows, publication, csrf })
}

#[derive(serde::Deserialize)]
struct PublicationForm {
    publication: String,
}

/// The admin chooses what the public register publishes.
async fn publish(State(state): State<AppState>, Form(form): Form<PublicationForm>) -> Result<Response, AppError> {
    let Some(publication) = portal::public::Publication::parse(&form.publication) else {
        return Err(portal::Error::Invalid("public-choice").into());
    };
    state.set_publication(publication).await?;
    Ok((StatusCode::SEE_OTHER, [(axum::http::header::LOCATION, "/register#publication")]).into_response())
}

#[derive(Template)]
#[template(path = "system.html")]
struct SystemPage {
    f: Frame,
    organisation: String,
    row: SystemRow,
    description: Option<String>,
    facts: Vec<Fact>,
    retention: Vec<(String, Option<String>, &'static str)>,
    targets: Vec<TargetView>,
    decisions: Vec<DecisionTypeView>,
    functions: Vec<FunctionView>,
    found: SystemFindings,
    history: Vec<HistoryEntry>,
    auditable: bool,
}

async fn system(State(state): State<AppState>, page: Page, Path(id): Path<String>) -> Result<Response, AppError> {
    let SystemView {
        organisation,
        row,
        description,
        facts,
        retention,
        targets,
        decisions,
        functions,
        found,
        history,
        auditable,
    } = state.system(&page.t, &id).await?;
    let f = page.frame(&format!("/systems/{id}"));
    render(&SystemPage {
        f,
        organisation,
        row,
        description,
        facts,
        retention,
        targets,
        decisions,
        functions,
        found,
        history,
        auditable,
    })
}

/// The audit report of a system, computed from the data folder's events with its norms.
async fn audit(State(state): State<AppState>, page: Page, Path(id): Path<String>) -> Result<Response, AppError> {
    let html = state.system_audit_html(&id, page.t.clone()).await?;
    Ok(([(CONTENT_SECURITY_POLICY, DOCUMENT_POLICY)], Html(html)).into_response())
}

#[derive(Template)]
#[template(path = "rules.html")]
struct RulesPage {
    f: Frame,
    instruments: Vec<(String, Vec<RuleView>)>,
    total: usize,
    all: usize,
    unverified: usize,
    annex_iii: String,
    jurisdiction: String,
}

async fn rulebook(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    let RulesView { instruments, total, all, unverified, annex_iii, jurisdiction } =
        state.rulebook_view(&page.t).await?;
    render(&RulesPage { f: page.frame("/rules"), instruments, total, all, unverified, annex_iii, jurisdiction })
}
