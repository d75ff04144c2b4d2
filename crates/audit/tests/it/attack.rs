//! The attacker (`crates/attacker`) against the audit's own report: every group figure the
//! report releases is read back from its JSON, and the attacker tries to work out each hidden
//! group from those figures alone (subtraction along every margin, linear algebra, linear
//! programming). The truth it is checked against comes from the oracle (`oracle::outcomes`), not
//! from the engine.

use std::collections::{BTreeMap, BTreeSet};

use attacker::{EFFORT, Workforce, leaks, naive, primary, withheld};
use disclosure::{Cell, Outcome, Release, Table};
use serde_json::Value;

use crate::oracle;

/// The figures a report releases, in the shape the attacker reads: per outcome (in `outcomes`'
/// order) each attribute's table, then each pair's, as `attacker::splits` orders them.
///
/// A pair's group is its two values joined by `+`, and a value may hold a `+` itself (`55+`), so
/// the key is split where both parts are values of their attributes (`values[a]`), which must be
/// in exactly one place.
fn released(
    report: &Value,
    attributes: &[String],
    values: &[BTreeSet<String>],
    outcomes: &[String],
    min_group: u64,
) -> Release {
    let tables: BTreeMap<(&str, &str), &Value> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| ((g["outcome"].as_str().unwrap(), g["attribute"].as_str().unwrap()), g))
        .collect();
    let parts = |key: &str, split: &[usize]| -> Vec<String> {
        if let [a] = split {
            assert!(values[*a].contains(key), "{key:?} is no value of {}", attributes[*a]);
            return vec![key.to_owned()];
        }
        let (a, b) = (split[0], split[1]);
        let cuts: Vec<Vec<String>> = key
            .match_indices('+')
            .map(|(i, _)| vec![key[..i].to_owned(), key[i + 1..].to_owned()])
            .filter(|p| values[a].contains(&p[0]) && values[b].contains(&p[1]))
            .collect();
        assert_eq!(
            cuts.len(),
            1,
            "{key:?} does not split into one value of {} and one of {}",
            attributes[a],
            attributes[b]
        );
        cuts.into_iter().next().unwrap()
    };
    let tables = outcomes
        .iter()
        .map(|outcome| {
            attacker::splits(attributes.len())
                .into_iter()
                .map(|split| {
                    let name: Vec<&str> = split.iter().map(|&a| attributes[a].as_str()).collect();
                    let g = tables[&(outcome.as_str(), name.join("+").as_str())];
                    let mut shown = BTreeMap::new();
                    if let Some(reference) = g["reference"].as_str() {
                        let cell = Cell {
                            n: g["reference_n"].as_u64().unwrap(),
                            positives: g["reference_positives"].as_u64().unwrap(),
                        };
                        shown.insert(parts(reference, &split), cell);
                    }
                    for row in g["rows"].as_array().unwrap() {
                        let cell =
                            Cell { n: row["n"].as_u64().unwrap(), positives: row["positives"].as_u64().unwrap() };
                        shown.insert(parts(row["group"].as_str().unwrap(), &split), cell);
                    }
                    Table {
                        total: Cell {
                            n: g["total_n"].as_u64().unwrap(),
                            positives: g["total_positives"].as_u64().unwrap(),
                        },
                        named: g["suppressed"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|s| parts(s.as_str().unwrap(), &split))
                            .collect(),
                        hidden: g["suppressed_count"].as_u64(),
                        attributes: split,
                        shown,
                    }
                })
                .collect()
        })
        .collect();
    Release { min_group, tables }
}

/// The workforce as it truly is: each worker's group in every attribute the report groups by
/// (a binned number by its bin), and each outcome's members, from the oracle.
fn truth(report: &Value, workers: &[oracle::WorkerRow], outcomes: &[oracle::Outcome], min_group: u64) -> Workforce {
    let used: Vec<(String, disclosure::Prepared)> = report["group_attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| matches!(a["treatment"].as_str(), Some("kept" | "binned")))
        .map(|a| {
            let name = a["attribute"].as_str().unwrap().to_owned();
            let values: Vec<&str> =
                workers.iter().map(|w| w.attributes.get(&name).map_or("", String::as_str)).collect();
            let prepared = disclosure::prepare(&name, &values);
            (name, prepared)
        })
        .collect();
    let rows: Vec<Vec<String>> =
        (0..workers.len()).map(|i| used.iter().map(|(_, p)| p.values[i].clone()).collect()).collect();
    let index: BTreeMap<&str, usize> = workers.iter().enumerate().map(|(i, w)| (w.worker.as_str(), i)).collect();
    let outcomes = outcomes
        .iter()
        .map(|(_, population)| {
            let (members, positive) = population.iter().map(|(row, p)| (index[row.worker.as_str()], *p)).unzip();
            Outcome { members, positive }
        })
        .collect();
    Workforce { attributes: used.len(), rows, outcomes, min_group }
}

/// The demo organisation's workforce (200 workers, the demo's seed) over a few days, audited with
/// the portal's minimum group of 10: no shown group is under 10 or untrue, nothing but the totals
/// of an outcome too rare to compare is shown, and no attack pins any hidden group's size or
/// positives. A release that only hid the groups under 10 would give some of them away.
#[test]
fn the_attacker_finds_no_hidden_group_in_the_demo_organisations_report() {
    let g = crate::generated(200, 4);
    let mut params = audit::Params::new(g.summary.events.clone(), vec![("scan".into(), 854.0)]);
    params.workers = Some(g.summary.workers.clone());
    params.decisions = Some(g.summary.decisions.clone());
    params.min_group = 10;
    params.resamples = 20;
    let report = serde_json::to_value(crate::run(&params).unwrap()).unwrap();

    let events = crate::read_parquet_events(&g.summary.events);
    let workers = crate::oracle_workers(&g.summary.workers);
    let decisions = crate::oracle_decisions(&g.summary.decisions);
    let outcomes = oracle::outcomes(&events, &workers, Some(&decisions), &crate::oracle_params(&params));
    let names: Vec<String> = outcomes.iter().map(|(name, _)| name.clone()).collect();
    assert!(names.len() >= 2, "decisions and the norm make outcomes: {names:?}");

    let w = truth(&report, &workers, &outcomes, 10);
    let attributes: Vec<String> = report["group_attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| matches!(a["treatment"].as_str(), Some("kept" | "binned")))
        .map(|a| a["attribute"].as_str().unwrap().to_owned())
        .collect();
    assert!(attributes.len() >= 2, "pair tables are attacked too: {attributes:?}");
    let values: Vec<BTreeSet<String>> =
        (0..w.attributes).map(|a| w.rows.iter().map(|row| row[a].clone()).collect()).collect();
    let r = released(&report, &attributes, &values, &names, 10);

    assert_eq!(primary(&w, &r), Vec::<String>::new());
    assert_eq!(withheld(&w, &r), Vec::<String>::new());
    assert_eq!(leaks(&w, &r, EFFORT), Vec::<String>::new());
    // Not vacuous: the workforce has small groups, which a careless release gives away.
    let hidden: usize = r.tables.iter().flatten().map(|t| t.named.len()).sum();
    assert!(hidden > 0, "the report hides groups");
    let careless = leaks(&w, &naive(&w), EFFORT);
    assert!(!careless.is_empty(), "a release that only hides groups under 10 leaks");
    let shown: usize = r.tables.iter().flatten().map(|t| t.shown.len()).sum();
    println!(
        "demo workforce: {} outcomes, {} tables, {shown} groups shown, {hidden} named as hidden in attribute tables; \
         the attacker pins none of them, and {} figures of a release that only hides groups under 10",
        names.len(),
        r.tables.iter().map(Vec::len).sum::<usize>(),
        careless.len()
    );
}
