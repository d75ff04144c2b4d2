//! The people who can log in: one set of account rules for the command line and the portal
//! (names, roles, a worker's identifier, passwords), invitations, logins and tokens.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::Role;
use guard::PasswordError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{Error, Portal, Reader, Result};

/// How long an invitation link stays valid.
pub const INVITATION_SECONDS: i64 = 72 * 3600;

/// The key of a password change refused because the current password is wrong.
pub const CURRENT_WRONG: &str = "account-current-wrong";

/// The longest name an account may have, in characters.
pub const MAX_NAME: usize = 100;

/// How long an API token lasts unless `inzage token create --days` says otherwise.
pub const TOKEN_DAYS: u32 = 90;

/// The longest an API token may last, in days.
pub const MAX_TOKEN_DAYS: u32 = 366;

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
    // A TAB, newline or escape sequence in a name would forge lines and colours in the command
    // line's lists and reports (security review L7).
    if name.chars().any(char::is_control) {
        return Err("invite-name-control");
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
    /// The accounts `reader` may see on the people page: the admin every account, with each
    /// worker account's pseudonym (the link between a name and a pseudonym is personal data, so
    /// each worker shown is logged as read first); anyone else no worker account at all (it would
    /// undo the pseudonyms).
    pub async fn people(&self, reader: &Reader) -> Result<Vec<store::Account>> {
        let all = self.store.accounts().await?;
        if reader.role != Role::Admin {
            return Ok(all.into_iter().filter(|a| a.role != Role::Worker).collect());
        }
        let workers: std::collections::BTreeSet<&str> = all.iter().filter_map(|a| a.worker.as_deref()).collect();
        for worker in workers {
            self.log_read(reader, worker, "people /people").await?;
        }
        Ok(all)
    }

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
        let added = self.store.add_account(new.name, new.role, pseudonym.as_deref(), Some(&hash)).await;
        self.account_made(added, &Reader::command_line(), new.name).await
    }

    /// What became of a new account: the refusals as keys, and for a worker's account an entry
    /// in that worker's access log naming who made it (security review M5), so an account made
    /// to read a worker's data under their identity is visible to them.
    pub(crate) async fn account_made(
        &self,
        added: Result<store::Account, store::Error>,
        by: &Reader,
        name: &str,
    ) -> Result<()> {
        match added {
            Ok(account) => {
                if let Some(worker) = &account.worker {
                    self.log_read(by, worker, &format!("account {name} created")).await?;
                }
                Ok(())
            }
            Err(store::Error::Taken(_)) => Err(Error::Conflict("invite-taken")),
            Err(store::Error::WorkerTaken) => Err(Error::Conflict("invite-worker-taken")),
            Err(e) => Err(e.into()),
        }
    }

    /// Invites someone: an account without a password and a single-use link token, valid for
    /// `INVITATION_SECONDS`. Only the roles `invitable` allows the inviter.
    pub async fn invite(&self, inviter: &Reader, name: &str, role: &str, worker: &str) -> Result<String> {
        let role = role.parse::<Role>().ok().filter(|r| invitable(inviter.role).contains(r));
        let new = match role {
            Some(role) => check_account(name, role, Some(worker)).map_err(Error::Invalid)?,
            None if name.trim().is_empty() => return Err(Error::Invalid("invite-name")),
            None => return Err(Error::Invalid("invite-role")),
        };
        let pseudonym = new.worker.map(|w| self.pseudonymiser.pseudonym(w));
        let token = guard::new_token()?;
        let expires = now_seconds() + INVITATION_SECONDS;
        let by = Some(inviter.name.as_str());
        let added =
            self.store.invite(new.name, new.role, pseudonym.as_deref(), by, &guard::token_hash(&token), expires).await;
        self.account_made(added, inviter, new.name).await?;
        tracing::info!(role = new.role.as_str(), "an invitation was made");
        Ok(token)
    }

    /// Invites an existing account again: a password reset through a new single-use link (and a
    /// disabled account enabled again). Its password, sessions and tokens end now.
    pub async fn reinvite(&self, by: &Reader, name: &str) -> Result<String> {
        let token = guard::new_token()?;
        let expires = now_seconds() + INVITATION_SECONDS;
        let account = match self.store.reinvite(name, Some(by.name.as_str()), &guard::token_hash(&token), expires).await
        {
            Ok(Some(account)) => account,
            Ok(None) => return Err(Error::NotFound),
            Err(store::Error::WorkerTaken) => return Err(Error::Conflict("invite-worker-taken")),
            Err(e) => return Err(e.into()),
        };
        if let Some(worker) = &account.worker {
            self.log_read(by, worker, &format!("account {name} invited again")).await?;
        }
        tracing::info!(role = account.role.as_str(), "an account was invited again");
        Ok(token)
    }

    /// Disables an account: its sessions and tokens end, it can no longer log in, and its name
    /// stays in the access log.
    pub async fn disable(&self, name: &str) -> Result<store::Account> {
        let account = self.store.disable_account(name).await?.ok_or(Error::NotFound)?;
        tracing::info!(role = account.role.as_str(), "an account was disabled");
        Ok(account)
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
            // A disabled account costs the same work and is refused the same way as a wrong password.
            Some((account, Some(hash))) => {
                (guard::verify_password(&password, &hash) && !account.disabled).then_some(account)
            }
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
        tracing::info!("a password was changed; every session and token of the account ended");
        Ok(())
    }

    /// Creates a personal access token for an account, valid for `days` days; returns the token
    /// (only its hash is kept). `Invalid` for a number of days out of 1 to `MAX_TOKEN_DAYS` or a
    /// disabled account.
    pub async fn create_token(&self, name: &str, label: &str, days: u32) -> Result<String> {
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(Error::Invalid("token-days"));
        }
        let Some(account) = self.store.account(name).await? else { return Err(Error::NotFound) };
        if account.disabled {
            return Err(Error::Invalid("token-disabled"));
        }
        let token = guard::new_token()?;
        let expires = now_seconds() + i64::from(days) * 86_400;
        self.store.add_api_token(account.id, &guard::token_hash(&token), label, expires).await?;
        Ok(token)
    }

    /// Ends every session and every API token of an account ("log out everywhere").
    pub async fn log_out_everywhere(&self, account: &store::Account) -> Result<()> {
        let (sessions, tokens) = self.store.end_sessions(account.id).await?;
        tracing::info!(sessions, tokens, "logged out everywhere");
        Ok(())
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
        // Security review L7: a name that would forge a line in `inzage user list`.
        assert_eq!(check_account("gast\nprivacy2\tadmin", Role::Expert, None), Err("invite-name-control"));
        assert_eq!(check_account("Camera\u{1b}[8m", Role::Expert, None), Err("invite-name-control"));
    }

    #[test]
    fn the_admin_invites_anyone_and_the_council_only_experts() {
        assert_eq!(invitable(Role::Admin), Role::ALL);
        assert_eq!(invitable(Role::Council), &[Role::Expert]);
        assert!(invitable(Role::Worker).is_empty() && invitable(Role::Expert).is_empty());
    }
}
