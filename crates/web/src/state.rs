//! What every handler can reach: the application, and what only HTTP needs.

use std::net::IpAddr;
use std::ops::Deref;

use portal::Portal;

use crate::limits::Limits;

/// The portal's state: the application layer, the login limits and the HTTP settings.
#[derive(Clone, Debug)]
pub struct AppState {
    pub portal: Portal,
    /// Failed password checks, per account and address.
    pub limits: Limits,
    /// Cookies get `Secure`: the portal is served behind TLS.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` names the client (`serve --trusted-proxy`).
    pub trusted_proxies: Vec<IpAddr>,
    /// Signs the CSRF tokens of forms shown before login (a key derived from the pseudonym key).
    pub forms: guard::FormKey,
    /// Where people reach the portal (`serve --public-url`): requests for another host are
    /// refused and invitation links are built on it. `None` (tests through the router): any host.
    pub public_url: Option<url::Url>,
    /// When the portal serves a folder of many organisations: which one this is.
    pub organisation: Option<Membership>,
}

/// An organisation of a folder of many, as the portal serving them all sees it.
#[derive(Clone, Debug)]
pub struct Membership {
    /// Its id (`organisations/<ID>/`).
    pub id: String,
    /// The folder of many it is in (the inspector's overview reads its grants and summaries).
    pub root: std::path::PathBuf,
}

impl AppState {
    /// The state for a store and its pseudonym key, with the built-in rulebook.
    pub fn new(store: store::Store, pseudonymiser: guard::Pseudonymiser) -> portal::Result<AppState> {
        Ok(AppState::of(Portal::new(store, pseudonymiser)?))
    }

    /// The state around an application.
    pub fn of(portal: Portal) -> AppState {
        let forms = guard::FormKey::new(portal.pseudonymiser.derive("pre-login form tokens"));
        AppState {
            portal,
            limits: Limits::default(),
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            forms,
            public_url: None,
            organisation: None,
        }
    }

    /// Sets where people reach the portal: an `http` or `https` URL with a host and no path,
    /// query or user; `None` if `text` is not one.
    pub fn set_public_url(&mut self, text: &str) -> Option<()> {
        self.public_url = public_url(text);
        self.public_url.as_ref().map(|_| ())
    }

    /// The hosts (`host` or `host:port`, lower case) requests may name: the public URL's, and
    /// `localhost` beside `127.0.0.1`; empty when any host is taken.
    pub fn hosts(&self) -> Vec<String> {
        hosts(self.public_url.as_ref())
    }

    /// The link of an invitation: on the public URL (security review L5), else on the request's
    /// host (tests through the router).
    /// In a folder of many, the link goes through `/o/<ID>/`, which chooses the organisation.
    pub fn invitation_link(&self, headers: &axum::http::HeaderMap, token: &str) -> String {
        let path = match &self.organisation {
            Some(m) => format!("/o/{}/invite/{token}", m.id),
            None => format!("/invite/{token}"),
        };
        if let Some(url) = &self.public_url {
            return format!("{}{path}", url.as_str().trim_end_matches('/'));
        }
        let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8080");
        let scheme = if self.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}{path}")
    }
}

impl Deref for AppState {
    type Target = Portal;

    fn deref(&self) -> &Portal {
        &self.portal
    }
}

/// The hosts requests may name when the portal is reached at `public_url` (see `AppState::hosts`).
pub(crate) fn hosts(public_url: Option<&url::Url>) -> Vec<String> {
    let Some(url) = public_url else { return Vec::new() };
    let Some(host) = url.host_str() else { return Vec::new() };
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let mut hosts = vec![format!("{host}{port}").to_lowercase()];
    if host == "127.0.0.1" {
        hosts.push(format!("localhost{port}"));
    }
    hosts
}

/// `text` as where people reach the portal: an `http` or `https` URL with a host and no path,
/// query or user; `None` if it is not one.
pub fn public_url(text: &str) -> Option<url::Url> {
    let url = url::Url::parse(text).ok()?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    plain.then_some(url)
}
