//! From per-worker passes to the report: norms, breaks, CNIL indicators, group comparison,
//! reliability, flag stability and human review (`docs/audit-definitions.md`).

use std::collections::{BTreeMap, BTreeSet};

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use rayon::prelude::*;
use serde::Serialize;

use crate::input::{SkippedRows, read_events};
use crate::measures::{self, MeasureSummary};
use crate::stats;
use crate::worker::{self, Shift, Thresholds, WorkerPass};
use crate::{Error, Params};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parameters {
    pub shift_gap_s: i64,
    pub pause_min_s: i64,
    pub min_group: usize,
    pub flag_share: f64,
    pub resamples: usize,
    pub seed: u64,
    pub rapid_ms: i64,
    pub long_idle_ms: i64,
    pub short_pause_ms: i64,
    pub targets: Vec<TargetParam>,
    pub time_zone: String,
    /// The attributes compared (`None`: every attribute).
    pub attributes: Option<Vec<String>>,
    pub pairs: crate::Pairs,
    /// The reference group asked for, per attribute.
    pub reference: BTreeMap<String, String>,
    pub population: Option<String>,
    /// Decision kinds counted as one outcome.
    pub outcome_groups: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetParam {
    pub kind: String,
    pub per_hour: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Norm {
    pub kind: String,
    pub per_hour: f64,
    pub seconds_per_unit: f64,
    /// Shifts rated for this norm: with a duration above 0 and at least one event of its kind.
    pub shifts_rated: u64,
    pub share_meeting_target: Option<f64>,
    pub median_rate: Option<f64>,
    /// The figures as defined before December 2026: over every rated shift, a shift without an
    /// event of the kind counting as rate 0 (`docs/audit-definitions.md`, "Norm").
    pub all_shifts: NormAllShifts,
}

/// A norm over every rated shift, whether it did the task or not (the former definition).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormAllShifts {
    pub shifts_rated: u64,
    pub share_meeting_target: Option<f64>,
    pub median_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    pub shifts: u64,
    pub meeting: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakPenalty {
    pub kind: String,
    pub difference_pp: f64,
    pub ci95_pp: [f64; 2],
    pub took: Count,
    pub skipped: Count,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breaks {
    pub shifts_needing_break: u64,
    pub shifts_missing_legal_break: u64,
    pub break_penalty: Option<BreakPenalty>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cnil {
    pub kind: String,
    pub rapid_event_share: Option<f64>,
    pub long_idle_gaps: u64,
    pub short_pauses: u64,
    pub long_idle_per_shift: Option<f64>,
    pub short_pauses_per_shift: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupRow {
    pub group: String,
    pub n: u64,
    pub positives: u64,
    pub rate: f64,
    pub ratio: Option<f64>,
    pub difference: f64,
    /// Fisher's exact two-sided p, uncorrected.
    pub p_value: f64,
    /// `p_value` after Holm's correction over every test in the report (`correction`).
    pub p_holm: f64,
    /// The ratio is outside 0.8–1.25 and `p_holm` is below 0.05.
    pub disparate: bool,
}

/// The correction for the number of tests in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Correction {
    /// `holm`.
    pub method: String,
    pub alpha: f64,
    /// Tests corrected for: every group row's Fisher test and every measure row's Welch test.
    pub tests: u64,
}

/// How the inputs' workers match: what a user must know before reading a group figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Linkage {
    /// Workers in the workers file (before any population).
    pub workers_file: u64,
    /// Workers in the workers file the population keeps.
    pub population: u64,
    pub events_workers: Option<u64>,
    /// Workers with events but no row in the workers file: in no group.
    pub events_workers_not_in_workers_file: Option<u64>,
    /// Workers of the workers file without events.
    pub workers_without_events: Option<u64>,
    /// Decisions (rows) about workers not in the workers file: in no group.
    pub decisions_about_unknown_workers: Option<u64>,
    /// Measure rows about workers not in the workers file.
    pub measures_about_unknown_workers: Option<u64>,
}

/// What kind of outcome a group table compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// `decision:D`: the worker received at least one decision of kind D.
    Decision,
    /// `below_target:K`: the worker's mean shift rate for kind K is below the target.
    BelowTarget,
}

impl OutcomeKind {
    /// The prefix of the `outcome` key: `decision` or `below_target`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Decision => "decision",
            OutcomeKind::BelowTarget => "below_target",
        }
    }
}

/// One outcome compared across the groups of one attribute or pair of attributes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupTable {
    /// `decision:D` or `below_target:K` (the contract's key; `outcome_kind:outcome_value`).
    pub outcome: String,
    /// The attribute, or a pair `a+b` (the contract's key; `attributes` joined by `+`).
    pub attribute: String,
    /// The outcome's kind, the part of `outcome` before the colon.
    pub outcome_kind: OutcomeKind,
    /// The decision kind D or the target's event kind K, the part of `outcome` after the colon.
    pub outcome_value: String,
    /// The attribute names whose values make a group: one, or two for an intersection, in
    /// byte order.
    pub attributes: Vec<String>,
    pub reference: Option<String>,
    pub reference_n: Option<u64>,
    pub reference_positives: Option<u64>,
    pub reference_rate: Option<f64>,
    pub rows: Vec<GroupRow>,
    /// The hidden groups whose names say nothing about anyone: those of an attribute's own
    /// table. An intersection's hidden groups are only counted.
    pub suppressed: Vec<String>,
    /// How many groups (with at least one worker) are not shown — under `min_group`, or hidden
    /// so that they cannot be worked out from the others (`docs/privacy.md`) — where saying so
    /// gives nothing away: in an attribute's own table. `None` for a pair, whose count beside its
    /// margins could pin a group, and for an outcome too rare to show by group.
    pub suppressed_count: Option<u64>,
    /// The outcome's whole population and its positives, which every table adds up to.
    pub total_n: u64,
    pub total_positives: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reliability {
    pub kind: String,
    pub workers: u64,
    pub split_half_r: Option<f64>,
    pub spearman_brown: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flags {
    pub flag_share: f64,
    pub flagged: u64,
    pub resamples: usize,
    pub seed: u64,
    pub unstable_share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    pub decisions: u64,
    pub automated: u64,
    /// Share of the automated decisions whose review is known that were reviewed; none when no
    /// review is known (a file without a `reviewed` column).
    pub reviewed_share: Option<f64>,
    /// Automated decisions whose review is not known (empty or no `reviewed` column).
    pub review_unknown: u64,
    pub median_review_seconds: Option<f64>,
    pub overturned_share: Option<f64>,
    pub rubber_stamp: bool,
}

/// The distribution of rated shifts' rates for the first target, in bins from 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    pub kind: String,
    pub per_hour: f64,
    /// Where the first bin starts; bin i holds rates in [from + i × width, from + (i + 1) × width).
    pub from: f64,
    pub bin_width: f64,
    pub bins: Vec<u64>,
}

fn histogram(kind: &str, per_hour: f64, rates: &[f64]) -> Histogram {
    let max = rates.iter().copied().fold(per_hour, f64::max);
    let min = rates.iter().copied().fold(per_hour, f64::min);
    // About 40 bins over the range that holds the rates and the norm, in round widths.
    let bin_width = ((max - min) / 40.0 / 5.0).ceil().max(1.0) * 5.0;
    let from = (min / bin_width).floor() * bin_width;
    let mut bins = vec![0u64; ((max - from) / bin_width).floor() as usize + 1];
    for r in rates {
        let i = (((r - from) / bin_width).floor() as usize).min(bins.len() - 1);
        bins[i] += 1;
    }
    Histogram { kind: kind.to_owned(), per_hour, from, bin_width, bins }
}

/// The audit report. Its keys are the contract of `audit.md`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub parameters: Parameters,
    pub events: u64,
    pub workers: u64,
    pub shifts: u64,
    pub norms: Vec<Norm>,
    pub breaks: Breaks,
    pub cnil: Option<Cnil>,
    pub groups: Vec<GroupTable>,
    /// How each attribute of the workers file is used for groups: as it is, binned, or left out.
    pub group_attributes: Vec<disclosure::Prepared>,
    pub reliability: Option<Reliability>,
    pub flags: Option<Flags>,
    pub review: Option<Review>,
    pub skipped_rows: SkippedRows,
    pub histogram: Option<Histogram>,
    /// Measures per worker and period.
    pub measures: Vec<MeasureSummary>,
    pub correction: Correction,
    /// How the workers of the inputs match the workers file; none without one.
    pub linkage: Option<Linkage>,
    /// What was not read, and why (columns repeated in a header).
    pub notes: Vec<String>,
}

/// One shift of one worker, as the audit's definitions see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShiftResult {
    /// First event, Unix milliseconds.
    pub start_ms: i64,
    pub duration_s: f64,
    /// Time in pauses (gaps of at least `pause_min_s`), seconds.
    pub pause_s: f64,
    /// The break the Arbeidstijdenwet requires for a shift this long, seconds.
    pub required_break_s: f64,
    /// Units of each target's kind, in the order of the targets.
    pub units: Vec<f64>,
    /// Units per hour for each target; `None` for a shift of one event, and for a target whose
    /// kind the shift has no event of (it did not do that task).
    pub rates: Vec<Option<f64>>,
    /// The shift is *rated*: its duration is above 0, so it has a rate for every target whose
    /// kind it has an event of (and counts in `norms[].all_shifts.shifts_rated`).
    pub rated: bool,
    /// The shift *misses its legal break*: its pauses are shorter than the required break (so
    /// it needs one); these shifts are `breaks.shifts_missing_legal_break`.
    pub missed_legal_break: bool,
}

/// What the audit found about one worker: their own data, for their own page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkerResult {
    /// The worker as the report names them (after `Params::rename`).
    pub worker: String,
    /// The identifier as written in the events file.
    #[serde(skip)]
    pub source_id: String,
    pub shifts: Vec<ShiftResult>,
    /// Mean rate over rated shifts, for the first target.
    pub mean_rate: Option<f64>,
    /// Among the ⌈flag_share × W⌉ lowest means (the flag of `audit.md`).
    pub flagged: bool,
    /// Share of resamples in which this worker is among the lowest: for a flagged worker, how
    /// stable the flag is; for others, how close they came. `None` without a rated shift.
    pub flagged_share_of_resamples: Option<f64>,
    /// Events per month (`YYYY-MM` in the audit's time zone) and kind.
    pub monthly_events: Vec<MonthlyEvents>,
}

/// How many events of a kind a worker has in a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthlyEvents {
    pub month: String,
    pub kind: String,
    pub events: u64,
}

/// A worker's events counted per month and kind; `events` is in time order.
pub(crate) fn monthly_events<'a>(
    events: impl Iterator<Item = &'a crate::input::Ev>,
    kinds: &[String],
    tz: &jiff::tz::TimeZone,
) -> Vec<MonthlyEvents> {
    let mut counts: BTreeMap<(String, u16), u64> = BTreeMap::new();
    // The current month's counts by kind id, added to `counts` when the month changes: a copy of
    // the month's label per event and a map entry per event took a tenth of an audit's time.
    let mut month: Vec<u64> = Vec::new();
    let add = |label: &str, month: &mut Vec<u64>, counts: &mut BTreeMap<(String, u16), u64>| {
        for (kind, n) in month.iter_mut().enumerate() {
            if *n > 0 {
                *counts.entry((label.to_owned(), kind as u16)).or_default() += *n;
                *n = 0;
            }
        }
    };
    let (mut from, mut until, mut label) = (i64::MAX, i64::MIN, String::new());
    for e in events {
        if e.time_ms < from || e.time_ms >= until {
            let Ok(at) = jiff::Timestamp::from_millisecond(e.time_ms) else { continue };
            add(&label, &mut month, &mut counts);
            let zoned = at.to_zoned_datetime(tz.clone());
            label = zoned.strftime("%Y-%m").to_string();
            let first = zoned.first_of_month().and_then(|d| d.start_of_day());
            let next = first.as_ref().ok().and_then(|f| f.checked_add(jiff::Span::new().months(1)).ok());
            match (first, next) {
                (Ok(f), Some(n)) => (from, until) = (f.timestamp().as_millisecond(), n.timestamp().as_millisecond()),
                _ => (from, until) = (e.time_ms, e.time_ms + 1),
            }
        }
        let kind = usize::from(e.kind);
        if kind >= month.len() {
            month.resize(kind + 1, 0);
        }
        month[kind] += 1;
    }
    add(&label, &mut month, &mut counts);
    counts
        .into_iter()
        .map(|((month, kind), events)| MonthlyEvents { month, kind: kinds[kind as usize].clone(), events })
        .collect()
}

/// What the audit aggregates from the events, however it was computed: each worker's pass and
/// monthly counts, the workers in the order they first appear in the events file.
#[derive(Debug, Default)]
pub(crate) struct Passed {
    /// The workers' identifiers in the events file.
    pub source_ids: Vec<String>,
    /// The same, renamed (`Params::rename`).
    pub names: Vec<String>,
    pub passes: Vec<WorkerPass>,
    pub monthly: Vec<Vec<MonthlyEvents>>,
    /// Rows read, and rows skipped.
    pub rows: u64,
    pub skipped: SkippedRows,
}

/// The per-worker passes on this machine: the events read into memory, each worker's pass on a
/// core of its own.
async fn in_process(
    params: &Params,
    rename: &(dyn Fn(&str) -> String + Sync),
    under_18: &BTreeSet<&str>,
) -> Result<Passed, Error> {
    let mut events = read_events(params).await?;
    let target_kinds: Vec<Option<u16>> = params.targets.iter().map(|(k, _)| events.kind_id(k)).collect();
    let cnil_kind = target_kinds.first().copied().flatten();
    let thresholds = thresholds(params);
    let source_ids = std::mem::take(&mut events.worker_names);
    let names: Vec<String> = source_ids.iter().map(|n| rename(n)).collect();
    let mut per_worker = std::mem::take(&mut events.per_worker);
    let passes: Vec<WorkerPass> = per_worker
        .par_iter_mut()
        .enumerate()
        .map(|(i, evs)| {
            evs.sort_by_time();
            worker::pass(evs.by_time(), under_18.contains(names[i].as_str()), &target_kinds, cnil_kind, thresholds)
        })
        .collect();
    let tz = time_zone(params)?;
    let monthly: Vec<Vec<MonthlyEvents>> =
        per_worker.par_iter().map(|evs| monthly_events(evs.by_time(), &events.kinds, &tz)).collect();
    drop(per_worker);
    Ok(Passed { source_ids, names, passes, monthly, rows: events.rows, skipped: events.skipped })
}

/// The definitions' thresholds, in milliseconds.
pub(crate) fn thresholds(params: &Params) -> Thresholds {
    Thresholds { shift_gap_ms: params.shift_gap_s * 1000, pause_min_ms: params.pause_min_s * 1000 }
}

/// The audit's time zone.
pub(crate) fn time_zone(params: &Params) -> Result<jiff::tz::TimeZone, Error> {
    jiff::tz::TimeZone::get(&params.time_zone).map_err(|e| Error::Parameter(e.to_string()))
}

/// Runs the audit.
pub async fn audit(params: &Params) -> Result<Report, Error> {
    Ok(audit_with_workers(params).await?.0)
}

/// Runs the audit and also returns each worker's own results, in the order of the report's
/// worker identifiers. The report has aggregates only; the per-worker results are personal data.
pub async fn audit_with_workers(params: &Params) -> Result<(Report, Vec<WorkerResult>), Error> {
    if let Err(floor) = disclosure::check_min_group(params.min_group as u64) {
        return Err(Error::Parameter(format!(
            "--min-group {}: groups smaller than {floor} are never shown on their own, so the minimum group size is at least {floor}",
            params.min_group
        )));
    }
    if !(params.flag_share > 0.0 && params.flag_share <= 1.0) {
        return Err(Error::Parameter(format!("--flag-share must be above 0 and at most 1, not {}", params.flag_share)));
    }
    for (kind, per_hour) in &params.targets {
        if !(*per_hour > 0.0 && per_hour.is_finite()) {
            return Err(Error::Parameter(format!(
                "target {kind}={per_hour}: the norm must be a positive number per hour"
            )));
        }
    }
    let asked = [
        ("--attributes", params.attributes.is_some()),
        ("--pairs", params.pairs != crate::Pairs::All),
        ("--reference", !params.reference.is_empty()),
        ("--population", params.population.is_some()),
        ("--outcome", !params.outcomes.is_empty()),
    ];
    if params.workers.is_none()
        && params.workers_data.is_none()
        && let Some((flag, _)) = asked.iter().find(|(_, given)| *given)
    {
        return Err(Error::Parameter(format!(
            "{flag} asks about groups of workers: give the workers file with --workers too"
        )));
    }
    let mut notes = Vec::new();
    let workers_file = match &params.workers_data {
        Some(w) => Some(w.clone()),
        None => match &params.workers {
            Some(path) => {
                let (workers, more) = crate::input::read_workers(params, path).await?;
                notes.extend(more);
                Some(workers)
            }
            None => None,
        },
    };
    let decisions = match &params.decisions_data {
        Some(d) => Some(d.clone()),
        None => match &params.decisions {
            Some(path) => Some(crate::input::read_decisions(params, path).await?),
            None => None,
        },
    };
    let measure_rows = match &params.measures {
        Some(path) => Some(crate::input::read_measures(params, path).await?),
        None => None,
    };
    let under_18: BTreeSet<&str> =
        workers_file.iter().flatten().filter(|w| w.under_18()).map(|w| w.id.as_str()).collect();
    let rename = |id: &str| match &params.rename {
        Some(rename) => (rename.0)(id),
        None => id.to_owned(),
    };
    time_zone(params)?;
    let passed = match (&params.events, &params.cluster) {
        (None, _) => Passed::default(),
        (Some(_), None) => in_process(params, &rename, &under_18).await?,
        #[cfg(feature = "cluster")]
        (Some(path), Some(cluster)) => crate::cluster::passes(params, path, cluster, &rename, &under_18).await?,
        #[cfg(not(feature = "cluster"))]
        (Some(_), Some(_)) => return Err(Error::NoCluster),
    };
    let Passed { source_ids, names, passes, monthly, rows, skipped } = passed;

    // Without events there are no shifts, no norms and nothing of the events' to report.
    let with_events = params.events.is_some();
    let targets: &[(String, f64)] = if with_events { &params.targets } else { &[] };
    let all_shifts = || passes.iter().flat_map(|p| p.shifts.iter());
    let shifts = all_shifts().count() as u64;
    let norms = targets
        .iter()
        .enumerate()
        .map(|(t, (kind, per_hour))| {
            let norm = |rated: &dyn Fn(&Shift) -> bool| {
                let mut rates: Vec<f64> = all_shifts().filter(|s| rated(s)).map(|s| s.rate(t)).collect();
                let meeting = rates.iter().filter(|r| **r >= *per_hour).count() as u64;
                let n = rates.len() as u64;
                (n, share(meeting, n), stats::median(&mut rates))
            };
            let (shifts_rated, share_meeting_target, median_rate) = norm(&|s| s.rated_for(t));
            let (all_rated, all_share, all_median) = norm(&|s| s.rated());
            Norm {
                kind: kind.clone(),
                per_hour: *per_hour,
                seconds_per_unit: 3600.0 / per_hour,
                shifts_rated,
                share_meeting_target,
                median_rate,
                all_shifts: NormAllShifts {
                    shifts_rated: all_rated,
                    share_meeting_target: all_share,
                    median_rate: all_median,
                },
            }
        })
        .collect();
    let breaks = Breaks {
        shifts_needing_break: all_shifts().filter(|s| s.needs_break()).count() as u64,
        shifts_missing_legal_break: all_shifts().filter(|s| s.needs_break() && s.misses_break()).count() as u64,
        break_penalty: targets.first().and_then(|(kind, per_hour)| break_penalty(all_shifts(), kind, *per_hour)),
    };
    let cnil = targets.first().map(|(kind, _)| {
        let (rapid, of_kind) = passes.iter().fold((0, 0), |(r, n), p| (r + p.rapid, n + p.cnil_events));
        let long_idle: u64 = all_shifts().map(|s| s.long_idle).sum();
        let short: u64 = all_shifts().map(|s| s.short_pauses).sum();
        Cnil {
            kind: kind.clone(),
            rapid_event_share: share(rapid, of_kind),
            long_idle_gaps: long_idle,
            short_pauses: short,
            long_idle_per_shift: (shifts > 0).then(|| long_idle as f64 / shifts as f64),
            short_pauses_per_shift: (shifts > 0).then(|| short as f64 / shifts as f64),
        }
    });

    // Mean rate per worker and target, over their shifts rated for it.
    let means: Vec<Vec<Option<f64>>> = passes
        .iter()
        .map(|p| {
            (0..targets.len())
                .map(|t| {
                    let rated: Vec<f64> = p.shifts.iter().filter(|s| s.rated_for(t)).map(|s| s.rate(t)).collect();
                    (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64)
                })
                .collect()
        })
        .collect();
    let by_name: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();

    let linkage = workers_file.as_ref().map(|ws| {
        let known: BTreeSet<&str> = ws.iter().map(|w| w.id.as_str()).collect();
        Linkage {
            workers_file: ws.len() as u64,
            population: ws.len() as u64,
            events_workers: with_events.then_some(names.len() as u64),
            events_workers_not_in_workers_file: with_events
                .then(|| names.iter().filter(|n| !known.contains(n.as_str())).count() as u64),
            workers_without_events: with_events
                .then(|| ws.iter().filter(|w| !by_name.contains_key(w.id.as_str())).count() as u64),
            decisions_about_unknown_workers: decisions
                .as_ref()
                .map(|ds| ds.iter().filter(|d| !known.contains(d.worker.as_str())).count() as u64),
            measures_about_unknown_workers: measure_rows
                .as_ref()
                .map(|ms| ms.iter().filter(|m| !known.contains(m.worker.as_str())).count() as u64),
        }
    });
    let mut linkage = linkage;
    let population = match (&workers_file, &params.population) {
        (Some(ws), Some(expr)) => {
            let keep = crate::question::population(ws, expr).await?;
            let kept: Vec<domain::Worker> = ws.iter().filter(|w| keep.contains(w.id.as_str())).cloned().collect();
            if let Some(l) = linkage.as_mut() {
                l.population = kept.len() as u64;
            }
            Some(kept)
        }
        (ws, _) => ws.clone(),
    };

    let question = match &population {
        Some(ws) => Some(crate::question::Question::new(params, ws, decisions.as_deref())?),
        None => None,
    };
    let (mut groups, group_attributes) = match (&population, &question) {
        (Some(ws), Some(q)) => group_tables(params, q, ws, decisions.as_deref(), &by_name, &means, targets),
        _ => (Vec::new(), Vec::new()),
    };
    let mut measures = match &measure_rows {
        Some(rows) => {
            let grouping = question.as_ref().map(|q| {
                q.measure_groups(population.as_deref().unwrap_or_default(), &params.reference, params.min_group as u64)
            });
            measures::summarise(rows, grouping.as_ref(), params.min_group as u64)
        }
        None => Vec::new(),
    };
    let correction = correct(&mut groups, &mut measures);

    let reliability = targets.first().map(|(kind, _)| reliability(kind, &passes));
    let (flags, standing) = match targets.first() {
        Some(_) => {
            let (flags, standing) = flag_stability(params, &names, &passes, &means);
            (Some(flags), standing)
        }
        None => (None, vec![(false, None); passes.len()]),
    };
    let per_worker: Vec<WorkerResult> = passes
        .iter()
        .enumerate()
        .map(|(i, p)| WorkerResult {
            worker: names[i].clone(),
            source_id: source_ids[i].clone(),
            shifts: p
                .shifts
                .iter()
                .map(|s| ShiftResult {
                    start_ms: s.start_ms,
                    duration_s: s.duration_ms as f64 / 1000.0,
                    pause_s: s.pause_ms as f64 / 1000.0,
                    required_break_s: s.required_break_ms as f64 / 1000.0,
                    units: s.units.clone(),
                    rates: (0..targets.len()).map(|t| s.rated_for(t).then(|| s.rate(t))).collect(),
                    rated: s.rated(),
                    missed_legal_break: s.needs_break() && s.misses_break(),
                })
                .collect(),
            mean_rate: means[i].first().copied().flatten(),
            flagged: standing[i].0,
            flagged_share_of_resamples: standing[i].1,
            monthly_events: monthly[i].clone(),
        })
        .collect();
    let review = decisions.as_deref().map(review);
    let histogram = targets.first().map(|(kind, per_hour)| {
        let rates: Vec<f64> = all_shifts().filter(|s| s.rated_for(0)).map(|s| s.rate(0)).collect();
        histogram(kind, *per_hour, &rates)
    });

    let report = Report {
        parameters: Parameters {
            shift_gap_s: params.shift_gap_s,
            pause_min_s: params.pause_min_s,
            min_group: params.min_group,
            flag_share: params.flag_share,
            resamples: params.resamples,
            seed: params.seed,
            rapid_ms: worker::RAPID_MS,
            long_idle_ms: worker::LONG_IDLE_MS,
            short_pause_ms: worker::SHORT_PAUSE_MS,
            targets: targets.iter().map(|(k, p)| TargetParam { kind: k.clone(), per_hour: *p }).collect(),
            time_zone: params.time_zone.clone(),
            attributes: params.attributes.clone(),
            pairs: params.pairs.clone(),
            reference: params.reference.iter().cloned().collect(),
            population: params.population.clone(),
            outcome_groups: params.outcomes.iter().cloned().collect(),
        },
        events: rows - skipped.count,
        workers: names.len() as u64,
        shifts,
        norms,
        breaks,
        cnil,
        groups,
        group_attributes,
        reliability,
        flags,
        review,
        skipped_rows: skipped,
        histogram,
        measures,
        correction,
        linkage,
        notes,
    };
    Ok((report, per_worker))
}

/// The significance level of the marks.
pub const ALPHA: f64 = 0.05;

/// Holm's correction over every test in the report: each group row's Fisher test and each
/// measure row's Welch test. Sets `p_holm` and the marks.
fn correct(groups: &mut [GroupTable], measures: &mut [MeasureSummary]) -> Correction {
    let mut p: Vec<f64> = Vec::new();
    for t in groups.iter() {
        p.extend(t.rows.iter().map(|r| r.p_value));
    }
    for m in measures.iter() {
        for t in &m.groups {
            p.extend(t.rows.iter().filter_map(|r| r.p_value));
        }
    }
    let adjusted = stats::holm(&p);
    let mut next = adjusted.iter();
    for t in groups.iter_mut() {
        for r in &mut t.rows {
            r.p_holm = *next.next().expect("one per test");
            r.disparate = r.ratio.is_some_and(|x| !(0.8..=1.25).contains(&x)) && r.p_holm < ALPHA;
        }
    }
    for m in measures.iter_mut() {
        for t in &mut m.groups {
            for r in t.rows.iter_mut().filter(|r| r.p_value.is_some()) {
                let adj = *next.next().expect("one per test");
                r.p_holm = Some(adj);
                r.differs = adj < ALPHA;
            }
        }
    }
    Correction { method: "holm".into(), alpha: ALPHA, tests: p.len() as u64 }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn break_penalty<'a>(shifts: impl Iterator<Item = &'a Shift>, kind: &str, per_hour: f64) -> Option<BreakPenalty> {
    let (mut took, mut skipped) = (Count { shifts: 0, meeting: 0 }, Count { shifts: 0, meeting: 0 });
    for s in shifts.filter(|s| s.rated_for(0) && s.needs_break()) {
        let group = if s.misses_break() { &mut skipped } else { &mut took };
        group.shifts += 1;
        group.meeting += u64::from(s.rate(0) >= per_hour);
    }
    if took.shifts == 0 || skipped.shifts == 0 {
        return None;
    }
    let difference = took.meeting as f64 / took.shifts as f64 - skipped.meeting as f64 / skipped.shifts as f64;
    let (lo, hi) = stats::newcombe_difference(took.meeting, took.shifts, skipped.meeting, skipped.shifts, stats::Z95);
    Some(BreakPenalty {
        kind: kind.to_owned(),
        difference_pp: 100.0 * difference,
        ci95_pp: [100.0 * lo, 100.0 * hi],
        took,
        skipped,
    })
}

fn reliability(kind: &str, passes: &[WorkerPass]) -> Reliability {
    let (mut odd, mut even) = (Vec::new(), Vec::new());
    for p in passes {
        let rates: Vec<f64> = p.shifts.iter().filter(|s| s.rated_for(0)).map(|s| s.rate(0)).collect();
        let o: Vec<f64> = rates.iter().step_by(2).copied().collect();
        let e: Vec<f64> = rates.iter().skip(1).step_by(2).copied().collect();
        if o.len() >= 2 && e.len() >= 2 {
            odd.push(o.iter().sum::<f64>() / o.len() as f64);
            even.push(e.iter().sum::<f64>() / e.len() as f64);
        }
    }
    let r = if odd.len() >= 3 { stats::pearson(&odd, &even) } else { None };
    Reliability {
        kind: kind.to_owned(),
        workers: odd.len() as u64,
        split_half_r: r,
        spearman_brown: r.map(|r| 2.0 * r / (1.0 + r)),
    }
}

/// The ⌈share × W⌉ lowest means, ties by worker id: indices into `order` (sorted by id).
fn lowest(means: &[f64], order: &[&str], k: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..means.len()).collect();
    idx.sort_by(|&a, &b| means[a].total_cmp(&means[b]).then(order[a].cmp(order[b])));
    idx.truncate(k);
    idx
}

/// The flags and their stability; also, per worker (by index of `passes`), whether they are
/// flagged and the share of resamples in which they are.
fn flag_stability(
    params: &Params,
    names: &[String],
    passes: &[WorkerPass],
    means: &[Vec<Option<f64>>],
) -> (Flags, Vec<(bool, Option<f64>)>) {
    // Workers with a rated shift, in byte order of id, with their rated shifts' rates.
    let mut rated: Vec<(&str, Vec<f64>, f64, usize)> = passes
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let mean = means[i][0]?;
            Some((names[i].as_str(), p.shifts.iter().filter(|s| s.rated_for(0)).map(|s| s.rate(0)).collect(), mean, i))
        })
        .collect();
    rated.sort_by(|a, b| a.0.cmp(b.0));
    let order: Vec<&str> = rated.iter().map(|r| r.0).collect();
    let w = rated.len();
    let k = (params.flag_share * w as f64).ceil() as usize;
    let observed: Vec<f64> = rated.iter().map(|r| r.2).collect();
    let flagged = lowest(&observed, &order, k);
    let mut again = vec![0usize; w];
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let mut resampled = vec![0.0; w];
    for _ in 0..params.resamples {
        for (i, (_, rates, _, _)) in rated.iter().enumerate() {
            let n = rates.len();
            let mut sum = 0.0;
            for _ in 0..n {
                let u = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
                sum += rates[((u * n as f64) as usize).min(n - 1)];
            }
            resampled[i] = sum / n as f64;
        }
        for i in lowest(&resampled, &order, k) {
            again[i] += 1;
        }
    }
    let unstable = flagged.iter().filter(|&&i| (again[i] as f64) < 0.5 * params.resamples as f64).count();
    let mut standing = vec![(false, None); passes.len()];
    for (i, r) in rated.iter().enumerate() {
        let share = (params.resamples > 0).then(|| again[i] as f64 / params.resamples as f64);
        standing[r.3] = (flagged.contains(&i), share);
    }
    let flags = Flags {
        flag_share: params.flag_share,
        flagged: flagged.len() as u64,
        resamples: params.resamples,
        seed: params.seed,
        unstable_share: (params.resamples > 0).then(|| share(unstable as u64, flagged.len() as u64)).flatten(),
    };
    (flags, standing)
}

/// The group comparison: every outcome over the attributes and pairs asked for, as much of it
/// as `disclosure` lets be shown.
fn group_tables(
    params: &Params,
    question: &crate::question::Question,
    workers: &[domain::Worker],
    decisions: Option<&[domain::Decision]>,
    by_name: &BTreeMap<&str, usize>,
    means: &[Vec<Option<f64>>],
    targets: &[(String, f64)],
) -> (Vec<GroupTable>, Vec<disclosure::Prepared>) {
    // Outcomes: (kind, value, population, positives), as sets of worker ids.
    let mut outcomes: Vec<(OutcomeKind, String, BTreeSet<&str>, BTreeSet<&str>)> = Vec::new();
    let everyone: BTreeSet<&str> = workers.iter().map(|w| w.id.as_str()).collect();
    if let Some(decisions) = decisions {
        let asked: Vec<(String, Vec<String>)> = match &question.outcomes {
            Some(o) => o.clone(),
            None => {
                let kinds: BTreeSet<&str> = decisions.iter().map(|d| d.decision.as_str()).collect();
                kinds.into_iter().map(|k| (k.to_owned(), vec![k.to_owned()])).collect()
            }
        };
        for (name, kinds) in asked {
            let positive: BTreeSet<&str> = decisions
                .iter()
                .filter(|d| kinds.contains(&d.decision) && everyone.contains(d.worker.as_str()))
                .map(|d| d.worker.as_str())
                .collect();
            outcomes.push((OutcomeKind::Decision, name, everyone.clone(), positive));
        }
    }
    for (t, (kind, per_hour)) in targets.iter().enumerate() {
        let mut population = BTreeSet::new();
        let mut positive = BTreeSet::new();
        for w in &everyone {
            if let Some(mean) = by_name.get(w).and_then(|&i| means[i][t]) {
                population.insert(*w);
                if mean < *per_hour {
                    positive.insert(*w);
                }
            }
        }
        outcomes.push((OutcomeKind::BelowTarget, kind.clone(), population, positive));
    }
    let grouping = &question.grouping;
    let members: Vec<disclosure::Outcome> = outcomes
        .iter()
        .map(|(_, _, population, positive)| {
            let (members, positive) = workers
                .iter()
                .enumerate()
                .filter(|(_, w)| population.contains(w.id.as_str()))
                .map(|(i, w)| (i, positive.contains(w.id.as_str())))
                .unzip();
            disclosure::Outcome { members, positive }
        })
        .collect();
    // Every pair is protected, whichever are shown: a subset of a safe release is safe.
    let release = disclosure::release(grouping.used.len(), &grouping.rows, &members, params.min_group as u64);
    let mut tables = Vec::new();
    for ((kind, value, _, _), released) in outcomes.iter().zip(&release.tables) {
        for table in released {
            let split: Vec<&str> = table.attributes.iter().map(|&a| grouping.used[a].as_str()).collect();
            if let [a, b] = split[..]
                && !params.pairs.includes(a, b)
            {
                continue;
            }
            let wanted = match split[..] {
                [a] => params.reference.iter().find(|(at, _)| at == a).map(|(_, v)| v.as_str()),
                _ => None,
            };
            tables.push(group_table(*kind, value, &split, table, wanted));
        }
    }
    (tables, grouping.prepared.clone())
}

/// The reference group among the groups shown (`shown`: name and size, in byte order of name):
/// the one `wanted` when it is shown, else the largest, ties: the first (strict >).
pub(crate) fn pick_reference<'a>(shown: impl Iterator<Item = (&'a str, u64)>, wanted: Option<&str>) -> Option<&'a str> {
    let mut best: Option<(&str, u64)> = None;
    for (g, n) in shown {
        if Some(g) == wanted {
            return Some(g);
        }
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((g, n));
        }
    }
    best.map(|(g, _)| g)
}

/// One outcome (`kind`, `value`) compared across the groups of the attributes `split` that
/// `table` may show, against `wanted` as the reference group when it is shown.
fn group_table(
    kind: OutcomeKind,
    value: &str,
    split: &[&str],
    table: &disclosure::Table,
    wanted: Option<&str>,
) -> GroupTable {
    let counts: BTreeMap<String, (u64, u64)> =
        table.shown.iter().map(|(k, c)| (k.join("+"), (c.n, c.positives))).collect();
    let reference: Option<(&String, u64, u64)> = pick_reference(counts.iter().map(|(g, c)| (g.as_str(), c.0)), wanted)
        .and_then(|g| counts.get_key_value(g))
        .map(|(g, &(n, p))| (g, n, p));
    let rows = match reference {
        None => Vec::new(),
        Some((ref_group, rn, rp)) => {
            let ref_rate = rp as f64 / rn as f64;
            counts
                .iter()
                .filter(|(g, _)| *g != ref_group)
                .map(|(g, &(n, p))| {
                    let rate = p as f64 / n as f64;
                    let ratio = (ref_rate > 0.0).then(|| rate / ref_rate);
                    let p_value = stats::fisher_exact_two_sided(p, n - p, rp, rn - rp);
                    GroupRow {
                        group: g.clone(),
                        n,
                        positives: p,
                        rate,
                        ratio,
                        difference: rate - ref_rate,
                        p_value,
                        // Set when the whole report's tests are known (`correct`).
                        p_holm: p_value,
                        disparate: false,
                    }
                })
                .collect()
        }
    };
    GroupTable {
        outcome: format!("{}:{value}", kind.as_str()),
        attribute: split.join("+"),
        outcome_kind: kind,
        outcome_value: value.to_owned(),
        attributes: split.iter().map(|a| (*a).to_owned()).collect(),
        reference: reference.map(|(g, _, _)| g.clone()),
        reference_n: reference.map(|(_, n, _)| n),
        reference_positives: reference.map(|(_, _, p)| p),
        reference_rate: reference.map(|(_, n, p)| p as f64 / n as f64),
        rows,
        suppressed: table.named.iter().map(|k| k.join("+")).collect(),
        suppressed_count: table.hidden,
        total_n: table.total.n,
        total_positives: table.total.positives,
    }
}

fn review(decisions: &[domain::Decision]) -> Review {
    let automated: Vec<&domain::Decision> = decisions.iter().filter(|d| d.automated == Some(true)).collect();
    let known = automated.iter().filter(|d| d.reviewed.is_some()).count() as u64;
    let reviewed: Vec<&&domain::Decision> = automated.iter().filter(|d| d.reviewed == Some(true)).collect();
    let overturned = reviewed.iter().filter(|d| d.overturned == Some(true)).count() as u64;
    let mut seconds: Vec<f64> = reviewed.iter().filter_map(|d| d.review_seconds).collect();
    let median = stats::median(&mut seconds);
    Review {
        decisions: decisions.len() as u64,
        automated: automated.len() as u64,
        reviewed_share: share(reviewed.len() as u64, known),
        review_unknown: automated.len() as u64 - known,
        median_review_seconds: median,
        overturned_share: share(overturned, reviewed.len() as u64),
        rubber_stamp: !reviewed.is_empty() && overturned == 0 && median.is_some_and(|m| m < 30.0),
    }
}
