//! The works council's consent dossier (WOR art 27): a request per system, the four checkpoints
//! with their evidence gathered from the rulebook and the audit, information requests (WOR 31),
//! the expert (WOR 16, 22(2)), the decision and its conditions, re-checked against the data on
//! every import, and the nullity clock (WOR 27(5)).
//!
//! Dossiers hold no personal data: evidence is the audit's aggregate figures and the rulebook's
//! findings, and the access log is read as counts by role.

use std::sync::Arc;

use domain::dossier::{self, Change, Checkpoint, Learned, Outcome, RequestState, Status, Verdict};
use domain::{Register, Role, System};
use jiff::civil::Date;
use locale::Tr;
use rules::conditions::{self, Condition, Inputs, State, Why};
use rules::{Finding, Kind};
use serde::Serialize;
use serde_json::{Value, json};
use store::{ConditionCheck, ConditionText, Decided, Dossier, Expert, InformationRequest};

use crate::oversight::{FindingView, citations, severity_label};
use crate::{Audited, Error, Portal, Reader, Result};

/// The period of the access log a condition reads (`access.days`).
pub const ACCESS_DAYS: i64 = 30;

/// The roles counted in `access`, every one present (zero when it read nothing).
const ROLES: [Role; 5] = [Role::Admin, Role::Council, Role::Expert, Role::Inspector, Role::Worker];

/// The checkpoint a rule's findings are evidence for; `None` for the procedure's own rules
/// (WOR, consultation), which the dossier itself is.
pub fn checkpoint_of(rule: &str) -> Option<Checkpoint> {
    const NECESSITY: [&str; 6] =
        ["gdpr.purpose.", "gdpr.basis.", "gdpr.minimisation.", "gdpr.employment.", "aia.5", "pwd.7"];
    const NORMS: [&str; 3] = ["arbo.3.", "atw.5-4.break-penalised", "atw.4-5-4-8.protected-breaks"];
    const CONDITIONS: [&str; 4] = ["atw.", "arbo.", "pwd.12", "aia.annex3"];
    if NECESSITY.iter().any(|p| rule.starts_with(p)) {
        Some(Checkpoint::Necessity)
    } else if NORMS.iter().any(|p| rule.starts_with(p)) {
        Some(Checkpoint::Norms)
    } else if CONDITIONS.iter().any(|p| rule.starts_with(p)) {
        Some(Checkpoint::WorkingConditions)
    } else if rule.starts_with("wor.") || rule.starts_with("pwd.13") {
        None
    } else {
        Some(Checkpoint::Privacy)
    }
}

/// One piece of evidence for a checkpoint: what it is, the figure or finding, and where it
/// comes from (an audit key or a rule with its articles).
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub label: String,
    pub value: String,
    pub source: String,
    /// `violation`, `risk`, `advice` for a finding; empty for a figure.
    #[serde(skip)]
    pub class: &'static str,
    /// The finding's severity in words; empty for a figure.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub severity: String,
}

/// A checkpoint as the dossier shows it.
#[derive(Clone, Debug, Serialize)]
pub struct CheckpointView {
    pub checkpoint: &'static str,
    pub title: String,
    pub verdict: &'static str,
    pub verdict_label: String,
    pub notes: String,
    pub evidence: Vec<Evidence>,
}

/// An information request as the dossier shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RequestView {
    pub id: i64,
    pub question: String,
    pub rule: Option<String>,
    pub asked: String,
    pub due: String,
    pub state: &'static str,
    pub state_label: String,
    pub answer: Option<String>,
    pub answered: Option<String>,
}

/// A condition with its newest check.
#[derive(Clone, Debug, Serialize)]
pub struct ConditionView {
    pub id: String,
    pub text: String,
    pub check: String,
    pub state: &'static str,
    pub state_label: String,
    pub evidence: String,
    pub checked: Option<String>,
}

/// The nullity clock.
#[derive(Clone, Debug, Serialize)]
pub struct NullityView {
    pub from: String,
    pub ends: String,
    pub days_left: i64,
    pub line: String,
}

/// A question of the rulebook (a fact the register does not state) that can become an
/// information request in one click.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionView {
    pub rule: String,
    pub title: String,
    pub question: String,
}

/// A dossier, everything on it, in the reader's language.
#[derive(Debug, Serialize)]
pub struct DossierView {
    pub id: i64,
    pub organisation: String,
    pub system: String,
    pub system_name: String,
    pub requested: String,
    pub requested_iso: String,
    pub opened_line: String,
    pub status: &'static str,
    pub status_label: String,
    pub register_version: i64,
    pub letters: Vec<String>,
    pub asked: Vec<String>,
    pub changes: Vec<String>,
    pub checkpoints: Vec<CheckpointView>,
    #[serde(skip)]
    pub findings: Vec<FindingView>,
    pub questions: Vec<QuestionView>,
    pub requests: Vec<RequestView>,
    pub overdue: usize,
    pub outcome: Option<&'static str>,
    pub decision: Option<(String, String, String)>,
    pub conditions: Vec<ConditionView>,
    pub broken: usize,
    pub nullity: Option<NullityView>,
    pub expert: Option<(String, String, String)>,
    /// The audit's charts, as the audit report draws them: title and SVG.
    #[serde(skip)]
    pub charts: Vec<(String, String)>,
}

/// A dossier in the list.
#[derive(Clone, Debug)]
pub struct DossierRow {
    pub id: i64,
    pub system: String,
    pub system_name: String,
    pub requested: String,
    pub status_label: String,
    pub outcome_label: Option<String>,
    pub overdue: usize,
    pub broken: usize,
    pub changed: usize,
}

/// A broken condition, for the council's home page and `inzage import`'s output.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    pub dossier: i64,
    pub system: String,
    /// The system's name, as the dossier's snapshot has it.
    pub system_name: String,
    pub condition: String,
    pub text: rules::Text,
    /// The figures the check read.
    pub evidence: Vec<conditions::Evidence>,
}

impl Broken {
    /// The figures that broke it, in the reader's language.
    pub fn evidence_text(&self, t: &Tr) -> String {
        evidence_text(t, &self.evidence, &[])
    }
}

/// What a reader may do to dossiers.
fn may_write(reader: &Reader) -> bool {
    matches!(reader.role, Role::Council | Role::Expert)
}

/// A figure a check read, in the reader's language: `path = value`, or that it is absent.
fn evidence_item(t: &Tr, e: &conditions::Evidence) -> String {
    match &e.value {
        Some(v) => format!("{} = {v}", e.path),
        None => format!("{}: {}", e.path, t.t("condition-absent")),
    }
}

/// Why a check is unknown, in the reader's language.
pub fn why_text(t: &Tr, why: &Why) -> String {
    match why {
        Why::NoAudit => t.t("condition-why-no-audit"),
        Why::Absent { path } => t.tn("condition-why-absent", &[("path", path.clone())]),
        Why::Null { path } => t.tn("condition-why-null", &[("path", path.clone())]),
        Why::NotInList { path, items } => {
            t.ta("condition-why-not-in-list", &[("path", path.clone()), ("items", items.to_string())])
        }
        Why::NotBoolean { got } => t.tn("condition-why-not-boolean", &[("got", got.clone())]),
        Why::Failed { message } => t.tn("condition-why-failed", &[("message", message.clone())]),
    }
}

/// The figures a check read and why it is unknown, in one line.
pub fn evidence_text(t: &Tr, evidence: &[conditions::Evidence], why: &[Why]) -> String {
    evidence
        .iter()
        .map(|e| evidence_item(t, e))
        .chain(why.iter().map(|w| why_text(t, w)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A stored check's figures and reasons, in the reader's language.
fn stored_text(t: &Tr, stored: &Value) -> String {
    let evidence: Vec<conditions::Evidence> = serde_json::from_value(stored["evidence"].clone()).unwrap_or_default();
    let why: Vec<Why> = serde_json::from_value(stored["why"].clone()).unwrap_or_default();
    evidence_text(t, &evidence, &why)
}

fn stored_evidence(outcome: &conditions::Outcome) -> Value {
    json!({ "evidence": outcome.evidence, "why": outcome.why, "reason": outcome.reason })
}

/// The WOR letters a system's consent request falls under, from the rulebook: the articles
/// 27(1) and 25(1) of the WOR rules that find against the system as it would be if it ran without
/// consent (live, consent not asked).
fn letters(portal: &Portal, register: &Register, system: &System) -> Result<Vec<String>> {
    let mut without = system.clone();
    without.status = domain::Status::Live;
    let council =
        without.works_council.get_or_insert(domain::WorksCouncil::with_consent(domain::Consent::NotRequested));
    council.consent = domain::Consent::NotRequested;
    let hypothetical = Register { systems: vec![without], ..register.clone() };
    let mut out: Vec<String> = portal
        .rulebook
        .check(&hypothetical, &portal.settings())?
        .iter()
        .filter(|f| f.kind == Kind::Finding && f.rule.starts_with("wor."))
        .flat_map(|f| f.citations.iter())
        .filter(|c| c.instrument == "WOR" && (c.article.starts_with("27(1)") || c.article.starts_with("25(1)")))
        .map(|c| format!("WOR {}", c.article))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

fn change_line(t: &Tr, c: &Change) -> String {
    match c {
        Change::NewFunction { name, .. } => t.ta("dossier-change-function", &[("name", name.clone())]),
        Change::FunctionEnabled { name, .. } => t.ta("dossier-change-enabled", &[("name", name.clone())]),
        Change::NewData(d) => t.ta("dossier-change-data", &[("data", t.v("data", d.split('.').next().unwrap_or(d)))]),
        Change::NewTarget { kind, per_hour } => {
            t.ta("dossier-change-target", &[("kind", kind.clone()), ("per_hour", t.num(*per_hour, 0))])
        }
        Change::HigherTarget { kind, from, to } => {
            t.ta("dossier-change-higher", &[("kind", kind.clone()), ("from", t.num(*from, 0)), ("to", t.num(*to, 0))])
        }
        Change::NewDecision(d) => t.ta("dossier-change-decision", &[("decision", t.v("decision", d))]),
        Change::NewPurpose(p) => t.ta("dossier-change-purpose", &[("purpose", t.v("purpose", p))]),
        Change::NewSubject(s) => t.ta("dossier-change-subject", &[("subject", t.v("subject", s))]),
        Change::Monitoring { from, to } => t.ta(
            "dossier-change-monitoring",
            &[
                ("from", from.as_deref().map_or_else(|| t.t("not-registered"), |f| t.v("monitoring", f))),
                ("to", t.v("monitoring", to)),
            ],
        ),
        Change::LongerRetention { data, from, to } => t.ta(
            "dossier-change-retention",
            &[
                ("data", t.v("data", data.split('.').next().unwrap_or(data))),
                ("from", from.to_string()),
                ("to", to.to_string()),
            ],
        ),
        Change::NowSolelyAutomated(d) => t.ta("dossier-change-automated", &[("decision", t.v("decision", d))]),
    }
}

/// What the request asked: the system's functions, data, targets and decisions as they stood.
fn asked_lines(t: &Tr, s: &System) -> Vec<String> {
    let mut out = Vec::new();
    let list = |items: Vec<String>| items.join(", ");
    if !s.purposes.is_empty() {
        out.push(t.ta(
            "dossier-asked-purposes",
            &[("list", list(s.purposes.iter().map(|p| t.v("purpose", p.as_str())).collect()))],
        ));
    }
    if !s.data.is_empty() {
        out.push(t.ta(
            "dossier-asked-data",
            &[("list", list(s.data.iter().map(|d| t.v("data", d.kind.as_str())).collect()))],
        ));
    }
    for f in &s.functions {
        out.push(
            t.ta("dossier-asked-function", &[("name", f.name.clone()), ("status", t.v("function", f.status.as_str()))]),
        );
    }
    for tg in &s.targets {
        out.push(t.ta(
            "dossier-asked-target",
            &[
                ("kind", tg.kind.clone()),
                ("per_hour", t.num(tg.per_hour, 0)),
                ("seconds", t.num(3600.0 / tg.per_hour, 3)),
            ],
        ));
    }
    if !s.decisions.is_empty() {
        out.push(t.ta(
            "dossier-asked-decisions",
            &[("list", list(s.decisions.iter().map(|d| t.v("decision", d.kind.as_str())).collect()))],
        ));
    }
    out
}

/// The audit's figures as evidence, each under the checkpoint it speaks to.
fn audit_evidence(t: &Tr, report: &audit::Report) -> Vec<(Checkpoint, Evidence)> {
    let lines = crate::report::lines(report, t);
    let figure = |checkpoint, label: &str, value: String, source: &str| {
        (
            checkpoint,
            Evidence {
                label: t.t(label),
                value,
                source: format!("audit: {source}"),
                class: "",
                severity: String::new(),
            },
        )
    };
    let mut out = Vec::new();
    for (i, line) in lines.norms.into_iter().enumerate() {
        out.push(figure(Checkpoint::Norms, "dossier-evidence-norm", line, &format!("norms[{i}]")));
    }
    if let Some((headline, _, _)) = lines.penalty {
        out.push(figure(Checkpoint::Norms, "dossier-evidence-toilet", headline, "breaks.break_penalty"));
    }
    out.push(figure(Checkpoint::WorkingConditions, "dossier-evidence-breaks", lines.breaks, "breaks"));
    if let Some((rapid, idle, short)) = lines.cnil {
        let value = t.ta("dossier-evidence-cnil-line", &[("rapid", rapid), ("idle", idle), ("short", short)]);
        out.push(figure(Checkpoint::Privacy, "dossier-evidence-cnil", value, "cnil"));
    }
    if let Some(line) = lines.review {
        let mut value = line;
        if report.review.as_ref().is_some_and(|r| r.rubber_stamp) {
            value = format!("{value} {}", t.t("dossier-evidence-rubber-stamp"));
        }
        out.push(figure(Checkpoint::Privacy, "dossier-evidence-review", value, "review"));
    }
    if let Some(line) = lines.reliability {
        out.push(figure(Checkpoint::Necessity, "dossier-evidence-reliability", line, "reliability"));
    }
    if let Some(line) = lines.flags {
        out.push(figure(Checkpoint::Necessity, "dossier-evidence-flags", line, "flags"));
    }
    let tables = report.groups.len();
    let disparate: Vec<String> = report
        .groups
        .iter()
        .filter(|g| g.rows.iter().any(|r| r.disparate))
        .map(|g| crate::report::group_title(t, g))
        .collect();
    let value = if disparate.is_empty() {
        t.ta("dossier-evidence-disparity-none", &[("tables", tables.to_string())])
    } else {
        t.ta(
            "dossier-evidence-disparity",
            &[("tables", tables.to_string()), ("n", disparate.len().to_string()), ("list", disparate.join("; "))],
        )
    };
    out.push(figure(Checkpoint::WorkingConditions, "dossier-evidence-disparity-label", value, "groups"));
    out
}

fn finding_evidence(t: &Tr, f: &Finding) -> Evidence {
    let l = t.lang.code();
    Evidence {
        label: f.title.get(l).to_owned(),
        value: f.message.get(l).to_owned(),
        source: format!("{}: {}", f.rule, citations(t, &f.citations)),
        class: f.severity.as_str(),
        severity: severity_label(t, f.severity),
    }
}

fn view_request(t: &Tr, r: &InformationRequest, today: Date) -> RequestView {
    let state = dossier::request_state(r.due, r.answer.is_some(), today);
    RequestView {
        id: r.id,
        question: r.question.clone(),
        rule: r.rule.clone(),
        asked: t.date(r.asked),
        due: t.date(r.due),
        state: state.as_str(),
        state_label: t.v("request-state", state.as_str()),
        answer: r.answer.as_ref().map(|(text, _, _)| text.clone()),
        answered: r
            .answer
            .as_ref()
            .map(|(_, on, by)| t.ta("dossier-answered-by", &[("date", t.date(*on)), ("name", by.clone())])),
    }
}

/// What a dossier's conditions read from the access log: reads of personal data in the
/// [`ACCESS_DAYS`] days up to and including `as_of` (UTC), by role.
pub async fn access_value(store: &store::Store, as_of: Date) -> Result<Value> {
    let since = as_of.checked_sub(jiff::Span::new().days(ACCESS_DAYS - 1)).unwrap_or(as_of);
    let until = as_of.tomorrow().unwrap_or(as_of);
    // The log's moments are RFC 3339 in UTC (`…T08:15:00.123Z`); a bound without seconds' fraction
    // or zone sorts before every moment of its own second, so the comparison is by text.
    let reads = store.reads_between(&format!("{since}T00:00:00"), &format!("{until}T00:00:00")).await?;
    let count =
        |role: Role, f: fn(&store::Reads) -> i64| reads.iter().filter(|r| r.role == role.as_str()).map(f).sum::<i64>();
    let by = |f: fn(&store::Reads) -> i64| -> Value {
        ROLES
            .iter()
            .map(|r| (r.as_str().to_owned(), Value::from(count(*r, f))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    Ok(json!({
        "since": since.to_string(),
        "days": ACCESS_DAYS,
        "reads": by(|r| r.reads),
        "reads_without_contest": by(|r| r.without_contest),
    }))
}

impl Portal {
    /// The audit of a system in the newest register, if it has a norm and events are loaded.
    async fn system_audit(&self, version: i64, system: &System) -> Result<Option<Arc<Audited>>> {
        match (self.store.events_file().await?, system.targets.is_empty()) {
            (Some((events, _)), false) => Ok(Some(self.audit(version, system, events).await?)),
            _ => Ok(None),
        }
    }

    /// Checks `conditions` against what is loaded for `system_id`, on `as_of`.
    pub async fn check_conditions(
        &self,
        system_id: &str,
        conditions: &[Condition],
        as_of: Date,
    ) -> Result<Vec<conditions::Outcome>> {
        let version = self.store.latest_register().await?.ok_or(Error::NotFound)?;
        let system = version.register.system(system_id).ok_or(Error::NotFound)?;
        let audit = match self.system_audit(version.id, system).await? {
            Some(a) => {
                let mut report = serde_json::to_value(&a.report)?;
                // The bad rows' examples are raw rows of the events file: not for conditions.
                if let Some(skipped) = report.get_mut("skipped_rows").and_then(Value::as_object_mut) {
                    skipped.remove("examples");
                }
                Some(report)
            }
            None => None,
        };
        let access = access_value(&self.store, as_of).await?;
        let inputs = Inputs { audit: audit.as_ref(), system, register: &version.register, access: &access, as_of };
        Ok(conditions::check(conditions, &inputs))
    }

    /// Re-checks every condition of every decided dossier against what is loaded now, keeps the
    /// results, and returns the broken ones.
    pub async fn recheck_conditions(&self) -> Result<Vec<Broken>> {
        let as_of = self.today().await?;
        let Some(version) = self.store.latest_register().await? else { return Ok(Vec::new()) };
        let now = jiff::Timestamp::now().to_string();
        let mut checks = Vec::new();
        let mut broken = Vec::new();
        for d in self.store.dossiers(None).await?.into_iter().filter(|d| d.status == Status::Decided) {
            let texts = self.store.conditions(d.id).await?;
            if texts.is_empty() {
                continue;
            }
            let unknown = |why: Why| -> Vec<conditions::Outcome> {
                texts
                    .iter()
                    .map(|c| conditions::Outcome {
                        id: c.id.clone(),
                        state: State::Unknown,
                        evidence: Vec::new(),
                        reason: Some(why.to_string()),
                        why: vec![why.clone()],
                    })
                    .collect()
            };
            let compiled = compile(&texts);
            let outcomes = match (&compiled, version.register.system(&d.system)) {
                (Ok(list), Some(_)) => self.check_conditions(&d.system, list, as_of).await?,
                (Ok(_), None) => unknown(Why::Absent { path: format!("system {}", d.system) }),
                (Err(e), _) => unknown(Why::Failed { message: e.to_string() }),
            };
            let texts_of: Vec<rules::Text> =
                texts.iter().map(|c| rules::Text { nl: c.nl.clone(), en: c.en.clone() }).collect();
            for (o, text) in outcomes.iter().zip(&texts_of) {
                if o.state == State::Broken {
                    broken.push(Broken {
                        dossier: d.id,
                        system: d.system.clone(),
                        system_name: d.snapshot.name.clone(),
                        condition: o.id.clone(),
                        text: text.clone(),
                        evidence: o.evidence.clone(),
                    });
                }
                checks.push(ConditionCheck {
                    dossier: d.id,
                    condition: o.id.clone(),
                    checked_at: now.clone(),
                    as_of,
                    register_version: version.id,
                    state: o.state.as_str().to_owned(),
                    evidence: stored_evidence(o),
                });
            }
        }
        self.store.record_checks(&checks).await?;
        Ok(broken)
    }

    /// The conditions broken at their newest check, over every dossier.
    pub async fn broken_conditions(&self) -> Result<Vec<Broken>> {
        let mut out = Vec::new();
        for d in self.store.dossiers(None).await? {
            let texts = self.store.conditions(d.id).await?;
            for c in self.store.latest_checks(d.id).await?.into_iter().filter(|c| c.state == "broken") {
                if let Some(text) = texts.iter().find(|t| t.id == c.condition) {
                    out.push(Broken {
                        dossier: d.id,
                        system: d.system.clone(),
                        system_name: d.snapshot.name.clone(),
                        condition: c.condition.clone(),
                        text: rules::Text { nl: text.nl.clone(), en: text.en.clone() },
                        evidence: serde_json::from_value(c.evidence["evidence"].clone()).unwrap_or_default(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Opens a dossier for a system in the newest register; the admin does when the employer
    /// asks, the council when it never did.
    pub async fn open_dossier(&self, reader: &Reader, system: &str, requested: Date) -> Result<i64> {
        let employer_asked = match reader.role {
            Role::Admin => true,
            Role::Council => false,
            _ => return Err(Error::NotFound),
        };
        let version = self.store.latest_register().await?.ok_or(Error::NotFound)?;
        let system = version.register.system(system).ok_or(Error::Invalid("dossier-unknown-system"))?;
        if requested > self.today().await? {
            return Err(Error::Invalid("dossier-future-date"));
        }
        Ok(self
            .store
            .open_dossier(&store::NewDossier {
                system,
                register_version: version.id,
                opened_by: &reader.name,
                requested,
                employer_asked,
            })
            .await?)
    }

    async fn dossier_for(&self, id: i64) -> Result<Dossier> {
        self.store.dossier(id).await?.ok_or(Error::NotFound)
    }

    /// The council's or its expert's verdict and notes on one checkpoint.
    pub async fn set_checkpoint(
        &self,
        reader: &Reader,
        id: i64,
        checkpoint: Checkpoint,
        verdict: Verdict,
        notes: &str,
    ) -> Result<()> {
        if !may_write(reader) {
            return Err(Error::NotFound);
        }
        self.dossier_for(id).await?;
        if !self.store.set_checkpoint(id, checkpoint, verdict, notes.trim(), &reader.name).await? {
            return Err(Error::Conflict("dossier-decided"));
        }
        Ok(())
    }

    /// Asks the employer a question (WOR 31), due on `due` or in [`dossier::INFORMATION_DAYS`].
    pub async fn ask(
        &self,
        reader: &Reader,
        id: i64,
        question: &str,
        due: Option<Date>,
        rule: Option<&str>,
    ) -> Result<i64> {
        if !may_write(reader) {
            return Err(Error::NotFound);
        }
        self.dossier_for(id).await?;
        if question.trim().is_empty() {
            return Err(Error::Invalid("dossier-question-empty"));
        }
        let today = self.today().await?;
        let due = due.unwrap_or_else(|| dossier::information_due(today, None));
        if due < today {
            return Err(Error::Invalid("dossier-due-past"));
        }
        let rule = rule.filter(|r| self.rulebook.rule(r).is_some());
        Ok(self.store.ask(id, question.trim(), rule, today, due, &reader.name).await?)
    }

    /// The employer's answer to an information request of dossier `dossier`, given by the admin.
    pub async fn answer_request(&self, reader: &Reader, dossier: i64, request: i64, answer: &str) -> Result<()> {
        if reader.role != Role::Admin {
            return Err(Error::NotFound);
        }
        let found = self.store.information_request(request).await?;
        if found.is_none_or(|r| r.dossier != dossier) {
            return Err(Error::NotFound);
        }
        if answer.trim().is_empty() {
            return Err(Error::Invalid("dossier-answer-empty"));
        }
        if !self.store.answer_request(request, answer.trim(), self.today().await?, &reader.name).await? {
            return Err(Error::Conflict("dossier-answered"));
        }
        Ok(())
    }

    /// The council's decision, with its conditions (only with `GrantedWithConditions`, and then
    /// at least one). The conditions are checked at once.
    pub async fn decide(
        &self,
        reader: &Reader,
        id: i64,
        outcome: Outcome,
        reasons: &str,
        conditions: &[Condition],
    ) -> Result<()> {
        if reader.role != Role::Council {
            return Err(Error::NotFound);
        }
        self.dossier_for(id).await?;
        if reasons.trim().is_empty() {
            return Err(Error::Invalid("dossier-reasons-empty"));
        }
        match (outcome, conditions.is_empty()) {
            (Outcome::GrantedWithConditions, true) => return Err(Error::Invalid("dossier-conditions-missing")),
            (Outcome::Refused | Outcome::Granted, false) => return Err(Error::Invalid("dossier-conditions-unwanted")),
            _ => {}
        }
        let mut ids: Vec<&str> = conditions.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::Invalid("dossier-conditions-duplicate"));
        }
        let texts: Vec<ConditionText> = conditions
            .iter()
            .map(|c| ConditionText {
                id: c.id.clone(),
                nl: c.text.nl.clone(),
                en: c.text.en.clone(),
                check: c.check.clone(),
            })
            .collect();
        let decided = Decided { outcome, on: self.today().await?, reasons: reasons.trim().to_owned() };
        if !self.store.decide(id, &decided, &texts).await? {
            return Err(Error::Conflict("dossier-decided"));
        }
        // The decision is kept whatever the check does; a check that fails shows as not checked.
        if let Err(e) = self.recheck_conditions().await {
            tracing::warn!(error = %e, "checking the conditions after a decision failed");
        }
        Ok(())
    }

    /// Starts the nullity clock: the employer applies the system without consent, and the council
    /// learned of it on `from` (by the employer's written notice, or otherwise).
    pub async fn set_nullity(&self, reader: &Reader, id: i64, from: Date, learned: Learned) -> Result<()> {
        if reader.role != Role::Council {
            return Err(Error::NotFound);
        }
        self.dossier_for(id).await?;
        if from > self.today().await? {
            return Err(Error::Invalid("dossier-future-date"));
        }
        self.store.set_nullity(id, from, learned).await?;
        Ok(())
    }

    /// Invites an expert (WOR 16) for a dossier: an expert account with an invitation link, and
    /// the cost estimate the employer must be told of in advance (WOR 22(2)). Returns the
    /// invitation's token.
    pub async fn invite_expert(&self, reader: &Reader, id: i64, name: &str, cost: &str) -> Result<String> {
        if reader.role != Role::Council {
            return Err(Error::NotFound);
        }
        self.dossier_for(id).await?;
        if cost.trim().is_empty() {
            return Err(Error::Invalid("dossier-cost-empty"));
        }
        let token = self.invite(reader, name.trim(), Role::Expert.as_str(), "").await?;
        let expert =
            Expert { name: name.trim().to_owned(), invited: self.today().await?, cost: cost.trim().to_owned() };
        self.store.set_expert(id, &expert).await?;
        Ok(token)
    }

    /// Every dossier, newest first, with what needs attention.
    pub async fn dossiers(&self, t: &Tr) -> Result<Vec<DossierRow>> {
        let today = self.today().await?;
        let latest = self.store.latest_register().await?;
        let requests = self.store.information_requests(None).await?;
        let mut out = Vec::new();
        for d in self.store.dossiers(None).await? {
            let current = latest.as_ref().and_then(|v| v.register.system(&d.system));
            let overdue = requests
                .iter()
                .filter(|r| {
                    r.dossier == d.id
                        && dossier::request_state(r.due, r.answer.is_some(), today) == RequestState::Overdue
                })
                .count();
            let broken = self.store.latest_checks(d.id).await?.iter().filter(|c| c.state == "broken").count();
            out.push(DossierRow {
                id: d.id,
                system_name: current.map_or_else(|| d.snapshot.name.clone(), |s| s.name.clone()),
                changed: current.map_or(0, |s| dossier::changes(&d.snapshot, s).len()),
                system: d.system,
                requested: t.date(d.requested),
                status_label: t.v("dossier-status", d.status.as_str()),
                outcome_label: d.decision.as_ref().map(|x| t.v("dossier-outcome", x.outcome.as_str())),
                overdue,
                broken,
            });
        }
        Ok(out)
    }

    /// One dossier with its evidence, in the reader's language.
    pub async fn dossier(&self, t: &Tr, id: i64) -> Result<DossierView> {
        let d = self.dossier_for(id).await?;
        let today = self.today().await?;
        let version = self.store.latest_register().await?.ok_or(Error::NotFound)?;
        let register = &version.register;
        let current = register.system(&d.system);
        let shown = current.unwrap_or(&d.snapshot);
        let audited = match current {
            Some(s) => self.system_audit(version.id, s).await?,
            None => None,
        };
        let findings: Vec<Finding> = match current {
            // The findings every page shows, the audit's figures read (issue 14).
            Some(_) => self.findings(&version).await?.iter().filter(|f| f.system == d.system).cloned().collect(),
            None => Vec::new(),
        };
        let mut evidence: Vec<(Checkpoint, Evidence)> = findings
            .iter()
            .filter(|f| f.kind == Kind::Finding)
            .filter_map(|f| checkpoint_of(&f.rule).map(|c| (c, finding_evidence(t, f))))
            .collect();
        if let Some(a) = &audited {
            evidence.extend(audit_evidence(t, &a.report));
        }
        let checkpoints = self
            .store
            .checkpoints(id)
            .await?
            .into_iter()
            .map(|c| CheckpointView {
                checkpoint: c.checkpoint.as_str(),
                title: t.v("checkpoint", c.checkpoint.as_str()),
                verdict: c.verdict.as_str(),
                verdict_label: t.v("verdict", c.verdict.as_str()),
                notes: c.notes,
                evidence: evidence.iter().filter(|(k, _)| *k == c.checkpoint).map(|(_, e)| e.clone()).collect(),
            })
            .collect();
        let l = t.lang.code();
        let questions = findings
            .iter()
            .filter(|f| f.kind == Kind::Question)
            .map(|f| QuestionView {
                rule: f.rule.clone(),
                title: f.title.get(l).to_owned(),
                question: t.ta(
                    "dossier-question-from-rule",
                    &[("title", f.title.get(l).to_owned()), ("message", f.message.get(l).to_owned())],
                ),
            })
            .collect();
        let requests: Vec<RequestView> =
            self.store.information_requests(Some(id)).await?.iter().map(|r| view_request(t, r, today)).collect();
        let texts = self.store.conditions(id).await?;
        let checks = self.store.latest_checks(id).await?;
        let conditions: Vec<ConditionView> = texts
            .iter()
            .map(|c| {
                let check = checks.iter().find(|k| k.condition == c.id);
                let state = check.map_or("unknown", |k| match k.state.as_str() {
                    "holds" => "holds",
                    "broken" => "broken",
                    _ => "unknown",
                });
                ConditionView {
                    id: c.id.clone(),
                    text: if l == "nl" { c.nl.clone() } else { c.en.clone() },
                    check: c.check.clone(),
                    state,
                    state_label: t.v("condition-state", state),
                    evidence: check.map(|k| stored_text(t, &k.evidence)).unwrap_or_default(),
                    checked: check.map(|k| t.moment(&k.checked_at)),
                }
            })
            .collect();
        let nullity = d.nullity.map(|(from, learned)| {
            let ends = dossier::nullity_ends(from);
            let days_left = dossier::days_left(ends, today);
            let key = if days_left < 0 { "dossier-nullity-passed" } else { "dossier-nullity-left" };
            NullityView {
                from: t.date(from),
                ends: t.date(ends),
                days_left,
                line: t.ta(
                    key,
                    &[
                        ("from", t.date(from)),
                        ("how", t.v("learned", learned.as_str())),
                        ("ends", t.date(ends)),
                        ("days", days_left.abs().to_string()),
                    ],
                ),
            }
        });
        let mut charts = Vec::new();
        if let Some(a) = &audited {
            charts = crate::report::charts(&a.report, t)?;
        }
        let overdue = requests.iter().filter(|r| r.state == "overdue").count();
        Ok(DossierView {
            id,
            organisation: register.organisation.name.clone(),
            system: d.system.clone(),
            system_name: shown.name.clone(),
            requested: t.date(d.requested),
            requested_iso: d.requested.to_string(),
            opened_line: t.ta(
                if d.employer_asked { "dossier-opened-employer" } else { "dossier-opened-council" },
                &[
                    ("date", t.date(d.requested)),
                    ("name", d.opened_by.clone()),
                    ("version", d.register_version.to_string()),
                ],
            ),
            status: d.status.as_str(),
            status_label: t.v("dossier-status", d.status.as_str()),
            register_version: d.register_version,
            letters: letters(self, register, &d.snapshot)?,
            asked: asked_lines(t, &d.snapshot),
            changes: current
                .map(|s| dossier::changes(&d.snapshot, s).iter().map(|c| change_line(t, c)).collect())
                .unwrap_or_default(),
            checkpoints,
            findings: crate::oversight::for_system(t, &findings, &d.system).findings,
            questions,
            overdue,
            requests,
            outcome: d.decision.as_ref().map(|x| x.outcome.as_str()),
            decision: d
                .decision
                .as_ref()
                .map(|x| (t.v("dossier-outcome", x.outcome.as_str()), t.date(x.on), x.reasons.clone())),
            broken: conditions.iter().filter(|c| c.state == "broken").count(),
            conditions,
            nullity,
            expert: d.expert.map(|e| {
                (e.name.clone(), t.date(e.invited), t.ta("dossier-cost-notice", &[("name", e.name), ("cost", e.cost)]))
            }),
            charts,
        })
    }

    /// The dossier of a system: its newest.
    pub async fn dossier_of_system(&self, system: &str) -> Result<i64> {
        self.store.dossiers(Some(system)).await?.first().map(|d| d.id).ok_or(Error::NotFound)
    }
}

/// Compiles stored conditions; a stored check that no longer compiles is a fault.
pub fn compile(texts: &[ConditionText]) -> Result<Vec<Condition>> {
    texts
        .iter()
        .map(|c| {
            Condition::new(c.id.clone(), rules::Text { nl: c.nl.clone(), en: c.en.clone() }, c.check.clone())
                .map_err(|e| Error::BadInput(format!("condition `{}`: {e}", c.id)))
        })
        .collect()
}

/// The demo's dossiers, on Pakhuis Noord's register: `scan-pace` in progress (consent asked 40
/// days ago, two information requests, one of them overdue) and `shift-planner` decided with
/// three conditions, one of which the demo data breaks (the planner plans 10.5-hour shifts).
pub async fn seed_demo(portal: &Portal, admin: &str, council: &str) -> Result<()> {
    let version = portal.store.latest_register().await?.ok_or(Error::NotFound)?;
    let today = portal.today().await?;
    let ago = |days: i64| today.checked_sub(jiff::Span::new().days(days)).unwrap_or(today);
    if let Some(scan) = version.register.system("scan-pace") {
        let new = store::NewDossier {
            system: scan,
            register_version: version.id,
            opened_by: admin,
            requested: ago(40),
            employer_asked: true,
        };
        let id = portal.store.open_dossier(&new).await?;
        let overdue = "Stuur ons de DPIA van ScanFlow en de beschrijving van de leverancier van hoe het tempo per uur en de ranglijst worden berekend.";
        portal.store.ask(id, overdue, None, ago(30), dossier::information_due(ago(30), None), council).await?;
        let open =
            "Hoeveel waarschuwingen gaf ScanFlow de afgelopen drie maanden, en hoeveel daarvan trok een teamleider in?";
        portal.store.ask(id, open, None, ago(5), dossier::information_due(ago(5), None), council).await?;
        portal
            .store
            .set_checkpoint(
                id,
                Checkpoint::Norms,
                Verdict::Insufficient,
                "De norm van 854 per uur wordt in een minderheid van de diensten gehaald; zie de plaspauzetoets.",
                council,
            )
            .await?;
    }
    if let Some(planner) = version.register.system("shift-planner") {
        let new = store::NewDossier {
            system: planner,
            register_version: version.id,
            opened_by: council,
            requested: ago(120),
            employer_asked: false,
        };
        let id = portal.store.open_dossier(&new).await?;
        let conditions = [
            ConditionText {
                id: "max-shift-10h".into(),
                nl: "Het rooster plant geen diensten langer dan 10 uur.".into(),
                en: "The roster plans no shift longer than 10 hours.".into(),
                check: "system.shift.hours <= 10.0".into(),
            },
            ConditionText {
                id: "no-admin-read-without-contest".into(),
                nl: "De beheerder leest de gegevens van een werknemer alleen bij een bezwaar van die werknemer.".into(),
                en: "The administrator reads a worker's data only when that worker contests a decision.".into(),
                check: "access.reads_without_contest.admin == 0".into(),
            },
            ConditionText {
                id: "workers-informed".into(),
                nl: "De werknemers zijn schriftelijk geïnformeerd over het rooster en hoe het tot stand komt.".into(),
                en: "The workers are informed in writing about the roster and how it is made.".into(),
                check: "has(system.transparency.notice_date)".into(),
            },
        ];
        let decided = Decided {
            outcome: Outcome::GrantedWithConditions,
            on: ago(90),
            reasons: "Het rooster mag draaien als diensten binnen 10 uur blijven en niemand zonder aanleiding gegevens van werknemers leest."
                .into(),
        };
        portal.store.decide(id, &decided, &conditions).await?;
    }
    portal.recheck_conditions().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_procedures_own_rules_are_no_checkpoints_evidence() {
        assert_eq!(checkpoint_of("wor.27l.monitoring-consent"), None);
        assert_eq!(checkpoint_of("pwd.13.consultation"), None);
        assert_eq!(checkpoint_of("arbo.3.targets"), Some(Checkpoint::Norms));
        assert_eq!(checkpoint_of("atw.5-4.break-penalised"), Some(Checkpoint::Norms));
        assert_eq!(checkpoint_of("atw.5-4.breaks-schedule"), Some(Checkpoint::WorkingConditions));
        assert_eq!(checkpoint_of("gdpr.purpose.function-creep"), Some(Checkpoint::Necessity));
        assert_eq!(checkpoint_of("gdpr.storage.no-retention"), Some(Checkpoint::Privacy));
        assert_eq!(checkpoint_of("aia.5-1-f.emotion"), Some(Checkpoint::Necessity));
        assert_eq!(checkpoint_of("aia.26-2.oversight"), Some(Checkpoint::Privacy));
    }
}
