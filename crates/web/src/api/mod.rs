//! The JSON API under `/api/v1`, for other tools: personal access tokens (`Authorization:
//! Bearer …`), described by the OpenAPI document at `/api/openapi.json`. The DTOs are the
//! application layer's (`portal::worker`), which logs every read.

use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal::worker::{AccessOut, ContestOut, OwnData};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::guard::{Access::Public, Access::Roles, Access::Signed, Problem, WORKER};
use crate::routes::{Row, get, post};
use crate::session::User;
use crate::{AppError, AppState};

pub(crate) fn routes() -> Vec<Row> {
    vec![
        get("/api/openapi.json", Public, openapi),
        get("/api/v1/me", Signed, me),
        get("/api/v1/me/data", Roles(WORKER), my_data),
        // Every role may ask; the answer is 404 unless it is the caller's own data.
        get("/api/v1/workers/{worker}/data", Signed, worker_data),
        get("/api/v1/me/access-log", Roles(WORKER), access_log),
        get("/api/v1/me/contests", Roles(WORKER), contests),
        post("/api/v1/me/contests", Roles(WORKER), open_contest),
    ]
}

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
async fn openapi() -> Response {
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

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = MeOut), (status = 401, body = Problem)))]
async fn me(State(state): State<AppState>, Extension(user): Extension<User>) -> Result<Json<MeOut>, AppError> {
    let worker = state.own_pseudonym(&user.reader(), "api /api/v1/me").await?;
    Ok(Json(MeOut { name: user.account.name, role: user.account.role.as_str().to_owned(), worker }))
}

/// The worker's own data and how it is used.
#[utoipa::path(get, path = "/api/v1/me/data", responses((status = 200, body = OwnData), (status = 403, body = Problem)))]
async fn my_data(State(state): State<AppState>, Extension(user): Extension<User>) -> Result<Json<OwnData>, AppError> {
    Ok(Json(state.own_data(&user.reader(), "api /api/v1/me/data").await?))
}

/// A worker's data: only the caller's own; anyone else's is "not found", so that existence does not leak.
#[utoipa::path(
    get,
    path = "/api/v1/workers/{worker}/data",
    params(("worker" = String, Path, description = "The worker's pseudonym")),
    responses((status = 200, body = OwnData), (status = 404, body = Problem))
)]
async fn worker_data(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(worker): Path<String>,
) -> Result<Json<OwnData>, AppError> {
    let reader = user.reader();
    if reader.own_worker() != Some(worker.as_str()) {
        return Err(AppError::NotFound);
    }
    Ok(Json(state.own_data(&reader, "api /api/v1/workers/{worker}/data").await?))
}

/// Who read the worker's data, newest first.
#[utoipa::path(get, path = "/api/v1/me/access-log", responses((status = 200, body = Vec<AccessOut>)))]
async fn access_log(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Json<Vec<AccessOut>>, AppError> {
    Ok(Json(state.own_access_log(&user.reader(), "api /api/v1/me/access-log", None).await?))
}

/// The worker's contests.
#[utoipa::path(get, path = "/api/v1/me/contests", responses((status = 200, body = Vec<ContestOut>)))]
async fn contests(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
) -> Result<Json<Vec<ContestOut>>, AppError> {
    Ok(Json(state.own_contests(&user.reader(), "api /api/v1/me/contests").await?))
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
async fn open_contest(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    body: Result<Json<NewContest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, AppError> {
    let Ok(Json(new)) = body else { return Err(AppError::Unprocessable("contest-refused")) };
    match state.open_contest(&user.reader(), new.decision, &new.reason, "api POST /api/v1/me/contests").await {
        Ok(contest) => Ok((StatusCode::CREATED, Json(contest)).into_response()),
        Err(portal::Error::NotFound) => Err(AppError::Unprocessable("contest-refused")),
        Err(e) => Err(e.into()),
    }
}
