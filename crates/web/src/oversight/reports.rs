//! The employer's yearly transparency report (issue 11), for the admin, the works council and
//! the inspector: a page of years, and each year's report as HTML, PDF or JSON.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use portal::advice::Format;

use crate::frame::{Frame, Page, render};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    f: Frame,
    years: Vec<i16>,
}

/// The years a report can be made for: from the first register's year to this one.
pub(crate) async fn page(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    let years = state.report_years().await?.map_or_else(Vec::new, |(first, this)| (first..=this).rev().collect());
    render(&ReportsPage { f: page.frame("/reports"), years })
}

/// One year's report: `2026.html`, `2026.pdf` or `2026.json`.
pub(crate) async fn yearly(
    State(state): State<AppState>,
    page: Page,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let Some((year, format)) = file.split_once('.') else { return Err(portal::Error::NotFound.into()) };
    let (Ok(year), Some(format)) = (year.parse::<i16>(), Format::parse(format)) else {
        return Err(portal::Error::NotFound.into());
    };
    let body = match state.yearly_report(&page.t, year, format).await {
        Err(portal::Error::BadInput(_)) => return Err(portal::Error::NotFound.into()),
        other => other?,
    };
    let name = format!("transparency-{year}-{}.{}", page.t.lang.code(), format.extension());
    Ok(crate::frame::document(format, &name, body))
}
