//! Attributes made safe to group by: identifying columns left out, numbers with many values
//! binned.

use std::collections::BTreeSet;

use serde::Serialize;

/// An attribute with more distinct values than this is never grouped by value: a number is
/// binned, anything else is left out.
pub const MAX_DISTINCT: usize = 20;

/// The number of bins for a number: quintiles.
const BINS: usize = 5;

/// How an attribute is used for groups.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Grouped by its values as they are.
    Kept,
    /// A number grouped in ranges ([`Bin`]).
    Binned,
    /// Nearly every worker has a value of their own (a name, a staff number): grouping by it
    /// would show one person per group.
    Identifying,
    /// More than [`MAX_DISTINCT`] values that are not numbers.
    TooManyValues,
}

/// A range of a binned number: `from ≤ x < to`, either end open.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub label: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// An attribute as it is used for groups.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prepared {
    pub attribute: String,
    /// Distinct values before binning (an empty value, "unknown", not counted).
    pub distinct: usize,
    pub treatment: Treatment,
    pub bins: Vec<Bin>,
    /// Each worker's group, in the order of the values given; empty when the attribute is left out.
    #[serde(skip)]
    pub values: Vec<String>,
}

impl Prepared {
    /// Whether the attribute makes groups.
    pub fn used(&self) -> bool {
        matches!(self.treatment, Treatment::Kept | Treatment::Binned)
    }
}

/// A workforce's attributes, prepared for grouping: how each is used, and each worker's groups
/// in the attributes that make groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Grouping {
    /// Every attribute, by name, with how it is used.
    pub prepared: Vec<Prepared>,
    /// The names of the attributes that make groups, in order.
    pub used: Vec<String>,
    /// `rows[worker][i]`: the worker's group in `used[i]` (empty for unknown).
    pub rows: Vec<Vec<String>>,
}

impl Grouping {
    /// Prepares every attribute of the workers' `attributes` except `under_18` (which only the
    /// break rule reads).
    pub fn of(attributes: &[&std::collections::BTreeMap<String, String>]) -> Grouping {
        let names: BTreeSet<&str> =
            attributes.iter().flat_map(|a| a.keys().map(String::as_str)).filter(|a| *a != "under_18").collect();
        let prepared: Vec<Prepared> = names
            .iter()
            .map(|name| {
                let values: Vec<&str> = attributes.iter().map(|a| a.get(*name).map_or("", String::as_str)).collect();
                prepare(name, &values)
            })
            .collect();
        let used: Vec<&Prepared> = prepared.iter().filter(|p| p.used()).collect();
        let rows = (0..attributes.len()).map(|i| used.iter().map(|p| p.values[i].clone()).collect()).collect();
        let used = used.iter().map(|p| p.attribute.clone()).collect();
        Grouping { prepared, used, rows }
    }
}

/// Whether an attribute identifies people: more than half the workers with a value have one of
/// their own (a name, a staff number). Empty values are not counted.
pub fn identifying(values: &[&str]) -> bool {
    let present: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for v in &present {
        *seen.entry(v).or_default() += 1;
    }
    let unique = seen.values().filter(|&&c| c == 1).count();
    present.len() >= 2 && 2 * unique > present.len()
}

/// Decides how `attribute` is grouped by, from every worker's value (empty for none).
///
/// An attribute is *identifying* when more than half of the workers who have a value have a
/// value no one else has — except a number, which is binned instead. A number (every value
/// parses as one) with more than [`MAX_DISTINCT`] values, or identifying, is cut at its
/// quintiles, each rounded to the attribute's scale (a tenth of the power of ten below its
/// range; 1 for whole numbers at least). Anything else with more than [`MAX_DISTINCT`] values
/// is left out.
pub fn prepare(attribute: &str, values: &[&str]) -> Prepared {
    let present: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let distinct: BTreeSet<&str> = present.iter().copied().collect();
    let identifying = identifying(values);
    let numbers: Option<Vec<f64>> = present.iter().map(|v| v.parse::<f64>().ok().filter(|x| x.is_finite())).collect();
    let wide = distinct.len() > MAX_DISTINCT;
    let left_out = |treatment| Prepared {
        attribute: attribute.to_owned(),
        distinct: distinct.len(),
        treatment,
        bins: Vec::new(),
        values: Vec::new(),
    };
    match numbers {
        Some(numbers) if (wide || identifying) && !numbers.is_empty() => {
            let bins = bins(numbers);
            let values = values
                .iter()
                .map(|v| match v.trim().parse::<f64>() {
                    Ok(x) => {
                        bins.iter().find(|b| b.to.is_none_or(|to| x < to)).map(|b| b.label.clone()).unwrap_or_default()
                    }
                    Err(_) => String::new(),
                })
                .collect();
            Prepared {
                attribute: attribute.to_owned(),
                distinct: distinct.len(),
                treatment: Treatment::Binned,
                bins,
                values,
            }
        }
        _ if identifying => left_out(Treatment::Identifying),
        _ if wide => left_out(Treatment::TooManyValues),
        _ => Prepared {
            attribute: attribute.to_owned(),
            distinct: distinct.len(),
            treatment: Treatment::Kept,
            bins: Vec::new(),
            values: values.iter().map(|v| v.trim().to_owned()).collect(),
        },
    }
}

/// Quintile bins of `numbers`, their edges rounded to the numbers' scale.
fn bins(mut numbers: Vec<f64>) -> Vec<Bin> {
    numbers.sort_by(f64::total_cmp);
    let (min, max) = (numbers[0], numbers[numbers.len() - 1]);
    let whole = numbers.iter().all(|x| x.fract() == 0.0);
    let mut step = if max > min { 10f64.powf((max - min).log10().floor() - 1.0) } else { 1.0 };
    if whole {
        step = step.max(1.0).round();
    }
    let mut edges: Vec<f64> = Vec::new();
    for i in 1..BINS {
        // Nearest rank: the smallest value with at least i/BINS of the values at or below it.
        let rank = (i * numbers.len()).div_ceil(BINS).max(1) - 1;
        let edge = round_to(numbers[rank], step);
        if edge > min && edge <= max && edges.last().is_none_or(|&last| edge > last) {
            edges.push(edge);
        }
    }
    let mut bins = Vec::new();
    let mut from: Option<f64> = None;
    for to in edges.iter().copied().map(Some).chain([None]) {
        let label = match (from, to) {
            (None, Some(t)) => format!("< {}", show(t)),
            (Some(f), Some(t)) => format!("{} – {}", show(f), show(t)),
            (Some(f), None) => format!("≥ {}", show(f)),
            (None, None) => "all".to_owned(),
        };
        bins.push(Bin { label, from, to });
        from = to;
    }
    bins
}

fn round_to(x: f64, step: f64) -> f64 {
    let r = (x / step).round() * step;
    // Keep the decimals of the step, so 0.30000000000000004 prints as 0.3.
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let scale = 10f64.powi(decimals);
    (r * scale).round() / scale
}

fn show(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_with_few_values_is_kept() {
        let values = ["f", "m", "f", "x", "m", "f"];
        let p = prepare("gender", &values);
        assert_eq!(p.treatment, Treatment::Kept);
        assert_eq!(p.values, values);
    }

    #[test]
    fn a_name_per_worker_is_left_out_as_identifying() {
        let names: Vec<String> = (0..30).map(|i| format!("person {i}")).collect();
        let values: Vec<&str> = names.iter().map(String::as_str).collect();
        let p = prepare("name", &values);
        assert_eq!(p.treatment, Treatment::Identifying);
        assert!(!p.used() && p.values.is_empty());
    }

    #[test]
    fn many_repeated_words_are_left_out_as_too_many_values() {
        let words: Vec<String> = (0..200).map(|i| format!("dept {}", i % 40)).collect();
        let values: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(prepare("department", &values).treatment, Treatment::TooManyValues);
    }

    #[test]
    fn an_income_is_cut_at_its_quintiles_rounded_to_its_scale() {
        // 1,000 … 10,990 in steps of 10: quintile edges near 3,000, 5,000, 7,000, 9,000.
        let incomes: Vec<String> = (0..1000).map(|i| (1000 + 10 * i).to_string()).collect();
        let values: Vec<&str> = incomes.iter().map(String::as_str).collect();
        let p = prepare("monthly_income", &values);
        assert_eq!(p.treatment, Treatment::Binned);
        let labels: Vec<&str> = p.bins.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["< 3000", "3000 – 5000", "5000 – 7000", "7000 – 9000", "≥ 9000"]);
        // Each worker in the bin that holds them; each bin about a fifth of the workers.
        assert_eq!(p.values[0], "< 3000");
        assert_eq!(p.values[200], "3000 – 5000");
        assert_eq!(p.values[999], "≥ 9000");
        for b in &p.bins {
            let n = p.values.iter().filter(|v| **v == b.label).count();
            assert!((150..=250).contains(&n), "{}: {n}", b.label);
        }
    }

    #[test]
    fn an_age_per_person_in_a_small_team_is_binned_not_shown() {
        let ages = ["23", "27", "31", "35", "44", "52", "61", "38"];
        let p = prepare("age", &ages);
        assert_eq!(p.treatment, Treatment::Binned);
        assert!(p.bins.len() >= 2);
        assert!(p.values.iter().all(|v| !ages.contains(&v.as_str())));
    }

    #[test]
    fn a_grouping_leaves_out_under_18_and_identifying_columns_and_keeps_order() {
        let workers: Vec<std::collections::BTreeMap<String, String>> = (0..30)
            .map(|i| {
                [
                    ("team", if i % 2 == 0 { "a" } else { "b" }.to_owned()),
                    ("name", format!("p{i}")),
                    ("under_18", "no".into()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect()
            })
            .collect();
        let g = Grouping::of(&workers.iter().collect::<Vec<_>>());
        let names: Vec<&str> = g.prepared.iter().map(|p| p.attribute.as_str()).collect();
        assert_eq!(names, ["name", "team"], "under_18 is the break rule's, not a group");
        assert_eq!(g.prepared[0].treatment, Treatment::Identifying);
        assert_eq!(g.used, ["team"]);
        assert_eq!(
            (g.rows.len(), g.rows[0].as_slice(), g.rows[1].as_slice()),
            (30, &["a".to_owned()][..], &["b".to_owned()][..])
        );
    }

    #[test]
    fn a_missing_value_stays_unknown() {
        let incomes: Vec<String> =
            (0..100).map(|i| if i == 5 { String::new() } else { (i * 37).to_string() }).collect();
        let values: Vec<&str> = incomes.iter().map(String::as_str).collect();
        let p = prepare("income", &values);
        assert_eq!(p.treatment, Treatment::Binned);
        assert_eq!(p.values[5], "");
    }
}
