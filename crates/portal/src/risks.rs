//! The algorithms section of the risk inventory (RI&E, Arbowet art 5; issue 11): per system the
//! work-pressure risks the rulebook and the audit found — pace, breaks, targets, monitoring —
//! with the measures the works council set as conditions of its consent, as CSV and JSON.
//!
//! Rulebook rows are the findings of the working-conditions rules (`arbo.*`, `atw.*`). Audit rows
//! are aggregates of the data loaded now: the share of shifts meeting the norm (pace), the break
//! penalty and the shifts missing a legal break (breaks), the seconds per unit the norm allows
//! (targets) and the CNIL indicators (monitoring). No worker and no small group: only totals.

use locale::Tr;
use serde::Serialize;
use serde_json::Value;

use crate::{Portal, Result};

/// The JSON document's format.
pub const FORMAT: &str = "inzage.rie/1";

/// One risk found.
#[derive(Clone, Debug, Serialize)]
pub struct Risk {
    /// `pace`, `breaks`, `targets`, `monitoring` or `inventory`.
    pub area: &'static str,
    /// The rule's id, or the audit report's key.
    pub source: String,
    pub finding: String,
    /// The rule's severity; empty for an audit figure.
    pub severity: String,
    /// The audit's figure, as the report gives it.
    pub figure: Option<f64>,
}

/// A measure: a condition of the works council's consent, with its last state.
#[derive(Clone, Debug, Serialize)]
pub struct Measure {
    pub id: String,
    pub text: String,
    /// `holds`, `broken` or `unknown`; empty when never checked.
    pub state: String,
}

/// A system's part of the inventory.
#[derive(Clone, Debug, Serialize)]
pub struct SystemRisks {
    pub id: String,
    pub name: String,
    pub risks: Vec<Risk>,
    pub measures: Vec<Measure>,
}

/// The inventory.
#[derive(Clone, Debug, Serialize)]
pub struct Inventory {
    pub format: &'static str,
    pub organisation: String,
    pub generated: String,
    pub systems: Vec<SystemRisks>,
}

/// The area of a working-conditions rule, from its id; `None` for other rules.
fn area_of(rule: &str) -> Option<&'static str> {
    if !(rule.starts_with("arbo.") || rule.starts_with("atw.")) {
        return None;
    }
    Some(if rule.contains("break") {
        "breaks"
    } else if rule.starts_with("atw.") {
        "working_time"
    } else if rule.contains("pace") {
        "pace"
    } else if rule.contains("target") {
        "targets"
    } else if rule.contains("rie") {
        "inventory"
    } else {
        "monitoring"
    })
}

fn figure(report: &Value, pointer: &str) -> Option<f64> {
    report.pointer(pointer).and_then(Value::as_f64)
}

impl Portal {
    /// The inventory of the newest register, in the reader's language (`NotFound`: none loaded).
    pub async fn risk_inventory(&self, t: &Tr) -> Result<Inventory> {
        let version = self.store.latest_register().await?.ok_or(crate::Error::NotFound)?;
        let lang = t.lang.code();
        let findings = self.findings(&version).await?;
        let audits = self.current_audits().await?;
        let dossiers = self.store.dossiers(None).await?;
        let mut systems = Vec::new();
        for s in version.register.systems.iter().filter(|s| s.status != domain::Status::Retired) {
            let mut risks: Vec<Risk> = findings
                .iter()
                .filter(|f| f.system == s.id && f.kind == rules::Kind::Finding)
                .filter_map(|f| {
                    area_of(&f.rule).map(|area| Risk {
                        area,
                        source: f.rule.clone(),
                        finding: f.message.get(lang).to_owned(),
                        severity: f.severity.as_str().to_owned(),
                        figure: None,
                    })
                })
                .collect();
            if let Some((_, audited)) = audits.audited.iter().find(|(a, _)| a.id == s.id) {
                let report = serde_json::to_value(&audited.report)?;
                let mut add = |area: &'static str, key: &str, pointer: &str, text: &str| {
                    if let Some(x) = figure(&report, pointer) {
                        risks.push(Risk {
                            area,
                            source: key.to_owned(),
                            finding: t.t(text),
                            severity: String::new(),
                            figure: Some(x),
                        });
                    }
                };
                add("pace", "norms[0].share_meeting_target", "/norms/0/share_meeting_target", "rie-pace");
                add("targets", "norms[0].seconds_per_unit", "/norms/0/seconds_per_unit", "rie-targets");
                add(
                    "breaks",
                    "breaks.break_penalty.difference_pp",
                    "/breaks/break_penalty/difference_pp",
                    "rie-penalty",
                );
                add("breaks", "breaks.shifts_missing_legal_break", "/breaks/shifts_missing_legal_break", "rie-missing");
                add("monitoring", "cnil.rapid_event_share", "/cnil/rapid_event_share", "rie-rapid");
                add("monitoring", "cnil.long_idle_gaps", "/cnil/long_idle_gaps", "rie-idle");
            }
            let mut measures = Vec::new();
            for d in dossiers.iter().filter(|d| d.system == s.id && d.decision.is_some()) {
                let checks = self.store.latest_checks(d.id).await?;
                for c in self.store.conditions(d.id).await? {
                    let state =
                        checks.iter().find(|x| x.condition == c.id).map(|x| x.state.clone()).unwrap_or_default();
                    let text = if lang == "nl" { c.nl } else { c.en };
                    measures.push(Measure { id: c.id, text, state });
                }
            }
            systems.push(SystemRisks { id: s.id.clone(), name: s.name.clone(), risks, measures });
        }
        Ok(Inventory {
            format: FORMAT,
            organisation: version.register.organisation.name.clone(),
            generated: self.today().await?.to_string(),
            systems,
        })
    }
}

/// The inventory as CSV: one row per risk, with the system's measures in the last column.
pub fn csv(t: &Tr, inventory: &Inventory) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["system", "system_name", "area", "source", "finding", "severity", "figure", "measures"])?;
    for s in &inventory.systems {
        let measures: Vec<String> = s
            .measures
            .iter()
            .map(|m| {
                if m.state.is_empty() {
                    m.text.clone()
                } else {
                    format!("{} ({})", m.text, t.t(&format!("rie-state-{}", m.state)))
                }
            })
            .collect();
        for r in &s.risks {
            out.write_record([
                s.id.as_str(),
                &*crate::worker::safe_cell(&s.name),
                r.area,
                &r.source,
                &*crate::worker::safe_cell(&r.finding),
                &r.severity,
                &r.figure.map(|x| x.to_string()).unwrap_or_default(),
                &*crate::worker::safe_cell(&measures.join(" | ")),
            ])?;
        }
    }
    Ok(out.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_working_conditions_rules_have_an_area() {
        assert_eq!(area_of("arbo.3.pace-workload"), Some("pace"));
        assert_eq!(area_of("arbo.3.targets"), Some("targets"));
        assert_eq!(area_of("atw.5-4.breaks-schedule"), Some("breaks"));
        assert_eq!(area_of("atw.4-5-4-8.protected-breaks"), Some("breaks"));
        assert_eq!(area_of("atw.5-3.daily-rest"), Some("working_time"));
        assert_eq!(area_of("arbo.5.rie-update"), Some("inventory"));
        assert_eq!(area_of("arbo.dse.hidden-checking"), Some("monitoring"));
        assert_eq!(area_of("gdpr.22.solely-automated"), None);
    }
}
