//! A worker's own data and how the algorithm uses it (M4), contesting a decision, and the
//! admin's queue of contests. Every read of a worker's personal data is written to the access log
//! before the data is sent.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use domain::{Decision, Register};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::User;
use crate::i18n::Tr;
use crate::pages::{Frame, render, render_status};
use crate::{AppError, AppState, Audited};

/// Rows per page of the data pages.
pub const PAGE_ROWS: usize = 100;

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
    fn of(id: i64, d: &Decision) -> DecisionOut {
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
    pub(crate) fn of(c: &store::Contest) -> ContestOut {
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
}

/// The systems with their audit, for the register's latest version.
async fn audits(state: &AppState) -> Result<(Option<Register>, Vec<(domain::System, Arc<Audited>)>), AppError> {
    let Some(version) = state.store.latest_register().await? else { return Ok((None, Vec::new())) };
    let events = state.store.overview().await?.events;
    let mut out = Vec::new();
    if let Some((events, _)) = events {
        for s in version.register.systems.iter().filter(|s| !s.targets.is_empty()) {
            out.push((s.clone(), crate::report::cached_audit(state, version.id, s, events.clone()).await?));
        }
    }
    Ok((Some(version.register), out))
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

/// Gathers a worker's data. The caller logs the access.
pub(crate) async fn own_data(state: &AppState, account: &store::Account) -> Result<OwnData, AppError> {
    let worker = account.worker.clone().unwrap_or_default();
    let (register, audited) = audits(state).await?;
    let mut shifts = Vec::new();
    let mut standing = Vec::new();
    let mut categories = Vec::new();
    for (system, a) in &audited {
        let Some(mine) = a.workers.get(&worker) else { continue };
        let tz = jiff::tz::TimeZone::get(&a.report.parameters.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let targets = &a.report.parameters.targets;
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
                    missed_legal_break: s.pause_s < s.required_break_s,
                });
            }
        }
        if let (Some(target), Some(flags)) = (targets.first(), &a.report.flags) {
            standing.push(Standing {
                system: system.id.clone(),
                kind: target.kind.clone(),
                target_per_hour: target.per_hour,
                rated_shifts: mine.shifts.iter().filter(|s| s.rates.first().copied().flatten().is_some()).count()
                    as u64,
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
    let decisions: Vec<DecisionOut> =
        state.store.decisions_of(&worker).await?.iter().map(|(id, d)| DecisionOut::of(*id, d)).collect();
    let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
    for d in &decisions {
        *per_month.entry(d.time.get(..7).unwrap_or_default().to_owned()).or_default() += 1;
    }
    categories.extend(per_month.into_iter().map(|(month, count)| CategoryCount {
        category: "decisions".into(),
        month,
        count,
    }));
    let attributes = state.store.worker(&worker).await?.map(|w| w.attributes).unwrap_or_default();
    if !attributes.is_empty() {
        categories.push(CategoryCount {
            category: "attributes".into(),
            month: String::new(),
            count: attributes.len() as u64,
        });
    }
    let contests: Vec<ContestOut> = state.store.contests(Some(&worker)).await?.iter().map(ContestOut::of).collect();
    if !contests.is_empty() {
        categories.push(CategoryCount {
            category: "contests".into(),
            month: String::new(),
            count: contests.len() as u64,
        });
    }
    Ok(OwnData {
        account: account.name.clone(),
        worker,
        attributes,
        systems: register.as_ref().map(notices).unwrap_or_default(),
        categories,
        standing,
        shifts,
        decisions,
        contests,
    })
}

/// Logs that `user` read `worker`'s data, before it is sent.
pub(crate) async fn log(state: &AppState, user: &User, worker: &str, what: &str) -> Result<(), AppError> {
    state.store.log_access(&user.account.name, user.role(), worker, what).await?;
    Ok(())
}

pub(crate) fn access_out(entries: Vec<store::Access>) -> Vec<AccessOut> {
    entries.into_iter().map(|a| AccessOut { time: a.time, actor: a.actor, role: a.actor_role, what: a.what }).collect()
}

// ---------------------------------------------------------------------------------------------
// The page

pub(crate) struct NoticeView {
    pub name: String,
    pub purposes: String,
    pub data: String,
    pub legal_basis: String,
    pub retention: String,
    pub automated: String,
}

pub(crate) struct ShiftView {
    pub sentence: String,
    pub missed: bool,
}

pub(crate) struct DecisionView {
    pub id: i64,
    pub time: String,
    pub kind: String,
    pub how: String,
    pub reason: String,
    pub contested: bool,
}

pub(crate) struct ContestView {
    pub id: i64,
    pub decision: String,
    pub deadline: String,
    pub status: String,
    pub steps: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    f: Frame,
    /// The full human-readable copy: every shift, nothing paged.
    full: bool,
    worker: String,
    notices: Vec<NoticeView>,
    categories: Vec<(String, String, String)>,
    standing: Vec<String>,
    shifts: Vec<ShiftView>,
    more_shifts: usize,
    decisions: Vec<DecisionView>,
    contests: Vec<ContestView>,
    access: Vec<(String, String, String)>,
    csrf: String,
    deadline: String,
    notice: Option<String>,
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

/// The date a contest opened today must be answered by.
pub(crate) async fn deadline(state: &AppState) -> Result<jiff::civil::Date, AppError> {
    let today = jiff::ZonedDateTime::now().date();
    let platform = state
        .store
        .latest_register()
        .await?
        .is_some_and(|v| v.register.organisation.digital_labour_platform == Some(true));
    let span = match (state.contest_days, platform) {
        (Some(days), _) => jiff::Span::new().days(i64::from(days)),
        (None, true) => jiff::Span::new().days(14),
        (None, false) => jiff::Span::new().months(1),
    };
    Ok(today.checked_add(span).unwrap_or(today))
}

async fn me_page(
    state: &AppState,
    t: Tr,
    user: &User,
    full: bool,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let data = own_data(state, &user.account).await?;
    log(state, user, &data.worker, if full { "copy /me/copy" } else { "page /me" }).await?;
    let access = access_out(state.store.access_log(&data.worker, (!full).then_some(20)).await?);
    let yes_no = |b: bool| t.yes_no(&Some(b));
    let notices = data
        .systems
        .iter()
        .map(|n| NoticeView {
            name: n.name.clone(),
            purposes: n.purposes.iter().map(|p| t.v("purpose", p)).collect::<Vec<_>>().join(", "),
            data: n.data.join(", ").replace('_', " "),
            legal_basis: n.legal_basis.as_deref().map(|b| t.v("basis", b)).unwrap_or_else(|| t.t("not-registered")),
            retention: n
                .retention_days
                .iter()
                .map(|(d, days)| format!("{} {}", d.replace('_', " "), t.ta("days", &[("n", days.to_string())])))
                .collect::<Vec<_>>()
                .join(", "),
            automated: yes_no(n.solely_automated),
        })
        .collect();
    let categories = data
        .categories
        .iter()
        .map(|c| (category_label(&t, &c.category), c.month.clone(), t.int(c.count as i64)))
        .collect();
    let shown = if full { data.shifts.len() } else { data.shifts.len().min(10) };
    let shifts = data
        .shifts
        .iter()
        .rev()
        .take(shown)
        .map(|s| ShiftView { sentence: shift_sentence(&t, s), missed: s.missed_legal_break })
        .collect();
    let contested: std::collections::BTreeSet<(String, String)> =
        data.contests.iter().map(|c| (c.decision.time.clone(), c.decision.decision.clone())).collect();
    let decisions = data
        .decisions
        .iter()
        .rev()
        .map(|d| DecisionView {
            id: d.id,
            time: t.moment(&d.time),
            kind: d.decision.clone(),
            how: decision_how(&t, d),
            reason: d.reason.clone().unwrap_or_else(|| t.t("me-no-reason")),
            contested: contested.contains(&(d.time.clone(), d.decision.clone())),
        })
        .collect();
    let page = MePage {
        full,
        worker: data.worker.clone(),
        standing: data.standing.iter().map(|s| standing_sentence(&t, s)).collect(),
        more_shifts: data.shifts.len() - shown,
        contests: data.contests.iter().map(|c| contest_view(&t, c)).collect(),
        access: access
            .into_iter()
            .take(if full { usize::MAX } else { 20 })
            .map(|a| (t.moment(&a.time), format!("{} ({})", a.actor, t.v("role", &a.role)), a.what))
            .collect(),
        csrf: user.csrf.clone(),
        deadline: deadline(state).await?.to_string(),
        notices,
        categories,
        shifts,
        decisions,
        notice,
        f: Frame::new(t, if full { "/me/copy" } else { "/me" }),
    };
    render(&page)
}

#[derive(Deserialize)]
pub(crate) struct Flash {
    opened: Option<i64>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    let notice = flash.opened.map(|id| t.ta("contest-opened", &[("id", id.to_string())]));
    me_page(&state, t, &user, false, notice).await
}

pub(crate) async fn copy(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    me_page(&state, t, &user, true, None).await
}

// ---------------------------------------------------------------------------------------------
// The rows, paged

#[derive(Deserialize)]
pub(crate) struct RowsQuery {
    kind: Option<String>,
    page: Option<usize>,
}

#[derive(Template)]
#[template(path = "me_data.html")]
struct RowsPage {
    f: Frame,
    kind: String,
    kinds: Vec<(String, String, bool)>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    page: usize,
    pages: usize,
    total: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The events of one worker, from the events file, found through the audit's identifiers.
pub(crate) async fn own_events(state: &AppState, worker: &str) -> Result<Vec<audit::OwnEvent>, AppError> {
    let (_, audited) = audits(state).await?;
    let Some((_, a)) = audited.iter().find(|(_, a)| a.workers.contains_key(worker)) else { return Ok(Vec::new()) };
    let source = a.workers[worker].source_id.clone();
    let mut params = audit::Params::new(a.events.clone(), Vec::new());
    params.time_zone = a.report.parameters.time_zone.clone();
    Ok(audit::worker_events(&params, &source).await?)
}

pub(crate) async fn rows(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Query(q): Query<RowsQuery>,
) -> Result<Response, AppError> {
    let worker = user.account.worker.clone().unwrap_or_default();
    let kind = match q.kind.as_deref() {
        None | Some("events") => "events",
        Some("shifts") => "shifts",
        Some("decisions") => "decisions",
        Some(_) => return Ok(crate::pages::message_page(t, StatusCode::NOT_FOUND, "not-found-title")),
    };
    log(&state, &user, &worker, &format!("rows /me/data?kind={kind}")).await?;
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC);
    let (header, all): (Vec<String>, Vec<Vec<String>>) = match kind {
        "events" => (
            vec![t.t("col-time"), t.t("col-kind"), t.t("col-quantity")],
            own_events(&state, &worker)
                .await?
                .into_iter()
                .map(|e| {
                    let at = local(e.time_ms, &tz).strftime("%Y-%m-%d %H:%M:%S%.3f").to_string();
                    vec![at, e.kind, t.num(e.quantity, 0)]
                })
                .collect(),
        ),
        "shifts" => {
            let data = own_data(&state, &user.account).await?;
            (
                vec![
                    t.t("col-date"),
                    t.t("col-start"),
                    t.t("col-end"),
                    t.t("col-units"),
                    t.t("col-rate"),
                    t.t("col-target"),
                    t.t("col-pause"),
                    t.t("col-required-break"),
                ],
                data.shifts
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
            )
        }
        _ => (
            vec![t.t("col-time"), t.t("col-decision"), t.t("col-score"), t.t("col-reason")],
            state
                .store
                .decisions_of(&worker)
                .await?
                .into_iter()
                .map(|(_, d)| {
                    vec![
                        t.moment(&d.time.to_string()),
                        d.decision,
                        d.score.map(|s| t.num(s, 1)).unwrap_or_default(),
                        d.reason.unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
    };
    let pages = all.len().div_ceil(PAGE_ROWS).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = all.iter().skip((page - 1) * PAGE_ROWS).take(PAGE_ROWS).cloned().collect();
    let link = |p: usize| format!("/me/data?kind={kind}&page={p}");
    let kinds = ["events", "shifts", "decisions"]
        .into_iter()
        .map(|k| (t.t(&format!("me-rows-{k}")), format!("/me/data?kind={k}"), k == kind))
        .collect();
    let view = RowsPage {
        kind: t.t(&format!("me-rows-{kind}")),
        kinds,
        header,
        rows,
        page,
        pages,
        total: t.int(all.len() as i64),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        f: Frame::new(t, "/me/data"),
    };
    render(&view)
}

// ---------------------------------------------------------------------------------------------
// The archive (GDPR art 20)

fn csv_of(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| AppError::Internal(e.to_string());
    out.write_record(header).map_err(internal)?;
    for r in rows {
        out.write_record(&r).map_err(internal)?;
    }
    out.into_inner().map_err(|e| AppError::Internal(e.to_string()))
}

pub(crate) async fn archive(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
) -> Result<Response, AppError> {
    let data = own_data(&state, &user.account).await?;
    log(&state, &user, &data.worker, "archive /me/archive.zip").await?;
    let events = own_events(&state, &data.worker).await?;
    let access = access_out(state.store.access_log(&data.worker, None).await?);
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let ob = |v: Option<bool>| v.map(|x| x.to_string()).unwrap_or_default();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("README.txt", t.ta("archive-readme", &[("worker", data.worker.clone())]).into_bytes()),
        ("data.json", serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?),
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
    let internal = |e: zip::result::ZipError| AppError::Internal(e.to_string());
    for (name, bytes) in files {
        zip.start_file(name, options).map_err(internal)?;
        zip.write_all(&bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let bytes = zip.finish().map_err(internal)?.into_inner();
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (CONTENT_DISPOSITION, "attachment; filename=\"inzage-my-data.zip\"".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// Contests

#[derive(Deserialize)]
pub(crate) struct ContestForm {
    decision: i64,
    reason: String,
}

/// Opens a contest of one of the worker's own decisions; `None` if the decision is not theirs or
/// the reason is empty.
pub(crate) async fn open(state: &AppState, user: &User, decision: i64, reason: &str) -> Result<Option<i64>, AppError> {
    let reason = reason.trim();
    let Some(worker) = user.account.worker.as_deref() else { return Ok(None) };
    if reason.is_empty() || reason.chars().count() > 5000 {
        return Ok(None);
    }
    let id = state.store.open_contest(worker, &user.account.name, decision, deadline(state).await?, reason).await?;
    if id.is_some() {
        tracing::info!("a contest was opened");
    }
    Ok(id)
}

pub(crate) async fn contest(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Form(form): Form<ContestForm>,
) -> Result<Response, AppError> {
    match open(&state, &user, form.decision, &form.reason).await? {
        Some(id) => Ok((StatusCode::SEE_OTHER, [(LOCATION, format!("/me?opened={id}#contests"))]).into_response()),
        None => Ok(crate::pages::message_page(t, StatusCode::UNPROCESSABLE_ENTITY, "contest-refused")),
    }
}

#[derive(Template)]
#[template(path = "contests.html")]
struct QueuePage {
    f: Frame,
    open: Vec<(ContestView, String, bool)>,
    answered: Vec<(ContestView, String, bool)>,
}

pub(crate) async fn queue(State(state): State<AppState>, t: Tr) -> Result<Response, AppError> {
    let today = jiff::ZonedDateTime::now().date().to_string();
    let all = state.store.contests(None).await?;
    let view = |c: &store::Contest| {
        let out = ContestOut::of(c);
        let overdue = !c.answered && c.deadline < today;
        (contest_view(&t, &out), c.worker.clone(), overdue)
    };
    let open = all.iter().filter(|c| !c.answered).map(view).collect();
    let answered = all.iter().filter(|c| c.answered).map(view).collect();
    render(&QueuePage { open, answered, f: Frame::new(t.clone(), "/contests") })
}

#[derive(Template)]
#[template(path = "contest.html")]
struct CasePage {
    f: Frame,
    c: ContestView,
    worker: String,
    reason: String,
    score: String,
    answered: bool,
    csrf: String,
    error: Option<String>,
}

async fn case_page(
    state: &AppState,
    t: Tr,
    user: &User,
    id: i64,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, AppError> {
    let Some(c) = state.store.contest(id).await? else {
        return Ok(crate::pages::message_page(t, StatusCode::NOT_FOUND, "not-found-title"));
    };
    log(state, user, &c.worker, &format!("contest /contests/{id}")).await?;
    let out = ContestOut::of(&c);
    let page = CasePage {
        c: contest_view(&t, &out),
        worker: c.worker.clone(),
        reason: c.decision.reason.clone().unwrap_or_else(|| t.t("me-no-reason")),
        score: c.decision.score.map(|s| t.num(s, 1)).unwrap_or_default(),
        answered: c.answered,
        csrf: user.csrf.clone(),
        error,
        f: Frame::new(t, &format!("/contests/{id}")),
    };
    render_status(&page, status)
}

pub(crate) async fn case(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    case_page(&state, t, &user, id, StatusCode::OK, None).await
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    outcome: String,
    text: String,
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    t: Tr,
    Extension(user): Extension<User>,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let overturned = match form.outcome.as_str() {
        "overturned" => Some(true),
        "upheld" => Some(false),
        _ => None,
    };
    let (Some(overturned), false) = (overturned, form.text.trim().is_empty()) else {
        let message = t.t("contest-answer-needed");
        return case_page(&state, t, &user, id, StatusCode::UNPROCESSABLE_ENTITY, Some(message)).await;
    };
    if !state.store.answer_contest(id, &user.account.name, overturned, form.text.trim()).await? {
        let message = t.t("contest-already-answered");
        return case_page(&state, t, &user, id, StatusCode::CONFLICT, Some(message)).await;
    }
    tracing::info!("a contest was answered");
    Ok((StatusCode::SEE_OTHER, [(LOCATION, format!("/contests/{id}"))]).into_response())
}
