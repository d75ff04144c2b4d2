//! Primary and secondary suppression over linked tables.
//!
//! Per outcome the release is: the population's total (n and positives), one table per
//! attribute and one per pair of attributes. A cell is a group: its size `n` and how many of it
//! have the outcome, `positives`. Everything released about an outcome is a set of linear
//! equations in the cells: an attribute's cells add up to the total; in a pair table `a+b` the
//! cells of row `v` add up to `v`'s cell in `a`'s table, and those of column `w` to `w`'s cell
//! in `b`'s.
//!
//! **Attribute tables.** Every cell under `min_group` is hidden, in every outcome's table (a
//! group hidden in one is hidden in all, so two outcomes cannot be set against each other).
//! Then, while some hidden cell could not take another value with everything shown kept as it
//! is, the smallest shown cell that gives it room is hidden too. A hidden cell has room when a
//! worker can move between it and another hidden cell, keeping the total: one of the two has
//! at least 2 workers (a listed cell has at least 1), and for positives one can give a positive
//! and the other take one.
//!
//! **Pair tables.** A row whose group is hidden in its attribute's table is not shown at all in
//! any pair table, nor is such a column: that is what keeps the pair tables from adding back up
//! to a hidden group. What the pair table shows is the grid of shown rows and shown columns,
//! with all its margins known; the hidden rows taken together (and the hidden columns) form
//! one more row and column of unknown cells, and so is every combination no worker is in (it is
//! never shown, so an outsider cannot tell it from a hidden cell). Of each unknown an outsider
//! knows only that it is at least 0: a pair table neither names nor counts its hidden groups, so
//! a hidden cell may be empty for all they know. (Granting them that every hidden group has a
//! worker errs the wrong way: a cell can then look pinned by the attribute tables alone, be
//! given up on, and leave its row's other cells shown, and the row less those gives it back.)
//! In that grid a hidden cell can change only along a cycle of unknown cells, alternating `+1`
//! and `−1` so every margin stays the same (the classical condition for a two-way table). The
//! grid's hidden cells are checked for such a cycle — one that moves a positive worker (sizes
//! and positives change together), one that moves a worker without the outcome, or one that
//! swaps who has the outcome with the sizes kept — and where there is none, the cheapest shown
//! cell of the same row or column that makes one is hidden as well.
//!
//! **Outcomes over the same workers** share every group's size, so an outsider sets their pair
//! tables side by side: a size that one outcome's figures let go only up and another's only
//! down is pinned. Their grids are checked together, as one population: a cycle moves one
//! worker, who has or lacks each of the outcomes, and takes that worker only from cells that
//! can hold one (where a cell has no positives the worker lacks the outcome, where it has all,
//! the worker has it; from the hidden rows taken together, out of one of them). More than 64
//! outcomes over the same workers get no pair tables.
//!
//! Because a hidden row never appears in any pair table, the tables are independent given the
//! attribute tables: a move in one never needs a move in another. For one outcome the checks
//! above are exact per table (its workers with the outcome and those without are two two-way
//! tables of their own). For several over the same workers the one-worker cycles free what
//! they find but may miss a combination of moves; what they leave pinned is excused only where
//! one outcome's figures alone pin it with the whole grid hidden, and anything else gets more
//! of the grid hidden, at worst all of it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

/// One group's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub n: u64,
    pub positives: u64,
}

impl Cell {
    fn add(&mut self, positive: bool) {
        self.n += 1;
        self.positives += u64::from(positive);
    }

    fn plus(self, other: Cell) -> Cell {
        Cell { n: self.n + other.n, positives: self.positives + other.positives }
    }

    /// Nobody or everybody has the outcome: the positives of every part of the group follow
    /// from the group itself, which is shown.
    fn uniform(self) -> bool {
        self.positives == 0 || self.positives == self.n
    }
}

/// A binary outcome over a population: `members` index the workforce's rows, `positive` says
/// for each member whether they have the outcome.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub members: Vec<usize>,
    pub positive: Vec<bool>,
}

/// What one table of one outcome may show.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    /// Indices into the attributes: one, or two for a pair table.
    pub attributes: Vec<usize>,
    /// The outcome's whole population.
    pub total: Cell,
    /// The groups that may be shown, by their values (one per attribute).
    pub shown: BTreeMap<Vec<String>, Cell>,
    /// Hidden groups whose names may be printed: those of an attribute table (a category of an
    /// attribute that makes few groups names no one). A pair table's hidden groups are only
    /// counted.
    pub named: Vec<Vec<String>>,
    /// How many groups (with at least one worker) are hidden, where saying so gives nothing
    /// away: in an attribute table that names its hidden groups. A pair table does not say
    /// (the count of its hidden groups, beside its margins, can pin one), nor does a table that
    /// names none.
    pub hidden: Option<u64>,
}

/// What may be released about every outcome: `tables[outcome]`, attribute tables first (in
/// the order of the attributes), then the pairs `(i, j)`, `i < j`, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Release {
    pub min_group: u64,
    pub tables: Vec<Vec<Table>>,
}

/// The attribute tables and pair tables of `outcomes` over a workforce whose `rows[worker][a]`
/// is worker's group in attribute `a` (empty for unknown), with groups under `min_group`
/// hidden and as many more as it takes that none of them can be worked out.
pub fn release(attributes: usize, rows: &[Vec<String>], outcomes: &[Outcome], min_group: u64) -> Release {
    let splits = splits(attributes);
    // counts[o][s]: every group of split s in outcome o.
    let counts: Vec<Vec<BTreeMap<Vec<String>, Cell>>> = outcomes
        .iter()
        .map(|o| {
            splits
                .iter()
                .map(|split| {
                    let mut cells: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
                    for (&m, &positive) in o.members.iter().zip(&o.positive) {
                        let key: Vec<String> = split.iter().map(|&a| rows[m][a].clone()).collect();
                        cells.entry(key).or_default().add(positive);
                    }
                    cells
                })
                .collect()
        })
        .collect();
    let totals: Vec<Cell> = outcomes
        .iter()
        .map(|o| {
            let mut c = Cell::default();
            o.positive.iter().for_each(|&p| c.add(p));
            c
        })
        .collect();
    // An outcome whose population is under min_group shows no group at all; nor does one that
    // fewer than min_group workers have (or fewer than min_group lack): each table would point
    // at where those few are, and together the tables would give their profile away.
    let open: Vec<bool> =
        totals.iter().map(|t| t.n >= min_group && t.positives >= min_group && t.n - t.positives >= min_group).collect();

    // Attribute tables: the hidden values of each attribute, the same in every outcome, and
    // at least those the workforce's own table hides.
    let seed = workforce_hidden(attributes, rows, min_group);
    let (hidden_values, named) = one_way(attributes, &counts, &totals, &open, min_group, seed);
    // Pair tables: the hidden cells of the grid of shown rows and columns, the same in every
    // outcome. The open outcomes over the same workers share every group's size, so an outsider
    // sets them against each other: their grids are checked together, as one population.
    let mut populations: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (o, outcome) in outcomes.iter().enumerate().filter(|(o, _)| open[*o]) {
        let mut members = outcome.members.clone();
        members.sort_unstable();
        populations.entry(members).or_default().push(o);
    }
    let mut hidden_cells: Vec<BTreeSet<(String, String)>> = vec![BTreeSet::new(); splits.len()];
    let mut withheld = vec![false; splits.len()];
    for (s, split) in splits.iter().enumerate().skip(attributes) {
        let (a, b) = (split[0], split[1]);
        let grids: Vec<Option<Grid>> = counts
            .iter()
            .enumerate()
            .map(|(o, cells)| {
                open[o].then(|| {
                    Grid::new(&cells[s], &cells[a], &cells[b], &hidden_values[a], &hidden_values[b], totals[o])
                })
            })
            .collect();
        let hidden = &mut hidden_cells[s];
        for g in grids.iter().flatten() {
            hidden.extend(g.cells.iter().filter(|(_, c)| c.n < min_group).map(|(k, _)| k.clone()));
        }
        let Some(populations) = populations
            .values()
            .map(|outcomes| Population::new(outcomes.iter().filter_map(|&o| grids[o].as_ref()).collect()))
            .collect::<Option<Vec<Population>>>()
        else {
            withheld[s] = true;
            continue;
        };
        'fix: loop {
            for population in &populations {
                match population.fix(hidden) {
                    Some(Some(more)) => {
                        hidden.extend(more);
                        continue 'fix;
                    }
                    Some(None) => {
                        withheld[s] = true;
                        break 'fix;
                    }
                    None => {}
                }
            }
            break;
        }
    }

    let tables = counts
        .iter()
        .enumerate()
        .map(|(o, cells)| {
            splits
                .iter()
                .enumerate()
                .map(|(s, split)| {
                    let is_shown = |key: &Vec<String>| {
                        open[o]
                            && if split.len() == 1 {
                                !hidden_values[split[0]].contains(&key[0])
                            } else {
                                !withheld[s]
                                    && !hidden_values[split[0]].contains(&key[0])
                                    && !hidden_values[split[1]].contains(&key[1])
                                    && !hidden_cells[s].contains(&(key[0].clone(), key[1].clone()))
                            }
                    };
                    let shown: BTreeMap<Vec<String>, Cell> =
                        cells[s].iter().filter(|(k, _)| is_shown(k)).map(|(k, c)| (k.clone(), *c)).collect();
                    let hidden_keys: Vec<Vec<String>> = cells[s].keys().filter(|k| !is_shown(k)).cloned().collect();
                    let names = split.len() == 1 && open[o] && named[split[0]];
                    Table {
                        attributes: split.clone(),
                        total: totals[o],
                        hidden: names.then_some(hidden_keys.len() as u64),
                        named: if names { hidden_keys } else { Vec::new() },
                        shown,
                    }
                })
                .collect()
        })
        .collect();
    Release { min_group, tables }
}

/// The workforce's own attribute tables, sizes only: every worker, no outcome. [`release`]
/// hides at least the groups these hide, so a page that shows the workforce's groups and an
/// audit of the same workforce can be set side by side without giving a hidden group away.
pub fn workforce(attributes: usize, rows: &[Vec<String>], min_group: u64) -> Vec<Table> {
    let hidden = workforce_hidden(attributes, rows, min_group);
    let open = rows.len() as u64 >= min_group;
    let total = Cell { n: rows.len() as u64, positives: 0 };
    (0..attributes)
        .map(|a| {
            let mut cells: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
            for row in rows {
                cells.entry(vec![row[a].clone()]).or_default().add(false);
            }
            let (shown, hid): (BTreeMap<_, _>, BTreeMap<_, _>) =
                cells.into_iter().partition(|(k, _)| open && !hidden[a].contains(&k[0]));
            let named: Vec<Vec<String>> = if open { hid.into_keys().collect() } else { Vec::new() };
            Table { attributes: vec![a], total, hidden: open.then_some(named.len() as u64), named, shown }
        })
        .collect()
}

/// The values each attribute's table hides over the whole workforce, sizes only.
fn workforce_hidden(attributes: usize, rows: &[Vec<String>], min_group: u64) -> Vec<BTreeSet<String>> {
    let mut total = Cell::default();
    let counts: Vec<Vec<BTreeMap<Vec<String>, Cell>>> = vec![
        (0..attributes)
            .map(|a| {
                let mut cells: BTreeMap<Vec<String>, Cell> = BTreeMap::new();
                for row in rows {
                    cells.entry(vec![row[a].clone()]).or_default().add(false);
                }
                cells
            })
            .collect(),
    ];
    rows.iter().for_each(|_| total.add(false));
    let open = [total.n >= min_group];
    one_way(attributes, &counts, &[total], &open, min_group, vec![BTreeSet::new(); attributes]).0
}

/// The hidden values of every attribute table, starting from `seed`, and whether their names
/// may be printed.
fn one_way(
    attributes: usize,
    counts: &[Vec<BTreeMap<Vec<String>, Cell>>],
    totals: &[Cell],
    open: &[bool],
    min_group: u64,
    seed: Vec<BTreeSet<String>>,
) -> (Vec<BTreeSet<String>>, Vec<bool>) {
    let mut hidden_values = seed;
    let mut named = vec![true; attributes];
    for a in 0..attributes {
        let hidden = &mut hidden_values[a];
        for (_, cells) in counts.iter().enumerate().filter(|(o, _)| open[*o]) {
            hidden.extend(cells[a].iter().filter(|(_, c)| c.n < min_group).map(|(k, _)| k[0].clone()));
        }
        'fix: loop {
            for (o, cells) in counts.iter().enumerate().filter(|(o, _)| open[*o]) {
                match one_way_fix(&cells[a], hidden, totals[o]) {
                    Some(Fix::Hide(value)) => {
                        hidden.insert(value);
                        continue 'fix;
                    }
                    Some(Fix::Unname) => {
                        named[a] = false;
                        break 'fix;
                    }
                    None => {}
                }
            }
            break;
        }
    }
    (hidden_values, named)
}

/// Each attribute alone, then each pair.
fn splits(attributes: usize) -> Vec<Vec<usize>> {
    let mut splits: Vec<Vec<usize>> = (0..attributes).map(|a| vec![a]).collect();
    for a in 0..attributes {
        for b in a + 1..attributes {
            splits.push(vec![a, b]);
        }
    }
    splits
}

enum Fix {
    Hide(String),
    /// No shown cell is left to hide and a hidden one still has no room: print no names, so
    /// no one knows which groups exist.
    Unname,
}

/// In an attribute table with the values `hidden` hidden: the first hidden cell without room,
/// and what to do about it.
fn one_way_fix(cells: &BTreeMap<Vec<String>, Cell>, hidden: &BTreeSet<String>, total: Cell) -> Option<Fix> {
    let hid: Vec<(&String, Cell)> =
        cells.iter().filter(|(k, _)| hidden.contains(&k[0])).map(|(k, c)| (&k[0], *c)).collect();
    let shown = || cells.iter().filter(|(k, _)| !hidden.contains(&k[0])).map(|(k, c)| (&k[0], *c));
    for &(value, c) in &hid {
        let others = || hid.iter().filter(|(v, _)| *v != value).map(|(_, d)| *d);
        let n_room = others().any(|d| d.n >= 2) || (c.n >= 2 && others().next().is_some());
        let p_partner = |d: Cell| (c.positives < c.n && d.positives > 0) || (c.positives > 0 && d.positives < d.n);
        let p_room = total.uniform() || others().any(p_partner);
        if n_room && p_room {
            continue;
        }
        let candidate = shown().filter(|(_, d)| p_room || p_partner(*d)).min_by_key(|(v, d)| (d.n, (*v).clone()));
        return Some(match candidate {
            Some((v, _)) => Fix::Hide(v.clone()),
            None => Fix::Unname,
        });
    }
    None
}

/// A pair table's grid of shown rows and columns in one outcome, with its margins.
struct Grid {
    rows: Vec<String>,
    cols: Vec<String>,
    /// The grid's groups, by (row value, column value).
    cells: BTreeMap<(String, String), Cell>,
    row_margin: Vec<Cell>,
    col_margin: Vec<Cell>,
    /// The hidden rows (all of them together) in each column, and the hidden columns in each
    /// row, each with its parts: `rest_row[column][hidden row]`, `rest_col[row][hidden column]`.
    rest_row: Option<Vec<Vec<Cell>>>,
    rest_col: Option<Vec<Vec<Cell>>>,
    /// The hidden rows in the hidden columns, by (hidden row, hidden column).
    corner: Option<Vec<Cell>>,
    /// The combinations of a shown row and a shown column that no worker has: never shown, so
    /// to an outsider as unknown as a hidden cell (at least 0 workers).
    empty: Vec<(usize, usize)>,
    total: Cell,
}

impl Grid {
    fn new(
        pairs: &BTreeMap<Vec<String>, Cell>,
        a: &BTreeMap<Vec<String>, Cell>,
        b: &BTreeMap<Vec<String>, Cell>,
        hidden_a: &BTreeSet<String>,
        hidden_b: &BTreeSet<String>,
        total: Cell,
    ) -> Grid {
        let rows: Vec<String> = a.keys().map(|k| k[0].clone()).filter(|v| !hidden_a.contains(v)).collect();
        let cols: Vec<String> = b.keys().map(|k| k[0].clone()).filter(|v| !hidden_b.contains(v)).collect();
        let row_of: BTreeMap<&str, usize> = rows.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let col_of: BTreeMap<&str, usize> = cols.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let hidden_row: BTreeMap<&str, usize> = hidden_a.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let hidden_col: BTreeMap<&str, usize> = hidden_b.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let mut cells = BTreeMap::new();
        let mut rest_row = vec![vec![Cell::default(); hidden_a.len()]; cols.len()];
        let mut rest_col = vec![vec![Cell::default(); hidden_b.len()]; rows.len()];
        let mut corner = vec![Cell::default(); hidden_a.len() * hidden_b.len()];
        for (k, &c) in pairs {
            match (row_of.get(k[0].as_str()), col_of.get(k[1].as_str())) {
                (Some(_), Some(_)) => {
                    cells.insert((k[0].clone(), k[1].clone()), c);
                }
                (None, Some(&j)) => rest_row[j][hidden_row[k[0].as_str()]] = c,
                (Some(&i), None) => rest_col[i][hidden_col[k[1].as_str()]] = c,
                (None, None) => corner[hidden_row[k[0].as_str()] * hidden_b.len() + hidden_col[k[1].as_str()]] = c,
            }
        }
        let margin = |m: &BTreeMap<Vec<String>, Cell>, values: &[String]| {
            values.iter().map(|v| m.get(std::slice::from_ref(v)).copied().unwrap_or_default()).collect()
        };
        let (has_rest_row, has_rest_col) = (!hidden_a.is_empty(), !hidden_b.is_empty());
        let empty = (0..rows.len())
            .flat_map(|i| (0..cols.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| !cells.contains_key(&(rows[i].clone(), cols[j].clone())))
            .collect();
        Grid {
            empty,
            row_margin: margin(a, &rows),
            col_margin: margin(b, &cols),
            rows,
            cols,
            cells,
            rest_row: has_rest_row.then_some(rest_row),
            rest_col: has_rest_col.then_some(rest_col),
            corner: (has_rest_row && has_rest_col).then_some(corner),
            total,
        }
    }

    /// The unknowns when `keys` are hidden, as (row node, column node, parts): the hidden grid
    /// cells first (in the order of `keys`), one part each, then the rest cells, a part per hidden
    /// row or column, then the empty combinations, with none. Row node `rows.len()` is the
    /// hidden rows, column node `cols.len()` the hidden columns.
    fn unknowns(&self, keys: &[(String, String)]) -> Vec<(usize, usize, Vec<Cell>)> {
        let row_of: BTreeMap<&str, usize> = self.rows.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let col_of: BTreeMap<&str, usize> = self.cols.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let mut unknowns: Vec<(usize, usize, Vec<Cell>)> =
            keys.iter().map(|k| (row_of[k.0.as_str()], col_of[k.1.as_str()], vec![self.cells[k]])).collect();
        let (rr, cc) = (self.rows.len(), self.cols.len());
        if let Some(rest) = &self.rest_row {
            unknowns.extend(rest.iter().enumerate().map(|(j, parts)| (rr, j, parts.clone())));
        }
        if let Some(rest) = &self.rest_col {
            unknowns.extend(rest.iter().enumerate().map(|(i, parts)| (i, cc, parts.clone())));
        }
        if let Some(parts) = &self.corner {
            unknowns.push((rr, cc, parts.clone()));
        }
        unknowns.extend(self.empty.iter().map(|&(row, col)| (row, col, Vec::new())));
        unknowns
    }
}

/// An unknown of a population's grid: an edge between a row node and a column node, with its
/// figures in each outcome of the population (one size in all). An outsider knows only that it
/// is at least 0: a pair table neither names nor counts its hidden groups, so a hidden cell may
/// as well be empty for all they know.
struct Edge {
    row: usize,
    col: usize,
    /// `cells[outcome]`: the whole unknown.
    cells: Vec<Cell>,
    /// `parts[part][outcome]`: a hidden grid cell is one part; the hidden rows in a column (or
    /// hidden columns in a row) are a part per hidden row, since a worker taken from them is
    /// taken from one of them, and must be of a kind that one holds.
    parts: Vec<Vec<Cell>>,
}

impl Edge {
    fn n(&self) -> u64 {
        self.cells[0].n
    }
}

/// What a worker moved around a cycle must be, as a set of a population's outcomes (bit `i` for
/// its `i`-th outcome): the outcomes it has and those it lacks. Taking it from a cell requires
/// the cell to hold such a worker, as far as an outsider can tell: where the cell's positives
/// are 0 it lacks the outcome, where they are all of it, it has it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Kind {
    has: u64,
    lacks: u64,
}

impl Kind {
    /// The worker once it is also to be taken from `d`, counting the outcomes in `outcomes`:
    /// one kind for each part of `d` that can hold such a worker.
    fn taken_from(self, d: &Edge, outcomes: u64) -> impl Iterator<Item = Kind> + '_ {
        d.parts.iter().filter(|part| part[0].n > 0).filter_map(move |part| {
            let mut kind = self;
            for (i, c) in part.iter().enumerate().filter(|(i, _)| outcomes >> i & 1 == 1) {
                if c.positives == 0 {
                    kind.lacks |= 1 << i;
                }
                if c.positives == c.n {
                    kind.has |= 1 << i;
                }
            }
            (kind.has & kind.lacks == 0).then_some(kind)
        })
    }

    /// Whether every worker of kind `other` is of this kind too: this one asks no more.
    fn within(self, other: Kind) -> bool {
        self.has & !other.has == 0 && self.lacks & !other.lacks == 0
    }
}

/// Something true or not of an unknown's size, and of its positives in each outcome of a
/// population.
type Figures = (bool, Vec<bool>);

/// A pair table's grids over one population: the open outcomes over the same workers. They
/// share every group's size, so a worker moved in one is moved in all, and it has or lacks each
/// outcome: a cell is free only if one such move frees it in all of them at once. Checking each
/// outcome on its own is not enough: one outcome's figures may let a size go up and another's
/// only let it go down, so that together they pin it.
struct Population<'a> {
    grids: Vec<&'a Grid>,
    /// Every outcome's bit.
    every: u64,
    /// Per unknown, by (row node, column node): whether its size, and its positives in each
    /// outcome, are pinned by one outcome's figures alone with the whole grid hidden, which is
    /// to say by the attribute tables and totals.
    anyway: std::cell::RefCell<BTreeMap<(usize, usize), Figures>>,
}

impl<'a> Population<'a> {
    /// The most outcomes one population may have: a worker's kind is a bit per outcome. A larger
    /// population gets no pair tables.
    const MOST: usize = 64;

    fn new(grids: Vec<&'a Grid>) -> Option<Population<'a>> {
        (grids.len() <= Self::MOST).then(|| Population {
            every: u64::MAX >> (64 - grids.len()),
            grids,
            anyway: Default::default(),
        })
    }

    /// The unknowns when `keys` are hidden, with their figures in every outcome.
    fn edges(&self, keys: &[(String, String)]) -> Vec<Edge> {
        let per_outcome: Vec<Vec<(usize, usize, Vec<Cell>)>> = self.grids.iter().map(|g| g.unknowns(keys)).collect();
        (0..per_outcome[0].len())
            .map(|e| {
                let (row, col, ref parts) = per_outcome[0][e];
                let parts: Vec<Vec<Cell>> =
                    (0..parts.len()).map(|p| per_outcome.iter().map(|u| u[e].2[p]).collect()).collect();
                let cells = (0..self.grids.len())
                    .map(|i| parts.iter().fold(Cell::default(), |sum, part| sum.plus(part[i])))
                    .collect();
                Edge { row, col, cells, parts }
            })
            .collect()
    }

    /// Whether every hidden grid cell, and every group of hidden rows or columns taken
    /// together, can change in every outcome at once. `None`: all can (or one outcome's figures
    /// alone pin it with the whole grid hidden: then it follows from the attribute tables, which
    /// this table cannot help). `Some(Some(cells))`: hide these too. `Some(None)`: nothing shown
    /// is left that helps; withhold the table.
    fn fix(&self, hidden: &BTreeSet<(String, String)>) -> Option<Option<Vec<(String, String)>>> {
        let grid = self.grids[0];
        let keys: Vec<(String, String)> = grid.cells.keys().filter(|k| hidden.contains(*k)).cloned().collect();
        let edges = self.edges(&keys);
        let at = |edges: &[Edge], row: usize, col: usize| edges.iter().position(|d| d.row == row && d.col == col);
        // What of an unknown is pinned now that hiding cells could free: its size, and its
        // positives in each outcome.
        let wanted = |e: usize| -> Option<Figures> {
            if edges[e].n() == 0 {
                return None;
            }
            let (size, positives) = self.free(&edges, e, self.every);
            if size && positives.iter().all(|&p| p) {
                return None;
            }
            let (size_anyway, positives_anyway) = self.anyway(edges[e].row, edges[e].col);
            let size = !size && !size_anyway;
            let positives: Vec<bool> = positives.iter().zip(&positives_anyway).map(|(&p, &a)| !p && !a).collect();
            (size || positives.iter().any(|&p| p)).then_some((size, positives))
        };
        let (stuck, (size, positives)) = (0..edges.len()).find_map(|e| wanted(e).map(|w| (e, w)))?;
        let freed = |edges: &[Edge], e: usize| {
            let (s, p) = self.free(edges, e, self.every);
            (s || !size) && p.iter().zip(&positives).all(|(&p, &wanted)| p || !wanted)
        };
        let (row, col) = (edges[stuck].row, edges[stuck].col);
        let in_row = |k: &(String, String)| row < grid.rows.len() && k.0 == grid.rows[row];
        let in_col = |k: &(String, String)| col < grid.cols.len() && k.1 == grid.cols[col];
        // The smallest first: a cell's size is the same in every outcome.
        let shown: Vec<(&(String, String), Cell)> =
            grid.cells.iter().filter(|(k, _)| !hidden.contains(*k)).map(|(k, c)| (k, *c)).collect();
        let mut near: Vec<(&(String, String), Cell)> =
            shown.iter().filter(|(k, _)| in_row(k) || in_col(k)).copied().collect();
        near.sort_by_key(|(k, c)| (c.n, (*k).clone()));
        for (k, _) in &near {
            let mut more = keys.clone();
            more.push((*k).clone());
            let edges = self.edges(&more);
            if let Some(i) = at(&edges, row, col)
                && freed(&edges, i)
            {
                return Some(Some(vec![(*k).clone()]));
            }
        }
        // No one cell makes a cycle: hide the smallest of the row and of the column, and look again.
        let first_in_row = near.iter().find(|(k, _)| in_row(k)).map(|(k, _)| (*k).clone());
        let first_in_col = near.iter().find(|(k, _)| in_col(k)).map(|(k, _)| (*k).clone());
        let more: Vec<(String, String)> = first_in_row.into_iter().chain(first_in_col).collect();
        if !more.is_empty() {
            return Some(Some(more));
        }
        match shown.iter().min_by_key(|(k, c)| (c.n, (*k).clone())) {
            Some((k, _)) => Some(Some(vec![(*k).clone()])),
            None => Some(None),
        }
    }

    /// Whether the unknown at (`row`, `col`)'s size, and its positives in each outcome, are
    /// pinned with the whole grid hidden by one outcome's figures alone. What one outcome's
    /// figures pin, all of them pin; and for one outcome the cycles are exact (its workers with
    /// the outcome and those without are two two-way tables of their own), so what this finds the
    /// attribute tables and totals give away, and hiding pair cells cannot help.
    fn anyway(&self, row: usize, col: usize) -> Figures {
        if let Some(known) = self.anyway.borrow().get(&(row, col)) {
            return known.clone();
        }
        let grid = self.grids[0];
        let everything = self.edges(&grid.cells.keys().cloned().collect::<Vec<_>>());
        let e =
            everything.iter().position(|d| d.row == row && d.col == col).expect("every unknown is in the whole grid");
        let alone: Vec<Figures> = (0..self.grids.len()).map(|i| self.free(&everything, e, 1 << i)).collect();
        let pinned = (alone.iter().any(|(size, _)| !size), alone.iter().enumerate().map(|(i, (_, p))| !p[i]).collect());
        self.anyway.borrow_mut().insert((row, col), pinned.clone());
        pinned
    }

    /// Whether edge `e`'s size, and its positives in each outcome, can change with every margin
    /// of the outcomes in `outcomes` kept.
    fn free(&self, edges: &[Edge], e: usize, outcomes: u64) -> Figures {
        let (row, col) = (edges[e].row, edges[e].col);
        let grid = self.grids[0];
        // Move a worker around a cycle: sizes change, and the positives of each outcome it has.
        let moves =
            |kind: Kind| self.moves(edges, e, true, kind, outcomes) || self.moves(edges, e, false, kind, outcomes);
        let size = moves(Kind::default());
        let positives = self
            .grids
            .iter()
            .enumerate()
            .map(|(i, g)| {
                if outcomes >> i & 1 == 0 {
                    return true;
                }
                // Positives: a worker with the outcome moved as above, or, sizes kept, a worker
                // gains the outcome here and another loses it.
                let exempt = g.total.uniform()
                    || (row < grid.rows.len() && g.row_margin[row].uniform())
                    || (col < grid.cols.len() && g.col_margin[col].uniform());
                exempt || moves(Kind { has: 1 << i, lacks: 0 }) || {
                    let up = |d: &Edge| d.cells[i].positives < d.cells[i].n;
                    let down = |d: &Edge| d.cells[i].positives > 0;
                    (up(&edges[e]) && self.cycle(edges, e, &up, &down, true))
                        || (down(&edges[e]) && self.cycle(edges, e, &up, &down, false))
                }
            })
            .collect();
        (size, positives)
    }

    /// Whether edge `e` lies on a cycle of the other edges that raises it (`raise`) or lowers
    /// it by moving one worker of `kind` (and of whatever kind the cells it is taken from make
    /// it): each edge on the way raised when crossed from its row to its column and lowered the
    /// other way, where the worker is taken from. Sizes can always go up.
    fn moves(&self, edges: &[Edge], e: usize, raise: bool, kind: Kind, outcomes: u64) -> bool {
        let r = self.grids[0].rows.len() + 1;
        let node_count = r + self.grids[0].cols.len() + 1;
        let (row, col) = (edges[e].row, r + edges[e].col);
        // Raising e goes row → col over e, so we need a way back col → row; lowering, row → col.
        let (from, to, kinds): (usize, usize, Vec<Kind>) =
            if raise { (col, row, vec![kind]) } else { (row, col, kind.taken_from(&edges[e], outcomes).collect()) };
        // next[x]: (node, the edge taken from on the way, if any).
        let mut next: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); node_count];
        for (i, d) in edges.iter().enumerate().filter(|&(i, _)| i != e) {
            let (x, y) = (d.row, r + d.col);
            next[x].push((y, None));
            if d.n() > 0 {
                next[y].push((x, Some(i)));
            }
        }
        // Breadth first over (node, kind so far), keeping at each node only the kinds that ask
        // no more than another reached there: a walk found this way shortens to a cycle that
        // asks no more.
        let mut reached: Vec<Vec<Kind>> = vec![Vec::new(); node_count];
        let mut queue = VecDeque::new();
        let mut reach = |y: usize, kind: Kind, queue: &mut VecDeque<(usize, Kind)>| {
            if !reached[y].iter().any(|k| k.within(kind)) {
                reached[y].retain(|k| !kind.within(*k));
                reached[y].push(kind);
                queue.push_back((y, kind));
            }
        };
        for kind in kinds {
            reach(from, kind, &mut queue);
        }
        while let Some((x, kind)) = queue.pop_front() {
            if x == to {
                return true;
            }
            for &(y, taken) in &next[x] {
                match taken {
                    Some(d) => kind.taken_from(&edges[d], outcomes).for_each(|kind| reach(y, kind, &mut queue)),
                    None => reach(y, kind, &mut queue),
                }
            }
        }
        false
    }

    /// Whether edge `e` lies on a cycle of the other edges that raises it (`raise`) or lowers
    /// it, each edge on the way raised when crossed from its row to its column and lowered the
    /// other way, where `up` and `down` allow.
    fn cycle(
        &self,
        edges: &[Edge],
        e: usize,
        up: &dyn Fn(&Edge) -> bool,
        down: &dyn Fn(&Edge) -> bool,
        raise: bool,
    ) -> bool {
        // Nodes: rows 0..=R (R the hidden rows), then columns.
        let r = self.grids[0].rows.len() + 1;
        let node_count = r + self.grids[0].cols.len() + 1;
        let (row, col) = (edges[e].row, r + edges[e].col);
        // Raising e goes row → col over e, so we need a way back col → row; lowering, row → col.
        let (from, to) = if raise { (col, row) } else { (row, col) };
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); node_count];
        for (i, d) in edges.iter().enumerate() {
            if i == e {
                continue;
            }
            let (x, y) = (d.row, r + d.col);
            if up(d) {
                next[x].push(y);
            }
            if down(d) {
                next[y].push(x);
            }
        }
        let mut seen = vec![false; node_count];
        let mut queue = VecDeque::from([from]);
        seen[from] = true;
        while let Some(x) = queue.pop_front() {
            if x == to {
                return true;
            }
            for &y in &next[x] {
                if !seen[y] {
                    seen[y] = true;
                    queue.push_back(y);
                }
            }
        }
        false
    }
}
