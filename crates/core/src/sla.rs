//! Response classes and deadline arithmetic (PvE 7.1, 6.3, 7.3, 7.5).
//!
//! Every instant goes in and comes out as `DateTime<Utc>`; the contract's local clock is
//! Europe/Amsterdam ([`LOCAL_TZ`]), with its summer/winter time.
//!
//! # Two kinds of deadline
//!
//! * **Hours** run on the clock, 24/7, as real elapsed time. A change of summer/winter time
//!   does not change elapsed hours: 3 h after 01:30 on the night the clocks go back is still
//!   3 elapsed hours (03:30 winter time, not 04:30). Hour deadlines are plain UTC additions.
//! * **Working days** end at the end of the N-th working day ([`WorkingDayCalendar`]) after
//!   the local (Amsterdam) calendar day of the report or order. The report day itself never
//!   counts, whatever the hour and even when it is a working day. The end of a day is
//!   expressed as the *exclusive* instant of the local midnight that starts the following
//!   calendar day: "due by" means strictly before that instant, and the UI shows it as
//!   `end of <day>`. An instant at or after a deadline is overdue.
//!
//! # Repair classes (PvE 7.1), counted from the first report (`reported_at`)
//!
//! * **A** (does not prevent safe use): fixed by the end of the 2nd working day after the
//!   report day. No on-site deadline.
//! * **B** (prevents safe use, resident indoors): on site within 3 h; fixed "the same day".
//!   A report late in the evening makes the 3 h on-site deadline pass midnight, so "the same
//!   day" cannot be read literally. Reading chosen, to protect the resident:
//!   `fixed_by = max(end of the local calendar day of the report, on_site_by)`. When the
//!   on-site deadline falls after midnight the repair must be fixed at that visit, by the
//!   on-site deadline; if it cannot be, the contract's fallback applies (a functionally equal
//!   replacement device the same day). This reading never gives more time than the later of
//!   the two contract limits (end of the report day, on-site deadline), and it is monotonic:
//!   a later report never gets an earlier deadline. The actual arrival does not change a B
//!   deadline.
//! * **C** (highly dependent or stranded outside): on site within 1 h; fixed within 2 h
//!   after arrival. Before the arrival is known the planned `fixed_by` is
//!   `on_site_by + 2 h` (3 h after the report). Once an arrival is known,
//!   `fixed_by = min(arrival, on_site_by) + 2 h`: an early arrival brings the fix deadline
//!   forward, a late arrival does not buy extra time (the protective reading; the late
//!   arrival is already a breach of the on-site deadline). An arrival recorded before the
//!   report (the technician was already there) counts as arriving at the report.
//!
//! # The 18:00-08:00 / weekend / holiday deferral
//!
//! PvE 7.1 allows a repair to wait until the next working day between 18:00 and 08:00, in
//! weekends and on public holidays, "but only if use is not hindered and nothing becomes
//! unsafe". Reading chosen: the app never moves a deadline because of it.
//! * B and C malfunctions by definition hinder use or are unsafe, so the deferral never
//!   applies to them: their clocks run through nights, weekends and holidays.
//! * For A the working-day rule already covers weekends and holidays. An A report at 19:00
//!   on a working day still counts that day as the report day (the deferral would at most
//!   move the start to the next working day; counting from the report day is the stricter
//!   reading and keeps the deadline a pure function of the report instant).
//!
//! # Other working-day deadlines
//!
//! Adjustment (PvE 7.3: the resident misses the device at most 2 working days, counted from
//! the day it is taken), collection (PvE 7.5: within 10 working days after the order), loan
//! device when a repair cannot be done on site (PvE 7.1: 1 working day when unsafe, 2 when
//! safe, counted from the first report, which is the earliest and so protective reading),
//! and planning the delivery date (PvE 6.3: within 1 working day after fitting).
//!
//! # Deadline status for the UI
//!
//! [`deadline_status`] says how a deadline stands at `now`: `Overdue` at or after the
//! (exclusive) deadline; `DueSoon` when at most 60 minutes or less than 25% of the total
//! time (from the report, order or arrival to the deadline) is left, so a 3-day class A
//! deadline turns due soon 18 h before its end and a 3 h on-site deadline in its last hour;
//! otherwise `Ok`. A class C on-site deadline (1 h in all) is due soon from the start: it is
//! an emergency throughout.

use crate::WorkingDayCalendar;
use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Response class of a malfunction report, counted from the first report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ResponseClass {
    /// Does not prevent safe use: fixed within 2 working days.
    A,
    /// Prevents safe use, resident indoors: on site within 3 hours, fixed the same day.
    B,
    /// Resident highly dependent or stranded outside: on site within 1 hour, fixed within
    /// 2 hours after arrival.
    C,
}

/// The contract's local clock.
pub const LOCAL_TZ: Tz = chrono_tz::Europe::Amsterdam;

/// Class A: fixed by the end of this many working days after the report day.
pub const CLASS_A_WORKING_DAYS: u32 = 2;
/// Class B: on site within this many hours.
pub const CLASS_B_ON_SITE_HOURS: i64 = 3;
/// Class C: on site within this many hours.
pub const CLASS_C_ON_SITE_HOURS: i64 = 1;
/// Class C: fixed within this many hours after arrival.
pub const CLASS_C_FIX_HOURS: i64 = 2;
/// Adjustment: the resident misses the device at most this many working days.
pub const ADJUSTMENT_WORKING_DAYS: u32 = 2;
/// Collection: within this many working days after the order.
pub const COLLECTION_WORKING_DAYS: u32 = 10;
/// Complaints (PvE 5.1.5): handled within 10 working days of the day received.
pub const COMPLAINT_WORKING_DAYS: u32 = 10;
/// Loan device when the repair cannot be done on site and use is unsafe.
pub const LOAN_UNSAFE_WORKING_DAYS: u32 = 1;
/// Loan device when the repair cannot be done on site and use is safe.
pub const LOAN_SAFE_WORKING_DAYS: u32 = 2;
/// The delivery date is planned within this many working days after fitting.
pub const DELIVERY_PLANNING_WORKING_DAYS: u32 = 1;

/// The local (Amsterdam) calendar day of an instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&LOCAL_TZ).date_naive()
}

/// The local day a deadline falls on: a deadline at midnight ("by the end of the day") is
/// that day's, not the next one's.
pub fn deadline_day(deadline: DateTime<Utc>) -> NaiveDate {
    local_date(deadline - Duration::nanoseconds(1))
}

/// The instant the local (Amsterdam) calendar day `date` starts: its local midnight.
pub fn start_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    match LOCAL_TZ.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // Amsterdam never skips midnight; should a zone do so, the day starts where the
        // gap ends.
        LocalResult::None => (1..=24 * 4)
            .find_map(|q| {
                LOCAL_TZ
                    .from_local_datetime(&(midnight + Duration::minutes(15 * q)))
                    .earliest()
            })
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// The exclusive end of the local calendar day `date`: the midnight that starts the next day.
pub fn end_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    start_of_local_day(date.succ_opt().unwrap_or(date))
}

/// The exclusive end of the `n`-th working day after the calendar day `day` (the end of
/// `day` itself when `n` is 0). For dates such as an order's `ordered_on`.
pub fn working_day_deadline(cal: &WorkingDayCalendar, day: NaiveDate, n: u32) -> DateTime<Utc> {
    end_of_local_day(cal.add_working_days(day, n))
}

/// The exclusive end of the `n`-th working day after the local day of `at`.
pub fn end_of_nth_working_day(
    cal: &WorkingDayCalendar,
    at: DateTime<Utc>,
    n: u32,
) -> DateTime<Utc> {
    working_day_deadline(cal, local_date(at), n)
}

/// The deadlines of a repair. Both instants are exclusive: due strictly before them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RepairDeadlines {
    /// Be on site before this (B and C only).
    pub on_site_by: Option<DateTime<Utc>>,
    /// Have it fixed before this.
    pub fixed_by: DateTime<Utc>,
    /// When the repair is not done by `fixed_by`: a functionally equal replacement device
    /// before this (PvE 7.1.6: "the same day", the end of the local day of the fix-by
    /// deadline), or by the loan deadline of a repair taken away (7.1.5: 1 working day when
    /// safe use is prevented, 2 when not) when that comes first.
    pub replacement_by: DateTime<Utc>,
    /// The replacement deadline is shown (on the job and on Today) from this instant: the
    /// start of the local day the fix-by deadline falls on, the day a replacement may come
    /// due, so it can still be planned that day (always before the fix-by deadline).
    pub replacement_shown_from: DateTime<Utc>,
}

/// The deadlines of a repair of `class`, reported (first report) at `reported_at`, with the
/// technician's arrival once known (used by class C only). See the module docs for the
/// readings chosen.
pub fn repair_deadlines(
    class: ResponseClass,
    reported_at: DateTime<Utc>,
    arrived_at: Option<DateTime<Utc>>,
    cal: &WorkingDayCalendar,
) -> RepairDeadlines {
    let (on_site_by, fixed_by) = match class {
        ResponseClass::A => (
            None,
            end_of_nth_working_day(cal, reported_at, CLASS_A_WORKING_DAYS),
        ),
        ResponseClass::B => {
            let on_site = reported_at + Duration::hours(CLASS_B_ON_SITE_HOURS);
            let end_of_day = end_of_local_day(local_date(reported_at));
            (Some(on_site), end_of_day.max(on_site))
        }
        ResponseClass::C => {
            let on_site = reported_at + Duration::hours(CLASS_C_ON_SITE_HOURS);
            let counted_arrival = match arrived_at {
                None => on_site,
                Some(a) => a.clamp(reported_at, on_site),
            };
            (
                Some(on_site),
                counted_arrival + Duration::hours(CLASS_C_FIX_HOURS),
            )
        }
    };
    // the day the fix-by deadline falls on (an exclusive midnight belongs to the day before)
    let day = deadline_day(fixed_by);
    let loan = loan_device_due(cal, reported_at, class != ResponseClass::A);
    RepairDeadlines {
        on_site_by,
        fixed_by,
        replacement_by: end_of_local_day(day).min(loan),
        replacement_shown_from: start_of_local_day(day),
    }
}

/// Adjustment (PvE 7.3): the device must be back by the end of the 2nd working day after the
/// day it was taken.
pub fn adjustment_return_by(cal: &WorkingDayCalendar, taken_at: DateTime<Utc>) -> DateTime<Utc> {
    end_of_nth_working_day(cal, taken_at, ADJUSTMENT_WORKING_DAYS)
}

/// Collection (PvE 7.5): by the end of the 10th working day after the order.
pub fn collection_due(cal: &WorkingDayCalendar, ordered_at: DateTime<Utc>) -> DateTime<Utc> {
    end_of_nth_working_day(cal, ordered_at, COLLECTION_WORKING_DAYS)
}

/// Complaint (PvE 5.1.5): handled, with the outcome told to the resident in writing, by the
/// end of the 10th working day after the day it was received.
pub fn complaint_due(cal: &WorkingDayCalendar, received_at: DateTime<Utc>) -> DateTime<Utc> {
    end_of_nth_working_day(cal, received_at, COMPLAINT_WORKING_DAYS)
}

/// Loan device when a repair cannot be done on site (PvE 7.1): by the end of the 1st
/// (unsafe) or 2nd (safe) working day after the day of the first report.
pub fn loan_device_due(
    cal: &WorkingDayCalendar,
    reported_at: DateTime<Utc>,
    is_unsafe: bool,
) -> DateTime<Utc> {
    let n = if is_unsafe {
        LOAN_UNSAFE_WORKING_DAYS
    } else {
        LOAN_SAFE_WORKING_DAYS
    };
    end_of_nth_working_day(cal, reported_at, n)
}

/// Delivery planning (PvE 6.3): the delivery date is planned with the resident by the end
/// of the 1st working day after the fitting.
pub fn delivery_planning_due(cal: &WorkingDayCalendar, fitted_at: DateTime<Utc>) -> DateTime<Utc> {
    end_of_nth_working_day(cal, fitted_at, DELIVERY_PLANNING_WORKING_DAYS)
}

/// A deadline is due soon when at most this many minutes are left...
pub const DUE_SOON_MINUTES: i64 = 60;
/// ...or when less than this percentage of its total time (start to deadline) is left.
pub const DUE_SOON_PERCENT: i64 = 25;

/// How a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    Ok,
    /// At most [`DUE_SOON_MINUTES`] minutes or less than [`DUE_SOON_PERCENT`]% of the total
    /// left.
    /// A class C on-site deadline (1 h in all) is due soon from the report on, on purpose.
    DueSoon,
    /// `now` is at or after the (exclusive) deadline.
    Overdue,
}

/// A deadline as the UI shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeadlineStatus {
    pub state: DeadlineState,
    /// Minutes left, rounded up (30 s left is 1); when overdue, negative and rounded away
    /// from zero (at the deadline itself -1). Never 0. Saturates at the `i32` range.
    pub remaining_minutes: i32,
}

/// The status at `now` of a deadline `due` whose time started at `started_at` (the report,
/// order or arrival it is counted from).
pub fn deadline_status(
    now: DateTime<Utc>,
    started_at: DateTime<Utc>,
    due: DateTime<Utc>,
) -> DeadlineStatus {
    let left_ms = i128::from((due - now).num_milliseconds());
    let total_ms = i128::from((due - started_at).num_milliseconds());
    let minutes = if left_ms > 0 {
        (left_ms + 59_999) / 60_000
    } else {
        -(-left_ms / 60_000 + 1)
    };
    let state = if left_ms <= 0 {
        DeadlineState::Overdue
    } else if left_ms <= i128::from(DUE_SOON_MINUTES) * 60_000
        || left_ms * 100 < total_ms * i128::from(DUE_SOON_PERCENT)
    {
        DeadlineState::DueSoon
    } else {
        DeadlineState::Ok
    };
    DeadlineStatus {
        state,
        remaining_minutes: minutes.clamp(i128::from(i32::MIN), i128::from(i32::MAX)) as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{ExtraDay, HolidayRule};
    use crate::Localized;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        LOCAL_TZ
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("unambiguous local time")
            .with_timezone(&Utc)
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn deadlines(
        class: ResponseClass,
        at: DateTime<Utc>,
        arr: Option<DateTime<Utc>>,
    ) -> RepairDeadlines {
        repair_deadlines(class, at, arr, &WorkingDayCalendar::dutch_legal())
    }

    #[test]
    fn local_days_follow_summer_and_winter_time() {
        assert_eq!(
            start_of_local_day(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()),
            utc("2026-01-09T23:00:00Z")
        );
        assert_eq!(
            start_of_local_day(NaiveDate::from_ymd_opt(2026, 7, 10).unwrap()),
            utc("2026-07-09T22:00:00Z")
        );
        // The days of the switches: 23 h and 25 h long.
        let spring = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(
            end_of_local_day(spring) - start_of_local_day(spring),
            Duration::hours(23)
        );
        let autumn = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        assert_eq!(
            end_of_local_day(autumn) - start_of_local_day(autumn),
            Duration::hours(25)
        );
        // 23:30 UTC on 10 February is already 11 February in Amsterdam.
        assert_eq!(
            local_date(utc("2026-02-10T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 2, 11).unwrap()
        );
    }

    #[test]
    fn class_a_examples() {
        use ResponseClass::A;
        // Thursday 24 Dec 2026 16:00: 25 and 26 Dec are holidays (26 is a Saturday anyway),
        // so the 2 working days are Mon 28 and Tue 29: due by the end of Tue 29 Dec.
        let d = deadlines(A, local(2026, 12, 24, 16, 0), None);
        assert_eq!(
            d,
            RepairDeadlines {
                on_site_by: None,
                fixed_by: utc("2026-12-29T23:00:00Z"),
                replacement_by: utc("2026-12-29T23:00:00Z"),
                // from the start of Tue 29 Dec, the deadline's own day
                replacement_shown_from: utc("2026-12-28T23:00:00Z"),
            }
        );
        // 19:00 on a working day (Tue 10 Feb) still counts Tuesday as the report day.
        assert_eq!(
            deadlines(A, local(2026, 2, 10, 19, 0), None).fixed_by,
            utc("2026-02-12T23:00:00Z")
        );
        // 00:30 local on Wed 11 Feb (23:30 UTC on the 10th) counts from Wednesday.
        assert_eq!(
            deadlines(A, utc("2026-02-10T23:30:00Z"), None).fixed_by,
            utc("2026-02-13T23:00:00Z")
        );
        // Saturday report: Mon and Tue.
        assert_eq!(
            deadlines(A, local(2026, 2, 14, 11, 0), None).fixed_by,
            utc("2026-02-17T23:00:00Z")
        );
        // Friday 27 Mar (winter time) -> end of Tue 31 Mar, in summer time.
        assert_eq!(
            deadlines(A, local(2026, 3, 27, 10, 0), None).fixed_by,
            utc("2026-03-31T22:00:00Z")
        );
        // The arrival does not matter for A.
        let at = local(2026, 3, 27, 10, 0);
        assert_eq!(deadlines(A, at, Some(at)), deadlines(A, at, None));
    }

    #[test]
    fn class_b_examples() {
        use ResponseClass::B;
        // 10:00 on Tue 10 Feb: on site by 13:00, fixed by the end of the day.
        let d = deadlines(B, local(2026, 2, 10, 10, 0), None);
        assert_eq!(d.on_site_by, Some(utc("2026-02-10T12:00:00Z")));
        assert_eq!(d.fixed_by, utc("2026-02-10T23:00:00Z"));
        // 23:00: on site by 02:00 the next day, fixed at that visit.
        let d = deadlines(B, local(2026, 2, 10, 23, 0), None);
        assert_eq!(d.on_site_by, Some(utc("2026-02-11T01:00:00Z")));
        assert_eq!(d.fixed_by, utc("2026-02-11T01:00:00Z"));
        // 21:00 exactly: the on-site deadline is midnight itself.
        let d = deadlines(B, local(2026, 2, 10, 21, 0), None);
        assert_eq!(d.on_site_by, Some(utc("2026-02-10T23:00:00Z")));
        assert_eq!(d.fixed_by, utc("2026-02-10T23:00:00Z"));
        // Weekends and holidays change nothing: Christmas Day 10:00.
        let d = deadlines(B, local(2026, 12, 25, 10, 0), None);
        assert_eq!(d.fixed_by, utc("2026-12-25T23:00:00Z"));
        // Summer: 10:00 CEST on 1 July -> end of day is 22:00 UTC.
        assert_eq!(
            deadlines(B, local(2026, 7, 1, 10, 0), None).fixed_by,
            utc("2026-07-01T22:00:00Z")
        );
    }

    #[test]
    fn class_c_examples() {
        use ResponseClass::C;
        let at = local(2026, 2, 10, 14, 0); // 13:00Z
        let planned = deadlines(C, at, None);
        assert_eq!(planned.on_site_by, Some(utc("2026-02-10T14:00:00Z")));
        assert_eq!(planned.fixed_by, utc("2026-02-10T16:00:00Z"));
        // Early arrival (14:40 local) brings the fix deadline forward.
        let early = deadlines(C, at, Some(utc("2026-02-10T13:40:00Z")));
        assert_eq!(early.fixed_by, utc("2026-02-10T15:40:00Z"));
        // Late arrival (15:30 local) buys no extra time.
        let late = deadlines(C, at, Some(utc("2026-02-10T14:30:00Z")));
        assert_eq!(late.fixed_by, utc("2026-02-10T16:00:00Z"));
        // An arrival before the report counts as arriving at the report.
        let before = deadlines(C, at, Some(utc("2026-02-10T12:00:00Z")));
        assert_eq!(before.fixed_by, utc("2026-02-10T15:00:00Z"));
    }

    #[test]
    fn hour_deadlines_across_the_clock_changes() {
        use ResponseClass::{B, C};
        // 29 Mar 2026 01:30 CET (00:30Z); at 02:00 the clock jumps to 03:00.
        let spring = local(2026, 3, 29, 1, 30);
        assert_eq!(spring, utc("2026-03-29T00:30:00Z"));
        let b = deadlines(B, spring, None);
        let on_site = b.on_site_by.unwrap();
        assert_eq!(on_site, utc("2026-03-29T03:30:00Z"));
        assert_eq!(
            on_site
                .with_timezone(&LOCAL_TZ)
                .format("%H:%M %Z")
                .to_string(),
            "05:30 CEST"
        );
        assert_eq!(b.fixed_by, utc("2026-03-29T22:00:00Z")); // end of Sunday, CEST
        let c = deadlines(C, spring, None);
        assert_eq!(c.on_site_by, Some(utc("2026-03-29T01:30:00Z"))); // 03:30 CEST
        assert_eq!(c.fixed_by, utc("2026-03-29T03:30:00Z"));
        // 25 Oct 2026 01:30 CEST (23:30Z on the 24th); at 03:00 the clock goes back to 02:00.
        let autumn = local(2026, 10, 25, 1, 30);
        assert_eq!(autumn, utc("2026-10-24T23:30:00Z"));
        let b = deadlines(B, autumn, None);
        let on_site = b.on_site_by.unwrap();
        assert_eq!(on_site, utc("2026-10-25T02:30:00Z"));
        assert_eq!(
            on_site
                .with_timezone(&LOCAL_TZ)
                .format("%H:%M %Z")
                .to_string(),
            "03:30 CET"
        );
        assert_eq!(b.fixed_by, utc("2026-10-25T23:00:00Z")); // end of Sunday, CET
        assert_eq!(
            deadlines(C, autumn, None).fixed_by,
            utc("2026-10-25T02:30:00Z")
        );
    }

    #[test]
    fn other_working_day_deadlines() {
        let cal = WorkingDayCalendar::dutch_legal();
        // Mon 4 May 2026; 5 May is a holiday: unsafe -> Wed 6, safe -> Thu 7 (CEST).
        let at = local(2026, 5, 4, 10, 0);
        assert_eq!(loan_device_due(&cal, at, true), utc("2026-05-06T22:00:00Z"));
        assert_eq!(
            loan_device_due(&cal, at, false),
            utc("2026-05-07T22:00:00Z")
        );
        // Ordered Thu 23 Apr 2026: across King's Day and 5 May -> end of Mon 11 May.
        assert_eq!(
            collection_due(&cal, local(2026, 4, 23, 9, 0)),
            utc("2026-05-11T22:00:00Z")
        );
        // Fitted Fri 8 May -> Mon 11; fitted Wed 13 May -> Fri 15 (Ascension on Thu 14).
        assert_eq!(
            delivery_planning_due(&cal, local(2026, 5, 8, 15, 0)),
            utc("2026-05-11T22:00:00Z")
        );
        assert_eq!(
            delivery_planning_due(&cal, local(2026, 5, 13, 15, 0)),
            utc("2026-05-15T22:00:00Z")
        );
        // Taken Tue 12 May -> Wed 13, Fri 15.
        assert_eq!(
            adjustment_return_by(&cal, local(2026, 5, 12, 9, 0)),
            utc("2026-05-15T22:00:00Z")
        );
        // n = 0 is the end of the day itself, working day or not.
        assert_eq!(
            end_of_nth_working_day(&cal, local(2026, 2, 14, 9, 0), 0),
            utc("2026-02-14T23:00:00Z")
        );
        let ordered_on = NaiveDate::from_ymd_opt(2026, 4, 23).unwrap();
        assert_eq!(
            working_day_deadline(&cal, ordered_on, 10),
            utc("2026-05-11T22:00:00Z")
        );
        // An extended calendar moves deadlines: 28 Dec 2026 as an extra day, and Good Friday.
        let ext = cal
            .clone()
            .with_extra_day(ExtraDay::Date(
                NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
            ))
            .unwrap()
            .with_rule(HolidayRule::EasterOffset {
                days: -2,
                name: Localized::new("Goede Vrijdag", "Good Friday"),
            })
            .unwrap();
        let a = repair_deadlines(ResponseClass::A, local(2026, 12, 24, 16, 0), None, &ext);
        assert_eq!(a.fixed_by, utc("2026-12-30T23:00:00Z"));
        // Thu 2 Apr 2026 + 1 working day skips Good Friday and Easter Monday -> Tue 7 Apr.
        assert_eq!(
            loan_device_due(&ext, local(2026, 4, 2, 9, 0), true),
            utc("2026-04-07T22:00:00Z")
        );
    }

    #[test]
    fn deadline_status_thresholds() {
        let start = utc("2026-02-10T09:00:00Z");
        let due = utc("2026-02-10T13:00:00Z"); // 4 h in all; 25% = 60 min
        let st = |now: &str| deadline_status(utc(now), start, due);
        assert_eq!(
            st("2026-02-10T09:00:00Z"),
            DeadlineStatus {
                state: DeadlineState::Ok,
                remaining_minutes: 240
            }
        );
        assert_eq!(st("2026-02-10T11:59:59Z").state, DeadlineState::Ok);
        assert_eq!(st("2026-02-10T12:00:00Z").state, DeadlineState::DueSoon);
        assert_eq!(
            st("2026-02-10T12:00:01Z"),
            DeadlineStatus {
                state: DeadlineState::DueSoon,
                remaining_minutes: 60
            }
        );
        assert_eq!(
            st("2026-02-10T12:59:30Z"),
            DeadlineStatus {
                state: DeadlineState::DueSoon,
                remaining_minutes: 1
            }
        );
        assert_eq!(
            st("2026-02-10T13:00:00Z"),
            DeadlineStatus {
                state: DeadlineState::Overdue,
                remaining_minutes: -1
            }
        );
        assert_eq!(st("2026-02-10T13:00:59Z").remaining_minutes, -1);
        assert_eq!(st("2026-02-10T13:01:00Z").remaining_minutes, -2);
        assert_eq!(st("2026-02-10T15:00:00Z").state, DeadlineState::Overdue);
        // A 3-day deadline is due soon in its last 18 h (25%), not only its last hour.
        let due = start + Duration::hours(72);
        assert_eq!(
            deadline_status(due - Duration::hours(19), start, due).state,
            DeadlineState::Ok
        );
        assert_eq!(
            deadline_status(due - Duration::hours(17), start, due).state,
            DeadlineState::DueSoon
        );
        // Class C on site (1 h in all) is due soon from the start.
        assert_eq!(
            deadline_status(start, start, start + Duration::hours(1)).state,
            DeadlineState::DueSoon
        );
        // Saturates rather than overflowing.
        let far = deadline_status(start, start, start + Duration::days(365 * 10_000));
        assert_eq!(far.remaining_minutes, i32::MAX);
    }

    #[test]
    fn deadlines_serialise_for_the_ui() {
        let d = deadlines(ResponseClass::C, utc("2026-02-10T13:00:00Z"), None);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"on_site_by":"2026-02-10T14:00:00Z","fixed_by":"2026-02-10T16:00:00Z","replacement_by":"2026-02-10T23:00:00Z","replacement_shown_from":"2026-02-09T23:00:00Z"}"#
        );
        let s = deadline_status(
            utc("2026-02-10T13:00:00Z"),
            utc("2026-02-10T13:00:00Z"),
            utc("2026-02-10T14:00:00Z"),
        );
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"state":"due_soon","remaining_minutes":60}"#
        );
    }
}
