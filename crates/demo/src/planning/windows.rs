//! The time windows of a technician's day.

use crate::rng::Rand;

/// 1-2 hour windows (minutes after local midnight) between 08:00 and 17:30, in time order and
/// never overlapping.
pub(super) fn make_windows(r: &mut Rand, n: usize) -> Vec<(u32, u32)> {
    const START: u32 = 8 * 60;
    const AVAILABLE: u32 = 9 * 60 + 30;
    let mut lens: Vec<u32> = (0..n).map(|_| *r.pick(&[60, 90, 90, 120, 120])).collect();
    while lens.iter().sum::<u32>() > AVAILABLE {
        if let Some(longest) = lens.iter_mut().filter(|l| **l > 60).max_by_key(|l| **l) {
            *longest -= 30;
        } else {
            break;
        }
    }
    let mut slack = (AVAILABLE - lens.iter().sum::<u32>().min(AVAILABLE)) / 15;
    let mut t = START;
    let mut out = Vec::with_capacity(n);
    for len in lens {
        let gap = r.range(0, i64::from(slack.min(2))) as u32;
        slack -= gap;
        t += gap * 15;
        out.push((t, t + len));
        t += len;
    }
    out
}
