//! Response classes and deadline arithmetic for repairs (PvE 7.1). Being written.

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
