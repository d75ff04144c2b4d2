//! What a rule's CEL expressions can read: `system`, `org`, `as_of`, `annex_iii_from`, `audit`
//! (the system's audit report, empty when none is loaded), `days_between` and `add_months`.
//!
//! `system` is the system as the register states it, plus derived facts:
//! `system.works_council.consent_counts` ([`domain::WorksCouncil::consent_counts`]), present
//! whenever `system.works_council` is registered (its `consent` is then always stated).

use std::sync::Arc;

use cel::Context;
use domain::{Register, System};
use serde_json::{Map, Value};

use crate::Settings;

/// Lists and maps that are always present for conditions to read, empty when not registered.
const LISTS: [&str; 7] = ["purposes", "actual_uses", "subjects", "data", "decision", "target", "function"];

pub(crate) fn organisation(register: &Register) -> Value {
    serde_json::to_value(&register.organisation).expect("the organisation serialises")
}

/// One system's facts, as JSON (to tell what is registered) and as a CEL context.
pub(crate) struct Facts {
    pub system: Value,
    pub org: Value,
    /// The system's audit report, when one is loaded.
    pub audit: Value,
    pub context: Context<'static, 'static>,
}

impl Facts {
    pub(crate) fn new(system: &System, org: &Value, settings: &Settings) -> Facts {
        let mut json = serde_json::to_value(system).expect("a system serialises");
        if let Value::Object(map) = &mut json {
            for key in LISTS {
                map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            }
            map.entry("retention_days").or_insert_with(|| Value::Object(Map::new()));
            // Derived facts, present exactly when what they derive from is registered, so a
            // rule that needs the underlying fact asks for it rather than reading a false.
            if let (Some(council), Some(Value::Object(json))) = (&system.works_council, map.get_mut("works_council")) {
                json.insert("consent_counts".into(), Value::Bool(council.consent_counts()));
            }
        }
        let mut context = Context::default();
        context.add_variable("system", cel::to_value(&json).expect("JSON converts to CEL")).expect("a fresh name");
        context.add_variable("org", cel::to_value(org).expect("JSON converts to CEL")).expect("a fresh name");
        context.add_variable("as_of", settings.as_of.to_string()).expect("a fresh name");
        context.add_variable("annex_iii_from", settings.annex_iii_from.to_string()).expect("a fresh name");
        // No audit loaded: an empty report, so a rule that looks into it finds nothing rather than
        // an undeclared name.
        context
            .add_variable("audit", cel::to_value(Value::Object(Map::new())).expect("JSON converts to CEL"))
            .expect("a name");
        context
            .add_function("days_between", |a: Arc<String>, b: Arc<String>| -> i64 { days_between(&a, &b).unwrap_or(0) })
            .expect("days_between is not a standard function");
        context
            .add_function("add_months", |a: Arc<String>, n: i64| -> String { add_months(&a, n).unwrap_or_default() })
            .expect("add_months is not a standard function");
        Facts { system: json, org: org.clone(), audit: Value::Null, context }
    }

    /// Lets the rules read a system's audit report as `audit`. A figure that is null is a figure
    /// that is not there (a rule that needs it asks for it).
    pub(crate) fn add_audit(&mut self, audit: &Value) {
        self.audit = without_nulls(audit);
        let value = cel::to_value(&self.audit).expect("JSON converts to CEL");
        self.context.add_variable("audit", value).expect("a name");
    }

    /// Whether a fact path (`system.works_council.consent`, `org.works_council`) is registered:
    /// present, not null, and not an empty list, map or text.
    pub(crate) fn known(&self, path: &str) -> bool {
        let mut parts = path.split('.');
        let mut value = match parts.next() {
            Some("system") => &self.system,
            Some("org") => &self.org,
            Some("audit") => &self.audit,
            _ => return false,
        };
        for part in parts {
            match value.get(part) {
                Some(v) => value = v,
                None => return false,
            }
        }
        match value {
            Value::Null => false,
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
            Value::String(s) => !s.is_empty(),
            _ => true,
        }
    }
}

/// A JSON value without its null members.
pub(crate) fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// The date `n` calendar months after `a` (the last day of the month where it has fewer days),
/// as `YYYY-MM-DD`; `None` when `a` is not a date.
fn add_months(a: &str, n: i64) -> Option<String> {
    let a: jiff::civil::Date = a.parse().ok()?;
    a.checked_add(jiff::Span::new().months(n)).ok().map(|d| d.to_string())
}

fn days_between(a: &str, b: &str) -> Option<i64> {
    let a: jiff::civil::Date = a.parse().ok()?;
    let b: jiff::civil::Date = b.parse().ok()?;
    Some(i64::from((b - a).get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_counts_calendar_days() {
        assert_eq!(days_between("2025-01-01", "2025-03-01"), Some(59));
        assert_eq!(days_between("2025-03-01", "2025-01-01"), Some(-59));
        assert_eq!(days_between("nonsense", "2025-01-01"), None);
    }

    #[test]
    fn add_months_keeps_the_day_or_takes_the_month_end() {
        assert_eq!(add_months("2026-01-15", 1).as_deref(), Some("2026-02-15"));
        assert_eq!(add_months("2026-01-31", 1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_months("2026-12-05", 1).as_deref(), Some("2027-01-05"));
        assert_eq!(add_months("not a date", 1), None);
    }
}
