//! Measures per worker and period (`docs/audit-definitions.md`, "Measures"): each measure's
//! distribution, its attainment where the file gives targets, and per group the mean, median
//! and sum with Welch's t and the Mann–Whitney U test against the reference group. A group is
//! compared by its workers' own means (one value per worker), so that a worker with many
//! periods does not count as many workers.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::stats;

/// Quartiles and mean of a set of values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub n: u64,
    pub mean: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

fn spread(values: &[f64]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(Spread {
        n: values.len() as u64,
        mean: values.iter().sum::<f64>() / values.len() as f64,
        q1: stats::quantile(&sorted, 0.25)?,
        median: stats::quantile(&sorted, 0.5)?,
        q3: stats::quantile(&sorted, 0.75)?,
    })
}

/// Attainment of one period: rows with a target, and those whose value reached it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodAttainment {
    pub period: String,
    pub rows: u64,
    pub meeting: u64,
    pub share: f64,
}

/// How often the value reached the row's target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attainment {
    /// Rows with a target in the periods shown, and those that reached it (value ≥ target).
    pub rows: u64,
    pub meeting: u64,
    pub share: Option<f64>,
    /// Per period, in order; periods with rows of fewer than `min_group` workers are left out,
    /// and so are their rows from `rows` and `meeting`.
    pub periods: Vec<PeriodAttainment>,
    pub periods_hidden: u64,
    pub rows_in_hidden_periods: u64,
}

/// One group of one attribute, against the reference group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureGroupRow {
    pub group: String,
    /// Workers in the group (each compared by their own mean).
    pub n: u64,
    /// Their rows.
    pub rows: u64,
    /// Mean and median of the workers' means; sum of the rows' values.
    pub mean: f64,
    pub median: f64,
    pub sum: f64,
    /// `mean` over the reference's mean (none when that is 0).
    pub ratio: Option<f64>,
    /// `mean` minus the reference's mean.
    pub difference: f64,
    /// Welch's t-test against the reference (none with fewer than 2 workers on a side or no spread).
    pub welch_t: Option<f64>,
    pub welch_df: Option<f64>,
    /// Welch's two-sided p, uncorrected.
    pub p_value: Option<f64>,
    /// The Mann–Whitney U of the group against the reference, and its two-sided p.
    pub mann_whitney_u: Option<f64>,
    pub mann_whitney_p: Option<f64>,
    /// `p_value` after Holm's correction over every test in the report.
    pub p_holm: Option<f64>,
    /// The difference is significant after the correction (`p_holm` < 0.05).
    pub differs: bool,
}

/// One measure compared across the groups of one attribute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureGroupTable {
    pub measure: String,
    pub attribute: String,
    pub reference: Option<String>,
    pub reference_n: Option<u64>,
    pub reference_rows: Option<u64>,
    pub reference_mean: Option<f64>,
    pub reference_median: Option<f64>,
    pub reference_sum: Option<f64>,
    pub rows: Vec<MeasureGroupRow>,
    /// Groups not shown (under `min_group`, or hidden so they cannot be worked out).
    pub suppressed: Vec<String>,
    pub suppressed_count: Option<u64>,
    /// Workers compared: those of the workers file (and population) with this measure.
    pub total_n: u64,
}

/// What the audit says about one measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureSummary {
    pub measure: String,
    pub rows: u64,
    pub workers: u64,
    pub periods: u64,
    pub first_period: Option<String>,
    pub last_period: Option<String>,
    /// The rows' values, and the workers' means; none with fewer than `min_group` workers.
    pub values: Option<Spread>,
    pub worker_means: Option<Spread>,
    pub attainment: Option<Attainment>,
    pub groups: Vec<MeasureGroupTable>,
}

/// The grouping of the workers file the measures are compared by.
pub(crate) struct Groups<'a> {
    /// Worker id → their index in `rows`.
    pub index: BTreeMap<&'a str, usize>,
    /// The attributes' names, and each worker's group in each.
    pub attributes: &'a [String],
    pub rows: &'a [Vec<String>],
    /// The reference group asked for, per attribute name.
    pub reference: &'a [(String, String)],
    /// Per attribute, the groups the whole population's own table hides: hidden here too, so
    /// that a table over fewer workers never shows what the population's hides.
    pub hidden: Vec<BTreeSet<String>>,
}

pub(crate) fn summarise(measures: &[domain::Measure], groups: Option<&Groups>, min_group: u64) -> Vec<MeasureSummary> {
    let names: BTreeSet<&str> = measures.iter().map(|m| m.measure.as_str()).collect();
    names
        .into_iter()
        .map(|name| {
            let rows: Vec<&domain::Measure> = measures.iter().filter(|m| m.measure == name).collect();
            let periods: BTreeSet<&str> = rows.iter().map(|m| m.period.as_str()).collect();
            let mut per_worker: BTreeMap<&str, (f64, u64)> = BTreeMap::new();
            for m in &rows {
                let e = per_worker.entry(m.worker.as_str()).or_default();
                e.0 += m.value;
                e.1 += 1;
            }
            let open = per_worker.len() as u64 >= min_group;
            let values: Vec<f64> = rows.iter().map(|m| m.value).collect();
            let means: Vec<f64> = per_worker.values().map(|(s, n)| s / *n as f64).collect();
            MeasureSummary {
                measure: name.to_owned(),
                rows: rows.len() as u64,
                workers: per_worker.len() as u64,
                periods: periods.len() as u64,
                first_period: periods.first().map(|p| (*p).to_owned()),
                last_period: periods.last().map(|p| (*p).to_owned()),
                values: if open { spread(&values) } else { None },
                worker_means: if open { spread(&means) } else { None },
                attainment: if open { attainment(&rows, min_group) } else { None },
                groups: groups.map(|g| group_tables(name, &rows, g, min_group)).unwrap_or_default(),
            }
        })
        .collect()
}

fn attainment(rows: &[&domain::Measure], min_group: u64) -> Option<Attainment> {
    // period → (rows, meeting, workers)
    let mut per_period: BTreeMap<&str, (u64, u64, BTreeSet<&str>)> = BTreeMap::new();
    for m in rows {
        if let Some(t) = m.target {
            let e = per_period.entry(m.period.as_str()).or_default();
            e.0 += 1;
            e.1 += u64::from(m.value >= t);
            e.2.insert(m.worker.as_str());
        }
    }
    if per_period.is_empty() {
        return None;
    }
    let mut out = Attainment {
        rows: 0,
        meeting: 0,
        share: None,
        periods: Vec::new(),
        periods_hidden: 0,
        rows_in_hidden_periods: 0,
    };
    for (period, (n, meeting, workers)) in per_period {
        // Counted in workers, not rows: one worker's 24 hourly rows are still one person.
        if (workers.len() as u64) < min_group {
            out.periods_hidden += 1;
            out.rows_in_hidden_periods += n;
            continue;
        }
        out.rows += n;
        out.meeting += meeting;
        out.periods.push(PeriodAttainment {
            period: period.to_owned(),
            rows: n,
            meeting,
            share: meeting as f64 / n as f64,
        });
    }
    out.share = (out.rows > 0).then(|| out.meeting as f64 / out.rows as f64);
    Some(out)
}

/// One measure's tables: per compared attribute, the groups the workforce's own table of these
/// workers may show (`disclosure::workforce`: at least `min_group`, and never one that the
/// others and the total would give away; a sum hides like a count).
fn group_tables(name: &str, rows: &[&domain::Measure], g: &Groups, min_group: u64) -> Vec<MeasureGroupTable> {
    // Per worker of the workers file: their mean, their rows, their sum.
    let mut per_worker: BTreeMap<usize, (f64, u64)> = BTreeMap::new();
    for m in rows {
        if let Some(&i) = g.index.get(m.worker.as_str()) {
            let e = per_worker.entry(i).or_default();
            e.0 += m.value;
            e.1 += 1;
        }
    }
    let members: Vec<usize> = per_worker.keys().copied().collect();
    let sub_rows: Vec<Vec<String>> = members.iter().map(|&i| g.rows[i].clone()).collect();
    let tables = disclosure::workforce(g.attributes.len(), &sub_rows, min_group);
    (0..g.attributes.len())
        .map(|a| {
            let table = &tables[a];
            let attribute = &g.attributes[a];
            // group → (worker means, rows, sum)
            let mut by_group: BTreeMap<&str, (Vec<f64>, u64, f64)> = BTreeMap::new();
            for (k, &i) in members.iter().enumerate() {
                let (sum, n) = per_worker[&i];
                let e = by_group.entry(sub_rows[k][a].as_str()).or_default();
                e.0.push(sum / n as f64);
                e.1 += n;
                e.2 += sum;
            }
            let shown: Vec<&str> =
                table.shown.keys().map(|k| k[0].as_str()).filter(|k| !g.hidden[a].contains(*k)).collect();
            let mut suppressed: Vec<String> = table.named.iter().map(|k| k.join("+")).collect();
            suppressed.extend(table.shown.keys().map(|k| k[0].clone()).filter(|k| g.hidden[a].contains(k)));
            suppressed.sort();
            let wanted = g.reference.iter().find(|(at, _)| at == attribute).map(|(_, v)| v.as_str());
            let reference =
                crate::report::pick_reference(shown.iter().map(|s| (*s, by_group[s].0.len() as u64)), wanted);
            let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            let median = |v: &[f64]| stats::median(&mut v.to_vec()).unwrap_or(f64::NAN);
            let reference_values = reference.map(|r| &by_group[r]);
            let rows_out = match reference_values {
                None => Vec::new(),
                Some((ref_means, _, _)) => {
                    let ref_mean = mean(ref_means);
                    shown
                        .iter()
                        .filter(|s| Some(**s) != reference)
                        .map(|s| {
                            let (means, n_rows, sum) = &by_group[s];
                            let m = mean(means);
                            let welch = stats::welch_t_test(means, ref_means);
                            let mw = stats::mann_whitney_u(means, ref_means);
                            MeasureGroupRow {
                                group: (*s).to_owned(),
                                n: means.len() as u64,
                                rows: *n_rows,
                                mean: m,
                                median: median(means),
                                sum: *sum,
                                ratio: (ref_mean != 0.0).then(|| m / ref_mean),
                                difference: m - ref_mean,
                                welch_t: welch.map(|w| w.0),
                                welch_df: welch.map(|w| w.1),
                                p_value: welch.map(|w| w.2),
                                mann_whitney_u: mw.map(|m| m.0),
                                mann_whitney_p: mw.map(|m| m.1),
                                p_holm: None,
                                differs: false,
                            }
                        })
                        .collect()
                }
            };
            MeasureGroupTable {
                measure: name.to_owned(),
                attribute: attribute.clone(),
                reference: reference.map(str::to_owned),
                reference_n: reference_values.map(|v| v.0.len() as u64),
                reference_rows: reference_values.map(|v| v.1),
                reference_mean: reference_values.map(|v| mean(&v.0)),
                reference_median: reference_values.map(|v| median(&v.0)),
                reference_sum: reference_values.map(|v| v.2),
                rows: rows_out,
                suppressed_count: table.hidden.map(|_| suppressed.len() as u64),
                suppressed,
                total_n: members.len() as u64,
            }
        })
        .collect()
}
