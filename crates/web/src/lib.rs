//! inzage's portal over HTTP: routing, the guard, extractors, templates and error rendering. The
//! use cases are the `portal` crate's; this crate turns requests into its calls and its answers
//! into pages (askama) and JSON. It is the only crate that knows HTTP.
//!
//! Modules by audience — `public`, `worker`, `admin`, `oversight` (council, expert, inspector),
//! `account`, `api` — each declaring its routes once, with who may use them; `routes` builds the
//! router and the authorisation matrix from those rows. Below them `frame` (the page frame and
//! rendering), `guard` (the middleware), `session`, `cookies`, `client` (the client's address),
//! `limits`, `error`, `state`.

mod account;
mod admin;
mod api;
mod client;
mod cookies;
pub mod council;
mod error;
mod frame;
pub mod guard;
mod limits;
pub mod many;
mod oversight;
mod public;
pub mod routes;
mod session;
mod state;
mod worker;

pub use cookies::{CSRF_COOKIE, LANG_COOKIE, SECURE_PREFIX, SESSION_COOKIE};
pub use error::AppError;
pub use limits::{
    Attempt, FAILURE_WINDOW_SECONDS, FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS, LoginLimits, MAX_DELAY_SECONDS,
    Refusal,
};
pub use portal::MIN_GROUP;
pub use state::{AppState, Membership, public_url};

/// The portal's router.
pub fn app(state: AppState) -> axum::Router {
    routes::router(state.clone()).with_state(state)
}

/// Serves the portal on a bound listener until Ctrl-C. The audits are computed in the background
/// from the start, so the audit pages are ready when someone asks; the conditions of consent are
/// checked at the start and every day after, since some read the date (a DPIA no older than 12
/// months) and change without an import.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let warming = state.portal.clone();
    tokio::spawn(async move {
        if let Err(e) = warming.warm_audits().await {
            tracing::error!(error = %e, "computing the audits in advance failed");
        }
    });
    let checking = state.portal.clone();
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            every_day.tick().await;
            if let Err(e) = checking.recheck_conditions().await {
                tracing::error!(error = %e, "checking the conditions of consent failed");
            }
        }
    });
    axum::serve(listener, app(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
