//! The app's clock. Everything the shell stamps or compares with "now" asks this clock, never
//! the system directly, so that a run can be placed on a fixed day: `VELDWERK_CLOCK` (an RFC
//! 3339 instant) starts the clock at that instant, after which it runs at the real pace. The
//! end-to-end tests use it so that they do not depend on the day they run (a weekend has no
//! visits); it is also how a demo can be shown on a chosen day.

use chrono::{DateTime, NaiveDate, Utc};
use std::time::Instant;

/// The environment variable that starts the clock at a given instant.
pub const CLOCK_ENV: &str = "VELDWERK_CLOCK";

#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// The instant the clock was set to, and when (monotonic) it was set.
    start: Option<(DateTime<Utc>, Instant)>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { start: None }
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock {
            start: Some((at, Instant::now())),
        }
    }

    /// From `VELDWERK_CLOCK` when it is set; a value that is not an RFC 3339 instant is an
    /// error (a test that meant a fixed day must not silently run on the real one).
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(CLOCK_ENV) {
            Ok(raw) if !raw.trim().is_empty() => DateTime::parse_from_rfc3339(raw.trim())
                .map(|t| Clock::starting_at(t.with_timezone(&Utc)))
                .map_err(|e| format!("{CLOCK_ENV}={raw:?} is not an RFC 3339 instant: {e}")),
            _ => Ok(Clock::system()),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.start {
            None => Utc::now(),
            Some((at, since)) => {
                let elapsed = chrono::Duration::from_std(since.elapsed())
                    .unwrap_or_else(|_| chrono::Duration::zero());
                at + elapsed
            }
        }
    }

    /// Today in Europe/Amsterdam.
    pub fn today(&self) -> NaiveDate {
        self.now()
            .with_timezone(&veldwerk_core::sla::LOCAL_TZ)
            .date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_runs_on_from_its_instant() {
        let at = DateTime::parse_from_rfc3339("2026-11-25T07:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let c = Clock::starting_at(at);
        let first = c.now();
        assert!(first >= at && first < at + chrono::Duration::seconds(5));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(c.now() > first);
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }

    #[test]
    fn the_system_clock_is_now() {
        let before = Utc::now();
        let n = Clock::system().now();
        assert!(n >= before && n <= Utc::now());
    }
}
