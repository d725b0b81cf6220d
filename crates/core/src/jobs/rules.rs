//! The contract's rules with numbers that guided jobs apply, as small pure functions. Each
//! names its source (PvE section or definition of Annex 1, see `shared/domain.md`).
//!
//! Dates are local (Europe/Amsterdam) calendar days; instants are UTC. Nothing here reads a
//! clock.

use crate::model::Device;
use crate::sla;
use crate::WorkingDayCalendar;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

/// Preventive maintenance interval of electric-driven devices and hoists, in months
/// (PvE 7.2 and 4.1 item 5: "electric-driven devices and hoists every year").
pub const MAINTENANCE_MONTHS_ELECTRIC_OR_HOIST: u32 = 12;

/// Preventive maintenance interval of all other devices, in months (PvE 7.2: "at least 2
/// times per 3 years"; 36 / 2 = 18 months is the longest interval that keeps that promise).
pub const MAINTENANCE_MONTHS_OTHER: u32 = 18;

/// Hoists and their slings are inspected every year (PvE 7.2, NEN-EN-ISO 10535 / Stigah).
pub const INSPECTION_MONTHS: u32 = 12;

/// A reconditioned device needs a battery of at least this share of its original capacity,
/// in percent (definition 1.14).
pub const RECONDITIONED_BATTERY_MIN_PCT: u8 = 80;

/// An electric device with more than this many drive-related malfunction repairs in the
/// previous calendar year must be replaced (PvE 2.5, 4.1).
pub const MAX_DRIVE_REPAIRS_PER_YEAR: u32 = 2;

/// A trial placement lasts at most this many days, free of charge (PvE 6.3 d).
pub const MAX_TRIAL_DAYS: u64 = 21;

/// Extra 30-minute driving lessons included after a fitting (PvE 6.3); more need an order.
pub const FREE_EXTRA_DRIVING_LESSONS: u8 = 1;

/// `months` calendar months after `day`, clamped to the end of a shorter month (31 Jan + 1
/// month = 28/29 Feb, 29 Feb + 12 months = 28 Feb). Saturates at chrono's last date, far
/// beyond any real due date.
fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a device falls under the yearly maintenance regime (electric-driven or a hoist).
pub fn yearly_maintenance(device: &Device) -> bool {
    device.is_electric() || device.category.is_hoist()
}

/// The next preventive maintenance after maintenance done on `done_on` (PvE 7.2, 4.1 item 5):
/// 12 months later for electric-driven devices and hoists, otherwise 18 months ("at least 2
/// times per 3 years"). Month arithmetic clamps to the end of a shorter month.
pub fn next_maintenance_due(electric_or_hoist: bool, done_on: NaiveDate) -> NaiveDate {
    let months = if electric_or_hoist {
        MAINTENANCE_MONTHS_ELECTRIC_OR_HOIST
    } else {
        MAINTENANCE_MONTHS_OTHER
    };
    add_months(done_on, months)
}

/// The next preventive maintenance of `device` after maintenance on `done_on`, or None for a
/// category bought without a service tariff (Annex 2: the supplier keeps no schedule for it).
pub fn maintenance_due_after(device: &Device, done_on: NaiveDate) -> Option<NaiveDate> {
    crate::contract::has_service_tariff(device.category)
        .then(|| next_maintenance_due(yearly_maintenance(device), done_on))
}

/// The next yearly inspection of a hoist or sling inspected on `done_on` (PvE 7.2): 12 months
/// later, clamped (29 Feb -> 28 Feb).
pub fn next_inspection_due(done_on: NaiveDate) -> NaiveDate {
    add_months(done_on, INSPECTION_MONTHS)
}

/// Whether a battery at `pct` percent of its original capacity is good enough for a
/// reconditioned device (definition 1.14: at least 80%). Not a number is not good enough.
pub fn reconditioned_battery_ok(pct: f64) -> bool {
    pct >= f64::from(RECONDITIONED_BATTERY_MIN_PCT)
}

/// Whether the replacement rule applies to an electric device with this many drive-related
/// malfunction repairs in the previous calendar year (PvE 2.5, 4.1: more than 2).
pub fn replacement_due(drive_repairs_previous_year: u32) -> bool {
    drive_repairs_previous_year > MAX_DRIVE_REPAIRS_PER_YEAR
}

/// Whether a trial placement agreed on `job_day` may end on `end` (PvE 6.3 d: at most 21
/// days): strictly after the job day and at most 21 days after it.
pub fn trial_end_ok(job_day: NaiveDate, end: NaiveDate) -> bool {
    let latest = job_day
        .checked_add_days(Days::new(MAX_TRIAL_DAYS))
        .unwrap_or(NaiveDate::MAX);
    job_day < end && end <= latest
}

/// Whether the delivery date was planned in time after a fitting at `fitted_at` (PvE 6.3:
/// within 1 working day after the fitting, i.e. strictly before the end of the next working
/// day after the fitting's local day, [`sla::delivery_planning_due`]). Not planned at all is
/// not in time.
pub fn delivery_planned_in_time(
    cal: &WorkingDayCalendar,
    fitted_at: DateTime<Utc>,
    planned_at: Option<DateTime<Utc>>,
) -> bool {
    planned_at.is_some_and(|p| p < sla::delivery_planning_due(cal, fitted_at))
}

/// Whether a device collected at `collected_at` was collected in time for an order of
/// `ordered_on` (PvE 7.5: within 10 working days after the order, i.e. strictly before the
/// end of the 10th working day after the order day, [`sla::working_day_deadline`]).
pub fn collection_in_time(
    cal: &WorkingDayCalendar,
    ordered_on: NaiveDate,
    collected_at: DateTime<Utc>,
) -> bool {
    collected_at < collection_deadline(cal, ordered_on)
}

/// The exclusive collection deadline of an order of `ordered_on` (PvE 7.5): the end of the
/// 10th working day after the order day.
pub fn collection_deadline(cal: &WorkingDayCalendar, ordered_on: NaiveDate) -> DateTime<Utc> {
    sla::working_day_deadline(cal, ordered_on, sla::COLLECTION_WORKING_DAYS)
}

/// The calendar year before the one of `day`: the year whose drive-related repairs count for
/// the replacement rule (PvE 2.5, 4.1: "in the previous calendar year").
pub fn previous_calendar_year(day: NaiveDate) -> i32 {
    day.year() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_dates_clamp_to_month_ends() {
        assert_eq!(next_maintenance_due(true, d(2028, 2, 29)), d(2029, 2, 28));
        assert_eq!(next_maintenance_due(false, d(2027, 8, 31)), d(2029, 2, 28));
        assert_eq!(next_maintenance_due(false, d(2026, 8, 31)), d(2028, 2, 29));
        assert_eq!(next_inspection_due(d(2026, 3, 2)), d(2027, 3, 2));
    }

    #[test]
    fn thresholds() {
        assert!(reconditioned_battery_ok(80.0));
        assert!(!reconditioned_battery_ok(79.9));
        assert!(!reconditioned_battery_ok(f64::NAN));
        assert!(!replacement_due(2));
        assert!(replacement_due(3));
        assert!(!trial_end_ok(d(2026, 3, 2), d(2026, 3, 2)));
        assert!(trial_end_ok(d(2026, 3, 2), d(2026, 3, 23)));
        assert!(!trial_end_ok(d(2026, 3, 2), d(2026, 3, 24)));
        assert_eq!(previous_calendar_year(d(2026, 1, 1)), 2025);
    }
}
