//! The register: an organisation and every monitoring system or algorithm it uses on workers.
//!
//! The keys follow `../shared/spec/register-format.md` (a public contract). Facts that a register
//! does not state are `None` or empty: unknown is not false.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Date;
use crate::vocab::{
    AdmException, Advice, AiRole, BiometricPurpose, Consent, DataKind, DecisionKind, DpiaPart, DpiaStatus,
    EmotionException, FunctionStatus, Jurisdiction, LegalBasis, Monitoring, Purpose, RiskLevel, Safeguard, Status,
    Subject, Trait,
};

/// The value of the `format` key this version of inzage reads and writes.
pub const REGISTER_FORMAT: &str = "inzage.register/1";

/// A register file: the organisation and its systems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub format: String,
    pub organisation: Organisation,
    #[serde(rename = "system", default)]
    pub systems: Vec<System>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// The organisation's sector in the inspector's overview, in the employer's words
    /// (`warehousing`, `retail`, `call-centre`, …): organisations are compared within a sector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// `false`: no works council (or only a PVT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_council: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_labour_platform: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_body: Option<bool>,
    /// A personnel representation (PVT) instead of a works council.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pvt: Option<bool>,
    /// Provides public services (AI Act art 27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_services: Option<bool>,
    /// A collective agreement or works-council agreement has rules on workers' data (GDPR 88).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cao_data_rules: Option<bool>,
    /// Where the organisation is: `NL` when absent (`DE`, `US-CA`, `US-NY`, `US-WA`, `US-MN`,
    /// `US-OR`). The rulebook checks only the law that applies there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Jurisdiction>,
    /// People performing platform work for the platform in the Member State (PWD art 13(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_workers: Option<u32>,
    /// US warehouse quota laws: the most non-exempt employees at one warehouse distribution
    /// center in the state, agency workers included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_site_employees: Option<u32>,
    /// US warehouse quota laws: non-exempt employees at all warehouse distribution centers in the
    /// state, agency workers included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse_state_employees: Option<u32>,
    /// The injury incidence rate at the warehouse divided by its industry's average (Minn. Stat.
    /// §182.6526: 1.3 or more calls for a monthly safety committee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injury_rate_ratio: Option<f64>,
    /// The safety committee meets every month (Minn. Stat. §182.6526).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_committee_monthly: Option<bool>,
    /// A written injury reduction program (N.Y. Labor Law §789).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injury_reduction_program: Option<bool>,
    /// When a qualified ergonomist last evaluated the worksite in writing (N.Y. Labor Law §789).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ergonomic_evaluation_date: Option<Date>,
}

/// One monitoring system or algorithm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// What the data is used for in practice, where that differs from the purposes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actual_uses: Vec<Purpose>,
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
    /// Runs on workers' private devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_devices: Option<bool>,
    /// Builds profiles of individual workers (GDPR art 4(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<LegalBasis>,
    /// Retention in days per data category; a missing category has no retention set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retention_days: BTreeMap<DataCategory, u32>,
    /// How long the system's logs are kept, in days (AI Act art 26(6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_retention_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion_inference: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric_purpose: Option<BiometricPurpose>,
    /// Whether it is an AI system in the AI Act's sense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai: Option<bool>,
    /// An important technological facility for the works council's advice (WOR art 25(1)(k)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub important_technology: Option<bool>,
    #[serde(rename = "target", default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(rename = "decision", default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionType>,
    /// Functions the system has or could have: a planned or disabled one may be switched on later.
    #[serde(rename = "function", default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<Shift>,
    /// What the rosters the system plans look like (Arbeidstijdenwet, ArbZG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<Roster>,
    /// How the system's production quotas are told and kept (US warehouse quota laws).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quota>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<Legal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_act: Option<AiAct>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<Transparency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_council: Option<WorksCouncil>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_safety: Option<HealthSafety>,
}

/// A production norm the system sets: `per_hour` units of event kind `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub kind: String,
    pub per_hour: f64,
}

/// A kind of decision the system takes or prepares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionType {
    pub kind: DecisionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solely_automated: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_effect: Option<bool>,
    /// The human reviewer can change or overturn the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_can_override: Option<bool>,
    /// Share of reviewed outcomes the reviewer changed (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_rate: Option<f64>,
    /// A person, not the system, takes the decision (PWD art 10(5)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_decides: Option<bool>,
    /// The person concerned gets written reasons (PWD art 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_reasons: Option<bool>,
    /// Which exception of GDPR art 22(2) allows a solely automated decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<AdmException>,
    /// The safeguards of GDPR art 22(3) the person concerned has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safeguards: Vec<Safeguard>,
}

/// A function of a system, such as a vendor's optional module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// When the function was switched on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_date: Option<Date>,
}

/// The planned working day, for systems that plan shifts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub hours: f64,
    #[serde(default)]
    pub break_minutes: Vec<u32>,
}

/// The rosters a scheduling system plans, as the planner or its reports show them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The longest shift it plans, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_shift_hours: Option<f64>,
    /// The longest night shift it plans, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_night_shift_hours: Option<f64>,
    /// The most night shifts longer than 10 hours one worker gets in 14 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_night_shifts_per_14_days: Option<u32>,
    /// The most hours one worker is planned in a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_week_hours: Option<f64>,
    /// The highest average of weekly hours over 4 weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_week_hours_4_weeks: Option<f64>,
    /// The highest average of weekly hours over 16 weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_week_hours_16_weeks: Option<f64>,
    /// The shortest rest between two shifts, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_daily_rest_hours: Option<f64>,
    /// The most rests shorter than 11 hours one worker gets in 7 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_rests_per_week: Option<u32>,
    /// The shortest uninterrupted weekly rest, in hours, in any 7 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weekly_rest_hours: Option<f64>,
    /// How many days before the first day a roster is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
    /// A collective regulation on rostering: a collective agreement, or a written agreement with
    /// the works council or staff representation (Arbeidstijdenwet 1:4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective_regulation: Option<bool>,
    /// Working and rest times are recorded reliably (Arbeidstijdenwet 4:3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_time_recorded: Option<bool>,
}

/// How a system's production quotas are told and kept (US warehouse quota laws).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// Every worker got a written description of each quota at hire (or within 30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_description: Option<bool>,
    /// The description is in the worker's own (primary) language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_in_worker_language: Option<bool>,
    /// Workers get a new description before a quota changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_updated_on_change: Option<bool>,
    /// The quota leaves time for meal and rest breaks, toilet visits including the walk there,
    /// and safety rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_breaks: Option<bool>,
    /// Time spent following safety rules counts against the worker as time off task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_time_counted_off_task: Option<bool>,
    /// How many days work-speed data are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_days: Option<u32>,
    /// Within how many calendar days a worker's request for their quotas and work-speed data
    /// is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_reply_days: Option<u32>,
    /// How many days of their own work-speed data a worker gets on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_data_days: Option<u32>,
}

/// The legal footing beyond the art 6 basis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// A documented legitimate-interest balancing test (GDPR 6(1)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balancing_test: Option<bool>,
    /// An art 9(2) exception for special categories is documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art9_exception: Option<bool>,
    /// Refusing consent has consequences, or consent is part of the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_has_consequences: Option<bool>,
    /// Covert monitoring rests on a documented concrete suspicion, limited in time and place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covert_justified: Option<bool>,
    /// Not informing workers rests on a documented test of necessity and proportionality under
    /// GDPR art 23 and UAVG art 41.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction_test: Option<bool>,
    /// Workers were told beforehand, in general terms, that covert monitoring can be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covert_policy: Option<bool>,
    /// When covert monitoring ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covert_end_date: Option<Date>,
    /// The vendor processes workers' personal data for the employer (a processor, GDPR art 28).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<bool>,
    /// A processing agreement with the vendor under GDPR art 28(3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor_agreement: Option<bool>,
    /// A law requires the citizen service number here (UAVG art 46).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bsn_required_by_law: Option<bool>,
}

/// AI Act facts for an AI system.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AiAct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AiRole>,
    /// Falls under Annex III point 4 (employment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex_iii: Option<bool>,
    /// The organisation claims the art 6(3) exception (not high-risk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art6_3_exemption: Option<bool>,
    /// Named people with training and authority oversee it (art 26(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overseers_named: Option<bool>,
    /// AI literacy measures for staff (art 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literacy_measures: Option<bool>,
    /// When workers and their representatives were told the system will be used (art 26(7)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_informed_date: Option<Date>,
    /// People it assists decisions about are told (art 26(11)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affected_informed: Option<bool>,
    /// A procedure to explain the AI's role in a decision on request (art 86).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_procedure: Option<bool>,
    /// The DPIA used the provider's instructions and information (art 26(9)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia_uses_provider_info: Option<bool>,
    /// Changed significantly in its design on or after the Annex III date (art 111(2)); a system in
    /// use before that date and not so changed is outside the high-risk duties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significantly_changed: Option<bool>,
    /// Reads biometric input: face, voice, body movement, keystroke dynamics (art 3(39)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric_input: Option<bool>,
    /// The medical or safety reason for emotion recognition (art 5(1)(f)), or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion_exception: Option<EmotionException>,
    /// What biometric categorisation infers about people (art 5(1)(g), Annex III 1(b)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred_traits: Vec<Trait>,
    /// People exposed to emotion recognition or biometric categorisation are told (art 50(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_informed: Option<bool>,
    /// Used as the provider's instructions for use say (art 26(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_per_instructions: Option<bool>,
    /// The employer controls the input data (art 26(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_data_control: Option<bool>,
    /// The input data were checked as relevant and representative for the purpose (art 26(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_data_checked: Option<bool>,
    /// A procedure to monitor the system, tell the provider of risks, suspend it and report
    /// serious incidents (art 26(5)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring_procedure: Option<bool>,
    /// Registered in the EU database (art 26(8), public bodies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_db_registered: Option<bool>,
    /// The employer uses it for an employment purpose its provider did not intend (art 25(1)(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repurposed: Option<bool>,
    /// The system's logs are under the employer's control (art 26(6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs_under_control: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<DpiaStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_risk: Option<RiskLevel>,
    /// The Autoriteit Persoonsgegevens was consulted before processing (GDPR 36).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ap_consulted: Option<bool>,
    /// The views of workers or their representatives were sought (GDPR 35(9)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_views_sought: Option<bool>,
    /// The system changed after the DPIA was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_after_dpia: Option<bool>,
    /// Fundamental-rights impact assessment (AI Act art 27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fria: Option<DpiaStatus>,
    /// Reference of the entry in the record of processing activities (GDPR 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ropa_reference: Option<String>,
    /// Last evaluation of the system's impact on workers (PWD art 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_impact_evaluation: Option<Date>,
    /// What the DPIA contains of GDPR art 35(7)(a)–(d).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dpia_covers: Vec<DpiaPart>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transparency {
    /// When workers were informed; missing means never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_date: Option<Date>,
    /// The notice explains the logic of automated decisions (GDPR 13(2)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_includes_logic: Option<bool>,
    /// Workers can get their monitoring data and derived scores (GDPR 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_procedure: Option<bool>,
    /// Workers are told of their right to object and how (GDPR 21).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection_procedure: Option<bool>,
    /// Workers can take their data in a machine-readable form (GDPR 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portability_procedure: Option<bool>,
    /// A complete written information document for platform workers (PWD art 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_document: Option<bool>,
    /// Days within which a request for review is answered (PWD art 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_reply_days: Option<u32>,
    /// Days within which access requests are answered, at the longest (GDPR art 12(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_reply_days: Option<u32>,
    /// Longer replies were extended with reasons given within the first month (GDPR art 12(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_extension_reasoned: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorksCouncil {
    pub consent: Consent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// What the consent covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The collective-agreement clause that regulates the system (WOR 27(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cao_clause: Option<String>,
    /// When the works council was notified of, or became aware of, the system being applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified_date: Option<Date>,
    /// Information requests of the council not yet answered (WOR 31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_information_requests: Option<u32>,
    /// The council has engaged an expert (WOR 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert: Option<bool>,
    /// Representatives were informed and consulted (PWD art 13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consulted: Option<bool>,
    /// The collective agreement regulates the matter fully, leaving the employer no room
    /// (WOR art 27(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cao_exhaustive: Option<bool>,
    /// The earliest date by which an open information request was to be answered (WOR 31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_due_date: Option<Date>,
    /// The works council's advice (WOR art 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Advice>,
    /// When the employer told the council its decision after advice (WOR art 25(5)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<Date>,
}

/// Working conditions and working time (Arbowet, Arbeidstijdenwet).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthSafety {
    /// The risk inventory (RI&E) covers this system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rie_covers: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rie_date: Option<Date>,
    /// Sets individual targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual_targets: Option<bool>,
    /// The machine sets the pace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_pacing: Option<bool>,
    /// Shows a live ranking of workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realtime_ranking: Option<bool>,
    /// Idle or productivity measures count statutory breaks against the worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks_counted_as_idle: Option<bool>,
    /// Applies to workers under 18.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minors: Option<bool>,
    /// A collective regulation on breaks (Arbeidstijdenwet 5:4(3)): a collective agreement, or a
    /// written agreement with the works council or staff representation (1:4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cao_break_clause: Option<bool>,
    /// Breaks for pregnancy or breastfeeding count against the worker as idle or against a
    /// target (Arbeidstijdenwet 4:5(2), 4:8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_breaks_counted_as_idle: Option<bool>,
}

/// A data category, possibly refined with a dot: `location`, `location.precise`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataCategory {
    pub kind: DataKind,
    pub refinement: Option<String>,
}

impl DataCategory {
    pub fn new(kind: DataKind) -> DataCategory {
        DataCategory { kind, refinement: None }
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
                DataKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
            )
        })?;
        if let Some(r) = refinement {
            let ok = !r.is_empty() && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(format!("data category `{s}`: a refinement after the dot is lower-case snake_case"));
            }
        }
        Ok(DataCategory { kind, refinement: refinement.map(str::to_owned) })
    }
}

impl DataKind {
    /// The fideslang (CC BY 4.0) data category this corresponds to, where one exists. The
    /// workplace categories fideslang lacks (scan events, productivity scores, working time,
    /// keystrokes, screenshots, emotion inference, …) are inzage's own.
    pub fn fideslang(self) -> Option<&'static str> {
        Some(match self {
            DataKind::Location => "user.location",
            DataKind::Biometric => "user.biometrics",
            DataKind::Health => "user.health",
            DataKind::WebBrowsing => "user.behavior.browsing_history",
            DataKind::AppUsage => "user.behavior",
            DataKind::EmailContent | DataKind::ChatContent | DataKind::PrivateCommunications => "user.content.private",
            DataKind::Webcam => "user.content.self_image",
            DataKind::ClientRating | DataKind::Rating => "user.professional_information",
            _ => return None,
        })
    }
}

impl JsonSchema for DataCategory {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DataCategory".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kinds: Vec<&str> = DataKind::ALL.iter().map(|k| k.as_str()).collect();
        let mapping: serde_json::Map<String, serde_json::Value> =
            DataKind::ALL.iter().filter_map(|k| k.fideslang().map(|f| (k.as_str().to_owned(), f.into()))).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "A data category, optionally refined after a dot (`location.precise`). `x-fideslang` maps categories to their fideslang (CC BY 4.0) equivalents where one exists; the others are workplace categories fideslang lacks.",
            "pattern": format!("^({})(\\.[a-z0-9_]+)?$", kinds.join("|")),
            "x-fideslang": mapping,
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

impl Organisation {
    /// An organisation of which only the name is known.
    pub fn new(name: impl Into<String>) -> Organisation {
        Organisation {
            name: name.into(),
            headcount: None,
            sector: None,
            works_council: None,
            digital_labour_platform: None,
            public_body: None,
            pvt: None,
            public_services: None,
            cao_data_rules: None,
            jurisdiction: None,
            platform_workers: None,
            warehouse_site_employees: None,
            warehouse_state_employees: None,
            injury_rate_ratio: None,
            safety_committee_monthly: None,
            injury_reduction_program: None,
            ergonomic_evaluation_date: None,
        }
    }

    /// Where the organisation is: the register's, else the Netherlands.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction.unwrap_or(Jurisdiction::Nl)
    }
}

impl WorksCouncil {
    /// The works council's facts with only the consent stated: everything else unknown.
    pub fn with_consent(consent: Consent) -> WorksCouncil {
        WorksCouncil {
            consent,
            date: None,
            scope: None,
            cao_clause: None,
            notified_date: None,
            open_information_requests: None,
            expert: None,
            consulted: None,
            cao_exhaustive: None,
            information_due_date: None,
            advice: None,
            decision_date: None,
        }
    }

    /// Whether the recorded consent counts as the works council's consent under WOR article 27:
    /// consent granted, a court decision replacing it (art 27(4)), or a collective agreement that
    /// regulates the matter substantively (art 27(3)) with its clause recorded (`cao_clause`, not
    /// blank). Requested, refused or not requested does not count, nor `cao_regulated` without
    /// the clause. The WOR rules (`rules/wor.toml`) read this as `system.works_council.consent_counts`.
    pub fn consent_counts(&self) -> bool {
        match self.consent {
            Consent::Granted | Consent::CourtSubstitute => true,
            Consent::CaoRegulated => self.cao_clause.as_deref().is_some_and(|c| !c.trim().is_empty()),
            Consent::NotRequested | Consent::Requested | Consent::Refused => false,
        }
    }
}

impl System {
    /// Whether works council consent is missing: the organisation has a works council
    /// (`works_council = true`) and the system's consent does not count
    /// ([`WorksCouncil::consent_counts`]), or none is recorded. Without a works council, or when
    /// the register does not say whether there is one, nothing is missing.
    pub fn consent_missing(&self, org: &Organisation) -> bool {
        org.works_council == Some(true) && !self.works_council.as_ref().is_some_and(WorksCouncil::consent_counts)
    }

    /// A system of which only the identity and status are known; every other fact is unknown.
    pub fn new(id: impl Into<String>, name: impl Into<String>, status: Status) -> System {
        System {
            id: id.into(),
            name: name.into(),
            description: None,
            vendor: None,
            status,
            go_live: None,
            purposes: Vec::new(),
            actual_uses: Vec::new(),
            subjects: Vec::new(),
            data: Vec::new(),
            monitoring: None,
            covert: None,
            off_duty: None,
            private_devices: None,
            profiling: None,
            legal_basis: None,
            retention_days: BTreeMap::new(),
            log_retention_days: None,
            emotion_inference: None,
            biometric_purpose: None,
            ai: None,
            important_technology: None,
            targets: Vec::new(),
            decisions: Vec::new(),
            functions: Vec::new(),
            shift: None,
            roster: None,
            quota: None,
            legal: None,
            ai_act: None,
            assessment: None,
            transparency: None,
            works_council: None,
            health_safety: None,
        }
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
    BadTarget { system: String, kind: String, per_hour: f64 },
    #[error("system `{system}`: shift.hours must be more than 0 and at most 24, not {hours}")]
    BadShiftHours { system: String, hours: f64 },
    #[error("system `{system}`: decision `{kind}` has override_rate {rate}; a share is from 0 to 1")]
    BadOverrideRate { system: String, kind: String, rate: f64 },
    #[error("the register has {count} systems; inzage reads at most {MAX_SYSTEMS}")]
    TooManySystems { count: usize },
    #[error("{place}: `{field}` is {length} characters long; at most {MAX_TEXT}")]
    TooLong { place: String, field: String, length: usize },
    #[error("{place}: `{field}` has {count} entries; at most {MAX_ENTRIES}")]
    TooMany { place: String, field: String, count: usize },
}

/// The most systems a register may have (security review L15: 20,000 systems took `inzage
/// check` 73 s and 9.8 GB, and every portal page that runs the rulebook two seconds).
pub const MAX_SYSTEMS: usize = 1_000;
/// The longest text in a register, in characters (a description, a name, an id).
pub const MAX_TEXT: usize = 10_000;
/// The most entries in one list or table of a register (functions, data categories, targets…).
pub const MAX_ENTRIES: usize = 1_000;

/// Checks every text and list under `value` against [`MAX_TEXT`] and [`MAX_ENTRIES`]; `place`
/// says whose it is, `field` is the key path within it.
fn check_sizes(place: &str, field: &str, value: &serde_json::Value) -> Result<(), RegisterError> {
    let at = |key: &str| if field.is_empty() { key.to_owned() } else { format!("{field}.{key}") };
    let too_many = |count: usize| RegisterError::TooMany { place: place.to_owned(), field: field.to_owned(), count };
    match value {
        serde_json::Value::String(text) => {
            let length = text.chars().count();
            if length > MAX_TEXT {
                return Err(RegisterError::TooLong { place: place.to_owned(), field: field.to_owned(), length });
            }
        }
        serde_json::Value::Array(items) => {
            if items.len() > MAX_ENTRIES {
                return Err(too_many(items.len()));
            }
            for (i, item) in items.iter().enumerate() {
                check_sizes(place, &format!("{field}[{i}]"), item)?;
            }
        }
        serde_json::Value::Object(map) => {
            if map.len() > MAX_ENTRIES {
                return Err(too_many(map.len()));
            }
            for (key, item) in map {
                if key.chars().count() > MAX_TEXT {
                    return Err(RegisterError::TooLong {
                        place: place.to_owned(),
                        field: at("…"),
                        length: key.chars().count(),
                    });
                }
                check_sizes(place, &at(key), item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

impl Register {
    /// Checks what serde cannot: the format version, unique well-formed ids, positive targets,
    /// every other number finite and in its range (shift hours, override rates), and its size:
    /// at most [`MAX_SYSTEMS`] systems, [`MAX_ENTRIES`] entries in a list and [`MAX_TEXT`]
    /// characters in a text.
    pub fn validate(&self) -> Result<(), RegisterError> {
        if self.format != REGISTER_FORMAT {
            return Err(RegisterError::Format(self.format.clone()));
        }
        if self.systems.len() > MAX_SYSTEMS {
            return Err(RegisterError::TooManySystems { count: self.systems.len() });
        }
        if let Ok(organisation) = serde_json::to_value(&self.organisation) {
            check_sizes("organisation", "", &organisation)?;
        }
        for system in &self.systems {
            let place = format!("system `{}`", system.id.chars().take(100).collect::<String>());
            if let Ok(value) = serde_json::to_value(system) {
                check_sizes(&place, "", &value)?;
            }
        }
        let mut seen = BTreeSet::new();
        for system in &self.systems {
            let well_formed = !system.id.is_empty()
                && system.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
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
            // A number that is not finite cannot be stored as JSON (it would come back as null).
            if let Some(shift) = &system.shift
                && !(shift.hours > 0.0 && shift.hours <= 24.0)
            {
                return Err(RegisterError::BadShiftHours { system: system.id.clone(), hours: shift.hours });
            }
            for d in &system.decisions {
                if let Some(rate) = d.override_rate
                    && !(0.0..=1.0).contains(&rate)
                {
                    return Err(RegisterError::BadOverrideRate {
                        system: system.id.clone(),
                        kind: d.kind.as_str().to_owned(),
                        rate,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn council(consent: Consent, cao_clause: Option<&str>) -> WorksCouncil {
        WorksCouncil {
            consent,
            date: None,
            scope: None,
            cao_clause: cao_clause.map(str::to_owned),
            notified_date: None,
            open_information_requests: None,
            expert: None,
            consulted: None,
            cao_exhaustive: None,
            information_due_date: None,
            advice: None,
            decision_date: None,
        }
    }

    #[test]
    fn consent_counts_when_granted_substituted_or_regulated_by_a_recorded_clause() {
        let clause = Some("cao artikel 12.3");
        for (consent, cao_clause, counts) in [
            (Consent::Granted, None, true),
            (Consent::CourtSubstitute, None, true),
            (Consent::CaoRegulated, clause, true),
            (Consent::Granted, clause, true),
            (Consent::NotRequested, None, false),
            (Consent::Requested, None, false),
            (Consent::Refused, clause, false),
        ] {
            assert_eq!(council(consent, cao_clause).consent_counts(), counts, "{consent} {cao_clause:?}");
        }
    }

    /// The register page counted `cao_regulated` as consent without a clause, while the WOR rules
    /// reported the same system as a violation.
    #[test]
    fn cao_regulated_without_a_clause_is_not_consent() {
        assert!(!council(Consent::CaoRegulated, None).consent_counts());
        assert!(!council(Consent::CaoRegulated, Some("  ")).consent_counts());
        let mut org = Organisation::new("Pakhuis");
        org.works_council = Some(true);
        let mut system = System::new("scan", "Scan", Status::Live);
        system.works_council = Some(council(Consent::CaoRegulated, None));
        assert!(system.consent_missing(&org));
    }

    #[test]
    fn consent_is_missing_only_where_there_is_a_works_council() {
        let mut system = System::new("scan", "Scan", Status::Live);
        let mut org = Organisation::new("Pakhuis");
        for (works_council, consent, missing) in [
            (Some(true), None, true),
            (Some(true), Some(Consent::Requested), true),
            (Some(true), Some(Consent::Granted), false),
            (Some(false), None, false),
            (None, Some(Consent::Refused), false),
        ] {
            org.works_council = works_council;
            system.works_council = consent.map(|c| council(c, None));
            assert_eq!(system.consent_missing(&org), missing, "{works_council:?} {consent:?}");
        }
    }

    fn register_with(system_lines: &str) -> Register {
        let text = format!(
            "format = \"{REGISTER_FORMAT}\"\n[organisation]\nname = \"T\"\n[[system]]\nid = \"s\"\nname = \"S\"\nstatus = \"live\"\n{system_lines}"
        );
        toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Regression (security review M10): `hours = inf` was accepted, stored as JSON `null`, and
    /// every page that read that register version failed for good.
    #[test]
    fn numbers_that_are_not_finite_or_out_of_range_are_refused() {
        for hours in ["inf", "-inf", "nan", "0.0", "25.0"] {
            let r = register_with(&format!("[system.shift]\nhours = {hours}\n"));
            assert!(matches!(r.validate(), Err(RegisterError::BadShiftHours { .. })), "hours = {hours}");
        }
        assert_eq!(register_with("[system.shift]\nhours = 10.5\n").validate(), Ok(()));
        for rate in ["nan", "inf", "-0.1", "1.5"] {
            let r = register_with(&format!("[[system.decision]]\nkind = \"warning\"\noverride_rate = {rate}\n"));
            let err = r.validate().unwrap_err();
            assert!(matches!(err, RegisterError::BadOverrideRate { .. }), "override_rate = {rate}");
            assert!(err.to_string().contains("from 0 to 1"), "{err}");
        }
        assert_eq!(register_with("[[system.decision]]\nkind = \"warning\"\noverride_rate = 0.25\n").validate(), Ok(()));
        let r = register_with("[[system.target]]\nkind = \"scan\"\nper_hour = nan\n");
        assert!(matches!(r.validate(), Err(RegisterError::BadTarget { .. })));
    }
}
