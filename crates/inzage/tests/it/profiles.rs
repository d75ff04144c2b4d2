//! The built-in profiles (`profiles/*.toml`) on their samples (`profiles/samples/`): each one runs
//! through `inzage audit --profile`, and the report's figures are set against the same figures
//! worked out here from the raw sample file, the profile's mapping done by hand: the file read as
//! CSV, the dates parsed, shifts cut, rates, means, quantiles and tests computed in plain Rust.
//! No expected number is written down; `profiles/samples/make.py` writes the samples and checks
//! that they have what these tests lean on (groups of at least 10, workers on both sides of the
//! norm).
//!
//! The samples' times all fall before the change to summer time (29 March 2026), so a local time
//! has one offset throughout and the differences between times here need no time zone.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{inzage, stderr};

const PROFILES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/samples/");
const BUILT_IN: [&str; 6] = [
    "wms-scanner",
    "viva-person-query",
    "hubstaff-activity",
    "activtrak-activity-log",
    "uber-driver-data",
    "hr-export",
];

fn sample(name: &str) -> String {
    format!("{SAMPLES}{name}")
}

/// `inzage audit --format json` with `args`; it must succeed.
fn audit(args: &[&str]) -> Value {
    let mut all = vec!["audit", "--format", "json"];
    all.extend_from_slice(args);
    let o = inzage(&all);
    assert!(o.status.success(), "inzage {}: {}", all.join(" "), stderr(&o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("inzage {}: the report is not JSON: {e}", all.join(" ")))
}

// ---------------------------------------------------------------------------------------------
// Reading the samples.

/// A CSV file: the header and the rows, fields unquoted as RFC 4180 says.
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(name: &str, delimiter: char) -> Csv {
        let text = std::fs::read_to_string(sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut rows: Vec<Vec<String>> = Vec::new();
        let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        field.push('"');
                        chars.next();
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
            } else if c == '"' {
                quoted = true;
            } else if c == delimiter {
                row.push(std::mem::take(&mut field));
            } else if c == '\n' {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            } else if c != '\r' {
                field.push(c);
            }
        }
        if !field.is_empty() || !row.is_empty() {
            row.push(field);
            rows.push(row);
        }
        let header = rows.remove(0);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.len(), header.len(), "{name}: row {} has {} fields", i + 1, r.len());
        }
        Csv { header, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    /// The value of column `name` in every row.
    fn values(&self, name: &str) -> Vec<&str> {
        let i = self.column(name);
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }

    /// A workers file: each worker's `attributes`, by the worker column.
    fn workers(&self, worker: &str, attributes: &[&str]) -> BTreeMap<String, BTreeMap<String, String>> {
        let id = self.column(worker);
        let columns: Vec<(String, usize)> = attributes.iter().map(|a| ((*a).to_owned(), self.column(a))).collect();
        let mut out = BTreeMap::new();
        for r in &self.rows {
            let attrs = columns.iter().map(|(a, i)| (a.clone(), r[*i].clone())).collect();
            assert!(out.insert(r[id].clone(), attrs).is_none(), "{} twice in the workers sample", r[id]);
        }
        out
    }
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn int(text: &str) -> i64 {
    text.parse().unwrap_or_else(|_| panic!("`{text}` is not a whole number"))
}

/// Milliseconds of a date and `HH:MM:SS` on one clock (no zone: see the module's note).
fn clock_ms(y: i64, m: i64, d: i64, time: &str) -> i64 {
    let t: Vec<i64> = time.split(':').map(int).collect();
    ((days_from_civil(y, m, d) * 24 + t[0]) * 3600 + t[1] * 60 + t[2]) * 1000
}

/// `2026-03-02 06:15:00`, or `2026-03-02T06:15:00.000Z`.
fn iso_ms(text: &str) -> i64 {
    let d: Vec<i64> = text[..10].split('-').map(int).collect();
    clock_ms(d[0], d[1], d[2], &text[11..19])
}

/// `02-03-2026 06:15:00` (day, month, year).
fn dmy_ms(text: &str) -> i64 {
    let (date, time) = text.split_once(' ').unwrap();
    let d: Vec<i64> = date.split('-').map(int).collect();
    clock_ms(d[2], d[1], d[0], time)
}

/// `2/15/2026` (month, day, year) as `2026-02-15`.
fn us_date(text: &str) -> String {
    let d: Vec<i64> = text.split('/').map(int).collect();
    format!("{:04}-{:02}-{:02}", d[2], d[0], d[1])
}

fn number(text: &str) -> f64 {
    text.parse().unwrap_or_else(|_| panic!("`{text}` is not a number"))
}

// ---------------------------------------------------------------------------------------------
// Statistics, from their definitions.

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s
}

/// The `p` quantile, R's type 7: linear between the order statistics at (n − 1)p.
fn quantile(v: &[f64], p: f64) -> f64 {
    let s = sorted(v);
    let h = (s.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(s.len() - 1);
    s[lo] + (h - lo as f64) * (s[hi] - s[lo])
}

fn median(v: &[f64]) -> f64 {
    let s = sorted(v);
    let n = s.len();
    if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 }
}

/// ln Γ(x), Lanczos (g = 7, 9 terms).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let a = C[0] + (1..9).map(|i| C[i] / (x + i as f64)).sum::<f64>();
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let floor = |v: f64| if v.abs() < tiny { tiny } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / floor(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..1000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / floor(1.0 + even * d);
        c = floor(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / floor(1.0 + odd * d);
        c = floor(1.0 + odd / c);
        h *= d * c;
        if (d * c - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function I_x(a, b).
fn beta_reg(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) { front * beta_cf(a, b, x) / a } else { 1.0 - front * beta_cf(b, a, 1.0 - x) / b }
}

/// The regularised upper incomplete gamma function Q(a, x).
fn gamma_q(a: f64, x: f64) -> f64 {
    let gln = ln_gamma(a);
    if x < a + 1.0 {
        let (mut ap, mut sum) = (a, 1.0 / a);
        let mut del = sum;
        for _ in 0..1000 {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        1.0 - sum * (-x + a * x.ln() - gln).exp()
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            d = 1.0 / if d.abs() < tiny { tiny } else { d };
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            h *= d * c;
            if (d * c - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (-x + a * x.ln() - gln).exp() * h
    }
}

/// Welch's t-test of `a` against `b`: (t, df, two-sided p).
fn welch(a: &[f64], b: &[f64]) -> (f64, f64, f64) {
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let (va, vb) = (var(a) / a.len() as f64, var(b) / b.len() as f64);
    let t = (mean(a) - mean(b)) / (va + vb).sqrt();
    let df = (va + vb) * (va + vb) / (va * va / (a.len() as f64 - 1.0) + vb * vb / (b.len() as f64 - 1.0));
    // P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
    (t, df, beta_reg(df / 2.0, 0.5, df / (df + t * t)))
}

/// The Mann–Whitney U of `a` against `b` (a's rank sum less its least) and its two-sided p:
/// normal approximation with mid-ranks, the tie correction and a continuity correction of ½.
fn mann_whitney(a: &[f64], b: &[f64]) -> (f64, f64) {
    let all = sorted(&a.iter().chain(b).copied().collect::<Vec<_>>());
    let rank = |x: f64| {
        let below = all.iter().filter(|y| **y < x).count() as f64;
        let equal = all.iter().filter(|y| **y == x).count() as f64;
        below + (equal + 1.0) / 2.0
    };
    let (na, nb, n) = (a.len() as f64, b.len() as f64, all.len() as f64);
    let u = a.iter().map(|x| rank(*x)).sum::<f64>() - na * (na + 1.0) / 2.0;
    let mut ties = 0.0;
    let mut i = 0;
    while i < all.len() {
        let t = all[i..].iter().take_while(|y| **y == all[i]).count();
        ties += (t * t * t - t) as f64;
        i += t;
    }
    let sigma = (na * nb / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    let z = ((u - na * nb / 2.0).abs() - 0.5).max(0.0) / sigma;
    // 2(1 − Φ(z)) = erfc(z/√2) = Q(½, z²/2).
    (u, if z == 0.0 { 1.0 } else { gamma_q(0.5, z * z / 2.0) })
}

/// Holm's adjusted p-values, in the order given.
fn holm(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let m = p.len() as f64;
    let mut out = vec![0.0; p.len()];
    let mut running: f64 = 0.0;
    for (j, &i) in order.iter().enumerate() {
        running = running.max(((m - j as f64) * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Comparing.

#[track_caller]
fn close(got: &Value, want: f64, what: &str) {
    let g = got.as_f64().unwrap_or_else(|| panic!("{what}: {got} is not a number"));
    assert!((g - want).abs() <= 1e-9 * want.abs().max(1.0), "{what}: inzage says {g}, the sample gives {want}");
}

/// A p-value: the distributions here and in inzage are computed differently, so closely, not exactly.
#[track_caller]
fn close_p(got: &Value, want: f64, what: &str) {
    let g = got.as_f64().unwrap_or_else(|| panic!("{what}: {got} is not a number"));
    assert!((g - want).abs() <= 1e-8, "{what}: inzage says {g}, the sample gives {want}");
}

#[track_caller]
fn same(got: &Value, want: usize, what: &str) {
    assert_eq!(got.as_u64(), Some(want as u64), "{what}: inzage says {got}, the sample gives {want}");
}

#[track_caller]
fn text(got: &Value, want: &str, what: &str) {
    assert_eq!(got.as_str(), Some(want), "{what}: inzage says {got}");
}

/// The mean, quartiles and count of `values` against a report's spread.
#[track_caller]
fn spread(got: &Value, values: &[f64], what: &str) {
    assert!(values.len() >= 10 && got.is_object(), "{what}: {got}");
    same(&got["n"], values.len(), &format!("{what}.n"));
    close(&got["mean"], mean(values), &format!("{what}.mean"));
    close(&got["q1"], quantile(values, 0.25), &format!("{what}.q1"));
    close(&got["median"], quantile(values, 0.5), &format!("{what}.median"));
    close(&got["q3"], quantile(values, 0.75), &format!("{what}.q3"));
}

fn table<'a>(report: &'a Value, key: &str, pick: impl Fn(&Value) -> bool) -> &'a Value {
    report[key]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| pick(t))
        .unwrap_or_else(|| panic!("no such {key} in the report"))
}

// ---------------------------------------------------------------------------------------------
// Events: shifts and norms.

struct Event {
    worker: String,
    ms: i64,
    kind: String,
    quantity: f64,
}

/// One shift: its duration, and the units and events of the norm's kind.
struct Shift {
    duration_ms: i64,
    units: f64,
    tasks: usize,
}

/// Each worker's shifts: their events in time order (equal times in file order), a new shift
/// after a gap of more than 4 hours.
fn shifts<'a>(events: &'a [Event], kind: &str) -> BTreeMap<&'a str, Vec<Shift>> {
    let mut by_worker: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in events {
        by_worker.entry(&e.worker).or_default().push(e);
    }
    by_worker
        .into_iter()
        .map(|(w, mut evs)| {
            evs.sort_by_key(|e| e.ms);
            let mut out: Vec<Shift> = Vec::new();
            let (mut start, mut last) = (0, i64::MIN);
            for e in evs {
                if last == i64::MIN || e.ms - last > 4 * 3_600_000 {
                    out.push(Shift { duration_ms: 0, units: 0.0, tasks: 0 });
                    start = e.ms;
                }
                let s = out.last_mut().unwrap();
                s.duration_ms = e.ms - start;
                if e.kind == kind {
                    s.units += e.quantity;
                    s.tasks += 1;
                }
                last = e.ms;
            }
            (w, out)
        })
        .collect()
}

/// The rate of a shift rated for the norm (longer than 0 and with an event of its kind).
fn rate(s: &Shift) -> Option<f64> {
    (s.duration_ms > 0 && s.tasks > 0).then(|| s.units / (s.duration_ms as f64 / 3_600_000.0))
}

/// Checks the report's counts and its first norm against the events; returns each worker's mean
/// rate over their rated shifts.
#[track_caller]
fn check_events(report: &Value, events: &[Event], kind: &str, per_hour: f64) -> BTreeMap<String, f64> {
    let shifts = shifts(events, kind);
    same(&report["events"], events.len(), "events");
    same(&report["workers"], shifts.len(), "workers");
    same(&report["shifts"], shifts.values().map(Vec::len).sum(), "shifts");
    let rates: Vec<f64> = shifts.values().flatten().filter_map(rate).collect();
    let norm = &report["norms"][0];
    text(&norm["kind"], kind, "norms[0].kind");
    close(&norm["per_hour"], per_hour, "norms[0].per_hour");
    same(&norm["shifts_rated"], rates.len(), "norms[0].shifts_rated");
    let meeting = rates.iter().filter(|r| **r >= per_hour).count();
    close(&norm["share_meeting_target"], meeting as f64 / rates.len() as f64, "norms[0].share_meeting_target");
    close(&norm["median_rate"], median(&rates), "norms[0].median_rate");
    shifts
        .iter()
        .filter_map(|(w, s)| {
            let r: Vec<f64> = s.iter().filter_map(rate).collect();
            (!r.is_empty()).then(|| ((*w).to_owned(), mean(&r)))
        })
        .collect()
}

/// The group table of `below_target:KIND` by `attribute`: the workers of the workers file with
/// a mean rate, in groups by their value, each group's count and how many are below the norm.
/// The samples make every group at least 10, so every group is shown.
#[track_caller]
fn check_below_target(
    report: &Value,
    kind: &str,
    per_hour: f64,
    means: &BTreeMap<String, f64>,
    workers: &BTreeMap<String, BTreeMap<String, String>>,
    attribute: &str,
) {
    let mut groups: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (w, attrs) in workers {
        if let Some(m) = means.get(w) {
            let g = groups.entry(attrs[attribute].as_str()).or_default();
            g.0 += 1;
            g.1 += usize::from(*m < per_hour);
        }
    }
    assert!(groups.values().all(|(n, _)| *n >= 10), "the sample's groups of {attribute}: {groups:?}");
    // The largest group is the reference; ties: the first in byte order.
    let mut reference: Option<(&str, usize)> = None;
    for (g, (n, _)) in &groups {
        if reference.is_none_or(|(_, rn)| *n > rn) {
            reference = Some((*g, *n));
        }
    }
    let reference = reference.unwrap().0;
    let outcome = format!("below_target:{kind}");
    let t = table(report, "groups", |t| t["outcome"] == outcome.as_str() && t["attribute"] == attribute);
    let what = format!("groups {outcome} by {attribute}");
    text(&t["reference"], reference, &format!("{what}: reference"));
    same(&t["reference_n"], groups[reference].0, &format!("{what}: reference_n"));
    same(&t["reference_positives"], groups[reference].1, &format!("{what}: reference_positives"));
    same(&t["total_n"], groups.values().map(|g| g.0).sum(), &format!("{what}: total_n"));
    same(&t["total_positives"], groups.values().map(|g| g.1).sum(), &format!("{what}: total_positives"));
    let rows = t["rows"].as_array().unwrap();
    let others: Vec<(&&str, &(usize, usize))> = groups.iter().filter(|(g, _)| **g != reference).collect();
    assert_eq!(rows.len(), others.len(), "{what}: {rows:?}");
    let ref_rate = groups[reference].1 as f64 / groups[reference].0 as f64;
    for (row, (g, (n, p))) in rows.iter().zip(others) {
        text(&row["group"], g, &format!("{what}: group"));
        same(&row["n"], *n, &format!("{what}: {g} n"));
        same(&row["positives"], *p, &format!("{what}: {g} positives"));
        close(&row["rate"], *p as f64 / *n as f64, &format!("{what}: {g} rate"));
        close(&row["difference"], *p as f64 / *n as f64 - ref_rate, &format!("{what}: {g} difference"));
    }
}

// ---------------------------------------------------------------------------------------------
// Measures.

struct Measure {
    worker: String,
    period: String,
    measure: String,
    value: f64,
}

/// Checks every measure of the report against `rows`: counts, periods, the spread of the values
/// and of the workers' means, and with a workers file the groups of each of `attributes` with
/// Welch's and the Mann–Whitney test against the reference group, and Holm's correction over
/// all of them (the report has no other test). The samples make every group at least 10.
#[track_caller]
fn check_measures(
    report: &Value,
    rows: &[Measure],
    workers: Option<&BTreeMap<String, BTreeMap<String, String>>>,
    attributes: &[&str],
) {
    let names: BTreeSet<&str> = rows.iter().map(|m| m.measure.as_str()).collect();
    let got = report["measures"].as_array().expect("measures");
    assert_eq!(got.len(), names.len(), "one summary per measure");
    // (measure, attribute, group) → the p-value of Welch's test, for Holm's correction.
    let mut tests: Vec<((String, String, String), f64)> = Vec::new();
    for (m, name) in got.iter().zip(&names) {
        text(&m["measure"], name, "measures[].measure, in byte order");
        let mine: Vec<&Measure> = rows.iter().filter(|r| r.measure == *name).collect();
        let periods: BTreeSet<&str> = mine.iter().map(|r| r.period.as_str()).collect();
        let mut per_worker: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for r in &mine {
            per_worker.entry(&r.worker).or_default().push(r.value);
        }
        same(&m["rows"], mine.len(), &format!("{name}: rows"));
        same(&m["workers"], per_worker.len(), &format!("{name}: workers"));
        same(&m["periods"], periods.len(), &format!("{name}: periods"));
        text(&m["first_period"], periods.first().unwrap(), &format!("{name}: first_period"));
        text(&m["last_period"], periods.last().unwrap(), &format!("{name}: last_period"));
        let values: Vec<f64> = mine.iter().map(|r| r.value).collect();
        spread(&m["values"], &values, &format!("{name}: values"));
        let means: Vec<f64> = per_worker.values().map(|v| mean(v)).collect();
        spread(&m["worker_means"], &means, &format!("{name}: worker_means"));
        assert!(m["attainment"].is_null(), "{name}: no target, no attainment");

        let Some(workers) = workers else { continue };
        let tables = m["groups"].as_array().expect("groups");
        let compared: BTreeSet<&str> = tables.iter().filter_map(|t| t["attribute"].as_str()).collect();
        assert_eq!(compared, attributes.iter().copied().collect(), "{name}: the attributes compared");
        for attribute in attributes {
            let what = format!("{name} by {attribute}");
            // Group → its workers' means, their rows, the sum of their values.
            let mut groups: BTreeMap<&str, (Vec<f64>, usize, f64)> = BTreeMap::new();
            for (w, v) in &per_worker {
                let Some(attrs) = workers.get(*w) else { continue };
                let g = groups.entry(attrs[*attribute].as_str()).or_default();
                g.0.push(mean(v));
                g.1 += v.len();
                g.2 += v.iter().sum::<f64>();
            }
            assert!(groups.values().all(|g| g.0.len() >= 10), "the sample's groups of {what}");
            let mut reference: Option<(&str, usize)> = None;
            for (g, (m, _, _)) in &groups {
                if reference.is_none_or(|(_, rn)| m.len() > rn) {
                    reference = Some((*g, m.len()));
                }
            }
            let reference = reference.unwrap().0;
            let (ref_means, ref_rows, ref_sum) = &groups[reference];
            let t = tables.iter().find(|t| t["attribute"] == *attribute).unwrap();
            text(&t["reference"], reference, &format!("{what}: reference"));
            same(&t["reference_n"], ref_means.len(), &format!("{what}: reference_n"));
            same(&t["reference_rows"], *ref_rows, &format!("{what}: reference_rows"));
            close(&t["reference_mean"], mean(ref_means), &format!("{what}: reference_mean"));
            close(&t["reference_median"], median(ref_means), &format!("{what}: reference_median"));
            close(&t["reference_sum"], *ref_sum, &format!("{what}: reference_sum"));
            same(&t["total_n"], groups.values().map(|g| g.0.len()).sum(), &format!("{what}: total_n"));
            assert_eq!(t["suppressed"].as_array().map(Vec::len), Some(0), "{what}: nothing hidden");
            let shown = t["rows"].as_array().unwrap();
            let others: Vec<_> = groups.iter().filter(|(g, _)| **g != reference).collect();
            assert_eq!(shown.len(), others.len(), "{what}: {shown:?}");
            for (row, (g, (means, n_rows, sum))) in shown.iter().zip(others) {
                let w = format!("{what}: {g}");
                text(&row["group"], g, &w);
                same(&row["n"], means.len(), &format!("{w} n"));
                same(&row["rows"], *n_rows, &format!("{w} rows"));
                close(&row["mean"], mean(means), &format!("{w} mean"));
                close(&row["median"], median(means), &format!("{w} median"));
                close(&row["sum"], *sum, &format!("{w} sum"));
                close(&row["difference"], mean(means) - mean(ref_means), &format!("{w} difference"));
                close(&row["ratio"], mean(means) / mean(ref_means), &format!("{w} ratio"));
                let (t_stat, df, p) = welch(means, ref_means);
                close(&row["welch_t"], t_stat, &format!("{w} welch_t"));
                close(&row["welch_df"], df, &format!("{w} welch_df"));
                close_p(&row["p_value"], p, &format!("{w} p_value"));
                let (u, p_mw) = mann_whitney(means, ref_means);
                close(&row["mann_whitney_u"], u, &format!("{w} mann_whitney_u"));
                close_p(&row["mann_whitney_p"], p_mw, &format!("{w} mann_whitney_p"));
                tests.push((((*name).to_owned(), (*attribute).to_owned(), (*g).to_owned()), p));
            }
        }
    }
    if workers.is_none() {
        return;
    }
    same(&report["correction"]["tests"], tests.len(), "correction.tests");
    let adjusted = holm(&tests.iter().map(|t| t.1).collect::<Vec<_>>());
    for (((measure, attribute, group), _), adj) in tests.iter().zip(adjusted) {
        let m = table(report, "measures", |m| m["measure"] == measure.as_str());
        let t = m["groups"].as_array().unwrap().iter().find(|t| t["attribute"] == attribute.as_str()).unwrap();
        let row = t["rows"].as_array().unwrap().iter().find(|r| r["group"] == group.as_str()).unwrap();
        let what = format!("{measure} by {attribute}: {group}");
        close_p(&row["p_holm"], adj, &format!("{what} p_holm"));
        assert_eq!(row["differs"].as_bool(), Some(adj < 0.05), "{what}: differs");
    }
}

/// The report's linkage of the inputs' workers with the workers file.
#[track_caller]
fn check_linkage(report: &Value, file: &BTreeSet<&str>, events: Option<&BTreeSet<&str>>, measures: Option<&[Measure]>) {
    let l = &report["linkage"];
    same(&l["workers_file"], file.len(), "linkage.workers_file");
    if let Some(events) = events {
        same(&l["events_workers"], events.len(), "linkage.events_workers");
        same(&l["events_workers_not_in_workers_file"], events.difference(file).count(), "linkage: not in the file");
        same(&l["workers_without_events"], file.difference(events).count(), "linkage.workers_without_events");
    }
    if let Some(rows) = measures {
        let unknown = rows.iter().filter(|m| !file.contains(m.worker.as_str())).count();
        same(&l["measures_about_unknown_workers"], unknown, "linkage.measures_about_unknown_workers");
    }
}

/// How the report uses an attribute of the workers file: kept, binned, identifying, …
fn treatment<'a>(report: &'a Value, attribute: &str) -> &'a str {
    table(report, "group_attributes", |a| a["attribute"] == attribute)["treatment"].as_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// The profiles.

#[test]
fn wms_scanner_reads_semicolons_day_month_times_and_empty_units_as_one() {
    let (kind, per_hour) = ("PICK", 45.0);
    let raw = Csv::read("wms-scanner-events.csv", ';');
    let (w, t, k, q) =
        (raw.column("OperatorID"), raw.column("Timestamp"), raw.column("TransactionType"), raw.column("Units"));
    let events: Vec<Event> = raw
        .rows
        .iter()
        .map(|r| Event {
            worker: r[w].clone(),
            ms: dmy_ms(&r[t]),
            kind: r[k].clone(),
            quantity: if r[q].is_empty() { 1.0 } else { number(&r[q]) },
        })
        .collect();
    assert!(raw.values("Units").contains(&""), "the sample has empty units, which the profile counts as 1");
    let cut = shifts(&events, kind);
    assert!(cut.values().flatten().any(|s| s.duration_ms == 0), "the sample has a shift of one event");
    let mut times: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for e in &events {
        times.entry(&e.worker).or_default().push(e.ms);
    }
    let mut gaps = BTreeSet::new();
    for v in times.values_mut() {
        v.sort_unstable();
        gaps.extend(v.windows(2).map(|p| p[1] - p[0]));
    }
    assert!(gaps.contains(&(4 * 3_600_000)), "the sample has a gap of exactly 4 h, within a shift");
    assert!(gaps.contains(&(4 * 3_600_000 + 1000)), "and one of 4 h 1 s, between shifts");

    let workers_raw = Csv::read("wms-scanner-workers.csv", ';');
    let workers = workers_raw.workers("OperatorID", &["Team", "Contract"]);
    let report = audit(&[
        "--profile",
        "wms-scanner",
        "--events",
        &sample("wms-scanner-events.csv"),
        "--workers",
        &sample("wms-scanner-workers.csv"),
        "--target",
        "PICK=45",
    ]);
    let means = check_events(&report, &events, kind, per_hour);
    let file: BTreeSet<&str> = workers.keys().map(String::as_str).collect();
    let with_events: BTreeSet<&str> = events.iter().map(|e| e.worker.as_str()).collect();
    check_linkage(&report, &file, Some(&with_events), None);
    for attribute in ["Contract", "Team"] {
        check_below_target(&report, kind, per_hour, &means, &workers, attribute);
        assert_eq!(treatment(&report, attribute), "kept");
    }
    let badges: BTreeSet<&str> = workers_raw.values("Badge").into_iter().collect();
    assert_eq!(badges.len(), workers.len(), "a badge number per person");
    assert_eq!(treatment(&report, "Badge"), "identifying", "so it makes no groups");
}

#[test]
fn viva_person_query_gives_four_measures_per_person_and_week_and_the_workers_from_the_same_file() {
    let raw = Csv::read("viva-person-query.csv", ',');
    let metrics = ["Collaboration_hours", "After_hours_collaboration_hours", "Meeting_hours", "Email_hours"];
    let (person, date) = (raw.column("PersonId"), raw.column("MetricDate"));
    let mut rows = Vec::new();
    for r in &raw.rows {
        for metric in metrics {
            rows.push(Measure {
                worker: r[person].clone(),
                period: us_date(&r[date]),
                measure: metric.to_owned(),
                value: number(&r[raw.column(metric)]),
            });
        }
    }
    assert!(raw.values("MetricDate").iter().any(|d| int(d.split('/').nth(1).unwrap()) > 12), "US dates, day > 12");
    let attributes = ["FunctionType", "LevelDesignation", "Organization"];
    let mut workers: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for r in &raw.rows {
        let attrs: BTreeMap<String, String> =
            attributes.iter().map(|a| ((*a).to_owned(), r[raw.column(a)].clone())).collect();
        let before = workers.insert(r[person].clone(), attrs.clone());
        assert!(before.is_none_or(|b| b == attrs), "one set of attributes per person in the sample");
    }

    let file = sample("viva-person-query.csv");
    let report = audit(&["--profile", "viva-person-query", "--measures", &file, "--workers", &file]);
    check_measures(&report, &rows, Some(&workers), &attributes);
    let known: BTreeSet<&str> = workers.keys().map(String::as_str).collect();
    check_linkage(&report, &known, None, Some(&rows));
}

#[test]
fn hubstaff_activity_is_the_share_of_tracked_seconds_with_input_per_user_and_day() {
    let raw = Csv::read("hubstaff-activities.csv", ',');
    let (user, date, overall, input) =
        (raw.column("user_id"), raw.column("date"), raw.column("overall"), raw.column("input_tracked"));
    // (user, day) → (seconds active, seconds tracked with input tracking), manual time left out.
    let mut days: BTreeMap<(&str, &str), (f64, f64)> = BTreeMap::new();
    for r in raw.rows.iter().filter(|r| number(&r[input]) > 0.0) {
        let d = days.entry((&r[user], &r[date])).or_default();
        d.0 += number(&r[overall]);
        d.1 += number(&r[input]);
    }
    assert!(raw.values("input_tracked").contains(&"0"), "the sample has manual time, without activity");
    let rows: Vec<Measure> = days
        .iter()
        .map(|((u, d), (active, tracked))| Measure {
            worker: (*u).to_owned(),
            period: (*d).to_owned(),
            measure: "activity_percent".into(),
            value: 100.0 * active / tracked,
        })
        .collect();
    let workers = Csv::read("hubstaff-workers.csv", ',').workers("user_id", &["team", "contract"]);

    let report = audit(&[
        "--profile",
        "hubstaff-activity",
        "--measures",
        &sample("hubstaff-activities.csv"),
        "--workers",
        &sample("hubstaff-workers.csv"),
    ]);
    check_measures(&report, &rows, Some(&workers), &["contract", "team"]);
    let known: BTreeSet<&str> = workers.keys().map(String::as_str).collect();
    assert!(rows.iter().any(|m| !known.contains(m.worker.as_str())), "the sample has users outside the member list");
    check_linkage(&report, &known, None, Some(&rows));
}

#[test]
fn activtrak_activity_log_counts_seconds_of_each_productivity_class() {
    let (kind, per_hour) = ("productive", 900.0);
    let raw = Csv::read("activtrak-activity-log.csv", ',');
    let (user, time, duration, productivity) =
        (raw.column("User"), raw.column("Time"), raw.column("Duration"), raw.column("Productivity"));
    let events: Vec<Event> = raw
        .rows
        .iter()
        .map(|r| {
            let hms: Vec<i64> = r[duration].split(':').map(int).collect();
            Event {
                worker: r[user].clone(),
                ms: iso_ms(&r[time]),
                kind: r[productivity].to_lowercase(),
                quantity: (hms[0] * 3600 + hms[1] * 60 + hms[2]) as f64,
            }
        })
        .collect();
    assert!(raw.values("Title").iter().any(|t| t.contains(',')), "a quoted title with a comma");
    let report = audit(&[
        "--profile",
        "activtrak-activity-log",
        "--events",
        &sample("activtrak-activity-log.csv"),
        "--target",
        "productive=900",
    ]);
    check_events(&report, &events, kind, per_hour);
}

#[test]
fn uber_driver_data_makes_each_trip_an_event_of_its_status() {
    let (kind, per_hour) = ("completed", 1.1);
    let raw = Csv::read("uber-driver-trips.csv", ',');
    let (driver, request, status) = (raw.column("driver"), raw.column("request_timestamp_utc"), raw.column("status"));
    let events: Vec<Event> = raw
        .rows
        .iter()
        .map(|r| Event { worker: r[driver].clone(), ms: iso_ms(&r[request]), kind: r[status].clone(), quantity: 1.0 })
        .collect();
    let statuses: BTreeSet<&str> = raw.values("status").into_iter().collect();
    assert!(statuses.len() >= 3, "completed and cancelled trips: {statuses:?}");
    let report = audit(&[
        "--profile",
        "uber-driver-data",
        "--events",
        &sample("uber-driver-trips.csv"),
        "--target",
        "completed=1.1",
    ]);
    check_events(&report, &events, kind, per_hour);
}

#[test]
fn hr_export_gives_the_listed_attributes_of_each_employee_and_nothing_else() {
    let (kind, per_hour) = ("scan", 40.0);
    let attributes = ["Age", "Department", "EducationField", "Gender", "JobLevel", "JobRole", "MaritalStatus"];
    let raw = Csv::read("hr-export.csv", ',');
    let workers = raw.workers("EmployeeNumber", &attributes);
    // The events are in inzage's own columns: the profile says nothing about them.
    let ev = Csv::read("hr-export-events.csv", ',');
    let (w, t, k, q) = (ev.column("worker"), ev.column("time"), ev.column("kind"), ev.column("quantity"));
    let events: Vec<Event> = ev
        .rows
        .iter()
        .map(|r| Event { worker: r[w].clone(), ms: iso_ms(&r[t]), kind: r[k].clone(), quantity: number(&r[q]) })
        .collect();

    let report = audit(&[
        "--profile",
        "hr-export",
        "--workers",
        &sample("hr-export.csv"),
        "--events",
        &sample("hr-export-events.csv"),
        "--target",
        "scan=40",
    ]);
    let means = check_events(&report, &events, kind, per_hour);
    let file: BTreeSet<&str> = workers.keys().map(String::as_str).collect();
    let with_events: BTreeSet<&str> = events.iter().map(|e| e.worker.as_str()).collect();
    check_linkage(&report, &file, Some(&with_events), None);
    for attribute in ["Department", "Gender"] {
        check_below_target(&report, kind, per_hour, &means, &workers, attribute);
    }
    let listed: BTreeSet<&str> =
        report["group_attributes"].as_array().unwrap().iter().filter_map(|a| a["attribute"].as_str()).collect();
    assert_eq!(listed, attributes.into_iter().collect(), "the profile's attributes, and no other column");
    let ages: BTreeSet<&str> = raw.values("Age").into_iter().collect();
    assert!(ages.len() > 20, "more ages than are grouped by value");
    assert_eq!(treatment(&report, "Age"), "binned");
    assert_eq!(treatment(&report, "Gender"), "kept");
}

#[test]
fn the_six_built_in_profiles_are_listed_shown_as_written_and_have_their_samples() {
    let o = inzage(&["profile", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = String::from_utf8_lossy(&o.stdout);
    for name in BUILT_IN {
        assert!(list.contains(name), "{name} in `inzage profile list`: {list}");
        let file = std::fs::read_to_string(format!("{PROFILES}{name}.toml")).unwrap();
        let o = inzage(&["profile", "show", name]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim_end(), file.trim_end(), "inzage profile show {name}");
        for line in file.lines().filter(|l| l.starts_with("sample = ")) {
            let name = line.trim_start_matches("sample = ").trim_matches('"');
            assert!(std::path::Path::new(&sample(name)).is_file(), "the sample {name}");
        }
    }
}

/// A profile's query nested as deep as SQL parsing allows gives the report the plain query gives,
/// and one nested deeper is refused with the parser's message, exit 2, naming the profile file.
/// DataFusion is compiled at opt-level 0 (`Cargo.toml`): with the worker threads' default 2 MiB
/// of stack, ten nested subqueries crashed the process (a stack overflow) instead.
#[test]
fn a_deeply_nested_profile_query_runs_or_is_refused_never_crashes() {
    let built_in = std::fs::read_to_string(format!("{PROFILES}activtrak-activity-log.toml")).unwrap();
    let start = built_in.find("sql = \"\"\"").unwrap() + "sql = \"\"\"".len();
    let end = start + built_in[start..].find("\"\"\"").unwrap();
    let nested = |depth: usize| {
        let mut query = built_in[start..end].to_owned();
        for level in 0..depth {
            query = format!("SELECT worker, time, kind, quantity FROM ({query}) AS level{level}");
        }
        format!("{}\n{query}\n{}", &built_in[..start], &built_in[end..])
    };
    let dir = tempfile::tempdir().unwrap();
    let events = sample("activtrak-activity-log.csv");
    let plain = audit(&["--profile", "activtrak-activity-log", "--events", &events]);
    let deep = dir.path().join("deep.toml");
    std::fs::write(&deep, nested(20)).unwrap();
    assert_eq!(audit(&["--profile", deep.to_str().unwrap(), "--events", &events]), plain);
    let too_deep = dir.path().join("too-deep.toml");
    std::fs::write(&too_deep, nested(30)).unwrap();
    let o = inzage(&["audit", "--profile", too_deep.to_str().unwrap(), "--events", &events]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("too-deep.toml") && stderr(&o).contains("RecursionLimitExceeded"), "{}", stderr(&o));
}
