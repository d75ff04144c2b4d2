//! One rule: its data as written in a rule file, compiled.

use cel::{Program, Value};
use domain::Date;
use serde::{Deserialize, Serialize};

use crate::context::Facts;
use crate::{Finding, Kind, Settings};

/// How bad a finding is. Ordered: advice < risk < violation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Advice,
    Risk,
    Violation,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Advice => "advice",
            Severity::Risk => "risk",
            Severity::Violation => "violation",
        }
    }
}

/// The law a rule rests on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub instrument: String,
    pub article: String,
}

/// The instruments a citation may name: those of `register-format.md`, and the
/// Arbeidsomstandighedenregeling (`Arboregeling`), where the screen-work rule on checking
/// without workers' knowledge lives (art 5.3(c)).
pub const INSTRUMENTS: [&str; 9] =
    ["GDPR", "UAVG", "WOR", "Arbowet", "Arbobesluit", "Arboregeling", "Arbeidstijdenwet", "AI Act", "PWD"];

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub nl: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.nl }
    }
}

/// A rule's words in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleText {
    pub title: String,
    /// The plain-language line.
    pub message: String,
    pub explanation: String,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub en: RuleText,
    pub nl: RuleText,
}

/// What must fire and what must not: tables merged onto `rules/fixtures/base.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixtures {
    #[serde(default)]
    pub fire: Option<toml::Table>,
    #[serde(default)]
    pub pass: Option<toml::Table>,
}

/// A rule as written in a rule file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub severity: Severity,
    pub effective_from: Date,
    /// `annex_iii`: an AI Act high-risk duty, advice before the Annex III application date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    pub verified: bool,
    pub citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_needs: Vec<String>,
    pub condition: String,
    #[serde(default)]
    pub needs: Vec<String>,
    pub text: Texts,
    #[serde(default, skip_serializing)]
    pub fixtures: Fixtures,
}

/// A rule, its expressions compiled.
#[derive(Debug)]
pub struct Rule {
    pub def: RuleDef,
    /// The file it came from.
    pub file: String,
    scope: Option<Program>,
    condition: Program,
}

/// Where an instrument is law: EU law in the EU member states inzage knows, Dutch law in the
/// Netherlands.
pub fn instrument_applies(instrument: &str, jurisdiction: domain::Jurisdiction) -> bool {
    match instrument {
        "GDPR" | "AI Act" | "PWD" => jurisdiction.in_eu(),
        "UAVG" | "WOR" | "Arbowet" | "Arbobesluit" | "Arboregeling" | "Arbeidstijdenwet" => {
            jurisdiction == domain::Jurisdiction::Nl
        }
        _ => false,
    }
}

impl Rule {
    /// Whether the rule is law in `jurisdiction`: every instrument it cites is (a rule that also
    /// cites Dutch law is not checked in Germany).
    pub fn applies_in(&self, jurisdiction: domain::Jurisdiction) -> bool {
        self.def.citations.iter().all(|c| instrument_applies(&c.instrument, jurisdiction))
    }

    pub(crate) fn compile(def: RuleDef, file: &str) -> Result<Rule, String> {
        if def.citations.is_empty() {
            return Err("no citation".into());
        }
        for c in &def.citations {
            if !INSTRUMENTS.contains(&c.instrument.as_str()) {
                return Err(format!("unknown instrument `{}`; use one of {}", c.instrument, INSTRUMENTS.join(", ")));
            }
        }
        if let Some(gate) = &def.gate
            && gate != "annex_iii"
        {
            return Err(format!("unknown gate `{gate}`; the only gate is `annex_iii`"));
        }
        let compile =
            |what: &str, source: &str| Program::compile(source).map_err(|e| format!("{what} does not compile: {e}"));
        let scope = def.scope.as_deref().map(|s| compile("scope", s)).transpose()?;
        let condition = compile("condition", &def.condition)?;
        Ok(Rule { def, file: file.to_owned(), scope, condition })
    }

    /// The severity on a date: advice before the rule is in force, and for AI Act high-risk
    /// duties before the Annex III date.
    pub fn severity_at(&self, settings: &Settings) -> (Severity, Option<jiff::civil::Date>) {
        let from = self.def.effective_from.0;
        let gate = match self.def.gate.as_deref() {
            Some("annex_iii") => Some(settings.annex_iii_from.max(from)),
            _ => None,
        };
        let in_force = gate.unwrap_or(from);
        if settings.as_of < in_force { (Severity::Advice, Some(in_force)) } else { (self.def.severity, None) }
    }

    pub(crate) fn check(
        &self,
        facts: &Facts,
        system: &str,
        settings: &Settings,
        names: &std::collections::BTreeMap<String, Text>,
    ) -> Result<Option<Finding>, String> {
        let unknown: Vec<String> = self.def.scope_needs.iter().filter(|p| !facts.known(p)).cloned().collect();
        if !unknown.is_empty() {
            return Ok(Some(self.question(system, unknown, names)));
        }
        if let Some(scope) = &self.scope
            && !self.holds("scope", scope, facts)?
        {
            return Ok(None);
        }
        let unknown: Vec<String> = self.def.needs.iter().filter(|p| !facts.known(p)).cloned().collect();
        if !unknown.is_empty() {
            return Ok(Some(self.question(system, unknown, names)));
        }
        if !self.holds("condition", &self.condition, facts)? {
            return Ok(None);
        }
        let (severity, from) = self.severity_at(settings);
        Ok(Some(Finding {
            rule: self.def.id.clone(),
            system: system.to_owned(),
            severity,
            citations: self.def.citations.clone(),
            message: Text { en: self.def.text.en.message.clone(), nl: self.def.text.nl.message.clone() },
            kind: Kind::Finding,
            title: self.title(),
            explanation: Text { en: self.def.text.en.explanation.clone(), nl: self.def.text.nl.explanation.clone() },
            action: Text { en: self.def.text.en.action.clone(), nl: self.def.text.nl.action.clone() },
            verified: self.def.verified,
            unknown: Vec::new(),
            in_force_from: from.map(|d| d.to_string()),
        }))
    }

    /// Evaluates an expression that must give a boolean.
    fn holds(&self, what: &str, program: &Program, facts: &Facts) -> Result<bool, String> {
        match program.execute(&facts.context) {
            Ok(Value::Bool(b)) => Ok(b),
            Ok(other) => Err(format!("the {what} gave {other:?}, not true or false")),
            Err(e) => Err(format!("the {what} failed: {e}")),
        }
    }

    fn title(&self) -> Text {
        Text { en: self.def.text.en.title.clone(), nl: self.def.text.nl.title.clone() }
    }

    fn question(
        &self,
        system: &str,
        unknown: Vec<String>,
        names: &std::collections::BTreeMap<String, Text>,
    ) -> Finding {
        let label = |lang: &str| {
            unknown.iter().map(|p| names.get(p).map_or(p.as_str(), |t| t.get(lang))).collect::<Vec<_>>().join("; ")
        };
        let message = Text {
            en: format!("Not registered: {}. Without it, this rule cannot be checked.", label("en")),
            nl: format!("Niet geregistreerd: {}. Zonder dat gegeven kan deze regel niet worden getoetst.", label("nl")),
        };
        Finding {
            rule: self.def.id.clone(),
            system: system.to_owned(),
            severity: Severity::Advice,
            citations: self.def.citations.clone(),
            message,
            kind: Kind::Question,
            title: self.title(),
            explanation: Text { en: self.def.text.en.explanation.clone(), nl: self.def.text.nl.explanation.clone() },
            action: Text { en: self.def.text.en.action.clone(), nl: self.def.text.nl.action.clone() },
            verified: self.def.verified,
            unknown,
            in_force_from: None,
        }
    }
}
