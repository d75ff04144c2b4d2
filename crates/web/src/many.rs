//! One portal for a folder of many organisations (issue 15).
//!
//! Each organisation keeps its own database, keys, sessions and accounts; this module only
//! chooses which organisation's portal a request goes to, and never lets one read another's.
//! The choice is a cookie (`inzage_organisation`), set by `/o/<ID>/…` (the links in invitations
//! and letters) or by the page `/organisations`, where a person types their organisation's code;
//! an API client names it in the `Inzage-Organisation` header. The request then goes, whole and
//! unchanged, to that organisation's router: the same routes, guard and authorisation matrix as
//! a portal of one. A session cookie or API token of organisation A is looked up in B's database
//! and not found there, so changing the cookie makes a person a stranger, never someone else.
//!
//! An organisation's portal is opened when it is first asked for and kept while used: a folder
//! of a thousand cannot keep a thousand database pools open (file descriptors), so past
//! `MAX_OPEN` the least recently used is closed. Each organisation's login limits are kept here,
//! so closing it does not forget failed passwords; Argon2's memory bound is one for all of them.
//! Opening one checks its conditions of consent and computes its audits in the background, one
//! organisation at a time. An organisation removed or restored while the portal runs is served
//! from its old database until it is closed: restart the portal after such a change.
//!
//! The page `/organisations` lists no organisations. Codes are not secrets, though: whether a
//! code exists can be told from the answers. Inspectors see those granted to them in the
//! overview (`/overview`).

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use askama::Template;
use axum::Router;
use axum::extract::{MatchedPath, Path, Query, Request, State};
use axum::http::header::{LOCATION, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use locale::Tr;
use tower::ServiceExt;

use crate::cookies::{cookie, local_path};
use crate::frame::{Frame, request_lang};
use crate::limits::Limits;
use crate::state::Membership;
use crate::{AppState, guard};

pub use crate::cookies::ORGANISATION_COOKIE;
/// The header an API client names its organisation in.
pub const ORGANISATION_HEADER: &str = "inzage-organisation";
/// The most organisations open at once.
pub const MAX_OPEN: usize = 128;

/// Opens an organisation's portal by its id: its store, keys and settings.
pub type Opener = Arc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Result<AppState, String>> + Send>> + Send + Sync>;

/// The portal of a folder of many organisations.
#[derive(Clone)]
pub struct Many(Arc<Inner>);

struct Inner {
    root: PathBuf,
    open: Opener,
    max_open: usize,
    secure_cookies: bool,
    hosts: Vec<String>,
    /// Each organisation's login limits, kept while its portal is closed and opened again.
    limits: Mutex<HashMap<String, Limits>>,
    /// One bound on Argon2's memory for all organisations (security review M2), not one each.
    hashing: Arc<portal::people::Hashing>,
    /// Computing an organisation's audits when it opens: one organisation at a time, so asking
    /// for many organisations cannot start many audits.
    warming: Arc<tokio::sync::Semaphore>,
    clock: AtomicU64,
    /// Serve this organisation only (`serve --organisation ID` on a folder of many).
    only: Option<String>,
    open_now: Mutex<HashMap<String, Arc<Slot>>>,
}

#[derive(Default)]
struct Slot {
    portal: tokio::sync::OnceCell<(AppState, Router)>,
    last_used: AtomicU64,
}

impl std::fmt::Debug for Many {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Many").field("root", &self.0.root).finish_non_exhaustive()
    }
}

impl Many {
    /// The portal of the folder `root`, opening organisations with `open`; only organisation
    /// `only` when given (`serve --organisation ID`). `public_url` and `secure_cookies` are the
    /// serve settings every organisation's portal has too.
    pub fn new(
        root: PathBuf,
        only: Option<String>,
        public_url: Option<&url::Url>,
        secure_cookies: bool,
        open: Opener,
    ) -> Many {
        Many(Arc::new(Inner {
            root,
            open,
            max_open: MAX_OPEN,
            secure_cookies,
            hosts: crate::state::hosts(public_url),
            limits: Mutex::default(),
            hashing: Arc::default(),
            warming: Arc::new(tokio::sync::Semaphore::new(1)),
            clock: AtomicU64::new(0),
            only,
            open_now: Mutex::new(HashMap::new()),
        }))
    }

    /// Whether organisation `id` exists (has a database) and is served.
    fn exists(&self, id: &str) -> bool {
        portal::organisations::valid_id(id)
            && self.0.only.as_ref().is_none_or(|only| only == id)
            && store::has_database(&self.0.root.join(portal::organisations::ORGANISATIONS_DIR).join(id))
    }

    /// The router of organisation `id`, opened if it is not; `None` when there is no such one.
    pub async fn router(&self, id: &str) -> Result<Option<Router>, String> {
        if !self.exists(id) {
            return Ok(None);
        }
        let now = self.0.clock.fetch_add(1, Ordering::Relaxed) + 1;
        let slot = {
            let mut open = self.0.open_now.lock().map_err(|_| "a lock was poisoned".to_owned())?;
            match open.get(id) {
                Some(slot) => slot.clone(),
                None => {
                    while open.len() >= self.0.max_open {
                        let Some(oldest) = open
                            .iter()
                            .min_by_key(|(_, s)| s.last_used.load(Ordering::Relaxed))
                            .map(|(k, _)| k.clone())
                        else {
                            break;
                        };
                        // Requests under way keep their clone; the pool closes after them.
                        open.remove(&oldest);
                    }
                    let slot = Arc::new(Slot { last_used: AtomicU64::new(now), ..Slot::default() });
                    open.insert(id.to_owned(), slot.clone());
                    slot
                }
            }
        };
        slot.last_used.store(now, Ordering::Relaxed);
        match slot.portal.get_or_try_init(|| self.open(id)).await {
            Ok((_, router)) => Ok(Some(router.clone())),
            Err(e) => {
                // A failed open takes no place: the next request tries again.
                if let Ok(mut open) = self.0.open_now.lock()
                    && open.get(id).is_some_and(|s| Arc::ptr_eq(s, &slot))
                {
                    open.remove(id);
                }
                Err(e)
            }
        }
    }

    async fn open(&self, id: &str) -> Result<(AppState, Router), String> {
        let mut state = (self.0.open)(id.to_owned()).await?;
        state.organisation = Some(Membership { id: id.to_owned(), root: self.0.root.clone() });
        state.limits = {
            let mut limits = self.0.limits.lock().map_err(|_| "a lock was poisoned".to_owned())?;
            limits.entry(id.to_owned()).or_default().clone()
        };
        state.portal.hashing = self.0.hashing.clone();
        let background = state.portal.clone();
        let (name, warming) = (id.to_owned(), self.0.warming.clone());
        tokio::spawn(async move {
            let Ok(_turn) = warming.acquire_owned().await else { return };
            if let Err(e) = background.recheck_conditions().await {
                tracing::error!(organisation = %name, error = %e, "checking the conditions of consent failed");
            }
            if let Err(e) = background.warm_audits().await {
                tracing::error!(organisation = %name, error = %e, "computing the audits in advance failed");
            }
        });
        let router = crate::app(state.clone());
        Ok((state, router))
    }

    /// At most `n` organisations open at once (before the portal is shared; tests use a few).
    pub fn with_max_open(mut self, n: usize) -> Many {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.max_open = n.max(1);
        }
        self
    }

    /// How many organisations are open now.
    pub fn open_count(&self) -> usize {
        self.0.open_now.lock().map_or(0, |open| open.len())
    }

    /// The organisations open now.
    fn open_states(&self) -> Vec<AppState> {
        let Ok(open) = self.0.open_now.lock() else { return Vec::new() };
        open.values().filter_map(|s| s.portal.get().map(|(state, _)| state.clone())).collect()
    }

    fn cookie_name(&self) -> &'static str {
        crate::cookies::organisation_name(self.0.secure_cookies)
    }

    fn organisation_cookie(&self, id: &str) -> String {
        crate::cookies::organisation_cookie(id, self.0.secure_cookies)
    }
}

/// The router of the portal of many.
pub fn app(many: Many) -> Router {
    Router::new()
        .route("/organisations", axum::routing::get(choose))
        .route("/o/{id}", axum::routing::get(enter))
        .route("/o/{id}/", axum::routing::get(enter))
        .route("/o/{id}/{*rest}", axum::routing::get(enter_at))
        .route("/static/style.css", axum::routing::get(crate::public::stylesheet))
        .route("/lang/{code}", axum::routing::get(crate::public::switch_language))
        .fallback(dispatch)
        .layer(axum::middleware::from_fn_with_state(many.clone(), outer))
        .with_state(many)
}

/// Serves the portal of many until Ctrl-C; the conditions of consent of the organisations open
/// are checked again every day (each is checked when it opens).
pub async fn serve(many: Many, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let checking = many.clone();
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        every_day.tick().await;
        loop {
            every_day.tick().await;
            for state in checking.open_states() {
                if let Err(e) = state.portal.recheck_conditions().await {
                    tracing::error!(error = %e, "checking the conditions of consent failed");
                }
            }
        }
    });
    axum::serve(listener, app(many).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// The host check and security headers for what this module answers itself (each
/// organisation's router does both for its own answers).
async fn outer(State(many): State<Many>, request: Request, next: Next) -> Response {
    if guard::wrong_host(&many.0.hosts, &request) {
        return guard::host_refused(&request, many.0.secure_cookies);
    }
    let mut response = next.run(request).await;
    guard::secure_headers(many.0.secure_cookies, response.headers_mut());
    response
}

/// Every other request: to the chosen organisation's router, unchanged.
async fn dispatch(State(many): State<Many>, mut request: Request) -> Response {
    let named = request
        .headers()
        .get(ORGANISATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| cookie(request.headers(), many.cookie_name()))
        // `serve --organisation ID`: that one, chosen or not.
        .or_else(|| many.0.only.clone());
    let api = request.uri().path().starts_with("/api/");
    let router = match named {
        Some(id) => many.router(&id).await,
        None => Ok(None),
    };
    match router {
        Ok(Some(router)) => {
            // The organisation's router matches the path afresh.
            request.extensions_mut().remove::<MatchedPath>();
            let mut response = match router.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            // The same address answers for each organisation: a cache must not mix them.
            response.headers_mut().insert(VARY, HeaderValue::from_static("Cookie, Inzage-Organisation"));
            response
        }
        Ok(None) if api => {
            let t = Tr::new(request_lang(request.headers()));
            let problem = guard::Problem { error: t.t("organisation-none"), status: StatusCode::NOT_FOUND.as_u16() };
            (StatusCode::NOT_FOUND, axum::Json(problem)).into_response()
        }
        Ok(None) => (StatusCode::SEE_OTHER, [(LOCATION, "/organisations")]).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "an organisation's portal could not be opened");
            let t = Tr::new(request_lang(request.headers()));
            (StatusCode::INTERNAL_SERVER_ERROR, t.t("error-title")).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct ChoosePage {
    f: Frame,
    code: String,
    error: Option<String>,
}

#[derive(serde::Deserialize)]
struct Choice {
    code: Option<String>,
}

/// The page where a person types their organisation's code.
async fn choose(State(many): State<Many>, headers: HeaderMap, Query(choice): Query<Choice>) -> Response {
    let t = Tr::new(request_lang(&headers));
    let code = choice.code.map(|c| c.trim().to_lowercase()).unwrap_or_default();
    if !code.is_empty() && many.exists(&code) {
        return (StatusCode::SEE_OTHER, [(LOCATION, format!("/o/{code}/"))]).into_response();
    }
    let error = (!code.is_empty()).then(|| t.tn("organisations-unknown", &[("code", code.clone())]));
    let status = if error.is_some() { StatusCode::NOT_FOUND } else { StatusCode::OK };
    choose_page(t, code, error, status)
}

/// The page of `/organisations`, with `code` in its field and `error` above it.
fn choose_page(t: Tr, code: String, error: Option<String>, status: StatusCode) -> Response {
    let page = ChoosePage { f: Frame::outside(t, "/organisations"), code, error };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the page of organisations could not be rendered");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn enter(State(many): State<Many>, headers: HeaderMap, Path(id): Path<String>, uri: Uri) -> Response {
    chosen(&many, &headers, &id, "", uri.query())
}

async fn enter_at(
    State(many): State<Many>,
    headers: HeaderMap,
    Path((id, rest)): Path<(String, String)>,
    uri: Uri,
) -> Response {
    chosen(&many, &headers, &id, &rest, uri.query())
}

/// `/o/<ID>/<rest>`: keeps the organisation in its cookie and goes on to `/<rest>` (only ever a
/// path on this site).
fn chosen(many: &Many, headers: &HeaderMap, id: &str, rest: &str, query: Option<&str>) -> Response {
    if !many.exists(id) {
        let t = Tr::new(request_lang(headers));
        let error = Some(t.tn("organisations-unknown", &[("code", id.to_owned())]));
        return choose_page(t, String::new(), error, StatusCode::NOT_FOUND);
    }
    let mut target = format!("/{}", rest.trim_start_matches(['/', '\\']));
    if let Some(q) = query {
        target.push('?');
        target.push_str(q);
    }
    let target = local_path(Some(&target)).unwrap_or_else(|| "/".to_owned());
    (StatusCode::SEE_OTHER, [(LOCATION, target), (SET_COOKIE, many.organisation_cookie(id))]).into_response()
}
