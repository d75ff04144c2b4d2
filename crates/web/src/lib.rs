//! inzage's portal: the axum router and its server-rendered pages. This is the only crate that
//! knows HTTP. `app` builds the router, so tests drive it without a socket.

mod accounts;
mod api;
pub mod auth;
mod error;
mod findings;
mod i18n;
mod me;
mod pages;
pub mod report;

use std::sync::Arc;

use axum::Router;
use rules::{Rulebook, RulebookError, Settings};
use store::Store;

pub use error::AppError;
pub use i18n::{LANG_COOKIE, Lang, Tr};

/// Groups smaller than this are never shown on their own (`audit.md`'s `min_group` default).
pub const MIN_GROUP: i64 = 10;

/// Audits already computed, by register version and system id.
pub type AuditCache = Arc<tokio::sync::Mutex<std::collections::HashMap<(i64, String), Arc<Audited>>>>;

/// One system's audit: the aggregate report, and each worker's own results by pseudonym.
#[derive(Debug)]
pub struct Audited {
    pub report: audit::Report,
    /// The events file it was computed from.
    pub events: std::path::PathBuf,
    pub workers: std::collections::HashMap<String, Arc<audit::WorkerResult>>,
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub rulebook: Arc<Rulebook>,
    /// The AI Act's Annex III application date, a setting.
    pub annex_iii_from: jiff::civil::Date,
    /// Audit reports already computed, by register version and system.
    pub audits: AuditCache,
    /// Turns the employer's worker identifiers into the pseudonyms the database holds.
    pub pseudonymiser: Arc<guard::Pseudonymiser>,
    /// Failed logins, per account and address.
    pub limits: auth::Limits,
    /// Cookies get `Secure`: the portal is served behind TLS.
    pub secure_cookies: bool,
    /// Days a contest's answer is due in; `None`: one month, or two weeks where the Platform
    /// Work Directive applies (the register says the organisation is a digital labour platform).
    pub contest_days: Option<u32>,
}

impl AppState {
    /// The state for a store and its pseudonym key, with the built-in rulebook.
    pub fn new(store: Store, pseudonymiser: guard::Pseudonymiser) -> Result<AppState, RulebookError> {
        Ok(AppState {
            store,
            rulebook: Arc::new(Rulebook::builtin()?),
            annex_iii_from: rules::ANNEX_III_DEFAULT,
            audits: Arc::default(),
            pseudonymiser: Arc::new(pseudonymiser),
            limits: Arc::default(),
            secure_cookies: false,
            contest_days: None,
        })
    }

    /// The law as it stands today.
    pub fn settings(&self) -> Settings {
        Settings { as_of: jiff::ZonedDateTime::now().date(), annex_iii_from: self.annex_iii_from }
    }
}

/// The portal's router.
pub fn app(state: AppState) -> Router {
    pages::router(state.clone()).with_state(state)
}

/// Serves the portal on a bound listener until Ctrl-C. The audits are computed in the background
/// from the start, so the audit pages are ready when someone asks.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let warming = state.clone();
    tokio::spawn(async move {
        if let Err(e) = report::warm_audits(warming).await {
            tracing::error!(error = %e, "computing the audits in advance failed");
        }
    });
    axum::serve(listener, app(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
