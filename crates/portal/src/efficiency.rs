//! The efficiency view: how work flows through a team (or site, or any attribute of the workers
//! file) by hour of day or by weekday — units per hour, waiting, the share of hours at the
//! norm, the spread of the workload — from anonymised figures instead of individual
//! surveillance. What vendors sell as "bottleneck analytics", without the individuals.
//!
//! Every cell is differentially private (`dp`, OpenDP's discrete Laplace) and every group is
//! one the workforce's own table shows (`disclosure::workforce`), so no cell is ever one
//! worker's. The unit of privacy is a *worker-day*, each one's contribution bounded before any
//! noise: at most [`HOURS_PER_DAY`] of a worker's clock hours count on one day, a clock hour's
//! units at most twice the norm, its long idle gaps at most six. Over a period of d days a
//! worker's whole data is protected at d × ε (group privacy), which `docs/privacy.md` says;
//! protecting the whole worker at ε would need noise d times larger, which for a team of tens
//! leaves nothing to read. The noise's scale follows from those bounds and the ε of the view;
//! the ledger (`store::ledger`) spends the ε once per dataset, audience and view, and asking
//! again returns the same noisy answer.

use std::collections::{BTreeMap, BTreeSet};

use domain::Role;
use serde::{Deserialize, Serialize};

use crate::{Error, MIN_GROUP, Portal, Reader, Result};

/// The ε one view of the flow spends, split equally over its four measures.
pub const VIEW_EPSILON: f64 = 1.0;

/// The ε every audience may spend on one data set, unless the portal is set otherwise.
pub const DEFAULT_BUDGET: f64 = 4.0;

/// At most this many clock hours of a worker count on one day (the first, in time order).
pub const HOURS_PER_DAY: u64 = 10;

/// At most this many long idle gaps (10 minutes or more) count in one clock hour.
const IDLE_PER_HOUR: u64 = 6;

/// The largest norm (units an hour) the view takes: it keeps every bound and sum far from
/// overflowing (10 hours × 2 × 10⁶ units per worker-day).
const MAX_NORM: f64 = 1e6;

/// What the columns of the view are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Hour of day, 0–23, in the organisation's time zone.
    Hour,
    /// Day of the week, 1 (Monday) – 7.
    Weekday,
}

impl Slot {
    pub fn parse(text: &str) -> Option<Slot> {
        match text {
            "hour" => Some(Slot::Hour),
            "weekday" => Some(Slot::Weekday),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Hour => "hour",
            Slot::Weekday => "weekday",
        }
    }

    fn values(self) -> Vec<u8> {
        match self {
            Slot::Hour => (0..24).collect(),
            Slot::Weekday => (1..=7).collect(),
        }
    }

    fn of(self, h: &audit::WorkHour) -> u8 {
        match self {
            Slot::Hour => h.hour,
            Slot::Weekday => h.weekday,
        }
    }
}

/// A noisy number as released: the value, its 95 % interval, and the noise's scale.
pub type Noisy = dp::Noisy;

/// One cell of the view: one group in one hour (or weekday).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowCell {
    pub group: String,
    pub slot: u8,
    /// Worker-hours: clock hours with at least one event.
    pub hours: Noisy,
    /// Units of the norm's kind.
    pub units: Noisy,
    /// Long idle gaps (10 minutes or more) that began in the cell's hours.
    pub idle: Noisy,
    /// Worker-hours whose units reached the norm.
    pub at_norm: Noisy,
}

/// A measure's noise: the bound on one worker's contribution (its L1 sensitivity) and the scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mechanism {
    pub measure: String,
    pub sensitivity: u64,
    pub epsilon: f64,
    pub scale: f64,
    pub ci95_half_width: u64,
}

/// The released view, stored in the ledger as it was first released.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    pub system: String,
    pub attribute: String,
    pub slot: Slot,
    pub kind: String,
    pub per_hour: f64,
    /// The groups shown, in order; groups the workforce's table hides are left out.
    pub groups: Vec<String>,
    pub hidden_groups: u64,
    pub slots: Vec<u8>,
    /// One per group and slot, group by group.
    pub cells: Vec<FlowCell>,
    pub mechanisms: Vec<Mechanism>,
    /// The bounds on each worker-day's contribution: clock hours, and units in one hour.
    pub max_hours_per_day: u64,
    pub max_units_per_hour: u64,
    pub days: u64,
    pub epsilon: f64,
}

/// The privacy budget of a data set for one audience.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    pub total: f64,
    pub spent: f64,
}

/// What asking for a view gives.
#[derive(Debug)]
pub enum Efficiency {
    /// The view, from the ledger (`cached`: released before, nothing spent now).
    Shown { flow: Box<Flow>, cached: bool, budget: Budget },
    /// Not released yet: releasing it would cost `cost` of the budget.
    NotYet { budget: Budget, cost: f64 },
    /// The budget cannot pay for the view; nothing was released.
    BudgetSpent { budget: Budget, cost: f64 },
}

/// The audience whose budget a reader spends: the council and its experts share one.
fn audience(reader: &Reader) -> Result<store::Audience> {
    match reader.role {
        Role::Council | Role::Expert => Ok(store::Audience::Council),
        Role::Inspector => Ok(store::Audience::Inspector),
        Role::Admin => Ok(store::Audience::Admin),
        Role::Worker => Err(Error::NotFound),
    }
}

/// Which attributes a view can be by: those that make groups.
pub fn attributes(workers: &[domain::Worker]) -> Vec<String> {
    grouping(workers).used
}

fn grouping(workers: &[domain::Worker]) -> disclosure::Grouping {
    disclosure::Grouping::of(&workers.iter().map(|w| &w.attributes).collect::<Vec<_>>())
}

/// The groups of `attribute` that the workforce's own table shows (`disclosure::workforce`),
/// how many it hides, and each shown group's workers.
struct Shown<'a> {
    groups: Vec<String>,
    hidden_groups: u64,
    /// A worker's index in `groups`; workers of a hidden group are not here.
    group_of: BTreeMap<&'a str, usize>,
}

fn shown_groups<'a>(workers: &'a [domain::Worker], attribute: &str) -> Result<Shown<'a>> {
    let disclosure::Grouping { used, rows, .. } = grouping(workers);
    let Some(column) = used.iter().position(|a| a == attribute) else {
        return Err(Error::Invalid("efficiency-bad-attribute"));
    };
    let table = disclosure::workforce(used.len(), &rows, MIN_GROUP as u64).swap_remove(column);
    let groups: Vec<String> = table.shown.into_keys().map(|k| k[0].clone()).collect();
    let group_of = workers
        .iter()
        .enumerate()
        .filter_map(|(i, w)| groups.iter().position(|g| *g == rows[i][column]).map(|g| (w.id.as_str(), g)))
        .collect();
    Ok(Shown { groups, hidden_groups: table.hidden.unwrap_or(0), group_of })
}

/// The true sums of the view, before noise: per (group, slot), worker-hours, units, idle gaps,
/// hours at the norm.
struct Sums {
    groups: Vec<String>,
    hidden_groups: u64,
    slots: Vec<u8>,
    cells: Vec<[i64; 4]>,
    max_units: u64,
    days: u64,
}

/// Adds up each shown group's bounded contributions.
fn sums(
    workers: &[domain::Worker],
    attribute: &str,
    hours: &[audit::WorkerHours],
    slot: Slot,
    per_hour: f64,
) -> Result<Sums> {
    let Shown { groups, hidden_groups, group_of } = shown_groups(workers, attribute)?;
    let days = hours.iter().flat_map(|w| w.hours.iter().map(|h| h.date.as_str())).collect::<BTreeSet<_>>().len() as u64;
    // No real norm is near a million units an hour; past it the bounds below could overflow.
    if !(per_hour.is_finite() && per_hour > 0.0 && per_hour <= MAX_NORM) {
        return Err(Error::Invalid("efficiency-bad-norm"));
    }
    let max_units = (2.0 * per_hour).ceil() as u64;
    let slots = slot.values();
    let mut cells = vec![[0i64; 4]; groups.len() * slots.len()];
    for w in hours {
        let Some(&g) = group_of.get(w.worker.as_str()) else { continue };
        // The worker's hours in time order, at most HOURS_PER_DAY of them on any one day.
        let mut on_day: BTreeMap<&str, u64> = BTreeMap::new();
        for h in &w.hours {
            let n = on_day.entry(h.date.as_str()).or_default();
            *n += 1;
            if *n > HOURS_PER_DAY {
                continue;
            }
            let Some(s) = slots.iter().position(|&v| v == slot.of(h)) else { continue };
            let units = h.units.round().clamp(0.0, max_units as f64) as i64;
            let cell = &mut cells[g * slots.len() + s];
            cell[0] += 1;
            cell[1] += units;
            cell[2] += i64::from(h.idle_gaps).min(IDLE_PER_HOUR as i64);
            cell[3] += i64::from(h.units >= per_hour);
        }
    }
    Ok(Sums { groups, hidden_groups, slots, cells, max_units, days })
}

/// Draws the noise: four measures, each a vector over every cell, each with a quarter of the ε.
fn noisy(sums: &Sums, system: &str, attribute: &str, slot: Slot, kind: &str, per_hour: f64) -> Result<Flow> {
    let share = dp::split(VIEW_EPSILON, 4).map_err(|_| Error::Invalid("efficiency-budget"))?;
    // One worker-day moves each measure, over every cell together, by at most this much.
    let bounds = [
        ("hours", HOURS_PER_DAY),
        ("units", HOURS_PER_DAY * sums.max_units),
        ("idle", HOURS_PER_DAY * IDLE_PER_HOUR),
        ("at_norm", HOURS_PER_DAY),
    ];
    let mut released: Vec<Vec<Noisy>> = Vec::new();
    let mut mechanisms = Vec::new();
    for (m, (measure, sensitivity)) in bounds.iter().enumerate() {
        let plan = dp::plan(*sensitivity, share).map_err(|_| Error::Invalid("efficiency-budget"))?;
        let truth: Vec<i64> = sums.cells.iter().map(|c| c[m]).collect();
        released.push(plan.release_vector(&truth).map_err(|_| Error::Invalid("efficiency-budget"))?);
        mechanisms.push(Mechanism {
            measure: (*measure).to_owned(),
            sensitivity: *sensitivity,
            epsilon: plan.epsilon(),
            scale: plan.scale(),
            ci95_half_width: plan.ci95_half_width(),
        });
    }
    let cells = (0..sums.cells.len())
        .map(|i| FlowCell {
            group: sums.groups[i / sums.slots.len()].clone(),
            slot: sums.slots[i % sums.slots.len()],
            hours: released[0][i],
            units: released[1][i],
            idle: released[2][i],
            at_norm: released[3][i],
        })
        .collect();
    Ok(Flow {
        system: system.to_owned(),
        attribute: attribute.to_owned(),
        slot,
        kind: kind.to_owned(),
        per_hour,
        groups: sums.groups.clone(),
        hidden_groups: sums.hidden_groups,
        slots: sums.slots.clone(),
        cells,
        epsilon: mechanisms.iter().map(|m| m.epsilon).sum(),
        mechanisms,
        max_hours_per_day: HOURS_PER_DAY,
        max_units_per_hour: sums.max_units,
        days: sums.days,
    })
}

impl Portal {
    /// The data set a budget is kept for: the events file and its size, so importing the same
    /// events again does not buy a fresh budget.
    async fn privacy_dataset(&self) -> Result<Option<(std::path::PathBuf, String)>> {
        Ok(self.store.events_file().await?.map(|(path, rows)| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (path, format!("events {name} ({rows} rows)"))
        }))
    }

    /// The budget `reader`'s audience has on the current data set (`None`: no events loaded).
    pub async fn privacy_budget(&self, reader: &Reader) -> Result<Option<Budget>> {
        let audience = audience(reader)?;
        let Some((_, dataset)) = self.privacy_dataset().await? else { return Ok(None) };
        let stored = self.store.privacy_budget(&dataset, audience).await?;
        Ok(Some(match stored {
            Some(b) => Budget { total: b.total(), spent: b.spent() },
            None => Budget { total: self.privacy_budget, spent: 0.0 },
        }))
    }

    /// The efficiency view of `system` by `attribute` and `slot` as `reader`'s audience has it:
    /// released before, or what releasing it would cost. Spends nothing.
    pub async fn efficiency(&self, reader: &Reader, system: &str, attribute: &str, slot: Slot) -> Result<Efficiency> {
        let audience = audience(reader)?;
        let (query, dataset) = self.efficiency_query(system, attribute, slot).await?;
        let budget = self.privacy_budget(reader).await?.unwrap_or(Budget { total: self.privacy_budget, spent: 0.0 });
        Ok(match self.store.privacy_cached(&dataset, audience, &query.key).await? {
            Some(result) => Efficiency::Shown { flow: Box::new(serde_json::from_str(&result)?), cached: true, budget },
            None if budget.spent + VIEW_EPSILON > budget.total + 1e-9 => {
                Efficiency::BudgetSpent { budget, cost: VIEW_EPSILON }
            }
            None => Efficiency::NotYet { budget, cost: VIEW_EPSILON },
        })
    }

    /// Releases the efficiency view of `system` by `attribute` and `slot` for `reader`'s
    /// audience, spending [`VIEW_EPSILON`] of its budget the first time; the same answer ever
    /// after, at no cost.
    pub async fn release_efficiency(
        &self,
        reader: &Reader,
        system: &str,
        attribute: &str,
        slot: Slot,
    ) -> Result<Efficiency> {
        let audience = audience(reader)?;
        let (query, dataset) = self.efficiency_query(system, attribute, slot).await?;
        let workers = self.store.workers().await?;
        // The true sums are computed before the ledger's transaction, which only draws the noise.
        let mut params = audit::Params::new(query.events.clone(), vec![(query.kind.clone(), query.per_hour)]);
        params.time_zone = self.time_zone_name().await?;
        let pseudonyms = self.pseudonymiser.clone();
        params.rename = Some(audit::Rename(std::sync::Arc::new(move |id: &str| pseudonyms.pseudonym(id))));
        let hours = audit::worker_hours(&params).await?;
        let sums = sums(&workers, attribute, &hours, slot, query.per_hour)?;
        drop(hours);
        // The ledger keeps one scale per release: the worker-hours' (each measure's is in the result).
        let share = dp::split(VIEW_EPSILON, 4).map_err(|_| Error::Invalid("efficiency-budget"))?;
        let plan = dp::plan(HOURS_PER_DAY, share).map_err(|_| Error::Invalid("efficiency-budget"))?;
        let request = store::PrivacyRequest {
            dataset: &dataset,
            audience,
            query_key: &query.key,
            total_epsilon: self.privacy_budget,
            cost_epsilon: VIEW_EPSILON,
            scale: plan.scale(),
            by: &reader.name,
        };
        let released = self
            .store
            .privacy_release(&request, || {
                let flow = noisy(&sums, &query.system, attribute, slot, &query.kind, query.per_hour)?;
                Ok::<String, Error>(serde_json::to_string(&flow)?)
            })
            .await;
        match released {
            Ok(r) => Ok(Efficiency::Shown {
                flow: Box::new(serde_json::from_str(&r.result)?),
                cached: r.cached,
                budget: Budget { total: r.budget.total(), spent: r.budget.spent() },
            }),
            Err(store::ReleaseError::BudgetSpent { spent, total, cost, .. }) => {
                Ok(Efficiency::BudgetSpent { budget: Budget { total, spent }, cost })
            }
            Err(store::ReleaseError::Compute(e)) => Err(e),
            Err(store::ReleaseError::Store(e)) => Err(e.into()),
            Err(_) => Err(Error::Invalid("efficiency-budget")),
        }
    }

    /// The name of the system a view is of, as its page is titled; 404 for an unknown system.
    pub async fn efficiency_system_name(&self, system: &str) -> Result<String> {
        let Some(version) = self.store.latest_register().await? else { return Err(Error::NotFound) };
        version.register.systems.iter().find(|s| s.id == system).map(|s| s.name.clone()).ok_or(Error::NotFound)
    }

    /// What a view asks: its system's first norm, the events, the ledger's key; and the data set.
    async fn efficiency_query(&self, system: &str, attribute: &str, slot: Slot) -> Result<(Query, String)> {
        let Some(version) = self.store.latest_register().await? else { return Err(Error::NotFound) };
        let Some(system) = version.register.systems.iter().find(|s| s.id == system) else {
            return Err(Error::NotFound);
        };
        let Some(target) = system.targets.first() else { return Err(Error::Invalid("efficiency-no-norm")) };
        let Some((events, dataset)) = self.privacy_dataset().await? else {
            return Err(Error::Invalid("efficiency-no-events"));
        };
        if !(target.per_hour.is_finite() && target.per_hour > 0.0 && target.per_hour <= MAX_NORM) {
            return Err(Error::Invalid("efficiency-bad-norm"));
        }
        // The time zone and the attribute's groups are part of the question: a new import with
        // another zone or other groups asks afresh (and spends afresh) instead of showing an old
        // answer.
        let workers = self.store.workers().await?;
        let groups = shown_groups(&workers, attribute)?.groups;
        let key = format!(
            "efficiency v3 (worker-day) · system {} · {}={} · by {attribute} ({}) · per {} · zone {} · ε {VIEW_EPSILON}",
            system.id,
            target.kind,
            target.per_hour,
            groups.join(" | "),
            slot.as_str(),
            self.time_zone_name().await?,
        );
        let query =
            Query { system: system.id.clone(), kind: target.kind.clone(), per_hour: target.per_hour, events, key };
        Ok((query, dataset))
    }
}

/// A view's question, resolved.
struct Query {
    system: String,
    kind: String,
    per_hour: f64,
    events: std::path::PathBuf,
    key: String,
}

/// A figure as a page shows it: the estimate and its 95 % interval, or a dash when the noise
/// leaves nothing to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: String,
    pub interval: String,
    /// The estimate as a share of the largest in its chart, 0–1, for a bar.
    pub bar: f64,
    /// The interval's ends as shares of the largest, for a whisker.
    pub whisker: (f64, f64),
    pub known: bool,
}

/// One row of a group's table: an hour or a weekday.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotRow {
    pub label: String,
    pub hours: Figure,
    pub units_per_hour: Figure,
    pub idle_per_hour: Figure,
    pub at_norm: Figure,
}

/// One group's flow.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFlow {
    pub group: String,
    pub rows: Vec<SlotRow>,
}

/// The view as a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowView {
    pub intro: String,
    pub groups: Vec<GroupFlow>,
    /// Per measure: name, one worker's bound, ε, scale, ± of the 95 % interval.
    pub mechanisms: Vec<(String, String, String, String, String)>,
    pub hidden_groups: String,
    /// Where the norm falls in the units-per-hour bars, 0–1.
    pub norm_at: f64,
}

/// A ratio of two noisy sums with a range from their intervals (at least 90 % together).
fn ratio(t: &locale::Tr, top: &Noisy, bottom: &Noisy, decimals: usize, percent: bool) -> (Option<f64>, Figure) {
    if bottom.ci95.0 < 1 {
        return (
            None,
            Figure {
                value: "—".into(),
                interval: t.t("efficiency-too-noisy"),
                bar: 0.0,
                whisker: (0.0, 0.0),
                known: false,
            },
        );
    }
    let estimate = top.value.max(0) as f64 / bottom.value.max(1) as f64;
    let low = top.ci95.0.max(0) as f64 / bottom.ci95.1.max(1) as f64;
    let high = top.ci95.1.max(0) as f64 / bottom.ci95.0 as f64;
    let show = |x: f64| if percent { t.pct(Some(x.min(1.0))) } else { t.num(x, decimals) };
    let figure = Figure {
        value: show(estimate),
        interval: format!("{} – {}", show(low), show(high)),
        bar: estimate,
        whisker: (low, high),
        known: true,
    };
    (Some(estimate), figure)
}

fn count(t: &locale::Tr, x: &Noisy) -> Figure {
    Figure {
        value: t.int(x.value.max(0)),
        interval: format!("{} – {}", t.int(x.ci95.0.max(0)), t.int(x.ci95.1.max(0))),
        bar: x.value.max(0) as f64,
        whisker: (x.ci95.0.max(0) as f64, x.ci95.1.max(0) as f64),
        known: true,
    }
}

/// Scales a column's bars and whiskers to its largest estimate (at least `floor`); a whisker
/// past it is cut at the edge.
fn scale_bars(figures: &mut [&mut Figure], floor: f64) {
    let top = figures.iter().filter(|f| f.known).map(|f| f.bar).fold(floor, f64::max);
    for f in figures.iter_mut() {
        f.bar = (f.bar / top).clamp(0.0, 1.0);
        f.whisker = ((f.whisker.0 / top).clamp(0.0, 1.0), (f.whisker.1 / top).clamp(0.0, 1.0));
    }
}

/// The view of a released flow, in the reader's language.
pub fn view(flow: &Flow, t: &locale::Tr) -> FlowView {
    let slot_label = |s: u8| match flow.slot {
        Slot::Hour => format!("{s:02}:00–{:02}:00", (s + 1) % 24),
        Slot::Weekday => t.t(&format!("weekday-{s}")),
    };
    let mut groups: Vec<GroupFlow> = flow
        .groups
        .iter()
        .map(|g| GroupFlow {
            group: if g.is_empty() { t.t("home-groups-unknown") } else { g.clone() },
            rows: flow
                .cells
                .iter()
                .filter(|c| c.group == *g)
                .map(|c| SlotRow {
                    label: slot_label(c.slot),
                    hours: count(t, &c.hours),
                    units_per_hour: ratio(t, &c.units, &c.hours, 0, false).1,
                    idle_per_hour: ratio(t, &c.idle, &c.hours, 2, false).1,
                    at_norm: ratio(t, &c.at_norm, &c.hours, 0, true).1,
                })
                .collect(),
        })
        .collect();
    // One scale for every group's units per hour, so groups can be compared; the norm on it.
    let top = groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|r| &r.units_per_hour))
        .filter(|f| f.known)
        .map(|f| f.bar)
        .fold(flow.per_hour * 1.25, f64::max);
    for g in &mut groups {
        for r in &mut g.rows {
            let f = &mut r.units_per_hour;
            f.bar = (f.bar / top).clamp(0.0, 1.0);
            f.whisker = ((f.whisker.0 / top).clamp(0.0, 1.0), (f.whisker.1 / top).clamp(0.0, 1.0));
        }
        let mut hours: Vec<&mut Figure> = g.rows.iter_mut().map(|r| &mut r.hours).collect();
        scale_bars(&mut hours, 1.0);
        let mut at_norm: Vec<&mut Figure> = g.rows.iter_mut().map(|r| &mut r.at_norm).collect();
        scale_bars(&mut at_norm, 1.0);
        let mut idle: Vec<&mut Figure> = g.rows.iter_mut().map(|r| &mut r.idle_per_hour).collect();
        scale_bars(&mut idle, 0.5);
    }
    FlowView {
        intro: t.ta(
            "efficiency-intro",
            &[
                ("attribute", flow.attribute.clone()),
                ("slot", t.t(&format!("efficiency-per-{}", flow.slot.as_str()))),
                ("kind", flow.kind.clone()),
                ("norm", t.num(flow.per_hour, 0)),
                ("epsilon", t.num(flow.epsilon, 2)),
                ("days", flow.days.to_string()),
                ("hours", flow.max_hours_per_day.to_string()),
                ("units", flow.max_units_per_hour.to_string()),
            ],
        ),
        groups,
        mechanisms: flow
            .mechanisms
            .iter()
            .map(|m| {
                (
                    t.t(&format!("efficiency-measure-{}", m.measure)),
                    t.int(m.sensitivity as i64),
                    t.num(m.epsilon, 2),
                    // A whole scale (the usual case) with thousands grouped, like its bound.
                    if m.scale.fract() == 0.0 && m.scale.abs() < 1e15 {
                        t.int(m.scale as i64)
                    } else {
                        t.num(m.scale, 1)
                    },
                    format!("± {}", t.int(m.ci95_half_width as i64)),
                )
            })
            .collect(),
        hidden_groups: match flow.hidden_groups {
            0 => String::new(),
            n => t.ta("efficiency-hidden-groups", &[("count", n.to_string()), ("min", MIN_GROUP.to_string())]),
        },
        norm_at: (flow.per_hour / top).clamp(0.0, 1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(id: &str, team: &str) -> domain::Worker {
        domain::Worker { id: id.into(), attributes: [("team".to_owned(), team.to_owned())].into() }
    }

    fn hour(date: &str, weekday: u8, hour: u8, units: f64, idle_gaps: u32) -> audit::WorkHour {
        audit::WorkHour { date: date.into(), weekday, hour, units, idle_gaps }
    }

    /// The true sums against a count by hand: ten workers in team a and ten in b, teams c and d
    /// too small to show; each worker's contribution bounded (hours per day, units per hour, waits).
    #[test]
    fn the_sums_bound_each_workers_contribution_and_leave_small_groups_out() {
        let mut workers: Vec<domain::Worker> = (0..10).map(|i| worker(&format!("a{i}"), "a")).collect();
        workers.extend((0..10).map(|i| worker(&format!("b{i}"), "b")));
        workers.extend((0..3).map(|i| worker(&format!("c{i}"), "c")));
        workers.extend((0..4).map(|i| worker(&format!("d{i}"), "d")));
        let mut hours: Vec<audit::WorkerHours> = Vec::new();
        for w in &workers {
            // One day: 08:00 with 900 units (capped at 2 × 100 = 200) and 9 waits (capped at 6),
            // 09:00 with 100 units (at the norm), 10:00 with 50 (below).
            let h = vec![
                hour("2026-03-02", 1, 8, 900.0, 9),
                hour("2026-03-02", 1, 9, 100.0, 1),
                hour("2026-03-02", 1, 10, 50.0, 0),
            ];
            hours.push(audit::WorkerHours { worker: w.id.clone(), hours: h });
        }
        // One worker of team a with 12 hours on the day: only the first 10 count.
        hours[0].hours = (0..12).map(|h| hour("2026-03-02", 1, h, 10.0, 0)).collect();
        let sums = sums(&workers, "team", &hours, Slot::Hour, 100.0).unwrap();
        assert_eq!(sums.groups, ["a", "b"]);
        assert_eq!(sums.hidden_groups, 2);
        assert_eq!((sums.days, sums.max_units), (1, 200));
        let cell = |g: usize, h: usize| sums.cells[g * 24 + h];
        // Team b at 08:00: 10 hours, 10 × 200 units, 10 × 6 waits, 10 at the norm.
        assert_eq!(cell(1, 8), [10, 2000, 60, 10]);
        assert_eq!(cell(1, 9), [10, 1000, 10, 10]);
        assert_eq!(cell(1, 10), [10, 500, 0, 0]);
        // Team a: nine like b, plus a0's hours 0..=9 (10 units each, below the norm).
        assert_eq!(cell(0, 8), [10, 9 * 200 + 10, 54, 9]);
        assert_eq!(cell(0, 11), [0, 0, 0, 0], "a0's 11th and 12th hours do not count");
        assert_eq!(cell(0, 3), [1, 10, 0, 0]);
        let all: i64 = sums.cells.iter().map(|c| c[0]).sum();
        assert_eq!(all, 9 * 3 + 10 + 10 * 3, "teams c's and d's hours are nowhere");
    }

    /// A norm of 10¹⁸ an hour made the units' bound wrap around to 4 in a release build, and
    /// the noise with it: such a norm is refused.
    #[test]
    fn an_absurd_norm_is_refused_before_its_bound_can_overflow() {
        let workers: Vec<domain::Worker> = (0..10).map(|i| worker(&format!("a{i}"), "a")).collect();
        let hours: Vec<audit::WorkerHours> = workers
            .iter()
            .map(|w| audit::WorkerHours { worker: w.id.clone(), hours: vec![hour("2026-03-02", 1, 8, 5.0, 0)] })
            .collect();
        for norm in [922_337_203_685_477_581.0, f64::INFINITY, 0.0, -1.0] {
            assert!(
                matches!(sums(&workers, "team", &hours, Slot::Hour, norm), Err(Error::Invalid("efficiency-bad-norm"))),
                "{norm}"
            );
        }
        assert!(sums(&workers, "team", &hours, Slot::Hour, MAX_NORM).is_ok());
    }
}
