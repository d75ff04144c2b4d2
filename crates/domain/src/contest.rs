//! The contest of a decision (GDPR article 22(3), Platform Work Directive article 11): when the employer
//! must answer, and the states, steps and outcomes a contest goes through. The written forms
//! (`as_str`) are the ones the store keeps (`store/migrations/0002_people.sql`).

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::vocab::vocabulary;

/// Days to answer under the Platform Work Directive (article 11: "within two weeks").
pub const PLATFORM_DAYS: u32 = 14;

/// The date a contest opened on `opened` must be answered by: `override_days` days after it when
/// set (the operator's `--contest-days`); else 14 days when the Platform Work Directive applies
/// (the organisation is a digital labour platform); else one calendar month, by jiff's month
/// arithmetic, which keeps the day of the month or takes the month's last day when it has no
/// such day (31 January → 28 or 29 February).
pub fn deadline(opened: Date, platform: bool, override_days: Option<u32>) -> Date {
    let span: Span = match (override_days, platform) {
        (Some(days), _) => i64::from(days).days(),
        (None, true) => i64::from(PLATFORM_DAYS).days(),
        (None, false) => 1.month(),
    };
    // Only a date near the end of jiff's range (year 9999) has no deadline; it is its own.
    opened.checked_add(span).unwrap_or(opened)
}

/// Whether a contest is overdue on `today`: not answered, and its deadline has passed (an
/// answer on the deadline itself is in time).
pub fn is_overdue(deadline: Date, answered: bool, today: Date) -> bool {
    !answered && deadline < today
}

vocabulary!(
    /// Where a contest stands.
    State { Open = "open", Answered = "answered" }
);

vocabulary!(
    /// What a step of a contest records.
    StepKind { Opened = "opened", Answered = "answered" }
);

vocabulary!(
    /// What the answer decided about the contested decision.
    Outcome { Upheld = "upheld", Overturned = "overturned" }
);

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn one_calendar_month_by_default() {
        assert_eq!(deadline(date(2026, 3, 2), false, None), date(2026, 4, 2));
        assert_eq!(deadline(date(2026, 12, 15), false, None), date(2027, 1, 15));
    }

    #[test]
    fn a_month_from_a_day_the_next_month_lacks_ends_on_its_last_day() {
        assert_eq!(deadline(date(2026, 1, 31), false, None), date(2026, 2, 28));
        assert_eq!(deadline(date(2028, 1, 31), false, None), date(2028, 2, 29), "a leap year");
        assert_eq!(deadline(date(2026, 3, 31), false, None), date(2026, 4, 30));
        assert_eq!(deadline(date(2026, 2, 28), false, None), date(2026, 3, 28));
    }

    #[test]
    fn fourteen_days_on_a_digital_labour_platform() {
        assert_eq!(deadline(date(2026, 3, 2), true, None), date(2026, 3, 16));
        assert_eq!(deadline(date(2026, 12, 25), true, None), date(2027, 1, 8));
    }

    #[test]
    fn the_operators_days_override_both() {
        assert_eq!(deadline(date(2026, 3, 2), false, Some(7)), date(2026, 3, 9));
        assert_eq!(deadline(date(2026, 3, 2), true, Some(30)), date(2026, 4, 1));
        assert_eq!(deadline(date(2026, 3, 2), true, Some(0)), date(2026, 3, 2));
    }

    #[test]
    fn overdue_only_after_the_deadline_and_while_unanswered() {
        let due = date(2026, 4, 2);
        assert!(!is_overdue(due, false, date(2026, 4, 1)));
        assert!(!is_overdue(due, false, due), "the deadline day itself is in time");
        assert!(is_overdue(due, false, date(2026, 4, 3)));
        assert!(!is_overdue(due, true, date(2026, 5, 1)), "an answered contest is never overdue");
    }

    /// A string comparison of dates would put `2026-10-01` before `2026-9-30`; typed dates do not.
    #[test]
    fn overdue_compares_dates_not_text() {
        assert!(is_overdue(date(2026, 9, 30), false, date(2026, 10, 1)));
        assert!(!is_overdue(date(2026, 10, 1), false, date(2026, 9, 30)));
    }

    #[test]
    fn the_written_forms_are_the_stores() {
        assert_eq!(State::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["open", "answered"]);
        assert_eq!(StepKind::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["opened", "answered"]);
        assert_eq!(Outcome::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["upheld", "overturned"]);
        for s in State::ALL {
            assert_eq!(s.as_str().parse::<State>(), Ok(*s));
        }
        for s in StepKind::ALL {
            assert_eq!(s.as_str().parse::<StepKind>(), Ok(*s));
        }
        for s in Outcome::ALL {
            assert_eq!(s.as_str().parse::<Outcome>(), Ok(*s));
        }
        assert!("closed".parse::<State>().is_err());
    }
}
