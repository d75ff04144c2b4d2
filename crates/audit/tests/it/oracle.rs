//! Test oracle: an independent, deliberately naive re-implementation of the audit definitions
//! (`shared/spec/audit.md` and `docs/audit-definitions.md`), used by the tests to check the real
//! engine's numbers. It was written from those two documents only, without looking at the engine.
//!
//! Everything here favours clarity over speed: nested loops, `BTreeMap`s, clones. It is meant for
//! small hand-made or synthetic data sets.
//!
//! Readings of points the definitions leave open (kept in one place so a reviewer can disagree):
//! - Under-18 break rule: an under-18 worker needs 30 min after more than 4.5 h and nothing else
//!   (the adult 45-min rule for > 10 h is read as "otherwise", i.e. adults only). Only workers of
//!   the workers file can be under 18; `under_18` is compared trimmed and case-insensitively with
//!   the yes words `true`, `yes`, `ja`, `1`, `y`, `j`.
//! - Attribute columns are the union of the attribute names of all worker rows (minus `under_18`);
//!   a row lacking one has the value `""` for it. Each workers-file row is one worker.
//! - A group block in which every group is suppressed still appears, with `reference`,
//!   `reference_n`, `reference_positives` and `reference_rate` all null and no rows.
//! - `overturned_share` counts the automated decisions that are both reviewed and overturned,
//!   divided by the reviewed ones; `rubber_stamp` is false when the median is undefined.
//! - `spearman_brown` is null when `r` is null or `r = -1`; `unstable_share` is null when nothing
//!   is flagged or `resamples = 0`; `*_per_shift` are null when there are no shifts;
//!   `rapid_event_share` is null when there are no events of the kind; `median_rate` is null when
//!   no shift is rated.
//! - The flagged count is `ceil(flag_share × W)`, capped at W.
//! - The report has no `parameters` key (the oracle has no time zone to echo); `flags` echoes
//!   `flag_share`, `resamples` and `seed`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use serde_json::{Value, json};

/// One event row, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub worker: String,
    pub time_ms: i64,
    pub kind: String,
    pub quantity: f64,
}

/// One row of the workers file; `attributes` includes `under_18` if the file has it.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRow {
    pub worker: String,
    pub attributes: BTreeMap<String, String>,
}

/// One row of the decisions file.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    pub worker: String,
    pub time_ms: i64,
    pub decision: String,
    pub automated: Option<bool>,
    pub reviewed: Option<bool>,
    pub review_seconds: Option<f64>,
    pub overturned: Option<bool>,
}

/// The audit parameters. `targets` are `(kind, per_hour)` pairs; the first is "the first target".
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub shift_gap_s: i64,
    pub pause_min_s: i64,
    pub min_group: usize,
    pub flag_share: f64,
    pub resamples: usize,
    pub seed: u64,
    pub targets: Vec<(String, f64)>,
    /// Which groups each `(outcome, attribute)` table shows: the disclosure control's choice,
    /// which its own attacker test checks. The oracle takes the choice, checks that no shown
    /// group is under `min_group`, and recomputes every figure. A table not in the map shows
    /// every group of at least `min_group`.
    pub shown: BTreeMap<(String, String), BTreeSet<String>>,
}

impl Params {
    /// The documented defaults: 4 h shift gap, 15 min pause, groups of 10, 10% flagged,
    /// 1000 resamples, seed 2025.
    pub fn defaults(targets: Vec<(String, f64)>) -> Params {
        Params {
            shift_gap_s: 14_400,
            pause_min_s: 900,
            min_group: 10,
            flag_share: 0.1,
            resamples: 1000,
            seed: 2025,
            targets,
            shown: BTreeMap::new(),
        }
    }
}

// Fixed thresholds of the definitions, in milliseconds.
const RAPID_MS: i64 = 1_250;
const LONG_IDLE_MS: i64 = 600_000;
const SHORT_PAUSE_MS: i64 = 60_000;
const MS_PER_HOUR: f64 = 3_600_000.0;
const HOURS_4_5: i64 = 16_200_000;
const HOURS_5_5: i64 = 19_800_000;
const HOURS_10: i64 = 36_000_000;
const MIN_30: i64 = 1_800_000;
const MIN_45: i64 = 2_700_000;
/// The 97.5% standard normal quantile used by the Wilson intervals.
const Z: f64 = 1.959963984540054;

/// A shift: a maximal run of one worker's (time-sorted) events with no gap above the shift gap.
#[derive(Debug, Clone)]
struct Shift {
    worker: String,
    /// The shift's events, sorted by time (ties in file order).
    events: Vec<Event>,
}

impl Shift {
    fn duration_ms(&self) -> i64 {
        let first = self.events[0].time_ms;
        let last = self.events[self.events.len() - 1].time_ms;
        last - first
    }

    /// The gaps between consecutive events inside this shift.
    fn gaps(&self) -> Vec<i64> {
        let mut gaps = Vec::new();
        for i in 1..self.events.len() {
            gaps.push(self.events[i].time_ms - self.events[i - 1].time_ms);
        }
        gaps
    }

    /// Sum of the pauses (gaps of at least `pause_min_ms`).
    fn pause_ms(&self, pause_min_ms: i64) -> i64 {
        let mut total = 0;
        for gap in self.gaps() {
            if gap >= pause_min_ms {
                total += gap;
            }
        }
        total
    }

    fn is_rated(&self) -> bool {
        self.duration_ms() > 0
    }

    /// Units of `kind` per hour; `None` for a shift of duration 0, and for a shift without an
    /// event of `kind` (it did not do that task: rated only over shifts that did, since
    /// December 2026).
    fn rate(&self, kind: &str) -> Option<f64> {
        if !self.events.iter().any(|e| e.kind == kind) {
            return None;
        }
        self.rate_all(kind)
    }

    /// Units of `kind` per hour over any shift of duration above 0 (the former definition).
    fn rate_all(&self, kind: &str) -> Option<f64> {
        if !self.is_rated() {
            return None;
        }
        let mut units = 0.0;
        for e in &self.events {
            if e.kind == kind {
                units += e.quantity;
            }
        }
        let hours = self.duration_ms() as f64 / MS_PER_HOUR;
        Some(units / hours)
    }
}

/// Required legal break (Arbeidstijdenwet 5:4) in milliseconds for a shift of `duration_ms`.
fn required_break_ms(duration_ms: i64, under_18: bool) -> i64 {
    if under_18 {
        if duration_ms > HOURS_4_5 { MIN_30 } else { 0 }
    } else if duration_ms > HOURS_10 {
        MIN_45
    } else if duration_ms > HOURS_5_5 {
        MIN_30
    } else {
        0
    }
}

fn is_true_text(value: &str) -> bool {
    let v = value.trim().to_lowercase();
    v == "true" || v == "yes" || v == "ja" || v == "1" || v == "y" || v == "j"
}

fn is_under_18(worker: &str, workers: Option<&[WorkerRow]>) -> bool {
    let Some(rows) = workers else {
        return false;
    };
    for row in rows {
        if row.worker == worker {
            return match row.attributes.get("under_18") {
                Some(v) => is_true_text(v),
                None => false,
            };
        }
    }
    false
}

/// Each worker's events (byte order of worker id), sorted by time with ties in file order.
fn events_by_worker(events: &[Event]) -> BTreeMap<String, Vec<Event>> {
    let mut by_worker: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for e in events {
        by_worker.entry(e.worker.clone()).or_default().push(e.clone());
    }
    for list in by_worker.values_mut() {
        // `sort_by_key` is stable: equal times keep file order.
        list.sort_by_key(|e| e.time_ms);
    }
    by_worker
}

/// Split one worker's sorted events into shifts.
fn split_shifts(worker: &str, sorted: &[Event], shift_gap_ms: i64) -> Vec<Shift> {
    let mut shifts: Vec<Shift> = Vec::new();
    let mut current: Vec<Event> = Vec::new();
    for (i, e) in sorted.iter().enumerate() {
        if i > 0 && e.time_ms - sorted[i - 1].time_ms > shift_gap_ms {
            shifts.push(Shift { worker: worker.to_string(), events: current.clone() });
            current.clear();
        }
        current.push(e.clone());
    }
    if !current.is_empty() {
        shifts.push(Shift { worker: worker.to_string(), events: current });
    }
    shifts
}

/// Median; for an even count the mean of the two middle values. `None` when empty.
fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    let n = v.len();
    if n % 2 == 1 { Some(v[n / 2]) } else { Some((v[n / 2 - 1] + v[n / 2]) / 2.0) }
}

fn mean(values: &[f64]) -> f64 {
    let mut sum = 0.0;
    for v in values {
        sum += v;
    }
    sum / values.len() as f64
}

fn share(numerator: usize, denominator: usize) -> Option<f64> {
    if denominator == 0 { None } else { Some(numerator as f64 / denominator as f64) }
}

/// Wilson score interval (no continuity correction) for `k` successes out of `n > 0`.
fn wilson(k: usize, n: usize) -> (f64, f64) {
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = Z * Z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    (centre - half, centre + half)
}

/// Newcombe's hybrid score interval (method 10, Newcombe 1998) for `k1/n1 − k2/n2`.
fn newcombe(k1: usize, n1: usize, k2: usize, n2: usize) -> (f64, f64) {
    let p1 = k1 as f64 / n1 as f64;
    let p2 = k2 as f64 / n2 as f64;
    let (l1, u1) = wilson(k1, n1);
    let (l2, u2) = wilson(k2, n2);
    let d = p1 - p2;
    let lower = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let upper = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    (lower, upper)
}

/// ln(n!) by summing ln(k) for k = 2..=n.
fn ln_factorial(n: u64) -> f64 {
    let mut sum = 0.0;
    let mut k = 2;
    while k <= n {
        sum += (k as f64).ln();
        k += 1;
    }
    sum
}

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
}

/// Two-sided Fisher exact p-value of `[[a, b], [c, d]]`, as R's `fisher.test`: the sum of the
/// probabilities of all tables with the same margins whose probability is at most the observed
/// one × (1 + 1e-7).
fn fisher_two_sided(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let row1 = a + b;
    let row2 = c + d;
    let col1 = a + c;
    let total = row1 + row2;
    let lowest = col1.saturating_sub(row2);
    let highest = row1.min(col1);
    // Probability of the table whose top-left cell is x, for every possible x.
    let mut probabilities: Vec<(u64, f64)> = Vec::new();
    for x in lowest..=highest {
        let ln_p = ln_choose(row1, x) + ln_choose(row2, col1 - x) - ln_choose(total, col1);
        probabilities.push((x, ln_p.exp()));
    }
    let mut observed = 0.0;
    for (x, p) in &probabilities {
        if *x == a {
            observed = *p;
        }
    }
    let mut sum = 0.0;
    for (_, p) in &probabilities {
        if *p <= observed * (1.0 + 1e-7) {
            sum += p;
        }
    }
    sum.min(1.0)
}

/// Pearson correlation; `None` with fewer than 3 pairs or zero variance on either side.
/// Holm's adjusted p-values, the slow way: for each test, the largest over the tests at most as
/// small of (m − rank + 1) × p, capped at 1 (Holm 1979, as R's `p.adjust`).
fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut ranked: Vec<(f64, usize)> = p.iter().copied().zip(0..).collect();
    ranked.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.cmp(&b.1)));
    let mut out = vec![0.0; m];
    for (rank, &(_, i)) in ranked.iter().enumerate() {
        let mut best: f64 = 0.0;
        for (j, &(pj, _)) in ranked.iter().enumerate().take(rank + 1) {
            best = best.max(((m - j) as f64 * pj).min(1.0));
        }
        out[i] = best;
    }
    out
}

fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() < 3 || xs.len() != ys.len() {
        return None;
    }
    let mx = mean(xs);
    let my = mean(ys);
    let mut sxy = 0.0;
    let mut sxx = 0.0;
    let mut syy = 0.0;
    for i in 0..xs.len() {
        sxy += (xs[i] - mx) * (ys[i] - my);
        sxx += (xs[i] - mx) * (xs[i] - mx);
        syy += (ys[i] - my) * (ys[i] - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// The `count` workers with the lowest mean (ties: worker id in byte order).
fn lowest(means: &[(String, f64)], count: usize) -> BTreeSet<String> {
    let mut sorted = means.to_vec();
    sorted.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(Ordering::Equal).then_with(|| a.0.cmp(&b.0)));
    let mut chosen = BTreeSet::new();
    for (worker, _) in sorted.iter().take(count) {
        chosen.insert(worker.clone());
    }
    chosen
}

/// A uniform draw in [0, 1) from the top 53 bits of the next u64.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * 2f64.powi(-53)
}

/// One outcome × attribute block of the group comparison. `members` holds, per worker of the
/// population, its group value for the attribute and whether it is positive; `shown` the groups
/// the table shows (see `Params::shown`); `pair` whether the attribute is a pair, whose hidden
/// groups are counted but not named.
fn group_block(
    outcome: &str,
    attribute: &str,
    members: &[(String, bool)],
    min_group: usize,
    shown: Option<&BTreeSet<String>>,
    pair: bool,
) -> Value {
    // group value -> (n, positives); BTreeMap gives byte order.
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (group, positive) in members {
        let entry = counts.entry(group.clone()).or_insert((0, 0));
        entry.0 += 1;
        if *positive {
            entry.1 += 1;
        }
    }
    let total_n = members.len();
    let total_positives = members.iter().filter(|(_, p)| *p).count();
    // An outcome too small or too rare (fewer than min_group have it, or lack it) shows no group;
    // a pair's hidden groups are not counted or named, nor those of such an outcome.
    let closed = total_n < min_group || total_positives < min_group || total_n - total_positives < min_group;
    let is_shown = |group: &str, n: usize| shown.map_or(n >= min_group && !closed, |s| s.contains(group));
    let mut suppressed: Vec<String> = Vec::new();
    let mut reference: Option<(String, usize, usize)> = None;
    for (group, (n, positives)) in &counts {
        if !is_shown(group, *n) {
            suppressed.push(group.clone());
            continue;
        }
        assert!(*n >= min_group, "{outcome} by {attribute}: group {group} of {n} is shown, under {min_group}");
        let larger = match &reference {
            None => true,
            Some((_, ref_n, _)) => *n > *ref_n, // strict: ties keep the first in byte order
        };
        if larger {
            reference = Some((group.clone(), *n, *positives));
        }
    }
    let suppressed_count = (!pair && !closed).then_some(suppressed.len());
    if pair || closed {
        suppressed.clear();
    }
    let Some((ref_group, ref_n, ref_pos)) = reference else {
        return json!({
            "outcome": outcome, "attribute": attribute,
            "reference": null, "reference_n": null, "reference_positives": null, "reference_rate": null,
            "rows": [], "suppressed": suppressed, "suppressed_count": suppressed_count,
            "total_n": total_n, "total_positives": total_positives,
        });
    };
    let ref_rate = ref_pos as f64 / ref_n as f64;
    let mut rows: Vec<Value> = Vec::new();
    for (group, (n, positives)) in &counts {
        if !is_shown(group, *n) || *group == ref_group {
            continue;
        }
        let rate = *positives as f64 / *n as f64;
        let ratio = if ref_rate == 0.0 { None } else { Some(rate / ref_rate) };
        // Marked disparate later, when every test of the report is known (Holm).
        let p_value =
            fisher_two_sided(*positives as u64, (*n - *positives) as u64, ref_pos as u64, (ref_n - ref_pos) as u64);
        rows.push(json!({
            "group": group, "n": n, "positives": positives, "rate": rate, "ratio": ratio,
            "difference": rate - ref_rate, "p_value": p_value,
        }));
    }
    json!({
        "outcome": outcome, "attribute": attribute,
        "reference": ref_group, "reference_n": ref_n, "reference_positives": ref_pos, "reference_rate": ref_rate,
        "rows": rows, "suppressed": suppressed, "suppressed_count": suppressed_count,
        "total_n": total_n, "total_positives": total_positives,
    })
}

/// The groups each table of an engine's report shows: its reference and its rows.
pub fn shown_groups(report: &Value) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut shown = BTreeMap::new();
    for g in report["groups"].as_array().into_iter().flatten() {
        let key = (g["outcome"].as_str().unwrap().to_owned(), g["attribute"].as_str().unwrap().to_owned());
        let mut groups: BTreeSet<String> = BTreeSet::new();
        if let Some(r) = g["reference"].as_str() {
            groups.insert(r.to_owned());
        }
        for row in g["rows"].as_array().into_iter().flatten() {
            groups.insert(row["group"].as_str().unwrap().to_owned());
        }
        shown.insert(key, groups);
    }
    shown
}

/// One shift as the definitions describe it, for a worker's own page.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftFacts {
    pub worker: String,
    pub start_ms: i64,
    /// Duration above 0 (definitions, "Rate").
    pub rated: bool,
    /// Needs a legal break and its pauses add up to less (definitions, "Legal break").
    pub missed_legal_break: bool,
}

/// Every shift of every worker, workers in byte order of id, each worker's shifts in time order.
pub fn shifts(events: &[Event], workers: Option<&[WorkerRow]>, p: &Params) -> Vec<ShiftFacts> {
    let mut out = Vec::new();
    for (worker, list) in &events_by_worker(events) {
        for s in split_shifts(worker, list, p.shift_gap_s * 1000) {
            let required = required_break_ms(s.duration_ms(), is_under_18(worker, workers));
            out.push(ShiftFacts {
                worker: worker.clone(),
                start_ms: s.events[0].time_ms,
                rated: s.is_rated(),
                missed_legal_break: required > 0 && s.pause_ms(p.pause_min_s * 1000) < required,
            });
        }
    }
    out
}

/// Recompute the audit report from scratch.
pub fn audit(events: &[Event], workers: Option<&[WorkerRow]>, decisions: Option<&[DecisionRow]>, p: &Params) -> Value {
    let shift_gap_ms = p.shift_gap_s * 1000;
    let pause_min_ms = p.pause_min_s * 1000;
    let first_target: Option<(String, f64)> = p.targets.first().cloned();

    // ---- per worker: sorted events and shifts ----
    let by_worker = events_by_worker(events);
    let mut shifts_by_worker: BTreeMap<String, Vec<Shift>> = BTreeMap::new();
    for (worker, list) in &by_worker {
        shifts_by_worker.insert(worker.clone(), split_shifts(worker, list, shift_gap_ms));
    }
    let mut all_shifts: Vec<Shift> = Vec::new();
    for list in shifts_by_worker.values() {
        for s in list {
            all_shifts.push(s.clone());
        }
    }

    // ---- norms ----
    let mut norms: Vec<Value> = Vec::new();
    for (kind, per_hour) in &p.targets {
        let mut rates = Vec::new();
        let mut meeting = 0;
        for s in &all_shifts {
            if let Some(rate) = s.rate(kind) {
                rates.push(rate);
                if rate >= *per_hour {
                    meeting += 1;
                }
            }
        }
        let all: Vec<f64> = all_shifts.iter().filter_map(|s| s.rate_all(kind)).collect();
        let all_meeting = all.iter().filter(|r| **r >= *per_hour).count();
        norms.push(json!({
            "kind": kind,
            "per_hour": per_hour,
            "seconds_per_unit": 3600.0 / per_hour,
            "shifts_rated": rates.len(),
            "share_meeting_target": share(meeting, rates.len()),
            "median_rate": median(&rates),
            "all_shifts": {
                "shifts_rated": all.len(),
                "share_meeting_target": share(all_meeting, all.len()),
                "median_rate": median(&all),
            },
        }));
    }

    // ---- breaks ----
    let mut needing = 0;
    let mut missing = 0;
    // For the break penalty (first target): rated shifts needing a break.
    let (mut took, mut took_meeting, mut skipped, mut skipped_meeting) = (0, 0, 0, 0);
    for s in &all_shifts {
        let required = required_break_ms(s.duration_ms(), is_under_18(&s.worker, workers));
        if required == 0 {
            continue;
        }
        needing += 1;
        let misses = s.pause_ms(pause_min_ms) < required;
        if misses {
            missing += 1;
        }
        if let Some((kind, per_hour)) = &first_target
            && let Some(rate) = s.rate(kind)
        {
            let meets = rate >= *per_hour;
            if misses {
                skipped += 1;
                if meets {
                    skipped_meeting += 1;
                }
            } else {
                took += 1;
                if meets {
                    took_meeting += 1;
                }
            }
        }
    }
    let break_penalty = match &first_target {
        Some((kind, _)) if took > 0 && skipped > 0 => {
            let difference = took_meeting as f64 / took as f64 - skipped_meeting as f64 / skipped as f64;
            let (lo, hi) = newcombe(took_meeting, took, skipped_meeting, skipped);
            json!({
                "kind": kind,
                "difference_pp": 100.0 * difference,
                "ci95_pp": [100.0 * lo, 100.0 * hi],
                "took": { "shifts": took, "meeting": took_meeting },
                "skipped": { "shifts": skipped, "meeting": skipped_meeting },
            })
        }
        _ => Value::Null,
    };
    let breaks = json!({
        "shifts_needing_break": needing,
        "shifts_missing_legal_break": missing,
        "break_penalty": break_penalty,
    });

    // ---- CNIL indicators (first target's kind) ----
    let cnil = match &first_target {
        None => Value::Null,
        Some((kind, _)) => {
            let mut of_kind = 0;
            let mut rapid = 0;
            for list in by_worker.values() {
                for i in 0..list.len() {
                    if list[i].kind != *kind {
                        continue;
                    }
                    of_kind += 1;
                    if i > 0 && list[i].time_ms - list[i - 1].time_ms < RAPID_MS {
                        rapid += 1;
                    }
                }
            }
            let mut long_idle = 0;
            let mut short_pauses = 0;
            for s in &all_shifts {
                for gap in s.gaps() {
                    if gap >= LONG_IDLE_MS {
                        long_idle += 1;
                    } else if gap >= SHORT_PAUSE_MS {
                        short_pauses += 1;
                    }
                }
            }
            json!({
                "kind": kind,
                "rapid_event_share": share(rapid, of_kind),
                "long_idle_gaps": long_idle,
                "short_pauses": short_pauses,
                "long_idle_per_shift": share(long_idle, all_shifts.len()),
                "short_pauses_per_shift": share(short_pauses, all_shifts.len()),
            })
        }
    };

    // Rated-shift rates per worker (time order), for a kind; only workers with a rated shift.
    let rates_per_worker = |kind: &str| -> BTreeMap<String, Vec<f64>> {
        let mut map: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for (worker, list) in &shifts_by_worker {
            let mut rates = Vec::new();
            for s in list {
                if let Some(rate) = s.rate(kind) {
                    rates.push(rate);
                }
            }
            if !rates.is_empty() {
                map.insert(worker.clone(), rates);
            }
        }
        map
    };

    // ---- groups ----
    let mut groups: Vec<Value> = Vec::new();
    if let Some(rows) = workers {
        let outcomes = outcomes_of(&shifts_by_worker, rows, decisions, &p.targets);

        let mut attributes: BTreeSet<String> = BTreeSet::new();
        for row in rows {
            for name in row.attributes.keys() {
                if name != "under_18" && name != "worker" {
                    attributes.insert(name.clone());
                }
            }
        }
        let attributes: Vec<String> = attributes.into_iter().collect();
        let value_of = |row: &WorkerRow, name: &str| row.attributes.get(name).cloned().unwrap_or_default();

        for (outcome, population) in &outcomes {
            for a in &attributes {
                let mut members = Vec::new();
                for (row, positive) in population {
                    members.push((value_of(row, a), *positive));
                }
                let shown = p.shown.get(&(outcome.clone(), a.clone()));
                groups.push(group_block(outcome, a, &members, p.min_group, shown, false));
            }
            for i in 0..attributes.len() {
                for j in (i + 1)..attributes.len() {
                    let (a, b) = (&attributes[i], &attributes[j]);
                    let mut members = Vec::new();
                    for (row, positive) in population {
                        members.push((format!("{}+{}", value_of(row, a), value_of(row, b)), *positive));
                    }
                    let attribute = format!("{a}+{b}");
                    let shown = p.shown.get(&(outcome.clone(), attribute.clone()));
                    groups.push(group_block(outcome, &attribute, &members, p.min_group, shown, true));
                }
            }
        }
    }

    // ---- reliability (first target) ----
    let reliability = match &first_target {
        None => Value::Null,
        Some((kind, _)) => {
            let mut odd_means = Vec::new();
            let mut even_means = Vec::new();
            for rates in rates_per_worker(kind).values() {
                let mut odd = Vec::new();
                let mut even = Vec::new();
                for (i, rate) in rates.iter().enumerate() {
                    // Shift number i + 1: odd-numbered when i is even.
                    if (i + 1) % 2 == 1 {
                        odd.push(*rate);
                    } else {
                        even.push(*rate);
                    }
                }
                if odd.len() >= 2 && even.len() >= 2 {
                    odd_means.push(mean(&odd));
                    even_means.push(mean(&even));
                }
            }
            let r = pearson(&odd_means, &even_means);
            let sb = match r {
                Some(r) if 1.0 + r != 0.0 => Some(2.0 * r / (1.0 + r)),
                _ => None,
            };
            json!({ "kind": kind, "workers": odd_means.len(), "split_half_r": r, "spearman_brown": sb })
        }
    };

    // ---- flag stability (first target) ----
    let flags = match &first_target {
        None => Value::Null,
        Some((kind, _)) => {
            let rates = rates_per_worker(kind);
            let mut means: Vec<(String, f64)> = Vec::new();
            for (worker, r) in &rates {
                means.push((worker.clone(), mean(r)));
            }
            let w = means.len();
            let count = ((p.flag_share * w as f64).ceil() as usize).min(w);
            let flagged = lowest(&means, count);

            let mut again: BTreeMap<String, usize> = BTreeMap::new();
            let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
            for _ in 0..p.resamples {
                let mut resampled: Vec<(String, f64)> = Vec::new();
                // `rates` is a BTreeMap: workers in byte order of id.
                for (worker, r) in &rates {
                    let n = r.len();
                    let mut drawn = Vec::new();
                    for _ in 0..n {
                        let index = (uniform(&mut rng) * n as f64).floor() as usize;
                        drawn.push(r[index]);
                    }
                    resampled.push((worker.clone(), mean(&drawn)));
                }
                let again_flagged = lowest(&resampled, count);
                for worker in &flagged {
                    if again_flagged.contains(worker) {
                        *again.entry(worker.clone()).or_insert(0) += 1;
                    }
                }
            }
            let unstable_share = if flagged.is_empty() || p.resamples == 0 {
                None
            } else {
                let mut unstable = 0;
                for worker in &flagged {
                    let times = again.get(worker).copied().unwrap_or(0);
                    let stability = times as f64 / p.resamples as f64;
                    if stability < 0.5 {
                        unstable += 1;
                    }
                }
                Some(unstable as f64 / flagged.len() as f64)
            };
            json!({
                "flag_share": p.flag_share,
                "flagged": flagged.len(),
                "resamples": p.resamples,
                "seed": p.seed,
                "unstable_share": unstable_share,
            })
        }
    };

    // ---- Holm's correction over every group row, in report order ----
    let mut p_values: Vec<f64> = Vec::new();
    for g in &groups {
        for row in g["rows"].as_array().unwrap() {
            p_values.push(row["p_value"].as_f64().unwrap());
        }
    }
    let adjusted = holm(&p_values);
    let mut k = 0;
    for g in &mut groups {
        for row in g["rows"].as_array_mut().unwrap() {
            let ratio = row["ratio"].as_f64();
            let outside = ratio.is_some_and(|r| !(0.8..=1.25).contains(&r));
            row["p_holm"] = json!(adjusted[k]);
            row["disparate"] = json!(outside && adjusted[k] < 0.05);
            k += 1;
        }
    }

    // ---- human review ----
    let review = match decisions {
        None => Value::Null,
        Some(decs) => {
            let mut automated = 0;
            let mut known = 0;
            let mut reviewed = 0;
            let mut overturned = 0;
            let mut seconds = Vec::new();
            for d in decs {
                if d.automated != Some(true) {
                    continue;
                }
                automated += 1;
                if d.reviewed.is_some() {
                    known += 1;
                }
                if d.reviewed == Some(true) {
                    reviewed += 1;
                    if let Some(s) = d.review_seconds {
                        seconds.push(s);
                    }
                    if d.overturned == Some(true) {
                        overturned += 1;
                    }
                }
            }
            let median_seconds = median(&seconds);
            let rubber_stamp = reviewed > 0 && overturned == 0 && matches!(median_seconds, Some(m) if m < 30.0);
            json!({
                "decisions": decs.len(),
                "automated": automated,
                "reviewed_share": share(reviewed, known),
                "review_unknown": automated - known,
                "median_review_seconds": median_seconds,
                "overturned_share": share(overturned, reviewed),
                "rubber_stamp": rubber_stamp,
            })
        }
    };

    json!({
        "events": events.len(),
        "workers": by_worker.len(),
        "shifts": all_shifts.len(),
        "norms": norms,
        "breaks": breaks,
        "cnil": cnil,
        "groups": groups,
        "correction": {"method": "holm", "alpha": 0.05, "tests": p_values.len()},
        "reliability": reliability,
        "flags": flags,
        "review": review,
    })
}

/// The group comparison's outcomes, in the report's order: per outcome (`decision:D`, then
/// `below_target:K`) its population, each worker's row with whether they have the outcome.
pub fn outcomes(events: &[Event], rows: &[WorkerRow], decisions: Option<&[DecisionRow]>, p: &Params) -> Vec<Outcome> {
    let mut shifts_by_worker: BTreeMap<String, Vec<Shift>> = BTreeMap::new();
    for (worker, list) in &events_by_worker(events) {
        shifts_by_worker.insert(worker.clone(), split_shifts(worker, list, p.shift_gap_s * 1000));
    }
    outcomes_of(&shifts_by_worker, rows, decisions, &p.targets)
}

/// An outcome's name and its population as (worker, positive).
pub type Outcome = (String, Vec<(WorkerRow, bool)>);

fn outcomes_of(
    shifts_by_worker: &BTreeMap<String, Vec<Shift>>,
    rows: &[WorkerRow],
    decisions: Option<&[DecisionRow]>,
    targets: &[(String, f64)],
) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    if let Some(decs) = decisions {
        let mut kinds: BTreeSet<String> = BTreeSet::new();
        for d in decs {
            kinds.insert(d.decision.clone());
        }
        for kind in &kinds {
            let mut population = Vec::new();
            for row in rows {
                let positive = decs.iter().any(|d| d.worker == row.worker && d.decision == *kind);
                population.push((row.clone(), positive));
            }
            outcomes.push((format!("decision:{kind}"), population));
        }
    }
    for (kind, per_hour) in targets {
        let mut population = Vec::new();
        for row in rows {
            let rates: Vec<f64> =
                shifts_by_worker.get(&row.worker).into_iter().flatten().filter_map(|s| s.rate(kind)).collect();
            if !rates.is_empty() {
                population.push((row.clone(), mean(&rates) < *per_hour));
            }
        }
        outcomes.push((format!("below_target:{kind}"), population));
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;
    const HOUR: i64 = 3_600_000;

    fn ev(worker: &str, time_ms: i64, kind: &str, quantity: f64) -> Event {
        Event { worker: worker.to_string(), time_ms, kind: kind.to_string(), quantity }
    }

    fn worker_row(worker: &str, attrs: &[(&str, &str)]) -> WorkerRow {
        let mut attributes = BTreeMap::new();
        for (k, v) in attrs {
            attributes.insert(k.to_string(), v.to_string());
        }
        WorkerRow { worker: worker.to_string(), attributes }
    }

    fn decision(worker: &str, decision: &str) -> DecisionRow {
        DecisionRow {
            worker: worker.to_string(),
            time_ms: 0,
            decision: decision.to_string(),
            automated: None,
            reviewed: None,
            review_seconds: None,
            overturned: None,
        }
    }

    /// A one-hour shift starting at `start` whose `scan` rate is `rate` per hour: a login at the
    /// start, `rate` scanned units at the end.
    fn hour_shift(worker: &str, start: i64, rate: f64) -> Vec<Event> {
        vec![ev(worker, start, "login", 1.0), ev(worker, start + HOUR, "scan", rate)]
    }

    fn close(actual: &Value, expected: f64, tolerance: f64) {
        let a = actual.as_f64().unwrap_or_else(|| panic!("not a number: {actual}"));
        assert!((a - expected).abs() <= tolerance, "{a} vs {expected}");
    }

    fn scan(per_hour: f64) -> Vec<(String, f64)> {
        vec![("scan".to_string(), per_hour)]
    }

    #[test]
    fn three_events_an_hour_apart_make_one_two_hour_shift() {
        // Events at 0, 1 h, 2 h: gaps of 1 h ≤ 4 h, so one shift of duration 2 h.
        // 3 scans over 2 h = 1.5 per hour ≥ 1 → meets; median 1.5. No pause (gaps of 1 h ARE
        // ≥ 15 min, but a 2-h shift needs no break). Gaps of 1 h are long idle (≥ 10 min): 2.
        // Rapid: none. seconds_per_unit = 3600.
        let events = vec![ev("w", 0, "scan", 1.0), ev("w", HOUR, "scan", 1.0), ev("w", 2 * HOUR, "scan", 1.0)];
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["events"], 3);
        assert_eq!(r["workers"], 1);
        assert_eq!(r["shifts"], 1);
        let norm = &r["norms"][0];
        assert_eq!(norm["shifts_rated"], 1);
        close(&norm["median_rate"], 1.5, 1e-12);
        close(&norm["share_meeting_target"], 1.0, 0.0);
        close(&norm["seconds_per_unit"], 3600.0, 0.0);
        assert_eq!(r["breaks"]["shifts_needing_break"], 0);
        assert_eq!(r["cnil"]["long_idle_gaps"], 2);
        assert_eq!(r["cnil"]["short_pauses"], 0);
        close(&r["cnil"]["rapid_event_share"], 0.0, 0.0);
        close(&r["cnil"]["long_idle_per_shift"], 2.0, 0.0);
        assert_eq!(r["groups"], json!([]));
        assert_eq!(r["review"], Value::Null);
    }

    #[test]
    fn gap_above_four_hours_starts_a_new_shift_and_lone_events_are_unrated() {
        // 0, 4 h (gap exactly 4 h: same shift), 8 h + 1 ms (gap > 4 h: new shift of one event).
        // Shifts: [0, 4 h] duration 4 h, rated; [8 h + 1 ms] duration 0, counted but unrated.
        let events = vec![ev("w", 0, "scan", 2.0), ev("w", 4 * HOUR, "scan", 2.0), ev("w", 8 * HOUR + 1, "scan", 5.0)];
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["shifts"], 2);
        assert_eq!(r["norms"][0]["shifts_rated"], 1);
        // 4 units / 4 h = 1 per hour.
        close(&r["norms"][0]["median_rate"], 1.0, 1e-12);
        // Ties in time keep file order and the first event of a worker is never rapid; an equal
        // time is a gap of 0 < 1250 ms → rapid. Kind "pick" at 0 then "scan" at 0: scan rapid.
        let tie = vec![ev("v", 0, "pick", 1.0), ev("v", 0, "scan", 1.0), ev("v", 1249, "scan", 1.0)];
        let r = audit(&tie, None, None, &Params::defaults(scan(1.0)));
        close(&r["cnil"]["rapid_event_share"], 1.0, 0.0);
        let tie = vec![ev("v", 0, "scan", 1.0), ev("v", 0, "pick", 1.0), ev("v", 1250, "scan", 1.0)];
        let r = audit(&tie, None, None, &Params::defaults(scan(1.0)));
        // First scan is the worker's first event (not rapid); the last follows the pick by 1250 ms
        // (not < 1250): 0 of 2 rapid.
        close(&r["cnil"]["rapid_event_share"], 0.0, 0.0);
    }

    #[test]
    fn six_hour_shift_with_one_twenty_minute_gap_misses_its_break() {
        // Events at 0, 20 min, then every 5 min up to 6 h (20, 25, …, 360 min): 1 + 69 = 70.
        // Duration 6 h > 5.5 h → needs 30 min. Pauses (≥ 15 min): only the 20-min gap → 20 < 30
        // → misses. CNIL: the 20-min gap is long idle (≥ 10 min): 1; the 68 five-minute gaps
        // are short pauses (≥ 1 and < 10 min): 68.
        let mut events = vec![ev("w", 0, "scan", 1.0)];
        let mut t = 20 * MIN;
        while t <= 360 * MIN {
            events.push(ev("w", t, "scan", 1.0));
            t += 5 * MIN;
        }
        assert_eq!(events.len(), 70);
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["shifts"], 1);
        assert_eq!(r["breaks"]["shifts_needing_break"], 1);
        assert_eq!(r["breaks"]["shifts_missing_legal_break"], 1);
        assert_eq!(r["cnil"]["long_idle_gaps"], 1);
        assert_eq!(r["cnil"]["short_pauses"], 68);
        // Only a "skipped" group: no break penalty.
        assert_eq!(r["breaks"]["break_penalty"], Value::Null);
    }

    #[test]
    fn legal_break_thresholds() {
        // Strict ">" at 5.5 h, 10 h and (under 18) 4.5 h.
        assert_eq!(required_break_ms(HOURS_5_5, false), 0);
        assert_eq!(required_break_ms(HOURS_5_5 + 1, false), MIN_30);
        assert_eq!(required_break_ms(HOURS_10, false), MIN_30);
        assert_eq!(required_break_ms(HOURS_10 + 1, false), MIN_45);
        assert_eq!(required_break_ms(HOURS_4_5, true), 0);
        assert_eq!(required_break_ms(HOURS_4_5 + 1, true), MIN_30);
        assert_eq!(required_break_ms(HOURS_4_5 + 1, false), 0);

        // A 5-hour shift with one 30-min pause (events at 0, 30 min, then every 10 min up to
        // 300 min; 10-min gaps are no pauses) needs nothing for an adult; for a worker with
        // under_18 = "Ja" it needs 30 min and has them (30 ≥ 30). A worker with under_18 = "TRUE"
        // and a 29-min pause (0, 29 min, then 40, 50, …, 300 min; 29→40 is 11 min) misses it.
        let mut events = Vec::new();
        for (worker, first_pause) in [("adult", 30), ("kid", 30), ("teen", 29)] {
            events.push(ev(worker, 0, "scan", 1.0));
            events.push(ev(worker, first_pause * MIN, "scan", 1.0));
            let mut t = 40;
            while t <= 300 {
                events.push(ev(worker, t * MIN, "scan", 1.0));
                t += 10;
            }
        }
        let workers = vec![
            worker_row("adult", &[("under_18", "no")]),
            worker_row("kid", &[("under_18", "Ja")]),
            worker_row("teen", &[("under_18", "TRUE")]),
        ];
        let r = audit(&events, Some(&workers), None, &Params::defaults(vec![]));
        assert_eq!(r["breaks"]["shifts_needing_break"], 2);
        assert_eq!(r["breaks"]["shifts_missing_legal_break"], 1);
    }

    #[test]
    fn no_targets_leaves_target_sections_empty_or_null() {
        let events = vec![ev("w", 0, "scan", 1.0), ev("w", HOUR, "scan", 1.0)];
        let r = audit(&events, None, Some(&[]), &Params::defaults(vec![]));
        assert_eq!(r["norms"], json!([]));
        assert_eq!(r["breaks"]["break_penalty"], Value::Null);
        assert_eq!(r["cnil"], Value::Null);
        assert_eq!(r["reliability"], Value::Null);
        assert_eq!(r["flags"], Value::Null);
        // An empty decisions file: 0 decisions, shares undefined, no rubber stamp.
        assert_eq!(r["review"]["decisions"], 0);
        assert_eq!(r["review"]["reviewed_share"], Value::Null);
        assert_eq!(r["review"]["rubber_stamp"], false);
    }

    #[test]
    fn fisher_exact_by_hand() {
        // [[3,1],[1,3]]: margins 4/4/4, C(8,4) = 70; tables x = 0..4 have weights 1,16,36,16,1.
        // Observed x = 3 (16/70); tables ≤ it: 1+16+16+1 = 34 → 34/70 = 0.485714…
        close(&json!(fisher_two_sided(3, 1, 1, 3)), 34.0 / 70.0, 1e-12);
        // [[10,0],[0,10]]: only x = 0 and x = 10 are as extreme: 2 / C(20,10) = 2/184756.
        close(&json!(fisher_two_sided(10, 0, 0, 10)), 2.0 / 184_756.0, 1e-15);
        // Equal proportions [[2,2],[2,2]]: the most likely table, so p = 1.
        close(&json!(fisher_two_sided(2, 2, 2, 2)), 1.0, 1e-12);
        // ln(5!) = ln 120.
        assert!((ln_factorial(5) - 120f64.ln()).abs() < 1e-12);
        assert_eq!(ln_factorial(0), 0.0);
    }

    #[test]
    fn newcombe_example_from_the_paper() {
        // Newcombe (1998), table II: 56/70 − 48/80 = 0.2, method 10 → [0.0524, 0.3339].
        let (lo, hi) = newcombe(56, 70, 48, 80);
        assert!((lo - 0.0524).abs() < 5e-5, "{lo}");
        assert!((hi - 0.3339).abs() < 5e-5, "{hi}");
        // Wilson for 0/10: lower bound 0, upper z²/(n+z²) = 3.8415/13.8415 = 0.2775.
        let (lo, hi) = wilson(0, 10);
        assert!(lo.abs() < 1e-12);
        assert!((hi - 0.2775).abs() < 5e-5, "{hi}");
    }

    #[test]
    fn medians_and_pearson() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        // Perfect line → r = 1; two points → undefined; constant → undefined.
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).unwrap_or(0.0) - 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 2.0], &[1.0, 2.0]), None);
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        // x = 1,2,3; y = 1,3,2: deviations (-1,0,1) and (-1,1,0): sxy = 1, sxx = syy = 2 → r = 0.5.
        assert!((pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap_or(0.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn break_penalty_by_hand() {
        // Four 6-hour shifts of different workers (scan target 2 per hour, so 12 scans meet it).
        // a, b take a 30-min pause; c, d do not. a meets (12 scans), b does not (6);
        // c and d meet. took = 2 (1 meeting), skipped = 2 (2 meeting):
        // difference = 100 × (0.5 − 1.0) = −50 pp.
        // Each shift: a login every 10 min from 0 to 350 min (no pauses), or, with a pause,
        // logins at 0 and 30 min then every 10 min (one 30-min pause); the units arrive at 6 h.
        let mut events = Vec::new();
        for (worker, pause, units) in [("a", true, 12.0), ("b", true, 6.0), ("c", false, 12.0), ("d", false, 12.0)] {
            events.push(ev(worker, 0, "login", 1.0));
            let mut t = if pause { 30 } else { 10 };
            while t < 360 {
                events.push(ev(worker, t * MIN, "login", 1.0));
                t += 10;
            }
            events.push(ev(worker, 6 * HOUR, "scan", units));
        }
        let r = audit(&events, None, None, &Params::defaults(scan(2.0)));
        let bp = &r["breaks"]["break_penalty"];
        assert_eq!(bp["kind"], "scan");
        close(&bp["difference_pp"], -50.0, 1e-9);
        assert_eq!(bp["took"], json!({"shifts": 2, "meeting": 1}));
        assert_eq!(bp["skipped"], json!({"shifts": 2, "meeting": 2}));
        let (lo, hi) = newcombe(1, 2, 2, 2);
        close(&bp["ci95_pp"][0], 100.0 * lo, 1e-9);
        close(&bp["ci95_pp"][1], 100.0 * hi, 1e-9);
        assert!(lo < -0.5 && hi > -0.5);
        assert_eq!(r["breaks"]["shifts_missing_legal_break"], 2);
    }

    #[test]
    fn group_comparison_by_hand() {
        // contract: flex × 4 (3 warned), perm × 4 (1 warned), other × 1 → suppressed (min 4).
        // team: everyone "a". Reference for contract: flex and perm tie at 4 → flex (byte order).
        // perm: rate 0.25, reference rate 0.75, ratio 1/3, difference −0.5, Fisher [[1,3],[3,1]]
        // = 34/70; the report's tests are this row and the pair's perm+a row (the same table), so
        // Holm gives 2 × 34/70 and the ratio alone no longer marks it disparate.
        let mut workers = Vec::new();
        let mut decisions = Vec::new();
        for i in 0..4 {
            workers.push(worker_row(&format!("f{i}"), &[("contract", "flex"), ("team", "a"), ("under_18", "no")]));
            workers.push(worker_row(&format!("p{i}"), &[("contract", "perm"), ("team", "a")]));
        }
        workers.push(worker_row("o", &[("contract", "other"), ("team", "a")]));
        for w in ["f0", "f1", "f2", "p0", "p0"] {
            decisions.push(decision(w, "warning"));
        }
        let events = vec![ev("f0", 0, "scan", 1.0)];
        let mut p = Params::defaults(vec![]);
        p.min_group = 4;
        let r = audit(&events, Some(&workers), Some(&decisions), &p);
        let groups = r["groups"].as_array().cloned().unwrap_or_default();
        // One outcome × (contract, team, contract+team).
        assert_eq!(groups.len(), 3);
        let g = &groups[0];
        assert_eq!(g["outcome"], "decision:warning");
        assert_eq!(g["attribute"], "contract");
        assert_eq!(g["reference"], "flex");
        assert_eq!(g["reference_n"], 4);
        assert_eq!(g["reference_positives"], 3);
        close(&g["reference_rate"], 0.75, 0.0);
        assert_eq!(g["suppressed"], json!(["other"]));
        let row = &g["rows"][0];
        assert_eq!(row["group"], "perm");
        assert_eq!(row["n"], 4);
        assert_eq!(row["positives"], 1);
        close(&row["rate"], 0.25, 0.0);
        close(&row["ratio"], 1.0 / 3.0, 1e-12);
        close(&row["difference"], -0.5, 1e-12);
        close(&row["p_value"], 34.0 / 70.0, 1e-12);
        close(&row["p_holm"], 68.0 / 70.0, 1e-12);
        assert_eq!(row["disparate"], false, "four against four is no evidence, however far the ratio");
        // team: one group "a" of 9 (4 warned) = reference, no rows.
        assert_eq!(groups[1]["attribute"], "team");
        assert_eq!(groups[1]["reference"], "a");
        assert_eq!(groups[1]["reference_n"], 9);
        assert_eq!(groups[1]["rows"], json!([]));
        // Pairs: "flex+a" reference, "perm+a" row, "other+a" suppressed: neither named nor counted.
        assert_eq!(groups[2]["attribute"], "contract+team");
        assert_eq!(groups[2]["reference"], "flex+a");
        assert_eq!(groups[2]["rows"][0]["group"], "perm+a");
        assert_eq!(groups[2]["suppressed"], json!([]));
        assert_eq!(groups[2]["suppressed_count"], Value::Null);
        assert_eq!(groups[0]["suppressed_count"], 1);
        assert_eq!((groups[2]["total_n"].as_u64(), groups[2]["total_positives"].as_u64()), (Some(9), Some(4)));
    }

    #[test]
    fn below_target_population_is_workers_with_a_rated_shift() {
        // Target scan 10/h. x1..x3 (team "x") average 5/h: below. y1..y3 (team "y") 20/h: not.
        // "z" is in the workers file but has no events: not in the population.
        // With min_group 3: reference = x (tie with y, byte order), rate 1; y rate 0 → ratio 0;
        // Fisher [[0,3],[3,0]] = 2/20 = 0.1 (C(6,3) = 20; weights 1,9,9,1), the report's one
        // test, so p_holm = 0.1 too: not significant, not disparate.
        // A second target, kind "pick": nobody picks, so no shift is rated for it.
        let mut events = Vec::new();
        let mut workers = Vec::new();
        for (i, (name, rate)) in
            [("x1", 5.0), ("x2", 5.0), ("x3", 5.0), ("y1", 20.0), ("y2", 20.0), ("y3", 20.0)].into_iter().enumerate()
        {
            events.extend(hour_shift(name, i as i64, rate));
            workers.push(worker_row(name, &[("team", &name[..1])]));
        }
        workers.push(worker_row("z", &[("team", "z")]));
        let mut p = Params::defaults(vec![("scan".to_string(), 10.0), ("pick".to_string(), 1.0)]);
        p.min_group = 3;
        let r = audit(&events, Some(&workers), None, &p);
        let g = &r["groups"][0];
        assert_eq!(g["outcome"], "below_target:scan");
        assert_eq!(g["reference"], "x");
        close(&g["reference_rate"], 1.0, 0.0);
        assert_eq!(g["suppressed"], json!([]));
        close(&g["rows"][0]["ratio"], 0.0, 0.0);
        close(&g["rows"][0]["p_value"], 0.1, 1e-12);
        close(&g["rows"][0]["p_holm"], 0.1, 1e-12);
        assert_eq!(g["rows"][0]["disparate"], false);
        assert_eq!(r["correction"]["tests"], 1);
        // "pick": nobody picks, so no shift is rated for it and the outcome has no population
        // (before December 2026 every shift counted as rate 0: everyone "below").
        let g = &r["groups"][1];
        assert_eq!(g["outcome"], "below_target:pick");
        assert_eq!(g["total_n"], 0);
        assert_eq!((g["rows"].clone(), g["reference"].clone()), (json!([]), Value::Null));
        assert_eq!((g["suppressed"].clone(), g["suppressed_count"].clone()), (json!([]), Value::Null));

        // With a scan target of 1/h nobody is below: too rare to show by group, the same way.
        let mut p = Params::defaults(scan(1.0));
        p.min_group = 3;
        let r = audit(&events, Some(&workers), None, &p);
        assert_eq!(r["groups"][0]["rows"], json!([]));
        assert_eq!(r["groups"][0]["total_positives"], 0);
        // Fisher of [[0,3],[0,3]] has a single possible table → p = 1.
        assert!((fisher_two_sided(0, 3, 0, 3) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn reliability_by_hand() {
        // Three workers, four one-hour shifts each, 10 h apart. Odd shifts (1, 3) and even
        // shifts (2, 4) rates: a odd 1,1 even 2,2; b odd 2,2 even 4,4; c odd 3,3 even 6,6.
        // Odd means 1,2,3; even means 2,4,6 → r = 1, Spearman–Brown 2/2 = 1.
        // A fourth worker "d" with only 3 rated shifts (2 odd, 1 even) is left out.
        let mut events = Vec::new();
        for (worker, odd, even) in [("a", 1.0, 2.0), ("b", 2.0, 4.0), ("c", 3.0, 6.0)] {
            for k in 0..4 {
                let rate = if k % 2 == 0 { odd } else { even };
                events.extend(hour_shift(worker, k * 10 * HOUR, rate));
            }
        }
        for k in 0..3 {
            events.extend(hour_shift("d", k * 10 * HOUR, 100.0));
        }
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["reliability"]["workers"], 3);
        close(&r["reliability"]["split_half_r"], 1.0, 1e-12);
        close(&r["reliability"]["spearman_brown"], 1.0, 1e-12);

        // Even means 1,3,2 instead → r = 0.5 (see medians_and_pearson), SB = 1/1.5 = 2/3.
        let mut events = Vec::new();
        for (worker, odd, even) in [("a", 1.0, 1.0), ("b", 2.0, 3.0), ("c", 3.0, 2.0)] {
            for k in 0..4 {
                let rate = if k % 2 == 0 { odd } else { even };
                events.extend(hour_shift(worker, k * 10 * HOUR, rate));
            }
        }
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        close(&r["reliability"]["split_half_r"], 0.5, 1e-12);
        close(&r["reliability"]["spearman_brown"], 2.0 / 3.0, 1e-12);

        // Only two qualifying workers → r undefined.
        let events: Vec<Event> = (0..4).flat_map(|k| hour_shift("a", k * 10 * HOUR, 1.0 + k as f64)).collect();
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["reliability"]["workers"], 1);
        assert_eq!(r["reliability"]["split_half_r"], Value::Null);
        assert_eq!(r["reliability"]["spearman_brown"], Value::Null);
    }

    #[test]
    fn flags_with_one_shift_each_are_always_stable() {
        // Ten workers, one rated shift each: every resample draws that one shift, so the means
        // never change. ⌈0.1 × 10⌉ = 1 flagged: the lowest mean. w3 and w7 tie at 1/h → "w3"
        // (byte order) is flagged; stability 1 → unstable_share 0.
        let mut events = Vec::new();
        for i in 0..10 {
            let rate = if i == 3 || i == 7 { 1.0 } else { 5.0 + i as f64 };
            events.extend(hour_shift(&format!("w{i}"), 0, rate));
        }
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["flags"]["flagged"], 1);
        assert_eq!(r["flags"]["resamples"], 1000);
        assert_eq!(r["flags"]["seed"], 2025);
        close(&r["flags"]["flag_share"], 0.1, 0.0);
        close(&r["flags"]["unstable_share"], 0.0, 0.0);
        let means: Vec<(String, f64)> = vec![("w7".to_string(), 1.0), ("w3".to_string(), 1.0), ("w0".to_string(), 5.0)];
        assert_eq!(lowest(&means, 1), BTreeSet::from(["w3".to_string()]));
        // ⌈0.1 × 11⌉ = 2 flagged.
        events.extend(hour_shift("w10", 0, 50.0));
        let r = audit(&events, None, None, &Params::defaults(scan(1.0)));
        assert_eq!(r["flags"]["flagged"], 2);
    }

    #[test]
    fn flag_resampling_is_seeded_and_in_range() {
        // Two workers, each with shifts of rates 0 and 10 (means 5 and 5). 50% flagged → 1
        // ("a", by id). A resample flags "a" again unless a's draw mean exceeds b's (or ties are
        // lost—ties go to "a"). The result must be reproducible for a fixed seed.
        let mut events = Vec::new();
        for w in ["a", "b"] {
            events.extend(hour_shift(w, 0, 0.0));
            events.extend(hour_shift(w, 10 * HOUR, 10.0));
        }
        let mut p = Params::defaults(scan(1.0));
        p.flag_share = 0.5;
        p.resamples = 200;
        let one = audit(&events, None, None, &p);
        let two = audit(&events, None, None, &p);
        assert_eq!(one, two);
        assert_eq!(one["flags"]["flagged"], 1);
        let u = one["flags"]["unstable_share"].as_f64().unwrap_or(-1.0);
        assert!(u == 0.0 || u == 1.0);
        // Draws are in [0, 1).
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..1000 {
            let x = uniform(&mut rng);
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn human_review_by_hand() {
        // 4 decisions; 3 automated (one without the flag is not automated). 2 of those reviewed
        // in 10 s and 20 s (median 15), the third not reviewed; none overturned →
        // reviewed 2 of 3 = 0.667, overturned 0/2 = 0, median 15 < 30 → rubber stamp.
        let mut decs = Vec::new();
        let mut d = decision("a", "warning");
        d.automated = Some(true);
        d.reviewed = Some(true);
        d.review_seconds = Some(10.0);
        d.overturned = Some(false);
        decs.push(d.clone());
        d.review_seconds = Some(20.0);
        decs.push(d.clone());
        d.reviewed = Some(false);
        d.review_seconds = None;
        decs.push(d.clone());
        decs.push(decision("b", "bonus"));
        let r = audit(&[], None, Some(&decs), &Params::defaults(vec![]));
        let review = &r["review"];
        assert_eq!(review["decisions"], 4);
        assert_eq!(review["automated"], 3);
        close(&review["reviewed_share"], 2.0 / 3.0, 1e-12);
        close(&review["median_review_seconds"], 15.0, 0.0);
        close(&review["overturned_share"], 0.0, 0.0);
        assert_eq!(review["rubber_stamp"], true);

        // One overturn among the reviewed → 0.5 and no rubber stamp.
        decs[1].overturned = Some(true);
        let r = audit(&[], None, Some(&decs), &Params::defaults(vec![]));
        close(&r["review"]["overturned_share"], 0.5, 0.0);
        assert_eq!(r["review"]["rubber_stamp"], false);
        assert_eq!(r["events"], 0);
        assert_eq!(r["shifts"], 0);
        // Decision time is part of the row but not used by these numbers.
        assert_eq!(decs[0].time_ms, 0);
    }
}
