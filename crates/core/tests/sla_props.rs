//! Property tests of the repair and working-day deadlines over instants in 2000-2100, with
//! extra weight on the nights the clocks change.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use veldwerk_core::calendar::{CalendarConfig, ExtraDay, HolidayRule, WorkingDayCalendar};
use veldwerk_core::sla::*;
use veldwerk_core::Localized;

fn uniform_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let first = Utc
        .with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let last = Utc
        .with_ymd_and_hms(2100, 12, 31, 23, 59, 59)
        .unwrap()
        .timestamp();
    (first..=last).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

/// Instants from 3 h before to 5 h after 00:00 UTC on the last Sunday of March or October
/// (the switches happen at 01:00 UTC), and the evening before.
fn near_clock_change() -> impl Strategy<Value = DateTime<Utc>> {
    (2000i32..=2100, prop::bool::ANY, -180i64..=300).prop_map(|(y, spring, minutes)| {
        let month = if spring { 3 } else { 10 };
        let mut d = NaiveDate::from_ymd_opt(y, month, 31).unwrap();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap();
        }
        d.and_time(NaiveTime::MIN).and_utc() + Duration::minutes(minutes)
    })
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![3 => uniform_instant(), 1 => near_clock_change()]
}

fn is_local_midnight(t: DateTime<Utc>) -> bool {
    t.with_timezone(&LOCAL_TZ).time() == NaiveTime::MIN
}

/// Legal calendar plus random extra days within 20 days of `at`, and maybe Good Friday.
fn extended(at: DateTime<Utc>, extra: &[u64], good_friday: bool) -> WorkingDayCalendar {
    let mut config = CalendarConfig::dutch_legal();
    let base = local_date(at);
    config
        .extra_days
        .extend(extra.iter().map(|k| ExtraDay::Date(base + Days::new(*k))));
    if good_friday {
        config.rules.push(HolidayRule::EasterOffset {
            days: -2,
            name: Localized::new("Goede Vrijdag", "Good Friday"),
        });
    }
    WorkingDayCalendar::from_config(&config).unwrap()
}

fn walk_count(cal: &WorkingDayCalendar, a: NaiveDate, b: NaiveDate) -> u32 {
    let (mut n, mut cur) = (0, a);
    while cur < b {
        cur = cur.succ_opt().unwrap();
        if cal.is_working_day(cur) {
            n += 1;
        }
    }
    n
}

/// A working-day deadline is a local midnight starting a day that follows a working day,
/// and exactly `n` working days lie between the start day and that working day.
fn check_working_day_deadline(
    cal: &WorkingDayCalendar,
    at: DateTime<Utc>,
    due: DateTime<Utc>,
    n: u32,
) -> Result<(), TestCaseError> {
    prop_assert!(is_local_midnight(due), "{} is not a local midnight", due);
    prop_assert!(due > at);
    let last_day = local_date(due).pred_opt().unwrap();
    prop_assert!(
        cal.is_working_day(last_day),
        "{} is not a working day",
        last_day
    );
    prop_assert_eq!(walk_count(cal, local_date(at), last_day), n);
    Ok(())
}

proptest! {
    #[test]
    fn class_a_ends_at_local_midnight_after_two_working_days(
        at in instant(),
        extra in prop::collection::vec(0u64..20, 0..8),
        good_friday in prop::bool::ANY,
    ) {
        for cal in [WorkingDayCalendar::dutch_legal(), extended(at, &extra, good_friday)] {
            let d = repair_deadlines(ResponseClass::A, at, None, &cal);
            prop_assert_eq!(d.on_site_by, None);
            check_working_day_deadline(&cal, at, d.fixed_by, 2)?;
            // The report day itself never counts, so at least a full day is left.
            prop_assert!(d.fixed_by - at > Duration::hours(24));
        }
    }

    #[test]
    fn extending_the_calendar_never_brings_a_deadline_forward(
        at in instant(),
        extra in prop::collection::vec(0u64..20, 0..8),
        good_friday in prop::bool::ANY,
    ) {
        let legal = WorkingDayCalendar::dutch_legal();
        let ext = extended(at, &extra, good_friday);
        let a = |cal| repair_deadlines(ResponseClass::A, at, None, cal).fixed_by;
        prop_assert!(a(&ext) >= a(&legal));
        prop_assert!(collection_due(&ext, at) >= collection_due(&legal, at));
        prop_assert!(loan_device_due(&ext, at, true) >= loan_device_due(&legal, at, true));
        prop_assert!(adjustment_return_by(&ext, at) >= adjustment_return_by(&legal, at));
        // B and C run on the clock: the calendar does not affect them.
        for class in [ResponseClass::B, ResponseClass::C] {
            prop_assert_eq!(
                repair_deadlines(class, at, None, &ext),
                repair_deadlines(class, at, None, &legal)
            );
        }
    }

    #[test]
    fn class_b_is_three_elapsed_hours_then_the_day_or_the_visit(at in instant()) {
        let cal = WorkingDayCalendar::dutch_legal();
        let d = repair_deadlines(ResponseClass::B, at, None, &cal);
        let on_site = d.on_site_by.unwrap();
        prop_assert_eq!(on_site - at, Duration::hours(3));
        prop_assert!(d.fixed_by >= on_site);
        let end_of_day = end_of_local_day(local_date(at));
        prop_assert!(
            (is_local_midnight(d.fixed_by) && d.fixed_by == end_of_day) || d.fixed_by == on_site
        );
        // Never later than the report day allows, unless the visit itself is later.
        prop_assert_eq!(d.fixed_by, end_of_day.max(on_site));
        prop_assert!(d.fixed_by - at <= Duration::hours(25));
        // The arrival does not change a B deadline.
        let arrived = at + Duration::minutes(90);
        prop_assert_eq!(repair_deadlines(ResponseClass::B, at, Some(arrived), &cal), d);
    }

    #[test]
    fn class_c_planned_is_one_then_three_elapsed_hours(at in instant()) {
        let d = repair_deadlines(ResponseClass::C, at, None, &WorkingDayCalendar::dutch_legal());
        prop_assert_eq!(d.on_site_by.unwrap() - at, Duration::hours(1));
        prop_assert_eq!(d.fixed_by - at, Duration::hours(3));
    }

    #[test]
    fn class_c_with_arrival_never_gains_time(at in instant(), offset in -30i64..=240) {
        let cal = WorkingDayCalendar::dutch_legal();
        let arrived = at + Duration::minutes(offset);
        let d = repair_deadlines(ResponseClass::C, at, Some(arrived), &cal);
        let on_site = d.on_site_by.unwrap();
        prop_assert_eq!(on_site - at, Duration::hours(1));
        prop_assert!(d.fixed_by <= on_site + Duration::hours(2));
        prop_assert!(d.fixed_by >= at + Duration::hours(2));
        if arrived >= at && arrived <= on_site {
            prop_assert_eq!(d.fixed_by, arrived + Duration::hours(2));
        }
        if arrived > on_site {
            prop_assert_eq!(d.fixed_by, on_site + Duration::hours(2));
        }
        // Knowing the arrival never moves the fix deadline later than planned.
        let planned = repair_deadlines(ResponseClass::C, at, None, &cal);
        prop_assert!(d.fixed_by <= planned.fixed_by);
    }

    #[test]
    fn deadlines_are_monotonic_in_the_report_time(
        at in instant(),
        later_by in prop_oneof![0i64..=600, 0i64..=4 * 86_400],
        extra in prop::collection::vec(0u64..20, 0..8),
    ) {
        let cal = extended(at, &extra, true);
        let later = at + Duration::seconds(later_by);
        for class in [ResponseClass::A, ResponseClass::B, ResponseClass::C] {
            let d1 = repair_deadlines(class, at, None, &cal);
            let d2 = repair_deadlines(class, later, None, &cal);
            prop_assert!(d1.fixed_by <= d2.fixed_by, "{:?}: {} then {}", class, d1.fixed_by, d2.fixed_by);
            prop_assert!(d1.on_site_by <= d2.on_site_by);
        }
        prop_assert!(collection_due(&cal, at) <= collection_due(&cal, later));
        prop_assert!(delivery_planning_due(&cal, at) <= delivery_planning_due(&cal, later));
    }

    #[test]
    fn other_working_day_deadlines_count_right(
        at in instant(),
        extra in prop::collection::vec(0u64..20, 0..8),
        n in 0u32..15,
    ) {
        let cal = extended(at, &extra, false);
        check_working_day_deadline(&cal, at, adjustment_return_by(&cal, at), 2)?;
        check_working_day_deadline(&cal, at, collection_due(&cal, at), 10)?;
        check_working_day_deadline(&cal, at, complaint_due(&cal, at), 10)?;
        check_working_day_deadline(&cal, at, loan_device_due(&cal, at, true), 1)?;
        check_working_day_deadline(&cal, at, loan_device_due(&cal, at, false), 2)?;
        check_working_day_deadline(&cal, at, delivery_planning_due(&cal, at), 1)?;
        let due = end_of_nth_working_day(&cal, at, n);
        if n == 0 {
            prop_assert_eq!(due, end_of_local_day(local_date(at)));
        } else {
            check_working_day_deadline(&cal, at, due, n)?;
        }
        prop_assert!(loan_device_due(&cal, at, true) < loan_device_due(&cal, at, false));
    }

    #[test]
    fn local_days_are_23_24_or_25_hours(at in instant()) {
        let day = local_date(at);
        let start = start_of_local_day(day);
        let end = end_of_local_day(day);
        prop_assert!(start <= at && at < end);
        prop_assert!(is_local_midnight(start) && is_local_midnight(end));
        let hours = (end - start).num_hours();
        prop_assert!((23..=25).contains(&hours));
        prop_assert_eq!(end - start, Duration::hours(hours));
    }

    #[test]
    fn deadline_status_is_consistent(
        start in instant(),
        total_min in 1i64..10_000,
        now_offset in -1_000i64..20_000,
    ) {
        let due = start + Duration::minutes(total_min);
        let now = start + Duration::seconds(now_offset * 37);
        let s = deadline_status(now, start, due);
        prop_assert_ne!(s.remaining_minutes, 0);
        prop_assert_eq!(s.state == DeadlineState::Overdue, now >= due);
        prop_assert_eq!(s.remaining_minutes < 0, now >= due);
        let left = due - now;
        if s.state == DeadlineState::Ok {
            prop_assert!(left > Duration::minutes(60));
            prop_assert!(left * 4 >= due - start);
        }
        // Time passing never improves the status.
        let a_bit_later = deadline_status(now + Duration::seconds(90), start, due);
        prop_assert!(a_bit_later.remaining_minutes <= s.remaining_minutes);
        prop_assert!(rank(a_bit_later.state) >= rank(s.state));
    }
}

proptest! {
    /// PvE 7.1.6 and 7.1.5, against a reference that walks the calendar itself: when a
    /// repair is not done in time, a replacement device is due by the end of the day the
    /// fix-by deadline falls on, or by the loan deadline (1 working day after the report day
    /// when safe use is prevented, classes B and C; 2 when not, class A) when that is
    /// earlier; never before the fix-by deadline itself, always at a local midnight.
    #[test]
    fn a_replacement_is_due_the_same_day_or_by_the_loan_deadline(
        at in instant(),
        class in prop_oneof![Just(ResponseClass::A), Just(ResponseClass::B), Just(ResponseClass::C)],
        arrive_after in proptest::option::of(0i64..=180),
        extra in proptest::collection::vec(0u64..20, 0..3),
        good_friday in proptest::bool::ANY,
    ) {
        let cal = extended(at, &extra, good_friday);
        let arrived = arrive_after.map(|m| at + Duration::minutes(m));
        let d = repair_deadlines(class, at, arrived, &cal);
        // the reference: the local day of the fix-by instant (an exclusive midnight is the
        // day before), its end
        let fix_local = (d.fixed_by - Duration::seconds(1)).with_timezone(&LOCAL_TZ);
        let same_day_end = LOCAL_TZ
            .from_local_datetime(&fix_local.date_naive().succ_opt().unwrap().and_time(NaiveTime::MIN))
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        // the loan deadline: walk to the n-th working day after the report's local day
        let n = if class == ResponseClass::A { 2 } else { 1 };
        let mut day = local_date(at);
        let mut counted = 0;
        while counted < n {
            day = day.succ_opt().unwrap();
            if cal.is_working_day(day) {
                counted += 1;
            }
        }
        let loan_end = LOCAL_TZ
            .from_local_datetime(&day.succ_opt().unwrap().and_time(NaiveTime::MIN))
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        prop_assert_eq!(d.replacement_by, same_day_end.min(loan_end));
        prop_assert!(is_local_midnight(d.replacement_by));
        prop_assert!(d.replacement_by >= d.fixed_by, "{} before {}", d.replacement_by, d.fixed_by);
        // shown from the start of the fix-by deadline's own local day (reference: the local
        // midnight opening that day, found apart from the code)
        let day_start = LOCAL_TZ
            .from_local_datetime(&fix_local.date_naive().and_time(NaiveTime::MIN))
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        prop_assert_eq!(d.replacement_shown_from, day_start.min(d.fixed_by));
        prop_assert!(d.replacement_shown_from <= d.fixed_by);
        prop_assert!(d.fixed_by - d.replacement_shown_from <= Duration::hours(25));
    }
}

fn rank(s: DeadlineState) -> u8 {
    match s {
        DeadlineState::Ok => 0,
        DeadlineState::DueSoon => 1,
        DeadlineState::Overdue => 2,
    }
}
