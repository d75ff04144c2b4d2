//! A worker's own pages: their data and how the algorithm uses it, the rows, the archive, the
//! readable copy, and contesting a decision. The use cases (`portal::worker`) log every read.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use portal::worker::{ContestView, MeView, NoticeView, RowsTab, RowsView, ShiftView, WorkerDecisionView};
use serde::Deserialize;

use crate::frame::{Frame, Page, render};
use crate::guard::{Access::Roles, WORKER};
use crate::routes::{Row, get, post};
use crate::session::User;
use crate::{AppError, AppState};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/me", Roles(WORKER), own_page),
        get("/me/data", Roles(WORKER), rows),
        get("/me/archive.zip", Roles(WORKER), archive),
        get("/me/copy", Roles(WORKER), copy),
        post("/me/contests", Roles(WORKER), contest),
    ]
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    f: Frame,
    full: bool,
    worker: String,
    notices: Vec<NoticeView>,
    categories: Vec<(String, String, String)>,
    standing: Vec<String>,
    shifts: Vec<ShiftView>,
    more_shifts: usize,
    decisions: Vec<WorkerDecisionView>,
    contests: Vec<ContestView>,
    access: Vec<(String, String, String)>,
    csrf: String,
    deadline: String,
    notice: Option<String>,
}

async fn me_page(
    state: &AppState,
    page: Page,
    user: &User,
    full: bool,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let view = state.own_page(&user.reader(), &page.t, full).await?;
    let MeView {
        full,
        worker,
        notices,
        categories,
        standing,
        shifts,
        more_shifts,
        decisions,
        contests,
        access,
        deadline,
    } = view;
    let f = page.frame(if full { "/me/copy" } else { "/me" });
    render(&MePage {
        f,
        full,
        worker,
        notices,
        categories,
        standing,
        shifts,
        more_shifts,
        decisions,
        contests,
        access,
        csrf: user.csrf.clone(),
        deadline,
        notice,
    })
}

#[derive(Deserialize)]
struct Flash {
    opened: Option<i64>,
}

async fn own_page(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let notice = flash.opened.map(|id| page.t.ta("contest-opened", &[("id", id.to_string())]));
    me_page(&state, page, &user, false, notice).await
}

async fn copy(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    me_page(&state, page, &user, true, None).await
}

#[derive(Deserialize)]
struct RowsQuery {
    kind: Option<String>,
    page: Option<usize>,
}

#[derive(Template)]
#[template(path = "me_data.html")]
struct RowsPage {
    f: Frame,
    kind: String,
    kinds: Vec<(String, String, bool)>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    page: usize,
    pages: usize,
    total: String,
    previous: Option<String>,
    next: Option<String>,
}

async fn rows(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Query(q): Query<RowsQuery>,
) -> Result<Response, AppError> {
    let kind = q.kind.as_deref().unwrap_or("events");
    let RowsView { kind, kinds, header, rows, page: number, pages, total, previous, next } =
        state.own_rows(&user.reader(), &page.t, kind, q.page.unwrap_or(1)).await?;
    let kinds = kinds.into_iter().map(|RowsTab { label, href, current }| (label, href, current)).collect();
    render(&RowsPage {
        f: page.frame("/me/data"),
        kind,
        kinds,
        header,
        rows,
        page: number,
        pages,
        total,
        previous,
        next,
    })
}

async fn archive(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let bytes = state.own_archive(&user.reader(), &page.t).await?;
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (CONTENT_DISPOSITION, "attachment; filename=\"inzage-my-data.zip\"".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
struct ContestForm {
    decision: i64,
    reason: String,
}

async fn contest(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Form(form): Form<ContestForm>,
) -> Result<Response, AppError> {
    let contest = match state.open_contest(&user.reader(), form.decision, &form.reason, "contest /me/contests").await {
        Ok(c) => c,
        // A decision that is not the worker's is refused the same way as an empty reason.
        Err(portal::Error::NotFound) => return Err(AppError::Unprocessable("contest-refused")),
        Err(e) => return Err(e.into()),
    };
    Ok((StatusCode::SEE_OTHER, [(LOCATION, format!("/me?opened={}#contests", contest.id))]).into_response())
}
