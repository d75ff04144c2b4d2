//! Failed logins, counted per account and per address in fixed windows (ASVS 2.2.1).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Failed logins allowed per account, and per address, in one window.
pub const FAILURES_PER_ACCOUNT: u32 = 5;
pub const FAILURES_PER_ADDRESS: u32 = 50;
/// The window of the login limits, in seconds.
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;

/// Counts failed logins per account and per address in fixed windows.
#[derive(Debug, Default)]
pub struct LoginLimits {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

impl LoginLimits {
    /// Whether another attempt may be made for this key now.
    pub fn allowed(&self, key: &str, limit: u32, now: i64) -> bool {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(key) {
            Some((n, start)) if now - start < FAILURE_WINDOW_SECONDS => *n < limit,
            _ => true,
        }
    }

    /// Records a failure.
    pub fn failed(&self, key: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(key.to_owned()).or_insert((0, now));
        if now - entry.1 >= FAILURE_WINDOW_SECONDS {
            *entry = (0, now);
        }
        entry.0 += 1;
        // Forget old windows so the map does not grow without end.
        if map.len() > 10_000 {
            map.retain(|_, (_, start)| now - *start < FAILURE_WINDOW_SECONDS);
        }
    }

    /// Forgets an account's failures after a successful login.
    pub fn succeeded(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

/// Shared login limits.
pub type Limits = Arc<LoginLimits>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_failures_per_window() {
        let limits = LoginLimits::default();
        for _ in 0..FAILURES_PER_ACCOUNT {
            assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 100));
            limits.failed("a", 100);
        }
        assert!(!limits.allowed("a", FAILURES_PER_ACCOUNT, 100));
        assert!(limits.allowed("b", FAILURES_PER_ACCOUNT, 100));
        assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 100 + FAILURE_WINDOW_SECONDS));
        limits.succeeded("a");
        assert!(limits.allowed("a", FAILURES_PER_ACCOUNT, 101));
    }
}
