//! The works council's consent dossier (WOR art 27): the checkpoints it judges, its decision,
//! its information requests (WOR art 31), the nullity clock (WOR art 27(5)), and what changed in
//! a system since consent was asked. The written forms (`as_str`) are the ones the store keeps
//! (`store/migrations/0005_dossier.sql`).

use jiff::ToSpan;
use jiff::civil::Date;

use crate::System;
use crate::vocab::vocabulary;

/// Days an information request is due in when the council does not name a date: two weeks, a
/// convention (WOR art 31 says "in time", not how long).
pub const INFORMATION_DAYS: u32 = 14;

vocabulary!(
    /// The four checkpoints a consent request is judged on: is the system necessary, does it
    /// respect privacy, are its production norms attainable, and what does it do to working
    /// conditions.
    Checkpoint {
        Necessity = "necessity",
        Privacy = "privacy",
        Norms = "production_norms",
        WorkingConditions = "working_conditions",
    }
);

vocabulary!(
    /// The council's verdict on one checkpoint.
    Verdict {
        Open = "open",
        Sufficient = "sufficient",
        WithConditions = "with_conditions",
        Insufficient = "insufficient",
    }
);

vocabulary!(
    /// Where a dossier stands.
    Status { Requested = "requested", Decided = "decided" }
);

vocabulary!(
    /// The council's decision on the request.
    Outcome { Refused = "refused", Granted = "granted", GrantedWithConditions = "granted_with_conditions" }
);

vocabulary!(
    /// How the council learned that the employer applies the system without consent: the
    /// employer's written notice, or otherwise (WOR art 27(5): "bij gebreke van die mededeling").
    Learned { Notice = "notice", Otherwise = "otherwise" }
);

vocabulary!(
    /// Where an information request stands on a day.
    RequestState { Open = "open", Overdue = "overdue", Answered = "answered" }
);

/// The date an information request asked on `asked` is due: `days` after it, or
/// [`INFORMATION_DAYS`] when the council names none.
pub fn information_due(asked: Date, days: Option<u32>) -> Date {
    asked.checked_add(i64::from(days.unwrap_or(INFORMATION_DAYS)).days()).unwrap_or(asked)
}

/// Where an information request due on `due` stands on `today`: answered, or overdue once its
/// due date has passed (an answer on the due date itself is in time).
pub fn request_state(due: Date, answered: bool, today: Date) -> RequestState {
    if answered {
        RequestState::Answered
    } else if due < today {
        RequestState::Overdue
    } else {
        RequestState::Open
    }
}

/// The last day the council can invoke nullity (WOR art 27(5)): one calendar month after the
/// employer's written notice that it applies the decision, or after the council learned of it.
/// jiff's month arithmetic keeps the day of the month, or takes the month's last day when it
/// has no such day (31 January → 28 or 29 February). A month that ends on a Saturday, a Sunday
/// or a general holiday runs to the next day that is none of these (Algemene termijnenwet art 1).
pub fn nullity_ends(from: Date) -> Date {
    next_working_day(from.checked_add(1.month()).unwrap_or(from))
}

/// `day`, or the first day after it that is not a Saturday, a Sunday or a general holiday
/// (Algemene termijnenwet art 1(1)).
pub fn next_working_day(mut day: Date) -> Date {
    while matches!(day.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday)
        || is_general_holiday(day)
    {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    day
}

/// The general holidays of the Algemene termijnenwet art 3(1): New Year's Day, Easter Monday,
/// Ascension Day, Whit Monday, Christmas Day and Boxing Day, the King's birthday as it is
/// celebrated (27 April; 26 April when the 27th is a Sunday) and 5 May.
pub fn is_general_holiday(day: Date) -> bool {
    let easter = easter_sunday(day.year());
    let after_easter = |days: i64| easter.checked_add(days.days()).ok();
    let kings_day = {
        let d = jiff::civil::date(day.year(), 4, 27);
        if d.weekday() == jiff::civil::Weekday::Sunday { jiff::civil::date(day.year(), 4, 26) } else { d }
    };
    let fixed = [(1, 1), (5, 5), (12, 25), (12, 26)];
    fixed.contains(&(day.month(), day.day()))
        || day == kings_day
        || [1, 39, 50].iter().any(|n| after_easter(*n) == Some(day))
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus).
fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // Month 3 or 4 and day 1..=31: both fit.
    jiff::civil::date(year, (n / 31) as i8, (n % 31 + 1) as i8)
}

/// Days from `today` to `ends`, counting `ends` itself as a day left on the day before: 0 on the
/// last day, negative once it has passed.
pub fn days_left(ends: Date, today: Date) -> i64 {
    i64::from((ends - today).get_days())
}

/// One way a system changed since the register version consent was asked on.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A function that was not in the request.
    NewFunction { id: String, name: String },
    /// A function that was planned or disabled is now switched on.
    FunctionEnabled { id: String, name: String },
    /// A data category the request did not name (the system's or a function's).
    NewData(String),
    /// A target for a kind of work the request did not have.
    NewTarget { kind: String, per_hour: f64 },
    /// A target higher than the one asked for.
    HigherTarget { kind: String, from: f64, to: f64 },
    /// A kind of decision the request did not name.
    NewDecision(String),
    /// A purpose the request did not name, registered or in practice (`actual_uses`).
    NewPurpose(String),
    /// People the request did not name as its subjects.
    NewSubject(String),
    /// It records more often than the request said (periodic to continuous, say).
    Monitoring { from: Option<String>, to: String },
    /// Data kept longer than the request said.
    LongerRetention { data: String, from: u32, to: u32 },
    /// A kind of decision that is now taken by the system alone.
    NowSolelyAutomated(String),
}

/// What `now` asks more than `asked` did: new functions and data, functions switched on, new or
/// higher targets, new decisions and purposes. What was dropped or lowered is not a change that
/// needs consent again, so it is not listed.
pub fn changes(asked: &System, now: &System) -> Vec<Change> {
    let mut out = Vec::new();
    for f in &now.functions {
        match asked.functions.iter().find(|a| a.id == f.id) {
            None => out.push(Change::NewFunction { id: f.id.clone(), name: f.name.clone() }),
            Some(a) if f.status == crate::FunctionStatus::Enabled && a.status != crate::FunctionStatus::Enabled => {
                out.push(Change::FunctionEnabled { id: f.id.clone(), name: f.name.clone() })
            }
            Some(_) => {}
        }
    }
    let asked_data: Vec<String> = data_of(asked);
    let mut seen = Vec::new();
    for d in data_of(now) {
        if !asked_data.contains(&d) && !seen.contains(&d) {
            seen.push(d.clone());
            out.push(Change::NewData(d));
        }
    }
    for t in &now.targets {
        match asked.targets.iter().find(|a| a.kind == t.kind) {
            None => out.push(Change::NewTarget { kind: t.kind.clone(), per_hour: t.per_hour }),
            Some(a) if t.per_hour > a.per_hour => {
                out.push(Change::HigherTarget { kind: t.kind.clone(), from: a.per_hour, to: t.per_hour })
            }
            Some(_) => {}
        }
    }
    for d in &now.decisions {
        if !asked.decisions.iter().any(|a| a.kind == d.kind) {
            out.push(Change::NewDecision(d.kind.as_str().to_owned()));
        }
    }
    let asked_purposes: Vec<_> = asked.purposes.iter().chain(&asked.actual_uses).collect();
    let mut seen_purposes = Vec::new();
    for p in now.purposes.iter().chain(&now.actual_uses) {
        if !asked_purposes.contains(&p) && !seen_purposes.contains(&p) {
            seen_purposes.push(p);
            out.push(Change::NewPurpose(p.as_str().to_owned()));
        }
    }
    for s in &now.subjects {
        if !asked.subjects.contains(s) {
            out.push(Change::NewSubject(s.as_str().to_owned()));
        }
    }
    // The vocabulary lists monitoring from the most to the least: continuous, periodic, incident.
    if let Some(to) = now.monitoring
        && asked.monitoring.is_none_or(|from| to < from)
    {
        out.push(Change::Monitoring {
            from: asked.monitoring.map(|m| m.as_str().to_owned()),
            to: to.as_str().to_owned(),
        });
    }
    for (data, to) in &now.retention_days {
        if let Some(from) = asked.retention_days.get(data)
            && to > from
        {
            out.push(Change::LongerRetention { data: data.to_string(), from: *from, to: *to });
        }
    }
    for d in &now.decisions {
        let was = asked.decisions.iter().find(|a| a.kind == d.kind).and_then(|a| a.solely_automated);
        if d.solely_automated == Some(true) && was == Some(false) {
            out.push(Change::NowSolelyAutomated(d.kind.as_str().to_owned()));
        }
    }
    out
}

/// Every data category a system names, its own and its functions'.
fn data_of(system: &System) -> Vec<String> {
    system.data.iter().chain(system.functions.iter().flat_map(|f| f.data.iter())).map(ToString::to_string).collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn information_is_due_in_two_weeks_unless_the_council_names_the_days() {
        assert_eq!(information_due(date(2026, 10, 2), None), date(2026, 10, 16));
        assert_eq!(information_due(date(2026, 12, 25), None), date(2027, 1, 8), "across a year's end");
        assert_eq!(information_due(date(2028, 2, 20), None), date(2028, 3, 5), "29 February 2028 counts");
        assert_eq!(information_due(date(2027, 2, 20), None), date(2027, 3, 6), "2027 has no 29 February");
        assert_eq!(information_due(date(2026, 10, 2), Some(7)), date(2026, 10, 9));
        assert_eq!(information_due(date(2026, 10, 2), Some(0)), date(2026, 10, 2));
    }

    #[test]
    fn a_request_is_overdue_only_after_its_due_date_and_while_unanswered() {
        let due = date(2026, 10, 16);
        assert_eq!(request_state(due, false, date(2026, 10, 15)), RequestState::Open);
        assert_eq!(request_state(due, false, due), RequestState::Open, "the due date itself is in time");
        assert_eq!(request_state(due, false, date(2026, 10, 17)), RequestState::Overdue);
        assert_eq!(request_state(due, true, date(2027, 1, 1)), RequestState::Answered);
        // Typed dates, not text: `2026-9-30` would sort after `2026-10-01` as a string.
        assert_eq!(request_state(date(2026, 9, 30), false, date(2026, 10, 1)), RequestState::Overdue);
    }

    #[test]
    fn the_nullity_month_ends_on_the_same_day_of_the_next_month() {
        assert_eq!(nullity_ends(date(2026, 11, 4)), date(2026, 12, 4), "a Friday");
        assert_eq!(nullity_ends(date(2026, 12, 15)), date(2027, 1, 15), "across a year's end");
    }

    #[test]
    fn the_nullity_month_ends_on_the_last_day_of_a_shorter_month() {
        assert_eq!(nullity_ends(date(2026, 1, 31)), date(2026, 3, 2), "28 February 2026 is a Saturday");
        assert_eq!(nullity_ends(date(2028, 1, 31)), date(2028, 2, 29), "a leap year; a Tuesday");
        assert_eq!(nullity_ends(date(2028, 1, 29)), date(2028, 2, 29));
        assert_eq!(nullity_ends(date(2027, 1, 29)), date(2027, 3, 1), "not a leap year; 28 February 2027 is a Sunday");
        assert_eq!(nullity_ends(date(2026, 3, 31)), date(2026, 4, 30), "a Thursday");
        assert_eq!(nullity_ends(date(2026, 8, 31)), date(2026, 9, 30));
        assert_eq!(nullity_ends(date(2028, 2, 29)), date(2028, 3, 29), "from a leap day");
        assert_eq!(
            nullity_ends(date(2100, 1, 31)),
            date(2100, 3, 1),
            "2100 is no leap year; its 28 February is a Sunday"
        );
    }

    /// Algemene termijnenwet art 1: a statutory period that ends on a Saturday, Sunday or general
    /// holiday runs to the next day that is none of them.
    #[test]
    fn a_month_ending_on_a_weekend_or_holiday_runs_to_the_next_working_day() {
        assert_eq!(nullity_ends(date(2026, 10, 7)), date(2026, 11, 9), "7 November 2026 is a Saturday");
        assert_eq!(nullity_ends(date(2026, 11, 25)), date(2026, 12, 28), "Christmas, Boxing Day, a Sunday");
        assert_eq!(nullity_ends(date(2027, 2, 28)), date(2027, 3, 30), "Easter Sunday and Monday 2027");
        assert_eq!(nullity_ends(date(2027, 4, 5)), date(2027, 5, 7), "5 May and Ascension Day 2027");
        assert_eq!(nullity_ends(date(2027, 3, 27)), date(2027, 4, 28), "King's Day 2027");
        assert_eq!(nullity_ends(date(2026, 12, 1)), date(2027, 1, 4), "New Year's Day, then a weekend");
    }

    #[test]
    fn the_general_holidays_follow_easter_and_kings_day() {
        let holidays = |year: i16| -> Vec<Date> {
            let mut d = date(year, 1, 1);
            let mut out = Vec::new();
            while d.year() == year {
                if is_general_holiday(d) {
                    out.push(d);
                }
                d = d.tomorrow().unwrap();
            }
            out
        };
        // 2025: Easter 20 April; King's Day on Saturday the 26th, since the 27th is a Sunday.
        assert_eq!(
            holidays(2025),
            [
                date(2025, 1, 1),
                date(2025, 4, 21),
                date(2025, 4, 26),
                date(2025, 5, 5),
                date(2025, 5, 29),
                date(2025, 6, 9),
                date(2025, 12, 25),
                date(2025, 12, 26)
            ]
        );
        // 2028, a leap year: Easter 16 April.
        assert!(is_general_holiday(date(2028, 4, 17)) && is_general_holiday(date(2028, 5, 25)));
        assert!(is_general_holiday(date(2028, 6, 5)) && is_general_holiday(date(2028, 4, 27)));
        assert!(!is_general_holiday(date(2028, 4, 14)), "Good Friday is not one");
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2038), date(2038, 4, 25), "the latest possible");
        assert_eq!(easter_sunday(2285), date(2285, 3, 22), "the earliest possible");
    }

    #[test]
    fn days_left_count_down_to_zero_on_the_last_day() {
        let ends = date(2026, 12, 4);
        assert_eq!(days_left(ends, date(2026, 11, 4)), 30);
        assert_eq!(days_left(ends, date(2026, 12, 3)), 1);
        assert_eq!(days_left(ends, ends), 0);
        assert_eq!(days_left(ends, date(2026, 12, 5)), -1);
        assert_eq!(days_left(date(2028, 3, 1), date(2028, 2, 28)), 2, "29 February counts");
        assert_eq!(days_left(date(2027, 3, 1), date(2027, 2, 28)), 1);
    }

    fn system(toml_text: &str) -> System {
        let register: crate::Register = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"));
        register.systems.into_iter().next().expect("one system")
    }

    const ASKED: &str = r#"
        format = "inzage.register/1"
        [organisation]
        name = "Test"
        [[system]]
        id = "scan"
        name = "Scan"
        status = "live"
        data = ["productivity_score"]
        purposes = ["productivity"]
        target = [{ kind = "pick", per_hour = 600.0 }]
        function = [{ id = "rank", name = "Ranking", status = "disabled" }]
    "#;

    #[test]
    fn an_unchanged_system_has_no_changes() {
        assert_eq!(changes(&system(ASKED), &system(ASKED)), []);
    }

    #[test]
    fn new_functions_data_targets_and_higher_targets_are_changes() {
        let now = ASKED
            .replace(r#"data = ["productivity_score"]"#, r#"data = ["productivity_score", "location"]"#)
            .replace("per_hour = 600.0 }", "per_hour = 854.0 }, { kind = \"pack\", per_hour = 90.0 }")
            .replace(
                r#"status = "disabled" }]"#,
                r#"status = "enabled" }, { id = "cam", name = "Camera", status = "planned", data = ["video"] }]"#,
            );
        let found = changes(&system(ASKED), &system(&now));
        assert_eq!(
            found,
            [
                Change::FunctionEnabled { id: "rank".into(), name: "Ranking".into() },
                Change::NewFunction { id: "cam".into(), name: "Camera".into() },
                Change::NewData("location".into()),
                Change::NewData("video".into()),
                Change::HigherTarget { kind: "pick".into(), from: 600.0, to: 854.0 },
                Change::NewTarget { kind: "pack".into(), per_hour: 90.0 },
            ]
        );
    }

    #[test]
    fn wider_use_subjects_monitoring_retention_and_automation_are_changes() {
        let asked = ASKED.replace(
            r#"purposes = ["productivity"]"#,
            "purposes = [\"productivity\"]\nsubjects = [\"employees\"]\nmonitoring = \"periodic\"\n\
             retention_days = { productivity_score = 31 }\n\
             decision = [{ kind = \"warning\", solely_automated = false }]",
        );
        let now = asked
            .replace(r#"subjects = ["employees"]"#, r#"subjects = ["employees", "temporary_workers"]"#)
            .replace(r#"monitoring = "periodic""#, r#"monitoring = "continuous""#)
            .replace("productivity_score = 31", "productivity_score = 365")
            .replace("solely_automated = false", "solely_automated = true")
            .replace(r#"purposes = ["productivity"]"#, "purposes = [\"productivity\"]\nactual_uses = [\"discipline\"]");
        assert_eq!(
            changes(&system(&asked), &system(&now)),
            [
                Change::NewPurpose("discipline".into()),
                Change::NewSubject("temporary_workers".into()),
                Change::Monitoring { from: Some("periodic".into()), to: "continuous".into() },
                Change::LongerRetention { data: "productivity_score".into(), from: 31, to: 365 },
                Change::NowSolelyAutomated("warning".into()),
            ]
        );
        assert_eq!(changes(&system(&now), &system(&asked)), [], "narrower in every way: no change to consent to");
    }

    #[test]
    fn a_lower_target_or_a_dropped_function_is_not_a_change() {
        let now = ASKED
            .replace("per_hour = 600.0", "per_hour = 500.0")
            .replace(r#"function = [{ id = "rank", name = "Ranking", status = "disabled" }]"#, "function = []");
        assert_eq!(changes(&system(ASKED), &system(&now)), []);
    }

    #[test]
    fn the_written_forms_are_the_stores() {
        let forms = |all: &[&str]| all.join(",");
        assert_eq!(
            forms(&Checkpoint::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
            "necessity,privacy,production_norms,working_conditions"
        );
        assert_eq!(
            forms(&Outcome::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
            "refused,granted,granted_with_conditions"
        );
        for v in Verdict::ALL {
            assert_eq!(v.as_str().parse::<Verdict>(), Ok(*v));
        }
        assert!("maybe".parse::<Verdict>().is_err());
    }
}
