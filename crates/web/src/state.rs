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
        }
    }

    /// Sets where people reach the portal: an `http` or `https` URL with a host and no path,
    /// query or user; `None` if `text` is not one.
    pub fn set_public_url(&mut self, text: &str) -> Option<()> {
        let url = url::Url::parse(text).ok()?;
        let plain = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some()
            && url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none();
        self.public_url = Some(url).filter(|_| plain);
        self.public_url.as_ref().map(|_| ())
    }

    /// The hosts (`host` or `host:port`, lower case) requests may name: the public URL's, and
    /// `localhost` beside `127.0.0.1`; empty when any host is taken.
    pub fn hosts(&self) -> Vec<String> {
        let Some(url) = &self.public_url else { return Vec::new() };
        let Some(host) = url.host_str() else { return Vec::new() };
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let mut hosts = vec![format!("{host}{port}").to_lowercase()];
        if host == "127.0.0.1" {
            hosts.push(format!("localhost{port}"));
        }
        hosts
    }

    /// The link of an invitation: on the public URL (security review L5), else on the request's
    /// host (tests through the router).
    pub fn invitation_link(&self, headers: &axum::http::HeaderMap, token: &str) -> String {
        if let Some(url) = &self.public_url {
            return format!("{}/invite/{token}", url.as_str().trim_end_matches('/'));
        }
        let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8080");
        let scheme = if self.secure_cookies { "https" } else { "http" };
        format!("{scheme}://{host}/invite/{token}")
    }
}

impl Deref for AppState {
    type Target = Portal;

    fn deref(&self) -> &Portal {
        &self.portal
    }
}
