//! The time windows of a technician's day: 1-2 hour windows between 08:00 and 17:30 (minutes
//! after local midnight), in time order and never overlapping. Urgent repairs come first, as
//! early as their report allows; the other visits are spread over the time left.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use veldwerk_core::sla::{local_date, LOCAL_TZ};

pub(super) const DAY_START: u32 = 8 * 60;
pub(super) const DAY_END: u32 = 17 * 60 + 30;

/// A window: (start, end) in minutes after local midnight.
pub(super) type Window = (u32, u32);

/// Minutes after local midnight of `day` (0 when on an earlier day, past the day's end when
/// on a later one), a started minute counting as whole.
pub(super) fn minutes_on(day: NaiveDate, t: DateTime<Utc>) -> u32 {
    let l = t.with_timezone(&LOCAL_TZ);
    match local_date(t).cmp(&day) {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => l.hour() * 60 + l.minute() + u32::from(l.second() > 0),
        std::cmp::Ordering::Greater => DAY_END + 1,
    }
}

/// `k` windows of 1-2 hours in the `available` minutes from `start` (at least an hour each).
fn windows_in(r: &mut crate::rng::Rand, k: usize, start: u32, available: u32) -> Vec<(u32, u32)> {
    let mut lens: Vec<u32> = (0..k).map(|_| *r.pick(&[60, 90, 90, 120, 120])).collect();
    while lens.iter().sum::<u32>() > available {
        if let Some(longest) = lens.iter_mut().filter(|l| **l > 60).max_by_key(|l| **l) {
            *longest -= 30;
        } else {
            break;
        }
    }
    let mut slack = (available.saturating_sub(lens.iter().sum::<u32>())) / 15;
    let mut t = start;
    let mut out = Vec::with_capacity(k);
    for len in lens {
        let gap = r.range(0, i64::from(slack.min(2))) as u32;
        slack -= gap;
        t += gap * 15;
        out.push((t, t + len));
        t += len;
    }
    out
}

/// The day's windows. Each urgent visit (its earliest start, in the order given: the most
/// pressing first) gets a window from the first quarter hour it can start, or `None` when
/// the day is full; then up to `normal` windows share the time left, spread over the gaps.
pub(super) fn layout(
    r: &mut crate::rng::Rand,
    urgent: &[u32],
    normal: usize,
) -> (Vec<Option<Window>>, Vec<Window>) {
    let mut pinned = Vec::with_capacity(urgent.len());
    let mut taken: Vec<(u32, u32)> = Vec::new();
    for &earliest in urgent {
        let len = *r.pick(&[60, 90]);
        let placed = [len, 60].into_iter().find_map(|len| {
            let mut start = earliest.max(DAY_START).div_ceil(15) * 15;
            // the first free stretch from there
            while let Some((_, e)) = taken.iter().find(|(s, e)| start < *e && start + len > *s) {
                start = *e;
            }
            (start + len <= DAY_END).then_some((start, start + len))
        });
        if let Some(w) = placed {
            taken.push(w);
            taken.sort_unstable();
        }
        pinned.push(placed);
    }
    // The gaps between the pinned windows, and how many visits each takes.
    let mut gaps = Vec::new();
    let mut t = DAY_START;
    for (s, e) in taken.iter().copied().chain([(DAY_END, DAY_END)]) {
        if s > t {
            gaps.push((t, s - t));
        }
        t = t.max(e);
    }
    let mut counts = vec![0usize; gaps.len()];
    for _ in 0..normal {
        let best = (0..gaps.len())
            .filter(|g| (counts[*g] as u32 + 1) * 60 <= gaps[*g].1)
            .max_by_key(|g| (gaps[*g].1 * 100 / (counts[*g] as u32 + 1), usize::MAX - *g));
        match best {
            Some(g) => counts[g] += 1,
            None => break,
        }
    }
    let mut rest = Vec::new();
    for (g, (start, len)) in gaps.into_iter().enumerate() {
        rest.extend(windows_in(r, counts[g], start, len));
    }
    (pinned, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Rand, Stream};

    fn check(urgent: &[u32], normal: usize, seed: u64) {
        let mut r = Rand::new(seed, Stream::Planning);
        let (pinned, rest) = layout(&mut r, urgent, normal);
        let mut all: Vec<(u32, u32)> = pinned.iter().flatten().copied().chain(rest).collect();
        all.sort_unstable();
        for w in &all {
            assert!(w.0 >= DAY_START && w.1 <= DAY_END && (60..=120).contains(&(w.1 - w.0)));
            assert_eq!(w.0 % 15, 0);
        }
        for pair in all.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "{all:?}");
        }
        for (p, e) in pinned.iter().zip(urgent) {
            if let Some((s, _)) = p {
                assert!(s >= e, "{p:?} before {e}");
            }
        }
    }

    #[test]
    fn windows_fit_the_day_and_urgent_visits_start_after_their_report() {
        for seed in 0..200 {
            check(&[], 5, seed);
            check(&[8 * 60 + 10], 4, seed);
            check(&[10 * 60 + 50, 8 * 60], 5, seed);
            check(&[9 * 60, 9 * 60, 9 * 60], 4, seed);
            check(&[17 * 60], 3, seed);
        }
    }

    #[test]
    fn an_urgent_visit_starts_at_the_first_quarter_hour_it_can() {
        let mut r = Rand::new(1, Stream::Planning);
        let (pinned, _) = layout(&mut r, &[7 * 60 + 55, 9 * 60 + 2], 4);
        assert_eq!(pinned[0].map(|w| w.0), Some(8 * 60));
        let second = pinned[1].map(|w| w.0);
        assert!(second == Some(9 * 60 + 15) || second == Some(9 * 60 + 30));
    }
}
