//! Statistical disclosure control for every figure inzage releases about groups of workers.
//!
//! A works council, an expert or an inspector sees workers only in groups. Hiding the groups
//! under `min_group` workers is not enough: the total minus the shown groups gives a lone hidden
//! group back, and in an intersection table the cells of one row add up to that row's group in
//! the attribute's own table. This crate decides, for one workforce and its outcomes, which
//! groups each table may show so that no hidden group's size or positives follow exactly from
//! everything shown together (`docs/privacy.md` has the rules and why they hold):
//!
//! 1. [`prepare`]: an attribute becomes safe to group by, or is left out. Identifying columns
//!    (nearly every value distinct, such as a name) are left out; numbers with many values are
//!    binned.
//! 2. [`release`]: per outcome, the attribute tables and the intersection tables, with primary
//!    suppression (`n < min_group`) and secondary suppression until every hidden cell can take
//!    another value consistent with all released figures.

mod prepare;
mod protect;

pub use prepare::{Bin, Grouping, MAX_DISTINCT, Prepared, Treatment, identifying, prepare};
pub use protect::{Cell, Outcome, Release, Table, release, workforce};

/// The smallest `min_group` that may be set (the floor Microsoft Viva Insights keeps too).
pub const MIN_GROUP_FLOOR: u64 = 5;

/// The default smallest group shown.
pub const DEFAULT_MIN_GROUP: u64 = 10;

/// Checks a minimum group size: at least [`MIN_GROUP_FLOOR`].
pub fn check_min_group(min_group: u64) -> Result<u64, u64> {
    if min_group < MIN_GROUP_FLOOR { Err(MIN_GROUP_FLOOR) } else { Ok(min_group) }
}
