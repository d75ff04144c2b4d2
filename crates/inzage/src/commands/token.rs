//! `inzage token create|list|revoke`: personal access tokens for the API. A token expires (90
//! days unless `--days` says otherwise); a password change, "log out everywhere" and
//! `inzage user disable` end them all.

use std::process::ExitCode;

use locale::{Tr, printable};

use super::{BadInput, DataDir, open_portal, open_store};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Create a token for a person; it is printed once and only its hash is kept.
    Create {
        #[command(flatten)]
        data: DataDir,
        /// The person's name.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
        /// How many days the token lasts (1 to 366).
        #[arg(long, default_value_t = portal::people::TOKEN_DAYS)]
        days: u32,
    },
    /// List the tokens (never the tokens themselves): number, person, label, created, expires,
    /// last used.
    List {
        #[command(flatten)]
        data: DataDir,
        /// Only this person's tokens.
        #[arg(long)]
        user: Option<String>,
    },
    /// Revoke one token by its number (from `token list`), or every token of a person.
    Revoke {
        #[command(flatten)]
        data: DataDir,
        /// The token's number, as `inzage token list` shows it.
        #[arg(long, required_unless_present = "user", conflicts_with = "user")]
        id: Option<i64>,
        /// Revoke every token of this person.
        #[arg(long)]
        user: Option<String>,
    },
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Create { data, user, label, days } => {
            let portal = open_portal(t, &data.folder(t, false)?).await?;
            let token = match portal.create_token(&user, &label, days).await {
                Ok(token) => token,
                Err(portal::Error::NotFound) => return Err(no_account(t, &user).into()),
                Err(portal::Error::Invalid(key)) => {
                    let max = portal::people::MAX_TOKEN_DAYS.to_string();
                    let args = [("name", printable(&user).into_owned()), ("max", max), ("days", days.to_string())];
                    return Err(BadInput(t.tn(&format!("cli-{key}"), &args)).into());
                }
                Err(e) => return Err(e.into()),
            };
            let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * i64::from(days));
            let args = [("name", printable(&user).into_owned()), ("expires", day(t, expires.as_second()))];
            eprintln!("{}", t.tn("cli-token-expiring", &args));
            println!("{token}");
        }
        Command::List { data, user } => {
            let store = open_store(t, &data.folder(t, false)?).await?;
            if let Some(name) = &user
                && store.account(name).await?.is_none()
            {
                return Err(no_account(t, name).into());
            }
            let now = portal::people::now_seconds();
            for token in store.api_tokens(user.as_deref()).await? {
                let expires = if token.expires_at > now {
                    day(t, token.expires_at)
                } else {
                    t.tn("cli-token-expired", &[("date", day(t, token.expires_at))])
                };
                let used = token.last_used_at.map(|s| day(t, s)).unwrap_or_else(|| t.t("cli-token-unused"));
                let created = token.created_at.parse::<jiff::Timestamp>().map(|c| day(t, c.as_second()));
                println!(
                    "{}\t{}\t{}\t{}\t{expires}\t{used}",
                    token.id,
                    printable(&token.account),
                    printable(&token.label),
                    created.unwrap_or(token.created_at),
                );
            }
        }
        Command::Revoke { data, id, user } => {
            let store = open_store(t, &data.folder(t, false)?).await?;
            match (id, user) {
                (Some(id), _) => {
                    if !store.revoke_api_token(id).await? {
                        return Err(BadInput(t.tn("cli-token-no-such", &[("id", id.to_string())])).into());
                    }
                    println!("{}", t.tn("cli-token-revoked", &[("id", id.to_string())]));
                }
                (None, Some(name)) => {
                    let Some(account) = store.account(&name).await? else { return Err(no_account(t, &name).into()) };
                    let tokens = store.revoke_api_tokens(account.id).await?;
                    let args = [("name", printable(&name).into_owned()), ("tokens", tokens.to_string())];
                    println!("{}", t.tn("cli-token-revoked-all", &args));
                }
                (None, None) => return Err(BadInput(t.t("cli-token-revoke-what")).into()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn no_account(t: &Tr, name: &str) -> BadInput {
    BadInput(t.tn("cli-no-account", &[("name", printable(name).into_owned())]))
}

/// A moment as a date in UTC, for the lists.
fn day(t: &Tr, seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|s| t.date(s.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()))
        .unwrap_or_default()
}
