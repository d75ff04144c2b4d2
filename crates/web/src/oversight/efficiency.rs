//! The efficiency view of a system: the flow of work by group and hour, every figure noisy.
//! Looking costs nothing; releasing a view the audience has not seen spends its privacy budget,
//! so that takes a form (POST), never a link.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use portal::efficiency::{Budget, Efficiency, FlowView, Slot};
use serde::Deserialize;

use crate::frame::{Frame, Page, render};
use crate::session::User;
use crate::{AppError, AppState};

#[derive(Deserialize)]
pub(crate) struct Choice {
    by: Option<String>,
    per: Option<String>,
}

#[derive(Template)]
#[template(path = "efficiency.html")]
struct EfficiencyPage {
    f: Frame,
    system: String,
    /// The system's name, for the title.
    name: String,
    attributes: Vec<String>,
    by: String,
    per: &'static str,
    csrf: String,
    budget_line: String,
    shown: Option<(Box<FlowView>, bool)>,
    /// Not yet released: what it would cost.
    cost_line: Option<String>,
    /// The budget cannot pay for it.
    spent_line: Option<String>,
}

fn budget_line(page: &Page, b: Budget) -> String {
    page.t.ta(
        "efficiency-budget",
        &[
            ("spent", page.t.num(b.spent, 2)),
            ("total", page.t.num(b.total, 2)),
            ("left", page.t.num((b.total - b.spent).max(0.0), 2)),
        ],
    )
}

pub(crate) async fn page(
    State(state): State<AppState>,
    page: Page,
    Extension(user): Extension<User>,
    Path(id): Path<String>,
    Query(choice): Query<Choice>,
) -> Result<Response, AppError> {
    let attributes = portal::efficiency::attributes(&state.store.workers().await.map_err(portal::Error::from)?);
    let Some(first) = attributes.first().cloned() else {
        return Err(portal::Error::Invalid("efficiency-no-attributes").into());
    };
    let by = choice.by.filter(|b| attributes.contains(b)).unwrap_or(first);
    let slot = choice.per.as_deref().and_then(Slot::parse).unwrap_or(Slot::Hour);
    let reader = user.reader();
    let answer = state.efficiency(&reader, &id, &by, slot).await?;
    let t = &page.t;
    let (budget, shown, cost_line, spent_line) = match answer {
        Efficiency::Shown { flow, cached, budget } => {
            (budget, Some((Box::new(portal::efficiency::view(&flow, t)), cached)), None, None)
        }
        Efficiency::NotYet { budget, cost } => {
            (budget, None, Some(t.ta("efficiency-cost", &[("cost", t.num(cost, 2))])), None)
        }
        Efficiency::BudgetSpent { budget, cost } => {
            let left = t.num((budget.total - budget.spent).max(0.0), 2);
            (budget, None, None, Some(t.ta("efficiency-spent", &[("cost", t.num(cost, 2)), ("left", left)])))
        }
    };
    let budget_text = budget_line(&page, budget);
    render(&EfficiencyPage {
        f: page.frame(&format!("/systems/{id}/efficiency")),
        name: state.efficiency_system_name(&id).await?,
        system: id,
        attributes,
        by,
        per: slot.as_str(),
        csrf: user.csrf.clone(),
        budget_line: budget_text,
        shown,
        cost_line,
        spent_line,
    })
}

#[derive(Deserialize)]
pub(crate) struct ReleaseForm {
    by: String,
    per: String,
}

pub(crate) async fn release(
    State(state): State<AppState>,
    Extension(user): Extension<User>,
    Path(id): Path<String>,
    Form(form): Form<ReleaseForm>,
) -> Result<Response, AppError> {
    let Some(slot) = Slot::parse(&form.per) else { return Err(portal::Error::Invalid("efficiency-bad-slot").into()) };
    state.release_efficiency(&user.reader(), &id, &form.by, slot).await?;
    let query = serde_urlencoded::to_string([("by", form.by.as_str()), ("per", slot.as_str())]).unwrap_or_default();
    Ok((StatusCode::SEE_OTHER, [(LOCATION, format!("/systems/{id}/efficiency?{query}"))]).into_response())
}
