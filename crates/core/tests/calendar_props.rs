//! Property tests of the working-day calendar, checked against an independent reference
//! (Gauss's Easter algorithm and a day-by-day walk).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;
use veldwerk_core::calendar::{
    easter_sunday, CalendarConfig, ExtraDay, HolidayRule, WorkingDayCalendar,
};
use veldwerk_core::Localized;

/// Easter Sunday by Gauss's algorithm (with the two Gregorian exceptions): a different
/// method from the one under test.
fn gauss_easter(y: i32) -> NaiveDate {
    let (a, b, c) = (y % 19, y % 4, y % 7);
    let k = y / 100;
    let p = (13 + 8 * k) / 25;
    let q = k / 4;
    let m = (15 - p + k - q) % 30;
    let n = (4 + k - q) % 7;
    let d = (19 * a + m) % 30;
    let e = (2 * b + 4 * c + 6 * d + n) % 7;
    if d == 29 && e == 6 {
        return NaiveDate::from_ymd_opt(y, 4, 19).unwrap();
    }
    if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
        return NaiveDate::from_ymd_opt(y, 4, 18).unwrap();
    }
    NaiveDate::from_ymd_opt(y, 3, 22).unwrap() + Days::new((d + e) as u64)
}

/// The legal rule, written out independently.
fn reference_is_working_day(d: NaiveDate) -> bool {
    if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    let easter = gauss_easter(d.year());
    let since_easter = (d - easter).num_days();
    let (m, day) = (d.month(), d.day());
    let kings_day = if NaiveDate::from_ymd_opt(d.year(), 4, 27).unwrap().weekday() == Weekday::Sun {
        26
    } else {
        27
    };
    let holiday = (m, day) == (1, 1)
        || (m, day) == (4, kings_day)
        || (m, day) == (5, 5)
        || (m, day) == (12, 25)
        || (m, day) == (12, 26)
        || [1, 39, 50].contains(&since_easter);
    !holiday
}

fn walk_count(cal: &WorkingDayCalendar, a: NaiveDate, b: NaiveDate) -> u32 {
    let mut n = 0;
    let mut cur = a;
    while cur < b {
        cur = cur.succ_opt().unwrap();
        if cal.is_working_day(cur) {
            n += 1;
        }
    }
    n
}

fn day_in_2000_2100() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
    (0..=(last - first).num_days()).prop_map(move |k| first + Days::new(k as u64))
}

/// Extra rules and days: Easter offsets, fixed days, and extra days as offsets (in days)
/// from the date under test, so that they actually fall in the range that matters.
type Extension = (Vec<i32>, Vec<(u32, u32)>, Vec<u64>);

fn extension() -> impl Strategy<Value = Extension> {
    (
        prop::collection::vec(-70i32..=70, 0..4),
        prop::collection::vec((1u32..=12, 1u32..=28), 0..4),
        prop::collection::vec(0u64..90, 0..25),
    )
}

fn extended(base: NaiveDate, (easter, fixed, extra): &Extension) -> WorkingDayCalendar {
    let mut config = CalendarConfig::dutch_legal();
    let name = || Localized::new("Extra", "Extra");
    for days in easter {
        config.rules.push(HolidayRule::EasterOffset {
            days: *days,
            name: name(),
        });
    }
    for (month, day) in fixed {
        config.rules.push(HolidayRule::Fixed {
            month: *month,
            day: *day,
            name: name(),
        });
    }
    for k in extra {
        config.extra_days.push(ExtraDay::Date(base + Days::new(*k)));
    }
    WorkingDayCalendar::from_config(&config).expect("generated config is valid")
}

proptest! {
    #[test]
    fn easter_matches_gauss(year in 1900i32..=2200) {
        let e = easter_sunday(year).unwrap();
        prop_assert_eq!(e, gauss_easter(year));
        prop_assert_eq!(e.weekday(), Weekday::Sun);
        prop_assert!(e >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap());
        prop_assert!(e <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap());
    }

    #[test]
    fn legal_working_days_match_the_reference(d in day_in_2000_2100()) {
        let cal = WorkingDayCalendar::dutch_legal();
        prop_assert_eq!(cal.is_working_day(d), reference_is_working_day(d), "{}", d);
        // A non-working weekday always has a named reason, and a working day none.
        prop_assert_eq!(cal.non_working_reason(d).is_none(), cal.is_working_day(d));
    }

    #[test]
    fn add_working_days_lands_on_the_nth_working_day(
        d in day_in_2000_2100(),
        n in 0u32..40,
        ext in extension(),
    ) {
        for cal in [WorkingDayCalendar::dutch_legal(), extended(d, &ext)] {
            let r = cal.add_working_days(d, n);
            if n == 0 {
                prop_assert_eq!(r, d);
                continue;
            }
            prop_assert!(r > d);
            prop_assert!(cal.is_working_day(r));
            prop_assert!(cal.holiday(r).is_none());
            prop_assert!(!matches!(r.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert_eq!(walk_count(&cal, d, r), n);
            prop_assert_eq!(cal.working_days_between(d, r), n);
            if n == 1 {
                prop_assert_eq!(cal.next_working_day(d), r);
            }
            // The working day before r is the (n-1)-th (or lies at or before d when n = 1).
            let p = cal.previous_working_day(r).unwrap();
            prop_assert_eq!(walk_count(&cal, d, p), n - 1);
        }
    }

    #[test]
    fn legal_add_agrees_with_the_reference(d in day_in_2000_2100(), n in 1u32..25) {
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur = cur.succ_opt().unwrap();
            if reference_is_working_day(cur) {
                left -= 1;
            }
        }
        prop_assert_eq!(WorkingDayCalendar::dutch_legal().add_working_days(d, n), cur);
    }

    #[test]
    fn working_days_between_counts_day_by_day(
        a in day_in_2000_2100(),
        span in -30i64..800,
        ext in extension(),
    ) {
        let cal = extended(a, &ext);
        let b = a + chrono::Duration::days(span);
        prop_assert_eq!(cal.working_days_between(a, b), walk_count(&cal, a, b));
    }

    #[test]
    fn extending_the_calendar_only_moves_results_later(
        d in day_in_2000_2100(),
        n in 0u32..40,
        ext in extension(),
    ) {
        let legal = WorkingDayCalendar::dutch_legal();
        let cal = extended(d, &ext);
        prop_assert!(cal.add_working_days(d, n) >= legal.add_working_days(d, n));
        prop_assert!(cal.next_working_day(d) >= legal.next_working_day(d));
        // Every working day of the extended calendar is one of the legal calendar.
        for k in 0..90 {
            let x = d + Days::new(k);
            if cal.is_working_day(x) {
                prop_assert!(legal.is_working_day(x), "{}", x);
            }
        }
    }

    #[test]
    fn add_is_monotonic_in_the_start_day(
        d in day_in_2000_2100(),
        gap in 0u64..20,
        n in 0u32..30,
        ext in extension(),
    ) {
        let cal = extended(d, &ext);
        let later = d + Days::new(gap);
        prop_assert!(cal.add_working_days(d, n) <= cal.add_working_days(later, n));
    }

    #[test]
    fn config_survives_json(d in day_in_2000_2100(), ext in extension()) {
        let cal = extended(d, &ext);
        let json = serde_json::to_string(cal.config()).unwrap();
        let config: CalendarConfig = serde_json::from_str(&json).unwrap();
        let back = WorkingDayCalendar::from_config(&config).unwrap();
        prop_assert_eq!(&back, &cal);
        prop_assert_eq!(back.add_working_days(d, 7), cal.add_working_days(d, 7));
    }
}
