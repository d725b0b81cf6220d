//! Seeded randomness and identifiers. Everything random in the demo comes from here, so the
//! same seed and anchor give the same data, byte for byte, on every machine.

use chrono::{DateTime, Utc};
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::{Builder, Uuid};

/// Independent streams of the one seed, one per part of the generator, so that a change in
/// how one part draws does not shift the others.
#[derive(Clone, Copy)]
pub enum Stream {
    Ids = 1,
    Technicians = 2,
    Residents = 3,
    Devices = 4,
    Planning = 5,
    /// The supplier's contact persons (their own ids too, so nothing else shifts).
    Contacts = 6,
}

/// A seeded random source with the few helpers the generator needs.
pub struct Rand(ChaCha8Rng);

impl Rand {
    pub fn new(seed: u64, stream: Stream) -> Rand {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream as u64);
        Rand(rng)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            0
        } else {
            self.0.random_range(0..n)
        }
    }

    /// lo..=hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..=hi)
        }
    }

    /// True with the given probability in percent.
    pub fn chance(&mut self, pct: u32) -> bool {
        self.0.random_range(0..100u32) < pct
    }

    /// True with the given probability in per mille.
    pub fn permille(&mut self, pm: u32) -> bool {
        self.0.random_range(0..1000u32) < pm
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given relative weights (at least one weight non-zero).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        if total == 0 {
            return 0;
        }
        let mut x = self.0.random_range(0..total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    pub fn digits(&mut self, n: u32) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.0.random_range(0..10u8)))
            .collect()
    }

    pub fn upper(&mut self, n: u32) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.0.random_range(0..26u8)))
            .collect()
    }
}

/// Seeded UUIDv7 identifiers: the timestamp comes from the data (never the clock), the
/// random bits from the seed.
pub struct Ids(ChaCha8Rng);

impl Ids {
    pub fn new(seed: u64) -> Ids {
        Ids::on(seed, Stream::Ids)
    }

    /// Identifiers from a stream of their own.
    pub fn on(seed: u64, stream: Stream) -> Ids {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream as u64);
        Ids(rng)
    }

    /// A UUIDv7 whose timestamp is `at`.
    pub fn at(&mut self, at: DateTime<Utc>) -> Uuid {
        let mut bytes = [0u8; 10];
        self.0.fill_bytes(&mut bytes);
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid()
    }
}
