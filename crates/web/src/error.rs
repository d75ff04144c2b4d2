//! The one error type of the web crate: users get a clear page, causes go to the log.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::i18n::{Lang, Tr};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("database: {0}")]
    Store(#[from] store::Error),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("rulebook: {0}")]
    Rules(#[from] rules::RulebookError),
    #[error("audit: {0}")]
    Audit(#[from] audit::Error),
    #[error("security: {0}")]
    Guard(#[from] guard::Error),
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        // The cause may hold details of the data; it goes to the log, not to the page.
        tracing::error!(error = %self, "request failed");
        // The request's language is not known here, so the page says it in both.
        let both = |key: &str| format!("{} / {}", Tr::new(Lang::Nl).t(key), Tr::new(Lang::En).t(key));
        let body = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>inzage</title>\
             <link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main>\
             <h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
            both("error-title"),
            both("error-logged"),
            both("nav-home"),
        );
        (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
    }
}
