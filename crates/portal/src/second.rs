//! Second factors (ASVS 2.8): setting up TOTP, recovery codes, and the login's second step.
//! The secret is sealed under a key derived from the pseudonym key (outside the database);
//! codes are checked here, with each 30-second step taken once.

use domain::Role;
use guard::second::{self, NewSecret, SecondFactorKey};

use crate::people::now_seconds;
use crate::{Error, Portal, Result};

/// How long a login may wait between the password and the code.
pub const PENDING_SECONDS: i64 = 5 * 60;

/// The key of a wrong code (a TOTP code or a recovery code).
pub const CODE_WRONG: &str = "second-code-wrong";

/// What the set-up page shows: the secret as a QR code's link and as text to type.
#[derive(Debug)]
pub struct Setup {
    /// The `otpauth://` link (shown as a QR code).
    pub link: String,
    /// The secret in base 32, in groups of four.
    pub secret: String,
}

/// An account's second factor, as its owner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
    pub on: bool,
    /// Recovery codes not yet used.
    pub codes_left: i64,
    /// The portal requires a second factor of this account's role (`--require-mfa`).
    pub required: bool,
}

/// The roles that must have a second factor when the portal requires one: those who read most.
pub fn required_for(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Council)
}

impl Portal {
    fn second_key(&self) -> SecondFactorKey {
        SecondFactorKey::new(self.pseudonymiser.derive("second-factor secrets"))
    }

    /// Whether this account must set up a second factor before anything else.
    pub fn must_set_up_second_factor(&self, account: &store::Account) -> bool {
        self.require_second_factor && required_for(account.role) && !account.second_factor
    }

    /// The account's second factor, as its owner sees it.
    pub async fn second_factor_status(&self, account: &store::Account) -> Result<Status> {
        let on = self.store.second_factor(account.id).await?.is_some_and(|s| s.confirmed);
        let codes_left = if on { self.store.recovery_codes_left(account.id).await? } else { 0 };
        Ok(Status { on, codes_left, required: self.require_second_factor && required_for(account.role) })
    }

    /// Starts setting up a second factor: a new secret, sealed and stored, shown until a first
    /// code confirms it. `Conflict` if one is set up already.
    pub async fn start_second_factor(&self, account: &store::Account) -> Result<Setup> {
        let secret = NewSecret::generate()?;
        let sealed = self.second_key().seal(account.id, &secret)?;
        if !self.store.begin_second_factor(account.id, &sealed).await? {
            return Err(Error::Conflict("second-already-on"));
        }
        Ok(Setup { link: secret.link(&account.name), secret: secret.base32() })
    }

    /// The secret being set up (started, not yet confirmed), to show again; `None` if none.
    pub async fn second_factor_setup(&self, account: &store::Account) -> Result<Option<Setup>> {
        let Some(stored) = self.store.second_factor(account.id).await? else { return Ok(None) };
        if stored.confirmed {
            return Ok(None);
        }
        let secret = self.second_key().open(account.id, &stored.sealed).and_then(|b| NewSecret::from_bytes(&b));
        Ok(secret.map(|s| Setup { link: s.link(&account.name), secret: s.base32() }))
    }

    /// Confirms the second factor being set up with a first code from the app; returns the
    /// recovery codes, shown once.
    pub async fn confirm_second_factor(&self, account: &store::Account, code: &str) -> Result<Vec<String>> {
        let Some(stored) = self.store.second_factor(account.id).await? else {
            return Err(Error::Invalid("second-not-started"));
        };
        if stored.confirmed {
            return Err(Error::Conflict("second-already-on"));
        }
        let secret = self.second_key().open(account.id, &stored.sealed).ok_or(Error::Invalid("second-not-started"))?;
        let step = second::check_code(&secret, code, now_seconds()).ok_or(Error::Invalid(CODE_WRONG))?;
        if !self.store.take_code_step(account.id, step).await? {
            return Err(Error::Invalid(CODE_WRONG));
        }
        let codes = second::new_recovery_codes()?;
        let hashes: Vec<String> = codes.iter().map(|c| second::recovery_hash(c)).collect();
        if !self.store.confirm_second_factor(account.id, &hashes).await? {
            return Err(Error::Conflict("second-already-on"));
        }
        tracing::info!(role = account.role.as_str(), "a second factor was set up");
        Ok(codes)
    }

    /// Whether a code (six digits from the app, or an unused recovery code) is right for the
    /// account's confirmed second factor. A right code is used up: the app's for its step, a
    /// recovery code for good.
    pub async fn check_second_factor(&self, account: &store::Account, code: &str) -> Result<bool> {
        let Some(stored) = self.store.second_factor(account.id).await?.filter(|s| s.confirmed) else {
            return Ok(false);
        };
        let digits = code.chars().filter(|c| !c.is_whitespace()).count();
        if digits == 6 {
            let Some(secret) = self.second_key().open(account.id, &stored.sealed) else {
                tracing::error!("a second-factor secret does not open under this pseudonym key");
                return Ok(false);
            };
            return match second::check_code(&secret, code, now_seconds()) {
                Some(step) => Ok(self.store.take_code_step(account.id, step).await?),
                None => Ok(false),
            };
        }
        let used = self.store.use_recovery_code(account.id, &second::recovery_hash(code)).await?;
        if used {
            tracing::info!(role = account.role.as_str(), "a recovery code was used");
        }
        Ok(used)
    }

    /// New recovery codes, after a right code; the old ones stop working.
    pub async fn renew_recovery_codes(&self, account: &store::Account, code: &str) -> Result<Vec<String>> {
        if !self.check_second_factor(account, code).await? {
            return Err(Error::Invalid(CODE_WRONG));
        }
        let codes = second::new_recovery_codes()?;
        let hashes: Vec<String> = codes.iter().map(|c| second::recovery_hash(c)).collect();
        self.store.replace_recovery_codes(account.id, &hashes).await?;
        tracing::info!(role = account.role.as_str(), "recovery codes were renewed");
        Ok(codes)
    }

    /// Turns the second factor off, after a right code; refused when the portal requires one
    /// for the account's role.
    pub async fn remove_second_factor(&self, account: &store::Account, code: &str) -> Result<()> {
        if self.require_second_factor && required_for(account.role) {
            return Err(Error::Invalid("second-required"));
        }
        if !self.check_second_factor(account, code).await? {
            return Err(Error::Invalid(CODE_WRONG));
        }
        self.store.remove_second_factor(account.id).await?;
        tracing::info!(role = account.role.as_str(), "a second factor was turned off");
        Ok(())
    }

    /// A login whose password was right, waiting for its code: the browser's token (only its
    /// hash is kept), valid for `PENDING_SECONDS`.
    pub async fn start_pending_login(&self, account: &store::Account, next: &str) -> Result<String> {
        let token = guard::new_token()?;
        let now = now_seconds();
        self.store.add_login_pending(&guard::token_hash(&token), account.id, now, now + PENDING_SECONDS, next).await?;
        Ok(token)
    }

    /// The account and the page to go to of a waiting login.
    pub async fn pending_login(&self, token: &str) -> Result<Option<(store::Account, String)>> {
        Ok(self.store.login_pending(&guard::token_hash(token), now_seconds()).await?)
    }

    /// Ends a waiting login.
    pub async fn end_pending_login(&self, token: &str) -> Result<()> {
        Ok(self.store.end_login_pending(&guard::token_hash(token)).await?)
    }
}
