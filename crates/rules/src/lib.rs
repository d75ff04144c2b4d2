//! The rulebook: every system of a register checked against GDPR/AVG, UAVG, WOR, Arbowet,
//! Arbeidstijdenwet, the AI Act and the Platform Work Directive.
//!
//! Rules are data (the repository's `rules/` folder, compiled in), their conditions written in
//! CEL. See `rules/README.md` for the format and the evaluation: a rule that needs a fact the
//! register does not state yields a question, never a violation.

pub mod conditions;
mod context;
pub mod report;
mod rule;

use std::collections::BTreeMap;

use domain::Register;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use rule::{Citation, INSTRUMENTS, Rule, RuleText, Severity, Text, instrument_applies};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/rulebook.rs"));
}

/// The AI Act's Annex III application date by default: 2 December 2027, as the Digital Omnibus
/// on AI moves it (Regulation 2024/1689 art 113 had 2 August 2026).
pub const ANNEX_III_DEFAULT: jiff::civil::Date = jiff::civil::date(2027, 12, 2);

/// The date the law is read at, and the dates that are settings rather than constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub as_of: jiff::civil::Date,
    pub annex_iii_from: jiff::civil::Date,
    /// When the Dutch act transposing the Platform Work Directive applies; `None` while there is
    /// none (the directive's rules are then advice: a directive binds the state, not a platform).
    pub pwd_from: Option<jiff::civil::Date>,
}

impl Settings {
    pub fn at(as_of: jiff::civil::Date) -> Settings {
        Settings { as_of, annex_iii_from: ANNEX_III_DEFAULT, pwd_from: None }
    }
}

/// A rule file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RulebookError {
    #[error("rules/{file}: {message}")]
    Parse { file: String, message: String },
    #[error("rules/{file}: rule `{rule}`: {message}")]
    Rule { file: String, rule: String, message: String },
    #[error("rules/facts.toml: {0}")]
    Facts(String),
    #[error("rule `{rule}` on system `{system}`: {message}; this is a fault in the rulebook, please report it")]
    Evaluation { rule: String, system: String, message: String },
}

/// Whether a result reports a problem or asks for a missing fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Finding,
    Question,
}

/// One result of checking a system against a rule. The keys `rule`, `system`, `severity`,
/// `citations` and `message` are a public contract (`register-format.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub system: String,
    pub severity: Severity,
    pub citations: Vec<Citation>,
    pub message: Text,
    pub kind: Kind,
    pub title: Text,
    pub explanation: Text,
    pub action: Text,
    /// The German words of a rule of German law (`title`, `message`, `explanation`, `action`).
    /// `nl` holds the rule's own language where it has no Dutch: German for German law, English
    /// for US law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<RuleText>,
    /// The language of the words under `nl` where the rule has none in Dutch: `de` for German
    /// law, `en` for US law. Absent for a rule with Dutch words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// False where the rule's source is not yet checked against the legal text.
    pub verified: bool,
    /// The facts a question asks for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// The rule applies only from this date (reported as advice before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force_from: Option<String>,
    /// What the rule waits for when no date can be named: `pwd_national_act`, the act that
    /// transposes the Platform Work Directive (until it applies the rule is advice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<String>,
}

/// Per system: how many violations, risks and advice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub violations: usize,
    pub risks: usize,
    pub advice: usize,
}

impl Tally {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Violation => t.violations += 1,
                Severity::Risk => t.risks += 1,
                Severity::Advice => t.advice += 1,
            }
        }
        t
    }
}

/// The rules, compiled, and the names of the facts they need.
#[derive(Debug)]
pub struct Rulebook {
    rules: Vec<Rule>,
    facts: BTreeMap<String, Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<rule::RuleDef>,
}

impl Rulebook {
    /// The rulebook compiled into this program.
    pub fn builtin() -> Result<Rulebook, RulebookError> {
        Rulebook::from_sources(embedded::RULE_FILES, embedded::FACTS)
    }

    /// A rulebook from rule files' texts and the facts file's text.
    pub fn from_sources(files: &[(&str, &str)], facts: &str) -> Result<Rulebook, RulebookError> {
        let facts: BTreeMap<String, Text> = toml::from_str(facts).map_err(|e| RulebookError::Facts(e.to_string()))?;
        let mut rules = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (file, text) in files {
            let parsed: RuleFile = toml::from_str(text)
                .map_err(|e| RulebookError::Parse { file: (*file).into(), message: e.to_string() })?;
            for def in parsed.rule {
                let id = def.id.clone();
                let fail = |message: String| RulebookError::Rule { file: (*file).into(), rule: id.clone(), message };
                if !seen.insert(id.clone()) {
                    return Err(fail("the id is used twice".into()));
                }
                for path in def.needs.iter().chain(&def.scope_needs) {
                    if !facts.contains_key(path) {
                        return Err(fail(format!("needs `{path}`, which rules/facts.toml does not name")));
                    }
                }
                rules.push(Rule::compile(def, file).map_err(fail)?);
            }
        }
        Ok(Rulebook { rules, facts })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.def.id == id)
    }

    /// The words for a fact path, such as `system.transparency.notice_date`.
    pub fn fact(&self, path: &str) -> Option<&Text> {
        self.facts.get(path)
    }

    /// Checks every system of the register against every rule. Findings come per system in
    /// register order, worst first, then by rule id.
    pub fn check(&self, register: &Register, settings: &Settings) -> Result<Vec<Finding>, RulebookError> {
        self.check_audited(register, settings, &BTreeMap::new())
    }

    /// As [`Rulebook::check`], with audit reports (`inzage audit --format json`) by system id:
    /// a rule that reads `audit.…` of a system without one asks for it.
    pub fn check_audited(
        &self,
        register: &Register,
        settings: &Settings,
        audits: &BTreeMap<String, serde_json::Value>,
    ) -> Result<Vec<Finding>, RulebookError> {
        let org = context::organisation(register);
        let jurisdiction = register.organisation.jurisdiction();
        let per_system: Vec<Result<Vec<Finding>, RulebookError>> = register
            .systems
            .par_iter()
            .map(|system| {
                let mut facts = context::Facts::new(system, &org, settings);
                if let Some(audit) = audits.get(&system.id) {
                    facts.add_audit(audit);
                }
                let mut found = Vec::new();
                for rule in self.rules.iter().filter(|r| r.applies_in(jurisdiction)) {
                    let result = rule.check(&facts, &system.id, settings, &self.facts).map_err(|message| {
                        RulebookError::Evaluation { rule: rule.def.id.clone(), system: system.id.clone(), message }
                    })?;
                    found.extend(result);
                }
                found.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(&b.rule)));
                Ok(found)
            })
            .collect();
        let mut all = Vec::new();
        for findings in per_system {
            all.extend(findings?);
        }
        Ok(all)
    }
}
