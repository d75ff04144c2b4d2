//! What the register says, for those who read it in aggregate (the works council, its experts,
//! the inspector, the privacy officer): the overview, the register's rows, a system's facts,
//! findings and history, and the rulebook. View models only: the `web` crate renders them.

use std::collections::BTreeMap;

use domain::{Register, System};
use locale::Tr;
use rules::{Finding, Kind, Rulebook, Severity, Tally};
use store::RegisterVersion;

use crate::{Error, MIN_GROUP, Portal, Result};

/// The overview's numbers, written for the reader's language.
#[derive(Debug)]
pub struct Counts {
    pub workers: String,
    pub decisions: String,
    pub automated: String,
    pub events: Option<String>,
}

/// An attribute's groups of workers, as far as they can be shown without singling anyone out.
#[derive(Debug)]
pub struct GroupsView {
    pub attribute: String,
    /// The groups shown, with their sizes.
    pub groups: Vec<(String, String)>,
    /// How many groups are not shown, and which, or why the attribute makes no groups.
    pub hidden: String,
}

/// The home page's view of the organisation.
#[derive(Debug)]
pub struct HomeView {
    pub version: Option<VersionView>,
    pub counts: Counts,
    pub groups: Vec<GroupsView>,
    pub min_group: i64,
}

/// A register version as pages show it: never the server's file path, only the file's name.
#[derive(Debug)]
pub struct VersionView {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub source: String,
    pub organisation: String,
    /// How many systems the register holds.
    pub systems: usize,
}

/// The file name of a register's source: a version imported before the import stored only the
/// name may hold a whole path, which pages must not show.
pub fn source_name(source: &str) -> String {
    source.rsplit(['/', '\\']).next().unwrap_or(source).to_owned()
}

impl VersionView {
    fn of(v: &RegisterVersion) -> VersionView {
        VersionView {
            id: v.id,
            created_at: v.created_at.clone(),
            author: v.author.clone(),
            source: source_name(&v.source),
            organisation: v.register.organisation.name.clone(),
            systems: v.register.systems.len(),
        }
    }
}

/// A system as one row of the register table.
#[derive(Debug)]
pub struct SystemRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub purposes: String,
    pub data: String,
    pub legal_basis: Option<String>,
    pub consent: Option<String>,
    /// Consent is missing where the organisation has a works council.
    pub consent_missing: bool,
    pub planned_functions: usize,
    pub tally: rules::Tally,
}

fn system_row(t: &Tr, register: &Register, s: &System, findings: &[rules::Finding]) -> SystemRow {
    let consent = s.works_council.as_ref().map(|w| {
        let label = t.v("consent", w.consent.as_str());
        match w.date {
            Some(d) => format!("{label} ({d})"),
            None => label,
        }
    });
    SystemRow {
        id: s.id.clone(),
        name: s.name.clone(),
        status: t.v("status", s.status.as_str()),
        purposes: list(s.purposes.iter().map(|p| t.v("purpose", p.as_str()))),
        data: list(s.data.iter().map(|d| data_label(t, d))),
        legal_basis: s.legal_basis.map(|b| t.v("basis", b.as_str())),
        consent,
        // The same reading as the WOR rules': `domain::WorksCouncil::consent_counts`.
        consent_missing: s.consent_missing(&register.organisation),
        planned_functions: s.functions.iter().filter(|f| f.status != domain::FunctionStatus::Enabled).count(),
        tally: rules::Tally::of(findings.iter().filter(|f| f.system == s.id)),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn data_label(t: &Tr, d: &domain::DataCategory) -> String {
    let base = t.v("data", d.kind.as_str());
    match &d.refinement {
        Some(r) => format!("{base} ({})", r.replace('_', " ")),
        None => base,
    }
}

/// One registered fact: its label and value, or that it is not registered.
#[derive(Debug)]
pub struct Fact {
    pub label: String,
    pub value: Option<String>,
}

#[derive(Debug)]
pub struct TargetView {
    pub kind: String,
    pub per_hour: String,
    pub seconds_per_unit: String,
}

#[derive(Debug)]
pub struct DecisionTypeView {
    pub kind: String,
    pub solely_automated: String,
    pub significant_effect: String,
}

#[derive(Debug)]
pub struct FunctionView {
    pub name: String,
    pub status: String,
    pub switched_off: bool,
    pub description: Option<String>,
    pub data: String,
}

/// A system's page.
#[derive(Debug)]
pub struct SystemView {
    pub organisation: String,
    pub row: SystemRow,
    pub description: Option<String>,
    pub facts: Vec<Fact>,
    /// Each data category's label, its retention, and its Fideslang category.
    pub retention: Vec<(String, Option<String>, &'static str)>,
    pub targets: Vec<TargetView>,
    pub decisions: Vec<DecisionTypeView>,
    pub functions: Vec<FunctionView>,
    pub found: SystemFindings,
    pub history: Vec<HistoryEntry>,
    /// The system has norms and the data folder has its events: the audit can run.
    pub auditable: bool,
}

fn non_empty(items: impl Iterator<Item = String>) -> Option<String> {
    let text = list(items);
    (!text.is_empty()).then_some(text)
}

/// A finding as the pages show it.
#[derive(Debug)]
pub struct FindingView {
    pub rule: String,
    pub class: &'static str,
    pub severity: String,
    pub title: String,
    pub message: String,
    pub explanation: String,
    pub action: String,
    pub citations: String,
    pub verified: bool,
    pub in_force_from: Option<String>,
    /// The language of the rule's words where it is not the reader's (a German rule read in
    /// Dutch shows its German; a US rule its English), for the page's `lang` attribute.
    pub lang: Option<&'static str>,
    /// The finding waits for the national act on platform work (no date to name yet).
    pub waits: bool,
}

/// The language a finding's words are in for a reader of `reader`: `None` when it is theirs.
/// (A question's message is always the reader's; its title and texts are the rule's.)
pub fn words_lang(f: &Finding, reader: &str) -> Option<&'static str> {
    match (reader, f.lang.as_deref()) {
        ("en", _) | (_, None) => None,
        (_, Some("de")) => Some("de"),
        (_, Some(_)) => Some("en"),
    }
}

pub fn citations(t: &Tr, c: &[rules::Citation]) -> String {
    c.iter().map(|c| format!("{} {} {}", c.instrument, t.t("article"), c.article)).collect::<Vec<_>>().join("; ")
}

pub fn severity_label(t: &Tr, s: Severity) -> String {
    t.v("severity", s.as_str())
}

fn view(t: &Tr, f: &Finding) -> FindingView {
    let l = t.lang.code();
    FindingView {
        rule: f.rule.clone(),
        class: f.severity.as_str(),
        severity: severity_label(t, f.severity),
        title: f.title.get(l).to_owned(),
        message: f.message.get(l).to_owned(),
        explanation: f.explanation.get(l).to_owned(),
        action: f.action.get(l).to_owned(),
        citations: citations(t, &f.citations),
        verified: f.verified,
        in_force_from: f.in_force_from.clone(),
        lang: words_lang(f, l),
        waits: f.waits_for.is_some(),
    }
}

/// A system's findings and questions, worst first.
#[derive(Debug)]
pub struct SystemFindings {
    pub findings: Vec<FindingView>,
    pub questions: Vec<FindingView>,
    pub tally: Tally,
}

pub fn for_system(t: &Tr, all: &[Finding], system: &str) -> SystemFindings {
    let mine: Vec<&Finding> = all.iter().filter(|f| f.system == system).collect();
    SystemFindings {
        findings: mine.iter().filter(|f| f.kind == Kind::Finding).map(|f| view(t, f)).collect(),
        questions: mine.iter().filter(|f| f.kind == Kind::Question).map(|f| view(t, f)).collect(),
        tally: Tally::of(mine.iter().copied()),
    }
}

/// One version in which a system changed.
#[derive(Debug)]
pub struct HistoryEntry {
    pub version: i64,
    pub at: String,
    pub author: String,
    pub source: String,
    pub added: bool,
    pub removed: bool,
    pub changes: Vec<(String, String, String)>,
    pub switched_on: Vec<String>,
    /// The version is stored but cannot be read: it is skipped, and the next readable version
    /// is compared with the one before it.
    pub unreadable: bool,
}

/// A system's history, newest first: each version that changed it, and each version that
/// cannot be read, flagged.
pub fn history(t: &Tr, stored: &store::History, system: &str) -> Vec<HistoryEntry> {
    let mut entries: Vec<HistoryEntry> = stored
        .unreadable
        .iter()
        .map(|v| HistoryEntry {
            version: v.id,
            at: t.moment(&v.created_at),
            author: v.author.clone(),
            source: source_name(&v.source),
            added: false,
            removed: false,
            changes: Vec::new(),
            switched_on: Vec::new(),
            unreadable: true,
        })
        .collect();
    let mut previous: Option<&domain::System> = None;
    for v in &stored.versions {
        let current = v.register.system(system);
        let changes = domain::history::compare(previous, current);
        if !changes.is_empty() {
            let none = || t.t("not-registered");
            entries.push(HistoryEntry {
                version: v.id,
                at: t.moment(&v.created_at),
                author: v.author.clone(),
                source: source_name(&v.source),
                added: changes.added,
                removed: changes.removed,
                changes: changes
                    .changes
                    .into_iter()
                    .map(|c| (c.path, c.before.unwrap_or_else(none), c.after.unwrap_or_else(none)))
                    .collect(),
                switched_on: changes.switched_on,
                unreadable: false,
            });
        }
        previous = current;
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.version));
    entries
}

/// A rule as the rulebook page shows it.
#[derive(Debug)]
pub struct RuleView {
    pub id: String,
    pub title: String,
    pub message: String,
    pub class: &'static str,
    pub severity: String,
    pub citations: String,
    pub effective_from: String,
    /// What holds the rule back: the Annex III date or the Dutch act on platform work (words).
    pub gate: Option<String>,
    /// The language of the title and message where it is not the reader's.
    pub lang: Option<&'static str>,
    pub verified: bool,
}

fn rule_views(t: &Tr, book: &Rulebook, jurisdiction: domain::Jurisdiction) -> Vec<(String, Vec<RuleView>)> {
    let mut by_instrument: BTreeMap<usize, (String, Vec<RuleView>)> = BTreeMap::new();
    for rule in book.rules().iter().filter(|r| r.applies_in(jurisdiction)) {
        let d = &rule.def;
        let instrument = d.citations.first().map_or("", |c| c.instrument.as_str());
        let order = rules::INSTRUMENTS.iter().position(|i| *i == instrument).unwrap_or(usize::MAX);
        let text = rule.words_in(t.lang.code());
        by_instrument.entry(order).or_insert_with(|| (instrument.to_owned(), Vec::new())).1.push(RuleView {
            id: d.id.clone(),
            title: text.title.clone(),
            message: text.message.clone(),
            class: d.severity.as_str(),
            severity: severity_label(t, d.severity),
            citations: citations(t, &d.citations),
            effective_from: d.effective_from.to_string(),
            gate: d.gate.as_deref().map(|g| match (g, d.before_gate) {
                ("pwd_nl", _) => t.t("gated-pwd-nl"),
                (_, Some(before)) => t.ta("gated-annex-iii-before", &[("severity", severity_label(t, before))]),
                _ => t.t("gated-annex-iii"),
            }),
            lang: rule.foreign_lang_for(t.lang.code()),
            verified: d.verified,
        });
    }
    by_instrument.into_values().collect()
}

/// The rulebook page: every rule by instrument.
#[derive(Debug)]
pub struct RulesView {
    pub instruments: Vec<(String, Vec<RuleView>)>,
    /// The rules checked here, and in the whole rulebook.
    pub total: usize,
    pub all: usize,
    pub unverified: usize,
    pub annex_iii: String,
    /// The organisation's jurisdiction, in words.
    pub jurisdiction: String,
}

/// The rulebook's findings per register version and day, computed once (security review L15:
/// `/register` and `/systems/{id}` ran the whole rulebook on every request).
#[derive(Clone, Debug, Default)]
pub struct Findings {
    cells: std::sync::Arc<crate::audits::Cells<FindingsKey, std::sync::Arc<Vec<Finding>>>>,
}

/// A register version and the day the law is read on.
type FindingsKey = (i64, jiff::civil::Date);

impl Findings {
    /// How many versions' findings are kept.
    pub fn computed(&self) -> usize {
        self.cells.computed()
    }
}

impl Portal {
    /// The rulebook's findings for a register, by the law as it stands today.
    pub fn check(&self, register: &Register) -> Result<Vec<Finding>> {
        Ok(self.rulebook.check(register, &self.settings())?)
    }

    /// The findings of a stored version, by the law as it stands today: computed once per
    /// version and day, then shared. For the newest version the rules also read each system's
    /// audit of the imported events (the score's reliability, the break penalty).
    pub async fn findings(&self, version: &RegisterVersion) -> Result<std::sync::Arc<Vec<Finding>>> {
        let settings = self.settings();
        let cell = self.findings.cells.cell((version.id, settings.as_of));
        let found = cell
            .get_or_try_init(|| async {
                let audits = self.audit_reports(version).await?;
                Ok::<_, Error>(std::sync::Arc::new(self.rulebook.check_audited(
                    &version.register,
                    &settings,
                    &audits,
                )?))
            })
            .await?;
        Ok(found.clone())
    }

    /// The audit reports, as JSON, of the systems with a norm when `version` is the newest
    /// register (the imported events are its data). A system whose audit fails has none: the
    /// rules that read its figures then ask for them.
    pub async fn audit_reports(&self, version: &RegisterVersion) -> Result<BTreeMap<String, serde_json::Value>> {
        let mut reports = BTreeMap::new();
        if self.store.latest_register().await?.is_none_or(|v| v.id != version.id) {
            return Ok(reports);
        }
        let Some((events, _)) = self.store.events_file().await? else { return Ok(reports) };
        for system in version.register.systems.iter().filter(|s| !s.targets.is_empty()) {
            if let Ok(audited) = self.audit(version.id, system, events.clone()).await {
                reports.insert(system.id.clone(), serde_json::to_value(&audited.report)?);
            }
        }
        Ok(reports)
    }

    /// The home page's overview: how much is loaded, and the workforce in groups (hidden as
    /// `disclosure::workforce` decides: groups under `MIN_GROUP` workers and as many more as
    /// it takes that none can be worked out).
    pub async fn home(&self, t: &Tr) -> Result<HomeView> {
        let overview = self.store.overview().await?;
        let counts = Counts {
            workers: t.int(overview.workers),
            decisions: t.int(overview.decisions),
            automated: t.int(overview.automated_decisions),
            events: overview.events.map(|(_, rows)| t.int(rows)),
        };
        let groups = workforce_groups(&self.store.workers().await?, MIN_GROUP as u64, t);
        let version = self.store.latest_register().await?.as_ref().map(VersionView::of);
        Ok(HomeView { version, counts, groups, min_group: MIN_GROUP })
    }

    /// The register: every system of the newest version as a row.
    pub async fn register_rows(&self, t: &Tr) -> Result<(Option<VersionView>, Vec<SystemRow>)> {
        let Some(v) = self.store.latest_register().await? else { return Ok((None, Vec::new())) };
        let found = self.findings(&v).await?;
        let rows = v.register.systems.iter().map(|s| system_row(t, &v.register, s, &found)).collect();
        Ok((Some(VersionView::of(&v)), rows))
    }

    /// A system's page: its facts, findings and history; `NotFound` for an unknown id.
    pub async fn system(&self, t: &Tr, id: &str) -> Result<SystemView> {
        let version = self.store.latest_register().await?.ok_or(Error::NotFound)?;
        let s = version.register.system(id).ok_or(Error::NotFound)?;
        let t = t.clone();
        let fact = |label: &str, value: Option<String>| Fact { label: t.t(label), value };
        let shift = s.shift.as_ref().map(|sh| {
            let breaks = sh.break_minutes.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(" + ");
            t.ta("shift-summary", &[("hours", t.num(sh.hours, 1)), ("breaks", breaks)])
        });
        let facts = vec![
            fact("fact-vendor", s.vendor.clone()),
            fact("fact-status", Some(t.v("status", s.status.as_str()))),
            fact("fact-go-live", s.go_live.map(|d| d.to_string())),
            fact("fact-purposes", non_empty(s.purposes.iter().map(|p| t.v("purpose", p.as_str())))),
            fact("fact-subjects", non_empty(s.subjects.iter().map(|p| t.v("subject", p.as_str())))),
            fact("fact-monitoring", s.monitoring.map(|m| t.v("monitoring", m.as_str()))),
            fact("fact-covert", s.covert.map(|b| t.yes_no(Some(b)))),
            fact("fact-off-duty", s.off_duty.map(|b| t.yes_no(Some(b)))),
            fact("fact-legal-basis", s.legal_basis.map(|b| t.v("basis", b.as_str()))),
            fact("fact-emotion", s.emotion_inference.map(|b| t.yes_no(Some(b)))),
            fact("fact-biometric", s.biometric_purpose.map(|b| t.v("biometric", b.as_str()))),
            fact("fact-ai", s.ai.map(|b| t.yes_no(Some(b)))),
            fact("fact-shift", shift),
            fact("fact-dpia", s.assessment.as_ref().and_then(|a| a.dpia).map(|d| t.v("dpia", d.as_str()))),
            fact("fact-dpia-date", s.assessment.as_ref().and_then(|a| a.dpia_date).map(|d| d.to_string())),
            fact("fact-notice", s.transparency.as_ref().and_then(|n| n.notice_date).map(|d| d.to_string())),
            fact("fact-consent", s.works_council.as_ref().map(|w| t.v("consent", w.consent.as_str()))),
            fact("fact-consent-date", s.works_council.as_ref().and_then(|w| w.date).map(|d| d.to_string())),
        ];
        let retention = s
            .data
            .iter()
            .map(|d| {
                let days = s.retention_days.get(d).map(|n| t.ta("days", &[("n", n.to_string())]));
                (data_label(&t, d), days, d.kind.fideslang().unwrap_or_default())
            })
            .collect();
        let targets = s
            .targets
            .iter()
            .map(|tg| TargetView {
                kind: tg.kind.clone(),
                per_hour: t.num(tg.per_hour, 0),
                seconds_per_unit: t.num(3600.0 / tg.per_hour, 3),
            })
            .collect();
        let decisions = s
            .decisions
            .iter()
            .map(|d| DecisionTypeView {
                kind: t.v("decision", d.kind.as_str()),
                solely_automated: t.yes_no(d.solely_automated),
                significant_effect: t.yes_no(d.significant_effect),
            })
            .collect();
        let functions = s
            .functions
            .iter()
            .map(|fun| FunctionView {
                name: fun.name.clone(),
                status: t.v("function", fun.status.as_str()),
                switched_off: fun.status != domain::FunctionStatus::Enabled,
                description: fun.description.clone(),
                data: list(fun.data.iter().map(|d| data_label(&t, d))),
            })
            .collect();
        let all = self.findings(&version).await?;
        let versions = self.store.register_history().await?;
        for v in &versions.unreadable {
            tracing::warn!(version = v.id, error = %v.error, "a stored register version cannot be read; its history is skipped");
        }
        Ok(SystemView {
            organisation: version.register.organisation.name.clone(),
            row: system_row(&t, &version.register, s, &all),
            found: for_system(&t, &all, &s.id),
            auditable: !s.targets.is_empty() && self.store.events_file().await?.is_some(),
            history: history(&t, &versions, &s.id),
            description: s.description.clone(),
            facts,
            retention,
            targets,
            decisions,
            functions,
        })
    }

    /// The rulebook, by instrument.
    /// The rules checked for the organisation: those that are law where its register says it is.
    pub async fn rulebook_view(&self, t: &Tr) -> Result<RulesView> {
        let book = &self.rulebook;
        let jurisdiction = self
            .store
            .latest_register()
            .await?
            .map_or(domain::Jurisdiction::Nl, |v| v.register.organisation.jurisdiction());
        let checked: Vec<&rules::Rule> = book.rules().iter().filter(|r| r.applies_in(jurisdiction)).collect();
        Ok(RulesView {
            instruments: rule_views(t, book, jurisdiction),
            total: checked.len(),
            all: book.rules().len(),
            unverified: checked.iter().filter(|r| !r.def.verified).count(),
            annex_iii: self.annex_iii_from.to_string(),
            jurisdiction: t.v("jurisdiction", jurisdiction.as_str()),
        })
    }
}

/// The workforce by each attribute that makes groups, protected as every audit of it is.
fn workforce_groups(workers: &[domain::Worker], min_group: u64, t: &Tr) -> Vec<GroupsView> {
    let grouping = disclosure::Grouping::of(&workers.iter().map(|w| &w.attributes).collect::<Vec<_>>());
    let mut tables = disclosure::workforce(grouping.used.len(), &grouping.rows, min_group).into_iter();
    grouping
        .prepared
        .iter()
        .map(|p| {
            let none = || t.t("home-groups-unknown");
            let (groups, hidden) = match p.treatment {
                disclosure::Treatment::Identifying => (Vec::new(), t.t("home-groups-identifying")),
                disclosure::Treatment::TooManyValues => {
                    (Vec::new(), t.ta("home-groups-too-many", &[("distinct", p.distinct.to_string())]))
                }
                disclosure::Treatment::Kept | disclosure::Treatment::Binned => {
                    let table = tables.next().unwrap_or_default();
                    let label = |v: &str| if v.is_empty() { none() } else { v.to_owned() };
                    let groups = table.shown.iter().map(|(k, c)| (label(&k[0]), t.int(c.n as i64))).collect();
                    let names: Vec<String> = table.named.iter().map(|k| label(&k[0])).collect();
                    let hidden = crate::report::hidden_groups(t, table.hidden.unwrap_or(0), &names)
                        .unwrap_or_else(|| t.t("home-groups-none-hidden"));
                    (groups, hidden)
                }
            };
            GroupsView { attribute: p.attribute.clone(), groups, hidden }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding's words, read by someone whose language the rule lacks, are in the rule's own
    /// language and marked so (WCAG 3.1.2): German for a German rule, English for a US rule.
    #[test]
    fn a_finding_in_another_language_than_the_readers_is_marked_with_it() {
        let book = Rulebook::builtin().unwrap();
        let mut register: Register = toml::from_str(synth::REGISTER_TOML).unwrap();
        let checked =
            |register: &Register| book.check(register, &rules::Settings::at(jiff::civil::date(2026, 12, 6))).unwrap();
        let dutch = checked(&register);
        assert!(dutch.iter().all(|f| words_lang(f, "nl").is_none() && words_lang(f, "en").is_none()));
        register.organisation.jurisdiction = Some(domain::Jurisdiction::De);
        let german = checked(&register);
        let betrvg = german.iter().find(|f| f.rule.starts_with("de.betrvg.") && f.kind == Kind::Finding).unwrap();
        assert_eq!(words_lang(betrvg, "nl"), Some("de"));
        assert_eq!(words_lang(betrvg, "en"), None);
        let view = view(&Tr::new(locale::Lang::Nl), betrvg);
        assert_eq!(view.message, betrvg.de.as_ref().unwrap().message, "a Dutch reader sees the German words");
        let gdpr = german.iter().find(|f| f.rule.starts_with("gdpr.") && f.kind == Kind::Finding).unwrap();
        assert_eq!(words_lang(gdpr, "nl"), None, "EU law has Dutch words");
        register.organisation.jurisdiction = Some(domain::Jurisdiction::UsCa);
        register.organisation.warehouse_site_employees = Some(300);
        register.organisation.warehouse_state_employees = Some(300);
        let californian = checked(&register);
        let quota = californian.iter().find(|f| f.kind == Kind::Finding).expect("a Californian finding");
        assert_eq!(words_lang(quota, "nl"), Some("en"));
    }
}
