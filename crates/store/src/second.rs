//! Second factors: the sealed TOTP secret, recovery codes and logins waiting for their code.
//! The store keeps only what it is given: sealing, checking and hashing are `guard`'s.

use sqlx::Row;

use crate::people::{Account, account_from};
use crate::{Error, Store};

/// An account's TOTP secret as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSecret {
    /// Sealed under the second-factor key; never the secret itself.
    pub sealed: String,
    /// A first code was right: the login asks for codes.
    pub confirmed: bool,
    /// The last 30-second step a code was taken for.
    pub last_step: i64,
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

impl Store {
    /// Puts a new sealed secret on an account whose second factor is not set up (a new start
    /// replaces one not yet confirmed). `false` if one is set up already.
    pub async fn begin_second_factor(&self, account: i64, sealed: &str) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE account SET totp_secret = $1, totp_last_step = 0 WHERE id = $2 AND totp_confirmed_at IS NULL",
        )
        .bind(sealed)
        .bind(account)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The account's TOTP secret, if one was started.
    pub async fn second_factor(&self, account: i64) -> Result<Option<StoredSecret>, Error> {
        let row = sqlx::query(
            "SELECT totp_secret, totp_confirmed_at, totp_last_step FROM account WHERE id = $1 AND totp_secret IS NOT NULL",
        )
        .bind(account)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| StoredSecret {
            sealed: r.get("totp_secret"),
            confirmed: r.get::<Option<String>, _>("totp_confirmed_at").is_some(),
            last_step: r.get("totp_last_step"),
        }))
    }

    /// Takes a code's step: `true` once for each step later than the last one taken, so a code
    /// seen over someone's shoulder cannot be used again (RFC 6238 §5.2).
    pub async fn take_code_step(&self, account: i64, step: i64) -> Result<bool, Error> {
        let done = sqlx::query("UPDATE account SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3")
            .bind(step)
            .bind(account)
            .bind(step)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Confirms the secret started (its first code was right and its step taken) and stores the
    /// recovery codes' hashes, replacing any earlier ones. `false` if nothing was started.
    pub async fn confirm_second_factor(&self, account: i64, recovery_hashes: &[String]) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE account SET totp_confirmed_at = $1 WHERE id = $2 AND totp_secret IS NOT NULL \
             AND totp_confirmed_at IS NULL",
        )
        .bind(now())
        .bind(account)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        put_recovery_codes(&mut tx, account, recovery_hashes).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Replaces the account's recovery codes.
    pub async fn replace_recovery_codes(&self, account: i64, recovery_hashes: &[String]) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        put_recovery_codes(&mut tx, account, recovery_hashes).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses a recovery code: `true` once, if the account has it unused.
    pub async fn use_recovery_code(&self, account: i64, code_hash: &str) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE recovery_code SET used_at = $1 WHERE account = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now())
        .bind(account)
        .bind(code_hash)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// How many of the account's recovery codes are unused.
    pub async fn recovery_codes_left(&self, account: i64) -> Result<i64, Error> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM recovery_code WHERE account = $1 AND used_at IS NULL")
            .bind(account)
            .fetch_one(&self.pool)
            .await?)
    }

    /// Removes the account's second factor: its secret, recovery codes and waiting logins.
    pub async fn remove_second_factor(&self, account: i64) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE account SET totp_secret = NULL, totp_confirmed_at = NULL WHERE id = $1")
            .bind(account)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_code WHERE account = $1").bind(account).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM login_pending WHERE account = $1").bind(account).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A login whose password was right and whose code is still to come; expired ones go.
    pub async fn add_login_pending(
        &self,
        token_hash: &str,
        account: i64,
        now: i64,
        expires_at: i64,
        next: &str,
    ) -> Result<(), Error> {
        sqlx::query("DELETE FROM login_pending WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query("INSERT INTO login_pending (token_hash, account, expires_at, next) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(account)
            .bind(expires_at)
            .bind(next)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account (not disabled) and the page to go to of a waiting login, if it has not
    /// expired.
    pub async fn login_pending(&self, token_hash: &str, now: i64) -> Result<Option<(Account, String)>, Error> {
        let row = sqlx::query(concat!(
            "SELECT ",
            crate::people::account_columns!(),
            ", p.next FROM login_pending p JOIN account a ON a.id = p.account \
             WHERE p.token_hash = $1 AND p.expires_at > $2 AND a.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((account_from(&r)?, r.get("next")))).transpose()
    }

    /// Ends a waiting login (its code was right, or it was given up).
    pub async fn end_login_pending(&self, token_hash: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM login_pending WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }
}

async fn put_recovery_codes(tx: &mut sqlx::AnyConnection, account: i64, hashes: &[String]) -> Result<(), Error> {
    sqlx::query("DELETE FROM recovery_code WHERE account = $1").bind(account).execute(&mut *tx).await?;
    for hash in hashes {
        sqlx::query("INSERT INTO recovery_code (account, code_hash) VALUES ($1, $2)")
            .bind(account)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
