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
//! never shown, so an outsider cannot tell it from a hidden cell). In that grid a hidden cell can
//! change only along a cycle of unknown cells, alternating `+1` and `−1` so every margin stays
//! the same (the classical condition for a two-way table). The grid's hidden cells are checked
//! for such a cycle — one that moves a positive worker (sizes and positives change together),
//! one that moves a worker without the outcome, or one that swaps who has the outcome with the
//! sizes kept — and where there is none, the cheapest shown cell of the same row or column that
//! makes one is hidden as well.
//!
//! Because a hidden row never appears in any pair table, the tables are independent given the
//! attribute tables: a move in one never needs a move in another, and the checks above are
//! exact per table.

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
    // Pair tables: the hidden cells of the grid of shown rows and columns, the same in every outcome.
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
        'fix: loop {
            for g in grids.iter().flatten() {
                match g.fix(hidden) {
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
    /// row; the last entry of each is the hidden rows in the hidden columns.
    rest_row: Option<Vec<Cell>>,
    rest_col: Option<Vec<Cell>>,
    corner: Option<Cell>,
    /// The combinations of a shown row and a shown column that no worker has: never shown, so
    /// to an outsider as unknown as a hidden cell (at least 0 workers).
    empty: Vec<(usize, usize)>,
    total: Cell,
}

/// An unknown of the grid: an edge between a row node and a column node.
#[derive(Clone, Copy)]
struct Edge {
    row: usize,
    col: usize,
    cell: Cell,
    /// The least size the attacker knows: 1 for a group that exists, 0 for a rest cell.
    least: u64,
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
        let mut cells = BTreeMap::new();
        let mut rest_row = vec![Cell::default(); cols.len()];
        let mut rest_col = vec![Cell::default(); rows.len()];
        let mut corner = Cell::default();
        for (k, &c) in pairs {
            match (row_of.get(k[0].as_str()), col_of.get(k[1].as_str())) {
                (Some(_), Some(_)) => {
                    cells.insert((k[0].clone(), k[1].clone()), c);
                }
                (None, Some(&j)) => rest_row[j] = rest_row[j].plus(c),
                (Some(&i), None) => rest_col[i] = rest_col[i].plus(c),
                (None, None) => corner = corner.plus(c),
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

    /// The unknowns when `hidden` are hidden: the hidden grid cells first (in the order of
    /// `keys`), then the rest cells. Row node `rows.len()` is the hidden rows, column node
    /// `cols.len()` the hidden columns.
    fn edges(&self, keys: &[(String, String)]) -> Vec<Edge> {
        let row_of: BTreeMap<&str, usize> = self.rows.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let col_of: BTreeMap<&str, usize> = self.cols.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect();
        let mut edges: Vec<Edge> = keys
            .iter()
            .map(|k| Edge { row: row_of[k.0.as_str()], col: col_of[k.1.as_str()], cell: self.cells[k], least: 1 })
            .collect();
        let (rr, cc) = (self.rows.len(), self.cols.len());
        if let Some(rest) = &self.rest_row {
            edges.extend(rest.iter().enumerate().map(|(j, &cell)| Edge { row: rr, col: j, cell, least: 0 }));
        }
        if let Some(rest) = &self.rest_col {
            edges.extend(rest.iter().enumerate().map(|(i, &cell)| Edge { row: i, col: cc, cell, least: 0 }));
        }
        if let Some(cell) = self.corner {
            edges.push(Edge { row: rr, col: cc, cell, least: 0 });
        }
        edges.extend(self.empty.iter().map(|&(row, col)| Edge { row, col, cell: Cell::default(), least: 0 }));
        edges
    }

    /// Whether every hidden grid cell, and every group of hidden rows or columns taken
    /// together, can change. `None`: all can (or cannot even with the whole grid hidden: then it
    /// follows from the attribute tables alone, which this table cannot help). `Some(Some(cells))`:
    /// hide these too. `Some(None)`: nothing shown is left that helps; withhold the table.
    fn fix(&self, hidden: &BTreeSet<(String, String)>) -> Option<Option<Vec<(String, String)>>> {
        let keys: Vec<(String, String)> = self.cells.keys().filter(|k| hidden.contains(*k)).cloned().collect();
        let edges = self.edges(&keys);
        let all: Vec<(String, String)> = self.cells.keys().cloned().collect();
        let everything = self.edges(&all);
        let at = |edges: &[Edge], row: usize, col: usize| edges.iter().position(|d| d.row == row && d.col == col);
        let stuck = (0..edges.len()).find(|&e| {
            let (row, col) = (edges[e].row, edges[e].col);
            if edges[e].cell.n == 0 {
                return false;
            }
            let (size, positives) = self.free(&edges, e);
            if size && positives {
                return false;
            }
            let Some(i) = at(&everything, row, col) else { return false };
            let (size_all, positives_all) = self.free(&everything, i);
            (!size && size_all) || (!positives && positives_all)
        })?;
        let (row, col) = (edges[stuck].row, edges[stuck].col);
        let in_row = |k: &(String, String)| row < self.rows.len() && k.0 == self.rows[row];
        let in_col = |k: &(String, String)| col < self.cols.len() && k.1 == self.cols[col];
        let shown: Vec<(&(String, String), Cell)> =
            self.cells.iter().filter(|(k, _)| !hidden.contains(*k)).map(|(k, c)| (k, *c)).collect();
        let mut near: Vec<(&(String, String), Cell)> =
            shown.iter().filter(|(k, _)| in_row(k) || in_col(k)).copied().collect();
        near.sort_by_key(|(k, c)| (c.n, (*k).clone()));
        for (k, _) in &near {
            let mut more = keys.clone();
            more.push((*k).clone());
            let edges = self.edges(&more);
            if let Some(i) = at(&edges, row, col)
                && self.free(&edges, i) == (true, true)
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

    /// Whether edge `e`'s size, and its positives, can change with every margin kept.
    fn free(&self, edges: &[Edge], e: usize) -> (bool, bool) {
        let (row, col) = (edges[e].row, edges[e].col);
        // Move a positive worker (or one without the outcome) around a cycle: sizes change, and
        // with a positive worker the positives too.
        let moves = |positive: bool| {
            let down = |d: &Edge| {
                d.cell.n > d.least && if positive { d.cell.positives > 0 } else { d.cell.n > d.cell.positives }
            };
            let up = |_: &Edge| true;
            self.cycle(edges, e, &up, &down, true) || (down(&edges[e]) && self.cycle(edges, e, &up, &down, false))
        };
        let moves_positive = moves(true);
        let size = moves_positive || moves(false);
        // Positives: a positive worker moved as above, or, sizes kept, a worker gains the
        // outcome here and another loses it.
        let exempt = self.total.uniform()
            || (row < self.rows.len() && self.row_margin[row].uniform())
            || (col < self.cols.len() && self.col_margin[col].uniform());
        let positives = exempt || moves_positive || {
            let up = |d: &Edge| d.cell.positives < d.cell.n;
            let down = |d: &Edge| d.cell.positives > 0;
            (up(&edges[e]) && self.cycle(edges, e, &up, &down, true))
                || (down(&edges[e]) && self.cycle(edges, e, &up, &down, false))
        };
        (size, positives)
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
        let r = self.rows.len() + 1;
        let node_count = r + self.cols.len() + 1;
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
