//! The frame every page shares: the language, who is logged in, the navigation the guard found
//! for them; rendering, and the pages that say one thing (a refusal, not found, an error).

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use locale::{Lang, Tr};

use crate::cookies::{LANG_COOKIE, cookie};
use crate::session::{Nav, User};
use crate::{AppError, AppState};

/// The language of a request: the `lang` cookie if the person chose one, else `Accept-Language`.
pub(crate) fn request_lang(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE).and_then(|value| Lang::from_code(&value)).unwrap_or_else(|| {
        let header = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Lang::negotiate(header)
    })
}

/// What a page handler knows about the request before it reads anything: the translations (in
/// the request's language, moments in the organisation's time zone), who is logged in, and the
/// navigation they may follow.
#[derive(Clone, Debug)]
pub(crate) struct Page {
    pub t: Tr,
    pub user: Option<User>,
    nav: Nav,
    /// In a portal of many organisations: the one this request is for.
    organisation: Option<String>,
}

impl Page {
    pub(crate) fn new(t: Tr, user: Option<User>, nav: Nav, organisation: Option<String>) -> Page {
        Page { t, user, nav, organisation }
    }

    /// The frame of the page at `path`.
    pub(crate) fn frame(&self, path: &str) -> Frame {
        Frame {
            t: self.t.clone(),
            path: path.to_owned(),
            user: self.user.clone(),
            nav: self.nav.clone(),
            organisation: self.organisation.clone(),
        }
    }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Page, AppError> {
        let lang = request_lang(&parts.headers);
        let zone = state.time_zone().await?;
        let user = parts.extensions.get::<User>().cloned();
        let nav = parts.extensions.get::<Nav>().cloned().unwrap_or_else(|| Nav(vec![("nav-home", "/")]));
        let organisation = state.organisation.as_ref().map(|m| m.id.clone());
        Ok(Page { t: Tr::with_zone(lang, zone), user, nav, organisation })
    }
}

/// What every page's template gets: translations (`f.t`), the path for the language links, who
/// is logged in and the navigation.
pub(crate) struct Frame {
    pub t: Tr,
    pub path: String,
    user: Option<User>,
    nav: Nav,
    /// In a portal of many organisations: the one shown, with a link to choose another.
    pub organisation: Option<String>,
}

impl Frame {
    /// The frame of a page outside any organisation (the portal of many's own pages).
    pub(crate) fn outside(t: Tr, path: &str) -> Frame {
        Frame { t, path: path.to_owned(), user: None, nav: Nav(Vec::new()), organisation: None }
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

    /// The logged-in person's name, role and forms' token, for the header.
    pub fn who(&self) -> Option<(String, String, String)> {
        self.user.as_ref().map(|u| (u.account.name.clone(), self.t.v("role", u.role().as_str()), u.csrf.clone()))
    }

    /// The navigation links this person may follow.
    pub fn nav(&self) -> Vec<(String, &'static str)> {
        self.nav.0.iter().map(|(key, href)| (self.t.t(key), *href)).collect()
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

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    f: Frame,
}

/// A page that says one thing, with a status: refusals, expired links, errors.
pub(crate) fn message_page(page: Page, status: StatusCode, key: &str) -> Response {
    let rendered = if status == StatusCode::NOT_FOUND && key == "not-found-title" {
        NotFoundPage { f: page.frame("/") }.render()
    } else {
        let title = page.t.t(key);
        MessagePage { f: page.frame("/"), title }.render()
    };
    match rendered {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "an error page could not be rendered");
            (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
        }
    }
}

/// The answer for an address no route has.
pub(crate) async fn not_found(page: Page, _uri: Uri) -> Response {
    message_page(page, StatusCode::NOT_FOUND, "not-found-title")
}

/// A document to read or download (an advice or yearly report): HTML inline, PDF and JSON as a
/// file named `name`, under the documents' Content-Security-Policy.
pub(crate) fn document(format: portal::advice::Format, name: &str, body: Vec<u8>) -> Response {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
    let disposition = match format {
        portal::advice::Format::Html => "inline".to_owned(),
        _ => format!("attachment; filename=\"{name}\""),
    };
    let headers = [
        (CONTENT_TYPE, format.media_type().to_owned()),
        (CONTENT_DISPOSITION, disposition),
        (CONTENT_SECURITY_POLICY, crate::guard::DOCUMENT_POLICY.to_owned()),
    ];
    (headers, body).into_response()
}
