//! The works council's consent dossiers: the list, one dossier with its checkpoints, information
//! requests, expert, decision and conditions, and the advice report. For the council, its
//! expert and the admin (who opens dossiers on the employer's request and answers the council's
//! questions); workers and inspectors do not see dossiers.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use domain::Role;
use domain::dossier::{Checkpoint, Learned, Outcome, Verdict};
use locale::{Lang, Tr};
use portal::advice::Format;
use portal::council::{DossierRow, DossierView};
use rules::conditions::{Condition, catalogue};
use serde::Deserialize;

use crate::frame::{Frame, Page, render_status};
use crate::guard::Access::Roles;
use crate::routes::{Row, get, post};
use crate::session::User;
use crate::{AppError, AppState};

use Role::{Admin, Council, Expert};

/// Those who see dossiers.
pub const DOSSIER: &[Role] = &[Admin, Council, Expert];
/// Those who open one: the admin on the employer's request, the council when it never came.
pub const OPENERS: &[Role] = &[Admin, Council];
/// Those who judge the checkpoints and ask the employer questions.
pub const JUDGES: &[Role] = &[Council, Expert];
/// The council itself: decides, invites its expert, starts the nullity clock.
pub const COUNCIL: &[Role] = &[Council];

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/dossiers", Roles(DOSSIER), list),
        post("/dossiers", Roles(OPENERS), open),
        get("/dossiers/{id}", Roles(DOSSIER), show),
        post("/dossiers/{id}/checkpoints/{checkpoint}", Roles(JUDGES), checkpoint),
        post("/dossiers/{id}/requests", Roles(JUDGES), ask),
        post("/dossiers/{id}/requests/{request}/answer", Roles(crate::guard::ADMIN), answer),
        post("/dossiers/{id}/decision", Roles(COUNCIL), decide),
        post("/dossiers/{id}/nullity", Roles(COUNCIL), nullity),
        post("/dossiers/{id}/expert", Roles(COUNCIL), expert),
        get("/dossiers/{id}/advice/{format}", Roles(DOSSIER), advice),
    ]
}

fn see_other(to: String) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to)]).into_response()
}

#[derive(Template)]
#[template(path = "dossiers.html")]
struct ListPage {
    f: Frame,
    rows: Vec<DossierRow>,
    systems: Vec<(String, String)>,
    may_open: bool,
    today: String,
    csrf: String,
    error: Option<String>,
    /// The access log's head, `COUNT:HASH`: the council's anchor of the log.
    log_head: String,
}

async fn list_page(
    state: &AppState,
    page: Page,
    user: &User,
    status: StatusCode,
    error: Option<&'static str>,
) -> Result<Response, AppError> {
    let rows = state.dossiers(&page.t).await?;
    let systems = match state.store.latest_register().await.map_err(portal::Error::from)? {
        Some(v) => v.register.systems.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
        None => Vec::new(),
    };
    let view = ListPage {
        rows,
        systems,
        may_open: OPENERS.contains(&user.role()),
        today: state.today().await?.to_string(),
        csrf: user.csrf.clone(),
        error: error.map(|k| page.t.t(k)),
        log_head: state.access_log_head().await?.to_string(),
        f: page.frame("/dossiers"),
    };
    render_status(&view, status)
}

async fn list(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    list_page(&state, page, &user, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub(crate) struct OpenForm {
    system: String,
    requested: String,
}

async fn open(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Form(form): Form<OpenForm>,
) -> Result<Response, AppError> {
    let Ok(requested) = form.requested.parse() else {
        return list_page(&state, page, &user, StatusCode::UNPROCESSABLE_ENTITY, Some("dossier-bad-date")).await;
    };
    match state.open_dossier(&user.reader(), &form.system, requested).await {
        Ok(id) => Ok(see_other(format!("/dossiers/{id}"))),
        Err(portal::Error::Invalid(key) | portal::Error::Conflict(key)) => {
            list_page(&state, page, &user, StatusCode::UNPROCESSABLE_ENTITY, Some(key)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A catalogue condition as the decision form offers it.
struct Offer {
    id: String,
    text: String,
    check: String,
}

#[derive(Template)]
#[template(path = "dossier.html")]
struct DossierPage {
    f: Frame,
    d: DossierView,
    csrf: String,
    judge: bool,
    council: bool,
    admin: bool,
    open: bool,
    catalogue: Vec<Offer>,
    verdicts: Vec<(&'static str, String)>,
    outcomes: Vec<(&'static str, String)>,
    learned: Vec<(&'static str, String)>,
    today: String,
    /// An invitation link made just now.
    link: Option<String>,
    error: Option<String>,
}

async fn dossier_page(
    state: &AppState,
    page: Page,
    user: &User,
    id: i64,
    status: StatusCode,
    link: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let d = state.dossier(&page.t, id).await?;
    let t = &page.t;
    let lang = t.lang.code();
    let role = user.role();
    let view = DossierPage {
        open: d.status == "requested",
        csrf: user.csrf.clone(),
        judge: JUDGES.contains(&role),
        council: role == Council,
        admin: role == Admin,
        catalogue: catalogue()
            .iter()
            .map(|c| Offer { id: c.id.clone(), text: c.text.get(lang).to_owned(), check: c.check.clone() })
            .collect(),
        verdicts: Verdict::ALL.iter().map(|v| (v.as_str(), t.v("verdict", v.as_str()))).collect(),
        outcomes: Outcome::ALL.iter().map(|v| (v.as_str(), t.v("dossier-outcome", v.as_str()))).collect(),
        learned: Learned::ALL.iter().map(|v| (v.as_str(), t.v("learned", v.as_str()))).collect(),
        today: state.today().await?.to_string(),
        link,
        error,
        f: page.frame(&format!("/dossiers/{id}")),
        d,
    };
    render_status(&view, status)
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    dossier_page(&state, page, &user, id, StatusCode::OK, None, None).await
}

/// After a form: back to the dossier, or the dossier again with what to fix.
async fn after(
    state: &AppState,
    page: Page,
    user: &User,
    id: i64,
    result: portal::Result<()>,
    anchor: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(see_other(format!("/dossiers/{id}#{anchor}"))),
        Err(portal::Error::Invalid(key) | portal::Error::Conflict(key)) => {
            let error = page.t.t(key);
            dossier_page(state, page, user, id, StatusCode::UNPROCESSABLE_ENTITY, None, Some(error)).await
        }
        Err(portal::Error::BadInput(message)) => {
            dossier_page(state, page, user, id, StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct CheckpointForm {
    verdict: String,
    #[serde(default)]
    notes: String,
}

async fn checkpoint(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path((id, checkpoint)): Path<(i64, String)>,
    Form(form): Form<CheckpointForm>,
) -> Result<Response, AppError> {
    let Ok(checkpoint) = checkpoint.parse::<Checkpoint>() else { return Err(AppError::from(portal::Error::NotFound)) };
    let result = match form.verdict.parse::<Verdict>() {
        Ok(verdict) => state.set_checkpoint(&user.reader(), id, checkpoint, verdict, &form.notes).await,
        Err(_) => Err(portal::Error::Invalid("dossier-bad-verdict")),
    };
    after(&state, page, &user, id, result, &format!("checkpoint-{}", checkpoint.as_str())).await
}

#[derive(Deserialize)]
pub(crate) struct AskForm {
    question: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    rule: String,
}

async fn ask(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<AskForm>,
) -> Result<Response, AppError> {
    let due = match form.due.trim() {
        "" => Ok(None),
        text => text.parse().map(Some).map_err(|_| portal::Error::Invalid("dossier-bad-date")),
    };
    let rule = Some(form.rule.as_str()).filter(|r| !r.is_empty());
    let result = match due {
        Ok(due) => state.ask(&user.reader(), id, &form.question, due, rule).await.map(|_| ()),
        Err(e) => Err(e),
    };
    after(&state, page, &user, id, result, "requests").await
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    answer: String,
}

async fn answer(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path((id, request)): Path<(i64, i64)>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let result = state.answer_request(&user.reader(), id, request, &form.answer).await;
    after(&state, page, &user, id, result, "requests").await
}

/// The decision form: `outcome`, `reasons`, a `pick` per catalogue condition chosen with its
/// (perhaps adapted) `check-ID`, and one condition of the council's own (`own-id`, `own-nl`,
/// `own-en`, `own-check`).
fn conditions_of(form: &[(String, String)], lang: &str) -> Result<Vec<Condition>, String> {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned());
    let mut out = Vec::new();
    for (_, id) in form.iter().filter(|(k, _)| k == "pick") {
        let Some(base) = catalogue().iter().find(|c| &c.id == id) else { continue };
        let check = field(&format!("check-{id}")).filter(|c| !c.is_empty()).unwrap_or_else(|| base.check.clone());
        // An adapted check no longer says what the catalogue's sentence says: the sentence says so.
        let text = if check.split_whitespace().eq(base.check.split_whitespace()) {
            base.text.clone()
        } else {
            let adapted = |lang: Lang, text: &str| {
                Tr::new(lang).ta("condition-adapted", &[("text", text.to_owned()), ("check", check.clone())])
            };
            rules::Text { nl: adapted(Lang::Nl, &base.text.nl), en: adapted(Lang::En, &base.text.en) }
        };
        let condition = Condition::new(base.id.clone(), text, check)
            .map_err(|e| format!("{} ({}): {}", base.text.get(lang), base.id, e.message))?;
        out.push(condition);
    }
    let own: Vec<String> =
        ["own-id", "own-nl", "own-en", "own-check"].iter().map(|k| field(k).unwrap_or_default()).collect();
    if own.iter().any(|v| !v.is_empty()) {
        let text = rules::Text { nl: own[1].clone(), en: own[2].clone() };
        let condition =
            Condition::new(own[0].clone(), text, own[3].clone()).map_err(|e| format!("{}: {}", own[0], e))?;
        out.push(condition);
    }
    Ok(out)
}

async fn decide(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let Ok(outcome) = field("outcome").parse::<Outcome>() else {
        return after(&state, page, &user, id, Err(portal::Error::Invalid("dossier-bad-outcome")), "decision").await;
    };
    let conditions = match conditions_of(&form, page.t.lang.code()) {
        Ok(c) => c,
        Err(message) => {
            let error = page.t.ta("dossier-condition-invalid", &[("message", message)]);
            return dossier_page(&state, page, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, Some(error)).await;
        }
    };
    let result = state.decide(&user.reader(), id, outcome, &field("reasons"), &conditions).await;
    after(&state, page, &user, id, result, "decision").await
}

#[derive(Deserialize)]
pub(crate) struct NullityForm {
    from: String,
    learned: String,
}

async fn nullity(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<NullityForm>,
) -> Result<Response, AppError> {
    let result = match (form.from.parse(), form.learned.parse::<Learned>()) {
        (Ok(from), Ok(learned)) => state.set_nullity(&user.reader(), id, from, learned).await,
        (Err(_), _) => Err(portal::Error::Invalid("dossier-bad-date")),
        (_, Err(_)) => Err(portal::Error::Invalid("dossier-bad-learned")),
    };
    after(&state, page, &user, id, result, "nullity").await
}

#[derive(Deserialize)]
pub(crate) struct ExpertForm {
    name: String,
    cost: String,
}

async fn expert(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<ExpertForm>,
) -> Result<Response, AppError> {
    match state.invite_expert(&user.reader(), id, &form.name, &form.cost).await {
        Ok(token) => {
            let link = state.invitation_link(&headers, &token);
            dossier_page(&state, page, &user, id, StatusCode::OK, Some(link), None).await
        }
        Err(e) => after(&state, page, &user, id, Err(e), "expert").await,
    }
}

async fn advice(
    State(state): State<AppState>,
    page: Page,
    Path((id, format)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let Some(format) = Format::parse(&format) else { return Err(portal::Error::NotFound.into()) };
    let body = state.advice(&page.t, id, format).await?;
    let name = format!("advice-{id}-{}.{}", page.t.lang.code(), format.extension());
    Ok(crate::frame::document(format, &name, body))
}
