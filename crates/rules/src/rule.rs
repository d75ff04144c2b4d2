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

/// Where an instrument is law: everywhere in the EU, or in one jurisdiction only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Home {
    Eu,
    Only(domain::Jurisdiction),
}

/// The instruments a citation may name, and where each is law: those of `register-format.md`;
/// the Arbeidsomstandighedenregeling (`Arboregeling`), where the screen-work rule on checking
/// without workers' knowledge lives (art 5.3(c)); Germany's works constitution, data protection,
/// working time and health and safety acts; and the US warehouse quota laws of California, New
/// York, Washington, Minnesota and Oregon (`docs/register.md`).
const LAWS: [(&str, Home); 18] = {
    use domain::Jurisdiction as J;
    [
        ("GDPR", Home::Eu),
        ("UAVG", Home::Only(J::Nl)),
        ("WOR", Home::Only(J::Nl)),
        ("Arbowet", Home::Only(J::Nl)),
        ("Arbobesluit", Home::Only(J::Nl)),
        ("Arboregeling", Home::Only(J::Nl)),
        ("Arbeidstijdenwet", Home::Only(J::Nl)),
        ("AI Act", Home::Eu),
        ("PWD", Home::Eu),
        ("BetrVG", Home::Only(J::De)),
        ("BDSG", Home::Only(J::De)),
        ("ArbZG", Home::Only(J::De)),
        ("ArbSchG", Home::Only(J::De)),
        ("Cal. Labor Code", Home::Only(J::UsCa)),
        ("N.Y. Labor Law", Home::Only(J::UsNy)),
        ("RCW", Home::Only(J::UsWa)),
        ("Minn. Stat.", Home::Only(J::UsMn)),
        ("ORS", Home::Only(J::UsOr)),
    ]
};

/// The instruments a citation may name, in the rulebook's order.
pub const INSTRUMENTS: [&str; LAWS.len()] = {
    let mut names = [""; LAWS.len()];
    let mut i = 0;
    while i < LAWS.len() {
        names[i] = LAWS[i].0;
        i += 1;
    }
    names
};

fn home(instrument: &str) -> Option<Home> {
    LAWS.iter().find(|(name, _)| *name == instrument).map(|(_, home)| *home)
}

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

/// A rule's words: English always, and the language of the law it applies (Dutch for Dutch and
/// EU law, German for German law; US rules are in English only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub en: RuleText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nl: Option<RuleText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<RuleText>,
}

impl Texts {
    /// The rule's own language: Dutch, else German, else English.
    pub fn own(&self) -> &RuleText {
        self.nl.as_ref().or(self.de.as_ref()).unwrap_or(&self.en)
    }

    /// The words in `lang` (`nl`, `en`, `de`), or in the rule's own language when it has none
    /// in `lang`.
    pub fn get(&self, lang: &str) -> &RuleText {
        match lang {
            "en" => &self.en,
            "de" => self.de.as_ref().unwrap_or_else(|| self.own()),
            _ => self.nl.as_ref().unwrap_or_else(|| self.own()),
        }
    }
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
    /// `pwd_nl`: a Platform Work Directive duty, advice until the Dutch act that transposes it
    /// applies (a setting; unset, always advice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    /// The severity before the gate opens (default advice): the AI Act's art 86 is a risk from
    /// its own date and a violation once Annex III applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_gate: Option<Severity>,
    pub verified: bool,
    pub citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_needs: Vec<String>,
    pub condition: String,
    #[serde(default)]
    pub needs: Vec<String>,
    /// Values computed when the rule fires (CEL, giving text or a number), put into its texts
    /// where they say `{name}`: `deadline = "add_months(system.works_council.notified_date, 1)"`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub values: std::collections::BTreeMap<String, String>,
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
    values: Vec<(String, Program)>,
}

/// Where an instrument is law: EU law in the EU member states inzage knows, Dutch law in the
/// Netherlands, German law in Germany, a US state's law in that state.
pub fn instrument_applies(instrument: &str, jurisdiction: domain::Jurisdiction) -> bool {
    match home(instrument) {
        Some(Home::Eu) => jurisdiction.in_eu(),
        Some(Home::Only(place)) => jurisdiction == place,
        None => false,
    }
}

/// The language a rule must have its words in besides English: Dutch for Dutch and EU law,
/// German for German law, none for US law.
fn language_of(instrument: &str) -> Option<&'static str> {
    match home(instrument) {
        Some(Home::Only(domain::Jurisdiction::De)) => Some("de"),
        Some(Home::Only(place)) if !place.in_eu() => None,
        _ => Some("nl"),
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
            && gate != "pwd_nl"
        {
            return Err(format!("unknown gate `{gate}`; a gate is `annex_iii` or `pwd_nl`"));
        }
        if def.before_gate.is_some() && def.gate.is_none() {
            return Err("`before_gate` without a `gate`".into());
        }
        for c in &def.citations {
            match language_of(&c.instrument) {
                Some("nl") if def.text.nl.is_none() => {
                    return Err(format!("cites {} but has no Dutch text (`[rule.text.nl]`)", c.instrument));
                }
                Some("de") if def.text.de.is_none() => {
                    return Err(format!("cites {} but has no German text (`[rule.text.de]`)", c.instrument));
                }
                _ => {}
            }
        }
        let texts = [Some(&def.text.en), def.text.nl.as_ref(), def.text.de.as_ref()];
        for text in texts.into_iter().flatten() {
            for field in [&text.title, &text.message, &text.explanation, &text.action] {
                for name in placeholders(field) {
                    if !def.values.contains_key(name) {
                        return Err(format!("a text says `{{{name}}}`, which `values` does not define"));
                    }
                }
            }
        }
        let compile =
            |what: &str, source: &str| Program::compile(source).map_err(|e| format!("{what} does not compile: {e}"));
        let scope = def.scope.as_deref().map(|s| compile("scope", s)).transpose()?;
        let condition = compile("condition", &def.condition)?;
        let values = def
            .values
            .iter()
            .map(|(name, source)| Ok((name.clone(), compile(&format!("value `{name}`"), source)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Rule { def, file: file.to_owned(), scope, condition, values })
    }

    /// The severity on a date, and from when a higher one applies: advice before the rule is in
    /// force; for a gated rule its `before_gate` severity (default advice) before the gate opens —
    /// the Annex III date, or the date the national act on platform work applies (none yet: no
    /// date to name).
    pub fn severity_at(&self, settings: &Settings) -> (Severity, Option<jiff::civil::Date>) {
        let from = self.def.effective_from.0;
        let gate = match self.def.gate.as_deref() {
            Some("annex_iii") => Some(Some(settings.annex_iii_from)),
            Some("pwd_nl") => Some(settings.pwd_from),
            _ => None,
        };
        if settings.as_of < from {
            // With a `before_gate` severity the rule already counts from its own date; without
            // one nothing counts before the gate opens, so name the later of the two.
            let next = match gate {
                Some(day) if self.def.before_gate.is_none() => day.map(|d| d.max(from)),
                _ => Some(from),
            };
            return (Severity::Advice, next);
        }
        let before = self.def.before_gate.unwrap_or(Severity::Advice);
        match self.def.gate.as_deref() {
            Some("annex_iii") if settings.as_of < settings.annex_iii_from => (before, Some(settings.annex_iii_from)),
            // Until the Dutch act applies there is no date to name: the finding says so itself.
            Some("pwd_nl") => match settings.pwd_from {
                Some(day) if settings.as_of >= day => (self.def.severity, None),
                Some(day) => (before, Some(day)),
                None => (before, None),
            },
            _ => (self.def.severity, None),
        }
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
            return Ok(Some(self.question(facts, system, unknown, names)));
        }
        if let Some(scope) = &self.scope
            && !self.holds("scope", scope, facts)?
        {
            return Ok(None);
        }
        let unknown: Vec<String> = self.def.needs.iter().filter(|p| !facts.known(p)).cloned().collect();
        if !unknown.is_empty() {
            return Ok(Some(self.question(facts, system, unknown, names)));
        }
        if !self.holds("condition", &self.condition, facts)? {
            return Ok(None);
        }
        let (severity, from) = self.severity_at(settings);
        let (english, other) = (self.values(facts, "en"), self.values(facts, self.own_lang().unwrap_or("nl")));
        let words = |pick: fn(&RuleText) -> &String| words(&self.def.text, pick, &english, &other);
        let german = self.values(facts, "de");
        let fill = |text: &str| fill(text, &german);
        Ok(Some(Finding {
            rule: self.def.id.clone(),
            system: system.to_owned(),
            severity,
            citations: self.def.citations.clone(),
            message: words(|t| &t.message),
            kind: Kind::Finding,
            title: words(|t| &t.title),
            explanation: words(|t| &t.explanation),
            action: words(|t| &t.action),
            de: self.def.text.de.as_ref().map(|de| RuleText {
                title: fill(&de.title),
                message: fill(&de.message),
                explanation: fill(&de.explanation),
                action: fill(&de.action),
            }),
            lang: self.own_lang().map(str::to_owned),
            verified: self.def.verified,
            unknown: Vec::new(),
            in_force_from: from.map(|d| d.to_string()),
            waits_for: (self.def.gate.as_deref() == Some("pwd_nl") && settings.pwd_from.is_none())
                .then(|| "pwd_national_act".to_owned()),
        }))
    }

    /// The values for the texts' `{name}`s, written for a text in `lang` (a decimal comma in
    /// Dutch and German). A value that cannot be computed (a fact it reads is missing) is shown
    /// as "…": a text with a gap, never a failed check.
    fn values(&self, facts: &Facts, lang: &str) -> Vec<(&str, String)> {
        self.values
            .iter()
            .map(|(name, program)| {
                let value = match program.execute(&facts.context) {
                    Ok(Value::String(s)) => s.to_string(),
                    Ok(Value::Int(i)) => i.to_string(),
                    Ok(Value::UInt(u)) => u.to_string(),
                    Ok(Value::Float(f)) => {
                        let shown = format!("{}", (f * 10.0).round() / 10.0);
                        if lang == "en" { shown } else { shown.replace('.', ",") }
                    }
                    _ => GAP.to_owned(),
                };
                (name.as_str(), value)
            })
            .collect()
    }

    /// The language of the words a finding carries under `nl` when the rule has no Dutch: German
    /// for German law, English for US law; `None` for a rule with Dutch.
    fn own_lang(&self) -> Option<&'static str> {
        match (&self.def.text.nl, &self.def.text.de) {
            (Some(_), _) => None,
            (None, Some(_)) => Some("de"),
            (None, None) => Some("en"),
        }
    }

    /// The language of the rule's words shown to a reader of `reader` (`nl`, `en`) where it is
    /// not theirs: German for a German rule read in Dutch, English for a US rule.
    pub fn foreign_lang_for(&self, reader: &str) -> Option<&'static str> {
        if reader == "en" { None } else { self.own_lang() }
    }

    /// The rule's words in `lang` (or its own language), with each `{name}` shown as "…": for
    /// lists of rules, where no system's values exist.
    pub fn words_in(&self, lang: &str) -> RuleText {
        let t = self.def.text.get(lang);
        let gap =
            |text: &str| fill(text, &self.values.iter().map(|(n, _)| (n.as_str(), GAP.to_owned())).collect::<Vec<_>>());
        RuleText {
            title: gap(&t.title),
            message: gap(&t.message),
            explanation: gap(&t.explanation),
            action: gap(&t.action),
        }
    }

    /// Evaluates an expression that must give a boolean.
    fn holds(&self, what: &str, program: &Program, facts: &Facts) -> Result<bool, String> {
        match program.execute(&facts.context) {
            Ok(Value::Bool(b)) => Ok(b),
            Ok(other) => Err(format!("the {what} gave {other:?}, not true or false")),
            Err(e) => Err(format!("the {what} failed: {e}")),
        }
    }

    fn question(
        &self,
        facts: &Facts,
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
        let (english, other) = (self.values(facts, "en"), self.values(facts, self.own_lang().unwrap_or("nl")));
        let words = |pick: fn(&RuleText) -> &String| words(&self.def.text, pick, &english, &other);
        Finding {
            rule: self.def.id.clone(),
            system: system.to_owned(),
            severity: Severity::Advice,
            citations: self.def.citations.clone(),
            message,
            kind: Kind::Question,
            title: words(|t| &t.title),
            explanation: words(|t| &t.explanation),
            action: words(|t| &t.action),
            de: None,
            lang: self.own_lang().map(str::to_owned),
            verified: self.def.verified,
            unknown,
            in_force_from: None,
            waits_for: None,
        }
    }
}

/// The `{name}`s a text asks for: everything between braces, so a misspelt name is refused
/// when the rulebook loads rather than shown raw.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|part| part.find('}').map(|close| &part[..close]))
}

/// One of a rule's texts in English and in Dutch (or the rule's own language), each with its
/// values.
fn words(texts: &Texts, pick: fn(&RuleText) -> &String, english: &[(&str, String)], other: &[(&str, String)]) -> Text {
    Text { en: fill(pick(&texts.en), english), nl: fill(pick(texts.get("nl")), other) }
}

/// What a value that cannot be computed shows.
const GAP: &str = "…";

/// A text with each `{name}` replaced by its value, in one pass (a value that itself contains
/// `{…}` is not read again).
fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| values.iter().find(|(n, _)| *n == &after[..close]).map(|v| (close, v))) {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_once_and_keeps_other_braces() {
        let values = [("deadline", "2027-01-05".to_owned()), ("name", "{deadline}".to_owned())];
        assert_eq!(fill("ends {deadline}", &values), "ends 2027-01-05");
        assert_eq!(fill("{name} stays", &values), "{deadline} stays", "a value is not read again");
        assert_eq!(fill("a {brace} and {", &values), "a {brace} and {");
        assert_eq!(placeholders("x {a} y {b_c} {").collect::<Vec<_>>(), ["a", "b_c"]);
    }
}
