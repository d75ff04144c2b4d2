//! Rule findings, register history and the rulebook, as pages and parts of pages.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::Register;
use rules::{Finding, Kind, Rulebook, Severity, Tally};
use store::RegisterVersion;

use crate::i18n::Tr;
use crate::pages::{Frame, render};
use crate::{AppError, AppState};

/// A finding as the pages show it.
pub(crate) struct FindingView {
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
}

fn lang(t: &Tr) -> &'static str {
    t.lang.code()
}

pub(crate) fn citations(t: &Tr, c: &[rules::Citation]) -> String {
    c.iter().map(|c| format!("{} {} {}", c.instrument, t.t("article"), c.article)).collect::<Vec<_>>().join("; ")
}

pub(crate) fn severity_label(t: &Tr, s: Severity) -> String {
    t.v("severity", s.as_str())
}

fn view(t: &Tr, f: &Finding) -> FindingView {
    let l = lang(t);
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
    }
}

/// A system's findings and questions, worst first.
pub(crate) struct SystemFindings {
    pub findings: Vec<FindingView>,
    pub questions: Vec<FindingView>,
    pub tally: Tally,
}

pub(crate) fn for_system(t: &Tr, all: &[Finding], system: &str) -> SystemFindings {
    let mine: Vec<&Finding> = all.iter().filter(|f| f.system == system).collect();
    SystemFindings {
        findings: mine.iter().filter(|f| f.kind == Kind::Finding).map(|f| view(t, f)).collect(),
        questions: mine.iter().filter(|f| f.kind == Kind::Question).map(|f| view(t, f)).collect(),
        tally: Tally::of(mine.iter().copied()),
    }
}

pub(crate) fn check(state: &AppState, register: &Register) -> Result<Vec<Finding>, AppError> {
    Ok(state.rulebook.check(register, &state.settings())?)
}

/// One version in which a system changed.
pub(crate) struct HistoryEntry {
    pub version: i64,
    pub at: String,
    pub author: String,
    pub source: String,
    pub added: bool,
    pub removed: bool,
    pub changes: Vec<(String, String, String)>,
    pub switched_on: Vec<String>,
}

pub(crate) fn history(t: &Tr, versions: &[RegisterVersion], system: &str) -> Vec<HistoryEntry> {
    let mut entries = Vec::new();
    let mut previous: Option<&domain::System> = None;
    for v in versions {
        let current = v.register.system(system);
        let changes = domain::history::compare(previous, current);
        if !changes.is_empty() {
            let none = || t.t("not-registered");
            entries.push(HistoryEntry {
                version: v.id,
                at: t.moment(&v.created_at),
                author: v.author.clone(),
                source: v.source.clone(),
                added: changes.added,
                removed: changes.removed,
                changes: changes
                    .changes
                    .into_iter()
                    .map(|c| (c.path, c.before.unwrap_or_else(none), c.after.unwrap_or_else(none)))
                    .collect(),
                switched_on: changes.switched_on,
            });
        }
        previous = current;
    }
    entries.reverse();
    entries
}

/// A rule as the rulebook page shows it.
pub(crate) struct RuleView {
    pub id: String,
    pub title: String,
    pub message: String,
    pub class: &'static str,
    pub severity: String,
    pub citations: String,
    pub effective_from: String,
    pub gated: bool,
    pub verified: bool,
}

#[derive(Template)]
#[template(path = "rules.html")]
struct RulesPage {
    f: Frame,
    instruments: Vec<(String, Vec<RuleView>)>,
    total: usize,
    unverified: usize,
    annex_iii: String,
}

fn rule_views(t: &Tr, book: &Rulebook) -> Vec<(String, Vec<RuleView>)> {
    let mut by_instrument: BTreeMap<usize, (String, Vec<RuleView>)> = BTreeMap::new();
    for rule in book.rules() {
        let d = &rule.def;
        let instrument = d.citations.first().map_or("", |c| c.instrument.as_str());
        let order = rules::INSTRUMENTS.iter().position(|i| *i == instrument).unwrap_or(usize::MAX);
        let text = if t.lang.code() == "en" { &d.text.en } else { &d.text.nl };
        by_instrument.entry(order).or_insert_with(|| (instrument.to_owned(), Vec::new())).1.push(RuleView {
            id: d.id.clone(),
            title: text.title.clone(),
            message: text.message.clone(),
            class: d.severity.as_str(),
            severity: severity_label(t, d.severity),
            citations: citations(t, &d.citations),
            effective_from: d.effective_from.to_string(),
            gated: d.gate.is_some(),
            verified: d.verified,
        });
    }
    by_instrument.into_values().collect()
}

pub(crate) async fn rulebook(State(state): State<AppState>, t: Tr) -> Result<Response, AppError> {
    let book = &state.rulebook;
    let page = RulesPage {
        instruments: rule_views(&t, book),
        total: book.rules().len(),
        unverified: book.rules().iter().filter(|r| !r.def.verified).count(),
        annex_iii: state.annex_iii_from.to_string(),
        f: Frame::new(t, "/rules"),
    };
    render(&page)
}
