//! The contract's measured outcomes (PvE 9.1.5). First time right (KPI 6.4, 9.1.5d) is what
//! happened after a delivery, not the fitter's forecast: a delivery is right the first time
//! when no further fitting, adjustment or re-delivery for the same order (or, for an
//! adjustment without an order, the same device) follows within the contract's stated period
//! ([`crate::contract::Contract::first_time_right_days`]). A delivery whose period has not
//! ended yet is open, counted neither way.

use crate::ids::{DeviceId, OrderId};
use crate::model::JobKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

/// A completed job, as the measurement needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoneWork {
    pub kind: JobKind,
    pub order_id: Option<OrderId>,
    pub device_id: Option<DeviceId>,
    pub completed_at: DateTime<Utc>,
}

/// First time right over the deliveries of a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FirstTimeRight {
    /// Deliveries in the period whose follow-up period has ended.
    pub measured: u32,
    /// Of those, followed by nothing for the same order.
    pub right: u32,
    /// Deliveries whose follow-up period runs on past `now`, with no follow-up yet.
    pub open: u32,
}

impl FirstTimeRight {
    /// The percentage right of those measured, or None when none were measured.
    pub fn percent(&self) -> Option<f64> {
        (self.measured > 0).then(|| f64::from(self.right) * 100.0 / f64::from(self.measured))
    }
}

/// Whether `later` is a follow-up of the delivery `d`: a fitting, an adjustment or another
/// delivery for the same order, or an adjustment of the delivered device.
fn follows_up(d: &DoneWork, later: &DoneWork) -> bool {
    let kind = matches!(
        later.kind,
        JobKind::Fitting | JobKind::Adjustment | JobKind::Delivery
    );
    let same_order = d.order_id.is_some() && later.order_id == d.order_id;
    let same_device = later.kind == JobKind::Adjustment
        && d.device_id.is_some()
        && later.device_id == d.device_id;
    kind && (same_order || same_device)
}

/// First time right for the deliveries completed on the days `from..=to` (Amsterdam days are
/// the caller's: pass the UTC instants' days as the report defines them), with a follow-up
/// period of `days` days, as known at `now`. A re-delivery for an order already delivered
/// is a follow-up, not a delivery of its own.
pub fn first_time_right(
    work: &[DoneWork],
    from: NaiveDate,
    to: NaiveDate,
    days: u32,
    now: DateTime<Utc>,
) -> FirstTimeRight {
    let period = Duration::days(i64::from(days));
    let mut out = FirstTimeRight::default();
    for d in work.iter().filter(|w| w.kind == JobKind::Delivery) {
        let day = d.completed_at.date_naive();
        if day < from || day > to {
            continue;
        }
        let redelivery = work.iter().any(|e| {
            e.kind == JobKind::Delivery
                && e.order_id.is_some()
                && e.order_id == d.order_id
                && e.completed_at < d.completed_at
        });
        if redelivery {
            continue;
        }
        let ends = d.completed_at + period;
        let followed = work.iter().any(|later| {
            !std::ptr::eq(later, d)
                && later.completed_at > d.completed_at
                && later.completed_at <= ends
                && later.completed_at <= now
                && follows_up(d, later)
        });
        if followed {
            out.measured += 1;
        } else if ends <= now {
            out.measured += 1;
            out.right += 1;
        } else {
            out.open += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
    }
    fn work(kind: JobKind, order: u128, device: u128, when: DateTime<Utc>) -> DoneWork {
        DoneWork {
            kind,
            order_id: (order > 0).then(|| OrderId(uuid::Uuid::from_u128(order))),
            device_id: (device > 0).then(|| DeviceId(uuid::Uuid::from_u128(device))),
            completed_at: when,
        }
    }
    fn march() -> (NaiveDate, NaiveDate) {
        (
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        )
    }

    #[test]
    fn a_delivery_followed_by_nothing_is_right_once_its_period_is_over() {
        let (from, to) = march();
        let w = vec![work(JobKind::Delivery, 1, 10, at(2, 10))];
        let during = first_time_right(&w, from, to, 30, at(20, 10));
        assert_eq!(
            during,
            FirstTimeRight {
                measured: 0,
                right: 0,
                open: 1
            }
        );
        assert_eq!(during.percent(), None);
        let after = first_time_right(&w, from, to, 30, at(2, 10) + Duration::days(30));
        assert_eq!(
            after,
            FirstTimeRight {
                measured: 1,
                right: 1,
                open: 0
            }
        );
        assert_eq!(after.percent(), Some(100.0));
    }

    #[test]
    fn a_fitting_adjustment_or_redelivery_within_the_period_makes_it_not_right() {
        let (from, to) = march();
        let late = at(31, 23) + Duration::days(40);
        for (kind, order, device) in [
            (JobKind::Fitting, 1, 0),
            (JobKind::Delivery, 1, 10),
            (JobKind::Adjustment, 1, 0),
            (JobKind::Adjustment, 0, 10),
        ] {
            let w = vec![
                work(JobKind::Delivery, 1, 10, at(2, 10)),
                work(kind, order, device, at(12, 9)),
            ];
            let f = first_time_right(&w, from, to, 30, late);
            assert_eq!(
                f,
                FirstTimeRight {
                    measured: 1,
                    right: 0,
                    open: 0
                },
                "{kind:?}"
            );
            assert_eq!(f.percent(), Some(0.0));
        }
    }

    #[test]
    fn other_orders_work_after_the_period_and_the_forecast_do_not_count() {
        let (from, to) = march();
        let late = at(31, 23) + Duration::days(40);
        let w = vec![
            work(JobKind::Delivery, 1, 10, at(2, 10)),
            // another order, another device
            work(JobKind::Fitting, 2, 0, at(3, 10)),
            work(JobKind::Adjustment, 0, 11, at(3, 11)),
            // a repair is no follow-up of the delivery
            work(JobKind::Repair, 0, 10, at(4, 10)),
            // an adjustment after the 30 days
            work(JobKind::Adjustment, 1, 10, at(2, 10) + Duration::days(31)),
        ];
        assert_eq!(
            first_time_right(&w, from, to, 30, late),
            FirstTimeRight {
                measured: 1,
                right: 1,
                open: 0
            }
        );
    }

    #[test]
    fn only_the_periods_first_deliveries_are_counted() {
        let (from, to) = march();
        let late = at(31, 23) + Duration::days(60);
        let w = vec![
            work(JobKind::Delivery, 1, 10, at(2, 10)),
            work(JobKind::Delivery, 1, 10, at(5, 10)), // a re-delivery: a follow-up
            work(JobKind::Delivery, 2, 20, at(20, 10)),
            work(
                JobKind::Delivery,
                3,
                30,
                Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap(),
            ),
            work(
                JobKind::Delivery,
                4,
                40,
                Utc.with_ymd_and_hms(2026, 2, 28, 8, 0, 0).unwrap(),
            ),
        ];
        let f = first_time_right(&w, from, to, 30, late);
        assert_eq!(
            f,
            FirstTimeRight {
                measured: 2,
                right: 1,
                open: 0
            }
        );
        assert_eq!(f.percent(), Some(50.0));
    }
}

/// KPI 5.3: complaints at most 1% of the transactions (deliveries, repairs, maintenance and
/// the other jobs done) in a quarter.
pub const MAX_COMPLAINT_RATE_PERCENT: f64 = 1.0;

/// The complaint rate of a period: complaints received per transaction, as a percentage;
/// None when there were no transactions.
pub fn complaint_rate_percent(complaints: u32, transactions: u32) -> Option<f64> {
    (transactions > 0).then(|| f64::from(complaints) * 100.0 / f64::from(transactions))
}

#[cfg(test)]
mod complaint_rate_tests {
    use super::*;

    #[test]
    fn the_rate_is_complaints_per_transaction() {
        assert_eq!(complaint_rate_percent(0, 0), None);
        assert_eq!(complaint_rate_percent(1, 200), Some(0.5));
        assert_eq!(complaint_rate_percent(3, 200), Some(1.5));
        assert!(complaint_rate_percent(2, 200).is_some_and(|r| r <= MAX_COMPLAINT_RATE_PERCENT));
        assert!(complaint_rate_percent(3, 200).is_some_and(|r| r > MAX_COMPLAINT_RATE_PERCENT));
    }
}
