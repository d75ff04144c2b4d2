//! The public register (issue 11): an opt-in page anyone may read, without logging in, with
//! what the Dutch Algorithm Register publishes for each system (the fields of
//! `formats::export::algoritmeregister`), in Dutch and English; the rulebook's findings only when
//! the admin chooses to publish them. Nothing personal: it is made from the register alone, never
//! from workers, events, decisions, audits or the access log.

use domain::Status;
use locale::{Lang, Tr};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{Error, Portal, Result};

/// The setting's key in the store.
const SETTING: &str = "public_register";

/// What the admin publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    /// Nothing: `/public/register` is not found.
    Off,
    /// The register's systems.
    Register,
    /// The systems and the rulebook's findings about them.
    WithFindings,
}

impl Publication {
    pub const ALL: [Publication; 3] = [Publication::Off, Publication::Register, Publication::WithFindings];

    pub fn as_str(self) -> &'static str {
        match self {
            Publication::Off => "off",
            Publication::Register => "register",
            Publication::WithFindings => "with_findings",
        }
    }

    pub fn parse(text: &str) -> Option<Publication> {
        Publication::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// The fields of the publication standard the page shows, in order.
pub const FIELDS: [&str; 12] = [
    "description_short",
    "status",
    "publication_category",
    "begin_date",
    "goal",
    "lawful_basis",
    "proportionality",
    "human_intervention",
    "impacttoetsen",
    "source_data",
    "methods_and_models",
    "provider",
];

/// One system as published, in one language.
#[derive(Clone, Debug, Serialize)]
pub struct PublicSystem {
    pub id: String,
    pub name: String,
    /// Label and value of each field the register states.
    pub fields: Vec<(String, String)>,
    /// Severity and title of each finding, when findings are published.
    pub findings: Vec<(String, String, String)>,
}

/// The public register in one language.
#[derive(Clone, Debug, Serialize)]
pub struct PublicView {
    pub organisation: String,
    /// The register version's date.
    pub as_of: String,
    pub systems: Vec<PublicSystem>,
    pub with_findings: bool,
}

/// The standard's entries in `lang`: the Algorithm Register is Dutch, so for English the
/// vocabulary is English and the standard's fixed Dutch values (status, category) are said in
/// English too; `lang` says which.
fn entries(register: &domain::Register, lang: Lang) -> Vec<Value> {
    let t = Tr::new(lang);
    let label = |vocab: &str, value: &str| t.v(vocab, value);
    let mut doc = formats::export::algoritmeregister(register, &label);
    let mut entries = doc["algorithms"].as_array_mut().map(std::mem::take).unwrap_or_default();
    if lang == Lang::En {
        for (entry, system) in entries.iter_mut().zip(&register.systems) {
            let category = entry["publication_category"].as_str().unwrap_or_default().to_owned();
            let map = entry.as_object_mut().expect("an object");
            map.insert("lang".into(), json!("eng"));
            map.insert("status".into(), json!(t.v("status", system.status.as_str())));
            map.insert("publication_category".into(), json!(t.t(category_key(&category))));
        }
    }
    entries
}

fn category_key(dutch: &str) -> &'static str {
    match dutch {
        "Hoog-risico AI-systeem" => "public-category-high-risk",
        "Impactvolle algoritmes" => "public-category-impactful",
        _ => "public-category-other",
    }
}

impl Portal {
    /// What the admin publishes now.
    pub async fn publication(&self) -> Result<Publication> {
        Ok(self.store.setting(SETTING).await?.as_deref().and_then(Publication::parse).unwrap_or(Publication::Off))
    }

    /// Sets what is published.
    pub async fn set_publication(&self, publication: Publication) -> Result<()> {
        self.store.set_setting(SETTING, publication.as_str()).await?;
        tracing::info!(publication = publication.as_str(), "the public register's publication was set");
        Ok(())
    }

    /// The public register in the reader's language; `NotFound` when nothing is published or no
    /// register is loaded. Retired systems are left out.
    pub async fn public_register(&self, t: &Tr) -> Result<PublicView> {
        let publication = self.publication().await?;
        let (Some(version), false) = (self.store.latest_register().await?, publication == Publication::Off) else {
            return Err(Error::NotFound);
        };
        let findings =
            if publication == Publication::WithFindings { Some(self.findings(&version).await?) } else { None };
        let lang = t.lang.code();
        let systems = entries(&version.register, t.lang)
            .into_iter()
            .zip(&version.register.systems)
            .filter(|(_, s)| s.status != Status::Retired)
            .map(|(entry, s)| PublicSystem {
                id: s.id.clone(),
                name: s.name.clone(),
                fields: FIELDS
                    .iter()
                    .filter_map(|k| {
                        entry.get(*k).and_then(Value::as_str).map(|v| (t.t(&format!("public-{k}")), v.to_owned()))
                    })
                    .collect(),
                findings: findings
                    .iter()
                    .flat_map(|all| all.iter())
                    .filter(|f| f.system == s.id && f.kind == rules::Kind::Finding)
                    .map(|f| {
                        let severity = crate::oversight::severity_label(t, f.severity);
                        (f.severity.as_str().to_owned(), severity, f.title.get(lang).to_owned())
                    })
                    .collect(),
            })
            .collect();
        Ok(PublicView {
            organisation: version.register.organisation.name.clone(),
            as_of: version.created_at.parse::<jiff::Timestamp>().map_or_else(
                |_| version.created_at.get(..10).unwrap_or_default().to_owned(),
                |at| t.date(at.to_zoned_datetime(t.zone.clone()).date()),
            ),
            systems,
            with_findings: publication == Publication::WithFindings,
        })
    }

    /// The public register as JSON: the standard's entries in Dutch and in English, and the
    /// findings' rule ids and severities when they are published.
    pub async fn public_register_json(&self) -> Result<Value> {
        let publication = self.publication().await?;
        let (Some(version), false) = (self.store.latest_register().await?, publication == Publication::Off) else {
            return Err(Error::NotFound);
        };
        let live: Vec<bool> = version.register.systems.iter().map(|s| s.status != Status::Retired).collect();
        let keep = |entries: Vec<Value>| -> Vec<Value> {
            entries.into_iter().zip(&live).filter(|(_, keep)| **keep).map(|(e, _)| e).collect()
        };
        let mut doc = json!({
            "standard": "algoritmeregister",
            "standard_version": "1.0",
            "organisation": version.register.organisation.name,
            "nl": keep(entries(&version.register, Lang::Nl)),
            "en": keep(entries(&version.register, Lang::En)),
        });
        if publication == Publication::WithFindings {
            let found = self.findings(&version).await?;
            let findings: Vec<Value> = found
                .iter()
                .filter(|f| f.kind == rules::Kind::Finding)
                .filter(|f| version.register.systems.iter().any(|s| s.id == f.system && s.status != Status::Retired))
                .map(|f| {
                    json!({
                        "system": f.system,
                        "rule": f.rule,
                        "severity": f.severity.as_str(),
                        "title": { "nl": f.title.get("nl"), "en": f.title.get("en") },
                    })
                })
                .collect();
            doc["findings"] = json!(findings);
        }
        Ok(doc)
    }
}
