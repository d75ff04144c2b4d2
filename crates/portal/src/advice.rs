//! The works council's advice report: one document per dossier — the request, the four
//! checkpoints with their evidence and verdicts, the findings with the articles to cite, the
//! information requests, the decision, its conditions and their state — as HTML, PDF (Typst)
//! and JSON, in Dutch or English. `inzage report advice` writes it; the portal serves it.

use askama::Template;
use locale::Tr;
use serde::Serialize;
use serde_json::{Value, json};

use crate::council::DossierView;
use crate::oversight::FindingView;
use crate::{Error, Portal, Result};

/// The JSON's format name and version.
pub const FORMAT: &str = "inzage.advice/1";

/// The formats the report is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Json,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "html" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The media type to serve it as.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Json => "application/json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'a str,
    title: &'a str,
    message: &'a str,
    citations: &'a str,
}

fn findings_json(findings: &[FindingView]) -> Vec<FindingJson<'_>> {
    findings
        .iter()
        .map(|f| FindingJson {
            rule: &f.rule,
            severity: &f.severity,
            title: &f.title,
            message: &f.message,
            citations: &f.citations,
        })
        .collect()
}

/// The advice as one HTML document.
#[derive(Debug, Template)]
#[template(path = "advice.html")]
struct AdviceHtml<'a> {
    t: &'a Tr,
    d: &'a DossierView,
    generated: String,
    log_head: &'a str,
}

/// The labels the PDF's template prints, in the reader's language.
fn labels(t: &Tr) -> Value {
    let keys = [
        "title",
        "request",
        "checkpoints",
        "findings",
        "requests",
        "decision",
        "conditions",
        "nullity",
        "evidence",
        "verdict",
        "notes",
        "question",
        "asked",
        "due",
        "answer",
        "state",
        "condition",
        "check",
        "none",
        "page",
        "generated",
        "changes",
        "letters",
        "expert",
        "reasons",
        "rule",
        "citation",
        "severity",
        "charts",
        "register",
        "invited",
        "value",
        "anchor",
    ];
    keys.iter()
        .map(|k| ((*k).to_owned(), Value::String(t.t(&format!("advice-{k}")))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The advice's data for the PDF template (`typeset`'s input).
fn pdf_input(t: &Tr, d: &DossierView, generated: &str, log_head: &str) -> Value {
    json!({
        "lang": t.lang.code(),
        "labels": labels(t),
        "generated": generated,
        "log_head": log_head,
        "organisation": d.organisation,
        "system": { "id": d.system, "name": d.system_name },
        "request": {
            "requested": d.requested,
            "status": d.status_label,
            "register_version": d.register_version.to_string(),
            "letters": d.letters,
            "asked": d.asked,
            "changes": d.changes,
            "opened": d.opened_line,
        },
        "expert": d.expert.as_ref().map(|(name, invited, notice)| json!({ "name": name, "invited": invited, "cost_notice": notice })),
        "checkpoints": d.checkpoints.iter().map(|c| json!({
            "title": c.title,
            "verdict": c.verdict_label,
            "notes": c.notes,
            "evidence": c.evidence.iter().map(|e| json!({
                "label": if e.severity.is_empty() { e.label.clone() } else { format!("{} ({})", e.label, e.severity) },
                "value": e.value,
                "source": e.source,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "findings": findings_json(&d.findings),
        "requests": d.requests.iter().map(|r| json!({
            "question": r.question, "asked": r.asked, "due": r.due, "answer": r.answer, "state": r.state_label,
        })).collect::<Vec<_>>(),
        "decision": d.decision.as_ref().map(|(outcome, date, reasons)| json!({ "outcome": outcome, "date": date, "reasons": reasons })),
        "nullity": d.nullity.as_ref().map(|n| json!({ "from": n.from, "ends": n.ends, "days_left": n.days_left.to_string(), "line": n.line })),
        "conditions": d.conditions.iter().map(|c| json!({
            "id": c.id, "text": c.text, "check": c.check, "state": c.state_label, "evidence": c.evidence,
        })).collect::<Vec<_>>(),
        "charts": d.charts.iter().map(|(title, svg)| json!({ "title": title, "svg": svg })).collect::<Vec<_>>(),
    })
}

/// The advice report of one dossier in one format; `log_head` is the access log's head
/// (`COUNT:HASH`) when it was made, printed so the council keeps an anchor of the log.
pub fn render(t: &Tr, d: &DossierView, format: Format, today: jiff::civil::Date, log_head: &str) -> Result<Vec<u8>> {
    let generated = t.date(today);
    match format {
        Format::Html => Ok(AdviceHtml { t, d, generated, log_head }.render()?.into_bytes()),
        Format::Json => {
            let doc = json!({
                "format": FORMAT,
                "lang": t.lang.code(),
                "generated": today.to_string(),
                "access_log_head": log_head,
                "dossier": d,
                "findings": findings_json(&d.findings),
            });
            let mut text = serde_json::to_vec_pretty(&doc)?;
            text.push(b'\n');
            Ok(text)
        }
        Format::Pdf => {
            typeset::advice_pdf(&pdf_input(t, d, &generated, log_head)).map_err(|e| Error::Pdf(e.to_string()))
        }
    }
}

impl Portal {
    /// The advice report of dossier `id`.
    pub async fn advice(&self, t: &Tr, id: i64, format: Format) -> Result<Vec<u8>> {
        let view = self.dossier(t, id).await?;
        let today = self.today().await?;
        let head = self.access_log_head().await?.to_string();
        let t = t.clone();
        // Typst lays out on this thread for a second or so: not on the server's.
        crate::people::blocking(move || render(&t, &view, format, today, &head)).await?
    }
}
