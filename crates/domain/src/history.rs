//! What changed in a system between two versions of the register.

use serde_json::Value;

use crate::{FunctionStatus, System};

/// One changed fact: its path in the register (`works_council.consent`, `function[mood-detection].status`)
/// and its value before and after, as written in the register file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The changes to one system from `before` to `after` (`None`: the system did not exist).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemChanges {
    pub added: bool,
    pub removed: bool,
    pub changes: Vec<Change>,
    /// Functions that were planned or switched off and are now switched on: a change the works
    /// council must see (the Vopak case: a badge system that could get a microphone).
    pub switched_on: Vec<String>,
}

impl SystemChanges {
    pub fn is_empty(&self) -> bool {
        !self.added && !self.removed && self.changes.is_empty()
    }
}

pub fn compare(before: Option<&System>, after: Option<&System>) -> SystemChanges {
    let (Some(b), Some(a)) = (before, after) else {
        return SystemChanges {
            added: before.is_none() && after.is_some(),
            removed: before.is_some() && after.is_none(),
            ..Default::default()
        };
    };
    let mut changes = Vec::new();
    walk("", &to_value(b), &to_value(a), &mut changes);
    let switched_on = a
        .functions
        .iter()
        .filter(|f| f.status == FunctionStatus::Enabled)
        .filter(|f| {
            b.functions.iter().find(|old| old.id == f.id).is_none_or(|old| old.status != FunctionStatus::Enabled)
        })
        .map(|f| f.id.clone())
        .collect();
    SystemChanges { added: false, removed: false, changes, switched_on }
}

/// The system as JSON, with lists of identified items keyed by their id so that a change in one
/// function reads as `function[mood-detection].status`, not as a changed list.
fn to_value(system: &System) -> Value {
    let mut value = serde_json::to_value(system).expect("a system serialises");
    if let Some(Value::Array(functions)) = value.get_mut("function") {
        let keyed = functions
            .drain(..)
            .map(|f| (format!("[{}]", f.get("id").and_then(Value::as_str).unwrap_or("?")), f))
            .collect::<serde_json::Map<_, _>>();
        value["function"] = Value::Object(keyed);
    }
    value
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let sub = if key.starts_with('[') {
                    format!("{path}{key}")
                } else if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(&sub, b.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null), out);
            }
        }
        (b, a) if b == a => {}
        (Value::Object(b), Value::Null) => {
            walk(path, &Value::Object(b.clone()), &Value::Object(serde_json::Map::new()), out)
        }
        (Value::Null, Value::Object(a)) => {
            walk(path, &Value::Object(serde_json::Map::new()), &Value::Object(a.clone()), out)
        }
        (b, a) => out.push(Change { path: path.to_owned(), before: text(b), after: text(a) }),
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(items.iter().map(|i| text(i).unwrap_or_default()).collect::<Vec<_>>().join(", ")),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Consent, Function, Status, WorksCouncil};

    fn camera() -> System {
        let mut s = System::new("camera", "Cameras", Status::Live);
        s.functions.push(Function {
            id: "mood-detection".into(),
            name: "Mood detection".into(),
            status: FunctionStatus::Planned,
            description: None,
            data: vec![],
            emotion_inference: Some(true),
            enabled_date: None,
        });
        s
    }

    #[test]
    fn a_function_switched_on_is_reported_as_such() {
        let before = camera();
        let mut after = camera();
        after.functions[0].status = FunctionStatus::Enabled;
        let c = compare(Some(&before), Some(&after));
        assert_eq!(c.switched_on, vec!["mood-detection".to_owned()]);
        assert_eq!(
            c.changes,
            vec![Change {
                path: "function[mood-detection].status".into(),
                before: Some("planned".into()),
                after: Some("enabled".into())
            }]
        );
    }

    #[test]
    fn changed_and_new_facts_are_listed_by_path() {
        let before = camera();
        let mut after = camera();
        after.works_council = Some(WorksCouncil::with_consent(Consent::Granted));
        after.name = "Camera's".into();
        let c = compare(Some(&before), Some(&after));
        let paths: Vec<&str> = c.changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["name", "works_council.consent"]);
        assert!(c.switched_on.is_empty());
        assert!(compare(Some(&before), Some(&before)).is_empty());
        assert!(compare(None, Some(&before)).added);
        assert!(compare(Some(&before), None).removed);
    }
}
