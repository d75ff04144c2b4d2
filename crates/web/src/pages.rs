//! The first pages: home, the register, a page per system, and the language switch.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::{Consent, Register, System};
use serde::Deserialize;
use store::{AttributeGroups, Overview, RegisterVersion};

use crate::i18n::{LANG_COOKIE, Lang, Tr};
use crate::{AppError, AppState, MIN_GROUP};

/// Every route; `auth::ROUTES` says who may use each, and `auth::guard` enforces it.
pub(crate) fn router(state: AppState) -> Router<AppState> {
    use crate::{accounts, api, me};
    Router::new()
        .route("/", get(home))
        .route("/login", get(accounts::login_form).post(accounts::login))
        .route("/logout", post(accounts::logout))
        .route("/logout/everywhere", post(accounts::logout_everywhere))
        .route("/invite/{token}", get(accounts::invitation).post(accounts::accept_invitation))
        .route("/people", get(accounts::people).post(accounts::invite))
        .route("/account", get(accounts::account).post(accounts::change_password))
        .route("/register", get(register))
        .route("/systems/{id}", get(system))
        .route("/rules", get(crate::findings::rulebook))
        .route("/systems/{id}/audit", get(crate::report::system_audit))
        .route("/me", get(me::page))
        .route("/me/data", get(me::rows))
        .route("/me/archive.zip", get(me::archive))
        .route("/me/copy", get(me::copy))
        .route("/me/contests", post(me::contest))
        .route("/contests", get(me::queue))
        .route("/contests/{id}", get(me::case).post(me::answer))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/me", get(api::me))
        .route("/api/v1/me/data", get(api::my_data))
        .route("/api/v1/workers/{worker}/data", get(api::worker_data))
        .route("/api/v1/me/access-log", get(api::access_log))
        .route("/api/v1/me/contests", get(api::contests).post(api::open_contest))
        .route("/lang/{code}", get(switch_language))
        .route("/static/style.css", get(stylesheet))
        .route_layer(axum::middleware::from_fn_with_state(state, crate::auth::guard))
        .fallback(not_found)
}

/// What every page's frame needs: translations and the path, for the language links.
pub(crate) struct Frame {
    pub t: Tr,
    pub path: String,
}

impl Frame {
    pub(crate) fn new(t: Tr, path: &str) -> Frame {
        Frame { t, path: path.to_owned() }
    }

    /// Languages to switch to, with their links back to this page.
    pub fn languages(&self) -> Vec<(String, String, bool)> {
        Lang::ALL
            .iter()
            .map(|l| {
                let name = self.t.t(&format!("language-{}", l.code()));
                (name, format!("/lang/{}?back={}", l.code(), self.path), *l == self.t.lang)
            })
            .collect()
    }

    pub fn lang(&self) -> &'static str {
        self.t.lang.code()
    }

    /// The logged-in person's name and role, for the header.
    pub fn who(&self) -> Option<(String, String, String)> {
        self.t.who.as_ref().map(|b| (b.name.clone(), self.t.v("role", b.role.as_str()), b.csrf.clone()))
    }

    /// The navigation links this person may follow (those `auth::ROUTES` allows them).
    pub fn nav(&self) -> Vec<(String, &'static str)> {
        let role = self.t.who.as_ref().map(|b| b.role);
        [
            ("nav-home", "/"),
            ("nav-me", "/me"),
            ("nav-register", "/register"),
            ("nav-rules", "/rules"),
            ("nav-contests", "/contests"),
            ("nav-people", "/people"),
            ("nav-account", "/account"),
            ("nav-login", "/login"),
        ]
        .into_iter()
        .filter(|(_, href)| {
            let access = crate::auth::ROUTES.iter().find(|r| r.method == "GET" && r.path == *href).map(|r| r.access);
            match (*href, role) {
                ("/login", Some(_)) => false,
                ("/", _) | ("/login", None) => true,
                _ => access.is_some_and(|a| a.allows(role) && role.is_some()),
            }
        })
        .map(|(key, href)| (self.t.t(key), href))
        .collect()
    }
}

pub(crate) fn render(template: &impl Template) -> Result<Response, AppError> {
    Ok(Html(template.render()?).into_response())
}

pub(crate) fn render_status(template: &impl Template, status: StatusCode) -> Result<Response, AppError> {
    Ok((status, Html(template.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    f: Frame,
    title: String,
}

/// A page that says one thing, with a status: refusals, expired links.
pub(crate) fn message_page(t: Tr, status: StatusCode, key: &str) -> Response {
    let title = t.t(key);
    match (MessagePage { f: Frame::new(t, "/"), title }).render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    f: Frame,
    version: Option<RegisterVersion>,
    counts: Counts,
    groups: Vec<GroupsView>,
    min_group: i64,
}

/// The overview's numbers, written for the reader's language.
pub(crate) struct Counts {
    pub workers: String,
    pub decisions: String,
    pub automated: String,
    pub events: Option<String>,
}

pub(crate) struct GroupsView {
    pub attribute: String,
    pub groups: Vec<(String, String)>,
    pub suppressed: String,
}

async fn home(State(state): State<AppState>, t: Tr) -> Result<Response, AppError> {
    let overview: Overview = state.store.overview().await?;
    let counts = Counts {
        workers: t.int(overview.workers),
        decisions: t.int(overview.decisions),
        automated: t.int(overview.automated_decisions),
        events: overview.events.map(|(_, rows)| t.int(rows)),
    };
    let groups = state
        .store
        .attribute_groups(MIN_GROUP)
        .await?
        .into_iter()
        .map(|g: AttributeGroups| GroupsView {
            attribute: g.attribute,
            groups: g.groups.into_iter().map(|(value, n)| (value, t.int(n))).collect(),
            suppressed: t.int(g.suppressed),
        })
        .collect();
    let page = HomePage {
        f: Frame::new(t, "/"),
        version: state.store.latest_register().await?,
        counts,
        groups,
        min_group: MIN_GROUP,
    };
    render(&page)
}

/// A system as one row of the register table.
pub(crate) struct SystemRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub purposes: String,
    pub data: String,
    pub legal_basis: Option<String>,
    pub consent: Option<String>,
    /// Consent is missing where the organisation has a works council.
    pub consent_missing: bool,
    pub planned_functions: usize,
    pub tally: rules::Tally,
}

fn consent_ok(c: Consent) -> bool {
    matches!(c, Consent::Granted | Consent::CourtSubstitute | Consent::CaoRegulated)
}

fn system_row(t: &Tr, register: &Register, s: &System, findings: &[rules::Finding]) -> SystemRow {
    let consent = s.works_council.as_ref().map(|w| {
        let label = t.v("consent", w.consent.as_str());
        match w.date {
            Some(d) => format!("{label} ({d})"),
            None => label,
        }
    });
    SystemRow {
        id: s.id.clone(),
        name: s.name.clone(),
        status: t.v("status", s.status.as_str()),
        purposes: list(s.purposes.iter().map(|p| t.v("purpose", p.as_str()))),
        data: list(s.data.iter().map(|d| data_label(t, d))),
        legal_basis: s.legal_basis.map(|b| t.v("basis", b.as_str())),
        consent,
        consent_missing: register.organisation.works_council == Some(true)
            && !s.works_council.as_ref().is_some_and(|w| consent_ok(w.consent)),
        planned_functions: s.functions.iter().filter(|f| f.status != domain::FunctionStatus::Enabled).count(),
        tally: rules::Tally::of(findings.iter().filter(|f| f.system == s.id)),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn data_label(t: &Tr, d: &domain::DataCategory) -> String {
    let base = t.v("data", d.kind.as_str());
    match &d.refinement {
        Some(r) => format!("{base} ({})", r.replace('_', " ")),
        None => base,
    }
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    f: Frame,
    version: Option<RegisterVersion>,
    rows: Vec<SystemRow>,
}

async fn register(State(state): State<AppState>, t: Tr) -> Result<Response, AppError> {
    let version = state.store.latest_register().await?;
    let rows = match &version {
        Some(v) => {
            let found = crate::findings::check(&state, &v.register)?;
            v.register.systems.iter().map(|s| system_row(&t, &v.register, s, &found)).collect()
        }
        None => Vec::new(),
    };
    render(&RegisterPage { f: Frame::new(t, "/register"), version, rows })
}

/// One registered fact: its label and value, or that it is not registered.
pub(crate) struct Fact {
    pub label: String,
    pub value: Option<String>,
}

pub(crate) struct TargetView {
    pub kind: String,
    pub per_hour: String,
    pub seconds_per_unit: String,
}

pub(crate) struct DecisionView {
    pub kind: String,
    pub solely_automated: String,
    pub significant_effect: String,
}

pub(crate) struct FunctionView {
    pub name: String,
    pub status: String,
    pub switched_off: bool,
    pub description: Option<String>,
    pub data: String,
}

#[derive(Template)]
#[template(path = "system.html")]
struct SystemPage {
    f: Frame,
    organisation: String,
    row: SystemRow,
    description: Option<String>,
    facts: Vec<Fact>,
    retention: Vec<(String, Option<String>, &'static str)>,
    targets: Vec<TargetView>,
    decisions: Vec<DecisionView>,
    functions: Vec<FunctionView>,
    found: crate::findings::SystemFindings,
    history: Vec<crate::findings::HistoryEntry>,
    /// The system has norms and the data folder has its events: the audit can run.
    auditable: bool,
}

async fn system(State(state): State<AppState>, t: Tr, Path(id): Path<String>) -> Result<Response, AppError> {
    let path = format!("/systems/{id}");
    let Some(version) = state.store.latest_register().await? else {
        return Ok(not_found_page(t, &path));
    };
    let Some(s) = version.register.system(&id) else {
        return Ok(not_found_page(t, &path));
    };
    let fact = |label: &str, value: Option<String>| Fact { label: t.t(label), value };
    let shift = s.shift.as_ref().map(|sh| {
        let breaks = sh.break_minutes.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(" + ");
        t.ta("shift-summary", &[("hours", t.num(sh.hours, 1)), ("breaks", breaks)])
    });
    let facts = vec![
        fact("fact-vendor", s.vendor.clone()),
        fact("fact-status", Some(t.v("status", s.status.as_str()))),
        fact("fact-go-live", s.go_live.map(|d| d.to_string())),
        fact("fact-purposes", non_empty(s.purposes.iter().map(|p| t.v("purpose", p.as_str())))),
        fact("fact-subjects", non_empty(s.subjects.iter().map(|p| t.v("subject", p.as_str())))),
        fact("fact-monitoring", s.monitoring.map(|m| t.v("monitoring", m.as_str()))),
        fact("fact-covert", s.covert.map(|b| t.yes_no(&Some(b)))),
        fact("fact-off-duty", s.off_duty.map(|b| t.yes_no(&Some(b)))),
        fact("fact-legal-basis", s.legal_basis.map(|b| t.v("basis", b.as_str()))),
        fact("fact-emotion", s.emotion_inference.map(|b| t.yes_no(&Some(b)))),
        fact("fact-biometric", s.biometric_purpose.map(|b| t.v("biometric", b.as_str()))),
        fact("fact-ai", s.ai.map(|b| t.yes_no(&Some(b)))),
        fact("fact-shift", shift),
        fact("fact-dpia", s.assessment.as_ref().and_then(|a| a.dpia).map(|d| t.v("dpia", d.as_str()))),
        fact("fact-dpia-date", s.assessment.as_ref().and_then(|a| a.dpia_date).map(|d| d.to_string())),
        fact("fact-notice", s.transparency.as_ref().and_then(|n| n.notice_date).map(|d| d.to_string())),
        fact("fact-consent", s.works_council.as_ref().map(|w| t.v("consent", w.consent.as_str()))),
        fact("fact-consent-date", s.works_council.as_ref().and_then(|w| w.date).map(|d| d.to_string())),
    ];
    let retention = s
        .data
        .iter()
        .map(|d| {
            let days = s.retention_days.get(d).map(|n| t.ta("days", &[("n", n.to_string())]));
            (data_label(&t, d), days, d.kind.fideslang().unwrap_or_default())
        })
        .collect();
    let targets = s
        .targets
        .iter()
        .map(|tg| TargetView {
            kind: tg.kind.clone(),
            per_hour: t.num(tg.per_hour, 0),
            seconds_per_unit: t.num(3600.0 / tg.per_hour, 3),
        })
        .collect();
    let decisions = s
        .decisions
        .iter()
        .map(|d| DecisionView {
            kind: t.v("decision", d.kind.as_str()),
            solely_automated: t.yes_no(&d.solely_automated),
            significant_effect: t.yes_no(&d.significant_effect),
        })
        .collect();
    let functions = s
        .functions
        .iter()
        .map(|fun| FunctionView {
            name: fun.name.clone(),
            status: t.v("function", fun.status.as_str()),
            switched_off: fun.status != domain::FunctionStatus::Enabled,
            description: fun.description.clone(),
            data: list(fun.data.iter().map(|d| data_label(&t, d))),
        })
        .collect();
    let all = crate::findings::check(&state, &version.register)?;
    let versions = state.store.register_history().await?;
    let page = SystemPage {
        organisation: version.register.organisation.name.clone(),
        row: system_row(&t, &version.register, s, &all),
        found: crate::findings::for_system(&t, &all, &s.id),
        auditable: !s.targets.is_empty() && state.store.overview().await?.events.is_some(),
        history: crate::findings::history(&t, &versions, &s.id),
        description: s.description.clone(),
        facts,
        retention,
        targets,
        decisions,
        functions,
        f: Frame::new(t, &path),
    };
    render(&page)
}

fn non_empty(items: impl Iterator<Item = String>) -> Option<String> {
    let text = list(items);
    (!text.is_empty()).then_some(text)
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    f: Frame,
}

pub(crate) fn not_found_page(t: Tr, path: &str) -> Response {
    match (NotFoundPage { f: Frame::new(t, path) }).render() {
        Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

async fn not_found(t: Tr, uri: Uri) -> Response {
    not_found_page(t, uri.path())
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

/// Remembers the chosen language in a cookie and returns to the page the user was on.
async fn switch_language(t: Tr, Path(code): Path<String>, Query(q): Query<Back>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return not_found_page(t, &format!("/lang/{code}"));
    };
    // Only a path on this site: never an open redirect.
    let back = crate::auth::local_path(q.back.as_deref()).unwrap_or_else(|| "/".into());
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", lang.code());
    (StatusCode::SEE_OTHER, [(LOCATION, back), (SET_COOKIE, cookie)]).into_response()
}

async fn stylesheet() -> Response {
    (
        [(CONTENT_TYPE, "text/css; charset=utf-8"), (CACHE_CONTROL, "public, max-age=3600")],
        // One stylesheet: the vendored NL Design System components (static/vendor/VENDOR.md), then
        // inzage's tokens, then inzage's own CSS; compiled in, so nothing is fetched at run time.
        concat!(
            include_str!("../static/vendor/document.css"),
            include_str!("../static/vendor/page-header.css"),
            include_str!("../static/vendor/page-body.css"),
            include_str!("../static/vendor/page-footer.css"),
            include_str!("../static/vendor/skip-link.css"),
            include_str!("../static/vendor/heading-1.css"),
            include_str!("../static/vendor/heading-2.css"),
            include_str!("../static/vendor/heading-3.css"),
            include_str!("../static/vendor/heading-4.css"),
            include_str!("../static/vendor/paragraph.css"),
            include_str!("../static/vendor/link.css"),
            include_str!("../static/vendor/unordered-list.css"),
            include_str!("../static/vendor/ordered-list.css"),
            include_str!("../static/vendor/code.css"),
            include_str!("../static/vendor/code-block.css"),
            include_str!("../static/vendor/table.css"),
            include_str!("../static/vendor/data-list.css"),
            include_str!("../static/vendor/alert.css"),
            include_str!("../static/vendor/button.css"),
            include_str!("../static/vendor/button-link.css"),
            include_str!("../static/vendor/form-field.css"),
            include_str!("../static/vendor/form-label.css"),
            include_str!("../static/vendor/form-field-description.css"),
            include_str!("../static/vendor/textbox.css"),
            include_str!("../static/vendor/textarea.css"),
            include_str!("../static/vendor/select.css"),
            include_str!("../static/vendor/radio-button.css"),
            include_str!("../static/vendor/pagination.css"),
            include_str!("../static/tokens.css"),
            include_str!("../static/style.css"),
        ),
    )
        .into_response()
}
