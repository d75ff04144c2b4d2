//! inzage's portal: the axum router and its server-rendered pages. This is the only crate that
//! knows HTTP. `app` builds the router, so tests drive it without a socket.

mod error;
mod findings;
mod i18n;
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

/// Audit reports already computed, by register version and system id.
pub type AuditCache = Arc<tokio::sync::Mutex<std::collections::HashMap<(i64, String), Arc<audit::Report>>>>;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub rulebook: Arc<Rulebook>,
    /// The AI Act's Annex III application date, a setting.
    pub annex_iii_from: jiff::civil::Date,
    /// Audit reports already computed, by register version and system.
    pub audits: AuditCache,
}

impl AppState {
    /// The state for a store, with the built-in rulebook.
    pub fn new(store: Store) -> Result<AppState, RulebookError> {
        Ok(AppState {
            store,
            rulebook: Arc::new(Rulebook::builtin()?),
            annex_iii_from: rules::ANNEX_III_DEFAULT,
            audits: Arc::default(),
        })
    }

    /// The law as it stands today.
    pub fn settings(&self) -> Settings {
        Settings { as_of: jiff::ZonedDateTime::now().date(), annex_iii_from: self.annex_iii_from }
    }
}

/// The portal's router.
pub fn app(state: AppState) -> Router {
    pages::router().with_state(state)
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
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
