//! Writing a register: as inzage's own TOML or JSON (the same structure in and out), and in the
//! Dutch Algorithm Register's publication standard v1.0.

use domain::{Register, Status, System};
use serde_json::{Value, json};

/// The register as TOML. Reading it back gives the same register.
pub fn to_toml(register: &Register) -> Result<String, String> {
    toml::to_string_pretty(register).map_err(|e| format!("cannot write the register as TOML: {e}"))
}

/// The register as JSON. Reading it back gives the same register.
pub fn to_json(register: &Register) -> String {
    let mut text = serde_json::to_string_pretty(register).expect("a register serialises");
    text.push('\n');
    text
}

/// Labels for vocabulary values in Dutch, such as `label("purpose", "productivity")`; the
/// caller takes them from the portal's translation files.
pub type Labels<'a> = &'a dyn Fn(&str, &str) -> String;

/// One entry per system in the fields of the Algorithm Register publication standard v1.0
/// (`name`, `description_short`, `organization`, `status`, `publication_category`, `goal`,
/// `proportionality`, `human_intervention`, `risks`, `lawful_basis`, `impacttoetsen`,
/// `source_data`, `methods_and_models`, `provider`, …), in Dutch. Facts the register does not
/// state are left out rather than guessed.
pub fn algoritmeregister(register: &Register, label: Labels<'_>) -> Value {
    let algorithms: Vec<Value> = register.systems.iter().map(|s| algorithm(register, s, label)).collect();
    json!({ "standard": "algoritmeregister", "standard_version": "1.0", "algorithms": algorithms })
}

fn algorithm(register: &Register, s: &System, label: Labels<'_>) -> Value {
    let join = |vocab: &str, values: Vec<String>| {
        (!values.is_empty()).then(|| values.iter().map(|v| label(vocab, v)).collect::<Vec<_>>().join(", "))
    };
    let status = match s.status {
        Status::Planned => "In ontwikkeling",
        Status::Live => "In gebruik",
        Status::Retired => "Buiten gebruik",
    };
    let high_risk = s.ai == Some(true) && s.ai_act.as_ref().and_then(|a| a.annex_iii) == Some(true);
    let impactful = s.decisions.iter().any(|d| d.significant_effect == Some(true));
    let category = if high_risk {
        "Hoog-risico AI-systeem"
    } else if impactful {
        "Impactvolle algoritmes"
    } else {
        "Overige algoritmes"
    };
    let human_intervention = (!s.decisions.is_empty()).then(|| {
        s.decisions
            .iter()
            .map(|d| {
                let automated = match d.solely_automated {
                    Some(true) => label("yes-no", "automated"),
                    Some(false) => label("yes-no", "human"),
                    None => label("yes-no", "unknown"),
                };
                format!("{}: {automated}", label("decision", d.kind.as_str()))
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    let impacttoetsen = s.assessment.as_ref().and_then(|a| a.dpia).map(|d| {
        let date = s.assessment.as_ref().and_then(|a| a.dpia_date).map(|d| format!(" ({d})")).unwrap_or_default();
        format!("DPIA: {}{date}", label("dpia", d.as_str()))
    });
    let mut fields = json!({
        "name": s.name,
        "description_short": s.description.clone().unwrap_or_else(|| s.name.clone()),
        "organization": register.organisation.name,
        "status": status,
        "publication_category": category,
        "lang": "nld",
        "standard_version": "1.0",
        "source_id": s.id,
    });
    let map = fields.as_object_mut().expect("an object");
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            map.insert(key.to_owned(), Value::String(v));
        }
    };
    put("begin_date", s.go_live.map(|d| d.to_string()));
    put("goal", join("purpose", s.purposes.iter().map(|p| p.as_str().to_owned()).collect()));
    put(
        "proportionality",
        s.legal
            .as_ref()
            .and_then(|l| l.balancing_test)
            .map(|done| label("yes-no", if done { "balancing-done" } else { "balancing-missing" })),
    );
    put("human_intervention", human_intervention);
    put("lawful_basis", s.legal_basis.map(|b| label("basis", b.as_str())));
    put("impacttoetsen", impacttoetsen);
    put("source_data", join("data", s.data.iter().map(|d| d.kind.as_str().to_owned()).collect()));
    put("methods_and_models", s.ai.map(|ai| label("yes-no", if ai { "ai" } else { "not-ai" })));
    put("provider", s.vendor.clone());
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const TEXT: &str = r#"
format = "inzage.register/1"
[organisation]
name = "Export B.V."
works_council = true
[[system]]
id = "scan"
name = "Scanner"
status = "live"
go_live = 2025-03-01
purposes = ["productivity"]
data = ["scan_events", "location.precise"]
legal_basis = "legitimate_interest"
retention_days = { scan_events = 31 }
[[system.decision]]
kind = "warning"
solely_automated = false
significant_effect = true
[system.works_council]
consent = "requested"
"#;

    #[test]
    fn toml_and_json_round_trip_to_the_same_register() {
        let register = crate::register_from_str(TEXT, false, Path::new("r.toml")).unwrap();
        let toml = to_toml(&register).unwrap();
        assert_eq!(crate::register_from_str(&toml, false, Path::new("out.toml")).unwrap(), register, "{toml}");
        let json = to_json(&register);
        assert_eq!(crate::register_from_str(&json, true, Path::new("out.json")).unwrap(), register);
    }

    #[test]
    fn the_algorithm_register_gets_its_fields_and_no_guesses() {
        let register = crate::register_from_str(TEXT, false, Path::new("r.toml")).unwrap();
        let label = |vocab: &str, value: &str| format!("<{vocab}:{value}>");
        let out = algoritmeregister(&register, &label);
        let a = &out["algorithms"][0];
        assert_eq!(a["name"], "Scanner");
        assert_eq!(a["organization"], "Export B.V.");
        assert_eq!(a["status"], "In gebruik");
        assert_eq!(a["publication_category"], "Impactvolle algoritmes");
        assert_eq!(a["goal"], "<purpose:productivity>");
        assert_eq!(a["lawful_basis"], "<basis:legitimate_interest>");
        assert_eq!(a["source_data"], "<data:scan_events>, <data:location>");
        assert_eq!(a["human_intervention"], "<decision:warning>: <yes-no:human>");
        assert!(a.get("provider").is_none() && a.get("impacttoetsen").is_none(), "unknown facts are left out: {a}");
    }
}
