//! What every handler can reach: the application, and what only HTTP needs.

use std::ops::Deref;

use portal::Portal;

use crate::limits::Limits;

/// The portal's state: the application layer, the login limits and the cookie setting.
#[derive(Clone, Debug)]
pub struct AppState {
    pub portal: Portal,
    /// Failed logins, per account and address.
    pub limits: Limits,
    /// Cookies get `Secure`: the portal is served behind TLS.
    pub secure_cookies: bool,
}

impl AppState {
    /// The state for a store and its pseudonym key, with the built-in rulebook.
    pub fn new(store: store::Store, pseudonymiser: guard::Pseudonymiser) -> portal::Result<AppState> {
        Ok(AppState::of(Portal::new(store, pseudonymiser)?))
    }

    /// The state around an application.
    pub fn of(portal: Portal) -> AppState {
        AppState { portal, limits: Limits::default(), secure_cookies: false }
    }
}

impl Deref for AppState {
    type Target = Portal;

    fn deref(&self) -> &Portal {
        &self.portal
    }
}
