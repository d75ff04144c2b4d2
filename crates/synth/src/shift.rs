//! One worker's shift as the scanner records it: a login, scans at the worker's pace as it
//! tires and recovers, breaks (or not), idle waits for pallets, scanner noise, and a logout.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, Gamma};

/// The kinds of event the scanner records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Login,
    Scan,
    Logout,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Login => "login",
            Kind::Scan => "scan",
            Kind::Logout => "logout",
        }
    }
}

/// One recorded event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub worker: u32,
    /// Unix milliseconds.
    pub time_ms: i64,
    pub kind: Kind,
    pub quantity: u32,
}

/// The breaks a worker takes in a shift: (start, length) in seconds from the shift's start.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BreakPlan(Vec<(f64, f64)>);

impl BreakPlan {
    /// Two planned 15-minute breaks, after about 2 hours and 2 hours before the end. A worker
    /// who skips breaks that shift drops each one or cuts it to a dash of a few minutes.
    pub(crate) fn for_shift(hours: f64, skip: bool, rng: &mut ChaCha8Rng) -> BreakPlan {
        let overrun = Exp::new(1.0 / 3.0).expect("valid exponential");
        let planned = [2.0 * 3600.0, (hours - 2.0) * 3600.0];
        let breaks = planned
            .iter()
            .filter_map(|&at| {
                let at = at + rng.random_range(-600.0..600.0);
                if !skip {
                    return Some((at, (15.0 + overrun.sample(rng)) * 60.0));
                }
                rng.random_bool(0.5).then(|| (at, rng.random_range(2.0..6.0) * 60.0))
            })
            .collect();
        BreakPlan(breaks)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Login,
    Work,
    Done,
}

/// A shift being simulated; an iterator over its events in time order.
#[derive(Debug)]
pub struct ShiftSim {
    worker: u32,
    start_ms: i64,
    length_s: f64,
    breaks: Vec<(f64, f64)>,
    next_break: usize,
    pace: f64,
    rng: ChaCha8Rng,
    phase: Phase,
    /// Seconds since the shift started.
    t: f64,
    last_rest: f64,
    double: Option<Event>,
    scanned: u64,
    last_ms: i64,
}

/// Mean units a scan: most scans are one parcel, some a carton of several.
const MEAN_QUANTITY: f64 = 1.0 + 0.03 * 3.0;
const MISSED_SCAN: f64 = 0.01;
const DOUBLE_SCAN: f64 = 0.006;
/// Mean time between waits for work (pallets not ready, system down), seconds.
const IDLE_EVERY_S: f64 = 90.0 * 60.0;

impl ShiftSim {
    pub(crate) fn new(
        worker: u32,
        start_ms: i64,
        hours: f64,
        breaks: BreakPlan,
        pace: f64,
        rng: ChaCha8Rng,
    ) -> ShiftSim {
        ShiftSim {
            worker,
            start_ms,
            length_s: hours * 3600.0,
            breaks: breaks.0,
            next_break: 0,
            pace,
            rng,
            phase: Phase::Login,
            t: 0.0,
            last_rest: 0.0,
            double: None,
            scanned: 0,
            last_ms: start_ms,
        }
    }

    pub fn worker(&self) -> u32 {
        self.worker
    }

    pub fn last_ms(&self) -> i64 {
        self.last_ms
    }

    /// The shift's scan rate as the audit defines it: scanned units over the time from the
    /// first to the last event, per hour. `None` while the shift has no duration.
    pub fn rate(&self) -> Option<f64> {
        let hours = (self.last_ms - self.start_ms) as f64 / 3_600_000.0;
        (hours > 0.0).then(|| self.scanned as f64 / hours)
    }

    /// Units an hour now: slower as the shift goes on, and slower the longer since a real rest.
    fn current_pace(&self) -> f64 {
        let shift_fatigue = 1.0 - 0.07 * (self.t / (8.0 * 3600.0));
        let since_rest = ((self.t - self.last_rest) / (3.0 * 3600.0)).min(1.2);
        self.pace * shift_fatigue * (1.0 - 0.05 * since_rest)
    }

    fn event(&mut self, kind: Kind, quantity: u32) -> Event {
        let time_ms = self.start_ms + (self.t * 1000.0) as i64;
        self.last_ms = time_ms;
        Event { worker: self.worker, time_ms, kind, quantity }
    }

    fn idle_wait(&mut self) -> f64 {
        let u: f64 = self.rng.random();
        let minutes = if u < 0.7 {
            self.rng.random_range(1.0..5.0)
        } else if u < 0.95 {
            self.rng.random_range(5.0..10.0)
        } else {
            self.rng.random_range(10.0..20.0)
        };
        minutes * 60.0
    }
}

impl Iterator for ShiftSim {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        match self.phase {
            Phase::Done => None,
            Phase::Login => {
                self.phase = Phase::Work;
                Some(self.event(Kind::Login, 1))
            }
            Phase::Work => {
                if let Some(double) = self.double.take() {
                    self.last_ms = double.time_ms;
                    return Some(double);
                }
                loop {
                    let mean_gap = 3600.0 * MEAN_QUANTITY / self.current_pace();
                    let gap = Gamma::new(3.0, mean_gap / 3.0).expect("valid gamma");
                    self.t += gap.sample(&mut self.rng);
                    if self.rng.random_bool((mean_gap / IDLE_EVERY_S).min(1.0)) {
                        let wait = self.idle_wait();
                        self.t += wait;
                        if wait >= 15.0 * 60.0 {
                            self.last_rest = self.t;
                        }
                    }
                    if let Some(&(at, length)) = self.breaks.get(self.next_break)
                        && self.t >= at
                    {
                        self.t = self.t.max(at + length);
                        self.next_break += 1;
                        if length >= 15.0 * 60.0 {
                            self.last_rest = self.t;
                        }
                    }
                    if self.t >= self.length_s {
                        self.t = self.t.max(self.length_s);
                        self.phase = Phase::Done;
                        return Some(self.event(Kind::Logout, 1));
                    }
                    if self.rng.random_bool(MISSED_SCAN) {
                        continue;
                    }
                    let quantity = if self.rng.random_bool(0.03) { self.rng.random_range(2..=6) } else { 1 };
                    self.scanned += u64::from(quantity);
                    let scan = self.event(Kind::Scan, quantity);
                    if self.rng.random_bool(DOUBLE_SCAN) {
                        let echo_ms = scan.time_ms + self.rng.random_range(150..900);
                        self.scanned += u64::from(quantity);
                        self.t = (echo_ms - self.start_ms) as f64 / 1000.0;
                        self.double = Some(Event { time_ms: echo_ms, ..scan });
                    }
                    return Some(scan);
                }
            }
        }
    }
}
