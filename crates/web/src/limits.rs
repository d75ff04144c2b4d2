//! Failed password checks (logins, and the current password on **My account**), counted per
//! account, per address and per account and address together, in fixed windows (ASVS 2.2.1).
//!
//! A check first *reserves* its place under the lock ([`LoginLimits::reserve`]): the failures
//! already counted and the checks still running are added together, so forty requests sent at
//! once get no more checks than five sent one after another (security review M2). The policy
//! (security review M3):
//!
//! - an account and address together: five failures in the window, then that address is refused
//!   for that account until the window passes, whatever the password;
//! - an account, from every address: five failures are free, then one check at a time, each
//!   after a delay that doubles (1 s, 2 s, 4 s … at most [`MAX_DELAY_SECONDS`]). An attacker
//!   cannot lock the privacy officer out from her own address: she is at most asked to wait a
//!   little; guesses stay under 100 an hour, as ASVS 2.2.1 asks;
//! - an address, for every account: fifty failures in the window, then it may still try an
//!   account that has no failure in the window, so people behind one proxy address are not all
//!   locked out; spraying from it gets one guess per account per window.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Failed checks allowed per account (from every address, and from one) in one window.
pub const FAILURES_PER_ACCOUNT: u32 = 5;
/// Failed checks allowed per address in one window, before it is limited to fresh accounts.
pub const FAILURES_PER_ADDRESS: u32 = 50;
/// The window of the login limits, in seconds.
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// The longest delay between two checks of an account past its free failures.
pub const MAX_DELAY_SECONDS: i64 = 120;
/// Entries kept before old windows are forgotten, so the map does not grow without end.
const TIDY_AT: usize = 10_000;

/// One key's window: failures counted, checks running, and when the next check may start.
#[derive(Clone, Copy, Debug, Default)]
struct Count {
    failures: u32,
    pending: u32,
    start: i64,
    next_at: i64,
}

impl Count {
    /// Starts a new window when the old one has passed.
    fn fresh(&mut self, now: i64) {
        if now - self.start >= FAILURE_WINDOW_SECONDS {
            (self.failures, self.start, self.next_at) = (0, now, 0);
        }
    }

    fn used(&self) -> u32 {
        self.failures + self.pending
    }

    fn window_left(&self, now: i64) -> i64 {
        (self.start + FAILURE_WINDOW_SECONDS - now).max(1)
    }
}

/// The delay before the next check of an account that has used `used` checks in the window.
fn delay(used: u32) -> i64 {
    let over = used.saturating_sub(FAILURES_PER_ACCOUNT).min(16);
    (1i64 << over).min(MAX_DELAY_SECONDS)
}

/// Why a check may not start now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Too many failures for this account from this address, or from this address for an
    /// account that has failures: until the window passes.
    Locked { retry_after: i64 },
    /// The account's checks are spaced out: wait this long.
    Slowed { retry_after: i64 },
}

impl Refusal {
    /// Seconds until a check may be tried again.
    pub fn retry_after(self) -> i64 {
        match self {
            Refusal::Locked { retry_after } | Refusal::Slowed { retry_after } => retry_after,
        }
    }
}

/// Counts failed password checks per account, per address and per both.
#[derive(Debug, Default)]
pub struct LoginLimits {
    counts: Mutex<HashMap<String, Count>>,
}

/// A reserved check: report how it ended with [`Attempt::failed`] or [`Attempt::succeeded`];
/// dropped unreported (an error, a cancelled request), it only gives its place back.
#[derive(Debug)]
pub struct Attempt {
    limits: Limits,
    keys: [String; 3],
    open: bool,
}

fn keys(account: &str, address: &str) -> [String; 3] {
    let account = account.trim().to_lowercase();
    [format!("account:{account}"), format!("address:{address}"), format!("pair:{address}:{account}")]
}

impl LoginLimits {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Count>> {
        self.counts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserves a password check for an account name from an address at `now` (Unix seconds),
    /// or says why it may not start.
    pub fn reserve(self: &Arc<Self>, account: &str, address: &str, now: i64) -> Result<Attempt, Refusal> {
        let keys = keys(account, address);
        let mut map = self.lock();
        let mut counts = [0, 1, 2].map(|i| {
            let mut c = map.get(&keys[i]).copied().unwrap_or(Count { start: now, ..Count::default() });
            c.fresh(now);
            c
        });
        let [acct, addr, pair] = &mut counts;
        if pair.used() >= FAILURES_PER_ACCOUNT {
            return Err(Refusal::Locked { retry_after: pair.window_left(now) });
        }
        if addr.used() >= FAILURES_PER_ADDRESS && acct.used() > 0 {
            return Err(Refusal::Locked { retry_after: addr.window_left(now) });
        }
        if acct.used() >= FAILURES_PER_ACCOUNT {
            if now < acct.next_at {
                return Err(Refusal::Slowed { retry_after: acct.next_at - now });
            }
            acct.next_at = now + delay(acct.used());
        }
        for (key, mut count) in keys.iter().zip(counts) {
            count.pending += 1;
            map.insert(key.clone(), count);
        }
        if map.len() > TIDY_AT {
            map.retain(|_, c| c.pending > 0 || now - c.start < FAILURE_WINDOW_SECONDS);
        }
        drop(map);
        Ok(Attempt { limits: Arc::clone(self), keys, open: true })
    }

    fn finish(&self, keys: &[String; 3], failed: Option<i64>) {
        let mut map = self.lock();
        for key in keys {
            if let Some(count) = map.get_mut(key) {
                count.pending = count.pending.saturating_sub(1);
                if let Some(now) = failed {
                    count.fresh(now);
                    count.failures += 1;
                }
            }
        }
    }
}

impl Attempt {
    /// The password was wrong: counted for the account, the address and both.
    pub fn failed(mut self, now: i64) {
        self.open = false;
        self.limits.finish(&self.keys, Some(now));
    }

    /// The password was right: the account's failures are forgotten (from every address).
    pub fn succeeded(mut self) {
        self.open = false;
        self.limits.finish(&self.keys, None);
        let mut map = self.limits.lock();
        for key in [&self.keys[0], &self.keys[2]] {
            if map.get(key).is_some_and(|c| c.pending == 0) {
                map.remove(key);
            }
        }
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if self.open {
            self.limits.finish(&self.keys, None);
        }
    }
}

/// Shared login limits.
pub type Limits = Arc<LoginLimits>;

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_000_000;

    fn fail(limits: &Limits, account: &str, address: &str, now: i64) -> Result<(), Refusal> {
        limits.reserve(account, address, now).map(|a| a.failed(now))
    }

    #[test]
    fn checks_running_count_against_the_limit_before_they_fail() {
        let limits = Limits::default();
        let running: Vec<Attempt> = (0..FAILURES_PER_ACCOUNT).map(|_| limits.reserve("a", "x", T).unwrap()).collect();
        assert!(limits.reserve("a", "x", T).is_err(), "five checks running use up the five allowed");
        drop(running);
        assert!(limits.reserve("a", "x", T).is_ok(), "given back unreported");
    }

    #[test]
    fn an_attacker_cannot_lock_an_account_out_from_another_address() {
        let limits = Limits::default();
        for _ in 0..FAILURES_PER_ACCOUNT {
            fail(&limits, "officer", "attacker", T).unwrap();
        }
        assert!(matches!(limits.reserve("officer", "attacker", T), Err(Refusal::Locked { .. })));
        // From her own address, the officer may try at once: the first check past the free ones.
        limits.reserve("officer", "her desk", T).unwrap().succeeded();
        assert!(limits.reserve("officer", "her desk", T).is_ok(), "her success forgot the failures");
    }

    #[test]
    fn guesses_from_many_addresses_are_spaced_by_a_doubling_delay_under_a_hundred_an_hour() {
        let limits = Limits::default();
        let (mut now, mut checked, mut address) = (T, 0, 0);
        while now < T + 3600 {
            // A fresh address each time, and a guess every second.
            address += 1;
            if fail(&limits, "officer", &format!("bot{address}"), now).is_ok() {
                checked += 1;
            }
            now += 1;
        }
        assert!(checked < 100, "{checked} guesses in an hour");
        assert!(checked > 4 * FAILURES_PER_ACCOUNT, "{checked}: a new window starts every 15 minutes");
        assert_eq!(delay(FAILURES_PER_ACCOUNT), 1);
        assert_eq!(delay(FAILURES_PER_ACCOUNT + 1), 2);
        assert_eq!(delay(FAILURES_PER_ACCOUNT + 30), MAX_DELAY_SECONDS);
    }

    #[test]
    fn an_address_past_its_limit_may_still_try_an_account_without_failures() {
        let limits = Limits::default();
        for i in 0..FAILURES_PER_ADDRESS {
            fail(&limits, &format!("guess{i}"), "proxy", T).unwrap();
        }
        assert!(matches!(limits.reserve("guess0", "proxy", T), Err(Refusal::Locked { .. })));
        assert!(limits.reserve("colleague", "proxy", T).is_ok());
        assert!(limits.reserve("guess0", "proxy", T + FAILURE_WINDOW_SECONDS).is_ok(), "the window passed");
    }
}
