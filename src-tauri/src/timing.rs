//! Start-up timing: the moment the process started and the first time each screen is drawn.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static REPORTED: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();

/// Call first thing in main.
pub fn mark_start() {
    let _ = START.set(Instant::now());
}

/// Logs the first drawing of a screen with the milliseconds since start.
pub fn drawn(screen: &str) {
    let Some(start) = START.get() else { return };
    let set = REPORTED.get_or_init(|| Mutex::new(HashSet::new()));
    let mut set = crate::state::lock(set);
    if set.insert(screen.to_string()) {
        println!(
            "veldwerk: {screen} drawn {} ms after launch",
            start.elapsed().as_millis()
        );
    }
}
