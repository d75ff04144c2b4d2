//! The public register (issue 11): anyone may read it, when the admin publishes it.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal::public::PublicView;

use crate::frame::{Frame, Page, message_page, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "public_register.html")]
struct PublicPage {
    f: Frame,
    v: PublicView,
}

pub(crate) async fn page(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    match state.public_register(&page.t).await {
        Ok(v) => render(&PublicPage { f: page.frame("/public/register"), v }),
        Err(portal::Error::NotFound) => Ok(message_page(page, StatusCode::NOT_FOUND, "public-off")),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn json(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    match state.public_register_json().await {
        Ok(doc) => Ok(Json(doc).into_response()),
        // A program asked: it gets JSON, as the API's errors are.
        Err(portal::Error::NotFound) => {
            let problem = crate::guard::Problem { error: page.t.t("public-off"), status: 404 };
            Ok((StatusCode::NOT_FOUND, Json(problem)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
