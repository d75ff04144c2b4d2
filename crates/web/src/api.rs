//! The JSON API under `/api/v1`, for other tools: personal access tokens (`Authorization:
//! Bearer …`), described by the OpenAPI document at `/api/openapi.json`.

use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::auth::User;
use crate::i18n::Tr;
use crate::me::{AccessOut, ContestOut, OwnData};
use crate::{AppError, AppState};

#[derive(OpenApi)]
#[openapi(
    info(title = "inzage API", description = "A worker's own data, its use by algorithms, and contests."),
    paths(me, my_data, worker_data, access_log, contests, open_contest),
    components(schemas(MeOut, OwnData, AccessOut, ContestOut, NewContest, Problem)),
    modifiers(&Bearer),
    security(("bearer" = []))
)]
struct Document;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal access token from `inzage token create --user NAME`."))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document.
pub(crate) async fn openapi() -> Response {
    Json(Document::openapi()).into_response()
}

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub name: String,
    /// `admin`, `council`, `expert`, `worker` or `inspector`.
    pub role: String,
    /// For a worker: their pseudonym.
    pub worker: Option<String>,
}

/// An error.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    pub error: String,
    pub status: u16,
}

fn problem(t: &Tr, status: StatusCode, key: &str) -> Response {
    (status, Json(Problem { error: t.t(key), status: status.as_u16() })).into_response()
}

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = MeOut), (status = 401, body = Problem)))]
pub(crate) async fn me(Extension(user): Extension<User>) -> Json<MeOut> {
    Json(MeOut { name: user.account.name, role: user.account.role.as_str().to_owned(), worker: user.account.worker })
}

async fn data_of(state: &AppState, user: &User, what: &str) -> Result<Response, AppError> {
    let data = crate::me::own_data(state, &user.account).await?;
    crate::me::log(state, user, &data.worker, what).await?;
    Ok(Json(data).into_response())
}

/// The worker's own data and how it is used.
#[utoipa::path(get, path = "/api/v1/me/data", responses((status = 200, body = OwnData), (status = 403, body = Problem)))]
pub(crate) async fn my_data(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    data_of(&state, &user, "api /api/v1/me/data").await
}

/// A worker's data: only the caller's own; anyone else's is "not found", so that existence does not leak.
#[utoipa::path(
    get,
    path = "/api/v1/workers/{worker}/data",
    params(("worker" = String, Path, description = "The worker's pseudonym")),
    responses((status = 200, body = OwnData), (status = 404, body = Problem))
)]
pub(crate) async fn worker_data(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Path(worker): Path<String>,
) -> Result<Response, AppError> {
    if user.account.worker.as_deref() != Some(worker.as_str()) {
        return Ok(problem(&t, StatusCode::NOT_FOUND, "not-found-title"));
    }
    data_of(&state, &user, "api /api/v1/workers/{worker}/data").await
}

/// Who read the worker's data, newest first.
#[utoipa::path(get, path = "/api/v1/me/access-log", responses((status = 200, body = Vec<AccessOut>)))]
pub(crate) async fn access_log(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let worker = user.account.worker.clone().unwrap_or_default();
    let entries = crate::me::access_out(state.store.access_log(&worker, None).await?);
    Ok(Json(entries).into_response())
}

/// The worker's contests.
#[utoipa::path(get, path = "/api/v1/me/contests", responses((status = 200, body = Vec<ContestOut>)))]
pub(crate) async fn contests(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let worker = user.account.worker.clone().unwrap_or_default();
    let all: Vec<ContestOut> = state.store.contests(Some(&worker)).await?.iter().map(ContestOut::of).collect();
    Ok(Json(all).into_response())
}

/// A contest to open.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewContest {
    /// The decision's `id` from `/api/v1/me/data`.
    pub decision: i64,
    /// Why the worker contests it.
    pub reason: String,
}

/// Contests one of the worker's own decisions.
#[utoipa::path(
    post,
    path = "/api/v1/me/contests",
    request_body = NewContest,
    responses((status = 201, body = ContestOut), (status = 422, body = Problem))
)]
pub(crate) async fn open_contest(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    body: Result<Json<NewContest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, AppError> {
    let Ok(Json(new)) = body else { return Ok(problem(&t, StatusCode::UNPROCESSABLE_ENTITY, "contest-refused")) };
    let Some(id) = crate::me::open(&state, &user, new.decision, &new.reason).await? else {
        return Ok(problem(&t, StatusCode::UNPROCESSABLE_ENTITY, "contest-refused"));
    };
    let contest = state.store.contest(id).await?.map(|c| ContestOut::of(&c));
    Ok((StatusCode::CREATED, Json(contest)).into_response())
}
