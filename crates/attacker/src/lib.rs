//! The attacker against [`disclosure::release`]: it takes only what a release prints and tries to
//! work out a hidden group from it. The ground truth, every group's true size and positives, is
//! counted here from the rows, to check the attacker and to name what it finds.
//!
//! What the attacker has, per population (the outcomes over the same workers):
//!
//! - an unknown size for every group not shown, and unknown positives for it in each outcome,
//!   with `0 ≤ positives ≤ n`. In an attribute table these are the groups it names, each with
//!   `n ≥ 1`, since the release names only groups that exist; where it prints a count of hidden
//!   groups beyond the names, as many unnamed groups, each with `n ≥ 1`; where it prints no count,
//!   one unknown for all its unnamed groups together, `n ≥ 0`, of which nobody outside knows how
//!   many groups it holds. In a pair table they are every combination of the values the attribute
//!   tables print that the pair table does not show, each with `n ≥ 0` (a pair table names no
//!   hidden group), plus a row or column for the unnamed groups of an attribute, if any;
//! - the equations: an attribute table adds up to the total; in a pair table each row adds up to
//!   its group in the row attribute's table and each column to its group in the column's;
//! - for outcomes over the same workers, one size per group for all of them;
//! - a table's count of its hidden groups with at least one worker, where the release prints one
//!   (its own release does so only beside an attribute table's names; the naive release below
//!   prints one everywhere).
//!
//! An outcome that too few workers are in, have or lack is closed: the release shows it no group
//! and only its total. The attacker counts such an outcome as a population of its own (see
//! [`populations`]).
//!
//! It tries four attacks, each on what the ones before it left unknown:
//!
//! 1. subtraction: an equation with one unknown left gives it, and so on while that helps;
//! 2. algebra: a sum of equations that leaves one unknown alone (its unit vector is in the row
//!    space), by elimination modulo two large primes;
//! 3. bounds: the least and the most each unknown can be under all the equations and bounds, by
//!    linear programming; a count is whole, so the two rounded inwards meeting pins it;
//! 4. counting: the same as a whole-number program that also keeps each printed count of hidden
//!    groups.
//!
//! The linear programs run on each set of unknowns that share equations, up to [`EFFORT`]'s
//! sizes, so that a case stays quick; subtraction and algebra always run on everything.
//!
//! A hidden group with at least one worker whose size or positives the attacker pins is a leak,
//! with two exceptions that tell nothing the release could have kept back (see [`Verdict`]):
//!
//! - positives pinned because a shown group that contains the group (its row or column in their
//!   own tables, or the total) has nobody or everybody with the outcome;
//! - a pair-table cell's size or positives that the attacker pins from the attribute tables and
//!   totals alone, with every pair table's cells taken away: hiding pair cells cannot keep back
//!   what is known without them. The attacker finds this by attacking that smaller release too,
//!   not by trusting the protector's own reasoning. A hidden group of an attribute table gets no
//!   such exception.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use disclosure::{Cell, Outcome, Release, Table, release};
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolutionStatus, SolveOutcome};

// ---------------------------------------------------------------------------------------------
// The workforce and its ground truth.

#[derive(Clone, Debug)]
pub struct Workforce {
    pub attributes: usize,
    pub rows: Vec<Vec<String>>,
    pub outcomes: Vec<Outcome>,
    pub min_group: u64,
}

impl Workforce {
    pub fn release(&self) -> Release {
        release(self.attributes, &self.rows, &self.outcomes, self.min_group)
    }
}

/// The tables of a release, as its documentation orders them: each attribute, then each pair.
pub fn splits(attributes: usize) -> Vec<Vec<usize>> {
    let mut splits: Vec<Vec<usize>> = (0..attributes).map(|a| vec![a]).collect();
    for a in 0..attributes {
        for b in a + 1..attributes {
            splits.push(vec![a, b]);
        }
    }
    splits
}

/// `truth[outcome][table]`: every non-empty group, counted from the rows.
pub fn truth(w: &Workforce) -> Vec<Vec<BTreeMap<Vec<String>, Cell>>> {
    let splits = splits(w.attributes);
    w.outcomes
        .iter()
        .map(|o| {
            splits
                .iter()
                .map(|split| {
                    let mut cells: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
                    for (&m, &positive) in o.members.iter().zip(&o.positive) {
                        let cell = cells.entry(split.iter().map(|&a| w.rows[m][a].clone()).collect()).or_default();
                        cell.n += 1;
                        cell.positives += u64::from(positive);
                    }
                    cells
                })
                .collect()
        })
        .collect()
}

pub fn total(o: &Outcome) -> Cell {
    Cell { n: o.positive.len() as u64, positives: o.positive.iter().filter(|&&p| p).count() as u64 }
}

/// Nobody or everybody has the outcome: then every part of the group has the same, and its
/// positives follow from its size without telling anything new.
pub fn uniform(c: Cell) -> bool {
    c.positives == 0 || c.positives == c.n
}

/// Whether an outcome may show any group: at least `min_group` workers are in its population, at
/// least `min_group` have the outcome and at least `min_group` lack it. Otherwise each table
/// would point at where those few are.
pub fn open(total: Cell, min_group: u64) -> bool {
    total.n >= min_group && total.positives >= min_group && total.n - total.positives >= min_group
}

/// The outcomes over the same workers, each list in order, the lists by their first outcome.
///
/// A closed outcome goes into a population of its own, even when an open one is over the same
/// workers. That only gives up the open outcome's group sizes for its unknown positives, and those
/// cannot pin them: all the attacker has about a closed outcome's positives is its total, `T` of
/// `N`, and each group's share lies anywhere in `max(0, T − (N − n)) ..= min(n, T)`, a single
/// value only when `T` is 0 or `N` (the exempt case) or the group is empty or everybody.
fn populations(w: &Workforce) -> Vec<Vec<usize>> {
    let mut by_members: BTreeMap<(bool, Vec<usize>, Option<usize>), Vec<usize>> = BTreeMap::new();
    for (o, outcome) in w.outcomes.iter().enumerate() {
        let mut members = outcome.members.clone();
        members.sort_unstable();
        let is_open = open(total(outcome), w.min_group);
        by_members.entry((is_open, members, (!is_open).then_some(o))).or_default().push(o);
    }
    let mut populations: Vec<Vec<usize>> = by_members.into_values().collect();
    populations.sort();
    populations
}

// ---------------------------------------------------------------------------------------------
// The primary rule: every shown group has at least `min_group` workers, and every figure is true.

pub fn primary(w: &Workforce, r: &Release) -> Vec<String> {
    let truth = truth(w);
    let splits = splits(w.attributes);
    let mut problems = Vec::new();
    if r.tables.len() != w.outcomes.len() {
        problems.push(format!("{} outcomes released for {}", r.tables.len(), w.outcomes.len()));
        return problems;
    }
    for (o, tables) in r.tables.iter().enumerate() {
        if tables.len() != splits.len() {
            problems.push(format!("outcome {o}: {} tables, not {}", tables.len(), splits.len()));
            continue;
        }
        for (s, t) in tables.iter().enumerate() {
            let place = format!("outcome {o}, table {s} {:?}", splits[s]);
            if t.attributes != splits[s] {
                problems.push(format!("{place}: released as attributes {:?}", t.attributes));
            }
            if t.total != total(&w.outcomes[o]) {
                problems.push(format!("{place}: total {:?}, truly {:?}", t.total, total(&w.outcomes[o])));
            }
            for (key, cell) in &t.shown {
                if cell.n < w.min_group {
                    problems.push(format!("{place}: shows {key:?} with {} workers, under {}", cell.n, w.min_group));
                }
                if truth[o][s].get(key) != Some(cell) {
                    problems.push(format!("{place}: shows {key:?} as {cell:?}, truly {:?}", truth[o][s].get(key)));
                }
            }
            for key in &t.named {
                if t.attributes.len() != 1 {
                    problems.push(format!("{place}: a pair table names hidden group {key:?}"));
                }
                if t.shown.contains_key(key) || !truth[o][s].contains_key(key) {
                    problems.push(format!("{place}: names {key:?}, which is shown or does not exist"));
                }
            }
            let hidden = truth[o][s].keys().filter(|k| !t.shown.contains_key(*k)).count() as u64;
            if let Some(count) = t.hidden
                && count != hidden
            {
                problems.push(format!("{place}: says {count} groups are hidden, truly {hidden}"));
            }
        }
    }
    problems
}

/// What the release keeps back beyond the hidden groups, since the attacker found these give
/// groups away (a naive release does not keep them back):
///
/// - a count of hidden groups only beside the names of all of them, where it says nothing the
///   names do not: a pair table's count, or a count without names, can pin a group;
/// - nothing at all but the total of a closed outcome (see [`open`]).
pub fn withheld(w: &Workforce, r: &Release) -> Vec<String> {
    let splits = splits(w.attributes);
    let mut problems = Vec::new();
    for (o, tables) in r.tables.iter().enumerate() {
        for (s, t) in tables.iter().enumerate() {
            let place = format!("outcome {o}, table {s} {:?}", splits[s]);
            match t.hidden {
                Some(_) if t.attributes.len() != 1 => {
                    problems.push(format!("{place}: a pair table counts its hidden groups"));
                }
                Some(count) if count != t.named.len() as u64 => {
                    problems.push(format!("{place}: counts {count} hidden groups beside {} names", t.named.len()));
                }
                _ => {}
            }
            let closed = !open(total(&w.outcomes[o]), w.min_group);
            if closed && (!t.shown.is_empty() || !t.named.is_empty() || t.hidden.is_some()) {
                problems.push(format!(
                    "{place}: the outcome is closed ({:?}, min_group {}), yet the table shows, names or counts groups",
                    t.total, w.min_group
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The attacker's model: unknowns, equations, bounds and the hidden groups' counts.

/// A row or column as the attacker knows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// A value the release prints: shown, or hidden with its name given.
    Named(String),
    /// The `i`-th of an attribute's hidden groups whose names are not printed, only counted.
    Unnamed(usize),
    /// All of an attribute's unnamed groups together: a pair table's row (or column) for them.
    Others,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Named(v) => write!(f, "{v:?}"),
            Value::Unnamed(i) => write!(f, "<unnamed group {i}>"),
            Value::Others => write!(f, "<the unnamed groups>"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quantity {
    Size,
    Positives,
}

/// One unknown: a hidden group's size (shared by the outcomes over the same workers) or its
/// positives in one outcome.
#[derive(Clone, Debug)]
pub struct Var {
    pub quantity: Quantity,
    pub outcomes: Vec<usize>,
    pub table: usize,
    pub attributes: Vec<usize>,
    pub key: Vec<Value>,
    pub truth: i64,
    pub least: i64,
    pub most: i64,
    /// A positives unknown's size.
    pub size: Option<usize>,
    /// Whether it stands for exactly one group with at least one worker: only then is it a leak
    /// when it comes out exact (an empty combination's zero, or a sum of several groups, is not).
    pub one_group: bool,
    /// The released groups that contain it (its row and column in their own tables, and the
    /// total), for the one exception of the positives.
    pub containers: Vec<Cell>,
}

/// `Σ coefficient · unknown + constant`.
#[derive(Clone, Debug, Default)]
struct Expr {
    pub terms: Vec<(usize, i64)>,
    pub constant: i64,
}

impl Expr {
    pub fn known(value: u64) -> Expr {
        Expr { terms: Vec::new(), constant: value as i64 }
    }

    pub fn var(v: usize) -> Expr {
        Expr { terms: vec![(v, 1)], constant: 0 }
    }

    pub fn add(&mut self, other: &Expr, sign: i64) {
        self.terms.extend(other.terms.iter().map(|&(v, c)| (v, sign * c)));
        self.constant += sign * other.constant;
    }
}

/// `Σ coefficient · unknown = rhs`.
#[derive(Clone, Debug)]
struct Equation {
    pub terms: Vec<(usize, i64)>,
    pub rhs: i64,
}

/// A pair table's hidden groups: its unknown sizes, how many groups each can hold (one for a
/// combination of two printed values, more for a row or column of unnamed groups), and how many
/// non-empty groups the table says it hides.
#[derive(Clone, Debug)]
struct Count {
    pub cells: Vec<(usize, i64)>,
    pub hidden: i64,
}

/// A group's figures in one population: its size, and its positives per outcome; `released`
/// when the release shows it.
#[derive(Clone, Debug)]
struct Slot {
    pub size: Expr,
    pub positives: Vec<Expr>,
    pub released: Option<Vec<Cell>>,
}

#[derive(Clone, Debug, Default)]
struct Model {
    pub vars: Vec<Var>,
    pub equations: Vec<Equation>,
    pub counts: Vec<Count>,
}

impl Model {
    /// `Σ parts = whole`.
    pub fn equate<'a>(&mut self, parts: impl IntoIterator<Item = &'a Expr>, whole: &Expr) {
        let mut e = Expr::default();
        for p in parts {
            e.add(p, 1);
        }
        e.add(whole, -1);
        let mut merged: BTreeMap<usize, i64> = BTreeMap::new();
        for (v, c) in e.terms {
            *merged.entry(v).or_default() += c;
        }
        let terms: Vec<(usize, i64)> = merged.into_iter().filter(|&(_, c)| c != 0).collect();
        assert!(!terms.is_empty() || e.constant == 0, "the released figures do not add up");
        if !terms.is_empty() {
            self.equations.push(Equation { terms, rhs: -e.constant });
        }
    }
}

/// Where an unknown group sits.
struct Place<'a> {
    pub population: &'a [usize],
    pub table: usize,
    pub attributes: &'a [usize],
    pub key: Vec<Value>,
}

impl Model {
    /// A hidden group: its size and its positives in each outcome of the population.
    pub fn unknown(
        &mut self,
        place: Place<'_>,
        cells: &[Cell],
        least: i64,
        most: i64,
        one_group: bool,
        containers: Vec<Vec<Cell>>,
    ) -> Slot {
        let var = |quantity, outcomes: Vec<usize>, truth: u64, least, size, containers| Var {
            quantity,
            outcomes,
            table: place.table,
            attributes: place.attributes.to_vec(),
            key: place.key.clone(),
            truth: truth as i64,
            least,
            most,
            size,
            one_group,
            containers,
        };
        let size = self.vars.len();
        self.vars.push(var(Quantity::Size, place.population.to_vec(), cells[0].n, least, None, Vec::new()));
        let mut positives = Vec::new();
        for (i, &o) in place.population.iter().enumerate() {
            positives.push(Expr::var(self.vars.len()));
            let v = var(Quantity::Positives, vec![o], cells[i].positives, 0, Some(size), containers[i].clone());
            self.vars.push(v);
        }
        Slot { size: Expr::var(size), positives, released: None }
    }
}

fn known_slot(cells: Vec<Cell>) -> Slot {
    Slot {
        size: Expr::known(cells[0].n),
        positives: cells.iter().map(|c| Expr::known(c.positives)).collect(),
        released: Some(cells),
    }
}

/// Everything the release tells an attacker, as unknowns and equations; the unknowns carry their
/// true values so that each attack can be checked and each leak shown.
fn model(w: &Workforce, r: &Release) -> Model {
    let truth = truth(w);
    let splits = splits(w.attributes);
    let mut m = Model::default();
    for population in populations(w) {
        let first = population[0];
        // Outcomes over the same workers must hide the same groups: a group shown in one and
        // hidden in another gives its size away, and the model below shares sizes among them.
        for &o in &population[1..] {
            for (s, split) in splits.iter().enumerate() {
                let (a, b) = (&r.tables[first][s], &r.tables[o][s]);
                let sizes = |t: &Table| t.shown.iter().map(|(k, c)| (k.clone(), c.n)).collect::<Vec<_>>();
                assert!(
                    sizes(a) == sizes(b) && a.named == b.named && a.hidden == b.hidden,
                    "outcomes {first} and {o} are over the same workers, but table {s} {split:?} shows different groups"
                );
            }
        }
        let tables = &r.tables[first];
        let totals: Vec<Cell> = population.iter().map(|&o| r.tables[o][0].total).collect();
        let most = totals[0].n as i64;
        let released = |s: usize, key: &Vec<String>| -> Vec<Cell> {
            population.iter().map(|&o| r.tables[o][s].shown[key]).collect()
        };

        // Attribute tables: each named hidden group exists, so has at least one worker; so does
        // each group a printed count adds beyond the names. Without a count, the groups neither
        // shown nor named are one unknown, of unknown size and unknown number of groups.
        let mut margins: Vec<BTreeMap<Value, Slot>> = Vec::new();
        let mut printed: Vec<BTreeSet<String>> = Vec::new();
        let mut unnamed: Vec<Option<i64>> = Vec::new();
        for a in 0..w.attributes {
            let t = &tables[a];
            let mut slots: BTreeMap<Value, Slot> = BTreeMap::new();
            for key in t.shown.keys() {
                slots.insert(Value::Named(key[0].clone()), known_slot(released(a, key)));
            }
            let true_unnamed: Vec<&Vec<String>> =
                truth[first][a].keys().filter(|k| !t.shown.contains_key(*k) && !t.named.contains(k)).collect();
            let counted = t.hidden.map(|count| {
                let beyond = count.checked_sub(t.named.len() as u64).expect("fewer hidden groups than names");
                assert_eq!(beyond as usize, true_unnamed.len(), "table {a}: the hidden count is not true");
                beyond as usize
            });
            let sum = |population: &[usize], keys: &[&Vec<String>]| -> Vec<Cell> {
                population
                    .iter()
                    .map(|&o| {
                        keys.iter().filter_map(|k| truth[o][a].get(*k)).fold(Cell::default(), |acc, c| Cell {
                            n: acc.n + c.n,
                            positives: acc.positives + c.positives,
                        })
                    })
                    .collect()
            };
            let containers: Vec<Vec<Cell>> = totals.iter().map(|&t| vec![t]).collect();
            let mut hidden: Vec<(Value, &Vec<String>)> =
                t.named.iter().map(|k| (Value::Named(k[0].clone()), k)).collect();
            if counted.is_some() {
                hidden.extend(true_unnamed.iter().enumerate().map(|(i, k)| (Value::Unnamed(i), *k)));
            }
            for (value, key) in hidden {
                let cells = sum(&population, &[key]);
                assert!(cells[0].n >= 1, "table {a} names {key:?}, which has no worker");
                let place =
                    Place { population: &population, table: a, attributes: &splits[a], key: vec![value.clone()] };
                let slot = m.unknown(place, &cells, 1, most, true, containers.clone());
                slots.insert(value, slot);
            }
            if counted.is_none() {
                let cells = sum(&population, &true_unnamed);
                let place =
                    Place { population: &population, table: a, attributes: &splits[a], key: vec![Value::Others] };
                let slot = m.unknown(place, &cells, 0, most, false, containers.clone());
                slots.insert(Value::Others, slot);
            }
            m.equate(slots.values().map(|s| &s.size), &Expr::known(totals[0].n));
            for (i, t) in totals.iter().enumerate() {
                m.equate(slots.values().map(|s| &s.positives[i]), &Expr::known(t.positives));
            }
            printed.push(
                slots.keys().filter_map(|v| if let Value::Named(x) = v { Some(x.clone()) } else { None }).collect(),
            );
            unnamed.push(counted.map(|c| c as i64));
            if counted.is_some_and(|c| c > 0) {
                let mut others =
                    Slot { size: Expr::default(), positives: vec![Expr::default(); population.len()], released: None };
                for (value, slot) in &slots {
                    if matches!(value, Value::Unnamed(_)) {
                        others.size.add(&slot.size, 1);
                        for (o, p) in others.positives.iter_mut().zip(&slot.positives) {
                            o.add(p, 1);
                        }
                    }
                }
                slots.insert(Value::Others, others);
            }
            margins.push(slots);
        }

        // Pair tables: a cell not shown may be empty, since a pair table names none of its hidden
        // groups.
        for (s, split) in splits.iter().enumerate().skip(w.attributes) {
            let (a, b) = (split[0], split[1]);
            let t = &tables[s];
            for key in t.shown.keys() {
                assert!(
                    printed[a].contains(&key[0]) && printed[b].contains(&key[1]),
                    "table {s} {split:?} shows {key:?}, a value its attribute table does not name"
                );
            }
            let lines = |x: usize| -> Vec<Value> {
                margins[x].keys().filter(|v| !matches!(v, Value::Unnamed(_))).cloned().collect()
            };
            let (rows, cols) = (lines(a), lines(b));
            let fits = |value: &Value, x: usize, actual: &String| match value {
                Value::Named(v) => v == actual,
                _ => !printed[x].contains(actual),
            };
            let mut cells: BTreeMap<(Value, Value), Slot> = BTreeMap::new();
            let mut count = t.hidden.map(|hidden| Count { cells: Vec::new(), hidden: hidden as i64 });
            for v in &rows {
                for u in &cols {
                    if let (Value::Named(x), Value::Named(y)) = (v, u) {
                        let key = vec![x.clone(), y.clone()];
                        if t.shown.contains_key(&key) {
                            cells.insert((v.clone(), u.clone()), known_slot(released(s, &key)));
                            continue;
                        }
                    }
                    let matching =
                        |o: usize| truth[o][s].iter().filter(|(k, _)| fits(v, a, &k[0]) && fits(u, b, &k[1]));
                    let sums: Vec<Cell> = population
                        .iter()
                        .map(|&o| {
                            matching(o).fold(Cell::default(), |acc, (_, c)| Cell {
                                n: acc.n + c.n,
                                positives: acc.positives + c.positives,
                            })
                        })
                        .collect();
                    // How many groups the cell can hold: one for two printed values, as many as
                    // are counted for a row or column of unnamed groups, and no one knows how many
                    // where no count is printed.
                    let capacity = |value: &Value, x: usize| if *value == Value::Others { unnamed[x] } else { Some(1) };
                    let groups = capacity(v, a).zip(capacity(u, b)).map(|(x, y)| x * y);
                    let one_group = groups == Some(1) && sums[0].n >= 1;
                    let containers: Vec<Vec<Cell>> = (0..population.len())
                        .map(|i| {
                            let mut c = vec![totals[i]];
                            c.extend(margins[a][v].released.as_ref().map(|r| r[i]));
                            c.extend(margins[b][u].released.as_ref().map(|r| r[i]));
                            c
                        })
                        .collect();
                    let place =
                        Place { population: &population, table: s, attributes: split, key: vec![v.clone(), u.clone()] };
                    let slot = m.unknown(place, &sums, 0, most, one_group, containers);
                    if let (Some(count), [(size, _)]) = (&mut count, &slot.size.terms[..]) {
                        // Each group has a worker, so the cell holds at most its size in groups.
                        count.cells.push((*size, groups.unwrap_or(most)));
                    }
                    cells.insert((v.clone(), u.clone()), slot);
                }
            }
            for v in &rows {
                let line: Vec<&Slot> = cols.iter().map(|u| &cells[&(v.clone(), u.clone())]).collect();
                m.equate(line.iter().map(|s| &s.size), &margins[a][v].size);
                for i in 0..population.len() {
                    m.equate(line.iter().map(|s| &s.positives[i]), &margins[a][v].positives[i]);
                }
            }
            for u in &cols {
                let line: Vec<&Slot> = rows.iter().map(|v| &cells[&(v.clone(), u.clone())]).collect();
                m.equate(line.iter().map(|s| &s.size), &margins[b][u].size);
                for i in 0..population.len() {
                    m.equate(line.iter().map(|s| &s.positives[i]), &margins[b][u].positives[i]);
                }
            }
            m.counts.extend(count);
        }
    }
    check(&m);
    m
}

/// The true figures must satisfy everything the attacker assumes, or an attack could "find"
/// what is not there.
fn check(m: &Model) {
    let truth = |v: usize| m.vars[v].truth;
    for eq in &m.equations {
        assert_eq!(eq.terms.iter().map(|&(v, c)| c * truth(v)).sum::<i64>(), eq.rhs, "the model is wrong: {eq:?}");
    }
    for var in &m.vars {
        assert!(var.least <= var.truth && var.truth <= var.most, "the model is wrong: {var:?}");
        if let Some(size) = var.size {
            assert!(var.truth <= truth(size), "the model is wrong: {var:?}");
        }
    }
    for count in &m.counts {
        let least: i64 = count.cells.iter().map(|&(v, _)| i64::from(truth(v) > 0)).sum();
        let most: i64 = count.cells.iter().map(|&(v, groups)| truth(v).min(groups)).sum();
        assert!(least <= count.hidden && count.hidden <= most, "the model is wrong: {count:?}");
        if count.cells.iter().all(|&(_, groups)| groups == 1) {
            assert_eq!(least, count.hidden, "the model is wrong: {count:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The attacks.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attack {
    Subtraction,
    Algebra,
    Bounds,
    Counting,
}

/// How far the attacker goes: the linear programs only run on connected systems up to these many
/// unknowns, so that each case stays quick.
#[derive(Clone, Copy, Debug)]
pub struct Effort {
    pub bounds: usize,
    pub counting: usize,
}

pub const EFFORT: Effort = Effort { bounds: 600, counting: 80 };

/// Attack 1: an equation with one unknown left gives that unknown; repeat.
fn subtract(m: &Model, known: &mut [Option<i64>]) -> Vec<usize> {
    let mut found = Vec::new();
    loop {
        let mut progress = false;
        for eq in &m.equations {
            let mut rest = eq.rhs;
            let mut open = None;
            let mut unknowns = 0;
            for &(v, c) in &eq.terms {
                match known[v] {
                    Some(x) => rest -= c * x,
                    None => {
                        unknowns += 1;
                        open = Some((v, c));
                    }
                }
            }
            if let (1, Some((v, c))) = (unknowns, open) {
                assert_eq!(rest % c, 0);
                known[v] = Some(rest / c);
                assert_eq!(known[v], Some(m.vars[v].truth), "subtraction gave a false value: the model is wrong");
                found.push(v);
                progress = true;
            }
        }
        if !progress {
            return found;
        }
    }
}

const PRIMES: [u64; 2] = [(1 << 61) - 1, 1_000_000_007];

fn mul(a: u64, b: u64, p: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(p)) as u64
}

fn inverse(a: u64, p: u64) -> u64 {
    let (mut base, mut exp, mut acc) = (a, p - 2, 1);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base, p);
        }
        base = mul(base, base, p);
        exp >>= 1;
    }
    acc
}

/// `a - f · b` for sparse rows sorted by column.
fn subtract_row(a: &[(usize, u64)], f: u64, b: &[(usize, u64)], p: u64) -> Vec<(usize, u64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else {
            let fb = mul(f, b[j].1, p);
            let (col, x) = if i < a.len() && a[i].0 == b[j].0 {
                i += 1;
                (b[j].0, (a[i - 1].1 + p - fb) % p)
            } else {
                (b[j].0, (p - fb) % p)
            };
            if x != 0 {
                out.push((col, x));
            }
            j += 1;
        }
    }
    out
}

/// Attack 2: the unknowns whose unit vector lies in the row space of `rows`, by reduced row
/// echelon form modulo `p` (a row of the reduced form with one entry is such a unit vector).
fn pinned_modulo(rows: &[Vec<(usize, i64)>], p: u64) -> BTreeSet<usize> {
    let mut basis: Vec<Vec<(usize, u64)>> = Vec::new();
    let mut pivot_row: HashMap<usize, usize> = HashMap::new();
    let mut holders: HashMap<usize, Vec<usize>> = HashMap::new();
    for row in rows {
        let mut v: Vec<(usize, u64)> = {
            let mut merged: BTreeMap<usize, u64> = BTreeMap::new();
            for &(col, c) in row {
                let e = merged.entry(col).or_default();
                *e = (*e + c.rem_euclid(p as i64) as u64) % p;
            }
            merged.into_iter().filter(|&(_, x)| x != 0).collect()
        };
        let pivots: Vec<(usize, u64)> = v.iter().filter(|(c, _)| pivot_row.contains_key(c)).copied().collect();
        for (col, f) in pivots {
            v = subtract_row(&v, f, &basis[pivot_row[&col]], p);
        }
        let Some(&(pivot, x)) = v.last() else { continue };
        let inv = inverse(x, p);
        let new: Vec<(usize, u64)> = v.iter().map(|&(c, y)| (c, mul(y, inv, p))).collect();
        for bi in holders.get(&pivot).cloned().unwrap_or_default() {
            if let Ok(at) = basis[bi].binary_search_by_key(&pivot, |e| e.0) {
                let f = basis[bi][at].1;
                basis[bi] = subtract_row(&basis[bi], f, &new, p);
                for &(c, _) in &new {
                    holders.entry(c).or_default().push(bi);
                }
            }
        }
        let index = basis.len();
        for &(c, _) in &new {
            holders.entry(c).or_default().push(index);
        }
        basis.push(new);
        pivot_row.insert(pivot, index);
    }
    pivot_row.iter().filter(|&(_, &i)| basis[i].len() == 1).map(|(&c, _)| c).collect()
}

fn algebra(m: &Model, known: &[Option<i64>]) -> BTreeSet<usize> {
    let rows: Vec<Vec<(usize, i64)>> = m
        .equations
        .iter()
        .map(|eq| eq.terms.iter().filter(|(v, _)| known[*v].is_none()).copied().collect::<Vec<_>>())
        .filter(|r| !r.is_empty())
        .collect();
    let first = pinned_modulo(&rows, PRIMES[0]);
    if first.is_empty() {
        return first;
    }
    // Modulo one prime a dependency could appear that is not one over the rationals; a second
    // prime makes that as good as impossible.
    let second = pinned_modulo(&rows, PRIMES[1]);
    first.intersection(&second).copied().collect()
}

/// The unknowns not yet known, in groups that share no equation, bound or count.
fn components(m: &Model, known: &[Option<i64>], counts: bool) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..m.vars.len()).collect();
    pub fn find(parent: &mut [usize], x: usize) -> usize {
        let mut root = x;
        while parent[root] != root {
            root = parent[root];
        }
        let mut x = x;
        while parent[x] != root {
            let next = parent[x];
            parent[x] = root;
            x = next;
        }
        root
    }
    let join = |parent: &mut Vec<usize>, x: usize, y: usize| {
        let (rx, ry) = (find(parent, x), find(parent, y));
        if rx != ry {
            parent[rx] = ry;
        }
    };
    let open = |v: usize| known[v].is_none();
    for eq in &m.equations {
        let vars: Vec<usize> = eq.terms.iter().map(|t| t.0).filter(|&v| open(v)).collect();
        for pair in vars.windows(2) {
            join(&mut parent, pair[0], pair[1]);
        }
    }
    for (v, var) in m.vars.iter().enumerate() {
        if let Some(size) = var.size
            && open(v)
            && open(size)
        {
            join(&mut parent, v, size);
        }
    }
    if counts {
        for count in &m.counts {
            let vars: Vec<usize> = count.cells.iter().map(|c| c.0).filter(|&v| open(v)).collect();
            for pair in vars.windows(2) {
                join(&mut parent, pair[0], pair[1]);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for v in (0..m.vars.len()).filter(|&v| open(v)) {
        groups.entry(find(&mut parent, v)).or_default().push(v);
    }
    groups.into_values().collect()
}

/// A linear program over one component: the equations and bounds, with the counts too (and
/// every unknown whole) when `counting`.
struct Program<'a> {
    pub m: &'a Model,
    pub known: &'a [Option<i64>],
    pub vars: &'a [usize],
    pub local: HashMap<usize, usize>,
    pub equations: Vec<usize>,
    pub counts: Vec<usize>,
    pub counting: bool,
}

impl<'a> Program<'a> {
    pub fn new(m: &'a Model, known: &'a [Option<i64>], vars: &'a [usize], counting: bool) -> Program<'a> {
        let local: HashMap<usize, usize> = vars.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let equations =
            (0..m.equations.len()).filter(|&e| m.equations[e].terms.iter().any(|t| local.contains_key(&t.0))).collect();
        let counts = if counting {
            (0..m.counts.len()).filter(|&c| m.counts[c].cells.iter().any(|t| local.contains_key(&t.0))).collect()
        } else {
            Vec::new()
        };
        Program { m, known, vars, local, equations, counts, counting }
    }

    /// The optimum of `objective` (over local indices) and whether it is proven, with the point;
    /// `None` when a counting program ran out of time without a point.
    pub fn solve(&self, objective: &[(usize, f64)], direction: OptimizationDirection) -> Option<(Vec<f64>, bool)> {
        let mut problem = Problem::new(direction);
        let mut coefficient = vec![0.0; self.vars.len()];
        for &(j, c) in objective {
            coefficient[j] += c;
        }
        let x: Vec<microlp::Variable> = self
            .vars
            .iter()
            .enumerate()
            .map(|(j, &v)| {
                let var = &self.m.vars[v];
                let most = var.size.and_then(|s| self.known[s]).map_or(var.most, |n| n.min(var.most));
                if self.counting {
                    problem.add_integer_var(coefficient[j], (var.least as i32, most as i32))
                } else {
                    problem.add_var(coefficient[j], (var.least as f64, most as f64))
                }
            })
            .collect();
        for &e in &self.equations {
            let eq = &self.m.equations[e];
            let mut rhs = eq.rhs as f64;
            let mut terms = Vec::new();
            for &(v, c) in &eq.terms {
                match (self.known[v], self.local.get(&v)) {
                    (Some(k), _) => rhs -= (c * k) as f64,
                    (None, Some(&j)) => terms.push((x[j], c as f64)),
                    (None, None) => unreachable!("an equation reaches outside its component"),
                }
            }
            problem.add_constraint(terms, ComparisonOp::Eq, rhs);
        }
        for (j, &v) in self.vars.iter().enumerate() {
            if let Some(s) = self.m.vars[v].size
                && let Some(&k) = self.local.get(&s)
            {
                problem.add_constraint([(x[j], 1.0), (x[k], -1.0)], ComparisonOp::Le, 0.0);
            }
        }
        for &c in &self.counts {
            let count = &self.m.counts[c];
            let mut sum = Vec::new();
            let mut fixed = 0.0;
            for &(v, groups) in &count.cells {
                match (self.known[v], self.local.get(&v)) {
                    (Some(n), _) if groups == 1 => fixed += f64::from(u8::from(n > 0)),
                    (Some(n), _) => {
                        sum.push((problem.add_integer_var(0.0, (n.min(1) as i32, n.min(groups) as i32)), 1.0))
                    }
                    (None, Some(&j)) => {
                        let most = self.m.vars[v].most as f64;
                        let y = problem.add_binary_var(0.0);
                        problem.add_constraint([(x[j], 1.0), (y, -1.0)], ComparisonOp::Ge, 0.0);
                        problem.add_constraint([(x[j], 1.0), (y, -most)], ComparisonOp::Le, 0.0);
                        if groups == 1 {
                            sum.push((y, 1.0));
                        } else {
                            let z = problem.add_integer_var(0.0, (0, groups as i32));
                            problem.add_constraint([(z, 1.0), (y, -1.0)], ComparisonOp::Ge, 0.0);
                            problem.add_constraint([(z, 1.0), (x[j], -1.0)], ComparisonOp::Le, 0.0);
                            problem.add_constraint([(z, 1.0), (y, -(groups as f64))], ComparisonOp::Le, 0.0);
                            sum.push((z, 1.0));
                        }
                    }
                    (None, None) => unreachable!("a count reaches outside its component"),
                }
            }
            problem.add_constraint(sum, ComparisonOp::Eq, count.hidden as f64 - fixed);
        }
        problem.set_time_limit(std::time::Duration::from_secs(5));
        match problem.solve() {
            Ok(SolveOutcome::Solution(s)) => {
                let point = x.iter().map(|&v| s.var_value(v)).collect();
                Some((point, s.status() == SolutionStatus::Optimal))
            }
            Ok(SolveOutcome::Interrupted(_)) => None,
            Err(e) => panic!("the true figures solve the attacker's program, yet the solver says {e:?}"),
        }
    }

    /// Attacks 3 and 4: the unknowns whose least and most values, rounded to whole workers, meet.
    pub fn pinned(&self, seed: u64, wanted: &[bool]) -> Vec<usize> {
        let truth: Vec<f64> = self.vars.iter().map(|&v| self.m.vars[v].truth as f64).collect();
        // An unknown is free once some point that satisfies everything has it a whole worker away
        // from its true value.
        let mut free: Vec<bool> = self.vars.iter().map(|&v| !wanted[v]).collect();
        if free.iter().all(|&f| f) {
            return Vec::new();
        }
        let mark = |point: &[f64], free: &mut [bool]| {
            for (j, f) in free.iter_mut().enumerate() {
                if (point[j] - truth[j]).abs() >= 1.0 - 1e-6 {
                    *f = true;
                }
            }
        };
        let mut rng = Rng(seed);
        for _ in 0..2 {
            let objective: Vec<(usize, f64)> =
                (0..self.vars.len()).map(|j| (j, if rng.draw().is_multiple_of(2) { 1.0 } else { -1.0 })).collect();
            for direction in [OptimizationDirection::Minimize, OptimizationDirection::Maximize] {
                if let Some((point, _)) = self.solve(&objective, direction) {
                    mark(&point, &mut free);
                }
            }
        }
        let mut pinned = Vec::new();
        for j in 0..self.vars.len() {
            if !wanted[self.vars[j]] {
                continue;
            }
            let mut proven = true;
            for direction in [OptimizationDirection::Minimize, OptimizationDirection::Maximize] {
                if free[j] {
                    break;
                }
                match self.solve(&[(j, 1.0)], direction) {
                    Some((point, optimal)) => {
                        mark(&point, &mut free);
                        proven &= optimal;
                    }
                    None => proven = false,
                }
            }
            if !free[j] && proven {
                pinned.push(self.vars[j]);
            }
        }
        pinned
    }
}

/// What the attacks made of a model's unknowns.
struct Attacked {
    /// Which attack, if any, pins each unknown first.
    pub by: Vec<Option<Attack>>,
    /// The unknowns left in a system too large for the linear programs.
    pub unchecked: Vec<bool>,
}

/// Which attack, if any, pins each unknown first. The linear programs are only spent on the
/// `wanted` unknowns (subtraction and algebra find what they find of the rest too).
fn attack(m: &Model, effort: Effort, wanted: &[bool]) -> Attacked {
    let mut known: Vec<Option<i64>> = vec![None; m.vars.len()];
    let mut by: Vec<Option<Attack>> = vec![None; m.vars.len()];
    let mut unchecked = vec![false; m.vars.len()];
    for v in subtract(m, &mut known) {
        by[v] = Some(Attack::Subtraction);
    }
    for v in algebra(m, &known) {
        by[v] = Some(Attack::Algebra);
        known[v] = Some(m.vars[v].truth);
    }
    for (pass, attack, cap) in [(false, Attack::Bounds, effort.bounds), (true, Attack::Counting, effort.counting)] {
        let mut found = Vec::new();
        for (i, component) in components(m, &known, pass).iter().enumerate() {
            if component.len() > cap {
                if !pass {
                    component.iter().for_each(|&v| unchecked[v] = true);
                }
                continue;
            }
            found.extend(Program::new(m, &known, component, pass).pinned(i as u64, wanted));
        }
        for v in found {
            by[v] = Some(attack);
            known[v] = Some(m.vars[v].truth);
        }
    }
    Attacked { by, unchecked }
}

/// What a pinned hidden group's figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A leak: the release gives away what it hid.
    Leak,
    /// Positives that follow from a shown group around the hidden one (its row or column in their
    /// own tables, or the total) in which nobody or everybody has the outcome. That group says it
    /// of every member, so hiding a part of it cannot help; and it is shown on purpose, because
    /// "none of the 30 women received a warning" is what a works council needs to know.
    Uniform,
    /// A pair-table cell's size or positives that the attribute tables and the totals give away
    /// on their own, with every pair table's cells taken away. Hiding pair cells cannot keep back
    /// what is known without any of them; protecting it is the attribute tables' job, and what
    /// they show is checked as a leak of its own. The attacker establishes this by attacking that
    /// smaller release, so a figure counts here only if it is exact there too.
    AttributeTables,
    /// A pair-table figure pinned with the pair tables, where the system without them was too
    /// large to attack: a failure, since nothing shows that it follows from the attribute tables.
    Unchecked,
}

/// Positives under a uniform shown group: see [`Verdict::Uniform`].
fn exempt(var: &Var) -> bool {
    var.quantity == Quantity::Positives && var.containers.iter().any(|&c| uniform(c))
}

/// An unknown's place, the same in every model of the same workforce.
type Key = (usize, Vec<Value>, Vec<usize>, Quantity);

fn key(var: &Var) -> Key {
    (var.table, var.key.clone(), var.outcomes.clone(), var.quantity)
}

/// The release with every pair table's cells (and anything it says of its hidden groups) taken
/// away: the attribute tables and the totals only.
fn without_pair_tables(r: &Release) -> Release {
    let mut r = r.clone();
    for tables in &mut r.tables {
        for t in tables.iter_mut().filter(|t| t.attributes.len() == 2) {
            t.shown.clear();
            t.named.clear();
            t.hidden = None;
        }
    }
    r
}

/// How far the attacker goes on the release without pair tables: only the figures in question
/// get linear programs there, but every pair table's cells are unknowns, so its systems are
/// larger.
const BARE_EFFORT: Effort = Effort { bounds: 3000, counting: 80 };

/// Every hidden group an attacker pins down, with the attack that does it and what it is.
pub fn findings(w: &Workforce, r: &Release, effort: Effort) -> Vec<(Var, Attack, Verdict)> {
    let m = model(w, r);
    let wanted: Vec<bool> = m.vars.iter().map(|v| v.one_group).collect();
    let by = attack(&m, effort, &wanted).by;
    let mut found: Vec<(Var, Attack, Verdict)> = m
        .vars
        .into_iter()
        .zip(by)
        .filter(|(var, _)| var.one_group)
        .filter_map(|(var, by)| {
            let verdict = if exempt(&var) { Verdict::Uniform } else { Verdict::Leak };
            Some((var, by?, verdict))
        })
        .collect();
    let in_pair_table = |var: &Var, verdict: Verdict| verdict == Verdict::Leak && var.attributes.len() == 2;
    if found.iter().any(|(var, _, verdict)| in_pair_table(var, *verdict)) {
        let bare = model(w, &without_pair_tables(r));
        let index: HashMap<Key, usize> = bare.vars.iter().enumerate().map(|(i, var)| (key(var), i)).collect();
        let mut wanted = vec![false; bare.vars.len()];
        for (var, _, verdict) in &found {
            if in_pair_table(var, *verdict) {
                wanted[index[&key(var)]] = true;
            }
        }
        let bare = attack(&bare, BARE_EFFORT, &wanted);
        for (var, _, verdict) in &mut found {
            if in_pair_table(var, *verdict) {
                let i = index[&key(var)];
                if bare.by[i].is_some() {
                    *verdict = Verdict::AttributeTables;
                } else if bare.unchecked[i] {
                    // Not proven to follow from the attribute tables alone, so still a failure;
                    // but say so, since the attacker could not look.
                    *verdict = Verdict::Unchecked;
                }
            }
        }
    }
    found
}

pub fn describe(var: &Var, attack: Attack) -> String {
    let key: Vec<String> = var.key.iter().map(Value::to_string).collect();
    let quantity = match var.quantity {
        Quantity::Size => "n",
        Quantity::Positives => "positives",
    };
    format!(
        "outcome {:?}, table {} (attributes {:?}), group [{}]: {quantity} = {} follows by {attack:?}",
        var.outcomes,
        var.table,
        var.attributes,
        key.join(", "),
        var.truth,
    )
}

/// A finding that fails, in words.
pub fn failure(var: &Var, attack: Attack, verdict: Verdict) -> Option<String> {
    match verdict {
        Verdict::Leak => Some(describe(var, attack)),
        Verdict::Unchecked => Some(format!("{} (too large to attack without the pair tables)", describe(var, attack))),
        Verdict::Uniform | Verdict::AttributeTables => None,
    }
}

pub fn leaks(w: &Workforce, r: &Release, effort: Effort) -> Vec<String> {
    findings(w, r, effort).iter().filter_map(|(var, attack, verdict)| failure(var, *attack, *verdict)).collect()
}

/// How many pinned figures each exception excused.
#[derive(Clone, Copy, Debug, Default)]
pub struct Exempt {
    pub uniform: usize,
    pub attribute_tables: usize,
}

/// The primary rule and every leak, for a workforce's own release, with what was excused.
pub fn examine(w: &Workforce) -> (Vec<String>, Exempt) {
    let r = w.release();
    let mut problems = primary(w, &r);
    problems.extend(withheld(w, &r));
    let mut exempt = Exempt::default();
    if problems.is_empty() {
        for (var, attack, verdict) in findings(w, &r, EFFORT) {
            match verdict {
                Verdict::Uniform => exempt.uniform += 1,
                Verdict::AttributeTables => exempt.attribute_tables += 1,
                Verdict::Leak | Verdict::Unchecked => problems.extend(failure(&var, attack, verdict)),
            }
        }
    }
    (problems, exempt)
}

/// The primary rule and every leak, for a workforce's own release.
pub fn problems(w: &Workforce) -> Vec<String> {
    examine(w).0
}

/// The release a careless tool would make: every group of at least `min_group` shown, the rest
/// hidden (named in the attribute tables, and counted in every table), nothing else.
pub fn naive(w: &Workforce) -> Release {
    let truth = truth(w);
    let splits = splits(w.attributes);
    let tables = w
        .outcomes
        .iter()
        .enumerate()
        .map(|(o, outcome)| {
            splits
                .iter()
                .enumerate()
                .map(|(s, split)| {
                    let cells = &truth[o][s];
                    let shown: BTreeMap<Vec<String>, Cell> =
                        cells.iter().filter(|(_, c)| c.n >= w.min_group).map(|(k, c)| (k.clone(), *c)).collect();
                    let hidden: Vec<Vec<String>> = cells.keys().filter(|k| !shown.contains_key(*k)).cloned().collect();
                    Table {
                        attributes: split.clone(),
                        total: total(outcome),
                        named: if split.len() == 1 { hidden.clone() } else { Vec::new() },
                        hidden: Some(hidden.len() as u64),
                        shown,
                    }
                })
                .collect()
        })
        .collect();
    Release { min_group: w.min_group, tables }
}

/// SplitMix64: a small seeded generator, so that a case is its seed and its sizes.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `true` with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.draw() % 1000 < u64::from(per_mille)
    }
}
