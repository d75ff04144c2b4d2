//! The inspector's overview in the portal (issue 15): every organisation their grant covers, as
//! `inzage report inspector` shows them, with the filters as a form. It reads the summaries kept
//! beside each organisation, never another organisation's database.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use portal::organisations::{self, Size, Sort, Summary};
use portal::yearly::Document;

use crate::frame::{Frame, Page, render};
use crate::{AppError, AppState};

#[derive(serde::Deserialize)]
pub(crate) struct Filters {
    #[serde(default)]
    sector: String,
    #[serde(default)]
    size: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    format: String,
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    f: Frame,
    document: Document,
    /// (value, label, chosen) of each filter's choices.
    sectors: Vec<(String, String, bool)>,
    sizes: Vec<(String, String, bool)>,
    sorts: Vec<(String, String, bool)>,
    many: bool,
}

/// `/overview`: as a page, or as JSON (`?format=json`, `inzage.inspector/1`).
pub(crate) async fn page(
    State(state): State<AppState>,
    page: Page,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let user = page.user.as_ref().ok_or(AppError::NotFound)?;
    let bad = || AppError::from(portal::Error::Invalid("overview-bad-filter"));
    let size = match filters.size.as_str() {
        "" => None,
        code => Some(Size::parse(code).ok_or_else(bad)?),
    };
    let sort = match filters.sort.as_str() {
        "" => Sort::Violations,
        code => Sort::parse(code).ok_or_else(bad)?,
    };
    let sector = Some(filters.sector.trim().to_lowercase()).filter(|s| !s.is_empty());
    let (summaries, without): (Vec<Summary>, Vec<String>) = match &state.organisation {
        Some(m) => {
            let (root, id, name) = (m.root.clone(), m.id.clone(), user.account.name.clone());
            let hash = state.store.account_for_login(&name).await?.and_then(|(_, hash)| hash);
            tokio::task::spawn_blocking(move || {
                let ids = portal::inspectors::visible(&root, &name, hash.as_deref(), &id)?;
                organisations::read_summaries(&root, Some(&ids))
            })
            .await
            .map_err(portal::Error::from)??
        }
        // A portal of one organisation: its own figures, computed now.
        None => (state.summary("").await?.into_iter().collect(), Vec::new()),
    };
    let query = organisations::Query { sector: sector.clone(), size, sort };
    let overview = organisations::overview(summaries, without, &query);
    if filters.format == "json" {
        return Ok(axum::Json(overview).into_response());
    }
    let t = &page.t;
    let mut sectors = vec![(String::new(), t.t("overview-any"), sector.is_none())];
    sectors.extend(overview.sector_names.iter().map(|s| (s.clone(), s.clone(), sector.as_ref() == Some(s))));
    let mut sizes = vec![(String::new(), t.t("overview-any"), size.is_none())];
    sizes.extend(
        Size::ALL.iter().map(|s| (s.code().to_owned(), t.t(&format!("inspector-size-{}", s.code())), size == Some(*s))),
    );
    let sorts = Sort::ALL
        .iter()
        .map(|(s, code)| ((*code).to_owned(), t.t(&format!("inspector-sort-{code}")), *s == sort))
        .collect();
    let document = organisations::document(t, &overview);
    let many = state.organisation.is_some();
    render(&OverviewPage { f: page.frame("/overview"), document, sectors, sizes, sorts, many })
}
