//! The workforce and the period: who works when, and what the pace system decides about them.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Normal};

use crate::shift::{BreakPlan, Event, ShiftSim};
use crate::{Error, Params, TARGET_PER_HOUR};

/// Share of the norm below which the pace system warns a flex worker.
pub(crate) const FLEX_WARNING_SHARE: f64 = 0.85;
/// Share of the norm below which it warns a permanent worker: the planted disparity.
pub(crate) const PERMANENT_WARNING_SHARE: f64 = 0.78;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contract {
    Flex,
    Permanent,
}

impl Contract {
    pub fn as_str(self) -> &'static str {
        match self {
            Contract::Flex => "flex",
            Contract::Permanent => "permanent",
        }
    }
}

/// A team, with the time its shift starts (Europe/Amsterdam).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Team {
    Inbound,
    Outbound,
    Returns,
    Night,
}

impl Team {
    pub fn as_str(self) -> &'static str {
        match self {
            Team::Inbound => "inbound",
            Team::Outbound => "outbound",
            Team::Returns => "returns",
            Team::Night => "night",
        }
    }

    fn start(self) -> Time {
        match self {
            Team::Inbound => Time::constant(6, 0, 0, 0),
            Team::Outbound => Time::constant(14, 0, 0, 0),
            Team::Returns => Time::constant(8, 0, 0, 0),
            Team::Night => Time::constant(22, 0, 0, 0),
        }
    }
}

/// One worker: the attributes in `workers.csv` and the hidden traits that shape their events.
#[derive(Clone, Debug)]
pub struct WorkerProfile {
    pub id: String,
    pub gender: &'static str,
    pub age_band: &'static str,
    pub contract: Contract,
    pub team: Team,
    pub under_18: bool,
    /// Units an hour while actually scanning, rested.
    pub pace: f64,
    /// Skips breaks on most shifts to reach the norm.
    pub skipper: bool,
}

/// A generator seeded for one purpose: the same (seed, a, b) always gives the same stream, so
/// each worker and each worker-day is independent of the order in which they are generated.
pub(crate) fn rng_for(seed: u64, a: u64, b: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(splitmix(seed ^ splitmix(a.wrapping_mul(0x9E37_79B9) ^ splitmix(b))))
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn pick<'a>(rng: &mut ChaCha8Rng, choices: &[(&'a str, f64)]) -> &'a str {
    let mut u: f64 = rng.random();
    for (value, p) in choices {
        if u < *p {
            return value;
        }
        u -= p;
    }
    choices[choices.len() - 1].0
}

/// The workforce for a seed: deterministic, one generator per worker.
pub(crate) fn workforce(n: u32, seed: u64) -> Vec<WorkerProfile> {
    let width = n.to_string().len().max(4);
    let pace = Normal::new(960.0, 70.0).expect("valid normal");
    (0..n)
        .map(|i| {
            let mut rng = rng_for(seed, 1, u64::from(i));
            let contract = if rng.random_bool(0.45) { Contract::Flex } else { Contract::Permanent };
            let under_18 = rng.random_bool(0.025);
            let gender = pick(&mut rng, &[("m", 0.63), ("f", 0.35), ("x", 0.02)]);
            let age_band = if under_18 {
                "16-17"
            } else if contract == Contract::Flex {
                pick(&mut rng, &[("18-24", 0.38), ("25-34", 0.34), ("35-44", 0.14), ("45-54", 0.1), ("55+", 0.04)])
            } else {
                pick(&mut rng, &[("18-24", 0.08), ("25-34", 0.27), ("35-44", 0.27), ("45-54", 0.24), ("55+", 0.14)])
            };
            let team = if under_18 {
                Team::Returns
            } else {
                match pick(&mut rng, &[("inbound", 0.35), ("outbound", 0.35), ("returns", 0.12), ("night", 0.18)]) {
                    "inbound" => Team::Inbound,
                    "outbound" => Team::Outbound,
                    "returns" => Team::Returns,
                    _ => Team::Night,
                }
            };
            let pace = Distribution::<f64>::sample(&pace, &mut rng).clamp(650.0, 1150.0);
            // Those close to the norm are the ones who skip breaks to make it; flex workers,
            // whose next contract depends on it, more often.
            let near_norm = (930.0..=1060.0).contains(&pace);
            let p_skip = match (near_norm, contract) {
                (true, Contract::Flex) => 0.7,
                (true, Contract::Permanent) => 0.45,
                (false, _) => 0.05,
            };
            let skipper = !under_18 && rng.random_bool(p_skip);
            WorkerProfile {
                id: format!("W{:0width$}", i + 1),
                gender,
                age_band,
                contract,
                team,
                under_18,
                pace,
                skipper,
            }
        })
        .collect()
}

/// A decision of the pace system about a worker.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Decided {
    pub worker: u32,
    pub time_ms: i64,
    pub decision: &'static str,
    pub automated: bool,
    pub reviewed: bool,
    pub review_seconds: u32,
    pub overturned: bool,
    pub score: Option<f64>,
    /// What the system recorded as its reason.
    pub reason: String,
}

/// The period, day by day.
pub(crate) struct Run<'a> {
    params: &'a Params,
    workers: &'a [WorkerProfile],
    tz: TimeZone,
    decisions: Vec<Decided>,
    warned_week: Vec<Option<(i16, i8)>>,
    warnings: Vec<u32>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(params: &'a Params, workers: &'a [WorkerProfile]) -> Run<'a> {
        Run {
            params,
            workers,
            tz: jiff::tz::db().get("Europe/Amsterdam").expect("the bundled tz database has Amsterdam"),
            decisions: Vec::new(),
            warned_week: vec![None; workers.len()],
            warnings: vec![0; workers.len()],
        }
    }

    pub(crate) fn workers(&self) -> &'a [WorkerProfile] {
        self.workers
    }

    pub(crate) fn into_decisions(self) -> Vec<Decided> {
        self.decisions
    }

    /// Generates every event of the period and hands them to `emit`: one day at a time, the
    /// day's shifts merged in time order (ties by worker). Returns the number of shifts.
    pub(crate) fn events(&mut self, mut emit: impl FnMut(&Event) -> Result<(), Error>) -> Result<u64, Error> {
        let mut shifts = 0;
        for d in 0..self.params.days {
            let date = self.params.start.checked_add(jiff::Span::new().days(i64::from(d)))?;
            let mut sims: Vec<ShiftSim> = Vec::new();
            for (i, w) in self.workers.iter().enumerate() {
                let mut rng = rng_for(self.params.seed, 2 + u64::from(d), i as u64);
                if !works_on(w, date, &mut rng) {
                    continue;
                }
                sims.push(self.shift(i as u32, w, date, rng)?);
            }
            shifts += sims.len() as u64;
            let mut heap: BinaryHeap<Reverse<(i64, u32, usize)>> = BinaryHeap::new();
            let mut pending: Vec<Option<Event>> = Vec::with_capacity(sims.len());
            for (k, sim) in sims.iter_mut().enumerate() {
                let first = sim.next();
                if let Some(e) = &first {
                    heap.push(Reverse((e.time_ms, e.worker, k)));
                }
                pending.push(first);
            }
            while let Some(Reverse((_, _, k))) = heap.pop() {
                let event = pending[k].take().expect("a queued shift has a pending event");
                emit(&event)?;
                match sims[k].next() {
                    Some(next) => {
                        heap.push(Reverse((next.time_ms, next.worker, k)));
                        pending[k] = Some(next);
                    }
                    None => self.decide(&sims[k], date),
                }
            }
        }
        Ok(shifts)
    }

    fn shift(&self, worker: u32, w: &WorkerProfile, date: Date, mut rng: ChaCha8Rng) -> Result<ShiftSim, Error> {
        let (start, hours) = if w.under_18 { (Time::constant(9, 0, 0, 0), 6.0) } else { (w.team.start(), 8.0) };
        let start = self.tz.to_timestamp(date.to_datetime(start))?;
        let late_min: f64 = Normal::new(1.0, 3.0).expect("valid normal").sample(&mut rng);
        let start_ms = start.as_millisecond() + (late_min * 60_000.0) as i64;
        let skip = w.skipper && rng.random_bool(0.8);
        let breaks = BreakPlan::for_shift(hours, skip, &mut rng);
        let day_factor: f64 = Normal::new(1.0, 0.045).expect("valid normal").sample(&mut rng);
        // On a shift without breaks a worker also rushes.
        let day_factor = day_factor.clamp(0.8, 1.2) * if skip { 1.03 } else { 1.0 };
        Ok(ShiftSim::new(worker, start_ms, hours, breaks, w.pace * day_factor, rng))
    }

    /// The pace system's verdict after a shift: a warning below the threshold (at most one a
    /// week), reviewed by a team leader in seconds; every third warning escalates to discipline.
    fn decide(&mut self, sim: &ShiftSim, date: Date) {
        let Some(rate) = sim.rate() else { return };
        let w = &self.workers[sim.worker() as usize];
        let share = match w.contract {
            Contract::Flex => FLEX_WARNING_SHARE,
            Contract::Permanent => PERMANENT_WARNING_SHARE,
        };
        let week = date.iso_week_date();
        let week = (week.year(), week.week());
        let i = sim.worker() as usize;
        if rate >= share * TARGET_PER_HOUR || self.warned_week[i] == Some(week) {
            return;
        }
        self.warned_week[i] = Some(week);
        self.warnings[i] += 1;
        let mut rng = rng_for(self.params.seed, 0x5EED, (u64::from(sim.worker()) << 32) | date.day_of_year() as u64);
        let time_ms = sim.last_ms() + rng.random_range(15 * 60_000..45 * 60_000);
        let review = LogNormal::new(9f64.ln(), 0.55).expect("valid lognormal");
        let reviewed = rng.random_bool(0.93);
        self.decisions.push(Decided {
            worker: sim.worker(),
            time_ms,
            decision: "warning",
            automated: true,
            reviewed,
            review_seconds: if reviewed { review.sample(&mut rng).round().max(2.0) as u32 } else { 0 },
            overturned: false,
            score: Some((rate * 10.0).round() / 10.0),
            reason: format!(
                "pace {:.0} items/h in the shift of {date}, below the warning line of {:.0} items/h",
                rate,
                share * TARGET_PER_HOUR
            ),
        });
        if self.warnings[i].is_multiple_of(3) {
            self.decisions.push(Decided {
                worker: sim.worker(),
                time_ms: time_ms + 20 * 3_600_000,
                decision: "discipline",
                automated: false,
                reviewed: true,
                review_seconds: rng.random_range(900..2700),
                overturned: rng.random_bool(0.1),
                score: None,
                reason: format!("warning number {} about pace", self.warnings[i]),
            });
        }
    }
}

/// Whether a worker has a shift that day: permanent staff Monday to Friday, flex workers when
/// the planner calls them (Monday to Saturday); everyone is sometimes ill.
fn works_on(w: &WorkerProfile, date: Date, rng: &mut ChaCha8Rng) -> bool {
    let weekday = date.weekday();
    match w.contract {
        Contract::Permanent => weekday != Weekday::Saturday && weekday != Weekday::Sunday && rng.random_bool(0.95),
        Contract::Flex => weekday != Weekday::Sunday && rng.random_bool(0.72),
    }
}
