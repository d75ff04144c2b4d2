//! The people who can log in: one set of account rules for the command line and the portal
//! (names, roles, a worker's identifier, passwords), invitations, logins and tokens.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::Role;
use guard::PasswordError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{Error, Portal, Result};

/// How long an invitation link stays valid.
pub const INVITATION_SECONDS: i64 = 72 * 3600;

/// The key of a password change refused because the current password is wrong.
pub const CURRENT_WRONG: &str = "account-current-wrong";

/// The longest name an account may have, in characters.
pub const MAX_NAME: usize = 100;

/// Now, in Unix seconds: the clock of sessions and invitations.
pub fn now_seconds() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// A new account as the rules allow it: a trimmed name, and a worker's identifier only for a
/// worker (still the employer's identifier: the caller pseudonymises it).
#[derive(Debug, PartialEq, Eq)]
pub struct NewAccount<'a> {
    pub name: &'a str,
    pub role: Role,
    pub worker: Option<&'a str>,
}

/// Checks a new account against the rules; the error is the translation key of what is wrong.
pub fn check_account<'a>(name: &'a str, role: Role, worker: Option<&'a str>) -> Result<NewAccount<'a>, &'static str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err("invite-name");
    }
    let worker = worker.map(str::trim).filter(|w| !w.is_empty());
    match (role, worker) {
        (Role::Worker, None) => Err("invite-worker"),
        (r, Some(_)) if r != Role::Worker => Err("invite-not-worker"),
        _ => Ok(NewAccount { name, role, worker }),
    }
}

/// The roles a person may invite: the admin anyone, the council its experts.
pub fn invitable(role: Role) -> &'static [Role] {
    match role {
        Role::Admin => Role::ALL,
        Role::Council => &[Role::Expert],
        _ => &[],
    }
}

/// The translation key of a password the policy refuses.
pub fn password_key(e: PasswordError) -> &'static str {
    match e {
        PasswordError::TooShort => "password-too-short",
        PasswordError::TooLong => "password-too-long",
        PasswordError::Common => "password-common",
        PasswordError::IsName => "password-is-name",
    }
}

/// Runs CPU-heavy work (Argon2) off the async worker threads.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    Ok(tokio::task::spawn_blocking(work).await?)
}

/// Argon2 hashes that may run at once, per core.
pub const HASHING_PER_CORE: usize = 2;
/// Password checks that may wait for a place when all are taken; more are refused at once.
pub const HASHING_QUEUE: usize = 64;
/// How long a password check waits for a place before it is refused.
pub const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The places for Argon2 hashes (security review M2): each hash takes 19 MiB, so at most
/// `places` run at once, at most `queue` more wait (a little memory each, no hash) for up to
/// `wait`, and the rest are refused at once with `Error::Busy`. A flood of logins therefore
/// holds no more than `places` × 19 MiB, however many requests are in flight.
#[derive(Debug)]
pub struct Hashing {
    places: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    wait: std::time::Duration,
}

impl Default for Hashing {
    /// Two places per core, 64 waiting for up to 5 seconds.
    fn default() -> Hashing {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Hashing::new(HASHING_PER_CORE * cores, HASHING_QUEUE, HASHING_WAIT)
    }
}

impl Hashing {
    pub fn new(places: usize, queue: usize, wait: std::time::Duration) -> Hashing {
        Hashing { places: Arc::new(Semaphore::new(places)), waiting: AtomicUsize::new(0), queue, wait }
    }

    /// A place for one hash: free now, or after waiting in the bounded queue; `Error::Busy` when
    /// the queue is full or the wait runs out.
    pub async fn place(&self) -> Result<OwnedSemaphorePermit> {
        if let Ok(place) = Arc::clone(&self.places).try_acquire_owned() {
            return Ok(place);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(Error::Busy);
        }
        let place = tokio::time::timeout(self.wait, Arc::clone(&self.places).acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        place.ok().and_then(|p| p.ok()).ok_or(Error::Busy)
    }
}

impl Portal {
    /// Runs Argon2 work off the async threads in one of the `hashing` places (`Hashing::place`).
    /// The place goes with the work and comes back with its result, so it is given up only when
    /// the blocking thread is idle again (the next hash reuses that thread and its memory instead
    /// of starting another), and, if the request is abandoned, only when the hash ends.
    pub async fn argon2<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let place = self.hashing.place().await?;
        let (out, place) = blocking(move || (work(), place)).await?;
        drop(place);
        Ok(out)
    }

    /// A new password, typed twice, checked against the policy: its Argon2id hash, or
    /// `Error::Invalid` with the key of what is wrong.
    pub async fn hash_new_password(&self, name: &str, password: String, confirm: &str) -> Result<String> {
        if password != confirm {
            return Err(Error::Invalid("password-mismatch"));
        }
        guard::check_password(&password, name).map_err(|e| Error::Invalid(password_key(e)))?;
        Ok(self.argon2(move || guard::hash_password(&password)).await??)
    }

    /// Adds an account with a password (the command line's `user add`).
    pub async fn add_account(&self, name: &str, role: Role, worker: Option<&str>, password: &str) -> Result<()> {
        let new = check_account(name, role, worker).map_err(Error::Invalid)?;
        let hash = self.hash_new_password(new.name, password.to_owned(), password).await?;
        let pseudonym = new.worker.map(|w| self.pseudonymiser.pseudonym(w));
        match self.store.add_account(new.name, new.role, pseudonym.as_deref(), Some(&hash)).await {
            Ok(_) => Ok(()),
            Err(store::Error::Taken(_)) => Err(Error::Conflict("invite-taken")),
            Err(e) => Err(e.into()),
        }
    }

    /// Invites someone: an account without a password and a single-use link token, valid for
    /// `INVITATION_SECONDS`. Only the roles `invitable` allows the inviter.
    pub async fn invite(&self, inviter: Role, name: &str, role: &str, worker: &str) -> Result<String> {
        let role = role.parse::<Role>().ok().filter(|r| invitable(inviter).contains(r));
        let new = match role {
            Some(role) => check_account(name, role, Some(worker)).map_err(Error::Invalid)?,
            None if name.trim().is_empty() => return Err(Error::Invalid("invite-name")),
            None => return Err(Error::Invalid("invite-role")),
        };
        let pseudonym = new.worker.map(|w| self.pseudonymiser.pseudonym(w));
        let token = guard::new_token()?;
        let expires = now_seconds() + INVITATION_SECONDS;
        match self.store.invite(new.name, new.role, pseudonym.as_deref(), &guard::token_hash(&token), expires).await {
            Ok(_) => {}
            Err(store::Error::Taken(_)) => return Err(Error::Conflict("invite-taken")),
            Err(e) => return Err(e.into()),
        }
        tracing::info!(role = new.role.as_str(), "an invitation was made");
        Ok(token)
    }

    /// The account an invitation token is for, while it is valid.
    pub async fn invitation(&self, token: &str) -> Result<store::Account> {
        self.store.invitation(&guard::token_hash(token), now_seconds()).await?.ok_or(Error::NotFound)
    }

    /// Accepts an invitation with a new password, typed twice.
    pub async fn accept_invitation(&self, token: &str, password: String, confirm: &str) -> Result<store::Account> {
        let account = self.invitation(token).await?;
        let hash = self.hash_new_password(&account.name, password, confirm).await?;
        if !self.store.accept_invitation(&guard::token_hash(token), now_seconds(), &hash).await? {
            return Err(Error::NotFound);
        }
        tracing::info!(role = account.role.as_str(), "an invitation was used");
        Ok(account)
    }

    /// The account for a name and password, or `None`. An unknown name costs the same Argon2
    /// work as a known one.
    pub async fn verify_login(&self, name: &str, password: String) -> Result<Option<store::Account>> {
        let found = self.store.account_for_login(name.trim()).await?;
        self.argon2(move || match found {
            Some((account, Some(hash))) => guard::verify_password(&password, &hash).then_some(account),
            _ => {
                guard::dummy_verify(&password);
                None
            }
        })
        .await
    }

    /// Starts a session for an account; returns the cookie's token (only its hash is kept).
    pub async fn start_session(&self, account: &store::Account) -> Result<String> {
        let token = guard::new_token()?;
        self.store.create_session(account.id, &guard::token_hash(&token), &guard::new_token()?, now_seconds()).await?;
        Ok(token)
    }

    /// Changes a password after checking the current one; every session of the account ends.
    pub async fn change_password(
        &self,
        account: &store::Account,
        current: String,
        password: String,
        confirm: &str,
    ) -> Result<()> {
        let stored = self.store.account_for_login(&account.name).await?.and_then(|(_, hash)| hash);
        let matches = self.argon2(move || stored.is_some_and(|h| guard::verify_password(&current, &h))).await?;
        if !matches {
            return Err(Error::Invalid(CURRENT_WRONG));
        }
        let hash = self.hash_new_password(&account.name, password, confirm).await?;
        self.store.set_password(account.id, &hash).await?;
        tracing::info!("a password was changed; every session of the account ended");
        Ok(())
    }

    /// Creates a personal access token for an account; returns the token (only its hash is kept).
    pub async fn create_token(&self, name: &str, label: &str) -> Result<String> {
        let Some((account, _)) = self.store.account_for_login(name).await? else { return Err(Error::NotFound) };
        let token = guard::new_token()?;
        self.store.add_api_token(account.id, &guard::token_hash(&token), label).await?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_rules_are_the_same_for_everyone() {
        assert_eq!(
            check_account("  Ria ", Role::Council, None),
            Ok(NewAccount { name: "Ria", role: Role::Council, worker: None })
        );
        assert_eq!(check_account("", Role::Council, None), Err("invite-name"));
        assert_eq!(check_account(&"é".repeat(MAX_NAME), Role::Expert, None).map(|a| a.name.chars().count()), Ok(100));
        assert_eq!(check_account(&"é".repeat(MAX_NAME + 1), Role::Expert, None), Err("invite-name"));
        assert_eq!(check_account("w", Role::Worker, Some("  ")), Err("invite-worker"));
        assert_eq!(check_account("w", Role::Worker, Some(" W1 ")).map(|a| a.worker), Ok(Some("W1")));
        assert_eq!(check_account("a", Role::Admin, Some("W1")), Err("invite-not-worker"));
        // An empty worker field on a form is no worker.
        assert_eq!(check_account("a", Role::Admin, Some("")).map(|a| a.worker), Ok(None));
    }

    #[test]
    fn the_admin_invites_anyone_and_the_council_only_experts() {
        assert_eq!(invitable(Role::Admin), Role::ALL);
        assert_eq!(invitable(Role::Council), &[Role::Expert]);
        assert!(invitable(Role::Worker).is_empty() && invitable(Role::Expert).is_empty());
    }
}
