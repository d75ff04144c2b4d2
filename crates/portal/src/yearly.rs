//! The employer's yearly transparency report (issue 11): every system in use that year and what
//! changed, the findings at the year's start and end, the consent dossiers and their decisions,
//! conditions broken and restored, contests, reads of personal data by role, notices sent, and
//! the audits in aggregate. Only counts and aggregates: no worker, and no group under the
//! minimum size (the audit's own group tables already leave those out).
//!
//! The year runs from 1 January to 1 January in the organisation's time zone; moments are
//! compared as the store keeps them (RFC 3339, UTC).

use std::collections::BTreeMap;

use askama::Template;
use domain::Status;
use jiff::civil::Date;
use locale::Tr;
use serde::Serialize;
use serde_json::json;

use crate::{Error, Portal, Result};

/// The JSON document's format.
pub const FORMAT: &str = "inzage.yearly/1";

/// Findings counted by severity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Severities {
    pub violation: u64,
    pub risk: u64,
    pub advice: u64,
}

impl Severities {
    fn of<'a>(findings: impl Iterator<Item = &'a rules::Finding>) -> Severities {
        let mut s = Severities::default();
        for f in findings.filter(|f| f.kind == rules::Kind::Finding) {
            match f.severity {
                rules::Severity::Violation => s.violation += 1,
                rules::Severity::Risk => s.risk += 1,
                rules::Severity::Advice => s.advice += 1,
            }
        }
        s
    }
}

/// A system in use during the year.
#[derive(Clone, Debug, Serialize)]
pub struct YearSystem {
    pub id: String,
    pub name: String,
    /// Register versions of the year that changed it.
    pub changed_in: Vec<i64>,
    /// What changed, in words (the register history's lines).
    pub changes: Vec<String>,
    /// Findings by the law on the year's first day, on the register then in force (none: the
    /// system was not registered yet).
    pub findings_start: Option<Severities>,
    /// … and on its last day (or today), on the register then in force.
    pub findings_end: Option<Severities>,
}

/// A consent dossier opened or decided in the year.
#[derive(Clone, Debug, Serialize)]
pub struct YearDossier {
    pub id: i64,
    pub system: String,
    pub requested: String,
    pub status: String,
    pub outcome: Option<String>,
    pub decided: Option<String>,
}

/// Contests opened in the year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Contests {
    pub opened: u64,
    pub answered: u64,
    pub upheld: u64,
    pub overturned: u64,
    /// Median days from opening to the answer, over those answered.
    pub median_days_to_answer: Option<f64>,
    /// Answered after their deadline, or still open past it.
    pub overdue: u64,
}

/// Notices sent in the year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Notices {
    pub runs: u64,
    pub letters: u64,
    pub invitations: u64,
}

/// A system's audit, in aggregate.
#[derive(Clone, Debug, Serialize)]
pub struct AuditLine {
    pub system: String,
    pub kind: Option<String>,
    pub share_meeting_target: Option<f64>,
    pub break_penalty_pp: Option<f64>,
    /// Group comparisons (of groups of at least the minimum size) found disparate.
    pub disparate_groups: u64,
}

/// The yearly report's figures.
#[derive(Clone, Debug, Serialize)]
pub struct Yearly {
    pub format: &'static str,
    pub year: i16,
    pub organisation: String,
    /// When it was made, and the access log's head then (`COUNT:HASH`).
    pub generated: String,
    pub access_log_head: String,
    pub systems: Vec<YearSystem>,
    pub dossiers: Vec<YearDossier>,
    pub conditions_broken: u64,
    pub conditions_restored: u64,
    pub contests: Contests,
    /// Reads of personal data by the reader's role.
    pub reads: BTreeMap<String, i64>,
    pub notices: Notices,
    /// The audits of the data loaded now (not of the year's data alone).
    pub audits: Vec<AuditLine>,
    pub min_group: i64,
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    Some(if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 })
}

fn in_year(at: &str, from: &str, until: &str) -> bool {
    at >= from && at < until
}

impl Portal {
    /// The years a yearly report can be made for: from the first register's year to this one;
    /// `None` when no register is loaded.
    pub async fn report_years(&self) -> Result<Option<(i16, i16)>> {
        let this = self.today().await?.year();
        let history = self.store.register_history().await?;
        Ok(history.versions.first().map(|v| (v.created_at.get(..4).and_then(|y| y.parse().ok()).unwrap_or(this), this)))
    }

    /// The yearly report's figures for `year`. `BadInput` for a year before the first register
    /// or after this one.
    pub async fn yearly(&self, t: &Tr, year: i16) -> Result<Yearly> {
        let zone = self.time_zone().await?;
        let today = self.today().await?;
        let history = self.store.register_history().await?;
        let Some((first_year, _)) = self.report_years().await? else {
            return Err(Error::BadInput("no register is loaded: run inzage import first".into()));
        };
        if year < first_year || year > today.year() {
            return Err(Error::BadInput(format!("--year {year}: choose a year from {first_year} to {}", today.year())));
        }
        let bound = |y: i16| -> Result<String> {
            let at = Date::new(y, 1, 1)
                .and_then(|d| d.to_zoned_datetime(zone.clone()))
                .map_err(|e| Error::BadInput(e.to_string()))?;
            Ok(at.timestamp().to_string())
        };
        let (from, until) = (bound(year)?, bound(year + 1)?);
        let start_day = Date::new(year, 1, 1).map_err(|e| Error::BadInput(e.to_string()))?;
        let end_day = Date::new(year, 12, 31).map_err(|e| Error::BadInput(e.to_string()))?.min(today);

        // The register in force at the start (the last version before it) and at the end.
        let at_start = history.versions.iter().rev().find(|v| v.created_at < from);
        let at_end = history.versions.iter().rev().find(|v| v.created_at < until);
        let of_year: Vec<&store::RegisterVersion> =
            history.versions.iter().filter(|v| in_year(&v.created_at, &from, &until)).collect();
        let check = |v: Option<&store::RegisterVersion>, day: Date| -> Result<Option<(i64, Vec<rules::Finding>)>> {
            v.map(|v| {
                let settings = rules::Settings { as_of: day, ..self.settings() };
                Ok((v.id, self.rulebook.check(&v.register, &settings)?))
            })
            .transpose()
        };
        let start = check(at_start, start_day)?;
        let end = check(at_end, end_day)?;
        // Every system in use in some version in force during the year, in the order first seen.
        let mut ids: Vec<(String, String)> = Vec::new();
        for v in at_start.into_iter().chain(of_year.iter().copied()) {
            for s in v.register.systems.iter().filter(|s| s.status == Status::Live) {
                if !ids.iter().any(|(id, _)| id == &s.id) {
                    ids.push((s.id.clone(), s.name.clone()));
                }
            }
        }
        let year_versions: Vec<i64> = of_year.iter().map(|v| v.id).collect();
        let registered = |found: &Option<(i64, Vec<rules::Finding>)>, v: Option<&store::RegisterVersion>, id: &str| {
            let in_register = v.is_some_and(|v| v.register.systems.iter().any(|s| s.id == id));
            found.as_ref().filter(|_| in_register).map(|(_, all)| Severities::of(all.iter().filter(|f| f.system == id)))
        };
        let systems = ids
            .into_iter()
            .map(|(id, name)| {
                let entries: Vec<crate::oversight::HistoryEntry> = crate::oversight::history(t, &history, &id)
                    .into_iter()
                    .filter(|e| year_versions.contains(&e.version))
                    .collect();
                let mut changes = Vec::new();
                for e in &entries {
                    if e.added {
                        changes.push(t.ta("yearly-added", &[("version", e.version.to_string())]));
                    }
                    changes.extend(e.changes.iter().map(|(what, was, now)| format!("{what}: {was} → {now}")));
                    changes
                        .extend(e.switched_on.iter().map(|f| t.ta("yearly-switched-on", &[("function", f.clone())])));
                }
                YearSystem {
                    findings_start: registered(&start, at_start, &id),
                    findings_end: registered(&end, at_end, &id),
                    changed_in: entries.iter().map(|e| e.version).collect(),
                    changes,
                    id,
                    name,
                }
            })
            .collect();

        let dossiers = self
            .store
            .dossiers(None)
            .await?
            .into_iter()
            .filter(|d| {
                in_year(&d.opened_at, &from, &until) || d.decision.as_ref().is_some_and(|x| x.on.year() == year)
            })
            .map(|d| YearDossier {
                id: d.id,
                system: d.system.clone(),
                requested: d.requested.to_string(),
                status: d.status.as_str().to_owned(),
                outcome: d.decision.as_ref().map(|x| x.outcome.as_str().to_owned()),
                decided: d.decision.as_ref().map(|x| x.on.to_string()),
            })
            .collect();

        // Conditions: a change of state between two checks of the same condition, in the year.
        let (mut broken, mut restored) = (0, 0);
        // "Unknown" (a figure missing) is no state of the condition: it is compared with the
        // last known one before it.
        let states = self.store.condition_states(&until).await?;
        let mut last: Option<(i64, &str, &str)> = None;
        for (dossier, condition, at, state) in states.iter().filter(|s| s.3 != "unknown") {
            let before = last.filter(|(d, c, _)| d == dossier && c == condition).map(|(_, _, s)| s);
            if in_year(at, &from, &until) {
                match (before, state.as_str()) {
                    (Some("broken"), "holds") => restored += 1,
                    (before, "broken") if before != Some("broken") => broken += 1,
                    _ => {}
                }
            }
            last = Some((*dossier, condition.as_str(), state.as_str()));
        }

        let mut contests = Contests::default();
        let mut days = Vec::new();
        for c in self.store.contests(None).await?.into_iter().filter(|c| in_year(&c.opened_at, &from, &until)) {
            contests.opened += 1;
            let answer = c.steps.iter().find(|s| s.kind == "answered");
            let deadline = c.deadline.as_str();
            match answer {
                Some(a) => {
                    contests.answered += 1;
                    match a.outcome.as_deref() {
                        Some("upheld") => contests.upheld += 1,
                        Some("overturned") => contests.overturned += 1,
                        _ => {}
                    }
                    if let (Ok(o), Ok(x)) = (c.opened_at.parse::<jiff::Timestamp>(), a.time.parse::<jiff::Timestamp>())
                    {
                        days.push((x.as_millisecond() - o.as_millisecond()) as f64 / 86_400_000.0);
                    }
                    let answered_on =
                        a.time.parse::<jiff::Timestamp>().map(|x| x.to_zoned_datetime(zone.clone()).date().to_string());
                    if answered_on.is_ok_and(|d| d.as_str() > deadline) {
                        contests.overdue += 1;
                    }
                }
                None if end_day.to_string().as_str() > deadline => contests.overdue += 1,
                None => {}
            }
        }
        contests.median_days_to_answer = median(days);

        let reads = self.store.reads_between(&from, &until).await?.into_iter().map(|r| (r.role, r.reads)).collect();
        let mut notices = Notices::default();
        for b in self.store.notice_batches().await?.iter().filter(|b| in_year(&b.issued_at, &from, &until)) {
            notices.runs += 1;
            notices.letters += b.letters as u64;
            notices.invitations += b.invitations as u64;
        }

        let current = self.current_audits().await?;
        let audits = current
            .audited
            .iter()
            .map(|(system, audited)| {
                let report = serde_json::to_value(&audited.report).unwrap_or_default();
                let norm = report["norms"].get(0);
                AuditLine {
                    system: system.id.clone(),
                    kind: norm.and_then(|n| n["kind"].as_str()).map(str::to_owned),
                    share_meeting_target: norm.and_then(|n| n["share_meeting_target"].as_f64()),
                    break_penalty_pp: report["breaks"]["break_penalty"]["difference_pp"].as_f64(),
                    disparate_groups: report["groups"].as_array().map_or(0, |gs| {
                        gs.iter()
                            .filter(|g| {
                                g["rows"].as_array().is_some_and(|rows| rows.iter().any(|r| r["disparate"] == true))
                            })
                            .count() as u64
                    }),
                }
            })
            .collect();

        Ok(Yearly {
            format: FORMAT,
            year,
            organisation: at_end.map(|v| v.register.organisation.name.clone()).unwrap_or_default(),
            generated: today.to_string(),
            access_log_head: self.access_log_head().await?.to_string(),
            systems,
            dossiers,
            conditions_broken: broken,
            conditions_restored: restored,
            contests,
            reads,
            notices,
            audits,
            min_group: crate::MIN_GROUP,
        })
    }

    /// The yearly report in a format: HTML, PDF or JSON.
    pub async fn yearly_report(&self, t: &Tr, year: i16, format: crate::advice::Format) -> Result<Vec<u8>> {
        let y = self.yearly(t, year).await?;
        let doc = document(t, &y);
        match format {
            crate::advice::Format::Json => {
                let mut text = serde_json::to_vec_pretty(&y)?;
                text.push(b'\n');
                Ok(text)
            }
            crate::advice::Format::Html => Ok(html(&doc, t.lang.code())?.into_bytes()),
            crate::advice::Format::Pdf => {
                let input = json!({ "lang": t.lang.code(), "doc": doc });
                crate::people::blocking(move || typeset::yearly_pdf(&input).map_err(|e| Error::Pdf(e.to_string())))
                    .await?
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report in words: sections of lines and tables, for the HTML and the PDF alike.

/// A table.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A section.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<String>,
    pub table: Option<Table>,
}

/// The report in words.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

fn severities(t: &Tr, s: &Option<Severities>) -> String {
    match s {
        None => t.t("yearly-not-registered"),
        Some(s) => t.ta(
            "yearly-severities",
            &[("violation", s.violation.to_string()), ("risk", s.risk.to_string()), ("advice", s.advice.to_string())],
        ),
    }
}

fn pct(t: &Tr, x: Option<f64>, scale: f64, unit: &str) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{}{unit}", t.num(x * scale, 1)))
}

/// A date as the reader writes it (an ISO date the store kept, as it is when unreadable).
fn date(t: &Tr, iso: &str) -> String {
    iso.parse::<Date>().map_or_else(|_| iso.to_owned(), |d| t.date(d))
}

/// The report's sections, in the reader's language.
pub fn document(t: &Tr, y: &Yearly) -> Document {
    let name = |id: &str| y.systems.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone());
    let mut sections = Vec::new();
    sections.push(Section {
        heading: t.t("yearly-systems"),
        lines: vec![t.ta("yearly-systems-lead", &[("n", y.systems.len().to_string())])],
        table: Some(Table {
            header: ["yearly-col-system", "yearly-col-start", "yearly-col-end", "yearly-col-changes"]
                .iter()
                .map(|k| t.t(k))
                .collect(),
            rows: y
                .systems
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        severities(t, &s.findings_start),
                        severities(t, &s.findings_end),
                        if s.changes.is_empty() { t.t("yearly-no-change") } else { s.changes.join("; ") },
                    ]
                })
                .collect(),
        }),
    });
    sections.push(Section {
        heading: t.t("yearly-dossiers"),
        lines: vec![
            t.ta("yearly-dossiers-lead", &[("n", y.dossiers.len().to_string())]),
            t.ta(
                "yearly-conditions",
                &[("broken", y.conditions_broken.to_string()), ("restored", y.conditions_restored.to_string())],
            ),
        ],
        table: (!y.dossiers.is_empty()).then(|| Table {
            header: ["yearly-col-system", "yearly-col-requested", "yearly-col-decision"]
                .iter()
                .map(|k| t.t(k))
                .collect(),
            rows: y
                .dossiers
                .iter()
                .map(|d| {
                    let decision = match (&d.outcome, &d.decided) {
                        (Some(o), Some(on)) => format!("{} ({})", t.v("dossier-outcome", o), date(t, on)),
                        _ => t.v("dossier-status", &d.status),
                    };
                    vec![name(&d.system), date(t, &d.requested), decision]
                })
                .collect(),
        }),
    });
    let c = &y.contests;
    sections.push(Section {
        heading: t.t("yearly-contests"),
        lines: vec![t.ta(
            "yearly-contests-line",
            &[
                ("opened", c.opened.to_string()),
                ("answered", c.answered.to_string()),
                ("upheld", c.upheld.to_string()),
                ("overturned", c.overturned.to_string()),
                ("overdue", c.overdue.to_string()),
                ("median", c.median_days_to_answer.map_or_else(|| "–".to_owned(), |d| t.num(d, 1))),
            ],
        )],
        table: None,
    });
    sections.push(Section {
        heading: t.t("yearly-reads"),
        lines: vec![t.ta("yearly-reads-lead", &[("n", y.reads.values().sum::<i64>().to_string())])],
        table: (!y.reads.is_empty()).then(|| Table {
            header: vec![t.t("yearly-col-role"), t.t("yearly-col-reads")],
            rows: y.reads.iter().map(|(role, n)| vec![t.v("role", role), n.to_string()]).collect(),
        }),
    });
    sections.push(Section {
        heading: t.t("yearly-notices"),
        lines: vec![t.ta(
            "yearly-notices-line",
            &[
                ("runs", y.notices.runs.to_string()),
                ("letters", y.notices.letters.to_string()),
                ("invitations", y.notices.invitations.to_string()),
            ],
        )],
        table: None,
    });
    sections.push(Section {
        heading: t.t("yearly-audits"),
        lines: vec![t.ta("yearly-audits-lead", &[("min", y.min_group.to_string())])],
        table: (!y.audits.is_empty()).then(|| Table {
            header: ["yearly-col-system", "yearly-col-attainment", "yearly-col-penalty", "yearly-col-disparate"]
                .iter()
                .map(|k| t.t(k))
                .collect(),
            rows: y
                .audits
                .iter()
                .map(|a| {
                    vec![
                        name(&a.system),
                        pct(t, a.share_meeting_target, 100.0, " %"),
                        pct(t, a.break_penalty_pp, 1.0, " pp"),
                        a.disparate_groups.to_string(),
                    ]
                })
                .collect(),
        }),
    });
    Document {
        title: t.ta("yearly-title", &[("year", y.year.to_string()), ("organisation", y.organisation.clone())]),
        subtitle: t.ta("yearly-subtitle", &[("date", date(t, &y.generated)), ("head", y.access_log_head.clone())]),
        sections,
    }
}

#[derive(Template)]
#[template(path = "yearly.html")]
struct YearlyHtml<'a> {
    d: &'a Document,
    lang: &'static str,
}

/// A document of sections as a standalone HTML page (the yearly report's layout).
pub(crate) fn html(d: &Document, lang: &'static str) -> Result<String> {
    Ok(YearlyHtml { d, lang }.render()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
