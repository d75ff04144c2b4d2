//! A worker's own data and how the algorithm uses it: the DTOs the page, the API and the archive
//! share (`OwnData`), the page's sentences, the paged rows and the GDPR art 20 archive. Every
//! function here that returns a worker's data takes a `Reader` and logs the read first; a reader
//! sees only their own worker's data (`Reader::own_worker`), so no other worker's id can be asked for.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use domain::{Decision, Register};
use locale::Tr;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Error, Portal, Reader, Result};

/// Rows per page of the data pages.
pub const PAGE_ROWS: usize = 100;

/// The longest reason a worker can give for a contest, in characters.
pub const MAX_REASON: usize = 5000;

/// What the register says about a system that concerns the worker: the notice, in facts.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Notice {
    pub system: String,
    pub name: String,
    pub purposes: Vec<String>,
    pub data: Vec<String>,
    pub legal_basis: Option<String>,
    /// Days each data category is kept.
    pub retention_days: BTreeMap<String, u32>,
    /// Decision types the system takes, and whether solely automated.
    pub decisions: Vec<String>,
    pub solely_automated: bool,
    pub notice_date: Option<String>,
}

/// How much of one kind of data is held about the worker in one month.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CategoryCount {
    /// `events:<kind>`, `decisions`, `contests` or `attributes`.
    pub category: String,
    /// `YYYY-MM`, or empty where the data has no time.
    pub month: String,
    pub count: u64,
}

/// One shift as the audit's definitions see it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ShiftOut {
    pub system: String,
    /// Local date and times (the audit's time zone).
    pub date: String,
    pub start: String,
    pub end: String,
    pub hours: f64,
    pub kind: String,
    pub units: f64,
    /// Units per hour; absent for a shift of one event.
    pub rate: Option<f64>,
    pub target_per_hour: f64,
    pub pause_minutes: f64,
    pub required_break_minutes: f64,
    pub missed_legal_break: bool,
}

/// The worker's standing against a system's first norm, and the flag.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Standing {
    pub system: String,
    pub kind: String,
    pub target_per_hour: f64,
    pub rated_shifts: u64,
    pub mean_rate: Option<f64>,
    /// Among the lowest `flag_share` of workers by mean rate.
    pub flagged: bool,
    pub flag_share: f64,
    /// Share of resamples in which the worker is flagged (`audit.md`, flag stability).
    pub flagged_share_of_resamples: Option<f64>,
    pub resamples: usize,
}

/// A decision about the worker.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    pub id: i64,
    pub time: String,
    pub decision: String,
    pub automated: Option<bool>,
    pub reviewed: Option<bool>,
    pub review_seconds: Option<f64>,
    pub overturned: Option<bool>,
    pub score: Option<f64>,
    pub reason: Option<String>,
}

impl DecisionOut {
    pub fn of(id: i64, d: &Decision) -> DecisionOut {
        DecisionOut {
            id,
            time: d.time.to_string(),
            decision: d.decision.clone(),
            automated: d.automated,
            reviewed: d.reviewed,
            review_seconds: d.review_seconds,
            overturned: d.overturned,
            score: d.score,
            reason: d.reason.clone(),
        }
    }
}

/// One step of a contest.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StepOut {
    pub time: String,
    pub actor: String,
    /// `opened` or `answered`.
    pub kind: String,
    /// For an answer: `upheld` or `overturned`.
    pub outcome: Option<String>,
    pub text: String,
}

/// A contest of a decision.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ContestOut {
    pub id: i64,
    pub decision: DecisionOut,
    pub opened_at: String,
    /// The date the answer is due.
    pub deadline: String,
    pub answered: bool,
    pub steps: Vec<StepOut>,
}

impl ContestOut {
    pub fn of(c: &store::Contest) -> ContestOut {
        ContestOut {
            id: c.id,
            decision: DecisionOut::of(0, &c.decision),
            opened_at: c.opened_at.clone(),
            deadline: c.deadline.clone(),
            answered: c.answered,
            steps: c
                .steps
                .iter()
                .map(|s| StepOut {
                    time: s.time.clone(),
                    actor: s.actor.clone(),
                    kind: s.kind.clone(),
                    outcome: s.outcome.clone(),
                    text: s.text.clone(),
                })
                .collect(),
        }
    }
}

/// One entry of the access log, as the worker sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AccessOut {
    pub time: String,
    pub actor: String,
    pub role: String,
    pub what: String,
}

/// Everything held about one worker, and how it is used: the page, the API and the archive.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OwnData {
    pub account: String,
    /// The worker's pseudonym: the only identifier the portal's database holds.
    pub worker: String,
    pub attributes: BTreeMap<String, String>,
    pub systems: Vec<Notice>,
    pub categories: Vec<CategoryCount>,
    pub standing: Vec<Standing>,
    pub shifts: Vec<ShiftOut>,
    pub decisions: Vec<DecisionOut>,
    pub contests: Vec<ContestOut>,
    /// Systems whose figures cannot be shown now: their monitoring data could not be read.
    pub unavailable: Vec<String>,
}

impl From<store::Access> for AccessOut {
    fn from(a: store::Access) -> AccessOut {
        AccessOut { time: a.time, actor: a.actor, role: a.actor_role, what: a.what }
    }
}

fn local(ms: i64, tz: &jiff::tz::TimeZone) -> jiff::ZonedDateTime {
    jiff::Timestamp::from_millisecond(ms).unwrap_or_default().to_zoned_datetime(tz.clone())
}

fn notices(register: &Register) -> Vec<Notice> {
    register
        .systems
        .iter()
        .filter(|s| s.status != domain::Status::Retired)
        .map(|s| Notice {
            system: s.id.clone(),
            name: s.name.clone(),
            purposes: s.purposes.iter().map(|p| p.as_str().to_owned()).collect(),
            data: s.data.iter().map(|d| d.to_string()).collect(),
            legal_basis: s.legal_basis.map(|b| b.as_str().to_owned()),
            retention_days: s.retention_days.iter().map(|(d, n)| (d.to_string(), *n)).collect(),
            decisions: s.decisions.iter().map(|d| d.kind.as_str().to_owned()).collect(),
            solely_automated: s.decisions.iter().any(|d| d.solely_automated == Some(true)),
            notice_date: s.transparency.as_ref().and_then(|n| n.notice_date).map(|d| d.to_string()),
        })
        .collect()
}

/// The worker `reader` may read: their own, or none (`NotFound`) for anyone else.
fn own(reader: &Reader) -> Result<&str> {
    reader.own_worker().ok_or(Error::NotFound)
}

impl Portal {
    /// Everything held about the reader's own worker, and how it is used; the read is logged as
    /// `what` first.
    pub async fn own_data(&self, reader: &Reader, what: &str) -> Result<OwnData> {
        let worker = own(reader)?;
        self.log_read(reader, worker, what).await?;
        self.gather(reader, worker).await
    }

    /// The worker's data, unlogged: only for the methods here, which log first.
    async fn gather(&self, reader: &Reader, worker: &str) -> Result<OwnData> {
        let crate::CurrentAudits { register, audited, failed } = self.current_audits().await?;
        let mut shifts = Vec::new();
        let mut standing = Vec::new();
        let mut categories = Vec::new();
        for (system, a) in &audited {
            let Some(mine) = a.workers.get(worker) else { continue };
            let tz = locale::zone(&a.report.parameters.time_zone);
            let targets = &a.report.parameters.targets;
            // The page explains the system's first norm; the archive's data.json has them all.
            for s in &mine.shifts {
                let (start, end) = (local(s.start_ms, &tz), local(s.start_ms + (s.duration_s * 1000.0) as i64, &tz));
                for (i, target) in targets.iter().enumerate().take(1) {
                    shifts.push(ShiftOut {
                        system: system.id.clone(),
                        date: start.date().to_string(),
                        start: start.strftime("%H:%M").to_string(),
                        end: end.strftime("%H:%M").to_string(),
                        hours: s.duration_s / 3600.0,
                        kind: target.kind.clone(),
                        units: s.units[i],
                        rate: s.rates[i],
                        target_per_hour: target.per_hour,
                        pause_minutes: s.pause_s / 60.0,
                        required_break_minutes: s.required_break_s / 60.0,
                        missed_legal_break: s.missed_legal_break,
                    });
                }
            }
            if let (Some(target), Some(flags)) = (targets.first(), &a.report.flags) {
                standing.push(Standing {
                    system: system.id.clone(),
                    kind: target.kind.clone(),
                    target_per_hour: target.per_hour,
                    rated_shifts: mine.shifts.iter().filter(|s| s.rated).count() as u64,
                    mean_rate: mine.mean_rate,
                    flagged: mine.flagged,
                    flag_share: flags.flag_share,
                    flagged_share_of_resamples: mine.flagged_share_of_resamples,
                    resamples: flags.resamples,
                });
            }
            // The events file is the same for every system: count it once.
            if categories.is_empty() {
                categories.extend(mine.monthly_events.iter().map(|m| CategoryCount {
                    category: format!("events:{}", m.kind),
                    month: m.month.clone(),
                    count: m.events,
                }));
            }
        }
        // Attributes and decisions change only with an import: read once per register version.
        let own = self.store.own_rows(worker).await?;
        let decisions: Vec<DecisionOut> = own.decisions.iter().map(|(id, d)| DecisionOut::of(*id, d)).collect();
        let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
        for d in &decisions {
            *per_month.entry(d.time.get(..7).unwrap_or_default().to_owned()).or_default() += 1;
        }
        categories.extend(per_month.into_iter().map(|(month, count)| CategoryCount {
            category: "decisions".into(),
            month,
            count,
        }));
        let attributes = own.worker.as_ref().map(|w| w.attributes.clone()).unwrap_or_default();
        if !attributes.is_empty() {
            categories.push(CategoryCount {
                category: "attributes".into(),
                month: String::new(),
                count: attributes.len() as u64,
            });
        }
        let contests: Vec<ContestOut> = self.store.contests(Some(worker)).await?.iter().map(ContestOut::of).collect();
        if !contests.is_empty() {
            categories.push(CategoryCount {
                category: CONTESTS.into(),
                month: String::new(),
                count: contests.len() as u64,
            });
        }
        Ok(OwnData {
            account: reader.name.clone(),
            worker: worker.to_owned(),
            attributes,
            systems: register.as_ref().map(notices).unwrap_or_default(),
            categories,
            standing,
            shifts,
            decisions,
            contests,
            unavailable: failed.into_iter().map(|s| s.name).collect(),
        })
    }

    /// The worker's own events, from the events file, found through the audit's identifiers.
    async fn own_events(&self, worker: &str) -> Result<Vec<audit::OwnEvent>> {
        let audited = self.current_audits().await?.audited;
        let Some((_, a)) = audited.iter().find(|(_, a)| a.workers.contains_key(worker)) else { return Ok(Vec::new()) };
        let source = a.workers[worker].source_id.clone();
        let mut params = audit::Params::new(a.events.clone(), Vec::new());
        params.time_zone = a.report.parameters.time_zone.clone();
        Ok(audit::worker_events(&params, &source).await?)
    }

    /// Who read the reader's own data, newest first (`limit` entries, or all); reading it is
    /// logged as `what` too.
    pub async fn own_access_log(&self, reader: &Reader, what: &str, limit: Option<i64>) -> Result<Vec<AccessOut>> {
        let worker = own(reader)?;
        self.log_read(reader, worker, what).await?;
        Ok(self.store.access_log(worker, limit).await?.into_iter().map(AccessOut::from).collect())
    }

    /// The reader's own pseudonym, for a worker (the API's `/api/v1/me`); the read is logged as
    /// `what`. Anyone else has none.
    pub async fn own_pseudonym(&self, reader: &Reader, what: &str) -> Result<Option<String>> {
        let Some(worker) = reader.own_worker() else { return Ok(None) };
        self.log_read(reader, worker, what).await?;
        Ok(Some(worker.to_owned()))
    }

    /// The reader's own contests; the read is logged as `what`.
    pub async fn own_contests(&self, reader: &Reader, what: &str) -> Result<Vec<ContestOut>> {
        let worker = own(reader)?;
        self.log_read(reader, worker, what).await?;
        Ok(self.store.contests(Some(worker)).await?.iter().map(ContestOut::of).collect())
    }

    /// The worker's page (or, with `full`, the readable copy of everything): the data in
    /// sentences, for the reader's language.
    pub async fn own_page(&self, reader: &Reader, t: &Tr, full: bool) -> Result<MeView> {
        let worker = own(reader)?;
        self.log_read(reader, worker, if full { "copy /me/copy" } else { "page /me" }).await?;
        let parts = self.page_parts(reader, worker, t, full).await?;
        let contests: Vec<ContestOut> = self.store.contests(Some(worker)).await?.iter().map(ContestOut::of).collect();
        let limit = (!full).then_some(20);
        let access: Vec<AccessOut> =
            self.store.access_log(worker, limit).await?.into_iter().map(AccessOut::from).collect();
        let deadline = self.contest_deadline().await?;
        Ok(MeView::assemble(t, &parts, &contests, access, full, deadline))
    }

    /// The parts of the worker's page that change only with an import, formatted once per
    /// register version, worker and language (see [`PageParts`]); the readable copy's every
    /// time. The caller logs the read.
    async fn page_parts(&self, reader: &Reader, worker: &str, t: &Tr, full: bool) -> Result<Arc<PageParts>> {
        // The organisation's zone, whatever the caller's: a kept part is the same for every view.
        let t = &Tr::with_zone(t.lang, self.time_zone().await?);
        // The readable copy (`full`, every shift) is rare and large: not kept.
        let version = if full { None } else { self.store.latest_register_shared().await?.map(|v| v.id) };
        let key = (worker.to_owned(), t.lang);
        if let Some(version) = version {
            let kept = self.pages.lock().unwrap_or_else(|p| p.into_inner());
            if kept.version == version
                && let Some(parts) = kept.parts.get(&key)
            {
                return Ok(parts.clone());
            }
        }
        let data = self.gather(reader, worker).await?;
        let parts = Arc::new(PageParts::of(t, &data, full));
        // A system whose data could not be read now may be readable at the next view: such a
        // page is not kept.
        if let Some(version) = version
            && data.unavailable.is_empty()
        {
            let dropped = {
                let mut kept = self.pages.lock().unwrap_or_else(|p| p.into_inner());
                let dropped = (kept.version != version || kept.parts.len() >= PAGES_KEPT)
                    .then(|| std::mem::take(&mut kept.parts));
                kept.version = version;
                kept.parts.insert(key, parts.clone());
                dropped
            };
            // Freed after the lock is let go.
            drop(dropped);
        }
        Ok(parts)
    }

    /// One kind of the reader's own rows (`events`, `shifts` or `decisions`), one page of them.
    pub async fn own_rows(&self, reader: &Reader, t: &Tr, kind: &str, page: usize) -> Result<RowsView> {
        let kind = match kind {
            "events" => "events",
            "shifts" => "shifts",
            "decisions" => "decisions",
            _ => return Err(Error::NotFound),
        };
        let worker = own(reader)?;
        self.log_read(reader, worker, &format!("rows /me/data?kind={kind}")).await?;
        let (header, all): (Vec<String>, Vec<Vec<String>>) = match kind {
            "events" => {
                let tz = self.time_zone().await?;
                let t = Tr::with_zone(t.lang, tz);
                (
                    vec![t.t("col-time"), t.t("col-kind"), t.t("col-quantity")],
                    self.own_events(worker)
                        .await?
                        .into_iter()
                        .map(|e| vec![t.moment_ms(e.time_ms), e.kind, t.num(e.quantity, 0)])
                        .collect(),
                )
            }
            "shifts" => (
                [
                    "col-date",
                    "col-start",
                    "col-end",
                    "col-units",
                    "col-rate",
                    "col-target",
                    "col-pause",
                    "col-required-break",
                ]
                .iter()
                .map(|k| t.t(k))
                .collect(),
                self.gather(reader, worker)
                    .await?
                    .shifts
                    .iter()
                    .map(|s| {
                        vec![
                            s.date.clone(),
                            s.start.clone(),
                            s.end.clone(),
                            t.num(s.units, 0),
                            s.rate.map(|r| t.num(r, 1)).unwrap_or_default(),
                            t.num(s.target_per_hour, 0),
                            t.num(s.pause_minutes, 1),
                            t.num(s.required_break_minutes, 0),
                        ]
                    })
                    .collect(),
            ),
            _ => (
                vec![t.t("col-time"), t.t("col-decision"), t.t("col-score"), t.t("col-reason")],
                self.store
                    .own_rows(worker)
                    .await?
                    .decisions
                    .iter()
                    .map(|(_, d)| {
                        vec![
                            t.moment(&d.time.to_string()),
                            d.decision.clone(),
                            d.score.map(|s| t.num(s, 1)).unwrap_or_default(),
                            d.reason.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            ),
        };
        let pages = all.len().div_ceil(PAGE_ROWS).max(1);
        let page = page.clamp(1, pages);
        let rows = all.iter().skip((page - 1) * PAGE_ROWS).take(PAGE_ROWS).cloned().collect();
        let link = |p: usize| format!("/me/data?kind={kind}&page={p}");
        let kinds = ["events", "shifts", "decisions"]
            .into_iter()
            .map(|k| RowsTab {
                label: t.t(&format!("me-rows-{k}")),
                href: format!("/me/data?kind={k}"),
                current: k == kind,
            })
            .collect();
        Ok(RowsView {
            kind: t.t(&format!("me-rows-{kind}")),
            kinds,
            header,
            rows,
            page,
            pages,
            total: t.int(all.len() as i64),
            previous: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        })
    }

    /// Everything held about the reader's own worker as one ZIP of JSON and CSV files (GDPR
    /// art 20); the read is logged first.
    pub async fn own_archive(&self, reader: &Reader, t: &Tr) -> Result<Vec<u8>> {
        let data = self.own_data(reader, "archive /me/archive.zip").await?;
        let events = self.own_events(&data.worker).await?;
        let access: Vec<AccessOut> =
            self.store.access_log(&data.worker, None).await?.into_iter().map(AccessOut::from).collect();
        archive(t, &data, &events, &access)
    }
}

fn csv_of(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header)?;
    for r in rows {
        out.write_record(r.iter().map(|cell| safe_cell(cell).into_owned()))?;
    }
    Ok(out.into_inner()?)
}

/// A cell a spreadsheet will not run as a formula (OWASP "CSV injection"): text that starts with
/// `=`, `+`, `-`, `@`, a TAB or a carriage return gets a leading `'`; a number such as `-3.5`
/// stays as it is.
pub(crate) fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}").into() } else { cell.into() }
}

#[cfg(test)]
mod csv_tests {
    use super::{csv_of, safe_cell};

    /// Regression (security review L1): an employer's decision reason `=HYPERLINK(…)` ran as a
    /// formula when the worker opened their archive's CSV in a spreadsheet.
    #[test]
    fn a_cell_that_a_spreadsheet_would_run_is_neutralised() {
        for formula in ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(safe_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for plain in ["-3.5", "+7", "warning", "", "2026-03-04T06:01:00+01:00", "a=b"] {
            assert_eq!(safe_cell(plain), plain, "{plain:?}");
        }
        let bytes = csv_of(&["reason"], std::iter::once(vec!["=1+1".to_owned()])).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "reason\n'=1+1\n");
    }
}

fn archive(t: &Tr, data: &OwnData, events: &[audit::OwnEvent], access: &[AccessOut]) -> Result<Vec<u8>> {
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let ob = |v: Option<bool>| v.map(|x| x.to_string()).unwrap_or_default();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("README.txt", t.tn("archive-readme", &[("worker", data.worker.clone())]).into_bytes()),
        ("data.json", serde_json::to_vec_pretty(data)?),
        (
            "events.csv",
            csv_of(
                &["time_ms", "time", "kind", "quantity"],
                events.iter().map(|e| {
                    let at = jiff::Timestamp::from_millisecond(e.time_ms).unwrap_or_default().to_string();
                    vec![e.time_ms.to_string(), at, e.kind.clone(), e.quantity.to_string()]
                }),
            )?,
        ),
        (
            "shifts.csv",
            csv_of(
                &[
                    "system",
                    "date",
                    "start",
                    "end",
                    "hours",
                    "kind",
                    "units",
                    "rate_per_hour",
                    "target_per_hour",
                    "pause_minutes",
                    "required_break_minutes",
                    "missed_legal_break",
                ],
                data.shifts.iter().map(|s| {
                    vec![
                        s.system.clone(),
                        s.date.clone(),
                        s.start.clone(),
                        s.end.clone(),
                        s.hours.to_string(),
                        s.kind.clone(),
                        s.units.to_string(),
                        opt(s.rate),
                        s.target_per_hour.to_string(),
                        s.pause_minutes.to_string(),
                        s.required_break_minutes.to_string(),
                        s.missed_legal_break.to_string(),
                    ]
                }),
            )?,
        ),
        (
            "decisions.csv",
            csv_of(
                &["time", "decision", "automated", "reviewed", "review_seconds", "overturned", "score", "reason"],
                data.decisions.iter().map(|d| {
                    vec![
                        d.time.clone(),
                        d.decision.clone(),
                        ob(d.automated),
                        ob(d.reviewed),
                        opt(d.review_seconds),
                        ob(d.overturned),
                        opt(d.score),
                        d.reason.clone().unwrap_or_default(),
                    ]
                }),
            )?,
        ),
        (
            "access-log.csv",
            csv_of(
                &["time", "actor", "role", "what"],
                access.iter().map(|a| vec![a.time.clone(), a.actor.clone(), a.role.clone(), a.what.clone()]),
            )?,
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

// ---------------------------------------------------------------------------------------------
// The page's view model: the data in sentences, in the reader's language.

/// A system that concerns the worker, with its notice.
#[derive(Clone, Debug)]
pub struct NoticeView {
    pub name: String,
    pub purposes: String,
    pub data: String,
    pub legal_basis: String,
    pub retention: String,
    pub automated: String,
}

/// One shift in a sentence.
#[derive(Clone, Debug)]
pub struct ShiftView {
    pub sentence: String,
    pub missed: bool,
}

/// A decision about the worker, as the page shows it.
#[derive(Clone, Debug)]
pub struct WorkerDecisionView {
    pub id: i64,
    pub time: String,
    pub kind: String,
    pub how: String,
    pub reason: String,
    pub contested: bool,
}

/// A contest as the worker's page and the admin's queue show it.
#[derive(Clone, Debug)]
pub struct ContestView {
    pub id: i64,
    pub decision: String,
    pub deadline: String,
    pub status: String,
    /// When, what (and who), and the text of each step.
    pub steps: Vec<(String, String, String)>,
}

/// The worker's page.
#[derive(Clone, Debug)]
pub struct MeView {
    /// The full readable copy: every shift and access, nothing cut short.
    pub full: bool,
    pub worker: String,
    pub notices: Vec<NoticeView>,
    /// Category, month and count.
    pub categories: Vec<(String, String, String)>,
    pub standing: Vec<String>,
    pub shifts: Vec<ShiftView>,
    pub more_shifts: usize,
    pub decisions: Vec<WorkerDecisionView>,
    pub contests: Vec<ContestView>,
    /// When, who (and their role), and what.
    pub access: Vec<(String, String, String)>,
    /// The date a contest opened today would be due.
    pub deadline: String,
}

/// A tab of the rows page.
#[derive(Debug)]
pub struct RowsTab {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// One page of one kind of the worker's rows.
#[derive(Debug)]
pub struct RowsView {
    pub kind: String,
    pub kinds: Vec<RowsTab>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub page: usize,
    pub pages: usize,
    pub total: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The parts of a worker's page that change only with an import: what the register says of
/// each system, the data held by category and month, the standing, the shifts and the decisions,
/// in sentences. Every import adds a register version, so they are kept per version, worker and
/// language ([`Pages`]; the readable copy, every shift, is not kept), and a page view formats
/// only what changes between views: the contests, who read the data, the deadline (issue 15:
/// formatting these sentences, translations and all, took a sixth of the portal's time under
/// load).
#[derive(Debug)]
pub(crate) struct PageParts {
    /// The page without what changes between views: no contests (nor their category), no
    /// access log, no deadline, no decision marked contested.
    page: MeView,
    /// Each decision's time and kind as stored (newest first, as `page.decisions`), to mark the
    /// contested ones.
    decision_keys: Vec<(String, String)>,
}

/// The pages' parts kept for one register version, by worker and language (the page, not the
/// readable copy).
#[derive(Debug, Default)]
pub(crate) struct Pages {
    version: i64,
    parts: std::collections::HashMap<(String, locale::Lang), Arc<PageParts>>,
}

/// The most pages' parts kept (about 10 KB each for the demo's workers); past it they are all
/// dropped and formatted again.
const PAGES_KEPT: usize = 10_000;

impl PageParts {
    fn of(t: &Tr, data: &OwnData, full: bool) -> PageParts {
        let notices = data
            .systems
            .iter()
            .map(|n| NoticeView {
                name: n.name.clone(),
                purposes: n.purposes.iter().map(|p| t.v("purpose", p)).collect::<Vec<_>>().join(", "),
                data: n.data.iter().map(|d| data_label(t, d)).collect::<Vec<_>>().join(", "),
                legal_basis: n.legal_basis.as_deref().map(|b| t.v("basis", b)).unwrap_or_else(|| t.t("not-registered")),
                retention: n
                    .retention_days
                    .iter()
                    .map(|(d, days)| format!("{} {}", data_label(t, d), t.ta("days", &[("n", days.to_string())])))
                    .collect::<Vec<_>>()
                    .join(", "),
                automated: t.yes_no(Some(n.solely_automated)),
            })
            .collect();
        let categories = data
            .categories
            .iter()
            .filter(|c| c.category != CONTESTS)
            .map(|c| (category_label(t, &c.category), c.month.clone(), t.int(c.count as i64)))
            .collect();
        let shown = if full { data.shifts.len() } else { data.shifts.len().min(10) };
        let shifts = data
            .shifts
            .iter()
            .rev()
            .take(shown)
            .map(|s| ShiftView { sentence: shift_sentence(t, s), missed: s.missed_legal_break })
            .collect();
        let decisions = data
            .decisions
            .iter()
            .rev()
            .map(|d| WorkerDecisionView {
                id: d.id,
                time: t.moment(&d.time),
                kind: d.decision.clone(),
                how: decision_how(t, d),
                reason: d.reason.clone().unwrap_or_else(|| t.t("me-no-reason")),
                contested: false,
            })
            .collect();
        let decision_keys = data.decisions.iter().rev().map(|d| (d.time.clone(), d.decision.clone())).collect();
        let page = MeView {
            full,
            worker: data.worker.clone(),
            notices,
            categories,
            standing: data
                .standing
                .iter()
                .map(|s| standing_sentence(t, s))
                .chain(data.unavailable.iter().map(|name| t.ta("me-unavailable", &[("system", name.clone())])))
                .collect(),
            shifts,
            more_shifts: data.shifts.len() - shown,
            decisions,
            contests: Vec::new(),
            access: Vec::new(),
            deadline: String::new(),
        };
        PageParts { page, decision_keys }
    }
}

/// The data category of the worker's contests.
const CONTESTS: &str = "contests";

impl MeView {
    /// The page: the kept parts, and what changes between views.
    fn assemble(
        t: &Tr,
        parts: &PageParts,
        contests: &[ContestOut],
        access: Vec<AccessOut>,
        full: bool,
        deadline: jiff::civil::Date,
    ) -> MeView {
        let contested: std::collections::BTreeSet<(&str, &str)> =
            contests.iter().map(|c| (c.decision.time.as_str(), c.decision.decision.as_str())).collect();
        let mut page = parts.page.clone();
        if !contests.is_empty() {
            page.categories.push((category_label(t, CONTESTS), String::new(), t.int(contests.len() as i64)));
        }
        for (decision, (time, kind)) in page.decisions.iter_mut().zip(&parts.decision_keys) {
            decision.contested = contested.contains(&(time.as_str(), kind.as_str()));
        }
        MeView {
            full,
            contests: contests.iter().map(|c| contest_view(t, c)).collect(),
            access: access
                .into_iter()
                .map(|a| {
                    // The command line is not a person's name: it is named in the reader's language.
                    let actor =
                        if a.actor == Reader::command_line().name { t.t("me-access-command-line") } else { a.actor };
                    (t.moment(&a.time), format!("{actor} ({})", t.v("role", &a.role)), a.what)
                })
                .collect(),
            deadline: deadline.to_string(),
            ..page
        }
    }
}

/// A data category's label: the vocabulary's, or the refinement after the category in words.
pub(crate) fn data_label(t: &Tr, category: &str) -> String {
    let (kind, refinement) = category.split_once('.').map_or((category, None), |(k, r)| (k, Some(r)));
    let base = t.v("data", kind);
    match refinement {
        Some(r) => format!("{base} ({})", r.replace('_', " ")),
        None => base,
    }
}

fn category_label(t: &Tr, category: &str) -> String {
    match category.strip_prefix("events:") {
        Some(kind) => t.ta("me-category-events", &[("kind", kind.to_owned())]),
        None => t.t(&format!("me-category-{category}")),
    }
}

fn shift_sentence(t: &Tr, s: &ShiftOut) -> String {
    let mut text = t.ta(
        "me-shift-sentence",
        &[
            ("date", s.date.clone()),
            ("start", s.start.clone()),
            ("end", s.end.clone()),
            ("kind", s.kind.clone()),
            ("units", t.num(s.units, 0)),
            ("rate", s.rate.map(|r| t.num(r, 0)).unwrap_or_else(|| "–".into())),
            ("target", t.num(s.target_per_hour, 0)),
        ],
    );
    text.push(' ');
    let pause = t.num(s.pause_minutes, 0);
    if s.required_break_minutes > 0.0 {
        let key = if s.missed_legal_break { "me-shift-break-missed" } else { "me-shift-break-ok" };
        text.push_str(&t.ta(key, &[("pause", pause), ("required", t.num(s.required_break_minutes, 0))]));
    } else {
        text.push_str(&t.ta("me-shift-pause", &[("pause", pause)]));
    }
    text
}

fn standing_sentence(t: &Tr, s: &Standing) -> String {
    let mut text = t.ta(
        "me-standing",
        &[
            ("shifts", s.rated_shifts.to_string()),
            ("mean", s.mean_rate.map(|r| t.num(r, 0)).unwrap_or_else(|| "–".into())),
            ("kind", s.kind.clone()),
            ("target", t.num(s.target_per_hour, 0)),
        ],
    );
    text.push(' ');
    let share = t.num(100.0 * s.flag_share, 0);
    let again = s.flagged_share_of_resamples.map(|v| t.num(100.0 * v, 0)).unwrap_or_else(|| "–".into());
    let key = match (s.flagged, s.flagged_share_of_resamples) {
        (true, Some(v)) if v < 0.5 => "me-flagged-unstable",
        (true, _) => "me-flagged-stable",
        (false, _) => "me-not-flagged",
    };
    text.push_str(&t.ta(key, &[("share", share), ("again", again), ("resamples", s.resamples.to_string())]));
    text
}

fn decision_how(t: &Tr, d: &DecisionOut) -> String {
    let mut parts = Vec::new();
    parts.push(match d.automated {
        Some(true) => t.t("me-decision-automated"),
        Some(false) => t.t("me-decision-human"),
        None => t.t("me-decision-unknown"),
    });
    match (d.reviewed, d.review_seconds) {
        (Some(true), Some(s)) => parts.push(t.ta("me-decision-reviewed-seconds", &[("seconds", t.num(s, 0))])),
        (Some(true), None) => parts.push(t.t("me-decision-reviewed")),
        (Some(false), _) => parts.push(t.t("me-decision-not-reviewed")),
        _ => {}
    }
    if d.overturned == Some(true) {
        parts.push(t.t("me-decision-overturned"));
    }
    parts.join("; ")
}

pub(crate) fn contest_view(t: &Tr, c: &ContestOut) -> ContestView {
    ContestView {
        id: c.id,
        decision: format!("{} · {}", t.moment(&c.decision.time), c.decision.decision),
        deadline: c.deadline.clone(),
        status: if c.answered { t.t("contest-answered") } else { t.t("contest-open") },
        steps: c
            .steps
            .iter()
            .map(|s| {
                let what = match s.outcome.as_deref() {
                    Some(o) => t.t(&format!("contest-outcome-{o}")),
                    None => t.t(&format!("contest-step-{}", s.kind)),
                };
                (t.moment(&s.time), format!("{what} ({})", s.actor), s.text.clone())
            })
            .collect(),
    }
}
