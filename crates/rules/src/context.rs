//! What a rule's CEL expressions can read: `system`, `org`, `as_of` and `days_between`.
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
        context
            .add_function("days_between", |a: Arc<String>, b: Arc<String>| -> i64 { days_between(&a, &b).unwrap_or(0) })
            .expect("days_between is not a standard function");
        Facts { system: json, org: org.clone(), context }
    }

    /// Whether a fact path (`system.works_council.consent`, `org.works_council`) is registered:
    /// present, not null, and not an empty list, map or text.
    pub(crate) fn known(&self, path: &str) -> bool {
        let mut parts = path.split('.');
        let mut value = match parts.next() {
            Some("system") => &self.system,
            Some("org") => &self.org,
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
}
