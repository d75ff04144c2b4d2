//! The one error type of the web crate. Each variant carries its status; the guard renders it as
//! a page in the request's language (or JSON for the API), and an internal cause goes to the log
//! with its whole source chain, never to the page.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Seconds a client is asked to wait when every place for a password hash is taken.
pub const BUSY_RETRY_SECONDS: u16 = 2;

/// An answer that is not the page asked for.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or not the reader's: the same answer either way.
    #[error("not found")]
    NotFound,
    /// Not for this person; the key says why.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The request cannot be carried out as given; the key says what to fix.
    #[error("unprocessable: {0}")]
    Unprocessable(&'static str),
    /// The request conflicts with what is stored.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Every place for a password hash is taken: try again in a moment (503).
    #[error("busy")]
    Busy,
    /// A fault: logged, and shown as "something went wrong".
    #[error("internal error")]
    Internal(#[source] portal::Error),
}

impl From<portal::Error> for AppError {
    fn from(e: portal::Error) -> AppError {
        match e {
            portal::Error::NotFound => AppError::NotFound,
            portal::Error::Invalid(key) => AppError::Unprocessable(key),
            portal::Error::Conflict(key) => AppError::Conflict(key),
            portal::Error::Busy => AppError::Busy,
            other => AppError::Internal(other),
        }
    }
}

macro_rules! internal_from {
    ($($t:ty),*) => {$(
        impl From<$t> for AppError {
            fn from(e: $t) -> AppError {
                AppError::Internal(e.into())
            }
        }
    )*};
}
internal_from!(store::Error, askama::Error, guard::Error, rules::RulebookError, audit::Error, std::io::Error);

/// What the guard needs to render an error: put in the response's extensions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErrorPage {
    pub key: &'static str,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Refused(_) => StatusCode::FORBIDDEN,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The translation key of what the page says.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::NotFound => "not-found-title",
            AppError::Busy => "login-busy",
            AppError::Refused(key) | AppError::Unprocessable(key) | AppError::Conflict(key) => key,
            AppError::Internal(_) => "error-title",
        }
    }
}

use portal::chain;

impl AppError {
    /// Writes an internal error's cause, with its source chain, to the log. The cause may hold
    /// details of the data: it goes to the log, never to the page.
    pub(crate) fn log(&self) {
        if let AppError::Internal(cause) = self {
            tracing::error!(error = %chain(cause), "request failed");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let mut response = self.status().into_response();
        if let AppError::Busy = self {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(BUSY_RETRY_SECONDS));
        }
        response.extensions_mut().insert(ErrorPage { key: self.key() });
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_carries_its_status_and_the_cause_chain_is_kept() {
        assert_eq!(AppError::from(portal::Error::NotFound).status(), StatusCode::NOT_FOUND);
        assert_eq!(AppError::from(portal::Error::Invalid("contest-refused")).key(), "contest-refused");
        assert_eq!(AppError::from(portal::Error::Conflict("invite-taken")).status(), StatusCode::CONFLICT);
        let io = std::io::Error::other("disk full");
        let e = AppError::from(portal::Error::Io(io));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let AppError::Internal(cause) = &e else { panic!("{e:?}") };
        assert_eq!(chain(cause), "file: disk full");
    }
}
