//! The contests queue, earliest deadline first, and one contest with the form to answer it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use portal::worker::ContestView;
use portal::{ContestCase, Queue, QueueEntry};
use serde::Deserialize;

use crate::frame::{Frame, Page, render, render_status};
use crate::session::User;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "contests.html")]
struct QueuePage {
    f: Frame,
    open: Vec<(ContestView, String, bool)>,
    answered: Vec<(ContestView, String, bool)>,
}

pub(crate) async fn queue(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let Queue { open, answered } = state.contest_queue(&user.reader(), &page.t).await?;
    let rows = |entries: Vec<QueueEntry>| entries.into_iter().map(|e| (e.contest, e.worker, e.overdue)).collect();
    render(&QueuePage { f: page.frame("/contests"), open: rows(open), answered: rows(answered) })
}

#[derive(Template)]
#[template(path = "contest.html")]
struct CasePage {
    f: Frame,
    c: ContestView,
    worker: String,
    reason: String,
    score: String,
    answered: bool,
    csrf: String,
    error: Option<String>,
}

async fn case_page(
    state: &AppState,
    page: Page,
    user: &User,
    id: i64,
    error: Option<AppError>,
) -> Result<Response, AppError> {
    let ContestCase { contest, worker, reason, score, answered } =
        state.contest_case(&user.reader(), &page.t, id).await?;
    let status = error.as_ref().map_or(StatusCode::OK, AppError::status);
    let view = CasePage {
        c: contest,
        worker,
        reason,
        score,
        answered,
        csrf: user.csrf.clone(),
        error: error.map(|e| page.t.t(e.key())),
        f: page.frame(&format!("/contests/{id}")),
    };
    render_status(&view, status)
}

pub(crate) async fn case(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    case_page(&state, page, &user, id, None).await
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    outcome: String,
    text: String,
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    match state.answer_contest(&user.reader(), id, &form.outcome, &form.text).await {
        Ok(()) => Ok((StatusCode::SEE_OTHER, [(LOCATION, format!("/contests/{id}"))]).into_response()),
        Err(e @ (portal::Error::Invalid(_) | portal::Error::Conflict(_))) => {
            case_page(&state, page, &user, id, Some(e.into())).await
        }
        Err(e) => Err(e.into()),
    }
}
