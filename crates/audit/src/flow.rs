//! The flow of work hour by hour, per worker: the raw material of the efficiency view, which
//! releases it only in groups and with noise (`portal::efficiency`). Personal data: nothing
//! here is shown as it is.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::input::read_events;
use crate::worker::LONG_IDLE_MS;
use crate::{Error, Params};

/// One worker's clock hour (in the audit's time zone) with at least one event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkHour {
    /// The calendar day, `YYYY-MM-DD`.
    pub date: String,
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// 0 to 23.
    pub hour: u8,
    /// Units of the first target's kind recorded in the hour.
    pub units: f64,
    /// Gaps of at least 10 minutes inside a shift (the CNIL's long idle) that begin in the hour
    /// and end on the same day.
    pub idle_gaps: u32,
}

/// A worker's hours, named as the report names workers (after `Params::rename`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkerHours {
    pub worker: String,
    pub hours: Vec<WorkHour>,
}

/// Every worker's hours of work, for the first target's kind (no target: units are 0).
pub async fn worker_hours(params: &Params) -> Result<Vec<WorkerHours>, Error> {
    let tz = jiff::tz::TimeZone::get(&params.time_zone).map_err(|e| Error::Parameter(e.to_string()))?;
    let events = read_events(params).await?;
    let kind = params.targets.first().and_then(|(k, _)| events.kind_id(k));
    let shift_gap_ms = params.shift_gap_s * 1000;
    let mut out = Vec::with_capacity(events.worker_names.len());
    for (name, evs) in events.worker_names.iter().zip(&events.per_worker) {
        let mut evs: Vec<&crate::input::Ev> = evs.iter().collect();
        evs.sort_by_key(|e| e.time_ms);
        // (date, hour) -> the hour; the weekday goes with the date.
        let mut hours: BTreeMap<(String, u8), WorkHour> = BTreeMap::new();
        let mut previous: Option<i64> = None;
        for e in &evs {
            let Ok(at) = jiff::Timestamp::from_millisecond(e.time_ms) else { continue };
            let at = at.to_zoned_datetime(tz.clone());
            let date = at.strftime("%Y-%m-%d").to_string();
            let hour = at.hour() as u8;
            let weekday = at.weekday().to_monday_one_offset() as u8;
            let h =
                hours.entry((date.clone(), hour)).or_insert(WorkHour { date, weekday, hour, units: 0.0, idle_gaps: 0 });
            if Some(e.kind) == kind {
                h.units += e.quantity;
            }
            if let Some(p) = previous {
                let gap = e.time_ms - p;
                if gap >= LONG_IDLE_MS && gap <= shift_gap_ms {
                    // The gap begins at the previous event: count it in that event's hour, and
                    // only when it ends on the same day, so that what one day's events do stays
                    // in that day's hours (the efficiency view's bound is per worker-day).
                    if let Ok(started) = jiff::Timestamp::from_millisecond(p) {
                        let started = started.to_zoned_datetime(tz.clone());
                        let key = (started.strftime("%Y-%m-%d").to_string(), started.hour() as u8);
                        if key.0 == at.strftime("%Y-%m-%d").to_string()
                            && let Some(h) = hours.get_mut(&key)
                        {
                            h.idle_gaps += 1;
                        }
                    }
                }
            }
            previous = Some(e.time_ms);
        }
        let worker = match &params.rename {
            Some(rename) => (rename.0)(name),
            None => name.clone(),
        };
        out.push(WorkerHours { worker, hours: hours.into_values().collect() });
    }
    Ok(out)
}
