//! When to try again: exponential backoff with jitter (pure; the randomness is passed in).
//!
//! After the n-th failure in a row the wait is drawn from [cap/2, cap] with
//! cap = min(base * 2^(n-1), max): the wait grows quickly while the portal stays away, and
//! many laptops coming back at once do not all knock at the same moment. A `Retry-After` the
//! portal sent is a floor. Any success resets it.

use rand::Rng;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(base: Duration, max: Duration) -> Backoff {
        Backoff {
            base,
            max: max.max(base),
            failures: 0,
        }
    }

    /// Failures in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// The cap after `failures` failures in a row.
    pub fn cap(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(30);
        self.base
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.max)
            .min(self.max)
    }

    /// Counts a failure and returns how long to wait, at least `retry_after`.
    pub fn failed(&mut self, retry_after: Option<Duration>, rng: &mut impl Rng) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let cap = self.cap(self.failures);
        let half = cap / 2;
        let jitter = rng.random_range(0..=half.as_millis().min(u128::from(u64::MAX)) as u64);
        let wait = half + Duration::from_millis(jitter);
        match retry_after {
            Some(r) => wait.max(r),
            None => wait,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn waits_grow_to_the_cap_with_jitter_and_reset() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut b = Backoff::new(Duration::from_secs(2), Duration::from_secs(60));
        let mut last_cap = Duration::ZERO;
        for n in 1..=10 {
            let w = b.failed(None, &mut rng);
            let cap = b.cap(n);
            assert!(cap >= last_cap);
            assert!(
                w >= cap / 2 && w <= cap,
                "{n}: {w:?} outside [{:?}, {cap:?}]",
                cap / 2
            );
            last_cap = cap;
        }
        assert_eq!(last_cap, Duration::from_secs(60));
        assert_eq!(b.failures(), 10);
        b.reset();
        assert!(b.failed(None, &mut rng) <= Duration::from_secs(2));
        // Retry-After is a floor
        assert!(b.failed(Some(Duration::from_secs(45)), &mut rng) >= Duration::from_secs(45));
        // jitter: not all the same
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..20 {
            let mut b = Backoff::new(Duration::from_secs(8), Duration::from_secs(60));
            seen.insert(b.failed(None, &mut rng));
        }
        assert!(seen.len() > 5);
    }
}
