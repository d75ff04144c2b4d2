//! Who is asking, as the guard found them: put in the request's extensions for the handlers and
//! the page frame. Types only, so that the guard, the frame and the handlers can all use them.

use domain::Role;
use portal::Reader;
use store::Account;

/// The logged-in person, put in the request's extensions by `guard`.
#[derive(Clone, Debug)]
pub struct User {
    pub account: Account,
    /// The forms' token of this session (empty for API tokens, which need none).
    pub csrf: String,
    /// The session's token hash, for logging out (`None` for API tokens).
    pub session: Option<String>,
}

impl User {
    pub fn role(&self) -> Role {
        self.account.role
    }

    /// The person as the application layer's use cases know them.
    pub fn reader(&self) -> Reader {
        Reader::of(&self.account)
    }
}

/// The navigation links the person may follow, found by the guard in the route table.
#[derive(Clone, Debug, Default)]
pub struct Nav(pub Vec<(&'static str, &'static str)>);
