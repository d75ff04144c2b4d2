//! The register: an organisation and every monitoring system or algorithm it uses on workers.
//!
//! The keys follow `../shared/spec/register-format.md` (a public contract). Facts that a register
//! does not state are `None` or empty: unknown is not false.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Date;
use crate::vocab::{
    BiometricPurpose, Consent, DataKind, DecisionKind, DpiaStatus, FunctionStatus, LegalBasis,
    Monitoring, Purpose, Status, Subject,
};

/// The value of the `format` key this version of inzage reads and writes.
pub const REGISTER_FORMAT: &str = "inzage.register/1";

/// A register file: the organisation and its systems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub format: String,
    pub organisation: Organisation,
    #[serde(rename = "system", default)]
    pub systems: Vec<System>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// `false`: no works council (or only a PVT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_council: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_labour_platform: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_body: Option<bool>,
}

/// One monitoring system or algorithm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// Unique in the register; `[a-z0-9-]+`.
    pub id: String,
    pub name: String,
    /// What the system does, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who supplies the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Purpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Subject>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<DataCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covert: Option<bool>,
    /// Collects outside working time or from private devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off_duty: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<LegalBasis>,
    /// Retention in days per data category; a missing category has no retention set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retention_days: BTreeMap<DataCategory, u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion_inference: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric_purpose: Option<BiometricPurpose>,
    /// Whether it is an AI system in the AI Act's sense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai: Option<bool>,
    #[serde(rename = "target", default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(rename = "decision", default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionType>,
    /// Functions the system has or could have: a planned or disabled one may be switched on later.
    #[serde(rename = "function", default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<Shift>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_council: Option<WorksCouncil>,
}

/// A production norm the system sets: `per_hour` units of event kind `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub kind: String,
    pub per_hour: f64,
}

/// A kind of decision the system takes or prepares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionType {
    pub kind: DecisionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solely_automated: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_effect: Option<bool>,
}

/// A function of a system, such as a vendor's optional module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    pub id: String,
    pub name: String,
    pub status: FunctionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Data categories the function adds when it is enabled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<DataCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion_inference: Option<bool>,
}

/// The planned working day, for systems that plan shifts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub hours: f64,
    #[serde(default)]
    pub break_minutes: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<DpiaStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia_date: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transparency {
    /// When workers were informed; missing means never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_date: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorksCouncil {
    pub consent: Consent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// A data category, possibly refined with a dot: `location`, `location.precise`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataCategory {
    pub kind: DataKind,
    pub refinement: Option<String>,
}

impl DataCategory {
    pub fn new(kind: DataKind) -> DataCategory {
        DataCategory {
            kind,
            refinement: None,
        }
    }
}

impl fmt::Display for DataCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.refinement {
            Some(r) => write!(f, "{}.{r}", self.kind),
            None => f.write_str(self.kind.as_str()),
        }
    }
}

impl FromStr for DataCategory {
    type Err = String;

    fn from_str(s: &str) -> Result<DataCategory, String> {
        let (base, refinement) = match s.split_once('.') {
            Some((base, r)) => (base, Some(r)),
            None => (s, None),
        };
        let kind = base.parse::<DataKind>().map_err(|_| {
            format!(
                "unknown data category `{s}`; expected one of: {}",
                DataKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        if let Some(r) = refinement {
            let ok = !r.is_empty()
                && r.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(format!(
                    "data category `{s}`: a refinement after the dot is lower-case snake_case"
                ));
            }
        }
        Ok(DataCategory {
            kind,
            refinement: refinement.map(str::to_owned),
        })
    }
}

impl Serialize for DataCategory {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DataCategory {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DataCategory, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A register that parsed but does not hold together.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RegisterError {
    #[error("`format` is `{0}`; this version of inzage reads `{REGISTER_FORMAT}`")]
    Format(String),
    #[error("system `{0}`: an id is lower-case letters, digits and dashes ([a-z0-9-]+)")]
    BadId(String),
    #[error("system id `{0}` appears more than once; ids must be unique in the register")]
    DuplicateId(String),
    #[error("system `{system}`: target for `{kind}` must have a positive per_hour, not {per_hour}")]
    BadTarget {
        system: String,
        kind: String,
        per_hour: f64,
    },
}

impl Register {
    /// Checks what serde cannot: the format version, unique well-formed ids, positive targets.
    pub fn validate(&self) -> Result<(), RegisterError> {
        if self.format != REGISTER_FORMAT {
            return Err(RegisterError::Format(self.format.clone()));
        }
        let mut seen = BTreeSet::new();
        for system in &self.systems {
            let well_formed = !system.id.is_empty()
                && system
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !well_formed {
                return Err(RegisterError::BadId(system.id.clone()));
            }
            if !seen.insert(system.id.as_str()) {
                return Err(RegisterError::DuplicateId(system.id.clone()));
            }
            for target in &system.targets {
                if !(target.per_hour > 0.0 && target.per_hour.is_finite()) {
                    return Err(RegisterError::BadTarget {
                        system: system.id.clone(),
                        kind: target.kind.clone(),
                        per_hour: target.per_hour,
                    });
                }
            }
        }
        Ok(())
    }

    /// The system with this id.
    pub fn system(&self, id: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }
}
