//! Workers and the decisions made about them, as the monitoring data describes them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A worker as the workers file describes them: an identifier and attributes (`gender`,
/// `age_band`, `contract`, `team`, `under_18`, …) used only for group comparisons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worker {
    pub id: String,
    pub attributes: BTreeMap<String, String>,
}

impl Worker {
    /// Whether the worker is a minor: `under_18` is a yes of [`crate::yes_no`] (`true`, `ja`, `1`,
    /// …, any case). Missing, a no, or any other text is not under 18.
    pub fn under_18(&self) -> bool {
        self.attributes.get("under_18").and_then(|v| crate::yes_no::parse(v)) == Some(true)
    }
}

/// One decision about a worker, as the decisions file records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub worker: String,
    pub time: jiff::Timestamp,
    pub decision: String,
    pub automated: Option<bool>,
    pub reviewed: Option<bool>,
    pub review_seconds: Option<f64>,
    pub overturned: Option<bool>,
    pub score: Option<f64>,
    /// The reason the system recorded, in its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One measure of one worker in one period: what analytics tools export (hours after work per
/// person-week, activity % per day, units per team-day).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub worker: String,
    /// A date `YYYY-MM-DD` or an ISO week `YYYY-Www`.
    pub period: String,
    pub measure: String,
    pub value: f64,
    /// The value the worker was held to in that period, where the file gives one.
    pub target: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_18_reads_common_spellings() {
        let mut w = Worker { id: "W1".into(), attributes: BTreeMap::new() };
        assert!(!w.under_18());
        for (v, expect) in [("true", true), ("Yes", true), ("1", true), ("false", false), ("", false)] {
            w.attributes.insert("under_18".into(), v.into());
            assert_eq!(w.under_18(), expect, "{v}");
        }
    }

    /// `under_18 = ja` was read as an adult, so the under-18 break rule was skipped.
    #[test]
    fn under_18_ja_is_true_for_the_break_rule() {
        let mut w = Worker { id: "W1".into(), attributes: BTreeMap::new() };
        for (v, expect) in [("ja", true), (" JA ", true), ("j", true), ("nee", false), ("misschien", false)] {
            w.attributes.insert("under_18".into(), v.into());
            assert_eq!(w.under_18(), expect, "{v}");
        }
    }
}
