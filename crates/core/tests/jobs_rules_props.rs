//! Property tests of the rules with numbers of guided jobs (`jobs::rules`) over dates and
//! instants in 2000-2100, with extra weight on holidays and the days the clocks change.
//! Deadlines are checked against an independent day-by-day walk.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use veldwerk_core::calendar::{easter_sunday, WorkingDayCalendar};
use veldwerk_core::jobs::rules::*;
use veldwerk_core::sla::{self, LOCAL_TZ};

fn last_sunday(y: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(y, month, 31).unwrap();
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().unwrap();
    }
    d
}

fn uniform_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    (0u64..=36_889).prop_map(move |k| first + Days::new(k))
}

/// Days within a few days of a holiday, a clock change, or a month end (29 Feb included).
fn special_date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..=2100, 0u8..8, -4i64..=4).prop_map(|(y, which, off)| {
        let base = match which {
            0 => NaiveDate::from_ymd_opt(y, 12, 25).unwrap(),
            1 => NaiveDate::from_ymd_opt(y, 4, 27).unwrap(),
            2 => NaiveDate::from_ymd_opt(y, 5, 5).unwrap(),
            3 => easter_sunday(y).unwrap() + Duration::days(39),
            4 => last_sunday(y, 3),
            5 => last_sunday(y, 10),
            6 => NaiveDate::from_ymd_opt(y, 3, 1)
                .unwrap()
                .pred_opt()
                .unwrap(),
            _ => NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
        };
        base + Duration::days(off)
    })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![2 => uniform_date(), 1 => special_date()]
}

/// An instant on a local day from `date()`, at any minute of that day.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (date(), 0i64..(25 * 60)).prop_map(|(d, m)| start(d) + Duration::minutes(m))
}

/// Local midnight starting `d`, computed independently of `sla`.
fn start(d: NaiveDate) -> DateTime<Utc> {
    LOCAL_TZ
        .from_local_datetime(&d.and_time(NaiveTime::MIN))
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn local_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&LOCAL_TZ).date_naive()
}

/// The `n`-th working day after `d`, one day at a time.
fn walk(cal: &WorkingDayCalendar, d: NaiveDate, n: u32) -> NaiveDate {
    let (mut cur, mut left) = (d, n);
    while left > 0 {
        cur = cur.succ_opt().unwrap();
        if cal.is_working_day(cur) {
            left -= 1;
        }
    }
    cur
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    (b.year() * 12 + b.month0() as i32) - (a.year() * 12 + a.month0() as i32)
}

fn days_in_month(d: NaiveDate) -> u32 {
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap();
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap();
    (next - first).num_days() as u32
}

/// `due` lies exactly `months` calendar months after `from`, on the same day of the month
/// or, when that month is shorter, its last day.
fn exactly_months_later(from: NaiveDate, due: NaiveDate, months: i32) -> bool {
    months_between(from, due) == months && due.day() == from.day().min(days_in_month(due))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn maintenance_due_is_12_or_18_months_later(d in date(), yearly in any::<bool>()) {
        let due = next_maintenance_due(yearly, d);
        prop_assert!(due > d);
        let months = if yearly { 12 } else { 18 };
        prop_assert!(exactly_months_later(d, due, months), "{d} -> {due}");
        // Two maintenances at most 18 months apart: at least 2 in every 3 years.
        prop_assert!((due - d).num_days() <= 18 * 31);
    }

    #[test]
    fn inspection_due_is_12_months_later(d in date()) {
        let due = next_inspection_due(d);
        prop_assert!(due > d);
        prop_assert!(exactly_months_later(d, due, 12), "{d} -> {due}");
        prop_assert_eq!(due, next_maintenance_due(true, d));
    }

    #[test]
    fn due_dates_are_monotonic(a in date(), b in date(), yearly in any::<bool>()) {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(next_maintenance_due(yearly, a) <= next_maintenance_due(yearly, b));
        prop_assert!(next_inspection_due(a) <= next_inspection_due(b));
        // Yearly is never later than the 18-month interval.
        prop_assert!(next_maintenance_due(true, a) < next_maintenance_due(false, a));
    }

    #[test]
    fn replacement_exactly_above_two(n in prop_oneof![0u32..10, any::<u32>()]) {
        prop_assert_eq!(replacement_due(n), n >= 3);
    }

    #[test]
    fn trial_ends_1_to_21_days_later(d in date(), k in -40i64..60) {
        let end = d + Duration::days(k);
        prop_assert_eq!(trial_end_ok(d, end), (1..=21).contains(&k), "k = {}", k);
    }

    #[test]
    fn battery_threshold_at_80(tenths in 0u32..=1300) {
        let pct = f64::from(tenths) / 10.0;
        prop_assert_eq!(reconditioned_battery_ok(pct), tenths >= 800);
    }

    #[test]
    fn delivery_planned_before_end_of_next_working_day(
        fitted in instant(),
        minutes in -(24 * 60i64)..(8 * 24 * 60),
    ) {
        let cal = WorkingDayCalendar::dutch_legal();
        let deadline = start(walk(&cal, local_day(fitted), 1).succ_opt().unwrap());
        prop_assert_eq!(deadline, sla::delivery_planning_due(&cal, fitted));
        let planned = fitted + Duration::minutes(minutes);
        prop_assert_eq!(
            delivery_planned_in_time(&cal, fitted, Some(planned)),
            planned < deadline
        );
        // At the deadline itself it is too late; a minute before, in time.
        prop_assert!(!delivery_planned_in_time(&cal, fitted, Some(deadline)));
        prop_assert!(delivery_planned_in_time(
            &cal,
            fitted,
            Some(deadline - Duration::minutes(1))
        ));
        prop_assert!(!delivery_planned_in_time(&cal, fitted, None));
    }

    #[test]
    fn collection_within_10_working_days(ordered in date(), minutes in 0i64..(30 * 24 * 60)) {
        let cal = WorkingDayCalendar::dutch_legal();
        let deadline = start(walk(&cal, ordered, 10).succ_opt().unwrap());
        prop_assert_eq!(deadline, collection_deadline(&cal, ordered));
        prop_assert_eq!(deadline, sla::collection_due(&cal, start(ordered)));
        let at = start(ordered) + Duration::minutes(minutes);
        prop_assert_eq!(collection_in_time(&cal, ordered, at), at < deadline);
        prop_assert!(!collection_in_time(&cal, ordered, deadline));
        prop_assert!(collection_in_time(&cal, ordered, deadline - Duration::seconds(1)));
        // Ten working days take at least 12 calendar days (ordered on a Sunday: due by the
        // end of the second Friday after).
        prop_assert!((local_day(deadline) - ordered).num_days() >= 13);
    }

    #[test]
    fn previous_year(d in date()) {
        prop_assert_eq!(previous_calendar_year(d), d.year() - 1);
        let jan1 = NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap();
        prop_assert_eq!(previous_calendar_year(jan1.pred_opt().unwrap()), d.year() - 2);
    }
}

#[test]
fn clamping_examples() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(next_maintenance_due(true, d(2024, 2, 29)), d(2025, 2, 28));
    assert_eq!(next_maintenance_due(false, d(2024, 2, 29)), d(2025, 8, 29));
    assert_eq!(next_maintenance_due(false, d(2026, 8, 31)), d(2028, 2, 29));
    assert_eq!(next_inspection_due(d(2028, 2, 29)), d(2029, 2, 28));
}

#[test]
fn deadline_examples() {
    let cal = WorkingDayCalendar::dutch_legal();
    // Fitted Wed 13 May 2026 (Ascension on Thu 14): plan before the end of Fri 15 May.
    let fitted = start(NaiveDate::from_ymd_opt(2026, 5, 13).unwrap()) + Duration::hours(10);
    let end_fri = start(NaiveDate::from_ymd_opt(2026, 5, 16).unwrap());
    assert!(delivery_planned_in_time(
        &cal,
        fitted,
        Some(end_fri - Duration::seconds(1))
    ));
    assert!(!delivery_planned_in_time(&cal, fitted, Some(end_fri)));
    // Ordered Thu 23 Apr 2026 (King's Day, 5 May): collect before the end of Mon 11 May.
    let ordered = NaiveDate::from_ymd_opt(2026, 4, 23).unwrap();
    let end = start(NaiveDate::from_ymd_opt(2026, 5, 12).unwrap());
    assert!(collection_in_time(
        &cal,
        ordered,
        end - Duration::seconds(1)
    ));
    assert!(!collection_in_time(&cal, ordered, end));
}
