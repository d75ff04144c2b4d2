//! Every route, declared once: each audience's module lists its rows (method, path, who may,
//! handler), and this module builds both the router and the authorisation matrix (`ROUTES`) from
//! the same rows, so the two cannot disagree. A test walks every row × every role.

use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::handler::Handler;
use axum::routing::{self, MethodRouter};

use crate::guard::{Access, Guarded, Route};
use crate::{AppState, account, admin, api, council, frame, oversight, public, worker};

/// A route with its handler.
pub(crate) struct Row {
    pub route: Route,
    pub handler: MethodRouter<AppState>,
}

/// A `GET` route.
pub(crate) fn get<H: Handler<T, AppState>, T: 'static>(path: &'static str, access: Access, handler: H) -> Row {
    Row { route: Route { method: "GET", path, access }, handler: routing::get(handler) }
}

/// A `POST` route.
pub(crate) fn post<H: Handler<T, AppState>, T: 'static>(path: &'static str, access: Access, handler: H) -> Row {
    Row { route: Route { method: "POST", path, access }, handler: routing::post(handler) }
}

fn rows() -> Vec<Row> {
    [
        public::routes(),
        account::routes(),
        worker::routes(),
        oversight::routes(),
        council::routes(),
        admin::routes(),
        api::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The authorisation matrix: every route, and who may use it.
pub static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| rows().into_iter().map(|r| r.route).collect());

/// The router: every row's handler, behind the guard that enforces the rows' access.
pub(crate) fn router(state: AppState) -> Router<AppState> {
    let rows = rows();
    let table: Arc<[Route]> = rows.iter().map(|r| r.route).collect();
    let mut router = Router::new();
    for row in rows {
        router = router.route(row.route.path, row.handler);
    }
    router
        .route_layer(axum::middleware::from_fn_with_state(Guarded { app: state.clone(), table }, crate::guard::guard))
        .fallback(frame::not_found)
        .layer(axum::middleware::from_fn_with_state(state, crate::guard::protect))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_in_the_table_once() {
        let mut seen = std::collections::BTreeSet::new();
        for r in ROUTES.iter() {
            assert!(seen.insert((r.method, r.path)), "{} {} twice", r.method, r.path);
        }
        assert!(seen.len() > 30, "only {} routes", seen.len());
    }
}
