//! The pure domain model of inzage: the register of monitoring systems and algorithms, the
//! organisation, workers and the decisions made about them.
//!
//! This crate does no IO. Its types are plain data with serde derives; reading and writing files
//! lives in the `formats` crate, storing them in the `store` crate.

pub mod contest;
mod date;
pub mod dossier;
pub mod history;
mod register;
mod vocab;
mod workforce;
pub mod yes_no;

pub use date::Date;
pub use register::{
    AiAct, Assessment, DataCategory, DecisionType, Function, HealthSafety, Legal, MAX_ENTRIES, MAX_SYSTEMS, MAX_TEXT,
    Organisation, Quota, REGISTER_FORMAT, Register, RegisterError, Roster, Shift, System, Target, Transparency,
    WorksCouncil,
};
pub use vocab::{
    AdmException, Advice, AiRole, BiometricPurpose, Consent, DataKind, DecisionKind, DpiaPart, DpiaStatus,
    EmotionException, FunctionStatus, Jurisdiction, LegalBasis, Monitoring, Purpose, RiskLevel, Role, Safeguard,
    Status, Subject, Trait,
};
pub use workforce::{Decision, Measure, Worker};

/// The time zone local times are read in when none is given (`inzage import --tz`, `inzage
/// audit --tz`), and the zone of datasets imported before the zone was stored.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Amsterdam";

/// The JSON Schema of the register format, generated from these types.
pub fn register_schema() -> String {
    let schema = schemars::schema_for!(Register);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    /// The published schema in the repository is the one the code generates: regenerate it with
    /// `inzage schema > schema/register.schema.json` when the types change.
    #[test]
    fn the_published_schema_matches_the_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/register.schema.json");
        let published = std::fs::read_to_string(&path).unwrap_or_default();
        let generated = super::register_schema();
        let first = published.lines().zip(generated.lines()).position(|(a, b)| a != b);
        assert!(
            published == generated,
            "schema/register.schema.json is out of date: run `cargo run -- schema > schema/register.schema.json` \
             (from line {:?}: {:?} against {:?}; {} lines against {})",
            first.map(|i| i + 1),
            first.and_then(|i| published.lines().nth(i)),
            first.and_then(|i| generated.lines().nth(i)),
            published.lines().count(),
            generated.lines().count(),
        );
    }

    #[test]
    fn the_schema_names_every_vocabulary_value_and_the_fideslang_mapping() {
        let schema = super::register_schema();
        for v in crate::DataKind::ALL {
            assert!(schema.contains(v.as_str()), "{v}");
        }
        for p in crate::Purpose::ALL {
            assert!(schema.contains(&format!("\"{p}\"")), "{p}");
        }
        assert!(schema.contains("\"x-fideslang\"") && schema.contains("user.location"));
    }
}
