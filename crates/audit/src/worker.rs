//! One pass over one worker's time-ordered events: shifts, gaps, pauses, legal breaks, units per
//! target kind and the CNIL indicators. Pure: no IO, no shared state, so workers run in parallel.

use crate::input::Ev;

/// Thresholds of the definitions, in milliseconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Thresholds {
    pub shift_gap_ms: i64,
    pub pause_min_ms: i64,
}

pub(crate) const RAPID_MS: i64 = 1_250;
pub(crate) const LONG_IDLE_MS: i64 = 600_000;
pub(crate) const SHORT_PAUSE_MS: i64 = 60_000;
const HOUR_MS: i64 = 3_600_000;

/// One shift of one worker.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shift {
    pub start_ms: i64,
    pub duration_ms: i64,
    pub pause_ms: i64,
    /// Units of each target's kind, in the order of the targets.
    pub units: Vec<f64>,
    /// Events of each target's kind: a shift with none did not do that task.
    pub tasks: Vec<u64>,
    pub long_idle: u64,
    pub short_pauses: u64,
    pub required_break_ms: i64,
}

impl Shift {
    pub(crate) fn rated(&self) -> bool {
        self.duration_ms > 0
    }

    /// Rated for a target: rated, and it did the target's task (an event of its kind).
    pub(crate) fn rated_for(&self, target: usize) -> bool {
        self.rated() && self.tasks[target] > 0
    }

    pub(crate) fn rate(&self, target: usize) -> f64 {
        self.units[target] / (self.duration_ms as f64 / HOUR_MS as f64)
    }

    pub(crate) fn needs_break(&self) -> bool {
        self.required_break_ms > 0
    }

    pub(crate) fn misses_break(&self) -> bool {
        self.pause_ms < self.required_break_ms
    }
}

/// What one worker's events give.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct WorkerPass {
    pub shifts: Vec<Shift>,
    /// Events of the CNIL kind, and how many of them came < 1.25 s after the previous event.
    pub cnil_events: u64,
    pub rapid: u64,
}

/// Arbeidstijdenwet 5:4: the break a shift of this duration needs, in milliseconds.
pub(crate) fn required_break_ms(duration_ms: i64, under_18: bool) -> i64 {
    let minutes = if under_18 {
        if duration_ms > 9 * HOUR_MS / 2 { 30 } else { 0 }
    } else if duration_ms > 10 * HOUR_MS {
        45
    } else if duration_ms > 11 * HOUR_MS / 2 {
        30
    } else {
        0
    };
    minutes * 60_000
}

/// The pass, over the events in time order, equal times in file order (`Runs::by_time`).
pub(crate) fn pass<'a>(
    events: impl Iterator<Item = &'a Ev>,
    under_18: bool,
    targets: &[Option<u16>],
    cnil_kind: Option<u16>,
    t: Thresholds,
) -> WorkerPass {
    let mut out = WorkerPass::default();
    let mut current: Option<Shift> = None;
    let mut last_ms: Option<i64> = None;
    for e in events {
        let gap = last_ms.map(|l| e.time_ms - l);
        if Some(e.kind) == cnil_kind {
            out.cnil_events += 1;
            if gap.is_some_and(|g| g < RAPID_MS) {
                out.rapid += 1;
            }
        }
        let new_shift = gap.is_none_or(|g| g > t.shift_gap_ms);
        if new_shift {
            if let Some(done) = current.take() {
                out.shifts.push(close(done, under_18));
            }
            current = Some(Shift {
                start_ms: e.time_ms,
                duration_ms: 0,
                pause_ms: 0,
                units: vec![0.0; targets.len()],
                tasks: vec![0; targets.len()],
                long_idle: 0,
                short_pauses: 0,
                required_break_ms: 0,
            });
        } else if let (Some(shift), Some(g)) = (current.as_mut(), gap) {
            if g >= t.pause_min_ms {
                shift.pause_ms += g;
            }
            if g >= LONG_IDLE_MS {
                shift.long_idle += 1;
            } else if g >= SHORT_PAUSE_MS {
                shift.short_pauses += 1;
            }
        }
        let shift = current.as_mut().expect("a shift is open");
        shift.duration_ms = e.time_ms - shift.start_ms;
        for (i, kind) in targets.iter().enumerate() {
            if Some(e.kind) == *kind {
                shift.units[i] += e.quantity;
                shift.tasks[i] += 1;
            }
        }
        last_ms = Some(e.time_ms);
    }
    if let Some(done) = current.take() {
        out.shifts.push(close(done, under_18));
    }
    out
}

/// Sets every shift's required break for a worker who is (or is not) under 18: the cluster's pass
/// does not know who is.
#[cfg(feature = "cluster")]
pub(crate) fn close_all(pass: &mut WorkerPass, under_18: bool) {
    for shift in &mut pass.shifts {
        shift.required_break_ms = required_break_ms(shift.duration_ms, under_18);
    }
}

fn close(mut shift: Shift, under_18: bool) -> Shift {
    shift.required_break_ms = required_break_ms(shift.duration_ms, under_18);
    shift
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds { shift_gap_ms: 4 * HOUR_MS, pause_min_ms: 15 * 60_000 };

    /// The pass over `events` sorted as the audit sorts them (stable: ties keep file order).
    fn pass(
        events: &mut [Ev],
        under_18: bool,
        targets: &[Option<u16>],
        cnil: Option<u16>,
        t: Thresholds,
    ) -> WorkerPass {
        events.sort_by_key(|e| e.time_ms);
        super::pass(events.iter(), under_18, targets, cnil, t)
    }

    fn ev(min: i64, kind: u16) -> Ev {
        Ev { time_ms: min * 60_000, kind, quantity: 1.0 }
    }

    #[test]
    fn a_six_hour_shift_with_a_twenty_minute_gap_misses_its_break() {
        let mut events = vec![ev(0, 0), ev(100, 0), ev(120, 0), ev(360, 0)];
        let p = pass(&mut events, false, &[Some(0)], Some(0), T);
        assert_eq!(p.shifts.len(), 1);
        let s = &p.shifts[0];
        assert_eq!(
            (s.duration_ms, s.pause_ms, s.required_break_ms),
            (360 * 60_000, 360 * 60_000, 30 * 60_000),
            "every gap is a pause"
        );
        assert!(!s.misses_break());
        let mut events = vec![
            ev(0, 0),
            ev(10, 0),
            ev(30, 0),
            ev(40, 0),
            ev(50, 0),
            ev(60, 0),
            ev(70, 0),
            ev(80, 0),
            ev(90, 0),
            ev(100, 0),
        ];
        // Spread to 6 h with 10-minute steps: no gap reaches 15 minutes.
        events.extend((11..=36).map(|i| ev(i * 10, 0)));
        let p = pass(&mut events, false, &[Some(0)], None, T);
        let s = &p.shifts[0];
        assert_eq!(s.duration_ms, 360 * 60_000);
        assert_eq!(s.pause_ms, 20 * 60_000, "the one 20-minute gap");
        assert!(s.misses_break());
    }

    #[test]
    fn shifts_split_after_more_than_four_hours_and_equal_times_keep_file_order() {
        let mut events = vec![ev(0, 1), ev(0, 0), ev(241, 0), ev(482, 0)];
        let p = pass(&mut events, false, &[Some(0)], Some(0), T);
        assert_eq!(p.shifts.len(), 3);
        assert_eq!(events[0].kind, 1, "stable sort keeps file order on ties");
        assert_eq!(p.rapid, 1, "the scan at the same moment as the login is rapid");
        assert_eq!(p.cnil_events, 3);
        assert!(!p.shifts[1].rated());
    }

    #[test]
    fn the_legal_break_follows_arbeidstijdenwet_5_4() {
        let h = |x: f64| (x * HOUR_MS as f64) as i64;
        assert_eq!(required_break_ms(h(5.5), false), 0);
        assert_eq!(required_break_ms(h(5.5) + 1, false), 30 * 60_000);
        assert_eq!(required_break_ms(h(10.0) + 1, false), 45 * 60_000);
        assert_eq!(required_break_ms(h(4.5) + 1, true), 30 * 60_000);
        assert_eq!(required_break_ms(h(4.5), true), 0);
    }
}
