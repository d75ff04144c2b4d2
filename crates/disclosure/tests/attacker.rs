//! The attacker (`crates/attacker`) against [`disclosure::release`]: on hand-made cases (the
//! issue's attacks and every leak class the attacker found and the protector now closes), on
//! random workforces with many small groups, and on a binned numeric attribute. A naive release
//! shows that the attacker is not vacuous: it recovers each small group a careless tool gives away.

use attacker::*;
use disclosure::{Cell, Outcome, Release, Table, Treatment, prepare};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Building workforces.

/// An outcome over every worker: positive where `positive(worker)` holds.
fn everyone(rows: usize, positive: impl Fn(usize) -> bool) -> Outcome {
    Outcome { members: (0..rows).collect(), positive: (0..rows).map(positive).collect() }
}

/// A random workforce: each attribute's values skewed (value `k` about `ratio^k` as frequent),
/// some attributes following the one before, outcomes over everyone or over a subset.
#[derive(Clone, Debug)]
struct Spec {
    workers: usize,
    /// Per attribute: number of values, skew ratio in percent, chance in per mille of copying the
    /// previous attribute's value.
    attributes: Vec<(usize, u32, u32)>,
    /// Per outcome: the share of workers it is about (per mille; `None`: everyone), its rate (per
    /// mille) and how far the rate leans by the first attribute's value.
    outcomes: Vec<(Option<u32>, u32, u32)>,
    min_group: u64,
    seed: u64,
}

/// An outcome's rate: often extreme, where positives are few (and the outcome often closed) or
/// shown groups uniform, but mostly in between, where an open outcome has room to leak.
fn rate() -> impl Strategy<Value = u32> {
    prop_oneof![1 => Just(0u32), 1 => Just(1000u32), 2 => 1u32..=40, 4 => 40u32..=960, 2 => 960u32..=999]
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        20usize..=400,
        prop::collection::vec((2usize..=8, 20u32..=90, 0u32..=600), 2..=5),
        prop::collection::vec((prop::option::weighted(0.5, 150u32..=900), rate(), 0u32..=400), 1..=3),
        prop_oneof![Just(5u64), Just(10u64)],
        any::<u64>(),
    )
        .prop_map(|(workers, attributes, outcomes, min_group, seed)| Spec {
            workers,
            attributes,
            outcomes,
            min_group,
            seed,
        })
}

fn workforce(spec: &Spec) -> Workforce {
    let mut rng = Rng(spec.seed);
    let names = ["dept", "role", "site", "shift", "contract"];
    let mut indices: Vec<Vec<usize>> = vec![Vec::new(); spec.workers];
    for (a, &(values, ratio, copy)) in spec.attributes.iter().enumerate() {
        let weights: Vec<f64> = (0..values).map(|k| (f64::from(ratio) / 100.0).powi(k as i32)).collect();
        let sum: f64 = weights.iter().sum();
        for row in indices.iter_mut() {
            let index = if a > 0 && rng.chance(copy) {
                row[a - 1] % values
            } else {
                let mut draw = (rng.draw() % 1_000_000) as f64 / 1_000_000.0 * sum;
                weights
                    .iter()
                    .position(|&wt| {
                        draw -= wt;
                        draw < 0.0
                    })
                    .unwrap_or(values - 1)
            };
            row.push(index);
        }
    }
    let rows: Vec<Vec<String>> =
        indices.iter().map(|row| row.iter().enumerate().map(|(a, &k)| format!("{}{k}", names[a])).collect()).collect();
    let outcomes = spec
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, &(share, rate, lean))| {
            let members: Vec<usize> = match share {
                Some(share) if i > 0 => (0..spec.workers).filter(|_| rng.chance(share)).collect(),
                _ => (0..spec.workers).collect(),
            };
            let values = spec.attributes[0].0;
            let offsets: Vec<i64> = (0..values)
                .map(|_| {
                    if rate == 0 || rate == 1000 {
                        0
                    } else {
                        (rng.draw() % (2 * u64::from(lean) + 1)) as i64 - i64::from(lean)
                    }
                })
                .collect();
            let positive = members
                .iter()
                .map(|&m| {
                    let p = (i64::from(rate) + offsets[indices[m][0]]).clamp(0, 1000) as u32;
                    rng.chance(p)
                })
                .collect();
            Outcome { members, positive }
        })
        .collect();
    Workforce { attributes: spec.attributes.len(), rows, outcomes, min_group: spec.min_group }
}

// ---------------------------------------------------------------------------------------------
// The issue's attacks, by hand.

/// `count` workers per entry, with `positives` of them positive.
fn workers(groups: &[(&[&str], usize, usize)]) -> (Vec<Vec<String>>, Vec<bool>) {
    let mut rows = Vec::new();
    let mut positive = Vec::new();
    for &(values, count, positives) in groups {
        for i in 0..count {
            rows.push(values.iter().map(|v| (*v).to_owned()).collect());
            positive.push(i < positives);
        }
    }
    (rows, positive)
}

/// A workforce of one outcome over everyone.
fn one_outcome(attributes: usize, groups: &[(&[&str], usize, usize)]) -> Workforce {
    let (rows, positive) = workers(groups);
    let outcomes = vec![Outcome { members: (0..rows.len()).collect(), positive }];
    Workforce { attributes, rows, outcomes, min_group: 5 }
}

/// One department of 3 among big ones: the total less the shown departments is the 3.
fn one_small_group() -> Workforce {
    one_outcome(1, &[(&["sales"], 20, 5), (&["care"], 30, 6), (&["board"], 3, 1)])
}

/// The board (3) is hidden and care (12) with it, but if the pair table showed care's day and
/// night shifts (6 and 6), their sum would give care back, and the total less sales and care the
/// board.
fn a_hidden_margin_from_row_sums() -> Workforce {
    one_outcome(
        2,
        &[
            (&["sales", "day"], 15, 3),
            (&["sales", "night"], 15, 4),
            (&["care", "day"], 6, 2),
            (&["care", "night"], 6, 1),
            (&["board", "day"], 3, 1),
        ],
    )
}

/// Every department and shift big, but the lab's night shift is 2: the lab's row less its day
/// shift gives the 2 back.
fn a_cell_from_its_row() -> Workforce {
    one_outcome(
        2,
        &[
            (&["sales", "day"], 12, 3),
            (&["sales", "night"], 11, 2),
            (&["care", "day"], 14, 5),
            (&["care", "night"], 13, 4),
            (&["lab", "day"], 15, 3),
            (&["lab", "night"], 2, 1),
        ],
    )
}

/// Two departments of one worker each: together 2, and each has at least one.
fn two_of_one() -> Workforce {
    one_outcome(1, &[(&["sales"], 20, 4), (&["care"], 30, 6), (&["board"], 1, 0), (&["audit"], 1, 1)])
}

/// Two small departments with no positives while the big ones have them all: the positives of
/// the hidden ones add up to 0, so each is 0.
fn positives_from_the_margin() -> Workforce {
    one_outcome(1, &[(&["sales"], 20, 4), (&["care"], 30, 6), (&["board"], 3, 0), (&["audit"], 4, 0)])
}

/// A 4 × 4 pair table whose small cells form two cycles joined by one cell: no row or column has
/// a single hidden cell, so subtraction finds nothing, but the rows of the first cycle less its
/// columns leave the joining cell alone.
fn a_bridge() -> Workforce {
    let small = [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)];
    let names: Vec<[String; 2]> = (0..16).map(|i| [format!("dept{}", i / 4), format!("site{}", i % 4)]).collect();
    let refs: Vec<[&str; 2]> = names.iter().map(|[a, b]| [a.as_str(), b.as_str()]).collect();
    let groups: Vec<(&[&str], usize, usize)> = refs
        .iter()
        .enumerate()
        .map(|(i, values)| {
            let (r, c) = (i / 4, i % 4);
            let count = if small.contains(&(r, c)) { 2 + (r + c) % 2 } else { 12 + r };
            (&values[..], count, count / 3)
        })
        .collect();
    one_outcome(2, &groups)
}

/// The sales row has 2 positives, both in its day shift, which is shown; the rest of the row (its
/// workers in the two small shifts, which the shift table hides) must then have none.
fn positives_from_a_row() -> Workforce {
    one_outcome(
        2,
        &[
            (&["sales", "day"], 17, 2),
            (&["sales", "evening"], 2, 0),
            (&["sales", "night"], 1, 0),
            (&["care", "day"], 19, 3),
            (&["care", "night"], 2, 1),
        ],
    )
}

/// The pair table hides 2 groups and says so. The board (3) and the audit (3) are hidden in the
/// department table; the day and night columns each have 3 workers outside sales and care. Two
/// groups for two rows and two columns: each row has one, in one column, so each has 3.
fn two_rows_two_columns() -> Workforce {
    one_outcome(
        2,
        &[
            (&["sales", "day"], 10, 2),
            (&["sales", "night"], 10, 3),
            (&["care", "day"], 10, 4),
            (&["care", "night"], 10, 5),
            (&["board", "day"], 3, 1),
            (&["audit", "night"], 3, 2),
        ],
    )
}

/// A naive release with `hide` (table, value) hidden too in the attribute tables, as secondary
/// suppression that forgets the pair tables.
fn naive_hiding(w: &Workforce, hide: &[(usize, &str)]) -> Release {
    let mut r = naive(w);
    for tables in &mut r.tables {
        for &(table, value) in hide {
            let key = vec![value.to_owned()];
            let t = &mut tables[table];
            if t.shown.remove(&key).is_some() {
                t.named.push(key);
                t.named.sort();
                t.hidden = t.hidden.map(|h| h + 1);
            }
        }
    }
    r
}

fn found(leaks: &[String], group: &str, quantity: &str, attack: Attack) -> bool {
    let attack = format!("{attack:?}");
    leaks.iter().any(|l| l.contains(&format!("{group}]: {quantity} =")) && l.ends_with(&attack))
}

/// A workforce, the figure a naive release gives away and the attack that finds it first.
struct Scenario {
    name: &'static str,
    workforce: Workforce,
    /// Values a naive release hides too in the attribute tables (its own secondary suppression).
    hide: Vec<(usize, &'static str)>,
    group: &'static str,
    quantity: &'static str,
    attack: Attack,
}

fn scenarios() -> Vec<Scenario> {
    let scenario =
        |name, workforce, hide, group, quantity, attack| Scenario { name, workforce, hide, group, quantity, attack };
    vec![
        scenario("one small group", one_small_group(), vec![], "[\"board\"", "n", Attack::Subtraction),
        scenario(
            "a hidden margin from row sums",
            a_hidden_margin_from_row_sums(),
            vec![(0, "care")],
            "[\"board\"",
            "n",
            Attack::Subtraction,
        ),
        scenario("a cell from its row", a_cell_from_its_row(), vec![], "[\"lab\", \"night\"", "n", Attack::Subtraction),
        scenario("two of one", two_of_one(), vec![], "[\"audit\"", "n", Attack::Bounds),
        scenario(
            "positives from the margin",
            positives_from_the_margin(),
            vec![],
            "[\"board\"",
            "positives",
            Attack::Bounds,
        ),
        scenario("a bridge", a_bridge(), vec![], "[\"dept1\", \"site2\"", "n", Attack::Algebra),
        scenario(
            "positives from a row",
            positives_from_a_row(),
            vec![],
            "[\"sales\", \"evening\"",
            "positives",
            Attack::Bounds,
        ),
        scenario("two rows, two columns", two_rows_two_columns(), vec![], "[\"board\"", "n", Attack::Counting),
    ]
}

/// The attacker is not vacuous: on a release that only applies the primary rule it gets each
/// scenario's small group back, each by the attack meant for it. A leak is put down to the first
/// attack that finds it, so this also shows that each attack finds what the ones before it miss.
#[test]
fn the_attacker_recovers_what_a_naive_release_hides() {
    for s in scenarios() {
        let naive = naive_hiding(&s.workforce, &s.hide);
        assert_eq!(
            primary(&s.workforce, &naive),
            Vec::<String>::new(),
            "{}: the naive release keeps the primary rule",
            s.name
        );
        let leaks = leaks(&s.workforce, &naive, EFFORT);
        assert!(
            found(&leaks, s.group, s.quantity, s.attack),
            "{}: no {} of {}] by {:?} in {leaks:#?}",
            s.name,
            s.quantity,
            s.group,
            s.attack
        );
    }
}

/// The issue's attacks on the release itself: each small group stays hidden.
#[test]
fn the_issues_attacks_by_hand_find_nothing() {
    for s in scenarios().into_iter().take(6) {
        let problems = problems(&s.workforce);
        assert!(problems.is_empty(), "{}: {problems:#?}", s.name);
    }
}

// ---------------------------------------------------------------------------------------------
// What the attacker found: each leak class as a small case, kept to show that it stays closed.

/// Whether the outcome shows, names or counts anything in any table.
fn shows_anything(tables: &[Table]) -> bool {
    tables.iter().any(|t| !t.shown.is_empty() || !t.named.is_empty() || t.hidden.is_some())
}

/// Class 1, found and closed: the hidden part of a shown row was known (the row less its shown
/// cells: here sales less its day shift, 20 − 17 = 3 workers, 2 − 2 = 0 positives). With no
/// positives in it, each hidden group in it, sales × evening (2 workers) and sales × night (1), had
/// 0 positives, though no shown group around them is uniform.
#[test]
fn the_hidden_part_of_a_row_gives_no_positives_away() {
    let w = positives_from_a_row();
    assert!(open(total(&w.outcomes[0]), w.min_group));
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 2, found and closed: a pair table printed how many groups it hides, and that count pinned
/// them: see [`two_rows_two_columns`]. The board and the audit, 3 workers each, came back exactly.
/// Now a pair table prints no count.
#[test]
fn a_pair_tables_hidden_count_gives_no_group_away() {
    let w = two_rows_two_columns();
    let r = w.release();
    assert!(open(r.tables[0][0].total, w.min_group));
    assert_eq!(r.tables[0][2].hidden, None, "{:?}", r.tables[0][2]);
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 3, found and closed: hiding a pair table's cells did not hide what its margins imply. One
/// worker of 40 has the outcome; the tables showed sales 20 with 1 positive, care 20 with 0, the
/// day shift 30 with 0 and the night shift 10 with 1. Sales × night (3 workers) was hidden, and
/// with it the three cells that close its cycle, but care and the day shift have no positives, so
/// none of their cells do either, and sales × night had the 1: the one worker is a night worker in
/// sales, a group of 3. Sales (20, 1), night (10, 1) and the total (40, 1) are none of them
/// uniform. Now an outcome that fewer than `min_group` workers have shows nothing.
#[test]
fn a_lone_positive_gives_no_small_group_away() {
    let w = one_outcome(
        2,
        &[
            (&["sales", "day"], 17, 0),
            (&["sales", "night"], 3, 1),
            (&["care", "day"], 13, 0),
            (&["care", "night"], 7, 0),
        ],
    );
    let r = w.release();
    assert!(!shows_anything(&r.tables[0]), "{:#?}", r.tables[0]);
    assert_eq!(r.tables[0][0].total, Cell { n: 40, positives: 1 });
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 3 with enough positives to be shown: nobody on the day shift has the outcome, so every
/// department's positives are all on the night shift, and the lab's night shift (3 workers, 2
/// positives) has the lab's 2, whatever the pair table shows. The lab (18, 2), the night shift
/// (23, 10) and the total (68, 10) are not uniform, so this is not the first exception. But it
/// follows from the attribute tables alone, so hiding pair cells cannot help: the attacker pins
/// it, and pins it again without the pair table, and so excuses it.
#[test]
fn positives_that_the_attribute_tables_give_away_are_excused() {
    let w = one_outcome(
        2,
        &[
            (&["sales", "day"], 15, 0),
            (&["sales", "night"], 10, 5),
            (&["care", "day"], 15, 0),
            (&["care", "night"], 10, 3),
            (&["lab", "day"], 15, 0),
            (&["lab", "night"], 3, 2),
        ],
    );
    let r = w.release();
    assert_eq!(primary(&w, &r), Vec::<String>::new());
    assert_eq!(withheld(&w, &r), Vec::<String>::new());
    assert!(open(r.tables[0][0].total, w.min_group));
    let pair = &r.tables[0][2];
    assert!(!pair.shown.contains_key(&vec!["lab".to_owned(), "night".to_owned()]), "{pair:?}");
    let findings = findings(&w, &r, EFFORT);
    let leaks: Vec<String> =
        findings.iter().filter_map(|(var, attack, verdict)| failure(var, *attack, *verdict)).collect();
    assert!(leaks.is_empty(), "{leaks:#?}");
    let lab_night = [Value::Named("lab".to_owned()), Value::Named("night".to_owned())];
    assert!(
        findings.iter().any(|(var, _, verdict)| var.table == 2
            && var.key == lab_night
            && var.quantity == Quantity::Positives
            && *verdict == Verdict::AttributeTables),
        "{findings:#?}"
    );
}

/// Class 6, found and closed: what the attribute tables alone give away must be judged without the
/// pair table's figures, and an empty cell is one of them. The release showed the departments A
/// (9, 0 positives) and B (17, 2), named C and D as hidden, showed the roles r0 (12, 1), r1 (14, 1)
/// and r2 (5, 3), and of the pair table B × r0 (7, 1) and B × r1 (10, 1). Then r0 less B × r0 is 5
/// workers with no positive, so D × r0, D's one worker, had 0 positives, though neither r0 nor the
/// total is uniform. The protector had excused it as following from the attribute tables alone,
/// because it held the sizes still and treated B × r2, which no worker is in, as known to be empty;
/// without the pair table the positive on r0 could be D's. Now an empty combination is an unknown
/// like a hidden cell, a positive worker may move around a cycle (sizes and positives together),
/// and B × r0 is hidden as well.
#[test]
fn an_empty_cell_the_shown_cells_reveal_is_no_excuse() {
    let w = one_outcome(
        2,
        &[
            (&["A", "r0"], 4, 0),
            (&["A", "r1"], 4, 0),
            (&["A", "r2"], 1, 0),
            (&["B", "r0"], 7, 1),
            (&["B", "r1"], 10, 1),
            (&["C", "r2"], 4, 3),
            (&["D", "r0"], 1, 0),
        ],
    );
    let pair = &w.release().tables[0][2];
    assert!(!pair.shown.contains_key(&vec!["B".to_owned(), "r0".to_owned()]), "{pair:?}");
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 4, found and closed: an outcome over fewer than `min_group` workers showed no group, but
/// each table's count of hidden groups was still released. The 4 workers with a rated shift are all
/// in sales: the department table hid 1 group, so that group had all 4 (and the 1 positive). Now
/// such an outcome releases its total only.
#[test]
fn a_population_under_min_group_gives_no_group_away() {
    let (rows, positive) = workers(&[(&["sales", "day"], 15, 3), (&["care", "night"], 15, 4)]);
    let rated = vec![0, 1, 2, 3];
    let outcomes = vec![
        Outcome { members: (0..rows.len()).collect(), positive },
        Outcome { positive: vec![true, false, false, false], members: rated },
    ];
    let w = Workforce { attributes: 2, rows, outcomes, min_group: 5 };
    let r = w.release();
    assert!(!shows_anything(&r.tables[1]), "{:#?}", r.tables[1]);
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 5, found and closed: an attribute table that printed no names still printed how many
/// groups it hides. The board (1 worker) makes the department table hide sales (23) too. In the
/// outcome over the 11 workers with a rated shift, all in sales, sales is then the one hidden group
/// with nothing shown left to give it room, so the table prints no names; but it said it hid 1
/// group, which therefore had all 11 workers and all 9 positives. With these figures both outcomes
/// are now closed (too few workers lack them), so the same workforce is tried again with outcomes
/// that stay open: the table names nothing and counts nothing.
#[test]
fn a_table_without_names_gives_no_group_away() {
    let (rows, positive) = workers(&[(&["sales"], 23, 17), (&["board"], 1, 1)]);
    let rated: Vec<usize> = (0..11).collect();
    let outcomes = vec![
        Outcome { members: (0..rows.len()).collect(), positive },
        Outcome { positive: (0..11).map(|w| w < 9).collect(), members: rated.clone() },
    ];
    let w = Workforce { attributes: 1, rows: rows.clone(), outcomes, min_group: 10 };
    let r = w.release();
    assert!(r.tables.iter().all(|tables| !shows_anything(tables)), "{r:#?}");
    let found = problems(&w);
    assert!(found.is_empty(), "{found:#?}");

    let outcomes = vec![
        everyone(rows.len(), |w| w < 12 || w == 23),
        Outcome { positive: (0..11).map(|w| w < 6).collect(), members: rated },
    ];
    let w = Workforce { attributes: 1, rows, outcomes, min_group: 5 };
    let r = w.release();
    for tables in &r.tables {
        assert!(open(tables[0].total, w.min_group), "{:?}", tables[0].total);
        assert!(tables[0].shown.is_empty() && tables[0].named.is_empty(), "{:?}", tables[0]);
        assert_eq!(tables[0].hidden, None, "{:?}", tables[0]);
    }
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A monthly income with a value per worker is binned into quintiles by `prepare`, and the groups
/// by bin and department are attacked like any other.
#[test]
fn binned_incomes_leak_nothing() {
    let workers = 137;
    let mut rng = Rng(7);
    let incomes: Vec<String> = (0..workers).map(|i| (2100 + 37 * i + (rng.draw() % 30) as usize).to_string()).collect();
    let departments: Vec<String> = (0..workers)
        .map(|i| ["sales", "care", "lab", "board"][[0, 0, 1, 1, 0, 2, 1, 0, 0, 3][i % 10]].to_owned())
        .collect();
    let income = prepare("monthly_income", &incomes.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(income.treatment, Treatment::Binned);
    assert!(income.bins.len() >= 3, "{:?}", income.bins);
    let dept = prepare("department", &departments.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(dept.treatment, Treatment::Kept);
    let rows: Vec<Vec<String>> = (0..workers).map(|i| vec![income.values[i].clone(), dept.values[i].clone()]).collect();
    let rated: Vec<usize> = (0..workers).filter(|i| i % 3 != 0).collect();
    let outcomes = vec![
        everyone(workers, |w| w % 7 == 0),
        everyone(workers, |w| w % 2 == 0 || w > 120),
        Outcome { positive: rated.iter().map(|&w| w % 11 == 0).collect(), members: rated },
    ];
    let w = Workforce { attributes: 2, rows, outcomes, min_group: 5 };
    // The bins by department make small groups, which a naive release gives away.
    assert!(!leaks(&w, &naive(&w), EFFORT).is_empty());
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 7, found by the random workforces and closed: a pair-table cell of one worker came back
/// by subtraction. In the department × site table, site3 has 5 workers, one in each of the 5
/// departments, each cell hidden. The protector took an outsider to know that a hidden pair cell
/// has at least one worker, so the site3 column (5 = five cells of at least 1) looked pinned by
/// the attribute tables alone and it gave dept0 × site3 up; dept0's other sites stayed shown,
/// and dept0 (58) less them (32, 12, 13) gave the 1 back. But a pair table neither names nor
/// counts its hidden groups: to an outsider a hidden cell may be empty, and without the pair
/// table site3's 5 could be anywhere. Now the protector grants only that, and hides a second
/// cell in dept0's row. The case is the one proptest shrank the failure to.
#[test]
fn a_random_workforce_that_leaked_leaks_nothing() {
    let spec = Spec {
        workers: 174,
        attributes: vec![(5, 80, 0), (2, 20, 207), (4, 57, 27)],
        outcomes: vec![(None, 589, 12)],
        min_group: 5,
        seed: 9840892467532547741,
    };
    let problems = problems(&workforce(&spec));
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Class 8, found by the random workforces once class 7 was closed: outcomes over the same workers
/// share every group's size, and each outcome's figures alone left a hidden size free while
/// together they pinned it. In the department × site table, dept2 and dept3 at site2 and site3
/// (1, 2, 1 and 1 workers) were hidden and nothing else in their rows and columns. In outcome 0
/// only a worker with the outcome could move around their cycle one way, in outcome 2 only one
/// with the outcome the other way round, where in outcome 0 the cell it came from had no
/// positive: no one worker could move in both, so every size of the four came back, and with
/// them the positives. Now the outcomes over the same workers are checked together, a cycle
/// moving one worker that has or lacks each of them.
#[test]
fn outcomes_over_the_same_workers_are_protected_together() {
    let spec = Spec {
        workers: 384,
        attributes: vec![(4, 50, 0), (2, 20, 292), (4, 40, 418)],
        outcomes: vec![(None, 473, 81), (Some(877), 960, 0), (None, 240, 45)],
        min_group: 5,
        seed: 4595309077035293874,
    };
    let w = workforce(&spec);
    assert_eq!(w.outcomes[0].members, w.outcomes[2].members);
    assert!(open(total(&w.outcomes[0]), w.min_group) && open(total(&w.outcomes[2]), w.min_group));
    let problems = problems(&w);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Random workforces with skewed attributes, so that many groups are small: nothing shown is
/// under `min_group` or untrue, and no attack pins a hidden group. With `--nocapture` it prints
/// how many pinned figures each exception excused.
#[test]
fn random_workforces_leak_nothing() {
    use proptest::test_runner::{TestRunner, contextualize_config};
    let config = contextualize_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    });
    let cases = config.cases;
    let mut runner = TestRunner::new(config);
    let tally = std::cell::Cell::new((0usize, Exempt::default()));
    let result = runner.run(&spec(), |spec| {
        let w = workforce(&spec);
        let (problems, exempt) = examine(&w);
        let (runs, sum) = tally.get();
        tally.set((
            runs + 1,
            Exempt {
                uniform: sum.uniform + exempt.uniform,
                attribute_tables: sum.attribute_tables + exempt.attribute_tables,
            },
        ));
        prop_assert!(problems.is_empty(), "{problems:#?}");
        Ok(())
    });
    let (runs, sum) = tally.get();
    println!(
        "random workforces: {runs} runs ({cases} cases asked); pinned but excused: {} positives under a uniform \
         shown group, {} pair-table figures that follow from the attribute tables alone",
        sum.uniform, sum.attribute_tables
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
